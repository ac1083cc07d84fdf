"""The quotes stage: direct, indirect and reported speech with speakers, and per-sentence claims.

The rules live in ``tagwerk.quotes`` (pure functions); this module only applies them.
Speakers are linked through the mentions and entities of the earlier stages; without
them (a tokens-only pipeline) speakers keep their text and a capitalised-word name.
"""

from __future__ import annotations

from tagwerk.analysis import Analysis
from tagwerk.article import CONTENT_KINDS
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.quotes import find_claims, find_quotes, quoted_segments

VERSION = "1.1.0"


def apply(analysis: Analysis) -> None:
    """Find quotes and claims and write them into ``analysis``."""
    text = analysis.article.text
    blocks = [(b.start, b.end) for b in analysis.article.blocks if b.kind in CONTENT_KINDS]
    if not blocks:
        blocks = [(0, len(text))]
    quotes = find_quotes(text, analysis.sentences, analysis.tokens, analysis.mentions, analysis.entities, blocks)
    segs = quoted_segments(text, blocks)
    quoted = _quoted_flags(analysis, segs)
    analysis.quotes = quotes
    analysis.claims = find_claims(text, analysis.sentences, analysis.tokens, quotes, quoted)


def _quoted_flags(analysis: Analysis, segs: list[tuple[int, int]]) -> list[bool]:
    out = []
    si = 0
    for t in analysis.tokens:
        while si < len(segs) and segs[si][1] <= t.start:
            si += 1
        out.append(si < len(segs) and segs[si][0] <= t.start and t.end <= segs[si][1])
    return out


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
        pass

    def __call__(self, work: Work) -> None:
        apply(work.analysis)
