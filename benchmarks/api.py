"""HTTP API latency: ``POST /analyze`` with ~400-word articles, N concurrent clients on loopback.

Starts ``tagwerk serve`` in a child process on a free port (a fresh SQLite file, every
installed stage unless ``--stages``), warms it up, then sends distinct 400-word articles
cut from the background corpus from ``--clients`` threads, each with its own keep-alive
connection, and prints p50/p90/p99 latency and requests/s. Each request carries a
different text, so no cache can help. A one-client run is printed first as the baseline.

    python benchmarks/api.py                       # 8 clients, 200 requests, 1 analysis process
    python benchmarks/api.py --workers 2           # two analysis processes
    python benchmarks/api.py --stages tokens       # the HTTP + tokenizer floor

Target (issue 7): 8 clients, p50 <= 50 ms and p99 <= 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "background" / "dewikinews-850.jsonl"


def articles_of(path: Path, words: int, count: int) -> list[dict]:
    """``count`` distinct articles of about ``words`` words: corpus texts joined and cut."""
    pool: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            pool.extend(json.loads(line)["text"].split())
    out = []
    step = max(1, (len(pool) - words) // max(count, 1))
    for i in range(count):
        chunk = pool[i * step : i * step + words]
        body = " ".join(chunk)
        out.append({"title": f"Meldung {i}: " + " ".join(chunk[:6]), "text": body})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_load(base: str, docs: list[dict], clients: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(enumerate(docs))
    errors: list[str] = []

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while True:
                with lock:
                    if not queue:
                        return
                    _, doc = queue.pop()
                t = time.perf_counter()
                r = c.post("/analyze", json=doc)
                dt = time.perf_counter() - t
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {r.text[:200]}")
                with lock:
                    latencies.append(dt)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, first: {errors[0]}")
    return latencies, wall


def report(name: str, lat: list[float], wall: float) -> None:
    ms = [x * 1000 for x in lat]
    print(
        f"{name:<22} n={len(ms):<4} p50={percentile(ms, .5):7.1f} ms  p90={percentile(ms, .9):7.1f} ms  "
        f"p99={percentile(ms, .99):7.1f} ms  mean={statistics.mean(ms):7.1f} ms  {len(ms) / wall:6.1f} req/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--workers", type=int, default=1, help="analysis processes of the server (tagwerk serve --workers)")
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: every installed one)")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")

    docs = articles_of(args.corpus, args.words, args.requests + 40)
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="tagwerk-api-bench-")
    cmd = [sys.executable, "-m", "tagwerk.cli", "serve", "--port", str(port), "--db", os.path.join(tmp, "b.db"),
           "--workers", str(args.workers)]
    if args.stages:
        cmd += ["--stages", args.stages]
    env = {**os.environ, "TAGWERK_TOKEN": ""}
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise SystemExit("server failed: " + server.stderr.read().decode()[-2000:])
            if time.perf_counter() - t0 > 180:
                raise SystemExit("server did not start within 180 s")
            time.sleep(0.2)
        # warm-up: loads models in every worker
        run_load(base, docs[: 8 * args.workers], min(args.clients, 2 * args.workers))
        words = statistics.mean(len(d["text"].split()) for d in docs)
        print(f"POST /analyze, {words:.0f}-word articles, {args.workers} analysis process(es), stages: {args.stages or 'all installed'}, "
              f"{os.cpu_count()} CPUs")
        lat, wall = run_load(base, docs[8 : 8 + 30], 1)
        report("1 client (baseline)", lat, wall)
        lat, wall = run_load(base, docs[40 : 40 + args.requests], args.clients)
        report(f"{args.clients} clients", lat, wall)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
