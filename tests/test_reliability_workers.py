"""A record that kills its analysis process (a crash in a library, the OOM killer) fails alone
(issue 35: no input stops the archive, nor its resume); the records around it are analysed."""

from __future__ import annotations

import json

import pytest

from tagwerk.article import parse_text
from tagwerk.pipeline import AnalyzerConfig
from tagwerk.workers import OutputOptions, WorkerDied, analyze_stream
from worker_helpers import DEADLY

GOOD = "Berlin (dpa) - Die Bundesregierung hat am Montag einen neuen Haushalt beschlossen."
TOKENS = AnalyzerConfig(stages=("tokens",))


@pytest.fixture()
def deadly(monkeypatch):
    import tagwerk.workers
    import worker_helpers

    monkeypatch.setattr(tagwerk.workers, "pool_process", worker_helpers.deadly_pool_process)


@pytest.mark.slow
def test_workers_a_deadly_record_fails_alone(deadly):
    records = [parse_text(f"{GOOD} Nummer {i}.") for i in range(30)]
    records[13] = parse_text(f"{GOOD} {DEADLY}.")
    outcomes = list(analyze_stream(records, config=TOKENS, workers=2, chunk_size=4, opts=OutputOptions()))
    assert len(outcomes) == 30
    assert [i for i, o in enumerate(outcomes) if not o.ok] == [13]
    assert "died" in outcomes[13].reason
    assert all(json.loads(o.json)["article"]["text"].endswith(f"Nummer {i}.") for i, o in enumerate(outcomes) if i != 13)


@pytest.mark.slow
def test_workers_a_pool_that_always_dies_stops_the_run(deadly):
    records = [parse_text(f"{GOOD} {DEADLY} {i}.") for i in range(12)]
    with pytest.raises(WorkerDied):
        list(analyze_stream(records, config=TOKENS, workers=2, chunk_size=4))
