"""``/docs`` without the network: Swagger UI's files served from an installed package, and the
bearer token scheme in the OpenAPI description, so that writes can be authorised on the page.

FastAPI's own ``/docs`` loads Swagger UI from a CDN and is blank offline. The files come from
the ``fastapi-offline`` package (MIT; it ships Swagger UI's bundle, Apache-2.0, unchanged),
read from where it is installed. The page has no inline script: ``static/docs.js`` starts
Swagger UI, so the page runs under a ``script-src 'self'`` policy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs/assets"

DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
"""Swagger UI sets style attributes as it draws; everything else comes from this server."""

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="The server's write token (`tagwerk serve --token`, or `TAGWERK_TOKEN`): `Authorization: Bearer <token>`.",
)
"""The security scheme of the write routes: a dependency that only documents it (the routes
check the token themselves); Swagger UI then shows its Authorize button."""

_PAGE = """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" href="data:,">
</head>
<body>
<div id="swagger-ui" data-openapi="{openapi}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def swagger_assets() -> Path | None:
    """The folder of Swagger UI's files in the installed ``fastapi-offline`` package, or None."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def install_docs(app: FastAPI, *, title: str) -> None:
    """Serve ``/docs`` (Swagger UI) from local files. Create the app with ``docs_url=None``."""
    assets = swagger_assets()
    if assets is None:  # the package is missing: say so rather than show a blank page
        message = "<p>Swagger UI is not installed (pip install fastapi-offline); the API is described at /openapi.json.</p>"

        @app.get("/docs", include_in_schema=False)
        def docs_missing() -> HTMLResponse:
            return HTMLResponse(message, status_code=503)

        return
    app.mount(ASSETS_URL, StaticFiles(directory=assets), name="docs-assets")
    page = _PAGE.format(title=f"{title} – API", assets=ASSETS_URL, openapi=app.openapi_url or "/openapi.json")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP, "Cache-Control": "no-cache"})


def app_settings() -> dict[str, Any]:
    """The FastAPI settings that leave ``/docs`` to :func:`install_docs` (no CDN page, no ReDoc)."""
    return {"docs_url": None, "redoc_url": None, "swagger_ui_oauth2_redirect_url": None}
