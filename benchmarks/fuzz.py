"""Fuzzing every reader and the Analyzer (issue 35): prints inputs, crashes and invariant violations.

hypothesis draws inputs for each reader (text, HTML, JSON, JSON Lines, RSS/Atom, NewsML-G2,
dpa-digitalwires, IPTC 7901): German seed articles of our own, mutated; random Unicode; control
characters, right-to-left text, NUL bytes and lone surrogates; wrong field types; JSON nested up
to 100,000 deep; broken encodings and XML declarations; random byte edits
(``tests/fuzz_support.py``). Each input is read by file name, by sniffing and with the format
forced (one of the three, drawn), then read again. A fixed list of giant inputs (1 MB lines
without a space in every format, JSON nested 100,000 deep, a text over the size limit) runs
first. The Analyzer (every stage) then gets a smaller share: mutated texts and what the readers
made of drawn inputs, each analysed twice.

Invariants: only the documented ``ArticleError`` types come out (an exception, an
``InternalError`` or an undocumented type is a crash); every Article's blocks and dateline, and
every span of every analysis, satisfy ``text[start:end] == span.text``; the same input gives
the same output; articles and analyses can be written as UTF-8 JSON. The goal is 0 crashes and
0 violations; the exit status is 1 otherwise.

    python benchmarks/fuzz.py                              # 100,000 reader inputs, 1,000 analyses
    python benchmarks/fuzz.py --inputs 8000 --analyze 100  # a short run
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz_support import (  # noqa: E402 - tests/ is on the path only now
    DOCUMENTED_ERRORS,
    INPUTS,
    analysis_json,
    analysis_violations,
    article_text,
    fingerprint,
    giant_inputs,
    read_all,
    short,
)
from tagwerk.article import Article  # noqa: E402
from tagwerk.readers import read_bytes  # noqa: E402


class Tally:
    def __init__(self) -> None:
        self.inputs = 0
        self.articles = 0
        self.errors: Counter[str] = Counter()
        self.crashes: list[str] = []
        self.violations: list[str] = []
        self.seconds = 0.0

    def reader_results(self, label: str, data: bytes, results: list[object], problems: list[str]) -> None:
        self.inputs += 1
        for item in results:
            if isinstance(item, Article):
                self.articles += 1
            else:
                self.errors[type(item).__name__] += 1
        for p in problems:
            bucket = self.crashes if p.startswith(("raised", "InternalError", "an undocumented")) else self.violations
            bucket.append(f"{label}: {p} <- {short(data)}")


def fuzz_reader(fmt: str, n: int, rng_seed: int, tally: Tally) -> None:
    strategy, suffix = INPUTS[fmt]

    @seed(rng_seed)
    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=strategy, how=st.sampled_from(["name", "sniff", "forced"]))
    def run(data: bytes, how: str) -> None:
        source = {"name": f"probe{suffix}", "sniff": "-", "forced": "probe"}[how]
        forced = fmt if how == "forced" else None
        results, problems = read_all(lambda: read_bytes(data, source=source, fmt=forced))
        again, _ = read_all(lambda: read_bytes(data, source=source, fmt=forced))
        if not problems and fingerprint(results) != fingerprint(again):
            problems = ["not deterministic: two reads differ"]
        tally.reader_results(f"{fmt}/{how}", data, results, problems)

    run()


def check_analysis(analyzer, items: list, tally: Tally, label: str, what: str) -> None:  # noqa: ANN001
    first = analyzer.analyze_batch(items)
    second = analyzer.analyze_batch(items)
    for a, b in zip(first, second, strict=True):
        tally.inputs += 1
        if isinstance(a, Exception):
            if isinstance(a, DOCUMENTED_ERRORS):
                tally.errors[type(a).__name__] += 1
            else:
                tally.crashes.append(f"{label}: {type(a).__name__}: {a} <- {what}"[:500])
            continue
        tally.articles += 1
        problems = analysis_violations(a)
        if isinstance(b, Exception) or analysis_json(a) != analysis_json(b):
            problems.append("not deterministic: two analyses differ")
        tally.violations.extend(f"{label}: {p} <- {what}"[:500] for p in problems[:3])


def fuzz_analyzer(analyzer, n: int, rng_seed: int, tally: Tally) -> None:  # noqa: ANN001
    readers = st.one_of(*(s for s, _ in INPUTS.values()))

    @seed(rng_seed)
    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(text=article_text, data=readers, which=st.booleans())
    def run(text: str, data: bytes, which: bool) -> None:
        if which:
            check_analysis(analyzer, [text], tally, "analyze/text", repr(text[:120]))
        else:
            articles = [r for r in read_bytes(data, source="-") if isinstance(r, Article)][:2]
            if articles:
                check_analysis(analyzer, articles, tally, "analyze/read", short(data))
            else:
                check_analysis(analyzer, [text], tally, "analyze/text", repr(text[:120]))

    run()


def main() -> None:
    import warnings

    warnings.simplefilter("ignore")  # feedparser's deprecation notes, once per entry
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=100_000, help="reader inputs drawn, shared by the 8 readers")
    ap.add_argument("--analyze", type=int, default=1_000, help="draws for the Analyzer (each one or two articles, analysed twice)")
    ap.add_argument("--seed", type=int, default=35)
    ap.add_argument("--no-giants", action="store_true", help="skip the giant inputs")
    args = ap.parse_args()

    tallies: dict[str, Tally] = {}
    if not args.no_giants:
        t = tallies["giant inputs"] = Tally()
        start = time.perf_counter()
        for name, file_name, data in giant_inputs():
            for source in (file_name, "-"):
                results, problems = read_all(lambda data=data, source=source: read_bytes(data, source=source))
                t.reader_results(f"giant/{name}", data, results, problems)
        t.seconds = time.perf_counter() - start
        print(f"giant inputs: {t.inputs} reads in {t.seconds:.1f} s", flush=True)
    per_reader = max(1, args.inputs // len(INPUTS))
    for i, fmt in enumerate(INPUTS):
        t = tallies[fmt] = Tally()
        start = time.perf_counter()
        fuzz_reader(fmt, per_reader, args.seed + i, t)
        t.seconds = time.perf_counter() - start
        print(f"{fmt}: {t.inputs:,} inputs in {t.seconds:.0f} s", flush=True)
    if args.analyze:
        from tagwerk.pipeline import Analyzer

        analyzer = Analyzer()
        t = tallies["analyze (all stages)"] = Tally()
        start = time.perf_counter()
        fuzz_analyzer(analyzer, args.analyze, args.seed + 100, t)
        if not args.no_giants:  # the 1 MB lines of text, analysed (about 20 s each)
            giants = [d for name, _, d in giant_inputs() if name in ("1 MB line, text", "1 MB line, ASCII text")]
            for data in giants:
                arts = [r for r in read_bytes(data, source="lang.txt") if isinstance(r, Article)]
                check_analysis(analyzer, arts, t, "analyze/giant", short(data))
        t.seconds = time.perf_counter() - start
        print(f"analyze: {t.inputs:,} articles in {t.seconds:.0f} s", flush=True)

    print()
    print(f"{'target':<22} {'inputs':>8} {'articles':>9} {'typed errors':>12} {'crashes':>8} {'violations':>10} {'inputs/s':>9}")
    total = Tally()
    for name, t in tallies.items():
        print(f"{name:<22} {t.inputs:>8,} {t.articles:>9,} {sum(t.errors.values()):>12,} {len(t.crashes):>8} "
              f"{len(t.violations):>10} {t.inputs / max(t.seconds, 1e-9):>9,.0f}")
        total.inputs += t.inputs
        total.articles += t.articles
        total.errors.update(t.errors)
        total.crashes += t.crashes
        total.violations += t.violations
        total.seconds += t.seconds
    reader_inputs = sum(t.inputs for n, t in tallies.items() if not n.startswith("analyze"))
    print(f"{'total':<22} {total.inputs:>8,} {total.articles:>9,} {sum(total.errors.values()):>12,} {len(total.crashes):>8} "
          f"{len(total.violations):>10}   ({reader_inputs:,} reader inputs, {total.seconds:.0f} s)")
    print("typed errors: " + ", ".join(f"{k} {v:,}" for k, v in total.errors.most_common()))
    for title, found in (("crashes", total.crashes), ("invariant violations", total.violations)):
        if found:
            print(f"\n{title} (first 20 of {len(found)}):")
            for line in found[:20]:
                print("  " + line)
    sys.exit(1 if total.crashes or total.violations else 0)


if __name__ == "__main__":
    main()
