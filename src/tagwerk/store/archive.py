"""The archive in the store: story threads, versions and near-duplicates kept in tables; events.

One :class:`StoreArchive` per store object places each stored article (``Store.ingest``) with a
:class:`tagwerk.archive.Archive`, in the same transaction as the article's rows, and writes what
changed: the article's ``story_members`` row, its story's ``stories`` row (an open story with its
centroid), the stories that closed, its ``fingerprints`` row and its ``version_links`` row.

Only the open window lives in memory: the open stories (rebuilt from their rows, centroid
included) and the fingerprints of the near-duplicate window (rebuilt from theirs, into MinHash
LSH). What grows with the archive (every membership, every closed story, every link and agency
id) is read from the tables when the indexes ask (:class:`_Members`, :class:`_Closed`,
:class:`_Links`, :class:`_Urns`), so memory does not grow with the store's size. The index is
built on first use and again whenever another writer has placed articles since (the newest
arrival number in ``story_members`` tells); PostgreSQL writers take an advisory lock first.

Placing is online, as articles arrive; ``hold = N`` (``tagwerk ingest``, batch runs) keeps up to
N articles' features and places them in date order (a reorder window), the rest by
:meth:`StoreArchive.flush`. An article the archive knows changes nothing (ingest twice leaves
stories unchanged).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import logging
import threading
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from tagwerk.analysis import Analysis
from tagwerk.archive import Archive, ArchiveConfig, ArchiveRecord, ArchiveRows, ArticleFeatures, features_of
from tagwerk.archive.features import FINGERPRINT
from tagwerk.archive.records import Fingerprint, StoryMember, StoryRecord, VersionLink
from tagwerk.store import tables
from tagwerk.store.base import StoreError

log = logging.getLogger("tagwerk.store")

DEFAULT_HOLD = 2000
"""Articles ``tagwerk ingest`` and batch runs hold to place in date order (about 5 kB of features each)."""
PRUNE_EVERY = 1000
"""Placements between two passes that clear the signatures of fingerprints older than the window."""
_PG_LOCK = 7472
"""Advisory lock of the archive's writers on PostgreSQL (the migrator holds 7471)."""
_META_KEY = "archive_fingerprint"


# -- the tables, read one row at a time through the current transaction -------------------------------


def _statements() -> dict[str, Any]:
    """The archive's point reads and writes, built once (building a SQLAlchemy statement costs
    more than running it on SQLite)."""
    st, sm, fp, vl = tables.stories, tables.story_members, tables.fingerprints, tables.version_links
    return {
        "member": select(sm.c.story_id, sm.c.time, sm.c.seq, sm.c.score).where(sm.c.article_id == bindparam("aid")),
        "closed": select(st.c.label, st.c.first, st.c.last, st.c.size).where(st.c.id == bindparam("sid"), st.c.open.is_(False)),
        "link": select(vl.c.of, vl.c.kind, vl.c.similarity, vl.c.urn, vl.c.version).where(vl.c.article_id == bindparam("aid")),
        "urn": select(fp.c.root).where(fp.c.urn == bindparam("urn")).order_by(fp.c.article_id).limit(1),
        "count_closed": select(func.count()).select_from(st).where(st.c.open.is_(False)),
        "last_seq": select(func.max(sm.c.seq)),
        "add_member": insert(sm),
        "add_print": insert(fp),
        "add_link": insert(vl),
        "set_story": update(st).where(st.c.id == bindparam("sid")),
        "add_story": insert(st),
    }


_SQL: dict[str, Any] = {}


def sql(name: str) -> Any:
    if not _SQL:
        _SQL.update(_statements())
    return _SQL[name]


class _Rows:
    """Point reads for the indexes, through the connection of the placement in progress."""

    def __init__(self) -> None:
        self.conn: Connection | None = None

    def _one(self, name: str, **params: Any) -> Any:
        if self.conn is None:
            raise RuntimeError("the archive's tables are read inside a placement only")
        return self.conn.execute(sql(name), params).first()

    def member(self, article_id: str) -> StoryMember | None:
        aid = _int(article_id)
        r = None if aid is None else self._one("member", aid=aid)
        return None if r is None else StoryMember(article_id, r[0], r[1], r[2], r[3])

    def closed_story(self, sid: str) -> StoryRecord | None:
        r = self._one("closed", sid=sid)
        return None if r is None else StoryRecord(sid, r[0], r[1], r[2], r[3], False)

    def link(self, article_id: str) -> VersionLink | None:
        aid = _int(article_id)
        r = None if aid is None else self._one("link", aid=aid)
        return None if r is None else VersionLink(article_id, str(r[0]), r[1], r[2], r[3], r[4])

    def urn_root(self, urn: str) -> str | None:
        r = self._one("urn", urn=urn)
        return None if r is None else str(r[0])

    def count_closed(self) -> int:
        return int(self._one("count_closed")[0])


def _int(article_id: str) -> int | None:
    try:
        return int(article_id)
    except ValueError:
        return None


class _ReadThrough(MutableMapping[str, Any]):
    """What the index adds in this placement (``pending``, written by the store after it), over
    what the tables hold. A table is never iterated: the store archive never asks for all rows."""

    def __init__(self, rows: _Rows) -> None:
        self.rows = rows
        self.pending: dict[str, Any] = {}
        self._read: dict[str, Any] = {}
        """What this placement read already (an index asks for one id more than once)."""

    def fetch(self, key: str) -> Any:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        if key in self.pending:
            return self.pending[key]
        if key in self._read:
            value = self._read[key]
        else:
            value = self._read[key] = self.fetch(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self.pending[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError(f"{type(self).__name__} rows are not deleted")

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the store archive does not list every row; read the tables")

    def __len__(self) -> int:
        raise TypeError("the store archive does not count every row; read the tables")

    def written(self) -> None:
        self.pending.clear()
        self._read.clear()


class _Members(_ReadThrough):
    """``story_members``: ``len`` is the next arrival number."""

    def __init__(self, rows: _Rows, next_seq: int) -> None:
        super().__init__(rows)
        self.next_seq = next_seq

    def fetch(self, key: str) -> StoryMember | None:
        return self.rows.member(key)

    def __len__(self) -> int:
        return self.next_seq + len(self.pending)

    def written(self) -> None:
        self.next_seq += len(self.pending)
        super().written()


class _Closed(_ReadThrough):
    """The closed stories' summaries in ``stories``; a story reopened (a late version joins its
    original's story) leaves this mapping until it is written as open again."""

    def __init__(self, rows: _Rows) -> None:
        super().__init__(rows)
        self.reopened: set[str] = set()

    def fetch(self, key: str) -> StoryRecord | None:
        return None if key in self.reopened else self.rows.closed_story(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.reopened.discard(key)
        self.pending[key] = value

    def __delitem__(self, key: str) -> None:
        self.pending.pop(key, None)
        self._read.pop(key, None)
        self.reopened.add(key)

    def __len__(self) -> int:  # StoryIndex.__len__ only
        return self.rows.count_closed() + len(self.pending)

    def written(self) -> None:
        self.reopened.clear()
        super().written()


class _Links(_ReadThrough):
    def fetch(self, key: str) -> VersionLink | None:
        return self.rows.link(key)


class _Urns(_ReadThrough):
    """Agency item id -> the first article of its group, from the ``fingerprints`` rows (kept, without
    their signatures, after they leave the window)."""

    def fetch(self, key: str) -> str | None:
        return self.rows.urn_root(key)


class _NoGroups(MutableMapping[str, list[tuple[str, int | None, float, int]]]):
    """Version groups are read from ``version_links`` by the store's queries; the index keeps none."""

    def __getitem__(self, key: str) -> list[tuple[str, int | None, float, int]]:
        raise KeyError(key)

    def __setitem__(self, key: str, value: list[tuple[str, int | None, float, int]]) -> None:
        pass

    def __delitem__(self, key: str) -> None:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


# -- the store's archive ---------------------------------------------------------------------------------


class StoreArchive:
    """Places stored articles into the archive's tables (see the module doc)."""

    def __init__(
        self,
        write: Callable[[], AbstractContextManager[Connection]],
        *,
        config: ArchiveConfig | None = None,
        enabled: bool = True,
    ) -> None:
        self._write = write
        self.config = config or ArchiveConfig()
        self.enabled = enabled
        """False: articles are stored without story threads or near-duplicate links."""
        self.hold = 0
        """0: place each article as it is stored; N: hold up to N and place them in date order."""
        self.lock = threading.RLock()
        self._rows = _Rows()
        self._archive: Archive | None = None
        self._members: _Members | None = None
        self._closed: _Closed | None = None
        self._links: _Links | None = None
        self._urns: _Urns | None = None
        self._held: list[tuple[bool, float, int, ArticleFeatures]] = []
        self._arrivals = itertools.count()
        self._since_prune = 0
        self.loads = 0
        """How often the index was built from the tables (tests and benchmarks read it)."""

    # -- entry points ------------------------------------------------------------------------------------
    @contextmanager
    def ingesting(self, analysis: Analysis) -> Iterator[Callable[[Connection, int], None]]:
        """Around one article's write transaction: yields ``place(conn, article_id)`` to call inside
        it, after the article's rows are written. Online, the article is placed in that transaction
        (under the archive's lock); with ``hold``, its features are held and placed after it."""
        if not self.enabled:
            yield lambda _conn, _aid: None
            return
        feats = features_of(analysis, article_id="")
        if self.hold > 0:
            stored: list[int] = []
            yield lambda _conn, aid: stored.append(aid)
            if stored:
                feats.id = str(stored[0])
                self._hold_features(feats)
            return
        with self.lock:
            started = False

            def place(conn: Connection, aid: int) -> None:
                nonlocal started
                started = True
                feats.id = str(aid)
                self._place(conn, feats)

            try:
                yield place
            except BaseException:
                if started:  # the transaction is rolled back: what the index holds is not in the tables
                    self.invalidate()
                raise

    def place(self, features: list[ArticleFeatures]) -> list[ArchiveRecord]:
        """Place the features of stored articles (ids: the store's ids), in the order given, each
        in its own transaction; raises StoreError when the store refuses one."""
        out = []
        for f in features:
            with self.lock:
                try:
                    with self._write() as conn:
                        out.append(self._place(conn, f))
                except BaseException as exc:
                    self.invalidate()
                    if isinstance(exc, SQLAlchemyError):
                        raise StoreError(f"article {f.id}: could not place it: {getattr(exc, 'orig', exc)}") from exc
                    raise
        return out

    def flush(self) -> int:
        """Place every held article, in date order (undated ones last); the number placed. An
        article the store refuses is left unplaced (logged; ingesting it again places it)."""
        n = 0
        with self.lock:
            while self._held:
                n += self._place_held(heapq.heappop(self._held)[3])
        return n

    def _place_held(self, f: ArticleFeatures) -> int:
        try:
            self.place([f])
        except StoreError as exc:
            log.warning("%s", exc)
            return 0
        return 1

    @property
    def held(self) -> int:
        return len(self._held)

    def invalidate(self) -> None:
        """Forget the index in memory; the next placement rebuilds it from the tables."""
        self._archive = None

    # -- placing ------------------------------------------------------------------------------------------
    def _hold_features(self, f: ArticleFeatures) -> None:
        with self.lock:
            heapq.heappush(self._held, (f.time is None, f.time or 0.0, next(self._arrivals), f))
            while len(self._held) > self.hold:
                self._place_held(heapq.heappop(self._held)[3])

    def _place(self, conn: Connection, f: ArticleFeatures) -> ArchiveRecord:
        archive = self._current(conn)
        self._rows.conn = conn
        try:
            record = archive.add(f)
            self._write_changes(conn, archive)
        finally:
            self._rows.conn = None
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self._since_prune = 0
            self._prune(conn, archive.stories.watermark)
        return record

    def _current(self, conn: Connection) -> Archive:
        """The index, rebuilt when there is none or another writer placed articles since."""
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        last = conn.execute(sql("last_seq")).scalar()
        expected = None if self._members is None else self._members.next_seq - 1
        if self._archive is None or self._members is None or (last if last is not None else -1) != expected:
            self._archive = self._load(conn, last)
        return self._archive

    def _load(self, conn: Connection, last_seq: int | None) -> Archive:
        """The index as the tables hold it: the open stories and the window's fingerprints in memory,
        the rest read through."""
        cfg = self.config
        st, sm, fp = tables.stories, tables.story_members, tables.fingerprints
        self._check_fingerprint_scheme(conn)
        watermark = conn.execute(select(func.max(sm.c.time))).scalar()
        open_rows = []
        for r in conn.execute(select(st).where(st.c.open.is_(True))).mappings():
            c = r["centroid"] or {}
            open_rows.append(
                StoryRecord(r["id"], r["label"], r["first"], r["last"], r["size"], True,
                            dict(c.get("entities", {})), dict(c.get("names", {})), dict(c.get("terms", {})),
                            dict(c.get("keyphrases", {})))
            )
        prints: list[Fingerprint] = []
        if watermark is not None:
            self._prune(conn, watermark)
            rows = conn.execute(
                select(fp).select_from(fp.join(sm, sm.c.article_id == fp.c.article_id))
                .where(fp.c.time >= watermark - cfg.dedup_window)
                .order_by(sm.c.seq)
            ).mappings()
            prints = [
                Fingerprint(str(r["article_id"]), r["time"], r["shingles"], r["signature"], r["digest"], str(r["root"]),
                            r["urn"], r["version"], r["url"], r["outlet"])
                for r in rows
            ]
        archive = Archive.from_rows(ArchiveRows(stories=open_rows, fingerprints=prints), cfg)
        next_seq = 0 if last_seq is None else last_seq + 1
        self._members, self._closed = _Members(self._rows, next_seq), _Closed(self._rows)
        self._links, self._urns = _Links(self._rows), _Urns(self._rows)
        self._rows.conn = conn
        try:
            archive.stories.keep_in(self._members, self._closed, watermark)
            archive.dedup.keep_in(self._links, self._urns, _NoGroups(), watermark=watermark, arrivals=next_seq)
            self._write_changes(conn, archive)  # stories that the watermark closes (none when the rows agree)
        finally:
            self._rows.conn = None
        self.loads += 1
        log.debug("archive index built: %d open stories, %d fingerprints", len(open_rows), len(prints))
        return archive

    def _check_fingerprint_scheme(self, conn: Connection) -> None:
        """Signatures compare only with signatures made alike: a store whose fingerprints were made
        otherwise drops their signatures (the agency ids and digests stay)."""
        meta = tables.meta
        stored = conn.execute(select(meta.c.value).where(meta.c.key == _META_KEY)).scalar()
        if stored == FINGERPRINT:
            return
        if stored is None:
            conn.execute(insert(meta).values(key=_META_KEY, value=FINGERPRINT))
            return
        log.warning("fingerprints were made as %s, not %s: their signatures are dropped", stored, FINGERPRINT)
        conn.execute(update(tables.fingerprints).values(signature=None))
        conn.execute(update(meta).where(meta.c.key == _META_KEY).values(value=FINGERPRINT))

    def _prune(self, conn: Connection, watermark: float | None) -> None:
        """Clear the signatures of fingerprints older than the window (512 bytes each)."""
        if watermark is None:
            return
        fp = tables.fingerprints
        conn.execute(
            update(fp).where(fp.c.time < watermark - self.config.dedup_window, fp.c.signature.is_not(None)).values(signature=None)
        )

    # -- writing -------------------------------------------------------------------------------------------
    def _write_changes(self, conn: Connection, archive: Archive) -> None:
        """Write what the last placement added or changed, then clear the pending rows."""
        assert self._members is not None and self._closed is not None and self._links is not None and self._urns is not None
        members = list(self._members.pending.values())
        if members:
            conn.execute(
                sql("add_member"),
                [{"article_id": int(m.article_id), "story_id": m.story_id, "time": m.time, "seq": m.seq, "score": m.score}
                 for m in members],
            )
        for sid in dict.fromkeys([m.story_id for m in members] + sorted(self._closed.reopened)):
            rec = archive.stories.story(sid)
            if rec is not None:
                _put_story(conn, rec)
        for rec in self._closed.pending.values():
            _put_story(conn, rec)
        for m in members:
            row = archive.dedup.fingerprint(m.article_id)
            if row is not None:
                conn.execute(sql("add_print"), {
                    "article_id": int(row.article_id), "time": row.time, "shingles": row.shingles, "signature": row.signature,
                    "digest": row.digest, "root": int(row.root), "urn": row.urn, "version": row.version, "url": row.url,
                    "outlet": row.outlet,
                })
        links = list(self._links.pending.values())
        if links:
            conn.execute(
                sql("add_link"),
                [{"article_id": int(k.article_id), "of": int(k.of), "kind": k.kind, "similarity": k.similarity,
                  "urn": k.urn, "version": k.version} for k in links],
            )
        for view in (self._members, self._closed, self._links, self._urns):
            view.written()


def _put_story(conn: Connection, rec: StoryRecord) -> None:
    centroid = (
        {"entities": rec.entities, "names": rec.names, "terms": rec.terms, "keyphrases": rec.keyphrases} if rec.open else None
    )
    values = {"label": rec.label, "first": rec.first, "last": rec.last, "size": rec.size, "open": rec.open, "centroid": centroid}
    if conn.execute(sql("set_story"), {"sid": rec.id, **values}).rowcount == 0:
        conn.execute(sql("add_story"), {"id": rec.id, **values})


# -- events ------------------------------------------------------------------------------------------------


def _first_day(date: str | None, precision: str | None) -> str | None:
    """The first day of an event's date (a week's Monday, a month's first), to sort by."""
    if not date:
        return None
    try:
        if precision == "week" or "-W" in date:
            year, week = date.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
        if len(date) == 4:
            return f"{date}-01-01"
        if len(date) == 7:
            return f"{date}-01"
        return dt.date.fromisoformat(date[:10]).isoformat()
    except ValueError:
        return None


def write_events(conn: Connection, article_id: int, analysis: Analysis) -> None:
    """Replace the article's events (the events stage's) and their entities."""
    ev, ee = tables.events, tables.event_entities
    old = select(ev.c.id).where(ev.c.article_id == article_id)
    conn.execute(delete(ee).where(ee.c.event_id.in_(old)))
    conn.execute(delete(ev).where(ev.c.article_id == article_id))
    for e in analysis.events:
        participants = [{"entity": p.entity, "name": p.name, "type": p.type} for p in e.participants]
        place = {"entity": e.place.entity, "name": e.place.name, "type": e.place.type} if e.place else None
        eid = conn.execute(
            insert(ev).values(
                article_id=article_id, type=e.type, date=e.date, date_precision=e.date_precision,
                day=_first_day(e.date, e.date_precision), planned=bool(e.planned), place=place, participants=participants,
                trigger=e.trigger.text, sentence=e.sentence,
            ).returning(ev.c.id)
        ).scalar_one()
        roles = {(p["entity"], "participant") for p in participants if p["entity"]}
        if place and place["entity"]:
            roles.add((place["entity"], "place"))
        if roles:
            conn.execute(insert(ee), [{"event_id": eid, "entity_id": k, "role": r} for k, r in sorted(roles)])
