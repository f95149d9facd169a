"""Architecture rules that keep the plugin maintainable (see docs in README)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PURE_MODULES = ("schema", "validation", "io_standard", "i18n")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_touches_the_gui():
    offenders = {}
    for path in (REPO / "core").glob("*.py"):
        bad = {n for n in _imports(path) if n.startswith(("qgis.gui", "qgis.utils", "qgis.PyQt.QtWidgets", "PyQt5", "PyQt6"))}
        source = path.read_text(encoding="utf-8")
        if "iface" in source:
            bad.add("iface")
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_qt_only_through_qgis_pyqt():
    for path in REPO.rglob("*.py"):
        if ".venv" in path.parts or "build" in path.parts:
            continue
        assert not any(n.startswith(("PyQt5", "PyQt6", "PySide")) for n in _imports(path)), path


def test_pure_core_runs_without_qgis_installed():
    """schema/validation/io run on a bare interpreter (no site-packages, hence no QGIS)."""
    root = Path(tempfile.mkdtemp())
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    modules = ", ".join(f"mednum.core.{m}" for m in PURE_MODULES)
    code = (f"import sys; sys.path.insert(0, {str(root)!r}); import {modules}; "
            "from mednum.core.io_standard import read_csv; from mednum.core.validation import validate_rows; "
            f"r = read_csv({str(REPO / 'tests' / 'data' / 'exemple-valide.csv')!r}); "
            "rep = validate_rows(r.rows); "
            "assert not [m for m in sys.modules if m.startswith(('qgis', 'PyQt'))], 'QGIS importé'; "
            "print(rep.summary())")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 lieux, 1 conformes au standard, 0 erreurs, 0 avertissements"
