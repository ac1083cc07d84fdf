"""Store commands: ingest, reanalyze, search, entity, serve."""

from __future__ import annotations

import json
import os
from enum import Enum
from typing import Annotated, Optional

import typer

from tagwerk.cli.common import MAX_CHARS, MaxCharsOpt, ProfileOpt, StagesOpt, TopKOpt, fail

DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", help="SQLite file, sqlite:///path or postgresql://... (default: $TAGWERK_DB or ./tagwerk.db)."),
]


class Format(str, Enum):
    text = "text"
    json = "json"


def _open(db: str | None):
    from tagwerk.store import open_store

    return open_store(db)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("reanalyze")(reanalyze)
    app.command("search")(search)
    app.command("entity")(entity)
    app.command("serve")(serve)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOpt = None,
    stages: StagesOpt = None,
    top_k: TopKOpt = 6,
    max_chars: MaxCharsOpt = MAX_CHARS,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="Processes that analyse (one stores).")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and the summary.")] = False,
    profile: ProfileOpt = None,
) -> None:
    """Analyse articles and store them; the same URL or text updates, never duplicates."""
    from tagwerk.cli.common import build_analyzer, err, exit_code
    from tagwerk.readers import read_paths
    from tagwerk.store.ingest import ingest_articles

    store = _open(db)
    analyzer = build_analyzer(stages, top_k, max_chars, profile=profile) if workers == 1 else None
    config = analyzer.config if analyzer is not None else build_config(stages, top_k, max_chars, profile=profile)
    created = updated = failed = 0
    try:
        records = read_paths(paths, max_chars=max_chars)
        for outcome in ingest_articles(store, records, analyzer=analyzer, config=config, workers=workers):
            if outcome.error is not None:
                failed += 1
                err(outcome.error if outcome.error.startswith(outcome.source) else f"{outcome.source}: {outcome.error}")
                continue
            assert outcome.result is not None
            if outcome.result.created:
                created += 1
            else:
                updated += 1
            if not quiet and (created + updated) % 100 == 0:
                err(f"{created + updated} stored …")
        counts = store.counts()
    finally:
        store.close()
    typer.echo(
        f"stored {created + updated} articles ({created} new, {updated} updated), {failed} failed; "
        f"the store now holds {counts['articles']} articles, {counts['entities']} entities, {counts['tags']} tags"
    )
    if created + updated == 0 and failed == 0:
        raise fail("no article found")
    raise typer.Exit(exit_code(created + updated, failed))


def build_config(stages: str | None, top_k: int, max_chars: int, *, profile=None):  # noqa: ANN001 - Path | None
    from tagwerk.pipeline import AnalyzerConfig

    try:
        return AnalyzerConfig(
            stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None,
            top_k=top_k,
            max_chars=max_chars,
            profile=profile,  # the option reads TAGWERK_PROFILE
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def reanalyze(
    db: DbOpt = None,
    stages: StagesOpt = None,
    top_k: TopKOpt = 6,
    all_: Annotated[bool, typer.Option("--all", help="Re-run every stored article, not only stale ones.")] = False,
    profile: ProfileOpt = None,
) -> None:
    """Re-run stored articles whose stage versions differ from the current Analyzer's."""
    from tagwerk.cli.common import build_analyzer, err, exit_code
    from tagwerk.errors import TagwerkError

    analyzer = build_analyzer(stages, top_k, MAX_CHARS, profile=profile)
    store = _open(db)
    done = failed = 0
    try:
        # --all: compare with a version set no stored analysis has, so every article is stale
        ids = store.stale_articles({"": ""} if all_ else analyzer.versions)
        for article_id in ids:
            try:
                article = store.load_article(article_id)
                store.ingest(analyzer.analyze(article), into=article_id)
                done += 1
            except TagwerkError as exc:
                failed += 1
                err(f"article {article_id}: {exc}")
            except Exception as exc:
                failed += 1
                err(f"article {article_id}: analysis failed: {type(exc).__name__}: {exc}")
    finally:
        store.close()
    versions = ", ".join(f"{k} {v}" for k, v in analyzer.versions.items())
    typer.echo(f"re-analysed {done} articles ({failed} failed) with {versions}")
    raise typer.Exit(exit_code(done, failed) if ids else 0)


def search(
    text: Annotated[Optional[str], typer.Argument(help='Words that must occur; "a phrase"; wort* for a prefix.')] = None,
    entity: Annotated[Optional[list[str]], typer.Option("--entity", "-e", help="Entity name, id or KB id (repeatable).")] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", "-t", help="Tag (repeatable).")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="From date (2005-08-01, 2005-08 or 2005).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="To date, inclusive.")] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="Outlet, as in the credit line.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=200, help="How many hits.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many hits.")] = 0,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    db: DbOpt = None,
) -> None:
    """Search stored articles: full text combined with entity, tag, date and outlet facets."""
    from tagwerk.store import SearchQuery

    query = SearchQuery(
        text=text,
        entities=tuple(entity or ()),
        tags=tuple(tag or ()),
        date_from=date_from,
        date_to=date_to,
        outlet=outlet,
        limit=limit,
        offset=offset,
    )
    with _open(db) as store:
        result = store.search(query)
    if format is Format.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    total, hits = result["total"], result["hits"]
    typer.echo(f"{total} article{'s' if total != 1 else ''}" + (f", showing {offset + 1}-{offset + len(hits)}" if hits and total > len(hits) else ""))
    for h in hits:
        meta = "  ".join(x for x in (h["date"] or "----------", h["outlet"] or "") if x)
        typer.echo(f"#{h['id']:<6} {meta}  {h['title']}")
        snippet = _marked(h["snippet"], h["snippet_marks"]).replace("\n", " ")
        if snippet:
            typer.echo("        " + (snippet[:157] + "…" if len(snippet) > 160 else snippet))


def _marked(text: str, marks: list[list[int]]) -> str:
    out, pos = [], 0
    for a, b in marks:
        out.append(text[pos:a])
        out.append("«" + text[a:b] + "»")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def entity(
    name_or_id: Annotated[str, typer.Argument(help="Entity name (any case), id or KB id.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="Rows per list.")] = 10,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    db: DbOpt = None,
) -> None:
    """An entity's view: mentions over time, co-occurring entities, latest quotes as a speaker."""
    with _open(db) as store:
        view = store.entity_view(name_or_id, limit=limit)
    if format is Format.json:
        typer.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    e = view["entity"]
    typer.echo(f"{e['name']}  ({e['type']}, {e['id']}{', ' + e['kb_id'] if e['kb_id'] and e['kb_id'] != e['id'] else ''})")
    typer.echo(f"{view['mentions']} mentions in {view['articles']} articles")
    if view["forms"]:
        typer.echo("forms: " + ", ".join(f"{f['text']} ({f['count']})" for f in view["forms"]))
    if view["timeline"]:
        typer.echo("\nmentions over time:")
        peak = max(t["mentions"] for t in view["timeline"]) or 1
        for t in view["timeline"]:
            bar = "█" * max(1, round(30 * t["mentions"] / peak))
            typer.echo(f"  {t['period']:<8} {bar} {t['mentions']} in {t['articles']} articles")
    if view["cooccurring"]:
        typer.echo("\nco-occurring:")
        for c in view["cooccurring"]:
            typer.echo(f"  {c['articles']:>4} articles  {c['name']} ({c['type']}, {c['id']})")
    if view["quotes"]:
        typer.echo("\nlatest quotes:")
        for q in view["quotes"]:
            words = q["text"].strip().strip("„“”\"»«‚‘’").strip()
            typer.echo(f"  {q['date'] or '----------'}  „{words}“  (#{q['article_id']})")
    if view["recent_articles"]:
        typer.echo("\nlatest articles:")
        for a in view["recent_articles"]:
            typer.echo(f"  #{a['id']:<6} {a['date'] or '----------'}  {a['title']}")
    if view["others"]:
        typer.echo("\nalso named so: " + ", ".join(f"{o['name']} ({o['type']}, {o['id']})" for o in view["others"]))


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    db: DbOpt = None,
    token: Annotated[
        Optional[str], typer.Option("--token", help="Bearer token for writes (default: $TAGWERK_TOKEN; none: read-only).")
    ] = None,
    max_body: Annotated[int, typer.Option("--max-body", min=1024, help="Largest request body, in bytes (413 beyond).")] = 4 * 1024 * 1024,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Analysis processes (each loads the Analyzer; use one per core).")
    ] = 1,
    stages: StagesOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """Serve the HTTP API and the editor's page with uvicorn.

    One server process answers HTTP and talks to the store; the analyses run in
    ``--workers`` single-threaded processes beside it, so one server uses several cores.
    """
    import uvicorn

    from tagwerk.cli.common import build_config, err
    from tagwerk.service.app import create_app

    token = token or os.environ.get("TAGWERK_TOKEN") or None
    mode = "writes need the bearer token" if token else "read-only (no token set)"
    config = build_config(stages, 6, MAX_CHARS, profile=profile)
    app = create_app(store=db, token=token, max_body=max_body, processes=workers, config=config, preload=True)
    err(f"serving http://{host}:{port} (store {app.state.store.url}, {workers} analysis process{'es' if workers > 1 else ''}); {mode}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
