"""Paths shared by the tests (importable as ``helpers``: tests/ is on sys.path)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
