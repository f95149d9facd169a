"""Fixtures for tests that run in a real QGIS (pytest-qgis)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

QGIS_PLUGINS = "/usr/share/qgis/python/plugins"

# pytest 8 (Debian 13) puts the checkout root on sys.path, where the plugin's own
# ``processing/`` package would shadow QGIS's ``processing``: import QGIS's first.
sys.path.insert(0, QGIS_PLUGINS)
import processing as qgis_processing  # noqa: E402

sys.path.remove(QGIS_PLUGINS)
sys.path.append(QGIS_PLUGINS)
assert qgis_processing.__file__.startswith(QGIS_PLUGINS), qgis_processing.__file__


@pytest.fixture(scope="session")
def processing_initialized(qgis_app):
    """QGIS Processing initialised once per session."""
    from processing.core.Processing import Processing

    Processing.initialize()


@pytest.fixture
def processing_ready(processing_initialized):
    """The plugin's provider registered (again, if a test such as the plugin's unload removed it)."""
    from qgis.core import QgsApplication

    from mednum.processing.provider import MednumProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("mednum")
    if provider is None:
        provider = MednumProvider()
        registry.addProvider(provider)
        _PROVIDERS.append(provider)  # the Python object must outlive the test (its algorithms are Python)
    yield provider


_PROVIDERS: list = []


@pytest.fixture
def demo_lieux(qgis_app, tmp_path):
    """The lieux layer of a copy of the embedded demo base (tests may open it for editing)."""
    import shutil

    from mednum.core.demo import DEMO_GPKG, demo_layer

    copy = tmp_path / "demo-copie.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    return demo_layer("lieux", copy)


@pytest.fixture(autouse=True, scope="session")
def french_user_interface(qgis_app):
    """Tests see the plugin as a French agent does, whatever the machine's locale."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "fr_FR")
    yield


@pytest.fixture
def fresh_network(qgis_app):
    """No cached HTTP answers from a previous test, and a short network timeout."""
    from qgis.core import QgsNetworkAccessManager

    manager = QgsNetworkAccessManager.instance()
    if manager.cache() is not None:
        manager.cache().clear()
    previous = QgsNetworkAccessManager.timeout()
    QgsNetworkAccessManager.setTimeout(3000)
    yield manager
    QgsNetworkAccessManager.setTimeout(previous)


@pytest.fixture
def wfs_server(tmp_path, fresh_network):
    """Factory: a fresh WFS-T server (QGIS Server subprocess) on a copy of the demo base."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from servers import start_wfst_server

    started = []

    def start(*args, users=None, name="srv"):
        server = start_wfst_server(Path(tmp_path) / name, *args, users=users)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def journal(tmp_path):
    from mednum.core.journal import Journal

    j = Journal(Path(tmp_path) / "journal.sqlite")
    yield j
    j.close()


@pytest.fixture(autouse=True, scope="session")
def demo_base_left_untouched():
    """No test may modify the shipped demo base (tests work on copies)."""
    import hashlib

    from mednum.core.demo import DEMO_GPKG

    before = hashlib.sha256(DEMO_GPKG.read_bytes()).hexdigest()
    yield
    assert hashlib.sha256(DEMO_GPKG.read_bytes()).hexdigest() == before, "resources/demo/demo.gpkg a été modifié par un test"
