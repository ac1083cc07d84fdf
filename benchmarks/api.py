"""HTTP API latency: ``POST /analyze`` with ~400-word articles, N concurrent clients on loopback.

Starts ``tagwerk serve`` in a child process on a free port (a fresh SQLite file, every
installed stage unless ``--stages``), warms it up, then sends distinct 400-word articles
cut from the background corpus from ``--clients`` threads, each with its own keep-alive
connection, and prints p50/p90/p99 latency and requests/s. Each request carries a
different text, so no cache can help. A one-client run is printed first as the baseline.

    python benchmarks/api.py                       # 8 clients, 200 requests, 1 analysis process
    python benchmarks/api.py --workers 2           # two analysis processes
    python benchmarks/api.py --stages tokens       # the HTTP + tokenizer floor
    python benchmarks/api.py --seconds 60 --clients 16   # the load test of issue 35 (below)

Target (issue 7): 8 clients, p50 <= 50 ms and p99 <= 200 ms.

With ``--seconds`` (issue 35) the server runs on a copy of a synthetic archive (built once by
``benchmarks/store.py``'s code, ``--archive-size`` articles, kept in the temp folder), and
clients send requests for that many seconds: one client on ``GET /search`` (a fixed mix of
text, phrase, prefix, entity, tag, date and outlet queries) and one on ``POST /analyze`` as the
baselines, then ``--clients`` at once, half searching and half analysing, then ``--clients``
all searching, then ``--clients`` all analysing (more than the server admits: 503s expected).
Prints p50/p90/p99, requests/s and the answers by status: 2xx, 503 (overload, each must carry
``Retry-After``), other 4xx, 5xx (the goal is 0) and requests that got no
answer within 30 s (hangs; the goal is 0), and the CPU seconds per second of the server
process and of its analysis processes (where the time goes).
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


SEARCHES = [
    {"q": "Polizei"}, {"q": "Regierung"}, {"q": "Präsident Wahl"}, {"q": '"Vereinten Nationen"'}, {"q": "Erdbeb*"},
    {"entity": "Russland"}, {"entity": "Deutschland"}, {"q": "Gas", "entity": "Russland"}, {"tag": "Justiz"},
    {"q": "Polizei", "from": "2010-01-01", "to": "2012-12-31"}, {"entity": "Deutschland", "outlet": "Kurier"},
    {"from": "2020-03", "to": "2020-03"}, {"q": "Fußball", "offset": "40"},
]


class Tally:
    def __init__(self) -> None:
        self.lat: list[float] = []
        self.codes: dict[str, int] = {}
        self.no_retry_after = 0
        self.lock = threading.Lock()

    def add(self, dt: float, code: str, retry_after: bool = True) -> None:
        with self.lock:
            self.lat.append(dt)
            self.codes[code] = self.codes.get(code, 0) + 1
            self.no_retry_after += code == "503" and not retry_after


def timed_load(base: str, docs: list[dict], searchers: int, analysers: int, seconds: float) -> dict[str, Tally]:
    """``searchers`` + ``analysers`` clients (threads, one keep-alive connection each) for ``seconds``."""
    tallies = {"search": Tally(), "analyze": Tally()}
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))
    lock = threading.Lock()

    def client(kind: str, k: int) -> None:
        t = tallies[kind]
        with httpx.Client(base_url=base, timeout=30) as c:
            i = k
            while time.perf_counter() < stop:
                start = time.perf_counter()
                try:
                    if kind == "search":
                        r = c.get("/search", params=SEARCHES[i % len(SEARCHES)], headers={"Accept": "application/json"})
                    else:
                        with lock:
                            n = next(counter)
                        r = c.post("/analyze", json=docs[n % len(docs)])
                except httpx.TimeoutException:
                    t.add(time.perf_counter() - start, "hang")
                    continue
                except httpx.HTTPError:
                    t.add(time.perf_counter() - start, "error")
                    continue
                code = str(r.status_code)
                t.add(time.perf_counter() - start, code, "retry-after" in r.headers)
                if code == "503":
                    time.sleep(min(float(r.headers.get("retry-after", "1")), 2.0))
                i += 1

    threads = [threading.Thread(target=client, args=("search", k)) for k in range(searchers)]
    threads += [threading.Thread(target=client, args=("analyze", k)) for k in range(analysers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {k: v for k, v in tallies.items() if v.lat}


class CPU:
    """CPU seconds of the server process and of its analysis processes between two reads."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.start = self.read()

    def read(self) -> tuple[float, float]:
        own = self.proc.cpu_times()
        kids = 0.0
        for child in self.proc.children(recursive=True):
            try:
                t = child.cpu_times()
                kids += t.user + t.system
            except Exception:  # noqa: BLE001 - a child that just ended
                pass
        return own.user + own.system, kids

    def used(self) -> tuple[float, float]:
        now = self.read()
        return now[0] - self.start[0], now[1] - self.start[1]


def phase(base: str, docs: list[dict], searchers: int, analysers: int, seconds: float, server_pid: int, name: str) -> None:
    cpu = CPU(server_pid)
    tallies = timed_load(base, docs, searchers, analysers, seconds)
    own, kids = cpu.used()
    report_timed(name, tallies, seconds)
    n = sum(len(t.lat) for t in tallies.values())
    print(f"{'':<40} server process {own / seconds:4.2f} CPU-s/s ({1000 * own / max(n, 1):.1f} ms a request), "
          f"its child processes (analysis; with --http-processes also the servers) {kids / seconds:4.2f} CPU-s/s", flush=True)


def report_timed(name: str, tallies: dict[str, Tally], seconds: float) -> None:
    for kind, t in tallies.items():
        ms = [x * 1000 for x in t.lat]
        c = t.codes
        ok = sum(v for k, v in c.items() if k.startswith("2"))
        five = sum(v for k, v in c.items() if k.startswith("5") and k != "503")
        four = sum(v for k, v in c.items() if k.startswith("4"))
        label = f"{name}, {'GET /search' if kind == 'search' else 'POST /analyze'}"
        print(f"{label:<40} n={len(ms):<6} p50={percentile(ms, .5):7.1f} ms  p90={percentile(ms, .9):7.1f} ms  "
              f"p99={percentile(ms, .99):8.1f} ms  {len(ms) / seconds:6.1f} req/s  2xx={ok} 503={c.get('503', 0)}"
              f"{f' (no Retry-After: {t.no_retry_after})' if t.no_retry_after else ''} 4xx={four} 5xx={five} "
              f"hangs={c.get('hang', 0)} errors={c.get('error', 0)}", flush=True)


def archive_copy(args: argparse.Namespace, tmp: str) -> str:
    """A copy of the synthetic search archive (built once with benchmarks/store.py's code)."""
    import shutil

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import store as store_bench
    from tagwerk.store import open_store

    path = Path(tempfile.gettempdir()) / f"tagwerk-bench-archive-{args.archive_size}.db"
    have = 0
    if path.exists():
        with open_store(path) as st:
            have = st.counts()["articles"]
    if have != args.archive_size:
        from tagwerk.pipeline import Analyzer

        print(f"building a synthetic archive of {args.archive_size:,} articles at {path} (once) …", flush=True)
        analyses = store_bench.analyse_corpus(args.corpus, Analyzer())
        store_bench.build_archive(path, analyses, args.archive_size)
    copy = os.path.join(tmp, "archive.db")
    shutil.copyfile(path, copy)
    return copy


def main_timed(args: argparse.Namespace) -> None:
    tmp = tempfile.mkdtemp(prefix="tagwerk-api-load-")
    db = archive_copy(args, tmp)
    docs = articles_of(args.corpus, args.words, 300)
    port = free_port()
    cmd = [sys.executable, "-m", "tagwerk.cli", "serve", "--port", str(port), "--db", db, "--workers", str(args.workers)]
    if args.stages:
        cmd += ["--stages", args.stages]
    env = {**os.environ, "TAGWERK_TOKEN": ""}
    if args.http_processes > 1:  # uvicorn's own process manager over the app factory
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "tagwerk.service.app:app_from_env", "--port", str(port),
               "--workers", str(args.http_processes), "--log-level", "warning"]
        env.update(TAGWERK_DB=db, TAGWERK_ANALYSIS_PROCESSES=str(args.workers), **({"TAGWERK_STAGES": args.stages} if args.stages else {}))
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, server)
        timed_load(base, docs, 2, 2, 5)  # warm-up
        half = args.clients // 2
        print(f"{args.archive_size:,}-article archive; {args.http_processes} server process(es), "
              f"{args.workers} analysis process(es) each, stages: {args.stages or 'all installed'}; "
              f"{os.cpu_count()} CPUs shared by server and clients")
        base_s = max(10.0, args.seconds / 4)
        pid = server.pid
        phase(base, docs, 1, 0, base_s, pid, "1 client")
        phase(base, docs, 0, 1, base_s, pid, "1 client")
        phase(base, docs, half, args.clients - half, args.seconds, pid, f"{args.clients} clients ({half} + {args.clients - half})")
        phase(base, docs, args.clients, 0, base_s, pid, f"{args.clients} clients (search only)")
        phase(base, docs, 0, args.clients, base_s, pid, f"{args.clients} clients (analyze only: overload)")
    finally:
        stop(server)


def stop(server: subprocess.Popen) -> None:
    """End the API server: terminate, and kill it if it has not gone after 10 s."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def wait_for(base: str, server: subprocess.Popen) -> None:
    t0 = time.perf_counter()
    while True:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise SystemExit("server failed: " + server.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
        if time.perf_counter() - t0 > 180:
            raise SystemExit("server did not start within 180 s")
        time.sleep(0.2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--workers", type=int, default=1, help="analysis processes of the server (tagwerk serve --workers)")
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: every installed one)")
    ap.add_argument("--seconds", type=float, default=0, help="timed load on GET /search and POST /analyze (issue 35)")
    ap.add_argument("--archive-size", type=int, default=20_000, help="articles in the search archive of --seconds")
    ap.add_argument("--http-processes", type=int, default=1,
                    help="with --seconds: server processes (uvicorn --workers over app_from_env), each with --workers analysis processes")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    if args.seconds:
        main_timed(args)
        return

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
        wait_for(base, server)
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
        stop(server)


if __name__ == "__main__":
    main()
