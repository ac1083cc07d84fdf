"""IPTC Media Topics: IPTC's table (codes, levels, broader links, German names) and the team's
German cues for it.

The table is package data, ``topics/data/mediatopics.tsv`` (IPTC NewsCodes, CC BY 4.0, see
``LICENSE-IPTC.txt`` there; made by ``scripts/mediatopics_table.py``). It also holds retired
codes, because agencies still send them: they resolve to their place in the tree but are never
suggested. The cues, ``lang/de/mediatopics.yaml``, say which Media Topics tagwerk's sections
and vocabulary topics stand for and which German words point to a Media Topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from tagwerk.lang.de.data import parse_yaml
from tagwerk.topics import SECTIONS, Topic, TopicVocabulary, VocabularyError, tag_key

SCHEME = "medtop"
"""The scheme alias of IPTC Media Topics in NewsML-G2 (``medtop:20000394``)."""
URI = "http://cv.iptc.org/newscodes/mediatopic/"


@dataclass(frozen=True, slots=True)
class MediaTopic:
    code: str
    level: int
    broader: str | None
    name: str
    """The German name (IPTC's ``de`` label; the English one where IPTC has none)."""
    name_en: str
    wikidata: str | None = None
    retired: str | None = None
    """The date IPTC retired the code; None for a code in use."""

    @property
    def qcode(self) -> str:
        return f"{SCHEME}:{self.code}"

    @property
    def uri(self) -> str:
        return URI + self.code


@dataclass
class MediaTopicTable:
    topics: dict[str, MediaTopic] = field(default_factory=dict)

    def get(self, code: str | None) -> MediaTopic | None:
        if not code:
            return None
        return self.topics.get(code.removeprefix(SCHEME + ":"))

    def ancestors(self, code: str) -> list[MediaTopic]:
        """The topic and its broader topics, from it up to level 1."""
        out: list[MediaTopic] = []
        topic = self.get(code)
        while topic is not None and topic not in out:
            out.append(topic)
            topic = self.get(topic.broader)
        return out

    def at_level(self, code: str, level: int) -> MediaTopic | None:
        """The topic's ancestor at ``level`` (itself when it is at that level)."""
        return next((t for t in self.ancestors(code) if t.level == level), None)

    def narrower(self, code: str) -> list[MediaTopic]:
        return [t for t in self.topics.values() if t.broader == code and not t.retired]

    def level1(self) -> list[MediaTopic]:
        return [t for t in self.topics.values() if t.level == 1 and not t.retired]

    def __len__(self) -> int:
        return len(self.topics)


def table_path() -> Path:
    return Path(str(resources.files("tagwerk") / "topics" / "data" / "mediatopics.tsv"))


@lru_cache(maxsize=1)
def load_table() -> MediaTopicTable:
    """IPTC's Media Topic table shipped in the package (read once: it never changes at run time)."""
    table = MediaTopicTable()
    header: list[str] | None = None
    for line in table_path().read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        table.topics[row["code"]] = MediaTopic(
            code=row["code"],
            level=int(row["level"]),
            broader=row.get("broader") or None,
            name=row.get("de") or row.get("en") or row["code"],
            name_en=row.get("en") or "",
            wikidata=row.get("wikidata") or None,
            retired=row.get("retired") or None,
        )
    return table


NAME_PARTS = re.compile(r",\s*|\s+und\s+")
"""What separates the concepts of one German name (``Krise, Krieg, Konflikte``, ``Markt und Börse``)."""


@lru_cache(maxsize=1)
def name_words() -> dict[str, tuple[tuple[str, str], ...]]:
    """The one-word concepts of the German Media Topic names, folded (:func:`tag_key`) ->
    (code, the word as IPTC spells it) of each topic whose name has it: ``krieg`` ->
    ``16000000`` (``Krise, Krieg, Konflikte``) and ``20000062`` (``Krieg``). Retired codes too:
    agencies still file under them (dpa's ``Partei``, ``Börse``). A topic without a German
    name (its English one stands in) has none."""
    out: dict[str, list[tuple[str, str]]] = {}
    for t in load_table().topics.values():
        if not t.name or t.name == t.name_en:
            continue
        for part in NAME_PARTS.split(t.name):
            part = part.strip()
            if part and " " not in part and part[:1].isupper():
                out.setdefault(tag_key(part), []).append((t.code, part))
    return {k: tuple(v) for k, v in out.items()}


_INFLECTIONS = ("en", "n", "e", "es", "s", "er")


@lru_cache(maxsize=50_000)
def named_by_word(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The Media Topics a capitalised word of the text names (:func:`name_words`), as (the name as
    IPTC spells it, the qcodes of the topics above that topic) for each: the word itself or an
    inflected form (``Waffe``, ``Kriege``, ``Parteien``), the parts of a hyphenated word, the
    head or first part of a closed compound (``Bürgerkrieg``, ``Bahnstrecke``, ``Börsenwert``).
    Empty for most words; cached, so an article's words are looked up once across articles."""
    from tagwerk.lang.de.morphology import compound_parts

    words = name_words()

    def lookup(form: str) -> tuple[tuple[str, str], ...]:
        got = words.get(tag_key(form))
        if got:
            return got
        for end in _INFLECTIONS:
            if form.endswith(end) and len(form) - len(end) >= 4 and (got := words.get(tag_key(form[: -len(end)]))):
                return got
            if (got := words.get(tag_key(form + end))) and end in ("n", "en"):
                return got
        return ()

    found = lookup(word)
    if not found and "-" in word.strip("-"):
        parts = [p for p in word.split("-") if p]
        found = tuple(x for p in (parts[-1], parts[0]) for x in lookup(p))
    if not found and len(word) >= 7:
        found = tuple(x for part in compound_parts(word) for x in words.get(tag_key(part), ()))
    table = load_table()
    return tuple((name, tuple(t.qcode for t in table.ancestors(code)[1:])) for code, name in dict.fromkeys(found))


# -- the team's cues -------------------------------------------------------------------


@dataclass
class MediaTopicCues:
    """Which Media Topics tagwerk's sections and topics stand for, and trigger words for each."""

    sections: dict[str, str] = field(default_factory=dict)
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folded vocabulary topic name -> Media Topic codes."""
    triggers: TopicVocabulary = field(default_factory=TopicVocabulary)
    """One topic per Media Topic, named by its code, with its trigger words."""


def cues_path() -> Path:
    return Path(str(resources.files("tagwerk") / "lang" / "de" / "mediatopics.yaml"))


def parse_cues(data: Any, table: MediaTopicTable, *, where: str = "<mediatopics>") -> MediaTopicCues:
    """Cues from a parsed YAML document; every code must be a Media Topic in use."""
    from tagwerk.topics import tag_key

    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: expected a mapping with sections, topics and triggers")

    def code_of(value: Any, context: str) -> str:
        code = str(value).strip().removeprefix(SCHEME + ":")
        topic = table.get(code)
        if topic is None:
            raise VocabularyError(f"{where}: {context}: {code!r} is not an IPTC Media Topic")
        if topic.retired:
            raise VocabularyError(f"{where}: {context}: medtop:{code} ({topic.name}) was retired on {topic.retired}")
        return code

    cues = MediaTopicCues()
    for section, code in (data.get("sections") or {}).items():
        if section not in SECTIONS:
            raise VocabularyError(f"{where}: sections: unknown section {section!r}")
        cues.sections[section] = code_of(code, f"section {section}")
    for name, codes in (data.get("topics") or {}).items():
        values = codes if isinstance(codes, list) else [codes]
        cues.topics[tag_key(str(name))] = tuple(code_of(c, f"topic {name}") for c in values)
    topics = []
    for code, words in (data.get("triggers") or {}).items():
        code = code_of(code, "triggers")
        triggers = tuple(str(w) for w in words or [])
        if triggers:
            topics.append(Topic(code, None, triggers, source="mediatopics"))
    try:
        cues.triggers = TopicVocabulary(topics)
    except ValueError as exc:
        raise VocabularyError(f"{where}: triggers: {exc}") from None
    return cues


@lru_cache(maxsize=1)
def load_cues() -> MediaTopicCues:
    path = cues_path()
    return parse_cues(parse_yaml(path.read_text(encoding="utf-8")), load_table(), where=str(path))


__all__ = ["SCHEME", "URI", "MediaTopic", "MediaTopicCues", "MediaTopicTable", "load_cues", "load_table", "parse_cues"]
