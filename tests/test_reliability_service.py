"""The HTTP service under poison requests, overload and attack (issue 35: D6, D7, D8, limits,
security headers, tokens, body limits, SQL-like and path-traversal strings)."""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from store_support import FakeAnalyzer
from store_support import served as serve_app
from tagwerk.service import create_app

TOKEN = "sehr-geheim-42"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "title": "Russland warnt Nordkorea",
    "text": "Moskau (dpa) - Russland hat Nordkorea gewarnt. „Wir beobachten die Lage genau“, sagte Putin am Montag.",
    "url": "https://example.org/sicher",
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
OPEN_WRITES = {("POST", "/analyze")}  # analyses without storing: open like the reads


class SlowAnalyzer(FakeAnalyzer):
    """Sleeps on articles that say LANGSAM, raises on KAPUTT."""

    def analyze(self, article):
        text = article.text if hasattr(article, "text") else str(article)
        if "KAPUTT" in text:
            raise RuntimeError("a stage broke at /geheim/pfad/stage.py")
        if "LANGSAM" in text:
            time.sleep(1.5)
        return super().analyze(article)


@pytest.fixture()
def client(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "api.db", token=TOKEN, analyzer=SlowAnalyzer(token_analyzer), max_body=64 * 1024)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def served(app):  # noqa: ANN001, ANN201
    return serve_app(app, log_level="critical")


def raw_exchange(sock: socket.socket, request: bytes) -> bytes:
    """Send one HTTP/1.1 request on ``sock`` and read its whole response (by Content-Length)."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


# -- D6, D7, D8 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/articles/9223372036854775808"),
        ("get", "/articles/99999999999999999999999999"),
        ("get", "/articles/-1"),
        ("get", "/articles/0"),
        ("patch", "/articles/9223372036854775808/tags"),
        ("get", "/search?offset=9223372036854775808"),
        ("get", "/search?offset=99999999999999999999"),
    ],
)
def test_service_huge_ids_are_client_errors_not_500(client, method, path):
    kwargs = {"json": {"accept": []}, "headers": AUTH} if method == "patch" else {}
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code in (404, 422), r.text
    assert r.json()["status"] == r.status_code


def test_service_keep_alive_survives_a_500(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "k.db", analyzer=SlowAnalyzer(token_analyzer))
    broken = json.dumps({"text": "KAPUTT: Russland hat Nordkorea gewarnt."}).encode()
    with served(app) as port, socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        first = raw_exchange(sock, b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: " + str(len(broken)).encode() + b"\r\n\r\n" + broken)
        assert first.startswith(b"HTTP/1.1 500")
        assert b"/geheim" not in first and b"Traceback" not in first
        second = raw_exchange(sock, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert second.startswith(b"HTTP/1.1 200"), second[:200]


def test_service_health_shows_no_path_or_url(tmp_path, token_analyzer):
    db = tmp_path / "verzeichnis" / "archiv.db"
    app = create_app(store=db, analyzer=FakeAnalyzer(token_analyzer))
    body = TestClient(app).get("/health").json()
    assert body["store"] == "sqlite"
    assert str(tmp_path) not in json.dumps(body) and "archiv.db" not in json.dumps(body)


# -- overload: a bounded queue and a time limit, 503 with Retry-After, never a hang ----------------


def test_service_full_queue_gets_503_with_retry_after_at_once(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "q.db", analyzer=SlowAnalyzer(token_analyzer), queue=1)
    slow = {"text": "LANGSAM: Russland hat Nordkorea gewarnt."}
    results: list[httpx.Response] = []
    with served(app) as port:
        base = f"http://127.0.0.1:{port}"

        def post() -> None:
            results.append(httpx.post(base + "/analyze", json=slow, timeout=30))

        threads = [threading.Thread(target=post) for _ in range(2)]  # one runs, one waits
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10  # both admitted (one running, one waiting), however busy the machine
        while app.state.gate.admitted < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        t0 = time.perf_counter()
        refused = httpx.post(base + "/analyze", json=slow, timeout=30)
        waited = time.perf_counter() - t0
        for t in threads:
            t.join()
        assert refused.status_code == 503 and int(refused.headers["retry-after"]) >= 1
        assert waited < 1.0  # refused at once, not after the queue
        assert "busy" in refused.json()["error"]
        assert sorted(r.status_code for r in results) == [200, 200]
        assert httpx.get(base + "/search", timeout=10).status_code == 200  # reads still answer


def test_service_request_time_limit_gets_503(tmp_path, token_analyzer):
    app = create_app(store=tmp_path / "t.db", analyzer=SlowAnalyzer(token_analyzer), request_time_limit=0.3)
    with TestClient(app, raise_server_exceptions=False) as c:
        t0 = time.perf_counter()
        r = c.post("/analyze", json={"text": "LANGSAM: Russland hat Nordkorea gewarnt."})
        assert r.status_code == 503 and r.headers["retry-after"]
        assert "time limit" in r.json()["error"] and time.perf_counter() - t0 < 1.4
        time.sleep(1.5)  # the slow analysis ends; its slot is free again
        assert c.post("/analyze", json=ARTICLE).status_code == 200


def test_service_analysis_timeout_error_is_503(tmp_path, token_analyzer):
    from tagwerk.errors import AnalysisTimeoutError

    class TimesOut(FakeAnalyzer):
        def analyze(self, article):
            raise AnalysisTimeoutError("the analysis took longer than its time limit of 1 s", source="request")

    app = create_app(store=tmp_path / "o.db", analyzer=TimesOut(token_analyzer))
    r = TestClient(app, raise_server_exceptions=False).post("/analyze", json=ARTICLE)
    assert r.status_code == 503 and r.headers["retry-after"]


# -- security --------------------------------------------------------------------------------


def write_routes(app) -> list[tuple[str, str]]:
    out = []
    for route in app.routes:
        for method in sorted(getattr(route, "methods", None) or ()):
            if method in WRITE_METHODS and (method, route.path) not in OPEN_WRITES:
                out.append((method, route.path.replace("{article_id}", "1")))
    return out


def test_service_every_write_route_needs_the_token(client):
    routes = write_routes(client.app)
    assert ("POST", "/articles") in routes and ("PATCH", "/articles/1/tags") in routes
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer falsch"}, {"Authorization": f"Basic {TOKEN}"},
                        {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {TOKEN[:-1]}"}):
            r = client.request(method, path, json={"text": ARTICLE["text"], "accept": []}, headers=headers)
            assert r.status_code == 401, (method, path, headers, r.status_code)
            assert r.headers["www-authenticate"] == "Bearer"


def test_service_token_is_compared_in_constant_time(client, monkeypatch):
    import hmac

    from tagwerk.service import security

    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer x"})
    client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer " + "y" * 500})
    assert calls == [(32, 32), (32, 32)]  # digests: the token's length does not show either
    assert security.token_matches(TOKEN, TOKEN) and not security.token_matches(TOKEN + " ", TOKEN)


def test_service_body_limit_on_every_route(client):
    big = b"x" * (64 * 1024 + 1)
    for route in client.app.routes:
        for method in sorted(getattr(route, "methods", None) or ()):
            if method == "HEAD":
                continue
            path = route.path.replace("{article_id}", "1").replace("{entity_id:path}", "Q1").replace("{path:path}", "app.js")
            r = client.request(method, path, content=big, headers={**AUTH, "Content-Type": "application/json"})
            assert r.status_code == 413, (method, path, r.status_code)


def test_service_streamed_body_over_the_limit(client):
    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    for method, path in [("POST", "/articles"), ("PATCH", "/articles/1/tags"), ("POST", "/analyze")]:
        r = client.request(method, path, content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
        assert r.status_code == 413, (method, path)


SQLISH = [
    "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE articles; --", "1; SELECT * FROM sqlite_master", "%' AND 1=1 AND '%'='",
    "NEAR(a b)", "a* OR b*", "\"unclosed", "title:x", "(((", "\\", "\x00", "ä' UNION SELECT 1,2,3 --", "1e999", "-1",
]


@pytest.mark.parametrize("value", SQLISH)
@pytest.mark.parametrize("param", ["q", "entity", "tag", "from", "to", "outlet", "limit", "offset"])
def test_service_sql_like_strings_in_every_search_parameter(client, param, value):
    client.post("/articles", json=ARTICLE, headers=AUTH)
    r = client.get("/search", params={param: value})
    assert r.status_code in (200, 400, 422), (param, value, r.status_code, r.text[:200])
    assert "Traceback" not in r.text and "OperationalError" not in r.text and "syntax error" not in r.text
    assert client.get("/stats").json()["articles"] == 1  # nothing dropped


@pytest.mark.parametrize(
    "path",
    [
        "/articles/..%2F..%2Fetc%2Fpasswd", "/articles/../../etc/passwd", "/entities/..%2F..%2Fetc%2Fpasswd",
        "/entities/../../../etc/passwd", "/static/../app.py", "/static/..%2fapp.py", "/static/..%2F..%2Fpipeline.py",
        "/static/%2e%2e/app.py", "/entities/%00", "/static/app.js%00.html",
    ],
)
def test_service_path_traversal_in_path_parameters(client, path):
    r = client.get(path)
    assert r.status_code in (404, 422), (path, r.status_code)
    assert "def create_app" not in r.text and "root:" not in r.text


@pytest.mark.parametrize("path", ["/", "/health", "/search", "/static/app.js", "/articles/12345", "/nirgendwo"])
def test_service_security_headers_and_no_cors(client, path):
    r = client.get(path, headers={"Origin": "https://boese.example"})
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert not any(h.lower().startswith("access-control-") for h in r.headers)
    pre = client.options("/analyze", headers={"Origin": "https://boese.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_service_page_csp_allows_only_own_scripts(client):
    r = client.get("/", headers={"Accept": "text/html"})
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "<script>" not in r.text and " on" not in r.text.split("<body", 1)[1].split(">", 1)[0]


@pytest.mark.parametrize(
    "method, path, kwargs",
    [
        ("post", "/analyze", {"json": {"text": "KAPUTT: Ein Satz."}}),
        ("post", "/analyze", {"content": b"[" * 50_000, "headers": {"Content-Type": "application/json"}}),
        ("post", "/analyze", {"content": b'{"text": "' + b"[" * 3000 + b'"}', "headers": {"Content-Type": "application/json"}}),
        ("post", "/analyze", {"json": {"text": 12345}}),
        ("post", "/analyze", {"json": {"text": ["a", 1]}}),
        ("post", "/analyze", {"content": b'{"text": "Hallo \\ud800 Welt. Ein Satz."}', "headers": {"Content-Type": "application/json"}}),
        ("get", "/entities/%ud800", {}),
        ("get", "/search?q=%ED%A0%80", {}),
    ],
)
def test_service_errors_never_leak_paths_or_tracebacks(client, method, path, kwargs):
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code != 500 or r.json()["error"].startswith("internal error")
    assert "Traceback" not in r.text and "/geheim" not in r.text and "site-packages" not in r.text
    assert "/tmp" not in r.text and "File \"" not in r.text


def test_service_surrogates_in_a_request_are_replaced(client):
    r = client.post("/analyze", content=b'{"title": "T\\udc00", "text": "Hallo \\ud800 Welt. Ein Satz."}',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 200
    assert "\ufffd" in r.json()["article"]["text"]


def test_service_cors_only_for_configured_origins(tmp_path, token_analyzer, monkeypatch):
    monkeypatch.setenv("TAGWERK_CORS_ORIGINS", "https://redaktion.example, https://zweite.example")
    app = create_app(store=tmp_path / "c.db", token=TOKEN, analyzer=FakeAnalyzer(token_analyzer))
    c = TestClient(app)
    ok = c.get("/health", headers={"Origin": "https://redaktion.example"})
    assert ok.headers["access-control-allow-origin"] == "https://redaktion.example"
    other = c.get("/health", headers={"Origin": "https://boese.example"})
    assert "access-control-allow-origin" not in other.headers
    pre = c.options("/articles", headers={"Origin": "https://zweite.example", "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "authorization, content-type"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://zweite.example"
    assert "access-control-allow-credentials" not in pre.headers  # the token travels in a header, never a cookie
