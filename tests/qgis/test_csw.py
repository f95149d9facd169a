"""Catalogue search (core/csw.py) against a replay of the Géo2France GeoNetwork CSW (tests/csw_replay.py).

The replay answers with GeoNetwork-shaped fixtures (tests/data/csw, provenance in its README) and
records every posted body, so the requests themselves are checked as well as their parsing.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from csw_replay import FIXTURES, start_csw_replay  # noqa: E402

from mednum.core.csw import (  # noqa: E402
    CatalogueError,
    WfsLink,
    build_get_records,
    like_pattern,
    parse_get_records,
    search_catalogue,
)

CSW = "{http://www.opengis.net/cat/csw/2.0.2}"
OGC = "{http://www.opengis.net/ogc}"
GEOSERVER = "https://www.geo2france.fr/geoserver/ows"


@pytest.fixture
def replay(tmp_path, fresh_network):
    """Factory: a CSW replay subprocess (``fail``: "", "http500" or "close"), stopped after the test."""
    started = []

    def start(fail: str = ""):
        server = start_csw_replay(Path(tmp_path) / f"csw{len(started)}", fail=fail)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def only_request(server) -> ET.Element:
    requests = server.requests()
    assert len(requests) == 1, [r.fixture for r in requests]
    request = requests[0]
    assert request.method == "POST" and request.path == "/geonetwork/srv/fre/csw"
    assert request.content_type.startswith("application/xml")
    return request.xml()


def like_literal(get_records: ET.Element) -> str:
    likes = [e for e in get_records.iter(f"{OGC}PropertyIsLike") if e.findtext(f"{OGC}PropertyName") == "csw:AnyText"]
    assert len(likes) == 1
    assert likes[0].attrib == {"wildCard": "%", "singleChar": "_", "escapeChar": "\\"}
    return likes[0].findtext(f"{OGC}Literal")


# --------------------------------------------------------------------------- results

def test_search_returns_records_with_their_wfs_layers(replay):
    server = replay()
    result = search_catalogue(server.url, "Hauts-de-France", max_records=3)

    assert [r.title for r in result.records] == [
        "Lieux de médiation numérique en Hauts-de-France",
        "Communes des Hauts-de-France",
        "EPCI à fiscalité propre des Hauts-de-France",
    ]
    lieux, communes, epci = result.records
    assert lieux.identifier == "6f1c2d7e-3b9a-4c52-9e41-8a0d5b7c2f10"
    assert lieux.abstract.startswith("Recensement des lieux où les habitants")
    # the place keyword, repeated by another thesaurus in the metadata, is listed once
    assert lieux.keywords == ["médiation numérique", "inclusion numérique", "France Services", "Hauts-de-France",
                              "Services d'utilité publique et services publics", "utilitiesCommunication"]
    assert lieux.modified == "2025-10-01"
    assert lieux.resource_type == "dataset"
    # one WFS layer per record: the WMS, web page and thumbnail links are kept apart
    assert [(w.url, w.typename, w.protocol) for w in lieux.wfs_links] == [(GEOSERVER, "mednum:lieux", "OGC:WFS")]
    assert lieux.wfs_links[0].description == "Lieux de médiation numérique (OGC:WFS)"
    assert [(link.protocol, link.name) for link in lieux.links] == [
        ("OGC:WMS", "mednum:lieux"),
        ("WWW:LINK-1.0-http--link", "Schéma des lieux de médiation numérique"),
        ("image/png", "thumbnail"),
    ]
    # GeoNetwork's indented dc:URI text is trimmed
    assert [(w.url, w.typename) for w in communes.wfs_links] == [(GEOSERVER, "mednum:communes")]
    assert communes.keywords == ["Unités administratives", "communes", "boundaries"]
    # entities decoded; the OGC request parameters left in the link are dropped from its service address
    (epci_wfs,) = epci.wfs_links
    assert epci_wfs.typename == "mednum:epci"
    assert epci_wfs.url == GEOSERVER + "?service=WFS&request=GetCapabilities"
    assert epci_wfs.service_url == GEOSERVER
    assert epci_wfs.description == 'EPCI "à fiscalité propre" (OGC:WFS)'
    assert [link.protocol for link in epci.links] == ["WWW:DOWNLOAD-1.0-http--download"]
    assert result.unreadable == 0


def test_request_is_a_csw_202_getrecords_of_full_dataset_records(replay):
    server = replay()
    search_catalogue(server.url, "Hauts-de-France", max_records=3)

    root = only_request(server)
    assert root.tag == f"{CSW}GetRecords"
    assert {k: root.get(k) for k in ("service", "version", "resultType", "startPosition", "maxRecords", "outputSchema")} == {
        "service": "CSW", "version": "2.0.2", "resultType": "results", "startPosition": "1", "maxRecords": "3",
        "outputSchema": "http://www.opengis.net/cat/csw/2.0.2"}
    query = root.find(f"{CSW}Query")
    assert query.get("typeNames") == "csw:Record"
    assert query.findtext(f"{CSW}ElementSetName") == "full"
    assert query.find(f"{CSW}Constraint").get("version") == "1.1.0"
    conditions = query.find(f"{CSW}Constraint/{OGC}Filter/{OGC}And")
    assert [c.tag for c in conditions] == [f"{OGC}PropertyIsLike", f"{OGC}PropertyIsEqualTo"]
    assert like_literal(root) == "%Hauts-de-France%"
    assert [conditions[1].findtext(f"{OGC}PropertyName"), conditions[1].findtext(f"{OGC}Literal")] == ["dc:type", "dataset"]


def test_paging_follows_next_record_to_the_last_page(replay):
    server = replay()
    first = search_catalogue(server.url, "hauts-de-france", max_records=3)
    assert (first.matched, first.returned, first.next_record, first.has_more) == (5, 3, 4, True)

    second = search_catalogue(server.url, "hauts-de-france", max_records=3, start=first.next_record)
    assert (second.matched, second.returned, second.next_record, second.has_more) == (5, 2, 0, False)
    assert [r.title for r in second.records] == ["Départements des Hauts-de-France",
                                                 "Stratégie régionale d'inclusion numérique des Hauts-de-France"]
    departements, strategie = second.records
    assert [(w.url, w.typename) for w in departements.wfs_links] == [(GEOSERVER, "mednum:departements")]
    assert strategie.wfs_links == [] and not strategie.has_wfs
    assert [link.protocol for link in strategie.links] == ["OGC:WMS", "WWW:LINK-1.0-http--link"]

    assert [r.xml().get("startPosition") for r in server.requests()] == ["1", "4"]
    assert [r.fixture for r in server.requests()] == ["getrecords-page1.xml", "getrecords-page2.xml"]


def test_empty_text_searches_all_datasets_without_a_text_condition(replay):
    server = replay()
    result = search_catalogue(server.url, "   ", max_records=3)
    assert result.matched == 5 and len(result.records) == 3

    root = only_request(server)
    filter_ = root.find(f"{CSW}Query/{CSW}Constraint/{OGC}Filter")
    assert [c.tag for c in filter_] == [f"{OGC}PropertyIsEqualTo"]  # dc:type = dataset only, no AnyText
    assert not list(root.iter(f"{OGC}PropertyIsLike"))


def test_search_without_match_is_an_empty_result(replay):
    server = replay()
    result = search_catalogue(server.url, "aucune notice ne contient ce texte")
    assert (result.records, result.matched, result.returned, result.next_record, result.has_more) == ([], 0, 0, 0, False)
    assert server.requests()[0].fixture == "getrecords-empty.xml"


# --------------------------------------------------------------------------- escaping

def test_quote_and_markup_characters_are_escaped_in_the_posted_xml(replay):
    server = replay()
    text = "l'EPCI \"<Amiens> & co\""
    result = search_catalogue(server.url, text)
    assert result.records == []  # the replay found the text, unescaped, and matched nothing

    raw = server.requests()[0].body
    assert b"<Amiens>" not in raw and b"& co" not in raw  # markup characters travel escaped...
    assert like_literal(only_request(server)) == "%" + text + "%"  # ...and parse back to the very text


def test_like_wildcards_typed_by_the_user_are_escaped(replay):
    assert like_pattern("taux_100%") == "%taux\\_100\\%%"
    assert like_pattern("C:\\dossier") == "%C:\\\\dossier%"
    server = replay()
    search_catalogue(server.url, "100% _fibre_")
    assert like_literal(only_request(server)) == "%100\\% \\_fibre\\_%"


def test_request_body_is_well_formed_for_any_text():
    for text in ("]]>", "<!-- x -->", "é\u00a0è", "a\tb"):
        root = ET.fromstring(build_get_records(text))
        assert root.find(f".//{OGC}Literal").text == like_pattern(text)
    # characters XML cannot carry at all (pasted control characters) are dropped, not sent
    root = ET.fromstring(build_get_records("\x00fibre\x0b optique\x1f"))
    assert root.find(f".//{OGC}Literal").text == "%fibre optique%"


# --------------------------------------------------------------------------- failures

def test_exception_report_becomes_a_french_catalogue_error(replay):
    server = replay()
    with pytest.raises(CatalogueError) as caught:
        search_catalogue(server.url, "Hauts-de-France", start=10)
    error = caught.value
    assert error.message == (f"Le catalogue {server.host} a refusé la recherche : "
                             "Start position (10) can't be greater than number of matching records (5 for current search).")
    assert error.code == "InvalidParameterValue"
    assert error.host == server.host and error.status is None and error.network is None


def test_http_500_becomes_a_catalogue_error(replay):
    server = replay(fail="http500")
    with pytest.raises(CatalogueError) as caught:
        search_catalogue(server.url, "Hauts-de-France")
    error = caught.value
    assert error.status == 500
    assert error.message == f"Le catalogue {server.host} a répondu par une erreur : erreur du serveur (HTTP 500)."
    assert len(server.requests()) == 1


def test_connection_closed_without_answer_becomes_a_catalogue_error(replay):
    server = replay(fail="close")
    with pytest.raises(CatalogueError) as caught:
        search_catalogue(server.url, "Hauts-de-France")
    error = caught.value
    assert error.network is not None and error.status is None
    assert error.message.startswith(f"Recherche impossible dans le catalogue {server.host} : ")
    assert server.requests(), "the request did reach the server"


def test_connection_refused_names_the_catalogue_host(fresh_network):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CatalogueError) as caught:
        search_catalogue(f"http://127.0.0.1:{port}/geonetwork/srv/fre/csw", "lieux")
    error = caught.value
    assert error.host == f"127.0.0.1:{port}"
    assert error.message.startswith(f"Recherche impossible dans le catalogue 127.0.0.1:{port} : ")
    assert error.network is not None and error.network.kind == "connexion"


def test_a_document_that_is_not_a_getrecords_response_is_refused():
    capabilities = b'<csw:Capabilities xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" version="2.0.2"/>'
    with pytest.raises(CatalogueError, match="n'est pas un résultat de recherche CSW"):
        parse_get_records(capabilities, "www.geo2france.fr")
    with pytest.raises(CatalogueError, match="illisible"):
        parse_get_records(b'<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', "www.geo2france.fr")


def test_fixture_pages_agree_with_their_counts():
    """The fixtures are consistent: returned = records present, the two pages cover the 5 matched records."""
    seen = []
    for name in ("getrecords-page1.xml", "getrecords-page2.xml", "getrecords-empty.xml"):
        result = parse_get_records((FIXTURES / name).read_bytes())
        assert result.returned == len(result.records)
        seen += [r.identifier for r in result.records]
    assert len(seen) == len(set(seen)) == 5


def test_dct_references_of_other_catalogues_are_read():
    """pycsw/GeoServer write links as ``dct:references scheme=…`` (layer name in the URL): also WFS links."""
    response = b"""<?xml version="1.0" encoding="UTF-8"?>
<csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:dct="http://purl.org/dc/terms/" version="2.0.2">
  <csw:SearchStatus timestamp="2025-11-20T09:41:12Z"/>
  <csw:SearchResults numberOfRecordsMatched="1" numberOfRecordsReturned="1" nextRecord="0"
      recordSchema="http://www.opengis.net/cat/csw/2.0.2" elementSet="full">
    <csw:Record>
      <dc:identifier>mednum:lieux</dc:identifier>
      <dc:title>Lieux</dc:title>
      <dct:references scheme="OGC:WFS">https://example.org/geoserver/ows?service=WFS&amp;request=GetCapabilities&amp;typeName=mednum:lieux</dct:references>
      <dct:references scheme="OGC:WMS">https://example.org/geoserver/ows?service=WMS&amp;layers=mednum:lieux</dct:references>
    </csw:Record>
  </csw:SearchResults>
</csw:GetRecordsResponse>"""
    (record,) = parse_get_records(response).records
    assert [(w.typename, w.service_url, w.protocol) for w in record.wfs_links] == [
        ("mednum:lieux", "https://example.org/geoserver/ows", "OGC:WFS")]
    assert [link.protocol for link in record.links] == ["OGC:WMS"]


def test_next_record_past_the_last_record_means_no_next_page():
    """GeoNetwork 4 computes nextRecord = start + returned even on the last page (here 6 of 5): no further page."""
    last_page = (FIXTURES / "getrecords-page2.xml").read_bytes().replace(b'nextRecord="0"', b'nextRecord="6"')
    result = parse_get_records(last_page)
    assert (result.matched, result.returned, result.next_record, result.has_more) == (5, 2, 0, False)


def test_service_url_keeps_the_parameters_of_the_service_itself():
    link = WfsLink("https://carto.example.org/cgi-bin/mapserv?SERVICE=WFS&map=/srv/carte%20lieux.map&REQUEST=GetCapabilities&typeName=ms:lieux",
                   "ms:lieux")
    assert link.service_url == "https://carto.example.org/cgi-bin/mapserv?map=/srv/carte%20lieux.map"
