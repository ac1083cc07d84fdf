"""The batch runner: outputs, errors file, exit codes, resume after a crash, process pool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tagwerk.batch import BatchError, BatchOptions, run_batch
from tagwerk.pipeline import AnalyzerConfig

TOKENS = AnalyzerConfig(stages=("tokens",))

SÄTZE = [
    "Der Landtag in Düsseldorf hat am Donnerstag über den Haushalt für das kommende Jahr beraten.",
    "Finanzminister Peter Brünger verteidigte die geplanten Ausgaben für Schulen und Straßen.",
    "Die Opposition warf der Regierung vor, die Schuldenbremse zu umgehen.",
    "Eine Abstimmung über den Entwurf ist für Mitte Dezember vorgesehen.",
    "Auch der Städtetag äußerte sich skeptisch über die Verteilung der Mittel.",
]


def write_corpus(path: Path, n: int, *, bad: tuple[int, ...] = ()) -> Path:
    lines = []
    for i in range(n):
        if i in bad:
            lines.append("{kein json" if i % 2 else json.dumps({"id": f"leer-{i}", "text": ""}))
            continue
        text = "\n\n".join(SÄTZE[(i + k) % len(SÄTZE)] for k in range(2 + i % 3))
        lines.append(json.dumps({"id": f"art-{i:05d}", "title": f"Haushaltsdebatte im Landtag, Folge {i}", "text": text}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(inp: Path, out: Path, **kw) -> object:
    return run_batch(BatchOptions(inputs=(str(inp),), out=out, config=TOKENS, **kw))


def jsonl_ids(path: Path) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_jsonl_output_and_errors_file(tmp_path: Path) -> None:
    inp = write_corpus(tmp_path / "in.jsonl", 12, bad=(3, 8))
    out = tmp_path / "out.jsonl"
    result = run(inp, out)
    assert (result.stats.ok, result.stats.failed, result.status) == (10, 2, "partial")
    assert jsonl_ids(out) == [f"art-{i:05d}" for i in range(12) if i not in (3, 8)]
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["stages"] == {"tokens": first["stages"]["tokens"]} and first["sentences"]
    assert "tokens" not in first  # tokens only with tokens=True
    errors = [json.loads(line) for line in result.errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["error"]) for e in errors] == [(4, "MalformedJSONError"), (9, "EmptyArticleError")]
    assert all(e["reason"] and e["source"] == str(inp) for e in errors)


def test_batch_rerun_of_a_finished_run_does_nothing(tmp_path: Path) -> None:
    inp = write_corpus(tmp_path / "in.jsonl", 5)
    out = tmp_path / "out.jsonl"
    run(inp, out)
    before = out.read_bytes()
    again = run(inp, out)
    assert again.already_complete and again.stats.ok == 5
    assert out.read_bytes() == before
    redo = run(inp, out, resume=False)
    assert not redo.already_complete and out.read_bytes() == before


def test_batch_refuses_a_checkpoint_of_another_run(tmp_path: Path) -> None:
    inp = write_corpus(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    run(inp, out)
    with pytest.raises(BatchError, match="another run"):
        run_batch(BatchOptions(inputs=(str(inp),), out=out, config=AnalyzerConfig(stages=("tokens",), top_k=3)))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"out": None}, "give an output"),
        ({"out": Path("x.csv")}, "must end in"),
        ({"workers": 0}, "at least 1"),
        ({"dask": "local", "db": "x.db"}, "not supported"),
    ],
)
def test_batch_options_are_validated(kwargs: dict, message: str) -> None:
    base = {"inputs": ("a.jsonl",), "out": Path("o.jsonl")}
    with pytest.raises(BatchError, match=message):
        BatchOptions(**{**base, **kwargs})


class Crash(Exception):
    pass


@pytest.mark.parametrize("suffix", ["out.jsonl", "out.parquet", "teile"])
def test_batch_resume_after_a_crash_between_checkpoints(tmp_path: Path, suffix: str) -> None:
    """A crash leaves uncommitted output behind; the rerun cuts it off and goes on."""
    inp = write_corpus(tmp_path / "in.jsonl", 60, bad=(7, 31))
    ref = tmp_path / "ref" / suffix
    run(inp, ref, format="jsonl" if suffix == "teile" else None)

    out = tmp_path / "run" / suffix

    def crash(stats) -> None:
        if stats.done >= 37:
            raise Crash

    with pytest.raises(Crash):
        run_batch(
            BatchOptions(
                inputs=(str(inp),), out=out, config=TOKENS, checkpoint_records=10, chunk_size=4,
                format="jsonl" if suffix == "teile" else None,
            ),
            progress=crash,
        )
    state = json.loads(next((tmp_path / "run").glob("**/*checkpoint.json")).read_text())
    assert 0 < state["position"] < 60 and not state["complete"]
    if suffix == "out.jsonl":  # written beyond the checkpoint: the tail must be cut off
        assert out.stat().st_size > state["sinks"]["out"]["bytes"]
    result = run(inp, out, checkpoint_records=10, format="jsonl" if suffix == "teile" else None)
    assert result.stats.resumed_from == state["position"]
    assert (result.stats.ok, result.stats.failed) == (58, 2)
    if suffix == "out.jsonl":
        assert out.read_bytes() == ref.read_bytes()
    elif suffix == "out.parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).equals(pq.read_table(ref))
        assert not (tmp_path / "run" / "out.parquet.parts").exists()
    else:
        got = b"".join(p.read_bytes() for p in sorted(out.glob("part-*.jsonl")))
        want = b"".join(p.read_bytes() for p in sorted(ref.glob("part-*.jsonl")))
        assert got == want and len(got.splitlines()) == 58
    assert result.errors.read_bytes() == (ref.parent / (ref.name + ".errors.jsonl") if suffix != "teile" else ref / "_errors.jsonl").read_bytes()


def test_batch_two_workers_give_the_same_output(tmp_path: Path) -> None:
    inp = write_corpus(tmp_path / "in.jsonl", 30, bad=(11,))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(inp, one)
    result = run(inp, two, workers=2, chunk_size=2)
    assert (result.stats.ok, result.stats.failed) == (29, 1)
    assert one.read_bytes() == two.read_bytes()


def test_batch_parquet_output_columns(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    inp = write_corpus(tmp_path / "in.jsonl", 9)
    out = tmp_path / "out.parquet"
    run(inp, out, checkpoint_records=4)
    table = pq.read_table(out)
    assert table.column_names == ["id", "source", "url", "date", "headline", "section", "tags", "entities", "analysis"]
    assert table.num_rows == 9
    row = table.slice(2, 1).to_pylist()[0]
    assert row["id"] == "art-00002" and row["headline"].startswith("Haushaltsdebatte")
    assert json.loads(row["analysis"])["article"]["id"] == "art-00002"


@pytest.mark.parametrize(
    ("bad", "code"),
    [((), 0), ((1,), 3), ((0, 1, 2), 1)],
)
def test_batch_cli_exit_codes(tmp_path: Path, capsys, bad: tuple[int, ...], code: int) -> None:
    from tagwerk.cli import main

    inp = write_corpus(tmp_path / "in.jsonl", 3, bad=bad)
    rc = main(["batch", str(inp), "--out", str(tmp_path / "o.jsonl"), "--stages", "tokens", "--no-progress"])
    assert rc == code
    err = capsys.readouterr().err
    assert f"{3 - len(bad)} analysed, {len(bad)} failed" in err


def test_batch_cli_usage_error(tmp_path: Path, capsys) -> None:
    from tagwerk.cli import main

    assert main(["batch", str(tmp_path / "x.jsonl"), "--stages", "tokens"]) == 2
    assert "give an output" in capsys.readouterr().err


def test_batch_into_the_store_resumes_without_duplicates(tmp_path: Path) -> None:
    from tagwerk.store import open_store

    inp = write_corpus(tmp_path / "in.jsonl", 20, bad=(4,))
    # distinct texts: the store merges articles with the same content
    lines = inp.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        rec = json.loads(line)
        if rec["text"]:
            rec["text"] += f"\n\nDie Sitzung Nummer {i} dauerte bis in den Abend."
            lines[i] = json.dumps(rec, ensure_ascii=False)
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "archiv.db"
    opts = BatchOptions(inputs=(str(inp),), db=str(db), config=TOKENS, checkpoint_records=5, chunk_size=2)

    def crash(stats) -> None:
        if stats.done >= 12:
            raise Crash

    with pytest.raises(Crash):
        run_batch(opts, progress=crash)
    result = run_batch(opts)
    assert (result.stats.ok, result.stats.failed) == (19, 1)
    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 19


def test_batch_a_stage_that_raises_fails_only_that_record(tmp_path: Path) -> None:
    from tagwerk.pipeline import register_stage

    @register_stage("batch_test_boom", version="0", requires=("tokens",))
    def make_boom(config):
        def run(analysis) -> None:
            if analysis.article.id == "art-00002":
                raise ValueError("kaputte Stufe")

        return run

    inp = write_corpus(tmp_path / "in.jsonl", 5)
    out = tmp_path / "out.jsonl"
    result = run_batch(
        BatchOptions(inputs=(str(inp),), out=out, config=AnalyzerConfig(stages=("tokens", "batch_test_boom")))
    )
    assert (result.stats.ok, result.stats.failed) == (4, 1)
    (error,) = [json.loads(line) for line in result.errors.read_text(encoding="utf-8").splitlines()]
    assert error["id"] == "art-00002" and error["line"] == 3 and error["source"] == str(inp)
    assert error["error"] == "ValueError" and error["reason"] == "kaputte Stufe"
    # the innermost frame under a tagwerk folder: the stage runner, or this file in a checkout named tagwerk
    where = error["where"]
    assert where.startswith("tagwerk/") and ("stage.py:" in where or "pipeline.py:" in where or "test_batch_runner" in where)


def test_batch_refuses_an_output_inside_the_input_folder(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in.jsonl", 2)
    with pytest.raises(BatchError, match="inside the input folder"):
        BatchOptions(inputs=(str(tmp_path),), out=tmp_path / "ergebnis.jsonl")


def test_atomic_lines_appear_whole_or_not_at_all(tmp_path: Path) -> None:
    """A Dask part file is written line by line but replaces the old one only when complete."""
    from tagwerk.batch.sinks import AtomicLines

    part = tmp_path / "part-00000.jsonl"
    with AtomicLines(part) as lines:
        lines.write('{"id": "a"}')
        lines.write('{"id": "b"}')
        assert not part.exists()  # nothing visible before the commit
    assert part.read_text(encoding="utf-8") == '{"id": "a"}\n{"id": "b"}\n'
    with pytest.raises(RuntimeError), AtomicLines(part) as lines:
        lines.write('{"id": "c"}')
        raise RuntimeError("worker died mid-partition")
    assert part.read_text(encoding="utf-8") == '{"id": "a"}\n{"id": "b"}\n'  # the old part stays
    assert [p.name for p in tmp_path.iterdir()] == ["part-00000.jsonl"]  # no temporary file left
