"""Imports run ui -> checks -> models; models and checks (sub-packages too) never touch QtWidgets and import
without a QApplication."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

FORBIDDEN = {"models": ("ui", "checks", "PySide6.QtWidgets"), "checks": ("ui", "PySide6.QtWidgets")}


def imported_names(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_import_goes_back_up():
    breaks = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in imported_names(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    breaks.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not breaks, "\n".join(breaks)


def test_models_and_checks_import_without_qapplication():
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for pkg in ("models", "checks")
               for p in sorted((ROOT / pkg).rglob("*.py")) if p.stem != "__init__"]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "assert QCoreApplication.instance() is None\n"
            "assert 'PySide6.QtWidgets' not in sys.modules, 'QtWidgets was imported'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """module -> the models/checks modules it imports anywhere in its text (a function's late import too)."""
    paths = {_module_name(p): p for pkg in ("models", "checks") for p in sorted((ROOT / pkg).rglob("*.py"))}
    graph = {}
    for name, path in paths.items():
        found = set()
        for imported in imported_names(path):
            while imported and imported not in paths:  # models.x.y.Name -> models.x.y
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                found.add(imported)
        graph[name] = found
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as the modules along it (first repeated at the end), or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_sees_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_circle_among_models_and_checks():
    graph = import_graph()
    assert "models.timeline.timeline_order" in graph and "checks.articles.a31_integrity" in graph  # walked deep
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle)


def test_no_package_folder_holds_more_than_15_modules():
    crowded = []
    for pkg in ("models", "checks", "ui"):
        for folder in [ROOT / pkg, *sorted(p for p in (ROOT / pkg).rglob("*") if p.is_dir())]:
            modules = [p for p in folder.glob("*.py") if p.stem != "__init__"]
            if len(modules) > 15:
                crowded.append(f"{folder.relative_to(ROOT)}: {len(modules)} modules")
    assert not crowded, "\n".join(crowded)
