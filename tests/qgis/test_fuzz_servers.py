"""Fuzzing what servers send back: WFS capabilities, GML, GeoJSON, transaction answers, CSW records,
geocoder JSON. Each malformed input gives a result or the module's own French error — never another
exception, never a hang; XML with a DTD or entities (billion laughs, external entities) is refused at once."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from test_fuzz import mutate, random_json  # noqa: E402

from mednum.core import csw, geocoder, wfs  # noqa: E402
from mednum.core.network import HttpResponse  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
SLOW_S = 2.0

CAPABILITIES = b"""<?xml version="1.0" encoding="UTF-8"?>
<WFS_Capabilities version="1.1.0" xmlns="http://www.opengis.net/wfs" xmlns:ows="http://www.opengis.net/ows"
 xmlns:xlink="http://www.w3.org/1999/xlink"><ows:ServiceIdentification><ows:Title>T</ows:Title>
<ows:ServiceType>WFS</ows:ServiceType><ows:ServiceTypeVersion>1.1.0</ows:ServiceTypeVersion></ows:ServiceIdentification>
<ows:OperationsMetadata><ows:Operation name="GetFeature"><ows:DCP><ows:HTTP><ows:Get xlink:href="http://h/ows"/></ows:HTTP></ows:DCP>
<ows:Parameter name="outputFormat"><ows:Value>application/json</ows:Value></ows:Parameter></ows:Operation>
<ows:Operation name="Transaction"><ows:DCP><ows:HTTP><ows:Post xlink:href="http://h/ows"/></ows:HTTP></ows:DCP></ows:Operation>
</ows:OperationsMetadata><FeatureTypeList><FeatureType><Name>lieux</Name><Title>lieux</Title><DefaultSRS>EPSG:2154</DefaultSRS>
<Operations><Operation>Query</Operation><Operation>Insert</Operation></Operations></FeatureType></FeatureTypeList></WFS_Capabilities>"""
GML = b"""<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
 xmlns:ms="http://mapserver.gis.umn.edu/mapserver" numberMatched="1"><wfs:member><ms:lieux gml:id="lieux.a">
<ms:geom><gml:Point srsName="urn:ogc:def:crs:EPSG::2154"><gml:pos>650000 6980000</gml:pos></gml:Point></ms:geom>
<ms:id>a</ms:id><ms:nom>Lieu &amp; co</ms:nom><ms:date_maj><gml:TimeInstant><gml:timePosition>2026-01-01</gml:timePosition>
</gml:TimeInstant></ms:date_maj></ms:lieux></wfs:member></wfs:FeatureCollection>"""
TRANSACTION = b"""<wfs:TransactionResponse xmlns:wfs="http://www.opengis.net/wfs" xmlns:ogc="http://www.opengis.net/ogc">
<wfs:TransactionSummary><wfs:totalInserted>1</wfs:totalInserted></wfs:TransactionSummary><wfs:InsertResults><wfs:Feature>
<ogc:FeatureId fid="lieux.9"/></wfs:Feature></wfs:InsertResults></wfs:TransactionResponse>"""
GEOJSON = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "lieux.1", "geometry": {
    "type": "Point", "coordinates": [2.3, 49.9]}, "properties": {"id": "a", "nom": "x"}}]}).encode()
BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<WFS_Capabilities version="1.1.0">&lol9;</WFS_Capabilities>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><WFS_Capabilities>&x;</WFS_Capabilities>"""


def expect_clean(function, *args, allowed=(wfs.WfsError,)):
    start = time.perf_counter()
    try:
        function(*args)
    except allowed as error:
        assert getattr(error, "message", str(error)), "an error without a message"
    assert time.perf_counter() - start < SLOW_S


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion_laughs", "entite_externe"])
def test_entity_attacks_are_refused_at_once(qgis_app, document):
    start = time.perf_counter()
    with pytest.raises(wfs.WfsError) as raised:
        wfs.parse_capabilities("http://h/ows", document)
    assert time.perf_counter() - start < 0.5  # refused before any expansion
    assert "DTD" in raised.value.message
    assert wfs.exception_text(document) is None
    with pytest.raises(csw.CatalogueError):
        csw.parse_get_records(document, "h")


def test_fuzz_wfs_documents(qgis_app):
    rng = random.Random(99)
    count = 0
    for _ in range(150):
        expect_clean(wfs.parse_capabilities, "http://h/ows", mutate(CAPABILITIES, rng))
        expect_clean(wfs.parse_gml, mutate(GML, rng))
        expect_clean(wfs.parse_hits, mutate(GML, rng))
        expect_clean(wfs.parse_geojson, mutate(GEOJSON, rng))
        expect_clean(wfs.parse_geojson, json.dumps(random_json(rng)).encode())
        status = rng.choice([200, 403, 500])
        response = HttpResponse(status, mutate(TRANSACTION, rng), "http://h/ows")
        result = wfs.parse_transaction_response(response)
        assert result.ok or result.error
        count += 6
    assert count == 900


def test_fuzz_catalogue_and_geocoder_answers(qgis_app):
    rng = random.Random(5)
    csw_sample = (DATA / "csw" / "getrecords-page1.xml").read_bytes()
    geocoder_sample = (DATA / "geocodage" / "search-plusieurs.json").read_bytes()
    count = 0
    for _ in range(120):
        expect_clean(csw.parse_get_records, mutate(csw_sample, rng), "h", allowed=(csw.CatalogueError,))
        try:
            data = json.loads(mutate(geocoder_sample, rng).decode("utf-8", "replace"))
        except ValueError:
            data = random_json(rng)
        expect_clean(geocoder.parse_features, data, "h", allowed=(geocoder.GeocoderError,))
        expect_clean(geocoder.parse_features, random_json(rng), "h", allowed=(geocoder.GeocoderError,))
        count += 3
    assert count == 360
