"""The quotes stage: direct, indirect and reported speech with speakers, and per-sentence claims.

The rules live in ``tagwerk.quotes`` (pure functions); this module only applies them.
Speakers are linked through the mentions and entities of the earlier stages and, for
pronouns and descriptions, the coref stage's references; without them (a tokens-only
pipeline) speakers keep their text and a capitalised-word name. The dateline and the credit
are never part of a quote nor a speaker.
"""

from __future__ import annotations

from tagwerk.analysis import Analysis
from tagwerk.article import CONTENT_KINDS
from tagwerk.kb import KnowledgeBase, load_kb
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.quotes import find_claims, find_quotes, quoted_flags, quoted_segments
from tagwerk.quotes.speakers import Government

VERSION = "1.2.0"
"""1.2.0: dateline and credit left out; pronoun and description speakers through the coref
stage; spokespersons credited to their organisation, places to their government; one quote
per stretch (``within``)."""


def apply(analysis: Analysis, government: Government | None = None) -> None:
    """Find quotes and claims and write them into ``analysis``."""
    text = analysis.article.text
    art = analysis.article
    blocks = [(b.start, b.end) for b in art.blocks if b.kind in CONTENT_KINDS]
    if not blocks:
        blocks = [(0, len(text))]
    exclude = [(p.start, p.end) for p in art.credit.parts]
    if art.dateline is not None:
        exclude.append((art.dateline.start, art.dateline.end))
    quotes = find_quotes(
        text,
        analysis.sentences,
        analysis.tokens,
        analysis.mentions,
        analysis.entities,
        blocks,
        exclude=exclude,
        coref="coref" in analysis.stages,
        government=government,
    )
    segs = quoted_segments(text, blocks)
    quoted = quoted_flags(analysis.tokens, segs)
    analysis.quotes = quotes
    analysis.claims = find_claims(text, analysis.sentences, analysis.tokens, quotes, quoted)


@register_stage(
    "quotes",
    version=VERSION,
    requires=("tokens", "mentions", "entities"),
    assigns=("quotes", "claims"),
    description="direct, indirect and reported speech with speakers; claim attribution and hedges",
)
class Quotes(Stage):
    """Quotes and claims (rule-based, German)."""

    def __init__(self, config: AnalyzerConfig) -> None:
        self.kb = load_kb(config.kb_path, vocabularies=config.newsroom_vocabulary)

    def __call__(self, work: Work) -> None:
        apply(work.analysis, government_of(self.kb))


def government_of(kb: KnowledgeBase) -> Government:
    """The country (its id and name) whose government a place entity names: a country, or a
    capital; None for any other place."""

    def government(entity_id: str) -> tuple[str, str] | None:
        entry = kb.get(entity_id)
        if entry is None:
            return None
        if entry.kind == "country":
            return entry.entity_id, entry.name
        if entry.capital_of:
            country = kb.country(entry.capital_of)
            if country is not None:
                return country.entity_id, country.name
        return None

    return government
