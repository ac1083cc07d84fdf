"""Between a spaCy ``Doc`` and a model that labels word lists: the words a model is shown, and
its spans set back on the Doc.

A model on sentence pieces (a compact tagger or a teacher) and the ensembles of training label
lists of words; the ``ner`` stage and the training code show them the Doc's tokens that are not
whitespace, and turn the word spans they return into spaCy Spans over the Doc's tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[int, int, str]
"""(first word, end word, label) over a word list."""


def word_indices(tokens) -> list[int]:
    """Indices (in the Doc) of the tokens that are not whitespace: what a predictor is shown,
    so that no predicted span starts or ends on a line break or a run of spaces."""
    return [t.i for t in tokens if not t.is_space]


def sentence_words(doc) -> tuple[list[list[int]], list[list[str]]]:
    """Per sentence of ``doc`` with any, the indices of its tokens that are not whitespace (see
    :func:`word_indices`) and their texts. The Doc's tokens are read once: spaCy makes a new
    Token object at each access, which costs as much as the model's decoding."""
    texts, space = [], []
    for t in doc:
        texts.append(t.text)
        space.append(t.is_space)
    groups, words = [], []
    for sent in doc.sents:
        idx = [i for i in range(sent.start, sent.end) if not space[i]]
        if idx:
            groups.append(idx)
            words.append([texts[i] for i in idx])
    return groups, words


def doc_spans(doc, idx: Sequence[int], spans: Iterable[Span]) -> list:
    """spaCy Spans of ``doc`` for spans over the words ``idx`` (see :func:`word_indices`)."""
    from spacy.tokens import Span as SpacySpan

    return [SpacySpan(doc, idx[s], idx[e - 1] + 1, label=lab) for s, e, lab in spans]
