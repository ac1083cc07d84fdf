"""What a batch run reports: one final progress line, words/s without the model loading, and
the errors file naming each failed record by its own id."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tagwerk.batch import BatchOptions, run_batch
from tagwerk.batch.options import BatchStats
from tagwerk.cli import main
from tagwerk.pipeline import AnalyzerConfig

RECORDS = [
    {"id": "a1", "text": "Berlin (dpa) - Der Bundestag berät über den Haushalt."},
    {"id": "a2", "text": "   "},
    {"id": "a3", "title": "Nur ein Titel"},
    {"url": "https://example.org/a4", "text": ""},
    {"text": "Hamburg (dpa) - Der Hafen meldet einen Rekord."},
]


def _corpus(path: Path) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    return path


def test_batch_final_progress_line_once_when_stderr_is_not_a_terminal(tmp_path, capsys):
    inp = _corpus(tmp_path / "in.jsonl")
    code = main(["batch", str(inp), "--out", str(tmp_path / "o.jsonl"), "--stages", "tokens", "--no-progress"])
    assert code == 3
    lines = capsys.readouterr().err.splitlines()
    progress = [line for line in lines if "records" in line and "/5" in line]
    assert len(progress) == 1, lines
    assert sum("2 analysed, 3 failed" in line for line in lines) == 1


def test_batch_errors_file_names_records_by_their_id(tmp_path):
    inp = _corpus(tmp_path / "in.jsonl")
    result = run_batch(BatchOptions(inputs=(str(inp),), out=tmp_path / "o.jsonl", config=AnalyzerConfig(stages=("tokens",))))
    errors = [json.loads(line) for line in result.errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["line"]) for e in errors] == [("a2", 2), ("a3", 3), ("https://example.org/a4", 4)]


def test_batch_words_per_second_leave_out_the_model_loading(tmp_path):
    inp = _corpus(tmp_path / "in.jsonl")
    before = time.monotonic()
    result = run_batch(BatchOptions(inputs=(str(inp),), out=tmp_path / "o.jsonl", config=AnalyzerConfig(stages=("tokens",))))
    stats = result.stats
    assert stats.ready_at is not None and before <= stats.ready_at <= time.monotonic()
    stats = BatchStats(words=1000, finished=True)
    stats.started -= 10.0  # ten seconds of loading ...
    stats.ready_at = time.monotonic() - 1.0  # ... then one second of analysis
    assert 900 < stats.words_per_s < 1001
