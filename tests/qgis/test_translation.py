"""The English translation really works in QGIS: .ts → .qm (lrelease) → installed translator."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QCoreApplication

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "i18n" / "mednum_en.ts"
LRELEASE_CANDIDATES = ("/usr/lib/qt5/bin/lrelease", "/usr/lib/qt6/bin/lrelease", "lrelease-qt5", "lrelease")


def find_lrelease() -> str | None:
    for candidate in LRELEASE_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture
def english(qgis_app, tmp_path, monkeypatch):
    """The plugin's English translator, built from the .ts and installed by ``install_translator``."""
    lrelease = find_lrelease()
    if lrelease is None:
        pytest.skip("lrelease (Qt linguist tools) not found")
    qm_file = tmp_path / "mednum_en.qm"
    result = subprocess.run([lrelease, str(TS_FILE), "-qm", str(qm_file)], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and qm_file.exists(), result.stdout + result.stderr

    import mednum.plugin

    monkeypatch.setattr(mednum.plugin, "I18N_DIR", tmp_path)
    translator = mednum.plugin.install_translator("en")
    assert translator is not None, "install_translator('en') did not load the .qm"
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_french_without_translator(qgis_app):
    from mednum.core.i18n import tr
    from mednum.plugin import install_translator

    assert install_translator("fr") is None  # French is the source language: nothing to install
    assert tr("Valider des lieux") == "Valider des lieux"
    assert tr("Ligne {ligne}").format(ligne=3) == "Ligne 3"


def test_english_after_install(english):
    from mednum.core.i18n import tr

    assert tr("Valider des lieux") == "Validate places"
    assert tr("Ligne {ligne}").format(ligne=3) == "Line 3"
    assert tr("Médiation &numérique") == "&Digital Inclusion"


def test_processing_algorithm_in_english(english):
    from mednum.processing.alg_valider import Valider

    algorithm = Valider()
    assert algorithm.displayName() == "Validate places"
    assert algorithm.group() == "Places database"
    assert algorithm.shortHelpString().startswith("Checks each place")
    algorithm.initAlgorithm()
    assert algorithm.outputDefinition("NB_ERREURS").description() == "Errors"


def test_translator_removed_after_test(qgis_app):
    """Teardown of the ``english`` fixture left QGIS in French for the other tests."""
    from mednum.core.i18n import tr

    assert tr("Valider des lieux") == "Valider des lieux"
