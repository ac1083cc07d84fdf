"""Noise rules of the tags stage: what an editor would delete from the suggestions (issue #31).

Each rule is a pure function over the article's text, tokens and entities, with its word lists
in ``lang/de/tags.yaml`` and ``lang/de/credit.py``:

* :func:`credit_spans`: nothing in the credit line, the byline or the dateline
  (``Peine (dpa/lni) -``) is evidence for a tag;
* :func:`is_agency`: a news agency (``dpa``, ``AFP``, ``Reuters``) is the source of a story,
  never its subject; it is no tag, whether named in the credit, the dateline or the text;
* :func:`hits_outside_names`: a topic needs evidence outside the names of persons and the
  personal names in organisations' names (``Gerd Müller`` is no evidence for ``Plastikmüll``),
  and an organisation's name is no evidence where it names another organisation (``Union`` in
  ``Europäische Union`` or ``1. FC Union Berlin`` is not the CDU/CSU);
* :func:`in_amount`: a currency or unit after an amount (``2,8 Milliarden Euro``,
  ``acht Prozent``) is background, not evidence; a time zone (:func:`is_time_zone`: ``Ortszeit
  PST``, ``Moskauer Zeit``) is never a tag;
* :func:`only_party_family`: the words for a family of parties (``die Liberalen``) name a German
  party only when the party is named too;
* :func:`named_only_as_source`: a news outlet the text names only as the source of its news
  (``wie der «Spiegel» schreibt``) is no tag, as an agency is none; nor is the kind of outlet
  (:func:`kind_of_outlet_as_source`: ``das Nachrichtenportal … berichtete``);
* :func:`hits_outside_town_names`: a compound trigger that is only a part of a town's name is
  no evidence (``Iserlohn`` is no ``*lohn``, ``Tempelhof`` no ``tempel*``);
* :func:`hits_beyond_dates`: a holiday named as the time of the news in the body (``an
  Weihnachten``, ``in der Silvesternacht``) is a date, not the story's topic;
* :func:`hits_at_home`: a topic that is one country's institution (``Deutsche Bahn``,
  ``Bundesverfassungsgericht``: ``country`` in the vocabulary) is no tag of a story set only in
  other countries, unless the text names the institution itself (``Bahn`` in Paris is the
  SNCF, ``Verfassungsgericht`` in Bangkok is Thailand's).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tagwerk.analysis import Analysis, Entity, Token, is_local_id
from tagwerk.article import Article
from tagwerk.credit import staff_spans
from tagwerk.lang.de.credit import AGENCIES
from tagwerk.topics import TopicHit, TopicVocabulary, tag_key, text_words
from tagwerk.topics.layout import HEAD, Layout

NAME_LABELS = frozenset({"PER", "ORG"})
"""Labels whose names are never topic evidence (places are: ``Srebrenica`` is a trigger)."""

_NUMBER_WORDS = frozenset(
    "ein eine einen einem einer zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig "
    "dreißig vierzig fünfzig sechzig siebzig achtzig neunzig hundert tausend halbe".split()
)
_WORD_BEFORE = re.compile(r"([\w.,%-]+)\s+$")


@dataclass(frozen=True)
class NoiseWords:
    agencies: frozenset[str]
    units: frozenset[str]
    amount_words: frozenset[str]
    party_family: frozenset[str]
    media_nouns: tuple[str, ...]
    """Lower-case media nouns: a word ending so is one or a compound with one as its head."""
    source_cue: re.Pattern[str]
    """A word that says the sentence names its source (``berichtete``, ``laut``, ``zufolge``)."""
    time_zones: frozenset[str]
    """The names of ``tags.yaml: time_zones`` as written (a candidate's name is the entity's or the
    KB's, spelt as there: compared as it is, for every candidate of every article)."""
    holiday: re.Pattern[str]
    """A holiday word (``Weihnachten``, ``Osterfeiertagen``, ``Silvesternacht``): fullmatch, any case."""
    time_preposition: re.Pattern[str]
    """A preposition of time (any case: ``Am Ostermontag``) and up to two lower-case words, at the end
    of the text before a word; or those, a holiday and ``und`` (``zwischen Weihnachten und``)."""


@lru_cache(maxsize=1)
def noise_words() -> NoiseWords:
    """``lang/de/tags.yaml`` and the agencies of ``lang/de/credit.py``, as folded keys."""
    data = yaml.safe_load((resources.files("tagwerk.lang.de") / "tags.yaml").read_text(encoding="utf-8"))
    hol = data.get("holidays") or {}

    def keys(words: Iterable[str]) -> frozenset[str]:
        return frozenset(k for k in (tag_key(w) for w in words) if k)

    holiday = r"(?:{})(?:{})?s?-?(?:{})?".format(*(
        "|".join(map(re.escape, sorted(hol.get(k, []), key=len, reverse=True))) for k in ("stems", "inflections", "time_words")
    ))
    return NoiseWords(
        agencies=keys([*AGENCIES, *AGENCIES.values(), *data.get("agency_names", [])]),
        units=keys([*data.get("currencies", []), *data.get("units", [])]),
        amount_words=keys(data.get("amount_words", [])),
        party_family=keys(data.get("party_family_words", [])),
        media_nouns=tuple(w.lower() for w in data.get("media_nouns", [])),
        source_cue=re.compile(r"\b(?:%s)" % "|".join(map(re.escape, data.get("source_cues", []))), re.IGNORECASE),  # noqa: UP031
        time_zones=frozenset(data.get("time_zones", [])),
        holiday=re.compile(holiday, re.IGNORECASE),
        # ``zwischen Weihnachten und Silvester``: the second holiday after the first and ``und``
        time_preposition=re.compile(
            r"(?<![\w-])(?i:{})\s+(?:(?:der|die|dem|den)\s+)?(?:(?:{})\s+(?:des|der|(?:vor|nach)\s+(?:dem|der))\s+)?"
            r"(?:[a-zäöüß0-9.]+\s+){{0,2}}(?:(?i:{})\s+(?:und|oder|bis)\s+(?:[a-zäöüß0-9.]+\s+){{0,2}})?$".format(
                "|".join(map(re.escape, hol.get("prepositions", []))),
                "|".join(map(re.escape, hol.get("time_nouns", []))) or "(?!)",
                holiday)),
    )


def credit_spans(article: Article) -> list[tuple[int, int]]:
    """Where the credit material stands: credit and byline blocks, their parts, the dateline,
    and the staff credited inside the body (:func:`tagwerk.credit.staff_spans`: a contact line,
    ``… berichtet aus London.``)."""
    spans = [(b.start, b.end) for b in article.blocks if b.kind == "credit"]
    spans += [(p.start, p.end) for p in article.credit.parts]
    if article.dateline is not None:
        spans.append((article.dateline.start, article.dateline.end))
    spans += staff_spans(article.text)
    return sorted(spans)


def in_spans(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """``[start, end)`` overlaps one of ``spans``."""
    return any(s < end and start < e for s, e in spans)


def hits_outside_spans(hits: dict[int, list[TopicHit]], spans: Sequence[tuple[int, int]]) -> dict[int, list[TopicHit]]:
    """The topic hits outside ``spans`` (the credit material)."""
    if not spans:
        return hits
    out: dict[int, list[TopicHit]] = {}
    for ti, hs in hits.items():
        kept = [h for h in hs if not in_spans(h.start, h.end, spans)]
        if kept:
            out[ti] = kept
    return out


def is_agency(name: str, kind: str | None = None) -> bool:
    """A news agency: KB kind ``agency``, or a name of ``AGENCIES`` or ``tags.yaml: agency_names``."""
    return kind == "agency" or tag_key(name) in noise_words().agencies


_ZONE_SHAPE = re.compile(r"\w+(?:er|ische) Zeit|.+ (?:Standard|Daylight) Time")


def is_time_zone(name: str) -> bool:
    """A time zone (``MEZ``, ``PST``, ``Moskauer Zeit``, ``Pacific Standard Time``): named after a
    time it is background, and it is never a tag (``tags.yaml: time_zones``)."""
    return name in noise_words().time_zones or (name.endswith(("Zeit", "Time")) and _ZONE_SHAPE.fullmatch(name) is not None)


def in_amount(start: int, end: int, text: str) -> bool:
    """The word at ``[start, end)`` is a currency or unit right after an amount: a number
    (``96 Euro``, ``2,8 Milliarden Euro``, ``38 Mrd. Euro``) or a number word (``acht Prozent``)."""
    words = noise_words()
    if tag_key(text[start:end]) not in words.units:
        return False
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if m is None:
        return False
    before = m.group(1).strip(".,")
    if any(c.isdigit() for c in before):
        return True
    low = before.lower()
    return low in _NUMBER_WORDS or tag_key(low) in words.amount_words


def only_party_family(texts: Iterable[str]) -> bool:
    """Every piece of evidence is a word for a family of parties (``Liberalen``, ``Sozialdemokraten``)."""
    family = noise_words().party_family
    keys = [tag_key(t) for t in texts]
    return bool(keys) and all(k in family for k in keys)


def named_only_as_source(starts: Sequence[int], analysis: Analysis, *, media: bool) -> bool:
    """An organisation that the text names only as the source of its news: a news outlet
    (``media``: the KB says so; else a media noun right before each name, ``das Nachrichtenportal
    «Table Media»``) whose every mention stands in a sentence with a source cue (``berichtete``,
    ``schreibt``, ``laut``, ``zufolge``, ``sagte``). An outlet the story is about is named
    outside such sentences too and stays (``Der «Spiegel» trennt sich von seinem Chefredakteur``)."""
    text, nouns = analysis.text, noise_words().media_nouns
    return bool(starts) and all(
        (media or text[max(0, start - 40) : start].rstrip(_QUOTES).lower().endswith(nouns))
        and _in_source_sentence(start, analysis) for start in starts
    )


def kind_of_outlet_as_source(name: str, starts: Sequence[int], analysis: Analysis) -> bool:
    """A term that is a kind of news outlet (``Nachrichtenportal``, ``Boulevardzeitung``: a media
    noun or a compound with one as its head) named only in sentences that name their source:
    the source's description, no tag (:func:`named_only_as_source`)."""
    if not name.strip().lower().endswith(noise_words().media_nouns) or not starts:
        return False
    return all(_in_source_sentence(start, analysis) for start in starts)


_QUOTES = " \t«»„“”\"'‚‘’"


def _in_source_sentence(offset: int, analysis: Analysis) -> bool:
    """Whether the sentence at ``offset`` has a source cue (``berichtete``, ``laut``)."""
    i = analysis.sentence_at(offset)
    if i is None:
        return False
    s = analysis.sentences[i]
    return noise_words().source_cue.search(analysis.text, s.start, s.end) is not None


def name_spans(entities: Sequence[Entity]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the names of persons and organisations in the text: not credit
    lines, not adjectives (``deutsche``) nor compounds that contain a name (``UN-Sanktionen``)."""
    out: list[tuple[int, int, str]] = []
    for e in entities:
        if e.type not in NAME_LABELS:
            continue
        for m in e.mentions:
            if m.source != "credit" and not m.derived and not m.part:
                out.append((m.start, m.end, e.type))
    out.sort()
    return out


def is_personal_name(word: str) -> bool:
    """A first name or surname in the shipped model's lexicon (``Müller``, ``Fischer``)."""
    from tagwerk.ner.nlp import has_lexicon_flag

    w = word.strip("'’-")
    return has_lexicon_flag(w, "surname") or has_lexicon_flag(w, "first_name")


class NameIndex:
    """The names of :func:`name_spans`, for finding those over a span by bisection (a scan of
    every name for every topic hit grew with the square of an article's length)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.spans = name_spans(entities)
        self._starts = [s for s, _, _ in self.spans]
        self._longest = max((e - s for s, e, _ in self.spans), default=0)
        self._entities = entities
        self._orgs: dict[tuple[int, int], Entity] | None = None

    def organisation(self, start: int, end: int) -> Entity | None:
        """The organisation a name span of :attr:`spans` names (None for a person's)."""
        if self._orgs is None:  # built when first asked: most articles never ask
            self._orgs = {(m.start, m.end): e for e in self._entities if e.type == "ORG" for m in e.mentions}
        return self._orgs.get((start, end))

    def over(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, label) of the names that overlap ``[start, end)``."""
        out = []
        spans = self.spans
        at = bisect_left(self._starts, start - self._longest)
        while at < len(spans) and spans[at][0] < end:
            if start < spans[at][1]:
                out.append(spans[at])
            at += 1
        return out


def hits_outside_names(
    hits: dict[int, list[TopicHit]],
    vocab: TopicVocabulary,
    entities: Sequence[Entity],
    tokens: Sequence[Token],
    names: NameIndex | None = None,
    kb: Any = None,
) -> dict[int, list[TopicHit]]:
    """The topic hits that are evidence: none inside a person's name (``Eva Richter`` is no
    evidence for ``Justiz``, ``Gerd Müller`` none for ``Plastikmüll``) unless the topic is that
    person; none on a personal name inside an organisation's name (the drugstore chain
    ``Müller``); none where an organisation's own name names another organisation
    (:func:`names_another_organisation`: ``Union`` in ``Afrikanische Union``); and, given the
    ``kb``, none on a company's name inside another organisation's longer name (``Continental``,
    the tyre maker, in ``Continental Airlines``). The descriptive words of an organisation's name
    stay evidence (``Fußball-Bundesliga`` for Fußball, ``Verbraucherzentrale`` for
    Verbraucherschutz). ``names``: the entities' :class:`NameIndex`, where the caller has it."""
    if names is None:
        names = NameIndex(entities)
    if not names.spans:
        return hits
    out: dict[int, list[TopicHit]] = {}
    for ti, hs in hits.items():
        topic = vocab.topics[ti]
        kept = []
        for h in hs:
            over = names.over(h.start, h.end)
            inside = [label for _, _, label in over]
            if not inside:
                kept.append(h)
            elif "PER" in inside:
                if topic.type == "person":
                    kept.append(h)
            elif topic.type == "organisation":
                if not names_another_organisation(h, topic, over, names):
                    kept.append(h)
            elif not any(is_personal_name(t.text) for t in tokens[h.first : h.last]) and not (
                kb is not None and _organisation_inside(h, over, tokens, kb)
            ):
                kept.append(h)
        if kept:
            out[ti] = kept
    return out


def names_another_organisation(hit: TopicHit, topic: Any, over: Sequence[tuple[int, int, str]], names: NameIndex) -> bool:
    """Whether an organisation topic's hit on its own name or alias (``Union``) lies on the name
    of another organisation: ``Europäische Union``, ``1. FC Union Berlin`` or the short form
    ``Union`` the entities stage linked to that club. A name of the topic's own organisation
    (the entity ``CDU/CSU`` named ``Union``) counts, and so does a name the KB does not know
    that starts with it: the Land branch ``CDU Sachsen`` names the CDU. Hits of the topic's
    other triggers (``eu-kommission`` for the EU) are evidence as before."""
    own = {tag_key(topic.name), *map(tag_key, topic.aliases)}
    if tag_key(hit.trigger) not in own:
        return False
    for start, end, label in over:
        e = names.organisation(start, end)
        if label != "ORG" or e is None:
            continue
        if tag_key(e.name) in own:
            return False  # the organisation itself
        if is_local_id(e.id) and start == hit.start:
            return False  # an unknown name that starts with it: a branch of it
        return True
    return False


def _organisation_inside(hit: TopicHit, over: Sequence[tuple[int, int, str]], tokens: Sequence[Token], kb: Any) -> bool:
    """Whether the hit's words name an organisation of the KB (``Continental``) and stand inside
    a longer organisation's name (``Continental Airlines``): a name of another organisation."""
    if not any(label == "ORG" and (s, e) != (hit.start, hit.end) for s, e, label in over):
        return False
    return _names_an_organisation(kb, " ".join(t.text for t in tokens[hit.first : hit.last]))


@lru_cache(maxsize=20_000)
def _names_an_organisation(kb: Any, words: str) -> bool:
    """Whether the KB knows ``words`` as an organisation's name or alias (memoised: the same
    trigger words come back article after article)."""
    return any(m.entry.type == "ORG" for m in kb.lookup(words, weak=False))


TOWN_KINDS = frozenset({"city"})
"""The KB's kinds of place whose names are proper names, not descriptions: a town's name is no
compound of the words it ends in (``Iserlohn``), while a region's may be one (``Schwarzwald`` is a
forest)."""
INFLECTIONS = frozenset({"", "e", "en", "er", "es", "n", "s", "ern"})
"""What may follow a trigger's word in a name it names whole (``römische`` for ``römisch*``)."""


def _entry(e: Entity, kb: Any) -> Any:  # noqa: ANN401 - KBEntry | None
    """The KB's entry of an entity: by its id (``tw:city:…``), else by its QID."""
    return kb.get(e.id) or (kb.get(e.kb_id) if e.kb_id else None)


def town_spans(entities: Sequence[Entity], kb: Any) -> list[tuple[int, int]]:
    """Where the text names a town the KB knows (:data:`TOWN_KINDS`), sorted."""
    out: list[tuple[int, int]] = []
    for e in entities:
        if e.type != "LOC":
            continue
        entry = _entry(e, kb)
        if entry is not None and entry.kind in TOWN_KINDS:
            out.extend((m.start, m.end) for m in e.mentions)
    out.sort()
    return out


def hits_outside_town_names(hits: dict[int, list[TopicHit]], vocab: TopicVocabulary, entities: Sequence[Entity], kb: Any,
                            text: str, memo: dict[str, bool]) -> dict[int, list[TopicHit]]:
    """The topic hits less those where a compound trigger (``*lohn``, ``tempel*``, ``*eu-*``) matched
    only a part of a town's name: ``Iserlohn`` is no wage, ``Garmisch-Partenkirchen`` no church,
    ``Neu-Delhi`` not the EU. A trigger that is the whole name stays (``hollywood*`` for Kino,
    ``römisch*`` on ``römische``), as does every trigger outside the towns' names. Only the towns
    whose names a trigger of ``vocab`` matches at all are looked at (``memo``: name -> whether one
    does, kept across articles): most towns' names match none, and the hits are then left alone."""
    if kb is None or not hits:
        return hits
    if len(memo) > 100_000:
        memo.clear()
    towns = []
    for start, end in town_spans(entities, kb):
        name = text[start:end]
        found = memo.get(name)
        if found is None:
            found = memo[name] = bool(vocab.match(text_words(name)))
        if found:
            towns.append((start, end))
    if not towns:
        return hits
    out: dict[int, list[TopicHit]] | None = None
    for ti, hs in hits.items():
        kept = [h for h in hs if "*" not in h.trigger or not _part_of_town(h, towns, text)]
        if len(kept) != len(hs):
            if out is None:
                out = dict(hits)
            if kept:
                out[ti] = kept
            else:
                del out[ti]
    return hits if out is None else out


def _part_of_town(h: TopicHit, towns: Sequence[tuple[int, int]], text: str) -> bool:
    at = bisect_right(towns, (h.start, len(text) + 1)) - 1  # the last town named at or before the hit
    if at < 0 or towns[at][1] < h.end:
        return False
    word, core = tag_key(text[h.start : h.end]), tag_key(h.trigger.replace("*", ""))
    return not (word.startswith(core) and word[len(core) :] in INFLECTIONS)


def hits_beyond_amounts(hits: dict[int, list[TopicHit]], text: str) -> dict[int, list[TopicHit]]:
    """The topic hits that are not a currency or unit after an amount (``Euro`` in ``96 Euro``
    triggers no topic Euro; ``der Euro fiel`` does)."""
    out: dict[int, list[TopicHit]] = {}
    for ti, hs in hits.items():
        kept = [h for h in hs if not in_amount(h.start, h.end, text)]
        if kept:
            out[ti] = kept
    return out


def holiday_topics(vocab: TopicVocabulary) -> frozenset[int]:
    """The topics of ``vocab`` with a trigger that names a holiday (``weihnacht*``, ``ostern``):
    those :func:`hits_beyond_dates` looks at (once per stage)."""
    holiday = noise_words().holiday
    return frozenset(i for i, t in enumerate(vocab.topics) if any(holiday.match(trig.strip("*")) for trig in t.triggers))


def names_a_date(start: int, end: int, text: str, layout: Layout | None = None) -> bool:
    """Whether ``text[start:end]`` is a holiday named as the time of the news: a holiday word after
    a preposition of time (``an Weihnachten``, ``über die Osterfeiertage``, ``am zweiten
    Weihnachtstag``), not in the headline, where it frames the story (``Randale an Silvester``;
    given the article's ``layout``)."""
    words = noise_words()
    return (
        words.holiday.fullmatch(text, start, end) is not None
        and words.time_preposition.search(text, max(0, start - 40), start) is not None
        and (layout is None or layout.zone(start) != HEAD)
    )


def hits_beyond_dates(hits: dict[int, list[TopicHit]], topics: frozenset[int], text: str, layout: Layout) -> dict[int, list[TopicHit]]:
    """The topic hits that do not name the time of the news by a holiday (:func:`names_a_date`):
    in the body, ``an Weihnachten`` or ``in der Silvesternacht`` is a date, as ``96 Euro`` is an
    amount. ``topics``: the vocabulary's :func:`holiday_topics`, the only ones looked at."""
    found = topics & hits.keys()
    if not found:
        return hits
    out = dict(hits)  # the topic hits are shared with the section stage: not changed here
    for ti in found:
        kept = [h for h in hits[ti] if not names_a_date(h.start, h.end, text, layout)]
        if kept:
            out[ti] = kept
        else:
            del out[ti]
    return out


@dataclass(frozen=True)
class Institution:
    """A topic that is one country's institution (``country`` in the vocabulary)."""

    country: str
    also_in: frozenset[str]
    """Countries whose institution of that kind has the same name (``Bundesrat``: AT, CH)."""
    names: frozenset[str]
    """The tag keys of the topic's name and aliases: a trigger that is one of them (or starts
    or ends with one: ``bundeswehr*``) names the institution itself."""

    def foreign_to(self, setting: set[str]) -> bool:
        """Whether a story set in ``setting`` (country codes; empty: unknown) is set only in
        other countries."""
        return bool(setting) and self.country not in setting

    def named_there(self, setting: set[str]) -> bool:
        """Whether the institution's own name, in a story set in ``setting``, may be another
        country's (the Swiss ``Bundesrat``)."""
        return not self.also_in.isdisjoint(setting)


@dataclass
class Institutions:
    """The topics of a vocabulary that are a country's institution, for :func:`hits_at_home`
    and :func:`named_abroad` (built once per stage)."""

    by_topic: dict[int, Institution] = field(default_factory=dict)
    """Topic index -> its institution: every entry of a name one of whose entries gives
    ``country`` (``Deutsche Bahn`` is listed twice, the second time with a context)."""
    by_entity: dict[str, Institution] = field(default_factory=dict)
    """KB id -> institution, for the institutions whose name another country's shares
    (``tw:org:bundesrat``): a mention linked to the German one in a Swiss story is wrongly linked."""

    @classmethod
    def of(cls, vocab: TopicVocabulary, kb: Any) -> Institutions:  # noqa: ANN401 - KnowledgeBase | None
        given: dict[str, tuple[str, tuple[str, ...]]] = {}
        for t in vocab.topics:
            if t.country and t.taggable:
                given.setdefault(tag_key(t.name), (t.country, t.also_in))
        if not given:
            return cls()
        names: dict[str, set[str]] = {}
        for t in vocab.topics:
            key = tag_key(t.name)
            if key in given:
                names.setdefault(key, {key}).update(tag_key(a) for a in t.aliases)
        made = {key: Institution(c, frozenset(also), frozenset(names[key])) for key, (c, also) in given.items()}
        out = cls({i: made[key] for i, t in enumerate(vocab.topics) if t.taggable and (key := tag_key(t.name)) in made})
        for t in vocab.topics:
            inst = made.get(tag_key(t.name))
            if inst is not None and inst.also_in and kb is not None:
                for m in kb.lookup(t.name, weak=False):
                    if m.entry.type == "ORG" and m.entry.country == inst.country:
                        out.by_entity.setdefault(m.entry.id, inst)
        return out


def story_countries(entities: Sequence[Entity], kb: Any, institutions: Institutions | None = None) -> set[str]:
    """The countries (ISO codes) where the story is set: those of the places the text names and the
    KB knows (the dateline's place included), and of the parties it names (the CDU sets a poll in
    Germany; ``die Liberalen`` alone, :func:`only_party_family`, set nothing). An institution of
    ``institutions`` (``by_entity``) sets nothing: the entities stage may have linked another
    country's of the same name (the Swiss ``Bundesrat``)."""
    out: set[str] = set()
    skip = institutions.by_entity if institutions is not None else {}
    for e in entities:
        if e.type != "LOC" and (e.type != "ORG" or e.id in skip):
            continue
        entry = _entry(e, kb)
        if entry is None or not entry.country:
            continue
        if e.type == "ORG" and (entry.kind != "party" or only_party_family(m.text for m in e.mentions)):
            continue
        out.add(entry.country)
    return out


def hits_at_home(hits: dict[int, list[TopicHit]], found: Institutions, setting: set[str]) -> dict[int, list[TopicHit]]:
    """The topic hits less those of a country's institution in a story set only in other
    countries (``setting``: :func:`story_countries`). Such a story speaks of their institutions
    (``Bahn`` in France is the SNCF, ``Verfassungsgericht`` in Thailand is Thailand's), unless a
    hit names the institution itself (``Bundeswehr`` in Mali) and that name is not also the
    institution's of a country where the story is set (the Swiss ``Bundesrat``). A story that
    names no place the KB knows keeps them."""
    out: dict[int, list[TopicHit]] | None = None
    for ti in sorted(found.by_topic.keys() & hits.keys()):
        inst = found.by_topic[ti]
        if not inst.foreign_to(setting):
            continue
        if not inst.named_there(setting) and any(_names_itself(h.trigger, inst.names) for h in hits[ti]):
            continue
        if out is None:
            out = dict(hits)
        del out[ti]
    return hits if out is None else out


def _names_itself(trigger: str, names: frozenset[str]) -> bool:
    """Whether a topic's trigger (``bundeswehr*``, ``deutsche bahn``) is one of its ``names``."""
    return tag_key(trigger.replace("*", "")) in names


def named_abroad(entities: Sequence[Entity], found: Institutions, setting: set[str]) -> set[str]:
    """The ids of the entities linked to a country's institution whose name another country's
    shares, in a story set in that other country and not in the institution's (the ``Bundesrat``
    of a Swiss story is not the German one the KB knows): no tag."""
    return {e.id for e in entities if (inst := found.by_entity.get(e.id)) is not None
            and inst.foreign_to(setting) and inst.named_there(setting)}
