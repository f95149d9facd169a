"""The plugin's page in QGIS's Options dialog (Settings ▸ Options ▸ Médiation numérique).

It edits :class:`~mednum.core.settings.ConnectionSettings`: the WFS service, the names of the
layers, the CSW catalogue and the agent's name. Credentials are never typed here: the page
stores only the *id* of a QGIS authentication configuration.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from qgis.core import QgsApplication
from qgis.gui import QgsAuthConfigSelect, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr
from ..core.settings import VERSIONS, ConnectionSettings, authcfg_user, load_settings, save_settings

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "mednum.svg"
PAGE_OBJECT_NAME = "mednumConnectionOptionsPage"

#: presets of the combo, in order; "custom" fills nothing
PRESETS = ("geo2france", "demo", "custom")
#: the fields a preset fills (the authentication, the page size and the agent's name stay the agent's)
PRESET_FIELDS = ("url", "workspace", "version", "lieux", "communes", "epci", "departements", "csw_url")
#: query parameters of an OGC request, dropped from a service address taken from a catalogue record
OGC_PARAMS = {"service", "request", "version", "acceptversions", "typename", "typenames", "outputformat", "srsname"}


def preset_settings(preset: str) -> Optional[ConnectionSettings]:
    """The settings a preset stands for (None for "custom")."""
    if preset == "geo2france":
        return ConnectionSettings()
    if preset == "demo":
        return ConnectionSettings.demo()
    return None


def preset_of(connection: ConnectionSettings) -> str:
    """The preset whose fields these settings carry, or "custom"."""
    for preset in PRESETS:
        reference = preset_settings(preset)
        if reference is not None and all(getattr(connection, f) == getattr(reference, f) for f in PRESET_FIELDS):
            return preset
    return "custom"


def service_url(url: str) -> str:
    """A WFS address from a catalogue link, without the GetCapabilities/GetFeature parameters."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in OGC_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe="/:,"), ""))


def _with_wait_cursor(function, *args, **kwargs):
    QgsApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return function(*args, **kwargs)
    finally:
        QgsApplication.restoreOverrideCursor()


class ConnectionOptionsPage(QgsOptionsPageWidget):
    """Connection settings of the plugin; ``apply()`` validates, then saves."""

    def __init__(self, parent=None, settings=None):
        super().__init__(parent)
        self.setObjectName(PAGE_OBJECT_NAME)
        self._settings = settings  # a QgsSettings for tests; None = the user's
        self._build()
        self.set_connection(load_settings(self._settings))

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        # QGIS puts option pages straight into its stacked widget: scroll on small screens
        content = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        intro = QLabel(tr("Connexion à la base régionale des lieux de médiation numérique (service WFS). Les identifiants "
                          "restent dans le gestionnaire d'authentification de QGIS : seul l'identifiant de la "
                          "configuration est enregistré ici."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        server = QGroupBox(tr("Service WFS"))
        form = QFormLayout(server)
        self.preset_combo = QComboBox()
        for preset, label in zip(PRESETS, (tr("Géo2France"), tr("Serveur de démonstration local"), tr("Personnalisé"))):
            self.preset_combo.addItem(label, preset)
        form.addRow(tr("Configuration"), self.preset_combo)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…/geoserver/ows")
        form.addRow(tr("Adresse du service WFS"), self.url_edit)
        self.workspace_edit = QLineEdit()
        self.workspace_edit.setPlaceholderText(tr("aucun (noms de couches sans préfixe)"))
        form.addRow(tr("Espace de travail"), self.workspace_edit)
        self.version_combo = QComboBox()
        for version, label in zip(VERSIONS, (tr("Automatique (2.0.0, sinon 1.1.0)"), "2.0.0", "1.1.0")):
            self.version_combo.addItem(label, version)
        form.addRow(tr("Version WFS"), self.version_combo)
        self.auth_select = QgsAuthConfigSelect(self, "wfs")
        form.addRow(tr("Authentification"), self.auth_select)
        layout.addWidget(server)

        layers = QGroupBox(tr("Couches"))
        layers_form = QFormLayout(layers)
        self.layer_edits: dict[str, QLineEdit] = {}
        labels = {"lieux": tr("Lieux de médiation numérique"), "communes": tr("Communes"), "epci": tr("EPCI"),
                  "departements": tr("Départements")}
        for name, label in labels.items():
            edit = QLineEdit()
            edit.setPlaceholderText(name)
            self.layer_edits[name] = edit
            layers_form.addRow(label, edit)
        self.page_size_spin = QSpinBox()
        self.page_size_spin.setRange(10, 100000)
        self.page_size_spin.setSingleStep(100)
        self.page_size_spin.setSuffix(tr(" objets par requête"))
        layers_form.addRow(tr("Taille de page"), self.page_size_spin)
        layout.addWidget(layers)

        catalogue = QGroupBox(tr("Catalogue"))
        catalogue_form = QFormLayout(catalogue)
        self.csw_edit = QLineEdit()
        self.csw_edit.setPlaceholderText("https://…/geonetwork/srv/fre/csw")
        catalogue_form.addRow(tr("Adresse du catalogue CSW"), self.csw_edit)
        self.geocoder_edit = QLineEdit()
        self.geocoder_edit.setPlaceholderText("https://data.geopf.fr/geocodage")
        catalogue_form.addRow(tr("Service de géocodage (adresses)"), self.geocoder_edit)
        layout.addWidget(catalogue)

        routing = QGroupBox(tr("Temps d'accès (calculs en ligne, facultatif)"))
        routing_form = QFormLayout(routing)
        self.geoplateforme_edit = QLineEdit()
        self.geoplateforme_edit.setPlaceholderText("https://data.geopf.fr/navigation")
        routing_form.addRow(tr("IGN Géoplateforme (navigation)"), self.geoplateforme_edit)
        self.valhalla_edit = QLineEdit()
        self.valhalla_edit.setPlaceholderText("https://valhalla.exemple.fr")
        routing_form.addRow(tr("Serveur Valhalla"), self.valhalla_edit)
        self.osrm_edit = QLineEdit()
        self.osrm_edit.setPlaceholderText("https://osrm.exemple.fr")
        routing_form.addRow(tr("Serveur OSRM"), self.osrm_edit)
        self.ors_edit = QLineEdit()
        routing_form.addRow(tr("openrouteservice"), self.ors_edit)
        self.ors_auth_select = QgsAuthConfigSelect(self)
        routing_form.addRow(tr("Clé openrouteservice (authentification QGIS)"), self.ors_auth_select)
        layout.addWidget(routing)

        agent = QGroupBox(tr("Agent"))
        agent_form = QFormLayout(agent)
        self.editor_edit = QLineEdit()
        agent_form.addRow(tr("Nom de l'agent"), self.editor_edit)
        layout.addWidget(agent)

        buttons = QHBoxLayout()
        self.test_button = QPushButton(tr("Tester la connexion"))
        self.catalogue_button = QPushButton(tr("Parcourir le catalogue…"))
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.catalogue_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.result_label = QLabel()
        self.problems_label = QLabel()
        self.problems_label.setStyleSheet("color: #b00020;")
        for label in (self.result_label, self.problems_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # server titles and URLs are not HTML
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
            layout.addWidget(label)
        layout.addStretch(1)

        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)
        for edit in (self.url_edit, self.workspace_edit, self.csw_edit, *self.layer_edits.values()):
            edit.textEdited.connect(self._sync_preset)
        self.version_combo.currentIndexChanged.connect(self._sync_preset)
        self.auth_select.selectedConfigIdChanged.connect(self._update_editor_placeholder)
        self.test_button.clicked.connect(lambda: self.test_connection())
        self.catalogue_button.clicked.connect(lambda: self.browse_catalogue())

    # ------------------------------------------------------------------ settings <-> widgets
    def connection(self) -> ConnectionSettings:
        """The settings as the widgets show them."""
        return ConnectionSettings(
            url=self.url_edit.text().strip(),
            workspace=self.workspace_edit.text().strip(),
            version=self.version_combo.currentData() or "auto",
            authcfg=self.auth_select.configId() or "",
            **{name: edit.text().strip() for name, edit in self.layer_edits.items()},
            page_size=self.page_size_spin.value(),
            csw_url=self.csw_edit.text().strip(),
            geocoder_url=self.geocoder_edit.text().strip(),
            geoplateforme_url=self.geoplateforme_edit.text().strip(),
            valhalla_url=self.valhalla_edit.text().strip(),
            osrm_url=self.osrm_edit.text().strip(),
            ors_url=self.ors_edit.text().strip(),
            ors_authcfg=self.ors_auth_select.configId() or "",
            editor=self.editor_edit.text().strip(),
        )

    def set_connection(self, connection: ConnectionSettings) -> None:
        """Show these settings in the widgets."""
        self.url_edit.setText(connection.url)
        self.workspace_edit.setText(connection.workspace)
        self._set_version(connection.version)
        self.auth_select.setConfigId(connection.authcfg)
        for name, edit in self.layer_edits.items():
            edit.setText(getattr(connection, name))
        self.page_size_spin.setValue(int(connection.page_size))
        self.csw_edit.setText(connection.csw_url)
        self.geocoder_edit.setText(connection.geocoder_url)
        self.geoplateforme_edit.setText(connection.geoplateforme_url)
        self.valhalla_edit.setText(connection.valhalla_url)
        self.osrm_edit.setText(connection.osrm_url)
        self.ors_edit.setText(connection.ors_url)
        self.ors_auth_select.setConfigId(connection.ors_authcfg)
        self.editor_edit.setText(connection.editor)
        self._sync_preset()
        self._update_editor_placeholder()

    def _set_version(self, version: str) -> None:
        index = self.version_combo.findData(version)
        self.version_combo.setCurrentIndex(max(index, 0))

    # ------------------------------------------------------------------ presets
    def preset(self) -> str:
        return self.preset_combo.currentData()

    def _preset_chosen(self, index: int) -> None:
        reference = preset_settings(self.preset_combo.itemData(index))
        if reference is None:
            return
        for name in PRESET_FIELDS:
            value = getattr(reference, name)
            if name == "version":
                self._set_version(value)
            elif name in self.layer_edits:
                self.layer_edits[name].setText(value)
            else:
                {"url": self.url_edit, "workspace": self.workspace_edit, "csw_url": self.csw_edit}[name].setText(value)
        self._sync_preset()

    def _sync_preset(self, *_args) -> None:
        """Show which preset the fields match (without filling anything)."""
        index = self.preset_combo.findData(preset_of(self.connection()))
        self.preset_combo.blockSignals(True)
        try:
            self.preset_combo.setCurrentIndex(index)
        finally:
            self.preset_combo.blockSignals(False)

    def _update_editor_placeholder(self, *_args) -> None:
        authcfg = self.auth_select.configId()
        user = None
        # the user name is encrypted: read it only when the master password is already known (no prompt)
        if authcfg and QgsApplication.authManager().masterPasswordIsSet():
            user = authcfg_user(authcfg)
        if user:
            text = tr("Facultatif ; par défaut : {nom}").format(nom=user)
        else:
            text = tr("Facultatif ; nom inscrit comme dernier éditeur des lieux modifiés")
        self.editor_edit.setPlaceholderText(text)

    # ------------------------------------------------------------------ feedback
    def show_problems(self, problems: list[str]) -> None:
        self.problems_label.setText("\n".join(f"• {p}" for p in problems))
        self.problems_label.setVisible(bool(problems))

    def show_result(self, text: str, ok: bool) -> None:
        self.result_label.setStyleSheet("" if ok else "color: #b00020;")
        self.result_label.setText(text)
        self.result_label.setVisible(bool(text))

    # ------------------------------------------------------------------ actions
    def test_connection(self) -> bool:
        """Ask the server for its capabilities and say what was found (in the result label)."""
        from ..core.wfs import WfsClient, WfsError

        connection = self.connection()
        # only the WFS address and version matter here; the other fields keep valid defaults
        problems = replace(ConnectionSettings(), url=connection.url, version=connection.version).problems()
        if problems:
            self.show_result("\n".join(problems), False)
            return False
        try:
            capabilities = _with_wait_cursor(WfsClient(connection.url, connection.version, connection.authcfg).capabilities)
        except WfsError as error:
            self.show_result(error.message, False)
            return False
        lines = [
            tr("Connexion réussie : WFS {version}, « {titre} ».").format(version=capabilities.version,
                                                                         titre=capabilities.title or "—"),
            tr("{n} couche(s) publiée(s).").format(n=len(capabilities.feature_types)),
        ]
        typename = connection.typename("lieux")
        lieux = capabilities.find(typename)
        if lieux is None:
            lines.append(tr("Couche des lieux « {couche} » introuvable sur ce service.").format(couche=typename))
        elif lieux.editable:
            lines.append(tr("Couche des lieux « {couche} » trouvée : modifiable (WFS-T).").format(couche=lieux.name))
        else:
            lines.append(tr("Couche des lieux « {couche} » trouvée : en lecture seule.").format(couche=lieux.name))
        self.show_result("\n".join(lines), lieux is not None)
        return lieux is not None

    def browse_catalogue(self) -> None:
        """Open the catalogue dialog and take the WFS layer the agent picks."""
        from .catalogue_dialog import CatalogueDialog

        csw_url = self.csw_edit.text().strip()
        problems = replace(ConnectionSettings(), csw_url=csw_url).problems()
        if problems:
            self.show_result("\n".join(problems), False)
            return
        dialog = CatalogueDialog(csw_url, parent=self)
        if dialog.exec() and dialog.selected() is not None:
            self.use_catalogue_layer(*dialog.selected())

    def use_catalogue_layer(self, url: str, typename: str) -> None:
        """Fill the service address, workspace and lieux layer from a catalogue choice."""
        if url:
            self.url_edit.setText(service_url(url))
        if typename:
            workspace, _, name = typename.rpartition(":")
            self.workspace_edit.setText(workspace)
            self.layer_edits["lieux"].setText(name)
        self._sync_preset()

    def save(self) -> bool:
        """Validate and store the settings; on problems, show them and store nothing."""
        connection = self.connection()
        problems = connection.problems()
        self.show_problems(problems)
        if problems:
            return False
        save_settings(connection, self._settings)
        return True

    # ------------------------------------------------------------------ QgsOptionsPageWidget
    def isValid(self) -> bool:  # newer QGIS asks every page before closing the Options dialog
        problems = self.connection().problems()
        self.show_problems(problems)
        return not problems

    def apply(self) -> None:
        self.save()


class ConnectionOptionsFactory(QgsOptionsWidgetFactory):
    """Adds the plugin's page to QGIS's Options dialog (``iface.registerOptionsWidgetFactory``)."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Médiation numérique"))
        self.setIcon(QIcon(str(ICON)))

    # path() and pagePositionHint() keep their defaults: a top-level page, added after QGIS's own (before "Avancé").

    def createWidget(self, parent) -> ConnectionOptionsPage:
        return ConnectionOptionsPage(parent)
