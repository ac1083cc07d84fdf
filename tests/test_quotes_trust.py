"""Issue 32: quotes an editor can trust, on invented agency-style texts through the whole
pipeline (each case failed before the coref stage and the speaker rules)."""

from __future__ import annotations

import pytest

MERZ = (
    "Berlin (dpa) - Bundeskanzler Friedrich Merz hat die Koalition zu mehr Tempo bei der Rentenreform "
    "aufgefordert. „Wir haben keine Zeit zu verlieren“, sagte der CDU-Vorsitzende am Montag in Berlin. "
    "Er wolle bis zum Sommer einen Entwurf vorlegen."
)
ZOELLE = (
    "Peking (Reuters) - Im Streit über Zölle hat China den USA mit Gegenmaßnahmen gedroht. "
    "Ein Sprecher des Handelsministeriums in Peking sagte, China werde „alle notwendigen Maßnahmen ergreifen“."
)
WADEPHUL = (
    "Außenminister Johann Wadephul ist zu Gesprächen nach Kiew gereist. Dort traf er Präsident Wolodymyr "
    "Selenskyj. Die Lage an der Front sei ernst, sagte der CDU-Politiker nach dem Treffen."
)
PARIS = (
    "Frankreich lehnt das Handelsabkommen weiter ab. Man werde einem Vertrag in dieser Form nicht zustimmen, "
    "hieß es in Paris. Die Bauern des Landes protestieren seit Wochen gegen die Pläne."
)
LYON = "Der Stadtrat tagte bis in die Nacht. Die Umleitung bleibe bis Ende März bestehen, hieß es in Lyon."


def _covers(quote, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in quote.spans)


def test_quotes_dateline_never_inside_a_quote(full_analyzer):
    a = full_analyzer.analyze(MERZ)
    dl = a.article.dateline
    assert dl is not None and dl.text == "Berlin (dpa) -"
    assert a.quotes
    for q in a.quotes:
        assert not _covers(q, dl.start, dl.end), q
        assert q.speaker is None or q.speaker.start >= dl.end, q
    reported = [q for q in a.quotes if q.spans[0].text.startswith("Bundeskanzler")]
    assert reported and reported[0].speaker_entity == "Q566257"


def test_quotes_dateline_agency_never_the_speaker(full_analyzer):
    a = full_analyzer.analyze(ZOELLE)
    dl = a.article.dateline
    assert dl is not None
    for q in a.quotes:
        assert not _covers(q, dl.start, dl.end)
        assert q.speaker_name != "Reuters" and (q.speaker is None or q.speaker.start >= dl.end)
    reuters = a.entity("Q130879")
    assert all(q.speaker_entity != (reuters.id if reuters else "Q130879") for q in a.quotes)


def test_quotes_role_noun_goes_to_the_person_named_before(full_analyzer):
    a = full_analyzer.analyze(WADEPHUL)
    q = next(q for q in a.quotes if q.speaker is not None and q.speaker.text == "der CDU-Politiker")
    ent = a.entity(q.speaker_entity or "")
    assert ent is not None and ent.name == "Johann Wadephul"


def test_quotes_spokesperson_credited_to_the_organisation(full_analyzer):
    a = full_analyzer.analyze(ZOELLE)
    framed = [q for q in a.quotes if q.speaker is not None and "Sprecher" in q.speaker.text]
    assert framed
    for q in framed:
        assert q.speaker_name == "Handelsministerium"
        assert q.speaker_type == "ORG"
        assert q.speaker_role == "Sprecher"
        peking = next(e for e in a.entities if e.name == "Peking")
        assert q.speaker_entity != peking.id


def test_quotes_one_stretch_is_one_quote(full_analyzer):
    a = full_analyzer.analyze(ZOELLE)
    shown = [q for q in a.quotes if q.within is None]
    texts = [q.spans[0].text for q in shown]
    assert len([t for t in texts if "Maßnahmen ergreifen" in t]) == 1, texts


def test_quotes_place_stands_for_the_government(full_analyzer):
    a = full_analyzer.analyze(PARIS)
    q = next(q for q in a.quotes if q.spans[0].text.startswith("Man werde"))
    france = next(e for e in a.entities if e.name == "Frankreich")
    assert q.speaker_entity == france.id
    assert q.speaker_type == "ORG"
    assert q.speaker_role == "Regierung"
    assert q.speaker_evidence is not None and q.speaker_evidence.text == "Paris"


def test_quotes_city_is_never_the_speaker(full_analyzer):
    a = full_analyzer.analyze(LYON)
    lyon = [e.id for e in a.entities if e.name == "Lyon"]
    for q in a.quotes:
        assert q.speaker_entity not in lyon
        assert q.speaker_name != "Lyon"


@pytest.mark.parametrize(
    "text, pronoun, name",
    [
        (
            "Bundeskanzler Friedrich Merz hat die Koalition zu mehr Tempo aufgefordert. Er sagte, die Rentenreform dulde keinen Aufschub.",
            "Er",
            "Friedrich Merz",
        ),
        (
            "Die Grünen-Politikerin Anna Lührmann hat den Plan kritisiert. Sie sagte, das Geld fehle an anderer Stelle.",
            "Sie",
            "Anna Lührmann",
        ),
    ],
)
def test_quotes_pronoun_speaker_has_the_entity(full_analyzer, text, pronoun, name):
    a = full_analyzer.analyze(text)
    qs = [q for q in a.quotes if q.speaker is not None and q.speaker.text == pronoun]
    assert qs
    for q in qs:
        ent = a.entity(q.speaker_entity or "")
        assert ent is not None and ent.name == name
    claims = [c for c in a.claims if c.source_text and c.source == qs[0].speaker_entity]
    assert claims


def _q(qtype, a, b, text, speaker=None, entity=None, sentence=0):
    from tagwerk.analysis import Quote, Span

    return Quote(qtype, [Span(a, b, text[a:b])], speaker, entity, None, sentence=sentence)


def test_quotes_same_stretch_kept_once_nested_points_at_outer():
    from tagwerk.analysis import Span
    from tagwerk.quotes.extract import one_quote_per_stretch

    text = "China werde „alle notwendigen Maßnahmen ergreifen“, sagte er."
    outer = _q("Indirect", 0, 50, text, Span(58, 60, "er"))
    inner = _q("Direct", 12, 50, text, Span(58, 60, "er"))
    same = _q("Reported", 0, 50, text)
    out = one_quote_per_stretch([outer, same, inner])
    assert [q.type for q in out] == ["Indirect", "Direct"]
    assert out[0].within is None and out[1].within == 0


def test_quotes_carried_speaker_takes_the_nearest_reference():
    from tagwerk.analysis import Entity, Mention, Reference, Sentence, Span
    from tagwerk.quotes.extract import anchor_speakers

    text = "Anna Berg sprach lange. Danach ging sie. Sie lachte. „Wir bleiben hier.“"
    sents = [Sentence(0, 23, text[0:23]), Sentence(24, 40, text[24:40]), Sentence(41, 52, text[41:52]), Sentence(53, 72, text[53:72])]
    ent = Entity("local:per:anna-berg", "Anna Berg", "PER", mentions=[Mention(0, 9, "Anna Berg", "PER")])
    ent.references = [Reference(36, 39, "sie", "pronoun", 1), Reference(41, 44, "Sie", "pronoun", 2)]
    q = _q("Direct", 53, 72, text, Span(0, 9, "Anna Berg"), ent.id, sentence=3)
    anchor_speakers([q], [ent], sents)
    assert q.speaker is not None and (q.speaker.start, q.speaker.text) == (41, "Sie")
    same_sentence = _q("Direct", 53, 72, text, Span(53, 55, "x"), ent.id, sentence=3)
    anchor_speakers([same_sentence], [ent], sents)
    assert same_sentence.speaker is not None and same_sentence.speaker.text == "x"


def test_quotes_konjunktiv_after_a_sentence_about_a_person_is_theirs(full_analyzer):
    a = full_analyzer.analyze(
        "„Wir brauchen Taten“, erklärte der Verbandschef Max Brenner. Am Rande der Sitzung nahm auch "
        "Ministerpräsident Stephan Weil Stellung. Jeder Lehrer könne das Geld nun abrufen."
    )
    q = next(q for q in a.quotes if q.spans[0].text.startswith("Jeder Lehrer"))
    ent = a.entity(q.speaker_entity or "")
    assert ent is not None and ent.name == "Stephan Weil"
