"""``make package`` builds a zip that QGIS installs: one ``mednum/`` folder with code, data and .qm."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_make_package_builds_an_installable_zip():
    if not (REPO / ".git").exists() or shutil.which("git") is None or shutil.which("make") is None:
        pytest.skip("pas une copie git : make package lit la liste des fichiers suivis")
    done = subprocess.run(["make", "-s", "package"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    zip_path = REPO / done.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        meta = configparser.ConfigParser(interpolation=None)
        meta.read_string(archive.read("mednum/metadata.txt").decode("utf-8"))
    assert {name.split("/")[0] for name in names} == {"mednum"}
    for required in ("mednum/__init__.py", "mednum/plugin.py", "mednum/core/validation.py",
                     "mednum/processing/provider.py", "mednum/resources/schema/standard-v1.0.2.json",
                     "mednum/resources/demo/demo.gpkg", "mednum/i18n/mednum_en.qm", "mednum/LICENSE"):
        assert required in names, required
    assert not any(name.startswith(("mednum/tests/", "mednum/.venv/", "mednum/scripts/")) for name in names)
    assert zip_path.name == f"mednum-{meta['general']['version']}.zip"
