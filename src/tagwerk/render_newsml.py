"""NewsML-G2 output: an agency item written back with tagwerk's additions, or a new newsItem.

For an article read from NewsML-G2 the item is written back as it came, except for tagwerk's
additions at the end of its ``contentMeta``:

* the salient persons, organisations and places found as ``subject`` elements (``type`` ``cpnat:person``,
  ``cpnat:organisation``, ``cpnat:geoArea``), with the Wikidata item as ``qcode="wd:Q..."`` where
  the entity is linked;
* the IPTC Media Topics as ``subject`` elements (``qcode="medtop:..."``, IPTC's German name, the
  level-1 topic as ``broader``);
* the suggested tags as ``keyword`` elements (the given tags are the item's own already).

Each addition carries ``creatoruri="https://tagwerk.dev/"`` and ``confidence`` (0-100; entities
also ``relevance``, their salience). A second pass first removes what an earlier pass added, so
nothing is duplicated; the readers never take these elements for the agency's. Nothing outside
``contentMeta`` is touched: ``wd`` is Wikidata's usual scheme alias, which a processor that
resolves qcodes finds in its own catalog (the items tagwerk writes itself declare it).

For any other input :func:`to_newsml` writes a minimal NewsML-G2 ``newsItem`` with the article's
headline, byline, dateline and XHTML body. Several articles become one ``newsMessage``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from tagwerk.analysis import Analysis
from tagwerk.readers.detect import NAR
from tagwerk.readers.wire import TAGWERK_URI

XHTML = "http://www.w3.org/1999/xhtml"
WIKIDATA_URI = "http://www.wikidata.org/entity/"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
STANDARD_VERSION = "2.34"
_N = f"{{{NAR}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ENTITY_TYPES = {"PER": "cpnat:person", "ORG": "cpnat:organisation", "LOC": "cpnat:geoArea"}
# Which entities become subjects: the most salient ones (an item names many people and places in
# passing; a newsroom's system wants what the story is about). Set by hand on the dpa samples.
MIN_SALIENCE = 0.2
MAX_ENTITIES = 15


def _pct(value: float) -> str:
    return str(max(0, min(100, round(value * 100))))


def _el(name: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.Element(_N + name, nsmap=None)
    for key, value in attrs.items():
        el.set(key, value)
    if text is not None:
        el.text = text
    return el


def _name(text: str, lang: str | None = None) -> Any:
    el = _el("name", text)
    if lang:
        el.set(_XML_LANG, lang)
    return el


def _in_credit(analysis: Analysis, start: int) -> bool:
    art = analysis.article
    if art.dateline is not None and art.dateline.start <= start < art.dateline.end:
        return True
    return any(b.kind == "credit" and b.start <= start < b.end for b in art.blocks)


def additions(analysis: Analysis) -> list[Any]:
    """tagwerk's ``subject`` and ``keyword`` elements for one analysis, in the NAR namespace."""
    mark = {"creatoruri": TAGWERK_URI}
    out = []
    ents = [
        e for e in analysis.entities
        if e.type in ENTITY_TYPES and e.salience >= MIN_SALIENCE and any(not _in_credit(analysis, m.start) for m in e.mentions)
    ]
    for ent in sorted(ents, key=lambda e: (-e.salience, e.name))[:MAX_ENTITIES]:
        attrs = {"type": ENTITY_TYPES[ent.type]}
        if ent.kb_id and re.fullmatch(r"Q\d+", ent.kb_id):
            attrs["qcode"] = f"wd:{ent.kb_id}"
        el = _el("subject", **attrs, **mark, confidence=_pct(ent.confidence), relevance=_pct(min(ent.salience, 1.0)))
        el.append(_name(ent.name))
        out.append(el)
    for subject in analysis.subjects:
        el = _el("subject", type="cpnat:abstract", qcode=subject.code, **mark, confidence=_pct(subject.score))
        el.append(_name(subject.name, "de"))
        if subject.broader:
            el.append(_el("broader", qcode=subject.broader))
        out.append(el)
    for tag in analysis.tags:
        if not tag.given:
            out.append(_el("keyword", tag.name, **mark, confidence=_pct(tag.score)))
    return out


def _ours(el: Any) -> bool:
    return isinstance(el.tag, str) and (el.get("creatoruri") or "").startswith(TAGWERK_URI)


def _remove_keeping_space(el: Any) -> None:
    parent = el.getparent()
    prev = el.getprevious()
    if prev is not None:
        prev.tail = el.tail
    else:
        parent.text = el.tail
    parent.remove(el)


def annotate_item(item: Any, analysis: Analysis) -> None:
    """Replace tagwerk's earlier additions in a ``newsItem``'s ``contentMeta`` with this analysis'."""
    meta = item.find(_N + "contentMeta")
    if meta is None:
        meta = _el("contentMeta")
        anchor = item.find(_N + "itemMeta")
        item.insert(item.index(anchor) + 1 if anchor is not None else len(item), meta)
    for el in [c for c in meta if _ours(c)]:
        _remove_keeping_space(el)
    new = additions(analysis)
    if not new:
        return
    children = [c for c in meta if isinstance(c.tag, str)]
    ours_after = next((c for c in children if c.tag == _N + "contentMetaExtProperty" or not c.tag.startswith(_N)), None)
    at = meta.index(ours_after) if ours_after is not None else len(meta)
    prev = meta[at - 1] if at > 0 else None
    space = (prev.tail if prev is not None else meta.text) or ""
    indent = "\n" + space.rsplit("\n", 1)[-1] if "\n" in space else ""
    for i, el in enumerate(new):
        el.tail = indent
        meta.insert(at + i, el)
    if prev is not None:
        new[-1].tail, prev.tail = prev.tail, indent
    else:
        new[-1].tail, meta.text = meta.text, indent


def _news_items(root: Any) -> list[Any]:
    return [root] if root.tag == _N + "newsItem" else list(root.iter(_N + "newsItem"))


def _parse(original: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, strip_cdata=False)
    return etree.fromstring(original.encode("utf-8"), parser)


def _annotated_document(analyses: list[Analysis]) -> Any:
    """The original document of these analyses (all from one document), each item annotated."""
    root = _parse(analyses[0].article.original or "")
    items = _news_items(root)
    by_guid = {el.get("guid"): el for el in items}
    for i, analysis in enumerate(analyses):
        el = by_guid.get(analysis.article.id)
        if el is None and i < len(items):
            el = items[i]
        if el is not None:
            annotate_item(el, analysis)
    return root


def _iso(value: str | None) -> str:
    if value:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return value + "T00:00:00"
        if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?", value):
            return value if value.count(":") >= 2 or value.endswith("Z") else value + ":00"
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def minimal_item(analysis: Analysis) -> Any:
    """A small valid NewsML-G2 ``newsItem`` for an article read from another format."""
    art = analysis.article
    guid = art.id if art.id and re.match(r"(urn|https?|tag):", art.id) else (
        "urn:tagwerk:" + hashlib.sha1(art.text.encode("utf-8")).hexdigest()[:20]
    )
    item = etree.Element(_N + "newsItem", nsmap={None: NAR})
    for key, value in (("guid", guid), ("version", str(art.wire.version if art.wire and art.wire.version else 1)),
                       ("standard", "NewsML-G2"), ("standardversion", STANDARD_VERSION), ("conformance", "power")):
        item.set(key, value)
    item.set(_XML_LANG, art.language or "de")
    item.append(_el("catalogRef", href=IPTC_CATALOG))
    catalog = _el("catalog")
    catalog.append(_el("scheme", alias="wd", uri=WIKIDATA_URI))
    item.append(catalog)
    meta = _el("itemMeta")
    meta.append(_el("itemClass", qcode="ninat:text"))
    provider = art.credit.outlet or (art.credit.agencies[0] if art.credit.agencies else None) or (art.wire.provider if art.wire else None)
    meta.append(_el("provider", literal=provider or "unknown"))
    meta.append(_el("versionCreated", _iso(art.date)))
    item.append(meta)
    cmeta = _el("contentMeta")
    for author in art.credit.authors:
        creator = _el("creator")
        creator.append(_name(author))
        cmeta.append(creator)
    cmeta.append(_el("language", tag=art.language or "de"))
    if art.headline:
        cmeta.append(_el("headline", art.headline.text))
    if art.dateline:
        cmeta.append(_el("dateline", art.dateline.text))
    if art.credit.raw:
        cmeta.append(_el("by", art.credit.raw))
    item.append(cmeta)
    content = _el("contentSet")
    inline = _el("inlineXML", contenttype="application/xhtml+xml")
    html = etree.SubElement(inline, f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = art.headline.text if art.headline else ""
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    tags = {"headline": "h1", "kicker": "h3", "subheading": "h2", "teaser": "p", "paragraph": "p"}
    for block in art.blocks:
        if block.kind in tags:
            el = etree.SubElement(body, f"{{{XHTML}}}{tags[block.kind]}")
            el.text = block.text
            if block.kind == "teaser":
                el.set("class", "teaser")
    content.append(inline)
    item.append(content)
    annotate_item(item, analysis)
    etree.indent(item, space="  ")
    return item


def _serialise(root: Any) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root.getroottree(), encoding="unicode")


def to_newsml(analyses: Analysis | Sequence[Analysis]) -> str:
    """NewsML-G2 for one or more analyses: one NewsML-G2 input document written back with
    tagwerk's additions, else one minimal ``newsItem``, else a ``newsMessage`` holding every item
    (the items of each NewsML-G2 document, annotated, and a new one for each other article)."""
    group = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    if not group:
        raise ValueError("no analysis to write")
    docs: dict[int, list[Analysis]] = {}
    order: list[tuple[str, Any]] = []
    for analysis in group:
        original = analysis.article.original
        if original:
            if id(original) not in docs:
                docs[id(original)] = []
                order.append(("doc", id(original)))
            docs[id(original)].append(analysis)
        else:
            order.append(("new", analysis))
    if len(order) == 1:
        kind, key = order[0]
        return _serialise(_annotated_document(docs[key]) if kind == "doc" else minimal_item(key))
    message = etree.Element(_N + "newsMessage", nsmap={None: NAR})
    header = etree.SubElement(message, _N + "header")
    etree.SubElement(header, _N + "sent").text = datetime.now(UTC).replace(microsecond=0).isoformat()
    item_set = etree.SubElement(message, _N + "itemSet")
    for kind, key in order:
        if kind == "doc":
            for el in _news_items(_annotated_document(docs[key])):
                item_set.append(el)
        else:
            item_set.append(minimal_item(key))
    etree.indent(header, space="  ", level=1)
    return _serialise(message)
