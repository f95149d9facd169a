"""Seeded SYNTHETIC road network (core/routing/synthetic.py): shape, determinism, overlays and the demo artifact.

Runs without QGIS: ``python -P -m pytest tests/unit/test_synthetic_network.py -p no:qgis -q``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from mednum.core.routing.network import RoadNetwork
from mednum.core.routing.synthetic import (
    N_AUTOROUTE_COMMUNES,
    WARNING_FR,
    communes_from_gpkg,
    synthetic_network,
)

REPO = Path(__file__).resolve().parents[2]
DEMO_GPKG = REPO / "resources" / "demo" / "demo.gpkg"
ARTIFACT = REPO / "resources" / "demo" / "routes-synthetiques.npz"
N_POINTS = 15_000
ARRAYS = ("xy", "src", "dst", "length", "car_speed", "car_forward", "car_backward", "walk", "bike")


def _communes(count: int = 120) -> list[tuple[str, float, float, int]]:
    """A small made-up département: communes on a jittered 6 km grid, log-normal populations, two towns."""
    rng = np.random.default_rng(7)
    side = int(np.ceil(np.sqrt(count)))
    out = []
    for k in range(count):
        x = 650_000.0 + 6_000.0 * (k % side) + rng.uniform(-1500, 1500)
        y = 6_950_000.0 + 6_000.0 * (k // side) + rng.uniform(-1500, 1500)
        pop = int(rng.lognormal(6.5, 1.2))
        out.append((f"99{k:03d}", x, y, pop))
    out[17] = (out[17][0], out[17][1], out[17][2], 180_000)
    out[64] = (out[64][0], out[64][1], out[64][2], 45_000)
    return out


COMMUNES = _communes()


@pytest.fixture(scope="module")
def net() -> RoadNetwork:
    return synthetic_network(COMMUNES, N_POINTS, seed=2026)


def _components(net: RoadNetwork) -> int:
    n = net.node_count
    graph = coo_matrix((np.ones(net.segment_count), (net.src, net.dst)), shape=(n, n))
    return connected_components(graph, directed=False)[0]


def test_fields_and_dtypes(net):
    n, m = net.node_count, net.segment_count
    assert net.xy.shape == (n, 2) and net.xy.dtype == np.float64
    assert n >= N_POINTS - 10  # only exact duplicates (rounded to the metre) are dropped
    for name, dtype in (("src", np.int32), ("dst", np.int32), ("length", np.float32), ("car_speed", np.float32)):
        arr = getattr(net, name)
        assert arr.shape == (m,) and arr.dtype == dtype, name
    for name in ("car_forward", "car_backward", "walk", "bike"):
        arr = getattr(net, name)
        assert arr.shape == (m,) and arr.dtype == bool, name
    assert net.car_forward.all() and net.car_backward.all()
    assert net.synthetic is True
    assert "synthétique" in net.source.lower()
    assert net.src.min() >= 0 and max(net.src.max(), net.dst.max()) < n


def test_deterministic_for_a_seed(net):
    again = synthetic_network(COMMUNES, N_POINTS, seed=2026)
    for name in ARRAYS:
        assert getattr(again, name).tobytes() == getattr(net, name).tobytes(), name
    assert json.dumps(again.meta, sort_keys=True) == json.dumps(net.meta, sort_keys=True)
    other = synthetic_network(COMMUNES, N_POINTS, seed=2027)
    assert other.xy.shape != net.xy.shape or not np.array_equal(other.xy, net.xy)
    assert other.segment_count != net.segment_count or not np.array_equal(other.dst, net.dst)
    assert other.meta["seed"] == 2027


def test_connected(net):
    assert _components(net) == 1


def test_mean_degree_and_degree_distribution(net):
    mean = 2.0 * net.segment_count / net.node_count
    assert 2.5 <= mean <= 3.0
    deg = np.bincount(net.src, minlength=net.node_count) + np.bincount(net.dst, minlength=net.node_count)
    assert deg.min() >= 1
    assert 0.02 < (deg == 1).mean() < 0.2  # some dead ends, not a tree
    assert (deg >= 3).mean() > 0.35


def test_no_self_loops_no_duplicate_segments(net):
    assert (net.src != net.dst).all()
    lo = np.minimum(net.src, net.dst).astype(np.int64)
    hi = np.maximum(net.src, net.dst).astype(np.int64)
    keys = lo * net.node_count + hi
    assert np.unique(keys).size == keys.size
    # nor two nodes at the same place
    assert np.unique(net.xy, axis=0).shape[0] == net.node_count


def test_lengths_at_least_euclidean(net):
    euclid = np.hypot(*(net.xy[net.src] - net.xy[net.dst]).T)
    assert (euclid > 0).all()
    assert (net.length.astype(np.float64) >= euclid).all()
    np.testing.assert_allclose(net.length, 1.2 * euclid, rtol=1e-6)
    assert 30 < np.median(net.length) < 2_000


def test_speeds_in_allowed_set(net):
    s = net.car_speed
    allowed = np.isin(s, [30.0, 50.0, 80.0, 115.0]) | ((s >= 65.0) & (s <= 80.0))
    assert allowed.all()
    for speed in (30.0, 50.0, 80.0, 115.0):
        assert (s == speed).any(), speed
    assert ((s >= 65.0) & (s < 80.0)).any()
    counts = net.meta["counts"]
    assert sum(counts[k] for k in ("dense", "moyen", "rural", "departementale", "autoroute")) == net.segment_count
    assert counts["autoroute"] == int((s == 115.0).sum())


def test_commune_seeds_are_nodes_at_their_coordinates(net):
    c = len(COMMUNES)
    expected = np.array([(x, y) for _, x, y, _ in COMMUNES])
    assert net.xy[:c].tobytes() == expected.tobytes()
    assert net.meta["communes"] == [code for code, *_ in COMMUNES]
    deg = np.bincount(net.src, minlength=net.node_count) + np.bincount(net.dst, minlength=net.node_count)
    assert (deg[:c] >= 1).all()
    # the other nodes are rounded to the metre
    assert (net.xy[c:] == np.round(net.xy[c:])).all()


def test_motorways_between_large_communes_only_and_not_walkable(net):
    pops = np.array([p for *_, p in COMMUNES])
    largest = set(np.argsort(-pops, kind="stable")[:N_AUTOROUTE_COMMUNES].tolist())
    mway = net.car_speed == 115.0
    assert mway.any()
    ends = set(net.src[mway].tolist()) | set(net.dst[mway].tolist())
    assert ends <= largest
    assert 17 in ends and 64 in ends  # the two towns
    assert not net.walk[mway].any() and not net.bike[mway].any()
    assert net.walk[~mway].all() and net.bike[~mway].all()
    assert net.meta["autoroute_communes"] == sorted(COMMUNES[i][0] for i in largest)
    # départementales join communes to communes
    dep = (net.car_speed == 80.0) & (net.src < len(COMMUNES)) & (net.dst < len(COMMUNES))
    assert dep.sum() >= len(COMMUNES) - 1


def test_meta_says_synthetic(net):
    meta = net.meta
    assert meta["synthetic"] is True
    assert meta["avertissement"] == WARNING_FR
    assert "SYNTHÉTIQUE" in WARNING_FR and "ne représente pas les vraies routes" in WARNING_FR
    assert meta["seed"] == 2026 and meta["n_points"] == N_POINTS
    assert meta["counts"]["nodes"] == net.node_count and meta["counts"]["segments"] == net.segment_count
    json.dumps(meta)  # plain JSON


def test_bad_input():
    with pytest.raises(ValueError):
        synthetic_network(COMMUNES, len(COMMUNES) - 1)
    with pytest.raises(ValueError):
        synthetic_network(COMMUNES[:5] + [("99999", COMMUNES[0][1], COMMUNES[0][2], 10)], 500)


def test_real_communes_from_gpkg():
    pytest.importorskip("osgeo.ogr")
    if not DEMO_GPKG.exists():
        pytest.skip("no demo GeoPackage")
    communes = communes_from_gpkg(DEMO_GPKG)
    assert len(communes) == 3782
    assert len({c[0] for c in communes}) == 3782
    by_code = {c[0]: c for c in communes}
    assert by_code["59350"][3] > 200_000  # Lille
    xy = np.array([(c[1], c[2]) for c in communes])
    assert (xy[:, 0] > 580_000).all() and (xy[:, 0] < 800_000).all()
    assert (xy[:, 1] > 6_850_000).all() and (xy[:, 1] < 7_120_000).all()
    net = synthetic_network(communes, 20_000, seed=1)
    assert _components(net) == 1
    assert net.xy[: len(communes)].tobytes() == xy.tobytes()
    assert "59350" in net.meta["autoroute_communes"]


def test_save_load_round_trip(net, tmp_path):
    path = tmp_path / "synth.npz"
    net.save(path)
    back = RoadNetwork.load(path)
    assert back.synthetic is True and back.source == net.source
    assert back.meta["avertissement"] == WARNING_FR and back.meta["communes"] == net.meta["communes"]
    for name in ARRAYS[1:]:
        assert getattr(back, name).tobytes() == getattr(net, name).tobytes(), name
    np.testing.assert_allclose(back.xy, net.xy, rtol=0, atol=0.006)  # the file keeps coordinates to the centimetre


def test_shipped_artifact_loads_and_is_synthetic():
    assert ARTIFACT.exists()
    assert ARTIFACT.stat().st_size <= 4 * 1024 * 1024
    net = RoadNetwork.load(ARTIFACT)
    assert net.synthetic is True
    assert "SYNTHÉTIQUE" in net.source
    assert net.meta["avertissement"] == WARNING_FR
    assert net.meta["seed"] == 2026
    assert net.node_count > 150_000 and net.node_count == net.meta["counts"]["nodes"]
    assert net.segment_count == net.meta["counts"]["segments"]
    assert len(net.meta["communes"]) == 3782
    assert _components(net) == 1
    assert set(np.unique(net.car_speed).tolist()) <= {30.0, 50.0, 65.0, 70.0, 75.0, 80.0, 115.0}
    assert not net.walk[net.car_speed == 115.0].any()
    if DEMO_GPKG.exists() and importlib.util.find_spec("osgeo") is not None:
        communes = communes_from_gpkg(DEMO_GPKG)
        assert net.meta["communes"] == [c[0] for c in communes]
        xy = np.array([(c[1], c[2]) for c in communes])
        np.testing.assert_allclose(net.xy[: len(communes)], xy, rtol=0, atol=0.006)
