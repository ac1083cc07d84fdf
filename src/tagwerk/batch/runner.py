"""The streaming batch runner: input partitions in, committed output out, resumable.

Flow: plan the input into ordered partitions, read records lazily, analyse them in chunks
(in this process, or in a process pool with one Analyzer per worker:
:func:`tagwerk.workers.analyze_chunks`), write the outcomes in input order to the sinks,
and every ``checkpoint_records`` records or ``checkpoint_seconds`` seconds commit: fsync
every sink, then replace the checkpoint file atomically (:mod:`tagwerk.batch.checkpoint`).
The checkpoint holds the number of input records consumed and each sink's committed
state. A restart of the same command (same inputs, options and output) cuts every sink
back to that state and skips that many records: nothing is lost, nothing is written
twice, whatever moment the previous run was killed at.

Memory is bounded by the chunks in flight (``4 * workers`` chunks of ``chunk_size``
records) and, for Parquet output, the rows since the last commit.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from tagwerk.batch import records as rec
from tagwerk.batch.checkpoint import open_checkpoint, output_lock
from tagwerk.batch.options import BatchOptions, BatchResult, BatchStats, ProgressFn, output_options
from tagwerk.batch.sinks import BatchError, JsonlFileSink, PartsSink, remove_tree, render_analysis, render_error
from tagwerk.pipeline import chunked
from tagwerk.workers import Outcome, Record, WorkerDied, analyze_chunks, check_config

# -- sinks --------------------------------------------------------------------------------


class StoreSink:
    """Writes each analysis into the tagwerk store as it comes (one transaction each).

    Resume needs no state here: the store updates an article with the same URL or content
    instead of adding it again, so records redone after a crash are not duplicated. Story
    threads: the articles since the last commit are placed in date order at each commit (an
    article stored but not yet placed when a run dies is placed when its record is redone).
    """

    def __init__(self, db: str) -> None:
        from tagwerk.store import open_store  # SQLAlchemy only for runs that store
        from tagwerk.store.ingest import hold_stories

        self._store = open_store(db)
        hold_stories(self._store, True)

    def restore(self, state: dict[str, Any] | None) -> None:
        pass

    def write(self, outcome: Outcome) -> Outcome:
        """The outcome, stored; or, when the store refuses it, a failed Outcome in its place."""
        from tagwerk.store.ingest import store_outcome

        return store_outcome(self._store, outcome)

    def commit(self) -> dict[str, Any]:
        self._store.flush_stories()
        return {}

    def finish(self) -> None:
        self._store.flush_stories()

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


# -- local run ----------------------------------------------------------------------------


def _analysed(chunks: Iterator[list[Record]], opts: BatchOptions, stats: BatchStats) -> Iterator[list[Outcome]]:
    """Outcomes chunk by chunk, in input order (:func:`tagwerk.workers.analyze_chunks`); the
    moment the Analyzers are loaded goes into ``stats.ready_at``."""

    def ready() -> None:
        stats.ready_at = time.monotonic()

    try:
        yield from analyze_chunks(chunks, config=opts.config, workers=opts.workers, opts=output_options(opts), on_ready=ready)
    except WorkerDied as exc:
        raise BatchError(
            "a worker process died (out of memory?); the run stopped at its last checkpoint: "
            "rerun the same command to resume"
        ) from exc


def run_batch(opts: BatchOptions, *, progress: ProgressFn | None = None) -> BatchResult:
    """Analyse every record of ``opts.inputs`` into the outputs; resumable (see the module doc).
    A second run on the same output while this one runs gets a :class:`BatchError`."""
    check_config(opts.config)
    with output_lock(opts):
        if opts.dask is not None:
            from tagwerk.batch.cluster import run_dask

            return run_dask(opts, progress=progress)
        return _run_local(opts, progress)


def _run_local(opts: BatchOptions, progress: ProgressFn | None) -> BatchResult:
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
        records = rec.iter_records(partitions, skip=stats.done, max_chars=opts.max_chars)
        since, last = 0, time.monotonic()
        for outcomes in _analysed(chunked(records, opts.chunk_size), opts, stats):
            for o in outcomes:
                if o.ok and store is not None:
                    o = store.write(o)  # a record the store refuses is a failed record
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
