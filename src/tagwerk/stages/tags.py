"""Tags: what an editor puts under the article, ranked, with evidence.

Candidates come from three sources, each scored by a pure function:

* entities (:func:`entity_candidates`): salience from mention count (derived and part
  mentions count less, metonymic places count toward what they stand for), the first
  mention's position, headline and lead, spread over the blocks, speaker role and KB
  prominence;
* topics of the vocabulary (:func:`topic_candidates`): trigger hits, weighted the same way;
* keyphrases (:func:`keyphrase_candidates`): the keyphrase stage's best terms, a weak source.

:func:`merge_candidates` folds duplicates into one concept (same tag key, a surname
inside a full name, a term the entity or topic already covers) in its canonical editor form;
:func:`select_tags` keeps the given tags and the top k.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from tagwerk.analysis import Entity, Evidence, Keyphrase, Quote, Sentence, Tag
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.topics import TopicHit, TopicVocabulary, load_vocabulary, tag_key, topic_hits
from tagwerk.topics.layout import HEAD, LEAD, Layout

VERSION = "1.2.0"

TYPE_NAMES = {"PER": "person", "LOC": "place", "ORG": "organisation", "MISC": "topic"}

# --- weights -------------------------------------------------------------------------------
# Set by hand on the seed article, then checked (a coarse grid of a few values each, not a
# fit) on ../shared/data/ntv-tags/dev.jsonl with benchmarks/tags.py; see docs/tags.md.
TYPE_PRIOR = {"PER": 1.0, "LOC": 1.0, "ORG": 0.85, "MISC": 0.55}
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


@dataclass
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

    @property
    def key(self) -> str:
        return tag_key(self.name)

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
    data = yaml.safe_load((resources.files("tagwerk.lang.de") / "names.yaml").read_text(encoding="utf-8"))
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
) -> list[Candidate]:
    """Salience-scored candidates for the entities of an article.

    ``text`` lets an office named before a person (``Bundeskanzler Olaf Scholz``) count as its
    prominence; ``lead`` is the span of the news lead sentence (:func:`lead_sentence_span`).
    """
    speakers = {q.speaker_entity for q in quotes if q.speaker_entity}
    main_speaker = first_speaker(quotes)
    by_id = {e.id: e for e in entities}
    extra: dict[str, list[tuple[float, Evidence]]] = {}
    for e in entities:
        if e.stands_for and e.stands_for in by_id and e.stands_for != e.id:
            for m in e.mentions:
                if m.source != "credit":
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
        weighted: list[tuple[float, Evidence]] = []
        for m in e.mentions:
            if m.source == "credit":
                continue  # agencies and authors of the credit line are no tags
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
        raw *= TYPE_PRIOR.get(label, 0.5)
        if entry is not None:
            raw *= KIND_PRIOR.get(entry.kind, 1.0)
        if e.stands_for and e.stands_for in by_id:
            raw *= METONYM_DEMOTION
        if home and name == home:
            raw *= HOME_DEMOTION
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
            )
        )
    return out


# --- topics ----------------------------------------------------------------------------------


def topic_candidates(vocab: TopicVocabulary, hits: dict[int, list[TopicHit]], layout: Layout) -> list[Candidate]:
    """One candidate per taggable topic name with trigger hits."""
    grouped: dict[str, tuple[int, list[TopicHit]]] = {}
    for ti, hs in hits.items():
        topic = vocab.topics[ti]
        if not topic.taggable:
            continue
        key = tag_key(topic.name)
        if key in grouped:
            grouped[key][1].extend(hs)
        else:
            grouped[key] = (ti, list(hs))
    out: list[Candidate] = []
    for ti, hs in grouped.values():
        topic = vocab.topics[ti]
        # one hit per span; when several triggers hit the same span, the same one every run
        # (hit order follows set iteration, which changes with Python's string hash seed)
        spans: dict[tuple[int, int], TopicHit] = {}
        for h in sorted(hs, key=lambda h: (h.start, h.end, h.trigger)):
            spans.setdefault((h.start, h.end), h)
        uniq = sorted(spans.values(), key=lambda h: h.start)
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
            )
        )
    return out


# --- keyphrases ------------------------------------------------------------------------------


def keyphrase_candidates(keyphrases: Sequence[Keyphrase], pool: int = KEYPHRASE_POOL) -> list[Candidate]:
    from tagwerk.lang.de.morphology import background_zipf

    out: list[Candidate] = []
    for kp in keyphrases[:pool]:
        if background_zipf(kp.text) > KEYPHRASE_MAX_ZIPF:
            continue
        out.append(
            Candidate(
                name=kp.text,
                score=KEYPHRASE_PRIOR * kp.score,
                source="keyphrase",
                type="term",
                evidence=[Evidence(s.start, s.end, s.text, "term") for s in kp.spans],
            )
        )
    return out


# --- merging ---------------------------------------------------------------------------------

_SOURCE_RANK = {"entity": 0, "topic": 1, "keyphrase": 2}


def _absorb(into: Candidate, other: Candidate) -> None:
    """Fold ``other`` into ``into``: scores combine, evidence is pooled."""
    hi, lo = max(into.score, other.score), min(into.score, other.score)
    into.score = hi + 0.3 * lo
    seen = {(e.start, e.end) for e in into.evidence}
    for ev in other.evidence:
        if (ev.start, ev.end) not in seen:
            into.evidence.append(ev)
            seen.add((ev.start, ev.end))
    if into.kb_id is None:
        into.kb_id = other.kb_id
    if into.entity is None:
        into.entity = other.entity


def _overlaps(a: Iterable[Evidence], spans: list[tuple[int, int]], longest: int) -> bool:
    """Does any evidence overlap one of ``spans`` (sorted; none longer than ``longest``)? By
    bisection: a scan of every span for every term grew with the square of an article's
    length (13 s of the analysis of an 800,000-character article)."""
    for e in a:
        at = bisect_left(spans, (e.start - longest, -1))
        while at < len(spans) and spans[at][0] < e.end:
            if e.start < spans[at][1]:
                return True
            at += 1
    return False


def merge_candidates(cands: list[Candidate], vocab: TopicVocabulary | None = None) -> list[Candidate]:
    """One candidate per concept, in its canonical editor form."""
    # canonical names from the vocabulary (a newsroom's own spelling wins)
    if vocab is not None:
        for c in cands:
            t = vocab.lookup(c.name)
            if t is not None and c.source != "keyphrase":
                c.name = t.name
    cands = sorted(cands, key=lambda c: (_SOURCE_RANK.get(c.source, 9), -c.score))
    merged: dict[str, Candidate] = {}
    for c in cands:
        k = c.key
        if not k:
            continue
        if k in merged:
            _absorb(merged[k], c)
        else:
            merged[k] = c
    out = list(merged.values())

    # a bare surname or a shorter form of a person's name folds into the full name
    persons = [c for c in out if c.label == "PER"]
    drop: set[int] = set()
    for a in persons:
        wa = set(tag_key(w) for w in a.name.split())
        for b in persons:
            if a is b or id(b) in drop:
                continue
            wb = set(tag_key(w) for w in b.name.split())
            if wa < wb:
                _absorb(b, a)
                drop.add(id(a))
                break
    out = [c for c in out if id(c) not in drop]

    # an entity whose every mention is a topic's trigger is that topic (``Islamischer Staat``)
    topics = [c for c in out if c.source == "topic"]
    absorbed: set[int] = set()
    for c in out:
        if c.source != "entity" or not topics:
            continue
        spans = [(e.start, e.end) for e in c.evidence]
        for t in topics:
            t_spans = [(e.start, e.end) for e in t.evidence]
            if spans and all(any(a <= s0 and e0 <= b for a, b in t_spans) for s0, e0 in spans):
                _absorb(t, c)
                if t.kb_id is None:
                    t.kb_id = c.kb_id
                absorbed.add(id(c))
                break
    out = [c for c in out if id(c) not in absorbed]

    # a term already covered by an entity or topic (same words, or a compound of its name)
    covered = sorted((e.start, e.end) for c in out if c.source != "keyphrase" for e in c.evidence if e.kind != "term")
    longest = max((t - s for s, t in covered), default=0)
    strong_keys = [c.key for c in out if c.source != "keyphrase" and len(c.key) >= 4]
    kept: list[Candidate] = []
    for c in out:
        if c.source == "keyphrase":
            if _overlaps(c.evidence, covered, longest):
                continue
            if any(sk in c.key or c.key in sk for sk in strong_keys):
                continue
        kept.append(c)
    # terms among themselves: one compound family, one term
    result: list[Candidate] = []
    for c in sorted(kept, key=lambda c: -c.score):
        if c.source == "keyphrase" and any(
            r.source == "keyphrase" and (r.key in c.key or c.key in r.key) for r in result
        ):
            continue
        result.append(c)
    return result


def _fill_evidence_text(cands: Iterable[Candidate], text: str) -> None:
    for c in cands:
        for e in c.evidence:
            if not e.text:
                e.text = text[e.start : e.end]


def _given_evidence(name: str, text: str) -> list[Evidence]:
    out: list[Evidence] = []
    low, needle = text.lower(), name.lower()
    if len(needle) < 2:
        return out
    i = low.find(needle)
    while i >= 0 and len(out) < MAX_EVIDENCE:
        out.append(Evidence(i, i + len(needle), text[i : i + len(needle)], "given"))
        i = low.find(needle, i + 1)
    return out


def select_tags(cands: list[Candidate], given: Sequence[str], top_k: int, text: str) -> list[Tag]:
    """Given tags first (kept, marked), then the ``top_k`` best other candidates."""
    ranked = sorted(cands, key=lambda c: (-c.score, _SOURCE_RANK.get(c.source, 9), c.name))
    top = ranked[0].score if ranked else 1.0
    by_key = {c.key: c for c in ranked}
    tags: list[Tag] = []
    given_keys: set[str] = set()
    for g in dict.fromkeys(x.strip() for x in given if x and x.strip()):
        k = tag_key(g)
        if k in given_keys:
            continue
        given_keys.add(k)
        c = by_key.get(k)
        if c is not None:
            tag = c.to_tag(1.0, given=True)
            tag.name = g
        else:
            tag = Tag(name=g, score=1.0, source="given", type="topic", given=True, evidence=_given_evidence(g, text))
        tags.append(tag)
    n = 0
    for c in ranked:
        if n >= top_k:
            break
        if c.key in given_keys:
            continue
        tags.append(c.to_tag(c.score / top if top > 0 else 0.0))
        n += 1
    return tags


def _load_kb(config: AnalyzerConfig):  # noqa: ANN202
    """The KB the entities stage uses (same arguments, so the cached copy), or None."""
    try:
        from tagwerk.kb import load_kb
    except ImportError:  # pragma: no cover - the KB package is part of tagwerk
        return None
    try:
        return load_kb(
            config.kb_path,
            user=config.extra.get("entities.user_kb", True),
            vocabularies=config.newsroom_vocabulary,
        )
    except Exception:  # noqa: BLE001 - without a KB the tags still work, only less well
        return None


@register_stage(
    "tags",
    version=VERSION,
    requires=("entities", "keyphrases", "section"),
    assigns=("tags",),
    description="ranked tags from entities, topics and keyphrases, with evidence",
)
class Tags(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        self.vocab = load_vocabulary(config.topics_path, config.newsroom_vocabulary)
        self.top_k = config.top_k
        self.home = config.extra.get("tags.home_country", HOME_COUNTRY) or None
        self.kb = _load_kb(config)

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        text = analysis.article.text
        layout = Layout.of(analysis.article)
        lead = lead_sentence_span(analysis.sentences, layout)
        cands = entity_candidates(analysis.entities, layout, analysis.quotes, home=self.home, kb=self.kb, text=text, lead=lead)
        cands += topic_candidates(self.vocab, topic_hits(work, self.vocab), layout)
        cands += keyphrase_candidates(analysis.keyphrases)
        cands = merge_candidates(cands, self.vocab)
        _fill_evidence_text(cands, text)
        analysis.tags = select_tags(cands, analysis.article.given_tags, self.top_k, text)
