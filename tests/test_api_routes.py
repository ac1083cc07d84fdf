"""The HTTP API in-process (FastAPI TestClient): routes, auth, limits, JSON errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from store_support import FakeAnalyzer
from tagwerk.service import create_app
from tagwerk.service.app import STATIC

TOKEN = "geheim-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "title": "Russland warnt Nordkorea",
    "text": "Moskau (dpa) - Russland hat Nordkorea gewarnt. „Wir beobachten die Lage genau“, sagte Putin am Montag.",
    "date": "2024-05-03",
    "url": "https://example.org/a",
}


@pytest.fixture()
def client(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "api.db", token=TOKEN, analyzer=FakeAnalyzer(token_analyzer), max_body=64 * 1024)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def readonly(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "ro.db", token=None, analyzer=FakeAnalyzer(token_analyzer))
    return TestClient(app, raise_server_exceptions=False)


def test_api_analyze_does_not_store(client):
    r = client.post("/analyze", json=ARTICLE)
    assert r.status_code == 200
    data = r.json()
    assert data["article"]["blocks"][0] == {"kind": "headline", "start": 0, "end": 24, "text": "Russland warnt Nordkorea"}
    assert {e["name"] for e in data["entities"]} >= {"Russland", "Nordkorea", "Wladimir Putin"}
    assert data["quotes"][0]["speaker_name"] == "Wladimir Putin"
    assert "tokens" not in data
    assert client.get("/stats").json()["articles"] == 0
    assert "tokens" in client.post("/analyze?tokens=true", json=ARTICLE).json()


def test_api_ingest_is_idempotent(client):
    first = client.post("/articles", json=ARTICLE, headers=AUTH)
    assert first.status_code == 201
    assert first.json()["created"] is True
    again = client.post("/articles", json=ARTICLE, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again.json()["created"] is False
    assert client.get("/stats").json()["articles"] == 1


def test_api_article_search_entity_and_tags(client):
    aid = client.post("/articles", json=ARTICLE, headers=AUTH).json()["id"]
    art = client.get(f"/articles/{aid}").json()
    assert art["title"] == "Russland warnt Nordkorea"
    assert {t["status"] for t in art["tags"]} == {"suggested"}

    hits = client.get("/search", params={"q": "beobachten", "entity": "Russland", "from": "2024"}).json()
    assert hits["total"] == 1 and hits["hits"][0]["id"] == aid
    assert client.get("/search", params={"entity": "Atlantis"}).json()["total"] == 0

    ent = client.get("/entities/Q159").json()
    assert ent["entity"]["name"] == "Russland"
    assert ent["cooccurring"][0]["name"] in {"Nordkorea", "Wladimir Putin", "Moskau"}
    assert client.get("/entities/local:org:bundesregierung").status_code == 404

    r = client.patch(f"/articles/{aid}/tags", json={"accept": ["Russland"], "reject": ["Moskau"], "add": ["Raketen"], "who": "anna"}, headers=AUTH)
    assert r.status_code == 200
    status = {t["name"]: t["status"] for t in r.json()["tags"]}
    assert status["Russland"] == "accepted" and status["Moskau"] == "rejected" and status["Raketen"] == "added"
    assert client.get("/search", params={"tag": "raketen"}).json()["total"] == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("post", "/articles", ARTICLE), ("patch", "/articles/1/tags", {"add": ["x"]})],
)
@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer falsch"}, 401), ({"Authorization": f"Basic {TOKEN}"}, 401), ({"Authorization": "Bearer"}, 401)],
)
def test_api_writes_need_the_token(client, method, path, body, headers, status):
    r = getattr(client, method)(path, json=body, headers=headers)
    assert r.status_code == status
    assert r.headers["www-authenticate"] == "Bearer"
    assert "token" in r.json()["error"]


@pytest.mark.parametrize(("method", "path"), [("post", "/articles"), ("patch", "/articles/1/tags")])
def test_api_without_token_is_read_only(readonly, method, path):
    r = getattr(readonly, method)(path, json=ARTICLE, headers=AUTH)
    assert r.status_code == 403
    assert "read-only" in r.json()["error"]
    assert readonly.post("/analyze", json=ARTICLE).status_code == 200
    assert readonly.get("/health").json()["read_only"] is True


def test_api_request_size_limit(client):
    big = {"text": "Wort " * 20_000}
    r = client.post("/analyze", json=big)
    assert r.status_code == 413
    assert "larger than" in r.json()["error"]

    def chunks():  # no Content-Length: the limit counts streamed bytes
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    r = client.post("/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("post", "/analyze", {"content": b"{kein json", "headers": {"Content-Type": "application/json"}}, 422),
        ("post", "/analyze", {"json": {"title": "nur Titel"}}, 422),
        ("post", "/analyze", {"json": {"text": "   "}}, 422),
        ("post", "/analyze", {"json": {"text": "x", "format": "pdf"}}, 422),
        ("get", "/articles/12345", {}, 404),
        ("get", "/articles/abc", {}, 422),
        ("get", "/nirgendwo", {}, 404),
        ("get", "/search?from=gestern", {}, 400),
        ("get", "/search?limit=0", {}, 422),
        ("get", "/entities/Atlantis", {}, 404),
        ("delete", "/articles/1", {}, 405),
    ],
)
def test_api_errors_are_json_never_tracebacks(client, method, path, kwargs, status):
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == status and body["error"]
    assert "Traceback" not in r.text


def test_api_internal_error_is_json(tmp_path):
    class Broken:
        config = None

        def analyze(self, article):
            raise RuntimeError("boom in a stage")

    app = create_app(store=tmp_path / "b.db", analyzer=Broken())
    r = TestClient(app, raise_server_exceptions=False).post("/analyze", json=ARTICLE)
    assert r.status_code == 500
    assert r.json()["error"].startswith("internal error")
    assert "boom" not in r.text and "Traceback" not in r.text


def test_api_html_upload(client):
    html = "<html><head><title>Gipfel in Berlin</title></head><body><article><h1>Gipfel in Berlin</h1>" \
           "<p>Die Bundesregierung lädt nach Berlin ein. Russland ist nicht dabei, hieß es am Montag aus Regierungskreisen.</p>" \
           "<p>Ein zweiter Absatz mit weiteren Einzelheiten zum geplanten Treffen der Delegationen.</p></article></body></html>"
    r = client.post("/analyze", json={"text": html, "format": "html"})
    assert r.status_code == 200, r.text
    assert "<p>" not in r.json()["article"]["text"]
    assert "Bundesregierung" in r.json()["article"]["text"]


@pytest.mark.parametrize("path", ["/", "/search?q=x", "/articles/1", "/entities/Q159"])
def test_api_browsers_get_the_page(client, path):
    r = client.get(path, headers={"Accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert '<script src="/static/app.js"' in r.text


def test_api_one_view_two_formats(client):
    aid = client.post("/articles", json=ARTICLE, headers=AUTH).json()["id"]
    assert client.get(f"/articles/{aid}?format=json", headers={"Accept": "text/html"}).json()["id"] == aid
    assert client.get(f"/articles/{aid}?format=html").headers["content-type"].startswith("text/html")
    assert client.get(f"/articles/{aid}").headers["content-type"].startswith("application/json")


def test_api_docs_and_openapi(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "swagger" in r.text.lower()
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [("/analyze", "post"), ("/articles", "post"), ("/articles/{article_id}", "get"), ("/search", "get"),
                         ("/entities/{entity_id}", "get"), ("/articles/{article_id}/tags", "patch")]:
        assert method in paths[path], path


def test_api_page_needs_no_external_network():
    for f in STATIC.iterdir():
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), f.name
        assert "fetch(\"http" not in text and "@import" not in text, f.name
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_api_static_assets_served(client):
    for name, kind in [("app.js", "javascript"), ("app.css", "css")]:
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and kind in r.headers["content-type"]
        assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.slow
def test_api_analysis_pool_gives_the_in_process_result(tmp_path, token_analyzer):
    """With ``processes`` the analyses run in spawned single-threaded processes; the answer
    is the same as the in-process Analyzer's, and storing works through the pool too."""
    from tagwerk.pipeline import AnalyzerConfig

    here = create_app(store=tmp_path / "here.db", analyzer=token_analyzer)
    expected = TestClient(here).post("/analyze", json=ARTICLE).json()
    app = create_app(
        store=tmp_path / "pool.db", token=TOKEN, processes=1, config=AnalyzerConfig(stages=("tokens",)), preload=True
    )
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/analyze", json=ARTICLE)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        assert r.json() == expected
        assert c.post("/analyze", json={"text": "   "}).status_code == 422  # read in the server, refused there
        stored = c.post("/articles", json=ARTICLE, headers=AUTH)
        assert stored.status_code == 201
        assert c.get(f"/articles/{stored.json()['id']}?format=json").json()["title"] == ARTICLE["title"]
