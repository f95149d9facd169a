#!/usr/bin/env python3
"""Local WFS / WFS-T server for tests and ``make demo``: QGIS Server in-process behind http.server.

It serves a GeoPackage holding the layers of the demo base (``lieux`` editable over WFS-T;
``communes``, ``epci``, ``departements`` read-only) on 127.0.0.1, and behaves the way the
plugin must expect Géo2France's GeoServer to behave:

* HTTP Basic authentication (``--users users.json``) with the roles of the project:
  ``animateur`` edits everything, ``contributeur`` edits lieux of their ``territoires``
  (département codes; checked against the stored AND the new ``code_insee``), ``lecteur``
  edits nothing. Without valid credentials a Transaction (or any request with
  ``--auth-all``) gets 401 + ``WWW-Authenticate``.
* Refusals as an OGC ``ows:ExceptionReport`` with HTTP 403 (default) or HTTP 200
  (``--deny-status 200``), or dropped silently with a "success" touching 0 features
  (``--silent-deny``, what a GeoFence ``cqlFilterWrite`` rule does).
* ``Cache-Control: no-store`` only with ``--no-cache`` (GeoServer does not send it by default).
* A server-side version: a trigger bumps ``hdf_version`` and ``hdf_date_modification`` on
  every update that does not bump the version itself (an edit from a plain WFS client).
  ``--unique-id`` adds a UNIQUE index on ``id`` (what the administrator guide recommends).
* The history of the lieux: a table ``historique`` without geometry (created at start when the
  GeoPackage has none, UNIQUE ``id``) published over WFS with WFS-T *Insert only*: animateurs
  and contributeurs append rows, nobody updates or deletes them (append-only).
  ``--no-history`` serves the base without it (a server that predates the history).

QgsServer is not thread-safe: one request at a time, one request per connection (HTTP/1.0).
Service URLs follow the ``Host`` header so a proxy in front of it stays in the loop.

Usage: wfst_server.py --gpkg COPY.gpkg [--port 0] [--users users.json] [...]
Prints ``READY <port>`` on stdout once listening; one line per request on stderr.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from xml.etree import ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QGIS_SERVER_LOG_LEVEL", "2")
os.environ.setdefault("QGIS_SERVER_LOG_STDERR", "1")

LIEUX = "lieux"
HISTORY = "historique"
#: the history table: (name, type) of its fields, every one but ``version`` a text (``date``: ISO date-time)
HISTORY_FIELDS = (("id", "string"), ("lieu_id", "string"), ("action", "string"), ("champ", "string"),
                  ("ancienne_valeur", "string"), ("nouvelle_valeur", "string"), ("version", "integer"),
                  ("auteur", "string"), ("date", "datetime"), ("lot", "string"))
DEMO_GPKG = Path(__file__).resolve().parent.parent / "resources" / "demo" / "demo.gpkg"
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
READ_ONLY_LAYERS = ("communes", "epci", "departements")
OWS_EXCEPTION = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="1.1.0">'
                 '<ows:Exception exceptionCode="{code}"><ows:ExceptionText>{text}</ows:ExceptionText>'
                 '</ows:Exception></ows:ExceptionReport>')
EMPTY_TRANSACTION = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<wfs:TransactionResponse xmlns:wfs="http://www.opengis.net/wfs" version="1.1.0">'
                     '<wfs:TransactionSummary><wfs:totalInserted>0</wfs:totalInserted>'
                     '<wfs:totalUpdated>0</wfs:totalUpdated><wfs:totalDeleted>0</wfs:totalDeleted>'
                     '</wfs:TransactionSummary><wfs:TransactionResults/><wfs:InsertResults/>'
                     '</wfs:TransactionResponse>')
VERSION_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS mednum_version AFTER UPDATE ON {table}
WHEN NEW.hdf_version IS OLD.hdf_version AND ({changed})
BEGIN
  UPDATE {table} SET hdf_version = COALESCE(OLD.hdf_version, 0) + 1,
                     hdf_date_modification = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE fid = NEW.fid;
END;
"""


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def prepare_geopackage(gpkg: Path, unique_id: bool) -> None:
    """Server-side rules of the lieux table: version trigger, optional UNIQUE id.

    The trigger fires when a value really changed and the writer did not set the version
    itself (QGIS Server rewrites every column when it writes a geometry change).
    """
    con = sqlite3.connect(gpkg)
    try:
        skip = {"fid", "hdf_version", "hdf_date_modification"}
        columns = [row[1] for row in con.execute(f"PRAGMA table_info({LIEUX})") if row[1] not in skip]
        changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in columns)
        con.executescript(VERSION_TRIGGER.format(table=LIEUX, changed=changed))
        if unique_id:
            con.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS mednum_unique_id ON {LIEUX}(id)")
        con.commit()
    finally:
        con.close()


def has_table(gpkg: Path, name: str) -> bool:
    con = sqlite3.connect(gpkg)
    try:
        return con.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (name,)).fetchone() is not None
    finally:
        con.close()


def ensure_history_table(gpkg: Path) -> bool:
    """Create the ``historique`` attributes table (OGR, no geometry) when missing; whether it was created.

    Needs an initialised QgsApplication (OGR provider). ``id`` gets a UNIQUE index: the same
    history row can never be stored twice, whatever a client re-sends.
    """
    from qgis.core import (
        Qgis,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsField,
        QgsFields,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )

    if has_table(gpkg, HISTORY):
        return False
    version = Qgis.QGIS_VERSION_INT if hasattr(Qgis, "QGIS_VERSION_INT") else Qgis.versionInt()
    if version >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        kinds = {"string": QMetaType.Type.QString, "integer": QMetaType.Type.Int, "datetime": QMetaType.Type.QDateTime}
    else:
        from qgis.PyQt.QtCore import QVariant

        kinds = {"string": QVariant.String, "integer": QVariant.Int, "datetime": QVariant.DateTime}
    fields = QgsFields()
    for name, kind in HISTORY_FIELDS:
        fields.append(QgsField(name, kinds[kind]))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = HISTORY
    options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    no_geometry = Qgis.WkbType.NoGeometry if hasattr(Qgis, "WkbType") else QgsWkbTypes.Type.NoGeometry
    writer = QgsVectorFileWriter.create(str(gpkg), fields, no_geometry, QgsCoordinateReferenceSystem(),
                                        QgsCoordinateTransformContext(), options)
    error = writer.hasError()
    message = writer.errorMessage()
    del writer  # closes the file
    if error:
        raise SystemExit(f"table {HISTORY} non créée dans {gpkg} : {message}")
    con = sqlite3.connect(gpkg)
    try:
        con.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS mednum_historique_id ON {HISTORY}(id)")
        con.commit()
    finally:
        con.close()
    return True


def write_project(gpkg: Path, path: Path, history: bool = True) -> Path:
    """A QGIS project publishing the GeoPackage's layers over WFS (lieux with WFS-T; the history, if any, Insert only)."""
    from qgis.core import QgsProject, QgsVectorLayer

    project = QgsProject()
    project.setTitle("Médiation numérique — serveur local")
    ids = {}
    for name in (LIEUX, *READ_ONLY_LAYERS, *((HISTORY,) if history else ())):
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if not layer.isValid():
            if name == LIEUX:
                raise SystemExit(f"couche {name} introuvable dans {gpkg}")
            continue
        project.addMapLayer(layer)
        ids[name] = layer.id()
    project.writeEntry("WFSLayers", "/", list(ids.values()))
    for layer_id in ids.values():
        project.writeEntry("WFSLayersPrecision", "/" + layer_id, 8)
    for operation in ("Insert", "Update", "Delete"):
        # the history is append-only: Insert, never Update nor Delete
        project.writeEntry("WFSTLayers", operation, [ids[LIEUX]] + ([ids[HISTORY]] if operation == "Insert" and HISTORY in ids else []))
    project.writeEntry("WMSKeywordList", "/", ["mednum", "test"])
    project.writeEntry("WMSServiceTitle", "/", "Médiation numérique — serveur local")
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WFSUrl", "/", "")
    project.setCrs(project.mapLayer(ids[LIEUX]).crs())
    if not project.write(str(path)):
        raise SystemExit(f"projet non écrit : {path}")
    return path


class Guard:
    """Authentication and territory rule, applied to the raw Transaction before QGIS Server."""

    def __init__(self, users: dict, gpkg: Path, silent: bool):
        self.users, self.gpkg, self.silent = users, gpkg, silent

    def user(self, headers) -> dict | None:
        value = headers.get("Authorization", "")
        if not value.startswith("Basic "):
            return None
        try:
            name, password = base64.b64decode(value[6:]).decode("utf-8").split(":", 1)
        except ValueError:
            return None
        user = self.users.get(name)
        return dict(user, name=name) if user and user.get("password") == password else None

    def stored_codes(self, op: ET.Element) -> list[tuple[str, str | None]]:
        """(reference, stored code_insee) of every lieu an Update/Delete filter targets."""
        fids, ids = [], []
        for element in op.iter():
            tag = local(element.tag)
            if tag in ("FeatureId", "GmlObjectId", "ResourceId"):
                for key, value in element.attrib.items():
                    if local(key) in ("fid", "id", "rid"):
                        fids.append(value.rsplit(".", 1)[-1])
            elif tag == "PropertyIsEqualTo":
                children = list(element)
                names = [c.text for c in children if local(c.tag) in ("PropertyName", "ValueReference")]
                literals = [c.text for c in children if local(c.tag) == "Literal"]
                if names and literals and names[0].split(":")[-1] == "id":
                    ids.append(literals[0])
        con = sqlite3.connect(self.gpkg)
        try:
            found = [(f"fid {fid}", row[0] if row else None)
                     for fid in fids for row in [con.execute(f"SELECT code_insee FROM {LIEUX} WHERE fid=?", (fid,)).fetchone()]]
            found += [(f"id {lieu_id}", row[0] if row else None)
                      for lieu_id in ids for row in [con.execute(f"SELECT code_insee FROM {LIEUX} WHERE id=?", (lieu_id,)).fetchone()]]
        finally:
            con.close()
        return found

    @staticmethod
    def departement(code_insee: str | None) -> str | None:
        if not code_insee:
            return None
        return code_insee[:3] if code_insee.startswith("97") else code_insee[:2]

    @staticmethod
    def on_history(op: ET.Element) -> bool:
        """Whether a Transaction operation targets the history table."""
        if local(op.tag) == "Insert":
            return any(local(feature.tag) == HISTORY for feature in op)
        return (op.get("typeName") or op.get("typename") or "").split(":")[-1] == HISTORY

    def check(self, user: dict, body: bytes) -> tuple[str | None, bytes | None]:
        """(refusal text or None, body to forward — None when every operation was dropped)."""
        role = user.get("role")
        if role not in ("animateur", "contributeur"):
            return f"L'utilisateur {user['name']} (rôle {role}) n'a pas le droit de modifier les lieux", body
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            if role == "animateur":
                return None, body  # QGIS Server answers unreadable requests itself
            raise
        refused: list[tuple[ET.Element, str]] = []
        for op in list(root):
            if self.on_history(op) and local(op.tag) != "Insert":
                refused.append((op, f"{local(op.tag)} of {HISTORY} refused: the history is append-only"))
        if role == "animateur":
            return self._verdict(root, refused, body)
        allowed = set(user.get("territoires", []))
        for op in list(root):
            kind = local(op.tag)
            if self.on_history(op):
                continue  # history rows: Insert allowed to every editor, Update/Delete refused above
            if kind == "Insert":
                for feature in op:
                    code = next((e.text for e in feature.iter() if local(e.tag) == "code_insee"), None)
                    if self.departement(code) not in allowed:
                        refused.append((op, f"Insert in departement {self.departement(code)} refused"))
            elif kind in ("Update", "Delete"):
                targets = self.stored_codes(op)
                if not targets:
                    refused.append((op, f"{kind} without identifier filter refused"))
                for reference, code in targets:
                    if code is not None and self.departement(code) not in allowed:
                        refused.append((op, f"{kind} of {reference} (departement {self.departement(code)}) refused"))
                if kind == "Update":
                    for prop in op:
                        if local(prop.tag) != "Property":
                            continue
                        name = next((c.text for c in prop if local(c.tag) in ("Name", "ValueReference")), "") or ""
                        value = next((c.text for c in prop if local(c.tag) == "Value"), None)
                        if name.split(":")[-1] == "code_insee" and self.departement(value) not in allowed:
                            refused.append((op, f"Update moving a lieu to departement {self.departement(value)} refused"))
        return self._verdict(root, refused, body)

    def _verdict(self, root: ET.Element, refused: list[tuple[ET.Element, str]], body: bytes) -> tuple[str | None, bytes | None]:
        if not refused:
            return None, body
        if self.silent:
            for op, _ in refused:
                if op in list(root):
                    root.remove(op)
            return None, (ET.tostring(root) if len(root) else None)
        return "; ".join(dict.fromkeys(text for _, text in refused)), body


class Handler(BaseHTTPRequestHandler):
    server_version = "MednumTestWfs/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):  # one line per request is written by _handle
        pass

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _exception(self, status: int, code: str, text: str, extra: dict | None = None) -> None:
        body = OWS_EXCEPTION.format(code=code, text=xml_escape(text)).encode("utf-8")
        self._send(status, body, "text/xml; charset=utf-8", extra)

    def _handle(self) -> None:
        from qgis.server import QgsBufferServerRequest, QgsBufferServerResponse

        cfg = self.server.cfg
        body = b""
        if self.command in ("POST", "PUT", "PATCH"):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        is_transaction = b"Transaction" in body[:4000] or "request=transaction" in self.path.lower()
        user_name = "-"
        guard: Guard | None = cfg["guard"]
        if guard:
            user = guard.user(self.headers)
            user_name = user["name"] if user else ("BAD" if "Authorization" in self.headers else "anon")
            if user is None and (is_transaction or cfg["auth_all"]):
                sys.stderr.write(f"[wfst] {self.command} {self.path[:100]} user={user_name} -> 401\n")
                return self._exception(401, "AccessDenied", "Authentication required",
                                       {"WWW-Authenticate": 'Basic realm="mednum"'})
            if is_transaction and user is not None:
                try:
                    refusal, body = guard.check(user, body)
                except ET.ParseError as error:
                    return self._exception(400, "InvalidParameterValue", f"XML illisible : {error}")
                if body is None:
                    sys.stderr.write(f"[wfst] POST Transaction user={user_name} -> silently denied\n")
                    return self._send(200, EMPTY_TRANSACTION.encode(), "text/xml; charset=utf-8")
                if refusal:
                    sys.stderr.write(f"[wfst] POST Transaction user={user_name} -> {cfg['deny_status']} {refusal}\n")
                    return self._exception(cfg["deny_status"], "OperationNotPermitted", refusal)
        host = self.headers.get("Host", f"127.0.0.1:{self.server.server_port}")
        headers = {key: value for key, value in self.headers.items()}
        request = QgsBufferServerRequest(f"http://{host}{self.path}", cfg["methods"][self.command], headers, body)
        response = QgsBufferServerResponse()
        start = time.perf_counter()
        cfg["server"].handleRequest(request, response, cfg["project"])
        elapsed = (time.perf_counter() - start) * 1000
        out = bytes(response.body())
        reply_headers = dict(response.headers())
        content_type = reply_headers.pop("Content-Type", "text/xml")
        reply_headers.pop("Content-Length", None)
        if cfg["no_cache"]:
            reply_headers["Cache-Control"] = "no-store, no-cache, must-revalidate"
        sys.stderr.write(f"[wfst] {self.command} {self.path[:120]} user={user_name} -> "
                         f"{response.statusCode()} {len(out)}B {elapsed:.1f}ms\n")
        self._send(response.statusCode(), out, content_type, reply_headers)

    do_GET = do_POST = do_HEAD = _handle  # noqa: N815 (http.server API)


@dataclass
class WfsServer:
    proc: subprocess.Popen
    port: int
    gpkg: Path
    log: Path
    log_file: object | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ows"

    def rows(self, where: str = "1=1", args: tuple = ()) -> list[dict]:
        """The backing store's lieux, read directly (never through QGIS or a cache)."""
        con = sqlite3.connect(self.gpkg)
        con.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in con.execute(f"SELECT * FROM lieux WHERE {where}", args)]
        finally:
            con.close()

    def by_id(self, lieu_id: str) -> list[dict]:
        return self.rows("id = ?", (lieu_id,))

    def history(self, where: str = "1=1", args: tuple = ()) -> list[dict]:
        """The backing store's history rows, read directly (empty when the table does not exist)."""
        con = sqlite3.connect(self.gpkg)
        con.row_factory = sqlite3.Row
        try:
            if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (HISTORY,)).fetchone() is None:
                return []
            return [dict(r) for r in con.execute(f"SELECT * FROM {HISTORY} WHERE {where} ORDER BY fid", args)]
        finally:
            con.close()

    def count(self) -> int:
        return len(self.rows())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.proc.stdout:
            self.proc.stdout.close()
        if self.log_file:
            self.log_file.close()


def start_wfst_server(workdir: Path, *args: str, users: dict | None = None, gpkg: Path = DEMO_GPKG) -> WfsServer:
    """Copy ``gpkg`` into ``workdir`` and serve it; ``args`` are extra wfst_server.py options."""
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "base.gpkg"
    shutil.copyfile(gpkg, copy)
    command = [PYTHON, str(Path(__file__).resolve()), "--gpkg", str(copy), "--port", "0", *args]
    if users is not None:
        users_file = workdir / "users.json"
        users_file.write_text(json.dumps(users), "utf-8")
        command += ["--users", str(users_file)]
    log = workdir / "server.log"
    log_file = log.open("w")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log_file, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("READY"):
            return WfsServer(proc, int(line.split()[1]), copy, log, log_file)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    log_file.close()
    raise RuntimeError(f"serveur WFS-T non démarré : {log.read_text()[-2000:]}")



def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpkg", required=True, type=Path, help="GeoPackage copy to serve (it is modified)")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--users", type=Path)
    parser.add_argument("--auth-all", action="store_true", help="Basic auth on every request")
    parser.add_argument("--deny-status", type=int, default=403)
    parser.add_argument("--silent-deny", action="store_true")
    parser.add_argument("--no-cache", action="store_true", help="send Cache-Control: no-store")
    parser.add_argument("--unique-id", action="store_true", help="UNIQUE index on lieux.id")
    parser.add_argument("--no-history", action="store_true", help=f"neither create nor publish the {HISTORY} table")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    from qgis.core import QgsApplication, QgsProject
    from qgis.server import QgsServer, QgsServerRequest

    gpkg = args.gpkg.resolve()
    prepare_geopackage(gpkg, args.unique_id)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    if not args.no_history:
        ensure_history_table(gpkg)
    server = QgsServer()
    project_path = write_project(gpkg, gpkg.with_suffix(".qgs"), history=not args.no_history)
    project = QgsProject()
    if not project.read(str(project_path)):
        raise SystemExit(f"projet illisible : {project_path}")
    guard = Guard(json.loads(args.users.read_text("utf-8")), gpkg, args.silent_deny) if args.users else None
    httpd = HTTPServer(("127.0.0.1", args.port), Handler)
    httpd.cfg = {
        "server": server, "project": project, "guard": guard, "auth_all": args.auth_all,
        "deny_status": args.deny_status, "no_cache": args.no_cache,
        "methods": {"GET": QgsServerRequest.GetMethod, "POST": QgsServerRequest.PostMethod,
                    "HEAD": QgsServerRequest.HeadMethod},
    }
    print(f"READY {httpd.server_port} startup={time.perf_counter() - started:.2f}s", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        app.exitQgis()


if __name__ == "__main__":
    main()
