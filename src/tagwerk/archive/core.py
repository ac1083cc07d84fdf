"""The archive: near-duplicates, versions and stories over a stream of analysed articles.

:class:`Archive` puts each article through the near-duplicate index first (a version or copy goes
into its original's story, whatever its words), then through the story index. Its whole state is
four lists of rows (:class:`ArchiveRows`), so a store can keep it in tables and go on from them.
:func:`assign_stories` is the one call behind ``tagwerk stories``: articles in, one
:class:`ArchiveRecord` per article out, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tagwerk.analysis import Analysis
from tagwerk.archive.config import ArchiveConfig
from tagwerk.archive.dedup import DedupIndex
from tagwerk.archive.features import ArticleFeatures, features_of
from tagwerk.archive.records import ArchiveRecord, Fingerprint, StoryMember, StoryRecord, VersionLink
from tagwerk.archive.stories import StoryIndex
from tagwerk.errors import ArticleError

if TYPE_CHECKING:
    from tagwerk.article import Article
    from tagwerk.pipeline import Analyzer

STORY_STAGES = ("tokens", "ner", "entities", "keyphrases")
"""The stages the archive reads (tokens, entities, keyphrases): quotes, tags and the rest are not needed."""


@dataclass(slots=True)
class ArchiveRows:
    """The archive's state as rows (see :mod:`tagwerk.archive.records`)."""

    stories: list[StoryRecord] = field(default_factory=list)
    members: list[StoryMember] = field(default_factory=list)
    fingerprints: list[Fingerprint] = field(default_factory=list)
    links: list[VersionLink] = field(default_factory=list)


class Archive:
    """Versions, near-duplicates and story threads of the articles added, in the order added
    (which should be date order; an undated article is placed at the newest date seen)."""

    def __init__(self, config: ArchiveConfig | None = None) -> None:
        self.config = config or ArchiveConfig()
        self.dedup = DedupIndex(self.config)
        self.stories = StoryIndex(self.config)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.stories

    def _record(self, article_id: str, link: VersionLink | None, story: str, score: float | None, label: str, new: bool) -> ArchiveRecord:
        if link is None:
            return ArchiveRecord(article_id, story, similarity=score, label=label, new_story=new)
        of_version = link.kind in ("agency", "version")
        return ArchiveRecord(
            article_id,
            story,
            version_of=link.of if of_version else None,
            duplicate_of=None if of_version else link.of,
            similarity=link.similarity,
            label=label,
        )

    def add(self, f: ArticleFeatures) -> ArchiveRecord:
        """Place one article. Adding an id the archive knows changes nothing and returns what it
        said the first time (so ingesting twice leaves the archive as it was)."""
        known = self.stories.member(f.id)
        if known is not None:
            rec = self.stories.story(known.story_id)
            return self._record(f.id, self.dedup.link(f.id), known.story_id, known.score, rec.label if rec else "", False)
        time = self.stories.time_for(f)
        link = self.dedup.add(f, time)
        original = self.stories.member(link.of) if link is not None else None
        if link is not None and original is not None:
            placed = self.stories.add(f, story=original.story_id, score=link.similarity)
        else:
            placed = self.stories.add(f)
        return self._record(f.id, link, placed.story, placed.score, placed.label, placed.new)

    def to_rows(self) -> ArchiveRows:
        stories, members = self.stories.to_rows()
        prints, links = self.dedup.to_rows()
        return ArchiveRows(stories, members, prints, links)

    @classmethod
    def from_rows(cls, rows: ArchiveRows, config: ArchiveConfig | None = None) -> Archive:
        archive = cls(config)
        archive.stories = StoryIndex.from_rows(rows.stories, rows.members, archive.config)
        archive.dedup = DedupIndex.from_rows(rows.fingerprints, rows.links, archive.config)
        return archive


def _article_id(analysis: Analysis, index: int) -> str:
    art = analysis.article
    return art.id or art.source or f"#{index + 1}"


def place_in_date_order(archive: Archive, items: list[ArticleFeatures | ArticleError]) -> list[ArchiveRecord | ArticleError]:
    """Add the features in ``items`` to ``archive`` in date order (undated ones last, ties in
    input order) and return the records in the order of ``items``, errors in their places."""
    feats = [(i, f) for i, f in enumerate(items) if isinstance(f, ArticleFeatures)]
    feats.sort(key=lambda it: (it[1].time is None, it[1].time or 0.0, it[0]))
    placed: dict[int, ArchiveRecord] = {i: archive.add(f) for i, f in feats}
    return [item if isinstance(item, ArticleError) else placed[i] for i, item in enumerate(items)]


def assign_stories(
    records: Iterable[Article | ArticleError],
    analyzer: Analyzer,
    *,
    config: ArchiveConfig | None = None,
    archive: Archive | None = None,
    batch: int = 16,
) -> Iterator[ArchiveRecord | ArticleError]:
    """Analyse ``records`` (``batch`` at a time), then place them in ``archive`` (a new one by
    default) in date order, and yield one record per input record in input order: an
    :class:`ArchiveRecord`, or the reader's or Analyzer's ArticleError in its place.

    Only the features of the articles are held until all are read (a few kilobytes each), never
    their analyses. An article without an id is known by its source, else by its position."""
    archive = archive or Archive(config)
    items: list[ArticleFeatures | ArticleError] = []
    for item in analyzer.try_analyze_many(records, batch=batch):
        if isinstance(item, ArticleError):
            items.append(item)
        else:
            items.append(features_of(item, article_id=_article_id(item, len(items))))
    yield from place_in_date_order(archive, items)
