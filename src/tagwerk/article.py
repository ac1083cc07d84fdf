"""The Article: one normalised text and its structure, and the parser for agency-shaped plain text.

The text of an article is its blocks (headline, paragraphs, subheadings, credit line)
joined by a blank line; every block records its offsets into that text. The ``Tags:``
line is not part of the text: its tags are kept as ``given_tags``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from tagwerk import credit as credit_data
from tagwerk.credit import Credit, CreditPart, Dateline
from tagwerk.errors import ArticleTooLargeError, EmptyArticleError
from tagwerk.lang.de.credit import BYLINE, TAGS_LINE

__all__ = [
    "Article",
    "Block",
    "Credit",
    "CreditPart",
    "Dateline",
    "GivenSubject",
    "WireInfo",
    "build_article",
    "parse_text",
    "plain",
]

BlockKind = Literal["kicker", "headline", "teaser", "paragraph", "subheading", "credit"]

DEFAULT_MAX_CHARS = 2_000_000
"""Default size limit of an article's text (2 MB of characters)."""

BLOCK_SEPARATOR = "\n\n"
CONTENT_KINDS = frozenset({"kicker", "headline", "teaser", "paragraph", "subheading"})


@dataclass(slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    text: str


@dataclass(slots=True)
class GivenSubject:
    """A subject the agency or editor gave the item (never one of tagwerk's suggestions)."""

    scheme: str
    """The code's scheme alias: ``medtop`` (IPTC Media Topics), ``dpasubject``, ``dpacountry``..."""
    code: str | None
    """The code within the scheme (``20000394``); None for a name without a code."""
    name: str | None = None
    kind: str = "subject"
    """``subject``, ``geo`` (a country or region), ``person``, ``organisation``, ``poi`` or ``category``."""

    @property
    def qcode(self) -> str | None:
        return f"{self.scheme}:{self.code}" if self.code else None


@dataclass(slots=True)
class WireInfo:
    """What an agency wire says of an item besides its text (NewsML-G2, dpa-digitalwires, IPTC 7901)."""

    provider: str | None = None
    """The agency (``dpa``)."""
    version: int | None = None
    version_created: str | None = None
    """When this version was made (ISO 8601); also the article's ``date``."""
    first_created: str | None = None
    signals: list[str] = field(default_factory=list)
    """``correction``, ``update``, ``flash`` ... (the agency's signal codes without scheme)."""
    correction: str | None = None
    """The agency's note on what a correction changed."""
    embargo: str | None = None
    """Not to be published before this time (ISO 8601)."""
    urgency: int | None = None
    """1 (most urgent) to 9."""
    category: str | None = None
    """The agency's desk or ressort code (dpa: ``pl``, ``wi``, ``vm``, ``sp``, ``ku``)."""
    services: list[str] = field(default_factory=list)
    slugline: str | None = None
    located: str | None = None
    """Where the story happened, as the agency says (the dateline's place when it says nothing else)."""
    byline: str | None = None
    creators: list[str] = field(default_factory=list)
    """The agency's editors of the item (account names as the agency sends them)."""
    genre: str | None = None
    item_class: str = "text"
    pubstatus: str | None = None


@dataclass(slots=True)
class Article:
    text: str
    blocks: list[Block] = field(default_factory=list)
    credit: Credit = field(default_factory=Credit)
    dateline: Dateline | None = None
    id: str | None = None
    date: str | None = None
    url: str | None = None
    language: str = "de"
    given_tags: list[str] = field(default_factory=list)
    given_subjects: list[GivenSubject] = field(default_factory=list)
    """The agency's or editor's coded subjects and places; kept apart from tagwerk's suggestions."""
    wire: WireInfo | None = None
    """Agency metadata of a wire item (NewsML-G2, dpa-digitalwires, IPTC 7901); None otherwise."""
    metadata: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    """Where the article was read from (file path, ``-``, ``file.jsonl:12``)."""
    format: str = "text"
    warnings: list[str] = field(default_factory=list)
    original: str | None = field(default=None, repr=False, compare=False, metadata={"serialise": False})
    """The item as it came (the NewsML-G2 document), so that it can be written back with
    tagwerk's additions; never serialised."""

    # -- views --------------------------------------------------------------------
    def _kind(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    @property
    def headline(self) -> Block | None:
        heads = self._kind("headline")
        return heads[0] if heads else None

    @property
    def paragraphs(self) -> list[Block]:
        return self._kind("paragraph")

    @property
    def subheadings(self) -> list[Block]:
        return self._kind("subheading")

    @property
    def content_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in CONTENT_KINDS]

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


_SERIALISED: dict[type, tuple[str, ...]] = {}


def _serialised(cls: type, fields: dict[str, Any]) -> tuple[str, ...]:
    names = _SERIALISED.get(cls)
    if names is None:
        names = tuple(n for n, f in fields.items() if f.metadata.get("serialise", True))
        _SERIALISED[cls] = names
    return names


def plain(obj: Any) -> Any:
    """Records to dicts and lists, like ``dataclasses.asdict`` but without its deep copies
    (which cost about 5 ms an article, half of the store's ingest time on the background corpus).
    Fields marked ``metadata={"serialise": False}`` (``Article.original``) are left out."""
    fields = getattr(obj, "__dataclass_fields__", None)
    if fields is not None:
        return {name: plain(getattr(obj, name)) for name in _serialised(type(obj), fields)}
    if isinstance(obj, list | tuple):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    return obj


# -- normalisation -----------------------------------------------------------------

_SURROGATES = re.compile(r"[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each UTF-16 surrogate code point replaced by U+FFFD, and how many there
    were. Such a code point (``"\\ud800"`` in JSON) cannot be written as UTF-8: JSON output,
    SQLite and PostgreSQL all fail on it. One character for one, so offsets stay valid."""
    if _SURROGATES.search(text) is None:
        return text, 0
    return _SURROGATES.subn("\ufffd", text)


def surrogate_warning(n: int) -> str:
    return f"replaced {n:,} lone UTF-16 surrogate{'s' if n != 1 else ''} (U+D800-U+DFFF) with U+FFFD"


def clean_surrogates(article: Article) -> None:
    """Replace the surrogates of an Article built by hand (its text and blocks), with a warning."""
    text, n = replace_surrogates(article.text)
    if not n:
        return
    article.text = text
    for block in article.blocks:
        block.text = text[block.start : block.end]
    article.warnings.append(surrogate_warning(n))


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalise_line(line: str) -> str:
    """NFC, no zero-width characters or soft hyphens, single spaces, stripped."""
    line = unicodedata.normalize("NFC", line)
    line = _ZERO_WIDTH.sub("", line)
    return _SPACES.sub(" ", line).strip()


def check_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS, source: str | None = None) -> None:
    if not text or not text.strip():
        raise EmptyArticleError("the article is empty", source=source)
    if len(text) > max_chars:
        raise ArticleTooLargeError(
            f"the article has {len(text):,} characters, more than the limit of {max_chars:,}"
            " (raise it with --max-chars)",
            source=source,
        )


# -- building ----------------------------------------------------------------------


class ArticleBuilder:
    """Appends blocks to one text and keeps their offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, text: str) -> Block | None:
        text = normalise_line(text)
        if not text:
            return None
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._pos += len(BLOCK_SEPARATOR)
        block = Block(kind, self._pos, self._pos + len(text), text)
        self._parts.append(text)
        self._pos += len(text)
        self.blocks.append(block)
        return block

    @property
    def text(self) -> str:
        return "".join(self._parts)


def build_article(
    *,
    body: str,
    title: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    source: str | None = None,
    **fields: Any,
) -> Article:
    """Build an Article from a title and a body whose paragraphs are lines.

    The body is parsed like plain agency text (subheadings, credit, dateline, ``Tags:``),
    so a JSON record or a feed entry gets the same structure as a text file.
    """
    if title and title.strip():
        body = title.strip() + "\n\n" + body
        article = parse_text(body, max_chars=max_chars, source=source, headline_first=True)
    else:
        article = parse_text(body, max_chars=max_chars, source=source)
    given = fields.pop("given_tags", None)
    if given:
        merged = list(dict.fromkeys([*article.given_tags, *given]))
        article.given_tags = merged
    for key, value in fields.items():
        if value is not None:
            setattr(article, key, value)
    return article


def attach_dateline(article: Article) -> None:
    """Find the dateline (``Berlin (dpa) -``) at the start of the first paragraph; its agencies
    join the credit."""
    first_para = next((b for b in article.blocks if b.kind == "paragraph"), None)
    if first_para is None:
        return
    dl = credit_data.find_dateline(first_para.text)
    if dl is None:
        return
    start, end, place, agencies = dl
    s, e = first_para.start + start, first_para.start + end
    article.dateline = Dateline(s, e, article.text[s:e], place, agencies)
    for agency in agencies:
        if agency not in article.credit.agencies:
            article.credit.agencies.append(agency)


# -- the plain-text parser -----------------------------------------------------------

_SENTENCE_END = tuple(".!?:;…\"“”»«'’)")
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 110


def looks_like_heading(line: str) -> bool:
    """Short, no closing punctuation: a headline, kicker or subheading."""
    if len(line) > _MAX_HEADING_CHARS or len(line.split()) > _MAX_HEADING_WORDS:
        return False
    if line.endswith(_SENTENCE_END):
        return False
    return True


def _split_tags(value: str) -> list[str]:
    parts = re.split(r"\s*[,;|]\s*", value.strip())
    return [normalise_line(p) for p in parts if normalise_line(p)]


def parse_text(
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    source: str | None = None,
    headline_first: bool | None = None,
) -> Article:
    """Parse plain text in the agency/online shape into an Article.

    Recognised: a headline (and kicker) first, paragraphs (one per line, or separated by
    blank lines), short unpunctuated lines between paragraphs as subheadings, a dateline
    (``Berlin (dpa) -``), credit lines (``Quelle: ntv.de, jga/dpa/AFP``, ``(dpa)``,
    ``Von Max Muster``, ``mit Material von Reuters``) and a ``Tags:`` line (``Thema:``,
    ``Themen:``, ``Schlagwörter:``) after the text; such a line before any text is text
    (``Thema: Die Rolle Ciceros`` as a headline).
    ``headline_first`` forces (True) or forbids (False) reading the first line as a
    headline; by default a short unpunctuated first line is a headline.
    """
    check_text(text, max_chars=max_chars, source=source)
    text, surrogates = replace_surrogates(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = [normalise_line(line) for line in text.split("\n")]
    lines = [line for line in raw_lines if line]
    if not lines:
        raise EmptyArticleError("the article is empty", source=source)

    given_tags: list[str] = []
    credit_lines: list[str] = []
    byline_authors: list[str] = []
    content: list[str] = []
    for line in lines:
        m = TAGS_LINE.match(line) if content or credit_lines else None  # a tags line counts only after the text
        if m:
            given_tags.extend(_split_tags(m.group("tags")))
            continue
        if credit_data.is_credit_line(line):
            credit_lines.append(line)
            continue
        by = BYLINE.match(line)
        if by and len(line.split()) <= 8:
            byline_authors.extend(credit_data.split_names(by.group("names")))
            credit_lines.append(line)
            continue
        content.append(line)

    if not content:
        raise EmptyArticleError("the article has no text besides its credit and tags", source=source)

    builder = ArticleBuilder()
    first = 0
    want_headline = headline_first if headline_first is not None else looks_like_heading(content[0])
    if want_headline and len(content) > 1:
        # Kicker + headline: two short lines before the first paragraph.
        if (
            headline_first is None
            and len(content) > 2
            and looks_like_heading(content[1])
            and not looks_like_heading(content[2])
        ):
            builder.add("kicker", content[0])
            builder.add("headline", content[1])
            first = 2
        else:
            builder.add("headline", content[0])
            first = 1
    for i in range(first, len(content)):
        line = content[i]
        is_last = i == len(content) - 1
        kind: BlockKind = "paragraph"
        if not is_last and i > first and looks_like_heading(line):
            kind = "subheading"
        builder.add(kind, line)

    credit = Credit()
    for line in credit_lines:
        block = builder.add("credit", line)
        assert block is not None
        credit_data.parse_credit_line(line, block.start, credit)
    credit.authors = list(dict.fromkeys([*credit.authors, *byline_authors]))

    full = builder.text
    article = Article(
        text=full,
        blocks=builder.blocks,
        credit=credit,
        given_tags=given_tags,
        source=source,
        format="text",
    )
    attach_dateline(article)
    if credit.raw is None and credit_lines:
        credit.raw = " | ".join(credit_lines)
    if surrogates:
        article.warnings.append(surrogate_warning(surrogates))
    return article
