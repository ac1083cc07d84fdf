"""The cascade of two compact taggers: the sentences the first stage doubts most are labelled
again by the second (tagwerk.ner.tagger, ``tagwerk train cascade``). On the shipped taggers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tagwerk.ner.cascade import doubt_threshold, expected_errors
from tagwerk.ner.models import ACCURATE_TAGGER_NAME, shipped_tagger_path
from tagwerk.ner.tagger import PieceTagger, TaggerError

SENTENCES = [
    ["Kremlchef", "Wladimir", "Putin", "empfing", "in", "Moskau", "den", "nordkoreanischen", "Machthaber", "Kim", "Jong", "Un", "."],
    ["Das", "Wetter", "war", "am", "Montag", "schön", "."],
    ["Die", "Außenministerin", "Choe", "Son", "Hui", "sprach", "mit", "KCNA", "über", "die", "UN-Sanktionen", "."],
    ["Der", "FC", "Bayern", "verlor", "gegen", "Borussia", "Dortmund", "."],
    ["Nach", "Angaben", "der", "Vereinten", "Nationen", "flohen", "Tausende", "aus", "Al-Faschir", "."],
    ["Er", "sagte", ",", "man", "werde", "weiter", "verhandeln", "."],
]


@pytest.fixture(scope="module")
def shipped() -> tuple[Path, Path]:
    default, accurate = shipped_tagger_path(), shipped_tagger_path(ACCURATE_TAGGER_NAME)
    if default is None or accurate is None:
        pytest.skip("no shipped taggers")
    return default, accurate


def _first_stage(tmp_path: Path, default: Path, accurate: Path, doubt: float | None) -> Path:
    """A tagger folder with the default's layers and table (borrowed, nothing copied) and, with
    ``doubt``, a cascade to the accurate tagger."""
    folder = tmp_path / "first"
    folder.mkdir()
    meta = json.loads((default / "tagger.json").read_text(encoding="utf-8"))
    meta.pop("cascade", None)
    meta["table"] = os.path.relpath(default.resolve(), folder.resolve())
    meta["table_sha1"] = PieceTagger(default, cascade=False).table_sha1
    if doubt is not None:
        meta["cascade"] = {"tagger": os.path.relpath(accurate.resolve(), folder.resolve()), "expected_errors": doubt}
    (folder / "tagger.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "encoder.onnx").symlink_to((default / "encoder.onnx").resolve())
    return folder


def test_expected_errors_sums_the_doubt_of_each_word() -> None:
    probs = np.array([[0.9, 0.1], [0.5, 0.5], [1.0, 0.0]])
    assert expected_errors(np.log(np.clip(probs, 1e-12, 1))) == pytest.approx(0.1 + 0.5 + 0.0)
    assert expected_errors(np.zeros((0, 2))) == 0.0


def test_the_sentences_in_doubt_go_to_the_second_stage(tmp_path: Path, shipped) -> None:
    default, accurate = shipped
    alone, second = PieceTagger(default, cascade=False), PieceTagger(accurate)
    doubts = [expected_errors(lp) for lp in alone.log_probs(SENTENCES)]
    middle = float(np.median(doubts))
    cascade = PieceTagger(_first_stage(tmp_path, default, accurate, middle))
    assert cascade.second is not None and cascade.second.table is cascade.table  # one table in memory
    again = [i for i, d in enumerate(doubts) if d > middle]
    assert 0 < len(again) < len(SENTENCES)
    relabelled = dict(zip(again, second.log_probs([SENTENCES[i] for i in again]), strict=True))
    first = alone.log_probs(SENTENCES)
    got = cascade.log_probs(SENTENCES)
    for i, lp in enumerate(got):
        assert np.array_equal(lp, relabelled.get(i, first[i]))
    assert cascade.predict(SENTENCES)[0]  # names found in the first sentence


@pytest.mark.parametrize("doubt, same_as", [(-1.0, "second"), (1e9, "first")])
def test_the_threshold_runs_all_or_nothing_through_the_second_stage(tmp_path: Path, shipped, doubt, same_as) -> None:
    default, accurate = shipped
    cascade = PieceTagger(_first_stage(tmp_path, default, accurate, doubt))
    expected = PieceTagger(accurate if same_as == "second" else default, cascade=False)
    assert cascade.predict(SENTENCES) == expected.predict(SENTENCES)
    assert PieceTagger(cascade.path, cascade=False).second is None


def test_a_cascade_to_a_missing_tagger_is_a_clear_error(tmp_path: Path, shipped) -> None:
    default, _ = shipped
    folder = _first_stage(tmp_path, default, tmp_path / "nowhere", 0.5)
    with pytest.raises(TaggerError, match="second stage"):
        PieceTagger(folder)


def test_the_threshold_gives_the_second_stage_its_share_of_the_words(shipped) -> None:
    default, _ = shipped
    tagger = PieceTagger(default, cascade=False)
    threshold, figures = doubt_threshold(tagger, SENTENCES * 3, 0.4)
    doubts = np.array([expected_errors(lp) for lp in tagger.log_probs(SENTENCES * 3)])
    words = np.array([len(s) for s in SENTENCES * 3])
    assert figures["share_of_words"] == pytest.approx(words[doubts > threshold].sum() / words.sum(), abs=1e-4)
    assert 0 < figures["share_of_words"] <= 0.4
    with pytest.raises(ValueError):
        doubt_threshold(tagger, SENTENCES, 1.5)


def test_train_cascade_writes_and_removes_the_entry(tmp_path: Path, shipped) -> None:
    from tagwerk.cli import app

    default, accurate = shipped
    folder = _first_stage(tmp_path, default, accurate, None)
    text = tmp_path / "news.jsonl"
    text.write_text("\n".join(json.dumps({"text": " ".join(s)}, ensure_ascii=False) for s in SENTENCES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "cascade", "--tagger", str(folder), "--second", str(accurate), "--text", str(text),
                                      "--share", "0.5"])
    assert result.exit_code == 0, result.output
    spec = json.loads((folder / "tagger.json").read_text(encoding="utf-8"))["cascade"]
    assert (folder / spec["tagger"]).resolve() == accurate.resolve()
    assert spec["share"] == 0.5 and 0 < spec["share_of_words"] <= 0.5 and spec["text"] == ["news.jsonl"]
    assert PieceTagger(folder).second is not None
    result = CliRunner().invoke(app, ["train", "cascade", "--tagger", str(folder), "--off"])
    assert result.exit_code == 0 and "cascade" not in json.loads((folder / "tagger.json").read_text(encoding="utf-8"))
    bad = CliRunner().invoke(app, ["train", "cascade", "--tagger", str(tmp_path), "--second", str(accurate), "--text", str(text)])
    assert bad.exit_code == 1 and "not a compact tagger" in bad.output
    bad = CliRunner().invoke(app, ["train", "cascade", "--tagger", str(folder), "--text", str(text)])
    assert bad.exit_code == 1 and "needs --second" in bad.output


def test_fast_names_the_default_without_its_cascade(shipped) -> None:
    from tagwerk.ner.models import cascades, model_tag, resolve_model
    from tagwerk.stages.ner import _load_piece_model

    default, _ = shipped
    assert resolve_model("fast") == default and model_tag("fast") == "+fast"
    assert not cascades("fast") and cascades(None) and cascades("accurate")
    assert _load_piece_model(str(default.resolve()), False).second is None


def test_the_shipped_default_hands_its_doubts_to_the_accurate_tagger(shipped) -> None:
    default, accurate = shipped
    tagger = PieceTagger(default)
    assert tagger.second is not None and tagger.second.path == accurate.resolve()
    assert tagger.second.table is tagger.table and 0 < tagger.doubt < 5
    assert tagger.meta["cascade"]["share"] == 0.1
