"""`tagwerk tag PATH...`: only the tags, one line per article, in input order.

Runs just the stages the tags need (no quotes): ``id<TAB>tag1, tag2, ...``. Exit codes
follow tagwerk.cli (0 all tagged, 3 some records failed, 1 none tagged, 2 usage).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tagwerk.cli.common import MAX_CHARS, MaxCharsOpt, ProfileOpt, TopKOpt, VocabOpt, analyzer_config, err, exit_code, fail

TAG_STAGES = ("tokens", "ner", "entities", "keyphrases", "section", "tags")


def register(app: typer.Typer) -> None:
    app.command("tag")(tag)


def tag(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), JSON Lines or - for stdin.")],
    top_k: TopKOpt = 6,
    vocabulary: VocabOpt = None,
    topics: Annotated[
        Path | None, typer.Option("--topics", help="A topic vocabulary that replaces the shipped one.")
    ] = None,
    ids: Annotated[bool, typer.Option("--ids/--no-ids", help="Start each line with the article id and a tab.")] = True,
    scores: Annotated[bool, typer.Option("--scores", help="Print each tag's score in brackets.")] = False,
    max_chars: MaxCharsOpt = MAX_CHARS,
    profile: ProfileOpt = None,
) -> None:
    """Print the suggested tags of each article: id, a tab, the tags separated by commas."""
    from tagwerk.errors import ArticleError, TagwerkError
    from tagwerk.pipeline import Analyzer, registered_stages
    from tagwerk.readers import read_paths

    available = registered_stages()
    stages = tuple(s for s in TAG_STAGES if s in available)
    try:
        analyzer = Analyzer(
            analyzer_config(stages=stages, top_k=top_k, max_chars=max_chars, vocabulary=vocabulary, topics=topics, profile=profile)
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    except TagwerkError as exc:
        raise fail(str(exc)) from None
    n_ok = n_failed = 0
    for item in analyzer.try_analyze_many(read_paths(paths, max_chars=max_chars)):
        if isinstance(item, ArticleError):
            n_failed += 1
            err(str(item))
            continue
        n_ok += 1
        names = [f"{t.name} [{t.score:.2f}]" if scores else t.name for t in item.tags]
        line = ", ".join(names)
        typer.echo(f"{item.article.id or ''}\t{line}" if ids else line)
    if n_ok == 0 and n_failed == 0:
        raise fail("no article found")
    raise typer.Exit(exit_code(n_ok, n_failed))
