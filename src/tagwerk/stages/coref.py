"""The coref stage: pronouns, descriptions and bare surnames -> the article's entities.

The rules live in ``tagwerk.coref`` (a pure function); this module only applies them: each
resolved reference is added to its entity's ``references`` (never to ``mentions``, so that
what counts names, the tags stage and the store's mention counts, is unchanged). The quotes
stage reads them to give pronoun and description speakers their entity.
"""

from __future__ import annotations

from tagwerk.analysis import Analysis
from tagwerk.article import CONTENT_KINDS
from tagwerk.coref import find_references, kb_first_names
from tagwerk.kb import KnowledgeBase, load_kb
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.quotes import quoted_flags, quoted_segments

VERSION = "1.0.0"


def apply(analysis: Analysis, kb: KnowledgeBase | None = None, first_names: dict[str, str] | None = None) -> None:
    """Resolve the article's references and add them to its entities."""
    text = analysis.article.text
    blocks = [(b.start, b.end) for b in analysis.article.blocks if b.kind in CONTENT_KINDS] or [(0, len(text))]
    quoted = quoted_flags(analysis.tokens, quoted_segments(text, blocks))
    found = find_references(text, analysis.tokens, analysis.mentions, analysis.entities, quoted, kb, first_names)
    by_id = {e.id: e for e in analysis.entities}
    for e in analysis.entities:
        e.references = []
    for eid, ref in found:
        by_id[eid].references.append(ref)


@register_stage(
    "coref",
    version=VERSION,
    requires=("tokens", "mentions", "entities"),
    assigns=("entities",),
    description="pronouns, descriptions and surnames resolved to the article's entities (mention chains)",
)
class Coref(Stage):
    """Coreference within one article (rule-based, German)."""

    def __init__(self, config: AnalyzerConfig) -> None:
        extra = {k.split(".", 1)[1]: v for k, v in config.extra.items() if k.startswith("coref.")}
        if extra:
            raise ValueError(f"unknown coref options: {', '.join(sorted(extra))}")
        self.kb = load_kb(config.kb_path, vocabularies=config.newsroom_vocabulary)
        self.first_names = kb_first_names(self.kb)

    def __call__(self, work: Work) -> None:
        apply(work.analysis, self.kb, self.first_names)
