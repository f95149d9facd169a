"""A replay of the Géoplateforme geocoder for tests: answers ``/geocodage/search`` and ``/geocodage/reverse`` with ``tests/data/geocodage``.

Importable as ``geocoder_replay`` (tests/ is on sys.path): :func:`start_geocoder_replay` runs this file
as a subprocess on 127.0.0.1 (port chosen by the system), so QGIS's blocking network requests in the
test process never wait on a Python thread. Every request is appended to ``workdir/requests.jsonl``
*before* the answer is sent; :meth:`GeocoderReplay.requests` reads them back.

Like the real service (``Geoplateforme/gpf-geocodeur``): the query parameters are checked first
(bad ones: HTTP 400 ``{"code":400,"message":"Failed parsing query","detail":[…]}``); JSON answers
are written compactly, ``application/json; charset=utf-8``; a search answer echoes ``q`` as
``query``; ``limit`` (default 5) cuts the features; ``citycode``, ``postcode`` and ``type`` filter them.

Which fixture answers (see ``tests/data/geocodage/README.md``):

* ``/geocodage/search``: ``q`` compared case-, accent- and quote-insensitively —
  ``10 rue de la république amiens`` → ``search-plusieurs.json``,
  ``1 place de l'hôtel de ville saint-quentin`` → ``search-une.json``, anything else → ``search-aucune.json``;
* ``/geocodage/reverse``: ``reverse.json``, distances and scores recomputed from ``lon``/``lat`` as the
  service does (``score = 1 - distance / 10 km``); no feature beyond :data:`REVERSE_RADIUS_M`.

Modes (``--mode``): ``""`` normal; ``slow`` (waits :data:`SLOW_S` before answering); ``error500``
(``erreur-500.json``, HTTP 500); ``error503`` (``erreur-503.html``, HTTP 503); ``ratelimit`` (HTTP 429,
``Retry-After: 5``, ``erreur-429.html``); ``malformed`` (HTTP 200, a JSON answer cut short);
``close`` (reads the request and closes the connection without answering).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import spawn_ready, stop_process  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "data" / "geocodage"
BASE_PATH = "/geocodage"
SEARCHES = {
    "10 rue de la republique amiens": "search-plusieurs.json",
    "1 place de l'hotel de ville saint-quentin": "search-une.json",
}
NO_MATCH = "search-aucune.json"
REVERSE = "reverse.json"
REVERSE_RADIUS_M = 1000.0
EARTH_RADIUS_M = 6371008.8  # turf's, used by the service for reverse distances
SLOW_S = 6.0
RETRY_AFTER_S = 5
MODES = ("", "slow", "error500", "error503", "ratelimit", "malformed", "close")
KINDS = ("housenumber", "street", "locality", "municipality")


# --------------------------------------------------------------------------- what the tests use

@dataclass
class RecordedRequest:
    method: str
    path: str
    #: the raw (still percent-encoded) query string
    query: str
    fixture: str
    status: int
    time: float

    @property
    def params(self) -> dict[str, list[str]]:
        """The query string decoded as the service decodes it (UTF-8, ``+`` as space)."""
        return parse_qs(self.query, keep_blank_values=True)

    def param(self, name: str) -> Optional[str]:
        values = self.params.get(name)
        return values[0] if values else None


@dataclass
class GeocoderReplay:
    proc: subprocess.Popen
    port: int
    workdir: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def requests(self) -> list[RecordedRequest]:
        log = self.workdir / "requests.jsonl"
        if not log.exists():
            return []
        return [RecordedRequest(**json.loads(line)) for line in log.read_text("utf-8").splitlines()]

    def stop(self) -> None:
        stop_process(self.proc)


def start_geocoder_replay(workdir: Path, mode: str = "") -> GeocoderReplay:
    """Start the replay in a subprocess (``mode``: one of :data:`MODES`). The caller stops it."""
    if mode not in MODES:
        raise ValueError(mode)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--port", "0", "--log", str(workdir / "requests.jsonl")]
    if mode:
        command += ["--mode", mode]
    proc, port = spawn_ready(command, workdir / "replay.stderr", "geocoder replay")
    return GeocoderReplay(proc, port, workdir)


# --------------------------------------------------------------------------- the service's rules

def normalize(text: str) -> str:
    """Case-, accent-, quote- and space-insensitive form of a search text."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "\"«»“”")
    return " ".join(text.casefold().split())


def _first_char_valid(text: str) -> bool:
    first = text[:1]
    return first.lower() != first.upper() or "0" <= first <= "9"


def _float(value: str) -> float:
    if not re.fullmatch(r"[+-]?\d+(\.\d*)?", value):
        raise ValueError("unable to parse value as float")
    return float(value)


def check_params(operation: str, params: dict[str, str]) -> tuple[dict[str, object], list[str]]:
    """The parsed parameters and the list of errors, worded as ``gpf-geocodeur`` words them (``name: reason``)."""
    parsed: dict[str, object] = {"limit": 5, "index": ["address"], "autocomplete": True}
    errors: list[str] = []

    def check(name: str, convert) -> None:
        raw = params.get(name, "").strip()
        if not raw:
            return
        try:
            parsed[name] = convert(raw)
        except ValueError as error:
            errors.append(f"{name}: {error}")

    def q(v: str) -> str:
        if len(v) < 3 or len(v) > 200 or not _first_char_valid(v):
            raise ValueError("must contain between 3 and 200 chars and start with a number or a letter")
        return v

    def limit(v: str) -> int:
        if not re.fullmatch(r"[+-]?[1-9]\d*|0", v):
            raise ValueError("unable to parse value as integer")
        if not 1 <= int(v) <= 20:
            raise ValueError("Param limit must be an integer between 1 and 20")
        return int(v)

    def lon(v: str) -> float:
        if not -180 <= _float(v) <= 180:
            raise ValueError("lon must be a float between -180 and 180")
        return _float(v)

    def lat(v: str) -> float:
        if not -90 <= _float(v) <= 90:
            raise ValueError("lat must be a float between -90 and 90")
        return _float(v)

    def postcode(v: str) -> str:
        if not re.fullmatch(r"\d{5}", v):
            raise ValueError("Param postcode must contain 5 digits")
        return v

    def citycode(v: str) -> str:
        if not re.fullmatch(r"\d{5}|\d[AB]\d{3}", v):
            raise ValueError("Param citycode is invalid")
        return v

    def kind(v: str) -> str:
        if v not in KINDS:
            raise ValueError(f"unexpected value '{v}'")
        return v

    def index(v: str) -> list[str]:
        values = [i.strip() for i in v.split(",") if i.strip()]
        bad = [i for i in values if i not in ("address", "poi", "parcel")]
        if bad:
            raise ValueError(f"unexpected value '{bad[0]}'")
        return values

    def boolean(v: str) -> bool:
        if v.lower() in ("1", "true", "yes"):
            return True
        if v.lower() in ("0", "false", "no"):
            return False
        raise ValueError("unable to parse value as boolean")

    check("index", index)
    if operation == "search":
        check("q", q)
    check("limit", limit)
    check("lon", lon)
    check("lat", lat)
    check("type", kind)
    check("postcode", postcode)
    check("citycode", citycode)
    check("autocomplete", boolean)
    if errors:
        return parsed, errors
    if ("lon" in parsed) != ("lat" in parsed):
        return parsed, ["lon/lat must be present together if defined"]
    if operation == "search" and "q" not in parsed:
        return parsed, ["q is a required param"]
    if operation == "reverse" and "lon" not in parsed:
        return parsed, ["At least lon/lat or searchgeom must be defined"]
    return parsed, []


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.atan2(math.sqrt(a), math.sqrt(1 - a))


def _filtered(features: list[dict], parsed: dict[str, object]) -> list[dict]:
    for name, prop in (("citycode", "citycode"), ("postcode", "postcode"), ("type", "type")):
        if name in parsed:
            features = [f for f in features if f["properties"].get(prop) == parsed[name]]
    return features


def answer(operation: str, parsed: dict[str, object], fixtures: Path) -> tuple[str, dict]:
    """(fixture name, JSON answer) of a valid request."""
    if operation == "search":
        fixture = SEARCHES.get(normalize(str(parsed["q"])), NO_MATCH)
        data = json.loads((fixtures / fixture).read_text("utf-8"))
        features = _filtered(data["features"], parsed)[: int(parsed["limit"])]
        return fixture, {"type": "FeatureCollection", "features": features, "query": parsed["q"]}
    data = json.loads((fixtures / REVERSE).read_text("utf-8"))
    lon, lat = float(parsed["lon"]), float(parsed["lat"])
    features = []
    for feature in _filtered(data["features"], parsed):
        flon, flat = feature["geometry"]["coordinates"]
        meters = round(distance_m(lon, lat, flon, flat))
        if meters <= REVERSE_RADIUS_M:
            feature["properties"]["distance"] = meters
            feature["properties"]["score"] = 1 - min(1, meters / 10000)
            features.append(feature)
    features.sort(key=lambda f: -f["properties"]["score"])
    return REVERSE, {"type": "FeatureCollection", "features": features[: int(parsed["limit"])]}


def error_400(details: list[str], fixtures: Path) -> bytes:
    """The service's 400 body: ``erreur-400.json`` itself when its detail is the one found, else the same shape."""
    template = (fixtures / "erreur-400.json").read_bytes()
    data = json.loads(template)
    if data.get("detail") == details:
        return _compact(data)
    return _compact(dict(data, detail=details))


def _compact(data: dict) -> bytes:
    # what Express's res.send(object) writes: JSON.stringify without spaces, UTF-8
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------- the server

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html"


def make_handler(log_path: Path, mode: str, fixtures: Path):
    class Handler(BaseHTTPRequestHandler):
        server_version = "GeocoderReplay/1.0"

        def log_message(self, fmt, *args):  # keep the test output quiet
            pass

        def _record(self, fixture: str, status: int) -> None:
            parts = urlsplit(self.path)
            entry = {"method": self.command, "path": parts.path, "query": parts.query, "fixture": fixture, "status": status,
                     "time": time.time()}
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")

        def _send(self, status: int, content: bytes, content_type: str, headers: Optional[dict[str, str]] = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(content)))
            self.send_header("Access-Control-Allow-Origin", "*")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(content)

        def do_GET(self):
            parts = urlsplit(self.path)
            operation = parts.path[len(BASE_PATH) + 1:] if parts.path.startswith(BASE_PATH + "/") else ""
            if operation.endswith("/"):
                operation = operation[:-1]
            if operation not in ("search", "reverse"):
                self._record("", 404)
                self._send(404, b"Not Found", "text/plain; charset=utf-8")
                return
            if mode == "close":
                self._record("(connexion fermee)", 0)
                self.close_connection = True
                return
            if mode == "error500":
                self._record("erreur-500.json", 500)
                self._send(500, _compact(json.loads((fixtures / "erreur-500.json").read_bytes())), JSON_TYPE)
                return
            if mode == "error503":
                self._record("erreur-503.html", 503)
                self._send(503, (fixtures / "erreur-503.html").read_bytes(), HTML_TYPE)
                return
            if mode == "ratelimit":
                self._record("erreur-429.html", 429)
                self._send(429, (fixtures / "erreur-429.html").read_bytes(), HTML_TYPE, {"Retry-After": str(RETRY_AFTER_S)})
                return
            raw = parse_qs(parts.query, keep_blank_values=True)
            parsed, errors = check_params(operation, {k: v[-1] for k, v in raw.items()})
            if errors:
                self._record("erreur-400.json", 400)
                self._send(400, error_400(errors, fixtures), JSON_TYPE)
                return
            fixture, data = answer(operation, parsed, fixtures)
            content = _compact(data)
            if mode == "malformed":
                self._record(f"{fixture} (tronque)", 200)
                self._send(200, content[: len(content) // 2], JSON_TYPE)
                return
            self._record(fixture, 200)
            if mode == "slow":
                time.sleep(SLOW_S)
            try:
                self._send(200, content, JSON_TYPE)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (slow mode)
                pass

    return Handler


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", type=Path, required=True, help="requests.jsonl, one JSON line per request")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--mode", choices=MODES, default="")
    args = parser.parse_args(argv)
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.log, args.mode, args.fixtures))
    httpd.daemon_threads = True
    print(f"READY {httpd.server_address[1]}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
