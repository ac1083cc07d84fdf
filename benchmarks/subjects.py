"""IPTC Media Topics: how often tagwerk's subjects agree with the agency's ``medtop:`` codes.

    python benchmarks/subjects.py ../shared/data/dpa-samples
    python benchmarks/subjects.py ../shared/data/dpa-samples/newsml-g2 --verbose

Reads every item under PATH (NewsML-G2, digitalwires, 7901, any mix); the items whose given
subjects hold ``medtop:`` codes are the gold. An item in several formats (the same guid) counts
once. For each gold item the agency's codes are lifted to their level-1 and level-2 ancestors
(IPTC's tree, retired codes included), and the script prints:

* level 1: how often tagwerk's top level-1 topic is one of the agency's level-1 topics, and how
  often any of tagwerk's level-1 topics is;
* level 2: the same for tagwerk's top level-2 topic, over the items whose agency codes reach
  level 2.

tagwerk never reads the agency's codes when it picks its topics (they are ``given_subjects``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tagwerk.article import Article
from tagwerk.pipeline import Analyzer
from tagwerk.readers import read_path
from tagwerk.topics.mediatopics import SCHEME, load_table


def gold_items(path: Path) -> list[Article]:
    seen: set[str] = set()
    items = []
    for item in read_path(path):
        if not isinstance(item, Article):
            continue
        codes = [s for s in item.given_subjects if s.scheme == SCHEME and s.code]
        if not codes or (item.id or "") in seen:
            continue
        seen.add(item.id or "")
        items.append(item)
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="a folder (or file) of agency items, e.g. ../shared/data/dpa-samples")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per item")
    args = parser.parse_args()
    if not args.path.exists():
        sys.exit(f"{args.path}: no such file or folder")
    table = load_table()
    items = gold_items(args.path)
    if not items:
        sys.exit(f"{args.path}: no item carries medtop: codes")
    analyzer = Analyzer()
    t0 = time.perf_counter()
    analyses = list(analyzer.analyze_many(items))
    seconds = time.perf_counter() - t0
    top1 = any1 = top2 = n2 = 0
    for analysis in analyses:
        art = analysis.article
        codes = [s.code for s in art.given_subjects if s.scheme == SCHEME and s.code]
        gold1 = {t.code for c in codes if (t := table.at_level(c, 1))}
        gold2 = {t.code for c in codes if (t := table.at_level(c, 2))}
        mine1 = [s.code.split(":")[1] for s in analysis.subjects if s.level == 1]
        mine2 = [s.code.split(":")[1] for s in analysis.subjects if s.level == 2]
        hit1 = bool(mine1) and mine1[0] in gold1
        top1 += hit1
        any1 += bool(gold1 & set(mine1))
        hit2 = None
        if gold2:
            n2 += 1
            hit2 = bool(mine2) and mine2[0] in gold2
            top2 += hit2
        if args.verbose:
            def names(cs):  # noqa: ANN001, ANN202
                return ", ".join(f"{c} {t.name}" for c in cs if (t := table.get(c)))

            print(f"{'+' if hit1 else '-'}{'' if hit2 is None else '+' if hit2 else '-'} {art.source}")
            print(f"     agency L1: {names(sorted(gold1))}; L2: {names(sorted(gold2)) or '-'}")
            print(f"     tagwerk L1: {names(mine1)}; L2: {names(mine2) or '-'}")
    n = len(analyses)
    print(f"items with medtop codes: {n} (in {seconds:.1f} s)")
    print(f"level 1: top topic agrees {top1}/{n} ({top1 / n:.0%}); any of tagwerk's level-1 topics agrees {any1}/{n} ({any1 / n:.0%})")
    if n2:
        print(f"level 2: top topic agrees {top2}/{n2} ({top2 / n2:.0%}) (items whose codes reach level 2)")


if __name__ == "__main__":
    main()
