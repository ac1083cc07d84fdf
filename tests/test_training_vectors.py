"""The name gazetteers behind the NER model's static vectors (training time only)."""

from __future__ import annotations

import pytest

pytest.importorskip("faker")


def test_faker_names_are_latin_script_first_names_and_surnames() -> None:
    from tagwerk.training.vectors import faker_names

    first, last = faker_names()
    assert {"Angela", "Olaf", "Fatima"} <= first
    assert {"Müller", "Schmidt", "Kowalski"} <= last
    assert all(" " not in n and n[:1].isupper() for n in first | last)
    assert not any("\u0400" <= ch <= "\u04ff" for n in first | last for ch in n)  # no Cyrillic


def test_name_gazetteers_add_the_knowledge_base() -> None:
    from tagwerk.training.vectors import name_gazetteers

    gaz = name_gazetteers()
    # KB persons: surnames and short forms the Faker lists lack
    assert {"lawrow", "putin"} <= gaz["surname"]
    assert "wladimir" in gaz["first_name"]
    # KB organisations: one-word names and the words of longer ones
    assert {"kcna", "nato"} <= gaz["org"]
    assert {"vereinte", "nationen"} <= gaz["org_part"]
    assert all(w == w.lower() for ws in gaz.values() for w in ws)
