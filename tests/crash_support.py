"""``kill -9`` during ``tagwerk ingest``, shared by ``tests/test_reliability_crash.py`` and
``benchmarks/crash.py`` (issue 35).

One round: a fresh SQLite store; ``tagwerk ingest`` of a JSON Lines file of distinct articles
(each with its own URL and a word of its own), killed with SIGKILL once the store holds a
random number of them (read from outside, as it grows); then the store must pass ``PRAGMA
integrity_check`` and the FTS5 integrity-check, every committed article must be found by a search
for its word, and the same ingest run again must complete with every article stored once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAS = [
    "Der Landtag hat am Mittwoch über die Zukunft der Krankenhäuser in ländlichen Regionen beraten.",
    "Die Gesundheitsministerin kündigte ein Förderprogramm von 200 Millionen Euro an.",
    "Die Opposition sprach von einem Tropfen auf den heißen Stein und forderte mehr Personal.",
    "Die Kliniken selbst verweisen auf steigende Kosten und fehlende Fachkräfte.",
]


def word(i: int) -> str:
    return "Zqcrash" + "".join("abcdefghij"[int(c)] for c in f"{i:05d}")


def write_input(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Hannover (dpa) - {PARAS[i % 4]} Stichwort {word(i)}.\n\n{PARAS[(i + 1) % 4]}\n\n{PARAS[(i + 2) % 4]}"
            fh.write(json.dumps({"id": f"k{i}", "url": f"https://example.org/k/{i}", "title": f"Klinik {i}", "text": text},
                                ensure_ascii=False) + "\n")
    return path


def ingest_cmd(inp: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tagwerk.cli", "ingest", str(inp), "--db", str(db), "--stages", "tokens", "--quiet"]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def stored(db: Path) -> int:
    """Articles committed so far, read through a separate connection (0 before the schema)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@dataclass
class Round:
    target: int
    killed_at: int = 0
    """Articles committed when the process was killed."""
    integrity: str = ""
    fts: str = ""
    not_found: int = 0
    """Committed articles a search for their word does not find."""
    after_rerun: int = 0
    duplicates: int = 0
    rerun_exit: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Path, expect: int | None = None) -> tuple[str, str, int, int, int]:
    """(integrity_check, FTS5 integrity-check, articles, duplicate URLs, committed articles not
    found by a search for their word)."""
    sys.path.insert(0, str(ROOT / "src"))
    from tagwerk.store import SearchQuery, open_store

    with sqlite3.connect(db, timeout=30) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0] == 0:
            return integrity, "ok (no tables yet)", 0, 0, 0  # killed before the schema was made
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
            fts = "ok"
        except sqlite3.Error as exc:
            fts = f"FAILED: {exc}"
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        dups = n - conn.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0]
        ids = [int(u.rsplit("/", 1)[1]) for (u,) in conn.execute("SELECT url FROM articles")]
    store = open_store(str(db))
    try:
        missing = sum(1 for i in ids if store.search(SearchQuery(text=word(i), limit=3))["total"] != 1)
    finally:
        store.close()
    return integrity, fts, n, dups, missing


def crash_round(tmp: Path, inp: Path, n: int, rng: random.Random, index: int, timeout: float = 300) -> Round:
    db = tmp / f"crash-{index}.db"
    r = Round(target=rng.randrange(0, n))
    proc = subprocess.Popen(ingest_cmd(inp, db), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if stored(db) >= r.target:
                time.sleep(rng.random() * 0.05)  # somewhere inside the next transactions
                break
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)
    if proc.returncode != -signal.SIGKILL:
        r.problems.append(f"the ingest ended before the kill (exit {proc.returncode})")
    if not db.exists():
        r.integrity = r.fts = "no store yet"
    else:
        r.integrity, r.fts, r.killed_at, dups, r.not_found = check(db)
        if r.integrity != "ok" or r.fts != "ok" or r.not_found or dups:
            r.problems.append(f"after the kill: integrity {r.integrity}, FTS {r.fts}, not found {r.not_found}, duplicates {dups}")
    rerun = subprocess.run(ingest_cmd(inp, db), env=env(), capture_output=True, text=True, timeout=timeout, check=False)
    r.rerun_exit = rerun.returncode
    integrity, fts, r.after_rerun, r.duplicates, missing = check(db)
    if rerun.returncode != 0 or r.after_rerun != n or r.duplicates or missing or integrity != "ok" or fts != "ok":
        r.problems.append(f"after the rerun: exit {rerun.returncode}, {r.after_rerun}/{n} articles, {r.duplicates} duplicates, "
                          f"{missing} not found, integrity {integrity}, FTS {fts}; {rerun.stderr.strip()[-300:]}")
    return r
