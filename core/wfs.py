"""WFS 1.1 / 2.0 client: capabilities (owslib), schema, paged reads, transactions.

HTTP goes through :mod:`.network` (QGIS's network stack, authcfg, no disk cache); owslib
parses the capabilities; GetFeature answers are read as GeoJSON when the server offers it
(GeoServer, QGIS Server) and as GML otherwise (MapServer). Every read states how many
features the server holds (``resultType=hits``) and a load that gets fewer raises
:class:`WfsError` — an unreachable or slow server never looks like an empty base.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional
from xml.etree import ElementTree as ET

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeedback,
    QgsPointXY,
)

from .i18n import tr
from .network import HttpResponse, NetworkError, http_get, http_post, safe_url

NS = {
    "wfs11": "http://www.opengis.net/wfs",
    "wfs20": "http://www.opengis.net/wfs/2.0",
    "ogc": "http://www.opengis.net/ogc",
    "fes": "http://www.opengis.net/fes/2.0",
    "gml": "http://www.opengis.net/gml",
    "gml32": "http://www.opengis.net/gml/3.2",
    "ows": "http://www.opengis.net/ows",
    "ows11": "http://www.opengis.net/ows/1.1",
    "xsd": "http://www.w3.org/2001/XMLSchema",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
JSON_FORMATS = ("application/json", "application/vnd.geo+json", "json", "geojson")
DEFAULT_SRS = "EPSG:2154"
GML_GEOMETRIES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Curve", "MultiCurve", "Polygon",
                  "MultiPolygon", "Surface", "MultiSurface", "Envelope"}
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


class WfsError(Exception):
    """A WFS exchange that failed; ``message`` is French and names the server and the reason."""

    def __init__(self, message: str, *, status: Optional[int] = None, code: str = "", network: Optional[NetworkError] = None):
        super().__init__(message)
        self.message, self.status, self.code, self.network = message, status, code, network

    @property
    def is_timeout(self) -> bool:
        return self.network is not None and self.network.kind == "timeout"


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_xml(content: bytes) -> ET.Element:
    """Parse a server's XML; documents declaring entities or a DTD are refused."""
    head = content[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise WfsError(tr("Réponse XML refusée : elle déclare une DTD ou des entités."))
    try:
        return ET.fromstring(content)
    except ET.ParseError as error:
        raise WfsError(tr("Réponse XML illisible : {erreur}").format(erreur=error)) from error


def exception_text(content: bytes) -> Optional[tuple[str, str]]:
    """(code, text) of an OGC exception report, or None when the document is not one."""
    if b"Exception" not in content[:2000]:
        return None
    try:
        root = parse_xml(content)
    except WfsError:
        return None
    if "Exception" not in local(root.tag):
        return None
    for element in root.iter():
        if local(element.tag) in ("Exception", "ServiceException"):
            code = element.get("exceptionCode") or element.get("code") or ""
            texts = [t.strip() for t in element.itertext() if t.strip()]
            return code, " ".join(texts)
    return "", " ".join(t.strip() for t in root.itertext() if t.strip())


# --------------------------------------------------------------------------- capabilities

@dataclass
class FeatureType:
    name: str
    title: str
    default_srs: str = ""
    srs: list[str] = field(default_factory=list)
    operations: set[str] = field(default_factory=set)
    wgs84_bbox: Optional[tuple[float, float, float, float]] = None

    @property
    def editable(self) -> bool:
        return bool({"Insert", "Update", "Delete"} & self.operations)


@dataclass
class Capabilities:
    version: str
    title: str
    feature_types: dict[str, FeatureType]
    get_url: str
    post_url: str
    output_formats: list[str]
    transaction: bool

    def find(self, typename: str) -> Optional[FeatureType]:
        """The feature type named ``typename`` (with or without its namespace prefix)."""
        if typename in self.feature_types:
            return self.feature_types[typename]
        short = typename.split(":")[-1]
        matches = [t for n, t in self.feature_types.items() if n.split(":")[-1] == short]
        return matches[0] if len(matches) == 1 else None

    @property
    def json_format(self) -> Optional[str]:
        for fmt in self.output_formats:
            if fmt.lower().split(";")[0].strip() in JSON_FORMATS:
                return fmt
        return None


def parse_capabilities(url: str, content: bytes) -> Capabilities:
    """Capabilities of a WFS 1.1 or 2.0 server (owslib, plus the per-type operations of 1.1)."""
    root = parse_xml(content)  # first: a DTD or entities are refused before any other parser sees the document
    from owslib.wfs import WebFeatureService

    if "Exception" in local(root.tag):
        code, text = exception_text(content) or ("", "")
        raise WfsError(tr("Le serveur a refusé GetCapabilities : {texte}").format(texte=text), code=code)
    if local(root.tag) != "WFS_Capabilities":
        raise WfsError(tr("La réponse de {url} n'est pas un document de capacités WFS.").format(url=safe_url(url)))
    version = root.get("version", "")
    if version not in ("1.1.0", "2.0.0"):
        raise WfsError(tr("Version WFS {version} non prise en charge (1.1.0 ou 2.0.0 attendue).").format(version=version))
    try:
        service = WebFeatureService(url, version=version, xml=content)
    except Exception as error:  # owslib raises whatever its parsers meet
        raise WfsError(tr("Capacités WFS illisibles : {erreur}").format(erreur=error)) from error
    global_ops = {op.name for op in service.operations}
    per_type_ops: dict[str, set[str]] = {}
    for element in root.iter():
        if local(element.tag) != "FeatureType":
            continue
        name = next((c.text for c in element if local(c.tag) == "Name"), None)
        ops = {o.text for e in element if local(e.tag) == "Operations" for o in e if o.text}
        if name:
            per_type_ops[name] = ops
    list_ops = {o.text for e in root.iter() if local(e.tag) == "FeatureTypeList"
                for ops in e if local(ops.tag) == "Operations" for o in ops if o.text}
    transactional = "Transaction" in global_ops
    if version == "2.0.0":
        for element in root.iter():
            if local(element.tag) == "Constraint" and element.get("name") == "ImplementsTransactionalWFS":
                value = next((v.text for v in element.iter() if local(v.tag) == "DefaultValue"), "")
                transactional = transactional and (value or "").strip().upper() == "TRUE"
    types = {}
    for name, meta in service.contents.items():
        ops = per_type_ops.get(name) or set(list_ops) or {"Query"}
        if transactional and version == "2.0.0" and not per_type_ops.get(name):
            ops = ops | {"Insert", "Update", "Delete"}
        if not transactional:
            ops = ops - {"Insert", "Update", "Delete"}
        srs = [str(getattr(c, "getcodeurn", lambda c=c: c)()) for c in (meta.crsOptions or [])]
        types[name] = FeatureType(name, meta.title or name, srs[0] if srs else "", srs, ops,
                                  tuple(meta.boundingBoxWGS84[:4]) if meta.boundingBoxWGS84 else None)
    getfeature = next((op for op in service.operations if op.name == "GetFeature"), None)
    get_url = post_url = url
    formats: list[str] = []
    if getfeature is not None:
        for method in getfeature.methods:
            if method.get("type", "").lower() == "get" and method.get("url"):
                get_url = method["url"]
            if method.get("type", "").lower() == "post" and method.get("url"):
                post_url = method["url"]
        params = getattr(getfeature, "parameters", None) or {}
        formats = list((params.get("outputFormat") or {}).get("values", []))
        formats += [f for f in getattr(getfeature, "formatOptions", []) or [] if f not in formats]
    transaction_op = next((op for op in service.operations if op.name == "Transaction"), None)
    if transaction_op is not None:
        post_url = next((m["url"] for m in transaction_op.methods if m.get("type", "").lower() == "post" and m.get("url")), post_url)
    return Capabilities(version, service.identification.title or "", types, get_url, post_url, formats, transactional)


# --------------------------------------------------------------------------- schema

@dataclass
class TypeSchema:
    """What DescribeFeatureType tells about a feature type."""

    typename: str
    namespace: str
    fields: dict[str, str]
    geometry: str

    @property
    def prefix(self) -> str:
        return self.typename.split(":")[0] if ":" in self.typename else "feature"

    @property
    def local_name(self) -> str:
        return self.typename.split(":")[-1]


def parse_schema(typename: str, content: bytes) -> TypeSchema:
    root = parse_xml(content)
    if local(root.tag) != "schema":
        code, text = exception_text(content) or ("", tr("réponse inattendue"))
        raise WfsError(tr("Description de {type} impossible : {texte}").format(type=typename, texte=text), code=code)
    namespace = root.get("targetNamespace", "")
    short = typename.split(":")[-1]
    element = next((e for e in root if local(e.tag) == "element" and e.get("name") == short), None)
    type_name = (element.get("type", "") if element is not None else "").split(":")[-1] or f"{short}Type"
    complex_type = next((e for e in root if local(e.tag) == "complexType" and e.get("name") == type_name), None)
    if complex_type is None:
        complex_type = next((e for e in root if local(e.tag) == "complexType"), None)
    fields: dict[str, str] = {}
    geometry = ""
    if complex_type is not None:
        for child in complex_type.iter():
            if local(child.tag) == "element" and child.get("name"):
                kind = child.get("type", "")
                if kind.split(":")[-1].endswith("PropertyType") and (kind.startswith("gml:") or "gml" in kind):
                    geometry = geometry or child.get("name")
                else:
                    restriction = next((r.get("base", "") for r in child.iter() if local(r.tag) == "restriction"), "")
                    fields[child.get("name")] = (kind or restriction).split(":")[-1]
    return TypeSchema(typename, namespace, fields, geometry or "geometry")


# --------------------------------------------------------------------------- features

@dataclass
class ServerFeature:
    """A feature as the server holds it: its server id, its properties and its point."""

    fid: str
    properties: dict[str, object]
    point: Optional[tuple[float, float]]

    def text(self, name: str) -> str:
        value = self.properties.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


def _crs_from_name(name: str) -> QgsCoordinateReferenceSystem:
    crs = QgsCoordinateReferenceSystem(name)
    if not crs.isValid():
        match = re.search(r"(\d{4,6})\s*$", name)
        crs = QgsCoordinateReferenceSystem(f"EPSG:{match.group(1)}") if match else crs
    return crs


def _axis_swapped(srs_name: str) -> bool:
    """GML coordinates are in the CRS's axis order for URN/URL names, x/y for 'EPSG:n'."""
    if not srs_name or srs_name.upper().startswith("EPSG:"):
        return False
    crs = _crs_from_name(srs_name)
    return crs.isValid() and crs.hasAxisInverted()


class _Reprojector:
    def __init__(self, target: str):
        self.target = QgsCoordinateReferenceSystem(target)
        self.cache: dict[str, Optional[QgsCoordinateTransform]] = {}

    def __call__(self, x: float, y: float, source: str) -> tuple[float, float]:
        if source not in self.cache:
            crs = _crs_from_name(source)
            same = not crs.isValid() or crs.authid() == self.target.authid()
            self.cache[source] = None if same else QgsCoordinateTransform(crs, self.target, QgsCoordinateTransformContext())
        transform = self.cache[source]
        if transform is None:
            return x, y
        point = transform.transform(QgsPointXY(x, y))
        return point.x(), point.y()


def parse_geojson(content: bytes, target_srs: str = DEFAULT_SRS) -> list[ServerFeature]:
    """Features of a GeoJSON FeatureCollection (WGS84 unless a ``crs`` member says otherwise)."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise WfsError(tr("Réponse GeoJSON illisible : {erreur}").format(erreur=error)) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise WfsError(tr("La réponse n'est pas une collection GeoJSON."))
    source = ((data.get("crs") or {}).get("properties") or {}).get("name") or "EPSG:4326"
    reproject = _Reprojector(target_srs)
    features = []
    for item in data.get("features") or []:
        geometry = item.get("geometry") or {}
        point = None
        if geometry.get("type") == "Point" and len(geometry.get("coordinates") or []) >= 2:
            x, y = geometry["coordinates"][:2]
            if source.upper().startswith("URN") and _axis_swapped(source):
                x, y = y, x
            point = reproject(float(x), float(y), source)
        features.append(ServerFeature(str(item.get("id", "")), dict(item.get("properties") or {}), point))
    return features


def _gml_point(element: ET.Element, reproject: _Reprojector, default_srs: str) -> Optional[tuple[float, float]]:
    for geom in element.iter():
        if local(geom.tag) != "Point":
            continue
        srs = geom.get("srsName") or default_srs
        pos = next((p.text for p in geom.iter() if local(p.tag) in ("pos", "coordinates")), None)
        if not pos:
            return None
        numbers = [float(v) for v in re.split(r"[\s,]+", pos.strip()) if v]
        if len(numbers) < 2:
            return None
        x, y = numbers[:2]
        if _axis_swapped(srs):
            x, y = y, x
        return reproject(x, y, srs)
    return None


def parse_gml(content: bytes, target_srs: str = DEFAULT_SRS, request_srs: str = DEFAULT_SRS) -> list[ServerFeature]:
    """Features of a WFS 1.1 (GML 3.1) or 2.0 (GML 3.2) FeatureCollection of points."""
    root = parse_xml(content)
    if "Exception" in local(root.tag):
        code, text = exception_text(content) or ("", "")
        raise WfsError(tr("Le serveur a refusé la lecture : {texte}").format(texte=text), code=code)
    reproject = _Reprojector(target_srs)
    features = []
    for container in root.iter():
        if local(container.tag) not in ("featureMember", "featureMembers", "member"):
            continue
        for item in container:
            if local(item.tag) == "FeatureCollection":  # wfs:member of 2.0 joins
                continue
            fid = item.get(f"{{{NS['gml32']}}}id") or item.get(f"{{{NS['gml']}}}id") or item.get("fid") or ""
            properties: dict[str, object] = {}
            point = None
            for prop in item:
                name = local(prop.tag)
                if len(prop):
                    if any(local(e.tag) in GML_GEOMETRIES for e in prop.iter()):
                        if point is None:
                            point = _gml_point(prop, reproject, request_srs)
                        continue
                    # a value wrapped in GML (MapServer writes dates as gml:TimeInstant/gml:timePosition)
                    properties[name] = "".join(t for t in prop.itertext()).strip() or None
                    continue
                if name in ("boundedBy", "name", "description"):
                    continue
                properties[name] = None if prop.get(XSI_NIL) == "true" else (prop.text if prop.text is not None else None)
            features.append(ServerFeature(fid, properties, point))
    return features


def parse_hits(content: bytes) -> int:
    root = parse_xml(content)
    if "Exception" in local(root.tag):
        code, text = exception_text(content) or ("", "")
        raise WfsError(tr("Le serveur a refusé le comptage : {texte}").format(texte=text), code=code)
    for attribute in ("numberMatched", "numberOfFeatures"):
        value = root.get(attribute)
        if value and value.isdigit():
            return int(value)
    raise WfsError(tr("Le serveur n'a pas donné le nombre d'objets (resultType=hits)."))


# --------------------------------------------------------------------------- filters

def id_filter(property_name: str, values: Iterable[str], version: str) -> str:
    """An OGC filter selecting features whose ``property_name`` equals one of ``values`` (escaped)."""
    values = list(values)
    if version == "2.0.0":
        ns, ref = "fes", "ValueReference"
        root = ET.Element("fes:Filter", {"xmlns:fes": NS["fes"]})
    else:
        ns, ref = "ogc", "PropertyName"
        root = ET.Element("ogc:Filter", {"xmlns:ogc": NS["ogc"]})
    parent = ET.SubElement(root, f"{ns}:Or") if len(values) > 1 else root
    for value in values:
        equal = ET.SubElement(parent, f"{ns}:PropertyIsEqualTo")
        ET.SubElement(equal, f"{ns}:{ref}").text = property_name
        ET.SubElement(equal, f"{ns}:Literal").text = value
    return ET.tostring(root, encoding="unicode")


# --------------------------------------------------------------------------- client

class WfsClient:
    """A WFS endpoint seen through the plugin's network façade."""

    def __init__(self, url: str, version: str = "auto", authcfg: str = "", feedback: Optional[QgsFeedback] = None):
        self.url, self.requested_version, self.authcfg, self.feedback = url, version, authcfg, feedback
        self._caps: Optional[Capabilities] = None
        self._schemas: dict[str, TypeSchema] = {}

    # -- plumbing
    def _get(self, params: dict, what: str) -> HttpResponse:
        try:
            return http_get(self.url if self._caps is None else self._caps.get_url, params, authcfg=self.authcfg, feedback=self.feedback)
        except NetworkError as error:
            raise WfsError(tr("{quoi} : {erreur}").format(quoi=what, erreur=error.message), network=error) from error

    @staticmethod
    def _http_failure(response: HttpResponse, what: str) -> Optional[WfsError]:
        exception = exception_text(response.content)
        if exception:
            code, text = exception
            if response.status in (401, 403) and not text:
                text = tr("accès refusé")
            return WfsError(tr("{quoi} : le serveur a répondu « {texte} » (HTTP {statut}).").format(
                quoi=what, texte=text, statut=response.status), status=response.status, code=code)
        if not response.ok:
            reason = {401: tr("authentification requise ou identifiants refusés"), 403: tr("accès refusé"),
                      404: tr("adresse introuvable")}.get(response.status, tr("erreur du serveur"))
            return WfsError(tr("{quoi} : {raison} (HTTP {statut}).").format(quoi=what, raison=reason, statut=response.status),
                            status=response.status)
        return None

    def _checked(self, response: HttpResponse, what: str) -> HttpResponse:
        failure = self._http_failure(response, what)
        if failure:
            raise failure
        return response

    # -- service
    def capabilities(self, refresh: bool = False) -> Capabilities:
        if self._caps is not None and not refresh:
            return self._caps
        what = tr("Lecture des capacités du service WFS")
        params = {"SERVICE": "WFS", "REQUEST": "GetCapabilities"}
        if self.requested_version == "auto":
            params["ACCEPTVERSIONS"] = "2.0.0,1.1.0"
        else:
            params["VERSION"] = self.requested_version
        self._caps = None
        response = self._checked(self._get(params, what), what)
        self._caps = parse_capabilities(self.url, response.content)
        return self._caps

    @property
    def version(self) -> str:
        return self.capabilities().version

    def _typename_param(self) -> str:
        return "TYPENAMES" if self.version == "2.0.0" else "TYPENAME"

    def feature_type(self, typename: str) -> FeatureType:
        found = self.capabilities().find(typename)
        if found is None:
            raise WfsError(tr("La couche « {couche} » n'est pas publiée par ce service WFS.").format(couche=typename))
        return found

    def schema(self, typename: str) -> TypeSchema:
        name = self.feature_type(typename).name
        if name not in self._schemas:
            what = tr("Description de la couche {couche}").format(couche=name)
            response = self._checked(self._get({"SERVICE": "WFS", "VERSION": self.version, "REQUEST": "DescribeFeatureType",
                                                self._typename_param(): name}, what), what)
            self._schemas[name] = parse_schema(name, response.content)
        return self._schemas[name]

    def hits(self, typename: str, filter_xml: Optional[str] = None) -> int:
        name = self.feature_type(typename).name
        what = tr("Comptage des objets de {couche}").format(couche=name)
        params = {"SERVICE": "WFS", "VERSION": self.version, "REQUEST": "GetFeature", self._typename_param(): name,
                  "RESULTTYPE": "hits", "FILTER": filter_xml}
        content = self._checked(self._get(params, what), what).content
        try:
            return parse_hits(content)
        except WfsError as error:
            raise WfsError(tr("{quoi} : {erreur}").format(quoi=what, erreur=error.message), code=error.code) from error

    def _srs_param(self, feature_type: FeatureType, srs: str) -> str:
        code = srs.split(":")[-1]
        for candidate in feature_type.srs:
            if candidate.endswith(f":{code}") or candidate.endswith(f"/{code}"):
                return candidate if self.version == "2.0.0" else srs
        return feature_type.default_srs or srs

    def get_page(self, typename: str, start: int, count: int, filter_xml: Optional[str] = None,
                 srs: str = DEFAULT_SRS, properties: Optional[Iterable[str]] = None) -> list[ServerFeature]:
        feature_type = self.feature_type(typename)
        caps = self.capabilities()
        what = tr("Lecture des objets de {couche}").format(couche=feature_type.name)
        request_srs = self._srs_param(feature_type, srs)
        params = {"SERVICE": "WFS", "VERSION": self.version, "REQUEST": "GetFeature", self._typename_param(): feature_type.name,
                  "STARTINDEX": start, ("COUNT" if self.version == "2.0.0" else "MAXFEATURES"): count,
                  "SRSNAME": request_srs, "FILTER": filter_xml, "OUTPUTFORMAT": caps.json_format,
                  "PROPERTYNAME": ",".join(properties) if properties else None}
        response = self._checked(self._get(params, what), what)
        try:
            if caps.json_format and response.content.lstrip()[:1] in (b"{", b"["):
                return parse_geojson(response.content, srs)
            return parse_gml(response.content, srs, request_srs)
        except WfsError as error:
            raise WfsError(tr("{quoi} : {erreur}").format(quoi=what, erreur=error.message), code=error.code) from error

    def fetch_all(self, typename: str, filter_xml: Optional[str] = None, page_size: int = 1000, srs: str = DEFAULT_SRS,
                  progress: Optional[Callable[[int, int], None]] = None,
                  properties: Optional[Iterable[str]] = None) -> list[ServerFeature]:
        """Every feature (paged); raises :class:`WfsError` if fewer arrive than the server counts."""
        expected = self.hits(typename, filter_xml)
        features: list[ServerFeature] = []
        seen: set[str] = set()
        start = 0
        while len(features) < expected:
            if self.feedback is not None and self.feedback.isCanceled():
                raise WfsError(tr("Chargement annulé."))
            page = self.get_page(typename, start, page_size, filter_xml, srs, properties)
            if not page:
                break
            for feature in page:
                if feature.fid and feature.fid in seen:
                    continue
                seen.add(feature.fid)
                features.append(feature)
            start += len(page)
            if progress:
                progress(len(features), expected)
        if len(features) < expected:
            raise WfsError(tr("Chargement incomplet de {couche} : {recus} objets reçus sur {attendus} annoncés par le serveur.").format(
                couche=typename, recus=len(features), attendus=expected))
        return features

    def fetch_by_values(self, typename: str, property_name: str, values: Iterable[str], chunk: int = 40,
                        srs: str = DEFAULT_SRS) -> list[ServerFeature]:
        """Features whose ``property_name`` is one of ``values`` (read from the server, never from a cache)."""
        values = sorted(set(v for v in values if v))
        found: list[ServerFeature] = []
        for i in range(0, len(values), chunk):
            part = values[i:i + chunk]
            found += self.get_page(typename, 0, 10 * len(part) + 10, id_filter(property_name, part, self.version), srs)
        return found

    def transaction(self, body: bytes) -> TransactionResult:
        """POST a Transaction; the outcome (never raised for HTTP refusals, raised for network failures)."""
        caps = self.capabilities()
        try:
            response = http_post(caps.post_url, body, authcfg=self.authcfg, feedback=self.feedback)
        except NetworkError as error:
            raise WfsError(tr("Envoi de la transaction : {erreur}").format(erreur=error.message), network=error) from error
        return parse_transaction_response(response)


# --------------------------------------------------------------------------- transactions

@dataclass
class TransactionResult:
    status: int
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    insert_fids: list[str] = field(default_factory=list)
    error: str = ""
    code: str = ""
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error


def parse_transaction_response(response: HttpResponse) -> TransactionResult:
    result = TransactionResult(response.status)
    exception = exception_text(response.content)
    if exception:
        result.code, result.error = exception[0], exception[1] or tr("refus sans motif")
        return result
    if not response.ok:
        result.error = tr("réponse HTTP {statut} du serveur").format(statut=response.status)
        return result
    try:
        root = parse_xml(response.content)
    except WfsError as error:
        result.error = error.message
        return result
    if local(root.tag) not in ("TransactionResponse", "WFS_TransactionResponse"):
        result.error = tr("réponse inattendue du serveur ({element})").format(element=local(root.tag))
        return result
    for element in root.iter():
        tag = local(element.tag)
        if tag in ("totalInserted", "totalUpdated", "totalDeleted", "totalReplaced") and (element.text or "").strip().isdigit():
            setattr(result, {"totalInserted": "inserted", "totalUpdated": "updated", "totalDeleted": "deleted"}.get(tag, "updated"),
                    int(element.text.strip()))
        elif tag in ("FeatureId", "ResourceId") and (element.get("fid") or element.get("rid")):
            result.insert_fids.append(element.get("fid") or element.get("rid"))
        elif tag == "Message" and (element.text or "").strip():
            result.messages.append(element.text.strip())
        elif tag == "FAILED":
            result.error = result.error or tr("le serveur signale un échec")
    return result


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class TransactionBuilder:
    """Builds one WFS-T Transaction (1.1.0 or 2.0.0) for a feature type; values are escaped by ElementTree."""

    def __init__(self, schema: TypeSchema, version: str, srs: str = DEFAULT_SRS):
        self.schema, self.version, self.srs = schema, version, srs
        self.v2 = version == "2.0.0"
        wfs_ns = NS["wfs20"] if self.v2 else NS["wfs11"]
        self.filter_ns, self.ref = ("fes", "ValueReference") if self.v2 else ("ogc", "PropertyName")
        self.gml_ns = NS["gml32"] if self.v2 else NS["gml"]
        self.root = ET.Element("wfs:Transaction", {
            "service": "WFS", "version": version, "xmlns:wfs": wfs_ns, "xmlns:gml": self.gml_ns,
            "xmlns:" + self.filter_ns: NS["fes"] if self.v2 else NS["ogc"],
            "xmlns:" + schema.prefix: schema.namespace or "http://www.qgis.org/gml"})
        self.count = 0

    def _qname(self, name: str) -> str:
        return f"{self.schema.prefix}:{name}"

    def _point(self, parent: ET.Element, point: tuple[float, float]) -> None:
        attrs = {"srsName": f"urn:ogc:def:crs:EPSG::{self.srs.split(':')[-1]}" if self.v2 else self.srs}
        if self.v2:
            self.count += 1
            attrs["gml:id"] = f"mednum-p{self.count}"
        geom = ET.SubElement(parent, "gml:Point", attrs)
        ET.SubElement(geom, "gml:pos").text = f"{point[0]:.3f} {point[1]:.3f}"

    def _filter(self, parent: ET.Element, conditions: list[tuple[str, object]]) -> None:
        ns = self.filter_ns
        filt = ET.SubElement(parent, f"{ns}:Filter")
        target = ET.SubElement(filt, f"{ns}:And") if len(conditions) > 1 else filt
        for name, value in conditions:
            if value is None:
                op = ET.SubElement(target, f"{ns}:PropertyIsNull")
                ET.SubElement(op, f"{ns}:{self.ref}").text = name
            else:
                op = ET.SubElement(target, f"{ns}:PropertyIsEqualTo")
                ET.SubElement(op, f"{ns}:{self.ref}").text = name
                ET.SubElement(op, f"{ns}:Literal").text = _literal(value)

    def insert(self, values: dict[str, object], point: Optional[tuple[float, float]]) -> None:
        op = ET.SubElement(self.root, "wfs:Insert")
        feature = ET.SubElement(op, self._qname(self.schema.local_name))
        if point is not None:
            self._point(ET.SubElement(feature, self._qname(self.schema.geometry)), point)
        for name, value in values.items():
            if name in self.schema.fields and value is not None and value != "":
                ET.SubElement(feature, self._qname(name)).text = _literal(value)

    def update(self, values: dict[str, object], point: Optional[tuple[float, float]], conditions: list[tuple[str, object]]) -> None:
        op = ET.SubElement(self.root, "wfs:Update", {"typeName": self._qname(self.schema.local_name)})
        name_tag = "wfs:ValueReference" if self.v2 else "wfs:Name"
        for name, value in values.items():
            if name not in self.schema.fields:
                continue
            prop = ET.SubElement(op, "wfs:Property")
            ET.SubElement(prop, name_tag).text = name
            if value is not None and value != "":
                ET.SubElement(prop, "wfs:Value").text = _literal(value)
        if point is not None:
            prop = ET.SubElement(op, "wfs:Property")
            ET.SubElement(prop, name_tag).text = self.schema.geometry
            self._point(ET.SubElement(prop, "wfs:Value"), point)
        self._filter(op, conditions)

    def delete(self, fid: str) -> None:
        op = ET.SubElement(self.root, "wfs:Delete", {"typeName": self._qname(self.schema.local_name)})
        filt = ET.SubElement(op, f"{self.filter_ns}:Filter")
        if self.v2:
            ET.SubElement(filt, "fes:ResourceId", {"rid": fid})
        else:
            ET.SubElement(filt, "ogc:GmlObjectId", {"gml:id": fid})

    def __len__(self) -> int:
        return len(self.root)

    def tobytes(self) -> bytes:
        return ET.tostring(self.root, encoding="utf-8", xml_declaration=True)
