"""« Historique du lieu »: who changed what and when, and « Restaurer cette version »."""

from __future__ import annotations

import json
from typing import Callable, Optional

from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.compat import python_action_type
from ..core.history import (
    CREATION,
    FERMETURE,
    GEOMETRY,
    IMPORT,
    MODIFICATION,
    RESTAURATION,
    SUPPRESSION,
    UPDATE,
    describe_restore,
    kind_of,
    read,
    restore_change,
)
from ..core.i18n import tr
from ..core.schema import load_model

COLUMNS = 7  # date, auteur, action, version, champ, ancienne valeur, nouvelle valeur


def action_labels() -> dict[str, str]:
    return {CREATION: tr("Création"), MODIFICATION: tr("Modification"), SUPPRESSION: tr("Suppression"),
            FERMETURE: tr("Fermeture"), IMPORT: tr("Import"), RESTAURATION: tr("Restauration")}


def field_labels() -> dict[str, str]:
    labels = {spec.name: spec.title or spec.name for spec in load_model().fields}
    labels[GEOMETRY] = tr("Position")
    return labels


def _shown(value: str) -> tuple[str, str]:
    """(cell text, tooltip) of a history value; a whole lieu (JSON) is summarised."""
    value = value or ""
    if value.startswith("{"):
        try:
            data = json.loads(value)
        except ValueError:
            return value, value
        return tr("fiche complète ({n} champs)").format(n=len(data)), "\n".join(f"{k} : {v}" for k, v in sorted(data.items()))
    return value, value


class HistoryDialog(QDialog):
    """The history of one lieu (read from the server), oldest first; restores a selected version."""

    def __init__(self, session, lieu_id: str, parent=None, ask: Optional[Callable[[str, str], bool]] = None):
        super().__init__(parent)
        self.session, self.lieu_id = session, lieu_id
        self.ask = ask or self._ask
        self.history: list[dict] = []
        self.last_result = None
        row = (session.base.get(lieu_id) or ({}, None))[0]
        self.setWindowTitle(tr("Historique — {nom}").format(nom=row.get("nom") or lieu_id))
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setHorizontalHeaderLabels([tr("Date"), tr("Auteur"), tr("Action"), tr("Version"), tr("Champ"),
                                              tr("Ancienne valeur"), tr("Nouvelle valeur")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(tr("Restaurer cette version"))
        self.restore_button.setToolTip(tr("Remet le lieu dans l'état où il était après la modification choisie "
                                          "(une nouvelle modification, enregistrée dans l'historique)."))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(lambda: self.restore(self.selected_version()))
        self.before_button = QPushButton(tr("Revenir à l'état d'avant"))
        self.before_button.setToolTip(tr("Remet le lieu dans l'état où il était juste avant la modification choisie."))
        self.before_button.setEnabled(False)
        self.before_button.clicked.connect(self._restore_before)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.before_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # ------------------------------------------------------------------ reading
    @property
    def typename(self) -> str:
        return getattr(self.session.sync, "history_typename", "")

    def refresh(self) -> bool:
        """Read the history from the server; whether it could be read."""
        from ..core.wfs import WfsError

        self.history = []
        self.table.setRowCount(0)
        if not self.typename:
            self.status.setText(tr("L'historique n'est pas activé pour ces lieux."))
            return False
        try:
            if self.session.sync.client.capabilities().find(self.typename) is None:
                self.status.setText(tr("Ce serveur ne publie pas d'historique des lieux (couche « {couche} »).").format(couche=self.typename))
                return False
            self.history = read(self.session.sync.client, self.typename, self.lieu_id)
        except WfsError as error:
            self.status.setText(tr("Historique illisible : {erreur}").format(erreur=error.message))
            return False
        actions, labels = action_labels(), field_labels()
        self.table.setRowCount(len(self.history))
        for index, item in enumerate(self.history):
            old, old_tip = _shown(item.get("ancienne_valeur") or "")
            new, new_tip = _shown(item.get("nouvelle_valeur") or "")
            cells = [((item.get("date") or "").replace("T", " ")[:19], ""), (item.get("auteur") or tr("inconnu"), ""),
                     (actions.get(item.get("action") or "", item.get("action") or ""), ""), (str(item.get("version") or ""), ""),
                     (labels.get(item.get("champ") or "", item.get("champ") or "—"), ""), (old, old_tip), (new, new_tip)]
            for column, (text, tip) in enumerate(cells):
                cell = QTableWidgetItem(text)
                if tip:
                    cell.setToolTip(tip)
                self.table.setItem(index, column, cell)
        self.table.resizeColumnsToContents()
        self.status.setText(tr("{n} modification(s) enregistrée(s) pour ce lieu. Choisissez une ligne pour restaurer "
                               "le lieu tel qu'il était après elle.").format(n=len(self.history)) if self.history
                            else tr("Aucune modification enregistrée pour ce lieu."))
        return True

    def selected_version(self) -> Optional[int]:
        row = self.selected_row()
        return row.get("version") if row is not None else None

    def selected_row(self) -> Optional[dict]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.history[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        version, current, row = self.selected_version(), self.current_version(), self.selected_row()
        editable = current is not None and self.lieu_id in self.session.base and not self.session.layer.readOnly()
        self.restore_button.setEnabled(editable and version is not None and version < current)
        self.before_button.setEnabled(editable and row is not None and kind_of(row) == UPDATE and version is not None and version > 0)

    def _restore_before(self) -> None:
        version = self.selected_version()
        if version is not None:
            self.restore(version - 1)

    def current_version(self) -> Optional[int]:
        row = (self.session.base.get(self.lieu_id) or ({}, None))[0]
        try:
            return int(float(row.get("hdf_version") or ""))
        except ValueError:
            return None

    # ------------------------------------------------------------------ restoring
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _tell(self, text: str) -> None:
        self.status.setText(text)

    def pending_edit(self) -> bool:
        """Whether the lieu has unsaved edits in the layer (they would mix with the restoration)."""
        return any(change.lieu_id == self.lieu_id for change in self.session.current_changes())

    def restore(self, version: Optional[int]) -> bool:
        """Confirm, then send an update bringing the lieu back to ``version`` (safe path); whether it was applied."""
        if version is None:
            return False
        if self.pending_edit():
            self._tell(tr("Ce lieu a des modifications non enregistrées : enregistrez-les ou annulez-les avant de restaurer une version."))
            return False
        try:
            change = restore_change(self.session, self.history, int(version), self.lieu_id)
        except ValueError as error:
            self._tell(str(error))
            return False
        lines = describe_restore(change, field_labels())
        text = tr("Restaurer la version {version} de ce lieu ? Ces valeurs seront modifiées sur le serveur :").format(version=version)
        text += "\n\n• " + "\n• ".join(lines)
        if not self.ask(tr("Restaurer cette version"), text):
            return False
        result = self.session.push([change])
        self.last_result = result
        outcome = result.report.outcomes[0] if result.report.outcomes else None
        self.refresh()
        if outcome is not None:
            self._tell(outcome.message)
        return bool(outcome is not None and outcome.applied)


# --------------------------------------------------------------------------- layer action

_sessions: dict[str, object] = {}
_open_dialogs: list[HistoryDialog] = []


def _session_for(layer_id: str):
    """The editing session of a lieux layer: registered by :func:`install_history_action`, else the plugin's."""
    if layer_id in _sessions:
        return _sessions[layer_id]
    try:
        from qgis.utils import plugins
    except ImportError:
        return None
    for plugin in plugins.values():
        session = getattr(getattr(plugin, "controller", None), "session", None)
        layer = getattr(session, "layer", None)
        if layer is not None and layer.id() == layer_id:
            return session
    return None


def open_history(layer_id: str, fid: int) -> Optional[HistoryDialog]:
    """Target of the « Historique du lieu » layer action."""
    from qgis.core import QgsProject
    from qgis.utils import iface

    from ..core.compat import MSG_WARNING

    layer = QgsProject.instance().mapLayer(layer_id)
    if layer is None:
        return None
    session = _session_for(layer_id)
    if session is None:
        if iface is not None:
            iface.messageBar().pushMessage(tr("Médiation numérique"), tr("L'historique n'existe que pour les lieux chargés depuis le serveur."),
                                           level=MSG_WARNING, duration=6)
        return None
    lieu_id = str(layer.getFeature(int(fid))["id"])
    dialog = HistoryDialog(session, lieu_id, iface.mainWindow() if iface is not None else None)
    _open_dialogs[:] = [d for d in _open_dialogs if d.isVisible()] + [dialog]
    dialog.show()
    return dialog


def install_history_action(layer, session=None) -> None:
    """A layer action (feature and map scopes) opening the lieu's history; ``session``: the layer's editing session."""
    from qgis.core import QgsAction

    if session is not None:
        layer_id = layer.id()
        _sessions[layer_id] = session
        layer.willBeDeleted.connect(lambda: _sessions.pop(layer_id, None))
    manager = layer.actions()
    name = tr("Historique du lieu")
    if any(action.name() == name for action in manager.actions()):
        return
    code = "from mednum.ui.history_dialog import open_history\nopen_history('[% @layer_id %]', [% $id %])"
    manager.addAction(QgsAction(python_action_type(), name, code, "", False, "", {"Feature", "Canvas"}))
