"""Shortest travel times on a :class:`~.network.RoadNetwork`: SciPy's Dijkstra, or a pure-Python ``heapq`` fallback.

* :func:`times_from` — bounded Dijkstra from one or several nodes (minimum over the sources):
  seconds per node, ``inf`` when not reached within ``limit_s``.
* :func:`nearest` — ONE multi-source Dijkstra giving every node its time to the nearest source and
  which source that is (``min_only=True, return_predecessors=True`` in SciPy ≥ 1.3).

``to=True`` (default) runs on the transposed graph: the times are those a person at each node needs
to **reach** the source (a lieu); ``to=False`` gives the times **from** the sources. Both backends
return the same times (and the same nearest source, except between equidistant sources).
"""

from __future__ import annotations

import heapq
import math
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .network import RoadNetwork, check_mode

try:
    from scipy.sparse.csgraph import dijkstra as _scipy_dijkstra

    HAVE_SCIPY = True
except ImportError:  # pragma: no cover - QGIS builds without SciPy
    _scipy_dijkstra = None
    HAVE_SCIPY = False

BACKENDS = ("scipy", "python")


def _backend(backend: Optional[str]) -> str:
    """The backend to use: SciPy when available unless ``backend="python"`` is asked."""
    if backend is None:
        return "scipy" if HAVE_SCIPY else "python"
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}")
    if backend == "scipy" and not HAVE_SCIPY:
        raise RuntimeError("backend 'scipy' asked but SciPy is not installed")
    return backend


def _limit(limit_s: Optional[float]) -> float:
    if limit_s is None:
        return math.inf
    limit = float(limit_s)
    if not limit >= 0:
        raise ValueError(f"limit_s must be >= 0, got {limit_s!r}")
    return limit


def _sources(network: RoadNetwork, nodes: Sequence[int]) -> Tuple[np.ndarray, np.ndarray]:
    """Distinct valid source nodes and, for each, the index of its FIRST occurrence in ``nodes`` (-1 entries ignored)."""
    array = np.asarray(nodes, dtype=np.int64).reshape(-1)
    if array.size and array.max() >= network.node_count:
        raise IndexError(f"source node {int(array.max())} out of range (network of {network.node_count} nodes)")
    positions = np.flatnonzero(array >= 0)
    unique, first = np.unique(array[positions], return_index=True)
    return unique, positions[first]


def _python_dijkstra(network: RoadNetwork, mode: str, to: bool, sources: np.ndarray, limit: float) -> Tuple[np.ndarray, np.ndarray]:
    """Multi-source Dijkstra with ``heapq``: (seconds per node, index in ``sources`` of the nearest one, -1 unreached)."""
    key = ("lists", mode, bool(to))
    cache = network._cache()
    if key not in cache:
        indptr, indices, seconds = network.csr_arrays(mode, to)
        cache[key] = (indptr.tolist(), indices.tolist(), seconds.tolist())
    indptr, indices, seconds = cache[key]
    n = network.node_count
    dist: List[float] = [math.inf] * n
    owner: List[int] = [-1] * n
    done = bytearray(n)
    heap = []
    for k, s in enumerate(sources.tolist()):
        dist[s] = 0.0
        owner[s] = k
        heap.append((0.0, k, s))
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        d, k, u = pop(heap)
        if done[u] or d > dist[u]:
            continue
        done[u] = 1
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            nd = d + seconds[e]
            if nd < dist[v] and nd <= limit:
                dist[v] = nd
                owner[v] = k
                push(heap, (nd, k, v))
    return np.array(dist, dtype=np.float64), np.array(owner, dtype=np.int64)


def _run(network: RoadNetwork, mode: str, nodes: Sequence[int], limit_s: Optional[float], to: bool,
         backend: Optional[str], want_nearest: bool) -> Tuple[np.ndarray, Optional[np.ndarray]]:
    check_mode(mode)
    limit = _limit(limit_s)
    which = _backend(backend)
    unique, first = _sources(network, nodes)
    n = network.node_count
    if unique.size == 0:
        return np.full(n, np.inf), (np.full(n, -1, np.int64) if want_nearest else None)
    if which == "python":
        times, owner = _python_dijkstra(network, mode, to, unique, limit)
        if not want_nearest:
            return times, None
        return times, np.where(owner >= 0, first[np.maximum(owner, 0)], -1)
    matrix = network.matrix(mode, to)
    if not want_nearest:
        return np.asarray(_scipy_dijkstra(matrix, directed=True, indices=unique, limit=limit, min_only=True), np.float64), None
    times, _pred, origin = _scipy_dijkstra(matrix, directed=True, indices=unique, limit=limit, min_only=True,
                                           return_predecessors=True)
    lookup = np.full(n, -1, np.int64)
    lookup[unique] = first
    origin = np.asarray(origin, np.int64)
    return np.asarray(times, np.float64), np.where(origin >= 0, lookup[np.maximum(origin, 0)], -1)


def times_from(network: RoadNetwork, mode: str, nodes: Sequence[int], limit_s: Optional[float] = None, to: bool = True,
               backend: Optional[str] = None) -> np.ndarray:
    """Seconds per node to (``to=True``) or from (``to=False``) the nearest of ``nodes``; ``inf`` beyond ``limit_s``.

    Negative entries of ``nodes`` (points that could not be snapped) are ignored; a node reached in
    exactly ``limit_s`` is kept. ``backend``: ``"scipy"``, ``"python"`` or ``None`` (SciPy if installed).
    """
    return _run(network, mode, nodes, limit_s, to, backend, want_nearest=False)[0]


def nearest(network: RoadNetwork, mode: str, source_nodes: Sequence[int], limit_s: Optional[float] = None, to: bool = True,
            backend: Optional[str] = None) -> Tuple[np.ndarray, np.ndarray]:
    """(seconds, nearest_index) per node, in ONE multi-source Dijkstra.

    ``nearest_index[v]`` is the index **in** ``source_nodes`` of the source nearest to node ``v``
    (-1 when unreached). Two sources on the same node (two lieux snapped to one node): the first
    one in ``source_nodes`` wins. Between equidistant sources either may be returned.
    """
    times, which = _run(network, mode, source_nodes, limit_s, to, backend, want_nearest=True)
    return times, which
