"""Candidates a newsroom profile adds (:mod:`tagwerk.profiles`): house tags its associations
speak for, and the country of every place for a house that always names it (agency style)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tagwerk.analysis import Evidence, Token
from tagwerk.profiles import Associations
from tagwerk.stages.tags.candidates import Candidate
from tagwerk.stages.tags.rules import in_spans
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


def associated_candidates(
    cands: list[Candidate], assoc: Associations, topics: dict[int, str], hits: dict[int, list[TopicHit]]
) -> list[Candidate]:
    """``cands`` with each one's association score (feature ``assoc``: the summed weights of its
    associated words in the text), plus a candidate for each house tag the text does not name
    whose score reaches ``assoc.min_score`` (a person too: ntv's editors tag Wladimir Putin on
    a teaser about the Kremlin; the ranker weighs it). ``topics`` maps the vocabulary's
    ``assoc:`` topics to their tag (:meth:`tagwerk.profiles.Profile.topics`), ``hits`` are
    their hits."""
    if not hits:
        return cands
    by_key = {c.key: c for c in cands}
    out = list(cands)
    for ti in sorted(hits, key=lambda i: topics[i]):
        tag = topics[ti]
        per: dict[str, list[TopicHit]] = {}
        for h in hits[ti]:
            per.setdefault(h.trigger, []).append(h)
        weights = assoc.weights.get(tag, {})
        score = sum(weights.get(w, 0.0) for w in per)
        key = tag_key(tag)
        c = by_key.get(key)
        if c is not None:
            c.feats["assoc"] = score
            continue
        if score < assoc.min_score:
            continue
        ev = sorted((Evidence(h.start, h.end, "", "association") for hs in per.values() for h in hs[:2]), key=lambda e: e.start)
        out.append(
            Candidate(tag, ASSOCIATION_PRIOR * math.log1p(score), "topic", "topic", evidence=ev,
                      feats={"assoc": score, "src_assoc": 1.0})
        )
    return out


def countries_of_places(cands: list[Candidate], kb) -> list[Candidate]:  # noqa: ANN001 - KnowledgeBase | None
    """``cands`` with the country of each city, region or national organisation among them
    (``Waghäusel``, the ``Grünen`` -> Deutschland), marked ``place_country``; a country
    already there only gets the mark. Agency style: the slugline always names the country."""
    if kb is None:
        return cands
    by_key = {c.key: c for c in cands}
    out = list(cands)
    for c in cands:
        if c.label not in ("LOC", "ORG") or not (c.kb_id or c.entity):
            continue
        entry = kb.get(c.entity or "") or kb.get(c.kb_id)
        if entry is None or entry.kind == "country" or not entry.country:
            continue
        country = kb.country(entry.country)
        if country is None:
            continue
        key = tag_key(country.name)
        have = by_key.get(key)
        if have is not None:
            have.feats["place_country"] = 1.0
            continue
        new = Candidate(country.name, PLACE_COUNTRY_SHARE * c.score, "entity", "place", kb_id=country.entity_id,
                        entity=None, evidence=list(c.evidence), label="LOC",
                        feats={"place_country": 1.0, "loc": 1.0, "country": 1.0, "linked": 1.0})
        by_key[key] = new
        out.append(new)
    return out
