"""Coreference within one article: pronouns, possessives, descriptions and bare surnames
resolved to the named entities they refer to (rule-based, German).

``find_references`` is a pure function over an Analysis' text, tokens, mentions and entities;
the ``coref`` stage (``tagwerk.stages.coref``) only applies its result. Modules: ``words``
(role words and qualifiers), ``profiles`` (what the KB and the article say about each entity:
gender, offices, parties, countries, age), ``anaphors`` (what may refer) and ``resolve``
(the ranking).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from tagwerk.analysis import Entity, Mention, Reference, Token
from tagwerk.coref.anaphors import Anaphor, find_anaphors
from tagwerk.coref.profiles import Profile, build_profiles, kb_first_names
from tagwerk.coref.resolve import Link, Occurrence, is_subject, resolve
from tagwerk.kb import KnowledgeBase
from tagwerk.lang.de.coref import coref_data

__all__ = ["Anaphor", "Link", "Profile", "build_profiles", "find_anaphors", "find_references", "kb_first_names", "resolve"]


def find_references(
    text: str,
    tokens: Sequence[Token],
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    quoted: Sequence[bool],
    kb: KnowledgeBase | None = None,
    first_names: dict[str, str] | None = None,
) -> list[tuple[str, Reference]]:
    """(entity id, reference) for every anaphor that resolves, in text order. ``quoted``: per
    token, whether it lies inside quotation marks (the speaker's own voice is left alone)."""
    if not tokens or not entities:
        return []
    profiles = build_profiles(text, tokens, entities, kb, first_names or {})
    starts = [t.start for t in tokens]
    name_tokens: dict[int, str] = {}
    token_country: dict[int, str] = {}
    occurrences: list[Occurrence] = []
    countries = _entity_countries(entities, kb)
    dets = coref_data().determiners
    for m in mentions:
        if m.derived or m.part or m.entity is None:
            continue
        k = bisect_left(starts, m.start)
        if k >= len(tokens):
            continue
        j = k
        while j < len(tokens) and tokens[j].start < m.end:
            name_tokens[j] = m.label
            if m.label == "LOC" and m.entity in countries:
                token_country[j] = countries[m.entity]
            j += 1
        if m.entity in profiles and not quoted[k]:
            prev = _before(tokens, k, dets)
            subject = is_subject(tokens, k)
            gram = _gram_gender(prev, subject) if m.label == "ORG" else None
            occurrences.append(Occurrence(m.entity, k, tokens[k].sentence, subject, gram, oblique=prev in PREPOSITIONS))
    anaphors = find_anaphors(tokens, quoted, name_tokens, profiles, token_country)
    out: list[tuple[str, Reference]] = []
    for link in resolve(tokens, anaphors, occurrences, profiles):
        ana = link.anaphor
        s, e = tokens[ana.a].start, tokens[ana.b - 1].end
        out.append((link.entity, Reference(s, e, text[s:e], ana.kind, tokens[ana.a].sentence, link.score, link.evidence)))  # type: ignore[arg-type]
    return out


PREPOSITIONS = frozenset(
    "unter von vom mit bei beim nach gegen für über zu zum zur aus an am auf in im durch vor hinter neben zwischen ohne um "
    "gegenüber".split()
)
"""Prepositions before a name put it in a prepositional phrase (``unter Robert Mugabe``)."""


def _before(tokens: Sequence[Token], k: int, dets: dict[str, frozenset[str]]) -> str:
    """The word before the name at k, past a determiner and a role word (``unter dem Präsidenten X``)."""
    j = k - 1
    sent = tokens[k].sentence
    while j >= 0 and tokens[j].sentence == sent and k - j <= 3:
        w = tokens[j].text
        if w.lower() in PREPOSITIONS or not (w[:1].isupper() or w.lower() in dets or w.lower() == "das"):
            return w.lower()
        if w.lower() in dets or w.lower() == "das":
            return w.lower() if j == k - 1 else _before_word(tokens, j)
        j -= 1
    return ""


def _before_word(tokens: Sequence[Token], j: int) -> str:
    return tokens[j - 1].text.lower() if j > 0 and tokens[j - 1].sentence == tokens[j].sentence else ""


def _gram_gender(prev: str, subject: bool) -> str | None:
    """The grammatical gender an organisation's determiner shows; ``der`` only for a subject
    (elsewhere it is also the feminine dative: ``mit der BBC``)."""
    if prev == "der":
        return "m" if subject else None
    return {"des": "m", "dem": "m", "den": "m", "die": "f", "das": "n"}.get(prev)


def _entity_countries(entities: Sequence[Entity], kb: KnowledgeBase | None) -> dict[str, str]:
    """Place entity id -> the ISO code of its country (a country, or a capital's country)."""
    out: dict[str, str] = {}
    if kb is None:
        return out
    for e in entities:
        if e.type != "LOC":
            continue
        entry = kb.get(e.kb_id or e.id)
        if entry is None:
            continue
        if entry.kind == "country" and entry.country:
            out[e.id] = entry.country
        elif entry.capital_of:
            out[e.id] = entry.capital_of
    return out
