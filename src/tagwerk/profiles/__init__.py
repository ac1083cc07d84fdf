"""Newsroom profiles: how one newsroom tags, learned from its archive (``tagwerk train tags``).

A profile is one small JSON file (:func:`load_profile`, :func:`save_profile`):

* ``vocabulary``: the house tags with how often the archive gives them and their aliases, so
  tags come out the way the house writes them (``USA``, not ``Vereinigte Staaten``);
* ``priors``: per tag, how often it was a candidate and how often the editors kept it;
* ``associations``: words that speak for a house tag the text need not name (``Mord und
  Totschlag`` from ``erstochen``, ``Leiche``, ``Mordkommission``);
* ``subjects``: an optional closed subject list (an agency's subject terms, or the sections),
  one of which the ranker puts first;
* ``ranker``: the model that orders the candidates (:mod:`tagwerk.profiles.ranker`);
* ``settings``: the home country the house rarely tags (``null``: it tags it like any
  other), and whether it names the country of every place and the Land of every German town
  (agency style).

Without a profile the shipped default (``default.json``) applies: the hand-weighted salience
of the tags stage and no house vocabulary. ``AnalyzerConfig.profile`` (``TAGWERK_PROFILE``,
``--profile``) names another.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from tagwerk.errors import TagwerkError
from tagwerk.profiles.ranker import FEATURES, Ranker, feature_rows, ranker_from_dict
from tagwerk.topics import Topic, TopicVocabulary, load_vocabulary, tag_key

__all__ = [
    "ASSOCIATION_PREFIX",
    "FEATURES",
    "Associations",
    "HouseTag",
    "Priors",
    "Profile",
    "ProfileError",
    "Subjects",
    "default_profile",
    "extend_vocabulary",
    "feature_rows",
    "load_profile",
    "profile_for",
    "save_profile",
    "vocabulary_for",
]

FORMAT = "tagwerk-profile"
FORMAT_VERSION = 1
PRIOR_SMOOTHING = 8.0
"""Pseudo-candidates at the kind's (or the archive's base) keep rate added to each tag's counts,
so a tag seen once is weak evidence: one article moves its odds less than threefold. A day of
agency copy has seen most tags once; with 2, a subject term dpa kept on its one item was
multiplied by six and led war stories. Measured (``benchmarks/tags.py --profile --dpa``): dpa
samples leave-one-out 1: 22/52, 2: 24/52, 4: 25/52, 6 and 8: 26/52, 12 to 32: 25/52; the ntv
dev teasers (5-fold cross-validation) give the same figures for 2, 4 and 8, since the linear
ranker's weight on the prior absorbs the scale."""

UNKEPT_RATE = 0.01
"""A kind of candidate (``keyphrase:term``, ``entity:organisation``) kept less often than this,
counted with one kept and one not added, is one the newsroom does not use: a profile does not
offer it (:meth:`Priors.unkept_kinds`). It takes some 100 candidates never kept, or 450 kept once
(ntv's keyphrases), to judge a kind. Set by this reasoning; measured in docs/tags.md."""


ASSOCIATION_PREFIX = "assoc:"
"""Names of the vocabulary topics that find a house tag's associated words (:meth:`Profile.topics`)."""


class ProfileError(TagwerkError):
    """A profile file cannot be read or is malformed."""


@dataclass(frozen=True)
class HouseTag:
    """One tag of the house vocabulary."""

    name: str
    count: int = 0
    """Articles of the archive that carry it."""
    aliases: tuple[str, ...] = ()
    """Names the analysis may give the same thing (``Vereinigte Staaten`` for ``USA``)."""
    named: bool = False
    """The entities stage names it itself (a person, a place): it needs no trigger of its own,
    only its aliases."""


@dataclass
class Priors:
    """How often each tag was a candidate and how often the newsroom kept it."""

    articles: int = 0
    base: float = 0.1
    """Share of candidates the newsroom keeps, over all tags."""
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    """tag key -> (articles where it was a candidate, articles that carry it)."""
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)
    """kind of candidate (:func:`candidate_kind`: ``entity:person``, ``topic:topic``) -> (its
    candidates, those kept): what a tag the archive has not seen starts from (dpa keeps places and
    subjects, no persons; ntv mostly persons). Empty in profiles written before it."""

    def __post_init__(self) -> None:
        self._memo: dict[tuple[str, str | None], float] = {}

    def logit(self, key: str, kind: str | None = None) -> float:
        """Smoothed log-odds of keeping the tag, relative to the base rate (0: no evidence). The
        tag's counts are smoothed towards its ``kind``'s keep rate where the profile knows it
        (the ``prior`` ranker asks so), else towards the base rate (the features do)."""
        got = self._memo.get((key, kind))
        if got is None:
            got = self._memo[(key, kind)] = self._logit(key, kind)
        return got

    def _logit(self, key: str, kind: str | None) -> float:
        cand, kept = self.keys.get(key, (0, 0))
        p0 = min(max(self.base, 1e-4), 1 - 1e-4)
        start = p0
        if kind is not None and kind in self.kinds:
            k_cand, k_kept = self.kinds[kind]
            start = (k_kept + PRIOR_SMOOTHING * p0) / (max(k_cand, k_kept) + PRIOR_SMOOTHING)
        p = (kept + PRIOR_SMOOTHING * start) / (max(cand, kept) + PRIOR_SMOOTHING)
        p = min(max(p, 1e-4), 1 - 1e-4)
        return math.log(p / (1 - p)) - math.log(p0 / (1 - p0))

    def seen(self, key: str) -> int:
        return self.keys.get(key, (0, 0))[0]

    def unkept_kinds(self) -> frozenset[str]:
        """The kinds of candidate the newsroom does not use: kept less than UNKEPT_RATE of the
        time, with a pseudo-count so that a kind seen a few times is not judged (ntv's editors
        kept 1 of 453 keyphrases; a kind never kept in 20 candidates may not have come up)."""
        return frozenset(k for k, (cand, kept) in self.kinds.items() if (kept + 1) / (cand + 2) < UNKEPT_RATE)


@dataclass
class Associations:
    """Words (lower-case lemmas) that speak for a house tag, with their log-odds weights."""

    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    """tag name -> lemma -> weight."""
    min_score: float = 2.0
    """A tag the text does not name becomes a candidate from this summed weight on."""

    def __post_init__(self) -> None:
        self._index: dict[str, list[tuple[str, float]]] = {}
        for tag, ws in self.weights.items():
            for lemma, w in ws.items():
                self._index.setdefault(lemma, []).append((tag, w))

    def scores(self, lemmas: Iterable[str]) -> dict[str, tuple[float, list[str]]]:
        """tag name -> (summed weight, the lemmas that gave it) for the distinct ``lemmas``."""
        out: dict[str, tuple[float, list[str]]] = {}
        for lemma in set(lemmas):
            for tag, w in self._index.get(lemma, ()):
                s, found = out.get(tag, (0.0, []))
                out[tag] = (s + w, [*found, lemma])
        return out


SUBJECT_WEIGHTS = {"text": 1.0, "topics": 1.0, "section": 0.5, "prior": 0.25, "pair": 1.0}
"""How :meth:`Subjects.choose_terms` weighs what speaks for a subject term: the text naming it (its
candidate's score relative to the best candidate's), the article's IPTC Media Topics, the
section and the archive's prior; and for a second term, how often the archive files it with the
first (``pair``). Set by hand, then checked on the dpa samples (leave-one-out,
``benchmarks/tags.py --dpa``)."""
PAIR_SMOOTHING = 1.0
"""A pseudo-article without the second term added to the first term's count: one article that
pairs two terms says they go together half the time."""
TOPIC_SMOOTHING = 2.0
"""Pseudo-articles, filed as the archive files its articles (``prior``), added to each Media
Topic's counts: one article with a topic says little about where the next one is filed."""
SECTION_SMOOTHING = TOPIC_SMOOTHING
"""Pseudo-articles, filed as the prior files them, added to a section's counts (as TOPIC_SMOOTHING)."""
GENRE_SMOOTHING = TOPIC_SMOOTHING
"""Pseudo-articles, filed as the prior files them, added to an agency genre's counts when the
prior is read for an item of that genre (:meth:`Subjects.prior_for`)."""
TOPIC_NAME_COUNT = 1.0
"""A Media Topic whose German name contains the term (``Krieg`` in ``Krise, Krieg, Konflikte``),
or has a narrower topic of that name which the text names (``Bahn`` below ``Branchen``), counts
as this many archive articles filed under the term: a house term needs no archive to be found
by its name."""


NARROWER_NAMED_COUNT = 2.0
"""A narrower Media Topic below one of the article's that the text names (``Feuer`` below
``Katastrophe``) counts twice TOPIC_NAME_COUNT: once for its name, once for the text naming it.
So the specific term an agency files under beats the broad topic's own name (``Katastrophe``),
which only the classifier speaks for. Set by this reasoning, not fitted."""


@dataclass
class Subjects:
    """A closed subject list; the ranker puts its terms first (:meth:`choose_terms`)."""

    terms: tuple[str, ...] = ()
    prior: dict[str, float] = field(default_factory=dict)
    """term -> share of the archive's articles filed under it."""
    by_section: dict[str, dict[str, float]] = field(default_factory=dict)
    """section -> term -> share of that section's articles filed under it."""
    by_topic: dict[str, dict[str, int]] = field(default_factory=dict)
    """IPTC Media Topic (qcode) -> term -> archive articles with that topic filed under the term."""
    topic_articles: dict[str, int] = field(default_factory=dict)
    """IPTC Media Topic -> archive articles with that topic."""
    section_articles: dict[str, int] | None = None
    """section -> archive articles of that section filed under a term: a section's table is
    smoothed towards the prior by SECTION_SMOOTHING pseudo-articles (one article of a section
    says little about the next). None in profiles written before it: their tables count as they are."""
    per_article: float = 1.0
    """Subject terms the archive gives an article, on average (dpa's samples: 1.8): the tags
    lead with this many, rounded (:meth:`choose_terms`)."""
    pairs: dict[str, dict[str, int]] = field(default_factory=dict)
    """term -> the other terms filed with it -> in how many archive articles (``Krieg`` ->
    ``Konflikte``: dpa files war stories under both)."""
    term_articles: dict[str, int] = field(default_factory=dict)
    """term -> archive articles filed under it (first or later)."""
    media_topic_terms: bool = False
    """The house names its subject terms as IPTC's German Media Topic names do (dpa: ``Bahn``,
    ``Börse``, ``Partei``): every one-word concept of a Media Topic name is a term too, not
    only those of the archive."""
    by_genre: dict[str, dict[str, int]] = field(default_factory=dict)
    """The agency's genre of an item (``Vorschau``, ``Meldung``: ``Article.wire.genre``) -> term
    -> archive items of that genre filed first under it. dpa files its previews under
    ``Vorschau`` and nothing else so: the prior an item starts from is its genre's
    (:meth:`prior_for`). Empty for a house without genres and in profiles written before."""

    def __post_init__(self) -> None:
        self._names: dict[str, list[str]] = {}
        self._genre_priors: dict[str, dict[str, float]] = {}
        self._prior_orders: dict[str | None, tuple[tuple[float, str], ...]] = {}
        self._topic_terms: dict[tuple[str, str], tuple[float, tuple[tuple[str, float], ...], tuple[str, ...]]] = {}
        self._section_terms: dict[str, tuple[float, tuple[tuple[str, float], ...]]] = {}
        self._keys = {tag_key(t): t for t in self.terms}
        if self.media_topic_terms:  # the house's own spelling first, then IPTC's
            from tagwerk.topics.mediatopics import name_words

            self._keys = {**{k: spelled[0][1] for k, spelled in name_words().items()}, **self._keys}

    def term(self, key: str) -> str | None:
        """The house's term of that key (:func:`tag_key`), or None."""
        return self._keys.get(key)

    @property
    def terms_by_key(self) -> Mapping[str, str]:
        """Every term by its key (:func:`tag_key`): the list's and, with ``media_topic_terms``,
        IPTC's (read only)."""
        return self._keys

    def _by_name(self, name: str) -> list[str]:
        """The terms a Media Topic's German name names (``Krise, Krieg, Konflikte``), once per name."""
        got = self._names.get(name)
        if got is None:
            from tagwerk.topics.mediatopics import NAME_PARTS

            got = self._names[name] = [t for part in NAME_PARTS.split(name) if (t := self.term(tag_key(part)))]
        return got

    def prior_for(self, genre: str | None) -> Mapping[str, float]:
        """term -> share of the archive's items of ``genre`` filed first under it, smoothed towards
        the prior by GENRE_SMOOTHING pseudo-items; the prior itself without a genre or for one the
        archive has not seen."""
        if not genre or not (table := self.by_genre.get(genre)):
            return self.prior
        got = self._genre_priors.get(genre)
        if got is None:
            n = sum(table.values())
            got = self._genre_priors[genre] = {
                t: (table.get(t, 0) + GENRE_SMOOTHING * self.prior.get(t, 0.0)) / (n + GENRE_SMOOTHING)
                for t in dict.fromkeys([*self.prior, *table])
            }
        return got

    def _prior_order(self, genre: str | None) -> tuple[tuple[float, str], ...]:
        """(share, term) of :meth:`prior_for` with a share, best first (of equal shares, the
        last name first), once per genre."""
        got = self._prior_orders.get(genre)
        if got is None:
            got = self._prior_orders[genre] = tuple(sorted(((s, t) for t, s in self.prior_for(genre).items() if s), reverse=True))
        return got

    def speaks_for(self, term: str, code: str, name: str) -> bool:
        """Whether the Media Topic ``code`` (German ``name``) speaks for ``term`` in :meth:`choose_terms`."""
        return bool(self.by_topic.get(code, {}).get(term)) or term in self._by_name(name)

    def choose_terms(self, topics: Sequence[tuple[str, str, float]], section: str | None, named: Mapping[str, float],
                     narrower: Mapping[str, Iterable[str]] | None = None, n: int = 1, *,
                     genre: str | None = None) -> list[str]:
        """The terms to put first: the one with the best sum of what speaks for each
        (SUBJECT_WEIGHTS), then up to ``n - 1`` more, best first. ``topics``: the article's Media
        Topics as (qcode, German name, score); ``named``: term key -> the score of its candidate
        relative to the best candidate's, for the terms the text names; ``narrower``: qcode of one
        of ``topics`` -> the names of the narrower Media Topics below it that the lead names
        (:func:`tagwerk.stages.tags.profile.narrower_named`). A further term must be one the
        article itself speaks for (the text names it, or one of its Media Topics is named so or
        has a narrower topic so named) or one the archive files with the first (``pairs``); not
        one the archive's other tables alone favour: an agency files a story under a second term
        (``Krieg``, ``Konflikte``) only where the story is about it. ``genre``: the agency's genre
        of the item, whose prior counts instead of the archive's (:meth:`prior_for`)."""
        if not self.terms:
            return []
        # written out rather than through helpers, with what depends only on a topic or a section
        # read once (:meth:`_for_topic`, :meth:`_for_section`): an agency profile runs this for every item
        score: dict[str, float] = {}
        spoken: set[str] = set()  # the terms the article itself speaks for
        get = score.get
        keys, text = self._keys, SUBJECT_WEIGHTS["text"]
        for key, rel in named.items():
            term = keys.get(key)
            if term is not None and rel:
                score[term] = get(term, 0.0) + text * rel
                spoken.add(term)
        total = sum(s for _, _, s in topics)
        smoothed = 0.0  # the topics' pseudo-articles, filed as the prior files them, summed over the topics
        for code, name, s in topics if total > 0 else ():
            per_article, counts, own = self._for_topic(code, name)
            share_of_topic = SUBJECT_WEIGHTS["topics"] * (s / total) / per_article
            if not share_of_topic:
                continue
            for term, c in counts:  # the archive's counts, then the topic's own name
                score[term] = get(term, 0.0) + share_of_topic * c
            spoken.update(own)
            if narrower and (below_named := narrower.get(code)):
                for below in below_named:
                    for term in self._by_name(below):
                        score[term] = get(term, 0.0) + share_of_topic * NARROWER_NAMED_COUNT
                        spoken.add(term)
            smoothed += share_of_topic * TOPIC_SMOOTHING
        section_smoothed, section_shares = self._for_section(section or "")
        for term, share in section_shares:
            score[term] = get(term, 0.0) + share
        smoothed += section_smoothed
        weight = SUBJECT_WEIGHTS["prior"] + smoothed
        prior = self.prior_for(genre) if weight else {}
        # the prior reaches every term of the list (hundreds at an agency): the terms with evidence
        # get their share added; of the others, scored by the prior alone, only the best can lead,
        # found in the prior's order (:meth:`_prior_order`)
        for term in score:
            if prior_share := prior.get(term):
                score[term] += weight * prior_share
        best = max(zip(score.values(), score.keys(), strict=True)) if score else None  # of equal scores, the last name
        top = None  # the best score by the prior alone
        for share, term in self._prior_order(genre) if prior else ():
            if term in score:
                continue
            by_prior = (weight * share, term)
            if top is None:
                top = by_prior[0]
            elif by_prior[0] < top:
                break  # the rest score less; equal products of unequal shares were compared by name
            if best is None or by_prior > best:
                best = by_prior
        if best is None:
            first = self.fallback(section)
            return [first] if first else []
        first = best[1]
        if n <= 1:
            return [first]
        # a second term: one the article speaks for, or one the archive files with the first
        together = self.pairs.get(first, {})
        alone = self.term_articles.get(first, 0) + PAIR_SMOOTHING
        pair = SUBJECT_WEIGHTS["pair"]
        second = [(score[t] + pair * together.get(t, 0) / alone, t) for t in spoken if t != first]
        second += [((score[t] if t in score else weight * prior[t]) + pair * c / alone, t)
                   for t, c in together.items() if c and t not in spoken and (t in score or prior.get(t)) and t != first]
        if n == 2:
            return [first, max(second)[1]] if second else [first]
        return [first, *(t for _, t in sorted(second, reverse=True)[: n - 1])]

    def _for_topic(self, code: str, name: str) -> tuple[float, tuple[tuple[str, float], ...], tuple[str, ...]]:
        """What :meth:`choose_terms` reads of a Media Topic, once per topic: the archive's articles
        it stands for (with its name's and the smoothing's pseudo-articles), (term, count) for
        the terms the archive files it under and (term, TOPIC_NAME_COUNT) for those its name
        names, in that order, and the terms its name names."""
        got = self._topic_terms.get((code, name))
        if got is None:
            own = tuple(self._by_name(name))
            counts = tuple((t, c) for t, c in self.by_topic.get(code, {}).items() if c)
            per_article = self.topic_articles.get(code, 0) + TOPIC_NAME_COUNT + TOPIC_SMOOTHING
            got = self._topic_terms[(code, name)] = (per_article, counts + tuple((t, TOPIC_NAME_COUNT) for t in own), own)
        return got

    def _for_section(self, section: str) -> tuple[float, tuple[tuple[str, float], ...]]:
        """What :meth:`choose_terms` reads of a section, once per section: the weight of its
        pseudo-articles (filed as the prior files them, SECTION_SMOOTHING) and (term, weighted
        share) for the terms the archive files its articles under."""
        got = self._section_terms.get(section)
        if got is None:
            w = SUBJECT_WEIGHTS["section"]
            table = self.by_section.get(section) or {}
            seen = self.section_articles.get(section, 0) if self.section_articles is not None else None
            kept = 1.0 if seen is None or not table else seen / (seen + SECTION_SMOOTHING)
            shares = tuple((t, w * kept * share) for t, share in table.items() if share) if kept else ()
            got = self._section_terms[section] = (w * (1.0 - kept) if table else 0.0, shares)
        return got

    def fallback(self, section: str | None) -> str | None:
        """The term an article of ``section`` is most often filed under, else the commonest."""
        table = self.by_section.get(section or "") or self.prior
        if table:
            return max(table, key=lambda t: (table[t], t))
        return self.terms[0] if self.terms else None


@dataclass
class Profile:
    """A newsroom's tagging conventions (see the module's docstring)."""

    name: str = "default"
    description: str = ""
    home_country: str | None = "Deutschland"
    countries_of_places: bool = False
    regions_of_places: bool = False
    vocabulary: tuple[HouseTag, ...] = ()
    priors: Priors | None = None
    associations: Associations | None = None
    subjects: Subjects | None = None
    ranker: Ranker = field(default_factory=Ranker)
    min_probability: float = 0.0
    """A candidate whose keep probability by the ranker is below this is not suggested (the best
    one always is; given tags and subject terms always are): the house would delete it. Only for
    a ranker that gives probabilities (``linear``, ``trees``); learned by ``train tags`` (see
    :func:`tagwerk.training.profile_learn.choose_min_probability`); 0 suggests the top k."""
    trained: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    """The file it was read from."""

    def __post_init__(self) -> None:
        self._house = {tag_key(t.name): t for t in self.vocabulary}
        self.house_keys = frozenset(k for k, t in self._house.items() if t.count)
        """The keys of the house tags the archive carries (``house_count`` above 0)."""
        self.unkept_kinds = self.priors.unkept_kinds() if self.priors is not None else frozenset()
        """The kinds of candidate (``source:type``) the newsroom does not use: never offered."""

    # -- what the ranker's features read (tagwerk.profiles.ranker.ArchiveView) ---------------
    def house_count(self, key: str) -> int:
        t = self._house.get(key)
        return t.count if t is not None else 0

    def prior_logit(self, key: str, kind: str | None = None) -> float:
        return self.priors.logit(key, kind) if self.priors is not None else 0.0

    def seen(self, key: str) -> int:
        return self.priors.seen(key) if self.priors is not None else 0

    def is_subject(self, key: str) -> bool:
        return self.subjects is not None and self.subjects.term(key) is not None

    # -- use ------------------------------------------------------------------------------------
    @property
    def learned(self) -> bool:
        """Whether anything of it was learned (else it ranks like the default)."""
        return bool(self.vocabulary) or self.ranker.kind != "salience" or self.subjects is not None

    def topics(self) -> list[Topic]:
        """The house tags as topics of the vocabulary, each triggered by its own name, with its
        aliases; and for each tag with associated words a topic that only finds them (never a
        tag itself, no section: ``assoc:`` and the tag's name), so the words are found with the
        vocabulary's other triggers, once per article."""
        out = []
        for t in self.vocabulary:
            words = " ".join(t.name.split())
            if not words:
                continue
            out.append(Topic(t.name, None, () if t.named else (words,), (), "topic", 1.0, True, "profile", t.aliases))
        if self.associations is not None:
            for tag, ws in sorted(self.associations.weights.items()):
                triggers = tuple(w for w in ws if w and "*" not in w and " " not in w)
                if triggers:
                    out.append(Topic(ASSOCIATION_PREFIX + tag, None, triggers, (), "topic", 1.0, False, "profile"))
        return out

    def score(self, cands: Sequence[Any]) -> list[float] | None:
        """The ranker's scores for ``cands`` (None: keep the hand-weighted salience)."""
        return self.ranker.score(cands, self if self.learned else None)

    @property
    def suggest_from(self) -> float:
        """The least ranker score of a suggested tag (:attr:`min_probability` where the ranker
        gives probabilities, else 0)."""
        return self.min_probability if self.learned and self.ranker.probabilities else 0.0

    # -- the file -------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "name": self.name,
            "description": self.description,
            "settings": {"home_country": self.home_country, "countries_of_places": self.countries_of_places,
                         "regions_of_places": self.regions_of_places, "min_probability": self.min_probability},
            "trained": self.trained,
            "metrics": self.metrics,
            "vocabulary": [{"name": t.name, "count": t.count, **({"aliases": list(t.aliases)} if t.aliases else {}),
                            **({"named": True} if t.named else {})} for t in self.vocabulary],
            "priors": None if self.priors is None else {
                "articles": self.priors.articles, "base": self.priors.base,
                "keys": {k: list(v) for k, v in sorted(self.priors.keys.items())},
                "kinds": {k: list(v) for k, v in sorted(self.priors.kinds.items())},
            },
            "associations": None if self.associations is None else {
                "min_score": self.associations.min_score, "weights": self.associations.weights,
            },
            "subjects": None if self.subjects is None else {
                "terms": list(self.subjects.terms), "prior": self.subjects.prior, "by_section": self.subjects.by_section,
                "by_topic": self.subjects.by_topic, "topic_articles": self.subjects.topic_articles,
                "section_articles": self.subjects.section_articles,
                "media_topic_terms": self.subjects.media_topic_terms,
                "per_article": self.subjects.per_article,
                "pairs": self.subjects.pairs, "term_articles": self.subjects.term_articles,
                "by_genre": self.subjects.by_genre,
            },
            "ranker": self.ranker.to_dict(),
        }
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Profile:
        where = source or "<profile>"
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise ProfileError(f"{where}: not a tagwerk profile (no \"format\": \"{FORMAT}\")")
        if int(data.get("version", 0)) > FORMAT_VERSION:
            raise ProfileError(f"{where}: profile version {data.get('version')} is newer than this tagwerk reads ({FORMAT_VERSION})")
        try:
            settings = data.get("settings") or {}
            if not 0.0 <= float(settings.get("min_probability", 0.0)) <= 1.0:
                raise ProfileError(f"{where}: min_probability must lie between 0 and 1, not {settings['min_probability']}")
            pri = data.get("priors")
            assoc = data.get("associations")
            subj = data.get("subjects")
            return cls(
                name=str(data.get("name") or "profile"),
                description=str(data.get("description") or ""),
                home_country=settings.get("home_country", "Deutschland"),
                countries_of_places=bool(settings.get("countries_of_places", False)),
                regions_of_places=bool(settings.get("regions_of_places", False)),
                vocabulary=tuple(
                    HouseTag(str(t["name"]), int(t.get("count", 0)), tuple(str(a) for a in t.get("aliases", ())),
                             bool(t.get("named", False)))
                    for t in data.get("vocabulary") or ()
                ),
                priors=None if not pri else Priors(
                    int(pri.get("articles", 0)), float(pri.get("base", 0.1)),
                    {str(k): (int(v[0]), int(v[1])) for k, v in (pri.get("keys") or {}).items()},
                    {str(k): (int(v[0]), int(v[1])) for k, v in (pri.get("kinds") or {}).items()},
                ),
                associations=None if not assoc else Associations(
                    {str(t): {str(w): float(x) for w, x in ws.items()} for t, ws in (assoc.get("weights") or {}).items()},
                    float(assoc.get("min_score", 2.0)),
                ),
                subjects=None if not subj else Subjects(
                    tuple(str(t) for t in subj.get("terms") or ()),
                    {str(k): float(v) for k, v in (subj.get("prior") or {}).items()},
                    {str(s): {str(k): float(v) for k, v in tab.items()} for s, tab in (subj.get("by_section") or {}).items()},
                    {str(c): {str(k): int(v) for k, v in tab.items()} for c, tab in (subj.get("by_topic") or {}).items()},
                    {str(c): int(v) for c, v in (subj.get("topic_articles") or {}).items()},
                    section_articles=None if subj.get("section_articles") is None else
                    {str(k): int(v) for k, v in subj["section_articles"].items()},
                    per_article=float(subj.get("per_article", 1.0)),
                    pairs={str(t): {str(u): int(c) for u, c in tab.items()} for t, tab in (subj.get("pairs") or {}).items()},
                    term_articles={str(t): int(c) for t, c in (subj.get("term_articles") or {}).items()},
                    media_topic_terms=bool(subj.get("media_topic_terms", False)),
                    by_genre={str(g): {str(t): int(c) for t, c in tab.items()} for g, tab in (subj.get("by_genre") or {}).items()},
                ),
                ranker=ranker_from_dict(data.get("ranker")),
                min_probability=float(settings.get("min_probability", 0.0)),
                trained=dict(data.get("trained") or {}),
                metrics=dict(data.get("metrics") or {}),
                source=source,
            )
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise ProfileError(f"{where}: malformed profile: {exc}") from None


def save_profile(profile: Profile, path: str | Path) -> None:
    """Write ``profile`` as JSON (UTF-8, compact but line-broken per entry)."""
    Path(path).write_text(json.dumps(profile.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> Profile:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"cannot read the profile {p}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"{p}: not valid JSON: {exc}") from None
    return Profile.from_dict(data, source=str(p))


def load_profile(path: str | Path) -> Profile:
    """The profile in ``path`` (cached while the file is unchanged)."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise ProfileError(f"cannot read the profile {p}: {exc.strerror or exc}") from None
    return _load(str(p.resolve()), mtime)


def default_path() -> Path:
    return Path(str(resources.files("tagwerk.profiles") / "default.json"))


def default_profile() -> Profile:
    """The shipped default: the tags stage's hand-weighted salience, no house vocabulary."""
    return load_profile(default_path())


def profile_for(config: Any) -> Profile:
    """The profile an :class:`~tagwerk.pipeline.AnalyzerConfig` names, else the default."""
    path = getattr(config, "profile", None)
    return load_profile(path) if path else default_profile()


@lru_cache(maxsize=8)
def _vocabulary(topics_path: str | None, newsroom: tuple[str, ...], profile_path: str | None, mtime: float) -> TopicVocabulary:
    base = load_vocabulary(topics_path, newsroom)
    if profile_path is None:
        return base
    return extend_vocabulary(base, _load(profile_path, mtime))


def extend_vocabulary(base: TopicVocabulary, profile: Profile) -> TopicVocabulary:
    """``base`` plus the profile's house tags (a new vocabulary; ``base`` is left as it is)."""
    topics = profile.topics()
    if not topics:
        return base
    return base.extended(topics)


def vocabulary_for(config: Any) -> TopicVocabulary:
    """The topic vocabulary of the section and tags stages: the shipped one (or
    ``topics_path``), the newsroom files, and the profile's house tags. One object per
    configuration, so both stages share their trigger hits."""
    path = getattr(config, "profile", None)
    topics_path = str(config.topics_path) if config.topics_path else None
    newsroom = tuple(str(p) for p in config.newsroom_vocabulary)
    if not path:
        return _vocabulary(topics_path, newsroom, None, 0.0)
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise ProfileError(f"cannot read the profile {p}: {exc.strerror or exc}") from None
    return _vocabulary(topics_path, newsroom, str(p.resolve()), mtime)
