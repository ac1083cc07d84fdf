"""Tags: what an editor puts under the article, ranked, with evidence.

Candidates come from entities, topics and keyphrases (:mod:`.candidates`), are merged into one
concept each in its canonical editor form and cleaned of noise (:mod:`.merge`, :mod:`.rules`),
then ranked: by their hand-weighted salience, or by a newsroom profile's ranker
(:mod:`tagwerk.profiles`); :func:`select_tags` keeps the given tags and the top k.
"""

from __future__ import annotations

from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.stages.tags.candidates import (
    HOME_COUNTRY,
    Candidate,
    entity_candidates,
    first_speaker,
    keyphrase_candidates,
    lead_sentence_span,
    role_prominence,
    text_prominence,
    topic_candidates,
)
from tagwerk.stages.tags.merge import drop_noise, fill_evidence_text, merge_candidates, select_tags
from tagwerk.stages.tags.rules import credit_spans, hits_beyond_amounts, hits_outside_names, hits_outside_spans
from tagwerk.topics import load_vocabulary, topic_hits
from tagwerk.topics.layout import Layout

__all__ = [
    "HOME_COUNTRY",
    "Candidate",
    "Tags",
    "drop_noise",
    "entity_candidates",
    "first_speaker",
    "keyphrase_candidates",
    "lead_sentence_span",
    "merge_candidates",
    "role_prominence",
    "select_tags",
    "text_prominence",
    "topic_candidates",
]

VERSION = "1.3.0"

def _load_kb(config: AnalyzerConfig):  # noqa: ANN202
    """The KB the entities stage uses (same arguments, so the cached copy), or None."""
    try:
        from tagwerk.kb import load_kb
    except ImportError:  # pragma: no cover - the KB package is part of tagwerk
        return None
    try:
        return load_kb(
            config.kb_path,
            user=config.extra.get("entities.user_kb", True),
            vocabularies=config.newsroom_vocabulary,
        )
    except Exception:  # noqa: BLE001 - without a KB the tags still work, only less well
        return None


@register_stage(
    "tags",
    version=VERSION,
    requires=("entities", "keyphrases", "section"),
    assigns=("tags",),
    description="ranked tags from entities, topics and keyphrases, with evidence",
)
class Tags(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        self.vocab = load_vocabulary(config.topics_path, config.newsroom_vocabulary)
        self.top_k = config.top_k
        self.home = config.extra.get("tags.home_country", HOME_COUNTRY) or None
        self.kb = _load_kb(config)

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        text = analysis.article.text
        layout = Layout.of(analysis.article)
        lead = lead_sentence_span(analysis.sentences, layout)
        credit = credit_spans(analysis.article)
        cands = entity_candidates(
            analysis.entities, layout, analysis.quotes, home=self.home, kb=self.kb, text=text, lead=lead, credit=credit
        )
        hits = hits_outside_names(topic_hits(work, self.vocab), self.vocab, analysis.entities, analysis.tokens)
        hits = hits_beyond_amounts(hits_outside_spans(hits, credit), text)
        cands += topic_candidates(self.vocab, hits, layout)
        cands += keyphrase_candidates(analysis.keyphrases, text=text, credit=credit)
        cands = merge_candidates(cands, self.vocab)
        fill_evidence_text(cands, text)
        cands = drop_noise(cands)
        analysis.tags = select_tags(cands, analysis.article.given_tags, self.top_k, text)
