"""A bare surname that two persons of the article bear: the office holder a role names
(``US-Präsident Obama``), not the relative the article names in full (``seiner Frau Michelle
Obama``). Wikinews: ``Verteidigungsminister Guttenberg`` visiting the troops with ``seiner Frau
Stephanie`` made every ``Guttenberg`` hers, and the story's first tag ``Stephanie zu Guttenberg``."""

from __future__ import annotations

import pytest

from entity_support import analyse_with_mentions
from tagwerk.analysis import Analysis


def _analyse(text: str, kb, tokens_stage, spans: list[tuple[str, int]]) -> Analysis:
    """``text`` with a PER mention for each (surface, n): the n-th occurrence of the surface."""
    return analyse_with_mentions(text, kb, tokens_stage, [(surface, "PER", n) for surface, n in spans])


def _who(a: Analysis) -> list[tuple[str, str]]:
    """(mention, entity name) of every PER mention, in text order."""
    out = []
    for e in a.entities:
        if e.type != "PER":
            continue
        for m in e.mentions:
            out.append((m.start, m.text, e.name))
    return [(t, n) for _, t, n in sorted(out)]


@pytest.mark.parametrize("text, spans, expected", [
    # a role before the bare surname, a relative named in full
    ("US-Präsident Obama besuchte am Montag Berlin. Begleitet wurde er von seiner Frau Michelle Obama. "
     "Obama sprach am Abend vor dem Brandenburger Tor.",
     [("Obama", 0), ("Michelle Obama", 0), ("Obama", 2)],
     [("Obama", "Barack Obama"), ("Michelle Obama", "Michelle Obama"), ("Obama", "Barack Obama")]),
    # a relative named in full: the bare surname without a role is not her either
    ("Verteidigungsminister Guttenberg besuchte die Truppen in Kundus. Seine Frau Stephanie zu Guttenberg "
     "begleitete ihn. Guttenberg sprach mit den Soldaten.",
     [("Guttenberg", 0), ("Stephanie zu Guttenberg", 0), ("Guttenberg", 2)],
     [("Guttenberg", "Karl-Theodor zu Guttenberg"), ("Stephanie zu Guttenberg", "Stephanie zu Guttenberg"),
      ("Guttenberg", "Karl-Theodor zu Guttenberg")]),
    # the office holder stays after the namesake is named (a standalone surname's prominent bearer)
    ("Präsident Trump empfing am Montag den Kanzler. Auch Melania Trump war dabei. Trump lobte die Zusammenarbeit.",
     [("Trump", 0), ("Melania Trump", 0), ("Trump", 2)],
     [("Trump", "Donald Trump"), ("Melania Trump", "Melania Trump"), ("Trump", "Donald Trump")]),
    # ntv: ``Kanadas Premier Trudeau`` beside ``Sophie Grégoire Trudeau`` was hers
    ("Kanadas Premier Trudeau geht in Quarantäne. Sophie Grégoire Trudeau ist erkrankt. Trudeau regiert von zu Hause.",
     [("Trudeau", 0), ("Sophie Grégoire Trudeau", 0), ("Trudeau", 2)],
     [("Trudeau", "Justin Trudeau"), ("Sophie Grégoire Trudeau", "Sophie Grégoire Trudeau"), ("Trudeau", "Justin Trudeau")]),
], ids=["role-and-wife", "wife", "standalone", "premier"])
def test_entities_bare_surname_names_the_office_holder(kb, tokens_stage, text, spans, expected):
    assert _who(_analyse(text, kb, tokens_stage, spans)) == expected


@pytest.mark.parametrize("text, spans, expected", [
    # the person the article names in full keeps the bare surname: no role, no relative
    ("Die Basketballerin Anna Obama traf 20 Punkte. Obama war die beste Werferin.",
     [("Anna Obama", 0), ("Obama", 1)], [("Anna Obama", "Anna Obama"), ("Obama", "Anna Obama")]),
    # a role before the full name too: the same person
    ("Die Abgeordnete Anna Guttenberg stellte den Antrag. Abgeordnete Guttenberg verteidigte ihn.",
     [("Anna Guttenberg", 0), ("Guttenberg", 1)], [("Anna Guttenberg", "Anna Guttenberg"), ("Guttenberg", "Anna Guttenberg")]),
])
def test_entities_bare_surname_keeps_the_article_person(kb, tokens_stage, text, spans, expected):
    a = _analyse(text, kb, tokens_stage, spans)
    assert _who(a) == expected
