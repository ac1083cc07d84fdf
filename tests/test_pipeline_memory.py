"""The Analyzer keeps a flat memory profile: spaCy's strings for new words are freed."""

from __future__ import annotations

from tagwerk import pipeline
from tagwerk.pipeline import Analyzer

TEXT = "Die Xylofonbrummelei von Quabbenrode begann am Montag."


def _strings(analyzer: Analyzer):
    """The StringStore of the spaCy pipeline the Analyzer's stages share."""
    return analyzer._stages[0][1].nlp.vocab.strings


def test_new_words_leave_spacys_vocabulary_when_the_zone_closes() -> None:
    analyzer = Analyzer(stages=("tokens", "ner"))
    strings = _strings(analyzer)
    first = analyzer.analyze(TEXT)
    assert "Xylofonbrummelei" in strings  # inside the open zone
    analyzer.release_memory()
    assert "Xylofonbrummelei" not in strings and "Quabbenrode" not in strings
    # the finished analysis owns plain strings, and the next one works as before
    assert [t.text for t in first.tokens][:3] == ["Die", "Xylofonbrummelei", "von"]
    again = analyzer.analyze(TEXT)
    assert again.to_dict() == first.to_dict()


def test_the_zone_is_renewed_every_zone_articles(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "ZONE_ARTICLES", 3)
    analyzer = Analyzer(stages=("tokens",))
    strings = _strings(analyzer)
    for i in range(3):
        analyzer.analyze(f"Am Montag sprach Frau Wuppelkamp{i} in Berlin.")
    assert "Wuppelkamp0" not in strings  # three articles: the zone closed after the third
    analyzer.analyze("Am Montag sprach Frau Wuppelkamp9 in Berlin.")
    assert "Wuppelkamp9" in strings  # a new zone is open
    analyzer.release_memory()
    assert "Wuppelkamp9" not in strings


def test_two_analyzers_sharing_the_pipeline_never_nest_zones() -> None:
    """Zones must not nest: an Analyzer opening one first closes the other Analyzer's."""
    a, b = Analyzer(stages=("tokens",)), Analyzer(stages=("tokens", "ner"))
    strings = _strings(a)
    assert _strings(b) is strings  # one pipeline (the default NER model labels the tokens stage's Doc)
    ra = a.analyze("Frau Zimperwald sprach in Hamburg.")
    assert "Zimperwald" in strings
    rb = b.analyze("Herr Knolleberg sprach in Bremen.")
    assert "Zimperwald" not in strings and "Knolleberg" in strings  # a's zone was closed first
    assert a.analyze("Frau Zimperwald sprach in Hamburg.").to_dict() == ra.to_dict()
    assert "Knolleberg" not in strings  # and now b's
    b.release_memory()
    a.release_memory()
    assert rb.tokens[1].text == "Knolleberg"
