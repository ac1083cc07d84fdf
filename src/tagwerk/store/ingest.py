"""Analyse and store: a stream of articles (``tagwerk ingest``) or the stale stored ones
(``tagwerk reanalyze``).

The store has one writer: analyses run here or in worker processes
(:func:`tagwerk.workers.analyze_stream`), this process stores them, in input order. Every
record yields one :class:`~tagwerk.workers.Outcome`, so a bad record is reported and the
rest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tagwerk.errors import TagwerkError
from tagwerk.pipeline import Analyzer, AnalyzerConfig
from tagwerk.store.base import Store
from tagwerk.workers import Outcome, OutputOptions, Record, analyze_stream, failure, failure_text


def store_outcome(store: Store, outcome: Outcome) -> Outcome:
    """Store an analysed Outcome's analysis (which it must carry: ``OutputOptions(analysis=True)``):
    the same Outcome with the stored id, or, when the store refuses it, a failed Outcome."""
    if not outcome.ok:
        return outcome
    assert outcome.analysis is not None
    try:
        result = store.ingest(outcome.analysis)
    except TagwerkError as exc:  # the store refused it: a failed record
        return failure(exc, id=outcome.id, source=outcome.source, plain=True)
    outcome.analysis = None  # do not hold it longer than needed
    outcome.stored, outcome.created = result.id, result.created
    return outcome


def ingest_articles(
    store: Store,
    records: Iterable[Record],
    *,
    config: AnalyzerConfig | None = None,
    workers: int = 1,
) -> Iterator[Outcome]:
    """Analyse and store each record; yields one Outcome per record, in input order.

    ``workers > 1`` analyses in that many processes (each builds its own Analyzer from
    ``config``); otherwise this process's Analyzer for ``config`` does. Raises
    :class:`~tagwerk.workers.WorkerDied` when an analysis process dies."""
    opts = OutputOptions(analysis=True, json=False)
    for outcome in analyze_stream(records, config=config, workers=workers, opts=opts):
        yield store_outcome(store, outcome)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did, record by record (:meth:`add`), and the store's size after it."""

    created: int = 0
    updated: int = 0
    failed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    """Rows per table once the ingest is done."""
    placed: int = 0
    """Articles placed into story threads at the end (those held for date order)."""

    @property
    def stored(self) -> int:
        return self.created + self.updated

    def add(self, outcome: Outcome) -> None:
        if not outcome.ok:
            self.failed += 1
        elif outcome.created:
            self.created += 1
        else:
            self.updated += 1


OnOutcome = Callable[[Outcome, "IngestSummary"], None]


def ingest_paths(
    db: str | Path | None,
    paths: Iterable[str],
    *,
    config: AnalyzerConfig,
    workers: int = 1,
    on_outcome: OnOutcome | None = None,
    stories: bool = True,
) -> IngestSummary:
    """Read files, folders (recursive) or ``-`` (stdin), analyse and store every article into
    the store at ``db`` (:func:`~tagwerk.store.open_store`); ``on_outcome(outcome, summary)``
    after each record (a failure's one-line report is ``outcome.message``).

    ``stories``: place the articles into story threads and link versions and copies, in date
    order within a window of ``DEFAULT_HOLD`` articles (:mod:`tagwerk.store.archive`)."""
    from tagwerk.readers import read_paths
    from tagwerk.store import open_store

    summary = IngestSummary()
    store = open_store(db)
    try:
        hold_stories(store, stories)
        records = read_paths(paths, max_chars=config.max_chars)
        for outcome in ingest_articles(store, records, config=config, workers=workers):
            summary.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome, summary)
        summary.placed = store.flush_stories()
        summary.counts = store.counts()
    finally:
        store.close()
    return summary


@dataclass(slots=True)
class ReanalyzeSummary:
    versions: dict[str, str]
    """The stage versions the articles were analysed with."""
    stale: int = 0
    """Stored articles found stale (or every article, with ``everything``)."""
    done: int = 0
    failed: int = 0


def hold_stories(store: Store, on: bool) -> None:
    """Stories on (held for date order) or off, where the store keeps an archive."""
    from tagwerk.store.archive import DEFAULT_HOLD

    archive = getattr(store, "archive", None)
    if archive is not None:
        archive.enabled = on
        archive.hold = DEFAULT_HOLD if on else 0


def reanalyze_stale(
    db: str | Path | None,
    *,
    config: AnalyzerConfig,
    everything: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> ReanalyzeSummary:
    """Re-run the stored articles whose stage versions differ from the Analyzer's for
    ``config`` (``everything``: every stored article) and store the new analyses in place;
    ``on_outcome`` after each article (a failure's one-line report is ``outcome.message``).
    Articles the archive has not placed yet (stored before it existed) are placed, in date order
    within a window; those it knows keep their stories."""
    from tagwerk.store import open_store

    store = open_store(db, create=False)  # nothing to re-run where nothing was ingested
    try:
        analyzer = Analyzer(config)
        summary = ReanalyzeSummary(versions=dict(analyzer.versions))
        hold_stories(store, True)
        # everything: compare with a version set no stored analysis has, so every article is stale
        ids = store.stale_articles({"": ""} if everything else analyzer.versions)
        summary.stale = len(ids)
        for article_id in ids:
            outcome = _reanalyze_one(store, analyzer, article_id)
            if outcome.ok:
                summary.done += 1
            else:
                summary.failed += 1
            if on_outcome is not None:
                on_outcome(outcome)
        store.flush_stories()
    finally:
        store.close()
    return summary


def _reanalyze_one(store: Store, analyzer: Analyzer, article_id: int) -> Outcome:
    try:
        article = store.load_article(article_id)
        result = store.ingest(analyzer.analyze(article), into=article_id)
    except Exception as exc:  # noqa: BLE001 - one article's failure is reported, the rest goes on
        outcome = failure(exc, id=str(article_id))
        outcome.message = f"article {article_id}: {failure_text(exc, plain=isinstance(exc, TagwerkError))}"
        return outcome
    return Outcome(id=str(article_id), stored=result.id, created=result.created)
