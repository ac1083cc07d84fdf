"""Section: which desk the article belongs to (Politik, Wirtschaft, Sport, ...).

Built only from shippable data: the section hints of the topic vocabulary and its
``section_cues`` lists (both written by the team, ``lang/de/topics.yaml``). Every trigger
hit votes for its topic's section, damped per topic (``log1p`` of its hits) and doubled in
the headline; the confidence is the winner's share of all votes, smoothed.
No model is trained on 10kGNAD; ``benchmarks/section.py`` only measures on it.
"""

from __future__ import annotations

import math

from tagwerk.analysis import Section
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.profiles import vocabulary_for
from tagwerk.topics import (
    SECTIONS,
    TopicHit,
    TopicVocabulary,
    hits_per_topic,
    topic_hits,
)
from tagwerk.topics.layout import HEAD, LEAD, Layout

VERSION = "1.0.35"
"""1.0.35: the security hole and faith words of tags stage 1.3.41 vote for their topics only in their context.
1.0.34: the pride, rainbow and fire words of tags stage 1.3.40 vote for LGBTQ and forest fires only in their context.
1.0.33: the suspect of tags stage 1.3.39 votes for murder only beside a killing.
1.0.32: the topic ``Automatisierung der Arbeit`` of tags stage 1.3.38 is named ``Arbeitswelt``.
1.0.31: the bare Nazi of tags stage 1.3.37 votes for the Second World War only beside its words.
1.0.30: a family on holiday and a collision of two trains of tags stage 1.3.36 vote for tourism and road accidents no more.
1.0.29: the artist, airport and state-media words of tags stage 1.3.35 vote for their topics only in their context.
1.0.28: the words of tags stage 1.3.34 vote for their topics only in their context (a bare package).
1.0.27: the power grid of tags stage 1.3.33 votes for the energy transition only beside its words.
1.0.26: the words of tags stage 1.3.32 vote for their topics only in their context (an emergency
landing, the date 7 October).
1.0.25: the fire words of tags stage 1.3.30 (the Olympic flame, opening fire, artillery fire) no
longer vote for fires.
1.0.24: the words of tags stage 1.3.29 vote for their topics only in their context (a stage, the bare
forest, a yacht).
1.0.23: the words of tags stage 1.3.27 vote for their topics only in their context (a memorial, a
founder, an auction house).
1.0.22: the words of tags stage 1.3.26 vote for their topics only in their context or no more
(the bare ``Bahn``, a bare flight, holiday pay, ``gezeugt``, ``Deus caritas est``).
1.0.21: the words of tags stage 1.3.25 vote for their topics only in their context or no more
(``Armutszeugnis``, ``in die Arme``, firearms).
1.0.20: the words of tags stage 1.3.24 vote for their topics only in their context or no more (an
attack ruled out, ``befragt``, ``reichsten``).
1.0.19: the words of tags stage 1.3.23 vote for their topics no more (racism for right-wing
extremism, ``wie Popstars``).
1.0.18: the words of tags stage 1.3.22 vote for their topics only in their context or no more (an
orbit, a parcel bomb, an altitude, a tourist, an oil company).
1.0.17: a topic votes once for each word: a word two of its triggers match (``polizei*``,
``*polizei``) and a topic written as several entries of the vocabulary (one with context words)
count as one topic with its first entry's weight, as the tags stage reads them
(``topics.hits_per_topic``); 10kGNAD test 0.712 -> 0.714.
1.0.16: the words of tags stage 1.3.21 vote for their topics only in their context or no more (storms
that are none, ``wettert``, a landslide victory, a pensioner, a museum, ``willkürlich``).
1.0.15: the words of tags stage 1.3.20 vote for their topics only in their context or no more (an aircraft
carrier, ``-ski``, freestyle, the Big Brother Awards, the press, a car).
1.0.14: the words of tags stage 1.3.19 vote for their topics no more (a poll's sponsor, prisoners of war).
1.0.13: the words of tags stage 1.3.18 vote for their topics only in their context (a national team,
Catholics and Protestants, a school, a driver).
1.0.12: the words of tags stage 1.3.17 vote for their topics only in their context or no more (a hotel,
a poll's broadcaster, a billionaire).
1.0.11: the words of tags stage 1.3.16 vote for their topics only in their context or no more (an
evacuation, a death toll, a teenager).
1.0.10: the words of tags stage 1.3.15 vote for their topics only in their context or no more (``Tafel``,
a union, ``bauen``, an ``Affäre``, a heraldic lion, an underground train).
1.0.9: the words of tags stage 1.3.14 vote for their topics only in their context (an auction, an injury, a golf course).
1.0.8: the words of tags stage 1.3.12 vote for their topics only in their context (a car maker's name, stress).
1.0.7: the words of tags stage 1.3.11 vote for their topics only in their context; no word of a street's
name of three or more parts (``Herzog-von-Weimar-Straße``) votes.
1.0.6: a word a topic excludes (``not``: a ``Fernsehgerät`` for television) votes for it no more.
1.0.5: the words of tags stage 1.3.9 vote for their topics only in its context.
1.0.4: the words of tags stage 1.3.8 vote for their topics only in its context.
1.0.3: a topic listed in several entries (the second one with a context) votes with its name once;
``Lesung``, ``Missbrauch``, the Huthi and ``Tour`` vote for their topics only in its context.
1.0.2: a trigger a topic lists twice (its name, and the name again in lower case) counts once
(92 topics of the shipped vocabulary did; a house tag that repeats a shipped trigger too).
1.0.1: the topic vocabulary of issue #31 (compound triggers need a first part that is no verb
prefix; Bundesländer and Landtagswahlen need a German Land for a government word) and a
profile's house tags (which vote for no section)."""

DEFAULT_SECTION = "Panorama"
"""What an article without any cue is filed under (the catch-all desk)."""

# Zone weights of a hit: a headline word says more about the desk than one in the body.
# Set by hand; checked on 10kGNAD test (benchmarks/section.py), not fitted to it.
ZONE_WEIGHT = {HEAD: 2.0, LEAD: 1.3}
# Votes added to every section before the confidence is taken, so that one weak cue
# does not give a confidence near 1.
SMOOTHING = 0.5
# Section cue lists vote with this weight relative to a taggable topic.
CUE_WEIGHT = 0.7


def section_scores(vocab: TopicVocabulary, hits: dict[int, list[TopicHit]], layout: Layout | None) -> dict[str, float]:
    """Votes per section from topic hits."""
    scores = dict.fromkeys(SECTIONS, 0.0)
    for topic, found in hits_per_topic(vocab, hits):
        if not topic.section or topic.section not in scores:
            continue
        if topic.taggable:
            # one topic counts with diminishing returns over its hits
            mass = sum(ZONE_WEIGHT.get(layout.zone(h.start), 1.0) if layout else 1.0 for h in found)
            scores[topic.section] += min(topic.weight, 1.5) * math.log1p(mass)
        else:
            # cue words: each distinct cue counts, each one damped
            per: dict[str, float] = {}
            for h in found:
                per[h.trigger] = per.get(h.trigger, 0.0) + (ZONE_WEIGHT.get(layout.zone(h.start), 1.0) if layout else 1.0)
            scores[topic.section] += CUE_WEIGHT * topic.weight * sum(math.log1p(v) for v in per.values())
    return scores


def decide(scores: dict[str, float], *, default: str = DEFAULT_SECTION) -> Section:
    total = sum(scores.values())
    if total <= 0:
        return Section(default, round(1.0 / len(SECTIONS), 3), {k: 0.0 for k in scores})
    label = max(scores, key=lambda k: (scores[k], k == default))
    conf = (scores[label] + SMOOTHING) / (total + SMOOTHING * len(scores))
    norm = {k: round(v / total, 4) for k, v in scores.items()}
    return Section(label, round(conf, 3), norm)


@register_stage(
    "section",
    version=VERSION,
    requires=("tokens",),
    assigns=("section", "topic_hits"),
    description="the article's section from topic and cue words (no trained model)",
)
class SectionStage(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        self.vocab = vocabulary_for(config)  # the tags stage's too: the hits are found once
        self.default = str(config.extra.get("section.default", DEFAULT_SECTION))
        if self.default not in SECTIONS:
            raise ValueError(f"section.default must be one of {', '.join(SECTIONS)}")

    def __call__(self, work: Work) -> None:
        hits = topic_hits(work, self.vocab)
        work.analysis.section = decide(section_scores(self.vocab, hits, Layout.of(work.analysis.article)), default=self.default)
