"""The archive package sits below store, batch, service and cli: it imports none of them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ARCHIVE = Path(__file__).resolve().parents[1] / "src" / "tagwerk" / "archive"
FORBIDDEN = ("tagwerk.store", "tagwerk.batch", "tagwerk.service", "tagwerk.cli", "tagwerk.workers")


@pytest.mark.parametrize("path", sorted(ARCHIVE.glob("*.py")), ids=lambda p: p.name)
def test_archive_layering_imports_point_down(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    bad = [n for n in names if n.startswith(FORBIDDEN)]
    assert not bad, f"{path.name} imports {bad}"
