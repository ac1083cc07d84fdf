"""The Store on SQLAlchemy Core; the SQLite and PostgreSQL backends add their full-text search."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ColumnElement, Select

from tagwerk.analysis import Analysis, plain
from tagwerk.article import Article
from tagwerk.store import tables
from tagwerk.store.archive import StoreArchive, write_events
from tagwerk.store.archive_read import ArchiveReads
from tagwerk.store.base import (
    IngestResult,
    NotFoundError,
    SearchQuery,
    Store,
    StoreError,
    TagReview,
    analysis_record,
    article_outlet,
    article_title,
    clean_tag,
    content_hash,
    entities_of,
    lookup_key,
    normalise_date,
    now,
)
from tagwerk.store.names import by_surname, like_pattern, surname_keys
from tagwerk.store.retry import retrying

# Highlight markers for snippets: private-use characters that never reach the caller.
MARK_START, MARK_END = "\ue000", "\ue001"


def json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=1)
def _article_adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(Article)


def _clean(text: str | None) -> str | None:
    """PostgreSQL refuses NUL characters in text; no article needs them."""
    return text.replace("\x00", "") if text else text


@dataclass(frozen=True)
class Plan:
    """A search plan: ``count`` selects every matching id once; ``page(conn, total)`` gives
    the select and ORDER BY for one page (it may pick its shape by the total)."""

    count: Select
    page: Callable[[Connection, int], tuple[Select, list[Any]]]

    @classmethod
    def simple(cls, base: Select, order: list[Any]) -> Plan:
        return cls(base, lambda _conn, _total: (base, order))


class SQLStore(ArchiveReads, Store):
    """Everything but full-text search, shared by both backends (the archive's reads and writes
    in :mod:`tagwerk.store.archive_read` and :mod:`tagwerk.store.archive`)."""

    dialect = "generic"

    def __init__(self, engine: Engine, url: str, *, create: bool = True) -> None:
        self.engine = engine
        self.url = url
        try:
            if not create:
                with engine.connect() as conn:
                    empty = tables.current_version(conn) == 0
                if empty:
                    from tagwerk.store import NoStoreError, nothing_ingested

                    engine.dispose()
                    raise NoStoreError(nothing_ingested(url))
            tables.migrate(engine)
        except SQLAlchemyError as exc:
            cause = exc.orig if hasattr(exc, "orig") else exc
            raise StoreError(f"cannot open the store at {url}: {exc.__class__.__name__}: {cause}") from exc
        self.archive = StoreArchive(self._write)
        """Story threads, versions and near-duplicates of the stored articles (``archive.enabled``)."""

    # -- backend hooks ---------------------------------------------------------------------
    def _write(self):
        """A connection in a write transaction (context manager)."""
        return self.engine.begin()

    def _read(self):
        return self.engine.connect()

    def _upsert_entities(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    def _match(self, text: str, exact: bool = False) -> tuple[Select, Any] | None:
        """The full-text match over ``articles``: (select of ids labelled ``id``, rank to order
        by); None when the text holds nothing searchable."""
        raise NotImplementedError

    def _snippets(self, conn: Connection, text: str, ids: list[int], exact: bool = False) -> dict[int, str]:
        """Highlighted snippets (MARK_START/MARK_END) for the page's ids only."""
        raise NotImplementedError

    # -- ingest ----------------------------------------------------------------------------
    def _lock_keys(self, conn: Connection, keys: list[str]) -> None:
        """Serialise the writers of the same article (its URL, its text's hash) until the end of
        the transaction; SQLite needs nothing (one writer at a time), PostgreSQL locks."""

    def ingest(self, analysis: Analysis, *, into: int | None = None) -> IngestResult:
        try:
            return retrying(lambda: self._ingest_once(analysis, into))
        except (SQLAlchemyError, UnicodeError, ValueError, RecursionError) as exc:
            # UnicodeError: a lone surrogate in a field the readers did not build (they replace
            # them); RecursionError: JSON nested past the readers' limit. Both refuse the record.
            where = analysis.article.source or analysis.article.id or "article"
            raise StoreError(f"{where}: could not store it: {exc.__class__.__name__}: {getattr(exc, 'orig', exc)}") from exc

    def _ingest_once(self, analysis: Analysis, into: int | None) -> IngestResult:
        # a retry starts afresh: the archive's placement is undone with the rolled-back transaction
        with self.archive.ingesting(analysis) as place, self._write() as conn:
            result = self._ingest(conn, analysis, into)
            place(conn, result.id)
        return result

    def _find_existing(self, conn: Connection, url: str | None, digest: str) -> int | None:
        a = tables.articles
        if url:
            row = conn.execute(select(a.c.id).where(a.c.url == url).order_by(a.c.id).limit(1)).first()
            if row:
                return row[0]
        row = conn.execute(select(a.c.id).where(a.c.content_hash == digest).order_by(a.c.id).limit(1)).first()
        return row[0] if row else None

    def _ingest(self, conn: Connection, analysis: Analysis, into: int | None = None) -> IngestResult:
        art = analysis.article
        text = _clean(art.text) or ""
        if not text.strip():
            raise StoreError(f"{art.source or art.id or 'article'}: the article is empty")
        digest = content_hash(text)
        self._lock_keys(conn, sorted({f"hash:{digest}", *([f"url:{art.url}"] if art.url else [])}))
        structure = plain(art)
        structure.pop("text", None)
        stamp = now()
        row = {
            "ext_id": art.id,
            "url": art.url,
            "content_hash": digest,
            "outlet": article_outlet(art),
            "date": normalise_date(art.date),
            "title": _clean(article_title(art)) or "",
            "text": text,
            "structure": structure,
            "updated_at": stamp,
        }
        a = tables.articles
        existing = into if into is not None else self._find_existing(conn, art.url, digest)
        if into is not None:
            self._article_row(conn, into)
        if existing is None:
            article_id = conn.execute(insert(a).values(**row, created_at=stamp).returning(a.c.id)).scalar_one()
        else:
            article_id = existing
            conn.execute(update(a).where(a.c.id == article_id).values(**row))
            for table in (tables.analyses, tables.mentions, tables.article_entities, tables.quotes):
                conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(delete(tables.tags).where(and_(tables.tags.c.article_id == article_id, tables.tags.c.status == "suggested")))

        stored = analysis_record(analysis)
        conn.execute(
            insert(tables.analyses).values(article_id=article_id, stages=dict(analysis.stages), analysis=stored, analysed_at=stamp)
        )

        ents, pairs = entities_of(analysis)
        if ents:
            self._upsert_entities(
                conn,
                [{"id": e.id, "name": e.name, "name_key": lookup_key(e.name), "type": e.type, "kb_id": e.kb_id} for e in ents],
            )
            counts = Counter(eid for _m, eid in pairs if eid)
            salience = {e.id: e.salience for e in ents}
            rows = [
                {"article_id": article_id, "entity_id": eid, "mentions": n, "salience": float(salience.get(eid, 0.0)),
                 "date": row["date"]}
                for eid, n in counts.items()
            ]
            if rows:
                conn.execute(insert(tables.article_entities), rows)
        if pairs:
            conn.execute(
                insert(tables.mentions),
                [
                    {"article_id": article_id, "entity_id": eid, "start": m.start, "end": m.end, "text": m.text, "label": m.label}
                    for m, eid in pairs
                ],
            )
        if analysis.quotes:
            names = {e.id: e.name for e in ents}
            qrows = []
            for q in analysis.quotes:
                if not q.spans or q.within is not None:  # one stretch of text is one quote: the outer one
                    continue
                speaker = q.speaker_entity if q.speaker_entity in names else None
                if speaker is None and q.speaker is not None and "coref" not in analysis.stages:
                    # link through the mention under the speaker span (with coref, the quotes stage decided)
                    speaker = next(
                        (eid for m, eid in pairs if eid and m.start < q.speaker.end and q.speaker.start < m.end), None
                    )
                qrows.append(
                    {
                        "article_id": article_id,
                        "type": q.type,
                        "text": " … ".join(sp.text for sp in q.spans),
                        "start": q.spans[0].start,
                        "end": q.spans[-1].end,
                        "speaker_text": q.speaker.text if q.speaker else None,
                        "speaker_entity": speaker,
                        "speaker_name": q.speaker_name or names.get(speaker or "") or (q.speaker.text if q.speaker else None),
                        "cue": q.cue.text if q.cue else None,
                        "confidence": float(q.confidence),
                    }
                )
            if qrows:
                conn.execute(insert(tables.quotes), qrows)
        self._store_suggestions(conn, article_id, analysis, stamp)
        write_events(conn, article_id, analysis)
        return IngestResult(article_id, existing is None)

    def _store_suggestions(self, conn: Connection, article_id: int, analysis: Analysis, stamp: str) -> None:
        t = tables.tags
        kept = {
            r.name_key: r.id
            for r in conn.execute(select(t.c.id, t.c.name_key).where(t.c.article_id == article_id))
        }
        new: dict[str, dict[str, Any]] = {}
        for tag in analysis.tags:
            name = clean_tag(tag.name)
            key = lookup_key(name)
            if not key or key in new:
                continue
            values = {
                "name": name,
                "type": tag.type,
                "source": tag.source,
                "score": float(tag.score),
                "kb_id": tag.kb_id,
                "entity_id": tag.entity,
            }
            if key in kept:  # the editor decided on it already: keep the decision, refresh the facts
                conn.execute(update(t).where(t.c.id == kept[key]).values(**values))
                continue
            new[key] = {**values, "article_id": article_id, "name_key": key, "status": "suggested", "who": "tagwerk", "at": stamp}
        if new:
            conn.execute(insert(t), list(new.values()))

    # -- reading ---------------------------------------------------------------------------
    def _article_row(self, conn: Connection, article_id: int):
        row = conn.execute(select(tables.articles).where(tables.articles.c.id == article_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return row

    def _tags(self, conn: Connection, article_id: int) -> list[dict[str, Any]]:
        t = tables.tags
        rows = conn.execute(
            select(t.c.name, t.c.type, t.c.source, t.c.score, t.c.kb_id, t.c.entity_id, t.c.status, t.c.who, t.c.at)
            .where(t.c.article_id == article_id)
            .order_by(t.c.score.desc().nulls_last(), t.c.name)
        ).mappings()
        return [dict(r) for r in rows]

    def get_article(self, article_id: int) -> dict[str, Any]:
        with self._read() as conn:
            row = self._article_row(conn, article_id)
            an = conn.execute(select(tables.analyses).where(tables.analyses.c.article_id == article_id)).mappings().first()
            tags = self._tags(conn, article_id)
        article = {**_loads(row["structure"]), "text": row["text"]}
        analysis = _loads(an["analysis"]) if an else {}
        analysis = {"article": article, **analysis}
        return {
            "id": row["id"],
            "ext_id": row["ext_id"],
            "url": row["url"],
            "title": row["title"],
            "date": row["date"],
            "outlet": row["outlet"],
            "content_hash": row["content_hash"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
            "analysed_at": an["analysed_at"] if an else None,
            "stages": _loads(an["stages"]) if an else {},
            "analysis": analysis,
            "tags": tags,
        }

    def load_article(self, article_id: int) -> Article:
        with self._read() as conn:
            row = self._article_row(conn, article_id)
        data = {**_loads(row["structure"]), "text": row["text"]}
        try:
            return _article_adapter().validate_python(data)
        except Exception as exc:  # pydantic ValidationError: a row written by hand or an old schema
            raise StoreError(f"article {article_id}: the stored structure is invalid: {exc}") from exc

    # -- search ----------------------------------------------------------------------------
    def _entity_ids(self, conn: Connection, key: str) -> list[str]:
        e = tables.entities
        k = clean_tag(key)
        rows = conn.execute(select(e.c.id).where((e.c.id == k) | (e.c.kb_id == k) | (e.c.name_key == lookup_key(k)))).all()
        if rows or " " in k:
            return [r[0] for r in rows]
        # a surname (``Merz``): the one stored person of that name, else the candidates
        like = or_(*(e.c.name_key.like(like_pattern(sn), escape="\\") for sn in surname_keys(k)))
        found = conn.execute(select(e.c.id, e.c.name, e.c.type).where(like)).mappings().all()
        return by_surname(k, [dict(r) for r in found])

    def search(self, query: SearchQuery) -> dict[str, Any]:
        """Two steps: the matching ids (counted, ranked, one page), then the page's rows and
        snippets for those ids only; ``_plan`` picks the cheapest way to the ids."""
        a = tables.articles
        empty = {"total": 0, "hits": [], "query": query.as_dict()}
        try:
            with self._read() as conn:
                text = (_clean(query.text) or "").strip()
                entity_ids: list[list[str]] = []
                for key in query.entities:
                    ids = self._entity_ids(conn, key)
                    if not ids:
                        return empty
                    entity_ids.append(ids)
                plan = self._plan(text, entity_ids, [lookup_key(t) for t in query.tags], query)
                if plan is None:
                    return empty
                total = conn.execute(select(func.count()).select_from(plan.count.subquery())).scalar_one()
                if total == 0 or query.offset >= total:
                    return {**empty, "total": total}
                base, order = plan.page(conn, total)
                page_ids = [r[0] for r in conn.execute(base.order_by(*order).limit(query.limit).offset(query.offset))]
                rows = {
                    r["id"]: dict(r)
                    for r in conn.execute(
                        select(a.c.id, a.c.ext_id, a.c.url, a.c.title, a.c.date, a.c.outlet).where(a.c.id.in_(page_ids))
                    ).mappings()
                }
                if text:
                    snippets = self._snippets(conn, text, page_ids, query.exact)
                else:
                    heads = {r[0]: (r[1], r[2]) for r in conn.execute(
                        select(a.c.id, func.substr(a.c.text, 1, _LEAD_READ), func.length(a.c.text)).where(a.c.id.in_(page_ids)))}
                    snippets = {i: _lead(*heads.get(i, ("", 0)), rows[i]["title"]) for i in page_ids if i in rows}
        except SQLAlchemyError as exc:
            raise StoreError(f"search failed: {getattr(exc, 'orig', exc)}") from exc
        hits = []
        for i in page_ids:
            r = rows.get(i)
            if r is None:  # deleted between the two steps
                continue
            text_, marks = _split_marks(snippets.get(i) or "")
            hits.append({**r, "snippet": text_, "snippet_marks": marks})
        return {"total": total, "hits": hits, "query": query.as_dict()}

    # -- search plans ------------------------------------------------------------------------
    @staticmethod
    def _date_conds(col: Any, query: SearchQuery) -> list[Any]:
        conds = []
        if query.date_from:
            conds.append(col >= query.date_from)
        if query.date_to:
            conds.append(col <= query.date_to + "\uffff")  # an inclusive prefix: "2005-08" ends after August 31
        return conds

    @staticmethod
    def _facet_subqueries(entity_ids: list[list[str]], tag_keys: list[str]) -> list[Select]:
        """One select of article ids per entity and per tag facet."""
        ae, t = tables.article_entities, tables.tags
        subs = [select(ae.c.article_id).where(ae.c.entity_id.in_(ids)) for ids in entity_ids]
        subs += [select(t.c.article_id).where(and_(t.c.name_key == k, t.c.status != "rejected")) for k in tag_keys]
        return subs

    def _plan(self, text: str, entity_ids: list[list[str]], tag_keys: list[str], query: SearchQuery) -> Plan | None:
        """How to find the matching ids; None when nothing can match.

        The generic plan filters ``articles``; backends override it with cheaper shapes."""
        a = tables.articles
        if text:
            match = self._match(text, query.exact)
            if match is None:
                return None
            base, rank = match
            order = [rank, a.c.id.desc()]
        else:
            base = select(a.c.id.label("id"))
            order = [a.c.date.desc().nulls_last(), a.c.id.desc()]
        conds: list[ColumnElement[bool]] = [a.c.id.in_(sub) for sub in self._facet_subqueries(entity_ids, tag_keys)]
        conds += self._date_conds(a.c.date, query)
        if query.outlet:
            conds.append(func.lower(a.c.outlet) == clean_tag(query.outlet).lower())
        return Plan.simple((base.where(and_(*conds)) if conds else base), order)

    # -- entities --------------------------------------------------------------------------
    def find_entities(self, key: str) -> list[dict[str, Any]]:
        e, ae = tables.entities, tables.article_entities
        with self._read() as conn:
            ids = self._entity_ids(conn, key)
            if not ids:
                return []
            n_articles = func.count(ae.c.article_id)
            rows = conn.execute(
                select(e.c.id, e.c.name, e.c.type, e.c.kb_id, n_articles.label("articles"))
                .select_from(e.outerjoin(ae, ae.c.entity_id == e.c.id))
                .where(e.c.id.in_(ids))
                .group_by(e.c.id, e.c.name, e.c.type, e.c.kb_id)
                .order_by(n_articles.desc(), e.c.id)
            ).mappings()
            return [dict(r) for r in rows]

    def entity_view(self, key: str, *, limit: int = 10) -> dict[str, Any]:
        found = self.find_entities(key)
        if not found:
            raise NotFoundError(f"no entity {key!r}")
        from tagwerk.store.views import entity_view

        with self._read() as conn:
            return entity_view(conn, found, limit=limit)

    def review_tags(self, article_id: int, review: TagReview) -> list[dict[str, Any]]:
        review.validate()
        t = tables.tags
        stamp = now()
        with self._write() as conn:
            self._article_row(conn, article_id)
            existing = {
                r.name_key: (r.id, r.status)
                for r in conn.execute(select(t.c.id, t.c.name_key, t.c.status).where(t.c.article_id == article_id))
            }

            def decide(name: str, action: str) -> None:
                name = clean_tag(name)
                key = lookup_key(name)
                if key in existing:
                    tid, status = existing[key]
                    if action == "accept":
                        new = "added" if status == "added" else "accepted"
                    elif action == "reject":
                        new = "rejected"
                    else:  # add: a suggestion becomes accepted, anything else added
                        new = "accepted" if status in ("suggested", "accepted") else "added"
                    conn.execute(update(t).where(t.c.id == tid).values(status=new, who=review.who, at=stamp))
                    existing[key] = (tid, new)
                else:
                    new = "rejected" if action == "reject" else "added"
                    tid = conn.execute(
                        insert(t)
                        .values(article_id=article_id, name=name, name_key=key, type="topic", source="editor",
                                score=None, status=new, who=review.who, at=stamp)
                        .returning(t.c.id)
                    ).scalar_one()
                    existing[key] = (tid, new)

            for name in review.add:
                decide(name, "add")
            for name in review.accept:
                decide(name, "accept")
            for name in review.reject:
                decide(name, "reject")
            return self._tags(conn, article_id)

    def reviewed_articles(self) -> list[int]:
        t = tables.tags
        with self._read() as conn:
            rows = conn.execute(
                select(t.c.article_id).where(t.c.status != "suggested").distinct().order_by(t.c.article_id)
            ).all()
        return [r[0] for r in rows]

    # -- maintenance ---------------------------------------------------------------------------
    def stale_articles(self, versions: Mapping[str, str]) -> list[int]:
        want = dict(versions)
        an, a = tables.analyses, tables.articles
        with self._read() as conn:
            rows = conn.execute(
                select(a.c.id, an.c.stages).select_from(a.outerjoin(an, an.c.article_id == a.c.id)).order_by(a.c.id)
            ).all()
        return [aid for aid, stages in rows if stages is None or _loads(stages) != want]

    def counts(self) -> dict[str, int]:
        out = {}
        with self._read() as conn:
            for table in (tables.articles, tables.analyses, tables.entities, tables.mentions, tables.tags, tables.quotes,
                          tables.stories, tables.events):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    def flush_stories(self) -> int:
        return self.archive.flush()

    def schema_version(self) -> int:
        with self._read() as conn:
            return tables.current_version(conn)

    def close(self) -> None:
        self.engine.dispose()


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


_LEAD_READ = 400
"""Characters of an article read for its lead (the snippet of a hit found by facets alone)."""


def _lead(head: str, length: int, title: str) -> str:
    """The start of the text after the headline, about 200 characters, cut at a word and ended
    with "…" where the text goes on."""
    from tagwerk.store.base import cut_at_word

    body = head[len(title):].lstrip() if title and head.startswith(title) else head
    return cut_at_word(body, 200, more=length > len(head))


def _split_marks(raw: str) -> tuple[str, list[list[int]]]:
    from tagwerk.store.base import mark_snippet

    return mark_snippet(raw, MARK_START, MARK_END)
