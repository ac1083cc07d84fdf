"""Ensembles of NER models, by span voting or by averaging tag distributions: for scoring and
as a teacher for silver data.

Several models trained with different seeds (or settings) make different errors. A span
that most of them predict is more often right than the spans of any one model. tagwerk does
not ship an ensemble (each model costs the whole `ner` stage again, see docs/ner.md), but it
uses one to measure what ensembling buys and to annotate silver training text for a single
student model.

:func:`vote_spans` is independent of spaCy, so the voting rule can be tested on hand-made spans.
Models that give a probability for every tag of every word (transformer teachers and compact
taggers, which share one tag set) can be combined more finely: :class:`MeanDistribution` averages
their probabilities, and the Viterbi search then runs on the mean (``tagwerk evaluate ner
--combine mean``; the soft targets of ``tagwerk train student --teacher A --teacher B``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from tagwerk.ner.load import load_piece_model
from tagwerk.ner.models import is_piece_dir
from tagwerk.ner.spans import Span, doc_spans, word_indices


def vote_spans(predictions: Sequence[Iterable[Span]], min_votes: int | None = None) -> list[Span]:
    """The spans of one sentence that at least ``min_votes`` models predicted (default: a majority).

    A span counts with its label: ``(0, 2, "PER")`` and ``(0, 2, "ORG")`` are different votes.
    Where winning spans overlap, the one with more votes stays; on a tie the longer, then the
    earlier one, then the label first in alphabetical order (so the result never depends on
    hash order). Returned sorted by start.
    """
    n = len(predictions)
    if n == 0:
        return []
    need = min_votes if min_votes is not None else n // 2 + 1
    if need < 1:
        raise ValueError("min_votes must be at least 1")
    votes: Counter = Counter()
    for spans in predictions:
        votes.update(set(spans))
    ranked = sorted((sp for sp, v in votes.items() if v >= need), key=lambda sp: (-votes[sp], sp[0] - sp[1], sp[0], sp[2]))
    taken: set[int] = set()
    kept: list[Span] = []
    for s, e, lab in ranked:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        kept.append((s, e, lab))
    return sorted(kept)


def ensemble_silver_docs(nlps: Sequence, texts: Iterable[str], *, min_votes: int | None = None) -> list:
    """Docs of ``texts`` (tokenised by the first model) whose entities are the models' voted spans.

    Tokens no voted span covers are annotated as outside (O), as in single-teacher self-training.
    """
    return silver_docs_voted([spacy_predictor(nlp) for nlp in nlps], texts, make_doc=nlps[0].make_doc, min_votes=min_votes)


Predictor = Callable[[list[list[str]]], list[list[Span]]]
"""Token lists -> spans of each: what a teacher does, whatever kind of model it is."""


def spacy_predictor(nlp) -> Predictor:
    """A spaCy pipeline with an ``ner`` pipe as a :data:`Predictor`."""
    from functools import partial

    from tagwerk.ner.spans import token_list_spans

    return partial(token_list_spans, nlp)


def load_predictor(path: str | Path, *, cascade: bool = True) -> Predictor:
    """A model folder: a spaCy model (``config.cfg``), a transformer teacher (``teacher.json``)
    or a compact tagger (``tagger.json``)."""
    if is_piece_dir(path):
        return load_distribution_model(path, cascade=cascade).predict
    import spacy

    return spacy_predictor(spacy.load(path))


def silver_docs_voted(predictors: Sequence[Predictor], texts: Iterable[str], *, make_doc: Callable | None = None,
                      min_votes: int | None = None) -> list:
    """Docs of ``texts`` (tokenised by ``make_doc``, default spaCy's German tokenizer) whose
    entities are the spans the predictors vote for (one predictor: its own spans)."""
    if make_doc is None:
        import spacy

        make_doc = spacy.blank("de").make_doc
    docs = [make_doc(text) for text in texts]
    words = [word_indices(d) for d in docs]
    per_model = [predict([[d[i].text for i in idx] for d, idx in zip(docs, words, strict=True)]) for predict in predictors]
    for doc, idx, votes in zip(docs, words, zip(*per_model, strict=True), strict=True):
        doc.set_ents(doc_spans(doc, idx, vote_spans(votes, min_votes)), default="outside")
    return docs


class MeanDistribution:
    """Several models with ``log_probs(token_lists) -> [words, tags]`` arrays as one: the log of
    the mean of their probabilities. Anything that takes a teacher's ``log_probs`` takes it."""

    def __init__(self, models: Sequence) -> None:
        if not models:
            raise ValueError("an ensemble needs at least one model")
        self.models = list(models)

    def log_probs(self, token_lists: Iterable[Sequence[str]], **kwargs) -> list[np.ndarray]:
        from tagwerk.ner.tagger import TAGS

        lists = [list(t) for t in token_lists]
        sums = [np.zeros((len(t), len(TAGS))) for t in lists]
        for model in self.models:
            for total, lp in zip(sums, model.log_probs(lists, **kwargs), strict=True):
                total += np.exp(lp)
        return [np.log(np.maximum(t / len(self.models), 1e-30)).astype(np.float32) for t in sums]

    def predict(self, token_lists: Iterable[Sequence[str]]) -> list[list[Span]]:
        from tagwerk.ner.tagger import decode

        return [decode(lp) for lp in self.log_probs(token_lists)]


def load_distribution_model(path: str | Path, *, cascade: bool = True):
    """A model folder that gives tag distributions: a transformer teacher or a compact tagger."""
    if is_piece_dir(path):
        return load_piece_model(path, cascade=cascade)
    raise ValueError(f"{path}: averaging needs transformer teachers or compact taggers (a spaCy model can only vote)")
