"""Memory over a long run: does one Analyzer keep a flat resident size?

Real archives bring new word forms with every article (names, numbers, typos), and
spaCy's vocabulary, tagwerk's word caches and the C heap could grow with them. This
benchmark analyses ``--articles`` texts cut from the background corpus in which every
``--every``-th word is replaced by an invented one (so about 1/every of the words are new
to the process), and prints the resident size every ``--report`` articles.

    python benchmarks/memory.py                          # 8,000 articles, a quarter new words
    python benchmarks/memory.py --articles 2000 --every 10

Target (issue 8): a worker stays at or below 600 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import psutil

from tagwerk.article import parse_text
from tagwerk.pipeline import Analyzer

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "background" / "dewikinews-850.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=8000)
    ap.add_argument("--every", type=int, default=4, help="replace every N-th word by an invented one")
    ap.add_argument("--report", type=int, default=1000)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8") if line.strip()]
    rng = random.Random(0)
    syllables = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"]

    def invented() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()

    me = psutil.Process()
    analyzer = Analyzer()
    peak = 0.0
    new_words = 0
    t0 = time.perf_counter()
    print(f"{args.articles:,} articles, every {args.every}th word invented", flush=True)
    for i in range(args.articles):
        words = texts[i % len(texts)].split()
        for k in range(0, len(words), args.every):
            words[k] = invented()
            new_words += 1
        analyzer.analyze(parse_text(" ".join(words)))
        rss = me.memory_info().rss / 2**20
        peak = max(peak, rss)
        if (i + 1) % args.report == 0:
            print(f"{i + 1:>7,} articles  {new_words:>9,} invented words  RSS {rss:6.0f} MB  peak {peak:6.0f} MB  "
                  f"({(i + 1) / (time.perf_counter() - t0):.1f} articles/s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
