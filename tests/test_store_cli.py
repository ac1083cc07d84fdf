"""The store commands: ingest, reanalyze, search, entity (serve is covered by the API tests)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tagwerk.cli import app

RECORDS = [
    {"id": "a1", "title": "Russland warnt Nordkorea", "date": "2024-05-03",
     "text": "Moskau - Russland hat Nordkorea vor weiteren Raketentests gewarnt. Die Lage bleibt angespannt."},
    {"id": "a2", "title": "Gas aus Russland", "date": "2024-06-10", "source": "Tagesblatt",
     "text": "Berlin - Die Bundesregierung spricht mit Russland über Gaslieferungen. Ein Treffen ist geplant."},
    {"id": "a3", "title": "Wetter", "date": "2023-01-02",
     "text": "Hamburg - Morgen wird es regnerisch, am Wochenende kommt die Sonne zurück."},
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "artikel.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    lines.insert(1, "{kaputt")  # a bad record: reported and skipped
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_store_cli_ingest_twice_keeps_counts(corpus, tmp_path):
    db = str(tmp_path / "cli.db")
    first = run("ingest", str(corpus), "--db", db, "--stages", "tokens")
    assert first.exit_code == 3, first.output  # partial: one bad record
    assert "stored 3 articles (3 new, 0 updated), 1 failed" in first.output
    assert "artikel.jsonl:2" in first.output  # the bad record is named
    second = run("ingest", str(corpus), "--db", db, "--stages", "tokens")
    assert "stored 3 articles (0 new, 3 updated), 1 failed" in second.output
    assert "holds 3 articles" in second.output


def test_store_cli_search_text_and_json(corpus, tmp_path):
    db = str(tmp_path / "cli.db")
    run("ingest", str(corpus), "--db", db, "--stages", "tokens")
    out = run("search", "Gaslieferungen", "--db", db)
    assert out.exit_code == 0
    assert out.output.splitlines()[0] == "1 article"
    assert "Gas aus Russland" in out.output and "«Gaslieferungen»" in out.output
    data = json.loads(run("search", "Russland", "--from", "2024-06", "--format", "json", "--db", db).output)
    assert [h["title"] for h in data["hits"]] == ["Gas aus Russland"]
    assert json.loads(run("search", "--outlet", "tagesblatt", "-f", "json", "--db", db).output)["total"] == 1
    bad = run("search", "x", "--from", "gestern", "--db", db)
    assert bad.exit_code != 0


def test_store_cli_reanalyze_only_stale(corpus, tmp_path):
    db = str(tmp_path / "cli.db")
    run("ingest", str(corpus), "--db", db, "--stages", "tokens")
    same = run("reanalyze", "--db", db, "--stages", "tokens")
    assert same.exit_code == 0 and "re-analysed 0 articles" in same.output
    forced = run("reanalyze", "--db", db, "--stages", "tokens", "--all")
    assert "re-analysed 3 articles (0 failed)" in forced.output
    assert "holds" not in forced.output
    again = run("search", "--db", db, "-f", "json")
    assert json.loads(again.output)["total"] == 3


def test_store_cli_entity_view(tmp_path, token_analyzer):
    from store_support import make
    from tagwerk.store import open_store

    db = str(tmp_path / "ent.db")
    with open_store(db) as store:
        store.ingest(make(token_analyzer, "Russland warnt Nordkorea. „Wir sind bereit“, sagte Putin.", title="Eins", date="2024-05-03"))
        store.ingest(make(token_analyzer, "Nordkorea und Russland treffen sich in Moskau.", title="Zwei", date="2024-06-01"))
    out = run("entity", "russland", "--db", db)
    assert out.exit_code == 0, out.output
    assert out.output.startswith("Russland  (LOC, Q159)")
    assert "2 articles  Nordkorea" in out.output
    view = json.loads(run("entity", "Wladimir Putin", "--db", db, "-f", "json").output)
    assert view["quotes"][0]["text"] == "Wir sind bereit"
    missing = run("entity", "Atlantis", "--db", db)
    assert missing.exit_code != 0


def test_store_cli_ingest_with_worker_processes(corpus, tmp_path):
    db = str(tmp_path / "par.db")
    out = run("ingest", str(corpus), "--db", db, "--stages", "tokens", "--workers", "2", "-q")
    assert "stored 3 articles (3 new, 0 updated), 1 failed" in out.output, out.output
    assert "artikel.jsonl:2" in out.output
    titles = [h["title"] for h in json.loads(run("search", "--db", db, "-f", "json").output)["hits"]]
    assert sorted(titles) == sorted(r["title"] for r in RECORDS)


def test_store_cli_a_stage_that_raises_fails_only_that_article(tmp_path, monkeypatch, capsys):
    """One line per failed article, named by its source (ingest) or store id (reanalyze); the rest is stored."""
    from tagwerk.cli import main
    from tagwerk.pipeline import register_stage

    @register_stage("store_cli_boom", version="0", requires=("tokens",))
    def make_boom(config):
        def run(analysis) -> None:
            if "regnerisch" in analysis.article.text:
                raise ValueError("kaputte Stufe")

        return run

    path = tmp_path / "artikel.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "boom.db")
    assert main(["ingest", "artikel.jsonl", "--db", db, "--stages", "tokens,store_cli_boom"]) == 3
    out, err = capsys.readouterr()
    assert "tagwerk: artikel.jsonl:3: analysis failed: ValueError: kaputte Stufe" in err.splitlines()
    assert "stored 2 articles (2 new, 0 updated), 1 failed" in out
    assert main(["ingest", "artikel.jsonl", "--db", db, "--stages", "tokens"]) == 0
    assert main(["reanalyze", "--db", db, "--stages", "tokens,store_cli_boom"]) == 3
    out, err = capsys.readouterr()
    assert "tagwerk: article 3: analysis failed: ValueError: kaputte Stufe" in err.splitlines()
    assert "re-analysed 2 articles (1 failed) with tokens 1.0.0, store_cli_boom 0" in out
