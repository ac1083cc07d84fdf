"""Salience of the lead's person: the office the article names, the lead sentence and the
first quoted speaker (sentences written by the tagwerk team)."""

from __future__ import annotations

import re

import pytest

from tagwerk.analysis import Entity, Mention, Quote, Span
from tagwerk.article import build_article
from tagwerk.stages.tags import candidates as T
from tagwerk.stages.tags import (
    entity_candidates,
    first_speaker,
    lead_sentence_span,
    role_prominence,
    text_prominence,
)
from tagwerk.topics.layout import Layout

TITLE = "Streit um Hafengebühren"
BODY = (
    "Bundeskanzlerin Petra Lindqvist und der Bürgermeister von Rotterdam haben in Brüssel über "
    "Hafengebühren beraten. Die Niederlande und Belgien wollen die Gebühren für Containerschiffe "
    "anheben, Belgien drängt auf eine rasche Einigung. \"Wir lassen uns nicht erpressen\", sagte "
    "Lindqvist nach dem Treffen.\n"
    "In den Niederlanden stößt der Plan auf Kritik. Reedereien aus den Niederlanden und Belgien "
    "drohen mit höheren Frachtpreisen. Auch in Belgien sind die Häfen von Antwerpen besorgt, "
    "in Antwerpen fürchtet man Einbußen.\n"
    "Die Niederlande und Belgien wollen im Herbst erneut verhandeln. Antwerpen und Rotterdam "
    "konkurrieren seit Jahren um die Reedereien."
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Bundeskanzler", 0.9),
        ("Bundeskanzlerin", 0.9),
        ("US-Präsident", 0.95),
        ("Präsidenten", 0.95),
        ("Außenministerin", 0.7),
        ("EU-Kommissionspräsidentin", 0.85),
        ("Regierungssprecher", 0.0),
        ("Haus", 0.0),
    ],
)
def test_tags_role_prominence(word, expected):
    assert role_prominence(word) == pytest.approx(expected)


def _ms(text: str, form: str, label: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), form, label) for m in re.finditer(re.escape(form), text)]


def _entity(text: str, eid: str, name: str, label: str, forms: list[str]) -> Entity:
    return Entity(id=eid, name=name, type=label, mentions=[m for f in forms for m in _ms(text, f, label)])


@pytest.fixture(scope="module")
def analysis(token_analyzer):
    a = token_analyzer.analyze(build_article(body=BODY, title=TITLE))
    t = a.text
    a.entities = [
        _entity(t, "local:per:petra-lindqvist", "Petra Lindqvist", "PER", ["Petra Lindqvist", "Lindqvist"]),
        _entity(t, "local:loc:rotterdam", "Rotterdam", "LOC", ["Rotterdam"]),
        _entity(t, "local:loc:brussel", "Brüssel", "LOC", ["Brüssel"]),
        _entity(t, "local:loc:niederlande", "Niederlande", "LOC", ["Niederlande"]),
        _entity(t, "local:loc:belgien", "Belgien", "LOC", ["Belgien"]),
        _entity(t, "local:loc:antwerpen", "Antwerpen", "LOC", ["Antwerpen"]),
    ]
    a.mentions = [m for e in a.entities for m in e.mentions]
    q_start = t.index('"Wir')
    q_end = t.index('"', q_start + 1) + 1
    sp = t.index("Lindqvist nach")
    a.quotes = [
        Quote("Direct", [Span(q_start, q_end, t[q_start:q_end])], speaker=Span(sp, sp + 9, "Lindqvist"),
              speaker_entity="local:per:petra-lindqvist", speaker_name="Petra Lindqvist"),
    ]
    return a


def test_tags_office_before_name_counts_as_prominence(analysis):
    person = analysis.entities[0]
    assert text_prominence(person, analysis.text) == pytest.approx(0.9)
    place = analysis.entities[3]
    assert text_prominence(place, analysis.text) == 0.0  # only persons hold offices


def test_tags_lead_sentence_and_first_speaker(analysis):
    layout = Layout.of(analysis.article)
    start, end = lead_sentence_span(analysis.sentences, layout)
    assert analysis.text[start:end].startswith("Bundeskanzlerin Petra Lindqvist")
    assert first_speaker(analysis.quotes) == "local:per:petra-lindqvist"
    assert first_speaker([]) is None


def _ranked(analysis, **kw) -> list[str]:
    layout = Layout.of(analysis.article)
    cands = entity_candidates(analysis.entities, layout, analysis.quotes, home=None, **kw)
    return [c.name for c in sorted(cands, key=lambda c: -c.score)]


def test_tags_lead_person_ranks_high(analysis):
    """The chancellor opens the lead, speaks the first quote and holds the top office: she
    ranks first although Belgium and the Netherlands are named far more often; counted by
    mentions and position alone she would not."""
    layout = Layout.of(analysis.article)
    ranked = _ranked(analysis, text=analysis.text, lead=lead_sentence_span(analysis.sentences, layout))
    assert ranked[0] == "Petra Lindqvist", ranked
    layout_only = [c.name for c in sorted(entity_candidates(analysis.entities, layout, (), home=None), key=lambda c: -c.score)]
    assert layout_only[0] != "Petra Lindqvist"


def test_tags_lead_person_features_each_add(analysis, monkeypatch):
    layout = Layout.of(analysis.article)
    lead = lead_sentence_span(analysis.sentences, layout)

    def score(**kw) -> float:
        cands = entity_candidates(analysis.entities, layout, analysis.quotes, home=None, **kw)
        return next(c.score for c in cands if c.name == "Petra Lindqvist")

    full = score(text=analysis.text, lead=lead)
    assert full > score(text="", lead=lead) > score(text="", lead=None)
    monkeypatch.setattr(T, "W_FIRST_SPEAKER", 0.0)
    assert score(text=analysis.text, lead=lead) < full
