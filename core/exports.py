"""Exports of lieux: standard CSV, ODS spreadsheet (one sheet per département), GeoJSON, data·inclusion.

Which lieux are exported is decided once (:func:`select_rows`: published only by default,
normalised, a lieu still invalid after normalisation is set aside with its reasons), then
every format is written from the same rows (:func:`export`).

Formula injection (a cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR that a spreadsheet
would run as a formula):

* **ODS** is meant to be opened in a spreadsheet: such values are prefixed with ``'``
  (:func:`neutralize_formula`). Two exceptions keep the data readable: a plain signed number
  (``+33322334455`` — a standard telephone —, ``-1.5``) cannot call a function and is left as is.
  GDAL's ODS driver writes every text as a *string* cell, except a text starting with ``of:=``,
  which it writes as a real formula: that prefix is neutralised too.
* **CSV** (the national standard) and **GeoJSON** are exchange files for programs: values are
  written verbatim, since a ``'`` would change the data (the file would no longer re-import
  identically, and a prefixed telephone would break the standard's pattern). Only lieux valid
  against the standard are written; :func:`formula_risks` lists the free-text values that a
  spreadsheet could still take for a formula, so that the export can warn about them.

GDAL (``osgeo.ogr``) is needed for ODS only and imported there; the rest is pure Python.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from . import data_inclusion
from .i18n import tr
from .io_standard import standard_file_name, write_csv, write_geojson
from .schema import Model, load_model
from .validation import ERROR, Issue, Validator, normalize_row

#: Regional status of a lieu that may be published (``hdf_statut``).
PUBLISHED = "publie"

FORMAT_CSV = "csv"
FORMAT_ODS = "ods"
FORMAT_GEOJSON = "geojson"
FORMAT_DATA_INCLUSION = "data_inclusion"
FORMATS = (FORMAT_CSV, FORMAT_ODS, FORMAT_GEOJSON, FORMAT_DATA_INCLUSION)
#: Keys of the paths returned by :func:`export` for data·inclusion (two files).
STRUCTURES = "structures"
SERVICES = "services"

SHEET_BY_DEPARTEMENT = "departement"
SHEET_NO_DEPARTEMENT = "Sans département"
SHEET_ALL = "Lieux"

#: Names of the départements (COG), for the ODS sheet names « 02 - Aisne ».
DEPARTEMENTS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
    "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
    "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère",
    "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique",
    "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
    "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan",
    "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise", "61": "Orne", "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône", "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe",
    "73": "Savoie", "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne",
    "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var",
    "84": "Vaucluse", "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne",
    "90": "Territoire de Belfort", "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne", "95": "Val-d'Oise", "971": "Guadeloupe", "972": "Martinique", "973": "Guyane",
    "974": "La Réunion", "975": "Saint-Pierre-et-Miquelon", "976": "Mayotte", "977": "Saint-Barthélemy",
    "978": "Saint-Martin", "986": "Wallis-et-Futuna", "987": "Polynésie française", "988": "Nouvelle-Calédonie",
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_SIGNED_NUMBER = re.compile(r"[+-]\d[\d .]*")


class ExportError(Exception):
    """An export that cannot be written (message in French)."""


# --- which lieux --------------------------------------------------------------------------------


@dataclass
class Selection:
    """Lieux to export, and those set aside (with the reasons)."""

    kept: list[dict[str, str]] = field(default_factory=list)
    kept_numbers: list[int] = field(default_factory=list)
    rejected: list[tuple[dict[str, str], list[Issue]]] = field(default_factory=list)
    unpublished: int = 0

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)


def select_rows(rows: Iterable[dict[str, str]], numbers: Optional[Iterable[Optional[int]]] = None,
                only_published: bool = True, validator: Optional[Validator] = None,
                is_canceled: Optional[Callable[[], bool]] = None) -> Selection:
    """Published (or all) lieux, normalised; those still invalid are set aside with their errors.

    Same rules as the algorithm ``exporter_standard``: a lieu whose ``hdf_statut`` is set and is
    not ``publie`` is skipped when ``only_published``; an empty status counts as published
    (files without the regional extension).
    """
    rows = list(rows)
    numbers = list(numbers) if numbers is not None else [index + 2 for index in range(len(rows))]
    validator = validator or Validator()
    selection = Selection()
    for row, number in zip(rows, numbers):
        if is_canceled is not None and is_canceled():
            break
        if only_published and (row.get("hdf_statut") or "") not in ("", PUBLISHED):
            selection.unpublished += 1
            continue
        fixed, _changed = normalize_row(row)
        errors = [issue for issue in validator.validate_row(fixed, number) if issue.severity == ERROR]
        if errors:
            selection.rejected.append((fixed, errors))
            continue
        selection.kept.append(fixed)
        selection.kept_numbers.append(number)
    return selection


# --- formula injection --------------------------------------------------------------------------


def formula_risk(value: Optional[str]) -> bool:
    """True when a spreadsheet could take this text for a formula (see the module docstring)."""
    if not value:
        return False
    if value[:4].lower() == "of:=":
        return True
    if not value.startswith(_FORMULA_START):
        return False
    return not (value[0] in "+-" and _PLAIN_SIGNED_NUMBER.fullmatch(value))


def neutralize_formula(value: Optional[str]) -> str:
    """The text to put in a spreadsheet cell: prefixed with ``'`` when it is a formula risk."""
    value = value or ""
    return "'" + value if formula_risk(value) else value


def formula_risks(rows: Iterable[dict[str, str]], columns: Sequence[str]) -> list[tuple[dict[str, str], str, str]]:
    """``(row, field, value)`` of every value that a spreadsheet could run as a formula."""
    return [(row, name, row.get(name) or "") for row in rows for name in columns if formula_risk(row.get(name))]


# --- ODS ----------------------------------------------------------------------------------------


def sheet_name(code: str) -> str:
    """« 02 - Aisne » for a département code (« Sans département » for none)."""
    if not code:
        return SHEET_NO_DEPARTEMENT
    return f"{code} - {DEPARTEMENTS.get(code, 'Département ' + code)}"


def _departement_of(row: dict[str, str]) -> str:
    code = data_inclusion.departement_code(row.get("code_insee"))
    if code:
        return code
    postal = (row.get("code_postal") or "").strip()
    if re.fullmatch(r"\d{5}", postal) and not postal.startswith("20"):  # Corsica: 2A or 2B, cannot tell
        return postal[:3] if postal.startswith(("97", "98")) else postal[:2]
    return ""


def group_rows(rows: Iterable[dict[str, str]], sheet_by: Optional[str] = SHEET_BY_DEPARTEMENT) -> dict[str, list[dict[str, str]]]:
    """Rows by sheet name, sheets in département order (« Sans département » last), rows in input order.

    The département comes from ``code_insee`` (3 characters for ``97x``/``98x``), else from the postcode.
    """
    rows = list(rows)
    if not sheet_by:
        return {SHEET_ALL: rows}
    if sheet_by != SHEET_BY_DEPARTEMENT:
        raise ValueError(f"sheet_by: {sheet_by!r}")
    by_code: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_code.setdefault(_departement_of(row), []).append(row)
    order = sorted(by_code, key=lambda code: (code == "", {"2A": "020A", "2B": "020B"}.get(code, code.zfill(3))))
    return {sheet_name(code): by_code[code] for code in order}


def write_ods(rows: Iterable[dict[str, str]], path: Union[str, Path], include_extension: bool = False,
              sheet_by: Optional[str] = SHEET_BY_DEPARTEMENT, model: Optional[Model] = None) -> dict[str, int]:
    """Write lieux as an OpenDocument spreadsheet, one sheet per département; returns the count per sheet.

    Columns: the 32 of the standard in official order (+ the ``hdf_`` extension when asked), every
    cell as text; formula risks neutralised (:func:`neutralize_formula`). Written with GDAL's ODS driver
    (which writes the header row of a sheet only when it has rows: no lieu gives one empty sheet « Lieux »).
    """
    from osgeo import ogr

    model = model or load_model()
    columns = model.column_names(include_extension)
    groups = group_rows(rows, sheet_by) or {SHEET_ALL: []}
    path = Path(path)
    if path.exists():
        path.unlink()
    try:
        with _ogr_exceptions(ogr):
            counts = _write_ods_sheets(ogr, groups, columns, path)
    except RuntimeError as error:  # GDAL with exceptions on (3.7+)
        raise ExportError(tr("Écriture du classeur {fichier} impossible : {erreur}").format(fichier=path, erreur=error)) from error
    if not path.exists():
        raise ExportError(tr("Le classeur {fichier} n'a pas été écrit.").format(fichier=path))
    return counts


def _ogr_exceptions(ogr) -> contextlib.AbstractContextManager:
    """GDAL exceptions on for this block only (GDAL 3.7+; older GDAL: return codes are checked)."""
    manager = getattr(ogr, "ExceptionMgr", None)
    return manager(useExceptions=True) if manager is not None else contextlib.nullcontext()


def _write_ods_sheets(ogr, groups: dict[str, list[dict[str, str]]], columns: list[str], path: Path) -> dict[str, int]:
    driver = ogr.GetDriverByName("ODS")
    if driver is None:
        raise ExportError(tr("Le pilote ODS de GDAL n'est pas disponible : impossible d'écrire le classeur."))
    dataset = driver.CreateDataSource(str(path))
    if dataset is None:
        raise ExportError(tr("Impossible de créer le classeur {fichier}.").format(fichier=path))
    counts: dict[str, int] = {}
    try:
        for name, sheet_rows in groups.items():
            layer = dataset.CreateLayer(name, geom_type=ogr.wkbNone)
            if layer is None:
                raise ExportError(tr("Impossible de créer la feuille « {feuille} ».").format(feuille=name))
            for column in columns:
                layer.CreateField(ogr.FieldDefn(column, ogr.OFTString))
            definition = layer.GetLayerDefn()
            for row in sheet_rows:
                feature = ogr.Feature(definition)
                for index, column in enumerate(columns):
                    value = row.get(column) or ""
                    if value:
                        feature.SetField(index, neutralize_formula(value))
                if layer.CreateFeature(feature) != 0:
                    raise ExportError(tr("Écriture impossible dans la feuille « {feuille} ».").format(feuille=name))
            counts[name] = len(sheet_rows)
    finally:
        layer = definition = feature = None
        dataset = None  # the ODS driver writes the file when the dataset is closed
    return counts


# --- all formats --------------------------------------------------------------------------------


def export_file_names(id_producteur: str, territoire: str, date: Optional[dt.date] = None) -> dict[str, str]:
    """File names of each output, after the official CSV name ``YYYY-MM-DD_<id>_lieux-de-mediation-numerique_<territoire>``."""
    csv_name = standard_file_name(id_producteur, territoire, date)
    stem = csv_name[: -len(".csv")]
    return {
        FORMAT_CSV: csv_name,
        FORMAT_ODS: stem + ".ods",
        FORMAT_GEOJSON: stem + ".geojson",
        STRUCTURES: stem.replace("_lieux-de-mediation-numerique_", "_data-inclusion-structures_") + ".json",
        SERVICES: stem.replace("_lieux-de-mediation-numerique_", "_data-inclusion-services_") + ".json",
    }


def export(rows: Sequence[dict[str, str]], formats: Iterable[str], folder: Union[str, Path], id_producteur: str,
           territoire: str, include_extension: bool = False, source: str = data_inclusion.DEFAULT_SOURCE,
           date: Optional[dt.date] = None) -> dict[str, Path]:
    """Write the (already selected) lieux in each format; returns the path of each file written.

    Keys: ``csv``, ``ods``, ``geojson``, and ``structures`` + ``services`` for data·inclusion.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"formats inconnus : {unknown}")
    folder = Path(folder)
    os.makedirs(folder, exist_ok=True)
    names = export_file_names(id_producteur, territoire, date)
    paths: dict[str, Path] = {}
    if FORMAT_CSV in formats:
        paths[FORMAT_CSV] = folder / names[FORMAT_CSV]
        # a CSV is opened in spreadsheets too: a value that would run as a formula gets a leading « ' »
        # (standard values never start like a formula; telephones « +33… » and numbers are left as they are)
        write_csv([{k: neutralize_formula(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows],
                  paths[FORMAT_CSV], include_extension=include_extension)
    if FORMAT_ODS in formats:
        paths[FORMAT_ODS] = folder / names[FORMAT_ODS]
        write_ods(rows, paths[FORMAT_ODS], include_extension=include_extension)
    if FORMAT_GEOJSON in formats:
        paths[FORMAT_GEOJSON] = folder / names[FORMAT_GEOJSON]
        write_geojson(rows, paths[FORMAT_GEOJSON], include_extension=include_extension)
    if FORMAT_DATA_INCLUSION in formats:
        paths[STRUCTURES] = folder / names[STRUCTURES]
        paths[SERVICES] = folder / names[SERVICES]
        data_inclusion.write_json(data_inclusion.to_structures(rows, source), paths[STRUCTURES])
        data_inclusion.write_json(data_inclusion.to_services(rows, source), paths[SERVICES])
    return paths
