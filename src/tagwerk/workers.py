"""The analysis worker pool: one Analyzer per process, records in, :class:`Outcome` out.

Every way tagwerk analyses many records goes through here: the batch runner (in this
process, in a pool, or in each Dask worker's analysis process), ``tagwerk ingest`` (and
with it :func:`tagwerk.store.ingest.ingest_articles`) and the HTTP service's analysis
processes. Each record becomes one :class:`Outcome`; a failed one carries one error
record, :meth:`Outcome.error_record`: the one shape of a failed record in every file or
stream of records (the batch errors files, ``tagwerk analyze --format jsonl``, ``analyze_bag``).

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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tagwerk.analysis import Analysis
from tagwerk.article import Article
from tagwerk.errors import ArticleError, InternalError, TagwerkError
from tagwerk.pipeline import BATCH_ARTICLES, Analyzer, AnalyzerConfig, chunked

Record = Article | ArticleError
"""What a reader yields for one input record: the article, or the error in its place."""

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


def check_config(config: AnalyzerConfig | None) -> None:
    """Fail early, in the calling process, on unknown stages or a bad order (without loading any model)."""
    from tagwerk.pipeline import DEFAULT_STAGES, check_order, get_stage, registered_stages

    names = config.stages if config is not None and config.stages is not None else None
    if names is None:
        available = registered_stages()
        names = tuple(s for s in DEFAULT_STAGES if s in available)
    check_order([get_stage(name) for name in names])


@dataclass(frozen=True, kw_only=True)
class OutputOptions:
    """What a worker returns for each analysed article."""

    tokens: bool = False
    """Keep the tokens in the JSON record (large: about 10 times the text)."""
    json: bool = True
    """Serialise the analysis as one JSON line (a record that cannot be serialised fails)."""
    row: bool = False
    """Build a flat row for Parquet output."""
    analysis: bool = False
    """Return the Analysis object itself (for the store)."""


@dataclass(slots=True)
class Outcome:
    """The result for one input record: analysed (and perhaps stored), or failed."""

    id: str | None
    source: str | None = None
    line: int | None = None
    json: str | None = None
    """The analysis as one JSON line (when asked for); None when the record failed."""
    row: dict[str, Any] | None = None
    analysis: Analysis | None = None
    error: str | None = None
    """Error class name, when the record failed."""
    reason: str | None = None
    where: str | None = None
    """For an unexpected exception: the innermost tagwerk source line that raised it."""
    message: str | None = None
    """A failure as one line for a person: the record's source (or id), then what went wrong."""
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    stored: int | None = None
    """The store's article id, once the analysis is stored."""
    created: bool | None = None
    """Whether storing it added an article (False: one with the same URL or text was updated)."""

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> dict[str, Any]:
        """The one JSON shape of a failed record: ``{"id", "source", "line", "error" (the
        class), "reason"}``, with ``"where"`` for an unexpected exception. The batch errors
        files hold these as they are; a stream of analyses (``tagwerk analyze --format
        jsonl``, ``analyze_bag``) holds ``{"error": record}`` in the failed record's place."""
        rec = {"id": self.id, "source": self.source, "line": self.line, "error": self.error, "reason": self.reason}
        if self.where:
            rec["where"] = self.where
        return rec


_SOURCE_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")


def failure_text(exc: BaseException, *, plain: bool = False) -> str:
    """What a failure says: a reader's or Analyzer's ArticleError (or, with ``plain``, any
    error) by its message; any other exception as ``analysis failed: Class: message``."""
    if plain or isinstance(exc, ArticleError):
        return str(exc)
    return f"analysis failed: {type(exc).__name__}: {exc}"


def _tagwerk_frame(exc: BaseException) -> str | None:
    """``tagwerk/stages/x.py:123``: the innermost frame inside tagwerk (a stage bug's address)."""
    where = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        path = frame.f_code.co_filename.replace(os.sep, "/")
        if "/tagwerk/" in path:
            where = "tagwerk/" + path.rsplit("/tagwerk/", 1)[1] + f":{lineno}"
    return where


def failure(
    exc: BaseException,
    *,
    id: str | None = None,
    source: str | None = None,
    line: int | None = None,
    label: str | None = None,
    plain: bool = False,
) -> Outcome:
    """The failed Outcome of a record. ``label`` names the record in the message (default:
    its source or id, else ``article``); ``plain``: see :func:`failure_text`."""
    if id is None and isinstance(exc, ArticleError):
        id = exc.id  # the record's own id, where the reader knew it
    label = label or source or id or "article"
    text = failure_text(exc, plain=plain)
    message = text if text.startswith(label) else f"{label}: {text}"
    where = None
    if isinstance(exc, ArticleError):
        source = source or exc.source
        line = line if line is not None else exc.line
        reason = exc.message
        if isinstance(exc, InternalError) and exc.__cause__ is not None:  # a bug's address
            where = _tagwerk_frame(exc.__cause__)
    else:
        reason = str(exc) or type(exc).__name__
        where = _tagwerk_frame(exc)
    if line is None and source and (m := _SOURCE_LINE.match(source)):  # "file.jsonl:12"
        source, line = m["file"], int(m["line"])
    return Outcome(id=id, source=source, line=line, error=type(exc).__name__, reason=reason, where=where, message=message)


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
    payload = None
    if opts.json or opts.row:
        try:
            payload = json.dumps(analysis.to_dict(tokens=opts.tokens), ensure_ascii=False)
        except Exception as exc:  # noqa: BLE001 - as above
            return failure(exc, id=article.id, source=article.source)
    return Outcome(
        id=article.id,
        source=article.source,
        json=payload,
        row=flat_row(analysis, payload) if opts.row and payload is not None else None,
        analysis=analysis if opts.analysis else None,
        words=len(article.text.split()),
        warnings=list(analysis.warnings),
    )


def analyze_records(analyzer: Analyzer, items: Iterable[Record], opts: OutputOptions) -> Iterator[Outcome]:
    """The Outcome of each record, in order, the articles analysed ``BATCH_ARTICLES`` at a time
    (:meth:`Analyzer.analyze_batch`); reader errors and articles that fail become failed
    Outcomes, so a batch goes on."""
    for chunk in chunked(items, BATCH_ARTICLES):
        yield from _chunk_outcomes(analyzer, chunk, opts)


def _chunk_outcomes(analyzer: Analyzer, chunk: list[Record], opts: OutputOptions) -> Iterator[Outcome]:
    for item, result in zip(chunk, analyzer.analyze_batch(chunk), strict=True):
        if isinstance(item, ArticleError):
            yield failure(item, label=item.source or "input")
        elif isinstance(result, Exception):
            yield failure(result, id=item.id, source=item.source)
        else:
            yield outcome(result, opts)


def process(items: list[Record], config: AnalyzerConfig | None, opts: OutputOptions) -> list[Outcome]:
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


def pool_process(items: list[Record]) -> list[Outcome]:
    return process(items, _POOL_CONFIG, _POOL_OPTS)


def pool_analyze(article: Article) -> Analysis:
    """In a pool worker: the Analysis of one article (it travels back pickled, without the Doc)."""
    with analyzer_for(_POOL_CONFIG) as analyzer:
        return analyzer.analyze(article)


def pool_analyze_json(article: Article, tokens: bool = False) -> str:
    """In a pool worker: one article's analysis as compact JSON, ready to send as it is."""
    with analyzer_for(_POOL_CONFIG) as analyzer:
        return json.dumps(analyzer.analyze(article).to_dict(tokens=tokens), ensure_ascii=False, separators=(",", ":"))



# -- many records, here or in a pool ---------------------------------------------------------


class WorkerDied(TagwerkError):
    """A pool process died (out of memory?); the records it had are lost."""


MAX_DEATHS = 3
"""Records in a row that each kill an analysis process alone before a run gives up: then the
processes themselves cannot work (a model that does not load, no memory at all)."""


class _Pool:
    """The analysis process pool of :func:`analyze_chunks`, restarted when a process dies."""

    def __init__(self, config: AnalyzerConfig | None, workers: int, opts: OutputOptions) -> None:
        self.args = (config, workers, opts)
        self.pool = analysis_executor(config, workers, opts)
        self.deaths = 0

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = analysis_executor(*self.args)

    def alone(self, chunk: list[Record]) -> list[Outcome]:
        """Each record of ``chunk`` in a process of its own turn: one that kills its process
        fails alone (the pool is restarted), the others are analysed."""
        from concurrent.futures.process import BrokenProcessPool

        out: list[Outcome] = []
        for record in chunk:
            try:
                out.extend(self.pool.submit(pool_process, [record]).result())
                self.deaths = 0
            except BrokenProcessPool as exc:
                self.deaths += 1
                if self.deaths >= MAX_DEATHS:
                    raise WorkerDied(f"an analysis process died on {MAX_DEATHS} records in a row (out of memory?)") from exc
                self.restart()
                out.append(_died(record))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _died(record: Record) -> Outcome:
    exc = InternalError("the analysis process died on this record (out of memory, or a crash in a library)")
    if isinstance(record, Article):
        return failure(exc, id=record.id, source=record.source)
    return failure(record, label=record.source or "input")


def analyze_chunks(
    chunks: Iterable[list[Record]],
    *,
    config: AnalyzerConfig | None,
    workers: int = 1,
    opts: OutputOptions | None = None,
    on_ready: Callable[[], None] | None = None,
) -> Iterator[list[Outcome]]:
    """The Outcomes of each chunk of records, chunk by chunk, in input order.

    ``workers`` 1: in this process, with its Analyzer for ``config`` (built before the first
    chunk is read); more: in an :func:`analysis_executor` of that many processes, at most
    ``4 * workers`` chunks in flight. ``on_ready`` is called once the Analyzers are loaded
    (a pool: once each process has answered), before the first chunk is read. When a pool process dies, the pool is restarted and the
    chunks in flight are analysed again one record at a time: a record that kills its process
    again fails alone (an :class:`~tagwerk.errors.InternalError` in its place), so that one
    poison record stops neither the run nor its resume. Raises :class:`WorkerDied` when
    ``MAX_DEATHS`` records in a row each kill a process."""
    opts = opts or OutputOptions()
    if workers <= 1:
        with analyzer_for(config) as analyzer:
            if on_ready is not None:
                on_ready()
            for chunk in chunks:
                yield list(analyze_records(analyzer, chunk, opts))
        return
    from concurrent.futures.process import BrokenProcessPool

    check_config(config)  # an unknown stage fails here, not in every pool process
    pool = _Pool(config, workers, opts)
    window: deque[tuple[list[Record], Any]] = deque()  # (chunk, its future or its outcomes)

    def next_done() -> list[Outcome]:
        chunk, fut = window.popleft()
        if isinstance(fut, list):
            return fut
        try:
            return fut.result()
        except BrokenProcessPool:
            pool.restart()
            redo = [(chunk, fut), *window]
            window.clear()
            first = pool.alone(chunk)
            for c, _ in redo[1:]:
                window.append((c, pool.alone(c)))
            return first

    try:
        if on_ready is not None:  # each call waits for a process's initializer (its model load)
            try:
                for ready in [pool.pool.submit(os.getpid) for _ in range(workers)]:
                    ready.result()
            except BrokenProcessPool as exc:
                raise WorkerDied("an analysis process died while loading its models (out of memory?)") from exc
            on_ready()
        for chunk in chunks:
            window.append((chunk, pool.pool.submit(pool_process, chunk)))
            if len(window) >= 4 * workers:
                yield next_done()
        while window:
            yield next_done()
    finally:
        for _, fut in window:
            if not isinstance(fut, list):
                fut.cancel()
        pool.close()


def analyze_stream(
    records: Iterable[Record],
    *,
    config: AnalyzerConfig | None,
    workers: int = 1,
    opts: OutputOptions | None = None,
    chunk_size: int = BATCH_ARTICLES,
) -> Iterator[Outcome]:
    """The Outcome of each record, in input order (:func:`analyze_chunks` over chunks of ``chunk_size``)."""
    for outcomes in analyze_chunks(chunked(records, chunk_size), config=config, workers=workers, opts=opts):
        yield from outcomes
