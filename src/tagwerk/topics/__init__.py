"""Topic vocabularies: German news topics, their triggers and section hints.

A vocabulary maps each topic tag (``Krieg in der Ukraine``, ``Inflation``) to trigger
words and phrases. The shipped one is ``tagwerk/lang/de/topics.yaml``; a newsroom can
replace it (``AnalyzerConfig.topics_path``) or extend it with its own files
(``AnalyzerConfig.newsroom_vocabulary``).

Trigger syntax (matched case-insensitively against each token's lemma and surface form):

``wort``            the word, any inflection the lemmatiser folds (``Sanktionen`` -> Sanktion)
``*wort``           a compound ending in the word (``Wirtschaftssanktionen``, ``UN-Sanktion``)
``wort*``           a compound starting with it (``Atomwaffenprogramm``)
``*wort*``          a compound containing it
``zwei wörter``     consecutive tokens, each matched as above

A topic may name ``context`` triggers: it fires only when one of them occurs as well.
See ``docs/tags.md`` for the file formats a newsroom may use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tagwerk.errors import TagwerkError
from tagwerk.lang.de.prefixes import COMPOUND_HEAD_MIN_PREFIX, INSEPARABLE_PREFIXES

SECTIONS: tuple[str, ...] = (
    "Politik",
    "Wirtschaft",
    "Sport",
    "Panorama",
    "Wissen",
    "Digital/Technik",
    "Kultur/Unterhaltung",
    "Auto",
)

# Short codes the YAML files may use for sections.
SECTION_CODES: dict[str, str] = {
    "p": "Politik",
    "politik": "Politik",
    "w": "Wirtschaft",
    "wirtschaft": "Wirtschaft",
    "s": "Sport",
    "sport": "Sport",
    "pa": "Panorama",
    "panorama": "Panorama",
    "wi": "Wissen",
    "wissen": "Wissen",
    "d": "Digital/Technik",
    "digital": "Digital/Technik",
    "technik": "Digital/Technik",
    "digital/technik": "Digital/Technik",
    "k": "Kultur/Unterhaltung",
    "kultur": "Kultur/Unterhaltung",
    "unterhaltung": "Kultur/Unterhaltung",
    "kultur/unterhaltung": "Kultur/Unterhaltung",
    "a": "Auto",
    "auto": "Auto",
}


class VocabularyError(TagwerkError):
    """A topic vocabulary file cannot be read or is malformed."""


# -- tag keys ----------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@lru_cache(maxsize=1 << 15)
def tag_key(name: str) -> str:
    """The key two tag names share when an editor would call them the same tag.

    Case, umlauts (ä -> ae), accents, hyphens and spaces are folded away:
    ``Kim Jong-un`` and ``Kim Jong Un`` share ``kimjongun``, ``Müller`` is ``mueller``.
    """
    s = unicodedata.normalize("NFC", name).lower().translate(_UMLAUTS)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", s)


def _section(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    key = str(value).strip().lower()
    if key not in SECTION_CODES:
        raise VocabularyError(f"{where}: unknown section {value!r}; use one of {', '.join(SECTIONS)}")
    return SECTION_CODES[key]


# -- records ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    """One tag of a vocabulary and what makes an article about it."""

    name: str
    section: str | None = None
    triggers: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    type: str = "topic"
    """``topic`` (default), ``event``, ``person``, ``place``, ``organisation`` ..."""
    weight: float = 1.0
    """Prior of the topic as a tag (newsroom files may raise or lower it)."""
    taggable: bool = True
    """False for section cue lists, which only vote for a section."""
    source: str = "default"
    """``default`` or the newsroom file it came from."""
    aliases: tuple[str, ...] = ()
    """Other names of the tag: a candidate with one of these names takes this tag's name."""
    country: str | None = None
    """The country whose institution the topic is (ISO 3166-1 alpha-2: ``DE`` for the Deutsche
    Bahn, the Bundesrat): a story set only in other countries speaks of theirs
    (:func:`tagwerk.stages.tags.rules.hits_at_home`). One entry of a topic's name says it for all."""
    also_in: tuple[str, ...] = ()
    """Countries whose institution of that kind has the same name (``Bundesrat``: AT, CH): in a
    story set there, not even the name is the German one."""
    exclude: tuple[str, ...] = ()
    """Words and phrases (trigger syntax) that are no trigger of the topic even where one of its
    triggers matches them: ``fernsehgerät*`` for ``fernseh*``, ``schwarz* schaf*`` for ``schaf*``
    (``not`` in a vocabulary file). A hit on any word of such a phrase is dropped."""


@dataclass(slots=True)
class TopicHit:
    """Where one topic's trigger matched: token range [first, last) and char offsets."""

    topic: int
    first: int
    last: int
    start: int
    end: int
    trigger: str
    context: bool = False


# -- matching --------------------------------------------------------------------

_ENDINGS = ("ern", "en", "er", "es", "e", "n", "s")
STREET_HEADS = frozenset({"straße", "strasse", "str", "platz", "allee", "weg", "gasse", "ring", "damm", "ufer",
                          "chaussee", "promenade", "kai", "brücke", "steg"})
"""The last part of a street's or square's name of three or more parts joined by hyphens
(``Herzog-von-Weimar-Straße``, ``Papst-Johannes-Platz``): such a word names a place, and no
trigger matches a word of it (a duke is no royal there, a pope no pope). Two parts are a common
compound as often (``Doping-Ring``, ``Hochwasser-Damm``) and stay."""


def _known_word(word: str) -> bool:
    """Whether the German dictionary holds ``word`` as written (simplemma, via tagwerk.lang.de)."""
    from tagwerk.lang.de import lemmas  # here, not above: importing simplemma takes 0.17 s at start-up

    return bool(word) and lemmas.is_known(word)


def _word_forms(surface: str, lemma: str) -> set[str]:
    """The forms of a word the matcher looks its units up by: the word and its lemma, lower-case;
    for a word the lemmatiser did not know, the word less the usual inflection endings (a word it
    knows as written, or whose last part after a hyphen it knows, is no inflected form of a shorter
    one: ``Armee``, ``Hubschrauber``, ``UNO-Hubschrauber``); the part after a hyphen. None for a
    street's name (:data:`STREET_HEADS`)."""
    s, lem = surface.lower(), (lemma or surface).lower()
    if s.count("-") >= 2 and s.rsplit("-", 1)[-1].rstrip(".") in STREET_HEADS:
        return set()
    forms = {s, lem}
    if lem == s and not _known_word(surface.rsplit("-", 1)[-1]):
        for end in _ENDINGS:
            if s.endswith(end) and len(s) - len(end) >= 4:
                forms.add(s[: -len(end)])
    if "-" in s.strip("-"):
        forms.add(lem.rsplit("-", 1)[-1])
    return forms


def _unit(trigger_word: str) -> tuple[str, str]:
    w = trigger_word.strip().lower()
    star_l, star_r = w.startswith("*"), w.endswith("*")
    core = w.strip("*")
    if not core:
        raise ValueError("empty trigger")
    if star_l and star_r:
        return ("in", core)
    if star_l:
        return ("suf", core)
    if star_r:
        return ("pre", core)
    return ("eq", core)


class _Matcher:
    """Finds every trigger of a list of topics in a token sequence.

    Each distinct trigger word (``*sanktion``) is a *unit*; a phrase is a sequence of
    units. Which units a word form matches is computed once per form and cached, so
    matching an article costs a few dictionary look-ups per token.
    """

    def __init__(self) -> None:
        self.units: dict[tuple[str, str], int] = {}
        self.eq: dict[str, list[int]] = {}
        self.suf: dict[str, list[int]] = {}
        self.pre: dict[str, list[int]] = {}
        self.contains: dict[str, list[int]] = {}
        self.max_suf = self.max_pre = self.max_in = 0
        # phrases keyed by their first unit: (units tuple, topic index, trigger text, is_context,
        # layer: 0 for the vocabulary's own, 1 for those a newsroom profile adds on top, whether
        # the topic excludes words: its hits are checked against them)
        self.phrases: dict[int, list[tuple[tuple[int, ...], int, str, bool, int, bool]]] = {}
        self.excluded: dict[int, list[tuple[int, ...]]] = {}  # topic index -> the units of the words and phrases that are no hit of it
        self._phrased: set[int] = set()  # the topics with phrases (an exclusion after them flags theirs)
        self._cache: dict[str, frozenset[int]] = {}

    def copy(self) -> _Matcher:
        """A matcher with the same triggers, to add more to (this one is left as it is); all of
        them are the copy's layer 0."""
        new = _Matcher()
        new.units = dict(self.units)
        new.eq, new.suf, new.pre, new.contains = ({k: list(v) for k, v in t.items()} for t in (self.eq, self.suf, self.pre, self.contains))
        new.max_suf, new.max_pre, new.max_in = self.max_suf, self.max_pre, self.max_in
        new.phrases = {k: [(*p[:4], 0, p[5]) for p in v] for k, v in self.phrases.items()}
        new.excluded = {k: list(v) for k, v in self.excluded.items()}
        new._phrased = set(self._phrased)
        return new

    def _unit_id(self, trig: str) -> int:
        kind, core = _unit(trig)
        key = (kind, core)
        if key in self.units:
            return self.units[key]
        uid = len(self.units)
        self.units[key] = uid
        table = {"eq": self.eq, "suf": self.suf, "pre": self.pre, "in": self.contains}[kind]
        table.setdefault(core, []).append(uid)
        if kind == "suf":
            self.max_suf = max(self.max_suf, len(core))
        elif kind == "pre":
            self.max_pre = max(self.max_pre, len(core))
        elif kind == "in":
            self.max_in = max(self.max_in, len(core))
        return uid

    def add(self, topic: int, trigger: str, *, context: bool = False, layer: int = 0) -> None:
        words = trigger.split()
        if not words:
            return
        units = tuple(self._unit_id(w) for w in words)
        same = self.phrases.setdefault(units[0], [])
        if any(p[0] == units and p[1] == topic and p[3] == context for p in same):
            return  # the topic has this trigger already (a house tag that repeats a shipped trigger): no second hit
        same.append((units, topic, trigger, context, layer, topic in self.excluded))
        self._phrased.add(topic)
        self._cache.clear()

    def exclude(self, topic: int, phrase: str) -> None:
        """A word or phrase (trigger syntax) that is no hit of ``topic``, whatever trigger matches
        one of its words."""
        units = tuple(self._unit_id(w) for w in phrase.split())
        first = topic not in self.excluded
        if units and units not in (got := self.excluded.setdefault(topic, [])):
            got.append(units)
        if first and topic in self._phrased:  # its phrases added before check their hits from now on
            for same in self.phrases.values():
                for j, p in enumerate(same):
                    if p[1] == topic:
                        same[j] = (*p[:5], True)
        self._cache.clear()

    @staticmethod
    def _excluded(seq: Sequence[frozenset[int]], first: int, last: int, phrases: Sequence[tuple[int, ...]]) -> bool:
        """Whether one of ``phrases`` stands on a token of ``[first, last)`` (``seq``: each token's units)."""
        for phrase in phrases:
            m = len(phrase)
            for s in range(max(0, first - m + 1), min(last, len(seq) - m + 1)):
                if all(phrase[j] in seq[s + j] for j in range(m)):
                    return True
        return False

    def _forms_units(self, form: str) -> set[int]:
        out: set[int] = set()
        if not form:
            return out
        got = self.eq.get(form)
        if got:
            out.update(got)
        n = len(form)
        if self.suf:
            for i in range(max(0, n - self.max_suf), n - 2):
                if 0 < i and (i < COMPOUND_HEAD_MIN_PREFIX or form[:i] in INSEPARABLE_PREFIXES):
                    continue  # ``beschloss`` is no compound of ``Schloss``: a verb's prefix
                got = self.suf.get(form[i:])
                if got:
                    out.update(got)
        if self.pre:
            for j in range(3, min(n, self.max_pre) + 1):
                got = self.pre.get(form[:j])
                if got:
                    out.update(got)
        if self.contains:
            for i in range(n):
                for j in range(i + 3, min(n, i + self.max_in) + 1):
                    got = self.contains.get(form[i:j])
                    if got:
                        out.update(got)
        return out

    def word_units(self, surface: str, lemma: str) -> frozenset[int]:
        key = surface + "\x00" + lemma
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        units: set[int] = set()
        for f in _word_forms(surface, lemma):
            units |= self._forms_units(f.strip("-"))
        res = frozenset(units)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = res
        return res

    def find(self, words: Sequence[tuple[str, str, int, int]], added: list[TopicHit] | None = None) -> list[TopicHit]:
        """``words``: (surface, lemma, start, end) per token, in order. ``added``: a list that also
        gets the hits of layer 1's phrases (those a profile adds to the vocabulary it extends), in order."""
        seq = [self.word_units(w[0], w[1]) for w in words]
        hits: list[TopicHit] = []
        excluded = self.excluded
        n = len(seq)
        for i, units in enumerate(seq):
            if not units:
                continue
            for u in sorted(units):  # a fixed order: hits must not depend on the hash seed
                for phrase, topic, trig, ctx, layer, ex in self.phrases.get(u, ()):
                    k = len(phrase)
                    if i + k > n:
                        continue
                    if k == 1 or all(phrase[j] in seq[i + j] for j in range(1, k)):
                        if ex and self._excluded(seq, i, i + k, excluded[topic]):
                            continue  # a word or phrase the topic excludes (``Fernsehgerät`` for ``fernseh*``)
                        hit = TopicHit(topic, i, i + k, words[i][2], words[i + k - 1][3], trig, ctx)
                        hits.append(hit)
                        if layer and added is not None:
                            added.append(hit)
        return hits


Hits = dict[int, list[TopicHit]]
"""Topic index -> its trigger hits (:meth:`TopicVocabulary.match`)."""


# -- the vocabulary --------------------------------------------------------------


@dataclass
class TopicVocabulary:
    """Topics plus a matcher over their triggers."""

    topics: list[Topic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._matcher = _Matcher()
        self._by_key: dict[str, int] = {}
        self.base: TopicVocabulary | None = None
        """The vocabulary this one extends (:meth:`extended`), else None."""
        self._layer = 0
        self._merged: set[int] = set()  # the base's topics that this one's own triggers were added to
        self._same_context: bool | None = None  # whether those keep the base's context words (read once)
        for i, t in enumerate(self.topics):
            self._index(i, t)

    def extended(self, topics: Iterable[Topic]) -> TopicVocabulary:
        """This vocabulary plus ``topics`` (a newsroom profile's house tags; :meth:`add` merges one
        with a known tag key), as a new vocabulary; this one is left as it is. The new one's
        matcher holds this one's triggers as they are, so one pass over a text finds the hits of
        both (:meth:`match_layers`)."""
        ext = TopicVocabulary()
        ext.topics = list(self.topics)
        ext._matcher = self._matcher.copy()
        ext._by_key = dict(self._by_key)
        ext.base, ext._layer = self, 1
        for t in topics:
            ext.add(t)
        return ext

    def _index(self, i: int, t: Topic) -> None:
        for word in t.exclude:  # first: the phrases added next are flagged as they come
            self._matcher.exclude(i, word)
        for trig in t.triggers:
            self._matcher.add(i, trig, layer=self._layer)
        for trig in t.context:
            self._matcher.add(i, trig, context=True, layer=self._layer)
        if self._layer and self.base is not None and i < len(self.base.topics):
            self._merged.add(i)
        self._same_context = None
        if t.taggable:
            for nm in (t.name, *t.aliases):
                self._by_key.setdefault(tag_key(nm), i)

    def add(self, topic: Topic) -> None:
        """Add a topic; a topic with the same tag key replaces the earlier one's triggers."""
        key = tag_key(topic.name)
        if topic.taggable and key in self._by_key:
            old_i = self._by_key[key]
            old = self.topics[old_i]
            merged = Topic(
                name=topic.name,
                section=topic.section or old.section,
                triggers=tuple(dict.fromkeys([*old.triggers, *topic.triggers])),
                context=topic.context or old.context,
                type=topic.type if topic.type != "topic" else old.type,
                weight=topic.weight,
                source=topic.source,
                aliases=tuple(dict.fromkeys([*old.aliases, *topic.aliases])),
                country=topic.country or old.country,
                also_in=topic.also_in or old.also_in,
                exclude=tuple(dict.fromkeys([*old.exclude, *topic.exclude])),
            )
            self.topics[old_i] = merged
            # rebuild: triggers (and excluded words) of the old entry stay registered, which is harmless
            self._index(old_i, Topic(merged.name, merged.section, topic.triggers, (), merged.type, merged.weight,
                                     True, merged.source, topic.aliases, exclude=topic.exclude))
            return
        self.topics.append(topic)
        self._index(len(self.topics) - 1, topic)

    def __len__(self) -> int:
        return sum(1 for t in self.topics if t.taggable)

    def lookup(self, name: str) -> Topic | None:
        """The taggable topic whose name or alias has the tag key of ``name``."""
        i = self._by_key.get(tag_key(name))
        return self.topics[i] if i is not None else None

    def find(self, words: Sequence[tuple[str, str, int, int]]) -> list[TopicHit]:
        """Every trigger hit, context hits included (``hit.context``)."""
        return self._matcher.find(words)

    def match(self, words: Sequence[tuple[str, str, int, int]]) -> Hits:
        """Topic index -> its trigger hits, for topics whose context condition holds."""
        return _by_topic(self.topics, self.find(words))

    def match_layers(self, words: Sequence[tuple[str, str, int, int]]) -> tuple[Hits, Hits | None]:
        """:meth:`match` of this vocabulary and of the one it extends (:attr:`base`; None if it
        extends none), from one pass over ``words``."""
        if self.base is None:
            return self.match(words), None
        added: list[TopicHit] = []
        found = self._matcher.find(words, added)
        hits = _by_topic(self.topics, found)
        return hits, self._base_hits(hits, found, added)

    def _base_hits(self, hits: Hits, found: list[TopicHit], added: list[TopicHit]) -> Hits:
        """The :attr:`base` vocabulary's hits, from the pass that found this one's (``found``,
        ``added`` those of the triggers this one adds; ``hits`` grouped by :func:`_by_topic`).
        Where the added triggers found only this one's own topics and no shipped topic's context
        words changed, the base's topics have the same hits, in the same order; otherwise the
        pass is grouped again without the added hits."""
        assert self.base is not None
        base = self.base
        n = len(base.topics)
        same = self._same_context
        if same is None:
            same = self._same_context = all(self.topics[i].context == base.topics[i].context for i in self._merged)
        if same and all(h.topic >= n for h in added):
            base_hits = hits.copy()  # without this one's own topics (few: the house tags the text names)
            for i in {h.topic for h in added}:
                base_hits.pop(i, None)
            return base_hits
        drop = {id(h) for h in added}
        return _by_topic(base.topics, [h for h in found if id(h) not in drop])


def _by_topic(topics: Sequence[Topic], hits: Iterable[TopicHit]) -> Hits:
    """Topic index -> its trigger hits (in order), for the topics whose context condition holds."""
    by_topic: dict[int, list[TopicHit]] = {}
    ctx_ok: set[int] = set()
    for h in hits:
        if h.context:
            ctx_ok.add(h.topic)
        else:
            by_topic.setdefault(h.topic, []).append(h)
    return {i: hs for i, hs in by_topic.items() if not topics[i].context or i in ctx_ok}


# -- loading ---------------------------------------------------------------------


def default_path() -> Path:
    return Path(str(resources.files("tagwerk") / "lang" / "de" / "topics.yaml"))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _name_triggers(name: str) -> list[str]:
    """Triggers derived from a bare tag name: the name itself as a phrase of words."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    return [" ".join(words)] if words else []


def _topic(name: str, spec: Any, where: str, source: str, *, name_trigger: bool = True) -> Topic:
    """One topic entry. ``name_trigger``: the name is one of its triggers (not for a second entry of
    a name listed already, whose first entry has it: a name counts once, whatever the entries)."""
    if spec is None or isinstance(spec, str):
        # bare name, or slug -> display name (a newsroom's tag list)
        display = spec if isinstance(spec, str) and spec.strip() else name
        return Topic(display, None, tuple(_name_triggers(display)), source=source)
    if not isinstance(spec, dict):
        raise VocabularyError(f"{where}: topic {name!r} must be a mapping, a name or empty")
    name = str(spec.get("name", name))
    triggers = _as_list(spec.get("triggers", spec.get("t")))
    if name_trigger and not spec.get("no_name_trigger", False):
        triggers = [*_name_triggers(name), *triggers]
    exclude = _as_list(spec.get("not"))
    try:
        for trig in [*triggers, *exclude]:
            for w in trig.split():
                _unit(w)
    except ValueError as exc:
        raise VocabularyError(f"{where}: topic {name!r}: {exc}") from None
    if any(not w.split() for w in exclude):
        raise VocabularyError(f"{where}: topic {name!r}: an empty entry in 'not'")
    weight = float(spec.get("weight", 1.0))
    return Topic(
        name=name,
        section=_section(spec.get("section", spec.get("s")), where),
        triggers=tuple(dict.fromkeys(triggers)),
        context=tuple(_as_list(spec.get("context", spec.get("c")))),
        type=str(spec.get("type", "topic")),
        weight=weight,
        source=source,
        aliases=tuple(_as_list(spec.get("aliases"))),
        country=_country(spec.get("country"), f"{where}: topic {name!r}"),
        also_in=tuple(c for c in (_country(x, f"{where}: topic {name!r}: also_in") for x in _as_list(spec.get("also_in"))) if c),
        exclude=tuple(" ".join(w.lower().split()) for w in exclude),
    )


def _country(value: Any, where: str) -> str | None:
    """An ISO 3166-1 alpha-2 code (``DE``), upper-case; None for none."""
    if value is None or value == "":
        return None
    code = str(value).strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise VocabularyError(f"{where}: country {value!r} is no two-letter ISO code (DE, AT, CH)")
    return code


KB_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "topic"}
"""A newsroom term's knowledge-base type (``tagwerk kb add --type``) as a topic type."""


def _newsroom_terms(rows: Any, where: str, source: str) -> list[Topic]:
    """The ``tags:`` list that ``tagwerk kb add`` writes (name, type, aliases, description,
    qid): each a topic triggered by its name and its aliases; topic fields (``triggers``,
    ``section``, ``context``, ``weight``) may be given as well."""
    if not isinstance(rows, list):
        raise VocabularyError(f"{where}: tags must be a list of terms")
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, str):
            out.append(_topic(row, None, f"{where}: tags[{i}]", source))
            continue
        if not isinstance(row, dict) or not row.get("name"):
            raise VocabularyError(f"{where}: tags[{i}]: a term needs a name")
        spec = {k: v for k, v in row.items() if k not in ("description", "qid", "id", "kind", "prominence", "country")}
        spec["type"] = KB_TYPES.get(str(row.get("type", "MISC")).upper(), str(row.get("type", "topic")))
        spec["triggers"] = [*_as_list(row.get("aliases")), *_as_list(row.get("triggers", row.get("t")))]
        out.append(_topic(str(row["name"]), spec, f"{where}: tags[{i}]", source))
    return out


def parse_vocabulary(data: Any, *, where: str = "<vocabulary>", source: str = "default") -> list[Topic]:
    """Topics from a parsed YAML/JSON document.

    Accepted shapes: ``{"topics": [...] | {...}, "section_cues": {...}, "tags": [...]}``
    (``tags``: the terms ``tagwerk kb add`` writes, see :func:`_newsroom_terms`), a list of
    topic mappings or bare names, or a mapping ``name -> spec`` where a spec is a
    mapping, a display name (``slug: Name``, the shape of a newsroom's tag list) or empty.
    """
    out: list[Topic] = []
    cues: dict[str, Any] = {}
    if isinstance(data, dict) and ("topics" in data or "section_cues" in data or "tags" in data):
        cues = data.get("section_cues") or {}
        out.extend(_newsroom_terms(data.get("tags") or [], where, source))
        data = data.get("topics") or []
    if isinstance(data, list):
        named: set[str] = set()  # the names an entry has given already
        for i, item in enumerate(data):
            if isinstance(item, str):
                out.append(_topic(item, None, f"{where}[{i}]", source))
            elif isinstance(item, dict) and "name" in item:
                key = tag_key(str(item.get("name")))
                out.append(_topic(str(item["name"]), item, f"{where}[{i}]", source, name_trigger=key not in named))
                named.add(key)
            else:
                raise VocabularyError(f"{where}[{i}]: a topic needs a name")
    elif isinstance(data, dict):
        for name, spec in data.items():
            out.append(_topic(str(name), spec, where, source))
    elif data is not None:
        raise VocabularyError(f"{where}: expected a list or mapping of topics")
    if not isinstance(cues, dict):
        raise VocabularyError(f"{where}: section_cues must map a section to cue words")
    for sec, words in cues.items():
        label = _section(sec, where)
        out.append(Topic(f"cue:{label}", label, tuple(_as_list(words)), taggable=False, source=source))
    return out


def read_vocabulary_file(path: str | Path, *, source: str | None = None) -> list[Topic]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise VocabularyError(f"cannot read the topic vocabulary {p}: {exc.strerror or exc}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{p}: not valid YAML/JSON: {exc}") from None
    return parse_vocabulary(data, where=str(p), source=source or str(p))


@lru_cache(maxsize=8)
def _load_cached(topics_path: str | None, newsroom: tuple[str, ...]) -> TopicVocabulary:
    base = read_vocabulary_file(topics_path or default_path(), source="default" if topics_path is None else None)
    vocab = TopicVocabulary(list(base))
    for path in newsroom:
        for t in read_vocabulary_file(path):
            vocab.add(Topic(t.name, t.section, t.triggers, t.context, t.type, t.weight, t.taggable, "newsroom", t.aliases,
                            t.country, t.also_in))
    return vocab


def load_vocabulary(topics_path: str | Path | None = None, newsroom: Iterable[str | Path] = ()) -> TopicVocabulary:
    """The shipped vocabulary (or ``topics_path``), extended by newsroom files. Cached."""
    return _load_cached(str(topics_path) if topics_path else None, tuple(str(p) for p in newsroom))


__all__ = [
    "SECTIONS",
    "Topic",
    "TopicHit",
    "TopicVocabulary",
    "VocabularyError",
    "default_path",
    "load_vocabulary",
    "parse_vocabulary",
    "read_vocabulary_file",
    "tag_key",
]


# -- per-analysis matching ---------------------------------------------------------


def _words(analysis: Any) -> list[tuple[str, str, int, int]]:
    """An Analysis' tokens as the matcher reads them: (surface, lemma, start, end)."""
    return [(t.text, t.lemma, t.start, t.end) for t in analysis.tokens]


_TEXT_WORD = re.compile(r"\w[\w-]*")


def text_words(text: str) -> list[tuple[str, str, int, int]]:
    """Words of a short text (a keyphrase, a KB description, a place's name) as the matcher takes
    them, each its own lemma."""
    return [(m.group(0), m.group(0), m.start(), m.end()) for m in _TEXT_WORD.finditer(text)]


def match_analysis(vocab: TopicVocabulary, analysis: Any) -> Hits:
    """``vocab.match`` over an Analysis' tokens."""
    return vocab.match(_words(analysis))


def topic_hits(work: Any, vocab: TopicVocabulary) -> Hits:
    """The topic hits of a :class:`~tagwerk.pipeline.Work` item's analysis, found once and kept
    on the item (``work.topic_hits``: vocabulary -> hits): the section, Media Topics and tags
    stages all need them. A profile's extended vocabulary (:meth:`TopicVocabulary.extended`)
    finds the hits of the vocabulary it extends in the same pass."""
    cache = work.topic_hits
    if not isinstance(cache, dict):
        cache = work.topic_hits = {}
    got = cache.get(id(vocab))
    if got is not None and got[0] is vocab:
        return got[1]
    hits, base_hits = vocab.match_layers(_words(work.analysis))
    cache[id(vocab)] = (vocab, hits)
    if base_hits is not None:  # the vocabulary it extends, found in the same pass
        cache[id(vocab.base)] = (vocab.base, base_hits)
    return hits


__all__ += ["match_analysis", "text_words", "topic_hits"]


def hits_per_topic(vocab: TopicVocabulary, hits: Hits) -> list[tuple[Topic, list[TopicHit]]]:
    """``hits`` by topic: a taggable topic's entries of one name as one topic (a word the file gives a
    second entry, with a context or without its name, counts as the first entry's words do), with
    its first entry and each span once, in text order (where several triggers hit a span, the
    first by name: the same one every run, whatever the order of the hits). The tags, section and
    Media Topics stages score a topic over its hits with diminishing returns, so a word that two
    triggers match, and the entries the file splits a topic into, must not add to it. Topics that
    are no tags (cue lists) stay as they are."""
    out: list[tuple[Topic, list[TopicHit]]] = []
    by_name: dict[str, int] = {}
    for ti, found in hits.items():
        topic = vocab.topics[ti]
        if not topic.taggable:
            out.append((topic, found))
            continue
        key = tag_key(topic.name)
        at = by_name.get(key)
        if at is None:
            by_name[key] = len(out)
            out.append((topic, list(found)))
        else:
            out[at][1].extend(found)
    for i, (topic, found) in enumerate(out):
        if topic.taggable and len(found) > 1:
            once: dict[tuple[int, int], TopicHit] = {}
            for h in sorted(found, key=lambda h: (h.start, h.end, h.trigger)):
                once.setdefault((h.start, h.end), h)
            out[i] = (topic, list(once.values()))
    return out


__all__ += ["hits_per_topic"]
