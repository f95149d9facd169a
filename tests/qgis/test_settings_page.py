"""The plugin's page in QGIS's Options dialog: widgets ↔ settings, validation, no password stored,
"Tester la connexion" against the project's WFS-T server, the catalogue choice."""

from __future__ import annotations

import socket
import sys
import types
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import USERS, basic_authcfg

from mednum.core.settings import GEO2FRANCE_CSW, GEO2FRANCE_WFS, PREFIX, ConnectionSettings, load_settings
from mednum.ui.settings_page import ConnectionOptionsFactory, ConnectionOptionsPage, service_url


@pytest.fixture
def qsettings(qgis_app):
    """The user's QgsSettings, with ``mednum/connexion/`` emptied before and after the test."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    settings.remove(PREFIX.rstrip("/"))
    yield settings
    settings.remove(PREFIX.rstrip("/"))


@pytest.fixture
def page(qsettings):
    widget = ConnectionOptionsPage(None, settings=qsettings)
    yield widget
    widget.deleteLater()


@pytest.fixture
def alice(qgis_app):
    return basic_authcfg("alice", USERS["alice"]["password"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stored(settings) -> dict[str, str]:
    settings.sync()
    return {key: str(settings.value(key)) for key in settings.allKeys() if key.startswith(PREFIX)}


def test_page_starts_with_geo2france_defaults(page):
    assert page.connection() == ConnectionSettings()
    assert page.preset() == "geo2france"
    assert page.preset_combo.currentText() == "Géo2France"
    assert [page.version_combo.itemData(i) for i in range(page.version_combo.count())] == ["auto", "2.0.0", "1.1.0"]
    assert (page.page_size_spin.minimum(), page.page_size_spin.maximum()) == (10, 100000)
    assert page.test_button.text() == "Tester la connexion"
    assert page.catalogue_button.text() == "Parcourir le catalogue…"


def test_widgets_round_trip_the_settings(page, alice):
    connection = ConnectionSettings(url="https://wfs.example.org/geoserver/ows", workspace="hdf", version="1.1.0",
                                    authcfg=alice, lieux="lieux_mednum", communes="com", epci="epci_2024",
                                    departements="dep", page_size=250, csw_url="https://csw.example.org/csw",
                                    editor="Agent Test")
    page.set_connection(connection)
    assert page.connection() == connection
    assert page.preset() == "custom"
    assert page.auth_select.configId() == alice
    # the editor's placeholder names the user of the authentication configuration
    assert "alice" in page.editor_edit.placeholderText()


def test_presets_fill_the_fields(page):
    page.set_connection(ConnectionSettings(url="https://autre.example.org/ows", workspace="x", lieux="y",
                                           page_size=300, editor="Agent"))
    assert page.preset() == "custom"

    page.preset_combo.setCurrentIndex(page.preset_combo.findData("demo"))
    demo = page.connection()
    assert demo.url == ConnectionSettings.demo().url and demo.workspace == "" and demo.lieux == "lieux"
    assert (demo.page_size, demo.editor) == (300, "Agent")  # the agent's own choices stay

    page.preset_combo.setCurrentIndex(page.preset_combo.findData("geo2france"))
    filled = page.connection()
    assert (filled.url, filled.workspace, filled.version, filled.csw_url) == (GEO2FRANCE_WFS, "mednum", "auto", GEO2FRANCE_CSW)
    assert (filled.lieux, filled.communes, filled.epci, filled.departements) == ("lieux", "communes", "epci", "departements")
    assert page.preset() == "geo2france"

    # typing in a field turns the preset to "Personnalisé", without refilling anything
    page.url_edit.setText("https://ailleurs.example.org/ows")
    page.url_edit.textEdited.emit(page.url_edit.text())
    assert page.preset() == "custom"
    assert page.connection().url == "https://ailleurs.example.org/ows"


def test_apply_refuses_credentials_in_the_url(page, qsettings):
    page.set_connection(ConnectionSettings(url="https://agent:secret@www.geo2france.fr/geoserver/ows"))
    assert not page.isValid()
    page.apply()
    assert stored(qsettings) == {}
    assert not page.problems_label.isHidden()
    assert "contient un identifiant ou un mot de passe" in page.problems_label.text()
    assert "configuration d'authentification QGIS" in page.problems_label.text()
    assert "secret" not in page.problems_label.text()


def test_apply_saves_only_the_authcfg_id(page, qsettings, alice):
    connection = ConnectionSettings(url="https://wfs.example.org/ows", workspace="", authcfg=alice, editor="Agent Test",
                                    page_size=500)
    page.set_connection(connection)
    assert page.isValid()
    page.apply()
    assert page.problems_label.isHidden()
    values = stored(qsettings)
    assert values[PREFIX + "authcfg"] == alice
    assert load_settings(qsettings) == connection
    password = USERS["alice"]["password"]
    for key, value in values.items():
        assert password not in key and password not in value
    # nowhere else in the settings either
    for key in qsettings.allKeys():
        assert password not in str(qsettings.value(key))


def test_connection_test_on_the_project_wfst_server(page, wfs_server, alice):
    server = wfs_server("--auth-all", users=USERS)
    page.set_connection(replace(ConnectionSettings.demo(server.port), authcfg=alice))
    assert page.test_connection()
    text = page.result_label.text()
    assert "WFS 1.1.0" in text
    assert "couche(s) publiée(s)" in text and text.split("\n")[1].split()[0].isdigit()
    assert "lieux" in text and "modifiable" in text
    assert not page.result_label.isHidden()

    # without the authentication configuration, the server's refusal is shown in French
    page.auth_select.setConfigId("")
    assert not page.test_connection()
    assert "Lecture des capacités du service WFS" in page.result_label.text()


def test_connection_test_names_a_missing_lieux_layer(page, wfs_server):
    server = wfs_server()
    page.set_connection(replace(ConnectionSettings.demo(server.port), lieux="pas_de_couche"))
    assert not page.test_connection()
    assert "introuvable" in page.result_label.text()
    assert "WFS 1.1.0" in page.result_label.text()


def test_connection_test_on_a_closed_port_says_so_in_french(page, fresh_network):
    page.set_connection(ConnectionSettings.demo(free_port()))
    assert not page.test_connection()
    assert "Connexion impossible avec 127.0.0.1" in page.result_label.text()


def test_connection_test_refuses_credentials_in_the_url(page):
    page.set_connection(ConnectionSettings(url="http://agent:secret@127.0.0.1:9/ows"))
    assert not page.test_connection()
    assert "mot de passe" in page.result_label.text()


def test_factory_creates_the_page(qsettings):
    factory = ConnectionOptionsFactory()
    assert factory.title() == "Médiation numérique"
    assert not factory.icon().isNull()
    widget = factory.createWidget(None)
    try:
        assert isinstance(widget, ConnectionOptionsPage)
        assert widget.objectName()
        assert widget.connection() == ConnectionSettings()
    finally:
        widget.deleteLater()


def test_plugin_registers_and_unregisters_the_page(qgis_iface, monkeypatch):
    import mednum
    from mednum.plugin import MednumPlugin

    # the Processing provider is test_plugin.py's business; leave the session's one registered
    monkeypatch.setattr(MednumPlugin, "initProcessing", lambda self: None)
    plugin = mednum.classFactory(qgis_iface)
    plugin.initGui()
    factory = plugin.options_factory
    try:
        assert isinstance(factory, ConnectionOptionsFactory)
        qgis_iface.registerOptionsWidgetFactory.assert_called_with(factory)
    finally:
        plugin.unload()
    qgis_iface.unregisterOptionsWidgetFactory.assert_called_with(factory)
    assert plugin.options_factory is None


# --------------------------------------------------------------------------- catalogue

@dataclass
class FakeLink:
    url: str
    typename: str
    protocol: str = "OGC:WFS"
    description: str = ""


@dataclass
class FakeRecord:
    identifier: str
    title: str
    abstract: str = ""
    keywords: list = field(default_factory=list)
    wfs_links: list = field(default_factory=list)


@dataclass
class FakeResult:
    records: list
    matched: int
    returned: int
    next_record: int


class FakeCatalogueError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@pytest.fixture
def fake_csw(monkeypatch):
    """``mednum.core.csw`` replaced by a catalogue of 3 records served 2 by 2."""
    calls = []
    records = [
        FakeRecord("a", "Lieux de médiation numérique", "Les lieux des Hauts-de-France.", ["inclusion"],
                   [FakeLink("https://www.geo2france.fr/geoserver/ows?SERVICE=WFS&REQUEST=GetCapabilities",
                             "mednum:lieux_mednum")]),
        FakeRecord("b", "Fiche sans service"),
        FakeRecord("c", "Autre couche", wfs_links=[FakeLink("https://autre.example.org/wfs", "lieux")]),
    ]

    def search_catalogue(csw_url, text="", *, max_records=20, start=1, authcfg="", feedback=None):
        calls.append((csw_url, text, max_records, start))
        if text == "panne":
            raise FakeCatalogueError("Le catalogue n'a pas répondu.")
        page = records[start - 1:start - 1 + max_records]
        following = start + len(page)
        return FakeResult(page, len(records), len(page), following if following <= len(records) else 0)

    module = types.ModuleType("mednum.core.csw")
    module.search_catalogue, module.CatalogueError = search_catalogue, FakeCatalogueError
    monkeypatch.setitem(sys.modules, "mednum.core.csw", module)
    return calls


def test_catalogue_dialog_lists_pages_and_returns_the_picked_layer(qgis_app, fake_csw, page):
    from mednum.ui.catalogue_dialog import CatalogueDialog

    dialog = CatalogueDialog(GEO2FRANCE_CSW, parent=page, page_size=2)
    dialog.search_edit.setText("médiation")
    assert dialog.search()
    assert fake_csw[-1] == (GEO2FRANCE_CSW, "médiation", 2, 1)
    assert dialog.results.topLevelItemCount() == 2
    first = dialog.results.topLevelItem(0)
    assert first.text(0) == "Lieux de médiation numérique"
    assert "Hauts-de-France" in first.toolTip(0)
    assert dialog.results.topLevelItem(1).text(1) == "aucune couche WFS"
    assert dialog.next_button.isEnabled()
    assert not dialog.use_button.isEnabled()

    dialog.next_button.click()
    assert fake_csw[-1][3] == 3
    assert [dialog.results.topLevelItem(i).text(0) for i in range(dialog.results.topLevelItemCount())] == ["Autre couche"]
    assert not dialog.next_button.isEnabled()

    dialog.search()
    layer = dialog.layer_items()[0]
    dialog.results.setCurrentItem(layer)
    assert dialog.use_button.isEnabled()
    url, typename = dialog.selected()
    assert typename == "mednum:lieux_mednum"

    page.use_catalogue_layer(url, typename)
    chosen = page.connection()
    assert chosen.url == "https://www.geo2france.fr/geoserver/ows"
    assert (chosen.workspace, chosen.lieux) == ("mednum", "lieux_mednum")
    assert page.preset() == "custom"
    dialog.deleteLater()


def test_catalogue_dialog_shows_the_catalogue_error(qgis_app, fake_csw):
    from mednum.ui.catalogue_dialog import CatalogueDialog

    dialog = CatalogueDialog(GEO2FRANCE_CSW)
    dialog.search_edit.setText("panne")
    assert not dialog.search()
    assert dialog.status_label.text() == "Le catalogue n'a pas répondu."
    assert dialog.results.topLevelItemCount() == 0
    dialog.deleteLater()


def test_service_url_drops_the_ogc_request_parameters():
    assert service_url("https://h.example.org/geoserver/ows?service=WFS&request=GetCapabilities&map=/x.map") == \
        "https://h.example.org/geoserver/ows?map=/x.map"
    assert service_url("https://h.example.org/wfs") == "https://h.example.org/wfs"


def test_catalogue_dialog_with_the_real_client_on_a_closed_port(qgis_app, fresh_network):
    pytest.importorskip("mednum.core.csw")
    from mednum.ui.catalogue_dialog import CatalogueDialog

    dialog = CatalogueDialog(f"http://127.0.0.1:{free_port()}/csw")
    assert not dialog.search()
    assert "127.0.0.1" in dialog.status_label.text() and "Connexion impossible" in dialog.status_label.text()
    assert not dialog.next_button.isEnabled()
    dialog.deleteLater()
