"""Counts in the CLI's output agree with their nouns: "1 subheading", "1 article", "2 articles"."""

from __future__ import annotations

import re

from store_support import make
from tagwerk.cli import EXIT_OK, main
from tagwerk.render import counted, render_text

ONE_OF_EACH = "Wahl in Hessen\n\nWiesbaden (dpa) - Die Wahl ist entschieden.\n\nDas Ergebnis\n\nDie Partei gewann deutlich.\n"


def test_render_text_counts_in_the_singular(token_analyzer):
    analysis = token_analyzer.analyze(ONE_OF_EACH)
    line = next(x for x in render_text(analysis).splitlines() if x.startswith("Structure:"))
    assert "1 subheading," in line and "2 paragraphs" in line
    assert not re.search(r"\b1 \w+s\b", line), line


def test_counted():
    assert counted(1, "article") == "1 article"
    assert counted(0, "article") == "0 articles"
    assert counted(1200, "entity", "entities") == "1,200 entities"


def test_cli_entity_and_search_count_in_the_singular(tmp_path, token_analyzer, capsys):
    from tagwerk.store import open_store

    db = tmp_path / "t.db"
    with open_store(db) as store:
        store.ingest(make(token_analyzer, "Moskau (dpa) - Russland warnt Nordkorea.", title="Warnung", date="2024-05-03"))
        store.ingest(make(token_analyzer, "Russland schweigt.", title="Schweigen"))
    assert main(["entity", "Nordkorea", "--db", str(db)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "1 mention in 1 article" in out
    assert not re.search(r"\b1 (mentions|articles)\b", out), out
    assert main(["entity", "Russland", "--db", str(db)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "2 mentions in 2 articles" in out and re.search(r"undated\s+1 mention in 1 article", out), out
    assert main(["search", "Nordkorea", "--db", str(db)]) == EXIT_OK
    assert capsys.readouterr().out.startswith("1 article\n")
