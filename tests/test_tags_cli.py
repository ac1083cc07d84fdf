"""`tagwerk tag` and the Tags line of `tagwerk analyze`, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tagwerk.cli import app
from tagwerk.topics import tag_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "ntv-article.txt"

runner = CliRunner()


def _jsonl(tmp_path: Path) -> Path:
    records = [
        {"id": "a1", "title": "Bayern gewinnt das Spitzenspiel", "text": "Der FC Bayern München hat in der Bundesliga gegen Borussia Dortmund mit 3:1 gewonnen. Trainer und Mannschaft feierten den Sieg."},
        {"id": "a2", "title": "Inflation sinkt", "text": "Die Inflation in der Eurozone ist im Mai gesunken. Die Europäische Zentralbank könnte die Leitzinsen senken.", "tags": ["Geldpolitik"]},
    ]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return p


def test_tags_cli_one_line_per_article_in_order(tmp_path):
    result = runner.invoke(app, ["tag", str(_jsonl(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert [ln.split("\t")[0] for ln in lines] == ["a1", "a2"]
    assert "Fußball-Bundesliga" in lines[0]
    tags2 = lines[1].split("\t")[1].split(", ")
    assert tags2[0] == "Geldpolitik"  # the given tag is kept, first
    assert "Inflation" in tags2


def test_tags_cli_no_ids_and_top_k(tmp_path):
    result = runner.invoke(app, ["tag", "--no-ids", "-k", "2", str(_jsonl(tmp_path))])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "\t" not in first
    assert len(first.split(", ")) == 2


def test_tags_cli_missing_file_fails(tmp_path):
    result = runner.invoke(app, ["tag", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0


@pytest.fixture(scope="module")
def seed_analysis(full_analyzer):
    if not SEED.is_file():
        pytest.skip("../shared is not available")
    from tagwerk.readers import load_article

    return full_analyzer.analyze(load_article(SEED))


def test_tags_seed_first_five(seed_analysis):
    names = [t.name for t in seed_analysis.tags]
    assert {"Wladimir Putin", "Nordkorea", "Russland"} <= set(names[:5])


def test_tags_seed_no_near_duplicates(seed_analysis):
    keys = [tag_key(t.name) for t in seed_analysis.tags]
    assert len(set(keys)) == len(keys)
    for a in keys:
        for b in keys:
            assert a == b or not (a in b and len(a) >= 4), (a, b)


def test_tags_seed_json_has_evidence(seed_analysis):
    data = seed_analysis.to_dict()
    for tag in data["tags"]:
        assert tag["evidence"], tag["name"]
        ev = tag["evidence"][0]
        assert seed_analysis.text[ev["start"] : ev["end"]] == ev["text"]
