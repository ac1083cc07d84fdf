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


def pipeline_spans(nlp, docs: Iterable, *, batch_size: int = 256) -> list[list[tuple[int, int, str]]]:  # noqa: ANN001
    """The entity spans ``nlp``'s pipeline finds in already tokenised Docs."""
    for _name, proc in nlp.pipeline:
        docs = proc.pipe(docs, batch_size=batch_size)
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def token_list_spans(nlp, token_lists: Iterable[Sequence[str]], *, batch_size: int = 256) -> list[list[tuple[int, int, str]]]:  # noqa: ANN001
    """The model's entity spans on each list of tokens (taken as they are, not re-tokenised)."""
    from spacy.tokens import Doc

    return pipeline_spans(nlp, (Doc(nlp.vocab, words=list(words)) for words in token_lists), batch_size=batch_size)
