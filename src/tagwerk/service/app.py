"""The HTTP API and the editor's page, one FastAPI app over one Analyzer and one Store.

Reads are open; every write (``POST /articles``, ``PATCH /articles/{id}/tags``) needs
``Authorization: Bearer <token>``. Without a configured token the server is read-only.
Browsers asking for HTML get the page on the same URLs (``/articles/7``, ``/search``,
``/entities/Q159``); API clients get JSON (``?format=json|html`` decides explicitly).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tagwerk import __version__
from tagwerk.article import DEFAULT_MAX_CHARS
from tagwerk.errors import AnalysisTimeoutError, ArticleError, ArticleTooLargeError, TagwerkError
from tagwerk.service.docs import app_settings as docs_settings
from tagwerk.service.docs import bearer, install_docs
from tagwerk.service.limits import (
    DEFAULT_MAX_BODY,
    DEFAULT_REQUEST_TIME_LIMIT,
    QUEUE_PER_PROCESS,
    AnalysisGate,
    Overloaded,
    env_number,
)
from tagwerk.service.security import (
    PAGE_CSP,
    CatchAllMiddleware,
    SecurityHeadersMiddleware,
    bearer_token,
    cors_origins,
    token_matches,
)
from tagwerk.store import AmbiguousEntityError, NotFoundError, SearchQuery, Store, TagReview, open_store

log = logging.getLogger("tagwerk.service")

STATIC = Path(__file__).parent / "static"
MAX_ID = 2**63 - 1
"""The largest article id (SQLite's and PostgreSQL's 64-bit integers): a larger one is a 422."""
__all__ = ["DEFAULT_MAX_BODY", "PAGE_CSP", "AnalysisPool", "create_app", "app_from_env"]


ArticleId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="The article's id in the store")]
Fmt = Annotated[Literal["json", "html"] | None, Query(description="json or html; default: by the Accept header")]

# -- request and response models ------------------------------------------------------------


class ArticleIn(BaseModel):
    """An article to analyse or store. ``text`` is the body (plain agency text, or HTML with format=html)."""

    text: str = Field(..., description="The article: plain text (headline first) or, with format=html, an HTML page.")
    title: str | None = Field(None, description="The headline, when it is not the first line of text.")
    date: str | None = None
    url: str | None = None
    id: str | None = None
    source: str | None = Field(None, description="Outlet or agency.")
    tags: list[str] = Field(default_factory=list, description="Tags the article came with.")
    format: Literal["text", "html"] = "text"

    model_config = {"json_schema_extra": {"examples": [{"text": "Berlin (dpa) - Die Bundesregierung ...", "title": "Ein Titel"}]}}


class TagReviewIn(BaseModel):
    accept: list[str] = Field(default_factory=list, description="Suggested tags the editor keeps.")
    reject: list[str] = Field(default_factory=list, description="Tags the editor turns down.")
    add: list[str] = Field(default_factory=list, description="Tags the editor adds.")
    who: str = Field("editor", min_length=1, max_length=100)


# -- middleware --------------------------------------------------------------------------------


class BodyLimitMiddleware:
    """413 for a request body over ``max_body`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_body:
                    await _too_large(self.max_body)(scope, receive, send)
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"the request body is larger than {self.max_body:,} bytes")
            return message

        await self.app(scope, limited, send)


class FastJSON(JSONResponse):
    """JSON straight from ``json.dumps``: our results are plain dicts, so FastAPI's
    ``jsonable_encoder`` walk (about 5 ms for one analysis) is skipped."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"error": f"the request body is larger than {limit:,} bytes", "status": 413}, status_code=413)


# -- the app -----------------------------------------------------------------------------------


class _Lazy:
    """Builds the Analyzer on first use, once, and runs one analysis at a time.

    spaCy pipelines are not documented as thread-safe; the lock keeps them safe and costs
    nothing under the GIL. Scale out with more server processes (``tagwerk serve --workers``).
    """

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._obj: Any = None
        self._build = threading.Lock()
        self.run = threading.Lock()

    def get(self) -> Any:
        if self._obj is None:
            with self._build:
                if self._obj is None:
                    self._obj = self._factory()
        return self._obj


class AnalysisPool:
    """``processes`` spawned, single-threaded processes that each hold one Analyzer.

    The server process only parses HTTP, reads articles and talks to the store; analyses
    run in the pool, so one server process uses every core it is given (threads in one
    process would share one GIL), and the event loop answers searches while articles are
    analysed. A single-threaded process also runs spaCy's NER about 15 % faster than a
    thread of a multi-threaded server would (see ``tagwerk.batch.cluster.AnalysisProcess``).
    A pool process that dies (out of memory) is replaced and the request gets a 503."""

    def __init__(self, config: Any, processes: int) -> None:
        self.config = config
        self.processes = processes
        self._pool = self._start()

    def _start(self) -> Any:
        from tagwerk.workers import analysis_executor

        return analysis_executor(self.config, self.processes)

    def warm(self) -> None:
        """Start every process and load its model now, not on the first requests."""
        import time

        for f in [self._pool.submit(time.sleep, 0.5) for _ in range(self.processes)]:
            f.result()

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        import asyncio
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pool
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)
        except BrokenProcessPool:
            if self._pool is pool:
                self._pool = self._start()
            raise AnalysisUnavailable("an analysis process died (out of memory?) and was replaced; send the request again") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class AnalysisUnavailable(TagwerkError):
    """The analysis pool lost a process; the request may be retried (HTTP 503)."""


def _default_analyzer():
    from tagwerk.pipeline import Analyzer

    return Analyzer()


def create_app(
    *,
    store: Store | str | None = None,
    token: str | None = None,
    analyzer: Any = None,
    max_body: int = DEFAULT_MAX_BODY,
    preload: bool = False,
    processes: int = 0,
    config: Any = None,
    queue: int | None = None,
    request_time_limit: float | None = None,
) -> FastAPI:
    """The app. ``store``: a Store or a path/URL (default ``$TAGWERK_DB`` or ./tagwerk.db);
    ``token``: the bearer token for writes (None: read-only); ``analyzer``: an Analyzer
    (default: built on first use with every stage), used in this process; or ``processes``
    > 0: an ``AnalysisPool`` of that many processes, each building an Analyzer from
    ``config`` (an AnalyzerConfig; default: every stage). ``queue``: analyses that may wait
    per analysis process (default ``$TAGWERK_QUEUE`` or 8); ``request_time_limit``: seconds a
    request's analysis may take, waiting included (default ``$TAGWERK_REQUEST_TIME_LIMIT`` or
    120): beyond either the request gets 503 with ``Retry-After`` (``service/limits.py``)."""
    time_limit = request_time_limit or env_number("TAGWERK_REQUEST_TIME_LIMIT", DEFAULT_REQUEST_TIME_LIMIT)
    per_process = queue if queue is not None else int(env_number("TAGWERK_QUEUE", QUEUE_PER_PROCESS))
    if isinstance(store, Store):
        the_store = store
    else:
        the_store = open_store(store)
    pool: AnalysisPool | None = None
    if processes > 0:
        if analyzer is not None:
            raise TypeError("give either an analyzer (in this process) or processes (a pool), not both")
        from tagwerk.pipeline import AnalyzerConfig

        pool = AnalysisPool(_limited(config or AnalyzerConfig(), time_limit), processes)
        if preload:
            pool.warm()
    lazy = _Lazy((lambda: analyzer) if analyzer is not None else _default_analyzer)
    if preload and pool is None:
        lazy.get()

    app = FastAPI(
        title="tagwerk",
        version=__version__,
        description="Analyses German news articles (entities, quotes, tags), stores them, and searches the archive. "
        "Writes need the server's token: press Authorize and enter it.",
        **docs_settings(),
    )
    install_docs(app, title="tagwerk")
    app.state.store = the_store
    app.state.token = token or None
    app.state.analyzer = lazy
    app.state.pool = pool
    gate = AnalysisGate(slots=max(processes, 1), queue=per_process * max(processes, 1), time_limit=time_limit)
    app.state.gate = gate
    if pool is not None:
        app.router.on_shutdown.append(pool.close)
    app.add_middleware(CatchAllMiddleware)  # innermost: a 500 keeps the connection and gets the headers
    if origins := cors_origins():  # off unless TAGWERK_CORS_ORIGINS names origins
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"], allow_credentials=False)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    page = (STATIC / "index.html").read_text(encoding="utf-8")

    # -- errors: JSON with a clear message, never a traceback ------------------------------
    def error(status: int, message: str, **extra: Any) -> JSONResponse:
        return JSONResponse({"error": message, "status": status, **extra}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        resp = error(exc.status_code, message)
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
        ]
        first = details[0] if details else {"where": "", "message": "invalid request"}
        return error(422, f"invalid request: {first['where']}: {first['message']}", details=details)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        if isinstance(exc, AmbiguousEntityError):  # a surname several entities bear: 300 with the candidates
            return error(300, str(exc), candidates=exc.candidates)
        return error(404, str(exc))

    @app.exception_handler(ArticleTooLargeError)
    async def _too_big(request: Request, exc: ArticleTooLargeError) -> JSONResponse:
        return error(413, str(exc))

    @app.exception_handler(ArticleError)
    async def _bad_article(request: Request, exc: ArticleError) -> JSONResponse:
        return error(422, str(exc))

    @app.exception_handler(AnalysisUnavailable)
    async def _unavailable(request: Request, exc: AnalysisUnavailable) -> JSONResponse:
        return busy(str(exc), 1)

    @app.exception_handler(Overloaded)
    async def _overloaded(request: Request, exc: Overloaded) -> JSONResponse:
        return busy(str(exc), exc.retry_after)

    @app.exception_handler(AnalysisTimeoutError)
    async def _timed_out(request: Request, exc: AnalysisTimeoutError) -> JSONResponse:
        return busy(str(exc), gate.retry_after())

    def busy(message: str, retry_after: int) -> JSONResponse:
        resp = error(503, message)
        resp.headers["Retry-After"] = str(max(1, retry_after))
        return resp

    @app.exception_handler(TagwerkError)
    async def _tagwerk(request: Request, exc: TagwerkError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error(500, "internal error; the server log has the details")

    # -- helpers -----------------------------------------------------------------------------
    def require_writer(request: Request, _: Annotated[Any, Depends(bearer)] = None) -> None:
        expected = app.state.token
        if not expected:
            raise HTTPException(403, "the server is read-only: start it with --token or TAGWERK_TOKEN to allow writes")
        given = bearer_token(request.headers.get("authorization", ""))
        if given is None:
            raise HTTPException(401, "this needs a bearer token (Authorization: Bearer ...)", headers={"WWW-Authenticate": "Bearer"})
        if not token_matches(given, expected):
            raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})

    def wants_html(request: Request, format: str | None) -> bool:
        if format:
            return format == "html"
        accept = request.headers.get("accept", "")
        return "text/html" in accept

    def page_response() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})

    def to_article(body: ArticleIn):
        from tagwerk.readers import article_from_record, read_bytes

        if pool is not None:
            limit = pool.config.max_chars
        else:
            limit = getattr(getattr(lazy.get(), "config", None), "max_chars", None) or DEFAULT_MAX_CHARS
        if body.format == "html":
            items = list(read_bytes(body.text.encode("utf-8"), source="upload.html", fmt="html", max_chars=limit))
            if not items:
                raise ArticleError("the HTML holds no article", source="request")
            first = items[0]
            if isinstance(first, ArticleError):
                raise first
            for key in ("date", "url", "id"):
                if getattr(body, key):
                    setattr(first, key, getattr(body, key))
            if body.tags:
                first.given_tags = list(dict.fromkeys([*first.given_tags, *body.tags]))
            return first
        record = {k: v for k, v in body.model_dump().items() if k != "format" and v not in (None, [])}
        article = article_from_record(record, source=None, max_chars=limit)  # id: the record's id or url, else none
        article.source = "request"
        return article

    def analyse_here(article: Any) -> Any:
        analyzer = lazy.get()
        with lazy.run:
            return analyzer.analyze(article)

    async def analyse(body: ArticleIn) -> Any:
        """The Analysis of a request's article: in the pool, or in a thread of this process
        (through the gate: a bounded queue and a time limit)."""
        article = await run_in_threadpool(to_article, body)
        if pool is not None:
            from tagwerk.workers import pool_analyze

            return await gate.run(lambda: pool.run(pool_analyze, article))
        return await gate.run(lambda: run_in_threadpool(analyse_here, article))

    # -- routes ------------------------------------------------------------------------------
    from tagwerk.service.archive_routes import archive_router  # before /entities/{id:path}: it takes /events

    app.include_router(archive_router(page_response, wants_html, FastJSON))

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return page_response()

    @app.get("/health", tags=["service"], summary="Liveness, store and write mode")
    def health() -> dict[str, Any]:
        # the kind of store, never its path or URL (D8: no file path, user or host without auth)
        return {"ok": True, "version": __version__, "store": _store_kind(app.state.store), "read_only": not app.state.token}

    @app.get("/stats", tags=["service"], summary="Rows per store table")
    def stats() -> dict[str, int]:
        return app.state.store.counts()

    @app.post("/analyze", tags=["analysis"], summary="Analyse an article without storing it")
    async def analyze(body: ArticleIn, tokens: bool = False) -> Response:
        if pool is not None:  # the pool process serialises; the JSON goes out as it comes
            from tagwerk.workers import pool_analyze_json

            article = await run_in_threadpool(to_article, body)
            payload = await gate.run(lambda: pool.run(pool_analyze_json, article, tokens))
            return Response(payload.encode("utf-8"), media_type="application/json")
        analysis = await analyse(body)
        return FastJSON(analysis.to_dict(tokens=tokens))

    @app.post(
        "/articles",
        tags=["store"],
        summary="Analyse and store an article (same URL or text: updated, not duplicated)",
        dependencies=[Depends(require_writer)],
        status_code=201,
        responses={200: {"description": "An article with the same URL or text was updated"}},
    )
    async def post_article(body: ArticleIn) -> FastJSON:
        analysis = await analyse(body)
        result = await run_in_threadpool(app.state.store.ingest, analysis)
        stored = await run_in_threadpool(app.state.store.get_article, result.id)
        return FastJSON({"id": result.id, "created": result.created, "article": stored}, status_code=201 if result.created else 200)

    @app.get(
        "/articles/{article_id}",
        tags=["store"],
        summary="A stored article with its analysis, reviewed tags and related articles (HTML for browsers)",
        responses={200: {"content": {"application/json": {}, "text/html": {}}}},
    )
    def get_article(article_id: ArticleId, request: Request, format: Fmt = None) -> Any:
        if wants_html(request, format):
            return page_response()
        store = app.state.store
        return FastJSON({**store.get_article(article_id), "related": store.related(article_id)})

    @app.patch(
        "/articles/{article_id}/tags",
        tags=["store"],
        summary="Accept, reject or add tags",
        dependencies=[Depends(require_writer)],
    )
    def patch_tags(article_id: ArticleId, body: TagReviewIn) -> dict[str, Any]:
        review = TagReview(accept=body.accept, reject=body.reject, add=body.add, who=body.who)
        return {"id": article_id, "tags": app.state.store.review_tags(article_id, review)}

    @app.get(
        "/search",
        tags=["store"],
        summary="Full-text search with entity, tag, date and outlet facets (HTML for browsers)",
        responses={200: {"content": {"application/json": {}, "text/html": {}}}},
    )
    def search(
        request: Request,
        q: Annotated[str | None, Query(max_length=500, description="Words that must occur; \"a phrase\"; wort* for a prefix")] = None,
        exact: Annotated[bool, Query(description="Whole words only; by default a word of 4 or more letters also finds the words "
                                     "it begins, German compounds included (Rente: Rentenreform)")] = False,
        entity: Annotated[list[str], Query(description="Entity id, KB id or name (repeatable)")] = [],  # noqa: B006
        tag: Annotated[list[str], Query(description="Tag name (repeatable)")] = [],  # noqa: B006
        date_from: Annotated[str | None, Query(alias="from", description="From date, ISO (2005-08-01 or 2005)")] = None,
        date_to: Annotated[str | None, Query(alias="to", description="To date, inclusive")] = None,
        outlet: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        format: Fmt = None,
    ) -> Any:
        if wants_html(request, format):
            return page_response()
        query = SearchQuery(
            text=q or None,
            entities=tuple(e for e in entity if e.strip()),
            tags=tuple(t for t in tag if t.strip()),
            date_from=date_from or None,
            date_to=date_to or None,
            outlet=outlet or None,
            limit=limit,
            offset=offset,
            exact=exact,
        )
        return FastJSON(app.state.store.search(query))

    @app.get(
        "/entities/{entity_id:path}",
        tags=["store"],
        summary="An entity: mentions over time, co-occurring entities, latest quotes (HTML for browsers)",
        responses={200: {"content": {"application/json": {}, "text/html": {}}}},
    )
    def get_entity(entity_id: str, request: Request, format: Fmt = None, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> Any:
        if wants_html(request, format):
            return page_response()
        return FastJSON(app.state.store.entity_view(entity_id, limit=limit))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def _store_kind(store: Store) -> str:
    """``sqlite`` or ``postgresql``: what /health says of the store."""
    return str(getattr(store, "dialect", None) or str(store.url).split(":", 1)[0].split("+", 1)[0])


def _limited(config: Any, seconds: float) -> Any:
    """``config`` with its time limit no longer than ``seconds`` (the analysis processes stop an
    analysis when the request's time is up)."""
    import dataclasses

    current = getattr(config, "time_limit", None)
    if current is None or current > seconds:
        return dataclasses.replace(config, time_limit=seconds)
    return config


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` and ``tagwerk serve --workers N``: settings from the environment."""
    from tagwerk.pipeline import AnalyzerConfig

    max_body = int(os.environ.get("TAGWERK_MAX_BODY", DEFAULT_MAX_BODY))
    preload = os.environ.get("TAGWERK_PRELOAD", "1") != "0"
    processes = int(os.environ.get("TAGWERK_ANALYSIS_PROCESSES", "1"))
    stages = os.environ.get("TAGWERK_STAGES")
    config = AnalyzerConfig(stages=tuple(x.strip() for x in stages.split(",") if x.strip())) if stages else AnalyzerConfig()
    analyzer = None
    if processes < 1:
        from tagwerk.pipeline import Analyzer

        analyzer = Analyzer(config)
    return create_app(
        store=os.environ.get("TAGWERK_DB") or None,
        token=os.environ.get("TAGWERK_TOKEN") or None,
        analyzer=analyzer,
        max_body=max_body,
        preload=preload,
        processes=max(processes, 0),
        config=config,
    )
