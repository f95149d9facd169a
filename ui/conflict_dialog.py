"""The agent compares their version of a lieu with the server's and chooses, field by field."""

from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.i18n import tr
from ..core.schema import load_model
from ..core.sync import DELETE, GEOMETRY, Outcome

MINE, THEIRS = "mine", "theirs"


class ConflictDialog(QDialog):
    """One conflict: a row per field the agent changed — version chargée, ma version, version du serveur."""

    def __init__(self, outcome: Outcome, parent=None):
        super().__init__(parent)
        self.outcome = outcome
        change = outcome.change
        self.setWindowTitle(tr("Conflit de modification — {nom}").format(nom=change.nom))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        explanation = QLabel(outcome.message)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        titles = {spec.name: spec.title or spec.name for spec in load_model().fields}
        server = outcome.server
        self.rows: list[str] = []
        if change.op == DELETE:
            self.rows.append("delete")
        else:
            self.rows += list(change.values)
            if change.point is not None:
                self.rows.append(GEOMETRY)
        self.table = QTableWidget(len(self.rows), 5, self)
        self.table.setHorizontalHeaderLabels([tr("Champ"), tr("Version chargée"), tr("Ma version"), tr("Version du serveur"), tr("Garder")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combos: dict[str, QComboBox] = {}
        base = change.base or {}
        for row, name in enumerate(self.rows):
            if name == "delete":
                label, loaded, mine, theirs = tr("Suppression du lieu"), tr("présent"), tr("supprimé"), tr("présent (modifié)")
            elif name == GEOMETRY:
                label = tr("Position")
                loaded = self._point(change.base_point)
                mine = self._point(change.point)
                theirs = self._point(server.point) if server else tr("(lieu supprimé)")
            else:
                label = titles.get(name, name)
                loaded, mine = base.get(name, ""), change.values.get(name, "")
                theirs = server.text(name) if server else tr("(lieu supprimé)")
            for column, text in enumerate((label, loaded, mine, theirs)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 3 and text != loaded:
                    item.setBackground(QBrush(QColor("#fff3cd")))
                self.table.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(tr("Ma version"), MINE)
            combo.addItem(tr("Version du serveur"), THEIRS)
            combo.setCurrentIndex(1)  # nothing of the other agent is lost by default
            self.table.setCellWidget(row, 4, combo)
            self.combos[name] = combo
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.keep_mine = QPushButton(tr("Garder toute ma version"))
        self.keep_theirs = QPushButton(tr("Prendre la version du serveur"))
        self.apply_choice = QPushButton(tr("Appliquer ces choix"))
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.apply_choice, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.keep_mine.clicked.connect(lambda: self._set_all(MINE))
        self.keep_theirs.clicked.connect(lambda: self._set_all(THEIRS))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _point(point: Optional[tuple[float, float]]) -> str:
        return f"{point[0]:.1f} ; {point[1]:.1f}" if point else ""

    def _set_all(self, value: str) -> None:
        for combo in self.combos.values():
            combo.setCurrentIndex(combo.findData(value))

    def choice(self) -> dict[str, str]:
        """``{field: "mine"|"theirs"}`` as chosen (``geometry`` for the position, ``delete`` for a deletion)."""
        return {name: combo.currentData() for name, combo in self.combos.items()}
