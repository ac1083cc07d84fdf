"""Versions and near-duplicates: which earlier article is this one a version or a copy of?

An article is linked to an earlier one, in this order:

1. the same agency item (NewsML-G2 ``guid``, digitalwires ``urn``): a version (``agency``);
2. the same words (its text digest): the same text again;
3. a near-copy: MinHash LSH (datasketch) proposes earlier articles whose 3-shingle sets are
   likely similar, and each proposal is checked on the signatures: enough of the shorter text
   must lie in the other (containment) and their Jaccard similarity must not be tiny.

A near-copy or the same text from the same URL or outlet is a ``version`` (an update); from
elsewhere a ``duplicate`` (the same agency copy in another paper). Links point at the first
article of the group, so a group is a star around its original; the newest version of a group
is the one with the highest agency version, then the latest date. :func:`diff_sentences`
gives what a version adds and drops.

Fingerprints are held for ``dedup_window`` after the newest article seen, then leave the index.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass

import numpy as np

from tagwerk.analysis import Analysis
from tagwerk.archive.config import ArchiveConfig
from tagwerk.archive.features import MINHASH_SEED, NUM_PERM, ArticleFeatures, content_sentences
from tagwerk.archive.records import Fingerprint, LinkKind, SentenceDiff, VersionGroup, VersionLink

_SCHEME = "affine32"
_DTYPE = np.dtype("<u4")


@dataclass(slots=True)
class _Print:
    time: float
    signature: np.ndarray | None
    shingles: int
    digest: str
    root: str
    urn: str | None
    version: int | None
    url: str | None
    outlet: str | None


def similarity(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> tuple[float, float]:
    """(Jaccard, containment) of two shingle sets from their MinHash signatures and sizes:
    containment is the share of the smaller set found in the other."""
    jaccard = float(np.count_nonzero(a == b)) / len(a)
    if jaccard <= 0.0 or min(size_a, size_b) == 0:
        return jaccard, 0.0
    inter = jaccard / (1.0 + jaccard) * (size_a + size_b)
    return jaccard, min(1.0, inter / min(size_a, size_b))


class DedupIndex:
    """Near-duplicate and version links over a stream of articles (see the module doc)."""

    def __init__(self, config: ArchiveConfig | None = None) -> None:
        from datasketch import MinHashLSH

        self.config = config or ArchiveConfig()
        self._lsh = MinHashLSH(threshold=self.config.lsh_threshold, num_perm=NUM_PERM)
        self._prints: dict[str, _Print] = {}
        self._by_digest: dict[str, str] = {}
        self._by_urn: MutableMapping[str, str] = {}
        self._groups: MutableMapping[str, list[tuple[str, int | None, float, int]]] = {}
        """root -> (article id, agency version, time, arrival) of each member, the root first; only
        for roots that have versions or copies."""
        self._links: MutableMapping[str, VersionLink] = {}
        self._expiry: list[tuple[float, str]] = []
        self._seq = 0
        self.watermark: float | None = None

    # -- queries ------------------------------------------------------------------------------------
    def __contains__(self, article_id: str) -> bool:
        return article_id in self._prints

    def link(self, article_id: str) -> VersionLink | None:
        return self._links.get(article_id)

    def group(self, article_id: str) -> VersionGroup | None:
        """The version group an article belongs to (None when it has neither versions nor copies)."""
        link = self._links.get(article_id)
        root = link.of if link else article_id
        members = self._groups.get(root)
        if not members or len(members) < 2:
            return None
        latest = max(members, key=lambda m: (m[1] if m[1] is not None else -1, m[2], m[3]))
        return VersionGroup(root, [m[0] for m in members], latest[0])

    def groups(self) -> Iterable[VersionGroup]:
        for root in self._groups:
            group = self.group(root)
            if group is not None:
                yield group

    # -- matching -----------------------------------------------------------------------------------
    def _kind(self, f: ArticleFeatures, other: _Print) -> LinkKind:
        if (f.url and f.url == other.url) or (f.outlet and f.outlet == other.outlet):
            return "version"
        return "duplicate"

    def _estimate(self, f: ArticleFeatures, other: _Print) -> tuple[float, float]:
        if f.signature is None or other.signature is None:
            return 0.0, 0.0
        return similarity(f.signature, f.shingles, other.signature, other.shingles)

    def match(self, f: ArticleFeatures) -> VersionLink | None:
        """The link of ``f`` to an earlier article held in the index, without adding it."""
        if f.urn and f.urn in self._by_urn:
            root = self._by_urn[f.urn]
            held = self._prints.get(root)
            sim = max(self._estimate(f, held)) if held is not None else 1.0
            return VersionLink(f.id, root, "agency", round(sim, 4), f.urn, f.version)
        if f.digest and f.digest in self._by_digest:
            first = self._prints[self._by_digest[f.digest]]
            return VersionLink(f.id, first.root, self._kind(f, first), 1.0, f.urn, f.version)
        if f.signature is None:
            return None
        cfg = self.config
        best: tuple[float, float, str] | None = None
        for key in self._lsh.query(self._lean(f.signature)):
            other = self._prints.get(key)
            if other is None:
                continue
            jaccard, containment = self._estimate(f, other)
            if containment < cfg.min_containment or jaccard < cfg.min_jaccard:
                continue
            cand = (-containment, other.time, key)
            if best is None or cand < best:
                best = cand
        if best is None:
            return None
        other = self._prints[best[2]]
        return VersionLink(f.id, other.root, self._kind(f, other), round(-best[0], 4), f.urn, f.version)

    @staticmethod
    def _lean(signature: np.ndarray):  # noqa: ANN205 - datasketch.LeanMinHash
        from datasketch import LeanMinHash

        return LeanMinHash(seed=MINHASH_SEED, hashvalues=signature, scheme=_SCHEME)

    # -- adding -------------------------------------------------------------------------------------
    def _advance(self, time: float) -> None:
        if self.watermark is None or time > self.watermark:
            self.watermark = time
        cutoff = self.watermark - self.config.dedup_window
        while self._expiry and self._expiry[0][0] < cutoff:
            _, key = heapq.heappop(self._expiry)
            held = self._prints.pop(key, None)
            if held is None:
                continue
            if held.signature is not None:
                self._lsh.remove(key)
            if self._by_digest.get(held.digest) == key:
                del self._by_digest[held.digest]

    def add(self, f: ArticleFeatures, time: float) -> VersionLink | None:
        """Link ``f`` (placed at ``time``) to an earlier article, then hold its fingerprint.
        An id already held is not added again (its link is returned)."""
        if f.id in self._prints or f.id in self._links:
            return self._links.get(f.id)
        self._advance(time)
        link = self.match(f)
        root = link.of if link else f.id
        self._hold(f.id, _Print(time, f.signature, f.shingles, f.digest, root, f.urn, f.version, f.url, f.outlet))
        if link is not None:
            self._links[f.id] = link
        return link

    def _join_group(self, root: str, member: tuple[str, int | None, float, int]) -> None:
        members = self._groups.get(root)
        if members is None:
            first = self._prints.get(root)
            head = (root, first.version, first.time, -1) if first is not None else (root, None, float("-inf"), -1)
            members = self._groups[root] = [head]
        members.append(member)

    def _hold(self, article_id: str, held: _Print) -> None:
        self._prints[article_id] = held
        if held.signature is not None:
            self._lsh.insert(article_id, self._lean(held.signature), check_duplication=False)
        if held.digest:
            self._by_digest.setdefault(held.digest, article_id)
        if held.urn:
            self._by_urn.setdefault(held.urn, held.root)
        if held.root != article_id:
            self._join_group(held.root, (article_id, held.version, held.time, self._seq))
        self._seq += 1
        heapq.heappush(self._expiry, (held.time, article_id))

    # -- a store's tables ----------------------------------------------------------------------------
    def keep_in(
        self,
        links: MutableMapping[str, VersionLink],
        urns: MutableMapping[str, str],
        groups: MutableMapping[str, list[tuple[str, int | None, float, int]]],
        *,
        watermark: float | None,
        arrivals: int,
    ) -> None:
        """Keep the links, the agency ids (urn -> first article) and the version groups in mappings
        that a store reads through to its tables, so that only the fingerprints within the window
        stay in memory. They must hold what this index's own dicts would; ``watermark`` is the newest
        time added so far and ``arrivals`` the number of articles added (the next arrival number).
        Call it on an index that holds the window's fingerprints only (``from_rows(prints, [])``)."""
        self._links, self._by_urn, self._groups = links, urns, groups
        self._seq = arrivals
        if watermark is not None:
            self._advance(watermark)

    def fingerprint(self, article_id: str) -> Fingerprint | None:
        """The row of a fingerprint held in the window (None once it has left it)."""
        p = self._prints.get(article_id)
        if p is None:
            return None
        sig = None if p.signature is None else p.signature.astype(_DTYPE).tobytes()
        return Fingerprint(article_id, p.time, p.shingles, sig, p.digest, p.root, p.urn, p.version, p.url, p.outlet)

    # -- rows ---------------------------------------------------------------------------------------
    def to_rows(self) -> tuple[list[Fingerprint], list[VersionLink]]:
        """The fingerprints held (in arrival order) and every link made."""
        prints = [
            Fingerprint(
                key, p.time, p.shingles, None if p.signature is None else p.signature.astype(_DTYPE).tobytes(), p.digest,
                p.root, p.urn, p.version, p.url, p.outlet,
            )
            for key, p in self._prints.items()  # a dict keeps arrival order
        ]
        return prints, list(self._links.values())

    @classmethod
    def from_rows(
        cls, prints: Iterable[Fingerprint], links: Iterable[VersionLink], config: ArchiveConfig | None = None
    ) -> DedupIndex:
        """The index as ``to_rows`` left it: ``prints`` in arrival order, every link."""
        index = cls(config)
        for row in prints:
            sig = None if row.signature is None else np.frombuffer(row.signature, dtype=_DTYPE).astype(np.uint32)
            held = _Print(row.time, sig, row.shingles, row.digest, row.root, row.urn, row.version, row.url, row.outlet)
            index._advance(row.time)
            index._hold(row.article_id, held)
        for link in links:
            index._links[link.article_id] = link
            if link.urn:
                index._by_urn.setdefault(link.urn, link.of)
            if link.article_id not in index._prints:  # its fingerprint expired: keep it in its group
                index._join_group(link.of, (link.article_id, link.version, float("-inf"), -1))
        return index


# -- differences between versions --------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def _norm(sentence: str) -> str:
    return _SPACE.sub(" ", sentence).strip()


def diff_sentences(old: Sequence[str], new: Sequence[str]) -> SentenceDiff:
    """The sentences ``new`` adds to ``old`` and those it drops (whitespace ignored), in their order.
    A sentence changed by one word counts as removed in its old form and added in its new one."""
    a = [_norm(s) for s in old if _norm(s)]
    b = [_norm(s) for s in new if _norm(s)]
    diff = SentenceDiff()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            diff.removed.extend(a[i1:i2])
        if op in ("replace", "insert"):
            diff.added.extend(b[j1:j2])
    # a sentence moved, not changed, is neither added nor removed
    moved = set(diff.added) & set(diff.removed)
    diff.added = [s for s in diff.added if s not in moved]
    diff.removed = [s for s in diff.removed if s not in moved]
    return diff


def diff_versions(old: Analysis, new: Analysis) -> SentenceDiff:
    """:func:`diff_sentences` over the content sentences of two analysed versions."""
    return diff_sentences(content_sentences(old), content_sentences(new))
