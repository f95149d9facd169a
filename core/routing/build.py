"""Compile a :class:`~.network.RoadNetwork` from road lines: OpenStreetMap ``.osm.pbf``, IGN BD TOPO
``troncon_de_route``, or any QGIS line layer carrying OSM tags.

Design (see the routing reference, sections 1 and 3):

* **Every line vertex is a node** (no degree-2 compression): snapping a lieu or a population cell
  lands on the real road shape, and the isochrone grids see every road stretch. It costs ~7× more
  nodes than a compressed graph (Monaco: ~16 k instead of ~2.3 k car nodes), which SciPy's Dijkstra
  handles in milliseconds; a region (1–3 M nodes) stays within the measured budget.
* **Topology by coordinate equality**: vertices are rounded to the centimetre in EPSG:2154 (the
  reference's 1e-7° ≈ 1 cm). OSM ways share their junction nodes anywhere along the way, so every
  vertex may join (``join="all"``); BD TOPO tronçons are split at every junction, so vertices join
  only where a tronçon ends (``join="ends"``): two inner vertices on the same spot (a bridge vertex
  drawn exactly above a road vertex) never make a false crossing, while a tronçon ending on another's
  inner vertex (a junction left unsplit) still connects.
* **Lengths**: ellipsoidal (GRS80/WGS84 local radii) when the source is in degrees (OSM), planar in
  the source CRS when it is projected (BD TOPO in Lambert-93: IGN's own lengths). Node coordinates are
  always EPSG:2154 (traditional GIS axis order, through ``osgeo.osr``).
* **Car speeds** (OSRM/Valhalla-like car profile, km/h of *travel*, not limits): a table per
  ``highway`` type; a tagged ``maxspeed`` gives 85 % of the limit (junctions, bends, traffic).
* Pedestrians walk both ways at :data:`~.network.WALK_KMH` everywhere except on motorways and trunk
  roads (and their links) and where ``foot``/``access`` forbid; bicycles ride at
  :data:`~.network.BIKE_KMH` except on motorways(+links), steps and where ``bicycle``/``access``
  forbid, following car one-ways; a contraflow lane (``oneway:bicycle=no``, ``cycleway=opposite*``)
  adds a parallel bicycle-only segment. A car-less path is ridden both ways, even tagged one-way.

The reading (GDAL, QGIS) is the only part that needs more than NumPy; :func:`from_lines` is the
generic entry point both builders share.
"""

from __future__ import annotations

import math
import re
import struct
import time
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np

from ..i18n import tr
from .network import MODES, RoadNetwork, fingerprint

#: bump when the speed tables or the rules change: compiled caches are rebuilt
BUILD_VERSION = 1
TARGET_EPSG = 2154
#: share of a tagged speed limit used as travel speed
MAXSPEED_FACTOR = 0.85
OSM_ATTRIBUTION = "© les contributeurs d'OpenStreetMap (ODbL 1.0)"
BDTOPO_ATTRIBUTION = "IGN – BD TOPO® (Licence Ouverte 2.0)"

#: travel speed (km/h) of cars by OSM ``highway`` type when no ``maxspeed`` is tagged
CAR_KMH: Dict[str, float] = {
    "motorway": 110.0, "motorway_link": 60.0, "trunk": 90.0, "trunk_link": 50.0,
    "primary": 65.0, "primary_link": 40.0, "secondary": 55.0, "secondary_link": 35.0,
    "tertiary": 45.0, "tertiary_link": 30.0, "unclassified": 40.0, "road": 30.0,
    "residential": 30.0, "living_street": 10.0, "service": 20.0,
}
#: routable ways with no cars
CARLESS_HIGHWAYS = frozenset({"track", "path", "footway", "pedestrian", "steps", "cycleway", "bridleway", "corridor"})
NO_WALK_HIGHWAYS = frozenset({"motorway", "motorway_link", "trunk", "trunk_link"})
NO_BIKE_HIGHWAYS = frozenset({"motorway", "motorway_link", "steps"})
IMPLIED_ONEWAY_HIGHWAYS = frozenset({"motorway", "motorway_link"})
#: implicit limits of ``maxspeed=XX:zone`` values (France first; other countries use the same words)
ZONE_KMH = {"urban": 50.0, "rural": 80.0, "motorway": 130.0, "trunk": 110.0, "living_street": 20.0, "walk": 6.0,
            "zone30": 30.0, "zone:30": 30.0, "zone20": 20.0, "zone:20": 20.0, "bicycle_road": 30.0}
DENIED = frozenset({"no", "private", "agricultural", "forestry", "emergency", "military", "psv", "bus", "use_sidepath"})
GRANTED = frozenset({"yes", "designated", "permissive", "destination", "customers", "delivery", "official"})
CONTRAFLOW = frozenset({"opposite", "opposite_lane", "opposite_track", "opposite_share_busway"})

#: tag keys read from layers that carry OSM tags as fields (QuickOSM, ogr2ogr exports)
OSM_FIELDS = ("highway", "other_tags", "all_tags", "oneway", "maxspeed", "access", "vehicle", "motor_vehicle", "motorcar",
              "foot", "bicycle", "junction", "motorroad", "area", "oneway:bicycle", "cycleway", "cycleway:left",
              "cycleway:right", "cycleway:both", "cycleway:left:oneway", "cycleway:right:oneway", "cycleway:both:oneway")
BDTOPO_FIELDS = ("nature", "vitesse_moyenne_vl", "sens_de_circulation", "acces_vehicule_leger", "acces_pieton", "etat_de_l_objet",
                 "vit_moy_vl", "sens", "acces_vl", "acces", "etat")


class NetworkBuildError(Exception):
    """A road network cannot be compiled (unreadable file, no road…); the message is for the agent."""


class BuildCanceledError(NetworkBuildError):
    """The user canceled the compilation (QGIS feedback)."""


@dataclass(frozen=True)
class Rule:
    """What one road line allows: car speed (0: no car) and directions, walking, cycling."""

    car_kmh: float
    forward: bool = True
    backward: bool = True
    walk: bool = True
    bike: bool = True
    bike_contraflow: bool = False  # a car one-way that bicycles may ride both ways


@dataclass(frozen=True)
class Profile:
    """How to read one kind of road data: the rule per line, the attributes it reads, how lines join."""

    name: str
    rule: Callable[[Dict[str, Any]], Optional[Rule]]
    fields: Tuple[str, ...]
    join: str = "all"  # "all": any shared vertex is a junction; "ends": only where a line ends
    attribution: str = ""


# ---------------------------------------------------------------------------------------------- OSM tags

_HSTORE = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')
_UNESCAPE = re.compile(r"\\(.)")
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z/ ]*)$")


def parse_other_tags(text: Optional[str]) -> Dict[str, str]:
    """The ``other_tags`` hstore text of GDAL's OSM driver (``"oneway"=>"yes","maxspeed"=>"50"``) as a dict."""
    if not text:
        return {}
    return {_UNESCAPE.sub(r"\1", k): _UNESCAPE.sub(r"\1", v) for k, v in _HSTORE.findall(str(text))}


def parse_maxspeed(text: Optional[str]) -> Optional[float]:
    """A ``maxspeed`` value in km/h: ``"50"``, ``"30 mph"``, ``"FR:urban"`` (50), ``"FR:rural"`` (80), ``"FR:motorway"`` (130),
    ``"walk"``…; ``None`` when there is no usable limit (``"none"``, ``"signals"``, junk)."""
    if text is None:
        return None
    values = []
    for part in str(text).strip().lower().split(";"):
        part = part.strip()
        if ":" in part and not part[0].isdigit():
            country, _, zone = part.partition(":")
            value = ZONE_KMH.get(zone)
            if value is None and zone.startswith("zone"):
                digits = re.sub(r"\D", "", zone)
                value = float(digits) if digits else None
            if value is None and len(country) != 2:
                value = ZONE_KMH.get(part)
        elif part in ZONE_KMH:
            value = ZONE_KMH[part]
        else:
            match = _NUMBER.match(part)
            value = None
            if match:
                number = float(match.group(1).replace(",", "."))
                unit = match.group(2).strip()
                factor = {"": 1.0, "km/h": 1.0, "kmh": 1.0, "kph": 1.0, "mph": 1.609344, "knots": 1.852}.get(unit)
                value = number * factor if factor else None
        if value is not None and value > 0:
            values.append(value)
    return min(values) if values else None


def speed_for(highway: Optional[str], maxspeed_text: Optional[str] = None) -> float:
    """Car travel speed (km/h) of an OSM way: the type's default, or 85 % of a tagged limit; 0 for ways without cars."""
    base = CAR_KMH.get(str(highway or ""), 0.0)
    if base <= 0:
        return 0.0
    limit = parse_maxspeed(maxspeed_text)
    return base if limit is None else round(limit * MAXSPEED_FACTOR, 2)


def _access(tags: Dict[str, str], keys: Sequence[str]) -> Optional[bool]:
    """The most specific access tag among ``keys`` (general → specific): True granted, False denied, None unsaid."""
    verdict = None
    for key in keys:
        value = tags.get(key)
        if value is None:
            continue
        value = value.split(";")[0].strip().lower()
        if value in DENIED:
            verdict = False
        elif value in GRANTED:
            verdict = True
    return verdict


def osm_tags(attrs: Dict[str, Any]) -> Dict[str, str]:
    """All the OSM tags of a line: its fields plus its ``other_tags``/``all_tags`` hstore."""
    tags = {k: str(v) for k, v in attrs.items() if v is not None and k not in ("other_tags", "all_tags") and str(v) != ""}
    for key in ("all_tags", "other_tags"):
        for k, v in parse_other_tags(attrs.get(key)).items():
            tags.setdefault(k, v)
    return tags


def osm_rule(attrs: Dict[str, Any]) -> Optional[Rule]:
    """The car/walk/bike rule of an OSM way (fields and ``other_tags``), ``None`` when it is not a road for anyone."""
    tags = osm_tags(attrs)
    highway = tags.get("highway", "")
    if highway not in CAR_KMH and highway not in CARLESS_HIGHWAYS:
        return None
    if tags.get("area") == "yes":
        return None
    car = speed_for(highway, tags.get("maxspeed"))
    if car > 0 and _access(tags, ("access", "vehicle", "motor_vehicle", "motorcar")) is False:
        car = 0.0
    oneway = tags.get("oneway", "").lower()
    forward = backward = True
    if oneway in ("yes", "true", "1"):
        backward = False
    elif oneway in ("-1", "reverse"):
        forward = False
    elif oneway in ("reversible", "alternating"):
        car = 0.0  # direction changes with the time of day: not routable by car (as OSRM)
    elif oneway not in ("no", "false", "0") and (highway in IMPLIED_ONEWAY_HIGHWAYS
                                                 or tags.get("junction") in ("roundabout", "circular")):
        backward = False
    express = tags.get("motorroad") == "yes"
    foot = _access(tags, ("access", "foot"))
    walk = foot is True or (foot is None and highway not in NO_WALK_HIGHWAYS and not express)
    cycle = _access(tags, ("access", "vehicle", "bicycle"))
    bike = cycle is True or (cycle is None and highway not in NO_BIKE_HIGHWAYS and not express)
    contraflow = bike and car > 0 and forward != backward and (
        tags.get("oneway:bicycle") == "no"
        or any(tags.get(k) in CONTRAFLOW for k in ("cycleway", "cycleway:left", "cycleway:right", "cycleway:both"))
        or any(tags.get(f"cycleway:{side}:oneway") in ("no", "-1") for side in ("left", "right", "both")))
    if car <= 0:
        forward = backward = False
    if car <= 0 and not walk and not bike:
        return None
    return Rule(car, forward, backward, walk, bike, contraflow)


# ---------------------------------------------------------------------------------------------- BD TOPO

def _plain(value: Any) -> str:
    """Lower case, no accents, single spaces: ``"À péage"`` → ``"a peage"``."""
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().replace("’", "'").split())


BDTOPO_NO_CARS = frozenset({"physiquement impossible", "restreint aux ayants droit", "interdit"})
BDTOPO_NO_WALK = frozenset({"type autoroutier", "quasi-autoroute", "bretelle"})
BDTOPO_NO_BIKE = frozenset({"type autoroutier", "quasi-autoroute", "bretelle", "escalier"})
BDTOPO_SKIP = frozenset({"bac ou liaison maritime", "bac auto", "bac pietons", "liaison maritime"})


def bdtopo_rule(attrs: Dict[str, Any]) -> Optional[Rule]:
    """The rule of a BD TOPO ``troncon_de_route`` (``nature``, ``vitesse_moyenne_vl``, ``sens_de_circulation``,
    ``acces_vehicule_leger``; BD TOPO 2 names ``vit_moy_vl``/``sens``/``acces`` too)."""
    a = {k.lower(): v for k, v in attrs.items()}

    def first(*keys: str) -> Any:
        for key in keys:
            if a.get(key) not in (None, ""):
                return a[key]
        return None

    state = _plain(first("etat_de_l_objet", "etat"))
    if state and state != "en service":
        return None
    nature = _plain(first("nature"))
    if nature in BDTOPO_SKIP:
        return None
    try:
        speed = float(first("vitesse_moyenne_vl", "vit_moy_vl") or 0.0)
    except (TypeError, ValueError):
        speed = 0.0
    sens = _plain(first("sens_de_circulation", "sens"))
    access = _plain(first("acces_vehicule_leger", "acces_vl", "acces"))
    forward = sens not in ("sens inverse", "sans objet")
    backward = sens not in ("sens direct", "sans objet")
    car = speed if speed > 0 and access not in BDTOPO_NO_CARS and (forward or backward) else 0.0
    if car <= 0:
        forward = backward = False
    walk = nature not in BDTOPO_NO_WALK and _plain(first("acces_pieton")) not in BDTOPO_NO_CARS
    bike = nature not in BDTOPO_NO_BIKE
    if car <= 0 and not walk and not bike:
        return None
    return Rule(car, forward, backward, walk, bike)


OSM = Profile("osm", osm_rule, OSM_FIELDS, "all", OSM_ATTRIBUTION)
BDTOPO = Profile("bdtopo", bdtopo_rule, BDTOPO_FIELDS, "ends", BDTOPO_ATTRIBUTION)
PROFILES = {"osm": OSM, "bdtopo": BDTOPO}


def _profile(profile: Union[str, Profile]) -> Profile:
    return PROFILES[profile] if isinstance(profile, str) else profile


# ---------------------------------------------------------------------------------------------- assembly

class _Feedback:
    """Progress, cancel and messages on an optional QgsFeedback-like object."""

    def __init__(self, feedback: Any) -> None:
        self.feedback = feedback

    def progress(self, done: int, total: int) -> None:
        if self.feedback is not None:
            if self.feedback.isCanceled():
                raise BuildCanceledError(tr("Compilation du réseau routier annulée."))
            if total > 0:
                self.feedback.setProgress(min(100.0, 90.0 * done / total))

    def info(self, text: str) -> None:
        if self.feedback is not None and hasattr(self.feedback, "pushInfo"):
            self.feedback.pushInfo(text)


_A, _E2 = 6378137.0, 0.00669438002290  # GRS80 ≈ WGS84


def _segment_lengths(coords: np.ndarray, geographic: bool) -> np.ndarray:
    """Length (m) of every consecutive pair of ``coords``: ellipsoidal local radii for degrees, planar otherwise."""
    if not geographic:
        return np.hypot(np.diff(coords[:, 0]), np.diff(coords[:, 1]))
    lon, lat = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    mid = (lat[1:] + lat[:-1]) / 2.0
    w = 1.0 - _E2 * np.sin(mid) ** 2
    meridian = _A * (1.0 - _E2) / w ** 1.5
    normal = _A / np.sqrt(w)
    dlon = (np.diff(lon) + math.pi) % (2 * math.pi) - math.pi
    return np.hypot(normal * np.cos(mid) * dlon, meridian * np.diff(lat))


def _assemble(parts: List[np.ndarray], rule_ids: List[int], rules: List[Rule], xy: np.ndarray, seg_length: np.ndarray,
              join: str) -> Tuple[Dict[str, np.ndarray], Dict[str, int]]:
    """Nodes and segments from concatenated line vertices (``xy`` EPSG:2154, ``seg_length`` per consecutive pair)."""
    counts = np.array([p.shape[0] for p in parts], np.int64)
    total = int(counts.sum())
    line = np.repeat(np.arange(counts.size), counts)
    starts = np.zeros(counts.size, np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    cm = np.rint(xy * 100.0).astype(np.int64)
    kx, ky = cm[:, 0] - cm[:, 0].min(), cm[:, 1] - cm[:, 1].min()
    span = int(ky.max()) + 1
    if int(kx.max()) < (2 ** 62) // span:
        _, position = np.unique(kx * span + ky, return_inverse=True)
    else:  # pragma: no cover - continental extents only
        _, position = np.unique(cm, axis=0, return_inverse=True)
    position = position.reshape(-1)
    if join == "ends":  # a vertex joins others only where a line ends: two inner vertices on one spot stay apart
        end = np.zeros(total, bool)
        end[starts] = end[starts + counts - 1] = True
        has_end = np.zeros(int(position.max()) + 1, bool)
        has_end[position[end]] = True
        junction = has_end[position]
        ids = np.where(junction, position, position.max() + 1 + np.arange(total))
    else:
        ids = position
    # number the nodes in order of first appearance along the lines (neighbours stay close in memory)
    _, first, dense = np.unique(ids, return_index=True, return_inverse=True)
    rank = np.empty(first.size, np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    node = rank[dense.reshape(-1)]
    node_xy = cm[np.sort(first)] / 100.0
    pair = line[1:] == line[:-1]
    src, dst, length = node[:-1][pair], node[1:][pair], seg_length[pair]
    rule_of = np.asarray(rule_ids, np.int64)[line[:-1][pair]]
    loops = src == dst
    src, dst, length, rule_of = src[~loops], dst[~loops], length[~loops], rule_of[~loops]
    table = {name: np.array([getattr(r, name) for r in rules], dtype=np.float32 if name == "car_kmh" else bool)
             for name in ("car_kmh", "forward", "backward", "walk", "bike", "bike_contraflow")}
    arrays = {k: v[rule_of] for k, v in table.items()}
    contra = arrays.pop("bike_contraflow")
    n_contra = int(contra.sum())
    if n_contra:  # parallel bicycle-only segment: bicycles ride the car one-way both ways
        src, dst, length = np.r_[src, src[contra]], np.r_[dst, dst[contra]], np.r_[length, length[contra]]
        arrays = {"car_kmh": np.r_[arrays["car_kmh"], np.zeros(n_contra, np.float32)],
                  "forward": np.r_[arrays["forward"], np.zeros(n_contra, bool)],
                  "backward": np.r_[arrays["backward"], np.zeros(n_contra, bool)],
                  "walk": np.r_[arrays["walk"], np.zeros(n_contra, bool)],
                  "bike": np.r_[arrays["bike"], np.ones(n_contra, bool)]}
    used = np.zeros(node_xy.shape[0], bool)
    used[src] = used[dst] = True
    renumber = np.cumsum(used) - 1
    out = {"xy": node_xy[used], "src": renumber[src].astype(np.int32), "dst": renumber[dst].astype(np.int32),
           "length": length.astype(np.float32), **arrays}
    stats = {"vertices": total, "self_loops_dropped": int(loops.sum()), "contraflow_segments": n_contra,
             "isolated_vertices_dropped": int((~used).sum())}
    return out, stats


def _network_from_parts(parts: List[np.ndarray], rule_ids: List[int], rules: List[Rule], to_2154: Callable[[np.ndarray], np.ndarray],
                        geographic: bool, profile: Profile, source: str, meta: Dict[str, Any], started: float,
                        lengths: Optional[List[np.ndarray]] = None) -> RoadNetwork:
    """Transform, measure and assemble the collected lines into a network (with counts in ``meta``)."""
    if not parts:
        raise NetworkBuildError(tr("Aucune route utilisable dans {source}.").format(source=source))
    coords = np.concatenate(parts)
    if lengths is None:
        seg_length = _segment_lengths(coords, geographic)
    else:  # given per line: put them at the pair positions of the concatenation
        seg_length = np.concatenate([np.r_[np.asarray(x, np.float64).reshape(-1), 0.0] for x in lengths])[:-1]
    xy = to_2154(coords)
    if not np.isfinite(xy).all():
        raise NetworkBuildError(tr("Coordonnées impossibles à convertir en Lambert-93 dans {source}.").format(source=source))
    arrays, stats = _assemble(parts, rule_ids, rules, xy, seg_length, profile.join)
    network = RoadNetwork(xy=arrays["xy"], src=arrays["src"], dst=arrays["dst"], length=arrays["length"],
                          car_speed=arrays["car_kmh"], car_forward=arrays["forward"], car_backward=arrays["backward"],
                          walk=arrays["walk"], bike=arrays["bike"], source=source, synthetic=False)
    counts = dict(meta.get("counts", {}), **stats, lines_kept=len(parts), nodes=network.node_count,
                  segments=network.segment_count,
                  car_oneway_segments=int(((network.car_speed > 0) & (network.car_forward != network.car_backward)).sum()))
    for mode in MODES:
        counts[f"{mode}_arcs"] = int(network.csr_arrays(mode, False)[1].size)
        counts[f"{mode}_nodes"] = int(network.mode_nodes(mode).size)
    network.meta = dict(meta, counts=counts, crs=f"EPSG:{TARGET_EPSG}", profile=profile.name, build_version=BUILD_VERSION,
                        join=profile.join, lengths="ellipsoidales" if geographic and lengths is None else "planes",
                        compressed=False, attribution=profile.attribution, build_s=round(time.perf_counter() - started, 3))
    return network


def from_lines(lines: Iterable[Sequence[Any]], profile: Union[str, Profile] = "osm", *, source: str = "", feedback: Any = None) -> RoadNetwork:
    """A network from ``(xy, attrs)`` or ``(xy, attrs, lengths)`` items: ``xy`` a (k, 2) sequence in EPSG:2154,
    ``attrs`` the line's attributes for ``profile`` (``"osm"``, ``"bdtopo"`` or a :class:`Profile`), ``lengths`` the
    k-1 segment lengths in metres (default: planar in EPSG:2154)."""
    started = time.perf_counter()
    chosen = _profile(profile)
    parts, rule_ids, rules, lengths = [], [], [], []
    interned: Dict[Rule, int] = {}
    read = 0
    for item in lines:
        read += 1
        rule = chosen.rule(dict(item[1]))
        coords = np.asarray(item[0], np.float64)
        if rule is None or coords.ndim != 2 or coords.shape[0] < 2:
            continue
        parts.append(coords[:, :2])
        if rule not in interned:
            interned[rule] = len(rules)
            rules.append(rule)
        rule_ids.append(interned[rule])
        if len(item) > 2:
            lengths.append(item[2])
    if lengths and len(lengths) != len(parts):
        raise ValueError("give segment lengths for every line or for none")
    return _network_from_parts(parts, rule_ids, rules, lambda xy: xy, False, chosen, source or tr("lignes"),
                               {"counts": {"lines_read": read}}, started, lengths or None)


# ---------------------------------------------------------------------------------------------- reading

def _wkb_lines(buf: bytes) -> List[np.ndarray]:
    """The (k, 2) vertex arrays of a (Multi)LineString WKB (ISO or EWKB, any Z/M), in its own coordinates."""
    parts: List[np.ndarray] = []

    def read(offset: int) -> int:
        endian = "<" if buf[offset] == 1 else ">"
        (code,) = struct.unpack_from(endian + "I", buf, offset + 1)
        offset += 5
        if code & 0x20000000:  # EWKB SRID
            offset += 4
        has_z, has_m = bool(code & 0x80000000), bool(code & 0x40000000)
        code &= 0x0FFFFFFF
        base, dims = code % 1000, code // 1000
        ndim = 2 + (has_z or dims in (1, 3)) + (has_m or dims in (2, 3))
        (count,) = struct.unpack_from(endian + "I", buf, offset)
        offset += 4
        if base == 2:
            values = np.frombuffer(buf, dtype=endian + "f8", count=count * ndim, offset=offset)
            parts.append(values.reshape(count, ndim)[:, :2].astype(np.float64))
            return offset + 8 * count * ndim
        if base in (5, 7):
            for _ in range(count):
                offset = read(offset)
            return offset
        raise ValueError(f"unsupported WKB geometry type {code}")

    read(0)
    return parts


def _osr(srs_source: Any):
    """An ``osr.SpatialReference`` (traditional GIS axis order) from an EPSG code, a WKT or an osr object."""
    from osgeo import osr

    if isinstance(srs_source, osr.SpatialReference):
        srs = srs_source.Clone()
    else:
        srs = osr.SpatialReference()
        text = str(srs_source)
        if text.upper().startswith("EPSG:") and srs.ImportFromEPSG(int(text.split(":")[1])) == 0:
            pass
        elif srs.SetFromUserInput(text) != 0:
            raise NetworkBuildError(tr("Système de coordonnées inconnu : {crs}").format(crs=text[:80]))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _transformer(srs: Any) -> Tuple[Callable[[np.ndarray], np.ndarray], bool]:
    """(vertex transform to EPSG:2154, source is geographic) for an osr SRS (``None``: already EPSG:2154)."""
    from osgeo import osr

    target = _osr(f"EPSG:{TARGET_EPSG}")
    if srs is None or srs.IsSame(target):
        return (lambda xy: xy), False
    transform = osr.CoordinateTransformation(srs, target)

    def apply(xy: np.ndarray) -> np.ndarray:
        if xy.shape[0] == 0:
            return xy
        return np.asarray(transform.TransformPoints(np.ascontiguousarray(xy[:, :2])), np.float64)[:, :2]

    return apply, bool(srs.IsGeographic())


class _Collector:
    """Accumulates the routable lines of a source: vertex arrays, interned rules, counts."""

    def __init__(self, profile: Profile, feedback: Any) -> None:
        self.profile, self.feedback = profile, _Feedback(feedback)
        self.parts: List[np.ndarray] = []
        self.rule_ids: List[int] = []
        self.rules: List[Rule] = []
        self._interned: Dict[Rule, int] = {}
        self._memo: Dict[Tuple[Any, ...], Optional[Rule]] = {}
        self.read = 0

    def add(self, wkb: bytes, attrs: Dict[str, Any], total: int) -> None:
        self.read += 1
        if self.read % 2000 == 0:
            self.feedback.progress(self.read, total)
        key = tuple(attrs.values())
        try:
            rule = self._memo[key]
        except KeyError:
            rule = self._memo[key] = self.profile.rule(attrs)
        except TypeError:  # unhashable attribute value
            rule = self.profile.rule(attrs)
        if rule is None or not wkb:
            return
        index = self._interned.get(rule)
        if index is None:
            index = self._interned[rule] = len(self.rules)
            self.rules.append(rule)
        for part in _wkb_lines(wkb):
            if part.shape[0] >= 2:
                self.parts.append(part)
                self.rule_ids.append(index)


@contextmanager
def _gdal_quiet() -> Iterator[None]:
    """Silence GDAL ≥ 3.9's FutureWarning about exceptions (the plugin never changes GDAL's global mode)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        yield


def _read_ogr_layer(layer: Any, profile: Profile, collector: _Collector) -> None:
    """Feed the collector from an OGR layer, reading only the fields the profile needs."""
    from osgeo import ogr

    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    wanted = [(i, name.lower()) for i, name in enumerate(names) if name.lower() in profile.fields]
    if hasattr(layer, "SetIgnoredFields"):
        layer.SetIgnoredFields([n for n in names if n.lower() not in profile.fields])
    total = max(layer.GetFeatureCount(force=0) if hasattr(layer, "GetFeatureCount") else -1, 0)
    layer.ResetReading()
    feature = layer.GetNextFeature()
    while feature is not None:
        geometry = feature.GetGeometryRef()
        wkb = b""
        if geometry is not None and not geometry.IsEmpty():
            if geometry.HasCurveGeometry():
                geometry = geometry.GetLinearGeometry()
            wkb = bytes(geometry.ExportToIsoWkb(ogr.wkbNDR))
        collector.add(wkb, {name: (feature.GetField(i) if feature.IsFieldSetAndNotNull(i) else None) for i, name in wanted}, total)
        feature = layer.GetNextFeature()


def from_osm_pbf(path: Union[str, Path], feedback: Any = None) -> RoadNetwork:
    """A network from an OpenStreetMap ``.osm.pbf`` (or ``.osm``) file, through GDAL's OSM driver (``lines`` layer)."""
    started = time.perf_counter()
    path = Path(path)
    collector = _Collector(OSM, feedback)
    with _gdal_quiet():
        from osgeo import gdal

        try:  # GDAL ≥ 3.9 with exceptions enabled raises instead of returning None
            dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["OSM"])
        except RuntimeError:
            dataset = None
        if dataset is None:
            raise NetworkBuildError(tr("Fichier de réseau illisible : {chemin}").format(chemin=path.name))
        # one SELECT on one layer: the OSM driver then skips the features of the other layers
        try:
            layer = dataset.ExecuteSQL("SELECT highway, other_tags FROM lines WHERE highway IS NOT NULL")
        except RuntimeError:
            layer = None
        if layer is None:
            raise NetworkBuildError(tr("Fichier de réseau illisible : {chemin}").format(chemin=path.name))
        try:
            srs = layer.GetSpatialRef()
            _read_ogr_layer(layer, OSM, collector)
        finally:
            dataset.ReleaseResultSet(layer)
        to_2154, geographic = _transformer(_osr(srs if srs is not None else "EPSG:4326"))
    network = _network_from_parts(collector.parts, collector.rule_ids, collector.rules, to_2154, geographic, OSM, path.name,
                                  {"counts": {"lines_read": collector.read}, "file": path.name, "format": "osm"}, started)
    _report(network, feedback)
    return network


def _report(network: RoadNetwork, feedback: Any) -> None:
    _Feedback(feedback).info(tr("Réseau routier compilé : {noeuds} nœuds, {troncons} tronçons ({source}).").format(
        noeuds=network.node_count, troncons=network.segment_count, source=network.source))
    if feedback is not None:
        feedback.setProgress(100.0)


def _is_qgis_layer(obj: Any) -> bool:
    return hasattr(obj, "getFeatures") and hasattr(obj, "fields") and hasattr(obj, "crs")


def _read_qgis_layer(layer: Any, profile: Profile, collector: _Collector) -> Any:
    """Feed the collector from a QgsVectorLayer (only the profile's fields); returns its osr SRS (None if unknown)."""
    from qgis.core import QgsFeatureRequest, QgsGeometry, QgsWkbTypes

    names = layer.fields().names()
    wanted = [(i, name.lower()) for i, name in enumerate(names) if name.lower() in profile.fields]
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes([i for i, _ in wanted])
    total = max(int(layer.featureCount()), 0)
    for feature in layer.getFeatures(request):
        geometry = feature.geometry()
        wkb = b""
        if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
            if QgsWkbTypes.isCurvedType(geometry.wkbType()):
                geometry = QgsGeometry(geometry.constGet().segmentize())
            wkb = bytes(geometry.asWkb())
        collector.add(wkb, {name: _plain_value(feature.attribute(i)) for i, name in wanted}, total)
    crs = layer.crs()
    if not crs.isValid():
        return None
    authid = crs.authid()
    return _osr(authid if authid.upper().startswith("EPSG:") else crs.toWkt())


def _plain_value(value: Any) -> Any:
    """A QGIS attribute as a plain Python value (NULL QVariant → None)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def _open_ogr_layer(path: str, prefer: Sequence[str], required_field: Optional[str] = None) -> Tuple[Any, Any]:
    """(dataset, layer) of a vector file; ``path|layername=x`` picks a layer, else one of ``prefer``, else the only/first line layer."""
    from osgeo import gdal, ogr

    base, _, options = path.partition("|")
    name = None
    for option in options.split("|"):
        if option.lower().startswith("layername="):
            name = option.split("=", 1)[1]
    try:  # GDAL ≥ 3.9 with exceptions enabled raises instead of returning None
        dataset = gdal.OpenEx(base, gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError:
        dataset = None
    if dataset is None:
        raise NetworkBuildError(tr("Fichier de réseau illisible : {chemin}").format(chemin=Path(base).name))
    layers = [dataset.GetLayer(i) for i in range(dataset.GetLayerCount())]
    by_name = {layer.GetName().lower(): layer for layer in layers}
    if name is not None and name.lower() in by_name:
        return dataset, by_name[name.lower()]
    for candidate in prefer:
        if candidate in by_name:
            return dataset, by_name[candidate]
    lines = [layer for layer in layers if ogr.GT_Flatten(layer.GetGeomType()) in (ogr.wkbLineString, ogr.wkbMultiLineString,
                                                                                 ogr.wkbUnknown, ogr.wkbCompoundCurve, ogr.wkbMultiCurve)]
    if required_field:
        fields = [layer for layer in lines if required_field in
                  [layer.GetLayerDefn().GetFieldDefn(i).GetName().lower() for i in range(layer.GetLayerDefn().GetFieldCount())]]
        lines = fields or lines
    if not lines:
        raise NetworkBuildError(tr("Aucune couche de lignes dans {chemin}.").format(chemin=Path(base).name))
    return dataset, lines[0]


def _from_source(layer_or_path: Any, profile: Profile, feedback: Any, prefer: Sequence[str], required_field: Optional[str],
                 fmt: str) -> RoadNetwork:
    started = time.perf_counter()
    collector = _Collector(profile, feedback)
    if _is_qgis_layer(layer_or_path):
        srs = _read_qgis_layer(layer_or_path, profile, collector)
        source = layer_or_path.name() or layer_or_path.source()
        with _gdal_quiet():
            to_2154, geographic = _transformer(srs)
    else:
        path = str(layer_or_path)
        with _gdal_quiet():
            dataset, layer = _open_ogr_layer(path, prefer, required_field)
            srs = layer.GetSpatialRef()
            _read_ogr_layer(layer, profile, collector)
            to_2154, geographic = _transformer(_osr(srs) if srs is not None else None)
            del layer, dataset
        source = Path(path.partition("|")[0]).name
    network = _network_from_parts(collector.parts, collector.rule_ids, collector.rules, to_2154, geographic, profile, source,
                                  {"counts": {"lines_read": collector.read}, "format": fmt}, started)
    _report(network, feedback)
    return network


def from_bdtopo(layer_or_path: Any, feedback: Any = None) -> RoadNetwork:
    """A network from IGN BD TOPO ``troncon_de_route`` (a QgsVectorLayer, or a file path: GeoPackage, Shapefile…)."""
    return _from_source(layer_or_path, BDTOPO, feedback, ("troncon_de_route",), "vitesse_moyenne_vl", "bdtopo")


def from_layer(layer_or_path: Any, feedback: Any = None) -> RoadNetwork:
    """A network from a line layer: BD TOPO when it has ``vitesse_moyenne_vl``, else OSM tags (``highway`` + tags or ``other_tags``)."""
    if _is_qgis_layer(layer_or_path):
        names = [n.lower() for n in layer_or_path.fields().names()]
    elif str(layer_or_path).lower().partition("|")[0].endswith((".pbf", ".osm")):
        return from_osm_pbf(str(layer_or_path).partition("|")[0], feedback)
    else:
        with _gdal_quiet():
            _dataset, layer = _open_ogr_layer(str(layer_or_path), ("troncon_de_route", "lines"), None)
            definition = layer.GetLayerDefn()
            names = [definition.GetFieldDefn(i).GetName().lower() for i in range(definition.GetFieldCount())]
            del layer, _dataset
    if "vitesse_moyenne_vl" in names or "vit_moy_vl" in names:
        return from_bdtopo(layer_or_path, feedback)
    return _from_source(layer_or_path, OSM, feedback, ("lines",), "highway", "osm")


# ---------------------------------------------------------------------------------------------- cache

def cache_file(path: Union[str, Path], cache_dir: Union[str, Path], builder: Callable[..., RoadNetwork]) -> Tuple[Path, str]:
    """(compiled file, fingerprint) of a source file for a builder: name, size, mtime, builder and :data:`BUILD_VERSION`."""
    path = Path(path)
    key = fingerprint(path, builder=getattr(builder, "__name__", str(builder)), build_version=BUILD_VERSION)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", path.name)[:60]
    return Path(cache_dir) / f"{stem}-{key[:16]}.npz", key


def load_or_build(path: Union[str, Path], cache_dir: Union[str, Path], builder: Callable[..., RoadNetwork] = from_osm_pbf,
                  feedback: Any = None) -> RoadNetwork:
    """The compiled network of a source file: read from ``cache_dir`` when its fingerprint still matches, else built and cached.

    A changed file (size, modification time), builder or :data:`BUILD_VERSION` gives a new fingerprint:
    the network is rebuilt and older compilations of the same file are removed.
    """
    path = Path(path)
    if not path.exists():
        raise NetworkBuildError(tr("Fichier de réseau illisible : {chemin}").format(chemin=path.name))
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target, key = cache_file(path, cache_dir, builder)
    if target.exists():
        try:
            network = RoadNetwork.load(target)
            if network.meta.get("fingerprint") == key:
                network.meta["cache"] = str(target)
                _Feedback(feedback).info(tr("Réseau routier repris du cache : {chemin}").format(chemin=target.name))
                return network
        except (OSError, ValueError, KeyError):
            pass  # unreadable or stale: rebuild
    network = builder(path, feedback=feedback)
    network.meta["fingerprint"] = key
    network.save(target)
    network.meta["cache"] = str(target)
    prefix = target.name[:-len(key[:16]) - len(".npz")]
    for old in cache_dir.glob(f"{prefix}*.npz"):
        if old != target and re.fullmatch(re.escape(prefix) + r"[0-9a-f]{16}\.npz", old.name):
            old.unlink(missing_ok=True)
    return network

