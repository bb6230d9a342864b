"""The layering of docs/architecture.md is checked by import-linter (``[tool.importlinter]`` in
pyproject.toml, run by ``make test``): the real tree keeps every contract, and each contract
fails when a module of a copy of the tree breaks it. Beside them, the checks of issue 24 that
are not about imports (no mixins on ``Project``, no ``project.store``, SQL only in storage and
index, short modules)."""

from __future__ import annotations

import ast
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "fieldkit"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"]
CONTRACTS = {c["id"]: c for c in CONFIG["contracts"]}
# One break of each contract: (the contract, a module to add to a copy of the tree, its source).
BREAKS = {
    "qt": ("qt", "core/qt_probe.py", "import PySide6\n"),
    "qt, from the facade": ("qt", "operations/qt_probe.py", "from PySide6 import QtCore\n"),
    "layers, core reaching up": ("layers", "core/up_probe.py", "import fieldkit.storage\n"),
    "layers, storage reaching the facade": (
        "layers", "storage/up_probe.py", "from fieldkit.project import Project\n"),
    "layers, engine reaching the GUI": ("layers", "analysis/up_probe.py", "import fieldkit.gui\n"),
    "layers, a module left out": ("layers", "newcomer.py", "import fieldkit.core\n"),
    "exporters": ("exporters", "exporters/store_probe.py",
                  "from fieldkit.storage.store import Store\n"),
    "storage below index": ("storage-below-index", "storage/index_probe.py",
                            "def f() -> None:\n    import fieldkit.index  # noqa: F401\n"),
    "importers": ("importers", "importers/db_probe.py", "from fieldkit.storage import database\n"),
}


def _lint(tree: Path, contract: str) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on one contract of ``tree/pyproject.toml``, reading ``tree/fieldkit``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         "--no-cache", "--contract", contract, str(tree / "pyproject.toml")],
        cwd=tree, env=env, capture_output=True, text=True, timeout=300)


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(PACKAGE, tree / "fieldkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_real_tree_keeps_every_contract() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_each_contract_fails_when_a_module_breaks_it(case: str, tmp_path: Path) -> None:
    contract, module, source = BREAKS[case]
    tree = _copy(tmp_path)
    assert _lint(tree, contract).returncode == 0  # the copy keeps it, as the real tree does
    (tree / "fieldkit" / module).write_text(source, encoding="utf-8")
    done = _lint(tree, contract)
    name = "fieldkit." + module.removesuffix(".py").replace("/", ".")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{CONTRACTS[contract]['name']} BROKEN" in done.stdout
    assert name in done.stdout  # the break is named, not just counted


def test_every_contract_has_a_break_that_proves_it_can_fail() -> None:
    assert {contract for contract, _, _ in BREAKS.values()} == set(CONTRACTS)


def test_the_qt_contract_covers_every_top_level_module_but_the_gui() -> None:
    top = {f"fieldkit.{m.name}" for m in pkgutil.iter_modules([str(PACKAGE)])}
    assert set(CONTRACTS["qt"]["source_modules"]) == top - {"fieldkit.gui", "fieldkit.__main__"}


# The checks of issue 24 that are not about imports. Those the facade work has not reached yet
# are expected to fail (strictly: when the work lands they pass, and the marks must go).

def _python_files(under: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def _outside(path: Path, *folders: str) -> bool:
    return not any(path.is_relative_to(PACKAGE / folder) for folder in folders)


def test_project_holds_no_mixin() -> None:
    from fieldkit.project import Project

    assert [c.__name__ for c in Project.__mro__[1:] if c.__module__.startswith("fieldkit")] == []


def test_no_project_store_outside_storage(tmp_path: Path) -> None:
    found = [f"{p.relative_to(ROOT)}:{n}" for p in _python_files() if _outside(p, "storage")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\bproject\.store\b", line)]
    assert found == []
    from fieldkit.project import Project

    with Project.create(tmp_path / "p.fieldkit") as project:
        assert not hasattr(project, "store")  # private: project._store


def test_sql_is_run_only_in_storage_and_index() -> None:
    found = []
    for path in _python_files():
        if _outside(path, "storage", "index"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                        node.func.attr in ("execute", "executemany", "executescript")
                        or (node.func.attr in ("rows", "row", "value") and node.args
                            and _is_sql(node.args[0]))):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def _is_sql(node: ast.expr) -> bool:
    """Whether an argument is SQL text written in place (a string or f-string)."""
    text = node.value if isinstance(node, ast.Constant) else (
        "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        if isinstance(node, ast.JoinedStr) else None)
    return isinstance(text, str) and text.lstrip().split(" ", 1)[0].upper() in (
        "SELECT", "INSERT", "UPDATE", "DELETE", "PRAGMA", "WITH", "CREATE", "DROP", "BEGIN")


def test_no_module_over_800_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _python_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800}
    assert long == {}
