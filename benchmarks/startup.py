"""Start-up time of the command line: wall seconds of whole ``tagwerk`` commands on one short
text, the median of several runs (each a fresh process, as a user starts it).

    python benchmarks/startup.py [--runs 5] [--text "Ein kurzer Text ..."]

Prints one line per command: the median, min and max wall seconds over the runs, and the median
CPU seconds (user + system) of the process, which a busy machine inflates far less than the
wall time (on an idle one the two are close: the command is single-threaded). Targets (issue #36):
``analyze --stages tokens`` ≤ 1.5 s, the full analysis ≤ 2.5 s. The first run of a fresh
installation also builds simplemma's lookup index cache (``tagwerk.lang.de.lemmas``); a first
run that finds none is reported apart (``--cold`` clears that cache before every run).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = "Berlin (dpa) - Bundeskanzler Olaf Scholz hat am Montag in Paris mit Emmanuel Macron über den Handelsstreit mit China gesprochen."

COMMANDS = {
    "tagwerk --help": ["--help"],
    "tagwerk analyze --stages tokens": ["analyze", "{file}", "--stages", "tokens"],
    "tagwerk analyze (all stages)": ["analyze", "{file}"],
    "tagwerk tag (all stages)": ["tag", "{file}"],
}


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``tagwerk`` command in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tagwerk.cli", *args], env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--text", default=TEXT)
    ap.add_argument("--cold", action="store_true", help="clear tagwerk's cache folder before every run")
    args = ap.parse_args(argv)
    src = Path(__file__).resolve().parents[1] / "src"
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "kurz.txt"
        file.write_text(args.text + "\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}
        cache = Path(tmp) / "cache"
        if args.cold:
            env["TAGWERK_CACHE"] = str(cache)
        print(f"{'command':<36} {'median':>7} {'min':>7} {'max':>7} {'CPU':>7}   "
              f"(seconds; {args.runs} runs; Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f})")
        for name, template in COMMANDS.items():
            cmd = [a.replace("{file}", str(file)) for a in template]
            _run(cmd, env)  # warm the file system cache (and tagwerk's own cache, unless --cold)
            times, cpu = [], []
            for _ in range(args.runs):
                if args.cold and cache.exists():
                    shutil.rmtree(cache)
                wall, used = _run(cmd, env)
                times.append(wall)
                cpu.append(used)
            print(f"{name:<36} {statistics.median(times):7.2f} {min(times):7.2f} {max(times):7.2f} {statistics.median(cpu):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
