"""`tagwerk stories PATH...`: story threads, versions and near-duplicates, one line per article;
`tagwerk related ID`: a stored article's story, versions and related articles, with the reasons.

`stories` is one library call (:func:`tagwerk.archive.assign_stories`): the articles are analysed
(the stages the archive reads, 16 at a time), placed in date order, and printed in input order.
Exit codes follow tagwerk.cli (0 all placed, 3 some records failed, 1 none placed, 2 usage).
`related` reads the store (``Store.related``), which `tagwerk ingest` fills.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from tagwerk.cli.common import MAX_CHARS, DbOpt, MaxCharsOpt, NerModelOpt


class StoriesFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


class RelatedFormat(str, Enum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("related")(related)


def stories(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), JSON Lines or - for stdin.")],
    format: Annotated[StoriesFormat, typer.Option("--format", "-f", help="text: aligned columns; jsonl: one JSON record a line.")] = (
        StoriesFormat.text
    ),
    window: Annotated[
        str, typer.Option("--window", help="How long a story stays open after its last article: 3d, 36h, 1w.")
    ] = "3d",
    max_chars: MaxCharsOpt = MAX_CHARS,
    ner_model: NerModelOpt = None,
) -> None:
    """Print each article's story, and the article it is a version or copy of, in input order:
    {"id", "story", "version_of", "duplicate_of", "similarity"}."""
    from tagwerk.archive import STORY_STAGES, ArchiveConfig, assign_stories, parse_window
    from tagwerk.cli.common import build_config, err, exit_code, fail
    from tagwerk.errors import ArticleError, TagwerkError
    from tagwerk.pipeline import Analyzer
    from tagwerk.readers import read_paths

    try:
        config = ArchiveConfig(window=parse_window(window))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--window") from exc
    try:
        analyzer = Analyzer(build_config(",".join(STORY_STAGES), 6, max_chars, ner_model=ner_model))
    except TagwerkError as exc:
        raise fail(str(exc)) from None
    n_ok = n_failed = 0
    for item in assign_stories(read_paths(paths, max_chars=max_chars), analyzer, config=config):
        if isinstance(item, ArticleError):
            n_failed += 1
            err(str(item))
            continue
        n_ok += 1
        if format is StoriesFormat.jsonl:
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))
            continue
        link = ""
        if item.version_of:
            link = f"version of {item.version_of}"
        elif item.duplicate_of:
            link = f"copy of {item.duplicate_of}"
        sim = "" if item.similarity is None else f"{item.similarity:.2f}"
        typer.echo(f"{item.id}\t{item.story}\t{sim}\t{link}\t{item.label}")
    if n_ok == 0 and n_failed == 0:
        raise fail("no article found")
    raise typer.Exit(exit_code(n_ok, n_failed))


_REASONS = {"version": "version", "duplicate": "copy", "story": "same story", "entities": "entities", "keyphrases": "keyphrases"}


def _reason(r: dict) -> str:
    kind = r["kind"]
    if kind in ("version", "duplicate"):
        return f"{_REASONS[kind]} ({r['similarity']:.2f})"
    if kind == "story":
        return "same story"
    return f"{_REASONS.get(kind, kind)}: " + ", ".join(r["names"][:4])


def related(
    article: Annotated[str, typer.Argument(help="A stored article's id (as `tagwerk search` shows it, #17 or 17).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="How many related articles.")] = 10,
    format: Annotated[RelatedFormat, typer.Option("--format", "-f", help="Output format.")] = RelatedFormat.text,
    db: DbOpt = None,
) -> None:
    """A stored article's story and version links, and the articles related to it with the
    reasons: version or copy, same story, shared entities, shared keyphrases."""
    from tagwerk.store import open_store

    try:
        article_id = int(article.lstrip("#"))
    except ValueError:
        raise typer.BadParameter(f"an article id is a number (#17 or 17), not {article!r}", param_hint="ID") from None
    with open_store(db) as store:
        found = store.related(article_id, limit=limit)
    if format is RelatedFormat.json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    typer.echo(f"#{found['id']}  {found['date'] or '----------'}  {found['title']}")
    story = found["story"]
    if story is not None:
        span = (story["first"] or "")[:10] + (" - " + story["last"][:10] if story["last"] and story["last"] != story["first"] else "")
        typer.echo(f"story {story['id']}  {story['label']}  ({story['size']} articles, {span})")
    else:
        typer.echo("no story (stored before story threads, or with --no-stories)")
    link = found["link"]
    if link is not None:
        what = "copy" if link["kind"] == "duplicate" else "version"
        typer.echo(f"{what} of #{link['of']} ({link['similarity']:.2f})")
    if not found["articles"]:
        typer.echo("no related articles")
        return
    typer.echo("\nrelated:")
    for r in found["articles"]:
        meta = "  ".join(x for x in (r["date"] or "----------", r["outlet"] or "") if x)
        typer.echo(f"  #{r['id']:<6} {meta}  {r['title']}")
        typer.echo("          " + "; ".join(_reason(x) for x in r["reasons"]))
