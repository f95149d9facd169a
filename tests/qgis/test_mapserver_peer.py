"""MapServer 8 (CGI) as a second, read-only WFS 2.0 implementation besides QGIS Server.

The peer (``scripts/mapserver_wfs.py``) serves the ``lieux`` layer of a copy of the demo base at
``http://127.0.0.1:PORT/wfs``, typename ``ms:lieux``. These tests check the server directly over
HTTP (capabilities, hits, STARTINDEX/COUNT paging, GML 3.2 members, Transaction refused) and that
QGIS's own WFS provider pages through it. Each request costs a CGI process (0.1-0.45 s): the
GetFeature pages are fetched once per module and shared.
"""

from __future__ import annotations

import math
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit
from xml.etree import ElementTree as ET

import pytest
from helpers import REPO
from mapserver import TYPENAME, mapserver_available, start_mapserver, stop_mapserver

DEMO_GPKG = REPO / "resources" / "demo" / "demo.gpkg"
NS = {
    "wfs": "http://www.opengis.net/wfs/2.0",
    "ows": "http://www.opengis.net/ows/1.1",
    "gml": "http://www.opengis.net/gml/3.2",
    "ms": "http://mapserver.gis.umn.edu/mapserver",
    "xlink": "http://www.w3.org/1999/xlink",
}
XLINK_HREF = f"{{{NS['xlink']}}}href"
GML_ID = f"{{{NS['gml']}}}id"
PAGE = 200


def _request(url: str, params: dict | None = None, data: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    """HTTP status and body (error statuses included)."""
    full = url + ("?" + urlencode(params) if params else "")
    req = urllib.request.Request(full, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _wfs(url: str, request: str, **params: object) -> tuple[int, ET.Element]:
    status, body = _request(url, {"SERVICE": "WFS", "VERSION": "2.0.0", "REQUEST": request, **params})
    return status, ET.fromstring(body)


@pytest.fixture(scope="module")
def peer(tmp_path_factory):
    """(WFS base URL, work directory holding the served GeoPackage copy and requests.log)."""
    if not mapserver_available():
        pytest.skip("MapServer CGI absent (apt-get install mapserver-bin cgi-mapserver)")
    workdir = tmp_path_factory.mktemp("mapserver")
    proc, url = start_mapserver(DEMO_GPKG, workdir)
    try:
        yield url, workdir
    finally:
        stop_mapserver(proc)


@pytest.fixture(scope="module")
def served_gpkg(peer) -> Path:
    return peer[1] / "lieux.gpkg"


@pytest.fixture(scope="module")
def gpkg_ids(served_gpkg) -> set[str]:
    con = sqlite3.connect(f"file:{served_gpkg}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT id FROM lieux")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def gpkg_lieux(served_gpkg) -> dict[str, tuple[float, float, str, str]]:
    """id -> (x, y, nom, code_insee) in EPSG:2154, read with OGR."""
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.Open(str(served_gpkg))
    lieux = {}
    for feature in ds.GetLayerByName("lieux"):
        geom = feature.GetGeometryRef()
        lieux[feature.GetField("id")] = (geom.GetX(), geom.GetY(), feature.GetField("nom"), feature.GetField("code_insee"))
    ds = None
    return lieux


@pytest.fixture(scope="module")
def capabilities(peer) -> ET.Element:
    status, root = _wfs(peer[0], "GetCapabilities")
    assert status == 200
    return root


@pytest.fixture(scope="module")
def pages(peer) -> list[ET.Element]:
    """The three GetFeature pages of 200 (STARTINDEX 0, 200, 400), fetched once."""
    result = []
    for start in (0, PAGE, 2 * PAGE):
        status, root = _wfs(peer[0], "GetFeature", TYPENAMES=TYPENAME, STARTINDEX=start, COUNT=PAGE)
        assert status == 200, ET.tostring(root)[:500]
        result.append(root)
    return result


def _operation_urls(root: ET.Element) -> list[str]:
    return [e.get(XLINK_HREF) for e in root.iterfind(".//ows:OperationsMetadata//ows:DCP/ows:HTTP/*", NS)]


def test_capabilities_list_lieux_and_follow_the_host_header(peer, capabilities):
    url, _ = peer
    names = [e.text for e in capabilities.iterfind("wfs:FeatureTypeList/wfs:FeatureType/wfs:Name", NS)]
    assert names == [TYPENAME]
    feature_type = capabilities.find("wfs:FeatureTypeList/wfs:FeatureType", NS)
    assert feature_type.findtext("wfs:DefaultCRS", namespaces=NS) == "urn:ogc:def:crs:EPSG::2154"
    assert "urn:ogc:def:crs:EPSG::4326" in [e.text for e in feature_type.iterfind("wfs:OtherCRS", NS)]
    paging = capabilities.find(".//ows:Constraint[@name='ImplementsResultPaging']/ows:DefaultValue", NS)
    assert paging is not None and paging.text == "TRUE"

    hrefs = _operation_urls(capabilities)
    assert hrefs, "no operation URL in the capabilities"
    expected = urlsplit(url)
    for href in hrefs:
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path) == (expected.scheme, expected.netloc, expected.path), href

    # Behind a proxy the URLs follow the Host header the client sent, not the port MapServer runs on.
    status, body = _request(url, {"SERVICE": "WFS", "VERSION": "2.0.0", "REQUEST": "GetCapabilities"},
                            headers={"Host": "proxy.example:8443"})
    assert status == 200
    proxied = _operation_urls(ET.fromstring(body))
    assert proxied and all(urlsplit(h).netloc == "proxy.example:8443" for h in proxied), proxied


def test_hits_give_number_matched(peer, gpkg_ids):
    status, root = _wfs(peer[0], "GetFeature", TYPENAMES=TYPENAME, RESULTTYPE="hits")
    assert status == 200
    assert len(gpkg_ids) == 508
    assert root.get("numberMatched") == "508"
    assert root.get("numberReturned") == "0"
    assert root.find("wfs:member", NS) is None


def test_paging_startindex_count_covers_every_lieu_once(peer, pages, gpkg_ids):
    members = [page.findall("wfs:member", NS) for page in pages]
    assert [len(m) for m in members] == [200, 200, 108]
    assert [page.get("numberReturned") for page in pages] == ["200", "200", "108"]
    # MapServer 8 says numberMatched="unknown" until the page that reaches the end.
    assert pages[-1].get("numberMatched") == "508"
    # The "next" link follows the Host header too; the last page has none.
    assert urlsplit(pages[0].get("next")).netloc == urlsplit(peer[0]).netloc
    assert pages[-1].get("next") is None

    ids = [[m.findtext("ms:lieux/ms:id", namespaces=NS) for m in page] for page in members]
    sets = [set(page) for page in ids]
    assert [len(s) for s in sets] == [200, 200, 108]
    assert not (sets[0] & sets[1] or sets[0] & sets[2] or sets[1] & sets[2])
    assert sets[0] | sets[1] | sets[2] == gpkg_ids


def test_members_carry_id_position_and_attributes(pages, gpkg_lieux):
    checked = 0
    for page in pages:
        for member in page.iterfind("wfs:member/ms:lieux", NS):
            lieu_id = member.findtext("ms:id", namespaces=NS)
            x, y, nom, code_insee = gpkg_lieux[lieu_id]
            # gml:id comes from gml_featureid "id"; MapServer prefixes it with the layer name.
            assert member.get(GML_ID) == f"lieux.{lieu_id}"
            point = member.find("ms:msGeometry/gml:Point", NS)
            assert point.get("srsName") == "urn:ogc:def:crs:EPSG::2154"
            px, py = (float(v) for v in point.findtext("gml:pos", namespaces=NS).split())
            assert math.hypot(px - x, py - y) < 1.0, (lieu_id, px, py, x, y)
            assert member.findtext("ms:nom", namespaces=NS) == nom
            assert member.findtext("ms:code_insee", namespaces=NS) == code_insee
            checked += 1
    assert checked == 508


def test_transaction_is_refused(peer, capabilities, served_gpkg, gpkg_ids):
    url, _ = peer
    transactional = capabilities.find(".//ows:Constraint[@name='ImplementsTransactionalWFS']/ows:DefaultValue", NS)
    assert transactional is not None and transactional.text == "FALSE"
    victim = sorted(gpkg_ids)[0]
    body = (
        '<wfs:Transaction service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"'
        ' xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:ms="http://mapserver.gis.umn.edu/mapserver">'
        f'<wfs:Delete typeName="{TYPENAME}"><fes:Filter><fes:ResourceId rid="lieux.{victim}"/></fes:Filter></wfs:Delete>'
        "</wfs:Transaction>"
    ).encode()
    status, answer = _request(url, data=body, headers={"Content-Type": "text/xml"})
    assert status >= 400, answer[:500]
    root = ET.fromstring(answer)
    assert root.tag == f"{{{NS['ows']}}}ExceptionReport"
    exception = root.find("ows:Exception", NS)
    assert exception.get("exceptionCode") == "OperationNotSupported"
    assert "Transaction" in exception.findtext("ows:ExceptionText", namespaces=NS)
    con = sqlite3.connect(f"file:{served_gpkg}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT count(*) FROM lieux").fetchone()[0] == 508
        assert con.execute("SELECT count(*) FROM lieux WHERE id = ?", (victim,)).fetchone()[0] == 1
    finally:
        con.close()


def test_qgis_wfs_provider_pages_through_mapserver(qgis_app, peer, gpkg_lieux):
    from qgis.core import QgsNetworkAccessManager, QgsVectorDataProvider, QgsVectorLayer

    url, workdir = peer
    log = workdir / "requests.log"
    logged_before = len(log.read_text(encoding="utf-8").splitlines())
    timeout = QgsNetworkAccessManager.timeout()
    QgsNetworkAccessManager.setTimeout(20000)
    try:
        uri = f"url='{url}' typename='{TYPENAME}' version='2.0.0' pagingEnabled='true' pageSize='100'"
        layer = QgsVectorLayer(uri, "lieux", "WFS")
        assert layer.isValid(), layer.error().message()
        assert layer.crs().authid() == "EPSG:2154"
        assert {"id", "nom", "code_insee"} <= set(layer.fields().names())
        caps = layer.dataProvider().capabilities()
        assert not caps & QgsVectorDataProvider.AddFeatures
        assert not caps & QgsVectorDataProvider.ChangeAttributeValues

        ids = set()
        for feature in layer.getFeatures():
            lieu_id = feature["id"]
            ids.add(lieu_id)
            point = feature.geometry().asPoint()
            x, y, nom, _ = gpkg_lieux[lieu_id]
            assert math.hypot(point.x() - x, point.y() - y) < 1.0, lieu_id
            assert feature["nom"] == nom
        assert ids == set(gpkg_lieux)
        assert layer.featureCount() == 508
    finally:
        QgsNetworkAccessManager.setTimeout(timeout)

    # The provider really paged: GetFeature with COUNT=100 at STARTINDEX 0, 100, ..., 500.
    starts = set()
    for line in log.read_text(encoding="utf-8").splitlines()[logged_before:]:
        query = {k.upper(): v for k, v in parse_qsl(line.split()[1].partition("?")[2])}
        if query.get("REQUEST", "").lower() == "getfeature" and query.get("COUNT") == "100":
            starts.add(int(query.get("STARTINDEX", "0")))
    assert starts >= {0, 100, 200, 300, 400, 500}, starts
