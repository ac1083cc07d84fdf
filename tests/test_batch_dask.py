"""Dask: a LocalCluster with 2 worker processes gives the same output as a local run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tagwerk.batch import BatchOptions, analyze_bag, analyze_dataframe, run_batch  # noqa: E402
from tagwerk.pipeline import AnalyzerConfig  # noqa: E402

TOKENS = AnalyzerConfig(stages=("tokens",))
ABSÄTZE = [
    "Der Hamburger Senat hat den Ausbau des Hafens beschlossen.",
    "Umweltverbände kündigten an, gegen die Elbvertiefung zu klagen.",
    "Wirtschaftssenatorin Anna Petersen nannte den Beschluss „überfällig“.",
]


def write_corpus(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            text = "\n\n".join(ABSÄTZE[(i + k) % 3] for k in range(2))
            fh.write(json.dumps({"id": f"hh-{i:03d}", "title": f"Hafen Hamburg {i}", "text": text}, ensure_ascii=False) + "\n")
            if i % 17 == 5:
                fh.write("{kaputt\n")
    return path


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "archiv"
    folder.mkdir()
    write_corpus(folder / "teil-1.jsonl", 25)
    write_corpus(folder / "teil-2.jsonl", 14, start=25)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_batch_dask_equals_local_run(cluster, corpus: Path, tmp_path: Path, name: str) -> None:
    local = tmp_path / "local" / name
    run_batch(BatchOptions(inputs=(str(corpus),), out=local, config=TOKENS))
    dist = tmp_path / "dask" / name
    result = run_batch(
        BatchOptions(inputs=(str(corpus),), out=dist, config=TOKENS, dask=cluster.scheduler_address, partition_records=6)
    )
    assert result.stats.ok == 39 and result.stats.failed == 2
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        assert pq.read_table(dist).equals(pq.read_table(local))
    else:
        assert dist.read_bytes() == local.read_bytes()
    assert result.errors.read_bytes() == (local.parent / (name + ".errors.jsonl")).read_bytes()
    assert not (tmp_path / "dask" / (name + ".parts")).exists()
    again = run_batch(
        BatchOptions(inputs=(str(corpus),), out=dist, config=TOKENS, dask=cluster.scheduler_address, partition_records=6)
    )
    assert again.already_complete


@pytest.mark.slow
def test_batch_dask_resumes_unfinished_partitions(cluster, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    opts = BatchOptions(inputs=(str(corpus),), out=out, config=TOKENS, dask=cluster.scheduler_address, partition_records=6)

    class Stop(Exception):
        pass

    def stop(stats) -> None:
        if stats.done >= 12:
            raise Stop

    with pytest.raises(Stop):
        run_batch(opts, progress=stop)
    state = json.loads(opts.checkpoint_path.read_text())
    assert 0 < len(state["partitions"]) and not state["complete"]
    result = run_batch(opts)
    assert result.stats.resumed_from > 0 and (result.stats.ok, result.stats.failed) == (39, 2)
    local = tmp_path / "local.jsonl"
    run_batch(BatchOptions(inputs=(str(corpus),), out=local, config=TOKENS))
    assert out.read_bytes() == local.read_bytes()


@pytest.mark.slow
def test_batch_dask_local_cluster_from_the_cli(corpus: Path, tmp_path: Path, capsys) -> None:
    from tagwerk.cli import main

    local, dist = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    common = ["--stages", "tokens", "--no-progress"]
    assert main(["batch", str(corpus), "--out", str(local), *common]) == 3
    assert main(["batch", str(corpus), "--out", str(dist), "--dask", "local", "--workers", "2", "--partition-size", "8", *common]) == 3
    assert dist.read_bytes() == local.read_bytes()


@pytest.mark.slow
def test_batch_analyze_bag_and_dataframe(cluster) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client

    from tagwerk import Analyzer
    from tagwerk.readers import article_from_record

    records = [{"id": f"r{i}", "title": f"Hafen {i}", "text": ABSÄTZE[i % 3]} for i in range(6)] + [{"id": "leer", "text": " "}]
    analyzer = Analyzer(TOKENS)
    want = [analyzer.analyze(article_from_record(r)).to_dict(tokens=False) for r in records[:-1]]
    with Client(cluster):
        got = analyze_bag(db.from_sequence(records, npartitions=3), config=TOKENS).compute()
        assert got[:-1] == want
        assert got[-1]["error"]["id"] == "leer" and got[-1]["error"]["error"] == "EmptyArticleError"  # the record's own id

        frame = analyze_dataframe(dd.from_pandas(pd.DataFrame(records), npartitions=2), config=TOKENS).compute()
        assert list(frame["id"]) == [r["id"] for r in records]
        assert frame["error"].isna().tolist() == [True] * 6 + [False]
        assert frame["error"].iloc[-1] == "EmptyArticleError"
        assert [json.loads(a)["sentences"] for a in frame["analysis"][:6]] == [w["sentences"] for w in want]
        assert frame["headline"].tolist()[:2] == ["Hafen 0", "Hafen 1"]


@pytest.mark.slow
def test_analysis_process_runs_single_threaded_apart_from_the_worker() -> None:
    """A Dask worker's analysis runs in one spawned child with a single thread (spaCy's NER
    is slower in a multi-threaded process); without one, the call runs in place."""
    import os
    import threading

    from tagwerk.batch.cluster import AnalysisProcess

    assert AnalysisProcess.run(TOKENS, os.getpid) == os.getpid()  # none started: in place
    assert AnalysisProcess.start(TOKENS) is not None
    try:
        assert AnalysisProcess.start(TOKENS) is AnalysisProcess.start(TOKENS)  # one per config
        assert AnalysisProcess.run(TOKENS, os.getpid) != os.getpid()
        assert AnalysisProcess.run(TOKENS, threading.active_count) == 1
    finally:
        AnalysisProcess.stop(TOKENS)
    assert AnalysisProcess.run(TOKENS, os.getpid) == os.getpid()
