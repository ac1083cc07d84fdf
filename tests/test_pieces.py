"""Sentence pieces, windows and the compact transformer tagger (tagwerk.ner.tagger), and the student
that ``tagwerk train student`` distils from a teacher, on the tiny encoder file of the teacher tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tagwerk.ner.models import is_tagger_dir
from tagwerk.ner.tagger import (
    TAG_INDEX,
    TAGS,
    PieceTagger,
    PieceVocab,
    TaggerError,
    allowed_transitions,
    decode,
    pad_rows,
    pool_index,
    share_table,
    viterbi,
    word_log_probs,
    word_rows,
)
from tagwerk.training.gold import GoldSentence
from tiny_encoder import PIECES, write_encoder

SCORES = np.array([0, 0, 0, 0, -5, -2, -3, -4, -4, -2, -2, -6, -6, -6, -6, -6], dtype=np.float32)


def vocab() -> PieceVocab:
    return PieceVocab(PIECES, SCORES, {"\u00a0": " "}, bos=0, eos=2, pad=1, unk=3)


def test_subset_keeps_specials_and_splits_into_kept_pieces_only() -> None:
    full = vocab()
    small = full.subset([0, 1, 2, 3, 4, 6, 11, 12, 13, 14, 15])  # no "▁Putin"
    assert (small.bos, small.pad, small.eos, small.unk) == (0, 1, 2, 3)
    assert [small.pieces[i] for i in small.encode_word("Putins")] == ["\u2581P", "u", "t", "i", "n", "s"]
    with pytest.raises(TaggerError, match="special"):
        full.subset([4, 5, 6])
    again = PieceVocab.from_json(json.loads(json.dumps(small.to_json())))
    assert again.pieces == small.pieces and again.encode_word("Putins") == small.encode_word("Putins")
    assert again.norm == {"\u00a0": " "}


def test_word_log_probs_reassembles_windows_in_input_order() -> None:
    """Long token lists are cut into windows and batched by length; each word's row must still
    come from its own first piece, in the order of the input."""
    v = vocab()
    seen: list[tuple[int, int]] = []

    def run(ids: np.ndarray, mask: np.ndarray, firsts: list[list[int]]) -> np.ndarray:
        seen.append(ids.shape)
        out = np.zeros((*ids.shape, len(TAGS)), dtype=np.float32)
        out[..., 0] = ids  # the piece id shows through at the first piece of each word
        assert not mask[:, 0].any() or mask[:, 0].all()
        return out

    lists = [["Putin", "war"] * 200, ["in"], [], ["Moskau", "Putins"]]
    got = word_log_probs(v, lists, run, batch_pieces=100)
    assert [g.shape[0] for g in got] == [400, 1, 0, 2]
    assert list(got[0][:4, 0]) == [5, 10, 5, 10]  # ▁Putin, ▁war
    assert list(got[3][:, 0]) == [7, 5]           # ▁Mos (first piece of Moskau), ▁Putin
    assert len(seen) > 2 and all(shape[1] <= 256 for shape in seen)


def test_pool_index_takes_the_begin_piece_each_word_and_the_end_piece() -> None:
    v = vocab()
    ids, mask, firsts = pad_rows(v, [v.encode(["Moskau", "Putins"]), v.encode(["in"])])
    assert [len(p) for p in v.encode(["Moskau", "Putins"])] == [2, 2]  # ▁Mos kau, ▁Putin s
    pool, keep_mask = pool_index(mask, firsts)
    assert keep_mask.tolist() == [[True] * 4, [True, True, True, False]]
    assert pool.shape == (2, 4, ids.shape[1]) and set(pool.sum(axis=2)[keep_mask].tolist()) == {1.0}
    assert ids[0, pool[0].argmax(axis=1)].tolist() == [v.bos, 7, 5, v.eos]  # first pieces
    assert ids[1, pool[1, :3].argmax(axis=1)].tolist() == [v.bos, v.encode_word("in")[0], v.eos]
    mean, _ = pool_index(mask, firsts, "mean")
    assert mean[0, 1].tolist()[:5] == [0.0, 0.5, 0.5, 0.0, 0.0]  # Moskau: both of its pieces
    assert mean[0, 2].tolist()[:6] == [0.0, 0.0, 0.0, 0.5, 0.5, 0.0]
    assert np.array_equal(mean[1], pool[1]) and not mean[1, 3].any()  # one piece: the same; padding: zero
    with pytest.raises(TaggerError, match="pooling"):
        pool_index(mask, firsts, "max")
    assert word_rows(firsts, pooled=True).tolist() == [[1, 2], [1, 0]]
    assert word_rows(firsts).tolist() == [firsts[0], [firsts[1][0], 0]]


def test_decode_gives_valid_spans() -> None:
    lp = np.full((4, len(TAGS)), -9.0)
    for i, tag in enumerate(["B-PER", "I-PER", "O", "I-LOC"]):  # I-LOC cannot start a span
        lp[i, TAG_INDEX[tag]] = 0.0
    lp[3, TAG_INDEX["B-LOC"]] = -1.0
    assert decode(lp) == [(0, 2, "PER"), (3, 4, "LOC")]


def test_viterbi_finds_the_best_valid_sequence_with_or_without_the_shortcut() -> None:
    """Where each word's best tag already forms a valid sequence it is returned as is; otherwise
    the search runs. Either way the path is valid and scores as well as the best of all valid
    sequences (brute force over three words)."""
    import itertools

    ok = allowed_transitions()
    k = len(TAGS)
    valid = {seq for seq in itertools.product(range(k), repeat=3)
             if not TAGS[seq[0]].startswith("I-") and ok[seq[0], seq[1]] and ok[seq[1], seq[2]]}
    rng = np.random.default_rng(0)
    shortcut = searched = 0
    for trial in range(40):
        lp = rng.normal(size=(3, k))
        if trial % 2:  # a peaked, valid best path: B-PER I-PER O
            for i, tag in enumerate(["B-PER", "I-PER", "O"]):
                lp[i, TAG_INDEX[tag]] += 10
        best = lp.argmax(axis=1)
        if not TAGS[best[0]].startswith("I-") and ok[best[:-1], best[1:]].all():
            shortcut += 1
        else:
            searched += 1
        path = viterbi(lp, ok)
        assert tuple(path) in valid
        top = max(sum(lp[i, t] for i, t in enumerate(seq)) for seq in valid)
        assert sum(lp[i, t] for i, t in enumerate(path)) == pytest.approx(top)
    assert shortcut >= 20 and searched >= 10


def test_tagger_folder_errors(tmp_path: Path) -> None:
    assert not is_tagger_dir(tmp_path)
    (tmp_path / "tagger.json").write_text(json.dumps({"tags": list(TAGS)}), encoding="utf-8")
    assert is_tagger_dir(tmp_path)
    with pytest.raises(TaggerError, match="not a complete tagger"):
        PieceTagger(tmp_path)


def _table_folder(folder: Path, pieces: list[str], layers: int) -> Path:
    """A tagger folder's card and piece table (no graph: enough for the table's checks)."""
    folder.mkdir()
    (folder / "tagger.json").write_text(json.dumps({"tags": list(TAGS), "layers": layers}), encoding="utf-8")
    (folder / "pieces.json").write_text(json.dumps({"pieces": pieces}), encoding="utf-8")
    q = np.arange(len(pieces) * 4, dtype=np.int8).reshape(len(pieces), 4)
    np.savez_compressed(folder / "embeddings.npz", q=q, scale=np.ones(len(pieces), np.float32))
    return folder


def test_a_tagger_folder_borrows_an_identical_piece_table(tmp_path: Path) -> None:
    from tagwerk.ner.tagger import TABLE_FILES, table_dir

    owner = _table_folder(tmp_path / "four", ["a", "b"], 4)
    borrower = _table_folder(tmp_path / "six", ["a", "b"], 6)
    other = _table_folder(tmp_path / "other", ["a", "c"], 4)
    with pytest.raises(TaggerError, match="differs"):
        share_table(other, owner)
    assert all((other / name).is_file() for name in TABLE_FILES)  # nothing deleted on refusal
    share_table(borrower, owner)
    meta = json.loads((borrower / "tagger.json").read_text(encoding="utf-8"))
    assert meta["table"] == "../four" and meta["layers"] == 6 and len(meta["table_sha1"]) == 40
    assert not any((borrower / name).exists() for name in TABLE_FILES)
    assert table_dir(borrower, meta) == owner.resolve()
    # the owner's table changes: loading the borrower fails with a clear error instead of
    # running its layers on embeddings they were not trained with
    np.savez_compressed(owner / "embeddings.npz", q=np.zeros((2, 4), np.int8), scale=np.ones(2, np.float32))
    with pytest.raises(TaggerError, match="has changed"):
        PieceTagger(borrower)
    (owner / "embeddings.npz").unlink()
    with pytest.raises(TaggerError, match="not a complete tagger"):
        PieceTagger(borrower)


def test_shipped_accurate_tagger_borrows_the_default_table() -> None:
    from tagwerk.ner.models import ACCURATE_TAGGER_NAME, shipped_tagger_path

    if shipped_tagger_path(ACCURATE_TAGGER_NAME) is None or shipped_tagger_path() is None:
        pytest.skip("no shipped taggers")
    accurate, default = PieceTagger(shipped_tagger_path(ACCURATE_TAGGER_NAME)), PieceTagger(shipped_tagger_path())
    assert accurate.table_dir == default.path.resolve()
    assert (accurate.meta["layers"], default.meta["layers"]) == (8, 6)
    assert (default.meta["heads"], default.meta["ffn"]) == (6, 1024)
    words = ["Kremlchef", "Wladimir", "Putin", "reist", "nach", "Pjöngjang", "."]
    [spans_accurate], [spans_default] = accurate.predict([words]), default.predict([words])
    assert (1, 3, "PER") in spans_accurate and (1, 3, "PER") in spans_default


def test_select_pieces_covers_words_and_characters() -> None:
    from tagwerk.training.student import select_pieces

    keep = select_pieces(vocab(), ["Moskau"])
    kept = {PIECES[i] for i in keep}
    assert {"<s>", "</s>", "<pad>", "<unk>", "\u2581Mos", "kau", "s", "u", "t", "i", "n"} <= kept
    assert "\u2581Putin" not in kept and "\u2581war" not in kept and keep == sorted(keep)


def test_targets_round_trip(tmp_path: Path) -> None:
    from tagwerk.training.student import load_targets, save_targets

    probs = np.full((3, len(TAGS)), 1 / len(TAGS), dtype=np.float32)
    targets = [(["Putin", "in", "Moskau"], probs), ([], probs[:0]), (["war"], probs[:1])]
    save_targets(tmp_path / "t.npz", targets)
    back = load_targets(tmp_path / "t.npz")
    assert [w for w, _ in back] == [["Putin", "in", "Moskau"], [], ["war"]]
    assert np.allclose(back[0][1], probs, atol=1e-3)


SENTS = [
    GoldSentence(["Putin", "war", "in", "Moskau", "."], ["B-PER", "O", "O", "B-LOC", "O"]),
    GoldSentence(["Moskau", "war", "Putins", "."], ["B-LOC", "O", "B-PERderiv", "O"]),
] * 8


@pytest.mark.parametrize(("layers", "pool_after", "pool"), [(1, None, "first"), (2, 1, "first"), (2, 1, "mean")])
def test_student_learns_from_soft_targets_and_exports(tmp_path: Path, layers: int, pool_after: int | None, pool: str) -> None:
    """A student, plain or pooling (its second layer runs on one position per word), learns
    soft targets, and its exported graph (without int8) gives what PyTorch gives."""
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from tagwerk.ner.e5 import EncoderFile
    from tagwerk.training.teacher import Teacher

    enc = EncoderFile(write_encoder(tmp_path / "tiny.bin", layers=2))
    # soft targets only: the teacher's distributions, here sharp ones made from the gold tags
    soft = []
    for s in SENTS:
        p = np.full((len(s.tokens), len(TAGS)), 0.01 / (len(TAGS) - 1), dtype=np.float32)
        p[np.arange(len(s.tokens)), [TAG_INDEX[t] for t in s.outer]] = 0.99
        soft.append((s.tokens, p))
    keep = list(range(len(PIECES)))
    student = Teacher(enc, seed=0, dropout=0.0, threads=1, layers=layers, keep=keep, pool_after=pool_after, pool=pool)
    assert student.layers == layers and len(student.model.layers) == layers and student.pool_after == pool_after
    student.fit([], soft=soft, epochs=30, lr=3e-3, head_lr=3e-2, batch_words=40, log=lambda m: None)
    expected = [[(0, 1, "PER"), (3, 4, "LOC")], [(0, 1, "LOC"), (2, 3, "PERderiv")]]
    assert student.predict([s.tokens for s in SENTS[:2]]) == expected

    out = student.export(tmp_path / "tagger", {"note": "test"}, quantize=False)
    meta = json.loads((out / "tagger.json").read_text())
    assert meta["layers"] == layers and meta["pieces"] == len(PIECES) and meta["note"] == "test"
    assert meta.get("pool_after") == pool_after and meta.get("pool") == (pool if pool_after else None)
    tagger = PieceTagger(out)
    assert tagger.pooled == bool(pool_after)
    assert tagger.predict([s.tokens for s in SENTS[:2]]) == expected
    # the export gave the heads' reshapes constant target shapes (tagwerk.training.graph)
    import onnx

    graph = onnx.load(str(out / "encoder.onnx")).graph
    made = {o: n.op_type for n in graph.node for o in n.output}
    reshapes = [n for n in graph.node if n.op_type == "Reshape"]
    assert reshapes and all(made.get(n.input[1]) is None for n in reshapes)
    # the int8 table and graph agree with PyTorch to within rounding
    torch_lp = student.log_probs([SENTS[0].tokens])[0]
    onnx_lp = tagger.log_probs([SENTS[0].tokens])[0]
    assert np.allclose(np.exp(torch_lp), np.exp(onnx_lp), atol=0.05)
    # a saved student loads with its pooling
    again = Teacher.load(student.save(tmp_path / "saved"), enc)
    assert (again.pool_after, again.pool) == (pool_after, pool)

    # the tagger as the ner stage's model
    from tagwerk.article import parse_text
    from tagwerk.pipeline import Analyzer, AnalyzerConfig
    from tagwerk.stages import ner as ner_stage

    analyzer = Analyzer(AnalyzerConfig(stages=("tokens", "ner"), ner_model=out))
    analysis = analyzer.analyze(parse_text("Putin war in Moskau.\n\nMoskau war Putins.", headline_first=False))
    assert [(m.text, m.label, m.derived) for m in analysis.mentions] == [
        ("Putin", "PER", False), ("Moskau", "LOC", False), ("Moskau", "LOC", False), ("Putins", "PER", True)]
    assert analysis.stages["ner"].startswith(ner_stage.VERSION + "+tagger.")


def test_pruned_student_keeps_the_teachers_most_important_heads_and_units(tmp_path: Path) -> None:
    """A student with fewer heads and feed-forward units per layer starts from the teacher's most
    important ones, exports with its smaller shapes, and loads again with them."""
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    import torch

    from tagwerk.ner.e5 import EncoderFile
    from tagwerk.training.teacher import Teacher

    enc = EncoderFile(write_encoder(tmp_path / "tiny.bin", layers=2))
    teacher = Teacher(enc, seed=0, dropout=0.0, threads=1)
    with torch.no_grad():  # head 0 of layer 0 and units 0-39 of layer 1 add nothing to their outputs
        teacher.model.layers[0].out.weight[:, :16] = 0
        teacher.model.layers[1].down.weight[:, :40] = 0
    sample = [s.tokens for s in SENTS[:2]]
    (heads0, units0), (heads1, units1) = teacher.importance(sample)
    assert heads0.shape == (2,) and units1.shape == (64,)
    assert heads0[0] == 0 < heads0[1] and not units1[:40].any() and units1[40:].all()

    student = Teacher(enc, seed=0, dropout=0.0, threads=1, keep=list(range(len(PIECES))), heads=1, ffn=24, pool_after=1, pool="mean")
    student.init_from(teacher, sample)
    mine, theirs = student.model.layers, teacher.model.layers
    assert torch.equal(mine[0].q.weight, theirs[0].q.weight[16:])          # layer 0 keeps head 1
    assert torch.equal(mine[0].out.weight, theirs[0].out.weight[:, 16:])
    assert torch.equal(mine[1].up.bias, theirs[1].up.bias[40:])            # layer 1 keeps units 40-63
    assert torch.equal(mine[1].down.weight, theirs[1].down.weight[:, 40:])
    assert torch.equal(mine[1].attn_norm.weight, theirs[1].attn_norm.weight)
    with pytest.raises(ValueError, match="sample"):
        student.init_from(teacher)

    out = student.export(tmp_path / "tagger", quantize=False)
    meta = json.loads((out / "tagger.json").read_text())
    assert (meta["heads"], meta["ffn"], meta["pool_after"]) == (1, 24, 1)
    # the same up to the int8 piece table
    assert np.allclose(np.exp(student.log_probs(sample)[1]), np.exp(PieceTagger(out).log_probs(sample)[1]), atol=0.01)
    again = Teacher.load(student.save(tmp_path / "saved"), enc)
    assert (again.heads, again.ffn) == (1, 24)
    assert np.allclose(again.log_probs(sample)[0], student.log_probs(sample)[0], atol=1e-5)
    assert "heads" not in json.loads((teacher.save(tmp_path / "full") / "teacher.json").read_text())


def test_average_weights_is_the_mean_of_the_members(tmp_path: Path) -> None:
    """A soup of students sets the first student's trained parameters to the members' mean and
    leaves the frozen piece table alone; members of other shapes or tables are refused."""
    pytest.importorskip("torch")
    import torch

    from tagwerk.ner.e5 import EncoderFile
    from tagwerk.training.student import average_weights
    from tagwerk.training.teacher import Teacher

    enc = EncoderFile(write_encoder(tmp_path / "tiny.bin", layers=2))
    keep = list(range(len(PIECES)))
    a, b, c = (Teacher(enc, seed=k, threads=1, layers=1, keep=keep) for k in range(3))
    with torch.no_grad():
        for m, value in ((a, 1.0), (b, 2.0), (c, 6.0)):
            m.model.layers[0].up.bias.fill_(value)
    table = a.model.word.weight.detach().clone()
    heads = [m.model.head.weight.detach().clone() for m in (a, b, c)]
    assert not torch.equal(heads[0], heads[1])  # the seeds start the heads apart
    average_weights([a, b, c])
    assert torch.allclose(a.model.layers[0].up.bias, torch.full_like(a.model.layers[0].up.bias, 3.0))
    assert torch.allclose(a.model.head.weight, sum(heads) / 3, atol=1e-6)
    assert torch.equal(a.model.word.weight, table)
    assert torch.equal(b.model.layers[0].up.bias, torch.full_like(b.model.layers[0].up.bias, 2.0))  # the others unchanged
    with pytest.raises(ValueError, match="differ"):
        average_weights([a, Teacher(enc, seed=0, threads=1, layers=1, keep=keep, ffn=32)])
    with pytest.raises(ValueError, match="piece tables"):
        average_weights([a, Teacher(enc, seed=0, threads=1, layers=1, keep=keep[:-1])])


def test_fit_average_last_ends_with_the_mean_of_the_last_weights(tmp_path: Path) -> None:
    """Stochastic weight averaging: with ``average_last`` the model ends with the mean of the
    weights after the chosen steps of the last part of training (the frozen table untouched)."""
    pytest.importorskip("torch")
    import torch
    from torch.optim.optimizer import register_optimizer_step_post_hook

    from tagwerk.ner.e5 import EncoderFile
    from tagwerk.training.gold import GoldSentence
    from tagwerk.training.teacher import Teacher

    enc = EncoderFile(write_encoder(tmp_path / "tiny.bin", layers=2))
    model = Teacher(enc, seed=0, threads=1, layers=1, keep=list(range(len(PIECES))))
    sents = [GoldSentence(tokens=[per, "war", "in", loc, "."], outer=["B-PER", "O", "O", "B-LOC", "O"])
             for per, loc in (("Putin", "Moskau"), ("Merkel", "Berlin"), ("Lawrow", "Paris"))] * 4
    trained = [p for p in model.model.parameters() if p.requires_grad]
    table = model.model.word.weight.detach().clone()
    seen: list[list[torch.Tensor]] = []
    handle = register_optimizer_step_post_hook(lambda *_: seen.append([p.detach().clone() for p in trained]))
    try:
        model.fit(sents, epochs=2, batch_words=5, average_last=0.5, average_every=2, log=lambda _m: None)
    finally:
        handle.remove()
    steps = len(seen)
    assert steps >= 8
    taken = [seen[k - 1] for k in range(1, steps + 1) if k > steps - steps // 2 and (steps - k) % 2 == 0]
    assert len(taken) >= 2 and taken[-1] is seen[-1]
    for i, p in enumerate(trained):
        expected = sum(snap[i] for snap in taken) / len(taken)
        assert torch.allclose(p, expected, atol=1e-5)
    assert not all(torch.equal(p, last) for p, last in zip(trained, seen[-1], strict=True))  # not just the last weights
    assert torch.equal(model.model.word.weight, table)
    with pytest.raises(ValueError, match="fraction"):
        model.fit(sents, epochs=1, average_last=1.5, log=lambda _m: None)


def test_train_student_cli(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from typer.testing import CliRunner

    from tagwerk.cli import app

    gold = tmp_path / "gold.tsv"
    names = [("Putin", "Moskau"), ("Merkel", "Berlin"), ("Lawrow", "Paris")]
    blocks = [[f"{per} B-PER O", "war O O", "in O O", f"{loc} B-LOC O", ". O O"] for per, loc in names * 2]
    gold.write_text("\n\n".join("\n".join(f"{i + 1}\t{r.replace(' ', chr(9))}" for i, r in enumerate(rows)) for rows in blocks) + "\n\n",
                    encoding="utf-8")
    silver = tmp_path / "silver.jsonl"
    silver.write_text(json.dumps({"text": "Putin war gestern in Moskau, sagte die Agentur am Abend."}) + "\n\n"
                      + json.dumps({"text": "kurz"}) + "\n", encoding="utf-8")
    encoder = write_encoder(tmp_path / "tiny.bin", layers=2)
    runner = CliRunner()
    teacher = tmp_path / "teacher"
    res = runner.invoke(app, ["train", "teacher", "--train", str(gold), "--out", str(teacher), "--encoder", str(encoder),
                              "--epochs", "1", "--threads", "1"])
    assert res.exit_code == 0, res.output
    out, targets = tmp_path / "tagger", tmp_path / "targets.npz"
    args = ["train", "student", "--teacher", str(teacher), "--train", str(gold), "--silver", str(silver), "--targets", str(targets),
            "--out", str(out), "--dev", str(gold), "--layers", "1", "--epochs", "1", "--threads", "1"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "1 silver paragraphs" in res.output and "(b) 4 classes" in res.output and targets.is_file()
    meta = json.loads((out / "tagger.json").read_text())
    assert meta["layers"] == 1 and meta["silver_paragraphs"] == 1 and meta["int8"] is True and "four" in meta["dev"]
    res = runner.invoke(app, ["evaluate", "ner", str(gold), "--model", str(out), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["four"]["micro"]["f1"] == pytest.approx(meta["dev"]["four"], abs=1e-4)
    # the cached targets are read again, and a folder that is no teacher is refused
    res = runner.invoke(app, args[:2] + ["--teacher", str(tmp_path)] + args[4:])
    assert res.exit_code != 0 and "not a teacher folder" in res.output
    # --augment: gold copies with names swapped, and silver copies that the teacher labels (cached)
    res = runner.invoke(app, [*args, "--augment", "2", "--out", str(tmp_path / "aug")])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "aug" / "tagger.json").read_text())
    assert meta["train_sentences"] == 6 and meta["silver_paragraphs"] == 1
    assert meta["augment"]["copies"] == 2 and 0 < meta["augment"]["gold_sentences"] <= 12
    assert (tmp_path / "targets-augment2-seed0.npz").is_file()
    # a student with one of the two heads and half the feed-forward units of each layer
    res = runner.invoke(app, [*args, "--heads", "1", "--ffn", "32", "--out", str(tmp_path / "pruned")])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "pruned" / "tagger.json").read_text())
    assert (meta["heads"], meta["ffn"]) == (1, 32) and "four" in meta["dev"]
    # --members 2: two students from the same start, exported as the mean of their weights
    res = runner.invoke(app, [*args, "--members", "2", "--out", str(tmp_path / "soup")])
    assert res.exit_code == 0, res.output
    assert "member 2 of 2 (seed 1)" in res.output
    meta = json.loads((tmp_path / "soup" / "tagger.json").read_text())
    assert meta["members"]["seeds"] == [0, 1] and [m["seed"] for m in meta["members"]["dev"]] == [0, 1]
    # --average-last: each student ends with the mean of its weights over the last part of training
    res = runner.invoke(app, [*args, "--average-last", "0.5", "--out", str(tmp_path / "swa")])
    assert res.exit_code == 0, res.output
    assert "weights: the mean of" in res.output
    assert json.loads((tmp_path / "swa" / "tagger.json").read_text())["average_last"] == 0.5
    assert "four" in meta["dev"] and all("four" in m for m in meta["members"]["dev"])
    res = runner.invoke(app, [*args, "--heads", "1", "--init", "encoder", "--out", str(tmp_path / "bad")])
    assert res.exit_code != 0 and "--init teacher" in res.output
    # two teachers: the student learns the mean of their probabilities and starts from the first
    second = tmp_path / "teacher2"
    res = runner.invoke(app, ["train", "teacher", "--train", str(gold), "--out", str(second), "--encoder", str(encoder),
                              "--epochs", "1", "--threads", "1", "--seed", "1"])
    assert res.exit_code == 0, res.output
    mean_targets = tmp_path / "mean.npz"
    res = runner.invoke(app, [*args[:4], "--teacher", str(second), *args[4:9], str(mean_targets), "--out", str(tmp_path / "ens"),
                              *args[12:]])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "ens" / "tagger.json").read_text())["teacher"] == [str(teacher), str(second)]
    from tagwerk.training.student import load_targets
    from tagwerk.training.teacher import Teacher

    (words, one), = load_targets(targets)
    (words2, mean), = load_targets(mean_targets)
    other = np.exp(Teacher.load(second).log_probs([words])[0])
    assert words2 == words and np.allclose(mean, (one + other) / 2, atol=2e-3)  # the cache keeps float16
    # a cache is keyed by the teachers and the silver text it was made from: other teachers are refused
    res = runner.invoke(app, [*args[:2], "--teacher", str(second), *args[2:9], str(mean_targets), "--out", str(tmp_path / "stale")])
    assert res.exit_code != 0 and "other teachers" in res.output and not (tmp_path / "stale").exists()
    other_silver = tmp_path / "other.jsonl"
    other_silver.write_text(json.dumps({"text": "Merkel war gestern in Berlin, sagte ein Sprecher am Abend."}) + "\n", encoding="utf-8")
    res = runner.invoke(app, [*args[:6], "--silver", str(other_silver), *args[8:], "--out", str(tmp_path / "stale")])
    assert res.exit_code != 0 and "other text" in res.output
    # a copy of the silver file elsewhere matches (the key is its bytes, not its name)
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(silver.read_bytes())
    res = runner.invoke(app, [*args[:6], "--silver", str(copy), *args[8:], "--out", str(tmp_path / "copied")])
    assert res.exit_code == 0, res.output
    # the copies' cache follows the names pool, which the gold adds to: other gold makes it again
    gold2 = tmp_path / "gold2.tsv"
    gold2.write_text(gold.read_text(encoding="utf-8").replace("Merkel", "Scholz"), encoding="utf-8")
    res = runner.invoke(app, [*args[:4], "--train", str(gold2), *args[6:], "--augment", "2", "--out", str(tmp_path / "aug2")])
    assert res.exit_code == 0, res.output
    assert "labelling the copies again" in res.output
    # and the ensemble scored on the mean of its distributions
    res = runner.invoke(app, ["evaluate", "ner", str(gold), "--model", str(teacher), "--model", str(second), "--combine", "mean", "--json"])
    assert res.exit_code == 0, res.output
    assert 0 <= json.loads(res.output)["four"]["micro"]["f1"] <= 1
    res = runner.invoke(app, ["evaluate", "ner", str(gold), "--model", str(teacher), "--model", "cnn", "--combine", "mean"])
    assert res.exit_code != 0 and "can only vote" in res.output
