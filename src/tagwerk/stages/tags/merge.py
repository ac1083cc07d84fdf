"""Merging candidates into one tag per concept, dropping what an editor would delete, and
selecting the tags (:func:`merge_candidates`, :func:`drop_noise`, :func:`select_tags`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from tagwerk.analysis import Analysis, Evidence, Tag, is_local_id
from tagwerk.lang.de.morphology import declension_stem
from tagwerk.stages.tags.candidates import MAX_EVIDENCE, Candidate
from tagwerk.stages.tags.rules import is_agency, is_time_zone, kind_of_outlet_as_source, named_only_as_source, only_party_family
from tagwerk.topics import TopicVocabulary, tag_key

_SOURCE_RANK = {"entity": 0, "topic": 1, "keyphrase": 2}


def _absorb(into: Candidate, other: Candidate) -> None:
    """Fold ``other`` into ``into``: scores combine, evidence is pooled, features take the
    larger value of the two and count the sources."""
    hi, lo = max(into.score, other.score), min(into.score, other.score)
    into.score = hi + 0.3 * lo
    n = into.feats.get("sources", 1.0) + other.feats.get("sources", 1.0)
    for k, v in other.feats.items():
        if v > into.feats.get(k, 0.0):
            into.feats[k] = v
    into.feats["sources"] = n
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
    persons = [(c, {tag_key(w) for w in c.name.split()}) for c in out if c.label == "PER"]
    drop: set[int] = set()
    for a, wa in persons:
        for b, wb in persons:
            if a is b or id(b) in drop:
                continue
            if wa < wb:
                _absorb(b, a)
                drop.add(id(a))
                break
    out = [c for c in out if id(c) not in drop]

    # an entity whose every mention is a trigger of the topic that carries its name is that
    # topic (``Islamischer Staat`` -> Terrormiliz Islamischer Staat), also in another case
    # (``aus Zweitem Weltkrieg``: the words before the last compared without their endings); a
    # name that is only one of a topic's triggers (``GDL`` for Streik) stays a tag of its own
    topics = [(c, c.key) for c in out if c.source == "topic"]
    topic_keys = "\x00".join(k for _, k in topics)  # one search per entity finds whether any topic's key holds its key
    stems = {id(tc): _stem_key(tc.name) for tc, _ in topics if " " in tc.name}
    stem_set = set(stems.values())
    absorbed: set[int] = set()
    for c in out:
        if c.source != "entity" or not topics:
            continue
        key = c.key
        stem = _stem_key(c.name) if stems and " " in c.name else None
        if key not in topic_keys and stem not in stem_set:
            continue
        spans = [(e.start, e.end) for e in c.evidence]
        for tc, t_key in topics:
            if key not in t_key and (stem is None or stems.get(id(tc)) != stem):
                continue
            t_spans = [(e.start, e.end) for e in tc.evidence]
            if spans and all(any(a <= s0 and e0 <= b for a, b in t_spans) for s0, e0 in spans):
                _absorb(tc, c)
                if tc.kb_id is None:
                    tc.kb_id = c.kb_id
                absorbed.add(id(c))
                break
    out = [c for c in out if id(c) not in absorbed]
    out = _drop_inside_other_names(out)

    # a term already covered by an entity or topic (same words, or a compound of its name)
    covered = sorted((e.start, e.end) for c in out if c.source != "keyphrase" for e in c.evidence if e.kind != "term")
    longest = max((t - s for s, t in covered), default=0)
    strong_keys = [c.key for c in out if c.source != "keyphrase" and len(c.key) >= 4]
    kept: list[Candidate] = []
    for c in out:
        if c.source == "keyphrase":
            if _overlaps(c.evidence, covered, longest):
                continue
            key = c.key
            if any(sk in key or key in sk for sk in strong_keys):
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


def _stem_key(name: str) -> str:
    """:func:`tag_key` of the name's :func:`~tagwerk.lang.de.morphology.declension_stem`."""
    return tag_key(declension_stem(name))


_NAMED_TYPES = frozenset({"place", "organisation", "person"})


def _drop_inside_other_names(cands: list[Candidate]) -> list[Candidate]:
    """Without the topics that name a place, an organisation or a person only inside another
    entity's longer name, one the KB knows: ``Republik Kongo`` (Brazzaville) inside every
    ``Demokratische Republik Kongo`` the text names is no tag of its own."""
    named = [c for c in cands if c.source == "topic" and c.type in _NAMED_TYPES and c.evidence]
    if not named:
        return cands
    spans = sorted(  # the mentions of the entities the KB knows (``CDU Sachsen``, unknown, names the CDU)
        (e.start, e.end, c.key) for c in cands
        if c.source == "entity" and c.entity and not is_local_id(c.entity) for e in c.evidence if e.kind == "mention"
    )
    if not spans:
        return cands
    longest = max(b - a for a, b, _ in spans)
    drop = {id(c) for c in named if all(_inside_another(ev, c.key, spans, longest) for ev in c.evidence)}
    return [c for c in cands if id(c) not in drop] if drop else cands


def _inside_another(ev: Evidence, key: str, spans: list[tuple[int, int, str]], longest: int) -> bool:
    """Whether ``ev`` lies inside a longer one of ``spans`` (sorted (start, end, key); none
    longer than ``longest``) that belongs to another candidate than ``key``."""
    at = bisect_left(spans, (ev.start - longest, -1, ""))
    while at < len(spans) and spans[at][0] <= ev.start:
        a, b, k = spans[at]
        if k != key and ev.end <= b and (a, b) != (ev.start, ev.end):
            return True
        at += 1
    return False


def drop_noise(cands: list[Candidate], analysis: Analysis | None = None, kb=None) -> list[Candidate]:  # noqa: ANN001 - KnowledgeBase | None
    """Candidates an editor would delete: a news agency under any name (``Deutsche
    Presse-Agentur``), a tag whose only evidence is a word for a family of parties (the
    ``Liberalen`` of Romania are not the FDP), and (given the ``analysis``) a news outlet named
    only as the source of the news or the kind of outlet so named (``wie der «Spiegel» schreibt``,
    ``das Nachrichtenportal … berichtete``; ``kb`` says which names are outlets)."""
    return [
        c for c in cands
        if not (c.label != "PER" and (is_agency(c.name) or is_time_zone(c.name)))
        and not only_party_family(e.text for e in c.evidence)
        and not (analysis is not None and _source_only(c, analysis, kb))
    ]


def _source_only(c: Candidate, analysis: Analysis, kb) -> bool:  # noqa: ANN001 - KnowledgeBase | None
    if c.source == "keyphrase":
        return kind_of_outlet_as_source(c.name, [e.start for e in c.evidence], analysis)
    if c.label != "ORG":
        return False
    entry = (kb.get(c.entity or "") or kb.get(c.kb_id or "")) if kb is not None else None
    return named_only_as_source([e.start for e in c.evidence], analysis, media=entry is not None and entry.kind == "media")


def fill_evidence_text(cands: Iterable[Candidate], text: str) -> None:
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


def select_tags(cands: list[Candidate], given: Sequence[str], top_k: int, text: str, *, first: Sequence[str] = (),
                pool: Sequence[Candidate] | None = None, min_score: float = 0.0) -> list[Tag]:
    """Given tags first (kept, marked), then the ``top_k`` best other candidates; the candidates
    whose keys are ``first`` (a profile's subject terms) lead them, in that order. ``pool``: the
    candidates a profile's ranker scored and the subject terms, where it left the others out of
    its pool at score 0 (:meth:`tagwerk.stages.tags.Tags.rank`): only the pool is ranked when
    enough of it scores above 0 for the top k (the others would come after all of those), and
    the others only lend a given tag their evidence. ``min_score``: a candidate scored below it
    is not suggested, unless it is a ``first`` one or the best one (a profile's
    ``min_probability``)."""
    lead = {k: i for i, k in enumerate(first)}
    order = lambda c: (lead.get(c.key, len(lead)), -c.score, _SOURCE_RANK.get(c.source, 9), c.name)  # noqa: E731
    if pool is not None and sum(1 for c in pool if c.score > 0) >= top_k + len(given):
        ranked = sorted(pool, key=order)
        others: Sequence[Candidate] = cands
    else:
        ranked, others = sorted(cands, key=order), ()
    top = max((c.score for c in ranked), default=1.0)
    by_key = {c.key: c for c in ranked}
    tags: list[Tag] = []
    given_keys: set[str] = set()
    for g in dict.fromkeys(x.strip() for x in given if x and x.strip()):
        k = tag_key(g)
        if k in given_keys:
            continue
        given_keys.add(k)
        c = by_key.get(k) or next((x for x in others if x.key == k), None)
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
        if n and c.score < min_score and c.key not in lead:
            break  # ranked by score after the leading ones: the rest score lower still
        tags.append(c.to_tag(c.score / top if top > 0 else 0.0))
        n += 1
    return tags
