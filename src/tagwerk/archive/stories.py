"""Story threads, built online: each article joins the best-matching open story or starts one.

A story is a centroid: the sums of its members' TF-IDF term vectors, entity weights and keyphrase
weights (each cut to its highest weights). An article is compared with the open stories that
share an index key with it, never with all of them:

* the inverted index maps keys (``e:`` entity, ``k:`` keyphrase, ``t:`` one of the article's
  or story's highest-weighted terms) to the open stories that hold them;
* the stories sharing most keys with the article (``max_candidates``) are scored:
  ``w_text * cos(terms) + w_entities * cos(entities) + w_keyphrases * cos(keyphrases)``;
* the best story at or above ``join_threshold`` whose time span, widened by the window, holds the
  article takes it; else the article starts a story.

A story closes when its last article is more than ``window`` older than the newest article seen:
it leaves the inverted index and drops its centroid (its summary stays). So the work per article
depends on the number of stories open in one window, not on the size of the archive.

Deterministic: ties are broken by story id, centroids are cut by (weight, key), and story ids are
hashes of the id of the article that started them, so the same articles in the same order give the
same stories, in one run or in a run that goes on from :meth:`StoryIndex.to_rows`.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field

from tagwerk.archive.config import ArchiveConfig
from tagwerk.archive.features import ArticleFeatures
from tagwerk.archive.records import StoryMember, StoryRecord

LABEL_ENTITIES = 3


def story_id(article_id: str) -> str:
    """The id of the story an article starts: a short hash of the article's id."""
    return "s" + hashlib.blake2b(article_id.encode(), digest_size=6).hexdigest()


def _top(weights: dict[str, float], n: int) -> list[str]:
    """The keys of the ``n`` highest weights, ties by key (two sorts in C, no Python key function)."""
    return sorted(sorted(weights), key=weights.__getitem__, reverse=True)[:n]


def _cut(weights: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` highest weights, once the dict has grown half as large again (cutting at
    every join would sort the centroid each time)."""
    if len(weights) <= keep + keep // 2:
        return weights
    return {k: weights[k] for k in _top(weights, keep)}


def _cosine(a: dict[str, float], b: dict[str, float], norm_b: float) -> float:
    if not a or norm_b == 0.0:
        return 0.0
    return sum(a[k] * b[k] for k in a.keys() & b.keys()) / norm_b  # ``a`` is of unit length


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


@dataclass(slots=True)
class _Story:
    id: str
    first: float
    last: float
    size: int
    entities: dict[str, float] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)
    keyphrases: dict[str, float] = field(default_factory=dict)
    label: str = ""
    keys: frozenset[str] = frozenset()
    norms: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def record(self, open_: bool) -> StoryRecord:
        return StoryRecord(
            self.id, self.label, self.first, self.last, self.size, open_,
            dict(self.entities), dict(self.names), dict(self.terms), dict(self.keyphrases),
        )


def label_of(entities: dict[str, float], names: dict[str, str], keyphrases: dict[str, float]) -> str:
    """``Wladimir Putin, Nordkorea · Besuch``: the story's main entities and its main keyphrase."""
    top = sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))
    shown: list[str] = []
    for key, _ in top:
        name = names.get(key, key)
        if name not in shown:
            shown.append(name)
        if len(shown) == LABEL_ENTITIES:
            break
    topic = next(iter(sorted(keyphrases.items(), key=lambda kv: (-kv[1], kv[0]))), None)
    words = ", ".join(shown)
    if topic is not None and topic[0] not in (n.lower() for n in shown):
        words = f"{words} · {topic[0]}" if words else topic[0]
    return words


@dataclass(slots=True)
class Placement:
    """Where the story index put an article."""

    story: str
    score: float | None
    """The similarity it joined with; None when it started the story."""
    new: bool
    label: str


class StoryIndex:
    """Online story clustering over articles in date order (see the module doc)."""

    def __init__(self, config: ArchiveConfig | None = None) -> None:
        self.config = config or ArchiveConfig()
        self._open: dict[str, _Story] = {}
        self._closed: MutableMapping[str, StoryRecord] = {}
        self._postings: dict[str, set[str]] = {}
        self._expiry: list[tuple[float, str]] = []
        self._members: MutableMapping[str, StoryMember] = {}
        self.watermark: float | None = None

    # -- queries ------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._open) + len(self._closed)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._members

    def member(self, article_id: str) -> StoryMember | None:
        return self._members.get(article_id)

    def story(self, sid: str) -> StoryRecord | None:
        if sid in self._open:
            return self._open[sid].record(True)
        return self._closed.get(sid)

    @property
    def open_stories(self) -> int:
        return len(self._open)

    def time_for(self, f: ArticleFeatures) -> float:
        """Where an article is placed in time: its date, else the newest date seen (else 0)."""
        if f.time is not None:
            return f.time
        return self.watermark if self.watermark is not None else 0.0

    # -- the index ----------------------------------------------------------------------------------
    def _keys(self, s: _Story) -> frozenset[str]:
        terms = _top(s.terms, self.config.term_keys * 2)
        return frozenset([f"e:{k}" for k in s.entities] + [f"k:{k}" for k in s.keyphrases] + [f"t:{k}" for k in terms])

    def _reindex(self, s: _Story) -> None:
        new = self._keys(s)
        for key in s.keys - new:
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(s.id)
                if not posting:
                    del self._postings[key]
        for key in new - s.keys:
            self._postings.setdefault(key, set()).add(s.id)
        s.keys = new

    def _close(self, sid: str) -> None:
        s = self._open.pop(sid)
        for key in s.keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(sid)
                if not posting:
                    del self._postings[key]
        summary = s.record(False)
        summary.entities, summary.terms, summary.keyphrases = {}, {}, {}
        summary.names = {}
        self._closed[sid] = summary

    def _advance(self, time: float) -> None:
        if self.watermark is None or time > self.watermark:
            self.watermark = time
        cutoff = self.watermark - self.config.window
        while self._expiry and self._expiry[0][0] < cutoff:
            last, sid = heapq.heappop(self._expiry)
            s = self._open.get(sid)
            if s is not None and s.last == last:  # else it has grown since: a later entry stands for it
                self._close(sid)

    def _candidates(self, f: ArticleFeatures) -> list[str]:
        terms = _top(f.terms, self.config.term_keys)
        keys = [f"e:{k}" for k in f.entities] + [f"k:{k}" for k in f.keyphrases] + [f"t:{k}" for k in terms]
        counts: Counter[str] = Counter()
        for key in keys:
            posting = self._postings.get(key)
            if posting and len(posting) <= self.config.max_postings:
                counts.update(posting)
        ranked = heapq.nsmallest(self.config.max_candidates, counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [sid for sid, _ in ranked]  # most shared keys first

    def score(self, f: ArticleFeatures, s: _Story) -> float:
        cfg = self.config
        nt, ne, nk = s.norms
        return (
            cfg.w_text * _cosine(f.terms, s.terms, nt)
            + cfg.w_entities * _cosine(f.entities, s.entities, ne)
            + cfg.w_keyphrases * _cosine(f.keyphrases, s.keyphrases, nk)
        )

    def best(self, f: ArticleFeatures, time: float) -> tuple[str, float] | None:
        """The open story ``f`` would join and its score, or None."""
        cfg = self.config
        window = cfg.window
        best: tuple[float, str] | None = None
        for sid in self._candidates(f):
            s = self._open[sid]
            if not (s.first - window <= time <= s.last + window):
                continue
            nt, ne, nk = s.norms
            value = cfg.w_entities * _cosine(f.entities, s.entities, ne) + cfg.w_keyphrases * _cosine(f.keyphrases, s.keyphrases, nk)
            if value + cfg.w_text < (cfg.join_threshold if best is None else best[0]):
                continue  # not even the same words would lift it to the best so far: skip the long vector
            value += cfg.w_text * _cosine(f.terms, s.terms, nt)
            if value >= cfg.join_threshold and (best is None or (-value, sid) < (-best[0], best[1])):
                best = (value, sid)
        return None if best is None else (best[1], best[0])

    # -- adding -------------------------------------------------------------------------------------
    def _grow(self, s: _Story, f: ArticleFeatures, time: float) -> None:
        cfg = self.config
        for attr, keep in (("terms", cfg.story_terms), ("entities", cfg.story_entities), ("keyphrases", cfg.story_keyphrases)):
            total = getattr(s, attr)
            for k, v in getattr(f, attr).items():
                total[k] = total.get(k, 0.0) + v
            setattr(s, attr, _cut(total, keep))
        for k in f.entities:
            s.names.setdefault(k, f.names.get(k, k))
        s.names = {k: s.names[k] for k in s.entities if k in s.names}
        s.norms = (_norm(s.terms), _norm(s.entities), _norm(s.keyphrases))
        s.first, s.last = min(s.first, time), max(s.last, time)
        s.size += 1
        s.label = label_of(s.entities, s.names, s.keyphrases)
        self._reindex(s)
        heapq.heappush(self._expiry, (s.last, s.id))

    def _reopen(self, sid: str) -> _Story:
        summary = self._closed.pop(sid)
        s = self._open[sid] = _Story(sid, summary.first, summary.last, summary.size, label=summary.label)
        return s

    def add(self, f: ArticleFeatures, *, story: str | None = None, score: float | None = None) -> Placement:
        """Place ``f``: in ``story`` when given (a version or copy goes with its original), else in
        the best open story or a new one. An article id already placed is not placed again."""
        known = self._members.get(f.id)
        if known is not None:
            return Placement(known.story_id, known.score, False, self._label(known.story_id))
        time = self.time_for(f)
        self._advance(time)
        new = False
        if story is not None and (story in self._open or story in self._closed):
            s = self._open[story] if story in self._open else self._reopen(story)
        else:
            found = self.best(f, time)
            if found is not None:
                s, score = self._open[found[0]], found[1]
            else:
                sid = story_id(f.id)
                while sid in self._open or sid in self._closed:  # a hash collision: practically never
                    sid = story_id(sid)
                s = self._open[sid] = _Story(sid, time, time, 0)
                new, score = True, None
        self._grow(s, f, time)
        self._members[f.id] = StoryMember(f.id, s.id, time, len(self._members), None if score is None else round(score, 4))
        return Placement(s.id, self._members[f.id].score, new, s.label)

    def _label(self, sid: str) -> str:
        rec = self.story(sid)
        return rec.label if rec else ""

    # -- a store's tables ----------------------------------------------------------------------------
    def keep_in(
        self, members: MutableMapping[str, StoryMember], closed: MutableMapping[str, StoryRecord], watermark: float | None
    ) -> None:
        """Keep the memberships and the closed stories in ``members`` and ``closed``, mappings that a
        store reads through to its tables, so that only the open stories stay in memory. They must
        hold what this index's own dicts would (every article placed so far; ``len(members)`` is the
        next arrival number); ``watermark`` is the newest time placed so far. Call it on an index
        that holds the open stories only (``from_rows(open_stories, [])``)."""
        self._members, self._closed = members, closed
        if watermark is not None:
            self._advance(watermark)

    # -- rows ---------------------------------------------------------------------------------------
    def to_rows(self) -> tuple[list[StoryRecord], list[StoryMember]]:
        """Every story (open ones with their centroids) and every article's membership, in arrival order."""
        stories = [s.record(True) for s in self._open.values()] + list(self._closed.values())
        stories.sort(key=lambda r: (r.first, r.id))
        return stories, sorted(self._members.values(), key=lambda m: m.seq)

    @classmethod
    def from_rows(
        cls, stories: Iterable[StoryRecord], members: Iterable[StoryMember], config: ArchiveConfig | None = None
    ) -> StoryIndex:
        """The index as ``to_rows`` left it (a store's rows): the same articles added next are
        placed as they would have been without the pause."""
        index = cls(config)
        for m in sorted(members, key=lambda m: m.seq):
            index._members[m.article_id] = m
            if index.watermark is None or m.time > index.watermark:
                index.watermark = m.time
        for rec in stories:
            if not rec.open:
                index._closed[rec.id] = rec
                continue
            s = _Story(
                rec.id, rec.first, rec.last, rec.size, dict(rec.entities), dict(rec.names), dict(rec.terms),
                dict(rec.keyphrases), rec.label,
            )
            s.norms = (_norm(s.terms), _norm(s.entities), _norm(s.keyphrases))
            index._open[rec.id] = s
        for sid in sorted(index._open, key=lambda k: (index._open[k].first, k)):
            index._reindex(index._open[sid])
            heapq.heappush(index._expiry, (index._open[sid].last, sid))
        if index.watermark is not None:
            index._advance(index.watermark)
        return index
