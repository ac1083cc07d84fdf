"""GermEval labels and tagwerk's mention labels.

The model predicts the 12 GermEval outer labels as spaCy entity labels (``PER``,
``PERderiv``, ``ORGpart``, ``OTH`` ...). tagwerk's mentions carry the base label, with OTH
renamed MISC, plus a ``derived`` or ``part`` flag. Models and gold files tag words with BIO
tags over these labels (``B-PER``, ``I-ORGpart``, ``O``); :func:`bio_spans` reads spans from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from tagwerk.errors import TagwerkError

if TYPE_CHECKING:
    from tagwerk.analysis import Label

BASES = ("PER", "ORG", "LOC", "OTH")
GERMEVAL_LABELS = tuple(f"{b}{s}" for b in BASES for s in ("", "deriv", "part"))
"""The 12 outer labels of GermEval 2014."""

TAGWERK_LABEL: dict[str, Label] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC", "MISC": "MISC"}
FOUR_CLASSES = ("PER", "ORG", "LOC", "MISC")


class MentionLabel(NamedTuple):
    label: Label
    """PER, ORG, LOC or MISC."""
    derived: bool
    part: bool


def split_label(label: str) -> MentionLabel:
    """``PERderiv`` -> (PER, derived); ``OTHpart`` -> (MISC, part); ``LOC`` -> (LOC)."""
    derived = label.endswith("deriv")
    part = label.endswith("part")
    base = label[:-5] if derived else label[:-4] if part else label
    if base not in TAGWERK_LABEL:
        raise ValueError(f"unknown NER label {label!r}")
    return MentionLabel(TAGWERK_LABEL[base], derived, part)


def four_class(label: str) -> str | None:
    """The view (b) label: the base label with OTH as MISC, or None for deriv/part spans (dropped)."""
    m = split_label(label)
    return None if (m.derived or m.part) else m.label


class TagError(TagwerkError):
    """A tag that is not a BIO tag."""


def bio_spans(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, label)`` from BIO (or IOB1) tags; an ``I-`` without a matching
    ``B-`` opens a span, as the CoNLL evaluation script does."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    i = -1
    for i, tag in enumerate(tags):
        if tag == "O" or not tag:
            if start is not None:
                spans.append((start, i, label))
            start = None
            continue
        prefix, _, lab = tag.partition("-")
        if prefix not in ("B", "I") or not lab:
            raise TagError(f"not a BIO tag: {tag!r}")
        if prefix == "B" or start is None or lab != label:
            if start is not None:
                spans.append((start, i, label))
            start, label = i, lab
    if start is not None:
        spans.append((start, i + 1, label))
    return spans
