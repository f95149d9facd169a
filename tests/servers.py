"""Real servers for tests: the project's WFS-T server (QGIS Server) in a subprocess, and helpers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from wfst_server import DEMO_GPKG, WfsServer, start_wfst_server  # noqa: E402,F401

USERS = {
    "alice": {"password": "alice-Secret-1", "role": "animateur"},
    "bob": {"password": "bob-Secret-2", "role": "contributeur", "territoires": ["80"]},
    "carol": {"password": "carol-Secret-3", "role": "lecteur"},
}


def basic_authcfg(user: str, password: str, name: Optional[str] = None) -> str:
    """A Basic authentication configuration in QGIS's auth database; its id."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("mednum-tests-master", True)
    config = QgsAuthMethodConfig()
    config.setMethod("Basic")
    config.setName(name or f"mednum-{user}")
    config.setConfig("username", user)
    config.setConfig("password", password)
    result = manager.storeAuthenticationConfig(config)
    ok, stored = result if isinstance(result, tuple) else (result, config)
    assert ok, "authcfg non enregistrée"
    return stored.id()
