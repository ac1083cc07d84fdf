"""Events: who did what, where and when.

Eight types of event that an archive follows: visits, meetings, talks, elections, resignations,
court rulings, attacks and agreements. Computed in three pure steps, then annotated:

* :func:`find_triggers` finds the words that name an event: noun heads (``Staatsbesuch``,
  ``Präsidentschaftswahl``), verb lemmas (``besuchte``, ``gewählt``) and separable verbs
  (``trat ... zurück``), each with the condition its sentence must meet (``verurteilen`` only
  with a court word, ``treffen`` only with ``sich`` or ``mit``); the words are language data
  (:mod:`tagwerk.lang.de.events`);
* :func:`build_event` gives a trigger its participants (the linked persons, organisations and
  places its sentence names, less the source of an attribution such as ``berichtete KCNA``), its
  place (a place after ``in``/``nach``, a genitive after the noun, or for a visit the place it
  names) and its date (the nearest date words of the sentence, resolved against the article's
  date by :func:`tagwerk.dates.find_dates`; open when the sentence gives none);
* :func:`merge_events` folds events of one type and date whose actors agree (the article that
  names one visit three times gives one event with three triggers as evidence).

Limits: one sentence at a time (no coreference: ``das isolierte Land`` is no place), no roles
beyond participant and place, no negation (``wird nicht zurücktreten`` is a resignation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tagwerk.analysis import Analysis, Entity, Event, EventArgument, Mention, Span, Token
from tagwerk.dates import DateMention, find_dates, parse_date
from tagwerk.lang.de import events as words
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage

VERSION = "1.0.0"

PARTICIPANT_LABELS = frozenset({"PER", "ORG", "LOC"})
PARTICLE_WINDOW = 20
"""Tokens after a separable verb within which its particle must stand."""


@dataclass(slots=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str
    sentence: int
    condition: str | None = None


def _noun_type(low: str) -> tuple[str, str | None] | None:
    if any(low.endswith(x) for x in words.NOUN_EXCLUDE):
        return None
    for etype, heads in words.NOUN_HEADS.items():
        for head in heads:
            for ending in words.NOUN_ENDINGS:
                if low.endswith(head + ending):
                    return etype, words.NOUN_CONDITIONS.get(head)
    return None


def has_cue(words_: Sequence[str], cues: Sequence[str]) -> bool:
    """Whether one of the (lowercase) words starts with a cue, or ends with one of six letters or
    more (``Landgericht``; ``haft`` must start a word, or ``Bereitschaft`` would count)."""
    return any(w.startswith(c) or (len(c) >= 6 and w.endswith(c)) for w in words_ for c in cues)


def _clause_end(tokens: Sequence[Token], i: int) -> bool:
    """The token ``i`` ends a clause: the sentence ends, or punctuation or a conjunction follows."""
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1].text
    return not nxt[:1].isalnum() or nxt in ("und", "oder", "aber", "sondern")


def _condition_met(condition: str | None, toks: Sequence[Token], i: int) -> bool:
    if condition is None or condition in ("destination", "violent"):  # checked with the names (build_event)
        return True
    lows = [t.text.lower() for t in toks]
    others = lows[:i] + lows[i + 1 :]  # the cue words of the sentence, the trigger left out (``verurteilte`` holds ``urteil``)
    if condition == "company":
        near = lows[max(0, i - words.COMPANY_WINDOW) : i + words.COMPANY_WINDOW + 1]
        return "sich" in near or "mit" in near
    if condition == "reflexive":
        return "sich" in lows
    if condition == "court":
        return has_cue(others, words.COURT_CUES)
    if condition == "pact":
        return has_cue(others, words.PACT_CUES)
    if condition == "pact_noun":
        return any(_noun_type(w) is not None and _noun_type(w)[0] == "agreement" for w in others)  # type: ignore[index]
    if condition == "military":
        return has_cue(others, words.MILITARY_CUES)
    if condition == "no_court":
        return not has_cue(others, words.COURT_CUES)
    if condition == "no_sport":
        return not has_cue(others, words.SPORT_CUES)
    if condition == "office":
        return any(w in words.OFFICE_WORDS for w in lows)
    if condition == "elected":
        return lows[i] in words.ELECTED_FORMS or any(w in words.ELECTED_NEXT for w in lows[i + 1 : i + 7])
    return False


def find_triggers(tokens: Sequence[Token], sentence: int) -> list[Trigger]:
    """The event triggers among one sentence's ``tokens``."""
    found: list[Trigger] = []
    for i, tok in enumerate(tokens):
        word = tok.text
        if len(word) < 4 or not word[:1].isalpha():
            continue
        low = word.lower()
        lemma = (tok.lemma or word).lower()
        hit: tuple[str, str | None] | None = None
        if word[:1].isupper():
            hit = _noun_type(low)
            before = [t.text.lower() for t in tokens[max(0, i - 2) : i]]
            if hit is not None and any(b in words.NOUN_NEGATIONS for b in before):
                continue  # ``kein Abkommen``
            if hit is not None and before and any(
                low.endswith(head) and before[-1] in idiom for head, idiom in words.IDIOMS_BEFORE.items()
            ):
                continue  # ``im Gespräch``
        if low in words.CLAUSE_END_FORMS and not (_clause_end(tokens, i) or (i and tokens[i - 1].text.lower() in ("zu", "sich"))):
            continue  # ``einigen SPD-Mitgliedern``: a determiner
        if hit is None and (word[:1].islower() or i == 0):
            hit = words.VERB_TRIGGERS.get(lemma) or words.VERB_TRIGGERS.get(low)
            if hit is None:
                for j in range(i + 1, min(len(tokens), i + PARTICLE_WINDOW)):
                    sep = words.SEPARABLE_TRIGGERS.get((lemma, tokens[j].text.lower()))
                    if sep is not None and _clause_end(tokens, j):
                        hit = sep
                        break
        if hit is None or not _condition_met(hit[1], tokens, i):
            continue
        found.append(Trigger(hit[0], tok.start, tok.end, word, sentence, hit[1]))
    return found


def _after_preposition(tokens: Sequence[Token]) -> set[int]:
    """Start offsets of the words that follow a place preposition within PLACE_GAP words, with no
    punctuation between (``nach Nordkorea``, ``in der Provinz Helmand``)."""
    starts: set[int] = set()
    for k, tok in enumerate(tokens):
        if tok.text.lower() not in words.PLACE_PREPOSITIONS:
            continue
        for nxt in tokens[k + 1 : k + 2 + words.PLACE_GAP]:
            if not nxt.text[:1].isalnum():
                break
            starts.add(nxt.start)
    return starts


def _argument(entity: Entity) -> EventArgument:
    return EventArgument(entity.id, entity.name, entity.type)


def build_event(
    trigger: Trigger,
    mentions: Sequence[Mention],
    entities: dict[str, Entity],
    tokens: Sequence[Token],
    dates: Sequence[DateMention],
    *,
    anchor: dt.date | None,
    planned: bool,
    excluded: Sequence[Span] = (),
) -> Event | None:
    """One event from a trigger and what its sentence holds: ``mentions`` and ``tokens`` of the
    sentence, its ``dates``; ``excluded`` are the spans of attributions (``berichtete KCNA``)
    whose names take no part. None when the event has neither participant nor place, or when a
    journey (``Reise``) has no destination."""
    after_prep = _after_preposition(tokens)
    in_brackets = {tokens[k + 1].start for k, t in enumerate(tokens[:-1]) if t.text == "("}
    usable: list[tuple[Mention, Entity]] = []
    for m in mentions:
        if m.entity is None or m.derived or m.part or m.source == "credit" or m.label not in PARTICIPANT_LABELS:
            continue
        if m.start in in_brackets:
            continue  # ``Wulff (CDU)``: an affiliation, not an actor
        if any(s.start <= m.start and m.end <= s.end for s in excluded):
            continue
        ent = entities.get(m.entity)
        if ent is not None:
            usable.append((m, ent))
    locs = [(m, e) for m, e in usable if e.type == "LOC"]
    if trigger.condition == "violent" and not locs:
        if not has_cue([t.text.lower() for t in tokens if t.start != trigger.start], words.VIOLENCE_CUES):
            return None  # ``wurde heftig angegriffen``: words, not weapons
    place: tuple[Mention, Entity] | None = None
    if trigger.type not in words.NO_PLACE_TYPES:
        prepped = [(m, e) for m, e in locs if m.start in after_prep]
        if prepped:
            place = min(prepped, key=lambda me: (me[0].start < trigger.start, abs(me[0].start - trigger.end)))
        else:
            right_after = [(m, e) for m, e in locs if 0 <= m.start - trigger.end <= 1]
            if right_after:
                place = right_after[0]
            elif trigger.type == "visit" and locs:
                place = min(locs, key=lambda me: abs(me[0].start - trigger.start))
    if trigger.condition == "destination" and place is None:
        return None
    participants: list[EventArgument] = []
    seen = {place[1].id} if place else set()
    for _m, ent in usable:
        if ent.type == "LOC" and trigger.type not in words.LOC_ACTOR_TYPES:
            continue  # a place where it happens, not an actor
        if ent.id not in seen:
            seen.add(ent.id)
            participants.append(_argument(ent))
    if trigger.type in words.ACTOR_REQUIRED and not any(p.type != "LOC" for p in participants):
        return None
    if not participants and place is None:
        return None
    date = min(dates, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end))) if dates else None
    if date is not None and date.value is not None and anchor is not None and date.precision == "day":
        planned = planned or date.value > anchor.isoformat()
    span = Span(trigger.start, trigger.end, trigger.text)
    return Event(
        type=trigger.type,  # type: ignore[arg-type]
        trigger=span,
        sentence=trigger.sentence,
        participants=participants,
        place=_argument(place[1]) if place else None,
        date=date.value if date else None,
        date_precision=date.precision if date else None,  # type: ignore[arg-type]
        date_span=Span(date.start, date.end, date.text) if date else None,
        planned=planned,
        evidence=[span],
    )


def _same_place(a: EventArgument | None, b: EventArgument | None, entities: dict[str, Entity]) -> bool:
    if a is None or b is None or a.entity == b.entity:
        return True
    ea, eb = entities.get(a.entity), entities.get(b.entity)
    return bool((ea and ea.stands_for == b.entity) or (eb and eb.stands_for == a.entity))


def _wider_place(a: EventArgument | None, b: EventArgument | None, entities: dict[str, Entity]) -> EventArgument | None:
    """Of two agreeing places, the one the other stands for (``Pjöngjang`` -> ``Nordkorea``)."""
    if a is None or b is None:
        return a or b
    ea = entities.get(a.entity)
    return b if ea is not None and ea.stands_for == b.entity else a


def merge_events(events: Sequence[Event], entities: dict[str, Entity]) -> list[Event]:
    """Fold each event into an earlier one of the same type and date when they share a person or
    organisation (or stand in one sentence) and their places agree."""
    merged: list[Event] = []
    for ev in events:
        actors = {p.entity for p in ev.participants if p.type != "LOC"}
        target = None
        for old in merged:
            if old.type != ev.type or old.date != ev.date or not _same_place(old.place, ev.place, entities):
                continue
            shared = actors & {p.entity for p in old.participants if p.type != "LOC"}
            if shared or old.sentence == ev.sentence:
                target = old
                break
        if target is None:
            merged.append(ev)
            continue
        known = {p.entity for p in target.participants}
        for p in ev.participants:
            if p.entity not in known and (target.place is None or p.entity != target.place.entity):
                target.participants.append(p)
                known.add(p.entity)
        place = _wider_place(target.place, ev.place, entities)
        if place is not target.place and place is not None:
            target.place = place
            target.participants = [p for p in target.participants if p.entity != place.entity]
        if target.date_span is None and ev.date_span is not None:
            target.date_span, target.date_precision = ev.date_span, ev.date_precision
        target.planned = target.planned and ev.planned
        target.evidence.append(ev.trigger)
    return merged


def _is_planned(toks: Sequence[Token], low_text: str) -> bool:
    lows = {t.text.lower() for t in toks}
    cues = lows & words.FUTURE_CUES
    if cues and cues <= words.MODALS_OF_HEARSAY and lows & words.HEARSAY:
        cues = set()  # ``soll ... getötet haben``: reported, not planned
    return bool(cues) or any(p in low_text for p in words.PLAN_PHRASES)


def extract_events(analysis: Analysis) -> list[Event]:
    """The events of an analysed article (tokens, sentences, mentions and entities filled)."""
    anchor = parse_date(analysis.article.date)
    by_sentence: dict[int, list[Token]] = {}
    for tok in analysis.tokens:
        by_sentence.setdefault(tok.sentence, []).append(tok)
    mentions = sorted((m for m in analysis.mentions if m.entity), key=lambda m: m.start)
    entities = {e.id: e for e in analysis.entities}
    excluded: dict[int, list[Span]] = {}
    for claim in analysis.claims:
        if claim.attribution is not None:
            excluded.setdefault(claim.sentence, []).append(claim.attribution)
    events: list[Event] = []
    cursor = 0
    for si, sent in enumerate(analysis.sentences):
        toks = by_sentence.get(si, [])
        triggers = find_triggers(toks, si) if toks else []
        if not triggers:
            continue
        while cursor < len(mentions) and mentions[cursor].start < sent.start:
            cursor += 1
        in_sentence = []
        k = cursor
        while k < len(mentions) and mentions[k].start < sent.end:
            in_sentence.append(mentions[k])
            k += 1
        low_text = sent.text.lower()
        planned = _is_planned(toks, low_text)
        dates = find_dates(sent.text, anchor, future=planned, offset=sent.start)
        for trig in triggers:
            ev = build_event(
                trig, in_sentence, entities, toks, dates, anchor=anchor, planned=planned, excluded=excluded.get(si, ())
            )
            if ev is not None:
                events.append(ev)
    return merge_events(events, entities)


@register_stage(
    "events",
    version=VERSION,
    requires=("tokens", "mentions", "entities"),
    assigns=("events",),
    description="events (visits, meetings, talks, elections, resignations, rulings, attacks, agreements) with participants, place and date",
)
class EventsStage(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        del config  # no options yet

    def __call__(self, work: Work) -> None:
        work.analysis.events = extract_events(work.analysis)
