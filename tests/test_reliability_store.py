"""Concurrent writers on one store (issue 35): the same articles ingested at once are stored
once, on SQLite and PostgreSQL; a transient lock error (SQLite busy, a PostgreSQL deadlock) is
retried with backoff instead of failing the record."""

from __future__ import annotations

import os
import threading

import pytest

from store_support import PG_ENV, backend_store, make
from tagwerk.store import SearchQuery, StoreError, open_store

BASE = os.environ.get(PG_ENV)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    with backend_store(request.param, tmp_path, "s.db") as (st, _):
        yield st


def test_store_same_articles_ingested_at_once_are_stored_once(any_store, token_analyzer):
    with_url = [make(token_analyzer, f"Meldung {i}: Russland und Berlin.", title=f"M {i}", url=f"https://example.org/{i}")
                for i in range(12)]
    without = [make(token_analyzer, f"Ohne Adresse {i}: Nordkorea.", title=f"O {i}") for i in range(12)]
    errors: list[Exception] = []
    barrier = threading.Barrier(6)

    def work() -> None:
        barrier.wait()
        for a in [*with_url, *without]:
            try:
                any_store.ingest(a)
            except Exception as exc:  # noqa: BLE001 - the assertion reports it
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert any_store.counts()["articles"] == 24
    assert any_store.search(SearchQuery(text="Adresse", limit=50))["total"] == 12


@pytest.mark.parametrize("message", ["database is locked", "deadlock detected", "could not serialize access"])
def test_store_transient_lock_errors_are_retried(tmp_path, token_analyzer, monkeypatch, message):
    from sqlalchemy.exc import OperationalError

    store = open_store(str(tmp_path / "r.db"))
    real = store._ingest
    calls = []

    def flaky(conn, analysis, into=None):  # noqa: ANN001, ANN202
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("INSERT ...", {}, Exception(message))
        return real(conn, analysis, into)

    monkeypatch.setattr(store, "_ingest", flaky)
    monkeypatch.setattr("tagwerk.store.retry.RETRY_BASE_SECONDS", 0.001)
    try:
        result = store.ingest(make(token_analyzer, "Berlin hat gewählt.", title="Wahl"))
        assert result.created and len(calls) == 3
        calls.clear()
        monkeypatch.setattr(store, "_ingest", lambda *a, **k: (_ for _ in ()).throw(OperationalError("x", {}, Exception("disk I/O error"))))
        with pytest.raises(StoreError):  # not transient: no retry
            store.ingest(make(token_analyzer, "Köln hat gewählt.", title="Wahl 2"))
    finally:
        store.close()
