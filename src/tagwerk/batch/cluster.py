"""Dask scale-out: the batch runner on a cluster, and analysis over Dask bags and dataframes.

``run_dask`` submits one task per input partition (a JSON Lines byte range, a group of
Parquet row groups, a group of files). Each task reads its records on the worker,
analyses them with the worker's one Analyzer (loaded by ``AnalyzerPlugin`` when the
worker starts) and writes its results as ``part-NNNNN`` (and failed records as
``errors-NNNNN.jsonl``) into the parts folder, which must be reachable from every
worker (a shared file system). The driver records finished partitions in the
checkpoint; a restart submits only the rest. At the end the parts are merged, in input
order, into the output file, so the output equals a local run's.

For users who already work in Dask: ``analyze_bag`` and ``analyze_dataframe``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tagwerk.article import DEFAULT_MAX_CHARS, Article
from tagwerk.batch import records as rec
from tagwerk.batch.checkpoint import open_checkpoint
from tagwerk.batch.options import BatchOptions, BatchResult, BatchStats, ProgressFn, output_options
from tagwerk.batch.sinks import (
    AtomicLines,
    BatchError,
    PartFormat,
    merge_parts,
    part_files,
    part_name,
    remove_tree,
    render_analysis,
    render_error,
    write_jsonl,
    write_parquet,
)
from tagwerk.errors import ArticleError
from tagwerk.pipeline import AnalyzerConfig
from tagwerk.workers import (
    Outcome,
    OutputOptions,
    analysis_executor,
    analyze_one,
    analyze_records,
    analyzer_for,
    failure,
    preload,
)

try:  # a plugin class needs the base class at import time; distributed is a dependency
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPluginBase
except ImportError:  # pragma: no cover
    _WorkerPluginBase = object  # type: ignore[assignment,misc]


class AnalyzerPlugin(_WorkerPluginBase):
    """Loads the Analyzer once on every worker, when it starts or joins the cluster.

    With ``subprocess`` (the default) the Analyzer lives in one single-threaded child
    process per worker (see ``AnalysisProcess``); a daemonic worker, which may not have
    children, keeps it in its own process instead."""

    name = "tagwerk-analyzer"

    def __init__(self, config: AnalyzerConfig | None = None, subprocess: bool = True) -> None:
        self.config = config
        self.subprocess = subprocess

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - the Dask hook signature
        if self.subprocess and AnalysisProcess.start(self.config) is not None:
            return
        preload(self.config)

    def teardown(self, worker: Any) -> None:  # noqa: ARG002
        AnalysisProcess.stop(self.config)


class AnalysisProcess:
    """A single-threaded child process that holds a Dask worker's Analyzer.

    spaCy's NER transition system (Cython 3 code without ``noexcept``) re-takes the GIL
    for every exception check, millions of times per partition. glibc makes those mutex
    operations cheap only while a process has one thread; a Dask worker always has
    several (event loop, executor), and there the ``ner`` stage runs about 15 % slower
    than in a pool worker. So each Dask worker hands its partitions to one child process
    (spawned, like the pool's workers) that reads, analyses and writes them; only the
    small ``PartitionResult`` comes back.

    The child gets glibc's default memory trimming, like a pool worker: the nanny's
    ``MALLOC_TRIM_THRESHOLD_=65536`` makes glibc return memory to the kernel after nearly
    every article and fault it back in, about 5 % more CPU for spaCy's allocations."""

    _running: dict[str, Any] = {}

    @classmethod
    def start(cls, config: AnalyzerConfig | None) -> Any:
        import multiprocessing as mp
        import os

        key = repr(config)
        if key in cls._running:
            return cls._running[key]
        if mp.current_process().daemon:  # `distributed.worker.daemon: true` forbids children
            return None
        ex = analysis_executor(config, 1)
        trim = os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        try:
            ex.submit(int).result()  # spawns the child (it copies os.environ) and waits for its model
        finally:
            if trim is not None:
                os.environ["MALLOC_TRIM_THRESHOLD_"] = trim
        cls._running[key] = ex
        return ex

    @classmethod
    def stop(cls, config: AnalyzerConfig | None) -> None:
        ex = cls._running.pop(repr(config), None)
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)

    @classmethod
    def run(cls, config: AnalyzerConfig | None, fn: Any, *args: Any) -> Any:
        """``fn(*args)`` in the analysis process for ``config`` when there is one, else here."""
        from concurrent.futures.process import BrokenProcessPool

        ex = cls._running.get(repr(config))
        if ex is None:
            return fn(*args)
        try:
            return ex.submit(fn, *args).result()
        except BrokenProcessPool:  # the child died (out of memory?): a fresh one, and one retry
            cls._running.pop(repr(config), None)
            ex = cls.start(config)
            return ex.submit(fn, *args).result() if ex is not None else fn(*args)


# -- one partition on a worker ------------------------------------------------------------


@dataclass(frozen=True)
class PartitionResult:
    index: int
    ok: int
    failed: int
    words: int


def run_partition(
    part: rec.Partition,
    config: AnalyzerConfig | None,
    out_opts: OutputOptions,
    folder: str,
    fmt: PartFormat,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> PartitionResult:
    """Analyse one partition and write its part files atomically (idempotent: a retry rewrites
    them). JSON Lines parts are written line by line, so a partition's results are never all
    in memory at once (Parquet rows are, for one write)."""
    rows: list[Any] = []
    errors: list[str] = []
    words = ok = 0
    dest = Path(folder)
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / part_name("part", part.index, fmt)
    with AtomicLines(path) if fmt == "jsonl" else nullcontext() as lines, analyzer_for(config) as analyzer:
        for o in analyze_records(analyzer, rec.read_partition(part, max_chars=max_chars), out_opts):
            if o.ok:
                ok += 1
                words += o.words
                if lines is not None:
                    lines.write(render_analysis(o))
                else:
                    rows.append(o.row)
            else:
                errors.append(render_error(o))
    err_path = dest / part_name("errors", part.index, "jsonl")
    if errors:
        write_jsonl(err_path, errors)
    elif err_path.exists():
        err_path.unlink()
    if fmt == "parquet":
        write_parquet(path, rows)
    return PartitionResult(part.index, ok, len(errors), words)


def partition_task(part: rec.Partition, config: AnalyzerConfig | None, *rest: Any) -> PartitionResult:
    """The Dask task: ``run_partition(part, config, *rest)`` in this worker's analysis process."""
    return AnalysisProcess.run(config, run_partition, part, config, *rest)


# -- the driver -----------------------------------------------------------------------------


def _client(address: str, workers: int):
    from distributed import Client

    if address == "local":
        import dask

        # one thread per worker process: spaCy work is CPU-bound and holds the GIL. Every
        # event-loop wake-up in a worker takes the GIL from the analysing thread, so: no
        # statistical profiler (it samples every worker thread every 10 ms), and the admin
        # tick (default 20 ms) and system monitor (default 0.5 s) at a slower pace.
        quiet = {
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "1s",
            "distributed.admin.system-monitor.interval": "5s",
            # a daemonic process may not start children: let each worker start its
            # analysis process (the nanny still ends the worker, and the worker its child)
            "distributed.worker.daemon": False,
        }
        with dask.config.set(quiet):
            cluster = _local_cluster(workers)
        return Client(cluster), cluster
    return Client(address), None


def _local_cluster(workers: int):
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # no fixed port to collide with; run `dask scheduler` for a dashboard
        silence_logs=50,
    )


def run_dask(opts: BatchOptions, *, progress: ProgressFn | None = None) -> BatchResult:
    """The Dask side of ``run_batch`` (same options, same result)."""
    assert opts.dask is not None
    if opts.out is None:
        raise BatchError("--dask needs --out")
    fmt: PartFormat = opts.out_format
    folder = opts.parts_dir
    partitions = rec.plan(opts.inputs, per_partition=opts.partition_records)
    cp, state, fp = open_checkpoint(opts, "dask")
    stats = BatchStats(total=rec.estimate_total(partitions))
    result = BatchResult(stats, opts.out, opts.errors_path, cp.path)
    done: dict[int, list[int]] = {}
    if state is not None:
        done = {int(k): v for k, v in state.get("partitions", {}).items()}
        stats.ok = sum(v[0] for v in done.values())
        stats.failed = sum(v[1] for v in done.values())
        stats.words = sum(v[2] for v in done.values())
        stats.done = stats.resumed_from = stats.ok + stats.failed
        stats.resumed_words = stats.words
        if state.get("complete"):
            stats.finished = True
            result.already_complete = True
            return result
    elif opts.out_kind == "file":
        remove_tree(folder)
    else:
        for prefix in ("part", "errors"):
            for _, f in part_files(folder, prefix):
                f.unlink()

    def save(complete: bool = False) -> None:
        cp.save({"fingerprint": fp, "partitions": {str(k): v for k, v in sorted(done.items())}, "complete": complete})

    save()
    out_opts = output_options(opts)
    todo = [p for p in partitions if p.index not in done]
    if todo:
        from distributed import as_completed

        client, cluster = _client(opts.dask, opts.workers)
        try:
            client.register_plugin(AnalyzerPlugin(opts.config))
            futures = [
                client.submit(
                    partition_task, p, opts.config, out_opts, str(folder.resolve()), fmt, opts.max_chars,
                    key=f"tagwerk-partition-{p.index}-{fp['signature'][:8]}", pure=False,
                )
                for p in todo
            ]
            for fut in as_completed(futures):
                r: PartitionResult = fut.result()
                done[r.index] = [r.ok, r.failed, r.words]
                stats.ok += r.ok
                stats.failed += r.failed
                stats.words += r.words
                stats.done += r.ok + r.failed
                save()
                fut.release()
                stats.tick()
                if progress is not None:
                    progress(stats)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    # merge the error parts in input order; the data parts into the output file
    if part_files(folder, "errors"):
        merge_parts(folder, "errors", "jsonl", opts.errors_path)
    elif opts.errors_path.exists():
        opts.errors_path.unlink()
    if opts.out_kind == "file":
        merge_parts(folder, "part", fmt, opts.out)
    save(complete=True)
    if opts.out_kind == "file":
        remove_tree(folder)
    stats.total = stats.done
    stats.finished = True
    if progress is not None:
        progress(stats)
    return result


# -- Python API over Dask collections -------------------------------------------------------


def _to_article(item: Any, max_chars: int) -> Article | ArticleError:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        from tagwerk.article import parse_text

        try:
            return parse_text(item, max_chars=max_chars)
        except ArticleError as exc:
            return exc
    if isinstance(item, dict):
        from tagwerk import readers

        try:
            return readers.article_from_record({k: v for k, v in item.items() if v is not None}, max_chars=max_chars)
        except ArticleError as exc:
            return exc
    return ArticleError(f"cannot analyse a {type(item).__name__}; give an Article, a dict or a str")


def _outcome_dict(o: Outcome) -> dict[str, Any]:
    if o.ok:
        assert o.json is not None
        return json.loads(o.json)
    return {"error": o.error_record()}


def _analyze_items(items: Iterable[Any], config: AnalyzerConfig | None, tokens: bool, max_chars: int) -> list[dict[str, Any]]:
    opts = OutputOptions(tokens=tokens)
    out = []
    with analyzer_for(config) as analyzer:
        for o in analyze_records(analyzer, (_to_article(item, max_chars) for item in items), opts):
            out.append(_outcome_dict(o))
    return out


def analyze_bag(bag: Any, *, config: AnalyzerConfig | None = None, tokens: bool = False, max_chars: int = DEFAULT_MAX_CHARS) -> Any:
    """Map a Dask bag of articles (``Article``, record dicts like JSON Lines objects, or plain
    texts) to a bag of analysis dicts (``Analysis.to_dict()``); a record that fails becomes
    ``{"error": {"id", "source", "line", "error", "reason"}}``. Each worker process builds
    one Analyzer and reuses it."""
    return bag.map_partitions(_analyze_items, config, tokens, max_chars)


DATAFRAME_COLUMNS = ("id", "source", "url", "date", "headline", "section", "tags", "entities", "analysis", "error", "reason")
_LIST_COLUMNS = ("tags", "entities")


def _frame_dtypes() -> dict[str, Any]:
    """Arrow-backed dtypes, so that ``to_parquet`` writes strings and lists of strings."""
    import pandas as pd
    import pyarrow as pa

    text, texts = pd.ArrowDtype(pa.string()), pd.ArrowDtype(pa.list_(pa.string()))
    return {c: texts if c in _LIST_COLUMNS else text for c in DATAFRAME_COLUMNS}


def _frame_row(analyzer: Any, record: dict[str, Any], opts: OutputOptions, max_chars: int) -> dict[str, Any]:
    record = {k: v for k, v in record.items() if v is not None and not (isinstance(v, float) and v != v)}
    art = _to_article(record, max_chars)
    o = failure(art) if isinstance(art, ArticleError) else analyze_one(analyzer, art, opts)
    if o.ok and o.row is not None:
        return dict(o.row, error=None, reason=None)
    row: dict[str, Any] = {c: None for c in DATAFRAME_COLUMNS}
    row.update(id=o.id if o.id is not None else record.get("id"), source=o.source, error=o.error, reason=o.reason)
    return row


def _analyze_frame(df: Any, config: AnalyzerConfig | None, tokens: bool, max_chars: int) -> Any:
    import pandas as pd

    opts = OutputOptions(tokens=tokens, row=True)
    cols: dict[str, list[Any]] = {c: [] for c in DATAFRAME_COLUMNS}
    with analyzer_for(config) as analyzer:
        rows = [_frame_row(analyzer, record, opts, max_chars) for record in df.to_dict("records")]
    for row in rows:
        for c in DATAFRAME_COLUMNS:
            v = row.get(c)
            if c in _LIST_COLUMNS:
                cols[c].append([str(x) for x in v] if v is not None else None)
            else:
                cols[c].append(None if v is None else str(v))
    dtypes = _frame_dtypes()
    return pd.DataFrame({c: pd.array(cols[c], dtype=dtypes[c]) for c in DATAFRAME_COLUMNS}, index=df.index)


def analyze_dataframe(
    ddf: Any, *, config: AnalyzerConfig | None = None, tokens: bool = False, max_chars: int = DEFAULT_MAX_CHARS
) -> Any:
    """Map a Dask dataframe with article columns (``text`` and optionally ``title``, ``date``,
    ``url``, ``id``, ``tags``) to one row per article: ``id, source, url, date, headline,
    section, tags, entities, analysis`` (the whole record as JSON) and ``error, reason``
    (set when the row failed); Arrow-backed string columns, ready for ``to_parquet``. The
    index is kept."""
    import pandas as pd

    dtypes = _frame_dtypes()
    meta = pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in DATAFRAME_COLUMNS})
    return ddf.map_partitions(_analyze_frame, config, tokens, max_chars, meta=meta)
