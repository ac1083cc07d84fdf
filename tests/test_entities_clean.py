"""Model spans cleaned in the entities stage: swallowed role nouns and adjectives, common
nouns taken for names, surnames the recogniser typed as places, KB names the model cut short,
and bare surnames that need the full name."""

from __future__ import annotations

import pytest

from entity_support import analyse_with_mentions
from tagwerk.analysis import Analysis
from tagwerk.stages.entities import is_risky_surname, is_role_noun


def run(text: str, kb, tokens_stage, mentions=(), *, patterns=True) -> Analysis:
    return analyse_with_mentions(text, kb, tokens_stage, mentions, patterns=patterns)


def ents(a: Analysis) -> list[tuple[str, str, str]]:
    return [(e.name, e.type, e.id) for e in a.entities]


@pytest.mark.parametrize(
    "text, span, label, expected",
    [
        # a role noun or compound swallowed into the name
        ("Der Kreml-Kritiker Nawalny starb in Haft.", "Kreml-Kritiker Nawalny", "PER", ("Alexej Nawalny", "PER")),
        ("Der Astronaut Maurer kehrt zur Erde zurück.", "Astronaut Maurer", "ORG", ("Maurer", "PER")),
        ("Regierungssprecherin Jane Roe wies das zurück.", "Regierungssprecherin Jane Roe", "PER", ("Jane Roe", "PER")),
        ("Bundeskanzler Friedrich Merz reist nach Rom.", "Bundeskanzler Friedrich Merz", "PER", ("Friedrich Merz", "PER")),
        ("Das sagte Kremlsprecher Peskow am Montag.", "Kremlsprecher Peskow", "PER", ("Dmitri Peskow", "PER")),
        # an adjective before a person's name
        ("Die Deutsche Jane Roe gewann Gold.", "Deutsche Jane Roe", "PER", ("Jane Roe", "PER")),
    ],
)
def test_entities_clean_strips_roles(kb, tokens_stage, text, span, label, expected):
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert [(e.name, e.type) for e in a.entities] == [expected]
    m = a.entities[0].mentions[0]
    assert a.text[m.start : m.end] == m.text and m.text != span


@pytest.mark.parametrize("name", ["Hans-Dietrich Haemmerlein", "Karl-Heinz Rummel"])
def test_entities_clean_keeps_double_first_names(kb, tokens_stage, name):
    """``Dietrich`` is also a noun (a picklock), but ``Hans-Dietrich`` is a first name, not a
    descriptor like ``Kreml-Kritiker``."""
    a = run(f"Das sagte {name} am Montag.", kb, tokens_stage, [(name, "PER")], patterns=False)
    assert [(m.text, m.label) for m in a.mentions] == [(name, "PER")]


def test_entities_clean_role_owner_becomes_a_place(kb, tokens_stage):
    a = run(
        "Russlands Außenminister Sergej Lawrow kam.", kb, tokens_stage, [("Russlands Außenminister Sergej Lawrow", "PER")], patterns=False
    )
    assert ents(a) == [("Russland", "LOC", "Q159"), ("Sergej Lawrow", "PER", "Q58217")]
    assert [m.text for m in a.mentions] == ["Russlands", "Sergej Lawrow"]


@pytest.mark.parametrize(
    "text, span, label",
    [
        ("Der Corona-Zeitplan steht fest.", "Corona-Zeitplan", "ORG"),
        ("Die Regierung schweigt.", "Regierung", "ORG"),
        ("Keine HinweiseWar die Lage ruhig.", "HinweiseWar", "MISC"),
        ("Das sagte der Bundesaußenminister.", "Bundesaußenminister", "PER"),
        # a closed compound of common nouns taken for a place
        ("Ein Ende des Raketenprogramms ist nicht in Sicht.", "Raketenprogramms", "LOC"),
        ("Er trank aus Kaffeetassen.", "Kaffeetassen", "LOC"),
        ("Zölle auf Wein und Schweinefleisch drohen.", "Schweinefleisch", "MISC"),
        # an adverb and a noun at the head of a line or a sentence (``Kartellamt: Erneut Razzien``)
        ("Kartellamt: Erneut Razzien wegen Preisabsprachen\nDas Amt durchsuchte Büros.", "Erneut Razzien", "ORG"),
        ("Die Lage blieb ruhig. Heute Proteste in der Hauptstadt, sagte er.", "Heute Proteste", "MISC"),
        # a common noun taken for a person, or in quotes for an organisation or other name
        ("Wer weiterfährt, findet am Ende des Tals unerwartete Idylle.", "Idylle", "PER"),
        ("Die Läuferin stürmt gleich aufs Podest.", "Podest", "PER"),
        ('Die Spieler feiern den Sieg mit einer "Orgie".', "Orgie", "ORG"),
        ('Der Diktator wirft den Nachbarn "Paranoia" vor.', "Paranoia", "MISC"),
    ],
)
def test_entities_clean_drops_common_nouns(kb, tokens_stage, text, span, label):
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert not [e for e in a.entities if span in [m.text for m in e.mentions]]


@pytest.mark.parametrize(
    "text, span, label",
    [
        ("Die Elbe führt Hochwasser.", "Elbe", "LOC"),  # a river the KB may lack: places keep common words
        ("Die Arche verteilt Essen an Kinder.", "Arche", "ORG"),  # an organisation out of quotes
        ('Der Film "Heimat" läuft wieder im Kino.', "Heimat", "MISC"),  # a title after its kind
        ("Das sagte Koch am Montag.", "Koch", "PER"),  # a surname that is also a word (the lexicon's)
    ],
)
def test_entities_clean_keeps_names_that_are_common_words(kb, tokens_stage, text, span, label):
    from tagwerk.ner.nlp import lexicon_flags

    if label == "PER" and "surname" not in lexicon_flags():
        pytest.skip("the installed model's vectors have no surname flags")
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert [(m.text, m.label) for m in a.mentions] == [(span, label)]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Sie wanderten durch den Schwarzwald.", "Schwarzwald"),  # place head -wald
        ("In Nordhessen regnet es.", "Nordhessen"),  # place prefix Nord-
        ("Die Sonne schien über dem Westjordanland.", "Westjordanland"),
    ],
)
def test_entities_clean_keeps_places_built_like_compounds(kb, tokens_stage, text, span):
    a = run(text, kb, tokens_stage, [(span, "LOC")], patterns=False)
    assert [(m.text, m.label) for m in a.mentions] == [(span, "LOC")]


@pytest.mark.parametrize(
    "text, span, label",
    [
        # first names that are also words keep their place in the name (the model's lexicon
        # marks them as first names); a descriptor before a name does not
        ("Der Maler Christian Rödl stellt aus.", "Christian Rödl", "PER"),
        ("Das Bild von Katharina Sieverding hängt dort.", "Katharina Sieverding", "PER"),
        # initials and regnal numbers are part of the name, not a sentence end
        ("Der Vorsitzende A. Wiegemann trat zurück.", "A. Wiegemann", "PER"),
        ("Königin Elisabeth II. starb 2022.", "Elisabeth II.", "PER"),
        # and so is the saint of a place's name
        ("Die Winterspiele fanden in St. Moritz statt.", "St. Moritz", "LOC"),
        ("Die St. Veitskapelle brannte ab.", "St. Veitskapelle", "LOC"),
        # an organisation is not cut after an adjective or common noun, nor turned into a person
        ("Die Hamburger Frauenhilfe lädt ein.", "Hamburger Frauenhilfe", "ORG"),
        ("Die Universität Łódź wächst.", "Universität Łódź", "ORG"),
    ],
)
def test_entities_clean_keeps_whole_names(kb, tokens_stage, text, span, label):
    from tagwerk.ner.nlp import lexicon_flags

    if "first_name" not in lexicon_flags():
        pytest.skip("the installed model's vectors have no first-name flags")
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert [(m.text, m.label) for m in a.mentions] == [(span, label)]


def test_entities_clean_demonym_noun_is_derived_from_its_place(kb, tokens_stage):
    a = run("Die Chilenen stimmten ab.", kb, tokens_stage, [("Chilenen", "ORG")], patterns=False)
    assert [(m.text, m.label, m.derived) for m in a.mentions] == [("Chilenen", "LOC", True)]
    assert [(e.name, e.type) for e in a.entities] == [("Chile", "LOC")]


@pytest.mark.parametrize("label", ["PER", "LOC"])
def test_entities_clean_splits_place_before_person(kb, tokens_stage, label):
    a = run("Das sagte in Kiew Prigoschin am Montag.", kb, tokens_stage, [("Kiew Prigoschin", label)], patterns=False)
    assert [(m.text, m.label) for m in a.mentions] == [("Kiew", "LOC"), ("Prigoschin", "PER")]


def test_entities_clean_genitive_role_noun_before_name(kb, tokens_stage):
    a = run("Die Rede des Oppositionsführers Netanjahu fiel aus.", kb, tokens_stage,
            [("Oppositionsführers Netanjahu", "PER")], patterns=False)
    assert [(m.text, m.label) for m in a.mentions] == [("Netanjahu", "PER")]


def test_entities_clean_common_noun_leaves_room_for_kb_part(kb, tokens_stage):
    a = run("Der Ukraine-Konflikt dauert an.", kb, tokens_stage, [("Ukraine-Konflikt", "MISC")])
    assert ents(a) == [("Ukraine", "LOC", "Q212")]
    assert a.mentions[0].part and a.mentions[0].text == "Ukraine"


def test_entities_clean_kb_names_unchanged(kb, tokens_stage):
    a = run("Die Deutsche Bank meldet Gewinne.", kb, tokens_stage, [("Deutsche Bank", "ORG")], patterns=False)
    assert [e.name for e in a.entities] == ["Deutsche Bank"]


def test_entities_surname_typed_as_place_relinks(kb, tokens_stage):
    a = run("Putin lobte die Armee.", kb, tokens_stage, [("Putin", "LOC")], patterns=False)
    assert ents(a) == [("Wladimir Putin", "PER", "Q7747")]


def test_entities_kb_full_name_beats_short_model_span(kb, tokens_stage):
    a = run("Kremlsprecher Dmitri Peskow sagte, Moskau sei bereit.", kb, tokens_stage, [("Peskow", "LOC"), ("Moskau", "LOC")])
    assert ("Dmitri Peskow", "PER", "tw:per:dmitri-peskow") in ents(a)
    assert [m.text for m in a.entities[0].mentions] == ["Dmitri Peskow"]


@pytest.mark.parametrize("surname", ["Müller", "Schmidt", "Klein", "Fischer", "Braun", "Roth", "Schumacher"])
def test_entities_ambiguous_bare_surname_gets_local_id(kb, tokens_stage, surname):
    a = run(f"Am Abend sagte {surname} nur wenig.", kb, tokens_stage, [(surname, "PER")], patterns=False)
    e = a.entities[0]
    assert e.kb_id is None and e.id.startswith("local:per:") and e.type == "PER"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Thomas Müller traf doppelt. Danach jubelte Müller.", "Thomas Müller"),
        ("Der Fußballer Müller traf doppelt.", "Thomas Müller"),
        ("Die Schriftstellerin Müller las vor.", "Herta Müller"),
    ],
)
def test_entities_ambiguous_surname_with_context(kb, tokens_stage, text, name):
    spans = [("Thomas Müller", "PER")] if "Thomas" in text else []
    spans.append(("Müller", "PER"))
    a = run(text, kb, tokens_stage, spans, patterns=False)
    assert [e.name for e in a.entities] == [name]


@pytest.mark.parametrize(
    "surname, name",
    [("Putin", "Wladimir Putin"), ("Selenskyj", "Wolodymyr Selenskyj"), ("Merkel", "Angela Merkel"), ("Scholz", "Olaf Scholz")],
)
def test_entities_famous_surname_links_alone(kb, tokens_stage, surname, name):
    a = run(f"Am Abend sagte {surname} nur wenig.", kb, tokens_stage, [(surname, "PER")], patterns=False)
    assert [e.name for e in a.entities] == [name] and not a.entities[0].id.startswith("local:")


@pytest.mark.parametrize(
    "surname, n, risky",
    [("Müller", 4, True), ("Klein", 1, True), ("Maurer", 1, True), ("Nagelsmann", 1, False), ("Scholz", 1, False), ("Doe", 2, True)],
)
def test_entities_risky_surname_rule(surname, n, risky):
    assert is_risky_surname(surname, n) is risky


@pytest.mark.parametrize(
    "word, role",
    [
        ("Kremlsprecher", True), ("Außenministerin", True), ("Bundeskanzler", True), ("Kreml-Kritiker", True),
        ("Peskow", False), ("Richter", False),
    ],
)
def test_entities_role_nouns(word, role):
    assert is_role_noun(word) is role


@pytest.mark.parametrize(
    "text, span, label, event",
    [
        ("Ergebnisse Tennis\n\nBillie Jean King Cup\n\nK.o.-Runde in Málaga", "Billie Jean", "PER", "Billie Jean King Cup"),
        ("Deutschland verlor im Davis Cup gegen Italien.", "Davis", "PER", "Davis Cup"),
        ("Beim Ryder Cup siegte Europa.", "Ryder", "PER", "Ryder Cup"),
    ],
)
def test_entities_clean_event_named_after_a_person_is_no_person(kb, tokens_stage, text, span, label, event):
    """A competition named after a person (``Billie Jean King Cup``, ``Davis Cup``): the
    recogniser takes the person's name for a person, and the tags then named her."""
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert [(e.name, e.type) for e in a.entities] == [(event, "MISC")]


def test_entities_clean_line_in_capitals_keeps_only_the_names_it_holds(kb, tokens_stage):
    """dpa's audio programme writes each piece's title in capitals; the recogniser then takes
    ``FORD WILL`` and ``ABBAUEN`` for places. In capitals a span keeps the leading words the
    KB knows (``FORD``) and is dropped when it knows none; a name the KB knows whole
    (``DEUTSCHLAND``) and an acronym (``SPD``) stay as they are."""
    text = "FORD WILL IN DEUTSCHLAND 2.900 STELLEN ABBAUEN\n\nDer Autobauer Ford will Stellen abbauen, sagt die SPD."
    a = run(text, kb, tokens_stage,
            [("FORD WILL", "LOC"), ("DEUTSCHLAND", "LOC"), ("ABBAUEN", "LOC"), ("Ford", "ORG"), ("SPD", "ORG")],
            patterns=False)
    mentions = sorted((m.text, e.name) for e in a.entities for m in e.mentions)
    assert mentions == [("DEUTSCHLAND", "Deutschland"), ("FORD", "Ford"), ("Ford", "Ford"), ("SPD", "SPD")]


@pytest.mark.parametrize(
    ("text", "span", "label", "kept"),
    [
        ("Der Landesverband der CDU Sachsen tagte am Montag.", "Landesverband der", "ORG", []),
        ("Fürst Rainier von Monaco ist gestorben.", "Rainier von", "PER", ["Rainier"]),
        ("Der Brasilianer Renato Augusto von Corinthians traf doppelt.", "Renato Augusto von", "PER", ["Renato Augusto"]),
    ],
)
def test_entities_clean_span_ending_in_an_article_or_preposition_loses_it(kb, tokens_stage, text, span, label, kept):
    """The recogniser sometimes ends a name on the article or preposition after it
    (``Landesverband der``, ``Rainier von``): no name ends so; the word goes, and what is left
    is cleaned as any span (a common noun alone is no name)."""
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert [m.text for m in a.mentions] == kept


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        ("Steht die Allianz gegen die AfD im Landtag?", "Allianz", []),
        ("Die Parteien schmieden eine Allianz mit den Grünen.", "Allianz", []),
        ("Die Allianz hat ihren Gewinn gesteigert.", "Allianz", ["Allianz"]),
    ],
)
def test_entities_clean_company_name_used_as_the_common_noun_is_no_name(kb, tokens_stage, text, span, kept):
    """``Allianz`` is the insurer's name and the German word for an alliance: ``eine Allianz``,
    ``die Allianz gegen …`` is the word (the recogniser took it for the insurer)."""
    a = run(text, kb, tokens_stage, [(span, "ORG")], patterns=False)
    assert [m.text for m in a.mentions] == kept


@pytest.mark.parametrize(
    "text, span, label",
    [
        # an inflected adjective at a line's head may open a name the KB lacks
        ("Rote Kreuz warnt vor Hitze\nDas Rote Kreuz rät zu Wasser.", "Rote Kreuz", "ORG"),
        # a surname that is also a word
        ("Sie sprach mit ihm. Kurz Vertrauter Thomas Schmid schwieg.", "Thomas Schmid", "PER"),
        # a foreign article or another first word may open a name
        ("The Rolling Stones spielen in Berlin\nDie Band kam am Morgen an.", "The Rolling Stones", "ORG"),
        ("Der Verein tagte. Mehr Demokratie fordert Volksentscheide.", "Mehr Demokratie", "ORG"),
    ],
)
def test_entities_clean_keeps_names_at_the_head_of_a_line(kb, tokens_stage, text, span, label):
    a = run(text, kb, tokens_stage, [(span, label)], patterns=False)
    assert span in [m.text for m in a.mentions]
