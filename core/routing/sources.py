"""Where a road network comes from: the demo's synthetic network, a compiled ``.npz``, an OpenStreetMap
``.osm.pbf`` or a road line layer (BD TOPO ``troncon_de_route``, OSM lines) — compiled once, cached."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..i18n import tr
from .network import RoadNetwork

DEMO_NETWORK = Path(__file__).resolve().parent.parent.parent / "resources" / "demo" / "routes-synthetiques.npz"


def cache_dir() -> Path:
    """``mednum/reseaux`` in the active QGIS profile."""
    from qgis.core import QgsApplication

    path = Path(QgsApplication.qgisSettingsDirPath()) / "mednum" / "reseaux"
    path.mkdir(parents=True, exist_ok=True)
    return path


_LOADED: dict[str, RoadNetwork] = {}


def open_network(path: Optional[str] = None, layer=None, feedback=None) -> RoadNetwork:
    """The network to route on (kept in memory for the session): a layer, a file, or the demo network."""
    from . import build

    if layer is not None:
        key = f"layer:{layer.source()}"
        if key not in _LOADED:
            _LOADED[key] = build.from_bdtopo(layer, feedback=feedback) if "vitesse_moyenne_vl" in layer.fields().names() \
                else build.from_layer(layer, feedback=feedback)
        return _LOADED[key]
    target = Path(path) if path else DEMO_NETWORK
    if not target.exists():
        raise FileNotFoundError(tr("Réseau routier introuvable : {chemin}").format(chemin=target))
    stat = target.stat()
    key = f"{target.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    if key not in _LOADED:
        if target.suffix == ".npz":
            _LOADED[key] = RoadNetwork.load(target)
        elif target.name.endswith(".pbf") or target.suffix in (".osm", ".pbf"):
            _LOADED[key] = build.load_or_build(target, cache_dir(), build.from_osm_pbf, feedback)
        else:
            raise ValueError(tr("Format de réseau non reconnu : {chemin} (attendu : .npz, .osm.pbf ou une couche de lignes).").format(
                chemin=target.name))
    return _LOADED[key]
