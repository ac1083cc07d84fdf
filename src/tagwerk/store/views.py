"""The entity view of the store: mentions over time (undated articles counted apart),
co-occurring entities, latest quotes and articles. One query plan for every SQL backend."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from tagwerk.store import tables


def entity_view(conn: Connection, found: list[dict[str, Any]], *, limit: int = 10) -> dict[str, Any]:
    """The view of ``found[0]`` (the others: entities of the same name), as JSON-ready dict.
    ``undated`` counts the articles and mentions without a date, which a timeline cannot place."""
    ent = found[0]
    eid = ent["id"]
    a, ae, m, q, e = tables.articles, tables.article_entities, tables.mentions, tables.quotes, tables.entities
    n_mentions = conn.execute(select(func.coalesce(func.sum(ae.c.mentions), 0)).where(ae.c.entity_id == eid)).scalar_one()
    period = func.substr(a.c.date, 1, 7)
    timeline = [
        {"period": p, "articles": n, "mentions": int(k)}
        for p, n, k in conn.execute(
            select(period, func.count(), func.sum(ae.c.mentions))
            .select_from(ae.join(a, a.c.id == ae.c.article_id))
            .where(and_(ae.c.entity_id == eid, a.c.date.is_not(None)))
            .group_by(period)
            .order_by(period)
        )
    ]
    dated_articles = sum(t["articles"] for t in timeline)
    dated_mentions = sum(t["mentions"] for t in timeline)
    granularity = "month"
    if len(timeline) > 24:  # a long span reads better by year (two years of months fit one screen)
        granularity = "year"
        years: dict[str, dict[str, Any]] = {}
        for t in timeline:
            y = years.setdefault(t["period"][:4], {"period": t["period"][:4], "articles": 0, "mentions": 0})
            y["articles"] += t["articles"]
            y["mentions"] += t["mentions"]
        timeline = list(years.values())
    # Co-occurrence: articles shared with each other entity. Ranked by that count;
    # the cosine (shared / sqrt(df_a * df_b)) breaks ties and is shown as score.
    other = ae.alias("other")
    shared = func.count()
    co_rows = conn.execute(
        select(other.c.entity_id, shared.label("shared"))
        .select_from(ae.join(other, other.c.article_id == ae.c.article_id))
        .where(and_(ae.c.entity_id == eid, other.c.entity_id != eid))
        .group_by(other.c.entity_id)
        .order_by(shared.desc(), other.c.entity_id)
        .limit(limit * 5)
    ).all()
    co_ids = [r[0] for r in co_rows]
    info = {}
    if co_ids:
        df = func.count(ae.c.article_id)
        for r in conn.execute(
            select(e.c.id, e.c.name, e.c.type, e.c.kb_id, df.label("df"))
            .select_from(e.join(ae, ae.c.entity_id == e.c.id))
            .where(e.c.id.in_(co_ids))
            .group_by(e.c.id, e.c.name, e.c.type, e.c.kb_id)
        ).mappings():
            info[r["id"]] = dict(r)
    co = []
    for oid, n in co_rows:
        meta_ = info.get(oid, {"id": oid, "name": oid, "type": "MISC", "kb_id": None, "df": n})
        score = n / math.sqrt(max(ent["articles"], 1) * max(meta_["df"], 1))
        co.append(
            {"id": oid, "name": meta_["name"], "type": meta_["type"], "kb_id": meta_["kb_id"],
             "articles": n, "score": round(score, 4)}
        )
    co.sort(key=lambda c: (-c["articles"], -c["score"], c["name"]))
    quotes = [
        dict(r)
        for r in conn.execute(
            select(q.c.article_id, a.c.title, a.c.date, q.c.type, q.c.text, q.c.cue, q.c.speaker_text)
            .select_from(q.join(a, a.c.id == q.c.article_id))
            .where(q.c.speaker_entity == eid)
            .order_by(a.c.date.desc().nulls_last(), q.c.id.desc())
            .limit(limit)
        ).mappings()
    ]
    recent = [
        dict(r)
        for r in conn.execute(
            select(a.c.id, a.c.title, a.c.date, a.c.outlet, ae.c.mentions)
            .select_from(ae.join(a, a.c.id == ae.c.article_id))
            .where(ae.c.entity_id == eid)
            .order_by(a.c.date.desc().nulls_last(), a.c.id.desc())
            .limit(limit)
        ).mappings()
    ]
    surface = [
        {"text": t, "count": n}
        for t, n in conn.execute(
            select(m.c.text, func.count())
            .where(m.c.entity_id == eid)
            .group_by(m.c.text)
            .order_by(func.count().desc(), m.c.text)
            .limit(limit)
        )
    ]
    return {
        "entity": {k: ent[k] for k in ("id", "name", "type", "kb_id")},
        "articles": ent["articles"],
        "mentions": int(n_mentions),
        "forms": surface,
        "timeline": timeline,
        "undated": {"articles": max(ent["articles"] - dated_articles, 0), "mentions": max(int(n_mentions) - dated_mentions, 0)},
        "granularity": granularity,
        "cooccurring": co[:limit],
        "quotes": quotes,
        "recent_articles": recent,
        "others": [{k: f[k] for k in ("id", "name", "type", "articles")} for f in found[1:]],
    }
