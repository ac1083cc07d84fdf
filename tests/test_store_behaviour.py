"""The Store contract, run on SQLite and (when TAGWERK_TEST_PG_URL is set) on PostgreSQL."""

from __future__ import annotations

import pytest

from store_support import make
from tagwerk.store import NotFoundError, SearchQuery, StoreError, TagReview

TEXT_A = (
    "Moskau (dpa) - Russland hat Nordkorea vor neuen Raketentests gewarnt. "
    "„Wir beobachten die Lage genau“, sagte Putin am Montag in Moskau.\n"
    "Die Vereinten Nationen beraten am Dienstag über Sanktionen."
)
TEXT_B = "Berlin (AFP) - Die Bundesregierung will mit Russland über Gaslieferungen sprechen. Ein Treffen in Berlin ist geplant."
TEXT_C = "Pjöngjang - Nordkorea hat erneut eine Rakete getestet. Russland schweigt dazu, die Bärenjagd im Fernen Osten geht weiter."


@pytest.fixture()
def three(store, token_analyzer):
    a = make(token_analyzer, TEXT_A, title="Russland warnt Nordkorea", date="2024-05-03", url="https://example.org/a", outlet="ntv.de")
    b = make(token_analyzer, TEXT_B, title="Gespräche über Gas", date="2024-06-10", url="https://example.org/b", outlet="Tagesblatt",
             tags=[("Energie", 0.7)])
    c = make(token_analyzer, TEXT_C, title="Neuer Raketentest", date="2023-12-24")
    ids = [store.ingest(x).id for x in (a, b, c)]
    return store, ids, (a, b, c)


def test_store_ingest_twice_leaves_counts_unchanged(three):
    store, ids, analyses = three
    before = store.counts()
    again = [store.ingest(x) for x in analyses]
    assert [r.id for r in again] == ids
    assert not any(r.created for r in again)
    assert store.counts() == before
    assert before["articles"] == 3


def test_store_same_url_updates_not_duplicates(three, token_analyzer):
    store, ids, _ = three
    changed = make(token_analyzer, TEXT_A + " Ein neuer Absatz mit Nachtrag.", title="Russland warnt Nordkorea",
                   date="2024-05-04", url="https://example.org/a")
    result = store.ingest(changed)
    assert (result.id, result.created) == (ids[0], False)
    assert store.counts()["articles"] == 3
    assert store.search(SearchQuery(text="Nachtrag"))["hits"][0]["id"] == ids[0]


def test_store_same_text_without_url_updates(three, token_analyzer):
    store, ids, _ = three
    copy = make(token_analyzer, TEXT_C, title="Neuer Raketentest", date="2023-12-24")
    assert store.ingest(copy).id == ids[2]
    assert store.counts()["articles"] == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(text="Sanktionen"), {0}),
        (SearchQuery(text="gaslieferungen"), {1}),  # case folded
        (SearchQuery(text="BÄRENJAGD"), {2}),  # umlaut case folded
        (SearchQuery(text='"Fernen Osten"'), {2}),
        (SearchQuery(entities=("Russland",)), {0, 1, 2}),
        (SearchQuery(entities=("russland", "Nordkorea")), {0, 2}),
        (SearchQuery(entities=("Q7747",)), {0}),  # by KB id
        (SearchQuery(entities=("Wladimir Putin",)), {0}),  # by canonical name
        (SearchQuery(entities=("Atlantis",)), set()),
        (SearchQuery(tags=("Energie",)), {1}),
        (SearchQuery(date_from="2024-01-01"), {0, 1}),
        (SearchQuery(date_from="2024-05", date_to="2024-05"), {0}),
        (SearchQuery(date_to="2023"), {2}),
        (SearchQuery(outlet="NTV.DE"), {0}),
        (SearchQuery(text="Russland", entities=("Nordkorea",), date_from="2024"), {0}),
        (SearchQuery(tags=("Russland",), date_from="2024-06"), {1}),
        (SearchQuery(tags=("Russland",), outlet="ntv.de"), {0}),
        (SearchQuery(tags=("Russland", "Nordkorea")), {0, 2}),
        (SearchQuery(tags=("Energie",), entities=("Russland",)), {1}),
        (SearchQuery(text="Gaslieferungen", tags=("Energie",), outlet="Tagesblatt"), {1}),
        (SearchQuery(outlet="Tagesblatt", date_to="2024-06-10"), {1}),
    ],
)
def test_store_search_facets(three, query, expected):
    store, ids, _ = three
    result = store.search(query)
    assert {ids.index(h["id"]) for h in result["hits"]} == expected
    assert result["total"] == len(expected)


@pytest.mark.parametrize("text", ['"', "(", "OR", "NEAR(", "a AND", "*", "title:x", "';DROP TABLE articles;--", "Ä\x00ö"])
def test_store_search_odd_input_is_safe(three, text):
    store, _, _ = three
    result = store.search(SearchQuery(text=text))
    assert result["total"] >= 0
    assert store.counts()["articles"] == 3


def test_store_search_snippet_marks_the_match(three):
    store, ids, _ = three
    hit = store.search(SearchQuery(text="Sanktionen"))["hits"][0]
    assert hit["id"] == ids[0]
    a, b = hit["snippet_marks"][0]
    assert hit["snippet"][a:b] == "Sanktionen"
    assert "\ue000" not in hit["snippet"]


def test_store_search_pages(three):
    store, _, _ = three
    first = store.search(SearchQuery(entities=("Russland",), limit=2))
    second = store.search(SearchQuery(entities=("Russland",), limit=2, offset=2))
    assert first["total"] == 3 and len(first["hits"]) == 2 and len(second["hits"]) == 1
    assert [h["date"] for h in first["hits"]] == ["2024-06-10", "2024-05-03"]  # newest first without text


def test_store_update_reindexes_text(three, token_analyzer):
    store, ids, _ = three
    store.ingest(make(token_analyzer, "Ganz anderer Inhalt über Zugvögel.", title="Vögel", url="https://example.org/b"))
    assert store.search(SearchQuery(text="Gaslieferungen"))["total"] == 0
    assert [h["id"] for h in store.search(SearchQuery(text="Zugvögel"))["hits"]] == [ids[1]]


def test_store_entity_view(three):
    store, ids, _ = three
    view = store.entity_view("russland")
    assert view["entity"]["id"] == "Q159"
    assert view["articles"] == 3
    assert [t["period"] for t in view["timeline"]] == ["2023-12", "2024-05", "2024-06"]
    co = {c["name"]: c["articles"] for c in view["cooccurring"]}
    assert co["Nordkorea"] == 2
    assert view["cooccurring"][0]["name"] == "Nordkorea"  # shared most often
    putin = store.entity_view("Q7747")
    assert putin["quotes"][0]["text"] == "Wir beobachten die Lage genau"
    assert putin["quotes"][0]["article_id"] == ids[0]
    with pytest.raises(NotFoundError):
        store.entity_view("Atlantis")


def test_store_tag_review_survives_reanalysis(three):
    store, ids, analyses = three
    tags = store.review_tags(ids[0], TagReview(accept=["Russland"], reject=["Nordkorea"], add=["Raketen"], who="anna"))
    status = {t["name"]: (t["status"], t["who"]) for t in tags}
    assert status["Russland"] == ("accepted", "anna")
    assert status["Nordkorea"] == ("rejected", "anna")
    assert status["Raketen"] == ("added", "anna")
    assert status["Wladimir Putin"][0] == "suggested"
    store.ingest(analyses[0])  # re-analysis: suggestions refresh, decisions stay
    after = {t["name"]: t["status"] for t in store.get_article(ids[0])["tags"]}
    assert after == {k: v[0] for k, v in status.items()}
    nk = [h["id"] for h in store.search(SearchQuery(tags=("Nordkorea",)))["hits"]]
    assert nk == [ids[2]]  # rejected on the first article: it no longer matches
    assert store.search(SearchQuery(tags=("raketen",)))["total"] == 1


@pytest.mark.parametrize("bad", [TagReview(add=["  "]), TagReview(add=["x" * 201]), TagReview(who="")])
def test_store_tag_review_rejects_bad_input(three, bad):
    store, ids, _ = three
    with pytest.raises(StoreError):
        store.review_tags(ids[0], bad)


def test_store_tag_review_unknown_article(three):
    store, _, _ = three
    with pytest.raises(NotFoundError):
        store.review_tags(999999, TagReview(add=["x"]))


def test_store_get_and_load_article(three):
    store, ids, analyses = three
    got = store.get_article(ids[0])
    assert got["title"] == "Russland warnt Nordkorea"
    assert got["outlet"] == "ntv.de"
    assert got["analysis"]["article"]["text"] == analyses[0].text
    assert {e["id"] for e in got["analysis"]["entities"]} >= {"Q159", "Q423", "Q7747"}
    assert "tokens" not in got["analysis"]
    article = store.load_article(ids[0])
    assert article.text == analyses[0].text and article.url == "https://example.org/a"
    assert article.headline.text == "Russland warnt Nordkorea"
    with pytest.raises(NotFoundError):
        store.get_article(424242)


def test_store_stale_articles(three):
    store, ids, analyses = three
    current = dict(analyses[0].stages)
    assert store.stale_articles(current) == []
    assert store.stale_articles({**current, "tokens": "0.9"}) == ids
    assert store.stale_articles({**current, "quotes": "1.0"}) == ids  # a new stage makes them stale too


def test_store_bad_record_is_refused_and_nothing_lost(three, token_analyzer):
    store, _, analyses = three
    before = store.counts()
    bad = make(token_analyzer, "Ein kurzer Text.")
    bad.article.text = "   "
    results = list(store.ingest_many([bad, analyses[1]]))
    assert isinstance(results[0], StoreError)
    assert results[1].created is False
    assert store.counts() == before


@pytest.mark.parametrize("limit", [1, 2, 20])
def test_store_search_facet_pages_newest_first(three, limit):
    """Small and large pages take different plans on SQLite; both give the newest first."""
    store, ids, _ = three
    result = store.search(SearchQuery(tags=("Russland",), limit=limit))
    assert result["total"] == 3
    assert [h["id"] for h in result["hits"]] == [ids[1], ids[0], ids[2]][:limit]


def test_store_search_entity_name_with_two_ids(three, token_analyzer):
    from tagwerk.analysis import Entity, Mention

    store, ids, _ = three
    extra = make(token_analyzer, "Ein anderes Russland kommt in diesem Roman vor.", title="Roman", date="2022-01-01")
    m = extra.mentions[0]
    other = Entity(id="local:loc:russland-roman", name="Russland", type="LOC", mentions=[Mention(m.start, m.end, m.text, "LOC")])
    extra.entities = [other]
    extra.mentions = []
    rid = store.ingest(extra).id
    found = {h["id"] for h in store.search(SearchQuery(entities=("Russland",), limit=50))["hits"]}
    assert found == {*ids, rid}
    assert store.search(SearchQuery(entities=("Russland",), date_to="2022"))["total"] == 1
