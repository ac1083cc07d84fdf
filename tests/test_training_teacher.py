"""The e5 encoder reader and the transformer NER teacher, on a tiny encoder file written here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tagwerk.ner.e5 import BLOCK, EncoderFile, EncoderFileError, dequantize_q4
from tagwerk.ner.tagger import (
    TAG_INDEX,
    TAGS,
    PieceVocab,
    allowed_transitions,
    viterbi,
    windows,
)
from tagwerk.training.gold import GoldSentence
from tiny_encoder import PIECES, write_encoder


def test_dequantize_q4_reads_low_then_high_nibbles() -> None:
    scale = np.array([0.5], dtype="<f2").tobytes()
    raw = np.frombuffer(scale + bytes([0x9F] + [0x88] * 15), dtype=np.uint8)
    values = dequantize_q4(raw, BLOCK)
    assert values[0] == pytest.approx((0xF - 8) * 0.5)   # low nibble of byte 0 -> weight 0
    assert values[16] == pytest.approx((0x9 - 8) * 0.5)  # high nibble of byte 0 -> weight 16
    assert not values[1:16].any() and not values[17:].any()


def test_piece_vocab_takes_the_most_probable_segmentation() -> None:
    scores = np.array([0, 0, 0, 0, -5, -2, -3, -4, -4, -2, -2, -6, -6, -6, -6, -6], dtype=np.float32)
    vocab = PieceVocab(PIECES, scores, {"\u00a0": " "}, bos=0, eos=2, pad=1, unk=3)
    assert [PIECES[i] for i in vocab.encode_word("Putins")] == ["\u2581Putin", "s"]
    assert [PIECES[i] for i in vocab.encode_word("Moskau")] == ["\u2581Mos", "kau"]
    # a character no piece covers becomes <unk>, the rest is still segmented
    assert [PIECES[i] for i in vocab.encode_word("Putin\u00e9")] == ["\u2581Putin", "<unk>"]


def test_encoder_file_round_trip(tmp_path: Path) -> None:
    f = EncoderFile(write_encoder(tmp_path / "tiny.bin"))
    assert (f.config.hidden, f.config.layers, f.config.heads, f.config.ffn) == (32, 1, 2, 64)
    assert f.vocab.pieces == PIECES and (f.vocab.bos, f.vocab.eos, f.vocab.pad, f.vocab.unk) == (0, 2, 1, 3)
    assert f.vocab.norm == {"\u00a0": " "}
    assert f.tensor("emb.word", (len(PIECES), 32)).shape == (len(PIECES), 32)
    assert np.array_equal(f.tensor("l0.aln.w"), np.ones(32, dtype=np.float32))
    with pytest.raises(EncoderFileError):
        f.tensor("no.such")


def test_encoder_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"NOPE" + bytes(100))
    with pytest.raises(EncoderFileError, match="not an e5 model"):
        EncoderFile(bad)
    good = write_encoder(tmp_path / "tiny.bin").read_bytes()
    bad.write_bytes(good[:200])
    with pytest.raises(EncoderFileError, match="truncated"):
        EncoderFile(bad)
    with pytest.raises(EncoderFileError, match="cannot read"):
        EncoderFile(tmp_path / "missing.bin")


def test_viterbi_never_opens_a_span_with_i() -> None:
    ok = allowed_transitions()
    lp = np.full((3, len(TAGS)), -10.0)
    lp[0, TAG_INDEX["I-PER"]] = -0.1  # best alone, but invalid at the start
    lp[0, TAG_INDEX["B-PER"]] = -1.0
    lp[1, TAG_INDEX["I-PER"]] = -0.1
    lp[2, TAG_INDEX["I-LOC"]] = -0.1  # invalid after a PER tag
    lp[2, TAG_INDEX["O"]] = -2.0
    assert [TAGS[t] for t in viterbi(lp, ok)] == ["B-PER", "I-PER", "O"]
    assert viterbi(np.zeros((0, len(TAGS))), ok) == []


def test_windows_split_long_texts_on_word_borders() -> None:
    pieces = [(1, 2)] * 5 + [(1,) * 10]
    assert windows(pieces, limit=6) == [(0, 3), (3, 5), (5, 6)]
    assert windows([(1,)] * 3, limit=6) == [(0, 3)]


@pytest.fixture()
def tiny_teacher(tmp_path: Path):
    torch = pytest.importorskip("torch")
    from tagwerk.training.teacher import Teacher

    torch.manual_seed(0)
    return Teacher(EncoderFile(write_encoder(tmp_path / "tiny.bin")), seed=0, dropout=0.0, threads=1)


def test_teacher_learns_and_round_trips(tiny_teacher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tagwerk.training import teacher as teacher_mod

    sents = [
        GoldSentence(["Putin", "war", "in", "Moskau", "."], ["B-PER", "O", "O", "B-LOC", "O"]),
        GoldSentence(["Moskau", "war", "Putins", "."], ["B-LOC", "O", "B-PERderiv", "O"]),
    ] * 8
    before = tiny_teacher.predict([s.tokens for s in sents[:2]])
    tiny_teacher.fit(sents, epochs=30, lr=3e-3, head_lr=3e-2, batch_words=40, log=lambda m: None)
    after = tiny_teacher.predict([s.tokens for s in sents[:2]])
    assert after == [[(0, 1, "PER"), (3, 4, "LOC")], [(0, 1, "LOC"), (2, 3, "PERderiv")]]
    assert after != before
    out = tiny_teacher.save(tmp_path / "teacher", {"note": "test"})
    meta = json.loads((out / "teacher.json").read_text())
    assert meta["tags"] == list(TAGS) and meta["note"] == "test"
    # loading reads the frozen table from the encoder file again
    again = teacher_mod.Teacher.load(out, tiny_teacher.file)
    assert again.predict([s.tokens for s in sents[:2]]) == after

    # the teacher as the model of the ner stage: sentences of the tokens stage, mentions
    from tagwerk.article import parse_text
    from tagwerk.pipeline import Analyzer, AnalyzerConfig
    from tagwerk.stages import ner as ner_stage

    monkeypatch.setattr(ner_stage, "_load_piece_model", lambda path, cascade=True: again)
    analyzer = Analyzer(AnalyzerConfig(stages=("tokens", "ner"), ner_model=out))
    analysis = analyzer.analyze(parse_text("Putin war in Moskau.\n\nMoskau war Putins.", headline_first=False))
    found = [(m.text, m.label, m.derived) for m in analysis.mentions]
    assert found == [("Putin", "PER", False), ("Moskau", "LOC", False), ("Moskau", "LOC", False), ("Putins", "PER", True)]
    assert all(analysis.article.text[m.start:m.end] == m.text for m in analysis.mentions)
    # analyses by a model other than the shipped one carry its identity in the ner version
    assert analysis.stages["ner"].startswith(ner_stage.VERSION + "+teacher.")
    assert analyzer.versions["ner"] == analysis.stages["ner"]


def test_teacher_silver_docs(tiny_teacher) -> None:
    from tagwerk.training.ensemble import silver_docs_voted

    docs = silver_docs_voted([tiny_teacher.predict], ["Putin war in Moskau.", ""])
    assert [t.text for t in docs[0]] == ["Putin", "war", "in", "Moskau", "."]
    assert all(t.ent_iob_ in ("B", "I", "O") for t in docs[0])
    assert len(docs[1]) == 0


def test_train_and_evaluate_teacher_cli(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from typer.testing import CliRunner

    from tagwerk.cli import app

    gold = tmp_path / "gold.tsv"
    rows = ["Putin B-PER O", "war O O", "in O O", "Moskau B-LOC O", ". O O"]
    gold.write_text("\n\n".join("\n".join(f"{i + 1}\t{r.replace(' ', chr(9))}" for i, r in enumerate(rows)) for _ in range(6)) + "\n\n",
                    encoding="utf-8")
    encoder = write_encoder(tmp_path / "tiny.bin")
    out = tmp_path / "teacher"
    runner = CliRunner()
    res = runner.invoke(app, ["train", "teacher", "--train", str(gold), "--dev", str(gold), "--out", str(out),
                              "--encoder", str(encoder), "--epochs", "2", "--threads", "1", "--batch-pieces", "600"])
    assert res.exit_code == 0, res.output
    assert "(b) 4 classes" in res.output
    meta = json.loads((out / "teacher.json").read_text())
    assert meta["train_sentences"] == 6 and meta["encoder_path"] == str(encoder.resolve()) and "four" in meta["dev"]
    assert meta["batch_pieces"] == 600
    res = runner.invoke(app, ["evaluate", "ner", str(gold), "--model", str(out), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores["four"]["micro"]["f1"] == pytest.approx(meta["dev"]["four"], abs=1e-4)
    # the teacher as the ner stage's model, with the entities stage on top
    res = runner.invoke(app, ["evaluate", "ner", str(gold), "--model", str(out), "--with-entities", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["four"]["micro"]["tp"] + json.loads(res.output)["four"]["micro"]["fn"] == 12
    res = runner.invoke(app, ["evaluate", "ner", str(gold), "--model", str(out), "--model", str(out), "--with-entities"])
    assert res.exit_code != 0 and "not an ensemble" in res.output
