"""The help screens at a terminal's 80 columns: readable metavars, whole option names, no
words broken in two, the stages table aligned, paragraphs reflowed."""

from __future__ import annotations

import re

import pytest

from tagwerk.cli import EXIT_OK, main

COMMANDS = [
    [], ["analyze"], ["batch"], ["ingest"], ["reanalyze"], ["search"], ["entity"], ["serve"], ["tag"], ["stages"],
    ["schema"], ["kb"], ["kb", "add"], ["kb", "show"], ["kb", "import", "wikidata"], ["train", "ner"],
    ["train", "student"], ["evaluate", "ner"],
]


def _help(argv, capsys, monkeypatch, columns=80):
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.delenv("TERMINAL_WIDTH", raising=False)
    code = main([*argv, "--help"])
    out, _ = capsys.readouterr()
    assert code == EXIT_OK
    return out


def _long_options(argv):
    from typer.main import get_command

    from tagwerk.cli import app

    cmd = get_command(app)
    for name in argv:
        cmd = cmd.commands[name]
    return [o for p in cmd.params for o in (*p.opts, *getattr(p, "secondary_opts", ())) if o.startswith("--")]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a) or "tagwerk")
def test_cli_help_shows_metavars_not_python_types(argv, capsys, monkeypatch):
    out = _help(argv, capsys, monkeypatch)
    assert not re.search(r"<(bool|str|int|float|path|list\[|int range|float range)", out), out
    assert "{" not in out.split("\n", 3)[1]  # the usage line: PATH..., not {inputs}...


@pytest.mark.parametrize("argv", [a for a in COMMANDS if a and a != ["kb"]], ids=lambda a: " ".join(a))
def test_cli_help_keeps_option_names_whole(argv, capsys, monkeypatch):
    out = _help(argv, capsys, monkeypatch)
    assert max(len(line) for line in out.splitlines()) <= 80
    for option in _long_options(argv):
        name = option[2:].removeprefix("no-")
        assert re.search(r"--(\[no-\])?" + re.escape(name) + r"\b", out), f"{option} is cut or missing:\n{out}"
    for line in out.splitlines():
        if line.lstrip("│ ").startswith("-"):
            assert "…" not in line.split("  ")[0], line


def test_cli_help_does_not_break_choice_words(capsys, monkeypatch):
    out = _help(["analyze"], capsys, monkeypatch)
    assert "jso nld" not in out and "jso\n" not in out
    fmt = next(line for line in out.splitlines() if "--format" in line)
    assert "FORMAT" in fmt or "[text|json" in fmt
    assert "jsonld" in out  # the choices are named in the help


def test_cli_help_reflows_later_paragraphs(capsys, monkeypatch):
    out = _help(["batch"], capsys, monkeypatch, columns=100)
    text = " ".join(line.strip() for line in out.split("╭")[0].splitlines() if line.strip())
    assert "1 all failed or the run stopped" in text
    lines = [line.rstrip() for line in out.split("╭")[0].splitlines() if line.strip()]
    assert not any(line.endswith("failed or") for line in lines)


def test_cli_stages_table_is_aligned(capsys):
    code = main(["stages"])
    out, _ = capsys.readouterr()
    assert code == EXIT_OK
    lines = [line for line in out.splitlines() if line.strip()]
    rows = [line for line in lines if re.match(r"^(tokens|ner|entities|keyphrases|quotes|section|subjects|tags)\s", line)]
    assert len(rows) == 8
    # every row's cells start where the header's do
    header = lines[0]
    cols = [m.start() for m in re.finditer(r"\S+", header)]
    for row in rows:
        for c in cols[1:]:
            assert row[c - 1] == " " and row[c] != " ", f"misaligned at {c}:\n{header}\n{row}"
