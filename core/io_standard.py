"""Reading and writing lieux in the national standard: CSV (v1.0.x and legacy v0.1.x) and GeoJSON.

Reading never drops a row silently: each record becomes a row, or an :class:`Issue`
saying why it could not. Row numbers count records as Frictionless does (header = 1).
Pure Python.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from .i18n import tr
from .schema import Model, join_multi, load_model, split_multi
from .validation import ERROR, WARNING, Issue, normalize_text, validate_header

FORMAT_V1 = "1.0"
FORMAT_V01 = "0.1"
MAX_FIELD_SIZE = 10 * 1024 * 1024


@dataclass
class ReadResult:
    """Rows read from a file, with how the file was understood and what went wrong."""

    rows: list[dict[str, str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    version: str = FORMAT_V1
    delimiter: str = ","
    encoding: str = "utf-8"
    columns: list[str] = field(default_factory=list)
    extra_values: dict[int, dict[str, str]] = field(default_factory=dict)
    record_count: int = 0

    @property
    def rejected_count(self) -> int:
        return self.record_count - len(self.rows)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), else Windows-1252/Latin-1."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def detect_delimiter(header_line: str) -> str:
    """``;`` or ``,`` (whichever splits the header into more known-looking columns)."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def detect_version(columns: Iterable[str], model: Optional[Model] = None) -> str:
    """``0.1`` when the header holds a column that only the legacy standard has."""
    model = model or load_model()
    legacy_only = set(model.legacy["detect_fields"])
    return FORMAT_V01 if legacy_only & {c.strip() for c in columns} else FORMAT_V1


def _map_legacy_value(target_spec_name: str, mapped: list[str], row: dict[str, str], sep: str) -> None:
    for item in mapped:
        if "=" in item:
            name, value = item.split("=", 1)
        else:
            name, value = target_spec_name, item
        if value == "true":
            row[name] = "true"
        else:
            row[name] = join_multi(split_multi(row.get(name), sep) + [value], sep)


def map_legacy_row(raw: dict[str, str], model: Optional[Model] = None) -> tuple[dict[str, str], list[str]]:
    """A v0.1.x record as a v1.0 row, and French notes on what could not be carried over."""
    model = model or load_model()
    legacy, sep = model.legacy, model.separator
    old_sep = legacy["separator"]
    row = {spec.name: "" for spec in model.fields}
    notes: list[str] = []
    for name, value in raw.items():
        value = value or ""
        if name in legacy["value_maps"]:
            mapping = legacy["value_maps"][name]
            for item in split_multi(normalize_text(value), old_sep):
                mapped = mapping["values"].get(item)
                if mapped is None:
                    # Values without the long explanation ("Gratuit") are matched on their head.
                    heads = {k.split(" : ")[0]: v for k, v in mapping["values"].items()}
                    mapped = heads.get(item.split(" : ")[0])
                if mapped is None:
                    notes.append(tr("« {champ} » : la valeur v0.1 « {valeur} » n'a pas d'équivalent v1.0 ; conservée dans le commentaire interne.").format(  # noqa: E501
                        champ=name, valeur=item))
                    row["hdf_commentaire_interne"] = join_multi(
                        split_multi(row["hdf_commentaire_interne"], " ; ") + [f"{name}: {item}"], " ; ")
                    continue
                if not mapped:
                    notes.append(tr("« {champ} » : « {valeur} » n'existe plus en v1.0 (tout public par défaut).").format(
                        champ=name, valeur=item))
                _map_legacy_value(mapping["target"], mapped, row, sep)
        elif name in legacy["kept_as_external_id"]:
            if value.strip():
                prefix = legacy["kept_as_external_id"][name]
                row["hdf_id_externes"] = join_multi(split_multi(row["hdf_id_externes"], sep) + [f"{prefix}:{value.strip()}"], sep)
        else:
            target = legacy["renames"].get(name, name)
            if model.has_field(target):
                spec = model.field(target)
                if spec.multiple:  # merge: a mapped value may already be there (APTIC…)
                    row[target] = join_multi(split_multi(row[target], sep) + split_multi(value, old_sep), sep)
                else:
                    row[target] = value
    return row, notes


def read_csv(source: Union[str, Path, bytes], model: Optional[Model] = None) -> ReadResult:
    """Read a standard CSV (v1.0.x or v0.1.x, ``,`` or ``;``, UTF-8 or Latin-1)."""
    model = model or load_model()
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text, encoding = decode_bytes(data)
    result = ReadResult(encoding=encoding)
    if encoding != "utf-8":
        result.issues.append(Issue(None, "", "", "encodage", WARNING,
                                   tr("Le fichier n'est pas en UTF-8 : lu comme Windows-1252 (Latin-1). Vérifiez les accents.")))
    first_line = text.split("\n", 1)[0]
    result.delimiter = detect_delimiter(first_line)
    csv.field_size_limit(MAX_FIELD_SIZE)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter, quotechar='"', strict=True)
    try:
        header = next(reader)
    except StopIteration:
        result.issues.append(Issue(None, "", "", "fichier_vide", ERROR, tr("Le fichier est vide : aucun en-tête ni aucune ligne.")))
        return result
    except csv.Error as error:
        result.issues.append(Issue(1, "", "", "csv", ERROR, tr("En-tête illisible : {erreur}.").format(erreur=error)))
        return result
    columns = [unicodedata.normalize("NFC", c).strip().lstrip("\ufeff") for c in header]
    result.columns = columns
    result.version = detect_version(columns, model)
    if result.version == FORMAT_V1:
        result.issues.extend(validate_header(columns, model))
    known = set(model.column_names(include_extension=True))
    record_number = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            record_number += 1
            result.record_count += 1
            result.issues.append(Issue(record_number, "", "", "csv", ERROR,
                                       tr("Ligne {ligne} : enregistrement illisible ({erreur}) ; ligne non importée.").format(
                                           ligne=record_number, erreur=error)))
            continue
        record_number += 1
        if not record or all(not cell.strip() for cell in record):
            # Frictionless counts an empty line as a row too (blank-row error).
            result.record_count += 1
            result.issues.append(Issue(record_number, "", "", "ligne_vide", ERROR,
                                       tr("Ligne {ligne} : ligne vide ; rien à importer.").format(ligne=record_number)))
            continue
        result.record_count += 1
        if len(record) != len(columns):
            result.issues.append(Issue(record_number, "", "", "nombre_colonnes", ERROR,
                                       tr("Ligne {ligne} : {n} valeurs pour {attendu} colonnes ; ligne non importée (vérifiez les guillemets et le séparateur).").format(  # noqa: E501
                                           ligne=record_number, n=len(record), attendu=len(columns))))
            continue
        raw = dict(zip(columns, record))
        if result.version == FORMAT_V01:
            row, notes = map_legacy_row(raw, model)
            for note in notes:
                result.issues.append(Issue(record_number, "", "", "conversion_v0_1", WARNING,
                                           tr("Ligne {ligne} : {note}").format(ligne=record_number, note=note)))
        else:
            row = {spec.name: raw.get(spec.name, "") for spec in model.fields}
        extras = {k: v for k, v in raw.items() if k not in known and v}
        if extras:
            result.extra_values[len(result.rows)] = extras
        result.rows.append(row)
        result.row_numbers.append(record_number)
    return result


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(_cell(v) for v in value)
    return str(value)


def read_geojson(source: Union[str, Path, bytes], model: Optional[Model] = None) -> ReadResult:
    """Read a GeoJSON FeatureCollection of lieux (properties as in the standard; arrays accepted)."""
    model = model or load_model()
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    result = ReadResult(delimiter="")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        result.issues.append(Issue(None, "", "", "geojson", ERROR, tr("GeoJSON illisible : {erreur}.").format(erreur=error)))
        return result
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        result.issues.append(Issue(None, "", "", "geojson", ERROR, tr("Ce fichier n'est pas une FeatureCollection GeoJSON.")))
        return result
    known = set(model.column_names(include_extension=True))
    for index, feature in enumerate(features, start=1):
        result.record_count += 1
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            result.issues.append(Issue(index, "", "", "geojson", ERROR,
                                       tr("Objet {numero} : pas de propriétés ; objet non importé.").format(numero=index)))
            continue
        row = {spec.name: _cell(properties.get(spec.name)) for spec in model.fields}
        geometry = feature.get("geometry") or {}
        if not isinstance(geometry, dict):
            geometry = {"type": type(geometry).__name__}
        coordinates = geometry.get("coordinates")
        if (geometry.get("type") == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2
                and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates[:2])):
            if not row["longitude"] and not row["latitude"]:
                row["longitude"], row["latitude"] = _cell(coordinates[0]), _cell(coordinates[1])
        elif geometry:
            result.issues.append(Issue(index, "", "", "geometrie", WARNING,
                                       tr("Objet {numero} : géométrie « {type} » ignorée (un point est attendu).").format(
                                           numero=index, type=str(geometry.get("type"))[:40])))
        extras = {k: _cell(v) for k, v in properties.items() if k not in known and v not in (None, "")}
        if extras:
            result.extra_values[len(result.rows)] = extras
        result.rows.append(row)
        result.row_numbers.append(index)
    result.columns = sorted({str(k) for f in features if isinstance(f, dict) and isinstance(f.get("properties"), dict)
                             for k in f["properties"]})
    return result


def read_lieux(path: Union[str, Path], model: Optional[Model] = None) -> ReadResult:
    """Read a file of lieux, by its extension: ``.geojson``/``.json`` or CSV."""
    suffix = Path(path).suffix.lower()
    if suffix in (".geojson", ".json"):
        return read_geojson(path, model)
    return read_csv(path, model)


def write_csv(rows: Iterable[dict[str, str]], path: Union[str, Path], include_extension: bool = False,
              model: Optional[Model] = None) -> int:
    """Write lieux as the standard CSV (official column order, UTF-8, comma); returns the row count."""
    model = model or load_model()
    columns = model.column_names(include_extension)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(name) or "" for name in columns])
            count += 1
    return count


def write_geojson(rows: Iterable[dict[str, str]], path: Union[str, Path], include_extension: bool = False,
                  model: Optional[Model] = None) -> int:
    """Write lieux as a GeoJSON FeatureCollection (WGS84 points; values as standard strings)."""
    model = model or load_model()
    columns = model.column_names(include_extension)
    features = []
    for row in rows:
        try:
            geometry = {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]}
        except (KeyError, TypeError, ValueError):
            geometry = None
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {name: row.get(name) or "" for name in columns}})
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False, indent=1)
    return len(features)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Territoire"


def standard_file_name(id_producteur: str, territoire: str, date: Optional[dt.date] = None) -> str:
    """``YYYY-MM-DD_<idProducteur>_lieux-de-mediation-numerique_<territoire>.csv`` (official convention)."""
    date = date or dt.date.today()
    producer = re.sub(r"\s+", "", id_producteur or "") or "00000000000000"
    return f"{date.isoformat()}_{producer}_lieux-de-mediation-numerique_{_slug(territoire)}.csv"
