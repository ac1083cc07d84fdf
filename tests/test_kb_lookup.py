"""The shipped knowledge base: size, normalisation, inflection, aliases, false friends."""

from __future__ import annotations

import re

import pytest

from tagwerk.kb import KBEntry, KnowledgeBase, genitive_stems, load_kb
from tagwerk.kb.keys import match_key
from tagwerk.lang.de import demonyms


@pytest.fixture(scope="module")
def kb():
    return load_kb(user=False)


def test_kb_size_and_types(kb):
    assert len(kb) >= 5000
    types = {e.type for e in kb}
    assert {"PER", "ORG", "LOC"} <= types
    assert sum(1 for e in kb if e.kind == "country") >= 190


def test_kb_every_country_has_german_name_and_demonym(kb):
    table = demonyms.load()
    keys = {k for ks in table.forms.values() for k in ks}
    sovereign = [e for e in kb if e.kind == "country" and e.qid]
    assert len(sovereign) >= 180
    missing = [e.country for e in sovereign if e.country not in keys]
    assert missing == []


def test_kb_qids_are_well_formed(kb):
    for e in kb:
        if e.qid:
            assert re.fullmatch(r"Q[1-9][0-9]*", e.qid), e


@pytest.mark.parametrize(
    "surface, name",
    [
        ("Putins", "Wladimir Putin"),
        ("Russlands", "Russland"),
        ("Pjöngjangs", "Pjöngjang"),
        ("Nordkoreas", "Nordkorea"),
        ("Vereinten Nationen", "Vereinte Nationen"),
        ("UN", "Vereinte Nationen"),
        ("UNO", "Vereinte Nationen"),
        ("Choe Son-hui", "Choe Son Hui"),
        ("choe son hui", "Choe Son Hui"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Lavrov", "Sergej Lawrow"),
        ("Pyongyang", "Pjöngjang"),
        ("Pjoengjang", "Pjöngjang"),
        ("Zelensky", "Wolodymyr Selenskyj"),
        ("Muenchen", "München"),
        ("Fernen Osten", "Ferner Osten"),
        ("Bundestages", "Bundestag"),
        ("USA", "Vereinigte Staaten"),
    ],
)
def test_kb_lookup_folds_variants(kb, surface, name):
    matches = kb.lookup(surface)
    assert matches, surface
    assert matches[0].entry.name == name


@pytest.mark.parametrize("surface", ["German", "Germany", "Donald", "Länder"])
def test_kb_false_friends_do_not_match(kb, surface):
    names = [m.entry.name for m in kb.lookup(surface)]
    assert "Deutschland" not in names
    assert not any(m.entry.kind == "city" and surface == "Länder" for m in kb.lookup(surface))


def test_kb_lookup_by_id_and_qid(kb):
    putin = kb.get("Q7747")
    assert putin is not None and putin.name == "Wladimir Putin"
    assert kb.get(putin.id) is putin
    assert kb.country("KP").name == "Nordkorea"


def test_kb_capital_knows_its_country(kb):
    moskau = kb.lookup("Moskau")[0].entry
    assert moskau.capital_of == "RU"


def test_kb_ambiguous_city_ranks_by_prominence(kb):
    first = kb.lookup("London")[0].entry
    assert first.country == "GB"


def test_kb_prominence_orders_offices(kb):
    assert kb.prominence("Q7747") > kb.prominence("tw:org:dpa")
    assert kb.prominence("unknown") == 0.0


@pytest.mark.parametrize(
    "name, stems",
    [("Putins", ["Putin"]), ("Bundestages", ["Bundestage", "Bundestag"]), ("Xi's", ["Xi"]), ("Paris", ["Pari"]),
     ("von der Leyens", ["von der Leyen"]), ("Bild des", [])],
)
def test_kb_genitive_stems(name, stems):
    assert genitive_stems(name) == stems


@pytest.mark.parametrize("a, b", [("Kim Jong Un", "Kim Jong-un"), ("Choe Son-hui", "CHOE SON HUI"), ("Straße", "Strasse")])
def test_kb_match_key_equates_variants(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    "word, keys",
    [
        ("russische", [("RU",)]),
        ("nordkoreanischen", [("KP",)]),
        ("Russen", [("RU",)]),
        ("Französin", [("FR",)]),
        ("Moskauer", [("city:Moskau",)]),
        ("US-amerikanischen", [("US",)]),
        ("deutsch-französische", [("DE",), ("FR",)]),
        ("russisch-ukrainischen", [("RU",), ("UA",)]),
        ("German", []),
        ("Ungarn", []),
    ],
)
def test_kb_demonym_table(word, keys):
    assert demonyms.lookup_compound(word) == keys


def test_kb_pattern_index_is_kept_until_an_entry_is_added():
    kb = KnowledgeBase([KBEntry("tw:per:jane-doe", "Jane Doe", "PER", weak=("Doe",), no_pattern=("Jane",))])
    idx = kb.pattern_index()
    assert kb.pattern_index() is idx
    assert [(a, how) for _, a, how in idx.keys[match_key("Jane Doe")]] == [("Jane Doe", "name")]
    assert idx.keys[match_key("Doe")] == [("tw:per:jane-doe", "Doe", "weak")]
    kb.add(KBEntry("tw:org:acme", "Acme AG", "ORG", aliases=("Acme",)))
    rebuilt = kb.pattern_index()
    assert rebuilt is not idx
    assert match_key("Acme") in rebuilt.keys and "acme" in rebuilt.first
