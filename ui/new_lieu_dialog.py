"""« Nouveau lieu »: find the address, check the base for a look-alike, then open the form."""

from __future__ import annotations

from typing import Callable, Optional

from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core.dedupe import Candidate, find_duplicates
from ..core.editing import feature_point, feature_row
from ..core.i18n import tr

MATCH_ROLE = Qt.ItemDataRole.UserRole


def look_alikes(layer: QgsVectorLayer, row: dict[str, str], point) -> list[Candidate]:
    """Lieux of the layer that probably are this one (same commune, or a few metres away)."""
    request = QgsFeatureRequest()
    if point is not None:
        request.setFilterRect(QgsGeometry.fromPointXY(QgsPointXY(*point)).buffer(5000, 4).boundingBox())
    others = ((f.id(), feature_row(f), feature_point(f)) for f in layer.getFeatures(request))
    return find_duplicates(row, point, others)


class NewLieuDialog(QDialog):
    """Step 1 of a new lieu: its address (national address base), and a duplicate check."""

    def __init__(self, layer: QgsVectorLayer, search: Callable[[str], list], parent=None):
        super().__init__(parent)
        self.layer, self.search = layer, search
        self.match = None
        self.candidates: list[Candidate] = []
        self.setWindowTitle(tr("Nouveau lieu de médiation numérique"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Adresse du lieu (base adresse nationale) :")))
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("ex. 12 rue de la République, Amiens"))
        layout.addWidget(self.address)
        self.results = QListWidget()
        layout.addWidget(self.results)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.duplicates = QLabel()
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet("color: #8a5300;")
        layout.addWidget(self.duplicates)
        self.buttons = QDialogButtonBox()
        self.create_button = QPushButton(tr("Créer le lieu à cette adresse"))
        self.create_button.setEnabled(False)
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(350)
        self.timer.timeout.connect(self.run_search)
        self.address.textEdited.connect(lambda _text: self.timer.start())
        self.address.returnPressed.connect(self.run_search)
        self.results.currentItemChanged.connect(self._picked)

    def run_search(self) -> None:
        """Ask the geocoder (through the plugin's network layer) and list the matches."""
        self.timer.stop()
        self.results.clear()
        self.match = None
        self.create_button.setEnabled(False)
        text = self.address.text().strip()
        try:
            matches = self.search(text)
        except Exception as error:  # GeocoderError and network errors carry a French message
            self.status.setText(getattr(error, "message", str(error)))
            return
        if not matches:
            self.status.setText(tr("Aucune adresse trouvée pour « {texte} ».").format(texte=text) if len(text) >= 3 else "")
            return
        self.status.setText(tr("{n} adresse(s) trouvée(s) : choisissez la bonne.").format(n=len(matches)))
        for match in matches:
            item = QListWidgetItem(f"{match.label}  ({match.score:.0%})" if match.score is not None else match.label)
            item.setData(MATCH_ROLE, match)
            self.results.addItem(item)
        self.results.setCurrentRow(0)

    def _picked(self, item: Optional[QListWidgetItem], _previous=None) -> None:
        self.match = item.data(MATCH_ROLE) if item is not None else None
        self.create_button.setEnabled(self.match is not None)
        self.duplicates.clear()
        self.candidates = []
        if self.match is None:
            return
        row = {"adresse": self.match.adresse, "code_insee": self.match.citycode, "nom": ""}
        self.candidates = look_alikes(self.layer, row, (self.match.x, self.match.y))
        if self.candidates:
            lines = "\n".join("• " + c.message() for c in self.candidates[:3])
            self.duplicates.setText(tr("Attention, des lieux existent déjà à cette adresse ou tout près :") + "\n" + lines)

    def new_feature(self) -> QgsFeature:
        """A feature at the chosen address, address fields filled and defaults applied."""
        layer, match = self.layer, self.match
        fields = layer.fields()
        feature = QgsFeature(fields)
        for index in range(fields.count()):
            feature.setAttribute(index, layer.defaultValue(index, feature))
        values = {"adresse": match.adresse, "commune": match.city, "code_postal": match.postcode, "code_insee": match.citycode}
        for name, value in values.items():
            index = fields.indexFromName(name)
            if index >= 0 and value:
                feature.setAttribute(index, value)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(match.x, match.y)))
        return feature


def create_lieu(iface, layer: QgsVectorLayer, search: Callable[[str], list]) -> Optional[QgsFeature]:
    """The whole « Nouveau lieu » flow: address, duplicate check, then the lieu's form."""
    dialog = NewLieuDialog(layer, search, iface.mainWindow())
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.match is None:
        return None
    if not layer.isEditable() and not layer.startEditing():
        return None
    feature = dialog.new_feature()
    if not iface.openFeatureForm(layer, feature, False, True):
        return None
    return feature


def relocate_lieu(iface, layer: QgsVectorLayer, fid: int, search: Callable[[str], list]) -> bool:
    """« Localiser par l'adresse »: pick the lieu's address in the national base; the point and
    the address fields follow (in the edit buffer, saved with the other edits)."""
    feature = layer.getFeature(fid)
    dialog = NewLieuDialog(layer, search, iface.mainWindow() if iface else None)
    dialog.setWindowTitle(tr("Localiser « {nom} » par son adresse").format(nom=feature["nom"] or ""))
    dialog.create_button.setText(tr("Placer le lieu à cette adresse"))
    dialog.address.setText(" ".join(str(feature[name] or "") for name in ("adresse", "code_postal", "commune")).strip())
    dialog.run_search()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.match is None:
        return False
    return apply_match(layer, fid, dialog.match)


def apply_match(layer: QgsVectorLayer, fid: int, match) -> bool:
    """Move a lieu to an address match and fill its address fields (edit buffer)."""
    if not layer.isEditable() and not layer.startEditing():
        return False
    fields = layer.fields()
    values = {"adresse": match.adresse, "commune": match.city, "code_postal": match.postcode, "code_insee": match.citycode}
    for name, value in values.items():
        index = fields.indexFromName(name)
        if index >= 0 and value:
            layer.changeAttributeValue(fid, index, value)
    return layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(match.x, match.y)))
