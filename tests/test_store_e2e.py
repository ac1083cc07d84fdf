"""End to end with the full Analyzer on the background corpus (../shared): ingest, search by
entity, ingest again. Skips when ../shared is absent."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from tagwerk.cli import app

pytestmark = [pytest.mark.slow, pytest.mark.shared]

RUSSIA = re.compile(r"\b(Russland|Russlands|russisch\w*|Russ(e|en|in)\b|Moskau|Kreml)", re.IGNORECASE)


@pytest.fixture(scope="module")
def sample(shared_dir, tmp_path_factory):
    """Up to 40 corpus articles that name Russland and 40 that name nothing Russian, as one JSON Lines file."""
    corpus = shared_dir / "data" / "background" / "dewikinews-850.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent")
    named, other = [], []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = rec["title"] + "\n" + rec["text"]
        if re.search(r"\bRusslands?\b", text):
            if len(named) < 40:
                named.append(line)
        elif not RUSSIA.search(text) and len(other) < 40:
            other.append(line)
    path = tmp_path_factory.mktemp("e2e") / "sample.jsonl"
    path.write_text("\n".join(named + other) + "\n", encoding="utf-8")
    if len(named) < 10:
        pytest.skip("the corpus names Russland too rarely for this test")
    return path, {json.loads(x)["id"] for x in named}, len(named) + len(other)


def test_store_e2e_ingest_search_entity_and_idempotence(sample, tmp_path):
    path, russia_ids, n = sample
    db = str(tmp_path / "e2e.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(path), "--db", db, "-q"])
    assert first.exit_code == 0, first.output
    assert f"stored {n} articles ({n} new, 0 updated), 0 failed" in first.output

    found = json.loads(runner.invoke(app, ["search", "--entity", "Russland", "--db", db, "-n", "200", "-f", "json"]).output)
    hits = {h["ext_id"] for h in found["hits"]}
    recall = len(hits & russia_ids) / len(russia_ids)
    precision = len(hits & russia_ids) / max(len(hits), 1)
    # Articles that only say "russisch" or "Moskau" may rightly be linked too; none of the
    # 40 articles without anything Russian may be.
    assert recall >= 0.9, (recall, sorted(russia_ids - hits))
    assert precision >= 0.9, (precision, sorted(hits - russia_ids))

    view = json.loads(runner.invoke(app, ["entity", "Russland", "--db", db, "-f", "json"]).output)
    assert view["entity"]["kb_id"] == "Q159" or view["entity"]["id"] == "Q159"
    assert view["articles"] == found["total"]
    assert view["cooccurring"]

    second = runner.invoke(app, ["ingest", str(path), "--db", db, "-q"])
    assert f"stored {n} articles (0 new, {n} updated), 0 failed" in second.output
    assert first.output.split("holds")[1] == second.output.split("holds")[1]  # counts unchanged
