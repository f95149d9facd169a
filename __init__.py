"""Médiation numérique — Géo2France: QGIS plugin entry point."""


def classFactory(iface):  # noqa: N802 - QGIS API
    """Create the plugin (called by QGIS)."""
    from .plugin import MednumPlugin

    return MednumPlugin(iface)
