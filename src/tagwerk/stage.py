"""What a stage is: the :class:`Stage` protocol, the :class:`Work` item an article travels in
through the stages, the fields stages may read and write, and running one stage on one article
within its time limit. The Analyzer and the stage registry are :mod:`tagwerk.pipeline`'s."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tagwerk.analysis import Analysis
from tagwerk.errors import AnalysisTimeoutError

__all__ = ["FIELDS", "RECORD_FIELDS", "TRANSIENT_FIELDS", "FunctionStage", "Stage", "Work", "timed_call", "timed_out"]

# Fields of Analysis a stage may read or write; the article is always there.
RECORD_FIELDS = frozenset(
    {"article", "sentences", "tokens", "mentions", "entities", "keyphrases", "quotes", "claims", "section", "subjects", "tags",
     "events"}
)
# Transient fields of a Work item: objects stages hand each other, never serialised.
TRANSIENT_FIELDS = frozenset({"doc", "topic_hits"})
FIELDS = RECORD_FIELDS | TRANSIENT_FIELDS


@dataclass(slots=True, eq=False)
class Work:
    """One article on its way through the stages: the record the stages write (``analysis``)
    and what they hand each other but never publish. The Analyzer drops it when the article is
    done, so nothing transient outlives the analysis."""

    analysis: Analysis
    doc: Any = None
    """The spaCy ``Doc`` the tokens stage built (the ner stage labels it)."""
    topic_hits: Any = None
    """The topic vocabularies' hits on the tokens (``tagwerk.topics.topic_hits``: by vocabulary,
    ``tagwerk.topics.TopicHit`` lists by topic), found once by the first stage that needs them
    (section) and read again by the Media Topics and tags stages."""
    time_limit: float | None = None
    """``AnalyzerConfig.time_limit``: the seconds this article's analysis may take."""
    spent: float = 0.0
    """Seconds its analysis has taken so far (the Analyzer adds each stage's)."""
    deadline: float | None = None
    """``time.monotonic()`` by which the running stage must be done with it (set by the
    Analyzer before each stage); long stages check it between their steps (:meth:`check_time`)."""

    def check_time(self) -> None:
        """Raise :class:`AnalysisTimeoutError` once the deadline has passed (stages call it
        between the steps of long work: the ``ner`` stage every few hundred sentences)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise timed_out(self)


def timed_out(work: Work) -> AnalysisTimeoutError:
    article = work.analysis.article
    return AnalysisTimeoutError(
        f"the analysis took longer than its time limit of {work.time_limit:g} s (--time-limit or TAGWERK_TIME_LIMIT)",
        source=article.source or article.id,
    )


class Stage:
    """What the Analyzer runs: ``__call__`` analyses one article.

    ``warm`` (optional) prepares a stage for a long run, outside any memory zone: the Analyzer
    calls it once a run turns out to be longer than one article.

    ``pipe`` analyses several at once and returns one error (or ``None``) per item; it raises
    before it changes any item when it cannot run them together, and the Analyzer then calls
    ``__call__`` for each, so that the article that broke it is found. ``version_suffix`` is
    appended to the registered version in each analysis (the ``ner`` stage names a model other
    than the shipped one there, so that ``reanalyze`` tells the two apart). ``memory_zone`` is
    the spaCy ``Language.memory_zone`` of a stage that builds Docs (see :class:`Analyzer`)."""

    version_suffix: str = ""
    memory_zone: Callable[[], Any] | None = None

    def __call__(self, work: Work) -> None:
        raise NotImplementedError

    def pipe(self, works: Sequence[Work]) -> list[Exception | None]:
        errors: list[Exception | None] = []
        for work in works:
            try:
                self(work)
            except Exception as exc:  # noqa: BLE001 - returned in the article's place
                errors.append(exc)
            else:
                errors.append(None)
        return errors


class FunctionStage(Stage):
    """A plain function of the Analysis as a stage (for small custom stages)."""

    def __init__(self, fn: Callable[[Analysis], None]) -> None:
        self.fn = fn

    def __call__(self, work: Work) -> None:
        self.fn(work.analysis)


def timed_call(stage: Stage, work: Work, limit: float | None) -> Exception | None:
    """Run ``stage`` on one article with its deadline set; add the seconds to ``work.spent``;
    the exception it raised, or None."""
    start = time.monotonic()
    work.deadline = None if limit is None else start + limit - work.spent
    try:
        stage(work)
    except Exception as exc:  # noqa: BLE001 - returned in the article's place
        return exc
    finally:
        work.spent += time.monotonic() - start
    return None
