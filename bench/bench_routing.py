#!/usr/bin/env python3
"""Benchmarks of the temps d'accès engine on a ≥ 1 M-node road network (the seeded synthetic HdF network).

Each line prints the plugin's time, the named baseline's time measured in the same run, and the ratio:

* P1 — nearest-lieu time for every node from ≥ 500 lieux: plugin (one Dijkstra with the lieux'
  connection times, nearest lieu by pointer jumping) vs bare ``scipy.sparse.csgraph.dijkstra(AT,
  indices=lieux, min_only=True)`` on the same CSR (goal ≤ 1.5×); then the region's commune table
  end to end (3,782 communes).
* P2 — one 30-min isochrone with 4 bands, polygons included (median and p95 over several lieux)
  vs QGIS's ``native:serviceareafrompoint`` on the same network (goal ≥ 100× faster).
* Graph compile from the ≥ 1 M-segment line layer vs QGIS's graph builder (``QgsVectorLayerDirector``
  + ``QgsGraphBuilder``); cached ``.npz`` reload; peak memory (max RSS of this process).

Usage: ``python3 bench/bench_routing.py [--points 1000000] [--lieux 600] [--sources 10] [--skip-native]``
(``make bench``). Building the 1 M-node network takes ~20 s; one QGIS service-area call ~2–3 min.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--lieux", type=int, default=600)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--skip-native", action="store_true", help="skip QGIS's service area and graph builder (minutes)")
    args = parser.parse_args()

    import numpy as np
    from qgis.core import QgsApplication

    work = Path(tempfile.mkdtemp(prefix="mednum-bench-routage-"))
    root = work / "pkg"
    root.mkdir()
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(root))
    app = QgsApplication([], False)
    app.initQgis()
    from scipy.sparse.csgraph import dijkstra

    from mednum.core.routing.access import Lieu, Place, nearest_with_connections, territory_access
    from mednum.core.routing.engine import times_from
    from mednum.core.routing.network import RoadNetwork
    from mednum.core.routing.polygons import isochrone_polygons
    from mednum.core.routing.synthetic import communes_from_gpkg, synthetic_network

    rows: list[tuple[str, str, str, str]] = []
    demo = REPO / "resources" / "demo" / "demo.gpkg"
    communes = communes_from_gpkg(demo)
    build_s, network = timed(synthetic_network, communes, args.points, 2026)
    print(f"réseau synthétique : {network.node_count} nœuds, {network.segment_count} tronçons, généré en {build_s:.1f} s")
    path = work / "reseau.npz"
    save_s, _ = timed(network.save, path)
    load_s, network = timed(RoadNetwork.load, path)
    csr_s, matrix = timed(network.matrix, "voiture", True)
    rows.append(("Rechargement du réseau compilé (.npz → tableaux)", f"{load_s:.2f} s", "–", f"fichier {path.stat().st_size / 1e6:.1f} Mo"))
    rows.append(("Matrice CSR voiture (doublons → le plus rapide, transposée)", f"{csr_s:.2f} s", "–", ""))

    rng = np.random.default_rng(1)
    nodes = rng.choice(network.mode_nodes("voiture"), args.lieux, replace=False)
    offsets = np.zeros(len(nodes))
    ours, baseline = [], []
    for _ in range(3):
        t, _ = timed(nearest_with_connections, network, "voiture", nodes, offsets, None, True)
        ours.append(t)
        t, _ = timed(dijkstra, matrix, directed=True, indices=nodes, min_only=True, return_predecessors=True)
        baseline.append(t)
    p1_ours, p1_base = min(ours), min(baseline)
    rows.append((f"P1 temps au plus proche de {args.lieux} lieux, tous les nœuds", f"{p1_ours:.2f} s",
                 f"dijkstra SciPy nu {p1_base:.2f} s", f"ratio {p1_ours / p1_base:.2f} (objectif ≤ 1,5)"))
    places = [Place(code, code, x, y, population) for code, x, y, population in communes]
    lieux = [Lieu(str(i), "", *network.xy[n]) for i, n in enumerate(nodes)]
    table_s, result = timed(territory_access, network, "voiture", lieux, places, [300, 600, 900, 1200, 1800])
    share = 100 * result.population_within(900) / sum(p.population for p in places)
    rows.append((f"P1 tableau des {len(places)} communes de la région (de bout en bout)", f"{table_s:.2f} s", "–",
                 f"{share:.1f} % de la population à ≤ 15 min"))

    sources = rng.choice(network.mode_nodes("voiture"), args.sources, replace=False)
    durations = []
    for source in sources:
        start = time.perf_counter()
        times = times_from(network, "voiture", [int(source)], limit_s=1800, to=True)
        isochrone_polygons(network.xy, times, [300, 600, 900, 1800], cell_m=200)
        durations.append(time.perf_counter() - start)
    median = statistics.median(durations)
    p95 = sorted(durations)[max(0, int(round(0.95 * len(durations))) - 1)]

    native_s = graph_s = None
    if not args.skip_native:
        native_s, graph_s, layer_s = native_baselines(network, int(sources[0]))
        rows.append(("Remplissage d'une couche de lignes QGIS (base des comparaisons)", f"{layer_s:.1f} s", "–", ""))
    rows.append((f"P2 isochrone 30 min, 4 bandes, polygones ({len(sources)} lieux)", f"médiane {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
                 f"native:serviceareafrompoint {native_s:.1f} s" if native_s else "native: non mesuré (--skip-native)",
                 f"{native_s / median:.0f}× plus rapide (objectif ≥ 100×)" if native_s else ""))
    compile_s = compile_from_layer(network) if not args.skip_native else None
    if compile_s is not None:
        rows.append((f"Compilation depuis une couche de {network.segment_count} lignes", f"{compile_s:.1f} s",
                     f"QgsGraphBuilder {graph_s:.1f} s" if graph_s else "–", f"{graph_s / compile_s:.1f}× plus rapide" if graph_s else ""))
    rows.append(("Mémoire maximale du processus (RSS, QGIS compris)", f"{peak_mb():.0f} Mo", "–", ""))
    width = max(len(r[0]) for r in rows)
    print()
    for row in rows:
        print(f"{row[0]:<{width}} | {row[1]:>26} | {row[2]:>36} | {row[3]}")


def line_layer(network):
    """The network as a QGIS memory line layer (one feature per segment, car speed in km/h)."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer

    from mednum.core.compat import field_type

    layer = QgsVectorLayer("LineString?crs=EPSG:2154", "reseau", "memory")
    layer.dataProvider().addAttributes([QgsField("vitesse", field_type("number")), QgsField("sens", field_type("string"))])
    layer.updateFields()
    features = []
    xy = network.xy
    for a, b, speed in zip(network.src.tolist(), network.dst.tolist(), network.car_speed.tolist()):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*xy[a]), QgsPointXY(*xy[b])]))
        feature.setAttributes([float(speed), "Double sens"])
        features.append(feature)
        if len(features) == 50000:
            layer.dataProvider().addFeatures(features)
            features = []
    layer.dataProvider().addFeatures(features)
    return layer


_LAYER = {}


def native_baselines(network, source_node: int):
    """QGIS's service area (Processing) and graph builder on the same network."""
    if "/usr/share/qgis/python/plugins" not in sys.path:
        sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing
    from qgis.analysis import QgsGraphBuilder, QgsNetworkSpeedStrategy, QgsVectorLayerDirector
    from qgis.core import QgsPointXY

    layer_s, layer = timed(line_layer, network)
    _LAYER["layer"] = layer
    Processing.initialize()
    x, y = network.xy[source_node]
    start = time.perf_counter()
    processing.run("native:serviceareafrompoint", {"INPUT": layer, "STRATEGY": 1, "SPEED_FIELD": "vitesse", "DEFAULT_SPEED": 50,
                                                   "TOLERANCE": 0, "START_POINT": f"{x},{y} [EPSG:2154]", "TRAVEL_COST2": 1800,
                                                   "OUTPUT_LINES": "TEMPORARY_OUTPUT"})
    native_s = time.perf_counter() - start
    director = QgsVectorLayerDirector(layer, -1, "", "", "", QgsVectorLayerDirector.Direction.DirectionBoth
                                      if hasattr(QgsVectorLayerDirector, "Direction") else QgsVectorLayerDirector.DirectionBoth)
    director.addStrategy(QgsNetworkSpeedStrategy(layer.fields().indexFromName("vitesse"), 50, 1000 / 3600))
    builder = QgsGraphBuilder(layer.crs(), True, 0)
    start = time.perf_counter()
    director.makeGraph(builder, [QgsPointXY(x, y)])
    graph_s = time.perf_counter() - start
    return native_s, graph_s, layer_s


def compile_from_layer(network):
    from mednum.core.routing.build import from_bdtopo

    layer = _LAYER.get("layer")
    if layer is None:
        return None
    renamed = layer.clone()
    index = renamed.fields().indexFromName("vitesse")
    renamed.dataProvider().renameAttributes({index: "vitesse_moyenne_vl", index + 1: "sens_de_circulation"})
    renamed.updateFields()
    seconds, _ = timed(from_bdtopo, renamed)
    return seconds


if __name__ == "__main__":
    main()
