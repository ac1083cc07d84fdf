"""Imports point one way (DESIGN.md): the CLI, the service and batch runs over the store and the
pipeline, over the stages, over ner, kb, topics, readers and lang, over the records. Training is a
leaf: it imports the runtime, nothing in the runtime imports it. Every import counts, also one
inside a function."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "tagwerk"

# Lower layers first. A module may import its own layer and those below it, never one above.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "lang", "_torchless"}),  # _torchless: an import hook, imports nothing of tagwerk
    frozenset({"credit", "dates"}),
    frozenset({"article"}),
    frozenset({"analysis"}),
    frozenset({"dates", "examples", "kb", "topics", "ner", "readers"}),
    frozenset({"profiles"}),  # newsroom profiles: over the topic vocabulary, under the stages
    frozenset({"stage"}),  # the Stage protocol and the Work item, under the pipeline that runs them
    frozenset({"pipeline", "tagwerk"}),  # "tagwerk": the package's own __init__ (the public API)
    frozenset({"coref", "quotes", "stages", "render", "render_newsml"}),
    frozenset({"workers", "archive"}),
    frozenset({"store"}),
    frozenset({"batch", "service"}),
    frozenset({"training"}),
    frozenset({"cli"}),
)
LAYER_OF = {unit: i for i, layer in enumerate(LAYERS) for unit in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every ``tagwerk`` module ``path`` imports, at any depth of its code (but not the imports
    under ``if TYPE_CHECKING:``, which only the type checker follows)."""
    name = module_name(path)
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "tagwerk")
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "tagwerk":
                continue
            for alias in node.names:  # `from tagwerk.x import y` may name the submodule x.y
                sub = f"{mod}.{alias.name}"
                out.add(sub if _exists(sub) else mod)
    return out


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "tagwerk"


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_import_direction_every_unit_has_a_layer(graph):
    missing = sorted({unit(m) for m in graph} - set(LAYER_OF))
    assert not missing, f"add these to LAYERS: {missing}"


def test_import_direction_no_module_imports_a_higher_layer(graph):
    wrong = []
    for mod, targets in graph.items():
        for target in targets:
            src_layer, dst_layer = LAYER_OF.get(unit(mod)), LAYER_OF.get(unit(target))
            if src_layer is None or dst_layer is None:
                continue
            if unit(mod) == "cli" and unit(target) == "training":
                continue  # the training commands call training (cli is the top layer anyway)
            if dst_layer > src_layer:
                wrong.append(f"{mod} -> {target}")
    assert not wrong, "imports against the direction:\n" + "\n".join(sorted(wrong))


@pytest.mark.parametrize(
    ("importer", "forbidden"),
    [
        ("tagwerk.store", "tagwerk.batch"),
        ("tagwerk.store", "tagwerk.cli"),
        ("tagwerk.store", "tagwerk.service"),
        ("tagwerk.service", "tagwerk.batch"),
        ("tagwerk.service", "tagwerk.cli"),
        ("tagwerk.batch", "tagwerk.service"),
        ("tagwerk.batch", "tagwerk.cli"),
        ("tagwerk.workers", "tagwerk.store"),
        ("tagwerk.workers", "tagwerk.batch"),
        ("tagwerk.lang", "tagwerk.article"),
        ("tagwerk.lang", "tagwerk.analysis"),
        ("tagwerk.lang", "tagwerk.credit"),
        ("tagwerk.readers", "tagwerk.batch"),
    ],
)
def test_import_direction_named_rules(graph, importer, forbidden):
    wrong = [f"{m} -> {t}" for m, ts in graph.items() if m == importer or m.startswith(importer + ".")
             for t in ts if t == forbidden or t.startswith(forbidden + ".")]
    assert not wrong, "\n".join(wrong)


def test_import_direction_the_runtime_never_imports_training(graph):
    wrong = [f"{m} -> {t}" for m, ts in graph.items() if unit(m) not in ("training", "cli")
             for t in ts if unit(t) == "training"]
    assert not wrong, "\n".join(wrong)


def test_import_direction_lang_imports_only_lang(graph):
    wrong = [f"{m} -> {t}" for m, ts in graph.items() if unit(m) == "lang" for t in ts if unit(t) != "lang"]
    assert not wrong, "\n".join(wrong)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def test_import_direction_no_loops_between_modules(graph):
    edges: dict[str, set[str]] = defaultdict(set)
    for mod, targets in graph.items():
        for target in targets:
            # a package's __init__ re-exporting its own submodules is no loop
            if target.startswith(mod + ".") or target == mod:
                continue
            edges[mod].add(target)
    loops = _cycles(edges)
    assert not loops, "import loops:\n" + "\n".join(" <-> ".join(c) for c in loops)
