"""Long articles up to the size limit: analysis time, peak memory and the time limit (issue 35, D2).

Each size runs in a fresh process (so that its peak resident memory is its own): an article of
that many characters, made of German news paragraphs written for tagwerk's tests
(``tests/fuzz_support.py``), repeated with numbers changed, analysed with every stage. Prints
the seconds of each stage, the total, words per second and the peak RSS. Then one article of
the largest size analysed under a 5-second time limit: it must stop with an
``AnalysisTimeoutError`` soon after the limit (printed: how long after).

    python benchmarks/limits.py                          # 250,000, 1,000,001 and 2,000,000 characters
    python benchmarks/limits.py --sizes 100000 500000     # other sizes
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def long_text(chars: int) -> str:
    sys.path.insert(0, str(ROOT / "tests"))
    from fuzz_support import SEED_ARTICLES

    paras = [p for text in SEED_ARTICLES for p in text.split("\n\n")[1:] if len(p) > 80]
    out = ["Eine sehr lange Meldung"]
    size = len(out[0])
    i = 0
    while size < chars:
        p = paras[i % len(paras)].replace("2024", str(1990 + i % 40))
        out.append(p)
        size += len(p) + 2
        i += 1
    return "\n\n".join(out)[:chars].rstrip() + "."


class Timed:
    """A stage that adds its seconds to ``times[name]`` (the Analyzer calls it like the stage)."""

    def __init__(self, stage, name: str, times: dict[str, float]) -> None:  # noqa: ANN001
        self.stage, self.name, self.times = stage, name, times
        self.version_suffix, self.memory_zone = stage.version_suffix, stage.memory_zone

    def __call__(self, work) -> None:  # noqa: ANN001
        t = time.perf_counter()
        try:
            self.stage(work)
        finally:
            self.times[self.name] = self.times.get(self.name, 0.0) + time.perf_counter() - t

    def pipe(self, works):  # noqa: ANN001, ANN201
        from tagwerk.pipeline import Stage

        return Stage.pipe(self, works)  # type: ignore[arg-type]


def child(chars: int, time_limit: float | None) -> None:
    import resource

    from tagwerk.article import parse_text
    from tagwerk.errors import AnalysisTimeoutError
    from tagwerk.pipeline import Analyzer, AnalyzerConfig

    analyzer = Analyzer(AnalyzerConfig(time_limit=time_limit))
    analyzer.analyze("Berlin (dpa) - Ein kurzer Text zum Aufwärmen. Die Regierung tagte.")
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    article = parse_text(long_text(chars))
    stage_times: dict[str, float] = {}
    analyzer._stages = [(spec, Timed(stage, spec.name, stage_times)) for spec, stage in analyzer._stages]
    t0 = time.perf_counter()
    try:
        analysis = analyzer.analyze(article)
        outcome = f"{len(analysis.tokens):,} tokens, {len(analysis.entities):,} entities, {len(analysis.tags)} tags"
    except AnalysisTimeoutError as exc:
        outcome = f"AnalysisTimeoutError: {exc}"
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = len(article.text.split())
    print(json.dumps({"chars": len(article.text), "words": words, "seconds": wall, "stages": stage_times,
                      "peak_mb": peak, "base_mb": base_rss, "outcome": outcome}))


def run_child(chars: int, time_limit: float | None) -> dict:
    cmd = [sys.executable, __file__, "--child", str(chars)] + (["--time-limit", str(time_limit)] if time_limit else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[250_000, 1_000_001, 2_000_000])
    ap.add_argument("--limit-test", type=float, default=5.0, help="time limit (s) of the last run")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--time-limit", type=float, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.time_limit)
        return
    print(f"{'chars':>10} {'words':>9} {'seconds':>8} {'words/s':>8} {'peak MB':>8} {'+MB':>6}  stages (s)")
    for size in args.sizes:
        r = run_child(size, None)
        stages = " ".join(f"{k}={v:.1f}" for k, v in r["stages"].items())
        print(f"{r['chars']:>10,} {r['words']:>9,} {r['seconds']:>8.1f} {r['words'] / r['seconds']:>8,.0f} "
              f"{r['peak_mb']:>8,.0f} {r['peak_mb'] - r['base_mb']:>6,.0f}  {stages}  ({r['outcome']})", flush=True)
    size = max(args.sizes)
    r = run_child(size, args.limit_test)
    print(f"time limit {args.limit_test:g} s on {r['chars']:,} characters: stopped after {r['seconds']:.1f} s "
          f"({r['seconds'] - args.limit_test:+.1f} s over the limit): {r['outcome']}")


if __name__ == "__main__":
    main()
