"""Span-level precision, recall and F1 of an NER model on gold sentences.

Exact span match on the outer column, in two views:

* (a) ``all12``: the 12 GermEval labels as they are (the official outer-chunk figure);
* (b) ``four``: PER/ORG/LOC/MISC (OTH renamed), deriv and part spans dropped from gold
  and predictions alike (what a news tagger uses).

The arithmetic (:func:`score_spans`) is independent of spaCy, so it can be tested on
hand-made spans. :func:`evaluate_ner` scores a model, an ensemble or the pipeline's mentions
on gold files (``tagwerk evaluate ner``); :func:`dev_scores` scores a model just trained.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tagwerk.errors import TagwerkError
from tagwerk.ner.labels import four_class
from tagwerk.ner.models import cascades, is_piece_dir, is_spacy_dir, resolve_model
from tagwerk.ner.spans import token_list_spans
from tagwerk.training.gold import GoldFormatError, GoldSentence, read_gold

SpanSet = Iterable[tuple[int, int, str]]


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class Scores:
    per_label: dict[str, PRF] = field(default_factory=dict)
    micro: PRF = field(default_factory=PRF)

    def to_dict(self) -> dict:
        return {"micro": self.micro.to_dict(), "labels": {k: v.to_dict() for k, v in sorted(self.per_label.items())}}


def score_spans(
    gold: Iterable[SpanSet], pred: Iterable[SpanSet], *, mapping: Callable[[str], str | None] | None = None
) -> Scores:
    """Score predicted against gold spans, sentence by sentence.

    ``mapping`` renames labels before matching; a label mapped to None drops the span from
    both sides (view (b) drops deriv and part spans this way).
    """
    scores = Scores()

    def prep(spans: SpanSet) -> Counter:
        out: Counter = Counter()
        for s, e, lab in spans:
            lab2 = mapping(lab) if mapping else lab
            if lab2 is not None:
                out[(s, e, lab2)] += 1
        return out

    for g_spans, p_spans in zip(gold, pred, strict=True):
        g, p = prep(g_spans), prep(p_spans)
        for key in g.keys() | p.keys():
            lab = key[2]
            prf = scores.per_label.setdefault(lab, PRF())
            tp = min(g[key], p[key])
            prf.tp += tp
            prf.fp += p[key] - tp
            prf.fn += g[key] - tp
    for prf in scores.per_label.values():
        scores.micro.tp += prf.tp
        scores.micro.fp += prf.fp
        scores.micro.fn += prf.fn
    return scores


def both_views(gold: Sequence[SpanSet], pred: Sequence[SpanSet]) -> dict[str, Scores]:
    """View (a) ``all12`` and view (b) ``four``."""
    return {"all12": score_spans(gold, pred), "four": score_spans(gold, pred, mapping=four_class)}


def predict_spans(nlp, sentences: Sequence[GoldSentence], *, batch_size: int = 256) -> list[list[tuple[int, int, str]]]:  # noqa: ANN001
    """The model's entity spans on the gold tokens of each sentence."""
    return token_list_spans(nlp, (s.tokens for s in sentences), batch_size=batch_size)


CLOSING = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "%"})
"""Gold tokens written without a space before them when a sentence is turned back into text."""
OPENING = frozenset({"(", "["})
"""Gold tokens written without a space after them."""


def sentence_text(tokens: Sequence[str]) -> tuple[str, dict[int, int], dict[int, int]]:
    """The sentence as a news text writes it (``St. Veit (Kärnten).``, not ``St . Veit ( Kärnten ) .``),
    with the character offset where each token starts and ends mapped to its index.

    Gold tokens joined by plain spaces would make text no article contains: the tokens stage
    would end a sentence at ``St .`` and the model would see half a name."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    parts: list[str] = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i and tok not in CLOSING and tokens[i - 1] not in OPENING:
            parts.append(" ")
            pos += 1
        starts[pos] = i
        parts.append(tok)
        pos += len(tok)
        ends[pos] = i + 1
    return "".join(parts), starts, ends


def predict_spans_pipeline(analyzer, sentences: Sequence[GoldSentence]) -> list[list[tuple[int, int, str]]]:  # noqa: ANN001
    """The mentions an Analyzer (e.g. ``tokens, ner, entities``: the model plus the KB patterns
    and span cleaning of the entities stage) finds in each gold sentence, as gold-token spans.

    The sentence is written as text by :func:`sentence_text`; a mention whose ends do not fall
    on gold token borders keeps an impossible span, so it counts as a false positive.
    """
    from tagwerk.article import parse_text

    out: list[list[tuple[int, int, str]]] = []
    for sent in sentences:
        text, starts, ends = sentence_text(sent.tokens)
        analysis = analyzer.analyze(parse_text(text, headline_first=False))
        spans = []
        for m in analysis.mentions:
            base = "OTH" if m.label == "MISC" else m.label
            label = base + ("deriv" if m.derived else "part" if m.part else "")
            spans.append((starts.get(m.start, -1), ends.get(m.end, -1), label))
        out.append(spans)
    return out


def evaluate_model(nlp, sentences: Sequence[GoldSentence]) -> dict[str, Scores]:  # noqa: ANN001
    """Both views of a spaCy pipeline on gold sentences."""
    pred = predict_spans(nlp, sentences)
    return both_views([s.spans() for s in sentences], pred)


def format_scores(views: dict[str, Scores]) -> str:
    """A plain-text table of both views."""
    titles = {"all12": "(a) all 12 GermEval labels, outer spans, exact match",
              "four": "(b) 4 classes (OTH as MISC), deriv/part spans dropped"}
    lines: list[str] = []
    for key, scores in views.items():
        lines.append(titles.get(key, key))
        lines.append(f"  {'label':<10} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}")
        rows = sorted(scores.per_label.items()) + [("micro", scores.micro)]
        for lab, prf in rows:
            lines.append(f"  {lab:<10} {prf.precision:7.4f} {prf.recall:7.4f} {prf.f1:7.4f} "
                         f"{prf.tp + prf.fn:6d} {prf.tp + prf.fp:6d}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


Predict = Callable[[list[list[str]]], list[list[tuple[int, int, str]]]]
"""Token lists -> the spans of each (a model's ``predict``)."""


def dev_scores(predict: Predict, sentences: Sequence[GoldSentence], path: Path, *,
               report: Callable[[dict[str, Scores]], None] | None = None) -> dict:
    """Both views of ``predict`` on the gold ``sentences`` (read from ``path``), given to
    ``report``; their micro F1 for a model card."""
    views = both_views([s.spans() for s in sentences], predict([s.tokens for s in sentences]))
    if report is not None:
        report(views)
    return {"file": path.name, **{k: round(v.micro.f1, 4) for k, v in views.items()}}


class EvaluationError(TagwerkError):
    """Models or options that cannot be scored together."""


COMBINE = ("vote", "mean")
"""How an ensemble decides: a majority of spans (any models), or the mean of the tag
probabilities (transformer teachers and compact taggers only)."""


@dataclass(frozen=True, slots=True)
class NerEvaluation:
    sentences: int
    tokens: int
    views: dict[str, Scores]


def evaluate_ner(files: Sequence[str | Path], *, models: Sequence[str | Path] = (), combine: str = "vote",
                 with_entities: bool = False) -> NerEvaluation:
    """Both views of an NER model on gold files (GermEval 2014 TSV or CoNLL two-column).

    ``models``: model folders or names of shipped models (``accurate``, ``fast``, ``cnn``;
    :mod:`tagwerk.ner.models`); none: the default model; several: an ensemble that decides by
    ``combine``. ``with_entities``: score the mentions after the entities stage (model, KB
    patterns and span cleaning), for one model. Raises a :class:`~tagwerk.errors.TagwerkError`
    for unreadable gold files, missing models and options that do not go together.
    """
    try:
        sents = [s for f in files for s in read_gold(f)]
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(str(exc)) from exc
    names: list[str | Path | None] = list(models) or [None]
    resolved = [resolve_model(m) for m in names]
    cascade = [cascades(m) for m in names]
    paths: list[Path] = []
    for m in resolved:
        if m is None:
            raise EvaluationError("no NER model installed (train one with `tagwerk train ner`)")
        if not (is_spacy_dir(m) or is_piece_dir(m)):
            raise EvaluationError(f"not a model folder: {m}")
        paths.append(m)
    gold = [s.spans() for s in sents]
    if len(paths) > 1 and with_entities:
        raise EvaluationError("--with-entities scores one model, not an ensemble")
    if combine not in COMBINE:
        raise EvaluationError("--combine must be 'vote' or 'mean'")
    if combine == "mean" and not all(is_piece_dir(m) for m in paths):
        raise EvaluationError("--combine mean needs transformer teachers or compact taggers (a spaCy model can only vote)")
    if combine == "mean" and len(paths) > 1:
        from tagwerk.training.ensemble import MeanDistribution, load_distribution_model

        mean = MeanDistribution([load_distribution_model(m, cascade=c) for m, c in zip(paths, cascade, strict=True)])
        views = both_views(gold, mean.predict([s.tokens for s in sents]))
    elif with_entities:
        from tagwerk.pipeline import Analyzer

        analyzer = Analyzer(stages=("tokens", "ner", "entities"), ner_model=paths[0] if cascade[0] else names[0])
        views = both_views(gold, predict_spans_pipeline(analyzer, sents))
    elif len(paths) > 1 or is_piece_dir(paths[0]):
        from tagwerk.training.ensemble import load_predictor, vote_spans

        per_model = [load_predictor(m, cascade=c)([s.tokens for s in sents]) for m, c in zip(paths, cascade, strict=True)]
        views = both_views(gold, [vote_spans(v) for v in zip(*per_model, strict=True)])
    else:
        from tagwerk.ner.nlp import load_nlp

        nlp = load_nlp(str(paths[0]))
        if "ner" not in nlp.pipe_names:
            raise EvaluationError(f"{paths[0]} has no NER component")
        views = evaluate_model(nlp, sents)
    return NerEvaluation(len(sents), sum(len(s.tokens) for s in sents), views)
