"""What the article and the KB say about each entity that a pronoun or a description may
refer to: gender, offices, parties, countries, age (a :class:`Profile`).

Sources, strongest first: the KB entry (a gendered office in its description, its country,
the party in brackets), the article's own words next to a name (``Bundeskanzlerin X``, ``die
CDU-Politikerin X``, ``X (CDU)``, ``X (68)``) and the first name (``coref.yaml``, plus the first
names of KB persons whose office is gendered).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from tagwerk.analysis import Entity, Token
from tagwerk.coref.words import country_of_word, key, qualifier, role_info
from tagwerk.kb import KBEntry, KnowledgeBase
from tagwerk.lang.de.coref import coref_data
from tagwerk.stages.entities.names import name_data

_PAREN = re.compile(r"\(([^()]{2,30})\)")
_AGE_WORD = re.compile(r"(\d{2})-[jJ]ährige")


@dataclass
class Profile:
    id: str
    type: str
    gender: str | None = None
    """``m`` or ``f``; None where nothing tells."""
    gender_source: str = ""
    roles: set[str] = field(default_factory=set)
    former_roles: set[str] = field(default_factory=set)
    """Offices the KB says the person held before (``ehem. Bundeskanzler``)."""
    parties: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    age: int | None = None
    kinds: set[str] = field(default_factory=set)
    """KB kinds of an organisation (``party``, ``company``)."""
    surname: str | None = None


def kb_first_names(kb: KnowledgeBase) -> dict[str, str]:
    """First names of the KB's persons whose description names a gendered office (a first
    name seen with both genders is left out)."""
    seen: dict[str, set[str]] = {}
    for e in kb:
        if e.type != "PER" or not e.description or " " not in e.name:
            continue
        g = _description_gender(e.description)
        if g:
            seen.setdefault(e.name.split()[0], set()).add(g)
    return {n: next(iter(g)) for n, g in seen.items() if len(g) == 1 and len(n) > 2}


def _description_gender(desc: str) -> str | None:
    for w in re.split(r"[\s,;()]+", desc):
        info = role_info(w)
        if info and info[1] in ("m", "f"):
            return info[1]
    return None


def build_profiles(
    text: str, tokens: Sequence[Token], entities: Sequence[Entity], kb: KnowledgeBase | None, first_names: dict[str, str]
) -> dict[str, Profile]:
    """A profile for every person and organisation of the article."""
    starts = [t.start for t in tokens]
    out: dict[str, Profile] = {}
    for ent in entities:
        if ent.type not in ("PER", "ORG"):
            continue
        p = Profile(ent.id, ent.type)
        entry = kb.get(ent.kb_id or ent.id) if kb is not None else None
        if entry is not None:
            _from_kb(p, entry, kb)
        if ent.type == "PER":
            words = ent.name.split()
            if len(words) >= 2:
                p.surname = words[-1]
            for m in ent.mentions:
                if not m.derived and not m.part:
                    _from_context(p, text, tokens, starts, m.start, m.end, kb)
            if p.gender is None and words:
                g = coref_data().first_names.get(words[0]) or first_names.get(words[0])
                if g:
                    p.gender, p.gender_source = g, "first name"
        out[ent.id] = p
    return out


def _from_kb(p: Profile, e: KBEntry, kb: KnowledgeBase | None) -> None:
    if e.country:
        p.countries.add(e.country)
    if e.type == "ORG":
        p.kinds.add(e.kind)
        return
    desc = e.description or ""
    current, _, former = desc.partition("ehem.")
    for w in re.split(r"[\s,;()]+", former):
        info = role_info(w)
        if info:
            p.former_roles.add(info[0])
            if info[1] in ("m", "f") and p.gender is None:
                p.gender, p.gender_source = info[1], "KB"
    words = re.split(r"[\s,;()]+", current)
    for n, w in enumerate(words):
        info = role_info(w)
        if w.endswith("-") and n + 2 < len(words) and words[n + 1] == "und":
            # ``Staats- und Parteichef``: the first word shares the second one's head
            other = role_info(words[n + 2])
            head = next((h for h in name_data().role_heads if other and other[0].endswith(h)), None)
            if head:
                p.roles.add(w[:-1].lower() + head)
        if info:
            p.roles.add(info[0])
            if info[1] in ("m", "f") and p.gender is None:
                p.gender, p.gender_source = info[1], "KB"
            q = qualifier(w)
            if q:
                p.parties.add(key(q))
    for m in _PAREN.finditer(desc):
        for part in re.split(r"[/,]\s*", m.group(1)):
            p.parties.add(key(part))
    if p.gender is None and desc:
        g = _description_gender(desc)
        if g:
            p.gender, p.gender_source = g, "KB"


def _from_context(p: Profile, text: str, tokens: Sequence[Token], starts: list[int], a: int, b: int, kb: KnowledgeBase | None) -> None:
    """The words right before a name (``die CDU-Politikerin``, ``Frankreichs Präsident``) and
    right after it (``(CDU)``, ``(68)``)."""
    i = bisect_left(starts, a)
    if i >= len(tokens):
        return
    sent = tokens[i].sentence
    k = i - 1
    steps = 0
    while k >= 0 and tokens[k].sentence == sent and steps < 4:
        w = tokens[k].text
        info = role_info(w)
        if info:
            p.roles.add(info[0])
            if info[1] in ("m", "f") and p.gender_source in ("", "first name"):
                p.gender, p.gender_source = info[1], "article"
            q = qualifier(w)
            if q:
                c = country_of_word(q)
                if c:
                    p.countries.add(c)
                else:
                    p.parties.add(key(q))
            age = _AGE_WORD.match(w)
            if age:
                p.age = int(age.group(1))
        elif w[:1].islower() or w.endswith("s"):
            c = country_of_word(w[:-1] if w.endswith("s") and w[:1].isupper() else w)
            if c:
                p.countries.add(c)
            elif w.lower() not in coref_data().determiners and not w[:1].isdigit():
                break
        else:
            break
        k -= 1
        steps += 1
    m = _PAREN.match(text[b : b + 40].lstrip())
    if m:
        for part in re.split(r"[/,]\s*", m.group(1)):
            part = part.strip()
            if part.isdigit():
                p.age = int(part)
            elif part:
                p.parties.add(key(part))
