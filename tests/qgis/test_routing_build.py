"""Compiling road networks: the real OpenStreetMap extracts (Monaco, Saint-Barthélemy), a hand-made BD TOPO layer
whose arcs and times are known, the OSM/BD TOPO rules, and the compile cache."""

from __future__ import annotations

import math
import os
import shutil
import time

import numpy as np
import pytest
from helpers import DATA

from mednum.core.routing import build
from mednum.core.routing.build import (
    BuildCanceledError,
    NetworkBuildError,
    bdtopo_rule,
    from_bdtopo,
    from_layer,
    from_lines,
    from_osm_pbf,
    load_or_build,
    osm_rule,
    parse_maxspeed,
    parse_other_tags,
    speed_for,
)
from mednum.core.routing.engine import times_from
from mednum.core.routing.network import BIKE_KMH, MODES, WALK_KMH, RoadNetwork

MONACO = DATA / "osm" / "monaco_roads.osm.pbf"
SAINT_BARTH = DATA / "osm" / "saint_barthelemy.osm.pbf"


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:2154"),
                                       QgsProject.instance())
    point = transform.transform(QgsPointXY(lon, lat))
    return point.x(), point.y()


@pytest.fixture(scope="module")
def monaco(qgis_app) -> RoadNetwork:
    return from_osm_pbf(MONACO)


# ---------------------------------------------------------------------------------------------- OSM: Monaco

def test_monaco_car_graph_matches_the_reference_counts(monaco):
    """The routing reference counts 15 721 car nodes / 27 595 car arcs (every OSM node kept, pyosmium). Here: the same
    definition (every vertex a node, arcs after merging parallel ones), read through GDAL; the few-unit gap comes
    from access-tag details (e.g. access=no overridden by motor_vehicle=permissive)."""
    counts = monaco.meta["counts"]
    assert counts["voiture_nodes"] == pytest.approx(15_721, rel=0.005)
    assert counts["voiture_arcs"] == pytest.approx(27_595, rel=0.005)
    assert counts["voiture_nodes"] == monaco.mode_nodes("voiture").size
    assert counts["voiture_arcs"] == monaco.matrix("voiture").nnz
    # pedestrians and bicycles use more of the network (footways, steps, paths) but never the motorway
    assert counts["pied_nodes"] > 1.4 * counts["voiture_nodes"] and counts["velo_nodes"] > counts["voiture_nodes"]
    assert monaco.node_count == counts["nodes"] and monaco.meta["compressed"] is False
    assert monaco.meta["crs"] == "EPSG:2154" and "OpenStreetMap" in monaco.meta["attribution"]
    assert monaco.meta["lengths"] == "ellipsoidales"
    # nodes in Lambert-93 around Monaco (x ≈ 1 050 000–1 062 000, y ≈ 6 300 000–6 308 000)
    assert (1_045_000 < monaco.xy[:, 0]).all() and (monaco.xy[:, 0] < 1_065_000).all()
    assert (6_295_000 < monaco.xy[:, 1]).all() and (monaco.xy[:, 1] < 6_310_000).all()


def test_monaco_one_way_streets_are_respected(monaco):
    oneway = np.flatnonzero((monaco.car_speed > 0) & monaco.car_forward & ~monaco.car_backward)
    assert oneway.size > 1000  # 643 ways tagged oneway=yes, plus roundabouts and motorways
    direct = monaco.matrix("voiture", to=False).tocsr()
    reverse_arc = np.asarray(direct[monaco.dst[oneway], monaco.src[oneway]]).ravel()
    forward_arc = np.asarray(direct[monaco.src[oneway], monaco.dst[oneway]]).ravel()
    assert (forward_arc > 0).all()
    assert (reverse_arc == 0).mean() > 0.99  # no way back along the same segment (except where a two-way road doubles it)
    # a one-way segment: going along it takes the arc's time, going back needs a detour
    walkable = oneway[monaco.walk[oneway]]
    i = walkable[np.argmax(monaco.length[walkable])]
    along = times_from(monaco, "voiture", [int(monaco.src[i])], to=False)[monaco.dst[i]]
    back = times_from(monaco, "voiture", [int(monaco.dst[i])], to=False)[monaco.src[i]]
    assert along == pytest.approx(monaco.length[i] * 3.6 / monaco.car_speed[i], rel=1e-6)
    assert back > along
    # pedestrians walk it both ways in the segment's own time
    walk_back = times_from(monaco, "pied", [int(monaco.dst[i])], to=False)[monaco.src[i]]
    assert walk_back == pytest.approx(monaco.length[i] * 3.6 / WALK_KMH, rel=1e-6)


def test_monaco_motorway_has_no_pedestrians(monaco):
    from osgeo import ogr, osr

    dataset = ogr.Open(str(MONACO))
    layer = dataset.ExecuteSQL("SELECT highway FROM lines WHERE highway = 'motorway'")
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    l93 = osr.SpatialReference()
    l93.ImportFromEPSG(2154)
    l93.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(wgs84, l93)
    inner, pairs = [], []
    for feature in layer:
        points = [transform.TransformPoint(x, y)[:2] for x, y in feature.GetGeometryRef().GetPoints()]
        inner += points[1:-1]
        pairs += list(zip(points[:-1], points[1:]))
    dataset.ReleaseResultSet(layer)
    assert len(inner) > 200 and len(pairs) > 250
    nodes, distance = monaco.snap(np.array(inner), "voiture")
    assert (distance < 0.01).all()  # every motorway vertex is a car node
    # 3 of the 254 inner vertices are shared with a walkable way (a crossing path); none of the others is walkable
    walkable = set(monaco.mode_nodes("pied").tolist())
    assert sum(int(n) in walkable for n in nodes) <= 0.02 * len(nodes)
    # and no walking or cycling arc runs along the motorway, while cars have one on every stretch
    tails, _ = monaco.snap(np.array([a for a, _ in pairs]), "voiture")
    heads, _ = monaco.snap(np.array([b for _, b in pairs]), "voiture")
    assert (np.asarray(monaco.matrix("voiture", to=False)[tails, heads]).ravel() > 0).all()
    for mode in ("pied", "velo"):
        along = monaco.matrix(mode, to=False)
        assert (np.asarray(along[tails, heads]).ravel() == 0).all() and (np.asarray(along[heads, tails]).ravel() == 0).all(), mode


def test_monaco_crossing_by_car_takes_minutes(monaco):
    cap_d_ail, casino, country_club = lambert93(7.4050, 43.7220), lambert93(7.4275, 43.7394), lambert93(7.4420, 43.7500)
    nodes, distance = monaco.snap([cap_d_ail, casino, country_club], "voiture", max_distance_m=200)
    assert (nodes >= 0).all()
    across = times_from(monaco, "voiture", [int(nodes[0])], to=False)[nodes[2]]
    assert 2 * 60 < across < 15 * 60  # ~3.7 km as the crow flies along a steep coast
    to_casino = times_from(monaco, "voiture", [int(nodes[1])], to=True)
    from_casino = times_from(monaco, "voiture", [int(nodes[1])], to=False)
    assert 60 < to_casino[nodes[0]] < 15 * 60 and 60 < from_casino[nodes[0]] < 15 * 60
    assert to_casino[nodes[0]] != from_casino[nodes[0]]  # one-ways make the trips differ
    walking = times_from(monaco, "pied", [int(monaco.snap([cap_d_ail], "pied")[0][0])], to=False)
    walk_nodes = monaco.snap([country_club], "pied")[0]
    assert across < walking[walk_nodes[0]] < 3 * 3600


def test_osm_layer_read_through_qgis_gives_the_same_network(monaco):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{MONACO}|layername=lines", "lines", "ogr")
    assert layer.isValid()
    other = from_layer(layer)
    assert other.node_count == monaco.node_count and other.segment_count == monaco.segment_count
    assert np.allclose(other.xy, monaco.xy)
    for mode in MODES:
        assert other.matrix(mode).nnz == monaco.matrix(mode).nnz, mode


# ---------------------------------------------------------------------------------------------- OSM: Saint-Barthélemy

def test_saint_barthelemy_builds_and_is_connected_for_cars():
    from scipy.sparse.csgraph import connected_components

    network = from_osm_pbf(SAINT_BARTH)
    counts = network.meta["counts"]
    assert counts["voiture_nodes"] == pytest.approx(3_723, rel=0.005) and counts["voiture_arcs"] == pytest.approx(7_500, rel=0.005)
    car_nodes = network.mode_nodes("voiture")
    _, labels = connected_components(network.matrix("voiture"), directed=True, connection="strong")
    largest = np.bincount(labels[car_nodes]).max()
    assert largest >= 0.95 * car_nodes.size  # an island network: nearly every car node reaches every other
    # Lambert-93 is far off its zone there: lengths come from the ellipsoid, not from the projected coordinates
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsDistanceArea, QgsPointXY, QgsProject

    planar = np.hypot(*(network.xy[network.src] - network.xy[network.dst]).T)
    assert network.meta["lengths"] == "ellipsoidales"
    assert np.median(planar / np.maximum(network.length, 1e-3)) > 1.05  # the Lambert-93 scale error at 17.9° N
    back = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                  QgsProject.instance())
    measure = QgsDistanceArea()
    measure.setEllipsoid("WGS84")
    for i in np.argsort(network.length)[-5:]:  # the five longest segments, measured by QGIS on the ellipsoid
        a, b = (back.transform(QgsPointXY(*network.xy[n])) for n in (network.src[i], network.dst[i]))
        assert network.length[i] == pytest.approx(measure.measureLine(a, b), rel=1e-4)


# ---------------------------------------------------------------------------------------------- BD TOPO

ORIGIN = (700_000.0, 7_000_000.0)
#: node names → offsets from ORIGIN (metres)
POINTS = {"P0": (0, 0), "P1": (1000, 0), "P2": (1000, 1000), "P3": (0, 1000), "P4": (2000, 0), "P5": (2000, 1000),
          "M1": (300, 0), "D": (500, 500), "Q0": (300, -500), "Q1": (300, 0), "Q2": (300, 200), "F": (3000, 1000)}
#: (name, vertices, nature, vitesse_moyenne_vl, sens_de_circulation, acces_vehicule_leger)
TRONCONS = [
    ("T1", ["P0", "M1", "P1"], "Route à 1 chaussée", 36, "Double sens", "Libre"),
    ("T2", ["P1", "P2"], "Route à 1 chaussée", 72, "Sens direct", "Libre"),
    ("T3", ["P3", "P2"], "Route à 1 chaussée", 36, "Sens inverse", "Libre"),
    ("T4", ["P0", "P3"], "Chemin", None, "Sans objet", "Physiquement impossible"),
    ("T5", ["P1", "P4"], "Type autoroutier", 108, "Double sens", "A péage"),
    ("T6", ["P4", "P5"], "Escalier", 0, "Sans objet", "Physiquement impossible"),
    ("T7", ["P5", "P2"], "Route à 1 chaussée", 50, "Double sens", "Interdit"),
    ("T8", ["P2", "D", "P0"], "Piste cyclable", 0, "Sans objet", "Physiquement impossible"),
    ("T9", ["Q0", "Q1", "Q2"], "Route à 1 chaussée", 36, "Double sens", "Libre"),  # a bridge over T1 at M1 = Q1
    ("T10", ["P5", "F"], "Bac ou liaison maritime", 10, "Double sens", "Libre"),    # a ferry: skipped
]
DIAG = math.hypot(500, 500)
#: car arcs (tail, head, seconds) expected in the direct graph
CAR_ARCS = sorted([("P0", "M1", 30.0), ("M1", "P0", 30.0), ("M1", "P1", 70.0), ("P1", "M1", 70.0), ("P1", "P2", 50.0),
                   ("P2", "P3", 100.0), ("P1", "P4", 1000 * 3.6 / 108), ("P4", "P1", 1000 * 3.6 / 108),
                   ("Q0", "Q1", 50.0), ("Q1", "Q0", 50.0), ("Q1", "Q2", 20.0), ("Q2", "Q1", 20.0)])
WALK_S, BIKE_S = 3.6 / WALK_KMH, 3.6 / BIKE_KMH  # seconds per metre


def _coords(name: str) -> tuple[float, float]:
    dx, dy = POINTS[name]
    return ORIGIN[0] + dx, ORIGIN[1] + dy


def bdtopo_layer():
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("LineStringZ?crs=EPSG:2154&field=id:string&field=nature:string&field=vitesse_moyenne_vl:integer"
                           "&field=sens_de_circulation:string&field=acces_vehicule_leger:string&field=importance:string",
                           "troncon_de_route", "memory")
    features = []
    for name, vertices, nature, speed, sens, acces in TRONCONS:
        feature = QgsFeature(layer.fields())
        wkt = ", ".join(f"{x} {y} {150 + i}" for i, (x, y) in enumerate(_coords(v) for v in vertices))
        feature.setGeometry(QgsGeometry.fromWkt(f"LineStringZ ({wkt})"))
        feature.setAttributes([name, nature, speed, sens, acces, "4"])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def _named_nodes(network: RoadNetwork) -> dict:
    """Node index of each named point (M1 and Q1 share coordinates: they are told apart by their neighbours)."""
    names = {}
    for name in POINTS:
        found = np.flatnonzero(np.all(np.abs(network.xy - _coords(name)) < 0.005, axis=1))
        if name not in ("M1", "Q1", "F"):
            assert found.size == 1, name
            names[name] = int(found[0])
    p0 = names["P0"]
    q0 = names["Q0"]
    both = np.flatnonzero(np.all(np.abs(network.xy - _coords("M1")) < 0.005, axis=1))
    assert both.size == 2  # the bridge does NOT join the road it crosses (BD TOPO: tronçons join at their ends only)
    touches_p0 = [int(n) for n in both if p0 in set(network.dst[network.src == n]) | set(network.src[network.dst == n])]
    names["M1"] = touches_p0[0]
    names["Q1"] = int(both[both != names["M1"]][0])
    assert q0 in set(network.dst[network.src == names["Q1"]]) | set(network.src[network.dst == names["Q1"]])
    return names


def _check_bdtopo_network(network: RoadNetwork) -> None:
    names = _named_nodes(network)
    label = {v: k for k, v in names.items()}
    assert network.node_count == 11 and network.segment_count == 12  # T1 2, T8 2, T9 2, six 1-segment tronçons, no ferry
    assert network.meta["counts"]["lines_read"] == 10 and network.meta["counts"]["lines_kept"] == 9
    direct = network.matrix("voiture", to=False).tocoo()
    arcs = sorted((label[int(i)], label[int(j)], float(w)) for i, j, w in zip(direct.row, direct.col, direct.data))
    assert [a[:2] for a in arcs] == [a[:2] for a in CAR_ARCS]
    assert [a[2] for a in arcs] == pytest.approx([a[2] for a in CAR_ARCS], rel=1e-6)

    def times(mode, start, to=False):
        t = times_from(network, mode, [names[start]], to=to)
        return {k: float(t[v]) for k, v in names.items()}

    inf = math.inf
    car_from = times("voiture", "P0")
    assert car_from == pytest.approx({"P0": 0, "M1": 30, "P1": 100, "P2": 150, "P3": 250, "P4": 100 + 1000 * 3.6 / 108,
                                      "P5": inf, "D": inf, "Q0": inf, "Q1": inf, "Q2": inf}, rel=1e-6)
    car_to = times("voiture", "P0", to=True)  # from P2 or P3, the one-ways lead to a dead end: P0 is out of reach
    assert car_to == pytest.approx({"P0": 0, "M1": 30, "P1": 100, "P2": inf, "P3": inf, "P4": 100 + 1000 * 3.6 / 108,
                                    "P5": inf, "D": inf, "Q0": inf, "Q1": inf, "Q2": inf}, rel=1e-6)
    walk = times("pied", "P0")
    assert walk == pytest.approx({"P0": 0, "M1": 300 * WALK_S, "P1": 1000 * WALK_S, "P3": 1000 * WALK_S, "D": DIAG * WALK_S,
                                  "P2": 2 * DIAG * WALK_S, "P5": (2 * DIAG + 1000) * WALK_S, "P4": (2 * DIAG + 2000) * WALK_S,
                                  "Q0": inf, "Q1": inf, "Q2": inf}, rel=1e-6)  # stairs yes, motorway no
    bike = times("velo", "P0")
    assert bike == pytest.approx({"P0": 0, "M1": 300 * BIKE_S, "P1": 1000 * BIKE_S, "P3": 1000 * BIKE_S, "D": DIAG * BIKE_S,
                                  "P2": 2 * DIAG * BIKE_S, "P5": (2 * DIAG + 1000) * BIKE_S, "P4": inf,
                                  "Q0": inf, "Q1": inf, "Q2": inf}, rel=1e-6)  # no stairs, no motorway
    # bicycles keep the car one-way of T2 (P1 → P2): back from P2 to P1 they go round by the cycle track
    assert times("velo", "P2")["P1"] == pytest.approx((2 * DIAG + 1000) * BIKE_S, rel=1e-6)
    assert times("velo", "P1")["P2"] == pytest.approx(1000 * BIKE_S, rel=1e-6)


def test_bdtopo_memory_layer_gives_exactly_the_expected_arcs_and_times(qgis_app):
    network = from_bdtopo(bdtopo_layer())
    _check_bdtopo_network(network)
    assert network.meta["profile"] == "bdtopo" and network.meta["lengths"] == "planes" and "BD TOPO" in network.meta["attribution"]


def test_bdtopo_geopackage_file_gives_the_same_network(qgis_app, tmp_path):
    from osgeo import ogr, osr

    path = tmp_path / "bdtopo.gpkg"
    source = bdtopo_layer()
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    dataset.CreateLayer("commune", srs, ogr.wkbPolygon)  # another layer first: the builder must pick troncon_de_route
    layer = dataset.CreateLayer("troncon_de_route", srs, ogr.wkbLineString25D)
    for field in source.fields():
        layer.CreateField(ogr.FieldDefn(field.name(), ogr.OFTInteger if field.name() == "vitesse_moyenne_vl" else ogr.OFTString))
    for feature in source.getFeatures():
        out = ogr.Feature(layer.GetLayerDefn())
        for name in source.fields().names():
            value = feature[name]
            if value is not None and not (hasattr(value, "isNull") and value.isNull()):
                out.SetField(name, value)
        out.SetGeometry(ogr.CreateGeometryFromWkb(bytes(feature.geometry().asWkb())))
        layer.CreateFeature(out)
    dataset = None
    from_file = from_bdtopo(str(path))
    _check_bdtopo_network(from_file)
    from_memory = from_bdtopo(source)
    assert np.array_equal(from_file.xy, from_memory.xy) and np.array_equal(from_file.length, from_memory.length)
    assert from_layer(str(path)).meta["profile"] == "bdtopo"  # files and layers with vitesse_moyenne_vl are recognised
    assert from_layer(source).meta["profile"] == "bdtopo"


def test_bdtopo_rules():
    assert bdtopo_rule({"nature": "Route à 1 chaussée", "vitesse_moyenne_vl": 50, "sens_de_circulation": "Sens direct",
                        "acces_vehicule_leger": "Libre"}) == build.Rule(50.0, True, False, True, True)
    assert bdtopo_rule({"NATURE": "Rond-point", "VITESSE_MOYENNE_VL": 30, "SENS_DE_CIRCULATION": "Sens direct",
                        "ACCES_VEHICULE_LEGER": "À péage"}).car_kmh == 30.0  # upper-case fields, accents
    assert bdtopo_rule({"nature": "Route à 1 chaussée", "vitesse_moyenne_vl": 50, "sens_de_circulation": "Double sens",
                        "acces_vehicule_leger": "Restreint aux ayants droit"}) == build.Rule(0.0, False, False, True, True)
    assert bdtopo_rule({"nature": "Bretelle", "vitesse_moyenne_vl": 70, "sens_de_circulation": "Sens inverse",
                        "acces_vehicule_leger": "Libre"}) == build.Rule(70.0, False, True, False, False)
    assert bdtopo_rule({"nature": "Sentier", "vitesse_moyenne_vl": None, "sens_de_circulation": "Sans objet"}) == \
        build.Rule(0.0, False, False, True, True)
    assert bdtopo_rule({"nature": "Route à 2 chaussées", "vitesse_moyenne_vl": 80, "sens_de_circulation": "Double sens",
                        "etat_de_l_objet": "En construction"}) is None
    assert bdtopo_rule({"nature": "Type autoroutier", "vitesse_moyenne_vl": 0, "sens_de_circulation": "Sens direct"}) is None


# ---------------------------------------------------------------------------------------------- OSM rules

@pytest.mark.parametrize("text, kmh", [("50", 50), ("FR:urban", 50), ("FR:rural", 80), ("FR:motorway", 130), ("FR:zone30", 30),
                                       ("30 mph", 30 * 1.609344), ("none", None), ("signals", None), ("50;70", 50),
                                       ("walk", 6), ("", None), (None, None), ("7,5", 7.5)])
def test_parse_maxspeed(text, kmh):
    assert parse_maxspeed(text) == (pytest.approx(kmh) if kmh is not None else None)


def test_speed_table():
    assert speed_for("motorway") == 110 and speed_for("motorway", "130") == pytest.approx(110.5)
    assert speed_for("residential") == 30 and speed_for("residential", "50") == pytest.approx(42.5)
    assert speed_for("living_street") == 10 and speed_for("service") == 20
    assert speed_for("primary") > speed_for("secondary") > speed_for("tertiary") > speed_for("residential")
    for carless in ("track", "path", "footway", "cycleway", "steps", "pedestrian", "construction", None):
        assert speed_for(carless, "50") == 0


def rule(**tags):
    return osm_rule({"highway": tags.pop("highway"), "other_tags": ",".join(f'"{k}"=>"{v}"' for k, v in tags.items())})


def test_osm_rules():
    assert parse_other_tags('"oneway"=>"yes","name:fr"=>"Rue \\"A\\""') == {"oneway": "yes", "name:fr": 'Rue "A"'}
    assert rule(highway="primary", oneway="yes") == build.Rule(65.0, True, False, True, True)
    assert rule(highway="primary", oneway="-1").forward is False and rule(highway="primary", oneway="-1").backward is True
    assert rule(highway="primary", oneway="true").backward is False and rule(highway="primary", oneway="1").backward is False
    assert rule(highway="secondary", oneway="reversible").car_kmh == 0
    assert rule(highway="tertiary", junction="roundabout").backward is False
    assert rule(highway="tertiary", junction="roundabout", oneway="no").backward is True
    motorway = rule(highway="motorway")
    assert (motorway.backward, motorway.walk, motorway.bike) == (False, False, False)
    trunk = rule(highway="trunk_link")
    assert not trunk.walk and trunk.bike
    assert rule(highway="residential", access="private") is None  # nobody: cars, pedestrians, bicycles
    assert rule(highway="residential", access="private", foot="yes") == build.Rule(0.0, False, False, True, False)
    assert rule(highway="service", access="no", foot="yes").walk
    assert rule(highway="residential", motor_vehicle="no").car_kmh == 0 and rule(highway="residential", motor_vehicle="no").walk
    assert not rule(highway="footway", foot="no").walk and rule(highway="footway", foot="no").bike
    assert not rule(highway="residential", bicycle="no").bike
    assert rule(highway="steps") == build.Rule(0.0, False, False, True, False)
    assert rule(highway="track") == build.Rule(0.0, False, False, True, True)
    assert rule(highway="residential", oneway="yes", **{"oneway:bicycle": "no"}).bike_contraflow
    assert rule(highway="residential", oneway="yes", cycleway="opposite_lane").bike_contraflow
    assert not rule(highway="residential", oneway="yes").bike_contraflow
    assert rule(highway="motorway", foot="no", bicycle="no", access="no") is None
    assert osm_rule({"highway": "bus_stop"}) is None and osm_rule({"highway": None}) is None


def test_contraflow_lane_lets_bicycles_ride_back():
    """A one-way street with ``oneway:bicycle=no``: cars one way, bicycles both ways (a parallel bicycle-only segment)."""
    lines = [([(0, 0), (100, 0)], {"highway": "residential", "other_tags": '"oneway"=>"yes","oneway:bicycle"=>"no"'}),
             ([(100, 0), (100, 100), (0, 100), (0, 0)], {"highway": "residential"})]
    network = from_lines(lines, "osm")
    assert network.meta["counts"]["contraflow_segments"] == 1 and network.segment_count == 5
    car_back = times_from(network, "voiture", [1], to=False)[0]
    bike_back = times_from(network, "velo", [1], to=False)[0]
    assert car_back == pytest.approx(300 * 3.6 / 30) and bike_back == pytest.approx(100 * 3.6 / BIKE_KMH)


def test_from_lines_joins_shared_vertices_and_takes_given_lengths():
    lines = [([(0, 0), (50, 0), (100, 0)], {"highway": "residential"}, [60.0, 60.0]),
             ([(50, -50), (50, 0), (50, 50)], {"highway": "residential"}, [55.0, 55.0]),
             ([(0, 0), (0, 0.001)], {"highway": "residential"}, [0.001])]  # a sub-centimetre segment: merged, dropped
    network = from_lines(lines, "osm")
    assert network.node_count == 5 and network.segment_count == 4  # crossing at (50, 0) joined
    assert network.meta["counts"]["self_loops_dropped"] == 1
    assert times_from(network, "voiture", [0], to=False)[network.snap([(50, 50)], "voiture")[0][0]] == pytest.approx(115 * 3.6 / 30)
    # BD TOPO joins at tronçon ends only: a tronçon ending on an inner vertex connects, two inner vertices do not
    road = {"nature": "Route à 1 chaussée", "vitesse_moyenne_vl": 36, "sens_de_circulation": "Double sens"}
    bdtopo = from_lines([([(0, 0, 5), (10, 0, 6), (20, 0, 7)], road), ([(10, 0), (10, 10)], road),   # T-junction, unsplit
                         ([(0, 50), (10, 50), (20, 50)], road), ([(10, 40), (10, 50), (10, 60)], road)], "bdtopo")  # bridge
    assert bdtopo.node_count == 4 + 6 and bdtopo.segment_count == 3 + 4
    start, end, bridge_start, bridge_end = bdtopo.snap([(0, 0), (10, 10), (0, 50), (10, 60)], "voiture")[0]
    assert times_from(bdtopo, "voiture", [start], to=False)[end] == pytest.approx(2.0)
    assert math.isinf(times_from(bdtopo, "voiture", [bridge_start], to=False)[bridge_end])
    with pytest.raises(NetworkBuildError, match="Aucune route"):
        from_lines([([(0, 0), (1, 1)], {"highway": "bus_stop"})], "osm")


# ---------------------------------------------------------------------------------------------- cache

def test_compile_cache_is_reused_then_invalidated(qgis_app, tmp_path):
    source = tmp_path / "reseau.osm.pbf"
    shutil.copyfile(MONACO, source)
    cache = tmp_path / "cache"
    started = time.perf_counter()
    built = load_or_build(source, cache, from_osm_pbf)
    build_s = time.perf_counter() - started
    files = list(cache.glob("*.npz"))
    assert len(files) == 1 and files[0].name.endswith(built.meta["fingerprint"][:16] + ".npz")
    started = time.perf_counter()
    again = load_or_build(source, cache, from_osm_pbf)
    load_s = time.perf_counter() - started
    assert load_s < build_s / 2, (load_s, build_s)
    assert again.meta["fingerprint"] == built.meta["fingerprint"] and again.meta["cache"] == str(files[0])
    for name in ("xy", "src", "dst", "length", "car_speed", "car_forward", "car_backward", "walk", "bike"):
        assert np.array_equal(getattr(again, name), getattr(built, name)), name
    assert again.source == built.source and again.meta["counts"] == built.meta["counts"]
    # touching the file (new modification time) invalidates the cache; the old compilation is removed
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    rebuilt = load_or_build(source, cache, from_osm_pbf)
    assert rebuilt.meta["fingerprint"] != built.meta["fingerprint"]
    assert [p.name for p in cache.glob("*.npz")] == [os.path.basename(rebuilt.meta["cache"])]
    # another content under the same name: another network
    shutil.copyfile(SAINT_BARTH, source)
    other = load_or_build(source, cache, from_osm_pbf)
    assert other.node_count != built.node_count and len(list(cache.glob("*.npz"))) == 1
    # a damaged cache file is rebuilt, not trusted
    damaged = other.meta["cache"]
    with open(damaged, "wb") as handle:
        handle.write(b"pas un npz")
    assert load_or_build(source, cache, from_osm_pbf).node_count == other.node_count


def test_cancel_and_unreadable_file(qgis_app, tmp_path):
    from qgis.core import QgsFeedback

    feedback = QgsFeedback()
    feedback.cancel()
    with pytest.raises(BuildCanceledError):
        from_osm_pbf(MONACO, feedback=feedback)
    broken = tmp_path / "casse.osm.pbf"
    broken.write_bytes(b"not a pbf")
    with pytest.raises(NetworkBuildError, match="illisible"):
        from_osm_pbf(broken)
    with pytest.raises(NetworkBuildError):
        load_or_build(tmp_path / "absent.osm.pbf", tmp_path, from_osm_pbf)
