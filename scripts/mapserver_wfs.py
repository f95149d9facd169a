#!/usr/bin/env python3
"""Read-only WFS 2.0 peer for tests: Debian's MapServer 8 CGI behind http.server on 127.0.0.1.

It serves the ``lieux`` layer of a GeoPackage (a copy: give it one) as WFS 1.0/1.1/2.0, so the
plugin's WFS read path (paging with STARTINDEX/COUNT, ``RESULTTYPE=hits``, GML 3.2) is tested
against a second implementation besides QGIS Server. MapServer refuses WFS-T Transaction: it is
of no use for edits.

* The WFS URL is ``http://127.0.0.1:PORT/wfs``. Any path reaches the CGI; ``map=LIEUX`` (the
  ``MAPS`` alias of the MapServer 8 config file) is added to the query string when the client
  did not send a ``map`` parameter. The typename is ``ms:lieux``.
* No ``ows_onlineresource`` in the mapfile: MapServer builds the operation URLs of
  GetCapabilities from ``SERVER_NAME``/``SERVER_PORT``/``SCRIPT_NAME``, which this wrapper
  takes from the request's ``Host`` header and path, so they point at the host:port the client
  used (a proxy in front stays in the loop). They come out as ``http://HOST:PORT/wfs?map=LIEUX&``.
* Native CRS EPSG:2154, EPSG:4326 also advertised; ``gml:id`` comes from the ``id`` column.
* MapServer CGI is one process per request (0.2-0.45 s each): the server is threaded.

Requires the Debian packages ``mapserver-bin`` and ``cgi-mapserver`` (``/usr/lib/cgi-bin/mapserv``).

Usage: mapserver_wfs.py --gpkg COPY.gpkg --workdir DIR [--port 0] [--log FILE]
Writes ``lieux.map`` and ``mapserver.conf`` into DIR, prints ``READY <port>`` on stdout once
listening, and one line per request on stderr (or in ``--log``).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional, TextIO
from urllib.parse import parse_qsl

MAPSERV = Path("/usr/lib/cgi-bin/mapserv")
MAP_ALIAS = "LIEUX"
LAYER = "lieux"
TYPENAME = "ms:lieux"
# Lambert-93 area of use, when the GeoPackage does not record an extent.
DEFAULT_EXTENT_2154 = (99000.0, 6040000.0, 1243000.0, 7111000.0)
CGI_TIMEOUT_S = 60

MAPFILE = """MAP
  NAME "mednum_lieux"
  STATUS ON
  EXTENT {extent}
  UNITS METERS
  PROJECTION
    "init=epsg:2154"
  END
  CONFIG "MS_ERRORFILE" "stderr"
  WEB
    METADATA
      "ows_title" "mednum lieux (MapServer test peer)"
      "ows_abstract" "Read-only WFS peer for the mednum plugin tests"
      "ows_srs" "EPSG:2154 EPSG:4326"
      "ows_enable_request" "*"
      "wfs_enable_request" "*"
      "wfs_namespace_prefix" "ms"
      "wfs_namespace_uri" "http://mapserver.gis.umn.edu/mapserver"
    END
  END
  LAYER
    NAME "{layer}"
    TYPE POINT
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION "{gpkg}"
    DATA "{layer}"
    PROJECTION
      "init=epsg:2154"
    END
    METADATA
      "ows_title" "{layer}"
      "ows_srs" "EPSG:2154 EPSG:4326"
      "wfs_enable_request" "*"
      "gml_featureid" "id"
      "gml_include_items" "all"
      "gml_types" "auto"
      "wfs_use_default_extent_for_getfeature" "false"
    END
  END
END
"""

CONFIG = """CONFIG
  ENV
    MS_MAP_PATTERN "{pattern}"
    MS_MAP_NO_PATH "1"
    MS_ERRORFILE "stderr"
  END
  MAPS
    {alias} "{mapfile}"
  END
END
"""


def _quote(text: str) -> str:
    """A string usable between double quotes in a mapfile."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _ere_escape(text: str) -> str:
    """``text`` as a literal in a POSIX extended regular expression (MS_MAP_PATTERN)."""
    return "".join("\\" + c if c in ".[]()*+?{}|^$\\" else c for c in text)


def _gpkg_extent(gpkg: Path, table: str) -> tuple[float, float, float, float]:
    """The extent recorded in ``gpkg_contents`` for ``table``, or the Lambert-93 area of use."""
    try:
        con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?", (table,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        row = None
    if row and None not in row and row[0] < row[2] and row[1] < row[3]:
        return tuple(float(v) for v in row)  # type: ignore[return-value]
    return DEFAULT_EXTENT_2154


def write_config(gpkg: Path, workdir: Path) -> Path:
    """Write ``lieux.map`` and ``mapserver.conf`` into ``workdir`` for layer ``lieux`` of ``gpkg``.

    Returns the path of the MapServer 8 config file (``MAPSERVER_CONFIG_FILE``): alias ``LIEUX``
    for the mapfile, ``MS_MAP_PATTERN`` restricted to ``workdir`` and no free map paths.
    """
    gpkg = Path(gpkg).resolve()
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    mapfile = workdir / "lieux.map"
    extent = " ".join(f"{v:.3f}" for v in _gpkg_extent(gpkg, LAYER))
    mapfile.write_text(MAPFILE.format(extent=extent, layer=LAYER, gpkg=_quote(str(gpkg))), encoding="utf-8")
    config = workdir / "mapserver.conf"
    pattern = "^" + _ere_escape(str(workdir) + "/")
    config.write_text(CONFIG.format(pattern=_quote(pattern), alias=MAP_ALIAS, mapfile=_quote(str(mapfile))), encoding="utf-8")
    return config


def _split_host(host: str, server_port: int) -> tuple[str, str]:
    """``(name, port)`` of a Host header value, IPv6 literals included (no header: 127.0.0.1 and our port)."""
    if not host:
        return "127.0.0.1", str(server_port)
    if host.startswith("["):
        name, _, rest = host.partition("]")
        port = rest[1:] if rest.startswith(":") else ""
        name += "]"
    else:
        name, _, port = host.partition(":")
    return name or "127.0.0.1", port or "80"


def _split_cgi_output(raw: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of a CGI response (headers end at the first blank line)."""
    ends = [(i, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (i := raw.find(sep)) >= 0]
    if not ends:
        return 502, [("Content-Type", "text/plain; charset=utf-8")], b"mapserv: no CGI header\n" + raw[:2000]
    cut, size = min(ends)
    status, headers = 200, []
    for line in raw[:cut].decode("latin-1").splitlines():
        name, sep, value = line.partition(":")
        if not sep:
            continue
        if name.strip().lower() == "status":
            status = int(value.split()[0])
        else:
            headers.append((name.strip(), value.strip()))
    return status, headers, raw[cut + size:]


class MapservHandler(BaseHTTPRequestHandler):
    """Runs one ``mapserv`` CGI process per request; any path goes to the CGI."""

    protocol_version = "HTTP/1.1"
    server_version = "mednum-mapserver-wfs"
    config_file: Path = Path()
    log: TextIO = sys.stderr

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _run(self) -> None:
        started = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        if not any(k.lower() == "map" for k, _ in parse_qsl(query, keep_blank_values=True)):
            query = f"map={MAP_ALIAS}" + (f"&{query}" if query else "")
        server_port = self.server.server_address[1]
        host_name, host_port = _split_host(self.headers.get("Host", ""), server_port)
        env = {k: v for k, v in os.environ.items() if not k.startswith("HTTP_")}
        env.update(
            MAPSERVER_CONFIG_FILE=str(self.config_file),
            GATEWAY_INTERFACE="CGI/1.1",
            SERVER_PROTOCOL=self.request_version,
            SERVER_SOFTWARE=self.server_version,
            REQUEST_METHOD=self.command,
            SCRIPT_NAME=path or "/",
            PATH_INFO="",
            QUERY_STRING=query,
            SERVER_NAME=host_name,
            SERVER_PORT=host_port,
            REMOTE_ADDR=self.client_address[0],
            CONTENT_LENGTH=str(len(body)),
            CONTENT_TYPE=self.headers.get("Content-Type", ""),
        )
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_PROXY"):
                env[key] = value
        try:
            proc = subprocess.run([str(MAPSERV)], input=body, env=env, capture_output=True, timeout=CGI_TIMEOUT_S, check=False)
            status, headers, out = _split_cgi_output(proc.stdout)
            errors = proc.stderr.decode("utf-8", "replace").strip()
        except subprocess.TimeoutExpired:
            status, headers, out, errors = 504, [("Content-Type", "text/plain; charset=utf-8")], b"mapserv timed out\n", "timeout"
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(out)
        line = f"{self.command} {path}?{query} -> {status} {len(out)} B {time.monotonic() - started:.3f} s"
        if errors:
            line += " | " + errors[:500].replace("\n", " / ")
        print(line, file=self.log, flush=True)

    def do_GET(self) -> None:
        self._run()

    def do_POST(self) -> None:
        self._run()

    def do_HEAD(self) -> None:
        self._run()


def serve(gpkg: Path, workdir: Path, port: int = 0, log: Optional[TextIO] = None) -> None:
    """Write the configuration, listen on 127.0.0.1:``port``, print ``READY <port>`` and serve forever."""
    if not MAPSERV.exists():
        sys.exit(f"{MAPSERV} missing: apt-get install mapserver-bin cgi-mapserver")
    handler = type("Handler", (MapservHandler,), {"config_file": write_config(gpkg, workdir), "log": log or sys.stderr})
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    httpd.daemon_threads = True
    print("READY", httpd.server_address[1], flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpkg", type=Path, required=True, help="GeoPackage (a copy) holding the lieux layer")
    parser.add_argument("--workdir", type=Path, required=True, help="directory for lieux.map and mapserver.conf")
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed as READY <port>)")
    parser.add_argument("--log", type=Path, help="request log file (default: stderr)")
    args = parser.parse_args(argv)
    if not args.gpkg.is_file():
        parser.error(f"no such GeoPackage: {args.gpkg}")
    log = open(args.log, "a", encoding="utf-8") if args.log else None
    serve(args.gpkg, args.workdir, args.port, log)


if __name__ == "__main__":
    main()
