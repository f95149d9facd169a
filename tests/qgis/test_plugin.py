"""The plugin loads in a real QGIS: menu, toolbar, Processing provider; and unloads cleanly."""

from __future__ import annotations

import configparser
from pathlib import Path

from qgis.core import QgsApplication

REPO = Path(__file__).resolve().parents[2]


def test_metadata_declares_supported_versions():
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(REPO / "metadata.txt", encoding="utf-8")
    general = meta["general"]
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["supportsQt6"] == "True"
    assert general["hasProcessingProvider"] == "yes"
    assert general["license"] == "GPL-2.0-or-later"
    assert general["description[fr]"].startswith("Faire vivre la base régionale")
    assert general["about[fr]"] and general["about"]
    assert (REPO / general["icon"]).exists()


def test_plugin_loads_with_menu_toolbar_and_provider(qgis_iface, qgis_app):
    import mednum

    registry = QgsApplication.processingRegistry()
    previous = registry.providerById("mednum")
    if previous is not None:
        registry.removeProvider(previous)
    plugin = mednum.classFactory(qgis_iface)
    plugin.initGui()
    try:
        provider = registry.providerById("mednum")
        assert provider is not None
        assert provider.name() == "Médiation numérique"
        ids = sorted(alg.id() for alg in provider.algorithms())
        assert ids == ["mednum:annuaire", "mednum:atlas", "mednum:compiler_reseau", "mednum:exporter",
                       "mednum:exporter_standard", "mednum:fraicheur", "mednum:importer", "mednum:isochrones",
                       "mednum:sous_les_radars", "mednum:temps_acces", "mednum:valider"]
        for alg in provider.algorithms():
            assert alg.name().isascii() and alg.name() == alg.name().lower()
            assert alg.shortHelpString()
        texts = [action.text() for action in plugin.actions]
        assert texts == ["Charger les lieux (Géo2France)", "Nouveau lieu…", "Rechercher des lieux", "Isochrones des lieux…",
                         "Temps d'accès d'un territoire…", "Importer un fichier partenaire…", "Fraîcheur des lieux…",
                         "Lieux sous les radars…", "Atlas territorial…", "Annuaire des lieux…",
                         "Exporter (CSV, ODS, GeoJSON, data·inclusion)…", "Gérer les droits des agents…",
                         "Paramètres de connexion…",
                         "Charger la base de démonstration", "Valider des lieux…", "Exporter au standard national…"]
        assert plugin.toolbar is not None and len(plugin.toolbar.actions()) == 5
        plugin.find_action.trigger()
        assert plugin.find_dock is not None and not plugin.find_dock.isHidden()
        assert plugin.locator_filter is not None and plugin.locator_filter.prefix() == "lieu"
    finally:
        plugin.unload()
    assert registry.providerById("mednum") is None
    assert plugin.actions == []


def test_load_demo_action_adds_the_demo_group(qgis_iface, qgis_new_project):
    from qgis.core import QgsProject

    import mednum

    plugin = mednum.classFactory(qgis_iface)
    plugin.initGui()
    try:
        next(a for a in plugin.actions if a.text() == "Charger la base de démonstration").trigger()
        project = QgsProject.instance()
        group = project.layerTreeRoot().findGroup("Médiation numérique (démo)")
        assert group is not None
        names = [layer.layer().name() for layer in group.findLayers()]
        assert names == ["Lieux de médiation numérique (démo)", "Communes", "EPCI", "Départements"]
        lieux = group.findLayers()[0].layer()
        assert 400 <= lieux.featureCount() <= 600
        assert lieux.crs().authid() == "EPSG:2154"
    finally:
        plugin.unload()
