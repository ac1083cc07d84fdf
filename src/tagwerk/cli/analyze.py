"""Analysis commands: ``tagwerk analyze``, ``stages`` and ``schema``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tagwerk.cli.common import (
    EXIT_FAILED,
    MAX_CHARS,
    MaxCharsOpt,
    NerModelOpt,
    OutputFormat,
    ProfileOpt,
    StagesOpt,
    TimeLimitOpt,
    TopKOpt,
    VocabOpt,
    build_analyzer,
    err,
    exit_code,
)
from tagwerk.errors import ArticleError, SkippedItemError


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.command("stages")(stages_cmd)
    app.command("schema")(schema_cmd)


def analyze(
    path: Annotated[
        str | None,
        typer.Argument(help="File, folder, or - for stdin. Default: what is piped in, else the bundled example article."),
    ] = None,
    format: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="Output: text (the article with what was found), json, jsonl, jsonld (schema.org) or newsml (NewsML-G2).")
    ] = OutputFormat.text,
    stages: StagesOpt = None,
    top_k: TopKOpt = 6,
    max_chars: MaxCharsOpt = MAX_CHARS,
    vocabulary: VocabOpt = None,
    ner_model: NerModelOpt = None,
    profile: ProfileOpt = None,
    time_limit: TimeLimitOpt = None,
    tokens: Annotated[bool, typer.Option("--tokens/--no-tokens", help="Include tokens in JSON output.")] = False,
) -> None:
    """Analyse articles and print them back with their tags, entities, quotes and claims."""
    from tagwerk.examples import example_path
    from tagwerk.readers import read_path
    from tagwerk.render import render_text, to_jsonld, to_newsml
    from tagwerk.workers import failure

    source = path if path is not None else ("-" if stdin_is_piped() else str(example_path()))
    analyzer = build_analyzer(stages, top_k, max_chars, vocabulary, ner_model, profile=profile, time_limit=time_limit)
    n_ok = n_failed = n_skipped = 0
    results: list[dict] = []
    analyses = []
    first = True
    for item in analyzer.try_analyze_many(read_path(source, max_chars=max_chars)):
        if isinstance(item, SkippedItemError):  # a picture or audio item: reported, not a failure
            n_skipped += 1
            err(str(item))
            continue
        if isinstance(item, ArticleError):
            n_failed += 1
            err(str(item))
            if format is OutputFormat.jsonl:
                typer.echo(json.dumps({"error": failure(item).error_record()}, ensure_ascii=False))
            continue
        n_ok += 1
        for w in item.article.warnings:
            err(f"warning: {item.article.source or source}: {w}")
        if format is OutputFormat.text:
            if not first:
                typer.echo("\n" + "═" * 72 + "\n")
            typer.echo(render_text(item))
        elif format is OutputFormat.jsonl:
            typer.echo(json.dumps(item.to_dict(tokens=tokens), ensure_ascii=False))
        elif format is OutputFormat.jsonld:
            results.append(to_jsonld(item))
        elif format is OutputFormat.newsml:
            analyses.append(item)
        else:
            results.append(item.to_dict(tokens=tokens))
        first = False
    if format in (OutputFormat.json, OutputFormat.jsonld) and results:
        payload = results[0] if len(results) == 1 and n_failed == 0 else results
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if format is OutputFormat.newsml and analyses:
        typer.echo(to_newsml(analyses))
    if n_ok == 0 and n_failed == 0 and n_skipped == 0:
        err(f"{source}: no article found")
        raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(exit_code(n_ok, n_failed))


def stdin_is_piped() -> bool:
    """Whether standard input is a pipe or a file (``echo … | tagwerk analyze``, ``< artikel.txt``):
    then ``analyze`` without a path reads it. A terminal, ``/dev/null`` or no stdin at all leaves
    the bundled example."""
    import os
    import stat
    import sys

    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # no stdin, or one without a file descriptor
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def stages_cmd() -> None:
    """List the registered stages with their versions, inputs and outputs."""
    from tagwerk.pipeline import DEFAULT_STAGES, registered_stages

    specs = registered_stages()
    order = [s for s in DEFAULT_STAGES if s in specs] + sorted(s for s in specs if s not in DEFAULT_STAGES)
    rows = [("STAGE", "VERSION", "READS", "WRITES", "DESCRIPTION")]
    for name in order:
        spec = specs[name]
        rows.append((spec.name, spec.version, ", ".join(spec.requires) or "-", ", ".join(spec.assigns) or "-", spec.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4])


def schema_cmd() -> None:
    """Print the JSON schema of the analysis record."""
    from tagwerk.analysis import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


