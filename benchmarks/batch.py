"""Batch throughput: 1 vs 2 worker processes, Dask LocalCluster vs process pool, peak RSS.

Replicates the background corpus (German Wikinews) to ``--articles`` records with unique ids,
then runs ``tagwerk.batch.run_batch`` over it and prints words/s and articles/s per
configuration, the 2-worker speed-up, the peak RSS of each worker process, the Dask to
pool time ratio and the words/s per core of the whole analysis.

    python benchmarks/batch.py                       # 10,000 articles, every installed stage
    python benchmarks/batch.py --limit 500           # a quick run
    python benchmarks/batch.py --stages tokens,ner   # a subset of stages

Targets (issue 8): 2 workers >= 1.7x one; peak RSS per worker <= 600 MB; Dask within 15 %
of the pool; >= 5,000 words/s per core of the whole analysis. Times include starting the
workers and loading their models, as a user's run would. On a shared machine run it when
the cores are idle: the speed-up needs two free cores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

# one core per worker, in-process runs included (Dask and the pool's workers set the same)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import psutil  # noqa: E402

from tagwerk.batch import BatchOptions, run_batch  # noqa: E402
from tagwerk.pipeline import AnalyzerConfig  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "background" / "dewikinews-850.jsonl"


def replicate(src: Path, dest: Path, n: int) -> tuple[int, int]:
    """Write ``n`` records cycling through ``src``, ids made unique; returns (records, words)."""
    records = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with dest.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(records[i % len(records)])
            rec["id"] = f"{rec.get('id', i)}-r{i // len(records)}"
            words += len(((rec.get("title") or "") + " " + rec["text"]).split())
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n, words


def _sample(root: int, every: float, conn) -> None:
    """The sampler process: every ``every`` s, RSS and CPU of ``root`` and its descendants, until told to stop."""
    me = psutil.Process(root)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    tree_peaks: dict[int, float] = {}
    while not conn.poll(every):
        try:
            children = me.children(recursive=True)
        except psutil.Error:
            break
        rss_now: dict[int, float] = {}
        parent: dict[int, int] = {}
        for p in [me, *children]:
            try:
                with p.oneshot():
                    rss_now[p.pid] = p.memory_info().rss / 2**20
                    cpu[p.pid] = sum(p.cpu_times()[:2])
                    parent[p.pid] = p.ppid()
            except psutil.Error:
                continue
            peaks[p.pid] = max(peaks.get(p.pid, 0.0), rss_now[p.pid])
        # a worker's memory is its process and its descendants (a Dask worker and its
        # analysis process); attribute each process to its top-level ancestor below root
        tree: dict[int, float] = {}
        for pid, mb in rss_now.items():
            top = pid
            while parent.get(top) not in (root, None) and top != root:
                top = parent[top]
            if top != root:
                tree[top] = tree.get(top, 0.0) + mb
        for top, mb in tree.items():
            tree_peaks[top] = max(tree_peaks.get(top, 0.0), mb)
    conn.send((peaks, cpu, tree_peaks))


class RssSampler:
    """Samples RSS and CPU time of this process and its descendants from a separate
    process (a sampling thread here would make this process multi-threaded, which slows
    spaCy's NER by about 15 %; see tagwerk.batch.cluster.AnalysisProcess): each process's
    peak RSS (MB), each worker's peak RSS with its own child processes, and CPU seconds
    (user + system). CPU time is what a shared machine cannot distort: words per CPU
    second is the throughput of one idle core."""

    def __init__(self, every: float = 0.25) -> None:
        import multiprocessing as mp

        self.every = every
        self.peaks: dict[int, float] = {}
        self.tree_peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self._cpu0 = sum(psutil.Process().cpu_times()[:2])
        self._conn, child = mp.Pipe()
        self._proc = mp.get_context("spawn").Process(target=_sample, args=(os.getpid(), every, child), daemon=True)

    def __enter__(self) -> RssSampler:
        self._proc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.send("stop")
        self.peaks, self.cpu, self.tree_peaks = self._conn.recv()
        self._proc.join()
        self.peaks.pop(self._proc.pid, None)
        self.tree_peaks.pop(self._proc.pid, None)
        self.cpu.pop(self._proc.pid, None)
        self.cpu[os.getpid()] = sum(psutil.Process().cpu_times()[:2]) - self._cpu0


def run_one(label: str, inp: Path, out: Path, config: AnalyzerConfig | None, progress: bool = False, **kw) -> dict:
    from tagwerk.batch.progress import LogProgress, RichProgress

    reporter = RichProgress() if progress else LogProgress(lambda line: print(f"tagwerk: {line}", file=sys.stderr), every=30.0)
    t0 = time.perf_counter()
    with RssSampler() as rss:
        try:
            result = run_batch(BatchOptions(inputs=(str(inp),), out=out, config=config, resume=False, **kw), progress=reporter)
        finally:
            reporter.close()
    wall = time.perf_counter() - t0
    s = result.stats
    me = os.getpid()
    workers = {pid: mb for pid, mb in rss.tree_peaks.items() if pid != me and mb > 150}  # skip tiny helpers
    cpu = sum(rss.cpu.values())
    row = {
        "run": label,
        "articles": s.ok,
        "failed": s.failed,
        "words": s.words,
        "seconds": round(wall, 2),
        "articles_per_s": round(s.ok / wall, 1),
        "words_per_s": round(s.words / wall),
        "cpu_seconds": round(cpu, 1),
        "words_per_cpu_s": round(s.words / cpu) if cpu else None,
        "peak_rss_mb_driver": round(rss.peaks.get(me, 0.0)),
        "peak_rss_mb_per_worker": round(max(workers.values())) if workers else round(rss.peaks.get(me, 0.0)),
    }
    print(
        f"{label:<18} {s.ok:>7,} art {wall:>8.1f} s {row['articles_per_s']:>8.1f} art/s "
        f"{row['words_per_s']:>8,} words/s  peak RSS/worker {row['peak_rss_mb_per_worker']:>5} MB"
        f"  (driver {row['peak_rss_mb_driver']} MB, {s.failed} failed; {cpu:,.0f} CPU s, "
        f"{row['words_per_cpu_s']:,} words per CPU s)",
        flush=True,
    )
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="JSON Lines background corpus")
    ap.add_argument("--articles", type=int, default=10_000, help="replicate the corpus to this many records")
    ap.add_argument("--limit", type=int, default=None, help="quick run: only this many records")
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: every installed stage)")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    ap.add_argument("--workers", default="1,2", help="worker counts for the process pool runs")
    ap.add_argument("--progress", action="store_true", help="show the progress bar of tagwerk batch")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    n = args.limit or args.articles
    config = AnalyzerConfig(stages=tuple(s.strip() for s in args.stages.split(","))) if args.stages else None
    from tagwerk.pipeline import DEFAULT_STAGES, registered_stages

    stages = list(config.stages) if config else [s for s in DEFAULT_STAGES if s in registered_stages()]
    print(f"tagwerk batch benchmark: {n:,} articles from {args.corpus.name}, stages {', '.join(stages)}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="tagwerk-bench-") as tmp:
        inp = Path(tmp) / "corpus.jsonl"
        replicate(args.corpus, inp, n)
        for w in [int(x) for x in args.workers.split(",")]:
            label = f"pool, {w} worker{'s' if w > 1 else ''}"
            rows.append(run_one(label, inp, Path(tmp) / f"pool{w}.jsonl", config, args.progress, workers=w))
        if not args.no_dask:
            w = max(int(x) for x in args.workers.split(","))
            rows.append(run_one(f"dask local, {w}", inp, Path(tmp) / "dask.jsonl", config, args.progress, workers=w, dask="local"))
    by = {r["run"]: r for r in rows}
    one = next((r for r in rows if r["run"] == "pool, 1 worker"), None)
    two = next((r for r in rows if r["run"] == "pool, 2 workers"), None)
    dask = next((r for r in rows if r["run"].startswith("dask")), None)
    summary: dict[str, float] = {}
    if one:
        summary["words_per_s_per_core"] = one["words_per_s"]
        print(f"words/s per core (1 worker, whole analysis): {one['words_per_s']:,}   target >= 5,000")
    if one:
        summary["words_per_cpu_s"] = one["words_per_cpu_s"]
        print(f"words per CPU second (1 worker, = one idle core): {one['words_per_cpu_s']:,}   target >= 5,000")
    if one and two:
        summary["speedup_2_workers"] = round(one["seconds"] / two["seconds"], 2)
        print(f"speed-up 2 workers / 1 (wall time): {summary['speedup_2_workers']:.2f}x   target >= 1.7x")
        # on two idle cores the 2-worker run takes its total CPU time / 2
        summary["speedup_2_workers_cpu"] = round(2 * one["cpu_seconds"] / two["cpu_seconds"], 2)
        print(f"speed-up on 2 idle cores (from CPU time): {summary['speedup_2_workers_cpu']:.2f}x")
    pool = two or one
    if dask and pool:
        summary["dask_time_over_pool"] = round(dask["seconds"] / pool["seconds"], 2)
        print(f"Dask LocalCluster time / process pool time: {summary['dask_time_over_pool']:.2f}   target <= 1.15")
        summary["dask_cpu_over_pool"] = round(dask["cpu_seconds"] / pool["cpu_seconds"], 2)
        print(f"Dask LocalCluster CPU time / process pool CPU time: {summary['dask_cpu_over_pool']:.2f}")
    summary["peak_rss_mb_per_worker"] = max(r["peak_rss_mb_per_worker"] for r in rows)
    print(f"peak RSS per worker: {summary['peak_rss_mb_per_worker']} MB   target <= 600 MB")
    print(f"load average now: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (wall-time ratios need idle cores)")
    if args.json:
        args.json.write_text(json.dumps({"runs": list(by.values()), "summary": summary}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
