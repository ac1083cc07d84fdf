"""Docs are checked: every CLI command and every API route appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(app: typer.Typer, prefix: str = "tagwerk") -> list[str]:
    names: list[str] = []
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        names.append(f"{prefix} {name}")
    for group in app.registered_groups:
        names.extend(_commands(group.typer_instance, f"{prefix} {group.name}"))
    return names


def test_docs_every_cli_command_is_in_the_readme():
    from tagwerk.cli import app

    commands = _commands(app)
    assert len(commands) >= 10
    missing = [c for c in commands if not re.search(re.escape(c) + r"\b", README)]
    assert not missing, f"README lacks: {missing}"


def test_docs_every_api_route_is_in_the_readme(tmp_path):
    pytest.importorskip("fastapi")
    from tagwerk.service.app import create_app

    app = create_app(store=str(tmp_path / "docs.db"), analyzer=object())
    routes = []
    flat = []
    for route in app.routes:  # FastAPI >= 0.165 keeps an included APIRouter as one entry
        inner = getattr(route, "original_router", None)
        flat.extend(inner.routes if inner is not None else [route])
    for route in flat:
        methods = getattr(route, "methods", None)
        if not methods or not getattr(route, "include_in_schema", False):
            continue
        for method in sorted(methods - {"HEAD", "OPTIONS"}):
            routes.append(f"{method} {route.path}")
    assert len(routes) >= 6
    missing = [r for r in routes if r not in README]
    assert not missing, f"README lacks: {missing}"
