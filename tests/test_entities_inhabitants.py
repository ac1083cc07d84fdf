"""An inhabitant of a town the article names (``ein 37-jähriger Gersfelder``) is a mention of the
town, not a person or place of its own: the tags once listed ``Gersfelder`` beside ``Gersfeld``.

Model spans are given by hand, shaped as the NER model gave them on Wikinews stories (the
inhabitant typed PER or LOC), so the rule is tested without the model."""

from __future__ import annotations

import pytest

from entity_support import analyse_with_mentions
from tagwerk.analysis import Analysis


def names(a: Analysis) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in a.entities}


@pytest.mark.parametrize(
    ("text", "mentions", "town", "inhabitant"),
    [
        (  # town + er, the inhabitant typed as a person
            "In Gersfeld ist am Sonntag ein Motorradfahrer verunglückt. Der 37-jährige Gersfelder prallte gegen einen Baum.",
            [("Gersfeld", "LOC"), ("Gersfelder", "PER")],
            "Gersfeld",
            "Gersfelder",
        ),
        (  # a town ending in e + r, typed as a place
            "Der Streit begann in einer Kneipe in Balve. Ein 19-jähriger Balver wurde dabei auf die Straße gestoßen.",
            [("Balve", "LOC"), ("Balver", "LOC")],
            "Balve",
            "Balver",
        ),
        (  # the female form and a town ending in -en (Emden, Emderin)
            "Im Hafen von Emden legte ein Frachter an. Eine Emderin hatte das Schiff zuerst gesehen.",
            [("Emden", "LOC"), ("Emderin", "PER")],
            "Emden",
            "Emderin",
        ),
        (  # the plural
            "Der Gemeinderat von Kleinwelsbach tagte am Abend. Viele Kleinwelsbacher kamen zur Sitzung.",
            [("Kleinwelsbach", "LOC"), ("Kleinwelsbacher", "MISC")],
            "Kleinwelsbach",
            "Kleinwelsbacher",
        ),
    ],
)
def test_entities_inhabitant_of_a_named_town_is_the_town(text, mentions, town, inhabitant, kb, tokens_stage):
    a = analyse_with_mentions(text, kb, tokens_stage, mentions)
    got = names(a)
    assert inhabitant not in got
    assert got[town] == [town, inhabitant]
    m = next(m for m in a.mentions if m.text == inhabitant)
    assert m.derived and m.label == "LOC"


def test_entities_inhabitant_without_the_town_stays_as_found(kb, tokens_stage):
    """Without the town in the text there is nothing to fold into."""
    text = "Ein 37-jähriger Gersfelder prallte mit seinem Motorrad gegen einen Baum."
    a = analyse_with_mentions(text, kb, tokens_stage, [("Gersfelder", "PER")])
    assert "Gersfelder" in names(a)


def test_entities_person_whose_surname_looks_like_an_inhabitant_stays_a_person(kb, tokens_stage):
    """``Peter Hagener`` from ``Hagen`` is a person: his bare surname is his, not the town's."""
    text = "Peter Hagener wohnt seit Jahren in Hagen. Hagener sagte, er bleibe dort."
    a = analyse_with_mentions(text, kb, tokens_stage, [("Peter Hagener", "PER"), ("Hagen", "LOC"), ("Hagener", "PER")])
    got = names(a)
    assert got["Peter Hagener"] == ["Peter Hagener", "Hagener"]
    assert "Hagener" not in got.get("Hagen", [])


@pytest.mark.parametrize("flags", [(), ("d",)])
def test_entities_inhabitant_of_a_known_town_is_the_town(flags, kb, tokens_stage):
    """A German town the KB knows need not be named: ``die Delmenhorster Bürgermeisterin`` (typed
    a place, or a place's adjective) is Delmenhorst (a Wikinews story had ``Delmenhorster`` as a tag)."""
    text = "Die Delmenhorster Bürgermeisterin ist von ihren Ämtern in der Fraktion zurückgetreten."
    a = analyse_with_mentions(text, kb, tokens_stage, [("Delmenhorster", "LOC", *flags)])
    got = names(a)
    assert got == {"Delmenhorst": ["Delmenhorster"]}
    assert a.entities[0].id.startswith("tw:city:")


def test_entities_person_named_like_an_inhabitant_of_a_known_town_stays_a_person(kb, tokens_stage):
    """Without the town in the text a person's name is not read as its inhabitant (``Emder``)."""
    text = "Der Vorsitzende Emder kündigte seinen Rücktritt an."
    a = analyse_with_mentions(text, kb, tokens_stage, [("Emder", "PER")])
    assert "Emder" in names(a)
