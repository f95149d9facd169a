"""Loading the base from a WFS server (Géo2France or the local server) into a styled group.

* the lieux: every page read by the plugin's WFS client into an editable local layer with its
  safe-editing session (:mod:`.editing`), in a ``QgsTask`` so QGIS stays usable;
* communes, EPCI, départements: QGIS's WFS provider (read-only, paged, EPSG:2154), with the
  same authentication configuration — its id in the layer source, never a password.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from qgis.core import (
    QgsDataSourceUri,
    QgsFeedback,
    QgsLayerTreeGroup,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
)

from .editing import LieuxSession, create_lieux_layer, source_key
from .i18n import tr
from .journal import Journal
from .settings import ConnectionSettings
from .style import style_lieux, style_reference
from .sync import Change, Synchronizer, SyncReport
from .wfs import ServerFeature, WfsClient, WfsError

REFERENCE_KEYS = ("communes", "epci", "departements")


def reference_names() -> dict[str, str]:
    """Display names of the reference layers (translated)."""
    return {"communes": tr("Communes"), "epci": tr("EPCI"), "departements": tr("Départements")}
SOURCE_PROPERTY = "mednum/source"


def make_client(connection: ConnectionSettings, feedback: Optional[QgsFeedback] = None) -> WfsClient:
    return WfsClient(connection.url, connection.version, connection.authcfg, feedback)


def reference_layer(connection: ConnectionSettings, key: str, version: str, display: str) -> QgsVectorLayer:
    """A read-only reference layer through QGIS's WFS provider (paged, EPSG:2154, authcfg id only)."""
    uri = QgsDataSourceUri()
    uri.setParam("url", connection.url)
    uri.setParam("typename", connection.typename(key))
    uri.setParam("version", version)
    uri.setParam("srsname", "EPSG:2154")
    uri.setParam("pagingEnabled", "true")
    uri.setParam("pageSize", str(connection.page_size))
    uri.setParam("restrictToRequestBBOX", "0")
    if connection.authcfg:
        uri.setAuthConfigId(connection.authcfg)
    layer = QgsVectorLayer(uri.uri(False), display, "WFS")
    style_reference(layer, key)
    return layer


@dataclass
class LoadedBase:
    client: WfsClient
    features: list[ServerFeature]
    editable: bool
    version: str


class LoadLieuxTask(QgsTask):
    """Reads every lieu from the server in the background (progress, cancel)."""

    def __init__(self, connection: ConnectionSettings, on_done: Callable[[Optional[LoadedBase], Optional[str]], None]):
        super().__init__(tr("Chargement des lieux de médiation numérique"), QgsTask.Flag.CanCancel)
        self.connection, self.on_done = connection, on_done
        self.feedback = QgsFeedback()
        self.result: Optional[LoadedBase] = None
        self.error: Optional[str] = None

    def cancel(self) -> None:
        self.feedback.cancel()
        super().cancel()

    def run(self) -> bool:
        client = make_client(self.connection, self.feedback)
        typename = self.connection.typename("lieux")
        try:
            features = client.fetch_all(typename, page_size=self.connection.page_size,
                                        progress=lambda done, total: self.setProgress(100.0 * done / max(total, 1)))
            self.result = LoadedBase(client, features, client.feature_type(typename).editable, client.version)
        except WfsError as error:
            self.error = error.message
            return False
        return True

    def finished(self, ok: bool) -> None:
        if not ok and self.error is None:
            self.error = tr("Chargement annulé.")
        self.on_done(self.result if ok else None, self.error)


class PushTask(QgsTask):
    """Sends saved changes in the background; the outcome is applied on the main thread."""

    def __init__(self, synchronizer: Synchronizer, changes: list[Change], on_done: Callable[[SyncReport], None]):
        super().__init__(tr("Enregistrement des lieux sur le serveur"), QgsTask.Flag(0))
        self.synchronizer, self.changes, self.on_done = synchronizer, changes, on_done
        self.report: Optional[SyncReport] = None

    def run(self) -> bool:
        self.report = self.synchronizer.push(self.changes, progress=lambda d, t: self.setProgress(100.0 * d / max(t, 1)))
        return True

    def finished(self, ok: bool) -> None:
        self.on_done(self.report or SyncReport())


def task_runner(session_holder: dict) -> Callable[[list[Change], Callable[[SyncReport], None]], None]:
    """A session runner sending changes in a QgsTask; the layer is read-only while it runs."""
    from qgis.core import QgsApplication

    def run(changes: list[Change], done: Callable[[SyncReport], None]) -> None:
        session: LieuxSession = session_holder["session"]
        session.layer.setReadOnly(True)

        def finish(report: SyncReport) -> None:
            session.layer.setReadOnly(False)
            done(report)

        task = PushTask(session.sync, changes, finish)
        session_holder["task"] = task  # keep a Python reference while it runs
        QgsApplication.taskManager().addTask(task)

    return run


def build_session(loaded: LoadedBase, connection: ConnectionSettings, journal: Journal, editor: str,
                  **session_options) -> LieuxSession:
    """The styled lieux layer and its editing session, from what the task read."""
    typename = connection.typename("lieux")
    layer = create_lieux_layer(loaded.features, tr("Lieux de médiation numérique"))
    style_lieux(layer)
    layer.setCustomProperty(SOURCE_PROPERTY, source_key(connection.url, typename))
    if not loaded.editable:
        layer.setReadOnly(True)
    synchronizer = Synchronizer(loaded.client, typename, editor, history=connection.typename("historique") if connection.historique else "")
    return LieuxSession(layer, synchronizer, journal, source_key(connection.url, typename), **session_options)


def add_to_project(session: LieuxSession, connection: ConnectionSettings, version: str,
                   project: Optional[QgsProject] = None) -> tuple[QgsLayerTreeGroup, list[QgsVectorLayer]]:
    """Add the lieux and the reference layers as one group at the top of the layer tree."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    group = root.insertGroup(0, tr("Médiation numérique — Géo2France"))
    project.addMapLayer(session.layer, False)
    group.addLayer(session.layer)
    references = []
    for key, display in reference_names().items():
        if not getattr(connection, key):
            continue
        layer = reference_layer(connection, key, version, display)
        if not layer.isValid():
            continue
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        references.append(layer)
    return group, references
