"""Store speed: ingest articles/s into SQLite, and search latency over a 100,000-article archive.

1. **ingest**: analyse the background corpus with every installed stage and store it in a
   fresh SQLite file; prints articles/s of the whole ingest loop in one process (analysis +
   store), of ``Store.ingest`` alone, of a second, idempotent pass (counts must stay), and of
   the ``tagwerk ingest --workers 2`` command end to end (``--workers``).
2. **search**: builds (or reuses) a synthetic archive of ``--archive-size`` articles from
   the corpus and its analyses, then times a fixed mix of queries (full text, phrases,
   prefixes, entity/tag/date/outlet facets and combinations) and prints p50/p95 per query
   and the p50 over all of them.

   The archive is synthetic: article ``i`` is corpus article ``i mod 850`` followed by one
   paragraph of another corpus article (so texts and hashes differ), dated across
   2000-2024, with one of six outlets. Its rows (articles, analyses stubs, entities,
   article_entities, tags) are inserted directly with SQLAlchemy Core in large
   transactions, not analysed one by one; the FTS5 index fills through the same triggers
   as a normal ingest. Mentions and quotes rows are left out (search does not read them).

    python benchmarks/store.py                        # both parts
    python benchmarks/store.py --skip-ingest          # search only (reuses the archive)
    python benchmarks/store.py --archive-size 20000   # a smaller archive

Targets (issue 7): ingest >= 20 articles/s; search p50 <= 20 ms over 100,000 articles.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from tagwerk.pipeline import Analyzer
from tagwerk.readers import read_path
from tagwerk.store import SearchQuery, open_store, tables
from tagwerk.store.base import article_title, content_hash, entities_of, lookup_key, now

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "background" / "dewikinews-850.jsonl"
OUTLETS = ["ntv.de", "Tagesblatt", "Rundschau", "Kurier", "dpa", "Morgenpost"]

QUERIES: list[tuple[str, SearchQuery]] = [
    ("word: Polizei", SearchQuery(text="Polizei")),
    ("word: Regierung", SearchQuery(text="Regierung")),
    ("word: Fußball", SearchQuery(text="Fußball")),
    ("two words", SearchQuery(text="Präsident Wahl")),
    ("phrase", SearchQuery(text='"Vereinten Nationen"')),
    ("prefix", SearchQuery(text="Erdbeb*")),
    ("rare word", SearchQuery(text="Zugvögel")),
    ("entity: Russland", SearchQuery(entities=("Russland",))),
    ("entity: Deutschland", SearchQuery(entities=("Deutschland",))),
    ("entity + text", SearchQuery(text="Gas", entities=("Russland",))),
    ("two entities", SearchQuery(entities=("Russland", "China"))),
    ("tag", SearchQuery(tags=("Justiz",))),
    ("tag + text", SearchQuery(text="Gericht", tags=("Justiz",))),
    ("text + dates", SearchQuery(text="Polizei", date_from="2010-01-01", date_to="2012-12-31")),
    ("entity + outlet", SearchQuery(entities=("Deutschland",), outlet="Kurier")),
    ("dates only", SearchQuery(date_from="2020-03", date_to="2020-03")),
]


def analyse_corpus(corpus: Path, analyzer: Analyzer):
    out = []
    for rec in read_path(corpus):
        if isinstance(rec, Exception):
            continue
        out.append(analyzer.analyze(rec))
    return out


def bench_ingest(corpus: Path, analyzer: Analyzer, db: Path):
    store = open_store(db)
    analyses = []
    t_store = 0.0
    t0 = time.perf_counter()
    for rec in read_path(corpus):
        if isinstance(rec, Exception):
            continue
        a = analyzer.analyze(rec)
        analyses.append(a)
        t = time.perf_counter()
        store.ingest(a)
        t_store += time.perf_counter() - t
    wall = time.perf_counter() - t0
    counts = store.counts()
    n = len(analyses)
    stages = ", ".join(analyzer.versions)
    print(f"ingest: {n} articles in {wall:.1f} s = {n / wall:.1f} articles/s (analysis + store, every stage: {stages})")
    print(f"        Store.ingest alone: {n / t_store:.0f} articles/s ({1000 * t_store / n:.1f} ms each), "
          f"with story threads ({counts['stories']} stories)")
    with open_store(db.with_name("no-stories.db")) as bare:
        bare.archive.enabled = False
        t = time.perf_counter()
        for a in analyses:
            bare.ingest(a)
        t_bare = time.perf_counter() - t
    print(f"        Store.ingest alone without story threads: {n / t_bare:.0f} articles/s ({1000 * t_bare / n:.1f} ms each)")
    t = time.perf_counter()
    for a in analyses:
        store.ingest(a)
    again = time.perf_counter() - t
    same = store.counts() == counts
    print(f"        second pass (idempotent update): {n / again:.0f} articles/s; counts unchanged: {same} {counts}")
    store.close()
    return analyses


def bench_ingest_cli(corpus: Path, db: Path, workers: int) -> None:
    """`tagwerk ingest CORPUS --workers N` end to end, as a user runs it: process start, model
    load, analysis in N processes, one writer."""
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("tagwerk")
    cmd = [str(exe) if exe.exists() else "tagwerk", "ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--quiet"]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    with open_store(db) as st:
        n = st.counts()["articles"]
    print(f"        `tagwerk ingest --workers {workers}` (whole command, start-up included): {n} articles in {wall:.1f} s"
          f" = {n / wall:.1f} articles/s")


def build_archive(path: Path, analyses, size: int) -> None:
    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(path)
    engine = store.engine
    src = []
    for a in analyses:
        ents, pairs = entities_of(a)
        counts: dict[str, int] = {}
        for _m, eid in pairs:
            if eid:
                counts[eid] = counts.get(eid, 0) + 1
        paras = [b.text for b in a.article.blocks if b.kind == "paragraph"] or [a.text]
        src.append((a, ents, counts, paras))
    all_ents = {}
    for _a, ents, _c, _p in src:
        for e in ents:
            all_ents[e.id] = {"id": e.id, "name": e.name, "name_key": lookup_key(e.name), "type": e.type, "kb_id": e.kb_id}
    stamp = now()
    t0 = time.perf_counter()
    with engine.begin() as conn:
        store._upsert_entities(conn, list(all_ents.values()))
    batch = 2000
    n_src = len(src)
    for start in range(0, size, batch):
        arts, ans, aes, tags = [], [], [], []
        for i in range(start, min(start + batch, size)):
            a, ents, counts, _paras = src[i % n_src]
            other = src[(i * 7919 + 13) % n_src][3]
            extra = other[(i // n_src) % len(other)]
            text = a.text + "\n\n" + extra
            aid = i + 1
            arts.append({
                "id": aid, "ext_id": f"synthetic:{i}", "url": None, "content_hash": content_hash(text),
                "outlet": OUTLETS[i % len(OUTLETS)], "date": _date(i), "title": article_title(a.article), "text": text,
                "structure": {"synthetic": True, "source": a.article.id}, "created_at": stamp, "updated_at": stamp,
            })
            ans.append({"article_id": aid, "stages": a.stages, "analysis": {"synthetic": True}, "analysed_at": stamp})
            aes.extend({"article_id": aid, "entity_id": eid, "mentions": n, "salience": 0.0, "date": arts[-1]["date"]}
                       for eid, n in counts.items())
            seen = set()
            for t in a.tags:
                k = lookup_key(t.name)
                if k in seen:
                    continue
                seen.add(k)
                tags.append({"article_id": aid, "name": t.name, "name_key": k, "type": t.type, "source": t.source, "score": t.score,
                             "kb_id": t.kb_id, "entity_id": t.entity, "status": "suggested", "who": "tagwerk", "at": stamp})
        with engine.begin() as conn:
            conn.execute(insert(tables.articles), arts)
            conn.execute(insert(tables.analyses), ans)
            if aes:
                conn.execute(insert(tables.article_entities), aes)
            if tags:
                conn.execute(insert(tables.tags), tags)
        done = min(start + batch, size)
        if done % 20000 == 0 or done == size:
            print(f"        built {done:,} articles ({time.perf_counter() - t0:.0f} s)", flush=True)
    store.optimize()
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.close()


def _date(i: int) -> str:
    import datetime as dt

    return (dt.date(2000, 1, 1) + dt.timedelta(days=(i * 97) % 9125)).isoformat()


def bench_search(path: Path, repeats: int) -> None:
    store = open_store(path)
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(tables.articles)).scalar_one()
    print(f"search over {n:,} stored articles ({path.stat().st_size / 1e6:.0f} MB), {repeats} runs per query, page of 20 with total count:")
    everything = []
    for name, q in QUERIES:
        store.search(q)  # warm the page cache for this query
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            res = store.search(q)
            times.append((time.perf_counter() - t) * 1000)
        everything.extend(times)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"  {name:<22} hits={res['total']:>7,}  p50={statistics.median(times):6.1f} ms  p95={p95:6.1f} ms")
    p95_all = sorted(everything)[int(0.95 * (len(everything) - 1))]
    print(f"search p50 over all queries: {statistics.median(everything):.1f} ms (p95 {p95_all:.1f} ms)")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--archive", type=Path, default=Path(tempfile.gettempdir()) / "tagwerk-bench-archive.db")
    ap.add_argument("--archive-size", type=int, default=100_000)
    ap.add_argument("--rebuild", action="store_true", help="rebuild the archive even if it exists with the right size")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: every installed one)")
    ap.add_argument("--workers", type=int, default=2, help="analysis processes of the `tagwerk ingest` run (0: skip it)")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    analyzer = Analyzer(stages=tuple(args.stages.split(","))) if args.stages else Analyzer()

    analyses = None
    if not args.skip_ingest:
        with tempfile.TemporaryDirectory() as tmp:
            analyses = bench_ingest(args.corpus, analyzer, Path(tmp) / "ingest.db")
            if args.workers and not args.stages:
                bench_ingest_cli(args.corpus, Path(tmp) / "cli.db", args.workers)

    have = 0
    if args.archive.exists() and not args.rebuild:
        try:
            with open_store(args.archive) as st:
                have = st.counts()["articles"]
        except Exception:
            have = 0
    if have != args.archive_size:
        if analyses is None:
            analyses = analyse_corpus(args.corpus, analyzer)
        print(f"building a synthetic archive of {args.archive_size:,} articles at {args.archive} …", flush=True)
        t = time.perf_counter()
        build_archive(args.archive, analyses, args.archive_size)
        print(f"        built in {time.perf_counter() - t:.0f} s")
    bench_search(args.archive, args.repeats)


if __name__ == "__main__":
    main()
