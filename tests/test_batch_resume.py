"""`tagwerk batch` killed with SIGKILL mid-run and started again yields exactly the articles
of an uninterrupted run: none lost, none twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tagwerk.batch import BatchOptions, run_batch
from tagwerk.pipeline import AnalyzerConfig

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ABSÄTZE = [
    "In Leipzig haben am Samstag mehrere tausend Menschen für bessere Arbeitsbedingungen in der Pflege demonstriert.",
    "Die Gewerkschaft Verdi sprach von einem großen Erfolg; die Polizei zählte rund 3.000 Teilnehmende.",
    "Der sächsische Gesundheitsminister kündigte Gespräche mit den Klinikbetreibern für die nächste Woche an.",
    "Kritiker bemängeln, dass die Löhne in der Altenpflege noch immer deutlich unter dem Durchschnitt liegen.",
]
N = 3000  # about 3 s of work at the tokens stage's 1,000 articles/s: time to kill it mid-run


def write_corpus(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            text = "\n\n".join(ABSÄTZE[(i + k) % len(ABSÄTZE)] for k in range(3))
            rec = {"id": f"leipzig-{i:04d}", "title": f"Demonstration in Leipzig ({i})", "text": text}
            if i == 123:
                rec = {"id": "ohne-text", "title": "Nur eine Überschrift"}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def read_output(out: Path) -> list[str]:
    if out.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(out).column("analysis").to_pylist()
    return out.read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_batch_kill_9_and_resume(tmp_path: Path, name: str) -> None:
    inp = write_corpus(tmp_path / "in.jsonl")
    ref = tmp_path / "ref" / name
    run_batch(BatchOptions(inputs=(str(inp),), out=ref, config=AnalyzerConfig(stages=("tokens",))))

    out = tmp_path / "run" / name
    checkpoint = out.with_name(name + ".checkpoint.json")
    cmd = [
        sys.executable, "-m", "tagwerk.cli", "batch", str(inp), "--out", str(out),
        "--stages", "tokens", "--checkpoint-every", "50", "--no-progress",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    position = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                position = json.loads(checkpoint.read_text())["position"]
            except (FileNotFoundError, ValueError, KeyError):
                position = 0
            if position >= 200:
                break
            time.sleep(0.02)
        time.sleep(0.05)  # let it write past the checkpoint, then kill it mid-write
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    state = json.loads(checkpoint.read_text())
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 0 < state["position"] < N and not state["complete"]

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 3, again.stderr  # one record has no text
    assert f"resumed after {state['position']:,}" in again.stderr

    got, want = read_output(out), read_output(ref)
    ids = [json.loads(x)["article"]["id"] for x in got]
    assert len(ids) == len(set(ids)) == N - 1
    assert got == want
    errors = out.with_name(name + ".errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(e)["line"] for e in errors] == [124]
