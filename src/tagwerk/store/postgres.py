"""The PostgreSQL backend: a ``tsvector`` column with the ``german`` configuration (stemming, stop words)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.sql.expression import ColumnClause

from tagwerk.store import tables
from tagwerk.store.base import StoreError
from tagwerk.store.sql import MARK_END, MARK_START, SQLStore, json_dumps


def engine_url(url: str) -> str:
    """``postgresql://`` (or ``postgres://``) as SQLAlchemy's psycopg 3 URL."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise StoreError(f"not a PostgreSQL URL: {url}")


class PostgresStore(SQLStore):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:  # pragma: no cover - an optional dependency
            raise StoreError("the PostgreSQL backend needs psycopg: pip install 'tagwerk[postgres]'") from exc
        engine = create_engine(engine_url(url), json_serializer=json_dumps, pool_pre_ping=True)
        safe = make_url(engine_url(url)).render_as_string(hide_password=True)
        super().__init__(engine, safe)

    def _lock_keys(self, conn: Connection, keys: list[str]) -> None:
        # Two writers of the same URL or text would both find no article and both add one
        # (READ COMMITTED sees no uncommitted row): each takes the keys' advisory locks, in
        # sorted order (no deadlock), until its transaction ends.
        for key in keys:
            conn.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))

    def _upsert_entities(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        stmt = pg_insert(tables.entities)
        stmt = stmt.on_conflict_do_update(
            index_elements=[tables.entities.c.id],
            set_={"name": stmt.excluded.name, "name_key": stmt.excluded.name_key, "type": stmt.excluded.type,
                  "kb_id": func.coalesce(stmt.excluded.kb_id, tables.entities.c.kb_id)},
        )
        # Sorted ids: concurrent ingests lock entity rows in the same order (no deadlock).
        conn.execute(stmt, sorted(rows, key=lambda r: r["id"]))

    def _match(self, text: str):
        a = tables.articles
        query = func.websearch_to_tsquery("german", text)
        tsv: ColumnClause[Any] = literal_column("articles.tsv")
        stmt = select(a.c.id.label("id")).where(tsv.op("@@")(query))
        return stmt, func.ts_rank_cd(tsv, query).desc()

    def _snippets(self, conn: Connection, text: str, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        a = tables.articles
        query = func.websearch_to_tsquery("german", text)
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
        stmt = select(a.c.id, func.ts_headline("german", a.c.text, query, options)).where(a.c.id.in_(ids))
        return {r[0]: r[1] for r in conn.execute(stmt)}
