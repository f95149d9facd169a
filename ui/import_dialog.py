"""« Importer un fichier partenaire »: the match and merge preview, the agent's choices, then the report or the apply.

The widgets only collect choices and show results; reading, matching, changes and reports are
:mod:`..core.imports`. The base layer and the file are read and the file classified in a :class:`QgsTask` (10,000 lieux
against 10,000 take a few seconds): the dialog stays responsive and shows « Analyse du fichier… »
meanwhile; the task reads the layer through a ``QgsVectorLayerFeatureSource`` taken on the main thread
(QGIS layers themselves are not thread-safe). Applying goes through the
safe WFS-T editing (``LieuxSession.push``) in batches, the progress bar and the window updated
between batches; without a session (a local layer) the changes go to the layer's edit buffer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core import imports
from ..core.i18n import tr

COLUMNS = 6
COLORS = {imports.NOUVEAU: "#e6f4ea", imports.MODIFIE: "#e7f1ff", imports.DOUBLON: "#fff3cd", imports.INVALIDE: "#fde2e1"}
CONFLICT_COLOR = "#fff3cd"


def _checked(value) -> bool:
    """Qt 5 and 6 give check states as ints or enums."""
    return value == Qt.CheckState.Checked or getattr(value, "value", value) == 2


class PreviewTask(QgsTask):
    """Reads the partner's file, geocodes what lacks a position (optional) and classifies it, off the main thread."""

    def __init__(self, path: str, load_base: Callable[[], list], done: Callable[[PreviewTask], None], search=None):
        super().__init__(tr("Analyse du fichier partenaire"))
        self.path, self.load_base, self.done, self.search = path, load_base, done, search
        self.source: Optional[imports.PartnerFile] = None
        self.geocoded: Optional[imports.GeocodeResult] = None
        self.decisions: list[imports.Decision] = []
        self.error = ""

    def run(self) -> bool:
        try:
            self.source, self.geocoded, self.decisions = imports.preview(self.path, self.load_base(), search=self.search)
        except Exception as error:  # noqa: BLE001 - shown to the agent, never a crash of QGIS
            self.error = str(error)
            return False
        return True

    def finished(self, result: bool) -> None:
        self.done(self)


class DecisionModel(QAbstractTableModel):
    """One line per lieu of the file: accepted box, class, line, name, commune, detail."""

    def __init__(self, dialog: ImportDialog):
        super().__init__(dialog)
        self.dialog = dialog

    @property
    def decisions(self) -> list[imports.Decision]:
        return self.dialog.decisions

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.decisions)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("", tr("Classe"), tr("Ligne"), tr("Nom"), tr("Commune"), tr("Détail"))[section]
        return None

    def flags(self, index: QModelIndex):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.decisions[index.row()].kind in imports.ACCEPTABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        decision = self.decisions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and decision.kind in imports.ACCEPTABLE:
            return Qt.CheckState.Checked if decision.index in self.dialog.accepted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and decision.kind in COLORS:
            return QBrush(QColor(COLORS[decision.kind]))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 1:
                return imports.class_singular(decision.kind)
            if column == 2:
                return "" if decision.row_number is None else str(decision.row_number)
            if column == 3:
                return decision.nom
            if column == 4:
                return decision.commune
            if column == 5:
                text = decision.detail()
                if decision.kind == imports.MODIFIE and role == Qt.ItemDataRole.DisplayRole:
                    conflicts = decision.conflicts
                    text = tr("{n} champ(s) : {champs}").format(n=len(decision.changes), champs=", ".join(c.name for c in decision.changes))
                    if conflicts and decision.base_newer:
                        text += " — " + tr("base plus récente que le fichier")
                return text
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.dialog.set_row_accepted(index.row(), _checked(value))
        return True

    def refresh(self, first: int = 0, last: Optional[int] = None) -> None:
        last = len(self.decisions) - 1 if last is None else last
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0))


class ImportDialog(QDialog):
    """Preview of a partner's file against the lieux: classes, accept/reject, field-by-field choices, report, apply."""

    def __init__(self, iface, session_or_layer, path: str, parent=None, *, search=None, wait: bool = False,
                 confirm: Optional[Callable[[int], bool]] = None):
        super().__init__(parent if parent is not None else (iface.mainWindow() if iface is not None else None))
        self.iface = iface
        self.session = session_or_layer if hasattr(session_or_layer, "push") else None
        self.layer = self.session.layer if self.session is not None else session_or_layer
        self.path = str(path)
        self.search = search
        self.confirm = confirm or self._ask_confirmation
        self.source: Optional[imports.PartnerFile] = None
        self.geocoded: Optional[imports.GeocodeResult] = None
        self.decisions: list[imports.Decision] = []
        self.accepted: set[int] = set()
        self.choices: dict[int, dict[str, str]] = {}
        self.outcomes = None
        self.changes_sent: list = []
        self.task: Optional[PreviewTask] = None
        self.current: Optional[int] = None
        self.setWindowTitle(tr("Importer un fichier partenaire — {fichier}").format(fichier=Path(self.path).name))
        self.setMinimumSize(980, 680)
        self._build()
        self.start(wait)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.info = QLabel(tr("Analyse du fichier…"))
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        summary = QWidget()
        grid = QGridLayout(summary)
        grid.setContentsMargins(0, 0, 0, 0)
        self.count_labels: dict[str, QLabel] = {}
        self.accept_buttons: dict[str, QPushButton] = {}
        self.reject_buttons: dict[str, QPushButton] = {}
        for row, kind in enumerate(imports.CLASSES):
            label = QLabel()
            label.setStyleSheet(f"background: {COLORS.get(kind, '#f2f2f2')}; padding: 2px 6px;")
            grid.addWidget(label, row // 3, (row % 3) * 3)
            self.count_labels[kind] = label
            if kind in imports.ACCEPTABLE:
                accept = QPushButton(tr("Tout accepter : {classe}").format(classe=imports.class_label(kind).lower()))
                reject = QPushButton(tr("Tout refuser"))
                accept.clicked.connect(lambda _checked=False, k=kind: self.set_class_accepted(k, True))
                reject.clicked.connect(lambda _checked=False, k=kind: self.set_class_accepted(k, False))
                grid.addWidget(accept, row // 3, (row % 3) * 3 + 1)
                grid.addWidget(reject, row // 3, (row % 3) * 3 + 2)
                self.accept_buttons[kind], self.reject_buttons[kind] = accept, reject
        layout.addWidget(summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = DecisionModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self.show_decision(current.row()))
        splitter.addWidget(self.table)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details_layout.addWidget(self.detail)
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels([tr("Champ"), tr("Valeur de la base"), tr("Valeur du fichier"), tr("Garder")])
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().setVisible(False)
        self.combos: dict[str, QComboBox] = {}
        details_layout.addWidget(self.fields)
        splitter.addWidget(details)
        self.report_view = QTextBrowser()
        self.report_view.setVisible(False)
        splitter.addWidget(self.report_view)
        layout.addWidget(splitter, 1)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.dry_run_button = QPushButton(tr("Rapport seulement (essai à blanc)"))
        self.apply_button = QPushButton(tr("Appliquer"))
        self.close_button = QPushButton(tr("Fermer"))
        self.dry_run_button.clicked.connect(lambda: self.dry_run())
        self.apply_button.clicked.connect(lambda: self.apply())
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        for button in (self.dry_run_button, self.apply_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        for button in list(self.accept_buttons.values()) + list(self.reject_buttons.values()) + [self.dry_run_button, self.apply_button]:
            button.setEnabled(not busy)

    # ------------------------------------------------------------------ analysis
    def start(self, wait: bool = False) -> None:
        """Read the base layer, read and classify the file, in a QgsTask (here when ``wait``)."""
        self.task = PreviewTask(self.path, imports.base_loader(self.layer), self._analysed, self.search)
        if wait:
            self.task.finished(self.task.run())
        else:
            QgsApplication.taskManager().addTask(self.task)

    def _analysed(self, task: PreviewTask) -> None:
        if task.error or task.source is None:
            self.info.setText(tr("Le fichier n'a pas pu être analysé : {erreur}").format(erreur=task.error or tr("erreur inconnue")))
            return
        self.source, self.geocoded, self.decisions = task.source, task.geocoded, task.decisions
        self.accepted = imports.default_accepted(self.decisions)
        lines = [self.source.summary()]
        lines += [issue.message for issue in self.source.issues if issue.row is None and issue.severity != "info"]
        if self.source.rejected:
            lines.append(tr("{n} enregistrement(s) illisible(s), détaillés dans le rapport.").format(n=len(self.source.rejected)))
        if self.geocoded is not None:
            lines.append(self.geocoded.summary())
        self.info.setText("\n".join(lines))
        self.model.beginResetModel()
        self.model.endResetModel()
        self.table.resizeColumnsToContents()
        self._update_counts()
        self._set_busy(False)
        self.apply_button.setEnabled(bool(self.decisions) and not (self.layer is not None and self.layer.readOnly()))

    def _update_counts(self) -> None:
        found = imports.counts(self.decisions)
        for kind, label in self.count_labels.items():
            accepted = sum(1 for d in self.decisions if d.kind == kind and d.index in self.accepted)
            text = tr("{classe} : {n}").format(classe=imports.class_label(kind), n=found[kind])
            if kind in imports.ACCEPTABLE:
                text += " " + tr("({n} accepté(s))").format(n=accepted)
            label.setText(text)

    # ------------------------------------------------------------------ choices
    def set_row_accepted(self, index: int, accepted: bool) -> None:
        decision = self.decisions[index]
        if decision.kind not in imports.ACCEPTABLE:
            return
        if accepted:
            self.accepted.add(decision.index)
        else:
            self.accepted.discard(decision.index)
        self.model.refresh(index, index)
        self._update_counts()

    def set_class_accepted(self, kind: str, accepted: bool) -> None:
        """« Tout accepter / Tout refuser » for one class."""
        for decision in self.decisions:
            if decision.kind == kind:
                if accepted:
                    self.accepted.add(decision.index)
                else:
                    self.accepted.discard(decision.index)
        self.model.refresh()
        self._update_counts()

    def show_decision(self, index: int) -> None:
        """Details of one lieu; for a modified one, a line per field with its « Garder » choice."""
        self.current = index if 0 <= index < len(self.decisions) else None
        self.fields.setRowCount(0)
        self.combos = {}
        if self.current is None:
            self.detail.clear()
            return
        decision = self.decisions[index]
        head = tr("{classe} — {ou} — « {nom} »").format(classe=imports.class_singular(decision.kind), ou=decision.where(), nom=decision.nom)
        if decision.rule:
            head += " — " + tr("rapproché de « {nom} » : {regle}").format(nom=(decision.base_row or {}).get("nom", ""),
                                                                          regle=imports.rule_label(decision.rule))
        body = [decision.detail()] if decision.kind != imports.MODIFIE else []
        if decision.kind == imports.MODIFIE and decision.base_newer:
            body.append(tr("La fiche de la base a été mise à jour après la date du fichier : vérifiez les champs en conflit."))
        body += decision.notes
        self.detail.setText("\n".join([head] + [b for b in body if b]))
        if decision.kind != imports.MODIFIE:
            return
        titles = _titles()
        choices = self.choices.setdefault(decision.index, {})
        self.fields.setRowCount(len(decision.changes))
        for row, change in enumerate(decision.changes):
            for column, text in enumerate((titles.get(change.name, change.name), change.old, change.new)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if change.conflict and column:
                    item.setBackground(QBrush(QColor(CONFLICT_COLOR)))
                self.fields.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(tr("Valeur du fichier"), imports.INCOMING)
            combo.addItem(tr("Valeur de la base"), imports.BASE)
            combo.setCurrentIndex(combo.findData(choices.get(change.name, imports.INCOMING)))
            combo.currentIndexChanged.connect(lambda _i, name=change.name, box=combo, key=decision.index: self._choose(key, name, box))
            self.fields.setCellWidget(row, 3, combo)
            self.combos[change.name] = combo
        self.fields.resizeColumnToContents(0)

    def _choose(self, index: int, name: str, combo: QComboBox) -> None:
        self.choices.setdefault(index, {})[name] = combo.currentData()

    def select(self, index: int) -> None:
        """Select a lieu in the table (its details appear below)."""
        self.table.selectRow(index)
        self.show_decision(index)

    # ------------------------------------------------------------------ results
    def changes(self) -> list:
        """The changes the current choices make (nothing is sent)."""
        return imports.to_changes(self.decisions, self.accepted, self.choices)

    def _title(self) -> str:
        return tr("Import de {fichier}").format(fichier=Path(self.path).name)

    def dry_run(self, csv_path: Optional[str] = None) -> tuple[str, str]:
        """« Rapport seulement (essai à blanc) »: the report of the current choices; nothing is written to the base."""
        self.changes()  # sets the ids new lieux would get, for the report
        if csv_path is None:
            csv_path, _filter = QFileDialog.getSaveFileName(self, tr("Enregistrer le rapport"), str(Path(self.path).with_suffix("")) +
                                                            "-rapport.csv", tr("CSV (*.csv)"))
        html_path = str(Path(csv_path).with_suffix(".html")) if csv_path else None
        texts = imports.write_report(self.decisions, csv_path or None, html_path, None, accepted=self.accepted, source=self.source,
                                     title=self._title())
        self._show_report(texts[1])
        return texts

    def apply(self, csv_path: Optional[str] = None) -> Optional[tuple[str, str]]:
        """« Appliquer »: the accepted changes through the safe editing (in batches), then the final report."""
        changes = self.changes()
        if not changes:
            self.info.setText(self.info.text() + "\n" + tr("Aucun lieu accepté : rien à appliquer."))
            return None
        if not self.confirm(len(changes)):
            return None
        self._set_busy(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, len(changes))
        self.changes_sent = changes
        try:
            if self.session is not None:
                self.outcomes = imports.push_changes(self.session, changes, progress=self._progress)
            else:
                self.outcomes = imports.apply_to_layer(self.layer, changes)
        finally:
            self.progress.setVisible(False)
        html_path = str(Path(csv_path).with_suffix(".html")) if csv_path else None
        texts = imports.write_report(self.decisions, csv_path, html_path, self.outcomes, accepted=self.accepted, source=self.source,
                                     title=self._title())
        self._show_report(texts[1])
        self.dry_run_button.setEnabled(False)
        return texts

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        QCoreApplication.processEvents()

    def _show_report(self, html_text: str) -> None:
        self.report_view.setHtml(html_text)
        self.report_view.setVisible(True)

    def _ask_confirmation(self, count: int) -> bool:
        target = tr("sur le serveur (édition sûre)") if self.session is not None else tr("dans la couche en édition (à enregistrer ensuite)")
        answer = QMessageBox.question(self, self.windowTitle(), tr("Appliquer {n} changement(s) {cible} ?").format(n=count, cible=target))
        return answer == QMessageBox.StandardButton.Yes


def _titles() -> dict[str, str]:
    from ..core.schema import load_model

    titles = {spec.name: spec.title or spec.name for spec in load_model().fields}
    titles[imports.GEOMETRY] = tr("Position")
    return titles
