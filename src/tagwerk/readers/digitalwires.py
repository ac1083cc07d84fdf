"""dpa-digitalwires: one JSON object with ``"format": "digitalwires@..."`` -> Article.

What is read: ``urn`` (the article id), ``version``, ``version_created`` (the date),
``content_created``, ``embargoed``, ``signal``, ``pubstatus``, ``urgency``, ``language``,
``kicker``, ``headline``, ``subhead`` and ``teaser``, ``byline``, ``creditline``, the body from
``article_html`` and ``infobox_html`` (paragraphs, ``h2`` subheadings, lists, tables), and the
``categories``: dpa subjects and IPTC Media Topics, places (``geosubject``), keywords, desk
(the ressort), services (``wire``), genre, located, creators, persons and points of interest.
Not body text: the notepad, editorial notes, the link box and the rights lines. An item without
``article_html`` (a picture, audio or video item) is skipped with one line.

A digitalwires object can stand in a ``.json`` file, in a JSON array or on a JSON Lines line:
:func:`tagwerk.readers.records.article_from_record` hands every such object here.
"""

from __future__ import annotations

from typing import Any

from lxml import html as lxml_html

from tagwerk.article import DEFAULT_MAX_CHARS, Article, GivenSubject
from tagwerk.errors import MalformedJSONError
from tagwerk.readers.wire import (
    WireItem,
    add_subject,
    add_tag,
    fill_from_html,
    scheme_code,
    squash,
    wire_article,
    xml_safe,
)

FORMAT_PREFIX = "digitalwires@"

# category ``type`` -> GivenSubject.kind (subjects, places, people); keywords become given tags
SUBJECT_TYPES = {
    "dnltype:dpasubject": "subject",
    "dnltype:subject": "subject",
    "dnltype:geosubject": "geo",
    "dnltype:person": "person",
    "dnltype:organisation": "organisation",
    "dnltype:organization": "organisation",
    "dnltype:poi": "poi",
}


def is_digitalwires(record: Any) -> bool:
    return isinstance(record, dict) and str(record.get("format") or "").startswith(FORMAT_PREFIX)


def _str(value: Any) -> str | None:
    return squash(value) or None if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _categories(item: WireItem, categories: Any) -> None:
    wire = item.wire
    for cat in categories if isinstance(categories, list) else []:
        if not isinstance(cat, dict):
            continue
        kind = str(cat.get("type") or "")
        name = _str(cat.get("name"))
        scheme, code = scheme_code(cat.get("qcode") if isinstance(cat.get("qcode"), str) else None)
        if kind in SUBJECT_TYPES:
            if name or code:
                add_subject(item, GivenSubject(scheme, code, name, SUBJECT_TYPES[kind]))
        elif kind == "dnltype:keyword":
            add_tag(item, name)
        elif kind == "dnltype:desk":
            wire.category = code or name
            add_subject(item, GivenSubject(scheme, code, name, "category"))
        elif kind == "dnltype:wire" and (code or name):
            if (code or name) not in wire.services:
                wire.services.append(code or name)  # type: ignore[arg-type]
        elif kind == "dnltype:genre" and wire.genre is None:
            wire.genre = name
        elif kind == "dnltype:located" and wire.located is None:
            wire.located = name
        elif kind == "dnltype:creator" and name and name not in wire.creators:
            wire.creators.append(name)
        elif kind == "dnltype:provider" and wire.provider is None:
            wire.provider = name
        elif kind == "dnltype:signal" and code and code not in wire.signals:
            wire.signals.append(code)


def _non_text(record: dict[str, Any], urn: str | None) -> str | None:
    """What an item without text is (``an audio item``), from its association of the same urn."""
    for assoc in record.get("associations") or []:
        if isinstance(assoc, dict) and assoc.get("urn") == urn and assoc.get("type"):
            kind = str(assoc["type"])
            return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind} item"
    return None


def digitalwires_item(record: dict[str, Any], *, source: str, default_id: str | None = None) -> WireItem:
    urn = _str(record.get("urn"))
    item = WireItem(id=urn or _str(record.get("entry_id")) or default_id, source=source, format="digitalwires")
    wire = item.wire
    wire.version = _int(record.get("version"))
    wire.version_created = _str(record.get("version_created"))
    wire.first_created = _str(record.get("content_created"))
    wire.embargo = _str(record.get("embargoed"))
    wire.pubstatus = _str(record.get("pubstatus"))
    wire.urgency = _int(record.get("urgency"))
    signal = scheme_code(_str(record.get("signal")))[1]
    if signal:
        wire.signals.append(signal)
    _categories(item, record.get("categories"))
    if wire.embargo and "embargo" not in wire.signals:
        wire.signals.append("embargo")
    for note in record.get("ednotes") or []:
        if isinstance(note, dict) and str(note.get("role") or "").endswith(":correction") and wire.correction is None:
            wire.correction = _str(note.get("ednote"))
    names = [record.get(k) or [] for k in ("dpasubject_names", "geosubject_names", "keyword_names")]
    words = [squash(n) for group in names if isinstance(group, list) for n in group if isinstance(n, str)]
    wire.slugline = "/".join(w for w in words if w) or None
    item.date = wire.version_created or wire.first_created
    item.language = _str(record.get("language"))
    item.kicker = _str(record.get("kicker"))
    item.headline = _str(record.get("headline"))
    item.teaser = _str(record.get("teaser")) or _str(record.get("subhead"))
    if _str(record.get("subhead")) and _str(record.get("teaser")):
        item.blocks.append(("paragraph", _str(record.get("subhead")) or ""))
    item.byline = _str(record.get("byline"))
    item.creditline = _str(record.get("creditline"))
    for key in ("article_html", "infobox_html"):
        markup = record.get(key)
        if isinstance(markup, str) and markup.strip():
            fill_from_html(item, lxml_html.fragment_fromstring(xml_safe(markup), create_parent="div"))
    _prepend_dateline(item, _str(record.get("dateline")))
    return item


def _prepend_dateline(item: WireItem, dateline: str | None) -> None:
    """digitalwires may keep the dateline (``Berlin (dpa) -``) out of ``article_html``; the
    story's first paragraph starts with it, as in NewsML-G2 and 7901."""
    if not dateline:
        return
    for i, (kind, text) in enumerate(item.blocks):
        if kind == "paragraph":
            if not squash(text).startswith(dateline.rstrip(" -–:")):
                item.blocks[i] = (kind, f"{dateline} {text}")
            return


def article_from_digitalwires(
    record: dict[str, Any], *, source: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, default_id: str | None = None
) -> Article:
    """The Article of one digitalwires object; raises SkippedItemError for an item without text."""
    where = source or default_id or "-"
    if not isinstance(record, dict):
        raise MalformedJSONError("a digitalwires item must be a JSON object", source=where)
    item = digitalwires_item(record, source=where, default_id=default_id)
    html = record.get("article_html")
    if not (isinstance(html, str) and html.strip()):
        what = _non_text(record, item.id)
        raise item.skip(f"{what}, not text" if what else "no body text (no article_html)")
    return wire_article(item, max_chars=max_chars)
