"""The PostgreSQL backend: a ``tsvector`` column with the ``german`` configuration (stemming, stop words)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import create_engine, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.sql.expression import ColumnClause

from tagwerk.store import tables
from tagwerk.store.base import StoreError, ellipsize, search_terms
from tagwerk.store.sql import MARK_END, MARK_START, SQLStore, json_dumps


def engine_url(url: str) -> str:
    """``postgresql://`` (or ``postgres://``) as SQLAlchemy's psycopg 3 URL."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise StoreError(f"not a PostgreSQL URL: {url}")


_PG_TERM = re.compile(r'(-?)"([^"]+)"|(-?)([\w][\w\-]*\*?)', re.UNICODE)


def ts_query(text: str, exact: bool = False) -> Any:
    """The ``tsquery`` of what a user typed: every word must occur; ``"a phrase"``; ``wort*``
    and (unless ``exact``) every word of ``PREFIX_MIN`` or more letters as a prefix of its stem
    (``to_tsquery('german', 'rente:*')``: ``Rente`` finds ``Rentenreform``); as in PostgreSQL's
    web search syntax, ``-wort`` excludes and ``or`` between two terms takes either. The words
    are ``\\w+`` runs, quoted: nothing else the user types is syntax. None when nothing
    searchable is left."""
    clauses: list[str] = []
    pending_or = False
    for m in _PG_TERM.finditer(text):
        neg = bool(m.group(1) or m.group(3))
        raw = m.group(2) if m.group(2) is not None else m.group(4)
        if m.group(4) is not None and raw.lower() == "or" and not neg:
            pending_or = bool(clauses)
            continue
        terms = search_terms(f'"{raw}"' if m.group(2) is not None else raw, prefix=not exact and not neg)
        if not terms:
            continue
        t = terms[0]
        words = [f"'{w}'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        term = "(" + " <-> ".join(words) + ")" if len(words) > 1 else words[0]
        term = "!" + term if neg else term
        if pending_or:
            clauses[-1] = f"({clauses[-1]} | {term})"
        else:
            clauses.append(term)
        pending_or = False
    return func.to_tsquery("german", " & ".join(clauses)) if clauses else None


class PostgresStore(SQLStore):
    dialect = "postgresql"

    def __init__(self, url: str, *, create: bool = True) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:  # pragma: no cover - an optional dependency
            raise StoreError("the PostgreSQL backend needs psycopg: pip install 'tagwerk[postgres]'") from exc
        engine = create_engine(engine_url(url), json_serializer=json_dumps, pool_pre_ping=True)
        safe = make_url(engine_url(url)).render_as_string(hide_password=True)
        super().__init__(engine, safe, create=create)

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

    def _match(self, text: str, exact: bool = False):
        a = tables.articles
        query = ts_query(text, exact)
        if query is None:
            return None
        tsv: ColumnClause[Any] = literal_column("articles.tsv")
        stmt = select(a.c.id.label("id")).where(tsv.op("@@")(query))
        return stmt, func.ts_rank_cd(tsv, query).desc()

    def _snippets(self, conn: Connection, text: str, ids: list[int], exact: bool = False) -> dict[int, str]:
        if not ids:
            return {}
        a = tables.articles
        query = ts_query(text, exact)
        if query is None:
            return {}
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
        stmt = select(a.c.id, func.ts_headline("german", a.c.text, query, options), a.c.text).where(a.c.id.in_(ids))
        return {r[0]: " … ".join(ellipsize(f, r[2]) for f in r[1].split(" … ")).replace("… …", "…") for r in conn.execute(stmt)}
