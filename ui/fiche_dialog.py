"""The « fiche » of a lieu in a window: read, print, or save as HTML."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton, QTextBrowser, QVBoxLayout

from ..core.compat import python_action_type
from ..core.editing import feature_row
from ..core.fiche import render_fiche
from ..core.i18n import tr


class FicheDialog(QDialog):
    def __init__(self, row: dict[str, str], parent=None):
        super().__init__(parent)
        self.row = row
        self.html = render_fiche(row)
        self.setWindowTitle(tr("Fiche — {nom}").format(nom=row.get("nom") or ""))
        self.resize(640, 720)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(self.html)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        printing = QPushButton(tr("Imprimer…"))
        saving = QPushButton(tr("Enregistrer en HTML…"))
        buttons.addButton(printing, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(saving, QDialogButtonBox.ButtonRole.ActionRole)
        printing.clicked.connect(self.print_fiche)
        saving.clicked.connect(self.save_html)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def print_fiche(self) -> None:
        from qgis.PyQt.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.browser.document().print(printer) if hasattr(self.browser.document(), "print") else self.browser.print_(printer)

    def save_html(self, path: str = "") -> str:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Enregistrer la fiche"), f"{self.row.get('nom') or 'fiche'}.html",
                                                  tr("Page HTML (*.html)"))
        if path:
            Path(path).write_text(self.html, encoding="utf-8")
        return path


def show_fiche(iface, layer, fid: int) -> FicheDialog:
    """Open the fiche of one feature of a lieux layer."""
    dialog = FicheDialog(feature_row(layer.getFeature(fid)), iface.mainWindow() if iface else None)
    dialog.show()
    return dialog


def install_fiche_action(layer) -> None:
    """A layer action (feature and map scopes) opening the lieu's fiche."""
    from qgis.core import QgsAction

    manager = layer.actions()
    name = tr("Fiche du lieu")
    if any(action.name() == name for action in manager.actions()):
        return
    code = "from mednum.plugin import open_fiche\nopen_fiche('[% @layer_id %]', [% $id %])"
    manager.addAction(QgsAction(python_action_type(), name, code, "", False, "", {"Feature", "Canvas"}))
    code = "from mednum.plugin import relocate\nrelocate('[% @layer_id %]', [% $id %])"
    manager.addAction(QgsAction(python_action_type(), tr("Localiser par l'adresse…"), code, "", False, "", {"Feature", "Canvas"}))
