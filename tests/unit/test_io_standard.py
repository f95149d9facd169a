"""Reading and writing lieux: CSV v1.0 and legacy v0.1, malformed files, GeoJSON, file names."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from tricky_rows import EXAMPLE, EXAMPLE_FILE, TRICKY_ROWS

from mednum.core.io_standard import (
    FORMAT_V01,
    FORMAT_V1,
    read_csv,
    read_geojson,
    read_lieux,
    standard_file_name,
    write_csv,
    write_geojson,
)
from mednum.core.schema import load_model
from mednum.core.validation import ERROR, WARNING, validate_rows

DATA = Path(__file__).resolve().parent.parent / "data"
LEGACY_SEMICOLON = DATA / "legacy-v0.1-pointvirgule.csv"
LEGACY_LATIN1 = DATA / "legacy-v0.1-latin1.csv"
TODAY = dt.date(2025, 1, 1)
MODEL = load_model()
ALL_COLUMNS = MODEL.column_names(include_extension=True)


def full_row(**values) -> dict[str, str]:
    """A row as read_csv returns it: every column of the model, '' when absent."""
    row = {name: "" for name in ALL_COLUMNS}
    row.update(values)
    return row


def raw_records(path: Path, encoding: str, delimiter: str) -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


# --- v1.0 -------------------------------------------------------------------------------

def test_read_official_example():
    result = read_csv(EXAMPLE_FILE)
    assert (result.version, result.delimiter, result.encoding) == (FORMAT_V1, ",", "utf-8")
    assert result.issues == []
    assert result.columns == MODEL.standard_names
    assert result.row_numbers == [2] and result.record_count == 1 and result.rejected_count == 0
    assert result.rows == [full_row(**EXAMPLE)]
    assert result.rows[0]["formations_labels"] == "Formé à « Mon Espace Santé »|Arnia/MedNum BFC (Bourgogne-Franche-Comté)"
    assert read_lieux(EXAMPLE_FILE).rows == result.rows


def test_read_v1_with_bom_semicolon_and_extra_column(tmp_path):
    columns = MODEL.standard_names + ["colonne_maison"]
    path = tmp_path / "bom.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(columns)
        writer.writerow([EXAMPLE.get(c, "x") for c in columns])
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid;pivot;")
    result = read_csv(path)
    assert (result.version, result.delimiter, result.encoding) == (FORMAT_V1, ";", "utf-8")
    assert result.columns[0] == "id"
    assert result.rows == [full_row(**EXAMPLE)]
    assert result.extra_values == {0: {"colonne_maison": "x"}}
    assert [(i.rule, i.severity) for i in result.issues] == [("colonne_inconnue", WARNING)]


# --- legacy v0.1 ------------------------------------------------------------------------

COPIED = ["id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude",
          "longitude", "telephone", "horaires", "presentation_resume", "presentation_detail", "source",
          "structure_parente", "date_maj", "prise_rdv"]

EXPECTED_SEMICOLON = {
    "hdf-lens-epn-001": dict(
        typologie="BIB|EPN",
        courriels="epn@mediatheque-boisjoli.example|accueil@mediatheque-boisjoli.example",
        site_web="https://mediatheque-boisjoli.example/numerique",
        services="Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique|"
                 "Aide aux démarches administratives",
        publics_specifiquement_adresses="Seniors",
        frais_a_charge="Gratuit",
        dispositif_programmes_nationaux="Conseillers numériques",
        autres_formations_labels="APTIC|Label Numérique Inclusif",
        modalites_accompagnement="En autonomie|Dans un atelier collectif",
        fiche_acces_libre="https://acceslibre.beta.gouv.fr/app/62-lens/a/bibliotheque-mediatheque/erp/mediatheque-du-bois-joli/",
        hdf_aptic="true",
        hdf_id_externes="ban:62498_0420_00012",
    ),
    "hdf-stpol-fs-002": dict(
        typologie="RFS|EPCI",
        courriels="franceservices@ternois.example",
        services="Aide aux démarches administratives",
        publics_specifiquement_adresses="Familles et/ou enfants",
        prise_en_charge_specifique="Langues étrangères (anglais)|Langues étrangères (autres)",
        frais_a_charge="Gratuit sous condition|Gratuit",
        dispositif_programmes_nationaux="France Services|Aidants Connect",
        modalites_accompagnement="Accompagnement individuel",
        hdf_pass_numerique="true",
        hdf_id_externes="ban:62767_0150_00003",
    ),
    "hdf-amiens-asso-003": dict(
        typologie="ASSO|RESSOURCERIE",
        courriels="bonjour@octets-solidaires.example",
        site_web="https://octets-solidaires.example|https://www.facebook.com/octetssolidaires",
        services="Acquisition de matériel informatique à prix solidaire|Loisirs et créations numériques",
        publics_specifiquement_adresses="Jeunes|Femmes",
        prise_en_charge_specifique="Illettrisme",
        frais_a_charge="Payant",
        dispositif_programmes_nationaux="Point d'accès numérique CAF|Grande école du numérique",
        formations_labels="Fabriques de Territoire",
        modalites_accompagnement="Dans un atelier collectif",
        hdf_id_externes="ban:80021_4410_00045",
    ),
    "hdf-lille-tl-004": dict(
        typologie="TIERS_LIEUX",
        site_web="https://lafileuse.example",
        services="Maîtrise des outils numériques du quotidien",
        frais_a_charge="Gratuit",
        hdf_commentaire_interne="services: Ateliers robotique",
    ),
}

EXPECTED_LATIN1 = {
    "hdf-beauvais-mq-101": dict(
        typologie="MQ|CCAS",
        courriels="numerique.saintjean@beauvais.example",
        site_web="https://www.beauvais.example/numerique",
        services="Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique",
        prise_en_charge_specifique="Déficience visuelle|Surdité",
        frais_a_charge="Gratuit sous condition",
        autres_formations_labels="Relais pôle emploi",
        modalites_accompagnement="Accompagnement individuel",
        hdf_id_externes="ban:60057_1234_00005",
    ),
    "hdf-laon-bus-102": dict(
        typologie="ENM|DEPT",
        services="Compréhension du monde numérique",
        prise_en_charge_specifique="Handicaps mentaux",
        frais_a_charge="Payant",
        autres_formations_labels="French Tech|Campus connecté|Point relais CAF|Réseau des EPN de l'Aisne",
        hdf_id_externes="ban:02408_0560_00001",
    ),
    "hdf-valenciennes-csc-103": dict(
        typologie="CSC",
        courriels="accueil@csc-dutemple.example",
        services="Parentalité et éducation avec le numérique|Insertion professionnelle via le numérique|"
                 "Accès internet et matériel informatique",
        publics_specifiquement_adresses="Familles et/ou enfants",
        frais_a_charge="Gratuit",
        modalites_accompagnement="En autonomie",
        hdf_id_externes="ban:59606_0780_00020",
    ),
}


@pytest.mark.parametrize("path, encoding, delimiter, expected", [
    (LEGACY_SEMICOLON, "utf-8", ";", EXPECTED_SEMICOLON),
    (LEGACY_LATIN1, "latin-1", ",", EXPECTED_LATIN1),
], ids=["pointvirgule-utf8", "virgule-latin1"])
def test_legacy_v0_1_mapped_exactly(path, encoding, delimiter, expected):
    raw = raw_records(path, encoding, delimiter)
    assert "cle_ban" in raw[0] and len(raw[0]) == 29
    result = read_csv(path)
    assert (result.version, result.delimiter) == (FORMAT_V01, delimiter)
    assert result.encoding == ("utf-8" if encoding == "utf-8" else "windows-1252")
    assert result.record_count == len(raw) == len(result.rows)
    assert result.row_numbers == list(range(2, len(raw) + 2))
    for record, row in zip(raw, result.rows):
        wanted = full_row(**{name: record[name] for name in COPIED}, **expected[record["id"]])
        assert row == wanted, record["id"]
    assert validate_rows(result.rows, today=TODAY).errors == []


def test_legacy_notes_and_encoding_warning():
    result = read_csv(LEGACY_SEMICOLON)
    notes = [(i.row, i.rule, i.severity) for i in result.issues]
    assert notes == [(2, "conversion_v0_1", WARNING), (5, "conversion_v0_1", WARNING)]
    assert "Adultes" in result.issues[0].message and "Ligne 2" in result.issues[0].message
    assert "Ateliers robotique" in result.issues[1].message and "commentaire interne" in result.issues[1].message
    latin1 = read_csv(LEGACY_LATIN1)
    assert [(i.rule, i.severity) for i in latin1.issues] == [("encodage", WARNING)]
    assert "UTF-8" in latin1.issues[0].message
    assert latin1.rows[0]["adresse"] == "5 Rue du Pré Martinet"  # accents decoded right


def test_legacy_fixture_uses_semicolons_inside_quoted_cells():
    text = LEGACY_SEMICOLON.read_text(encoding="utf-8")
    assert '"BIB;EPN"' in text and "S\u2019équiper" in text
    LEGACY_LATIN1.read_bytes().decode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        LEGACY_LATIN1.read_bytes().decode("utf-8")


# --- malformed CSV ----------------------------------------------------------------------

def _example_line(lieu_id: str) -> str:
    line = EXAMPLE_FILE.read_text(encoding="utf-8").splitlines()[1]
    return line.replace(f'"{EXAMPLE["id"]}"', f'"{lieu_id}"', 1)


def test_malformed_csv_every_record_imported_or_reported(tmp_path):
    header = EXAMPLE_FILE.read_text(encoding="utf-8").splitlines()[0]
    lines = [
        header,
        _example_line("ok-2"),                                  # 2 imported
        _example_line("court-3").rsplit(",", 1)[0],             # 3 one value missing
        "",                                                     # 4 blank line
        _example_line("ok-5"),                                  # 5 imported
        _example_line("guillemet-6").replace('"guillemet-6"', '"guillemet"-6'),  # 6 stray quote
        _example_line("long-7") + ',"en trop"',                 # 7 one value too many
        ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",                      # 8 only separators
        _example_line("ok-9"),                                  # 9 imported
        _example_line("ouvert-10")[:-1],                        # 10 unterminated quote (to the end)
    ]
    path = tmp_path / "abime.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = read_csv(path)
    assert [r["id"] for r in result.rows] == ["ok-2", "ok-5", "ok-9"]
    assert result.row_numbers == [2, 5, 9]
    assert result.record_count == 9
    assert len(result.rows) + result.rejected_count == result.record_count
    reported = {i.row: i for i in result.issues if i.severity == ERROR}
    assert sorted(reported) == [3, 4, 6, 7, 8, 10]
    assert len(reported) == result.rejected_count
    assert {n: i.rule for n, i in reported.items()} == {
        3: "nombre_colonnes", 4: "ligne_vide", 6: "csv", 7: "nombre_colonnes", 8: "ligne_vide", 10: "csv"}
    for number, issue in reported.items():
        assert issue.message.startswith(f"Ligne {number} :"), issue.message
    assert "31 valeurs pour 32 colonnes" in reported[3].message
    assert "33 valeurs pour 32 colonnes" in reported[7].message
    assert "non importée" in reported[10].message


def test_empty_file_and_header_only(tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    result = read_csv(empty)
    assert result.rows == [] and [i.rule for i in result.issues] == ["fichier_vide"]
    header_only = tmp_path / "entete.csv"
    write_csv([], header_only)
    result = read_csv(header_only)
    assert result.rows == [] and result.issues == [] and result.record_count == 0


def test_missing_standard_column_is_reported(tmp_path):
    columns = [c for c in MODEL.standard_names if c != "services"]
    path = tmp_path / "incomplet.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerow([EXAMPLE[c] for c in columns])
    result = read_csv(path)
    assert [(i.rule, i.field) for i in result.issues] == [("colonne_manquante", "services")]
    assert result.rows[0]["services"] == ""


# --- GeoJSON ----------------------------------------------------------------------------

def test_read_geojson_arrays_and_point_geometry(tmp_path):
    document = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.2946, 49.8886]},
         "properties": {"id": "geo-1", "nom": "Les Octets Solidaires", "services": ["Aide aux démarches administratives",
                                                                                     "Loisirs et créations numériques"],
                        "hdf_aptic": True, "hdf_version": 3, "champ_maison": "x"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [9.0, 9.0]},
         "properties": {"id": "geo-2", "latitude": "50.6394", "longitude": "3.0750", "courriels": []}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {"id": "geo-3"}},
        {"type": "Feature", "geometry": None},
    ]}
    path = tmp_path / "lieux.geojson"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = read_lieux(path)
    assert [r["id"] for r in result.rows] == ["geo-1", "geo-2", "geo-3"]
    first, second, third = result.rows
    assert first["services"] == "Aide aux démarches administratives|Loisirs et créations numériques"
    assert (first["latitude"], first["longitude"]) == ("49.8886", "2.2946")
    assert (first["hdf_aptic"], first["hdf_version"]) == ("true", "3")
    assert (second["latitude"], second["longitude"]) == ("50.6394", "3.0750")  # properties win
    assert second["courriels"] == ""
    assert (third["latitude"], third["longitude"]) == ("", "")
    assert result.extra_values == {0: {"champ_maison": "x"}}
    assert result.record_count == 4 and result.rejected_count == 1
    assert [(i.row, i.rule, i.severity) for i in result.issues] == [(3, "geometrie", WARNING), (4, "geojson", ERROR)]


def test_read_geojson_not_a_feature_collection(tmp_path):
    path = tmp_path / "autre.geojson"
    path.write_text('{"type": "Point", "coordinates": [1, 2]}', encoding="utf-8")
    assert [i.rule for i in read_geojson(path).issues] == ["geojson"]
    path.write_text("{pas du json", encoding="utf-8")
    assert [i.rule for i in read_geojson(path).issues] == ["geojson"]


def test_write_geojson_and_read_back(tmp_path):
    rows = [dict(EXAMPLE), {**EXAMPLE, "id": "sans-coordonnees", "latitude": "", "longitude": ""}]
    path = tmp_path / "export.geojson"
    assert write_geojson(rows, path) == 2
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    first, second = document["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [5.41423, 43.52609]}
    assert second["geometry"] is None
    assert list(first["properties"]) == MODEL.standard_names
    assert first["properties"]["services"] == EXAMPLE["services"]
    assert read_geojson(path).rows == [full_row(**row) for row in rows]


# --- CSV export, re-read identical ------------------------------------------------------

AWKWARD = {
    "nom": 'La "Maison", du numérique',
    "presentation_detail": 'Ligne 1, avec virgule\nLigne 2 "citée"\r\nLigne 3 ; point-virgule\rfin',
    "complement_adresse": "  espaces conservés  ",
    "horaires": "Mo-Fr 09:00-12:00,14:00-18:30; PH off",
    "autres_formations_labels": "Label « A »|Label, B|Label\u00a0C",
    "source": "emoji \U0001F4BB et tabulation\tici",
}


@pytest.mark.parametrize("rows", [
    [dict(EXAMPLE)],
    [{**EXAMPLE, **AWKWARD}],
    [row for _, row in TRICKY_ROWS],
], ids=["exemple-officiel", "virgules-guillemets-retours", "lignes-pieges"])
def test_write_then_read_gives_identical_rows(tmp_path, rows):
    path = tmp_path / "export.csv"
    assert write_csv(rows, path) == len(rows)
    result = read_csv(path)
    assert [i for i in result.issues if i.severity == ERROR] == []
    assert result.rows == [full_row(**row) for row in rows]
    assert path.read_bytes().startswith(b'id,pivot,nom,commune,')


def test_export_of_the_official_example_is_byte_compatible_with_csv_module(tmp_path):
    path = tmp_path / "export.csv"
    write_csv([EXAMPLE], path)
    assert raw_records(path, "utf-8", ",") == [EXAMPLE]


def test_write_with_extension_columns(tmp_path):
    row = full_row(**EXAMPLE, hdf_statut="publie", hdf_aptic="true", hdf_id_externes="ban:51454_1234_00012|siilab:42")
    path = tmp_path / "interne.csv"
    write_csv([row], path, include_extension=True)
    result = read_csv(path)
    assert result.columns == ALL_COLUMNS
    assert result.rows == [row] and result.issues == []
    standard_only = tmp_path / "public.csv"
    write_csv([row], standard_only)
    assert read_csv(standard_only).columns == MODEL.standard_names


# --- file name --------------------------------------------------------------------------

@pytest.mark.parametrize("producer, territory, expected", [
    ("24330031600011", "Bordeaux Métropole", "2022-07-25_24330031600011_lieux-de-mediation-numerique_BordeauxMetropole.csv"),
    ("200 093 201 00016", "Hauts-de-France", "2022-07-25_20009320100016_lieux-de-mediation-numerique_HautsDeFrance.csv"),
    ("W595012345", "Métropole européenne de Lille", "2022-07-25_W595012345_lieux-de-mediation-numerique_MetropoleEuropeenneDeLille.csv"),
    ("", "", "2022-07-25_00000000000000_lieux-de-mediation-numerique_Territoire.csv"),
])
def test_standard_file_name(producer, territory, expected):
    assert standard_file_name(producer, territory, dt.date(2022, 7, 25)) == expected


def test_standard_file_name_defaults_to_today():
    name = standard_file_name("24330031600011", "Somme")
    assert name == f"{dt.date.today().isoformat()}_24330031600011_lieux-de-mediation-numerique_Somme.csv"
