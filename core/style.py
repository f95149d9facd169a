"""Sober default styles: lieux by workflow status, territorial limits as outlines."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
)

from .i18n import tr

#: hdf_statut value and colour
STATUS_COLOURS = (("publie", "#1b7f5f"), ("a_valider", "#e08a00"), ("brouillon", "#7a7a7a"), ("ferme", "#b22222"))


def status_labels() -> dict[str, str]:
    """French labels of the workflow statuses (translated)."""
    return {"publie": tr("Publié"), "a_valider": tr("À valider"), "brouillon": tr("Brouillon"), "ferme": tr("Fermé")}
OUTLINES = {"communes": ("#b8b8b8", "0.15"), "epci": ("#6e6e6e", "0.4"), "departements": ("#303030", "0.8")}


def style_lieux(layer: QgsVectorLayer) -> None:
    """Points coloured by ``hdf_statut`` (other values grouped as « Autre statut »)."""
    categories = []
    labels = status_labels()
    for value, colour in STATUS_COLOURS:
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "2.6",
                                               "outline_color": "#ffffff", "outline_width": "0.3"})
        categories.append(QgsRendererCategory(value, symbol, labels[value]))
    other = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#3b5bdb", "size": "2.6", "outline_color": "#ffffff"})
    categories.append(QgsRendererCategory(None, other, tr("Autre statut")))
    layer.setRenderer(QgsCategorizedSymbolRenderer("hdf_statut", categories))
    layer.setDisplayExpression('"nom"')


def style_reference(layer: QgsVectorLayer, key: str) -> None:
    """A limit drawn as an outline only."""
    colour, width = OUTLINES.get(key, ("#6e6e6e", "0.3"))
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": colour, "outline_width": width})
    if layer.renderer() is not None and hasattr(layer.renderer(), "setSymbol"):
        layer.renderer().setSymbol(symbol)
    layer.setDisplayExpression('"nom"')
