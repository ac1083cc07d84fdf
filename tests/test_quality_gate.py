"""Quality gate: scores on the gold data in ../shared must not drop below pinned floors.

`tests/quality_floors.json` pins, per gold file, its sha256 and floors a little under the
figures measured when it was written (see the commit that changed it). A gold file whose hash
differs is skipped with a note to re-pin, never silently compared. Skips when ../shared is absent.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gate", sorted(FLOORS), ids=str)
def test_quality_gate_scores_stay_above_floors(gate, shared_dir, tmp_path, capsys):
    entry = FLOORS[gate]
    gold = shared_dir / entry["gold"]
    if not gold.exists():
        pytest.skip(f"{gold} is absent")
    digest = hashlib.sha256(gold.read_bytes()).hexdigest()
    if digest != entry["sha256"]:
        pytest.skip(f"{entry['gold']} changed (sha256 {digest[:12]}): re-pin tests/quality_floors.json")
    out = tmp_path / "figures.json"
    module = _benchmark(entry["benchmark"])
    assert module.main([str(gold), *entry.get("args", []), "--json", str(out)]) == 0
    capsys.readouterr()
    figures = json.loads(out.read_text(encoding="utf-8"))
    low = {k: (round(figures[k], 4), floor) for k, floor in entry["floors"].items() if figures[k] < floor}
    assert not low, f"{gate}: below the floor (measured, floor): {low}"
