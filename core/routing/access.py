"""Temps d'accès d'un territoire: for every commune (or population cell), the time to the nearest lieu.

One Dijkstra gives every node its time to the nearest lieu and which lieu it is: a virtual source
is linked to each lieu's network node by the lieu's own connection time (straight line from the lieu
to the road at the mode's connection speed), and the search runs on the transposed graph (the time
a person needs to *reach* a lieu). The nearest lieu of a node is the first step of its shortest
path, found for all nodes at once by pointer jumping on the predecessor tree. Each place (commune
point or cell centre) adds its own connection to the network. Adding a lieu can therefore never
lengthen a time. Populations are then summed per threshold and per territory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .network import RoadNetwork

EPSILON_S = 1e-6  # a zero-length connection still needs an explicit arc

#: speed of the straight-line connection between a point and the network (km/h), per mode
CONNECTION_KMH = {"voiture": 20.0, "pied": 4.5, "velo": 12.0}
DEFAULT_THRESHOLDS_MIN = (5, 10, 15, 20, 30)


@dataclass
class Lieu:
    key: str
    name: str
    x: float
    y: float


@dataclass
class Place:
    """A commune (its point) or a population cell (its centre)."""

    key: str
    name: str
    x: float
    y: float
    population: float = 0.0
    groups: dict[str, str] = field(default_factory=dict)  # e.g. {"departement": "80", "epci": "248000…"}


@dataclass
class AccessResult:
    places: list[Place]
    lieux: list[Lieu]
    times_s: np.ndarray          # per place; inf: no lieu reachable
    nearest: np.ndarray          # per place: index in lieux, -1 when none
    snap_m: np.ndarray           # per place: distance to the network
    thresholds_s: tuple[float, ...]
    mode: str
    unplaced_lieux: list[Lieu] = field(default_factory=list)

    def minutes(self) -> np.ndarray:
        return self.times_s / 60.0

    def time_class(self) -> list[str]:
        """« ≤ 5 min », « 5–10 min » … « > 30 min » per place."""
        labels = []
        edges = [t / 60 for t in self.thresholds_s]
        for minutes in self.minutes():
            label = f"> {edges[-1]:g} min"
            previous = 0.0
            for edge in edges:
                if minutes <= edge:
                    label = f"≤ {edge:g} min" if previous == 0 else f"{previous:g}–{edge:g} min"
                    break
                previous = edge
            labels.append(label)
        return labels

    def population_within(self, threshold_s: float, mask: Optional[np.ndarray] = None) -> float:
        population = np.array([p.population for p in self.places], dtype=float)
        selected = self.times_s <= threshold_s
        if mask is not None:
            selected &= mask
            population = population * mask
        return float(population[selected].sum())

    def summary(self, group: Optional[str] = None) -> list[dict]:
        """Rows: territory, population, population and share within each threshold, beyond the last."""
        population = np.array([p.population for p in self.places], dtype=float)
        keys = ["Ensemble"] if group is None else sorted({p.groups.get(group, "") for p in self.places})
        rows = []
        for key in keys:
            mask = np.ones(len(self.places), bool) if group is None else np.array([p.groups.get(group, "") == key for p in self.places])
            total = float(population[mask].sum())
            row: dict = {"territoire": key, "population": total, "lieux_atteints": int(len(set(self.nearest[mask][self.nearest[mask] >= 0])))}
            for threshold in self.thresholds_s:
                within = float(population[mask & (self.times_s <= threshold)].sum())
                row[f"pop_{threshold / 60:g}min"] = within
                row[f"part_{threshold / 60:g}min"] = 100.0 * within / total if total else 0.0
            beyond = float(population[mask & (self.times_s > self.thresholds_s[-1])].sum())
            row["pop_au_dela"] = beyond
            row["part_au_dela"] = 100.0 * beyond / total if total else 0.0
            rows.append(row)
        return rows


def territory_access(network: RoadNetwork, mode: str, lieux: Sequence[Lieu], places: Sequence[Place],
                     thresholds_s: Sequence[float] = tuple(m * 60 for m in DEFAULT_THRESHOLDS_MIN),
                     direction: str = "to", max_snap_m: float = 5000.0, limit_s: Optional[float] = None) -> AccessResult:
    """Time from every place to its nearest lieu (``direction="to"``) or from the lieux (``"from"``)."""
    thresholds = tuple(sorted(float(t) for t in thresholds_s))
    speed = CONNECTION_KMH.get(mode, 20.0) / 3.6
    lieux = list(lieux)
    places = list(places)
    if lieux:
        lieu_nodes, lieu_snap = network.snap(np.array([[lieu.x, lieu.y] for lieu in lieux], float), mode, max_snap_m)
    else:
        lieu_nodes, lieu_snap = np.empty(0, int), np.empty(0)
    placed = np.flatnonzero(lieu_nodes >= 0)
    unplaced = [lieux[i] for i in np.flatnonzero(lieu_nodes < 0)]
    place_nodes, place_snap = network.snap(np.array([[p.x, p.y] for p in places], float).reshape(-1, 2), mode, max_snap_m)
    times = np.full(len(places), np.inf)
    nearest_lieu = np.full(len(places), -1, dtype=np.int64)
    if len(placed):
        node_times, node_nearest = nearest_with_connections(network, mode, lieu_nodes[placed], lieu_snap[placed] / speed,
                                                            limit_s=limit_s, to=(direction == "to"))
        ok = place_nodes >= 0
        reached = np.zeros(len(places), bool)
        reached[ok] = np.isfinite(node_times[place_nodes[ok]])
        idx = np.flatnonzero(reached)
        times[idx] = node_times[place_nodes[idx]] + place_snap[idx] / speed
        nearest_lieu[idx] = placed[node_nearest[place_nodes[idx]]]
    return AccessResult(places, lieux, times, nearest_lieu, place_snap, thresholds, mode, unplaced)


def nearest_with_connections(network: RoadNetwork, mode: str, nodes: np.ndarray, connection_s: np.ndarray,
                             limit_s: Optional[float] = None, to: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Per node: time to the nearest source including its connection time, and that source's index in ``nodes``."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    nodes = np.asarray(nodes, dtype=np.int64)
    connection_s = np.asarray(connection_s, dtype=float)
    matrix = network.matrix(mode, to=to)
    n = matrix.shape[0]
    # one arc per node: the source with the shortest connection there
    order = np.lexsort((connection_s, nodes))
    first = order[np.r_[True, nodes[order][1:] != nodes[order][:-1]]]
    # the graph plus one last row: the virtual source, linked to every source node by its connection time
    targets = np.sort(nodes[first])
    weights = connection_s[first][np.argsort(nodes[first])] + EPSILON_S
    graph = csr_matrix((np.r_[matrix.data, weights], np.r_[matrix.indices, targets].astype(matrix.indices.dtype),
                        np.r_[matrix.indptr, matrix.indptr[-1] + len(targets)].astype(matrix.indptr.dtype)), shape=(n + 1, n + 1))
    limit = np.inf if limit_s is None else float(limit_s) + float(connection_s.max(initial=0)) + 1.0
    dist, pred = dijkstra(graph, directed=True, indices=n, limit=limit, return_predecessors=True)
    times = dist[:n] - EPSILON_S
    root = np.where(pred[:n] == n, np.arange(n), pred[:n])  # children of the virtual source are their own root
    root[pred[:n] < 0] = -1
    for _ in range(64):  # pointer jumping: depth halves each pass
        reachable = root >= 0
        parent = np.full(n, -1, dtype=root.dtype)
        parent[reachable] = root[root[reachable]]
        done = (parent == root) | ~reachable
        if done.all():
            break
        root = np.where(reachable, parent, -1)
    source_of_node = np.full(n, -1, dtype=np.int64)
    source_of_node[nodes[first]] = first
    nearest = np.where(root >= 0, source_of_node[np.maximum(root, 0)], -1)
    times[nearest < 0] = np.inf
    return times, nearest
