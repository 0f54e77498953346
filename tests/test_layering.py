"""Layering follows the data flow: no import cycles between packages, the store only stores."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "purportedly"


def unit_of(module: str) -> str | None:
    """The package (or top-level module) ``purportedly.x.y`` belongs to: ``x``; None for the root."""
    parts = module.split(".")
    if parts[0] != "purportedly" or len(parts) == 1:
        return None
    return parts[1]


def imported_modules(path: Path) -> set[str]:
    """Every purportedly module ``path`` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "purportedly":  # 'from purportedly import profiling': a module, or the root
                found.update(f"purportedly.{alias.name}" for alias in node.names
                             if (PACKAGE / f"{alias.name}.py").exists() or (PACKAGE / alias.name).is_dir())
            else:
                found.add(node.module)
    return {m for m in found if m.startswith("purportedly.")}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        source = unit_of(".".join(("purportedly", *path.relative_to(PACKAGE).with_suffix("").parts)))
        if source in (None, "__init__"):  # the root package re-exports the public API
            continue
        for module in imported_modules(path):
            target = unit_of(module)
            if target is not None and target != source:
                graph[source].add(target)
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read_from_the_code() -> None:
    graph = package_graph()
    assert {"nlp", "claims", "store", "corpus", "engines", "cli"} <= set(graph)
    assert "model" in graph["nlp"] and "store" in graph["corpus"]


def test_no_import_cycles_between_packages() -> None:
    assert cycle_in(package_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) is None


def test_the_store_only_stores() -> None:
    graph = package_graph()
    assert graph["store"] <= {"model"}, graph["store"]
    assert graph["nlp"] <= {"model", "lexicons", "names"}, graph["nlp"]
