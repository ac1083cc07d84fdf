"""The knowledge base record and the name normalisation every lookup uses."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

TYPES = ("PER", "ORG", "LOC", "MISC")

_UMLAUT_TRANSCRIPTION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


# Every token of every article is folded, often several times (pattern lookups, genitive
# stems); the words of news repeat, so a bounded cache saves most of the Unicode work.
@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """The lookup key of a name: case, accents/umlauts, spaces, hyphens and dots folded away.

    ``Kim Jong-un`` and ``Kim Jong Un`` -> ``kimjongun``; ``Pjöngjang`` -> ``pjongjang``;
    ``Straße`` -> ``strasse``.
    """
    if text.isascii():
        return _NON_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "SS"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", text.casefold())


@lru_cache(maxsize=1 << 15)
def strict_fold(text: str) -> str:
    """Like ``fold`` but keeps umlauts and accents: ``Länder`` stays apart from ``Lander``."""
    if text.isascii():
        return _NON_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFC", text.replace("ß", "ss").replace("ẞ", "SS"))
    return _NON_ALNUM.sub("", text.casefold())


def fold_keys(text: str) -> set[str]:
    """Strict keys a name is indexed under: as written and, for umlauts, the ae/oe/ue spelling."""
    keys = {strict_fold(text)}
    if any(c in text for c in "äöüÄÖÜ"):
        keys.add(strict_fold(text.translate(_UMLAUT_TRANSCRIPTION)))
    keys.discard("")
    return keys


def is_plain(text: str) -> bool:
    """True when a name is written without umlauts or accents (``Muenchen``, ``Pjongjang``):
    only such names may also match the diacritic-free fold of a KB name."""
    return text.isascii()


def slug(text: str) -> str:
    """A readable, stable id part: ``Jane Doe`` -> ``jane-doe``."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub("-", text.casefold()).strip("-") or "x"


@dataclass(slots=True)
class KBEntry:
    """One entity of the knowledge base."""

    id: str
    """Stable internal id: ``tw:country:RU``, ``tw:city:524901``, ``tw:per:wladimir-putin``."""
    name: str
    """Canonical German name."""
    type: str
    """PER, ORG, LOC or MISC."""
    kind: str = ""
    """Finer kind: country, city, state, region, person, party, agency, company, club, ..."""
    qid: str | None = None
    """Wikidata QID, only where verified."""
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    """Short forms used only to link a mention the article already makes (a surname)."""
    no_pattern: tuple[str, ...] = ()
    """Names and aliases never matched as KB patterns (they are common words too)."""
    description: str | None = None
    prominence: float = 0.5
    """0..1: how newsworthy the entity is in general (office, population, kind)."""
    country: str | None = None
    """ISO 3166-1 alpha-2 code of the entity's country."""
    capital_of: str | None = None
    """For a capital: the ISO code of the country whose government it may stand for."""
    population: int | None = None
    source: str = "curated"

    @property
    def entity_id(self) -> str:
        """The id an Entity gets: the QID where known, else the internal id."""
        return self.qid or self.id

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"id": self.id, "n": self.name, "t": self.type}
        for key, value in (
            ("k", self.kind),
            ("q", self.qid),
            ("a", list(self.aliases)),
            ("w", list(self.weak)),
            ("np", list(self.no_pattern)),
            ("d", self.description),
            ("c", self.country),
            ("cap", self.capital_of),
            ("pop", self.population),
        ):
            if value:
                row[key] = value
        row["p"] = round(self.prominence, 3)
        if self.source != "curated":
            row["s"] = self.source
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> KBEntry:
        return cls(
            id=row["id"],
            name=row["n"],
            type=row["t"],
            kind=row.get("k", ""),
            qid=row.get("q"),
            aliases=tuple(row.get("a", ())),
            weak=tuple(row.get("w", ())),
            no_pattern=tuple(row.get("np", ())),
            description=row.get("d"),
            prominence=float(row.get("p", 0.5)),
            country=row.get("c"),
            capital_of=row.get("cap"),
            population=row.get("pop"),
            source=row.get("s", "curated"),
        )


@dataclass(slots=True)
class Match:
    """A KB entry a name resolved to, and how."""

    entry: KBEntry
    how: str
    """``name``, ``alias``, ``weak`` (short form), ``genitive`` (after stripping -s)."""
    score: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)
