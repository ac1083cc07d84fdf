"""The same article gives the same analysis in every process, whatever Python's hash seed:
batch workers and Dask workers must agree record for record."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = (
    "from tagwerk import Analyzer\n"
    "from tagwerk.readers import load_article\n"
    "from tagwerk.examples import example_path\n"
    "a = Analyzer().analyze(load_article(example_path()))\n"
    "print(a.to_json(tokens=False))\n"
)


@pytest.mark.slow
def test_pipeline_same_analysis_under_different_hash_seeds():
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True)
        outputs.add(proc.stdout)
    assert len(outputs) == 1
