"""Find a lieu by its name from the QGIS locator bar (prefix ``lieu``), accents and case ignored.

The locator runs :meth:`LieuLocatorFilter.fetchResults` in a worker thread on a clone of the
filter: the names are read in :meth:`~LieuLocatorFilter.prepare` (main thread) from a cache shared
with the clones and refreshed when a lieux layer changes, so the thread never touches a layer.
"""

from __future__ import annotations

from functools import partial
from typing import Optional

from qgis.core import QgsFeatureRequest, QgsLocatorContext, QgsLocatorFilter, QgsLocatorResult, QgsProject

from ..core.compat import is_null
from ..core.filters import fold
from ..core.i18n import tr
from .find_dock import is_lieux_layer, open_form, zoom_and_flash

#: Most results listed for one search.
MAX_RESULTS = 30


class LieuNames:
    """Names of the lieux of every lieux layer of the project (read in the main thread, cached per layer)."""

    def __init__(self):
        self._entries: dict[str, list[tuple[int, str, str, str]]] = {}
        self._watched: set[str] = set()

    def invalidate(self, layer_id: str, *_args) -> None:
        self._entries.pop(layer_id, None)

    def snapshot(self, project: Optional[QgsProject] = None) -> list[tuple[str, str, list[tuple[int, str, str, str]]]]:
        """``(layer id, layer name, [(fid, folded « nom commune », nom, commune)])`` per lieux layer."""
        project = project or QgsProject.instance()
        layers = [layer for layer in project.mapLayers().values() if is_lieux_layer(layer)]
        for gone in set(self._entries) - {layer.id() for layer in layers}:
            self._entries.pop(gone, None)
        result = []
        for layer in layers:
            entries = self._entries.get(layer.id())
            if entries is None:
                entries = self._entries[layer.id()] = self._read(layer)
            if layer.id() not in self._watched:
                self._watched.add(layer.id())
                layer.layerModified.connect(partial(self.invalidate, layer.id()))
                layer.dataChanged.connect(partial(self.invalidate, layer.id()))
            result.append((layer.id(), layer.name(), entries))
        return result

    @staticmethod
    def _read(layer) -> list[tuple[int, str, str, str]]:
        fields = layer.fields()
        names = [n for n in ("nom", "commune") if fields.indexFromName(n) >= 0]
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes(names, fields)
        has_commune = "commune" in names
        entries = []
        for feature in layer.getFeatures(request):
            nom = "" if is_null(feature["nom"]) else str(feature["nom"])
            commune = "" if not has_commune or is_null(feature["commune"]) else str(feature["commune"])
            if nom:
                entries.append((feature.id(), fold(f"{nom} {commune}"), nom, commune))
        return entries


class LieuLocatorFilter(QgsLocatorFilter):
    """Locator filter « Lieux de médiation numérique » (prefix ``lieu``)."""

    def __init__(self, iface, names: Optional[LieuNames] = None):
        super().__init__()
        self.iface = iface
        self.names = names if names is not None else LieuNames()
        self._snapshot: list[tuple[str, str, list[tuple[int, str, str, str]]]] = []

    def name(self) -> str:
        return "mednum_lieux"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Lieux de médiation numérique")

    def prefix(self) -> str:
        return "lieu"

    def clone(self) -> LieuLocatorFilter:
        return LieuLocatorFilter(self.iface, self.names)

    def prepare(self, string: str, context: QgsLocatorContext) -> list[str]:
        """Main thread: take the names the search will go through."""
        self._snapshot = self.names.snapshot()
        return []

    def fetchResults(self, string: str, context: QgsLocatorContext, feedback) -> None:  # noqa: N802 - QGIS API
        """Worker thread: every word of the search in the name (or the commune) of the lieu."""
        query = fold(string).strip()
        words = query.split()
        if len(query) < 2:
            return
        found = 0
        for layer_id, layer_name, entries in self._snapshot:
            for fid, text, nom, commune in entries:
                if feedback is not None and feedback.isCanceled():
                    return
                if not all(word in text for word in words):
                    continue
                folded_name = fold(nom)
                result = QgsLocatorResult(self, nom, f"{layer_id}\n{fid}")
                result.description = commune
                result.group = layer_name
                result.score = 1.0 if folded_name == query else 0.8 if folded_name.startswith(query) else 0.5
                self.resultFetched.emit(result)
                found += 1
                if found >= MAX_RESULTS:
                    return

    def triggerResult(self, result: QgsLocatorResult) -> None:  # noqa: N802 - QGIS API
        """Centre the map on the lieu, flash it and open its form."""
        layer_id, _sep, fid = str(result.userData).partition("\n")
        layer = QgsProject.instance().mapLayer(layer_id)
        if layer is None or not fid.lstrip("-").isdigit():
            return
        zoom_and_flash(self.iface.mapCanvas(), layer, int(fid))
        open_form(self.iface, layer, int(fid))


def register(iface) -> LieuLocatorFilter:
    """Create the filter and add it to the QGIS locator."""
    locator_filter = LieuLocatorFilter(iface)
    iface.registerLocatorFilter(locator_filter)
    return locator_filter


def unregister(iface, locator_filter: LieuLocatorFilter) -> None:
    """Remove the filter from the QGIS locator."""
    iface.deregisterLocatorFilter(locator_filter)
