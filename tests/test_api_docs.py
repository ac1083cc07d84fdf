"""Docs are checked: every store command and API route is in docs/store.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagwerk.service import create_app

DOC = Path(__file__).resolve().parents[1] / "docs" / "store.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_api_docs_name_every_route(doc, tmp_path_factory):
    app = create_app(store=tmp_path_factory.mktemp("d") / "d.db", analyzer=object())
    spec = app.openapi()
    for path, methods in spec["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path.replace('article_id', 'id').replace('entity_id', 'id')}" in doc, (method, path)


@pytest.mark.parametrize("command", ["ingest", "reanalyze", "search", "entity", "serve"])
def test_api_docs_name_every_store_command(doc, command):
    assert f"tagwerk {command}" in doc
    from typer.testing import CliRunner

    from tagwerk.cli import app

    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    for line in result.output.splitlines():
        opt = line.strip(" │").split(" ")[0].replace("[no-]", "")  # the help writes --[no-]stories
        if opt.startswith("--") and opt not in ("--help",):
            assert opt.split("/")[0] in doc, (command, opt)
