"""The analysed article: one serialisable record that every stage writes into.

Every span-like record points into ``Analysis.article.text`` by character offsets
(``start``, ``end``) and carries its ``text`` for readability. Records are plain
dataclasses (cheap to build in the hot path); pydantic derives the published JSON
schema and validates ``from_dict`` input from the very same classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from tagwerk.article import Article, plain

__all__ = ["Analysis", "plain", "json_schema"]

SCHEMA_VERSION = "1"

Label = Literal["PER", "ORG", "LOC", "MISC"]
QuoteType = Literal["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"]
Certainty = Literal["asserted", "attributed", "hedged"]
TagSource = Literal["entity", "topic", "keyphrase", "given"]
EventType = Literal["visit", "meeting", "talks", "election", "resignation", "ruling", "attack", "agreement"]
DatePrecision = Literal["day", "week", "month", "year"]
ReferenceKind = Literal["pronoun", "possessive", "description", "surname"]


@dataclass(slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    block: int = 0
    """Index of the article block (paragraph, headline, subheading) the sentence lies in."""


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str = ""
    sentence: int = 0


@dataclass(slots=True)
class Mention:
    """A name found in the text (NER, KB pattern or credit line)."""

    start: int
    end: int
    text: str
    label: Label
    derived: bool = False
    """An adjective or demonym derived from a name (``nordkoreanischen``): GermEval ``deriv``."""
    part: bool = False
    """A compound that contains a name (``UN-Sanktionen``): GermEval ``part``."""
    source: str = "model"
    """Who found it: ``model``, ``kb`` (pattern), ``credit`` (credit line) or ``rule``."""
    score: float = 1.0
    entity: str | None = None
    """Id of the entity the mention belongs to, once the entities stage has run."""


@dataclass(slots=True)
class Reference:
    """A word or phrase that refers to an entity without naming it (the coref stage): a
    pronoun (``er``), a possessive (``seine``), a description (``der Kanzler``, ``die
    68-Jährige``) or a bare surname the recogniser missed. Kept apart from ``mentions`` so that
    what counts names (tags, salience, the store's mention counts) is unchanged."""

    start: int
    end: int
    text: str
    kind: ReferenceKind
    sentence: int = 0
    score: float = 1.0
    evidence: str = ""
    """Why this entity: ``gender``, ``role (KB)``, ``party``, ``subject``, ``1 sentence back`` ..."""


LOCAL_ID_PREFIX = "local:"
"""The prefix of an entity id the knowledge base does not know (``local:per:jane-doe``)."""
WEATHER_ID_PREFIX = f"{LOCAL_ID_PREFIX}weather:"
"""The prefix of a named weather system's local id (``local:weather:sturmtief-sabine``): an event the
entities stage names by its kind, which the tags weigh as a person or a place."""


def is_local_id(entity_id: str | None) -> bool:
    """Whether an entity id is a local one, of a name the knowledge base does not know."""
    return entity_id is not None and entity_id.startswith(LOCAL_ID_PREFIX)


@dataclass(slots=True)
class Entity:
    id: str
    """KB id (``Q7747``, ``tw:...``) or a stable local id (``local:per:jane-doe``)."""
    name: str
    type: Label
    kb_id: str | None = None
    """Wikidata QID where the knowledge base knows it."""
    confidence: float = 1.0
    mentions: list[Mention] = field(default_factory=list)
    description: str | None = None
    stands_for: str | None = None
    """For metonymy: the entity a place stands for (``Moskau`` -> Russland's id)."""
    salience: float = 0.0
    references: list[Reference] = field(default_factory=list)
    """What refers to it besides its names: pronouns, descriptions, surnames (coref stage)."""
    link_evidence: str | None = None
    """Why a bare surname was linked to this KB person (``context: party CDU``)."""


@dataclass(slots=True)
class Keyphrase:
    text: str
    """The canonical (lemmatised) form."""
    score: float
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    type: QuoteType
    spans: list[Span]
    """The quoted words; more than one when the frame interrupts the quote."""
    speaker: Span | None = None
    speaker_entity: str | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    addressee: Span | None = None
    sentence: int = 0
    confidence: float = 1.0
    speaker_type: Label | None = None
    """What the speaker is credited as: ``PER``, or ``ORG`` for a spokesperson's organisation
    and for a government named by its capital or country."""
    speaker_role: str | None = None
    """The speaker's role where the quote is credited to an organisation: ``Sprecher``, ``Regierung``."""
    speaker_evidence: Span | None = None
    """The place that names a government (``hieß es in Paris``)."""
    within: int | None = None
    """Index in ``Analysis.quotes`` of the quote whose stretch holds this one (the quoted words
    of an indirect quote): one stretch of text is one quote, so views show only the outer one."""


@dataclass(slots=True)
class Claim:
    """What the article says of one sentence's truth: whose claim and how sure."""

    sentence: int
    start: int
    end: int
    text: str
    certainty: Certainty
    source: str | None = None
    """Entity id of the source, or None for the article's own voice."""
    source_text: str | None = None
    hedges: list[Span] = field(default_factory=list)
    attribution: Span | None = None
    """The words that attribute the claim (``berichtete ... KCNA``, ``Experten zufolge``)."""


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    text: str
    kind: str = "mention"
    """``mention``, ``trigger``, ``term``, ``given`` ..."""


@dataclass(slots=True)
class Tag:
    name: str
    score: float
    source: TagSource
    type: str = "topic"
    """``person``, ``place``, ``organisation``, ``topic``, ``term``."""
    kb_id: str | None = None
    entity: str | None = None
    given: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    label: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Subject:
    """An IPTC Media Topic tagwerk suggests for the article (the agency's own subjects are the
    article's ``given_subjects``, never these)."""

    code: str
    """The qcode: ``medtop:20000170``."""
    name: str
    """IPTC's German name of the topic."""
    level: int
    """1 (``Wirtschaft und Finanzen``) or 2 (``Firmeninformation``)."""
    score: float
    """0-1: the topic's share of the article's Media Topic evidence."""
    broader: str | None = None
    """The level-1 topic of a level-2 one."""
    evidence: list[Evidence] = field(default_factory=list)
    """Where the text points to it: ``trigger`` words, vocabulary ``topic`` hits, ``keyphrase``
    spans, ``entity`` mentions (by their KB description); empty when only the section speaks for it."""


@dataclass(slots=True)
class EventArgument:
    """An entity taking part in an event, or its place: the entity's id and name."""

    entity: str
    name: str
    type: Label


@dataclass(slots=True)
class Event:
    """Who did what, where and when, as one sentence (or several, merged) of the article says.

    ``date`` is ISO 8601 at its ``date_precision``: ``2024-06-18`` (day), ``2024-W25`` (week),
    ``2024-07`` (month), ``2024`` (year); None when the text gives no date (or only a relative
    one and the article has no date to resolve it against)."""

    type: EventType
    trigger: Span
    """The word that names the event (``besuchen``, ``Staatsbesuch``, ``Rücktritt``)."""
    sentence: int
    participants: list[EventArgument] = field(default_factory=list)
    place: EventArgument | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_span: Span | None = None
    """The words that give the date (``am Dienstag``, ``Anfang Juli``)."""
    planned: bool = False
    """The text speaks of it as ahead (``will ... besuchen``, ``soll``, a date after the article's)."""
    evidence: list[Span] = field(default_factory=list)
    """Every trigger of the event in the article, the first one included (events of one type,
    date and actors that several sentences name are merged)."""


@dataclass(slots=True)
class Analysis:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    keyphrases: list[Keyphrase] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    section: Section | None = None
    subjects: list[Subject] = field(default_factory=list)
    """IPTC Media Topics, level 1 and 2 (the subjects stage)."""
    tags: list[Tag] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)
    """Name -> version of every stage that wrote into this record, in run order."""
    warnings: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    # -- convenience views -------------------------------------------------------
    @property
    def text(self) -> str:
        return self.article.text

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    # -- serialisation ------------------------------------------------------------
    def to_dict(self, *, tokens: bool = True, article: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"schema_version": self.schema_version}
        if article:
            out["article"] = plain(self.article)
        for name in ("sentences", "tokens", "mentions", "entities", "keyphrases", "quotes", "claims"):
            if name == "tokens" and not tokens:
                continue
            out[name] = plain(getattr(self, name))
        out["section"] = plain(self.section) if self.section else None
        out["subjects"] = plain(self.subjects)
        out["tags"] = plain(self.tags)
        out["events"] = plain(self.events)
        out["stages"] = dict(self.stages)
        out["warnings"] = list(self.warnings)
        return out

    def to_json(self, *, indent: int | None = None, tokens: bool = True) -> str:
        return json.dumps(self.to_dict(tokens=tokens), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Validate ``data`` against the schema and rebuild the record."""
        if "article" not in data:
            raise ValueError("an analysis record needs its article")
        return _adapter().validate_python(data)

    @classmethod
    def from_json(cls, text: str) -> Analysis:
        return cls.from_dict(json.loads(text))


@lru_cache(maxsize=1)
def _adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(Analysis)


def json_schema() -> dict[str, Any]:
    """The published JSON schema of ``Analysis.to_dict()``."""
    schema = _adapter().json_schema(mode="serialization")
    schema["$id"] = "https://tagwerk.dev/schema/analysis-v" + SCHEMA_VERSION + ".json"
    schema["title"] = "tagwerk Analysis"
    return schema
