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
