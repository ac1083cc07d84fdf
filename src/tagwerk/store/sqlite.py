"""The SQLite backend: one file, WAL, one writer, FTS5 kept in sync by triggers."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    and_,
    column,
    create_engine,
    event,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnClause

from tagwerk.store import tables
from tagwerk.store.base import clean_tag, search_terms
from tagwerk.store.sql import MARK_END, MARK_START, Plan, SQLStore, json_dumps

_fts = table("articles_fts", column("rowid"), column("rank"))
# bm25 weights of (title, text): a word in the title counts 3 times one in the text
# (a usual newsroom choice; not tuned on data).
_BM25_WEIGHTS = (3.0, 1.0)

def fts_query(text: str, *, prefix: bool = False) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word (or "phrase") must occur.

    Words are quoted, so FTS5 operators and punctuation in the input cannot break the
    query; ``wort*`` keeps its prefix star, and ``prefix`` stars every word of
    ``PREFIX_MIN`` or more letters (:func:`~tagwerk.store.base.search_terms`). None when
    nothing searchable is left.
    """
    parts = ['"' + " ".join(t.words) + '"' + ("*" if t.prefix else "") for t in search_terms(text, prefix=prefix)]
    return " AND ".join(parts) if parts else None


class SQLiteStore(SQLStore):
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if str(path) != ":memory:" and create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            f"sqlite:///{self.path}",
            connect_args={"check_same_thread": False, "timeout": 30},
            json_serializer=json_dumps,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers take the write lock at once (BEGIN IMMEDIATE), so two writers never
            # deadlock upgrading a read lock; readers use a plain deferred BEGIN.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("tagwerk_write") else "BEGIN")

        self._lock = threading.Lock()  # one writer per process; SQLite serialises processes
        super().__init__(engine, f"sqlite:///{self.path}", create=create)

    @contextmanager
    def _write(self):
        with self._lock:
            with self.engine.connect() as conn:
                conn = conn.execution_options(tagwerk_write=True)
                with conn.begin():
                    yield conn

    def _upsert_entities(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        stmt = sqlite_insert(tables.entities)
        stmt = stmt.on_conflict_do_update(
            index_elements=[tables.entities.c.id],
            set_={"name": stmt.excluded.name, "name_key": stmt.excluded.name_key, "type": stmt.excluded.type,
                  "kb_id": func.coalesce(stmt.excluded.kb_id, tables.entities.c.kb_id)},
        )
        conn.execute(stmt, rows)

    def _match(self, text: str, exact: bool = False):
        q = fts_query(text, prefix=not exact)
        if q is None:
            return None
        fts: ColumnClause[Any] = literal_column("articles_fts")
        a = tables.articles
        stmt = select(a.c.id.label("id")).select_from(a.join(_fts, _fts.c.rowid == a.c.id)).where(fts.op("MATCH")(q))
        return stmt, func.bm25(fts, *_BM25_WEIGHTS)

    def _plan(self, text, entity_ids, tag_keys, query):
        """SQLite plans that read no article rows where they can.

        - text: the FTS5 match drives; every other facet is a ``+rowid IN (…)`` filter.
          The unary ``+`` keeps SQLite from handing the IN list to FTS5, which would run
          one full-text lookup per listed id (900 ms instead of 6 ms on the 100k archive).
        - no text, an entity facet with one id: ``article_entities`` drives through its
          (entity, date, article) index, newest first, with the date facet on its own
          copy of the date.
        - otherwise: count from the first facet's index; for the page, either look the
          matches up and sort them (few matches) or walk the date index newest first and
          stop at the page's end (many matches), whichever reads fewer rows.
        """
        a, ae = tables.articles, tables.article_entities
        outlet_sub = (
            select(a.c.id).where(func.lower(a.c.outlet) == clean_tag(query.outlet).lower()) if query.outlet else None
        )
        if text:
            q = fts_query(text, prefix=not query.exact)
            if q is None:
                return None
            fts = literal_column("articles_fts")
            rowid = literal_column("+articles_fts.rowid")
            base = select(_fts.c.rowid.label("id")).select_from(_fts).where(fts.op("MATCH")(q))
            subs = self._facet_subqueries(entity_ids, tag_keys)
            dates = self._date_conds(a.c.date, query)
            if dates:
                subs.append(select(a.c.id).where(and_(*dates)))
            if outlet_sub is not None:
                subs.append(outlet_sub)
            conds = [rowid.in_(sub) for sub in subs]
            if conds:
                base = base.where(and_(*conds))
            return Plan.simple(base, [func.bm25(fts, *_BM25_WEIGHTS), _fts.c.rowid.desc()])
        if entity_ids and len(entity_ids[0]) == 1:
            article_id = literal_column("+article_entities.article_id")
            base = select(ae.c.article_id.label("id")).where(ae.c.entity_id == entity_ids[0][0])
            subs = self._facet_subqueries(entity_ids[1:], tag_keys)
            if outlet_sub is not None:
                subs.append(outlet_sub)
            conds = [article_id.in_(sub) for sub in subs] + self._date_conds(ae.c.date, query)
            if conds:
                base = base.where(and_(*conds))
            return Plan.simple(base, [ae.c.date.desc(), ae.c.article_id.desc()])

        subs = self._facet_subqueries(entity_ids, tag_keys)
        row_conds = self._date_conds(a.c.date, query)
        if outlet_sub is not None:
            row_conds.append(a.c.id.in_(outlet_sub))
        order = [a.c.date.desc(), a.c.id.desc()]  # SQLite sorts NULL last in DESC and can use the date index
        if not subs:
            base = select(a.c.id.label("id"))
            return Plan.simple(base.where(and_(*row_conds)) if row_conds else base, order)
        first = subs[0].subquery()
        fid = first.c.article_id
        count = select(fid.label("id")).distinct()
        count_conds = [fid.in_(sub) for sub in subs[1:]]
        if row_conds:
            count_conds.append(fid.in_(select(a.c.id).where(and_(*row_conds))))
        count = count.where(and_(*count_conds)) if count_conds else count
        plus_id = literal_column("+articles.id")

        def page(conn: Connection, total: int) -> tuple[Any, list[Any]]:
            n_articles = conn.execute(select(func.max(a.c.id))).scalar() or 0
            wanted = query.offset + query.limit
            if wanted * n_articles / max(total, 1) < total:  # walking the date index reads fewer rows
                conds = [plus_id.in_(sub) for sub in subs] + row_conds
            else:
                conds = [a.c.id.in_(sub) for sub in subs] + row_conds
            return select(a.c.id.label("id")).where(and_(*conds)), order

        return Plan(count, page)

    def _snippets(self, conn: Connection, text: str, ids: list[int], exact: bool = False) -> dict[int, str]:
        q = fts_query(text, prefix=not exact)
        if q is None or not ids:
            return {}
        fts: ColumnClause[Any] = literal_column("articles_fts")
        snippet = func.snippet(fts, 1, MARK_START, MARK_END, "…", 24)
        # ``+rowid``: FTS5 runs the match once and the page's ids filter it; handed the id list,
        # it ran the whole match once per id (a prefix query: 10 ms instead of 0.9 for a page)
        rowid: ColumnClause[Any] = literal_column("+articles_fts.rowid")
        stmt = select(_fts.c.rowid, snippet).select_from(_fts).where(fts.op("MATCH")(q), rowid.in_(ids))
        return {r[0]: r[1] for r in conn.execute(stmt)}

    def optimize(self) -> None:
        """Merge the FTS index segments and refresh the planner's statistics."""
        with self._write() as conn:
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
            conn.exec_driver_sql("PRAGMA optimize")
