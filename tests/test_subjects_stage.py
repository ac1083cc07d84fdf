"""IPTC Media Topics: the shipped table, the team's cues and the subjects stage."""

from __future__ import annotations

import pytest

from tagwerk.article import GivenSubject, build_article
from tagwerk.stages.subjects import VERSION
from tagwerk.topics import VocabularyError
from tagwerk.topics.mediatopics import load_cues, load_table, parse_cues

SPORT = (
    "Bayern gewinnt Spitzenspiel in Dortmund",
    "Der FC Bayern hat das Spitzenspiel der Fußball-Bundesliga bei Borussia Dortmund mit 3:1 gewonnen. "
    "Der Trainer lobte seine Mannschaft nach dem Sieg. Mit dem Erfolg baut der Meister die Tabellenführung aus.\n"
    "Dortmund verlor damit das dritte Spiel der Saison.",
)
POLITICS = (
    "Bundestag beschließt Reform des Wahlrechts",
    "Der Bundestag hat mit den Stimmen der Koalition eine Reform des Wahlrechts beschlossen. "
    "Die Opposition kündigte eine Klage beim Bundesverfassungsgericht an. Der Kanzler verteidigte das Gesetz.\n"
    "Die Abgeordneten stritten stundenlang über die Zahl der Mandate.",
)


def test_subjects_table_levels_names_and_retired_codes():
    table = load_table()
    assert len(table.level1()) == 17
    assert table.get("medtop:11000000").name == "Politik"
    # a code retired by IPTC but still sent by agencies resolves through the tree
    assert [t.code for t in table.ancestors("20000394")] == ["20000394", "20000183", "20000170", "04000000"]
    assert table.get("20000394").retired and table.at_level("20000394", 1).name == "Wirtschaft und Finanzen"


def test_subjects_cues_name_only_codes_in_use():
    cues = load_cues()
    assert cues.sections["Sport"] == "15000000" and cues.triggers.topics
    table = load_table()
    with pytest.raises(VocabularyError, match="retired"):
        parse_cues({"topics": {"Börse": ["20000394"]}}, table)
    with pytest.raises(VocabularyError, match="not an IPTC Media Topic"):
        parse_cues({"triggers": {"99999999": ["wort"]}}, table)


@pytest.mark.parametrize(("text", "level1"), [(SPORT, "medtop:15000000"), (POLITICS, "medtop:11000000")])
def test_subjects_stage_top_level1(full_analyzer, text, level1):
    analysis = full_analyzer.analyze(build_article(title=text[0], body=text[1]))
    top = analysis.subjects[0]
    assert top.level == 1 and top.code == level1 and 0 < top.score <= 1
    assert top.evidence and all(analysis.text[e.start : e.end] == e.text for e in top.evidence)
    level2 = [s for s in analysis.subjects if s.level == 2]
    assert level2 and all(s.broader for s in level2)
    assert analysis.stages["subjects"] == VERSION


def test_subjects_every_article_gets_level1(full_analyzer):
    analysis = full_analyzer.analyze(build_article(body="Es war einmal ein kleiner Text ohne besonderes Thema."))
    assert [s for s in analysis.subjects if s.level == 1]


def test_subjects_agency_codes_are_not_read(full_analyzer):
    article = build_article(title=POLITICS[0], body=POLITICS[1])
    article.given_subjects = [GivenSubject("medtop", "15000000", "Sport")]
    analysis = full_analyzer.analyze(article)
    assert analysis.subjects[0].code == "medtop:11000000"
    assert "medtop:15000000" not in {s.code for s in analysis.subjects}


def test_subjects_agree_with_the_dpa_samples(shared_dir, full_analyzer):
    """On the dpa samples with medtop codes, tagwerk's top level-1 topic is the agency's in at least
    6 of 8 items (measured: 7 of 8, benchmarks/subjects.py; docs/wires.md)."""
    from tagwerk.article import Article
    from tagwerk.readers import read_path

    folder = shared_dir / "data" / "dpa-samples" / "digitalwires"
    if not folder.is_dir():
        pytest.skip("dpa samples not available")
    table = load_table()
    items = [a for a in read_path(folder) if isinstance(a, Article) and any(s.scheme == "medtop" for s in a.given_subjects)]
    assert len(items) == 8
    agree = 0
    for analysis in full_analyzer.analyze_many(items):
        gold = {table.at_level(s.code, 1).code for s in analysis.article.given_subjects if s.scheme == "medtop"}
        agree += analysis.subjects[0].code.split(":")[1] in gold
    assert agree >= 6


def test_subjects_a_topic_written_as_two_entries_votes_as_one():
    """The vocabulary's entries of one topic (``Kunst`` with ``Museum`` in a context entry) vote for
    its Media Topics as one topic, each word once: splitting an entry had added a vote (an
    exhibition of war art lost its war topics to the extra art vote)."""
    from tagwerk import Analyzer
    from tagwerk.stages.subjects import topic_votes
    from tagwerk.topics import Topic, TopicVocabulary, match_analysis

    a = Analyzer(stages=("tokens",)).analyze(build_article(body="Das Museum zeigt ein Gemälde von Klee.", title="Klee"))
    split = TopicVocabulary([Topic("Kunst", "Kultur/Unterhaltung", ("gemälde",)),
                             Topic("Kunst", "Kultur/Unterhaltung", ("museum", "*museum"), ("gemälde",))])
    whole = TopicVocabulary([Topic("Kunst", "Kultur/Unterhaltung", ("gemälde", "museum"))])
    cues = load_cues()

    def votes(vocab: TopicVocabulary) -> list[tuple[str, float, list[str]]]:
        return [(v.code, round(v.weight, 9), [e.text for e in v.evidence])
                for v in topic_votes(cues, vocab, match_analysis(vocab, a), a, None)]

    assert votes(split) == votes(whole)
    assert votes(whole)
