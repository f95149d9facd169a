"""The road network the embedded engine routes on: nodes in Lambert-93 and road segments with their speeds.

A :class:`RoadNetwork` is compiled once from a road line layer (OpenStreetMap, IGN BD TOPO) or
generated (the synthetic demo network), cached on disk as ``.npz``, and turned into one CSR
matrix of travel times (seconds) per mode and direction when needed.

Directions, once and for all (``matrix(mode, to=...)``):

* ``to=False`` — the **direct** graph: ``A[i, j]`` is the time to drive/walk/ride from node ``i``
  to node ``j``. A Dijkstra from a lieu on it gives the time **from the lieu** to every node.
* ``to=True`` (the default) — the **transposed** graph: ``A[j, i]`` holds that same arc. A Dijkstra
  from a lieu on it gives, for every node ``v``, the time **for a person at v to reach the lieu**
  ("temps d'accès", what the accessibility statistic and the default isochrones need). On a
  one-way street the two differ.

Pure NumPy; SciPy is imported only where needed (:meth:`RoadNetwork.matrix`, :meth:`RoadNetwork.snap`,
with a NumPy fallback for the latter), so that the pure-Python engine still works without SciPy.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional, Tuple, Union

import numpy as np

from ..i18n import tr

MODES = ("voiture", "pied", "velo")
#: speeds of the modes that do not depend on the road (km/h)
WALK_KMH = 4.5
BIKE_KMH = 15.0
#: version of the ``.npz`` layout written by :meth:`RoadNetwork.save`
FILE_FORMAT = "mednum-reseau-1"
#: node coordinates are stored in the ``.npz`` as integer steps of 1/XY_STEPS_PER_M metre (the centimetre)
XY_STEPS_PER_M = 100

PathLike = Union[str, "os.PathLike[str]"]


def check_mode(mode: str) -> str:
    """``mode`` if it is one of :data:`MODES`, else a ``ValueError`` with a French message."""
    if mode not in MODES:
        raise ValueError(tr("Mode de déplacement « {mode} » inconnu (voiture, pied ou velo).").format(mode=mode))
    return mode


def fingerprint(path: PathLike, **params: Any) -> str:
    """A short hash of a source file (name, size, modification time) and build parameters: cache key of a compiled network."""
    stat = os.stat(path)
    payload = json.dumps({"name": Path(path).name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                          "format": FILE_FORMAT, "params": params}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


@dataclass
class RoadNetwork:
    """Nodes and undirected road segments; each segment says which directions and modes it allows."""

    xy: np.ndarray            # (n, 2) float64, EPSG:2154 metres
    src: np.ndarray           # (m,) int32 node index
    dst: np.ndarray           # (m,) int32 node index
    length: np.ndarray        # (m,) float32 metres
    car_speed: np.ndarray     # (m,) float32 km/h (0: no cars)
    car_forward: np.ndarray   # (m,) bool: cars may go src -> dst
    car_backward: np.ndarray  # (m,) bool: cars may go dst -> src
    walk: np.ndarray          # (m,) bool: pedestrians, both ways
    bike: np.ndarray          # (m,) bool: bicycles (same one-way rules as cars unless a cycleway)
    source: str = ""          # where it comes from (file, layer, "synthétique …"), shown to the agent
    synthetic: bool = False
    meta: dict = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return int(self.xy.shape[0])

    @property
    def segment_count(self) -> int:
        return int(self.src.shape[0])

    # ------------------------------------------------------------------ travel-time graphs

    def _cache(self) -> Dict[Any, Any]:
        """Per-object cache of the derived graphs and KD-trees (not a dataclass field: the constructor is unchanged)."""
        return self.__dict__.setdefault("_derived", {})

    def clear_cache(self) -> None:
        """Forget the derived matrices and KD-trees (call it after modifying the arrays in place)."""
        self.__dict__.pop("_derived", None)

    def arcs(self, mode: str) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Directed arcs of a mode in the direction of travel, before de-duplication: (tail, head, seconds).

        * ``voiture``: ``src→dst`` where ``car_forward``, ``dst→src`` where ``car_backward``, only where
          ``car_speed > 0``, at ``car_speed``;
        * ``pied``: both ways where ``walk``, at :data:`WALK_KMH`;
        * ``velo``: where ``bike``, at :data:`BIKE_KMH`, following the car one-way flags, except on
          car-less segments (``car_speed == 0``, or no car direction at all), ridden both ways.
        """
        check_mode(mode)
        src = self.src.astype(np.int64, copy=False)
        dst = self.dst.astype(np.int64, copy=False)
        length = np.asarray(self.length, np.float64)
        speed = np.asarray(self.car_speed, np.float64)
        forward, backward = np.asarray(self.car_forward, bool), np.asarray(self.car_backward, bool)
        if mode == "voiture":
            ok = speed > 0
            fwd, bwd = ok & forward, ok & backward
            seconds = np.divide(length * 3.6, speed, out=np.zeros_like(length), where=ok)
        elif mode == "pied":
            fwd = bwd = np.asarray(self.walk, bool)
            seconds = length * 3.6 / WALK_KMH
        else:
            bike = np.asarray(self.bike, bool)
            carless = (speed <= 0) | ~(forward | backward)
            fwd, bwd = bike & (carless | forward), bike & (carless | backward)
            seconds = length * 3.6 / BIKE_KMH
        tail = np.concatenate([src[fwd], dst[bwd]])
        head = np.concatenate([dst[fwd], src[bwd]])
        return tail, head, np.concatenate([seconds[fwd], seconds[bwd]])

    def csr_arrays(self, mode: str, to: bool = True) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(indptr, indices, seconds)`` of the travel-time graph (see the module docstring for ``to``), cached.

        Parallel arcs are reduced to the FASTEST one (``csr_matrix`` would sum them) and self-loops
        are dropped. Pure NumPy: the SciPy engine and the pure-Python fallback share it.
        """
        key = ("csr", mode, bool(to))
        cache = self._cache()
        if key not in cache:
            tail, head, seconds = self.arcs(mode)
            rows, cols = (head, tail) if to else (tail, head)
            keep = rows != cols
            rows, cols, seconds = rows[keep], cols[keep], seconds[keep]
            n = self.node_count
            order = _fastest_per_pair(rows * n + cols, seconds)
            rows, cols, seconds = rows[order], cols[order], seconds[order]
            indptr = np.zeros(n + 1, np.int64)
            np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
            index_type = np.int32 if n < 2 ** 31 - 1 else np.int64
            cache[key] = (indptr.astype(index_type), cols.astype(index_type), seconds.astype(np.float64))
        return cache[key]

    def matrix(self, mode: str, to: bool = True):
        """``scipy.sparse.csr_matrix`` (n × n, float64 seconds) of the mode, cached per (mode, to).

        ``to=False``: ``A[i, j]`` = time of the arc i→j (Dijkstra from a lieu = times FROM the lieu).
        ``to=True``: the transpose (Dijkstra from a lieu = times for every node TO reach the lieu).
        """
        key = ("matrix", mode, bool(to))
        cache = self._cache()
        if key not in cache:
            from scipy.sparse import csr_matrix

            indptr, indices, seconds = self.csr_arrays(mode, to)
            n = self.node_count
            cache[key] = csr_matrix((seconds, indices, indptr), shape=(n, n))
        return cache[key]

    def mode_nodes(self, mode: str) -> np.ndarray:
        """Indices of the nodes touching at least one arc of the mode (where a point may be snapped)."""
        key = ("nodes", mode)
        cache = self._cache()
        if key not in cache:
            indptr, indices, _ = self.csr_arrays(mode, False)
            used = np.zeros(self.node_count, bool)
            used[np.diff(indptr) > 0] = True
            used[indices] = True
            cache[key] = np.flatnonzero(used)
        return cache[key]

    def snap(self, points, mode: str, max_distance_m: Optional[float] = None) -> Tuple[np.ndarray, np.ndarray]:
        """Nearest usable node of the mode for each point (k, 2) in EPSG:2154: (node indices, distances in m).

        A point farther than ``max_distance_m`` gets node ``-1`` (its distance is still reported);
        with no usable node at all, every point gets ``-1`` and ``inf``.
        """
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        candidates = self.mode_nodes(mode)
        if pts.shape[0] == 0 or candidates.size == 0:
            return np.full(pts.shape[0], -1, np.int64), np.full(pts.shape[0], np.inf)
        try:
            from scipy.spatial import cKDTree
        except ImportError:  # pragma: no cover - QGIS builds without SciPy
            cKDTree = None  # noqa: N806
        if cKDTree is not None:
            key = ("tree", mode)
            cache = self._cache()
            if key not in cache:
                cache[key] = cKDTree(self.xy[candidates])
            distance, which = cache[key].query(pts)
        else:
            distance, which = _brute_nearest(self.xy[candidates], pts)
        nodes = candidates[np.asarray(which, np.int64)].astype(np.int64)
        distance = np.asarray(distance, np.float64)
        if max_distance_m is not None:
            nodes[distance > max_distance_m] = -1
        return nodes, distance

    # ------------------------------------------------------------------ .npz file

    def save(self, path: PathLike) -> None:
        """Write the network as a compressed ``.npz`` (node coordinates to the centimetre, other arrays exact).

        Layout: ``xy_origin`` (2 float64) + ``xy_cm`` (successive differences of the centimetre offsets,
        int32), ``src``/``dst`` int32, ``length``/``car_speed`` float32, ``flags`` = packed bits of
        car_forward, car_backward, walk, bike, and ``meta`` (JSON text with source and synthetic).
        Written to a temporary file, then renamed: a reader never sees half a file.
        """
        path = Path(path)
        xy = np.asarray(self.xy, np.float64).reshape(-1, 2)
        origin = np.floor(xy.min(axis=0)) if xy.shape[0] else np.zeros(2)
        steps = np.rint((xy - origin) * XY_STEPS_PER_M).astype(np.int64)
        deltas = np.diff(steps, axis=0, prepend=np.zeros((1, 2), np.int64))
        if deltas.size and np.abs(deltas).max() >= 2 ** 31:
            raise ValueError("network extent too large for the .npz layout")
        flags = np.packbits(np.stack([np.asarray(a, bool) for a in (self.car_forward, self.car_backward, self.walk, self.bike)])
                            .reshape(4, -1), axis=1)
        meta = dict(self.meta)
        meta.update(source=self.source, synthetic=bool(self.synthetic))
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(tmp, "wb") as handle:
            np.savez_compressed(
                handle, format=np.array(FILE_FORMAT), xy_origin=origin, xy_cm=deltas.astype(np.int32),
                src=np.asarray(self.src, np.int32), dst=np.asarray(self.dst, np.int32),
                length=np.asarray(self.length, np.float32), car_speed=np.asarray(self.car_speed, np.float32),
                flags=flags, segments=np.array(self.segment_count, np.int64),
                meta=np.array(json.dumps(meta, ensure_ascii=False, default=str)))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: PathLike) -> RoadNetwork:
        """Read a network written by :meth:`save` (or the plain-array ``.npz`` of the first synthetic networks)."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"])) if "meta" in data.files else {}
            if "format" in data.files:
                if str(data["format"]) != FILE_FORMAT:
                    raise ValueError(tr("Fichier de réseau d'une version inconnue : {chemin}").format(chemin=Path(path).name))
                steps = np.cumsum(data["xy_cm"].astype(np.int64), axis=0)
                origin = np.rint(data["xy_origin"] * XY_STEPS_PER_M).astype(np.int64)
                xy = (steps + origin) / float(XY_STEPS_PER_M)  # q / 100: bit-identical to values rounded to the cm
                m = int(data["segments"])
                bits = np.unpackbits(data["flags"], axis=1, count=m).astype(bool)
                car_forward, car_backward, walk, bike = bits
            else:
                xy = data["xy"].astype(np.float64)
                car_forward, car_backward, walk, bike = (data[k].astype(bool) for k in ("car_forward", "car_backward", "walk", "bike"))
            source = str(meta.pop("source", ""))
            synthetic = bool(meta.pop("synthetic", False))
            return cls(xy=xy, src=data["src"].astype(np.int32), dst=data["dst"].astype(np.int32),
                       length=data["length"].astype(np.float32), car_speed=data["car_speed"].astype(np.float32),
                       car_forward=car_forward, car_backward=car_backward, walk=walk, bike=bike,
                       source=source, synthetic=synthetic, meta=meta)


def _fastest_per_pair(flat: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Indices of the arcs to keep, sorted by ``flat`` (= row * n + col): one per pair, the fastest.

    A stable sort on the pair key alone (fast: radix-like for int64), then a ``lexsort`` on (pair, time)
    restricted to the few pairs that have parallel arcs.
    """
    order = np.argsort(flat, kind="stable")
    ordered = flat[order]
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return order
    grouped = np.zeros(order.shape[0], bool)
    grouped[1:] |= same
    grouped[:-1] |= same
    members = order[grouped]
    members = members[np.lexsort((seconds[members], flat[members]))]
    keep = np.ones(members.shape[0], bool)
    keep[1:] = flat[members][1:] != flat[members][:-1]
    kept = np.concatenate([order[~grouped], members[keep]])
    return kept[np.argsort(flat[kept], kind="stable")]


def _brute_nearest(candidates: np.ndarray, points: np.ndarray, chunk: int = 4_000_000) -> Tuple[np.ndarray, np.ndarray]:
    """Nearest candidate of each point without SciPy (NumPy, chunked to bound memory)."""
    distance = np.empty(points.shape[0])
    which = np.empty(points.shape[0], np.int64)
    rows = max(1, chunk // max(candidates.shape[0], 1))
    for start in range(0, points.shape[0], rows):
        block = points[start:start + rows]
        d2 = ((block[:, None, :] - candidates[None, :, :]) ** 2).sum(axis=2)
        best = d2.argmin(axis=1)
        which[start:start + rows] = best
        distance[start:start + rows] = np.sqrt(d2[np.arange(block.shape[0]), best])
    return distance, which
