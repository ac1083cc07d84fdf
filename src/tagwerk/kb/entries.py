"""The knowledge base's records: an entry (:class:`KBEntry`) and a lookup result (:class:`Match`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TYPES = ("PER", "ORG", "LOC", "MISC")
"""The entity types an entry may have."""


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
    region: str | None = None
    """ISO 3166-2 code of the first-level subdivision a city lies in (``DE-NI`` for Peine):
    for towns of Germany, Austria and Switzerland, whose Land or canton news names."""

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
            ("r", self.region),
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
            region=row.get("r"),
        )


@dataclass(slots=True)
class Match:
    """A KB entry a name resolved to, and how."""

    entry: KBEntry
    how: str
    """``name``, ``alias``, ``weak`` (short form), ``genitive`` (after stripping -s)."""
    score: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)
