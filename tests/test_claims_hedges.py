"""Claims: attribution, hedges and certainty per sentence, on hand-written German sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagwerk.pipeline import Analyzer
from tagwerk.stages.quotes import apply

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_ANALYZER = Analyzer(stages=("tokens",))


def claims(text: str):
    a = _ANALYZER.analyze(text)
    apply(a)
    return a.claims


@pytest.mark.parametrize(
    "text, hedge",
    [
        ("Der Konzern hat angeblich Kundendaten verkauft.", "angeblich"),
        ("Der mutmaßliche Täter wurde in Hamburg gefasst.", "mutmaßliche"),
        ("Der Mann soll die Bank zweimal überfallen haben.", "soll die Bank zweimal überfallen haben"),
        ("Berichten zufolge wurde der Vertrag bereits unterschrieben.", "Berichten zufolge"),
        ("Nach unbestätigten Angaben gab es zwei Verletzte.", "Nach unbestätigten Angaben"),
        ("Experten zufolge steigt der Meeresspiegel schneller als erwartet.", "Experten zufolge"),
    ],
)
def test_claims_hedged(text, hedge):
    (c,) = claims(text)
    assert c.certainty == "hedged"
    assert [h.text for h in c.hedges] == [hedge]


def test_claims_asserted_is_the_articles_own_voice():
    (c,) = claims("Die Brücke ist seit Montag für Lastwagen gesperrt.")
    assert c.certainty == "asserted"
    assert c.source is None and c.attribution is None and c.hedges == []


def test_claims_attributed_to_the_speaker():
    (c,) = claims("Die Schule bleibe bis Freitag geschlossen, teilte das Landratsamt mit.")
    assert c.certainty == "attributed"
    assert c.source_text == "Landratsamt"
    assert c.attribution is not None and "das Landratsamt" in c.attribution.text


def test_claims_experten_zufolge_is_an_attribution_too():
    (c,) = claims("Experten zufolge steigt der Meeresspiegel schneller als erwartet.")
    assert c.attribution is not None and c.attribution.text == "Experten zufolge"


def test_claims_every_sentence_gets_one():
    cs = claims("Es regnet. Der Verband erklärte, dass die Preise steigen würden. Angeblich kommt Schnee.")
    assert [c.certainty for c in cs] == ["asserted", "attributed", "hedged"]
    assert [c.sentence for c in cs] == [0, 1, 2]


def test_claims_hedge_words_inside_quotes_are_not_the_articles_hedge():
    (c,) = claims("„Das ist angeblich alles erlaubt“, sagte der Anwalt.")
    assert c.hedges == [] and c.certainty == "attributed"


def test_claims_seed_article():
    path = SHARED / "seeds" / "ntv-article.txt"
    if not path.exists():
        pytest.skip("../shared is not present")
    from tagwerk.article import parse_text

    analyzer = Analyzer()  # every installed stage
    a = analyzer.analyze(parse_text(path.read_text(encoding="utf-8")))
    if "quotes" not in a.stages:
        a = _ANALYZER.analyze(parse_text(path.read_text(encoding="utf-8")))
        apply(a)
    quotes = a.quotes
    # Lawrow's direct quote "immer", cue sagte
    immer = [q for q in quotes if q.type == "Direct" and "immer" in q.spans[0].text and len(q.spans[0].text) < 10]
    assert immer and "Lawrow" in (immer[0].speaker_name or "") and immer[0].cue.text == "sagte"
    # the indirect statements of KCNA and of Putin, and Choe's
    speakers = [(q.type, q.speaker.text if q.speaker else "") for q in quotes]
    assert any(t == "Indirect" and "KCNA" in s for t, s in speakers)
    assert any(t == "Indirect" and "Putin" in s for t, s in speakers)
    assert any(t == "Indirect" and s == "Choe" for t, s in speakers)
    # the hedged claim on ballistic missiles and the Experten zufolge attribution
    missiles = [c for c in a.claims if "ballistische" in c.text]
    assert missiles and missiles[0].certainty == "hedged" and missiles[0].hedges[0].text == "angeblich"
    experts = [c for c in a.claims if c.attribution and c.attribution.text == "Experten zufolge"]
    assert experts


def test_claims_source_after_source_noun():
    (c,) = claims("Nach Angaben aus Ministeriumskreisen wird die Steuer erst im Herbst gesenkt.")
    assert c.certainty == "attributed"
    assert c.source_text == "Ministeriumskreisen"
    assert c.attribution is not None and "Nach Angaben" in c.attribution.text


def test_claims_group_pronoun_is_attributed_without_a_name():
    (c,) = claims("Nach dem Treffen versicherten beide, die Fabrik bleibe in Betrieb.")
    assert c.certainty == "attributed"
    assert c.source is None and c.source_text == "beide"
