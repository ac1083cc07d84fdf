"""Store commands: ingest, reanalyze, search, entity, serve."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated

import typer

from tagwerk.cli.common import (
    MAX_CHARS,
    DbOpt,
    MaxCharsOpt,
    ProfileOpt,
    StagesOpt,
    TimeLimitOpt,
    TopKOpt,
    build_config,
    err,
    exit_code,
    fail,
    usage_error,
)


class Format(str, Enum):
    text = "text"
    json = "json"


@contextmanager
def _one_entity() -> Iterator[None]:
    """A surname that several stored entities bear: list them, as ``kb show`` does, and fail."""
    from tagwerk.store import AmbiguousEntityError

    try:
        yield
    except AmbiguousEntityError as exc:
        typer.echo(f"{exc.key!r} names several entities:")
        for c in exc.candidates:
            typer.echo(f"  {c['name']}  ({c['type']}, {c['id']})")
        raise fail("ask for one of them by name or id") from exc


def _open(db: str | None):
    """The store for a read: none there is an error (exit 1) that says nothing has been
    ingested, and no empty database is left behind."""
    from tagwerk.store import open_store

    return open_store(db, create=False)


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
    time_limit: TimeLimitOpt = None,
    stories: Annotated[
        bool, typer.Option("--stories/--no-stories", help="Place articles into story threads and link versions and copies.")
    ] = True,
) -> None:
    """Analyse articles and store them; the same URL or text updates, never duplicates. New
    articles join story threads (in date order) and are linked to their versions and copies."""
    from tagwerk.render import counted
    from tagwerk.store.ingest import IngestSummary, ingest_paths
    from tagwerk.workers import Outcome

    def report(outcome: Outcome, so_far: IngestSummary) -> None:
        if not outcome.ok:
            err(outcome.message or "")
        elif not quiet and so_far.stored % 100 == 0:
            err(f"{so_far.stored} stored …")

    config = build_config(stages, top_k, max_chars, profile=profile, time_limit=time_limit)
    done = ingest_paths(db, paths, config=config, workers=workers, on_outcome=report, stories=stories)
    counts = done.counts
    typer.echo(
        f"stored {counted(done.stored, 'article')} ({done.created} new, {done.updated} updated), {done.failed} failed; "
        f"the store now holds {counted(counts['articles'], 'article')}, {counted(counts['entities'], 'entity', 'entities')}, "
        f"{counted(counts['tags'], 'tag')}, {counted(counts.get('stories', 0), 'story', 'stories')}"
    )
    if done.stored == 0 and done.failed == 0:
        raise fail("no article found")
    raise typer.Exit(exit_code(done.stored, done.failed))


def reanalyze(
    db: DbOpt = None,
    stages: StagesOpt = None,
    top_k: TopKOpt = 6,
    all_: Annotated[bool, typer.Option("--all", help="Re-run every stored article, not only stale ones.")] = False,
    profile: ProfileOpt = None,
) -> None:
    """Re-run stored articles whose stage versions differ from the current Analyzer's."""
    from tagwerk.render import counted
    from tagwerk.store.ingest import reanalyze_stale
    from tagwerk.workers import Outcome

    def report(outcome: Outcome) -> None:
        if not outcome.ok:
            err(outcome.message or "")

    config = build_config(stages, top_k, MAX_CHARS, profile=profile)
    done = reanalyze_stale(db, config=config, everything=all_, on_outcome=report)
    versions = ", ".join(f"{k} {v}" for k, v in done.versions.items())
    typer.echo(f"re-analysed {counted(done.done, 'article')} ({done.failed} failed) with {versions}")
    raise typer.Exit(exit_code(done.done, done.failed) if done.stale else 0)


def search(
    text: Annotated[
        str | None,
        typer.Argument(help='Words that must occur (Rente also finds Rentenreform); "a phrase"; wort* for a prefix.'),
    ] = None,
    entity: Annotated[list[str] | None, typer.Option("--entity", "-e", help="Entity name, id or KB id (repeatable).")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", "-t", help="Tag (repeatable).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From date (2005-08-01, 2005-08 or 2005).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="To date, inclusive.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet, as in the credit line.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=200, help="How many hits.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many hits.")] = 0,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    exact: Annotated[
        bool, typer.Option("--exact", help="Whole words only; by default a word of 4 or more letters also finds the words it "
                           "begins, German compounds included (Rente: Rentenreform, Rentenalter).")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Search stored articles: full text combined with entity, tag, date and outlet facets."""
    from tagwerk.render import counted
    from tagwerk.store import SearchQuery, StoreError
    from tagwerk.store.base import cut_at_word

    try:
        query = SearchQuery(
            text=text,
            entities=tuple(entity or ()),
            tags=tuple(tag or ()),
            date_from=date_from,
            date_to=date_to,
            outlet=outlet,
            limit=limit,
            offset=offset,
            exact=exact,
        )
    except StoreError as exc:  # a bad date: a usage error
        hint = "--from" if "from date" in str(exc) else "--to" if "to date" in str(exc) else None
        raise usage_error(f"{hint}: {exc}" if hint else str(exc)) from None
    with _open(db) as store, _one_entity():
        result = store.search(query)
    if format is Format.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    total, hits = result["total"], result["hits"]
    shown = f", showing {offset + 1}-{offset + len(hits)}" if hits and total > len(hits) else ""
    typer.echo(counted(total, "article") + shown)
    for h in hits:
        meta = "  ".join(x for x in (h["date"] or "----------", h["outlet"] or "") if x)
        typer.echo(f"#{h['id']:<6} {meta}  {h['title']}")
        snippet = _marked(h["snippet"], h["snippet_marks"]).replace("\n", " ")
        if snippet:
            typer.echo("        " + cut_at_word(snippet, 160))


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
    from tagwerk.render import counted

    with _open(db) as store, _one_entity():
        view = store.entity_view(name_or_id, limit=limit)
    if format is Format.json:
        typer.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    e = view["entity"]
    typer.echo(f"{e['name']}  ({e['type']}, {e['id']}{', ' + e['kb_id'] if e['kb_id'] and e['kb_id'] != e['id'] else ''})")
    typer.echo(f"{counted(view['mentions'], 'mention')} in {counted(view['articles'], 'article')}")
    if view["forms"]:
        typer.echo("forms: " + ", ".join(f"{f['text']} ({f['count']})" for f in view["forms"]))
    if view["timeline"]:
        typer.echo("\nmentions over time:")
        peak = max(t["mentions"] for t in view["timeline"]) or 1
        for t in view["timeline"]:
            bar = "█" * max(1, round(30 * t["mentions"] / peak))
            typer.echo(f"  {t['period']:<8} {bar} {t['mentions']} in {counted(t['articles'], 'article')}")
    undated = view.get("undated") or {}
    if undated.get("articles"):
        typer.echo(f"  {'undated':<8} {counted(undated['mentions'], 'mention')} in {counted(undated['articles'], 'article')}")
    if view["cooccurring"]:
        typer.echo("\nco-occurring:")
        for c in view["cooccurring"]:
            typer.echo(f"  {counted(c['articles'], 'article'):>12}  {c['name']} ({c['type']}, {c['id']})")
    if view["quotes"]:
        typer.echo("\nlatest quotes:")
        for q in view["quotes"]:
            words = q["text"].strip().strip("„“”\"»«‚‘’").strip()
            said = q.get("speaker_text")
            named = said and (said.casefold() == e["name"].casefold() or said.casefold() in e["name"].casefold().split())
            als = f" als „{said}“" if said and not named else ""  # a pronoun or a description: ``als „er“``
            typer.echo(f"  {q['date'] or '----------'}  „{words}“{als}  (#{q['article_id']})")
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
        str | None, typer.Option("--token", help="Bearer token for writes (default: $TAGWERK_TOKEN; none: read-only).")
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1024, help="Largest request body, in bytes (413 beyond).")
    ] = 4 * 1024 * 1024,
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
    from tagwerk.service.server import serve as run_server

    config = build_config(stages, 6, MAX_CHARS, profile=profile)
    run_server(host=host, port=port, store=db, token=token, max_body=max_body, processes=workers, config=config, on_ready=err)
