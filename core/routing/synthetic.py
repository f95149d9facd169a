"""Seeded SYNTHETIC road network shaped by the real communes and populations (demo and benchmarks).

The network is **not** a road map: it is a plausible graph (same degree and edge-length scale as real
compressed road graphs) drawn around the real communes, so that the routing engine can be tried and
measured at region scale without road data. Method (see the routing reference, section 1.3):

* one node per commune, at its exact point (``x``, ``y``);
* 50 % "urban" points, Gaussian around communes picked with weight ∝ population^0.9,
  σ = clip(6·√population, 150 m, 4 km); the rest "rural", uniform in a 1.7 km disc around a commune
  picked uniformly; generated points are rounded to the metre and deduplicated;
* Delaunay triangulation → Gabriel graph; its Euclidean minimum spanning tree (connectivity) plus random
  extra Gabriel edges biased toward short ones, until the mean degree is ≈ 2.7;
* length = Euclidean × 1.2; car speed from the local point density (30 km/h dense, 50 medium,
  65–80 rural);
* overlays: Gabriel graph of the communes at 80 km/h ("départementales") and Gabriel graph of the
  40 most populated communes at 115 km/h ("autoroutes", closed to pedestrians and bicycles).

Pure NumPy/SciPy and vectorised; the same communes, ``n_points`` and ``seed`` give the same arrays.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Sequence, Tuple, Union

import numpy as np

from .network import RoadNetwork

Commune = Tuple[str, float, float, int]

WARNING_FR = "Réseau routier SYNTHÉTIQUE généré à partir des communes et populations réelles — ne représente pas les vraies routes"
GENERATOR_VERSION = 1

URBAN_SHARE = 0.5
POP_EXPONENT = 0.9
SIGMA_PER_SQRT_POP = 6.0
SIGMA_MIN_M = 150.0
SIGMA_MAX_M = 4000.0
RURAL_RADIUS_M = 1700.0
TARGET_MEAN_DEGREE = 2.7
DETOUR = 1.2
#: relative density (local point density / median density) above which a road is "dense" / "medium"
DENSE_REL = 2.5
MEDIUM_REL = 0.7
SPEED_DENSE = 30.0
SPEED_MEDIUM = 50.0
SPEED_RURAL_MIN = 65.0
SPEED_RURAL_MAX = 80.0
SPEED_DEPARTEMENTALE = 80.0
SPEED_AUTOROUTE = 115.0
N_AUTOROUTE_COMMUNES = 40

#: road classes recorded in ``meta["counts"]``
CLASSES = ("dense", "moyen", "rural", "departementale", "autoroute")


def communes_from_gpkg(path: Union[str, Path], layer: str = "communes") -> List[Commune]:
    """(code INSEE, x, y, population) of every commune of a layer, at its point on surface, sorted by code.

    Reads with ``osgeo.ogr`` (no QGIS); the coordinates are in the layer's CRS (EPSG:2154 for the demo).
    """
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.Open(str(path))
    if ds is None:
        raise OSError(f"cannot open {path}")
    lyr = ds.GetLayerByName(layer)
    if lyr is None:
        raise ValueError(f"{path}: no layer {layer!r}")
    out: List[Commune] = []
    for feat in lyr:
        geom = feat.GetGeometryRef()
        if geom is None or geom.IsEmpty():
            continue
        pt = geom.PointOnSurface()
        pop = feat.GetField("population")
        out.append((str(feat.GetField("code_insee")), float(pt.GetX()), float(pt.GetY()), int(pop or 0)))
    out.sort(key=lambda c: c[0])
    return out


def _edge_keys(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """One int64 key per undirected edge (smaller node first)."""
    lo = np.minimum(a, b).astype(np.int64)
    hi = np.maximum(a, b).astype(np.int64)
    return lo * n + hi


def _gabriel(points: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Gabriel graph edges (i < j) of the points, from their Delaunay triangulation.

    An edge survives when the angle opposite it is acute in every adjacent triangle.
    """
    from scipy.spatial import Delaunay

    n = points.shape[0]
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    if n == 2:
        return np.array([0], np.int64), np.array([1], np.int64)
    simplices = Delaunay(points).simplices
    keys, ok = [], []
    for r in range(3):
        i, j, k = simplices[:, r], simplices[:, (r + 1) % 3], simplices[:, (r + 2) % 3]
        u = points[j] - points[i]
        v = points[k] - points[i]
        ok.append(np.einsum("ij,ij->i", u, v) > 0.0)
        keys.append(_edge_keys(j, k, n))
    all_keys = np.concatenate(keys)
    all_ok = np.concatenate(ok)
    order = np.argsort(all_keys, kind="stable")
    sk = all_keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    keep = np.minimum.reduceat(all_ok[order].astype(np.uint8), starts).astype(bool)
    kept = sk[starts][keep]
    return kept // n, kept % n


def _morton_order(xy: np.ndarray) -> np.ndarray:
    """Permutation that sorts points along a Z-order curve (locality for caches and compression)."""
    lo = xy.min(axis=0)
    span = np.maximum(xy.max(axis=0) - lo, 1.0)
    q = ((xy - lo) / span * 65535.0).astype(np.uint64)

    def spread(v: np.ndarray) -> np.ndarray:
        v = (v | (v << np.uint64(8))) & np.uint64(0x00FF00FF)
        v = (v | (v << np.uint64(4))) & np.uint64(0x0F0F0F0F)
        v = (v | (v << np.uint64(2))) & np.uint64(0x33333333)
        return (v | (v << np.uint64(1))) & np.uint64(0x55555555)

    code = spread(q[:, 0]) | (spread(q[:, 1]) << np.uint64(1))
    return np.argsort(code, kind="stable")


def _draw_points(cxy: np.ndarray, pop: np.ndarray, n_points: int, rng: np.random.Generator) -> Tuple[np.ndarray, int, int]:
    """Urban and rural points around the communes, rounded to the metre."""
    n_communes = cxy.shape[0]
    n_urban = min(int(round(URBAN_SHARE * n_points)), n_points - n_communes)
    n_rural = n_points - n_communes - n_urban
    weight = np.power(np.maximum(pop, 0).astype(np.float64), POP_EXPONENT)
    if weight.sum() <= 0:
        weight = np.ones(n_communes)
    pick = rng.choice(n_communes, size=n_urban, p=weight / weight.sum())
    sigma = np.clip(SIGMA_PER_SQRT_POP * np.sqrt(np.maximum(pop, 0).astype(np.float64)), SIGMA_MIN_M, SIGMA_MAX_M)
    urban = cxy[pick] + rng.standard_normal((n_urban, 2)) * sigma[pick, None]
    pick = rng.integers(0, n_communes, size=n_rural)
    radius = RURAL_RADIUS_M * np.sqrt(rng.random(n_rural))
    theta = 2.0 * np.pi * rng.random(n_rural)
    rural = cxy[pick] + np.column_stack((radius * np.cos(theta), radius * np.sin(theta)))
    return np.round(np.concatenate((urban, rural))), n_urban, n_rural


def _dedupe(xy: np.ndarray, n_fixed: int) -> np.ndarray:
    """Drop exact duplicate points, keeping the first occurrence (so the ``n_fixed`` first points stay)."""
    order = np.lexsort((np.arange(xy.shape[0]), xy[:, 1], xy[:, 0]))
    s = xy[order]
    dup = np.r_[False, (s[1:] == s[:-1]).all(axis=1)]
    drop = order[dup]
    if (drop < n_fixed).any():
        raise ValueError("two communes have the same coordinates")
    keep = np.ones(xy.shape[0], bool)
    keep[drop] = False
    return xy[keep]


def _pick_extra(cand_len: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of ``count`` candidates drawn without replacement, with probability ∝ 1 / length (Efraimidis–Spirakis)."""
    if count <= 0 or cand_len.size == 0:
        return np.empty(0, np.int64)
    count = min(count, cand_len.size)
    u = rng.random(cand_len.size)
    score = np.log(np.maximum(u, 1e-300)) * cand_len  # log(u) / weight with weight = 1 / length
    idx = np.argpartition(-score, count - 1)[:count]
    return np.sort(idx)


def _degree_counts(deg: np.ndarray) -> dict:
    """Number of nodes of degree 1, 2, 3 and 4 or more."""
    return {"1": int((deg == 1).sum()), "2": int((deg == 2).sum()), "3": int((deg == 3).sum()), "4+": int((deg >= 4).sum())}


def synthetic_network(communes: Sequence[Commune], n_points: int, seed: int = 2026) -> RoadNetwork:
    """Generate the SYNTHETIC road network: ``n_points`` points (communes included) around the communes.

    Nodes ``0 … len(communes) - 1`` are the communes, in the given order and at their exact coordinates
    (``meta["communes"]`` lists their codes). Deterministic for a given input and seed.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import minimum_spanning_tree

    n_communes = len(communes)
    if n_communes < 3:
        raise ValueError("at least 3 communes are needed")
    if n_points < n_communes:
        raise ValueError(f"n_points ({n_points}) must be at least the number of communes ({n_communes})")
    codes = [str(c[0]) for c in communes]
    cxy = np.array([(float(c[1]), float(c[2])) for c in communes], dtype=np.float64)
    pop = np.array([int(c[3]) for c in communes], dtype=np.int64)
    rng = np.random.default_rng(seed)

    drawn, n_urban, n_rural = _draw_points(cxy, pop, n_points, rng)
    xy = _dedupe(np.concatenate((cxy, drawn)), n_communes)
    rest = xy[n_communes:]
    xy = np.concatenate((cxy, rest[_morton_order(rest)])) if rest.shape[0] else cxy
    n = xy.shape[0]

    # local roads: Gabriel graph, its Euclidean MST and short extra edges
    ga, gb = _gabriel(xy)
    glen = np.hypot(*(xy[ga] - xy[gb]).T)
    gkeys = ga * n + gb  # sorted and unique, ga < gb
    # MST on the rank of (length, key): distinct weights make it unique, whatever SciPy breaks ties with
    rank = np.empty(gkeys.size, np.float64)
    rank[np.lexsort((gkeys, glen))] = np.arange(1, gkeys.size + 1, dtype=np.float64)
    mst = minimum_spanning_tree(coo_matrix((rank, (ga, gb)), shape=(n, n)).tocsr()).tocoo()
    mst_keys = np.unique(_edge_keys(mst.row, mst.col, n))

    # overlays on the commune nodes
    da, db = _gabriel(cxy)
    dep_keys = np.unique(_edge_keys(da, db, n))
    top = np.sort(np.argsort(-pop, kind="stable")[: min(N_AUTOROUTE_COMMUNES, n_communes)])
    ma, mb = _gabriel(cxy[top])
    aut_keys = np.unique(_edge_keys(top[ma], top[mb], n))

    base = np.union1d(np.union1d(mst_keys, dep_keys), aut_keys)
    cand = np.setdiff1d(gkeys, base, assume_unique=True)
    target = int(round(TARGET_MEAN_DEGREE * n / 2.0))
    cand_len = glen[np.searchsorted(gkeys, cand)]
    extra = cand[_pick_extra(cand_len, target - base.size, rng)]
    keys = np.union1d(base, extra)
    src = (keys // n).astype(np.int32)
    dst = (keys % n).astype(np.int32)
    m = keys.size
    euclid = np.hypot(*(xy[src] - xy[dst]).T)

    # local density from the mean length of the Gabriel edges at each node, smoothed once over the neighbours
    gdeg = np.bincount(ga, minlength=n) + np.bincount(gb, minlength=n)
    spacing = (np.bincount(ga, glen, n) + np.bincount(gb, glen, n)) / np.maximum(gdeg, 1)
    spacing = (spacing + np.bincount(ga, spacing[gb], n) + np.bincount(gb, spacing[ga], n)) / (gdeg + 1)
    rel = (np.median(spacing) / spacing) ** 2
    erel = np.sqrt(rel[src] * rel[dst])
    steps = int(round((SPEED_RURAL_MAX - SPEED_RURAL_MIN) / 5.0)) + 1  # 80, 75, 70, 65: slower where denser
    rural_speed = SPEED_RURAL_MAX - 5.0 * np.floor(np.clip(erel / MEDIUM_REL, 0.0, 0.999999) * steps)
    speed = np.where(erel >= DENSE_REL, SPEED_DENSE, np.where(erel >= MEDIUM_REL, SPEED_MEDIUM, rural_speed))
    cls = np.where(erel >= DENSE_REL, 0, np.where(erel >= MEDIUM_REL, 1, 2))
    is_dep = np.isin(keys, dep_keys, assume_unique=True)
    is_aut = np.isin(keys, aut_keys, assume_unique=True)
    speed = np.where(is_dep, SPEED_DEPARTEMENTALE, speed)
    speed = np.where(is_aut, SPEED_AUTOROUTE, speed)
    cls = np.where(is_aut, 4, np.where(is_dep, 3, cls))

    deg = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    if (deg[:n_communes] == 0).any() or (deg == 0).any():
        raise RuntimeError("isolated node in the synthetic network")  # Qhull dropped a point: should not happen
    counts = {name: int((cls == i).sum()) for i, name in enumerate(CLASSES)}
    counts.update(
        nodes=n, segments=m, communes=n_communes, urban_points=n_urban, rural_points=n_rural,
        duplicates_dropped=n_points - n, gabriel=int(gkeys.size), mst=int(mst_keys.size), extra=int(extra.size),
    )
    meta = {
        "synthetic": True,
        "avertissement": WARNING_FR,
        "generator": "mednum.core.routing.synthetic",
        "generator_version": GENERATOR_VERSION,
        "seed": int(seed),
        "n_points": int(n_points),
        "crs": "EPSG:2154",
        "counts": counts,
        "mean_degree": round(2.0 * m / n, 4),
        "degree_counts": _degree_counts(deg),
        "median_length_m": round(float(np.median(euclid * DETOUR)), 1),
        "params": {
            "urban_share": URBAN_SHARE, "pop_exponent": POP_EXPONENT, "sigma_per_sqrt_pop": SIGMA_PER_SQRT_POP,
            "sigma_min_m": SIGMA_MIN_M, "sigma_max_m": SIGMA_MAX_M, "rural_radius_m": RURAL_RADIUS_M,
            "rounding_m": 1.0, "target_mean_degree": TARGET_MEAN_DEGREE, "extra_edge_weight": "1/length",
            "detour": DETOUR, "dense_rel_density": DENSE_REL, "medium_rel_density": MEDIUM_REL,
            "speeds_kmh": {"dense": SPEED_DENSE, "moyen": SPEED_MEDIUM, "rural": [SPEED_RURAL_MIN, SPEED_RURAL_MAX],
                           "departementale": SPEED_DEPARTEMENTALE, "autoroute": SPEED_AUTOROUTE},
            "autoroute_communes": len(top),
        },
        "commune_nodes": "nodes 0 … len(communes) - 1, in the order of 'communes'",
        "communes": codes,
        "autoroute_communes": [codes[i] for i in top],
    }
    walk = ~is_aut
    return RoadNetwork(
        xy=xy,
        src=src,
        dst=dst,
        length=(euclid * DETOUR).astype(np.float32),
        car_speed=speed.astype(np.float32),
        car_forward=np.ones(m, bool),
        car_backward=np.ones(m, bool),
        walk=walk,
        bike=walk.copy(),
        source=f"synthétique (graine {seed}, {n} nœuds) — {WARNING_FR}",
        synthetic=True,
        meta=meta,
    )

