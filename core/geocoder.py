"""Address → position (and back) with the national address base geocoder (IGN Géoplateforme).

``search`` and ``reverse`` call ``{base}/search`` and ``{base}/reverse`` of the Géoplateforme
geocoding service (``https://data.geopf.fr/geocodage``, successor of api-adresse.data.gouv.fr
with the same parameters and GeoJSON answers), ``index=address`` only, through
:mod:`.network` (QGIS's network stack: proxy, SSL settings, timeout). The base URL is a
parameter, so a self-hosted instance of the same service works too.

The service allows 50 requests per second and per IP address and answers HTTP 429 with a
``Retry-After`` header beyond that: requests to one host are spaced by :data:`MIN_INTERVAL_S`,
and after a 429 no request is sent to that host until the announced delay has passed.
Every failure is a :class:`GeocoderError` whose French ``message`` names the service's host.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional, Union
from urllib.parse import urlsplit

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeedback,
    QgsPointXY,
)

from .i18n import tr
from .network import CANCELLED, TIMEOUT, HostThrottle, HttpResponse, NetworkError, http_get, safe_url, timeout_seconds

DEFAULT_GEOCODER = "https://data.geopf.fr/geocodage"
#: the service refuses ``q`` outside 3–200 characters, or not starting with a letter or a digit
MIN_QUERY_LENGTH = 3
MAX_QUERY_LENGTH = 200
#: the service's bounds for ``limit``
MAX_LIMIT = 20
#: the service's usage limit, per IP address
RATE_LIMIT_PER_SECOND = 50
#: minimal spacing of two requests to one host (40/s: under the limit, as the service's documentation advises)
MIN_INTERVAL_S = 1.0 / 40
#: wait after a 429 without a usable ``Retry-After`` (the service's documented blocking time)
DEFAULT_RETRY_AFTER_S = 5
#: result types of the address index
KINDS = ("housenumber", "street", "locality", "municipality")
WGS84 = "EPSG:4326"
LAMBERT93 = "EPSG:2154"

#: kinds of :class:`GeocoderError` besides those of :class:`.network.NetworkError` (timeout, connexion, ssl, annule, autre)
HTTP = "http"
RATE_LIMITED = "limite"
BAD_RESPONSE = "reponse"
BAD_INPUT = "saisie"


class GeocoderError(Exception):
    """A search or reverse search that failed; ``message`` is French and names the service's host."""

    def __init__(self, message: str, *, host: str = "", kind: str = "", status: Optional[int] = None,
                 server_message: str = "", retry_after: Optional[float] = None, network: Optional[NetworkError] = None):
        super().__init__(message)
        self.message, self.host, self.kind, self.status = message, host, kind, status
        self.server_message, self.retry_after, self.network = server_message, retry_after, network


@dataclass
class AddressMatch:
    """One answer of the geocoder (a feature of the address index)."""

    label: str
    score: float
    housenumber: str
    street: str
    postcode: str
    citycode: str
    city: str
    #: ``housenumber``, ``street``, ``locality`` or ``municipality``
    kind: str
    lon: float
    lat: float
    #: Lambert-93 (EPSG:2154)
    x: float
    y: float
    #: the ``adresse`` field of the standard: number and street (``12 Rue de la Paix``), empty for a municipality
    adresse: str
    id: str = ""
    context: str = ""
    #: metres from the requested point (reverse search only)
    distance: Optional[float] = None


# --------------------------------------------------------------------------- throttle

_THROTTLE = HostThrottle(MIN_INTERVAL_S)


# --------------------------------------------------------------------------- coordinates

def _crs(value: Union[str, QgsCoordinateReferenceSystem]) -> QgsCoordinateReferenceSystem:
    crs = value if isinstance(value, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(str(value))
    if not crs.isValid():
        raise GeocoderError(tr("Système de coordonnées inconnu : {crs}.").format(crs=value), kind=BAD_INPUT)
    return crs


def transform_point(x: float, y: float, source: Union[str, QgsCoordinateReferenceSystem],
                    target: Union[str, QgsCoordinateReferenceSystem]) -> tuple[float, float]:
    """``(x, y)`` from ``source`` to ``target`` (CRS objects or authority ids); :class:`GeocoderError` if impossible."""
    transform = QgsCoordinateTransform(_crs(source), _crs(target), QgsCoordinateTransformContext())
    try:
        point = transform.transform(QgsPointXY(float(x), float(y)))
    except QgsCsException as error:
        raise GeocoderError(tr("Coordonnées impossibles à convertir ({x}, {y}) : {erreur}").format(
            x=x, y=y, erreur=str(error)), kind=BAD_INPUT) from error
    return point.x(), point.y()


# --------------------------------------------------------------------------- parsing

def clean_query(text: str) -> str:
    """The text as the service accepts it: spaces collapsed, leading punctuation dropped, at most 200 characters."""
    query = " ".join(str(text or "").split())
    start = 0
    while start < len(query) and not _valid_first_char(query[start]):
        start += 1
    return query[start:start + MAX_QUERY_LENGTH].rstrip()


def _valid_first_char(char: str) -> bool:
    # the service's own test: a cased letter (any alphabet) or an ASCII digit
    return char.lower() != char.upper() or "0" <= char <= "9"


def standard_adresse(kind: str, housenumber: str, street: str, name: str) -> str:
    """The ``adresse`` field of the standard for a result: ``<number> <street>``, the street or lieu-dit, or ``""``."""
    if kind == "municipality":
        return ""
    if kind == "housenumber":
        if housenumber and street:
            return f"{housenumber} {street}"
        return name
    return street or name


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _match(feature: Any) -> Optional[AddressMatch]:
    if not isinstance(feature, dict):
        return None
    props = feature.get("properties")
    props = props if isinstance(props, dict) else {}
    if props.get("_type", "address") != "address":
        return None
    geometry = feature.get("geometry")
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) and geometry.get("type") == "Point" else None
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return None
    lon, lat = _number(coordinates[0]), _number(coordinates[1])
    if lon is None or lat is None:
        return None
    x, y = _number(props.get("x")), _number(props.get("y"))
    if x is None or y is None:
        x, y = transform_point(lon, lat, WGS84, LAMBERT93)
    kind, housenumber, street = _text(props.get("type")), _text(props.get("housenumber")), _text(props.get("street"))
    return AddressMatch(
        label=_text(props.get("label")), score=_number(props.get("score")) or 0.0, housenumber=housenumber, street=street,
        postcode=_text(props.get("postcode")), citycode=_text(props.get("citycode")), city=_text(props.get("city")),
        kind=kind, lon=lon, lat=lat, x=x, y=y,
        adresse=standard_adresse(kind, housenumber, street, _text(props.get("name"))),
        id=_text(props.get("id")), context=_text(props.get("context")), distance=_number(props.get("distance")))


def parse_features(data: Any, host: str = "") -> list[AddressMatch]:
    """The address matches of a GeoJSON ``FeatureCollection``, best score first."""
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise GeocoderError(tr("La réponse du service d'adresses {hote} n'est pas une collection GeoJSON d'adresses.").format(hote=host),
                            host=host, kind=BAD_RESPONSE)
    matches = [m for m in (_match(f) for f in features) if m is not None]
    matches.sort(key=lambda m: m.score, reverse=True)
    return matches


def server_message(content: bytes) -> str:
    """What an error body says: ``message`` and ``detail`` of the service's JSON, or an HTML page's title."""
    text = content.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        message = _text(data.get("message") or data.get("error"))
        detail = data.get("detail")
        details = [_text(d) for d in (detail if isinstance(detail, list) else [detail])]
        details = [d for d in details if d]
        if message and details:
            return f"{message} ({'; '.join(details)})"[:500]
        return (message or "; ".join(details))[:500]
    title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return " ".join(title.group(1).split())[:200]
    if text and not text.startswith("<"):
        return " ".join(text.splitlines()[0].split())[:200]
    return ""


# --------------------------------------------------------------------------- errors

def _host(url: str) -> str:
    return urlsplit(safe_url(url)).netloc


def _french_server_message(message: str) -> str:
    """The service's own message, its two fixed sentences given in French first."""
    known = {
        "Failed parsing query": tr("paramètres de recherche refusés"),
        "An unexpected error has occurred": tr("erreur inattendue du serveur"),
    }
    for english, french in known.items():
        if message.startswith(english):
            rest = message[len(english):].strip()
            return f"{french} {rest}".strip() if rest else french
    return message


def _network_failure(error: NetworkError, host: str) -> GeocoderError:
    if error.kind == TIMEOUT:
        message = tr("Le service d'adresses {hote} n'a pas répondu dans le délai de {secondes} s ; réessayez, ou augmentez "
                     "le délai d'attente réseau dans les options de QGIS.").format(hote=host, secondes=f"{timeout_seconds():g}")
    elif error.kind == CANCELLED:
        message = tr("Recherche d'adresse annulée ({hote}).").format(hote=host)
    else:
        message = tr("Le service d'adresses {hote} est injoignable : {erreur}").format(hote=host, erreur=error.message)
    return GeocoderError(message, host=host, kind=error.kind, network=error)


def _retry_after(value: str) -> float:
    try:
        seconds = float(value.strip())
    except (AttributeError, ValueError):
        return DEFAULT_RETRY_AFTER_S
    return seconds if 0 < seconds <= 3600 else DEFAULT_RETRY_AFTER_S


def _rate_limited(host: str, seconds: float, status: Optional[int] = None) -> GeocoderError:
    wait = max(1, int(seconds + 0.999))
    message = tr("Le service d'adresses {hote} reçoit trop de requêtes (limite : {limite} par seconde) ; nouvel essai possible "
                 "dans {secondes} s.").format(hote=host, limite=RATE_LIMIT_PER_SECOND, secondes=wait)
    return GeocoderError(message, host=host, kind=RATE_LIMITED, status=status, retry_after=seconds)


def _http_failure(response: HttpResponse, host: str) -> GeocoderError:
    said = server_message(response.content)
    status = response.status
    if status >= 500:
        reason = _french_server_message(said) if said else tr("erreur du serveur")
        message = tr("Le service d'adresses {hote} est en erreur : {raison} (HTTP {statut}). Réessayez plus tard.").format(
            hote=host, raison=reason, statut=status)
    else:
        generic = {401: tr("authentification requise"), 403: tr("accès refusé"),
                   404: tr("adresse du service introuvable, vérifiez l'URL du géocodeur")}
        reason = generic.get(status) or (_french_server_message(said) if said else tr("requête refusée"))
        message = tr("Le service d'adresses {hote} a refusé la requête : {raison} (HTTP {statut}).").format(
            hote=host, raison=reason, statut=status)
    return GeocoderError(message, host=host, kind=HTTP, status=status, server_message=said)


# --------------------------------------------------------------------------- requests

def _get(base_url: str, operation: str, params: dict[str, object], feedback: Optional[QgsFeedback]) -> list[AddressMatch]:
    url = f"{(base_url or DEFAULT_GEOCODER).rstrip('/')}/{operation}"
    host = _host(url)
    waiting = _THROTTLE.blocked_for(host)
    if waiting > 0:
        raise _rate_limited(host, waiting)
    _THROTTLE.acquire(host)
    try:
        response = http_get(url, params, feedback=feedback)
    except NetworkError as error:
        raise _network_failure(error, host) from error
    if response.status == 429:
        seconds = _retry_after(response.header("retry-after"))
        _THROTTLE.block(host, seconds)
        raise _rate_limited(host, seconds, 429)
    if not response.ok:
        raise _http_failure(response, host)
    try:
        data = json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise GeocoderError(tr("Réponse illisible du service d'adresses {hote} : {erreur}").format(hote=host, erreur=str(error)),
                            host=host, kind=BAD_RESPONSE, status=response.status) from error
    return parse_features(data, host)


def _limit(limit: int) -> int:
    return min(MAX_LIMIT, max(1, int(limit)))


def search(text: str, *, base_url: str = DEFAULT_GEOCODER, limit: int = 5, citycode: Optional[str] = None,
           postcode: Optional[str] = None, kind: Optional[str] = None, autocomplete: bool = True,
           feedback: Optional[QgsFeedback] = None) -> list[AddressMatch]:
    """The addresses matching ``text``, best first; ``[]`` without a request for a text under 3 characters.

    ``citycode`` (INSEE), ``postcode`` and ``kind`` (one of :data:`KINDS`) filter the results;
    ``autocomplete`` suits text being typed. Raises :class:`GeocoderError`.
    """
    query = clean_query(text)
    if len(query) < MIN_QUERY_LENGTH:
        return []
    if kind and kind not in KINDS:
        raise ValueError(kind)
    params: dict[str, object] = {"q": query, "index": "address", "limit": _limit(limit), "autocomplete": 1 if autocomplete else 0}
    if citycode:
        params["citycode"] = str(citycode).strip()
    if postcode:
        params["postcode"] = str(postcode).strip()
    if kind:
        params["type"] = kind
    return _get(base_url, "search", params, feedback)


def reverse(x: float, y: float, *, crs: Union[str, QgsCoordinateReferenceSystem] = LAMBERT93, base_url: str = DEFAULT_GEOCODER,
            limit: int = 1, feedback: Optional[QgsFeedback] = None) -> list[AddressMatch]:
    """The addresses nearest to the point ``(x, y)`` of ``crs``, nearest first. Raises :class:`GeocoderError`."""
    lon, lat = transform_point(x, y, crs, WGS84)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeocoderError(tr("Point hors des limites du globe : longitude {lon}, latitude {lat}.").format(lon=f"{lon:.6f}", lat=f"{lat:.6f}"),
                            kind=BAD_INPUT)
    params: dict[str, object] = {"lon": f"{lon:.6f}", "lat": f"{lat:.6f}", "index": "address", "limit": _limit(limit)}
    return _get(base_url, "reverse", params, feedback)
