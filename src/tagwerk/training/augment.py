"""Mention replacement: more training text for the student, made from the text there is.

The student imitates the teacher best where it has seen the teacher at work, and names are
where it errs (ORG and MISC most). Shippable German text is scarce here (343k words), so each
gold sentence and silver paragraph is copied with its plain names (PER, ORG, LOC, OTH; not the
``deriv``/``part`` ones, whose form depends on the word) swapped for other names of the same
label drawn from all the text: ``Merkel sagte in Paris`` -> ``Lawrow sagte in Nairobi``.

* A gold copy keeps gold tags: the new name gets the label of the one it replaced.
* A silver copy is labelled again by the teacher (its names come from the teacher's own
  spans, and its tags from the teacher's view of the new sentence).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from tagwerk.training.gold import GoldSentence

PLAIN = ("PER", "ORG", "LOC", "OTH")
SURE = 0.9
"""A silver span enters the name pool only if the teacher gave each of its words this
probability or more (its own tag)."""
MAX_NAME = 6
"""Longer names are not drawn (mostly titles of works and long organisations)."""


Spans = list[tuple[int, int, str]]


def _usable(name: Sequence[str]) -> bool:
    """A name to draw: at most MAX_NAME words, beginning and ending with a letter or digit
    (silver spans sometimes take in a full stop: ``Bayer .``)."""
    return 0 < len(name) <= MAX_NAME and name[0][:1].isalnum() and name[-1][-1:].isalnum()


def silver_spans(probs: np.ndarray) -> Spans:
    """The teacher's spans of one silver text (best valid path over its tag distributions)."""
    from tagwerk.ner.tagger import decode

    return decode(np.log(np.maximum(probs, 1e-9)))


def name_pool(gold: Sequence[GoldSentence], silver: Sequence[tuple[Sequence[str], np.ndarray]]) -> dict[str, list[tuple[str, ...]]]:
    """Names by plain label: every gold span, and the silver spans the teacher was sure of.

    Each distinct name appears once, so frequent names do not crowd out the rest."""
    pool: dict[str, set[tuple[str, ...]]] = {label: set() for label in PLAIN}
    for s in gold:
        for a, b, label in s.spans():
            if label in pool and _usable(s.tokens[a:b]):
                pool[label].add(tuple(s.tokens[a:b]))
    for words, probs in silver:
        for a, b, label in silver_spans(probs):
            if label in pool and _usable(words[a:b]) and float(probs[a:b].max(axis=1).min()) >= SURE:
                pool[label].add(tuple(words[a:b]))
    return {label: sorted(names) for label, names in pool.items()}


def _swap(words: Sequence[str], spans: Spans, pool: dict[str, list[tuple[str, ...]]], rng: random.Random,
          rate: float) -> tuple[list[str], Spans] | None:
    """``words`` with each plain span replaced (with probability ``rate``) by a random other name
    of its label, and the spans' new positions; None if nothing was replaced."""
    out: list[str] = []
    new_spans: Spans = []
    at, changed = 0, False
    for a, b, label in sorted(spans):
        out.extend(words[at:a])
        name = tuple(words[a:b])
        names = pool.get(label, [])
        if label in PLAIN and names and rng.random() < rate:
            pick = names[rng.randrange(len(names))]
            if pick != name:
                name, changed = pick, True
        new_spans.append((len(out), len(out) + len(name), label))
        out.extend(name)
        at = b
    out.extend(words[at:])
    return (out, new_spans) if changed else None


def _tags(n: int, spans: Spans) -> list[str]:
    tags = ["O"] * n
    for a, b, label in spans:
        tags[a] = f"B-{label}"
        for i in range(a + 1, b):
            tags[i] = f"I-{label}"
    return tags


def augment_gold(sentences: Sequence[GoldSentence], pool: dict[str, list[tuple[str, ...]]], copies: int, *,
                 seed: int = 0, rate: float = 0.8) -> list[GoldSentence]:
    """Up to ``copies`` copies of each gold sentence that has a plain name, with names swapped
    and gold tags carried over."""
    rng = random.Random(seed)
    out: list[GoldSentence] = []
    for s in sentences:
        spans = s.spans()
        if not any(label in PLAIN for _, _, label in spans):
            continue
        for _ in range(copies):
            swapped = _swap(s.tokens, spans, pool, rng, rate)
            if swapped is not None:
                words, new_spans = swapped
                out.append(GoldSentence(tokens=words, outer=_tags(len(words), new_spans)))
    return out


def augment_silver(silver: Sequence[tuple[Sequence[str], np.ndarray]], pool: dict[str, list[tuple[str, ...]]],
                   copies: int, *, seed: int = 0, rate: float = 0.8) -> list[list[str]]:
    """Up to ``copies`` copies of each silver text with the teacher's plain names swapped; the
    teacher labels them afterwards."""
    rng = random.Random(seed + 1)
    out: list[list[str]] = []
    for words, probs in silver:
        spans = silver_spans(probs)
        if not any(label in PLAIN for _, _, label in spans):
            continue
        for _ in range(copies):
            swapped = _swap(words, spans, pool, rng, rate)
            if swapped is not None:
                out.append(swapped[0])
    return out
