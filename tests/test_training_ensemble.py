"""NER ensembles: span voting and averaged distributions on hand-made input, silver Docs from real models."""

from __future__ import annotations

import numpy as np
import pytest

from tagwerk.training.ensemble import vote_spans


def test_majority_keeps_spans_most_models_agree_on() -> None:
    preds = [
        [(0, 2, "PER"), (5, 6, "LOC")],
        [(0, 2, "PER"), (7, 8, "ORG")],
        [(0, 2, "PER"), (5, 6, "LOC"), (9, 10, "OTH")],
    ]
    assert vote_spans(preds) == [(0, 2, "PER"), (5, 6, "LOC")]


def test_label_is_part_of_the_vote() -> None:
    preds = [[(0, 1, "PER")], [(0, 1, "ORG")], [(0, 1, "LOC")]]
    assert vote_spans(preds) == []
    assert vote_spans(preds, min_votes=1) == [(0, 1, "LOC")]  # a full tie goes to the label first in alphabetical order


def test_overlapping_winners_more_votes_then_longer() -> None:
    preds = [
        [(0, 3, "ORG")],
        [(0, 3, "ORG"), (0, 1, "LOC")],
        [(0, 1, "LOC")],
        [(0, 1, "LOC")],
    ]
    # (0,1,LOC) has 3 votes, (0,3,ORG) 2: both pass min_votes=2, the overlap goes to LOC
    assert vote_spans(preds, min_votes=2) == [(0, 1, "LOC")]
    preds_tie = [[(0, 3, "ORG"), (4, 5, "PER")], [(0, 1, "LOC"), (4, 5, "PER")]]
    assert vote_spans(preds_tie, min_votes=1) == [(0, 3, "ORG"), (4, 5, "PER")]


def test_one_model_is_itself_and_no_model_is_nothing() -> None:
    spans = [(2, 4, "PER"), (0, 1, "LOC")]
    assert vote_spans([spans]) == sorted(spans)
    assert vote_spans([]) == []
    with pytest.raises(ValueError):
        vote_spans([spans], min_votes=0)


def test_a_model_voting_twice_for_a_span_counts_once() -> None:
    preds = [[(0, 1, "PER"), (0, 1, "PER")], [], []]
    assert vote_spans(preds) == []


def test_ensemble_silver_docs_agree_with_a_single_model_ensemble() -> None:
    from tagwerk.ner.nlp import load_nlp

    nlp = load_nlp()
    if "ner" not in nlp.pipe_names:
        pytest.skip("no NER model installed")
    from tagwerk.training.ensemble import ensemble_silver_docs

    text = "Der russische Präsident Wladimir Putin traf in Moskau den Außenminister Sergej Lawrow."
    (doc,) = ensemble_silver_docs([nlp, nlp, nlp], [text])
    single = nlp(text)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in single.ents]
    assert any(e.text == "Moskau" and e.label_ == "LOC" for e in doc.ents)
    assert all(t.ent_iob_ in ("B", "I", "O") for t in doc)  # every token annotated, none missing


CONLL_GOLD = (
    "Olaf B-PER\nScholz I-PER\nreist O\nnach O\nParis B-LOC\n. O\n\n"
    "Die O\nNato B-ORG\ntagt O\nin O\nBrüssel B-LOC\n. O\n\n"
    "Angela B-PER\nMerkel I-PER\nlobt O\ndie O\nEuropäische B-ORG\nUnion I-ORG\n. O\n\n"
)


def test_train_ner_with_an_ensemble_teacher_end_to_end(tmp_path, monkeypatch) -> None:
    """`tagwerk train ner --silver F --teacher A --teacher B`: silver Docs from the vote,
    a loadable model, and the teachers recorded in its meta.json (a few steps only)."""
    import json

    from typer.testing import CliRunner

    from tagwerk.cli import app
    from tagwerk.ner.models import shipped_model_path

    teacher = shipped_model_path()
    if teacher is None:
        pytest.skip("no NER model installed")
    gold = tmp_path / "gold.conll"
    gold.write_text(CONLL_GOLD, encoding="utf-8")
    silver = tmp_path / "silver.jsonl"
    silver.write_text(json.dumps({"text": "Der Außenminister Sergej Lawrow reiste am Montag nach Pjöngjang, "
                                          "wo ihn Kim Jong Un empfing."}) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    result = CliRunner().invoke(app, [
        "train", "ner", "--train", str(gold), "--dev", str(gold), "--out", str(out),
        "--silver", str(silver), "--silver", str(silver), "--teacher", str(teacher), "--teacher", str(teacher), "--min-votes", "2",
        "--set", "training.max_steps=4", "--set", "training.eval_frequency=2",
    ])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "model-last" / "meta.json").read_text(encoding="utf-8"))
    assert meta["tagwerk"]["teachers"] == [str(teacher), str(teacher)]
    assert meta["tagwerk"]["silver"] == ["silver.jsonl", "silver.jsonl"]  # --silver repeats
    assert meta["tagwerk"]["silver_paragraphs"] == 2
    assert meta["tagwerk"]["min_votes"] == 2
    assert meta["tagwerk"]["extra_docs"] == 2
    import spacy

    nlp = spacy.load(out / "model-last")
    assert nlp.pipe_names == ["tok2vec", "ner"]


def test_silver_spans_never_start_or_end_on_whitespace() -> None:
    """Teachers see the words only; a span over ``Putin \\n`` must not take the line break
    (spaCy cannot train on such a span)."""
    from tagwerk.training.ensemble import silver_docs_voted

    def whole_text(token_lists: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        return [[(0, len(words), "PER")] if words else [] for words in token_lists]

    docs = silver_docs_voted([whole_text], ["Wladimir  Putin\n\n", "\n\n"])
    (ent,) = docs[0].ents
    assert ent.text == "Wladimir  Putin"
    assert not docs[1].ents


class _Fixed:
    """A model whose tag distributions are given: one array per token list."""

    def __init__(self, arrays) -> None:
        self.arrays = arrays

    def log_probs(self, token_lists, **_):
        return [np.log(a) for a in self.arrays]


def _dist(**tags: float) -> np.ndarray:
    from tagwerk.ner.tagger import TAG_INDEX, TAGS

    row = np.full(len(TAGS), 1e-6)
    for tag, p in tags.items():
        row[TAG_INDEX[tag.replace("_", "-")]] = p
    return row / row.sum()


def test_mean_distribution_averages_probabilities_then_decodes() -> None:
    from tagwerk.training.ensemble import MeanDistribution

    # word 0: one model is sure of PER, the other leans to O; the mean (0.65) still says PER
    a = _Fixed([np.stack([_dist(B_PER=0.9, O=0.1), _dist(O=1.0)])])
    b = _Fixed([np.stack([_dist(B_PER=0.4, O=0.6), _dist(O=0.7, B_LOC=0.3)])])
    mean = MeanDistribution([a, b])
    (lp,) = mean.log_probs([["Putin", "sprach"]])
    assert np.allclose(np.exp(lp).sum(axis=1), 1.0, atol=1e-4)
    assert np.exp(lp[0]).max() == pytest.approx(0.65, abs=1e-3)
    assert mean.predict([["Putin", "sprach"]]) == [[(0, 1, "PER")]]
    # (a majority vote of the two would drop it: b's best tag is O); a third model sure of O tips the mean
    c = _Fixed([np.stack([_dist(O=1.0), _dist(O=1.0)])])
    assert MeanDistribution([a, b, c]).predict([["Putin", "sprach"]]) == [[]]
    with pytest.raises(ValueError):
        MeanDistribution([])
