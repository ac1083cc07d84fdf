"""The ranker of a newsroom profile: candidate features and the models that score them.

A model is plain data (JSON): a logistic regression's weights or a gradient-boosted forest's
trees, both trained by scikit-learn (``tagwerk train tags``, :mod:`tagwerk.training.profile`) and
evaluated here with numpy, so a profile loads no pickle and runs without scikit-learn.

Kinds: ``salience`` (the hand-weighted score of the tags stage: the default profile),
``prior`` (that score times how often the newsroom kept the tag: for archives too small to fit a
model), ``linear`` and ``trees``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

FEATURES: tuple[str, ...] = (
    # the tags stage's own ranking
    "hand", "hand_rel", "hand_rank",
    # where the candidate comes from and what it is
    "src_entity", "src_topic", "src_keyphrase", "src_assoc", "sources",
    "per", "loc", "org", "misc", "country", "city", "region", "words",
    # salience (Candidate.feats, see tagwerk.stages.tags.candidates)
    "mentions", "head", "lead", "spread", "early", "lead_sentence", "speaker", "first_speaker",
    "prominence", "linked", "metonym", "derived", "home",
    "topic_hits", "topic_distinct", "topic_weight", "keyphrase",
    # what the newsroom's archive says about the tag
    "house", "house_count", "prior", "seen", "assoc", "place_country", "subject",
    # added in 1.x: older profiles' models name the features they use, so these come last
    "place_region", "src_place",
)
"""The features of one candidate, in the order of a model's weights."""

_SOURCES = {"entity": "src_entity", "topic": "src_topic", "keyphrase": "src_keyphrase", "assoc": "src_assoc"}
COMPUTED = frozenset(
    {"hand", "hand_rel", "hand_rank", "src_entity", "src_topic", "src_keyphrase", "words",
     "house", "house_count", "prior", "seen", "subject"}
)
"""Features computed from the candidate and the archive, never set in ``Candidate.feats``."""


class CandidateLike(Protocol):
    name: str
    score: float
    source: str
    type: str
    feats: dict[str, float]

    @property
    def key(self) -> str: ...


class ArchiveView(Protocol):
    """What the features need from a profile (:class:`tagwerk.profiles.Profile`)."""

    def house_count(self, key: str) -> int: ...

    def prior_logit(self, key: str, kind: str | None = None) -> float: ...

    def seen(self, key: str) -> int: ...

    def is_subject(self, key: str) -> bool: ...


def feature_dicts(cands: Sequence[CandidateLike], archive: ArchiveView | None) -> list[dict[str, float]]:
    """The non-zero :data:`FEATURES` of each candidate (``cands`` in any order)."""
    if not cands:
        return []
    top = max(c.score for c in cands) or 1.0
    order = sorted(range(len(cands)), key=lambda i: -cands[i].score)
    rank = [0] * len(cands)
    for r, i in enumerate(order):
        rank[i] = r
    out = []
    for i, c in enumerate(cands):
        d = dict(c.feats)
        d["hand"] = math.log1p(c.score) if c.score > 0 else 0.0
        d["hand_rel"] = c.score / top
        d["hand_rank"] = 1.0 / (1.0 + rank[i])
        src = _SOURCES.get(c.source)
        if src:
            d[src] = 1.0
        d.setdefault("sources", 1.0)
        d["words"] = float(c.name.count(" ") + 1)
        if archive is not None:
            key = c.key
            count = archive.house_count(key)
            if count:
                d["house"] = 1.0
                d["house_count"] = math.log1p(count)
            if not d.get("src_assoc"):
                # how often the editors kept the tag when the text named it: says nothing of a
                # tag the text does not name (an associated one)
                d["prior"] = archive.prior_logit(key)
                d["seen"] = math.log1p(archive.seen(key))
            if archive.is_subject(key):
                d["subject"] = 1.0
        out.append(d)
    return out


def keep_probabilities(z: np.ndarray) -> np.ndarray:
    """The probabilities of a model's log-odds ``z`` (the logistic function; clipped, so no overflow)."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


_INDEX = {f: i for i, f in enumerate(FEATURES)}


def dense(dicts: Sequence[Mapping[str, float]]) -> np.ndarray:
    """The feature dicts as rows of :data:`FEATURES` (unknown keys ignored)."""
    rows = [[d.get(f, 0.0) for f in FEATURES] for d in dicts]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def feature_rows(cands: Sequence[CandidateLike], archive: ArchiveView | None) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate (``cands`` in any order)."""
    return dense(feature_dicts(cands, archive))


def candidate_kind(c: CandidateLike) -> str:
    """What kind of tag a candidate is, for the archive's keep rate per kind: its source and
    type (``entity:person``, ``entity:place``, ``topic:topic``, ``keyphrase:term``)."""
    return f"{c.source}:{c.type}"


class Ranker:
    """Scores candidates; ``None`` keeps the hand-weighted salience."""

    kind = "salience"
    probabilities = False
    """Whether its scores are the probability that the editors keep the tag (a fitted model's),
    so that a profile's ``min_probability`` applies to them."""

    _memo_owner: object
    _memo: dict[Any, float]

    def _memo_for(self, archive: ArchiveView | None) -> dict[Any, float]:
        """The ranker's memo of what depends only on a candidate's name and the archive: one per
        archive (a profile), bounded."""
        memo = getattr(self, "_memo", None)
        if memo is None or self._memo_owner is not archive:
            self._memo_owner, self._memo = archive, {}
            return self._memo
        if len(memo) > 100_000:
            memo.clear()
        return memo

    def score(self, cands: Sequence[CandidateLike], archive: ArchiveView | None) -> list[float] | None:
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind}


@dataclass
class PriorRanker(Ranker):
    """The hand-weighted score times the newsroom's odds of keeping the tag, bounded: a tag the
    editors rejected falls, one they added rises; a tag the archive has not seen gets the odds of
    its kind (a house that never tags persons). For archives too small to fit a model."""

    strength: float = 1.0
    bound: float = 3.0
    kind = "prior"

    def score(self, cands: Sequence[CandidateLike], archive: ArchiveView | None) -> list[float] | None:
        if archive is None:
            return None
        memo = self._memo_for(archive)
        out = []
        for c in cands:
            if c.feats.get("src_assoc"):  # the editors' odds for a named tag say nothing of an associated one
                out.append(max(c.score, 1e-6))
                continue
            # the odds depend on the name and kind only: memoised (an agency profile's ranker
            # scores some 45 candidates an article, most of them seen before)
            odds = memo.get((c.name, c.source, c.type))
            if odds is None:
                lo = max(-self.bound, min(self.bound, self.strength * archive.prior_logit(c.key, candidate_kind(c))))
                odds = memo[(c.name, c.source, c.type)] = math.exp(lo)
            out.append(max(c.score, 1e-6) * odds)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "strength": self.strength, "bound": self.bound}


def _check_features(names: Sequence[str]) -> list[int]:
    index = {f: i for i, f in enumerate(FEATURES)}
    missing = [n for n in names if n not in index]
    if missing:
        raise ValueError(f"the ranker uses features this tagwerk does not know: {', '.join(missing)}")
    return [index[n] for n in names]


@dataclass
class LinearRanker(Ranker):
    """A logistic regression on standardised features: ``sigmoid(((x - mean) / scale) · coef + b)``."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    kind = "linear"
    probabilities = True

    def __post_init__(self) -> None:
        self._cols = _check_features(self.features)
        self._mean = np.asarray(self.mean, dtype=np.float64)
        self._scale = np.where(np.asarray(self.scale, dtype=np.float64) == 0, 1.0, np.asarray(self.scale, dtype=np.float64))
        self._coef = np.asarray(self.coef, dtype=np.float64)
        # the same model on raw features: z = b + sum(w_f * x_f), summed over a candidate's
        # non-zero features only (a few dict look-ups instead of numpy calls per article)
        self._weight = {f: float(w / sc) for f, w, sc in zip(self.features, self._coef, self._scale, strict=True) if w}
        self._bias = float(self.intercept - float(np.sum(self._coef * self._mean / self._scale)))
        w = self._weight
        self._fixed = tuple(w.get(f, 0.0) for f in ("hand", "hand_rel", "hand_rank", "sources"))
        self._source = {src: w.get(f, 0.0) for src, f in _SOURCES.items()}

    def decision(self, rows: np.ndarray) -> np.ndarray:
        x = (rows[:, self._cols] - self._mean) / self._scale
        return x @ self._coef + self.intercept

    def score(self, cands: Sequence[CandidateLike], archive: ArchiveView | None) -> list[float] | None:
        """``sigmoid(decision(feature_rows(cands)))``, computed without building the rows: the
        tags stage calls this for every article, and a profile may cost it little time."""
        n = len(cands)
        if not n:
            return []
        weight = self._weight
        w_hand, w_rel, w_rank, w_sources = self._fixed
        bias = self._bias
        scores = [c.score for c in cands]
        inv_top = 1.0 / (max(scores) or 1.0)
        memo = self._memo_for(archive)
        exp, log1p = math.exp, math.log1p
        out = [0.0] * n
        for r, i in enumerate(sorted(range(n), key=scores.__getitem__, reverse=True)):
            c = cands[i]
            feats = c.feats
            sc = scores[i]
            # what the candidate's name, source and the archive give (memoised by name: a
            # candidate of the same name and source gets the same terms)
            key = (c.name, c.source, "src_assoc" in feats)
            z = memo.get(key)
            if z is None:
                z = memo[key] = self._name_term(archive, c)
            z += bias + w_rel * sc * inv_top + w_rank / (1.0 + r)
            if sc > 0:
                z += w_hand * log1p(sc)
            # never one of the features computed here (COMPUTED); only the weighted ones count
            for f, v in feats.items():
                if f in weight:
                    z += weight[f] * v
            if "sources" not in feats:
                z += w_sources
            out[i] = 1.0 / (1.0 + exp(-z)) if z > -30.0 else 0.0
        return out

    def _name_term(self, archive: ArchiveView | None, c: CandidateLike) -> float:
        """The part of the decision that depends only on the candidate's name, its source and
        whether it was associated (``src_assoc``): the word count, the source, the archive."""
        got = self._weight.get("words", 0.0) * (c.name.count(" ") + 1) + self._source.get(c.source, 0.0)
        if archive is not None:
            got += self._archive_term(archive, c.key, "src_assoc" in c.feats)
        return got

    def _archive_term(self, archive: ArchiveView, key: str, associated: bool) -> float:
        w = self._weight
        count = archive.house_count(key)
        got = (w.get("house", 0.0) if count else 0.0) + w.get("house_count", 0.0) * math.log1p(count)
        if not associated:
            got += w.get("prior", 0.0) * archive.prior_logit(key) + w.get("seen", 0.0) * math.log1p(archive.seen(key))
        if archive.is_subject(key):
            got += w.get("subject", 0.0)
        return got

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "features": self.features, "mean": self.mean, "scale": self.scale,
                "coef": self.coef, "intercept": self.intercept}


@dataclass
class TreeRanker(Ranker):
    """Gradient-boosted regression trees on the log-odds: ``sigmoid(init + rate · Σ leaf)``.

    ``trees`` are scikit-learn's arrays, one dict per tree: ``feature`` (-2 at a leaf),
    ``threshold``, ``left``, ``right`` and ``value``. All trees are walked at once, one level
    per step, with numpy."""

    features: list[str]
    init: float
    rate: float
    trees: list[dict[str, list[Any]]] = field(default_factory=list)
    kind = "trees"
    probabilities = True

    def __post_init__(self) -> None:
        self._cols = np.asarray(_check_features(self.features), dtype=np.int64)
        n = max((len(t["feature"]) for t in self.trees), default=1)
        k = len(self.trees)
        self._feat = np.full((k, n), -2, dtype=np.int64)
        self._thr = np.zeros((k, n))
        self._left = np.zeros((k, n), dtype=np.int64)
        self._right = np.zeros((k, n), dtype=np.int64)
        self._value = np.zeros((k, n))
        for i, t in enumerate(self.trees):
            m = len(t["feature"])
            self._feat[i, :m] = t["feature"]
            self._thr[i, :m] = t["threshold"]
            self._left[i, :m] = t["left"]
            self._right[i, :m] = t["right"]
            self._value[i, :m] = t["value"]
        self._depth = max((_depth(t) for t in self.trees), default=0)

    def decision(self, rows: np.ndarray) -> np.ndarray:
        x = rows[:, self._cols]
        n, k = x.shape[0], self._feat.shape[0]
        if n == 0 or k == 0:
            return np.full(n, self.init)
        tree = np.broadcast_to(np.arange(k), (n, k))
        row = np.broadcast_to(np.arange(n)[:, None], (n, k))
        node = np.zeros((n, k), dtype=np.int64)
        for _ in range(self._depth):
            f = self._feat[tree, node]
            leaf = f < 0
            go_left = x[row, np.where(leaf, 0, f)] <= self._thr[tree, node]
            node = np.where(leaf, node, np.where(go_left, self._left[tree, node], self._right[tree, node]))
        return self.init + self.rate * self._value[tree, node].sum(axis=1)

    def score(self, cands: Sequence[CandidateLike], archive: ArchiveView | None) -> list[float] | None:
        return keep_probabilities(self.decision(feature_rows(cands, archive))).tolist()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "features": self.features, "init": self.init, "rate": self.rate, "trees": self.trees}


def _depth(tree: Mapping[str, list[Any]]) -> int:
    feat, left, right = tree["feature"], tree["left"], tree["right"]
    best, stack = 0, [(0, 0)]
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        if feat[node] >= 0:
            stack += [(int(left[node]), d + 1), (int(right[node]), d + 1)]
    return best


def ranker_from_dict(data: Mapping[str, Any] | None) -> Ranker:
    """The ranker a profile's ``ranker`` entry describes; raises ValueError when malformed."""
    if not data:
        return Ranker()
    kind = data.get("kind", "salience")
    try:
        if kind == "salience":
            return Ranker()
        if kind == "prior":
            return PriorRanker(float(data.get("strength", 1.0)), float(data.get("bound", 3.0)))
        if kind == "linear":
            return LinearRanker(list(data["features"]), list(data["mean"]), list(data["scale"]),
                                list(data["coef"]), float(data["intercept"]))
        if kind == "trees":
            return TreeRanker(list(data["features"]), float(data["init"]), float(data["rate"]), list(data["trees"]))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"the {kind} ranker lacks or mistypes {exc}") from None
    raise ValueError(f"unknown ranker kind {kind!r} (salience, prior, linear or trees)")
