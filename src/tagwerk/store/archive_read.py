"""The archive's read side, mixed into the SQL store: stories, one story with its versions folded,
related articles with their reasons, an entity's events and its mentions per day.

Every query reads a bounded number of rows (a page of stories, one story's members, a few hundred
neighbours of an article's main entities and tags), never the whole archive.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from tagwerk.archive.records import iso
from tagwerk.store import tables
from tagwerk.store.base import NotFoundError, StoreError

RELATED_DAYS = 30
"""Articles sharing entities or tags are looked for within this many days of the article's date."""
NEIGHBOURS = 200
"""Articles read per shared entity or tag (the nearest in time): bounds the work on `Deutschland`."""
MAX_ENTITIES = 8
MAX_TAGS = 8
MAX_TAG_ARTICLES = 2000
MIN_SHARE = 0.3
"""Least share of the article's entity (or tag) weight that another article must have in common, in
at least two names, to be listed for that alone (without a story or version link). Chosen by
reading the lists of the test archive and of the Wikinews corpus: below it, or with one name in
common, articles that share only a country, a party or a broad topic tag (`Luftfahrt`)."""
W_VERSION, W_STORY, W_ENTITIES, W_TAGS = 1.0, 0.6, 0.5, 0.25
"""How much each reason adds to an article's rank: a version or copy first, then the story's other
articles, then shared entities and tags by how much of the article they cover."""


def _story_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r["id"], "label": r["label"], "size": r["size"], "open": bool(r["open"]),
        "first": iso(r["first"]), "last": iso(r["last"]),
    }


class ArchiveReads:
    """Mixed into :class:`~tagwerk.store.sql.SQLStore`, which gives ``_read``, ``_entity_ids`` and
    ``find_entities``."""

    def _read(self) -> Any:  # pragma: no cover - SQLStore's
        raise NotImplementedError

    def find_entities(self, key: str) -> list[dict[str, Any]]:  # pragma: no cover - SQLStore's
        raise NotImplementedError

    # -- stories ------------------------------------------------------------------------------------
    def stories(self, *, limit: int = 20, offset: int = 0, min_size: int = 1) -> dict[str, Any]:
        """Stories, newest first (by their last article): ``{"total", "stories": [...]}``, each with
        its label, size, first and last date and its first and newest article."""
        if not 1 <= limit <= 200 or offset < 0 or min_size < 1:
            raise StoreError("limit must be between 1 and 200, offset not negative, min_size at least 1")
        st = tables.stories
        cond = st.c.size >= min_size
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(st).where(cond)).scalar_one()
            rows = conn.execute(
                select(st.c.id, st.c.label, st.c.size, st.c.open, st.c.first, st.c.last)
                .where(cond).order_by(st.c.last.desc(), st.c.id).limit(limit).offset(offset)
            ).mappings().all()
            ends = _ends(conn, [r["id"] for r in rows])
        out = []
        for r in rows:
            d = _story_dict(r)
            d["first_article"], d["last_article"] = ends.get(r["id"], (None, None))
            out.append(d)
        return {"total": total, "limit": limit, "offset": offset, "min_size": min_size, "stories": out}

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: its articles in time order, each with its version link, and ``items``: the
        same with each version group folded under its newest version. Raises NotFoundError."""
        st, sm, a, vl, fp = tables.stories, tables.story_members, tables.articles, tables.version_links, tables.fingerprints
        with self._read() as conn:
            row = conn.execute(
                select(st.c.id, st.c.label, st.c.size, st.c.open, st.c.first, st.c.last).where(st.c.id == story_id)
            ).mappings().first()
            if row is None:
                raise NotFoundError(f"no story {story_id!r}")
            members = conn.execute(
                select(sm.c.article_id, sm.c.time, sm.c.seq, sm.c.score, a.c.title, a.c.date, a.c.outlet, a.c.url,
                       vl.c.of, vl.c.kind, vl.c.similarity, func.coalesce(vl.c.version, fp.c.version).label("version"))
                .select_from(sm.join(a, a.c.id == sm.c.article_id)
                             .outerjoin(vl, vl.c.article_id == sm.c.article_id)
                             .outerjoin(fp, fp.c.article_id == sm.c.article_id))
                .where(sm.c.story_id == story_id)
                .order_by(sm.c.time, sm.c.seq)
            ).mappings().all()
        articles = [_member(m) for m in members]
        return {"story": _story_dict(row), "articles": articles, "items": fold_versions(articles)}

    # -- related articles ---------------------------------------------------------------------------
    def related(self, article_id: int, *, limit: int = 10) -> dict[str, Any]:
        """What is related to a stored article, with the reasons: its story, its versions and copies,
        the story's other articles, articles sharing its main entities or keyphrase and topic tags
        within RELATED_DAYS. ``{"story", "link", "articles": [{..., "score", "reasons"}]}``."""
        if not 1 <= limit <= 100:
            raise StoreError("limit must be between 1 and 100")
        a, sm, vl, st = tables.articles, tables.story_members, tables.version_links, tables.stories
        with self._read() as conn:
            me = conn.execute(select(a.c.id, a.c.date, a.c.title).where(a.c.id == article_id)).first()
            if me is None:
                raise NotFoundError(f"no article with id {article_id}")
            date = me[1]
            found: dict[int, dict[str, Any]] = {}

            def add(aid: int, weight: float, reason: dict[str, Any]) -> None:
                if aid == article_id:
                    return
                item = found.setdefault(aid, {"score": 0.0, "reasons": []})
                item["score"] += weight
                item["reasons"].append(reason)

            member = conn.execute(select(sm.c.story_id).where(sm.c.article_id == article_id)).first()
            link = conn.execute(select(vl.c.of, vl.c.kind, vl.c.similarity).where(vl.c.article_id == article_id)).first()
            story = None
            if member is not None:
                srow = conn.execute(
                    select(st.c.id, st.c.label, st.c.size, st.c.open, st.c.first, st.c.last).where(st.c.id == member[0])
                ).mappings().first()
                story = _story_dict(srow) if srow else None
            # versions and copies: the group around the first article
            root = link[0] if link else article_id
            group = conn.execute(
                select(vl.c.article_id, vl.c.kind, vl.c.similarity).where(vl.c.of == root).limit(NEIGHBOURS)
            ).all()
            if link is not None:
                add(root, W_VERSION + link[2], {"kind": _group_kind(link[1]), "similarity": link[2]})
            for other, kind, sim in group:
                add(other, W_VERSION + sim, {"kind": _group_kind(kind), "similarity": sim})
            # the story's other articles, the nearest in time first
            if story is not None:
                for (other,) in conn.execute(
                    select(sm.c.article_id).where(sm.c.story_id == story["id"]).order_by(sm.c.time).limit(NEIGHBOURS)
                ):
                    if other not in found or all(r["kind"] != "story" for r in found[other]["reasons"]):
                        add(other, W_STORY, {"kind": "story", "story": story["id"], "label": story["label"]})
            for kind, weight, shared in (
                ("entities", W_ENTITIES, _shared_entities(conn, article_id, date)),
                ("keyphrases", W_TAGS, _shared_tags(conn, article_id, date)),
            ):
                for other, (share, names) in shared.items():
                    if other in found or (share >= MIN_SHARE and len(names) >= 2):
                        add(other, weight * share, {"kind": kind, "names": names})
            ranked = sorted(found.items(), key=lambda kv: -kv[1]["score"])[: limit * 3]
            rows = {
                r["id"]: dict(r)
                for r in conn.execute(
                    select(a.c.id, a.c.title, a.c.date, a.c.outlet, a.c.url).where(a.c.id.in_([k for k, _ in ranked]))
                ).mappings()
            }
        items = []
        for aid, info in ranked:
            if aid not in rows:
                continue
            items.append({**rows[aid], "score": round(info["score"], 4), "reasons": info["reasons"]})
        items.sort(key=lambda it: (-it["score"], _distance(date, it["date"]), -it["id"]))
        link_out = {"of": link[0], "kind": link[1], "similarity": link[2]} if link else None
        return {"id": article_id, "title": me[2], "date": date, "story": story, "link": link_out, "articles": items[:limit]}

    # -- entities -----------------------------------------------------------------------------------
    def _entity(self, key: str) -> dict[str, Any]:
        found = self.find_entities(key)
        if not found:
            raise NotFoundError(f"no entity {key!r}")
        return {k: found[0][k] for k in ("id", "name", "type", "kb_id")}

    def entity_days(self, key: str) -> dict[str, Any]:
        """Mentions of an entity per day (``days``: only days with mentions, oldest first) and those
        in articles without a date (``undated``), which a timeline must not drop silently."""
        ent = self._entity(key)
        ae = tables.article_entities
        with self._read() as conn:
            days = [
                {"date": d, "articles": n, "mentions": int(k or 0)}
                for d, n, k in conn.execute(
                    select(ae.c.date, func.count(), func.sum(ae.c.mentions))
                    .where(ae.c.entity_id == ent["id"], ae.c.date.is_not(None))
                    .group_by(ae.c.date).order_by(ae.c.date)
                )
            ]
            n, k = conn.execute(
                select(func.count(), func.sum(ae.c.mentions)).where(ae.c.entity_id == ent["id"], ae.c.date.is_(None))
            ).one()
        undated = {"articles": int(n), "mentions": int(k or 0)}
        return {
            "entity": ent,
            "articles": sum(d["articles"] for d in days) + undated["articles"],
            "mentions": sum(d["mentions"] for d in days) + undated["mentions"],
            "first": days[0]["date"] if days else None,
            "last": days[-1]["date"] if days else None,
            "days": days,
            "undated": undated,
        }

    def entity_events(self, key: str, *, limit: int = 50) -> dict[str, Any]:
        """The events an entity took part in (as participant or place), newest first by the event's
        date, else its article's; the same event reported by several articles is listed once with
        every article. Raises NotFoundError."""
        if not 1 <= limit <= 200:
            raise StoreError("limit must be between 1 and 200")
        ent = self._entity(key)
        ev, ee, a = tables.events, tables.event_entities, tables.articles
        when = func.coalesce(ev.c.day, a.c.date)
        with self._read() as conn:
            total = conn.execute(
                select(func.count(func.distinct(ee.c.event_id))).where(ee.c.entity_id == ent["id"])
            ).scalar_one()
            rows = conn.execute(
                select(ev.c.id, ev.c.type, ev.c.date, ev.c.date_precision, ev.c.day, ev.c.planned, ev.c.place,
                       ev.c.participants, ev.c.trigger, ee.c.role, a.c.id.label("article_id"), a.c.title, a.c.date.label("article_date"))
                .select_from(ee.join(ev, ev.c.id == ee.c.event_id).join(a, a.c.id == ev.c.article_id))
                .where(ee.c.entity_id == ent["id"])
                .order_by(when.desc().nulls_last(), ev.c.id.desc())
                .limit(limit * 10)
            ).mappings().all()
        merged: dict[tuple[Any, ...], dict[str, Any]] = {}
        for r in rows:
            participants = _loads(r["participants"]) or []
            place = _loads(r["place"])
            key_ = (r["type"], r["date"], (place or {}).get("entity"), tuple(sorted(p["entity"] for p in participants)))
            item = merged.get(key_)
            article = {"id": r["article_id"], "title": r["title"], "date": r["article_date"], "trigger": r["trigger"]}
            if item is None:
                if len(merged) == limit:
                    continue
                merged[key_] = {
                    "type": r["type"], "date": r["date"], "date_precision": r["date_precision"], "planned": bool(r["planned"]),
                    "role": r["role"], "place": place, "participants": participants, "articles": [article],
                }
            elif all(x["id"] != article["id"] for x in item["articles"]):
                item["articles"].append(article)
        return {"entity": ent, "total": int(total), "events": list(merged.values())}


# -- helpers ---------------------------------------------------------------------------------------------


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _group_kind(kind: str) -> str:
    return "duplicate" if kind == "duplicate" else "version"


def _member(m: Any) -> dict[str, Any]:
    aid = m["article_id"]
    return {
        "id": aid, "title": m["title"], "date": m["date"], "outlet": m["outlet"], "url": m["url"],
        "time": iso(m["time"]), "score": m["score"], "version": m["version"],
        "group": m["of"] if m["of"] is not None else aid,
        "link": None if m["of"] is None else {"of": m["of"], "kind": m["kind"], "similarity": m["similarity"]},
        "_seq": m["seq"], "_t": m["time"],
    }


def fold_versions(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per version group, in the time order of its first article: the newest version
    (highest agency version, then latest time, then last to arrive; copies in other outlets are
    never the newest) with the group's older versions under ``versions`` and its copies under
    ``copies``, in time order. Drops the private sort keys of ``articles``."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for art in articles:
        groups.setdefault(art["group"], []).append(art)

    def public(m: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in m.items() if not k.startswith("_")}

    items = []
    for members in groups.values():
        own = [m for m in members if not m["link"] or m["link"]["kind"] != "duplicate"] or members
        latest = max(own, key=lambda m: (m["version"] if m["version"] is not None else -1, m["_t"], m["_seq"]))
        item = public(latest)
        item["versions"] = [public(m) for m in own if m is not latest]
        item["copies"] = [public(m) for m in members if m not in own and m is not latest]
        items.append(item)
    for art in articles:
        art.pop("_seq", None)
        art.pop("_t", None)
    return items


def _ends(conn: Connection, story_ids: list[str]) -> dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """The first and the newest article of each story (by arrival)."""
    if not story_ids:
        return {}
    sm, a = tables.story_members, tables.articles
    bounds = conn.execute(
        select(sm.c.story_id, func.min(sm.c.seq), func.max(sm.c.seq)).where(sm.c.story_id.in_(story_ids)).group_by(sm.c.story_id)
    ).all()
    seqs = {s for _sid, lo, hi in bounds for s in (lo, hi)}
    heads = {
        r["seq"]: {"id": r["id"], "title": r["title"], "date": r["date"], "outlet": r["outlet"]}
        for r in conn.execute(
            select(sm.c.seq, a.c.id, a.c.title, a.c.date, a.c.outlet)
            .select_from(sm.join(a, a.c.id == sm.c.article_id)).where(sm.c.seq.in_(seqs))
        ).mappings()
    }
    return {sid: (heads.get(lo), heads.get(hi)) for sid, lo, hi in bounds}


def _date_window(col: Any, date: str | None) -> list[Any]:
    if not date:
        return []
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return []
    span = dt.timedelta(days=RELATED_DAYS)
    return [col >= (day - span).isoformat(), col <= (day + span).isoformat()]


def _shares(my: dict[str, float], names: dict[str, str], hits: Iterable[tuple[str, list[int]]]) -> dict[int, tuple[float, list[str]]]:
    """Per other article, the share of ``my`` weight it has in common (each key weighted by its
    weight here over log2(2 + how many neighbours carry it): a key many articles carry counts less)
    and the names it shares."""
    weights: dict[str, float] = {}
    shared: dict[int, list[str]] = {}
    for key, others in hits:
        weights[key] = my[key] / math.log2(2 + len(others))
        for other in others:
            shared.setdefault(other, []).append(key)
    total = sum(weights.values()) or 1.0
    return {
        other: (sum(weights[k] for k in keys) / total, [names[k] for k in sorted(keys, key=lambda k: -weights[k])])
        for other, keys in shared.items()
    }


def _shared_entities(conn: Connection, article_id: int, date: str | None) -> dict[int, tuple[float, list[str]]]:
    ae, e = tables.article_entities, tables.entities
    mine = conn.execute(
        select(ae.c.entity_id, ae.c.salience, ae.c.mentions, e.c.name)
        .select_from(ae.join(e, e.c.id == ae.c.entity_id))
        .where(ae.c.article_id == article_id)
        .order_by(ae.c.salience.desc(), ae.c.mentions.desc(), ae.c.entity_id)
        .limit(MAX_ENTITIES)
    ).all()
    weights = {eid: max(float(sal or 0.0), 0.05) for eid, sal, _n, _name in mine}
    names = {eid: name for eid, _s, _n, name in mine}
    hits = []
    for eid in weights:
        others = [
            r[0] for r in conn.execute(
                select(ae.c.article_id)
                .where(ae.c.entity_id == eid, ae.c.article_id != article_id, *_date_window(ae.c.date, date))
                .order_by(ae.c.date.desc(), ae.c.article_id.desc())
                .limit(NEIGHBOURS)
            )
        ]
        hits.append((eid, others))
    return _shares(weights, names, hits)


def _shared_tags(conn: Connection, article_id: int, date: str | None) -> dict[int, tuple[float, list[str]]]:
    """Shared keyphrase, topic and editor tags. A tag on more than MAX_TAG_ARTICLES articles says
    little about a relation and is skipped (its articles are never all read); the others' articles
    are kept when they lie within RELATED_DAYS."""
    t, a = tables.tags, tables.articles
    mine = conn.execute(
        select(t.c.name_key, t.c.name, t.c.score)
        .where(t.c.article_id == article_id, t.c.source.in_(("keyphrase", "topic", "editor")), t.c.status != "rejected")
        .order_by(t.c.score.desc().nulls_last(), t.c.name_key)
        .limit(MAX_TAGS)
    ).all()
    weights = {k: float(s if s is not None else 1.0) or 0.05 for k, _n, s in mine}
    names = {k: n for k, n, _s in mine}
    hits = []
    for key in weights:
        ids = [
            r[0] for r in conn.execute(
                select(t.c.article_id)
                .where(t.c.name_key == key, t.c.status != "rejected", t.c.article_id != article_id)
                .limit(MAX_TAG_ARTICLES + 1)
            )
        ]
        if len(ids) > MAX_TAG_ARTICLES:
            continue
        window = _date_window(a.c.date, date)
        if window and ids:
            ids = [r[0] for r in conn.execute(select(a.c.id).where(a.c.id.in_(ids), *window))]
        hits.append((key, sorted(ids, reverse=True)[:NEIGHBOURS]))
    return _shares(weights, names, hits)


def _distance(date: str | None, other: str | None) -> int:
    """Days between two ISO dates (large when either is missing), to order equal scores."""
    if not date or not other:
        return 10**6
    try:
        return abs((dt.date.fromisoformat(date[:10]) - dt.date.fromisoformat(other[:10])).days)
    except ValueError:
        return 10**6
