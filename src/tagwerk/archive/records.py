"""The archive's records: what it says of each article, and the rows its indexes persist as.

Every index of the archive can be written out as rows of these small dataclasses and rebuilt from
them (``to_rows`` / ``from_rows``), so that a store keeps them in tables and an archive that goes
on from stored rows assigns exactly what one that never stopped would:

* :class:`StoryRecord`: one row per story (``stories`` table); an open story also carries its
  centroid (the state the story index compares new articles with), a closed one only its summary;
* :class:`StoryMember`: one row per article (the article's ``story`` column, with its arrival
  number ``seq`` and the score it joined with);
* :class:`Fingerprint`: one row per article within the near-duplicate window (its MinHash
  signature as bytes, its text digest and agency identity);
* :class:`VersionLink`: one row per article that is a version or copy of an earlier one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

LinkKind = Literal["agency", "version", "duplicate"]


def iso(time: float | None) -> str | None:
    """An epoch time as an ISO date-time in UTC (None stays None)."""
    if time is None:
        return None
    return dt.datetime.fromtimestamp(time, tz=dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class StoryRecord:
    id: str
    label: str
    first: float
    """Time (epoch seconds, UTC) of its earliest member."""
    last: float
    size: int
    open: bool = True
    """Still in the index: its last member is within the window of the newest article seen."""
    entities: dict[str, float] = field(default_factory=dict)
    """Centroid of its members' entity weights (open stories only)."""
    names: dict[str, str] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)
    keyphrases: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "first": self.first, "last": self.last, "size": self.size, "open": self.open,
            "entities": dict(self.entities), "names": dict(self.names), "terms": dict(self.terms), "keyphrases": dict(self.keyphrases),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryRecord:
        keys = ("id", "label", "first", "last", "size", "open", "entities", "names", "terms", "keyphrases")
        return cls(**{k: data[k] for k in keys if k in data})


@dataclass(slots=True)
class StoryMember:
    article_id: str
    story_id: str
    time: float
    """The time the article was placed at (its date; an undated article the newest seen before it)."""
    seq: int
    """Arrival number in the archive (0, 1, 2 ...)."""
    score: float | None = None
    """The similarity it joined the story with; None for the article that started it."""


@dataclass(slots=True)
class Fingerprint:
    article_id: str
    time: float
    shingles: int
    signature: bytes | None
    """The MinHash values as little-endian unsigned integers (``numpy.ndarray.tobytes``)."""
    digest: str
    root: str
    """The first article of its version group (itself when it is the first)."""
    urn: str | None = None
    version: int | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class VersionLink:
    article_id: str
    of: str
    """The first article of the group (the original, or the agency item's first version)."""
    kind: LinkKind
    """``agency`` (same agency item id), ``version`` (a near-copy from the same URL or outlet:
    an update) or ``duplicate`` (a copy elsewhere, or the same text again)."""
    similarity: float
    urn: str | None = None
    version: int | None = None


@dataclass(slots=True)
class VersionGroup:
    """An article and its versions and copies, in arrival order; ``latest`` is the newest version
    (highest agency version, then latest date, then last to arrive)."""

    id: str
    members: list[str] = field(default_factory=list)
    latest: str = ""


@dataclass(slots=True)
class SentenceDiff:
    """What a newer version adds and drops, sentence by sentence."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArchiveRecord:
    """What the archive says of one article (one line of ``tagwerk stories``)."""

    id: str
    story: str
    version_of: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    """Near-duplicate similarity to ``version_of``/``duplicate_of`` (the share of the shorter
    text's shingles found in the other, estimated by MinHash); else the score the article joined
    its story with; None for an article that started a new story."""
    label: str = ""
    """The story's label when the article was placed (its main entities and topic)."""
    new_story: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story": self.story,
            "version_of": self.version_of,
            "duplicate_of": self.duplicate_of,
            "similarity": None if self.similarity is None else round(self.similarity, 4),
        }
