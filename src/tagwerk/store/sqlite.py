"""The SQLite backend: one file, WAL, one writer, FTS5 kept in sync by triggers."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, literal_column, table, column
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from tagwerk.store import schema as s
from tagwerk.store.sql import MARK_END, MARK_START, SQLStore, json_dumps

_fts = table("articles_fts", column("rowid"), column("rank"))

# A query word: letters/digits (any script, umlauts included), optionally ending in * for a prefix.
_TERM = re.compile(r'"([^"]+)"|([\w][\w\-]*\*?)', re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word (or "phrase") must occur.

    Words are quoted, so FTS5 operators and punctuation in the input cannot break the
    query; ``wort*`` keeps its prefix star. None when nothing searchable is left.
    """
    parts: list[str] = []
    for m in _TERM.finditer(text):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        star = word.endswith("*")
        words = re.findall(r"\w+", word)
        if not words:
            continue
        quoted = '"' + " ".join(words) + '"'
        parts.append(quoted + ("*" if star else ""))
    return " AND ".join(parts) if parts else None


class SQLiteStore(SQLStore):
    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
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
        super().__init__(engine, f"sqlite:///{self.path}")

    @contextmanager
    def _write(self):
        with self._lock:
            with self.engine.connect() as conn:
                conn = conn.execution_options(tagwerk_write=True)
                with conn.begin():
                    yield conn

    def _upsert_entities(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        stmt = sqlite_insert(s.entities)
        stmt = stmt.on_conflict_do_update(
            index_elements=[s.entities.c.id],
            set_={"name": stmt.excluded.name, "name_key": stmt.excluded.name_key, "type": stmt.excluded.type,
                  "kb_id": func.coalesce(stmt.excluded.kb_id, s.entities.c.kb_id)},
        )
        conn.execute(stmt, rows)

    def _text_search(self, stmt: Select, text: str):
        q = fts_query(text)
        if q is None:
            return None, None, None
        a = s.articles
        stmt = stmt.select_from(a.join(_fts, _fts.c.rowid == a.c.id)).where(literal_column("articles_fts").op("MATCH")(q))
        # bm25 weights: a word in the title counts 3 times one in the text (a usual newsroom choice, not tuned).
        rank = func.bm25(literal_column("articles_fts"), 3.0, 1.0)
        snippet = func.snippet(literal_column("articles_fts"), 1, MARK_START, MARK_END, "…", 24)
        return stmt, rank, snippet

    def optimize(self) -> None:
        """Merge the FTS index segments and refresh the planner's statistics."""
        with self._write() as conn:
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
            conn.exec_driver_sql("PRAGMA optimize")
