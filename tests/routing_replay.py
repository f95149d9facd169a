"""A replay of four routing services for tests, answering with ``tests/data/routage`` (provenance in its README).

Importable as ``routing_replay`` (tests/ is on sys.path): :func:`start_routing_replay` runs this file
as a subprocess on 127.0.0.1 (port chosen by the system, ``READY <port>`` on stdout), so QGIS's
blocking network requests in the test process never wait on a Python thread. Every request is
appended to ``workdir/requests.jsonl`` *before* it is answered: method, path, raw query, body (JSON
when it parses), headers — the ``Authorization`` value replaced by ``sha256:<hex digest>`` —,
the fixture used, the status and the time of arrival.

Routes (by path prefix) and the checks each service makes before answering, with its own error shape:

* ``/navigation`` — IGN Géoplateforme (Road2): ``GET /getcapabilities``; ``GET /isochrone`` checked as
  Road2's ``checkIsochroneParameters`` does, in its order (``resource``, ``crs``, ``point``, ``costType``,
  ``costValue``, ``timeUnit``, ``profile``, ``direction``, ``geometryFormat``) against the getcapabilities
  fixture; refusals ``HTTP 400 {"error":{"message":"Parameter '…' not found."}}``. The replay only
  answers ``crs=EPSG:4326``. The isochrone fixture of the profile is scaled by ``costValue`` and moved
  to ``point``.
* ``/valhalla`` — ``POST /isochrone`` (at most :data:`VALHALLA_MAX_CONTOURS` contours, minutes) and
  ``POST /sources_to_targets`` (at most ``--valhalla-max-pairs`` pairs); refusals
  ``{"error_code","error","status_code","status"}``; a location north of :data:`SEA_LAT` answers 171.
* ``/osrm`` — ``GET /table/v1/{profile}/{lon,lat;…}?sources=…&destinations=…&annotations=duration``;
  ``TooBig`` beyond ``--osrm-max-table-size`` (sources × destinations > size²), ``NoSegment`` for the
  first coordinate west of :data:`NO_ROAD_LON`.
* ``/ors`` — ``POST /v2/isochrones/{profile}`` (≤ 5 locations, ≤ 10 ranges, ≤ 3600 s by car) and
  ``POST /v2/matrix/{profile}`` (≤ 3 500 elements); with ``--ors-key-sha256`` the ``Authorization``
  header must hold the key whose SHA-256 is given: absent → 401, other → 403 (gateway bodies).

Matrices: the fixture itself when the request asks exactly its points, otherwise the same shape with
times from :func:`synthetic_seconds` (deterministic, asymmetric; ``null`` when a point is north of
:data:`SEA_LAT`).

Modes (``--mode``): ``""`` normal; ``slow`` (answers after :data:`SLOW_S`); ``error500`` (each service's
500 body); ``ratelimit`` (HTTP 429, ``Retry-After: 5``, each service's 429 body).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import math
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qs, unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import spawn_ready, stop_process  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "data" / "routage"
MODES = ("", "slow", "error500", "ratelimit")
SERVICES = ("navigation", "valhalla", "osrm", "ors")
SLOW_S = 6.0
RETRY_AFTER_S = 5
#: points north of this latitude are in the sea: no route (null times, Valhalla error 171)
SEA_LAT = 51.05
#: OSRM cannot snap points west of this longitude (NoSegment)
NO_ROAD_LON = 1.45
VALHALLA_MAX_CONTOURS = 4
ORS_MAX_LOCATIONS = 5
ORS_MAX_RANGES = 10
ORS_MAX_RANGE_S = {"driving-car": 3600.0, "driving-hgv": 3600.0}
ORS_MAX_RANGE_DEFAULT_S = 18000.0
ORS_MAX_ELEMENTS = 3500
EARTH_RADIUS_M = 6371008.8
#: m/s by profile family, for the synthetic matrices
SPEEDS = {"car": 13.9, "foot": 1.25, "bike": 4.2}
PROFILE_FAMILY = {"car": "car", "driving": "car", "auto": "car", "driving-car": "car", "driving-hgv": "car",
                  "foot": "foot", "walking": "foot", "pedestrian": "foot", "foot-walking": "foot", "foot-hiking": "foot",
                  "bike": "bike", "cycling": "bike", "bicycle": "bike", "cycling-regular": "bike", "cycling-road": "bike",
                  "cycling-mountain": "bike", "cycling-electric": "bike"}
VALHALLA_COSTINGS = ("auto", "bicycle", "pedestrian", "truck", "bus", "taxi", "motor_scooter", "motorcycle", "bikeshare")
ORS_PROFILES = ("driving-car", "driving-hgv", "foot-walking", "foot-hiking", "cycling-regular", "cycling-road",
                "cycling-mountain", "cycling-electric", "wheelchair")


# --------------------------------------------------------------------------- what the tests use

@dataclass
class RecordedRequest:
    method: str
    path: str
    #: the raw (still percent-encoded) query string
    query: str
    body: Any
    headers: dict
    fixture: str
    status: int
    time: float

    @property
    def service(self) -> str:
        return self.path.strip("/").split("/")[0]

    @property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query, keep_blank_values=True)

    def param(self, name: str) -> Optional[str]:
        values = self.params.get(name)
        return values[0] if values else None

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())


@dataclass
class RoutingReplay:
    proc: subprocess.Popen
    port: int
    workdir: Path

    def url(self, service: str) -> str:
        """Base URL of a service (``navigation``, ``valhalla``, ``osrm``, ``ors``)."""
        return f"http://127.0.0.1:{self.port}/{service}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "requests.jsonl"

    def requests(self, service: Optional[str] = None) -> list[RecordedRequest]:
        if not self.log_path.exists():
            return []
        entries = [RecordedRequest(**json.loads(line)) for line in self.log_path.read_text("utf-8").splitlines()]
        return [e for e in entries if service is None or e.service == service]

    def stop(self) -> None:
        stop_process(self.proc)


def start_routing_replay(workdir: Path, mode: str = "", *, osrm_max_table_size: int = 100, valhalla_max_pairs: int = 2500,
                         ors_key_sha256: str = "") -> RoutingReplay:
    """Start the replay in a subprocess (``mode``: one of :data:`MODES`). The caller stops it."""
    if mode not in MODES:
        raise ValueError(mode)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--port", "0", "--log", str(workdir / "requests.jsonl"),
               "--osrm-max-table-size", str(osrm_max_table_size), "--valhalla-max-pairs", str(valhalla_max_pairs)]
    if mode:
        command += ["--mode", mode]
    if ors_key_sha256:
        command += ["--ors-key-sha256", ors_key_sha256]
    proc, port = spawn_ready(command, workdir / "replay.stderr", "routing replay")
    return RoutingReplay(proc, port, workdir)


def key_digest(key: str) -> str:
    """How the log writes an ``Authorization`` value."""
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- geometry and synthetic times

def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def synthetic_seconds(a: tuple[float, float], b: tuple[float, float], profile: str) -> Optional[float]:
    """Travel time a → b: 1.3 × crow-fly distance at the profile's speed, 10 % more eastwards; ``None`` at sea."""
    if a[1] > SEA_LAT or b[1] > SEA_LAT:
        return None
    speed = SPEEDS[PROFILE_FAMILY.get(profile, "car")]
    factor = 1.1 if b[0] > a[0] else 1.0
    return 1.3 * distance_m(a, b) / speed * factor


def _same_points(a: list, b: list) -> bool:
    return len(a) == len(b) and all(abs(p[0] - q[0]) < 1e-4 and abs(p[1] - q[1]) < 1e-4 for p, q in zip(a, b))


def _moved(coordinates: Any, center: tuple[float, float], point: tuple[float, float], scale: float) -> Any:
    """GeoJSON coordinates scaled by ``scale`` around ``center`` and moved to ``point``."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(point[0] + (coordinates[0] - center[0]) * scale, 6), round(point[1] + (coordinates[1] - center[1]) * scale, 6)]
    return [_moved(c, center, point, scale) for c in coordinates]


def _wkt(geometry: dict) -> str:
    def ring(r):
        return "(" + ", ".join(f"{x} {y}" for x, y in r) + ")"
    if geometry["type"] == "Polygon":
        return "POLYGON (" + ", ".join(ring(r) for r in geometry["coordinates"]) + ")"
    return "MULTIPOLYGON (" + ", ".join("(" + ", ".join(ring(r) for r in p) + ")" for p in geometry["coordinates"]) + ")"


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?", value.strip()):
        return float(value)
    return None


def _lonlat(value: Any) -> Optional[tuple[float, float]]:
    if isinstance(value, (list, tuple)) and len(value) >= 2 and _number(value[0]) is not None and _number(value[1]) is not None:
        return float(value[0]), float(value[1])
    if isinstance(value, dict) and _number(value.get("lon")) is not None and _number(value.get("lat")) is not None:
        return float(value["lon"]), float(value["lat"])
    return None


# --------------------------------------------------------------------------- the services

class Answer(Exception):
    """An HTTP answer (raised to stop the checks)."""

    def __init__(self, status: int, body: Any, fixture: str = "", content_type: str = "", headers: Optional[dict] = None):
        super().__init__(status)
        self.status, self.body, self.fixture, self.headers = status, body, fixture, headers or {}
        self.content_type = content_type or ("application/json; charset=utf-8" if not isinstance(body, bytes) else "text/html")


class Services:
    def __init__(self, fixtures: Path, mode: str, osrm_max_table_size: int, valhalla_max_pairs: int, ors_key_sha256: str):
        self.fixtures, self.mode = fixtures, mode
        self.osrm_max_table_size, self.valhalla_max_pairs, self.ors_key_sha256 = osrm_max_table_size, valhalla_max_pairs, ors_key_sha256

    def load(self, name: str) -> Any:
        return json.loads((self.fixtures / name).read_text("utf-8"))

    def page(self, name: str) -> bytes:
        return (self.fixtures / name).read_bytes()

    # ------------------------------------------------------------------ dispatch

    def answer(self, method: str, path: str, query: dict[str, str], body: Any, headers: dict[str, str]) -> Answer:
        service = path.strip("/").split("/")[0]
        rest = path.strip("/")[len(service):].strip("/")
        if service not in SERVICES:
            return Answer(404, b"<html><head><title>404 Not Found</title></head></html>", "", "text/html")
        try:
            if service == "ors":
                self.ors_auth(headers)
            if self.mode == "error500":
                return self.error500(service, rest)
            if self.mode == "ratelimit":
                return self.ratelimit(service)
            handler = {"navigation": self.navigation, "valhalla": self.valhalla, "osrm": self.osrm, "ors": self.ors}[service]
            return handler(method, rest, query, body)
        except Answer as answer:
            return answer

    def error500(self, service: str, rest: str) -> Answer:
        if service == "navigation":
            return Answer(500, self.load("geopf-erreur-500.json"), "geopf-erreur-500.json")
        if service == "ors":
            data = self.load("ors-erreur-500.json")
            if rest.startswith("v2/matrix"):
                data["error"]["code"] = 6099
            return Answer(500, data, "ors-erreur-500.json")
        return Answer(500, self.page("erreur-500.html"), "erreur-500.html", "text/html")

    def ratelimit(self, service: str) -> Answer:
        headers = {"Retry-After": str(RETRY_AFTER_S)}
        if service == "osrm":
            return Answer(429, self.load("osrm-erreur-429.json"), "osrm-erreur-429.json", headers=headers)
        if service == "ors":
            return Answer(429, self.load("ors-erreur-429.json"), "ors-erreur-429.json", headers=headers)
        return Answer(429, self.page("erreur-429.html"), "erreur-429.html", "text/html", headers)

    # ------------------------------------------------------------------ Géoplateforme (Road2)

    @staticmethod
    def road2_error(message: str, status: int = 400) -> Answer:
        return Answer(status, {"error": {"message": message}}, "geopf-erreur-400.json")

    def navigation(self, method: str, rest: str, query: dict[str, str], body: Any) -> Answer:
        if method != "GET" or rest.lower() not in ("getcapabilities", "isochrone"):
            raise Answer(404, {"error": "Not found"})
        capabilities = self.load("geopf-getcapabilities.json")
        if rest.lower() == "getcapabilities":
            return Answer(200, capabilities, "geopf-getcapabilities.json")
        resource_id = query.get("resource")
        if not resource_id:
            raise self.road2_error("Parameter 'resource' not found.")
        resource = next((r for r in capabilities["resources"] if r["id"] == resource_id), None)
        if resource is None:
            raise self.road2_error("Parameter 'resource' is invalid.")
        operation = next((o for o in resource["availableOperations"] if o["id"] == "isochrone"), None)
        if operation is None:
            raise self.road2_error("Operation not permitted on this resource.")
        parameters = {p["id"]: p for p in operation["availableParameters"]}

        def allowed(name: str, value: str) -> bool:
            return value in parameters[name].get("values", [])

        def default(name: str) -> str:
            return parameters[name].get("defaultValue", "")

        crs = query.get("crs") or default("projection")
        if not allowed("projection", crs):
            raise self.road2_error(f" Parameter 'crs' is invalid: {crs} is not an available projection")
        if crs != "EPSG:4326":
            raise self.road2_error(" Parameter 'crs' is invalid: the replay only answers EPSG:4326")
        if not query.get("point"):
            raise self.road2_error("Parameter 'point' not found.")
        parts = query["point"].split(",")
        point = (_number(parts[0]), _number(parts[1])) if len(parts) == 2 else (None, None)
        if point[0] is None or point[1] is None or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            raise self.road2_error(f"Parameter 'point' is invalid: {query['point']} is not a point in {crs}")
        if not query.get("costType"):
            raise self.road2_error("Parameter 'costType' not found.")
        if not allowed("costType", query["costType"]):
            raise self.road2_error(f"Parameter 'costType' is invalid: {query['costType']} is not an available value")
        if not query.get("costValue"):
            raise self.road2_error("Parameter 'costValue' not found.")
        cost = _number(query["costValue"])
        if cost is None or cost <= 0:
            raise self.road2_error(f"Parameter 'costValue' is invalid: {query['costValue']} is not a positive number")
        if query["costType"] != "time":
            raise self.road2_error("Parameter 'costType' is invalid: the replay only answers isochrones (time)")
        unit = query.get("timeUnit") or default("timeUnit")
        if not allowed("timeUnit", unit):
            raise self.road2_error(f" Parameter 'timeUnit' is invalid: {unit} is not an available value")
        seconds = cost * {"hour": 3600.0, "minute": 60.0, "second": 1.0}[unit]
        profile = query.get("profile") or default("profile")
        if not allowed("profile", profile):
            raise self.road2_error(f"Parameter 'profile' is invalid: {profile} is not an available value")
        direction = query.get("direction") or default("direction")
        if not allowed("direction", direction):
            raise self.road2_error(f"Parameter 'direction' is invalid: {direction} is not an available value")
        geometry_format = query.get("geometryFormat") or default("geometryFormat")
        if not allowed("geometryFormat", geometry_format) or geometry_format == "polyline":
            raise self.road2_error(f"Parameter 'geometryFormat' is invalid: {geometry_format} is not an available value")
        name = {"car": "geopf-isochrone-voiture.json", "pedestrian": "geopf-isochrone-pieton.json"}[profile]
        data = self.load(name)
        center = tuple(float(v) for v in data["point"].split(","))
        geometry = {"type": data["geometry"]["type"],
                    "coordinates": _moved(data["geometry"]["coordinates"], center, point, seconds / float(data["costValue"]))}
        data.update(point=f"{point[0]},{point[1]}", resource=resource_id, costValue=cost, timeUnit=unit, profile=profile,
                    direction=direction, crs=crs, geometry=geometry if geometry_format == "geojson" else _wkt(geometry))
        return Answer(200, data, name)

    # ------------------------------------------------------------------ Valhalla

    @staticmethod
    def valhalla_error(code: int, message: str, status: int = 400) -> Answer:
        return Answer(status, {"error_code": code, "error": message, "status_code": status, "status": "Bad Request"},
                      "valhalla-erreur-400.json")

    def valhalla(self, method: str, rest: str, query: dict[str, str], body: Any) -> Answer:
        if rest not in ("isochrone", "sources_to_targets"):
            raise Answer(404, {"error_code": 106, "error": "Try any of:'/route' '/isochrone' '/sources_to_targets'",
                               "status_code": 404, "status": "Not Found"})
        if method != "POST":
            raise self.valhalla_error(101, "Try a POST or GET request instead")
        if not isinstance(body, dict):
            raise self.valhalla_error(100, "Failed to parse json request")
        costing = body.get("costing")
        if rest == "isochrone":
            locations = body.get("locations")
            if not isinstance(locations, list):
                raise self.valhalla_error(110, "Insufficiently specified required parameter 'locations'")
            points = [_lonlat(location) for location in locations]
            if not points:
                raise self.valhalla_error(120, "Insufficient number of locations provided")
            if any(p is None for p in points):
                raise self.valhalla_error(130, "Failed to parse location")
            if not costing:
                raise self.valhalla_error(124, "No edge/node costing provided")
            if costing not in VALHALLA_COSTINGS:
                raise self.valhalla_error(125, f"No costing method found for '{costing}'")
            contours = body.get("contours")
            if not isinstance(contours, list) or not contours:
                raise self.valhalla_error(113, "Insufficiently specified required parameter 'contours'")
            if len(contours) > VALHALLA_MAX_CONTOURS:
                raise self.valhalla_error(152, f"Exceeded max contours:{VALHALLA_MAX_CONTOURS}")
            minutes = [_number(c.get("time")) if isinstance(c, dict) else None for c in contours]
            if any(m is None or m <= 0 for m in minutes):
                raise self.valhalla_error(111, "Insufficiently specified required parameter 'time'")
            if body.get("polygons") is not True:
                raise self.valhalla_error(100, "Failed to parse json request: the replay only answers polygons")
            if points[0][1] > SEA_LAT:
                raise self.valhalla_error(171, "No suitable edges near location")
            data = self.load("valhalla-isochrone.json")
            templates = data["features"]
            center = (2.2957, 49.8941)
            features = []
            for wanted in sorted(minutes, reverse=True):
                template = min(templates, key=lambda f, w=wanted: abs(f["properties"]["contour"] - w))
                feature = copy.deepcopy(template)
                feature["properties"]["contour"] = wanted
                feature["geometry"]["coordinates"] = _moved(template["geometry"]["coordinates"], center, points[0],
                                                            wanted / template["properties"]["contour"])
                features.append(feature)
            data["features"] = features
            return Answer(200, data, "valhalla-isochrone.json")
        sources, targets = body.get("sources"), body.get("targets")
        if not isinstance(sources, list) or not isinstance(targets, list):
            raise self.valhalla_error(112, "Insufficiently specified required parameter 'locations' or 'sources & targets'")
        if not sources:
            raise self.valhalla_error(121, "Insufficient number of sources provided")
        if not targets:
            raise self.valhalla_error(122, "Insufficient number of targets provided")
        source_points, target_points = [_lonlat(s) for s in sources], [_lonlat(t) for t in targets]
        if any(p is None for p in source_points):
            raise self.valhalla_error(131, "Failed to parse source")
        if any(p is None for p in target_points):
            raise self.valhalla_error(132, "Failed to parse target")
        if not costing:
            raise self.valhalla_error(124, "No edge/node costing provided")
        if costing not in VALHALLA_COSTINGS:
            raise self.valhalla_error(125, f"No costing method found for '{costing}'")
        if len(sources) * len(targets) > self.valhalla_max_pairs:
            raise self.valhalla_error(150, f"Exceeded max locations:{self.valhalla_max_pairs}")
        fixture = self.load("valhalla-sources-to-targets.json")
        replay = fixture.pop("_replay")  # the points the fixture answers (not part of Valhalla's answer)
        if _same_points(source_points, replay["sources"]) and _same_points(target_points, replay["targets"]):
            return Answer(200, fixture, "valhalla-sources-to-targets.json")
        rows = []
        for i, a in enumerate(source_points):
            row = []
            for j, b in enumerate(target_points):
                seconds = synthetic_seconds(a, b, costing)
                row.append({"distance": None if seconds is None else round(distance_m(a, b) * 1.3 / 1000, 3),
                            "time": None if seconds is None else round(seconds), "to_index": j, "from_index": i})
            rows.append(row)
        return Answer(200, {"sources_to_targets": rows, "units": "kilometers"}, "valhalla-sources-to-targets.json (synthétique)")

    # ------------------------------------------------------------------ OSRM

    def osrm(self, method: str, rest: str, query: dict[str, str], body: Any) -> Answer:
        match = re.fullmatch(r"table/v1/([^/]+)/([^/?]+?)(\.json)?", rest)
        if method != "GET" or not match:
            raise Answer(400, {"code": "InvalidUrl", "message": f"URL string malformed close to position 0: \"/{rest[:5]}\""})
        profile, raw = match.group(1), unquote(match.group(2))
        points = []
        for pair in raw.split(";"):
            parts = pair.split(",")
            lon, lat = (_number(parts[0]), _number(parts[1])) if len(parts) == 2 else (None, None)
            if lon is None or lat is None:
                raise Answer(400, {"code": "InvalidUrl", "message": "URL string malformed close to position 0: \"/table\""})
            points.append((lon, lat))
        if len(points) < 1:
            raise Answer(400, {"code": "InvalidQuery", "message": "Query string malformed close to position 0"})

        def indices(name: str) -> list[int]:
            value = query.get(name, "all")
            if value == "all":
                return list(range(len(points)))
            try:
                result = [int(v) for v in value.split(";")]
            except ValueError:
                raise Answer(400, {"code": "InvalidQuery", "message": f"Query string malformed close to position 0: \"{name}\""}) from None
            if any(not 0 <= i < len(points) for i in result):
                raise Answer(400, {"code": "InvalidOptions", "message": "Index out of range"})
            return result

        sources, destinations = indices("sources"), indices("destinations")
        annotations = query.get("annotations", "duration")
        if "duration" not in annotations.split(",") and annotations != "true":
            raise Answer(400, {"code": "InvalidQuery", "message": "the replay only answers durations"})
        if len(sources) * len(destinations) > self.osrm_max_table_size ** 2:
            raise Answer(400, self.load("osrm-toobig.json"), "osrm-toobig.json")
        for index, (lon, _) in enumerate(points):
            if lon < NO_ROAD_LON:
                data = self.load("osrm-nosegment.json")
                data["message"] = re.sub(r"\d+$", str(index), data["message"])
                raise Answer(400, data, "osrm-nosegment.json")
        fixture = self.load("osrm-table.json")
        asked_sources, asked_destinations = [points[i] for i in sources], [points[i] for i in destinations]
        if _same_points(asked_sources, [w["location"] for w in fixture["sources"]]) and \
                _same_points(asked_destinations, [w["location"] for w in fixture["destinations"]]):
            return Answer(200, fixture, "osrm-table.json")
        durations = [[None if (s := synthetic_seconds(a, b, profile)) is None else round(s, 1) for b in asked_destinations]
                     for a in asked_sources]

        def waypoint(p: tuple[float, float]) -> dict:
            return {"hint": "", "distance": 0.0, "name": "", "location": [round(p[0], 6), round(p[1], 6)]}

        return Answer(200, {"code": "Ok", "durations": durations, "sources": [waypoint(p) for p in asked_sources],
                            "destinations": [waypoint(p) for p in asked_destinations]}, "osrm-table.json (synthétique)")

    # ------------------------------------------------------------------ openrouteservice

    def ors_auth(self, headers: dict[str, str]) -> None:
        if not self.ors_key_sha256:
            return
        value = headers.get("authorization")
        if not value:
            raise Answer(401, self.load("ors-erreur-401.json"), "ors-erreur-401.json")
        if hashlib.sha256(value.encode("utf-8")).hexdigest() != self.ors_key_sha256:
            raise Answer(403, self.load("ors-erreur-403.json"), "ors-erreur-403.json")

    def ors_error(self, code: int, message: str, status: int = 400) -> Answer:
        data = self.load("ors-erreur-400.json")
        data["error"] = {"code": code, "message": message}
        return Answer(status, data, "ors-erreur-400.json")

    def ors(self, method: str, rest: str, query: dict[str, str], body: Any) -> Answer:
        match = re.fullmatch(r"v2/(isochrones|matrix)/([^/]+?)(/geojson|/json)?", rest)
        if not match:
            raise Answer(404, {"error": {"code": 0, "message": "Not found"}})
        service, profile = match.group(1), match.group(2)
        base = 3000 if service == "isochrones" else 6000
        if method != "POST":
            raise Answer(405, {"error": {"code": base + 99, "message": "Request method 'GET' is not supported"}})
        if not isinstance(body, dict):
            raise self.ors_error(base, "Unable to parse JSON request.")
        if profile not in ORS_PROFILES:
            raise self.ors_error(base + 3, f"Parameter 'profile' has incorrect value of '{profile}'.")
        locations = body.get("locations")
        if not isinstance(locations, list) or not locations:
            raise self.ors_error(base + 1, "Parameter 'locations' is missing.")
        points = [_lonlat(location) for location in locations]
        if any(p is None for p in points):
            raise self.ors_error(base + 2, "Parameter 'locations' has incorrect format.")
        if service == "isochrones":
            return self.ors_isochrones(profile, points, body)
        return self.ors_matrix(profile, points, body)

    def ors_isochrones(self, profile: str, points: list, body: dict) -> Answer:
        ranges = body.get("range")
        if not isinstance(ranges, list) or not ranges:
            raise self.ors_error(3001, "Parameter 'range' is missing.")
        values = [_number(r) for r in ranges]
        if any(v is None or v <= 0 for v in values):
            raise self.ors_error(3002, "Parameter 'range' has incorrect format.")
        if body.get("range_type", "time") != "time":
            raise self.ors_error(3003, "Parameter 'range_type': the replay only answers time.")
        if body.get("location_type", "start") not in ("start", "destination"):
            raise self.ors_error(3003, f"Parameter 'location_type' has incorrect value of '{body.get('location_type')}'.")
        if len(points) > ORS_MAX_LOCATIONS:
            raise self.ors_error(3004, f"Parameter 'locations' has incorrect value or format. Only {ORS_MAX_LOCATIONS} locations are allowed.")
        if len(values) > ORS_MAX_RANGES:
            raise self.ors_error(3004, f"Parameter 'range' has incorrect value or format. Only {ORS_MAX_RANGES} ranges are allowed.")
        limit = ORS_MAX_RANGE_S.get(profile, ORS_MAX_RANGE_DEFAULT_S)
        for v in values:
            if v > limit:
                raise self.ors_error(3004, f"Parameter 'range={v}' is out of range. Maximum possible value is {limit:g}.")
        data = self.load("ors-isochrones.json")
        templates = data["features"]
        center = tuple(templates[0]["properties"]["center"])
        features = []
        for index, point in enumerate(points):
            for wanted in sorted(values):
                template = min(templates, key=lambda f, w=wanted: abs(f["properties"]["value"] - w))
                feature = copy.deepcopy(template)
                feature["properties"].update(group_index=index, value=wanted, center=[round(point[0], 6), round(point[1], 6)])
                feature["geometry"]["coordinates"] = _moved(template["geometry"]["coordinates"], center, point,
                                                            wanted / template["properties"]["value"])
                features.append(feature)
        data["features"] = features
        data["metadata"]["query"] = {"profile": profile, "locations": [list(p) for p in points], "range": values,
                                     "range_type": "time", "location_type": body.get("location_type", "start")}
        return Answer(200, data, "ors-isochrones.json")

    def ors_matrix(self, profile: str, points: list, body: dict) -> Answer:
        def indices(name: str) -> list[int]:
            value = body.get(name)
            if value is None or value == ["all"]:
                return list(range(len(points)))
            try:
                result = [int(v) for v in value]
            except (TypeError, ValueError):
                raise self.ors_error(6002, f"Parameter '{name}' has incorrect format.") from None
            if any(not 0 <= i < len(points) for i in result):
                raise self.ors_error(6003, f"Parameter '{name}' has incorrect value.")
            return result

        sources, destinations = indices("sources"), indices("destinations")
        if len(sources) * len(destinations) > ORS_MAX_ELEMENTS:
            raise self.ors_error(6004, f"Only a total of {ORS_MAX_ELEMENTS} routes are allowed.")
        asked_sources, asked_destinations = [points[i] for i in sources], [points[i] for i in destinations]
        fixture = self.load("ors-matrix.json")
        if _same_points(asked_sources, [s["location"] for s in fixture["sources"]]) and \
                _same_points(asked_destinations, [d["location"] for d in fixture["destinations"]]):
            return Answer(200, fixture, "ors-matrix.json")
        durations = [[None if (s := synthetic_seconds(a, b, profile)) is None else round(s, 2) for b in asked_destinations]
                     for a in asked_sources]
        data = copy.deepcopy(fixture)
        data.update(durations=durations,
                    destinations=[{"location": [round(p[0], 6), round(p[1], 6)], "snapped_distance": 0.0} for p in asked_destinations],
                    sources=[{"location": [round(p[0], 6), round(p[1], 6)], "snapped_distance": 0.0} for p in asked_sources])
        data["metadata"]["query"] = {"locations": [list(p) for p in points], "profile": profile, "sources": sources,
                                     "destinations": destinations, "metrics": body.get("metrics", ["duration"])}
        return Answer(200, data, "ors-matrix.json (synthétique)")


# --------------------------------------------------------------------------- the server

def _compact(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def make_handler(log_path: Path, services: Services):
    class Handler(BaseHTTPRequestHandler):
        server_version = "RoutingReplay/1.0"

        def log_message(self, fmt, *args):  # keep the test output quiet
            pass

        def _handle(self, method: str) -> None:
            arrival = time.time()
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(raw.decode("utf-8")) if raw else None
            except (UnicodeDecodeError, ValueError):
                body = raw.decode("utf-8", errors="replace")
            headers = {}
            for name, value in self.headers.items():
                headers[name.lower()] = key_digest(value) if name.lower() == "authorization" else value
            query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            answer = services.answer(method, parts.path, query, body, {k.lower(): v for k, v in self.headers.items()})
            entry = {"method": method, "path": parts.path, "query": parts.query, "body": body, "headers": headers,
                     "fixture": answer.fixture, "status": answer.status, "time": arrival}
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            if services.mode == "slow":
                time.sleep(SLOW_S)
            content = answer.body if isinstance(answer.body, bytes) else _compact(answer.body)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(content)))
                self.send_header("Access-Control-Allow-Origin", "*")
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(content)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (slow mode)
                pass

        def do_GET(self):
            self._handle("GET")

        def do_POST(self):
            self._handle("POST")

    return Handler


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", type=Path, required=True, help="requests.jsonl, one JSON line per request")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--mode", choices=MODES, default="")
    parser.add_argument("--osrm-max-table-size", type=int, default=100)
    parser.add_argument("--valhalla-max-pairs", type=int, default=2500)
    parser.add_argument("--ors-key-sha256", default="", help="SHA-256 (hex) of the only accepted openrouteservice key")
    args = parser.parse_args(argv)
    services = Services(args.fixtures, args.mode, args.osrm_max_table_size, args.valhalla_max_pairs, args.ors_key_sha256)
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.log, services))
    httpd.daemon_threads = True
    print(f"READY {httpd.server_address[1]}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
