"""Tags: candidates from entities, topics and keyphrases, merged and ranked, with evidence."""

from __future__ import annotations

import re

import pytest

from tagwerk.analysis import Entity, Mention
from tagwerk.article import build_article
from tagwerk.pipeline import AnalyzerConfig, Work
from tagwerk.stages.keyphrases import extract_keyphrases
from tagwerk.stages.section import SectionStage
from tagwerk.stages.tags import Candidate, Tags, merge_candidates
from tagwerk.topics import tag_key

TITLE = "Kanzler reist nach Paris"
BODY = (
    "Bundeskanzler Olaf Scholz ist zu Gesprächen mit dem französischen Präsidenten Emmanuel Macron "
    "nach Paris gereist. Scholz und Macron wollen über neue Sanktionen gegen Russland sprechen.\n"
    "Im Mittelpunkt steht der Krieg gegen die Ukraine. Frankreich liefert weitere Luftabwehrsysteme, "
    "sagte Macron. Scholz kündigte an, die Waffenlieferungen an die Ukraine fortzusetzen."
)


def _mentions(text: str, form: str, label: str, **kw) -> list[Mention]:
    return [Mention(m.start(), m.end(), form, label, **kw) for m in re.finditer(re.escape(form), text)]


def _entity(text: str, eid: str, name: str, label: str, forms: list[str], derived: list[str] = (), kb: str | None = None) -> Entity:
    ms: list[Mention] = []
    for f in forms:
        ms += _mentions(text, f, label)
    for f in derived:
        ms += _mentions(text, f, label, derived=True)
    return Entity(id=eid, name=name, type=label, kb_id=kb, mentions=ms)


@pytest.fixture(scope="module")
def analysis(token_analyzer):
    a = token_analyzer.analyze(build_article(body=BODY, title=TITLE))
    t = a.text
    a.entities = [
        _entity(t, "Q61053", "Olaf Scholz", "PER", ["Olaf Scholz", "Scholz"], kb="Q61053"),
        _entity(t, "Q3052772", "Emmanuel Macron", "PER", ["Emmanuel Macron", "Macron"], kb="Q3052772"),
        _entity(t, "Q90", "Paris", "LOC", ["Paris"], kb="Q90"),
        _entity(t, "Q142", "Frankreich", "LOC", ["Frankreich"], ["französischen"], kb="Q142"),
        _entity(t, "Q159", "Russland", "LOC", ["Russland"], kb="Q159"),
        _entity(t, "Q212", "Ukraine", "LOC", ["Ukraine"], kb="Q212"),
        # a surname-only entity the entities stage failed to merge
        _entity(t, "local:per:scholz", "Scholz", "PER", []),
    ]
    a.entities[-1].mentions = [_mentions(t, "Scholz", "PER")[-1]]
    a.mentions = [m for e in a.entities for m in e.mentions]
    a.keyphrases = extract_keyphrases(a.text, a.tokens, a.mentions)
    config = AnalyzerConfig(top_k=8)
    work = Work(a)
    SectionStage(config)(work)
    Tags(config)(work)
    return a


def test_tags_top_k_and_order(analysis):
    names = [t.name for t in analysis.tags]
    assert len(names) == 8
    assert {"Olaf Scholz", "Emmanuel Macron"} <= set(names[:3])
    assert {"Olaf Scholz", "Emmanuel Macron", "Frankreich"} <= set(names)


def test_tags_no_near_duplicates(analysis):
    keys = [tag_key(t.name) for t in analysis.tags]
    assert len(keys) == len(set(keys))
    assert "Scholz" not in [t.name for t in analysis.tags]


def test_tags_topic_from_triggers(analysis):
    topics = {t.name for t in analysis.tags if t.source == "topic"}
    assert topics & {"Krieg in der Ukraine", "Sanktionen", "Waffenlieferungen"}


def test_tags_evidence_points_into_text(analysis):
    for tag in analysis.tags:
        assert tag.evidence, tag.name
        for ev in tag.evidence:
            assert analysis.text[ev.start : ev.end] == ev.text


def test_tags_derived_mention_counts(analysis):
    fr = next(t for t in analysis.tags if t.name == "Frankreich")
    assert "derived" in {e.kind for e in fr.evidence}


def test_tags_scores_descend(analysis):
    scores = [t.score for t in analysis.tags if not t.given]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0


def test_tags_given_tags_kept(token_analyzer):
    a = token_analyzer.analyze(build_article(body=BODY, title=TITLE, given_tags=["Europa", "Ukraine"]))
    a.entities = [_entity(a.text, "Q212", "Ukraine", "LOC", ["Ukraine"])]
    config = AnalyzerConfig(top_k=3)
    work = Work(a)
    SectionStage(config)(work)
    Tags(config)(work)
    given = [t for t in a.tags if t.given]
    assert [t.name for t in given] == ["Europa", "Ukraine"]
    assert given[1].evidence  # the given tag shows where the text supports it
    assert sum(not t.given for t in a.tags) <= 3
    assert "Ukraine" not in [t.name for t in a.tags if not t.given]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Kim Jong-un", "Kim Jong Un"], 1),
        (["Putin", "Wladimir Putin"], 1),
        (["Russland", "Nordkorea"], 2),
    ],
)
def test_tags_merge_folds_duplicates(names, expected):
    cands = [Candidate(n, 1.0, "entity", "person", label="PER") for n in names]
    assert len(merge_candidates(cands)) == expected


def test_tags_keyphrase_covered_by_entity_is_dropped():
    ent = Candidate("Ukraine", 2.0, "entity", "place", label="LOC")
    term = Candidate("Ukraine-Konflikt", 0.5, "keyphrase", "term")
    other = Candidate("Artilleriemunition", 0.4, "keyphrase", "term")
    names = [c.name for c in merge_candidates([ent, term, other])]
    assert names == ["Ukraine", "Artilleriemunition"]


def test_candidate_key_follows_a_new_name():
    """The key is kept between reads, and taken anew when the merge renames the candidate."""
    c = Candidate("Vereinigte Staaten", 1.0, "entity", "place")
    assert c.key == "vereinigtestaaten" and c.key == "vereinigtestaaten"
    c.name = "USA"
    assert c.key == "usa"


# -- a profile's ranker pool: only the pool is sorted, with the same tags -----------------------

def _pool_cands() -> tuple[list[Candidate], list[Candidate]]:
    """Twelve candidates a ranker scored (the pool) and eight it left out at score 0."""
    from tagwerk.analysis import Evidence

    pool = [Candidate(f"Thema {i}", 1.0 / (i + 1), "topic", "topic") for i in range(12)]
    rest = [Candidate(f"Rest {i}", 0.0, "entity" if i % 2 else "keyphrase", "term",
                      evidence=[Evidence(10 * i, 10 * i + 4, "Rest", "mention")]) for i in range(8)]
    return pool, rest


def test_select_tags_ranks_only_the_pool_with_the_same_tags():
    from tagwerk.stages.tags import select_tags

    pool, rest = _pool_cands()
    cands = [*rest[:4], *pool, *rest[4:]]
    whole = select_tags(cands, [], 6, "", first=["thema5"])
    pooled = select_tags(cands, [], 6, "", first=["thema5"], pool=pool)
    assert [(t.name, t.score) for t in pooled] == [(t.name, t.score) for t in whole]
    assert pooled[0].name == "Thema 5"  # the subject term leads


def test_select_tags_given_tag_takes_the_evidence_of_a_candidate_left_out_of_the_pool():
    from tagwerk.stages.tags import select_tags

    pool, rest = _pool_cands()
    tags = select_tags([*pool, *rest], ["Rest 3"], 6, "", pool=pool)
    assert tags[0].name == "Rest 3" and tags[0].given
    assert [(e.start, e.end) for e in tags[0].evidence] == [(30, 34)]


def test_select_tags_ranks_every_candidate_when_the_pool_scores_too_few():
    """Where fewer of the pool than the top k score above 0, the candidates left out come after
    them, in the order they would have had (the pool's own zeros among them)."""
    from tagwerk.stages.tags import select_tags

    pool, rest = _pool_cands()
    for c in pool[2:]:
        c.score = 0.0
    cands = [*pool, *rest]
    assert [t.name for t in select_tags(cands, [], 6, "", pool=pool)] == [t.name for t in select_tags(cands, [], 6, "")]
