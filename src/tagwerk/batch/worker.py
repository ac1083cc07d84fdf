"""What runs inside a worker: one Analyzer per process, records in, outcomes out.

The Analyzer is built once per process and cached by its configuration, so a process pool
initializer, a Dask worker plugin and a plain in-process run all share ``analyzer_for``.
A spaCy pipeline must not run in two threads at once, so a thread borrows an idle
Analyzer and gives it back; should a Dask worker run several threads, a second Analyzer
is built only when two of them analyse at the same time. (A thread-local cache would load
the model twice in every Dask worker: the plugin loads it in the event-loop thread, the
tasks run in the executor thread.)
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tagwerk.analysis import Analysis
from tagwerk.article import Article
from tagwerk.errors import ArticleError
from tagwerk.pipeline import BATCH_ARTICLES, Analyzer, AnalyzerConfig, chunked

_IDLE: dict[str, list[Analyzer]] = {}
_IDLE_LOCK = threading.Lock()


@contextmanager
def analyzer_for(config: AnalyzerConfig | None) -> Iterator[Analyzer]:
    """Borrow this process's idle Analyzer for ``config`` (built on first use) for one job."""
    key = repr(config)
    with _IDLE_LOCK:
        idle = _IDLE.setdefault(key, [])
        analyzer = idle.pop() if idle else None
    if analyzer is None:
        analyzer = Analyzer(config or AnalyzerConfig())
    try:
        yield analyzer
    finally:
        with _IDLE_LOCK:
            _IDLE[key].append(analyzer)


def preload(config: AnalyzerConfig | None) -> None:
    """Build the Analyzer for ``config`` now (worker start), so the first record does not wait."""
    with analyzer_for(config):
        pass


@dataclass(frozen=True, kw_only=True)
class OutputOptions:
    """What a worker returns for each analysed article."""

    tokens: bool = False
    """Keep the tokens in the JSON record (large: about 10 times the text)."""
    row: bool = False
    """Build a flat row for Parquet output."""
    analysis: bool = False
    """Return the Analysis object itself (for the store)."""


@dataclass(slots=True)
class Outcome:
    """The result for one input record."""

    id: str | None
    source: str | None = None
    line: int | None = None
    json: str | None = None
    """The analysis as one JSON line; None when the record failed."""
    row: dict[str, Any] | None = None
    analysis: Analysis | None = None
    error: str | None = None
    """Error class name, when the record failed."""
    reason: str | None = None
    where: str | None = None
    """For an unexpected exception: the innermost tagwerk source line that raised it."""
    words: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> dict[str, Any]:
        rec = {"id": self.id, "source": self.source, "line": self.line, "error": self.error, "reason": self.reason}
        if self.where:
            rec["where"] = self.where
        return rec


_SOURCE_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")


def _where(exc: BaseException) -> str | None:
    """``tagwerk/stages/x.py:123``: the innermost frame inside tagwerk (a stage bug's address)."""
    where = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        path = frame.f_code.co_filename.replace(os.sep, "/")
        if "/tagwerk/" in path:
            where = "tagwerk/" + path.rsplit("/tagwerk/", 1)[1] + f":{lineno}"
    return where


def failure(exc: BaseException, *, id: str | None = None, source: str | None = None, line: int | None = None) -> Outcome:
    where = None
    if isinstance(exc, ArticleError):
        source = source or exc.source
        line = line if line is not None else exc.line
        reason = exc.message
    else:
        reason = str(exc) or type(exc).__name__
        where = _where(exc)
    if line is None and source and (m := _SOURCE_LINE.match(source)):  # "file.jsonl:12"
        source, line = m["file"], int(m["line"])
    return Outcome(id=id, source=source, line=line, error=type(exc).__name__, reason=reason, where=where)


def flat_row(analysis: Analysis, payload: str) -> dict[str, Any]:
    """The Parquet row of an analysis: a few queryable columns and the whole record as JSON."""
    a = analysis.article
    head = a.headline
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "date": a.date,
        "headline": head.text if head else None,
        "section": analysis.section.label if analysis.section else None,
        "tags": [t.name for t in analysis.tags],
        "entities": [e.name for e in analysis.entities],
        "analysis": payload,
    }


def analyze_one(analyzer: Analyzer, article: Article, opts: OutputOptions) -> Outcome:
    """Analyse one article; any exception becomes a failed Outcome, so a batch goes on."""
    try:
        analysis = analyzer.analyze(article)
    except Exception as exc:  # noqa: BLE001 - a stage bug on one article must not stop an archive run
        return failure(exc, id=article.id, source=article.source)
    return outcome(analysis, opts)


def outcome(analysis: Analysis, opts: OutputOptions) -> Outcome:
    """The Outcome of an analysed article (a failure if its record cannot be written)."""
    article = analysis.article
    try:
        payload = json.dumps(analysis.to_dict(tokens=opts.tokens), ensure_ascii=False)
    except Exception as exc:  # noqa: BLE001 - as above
        return failure(exc, id=article.id, source=article.source)
    return Outcome(
        id=article.id,
        source=article.source,
        json=payload,
        row=flat_row(analysis, payload) if opts.row else None,
        analysis=analysis if opts.analysis else None,
        words=len(article.text.split()),
        warnings=list(analysis.warnings),
    )


def analyze_records(analyzer: Analyzer, items: Iterable[Article | ArticleError], opts: OutputOptions) -> Iterator[Outcome]:
    """The Outcome of each record, in order, the articles analysed ``BATCH_ARTICLES`` at a time
    (:meth:`Analyzer.analyze_batch`); reader errors and articles that fail become failed
    Outcomes, so a batch goes on."""
    for chunk in chunked(items, BATCH_ARTICLES):
        yield from _chunk_outcomes(analyzer, chunk, opts)


def _chunk_outcomes(analyzer: Analyzer, chunk: list[Article | ArticleError], opts: OutputOptions) -> Iterator[Outcome]:
    for item, result in zip(chunk, analyzer.analyze_batch(chunk), strict=True):
        if isinstance(item, ArticleError):
            yield failure(item)
        elif isinstance(result, Exception):
            yield failure(result, id=item.id, source=item.source)
        else:
            yield outcome(result, opts)


def process(
    items: list[Article | ArticleError], config: AnalyzerConfig | None, opts: OutputOptions
) -> list[Outcome]:
    """Analyse a chunk of records in order (:func:`analyze_records`)."""
    with analyzer_for(config) as analyzer:
        return list(analyze_records(analyzer, items, opts))


# -- process pool ------------------------------------------------------------------------


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when its parent dies (even by ``kill -9``)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:  # noqa: BLE001 - best effort only
        pass


_POOL_CONFIG: AnalyzerConfig | None = None
_POOL_OPTS: OutputOptions = OutputOptions()


def pool_initializer(config: AnalyzerConfig | None, opts: OutputOptions, parent_pid: int) -> None:
    """Process pool initializer: load the Analyzer once per worker process."""
    global _POOL_CONFIG, _POOL_OPTS
    _die_with_parent()
    # one worker per core: no BLAS/OpenMP thread pools competing for the same cores (as Dask
    # sets for its workers); set before the Analyzer imports numpy
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if os.getppid() != parent_pid:  # the parent died before the prctl took effect
        os._exit(1)
    _POOL_CONFIG, _POOL_OPTS = config, opts
    preload(config)


def analysis_executor(config: AnalyzerConfig | None, workers: int, opts: OutputOptions | None = None) -> Any:
    """A process pool of ``workers`` spawned, single-threaded processes, each loading one
    Analyzer for ``config`` at start (``pool_initializer``). Spawned: nothing is inherited
    from the parent; single-threaded: spaCy's NER runs about 15 % slower in a process with
    a second thread. The batch runner, each Dask worker, ``tagwerk serve`` and ``tagwerk
    ingest --workers`` analyse in such pools."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=pool_initializer,
        initargs=(config, opts or OutputOptions(), os.getpid()),
    )


def pool_process(items: list[Article | ArticleError]) -> list[Outcome]:
    return process(items, _POOL_CONFIG, _POOL_OPTS)


def with_pool_analyzer(fn: Any, *args: Any) -> Any:
    """In a pool worker: ``fn(analyzer, *args)`` with the worker's Analyzer."""
    with analyzer_for(_POOL_CONFIG) as analyzer:
        return fn(analyzer, *args)


def pool_analyze(article: Article) -> Analysis:
    """In a pool worker: the Analysis of one article (it travels back pickled, without the Doc)."""
    with analyzer_for(_POOL_CONFIG) as analyzer:
        return analyzer.analyze(article)


def pool_analyze_json(article: Article, tokens: bool = False) -> str:
    """In a pool worker: one article's analysis as compact JSON, ready to send as it is."""
    with analyzer_for(_POOL_CONFIG) as analyzer:
        return json.dumps(analyzer.analyze(article).to_dict(tokens=tokens), ensure_ascii=False, separators=(",", ":"))

