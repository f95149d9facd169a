"""scripts/fault_proxy.py: each fault is observable at the socket level (no QGIS needed).

A tiny HTTP/1.0 upstream server runs in a thread and records every request it handles, so
each test checks both sides: what the client sees and whether the server applied the request.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mednum.scripts.fault_proxy import FaultProxy

BODY = b"<wfs:Transaction><wfs:Update typeName='lieux'/></wfs:Transaction>" * 20  # long enough to cut


class _Upstream(BaseHTTPRequestHandler):
    """HTTP/1.0 (one request per connection): echoes POST bodies, answers GETs."""

    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):
        pass

    def _record(self, body: bytes) -> None:
        self.server.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._record(body)
        reply = b"echo:" + body
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def do_GET(self):
        self._record(b"")
        reply = f"GET {self.path}".encode()
        self.send_response(200)
        if not self.path.startswith("/nolength"):  # else: body delimited by the close only
            self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


@pytest.fixture(scope="module")
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    server.daemon_threads = True
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def running_proxy(upstream):
    with FaultProxy().start("127.0.0.1", upstream.server_address[1]) as proxy:
        yield proxy


@pytest.fixture
def proxy(running_proxy, upstream):
    running_proxy.reset()
    upstream.requests.clear()
    return running_proxy


def _post(proxy, body=BODY, path="/ows", timeout=2.0):
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=timeout)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "text/xml"})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _get(proxy, path="/ows?SERVICE=WFS&REQUEST=GetCapabilities", timeout=2.0):
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _raw(proxy, timeout=2.0):
    """A raw socket that has sent one POST (Connection: close)."""
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=timeout)
    sock.sendall(b"POST /ows HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(BODY) + BODY)
    return sock


def _wait_for(predicate, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_pass_through_forwards_and_answers(proxy, upstream):
    assert _post(proxy) == (200, b"echo:" + BODY)
    assert len(upstream.requests) == 1
    seen = upstream.requests[0]
    assert seen["body"] == BODY
    assert seen["headers"]["Connection"] == "close"
    assert seen["headers"]["Host"] == f"127.0.0.1:{proxy.port}"  # the server builds its URLs on the proxy


def test_url_points_at_the_proxy(proxy):
    assert proxy.url() == f"http://127.0.0.1:{proxy.port}/ows"
    assert proxy.url("/x?y=1") == f"http://127.0.0.1:{proxy.port}/x?y=1"


def test_drop_before_closes_without_forwarding(proxy, upstream):
    proxy.set_rules([{"action": "drop_before"}])
    with pytest.raises(http.client.RemoteDisconnected):
        _post(proxy)
    with _raw(proxy) as sock:
        assert sock.recv(1024) == b""  # orderly close (FIN), no data, no reset
    assert upstream.requests == []


def test_drop_after_applies_then_loses_the_reply(proxy, upstream):
    proxy.set_rules([{"action": "drop_after", "times": 1}])
    with _raw(proxy) as sock:
        assert sock.recv(1024) == b""
    assert len(upstream.requests) == 1
    proxy.set_rules([{"action": "drop_after"}])
    with pytest.raises(http.client.RemoteDisconnected):
        _post(proxy)
    assert len(upstream.requests) == 2


def test_cut_sends_half_the_body(proxy, upstream):
    proxy.set_rules([{"action": "cut"}])
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=2)
    conn.request("POST", "/ows", body=BODY)
    resp = conn.getresponse()
    assert resp.status == 200
    with pytest.raises(http.client.IncompleteRead) as excinfo:
        resp.read()
    conn.close()
    full = len(b"echo:" + BODY)
    assert len(excinfo.value.partial) == full // 2
    assert excinfo.value.partial == (b"echo:" + BODY)[: full // 2]
    assert len(upstream.requests) == 1


def test_reset_sends_rst_without_forwarding(proxy, upstream):
    proxy.set_rules([{"action": "reset"}])
    with _raw(proxy) as sock, pytest.raises(ConnectionResetError):
        sock.recv(1024)
    with pytest.raises(ConnectionResetError):
        _post(proxy)
    assert upstream.requests == []


def test_reset_after_applies_then_sends_rst(proxy, upstream):
    proxy.set_rules([{"action": "reset_after"}])
    with _raw(proxy) as sock, pytest.raises(ConnectionResetError):
        sock.recv(1024)
    assert len(upstream.requests) == 1


def test_delay_beyond_client_timeout_still_reaches_the_server(proxy, upstream):
    proxy.set_rules([{"action": "delay", "seconds": 1.5}])
    started = time.monotonic()
    with pytest.raises(socket.timeout):
        _post(proxy, timeout=0.5)
    assert upstream.requests == []  # not yet: the server applies it late
    assert _wait_for(lambda: len(upstream.requests) == 1, timeout=3.0)
    assert time.monotonic() - started >= 1.4
    assert proxy.log()[0]["status"] == 200


def test_delay_within_client_timeout_answers(proxy, upstream):
    proxy.set_rules([{"action": "delay", "seconds": 0.4}])
    started = time.monotonic()
    assert _post(proxy, timeout=3) == (200, b"echo:" + BODY)
    assert time.monotonic() - started >= 0.35
    assert len(upstream.requests) == 1


def test_delay_after_applies_at_once_and_answers_late(proxy, upstream):
    proxy.set_rules([{"action": "delay_after", "seconds": 1.5, "times": 1}])
    with pytest.raises(socket.timeout):
        _post(proxy, timeout=0.5)
    assert len(upstream.requests) == 1  # applied before the client gave up
    proxy.set_rules([{"action": "delay_after", "seconds": 0.4}])
    started = time.monotonic()
    assert _post(proxy, timeout=3) == (200, b"echo:" + BODY)
    assert time.monotonic() - started >= 0.35
    assert len(upstream.requests) == 2


def test_blackhole_never_forwards_nor_answers(proxy, upstream):
    proxy.set_rules([{"action": "blackhole"}])
    with pytest.raises(socket.timeout):
        _post(proxy, timeout=0.5)
    assert upstream.requests == []
    assert proxy.log()[0]["action"] == "blackhole"


def test_blackholed_connection_does_not_block_others(proxy, upstream):
    proxy.set_rules([{"match": {"path": "hole"}, "action": "blackhole"}])
    hole = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
    try:
        hole.sendall(b"GET /hole HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _wait_for(lambda: len(proxy.log()) == 1)
        started = time.monotonic()
        assert _get(proxy, "/other") == (200, b"GET /other")
        assert time.monotonic() - started < 1
        hole.settimeout(0.2)
        with pytest.raises(socket.timeout):
            hole.recv(1)  # still open, still silent
    finally:
        hole.close()
    assert [r["path"] for r in upstream.requests] == ["/other"]


def test_times_one_then_pass(proxy, upstream):
    proxy.set_rules([{"action": "drop_before", "times": 1}])
    with pytest.raises(http.client.RemoteDisconnected):
        _post(proxy)
    assert _post(proxy) == (200, b"echo:" + BODY)
    assert len(upstream.requests) == 1
    assert [(e["match"], e["action"]) for e in proxy.log()] == [(0, "drop_before"), (None, "pass")]
    assert proxy.rules()[0]["left"] == 0


def test_times_two_applies_twice(proxy, upstream):
    proxy.set_rules([{"action": "reset", "times": 2}])
    for _ in range(2):
        with pytest.raises(ConnectionResetError):
            _post(proxy)
    assert _post(proxy)[0] == 200
    assert len(upstream.requests) == 1


def test_match_by_method(proxy, upstream):
    proxy.set_rules([{"match": {"method": "GET"}, "action": "drop_before"}])
    assert _post(proxy)[0] == 200
    with pytest.raises(http.client.RemoteDisconnected):
        _get(proxy)
    assert [r["method"] for r in upstream.requests] == ["POST"]


def test_match_by_path_includes_the_query_string(proxy, upstream):
    proxy.set_rules([{"match": {"path": "REQUEST=GetFeature"}, "action": "drop_before"}])
    assert _get(proxy, "/ows?SERVICE=WFS&REQUEST=DescribeFeatureType")[0] == 200
    with pytest.raises(http.client.RemoteDisconnected):
        _get(proxy, "/ows?SERVICE=WFS&REQUEST=GetFeature&TYPENAME=lieux")
    assert [r["path"] for r in upstream.requests] == ["/ows?SERVICE=WFS&REQUEST=DescribeFeatureType"]


def test_match_by_body_is_case_sensitive(proxy, upstream):
    proxy.set_rules([{"match": {"method": "POST", "body": "<wfs:Delete"}, "action": "reset"}])
    assert _post(proxy, body=b"<wfs:delete/>")[0] == 200
    assert _post(proxy)[0] == 200  # an Update
    with pytest.raises(ConnectionResetError):
        _post(proxy, body=b"<wfs:Transaction><wfs:Delete typeName='lieux'/></wfs:Transaction>")
    assert len(upstream.requests) == 2


def test_first_live_rule_wins(proxy, upstream):
    proxy.set_rules([
        {"match": {"method": "POST"}, "action": "drop_before", "times": 1},
        {"match": {"body": "Update"}, "action": "cut"},
    ])
    with pytest.raises(http.client.RemoteDisconnected):
        _post(proxy)
    with pytest.raises(http.client.IncompleteRead):
        _post(proxy)
    assert [e["match"] for e in proxy.log()] == [0, 1]
    assert len(upstream.requests) == 1


def test_log_lists_events_with_rule_index(proxy):
    proxy.set_rules([{"match": {"path": "Transaction"}, "action": "drop_after"}])
    _get(proxy, "/ows?REQUEST=GetCapabilities")
    with pytest.raises(http.client.RemoteDisconnected):
        _post(proxy, path="/ows?REQUEST=Transaction")
    log = proxy.log()
    assert [(e["n"], e["method"], e["path"], e["match"], e["action"]) for e in log] == [
        (1, "GET", "/ows?REQUEST=GetCapabilities", None, "pass"),
        (2, "POST", "/ows?REQUEST=Transaction", 0, "drop_after"),
    ]
    assert log[1]["bytes_in"] > len(BODY)  # head + body as received
    assert all(isinstance(e["time"], float) and abs(e["time"] - time.time()) < 30 for e in log)
    assert [e["status"] for e in log] == [200, 200]
    proxy.reset()
    assert proxy.log() == []
    assert proxy.rules() == []


def test_invalid_rules_are_rejected(proxy):
    proxy.set_rules([{"action": "cut"}])
    for bad in ([{"action": "explode"}], [{"action": "cut", "match": {"verb": "GET"}}], [{"action": "cut", "time": 1}],
                [{"action": "delay", "seconds": -1}], ["cut"]):
        with pytest.raises(ValueError):
            proxy.set_rules(bad)
    assert [r["action"] for r in proxy.rules()] == ["cut"]  # unchanged


def test_keep_alive_client_connection(proxy, upstream):
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=2)
    try:
        conn.request("POST", "/ows", body=b"one")
        assert conn.getresponse().read() == b"echo:one"
        first = conn.sock
        conn.request("GET", "/nolength")  # body ends at the upstream close: the proxy frames it
        resp = conn.getresponse()
        assert (resp.status, resp.read()) == (200, b"GET /nolength")
        assert conn.sock is first is not None  # same client connection
    finally:
        conn.close()
    assert [r["headers"]["Connection"] for r in upstream.requests] == ["close", "close"]


def test_chunked_request_is_forwarded_with_a_length(proxy, upstream):
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=2)
    try:
        conn.request("POST", "/ows", body=iter([b"<a>", b"chunked", b"</a>"]), encode_chunked=True)
        assert conn.getresponse().read() == b"echo:<a>chunked</a>"
    finally:
        conn.close()
    assert upstream.requests[0]["headers"]["Content-Length"] == "14"
    assert "Transfer-Encoding" not in upstream.requests[0]["headers"]


def test_upstream_down_gives_502_and_sigterm_stops_quickly():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    proxy = FaultProxy().start("127.0.0.1", dead_port)
    try:
        status, body = _post(proxy)
        assert status == 502
        assert b"upstream error" in body
        assert proxy.log()[0]["error"]
    finally:
        started = time.monotonic()
        proxy.stop()
    assert time.monotonic() - started < 2
    assert proxy.proc.returncode == 0
