"""SQLite backend specifics: WAL, the FTS5 tokenizer and query builder, triggers, schema versions."""

from __future__ import annotations

import sqlite3

import pytest

from store_support import ingest_concurrently, make
from tagwerk.store import (
    SCHEMA_VERSION,
    SchemaError,
    SearchQuery,
    StoreError,
    open_store,
)
from tagwerk.store.sqlite import SQLiteStore, fts_query


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "archiv.db"


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("Russland", '"Russland"'),
        ("Russland Nordkorea", '"Russland" AND "Nordkorea"'),
        ('"Fernen Osten" Bär', '"Fernen Osten" AND "Bär"'),
        ("Raket*", '"Raket"*'),
        ("UN-Sanktionen", '"UN Sanktionen"'),
        ('Nordkorea" OR (', '"Nordkorea" AND "OR"'),
        ("NEAR(a b)", '"NEAR" AND "a" AND "b"'),
        ("-- ; ' ()", None),
        ("", None),
    ],
)
def test_store_sqlite_fts_query_quotes_every_word(typed, query):
    assert fts_query(typed) == query


def test_store_sqlite_uses_wal_and_schema_version(db):
    store = open_store(db)
    assert isinstance(store, SQLiteStore)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tok = conn.execute("SELECT sql FROM sqlite_master WHERE name='articles_fts'").fetchone()[0]
        assert "remove_diacritics 0" in tok
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert triggers == {"articles_ai", "articles_ad", "articles_au"}


@pytest.mark.parametrize(
    ("query", "hits"),
    [("Bär", 1), ("bär", 1), ("BÄR", 1), ("Bar", 1), ("Bären*", 1), ("Straße", 1), ("strasse", 0), ("Übergang", 1)],
)
def test_store_sqlite_tokenizer_keeps_umlauts_and_folds_case(db, token_analyzer, query, hits):
    store = open_store(db)
    store.ingest(make(token_analyzer, "Der Bär lief über die Straße zum Übergang. Die Bärenfamilie folgte.", title="Tiere"))
    store.ingest(make(token_analyzer, "An der Bar gab es Kaffee.", title="Café"))
    found = store.search(SearchQuery(text=query))["hits"]
    assert len(found) == hits
    if query.lower() == "bar":
        assert found[0]["title"] == "Café"  # umlauts are not folded: Bar is not Bär
    store.close()


def test_store_sqlite_delete_trigger_clears_index(db, token_analyzer):
    store = open_store(db)
    aid = store.ingest(make(token_analyzer, "Ein Text über Zugvögel im Herbst.", title="Vögel")).id
    store.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM articles WHERE id = ?", (aid,))
        conn.commit()
        assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Zugvögel'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 0  # cascaded


def test_store_sqlite_reopen_keeps_data(db, token_analyzer):
    with open_store(db) as store:
        store.ingest(make(token_analyzer, "Russland und Nordkorea.", title="Kurz"))
    with open_store(f"sqlite:///{db}") as store:
        assert store.counts()["articles"] == 1
        assert store.schema_version() == SCHEMA_VERSION


def test_store_sqlite_refuses_newer_schema(db):
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(SchemaError, match="newer"):
        open_store(db)


@pytest.mark.parametrize("target", ["mysql://x/y", "   "])
def test_store_open_refuses_unknown_targets(target):
    with pytest.raises(StoreError):
        open_store(target)


def test_store_default_db_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TAGWERK_DB", str(tmp_path / "env.db"))
    with open_store() as store:
        assert store.url.endswith("env.db")
    assert (tmp_path / "env.db").exists()


def test_store_sqlite_concurrent_writers(db, token_analyzer):
    """Threads writing at once: one writer at a time, nothing lost, no 'database is locked'."""
    store = open_store(db)
    analyses = [make(token_analyzer, f"Meldung Nummer {i} aus Berlin über Russland.", title=f"Meldung {i}") for i in range(24)]
    assert not ingest_concurrently(store, analyses)
    assert store.counts()["articles"] == 24
    assert store.search(SearchQuery(entities=("Berlin",), limit=50))["total"] == 24
    store.close()


def test_store_sqlite_second_process_store_sees_writes(db, token_analyzer):
    a, b = open_store(db), open_store(db)
    a.ingest(make(token_analyzer, "Nordkorea testet wieder.", title="Test"))
    assert b.search(SearchQuery(text="testet"))["total"] == 1
    a.close()
    b.close()


def test_store_sqlite_migrates_version_1_to_current(db):
    """A version-1 database with rows is upgraded in place: new column filled, indexes made."""
    from sqlalchemy import create_engine

    from tagwerk.store import tables

    engine = create_engine(f"sqlite:///{db}")
    assert tables.migrate(engine, target=1) == 0
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO articles (id, content_hash, date, title, text, structure, created_at, updated_at) "
            "VALUES (1, 'h', '2020-02-02', 'Alt', 'Ein alter Artikel über Russland.', '{}', 'x', 'x')"
        )
        conn.exec_driver_sql("INSERT INTO entities (id, name, name_key, type) VALUES ('Q159', 'Russland', 'russland', 'LOC')")
        conn.exec_driver_sql("INSERT INTO article_entities (article_id, entity_id, mentions, salience) VALUES (1, 'Q159', 1, 0)")
        conn.exec_driver_sql(
            "INSERT INTO tags (article_id, name, name_key, type, source, status, at) "
            "VALUES (1, 'Russland', 'russland', 'place', 'entity', 'accepted', 'x')"
        )
        assert tables.current_version(conn) == 1
    engine.dispose()
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.search(SearchQuery(entities=("Russland",), date_from="2020"))["total"] == 1
        assert store.search(SearchQuery(tags=("russland",)))["total"] == 1
        assert store.search(SearchQuery(text="alter"))["total"] == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT date FROM article_entities").fetchone() == ("2020-02-02",)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"ix_article_entities_entity_date", "ix_tags_facet", "ix_articles_outlet_lower"} <= names
        assert "ix_tags_name_key" not in names
