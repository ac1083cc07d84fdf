"""Issue 32: a surname finds its person in the store, the CLI, the API and the page, as
``tagwerk kb show`` does; an ambiguous one lists its candidates."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tagwerk.analysis import Entity, Mention, Quote, Span
from tagwerk.article import build_article
from tagwerk.cli import app as cli_app

PEOPLE = {
    "Friedrich Merz": ("Q566257", "Q566257"),
    "Thomas Müller": ("tw:per:thomas-muller", None),
    "Gerd Müller": ("tw:per:gerd-muller", None),
}


def _analysis(token_analyzer, body: str, title: str, pronoun_quote: str | None = None):
    a = token_analyzer.analyze(build_article(body=body, title=title, date="2025-03-01"))
    for name, (eid, kb_id) in PEOPLE.items():
        for m in re.finditer(re.escape(name), a.text):
            men = Mention(m.start(), m.end(), name, "PER", entity=eid)
            a.mentions.append(men)
            ent = a.entity(eid) or Entity(eid, name, "PER", kb_id=kb_id)
            if ent not in a.entities:
                a.entities.append(ent)
            ent.mentions.append(men)
    if pronoun_quote:
        s = a.text.index(pronoun_quote)
        e = s + len(pronoun_quote)
        er = a.text.index("Er sagte")
        a.quotes.append(Quote("Indirect", [Span(s, e, pronoun_quote)], speaker=Span(er, er + 2, "Er"), speaker_entity="Q566257"))
    return a


@pytest.fixture()
def db(tmp_path, token_analyzer):
    from tagwerk.store import open_store

    path = str(tmp_path / "names.db")
    with open_store(path) as store:
        store.ingest(
            _analysis(
                token_analyzer,
                "Friedrich Merz hat die Länder eingeladen. Er sagte, die Rentenreform dulde keinen Aufschub.",
                "Rente",
                "die Rentenreform dulde keinen Aufschub",
            )
        )
        store.ingest(_analysis(token_analyzer, "Thomas Müller und Gerd Müller trafen sich in München.", "Treffen"))
    return path


def test_store_surname_resolves_unique_and_lists_ambiguous(db):
    from tagwerk.store import AmbiguousEntityError, SearchQuery, open_store

    with open_store(db) as store:
        view = store.entity_view("Merz")
        assert view["entity"]["name"] == "Friedrich Merz"
        assert view["quotes"] and view["quotes"][0]["speaker_text"] == "Er"
        assert store.search(SearchQuery(entities=("Merz",)))["total"] == 1
        with pytest.raises(AmbiguousEntityError) as err:
            store.entity_view("Müller")
        names = {c["name"] for c in err.value.candidates}
        assert names == {"Thomas Müller", "Gerd Müller"}


def test_store_surname_cli(db):
    runner = CliRunner()
    out = runner.invoke(cli_app, ["entity", "Merz", "--db", db])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("Friedrich Merz")
    assert "als „Er“" in out.output
    amb = runner.invoke(cli_app, ["entity", "Müller", "--db", db])
    assert amb.exit_code != 0
    assert "Thomas Müller" in amb.output and "Gerd Müller" in amb.output
    hits = json.loads(runner.invoke(cli_app, ["search", "--entity", "Merz", "--db", db, "-f", "json"]).output)
    assert hits["total"] == 1
    amb_search = runner.invoke(cli_app, ["search", "--entity", "Müller", "--db", db])
    assert amb_search.exit_code != 0 and "Gerd Müller" in amb_search.output


def test_store_surname_api(db, token_analyzer):
    from store_support import FakeAnalyzer
    from tagwerk.service import create_app

    app = create_app(store=db, token=None, analyzer=FakeAnalyzer(token_analyzer))
    with TestClient(app, raise_server_exceptions=False) as client:
        ent = client.get("/entities/Merz", params={"format": "json"})
        assert ent.status_code == 200 and ent.json()["entity"]["name"] == "Friedrich Merz"
        assert client.get("/search", params={"entity": "Merz"}).json()["total"] == 1
        amb = client.get("/entities/Müller", params={"format": "json"})
        assert amb.status_code == 300
        assert {c["name"] for c in amb.json()["candidates"]} == {"Thomas Müller", "Gerd Müller"}
