"""Snapshots of the top tags, to see what a change to the tags stage changes (issue #31).

``dump`` writes the top k tags (with up to three pieces of evidence each) of the articles of a
JSON Lines corpus (``text``, ``title``) and, given ``--dpa``, of the dpa text items, as JSON;
``diff`` lists the articles whose tag lists differ between two dumps, what left and what came.
Run ``dump`` on the code before a change (a git worktree with ``PYTHONPATH=src``) and after:

    python benchmarks/tags_snapshot.py dump before.json ../shared/data/background/dewikinews-850.jsonl \\
        --dpa ../shared/data/dpa-samples/digitalwires
    python benchmarks/tags_snapshot.py diff before.json after.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def dump(out: Path, corpus: Path, dpa: Path | None, top: int) -> int:
    from tagwerk.article import build_article
    from tagwerk.pipeline import Analyzer

    analyzer = Analyzer()
    snap: dict[str, list] = {}

    def put(key: str, title: str | None, article) -> None:  # noqa: ANN001
        a = analyzer.analyze(article)
        snap[key] = [title, [[t.name, [e.text for e in t.evidence[:3]]] for t in a.tags[:top]]]

    if corpus.exists():
        rows = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines() if x.strip()]
        for i, row in enumerate(rows):
            put(f"{corpus.stem}:{i}", row.get("title"), build_article(body=row["text"], title=row.get("title")))
    if dpa is not None and dpa.exists():
        sys.path.insert(0, str(Path(__file__).parent))
        import tags_agency

        for item in tags_agency.dpa_items(dpa):
            put(f"dpa:{item.name}", item.name, item.example.article)
    out.write_text(json.dumps(snap, ensure_ascii=False), encoding="utf-8")
    print(f"{len(snap)} articles' top {top} tags written to {out}")
    return 0


def diff(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    changed = 0
    for key in a.keys() & b.keys():
        old, new = [t[0] for t in a[key][1]], [t[0] for t in b[key][1]]
        if old == new:
            continue
        changed += 1
        gone = "; ".join(f"{t[0]} ({', '.join(t[1])})" for t in a[key][1] if t[0] not in new)
        came = "; ".join(f"{t[0]} ({', '.join(t[1])})" for t in b[key][1] if t[0] not in old)
        if gone or came:
            print(f"{key} {str(a[key][0])[:70]!r}\n    - {gone}\n    + {came}")
        else:
            print(f"{key} {str(a[key][0])[:70]!r} (order only)\n    {', '.join(old)} -> {', '.join(new)}")
    print(f"{changed} of {len(a.keys() & b.keys())} tag lists changed")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("corpus", type=Path)
    d.add_argument("--dpa", type=Path)
    d.add_argument("--top", type=int, default=6)
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.out, args.corpus, args.dpa, args.top)
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
