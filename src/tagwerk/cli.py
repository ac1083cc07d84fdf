"""The `tagwerk` command line: parse, call the library, print, exit with a meaningful code.

Exit codes (every command):
  0  everything was read and analysed
  1  nothing could be done: the input was unreadable or every record failed
  2  usage error (bad option or argument)
  3  some records failed, the others were analysed (each failure is reported on stderr)
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tagwerk import __version__
from tagwerk.errors import ArticleError, TagwerkError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

app = typer.Typer(
    name="tagwerk",
    help="Reads German news articles: tags, entities, quotes and claims, structure and credit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    jsonld = "jsonld"


def err(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    typer.echo(f"tagwerk: {message}", err=True)


def exit_code(n_ok: int, n_failed: int) -> int:
    if n_failed == 0:
        return EXIT_OK
    return EXIT_PARTIAL if n_ok else EXIT_FAILED


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tagwerk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """tagwerk: German news analysis."""


def build_config(stages: str | None, top_k: int, max_chars: int, vocabulary: list[Path] | None = None,
                 ner_model: Path | None = None):
    from tagwerk.pipeline import AnalyzerConfig

    try:
        return AnalyzerConfig(
            stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None,
            top_k=top_k,
            max_chars=max_chars,
            newsroom_vocabulary=tuple(vocabulary or ()),
            **({"ner_model": ner_model} if ner_model is not None else {}),  # else TAGWERK_NER_MODEL or the shipped one
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def build_analyzer(stages: str | None, top_k: int, max_chars: int, vocabulary: list[Path] | None = None,
                   ner_model: Path | None = None):
    from tagwerk.pipeline import Analyzer

    return Analyzer(build_config(stages, top_k, max_chars, vocabulary, ner_model))


def error_record(exc: ArticleError) -> dict:
    return {"error": {"type": type(exc).__name__, "message": exc.message, "source": exc.source, "line": exc.line}}


StagesOpt = Annotated[Optional[str], typer.Option("--stages", help="Comma-separated stages to run (default: all).")]
TopKOpt = Annotated[int, typer.Option("--top-k", "-k", min=1, help="How many tags to suggest.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", min=1, help="Size limit of one article, in characters.")]
NerModelOpt = Annotated[
    Optional[Path],
    typer.Option("--ner-model", envvar="TAGWERK_NER_MODEL",
                 help="NER model instead of the default (a 6-layer pruned transformer that hands the sentences it doubts to the "
                      "8-layer one): 'fast' (the 6-layer one alone), 'accurate' (the 8-layer one alone, slower), "
                      "'cnn' (the shipped spaCy CNN, fastest, least accurate) or a folder of "
                      "`tagwerk train student`, `train ner` or `train teacher`."),
]
VocabOpt = Annotated[
    Optional[list[Path]], typer.Option("--vocabulary", help="A newsroom's YAML vocabulary of tags and topics (repeatable).")
]


@app.command()
def analyze(
    path: Annotated[
        Optional[str], typer.Argument(help="File, folder, or - for stdin. Default: the bundled example article.")
    ] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    stages: StagesOpt = None,
    top_k: TopKOpt = 6,
    max_chars: MaxCharsOpt = 2_000_000,
    vocabulary: VocabOpt = None,
    ner_model: NerModelOpt = None,
    tokens: Annotated[bool, typer.Option("--tokens/--no-tokens", help="Include tokens in JSON output.")] = False,
) -> None:
    """Analyse articles and print them back with their tags, entities, quotes and claims."""
    from tagwerk.examples import example_path
    from tagwerk.readers import read_path
    from tagwerk.render import render_text, to_jsonld

    source = path if path is not None else str(example_path())
    analyzer = build_analyzer(stages, top_k, max_chars, vocabulary, ner_model)
    n_ok = n_failed = 0
    results: list[dict] = []
    first = True
    for item in analyzer.try_analyze_many(read_path(source, max_chars=max_chars)):
        if isinstance(item, ArticleError):
            n_failed += 1
            err(str(item))
            if format is OutputFormat.jsonl:
                typer.echo(json.dumps(error_record(item), ensure_ascii=False))
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
        else:
            results.append(item.to_dict(tokens=tokens))
        first = False
    if format in (OutputFormat.json, OutputFormat.jsonld) and results:
        payload = results[0] if len(results) == 1 and n_failed == 0 else results
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if n_ok == 0 and n_failed == 0:
        err(f"{source}: no article found")
        raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(exit_code(n_ok, n_failed))


@app.command("stages")
def stages_cmd() -> None:
    """List the registered stages with their versions, inputs and outputs."""
    from tagwerk.pipeline import DEFAULT_STAGES, registered_stages

    specs = registered_stages()
    order = [s for s in DEFAULT_STAGES if s in specs] + sorted(s for s in specs if s not in DEFAULT_STAGES)
    for name in order:
        spec = specs[name]
        typer.echo(
            f"{spec.name:<11} {spec.version:<8} reads {', '.join(spec.requires) or '-':<28} "
            f"writes {', '.join(spec.assigns):<26} {spec.description}"
        )


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON schema of the analysis record."""
    from tagwerk.analysis import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def _register_commands() -> None:
    import tagwerk.commands as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"tagwerk.commands.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Console entry point: library errors become one-line messages, never tracebacks."""
    try:
        app(args=argv, prog_name="tagwerk")  # standalone: exits through SystemExit
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_FAILED)
    except TagwerkError as exc:  # ArticleError and the rest of the family
        err(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        err(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc))
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
