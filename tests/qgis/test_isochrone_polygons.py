"""core/routing/polygons.py: isochrone polygons from node times, checked against analytic shapes (pytest-qgis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import QgsGeometry, QgsPoint, QgsPointXY

from mednum.core.routing.polygons import MIN_HOLE_M2, band_rings, isochrone_polygons, time_grid

CENTRE = (652_025.0, 6_862_075.0)   # Lambert-93, not on the 100/200 m grid lines
WALK = 1.25
MAX_WALK = 500.0


@pytest.fixture(autouse=True)
def _qgis(qgis_app):
    yield


def lattice(half_m: float, step_m: float = 50.0, centre: tuple[float, float] = CENTRE) -> np.ndarray:
    """Nodes every ``step_m`` over a square of half-side ``half_m`` around ``centre``."""
    k = np.arange(-half_m, half_m + step_m / 2, step_m)
    gx, gy = np.meshgrid(k, k)
    return np.column_stack([gx.ravel() + centre[0], gy.ravel() + centre[1]])


def random_field(seed: int, n: int = 20_000, lakes: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Random nodes and a Lipschitz time field: min over 3 sources of (delay + distance / speed), speeds 5–20 m/s.

    Irregular lakes (no nodes) make holes whose shores several bands share: simplifying each band on its own
    would then break the nesting (measured: 42 of 120 band pairs over 20 seeds).
    """
    rng = np.random.default_rng(seed)
    xy = rng.uniform(-15_000, 15_000, (n, 2)) + CENTRE
    sources = rng.uniform(-8_000, 8_000, (3, 2)) + CENTRE
    speeds = rng.uniform(5.0, 20.0, 3)
    delays = rng.uniform(0.0, 300.0, 3)
    for k in range(lakes):
        centre = rng.uniform(-10_000, 10_000, 2) + CENTRE
        dx, dy = (xy - centre).T
        xy = xy[np.hypot(dx, dy) >= 1_500.0 + 600.0 * np.sin(3 * np.arctan2(dy, dx) + k)]
    times = np.min([d + np.hypot(*(xy - s).T) / v for s, v, d in zip(sources, speeds, delays)], axis=0)
    return xy, times


def vertex_count(geometry: QgsGeometry) -> int:
    return geometry.constGet().nCoordinates()


def hole_count(geometry: QgsGeometry) -> int:
    return sum(part.numInteriorRings() for part in geometry.constParts())


def is_multipolygon(geometry: QgsGeometry) -> bool:
    return geometry.constGet().geometryType().upper() == "MULTIPOLYGON"


@pytest.mark.parametrize("cell", [100.0, 200.0])
def test_euclidean_times_give_a_disc(cell):
    xy = lattice(10_000)
    v = 10.0
    times = np.hypot(*(xy - CENTRE).T) / v
    result = isochrone_polygons(xy, times, [800.0, 400.0], cell_m=cell)
    assert [t for t, _ in result] == [400.0, 800.0]
    for threshold, polygon in result:
        r = v * threshold   # driving is faster than walking: walking adds nothing beyond r, cells add < one cell
        area = polygon.area()
        assert math.pi * (r - cell) ** 2 < area < math.pi * (r + cell * math.sqrt(2)) ** 2
        assert area == pytest.approx(math.pi * r * r, rel=0.05)
        centroid = polygon.centroid().asPoint()
        assert math.hypot(centroid.x() - CENTRE[0], centroid.y() - CENTRE[1]) < cell
        assert polygon.isGeosValid() and is_multipolygon(polygon) and hole_count(polygon) == 0
        assert vertex_count(polygon) < 8 * math.pi * r / cell   # a smoothed staircase, not every cell corner


@pytest.mark.parametrize("cell", [100.0, 200.0])
def test_manhattan_times_give_a_diamond(cell):
    xy = lattice(10_000)
    v = 10.0
    times = np.abs(xy - CENTRE).sum(axis=1) / v
    (_, polygon), = isochrone_polygons(xy, times, [600.0], cell_m=cell)
    r = v * 600.0
    # a cell counts when any of its nodes is reached: the outline grows by about one cell in L1 along the diagonals
    assert 2 * (r - cell) ** 2 < polygon.area() < 2 * (r + 2 * cell) ** 2
    assert polygon.area() == pytest.approx(2 * r * r, rel=0.08)
    assert polygon.contains(QgsPointXY(CENTRE[0] + 0.9 * r, CENTRE[1]))
    assert polygon.contains(QgsPointXY(CENTRE[0], CENTRE[1] - 0.9 * r))
    assert not polygon.contains(QgsPointXY(CENTRE[0] + 0.6 * r, CENTRE[1] + 0.6 * r))   # a disc would contain it


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("cell", [100.0, 200.0])
def test_polygons_nest_and_cover_the_reached_nodes(seed, cell):
    xy, times = random_field(seed)
    thresholds = [300.0, 600.0, 900.0, 1800.0]
    result = isochrone_polygons(xy, times, thresholds, cell_m=cell, walk_speed_mps=WALK, max_walk_m=MAX_WALK)
    areas = [polygon.area() for _, polygon in result]
    assert areas == sorted(areas) and areas[0] > 0
    for (_, inner), (_, outer) in zip(result, result[1:]):
        assert inner.within(outer.buffer(1e-6, 4))
    diagonal = cell * math.sqrt(2)
    for threshold, polygon in result:
        assert polygon.isGeosValid() and is_multipolygon(polygon)
        engine = QgsGeometry.createGeometryEngine(polygon.constGet())
        engine.prepareGeometry()
        for x, y in xy[times <= threshold]:
            point = QgsPoint(float(x), float(y))
            if not engine.intersects(point):
                assert polygon.distance(QgsGeometry(point.clone())) <= diagonal
        for x, y in xy[times > threshold + MAX_WALK / WALK]:
            assert not engine.intersects(QgsPoint(float(x), float(y)))


def test_an_unreached_lake_is_a_hole():
    xy = lattice(6_000)
    d = np.hypot(*(xy - CENTRE).T)
    times = np.where(d > 2_000.0, d / 10.0, np.inf)
    (_, polygon), = isochrone_polygons(xy, times, [1_000.0], cell_m=100.0)
    assert polygon.isGeosValid() and hole_count(polygon) == 1
    assert not polygon.contains(QgsPointXY(*CENTRE))
    hole = QgsGeometry.fromPolygonXY([polygon.asMultiPolygon()[0][1]])
    radius = 2_000.0 - MAX_WALK   # one walks 500 m into the lake from its shore
    assert math.pi * (radius - 150) ** 2 < hole.area() < math.pi * (radius + 150) ** 2
    # the lattice's square, plus at most the walk around it, minus the hole
    assert 12_000.0 ** 2 - hole.area() < polygon.area() < (12_000.0 + 2 * MAX_WALK) ** 2 - hole.area()


def test_small_pockets_are_filled_unless_asked():
    xy = lattice(4_000)
    d = np.hypot(*(xy - CENTRE).T)
    times = np.where(d > 700.0, d / 10.0, np.inf)   # a pond: 200 m beyond the walk, about 13 ha
    (_, filled), = isochrone_polygons(xy, times, [600.0], cell_m=50.0)
    (_, kept), = isochrone_polygons(xy, times, [600.0], cell_m=50.0, min_hole_m2=0)
    assert hole_count(filled) == 0 and hole_count(kept) == 1
    assert 0 < filled.area() - kept.area() < MIN_HOLE_M2


def test_nothing_reachable_gives_empty_geometries():
    xy = lattice(1_000)
    times = np.full(len(xy), np.inf)
    result = isochrone_polygons(xy, times, [300.0, 600.0])
    assert [t for t, _ in result] == [300.0, 600.0]
    assert all(polygon.isEmpty() and not polygon.isNull() for _, polygon in result)
    times[:] = 700.0
    times[::7] = np.nan
    result = isochrone_polygons(xy, times, [300.0, 600.0, 900.0])
    assert [polygon.isEmpty() for _, polygon in result] == [True, True, False]
    assert isochrone_polygons(xy, times, []) == []
    assert all(polygon.isEmpty() for _, _, polygon in band_rings(isochrone_polygons(xy, times * np.inf, [60.0])))


@pytest.mark.parametrize("cell", [100.0, 200.0])
def test_a_single_reached_node_gives_its_walking_disc(cell):
    xy = lattice(3_000)
    times = np.full(len(xy), np.inf)
    node = len(xy) // 3
    times[node] = 120.0
    result = dict(isochrone_polygons(xy, times, [120.0, 120.0 + MAX_WALK / WALK / 2, 3_600.0], cell_m=cell))
    point = QgsPointXY(*xy[node])
    assert result[120.0].area() == pytest.approx(cell * cell) and result[120.0].contains(point)   # its own cell
    walk_disc = math.pi * MAX_WALK ** 2
    assert result[3_600.0].area() == pytest.approx(walk_disc, rel=0.25)
    assert result[3_600.0].contains(point)
    assert result[120.0].area() < result[120.0 + MAX_WALK / WALK / 2].area() < result[3_600.0].area()
    assert result[3_600.0].hausdorffDistance(QgsGeometry.fromPointXY(point).buffer(MAX_WALK, 16)) < 1.5 * cell


def test_band_rings_tile_the_outer_polygon():
    xy, times = random_field(7)
    nested = isochrone_polygons(xy, times, [300.0, 600.0, 1_200.0])
    rings = band_rings(nested)
    assert [(lo, hi) for lo, hi, _ in rings] == [(0.0, 300.0), (300.0, 600.0), (600.0, 1_200.0)]
    assert sum(ring.area() for _, _, ring in rings) == pytest.approx(nested[-1][1].area(), rel=1e-9)
    for i, (_, _, a) in enumerate(rings):
        assert a.isGeosValid()
        for _, _, b in rings[i + 1:]:
            assert a.intersection(b).area() < 1e-3


def test_coordinates_are_lambert93_metres_on_the_grid():
    xy, times = random_field(11, n=5_000)
    (_, polygon), = isochrone_polygons(xy, times, [900.0], cell_m=200.0, simplify_m=0)
    box = polygon.boundingBox()
    reached = xy[times <= 900.0]
    margin = MAX_WALK + 200.0
    assert reached[:, 0].min() - margin <= box.xMinimum() <= reached[:, 0].min()
    assert reached[:, 1].max() <= box.yMaximum() <= reached[:, 1].max() + margin
    for vertex in polygon.vertices():   # unsimplified: every vertex is a cell corner
        assert vertex.x() % 200.0 == 0 and vertex.y() % 200.0 == 0


def test_a_huge_extent_coarsens_the_grid():
    xy = np.array([[100_000.0, 6_100_000.0], [1_200_000.0, 7_100_000.0]])
    grid = time_grid(xy, np.array([0.0, 10.0]), 60.0, cell_m=25.0, max_cells=1_000_000)
    assert grid.times.size <= 1_000_000 and grid.cell_m % 25.0 == 0 and grid.cell_m > 25.0
    assert time_grid(xy, np.array([np.inf, np.nan]), 60.0) is None
    with pytest.raises(ValueError):
        time_grid(xy, np.zeros(3), 60.0)
