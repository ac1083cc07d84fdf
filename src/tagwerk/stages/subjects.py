"""Subjects: the article's IPTC Media Topics, level 1 and level 2, each with IPTC's German name,
a score and the evidence for it.

A separate stage after ``section`` (DESIGN.md put Media Topics in the section stage): it reads
more than the section does (entities and keyphrases), and keeping it apart leaves the section
stage, its version and its stored results as they were.

Built from what tagwerk already knows, with the team's cues (``lang/de/mediatopics.yaml``):

* trigger words of Media Topics found in the text (:func:`trigger_votes`);
* hits of tagwerk's topic vocabulary, each topic standing for Media Topics (:func:`topic_votes`);
* the best keyphrases, matched against both (:func:`keyphrase_votes`);
* the KB descriptions of the salient entities (``US-Chiphersteller``) (:func:`entity_votes`);
* the section, as a prior on its level-1 topic, so that every article gets one.

Each vote goes to a Media Topic at any level and counts for its level-2 and level-1 ancestors
(:func:`aggregate`); :func:`select_subjects` keeps the best level-1 topics and their best
level-2 topics. The agency's own subjects (``article.given_subjects``) are never read here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tagwerk.analysis import Analysis, Evidence, Subject
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.topics import TopicHit, TopicVocabulary, hits_per_topic, load_vocabulary, tag_key, text_words, topic_hits
from tagwerk.topics.layout import HEAD, LEAD, Layout
from tagwerk.topics.mediatopics import SCHEME, MediaTopicCues, MediaTopicTable, load_cues, load_table

VERSION = "1.0.34"
"""1.0.34: the security hole and faith words of tags stage 1.3.41 speak for their Media Topics only in their context.
1.0.33: the pride, rainbow and fire words of tags stage 1.3.40 speak for LGBTQ and forest fires only in their context.
1.0.32: the suspect of tags stage 1.3.39 speaks for murder only beside a killing.
1.0.31: the topic ``Automatisierung der Arbeit`` of tags stage 1.3.38 is named ``Arbeitswelt`` (Media Topic employment).
1.0.30: the bare Nazi of tags stage 1.3.37 speaks for the Second World War only beside its words.
1.0.29: a family on holiday and a collision of two trains of tags stage 1.3.36 speak for tourism and road accidents no more.
1.0.28: the artist, airport and state-media words of tags stage 1.3.35 speak for their Media Topics only in their context.
1.0.27: the words of tags stage 1.3.34 speak for their Media Topics only in their context (a bare package).
1.0.26: the power grid of tags stage 1.3.33 speaks for the energy transition only beside its words.
1.0.25: the words of tags stage 1.3.32 speak for their Media Topics only in their context (an emergency
landing, the date 7 October).
1.0.24: the fire words of tags stage 1.3.30 (the Olympic flame, opening fire, artillery fire) no
longer speak for fires.
1.0.23: the words of tags stage 1.3.29 speak for their Media Topics only in their context (a stage, the
bare forest, a yacht).
1.0.22: the words of tags stage 1.3.27 speak for their Media Topics only in their context (a memorial,
a founder, an auction house).
1.0.21: the words of tags stage 1.3.26 speak for their Media Topics only in their context or no more
(the bare ``Bahn``, a bare flight, holiday pay, ``gezeugt``, ``Deus caritas est``).
1.0.20: the words of tags stage 1.3.25 speak for their Media Topics only in their context or no more
(``Armutszeugnis``, ``in die Arme``, firearms).
1.0.19: the words of tags stage 1.3.24 speak for their Media Topics only in their context or no more
(an attack ruled out, ``befragt``, ``reichsten``).
1.0.18: the words of tags stage 1.3.23 speak for their Media Topics no more (racism for right-wing
extremism, ``wie Popstars``).
1.0.17: the words of tags stage 1.3.22 speak for their Media Topics only in their context or no more
(an orbit, a parcel bomb, an altitude, a tourist, an oil company).
1.0.16: a vocabulary topic votes for its Media Topics once for each word, its entries as one topic
(``topics.hits_per_topic``): a context entry no longer adds a vote (an exhibition of war art kept
its war topics).
1.0.15: the words of tags stage 1.3.21 speak for their Media Topics only in their context or no more
(storms that are none, ``wettert``, a landslide victory, a pensioner, a museum, ``willkürlich``).
1.0.14: the words of tags stage 1.3.20 speak for their Media Topics only in their context or no more
(an aircraft carrier, ``-ski``, freestyle, the Big Brother Awards, the press, a car).
1.0.13: the words of tags stage 1.3.19 speak for their Media Topics no more (a poll's sponsor, prisoners
of war).
1.0.12: the words of tags stage 1.3.18 speak for their Media Topics only in their context (a national
team, Catholics and Protestants, a school, a driver).
1.0.11: the words of tags stage 1.3.17 speak for their Media Topics only in their context or no more
(a hotel, a poll's broadcaster, a billionaire).
1.0.10: the words of tags stage 1.3.16 speak for their Media Topics only in their context or no more
(an evacuation, a death toll, a teenager).
1.0.9: the words of tags stage 1.3.15 speak for their Media Topics only in their context or no more
(``Tafel``, a union, ``bauen``, an ``Affäre``, a heraldic lion, an underground train).
1.0.8: the words of tags stage 1.3.14 speak for their Media Topics only in their context (an auction, an
injury, a golf course).
1.0.7: the words of tags stage 1.3.12 speak for their Media Topics only in their context (a car maker's
name, stress).
1.0.6: the words of tags stage 1.3.11 speak for their Media Topics only in their context; no word of a
street's name of three or more parts (``Papst-Johannes-Platz``) does.
1.0.5: a word a topic excludes (``not``: a ``Fernsehgerät`` for television) speaks for its Media Topics no more.
1.0.4: the words of tags stage 1.3.9 vote for their topics only in its context.
1.0.3: the words of tags stage 1.3.8 vote for their topics only in its context.
1.0.2: a topic listed in several entries votes with its name once (its votes from topic hits).
1.0.1: a vocabulary topic's trigger listed twice counts once (its votes from topic hits)."""

# Weights of the kinds of evidence, set by hand (a topic of the curated vocabulary says more than
# one trigger word; keyphrases and entity descriptions repeat what the text says, so they count
# less), then checked on the dpa samples with medtop codes (benchmarks/subjects.py; 8 items,
# too few to fit anything: docs/wires.md).
TRIGGER_WEIGHT = 1.0
TOPIC_WEIGHT = 1.5
KEYPHRASE_WEIGHT = 0.5
ENTITY_WEIGHT = 0.8
SECTION_WEIGHT = 1.0
# A headline word says more than one in the body (as in the section stage).
ZONE_WEIGHT = {HEAD: 2.0, LEAD: 1.3}
SMOOTHING = 1.0
"""Added to the total before scores are taken, so that one weak cue does not score near 1."""
# Which topics are kept: level-1 topics with at least REL_L1 of the best one's votes (at most
# MAX_L1), level-2 topics under a kept level-1 one with at least REL_L2 of the best level-2 one's
# votes (at most MAX_L2); none below MIN_SCORE except the best level-1 topic.
REL_L1, MAX_L1 = 0.5, 3
REL_L2, MAX_L2 = 0.4, 4
MIN_SCORE = 0.08
MAX_EVIDENCE = 4
ENTITY_SALIENCE = 0.3
"""Entities below this salience do not vote with their description."""
KEYPHRASES = 10


@dataclass
class Vote:
    """Evidence for one Media Topic (any level)."""

    code: str
    weight: float
    evidence: list[Evidence] = field(default_factory=list)


def _zone_mass(hits: list[TopicHit], layout: Layout | None) -> float:
    return sum(ZONE_WEIGHT.get(layout.zone(h.start), 1.0) if layout else 1.0 for h in hits)


def _hit_evidence(hits: list[TopicHit], text: str, kind: str) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    out = []
    for h in sorted(hits, key=lambda h: h.start):
        if (h.start, h.end) in seen:
            continue
        seen.add((h.start, h.end))
        out.append(Evidence(h.start, h.end, text[h.start : h.end], kind))
        if len(out) >= MAX_EVIDENCE:
            break
    return out


def trigger_votes(cues: MediaTopicCues, analysis: Analysis, layout: Layout | None) -> list[Vote]:
    """Media Topic trigger words in the text: per topic, each distinct trigger counts with
    diminishing returns over its (zone-weighted) hits."""
    words = [(t.text, t.lemma, t.start, t.end) for t in analysis.tokens]
    votes: list[Vote] = []
    for ti, hits in cues.triggers.match(words).items():
        per: dict[str, list[TopicHit]] = {}
        for h in hits:
            per.setdefault(h.trigger, []).append(h)
        weight = TRIGGER_WEIGHT * sum(math.log1p(_zone_mass(hs, layout)) for hs in per.values())
        votes.append(Vote(cues.triggers.topics[ti].name, weight, _hit_evidence(hits, analysis.text, "trigger")))
    return votes


def topic_votes(cues: MediaTopicCues, vocab: TopicVocabulary, hits: dict[int, list[TopicHit]], analysis: Analysis,
                layout: Layout | None) -> list[Vote]:
    """Hits of the topic vocabulary: each topic votes for the Media Topics it stands for."""
    votes: list[Vote] = []
    for topic, found in hits_per_topic(vocab, hits):
        codes = cues.topics.get(tag_key(topic.name)) if topic.taggable else None
        if not codes:
            continue
        weight = TOPIC_WEIGHT * min(topic.weight, 1.5) * math.log1p(_zone_mass(found, layout))
        evidence = _hit_evidence(found, analysis.text, "topic")
        votes.extend(Vote(code, weight, evidence) for code in codes)
    return votes


def keyphrase_votes(cues: MediaTopicCues, vocab: TopicVocabulary, analysis: Analysis) -> list[Vote]:
    """The best keyphrases, matched against the triggers and the vocabulary topics."""
    phrases = analysis.keyphrases[:KEYPHRASES]
    if not phrases:
        return []
    top = max(k.score for k in phrases) or 1.0
    votes: list[Vote] = []
    for kp in phrases:
        words = text_words(kp.text)
        weight = KEYPHRASE_WEIGHT * kp.score / top
        evidence = [Evidence(s.start, s.end, s.text, "keyphrase") for s in kp.spans[:2]]
        for ti in cues.triggers.match(words):
            votes.append(Vote(cues.triggers.topics[ti].name, weight, evidence))
        for ti in vocab.match(words):
            topic = vocab.topics[ti]
            for code in cues.topics.get(tag_key(topic.name), ()) if topic.taggable else ():
                votes.append(Vote(code, weight, evidence))
    return votes


def _credit_spans(analysis: Analysis) -> list[tuple[int, int]]:
    art = analysis.article
    spans = [(b.start, b.end) for b in art.blocks if b.kind == "credit"]
    if art.dateline is not None:
        spans.append((art.dateline.start, art.dateline.end))
    return spans


def entity_votes(cues: MediaTopicCues, analysis: Analysis) -> list[Vote]:
    """The KB descriptions of salient entities (``chinesisches KI-Unternehmen``), matched against
    the triggers; an entity named only in the credit or the dateline (the agency) does not vote."""
    credit = _credit_spans(analysis)
    votes: list[Vote] = []
    for ent in analysis.entities:
        if not ent.description or ent.salience < ENTITY_SALIENCE:
            continue
        in_text = [m for m in ent.mentions if not any(s <= m.start < e for s, e in credit)]
        if not in_text:
            continue
        weight = ENTITY_WEIGHT * min(ent.salience, 1.0)
        evidence = [Evidence(m.start, m.end, m.text, "entity") for m in in_text[:2]]
        for ti in cues.triggers.match(text_words(ent.description)):
            votes.append(Vote(cues.triggers.topics[ti].name, weight, evidence))
    return votes


def section_votes(cues: MediaTopicCues, analysis: Analysis, default: str) -> list[Vote]:
    """The section as a prior on its level-1 topic (weighted by the section's confidence)."""
    section = analysis.section
    label = section.label if section else default
    code = cues.sections.get(label) or cues.sections.get(default)
    if code is None:
        return []
    return [Vote(code, SECTION_WEIGHT * (section.confidence if section else 0.1))]


def aggregate(votes: list[Vote], table: MediaTopicTable) -> tuple[dict[str, Vote], dict[str, Vote]]:
    """Votes per level-1 and per level-2 topic: a vote for a deeper topic counts for both of its
    ancestors; evidence is merged (each span once)."""
    level1: dict[str, Vote] = {}
    level2: dict[str, Vote] = {}
    for vote in votes:
        for level, into in ((1, level1), (2, level2)):
            topic = table.at_level(vote.code, level)
            if topic is None:
                continue
            agg = into.setdefault(topic.code, Vote(topic.code, 0.0))
            agg.weight += vote.weight
            for ev in vote.evidence:
                if len(agg.evidence) < MAX_EVIDENCE and all((e.start, e.end) != (ev.start, ev.end) for e in agg.evidence):
                    agg.evidence.append(ev)
    return level1, level2


def select_subjects(level1: dict[str, Vote], level2: dict[str, Vote], table: MediaTopicTable) -> list[Subject]:
    """The best level-1 topics (the best one always), then the best level-2 topics under them."""
    total = sum(v.weight for v in level1.values())
    if total <= 0:
        return []
    norm = total + SMOOTHING

    def subject(vote: Vote, level: int) -> Subject:
        topic = table.get(vote.code)
        assert topic is not None
        broader = table.at_level(vote.code, 1) if level == 2 else None
        evidence = sorted(vote.evidence, key=lambda e: e.start)
        return Subject(f"{SCHEME}:{topic.code}", topic.name, level, round(vote.weight / norm, 3),
                       f"{SCHEME}:{broader.code}" if broader else None, evidence)

    ranked1 = sorted(level1.values(), key=lambda v: (-v.weight, v.code))
    best1 = ranked1[0].weight
    kept1 = [v for i, v in enumerate(ranked1[:MAX_L1]) if i == 0 or (v.weight >= REL_L1 * best1 and v.weight / norm >= MIN_SCORE)]
    kept_codes = {v.code for v in kept1}
    candidates = [v for v in level2.values() if v.weight > 0 and getattr(table.at_level(v.code, 1), "code", None) in kept_codes]
    ranked2 = sorted(candidates, key=lambda v: (-v.weight, v.code))
    kept2 = []
    if ranked2:
        best2 = ranked2[0].weight
        kept2 = [v for i, v in enumerate(ranked2[:MAX_L2]) if i == 0 or (v.weight >= REL_L2 * best2 and v.weight / norm >= MIN_SCORE)]
    return [subject(v, 1) for v in kept1] + [subject(v, 2) for v in kept2]


@register_stage(
    "subjects",
    version=VERSION,
    requires=("tokens", "entities", "keyphrases", "section"),
    assigns=("subjects",),
    description="IPTC Media Topics (level 1 and 2) from topics, triggers, keyphrases, entities and section",
)
class SubjectsStage(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        self.vocab = load_vocabulary(config.topics_path, config.newsroom_vocabulary)
        self.table = load_table()
        self.cues = load_cues()
        self.default = str(config.extra.get("section.default", "Panorama"))

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        layout = Layout.of(analysis.article)
        votes = trigger_votes(self.cues, analysis, layout)
        votes += topic_votes(self.cues, self.vocab, topic_hits(work, self.vocab), analysis, layout)
        votes += keyphrase_votes(self.cues, self.vocab, analysis)
        votes += entity_votes(self.cues, analysis)
        votes += section_votes(self.cues, analysis, self.default)
        level1, level2 = aggregate(votes, self.table)
        analysis.subjects = select_subjects(level1, level2, self.table)
