"""The embedded demo base (fictitious lieux on real Hauts-de-France boundaries)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsLayerTreeGroup, QgsProject, QgsVectorLayer

from .i18n import tr

DEMO_GPKG = Path(__file__).resolve().parent.parent / "resources" / "demo" / "demo.gpkg"
#: Layers of the demo base, drawn top to bottom, with their display names.
DEMO_LAYERS = (("lieux", "Lieux de médiation numérique (démo)"), ("communes", "Communes"),
               ("epci", "EPCI"), ("departements", "Départements"))


def demo_layer(name: str, path: Path = DEMO_GPKG) -> QgsVectorLayer:
    """One layer of the demo GeoPackage (raises if it cannot be opened)."""
    display = dict(DEMO_LAYERS).get(name, name)
    layer = QgsVectorLayer(f"{path}|layername={name}", tr(display), "ogr")
    if not layer.isValid():
        raise FileNotFoundError(tr("Couche « {couche} » introuvable dans {fichier}.").format(couche=name, fichier=path))
    return layer


def load_demo(project: Optional[QgsProject] = None, path: Path = DEMO_GPKG) -> dict[str, QgsVectorLayer]:
    """Add the demo layers to a project, in a group « Médiation numérique (démo) »."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    group: QgsLayerTreeGroup = root.insertGroup(0, tr("Médiation numérique (démo)"))
    layers = {}
    for name, _display in DEMO_LAYERS:
        layer = demo_layer(name, path)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        layers[name] = layer
    return layers
