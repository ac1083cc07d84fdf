"""Crash safety (issue 35): ``kill -9`` during ``tagwerk ingest`` at random points, 20 times.

Each round ingests ``--articles`` distinct articles (tokens stage) into a fresh SQLite store and
kills the process with SIGKILL once the store holds a random number of them (0 included: before
the first commit). Then: ``PRAGMA integrity_check`` and the FTS5 integrity-check must pass, a
search must find every committed article by its own word, and the same ingest run again must
complete with every article stored exactly once. Prints each round and the totals
(``tests/crash_support.py`` has the round; ``tests/test_reliability_crash.py`` runs three).

    python benchmarks/crash.py                   # 20 rounds of 400 articles
    python benchmarks/crash.py --rounds 5 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from crash_support import crash_round, write_input  # noqa: E402 - tests/ is on the path only now


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=35)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    committed = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tagwerk-crash-") as tmp:
        inp = write_input(Path(tmp) / "in.jsonl", args.articles)
        print(f"{args.rounds} rounds: kill -9 during `tagwerk ingest` of {args.articles} articles (tokens stage), then check and rerun")
        print(f"{'round':>5} {'kill after':>10} {'committed':>9} {'integrity':>9} {'fts5':>6} {'not found':>9} "
              f"{'rerun':>5} {'stored':>7} {'dupes':>5}")
        for i in range(args.rounds):
            r = crash_round(Path(tmp), inp, args.articles, rng, i)
            committed.append(r.killed_at)
            failed += not r.ok
            print(f"{i + 1:>5} {r.target:>10} {r.killed_at:>9} {r.integrity[:9]:>9} {r.fts[:6]:>6} {r.not_found:>9} "
                  f"{r.rerun_exit!s:>5} {r.after_rerun:>7} {r.duplicates:>5}" + ("" if r.ok else "  <- " + "; ".join(r.problems)),
                  flush=True)
    print(f"\n{args.rounds} kills, committed at kill: min {min(committed)}, median {sorted(committed)[len(committed) // 2]}, "
          f"max {max(committed)} of {args.articles}; {args.rounds - failed} rounds passed every check, {failed} failed "
          f"({time.perf_counter() - t0:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
