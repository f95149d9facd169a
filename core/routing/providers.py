"""Remote routing providers: isochrones and travel-time matrices over HTTP.

Four services share one interface, :class:`RoutingProvider`:

* :class:`GeoplateformeProvider` — IGN Géoplateforme navigation API (``https://data.geopf.fr/navigation``,
  the Road2 server): resources and their profiles discovered with ``/getcapabilities`` (cached), one
  ``GET /isochrone`` per threshold (the API takes one ``costValue``), ``bdtopo-valhalla`` by default;
  car and pedestrian only; at most 5 requests per second and per IP address. No matrices.
* :class:`ValhallaProvider` — ``POST /isochrone`` (at most 4 contours a request, minutes) and
  ``POST /sources_to_targets`` (matrix, chunked to ``max_matrix_pairs`` source×target pairs).
* :class:`OsrmProvider` — ``GET /table/v1/{profile}/{coordinates}`` only, chunked to
  ``max_table_size`` sources and destinations (``osrm-routed --max-table-size``, 100 by default);
  a coordinate OSRM cannot snap (``NoSegment``) gets a row or column of NaN and a warning.
* :class:`OpenRouteServiceProvider` — ``POST /v2/isochrones/{profile}`` (≤ 5 locations, ≤ 10 ranges,
  ≤ 1 h by car on the public API) and ``POST /v2/matrix/{profile}`` (≤ 3 500 elements), split
  accordingly; 20 isochrone and 40 matrix requests per minute on the public API.

Every request goes through :mod:`..network` (QGIS's network stack). Coordinates are Lambert-93
(EPSG:2154) in and out, WGS 84 longitude/latitude on the wire. Isochrones are cumulative polygons
(everything reachable within the threshold), smallest first; a larger one always contains the smaller
ones (each is united with the previous). Travel-time matrices are seconds, ``nan`` when unreachable.

**The openrouteservice key** lives only in the QGIS authentication database (an ``authcfg``):

* with an ``APIHeader`` configuration (QGIS ≥ 3.24, qgis/QGIS#45452; not in QGIS 3.22), whose header
  is ``Authorization`` = the key, the ``authcfg`` is handed to the network façade and QGIS adds the header;
* QGIS 3.22 has no header method: a ``Basic`` configuration whose *password* is the key (user name
  free) is read with ``QgsAuthManager.loadAuthenticationConfig`` and the key is put in the
  ``Authorization`` header of that provider's requests only, through the network façade's ``headers=``.
  The Basic configuration is never given to the façade, which would send ``Authorization: Basic …``.

The key never goes into a URL, a message, a log or a setting.
"""

from __future__ import annotations

import json
import math
import re
import time
from typing import Any, Iterable, Mapping, Optional, Sequence, Union
from urllib.parse import urlsplit

import numpy as np
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeedback,
    QgsGeometry,
    QgsPointXY,
)

from ..i18n import tr
from ..network import CANCELLED, TIMEOUT, HostThrottle, HttpResponse, NetworkError, http_get, http_post, safe_url, timeout_seconds

MODES = ("voiture", "pied", "velo")
#: ``to``: travel towards the point (arrival); ``from``: travel away from it (departure)
DIRECTIONS = ("to", "from")
ISOCHRONES = "isochrones"
TRAVEL_TIMES = "travel_times"
LAMBERT93 = "EPSG:2154"
WGS84 = "EPSG:4326"
#: wait after a 429 without a usable ``Retry-After``
DEFAULT_RETRY_AFTER_S = 60.0
JSON_TYPE = "application/json; charset=utf-8"

#: kinds of :class:`ProviderError` besides those of :class:`..network.NetworkError`
HTTP = "http"
RATE_LIMITED = "limite"
BAD_RESPONSE = "reponse"
UNSUPPORTED = "non_pris_en_charge"
BAD_INPUT = "saisie"
AUTH = "authentification"

Point = tuple[float, float]
Isochrone = tuple[float, QgsGeometry]


def mode_label(mode: str) -> str:
    """The mode as the agent reads it."""
    return {"voiture": tr("voiture"), "pied": tr("à pied"), "velo": tr("vélo")}.get(mode, mode)


class ProviderError(Exception):
    """A routing request that failed; ``message`` is French and names the provider and its host."""

    def __init__(self, message: str, lieu: Optional[str] = None, *, provider: str = "", host: str = "", kind: str = "",
                 status: Optional[int] = None, server_message: str = "", retry_after: Optional[float] = None):
        if lieu:
            message = tr("Lieu « {lieu} » : {erreur}").format(lieu=lieu, erreur=message)
        super().__init__(message)
        self.message, self.lieu, self.provider, self.host, self.kind = message, lieu, provider, host, kind
        self.status, self.server_message, self.retry_after = status, server_message, retry_after


# --------------------------------------------------------------------------- throttle

_THROTTLE = HostThrottle()


def reset_throttles() -> None:
    """Forget every spacing and 429 block (tests)."""
    _THROTTLE.reset()


# --------------------------------------------------------------------------- coordinates and geometry

def _transform(source: str, target: str) -> QgsCoordinateTransform:
    return QgsCoordinateTransform(QgsCoordinateReferenceSystem(source), QgsCoordinateReferenceSystem(target),
                                  QgsCoordinateTransformContext())


def to_lonlat(points_xy: Iterable[Sequence[float]]) -> list[Point]:
    """Lambert-93 points as (longitude, latitude)."""
    transform = _transform(LAMBERT93, WGS84)
    result = []
    for x, y in points_xy:
        p = transform.transform(QgsPointXY(float(x), float(y)))
        result.append((p.x(), p.y()))
    return result


def _wire(lon: float, lat: float) -> str:
    return f"{lon:.6f},{lat:.6f}"


def _ring(coords: Any) -> list[QgsPointXY]:
    return [QgsPointXY(float(c[0]), float(c[1])) for c in coords]


def geometry_from_geojson(geometry: Any) -> QgsGeometry:
    """A WGS 84 GeoJSON (Multi)Polygon, or a closed (Multi)LineString, as a polygon ``QgsGeometry`` (empty otherwise)."""
    if not isinstance(geometry, dict):
        return QgsGeometry()
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return QgsGeometry.fromPolygonXY([_ring(r) for r in coords])
    if kind == "MultiPolygon":
        return QgsGeometry.fromMultiPolygonXY([[_ring(r) for r in polygon] for polygon in coords])
    if kind == "LineString" and len(coords) >= 4:
        return QgsGeometry.fromPolygonXY([_ring(coords)])
    if kind == "MultiLineString":
        rings = [[_ring(line)] for line in coords if len(line) >= 4]
        return QgsGeometry.fromMultiPolygonXY(rings) if rings else QgsGeometry()
    return QgsGeometry()  # a Point: nothing reachable within the threshold


def _lambert93(geometry: QgsGeometry) -> QgsGeometry:
    if geometry.isNull() or geometry.isEmpty():
        return QgsGeometry()
    geometry = QgsGeometry(geometry)
    geometry.transform(_transform(WGS84, LAMBERT93))
    if not geometry.isGeosValid():
        geometry = geometry.makeValid()
    return geometry


def cumulative(isochrones: Iterable[Isochrone]) -> list[Isochrone]:
    """Sorted by threshold, each polygon united with the previous one (a larger isochrone contains the smaller)."""
    result: list[Isochrone] = []
    previous = QgsGeometry()
    for seconds, geometry in sorted(isochrones, key=lambda item: item[0]):
        if not previous.isEmpty() and not previous.isNull():
            geometry = previous if geometry.isNull() or geometry.isEmpty() else geometry.combine(previous)
        result.append((seconds, geometry))
        previous = geometry
    return result


def _thresholds(thresholds_s: Iterable[float]) -> list[float]:
    values = sorted({float(t) for t in thresholds_s})
    if not values or values[0] <= 0 or not all(math.isfinite(v) for v in values):
        raise ProviderError(tr("Les seuils d'isochrone doivent être des durées positives (en secondes)."), kind=BAD_INPUT)
    return values


def _check(mode: str, direction: str) -> None:
    if mode not in MODES:
        raise ProviderError(tr("Mode de déplacement inconnu : {mode}.").format(mode=mode), kind=BAD_INPUT)
    if direction not in DIRECTIONS:
        raise ProviderError(tr("Sens de parcours inconnu : {sens} (attendu : to ou from).").format(sens=direction), kind=BAD_INPUT)


def _blocks(count: int, size: int) -> list[range]:
    size = max(1, int(size))
    return [range(start, min(count, start + size)) for start in range(0, count, size)]


def _seconds(value: Any) -> float:
    if value is None:
        return math.nan
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return math.nan
    return seconds if math.isfinite(seconds) and seconds >= 0 else math.nan


# --------------------------------------------------------------------------- server answers

def server_error(content: bytes) -> tuple[str, str]:
    """(code, message) of an error body: Road2, Valhalla, OSRM, openrouteservice JSON, or an HTML page's title."""
    text = content.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict):  # openrouteservice {"error": {"code", "message"}}, Road2 {"error": {"errorType", "message"}}
            code = error.get("code", error.get("errorType", ""))
            return ("" if code is None else str(code)), str(error.get("message") or "").strip()[:500]
        if "error_code" in data:  # Valhalla {"error_code", "error", "status_code", "status"}
            return str(data["error_code"]), str(data.get("error") or "").strip()[:500]
        if isinstance(error, str):  # openrouteservice gateway {"error": "..."}
            return "", error.strip()[:500]
        return str(data.get("code") or ""), str(data.get("message") or "").strip()[:500]  # OSRM {"code", "message"}
    title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return "", " ".join(title.group(1).split())[:200]
    if text and not text.startswith("<"):
        return "", " ".join(text.splitlines()[0].split())[:200]
    return "", ""


def _french_reason(code: str, message: str, status: int) -> str:
    """What the server said, a French explanation first when the code or the message is a known one."""
    known = {
        "TooBig": tr("trop de points dans une seule requête"),
        "NoSegment": tr("un point est trop loin de toute route"),
        "NoTable": tr("aucun trajet trouvé"),
        "NoRoute": tr("aucun trajet trouvé"),
        "InvalidQuery": tr("paramètres refusés"),
        "InvalidValue": tr("paramètres refusés"),
        "InvalidOptions": tr("paramètres refusés"),
        "InvalidUrl": tr("adresse de requête refusée"),
        "171": tr("aucune route près du point"),
        "442": tr("aucun trajet trouvé"),
        "152": tr("trop de courbes dans une seule requête"),
        "154": tr("distance trop grande pour le service"),
        "internal": tr("erreur interne du serveur"),
    }
    if status == 401:
        french = tr("clé d'API absente ou non reconnue ; vérifiez la configuration d'authentification")
    elif status == 403:
        french = tr("accès refusé (clé d'API invalide, quota épuisé ou service non autorisé)")
    elif status == 404 and not message:
        french = tr("adresse du service introuvable, vérifiez l'URL")
    else:
        french = known.get(code, "")
    detail = f"{code} : {message}" if code and message and code not in message else (message or code)
    if french and detail:
        return f"{french} ({detail})"
    return french or detail or (tr("erreur du serveur") if status >= 500 else tr("requête refusée"))


def _retry_after(value: str) -> float:
    try:
        seconds = float(value.strip())
    except (AttributeError, ValueError):
        return DEFAULT_RETRY_AFTER_S
    return seconds if 0 < seconds <= 3600 else DEFAULT_RETRY_AFTER_S


# --------------------------------------------------------------------------- the common interface

class RoutingProvider:
    """A remote routing service; see the module documentation.

    ``rate_limits`` maps a bucket (``isochrones``, ``matrix``, ``*`` for every request) to a number of
    requests per second; requests to one host and bucket are spaced accordingly (shared by every
    provider object of that host).
    """

    name = ""
    #: kinds of computation offered (:data:`ISOCHRONES`, :data:`TRAVEL_TIMES`)
    kinds: frozenset[str] = frozenset()
    #: mode → the provider's profile; a mode that is not a key is not offered
    profiles: Mapping[str, str] = {}
    default_rate_limits: Mapping[str, float] = {}

    def __init__(self, base_url: str, *, rate_limits: Optional[Mapping[str, float]] = None,
                 profiles: Optional[Mapping[str, str]] = None, authcfg: str = ""):
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(safe_url(self.base_url)).netloc
        self.rate_limits = dict(self.default_rate_limits if rate_limits is None else rate_limits)
        if profiles is not None:
            self.profiles = dict(profiles)
        self.authcfg = authcfg
        #: French notes of the last computations (points skipped…), for the journal
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ capabilities

    def supports(self, kind: str, mode: Optional[str] = None) -> bool:
        """Whether this provider computes ``kind`` (for ``mode`` when given)."""
        return kind in self.kinds and (mode is None or mode in self.profiles)

    def profile(self, mode: str) -> str:
        """The provider's profile for a mode; :class:`ProviderError` when the mode is not offered."""
        if mode not in MODES:
            raise ProviderError(tr("Mode de déplacement inconnu : {mode}.").format(mode=mode), kind=BAD_INPUT)
        if mode not in self.profiles:
            offered = ", ".join(mode_label(m) for m in MODES if m in self.profiles) or "-"
            raise ProviderError(tr("Le service {fournisseur} ({hote}) ne propose pas le mode {mode} ; modes disponibles : {modes}.").format(
                fournisseur=self.name, hote=self.host, mode=mode_label(mode), modes=offered), provider=self.name, host=self.host,
                kind=UNSUPPORTED)
        return self.profiles[mode]

    def _unsupported(self, kind: str) -> ProviderError:
        what = tr("d'isochrones") if kind == ISOCHRONES else tr("de matrices de temps de parcours")
        return ProviderError(tr("Le service {fournisseur} ({hote}) ne calcule pas {quoi}.").format(fournisseur=self.name, hote=self.host,
                                                                                                  quoi=what),
                             provider=self.name, host=self.host, kind=UNSUPPORTED)

    # ------------------------------------------------------------------ the interface

    def isochrones(self, point_xy_2154: Sequence[float], mode: str, thresholds_s: Sequence[float], direction: str = "from", *,
                   lieu: Optional[str] = None, feedback: Optional[QgsFeedback] = None) -> list[Isochrone]:
        """(threshold in seconds, cumulative polygon in EPSG:2154), smallest first, around one point."""
        return self.isochrones_batch([point_xy_2154], mode, thresholds_s, direction, lieux=[lieu] if lieu else None,
                                     feedback=feedback)[0]

    def isochrones_batch(self, points_xy_2154: Sequence[Sequence[float]], mode: str, thresholds_s: Sequence[float],
                         direction: str = "from", *, lieux: Optional[Sequence[Optional[str]]] = None,
                         feedback: Optional[QgsFeedback] = None) -> list[list[Isochrone]]:
        """:meth:`isochrones` of several points (one list per point, in order); the first failure stops."""
        if not self.supports(ISOCHRONES):
            raise self._unsupported(ISOCHRONES)
        _check(mode, direction)
        profile = self.profile(mode)
        thresholds = _thresholds(thresholds_s)
        points = list(points_xy_2154)
        names = list(lieux) if lieux is not None else [None] * len(points)
        return self._isochrones(to_lonlat(points), mode, profile, thresholds, direction, names, feedback)

    def travel_times(self, origins_xy: Sequence[Sequence[float]], destinations_xy: Sequence[Sequence[float]], mode: str,
                     direction: str = "to", *, feedback: Optional[QgsFeedback] = None) -> np.ndarray:
        """Seconds, shape (origins, destinations), ``nan`` when unreachable.

        ``direction="to"``: the trip origin → destination; ``"from"``: the trip destination → origin
        (still indexed [origin, destination]).
        """
        if not self.supports(TRAVEL_TIMES):
            raise self._unsupported(TRAVEL_TIMES)
        _check(mode, direction)
        profile = self.profile(mode)
        origins, destinations = to_lonlat(origins_xy), to_lonlat(destinations_xy)
        result = np.full((len(origins), len(destinations)), np.nan)
        if not origins or not destinations:
            return result
        if direction == "to":
            return self._matrix(origins, destinations, profile, feedback)
        return self._matrix(destinations, origins, profile, feedback).T.copy()

    # ------------------------------------------------------------------ what each provider writes

    def _isochrones(self, lonlats: list[Point], mode: str, profile: str, thresholds: list[float], direction: str,
                    lieux: list[Optional[str]], feedback: Optional[QgsFeedback]) -> list[list[Isochrone]]:
        raise self._unsupported(ISOCHRONES)

    def _matrix(self, sources: list[Point], targets: list[Point], profile: str, feedback: Optional[QgsFeedback]) -> np.ndarray:
        raise self._unsupported(TRAVEL_TIMES)

    # ------------------------------------------------------------------ HTTP

    def _interval(self, bucket: str) -> float:
        per_second = self.rate_limits.get(bucket, self.rate_limits.get("*"))
        return 1.0 / per_second if per_second else 0.0

    def _error(self, message: str, lieu: Optional[str], **kwargs: Any) -> ProviderError:
        return ProviderError(message, lieu, provider=self.name, host=self.host, **kwargs)

    def _http_failure(self, response: HttpResponse, lieu: Optional[str]) -> ProviderError:
        code, said = server_error(response.content)
        reason = _french_reason(code, said, response.status)
        if response.status >= 500:
            message = tr("Le service d'itinéraires {fournisseur} ({hote}) est en erreur : {raison} (HTTP {statut}). Réessayez plus tard.")
        else:
            message = tr("Le service d'itinéraires {fournisseur} ({hote}) a refusé la requête : {raison} (HTTP {statut}).")
        kind = AUTH if response.status in (401, 403) else HTTP
        return self._error(message.format(fournisseur=self.name, hote=self.host, raison=reason, statut=response.status), lieu,
                           kind=kind, status=response.status, server_message=f"{code} {said}".strip())

    def _rate_limited(self, seconds: float, lieu: Optional[str], status: Optional[int] = None, said: str = "") -> ProviderError:
        message = tr("Le service d'itinéraires {fournisseur} ({hote}) reçoit trop de requêtes ; nouvel essai possible dans {secondes} s.")
        return self._error(message.format(fournisseur=self.name, hote=self.host, secondes=max(1, int(seconds + 0.999))), lieu,
                           kind=RATE_LIMITED, status=status, retry_after=seconds, server_message=said)

    def _network_failure(self, error: NetworkError, lieu: Optional[str]) -> ProviderError:
        if error.kind == TIMEOUT:
            message = tr("Le service d'itinéraires {fournisseur} ({hote}) n'a pas répondu dans le délai de {secondes} s ; réessayez, ou "
                         "augmentez le délai d'attente réseau dans les options de QGIS.").format(
                fournisseur=self.name, hote=self.host, secondes=f"{timeout_seconds():g}")
        elif error.kind == CANCELLED:
            message = tr("Calcul d'itinéraires annulé ({fournisseur}, {hote}).").format(fournisseur=self.name, hote=self.host)
        else:
            message = tr("Le service d'itinéraires {fournisseur} ({hote}) est injoignable : {erreur}").format(
                fournisseur=self.name, hote=self.host, erreur=error.message)
        return self._error(message, lieu, kind=error.kind)

    def _send(self, method: str, url: str, bucket: str, *, params: Optional[Mapping[str, object]] = None, body: Any = None,
              lieu: Optional[str] = None, feedback: Optional[QgsFeedback] = None) -> HttpResponse:
        """One request, spaced by the rate limit; any HTTP reply, :class:`ProviderError` for a network failure or a 429."""
        waiting = _THROTTLE.blocked_for(self.host)
        if waiting > 0:
            raise self._rate_limited(waiting, lieu)
        _THROTTLE.acquire(self.host, bucket, self._interval(bucket))
        try:
            authcfg, headers = self._credentials()
            if method == "GET":
                response = http_get(url, params, authcfg=authcfg, feedback=feedback, headers=headers)
            else:
                data = json.dumps(body, separators=(",", ":")).encode("utf-8")
                response = http_post(url, data, content_type=JSON_TYPE, authcfg=authcfg, feedback=feedback, headers=headers)
        except NetworkError as error:
            raise self._network_failure(error, lieu) from error
        if response.status == 429:
            seconds = _retry_after(response.header("retry-after"))
            _THROTTLE.block(self.host, seconds)
            raise self._rate_limited(seconds, lieu, 429, " ".join(server_error(response.content)).strip())
        return response

    def _json(self, response: HttpResponse, lieu: Optional[str]) -> Any:
        try:
            return json.loads(response.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise self._error(tr("Réponse illisible du service d'itinéraires {fournisseur} ({hote}) : {erreur}").format(
                fournisseur=self.name, hote=self.host, erreur=str(error)), lieu, kind=BAD_RESPONSE, status=response.status) from error

    def _request_json(self, method: str, url: str, bucket: str, *, params: Optional[Mapping[str, object]] = None, body: Any = None,
                      lieu: Optional[str] = None, feedback: Optional[QgsFeedback] = None) -> Any:
        response = self._send(method, url, bucket, params=params, body=body, lieu=lieu, feedback=feedback)
        if not response.ok:
            raise self._http_failure(response, lieu)
        return self._json(response, lieu)

    def _bad_response(self, what: str, lieu: Optional[str] = None) -> ProviderError:
        return self._error(tr("Réponse inattendue du service d'itinéraires {fournisseur} ({hote}) : {quoi}.").format(
            fournisseur=self.name, hote=self.host, quoi=what), lieu, kind=BAD_RESPONSE)

    def _credentials(self) -> tuple[str, dict[str, str]]:
        """(authcfg for the façade, extra headers): the API key never leaves the auth database otherwise."""
        authcfg = self.authcfg
        if not authcfg:
            return "", {}
        method, key = _auth_key(authcfg)
        if method == "APIHeader":
            return authcfg, {}
        if method != "Basic" or not key:
            raise self._error(tr("La configuration d'authentification « {id} » ne convient pas à {fournisseur} : utilisez une "
                                 "configuration « API Header » (en-tête Authorization) ou « Basic » dont le mot de passe est "
                                 "la clé d'API.").format(id=authcfg, fournisseur=self.name), None, kind=AUTH)
        return "", {"Authorization": key}


def _auth_key(authcfg: str) -> tuple[str, str]:
    """(method, key) of an authentication configuration; the key only for ``Basic`` (its password)."""
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig()
    loaded = manager.loadAuthenticationConfig(authcfg, config, True)
    if isinstance(loaded, tuple):
        loaded, config = loaded[0], loaded[-1]
    if not loaded:
        return "", ""
    if config.method() == "Basic":
        return "Basic", config.config("password")
    return config.method(), ""


# --------------------------------------------------------------------------- IGN Géoplateforme

_CAPABILITIES: dict[str, tuple[float, dict]] = {}
CAPABILITIES_TTL_S = 24 * 3600.0


def clear_capabilities_cache() -> None:
    """Forget the cached getcapabilities answers."""
    _CAPABILITIES.clear()


class GeoplateformeProvider(RoutingProvider):
    """IGN Géoplateforme navigation API (Road2): isochrones only, car and pedestrian."""

    name = "Géoplateforme IGN"
    kinds = frozenset({ISOCHRONES})
    profiles = {"voiture": "car", "pied": "pedestrian"}
    default_rate_limits = {"*": 5.0}
    DEFAULT_BASE_URL = "https://data.geopf.fr/navigation"
    DEFAULT_RESOURCE = "bdtopo-valhalla"

    def __init__(self, base_url: str = DEFAULT_BASE_URL, resource: Optional[str] = None, **kwargs: Any):
        super().__init__(base_url, **kwargs)
        self.resource = resource

    def capabilities(self, feedback: Optional[QgsFeedback] = None, lieu: Optional[str] = None) -> dict:
        """The service's getcapabilities answer (cached 24 h per base URL)."""
        cached = _CAPABILITIES.get(self.base_url)
        if cached and time.monotonic() - cached[0] < CAPABILITIES_TTL_S:
            return cached[1]
        data = self._request_json("GET", f"{self.base_url}/getcapabilities", "*", lieu=lieu, feedback=feedback)
        if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
            raise self._bad_response(tr("getcapabilities sans liste de ressources"), lieu)
        _CAPABILITIES[self.base_url] = (time.monotonic(), data)
        return data

    def resources(self, operation: str = "isochrone", feedback: Optional[QgsFeedback] = None,
                  lieu: Optional[str] = None) -> dict[str, dict[str, dict]]:
        """Resource id → {parameter id → {``values``, ``defaultValue``}} for an operation."""
        result: dict[str, dict[str, dict]] = {}
        for resource in self.capabilities(feedback, lieu)["resources"]:
            for op in resource.get("availableOperations") or []:
                if op.get("id") == operation:
                    result[str(resource.get("id"))] = {str(p.get("id")): p for p in op.get("availableParameters") or []}
        return result

    def _resource(self, feedback: Optional[QgsFeedback], lieu: Optional[str]) -> tuple[str, dict[str, dict]]:
        resources = self.resources("isochrone", feedback, lieu)
        wanted = self.resource or self.DEFAULT_RESOURCE
        if wanted in resources:
            return wanted, resources[wanted]
        if self.resource or not resources:
            raise self._error(tr("La ressource « {ressource} » n'offre pas d'isochrones sur {hote} ; ressources disponibles : {liste}.").format(
                ressource=wanted, hote=self.host, liste=", ".join(resources) or "-"), lieu, kind=UNSUPPORTED)
        first = next(iter(resources))
        return first, resources[first]

    @staticmethod
    def _values(parameters: dict[str, dict], name: str) -> list[str]:
        values = (parameters.get(name) or {}).get("values")
        return [str(v) for v in values] if isinstance(values, list) else []

    def profiles_for(self, resource: Optional[str] = None, feedback: Optional[QgsFeedback] = None) -> list[str]:
        """The profiles a resource offers for isochrones (from getcapabilities)."""
        resources = self.resources("isochrone", feedback)
        return self._values(resources.get(resource or self.resource or self.DEFAULT_RESOURCE, {}), "profile")

    def _isochrones(self, lonlats: list[Point], mode: str, profile: str, thresholds: list[float], direction: str,
                    lieux: list[Optional[str]], feedback: Optional[QgsFeedback]) -> list[list[Isochrone]]:
        first = lieux[0] if len(lieux) == 1 else None
        resource, parameters = self._resource(feedback, first)
        offered = self._values(parameters, "profile")
        if offered and profile not in offered:
            raise self._error(tr("La ressource {ressource} de {hote} ne propose pas le mode {mode} (profils : {profils}).").format(
                ressource=resource, hote=self.host, mode=mode_label(mode), profils=", ".join(offered)), first, kind=UNSUPPORTED)
        cost_types = self._values(parameters, "costType")
        if cost_types and "time" not in cost_types:
            raise self._error(tr("La ressource {ressource} de {hote} ne calcule pas d'isochrones en temps.").format(
                ressource=resource, hote=self.host), first, kind=UNSUPPORTED)
        units = self._values(parameters, "timeUnit")
        unit, divisor = ("second", 1.0) if not units or "second" in units else ("minute", 60.0)
        wire_direction = "arrival" if direction == "to" else "departure"
        results = []
        for (lon, lat), lieu in zip(lonlats, lieux):
            polygons = []
            for seconds in thresholds:
                params = {"resource": resource, "point": _wire(lon, lat), "costType": "time", "costValue": f"{seconds / divisor:g}",
                          "timeUnit": unit, "profile": profile, "direction": wire_direction, "geometryFormat": "geojson",
                          "crs": WGS84}
                data = self._request_json("GET", f"{self.base_url}/isochrone", "*", params=params, lieu=lieu, feedback=feedback)
                if not isinstance(data, dict) or "geometry" not in data:
                    raise self._bad_response(tr("isochrone sans géométrie"), lieu)
                polygons.append((seconds, _lambert93(geometry_from_geojson(data["geometry"]))))
            results.append(cumulative(polygons))
        return results


# --------------------------------------------------------------------------- Valhalla

class ValhallaProvider(RoutingProvider):
    """A Valhalla server (self-hosted or a partner's): isochrones and matrices."""

    name = "Valhalla"
    kinds = frozenset({ISOCHRONES, TRAVEL_TIMES})
    profiles = {"voiture": "auto", "pied": "pedestrian", "velo": "bicycle"}
    #: no limit for a self-hosted server; the public valhalla1.openstreetmap.de allows 1 request per second
    default_rate_limits: Mapping[str, float] = {}

    def __init__(self, base_url: str, *, max_contours: int = 4, max_matrix_pairs: int = 2500, **kwargs: Any):
        super().__init__(base_url, **kwargs)
        self.max_contours, self.max_matrix_pairs = max(1, max_contours), max(1, max_matrix_pairs)

    def _isochrones(self, lonlats: list[Point], mode: str, profile: str, thresholds: list[float], direction: str,
                    lieux: list[Optional[str]], feedback: Optional[QgsFeedback]) -> list[list[Isochrone]]:
        results = []
        for (lon, lat), lieu in zip(lonlats, lieux):
            polygons: list[Isochrone] = []
            for block in _blocks(len(thresholds), self.max_contours):
                wanted = [thresholds[i] for i in block]
                body = {"locations": [{"lat": round(lat, 6), "lon": round(lon, 6)}], "costing": profile,
                        "contours": [{"time": round(t / 60.0, 4)} for t in wanted], "polygons": True, "reverse": direction == "to"}
                data = self._request_json("POST", f"{self.base_url}/isochrone", "isochrones", body=body, lieu=lieu, feedback=feedback)
                polygons += self._contours(data, wanted, lieu)
            results.append(cumulative(polygons))
        return results

    def _contours(self, data: Any, wanted: list[float], lieu: Optional[str]) -> list[Isochrone]:
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise self._bad_response(tr("isochrones sans « features »"), lieu)
        found: dict[float, QgsGeometry] = {}
        for feature in features:
            properties = feature.get("properties") or {}
            if properties.get("metric", "time") != "time" or properties.get("contour") is None:
                continue
            seconds = min(wanted, key=lambda t, c=float(properties["contour"]) * 60.0: abs(t - c))
            geometry = _lambert93(geometry_from_geojson(feature.get("geometry")))
            found[seconds] = geometry if seconds not in found else found[seconds].combine(geometry)
        missing = [t for t in wanted if t not in found]
        if missing:
            raise self._bad_response(tr("courbe absente pour {minutes} min").format(minutes=f"{missing[0] / 60:g}"), lieu)
        return list(found.items())

    def _matrix(self, sources: list[Point], targets: list[Point], profile: str, feedback: Optional[QgsFeedback]) -> np.ndarray:
        result = np.full((len(sources), len(targets)), np.nan)
        columns = min(len(targets), self.max_matrix_pairs)
        rows = max(1, self.max_matrix_pairs // columns)
        for row_block in _blocks(len(sources), rows):
            for column_block in _blocks(len(targets), columns):
                body = {"sources": [{"lat": round(sources[i][1], 6), "lon": round(sources[i][0], 6)} for i in row_block],
                        "targets": [{"lat": round(targets[j][1], 6), "lon": round(targets[j][0], 6)} for j in column_block],
                        "costing": profile}
                data = self._request_json("POST", f"{self.base_url}/sources_to_targets", "matrix", body=body, feedback=feedback)
                block = self._parse_matrix(data, len(row_block), len(column_block))
                result[row_block.start:row_block.stop, column_block.start:column_block.stop] = block
        return result

    def _parse_matrix(self, data: Any, rows: int, columns: int) -> np.ndarray:
        block = np.full((rows, columns), np.nan)
        cells = data.get("sources_to_targets") if isinstance(data, dict) else None
        if isinstance(cells, dict):  # concise answer: {"durations": [[…]], "distances": …}
            durations = cells.get("durations")
            if not isinstance(durations, list) or len(durations) != rows:
                raise self._bad_response(tr("matrice de taille inattendue"))
            for i, row in enumerate(durations):
                if not isinstance(row, list) or len(row) != columns:
                    raise self._bad_response(tr("matrice de taille inattendue"))
                block[i] = [_seconds(v) for v in row]
            return block
        if not isinstance(cells, list) or len(cells) != rows:
            raise self._bad_response(tr("matrice de taille inattendue"))
        for i, row in enumerate(cells):  # verbose answer: rows of {"distance", "time", "from_index", "to_index"}
            if not isinstance(row, list) or len(row) != columns:
                raise self._bad_response(tr("matrice de taille inattendue"))
            for j, cell in enumerate(row):
                cell = cell if isinstance(cell, dict) else {}
                block[int(cell.get("from_index", i)), int(cell.get("to_index", j))] = _seconds(cell.get("time"))
        return block


# --------------------------------------------------------------------------- OSRM

_NO_SEGMENT = re.compile(r"coordinate\s+(\d+)")


class OsrmProvider(RoutingProvider):
    """An OSRM server (``osrm-routed``): travel-time tables only."""

    name = "OSRM"
    kinds = frozenset({TRAVEL_TIMES})
    #: osrm-routed serves the profile it was built with whatever the URL says; these are the documented names
    profiles = {"voiture": "car", "pied": "foot", "velo": "bike"}
    default_rate_limits: Mapping[str, float] = {}

    def __init__(self, base_url: str, *, max_table_size: int = 100, **kwargs: Any):
        super().__init__(base_url, **kwargs)
        self.max_table_size = max(1, int(max_table_size))

    def _table(self, sources: list[Point], targets: list[Point], profile: str, feedback: Optional[QgsFeedback]) -> HttpResponse:
        coordinates = ";".join(_wire(lon, lat) for lon, lat in sources + targets)
        params = {"sources": ";".join(str(i) for i in range(len(sources))),
                  "destinations": ";".join(str(len(sources) + j) for j in range(len(targets))), "annotations": "duration"}
        return self._send("GET", f"{self.base_url}/table/v1/{profile}/{coordinates}", "matrix", params=params, feedback=feedback)

    def _matrix(self, sources: list[Point], targets: list[Point], profile: str, feedback: Optional[QgsFeedback]) -> np.ndarray:
        result = np.full((len(sources), len(targets)), np.nan)
        bad_sources: set[int] = set()
        bad_targets: set[int] = set()
        pending = [(list(r), list(c)) for r in _blocks(len(sources), self.max_table_size) for c in _blocks(len(targets), self.max_table_size)]
        while pending:
            rows, columns = pending.pop(0)
            rows = [i for i in rows if i not in bad_sources]
            columns = [j for j in columns if j not in bad_targets]
            if not rows or not columns:
                continue
            response = self._table([sources[i] for i in rows], [targets[j] for j in columns], profile, feedback)
            code, said = server_error(response.content) if not response.ok else ("", "")
            if code == "TooBig" and max(len(rows), len(columns)) > 1:  # the server's --max-table-size is smaller: halve
                self.max_table_size = max(1, max(len(rows), len(columns)) // 2)
                pending[:0] = [(rows[r.start:r.stop], columns[c.start:c.stop])
                               for r in _blocks(len(rows), self.max_table_size) for c in _blocks(len(columns), self.max_table_size)]
                continue
            match = _NO_SEGMENT.search(said) if code == "NoSegment" else None
            if match and int(match.group(1)) < len(rows) + len(columns):
                index = int(match.group(1))
                if index < len(rows):
                    bad_sources.add(rows[index])
                    self.warnings.append(tr("OSRM ({hote}) : le point de départ n° {n} est trop loin de toute route ; ses temps sont "
                                            "laissés vides.").format(hote=self.host, n=rows[index] + 1))
                else:
                    bad_targets.add(columns[index - len(rows)])
                    self.warnings.append(tr("OSRM ({hote}) : le point d'arrivée n° {n} est trop loin de toute route ; ses temps sont "
                                            "laissés vides.").format(hote=self.host, n=columns[index - len(rows)] + 1))
                pending.insert(0, (rows, columns))
                continue
            if not response.ok:
                raise self._http_failure(response, None)
            data = self._json(response, None)
            if not isinstance(data, dict) or data.get("code") != "Ok":
                raise self._bad_response(tr("code {code}").format(code=(data or {}).get("code") if isinstance(data, dict) else "?"))
            durations = data.get("durations")
            if not isinstance(durations, list) or len(durations) != len(rows):
                raise self._bad_response(tr("matrice de taille inattendue"))
            for a, i in enumerate(rows):
                row = durations[a]
                if not isinstance(row, list) or len(row) != len(columns):
                    raise self._bad_response(tr("matrice de taille inattendue"))
                result[i, columns] = [_seconds(v) for v in row]
        return result


# --------------------------------------------------------------------------- openrouteservice

class OpenRouteServiceProvider(RoutingProvider):
    """openrouteservice (public API with a key from the QGIS authentication database, or self-hosted)."""

    name = "openrouteservice"
    kinds = frozenset({ISOCHRONES, TRAVEL_TIMES})
    profiles = {"voiture": "driving-car", "pied": "foot-walking", "velo": "cycling-regular"}
    #: the public API's limits (openrouteservice.org/restrictions)
    default_rate_limits = {"isochrones": 20 / 60.0, "matrix": 40 / 60.0}
    DEFAULT_BASE_URL = "https://api.openrouteservice.org"
    #: public API: 1 h by car; the other profiles keep openrouteservice's default maximum (5 h)
    DEFAULT_MAX_RANGE_S = {"voiture": 3600.0, "pied": 18000.0, "velo": 18000.0}

    def __init__(self, base_url: str = DEFAULT_BASE_URL, authcfg: str = "", *, max_locations: int = 5, max_ranges: int = 10,
                 max_matrix_elements: int = 3500, max_range_s: Optional[Mapping[str, float]] = None, **kwargs: Any):
        super().__init__(base_url, authcfg=authcfg, **kwargs)
        self.max_locations, self.max_ranges = max(1, max_locations), max(1, max_ranges)
        self.max_matrix_elements = max(1, max_matrix_elements)
        self.max_range_s = dict(self.DEFAULT_MAX_RANGE_S if max_range_s is None else max_range_s)

    def _isochrones(self, lonlats: list[Point], mode: str, profile: str, thresholds: list[float], direction: str,
                    lieux: list[Optional[str]], feedback: Optional[QgsFeedback]) -> list[list[Isochrone]]:
        limit = self.max_range_s.get(mode)
        if limit and thresholds[-1] > limit:
            raise self._error(tr("{fournisseur} limite les isochrones {mode} à {max} min ; seuil demandé : {seuil} min.").format(
                fournisseur=self.name, mode=mode_label(mode), max=f"{limit / 60:g}", seuil=f"{thresholds[-1] / 60:g}"),
                lieux[0] if len(lieux) == 1 else None, kind=BAD_INPUT)
        polygons: list[list[Isochrone]] = [[] for _ in lonlats]
        for group in _blocks(len(lonlats), self.max_locations):
            lieu = lieux[group.start] if len(group) == 1 else None
            for block in _blocks(len(thresholds), self.max_ranges):
                wanted = [thresholds[i] for i in block]
                body = {"locations": [[round(lonlats[i][0], 6), round(lonlats[i][1], 6)] for i in group], "range": wanted,
                        "range_type": "time", "location_type": "destination" if direction == "to" else "start"}
                data = self._request_json("POST", f"{self.base_url}/v2/isochrones/{profile}", "isochrones", body=body, lieu=lieu,
                                          feedback=feedback)
                features = data.get("features") if isinstance(data, dict) else None
                if not isinstance(features, list):
                    raise self._bad_response(tr("isochrones sans « features »"), lieu)
                found: dict[tuple[int, float], QgsGeometry] = {}
                for feature in features:
                    properties = feature.get("properties") or {}
                    index = int(properties.get("group_index", 0))
                    if not 0 <= index < len(group) or properties.get("value") is None:
                        continue
                    seconds = min(wanted, key=lambda t, v=float(properties["value"]): abs(t - v))
                    geometry = _lambert93(geometry_from_geojson(feature.get("geometry")))
                    key = (index, seconds)
                    found[key] = geometry if key not in found else found[key].combine(geometry)
                for k, i in enumerate(group):
                    missing = [t for t in wanted if (k, t) not in found]
                    if missing:
                        raise self._bad_response(tr("isochrone absente pour {minutes} min").format(minutes=f"{missing[0] / 60:g}"),
                                                 lieux[i])
                    polygons[i] += [(t, found[(k, t)]) for t in wanted]
        return [cumulative(p) for p in polygons]

    def _matrix(self, sources: list[Point], targets: list[Point], profile: str, feedback: Optional[QgsFeedback]) -> np.ndarray:
        result = np.full((len(sources), len(targets)), np.nan)
        columns = min(len(targets), self.max_matrix_elements)
        rows = max(1, self.max_matrix_elements // columns)
        for row_block in _blocks(len(sources), rows):
            for column_block in _blocks(len(targets), columns):
                locations = [[round(sources[i][0], 6), round(sources[i][1], 6)] for i in row_block]
                locations += [[round(targets[j][0], 6), round(targets[j][1], 6)] for j in column_block]
                body = {"locations": locations, "sources": list(range(len(row_block))),
                        "destinations": list(range(len(row_block), len(row_block) + len(column_block))), "metrics": ["duration"]}
                data = self._request_json("POST", f"{self.base_url}/v2/matrix/{profile}", "matrix", body=body, feedback=feedback)
                durations = data.get("durations") if isinstance(data, dict) else None
                if not isinstance(durations, list) or len(durations) != len(row_block):
                    raise self._bad_response(tr("matrice de taille inattendue"))
                for a, i in enumerate(row_block):
                    row = durations[a]
                    if not isinstance(row, list) or len(row) != len(column_block):
                        raise self._bad_response(tr("matrice de taille inattendue"))
                    result[i, column_block.start:column_block.stop] = [_seconds(v) for v in row]
        return result


ProviderClass = Union[type[GeoplateformeProvider], type[ValhallaProvider], type[OsrmProvider], type[OpenRouteServiceProvider]]
PROVIDERS: dict[str, ProviderClass] = {"geoplateforme": GeoplateformeProvider, "valhalla": ValhallaProvider, "osrm": OsrmProvider,
                                       "openrouteservice": OpenRouteServiceProvider}
