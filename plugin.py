"""Wiring of the plugin into QGIS: translator, menu, toolbar, Processing provider, Options page."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .core.i18n import tr
from .processing.provider import MednumProvider

PLUGIN_DIR = Path(__file__).resolve().parent
I18N_DIR = PLUGIN_DIR / "i18n"
ICON = PLUGIN_DIR / "resources" / "icons" / "mednum.svg"


def user_language() -> str:
    """Two-letter language of the QGIS user interface (``fr`` by default)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "") or ""
    else:
        locale = QgsApplication.locale() or ""
    return (locale or "fr")[:2].lower()


def install_translator(language: Optional[str] = None) -> Optional[QTranslator]:
    """Load ``i18n/mednum_<lang>.qm`` when the language is not French (source strings are French)."""
    language = language or user_language()
    qm_file = I18N_DIR / f"mednum_{language}.qm"
    if language == "fr" or not qm_file.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm_file)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


class MednumPlugin:
    """The plugin object QGIS creates through ``classFactory``."""

    def __init__(self, iface):
        self.iface = iface
        self.translator = install_translator()
        self.provider: Optional[MednumProvider] = None
        self.actions: list[QAction] = []
        self.menu_title = tr("Médiation &numérique")
        self.toolbar = None
        self.options_factory = None
        self.controller = None
        self.find_dock = None
        self.find_action = None
        self.locator_filter = None

    def initProcessing(self) -> None:  # noqa: N802 - QGIS API
        self.provider = MednumProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def _add_action(self, text: str, callback: Callable[[], None], in_toolbar: bool = False) -> QAction:
        action = QAction(QIcon(str(ICON)), text, self.iface.mainWindow())
        action.triggered.connect(callback)
        self.iface.addPluginToMenu(self.menu_title, action)
        if in_toolbar and self.toolbar is not None:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def initGui(self) -> None:  # noqa: N802 - QGIS API
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(tr("Médiation numérique"))
        self.toolbar.setObjectName("mednumToolbar")
        from .ui.form_widgets import register_widgets

        register_widgets()
        self._add_action(tr("Charger les lieux (Géo2France)"), self.load_lieux, in_toolbar=True)
        self._add_action(tr("Nouveau lieu…"), self.new_lieu, in_toolbar=True)
        self.find_action = self._add_action(tr("Rechercher des lieux"), self.toggle_find_dock, in_toolbar=True)
        self.find_action.setCheckable(True)
        self._add_action(tr("Isochrones des lieux…"), lambda: self.open_algorithm("mednum:isochrones"))
        self._add_action(tr("Temps d'accès d'un territoire…"), lambda: self.open_algorithm("mednum:temps_acces"))
        self._add_action(tr("Importer un fichier partenaire…"), self.import_partner_file)
        self._add_action(tr("Fraîcheur des lieux…"), lambda: self.open_algorithm("mednum:fraicheur"))
        self._add_action(tr("Lieux sous les radars…"), lambda: self.open_algorithm("mednum:sous_les_radars"))
        self._add_action(tr("Atlas territorial…"), lambda: self.open_algorithm("mednum:atlas"))
        self._add_action(tr("Annuaire des lieux…"), lambda: self.open_algorithm("mednum:annuaire"))
        self._add_action(tr("Exporter (CSV, ODS, GeoJSON, data·inclusion)…"), lambda: self.open_algorithm("mednum:exporter"))
        self._add_action(tr("Gérer les droits des agents…"), self.manage_rights)
        self._add_action(tr("Paramètres de connexion…"), self.open_settings)
        self._add_action(tr("Charger la base de démonstration"), self.load_demo, in_toolbar=True)
        self._add_action(tr("Valider des lieux…"), lambda: self.open_algorithm("mednum:valider"), in_toolbar=True)
        self._add_action(tr("Exporter au standard national…"), lambda: self.open_algorithm("mednum:exporter_standard"))
        from .ui.settings_page import ConnectionOptionsFactory

        self.options_factory = ConnectionOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        from qgis.core import QgsProject

        QgsProject.instance().readProject.connect(self._project_read)
        from .ui.locator import register

        self.locator_filter = register(self.iface)

    def unload(self) -> None:
        from qgis.core import QgsProject

        if self.locator_filter is not None:
            from .ui.locator import unregister

            unregister(self.iface, self.locator_filter)
            self.locator_filter = None
        if self.find_dock is not None:
            self.find_dock.cleanup()
            self.iface.removeDockWidget(self.find_dock)
            self.find_dock.deleteLater()
            self.find_dock = None

        try:
            QgsProject.instance().readProject.disconnect(self._project_read)
        except TypeError:
            pass
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        for action in self.actions:
            self.iface.removePluginMenu(self.menu_title, action)
        self.actions.clear()
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def open_algorithm(self, algorithm_id: str) -> None:
        """Open the Processing dialog of one of the plugin's algorithms."""
        from processing import execAlgorithmDialog

        execAlgorithmDialog(algorithm_id, {})

    def _lieux_controller(self):
        if self.controller is None:
            from .ui.lieux_controller import LieuxController

            self.controller = LieuxController(self.iface, on_session=lambda session: self.watch(session.layer))
        return self.controller

    def load_lieux(self) -> None:
        """« Charger les lieux »: the lieux and the reference layers from the configured server."""
        self._lieux_controller().load()

    def _project_read(self, *args) -> None:
        from .core.filters import restore_map_filters

        restore_map_filters()
        self._lieux_controller().reload_saved_layers()

    def toggle_find_dock(self, checked: bool = True) -> None:
        """Show or hide the « Lieux de médiation numérique » search panel."""
        if self.find_dock is None:
            from qgis.PyQt.QtCore import Qt

            from .ui.find_dock import FindDock

            self.find_dock = FindDock(self.iface, self.iface.mainWindow())
            self.find_dock.setObjectName("mednumFindDock")
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.find_dock)
            self.find_dock.visibilityChanged.connect(self.find_action.setChecked)
        self.find_dock.setVisible(checked)

    def open_settings(self) -> None:
        """Open the plugin's page of the QGIS Options."""
        from .ui.settings_page import PAGE_OBJECT_NAME

        self.iface.showOptionsDialog(self.iface.mainWindow(), currentPage=PAGE_OBJECT_NAME)

    def lieux_layer(self):
        """The lieux layer to work on: the active one if it is a lieux layer, else the loaded one."""
        from .core.editing import is_lieux_layer

        layer = self.iface.activeLayer()
        if layer is not None and is_lieux_layer(layer):
            return layer
        controller = self.controller
        if controller is not None and controller.session is not None:
            return controller.session.layer
        return None

    def new_lieu(self) -> None:
        """« Nouveau lieu »: address (geocoder), duplicate check, then the form."""
        from .core.compat import MSG_WARNING
        from .core.geocoder import search
        from .core.settings import load_settings
        from .ui.new_lieu_dialog import create_lieu

        layer = self.lieux_layer()
        if layer is None:
            self.iface.messageBar().pushMessage(tr("Médiation numérique"), tr("Chargez d'abord les lieux (ou sélectionnez leur couche)."),
                                                level=MSG_WARNING, duration=6)
            return
        base_url = load_settings().geocoder_url
        create_lieu(self.iface, layer, lambda text: search(text, base_url=base_url))

    def manage_rights(self) -> None:
        """The animateur's table of rights (who edits which territory), on the server."""
        from .core.compat import MSG_WARNING
        from .core.connection import make_client
        from .core.settings import load_settings
        from .core.wfs import WfsError
        from .ui.rights_dialog import RightsDialog

        rights = getattr(self.controller, "rights", None) if self.controller is not None else None
        if rights is None or rights.role != "animateur":
            self.iface.messageBar().pushMessage(tr("Médiation numérique"), tr("Réservé aux animateurs : chargez les lieux avec un "
                                                                             "compte animateur."), level=MSG_WARNING, duration=6)
            return
        connection = load_settings()
        try:
            self.rights_dialog = RightsDialog(make_client(connection), connection.typename("droits"), self.iface.mainWindow())
        except WfsError as error:
            self.iface.messageBar().pushMessage(tr("Médiation numérique"), error.message, level=MSG_WARNING, duration=0)
            return
        self.rights_dialog.show()

    def import_partner_file(self) -> None:
        """Choose a partner's file, then preview the merge against the lieux before anything is written."""
        from qgis.PyQt.QtWidgets import QFileDialog

        from .core.compat import MSG_WARNING
        from .ui.import_dialog import ImportDialog

        layer = self.lieux_layer()
        if layer is None:
            self.iface.messageBar().pushMessage(tr("Médiation numérique"), tr("Chargez d'abord les lieux (ou sélectionnez leur couche)."),
                                                level=MSG_WARNING, duration=6)
            return
        path, _ = QFileDialog.getOpenFileName(self.iface.mainWindow(), tr("Fichier d'un partenaire"), "",
                                              tr("Lieux (*.csv *.geojson *.json);;Tous les fichiers (*)"))
        if not path:
            return
        session = self.controller.session if self.controller is not None and self.controller.session is not None \
            and self.controller.session.layer is layer else None
        self.import_dialog = ImportDialog(self.iface, session or layer, path)
        self.import_dialog.show()
        self.import_dialog.start()

    def load_demo(self) -> None:
        """Add the embedded demo base to the current project."""
        from .core.demo import load_demo
        from .core.editing import configure_fields
        from .ui.fiche_dialog import install_fiche_action
        from .ui.messages import show_demo_loaded

        layers = load_demo()
        configure_fields(layers["lieux"])
        install_fiche_action(layers["lieux"])
        from .ui.freshness_actions import install_freshness_actions

        install_freshness_actions(self.iface, layers["lieux"])
        self.watch(layers["lieux"])
        show_demo_loaded(self.iface, layers)

    def watch(self, layer) -> None:
        """Reverse geocoding when a lieu is moved, look-alike warning when one is added."""
        from .ui.lieu_watcher import watch

        self.watchers = [w for w in getattr(self, "watchers", []) if w.parent() is not None] + [watch(self.iface, layer)]


_open_fiches: list = []


def open_fiche(layer_id: str, fid: int) -> None:
    """Target of the « Fiche du lieu » layer action."""
    from qgis.core import QgsProject
    from qgis.utils import iface

    from .ui.fiche_dialog import show_fiche

    layer = QgsProject.instance().mapLayer(layer_id)
    if layer is not None:
        _open_fiches[:] = [d for d in _open_fiches if d.isVisible()] + [show_fiche(iface, layer, int(fid))]
