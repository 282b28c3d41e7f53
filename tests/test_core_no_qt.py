"""The core (vault, case, cli, report, guide) works where Qt cannot be imported: a server, a
script, an outside checker. Only locker/gui/ (and locker/__main__.py, which starts it) use Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, locker_env

QT_PACKAGES = ("PySide6", "shiboken6")

CHILD = r"""
import importlib, pkgutil, sys

QT = ("PySide6", "shiboken6")

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in QT:
            raise ImportError(f"{name} is made unimportable by the test")
        return None

sys.meta_path.insert(0, BlockQt())
try:
    import PySide6  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("the blocker did not work")

import locker.vault, locker.case, locker.cli, locker.report, locker.guide

imported = []
for package in (locker.vault, locker.case, locker.report, locker.guide):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        imported.append(info.name)

# The command itself runs: build its parser and print the version.
parser = locker.cli.build_parser()
assert parser.prog == "locker"

leaked = sorted(m for m in sys.modules if m.split(".")[0] in QT)
assert not leaked, leaked
print("OK", len(imported))
"""


def test_core_imports_without_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        env=locker_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert proc.stdout.startswith("OK"), proc.stdout


def test_cli_runs_without_qt(tmp_path: Path) -> None:
    """`locker init` and `list` work end to end with Qt unimportable."""
    code = (
        "import sys\n"
        "class B:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, B())\n"
        "from locker.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "sys.exit(rc)\n"
    )
    vault = tmp_path / "v.evl"
    for args in (
        ["init", str(vault), "--passphrase-stdin", "--kdf-memory", "64", "--kdf-iterations", "3"],
        ["list", str(vault), "--json", "--passphrase-stdin"],
    ):
        proc = subprocess.run(
            [sys.executable, "-c", code, *args],
            input="correct horse battery\n",
            capture_output=True,
            text=True,
            env=locker_env(),
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr


def _qt_imports(tree: ast.AST) -> list[int]:
    """Line numbers of statements that import Qt, including importlib/__import__ calls."""
    lines = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if fname in ("import_module", "__import__") and isinstance(first, ast.Constant):
                names = [str(first.value)]
        if any(n.split(".")[0] in QT_PACKAGES for n in names):
            lines.append(node.lineno)
    return lines


def test_no_qt_import_outside_gui() -> None:
    package = ROOT / "locker"
    checked = 0
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] == "gui" or rel == Path("__main__.py"):
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
        offenders += [f"locker/{rel}:{n}" for n in _qt_imports(tree)]
        checked += 1
    assert checked >= 10  # the scan really looked at the core
    assert not offenders, offenders


def test_the_static_check_would_catch_a_qt_import() -> None:
    samples = (
        "from PySide6.QtCore import QObject\n",
        "import shiboken6\n",
        "def f():\n    import PySide6.QtGui as g\n",
        "import importlib\nimportlib.import_module('PySide6.QtWidgets')\n",
    )
    for sample in samples:
        assert _qt_imports(ast.parse(sample)), sample
    assert not _qt_imports(ast.parse('"""Qt (PySide6) is used only in locker/gui."""\n'))
