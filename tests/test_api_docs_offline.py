"""``/docs`` works offline: Swagger UI from the package, no CDN; writes can be authorised there
(the bearer scheme is in the OpenAPI description)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tagwerk.service import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return TestClient(create_app(store=tmp_path_factory.mktemp("docs") / "d.db", analyzer=object(), token="t"))


def test_api_docs_page_loads_nothing_from_outside(client):
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(u.startswith("/") or u.startswith("data:") for u in urls), urls
    assert "cdn." not in page.text and "<script>" not in page.text  # no inline script
    for url in urls:
        if url.startswith("/"):
            asset = client.get(url)
            assert asset.status_code == 200 and len(asset.content) > 100, url


def test_api_openapi_has_the_bearer_scheme_on_writes(client):
    spec = client.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert any(s == {**s, "type": "http", "scheme": "bearer"} for s in schemes.values())
    name = next(iter(schemes))
    assert spec["paths"]["/articles"]["post"]["security"] == [{name: []}]
    assert spec["paths"]["/articles/{article_id}/tags"]["patch"]["security"] == [{name: []}]
    assert "security" not in spec["paths"]["/search"]["get"]
