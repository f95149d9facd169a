"""Test set-up: make the checkout importable as ``mednum`` whatever its folder is called.

QGIS tests (``tests/qgis``) use pytest-qgis; unit tests (``tests/unit``) need no QGIS.
Environment variables that QGIS reads at start-up are set here, at import time, because
pytest-qgis creates the QgsApplication before any fixture runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_PKG_ROOT = Path(tempfile.mkdtemp(prefix="mednum-pkg-"))
(_PKG_ROOT / "mednum").symlink_to(REPO, target_is_directory=True)
sys.path.insert(0, str(_PKG_ROOT))

_TMP = Path(tempfile.mkdtemp(prefix="mednum-tests-"))
os.environ.setdefault("QGIS_AUTH_DB_DIR_PATH", str(_TMP / "auth"))
os.environ.setdefault("XDG_CACHE_HOME", str(_TMP / "cache"))
os.environ.setdefault("XDG_RUNTIME_DIR", str(_TMP / "runtime"))
(_TMP / "auth").mkdir()
(_TMP / "runtime").mkdir(mode=0o700)

DATA = REPO / "tests" / "data"
