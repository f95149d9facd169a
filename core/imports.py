"""Import of a partner file into the base: read, geocode, match and merge preview, changes, report.

Nothing is written here: :func:`classify` only says, for each lieu of the partner's file, what
it would do to the base, :func:`to_changes` turns the agent's choices into :class:`.sync.Change`
objects for the safe WFS-T editing (``LieuxSession.push``), and :func:`report` writes what was
decided (and, after applying, what the server answered) as CSV and HTML.

Files read (:func:`read_partner_file`): the national standard in CSV v1.0.x and legacy v0.1.x
(through :mod:`.io_standard`'s conversion), the SIILAB/DREETS regional export (standard columns
separated by ``;``, opening hours in day columns, typologies ``PE``/``SC`` as ANCT maps them),
the national cartography export (standard CSV; its computed ``QPV``/``FRR`` tokens are dropped),
data·inclusion v1 structures JSON (with the services JSON beside it, merged by structure id) and
GeoJSON. Files are streamed (CSV line by line, JSON object by object): memory follows the number
of lieux kept, not the size of the file. Every record becomes a row or is reported with its
line/object number and the reason.

Classification rules, one class per incoming row (:func:`classify`):

* ``invalide``: the row breaks the standard (validation errors, in French), or holds a cell
  that a spreadsheet would run as a formula (``=…``, ``+SUM(…)``, ``@…(``, ``-cmd|…``): the text is
  kept as read, never written to the base, and neutralised in the reports. For a lieu already in
  the base only the fields the import would change are checked; a new lieu is checked in full
  (a missing ``id`` is not an error: the plugin gives it a UUID).
* same lieu as one of the base — matched, in this order, by
  1. ``id`` equal to the base lieu's ``id``;
  2. a shared external identifier: one of the row's ``hdf_id_externes`` (``source:identifiant``;
     ``ban:`` address keys do not identify a lieu), or the partner's own identifier written
     ``<source>:<id>`` (``siilab:991``) when the row's ``id`` is not a UUID — and only when exactly
     one lieu of the base holds it;
  3. the ``pivot`` (SIRET/RNA, never ``00000000000000``) held by exactly one lieu of the same commune,
     whose name (≥ 60 %) or address (≥ 80 %) is close or which lies within 100 m (a SIRET is shared
     by the several lieux of one organisation, hence the extra check);
  4. a very strong resemblance under the national deduplication rule (score ≥ :data:`STRONG_SCORE`)
     when the row carries no UUID of its own (a UUID means another record: see ``doublon_probable``);
  then ``modifie`` when at least one field would change, else ``inchange``. The diff holds only the
  fields of the file; an empty value never erases a value of the base (unless ``erase_with_empty``);
  ``00000000000000`` never replaces a real pivot; an older ``date_maj`` never replaces a newer one;
  external identifiers are added, never removed; ``id``, ``source`` (who collected the base's data), the
  version stamps, ``hdf_statut`` and the internal comment are never changed by an import; the position changes when it moves by more than
  :data:`POSITION_TOLERANCE_M`. A changed field is a *conflict* when the base already holds another
  non-empty value (the agent chooses field by field); ``base_newer`` says the base was updated
  after the partner's ``date_maj``.
* ``doublon_probable``: not the same lieu by the rules above, but the national deduplication rule
  (:mod:`.dedupe`: same commune and close name/address/position, or a few metres away) finds one
  in the base, or in the rows of the file already classified (two copies in one file), or the lieu
  of the base it matches is already matched by an earlier row. Without a position the national
  score cannot reach its cut-off; a row without coordinates is then a probable duplicate when name
  and address are both ≥ 90 % alike in the same commune (addition to the national rule).
* ``nouveau``: everything else.

Pure Python (no QGIS) except :func:`to_changes` (imports :mod:`.sync`), :func:`base_from_layer`
and :func:`apply_to_layer`, which import QGIS when called.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import html
import io
import json
import math
import re
import sqlite3
import struct
import sys
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from . import opening_hours
from .dedupe import CUTOFF, NEAR_M, Candidate, compare, distance_m, distance_score, ratio
from .i18n import tr
from .io_standard import FORMAT_V01, MAX_FIELD_SIZE, ReadResult, detect_version, map_legacy_row
from .schema import FieldSpec, Model, join_multi, load_model, split_multi
from .validation import ERROR, WARNING, Issue, Validator, normalize_date, normalize_row

Row = dict[str, str]
Point = tuple[float, float]

NOUVEAU, MODIFIE, INCHANGE, DOUBLON, INVALIDE = "nouveau", "modifie", "inchange", "doublon_probable", "invalide"
CLASSES = (NOUVEAU, MODIFIE, INCHANGE, DOUBLON, INVALIDE)
#: classes an agent may accept (the others never produce a change)
ACCEPTABLE = (NOUVEAU, MODIFIE, DOUBLON)

FORMAT_STANDARD = "standard"
FORMAT_LEGACY = "standard_v0_1"
FORMAT_SIILAB = "siilab"
FORMAT_DATA_INCLUSION = "data_inclusion"
FORMAT_GEOJSON = "geojson"

RULE_ID, RULE_EXTERNAL, RULE_PIVOT, RULE_RESEMBLANCE = "id", "id_externe", "pivot", "ressemblance"
INCOMING, BASE = "incoming", "base"
GEOMETRY = "geometry"  # same name as sync.GEOMETRY: the position in field choices

#: more lieux than this in one file is refused (the national base holds about 20,000)
MAX_RECORDS = 100_000
#: an element of a JSON file larger than this is not a lieu (bounded memory while streaming)
MAX_JSON_ELEMENT_CHARS = 2_000_000
PIVOT_UNKNOWN = "00000000000000"
STRONG_SCORE = 95.0
POSITION_TOLERANCE_M = 1.0
#: fields an import never changes on a lieu of the base
NOT_DIFFED = frozenset({"id", "source", "latitude", "longitude", "hdf_version", "hdf_date_modification", "hdf_dernier_editeur",
                        "hdf_statut", "hdf_commentaire_interne"})
#: fields a change never carries (stamped by the synchronizer, or derived from the geometry)
NOT_SENT = frozenset({"latitude", "longitude", "hdf_version", "hdf_date_modification", "hdf_dernier_editeur"})
#: external identifiers that name an address, not a lieu
ADDRESS_ID_PREFIXES = frozenset({"ban"})
#: computed by the national pipeline, never real labels (reference standard.md §1.9)
NATIONAL_TOKENS = frozenset({"QPV", "FRR", "ZRR"})
#: SIILAB typologies as ANCT maps them (mednum-cli ``assets/input/siilab/siilab.config.json``)
SIILAB_TYPOLOGIES = {"PE": "FT", "SC": "CS"}
#: SIILAB day columns → OSM days (écart: ANCT's config maps ``dimanche`` to ``Sa``, a slip; here ``Su``)
DAY_COLUMNS = (("lundi", 0), ("mardi", 1), ("mercredi", 2), ("jeudi", 3), ("vendredi", 4), ("samedi", 5), ("dimanche", 6))
STRUCTURE_KEYS = ("nom", "source", "id")
JSON_ARRAY_KEYS = ("features", "items", "structures", "services", "results", "data")

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_PIVOT = re.compile(r"^[A-Za-z0-9]{9,14}$")
_FORMULA = re.compile(r"^[\s\x00-\x1f]*(?:=|[+\-@]\s*[A-Za-z_][\w.]*\s*[(|!]|[+\-@]\s*\()")
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]")
_TIME_RANGE = re.compile(r"(\d{1,2})\s*(?:[hH:]\s*(\d{2})?)?\s*(?:-|–|à|a)\s*(\d{1,2})\s*(?:[hH:]\s*(\d{2})?)?")


# --------------------------------------------------------------------------- Lambert-93 (pure)

_A, _F = 6378137.0, 1 / 298.257222101
_E = math.sqrt(2 * _F - _F * _F)
_LON0, _LAT0, _LAT1, _LAT2 = (math.radians(v) for v in (3.0, 46.5, 44.0, 49.0))
_X0, _Y0 = 700000.0, 6600000.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_N = math.log(_m(_LAT1) / _m(_LAT2)) / math.log(_t(_LAT1) / _t(_LAT2))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _AF * _t(_LAT0) ** _N


def to_lambert93(lon: float, lat: float) -> Point:
    """WGS84 (RGF93) longitude/latitude in degrees → Lambert-93 metres (EPSG:2154), pure Python."""
    rho = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return _X0 + rho * math.sin(theta), _Y0 + _RHO0 - rho * math.cos(theta)


def from_lambert93(x: float, y: float) -> Point:
    """Lambert-93 metres → WGS84 longitude/latitude in degrees (inverse of :func:`to_lambert93`)."""
    dx, dy = x - _X0, _RHO0 - (y - _Y0)
    rho = math.copysign(math.hypot(dx, dy), _N)
    t = (rho / _AF) ** (1 / _N)
    lon = math.atan2(dx, dy) / _N + _LON0
    lat = math.pi / 2 - 2 * math.atan(t)
    for _ in range(12):
        s = _E * math.sin(lat)
        lat = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
    return math.degrees(lon), math.degrees(lat)


def row_point(row: Row) -> Optional[Point]:
    """The Lambert-93 position of a row from its WGS84 ``longitude``/``latitude`` (None when absent or out of range)."""
    try:
        lon, lat = float((row.get("longitude") or "").strip()), float((row.get("latitude") or "").strip())
    except ValueError:
        return None
    if not (-180 <= lon <= 180 and -90 < lat < 90) or not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return to_lambert93(lon, lat)


def _coords_text(point: Optional[Point]) -> str:
    if point is None:
        return ""
    lon, lat = from_lambert93(*point)
    return f"{lat:.6f}, {lon:.6f}"


# --------------------------------------------------------------------------- small helpers

def is_uuid(text: Optional[str]) -> bool:
    return bool(_UUID.match((text or "").strip()))


def slug(text: Optional[str]) -> str:
    """Lower-case ASCII identifier of a source name (``SIILAB HdF`` → ``siilab-hdf``)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def looks_like_formula(value: Optional[str]) -> bool:
    """Whether a spreadsheet would run this cell as a formula (CSV injection)."""
    return bool(value) and bool(_FORMULA.match(value))


def safe_cell(value: object) -> str:
    """A report cell a spreadsheet shows as text: a formula-like cell is prefixed with ``'``."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not re.fullmatch(r"[+-][\d\s.,]*", text)):
        return "'" + text
    return text


def external_ids(row: Row) -> list[str]:
    """The identifying external ids of a row (``source:id``, prefix lower-cased; address keys left out)."""
    found = []
    for item in split_multi(row.get("hdf_id_externes")):
        prefix, _, value = item.partition(":")
        if value and prefix.strip().lower() not in ADDRESS_ID_PREFIXES:
            found.append(f"{prefix.strip().lower()}:{value.strip()}")
    return found


def partner_key(row: Row, prefix: str = "") -> str:
    """The partner's own identifier of a row as an external id (``siilab:991``); '' when its id is empty or a UUID."""
    lieu_id = (row.get("id") or "").strip()
    if not lieu_id or is_uuid(lieu_id):
        return ""
    return f"{prefix or slug(row.get('source')) or 'partenaire'}:{lieu_id}"


def _same(spec: Optional[FieldSpec], new: str, old: str, separator: str = "|") -> bool:
    a, b = (new or "").strip(), (old or "").strip()
    if a == b:
        return True
    kind = spec.type if spec else "string"
    if spec is not None and spec.multiple:
        return set(split_multi(a, separator)) == set(split_multi(b, separator))
    if kind == "boolean":
        truthy = ("true", "1", "oui", "vrai", "yes")
        return (a.lower() in truthy) == (b.lower() in truthy) and bool(a) == bool(b)
    if kind == "date":
        return a[:10] == b[:10]
    if kind in ("integer", "number"):
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return False


# --------------------------------------------------------------------------- reading

@dataclass
class PartnerFile(ReadResult):
    """A partner's file as read: rows (standard v1.0 names), what could not be read, and how it was understood."""

    format: str = FORMAT_STANDARD
    path: str = ""
    #: model fields the file carries (only these can change a lieu of the base)
    present_fields: set[str] = field(default_factory=set)
    #: record number → French reason, for every record that did not become a row
    rejected: dict[int, str] = field(default_factory=dict)
    #: prefix of the partner's identifiers as external ids (``siilab``), '' to derive it from ``source``
    id_prefix: str = ""
    #: "ligne" (CSV) or "objet" (JSON): how record numbers are named
    unit: str = "ligne"
    #: multi-valued fields whose incoming values are added to the base's, never replacing them
    merge_fields: set[str] = field(default_factory=set)

    @property
    def file_errors(self) -> list[Issue]:
        """Errors about the whole file (not a lieux file, truncated, too big…), in French."""
        return [i for i in self.issues if i.row is None and i.severity == ERROR]

    def reject(self, number: int, rule: str, message: str, severity: str = ERROR) -> None:
        self.rejected[number] = message
        self.issues.append(Issue(number, "", "", rule, severity, message))

    def file_issue(self, rule: str, message: str, severity: str = ERROR, column: str = "") -> None:
        self.issues.append(Issue(None, column, "", rule, severity, message))

    def summary(self) -> str:
        return tr("{fichier} : {format}, {enregistrements} enregistrement(s), {lus} lieu(x) lu(s), {rejetes} rejeté(s).").format(
            fichier=Path(self.path).name, format=format_label(self.format), enregistrements=self.record_count,
            lus=len(self.rows), rejetes=len(self.rejected))


def format_label(kind: str) -> str:
    return {FORMAT_STANDARD: tr("standard national v1.0 (CSV)"), FORMAT_LEGACY: tr("ancien standard v0.1 (CSV)"),
            FORMAT_SIILAB: tr("export SIILAB / DREETS (CSV « ; »)"), FORMAT_DATA_INCLUSION: tr("data·inclusion v1 (JSON)"),
            FORMAT_GEOJSON: tr("GeoJSON")}.get(kind, kind)


def read_partner_file(path: Union[str, Path], *, services_path: Union[str, Path, None] = None, max_records: int = MAX_RECORDS,
                      model: Optional[Model] = None) -> PartnerFile:
    """Read a partner's file of lieux (format recognised from its content); never raises for a bad file."""
    model = model or load_model()
    path = Path(path)
    result = PartnerFile(path=str(path))
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError as error:
        result.file_issue("fichier", tr("Fichier illisible : {erreur}.").format(erreur=error.strerror or error))
        return result
    if size == 0 or not head.strip():
        result.file_issue("fichier_vide", tr("Le fichier est vide : aucun lieu à importer."))
        return result
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        result.file_issue("format", tr("Ce fichier est un classeur (Excel, LibreOffice) ou une archive ZIP, pas un fichier de lieux : "
                                       "enregistrez la feuille au format CSV UTF-8 puis importez ce CSV."))
        return result
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        result.file_issue("format", tr("Ce fichier est binaire (ni CSV, ni JSON) : ce n'est pas un fichier de lieux."))
        return result
    first = head.lstrip(codecs.BOM_UTF8).lstrip()[:1]
    if path.suffix.lower() in (".json", ".geojson") or (not utf16 and first in (b"{", b"[")):
        _read_json(path, result, services_path, max_records, model)
    else:
        _read_csv(path, result, "utf-16" if utf16 else "", max_records, model)
    _finish(result, model)
    return result


class _Lines:
    """Lines of a CSV file decoded one by one: UTF-8, else Windows-1252 for that line only (mixed files happen)."""

    MAX_LINE = MAX_FIELD_SIZE

    def __init__(self, handle):
        self.handle = handle
        self.count = self.latin = self.accented = 0
        self.first_latin = 0

    def __iter__(self) -> Iterator[str]:
        for raw in iter(lambda: self.handle.readline(self.MAX_LINE), b""):
            if self.count == 0 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            self.count += 1
            try:
                text = raw.decode("utf-8")
                if not raw.isascii():
                    self.accented += 1
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
                self.latin += 1
                self.first_latin = self.first_latin or self.count
            yield text


def _legacy_present(columns: list[str], model: Model) -> set[str]:
    legacy = model.legacy
    present = {c for c in columns if model.has_field(c)}
    for column in columns:
        if column in legacy["renames"]:
            present.add(legacy["renames"][column])
        if column in legacy["value_maps"]:
            mapping = legacy["value_maps"][column]
            present.add(mapping["target"])
            for targets in mapping["values"].values():
                present.update(t.split("=", 1)[0] for t in targets if "=" in t)
        if column in legacy["kept_as_external_id"]:
            present.add("hdf_id_externes")
    return present


def _legacy_known(model: Model) -> set[str]:
    legacy = model.legacy
    return (set(model.column_names(include_extension=True)) | set(legacy["renames"]) | set(legacy["value_maps"])
            | set(legacy["kept_as_external_id"]) | set(legacy["detect_fields"]))


def _read_csv(path: Path, result: PartnerFile, encoding: str, max_records: int, model: Model) -> None:
    csv.field_size_limit(MAX_FIELD_SIZE)
    with open(path, "rb") as raw:
        lines = _Lines(raw) if not encoding else None
        with (open(path, encoding=encoding, errors="replace", newline="") if encoding else contextlib.nullcontext()) as text:
            source = iter(lines) if lines is not None else iter(text)
            first_line = next(source, "")
            counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
            result.delimiter = max(counts, key=lambda sep: counts[sep])
            reader = csv.reader(_chain(first_line, source), delimiter=result.delimiter, quotechar='"', strict=True)
            if not _read_header(reader, result, model):
                return
            _read_records(reader, result.columns, [(c, d) for c, d in DAY_COLUMNS if c in result.columns], result, max_records, model)
    if lines is None:
        result.encoding = encoding
    elif lines.latin and lines.accented:
        result.encoding = "utf-8+windows-1252"
        result.file_issue("encodage", tr("Encodages mélangés : {n} ligne(s) en Latin-1 (Windows-1252) dans un fichier UTF-8, la première "
                                         "ligne {ligne} ; chacune est lue dans son encodage. Vérifiez les accents.").format(
            n=lines.latin, ligne=lines.first_latin), WARNING)
    elif lines.latin:
        result.encoding = "windows-1252"
        result.file_issue("encodage", tr("Le fichier n'est pas en UTF-8 : lu comme Windows-1252 (Latin-1). Vérifiez les accents."), WARNING)
    else:
        result.encoding = "utf-8"


def _read_header(reader, result: PartnerFile, model: Model) -> bool:
    """Columns, version and format from the header; False when the file is not a lieux file."""
    try:
        header = next(reader)
    except StopIteration:
        result.file_issue("fichier_vide", tr("Le fichier est vide : aucun lieu à importer."))
        return False
    except csv.Error as error:
        result.file_issue("csv", tr("En-tête illisible : {erreur}.").format(erreur=error))
        return False
    columns = [unicodedata.normalize("NFC", c).strip().lstrip("\ufeff") for c in header]
    result.columns = columns
    if not _is_lieux_header(columns):
        shown = ", ".join(_short(c, 40) for c in columns[:8] if c) + (" …" if len(columns) > 8 else "")
        result.file_issue("pas_des_lieux", tr("Ce fichier n'est pas un fichier de lieux de médiation numérique : il faut au moins les "
                                              "colonnes « nom » et « adresse » ou « commune » (colonnes trouvées : {colonnes}). "
                                              "Rien n'a été importé.").format(colonnes=shown or tr("aucune")))
        return False
    result.version = detect_version(columns, model)
    day_columns = [(c, d) for c, d in DAY_COLUMNS if c in columns]
    if result.version == FORMAT_V01:
        result.format = FORMAT_LEGACY
        known = _legacy_known(model)
        result.present_fields = _legacy_present(columns, model)
    else:
        result.format = FORMAT_SIILAB if (result.delimiter == ";" or day_columns) else FORMAT_STANDARD
        known = set(model.column_names(include_extension=True)) | {c for c, _ in day_columns}
        result.present_fields = {c for c in columns if model.has_field(c)} | ({"horaires"} if day_columns else set())
        missing = [c for c in model.standard_names if c not in columns and not (c == "horaires" and day_columns)]
        if missing:
            result.file_issue("colonne_manquante", tr("Colonnes du standard absentes : {colonnes} ; ces champs ne seront pas modifiés "
                                                      "dans la base.").format(colonnes=", ".join(missing)), WARNING)
    if result.format == FORMAT_SIILAB:
        result.id_prefix = "siilab"
    unknown = [c for c in columns if c and c not in known]
    for name in unknown:
        result.file_issue("colonne_inconnue", tr("Colonne « {colonne} » inconnue du standard : ses valeurs ne sont pas importées.").format(
            colonne=name), WARNING, name)
    if any(not c for c in columns):
        result.file_issue("colonne_sans_nom", tr("Colonne(s) sans nom dans l'en-tête : leurs valeurs ne sont pas importées."), WARNING)
    return True


def _is_lieux_header(columns: list[str]) -> bool:
    names = set(columns)
    return "nom" in names and bool(names & {"adresse", "commune", "code_postal"})


def _read_records(reader, columns: list[str], day_columns, result: PartnerFile, max_records: int, model: Model) -> None:
    record_number, last_short = 1, None
    fields = [spec.name for spec in model.fields]
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            record_number += 1
            result.record_count += 1
            last_short = record_number if "end of data" in str(error) else None
            result.reject(record_number, "csv", tr("Ligne {ligne} : enregistrement illisible ({erreur}) ; ligne non importée.").format(
                ligne=record_number, erreur=_csv_error(error)))
            continue
        record_number += 1
        result.record_count += 1
        last_short = None
        if result.record_count > max_records:
            _too_many(result, max_records)
            return
        if not record or all(not cell.strip() for cell in record):
            result.reject(record_number, "ligne_vide", tr("Ligne {ligne} : ligne vide ; rien à importer.").format(ligne=record_number),
                          WARNING)
            continue
        if len(record) != len(columns):
            last_short = record_number if len(record) < len(columns) else None
            result.reject(record_number, "nombre_colonnes",
                          tr("Ligne {ligne} : {n} valeurs pour {attendu} colonnes ; ligne non importée (vérifiez les guillemets et le "
                             "séparateur).").format(ligne=record_number, n=len(record), attendu=len(columns)))
            continue
        raw = {c: v for c, v in zip(columns, record) if c}
        if result.version == FORMAT_V01:
            row, notes = map_legacy_row(raw, model)
            for note in notes:
                result.issues.append(Issue(record_number, "", "", "conversion_v0_1", WARNING,
                                           tr("Ligne {ligne} : {note}").format(ligne=record_number, note=note)))
        else:
            row = {name: raw.get(name, "") for name in fields}
            if result.format == FORMAT_SIILAB and row["typologie"]:
                row["typologie"] = join_multi(SIILAB_TYPOLOGIES.get(v, v) for v in split_multi(row["typologie"]))
            if day_columns and not row["horaires"].strip():
                row["horaires"], problems = hours_from_days({c: raw.get(c, "") for c, _ in day_columns})
                for problem in problems:
                    result.issues.append(Issue(record_number, "horaires", "", "horaires", WARNING,
                                               tr("Ligne {ligne} : {probleme}").format(ligne=record_number, probleme=problem)))
        _intern(row)
        result.rows.append(row)
        result.row_numbers.append(record_number)
    if last_short is not None and last_short == record_number:
        result.file_issue("fichier_tronque", tr("Le fichier semble tronqué : sa dernière ligne ({ligne}) est incomplète. Demandez au "
                                                "partenaire un fichier complet ; les lignes précédentes sont lues.").format(ligne=last_short))


def _csv_error(error: csv.Error) -> str:
    text = str(error)
    if "end of data" in text:
        return tr("le fichier s'arrête au milieu d'une valeur entre guillemets")
    if "expected after" in text:
        return tr("caractère inattendu après un guillemet fermant")
    if "field larger" in text:
        return tr("valeur de plus de {n} caractères").format(n=MAX_FIELD_SIZE)
    return text


def _intern(row: Row) -> None:
    """Share the memory of repeated short values (communes, services, sources…) across rows."""
    for key, value in row.items():
        if value and len(value) <= 200:
            row[key] = sys.intern(value)


def _too_many(result: PartnerFile, max_records: int) -> None:
    result.rows.clear()
    result.row_numbers.clear()
    result.rejected.clear()
    result.issues = [i for i in result.issues if i.row is None]
    result.file_issue("trop_grand", tr("Fichier trop grand : plus de {max} lieux. Découpez-le (par département, par exemple) ; "
                                       "rien n'a été importé.").format(max=f"{max_records:,}".replace(",", " ")))


def hours_from_days(days: dict[str, str]) -> tuple[str, list[str]]:
    """An OSM ``opening_hours`` from day columns (``lundi`` → ``9h-12h / 14h-17h``) and French notes on what was unreadable."""
    schedule = opening_hours.WeekSchedule()
    problems: list[str] = []
    order = dict(DAY_COLUMNS)
    for column, text in days.items():
        text = (text or "").strip()
        if not text or text.lower() in ("fermé", "ferme", "-", "non"):
            continue
        ranges = []
        for h1, m1, h2, m2 in _TIME_RANGE.findall(text):
            start, end = f"{int(h1):02d}:{m1 or '00'}", f"{int(h2):02d}:{m2 or '00'}"
            if int(h1) <= 24 and int(h2) <= 24 and start < end:
                ranges.append((start, end))
        if not ranges or len(ranges) > 3:
            problems.append(tr("horaires du {jour} illisibles (« {valeur} ») : non repris.").format(jour=column, valeur=text))
            continue
        schedule.days[order[column]] = sorted(ranges)
    return (opening_hours.format(schedule) if not schedule.is_empty() else ""), problems


def _finish(result: PartnerFile, model: Model) -> None:
    """What every format shares: national tokens dropped, mixed encodings spotted."""
    dropped = 0
    for row in result.rows:
        labels = split_multi(row.get("autres_formations_labels"))
        kept = [label for label in labels if label.upper() not in NATIONAL_TOKENS]
        if len(kept) != len(labels):
            row["autres_formations_labels"] = join_multi(kept)
            dropped += 1
    if dropped:
        result.file_issue("jetons_nationaux", tr("« QPV », « FRR » et « ZRR » (calculés par la cartographie nationale, ce ne sont pas des "
                                                 "labels) retirés des autres formations et labels de {n} lieu(x).").format(n=dropped), WARNING)
    if result.encoding == "windows-1252" and any(_MOJIBAKE.search(row.get("nom", "") + row.get("adresse", "")) for row in result.rows[:2000]):
        result.file_issue("encodage", tr("Encodages mélangés : des accents ressemblent à de l'UTF-8 lu en Latin-1 (« Ã© » pour « é »). "
                                         "Demandez au partenaire un fichier entièrement en UTF-8."), WARNING)


# --------------------------------------------------------------------------- JSON (streamed)

class _TruncatedError(Exception):
    pass


class _JsonStream:
    """Reads a JSON text in chunks and decodes it value by value (top-level arrays are never held whole)."""

    def __init__(self, handle, chunk: int = 1 << 16):
        self.handle, self.chunk = handle, chunk
        self.buffer, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.handle.read(self.chunk)
        if not data:
            self.eof = True
            return False
        self.buffer = self.buffer[self.pos:] + data
        self.pos = 0
        return True

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n\ufeff":
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._fill():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise _TruncatedError() if self.eof and not self.peek() else ValueError(tr("« {c} » attendu").format(c=char))
        self.pos += 1

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
                number_may_go_on = isinstance(value, (int, float)) and (end == len(self.buffer) or self.buffer[end] in ".eE+-0123456789")
                if self.eof or not number_may_go_on:
                    self.pos = end
                    return value
            except json.JSONDecodeError as error:
                incomplete = "Unterminated" in error.msg or error.pos >= len(self.buffer) - 8
                if not incomplete:
                    raise ValueError(tr("{erreur} (position {position})").format(erreur=error.msg, position=error.pos)) from error
                if self.eof:
                    raise _TruncatedError() from error
            if len(self.buffer) - self.pos > MAX_JSON_ELEMENT_CHARS:
                raise ValueError(tr("objet de plus de {n} caractères").format(n=MAX_JSON_ELEMENT_CHARS))
            if not self._fill():
                self.eof = True

    def array(self) -> Iterator:
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            char = self.peek()
            if char == ",":
                self.pos += 1
            elif char == "]":
                self.pos += 1
                return
            elif not char:
                raise _TruncatedError()
            else:
                raise ValueError(tr("« , » ou « ] » attendu"))

    def top_level(self, scalars: dict) -> Iterator[tuple[str, object]]:
        """``(key, element)`` for each element of the root array (key "") or of the arrays under :data:`JSON_ARRAY_KEYS`."""
        char = self.peek()
        if char == "[":
            for element in self.array():
                yield "", element
            return
        if char != "{":
            raise ValueError(tr("ni objet ni tableau JSON"))
        self.pos += 1
        while True:
            char = self.peek()
            if char == "}":
                self.pos += 1
                return
            if not char:
                raise _TruncatedError()
            key = self.value()
            self.take(":")
            if key in JSON_ARRAY_KEYS and self.peek() == "[":
                for element in self.array():
                    yield key, element
            else:
                value = self.value()
                if isinstance(value, (str, int, float, bool)):
                    scalars[key] = value
            if self.peek() == ",":
                self.pos += 1


def _json_elements(path: Path, scalars: dict) -> Iterator[tuple[str, object]]:
    with open(path, "rb") as probe:
        head = probe.read(4)
    encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    with open(path, encoding=encoding) as handle:
        yield from _JsonStream(handle).top_level(scalars)


def _json_error(result: PartnerFile, error: Exception, count: int) -> None:
    if isinstance(error, _TruncatedError):
        result.file_issue("fichier_tronque", tr("Le fichier JSON est tronqué : il s'arrête au milieu de l'objet {n}. Les {lus} objet(s) "
                                                "complet(s) précédent(s) sont lus ; demandez au partenaire un fichier complet.").format(
            n=count + 1, lus=count))
    elif isinstance(error, UnicodeDecodeError):
        result.file_issue("encodage", tr("Le fichier JSON n'est pas en UTF-8 (obligatoire pour JSON) : rien n'a été importé."))
        result.rows.clear()
        result.row_numbers.clear()
    else:
        result.file_issue("json", tr("JSON illisible après l'objet {n} : {erreur}.").format(n=count, erreur=error))


def _read_json(path: Path, result: PartnerFile, services_path, max_records: int, model: Model) -> None:
    result.delimiter, result.unit = "", "objet"
    scalars: dict = {}
    count = 0
    elements = _json_elements(path, scalars)
    try:
        first = next(elements, None)
    except (_TruncatedError, ValueError, UnicodeDecodeError) as error:
        _json_error(result, error, 0)
        return
    if first is None:
        if scalars.get("type") == "FeatureCollection":
            result.format = FORMAT_GEOJSON
            return
        result.file_issue("pas_des_lieux", tr("Ce JSON ne contient aucune liste de lieux (FeatureCollection GeoJSON ou structures "
                                              "data·inclusion) : rien n'a été importé."))
        return
    key, element = first
    if key == "features" or (isinstance(element, dict) and element.get("type") == "Feature"):
        result.format = FORMAT_GEOJSON
        reader = _geojson_row
        known = set(model.column_names(include_extension=True))
    elif isinstance(element, dict) and "structure_id" in element:
        result.file_issue("services_seuls", tr("Ce fichier contient des services data·inclusion : choisissez le fichier des structures "
                                               "(le fichier des services placé à côté est lu avec lui)."))
        return
    elif isinstance(element, dict) and any(k in element for k in STRUCTURE_KEYS):
        result.format, result.id_prefix = FORMAT_DATA_INCLUSION, "data-inclusion"
        services = _read_services(path, services_path, result)
        known = set(STRUCTURE_FIELDS)

        def reader(obj, number, res):
            return _structure_row(obj, number, res, services)
    else:
        result.file_issue("pas_des_lieux", tr("Ce JSON n'est ni une FeatureCollection GeoJSON ni une liste de structures data·inclusion : "
                                              "rien n'a été importé."))
        return
    unknown: set[str] = set()
    try:
        for _key, element in _chain(first, elements):
            count += 1
            result.record_count += 1
            if result.record_count > max_records:
                _too_many(result, max_records)
                return
            row = reader(element, count, result)
            if row is None:
                continue
            if isinstance(element, dict):
                props = element.get("properties") if result.format == FORMAT_GEOJSON else element
                if isinstance(props, dict):
                    unknown.update(k for k, v in props.items() if k not in known and v not in (None, "", []))
                    result.present_fields.update(k for k in props if model.has_field(k))
            _intern(row)
            result.rows.append(row)
            result.row_numbers.append(count)
    except (_TruncatedError, ValueError, UnicodeDecodeError) as error:
        _json_error(result, error, count)
    if result.format == FORMAT_DATA_INCLUSION:
        result.present_fields = set(DI_FIELDS)
        result.merge_fields = {"courriels", "site_web"}
    elif result.rows:
        result.present_fields.update(("latitude", "longitude"))
    for name in sorted(unknown):
        result.file_issue("colonne_inconnue", tr("Propriété « {colonne} » inconnue du standard : ses valeurs ne sont pas importées.").format(
            colonne=name), WARNING, name)


def _chain(first, rest):
    yield first
    yield from rest


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _geojson_row(feature, number: int, result: PartnerFile) -> Optional[Row]:
    model = load_model()
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        result.reject(number, "geojson", tr("Objet {numero} : pas de propriétés ; objet non importé.").format(numero=number))
        return None
    row = {spec.name: _cell(properties.get(spec.name)) for spec in model.fields}
    geometry = feature.get("geometry") or {}
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if isinstance(geometry, dict) and geometry.get("type") == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
        if not row["longitude"] and not row["latitude"]:
            row["longitude"], row["latitude"] = _cell(coordinates[0]), _cell(coordinates[1])
    elif geometry:
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        result.issues.append(Issue(number, "", "", "geometrie", WARNING, tr("Objet {numero} : géométrie « {type} » ignorée (un point est "
                                                                           "attendu).").format(numero=number, type=kind)))
    return row


# --------------------------------------------------------------------------- data·inclusion v1 → standard

#: data·inclusion v1 structure fields read (``data_inclusion.schema.v1.Structure``)
STRUCTURE_FIELDS = ("source", "id", "nom", "date_maj", "description", "lien_source", "siret", "commune", "code_postal", "code_insee",
                    "adresse", "complement_adresse", "longitude", "latitude", "telephone", "courriel", "site_web", "horaires_accueil",
                    "accessibilite_lieu", "reseaux_porteurs")
#: standard fields a data·inclusion file fills
DI_FIELDS = ("pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude", "longitude", "telephone",
             "courriels", "site_web", "horaires", "presentation_detail", "source", "date_maj", "typologie", "services",
             "publics_specifiquement_adresses", "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
             "modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv", "hdf_id_externes")
#: thematiques (v1) → services of the standard: the reverse of the national mapping
#: (``_map_mediation_numerique__thematiques.sql``), keeping for each thematique the service it best stands for
DI_THEMATIQUES = {
    "numerique--acceder-a-une-connexion-internet": "Accès internet et matériel informatique",
    "numerique--acquerir-un-equipement": "Acquisition de matériel informatique à prix solidaire",
    "numerique--acceder-a-des-services-en-ligne": "Aide aux démarches administratives",
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives": "Aide aux démarches administratives",
    "numerique--maitriser-les-fondamentaux-du-numerique": "Maîtrise des outils numériques du quotidien",
    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi": "Insertion professionnelle via le numérique",
    "famille--soutien-a-la-parentalite-et-a-leducation": "Parentalité et éducation avec le numérique",
    "remobilisation--activites-sportives-et-culturelles": "Loisirs et créations numériques",
}
DI_TYPES = {"accompagnement": "Accompagnement individuel", "atelier": "Dans un atelier collectif", "aide-materielle": "En autonomie"}
DI_PUBLICS = {"etudiants": "Étudiants", "familles": "Familles et/ou enfants", "femmes": "Femmes", "jeunes": "Jeunes", "seniors": "Seniors"}
DI_MODES = {"envoyer-un-courriel": "Contacter par mail", "se-presenter": "Se présenter", "telephoner": "Téléphoner",
            "utiliser-lien-mobilisation": "Prendre un RDV en ligne"}
DI_RESEAUX_DISPOSITIFS = {"aidants-connect": "Aidants Connect", "conseillers-numeriques": "Conseillers numériques",
                          "france-service": "France Services", "grandes-ecoles-du-numerique": "Grande école du numérique",
                          "croix-rouge": "La Croix Rouge"}
DI_RESEAUX_TYPOLOGIES = {"france-service": "RFS", "la-poste": "LA_POSTE", "ccas-cias": "CCAS", "communes": "MUNI",
                         "mission-locale": "ML", "caf": "CAF", "france-travail": "FT", "pimms-mediation": "PIMMS", "mjc": "MJC",
                         "espaces-publics-numeriques": "EPN"}


def _texts(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v not in (None, "")]
    return [str(value).strip()] if str(value).strip() else []


def _read_services(path: Path, services_path, result: PartnerFile) -> dict[str, dict[str, list[str]]]:
    """Services of the structures, by structure id (the services JSON beside the structures file)."""
    if services_path is None:
        name = path.name
        if "structures" not in name.lower():
            return {}
        start = name.lower().index("structures")
        candidate = path.with_name(name[:start] + "services" + name[start + len("structures"):])
        if not candidate.exists():
            result.file_issue("services", tr("Pas de fichier des services à côté ({fichier}) : services, publics et modalités ne sont pas "
                                             "importés.").format(fichier=candidate.name), WARNING)
            return {}
        services_path = candidate
    services: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    count = 0
    try:
        for _key, service in _json_elements(Path(services_path), {}):
            count += 1
            if not isinstance(service, dict) or not service.get("structure_id"):
                result.file_issue("services", tr("Service {n} sans structure_id : ignoré.").format(n=count), WARNING)
                continue
            merged = services[str(service["structure_id"])]
            for name in ("thematiques", "publics", "modes_mobilisation", "modes_accueil"):
                merged[name] += _texts(service.get(name))
            for name in ("type", "frais", "frais_precisions", "lien_mobilisation", "horaires_accueil", "telephone", "courriel"):
                merged[name] += _texts(service.get(name))
    except (_TruncatedError, ValueError, UnicodeDecodeError, OSError) as error:
        result.file_issue("services", tr("Fichier des services {fichier} illisible après le service {n} ({erreur}) : les services lus "
                                         "avant sont gardés.").format(fichier=Path(services_path).name, n=count, erreur=error), WARNING)
    result.file_issue("services", tr("{n} service(s) data·inclusion lu(s) dans {fichier}.").format(n=count, fichier=Path(services_path).name),
                      "info")
    return services


def _mapped(values: Iterable[str], mapping: dict[str, str]) -> list[str]:
    return [mapping[v] for v in values if v in mapping]


def _structure_row(structure, number: int, result: PartnerFile, services: dict) -> Optional[Row]:
    model = load_model()
    if not isinstance(structure, dict) or not (structure.get("nom") or structure.get("id")):
        result.reject(number, "data_inclusion", tr("Objet {numero} : ni nom ni identifiant, ce n'est pas une structure data·inclusion ; objet "
                                                   "non importé.").format(numero=number))
        return None
    row = {spec.name: "" for spec in model.fields}
    di_id = _cell(structure.get("id")).strip()
    local = di_id.split("--", 1)[1] if "--" in di_id else di_id
    row["id"] = local if is_uuid(local) else ""
    row["hdf_id_externes"] = f"data-inclusion:{di_id}" if di_id and not is_uuid(local) else ""
    siret = re.sub(r"\s", "", _cell(structure.get("siret")))
    row["pivot"] = siret if re.fullmatch(r"\d{14}", siret) else PIVOT_UNKNOWN
    for target, source in (("nom", "nom"), ("commune", "commune"), ("code_postal", "code_postal"), ("code_insee", "code_insee"),
                           ("adresse", "adresse"), ("complement_adresse", "complement_adresse"), ("latitude", "latitude"),
                           ("longitude", "longitude"), ("telephone", "telephone"), ("courriels", "courriel"), ("site_web", "site_web"),
                           ("horaires", "horaires_accueil"), ("presentation_detail", "description"), ("source", "source"),
                           ("fiche_acces_libre", "accessibilite_lieu")):
        row[target] = _cell(structure.get(source)).strip()
    row["date_maj"] = normalize_date(_cell(structure.get("date_maj"))) or _cell(structure.get("date_maj"))
    reseaux = _texts(structure.get("reseaux_porteurs"))
    row["dispositif_programmes_nationaux"] = join_multi(_mapped(reseaux, DI_RESEAUX_DISPOSITIFS))
    row["formations_labels"] = "Fabriques de Territoire" if "fabrique-de-territoire" in reseaux else ""
    row["typologie"] = join_multi(_mapped(reseaux, DI_RESEAUX_TYPOLOGIES))
    offer = services.get(di_id)
    if offer:
        row["services"] = join_multi(sorted(set(_mapped(offer["thematiques"], DI_THEMATIQUES))))
        row["modalites_accompagnement"] = join_multi(
            _mapped(offer["type"], DI_TYPES) + (["À distance"] if "a-distance" in offer["modes_accueil"] else []))
        row["publics_specifiquement_adresses"] = join_multi(sorted(set(_mapped(offer["publics"], DI_PUBLICS))))
        row["modalites_acces"] = join_multi(sorted(set(_mapped(offer["modes_mobilisation"], DI_MODES))))
        frais = set(offer["frais"])
        conditions = " ".join(offer["frais_precisions"]).lower()
        if "gratuit" in frais:
            row["frais_a_charge"] = "Gratuit sous condition" if "sous condition" in conditions else "Gratuit"
        if "payant" in frais:
            row["frais_a_charge"] = join_multi(split_multi(row["frais_a_charge"]) + ["Payant"])
        row["prise_rdv"] = (offer["lien_mobilisation"] or [""])[0]
        row["horaires"] = row["horaires"] or (offer["horaires_accueil"] or [""])[0]
    return row


# --------------------------------------------------------------------------- geocoding

@dataclass
class GeocodeResult:
    """Which rows got a position from the address, and why the others did not."""

    geocoded: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    #: rows already positioned or without an address to look for
    skipped: int = 0

    def summary(self) -> str:
        return tr("{n} lieu(x) placé(s) par leur adresse, {echecs} sans position.").format(n=len(self.geocoded), echecs=len(self.failed))


def needs_geocoding(row: Row) -> bool:
    return row_point(row) is None and bool((row.get("adresse") or "").strip()) and bool(
        (row.get("commune") or row.get("code_postal") or "").strip())


def geocode_missing(rows: list[Row], search: Callable[[str], object], *, min_score: float = 0.5,
                    row_numbers: Optional[list[int]] = None, max_failures: int = 3) -> GeocodeResult:
    """Give a position to the rows with an address but no coordinates (``search(text)`` → matches, best first).

    The rows are completed in place (``latitude``, ``longitude`` and an empty ``code_insee``/``code_postal``);
    a row is only placed on a house number or a street of its own commune. ``search`` raising an exception with
    a French ``message`` (:class:`.geocoder.GeocoderError`) fails that row; after ``max_failures`` such errors
    in a row the service is taken as unavailable and the rest are reported without being asked.
    """
    result = GeocodeResult()
    down = ""
    failures = 0
    for index, row in enumerate(rows):
        if not needs_geocoding(row):
            result.skipped += 1
            continue
        where = tr("ligne {n}").format(n=row_numbers[index]) if row_numbers else tr("lieu {n}").format(n=index + 1)
        if down:
            result.failed[index] = tr("{ou} « {nom} » : non géocodé, {raison}").format(ou=where, nom=row.get("nom", ""), raison=down)
            continue
        query = " ".join(p for p in ((row.get("adresse") or "").strip(), (row.get("commune") or row.get("code_postal") or "").strip()) if p)
        try:
            found = search(query)
            failures = 0
        except Exception as error:  # noqa: BLE001 - any failure of the injected search is reported, never raised
            failures += 1
            reason = getattr(error, "message", "") or str(error)
            result.failed[index] = tr("{ou} « {nom} » : non géocodé ({raison}).").format(ou=where, nom=row.get("nom", ""), raison=reason)
            if failures >= max_failures:
                down = tr("service d'adresses indisponible ({raison}).").format(raison=reason)
            continue
        matches = list(found) if isinstance(found, (list, tuple)) else ([found] if found else [])
        match, reason = _pick_match(row, matches, min_score)
        if match is None:
            result.failed[index] = tr("{ou} « {nom} » : non géocodé, {raison}").format(ou=where, nom=row.get("nom", ""), raison=reason)
            continue
        row["longitude"], row["latitude"] = f"{match.lon:.6f}", f"{match.lat:.6f}"
        if not (row.get("code_insee") or "").strip() and getattr(match, "citycode", ""):
            row["code_insee"] = match.citycode
        if not (row.get("code_postal") or "").strip() and getattr(match, "postcode", ""):
            row["code_postal"] = match.postcode
        result.geocoded.append(index)
    return result


def _pick_match(row: Row, matches: list, min_score: float):
    usable = [m for m in matches if (getattr(m, "score", 0) or 0) >= min_score and getattr(m, "kind", "housenumber") != "municipality"]
    if not usable:
        if any(getattr(m, "kind", "") == "municipality" for m in matches):
            return None, tr("seule la commune a été trouvée (position trop imprécise).")
        return None, tr("adresse introuvable dans la base adresse nationale.")
    insee, postcode = (row.get("code_insee") or "").strip(), (row.get("code_postal") or "").strip()
    if insee or postcode:
        usable = [m for m in usable if (insee and getattr(m, "citycode", "") == insee) or (postcode and getattr(m, "postcode", "") == postcode)]
        if not usable:
            return None, tr("aucune adresse trouvée dans la commune du lieu.")
    return max(usable, key=lambda m: m.score), ""


# --------------------------------------------------------------------------- the base

def read_geopackage_lieux(path: Union[str, Path], table: str = "lieux") -> list[tuple[Row, Optional[Point]]]:
    """Lieux of a GeoPackage table as rows and Lambert-93 points, read with sqlite3 (no QGIS)."""
    model = load_model()
    specs = {spec.name: spec for spec in model.fields}
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        geometry_column, srs = con.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
        cursor = con.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        base = []
        for values in cursor:
            record = dict(zip(names, values))
            row = {name: _db_text(specs[name], record.get(name)) for name in specs}
            point = _gpkg_point(record.get(geometry_column))
            if point is not None and srs == 4326:
                point = to_lambert93(*point)
            if point is not None:
                lon, lat = from_lambert93(*point) if srs != 4326 else point
                row["longitude"], row["latitude"] = f"{lon:.6f}", f"{lat:.6f}"
            base.append((row, point if srs in (2154, 4326) else None))
        return base
    finally:
        con.close()


def _db_text(spec: FieldSpec, value) -> str:
    if value is None:
        return ""
    if spec.type == "boolean":
        return "true" if str(value).strip().lower() in ("1", "true") else "false"
    if isinstance(value, float) and value.is_integer() and spec.type in ("integer", "string"):
        return str(int(value))
    return str(value)


def _gpkg_point(blob: Optional[bytes]) -> Optional[Point]:
    """The point of a GeoPackage geometry blob (header ``GP`` + WKB)."""
    if not blob or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:
        return None
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07, 0)
    wkb = blob[8 + envelope:]
    order = "<" if wkb[0] == 1 else ">"
    (kind,) = struct.unpack(order + "I", wkb[1:5])
    if kind % 1000 != 1:
        return None
    x, y = struct.unpack(order + "dd", wkb[5:21])
    return None if math.isnan(x) or math.isnan(y) else (x, y)


def base_from_layer(layer) -> list[tuple[Row, Optional[Point]]]:
    """Lieux of a QGIS layer as rows (with lat/lon) and Lambert-93 points (imports QGIS; main thread)."""
    return base_loader(layer, from_source=False)()


def base_loader(layer, from_source: bool = True) -> Callable[[], list[tuple[Row, Optional[Point]]]]:
    """A function reading the layer's lieux later, from any thread: the feature source, field converter and
    transformation are made now, on the main thread (imports QGIS)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayerFeatureSource

    from .layer import FeatureConverter

    crs = layer.crs() if layer.isSpatial() else None
    converter = FeatureConverter(layer.fields(), crs)
    to_l93 = None
    if crs is not None and crs.isValid() and crs.authid() != "EPSG:2154":
        to_l93 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:2154"), QgsProject.instance().transformContext())
    source = QgsVectorLayerFeatureSource(layer) if from_source else layer

    def load() -> list[tuple[Row, Optional[Point]]]:
        base = []
        for feature in source.getFeatures():
            row = converter.row(feature)
            geometry = feature.geometry()
            point = None
            if crs is not None and geometry is not None and not geometry.isEmpty():
                xy = geometry.centroid().asPoint()
                if to_l93 is not None:
                    xy = to_l93.transform(xy)
                point = (xy.x(), xy.y())
            base.append((row, point))
        return base

    return load


# --------------------------------------------------------------------------- classification

@dataclass
class FieldChange:
    """One field an import would change on a lieu of the base."""

    name: str
    old: str
    new: str
    #: the base already holds another non-empty value
    conflict: bool = False


@dataclass
class Decision:
    """What one lieu of the partner's file would do to the base."""

    index: int
    kind: str
    row: Row
    row_number: Optional[int] = None
    point: Optional[Point] = None
    base_index: Optional[int] = None
    base_row: Optional[Row] = None
    base_point: Optional[Point] = None
    #: how the lieu of the base was found (:data:`RULE_ID`…)
    rule: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    #: metres the position would move (None: not moved)
    moved: Optional[float] = None
    candidates: list[Candidate] = field(default_factory=list)
    #: French: why this class (errors of an invalid row, how it matched…)
    reasons: list[str] = field(default_factory=list)
    #: French, not blocking: corrections made, warnings
    notes: list[str] = field(default_factory=list)
    #: the base was updated after the partner's ``date_maj``
    base_newer: bool = False
    #: the partner's identifier as an external id (``siilab:991``)
    partner_id: str = ""
    #: the id of the lieu the change carries (set by :func:`to_changes`)
    target_id: str = ""
    #: how the file numbers its records: "ligne" (CSV) or "objet" (JSON)
    unit: str = "ligne"

    @property
    def nom(self) -> str:
        return (self.row.get("nom") or (self.base_row or {}).get("nom") or "").strip()

    @property
    def commune(self) -> str:
        return (self.row.get("commune") or (self.base_row or {}).get("commune") or "").strip()

    @property
    def score(self) -> Optional[float]:
        return self.candidates[0].score if self.candidates else None

    @property
    def conflicts(self) -> list[str]:
        return [c.name for c in self.changes if c.conflict]

    def where(self) -> str:
        if self.row_number is None:
            return tr("lieu {n}").format(n=self.index + 1)
        return (tr("objet {n}") if self.unit == "objet" else tr("ligne {n}")).format(n=self.row_number)

    def detail(self) -> str:
        """One line of French: the diff, the candidates, or the reasons."""
        if self.kind == MODIFIE:
            titles = _titles()
            parts = [tr("{champ} : « {avant} » → « {apres} »").format(champ=titles.get(c.name, c.name), avant=_short(c.old), apres=_short(c.new))
                     for c in self.changes]
            return " ; ".join(parts)
        if self.kind == DOUBLON:
            return " ".join(c.message() for c in self.candidates[:3])
        if self.kind == INCHANGE:
            return tr("Identique à « {nom} » de la base ({regle}).").format(nom=(self.base_row or {}).get("nom", ""), regle=rule_label(self.rule))
        return " ".join(self.reasons or self.notes)


def rule_label(rule: str) -> str:
    return {RULE_ID: tr("même identifiant"), RULE_EXTERNAL: tr("même identifiant externe"), RULE_PIVOT: tr("même SIRET, même commune"),
            RULE_RESEMBLANCE: tr("ressemblance très forte")}.get(rule, rule)


def class_label(kind: str) -> str:
    return {NOUVEAU: tr("Nouveaux"), MODIFIE: tr("Modifiés"), INCHANGE: tr("Inchangés"), DOUBLON: tr("Doublons probables"),
            INVALIDE: tr("Invalides")}.get(kind, kind)


def class_singular(kind: str) -> str:
    return {NOUVEAU: tr("nouveau"), MODIFIE: tr("modifié"), INCHANGE: tr("inchangé"), DOUBLON: tr("doublon probable"),
            INVALIDE: tr("invalide")}.get(kind, kind)


def _short(text: str, size: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _titles() -> dict[str, str]:
    titles = {spec.name: spec.title or spec.name for spec in load_model().fields}
    titles[GEOMETRY] = tr("Position")
    return titles


def _search_radius(cutoff: float) -> Optional[float]:
    """Beyond this distance the national score cannot reach the cut-off (name and address at 100 %)."""
    for metres in range(1, 100001):
        if distance_score(metres) + 200 < 3 * cutoff:
            return float(max(metres, NEAR_M))
    return None


class _Index:
    """Lieux indexed by id, external id, pivot, commune and position (a grid of the search radius)."""

    def __init__(self, radius: Optional[float]):
        self.radius = radius
        self.entries: list[tuple[object, Row, Optional[Point]]] = []
        self.by_id: dict[str, int] = {}
        self.by_external: dict[str, list[int]] = defaultdict(list)
        self.by_pivot: dict[str, list[int]] = defaultdict(list)
        self.by_insee: dict[str, list[int]] = defaultdict(list)
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)

    def add(self, key: object, row: Row, point: Optional[Point]) -> None:
        position = len(self.entries)
        self.entries.append((key, row, point))
        lieu_id = (row.get("id") or "").strip()
        if lieu_id:
            self.by_id.setdefault(lieu_id, position)
        for external in external_ids(row):
            self.by_external[external].append(position)
        pivot = (row.get("pivot") or "").strip()
        if pivot and pivot != PIVOT_UNKNOWN:
            self.by_pivot[pivot].append(position)
        self.by_insee[(row.get("code_insee") or "").strip()].append(position)
        if point is not None and self.radius:
            self.grid[self._cell(point)].append(position)

    def _cell(self, point: Point) -> tuple[int, int]:
        return int(point[0] // self.radius), int(point[1] // self.radius)

    def near(self, point: Point) -> Iterator[int]:
        cx, cy = self._cell(point)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                yield from self.grid.get((cx + dx, cy + dy), ())

    def candidates(self, row: Row, point: Optional[Point], cutoff: float) -> list[Candidate]:
        """Probable duplicates of a row, best first: the national rule, and name+address without a position."""
        found: list[Candidate] = []
        if point is not None and self.radius:
            positions = set(self.near(point))
            positions.update(p for p in self.by_insee.get((row.get("code_insee") or "").strip(), ()) if self.entries[p][2] is None)
        else:
            positions = set(self.by_insee.get((row.get("code_insee") or "").strip(), ())) if (row.get("code_insee") or "").strip() else set()
        for position in sorted(positions):
            key, other, other_point = self.entries[position]
            candidate = compare(row, point, other, other_point, key, cutoff)
            if candidate is None and (point is None or other_point is None):
                candidate = _without_position(row, other, key)
            if candidate is not None:
                found.append(candidate)
        return sorted(found, key=lambda c: -c.score)


def _without_position(row: Row, other: Row, key: object) -> Optional[Candidate]:
    if not row.get("code_insee") or row.get("code_insee") != other.get("code_insee") or (row.get("id") and row.get("id") == other.get("id")):
        return None
    name_score, address_score = ratio(row.get("nom"), other.get("nom")), ratio(row.get("adresse"), other.get("adresse"))
    if name_score < 90 or address_score < 90:
        return None
    reasons = [tr("même commune ({code})").format(code=row.get("code_insee")), tr("sans position : nom et adresse quasi identiques")]
    return Candidate(key, other.get("id", ""), other.get("nom", ""), round((name_score + address_score) / 2, 1), name_score, address_score,
                     None, reasons)


def classify(incoming: Union[PartnerFile, list[Row]], base: list[tuple[Row, Optional[Point]]], *,
             row_numbers: Optional[list[int]] = None, present_fields: Optional[set[str]] = None, erase_with_empty: bool = False,
             id_prefix: str = "", merge_fields: Optional[set[str]] = None, cutoff: float = CUTOFF, today=None,
             model: Optional[Model] = None) -> list[Decision]:
    """One :class:`Decision` per incoming row, in order (rules in the module's docstring). Writes nothing."""
    model = model or load_model()
    unit = "ligne"
    if isinstance(incoming, PartnerFile):
        rows, unit = incoming.rows, incoming.unit
        row_numbers = row_numbers or incoming.row_numbers
        present_fields = present_fields if present_fields is not None else incoming.present_fields
        id_prefix = id_prefix or incoming.id_prefix
        merge_fields = merge_fields if merge_fields is not None else incoming.merge_fields
    else:
        rows = incoming
    merged_fields = {"hdf_id_externes"} | set(merge_fields or ())
    radius = _search_radius(cutoff)
    index = _Index(radius)
    for position, (row, point) in enumerate(base):
        index.add(position, row, point)
    news = _Index(radius)
    validator = Validator(model, today)
    specs = {spec.name: spec for spec in model.fields}
    order = [spec.name for spec in model.fields]
    first_line_of_id: dict[str, str] = {}
    matched_by: dict[int, int] = {}
    decisions = []
    for number, original in enumerate(rows):
        line = row_numbers[number] if row_numbers and number < len(row_numbers) else None
        row, corrected = normalize_row(original, model)
        decision = Decision(number, NOUVEAU, row, line, unit=unit)
        decisions.append(decision)
        if corrected:
            decision.notes.append(tr("Valeurs corrigées à la lecture : {champs}.").format(champs=", ".join(corrected)))
        _strip_national_tokens(row)
        decision.point = row_point(row)
        decision.partner_id = partner_key(row, id_prefix)
        present = present_fields if present_fields else set(original)
        formulas = [name for name in order if looks_like_formula(original.get(name))]
        if formulas:
            decision.kind = INVALIDE
            decision.reasons.append(tr("{ou} : la valeur de {champs} commence comme une formule de tableur (« {debut} ») : possible injection "
                                       "de formule, le lieu n'est pas importé (texte conservé tel quel, neutralisé dans les rapports).").format(
                ou=decision.where().capitalize(), champs=", ".join(f"« {f} »" for f in formulas),
                debut=_short(original.get(formulas[0], ""), 20)))
            continue
        lieu_id = (row.get("id") or "").strip()
        if lieu_id:
            if lieu_id in first_line_of_id:
                decision.kind = INVALIDE
                decision.reasons.append(tr("{ou} : l'identifiant « {id} » est déjà celui de la {autre} du fichier.").format(
                    ou=decision.where().capitalize(), id=lieu_id, autre=first_line_of_id[lieu_id]))
                continue
            first_line_of_id[lieu_id] = decision.where()
        match = _match(decision, index, cutoff)
        if match is not None:
            position, rule = match
            if position in matched_by:
                earlier = decisions[matched_by[position]]
                decision.kind = DOUBLON
                _, base_row, base_point = index.entries[position]
                decision.candidates = [Candidate(("fichier", earlier.index), base_row.get("id", ""), base_row.get("nom", ""), 100.0, 100.0,
                                                 100.0, distance_m(decision.point, base_point),
                                                 [tr("même lieu de la base que la {ou} du fichier").format(ou=earlier.where())])]
                continue
            matched_by[position] = number
            _, base_row, base_point = index.entries[position]
            decision.base_index, decision.base_row, decision.base_point, decision.rule = position, base_row, base_point, rule
            decision.changes, decision.moved = _diff(row, decision.point, base_row, base_point, present, erase_with_empty, specs, order,
                                                     model.separator, merged_fields)
            decision.base_newer = _base_newer(row, base_row)
            changed = {c.name for c in decision.changes}
            if changed - {GEOMETRY}:  # the values written are checked (a move alone has nothing to check)
                merged = dict(base_row, **{c.name: c.new for c in decision.changes if c.name != GEOMETRY})
                _sort_issues(decision, [i for i in validator.validate_row(merged, line) if i.field in changed and i.rule != "unicite"])
            if decision.reasons:
                decision.kind = INVALIDE
            else:
                decision.kind = MODIFIE if decision.changes else INCHANGE
            continue
        checked = dict(row) if lieu_id else dict(row, id="—")
        _sort_issues(decision, [i for i in validator.validate_row(checked, line) if i.rule != "unicite"])
        if decision.reasons:
            decision.kind = INVALIDE
            continue
        decision.candidates = (index.candidates(row, decision.point, cutoff) + news.candidates(row, decision.point, cutoff))
        decision.candidates.sort(key=lambda c: -c.score)
        for candidate in decision.candidates:
            if isinstance(candidate.key, tuple):
                candidate.reasons.append(tr("déjà dans le fichier ({ou})").format(ou=decisions[candidate.key[1]].where()))
        if decision.candidates:
            decision.kind = DOUBLON
        else:
            decision.kind = NOUVEAU
            news.add(("fichier", number), row, decision.point)
    return decisions


def _sort_issues(decision: Decision, issues: list[Issue]) -> None:
    decision.reasons += [i.message for i in issues if i.severity == ERROR]
    decision.notes += [i.message for i in issues if i.severity != ERROR]


def _strip_national_tokens(row: Row) -> None:
    labels = split_multi(row.get("autres_formations_labels"))
    kept = [label for label in labels if label.upper() not in NATIONAL_TOKENS]
    if len(kept) != len(labels):
        row["autres_formations_labels"] = join_multi(kept)


def _match(decision: Decision, index: _Index, cutoff: float) -> Optional[tuple[int, str]]:
    """The lieu of the base that is the same as this row, and the rule that says so."""
    row, point = decision.row, decision.point
    lieu_id = (row.get("id") or "").strip()
    if lieu_id and lieu_id in index.by_id:
        return index.by_id[lieu_id], RULE_ID
    keys = external_ids(row) + ([decision.partner_id] if decision.partner_id else [])
    holders = sorted({p for key in keys for p in index.by_external.get(key, ())})
    if len(holders) == 1:
        return holders[0], RULE_EXTERNAL
    if len(holders) > 1:
        decision.notes.append(tr("Identifiant externe {ids} porté par {n} lieux de la base : aucun n'est retenu d'office.").format(
            ids=", ".join(keys), n=len(holders)))
    pivot = (row.get("pivot") or "").strip()
    if pivot and pivot != PIVOT_UNKNOWN and _PIVOT.match(pivot):
        insee = (row.get("code_insee") or "").strip()
        same = [p for p in index.by_pivot.get(pivot, ()) if not insee or not index.entries[p][1].get("code_insee")
                or index.entries[p][1].get("code_insee") == insee]
        if len(same) == 1:
            _, other, other_point = index.entries[same[0]]
            metres = distance_m(point, other_point)
            if (ratio(row.get("nom"), other.get("nom")) >= 60 or ratio(row.get("adresse"), other.get("adresse")) >= 80
                    or (metres is not None and metres <= 100)):
                return same[0], RULE_PIVOT
    if not is_uuid(lieu_id):
        strong = [c for c in index.candidates(row, point, cutoff) if c.score >= STRONG_SCORE]
        if strong:
            return strong[0].key, RULE_RESEMBLANCE
    return None


def _diff(row: Row, point: Optional[Point], base_row: Row, base_point: Optional[Point], present: set[str], erase: bool,
          specs: dict[str, FieldSpec], order: list[str], separator: str, merged_fields: set[str]) -> tuple[list[FieldChange], Optional[float]]:
    changes = []
    for name in order:
        if name not in present or name in NOT_DIFFED:
            continue
        new, old = (row.get(name) or "").strip(), (base_row.get(name) or "").strip()
        if name == "pivot" and new == PIVOT_UNKNOWN and old:
            continue
        if name in merged_fields:
            merged = join_multi(split_multi(old, separator) + split_multi(new, separator), separator)
            if set(split_multi(merged, separator)) == set(split_multi(old, separator)):
                continue
            new = merged
        if not new and (not erase or not old):
            continue
        if _same(specs.get(name), new, old, separator):
            continue
        if name == "date_maj" and new and old and new[:10] < old[:10]:
            continue
        changes.append(FieldChange(name, old, new, conflict=bool(old)))
    moved = None
    if point is not None:
        metres = distance_m(point, base_point)
        if metres is None or metres > POSITION_TOLERANCE_M:
            moved = metres
            changes.append(FieldChange(GEOMETRY, _coords_text(base_point), _coords_text(point), conflict=base_point is not None))
    return changes, moved


def _base_newer(row: Row, base_row: Row) -> bool:
    incoming = (row.get("date_maj") or "")[:10]
    base = max((base_row.get("date_maj") or "")[:10], (base_row.get("hdf_date_modification") or "")[:10])
    return bool(incoming) and base > incoming


def counts(decisions: Iterable[Decision]) -> dict[str, int]:
    """Number of decisions per class (every class present)."""
    found = dict.fromkeys(CLASSES, 0)
    for decision in decisions:
        found[decision.kind] += 1
    return found


def default_accepted(decisions: Iterable[Decision], classes: Iterable[str] = (NOUVEAU, MODIFIE)) -> set[int]:
    """Indexes of the decisions of these classes (what « Tout accepter » selects)."""
    wanted = set(classes) & set(ACCEPTABLE)
    return {d.index for d in decisions if d.kind in wanted}


# --------------------------------------------------------------------------- changes

def to_changes(decisions: list[Decision], accepted: Iterable[int], field_choices: Optional[dict[int, dict[str, str]]] = None, *,
               new_id: Callable[[], str] = lambda: str(uuid.uuid4()), model: Optional[Model] = None) -> list:
    """The :class:`.sync.Change` objects the accepted decisions make (for ``LieuxSession.push``).

    ``nouveau`` and an accepted ``doublon_probable`` (the agent says it is another lieu) → INSERT, with the
    incoming ``id`` when it is a UUID unused in the base, else a fresh UUID (the partner's identifier is then
    kept in ``hdf_id_externes``); ``modifie`` → UPDATE of the fields chosen ``"incoming"`` (the default;
    ``"base"`` keeps the base's value; ``"geometry"`` for the position), with the base row as ``base``;
    ``inchange`` and ``invalide`` never change anything. Sets ``target_id`` on each decision used.
    """
    from .sync import INSERT, UPDATE, Change

    model = model or load_model()
    field_choices = field_choices or {}
    accepted = set(accepted)
    taken = {(d.base_row or {}).get("id", "") for d in decisions if d.base_row}
    taken.update(c.lieu_id for d in decisions for c in d.candidates)
    specs = {spec.name: spec for spec in model.fields}
    changes = []
    for decision in decisions:
        if decision.index not in accepted:
            continue
        if decision.kind in (NOUVEAU, DOUBLON):
            values = {k: v for k, v in decision.row.items() if v and k in specs and k not in NOT_SENT and not specs[k].geometry}
            lieu_id = (decision.row.get("id") or "").strip()
            if not is_uuid(lieu_id) or lieu_id in taken:
                lieu_id = new_id()
                if decision.partner_id:
                    values["hdf_id_externes"] = join_multi(split_multi(values.get("hdf_id_externes")) + [decision.partner_id])
            taken.add(lieu_id)
            values["id"] = lieu_id
            values.setdefault("hdf_statut", specs["hdf_statut"].default or "")
            decision.target_id = lieu_id
            changes.append(Change(INSERT, lieu_id, values, decision.point, origin="import"))
        elif decision.kind == MODIFIE and decision.base_row is not None:
            choices = field_choices.get(decision.index, {})
            chosen = [c for c in decision.changes if choices.get(c.name, INCOMING) == INCOMING]
            values = {c.name: c.new for c in chosen if c.name != GEOMETRY}
            point = decision.point if any(c.name == GEOMETRY for c in chosen) else None
            if not values and point is None:
                continue
            lieu_id = decision.base_row.get("id", "")
            decision.target_id = lieu_id
            changes.append(Change(UPDATE, lieu_id, values, point, dict(decision.base_row), decision.base_point, origin="import"))
    return changes


#: changes sent per ``LieuxSession.push`` (the synchronizer then splits them into transactions of its own size)
PUSH_BATCH = 50


def push_changes(session, changes: list, batch_size: int = PUSH_BATCH, progress: Optional[Callable[[int, int], None]] = None,
                 cancelled: Optional[Callable[[], bool]] = None) -> list:
    """Send changes through the safe editing (``session.push``) in batches; every change gets one outcome.

    A batch is journaled, sent, read back and applied to the layer before the next one; when ``cancelled()``
    turns true, the remaining changes are not sent and get a « non envoyé » outcome.
    """
    from .sync import NOT_APPLIED, Outcome

    outcomes: list = []
    for start in range(0, len(changes), max(1, batch_size)):
        batch = changes[start:start + batch_size]
        if cancelled is not None and cancelled():
            outcomes += [Outcome(c, NOT_APPLIED, tr("« {nom} » : non envoyé, import interrompu par l'agent.").format(nom=c.nom)) for c in batch]
            continue
        outcomes += session.push(batch).report.outcomes
        if progress is not None:
            progress(min(start + batch_size, len(changes)), len(changes))
    return outcomes


def apply_to_layer(layer, changes: list) -> dict[str, str]:
    """Put changes into a layer's edit buffer (imports QGIS); a French message per lieu id. The agent saves.

    Used when the layer is not that of a plugin session (a GeoPackage, a shapefile…): nothing reaches a
    server until the layer is saved.
    """
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature, QgsGeometry, QgsPointXY, QgsProject

    from .layer import to_attribute
    from .sync import INSERT

    specs = {spec.name: spec for spec in load_model().fields}
    fields = layer.fields()
    if not layer.isEditable() and not layer.startEditing():
        refused = tr("La couche « {couche} » ne peut pas être modifiée : rien n'a été appliqué.").format(couche=layer.name())
        return {change.lieu_id: refused for change in changes}
    transform = None
    if layer.crs().isValid() and layer.crs().authid() != "EPSG:2154":
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), layer.crs(), QgsProject.instance().transformContext())

    def geometry(point: Point):
        xy = QgsPointXY(*point)
        return QgsGeometry.fromPointXY(transform.transform(xy) if transform else xy)

    id_index = fields.indexFromName("id")
    fids = {str(f.attribute(id_index)): f.id() for f in layer.getFeatures()} if id_index >= 0 else {}
    messages: dict[str, str] = {}
    for change in changes:
        nom = change.nom
        if change.op == INSERT:
            feature = QgsFeature(fields)
            for index, qfield in enumerate(fields):
                name = qfield.name()
                if name in specs and name in change.values:
                    feature.setAttribute(index, to_attribute(specs[name], change.values[name]))
                elif name not in specs:
                    feature.setAttribute(index, layer.defaultValue(index))
            if change.point is not None:
                feature.setGeometry(geometry(change.point))
            ok = layer.addFeature(feature)
            messages[change.lieu_id] = (tr("« {nom} » : ajouté à la couche, à enregistrer.").format(nom=nom) if ok else
                                        tr("« {nom} » : n'a pas pu être ajouté à la couche.").format(nom=nom))
            continue
        fid = fids.get(change.lieu_id)
        if fid is None:
            messages[change.lieu_id] = tr("« {nom} » : absent de la couche, modification non appliquée.").format(nom=nom)
            continue
        for name, value in change.values.items():
            index = fields.indexFromName(name)
            if index >= 0 and name in specs:
                layer.changeAttributeValue(fid, index, to_attribute(specs[name], value))
        if change.point is not None:
            layer.changeGeometry(fid, geometry(change.point))
        messages[change.lieu_id] = tr("« {nom} » : modifié dans la couche, à enregistrer.").format(nom=nom)
    return messages


# --------------------------------------------------------------------------- report

REPORT_COLUMNS = ("ligne", "classe", "acceptee", "regle", "score", "id_fichier", "id_base", "nom", "commune", "code_insee", "details",
                  "conflits", "resultat")


def _outcome_messages(outcomes) -> dict[str, tuple[str, str]]:
    if outcomes is None:
        return {}
    outcomes = getattr(getattr(outcomes, "report", outcomes), "outcomes", outcomes)
    if isinstance(outcomes, dict):
        return {k: ("", v) for k, v in outcomes.items()}
    return {o.change.lieu_id: (o.status, o.message) for o in outcomes}


def report(decisions: list[Decision], outcomes=None, *, accepted: Optional[Iterable[int]] = None,
           source: Optional[PartnerFile] = None, title: str = "") -> tuple[str, str]:
    """The import report as ``(csv_text, html_text)``: one line per lieu (and per record not read).

    Without ``outcomes`` it is a dry run (nothing written); with them (the outcomes of ``LieuxSession.push``,
    or ``{lieu_id: message}``) each accepted lieu carries what became of it. Cells are neutralised for
    spreadsheets (a value starting with ``=``, ``+``, ``-``, ``@`` is prefixed with ``'``); HTML is escaped.
    """
    accepted = set(accepted) if accepted is not None else None
    results = _outcome_messages(outcomes)
    lines = []
    for decision in decisions:
        if accepted is None:
            taken = ""
        elif decision.kind not in ACCEPTABLE:
            taken = "—"
        else:
            taken = tr("oui") if decision.index in accepted else tr("non")
        status, message = results.get(decision.target_id, ("", "")) if decision.target_id else ("", "")
        if outcomes is not None and accepted is not None and decision.index not in accepted and decision.kind in ACCEPTABLE:
            message = tr("refusé par l'agent : rien n'a été écrit")
        lines.append({
            "ligne": "" if decision.row_number is None else str(decision.row_number), "classe": decision.kind, "acceptee": taken,
            "regle": rule_label(decision.rule) if decision.rule else "",
            "score": "" if decision.score is None else f"{decision.score:.0f}",
            "id_fichier": decision.row.get("id", ""), "id_base": (decision.base_row or {}).get("id", "") or decision.target_id,
            "nom": decision.nom, "commune": decision.commune, "code_insee": decision.row.get("code_insee", ""),
            "details": decision.detail(), "conflits": ", ".join(decision.conflicts) if decision.kind == MODIFIE else "",
            "resultat": message, "_status": status})
    if source is not None:
        for number, reason in sorted(source.rejected.items()):
            lines.append({name: "" for name in REPORT_COLUMNS} | {"ligne": str(number), "classe": "non_lu", "details": reason, "_status": ""})
        lines.sort(key=lambda line: int(line["ligne"]) if line["ligne"].isdigit() else sys.maxsize)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for line in lines:
        writer.writerow([safe_cell(line[name]) for name in REPORT_COLUMNS])
    return buffer.getvalue(), _html(decisions, lines, outcomes is not None, source, title)


def _html(decisions: list[Decision], lines: list[dict], applied: bool, source: Optional[PartnerFile], title: str) -> str:
    esc = html.escape
    found = counts(decisions)
    heading = title or tr("Rapport d'import")
    mode = tr("Import appliqué : chaque lieu accepté porte la réponse du serveur.") if applied else tr(
        "Essai à blanc : rien n'a été écrit dans la base.")
    parts = ["<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">', f"<title>{esc(heading)}</title>",
             "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;"
             "vertical-align:top;font-size:90%}th{background:#eee}.invalide{background:#fde2e1}.doublon_probable{background:#fff3cd}"
             ".modifie{background:#e7f1ff}.nouveau{background:#e6f4ea}.non_lu{background:#f3e5f5}</style></head><body>",
             f"<h1>{esc(heading)}</h1>", f"<p>{esc(mode)}</p>"]
    if source is not None:
        parts.append(f"<p>{esc(source.summary())}</p>")
        file_issues = [i for i in source.issues if i.row is None]
        if file_issues:
            parts.append("<ul>" + "".join(f"<li>{esc(i.message)}</li>" for i in file_issues) + "</ul>")
    parts.append("<table><tr><th>" + esc(tr("Classe")) + "</th><th>" + esc(tr("Nombre")) + "</th></tr>")
    for kind in CLASSES:
        parts.append(f"<tr class=\"{kind}\"><td>{esc(class_label(kind))}</td><td>{found[kind]}</td></tr>")
    if source is not None and source.rejected:
        parts.append(f"<tr class=\"non_lu\"><td>{esc(tr('Non lus'))}</td><td>{len(source.rejected)}</td></tr>")
    parts.append("</table><h2>" + esc(tr("Détail")) + "</h2><table><tr>")
    parts += [f"<th>{esc(name)}</th>" for name in REPORT_COLUMNS]
    parts.append("</tr>")
    for line in lines:
        parts.append(f"<tr class=\"{esc(line['classe'])}\">" + "".join(f"<td>{esc(line[name])}</td>" for name in REPORT_COLUMNS) + "</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts)


def write_report(decisions: list[Decision], csv_path: Union[str, Path, None], html_path: Union[str, Path, None] = None,
                 outcomes=None, **options) -> tuple[str, str]:
    """Write :func:`report` to files (UTF-8 with BOM for the CSV, so spreadsheets read the accents)."""
    csv_text, html_text = report(decisions, outcomes, **options)
    if csv_path:
        Path(csv_path).write_text(csv_text, encoding="utf-8-sig", newline="")
    if html_path:
        Path(html_path).write_text(html_text, encoding="utf-8")
    return csv_text, html_text


def preview(path: Union[str, Path], base: list[tuple[Row, Optional[Point]]], *, search: Optional[Callable[[str], object]] = None,
            **options) -> tuple[PartnerFile, Optional[GeocodeResult], list[Decision]]:
    """Read a partner file, geocode what lacks a position (when ``search`` is given) and classify it."""
    source = read_partner_file(path)
    geocoded = geocode_missing(source.rows, search, row_numbers=source.row_numbers) if search is not None else None
    if geocoded is not None and geocoded.geocoded:
        source.present_fields.update(("latitude", "longitude"))
    return source, geocoded, classify(source, base, **options)
