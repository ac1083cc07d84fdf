"""German demonyms as data: adjective and inhabitant forms that point to a place.

The table lives in ``demonyms.yaml`` (written by the team). This module expands it into
every inflected form and answers ``lookup("nordkoreanischen") -> ("KP",)``. Place keys are
ISO 3166-1 alpha-2 codes for countries and KB ids (``tw:...``) for everything else; the
knowledge base maps both to its entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tagwerk.lang.de.data import load_yaml

ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
"""Adjective endings: the predicative stem plus the five attributive endings."""


@dataclass(frozen=True, slots=True)
class DemonymTable:
    forms: dict[str, tuple[str, ...]]
    """Inflected form (case as written) -> place keys, most likely first."""
    stems: dict[str, tuple[str, ...]]
    """Adjective stem (``russisch``) -> place keys; for the first parts of compounds."""
    prefixes: dict[str, str]
    """Compound first parts that are not adjectives (``US``, ``EU``, ``anglo``)."""
    kinds: dict[str, str]
    """Inflected form -> ``adjective`` | ``inhabitant``."""


def _noun_forms(male: str, female: str, plural: str | None) -> list[str]:
    out: list[str] = []
    if male and male != "-":
        out.append(male)
        if plural is None:
            if male.endswith(("e", "er")):
                out.append(male + "n")  # Russe -> Russen; Amerikaner -> (dative) Amerikanern
            elif male.endswith("i"):
                out.append(male + "s")
            else:
                out += [male + "en", male + "s"]
    if female and female != "-":
        out += [female, female + "nen"] if female.endswith("in") else [female]
    if plural and plural != "-":
        out.append(plural)
    return out


def _adj_forms(adj: str) -> list[str]:
    return [adj + e for e in ADJ_ENDINGS]


def _split(value: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in value.split("|")]
    while len(parts) < 3:
        parts.append("-")
    return parts[0], parts[1], parts[2]


@lru_cache(maxsize=1)
def load() -> DemonymTable:
    """The expanded table (cached; about 10 ms)."""
    data = load_yaml("demonyms.yaml")
    forms: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    stems: dict[str, list[str]] = {}

    def add(form: str, key: str, kind: str) -> None:
        keys = forms.setdefault(form, [])
        if key not in keys:
            keys.append(key)
        kinds.setdefault(form, kind)

    def add_adj(adj: str, key: str) -> None:
        stems.setdefault(adj, [])
        if key not in stems[adj]:
            stems[adj].append(key)
        for f in _adj_forms(adj):
            add(f, key, "adjective")
            if f.endswith(("e", "en", "er", "es", "em")):
                # capitalised use as a noun or at sentence start: "die Russische Föderation",
                # "der Deutsche"
                add(f[:1].upper() + f[1:], key, "adjective")

    plural = data.get("plural", {}) or {}
    for code, value in (data.get("countries") or {}).items():
        adj, male, female = _split(value)
        if adj and adj != "-":
            add_adj(adj, code)
        if male == "Deutscher":
            for f in ("Deutscher", "Deutsche", "Deutschen", "Deutschem"):
                add(f, code, "inhabitant")
            continue
        for f in _noun_forms(male, female, plural.get(code)):
            add(f, code, "inhabitant")
    for code, words in (data.get("extra") or {}).items():
        for w in words:
            if w.split("-")[-1][:1].islower():  # "US-amerikanisch" is an adjective too
                add_adj(w, code)
            else:
                add(w, code, "inhabitant")
    for key, words in (data.get("places") or {}).items():
        for i, w in enumerate(words):
            if w[:1].islower():
                add_adj(w, key)
            elif i > 0 and w.endswith("e") and not w.endswith("ie"):
                add(w, key, "inhabitant")
                add(w + "n", key, "inhabitant")
            elif w.endswith("in"):
                add(w, key, "inhabitant")
                add(w + "nen", key, "inhabitant")
            else:
                add(w, key, "inhabitant")
                if w.endswith("er"):
                    add(w + "n", key, "inhabitant")
    for city, value in (data.get("cities") or {}).items():
        key = "city:" + city
        if isinstance(value, dict):
            names = [value["demonym"]]
            if value.get("adj"):
                add_adj(value["adj"], key)
        elif isinstance(value, list):
            names = value
        else:
            names = [value]
        for n in names:
            # "Moskauer" is an indeclinable adjective and a noun; also -in/-innen, dative -n
            for f in (n, n + "in", n + "innen", n + "n"):
                add(f, key, "city")
    for adj, keys in (data.get("ambiguous") or {}).items():
        ordered = [str(k) for k in keys]
        for f in _adj_forms(adj):
            for variant in (f, f[:1].upper() + f[1:]):
                if variant in forms or variant == f:
                    rest = [k for k in forms.get(variant, []) if k not in ordered]
                    forms[variant] = ordered + rest
                    kinds.setdefault(variant, "adjective")
        stems[adj] = ordered + [k for k in stems.get(adj, []) if k not in ordered]
    prefixes = {str(k): str(v) for k, v in (data.get("compound_prefixes") or {}).items()}
    return DemonymTable(
        forms={k: tuple(v) for k, v in forms.items()},
        stems={k: tuple(v) for k, v in stems.items()},
        prefixes=prefixes,
        kinds=kinds,
    )


def lookup(word: str) -> tuple[str, ...]:
    """Place keys a single word (``russischen``, ``Moskauer``) derives from; empty if none."""
    return load().forms.get(word, ())


def lookup_compound(word: str) -> list[tuple[str, ...]]:
    """Place keys of each part of a hyphenated adjective (``deutsch-französische``).

    ``US-amerikanisch`` yields one place (both parts name the USA). Returns ``[]`` when a
    part is not a known stem or prefix.
    """
    if "-" not in word:
        found = lookup(word)
        return [found] if found else []
    table = load()
    whole = table.forms.get(word)
    if whole:  # a listed form with a hyphen: "US-amerikanische", "costa-ricanisch"
        return [whole]
    parts = word.split("-")
    out: list[tuple[str, ...]] = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        keys: tuple[str, ...] = ()
        if last:
            keys = table.forms.get(part) or table.forms.get(part.lower(), ())
            if keys and table.kinds.get(part, table.kinds.get(part.lower())) != "adjective":
                keys = ()
        else:
            keys = table.stems.get(part) or table.stems.get(part.lower(), ())
            if not keys and part in table.prefixes:
                keys = (table.prefixes[part],)
            elif not keys and part.lower() in table.prefixes:
                keys = (table.prefixes[part.lower()],)
        if not keys:
            return []
        if not out or out[-1][0] != keys[0]:
            out.append(keys)
    return out


_NEXT_WORD = re.compile(r"[\s,-]*(\w+)")
_JOINING = frozenset({"und", "oder", "sowie", "bzw"})
_NOUN_ENDINGS = ("en", "n", "s")


@lru_cache(maxsize=1)
def _language_nouns() -> tuple[tuple[str, ...], frozenset[str]]:
    data = load_yaml("demonyms.yaml").get("language_nouns") or {}
    return tuple(data.get("heads") or ()), frozenset(data.get("words") or ())


def names_a_language(text: str, end: int) -> bool:
    """Whether the adjective ending at ``end`` names a language rather than its country: the noun
    it qualifies, after any further adjectives of a place joined to it (``in englischer und
    französischer Sprache``), is a language noun of ``demonyms.yaml`` (``Übersetzung``,
    ``Untertiteln``, ``Sprachversion``, ``Wikipedia``)."""
    heads, words = _language_nouns()
    pos = end
    for _ in range(6):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return False
        word, pos = m.group(1), m.end()
        if word in _JOINING or lookup(word):
            continue  # another place's adjective, or the word that joins it
        low = word.lower()
        forms = [low, *(low[: -len(e)] for e in _NOUN_ENDINGS if low.endswith(e))]
        return any(f in words or f.endswith(heads) for f in forms)
    return False
