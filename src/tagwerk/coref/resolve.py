"""Resolution: each anaphor to the entity it refers to, in text order, so that a resolved
pronoun counts as a mention of its entity for the anaphors after it (chains).

Candidates are the entities mentioned (or referred to) before the anaphor. A pronoun takes
the best of those in its own or the last ``PRONOUN_WINDOW`` sentences that agree in gender,
preferring subjects and nearer sentences; a description takes the person whose office,
party, country or age fits it (the KB's description, the article's own words next to the
name), else the nearest fitting person within ``DESCRIPTION_WINDOW`` sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tagwerk.analysis import Token
from tagwerk.coref.anaphors import SPOKESPERSON_HEADS, Anaphor
from tagwerk.coref.profiles import Profile
from tagwerk.coref.words import roles_match
from tagwerk.lang.de.coref import coref_data

# Weights and windows, set by hand on the team's coreference gold (benchmarks/coref_gold.json)
# and checked on quotes-wikinews train speakers: a subject outweighs one sentence of distance;
# a person whose gender nothing tells loses against one whose gender agrees.
PRONOUN_WINDOW = 3
DESCRIPTION_WINDOW = 3
W_DISTANCE = 1.0
W_SUBJECT = 1.0
W_GENDER_KNOWN = 0.4
W_ROLE = 2.0
W_PARTY = 1.5
W_COUNTRY = 1.0
W_AGE = 2.0
W_OBLIQUE = 0.5
DESC_DISTANCE = 0.25
ORG_PENALTY = 0.5
MIN_SCORE = 0.5


@dataclass(slots=True)
class Occurrence:
    """Where an entity was last named or referred to."""

    entity: str
    token: int
    sentence: int
    subject: bool
    gram_gender: str | None = None
    """For an organisation: the gender of the determiner before it (``die CDU`` -> f)."""
    oblique: bool = False
    """Inside a prepositional phrase (``unter Robert Mugabe``): rarely what a pronoun takes up."""


@dataclass(slots=True)
class Link:
    anaphor: Anaphor
    entity: str
    score: float
    evidence: str


def resolve(
    tokens: Sequence[Token], anaphors: Sequence[Anaphor], occurrences: Sequence[Occurrence], profiles: dict[str, Profile]
) -> list[Link]:
    """The anaphors that resolve, each with its entity, score and evidence."""
    links: list[Link] = []
    last: dict[str, Occurrence] = {}
    occ = sorted(occurrences, key=lambda o: o.token)
    k = 0
    for ana in anaphors:
        while k < len(occ) and occ[k].token < ana.a:
            o = occ[k]
            prev = last.get(o.entity)
            if o.gram_gender is None and prev is not None:
                o.gram_gender = prev.gram_gender  # ``die Gewerkschaft der Polizei (GdP)``: the bracket shows none
            last[o.entity] = o
            k += 1
        sent = tokens[ana.a].sentence
        if ana.kind == "surname":
            found: tuple[str, float, str] | None = (ana.entity, 0.9, "surname of the person named") if ana.entity else None
        elif ana.kind == "description":
            found = _description(ana, sent, last, profiles)
        else:
            found = _pronoun(ana, sent, last, profiles, tokens)
        if found is None:
            continue
        eid, score, why = found
        links.append(Link(ana, eid, round(score, 3), why))
        prev = last.get(eid)
        subject = is_subject(tokens, ana.a) and ana.kind != "possessive"
        last[eid] = Occurrence(eid, ana.a, sent, subject, prev.gram_gender if prev else None)
    return links


def _pronoun(
    ana: Anaphor, sent: int, last: dict[str, Occurrence], profiles: dict[str, Profile], tokens: Sequence[Token]
) -> tuple[str, float, str] | None:
    best: tuple[float, str, str] | None = None
    for eid, o in last.items():
        d = sent - o.sentence
        p = profiles.get(eid)
        if p is None or d > PRONOUN_WINDOW:
            continue
        score = 3.0 - W_DISTANCE * d
        why = [f"{d} sentence{'s' if d != 1 else ''} back" if d else "same sentence"]
        if p.type == "PER":
            if p.gender is not None and p.gender not in ana.genders:
                continue
            if p.gender is not None:
                score += W_GENDER_KNOWN
                why.append(f"gender {p.gender} ({p.gender_source})")
        else:
            if o.gram_gender is None or o.gram_gender not in ana.genders or ana.kind == "possessive" and o.gram_gender == "f":
                continue
            score -= ORG_PENALTY
            why.append(f"grammatical gender {o.gram_gender}")
        if o.subject:
            score += W_SUBJECT
            why.append("subject")
        elif o.oblique:
            score -= W_OBLIQUE
        if ana.object_case and d == 0 and o.subject and not any(tokens[k].text in (",", ";", ":") for k in range(o.token, ana.a)):
            continue  # ``Macron will mit ihm sprechen``: not the subject of its own clause
        if best is None or score > best[0]:
            best = (score, eid, ", ".join(why))
    if best is None or best[0] < MIN_SCORE:
        return None
    return best[1], min(1.0, best[0] / 4.4), best[2]


def _description(ana: Anaphor, sent: int, last: dict[str, Occurrence], profiles: dict[str, Profile]) -> tuple[str, float, str] | None:
    best: tuple[float, str, str] | None = None
    for eid, o in last.items():
        p = profiles.get(eid)
        if p is None:
            continue
        d = sent - o.sentence
        if ana.org_kinds is not None:
            if p.type != "ORG" or not (p.kinds & ana.org_kinds) or d > DESCRIPTION_WINDOW:
                continue
            score = 2.0 - DESC_DISTANCE * d + (0.5 if o.subject else 0.0)
            why = f"organisation kind {'/'.join(sorted(p.kinds & ana.org_kinds))}"
        else:
            if p.type != "PER":
                continue
            found = _person_fit(ana, p, d)
            if found is None:
                continue
            match, why = found
            score = 1.0 + match - DESC_DISTANCE * d + (0.5 if o.subject else 0.0) - (1.0 if d == 0 else 0.0)
        if best is None or score > best[0]:
            best = (score, eid, why)
    if best is None or best[0] < MIN_SCORE:
        return None
    return best[1], min(1.0, best[0] / 4.0), best[2]


def _person_fit(ana: Anaphor, p: Profile, d: int) -> tuple[float, str] | None:
    """How well a description fits a person (None: it does not): office, party, country, age, gender."""
    if p.gender is not None and p.gender not in ana.genders:
        return None
    if ana.party and p.parties and ana.party not in p.parties:
        return None
    if ana.country and p.countries and ana.country not in p.countries:
        return None
    if ana.age is not None and p.age is not None and ana.age != p.age:
        return None
    match = 0.0
    why: list[str] = []
    stem = ana.stem or ""
    generic = stem in coref_data().generic_heads or stem == "jährige"
    if ana.former:
        if not roles_match(stem, p.former_roles):
            return None  # ``der frühere Kanzler``: only a person the KB knows in that former office
        match += W_ROLE
        why.append(f"former role {stem} (KB)")
    elif roles_match(stem, p.roles):
        match += W_ROLE
        why.append(f"role {stem}")
    elif not generic:
        if p.roles or stem in SPOKESPERSON_HEADS or d > 2:
            return None  # another office, or nothing says this person holds it
    if ana.party and ana.party in p.parties:
        match += W_PARTY
        why.append(f"party {ana.party.upper()}")
    if ana.country and ana.country in p.countries:
        match += W_COUNTRY
        why.append(f"country {ana.country}")
    if ana.age is not None and ana.age == p.age:
        match += W_AGE
        why.append(f"age {ana.age}")
    if p.gender is not None:
        why.append(f"gender {p.gender}")
    if match == 0.0 and d > DESCRIPTION_WINDOW:
        return None
    return match, ", ".join(why) or "nearest fitting person"


def is_subject(tokens: Sequence[Token], k: int) -> bool:
    """Is the word at k (likely) the subject: in the sentence's first noun phrase, or right
    after the finite verb that follows it (``Am Montag sagte Merz``)?"""
    sent = tokens[k].sentence
    dets = coref_data().determiners
    verb_seen = False
    i = k - 1
    while i >= 0 and tokens[i].sentence == sent:
        t = tokens[i]
        w = t.text
        if w in _CLAUSE_MARKS:
            return False
        if w[:1].islower() and w.lower() not in dets and _verb_like(t):
            if verb_seen or i != k - 1:
                return False
            verb_seen = True
        i -= 1
    return True


_CLAUSE_MARKS = frozenset({",", ";", ":", "„", "“", "(", ")", "\"", "–"})


def _verb_like(t: Token) -> bool:
    """A lowercase word that is not an adjective before a noun: its lemma is a verb's (``sagte``
    -> ``sagen``) or it is no inflected adjective (``hat``, ``traf``)."""
    w = t.text.lower()
    lem = (t.lemma or w).lower()
    if lem != w and lem.endswith(("en", "ern", "eln")):
        return True
    return not w.endswith(("e", "en", "er", "es", "em"))


