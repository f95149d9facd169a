"""Search a CSW catalogue (Géo2France's GeoNetwork by default) for a WFS layer.

One request per search or page, run directly under a wait cursor; the records are listed with
their WFS layers, and "Utiliser cette couche" returns the picked ``(url, typename)``.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.i18n import tr

LINK_ROLE = Qt.ItemDataRole.UserRole


class CatalogueDialog(QDialog):
    """Find a record of the catalogue and pick one of its WFS layers."""

    def __init__(self, csw_url: str, authcfg: str = "", parent=None, page_size: int = 20):
        super().__init__(parent)
        self.csw_url, self.authcfg, self.page_size = csw_url, authcfg, page_size
        self.next_record = 0
        self.result = None
        self._selected: Optional[tuple[str, str]] = None
        self.setWindowTitle(tr("Parcourir le catalogue"))
        self.resize(720, 480)

        layout = QVBoxLayout(self)
        source = QLabel(tr("Catalogue : {url}").format(url=csw_url))
        source.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(source)
        search_row = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(tr("Mots-clés, par exemple : médiation numérique"))
        self.search_button = QPushButton(tr("Rechercher"))
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.search_button)
        layout.addLayout(search_row)

        self.results = QTreeWidget()
        self.results.setColumnCount(2)
        self.results.setHeaderLabels([tr("Fiche / couche WFS"), tr("Service")])
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setColumnWidth(0, 420)
        layout.addWidget(self.results, 1)

        paging = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.next_button = QPushButton(tr("Suivants"))
        self.next_button.setEnabled(False)
        paging.addWidget(self.status_label, 1)
        paging.addWidget(self.next_button)
        layout.addLayout(paging)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = self.buttons.addButton(tr("Utiliser cette couche"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setEnabled(False)
        layout.addWidget(self.buttons)

        self.search_button.clicked.connect(lambda: self.search())
        self.search_edit.returnPressed.connect(lambda: self.search())
        self.next_button.clicked.connect(lambda: self.search(self.next_record))
        self.results.itemSelectionChanged.connect(self._selection_changed)
        self.results.itemDoubleClicked.connect(self._double_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # ------------------------------------------------------------------ search
    def search(self, start: int = 1) -> bool:
        """Run one search (from record ``start``) and list what it found; False on error."""
        from ..core.csw import CatalogueError, search_catalogue

        QgsApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = search_catalogue(self.csw_url, self.search_edit.text().strip(), max_records=self.page_size,
                                      start=start, authcfg=self.authcfg)
        except CatalogueError as error:
            self.results.clear()
            self.next_button.setEnabled(False)
            self.status_label.setText(error.message)
            return False
        finally:
            QgsApplication.restoreOverrideCursor()
        self.result = result
        self._show(result, start)
        return True

    def _show(self, result, start: int) -> None:
        self.results.clear()
        self._selected = None
        self.use_button.setEnabled(False)
        for record in result.records:
            item = QTreeWidgetItem([record.title or record.identifier, ""])
            tooltip = record.abstract or ""
            if record.keywords:
                tooltip += ("\n\n" if tooltip else "") + tr("Mots-clés : {mots}").format(mots=", ".join(record.keywords))
            item.setToolTip(0, tooltip)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a record is not a choice; its layers are
            for link in record.wfs_links:
                label = link.typename or tr("(couche non précisée)")
                child = QTreeWidgetItem([label, link.url])
                child.setData(0, LINK_ROLE, (link.url, link.typename or ""))
                child.setToolTip(0, link.description or label)
                child.setToolTip(1, link.url)
                item.addChild(child)
            if not record.wfs_links:
                item.setText(1, tr("aucune couche WFS"))
            self.results.addTopLevelItem(item)
            item.setExpanded(True)
        returned = len(result.records)
        if returned:
            text = tr("Fiches {debut} à {fin} sur {total}.").format(debut=start, fin=start + returned - 1, total=result.matched)
        else:
            text = tr("Aucune fiche ne correspond à la recherche.")
        self.status_label.setText(text)
        self.next_record = result.next_record or 0
        self.next_button.setEnabled(0 < self.next_record <= result.matched and returned > 0)

    # ------------------------------------------------------------------ choice
    def _selection_changed(self) -> None:
        items = self.results.selectedItems()
        link = items[0].data(0, LINK_ROLE) if items else None
        self._selected = tuple(link) if link else None
        self.use_button.setEnabled(self._selected is not None)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, LINK_ROLE):
            self._selected = tuple(item.data(0, LINK_ROLE))
            self.accept()

    def layer_items(self) -> list[QTreeWidgetItem]:
        """The listed WFS layers (children of the records)."""
        return [self.results.topLevelItem(i).child(j) for i in range(self.results.topLevelItemCount())
                for j in range(self.results.topLevelItem(i).childCount())]

    def selected(self) -> Optional[tuple[str, str]]:
        """The ``(url, typename)`` picked by the agent, or None."""
        return self._selected
