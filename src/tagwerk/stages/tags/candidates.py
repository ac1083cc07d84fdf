"""Tag candidates from three sources, each scored by a pure function (hand-set weights below):

* entities (:func:`entity_candidates`): salience from mention count (derived and part
  mentions count less, metonymic places count toward what they stand for), the first
  mention's position, headline and lead, spread over the blocks, speaker role and KB
  prominence;
* topics of the vocabulary (:func:`topic_candidates`): trigger hits, weighted the same way;
* keyphrases (:func:`keyphrase_candidates`): the keyphrase stage's best terms, a weak source.

Each candidate keeps what its score was made of (``Candidate.feats``) for a newsroom profile's
ranker (:mod:`tagwerk.profiles`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tagwerk.analysis import WEATHER_ID_PREFIX, Entity, Evidence, Keyphrase, Quote, Sentence, Tag
from tagwerk.lang.de.data import load_yaml
from tagwerk.stages.tags.rules import in_amount, in_spans, is_agency, is_time_zone, names_a_date
from tagwerk.topics import TopicHit, TopicVocabulary, hits_per_topic, tag_key
from tagwerk.topics.layout import HEAD, LEAD, Layout

TYPE_NAMES = {"PER": "person", "LOC": "place", "ORG": "organisation", "MISC": "topic"}

# --- weights -------------------------------------------------------------------------------
# Set by hand on the seed article, then checked (a coarse grid of a few values each, not a
# fit) on ../shared/data/ntv-tags/dev.jsonl with benchmarks/tags.py; see docs/tags.md.
TYPE_PRIOR = {"PER": 1.0, "LOC": 1.0, "ORG": 0.85, "MISC": 0.55}
NAMED_EVENT_PRIOR = 1.0
"""A named weather system (``Sturmtief Sabine``, ``Hurrikan Katrina``: the entities stage's
``local:weather:`` ids) is the subject of its story as a person or a place is, not a weak ``MISC``
name (set by hand, as PER and LOC; Wikinews ranked ``Orkantief Xynthia`` eleventh at 0.55)."""
MENTION_WEIGHT = {"plain": 1.0, "derived": 0.7, "part": 0.5, "metonym": 0.5}
METONYM_DEMOTION = 0.6  # a place standing for something else is a weaker tag itself
W_COUNT = 1.0  # times log1p(weighted mention count)
W_HEAD = 0.9  # a mention in kicker or headline
W_LEAD = 0.5  # a mention in the teaser or first paragraph
W_SPREAD = 0.6  # share of content blocks that mention it
W_EARLY = 0.4  # 1 - relative position of the first mention
W_SPEAKER = 0.3  # it speaks in a quote
# The news lead: the first sentence of the teaser or first paragraph names the article's who
# and what ("Bundeskanzler Olaf Scholz und ... haben sich ... verständigt"); every entity in it
# gets this on top of the linear W_EARLY, which alone cannot tell the lead's subject from a
# place named in the second sentence. The voice of the first direct quote is the article's
# main speaker (W_FIRST_SPEAKER, on top of W_SPEAKER). Both set by hand on the bundled example
# (examples/beispiel.txt: Olaf Scholz, first person of the lead and first quoted, was 7th) and
# only checked on ../shared/data/ntv-tags/dev.jsonl not to regress (benchmarks/tags.py
# --no-yake: values 0.1..0.4 all within 0.005 of each other there; teasers rarely quote).
W_LEAD_SENTENCE = 0.25
W_FIRST_SPEAKER = 0.2
W_KB = 0.4  # times the prominence (0..1): the KB's, or the office the article gives (see below)
W_KB_UNKNOWN = 0.1  # linked, but the KB has no entry at hand
KIND_PRIOR = {"city": 0.85, "region": 0.9}  # editors tag the country more often than the city
TOPIC_PRIOR = 0.9  # topics compete with entities at this factor
TOPIC_DISTINCT = 0.25  # per extra distinct trigger (up to 2)
KEYPHRASE_PRIOR = 0.45  # terms are the weakest source
KEYPHRASE_POOL = 6  # how many keyphrases become candidates
KEYPHRASE_MAX_ZIPF = 3.2  # a term must be rarer than this in German at large to become a tag
MAX_EVIDENCE = 12
HOME_COUNTRY = "Deutschland"
"""German outlets rarely tag their own country: it is the default, so it is demoted."""
HOME_DEMOTION = 0.5


@dataclass(slots=True)
class Candidate:
    """One tag candidate before ranking."""

    name: str
    score: float
    source: str
    type: str
    kb_id: str | None = None
    entity: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    label: str | None = None
    """The entity label (PER/ORG/LOC/MISC) for entity candidates."""
    feats: dict[str, float] = field(default_factory=dict)
    """What the score was made of (mention count, position, prominence, ...): the features a
    newsroom profile's ranker reads (``tagwerk.profiles.ranker.FEATURES``)."""

    _key: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        """:func:`tag_key` of the name, kept until the name changes (the stage reads it often)."""
        got = self._key
        if got is None or got[0] is not self.name:
            got = self._key = (self.name, tag_key(self.name))
        return got[1]

    def to_tag(self, score: float, *, given: bool = False) -> Tag:
        ev = sorted(self.evidence, key=lambda e: e.start)[:MAX_EVIDENCE]
        return Tag(
            name=self.name,
            score=round(score, 4),
            source="given" if given else self.source,  # type: ignore[arg-type]
            type=self.type,
            kb_id=self.kb_id,
            entity=self.entity,
            given=given,
            evidence=ev,
        )


def _position_features(starts: Sequence[int], layout: Layout) -> tuple[float, float, float, float]:
    """(head, lead, spread, early) for the start offsets of one concept's evidence."""
    zones = {layout.zone(s) for s in starts}
    blocks = {layout.block(s) for s in starts}
    head = 1.0 if HEAD in zones else 0.0
    lead = 1.0 if LEAD in zones else 0.0
    spread = min(1.0, len(blocks) / layout.n_content)
    early = 1.0 - layout.position(min(starts)) if starts else 0.0
    return head, lead, spread, early


# --- entities --------------------------------------------------------------------------------


def _kb_entry(kb, e: Entity):  # noqa: ANN001, ANN202 - KnowledgeBase | None -> KBEntry | None
    if kb is None:
        return None
    for key in (e.id, e.kb_id):
        if key:
            entry = kb.get(key)
            if entry is not None:
                return entry
    return None


@lru_cache(maxsize=1)
def _role_table() -> tuple[dict[str, float], tuple[tuple[str, float], ...]]:
    """``names.yaml: role_prominence``: whole words and word endings (``-minister``)."""
    data = load_yaml("names.yaml")
    table = data.get("role_prominence") or {}
    words = {k: float(v) for k, v in table.items() if not k.startswith("-")}
    ends = tuple((k[1:], float(v)) for k, v in table.items() if k.startswith("-"))
    return words, ends


_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s+$")


def role_prominence(word: str) -> float:
    """The prominence an office word gives the name after it (``Bundeskanzler`` 0.9,
    ``US-Präsident`` 0.95, ``Außenministerin`` 0.7); 0 for other words."""
    words, ends = _role_table()
    low = word.lower()
    best = 0.0
    for w in (low, low.rsplit("-", 1)[-1]):
        best = max(best, words.get(w, 0.0), *(v for e, v in ends if w.endswith(e)))
    return best


def text_prominence(e: Entity, text: str) -> float:
    """The highest office the article gives a person right before one of its names."""
    if e.type != "PER" or not text:
        return 0.0
    best = 0.0
    for m in e.mentions:
        if m.derived or m.part or m.source == "credit":
            continue
        mt = _WORD_BEFORE.search(text[max(0, m.start - 40) : m.start])
        if mt:
            best = max(best, role_prominence(mt.group(1)))
    return best


def lead_sentence_span(sentences: Sequence[Sentence], layout: Layout) -> tuple[int, int] | None:
    """The first sentence of the teaser or first paragraph (the news lead)."""
    for s in sentences:
        if layout.zone(s.start) == LEAD:
            return s.start, s.end
    return None


def first_speaker(quotes: Sequence[Quote]) -> str | None:
    """The entity that speaks the article's first direct quote (else its first quote)."""
    spoken = [q for q in quotes if q.speaker_entity and q.spans]
    direct = [q for q in spoken if str(q.type).lower() == "direct"] or spoken
    if not direct:
        return None
    return min(direct, key=lambda q: q.spans[0].start).speaker_entity


def entity_candidates(
    entities: Sequence[Entity],
    layout: Layout,
    quotes: Sequence[Quote] = (),
    *,
    home: str | None = HOME_COUNTRY,
    kb=None,  # noqa: ANN001 - tagwerk.kb.KnowledgeBase, optional
    text: str = "",
    lead: tuple[int, int] | None = None,
    credit: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """Salience-scored candidates for the entities of an article.

    ``text`` lets an office named before a person (``Bundeskanzler Olaf Scholz``) count as its
    prominence; ``lead`` is the span of the news lead sentence (:func:`lead_sentence_span`);
    mentions inside ``credit`` (credit line, byline, dateline: :func:`credit_spans`) count not.
    """
    speakers = {q.speaker_entity for q in quotes if q.speaker_entity}
    main_speaker = first_speaker(quotes)
    by_id = {e.id: e for e in entities}
    extra: dict[str, list[tuple[float, Evidence]]] = {}
    for e in entities:
        if e.stands_for and e.stands_for in by_id and e.stands_for != e.id:
            for m in e.mentions:
                if m.source != "credit" and not in_spans(m.start, m.end, credit):
                    extra.setdefault(e.stands_for, []).append(
                        (MENTION_WEIGHT["metonym"], Evidence(m.start, m.end, m.text, "metonym"))
                    )
    out: list[Candidate] = []
    for e in entities:
        # names come cleaned and linked from the entities stage (role nouns stripped, common
        # nouns dropped, surnames relinked); the KB entry only adds prominence and kind
        entry = _kb_entry(kb, e)
        label, kb_id = e.type, e.kb_id
        name = entry.name if entry is not None and entry.name else " ".join((e.name or "").split())
        if len(name) < 2:
            continue
        if label != "PER" and (is_agency(name, entry.kind if entry is not None else None) or is_time_zone(name)):
            continue  # a news agency is the source of the story, never its subject; a time zone is background
        weighted: list[tuple[float, Evidence]] = []
        for m in e.mentions:
            if m.source == "credit" or in_spans(m.start, m.end, credit):
                continue  # credit line, byline and dateline (``Peine (dpa/lni) -``) are no evidence
            if text and in_amount(m.start, m.end, text):
                continue  # ``2,8 Milliarden Euro``: a currency named in passing
            kind = "derived" if m.derived else "part" if m.part else "mention"
            w = MENTION_WEIGHT["derived" if m.derived else "part" if m.part else "plain"]
            weighted.append((w, Evidence(m.start, m.end, m.text, kind)))
        weighted.extend(extra.get(e.id, ()))
        if not weighted:
            continue
        n_eff = sum(w for w, _ in weighted)
        head, in_lead, spread, early = _position_features([ev.start for _, ev in weighted], layout)
        in_lead_sentence = lead is not None and any(lead[0] <= ev.start < lead[1] for _, ev in weighted)
        prom = max(entry.prominence if entry is not None else 0.0, text_prominence(e, text))
        raw = (
            W_COUNT * math.log1p(n_eff)
            + W_HEAD * head
            + W_LEAD * in_lead
            + W_SPREAD * spread
            + W_EARLY * early
            + (W_LEAD_SENTENCE if in_lead_sentence else 0.0)
            + (W_SPEAKER if e.id in speakers else 0.0)
            + (W_FIRST_SPEAKER if main_speaker is not None and e.id == main_speaker else 0.0)
            + (W_KB * prom if prom > 0 else W_KB_UNKNOWN if kb_id else 0.0)
        )
        if e.salience > 0:
            raw *= 0.75 + 0.5 * min(1.0, e.salience)
        raw *= NAMED_EVENT_PRIOR if e.id.startswith(WEATHER_ID_PREFIX) else TYPE_PRIOR.get(label, 0.5)
        if entry is not None:
            raw *= KIND_PRIOR.get(entry.kind, 1.0)
        if e.stands_for and e.stands_for in by_id:
            raw *= METONYM_DEMOTION
        if home and name == home:
            raw *= HOME_DEMOTION
        kind = entry.kind if entry is not None else ""
        feats = {"mentions": math.log1p(n_eff), "early": early, label.lower(): 1.0}  # the rest only where not 0
        for f, on in (("head", head), ("lead", in_lead), ("spread", spread), ("lead_sentence", in_lead_sentence),
                      ("speaker", e.id in speakers), ("first_speaker", e.id == main_speaker), ("linked", kb_id),
                      ("metonym", e.stands_for), ("home", bool(home) and name == home)):
            if on:
                feats[f] = float(on) if isinstance(on, float) else 1.0
        if prom > 0:
            feats["prominence"] = prom
        derived = sum(1 for _, ev in weighted if ev.kind == "derived")
        if derived:
            feats["derived"] = derived / len(weighted)
        if kind in ("country", "city", "region", "state"):
            feats["region" if kind == "state" else kind] = 1.0
        out.append(
            Candidate(
                name=name,
                score=raw,
                source="entity",
                type=TYPE_NAMES.get(label, "topic"),
                kb_id=kb_id,
                entity=e.id,
                evidence=[ev for _, ev in weighted],
                label=label,
                feats=feats,
            )
        )
    return out


# --- topics ----------------------------------------------------------------------------------


def topic_candidates(vocab: TopicVocabulary, hits: dict[int, list[TopicHit]], layout: Layout) -> list[Candidate]:
    """One candidate per taggable topic name with trigger hits (:func:`~tagwerk.topics.hits_per_topic`:
    its entries as one topic, each span once)."""
    out: list[Candidate] = []
    for topic, uniq in hits_per_topic(vocab, hits):
        if not topic.taggable:
            continue
        distinct = len({h.trigger for h in uniq})
        head, lead, spread, early = _position_features([h.start for h in uniq], layout)
        if topic.weight < 1.0 and len(uniq) < 2 and not head:
            continue  # a broad topic (Polizei, Justiz) needs more than one word of evidence
        raw = (
            W_COUNT * math.log1p(len(uniq))
            + TOPIC_DISTINCT * min(2, distinct - 1)
            + W_HEAD * head
            + W_LEAD * lead
            + W_SPREAD * spread
            + W_EARLY * early
        ) * TOPIC_PRIOR * topic.weight
        out.append(
            Candidate(
                name=topic.name,
                score=raw,
                source="topic",
                type=topic.type if topic.type != "topic" else "topic",
                evidence=[Evidence(h.start, h.end, "", "trigger") for h in uniq],
                feats={
                    k: v for k, v in (
                        ("topic_hits", math.log1p(len(uniq))), ("topic_distinct", float(min(3, distinct))),
                        ("topic_weight", topic.weight), ("head", head), ("lead", lead), ("spread", spread), ("early", early),
                    ) if v
                },
            )
        )
    return out


# --- keyphrases ------------------------------------------------------------------------------


def keyphrase_candidates(
    keyphrases: Sequence[Keyphrase], pool: int = KEYPHRASE_POOL, text: str = "", credit: Sequence[tuple[int, int]] = (),
    layout: Layout | None = None,
) -> list[Candidate]:
    """The best keyphrases (``pool``) as candidates: not a word common in German at large, and not
    one named only as an amount's unit, in the credit (``credit``) or as the time of the news
    (:func:`~tagwerk.stages.tags.rules.names_a_date`, given the ``layout``)."""
    from tagwerk.lang.de.morphology import background_zipf

    out: list[Candidate] = []
    for kp in keyphrases[:pool]:
        if background_zipf(kp.text) > KEYPHRASE_MAX_ZIPF:
            continue
        if text and all(in_amount(s.start, s.end, text) or in_spans(s.start, s.end, credit)
                        or names_a_date(s.start, s.end, text, layout) for s in kp.spans):
            continue  # ``300 Kilowattstunden``: a unit named in passing; a word of the credit; ``an den Osterfeiertagen``
        out.append(
            Candidate(
                name=kp.text,
                score=KEYPHRASE_PRIOR * kp.score,
                source="keyphrase",
                type="term",
                evidence=[Evidence(s.start, s.end, s.text, "term") for s in kp.spans],
                feats={"keyphrase": kp.score},
            )
        )
    return out
