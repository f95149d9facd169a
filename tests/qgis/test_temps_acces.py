"""Temps d'accès: territory accessibility (analytic checks and properties) and the Processing algorithms."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from mednum.core.demo import DEMO_GPKG
from mednum.core.routing.access import Lieu, Place, territory_access
from mednum.core.routing.network import RoadNetwork

OSM = Path(__file__).resolve().parent.parent / "data" / "osm"


def lattice(n: int = 21, step: float = 100.0, speed_kmh: float = 36.0) -> RoadNetwork:
    """n×n grid of 100 m two-way streets at 36 km/h: 10 s per edge."""
    ids = np.arange(n * n).reshape(n, n)
    xy = np.array([[600000 + c * step, 6900000 + r * step] for r in range(n) for c in range(n)], float)
    src = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()]).astype(np.int32)
    dst = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()]).astype(np.int32)
    m = len(src)
    return RoadNetwork(xy, src, dst, np.full(m, step, np.float32), np.full(m, speed_kmh, np.float32), np.ones(m, bool),
                       np.ones(m, bool), np.ones(m, bool), np.ones(m, bool), source="treillis")


def places_on(network: RoadNetwork) -> list[Place]:
    return [Place(str(i), "", x, y, 1.0, {"departement": "A" if x < 601000 else "B"}) for i, (x, y) in enumerate(network.xy)]


def test_lattice_times_and_shares_are_exact():
    network = lattice()
    corner = Lieu("coin", "Coin", *network.xy[0])
    opposite = Lieu("oppose", "Opposé", *network.xy[-1])
    result = territory_access(network, "voiture", [corner, opposite], places_on(network), thresholds_s=[100, 200])
    manhattan = np.array([min(i % 21 + i // 21, 40 - i % 21 - i // 21) for i in range(21 * 21)])
    assert np.allclose(result.times_s, manhattan * 10.0)
    expected_nearest = np.where(np.array([i % 21 + i // 21 for i in range(441)]) <= 20, 0, 1)
    ties = np.array([i % 21 + i // 21 for i in range(441)]) == 20
    assert (result.nearest[~ties] == expected_nearest[~ties]).all()
    # cells within 10 steps of a corner: 2 × (1 + 2 + … + 11) = 132
    assert result.population_within(100) == 132
    summary = result.summary()[0]
    assert summary["population"] == 441 and summary["pop_1.66667min"] == 132
    assert summary["part_au_dela"] == pytest.approx(100 * (441 - summary["pop_3.33333min"]) / 441)


def test_adding_a_lieu_never_increases_a_time_and_shares_are_monotone():
    network = lattice()
    rng = np.random.default_rng(7)
    nodes = rng.choice(network.node_count, 6, replace=False)
    lieux = [Lieu(str(i), "", *network.xy[i]) for i in nodes]
    places = places_on(network)
    before = territory_access(network, "pied", lieux[:3], places, thresholds_s=[300, 600, 900, 1200])
    after = territory_access(network, "pied", lieux, places, thresholds_s=[300, 600, 900, 1200])
    assert (after.times_s <= before.times_s + 1e-9).all()
    shares = [after.population_within(t) for t in after.thresholds_s]
    assert shares == sorted(shares)
    by_group = after.summary("departement")
    assert sum(row["population"] for row in by_group) == 441
    for row in by_group:
        parts = [row[f"part_{t / 60:g}min"] for t in after.thresholds_s]
        assert parts == sorted(parts)


def test_one_way_street_direction_matters():
    # 0 -- 1 with a one-way 0 -> 1 at 36 km/h (10 s per 100 m), and a slow detour 1 -> 2 -> 0
    xy = np.array([[0, 0], [100, 0], [50, 500]], float) + [600000, 6900000]
    network = RoadNetwork(xy, np.array([0, 1, 2], np.int32), np.array([1, 2, 0], np.int32),
                          np.array([100, 510, 510], np.float32), np.array([36, 36, 36], np.float32),
                          np.array([True, True, True]), np.array([False, True, True]), np.ones(3, bool), np.ones(3, bool))
    lieu = [Lieu("L", "Lieu", *xy[1])]
    person = [Place("p", "", *xy[0], 1.0)]
    to_lieu = territory_access(network, "voiture", lieu, person, thresholds_s=[600], direction="to").times_s[0]
    from_lieu = territory_access(network, "voiture", lieu, person, thresholds_s=[600], direction="from").times_s[0]
    assert to_lieu == pytest.approx(10.0)  # 0 -> 1 on the one-way
    assert from_lieu == pytest.approx(102.0)  # 1 -> 2 -> 0: 1020 m at 10 m/s


@pytest.fixture
def demo_copy(tmp_path, qgis_app):
    copy = tmp_path / "demo.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    layers = {name: QgsVectorLayer(f"{copy}|layername={name}", name, "ogr") for name in ("lieux", "communes")}
    yield layers
    from qgis.PyQt import sip

    for layer in layers.values():
        sip.delete(layer)


def test_territory_algorithm_on_the_demo_region(processing_ready, demo_copy, tmp_path):
    import processing

    lieux, communes = demo_copy["lieux"], demo_copy["communes"]
    common = {"LIEUX": lieux, "TERRITOIRE": communes, "POPULATION": "population", "NOM": "nom",
              "DEPARTEMENT": "code_departement", "EPCI": "nom_epci", "MODE": 0, "SEUILS": "5,10,15,20,30",
              "OUTPUT": "TEMPORARY_OUTPUT", "ZONES_BLANCHES": "TEMPORARY_OUTPUT", "RESUME": "TEMPORARY_OUTPUT",
              "RESUME_CSV": str(tmp_path / "resume.csv")}
    everything = processing.run("mednum:temps_acces", common)
    demarches = processing.run("mednum:temps_acces", dict(common, FILTRE="\"services\" LIKE '%Aide aux démarches administratives%'",
                                                           RESUME_CSV=str(tmp_path / "resume-demarches.csv")))
    out, blank, summary = everything["OUTPUT"], everything["ZONES_BLANCHES"], everything["RESUME"]
    assert out.featureCount() == communes.featureCount() == 3782
    total = sum(f["population"] for f in communes.getFeatures())
    assert everything["POPULATION"] == pytest.approx(total)
    times = {f["code_insee"]: f["temps_min"] for f in out.getFeatures()}
    assert all(t is not None and t >= 0 for t in times.values())
    assert blank.featureCount() == sum(1 for t in times.values() if t > 30)
    # fewer lieux (only those helping with online procedures): no commune gets closer
    filtered = {f["code_insee"]: f["temps_min"] for f in demarches["OUTPUT"].getFeatures()}
    assert all(filtered[code] >= times[code] - 1e-6 for code in times)
    assert demarches["PART_DERNIER_SEUIL"] <= everything["PART_DERNIER_SEUIL"] + 1e-9
    rows = list(summary.getFeatures())
    levels = {r["niveau"] for r in rows}
    assert levels == {"ensemble", "departement", "epci"}
    assert sorted(r["territoire"] for r in rows if r["niveau"] == "departement") == ["02", "59", "60", "62", "80"]
    for row in rows:
        parts = [row[f"part_{m}min"] for m in (5, 10, 15, 20, 30)]
        assert parts == sorted(parts) and 0 <= parts[-1] <= 100
        assert row["part_30min"] + row["part_au_dela"] == pytest.approx(100, abs=0.02) or row["population"] == 0
    nearest = next(f for f in out.getFeatures() if f["lieu_id"])
    assert any(f["id"] == nearest["lieu_id"] for f in lieux.getFeatures())
    csv_text = (tmp_path / "resume.csv").read_text("utf-8")
    assert csv_text.startswith("niveau;territoire;population;pop_5min;part_5min")


def test_isochrones_per_lieu_with_attribute_driven_mode_and_a_failing_lieu(processing_ready, demo_copy):
    import processing

    lieux = demo_copy["lieux"]
    points = QgsVectorLayer("Point?crs=EPSG:2154&field=id:string&field=nom:string&field=mode:string&field=seuils:string", "p", "memory")
    chosen = list(lieux.getFeatures())[:2]
    features = []
    for feature, mode, seuils in zip(chosen, ("voiture", "pied"), ("5,10,15", "10,20")):
        out = QgsFeature(points.fields())
        out.setAttributes([feature["id"], feature["nom"], mode, seuils])
        out.setGeometry(feature.geometry())
        features.append(out)
    far = QgsFeature(points.fields())
    far.setAttributes(["loin", "Lieu en pleine mer", "voiture", "10"])
    far.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(400000, 7200000)))
    features.append(far)
    points.dataProvider().addFeatures(features)
    result = processing.run("mednum:isochrones", {"INPUT": points, "MODE": "\"mode\"", "SEUILS": "\"seuils\"", "DIRECTION": 0,
                                                  "FOURNISSEUR": 0, "CELLULE": 200, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert result["NB_LIEUX"] == 2 and result["NB_ERREURS"] == 1
    polygons = list(result["OUTPUT"].getFeatures())
    assert sorted((p["lieu_id"], p["mode"], p["seuil_min"]) for p in polygons) == sorted(
        [(chosen[0]["id"], "voiture", m) for m in (5.0, 10.0, 15.0)] + [(chosen[1]["id"], "pied", m) for m in (10.0, 20.0)])
    for lieu in chosen:
        rings = sorted((p for p in polygons if p["lieu_id"] == lieu["id"]), key=lambda p: p["seuil_min"])
        assert all(rings[i].geometry().area() <= rings[i + 1].geometry().area() for i in range(len(rings) - 1))
        assert rings[0].geometry().buffer(250, 4).contains(lieu.geometry())
        assert rings[0]["sens"] == "vers le lieu" and rings[0]["fournisseur"] == "embarque"


def test_compile_a_real_osm_extract(processing_ready, tmp_path):
    import processing

    from mednum.core.routing.network import RoadNetwork as Network

    result = processing.run("mednum:compiler_reseau", {"RESEAU": str(OSM / "monaco_roads.osm.pbf"), "OUTPUT": str(tmp_path / "monaco.npz")})
    network = Network.load(tmp_path / "monaco.npz")
    assert network.node_count == result["NB_NOEUDS"] > 10000 and not network.synthetic


def test_population_grid_in_another_crs_and_styled_outputs(processing_ready, demo_copy):
    """Cells of a 200 m population grid (EPSG:3035, INSEE-style ids) around a lieu; the output is styled by class."""
    import processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProcessingContext, QgsProject

    lieux = demo_copy["lieux"]
    lieu = next(lieux.getFeatures())
    to_3035 = QgsCoordinateTransform(lieux.crs(), QgsCoordinateReferenceSystem("EPSG:3035"), QgsProject.instance())
    centre = to_3035.transform(lieu.geometry().asPoint())
    grid = QgsVectorLayer("Point?crs=EPSG:3035&field=idcar:string&field=population:double", "grille", "memory")
    cells = []
    x0, y0 = int(centre.x() // 200) * 200 - 2000, int(centre.y() // 200) * 200 - 2000
    for i in range(21):
        for j in range(21):
            feature = QgsFeature(grid.fields())
            feature.setAttributes([f"CRS3035RES200mN{y0 + 200 * j}E{x0 + 200 * i}", 10.0])
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x0 + 200 * i + 100, y0 + 200 * j + 100)))
            cells.append(feature)
    grid.dataProvider().addFeatures(cells)
    single = QgsVectorLayer("Point?crs=EPSG:2154&field=id:string&field=nom:string", "un", "memory")
    point = QgsFeature(single.fields())
    point.setAttributes([lieu["id"], lieu["nom"]])
    point.setGeometry(lieu.geometry())
    single.dataProvider().addFeatures([point])
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run("mednum:temps_acces", {"LIEUX": single, "TERRITOIRE": grid, "POPULATION": "population", "MODE": 1,
                                                   "SEUILS": "5,10,15,20,30", "OUTPUT": "TEMPORARY_OUTPUT",
                                                   "ZONES_BLANCHES": "TEMPORARY_OUTPUT", "RESUME": "TEMPORARY_OUTPUT"}, context=context)
    out = result["OUTPUT"]
    assert out.featureCount() == 441 and out.crs().authid() == "EPSG:3035"
    by_id = {f["idcar"]: f for f in out.getFeatures()}
    centre_cell = min(by_id.values(), key=lambda f: f.geometry().asPoint().distance(centre))
    corner_cell = max(by_id.values(), key=lambda f: f.geometry().asPoint().distance(centre))
    assert centre_cell["temps_min"] < corner_cell["temps_min"]  # on foot, 2 km away takes longer than next door
    assert result["POPULATION"] == 4410
    assert sum(1 for f in out.getFeatures() if f["classe"]) == 441


def test_time_class_style_colours_each_class(qgis_app):
    from mednum.processing.alg_routage import _StyleByClass, class_labels

    labels = class_labels([5, 10, 15, 20, 30])
    assert labels == ["≤ 5 min", "5–10 min", "10–15 min", "15–20 min", "20–30 min", "> 30 min"]
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=classe:string", "t", "memory")
    _StyleByClass("classe", labels, labels).postProcessLayer(layer, None, None)
    categories = layer.renderer().categories()
    assert [c.value() for c in categories] == labels
    colours = [c.symbol().color().name() for c in categories]
    assert colours[0] == "#1a9850" and colours[-1] == "#a50026" and len(set(colours)) == len(colours)
