"""`tagwerk ingest` places stories as `tagwerk stories` does; twice changes nothing; `tagwerk
related`; `tagwerk stories` on the dpa NewsML-G2 samples (skips when ../shared is absent)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tagwerk.cli import app
from tagwerk.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "archive" / "stories.jsonl"
STAGES = "tokens,ner,entities,keyphrases"
runner = CliRunner()


def _partition(pairs) -> set[frozenset]:
    groups = defaultdict(set)
    for article, story in pairs:
        groups[story].add(article)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-archive") / "archiv.db"
    first = runner.invoke(app, ["ingest", str(DATA), "--db", str(path), "--stages", STAGES, "--quiet"])
    assert first.exit_code == 0, first.output
    assert "6 articles (6 new, 0 updated)" in first.stdout and "3 stories" in first.stdout
    return path


def _stored(path) -> tuple[dict, list]:
    with open_store(path) as store:
        ext = {}
        with store._read() as conn:
            for aid, ext_id, story in conn.exec_driver_sql(
                "SELECT a.id, a.ext_id, m.story_id FROM articles a JOIN story_members m ON m.article_id = a.id"
            ):
                ext[ext_id] = (aid, story)
        return ext, store.stories()["stories"]


def test_archive_store_cli_ingest_places_stories_as_tagwerk_stories_does(db):
    result = runner.invoke(app, ["stories", str(DATA), "--format", "jsonl"])
    assert result.exit_code == 0
    expected = _partition((r["id"], r["story"]) for r in map(json.loads, result.stdout.splitlines()))
    ext, _ = _stored(db)
    assert _partition((e, s) for e, (_aid, s) in ext.items()) == expected


def test_archive_store_cli_ingest_twice_leaves_stories_unchanged(db):
    before = _stored(db)
    again = runner.invoke(app, ["ingest", str(DATA), "--db", str(db), "--stages", STAGES, "--quiet"])
    assert again.exit_code == 0
    assert "(0 new, 6 updated)" in again.stdout and "3 stories" in again.stdout
    assert _stored(db) == before


def test_archive_store_cli_related_lists_versions_copies_and_story(db):
    ext, _ = _stored(db)
    first = ext["paris-1"][0]
    result = runner.invoke(app, ["related", str(first), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("story s") and "4 articles" in lines[1]
    text = result.stdout
    assert f"#{ext['paris-2'][0]}" in text and "version (0." in text
    assert f"#{ext['kanzler-paris'][0]}" in text and "copy (0." in text
    assert "same story" in text and "entities: " in text
    data = json.loads(runner.invoke(app, ["related", f"#{ext['paris-2'][0]}", "--db", str(db), "--format", "json"]).stdout)
    assert data["link"]["of"] == first and data["link"]["kind"] == "agency"
    assert runner.invoke(app, ["related", "paris", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["related", "999", "--db", str(db)]).exit_code == 1


@pytest.mark.shared
def test_archive_store_cli_stories_on_dpa_newsml_samples(shared_dir):
    folder = shared_dir / "data" / "dpa-samples" / "newsml-g2"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    result = runner.invoke(app, ["stories", str(folder), "--format", "jsonl"])
    assert result.exit_code in (0, 3), result.output  # 3: picture and audio items are skipped, each named on stderr
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(recs) >= 10
    assert all(r["id"].startswith("urn:newsml:") and r["story"].startswith("s") for r in recs)
    assert len({r["id"] for r in recs}) == len(recs)
