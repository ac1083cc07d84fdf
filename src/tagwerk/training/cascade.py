"""Make a compact tagger the first stage of a cascade (``tagwerk train cascade``).

The threshold of doubt (:func:`tagwerk.ner.cascade.doubt_threshold`) is set on unlabelled news
text, split into sentences as the ``ner`` stage gets them, so that about a given share of its
words goes to the second stage: it follows a budget of run time and sees no gold data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from tagwerk.ner.cascade import doubt_threshold, set_cascade
from tagwerk.ner.spans import sentence_words
from tagwerk.ner.tagger import PieceTagger


def stage_sentences(texts: Sequence[str | Path]) -> list[list[str]]:
    """The word lists the ``ner`` stage gets from the articles of JSON Lines files ``texts``
    ('text' field): whole articles, split into sentences by the tokens stage."""
    from tagwerk.analysis import Analysis
    from tagwerk.article import parse_text
    from tagwerk.pipeline import AnalyzerConfig, Work
    from tagwerk.stages.tokens import Tokens

    tokens = Tokens(AnalyzerConfig())
    lists: list[list[str]] = []
    for f in texts:
        with Path(f).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    work = Work(Analysis(article=parse_text(json.loads(line)["text"])))
                    tokens(work)
                    lists += sentence_words(work.doc)[1]
    return lists


def train_cascade(tagger: str | Path, second: str | Path, texts: Sequence[str | Path], *, share: float = 0.1) -> tuple[float, dict]:
    """Make tagger folder ``tagger`` the first stage of a cascade to tagger folder ``second``: the
    sentences whose expected wrong words exceed a threshold are labelled again by ``second``; the
    threshold gives it about ``share`` of the words of the texts. Returns the threshold and what
    the second stage gets of the texts (shares of sentences and words), also kept in
    ``tagger``'s tagger.json."""
    threshold, figures = doubt_threshold(PieceTagger(tagger, cascade=False), stage_sentences(texts), share)
    set_cascade(tagger, second, threshold, {"share": share, "text": [Path(f).name for f in texts], **figures})
    return threshold, figures
