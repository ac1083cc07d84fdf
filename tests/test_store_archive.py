"""The archive in the store: placements as by the library's Archive, across restarts and other
writers; ingest twice leaves stories unchanged; versions folded; related articles; events and
mentions per day; the v2 -> v3 migration. SQLite, and PostgreSQL when TAGWERK_TEST_PG_URL is set."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from sqlalchemy import select

from store_support import make
from tagwerk.analysis import Event, EventArgument, Span
from tagwerk.archive import Archive, ArchiveConfig, ArticleFeatures
from tagwerk.archive.config import DAY
from tagwerk.store import NotFoundError, open_store, tables

T0 = 1_717_372_800.0  # 2024-06-03 00:00 UTC
CONFIG = ArchiveConfig(window=2 * DAY, dedup_window=3 * DAY)
TOPICS = [
    ("panzer rüstung paris verteidigung", {"Q567": "Scholz", "Q3052772": "Macron"}),
    ("hochwasser donau pegel sandsack", {"Q4190": "Passau"}),
    ("haushalt agrar subvention milliarden", {"Q458": "EU", "Q567": "Scholz"}),
    ("wahl kandidat umfrage stimmen", {"Q30": "USA"}),
]


def _unit(words: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in words.values()))
    return {k: v / norm for k, v in words.items()}


def _signature(rng: random.Random) -> np.ndarray:
    return np.array([rng.randrange(2**32) for _ in range(128)], dtype=np.uint64)


def _stream(ids: list[int], seed: int) -> list[ArticleFeatures]:
    """Hand-built features for stored articles: four topics over about 30 days, near-copies (same
    and other outlet), agency versions (some after their first version left the window), a late
    copy that reopens a closed story, the same text again, undated articles."""
    rng = random.Random(seed)
    out: list[ArticleFeatures] = []
    urns: list[tuple[str, int]] = []
    for n, aid in enumerate(ids):
        time = T0 + n * 0.35 * DAY
        kind = rng.random()
        if out and kind < 0.15:  # a near-copy of a recent article, here or in another outlet
            src = rng.choice(out[-8:])
            sig = src.signature.copy()
            sig[: rng.randrange(0, 12)] = rng.randrange(2**32)
            f = ArticleFeatures(str(aid), time, dict(src.terms), dict(src.entities), dict(src.names), dict(src.keyphrases),
                                sig, src.shingles, f"d{aid}", outlet=rng.choice([src.outlet, "Beispielblatt"]))
        elif urns and kind < 0.25:  # the next agency version of an item, maybe days later
            urn, version = rng.choice(urns)
            words, ents = TOPICS[sum(map(ord, urn)) % len(TOPICS)]
            f = ArticleFeatures(str(aid), time, _unit({w: 1.0 for w in words.split()}), _unit({e: 1.0 for e in ents}), dict(ents), {},
                                _signature(rng), 60, f"d{aid}", urn=urn, version=version + 1, outlet="dpa")
            urns.append((urn, version + 1))
        elif out and kind < 0.3:  # the same words again
            src = rng.choice(out)
            f = ArticleFeatures(str(aid), time, dict(src.terms), dict(src.entities), dict(src.names), {}, None, 0, src.digest)
        else:
            words, ents = TOPICS[rng.randrange(len(TOPICS))]
            extra = rng.sample(["montag", "regen", "streit", "einigung", "kritik", "plan", "geld", "protest"], 2)
            urn = f"urn:newsml:example.invalid:{aid}" if rng.random() < 0.3 else None
            f = ArticleFeatures(str(aid), time, _unit({w: 1.0 for w in [*words.split(), *extra]}), _unit({e: 1.0 for e in ents}),
                                dict(ents), _unit({extra[0]: 1.0}), _signature(rng), 80, f"d{aid}", urn=urn, version=1 if urn else None,
                                outlet=rng.choice(["dpa", "Tagesblatt"]))
            if urn:
                urns.append((urn, 1))
        if rng.random() < 0.05:
            f.time = None
        out.append(f)
    return out


def _empty_articles(store, analyzer, n: int) -> list[int]:
    """n stored articles without story placement (the features come by hand)."""
    from tagwerk.article import build_article

    store.archive.enabled = False
    ids = [store.ingest(analyzer.analyze(build_article(body=f"Meldung {i} vom Tag.", title=f"Meldung {i}"))).id for i in range(n)]
    store.archive.enabled = True
    return ids


def _tables(store) -> dict[str, list]:
    t = tables
    with store._read() as conn:
        return {
            "stories": sorted(tuple(r) for r in conn.execute(select(t.stories))),
            "members": sorted(tuple(r) for r in conn.execute(select(t.story_members))),
            "links": sorted(tuple(r) for r in conn.execute(select(t.version_links))),
        }


def _record(r) -> tuple:
    return (r.id, r.story, r.version_of, r.duplicate_of, r.similarity)


def test_store_archive_places_as_the_library_does_across_restarts_and_writers(store, token_analyzer):
    ids = _empty_articles(store, token_analyzer, 90)
    stream = _stream(ids, 7)
    library = Archive(CONFIG)
    expected = [_record(library.add(f)) for f in stream]

    store.archive.config = CONFIG
    got = [_record(r) for r in store.archive.place(stream[:30])]
    again = open_store(store.target)  # another process: builds its index from the tables
    again.archive.config = CONFIG
    got += [_record(r) for r in again.archive.place(stream[30:60])]
    again.close()
    loads = store.archive.loads
    got += [_record(r) for r in store.archive.place(stream[60:])]  # sees the other writer's rows: rebuilds
    assert store.archive.loads == loads + 1
    assert got == expected

    rows = library.to_rows()
    assert {r.story_id for r in rows.members} == {r[1] for r in _tables(store)["members"]}
    with store._read() as conn:
        stored = {r.id: r for r in conn.execute(select(tables.stories))}
        members = {r.article_id: r for r in conn.execute(select(tables.story_members))}
        links = {r.article_id: r for r in conn.execute(select(tables.version_links))}
        prints = {r.article_id: r for r in conn.execute(select(tables.fingerprints))}
    for s in rows.stories:
        row = stored[s.id]
        assert (row.label, row.first, row.last, row.size, bool(row.open)) == (s.label, s.first, s.last, s.size, s.open)
        if s.open:
            assert row.centroid == {"entities": s.entities, "names": s.names, "terms": s.terms, "keyphrases": s.keyphrases}
        else:
            assert row.centroid is None
    assert len(stored) == len(rows.stories)
    assert {int(m.article_id): (m.story_id, m.time, m.seq, m.score) for m in rows.members} == {
        k: (r.story_id, r.time, r.seq, r.score) for k, r in members.items()
    }
    assert {int(k.article_id): (int(k.of), k.kind, k.similarity, k.urn, k.version) for k in rows.links} == {
        k: (r.of, r.kind, r.similarity, r.urn, r.version) for k, r in links.items()
    }
    window = {int(p.article_id): p for p in rows.fingerprints}
    assert window.keys() <= prints.keys() and len(prints) == len(ids)  # rows stay; old ones lose their signature only
    for aid, p in window.items():
        assert (prints[aid].signature, prints[aid].root, prints[aid].urn) == (p.signature, int(p.root), p.urn)
    kinds = {k.kind for k in rows.links}
    assert {"agency", "duplicate"} <= kinds  # the stream exercised both


def test_store_archive_ingest_twice_leaves_stories_unchanged(store, token_analyzer):
    texts = [
        ("Scholz und Macron in Paris", "Paris - Olaf Scholz trifft Emmanuel Macron zu Gesprächen über Panzer und Rüstung. "
         "Russland war ebenfalls Thema der Gespräche in Paris.", "2024-06-03", "https://a.example/1"),
        ("Panzer-Einigung in Paris", "Paris - Olaf Scholz und Emmanuel Macron einigen sich über Panzer und Rüstung. "
         "Die Gespräche in Paris über Russland dauerten lange.", "2024-06-04", "https://b.example/2"),
        ("Hochwasser in Passau", "Passau - Das Hochwasser der Donau steigt weiter, Sandsäcke werden gefüllt.", "2024-06-04", None),
    ]
    analyses = [make(token_analyzer, body, title=title, date=date, url=url) for title, body, date, url in texts]
    first = [store.ingest(a).id for a in analyses]
    before, listed = _tables(store), store.stories()
    assert store.counts()["stories"] >= 2
    second = [store.ingest(a).id for a in reversed(analyses)]
    assert sorted(second) == sorted(first)
    assert _tables(store) == before
    assert store.stories() == listed


def test_store_archive_held_articles_are_placed_in_date_order(store, token_analyzer):
    store.archive.hold = 10
    body = "Berlin - Die Bundesregierung berät über Russland und Nordkorea, meldet die Agentur am Tag {}."
    analyses = [make(token_analyzer, body.format(d), title=f"Tag {d}", date=f"2024-06-{d:02d}") for d in (9, 3, 6, 12)]
    ids = [store.ingest(a).id for a in analyses]
    assert store.archive.held == 4 and store.counts()["stories"] == 0
    assert store.flush_stories() == 4
    with store._read() as conn:
        order = [r[0] for r in conn.execute(select(tables.story_members.c.article_id).order_by(tables.story_members.c.seq))]
    assert order == [ids[1], ids[2], ids[0], ids[3]]


def test_store_archive_story_folds_versions_and_related_gives_reasons(store, token_analyzer):
    body = ("Moskau (dpa) - Russland hat Nordkorea vor neuen Raketentests gewarnt. Wladimir Putin sagte in Moskau, man "
            "beobachte die Lage genau. Die Vereinten Nationen beraten am Dienstag über neue Sanktionen gegen Nordkorea.")
    a = make(token_analyzer, body, title="Russland warnt Nordkorea", date="2024-05-03", url="https://n.example/a", outlet="ntv.de")
    b = make(token_analyzer, body + " Der Sicherheitsrat tagt am Abend.", title="Russland warnt Nordkorea (2)", date="2024-05-03",
             url="https://n.example/a2", outlet="ntv.de")
    c = make(token_analyzer, body, title="Moskau warnt Pjöngjang", date="2024-05-03", url="https://other.example/c", outlet="Tagesblatt")
    d = make(token_analyzer, "Berlin - Olaf Scholz spricht mit Wladimir Putin über Russland und Nordkorea. Die Vereinten Nationen "
             "sind besorgt über die Raketentests.", title="Scholz telefoniert mit Putin", date="2024-05-04")
    ia, ib, ic, id_ = (store.ingest(x).id for x in (a, b, c, d))
    rel = store.related(ia)
    reasons = {r["id"]: {x["kind"] for x in r["reasons"]} for r in rel["articles"]}
    assert {"version", "story"} <= reasons[ib] and {"duplicate", "story"} <= reasons[ic]
    assert "entities" in reasons[id_]
    assert rel["story"]["size"] >= 3
    link = store.related(ib)["link"]
    assert (link["of"], link["kind"]) == (ia, "version") and 0.7 <= link["similarity"] <= 1.0
    story = store.story(rel["story"]["id"])
    assert [x["id"] for x in story["articles"]] == sorted(x["id"] for x in story["articles"])  # same day: arrival order
    first = story["items"][0]
    assert first["id"] == ib  # the newest version shown ...
    assert [v["id"] for v in first["versions"]] == [ia] and [c_["id"] for c_ in first["copies"]] == [ic]  # ... the rest folded
    listed = store.stories()["stories"]
    assert listed[0]["id"] == rel["story"]["id"] and listed[0]["first_article"]["id"] == ia
    with pytest.raises(NotFoundError):
        store.story("s000000000000")
    with pytest.raises(NotFoundError):
        store.related(99999)


def _event(analysis, etype: str, date: str | None, trigger: str, place: tuple[str, str] | None, *who: tuple[str, str, str]) -> None:
    at = analysis.text.index(trigger)
    analysis.events.append(Event(
        type=etype, trigger=Span(at, at + len(trigger), trigger), sentence=0,
        participants=[EventArgument(e, n, t) for e, n, t in who],
        place=EventArgument(place[0], place[1], "LOC") if place else None,
        date=date, date_precision="day" if date and len(date) == 10 else ("week" if date and "W" in date else None),
        planned=date is None,
    ))


def test_store_archive_entity_events_and_mentions_per_day(store, token_analyzer):
    texts = [
        ("Putin will Nordkorea besuchen", "Moskau - Wladimir Putin will Nordkorea bald besuchen, sagte Moskau.", "2024-06-03"),
        ("Besuch in Nordkorea geplant", "Moskau - Putin plant den Besuch in Nordkorea, berichtet Russland.", "2024-06-04"),
        ("Putin trifft Scholz", "Berlin - Putin trifft Olaf Scholz in Berlin zu einem Treffen.", "2024-06-04"),
        ("Ohne Datum", "Moskau - Putin spricht in Moskau über Russland.", None),
    ]
    analyses = [make(token_analyzer, body, title=t, date=d) for t, body, d in texts]
    putin = ("Q7747", "Wladimir Putin", "PER")
    _event(analyses[0], "visit", None, "besuchen", ("Q423", "Nordkorea"), putin)
    _event(analyses[1], "visit", None, "Besuch", ("Q423", "Nordkorea"), putin)
    _event(analyses[2], "meeting", "2024-W23", "Treffen", ("Q64", "Berlin"), putin, ("Q61053", "Olaf Scholz", "PER"))
    for a in analyses:
        store.ingest(a)
    events = store.entity_events("Q7747")
    assert events["total"] == 3
    kinds = [(e["type"], e["date"], len(e["articles"])) for e in events["events"]]
    # newest first by the event's date (a week: its Monday), else its article's; one visit reported twice
    assert kinds == [("visit", None, 2), ("meeting", "2024-W23", 1)]
    assert events["events"][1]["place"]["name"] == "Berlin"
    assert store.entity_events("Nordkorea")["events"][0]["role"] == "place"
    days = store.entity_days("Q7747")
    assert [(d["date"], d["articles"]) for d in days["days"]] == [("2024-06-03", 1), ("2024-06-04", 2)]
    assert days["undated"]["articles"] == 1 and days["articles"] == 4
    # re-ingesting replaces an article's events, never duplicates them
    store.ingest(analyses[2])
    assert store.entity_events("Q7747")["total"] == 3


def test_store_archive_off_stores_without_stories(store, token_analyzer):
    store.archive.enabled = False
    store.ingest(make(token_analyzer, "Berlin - Olaf Scholz reist nach Paris.", title="Reise", date="2024-06-03"))
    assert store.counts()["stories"] == 0
    assert store.related(1)["story"] is None


def test_store_archive_migrates_a_version_2_store(tmp_path, token_analyzer):
    from sqlalchemy import create_engine

    db = tmp_path / "v2.db"
    engine = create_engine(f"sqlite:///{db}")
    tables.migrate(engine, target=2)
    engine.dispose()
    with open_store(db) as store:
        assert store.schema_version() == 3
        store.ingest(make(token_analyzer, "Passau - Hochwasser an der Donau.", title="Flut", date="2024-06-03"))
        assert store.counts()["stories"] == 1
