"""The import graph of the bot's own packages: no cycles, and the layers point one way.

Walks the sources with ``ast`` (imports at run time only: those under ``if TYPE_CHECKING:``
are for the type checker), so a cycle is found even when the import order hides it.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("knowledge", "handlers", "bot")
# Each layer may import the ones before it, never one after it.
LAYERS = {"knowledge": 0, "handlers": 1, "bot": 2}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported(tree: ast.Module, name: str, package: bool, modules: set[str]) -> set[str]:
    """The modules ``name`` imports at run time, wherever in the module (functions too).

    ``from package import module`` counts as importing the module, not the package.
    """
    found: set[str] = set()
    skip = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _type_checking(node)
        for n in ast.walk(node)
    }
    base = name if package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base.rsplit(".", node.level - 1)[0] if node.level > 1 else base
                target = f"{parent}.{node.module}" if node.module else parent
            else:
                target = node.module or ""
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found |= submodules if len(submodules) == len(node.names) else {target, *submodules}
    return found


def all_imports() -> dict[str, set[str]]:
    """Each module of the bot's packages, and every module it imports at run time."""
    sources = {
        module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
    }
    return {
        name: imported(
            ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", set(sources)
        )
        for name, path in sources.items()
    }


IMPORTS = all_imports()
# Only the edges between the bot's own modules.
GRAPH = {name: {t for t in targets if t in IMPORTS and t != name} for name, targets in IMPORTS.items()}


def test_the_graph_is_read() -> None:
    assert "handlers.setup" in GRAPH and "knowledge" in GRAPH["handlers.setup"]


def test_no_import_cycles() -> None:
    try:
        tuple(graphlib.TopologicalSorter(GRAPH).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_layers_point_one_way(module: str) -> None:
    layer = LAYERS[module.split(".")[0]]
    upward = sorted(t for t in GRAPH[module] if LAYERS[t.split(".")[0]] > layer)
    assert upward == [], f"{module} imports a later layer"


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if m.startswith("knowledge")))
def test_knowledge_never_imports_telegram(module: str) -> None:
    assert not [t for t in IMPORTS[module] if t.split(".")[0] == "telegram"]
