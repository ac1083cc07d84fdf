"""The cascade of two compact taggers: the sentences the first doubts most are labelled again by
the second.

A tagger folder whose tagger.json has a ``"cascade"`` entry is the first stage of a cascade
(:class:`tagwerk.ner.tagger.PieceTagger` follows it): the entry names the second tagger (a path
relative to the folder) and the threshold of doubt, ``expected_errors``, above which a sentence
goes to it. The measure of doubt is :func:`expected_errors`; :func:`doubt_threshold` sets the
threshold on unlabelled text for a budget of run time; :func:`set_cascade` and
:func:`remove_cascade` write the entry (``tagwerk train cascade``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tagwerk.ner.models import TAGGER_FILE

if TYPE_CHECKING:
    from tagwerk.ner.tagger import PieceTagger


def expected_errors(log_probs: np.ndarray) -> float:
    """How many of a sentence's words a model expects to have tagged wrong: the sum over its
    words of 1 minus the probability of the word's best tag. The cascade's measure of doubt."""
    if not len(log_probs):
        return 0.0
    return float(len(log_probs) - np.exp(log_probs.max(axis=1)).sum())


def doubt_threshold(tagger: PieceTagger, token_lists: Sequence[Sequence[str]], share: float) -> tuple[float, dict]:
    """The ``expected_errors`` threshold above which a cascade gives about ``share`` of the words
    of ``token_lists`` (unlabelled text: the threshold follows a budget of run time, not a score)
    to its second stage, and what it gives there: (threshold, figures)."""
    if not 0 < share < 1:
        raise ValueError("share must lie between 0 and 1")
    lists = [list(t) for t in token_lists if t]
    doubts = np.array([expected_errors(lp) for lp in tagger.own_log_probs(lists)])
    words = np.array([len(t) for t in lists], dtype=np.float64)
    order = np.argsort(-doubts, kind="stable")
    covered = np.cumsum(words[order]) / words.sum()
    k = int(np.searchsorted(covered, share))
    threshold = float(doubts[order[min(k, len(order) - 1)]])
    again = doubts > threshold
    return threshold, {"sentences": len(lists), "words": int(words.sum()),
                       "share_of_sentences": round(float(again.mean()), 4),
                       "share_of_words": round(float(words[again].sum() / words.sum()), 4)}


def _read_card(tagger: Path) -> dict[str, Any]:
    return json.loads((tagger / TAGGER_FILE).read_text(encoding="utf-8"))


def _write_card(tagger: Path, meta: dict[str, Any]) -> None:
    (tagger / TAGGER_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")


def set_cascade(tagger: str | Path, second: str | Path, threshold: float, record: dict[str, Any]) -> None:
    """Make tagger folder ``tagger`` the first stage of a cascade to tagger folder ``second`` with
    the doubt ``threshold``; ``record`` (how the threshold was set) is kept in the entry too."""
    tagger, second = Path(tagger), Path(second)
    meta = _read_card(tagger)
    meta["cascade"] = {"tagger": os.path.relpath(second.resolve(), tagger.resolve()),
                       "expected_errors": round(threshold, 4), **record}
    _write_card(tagger, meta)


def remove_cascade(tagger: str | Path) -> None:
    """Remove the cascade from tagger folder ``tagger`` (it then runs alone)."""
    tagger = Path(tagger)
    meta = _read_card(tagger)
    meta.pop("cascade", None)
    _write_card(tagger, meta)
