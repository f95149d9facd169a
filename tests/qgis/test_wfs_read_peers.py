"""The plugin's WFS read path against two implementations: QGIS Server (WFS 1.1, GeoJSON) and
MapServer (WFS 2.0, GML 3.2 only, paging); every page is loaded (feature count = resultType=hits)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mapserver import TYPENAME, mapserver_available, start_mapserver, stop_mapserver  # noqa: E402
from servers import DEMO_GPKG  # noqa: E402

from mednum.core.editing import open_session  # noqa: E402
from mednum.core.wfs import WfsClient  # noqa: E402


def stored_points() -> dict[str, tuple[float, float]]:
    from osgeo import ogr

    source = ogr.Open(str(DEMO_GPKG))
    layer = source.GetLayerByName("lieux")
    return {f.GetField("id"): (f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY()) for f in layer}


@pytest.mark.skipif(not mapserver_available(), reason="MapServer (cgi-mapserver) absent")
def test_mapserver_wfs20_pages_until_every_lieu_is_loaded(tmp_path, fresh_network, journal):
    proc, url = start_mapserver(DEMO_GPKG, tmp_path / "ms")
    try:
        client = WfsClient(url, version="auto")
        assert client.version == "2.0.0"
        assert not client.feature_type(TYPENAME).editable
        hits = client.hits(TYPENAME)
        session = open_session(client, TYPENAME, journal, page_size=200)
    finally:
        stop_mapserver(proc)
    layer = session.layer
    assert hits == layer.featureCount() == 508
    assert layer.readOnly()
    requests = (tmp_path / "ms" / "requests.log").read_text()
    assert requests.count("STARTINDEX=") >= 3  # 200 + 200 + 108
    points = stored_points()
    con = sqlite3.connect(DEMO_GPKG)
    names = dict(con.execute("SELECT id, nom FROM lieux"))
    dates = dict(con.execute("SELECT id, date_maj FROM lieux"))
    con.close()
    for feature in layer.getFeatures():
        lieu_id = feature["id"]
        point = feature.geometry().asPoint()
        x, y = points[lieu_id]
        assert abs(point.x() - x) < 1 and abs(point.y() - y) < 1
        assert feature["nom"] == names[lieu_id]
        assert feature["date_maj"].toString("yyyy-MM-dd") == dates[lieu_id]  # gml:TimeInstant unwrapped


def test_qgis_server_wfs11_pages_until_every_lieu_is_loaded(wfs_server, journal):
    server = wfs_server()
    client = WfsClient(server.url, version="1.1.0")
    session = open_session(client, "lieux", journal, page_size=100)
    assert client.version == "1.1.0"
    assert session.layer.featureCount() == client.hits("lieux") == server.count()
    log = server.log.read_text()
    assert log.count("STARTINDEX=") == 6  # 100 × 5 + 8
    assert len({f["id"] for f in session.layer.getFeatures()}) == 508
