"""A person named once in full and then by the first name's initial (``Robert Kelly`` ... ``R.
Kelly:``, as interviews and court reports write) is one person: a Wikinews interview with two
experts gave the tags ``R. Kelly`` and ``S. Snyder`` beside ``Robert Kelly`` and ``Scott Snyder``.

Model spans are given by hand, as the NER model gave them, so the rule is tested without the model."""

from __future__ import annotations

from entity_support import analyse_with_mentions
from tagwerk.analysis import Analysis


def names(a: Analysis) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in a.entities}


def test_entities_initial_and_surname_is_the_person_named_in_full(kb, tokens_stage):
    text = ("Befragt wurden Robert Kelly von der Universität Busan und Scott Snyder aus Washington. "
            "R. Kelly: Das halte ich für unwahrscheinlich. S. Snyder: Dem stimme ich zu.")
    a = analyse_with_mentions(text, kb, tokens_stage, [
        ("Robert Kelly", "PER"), ("Scott Snyder", "PER"), ("R. Kelly", "PER"), ("S. Snyder", "PER"),
    ])
    got = names(a)
    assert got["Robert Kelly"] == ["Robert Kelly", "R. Kelly"]
    assert got["Scott Snyder"] == ["Scott Snyder", "S. Snyder"]
    assert "R. Kelly" not in got and "S. Snyder" not in got


def test_entities_initial_of_two_persons_stays_as_found(kb, tokens_stage):
    """``R. Kelly`` beside ``Robert Kelly`` and ``Rita Kelly``: either could be meant."""
    text = "Robert Kelly und seine Schwester Rita Kelly führen die Firma. R. Kelly sagte, sie wachse."
    a = analyse_with_mentions(text, kb, tokens_stage, [("Robert Kelly", "PER"), ("Rita Kelly", "PER"), ("R. Kelly", "PER")])
    got = names(a)
    assert got["Robert Kelly"] == ["Robert Kelly"]
    assert got["Rita Kelly"] == ["Rita Kelly"]
    assert "R. Kelly" in got


def test_entities_other_initial_is_another_person(kb, tokens_stage):
    text = "Robert Kelly leitet das Institut. J. Kelly, seine Kollegin, widersprach ihm."
    a = analyse_with_mentions(text, kb, tokens_stage, [("Robert Kelly", "PER"), ("J. Kelly", "PER")])
    got = names(a)
    assert got["Robert Kelly"] == ["Robert Kelly"]
    assert "J. Kelly" in got
