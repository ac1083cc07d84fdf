"""``tagwerk serve``: the app (:func:`~tagwerk.service.app.create_app`) under uvicorn."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tagwerk.service.app import DEFAULT_MAX_BODY, create_app
from tagwerk.store import Store

if TYPE_CHECKING:
    from tagwerk.pipeline import AnalyzerConfig


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    store: Store | str | Path | None = None,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    processes: int = 1,
    config: AnalyzerConfig | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the HTTP API and the editor's page until interrupted.

    ``token``: the bearer token for writes (default ``$TAGWERK_TOKEN``; none: read-only);
    ``processes``: analysis processes, each loading an Analyzer for ``config`` before the
    server listens; ``on_ready(line)`` then gets one line saying where and how it serves."""
    import uvicorn

    token = token or os.environ.get("TAGWERK_TOKEN") or None
    mode = "writes need the bearer token" if token else "read-only (no token set)"
    app = create_app(
        store=store if isinstance(store, Store) or store is None else str(store),
        token=token,
        max_body=max_body,
        processes=processes,
        config=config,
        preload=True,
    )
    if on_ready is not None:
        on_ready(
            f"serving http://{host}:{port} (store {app.state.store.url}, "
            f"{processes} analysis process{'es' if processes > 1 else ''}); {mode}"
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")
