"""Messages shown to the agent in the QGIS message bar."""

from __future__ import annotations

from ..core.compat import MSG_SUCCESS
from ..core.i18n import tr


def show_demo_loaded(iface, layers: dict) -> None:
    """Tell the agent the demo base is loaded and zoom on the lieux."""
    lieux = layers["lieux"]
    iface.messageBar().pushMessage(
        tr("Médiation numérique"),
        tr("Base de démonstration chargée : {n} lieux fictifs.").format(n=lieux.featureCount()),
        level=MSG_SUCCESS, duration=5)
    canvas = iface.mapCanvas()
    if canvas is not None:
        canvas.setExtent(lieux.extent())
        canvas.refresh()
