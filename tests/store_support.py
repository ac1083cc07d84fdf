"""Helpers for the store, API and page tests: hand-built analyses and a small fake Analyzer.

The fake Analyzer runs the real tokens stage, then marks a few names from a tiny
gazetteer, quotes in „…“ followed by ``sagte NAME``, and suggests one tag per entity,
so these tests never depend on which NER/entity/quote/tag stages exist.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from tagwerk.analysis import Analysis, Entity, Mention, Quote, Span, Tag
from tagwerk.article import build_article

# name -> (label, id, kb_id): facts, not text
GAZETTEER = {
    "Russland": ("LOC", "Q159", "Q159"),
    "Nordkorea": ("LOC", "Q423", "Q423"),
    "Moskau": ("LOC", "Q649", "Q649"),
    "Berlin": ("LOC", "Q64", "Q64"),
    "Wladimir Putin": ("PER", "Q7747", "Q7747"),
    "Putin": ("PER", "Q7747", "Q7747"),
    "Olaf Scholz": ("PER", "Q61053", "Q61053"),
    "Bundesregierung": ("ORG", "local:org:bundesregierung", None),
    "Vereinten Nationen": ("ORG", "Q1065", "Q1065"),
}
CANONICAL = {"Q7747": "Wladimir Putin"}
_QUOTE = re.compile(r"„([^“]+)“,? sagte (\w+(?: \w+)?)")


def annotate(analysis: Analysis, extra_tags: Iterable[tuple[str, float]] = ()) -> Analysis:
    """Add gazetteer mentions/entities, „…“-sagte quotes and entity tags to an analysis."""
    text = analysis.text
    taken: list[tuple[int, int]] = []
    ents: dict[str, Entity] = {}
    for name in sorted(GAZETTEER, key=len, reverse=True):
        label, eid, kb = GAZETTEER[name]
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"s?(?!\w)", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            mention = Mention(m.start(), m.end(), m.group(0), label, source="rule", entity=eid)
            analysis.mentions.append(mention)
            ent = ents.setdefault(eid, Entity(id=eid, name=CANONICAL.get(eid, name), type=label, kb_id=kb))
            ent.mentions.append(mention)
    analysis.mentions.sort(key=lambda m: m.start)
    analysis.entities = list(ents.values())
    for m in _QUOTE.finditer(text):
        speaker = Span(m.start(2), m.end(2), m.group(2))
        sid = next((e.id for e in ents.values() for x in e.mentions if x.start == speaker.start), None)
        analysis.quotes.append(
            Quote(type="Direct", spans=[Span(m.start(1), m.end(1), m.group(1))], speaker=speaker, speaker_entity=sid,
                  speaker_name=ents[sid].name if sid else m.group(2), cue=Span(m.start(2) - 6, m.start(2) - 1, "sagte"))
        )
    n = max(len(analysis.entities), 1)
    for i, e in enumerate(sorted(analysis.entities, key=lambda e: -len(e.mentions))):
        kind = {"PER": "person", "LOC": "place", "ORG": "organisation"}.get(e.type, "topic")
        analysis.tags.append(Tag(e.name, round(0.9 - 0.5 * i / n, 3), "entity", kind, kb_id=e.kb_id, entity=e.id))
    for name, score in extra_tags:
        analysis.tags.append(Tag(name, score, "topic", "topic"))
    analysis.stages["fake"] = "1"
    return analysis


class FakeAnalyzer:
    """tokens stage + :func:`annotate`; has ``config`` and ``versions`` like the real one."""

    def __init__(self, token_analyzer) -> None:
        self._inner = token_analyzer
        self.config = token_analyzer.config

    @property
    def versions(self) -> dict[str, str]:
        return {**self._inner.versions, "fake": "1"}

    def analyze(self, article):
        return annotate(self._inner.analyze(article), extra_tags=[("Außenpolitik", 0.42)])


def make(analyzer, body: str, *, title: str | None = None, date: str | None = None, url: str | None = None,
         outlet: str | None = None, tags: Iterable[tuple[str, float]] = ()) -> Analysis:
    article = build_article(body=body, title=title, date=date, url=url, id=url)
    if outlet:
        article.credit.outlet = outlet
    return annotate(analyzer.analyze(article), extra_tags=tags)


# -- PostgreSQL: a fresh schema per test on the server named by TAGWERK_TEST_PG_URL ---------------

PG_ENV = "TAGWERK_TEST_PG_URL"


def pg_schema_url(base: str) -> tuple[str, str]:
    """Create a fresh schema on ``base``; return (URL that uses it, schema name)."""
    import psycopg

    schema = "tw_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def pg_drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def backend_store(backend: str, tmp_path, name: str = "t.db"):  # noqa: ANN001, ANN201 - Path; yields (Store, address)
    """A fresh store on ``backend`` (``sqlite``: a file in ``tmp_path``; ``postgres``: a new
    schema on the server of TAGWERK_TEST_PG_URL, dropped afterwards; skips without one) and its
    address, closed at the end."""
    import os

    import pytest

    from tagwerk.store import open_store

    if backend == "sqlite":
        target = tmp_path / name
        st = open_store(target)
        try:
            yield st, target
        finally:
            st.close()
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url, schema = pg_schema_url(base)
    st = open_store(url)
    try:
        yield st, url
    finally:
        st.close()
        pg_drop_schema(base, schema)


def ingest_concurrently(store, analyses: list[Analysis], threads: int = 4) -> list[Exception]:
    """Ingest ``analyses`` from ``threads`` threads at once; return what they raised."""
    import threading

    errors: list[Exception] = []

    def work(chunk: list[Analysis]) -> None:
        try:
            for a in chunk:
                store.ingest(a)
        except Exception as exc:  # pragma: no cover - the caller's assertion reports it
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(analyses[i::threads],)) for i in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return errors


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(app, log_level: str = "warning") -> Iterator[int]:  # noqa: ANN001 - an ASGI app
    """``app`` served by uvicorn in a thread on a free loopback port (yielded) until the end."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level=log_level))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
