"""Analyse and store a stream of articles, optionally analysing in worker processes.

The store has one writer: workers only analyse, the calling process stores, in input order.
Every record yields one :class:`Outcome`, so a bad record is reported and the rest goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from tagwerk.analysis import Analysis
from tagwerk.article import Article
from tagwerk.batch.worker import analysis_executor, with_pool_analyzer
from tagwerk.errors import ArticleError, TagwerkError
from tagwerk.pipeline import BATCH_ARTICLES, Analyzer, AnalyzerConfig, chunked
from tagwerk.store.base import IngestResult, Store


@dataclass(frozen=True)
class Outcome:
    source: str
    result: IngestResult | None = None
    error: str | None = None


def _analyse(analyzer: Any, article: Article) -> Analysis | str:
    try:
        return analyzer.analyze(article)
    except Exception as exc:  # a stage failed on this record: report it, keep the batch going
        return _message(exc)


def _message(exc: Exception) -> str:
    """What an article's failure reports: the reader's or Analyzer's message, or the stage's error."""
    return str(exc) if isinstance(exc, ArticleError) else f"analysis failed: {type(exc).__name__}: {exc}"


def _analyse_chunk(analyzer: Any, articles: list[Article]) -> list[Analysis | str]:
    """The analyses of ``articles`` taken through the stages together
    (:meth:`Analyzer.analyze_batch`), each failure as its message; an analyzer without
    ``analyze_batch`` analyses them one by one."""
    batch = getattr(analyzer, "analyze_batch", None)
    if batch is None:
        return [_analyse(analyzer, a) for a in articles]
    return [_message(r) if isinstance(r, Exception) else r for r in batch(articles)]


def _ingest_chunk(analyzer: Any, chunk: list[Article | ArticleError], store_one) -> Iterator[Outcome]:
    done = iter(_analyse_chunk(analyzer, [rec for rec in chunk if not isinstance(rec, ArticleError)]))
    for rec in chunk:
        if isinstance(rec, ArticleError):
            yield Outcome(rec.source or "input", error=str(rec))
        else:
            yield store_one(_where(rec), next(done))


def _where(article: Article) -> str:
    return article.source or article.id or "article"


def ingest_articles(
    store: Store,
    records: Iterable[Article | ArticleError],
    *,
    analyzer: Any = None,
    config: AnalyzerConfig | None = None,
    workers: int = 1,
) -> Iterator[Outcome]:
    """Analyse and store each record; yields one Outcome per record, in input order.

    ``workers > 1`` analyses in that many processes (each builds its own Analyzer from
    ``config``); otherwise ``analyzer`` (or one built from ``config``) runs here.
    """

    def store_one(where: str, analysed: Analysis | str) -> Outcome:
        if isinstance(analysed, str):
            return Outcome(where, error=analysed)
        try:
            return Outcome(where, result=store.ingest(analysed))
        except TagwerkError as exc:
            return Outcome(where, error=str(exc))

    if workers <= 1:
        an = analyzer if analyzer is not None else Analyzer(config)
        for chunk in chunked(records, BATCH_ARTICLES):
            yield from _ingest_chunk(an, chunk, store_one)
        return

    cfg = config if config is not None else getattr(analyzer, "config", None) or AnalyzerConfig()
    window: deque[tuple[str, Future | Outcome]] = deque()
    with analysis_executor(cfg, workers) as pool:
        for rec in records:
            if isinstance(rec, ArticleError):
                window.append((rec.source or "input", Outcome(rec.source or "input", error=str(rec))))
            else:
                window.append((_where(rec), pool.submit(with_pool_analyzer, _analyse, rec)))
            while len(window) > workers * 4:
                yield _finish(window.popleft(), store_one)
        while window:
            yield _finish(window.popleft(), store_one)


def _finish(item: tuple[str, Future | Outcome], store_one) -> Outcome:
    where, pending = item
    if isinstance(pending, Outcome):
        return pending
    try:
        analysed = pending.result()
    except Exception as exc:  # the worker died (out of memory, killed)
        return Outcome(where, error=f"analysis failed: {type(exc).__name__}: {exc}")
    return store_one(where, analysed)
