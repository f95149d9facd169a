"""The embedded routing engine on graphs whose answers are known: lattices, hand-made one-ways, networkx.

No QGIS: ``.venv/bin/python -P -m pytest tests/unit/test_routing_engine.py -p no:qgis -q``.
"""

from __future__ import annotations

import json
import os
import time

import numpy as np
import pytest

from mednum.core.routing import engine
from mednum.core.routing.engine import nearest, times_from
from mednum.core.routing.network import BIKE_KMH, MODES, WALK_KMH, RoadNetwork, fingerprint

BACKENDS = [pytest.param("scipy", marks=pytest.mark.skipif(not engine.HAVE_SCIPY, reason="SciPy absent")), "python"]


def make(xy, segments, **extra) -> RoadNetwork:
    """A network from ``(src, dst, length, car_kmh, forward, backward, walk, bike)`` rows."""
    rows = list(segments)
    column = list(zip(*rows)) if rows else [()] * 8
    return RoadNetwork(
        xy=np.asarray(xy, np.float64).reshape(-1, 2), src=np.array(column[0], np.int32), dst=np.array(column[1], np.int32),
        length=np.array(column[2], np.float32), car_speed=np.array(column[3], np.float32),
        car_forward=np.array(column[4], bool), car_backward=np.array(column[5], bool),
        walk=np.array(column[6], bool), bike=np.array(column[7], bool), **extra)


def lattice(k: int, edge: float = 100.0, kmh: float = 36.0) -> RoadNetwork:
    """k × k grid of ``edge``-metre two-way streets (node = row * k + col); 36 km/h → 10 s per edge by car."""
    index = np.arange(k * k).reshape(k, k)
    pairs = np.r_[np.c_[index[:, :-1].ravel(), index[:, 1:].ravel()], np.c_[index[:-1, :].ravel(), index[1:, :].ravel()]]
    rows, cols = np.divmod(np.arange(k * k), k)
    m = pairs.shape[0]
    return RoadNetwork(xy=np.c_[cols * edge, rows * edge].astype(float), src=pairs[:, 0].astype(np.int32),
                       dst=pairs[:, 1].astype(np.int32), length=np.full(m, edge, np.float32),
                       car_speed=np.full(m, kmh, np.float32), car_forward=np.ones(m, bool), car_backward=np.ones(m, bool),
                       walk=np.ones(m, bool), bike=np.ones(m, bool))


def random_network(n: int, seed: int, extra_edges: float = 1.5) -> RoadNetwork:
    """A seeded random road network: a ring (connected) plus random chords, random speeds, one-ways, car-less paths,
    motorway-like segments (no walk, no bike), and some parallel segments."""
    rng = np.random.default_rng(seed)
    ring = np.c_[np.arange(n), (np.arange(n) + 1) % n]
    chords = rng.integers(0, n, size=(int(n * extra_edges), 2))
    parallel = ring[rng.choice(n, n // 20, replace=False)]
    pairs = np.r_[ring, chords, parallel]
    m = pairs.shape[0]
    speed = rng.choice([0.0, 20.0, 30.0, 50.0, 80.0, 110.0], size=m, p=[0.15, 0.15, 0.3, 0.2, 0.1, 0.1])
    oneway = rng.random(m) < 0.2
    reverse = rng.random(m) < 0.5
    motorway = speed == 110.0
    walk = ~motorway & (rng.random(m) < 0.95)
    return RoadNetwork(xy=rng.uniform(0, 10_000, size=(n, 2)).round(2), src=pairs[:, 0].astype(np.int32), dst=pairs[:, 1].astype(np.int32),
                       length=rng.uniform(20, 900, m).astype(np.float32), car_speed=speed.astype(np.float32),
                       car_forward=~(oneway & reverse), car_backward=~(oneway & ~reverse), walk=walk,
                       bike=~motorway & (rng.random(m) < 0.9))


# ---------------------------------------------------------------------------------------------- lattice

@pytest.mark.parametrize("backend", BACKENDS)
def test_lattice_times_are_manhattan_over_speed(backend):
    net = lattice(30)
    rows, cols = np.divmod(np.arange(900), 30)
    manhattan = rows + cols
    for mode, per_edge in (("voiture", 10.0), ("pied", 100 * 3.6 / WALK_KMH), ("velo", 100 * 3.6 / BIKE_KMH)):
        for to in (True, False):
            times = times_from(net, mode, [0], to=to, backend=backend)
            assert np.array_equal(times, manhattan * per_edge), (mode, to)


def test_backends_agree_exactly_on_the_lattice():
    if not engine.HAVE_SCIPY:
        pytest.skip("SciPy absent")
    net = lattice(40)
    corner = times_from(net, "voiture", [0, 1599, 820], backend="scipy")
    assert np.array_equal(corner, times_from(net, "voiture", [0, 1599, 820], backend="python"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_lieux_in_opposite_corners_share_within_30_steps(backend):
    """Closed form (routing reference §3.3): two triangles of Σ(t+1) cells, t = 0…30 → 2 × 496 = 992 of 2 500 nodes."""
    k = 50
    net = lattice(k)
    times, which = nearest(net, "voiture", [0, k * k - 1], backend=backend)
    rows, cols = np.divmod(np.arange(k * k), k)
    expected = np.minimum(rows + cols, 2 * (k - 1) - rows - cols) * 10.0
    assert np.array_equal(times, expected)
    assert (times <= 300).sum() == 992 == 2 * sum(t + 1 for t in range(31))
    assert (times <= 300).mean() == pytest.approx(992 / 2500)
    closer_to_first = rows + cols < k - 1
    closer_to_last = rows + cols > k - 1
    assert (which[closer_to_first] == 0).all() and (which[closer_to_last] == 1).all()
    tie = rows + cols == k - 1
    assert set(np.unique(which[tie])) <= {0, 1}


@pytest.mark.parametrize("backend", BACKENDS)
def test_limit_leaves_farther_nodes_unreached(backend):
    net = lattice(20)
    rows, cols = np.divmod(np.arange(400), 20)
    times, which = nearest(net, "voiture", [0], limit_s=150, backend=backend)
    inside = (rows + cols) * 10.0 <= 150
    assert np.isfinite(times).sum() == inside.sum() == sum(s + 1 for s in range(16))
    assert np.array_equal(times[inside], (rows + cols)[inside] * 10.0)  # a node at exactly the limit is kept
    assert np.isinf(times[~inside]).all() and (which[~inside] == -1).all() and (which[inside] == 0).all()
    assert np.isinf(times_from(net, "voiture", [0], limit_s=9.99, backend=backend)[1])
    assert times_from(net, "voiture", [0], limit_s=0, backend=backend)[0] == 0.0


# ---------------------------------------------------------------------------------------------- one-ways

def one_way_triangle(with_path: bool = False) -> RoadNetwork:
    """A →(one-way, 100 m) B —(100 m) C —(500 m) A, all at 36 km/h: A→B takes 10 s, B→A must go round (10 + 50 s).

    With ``with_path``: a car-less 200 m path B—A (bicycles both ways, even though cars are one-way there)."""
    segments = [(0, 1, 100, 36, True, False, True, True),
                (1, 2, 100, 36, True, True, True, True),
                (2, 0, 500, 36, True, True, True, True)]
    if with_path:
        segments.append((1, 0, 200, 0, False, False, True, True))
    return make([[0, 0], [100, 0], [100, 100]], segments)


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_way_street_and_the_meaning_of_to(backend):
    net = one_way_triangle()
    a, b, c = 0, 1, 2
    from_a = times_from(net, "voiture", [a], to=False, backend=backend)
    from_b = times_from(net, "voiture", [b], to=False, backend=backend)
    assert (from_a[b], from_b[a]) == (10.0, 60.0)                      # A→B ≠ B→A
    to_a = times_from(net, "voiture", [a], to=True, backend=backend)  # time for a person at v to REACH A
    assert list(to_a) == [0.0, 60.0, 50.0]
    assert list(from_a) == [0.0, 10.0, 20.0]                           # time FROM A to v
    to_b = times_from(net, "voiture", [b], to=True, backend=backend)
    assert list(to_b) == [10.0, 0.0, 10.0]
    # to=True from a lieu == to=False from every node, read at the lieu
    for v in (a, b, c):
        assert to_a[v] == times_from(net, "voiture", [v], to=False, backend=backend)[a]
    # bicycles follow the car one-way (24 s per 100 m, 120 s for 500 m); pedestrians do not
    assert times_from(net, "velo", [b], to=False, backend=backend)[a] == 24.0 + 120.0
    assert times_from(net, "pied", [b], to=False, backend=backend)[a] == 80.0  # walking the one-way backwards


@pytest.mark.parametrize("backend", BACKENDS)
def test_car_less_segments_are_ridden_both_ways(backend):
    net = one_way_triangle(with_path=True)
    assert times_from(net, "velo", [1], to=False, backend=backend)[0] == 200 * 3.6 / BIKE_KMH  # 48 s on the path
    assert times_from(net, "voiture", [1], to=False, backend=backend)[0] == 60.0               # cars still go round


def test_matrix_directions_are_transposes():
    net = one_way_triangle()
    direct = net.matrix("voiture", to=False).toarray()
    reverse = net.matrix("voiture", to=True).toarray()
    assert direct[0, 1] == 10.0 and direct[1, 0] == 0.0  # arc A→B only
    assert np.array_equal(reverse, direct.T)
    assert net.matrix("voiture") is net.matrix("voiture", to=True)  # cached


@pytest.mark.parametrize("fast_first", [True, False])
def test_parallel_arcs_keep_the_fastest(fast_first):
    slow = (0, 1, 100, 36, True, True, True, True)     # 10 s
    fast = (1, 0, 100, 90, True, True, True, True)     # 4 s, drawn the other way round
    loop = (1, 1, 50, 50, True, True, True, True)      # self-loop: dropped
    net = make([[0, 0], [100, 0]], [fast, slow, loop] if fast_first else [slow, fast, loop])
    matrix = net.matrix("voiture", to=False)
    assert matrix.nnz == 2 and matrix[0, 1] == pytest.approx(4.0) and matrix[1, 0] == pytest.approx(4.0)
    assert matrix.diagonal().sum() == 0
    for backend in ("scipy", "python") if engine.HAVE_SCIPY else ("python",):
        assert times_from(net, "voiture", [0], backend=backend)[1] == pytest.approx(4.0)
    # what a naive csr_matrix((w, (i, j))) would have done: 14 s (the pitfall the de-duplication avoids)
    from scipy.sparse import csr_matrix

    tail, head, seconds = net.arcs("voiture")
    naive = csr_matrix((seconds, (tail, head)), shape=(2, 2))
    assert naive[0, 1] == pytest.approx(14.0)


# ---------------------------------------------------------------------------------------------- sources

@pytest.mark.parametrize("backend", BACKENDS)
def test_duplicate_and_unsnapped_sources(backend):
    net = lattice(10)
    times, which = nearest(net, "pied", [55, -1, 55, 9], backend=backend)
    reference = times_from(net, "pied", [55, 9], backend=backend)
    assert np.array_equal(times, reference)
    assert which[55] == 0 and which[9] == 3          # first occurrence wins; -1 ignored
    assert set(np.unique(which)) == {0, 3}           # index 2 (the duplicate) is never returned
    assert np.isinf(times_from(net, "pied", [-1], backend=backend)).all()
    empty_times, empty_which = nearest(net, "pied", [], backend=backend)
    assert np.isinf(empty_times).all() and (empty_which == -1).all()
    with pytest.raises(IndexError):
        times_from(net, "pied", [100], backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_nearest_index_points_at_a_source_achieving_the_time(backend):
    net = random_network(600, seed=3)
    sources = [5, 120, 300, 451]
    times, which = nearest(net, "voiture", sources, to=True, backend=backend)
    singles = np.vstack([times_from(net, "voiture", [s], to=True, backend=backend) for s in sources])
    assert np.array_equal(np.isinf(times), np.isinf(singles.min(axis=0)))
    assert np.allclose(times, singles.min(axis=0), rtol=1e-12, atol=0)
    reached = np.isfinite(times)
    assert np.allclose(singles[which[reached], np.flatnonzero(reached)], times[reached], rtol=1e-12)
    assert (which[~reached] == -1).all()


@pytest.mark.parametrize("seed", range(5))
def test_adding_a_lieu_never_increases_a_time(seed):
    net = random_network(400, seed=seed)
    rng = np.random.default_rng(100 + seed)
    lieux = list(rng.choice(400, 4, replace=False))
    extra = int(rng.integers(0, 400))
    for backend in ("scipy", "python") if engine.HAVE_SCIPY else ("python",):
        for mode in MODES:
            before = times_from(net, mode, lieux, backend=backend)
            after = times_from(net, mode, lieux + [extra], backend=backend)
            assert (after <= before).all(), (backend, mode)
            assert after[extra] == 0.0
            assert (after < before).any() or before[extra] == 0.0


# ---------------------------------------------------------------------------------------------- networkx

def networkx_graph(net: RoadNetwork, mode: str):
    """The mode's directed graph written from the documented rules, independently of ``RoadNetwork.arcs``."""
    nx = pytest.importorskip("networkx")
    graph = nx.DiGraph()
    graph.add_nodes_from(range(net.node_count))
    for i in range(net.segment_count):
        u, v, length, speed = int(net.src[i]), int(net.dst[i]), float(net.length[i]), float(net.car_speed[i])
        fwd, bwd = bool(net.car_forward[i]), bool(net.car_backward[i])
        if mode == "voiture":
            if speed <= 0:
                continue
            kmh, directions = speed, [(u, v)] * fwd + [(v, u)] * bwd
        elif mode == "pied":
            kmh, directions = WALK_KMH, [(u, v), (v, u)] * bool(net.walk[i])
        else:
            carless = speed <= 0 or not (fwd or bwd)
            kmh = BIKE_KMH
            directions = ([(u, v)] * (fwd or carless) + [(v, u)] * (bwd or carless)) if net.bike[i] else []
        seconds = length * 3.6 / kmh
        for a, b in directions:
            if a != b and (not graph.has_edge(a, b) or graph[a][b]["weight"] > seconds):
                graph.add_edge(a, b, weight=seconds)
    return graph


@pytest.mark.parametrize("mode", MODES)
def test_networkx_agrees_on_a_random_2000_node_graph(mode):
    nx = pytest.importorskip("networkx")
    net = random_network(2000, seed=42)
    graph = networkx_graph(net, mode)
    sources = [0, 777, 1500]
    for to in (True, False):
        reference = np.full(net.node_count, np.inf)
        found = nx.multi_source_dijkstra_path_length(graph.reverse(copy=False) if to else graph, sources, weight="weight")
        reference[list(found)] = list(found.values())
        bounded = np.full(net.node_count, np.inf)
        found = nx.multi_source_dijkstra_path_length(graph.reverse(copy=False) if to else graph, sources, cutoff=900.0, weight="weight")
        bounded[list(found)] = list(found.values())
        for backend in ("scipy", "python") if engine.HAVE_SCIPY else ("python",):
            times = times_from(net, mode, sources, to=to, backend=backend)
            assert np.array_equal(np.isinf(times), np.isinf(reference)), (backend, to)
            assert np.allclose(times[np.isfinite(times)], reference[np.isfinite(reference)], rtol=1e-9, atol=1e-9)
            limited = times_from(net, mode, sources, limit_s=900.0, to=to, backend=backend)
            assert np.array_equal(np.isinf(limited), np.isinf(bounded)) and np.allclose(
                limited[np.isfinite(limited)], bounded[np.isfinite(bounded)], rtol=1e-9)
        assert 100 < np.isfinite(reference).sum() <= net.node_count  # the check compares real searches


# ---------------------------------------------------------------------------------------------- snapping, files

def test_snap_uses_only_the_nodes_of_the_mode():
    # 0 —road— 1 —motorway— 2 : node 2 is reachable by car only
    net = make([[0, 0], [100, 0], [200, 0]], [(0, 1, 100, 50, True, True, True, True), (1, 2, 100, 110, True, True, False, False)])
    nodes, distance = net.snap([[210, 0], [90, 5], [5000, 0]], "voiture")
    assert list(nodes) == [2, 1, 2] and distance[0] == pytest.approx(10.0)
    nodes, distance = net.snap([[210, 0]], "pied")
    assert list(nodes) == [1] and distance[0] == pytest.approx(110.0)
    nodes, distance = net.snap([[210, 0], [90, 5]], "pied", max_distance_m=50)
    assert list(nodes) == [-1, 1] and distance[0] == pytest.approx(110.0)
    nodes, distance = net.snap(np.empty((0, 2)), "velo")
    assert nodes.shape == (0,) and distance.shape == (0,)
    with pytest.raises(ValueError, match="inconnu"):
        net.snap([[0, 0]], "trottinette")


def test_save_load_round_trip(tmp_path):
    net = random_network(2000, seed=7)
    net.source, net.meta = "essai", {"counts": {"nodes": 2000}, "licence": "ODbL"}
    path = tmp_path / "reseau.npz"
    net.save(path)
    back = RoadNetwork.load(path)
    assert np.array_equal(back.xy, net.xy)  # coordinates on the centimetre grid are kept exactly
    for name in ("src", "dst", "length", "car_speed", "car_forward", "car_backward", "walk", "bike"):
        assert np.array_equal(getattr(back, name), getattr(net, name)), name
        assert getattr(back, name).dtype == getattr(net, name).dtype, name
    assert (back.source, back.synthetic, back.meta) == ("essai", False, net.meta)
    for mode in MODES:
        for to in (True, False):
            a, b = net.matrix(mode, to), back.matrix(mode, to)
            assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data)
    plain = tmp_path / "plain.npz"
    np.savez_compressed(plain, xy=net.xy, src=net.src, dst=net.dst, length=net.length, car_speed=net.car_speed,
                        car_forward=net.car_forward, car_backward=net.car_backward, walk=net.walk, bike=net.bike)
    assert path.stat().st_size < plain.stat().st_size  # centimetre deltas and packed bits beat the plain arrays
    assert not list(tmp_path.glob("*.part"))


def test_save_rounds_coordinates_to_the_centimetre(tmp_path):
    net = lattice(3)
    net.xy = net.xy + np.array([712345.678912, 7012345.001234])
    net.save(tmp_path / "a.npz")
    back = RoadNetwork.load(tmp_path / "a.npz")
    assert np.abs(back.xy - net.xy).max() <= 0.005 + 1e-9
    back.save(tmp_path / "b.npz")
    assert np.array_equal(RoadNetwork.load(tmp_path / "b.npz").xy, back.xy)  # stable once rounded


def test_load_reads_the_plain_array_layout(tmp_path):
    net = lattice(4)
    meta = {"source": "synthétique", "synthetic": True, "seed": 3}
    with open(tmp_path / "plain.npz", "wb") as handle:
        np.savez_compressed(handle, xy=net.xy, src=net.src, dst=net.dst, length=net.length, car_speed=net.car_speed,
                            car_forward=net.car_forward, car_backward=net.car_backward, walk=net.walk, bike=net.bike,
                            meta=np.array(json.dumps(meta)))
    back = RoadNetwork.load(tmp_path / "plain.npz")
    assert back.synthetic and back.source == "synthétique" and back.meta == {"seed": 3}
    assert np.array_equal(times_from(back, "voiture", [0]), times_from(net, "voiture", [0]))


def test_fingerprint_follows_the_file_and_the_parameters(tmp_path):
    path = tmp_path / "reseau.osm.pbf"
    path.write_bytes(b"x" * 10)
    first = fingerprint(path, builder="osm")
    assert fingerprint(path, builder="osm") == first
    assert fingerprint(path, builder="bdtopo") != first
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert fingerprint(path, builder="osm") != first
    path.write_bytes(b"x" * 11)
    assert fingerprint(path, builder="osm") not in (first,)


def test_unknown_mode_is_refused_in_french():
    with pytest.raises(ValueError, match="Mode de déplacement"):
        times_from(lattice(2), "avion", [0])


@pytest.mark.skipif(not engine.HAVE_SCIPY, reason="SciPy absent")
def test_one_multi_source_search_is_fast_on_a_large_lattice():
    net = lattice(300)  # 90 000 nodes, 179 400 segments
    net.matrix("voiture")
    started = time.perf_counter()
    times, which = nearest(net, "voiture", list(range(0, 90_000, 997)))
    elapsed = time.perf_counter() - started
    assert np.isfinite(times).all() and (which >= 0).all()
    assert elapsed < 2.0, elapsed
