"""`tagwerk stories PATH...`: story threads, versions and near-duplicates, one line per article.

One library call (:func:`tagwerk.archive.assign_stories`): the articles are analysed (the stages
the archive reads, 16 at a time), placed in date order, and printed in input order. Exit codes
follow tagwerk.cli (0 all placed, 3 some records failed, 1 none placed, 2 usage).
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from tagwerk.cli.common import MAX_CHARS, MaxCharsOpt, NerModelOpt


class StoriesFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)


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
