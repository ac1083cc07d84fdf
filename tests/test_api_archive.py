"""The archive's routes in-process: /stories, /stories/{id}, the related field of /articles/{id},
/entities/{id}/events and /entities/{id}/timeline."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from store_support import FakeAnalyzer, make
from tagwerk.analysis import Event, EventArgument, Span
from tagwerk.service import create_app

TOKEN = "archiv-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BODY = ("Moskau (dpa) - Russland hat Nordkorea vor neuen Raketentests gewarnt. Wladimir Putin sagte in Moskau, man beobachte "
        "die Lage genau. Die Vereinten Nationen beraten am Dienstag über Sanktionen gegen Nordkorea.")


@pytest.fixture()
def client(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "arch.db", token=TOKEN, analyzer=FakeAnalyzer(token_analyzer))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _post(client, **fields) -> int:
    r = client.post("/articles", json=fields, headers=AUTH)
    assert r.status_code in (200, 201), r.text
    return r.json()["id"]


def test_api_archive_stories_story_and_related(client):
    a = _post(client, text=BODY, title="Russland warnt Nordkorea", date="2024-05-03", url="https://n.example/a")
    b = _post(client, text=BODY + " Der Sicherheitsrat tagt.", title="Russland warnt Nordkorea (2)", date="2024-05-03",
              url="https://n.example/a", id="a-2")  # same URL: the store updates article a
    assert b == a
    c = _post(client, text=BODY, title="Moskau warnt", date="2024-05-04", url="https://other.example/c", source="Tagesblatt")
    listed = client.get("/stories").json()
    assert listed["total"] == 1 and listed["stories"][0]["size"] == 2
    sid = listed["stories"][0]["id"]
    story = client.get(f"/stories/{sid}").json()
    assert [x["id"] for x in story["articles"]] == [a, c]
    assert story["items"][0]["copies"][0]["id"] == c  # the copy folded under the original
    art = client.get(f"/articles/{a}").json()
    assert art["related"]["story"]["id"] == sid
    assert art["related"]["articles"][0]["id"] == c
    assert {r["kind"] for r in art["related"]["articles"][0]["reasons"]} >= {"duplicate", "story"}
    assert client.get("/stories?min_size=3").json()["total"] == 0
    assert client.get("/stories/s000000000000").status_code == 404
    assert client.get("/stories?limit=0").status_code == 422


def test_api_archive_html_for_browsers(client):
    for path in ("/stories", "/stories/s1"):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert '<script src="/static/archive.js"' in r.text and "script-src 'self'" in r.headers["content-security-policy"]


def test_api_archive_entity_events_and_timeline(client, token_analyzer):
    store = client.app.state.store
    text = "Moskau - Wladimir Putin will Nordkorea bald besuchen."
    analysis = make(token_analyzer, text, title="Putin plant Reise", date="2024-06-18")
    at = analysis.text.index("besuchen")
    analysis.events.append(Event(type="visit", trigger=Span(at, at + 8, "besuchen"), sentence=0,
                                 participants=[EventArgument("Q7747", "Wladimir Putin", "PER")],
                                 place=EventArgument("Q423", "Nordkorea", "LOC"), planned=True))
    store.ingest(analysis)
    store.ingest(make(token_analyzer, "Putin spricht in Moskau.", title="Ohne Datum"))
    events = client.get("/entities/Q7747/events").json()
    assert events["entity"]["name"] == "Wladimir Putin"
    assert events["events"][0]["type"] == "visit" and events["events"][0]["date"] is None
    assert events["events"][0]["place"]["name"] == "Nordkorea"
    timeline = client.get("/entities/Wladimir Putin/timeline").json()
    assert timeline["days"] == [{"date": "2024-06-18", "articles": 1, "mentions": 2}]  # headline and text
    assert timeline["undated"] == {"articles": 1, "mentions": 1}
    assert client.get("/entities/Atlantis/events").status_code == 404
    assert client.get("/entities/Q7747").json()["entity"]["id"] == "Q7747"  # the entity view itself still answers
