"""A replay of the Géo2France GeoNetwork CSW for tests: answers GetRecords POSTs with the fixtures of ``tests/data/csw``.

Importable as ``csw_replay`` (tests/ is on sys.path): :func:`start_csw_replay` runs this file as a
subprocess on 127.0.0.1 (port chosen by the system), so QGIS's blocking network requests in the
test process never wait on a Python thread. Every request is appended to ``workdir/requests.jsonl``
*before* the answer is sent; :meth:`CswReplay.requests` reads them back.

Which fixture answers (see ``tests/data/csw/README.md``), from the posted ``csw:GetRecords``:

* search text (the ``csw:AnyText`` literal, ``%`` wildcards and ``\\`` escapes removed) empty or
  ``hauts-de-france`` (any case): the 5 records of the catalogue —
  ``startPosition`` 1 → ``getrecords-page1.xml`` (3 of 5, nextRecord 4),
  4 → ``getrecords-page2.xml`` (2 of 5, nextRecord 0), beyond 5 → ``exception-startposition.xml``
  (GeoNetwork's answer, HTTP 200); another start position has no fixture: HTTP 400;
* any other text → ``getrecords-empty.xml``.

``--fail http500`` answers every POST with an nginx-like HTTP 500 page; ``--fail close`` reads the
request and closes the connection without answering.
"""

from __future__ import annotations

import argparse
import base64
import json
import subprocess
import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree as ET

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import spawn_ready, stop_process  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "data" / "csw"
CSW_PATH = "/geonetwork/srv/fre/csw"
CSW = "http://www.opengis.net/cat/csw/2.0.2"
OGC = "http://www.opengis.net/ogc"
CATALOGUE_SIZE = 5
PAGES = {1: "getrecords-page1.xml", 4: "getrecords-page2.xml"}
KNOWN_SEARCHES = {"", "hauts-de-france"}
HTTP_500_PAGE = (b"<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
                 b"<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


# --------------------------------------------------------------------------- what the tests use

@dataclass
class RecordedRequest:
    method: str
    path: str
    content_type: str
    body: bytes
    fixture: str

    def xml(self) -> ET.Element:
        return ET.fromstring(self.body)


@dataclass
class CswReplay:
    proc: subprocess.Popen
    port: int
    workdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{CSW_PATH}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def requests(self) -> list[RecordedRequest]:
        log = self.workdir / "requests.jsonl"
        if not log.exists():
            return []
        found = []
        for line in log.read_text("utf-8").splitlines():
            item = json.loads(line)
            found.append(RecordedRequest(item["method"], item["path"], item["content_type"],
                                         base64.b64decode(item["body"]), item["fixture"]))
        return found

    def stop(self) -> None:
        stop_process(self.proc)


def start_csw_replay(workdir: Path, fail: str = "") -> CswReplay:
    """Start the replay in a subprocess; ``fail`` is ``""``, ``"http500"`` or ``"close"``. The caller stops it."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--port", "0", "--log", str(workdir / "requests.jsonl")]
    if fail:
        command += ["--fail", fail]
    proc, port = spawn_ready(command, workdir / "replay.stderr", "CSW replay")
    return CswReplay(proc, port, workdir)


# --------------------------------------------------------------------------- the server

def search_text(literal: str) -> str:
    """The user's text in a PropertyIsLike literal: ``%`` wildcards dropped, ``\\`` escapes resolved."""
    out, escaped = [], False
    for char in literal:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char != "%":
            out.append(char)
    return "".join(out).strip()


def choose_fixture(body: bytes) -> tuple[int, str]:
    """(HTTP status, fixture file name or an error text) answering a posted GetRecords."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        return 400, f"corps XML illisible : {error}"
    if root.tag != f"{{{CSW}}}GetRecords":
        return 400, f"GetRecords attendu, reçu {root.tag}"
    literal = ""
    for like in root.iter(f"{{{OGC}}}PropertyIsLike"):
        if like.findtext(f"{{{OGC}}}PropertyName") == "csw:AnyText":
            literal = like.findtext(f"{{{OGC}}}Literal") or ""
    if search_text(literal).casefold() not in KNOWN_SEARCHES:
        return 200, "getrecords-empty.xml"
    start = int(root.get("startPosition", "1"))
    if start > CATALOGUE_SIZE:
        return 200, "exception-startposition.xml"  # GeoNetwork sends its exception reports with HTTP 200
    if start in PAGES:
        return 200, PAGES[start]
    return 400, f"pas de fixture pour startPosition={start}"


def make_handler(log_path: Path, fail: str, fixtures: Path):
    class Handler(BaseHTTPRequestHandler):
        server_version = "CswReplay/1.0"

        def log_message(self, fmt, *args):  # keep the test output quiet
            pass

        def _record(self, body: bytes, fixture: str) -> None:
            entry = {"method": self.command, "path": self.path, "content_type": self.headers.get("Content-Type", ""),
                     "body": base64.b64encode(body).decode("ascii"), "fixture": fixture}
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry) + "\n")

        def _send(self, status: int, content: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def do_GET(self):
            self._record(b"", "")
            self._send(405, b"POST attendu", "text/plain; charset=UTF-8")

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.split("?")[0] != CSW_PATH:
                self._record(body, "")
                self._send(404, b"introuvable", "text/plain; charset=UTF-8")
                return
            if fail == "close":
                self._record(body, "(connexion fermee)")
                self.close_connection = True
                return
            if fail == "http500":
                self._record(body, "(HTTP 500)")
                self._send(500, HTTP_500_PAGE, "text/html")
                return
            status, fixture = choose_fixture(body)
            self._record(body, fixture if status == 200 else "")
            if status != 200:
                self._send(status, fixture.encode("utf-8"), "text/plain; charset=UTF-8")
                return
            self._send(200, (fixtures / fixture).read_bytes(), "application/xml; charset=UTF-8")

    return Handler


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", type=Path, required=True, help="requests.jsonl, one JSON line per request")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--fail", choices=("", "http500", "close"), default="")
    args = parser.parse_args(argv)
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.log, args.fail, args.fixtures))
    print(f"READY {httpd.server_address[1]}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
