"""PostgreSQL backend specifics, against a real server (TAGWERK_TEST_PG_URL; skipped when unset).

``scripts/ci-services.sh`` installs PostgreSQL from Debian's packages, starts it and prints
the URL; the behaviour every backend shares is tested in test_store_behaviour.py.
"""

from __future__ import annotations

import os

import pytest

from store_support import PG_ENV, ingest_concurrently, make, pg_drop_schema, pg_schema_url
from tagwerk.store import SCHEMA_VERSION, SchemaError, SearchQuery, open_store
from tagwerk.store.postgres import PostgresStore, engine_url

BASE = os.environ.get(PG_ENV)
pytestmark = pytest.mark.skipif(not BASE, reason=f"{PG_ENV} is not set")


@pytest.fixture()
def pg():
    url, schema = pg_schema_url(BASE)
    yield url, schema
    pg_drop_schema(BASE, schema)


@pytest.fixture()
def store(pg):
    st = open_store(pg[0])
    yield st
    st.close()


def test_postgres_store_opens_and_migrates(pg, store):
    import psycopg

    assert isinstance(store, PostgresStore)
    assert store.schema_version() == SCHEMA_VERSION
    assert "tagwerk:***@" in store.url or "@" not in store.url  # the password is never shown
    with psycopg.connect(BASE) as conn:
        cols = conn.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_schema=%s AND table_name='articles' AND column_name='tsv'",
            (pg[1],),
        ).fetchall()
        assert cols == [("tsvector",)]
        idx = conn.execute("SELECT indexdef FROM pg_indexes WHERE schemaname=%s AND indexname='ix_articles_tsv'", (pg[1],)).fetchone()
        assert "gin" in idx[0].lower()
    open_store(pg[0]).close()  # a second open finds the schema current
    assert store.schema_version() == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("query", "hits"),
    [("Russlands", 1), ("russland", 1), ("Sanktion", 1), ("Raketentests", 1), ("Gespräche", 1), ("der die das", 0)],
)
def test_postgres_store_german_stemming(store, token_analyzer, query, hits):
    store.ingest(make(token_analyzer, "Die Sanktionen gegen Russland und neue Raketentests stehen im Mittelpunkt der Gespräche.", title="Lage"))
    assert store.search(SearchQuery(text=query))["total"] == hits


def test_postgres_store_websearch_syntax(store, token_analyzer):
    store.ingest(make(token_analyzer, "Russland warnt Nordkorea.", title="Eins"))
    store.ingest(make(token_analyzer, "Russland lobt Berlin.", title="Zwei"))
    assert store.search(SearchQuery(text="Russland -Nordkorea"))["total"] == 1
    assert store.search(SearchQuery(text='"Russland warnt"'))["total"] == 1
    assert store.search(SearchQuery(text="Nordkorea or Berlin"))["total"] == 2


def test_postgres_store_concurrent_ingests_share_entities(store, token_analyzer):
    analyses = [make(token_analyzer, f"Meldung {i}: Russland, Nordkorea und Berlin.", title=f"M {i}") for i in range(16)]
    assert not ingest_concurrently(store, analyses)
    assert store.counts()["articles"] == 16
    assert store.entity_view("Nordkorea")["articles"] == 16


def test_postgres_store_refuses_newer_schema(pg, store):
    import psycopg

    with psycopg.connect(BASE, autocommit=True) as conn:
        conn.execute(f'UPDATE "{pg[1]}".meta SET value = %s WHERE key = %s', (str(SCHEMA_VERSION + 1), "schema_version"))
    with pytest.raises(SchemaError):
        open_store(pg[0])


@pytest.mark.parametrize(
    ("given", "expected"),
    [("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"), ("postgres://h/db", "postgresql+psycopg://h/db")],
)
def test_postgres_store_engine_url(given, expected):
    assert engine_url(given) == expected
