"""The Store interface, its query and result records, and the pure helpers every backend shares."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tagwerk.analysis import LOCAL_ID_PREFIX, Analysis, Entity, Mention
from tagwerk.article import Article
from tagwerk.errors import TagwerkError

TAG_STATUSES = ("suggested", "accepted", "rejected", "added")
MAX_TAG_CHARS = 200
MAX_PAGE = 200


class StoreError(TagwerkError):
    """The store could not do what was asked (bad database URL, bad record, bad query)."""


class NotFoundError(StoreError):
    """No article or entity with that id."""


class NoStoreError(StoreError):
    """A read found no store: nothing has been ingested there yet (and nothing was created)."""


@dataclass(frozen=True, kw_only=True)
class SearchQuery:
    """Full-text search combined with facets; every part is optional."""

    text: str | None = None
    entities: tuple[str, ...] = ()
    """Entity ids, KB ids or names; an article must mention every one."""
    tags: tuple[str, ...] = ()
    """Tag names; an article must carry every one (not rejected)."""
    date_from: str | None = None
    date_to: str | None = None
    """Inclusive ISO dates (``2005-08-01``); a shorter prefix (``2005``) works too."""
    outlet: str | None = None
    limit: int = 20
    offset: int = 0
    exact: bool = False
    """Whole words only. By default a word of :data:`PREFIX_MIN` or more letters also finds the
    words it begins, German compounds included (``Rente`` finds ``Rentenreform``)."""

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE:
            raise StoreError(f"limit must be between 1 and {MAX_PAGE}")
        if self.offset < 0:
            raise StoreError("offset must not be negative")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _DATE_PREFIX.fullmatch(value):
                raise StoreError(f"the {name[5:]} date must be ISO, such as 2005-08-01, 2005-08 or 2005, not {value!r}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "entities": list(self.entities),
            "tags": list(self.tags),
            "from": self.date_from,
            "to": self.date_to,
            "outlet": self.outlet,
            "limit": self.limit,
            "offset": self.offset,
            "exact": self.exact,
        }


PREFIX_MIN = 4
"""Shortest word that search matches as a prefix by default: ``Zoll`` finds ``Zollstreit``;
shorter words (``EU``, ``AfD``, ``Öl``) match whole words only, as they would otherwise find
a great many unrelated words (``eu`` would find ``Europa``, ``euro``, ``eule`` ...)."""

_TERM = re.compile(r'"([^"]+)"|([\w][\w\-]*\*?)', re.UNICODE)


@dataclass(frozen=True)
class SearchTerm:
    """One part of a search text: a word (hyphenated ones as several words in a row) or a
    quoted phrase, and whether its last word matches as a prefix."""

    words: tuple[str, ...]
    prefix: bool
    phrase: bool


def search_terms(text: str, *, prefix: bool = False) -> list[SearchTerm]:
    """What a user typed, as terms every article must contain. ``wort*`` is always a prefix;
    with ``prefix``, every unquoted word of :data:`PREFIX_MIN` or more letters is one too."""
    terms = []
    for m in _TERM.finditer(text):
        phrase, word = m.group(1), m.group(2)
        words = tuple(re.findall(r"\w+", phrase if phrase is not None else word))
        if not words:
            continue
        if phrase is not None:
            terms.append(SearchTerm(words, False, True))
            continue
        star = word.endswith("*") or (prefix and len(words[-1]) >= PREFIX_MIN)
        terms.append(SearchTerm(words, star, False))
    return terms


@dataclass(frozen=True)
class IngestResult:
    id: int
    created: bool
    """False when an article with the same URL or content was updated."""


@dataclass
class TagReview:
    """An editor's decisions on one article's tags."""

    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)
    add: list[str] = field(default_factory=list)
    who: str = "editor"

    def validate(self) -> None:
        for name in (*self.accept, *self.reject, *self.add):
            if not clean_tag(name):
                raise StoreError("a tag name is empty")
            if len(name) > MAX_TAG_CHARS:
                raise StoreError(f"a tag name is longer than {MAX_TAG_CHARS} characters")
        if not self.who or len(self.who) > 100:
            raise StoreError("'who' must be 1 to 100 characters")


class Store(ABC):
    """Keeps analysed articles; searches them by text, entity, tag, date and outlet.

    Backends: :class:`~tagwerk.store.sqlite.SQLiteStore` (default, one file) and
    :class:`~tagwerk.store.postgres.PostgresStore`. Results are JSON-ready dicts.
    """

    url: str

    @abstractmethod
    def ingest(self, analysis: Analysis, *, into: int | None = None) -> IngestResult:
        """Store one analysis; the same URL or content hash updates, never duplicates.

        ``into``: update that stored article (re-analysis) instead of looking it up.
        """

    def ingest_many(self, analyses: Iterable[Analysis]) -> Iterator[IngestResult | StoreError]:
        """Store each analysis in its own transaction; a failing record is yielded as an error."""
        for analysis in analyses:
            try:
                yield self.ingest(analysis)
            except StoreError as exc:
                yield exc

    @abstractmethod
    def get_article(self, article_id: int) -> dict[str, Any]:
        """The stored article, its analysis and its reviewed tags; raises NotFoundError."""

    @abstractmethod
    def load_article(self, article_id: int) -> Article:
        """The stored Article, rebuilt for re-analysis."""

    @abstractmethod
    def search(self, query: SearchQuery) -> dict[str, Any]:
        """``{"total": n, "hits": [...], "query": {...}}``."""

    @abstractmethod
    def find_entities(self, key: str) -> list[dict[str, Any]]:
        """Entities whose id, KB id or name (case-folded) is ``key``, most mentioned first."""

    @abstractmethod
    def entity_view(self, key: str, *, limit: int = 10) -> dict[str, Any]:
        """Mentions over time, co-occurring entities ranked and latest quotes; raises NotFoundError."""

    @abstractmethod
    def review_tags(self, article_id: int, review: TagReview) -> list[dict[str, Any]]:
        """Apply an editor's accept/reject/add decisions; returns the article's tags."""

    @abstractmethod
    def reviewed_articles(self) -> list[int]:
        """Ids of the articles whose tags an editor decided on (accepted, rejected or added one)."""

    @abstractmethod
    def stale_articles(self, versions: Mapping[str, str]) -> list[int]:
        """Ids of stored articles whose stage versions differ from ``versions``."""

    # -- the archive (tagwerk.store.archive, docs/archive.md) --------------------------------
    @abstractmethod
    def stories(self, *, limit: int = 20, offset: int = 0, min_size: int = 1) -> dict[str, Any]:
        """Story threads, newest first: ``{"total": n, "stories": [...]}``."""

    @abstractmethod
    def story(self, story_id: str) -> dict[str, Any]:
        """One story: its articles in time order, versions folded; raises NotFoundError."""

    @abstractmethod
    def related(self, article_id: int, *, limit: int = 10) -> dict[str, Any]:
        """A stored article's story, version link and related articles with their reasons."""

    @abstractmethod
    def entity_days(self, key: str) -> dict[str, Any]:
        """An entity's mentions per day, and those in undated articles; raises NotFoundError."""

    @abstractmethod
    def entity_events(self, key: str, *, limit: int = 50) -> dict[str, Any]:
        """The events an entity took part in, newest first; raises NotFoundError."""

    @abstractmethod
    def flush_stories(self) -> int:
        """Place the articles held for date order (see ``archive.hold``); how many."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- helpers shared by the backends ------------------------------------------------------

_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO or German (``5.8.2005``) date; None if there is none."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if m:
        return m.group(0)
    m = _GERMAN_DATE.search(value)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def article_title(article: Article) -> str:
    head = article.headline
    if head is not None:
        return head.text
    title = article.metadata.get("title") if isinstance(article.metadata, dict) else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    first = article.text.strip().split("\n", 1)[0]
    return first[:117] + "…" if len(first) > 120 else first


def article_outlet(article: Article) -> str | None:
    if article.credit and article.credit.outlet:
        return article.credit.outlet
    meta = article.metadata if isinstance(article.metadata, dict) else {}
    for key in ("outlet", "source", "publisher"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def lookup_key(name: str) -> str:
    """The lookup key of a name or tag: NFC, single spaces, case-folded."""
    return clean_tag(name).casefold()


def clean_tag(name: str) -> str:
    """NFC, single spaces, no NUL (which PostgreSQL refuses in text)."""
    return " ".join(unicodedata.normalize("NFC", name.replace("\x00", "")).split())


_SLUG = re.compile(r"[^\w]+")


def local_entity_id(label: str, text: str) -> str:
    """A stable id for a mention the entities stage did not link (or that ran without it)."""
    slug = _SLUG.sub("-", lookup_key(text)).strip("-") or "x"
    return f"{LOCAL_ID_PREFIX}{label.lower()}:{slug}"


def entities_of(analysis: Analysis) -> tuple[list[Entity], list[tuple[Mention, str | None]]]:
    """The analysis's entities and every mention with its entity id.

    Mentions the entities stage did not link (or every mention, when that stage did not
    run) get a local entity named after their text, so the entity facet still works.
    """
    ents: dict[str, Entity] = {e.id: e for e in analysis.entities}
    pairs: list[tuple[Mention, str | None]] = []
    seen: set[tuple[int, int]] = set()
    for ent in analysis.entities:
        for m in ent.mentions:
            seen.add((m.start, m.end))
            pairs.append((m, ent.id))
    for m in analysis.mentions:
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        eid = m.entity if m.entity in ents else None
        if eid is None and not m.derived and not m.part:
            eid = local_entity_id(m.label, m.text)
            if eid not in ents:
                ents[eid] = Entity(id=eid, name=m.text, type=m.label)
        pairs.append((m, eid))
    return list(ents.values()), pairs


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    """What the store keeps of an analysis: ``Analysis.to_dict`` without tokens and article."""
    return analysis.to_dict(tokens=False, article=False)


def cut_at_word(text: str, limit: int, *, more: bool = False) -> str:
    """``text`` up to ``limit`` characters, cut after a whole word and ended with "…" when
    anything is left out (``more``: the text goes on beyond ``text``)."""
    text = text.rstrip()
    if len(text) <= limit and not more:
        return text
    if len(text) > limit:
        cut = text[: limit + 1]
        text = cut.rsplit(None, 1)[0] if " " in cut.strip() else text[:limit]
    return text.rstrip(" ,;:–-") + " …"


def ellipsize(fragment: str, text: str) -> str:
    """A snippet ``fragment`` of ``text`` (with or without highlight marks), cut back to whole
    words at both ends, with "…" where words of the text come before or after it."""
    plain = fragment.replace("\ue000", "").replace("\ue001", "")
    at = text.find(plain)
    if not plain.strip() or at < 0:
        return fragment
    end = at + len(plain)
    if at > 0 and text[at - 1].isalnum() and " " in fragment.strip():  # starts inside a word: drop its rest
        fragment = fragment.strip().split(" ", 1)[1]
    if end < len(text) and text[end].isalnum() and " " in fragment.strip():  # ends inside a word
        fragment = fragment.strip().rsplit(" ", 1)[0]
    head = "… " if any(c.isalnum() for c in text[:at]) else ""
    tail = " …" if any(c.isalnum() for c in text[end:]) else ""
    return head + fragment.strip() + tail


def mark_snippet(raw: str, start_mark: str, end_mark: str) -> tuple[str, list[list[int]]]:
    """Strip highlight markers from a snippet; return the text and the marked [start, end] ranges.

    Found with one regular expression, not character by character: the Python loop took about
    0.4 ms a snippet, 8 ms of every 20-hit search page, all of it holding the GIL, and was where
    concurrent searches queued (issue 35, ``benchmarks/api.py --seconds``)."""
    out: list[str] = []
    marks: list[list[int]] = []
    pos = 0
    last = 0
    open_at: int | None = None
    for m in re.finditer(f"{re.escape(start_mark)}|{re.escape(end_mark)}", raw):
        piece = raw[last : m.start()]
        out.append(piece)
        pos += len(piece)
        last = m.end()
        if m.group() == start_mark:
            open_at = pos
        else:
            if open_at is not None and pos > open_at:
                marks.append([open_at, pos])
            open_at = None
    out.append(raw[last:])
    return "".join(out), marks
