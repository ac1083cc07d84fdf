"""Text views of an Analysis: the article printed back with what tagwerk found.

Pure functions returning strings; the CLI prints them. NewsML-G2 output is
:func:`tagwerk.render_newsml.to_newsml`, re-exported here.
"""

from __future__ import annotations

from tagwerk.analysis import Analysis, Event
from tagwerk.lang.de.events import EVENT_LABELS
from tagwerk.render_newsml import to_newsml
from tagwerk.topics.mediatopics import URI as MEDIATOPIC_URI

__all__ = ["counted", "render_text", "tags_line", "to_jsonld", "to_newsml"]

_TYPE_ORDER = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,200 articles`` (``plural`` where it is not ``singular + s``)."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def tags_line(analysis: Analysis) -> str:
    names = [t.name for t in analysis.tags]
    if not names:
        names = list(analysis.article.given_tags)
    return "Tags: " + ", ".join(names)


def render_text(analysis: Analysis) -> str:
    """The article, then the findings, ending in the filled ``Tags:`` line."""
    art = analysis.article
    out: list[str] = []
    for block in art.blocks:
        if block.kind == "headline":
            out.append(block.text.upper() if len(block.text) < 60 else block.text)
        elif block.kind == "subheading":
            out.append("")
            out.append("## " + block.text)
        elif block.kind == "credit":
            continue
        else:
            out.append(block.text)
    credit = art.credit
    if credit.raw:
        out.append(credit.raw)
    out.append("")
    out.append("── tagwerk " + "─" * 60)
    facts = []
    if credit.outlet:
        facts.append(f"outlet {credit.outlet}")
    if credit.authors:
        facts.append("authors " + ", ".join(credit.authors))
    if credit.agencies:
        facts.append("agencies " + ", ".join(credit.agencies))
    if art.dateline:
        facts.append(f"dateline {art.dateline.text.strip()!r}")
    if facts:
        out.append("Credit:    " + " · ".join(facts))
    if art.date or art.url:
        out.append("Source:    " + " · ".join(x for x in (art.date, art.url) if x))
    n_par = len(art.paragraphs)
    out.append(
        f"Structure: {counted(n_par, 'paragraph')}, {counted(len(art.subheadings), 'subheading')}, "
        f"{counted(len(analysis.sentences), 'sentence')}, {counted(len(analysis.tokens), 'token')}"
    )
    if analysis.section:
        out.append(f"Section:   {analysis.section.label} ({analysis.section.confidence:.2f})")
    if analysis.subjects:
        out.append("Subjects:  " + " · ".join(f"{s.code} {s.name} ({s.score:.2f})" for s in analysis.subjects))
    wire = art.wire
    if wire is not None:
        bits = [x for x in (wire.provider, f"version {wire.version}" if wire.version else None,
                            f"urgency {wire.urgency}" if wire.urgency else None, wire.category,
                            ", ".join(wire.signals) or None, f"embargo {wire.embargo}" if wire.embargo else None) if x]
        out.append("Agency:    " + " · ".join(bits))
        given = [f"{g.qcode or g.scheme} {g.name or ''}".strip() for g in art.given_subjects if g.kind in ("subject", "geo")]
        if given:
            out.append("Given:     " + ", ".join(given))
    if analysis.entities:
        out.append("Entities:")
        ents = sorted(analysis.entities, key=lambda e: (_TYPE_ORDER.get(e.type, 9), -len(e.mentions), e.name))
        for ent in ents:
            forms = list(dict.fromkeys(m.text for m in ent.mentions))
            kb = f" [{ent.kb_id}]" if ent.kb_id else ""
            extra = f" → {ent.stands_for}" if ent.stands_for else ""
            refs = list(dict.fromkeys(r.text for r in ent.references))
            also = f"; also {_clip(', '.join(refs), 40)}" if refs else ""  # what the coref stage resolved to it
            out.append(f"  {ent.type:<4} {ent.name}{kb}{extra}  ×{len(ent.mentions)}  ({_clip(', '.join(forms), 70)}{also})")
    elif analysis.mentions:
        out.append("Mentions:")
        for m in analysis.mentions:
            flag = " (derived)" if m.derived else " (part)" if m.part else ""
            out.append(f"  {m.label:<4} {m.text}{flag}")
    if analysis.quotes:
        out.append("Quotes:")
        for q in analysis.quotes:
            who = q.speaker_name or (q.speaker.text if q.speaker else "?")
            if q.speaker is not None and q.speaker_name and q.speaker.text not in q.speaker_name and len(q.speaker.text.split()) <= 3:
                who += f" („{q.speaker.text}“)"  # the words that name the speaker: ``er``, ``der Kanzler``
            cue = f" ({q.cue.text})" if q.cue else ""
            words = " […] ".join(s.text for s in q.spans)
            out.append(f"  {q.type:<13} {who}{cue}: {_clip(words, 80)}")
    if analysis.claims:
        shown = [c for c in analysis.claims if c.certainty != "asserted"]
        if shown:
            out.append("Claims:")
            for c in shown:
                bits = []
                if c.source_text:
                    bits.append("source " + c.source_text)
                if c.hedges:
                    bits.append("hedges " + ", ".join(h.text for h in c.hedges))
                out.append(f"  {c.certainty:<10} {_clip(c.text, 70)}" + (f"  [{'; '.join(bits)}]" if bits else ""))
    if analysis.events:
        out.append("Events:")
        for ev in analysis.events:
            out.append("  " + event_line(ev))
    if analysis.keyphrases:
        out.append("Keyphrases: " + ", ".join(k.text for k in analysis.keyphrases[:10]))
    for w in analysis.warnings:
        out.append("Warning:   " + w)
    out.append(tags_line(analysis))
    return "\n".join(out)


def event_line(ev: Event) -> str:
    """``Besuch: Wladimir Putin → Nordkorea, Datum offen (geplant)`` in one line."""
    who = ", ".join(p.name for p in ev.participants) or "?"
    where = f" → {ev.place.name}" if ev.place else ""
    when = ev.date or (f"{ev.date_span.text!r} (offen)" if ev.date_span else "Datum offen")
    flag = " (geplant)" if ev.planned else ""
    return f"{EVENT_LABELS.get(ev.type, ev.type)}: {who}{where}, {when}{flag}  [{', '.join(s.text for s in ev.evidence)}]"


_SCHEMA_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "Thing"}


def to_jsonld(analysis: Analysis) -> dict:
    """A schema.org ``NewsArticle`` for the article: tags as keywords, entities as ``mentions``
    (``sameAs`` Wikidata where linked), the top entity tags as ``about``, credit as author/publisher."""
    art = analysis.article
    head = art.headline
    body_kinds = {"paragraph", "subheading", "teaser"}
    doc: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "inLanguage": art.language,
        "articleBody": "\n\n".join(b.text for b in art.blocks if b.kind in body_kinds),
        "keywords": [t.name for t in analysis.tags],
    }
    if head:
        doc["headline"] = head.text
    if art.url:
        doc["url"] = art.url
    if art.date:
        doc["datePublished"] = art.date
    if analysis.section:
        doc["articleSection"] = analysis.section.label
    if art.credit.outlet:
        doc["publisher"] = {"@type": "Organization", "name": art.credit.outlet}
    authors = [{"@type": "Person", "name": a} for a in art.credit.authors]
    authors += [{"@type": "Organization", "name": a} for a in art.credit.agencies]
    if authors:
        doc["author"] = authors

    def thing(ent) -> dict:  # noqa: ANN001 - Entity
        item = {"@type": _SCHEMA_TYPES.get(ent.type, "Thing"), "name": ent.name}
        if ent.kb_id:
            item["sameAs"] = f"https://www.wikidata.org/wiki/{ent.kb_id}"
        return item

    by_id = {e.id: e for e in analysis.entities}
    doc["mentions"] = [thing(e) for e in analysis.entities] + [_event_thing(ev, by_id) for ev in analysis.events]
    # what the article is about: the tags that are entities themselves (a topic tag may carry the
    # entity it absorbed as evidence, ``GDL`` for Streik; that entity is not the tag)
    doc["about"] = [
        thing(by_id[t.entity]) for t in analysis.tags if t.entity and t.entity in by_id and t.source in ("entity", "given")
    ]
    for subject in analysis.subjects:  # IPTC Media Topics
        code = subject.code.split(":", 1)[-1]
        doc["about"].append({
            "@type": "DefinedTerm",
            "@id": MEDIATOPIC_URI + code,
            "termCode": subject.code,
            "name": subject.name,
            "inDefinedTermSet": MEDIATOPIC_URI,
        })
    return doc


def _event_thing(ev: Event, entities: dict) -> dict:
    """A schema.org ``Event``: its type's German name, attendees, location and start date
    (ISO weeks have no schema.org form and are left out)."""

    def ref(arg) -> dict:  # noqa: ANN001 - EventArgument
        item = {"@type": _SCHEMA_TYPES.get(arg.type, "Thing"), "name": arg.name}
        ent = entities.get(arg.entity)
        if ent is not None and ent.kb_id:
            item["sameAs"] = f"https://www.wikidata.org/wiki/{ent.kb_id}"
        return item

    names = [p.name for p in ev.participants]
    item: dict = {
        "@type": "Event",
        "name": EVENT_LABELS.get(ev.type, ev.type)
        + (": " + ", ".join(names) if names else "")
        + (f" → {ev.place.name}" if ev.place else ""),
        "additionalType": ev.type,
    }
    attendees = [ref(p) for p in ev.participants if p.type in ("PER", "ORG")]
    if attendees:
        item["attendee"] = attendees
    if ev.place is not None:
        item["location"] = ref(ev.place)
    if ev.date and ev.date_precision != "week":
        item["startDate"] = ev.date
    if ev.planned:
        item["eventStatus"] = "https://schema.org/EventScheduled"
    return item
