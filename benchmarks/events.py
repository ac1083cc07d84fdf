"""Precision of the events stage on events judged by hand (issue #33); prints figures, asserts nothing.

    python benchmarks/events.py                         # precision on benchmarks/events_judgments.json
    python benchmarks/events.py --sample --seed 34      # print a fresh sample (with its sentences) to judge

The events of the background corpus (``../shared/data/background``) are extracted by the current
code (:func:`tagwerk.stages.events.extract_events` over analyses made once with the default
Analyzer; ``--cache FILE`` keeps them). A seeded sample of up to 8 events of each type was judged by
reading each event's sentence (and, where needed, its article): is it an event of that type the
article reports or announces (``event``), are all participants actors of it, is the place right
(or rightly absent), is the date right (or rightly open)? The judgments keep article ids, offsets,
the trigger word and the judged fields, never the text. Events that no longer come out, or come
out with other fields than were judged, are counted apart.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from tagwerk.analysis import Analysis, Event  # noqa: E402
from tagwerk.stages.events import extract_events  # noqa: E402

SHARED = ROOT.parent / "shared"
PER_TYPE = 8


def load(path: Path, cache: Path | None) -> list[Analysis]:
    if cache is not None and cache.exists():
        return [Analysis.from_json(line) for line in cache.open(encoding="utf-8")]
    from tagwerk.errors import ArticleError
    from tagwerk.pipeline import Analyzer
    from tagwerk.readers import read_paths

    out = [a for a in Analyzer().try_analyze_many(read_paths([str(path)])) if not isinstance(a, ArticleError)]
    if cache is not None:
        with cache.open("w", encoding="utf-8") as fh:
            for a in out:
                fh.write(a.to_json() + "\n")
    return out


def fields(ev: Event) -> dict:
    return {
        "participants": [p.name for p in ev.participants],
        "place": ev.place.name if ev.place else None,
        "date": ev.date,
    }


def all_events(analyses: list[Analysis]) -> list[tuple[Analysis, Event]]:
    return [(a, ev) for a in analyses for ev in extract_events(a)]


def sample(events: list[tuple[Analysis, Event]], seed: int) -> list[tuple[Analysis, Event]]:
    rng = random.Random(seed)
    by_type: dict[str, list[tuple[Analysis, Event]]] = defaultdict(list)
    for item in events:
        by_type[item[1].type].append(item)
    out = []
    for etype in sorted(by_type):
        out += rng.sample(by_type[etype], min(PER_TYPE, len(by_type[etype])))
    return out


def print_sample(events: list[tuple[Analysis, Event]], seed: int) -> None:
    for a, ev in sample(events, seed):
        f = fields(ev)
        print(f"## {a.article.id} {a.article.date} start={ev.trigger.start} {ev.type} trigger={ev.trigger.text!r} "
              f"participants={f['participants']} place={f['place']} date={f['date']} planned={ev.planned}")
        print("   ", a.sentences[ev.sentence].text[:500])


def score(events: list[tuple[Analysis, Event]], judgments: dict) -> None:
    current = {(a.article.id, ev.trigger.start, ev.type): ev for a, ev in events}
    n = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    for j in judgments["events"]:
        key = (j["article"], j["start"], j["type"])
        ev = current.get(key)
        if ev is None:
            n["gone"] += 1
            continue
        v = j["verdict"]
        n["judged"] += 1
        n["event"] += v["event"]
        per_type[j["type"]]["judged"] += 1
        per_type[j["type"]]["event"] += v["event"]
        if not v["event"]:
            continue
        same = fields(ev) == {k: j[k] for k in ("participants", "place", "date")}
        if not same:
            n["changed"] += 1
            continue
        n["fields"] += 1
        for name in ("participants", "place", "date"):
            n[name] += v[name]
        n["all"] += v["participants"] and v["place"] and v["date"]
    kinds = ", ".join(f"{t} {c}" for t, c in sorted(Counter(e.type for _, e in events).items()))
    print(f"events of the background corpus: {len(events)} ({kinds})")
    print(f"judged by hand: {len(judgments['events'])} (seed {judgments['seed']}); still found: {n['judged']}, "
          f"no longer found: {n['gone']}")
    if n["judged"]:
        print(f"precision (a real event of that type): {n['event'] / n['judged']:.3f}  ({n['event']}/{n['judged']})")
    for etype, c in sorted(per_type.items()):
        print(f"  {etype:<12} {c['event']}/{c['judged']}")
    if n["fields"]:
        print(f"of the right events with the judged fields ({n['fields']}; {n['changed']} changed since):")
        for name in ("participants", "place", "date"):
            print(f"  {name:<13} right {n[name] / n['fields']:.3f}  ({n[name]}/{n['fields']})")
        print(f"  all three     right {n['all'] / n['fields']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--background", type=Path, default=SHARED / "data/background/dewikinews-850.jsonl")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--judgments", type=Path, default=HERE / "events_judgments.json")
    ap.add_argument("--sample", action="store_true", help="print a sample to judge instead of scoring")
    ap.add_argument("--seed", type=int, default=34)
    args = ap.parse_args()
    if not args.background.exists():
        print(f"skipped: {args.background} is absent")
        return
    events = all_events(load(args.background, args.cache))
    if args.sample:
        print_sample(events, args.seed)
        return
    score(events, json.loads(args.judgments.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
