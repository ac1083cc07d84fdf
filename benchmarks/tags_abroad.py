"""German institutions among the tags of stories set elsewhere (issue #31, ``country`` in topics.yaml).

For the first N articles of a JSON Lines corpus (``text``, ``title``), lists every article whose
top 6 tags hold a topic that is a country's institution (the Deutsche Bahn, the Bundesrat), with
the countries of the places the story names, and counts those whose places all lie elsewhere:
what an editor deletes, unless the text names the institution itself (the Bundeswehr in Mali).
Where a story is set is read from its places alone (the rule also counts the parties it names).

    python benchmarks/tags_abroad.py ../shared/data/background/dewikinews-850.jsonl --limit 400

``--topics`` reads which topics are institutions from another ``topics.yaml`` (its ``country``
fields), so that code from before the rule can be measured the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="JSON Lines with text and title")
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--skip", type=int, default=0, help="start after this many articles")
    ap.add_argument("--top", type=int, default=6)
    ap.add_argument("--topics", type=Path, help="the topics.yaml whose country fields name the institutions (default: the shipped one)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}: nothing to measure")
        return 0

    import yaml

    from tagwerk.article import build_article
    from tagwerk.pipeline import Analyzer
    from tagwerk.stages.tags import _load_kb
    from tagwerk.topics import default_path, tag_key

    analyzer = Analyzer()
    kb = _load_kb(analyzer.config)
    spec = yaml.safe_load((args.topics or default_path()).read_text(encoding="utf-8"))
    countries = {tag_key(t["name"]): str(t["country"]) for t in spec.get("topics") or [] if isinstance(t, dict) and t.get("country")}
    rows = [json.loads(x) for x in args.corpus.read_text(encoding="utf-8").splitlines() if x.strip()][args.skip : args.skip + args.limit]
    shown = abroad = 0
    for i, row in enumerate(rows):
        a = analyzer.analyze(build_article(body=row["text"], title=row.get("title")))
        found = [t for t in a.tags[: args.top] if tag_key(t.name) in countries]
        if not found:
            continue
        setting = _setting(a.entities, kb)
        elsewhere = [t.name for t in found if setting and countries[tag_key(t.name)] not in setting]
        shown += 1
        abroad += bool(elsewhere)
        evidence = "; ".join(f"{t.name}: {', '.join(e.text for e in t.evidence[:3])}" for t in found)
        mark = "ABROAD " if elsewhere else "       "
        print(f"{args.skip + i:4d} {mark}{(row.get('title') or '')[:60]!r} [{', '.join(sorted(setting))}] {evidence}")
    print(f"{len(rows)} articles: {shown} with a country's institution among the top {args.top} tags, "
          f"{abroad} of them in a story whose places all lie elsewhere")
    return 0


def _setting(entities, kb) -> set[str]:  # noqa: ANN001
    """The countries of the places the story names that the KB knows: this measure's own yardstick,
    plainer than the rule's (which counts the parties named too), and readable by code from
    before the rule."""
    entries = (kb.get(e.id) or (kb.get(e.kb_id) if e.kb_id else None) for e in entities if e.type == "LOC") if kb is not None else ()
    return {entry.country for entry in entries if entry is not None and entry.country}


if __name__ == "__main__":
    sys.exit(main())
