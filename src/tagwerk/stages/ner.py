"""Named entities from tagwerk's own German NER models.

The default model (``src/tagwerk/models/tagger-de``, ``tagwerk train student``) is a 6-layer
transformer, each layer pruned to half its attention heads and two thirds of its feed-forward
units, run by ONNX Runtime, as the first stage of a cascade: the sentences it doubts most (about
a tenth of the words of news text) are labelled again by the shipped 8-layer one
(``tagwerk train cascade``); ``ner_model="fast"`` runs the first stage alone,
``ner_model="accurate"`` the shipped 8-layer one alone
(``tagger-de-accurate``, which borrows the default's piece table), ``ner_model="cnn"`` the shipped
spaCy CNN (``src/tagwerk/models/ner-de``, ``tagwerk train ner``), and a folder any other trained
model (docs/ner.md). All predict the 12 GermEval 2014 outer labels. Their spans become
:class:`~tagwerk.analysis.Mention` records with the base label (OTH as MISC) and the
``derived`` (``russische``) or ``part`` (``UN-Sanktionen``) flag. Mentions outside content
blocks (the credit line) are skipped: the credit parser handles those.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from spacy.util import filter_spans

from tagwerk.analysis import Mention
from tagwerk.article import CONTENT_KINDS, Block
from tagwerk.ner.labels import split_label
from tagwerk.ner.load import load_piece_model
from tagwerk.ner.models import cascades, is_piece_dir, model_tag, resolve_model
from tagwerk.ner.nlp import allow_length, load_nlp, load_tokenizer, tokenizer_model
from tagwerk.ner.spans import doc_spans, sentence_words
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage

VERSION = "2.6.0"
"""Bumped with each shipped model (1.1.0: model v4, name flags and an ensemble teacher; 1.2.0:
model v5, self-trained with the transformer teacher; 2.0.0: model v6, the distilled 4-layer
transformer; 2.1.0: model v7, the same with name-swapped copies of its training text; 2.2.0:
model v8, distilled from the mean of three teachers; 2.3.0: model v10 as ``accurate`` (8 layers)
and the runtime without ONNX Runtime's SkipLayerNormalization fusion, which moves int8 outputs
slightly; 2.4.0: model v11, 6 pruned layers, as the default; 2.5.0: model v12, v11's shape with
the mean of two students' weights; 2.6.0: model v13, a cascade: v12, and for the sentences it
doubts most the 8-layer model v10), so that `tagwerk reanalyze` re-runs
stored articles analysed by an older one."""


CHECK_SENTENCES = 1024
"""Sentences labelled between two checks of an article's time limit (about 2-4 s of work)."""


def run_ner(nlp, doc):
    """Run the pipeline's components (tok2vec, ner) on an already tokenised Doc."""
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def mentions_from_doc(doc, blocks: Sequence[Block]) -> list[Mention]:
    """Mentions for the Doc's entity spans that lie inside one content block."""
    return mentions_from_spans(doc.ents, blocks)


def mentions_from_spans(ents: Iterable, blocks: Sequence[Block]) -> list[Mention]:
    """Mentions for spaCy entity spans that lie inside one content block. Each mention's text is
    its span's (``doc.text`` is not built: spaCy joins all the tokens of the Doc for it)."""
    starts = [b.start for b in blocks]
    out: list[Mention] = []
    for ent in ents:
        try:
            lab = split_label(ent.label_)
        except ValueError:
            continue
        s, e = ent.start_char, ent.end_char
        if blocks:
            i = bisect_right(starts, s) - 1
            if i < 0:
                continue
            block = blocks[i]
            if block.kind not in CONTENT_KINDS or e > block.end:
                continue
        out.append(Mention(s, e, ent.text, lab.label, derived=lab.derived, part=lab.part, source="model"))
    return out


def has_ner(nlp) -> bool:
    return "ner" in nlp.pipe_names


@register_stage(
    "ner",
    version=VERSION,
    requires=("doc",),
    assigns=("mentions",),
    description="PER/ORG/LOC/MISC mentions from tagwerk's German NER model (GermEval 2014 labels)",
)
def make_ner(config: AnalyzerConfig) -> Stage:
    path = resolve_model(config.ner_model)
    if path is not None and is_piece_dir(path):
        stage: Stage = PieceNer(_load_piece_model(str(path.resolve()), cascades(config.ner_model)), config.ner_model)
    else:
        stage = SpacyNer(config.ner_model)
    allow_length(stage.nlp, config.max_chars)  # type: ignore[attr-defined]  # both kinds have one
    stage.version_suffix = model_tag(config.ner_model)  # see Analyzer.versions
    return stage


class SpacyNer(Stage):
    """The ``ner`` stage with a spaCy pipeline's NER component (the shipped CNN, ``train ner``)."""

    def __init__(self, name: str | Path | None) -> None:
        # the same (cached) pipeline object the tokens stage built the Doc with
        self.nlp = load_nlp(tokenizer_model(name))
        self.available = has_ner(self.nlp)
        self.memory_zone = self.nlp.memory_zone  # see Analyzer

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        if not self.available:
            analysis.warnings.append("ner: no NER model installed; no model mentions")
            return
        doc = work.doc
        if doc is None:
            doc = self.nlp.make_doc(analysis.article.text)
        doc = run_ner(self.nlp, doc)
        work.doc = doc
        analysis.mentions.extend(mentions_from_doc(doc, analysis.article.blocks))


@lru_cache(maxsize=2)
def _load_piece_model(path: str, cascade: bool = True):
    """The transformer in folder ``path`` (:func:`~tagwerk.ner.models.load_piece_model`), loaded
    once per process."""
    return load_piece_model(path, cascade=cascade)


class PieceNer(Stage):
    """The ``ner`` stage with a transformer on sentence pieces as the model: the shipped compact
    tagger (``tagwerk train student``), or a teacher (``tagwerk train teacher``; the ``teacher``
    extra, about 800 to 1,600 words/s per core). Each sentence of the tokens stage is one
    sequence; the sentences of an article, or with ``pipe`` those of several articles, are
    labelled in batches.
    """

    def __init__(self, model, name: str | Path | None) -> None:  # noqa: ANN001 - PieceTagger or TeacherModel
        self.model = model
        self.nlp = load_tokenizer(tokenizer_model(name))  # the tokens stage's (``shared_pipeline``)
        self.memory_zone = self.nlp.memory_zone

    def _sentences(self, work: Work):
        doc = work.doc
        if doc is None:
            doc = self.nlp.make_doc(work.analysis.article.text)
        groups, words = sentence_words(doc)
        return doc, groups, words

    def _assign(self, work: Work, doc, groups, found) -> None:  # noqa: ANN001
        ents = filter_spans([span for idx, spans in zip(groups, found, strict=True) for span in doc_spans(doc, idx, spans)])
        doc.set_ents(ents, default="outside")
        work.doc = doc
        work.analysis.mentions.extend(mentions_from_spans(ents, work.analysis.article.blocks))

    def __call__(self, work: Work) -> None:
        doc, groups, words = self._sentences(work)
        if len(words) <= CHECK_SENTENCES:
            found = self.model.predict(words)
        else:  # a long article: its time limit is checked between slices of sentences
            found = []
            for at in range(0, len(words), CHECK_SENTENCES):
                work.check_time()
                found.extend(self.model.predict(words[at : at + CHECK_SENTENCES]))
        self._assign(work, doc, groups, found)

    def pipe(self, works: Sequence[Work]) -> list[Exception | None]:
        """The sentences of all ``works`` labelled together (fuller batches, see
        :meth:`tagwerk.pipeline.Analyzer.analyze_batch`); raises before it changes any."""
        prepared = [self._sentences(w) for w in works]
        found = self.model.predict([w for _, _, words in prepared for w in words])
        errors: list[Exception | None] = []
        at = 0
        for work, (doc, groups, words) in zip(works, prepared, strict=True):
            try:
                self._assign(work, doc, groups, found[at : at + len(words)])
            except Exception as exc:  # noqa: BLE001 - the Analyzer returns it in the article's place
                errors.append(exc)
            else:
                errors.append(None)
            at += len(words)
        return errors
