"""Named overlap policies: how the model's mentions and the extra ones (KB patterns,
demonyms, the credit line) are merged where they overlap. A policy takes the model's
mentions and the extra ones and returns the kept mentions in text order."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
    model = list(model)
    for x in extra:
        if not _kb_full_name(x):
            continue
        crossed = [m for m in model if _overlaps(m, x) and (_contains(x, m) or _crosses_person(x, m))]
        if crossed:
            model = [m for m in model if not any(m is c for c in crossed)]
    kept = list(model)
    taken = sorted(model, key=lambda m: m.start)
    for m in sorted(extra, key=lambda m: (-(m.end - m.start), m.start)):
        if any(_overlaps(m, k) for k in taken):
            continue
        kept.append(m)
        taken.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def prefer_longest(model: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """Longest span wins whoever found it; on equal length the model's."""
    pool = [(m, 0) for m in model] + [(m, 1) for m in extra]
    pool.sort(key=lambda p: (-(p[0].end - p[0].start), p[1], p[0].start))
    kept: list[Mention] = []
    for m, _ in pool:
        if not any(_overlaps(m, k) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


OVERLAP_POLICIES: dict[str, OverlapPolicy] = {
    "prefer_model_spans": prefer_model_spans,
    "prefer_longest": prefer_longest,
}
"""The policies by name (``AnalyzerConfig(extra={"entities.overlap_policy": ...})``)."""


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
