"""Knowledge base commands: ``tagwerk kb import wikidata``, ``kb add``, ``kb show``, ``kb stats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tagwerk.cli.common import fail

kb_app = typer.Typer(help="The knowledge base: look up, extend, import.", no_args_is_help=True)
import_app = typer.Typer(help="Import entities into the user knowledge base overlay.", no_args_is_help=True)
kb_app.add_typer(import_app, name="import")



def default_newsroom_path() -> Path:
    from tagwerk.kb.newsroom import default_newsroom_path as path

    return path()


@import_app.command("wikidata")
def import_wikidata_cmd(
    file: Annotated[Path, typer.Argument(help="Wikidata JSON dump (one entity per line; .gz/.bz2 too).")],
    types: Annotated[
        list[str] | None,
        typer.Option("--types", "--type", help="P31 classes to import (QIDs, comma-separated or repeated); default: people, "
                     "countries, cities, parties, organisations, companies, agencies, newspapers, clubs."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Overlay file (default: ~/.local/share/tagwerk/kb-user.jsonl or $TAGWERK_KB_USER).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Stop after this many entities.")] = None,
) -> None:
    """Add German labels, aliases and descriptions of a Wikidata dump to the user KB overlay."""
    from tagwerk.errors import TagwerkError
    from tagwerk.kb import clear_cache, user_kb_path
    from tagwerk.kb.wikidata import import_dump

    chosen = [t.strip() for item in types or [] for t in item.split(",") if t.strip()]
    bad = [t for t in chosen if not (t[:1] == "Q" and t[1:].isdigit())]
    if bad:
        raise typer.BadParameter(f"not a QID: {', '.join(bad)}", param_hint="--types")
    target = out or user_kb_path()
    try:
        n = import_dump(file, target, types=chosen or None, limit=limit)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    clear_cache()
    typer.echo(f"imported {n} entities into {target}")


@kb_app.command("add")
def add_cmd(
    name: Annotated[str, typer.Argument(help="The tag or name, as the newsroom writes it.")],
    type_: Annotated[str, typer.Option("--type", help="PER, ORG, LOC or MISC.")] = "MISC",
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another spelling; repeat the option.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="Short German description.")] = None,
    qid: Annotated[str | None, typer.Option("--qid", help="Wikidata QID (only a verified one).")] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Newsroom vocabulary YAML (default: $TAGWERK_NEWSROOM or ~/.local/share/tagwerk/newsroom.yaml, "
                     "which every analysis reads); give another file to --vocabulary."),
    ] = None,
) -> None:
    """Add a term of the newsroom's own vocabulary (a tag with aliases) to a YAML file."""
    from tagwerk.errors import TagwerkError
    from tagwerk.kb.newsroom import add_term

    if qid and not (qid[:1] == "Q" and qid[1:].isdigit()):
        raise typer.BadParameter(f"not a QID: {qid}", param_hint="--qid")
    target = file or default_newsroom_path()
    try:
        entry = add_term(target, name, type=type_, aliases=alias or [], description=description, qid=qid)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    used = "every analysis reads it" if file is None or target == default_newsroom_path() else f"use it with --vocabulary {target}"
    typer.echo(f"{entry.name} ({entry.type}) -> {target} ({used})")


@kb_app.command("show")
def show_cmd(
    name: Annotated[str, typer.Argument(help="A name, alias, inflected form (Putins), QID or tw: id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    vocabulary: Annotated[list[Path] | None, typer.Option("--vocabulary", help="Newsroom YAML to include; repeat.")] = None,
) -> None:
    """Show the KB entries a name resolves to."""
    from tagwerk.errors import TagwerkError
    from tagwerk.kb import load_kb

    try:
        default = default_newsroom_path()
        kb = load_kb(vocabularies=[*(vocabulary or ()), *([default] if default.is_file() else [])])
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    direct = kb.get(name)
    matches = [(direct, "id")] if direct else [(m.entry, m.how) for m in kb.lookup(name)]
    if not matches:
        raise fail(f"no entry for {name!r}", 2)
    if as_json:
        typer.echo(json.dumps([dict(e.to_row(), how=how) for e, how in matches], ensure_ascii=False, indent=2))
        return
    for e, how in matches:
        typer.echo(f"{e.name}  [{e.type}/{e.kind}]  id={e.entity_id}  (matched by {how})")
        if e.description:
            typer.echo(f"  {e.description}")
        if e.aliases:
            typer.echo(f"  aliases: {', '.join(e.aliases)}")
        if e.weak:
            typer.echo(f"  short forms: {', '.join(e.weak)}")
        extra = [f"prominence {e.prominence:.2f}"]
        if e.country:
            extra.append(f"country {e.country}")
        if e.capital_of:
            extra.append(f"capital of {e.capital_of}")
        if e.population:
            extra.append(f"population {e.population:,}")
        typer.echo("  " + ", ".join(extra))


@kb_app.command("stats")
def stats_cmd() -> None:
    """Print the knowledge base's size by type and kind."""
    from tagwerk.errors import TagwerkError
    from tagwerk.kb import load_kb
    from tagwerk.kb.build import summary

    try:
        kb = load_kb()
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(summary(kb))


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
