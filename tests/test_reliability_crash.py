"""``kill -9`` during ``tagwerk ingest``, three times (the short version of ``benchmarks/crash.py``):
the store stays intact, every committed article is found, a rerun stores each article once."""

from __future__ import annotations

import random
import signal

import pytest

from crash_support import crash_round, write_input

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def test_reliability_kill_9_during_ingest(tmp_path):
    inp = write_input(tmp_path / "in.jsonl", 150)
    rng = random.Random(35)
    rounds = [crash_round(tmp_path, inp, 150, rng, i, timeout=120) for i in range(3)]
    assert [r.problems for r in rounds] == [[], [], []]
