"""Imports point one way: cli, service and batch over store and the analysis workers; no
cycles among the batch modules. Read from the source with ``ast`` (lazy imports inside
functions count too), so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    base = SRC.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _imports(path: Path) -> set[str]:
    """The tagwerk modules ``path`` imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if _is_module(sub) else base)
    return {m for m in found if m == "tagwerk" or m.startswith("tagwerk.")}


def _graph(*packages: str) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for pkg in packages:
        base = SRC.joinpath(*pkg.split("."))
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
        for f in files:
            graph[_module_name(f)] = _imports(f)
    return graph


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("tagwerk.store", ("tagwerk.batch", "tagwerk.cli", "tagwerk.service")),
        ("tagwerk.workers", ("tagwerk.batch", "tagwerk.cli", "tagwerk.service", "tagwerk.store")),
        ("tagwerk.service", ("tagwerk.batch", "tagwerk.cli")),
        ("tagwerk.batch", ("tagwerk.cli", "tagwerk.service")),
    ],
)
def test_workers_imports_point_one_way(package, forbidden):
    wrong = sorted(
        f"{mod} -> {dep}" for mod, deps in _graph(package).items() for dep in deps if any(_under(dep, f) for f in forbidden)
    )
    assert wrong == []


def test_workers_imports_no_cycle_among_batch_modules():
    graph = {mod: {d for d in deps if _under(d, "tagwerk.batch") and d != mod} for mod, deps in _graph("tagwerk.batch").items()}
    # importing a submodule runs its package's __init__ first; that is not an edge of the design
    graph = {mod: {d for d in deps if d != "tagwerk.batch"} for mod, deps in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep):] + [dep] if dep in path else [node, dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert cycles == []
