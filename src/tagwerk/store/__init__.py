"""Keeps analysed articles and finds them again.

>>> from tagwerk.store import open_store, SearchQuery
>>> with open_store("tagwerk.db") as store:
...     store.ingest(analysis)
...     store.search(SearchQuery(text="Sanktionen", entities=("Russland",)))

``open_store`` takes a file path or ``sqlite:///path`` (SQLite, the default) or a
``postgresql://`` URL. With no argument it uses ``$TAGWERK_DB`` or ``./tagwerk.db``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tagwerk.store.base import (
    IngestResult,
    NoStoreError,
    NotFoundError,
    SearchQuery,
    Store,
    StoreError,
    TagReview,
)
from tagwerk.store.names import AmbiguousEntityError
from tagwerk.store.tables import SCHEMA_VERSION, SchemaError

DEFAULT_DB = "tagwerk.db"

__all__ = [
    "DEFAULT_DB",
    "AmbiguousEntityError",
    "IngestResult",
    "NoStoreError",
    "NotFoundError",
    "SCHEMA_VERSION",
    "SchemaError",
    "SearchQuery",
    "Store",
    "StoreError",
    "TagReview",
    "default_db",
    "open_store",
]


def default_db() -> str:
    return os.environ.get("TAGWERK_DB") or DEFAULT_DB


def open_store(target: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (and create or migrate) the store at ``target``. ``create=False`` (a read): raise
    :class:`NoStoreError` where no store exists, and create nothing."""
    target = str(target) if target is not None else default_db()
    if not target.strip():
        raise StoreError("the database path is empty")
    if target.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from tagwerk.store.postgres import PostgresStore

        return PostgresStore(target, create=create)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    elif "://" in target:
        raise StoreError(f"unknown database URL {target!r}: use a file path, sqlite:///path or postgresql://...")
    if not create and target != ":memory:" and not Path(target).is_file():
        raise NoStoreError(nothing_ingested(target))
    from tagwerk.store.sqlite import SQLiteStore

    return SQLiteStore(target, create=create)


def nothing_ingested(where: str) -> str:
    """What a read says where no store is."""
    return (f"no store at {where}: nothing has been ingested yet (`tagwerk ingest FILES...` adds articles; "
            "--db or TAGWERK_DB names another store)")
