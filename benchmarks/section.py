"""Section accuracy on 10kGNAD (derStandard, 9 labels mapped to tagwerk's sections).

    python benchmarks/section.py ../shared/data/10kGNAD/test.csv

10kGNAD is CC BY-NC-SA: it is only *measured* here. The shipped section logic (cue words and
topic section hints in lang/de/topics.yaml) is never fitted to it. The script prints:

1. the plain accuracy of the shipped logic on every article, with a confusion table;
2. for reference, a 5-fold cross-validated accuracy of per-section weights fitted on the
   shipped logic's own vote vectors (fit on 4 folds, test on the 5th). Those weights are a
   measurement of headroom only and are NOT shipped.

Label mapping (10kGNAD -> tagwerk): Inland -> Politik, International -> Politik,
Wirtschaft -> Wirtschaft, Sport -> Sport, Panorama -> Panorama, Wissenschaft -> Wissen,
Web -> Digital/Technik, Kultur -> Kultur/Unterhaltung, Etat (media, TV) -> Kultur/Unterhaltung.
Nothing maps to Auto.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

from tagwerk.article import build_article
from tagwerk.pipeline import Analyzer, AnalyzerConfig
from tagwerk.stages.section import decide
from tagwerk.topics import SECTIONS

MAPPING = {
    "Inland": "Politik",
    "International": "Politik",
    "Wirtschaft": "Wirtschaft",
    "Sport": "Sport",
    "Panorama": "Panorama",
    "Wissenschaft": "Wissen",
    "Web": "Digital/Technik",
    "Kultur": "Kultur/Unterhaltung",
    "Etat": "Kultur/Unterhaltung",
}


def read_gnad(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(row[0], row[1]) for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2]


def cv_weights(vectors: list[dict[str, float]], gold: list[str], folds: int = 5, seed: int = 0) -> float:
    """5-fold CV accuracy of per-section multiplicative weights (coordinate search), measurement only."""
    idx = list(range(len(gold)))
    random.Random(seed).shuffle(idx)
    grid = [0.5, 0.7, 0.85, 1.0, 1.2, 1.5, 2.0]
    correct = 0
    for f in range(folds):
        test = set(idx[f::folds])
        train = [i for i in idx if i not in test]
        w = dict.fromkeys(SECTIONS, 1.0)

        def predicted(i, weights):
            return max(SECTIONS, key=lambda sec: vectors[i].get(sec, 0.0) * weights[sec])

        def acc(ids, weights):
            return sum(predicted(i, weights) == gold[i] for i in ids) / max(1, len(ids))

        for _ in range(2):
            for s in SECTIONS:
                best = max(grid, key=lambda g: (acc(train, {**w, s: g}), -abs(g - 1)))
                w[s] = best
        correct += sum(max(SECTIONS, key=lambda s: vectors[i].get(s, 0.0) * w[s]) == gold[i] for i in test)
    return correct / len(gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args(argv)
    rows = read_gnad(args.path)
    if args.limit:
        rows = rows[: args.limit]
    analyzer = Analyzer(AnalyzerConfig(stages=("tokens", "section")))
    gold: list[str] = []
    pred: list[str] = []
    vectors: list[dict[str, float]] = []
    t0 = time.perf_counter()
    for label, text in rows:
        a = analyzer.analyze(build_article(body=text))
        gold.append(MAPPING[label])
        pred.append(a.section.label if a.section else "?")
        vectors.append(dict(a.section.scores) if a.section else {})
    wall = time.perf_counter() - t0
    acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    print(f"10kGNAD test: {len(gold)} articles ({args.path}); tokens+section {len(gold) / wall:.1f} articles/s")
    print("mapping: " + ", ".join(f"{k}->{v}" for k, v in MAPPING.items()))
    print(f"shipped section logic (no training on this data): accuracy {acc:.3f}")
    per_src = Counter()
    ok_src = Counter()
    for (lab, _), p, g in zip(rows, pred, gold, strict=True):
        per_src[lab] += 1
        ok_src[lab] += p == g
    print("per 10kGNAD label: " + ", ".join(f"{k} {ok_src[k] / per_src[k]:.2f}" for k in sorted(per_src)))
    conf = Counter(zip(gold, pred, strict=True))
    labels = [s for s in SECTIONS if s != "Auto"]
    print("confusion (rows gold, columns predicted):")
    print(" " * 20 + "".join(f"{s[:8]:>9}" for s in [*labels, "Auto"]))
    for g in labels:
        print(f"{g:<20}" + "".join(f"{conf[(g, p)]:>9}" for p in [*labels, "Auto"]))
    if not args.no_cv:
        cv = cv_weights(vectors, gold)
        print(f"5-fold CV accuracy with per-section weights fitted on this data (measurement only, not shipped): {cv:.3f}")
    _ = decide  # the same decision rule the stage uses
    return 0


if __name__ == "__main__":
    sys.exit(main())
