"""A profile's cost inside whole analyses, stage by stage, as a run with ``--profile`` pays it.

    python benchmarks/profile_in_pipeline.py ../shared/data/dpa-samples/digitalwires

Trains an agency profile on the dpa items (as ``benchmarks/tags.py --dpa`` does), saves it,
then analyses every item with two Analyzers, one without and one with ``--profile``: per item
and stage the least of ``--runs`` runs (wall time; the two take turns at going first). Prints
each stage's ms/article without and with the profile and the difference. ``benchmarks/tags.py``
times the tags stage alone, on the same article again and again, so its tables stay in the
CPU's caches; here the other stages run in between, as in any real run, and what the profile
reads comes cold. The stages a profile does not change show how far the two sides drift on
this machine.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from tags import timed_analyzer
    from tags_agency import agency_run
    from tagwerk.profiles import save_profile

    run_ = agency_run(argv, __doc__ or "", runs=8)
    if run_ is None:
        return 2
    config, items, plain, profile = run_.config, run_.items, run_.analyzer, run_.profile
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dpa.profile.json"
        save_profile(profile, path)
        sides = {"without": plain, "with": timed_analyzer(dataclasses.replace(config, profile=str(path)))}
        articles = [it.example.article for it in items]
        for analyzer, _ in sides.values():
            analyzer.analyze(articles[0])  # lazy loads
        best: dict[tuple[str, str, int], float] = {}
        for run in range(run_.runs):
            for side in (("without", "with") if run % 2 else ("with", "without")):
                analyzer, times = sides[side]
                for i, art in enumerate(articles):
                    times.clear()
                    analyzer.analyze(art)
                    for stage, t in times.items():
                        best[(side, stage, i)] = min(best.get((side, stage, i), float("inf")), t)
    total: dict[tuple[str, str], float] = {}
    for (side, stage, _), t in best.items():
        total[(side, stage)] = total.get((side, stage), 0.0) + t
    n = len(articles)
    print(f"{n} dpa items, agency profile trained on them; ms/article, least of {run_.runs} runs in whole analyses")
    print(f"{'stage':12s} {'without':>9s} {'with':>9s} {'difference':>18s}")
    for stage in dict.fromkeys(s for _, s in total):
        a, b = 1000 * total[("without", stage)] / n, 1000 * total[("with", stage)] / n
        print(f"{stage:12s} {a:9.3f} {b:9.3f} {b - a:+9.3f} ({100 * (b - a) / a:+5.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
