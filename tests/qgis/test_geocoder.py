"""Address search (core/geocoder.py) against a replay of the Géoplateforme geocoder (tests/geocoder_replay.py).

The replay answers with fixtures shaped like the real service's answers (tests/data/geocodage,
provenance in its README), checks the parameters as the service does, and logs every request, so
the query strings sent are checked as well as the parsing of the answers.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCoordinateTransformContext, QgsNetworkAccessManager, QgsPointXY

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geocoder_replay import start_geocoder_replay  # noqa: E402

from mednum.core import geocoder  # noqa: E402
from mednum.core.geocoder import DEFAULT_GEOCODER, AddressMatch, GeocoderError, parse_features, reverse, search  # noqa: E402

AMIENS = "10 rue de la République Amiens"
SAINT_QUENTIN = "1 place de l'Hôtel de Ville Saint-Quentin"


@pytest.fixture
def replay(tmp_path, fresh_network):
    """Factory: a geocoder replay subprocess (``mode``: see geocoder_replay.MODES), stopped after the test."""
    started = []
    geocoder._THROTTLE.reset()

    def start(mode: str = ""):
        server = start_geocoder_replay(Path(tmp_path) / f"geo{len(started)}", mode=mode)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
    geocoder._THROTTLE.reset()


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:2154"),
                                       QgsCoordinateTransformContext())
    point = transform.transform(QgsPointXY(lon, lat))
    return point.x(), point.y()


def only_request(server):
    requests = server.requests()
    assert len(requests) == 1, [(r.path, r.query) for r in requests]
    return requests[0]


# --------------------------------------------------------------------------- search

def test_default_service_is_the_geoplateforme():
    assert DEFAULT_GEOCODER == "https://data.geopf.fr/geocodage"


def test_several_matches_are_parsed_best_first(replay):
    server = replay()
    matches = search(AMIENS, base_url=server.base_url)

    assert [m.label for m in matches] == [
        "10 Rue de la République 80000 Amiens",
        "Rue de la République 80000 Amiens",
        "10 Rue de la République 80800 Corbie",
        "10 Rue de la République 80200 Péronne",
        "10 Rue de la République 60400 Noyon",
    ]
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True) and scores[0] == pytest.approx(0.97349, abs=1e-5)
    assert [m.citycode for m in matches] == ["80021", "80021", "80212", "80620", "60471"]
    assert [m.kind for m in matches] == ["housenumber", "street", "housenumber", "housenumber", "housenumber"]

    best, street = matches[0], matches[1]
    assert (best.housenumber, best.street, best.postcode, best.city) == ("10", "Rue de la République", "80000", "Amiens")
    assert best.adresse == "10 Rue de la République"
    assert best.id == "80021_7580_00010" and best.context == "80, Somme, Hauts-de-France"
    assert (best.lon, best.lat) == (2.29653, 49.89021)
    assert street.adresse == "Rue de la République" and street.housenumber == ""
    for match in matches:
        x, y = lambert93(match.lon, match.lat)
        assert abs(match.x - x) < 1 and abs(match.y - y) < 1, match.label
        assert 100_000 < match.x < 1_300_000 and 6_000_000 < match.y < 7_200_000
        assert match.distance is None


def test_best_first_even_when_the_service_sends_them_unsorted():
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.3, 49.9]},
                 "properties": {"label": f"r{score}", "score": score, "type": "street", "name": "Rue A", "x": 1.0, "y": 2.0}}
                for score in (0.4, 0.9, 0.6)]
    assert [m.score for m in parse_features({"type": "FeatureCollection", "features": features})] == [0.9, 0.6, 0.4]


def test_one_match(replay):
    server = replay()
    matches = search(SAINT_QUENTIN, base_url=server.base_url, citycode="02691")

    assert len(matches) == 1
    match = matches[0]
    assert isinstance(match, AddressMatch)
    assert match.label == "1 Place de l'Hôtel de Ville 02100 Saint-Quentin"
    assert (match.citycode, match.postcode, match.city, match.kind) == ("02691", "02100", "Saint-Quentin", "housenumber")
    assert match.adresse == "1 Place de l'Hôtel de Ville"
    assert (match.x, match.y) == (720679.98, 6972081.48)
    assert only_request(server).param("citycode") == "02691"


def test_filters_are_sent_and_applied(replay):
    server = replay()
    matches = search(AMIENS, base_url=server.base_url, citycode="80021", kind="street", limit=3)

    assert [m.label for m in matches] == ["Rue de la République 80000 Amiens"]
    request = only_request(server)
    assert (request.param("citycode"), request.param("type"), request.param("limit")) == ("80021", "street", "3")


def test_no_match_is_an_empty_list(replay):
    server = replay()
    assert search("zzz rue qui n'existe pas", base_url=server.base_url) == []
    assert only_request(server).fixture == "search-aucune.json"


@pytest.mark.parametrize("text", ["", "  ", "ab", " é  ", "«»", '"" 1', "-- 12", None])
def test_short_text_sends_no_request(replay, text):
    server = replay()
    assert search(text, base_url=server.base_url) == []
    assert server.requests() == []


def test_query_string_sent(replay):
    server = replay()
    text = ' « 10  rue de l\'Église "Saint-Martin" Amiens'
    search(text, base_url=server.base_url, limit=3, postcode="80000")

    request = only_request(server)
    assert request.method == "GET" and request.path == "/geocodage/search"
    # leading punctuation dropped (the service wants a letter or a digit first), spaces collapsed, the rest intact
    assert request.params == {"q": ['10 rue de l\'Église "Saint-Martin" Amiens'], "index": ["address"], "limit": ["3"],
                              "autocomplete": ["1"], "postcode": ["80000"]}
    # percent-encoded UTF-8 on the wire, nothing raw
    assert "%C3%89glise" in request.query
    assert "%22Saint-Martin%22" in request.query
    assert request.query.isascii() and " " not in request.query


def test_limit_and_autocomplete_bounds(replay):
    server = replay()
    search(AMIENS, base_url=server.base_url, limit=50, autocomplete=False)
    search(AMIENS, base_url=server.base_url, limit=0)
    first, second = server.requests()
    assert (first.param("limit"), first.param("autocomplete")) == ("20", "0")
    assert second.param("limit") == "1"


def test_long_text_is_cut_to_what_the_service_accepts(replay):
    server = replay()
    assert search("1" + " rue" * 80, base_url=server.base_url) == []
    assert len(only_request(server).param("q")) <= 200


def test_unknown_kind_is_refused_before_any_request(replay):
    server = replay()
    with pytest.raises(ValueError):
        search(AMIENS, base_url=server.base_url, kind="parcel")
    assert server.requests() == []


def test_lambert93_computed_when_the_answer_has_none():
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.295753, 49.894067]},
         "properties": {"label": "Amiens", "score": 0.95, "id": "80021", "type": "municipality", "name": "Amiens",
                        "postcode": "80000", "citycode": "80021", "city": "Amiens", "_type": "address"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.3, 49.9]},
         "properties": {"label": "une parcelle", "score": 1, "_type": "parcel"}},
        {"type": "Feature", "geometry": None, "properties": {"label": "sans géométrie", "score": 1}},
    ]}
    (match,) = parse_features(data)
    assert match.kind == "municipality" and match.adresse == ""
    x, y = lambert93(2.295753, 49.894067)
    assert abs(match.x - x) < 0.01 and abs(match.y - y) < 0.01


# --------------------------------------------------------------------------- reverse

def test_reverse_from_lambert93(replay):
    server = replay()
    x, y = lambert93(2.77772, 50.29045)
    matches = reverse(x, y, base_url=server.base_url)

    assert len(matches) == 1
    match = matches[0]
    assert match.label == "7 Place des Héros 62000 Arras"
    assert (match.citycode, match.kind, match.adresse) == ("62041", "housenumber", "7 Place des Héros")
    assert match.distance == 9 and match.score == pytest.approx(0.9991)
    request = only_request(server)
    assert request.path == "/geocodage/reverse"
    assert float(request.param("lon")) == pytest.approx(2.77772, abs=1e-6)
    assert float(request.param("lat")) == pytest.approx(50.29045, abs=1e-6)
    assert (request.param("index"), request.param("limit")) == ("address", "1")
    assert request.param("q") is None


def test_reverse_from_wgs84_nearest_first(replay):
    server = replay()
    matches = reverse(2.77772, 50.29045, crs="EPSG:4326", base_url=server.base_url, limit=5)
    assert [m.label for m in matches] == ["7 Place des Héros 62000 Arras", "5 Place des Héros 62000 Arras"]
    assert [m.distance for m in matches] == [9, 22]


def test_reverse_far_from_any_address(replay):
    server = replay()
    x, y = lambert93(2.5, 50.1)
    assert reverse(x, y, base_url=server.base_url) == []


def test_reverse_unknown_crs(replay):
    server = replay()
    with pytest.raises(GeocoderError) as caught:
        reverse(1, 2, crs="EPSG:999999", base_url=server.base_url)
    assert "EPSG:999999" in caught.value.message
    assert server.requests() == []


# --------------------------------------------------------------------------- failures

def test_http_400_gives_the_service_message_in_french(replay):
    server = replay()
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url, postcode="800")
    error = caught.value
    assert (error.status, error.kind, error.host) == (400, "http", server.host)
    assert error.message == (f"Le service d'adresses {server.host} a refusé la requête : paramètres de recherche refusés "
                             "(postcode: Param postcode must contain 5 digits) (HTTP 400).")
    assert error.server_message == "Failed parsing query (postcode: Param postcode must contain 5 digits)"
    assert only_request(server).status == 400


def test_http_500(replay):
    server = replay("error500")
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url)
    error = caught.value
    assert (error.status, error.kind) == (500, "http")
    assert error.message == (f"Le service d'adresses {server.host} est en erreur : erreur inattendue du serveur (HTTP 500). "
                             "Réessayez plus tard.")
    assert error.server_message == "An unexpected error has occurred"


def test_http_503_html_page(replay):
    server = replay("error503")
    with pytest.raises(GeocoderError) as caught:
        reverse(684133.97, 7021426.77, base_url=server.base_url)
    error = caught.value
    assert error.status == 503
    assert server.host in error.message and "503 Service Temporarily Unavailable" in error.message
    assert "Réessayez plus tard" in error.message


def test_rate_limit_429_then_no_request_until_retry_after(replay):
    server = replay("ratelimit")
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url)
    error = caught.value
    assert (error.status, error.kind, error.retry_after) == (429, "limite", 5)
    assert error.message == (f"Le service d'adresses {server.host} reçoit trop de requêtes (limite : 50 par seconde) ; "
                             "nouvel essai possible dans 5 s.")

    with pytest.raises(GeocoderError) as again:
        search(SAINT_QUENTIN, base_url=server.base_url)
    assert again.value.kind == "limite" and again.value.status is None
    assert len(server.requests()) == 1  # the second search did not reach the service


def test_requests_are_spaced(replay, monkeypatch):
    server = replay()
    monkeypatch.setattr(geocoder._THROTTLE, "interval", 0.2)
    for _ in range(3):
        search(AMIENS, base_url=server.base_url, limit=1)
    times = [r.time for r in server.requests()]
    assert len(times) == 3
    assert all(b - a >= 0.15 for a, b in zip(times, times[1:])), times


def test_timeout_mentions_the_delay(replay):
    server = replay("slow")
    QgsNetworkAccessManager.setTimeout(1000)
    started = time.monotonic()
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url)
    assert time.monotonic() - started < 4
    error = caught.value
    assert error.kind == "timeout" and error.status is None
    assert error.message.startswith(f"Le service d'adresses {server.host} n'a pas répondu dans le délai de 1 s")


def test_closed_connection(replay):
    server = replay("close")
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url)
    error = caught.value
    assert error.kind == "connexion" and error.status is None
    assert error.message.startswith(f"Le service d'adresses {server.host} est injoignable")
    # Qt resends an idempotent GET whose connection closed before any answer (3 more tries), then gives up
    requests = server.requests()
    assert 1 <= len(requests) <= 4 and {r.query for r in requests} == {requests[0].query}


def test_refused_connection(fresh_network):
    geocoder._THROTTLE.reset()
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url="http://127.0.0.1:9/geocodage")
    assert caught.value.kind == "connexion" and "127.0.0.1:9" in caught.value.message


def test_malformed_json(replay):
    server = replay("malformed")
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url)
    error = caught.value
    assert error.kind == "reponse" and error.status == 200
    assert error.message.startswith(f"Réponse illisible du service d'adresses {server.host}")


def test_json_that_is_not_a_feature_collection():
    with pytest.raises(GeocoderError) as caught:
        parse_features({"status": "OK", "results": []}, "data.geopf.fr")
    assert caught.value.message == "La réponse du service d'adresses data.geopf.fr n'est pas une collection GeoJSON d'adresses."


def test_cancelled_by_feedback(replay):
    import threading

    from qgis.core import QgsFeedback

    server = replay("slow")
    feedback = QgsFeedback()
    threading.Timer(0.3, feedback.cancel).start()  # as a task's feedback is cancelled from the main thread
    started = time.monotonic()
    with pytest.raises(GeocoderError) as caught:
        search(AMIENS, base_url=server.base_url, feedback=feedback)
    assert time.monotonic() - started < 2.5
    assert caught.value.kind == "annule"
    assert caught.value.message == f"Recherche d'adresse annulée ({server.host})."
