"""IPTC NewsML-G2: a ``newsMessage`` or ``newsItem`` document -> one Article per text item.

What is read: the item's ``guid`` (the article id), ``version``, ``itemMeta`` (item class,
provider, ``versionCreated`` as the date, ``firstCreated``, ``embargoed``, publishing status,
services, signals, the correction note) and ``contentMeta`` (urgency, located, creators,
genre, subjects and keywords, slugline, headlines, dateline, byline, creditline, teaser),
and the body from ``contentSet``: ``inlineXML`` (XHTML: ``h1`` headline, ``h3`` kicker,
``p.byline``, ``p.teaser``, paragraphs, ``h2`` subheadings, lists and tables) or ``inlineData``
(plain text). The notepad, editorial notes and rights lines are not body text. Picture,
audio and video items, and items without body text, are skipped with one line each.
Subjects and keywords that tagwerk itself added (``creatoruri`` tagwerk) are not the agency's
and are left out. Parsing never touches the network (no DTDs, no entities).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from tagwerk.article import Article, GivenSubject
from tagwerk.errors import ArticleError, SkippedItemError, UnsupportedInputError
from tagwerk.readers.detect import NAR
from tagwerk.readers.wire import (
    NON_TEXT_CLASSES,
    TAGWERK_URI,
    WireItem,
    add_subject,
    add_tag,
    fill_from_html,
    local,
    scheme_code,
    squash,
    wire_article,
)

XHTML = "http://www.w3.org/1999/xhtml"
_N = f"{{{NAR}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The subject ``type`` (IPTC ``cpnat`` and dpa's types) -> GivenSubject.kind.
SUBJECT_KINDS = {
    "cpnat:geoArea": "geo",
    "cpnat:poi": "poi",
    "cpnat:person": "person",
    "cpnat:organisation": "organisation",
    "cpnat:event": "event",
    "dpatype:category": "category",
}

def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False, strip_cdata=False
    )


def _text(el: Any) -> str | None:
    if el is None:
        return None
    return squash("".join(el.itertext())) or None


def _name(el: Any) -> str | None:
    """A concept's name: its ``name`` child, else its ``literal``, else its own text."""
    name = el.find(_N + "name")
    return _text(name) if name is not None else (el.get("literal") or _text(el))


def _ours(el: Any) -> bool:
    return (el.get("creatoruri") or "").startswith(TAGWERK_URI)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _item_meta(item: WireItem, meta: Any) -> str:
    """Fill the wire info from ``itemMeta``; returns the item class (``text``, ``picture`` ...)."""
    wire = item.wire
    cls = meta.find(_N + "itemClass")
    item_class = scheme_code(cls.get("qcode") if cls is not None else "ninat:text")[1] or "text"
    wire.item_class = item_class
    provider = meta.find(_N + "provider")
    if provider is not None:
        wire.provider = _name(provider) or scheme_code(provider.get("qcode"))[1]
    wire.version_created = _text(meta.find(_N + "versionCreated"))
    wire.first_created = _text(meta.find(_N + "firstCreated"))
    wire.embargo = _text(meta.find(_N + "embargoed"))
    status = meta.find(_N + "pubStatus")
    if status is not None:
        wire.pubstatus = scheme_code(status.get("qcode"))[1]
    for service in meta.findall(_N + "service"):
        code = scheme_code(service.get("qcode"))[1] or _name(service)
        if code and code not in wire.services:
            wire.services.append(code)
    for signal in meta.findall(_N + "signal"):
        code = scheme_code(signal.get("qcode"))[1]
        if code and code not in wire.signals:
            wire.signals.append(code)
    for note in meta.findall(_N + "edNote"):
        role = note.get("role") or ""
        if role.endswith(":correction") and wire.correction is None:
            wire.correction = _text(note)
    if wire.correction and "correction" not in wire.signals:
        wire.signals.append("correction")
    if wire.embargo and "embargo" not in wire.signals:
        wire.signals.append("embargo")
    return item_class


def _content_meta(item: WireItem, meta: Any) -> None:
    wire = item.wire
    wire.urgency = _int(_text(meta.find(_N + "urgency")))
    located = meta.find(_N + "located")
    if located is not None:
        wire.located = _name(located)
    for creator in meta.findall(_N + "creator"):
        name = _name(creator)
        if name and name not in wire.creators:
            wire.creators.append(name)
    genre = meta.find(_N + "genre")
    if genre is not None:
        wire.genre = _name(genre)
    lang = meta.find(_N + "language")
    if lang is not None and lang.get("tag"):
        item.language = lang.get("tag")
    for el in meta:
        name = local(el.tag)
        if name == "subject" and not _ours(el):
            scheme, code = scheme_code(el.get("qcode"))
            kind = SUBJECT_KINDS.get(el.get("type") or "", "subject")
            if kind == "category" and wire.category is None:
                wire.category = code
            add_subject(item, GivenSubject(scheme, code, _name(el), kind))
        elif name == "keyword" and not _ours(el):
            add_tag(item, _text(el))
        elif name == "slugline" and wire.slugline is None:
            wire.slugline = _text(el)
        elif name == "headline":
            text = _text(el)
            rank = _int(el.get("rank")) or 1
            if rank == 1 and not item.headline:
                item.headline = text
            elif rank > 1 and not item.kicker:
                item.kicker = text
        elif name == "by":
            item.byline = item.byline or _text(el)
        elif name == "creditline":
            item.creditline = item.creditline or _text(el)
        elif name == "description" and (el.get("role") or "").endswith(":teaser"):
            item.teaser = item.teaser or _text(el)


def _slugline_from_body(item: WireItem, html: Any) -> None:
    """dpa lists the slugline's subjects, places and keywords in the XHTML header."""
    if item.wire.slugline is not None:
        return
    for ul in html.iter(f"{{{XHTML}}}ul", "ul"):
        if "slugline" in (ul.get("class") or "").split():
            words = [squash("".join(li.itertext())) for li in ul]
            item.wire.slugline = "/".join(w for w in words if w) or None
            return


def _body(item: WireItem, content_set: Any) -> None:
    for child in content_set:
        name = local(child.tag)
        if name == "inlineXML":
            html = next((c for c in child if local(c.tag)), None)
            if html is not None:
                _slugline_from_body(item, html)
                fill_from_html(item, html)
            return
        if name == "inlineData":
            paragraphs = re.split(r"\n\s*\n", child.text or "")
            item.blocks.extend(("paragraph", p) for p in paragraphs if p.strip())
            return


def _news_item(el: Any, *, source: str, original: str) -> WireItem:
    guid = el.get("guid")
    item = WireItem(id=guid, source=source, format="newsml", original=original)
    item.wire.version = _int(el.get("version"))
    item.language = el.get(_XML_LANG)
    meta = el.find(_N + "itemMeta")
    item_class = _item_meta(item, meta) if meta is not None else "text"
    if item_class in NON_TEXT_CLASSES:
        raise item.skip(f"{NON_TEXT_CLASSES[item_class]} (ninat:{item_class}), not text")
    cmeta = el.find(_N + "contentMeta")
    if cmeta is not None:
        _content_meta(item, cmeta)
    item.date = item.wire.version_created or item.wire.first_created
    content_set = el.find(_N + "contentSet")
    if content_set is not None:
        _body(item, content_set)
    return item


def read_newsml(data: bytes, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    """Every item of a NewsML-G2 document: an Article per text item, a SkippedItemError per
    non-text item, in document order."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        yield UnsupportedInputError(f"not well-formed NewsML-G2 XML ({exc})", source=source)
        return
    original = etree.tostring(root.getroottree(), encoding="unicode")
    if local(root.tag) == "newsItem":
        items = [root]
    else:
        items = [el for el in root.iter(_N + "newsItem", _N + "packageItem", _N + "conceptItem", _N + "knowledgeItem", _N + "planningItem")]
    if not items:
        yield SkippedItemError("the NewsML-G2 message holds no items", source=source)
        return
    single = len(items) == 1
    for i, el in enumerate(items, start=1):
        where = source if single else f"{source}#{i}"
        if local(el.tag) != "newsItem":
            yield SkippedItemError(f"{el.get('guid') or 'item ' + str(i)}: skipped: a {local(el.tag)}, not a news item", source=where)
            continue
        try:
            article = wire_article(_news_item(el, source=where, original=original), max_chars=max_chars)
        except ArticleError as exc:
            yield exc
            continue
        article.warnings.extend(warnings)
        yield article
