"""What the three agency wire readers share: an item's parts -> Article, and XHTML bodies -> blocks.

The NewsML-G2 (:mod:`~tagwerk.readers.newsml`), dpa-digitalwires
(:mod:`~tagwerk.readers.digitalwires`) and IPTC 7901 (:mod:`~tagwerk.readers.iptc7901`) readers
each fill a :class:`WireItem`; :func:`wire_article` turns it into an Article whose blocks come
from the item's own structure (kicker, headline, teaser, paragraphs, ``h2`` subheadings), not
from the plain-text heuristics. Non-text items and items without body text become a
:class:`~tagwerk.errors.SkippedItemError` that names the item and says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tagwerk.article import (
    DEFAULT_MAX_CHARS,
    Article,
    ArticleBuilder,
    BlockKind,
    GivenSubject,
    WireInfo,
    attach_dateline,
    check_text,
)
from tagwerk.credit import Credit, CreditPart, agency_name, parse_byline
from tagwerk.errors import SkippedItemError

TAGWERK_URI = "https://tagwerk.dev/"
"""How tagwerk marks what it adds to a NewsML-G2 item (``creatoruri``); the readers skip such
elements, so that an item tagwerk wrote reads back with only the agency's metadata as given."""

# Item classes (IPTC ``ninat``) that are not text, and how a line names them.
NON_TEXT_CLASSES = {
    "picture": "a picture item",
    "graphic": "a graphic item",
    "audio": "an audio item",
    "video": "a video item",
    "animated": "an animation item",
    "interactive": "an interactive item",
    "composite": "a composite item",
}

# XHTML elements whose text is the agency's notice or metadata, not the story (a class on the
# element): the embargo notice, the slugline list, the notepad, the closing line, the link box.
NOTICE_CLASSES = frozenset({"embargoed", "slugline", "notepad", "closingline", "publicationDate", "linkbox", "rights", "copyright"})
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "meta", "link", "time", "template", "noscript"})
_CONTAINERS = frozenset(
    {"html", "body", "section", "article", "div", "header", "footer", "main", "aside", "ul", "ol", "dl", "figure", "blockquote",
     "tbody", "thead", "tfoot", "nav"}
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class WireItem:
    """One agency item's parts, as a reader found them."""

    id: str | None
    source: str
    format: str
    headline: str | None = None
    kicker: str | None = None
    teaser: str | None = None
    blocks: list[tuple[BlockKind, str]] = field(default_factory=list)
    byline: str | None = None
    creditline: str | None = None
    language: str | None = None
    date: str | None = None
    given_tags: list[str] = field(default_factory=list)
    given_subjects: list[GivenSubject] = field(default_factory=list)
    wire: WireInfo = field(default_factory=WireInfo)
    original: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def skip(self, why: str) -> SkippedItemError:
        return SkippedItemError(f"{self.id or 'the item'}: skipped: {why}", source=self.source)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(markup: str) -> str:
    """``markup`` without the characters XML cannot hold (control characters but tab and line
    breaks; lxml refuses a string with any of them, and the reader with it)."""
    return _NOT_XML.sub("", markup)


def squash(text: str | None) -> str:
    """One line: runs of whitespace (newlines too) become one space."""
    return " ".join((text or "").split())


def scheme_code(qcode: str | None) -> tuple[str, str | None]:
    """``medtop:20000394`` -> (``medtop``, ``20000394``); a code without scheme -> ("", code)."""
    if not qcode:
        return "", None
    scheme, sep, code = qcode.partition(":")
    return (scheme, code) if sep else ("", scheme)


def add_subject(item: WireItem, subject: GivenSubject) -> None:
    key = (subject.scheme, subject.code, subject.name, subject.kind)
    if all((s.scheme, s.code, s.name, s.kind) != key for s in item.given_subjects):
        item.given_subjects.append(subject)


def add_tag(item: WireItem, name: str | None) -> None:
    name = squash(name)
    if name and name not in item.given_tags:
        item.given_tags.append(name)


ACCOUNT_NAME = re.compile(r"([a-zäöüß-]+)\.([a-zäöüß-]+)")


def account_name(name: str) -> str:
    """An agency account name (``nickel.valeria``: surname.first name) as a person's name."""
    m = ACCOUNT_NAME.fullmatch(name.strip())
    if not m:
        return name.strip()
    return " ".join(p.capitalize() for p in (m.group(2), m.group(1)))


def wire_article(item: WireItem, *, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """The Article of a wire item; raises SkippedItemError for an item without body text and
    ArticleTooLargeError above ``max_chars``."""
    body = [(kind, squash(text)) for kind, text in item.blocks]
    body = [(kind, text) for kind, text in body if text]
    if not any(kind == "paragraph" for kind, _ in body):
        if any(kind == "subheading" for kind, _ in body):
            body = [("paragraph" if kind == "subheading" else kind, text) for kind, text in body]
        else:
            raise item.skip("no body text")
    builder = ArticleBuilder()
    for kind, text in (("kicker", item.kicker), ("headline", item.headline), ("teaser", item.teaser)):
        if squash(text):
            builder.add(kind, squash(text))  # type: ignore[arg-type]
    for kind, text in body:
        builder.add(kind, text)
    credit = Credit()
    if item.byline and squash(item.byline):
        line = squash(item.byline)
        block = builder.add("credit", line)
        authors, agencies = parse_byline(line)
        credit.raw = line
        for name in authors:
            credit.authors.append(name)
            pos = line.find(name)
            if block is not None and pos >= 0:
                credit.parts.append(CreditPart("author", block.start + pos, block.start + pos + len(name), name))
        credit.agencies.extend(a for a in agencies if a not in credit.agencies)
    if not credit.authors:  # no byline: the agency's editors, where their account names are names
        credit.authors = [account_name(c) for c in item.wire.creators if ACCOUNT_NAME.fullmatch(c.strip())]
    for token in re.split(r"[/,;]\s*", item.creditline or ""):
        agency = agency_name(token)
        if agency and agency not in credit.agencies:
            credit.agencies.append(agency)
    text = builder.text
    check_text(text, max_chars=max_chars, source=item.source)
    article = Article(
        text=text,
        blocks=builder.blocks,
        credit=credit,
        id=item.id or item.source,
        date=item.date,
        language=(item.language or "de").split("-")[0].lower() or "de",
        given_tags=item.given_tags,
        given_subjects=item.given_subjects,
        wire=item.wire,
        metadata=item.metadata,
        source=item.source,
        format=item.format,
        original=item.original,
    )
    attach_dateline(article)
    if item.wire.byline is None and item.byline:
        item.wire.byline = squash(item.byline)
    if item.wire.located is None and article.dateline is not None:
        item.wire.located = article.dateline.place
    return article


# -- XHTML bodies ----------------------------------------------------------------------


def local(tag: Any) -> str:
    """The local name of an lxml tag (``{ns}p`` -> ``p``); "" for comments and the like."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _is_notice(el: Any) -> bool:
    return bool(_classes(el) & NOTICE_CLASSES)


def inline_text(el: Any) -> str:
    """The text of an element and its descendants in order; ``br`` becomes a newline, notices
    and scripts are left out; the element's own tail is not included."""
    parts: list[str] = [el.text or ""]
    for child in el:
        name = local(child.tag)
        if name == "br":
            parts.append("\n")
        elif name and name not in _SKIP_TAGS and not _is_notice(child):
            parts.append(inline_text(child))
            if name in ("p", "div", "li", "tr") or name in _HEADINGS:
                parts.append("\n")
            elif name in ("td", "th"):
                parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(text: str) -> list[str]:
    return [line for line in (squash(x) for x in text.split("\n")) if line]


def _row_text(tr: Any) -> str:
    cells = [squash(inline_text(c)) for c in tr if local(c.tag) in ("td", "th")]
    return " | ".join(c for c in cells if c)


def html_blocks(el: Any, *, in_header: bool = False) -> Iterator[tuple[str, str]]:
    """Blocks of an XHTML element in document order, as (role, text): roles are the block kinds
    plus ``byline``. ``p`` is split at ``br``; list items and table rows are blocks of their own;
    ``h1`` is a headline, ``h2``-``h6`` subheadings (in the header ``h3`` is the kicker and
    ``h2`` the teaser, as dpa writes them)."""
    if el.text and el.text.strip() and local(el.tag) in _CONTAINERS:
        yield "paragraph", el.text
    for child in el:
        name = local(child.tag)
        if not name or name in _SKIP_TAGS or _is_notice(child):
            pass
        elif name == "header":
            yield from html_blocks(child, in_header=True)
        elif name in _HEADINGS:
            text = squash(inline_text(child))
            if name == "h1":
                yield ("headline" if in_header else "h1"), text
            elif in_header and name == "h3":
                yield "kicker", text
            elif in_header and name == "h2":
                yield "teaser", text
            else:
                yield "subheading", text
        elif name == "p":
            cls = _classes(child)
            text = inline_text(child)
            if "byline" in cls:
                yield "byline", squash(text)
            elif "teaser" in cls:
                yield "teaser", squash(text)
            else:
                for line in _lines(text):
                    yield "paragraph", line
        elif name in ("li", "dt", "dd", "figcaption", "caption"):
            if any(local(c.tag) in _CONTAINERS or local(c.tag) == "p" for c in child):
                yield from html_blocks(child, in_header=in_header)
            else:
                for line in _lines(inline_text(child)):
                    yield "paragraph", line
        elif name == "tr":
            row = _row_text(child)
            if row:
                yield "paragraph", row
        elif name == "table" or name in _CONTAINERS:
            yield from html_blocks(child, in_header=in_header)
        elif name == "br":
            pass
        else:
            # an inline element or a custom one (``dnl-image``) standing among the blocks
            for line in _lines(inline_text(child)):
                yield "paragraph", line
        if child.tail and child.tail.strip() and local(el.tag) in _CONTAINERS:
            yield "paragraph", child.tail


def fill_from_html(item: WireItem, root: Any) -> None:
    """Fill an item's headline, kicker, teaser, byline and body blocks from an XHTML element
    (what the item's metadata already gave is kept)."""
    for role, text in html_blocks(root):
        text = squash(text)
        if not text:
            continue
        if role == "headline" or (role == "h1" and not item.headline):
            item.headline = item.headline or text
        elif role == "kicker":
            item.kicker = item.kicker or text
        elif role == "teaser":
            if item.teaser and squash(item.teaser) != text:
                item.blocks.append(("paragraph", text))
            item.teaser = item.teaser or text
        elif role == "byline":
            item.byline = item.byline or text
        elif role == "h1":
            item.blocks.append(("subheading", text))
        else:
            item.blocks.append((role, text))  # type: ignore[arg-type]
