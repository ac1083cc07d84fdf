"""Ensembles of NER models by span voting: for scoring and as a teacher for silver data.

Several models trained with different seeds (or settings) make different errors. A span
that most of them predict is more often right than the spans of any one model. tagwerk does
not ship an ensemble (each model costs the whole `ner` stage again, see docs/ner.md), but it
uses one to measure what ensembling buys and to annotate silver training text for a single
student model.

:func:`vote_spans` is independent of spaCy, so the voting rule can be tested on hand-made spans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

Span = tuple[int, int, str]


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


def predict_spans_ensemble(nlps: Sequence, sentences: Sequence, *, min_votes: int | None = None) -> list[list[Span]]:
    """Voted spans of several models on the gold tokens of each sentence."""
    from tagwerk.training.evaluate import predict_spans

    per_model = [predict_spans(nlp, sentences) for nlp in nlps]
    return [vote_spans(votes, min_votes) for votes in zip(*per_model, strict=True)]


def ensemble_silver_docs(nlps: Sequence, texts: Iterable[str], *, min_votes: int | None = None) -> list:
    """Docs of ``texts`` (tokenised by the first model) whose entities are the models' voted spans.

    Tokens no voted span covers are annotated as outside (O), as in single-teacher self-training.
    """
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from tagwerk.training.evaluate import pipeline_spans

    docs = [nlps[0].make_doc(text) for text in texts]
    per_model = [
        pipeline_spans(nlp, (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs))
        for nlp in nlps
    ]
    for doc, votes in zip(docs, zip(*per_model, strict=True), strict=True):
        doc.set_ents([SpacySpan(doc, s, e, label=lab) for s, e, lab in vote_spans(votes, min_votes)], default="outside")
    return docs
