"""Word tests the coref rules share: role words, their stems and gender, party and country
qualifiers of a description (``CDU-Politikerin``, ``Frankreichs Präsident``, ``US-Präsident``)."""

from __future__ import annotations

from functools import lru_cache

from tagwerk.kb.keys import match_key
from tagwerk.lang.de import demonyms
from tagwerk.lang.de.coref import coref_data
from tagwerk.stages.entities.names import name_data

FEMININE_ROLE_ENDINGS = (
    "erin", "orin", "entin", "antin", "istin", "eurin", "ärin", "atin", "chefin", "eutin", "ektin", "ierin", "otin", "ilin",
)
"""Endings of feminine person nouns (``Ministerin``, ``Präsidentin``, ``Kandidatin``, ``Chefin``)."""


@lru_cache(maxsize=20_000)
def role_info(word: str) -> tuple[str, str] | None:
    """(stem, gender) of a capitalised role word, else None: ``Außenministerin`` ->
    (``außenminister``, ``f``), ``CDU-Politiker`` -> (``politiker``, ``m``), ``68-Jährige`` ->
    (``jährige``, ``x``). The stem drops a qualifier before a hyphen and a genitive ``-s``."""
    if not word[:1].isupper() and not word[:1].isdigit():
        return None
    low = word.lower()
    if "-" in low:
        low = low.rsplit("-", 1)[1]
    if not low:
        return None
    data = coref_data()
    if low.startswith("jährig"):
        return ("jährige", "x")
    heads = name_data().role_heads
    known = any(low.endswith(h) for h in heads) or low in data.generic_heads or low in data.role_equivalents
    if not known:
        for cand in (low[:-1], low[:-2]):  # a genitive or dative ending: ``Kanzlers``, ``Präsidenten``
            if cand and (any(cand.endswith(h) for h in heads) or cand in data.role_equivalents):
                low, known = cand, True
                break
    if not known:
        return None
    if low.endswith("innen"):
        return None  # a plural
    if low.endswith(FEMININE_ROLE_ENDINGS) or (low.endswith("in") and any(low[:-2].endswith(h) for h in heads)):
        return (low[:-2], "f")
    if low.endswith(("ende", "endem", "enden", "ender", "te", "ten", "ter")):  # ``Vorsitzende``, ``Abgeordneter``, ``Beauftragte``
        return (low.rstrip("rnm"), "x")
    return (low, "m")


def qualifier(word: str) -> str | None:
    """The part before the last hyphen of a role word (``CDU`` in ``CDU-Politiker``)."""
    if "-" not in word:
        return None
    q = word.rsplit("-", 1)[0]
    return q if q and q.lower() not in ("ex", "vize") and not q[:1].isdigit() else None


def country_of_word(word: str) -> str | None:
    """The ISO code a demonym, a country prefix or a government seat names (``französische``,
    ``US``, ``Kreml``), else None."""
    low = word.lower()
    seat = coref_data().seat_countries.get(low)
    if seat:
        return seat
    keys = demonyms.lookup(word) or demonyms.lookup(low)
    for k in keys:
        if len(k) == 2 and k.isalpha():
            return k
    return None


def roles_match(anaphor_stem: str, roles: set[str]) -> bool:
    """Does a description's role fit one of a person's roles (``Kanzler`` ~ ``bundeskanzler``,
    ``Kremlchef`` ~ ``präsident``)?"""
    if not roles:
        return False
    eq = coref_data().role_equivalents.get(anaphor_stem, frozenset({anaphor_stem}))
    for r in roles:
        for e in eq | {anaphor_stem}:
            if r == e or r.endswith(e) or (len(r) >= 5 and e.endswith(r)):
                return True
    return False


def key(text: str) -> str:
    return match_key(text)
