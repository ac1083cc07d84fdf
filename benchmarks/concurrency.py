"""Concurrent writers on one store (issue 35): ``tagwerk ingest`` processes and API writers at once.

For each backend (SQLite, then PostgreSQL when ``--pg`` or ``$TAGWERK_TEST_PG_URL`` names a
server): a fresh store, one ``tagwerk serve`` on it (127.0.0.1, a free port, a token), then at
the same moment ``--ingests`` ``tagwerk ingest`` processes (each its own JSON Lines file of
``--articles`` articles) and ``--writers`` threads that ``POST /articles`` their own
``--articles`` articles each. Every article is distinct (its own URL and a word of its own).
Analysis is the tokens stage only: the store is what is measured, not the models.

Afterwards it counts: articles stored against articles sent (lost), failed requests and ingest
records, "database is locked" (or deadlock) messages anywhere, duplicate URLs, and whether the
full-text index is in sync with the articles (SQLite: the FTS5 table's rows and an integrity
check; both: every article found by a search for its own word). The goal is 0 lost, 0
failures, 0 locked and the index in sync.

    python benchmarks/concurrency.py                       # SQLite, and PostgreSQL if configured
    python benchmarks/concurrency.py --pg postgresql://user:pw@127.0.0.1/db
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from store_support import free_port, pg_drop_schema, pg_schema_url  # noqa: E402 - tests/ is on the path only now

TOKEN = "bench-token"
LOCKED = re.compile(r"database is locked|database table is locked|deadlock detected|could not serialize", re.I)
PARAS = [
    "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen.",
    "Die Opposition kritisierte vor allem die geplanten Kürzungen bei den Schwimmbädern und Bibliotheken.",
    "Der Bürgermeister verteidigte den Entwurf und verwies auf die gestiegenen Kosten für Energie.",
    "Die Gewerkschaft kündigte Proteste an, sollte die Stadt Stellen in der Verwaltung streichen.",
]


def word(tag: str, i: int) -> str:
    """A word of its own for article ``i`` of writer ``tag`` (letters only: one FTS token)."""
    digits = "".join("abcdefghij"[int(c)] for c in f"{i:05d}")
    return f"Zq{tag}x{digits}"


def article(tag: str, i: int) -> dict:
    w = word(tag, i)
    text = f"Berlin (dpa) - {PARAS[i % 4]} Das Stichwort lautet {w}.\n\n{PARAS[(i + 1) % 4]}\n\n{PARAS[(i + 2) % 4]}"
    return {"title": f"Meldung {tag} {i}", "text": text, "url": f"https://example.org/{tag}/{i}", "id": f"{tag}-{i}"}


def start_server(db: str, port: int, env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "tagwerk.cli", "serve", "--db", db, "--port", str(port), "--stages", "tokens", "--workers", "1"]
    proc = subprocess.Popen(cmd, env={**env, "TAGWERK_TOKEN": TOKEN}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit("server failed: " + (proc.stderr.read() if proc.stderr else "")[-2000:])
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 180 s")


def run_backend(name: str, db: str, args: argparse.Namespace, tmp: Path) -> dict:
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    files = []
    for k in range(args.ingests):
        path = tmp / f"{name}-ingest-{k}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(args.articles):
                fh.write(json.dumps(article(f"i{k}", i), ensure_ascii=False) + "\n")
        files.append(path)
    port = free_port()
    server = start_server(db, port, env)
    base = f"http://127.0.0.1:{port}"
    failures: list[str] = []
    locked_msgs: list[str] = []
    lock = threading.Lock()
    latencies: list[float] = []

    def writer(k: int) -> None:
        with httpx.Client(base_url=base, timeout=120, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            for i in range(args.articles):
                t = time.perf_counter()
                try:
                    r = client.post("/articles", json=article(f"w{k}", i))
                except httpx.HTTPError as exc:
                    with lock:
                        failures.append(f"writer {k}: {type(exc).__name__}: {exc}")
                    continue
                with lock:
                    latencies.append(time.perf_counter() - t)
                    if r.status_code not in (200, 201):
                        failures.append(f"writer {k}: {r.status_code} {r.text[:200]}")
                        if LOCKED.search(r.text):
                            locked_msgs.append(r.text[:200])

    t0 = time.perf_counter()
    procs = [
        subprocess.Popen([sys.executable, "-m", "tagwerk.cli", "ingest", str(f), "--db", db, "--stages", "tokens", "--quiet"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for f in files
    ]
    threads = [threading.Thread(target=writer, args=(k,)) for k in range(args.writers)]
    for t in threads:
        t.start()
    ingest_failed = 0
    for p, f in zip(procs, files, strict=True):
        try:
            out, err = p.communicate(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            failures.append(f"ingest {f.name}: did not end within {args.timeout} s")
        if p.returncode != 0:
            failures.append(f"ingest {f.name}: exit {p.returncode}: {err.strip()[-300:]}")
        ingest_failed += len([line for line in err.splitlines() if line.strip() and "stored" not in line])
        locked_msgs += [line for line in (out + err).splitlines() if LOCKED.search(line)]
    for t in threads:
        t.join(timeout=args.timeout)
    wall = time.perf_counter() - t0
    server.terminate()
    try:
        _, server_err = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        _, server_err = server.communicate()
    locked_msgs += [line for line in (server_err or "").splitlines() if LOCKED.search(line)]
    check = check_store(db, args)
    sent = (args.ingests + args.writers) * args.articles
    return {"backend": name, "sent": sent, "wall": wall, "failures": failures, "ingest_failed": ingest_failed,
            "locked": locked_msgs, "latencies": latencies, **check}


def check_store(db: str, args: argparse.Namespace) -> dict:
    from sqlalchemy import func, select, text

    from tagwerk.store import SearchQuery, open_store, tables

    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(tables.articles)).scalar() or 0
            distinct_urls = conn.execute(select(func.count(func.distinct(tables.articles.c.url)))).scalar() or 0
            fts_check = integrity = None
            if store.dialect == "sqlite":
                integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
                try:  # the FTS5 index against its content table, row by row
                    conn.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))
                    fts_check = "ok"
                except Exception as exc:  # noqa: BLE001 - reported
                    fts_check = f"FAILED: {exc}"[:200]
        missing = 0
        tags = [f"i{k}" for k in range(args.ingests)] + [f"w{k}" for k in range(args.writers)]
        for tag in tags:
            for i in range(args.articles):
                hits = store.search(SearchQuery(text=word(tag, i), limit=5))["total"]
                if hits != 1:
                    missing += 1
    finally:
        store.close()
    return {"stored": stored, "duplicates": stored - distinct_urls, "fts_check": fts_check, "integrity": integrity,
            "not_found": missing}


def report(r: dict) -> None:
    lat = sorted(r["latencies"]) or [0.0]
    p50, p99 = lat[len(lat) // 2] * 1000, lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
    lost = r["sent"] - r["stored"]
    fts = "" if r["fts_check"] is None else f", FTS5 integrity-check {r['fts_check']}"
    print(f"{r['backend']:<11} sent {r['sent']:,}, stored {r['stored']:,}, lost {lost}, duplicates {r['duplicates']}, "
          f"failed {len(r['failures'])} (+{r['ingest_failed']} ingest lines), 'locked' {len(r['locked'])}, "
          f"not found by search {r['not_found']}{fts}"
          f"{'' if r['integrity'] is None else ', integrity ' + str(r['integrity'])}; "
          f"{r['wall']:.1f} s, {r['sent'] / r['wall']:.0f} articles/s; POST /articles p50 {p50:.0f} ms, p99 {p99:.0f} ms", flush=True)
    for f in r["failures"][:5]:
        print("    " + f)
    for m in r["locked"][:5]:
        print("    locked: " + m)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ingests", type=int, default=8, help="concurrent `tagwerk ingest` processes")
    ap.add_argument("--writers", type=int, default=8, help="concurrent API writers (POST /articles)")
    ap.add_argument("--articles", type=int, default=100, help="articles per ingest process and per writer")
    ap.add_argument("--pg", default=os.environ.get("TAGWERK_TEST_PG_URL"), help="a PostgreSQL server URL (a schema is made and dropped)")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()
    print(f"{args.ingests} `tagwerk ingest` processes + {args.writers} API writers, {args.articles} articles each, "
          f"tokens stage; {os.cpu_count()} CPUs", flush=True)
    bad = False
    with tempfile.TemporaryDirectory(prefix="tagwerk-conc-") as tmp:
        results = [run_backend("SQLite", str(Path(tmp) / "conc.db"), args, Path(tmp))]
        report(results[-1])
        if args.pg:
            url, schema = pg_schema_url(args.pg)
            try:
                results.append(run_backend("PostgreSQL", url, args, Path(tmp)))
                report(results[-1])
            finally:
                pg_drop_schema(args.pg, schema)
        else:
            print("PostgreSQL: skipped (no --pg or $TAGWERK_TEST_PG_URL)")
    for r in results:
        fts_ok = r["fts_check"] in (None, "ok") and r["integrity"] in (None, "ok")
        bad |= bool(r["failures"] or r["locked"] or r["sent"] != r["stored"] or r["duplicates"] or r["not_found"] or not fts_ok)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
