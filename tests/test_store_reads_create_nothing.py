"""A read where nothing was ingested says so, exits 1, and leaves no empty database behind."""

from __future__ import annotations

import pytest

from tagwerk.cli import EXIT_FAILED, main


@pytest.mark.parametrize(
    "argv",
    [["search", "Zölle"], ["search", "--entity", "China"], ["entity", "Scholz"], ["reanalyze", "--stages", "tokens"]],
    ids=lambda a: " ".join(a),
)
def test_store_read_without_a_store_says_nothing_was_ingested(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TAGWERK_DB", raising=False)
    code = main(argv)
    _, errout = capsys.readouterr()
    lines = [line for line in errout.splitlines() if line.strip()]
    assert code == EXIT_FAILED
    assert len(lines) == 1 and "nothing has been ingested" in lines[0] and "tagwerk ingest" in lines[0], errout
    assert list(tmp_path.iterdir()) == []


def test_store_read_of_a_named_missing_db(tmp_path, capsys):
    db = tmp_path / "archiv" / "fehlt.db"
    code = main(["search", "Rente", "--db", str(db)])
    assert code == EXIT_FAILED and str(db) in capsys.readouterr().err
    assert not db.parent.exists()


def test_open_store_for_a_read_creates_nothing(tmp_path):
    from tagwerk.store import NoStoreError, SearchQuery, open_store

    with pytest.raises(NoStoreError):
        open_store(tmp_path / "neu.db", create=False)
    assert not (tmp_path / "neu.db").exists()
    with open_store(tmp_path / "neu.db") as store:  # a write creates it
        assert store.counts()["articles"] == 0
    with open_store(tmp_path / "neu.db", create=False) as store:  # and a read then opens it
        assert store.search(SearchQuery(text="Rente"))["total"] == 0


def test_open_store_for_a_read_refuses_an_empty_file(tmp_path):
    from tagwerk.store import NoStoreError, open_store

    empty = tmp_path / "leer.db"
    empty.touch()
    with pytest.raises(NoStoreError):
        open_store(empty, create=False)


def test_open_store_for_a_read_on_an_empty_postgres_schema():
    import os

    from store_support import PG_ENV, pg_drop_schema, pg_schema_url
    from tagwerk.store import NoStoreError, open_store

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url, schema = pg_schema_url(base)
    try:
        with pytest.raises(NoStoreError, match="nothing has been ingested"):
            open_store(url, create=False)
        import psycopg

        with psycopg.connect(base) as conn:
            n = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", (schema,)).fetchone()[0]
        assert n == 0  # the read created no table
    finally:
        pg_drop_schema(base, schema)
