"""Named overlap policies: how the model's mentions and the extra ones (KB patterns,
demonyms, the credit line) are merged where they overlap. A policy takes the model's
mentions and the extra ones and returns the kept mentions in text order."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence

from tagwerk.analysis import Mention

OverlapPolicy = Callable[[Sequence[Mention], Sequence[Mention]], list[Mention]]
"""(model mentions, extra mentions) -> the kept mentions, sorted by start, longer first."""


def prefer_model_spans(model: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """Keep every model mention; add an extra mention only where it overlaps none of them
    (extras among themselves: longer first).

    One exception: a KB full name of two or more words that contains a shorter model span
    replaces it (the model cut ``Kremlsprecher Dmitri Peskow`` down to ``Peskow``), and a KB
    person's full name that a model span crosses wins over the crossing span.
    """
    index = _Spans(model)
    dropped: set[int] = set()
    for x in extra:
        if not _kb_full_name(x):
            continue
        for m in index.overlapping(x):
            if id(m) not in dropped and (_contains(x, m) or _crosses_person(x, m)):
                dropped.add(id(m))
    kept = [m for m in model if id(m) not in dropped]
    taken = _Spans(kept)
    for m in sorted(extra, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.any_overlap(m):
            continue
        kept.append(m)
        taken.add(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def prefer_longest(model: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """Longest span wins whoever found it; on equal length the model's."""
    pool = [(m, 0) for m in model] + [(m, 1) for m in extra]
    pool.sort(key=lambda p: (-(p[0].end - p[0].start), p[1], p[0].start))
    kept: list[Mention] = []
    taken = _Spans(())
    for m, _ in pool:
        if not taken.any_overlap(m):
            kept.append(m)
            taken.add(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


OVERLAP_POLICIES: dict[str, OverlapPolicy] = {
    "prefer_model_spans": prefer_model_spans,
    "prefer_longest": prefer_longest,
}
"""The policies by name (``AnalyzerConfig(extra={"entities.overlap_policy": ...})``)."""


class _Spans:
    """Mentions sorted by start, for overlap look-ups in about log n (mentions are short): the
    policies above once compared every mention with every other, which took 15 s of a
    200,000-character article's analysis and grew with the square of its length."""

    def __init__(self, mentions: Sequence[Mention] | tuple[()]) -> None:
        self._items = sorted(((m.start, i, m) for i, m in enumerate(mentions)), key=lambda t: (t[0], t[1]))
        self._starts = [t[0] for t in self._items]
        self._longest = max((m.end - m.start for m in mentions), default=0)
        self._n = len(self._items)

    def add(self, m: Mention) -> None:
        item = (m.start, self._n, m)
        self._n += 1
        at = bisect_left(self._starts, m.start)
        while at < len(self._starts) and self._starts[at] == m.start:
            at += 1  # after the mentions with the same start: insertion order among equals
        self._starts.insert(at, m.start)
        self._items.insert(at, item)
        self._longest = max(self._longest, m.end - m.start)

    def overlapping(self, m: Mention) -> Iterator[Mention]:
        """The mentions that overlap ``m``, by start."""
        items = self._items
        for at in range(bisect_left(self._starts, m.start - self._longest), len(items)):
            start, _i, k = items[at]
            if start >= m.end:
                break
            if _overlaps(m, k):
                yield k

    def any_overlap(self, m: Mention) -> bool:
        return next(self.overlapping(m), None) is not None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _kb_full_name(m: Mention) -> bool:
    """A KB pattern on a full name or alias of two or more words (not a surname, no demonym)."""
    return m.source == "kb" and not m.derived and not m.part and m.score >= 0.9 and " " in m.text.strip()


def _contains(a: Mention, b: Mention) -> bool:
    return a.start <= b.start and b.end <= a.end and (a.end - a.start) > (b.end - b.start)


def _crosses_person(x: Mention, m: Mention) -> bool:
    """``x`` is a person's name and the (overlapping) ``m`` neither contains it nor has its span."""
    return x.label == "PER" and not _contains(m, x) and (m.start, m.end) != (x.start, x.end)
