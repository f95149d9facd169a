#!/usr/bin/env python3
"""Fault-injection HTTP proxy for tests: sits on 127.0.0.1 between a WFS client and a WFS-T server.

It reproduces network faults at the socket level (connection closed, TCP RST, truncated
body, late or lost replies, silent peer) on the requests picked by rules set at run time.

* Each client connection gets its own (daemon) thread, so a blackholed connection never
  blocks the others. Client keep-alive is honoured: requests are read one after the other
  on the client connection, each forwarded on a fresh upstream connection with
  ``Connection: close`` (the upstream server answers HTTP/1.0 style and closes).
* The ``Host`` header is forwarded unchanged, so a server building its service URLs from
  ``Host`` keeps the client talking to the proxy.
* Rules and the event log live behind a control port (JSON over HTTP):
  ``POST /rules`` ``{"rules": [...]}`` replaces the rules, ``POST /reset`` clears rules and
  log, ``GET /log`` lists the events, ``GET /rules`` shows the rules and their remaining uses.
* A rule: ``{"match": {"method": "POST", "path": "substr", "body": "substr"}, "action": "cut",
  "times": 1, "seconds": 5}``. Every match key is optional (``method`` exact, ``path`` and
  ``body`` case-sensitive substrings; ``path`` is the request target with its query string).
  ``times`` (default -1 = always) is how many matching requests the rule applies to; an
  exhausted rule no longer matches. The first live matching rule wins; otherwise ``pass``.
* Actions: ``pass``, ``drop_before`` (close, nothing forwarded), ``drop_after`` (forward,
  read the reply, close without answering), ``cut`` (forward, send headers + half the body,
  close), ``reset`` (RST, nothing forwarded), ``reset_after`` (forward, then RST),
  ``delay`` (sleep ``seconds`` then forward, even if the client left), ``delay_after``
  (forward, then sleep ``seconds`` before answering), ``blackhole`` (read, never forward,
  never answer; hold the socket until the client closes it or ``seconds``, default 120, pass).
  ``seconds`` defaults to 5 for the delays.

Usage: fault_proxy.py --target 127.0.0.1:PORT [--port 0] [--control-port 0]
Prints ``READY <proxy_port> <control_port>`` on stdout once listening; one line per request
on stderr. Tests drive it through :class:`FaultProxy` (stdlib only, no QGIS).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ACTIONS = ("pass", "drop_before", "drop_after", "cut", "reset", "reset_after", "delay", "delay_after", "blackhole")
MATCH_KEYS = ("method", "path", "body")
RULE_KEYS = ("match", "action", "times", "seconds", "comment")
DEFAULT_DELAY = 5.0
DEFAULT_BLACKHOLE = 120.0
CLIENT_IDLE_TIMEOUT = 600.0
MAX_HEAD = 65536
HOP_BY_HOP = ("connection", "keep-alive", "proxy-connection")


def _log(message: str) -> None:
    """One line on stderr (a single write, so threads do not interleave)."""
    try:
        sys.stderr.write(f"fault_proxy: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


class _Reader:
    """Buffered reads from a socket (``recv`` returns whatever has arrived)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = bytearray()
        self.consumed = 0

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def _take(self, n: int) -> bytes:
        data = bytes(self.buf[:n])
        del self.buf[:n]
        self.consumed += len(data)
        return data

    def read_until(self, marker: bytes, limit: int = MAX_HEAD) -> bytes | None:
        """Bytes up to and including ``marker``; None if the peer closes first."""
        while True:
            i = self.buf.find(marker)
            if i >= 0:
                return self._take(i + len(marker))
            if len(self.buf) > limit:
                raise ValueError("header block too long")
            if not self._fill():
                return None

    def read_exact(self, n: int) -> bytes:
        """``n`` bytes, or fewer if the peer closes first."""
        while len(self.buf) < n and self._fill():
            pass
        return self._take(min(n, len(self.buf)))

    def read_all(self) -> bytes:
        """Everything until the peer closes."""
        while self._fill():
            pass
        return self._take(len(self.buf))


@dataclass
class Message:
    """An HTTP request or response: start line, ordered headers, body."""

    start: str
    headers: list[tuple[str, str]]
    body: bytes = b""
    size: int = 0

    def header(self, name: str) -> str | None:
        """First value of header ``name`` (case-insensitive), or None."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def head(self, drop: tuple[str, ...] = (), add: tuple[tuple[str, str], ...] = ()) -> bytes:
        """Start line + headers (minus ``drop``, plus ``add``) + blank line, as bytes."""
        kept = [(k, v) for k, v in self.headers if k.lower() not in drop]
        lines = [self.start] + [f"{k}: {v}" for k, v in (*kept, *add)]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    @property
    def method(self) -> str:
        """Request method."""
        return self.start.split(" ", 1)[0]

    @property
    def target(self) -> str:
        """Request target (path and query string)."""
        parts = self.start.split(" ")
        return parts[1] if len(parts) > 1 else ""

    @property
    def version(self) -> str:
        """Protocol version of a request line (``HTTP/1.1``)."""
        return self.start.rsplit(" ", 1)[-1]

    @property
    def status(self) -> int:
        """Status code of a response line."""
        return int(self.start.split(" ")[1])


def _parse_head(raw: bytes) -> tuple[str, list[tuple[str, str]]]:
    lines = raw.decode("latin-1").lstrip("\r\n").split("\r\n")
    headers = []
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
    return lines[0], headers


def _read_chunked(reader: _Reader) -> bytes | None:
    body = bytearray()
    while True:
        line = reader.read_until(b"\r\n")
        if line is None:
            return None
        size = int(line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            while True:  # trailers, up to the blank line
                trailer = reader.read_until(b"\r\n")
                if trailer is None or trailer == b"\r\n":
                    return bytes(body)
        chunk = reader.read_exact(size)
        if len(chunk) < size or reader.read_exact(2) != b"\r\n":
            return None
        body += chunk


def read_request(reader: _Reader, conn: socket.socket) -> Message | None:
    """The next complete request on a client connection; None once the client is gone."""
    start_at = reader.consumed
    raw = reader.read_until(b"\r\n\r\n")
    if raw is None:
        return None
    start, headers = _parse_head(raw)
    if len(start.split(" ")) != 3:
        raise ValueError(f"bad request line {start!r}")
    req = Message(start, headers)
    if (req.header("expect") or "").lower() == "100-continue":
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        req.headers = [(k, v) for k, v in req.headers if k.lower() != "expect"]
    if "chunked" in (req.header("transfer-encoding") or "").lower():
        body = _read_chunked(reader)
        if body is None:
            return None
        req.headers = [(k, v) for k, v in req.headers if k.lower() not in ("transfer-encoding", "content-length")]
        req.headers.append(("Content-Length", str(len(body))))
        req.body = body
    elif req.header("content-length") is not None:
        length = int(req.header("content-length") or "0")
        req.body = reader.read_exact(length)
        if len(req.body) < length:
            return None
    req.size = reader.consumed - start_at
    return req


def read_response(sock: socket.socket, method: str) -> Message:
    """The full upstream response: by Content-Length, else until the server closes."""
    reader = _Reader(sock)
    while True:
        raw = reader.read_until(b"\r\n\r\n")
        if raw is None:
            raise ConnectionError("upstream closed the connection without a response")
        resp = Message(*_parse_head(raw))
        if not 100 <= resp.status < 200 or resp.status == 101:
            break  # skip interim 1xx responses
    length = resp.header("content-length")
    if method == "HEAD" or 100 <= resp.status < 200 or resp.status in (204, 304):
        resp.body = b""
    elif length is not None and resp.header("transfer-encoding") is None:
        resp.body = reader.read_exact(int(length))
    else:
        resp.body = reader.read_all()
    resp.size = reader.consumed
    return resp


def _client_wants_keep_alive(req: Message) -> bool:
    tokens = (req.header("connection") or "").lower()
    if req.version == "HTTP/1.1":
        return "close" not in tokens
    return "keep-alive" in tokens


def _send(conn: socket.socket, data: bytes) -> bool:
    """Send to the client; False (silently) if it has gone away."""
    try:
        conn.sendall(data)
        return True
    except OSError:
        return False


def _reset(conn: socket.socket) -> None:
    """Close with SO_LINGER (1, 0): the peer gets a TCP RST instead of a FIN."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    conn.close()


def _bad_gateway(error: str) -> bytes:
    body = f"fault_proxy: upstream error: {error}\n".encode()
    head = f"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode("latin-1") + body


def validate_rules(rules: Any) -> list[dict]:
    """Normalised copy of a rule list; ValueError explains what is wrong."""
    if not isinstance(rules, list):
        raise ValueError("'rules' must be a list")
    out = []
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict):
            raise ValueError(f"rule {i}: not an object")
        unknown = sorted(set(rule) - set(RULE_KEYS))
        if unknown:
            raise ValueError(f"rule {i}: unknown keys {unknown}")
        action = rule.get("action")
        if action not in ACTIONS:
            raise ValueError(f"rule {i}: action {action!r} not in {list(ACTIONS)}")
        match = rule.get("match") or {}
        if not isinstance(match, dict) or set(match) - set(MATCH_KEYS) or not all(isinstance(v, str) for v in match.values()):
            raise ValueError(f"rule {i}: 'match' must be an object of strings with keys among {list(MATCH_KEYS)}")
        times = rule.get("times", -1)
        if not isinstance(times, int) or isinstance(times, bool) or times < -1:
            raise ValueError(f"rule {i}: 'times' must be an integer >= -1")
        seconds = rule.get("seconds", DEFAULT_BLACKHOLE if action == "blackhole" else DEFAULT_DELAY)
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
            raise ValueError(f"rule {i}: 'seconds' must be a number >= 0")
        out.append({"match": dict(match), "action": action, "times": times, "seconds": float(seconds)})
    return out


def rule_matches(match: dict, req: Message) -> bool:
    """Whether every key of ``match`` agrees with the request."""
    if "method" in match and req.method != match["method"]:
        return False
    if "path" in match and match["path"] not in req.target:
        return False
    return "body" not in match or match["body"].encode("utf-8") in req.body


class State:
    """Rules (with their remaining uses) and the event log, shared by all threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rules: list[dict] = []
        self.left: list[int] = []
        self.events: list[dict] = []
        self.seq = 0

    def set_rules(self, rules: Any) -> int:
        """Replace the rules (validated); returns how many."""
        checked = validate_rules(rules)
        with self.lock:
            self.rules = checked
            self.left = [r["times"] for r in checked]
        return len(checked)

    def reset(self) -> None:
        """Clear rules and log."""
        with self.lock:
            self.rules, self.left, self.events, self.seq = [], [], [], 0

    def admit(self, req: Message) -> tuple[dict, dict | None]:
        """Pick the first live matching rule (consuming one use) and log the request."""
        with self.lock:
            index, rule = None, None
            for i, candidate in enumerate(self.rules):
                if self.left[i] != 0 and rule_matches(candidate["match"], req):
                    if self.left[i] > 0:
                        self.left[i] -= 1
                    index, rule = i, candidate
                    break
            self.seq += 1
            event = {"n": self.seq, "method": req.method, "path": req.target, "match": index, "action": rule["action"] if rule else "pass",
                     "bytes_in": req.size, "time": round(time.time(), 3), "status": None, "error": None}
            self.events.append(event)
        _log(f"#{event['n']} {event['method']} {event['path']} rule={index} action={event['action']} bytes_in={req.size}")
        return event, rule

    def note(self, event: dict, **fields: Any) -> None:
        """Add what happened upstream (``status``, ``error``) to an event."""
        with self.lock:
            event.update(fields)

    def log(self) -> list[dict]:
        """A copy of the events."""
        with self.lock:
            return [dict(e) for e in self.events]

    def rules_view(self) -> list[dict]:
        """The rules with their remaining uses."""
        with self.lock:
            return [dict(rule, left=left) for rule, left in zip(self.rules, self.left)]


class Proxy:
    """Serves client connections, one thread each, applying the rules of ``state``."""

    def __init__(self, target: tuple[str, int], state: State, upstream_timeout: float = 120.0) -> None:
        self.target = target
        self.state = state
        self.upstream_timeout = upstream_timeout

    def handle_client(self, conn: socket.socket) -> None:
        """Serve requests on one client connection until it closes or a fault ends it."""
        reader = _Reader(conn)
        try:
            conn.settimeout(CLIENT_IDLE_TIMEOUT)
            while True:
                req = read_request(reader, conn)
                if req is None or not self.serve(conn, reader, req):
                    break
        except OSError:
            pass  # client gone, idle timeout: nothing to report
        except Exception as exc:  # a thread must never die noisily
            _log(f"client error: {exc!r}")
        finally:
            conn.close()

    def forward(self, req: Message) -> Message:
        """Send the request on a fresh upstream connection and read the whole response."""
        head = req.head(drop=HOP_BY_HOP, add=(("Connection", "close"),))
        with socket.create_connection(self.target, timeout=self.upstream_timeout) as upstream:
            upstream.sendall(head + req.body)
            return read_response(upstream, req.method)

    def serve(self, conn: socket.socket, reader: _Reader, req: Message) -> bool:
        """Apply the matching rule to one request; True to keep the client connection."""
        event, rule = self.state.admit(req)
        action = rule["action"] if rule else "pass"
        seconds = rule["seconds"] if rule else 0.0
        if action == "drop_before":
            return False
        if action == "reset":
            _reset(conn)
            return False
        if action == "blackhole":
            self._blackhole(conn, seconds)
            return False
        if action == "delay":
            time.sleep(seconds)
        try:
            resp = self.forward(req)
        except (OSError, ValueError) as exc:
            self.state.note(event, error=repr(exc))
            _log(f"#{event['n']} upstream error: {exc!r}")
            if action == "reset_after":
                _reset(conn)
            elif action != "drop_after":
                _send(conn, _bad_gateway(repr(exc)))
            return False
        self.state.note(event, status=resp.status)
        if action == "drop_after":
            return False
        if action == "reset_after":
            _reset(conn)
            return False
        if action == "delay_after":
            time.sleep(seconds)
        keep = _client_wants_keep_alive(req) and action != "cut"
        framed = resp.header("transfer-encoding") is None
        add: list[tuple[str, str]] = []
        if framed and resp.header("content-length") is None and req.method != "HEAD" and resp.status not in (204, 304):
            add.append(("Content-Length", str(len(resp.body))))
        keep = keep and framed
        add.append(("Connection", "keep-alive" if keep else "close"))
        head = resp.head(drop=HOP_BY_HOP, add=tuple(add))
        if action == "cut":
            _send(conn, head + resp.body[: len(resp.body) // 2])
            return False
        return _send(conn, head + resp.body) and keep

    @staticmethod
    def _blackhole(conn: socket.socket, seconds: float) -> None:
        """Hold the connection, reading and discarding, until the client closes or time is up."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            conn.settimeout(left)
            try:
                if not conn.recv(65536):
                    return
            except OSError:
                return


def make_control_handler(state: State) -> type[BaseHTTPRequestHandler]:
    """The control API request handler bound to ``state``."""

    class ControlHandler(BaseHTTPRequestHandler):
        """``POST /rules``, ``POST /reset``, ``GET /log``, ``GET /rules``."""

        server_version = "fault_proxy-control"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: requests are logged by the proxy, not the control API."""

        def _reply(self, code: int, payload: Any) -> None:
            data = json.dumps(payload).encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            """Read the log or the rules."""
            if self.path == "/log":
                self._reply(200, state.log())
            elif self.path == "/rules":
                self._reply(200, state.rules_view())
            else:
                self._reply(404, {"error": f"unknown path {self.path}"})

        def do_POST(self) -> None:
            """Replace the rules or reset."""
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path == "/rules":
                try:
                    payload = json.loads(raw.decode("utf-8") or "{}")
                    if not isinstance(payload, dict) or "rules" not in payload:
                        raise ValueError('expected {"rules": [...]}')
                    count = state.set_rules(payload["rules"])
                except ValueError as exc:
                    self._reply(400, {"error": str(exc)})
                    return
                _log(f"rules set: {count}")
                self._reply(200, {"ok": True, "rules": count})
            elif self.path == "/reset":
                state.reset()
                _log("reset")
                self._reply(200, {"ok": True})
            else:
                self._reply(404, {"error": f"unknown path {self.path}"})

    return ControlHandler


def _exit_now(signum: int, frame: Any) -> None:
    """SIGTERM / SIGINT: leave at once (client threads are daemons holding nothing)."""
    _log(f"signal {signum}, exiting")
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    """Run the proxy until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="upstream HOST:PORT")
    parser.add_argument("--port", type=int, default=0, help="proxy port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--control-port", type=int, default=0, help="control API port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--upstream-timeout", type=float, default=120.0, help="seconds to wait for the upstream server")
    args = parser.parse_args(argv)
    host, _, port = args.target.rpartition(":")
    if not host or not port.isdigit():
        parser.error("--target must be HOST:PORT")

    state = State()
    proxy = Proxy((host, int(port)), state, args.upstream_timeout)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(128)
    control = ThreadingHTTPServer(("127.0.0.1", args.control_port), make_control_handler(state))
    control.daemon_threads = True
    threading.Thread(target=control.serve_forever, name="control", daemon=True).start()
    signal.signal(signal.SIGTERM, _exit_now)
    signal.signal(signal.SIGINT, _exit_now)
    print(f"READY {listener.getsockname()[1]} {control.server_address[1]}", flush=True)
    _log(f"listening on 127.0.0.1:{listener.getsockname()[1]} -> {host}:{port}, control on {control.server_address[1]}")
    while True:
        try:
            conn, _addr = listener.accept()
        except OSError as exc:  # e.g. too many open files: back off, keep serving
            _log(f"accept failed: {exc!r}")
            time.sleep(0.05)
            continue
        threading.Thread(target=proxy.handle_client, args=(conn,), daemon=True).start()


class FaultProxy:
    """Test helper: runs this script as a subprocess and drives its control API.

    ``with FaultProxy().start("127.0.0.1", server_port) as proxy:`` then point the client
    at ``proxy.url()`` and call ``proxy.set_rules([...])``, ``proxy.log()``, ``proxy.reset()``.
    """

    SCRIPT = Path(__file__).resolve()

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.control_port = 0
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore http_proxy

    def start(self, target_host: str, target_port: int, *, stderr: Any = None, timeout: float = 10.0) -> FaultProxy:
        """Spawn the proxy towards ``target_host:target_port``; wait for READY (``timeout`` s).

        ``stderr`` goes to ``subprocess.Popen`` (default: inherited, one line per request).
        """
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("fault_proxy already running")
        cmd = [sys.executable, str(self.SCRIPT), "--target", f"{target_host}:{target_port}", "--port", "0", "--control-port", "0"]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, text=True)
        self.proc = proc
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: lines.put(proc.stdout.readline() if proc.stdout else ""), daemon=True).start()
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            line = ""
        parts = line.split()
        if len(parts) != 3 or parts[0] != "READY":
            self.stop()
            raise RuntimeError(f"fault_proxy did not start (got {line!r}, exit code {proc.returncode})")
        self.port, self.control_port = int(parts[1]), int(parts[2])
        return self

    def url(self, path: str = "/ows") -> str:
        """URL of ``path`` through the proxy."""
        return f"http://127.0.0.1:{self.port}{path}"

    def _call(self, method: str, path: str, payload: Any = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(f"http://127.0.0.1:{self.control_port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with self._opener.open(request, timeout=5) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            raise ValueError(f"fault_proxy {method} {path}: HTTP {exc.code} {detail}") from exc

    def set_rules(self, rules: list[dict]) -> None:
        """Replace the rules (ValueError if the proxy rejects them)."""
        self._call("POST", "/rules", {"rules": rules})

    def rules(self) -> list[dict]:
        """Current rules, each with ``left`` (remaining uses, -1 = always)."""
        return self._call("GET", "/rules")

    def reset(self) -> None:
        """Clear rules and log."""
        self._call("POST", "/reset", {})

    def log(self) -> list[dict]:
        """Events so far: ``n``, ``method``, ``path``, ``match``, ``action``, ``bytes_in``, ``time``, ``status``, ``error``."""
        return self._call("GET", "/log")

    def stop(self) -> None:
        """Terminate the subprocess (SIGTERM, then SIGKILL after 5 s); idempotent."""
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout:
            proc.stdout.close()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    sys.exit(main())
