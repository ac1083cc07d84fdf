"""Where an agency profile's time goes in the tags stage, function by function.

    python benchmarks/profile_parts.py ../shared/data/dpa-samples/digitalwires

Trains an agency profile on the dpa items (as ``benchmarks/tags.py --dpa`` does) and runs the tags
stage on every item without and with it, the two taking turns at going first, with a thin timer
around each of the stage's functions (the candidates' sources, the noise rules, merging, what the
profile adds, the ranker, the subject terms). Prints per function the least of ``--runs`` runs,
summed over the items, in µs an item, without and with the profile and the difference; then the
whole stage's. The timers cost a little of their own, on both sides alike.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FUNCTIONS = (
    "entity_candidates", "hits_outside_spans", "hits_outside_names", "hits_beyond_amounts",
    "hits_outside_town_names", "hits_beyond_dates", "story_countries", "hits_at_home", "named_abroad",
    "topic_candidates", "keyphrase_candidates", "merge_candidates", "fill_evidence_text", "drop_noise",
    "places_above", "associated_candidates", "narrower_named", "subject_evidence", "select_tags",
)
"""The functions of :mod:`tagwerk.stages.tags` timed, by their name in that module."""


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import tagwerk.stages.tags as stage_module
    from tags_agency import agency_run
    from tagwerk.topics import topic_hits

    run_ = agency_run(argv, __doc__ or "", runs=30)
    if run_ is None:
        return 2
    config, prepared, profile = run_.config, run_.prepared, run_.profile

    spent: dict[str, int] = {}

    def timed(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter_ns()
            try:
                return f(*a, **k)
            finally:
                spent[name] = spent.get(name, 0) + time.perf_counter_ns() - t0
        return run

    for name in FUNCTIONS:
        setattr(stage_module, name, timed(name, getattr(stage_module, name)))
    sides = {"without": stage_module.Tags(config), "with": stage_module.Tags(config, profile=profile)}
    subjects = sides["with"].profile.subjects
    if subjects is not None:
        subjects.choose_terms = timed("Subjects.choose_terms", subjects.choose_terms)  # type: ignore[method-assign]
    sides["with"].profile.score = timed("Profile.score", sides["with"].profile.score)  # type: ignore[method-assign]

    total: dict[tuple[str, str], int] = {}
    gc.disable()  # as timeit does
    try:
        for p in prepared:
            best: dict[tuple[str, str], int] = {}
            for run in range(run_.runs):
                for side in (("without", "with") if run % 2 else ("with", "without")):
                    stage = sides[side]
                    p.work.topic_hits = None
                    topic_hits(p.work, stage.vocab)
                    spent.clear()
                    t0 = time.perf_counter_ns()
                    stage(p.work)
                    spent["(the whole stage)"] = time.perf_counter_ns() - t0
                    for name, ns in spent.items():
                        best[(side, name)] = min(best.get((side, name), ns), ns)
            for key, ns in best.items():
                total[key] = total.get(key, 0) + ns
    finally:
        gc.enable()
    n = len(prepared)
    names = sorted({name for _, name in total}, key=lambda x: -total.get(("with", x), 0))
    print(f"{n} dpa items, agency profile trained on them; µs an item, least of {run_.runs} runs, summed")
    print(f"{'function':28s} {'without':>9s} {'with':>9s} {'difference':>11s}")
    for name in names:
        a, b = total.get(("without", name), 0) / n / 1000, total.get(("with", name), 0) / n / 1000
        print(f"{name:28s} {a:9.1f} {b:9.1f} {b - a:+11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
