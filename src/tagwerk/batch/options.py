"""What a batch run is given and what it gives back: :class:`BatchOptions` (validated in
one place), the progress in :class:`BatchStats`, the end in :class:`BatchResult`.

The local runner (:mod:`tagwerk.batch.runner`) and the Dask driver
(:mod:`tagwerk.batch.cluster`) share these, so neither imports the other's module.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tagwerk.article import DEFAULT_MAX_CHARS
from tagwerk.batch import records as rec
from tagwerk.batch.sinks import BatchError, PartFormat
from tagwerk.pipeline import BATCH_ARTICLES, AnalyzerConfig
from tagwerk.workers import OutputOptions


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
    def lock_path(self) -> Path:
        """The file a run holds locked while it writes (``OUT.lock``, ``OUT/_lock``): a second
        run on the same output or checkpoint is refused (:mod:`tagwerk.batch.checkpoint`)."""
        if self.out is not None:
            if self.out_kind == "folder":
                return self.out / "_lock"
            return self.out.with_name(self.out.name + ".lock")
        return self.checkpoint_path.with_name(self.checkpoint_path.name + ".lock")

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
    ready_at: float | None = None
    """When the Analyzers were loaded and the analysis began (None: not known, as on Dask):
    the words/s and the final articles/s count from here, not from the start."""

    @property
    def busy(self) -> float:
        """Seconds of analysis in this run: since ``ready_at`` (else since the start)."""
        return time.monotonic() - (self.ready_at if self.ready_at is not None else self.started)

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
        return done / self.busy if self.busy > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        """Words per second of analysis in this run (model loading left out)."""
        return (self.words - self.resumed_words) / self.busy if self.busy > 0 else 0.0

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


def output_options(opts: BatchOptions) -> OutputOptions:
    """What each analysed record must carry for the outputs of ``opts``."""
    return OutputOptions(
        tokens=opts.tokens,
        row=opts.out is not None and opts.out_format == "parquet",
        analysis=opts.db is not None,
    )
