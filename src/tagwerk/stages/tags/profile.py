"""Candidates a newsroom profile adds (:mod:`tagwerk.profiles`): house tags its associations
speak for, and the country of every place for a house that always names it (agency style)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from typing import Any

from tagwerk.analysis import Analysis, Evidence, Token
from tagwerk.profiles import ASSOCIATION_PREFIX, Associations, Subjects
from tagwerk.stages.tags.candidates import Candidate
from tagwerk.stages.tags.rules import NameIndex, credit_spans, in_spans, is_personal_name
from tagwerk.topics import TopicHit, tag_key

ASSOCIATION_PRIOR = 0.3
"""Hand-weighted score of an associated tag per log1p of its summed weight: below most named
candidates, so a profile without a ranker (``prior``) lets it rise only where the newsroom
keeps it. Set by hand; the trained rankers read the summed weight itself (feature ``assoc``)."""
PLACE_COUNTRY_SHARE = 0.5
"""A place's country enters with this share of the place's hand-weighted score (set by hand)."""


RARE_WORD_ZIPF = 3.3
"""A lower-case word (an adjective, a verb) counts as association evidence only when rarer than
this in German at large (``islamistisch``, ``erstochen``; not ``finden``, ``viel``). Set by hand."""


def lemma_spans(tokens: Sequence[Token], credit: Sequence[tuple[int, int]] = ()) -> dict[str, list[tuple[int, int]]]:
    """Lower-case lemma -> where it stands, for the words that may speak for a tag: nouns and
    names (capitalised inside a sentence) and rare lower-case words; not function words,
    generic nouns (``Angaben``, ``Land``), numbers or the credit. What a profile learns its
    associations from (:mod:`tagwerk.training.profile`)."""
    from tagwerk.lang.de.morphology import background_zipf
    from tagwerk.lang.de.stopwords import FUNCTION_WORDS, GENERIC_NOUNS

    out: dict[str, list[tuple[int, int]]] = {}
    prev_sentence = -1
    for t in tokens:
        initial = t.sentence != prev_sentence
        prev_sentence = t.sentence
        lem = (t.lemma or t.text).lower()
        if len(lem) < 3 or not lem[:1].isalpha() or lem in FUNCTION_WORDS or lem in GENERIC_NOUNS:
            continue
        if t.text[:1].isupper():
            if initial:
                continue  # a sentence's first word: a noun or not, unknown
        elif background_zipf(lem) >= RARE_WORD_ZIPF:
            continue
        if in_spans(t.start, t.end, credit):
            continue
        out.setdefault(lem, []).append((t.start, t.end))
    return out


def lead_lemmas(analysis: Analysis) -> set[str]:
    """The distinct words of :func:`lemma_spans` in the article's head and lead (:func:`lead_end`):
    what a profile learns its associated words from and counts them in. A teaser is all head and
    lead; a long article holds more of any tag's associated words than a teaser, but its lead no
    more than one."""
    end = lead_end(analysis.article)
    return set(lemma_spans([t for t in analysis.tokens if t.end <= end], credit_spans(analysis.article)))


_TRIGGER = attrgetter("trigger")
AssociationTopics = dict[int, tuple[str, str, dict[str, float]]]
"""Vocabulary topic index of an ``assoc:`` topic -> (house tag, its key, lemma -> weight)."""


def association_topics(topics: Sequence[Any], assoc: Associations | None) -> AssociationTopics:
    """The ``assoc:`` topics of a vocabulary (:meth:`tagwerk.profiles.Profile.topics`), once per
    stage: :func:`associated_candidates` runs for every article and may cost it little."""
    if assoc is None:
        return {}
    out: AssociationTopics = {}
    for i, t in enumerate(topics):
        if t.name.startswith(ASSOCIATION_PREFIX):
            tag = t.name[len(ASSOCIATION_PREFIX) :]
            out[i] = (tag, tag_key(tag), assoc.weights.get(tag, {}))
    return out


def associated_candidates(cands: list[Candidate], topics: AssociationTopics, hits: dict[int, list[TopicHit]],
                          min_score: float, *, by_key: dict[str, Candidate] | None = None) -> list[Candidate]:
    """``cands`` with each one's association score (feature ``assoc``: the summed weights of its
    associated words in the text), plus a candidate for each house tag the text does not name
    whose score reaches ``min_score`` (a person too: ntv's editors tag Wladimir Putin on a
    teaser about the Kremlin; the ranker weighs it). ``topics`` describes the vocabulary's
    ``assoc:`` topics (:func:`association_topics`), ``hits`` are their hits. ``by_key``: ``cands``
    by key, where the caller has them; the added candidates join it."""
    if not hits:
        return cands
    if by_key is None:
        by_key = {c.key: c for c in cands}
    out = list(cands)
    zero = repeat(0.0)
    for ti in sorted(hits):
        tag, key, weights = topics[ti]
        score = sum(map(weights.get, set(map(_TRIGGER, hits[ti])), zero))
        c = by_key.get(key)
        if c is not None:
            c.feats["assoc"] = score
            continue
        if score < min_score:
            continue
        per: dict[str, int] = {}
        ev = []
        for h in hits[ti]:  # two places per associated word
            if per.get(h.trigger, 0) < 2:
                per[h.trigger] = per.get(h.trigger, 0) + 1
                ev.append(Evidence(h.start, h.end, "", "association"))
        ev.sort(key=lambda e: e.start)
        new = Candidate(tag, ASSOCIATION_PRIOR * math.log1p(score), "topic", "topic", evidence=ev,
                        feats={"assoc": score, "src_assoc": 1.0})
        by_key[key] = new
        out.append(new)
    return out


Above = tuple[tuple[str, Any, str, str], ...]
"""What lies above a place (:func:`lies_above`): (mark, KB entry, its name as the house writes it,
that name's :func:`tag_key`)."""


def places_above(cands: list[Candidate], kb, *, countries: bool = True, regions: bool = False,  # noqa: ANN001 - KnowledgeBase | None
                 memo: dict[tuple[str | None, ...], Above] | None = None,
                 by_key: dict[str, Candidate] | None = None,
                 name_of: Callable[[str], str] | None = None) -> list[Candidate]:
    """``cands`` with what lies above each place among them, for a house that always names it
    (agency style): with ``countries`` the country of each city, region or national
    organisation (``Waghäusel``, the ``Grünen`` -> Deutschland), marked ``place_country``; with
    ``regions`` the Land or canton of each German, Austrian or Swiss town (``Peine`` ->
    Niedersachsen), marked ``place_region``. One already there only gets the mark; a new one
    enters with PLACE_COUNTRY_SHARE of its best place's hand-weighted score. ``memo`` keeps
    :func:`lies_above` by label and KB ids across articles (the KB does not change), with the
    entries' keys: an agency profile runs this for every article. ``by_key``: ``cands`` by key,
    where the caller has them; the added candidates join it. ``name_of``: the house's name of a KB
    name (the vocabulary's alias: ``USA`` for ``Vereinigte Staaten``), so what lies above a place
    joins the tag the house already has and a new one takes the house's name; ``memo`` is then for
    that one ``name_of``."""
    if kb is None or not (countries or regions):
        return cands
    wanted = ("place_region",) * regions + ("place_country",) * countries
    if memo is None:
        memo = {}
    elif len(memo) > 100_000:
        memo.clear()
    if by_key is None:
        by_key = {c.key: c for c in cands}
    found_above: list[tuple[Candidate, Above]] = []
    for c in cands:
        label = c.label
        if label != "LOC" and label != "ORG":
            continue
        ids = (label, c.entity, c.kb_id)
        found = memo.get(ids)
        if found is None:
            found = memo[ids] = tuple(
                (mark, entry, name, tag_key(name))
                for mark, entry in lies_above(c, kb)
                for name in (name_of(entry.name) if name_of is not None else entry.name,)
            )
        if found:
            found_above.append((c, found))
    if not found_above:
        return cands
    out = list(cands)
    for c, found in found_above:
        for mark, entry, name, key in found:
            if mark not in wanted:
                continue
            have = by_key.get(key)
            if have is not None:
                have.feats[mark] = 1.0
                if have.feats.get("src_place"):  # entered for another place: the best one speaks for it
                    have.score = max(have.score, PLACE_COUNTRY_SHARE * c.score)
                continue
            feats = {mark: 1.0, "src_place": 1.0, "loc": 1.0, "linked": 1.0, **({"country": 1.0} if entry.kind == "country" else {})}
            new = Candidate(name, PLACE_COUNTRY_SHARE * c.score, "entity", "place", kb_id=entry.entity_id,
                            entity=None, evidence=list(c.evidence), label="LOC", feats=feats)
            by_key[key] = new
            out.append(new)
    return out


def lies_above(c: Candidate, kb) -> list[tuple[str, Any]]:  # noqa: ANN001 - KnowledgeBase
    """What lies above a place or organisation among the candidates: (``place_region``, the Land
    or canton of a German, Austrian or Swiss town) and (``place_country``, the country of a city,
    region or national organisation); nothing for a country or an unlinked name."""
    if c.label not in ("LOC", "ORG") or not (c.kb_id or c.entity):
        return []
    entry = kb.get(c.entity or "") or kb.get(c.kb_id)
    if entry is None or entry.kind == "country" or not entry.country:
        return []
    out = []
    if c.label == "LOC" and (region := kb.region(entry)) is not None:
        out.append(("place_region", region))
    if (country := kb.country(entry.country)) is not None:
        out.append(("place_country", country))
    return out


_NAMING_NOTHING: set[str] = set()
"""The lead words :func:`narrower_named` found to name no Media Topic (lower-case, or no name):
most of an article's words, not looked up again in the next article (bounded)."""


def lead_end(article: Any) -> int:
    """Where the article's head and lead end (kicker, headline, teaser, first paragraph): what an
    agency files a story under is what its lead says. The whole text when it has no paragraph."""
    for b in article.blocks:
        if b.kind == "paragraph":
            return int(b.end)
    return len(article.text)


@lru_cache(maxsize=50_000)
def _naming(word: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """What a word of the text names (:func:`tagwerk.topics.mediatopics.named_by_word`) as the
    qcodes above its Media Topics and (qcode above, the name) once each, in IPTC's order."""
    from tagwerk.topics.mediatopics import named_by_word

    found = tuple(dict.fromkeys((q, name) for name, above in named_by_word(word) for q in above))
    return frozenset(q for q, _ in found), found


def narrower_named(analysis: Analysis, credit: Sequence[tuple[int, int]] = (),
                   names: NameIndex | None = None) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """The narrower IPTC Media Topics of the article's own (``analysis.subjects``) whose German
    name the text names (:func:`tagwerk.topics.mediatopics.named_by_word`: ``die Bahn``,
    ``Bahnstrecke`` below ``Branchen``; ``Waffe`` for ``Waffen``): qcode of the article's topic
    -> the name -> where the text names it. Not in the credit, not inside a person's name
    (``Anna Feuer``), not on a personal name inside an organisation's longer name (the rule of
    :func:`tagwerk.stages.tags.rules.hits_outside_names`; an organisation named by the word
    alone, ``die Bahn``, counts). The lead's tokens are read, each distinct capitalised word looked
    up once, and a word that names nothing is not looked up again (``_NAMING_NOTHING``): an
    agency profile runs this for every article. ``names``: the entities' :class:`NameIndex`,
    where the caller has it."""
    own = {s.code for s in analysis.subjects}
    if not own:
        return {}
    end_of_lead = lead_end(analysis.article)
    if len(_NAMING_NOTHING) > 200_000:
        _NAMING_NOTHING.clear()
    naming: dict[str, list[tuple[str, str]]] = {}
    places: dict[str, list[tuple[int, int]]] = {}
    for t in analysis.tokens:
        if t.end > end_of_lead:
            break
        word = t.text
        if word in _NAMING_NOTHING:
            continue
        if word not in naming:
            codes, found = _naming(word) if word[:1].isupper() else (frozenset(), ())
            if not found:
                _NAMING_NOTHING.add(word)
                continue
            naming[word] = [(q, name) for q, name in found if q in own] if not own.isdisjoint(codes) else []
        if naming[word] and not in_spans(t.start, t.end, credit):
            places.setdefault(word, []).append((t.start, t.end))
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for word in sorted(places):
        for start, end in places[word]:
            names = names or NameIndex(analysis.entities)
            inside = names.over(start, end)
            if any(label == "PER" for _, _, label in inside):
                continue
            if any((s, e) != (start, end) for s, e, _ in inside) and is_personal_name(word):
                continue  # a personal name in an organisation's longer name; ``die Bahn`` itself counts
            for qcode, name in naming[word]:
                out.setdefault(qcode, {}).setdefault(name, []).append((start, end))
    for by_name in out.values():
        for spans in by_name.values():
            spans.sort()
    return out


def subject_evidence(term: str, subjects: Subjects, analysis: Analysis,
                     narrower: dict[str, dict[str, list[tuple[int, int]]]]) -> list[Evidence]:
    """The evidence of a subject term that has no candidate of its own: where the lead names it as
    a narrower Media Topic (:func:`narrower_named`), and the evidence of the article's Media
    Topics that speak for it (:meth:`tagwerk.profiles.Subjects.speaks_for`)."""
    key, text = tag_key(term), analysis.article.text
    ev: dict[tuple[int, int], Evidence] = {}
    for found in narrower.values():
        for name, spans in found.items():
            if tag_key(name) == key:
                for start, end in spans:
                    ev.setdefault((start, end), Evidence(start, end, text[start:end], "trigger"))
    for s in analysis.subjects:
        if subjects.speaks_for(term, s.code, s.name):
            for e in s.evidence:
                ev.setdefault((e.start, e.end), e)
    return list(ev.values())
