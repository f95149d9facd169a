#!/usr/bin/env python3
"""Local WFS / WFS-T server for tests and ``make demo``: QGIS Server in-process behind http.server.

It serves a GeoPackage holding the layers of the demo base (``lieux`` editable over WFS-T;
``communes``, ``epci``, ``departements`` read-only) on 127.0.0.1, and behaves the way the
plugin must expect Géo2France's GeoServer to behave:

* HTTP Basic authentication (``--users users.json``: ``{login: {password, role, territoires}}``,
  ``territoires`` a list of département codes or a string of tokens) with the roles of the
  project: ``animateur`` edits everything, ``contributeur`` edits lieux of their territories
  (checked against the stored AND the new ``code_insee``), ``lecteur`` edits nothing. Without
  valid credentials a Transaction, a read of ``droits`` (or any request with ``--auth-all``)
  gets 401 + ``WWW-Authenticate``.
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
* The rights: a table ``droits`` without geometry (``login`` UNIQUE, ``role``, ``territoires``
  as ``dep:80|epci:248000531|com:80021`` tokens, ``libelle``), created at start when the
  GeoPackage has none and seeded from ``--users`` (never a password: those stay in users.json).
  Published with WFS-T Insert/Update/Delete, written by animateurs only, read by authenticated
  users only (401 without credentials). The guard reads it at every Transaction, so a change
  takes effect at once; a login absent from it is a lecteur. A contributeur writes lieux whose
  stored AND new ``code_insee`` are in scope (``dep:`` département, ``com:`` commune, ``epci:``
  the communes whose ``siren_epci`` in ``communes`` is that SIREN) and only the statuses
  ``brouillon`` / ``a_valider`` (``core/rights.py`` semantics). ``--no-droits``: no table, the
  roles and départements of users.json apply (a server that predates the rights table). Without
  ``--users`` there is no table either (no authentication, no rights: everyone edits).

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
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
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
RIGHTS = "droits"
#: the rights table (no password: passwords stay in users.json)
RIGHTS_FIELDS = (("login", "string"), ("role", "string"), ("territoires", "string"), ("libelle", "string"))
LECTEUR, CONTRIBUTEUR, ANIMATEUR = "lecteur", "contributeur", "animateur"
ROLES = (LECTEUR, CONTRIBUTEUR, ANIMATEUR)
TERRITORY_KINDS = ("dep", "epci", "com")
#: statuses a contributeur may write (publishing and closing are the animateur's), as in core/rights.py
CONTRIBUTOR_STATUSES = ("brouillon", "a_valider")
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


def ensure_attribute_table(gpkg: Path, name: str, field_specs: tuple[tuple[str, str], ...], unique: str) -> bool:
    """Create the attributes table ``name`` (OGR, no geometry) when missing, UNIQUE on ``unique``; whether it was created.

    Needs an initialised QgsApplication (OGR provider). ``field_specs``: (name, "string" | "integer" | "datetime").
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

    if has_table(gpkg, name):
        return False
    version = Qgis.QGIS_VERSION_INT if hasattr(Qgis, "QGIS_VERSION_INT") else Qgis.versionInt()
    if version >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        kinds = {"string": QMetaType.Type.QString, "integer": QMetaType.Type.Int, "datetime": QMetaType.Type.QDateTime}
    else:
        from qgis.PyQt.QtCore import QVariant

        kinds = {"string": QVariant.String, "integer": QVariant.Int, "datetime": QVariant.DateTime}
    fields = QgsFields()
    for field_name, kind in field_specs:
        fields.append(QgsField(field_name, kinds[kind]))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    no_geometry = Qgis.WkbType.NoGeometry if hasattr(Qgis, "WkbType") else QgsWkbTypes.Type.NoGeometry
    writer = QgsVectorFileWriter.create(str(gpkg), fields, no_geometry, QgsCoordinateReferenceSystem(),
                                        QgsCoordinateTransformContext(), options)
    error = writer.hasError()
    message = writer.errorMessage()
    del writer  # closes the file
    if error:
        raise SystemExit(f"table {name} non créée dans {gpkg} : {message}")
    con = sqlite3.connect(gpkg)
    try:
        con.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS mednum_{name}_{unique} ON {name}({unique})")
        con.commit()
    finally:
        con.close()
    return True


def ensure_history_table(gpkg: Path) -> bool:
    """Create the ``historique`` attributes table when missing; whether it was created.

    ``id`` gets a UNIQUE index: the same history row can never be stored twice, whatever a client re-sends.
    """
    return ensure_attribute_table(gpkg, HISTORY, HISTORY_FIELDS, "id")


def territory_tokens(value: object) -> str:
    """users.json ``territoires`` → ``dep:80|com:80021``: a list of département codes (or tokens), or a string of tokens."""
    if value is None:
        return ""
    items = value.replace(";", "|").split("|") if isinstance(value, str) else value
    tokens = []
    for item in items:
        text = str(item).strip()
        if text:
            tokens.append(text if ":" in text else f"dep:{text}")
    return "|".join(f"{kind}:{code}" for kind, code in parse_territories("|".join(tokens)))


def parse_territories(text: str | None) -> list[tuple[str, str]]:
    """``dep:80|epci:248000531`` → [(kind, code)] (unknown kinds ignored), as ``core/rights.py::parse_territories``."""
    found = []
    for token in (text or "").replace(";", "|").split("|"):
        kind, _, code = token.strip().partition(":")
        kind, code = kind.strip().lower(), code.strip()
        if kind in TERRITORY_KINDS and code:
            found.append((kind, code))
    return found


def territory_labels(con: sqlite3.Connection, tokens: str) -> str:
    """Readable names of the territories (« Somme (80), CA Amiens Métropole, Amiens (80021) ») from the base's tables."""
    queries = {"dep": "SELECT nom FROM departements WHERE code = ?",
               "epci": "SELECT nom FROM epci WHERE siren = ?",
               "com": "SELECT nom FROM communes WHERE code_insee = ?"}
    names = []
    for kind, code in parse_territories(tokens):
        try:
            row = con.execute(queries[kind], (code,)).fetchone()
        except sqlite3.Error:  # a base without that table
            row = None
        if kind == "epci" and row is None:
            try:
                row = con.execute("SELECT nom_epci FROM communes WHERE siren_epci = ? LIMIT 1", (code,)).fetchone()
            except sqlite3.Error:
                row = None
        names.append((f"{row[0]} ({code})" if kind != "epci" else row[0]) if row and row[0] else f"{kind}:{code}")
    return ", ".join(names)


def ensure_rights_table(gpkg: Path, users: dict) -> bool:
    """Create the ``droits`` table when missing and seed it from users.json (role, territories; never a password)."""
    if not ensure_attribute_table(gpkg, RIGHTS, RIGHTS_FIELDS, "login"):
        return False
    con = sqlite3.connect(gpkg)
    try:
        for login, user in users.items():
            role = str(user.get("role") or LECTEUR).strip().lower()
            tokens = territory_tokens(user.get("territoires"))
            libelle = user.get("libelle") or territory_labels(con, tokens)
            con.execute(f"INSERT INTO {RIGHTS} (login, role, territoires, libelle) VALUES (?, ?, ?, ?)",
                        (login, role if role in ROLES else LECTEUR, tokens, libelle))
        con.commit()
    finally:
        con.close()
    return True


def write_project(gpkg: Path, path: Path, history: bool = True, rights: bool = True) -> Path:
    """A QGIS project publishing the GeoPackage's layers over WFS.

    lieux and the rights (if any) with WFS-T; the history (if any) Insert only.
    """
    from qgis.core import QgsProject, QgsVectorLayer

    project = QgsProject()
    project.setTitle("Médiation numérique — serveur local")
    ids = {}
    for name in (LIEUX, *READ_ONLY_LAYERS, *((HISTORY,) if history else ()), *((RIGHTS,) if rights else ())):
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
        # the history is append-only: Insert, never Update nor Delete; the guard keeps the rights to animateurs
        editable = [ids[LIEUX]] + ([ids[HISTORY]] if operation == "Insert" and HISTORY in ids else [])
        project.writeEntry("WFSTLayers", operation, editable + ([ids[RIGHTS]] if RIGHTS in ids else []))
    project.writeEntry("WMSKeywordList", "/", ["mednum", "test"])
    project.writeEntry("WMSServiceTitle", "/", "Médiation numérique — serveur local")
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WFSUrl", "/", "")
    project.setCrs(project.mapLayer(ids[LIEUX]).crs())
    if not project.write(str(path)):
        raise SystemExit(f"projet non écrit : {path}")
    return path


def departement_of(code_insee: str | None) -> str:
    """Département of a commune: 2 characters, 3 for the overseas (97x), as ``core/rights.py::departement_of``."""
    code = (code_insee or "").strip()
    return code[:3] if code.startswith("97") else code[:2]


@dataclass
class Agent:
    """One user's rights as the guard applies them (``core/rights.py::Rights`` semantics)."""

    login: str
    role: str = LECTEUR
    territories: list[tuple[str, str]] = field(default_factory=list)
    libelle: str = ""

    def in_scope(self, code_insee: str | None, epci: str | None = None) -> bool:
        """Whether a lieu of this commune (whose EPCI is ``epci``) may be written by this agent."""
        if self.role == ANIMATEUR:
            return True
        if self.role != CONTRIBUTEUR or not code_insee:
            return False
        for kind, code in self.territories:
            if kind == "com" and code == code_insee:
                return True
            if kind == "dep" and code == departement_of(code_insee):
                return True
            if kind == "epci" and epci and code == epci:
                return True
        return False

    def scope(self) -> str:
        """``epci:248000531 — CA Amiens Métropole``: the tokens and, when known, their readable names."""
        if not self.territories:
            return "aucun territoire"
        tokens = "|".join(f"{kind}:{code}" for kind, code in self.territories)
        return f"{tokens} — {self.libelle}" if self.libelle else tokens


LIEU_COLUMNS = ("fid", "id", "nom", "code_insee", "hdf_statut")


class Guard:
    """Authentication and rights, applied to the raw request before QGIS Server.

    Passwords come from users.json; roles and territories from the ``droits`` table, read at every
    Transaction (``rights=False``: from users.json, a server without the table).
    """

    def __init__(self, users: dict, gpkg: Path, silent: bool, rights: bool = False):
        self.users, self.gpkg, self.silent, self.rights = users, gpkg, silent, rights

    def user(self, headers) -> dict | None:
        """The users.json entry (plus ``name``) of valid Basic credentials, else None."""
        value = headers.get("Authorization", "")
        if not value.startswith("Basic "):
            return None
        try:
            name, password = base64.b64decode(value[6:]).decode("utf-8").split(":", 1)
        except ValueError:
            return None
        user = self.users.get(name)
        return dict(user, name=name) if user and user.get("password") == password else None

    def agent(self, login: str, con: sqlite3.Connection) -> Agent:
        """The rights of ``login`` now: their ``droits`` row (absent: lecteur), or users.json without the table."""
        if self.rights:
            try:
                row = con.execute(f"SELECT role, territoires, libelle FROM {RIGHTS} WHERE login = ?", (login,)).fetchone()
            except sqlite3.Error:  # the table was dropped: nobody writes
                row = None
            if row is None:
                return Agent(login)
            role = str(row[0] or LECTEUR).strip().lower()
            return Agent(login, role if role in ROLES else LECTEUR, parse_territories(row[1]), row[2] or "")
        user = self.users.get(login) or {}
        role = str(user.get("role") or LECTEUR).strip().lower()
        return Agent(login, role if role in ROLES else LECTEUR, parse_territories(territory_tokens(user.get("territoires"))))

    @staticmethod
    def commune(con: sqlite3.Connection, code_insee: str | None) -> tuple[str, str]:
        """(name, SIREN of the EPCI) of a commune, from the ``communes`` table ("" when unknown)."""
        if not code_insee:
            return "", ""
        try:
            row = con.execute("SELECT nom, siren_epci FROM communes WHERE code_insee = ?", (code_insee,)).fetchone()
        except sqlite3.Error:  # a base without communes: no EPCI
            row = None
        return (row[0] or "", row[1] or "") if row else ("", "")

    def place(self, con: sqlite3.Connection, code_insee: str | None) -> str:
        """« code_insee 59350 Lille, departement 59, EPCI 200093201 »."""
        if not code_insee:
            return "sans code_insee"
        name, epci = self.commune(con, code_insee)
        text = f"code_insee {code_insee}{' ' + name if name else ''}, departement {departement_of(code_insee)}"
        return text + (f", EPCI {epci}" if epci else "")

    def allowed(self, agent: Agent, con: sqlite3.Connection, code_insee: str | None) -> bool:
        """Whether the agent may write a lieu of this commune (its EPCI read from ``communes``)."""
        return agent.in_scope(code_insee, self.commune(con, code_insee)[1])

    def outside(self, agent: Agent) -> str:
        """The end of a territory refusal: whose territories, which ones."""
        return f"outside the territories of {agent.login} ({agent.scope()})"

    @staticmethod
    def typenames(op: ET.Element) -> set[str]:
        """Local names of the feature types a Transaction operation writes."""
        if local(op.tag) == "Insert":
            return {local(feature.tag) for feature in op}
        name = op.get("typeName") or op.get("typename") or op.get("typeNames") or ""
        return {name.split(":")[-1]} if name else set()

    @staticmethod
    def reads_rights(path: str, body: bytes) -> bool:
        """Whether a request reads the ``droits`` table (GetFeature / GetPropertyValue, GET or POST)."""
        split = re.compile(r"[\s,()]+")
        query = {key.upper(): value for key, value in parse_qsl(urlsplit(path).query, keep_blank_values=True)}
        names: list[str] = []
        if query.get("REQUEST", "").lower() in ("getfeature", "getpropertyvalue"):
            names += split.split(f"{query.get('TYPENAME', '')},{query.get('TYPENAMES', '')}")
            names += [fid.split(".")[0] for fid in split.split(f"{query.get('FEATUREID', '')},{query.get('RESOURCEID', '')}")]
        if body and (b"GetFeature" in body[:4000] or b"GetPropertyValue" in body[:4000]):
            try:
                root = ET.fromstring(body)
            except ET.ParseError:
                root = None  # QGIS Server answers unreadable requests itself
            for element in root.iter() if root is not None else ():
                if local(element.tag) == "Query":
                    names += split.split(element.get("typeName") or element.get("typeNames") or element.get("typename") or "")
                elif local(element.tag) in ("FeatureId", "GmlObjectId", "ResourceId"):
                    names += [value.split(".")[0] for key, value in element.attrib.items() if local(key) in ("fid", "id", "rid")]
        return any(name.split(":")[-1] == RIGHTS for name in names if name)

    def stored_rows(self, op: ET.Element, con: sqlite3.Connection) -> list[tuple[str, dict | None]]:
        """(reference, stored lieu or None when absent) of every lieu an Update/Delete filter targets."""
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
                if names and literals and (names[0] or "").split(":")[-1] == "id":
                    ids.append(literals[0])
        select = f"SELECT {', '.join(LIEU_COLUMNS)} FROM {LIEUX} WHERE "
        found = []
        for column, values in (("fid", fids), ("id", ids)):
            for value in values:
                row = con.execute(select + f"{column} = ?", (value,)).fetchone()
                lieu = dict(zip(LIEU_COLUMNS, row)) if row else None
                found.append((f"lieu {column} {value}" + (f" « {lieu['nom']} »" if lieu and lieu["nom"] else ""), lieu))
        return found

    @staticmethod
    def new_values(op: ET.Element) -> dict[str, str | None]:
        """The values an Update writes, by property name (None: set to NULL)."""
        values = {}
        for prop in op:
            if local(prop.tag) != "Property":
                continue
            name = next((c.text for c in prop if local(c.tag) in ("Name", "ValueReference")), "") or ""
            values[name.split(":")[-1]] = next((c.text for c in prop if local(c.tag) == "Value"), None)
        return values

    def insert_refusals(self, agent: Agent, feature: ET.Element, con: sqlite3.Connection) -> list[str]:
        """Why a contributeur may not insert this lieu (empty: allowed)."""
        values = {local(e.tag): (e.text or "").strip() or None for e in feature}
        what = f"Insert of « {values.get('nom') or '?'} »"
        texts = []
        if not self.allowed(agent, con, values.get("code_insee")):
            texts.append(f"{what} ({self.place(con, values.get('code_insee'))}) refused: {self.outside(agent)}")
        status = values.get("hdf_statut") or ""
        if status and status not in CONTRIBUTOR_STATUSES:
            texts.append(f"{what} refused: seul un animateur peut publier ou fermer un lieu (hdf_statut « {status} »)")
        return texts

    def edit_refusals(self, agent: Agent, op: ET.Element, con: sqlite3.Connection) -> list[str]:
        """Why a contributeur may not run this Update/Delete of lieux (stored AND new values; empty: allowed)."""
        kind = local(op.tag)
        if any(local(e.tag) in ("Or", "Not") for e in op.iter()):
            return [f"{kind} with an Or/Not filter refused: a {agent.role} edits lieux by fid or id"]
        targets = self.stored_rows(op, con)
        if not targets:
            return [f"{kind} without identifier filter refused: a {agent.role} edits lieux by fid or id"]
        texts = []
        for reference, lieu in targets:
            if lieu is not None and not self.allowed(agent, con, lieu["code_insee"]):
                texts.append(f"{kind} of {reference} ({self.place(con, lieu['code_insee'])}) refused: {self.outside(agent)}")
        if kind != "Update":
            return texts
        values = self.new_values(op)
        references = ", ".join(reference for reference, _ in targets)
        if "code_insee" in values and not self.allowed(agent, con, values["code_insee"]):
            texts.append(f"Update moving {references} to {self.place(con, values['code_insee'])} refused: {self.outside(agent)}")
        status = (values.get("hdf_statut") or "").strip()
        if status and status not in CONTRIBUTOR_STATUSES and any(
                lieu is not None and (lieu["hdf_statut"] or "") != status for _, lieu in targets):
            texts.append(f"Update of {references} refused: seul un animateur peut publier ou fermer un lieu (hdf_statut « {status} »)")
        return texts

    def refusals(self, agent: Agent, op: ET.Element, con: sqlite3.Connection) -> list[str]:
        """Why this agent (animateur or contributeur) may not run this operation (empty: allowed)."""
        kind = local(op.tag)
        if kind == "LockId":
            return []
        names = self.typenames(op)
        texts = []
        if HISTORY in names and kind != "Insert":
            texts.append(f"{kind} of {HISTORY} refused: the history is append-only")
        if RIGHTS in names and agent.role != ANIMATEUR:
            texts.append(f"{kind} of {RIGHTS} refused: seul un animateur peut modifier les droits ({agent.login} est {agent.role})")
        if agent.role == ANIMATEUR:
            return texts
        if kind == "Insert":
            for feature in op:
                if local(feature.tag) not in (HISTORY, RIGHTS):  # history rows: Insert allowed to every editor
                    texts += self.insert_refusals(agent, feature, con)
        elif kind in ("Update", "Delete"):
            if not names & {HISTORY, RIGHTS}:
                texts += self.edit_refusals(agent, op, con)
        else:
            texts.append(f"{kind} refused: a {agent.role} may only Insert, Update or Delete")
        return texts

    def check(self, user: dict, body: bytes) -> tuple[str | None, bytes | None]:
        """(refusal text or None, body to forward — None when every operation was dropped)."""
        con = sqlite3.connect(self.gpkg)
        try:
            agent = self.agent(user["name"], con)
            try:
                root = ET.fromstring(body)
            except ET.ParseError:
                root = None
            if agent.role not in (ANIMATEUR, CONTRIBUTEUR):
                ops = list(root) if root is not None else []
                what = "les droits" if ops and all(self.typenames(op) == {RIGHTS} for op in ops) else "les lieux"
                return f"L'utilisateur {agent.login} (rôle {agent.role}) n'a pas le droit de modifier {what}", body
            if root is None:
                if agent.role == ANIMATEUR:
                    return None, body  # QGIS Server answers unreadable requests itself
                ET.fromstring(body)  # raises the ParseError (HTTP 400)
            refused = [(op, text) for op in list(root) for text in self.refusals(agent, op, con)]
        finally:
            con.close()
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
            if user is None and (is_transaction or cfg["auth_all"] or guard.reads_rights(self.path, body)):
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
    parser.add_argument("--no-droits", action="store_true",
                        help=f"neither create nor publish the {RIGHTS} table (roles and territoires of users.json apply)")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    from qgis.core import QgsApplication, QgsProject
    from qgis.server import QgsServer, QgsServerRequest

    gpkg = args.gpkg.resolve()
    prepare_geopackage(gpkg, args.unique_id)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    users = json.loads(args.users.read_text("utf-8")) if args.users else None
    rights = users is not None and not args.no_droits  # without authentication there are no rights: everyone edits
    if not args.no_history:
        ensure_history_table(gpkg)
    if rights:
        ensure_rights_table(gpkg, users)
    server = QgsServer()
    project_path = write_project(gpkg, gpkg.with_suffix(".qgs"), history=not args.no_history, rights=rights)
    project = QgsProject()
    if not project.read(str(project_path)):
        raise SystemExit(f"projet illisible : {project_path}")
    guard = Guard(users, gpkg, args.silent_deny, rights=rights) if users is not None else None
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
