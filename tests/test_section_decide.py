"""Section: cue and topic votes decide the desk; confidence reflects the margin."""

from __future__ import annotations

import pytest

from tagwerk.article import build_article
from tagwerk.pipeline import Analyzer
from tagwerk.stages.section import decide


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(stages=("tokens", "section"))


@pytest.mark.parametrize(
    ("title", "body", "label"),
    [
        ("Bayern gewinnt Spitzenspiel", "Der Stürmer traf in der Nachspielzeit zum 2:1. Der Trainer lobte die Mannschaft nach dem Bundesliga-Spiel, die Tabellenführung ist verteidigt.", "Sport"),
        ("Inflation sinkt leicht", "Die Verbraucherpreise stiegen im Mai um 2,4 Prozent. Ökonomen erwarten, dass die Zentralbank die Leitzinsen senkt. Der DAX legte zu, Anleger griffen bei Aktien zu.", "Wirtschaft"),
        ("Koalition streitet über Haushalt", "Der Bundestag debattiert den Bundeshaushalt. Die Opposition wirft dem Kanzler vor, die Schuldenbremse zu umgehen. Die Fraktion der Grünen kündigte Widerstand an.", "Politik"),
        ("Neues Smartphone vorgestellt", "Der Konzern zeigte ein Smartphone mit schnellerem Prozessor und neuer Software. Die App-Entwickler erhalten Zugriff auf die künstliche Intelligenz des Betriebssystems.", "Digital/Technik"),
    ],
)
def test_section_picks_the_desk(analyzer, title, body, label):
    a = analyzer.analyze(build_article(body=body, title=title))
    assert a.section is not None
    assert a.section.label == label
    assert 0 < a.section.confidence <= 1


def test_section_without_cues_is_default_with_low_confidence():
    s = decide({"Politik": 0.0, "Sport": 0.0})
    assert s.label == "Panorama"
    assert s.confidence < 0.2


def test_section_confidence_grows_with_margin():
    close = decide({"Politik": 1.0, "Sport": 0.9, "Wirtschaft": 0.0})
    clear = decide({"Politik": 5.0, "Sport": 0.2, "Wirtschaft": 0.0})
    assert close.label == clear.label == "Politik"
    assert clear.confidence > close.confidence


# -- a topic votes once for each word, however the vocabulary file writes it -------------------

def test_section_a_word_two_triggers_of_its_topic_match_votes_once():
    """``Polizei`` matches both ``polizei*`` and ``*polizei``: one word of the topic, one hit of its
    vote (it had counted twice, so a topic written with both forms outvoted the others)."""
    from tagwerk.stages.section import section_scores
    from tagwerk.topics import Topic, TopicVocabulary, text_words

    both = TopicVocabulary([Topic("Polizei", "Panorama", ("polizei*", "*polizei"))])
    one = TopicVocabulary([Topic("Polizei", "Panorama", ("polizei*",))])
    words = text_words("Die Polizei sucht Zeugen. Die Polizei bittet um Hinweise.")
    assert section_scores(both, both.match(words), None) == section_scores(one, one.match(words), None)


def test_section_a_topic_written_as_two_entries_votes_as_one():
    """A topic whose second entry holds a word only in its context (``Museum`` beside art) votes as
    the same topic written as one entry: the entries are how the file is written, not two topics."""
    from tagwerk.stages.section import section_scores
    from tagwerk.topics import Topic, TopicVocabulary, text_words

    split = TopicVocabulary([Topic("Kunst", "Kultur/Unterhaltung", ("gemälde",)),
                             Topic("Kunst", "Kultur/Unterhaltung", ("museum",), ("gemälde",))])
    whole = TopicVocabulary([Topic("Kunst", "Kultur/Unterhaltung", ("gemälde", "museum"))])
    words = text_words("Das Museum zeigt ein Gemälde von Klee.")
    assert section_scores(split, split.match(words), None) == section_scores(whole, whole.match(words), None)
