"""Remote routing providers (core/routing/providers.py) against a replay of the four services (tests/routing_replay.py).

The replay answers with fixtures shaped like each service's documented answers (tests/data/routage,
provenance in its README), checks each request as the service does and logs it (headers included,
the ``Authorization`` value hashed), so the requests sent are checked as well as the parsing.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsSettings,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from routing_replay import SEA_LAT, key_digest, start_routing_replay, synthetic_seconds  # noqa: E402
from servers import basic_authcfg  # noqa: E402

from mednum.core.network import http_get, http_post  # noqa: E402
from mednum.core.routing import providers  # noqa: E402
from mednum.core.routing.providers import (  # noqa: E402
    AUTH,
    BAD_INPUT,
    HTTP,
    ISOCHRONES,
    RATE_LIMITED,
    TIMEOUT,
    TRAVEL_TIMES,
    UNSUPPORTED,
    GeoplateformeProvider,
    OpenRouteServiceProvider,
    OsrmProvider,
    ProviderError,
    ValhallaProvider,
    server_error,
)

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "routage"
AMIENS = (2.2957, 49.8941)
CORBIE = (2.5086, 49.9089)
ABBEVILLE = (1.8335, 50.1054)
ALBERT = (2.6522, 50.0024)
LARGE = (2.3, 51.1)  # North Sea, off Dunkirk: no route
ORS_KEY = "5b3ce3597851110001cf6248-mednum-test-key"


@pytest.fixture
def replay(tmp_path, fresh_network):
    """Factory: a routing replay subprocess, stopped after the test; throttles and capabilities cache reset."""
    started = []
    providers.reset_throttles()
    providers.clear_capabilities_cache()

    def start(mode: str = "", **kwargs):
        server = start_routing_replay(Path(tmp_path) / f"replay{len(started)}", mode=mode, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
    providers.reset_throttles()
    providers.clear_capabilities_cache()


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:2154"),
                                       QgsCoordinateTransformContext())
    point = transform.transform(QgsPointXY(lon, lat))
    return point.x(), point.y()


def grid(count: int, step: float = 0.02) -> list[tuple[float, float]]:
    """``count`` (lon, lat) points on a grid around Amiens."""
    side = math.ceil(math.sqrt(count))
    return [(AMIENS[0] + (k % side) * step, AMIENS[1] + (k // side) * step) for k in range(count)]


def check_nested(isochrones, point_xy, thresholds, max_radius_m):
    """Thresholds as asked, polygons in Lambert-93, areas increasing, each inside the next, around the point."""
    assert [t for t, _ in isochrones] == thresholds
    point = QgsGeometry.fromPointXY(QgsPointXY(*point_xy))
    areas = [g.area() for _, g in isochrones]
    assert all(a > 0 for a in areas) and areas == sorted(areas) and len(set(areas)) == len(areas), areas
    for (_, smaller), (_, larger) in zip(isochrones, isochrones[1:]):
        assert larger.buffer(1, 4).contains(smaller)
    for _, geometry in isochrones:
        assert geometry.contains(point)
        first = geometry.vertexAt(0)
        assert 0 < math.hypot(first.x() - point_xy[0], first.y() - point_xy[1]) < max_radius_m
        bbox = geometry.boundingBox()  # metres: Lambert-93, not degrees
        assert 6_000_000 < bbox.yMinimum() < 7_200_000 and 500_000 < bbox.xMinimum() < 800_000


def spacing(requests):
    return [b.time - a.time for a, b in zip(requests, requests[1:])]


def expected(sources, targets, profile, digits):
    return np.array([[np.nan if (s := synthetic_seconds(a, b, profile)) is None else round(s, digits) for b in targets] for a in sources])


# --------------------------------------------------------------------------- IGN Géoplateforme

def test_geoplateforme_car_isochrones_one_request_per_threshold(replay):
    server = replay()
    provider = GeoplateformeProvider(server.url("navigation"))
    xy = lambert93(*AMIENS)
    result = provider.isochrones(xy, "voiture", [600, 300, 900], "from")

    check_nested(result, xy, [300.0, 600.0, 900.0], max_radius_m=1.3 * 6500 * 1.5)
    ten_minutes = result[1][1]
    assert 70e6 < ten_minutes.area() < 200e6  # ~6.5 km around Amiens
    requests = server.requests()
    assert [r.path for r in requests] == ["/navigation/getcapabilities"] + ["/navigation/isochrone"] * 3
    for request, seconds in zip(requests[1:], ("300", "600", "900")):
        assert request.method == "GET"
        lon, lat = (float(v) for v in request.param("point").split(","))
        assert (lon, lat) == pytest.approx(AMIENS, abs=1e-6)
        assert {k: v[0] for k, v in request.params.items() if k != "point"} == {
            "resource": "bdtopo-valhalla", "costType": "time", "costValue": seconds, "timeUnit": "second", "profile": "car",
            "direction": "departure", "geometryFormat": "geojson", "crs": "EPSG:4326"}
        assert request.status == 200 and request.fixture == "geopf-isochrone-voiture.json"
    assert min(spacing(requests)) >= 0.19  # 5 requests per second at most


def test_geoplateforme_pedestrian_arrival_uses_the_cached_capabilities(replay):
    server = replay()
    provider = GeoplateformeProvider(server.url("navigation"))
    xy = lambert93(*AMIENS)
    car = provider.isochrones(xy, "voiture", [600], "to")
    walk = GeoplateformeProvider(server.url("navigation")).isochrones(xy, "pied", [600, 1200], "to", lieu="Médiathèque")

    check_nested(walk, xy, [600.0, 1200.0], max_radius_m=1.3 * 1300 * 1.5)
    assert walk[0][1].area() < car[0][1].area() / 50
    requests = server.requests()
    assert [r.path for r in requests].count("/navigation/getcapabilities") == 1
    assert [(r.param("profile"), r.param("direction")) for r in requests[1:]] == [("car", "arrival"), ("pedestrian", "arrival"),
                                                                                ("pedestrian", "arrival")]


def test_geoplateforme_discovers_resources_and_says_bicycles_are_not_offered(replay):
    server = replay()
    provider = GeoplateformeProvider(server.url("navigation"))
    assert provider.supports(ISOCHRONES, "voiture") and provider.supports(ISOCHRONES, "pied")
    assert not provider.supports(ISOCHRONES, "velo") and not provider.supports(TRAVEL_TIMES)
    assert provider.profiles_for() == ["car", "pedestrian"]
    assert set(provider.resources("isochrone")) == {"bdtopo-valhalla", "bdtopo-pgr"}

    with pytest.raises(ProviderError) as error:
        provider.isochrones(lambert93(*AMIENS), "velo", [600])
    assert error.value.kind == UNSUPPORTED
    assert error.value.message == (f"Le service Géoplateforme IGN ({server.host}) ne propose pas le mode vélo ; "
                                   "modes disponibles : voiture, à pied.")
    with pytest.raises(ProviderError, match="ne calcule pas de matrices de temps de parcours"):
        provider.travel_times([lambert93(*AMIENS)], [lambert93(*ALBERT)], "voiture")
    with pytest.raises(ProviderError) as error:
        GeoplateformeProvider(server.url("navigation"), resource="bdtopo-osrm").isochrones(lambert93(*AMIENS), "voiture", [600])
    assert "La ressource « bdtopo-osrm » n'offre pas d'isochrones" in error.value.message
    assert "bdtopo-valhalla, bdtopo-pgr" in error.value.message
    assert [r.path for r in server.requests()] == ["/navigation/getcapabilities"]


def test_geoplateforme_refusal_has_the_road2_shape_and_a_french_wrapper(replay):
    server = replay()
    response = http_get(f"{server.url('navigation')}/isochrone", {"resource": "bdtopo-valhalla", "costType": "time", "costValue": 600})
    assert response.status == 400
    assert json.loads(response.content) == {"error": {"message": "Parameter 'point' not found."}}
    assert json.loads(response.content) == json.loads((FIXTURES / "geopf-erreur-400.json").read_text("utf-8"))
    error = GeoplateformeProvider(server.url("navigation"))._http_failure(response, "Espace numérique")
    assert error.message == (f"Lieu « Espace numérique » : Le service d'itinéraires Géoplateforme IGN ({server.host}) a refusé la "
                             "requête : Parameter 'point' not found. (HTTP 400).")
    assert error.kind == HTTP and error.lieu == "Espace numérique"


@pytest.mark.parametrize("mode, kind, status, words", [
    ("error500", HTTP, 500, ["est en erreur", "erreur interne du serveur (internal : Internal Server Error)", "HTTP 500",
                             "Réessayez plus tard"]),
    ("ratelimit", RATE_LIMITED, 429, ["reçoit trop de requêtes", "nouvel essai possible dans 5 s"]),
    ("slow", TIMEOUT, None, ["n'a pas répondu dans le délai de ", " s ; réessayez, ou augmentez le délai d'attente réseau"]),
])
def test_geoplateforme_failures_are_french_provider_errors(replay, mode, kind, status, words):
    server = replay(mode)
    with pytest.raises(ProviderError) as error:
        GeoplateformeProvider(server.url("navigation")).isochrones(lambert93(*AMIENS), "voiture", [600], lieu="Maison France services")
    assert error.value.kind == kind and error.value.status == status
    assert error.value.message.startswith(f"Lieu « Maison France services » : Le service d'itinéraires Géoplateforme IGN ({server.host})")
    for word in words:
        assert word in error.value.message
    if mode == "ratelimit":  # no new request to that host before Retry-After
        with pytest.raises(ProviderError) as again:
            GeoplateformeProvider(server.url("navigation")).isochrones(lambert93(*AMIENS), "voiture", [600])
        assert again.value.kind == RATE_LIMITED
        assert len(server.requests()) == 1


# --------------------------------------------------------------------------- Valhalla

def test_valhalla_isochrones_at_most_four_contours_a_request(replay):
    server = replay()
    xy = lambert93(*AMIENS)
    result = ValhallaProvider(server.url("valhalla")).isochrones(xy, "voiture", [300, 600, 900, 1200, 1500], "from")

    check_nested(result, xy, [300.0, 600.0, 900.0, 1200.0, 1500.0], max_radius_m=1.3 * 15000 * 1.5)
    requests = server.requests()
    assert [(r.method, r.path, r.status) for r in requests] == [("POST", "/valhalla/isochrone", 200)] * 2
    assert requests[0].header("content-type").startswith("application/json")
    first, second = requests[0].body, requests[1].body
    assert first == {"locations": [{"lat": pytest.approx(AMIENS[1], abs=1e-6), "lon": pytest.approx(AMIENS[0], abs=1e-6)}],
                     "costing": "auto", "contours": [{"time": 5.0}, {"time": 10.0}, {"time": 15.0}, {"time": 20.0}],
                     "polygons": True, "reverse": False}
    assert second["contours"] == [{"time": 25.0}]


def test_valhalla_pedestrian_towards_the_lieu_is_a_reverse_isochrone(replay):
    server = replay()
    ValhallaProvider(server.url("valhalla")).isochrones(lambert93(*AMIENS), "pied", [900], "to")
    body = server.requests()[0].body
    assert body["costing"] == "pedestrian" and body["reverse"] is True


def test_valhalla_matrix_fixture_is_parsed_with_nan_for_null(replay):
    server = replay()
    provider = ValhallaProvider(server.url("valhalla"))
    times = provider.travel_times([lambert93(*p) for p in (AMIENS, CORBIE)], [lambert93(*p) for p in (ABBEVILLE, ALBERT, LARGE)],
                                  "voiture", "to")

    fixture = json.loads((FIXTURES / "valhalla-sources-to-targets.json").read_text("utf-8"))["sources_to_targets"]
    assert times.shape == (2, 3)
    np.testing.assert_array_equal(times, [[np.nan if c["time"] is None else c["time"] for c in row] for row in fixture])
    assert np.isnan(times[:, 2]).all() and not np.isnan(times[:, :2]).any()
    (request,) = server.requests()
    assert request.path == "/valhalla/sources_to_targets" and request.fixture == "valhalla-sources-to-targets.json"
    assert request.body["costing"] == "auto"
    assert [(s["lon"], s["lat"]) for s in request.body["sources"]] == [pytest.approx(p, abs=1e-6) for p in (AMIENS, CORBIE)]
    assert len(request.body["targets"]) == 3


def test_valhalla_matrix_is_chunked_and_from_is_the_reverse_trip(replay):
    server = replay()
    origins, destinations = grid(4), grid(5, 0.03)
    provider = ValhallaProvider(server.url("valhalla"), max_matrix_pairs=6)
    to = provider.travel_times([lambert93(*p) for p in origins], [lambert93(*p) for p in destinations], "velo", "to")
    back = provider.travel_times([lambert93(*p) for p in origins], [lambert93(*p) for p in destinations], "velo", "from")

    np.testing.assert_allclose(to, np.round(expected(origins, destinations, "bicycle", 6)), atol=1.0)
    np.testing.assert_allclose(back, np.round(expected(destinations, origins, "bicycle", 6)).T, atol=1.0)
    assert not np.allclose(to, back)  # the synthetic network is asymmetric
    requests = server.requests()
    assert len(requests) == 4 + 5  # 1 origin × 5 destinations per request (≤ 6 pairs), then 1 destination × 4 origins
    assert all(len(r.body["sources"]) * len(r.body["targets"]) <= 6 for r in requests)


def test_valhalla_error_names_the_lieu(replay):
    server = replay()
    with pytest.raises(ProviderError) as error:
        ValhallaProvider(server.url("valhalla")).isochrones(lambert93(AMIENS[0], SEA_LAT + 0.05), "voiture", [600], lieu="Phare")
    assert error.value.message == (f"Lieu « Phare » : Le service d'itinéraires Valhalla ({server.host}) a refusé la requête : "
                                   "aucune route près du point (171 : No suitable edges near location) (HTTP 400).")
    assert error.value.lieu == "Phare" and error.value.status == 400


# --------------------------------------------------------------------------- OSRM

def test_osrm_table_fixture_and_request_shape(replay):
    server = replay()
    provider = OsrmProvider(server.url("osrm"))
    assert provider.supports(TRAVEL_TIMES) and not provider.supports(ISOCHRONES)
    times = provider.travel_times([lambert93(*p) for p in (AMIENS, CORBIE)], [lambert93(*p) for p in (ABBEVILLE, ALBERT, LARGE)],
                                  "voiture")

    fixture = json.loads((FIXTURES / "osrm-table.json").read_text("utf-8"))
    np.testing.assert_array_equal(times, [[np.nan if v is None else v for v in row] for row in fixture["durations"]])
    (request,) = server.requests()
    assert request.fixture == "osrm-table.json" and request.method == "GET"
    prefix = "/osrm/table/v1/car/"
    assert request.path.startswith(prefix)
    coordinates = [tuple(float(v) for v in pair.split(",")) for pair in request.path[len(prefix):].split(";")]
    assert coordinates == [pytest.approx(p, abs=1e-6) for p in (AMIENS, CORBIE, ABBEVILLE, ALBERT, LARGE)]
    assert (request.param("sources"), request.param("destinations"), request.param("annotations")) == ("0;1", "2;3;4", "duration")
    with pytest.raises(ProviderError, match=r"Le service OSRM \(.*\) ne calcule pas d'isochrones\."):
        provider.isochrones(lambert93(*AMIENS), "voiture", [600])


def test_osrm_chunks_to_the_max_table_size(replay):
    server = replay(osrm_max_table_size=3)
    origins, destinations = grid(7), grid(4, 0.05)
    times = OsrmProvider(server.url("osrm"), max_table_size=3).travel_times(
        [lambert93(*p) for p in origins], [lambert93(*p) for p in destinations], "pied")

    np.testing.assert_allclose(times, expected(origins, destinations, "foot", 1), atol=0.2)
    requests = server.requests()
    assert len(requests) == 3 * 2  # sources in blocks of 3, 3, 1; destinations in blocks of 3, 1
    assert all(r.status == 200 for r in requests)
    assert all(len(r.param("sources").split(";")) <= 3 and len(r.param("destinations").split(";")) <= 3 for r in requests)


def test_osrm_too_big_halves_the_table(replay):
    server = replay(osrm_max_table_size=2)
    origins, destinations = grid(3), grid(3, 0.04)
    provider = OsrmProvider(server.url("osrm"))
    times = provider.travel_times([lambert93(*p) for p in origins], [lambert93(*p) for p in destinations], "voiture")

    np.testing.assert_allclose(times, expected(origins, destinations, "car", 1), atol=0.2)
    statuses = [(r.status, r.fixture) for r in server.requests()]
    assert statuses[0] == (400, "osrm-toobig.json")
    assert all(status == 200 for status, _ in statuses[1:]) and provider.max_table_size == 1


def test_osrm_no_segment_leaves_that_point_empty(replay):
    server = replay()
    origins = [AMIENS, (1.40, 50.40), CORBIE]  # the second is in the sea off Berck
    provider = OsrmProvider(server.url("osrm"))
    times = provider.travel_times([lambert93(*p) for p in origins], [lambert93(*ALBERT)], "voiture")

    assert np.isnan(times[1]).all()
    np.testing.assert_allclose(times[[0, 2]], expected([AMIENS, CORBIE], [ALBERT], "car", 1), atol=0.2)
    assert provider.warnings == [f"OSRM ({server.host}) : le point de départ n° 2 est trop loin de toute route ; ses temps sont "
                                 "laissés vides."]
    requests = server.requests()
    assert [(r.status, r.fixture) for r in requests] == [(400, "osrm-nosegment.json"), (200, "osrm-table.json (synthétique)")]


def test_osrm_server_error_page(replay):
    server = replay("error500")
    with pytest.raises(ProviderError) as error:
        OsrmProvider(server.url("osrm")).travel_times([lambert93(*AMIENS)], [lambert93(*ALBERT)], "voiture")
    assert error.value.message == (f"Le service d'itinéraires OSRM ({server.host}) est en erreur : 500 Internal Server Error "
                                   "(HTTP 500). Réessayez plus tard.")


# --------------------------------------------------------------------------- openrouteservice

@pytest.fixture
def ors_key():
    """A Basic authentication configuration whose password is the openrouteservice key (QGIS 3.22 route)."""
    return basic_authcfg("ors", ORS_KEY, name="openrouteservice (tests)")


def ors_replay(replay, mode: str = ""):
    return replay(mode, ors_key_sha256=hashlib.sha256(ORS_KEY.encode()).hexdigest())


def test_ors_isochrones_send_the_key_only_as_a_header(replay, ors_key):
    server = ors_replay(replay)
    xy = lambert93(*AMIENS)
    provider = OpenRouteServiceProvider(server.url("ors"), ors_key)
    result = provider.isochrones(xy, "voiture", [600, 300], "from")

    check_nested(result, xy, [300.0, 600.0], max_radius_m=1.3 * 6500 * 1.5)
    (request,) = server.requests()
    assert (request.method, request.path, request.query, request.status) == ("POST", "/ors/v2/isochrones/driving-car", "", 200)
    assert request.header("authorization") == key_digest(ORS_KEY)
    assert request.header("content-type").startswith("application/json")
    assert request.body == {"locations": [[pytest.approx(AMIENS[0], abs=1e-6), pytest.approx(AMIENS[1], abs=1e-6)]],
                            "range": [300.0, 600.0], "range_type": "time", "location_type": "start"}
    log = server.log_path.read_text("utf-8")
    assert ORS_KEY not in log and "api_key" not in log
    settings = QgsSettings()
    assert not [k for k in settings.allKeys() if ORS_KEY in str(settings.value(k))]


def test_ors_header_is_for_that_request_only(replay, ors_key):
    server = ors_replay(replay)
    provider = OpenRouteServiceProvider(server.url("ors"), ors_key, rate_limits={"isochrones": 50.0, "matrix": 50.0})
    provider.isochrones(lambert93(*AMIENS), "pied", [600], "to")
    OsrmProvider(server.url("osrm")).travel_times([lambert93(*AMIENS)], [lambert93(*ALBERT)], "voiture")
    after = http_post(f"{server.url('ors')}/v2/isochrones/foot-walking", b'{"locations":[[2.3,49.9]],"range":[600]}',
                      content_type="application/json")

    ors_request, osrm_request, plain = server.requests()
    assert ors_request.header("authorization") == key_digest(ORS_KEY)
    assert ors_request.body["location_type"] == "destination"
    assert osrm_request.header("authorization") is None and plain.header("authorization") is None
    assert after.status == 401


def test_ors_splits_locations_and_ranges(replay, ors_key):
    server = ors_replay(replay)
    points = grid(7, 0.1)
    thresholds = [60.0 * k for k in range(1, 13)]
    provider = OpenRouteServiceProvider(server.url("ors"), ors_key, rate_limits={"isochrones": 50.0})
    results = provider.isochrones_batch([lambert93(*p) for p in points], "voiture", thresholds, "from")

    assert len(results) == 7
    for point, isochrones in zip(points, results):
        check_nested(isochrones, lambert93(*point), thresholds, max_radius_m=1.3 * 13000 * 1.5)
    requests = server.requests()
    assert [(len(r.body["locations"]), len(r.body["range"])) for r in requests] == [(5, 10), (5, 2), (2, 10), (2, 2)]


def test_ors_refuses_more_than_an_hour_by_car_before_sending(replay, ors_key):
    server = ors_replay(replay)
    with pytest.raises(ProviderError) as error:
        OpenRouteServiceProvider(server.url("ors"), ors_key).isochrones(lambert93(*AMIENS), "voiture", [1800, 3660], lieu="Tiers-lieu")
    assert error.value.kind == BAD_INPUT
    assert error.value.message == "Lieu « Tiers-lieu » : openrouteservice limite les isochrones voiture à 60 min ; seuil demandé : 61 min."
    assert server.requests() == []


def test_ors_matrix_fixture_and_split(replay, ors_key):
    server = ors_replay(replay)
    provider = OpenRouteServiceProvider(server.url("ors"), ors_key, rate_limits={"matrix": 50.0})
    times = provider.travel_times([lambert93(*p) for p in (AMIENS, CORBIE)], [lambert93(*p) for p in (ABBEVILLE, ALBERT, LARGE)],
                                  "voiture")
    fixture = json.loads((FIXTURES / "ors-matrix.json").read_text("utf-8"))
    np.testing.assert_array_equal(times, [[np.nan if v is None else v for v in row] for row in fixture["durations"]])
    (first,) = server.requests()
    assert first.fixture == "ors-matrix.json" and first.path == "/ors/v2/matrix/driving-car"
    assert first.body["sources"] == [0, 1] and first.body["destinations"] == [2, 3, 4] and first.body["metrics"] == ["duration"]
    assert first.header("authorization") == key_digest(ORS_KEY)

    origins, destinations = grid(60, 0.01), grid(70, 0.012)
    big = provider.travel_times([lambert93(*p) for p in origins], [lambert93(*p) for p in destinations], "velo")
    np.testing.assert_allclose(big, expected(origins, destinations, "cycling-regular", 2), atol=0.02)
    split = server.requests()[1:]
    assert [(len(r.body["sources"]), len(r.body["destinations"])) for r in split] == [(50, 70), (10, 70)]
    assert all(r.path == "/ors/v2/matrix/cycling-regular" for r in split)


@pytest.mark.parametrize("case, status, kind, words", [
    ("sans clé", 401, AUTH, ["clé d'API absente ou non reconnue", "Authorization field/api_key missing in request"]),
    ("mauvaise clé", 403, AUTH, ["accès refusé (clé d'API invalide, quota épuisé ou service non autorisé)",
                                 "Access to this API has been disallowed"]),
    ("limite", 429, RATE_LIMITED, ["reçoit trop de requêtes", "nouvel essai possible dans 5 s"]),
    ("erreur", 500, HTTP, ["est en erreur", "3099 : Unknown internal error.", "HTTP 500"]),
])
def test_ors_errors(replay, case, status, kind, words):
    server = ors_replay(replay, {"limite": "ratelimit", "erreur": "error500"}.get(case, ""))
    authcfg = "" if case == "sans clé" else basic_authcfg("ors", "not-the-key" if case == "mauvaise clé" else ORS_KEY)
    with pytest.raises(ProviderError) as error:
        OpenRouteServiceProvider(server.url("ors"), authcfg).isochrones(lambert93(*AMIENS), "voiture", [600])
    assert (error.value.status, error.value.kind) == (status, kind)
    assert error.value.message.startswith(f"Le service d'itinéraires openrouteservice ({server.host})")
    for word in words:
        assert word in error.value.message
    assert ORS_KEY not in error.value.message
    if case == "limite":
        assert error.value.server_message == "Rate limit exceeded"


def test_ors_rate_limit_spacing_is_measured(replay, ors_key):
    assert OpenRouteServiceProvider().rate_limits == {"isochrones": pytest.approx(20 / 60), "matrix": pytest.approx(40 / 60)}
    server = ors_replay(replay)
    provider = OpenRouteServiceProvider(server.url("ors"), ors_key, rate_limits={"isochrones": 4.0})
    for point in grid(3, 0.05):
        provider.isochrones(lambert93(*point), "voiture", [600])
    gaps = spacing(server.requests())
    assert len(gaps) == 2 and min(gaps) >= 0.23


def test_ors_authcfg_of_another_method_is_refused(replay):
    server = ors_replay(replay)
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("mednum-tests-master", True)
    config = QgsAuthMethodConfig()
    config.setMethod("EsriToken")
    config.setName("jeton")
    config.setConfig("token", ORS_KEY)
    stored = manager.storeAuthenticationConfig(config)
    authcfg = (stored[1] if isinstance(stored, tuple) else config).id()
    with pytest.raises(ProviderError) as error:
        OpenRouteServiceProvider(server.url("ors"), authcfg).isochrones(lambert93(*AMIENS), "voiture", [600])
    assert error.value.kind == AUTH and "« API Header »" in error.value.message and "« Basic »" in error.value.message
    assert server.requests() == []


@pytest.mark.skipif("APIHeader" not in QgsApplication.authManager().authMethodsKeys(), reason="no APIHeader method before QGIS 3.24")
def test_ors_api_header_configuration_is_added_by_qgis(replay):
    server = ors_replay(replay)
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("mednum-tests-master", True)
    config = QgsAuthMethodConfig()
    config.setMethod("APIHeader")
    config.setName("openrouteservice (en-tête)")
    config.setConfig("Authorization", ORS_KEY)
    stored = manager.storeAuthenticationConfig(config)
    authcfg = (stored[1] if isinstance(stored, tuple) else config).id()
    OpenRouteServiceProvider(server.url("ors"), authcfg).isochrones(lambert93(*AMIENS), "voiture", [600])
    (request,) = server.requests()
    assert request.header("authorization") == key_digest(ORS_KEY) and request.status == 200


# --------------------------------------------------------------------------- common rules

def test_inputs_are_checked_before_any_request(replay):
    server = replay()
    provider = ValhallaProvider(server.url("valhalla"))
    xy = lambert93(*AMIENS)
    for call, message in [
        (lambda: provider.isochrones(xy, "trottinette", [600]), "Mode de déplacement inconnu : trottinette."),
        (lambda: provider.isochrones(xy, "voiture", [600], "aller"), "Sens de parcours inconnu : aller (attendu : to ou from)."),
        (lambda: provider.isochrones(xy, "voiture", [0, 600]), "Les seuils d'isochrone doivent être des durées positives (en secondes)."),
        (lambda: provider.travel_times([xy], [xy], "voiture", "retour"), "Sens de parcours inconnu : retour (attendu : to ou from)."),
    ]:
        with pytest.raises(ProviderError) as error:
            call()
        assert error.value.message == message and error.value.kind == BAD_INPUT
    assert provider.travel_times([], [xy], "voiture").shape == (0, 1)
    assert server.requests() == []


@pytest.mark.parametrize("name, code, message", [
    ("geopf-erreur-400.json", "", "Parameter 'point' not found."),
    ("geopf-erreur-500.json", "internal", "Internal Server Error"),
    ("valhalla-erreur-400.json", "171", "No suitable edges near location"),
    ("osrm-toobig.json", "TooBig", "Too many table coordinates"),
    ("osrm-nosegment.json", "NoSegment", "Could not find a matching segment for coordinate 0"),
    ("osrm-erreur-429.json", "", "Too Many Requests"),
    ("ors-erreur-400.json", "3004", "Parameter 'range=3660.0' is out of range. Maximum possible value is 3600."),
    ("ors-erreur-403.json", "", "Access to this API has been disallowed"),
    ("ors-erreur-429.json", "", "Rate limit exceeded"),
    ("erreur-429.html", "", "429 Too Many Requests"),
])
def test_every_error_shape_is_read(name, code, message):
    assert server_error((FIXTURES / name).read_bytes()) == (code, message)


def test_valhalla_concise_matrix_answer_is_read_too():
    """The ``verbose: false`` answer of Valhalla's documentation (docs/docs/api/examples/sources_to_targets.json)."""
    concise = {"sources_to_targets": {"durations": [[0, 105], [108, None]], "distances": [[0.0, 0.147], [0.147, None]]},
               "units": "kilometers", "algorithm": "timedistancematrix"}
    block = ValhallaProvider("http://127.0.0.1:9")._parse_matrix(concise, 2, 2)
    np.testing.assert_array_equal(block, [[0, 105], [108, np.nan]])
    with pytest.raises(ProviderError, match="matrice de taille inattendue"):
        ValhallaProvider("http://127.0.0.1:9")._parse_matrix(concise, 3, 2)


@pytest.mark.parametrize("service, method, path, body, status, answer", [
    ("valhalla", "POST", "/isochrone", {"locations": [{"lat": 49.9, "lon": 2.3}], "costing": "auto"}, 400,
     {"error_code": 113, "error": "Insufficiently specified required parameter 'contours'", "status_code": 400, "status": "Bad Request"}),
    ("valhalla", "POST", "/isochrone", {"locations": [{"lat": 49.9, "lon": 2.3}], "costing": "auto", "polygons": True,
                                        "contours": [{"time": t} for t in (5, 10, 15, 20, 25)]}, 400,
     {"error_code": 152, "error": "Exceeded max contours:4", "status_code": 400, "status": "Bad Request"}),
    ("valhalla", "POST", "/sources_to_targets", {"sources": [], "targets": [{"lat": 49.9, "lon": 2.3}], "costing": "auto"}, 400,
     {"error_code": 121, "error": "Insufficient number of sources provided", "status_code": 400, "status": "Bad Request"}),
    ("ors", "POST", "/v2/isochrones/driving-car", {"locations": [[2.3, 49.9]]}, 400, {"code": 3001, "message": "Parameter 'range' is missing."}),
    ("ors", "POST", "/v2/isochrones/driving-car", {"locations": [[2.3, 49.9]], "range": [3660]}, 400,
     {"code": 3004, "message": "Parameter 'range=3660.0' is out of range. Maximum possible value is 3600."}),
    ("ors", "POST", "/v2/matrix/driving-car", {"locations": [[2.3, 49.9]] * 60}, 400,
     {"code": 6004, "message": "Only a total of 3500 routes are allowed."}),
    ("osrm", "GET", "/table/v1/car/2.3,49.9;2.4,49.95?sources=0;7", None, 400, {"code": "InvalidOptions", "message": "Index out of range"}),
    ("navigation", "GET", "/isochrone?resource=bdtopo-valhalla&point=2.3,49.9&costType=time&costValue=600&profile=bike", None, 400,
     {"error": {"message": "Parameter 'profile' is invalid: bike is not an available value"}}),
])
def test_replay_refuses_malformed_requests_as_the_service_does(replay, service, method, path, body, status, answer):
    server = replay()
    url = server.url(service) + path
    if method == "GET":
        response = http_get(url)
    else:
        response = http_post(url, json.dumps(body).encode(), content_type="application/json")
    assert response.status == status
    data = json.loads(response.content)
    assert (data["error"] if service == "ors" else data) == answer
