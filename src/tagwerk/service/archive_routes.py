"""The archive's routes: story threads, one story, an entity's events and its mentions per day.

``/stories`` and ``/stories/{id}`` answer JSON to API clients and the page to browsers, like the
other views; the entity sub-resources are JSON only (the entity page fetches them). The router is
included before ``/entities/{id:path}``, whose path parameter would otherwise take ``/events``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

Fmt = Annotated[Literal["json", "html"] | None, Query(description="json or html; default: by the Accept header")]
_BOTH: dict[int | str, dict[str, Any]] = {200: {"content": {"application/json": {}, "text/html": {}}}}


def archive_router(
    page: Callable[[], HTMLResponse],
    wants_html: Callable[[Request, str | None], bool],
    as_json: Callable[[Any], JSONResponse],
) -> APIRouter:
    """The routes; ``page`` gives the editor's page, ``wants_html`` reads the request's format,
    ``as_json`` renders a result."""
    router = APIRouter(tags=["archive"])

    @router.get("/stories", summary="Story threads, newest first (HTML for browsers)", responses=_BOTH)
    def list_stories(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
        min_size: Annotated[int, Query(ge=1, description="Only stories with at least this many articles")] = 1,
        format: Fmt = None,
    ) -> Any:
        if wants_html(request, format):
            return page()
        return as_json(request.app.state.store.stories(limit=limit, offset=offset, min_size=min_size))

    @router.get(
        "/stories/{story_id}",
        summary="A story: its articles in time order, versions folded (HTML for browsers)",
        responses=_BOTH,
    )
    def get_story(story_id: str, request: Request, format: Fmt = None) -> Any:
        if wants_html(request, format):
            return page()
        return as_json(request.app.state.store.story(story_id))

    @router.get("/entities/{entity_id:path}/events", summary="The events an entity took part in, newest first")
    def entity_events(entity_id: str, request: Request, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
        return as_json(request.app.state.store.entity_events(entity_id, limit=limit))

    @router.get("/entities/{entity_id:path}/timeline", summary="An entity's mentions per day, and those in undated articles")
    def entity_timeline(entity_id: str, request: Request) -> Any:
        return as_json(request.app.state.store.entity_days(entity_id))

    return router
