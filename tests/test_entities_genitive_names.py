"""Apostrophe genitives before a role noun and surnames with particles (``Von der Leyens``).

Model spans are given by hand, shaped as the NER model gives them, so the rules are tested
without the model."""

from __future__ import annotations

import pytest

from entity_support import analyse_with_mentions
from tagwerk.analysis import Analysis, Mention
from tagwerk.stages.entities import clean_model_mention


def run(text: str, kb, tokens_stage, mentions=()) -> Analysis:
    return analyse_with_mentions(text, kb, tokens_stage, mentions)


def names(a: Analysis) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in a.entities}


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Scholz' Regierungssprecher", [("Scholz", "PER")]),
        ("Scholz’ Sprecherin", [("Scholz", "PER")]),
        ("Olaf Scholz' Sprecher", [("Olaf Scholz", "PER")]),
        ("Strauß' Berater Edmund Stoiber", [("Strauß", "PER"), ("Edmund Stoiber", "PER")]),
        ("Macrons Berater Alexis Kohler", [("Macrons", "PER"), ("Alexis Kohler", "PER")]),
        ("Felix' Trainer", [("Felix", "PER")]),
        ("Russlands Außenminister Sergej Lawrow", [("Russlands", "LOC"), ("Sergej Lawrow", "PER")]),
        # the party in the genitive before its chair's name (``die Vorsitzende der Linken Gesine Lötzsch``)
        ("Linken Gesine Lötzsch", [("Linken", "ORG"), ("Gesine Lötzsch", "PER")]),
        ("Grünen Ricarda Lang", [("Grünen", "ORG"), ("Ricarda Lang", "PER")]),
    ],
)
def test_entities_genitive_owner_before_role_is_cut(span, expected, kb):
    text = f"Gestern sagte {span} nichts."
    start = text.index(span)
    m = Mention(start, start + len(span), span, "PER", source="model")
    out = clean_model_mention(m, text, kb)
    assert [(x.text, x.label) for x in out] == expected
    assert all(text[x.start : x.end] == x.text for x in out)


def test_entities_party_before_its_chair_taken_for_an_organisation_is_cut(kb):
    """The model takes ``Linken Gesine Lötzsch`` for one organisation too."""
    text = "Die Vorsitzende der Linken Gesine Lötzsch widersprach."
    start = text.index("Linken")
    m = Mention(start, start + len("Linken Gesine Lötzsch"), "Linken Gesine Lötzsch", "ORG", source="model")
    assert [(x.text, x.label) for x in clean_model_mention(m, text, kb)] == [("Linken", "ORG"), ("Gesine Lötzsch", "PER")]


def test_entities_apostrophe_genitive_folds_to_person(kb, tokens_stage):
    text = (
        "Bundeskanzler Olaf Scholz empfing die Gäste im Kanzleramt. "
        "Scholz' Regierungssprecher Steffen Hebestreit kündigte eine Erklärung an."
    )
    a = run(text, kb, tokens_stage, [("Olaf Scholz", "PER"), ("Scholz' Regierungssprecher", "PER"), ("Steffen Hebestreit", "PER")])
    got = names(a)
    assert got["Olaf Scholz"] == ["Olaf Scholz", "Scholz"]
    assert got["Steffen Hebestreit"] == ["Steffen Hebestreit"]
    assert not any("Regierungssprecher" in n or "'" in n for n in got)


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        (
            "Ursula von der Leyen reiste nach Kiew. Von der Leyens Sprecher bestätigte die Reise.",
            "Ursula von der Leyen",
            "Von der Leyens",
        ),
        (
            "Thomas de Maizière stellte sein Buch vor. Später lobte der Verlag de Maizières Offenheit.",
            "Thomas de Maizière",
            "de Maizières",
        ),
        (
            "Alexander Van der Bellen hielt eine Rede. Dabei erinnerte van der Bellen an die Verfassung.",
            "Alexander Van der Bellen",
            "van der Bellen",
        ),
    ],
)
def test_entities_particle_names_fold_case_and_genitive(text, full, short, kb, tokens_stage):
    a = run(text, kb, tokens_stage, [(full, "PER")])  # the short form only from KB patterns
    got = names(a)
    assert full in got, got
    assert short in got[full]
    assert short not in got  # no entity of its own


def test_entities_particle_name_not_from_a_lowercase_common_word(kb, tokens_stage):
    # "von der" alone, or a lowercase surname, is no mention of von der Leyen
    a = run("Die Nachricht kam von der Leyen-Stiftung nicht.", kb, tokens_stage)
    assert "Ursula von der Leyen" not in names(a)


def test_entities_two_places_taken_for_one_person_are_split(kb, tokens_stage):
    text = (
        "Der Außenminister war in Madrid. Umgekehrt wisse Madrid Lissabons Haltung in der "
        "Fischereifrage sehr zu schätzen, hieß es in Lissabon."
    )
    a = run(text, kb, tokens_stage, [("Madrid Lissabons", "PER")])
    got = names(a)
    assert "Madrid Lissabons" not in got
    assert "Lissabons" in got["Lissabon"] and got["Madrid"].count("Madrid") == 2


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("In Bregenz hatte Giuseppe Verdis Oper „Rigoletto“ Premiere.", "Giuseppe Verdis", "Giuseppe Verdi"),
        ("Der Verlag lobte Hanna Wendlers Roman als Wurf.", "Hanna Wendlers", "Hanna Wendler"),
        ("Nach Pavel Kowalskis Rücktritt übernahm der Vize.", "Pavel Kowalskis", "Pavel Kowalski"),
    ],
)
def test_entities_unknown_person_in_the_genitive_before_a_noun_is_named_without_it(text, span, name, kb, tokens_stage):
    """A person the KB does not know, named once, in the genitive before a noun
    (``Giuseppe Verdis Oper``): the entity's name has no genitive s."""
    a = run(text, kb, tokens_stage, [(span, "PER")])
    assert [e.name for e in a.entities if e.type == "PER"] == [name]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Am Abend sang Tom Jones Lieder aus fünf Jahrzehnten.", "Tom Jones"),
        ("Gestern traf Carlos Santos Vertreter der Regierung.", "Carlos Santos"),
        ("Danach sprach Hanna Wendlers mit der Presse.", "Hanna Wendlers"),
    ],
)
def test_entities_person_ending_in_s_keeps_it(text, span, kb, tokens_stage):
    """A name that ends in -es, -os (or before no noun) keeps its s: ``Tom Jones Lieder``."""
    a = run(text, kb, tokens_stage, [(span, "PER")])
    assert [e.name for e in a.entities if e.type == "PER"] == [span]


@pytest.mark.parametrize(
    ("text", "spans", "name"),
    [
        ("Beim Start bekam der Pilot Charles Riggs Probleme mit dem Motor.", ["Charles Riggs"], "Charles Riggs"),
        ("Unter den Opfern war der Politiker Ted Stevens, der lange im Senat saß. Ted Stevens Amtszeit war lang.",
         ["Ted Stevens", "Ted Stevens"], "Ted Stevens"),
    ],
)
def test_entities_person_named_also_outside_the_genitive_keeps_the_s(text, spans, name, kb, tokens_stage):
    """After a noun in apposition (``der Pilot Charles Riggs Probleme``), or named elsewhere
    outside the genitive, the s is the name's own."""
    a = run(text, kb, tokens_stage, [(s, "PER") for s in spans])
    assert [e.name for e in a.entities if e.type == "PER"] == [name]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Wanderer erreichten den Gipfel des Rabenkopfs am Mittag.", "Rabenkopfs", "Rabenkopf"),
        ("Im Bereich des Bremerhofs brannten einige Hektar Wald.", "Bremerhofs", "Bremerhof"),
        ("Am Rand eines Wildparks nahe des Tegelbergs wurde gebaut.", "Tegelbergs", "Tegelberg"),
    ],
)
def test_entities_unknown_place_after_a_genitive_article_is_named_without_the_s(text, span, name, kb, tokens_stage):
    """A place the KB does not know, named only after ``des``/``eines`` with a genitive s: the
    entity (and so the tag) is the place's name."""
    a = run(text, kb, tokens_stage, [(span, "LOC")])
    assert [e.name for e in a.entities if e.type == "LOC"] == [name]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Die Zukunft des Landkreises Emsland ist offen.", "Landkreises Emsland"),
        ("Die Einwohner des Dorfes Hinterwies protestierten.", "Hinterwies"),
    ],
)
def test_entities_place_whose_s_is_its_own_keeps_it(text, span, kb, tokens_stage):
    a = run(text, kb, tokens_stage, [(span, "LOC")])
    assert [e.name for e in a.entities if e.type == "LOC"] == [span]


def test_entities_declined_forms_of_a_local_name_are_one_entity(kb, tokens_stage):
    """``Münstersche Zeitung`` and ``der Münsterschen Zeitung``: one organisation, named as in
    the nominative."""
    text = ("Die „Münstersche Zeitung“ hat ihre Redaktion ausgetauscht. Die Leser der Münsterschen Zeitung "
            "protestierten.")
    a = run(text, kb, tokens_stage, [("Münstersche Zeitung", "ORG"), ("Münsterschen Zeitung", "ORG")])
    assert names(a) == {"Münstersche Zeitung": ["Münstersche Zeitung", "Münsterschen Zeitung"]}


def test_entities_name_part_is_the_person_the_article_names_in_full(kb, tokens_stage):
    """A Wikinews story on the theft of Edvard Munch's paintings got the tag ``Holger Münch`` (the
    BKA's president, in the KB) from ``Munch-Gemälde`` and ``Munch-Museum``: a surname inside a
    compound names the person the article names in full, as a bare surname does, not the KB's
    bearer of a similar name."""
    text = ("Im Osloer Munch-Museum wurden zwei Gemälde gestohlen. Die Bilder des norwegischen Malers "
            "Edvard Munch sind Millionen wert. Vor Gericht geht es um den Raub der Munch-Gemälde.")
    a = run(text, kb, tokens_stage, [("Munch", "PER", "p"), ("Edvard Munch", "PER"), ("Munch", "PER", "p")])
    assert "Holger Münch" not in names(a)
    assert names(a)["Edvard Munch"] == ["Munch", "Edvard Munch", "Munch"]


def test_entities_name_part_of_a_kb_person_not_named_in_full_keeps_its_link(kb, tokens_stage):
    a = run("Die Merkel-Regierung hat den Haushalt beschlossen.", kb, tokens_stage, [("Merkel", "PER", "p")])
    assert "Angela Merkel" in names(a)


def test_entities_name_part_linked_to_an_organisation_keeps_it(kb, tokens_stage):
    """The ``Huthi`` of ``Huthi-Rebellen`` is the movement, named after the man the article names in
    full: a part linked to an organisation stays with it."""
    text = "Die Huthi-Rebellen kämpfen im Norden des Landes. Ihr Gründer Hussein al Huthi war 2004 getötet worden."
    a = run(text, kb, tokens_stage, [("Huthi", "PER", "p"), ("Hussein al Huthi", "PER")])
    assert "Hussein al Huthi" in names(a)
    assert names(a)["Hussein al Huthi"] == ["Hussein al Huthi"]
