"""CSW 2.0.2 catalogue search (GeoNetwork, e.g. Géo2France): find the WFS layers a catalogue describes.

One ``GetRecords`` POST per page, sent through :mod:`.network` (QGIS's network stack, authcfg,
proxy); the request is built with ``xml.etree`` (values escaped), the answer parsed with
:func:`.wfs.parse_xml` (no DTD, no entities) and each ``csw:Record`` read by owslib's public
:class:`owslib.csw.CswRecord`. GeoNetwork writes a record's online resources as
``<dc:URI protocol="OGC:WFS" name="ws:layer" description="…">https://…/ows</dc:URI>``; other
catalogues (pycsw, GeoServer) use ``<dct:references scheme="OGC:WFS">``: both are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import parse_qsl, unquote_plus, urlsplit, urlunsplit
from xml.etree import ElementTree as ET

from qgis.core import QgsFeedback

from .i18n import tr
from .network import HttpResponse, NetworkError, http_post, safe_url
from .wfs import WfsError, exception_text, local, parse_xml

NS = {
    "csw": "http://www.opengis.net/cat/csw/2.0.2",
    "ogc": "http://www.opengis.net/ogc",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dct": "http://purl.org/dc/terms/",
    "ows": "http://www.opengis.net/ows",
}
WILDCARD, SINGLE_CHAR, ESCAPE_CHAR = "%", "_", "\\"
#: the ``dc:type`` (ISO hierarchy level) of data sets, the queryable ``Type`` of GeoNetwork
DATASET = "dataset"
RECORD_ELEMENTS = ("Record", "SummaryRecord", "BriefRecord")
#: characters XML 1.0 cannot carry, even escaped
XML_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: KVP parameters of an OGC request, dropped from a link to get the service's address
OGC_REQUEST_PARAMETERS = {"service", "request", "version", "acceptversions", "typename", "typenames", "layers",
                          "outputformat", "srsname", "maxfeatures", "count", "startindex", "bbox"}


class CatalogueError(Exception):
    """A catalogue search that failed; ``message`` is French and names the catalogue's host."""

    def __init__(self, message: str, *, host: str = "", status: Optional[int] = None, code: str = "",
                 network: Optional[NetworkError] = None):
        super().__init__(message)
        self.message, self.host, self.status, self.code, self.network = message, host, status, code, network


@dataclass
class WfsLink:
    """A WFS layer a record points to: the service address and the layer's name on it."""

    url: str
    typename: str
    protocol: str = ""
    description: str = ""

    @property
    def service_url(self) -> str:
        """``url`` without the OGC request parameters (SERVICE, REQUEST, TYPENAME…) some catalogues leave in it."""
        parts = urlsplit(self.url)
        kept = [p for p in parts.query.split("&") if p and unquote_plus(p.split("=", 1)[0]).lower() not in OGC_REQUEST_PARAMETERS]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


@dataclass
class CatalogueLink:
    """Any other online resource of a record (WMS, web page, download, thumbnail…)."""

    url: str
    protocol: str = ""
    name: str = ""
    description: str = ""


@dataclass
class CatalogueRecord:
    """One metadata record of the catalogue (Dublin Core ``csw:Record``)."""

    identifier: str
    title: str
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    modified: str = ""
    wfs_links: list[WfsLink] = field(default_factory=list)
    links: list[CatalogueLink] = field(default_factory=list)
    resource_type: str = ""

    @property
    def has_wfs(self) -> bool:
        return bool(self.wfs_links)


@dataclass
class CatalogueResult:
    """One page of a search: its records, how many the catalogue matched, and where the next page starts (0: none)."""

    records: list[CatalogueRecord]
    matched: int
    returned: int
    next_record: int
    unreadable: int = 0

    @property
    def has_more(self) -> bool:
        return self.next_record > 0


# --------------------------------------------------------------------------- request

def like_pattern(text: str) -> str:
    """``%text%`` for ``ogc:PropertyIsLike``, the user's own ``%``, ``_`` and ``\\`` escaped."""
    escaped = "".join(ESCAPE_CHAR + c if c in (WILDCARD, SINGLE_CHAR, ESCAPE_CHAR) else c for c in text)
    return f"{WILDCARD}{escaped}{WILDCARD}"


def build_get_records(text: str = "", *, max_records: int = 20, start: int = 1, datasets_only: bool = True) -> bytes:
    """The XML body of a CSW 2.0.2 ``GetRecords`` (results, ``csw:Record``, full) searching ``text`` in any field."""
    root = ET.Element("csw:GetRecords", {
        "xmlns:csw": NS["csw"], "xmlns:ogc": NS["ogc"], "xmlns:dc": NS["dc"],
        "service": "CSW", "version": "2.0.2", "resultType": "results",
        "startPosition": str(start), "maxRecords": str(max_records),
        "outputFormat": "application/xml", "outputSchema": NS["csw"]})
    query = ET.SubElement(root, "csw:Query", {"typeNames": "csw:Record"})
    ET.SubElement(query, "csw:ElementSetName").text = "full"
    conditions = []
    text = XML_INVALID.sub("", text).strip()
    if text:
        like = ET.Element("ogc:PropertyIsLike", {"wildCard": WILDCARD, "singleChar": SINGLE_CHAR, "escapeChar": ESCAPE_CHAR})
        ET.SubElement(like, "ogc:PropertyName").text = "csw:AnyText"
        ET.SubElement(like, "ogc:Literal").text = like_pattern(text)
        conditions.append(like)
    if datasets_only:
        equal = ET.Element("ogc:PropertyIsEqualTo")
        ET.SubElement(equal, "ogc:PropertyName").text = "dc:type"
        ET.SubElement(equal, "ogc:Literal").text = DATASET
        conditions.append(equal)
    if conditions:
        constraint = ET.SubElement(query, "csw:Constraint", {"version": "1.1.0"})
        parent = ET.SubElement(constraint, "ogc:Filter")
        if len(conditions) > 1:
            parent = ET.SubElement(parent, "ogc:And")
        parent.extend(conditions)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --------------------------------------------------------------------------- response

def _int(value: Optional[str], default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _typename_from_url(url: str) -> str:
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in ("typename", "typenames", "layers") and value:
            return value.split(",")[0]
    return ""


def _is_wfs(protocol: str) -> bool:
    return "OGC:WFS" in (protocol or "").upper()


def record_from_element(element: ET.Element) -> CatalogueRecord:
    """A :class:`CatalogueRecord` from a ``csw:Record`` element (parsed by owslib's ``CswRecord``)."""
    from owslib.csw import CswRecord
    from owslib.etree import etree as lxml_etree

    # owslib works on lxml elements; the document was already checked (no DTD, no entities) by parse_xml
    parser = lxml_etree.XMLParser(resolve_entities=False, no_network=True)
    parsed = CswRecord(lxml_etree.fromstring(ET.tostring(element), parser))
    wfs_links: list[WfsLink] = []
    links: list[CatalogueLink] = []
    for uri in parsed.uris:
        url, protocol = uri.get("url") or "", uri.get("protocol") or ""
        if not url:
            continue
        if _is_wfs(protocol):
            wfs_links.append(WfsLink(url, uri.get("name") or _typename_from_url(url), protocol, uri.get("description") or ""))
        else:
            links.append(CatalogueLink(url, protocol, uri.get("name") or "", uri.get("description") or ""))
    for reference in parsed.references:
        url, scheme = reference.get("url") or "", reference.get("scheme") or ""
        if not url:
            continue
        if _is_wfs(scheme):
            wfs_links.append(WfsLink(url, _typename_from_url(url), scheme))
        else:
            links.append(CatalogueLink(url, scheme))
    unique: dict[tuple[str, str], WfsLink] = {}
    for link in wfs_links:
        unique.setdefault((link.url, link.typename), link)
    keywords = list(dict.fromkeys(s.strip() for s in parsed.subjects if s and s.strip()))
    return CatalogueRecord(
        identifier=parsed.identifier or "", title=parsed.title or "", abstract=parsed.abstract or "", keywords=keywords,
        modified=parsed.modified or parsed.date or "", wfs_links=list(unique.values()), links=links,
        resource_type=parsed.type or "")


def parse_get_records(content: bytes, host: str = "") -> CatalogueResult:
    """The page of records of a ``csw:GetRecordsResponse``; :class:`CatalogueError` for anything else."""
    report = exception_text(content)
    if report is not None:
        code, text = report
        raise CatalogueError(tr("Le catalogue {hote} a refusé la recherche : {texte}").format(hote=host, texte=text or code),
                             host=host, code=code)
    try:
        root = parse_xml(content)
    except WfsError as error:
        raise CatalogueError(tr("Réponse du catalogue {hote} illisible : {erreur}").format(hote=host, erreur=error.message),
                             host=host) from error
    results = next((e for e in root if local(e.tag) == "SearchResults"), None)
    if local(root.tag) != "GetRecordsResponse" or results is None:
        raise CatalogueError(tr("La réponse du catalogue {hote} n'est pas un résultat de recherche CSW (GetRecordsResponse).")
                             .format(hote=host), host=host)
    records, unreadable = [], 0
    for element in results:
        if local(element.tag) not in RECORD_ELEMENTS:
            continue
        try:
            records.append(record_from_element(element))
        except Exception:  # owslib raises whatever its parsers meet; one bad record must not hide the others
            unreadable += 1
    matched = _int(results.get("numberOfRecordsMatched"), len(records))
    returned = _int(results.get("numberOfRecordsReturned"), len(records) + unreadable)
    next_record = _int(results.get("nextRecord"), 0)
    if next_record > matched or next_record < 0:
        next_record = 0  # CSW: "0 if no records remain"; some servers point past the end instead
    return CatalogueResult(records, matched, returned, next_record, unreadable)


# --------------------------------------------------------------------------- search

def _host(url: str) -> str:
    return urlsplit(safe_url(url)).netloc


def _http_failure(response: HttpResponse, host: str) -> CatalogueError:
    reason = {401: tr("authentification requise ou identifiants refusés"), 403: tr("accès refusé"),
              404: tr("adresse introuvable")}.get(response.status, tr("erreur du serveur"))
    return CatalogueError(tr("Le catalogue {hote} a répondu par une erreur : {raison} (HTTP {statut}).").format(
        hote=host, raison=reason, statut=response.status), host=host, status=response.status)


def search_catalogue(csw_url: str, text: str = "", *, max_records: int = 20, start: int = 1, authcfg: str = "",
                     feedback: Optional[QgsFeedback] = None, datasets_only: bool = True) -> CatalogueResult:
    """Search ``text`` in the records of the CSW catalogue at ``csw_url``; one page from ``start`` (1-based).

    ``datasets_only`` keeps the records whose ``dc:type`` is ``dataset`` (GeoNetwork's ``Type`` queryable).
    Raises :class:`CatalogueError` (French message naming the host) when the search cannot be done.
    """
    host = _host(csw_url)
    start = max(1, int(start))
    body = build_get_records(text, max_records=max(1, int(max_records)), start=start, datasets_only=datasets_only)
    try:
        response = http_post(csw_url, body, content_type="application/xml; charset=utf-8", authcfg=authcfg, feedback=feedback)
    except NetworkError as error:
        raise CatalogueError(tr("Recherche impossible dans le catalogue {hote} : {erreur}").format(hote=host, erreur=error.message),
                             host=host, network=error) from error
    if exception_text(response.content) is None and not response.ok:
        raise _http_failure(response, host)
    result = parse_get_records(response.content, host)
    if result.next_record and result.next_record <= start:
        result.next_record = 0  # a next page that does not move forward would loop for ever
    return result
