"""Search as a German reader expects it, on SQLite and (with TAGWERK_TEST_PG_URL) PostgreSQL:
a word finds the compounds it begins (``Rente`` → ``Rentenreform``), ``exact`` whole words only;
snippets cut at a word with "…"; an entity's undated articles counted apart from its timeline."""

from __future__ import annotations

import re

import pytest

from store_support import make
from tagwerk.cli import EXIT_OK, main
from tagwerk.store import SearchQuery

RENTE = (
    "Berlin (dpa) - Die Koalition hat sich nach monatelangem Streit auf die Rentenreform geeinigt. Das Rentenalter "
    "soll nicht steigen, sagte Olaf Scholz in Berlin. Kritiker bemängeln jedoch, dass die Finanzierung der Maßnahmen "
    "weiterhin ungeklärt bleibe und die Länder stärker beteiligt werden müssten, wenn das Vorhaben gelingen solle. "
    "Die Opposition kündigte an, im Bundestag gegen das Paket zu stimmen; die Gewerkschaften begrüßten den Kompromiss."
)
EUROPA = "Brüssel (AFP) - Europa streitet über neue Regeln für Plattformen. Die Kommission legt im Herbst einen Entwurf vor."
UNDATED = "Russland hat Nordkorea erneut gewarnt, sagte ein Sprecher in Moskau."


@pytest.fixture()
def stored(store, token_analyzer):
    ids = [
        store.ingest(make(token_analyzer, RENTE, title="Koalition einigt sich nach monatelangem Streit auf eine Reform", date="2024-05-03", url="https://example.org/r")).id,
        store.ingest(make(token_analyzer, EUROPA, title="Plattformen", date="2024-06-10", url="https://example.org/e")).id,
        store.ingest(make(token_analyzer, UNDATED, title="Warnung an Nordkorea", url="https://example.org/u")).id,
    ]
    return store, ids


@pytest.mark.parametrize(
    "text, exact, hits",
    [
        ("Rente", False, [0]),
        ("rente", False, [0]),
        ("Rentenreform", False, [0]),
        ("Rente Koalition", False, [0]),
        ("Rente", True, []),
        ("Rentenreform", True, [0]),
        ("Rent*", True, [0]),
        ("EU", False, []),  # short words are whole words: "EU" does not find "Europa"
        ('"Koalition hat"', False, [0]),
    ],
)
def test_store_search_finds_compounds_by_their_first_word(stored, text, exact, hits):
    store, ids = stored
    result = store.search(SearchQuery(text=text, exact=exact))
    assert sorted(ids.index(h["id"]) for h in result["hits"]) == hits
    assert result["query"]["exact"] is exact


def _whole_words(snippet: str, text: str) -> None:
    core = snippet.strip().removeprefix("…").removesuffix("…").strip()
    for part in (p.strip() for p in core.split("…") if p.strip()):
        at = text.find(part)
        assert at >= 0, (part, text)
        assert at == 0 or not text[at - 1].isalnum(), f"starts inside a word: {snippet!r}"
        end = at + len(part)
        assert end == len(text) or not text[end].isalnum(), f"ends inside a word: {snippet!r}"
    words_before = bool(re.search(r"\w", text[: text.find(core.split("…")[0].strip())]))
    assert snippet.startswith("…") == words_before, snippet


@pytest.mark.parametrize("query", [SearchQuery(text="Finanzierung"), SearchQuery(text="Rente"), SearchQuery(date_from="2024-05")])
def test_store_search_snippets_end_at_a_word_with_an_ellipsis(stored, query):
    store, ids = stored
    result = store.search(query)
    hit = next(h for h in result["hits"] if h["id"] == ids[0])
    full = store.load_article(ids[0]).text
    if query.text is None:  # the lead of a hit found by facets starts after the headline
        full = full.removeprefix(hit["title"]).lstrip()
    assert hit["snippet"].rstrip().endswith("…"), hit["snippet"]
    _whole_words(hit["snippet"], full)


def test_store_entity_view_counts_undated_articles(stored):
    store, _ = stored
    view = store.entity_view("Q159")  # Russland: only in the undated article
    assert view["timeline"] == []
    assert view["undated"] == {"articles": 1, "mentions": 1}
    view = store.entity_view("Q61053")  # Olaf Scholz: dated
    assert view["undated"] == {"articles": 0, "mentions": 0} and view["timeline"][0]["period"] == "2024-05"


def test_cli_search_prefix_by_default_and_exact(stored, capsys):
    store, _ = stored
    if store.dialect != "sqlite":
        pytest.skip("the CLI test runs on the SQLite file")
    db = str(store.path)
    assert main(["search", "Rente", "--db", db]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("1 article\n") and "Koalition einigt sich" in out
    assert main(["search", "Rente", "--exact", "--db", db]) == EXIT_OK
    assert capsys.readouterr().out.startswith("0 articles")


def test_api_search_exact_parameter(stored):
    from fastapi.testclient import TestClient

    from tagwerk.service import create_app

    store, ids = stored
    client = TestClient(create_app(store=store, analyzer=object()))
    assert [h["id"] for h in client.get("/search", params={"q": "Rente"}).json()["hits"]] == [ids[0]]
    assert client.get("/search", params={"q": "Rente", "exact": "true"}).json()["total"] == 0
