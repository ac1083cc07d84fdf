"""`tagwerk stories` on a small JSON Lines file of our own (tests/data/archive/stories.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tagwerk.cli import app

DATA = Path(__file__).resolve().parent / "data" / "archive" / "stories.jsonl"
runner = CliRunner()


def _records(*args: str) -> list[dict]:
    result = runner.invoke(app, ["stories", str(DATA), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_archive_cli_stories_one_record_per_article_in_input_order():
    recs = _records()
    assert [r["id"] for r in recs] == ["paris-1", "paris-2", "kanzler-paris", "panzer-einigung", "hochwasser-passau", "eu-haushalt"]
    assert all(set(r) == {"id", "story", "version_of", "duplicate_of", "similarity"} for r in recs)
    by_id = {r["id"]: r for r in recs}
    paris = by_id["paris-1"]["story"]
    assert by_id["paris-1"]["similarity"] is None  # it started the story
    # the agency's second version, another paper's copy and a follow-up join the first report
    assert by_id["paris-2"]["version_of"] == "paris-1" and by_id["paris-2"]["story"] == paris
    assert by_id["kanzler-paris"]["duplicate_of"] == "paris-1" and by_id["kanzler-paris"]["story"] == paris
    assert by_id["panzer-einigung"]["story"] == paris and by_id["panzer-einigung"]["duplicate_of"] is None
    # a flood is another story; the same two leaders 16 days later too (the 3-day window closed)
    assert by_id["hochwasser-passau"]["story"] != paris
    assert by_id["eu-haushalt"]["story"] not in (paris, by_id["hochwasser-passau"]["story"])


def test_archive_cli_stories_same_run_twice_same_result():
    assert _records() == _records()


def test_archive_cli_stories_window_option_and_text_format():
    wide = {r["id"]: r["story"] for r in _records("--window", "30d")}
    assert wide["eu-haushalt"] == wide["paris-1"]  # within 30 days it continues the thread
    result = runner.invoke(app, ["stories", str(DATA)])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[1].split("\t")
    assert first[0] == "paris-2" and first[3] == "version of paris-1"


def test_archive_cli_stories_bad_window_is_a_usage_error():
    result = runner.invoke(app, ["stories", str(DATA), "--window", "bald"])
    assert result.exit_code == 2
