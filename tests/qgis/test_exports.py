"""The Processing algorithm ``mednum:exporter`` (CSV, ODS, GeoJSON, data·inclusion), run for real on the demo base."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import DATA, REPO
from qgis.core import QgsProcessingFeedback

from mednum.core import data_inclusion
from mednum.core.exports import formula_risk, group_rows, neutralize_formula, write_ods
from mednum.core.io_standard import read_lieux
from mednum.core.layer import layer_rows, memory_layer
from mednum.core.schema import load_model
from mednum.core.validation import normalize_row

EVIL = '=HYPERLINK("http://evil")'
EVIL_ODF = 'of:=HYPERLINK("http://evil")'  # what GDAL's ODS driver would write as a real formula
ALL_FORMATS = [0, 1, 2, 3]
HDF = {"02": "Aisne", "59": "Nord", "60": "Oise", "62": "Pas-de-Calais", "80": "Somme"}


@pytest.fixture
def exporter(processing_ready):
    """``mednum:exporter``, added to the provider when the provider does not list it (yet)."""
    from qgis.core import QgsApplication

    from mednum.processing.alg_exporter import Exporter

    if QgsApplication.processingRegistry().algorithmById("mednum:exporter") is None:
        assert processing_ready.addAlgorithm(Exporter())
    assert QgsApplication.processingRegistry().algorithmById("mednum:exporter") is not None
    return "mednum:exporter"


@pytest.fixture
def demo_copy(qgis_app, tmp_path):
    """The lieux of a copy of the demo base, two published names made to look like spreadsheet formulas."""
    from osgeo import ogr
    from qgis.PyQt import sip

    from mednum.core.demo import DEMO_GPKG, demo_layer

    copy = tmp_path / "demo-copie.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    dataset = ogr.Open(str(copy), 1)
    fids = [f.GetFID() for f in dataset.ExecuteSQL("SELECT fid FROM lieux WHERE hdf_statut = 'publie' ORDER BY fid LIMIT 2")]
    for fid, name in zip(fids, (EVIL, EVIL_ODF)):
        dataset.ExecuteSQL(f"UPDATE lieux SET nom = '{name}' WHERE fid = {fid}")
    dataset = None
    lieux = demo_layer("lieux", copy)
    assert lieux.isValid()
    yield lieux
    sip.delete(lieux)


class Collecting(QgsProcessingFeedback):
    """Processing feedback that keeps the messages (errors, warnings and infos apart)."""

    def __init__(self):
        super().__init__()
        self.errors, self.warnings, self.infos = [], [], []

    def reportError(self, error, fatalError=False):
        self.errors.append(error)

    def pushWarning(self, warning):
        self.warnings.append(warning)

    def pushInfo(self, info):
        self.infos.append(info)


def _run(algorithm: str, parameters: dict, feedback=None):
    import processing

    return processing.run(algorithm, parameters, feedback=feedback)


def _published(lieux) -> list[dict[str, str]]:
    """What the export must write: published lieux, normalised (every one is valid in the demo base)."""
    return [normalize_row(row)[0] for _f, row in layer_rows(lieux) if row["hdf_statut"] == "publie"]


def _read_ods(path: Path) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """Sheets of an ODS file read back with OGR: ``{sheet: (columns, rows)}``, every value as text."""
    from osgeo import gdal, ogr

    previous = {key: gdal.GetConfigOption(key) for key in ("OGR_ODS_HEADERS", "OGR_ODS_FIELD_TYPES")}
    gdal.SetConfigOption("OGR_ODS_HEADERS", "FORCE")
    gdal.SetConfigOption("OGR_ODS_FIELD_TYPES", "STRING")
    try:
        dataset = ogr.Open(str(path))
        assert dataset is not None and dataset.GetDriver().GetName() == "ODS"
        sheets = {}
        for index in range(dataset.GetLayerCount()):
            layer = dataset.GetLayer(index)
            definition = layer.GetLayerDefn()
            columns = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
            rows = [{name: feature.GetFieldAsString(name) if feature.IsFieldSetAndNotNull(name) else "" for name in columns}
                    for feature in layer]
            sheets[layer.GetName()] = (columns, rows)
        dataset = None
        return sheets
    finally:
        for key, value in previous.items():
            gdal.SetConfigOption(key, value)


def _frictionless_verdict(csv_path: Path, tmp_path: Path) -> dict:
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless")
    if frictionless is None:
        pytest.skip("frictionless non installé (requirements-test.txt)")
    work = tmp_path / "frictionless"
    work.mkdir()
    shutil.copy(REPO / "resources" / "schema" / "standard-v1.0.2.json", work / "schema.json")
    shutil.copy(csv_path, work / "lieux.csv")  # Frictionless refuses absolute paths as "not safe"
    done = subprocess.run([frictionless, "validate", "--json", "--schema", "schema.json", "lieux.csv"],
                          cwd=work, capture_output=True, text=True, timeout=300)
    return json.loads(done.stdout)


# --- all formats on the demo base ---------------------------------------------------------------


@pytest.fixture
def exported(exporter, demo_copy, tmp_path):
    feedback = Collecting()
    result = _run(exporter, {"INPUT": demo_copy, "FORMATS": ALL_FORMATS, "ID_PRODUCTEUR": "23 590 001 700 015",
                             "TERRITOIRE": "Hauts-de-France", "DOSSIER": str(tmp_path / "exports")}, feedback)
    return result, feedback, _published(demo_copy), demo_copy


def test_only_published_lieux_are_exported(exported):
    result, feedback, published, lieux = exported
    assert result["NB_EXPORTES"] == len(published) == 402
    assert result["NB_NON_PUBLIES"] == lieux.featureCount() - len(published) == 106
    assert result["NB_ECARTES"] == 0 and feedback.errors == []
    assert result["NB_ERREURS_DATA_INCLUSION"] == 0
    ids = {row["id"] for row in published}
    assert {row["id"] for row in read_lieux(result["CSV"]).rows} == ids
    features = json.loads(Path(result["GEOJSON"]).read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["id"] for f in features} == ids


def test_csv_is_the_official_file_and_reimports_identical(exported, tmp_path):
    result, feedback, published, _lieux = exported
    path = Path(result["CSV"])
    assert path.name == f"{dt.date.today().isoformat()}_23590001700015_lieux-de-mediation-numerique_HautsDeFrance.csv"
    names = load_model().standard_names
    assert len(names) == 32
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == names
    assert path.read_bytes().split(b"\n", 1)[0].endswith(b"\r")  # CRLF, as the official example
    back = read_lieux(path)
    assert back.issues == [] and back.rejected_count == 0
    assert [{k: r[k] for k in names} for r in back.rows] == [{k: neutralize_formula(r[k]) for k in names} for r in published]
    # Verbatim in the CSV (exchange file), with a warning in the log
    assert "'" + EVIL in {r["nom"] for r in back.rows} and "'" + EVIL_ODF in {r["nom"] for r in back.rows}
    assert EVIL not in {r["nom"] for r in back.rows}  # never a raw formula in a file a spreadsheet opens
    assert sum(EVIL in w or EVIL_ODF in w for w in feedback.warnings) == 2
    verdict = _frictionless_verdict(path, tmp_path)
    assert verdict["valid"] is True, json.dumps(verdict)[-1500:]
    assert verdict["tasks"][0]["stats"]["rows"] == result["NB_EXPORTES"]


def test_ods_has_one_sheet_per_departement(exported):
    result, feedback, published, _lieux = exported
    path = Path(result["ODS"])
    assert path.suffix == ".ods" and path.stem == Path(result["CSV"]).stem
    sheets = _read_ods(path)
    expected = collections.Counter(f"{r['code_insee'][:2]} - {HDF[r['code_insee'][:2]]}" for r in published)
    assert {name: len(rows) for name, (_c, rows) in sheets.items()} == dict(expected)
    assert list(sheets) == ["02 - Aisne", "59 - Nord", "60 - Oise", "62 - Pas-de-Calais", "80 - Somme"]
    assert sum(len(rows) for _c, rows in sheets.values()) == result["NB_EXPORTES"]
    names = load_model().standard_names
    assert all(columns == names for columns, _rows in sheets.values())
    by_id = {r["id"]: r for _c, rows in sheets.values() for r in rows}
    for row in published:
        assert by_id[row["id"]] == {k: neutralize_formula(row[k]) for k in names}, row["id"]
    assert any(f"« {sheet} » : {n} lieux." in m for m in feedback.infos for sheet, n in expected.items())


def test_ods_neutralises_formulas_but_keeps_phone_numbers(exported):
    result, _feedback, published, _lieux = exported
    rows = [r for _c, sheet_rows in _read_ods(Path(result["ODS"])).values() for r in sheet_rows]
    names = {r["nom"] for r in rows}
    assert "'" + EVIL in names and EVIL not in names
    assert "'" + EVIL_ODF in names and EVIL_ODF not in names
    with zipfile.ZipFile(result["ODS"]) as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert "table:formula" not in content  # GDAL writes « of:= » texts as formulas: none left
    phones = [r["telephone"] for r in rows if r["telephone"]]
    assert phones and all(p.startswith("+33") for p in phones)  # a standard telephone is not a formula risk
    assert {r["code_insee"] for r in rows} == {r["code_insee"] for r in published}  # leading zeros kept (02…)


def test_geojson_features_and_properties(exported):
    result, _feedback, published, _lieux = exported
    collection = json.loads(Path(result["GEOJSON"]).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == result["NB_EXPORTES"]
    names = load_model().standard_names
    by_id = {row["id"]: row for row in published}
    for feature in collection["features"]:
        properties = feature["properties"]
        assert list(properties) == names
        row = by_id[properties["id"]]
        assert properties == {k: row[k] for k in names}  # verbatim, no formula prefix
        assert feature["geometry"]["type"] == "Point"
        assert feature["geometry"]["coordinates"] == [float(row["longitude"]), float(row["latitude"])]


def test_data_inclusion_files_validate(exported):
    result, feedback, published, _lieux = exported
    structures = json.loads(Path(result["DATA_INCLUSION_STRUCTURES"]).read_text(encoding="utf-8"))
    services = json.loads(Path(result["DATA_INCLUSION_SERVICES"]).read_text(encoding="utf-8"))
    assert Path(result["DATA_INCLUSION_STRUCTURES"]).name.endswith("_data-inclusion-structures_HautsDeFrance.json")
    assert len(structures) == len(services) == result["NB_EXPORTES"]
    assert [s["id"] for s in structures] == [f"geo2france--{row['id']}" for row in published]
    assert [s["structure_id"] for s in services] == [s["id"] for s in structures]
    assert structures == data_inclusion.to_structures(published) and services == data_inclusion.to_services(published)
    if not data_inclusion.validator_available():
        pytest.skip("paquet data-inclusion-schema non installé : validation non vérifiable")
    assert data_inclusion.validate(structures, services) == []
    assert "Structures et services conformes au schéma data·inclusion v1." in feedback.infos
    assert all(s["nom"] == "Service d'accompagnement au numérique" for s in services)
    assert [bool(s["thematiques"]) for s in services] == [bool(row["services"]) for row in published]


# --- options ------------------------------------------------------------------------------------


def test_extension_adds_the_hdf_columns_everywhere(exporter, demo_copy, tmp_path):
    result = _run(exporter, {"INPUT": demo_copy, "FORMATS": [0, 1, 2], "EXTENSION": True, "PUBLIES_SEULEMENT": False,
                             "DOSSIER": str(tmp_path)})
    model = load_model()
    columns = model.column_names(include_extension=True)
    assert columns[:32] == model.standard_names and all(c.startswith("hdf_") for c in columns[32:]) and len(columns) > 32
    with open(result["CSV"], encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == columns
        statuses = collections.Counter(row["hdf_statut"] for row in reader)
    assert statuses == collections.Counter(row["hdf_statut"] for _f, row in layer_rows(demo_copy))
    assert result["NB_EXPORTES"] == demo_copy.featureCount() and result["NB_NON_PUBLIES"] == 0
    assert all(cols == columns for cols, _rows in _read_ods(Path(result["ODS"])).values())
    properties = json.loads(Path(result["GEOJSON"]).read_text(encoding="utf-8"))["features"][0]["properties"]
    assert list(properties) == columns
    assert "DATA_INCLUSION_STRUCTURES" not in result or not result["DATA_INCLUSION_STRUCTURES"]


def test_only_the_chosen_formats_are_written(exporter, demo_copy, tmp_path):
    folder = tmp_path / "ods-seul"
    result = _run(exporter, {"INPUT": demo_copy, "FORMATS": [1], "DOSSIER": str(folder)})
    assert [p.suffix for p in folder.iterdir()] == [".ods"]
    assert Path(result["ODS"]).exists()
    assert not result.get("CSV") and not result.get("GEOJSON")


def test_invalid_lieux_are_reported_not_exported(exporter, tmp_path):
    from qgis.PyQt import sip

    with open(DATA / "exemple-valide.csv", encoding="utf-8", newline="") as handle:
        example = next(csv.DictReader(handle))
    full = {spec.name: example.get(spec.name, "") for spec in load_model().fields}
    good = dict(full, hdf_statut="publie")
    broken = dict(good, id="sans-code-postal", nom="Lieu sans code postal", code_postal="")
    draft = dict(good, id="brouillon", hdf_statut="brouillon")
    lieux = memory_layer([good, broken, draft])
    feedback = Collecting()
    try:
        result = _run(exporter, {"INPUT": lieux, "DOSSIER": str(tmp_path), "TERRITOIRE": "Somme"}, feedback)
    finally:
        sip.delete(lieux)
    assert (result["NB_EXPORTES"], result["NB_ECARTES"], result["NB_NON_PUBLIES"]) == (1, 1, 1)
    assert [r["id"] for r in read_lieux(result["CSV"]).rows] == ["structure-1"]
    assert len(json.loads(Path(result["DATA_INCLUSION_SERVICES"]).read_text(encoding="utf-8"))) == 1
    assert [r["id"] for _c, rows in _read_ods(Path(result["ODS"])).values() for r in rows] == ["structure-1"]
    rejected = [m for m in feedback.errors if m.startswith("Non exporté")]
    assert len(rejected) == 1
    assert "Lieu sans code postal" in rejected[0] and "« code_postal »" in rejected[0] and "obligatoire" in rejected[0]


def test_exporter_reads_a_file(exporter, tmp_path):
    result = _run(exporter, {"FICHIER": str(DATA / "exemple-valide.csv"), "FORMATS": ALL_FORMATS, "DOSSIER": str(tmp_path),
                             "SOURCE_DATA_INCLUSION": "cd51"})
    assert result["NB_EXPORTES"] == 1 and result["NB_ECARTES"] == 0
    assert list(_read_ods(Path(result["ODS"]))) == ["51 - Marne"]
    services = json.loads(Path(result["DATA_INCLUSION_SERVICES"]).read_text(encoding="utf-8"))
    assert services[0]["id"] == "cd51--structure-1" and services[0]["source"] == "cd51"
    assert result["NB_ERREURS_DATA_INCLUSION"] == 0


# --- the pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "risky"), [
    (EVIL, True), (EVIL_ODF, True), ("OF:=1", True), ("+cmd|' /C calc'!A0", True), ("-2+3", True), ("@SUM(A1)", True),
    ("\t=1", True), ("\r=1", True), ("- ateliers", True),
    ("+33322334455", False), ("+262262123456", False), ("-1.5", False), ("Espace = numérique", False), ("", False),
    ("02028", False),
])
def test_formula_risk(value, risky):
    assert formula_risk(value) is risky
    assert neutralize_formula(value) == ("'" + value if risky else value)


def test_write_ods_sheets_overseas_corsica_and_no_departement(qgis_app, tmp_path):
    base = {"nom": "Lieu", "code_postal": "80000"}
    rows = [dict(base, id="a", code_insee="97411"), dict(base, id="b", code_insee="2A004"), dict(base, id="c", code_insee="80021"),
            dict(base, id="d", code_insee="21231"), dict(base, id="e", code_insee="", code_postal="97300"),
            dict(base, id="f", code_insee="", code_postal="")]
    counts = write_ods(rows, tmp_path / "t.ods")
    assert counts == {"21 - Côte-d'Or": 1, "2A - Corse-du-Sud": 1, "80 - Somme": 1, "973 - Guyane": 1,
                      "974 - La Réunion": 1, "Sans département": 1}
    assert list(counts) == list(_read_ods(tmp_path / "t.ods"))
    assert list(group_rows(rows, None)) == ["Lieux"]
    assert write_ods([], tmp_path / "vide.ods") == {"Lieux": 0}
    with zipfile.ZipFile(tmp_path / "vide.ods") as archive:  # a valid (empty) workbook; GDAL writes no header without rows
        assert 'table:name="Lieux"' in archive.read("content.xml").decode("utf-8")
