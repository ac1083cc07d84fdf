"""Coreference against the team's own gold (``benchmarks/coref_gold.json``), and the coref
stage's share of the analysis time.

Usage::

    python benchmarks/coref.py [benchmarks/coref_gold.json] [--timing ../shared/data/background/dewikinews-850.jsonl --limit 200]

Each paragraph runs through the default stages up to ``coref``. A system chain is an
entity's names (mentions, not derived, not part) plus its references; a gold mention counts
as found by the system mention that overlaps it (names differ in their span: ``Bundeskanzler
Friedrich Merz`` / ``Friedrich Merz``). Scores are over the gold mentions (the gold's chains
and the words that must stay unresolved); a gold mention the system leaves out is a singleton
of the response. Prints MUC and B-cubed P/R/F1 for the names alone (the entities stage: what
there was before the coref stage) and with the references. ``--timing`` analyses the first
``--limit`` articles of a JSONL file (``text`` field) with every default stage and prints
each stage's share of the time.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from tagwerk.analysis import Analysis
from tagwerk.article import parse_text
from tagwerk.pipeline import DEFAULT_STAGES, AnalyzerConfig, Work, registered_stages

GOLD = Path(__file__).with_name("coref_gold.json")


def muc(key: list[set[int]], response: list[set[int]]) -> tuple[float, float]:
    """MUC recall of ``response`` against ``key`` (swap the two for precision)."""
    num = den = 0
    for k in key:
        if len(k) < 2:
            continue
        parts = 0
        rest = set(k)
        for r in response:
            if r & rest:
                parts += 1
                rest -= r
        parts += len(rest)  # each mention the response left out is a part of its own
        num += len(k) - parts
        den += len(k) - 1
    return num, den


def b_cubed(key: list[set[int]], response: list[set[int]]) -> tuple[float, float]:
    """B-cubed recall of ``response`` against ``key`` (swap for precision), summed over mentions."""
    of = {m: r for r in response for m in r}
    total = 0.0
    n = 0
    for k in key:
        for m in k:
            r = of.get(m, {m})
            total += len(k & r) / len(k)
            n += 1
    return total, n


def prf(p_num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def system_chains(analysis: Analysis, gold_spans: list[tuple[int, int]], with_refs: bool) -> list[set[int]]:
    """The system's chains as sets of gold mention indexes (each gold mention in one chain)."""
    taken: set[int] = set()
    chains = []
    for e in analysis.entities:
        spans = [(m.start, m.end) for m in e.mentions if not m.derived and not m.part]
        if with_refs:
            spans += [(r.start, r.end) for r in e.references]
        chain = set()
        for s, t in spans:
            for gi, (a, b) in enumerate(gold_spans):
                if gi not in taken and s < b and a < t:
                    chain.add(gi)
                    taken.add(gi)
                    break
        if chain:
            chains.append(chain)
    chains += [{gi} for gi in range(len(gold_spans)) if gi not in taken]
    return chains


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, nargs="?", default=GOLD)
    ap.add_argument("--timing", type=Path, help="a JSONL corpus (text field) for the per-stage time shares")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--errors", action="store_true", help="print the gold mentions each paragraph gets wrong")
    args = ap.parse_args(argv)

    registry = registered_stages()
    config = AnalyzerConfig()
    names = [s for s in DEFAULT_STAGES if s in registry]
    upto = names[: names.index("coref") + 1]
    stages = [(n, registry[n].build(config)) for n in names]

    data = json.loads(args.gold.read_text(encoding="utf-8"))
    sums = {k: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0] for k in ("names", "coref")}
    for para in data["paragraphs"]:
        work = Work(Analysis(article=parse_text(para["text"])))
        for n, stage in stages:
            if n in upto:
                stage(work)
                work.analysis.stages[n] = registry[n].version
        gold_spans: list[tuple[int, int]] = []
        key: list[set[int]] = []
        for c in para["chains"]:
            key.append({len(gold_spans) + i for i in range(len(c["mentions"]))})
            gold_spans += [(s, e) for s, e, _ in c["mentions"]]
        for s, e, _ in para["unresolved"]:
            key.append({len(gold_spans)})
            gold_spans.append((s, e))
        for label, with_refs in (("names", False), ("coref", True)):
            resp = system_chains(work.analysis, gold_spans, with_refs)
            acc = sums[label]
            r_num, r_den = muc(key, resp)
            p_num, p_den = muc(resp, key)
            br, bn = b_cubed(key, resp)
            bp, _ = b_cubed(resp, key)
            for i, v in enumerate((p_num, p_den, r_num, r_den, bp, bn, br, bn)):
                acc[i] += v
            if args.errors and with_refs:
                chain_of = {m: ci for ci, k in enumerate(key) for m in k}
                for r in resp:
                    if len({chain_of[m] for m in r}) > 1 or any(len(key[chain_of[m]]) > 1 and not (key[chain_of[m]] - {m}) & r for m in r):
                        print(para["id"], "|", " / ".join(para["text"][gold_spans[m][0] : gold_spans[m][1]] for m in sorted(r)))
    print(f"coreference gold {args.gold.name}: {len(data['paragraphs'])} paragraphs, "
          f"{sum(len(c['mentions']) for p in data['paragraphs'] for c in p['chains'])} chain mentions")
    print(f"{'':<28}{'MUC P':>7}{'R':>7}{'F1':>7}{'B3 P':>8}{'R':>7}{'F1':>7}")
    for label, title in (("names", "names only (entities stage)"), ("coref", "names + coref references")):
        a = sums[label]
        mp, mr, mf = prf(a[0], a[1], a[2], a[3])
        bp, br, bf = prf(a[4], a[5], a[6], a[7])
        print(f"{title:<28}{mp:>7.3f}{mr:>7.3f}{mf:>7.3f}{bp:>8.3f}{br:>7.3f}{bf:>7.3f}")

    if args.timing:
        stage_time: dict[str, float] = defaultdict(float)
        n_docs = 0
        with args.timing.open(encoding="utf-8") as fh:
            for line in fh:
                if n_docs >= args.limit:
                    break
                rec = json.loads(line)
                text = rec.get("text") or rec.get("originalText") or ""
                if not text.strip():
                    continue
                n_docs += 1
                work = Work(Analysis(article=parse_text(text)))
                for n, stage in stages:
                    t0 = time.perf_counter()
                    stage(work)
                    stage_time[n] += time.perf_counter() - t0
                    work.analysis.stages[n] = registry[n].version
        total = sum(stage_time.values())
        print(f"time on {n_docs} articles of {args.timing.name}: " + ", ".join(f"{n} {stage_time[n]:.2f}s" for n in names))
        print(f"coref = {stage_time['coref'] / total:.1%} of the whole analysis (limit 15%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
