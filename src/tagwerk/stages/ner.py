"""Named entities from tagwerk's own German NER model.

The model (``src/tagwerk/models/ner-de``, trained by ``tagwerk train ner``, see
``docs/ner.md``) predicts the 12 GermEval 2014 outer labels. Its spans become
:class:`~tagwerk.analysis.Mention` records with the base label (OTH as MISC) and the
``derived`` (``russische``) or ``part`` (``UN-Sanktionen``) flag. Mentions outside content
blocks (the credit line) are skipped: the credit parser handles those.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from tagwerk.analysis import Analysis, Mention
from tagwerk.article import CONTENT_KINDS, Block
from tagwerk.nlp import load_nlp
from tagwerk.pipeline import AnalyzerConfig, register_stage
from tagwerk.training.labels import split_label

VERSION = "1.1.0"
"""Bumped with each shipped model (1.1.0: model v4, name flags and an ensemble teacher), so
that `tagwerk reanalyze` re-runs stored articles analysed by an older one."""


def run_ner(nlp, doc):  # noqa: ANN001, ANN201 - spaCy Language, Doc
    """Run the pipeline's components (tok2vec, ner) on an already tokenised Doc."""
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def mentions_from_doc(doc, blocks: Sequence[Block]) -> list[Mention]:  # noqa: ANN001
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


def has_ner(nlp) -> bool:  # noqa: ANN001
    return "ner" in nlp.pipe_names


@register_stage(
    "ner",
    version=VERSION,
    requires=("doc",),
    assigns=("mentions",),
    description="PER/ORG/LOC/MISC mentions from tagwerk's German NER model (GermEval 2014 labels)",
)
def make_ner(config: AnalyzerConfig):
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
