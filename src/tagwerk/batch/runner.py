"""The streaming batch runner: input partitions in, committed output out, resumable.

Flow: plan the input into ordered partitions, read records lazily, analyse them in chunks
(in this process, or in a process pool with one Analyzer per worker), write the outcomes
in input order to the sinks, and every ``checkpoint_records`` records or
``checkpoint_seconds`` seconds commit: fsync every sink, then replace the checkpoint file
atomically. The checkpoint holds the number of input records consumed and each sink's
committed state. A restart of the same command (same inputs, options and output) cuts
every sink back to that state and skips that many records: nothing is lost, nothing
is written twice, whatever moment the previous run was killed at.

Memory is bounded by the chunks in flight (``4 * workers`` chunks of ``chunk_size``
records) and, for Parquet output, the rows since the last commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from tagwerk.article import DEFAULT_MAX_CHARS, Article
from tagwerk.batch import records as rec
from tagwerk.batch.sinks import (
    BatchError,
    JsonlFileSink,
    PartFormat,
    PartsSink,
    atomic_write_bytes,
    remove_tree,
    render_analysis,
    render_error,
)
from tagwerk.batch.worker import (
    Outcome,
    OutputOptions,
    analysis_executor,
    failure,
    pool_process,
    process,
)
from tagwerk.errors import ArticleError, TagwerkError
from tagwerk.pipeline import BATCH_ARTICLES, AnalyzerConfig, chunked

CHECKPOINT_VERSION = 1


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """Everything a batch run needs, validated in one place."""

    inputs: tuple[str, ...]
    out: Path | None = None
    """``.jsonl`` or ``.parquet`` file, or a folder for one part file per commit/partition."""
    db: str | None = None
    """A store (SQLite path or database URL) to write the analyses into."""
    errors: Path | None = None
    """JSON Lines file for failed records; default: beside the output (``OUT.errors.jsonl``)."""
    format: PartFormat | None = None
    """Part format when ``out`` is a folder (default: parquet)."""
    config: AnalyzerConfig | None = None
    """The Analyzer's configuration; None: the default Analyzer (every installed stage)."""
    workers: int = 1
    dask: str | None = None
    """``local`` for a LocalCluster, or a scheduler address ``tcp://host:8786``."""
    resume: bool = True
    tokens: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    chunk_size: int = BATCH_ARTICLES
    """Records per task sent to a worker process (the articles the Analyzer takes through its
    stages together, :meth:`~tagwerk.pipeline.Analyzer.analyze_batch`)."""
    checkpoint_records: int = 500
    checkpoint_seconds: float = 30.0
    """Commit after this many records or seconds, whichever comes first. At most this much
    work is redone after a kill; each commit costs one fsync per sink (about a millisecond)."""
    partition_records: int = rec.DEFAULT_PARTITION_RECORDS

    def __post_init__(self) -> None:
        if not self.inputs:
            raise BatchError("no input given")
        if self.out is None and self.db is None:
            raise BatchError("give an output: --out FILE.jsonl|FILE.parquet|FOLDER, or --db")
        if self.workers < 1:
            raise BatchError("--workers must be at least 1")
        if self.chunk_size < 1 or self.checkpoint_records < 1 or self.partition_records < 1:
            raise BatchError("chunk, checkpoint and partition sizes must be at least 1")
        if self.dask is not None and self.db is not None:
            raise BatchError("--db is not supported with --dask; write Parquet and load it, or run without --dask")
        if self.dask is not None and "-" in self.inputs:
            raise BatchError("stdin cannot be partitioned for Dask; give files")
        if self.out is not None and self.out_kind == "file" and self.out.suffix.lower() not in (".jsonl", ".parquet"):
            raise BatchError(f"{self.out}: the output must end in .jsonl or .parquet, or be a folder")
        for produced in (self.out, self.errors_path if self.out or self.errors else None):
            if produced is None:
                continue
            target = produced.resolve()
            for raw in self.inputs:
                if raw != "-" and Path(raw).is_dir() and target.is_relative_to(Path(raw).resolve()):
                    raise BatchError(f"{produced} lies inside the input folder {raw}: a rerun would read it as input")

    @property
    def out_kind(self) -> Literal["file", "folder"] | None:
        if self.out is None:
            return None
        if self.out.is_dir() or str(self.out).endswith(os.sep) or not self.out.suffix:
            return "folder"
        return "file"

    @property
    def out_format(self) -> PartFormat:
        if self.out is not None and self.out_kind == "file":
            return "parquet" if self.out.suffix.lower() == ".parquet" else "jsonl"
        return self.format or "parquet"

    @property
    def checkpoint_path(self) -> Path:
        if self.out is not None:
            if self.out_kind == "folder":
                return self.out / "_checkpoint.json"
            return self.out.with_name(self.out.name + ".checkpoint.json")
        assert self.db is not None
        return Path(_db_file(self.db) + ".batch-checkpoint.json")

    @property
    def errors_path(self) -> Path:
        if self.errors is not None:
            return self.errors
        if self.out is not None:
            if self.out_kind == "folder":
                return self.out / "_errors.jsonl"
            return self.out.with_name(self.out.name + ".errors.jsonl")
        return Path(_db_file(self.db or "tagwerk") + ".errors.jsonl")

    @property
    def parts_dir(self) -> Path:
        """Where part files go: the output folder, or ``OUT.parts/`` beside a single-file output."""
        assert self.out is not None
        if self.out_kind == "folder":
            return self.out
        return self.out.with_name(self.out.name + ".parts")


def _db_file(db: str) -> str:
    for prefix in ("sqlite:///", "sqlite://"):
        if db.startswith(prefix):
            return db[len(prefix) :]
    if "://" in db:  # a server database: keep the checkpoint in the working folder
        return "tagwerk-" + hashlib.sha256(db.encode()).hexdigest()[:12]
    return db


@dataclass(slots=True)
class BatchStats:
    """Progress of a run; passed to the progress callback after every chunk."""

    total: int | None = None
    done: int = 0
    """Records consumed (analysed or failed), including those of earlier runs."""
    ok: int = 0
    failed: int = 0
    words: int = 0
    resumed_from: int = 0
    """Records already done by an earlier, interrupted run."""
    resumed_words: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: bool = False
    rate_from: tuple[float, int] | None = None
    """(time, done) of the first finished chunk: the rate excludes the start-up (model loading)."""

    def tick(self) -> None:
        """Call after each finished chunk or partition."""
        if self.rate_from is None:
            self.rate_from = (time.monotonic(), self.done)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Records per second in this run: since the first chunk while running, overall at the end."""
        if not self.finished and self.rate_from is not None and self.done > self.rate_from[1]:
            t0, d0 = self.rate_from
            dt = time.monotonic() - t0
            return (self.done - d0) / dt if dt > 0 else 0.0
        done = self.done - self.resumed_from
        return done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        """Words per second in this run."""
        return (self.words - self.resumed_words) / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.total is None or self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate


@dataclass(slots=True)
class BatchResult:
    stats: BatchStats
    out: Path | None
    errors: Path
    checkpoint: Path
    already_complete: bool = False
    """The checkpoint said a previous run of the same command had finished; nothing was redone."""

    @property
    def status(self) -> Literal["ok", "partial", "failed"]:
        """``ok``: no record failed; ``partial``: some did; ``failed``: all did, or there was none."""
        if self.stats.failed == 0 and self.stats.ok > 0:
            return "ok"
        if self.stats.ok > 0:
            return "partial"
        return "failed" if self.stats.failed else "ok"


ProgressFn = Callable[[BatchStats], None]


# -- checkpoint ---------------------------------------------------------------------------


def _input_signature(inputs: Iterable[str]) -> str:
    """Hash of every input file's path, size and mtime: a changed input does not resume."""
    h = hashlib.sha256()
    for path in rec.expand(inputs):
        h.update(path.encode("utf-8", "surrogateescape"))
        try:
            st = os.stat(path)
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(b"missing")
        h.update(b"\0")
    return h.hexdigest()


def fingerprint(opts: BatchOptions, mode: str) -> dict[str, Any]:
    return {
        "mode": mode,
        "inputs": [os.path.abspath(p) if p != "-" else "-" for p in opts.inputs],
        "signature": _input_signature(opts.inputs),
        "config": repr(opts.config),
        "tokens": opts.tokens,
        "out": str(opts.out.resolve()) if opts.out else None,
        "format": opts.out_format if opts.out else None,
        "db": opts.db,
        "errors": str(opts.errors_path.resolve()),
        "max_chars": opts.max_chars,
        **({"partition_records": opts.partition_records} if mode == "dask" else {}),
    }


class Checkpoint:
    """One JSON file, replaced atomically (write, fsync, rename, fsync the folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise BatchError(f"{self.path}: unreadable checkpoint ({exc}); rerun with --no-resume") from exc
        if data.get("version") != CHECKPOINT_VERSION:
            raise BatchError(f"{self.path}: checkpoint of another tagwerk version; rerun with --no-resume")
        return data

    def save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, json.dumps({"version": CHECKPOINT_VERSION, **data}, indent=1).encode())

    def remove(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def open_checkpoint(opts: BatchOptions, mode: str) -> tuple[Checkpoint, dict[str, Any] | None, dict[str, Any]]:
    """The checkpoint, its saved state (None: start afresh) and this run's fingerprint."""
    cp = Checkpoint(opts.checkpoint_path)
    fp = fingerprint(opts, mode)
    if not opts.resume or "-" in opts.inputs:  # stdin cannot be read again: always start afresh
        cp.remove()
        return cp, None, fp
    state = cp.load()
    if state is not None and state.get("fingerprint") != fp:
        diff = sorted(k for k in set(fp) | set(state.get("fingerprint", {})) if fp.get(k) != state["fingerprint"].get(k))
        raise BatchError(
            f"{cp.path} belongs to another run (differs in: {', '.join(diff)}); "
            "rerun with --no-resume to start afresh, or remove it"
        )
    return cp, state, fp


# -- sinks --------------------------------------------------------------------------------


class StoreSink:
    """Writes each analysis into the tagwerk store as it comes (one transaction each).

    Resume needs no state here: the store updates an article with the same URL or content
    instead of adding it again, so records redone after a crash are not duplicated.
    """

    def __init__(self, db: str) -> None:
        from tagwerk.store import open_store

        self._store = open_store(db)

    def restore(self, state: dict[str, Any] | None) -> None:
        pass

    def write(self, outcome: Outcome) -> None:
        """Raises the store's StoreError for a record it refuses."""
        assert outcome.analysis is not None
        self._store.ingest(outcome.analysis)
        outcome.analysis = None  # do not hold it longer than needed

    def commit(self) -> dict[str, Any]:
        return {}

    def finish(self) -> None:
        pass

    def close(self) -> None:
        self._store.close()


def build_sinks(opts: BatchOptions, *, local: bool = True) -> dict[str, Any]:
    sinks: dict[str, Any] = {}
    if opts.db is not None:  # first: a record the store refuses goes to the errors file only
        sinks["db"] = StoreSink(opts.db)
    if opts.out is not None:
        fmt = opts.out_format
        if opts.out_kind == "file" and fmt == "jsonl":
            sinks["out"] = JsonlFileSink(opts.out, render_analysis)
        elif local:
            merge_to = opts.out if opts.out_kind == "file" else None
            sinks["out"] = PartsSink(opts.parts_dir, fmt, merge_to=merge_to)
    sinks["errors"] = JsonlFileSink(opts.errors_path, render_error)
    return sinks


def output_options(opts: BatchOptions) -> OutputOptions:
    return OutputOptions(
        tokens=opts.tokens,
        row=opts.out is not None and opts.out_format == "parquet",
        analysis=opts.db is not None,
    )


# -- local run ----------------------------------------------------------------------------


def _pool_results(
    chunks: Iterator[list[Article | ArticleError]], opts: BatchOptions, out_opts: OutputOptions
) -> Iterator[list[Outcome]]:
    """Outcomes chunk by chunk, in input order; at most ``4 * workers`` chunks in flight."""
    if opts.workers <= 1:
        for chunk in chunks:
            yield process(chunk, opts.config, out_opts)
        return
    from concurrent.futures.process import BrokenProcessPool

    with analysis_executor(opts.config, opts.workers, out_opts) as pool:
        window: deque[Any] = deque()
        try:
            for chunk in chunks:
                window.append(pool.submit(pool_process, chunk))
                if len(window) >= 4 * opts.workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BrokenProcessPool as exc:
            raise BatchError(
                "a worker process died (out of memory?); the run stopped at its last checkpoint: "
                "rerun the same command to resume"
            ) from exc
        finally:
            for fut in window:
                fut.cancel()


def check_config(config: AnalyzerConfig | None) -> None:
    """Fail early, in the driver, on unknown stages or a bad order (without loading any model)."""
    from tagwerk.pipeline import (
        DEFAULT_STAGES,
        check_order,
        get_stage,
        registered_stages,
    )

    names = config.stages if config is not None and config.stages is not None else None
    if names is None:
        available = registered_stages()
        names = tuple(s for s in DEFAULT_STAGES if s in available)
    check_order([get_stage(name) for name in names])


def run_batch(opts: BatchOptions, *, progress: ProgressFn | None = None) -> BatchResult:
    """Analyse every record of ``opts.inputs`` into the outputs; resumable (see the module doc)."""
    check_config(opts.config)
    if opts.dask is not None:
        from tagwerk.batch.cluster import run_dask

        return run_dask(opts, progress=progress)

    partitions = rec.plan(opts.inputs, per_partition=opts.partition_records)
    cp, state, fp = open_checkpoint(opts, "local")
    stats = BatchStats(total=rec.estimate_total(partitions))
    result = BatchResult(stats, opts.out, opts.errors_path, cp.path)
    if state is not None:
        stats.done = stats.resumed_from = int(state["position"])
        stats.ok, stats.failed, stats.words = int(state["ok"]), int(state["failed"]), int(state["words"])
        stats.resumed_words = stats.words
        if state.get("complete"):
            stats.finished = True
            result.already_complete = True
            return result

    sinks = build_sinks(opts)
    try:
        for name, sink in sinks.items():
            sink.restore(state["sinks"].get(name) if state else None)

        def commit(complete: bool = False) -> None:
            states = {name: sink.commit() for name, sink in sinks.items()}
            cp.save(
                {
                    "fingerprint": fp,
                    "position": stats.done,
                    "ok": stats.ok,
                    "failed": stats.failed,
                    "words": stats.words,
                    "sinks": states,
                    "complete": complete,
                }
            )

        if state is None:
            commit()
        store = sinks.get("db")
        data_sinks = [sink for name, sink in sinks.items() if name not in ("db", "errors")]
        out_opts = output_options(opts)
        records = rec.iter_records(partitions, skip=stats.done, max_chars=opts.max_chars)
        since, last = 0, time.monotonic()
        for outcomes in _pool_results(chunked(records, opts.chunk_size), opts, out_opts):
            for o in outcomes:
                if o.ok and store is not None:
                    try:
                        store.write(o)
                    except TagwerkError as exc:  # the store refused it: a failed record
                        o = failure(exc, id=o.id, source=o.source)
                if o.ok:
                    for sink in data_sinks:
                        sink.write(o)
                    stats.ok += 1
                    stats.words += o.words
                else:
                    sinks["errors"].write(o)
                    stats.failed += 1
            stats.done += len(outcomes)
            since += len(outcomes)
            if since >= opts.checkpoint_records or time.monotonic() - last >= opts.checkpoint_seconds:
                commit()
                since, last = 0, time.monotonic()
            stats.tick()
            if progress is not None:
                progress(stats)
        commit()
        for sink in sinks.values():
            sink.finish()
        commit(complete=True)
        if opts.out is not None and opts.out_kind == "file" and opts.out_format == "parquet":
            remove_tree(opts.parts_dir)
    finally:
        for sink in sinks.values():
            sink.close()
    stats.total = stats.done
    stats.finished = True
    if progress is not None:
        progress(stats)
    return result


def stats_dict(stats: BatchStats) -> dict[str, Any]:
    d = {k: v for k, v in asdict(stats).items() if k != "started"}
    d["elapsed"] = round(stats.elapsed, 3)
    return d
