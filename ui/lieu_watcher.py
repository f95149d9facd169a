"""Help while the agent edits a lieux layer: a moved point offers its new address (reverse geocoding),
a lieu added by digitising is checked against the base for a look-alike."""

from __future__ import annotations

from typing import Callable, Optional

from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import QPushButton

from ..core.compat import MSG_INFO, MSG_SUCCESS, MSG_WARNING
from ..core.editing import feature_point, feature_row
from ..core.i18n import tr
from .new_lieu_dialog import look_alikes

ADDRESS_FIELDS = ("adresse", "commune", "code_postal", "code_insee")


class LieuWatcher(QObject):
    """Watches one lieux layer; ``reverse(x, y)`` returns address matches (the plugin's geocoder)."""

    def __init__(self, iface, layer, reverse: Callable[[float, float], list]):
        super().__init__(layer)
        self.iface, self.layer, self.reverse = iface, layer, reverse
        self.proposals: dict[int, object] = {}
        layer.geometryChanged.connect(self._moved)
        layer.featureAdded.connect(self._added)

    def _bar(self):
        return self.iface.messageBar()

    # ------------------------------------------------------------------ reverse geocoding
    def _quiet(self) -> bool:
        """The plugin itself is writing the server's answer into the layer."""
        value = self.layer.customProperty("mednum/applying", False)
        return value in (True, "true", 1)

    def _moved(self, fid: int, geometry: QgsGeometry) -> None:
        if geometry is None or geometry.isEmpty() or self._quiet():
            return
        point = geometry.asPoint()
        try:
            matches = self.reverse(point.x(), point.y())
        except Exception as error:  # GeocoderError: French message; never block the edit
            self._bar().pushMessage(tr("Médiation numérique"), getattr(error, "message", str(error)), level=MSG_WARNING, duration=6)
            return
        if not matches:
            return
        match = matches[0]
        current = self.layer.getFeature(fid)
        if all(str(current[name] or "") == str(value or "") for name, value in self._values(match).items()):
            return
        self.proposals[fid] = match
        bar = self._bar()
        text = tr("Lieu déplacé : adresse la plus proche « {adresse} ».").format(adresse=match.label)
        if hasattr(bar, "createMessage"):
            item = bar.createMessage(tr("Médiation numérique"), text)
            button = QPushButton(tr("Mettre à jour l'adresse"), item)
            button.clicked.connect(lambda _checked=False, f=fid: self.apply_address(f))
            item.layout().addWidget(button)
            bar.pushWidget(item, MSG_INFO, 15)
        else:
            bar.pushMessage(tr("Médiation numérique"), text, level=MSG_INFO, duration=15)

    @staticmethod
    def _values(match) -> dict[str, str]:
        return {"adresse": match.adresse, "commune": match.city, "code_postal": match.postcode, "code_insee": match.citycode}

    def apply_address(self, fid: int) -> bool:
        """Write the proposed address of a moved lieu into the edit buffer."""
        match = self.proposals.pop(fid, None)
        if match is None or not self.layer.isEditable():
            return False
        fields = self.layer.fields()
        for name, value in self._values(match).items():
            index = fields.indexFromName(name)
            if index >= 0 and value:
                self.layer.changeAttributeValue(fid, index, value)
        self._bar().pushMessage(tr("Médiation numérique"), tr("Adresse mise à jour : {adresse}.").format(adresse=match.label),
                                level=MSG_SUCCESS, duration=5)
        return True

    # ------------------------------------------------------------------ look-alikes
    def _added(self, fid: int) -> None:
        if self._quiet():
            return
        feature = self.layer.getFeature(fid)
        if not feature.isValid():
            return
        candidates = [c for c in look_alikes(self.layer, feature_row(feature), feature_point(feature)) if c.key != fid]
        if candidates:
            lines = " ".join(c.message() for c in candidates[:3])
            self._bar().pushMessage(tr("Médiation numérique"),
                                    tr("« {nom} » ressemble à un lieu déjà dans la base : {lieux} Vérifiez avant d'enregistrer.").format(
                                        nom=feature["nom"] or tr("Nouveau lieu"), lieux=lines),
                                    level=MSG_WARNING, duration=0)
        self.last_candidates = candidates


def watch(iface, layer, geocoder_url: Optional[str] = None) -> LieuWatcher:
    """Attach the watcher to a lieux layer, with the configured geocoder."""
    from ..core.geocoder import reverse
    from ..core.settings import load_settings

    base_url = geocoder_url or load_settings().geocoder_url
    return LieuWatcher(iface, layer, lambda x, y: reverse(x, y, base_url=base_url))
