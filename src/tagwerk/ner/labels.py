"""GermEval labels and tagwerk's mention labels.

The model predicts the 12 GermEval outer labels as spaCy entity labels (``PER``,
``PERderiv``, ``ORGpart``, ``OTH`` ...). tagwerk's mentions carry the base label, with OTH
renamed MISC, plus a ``derived`` or ``part`` flag.
"""

from __future__ import annotations

from typing import NamedTuple

BASES = ("PER", "ORG", "LOC", "OTH")
GERMEVAL_LABELS = tuple(f"{b}{s}" for b in BASES for s in ("", "deriv", "part"))
"""The 12 outer labels of GermEval 2014."""

TAGWERK_LABEL = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC", "MISC": "MISC"}
FOUR_CLASSES = ("PER", "ORG", "LOC", "MISC")


class MentionLabel(NamedTuple):
    label: str
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
