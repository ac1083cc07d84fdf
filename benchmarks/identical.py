"""Analyses of a corpus, written or compared byte for byte: the check that a restructuring kept
behaviour unchanged.

    python benchmarks/identical.py ../shared/data/background/dewikinews-850.jsonl --write before.jsonl
    ... change the code ...
    python benchmarks/identical.py ../shared/data/background/dewikinews-850.jsonl --compare before.jsonl

Each line is one article's ``Analysis.to_dict()`` as JSON (sorted keys). ``--ignore-versions`` leaves
the ``stages`` field out of the comparison (a stage whose version string moved). The articles
go through ``Analyzer.try_analyze_many`` (16 at a time, as batch runs take them) and, with
``--single``, one at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--write", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--single", action="store_true", help="one article at a time")
    ap.add_argument("--ignore-versions", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"skip: {args.corpus} not found", file=sys.stderr)
        return 0
    if (args.write is None) == (args.compare is None):
        ap.error("give --write or --compare")

    from tagwerk import Analyzer
    from tagwerk.readers import read_paths

    analyzer = Analyzer()
    records = list(read_paths([args.corpus]))
    if args.limit:
        records = records[: args.limit]
    lines = []
    results = (analyzer.try_analyze_many(records, batch=1) if args.single else analyzer.try_analyze_many(records))
    for result in results:
        if isinstance(result, Exception):
            lines.append(json.dumps({"error": str(result)}, ensure_ascii=False))
            continue
        data = result.to_dict()
        if args.ignore_versions:
            data.pop("stages", None)
        lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} analyses to {args.write}")
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    if args.ignore_versions:
        stripped = []
        for line in before:
            data = json.loads(line)
            data.pop("stages", None)
            stripped.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
        before = stripped
    differ = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
    if len(before) != len(lines):
        print(f"count differs: {len(before)} before, {len(lines)} now")
    print(f"articles: {len(lines)}; identical: {len(lines) - len(differ)}; differ: {len(differ)}")
    for i in differ[:10]:
        a, b = json.loads(before[i]), json.loads(lines[i])
        keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        print(f"  article {i}: fields {', '.join(keys)}")
    return 1 if differ or len(before) != len(lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
