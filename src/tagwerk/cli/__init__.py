"""The `tagwerk` command line: parse, call the library, print, exit with a meaningful code.

One module per command group (``analyze``, ``batch``, ``kb``, ``ner``, ``store``, ``tags``), each
with a ``register(app)``; what they share (exit codes, one-line errors, the Analyzer options)
lives in :mod:`tagwerk.cli.common`. Exit codes: see there.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Annotated

import typer

from tagwerk import __version__
from tagwerk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    err,
    exit_code,
)
from tagwerk.cli.help import CONTEXT_SETTINGS, install
from tagwerk.errors import TagwerkError

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "app", "err", "exit_code", "main"]

install()  # tagwerk.cli.help: no <bool>/<str> in the help, click-style metavars

app = typer.Typer(
    name="tagwerk",
    help="Reads German news articles: tags, entities, quotes and claims, structure and credit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tagwerk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """tagwerk: German news analysis."""


def _register_commands() -> None:
    import tagwerk.cli as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name.startswith("_") or mod.name == "common":
            continue
        module = importlib.import_module(f"tagwerk.cli.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def _click_error(name: str) -> type[Exception]:
    """click's ``ClickException``/``UsageError``, from whichever click Typer uses (its own copy
    in Typer 0.2x, the click package before)."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


ClickException, UsageError = _click_error("ClickException"), _click_error("UsageError")


def _usage_line(exc: Exception) -> str:
    """A usage error as one line: ``tagwerk analyze: --stages: no stage named 'foo' …``."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "tagwerk"
    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    hint = f" (see {where} --help)" if isinstance(exc, UsageError) else ""
    return f"{where}: {message}{hint}"


def main(argv: list[str] | None = None) -> int:
    """Console entry point: library errors become one-line messages, never tracebacks; a usage
    error is one line on stderr and exit code 2."""
    try:
        code = app(args=argv, prog_name="tagwerk", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_FAILED)
    except ClickException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `tagwerk` alone: its help
            typer.echo(exc.format_message())  # type: ignore[attr-defined]
            return EXIT_OK
        typer.echo(_usage_line(exc), err=True)
        return int(getattr(exc, "exit_code", EXIT_USAGE))
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
    except Exception as exc:
        if type(exc).__name__ == "Abort":  # click's Abort: an interrupted prompt
            err("aborted")
            return EXIT_FAILED
        raise
    return code if isinstance(code, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
