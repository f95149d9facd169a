"""Import of partner files: reading every format, classification against the demo base, diffs, changes, reports, bad inputs.

The base is the demo GeoPackage read with sqlite3 (no QGIS). Counts are exact: each fixture of
``tests/data/imports`` is described in its README with what each line is meant to be.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from mednum.core import imports
from mednum.core.imports import (
    DOUBLON,
    GEOMETRY,
    INCHANGE,
    INVALIDE,
    MODIFIE,
    NOUVEAU,
    classify,
    counts,
    default_accepted,
    from_lambert93,
    geocode_missing,
    hours_from_days,
    looks_like_formula,
    read_geopackage_lieux,
    read_partner_file,
    report,
    safe_cell,
    to_lambert93,
)
from mednum.core.schema import load_model

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
IMPORTS = DATA / "imports"
DEMO = REPO / "resources" / "demo" / "demo.gpkg"
TODAY = dt.date(2026, 12, 1)
STD = load_model().standard_names


@pytest.fixture(scope="module")
def base():
    return read_geopackage_lieux(DEMO)


def base_row(base, nom):
    return next(row for row, _point in base if row["nom"] == nom)


def run(path, base, **options):
    source = read_partner_file(path)
    return source, classify(source, base, today=TODAY, **options)


def expected(nouveau=0, modifie=0, inchange=0, doublon=0, invalide=0):
    return {NOUVEAU: nouveau, MODIFIE: modifie, INCHANGE: inchange, DOUBLON: doublon, INVALIDE: invalide}


# --------------------------------------------------------------------------- positions and the base

def test_lambert93_is_the_geocoders():
    # x/y given by the Géoplateforme for these two addresses (tests/data/geocodage)
    assert to_lambert93(2.29653, 49.89021) == pytest.approx((649408.9, 6977057.97), abs=0.02)
    assert to_lambert93(3.28731, 49.84719) == pytest.approx((720679.98, 6972081.48), abs=0.02)
    assert from_lambert93(649408.9, 6977057.97) == pytest.approx((2.29653, 49.89021), abs=1e-6)


def test_demo_base_read_with_sqlite_is_unchanged_against_itself(base):
    assert len(base) == 508 and all(point is not None for _row, point in base)
    first = base[0][0]
    assert first["hdf_aptic"] == "false" and first["hdf_version"] == "1" and first["latitude"] == "49.574594"
    decisions = classify([dict(row) for row, _point in base], base, today=TODAY)
    assert counts(decisions) == expected(inchange=508)


def test_core_imports_runs_without_qgis():
    root = Path(tempfile.mkdtemp())
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    code = (f"import sys; sys.path.insert(0, {str(root)!r}); from mednum.core import imports; "
            f"f = imports.read_partner_file({str(IMPORTS / 'partenaire-standard.csv')!r}); "
            f"b = imports.read_geopackage_lieux({str(DEMO)!r}); d = imports.classify(f, b); imports.report(d); "
            "assert not [m for m in sys.modules if m.startswith(('qgis', 'PyQt'))], 'QGIS importé'; print(len(d))")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "15"


# --------------------------------------------------------------------------- every fixture, exact counts

FIXTURES = {
    "partenaire-standard.csv": ("standard", expected(nouveau=4, modifie=4, inchange=2, doublon=2, invalide=3), 0),
    "partenaire-v0.1-latin1.csv": ("standard_v0_1", expected(nouveau=2, modifie=1, invalide=1), 0),
    "siilab-hdf.csv": ("siilab", expected(nouveau=2, modifie=1, inchange=1), 1),
    "cartographie-nationale.csv": ("standard", expected(nouveau=1, modifie=1, inchange=1), 0),
    "data-inclusion-structures.json": ("data_inclusion", expected(nouveau=1, modifie=2), 1),
    "partenaire.geojson": ("geojson", expected(nouveau=2, inchange=1, doublon=1), 1),
    "sans-coordonnees.csv": ("standard", expected(nouveau=3, doublon=1), 0),
    "tronque.csv": ("standard", expected(nouveau=2), 1),
    "colonnes-inconnues.csv": ("standard", expected(nouveau=1, inchange=1), 0),
    "injection-formules.csv": ("standard", expected(nouveau=1, invalide=3), 0),
    "encodage-utf16.csv": ("standard", expected(nouveau=1, inchange=1), 0),
    "encodage-melange.csv": ("standard", expected(nouveau=2), 0),
    "pas-des-lieux.csv": ("standard", expected(), 0),
    "../exemple-valide.csv": ("standard", expected(nouveau=1), 0),
}


@pytest.mark.parametrize("name", list(FIXTURES))
def test_each_fixture_classifies_exactly_and_drops_nothing(name, base):
    kind, wanted, rejected = FIXTURES[name]
    source, decisions = run(IMPORTS / name, base)
    assert source.format == kind
    assert counts(decisions) == wanted
    assert len(source.rejected) == rejected
    # nothing silently dropped: every record is a row or a reported rejection
    assert source.record_count == len(source.rows) + len(source.rejected)
    assert all(source.rejected.values())
    assert len(decisions) == len(source.rows) and [d.row_number for d in decisions] == source.row_numbers


def test_standard_partner_file_line_by_line(base):
    _source, decisions = run(IMPORTS / "partenaire-standard.csv", base)
    got = {d.row_number: (d.kind, d.rule) for d in decisions}
    assert got == {
        2: (INCHANGE, "id"), 3: (INCHANGE, "id"),
        4: (MODIFIE, "id"), 5: (MODIFIE, "id"), 6: (MODIFIE, "pivot"), 7: (MODIFIE, "ressemblance"),
        8: (NOUVEAU, ""), 9: (NOUVEAU, ""), 10: (NOUVEAU, ""), 11: (NOUVEAU, ""),
        12: (DOUBLON, ""), 13: (DOUBLON, ""),
        14: (INVALIDE, ""), 15: (INVALIDE, ""), 16: (INVALIDE, "id"),
    }
    by_line = {d.row_number: d for d in decisions}
    # a UUID of its own: 10 m from « Médiathèque L'Îlot », same name → a probable duplicate, never merged
    ilot = by_line[12]
    assert ilot.candidates[0].nom == "Médiathèque L'Îlot" and ilot.score == 100
    assert "même commune (80021)" in ilot.detail() and "à 10 m" in ilot.detail()
    quai = by_line[13]
    assert quai.candidates[0].nom == "Tiers-lieu Le Quai" and 70 <= quai.score < imports.STRONG_SCORE
    # French reasons naming the line, the lieu and the field
    assert "Ligne 14 (« Cyberbase de Doullens »), champ « code_postal »" in by_line[14].reasons[0]
    assert {r.split("champ « ")[1].split(" »")[0] for r in by_line[15].reasons} == {"date_maj", "services"}
    assert "champ « telephone »" in by_line[16].reasons[0] and by_line[16].base_row["nom"] == "Association Bits de Cœur"


def test_diff_holds_only_changed_fields_and_empty_never_erases(base):
    _source, decisions = run(IMPORTS / "partenaire-standard.csv", base)
    by_line = {d.row_number: d for d in decisions}
    cyber = by_line[4]
    assert [(c.name, c.old, c.new) for c in cyber.changes] == [
        ("telephone", "+33399506261", "+33322000001"),  # « 03 22 00 00 01 » normalised on reading
        ("horaires", "Tu-Sa 10:00-12:30,13:30-18:00; PH off", "Mo-Fr 09:00-18:00"),
        ("date_maj", "2025-06-27", "2026-11-20")]
    assert all(c.conflict for c in cyber.changes) and not cyber.base_newer
    assert cyber.notes == ["Valeurs corrigées à la lecture : telephone."]
    epn = by_line[5]
    assert [c.name for c in epn.changes] == ["services", GEOMETRY]
    assert epn.moved == pytest.approx(150, abs=0.5)
    chat = by_line[7]
    assert [c.name for c in chat.changes] == ["courriels"]  # pivot 00000000000000 never replaces a real one; « source » is kept
    assert by_line[3].kind == INCHANGE  # courriels and horaires empty in the file
    _source, erasing = run(IMPORTS / "partenaire-standard.csv", base, erase_with_empty=True)
    faubourg = {d.row_number: d for d in erasing}[3]
    assert faubourg.kind == MODIFIE and [(c.name, c.new) for c in faubourg.changes] == [("courriels", ""), ("horaires", "")]


def test_older_date_and_unknown_pivot_never_replace_base_values(base):
    row = dict(base_row(base, "Cyber-espace de Amiens"), date_maj="2020-01-01", pivot="00000000000000")
    decision = classify([row], base, today=TODAY)[0]
    assert decision.kind == INCHANGE and decision.rule == "id"
    newer = classify([dict(row, date_maj="2026-11-30")], base, today=TODAY)[0]
    assert newer.kind == MODIFIE and [c.name for c in newer.changes] == ["date_maj"]
    older = classify([dict(row, telephone="+33322000009")], base, today=TODAY)[0]
    assert older.kind == MODIFIE and older.base_newer  # the base was updated after the partner's date


def test_duplicate_ids_and_two_rows_for_one_lieu(base):
    lieu = base_row(base, "Cyber-espace de Amiens")
    first = dict(lieu, telephone="+33322000001")
    again = dict(lieu, telephone="+33322000002")
    decisions = classify([first, again], base, today=TODAY, row_numbers=[2, 3])
    assert [d.kind for d in decisions] == [MODIFIE, INVALIDE]
    assert "l'identifiant" in decisions[1].reasons[0] and "ligne 2" in decisions[1].reasons[0]
    by_external = dict(lieu, id="partenaire-7", hdf_id_externes="", telephone="+33322000003")
    twice = classify([first, by_external], base, today=TODAY, row_numbers=[2, 3])
    assert [d.kind for d in twice] == [MODIFIE, DOUBLON]
    assert "même lieu de la base que la ligne 2" in twice[1].detail()


def test_siilab_export_hours_typologies_and_external_ids(base):
    source, decisions = run(IMPORTS / "siilab-hdf.csv", base)
    assert source.delimiter == ";" and source.id_prefix == "siilab"
    canopee, mjc, maubeuge, calais = decisions
    assert canopee.kind == INCHANGE and canopee.rule == "id_externe"  # siilab:991 in the base
    assert canopee.row["horaires"] == "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00"
    assert mjc.kind == MODIFIE and {c.name for c in mjc.changes} == {"telephone", "horaires"}
    assert maubeuge.row["typologie"] == "FT" and calais.row["typologie"] == "CS"  # PE → FT, SC → CS (as ANCT maps them)
    assert calais.row["horaires"] == "Tu 09:30-12:00"
    assert source.rejected == {4: "Ligne 4 : 3 valeurs pour 38 colonnes ; ligne non importée (vérifiez les guillemets et le séparateur)."}


def test_hours_from_day_columns():
    assert hours_from_days({"lundi": "9h-12h / 14h-17h", "mardi": "9h-12h / 14h-17h", "samedi": "09:00-12:00", "dimanche": "fermé"}) == (
        "Mo-Tu 09:00-12:00,14:00-17:00; Sa 09:00-12:00", [])
    hours, problems = hours_from_days({"lundi": "le matin", "mardi": "9h30 à 12h"})
    assert hours == "Tu 09:30-12:00" and problems == ["horaires du lundi illisibles (« le matin ») : non repris."]


def test_legacy_latin1_file_is_converted(base):
    source, decisions = run(IMPORTS / "partenaire-v0.1-latin1.csv", base)
    assert source.encoding == "windows-1252" and source.delimiter == ";"
    envol, noyon, compiegne, senlis = decisions
    assert envol.kind == MODIFIE and [c.name for c in envol.changes] == ["telephone"]  # v1-only fields absent: nothing erased
    assert noyon.row["nom"] == "Espace public numérique de Noyon"
    assert noyon.row["services"] == "Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique"
    assert noyon.row["dispositif_programmes_nationaux"] == "Conseillers numériques"
    assert "ban:60471_0270_00002" in noyon.row["hdf_id_externes"]
    assert (compiegne.row["hdf_pass_numerique"], compiegne.row["frais_a_charge"]) == ("true", "Gratuit sous condition")
    assert senlis.kind == INVALIDE


def test_national_cartography_tokens_are_dropped(base):
    source, decisions = run(IMPORTS / "cartographie-nationale.csv", base)
    assert [d.kind for d in decisions] == [INCHANGE, MODIFIE, NOUVEAU]
    assert decisions[0].row["autres_formations_labels"] == "" and decisions[2].row["autres_formations_labels"] == ""
    assert any(i.rule == "jetons_nationaux" for i in source.issues)


def test_data_inclusion_structures_with_services_beside(base):
    source, decisions = run(IMPORTS / "data-inclusion-structures.json", base)
    belleu, tilleuls, bellicourt = decisions
    assert belleu.kind == MODIFIE and belleu.rule == "id" and [c.name for c in belleu.changes] == ["telephone"]
    assert tilleuls.kind == NOUVEAU and tilleuls.row["id"] == ""
    assert tilleuls.row["hdf_id_externes"] == "data-inclusion:dora--a1b2c3d4"
    assert tilleuls.row["services"] == "Accès internet et matériel informatique|Maîtrise des outils numériques du quotidien"
    assert tilleuls.row["modalites_accompagnement"] == "En autonomie|Dans un atelier collectif|À distance"
    assert tilleuls.row["publics_specifiquement_adresses"] == "Familles et/ou enfants|Seniors"
    assert tilleuls.row["modalites_acces"] == "Se présenter|Téléphoner"
    assert (tilleuls.row["frais_a_charge"], tilleuls.row["prise_rdv"]) == ("Gratuit", "https://rdv.example.org/tilleuls")
    assert tilleuls.row["typologie"] == "CAF" and tilleuls.row["pivot"] == "00000000000000"
    assert bellicourt.rule == "pivot" and "site_web" in {c.name for c in bellicourt.changes}
    assert any(i.rule == "colonne_inconnue" and i.field == "champ_inconnu" for i in source.issues)


def test_data_inclusion_without_services_file_or_services_alone(tmp_path):
    alone = tmp_path / "structures.json"
    alone.write_bytes((IMPORTS / "data-inclusion-structures.json").read_bytes())
    source = read_partner_file(alone)
    assert len(source.rows) == 3 and any(i.rule == "services" and "Pas de fichier des services" in i.message for i in source.issues)
    services = read_partner_file(IMPORTS / "data-inclusion-services.json")
    assert services.rows == [] and "choisissez le fichier des structures" in services.file_errors[0].message


def test_geojson_points_polygons_and_copies(base):
    source, decisions = run(IMPORTS / "partenaire.geojson", base)
    assert source.unit == "objet" and source.rejected == {3: "Objet 3 : pas de propriétés ; objet non importé."}
    laon = decisions[2]
    assert laon.point is None and any(i.rule == "geometrie" and i.row == 4 for i in source.issues)
    copy = decisions[3]
    assert copy.kind == DOUBLON and "déjà dans le fichier (objet 2)" in copy.detail()


def test_unknown_columns_are_reported_and_kept_out(base):
    source, decisions = run(IMPORTS / "colonnes-inconnues.csv", base)
    reported = {i.field for i in source.issues if i.rule == "colonne_inconnue"}
    assert reported == {"note_partenaire", "Unnamed: 35"} and any(i.rule == "colonne_sans_nom" for i in source.issues)
    assert all("note_partenaire" not in row and "Unnamed: 35" not in row and "" not in row for row in source.rows)
    assert decisions[0].kind == INCHANGE


def test_formula_cells_are_kept_as_text_flagged_and_neutralised(base):
    source, decisions = run(IMPORTS / "injection-formules.csv", base)
    assert source.rows[0]["nom"] == "=cmd|' /C calc'!A0"  # kept as read, never evaluated
    assert [d.kind for d in decisions] == [INVALIDE, INVALIDE, INVALIDE, NOUVEAU]
    assert "formule de tableur" in decisions[0].reasons[0] and "« nom »" in decisions[0].reasons[0]
    assert "« presentation_resume »" in decisions[1].reasons[0] and "« adresse »" in decisions[2].reasons[0]
    assert decisions[3].row["presentation_detail"].startswith("- Ateliers")  # a dash list is not a formula
    csv_text, html_text = report(decisions, source=source)
    cells = [cell for line in csv.reader(io.StringIO(csv_text)) for cell in line]
    assert "'=cmd|' /C calc'!A0" in cells and "=cmd|' /C calc'!A0" not in cells
    assert not any(cell[:1] in ("=", "@") or cell.startswith("+HYPERLINK") for cell in cells)
    assert "<script" not in html_text and "=cmd|&#x27; /C calc&#x27;!A0" in html_text


def test_formula_detection_and_safe_cells():
    assert looks_like_formula("=1+1") and looks_like_formula("  =cmd|' /C calc'!A0") and looks_like_formula("@SUM(A1)")
    assert looks_like_formula('+HYPERLINK("x")') and looks_like_formula("-cmd|' /C calc'!A0")
    assert not looks_like_formula("- Ateliers le mardi") and not looks_like_formula("+33322334455") and not looks_like_formula("-10 %")
    assert safe_cell("+33322334455") == "+33322334455" and safe_cell("-12.5") == "-12.5"
    assert safe_cell("=A1") == "'=A1" and safe_cell("@x") == "'@x" and safe_cell("-cmd") == "'-cmd"


# --------------------------------------------------------------------------- changes

def test_to_changes_inserts_and_updates_as_chosen(base):
    pytest.importorskip("qgis.core")  # .sync imports the WFS client
    from mednum.core.sync import INSERT, UPDATE

    _source, decisions = run(IMPORTS / "partenaire-standard.csv", base)
    by_line = {d.row_number: d for d in decisions}
    accepted = default_accepted(decisions)
    assert accepted == {d.index for d in decisions if d.kind in (NOUVEAU, MODIFIE)}
    fresh = iter(f"00000000-0000-4000-8000-00000000000{i}" for i in range(10))
    choices = {by_line[4].index: {"telephone": "base"}, by_line[5].index: {GEOMETRY: "base"}}
    changes = imports.to_changes(decisions, accepted, choices, new_id=lambda: next(fresh))
    assert [c.op for c in changes] == [UPDATE] * 4 + [INSERT] * 4
    cyber, epn, embruns, chat = changes[:4]
    assert cyber.values == {"horaires": "Mo-Fr 09:00-18:00", "date_maj": "2026-11-20"} and cyber.point is None
    assert cyber.lieu_id == by_line[4].base_row["id"] and cyber.base["hdf_version"] == "1" and cyber.base_point is not None
    assert set(epn.values) == {"services"} and epn.point is None  # position kept as in the base
    assert embruns.lieu_id == by_line[6].base_row["id"] and by_line[6].base_row["pivot"] == "67192787461792"
    assert set(embruns.values) == {"nom", "site_web"}
    assert chat.values == {"courriels": "numerique@chat-perche.example.org"}
    nord, abbeville, laon, wazemmes = changes[4:]
    assert nord.lieu_id == by_line[8].row["id"] and nord.values["id"] == nord.lieu_id  # its UUID is kept
    assert abbeville.lieu_id == "00000000-0000-4000-8000-000000000000"
    assert abbeville.values["hdf_id_externes"] == "federation-des-centres-sociaux-de-la-somme:cs-abbeville-3"
    assert laon.lieu_id == "00000000-0000-4000-8000-000000000001" and "hdf_id_externes" not in laon.values
    assert nord.point == pytest.approx(by_line[8].point) and nord.values["hdf_statut"] == "brouillon"
    assert not {"latitude", "longitude", "hdf_version"} & set(nord.values)
    assert by_line[8].target_id == nord.lieu_id and wazemmes.values["nom"] == "Atelier numérique de Wazemmes"
    # inchangé and invalide never change anything, even « accepted »; an accepted probable duplicate is a new lieu
    others = {by_line[n].index for n in (2, 14, 12)}
    extra = imports.to_changes(decisions, others)
    assert [(c.op, c.values["nom"]) for c in extra] == [(INSERT, "Mediatheque L'Ilot")]
    # every field kept as in the base: no change at all
    all_base = {by_line[7].index: {"courriels": "base"}}
    assert imports.to_changes(decisions, {by_line[7].index}, all_base) == []


# --------------------------------------------------------------------------- reports

def test_dry_run_report_and_applied_report(base):
    source, decisions = run(IMPORTS / "siilab-hdf.csv", base)
    accepted = default_accepted(decisions)
    csv_text, html_text = report(decisions, accepted=accepted, source=source, title="Essai")
    lines = list(csv.DictReader(io.StringIO(csv_text)))
    assert [(line["ligne"], line["classe"]) for line in lines] == [("2", INCHANGE), ("3", MODIFIE), ("4", "non_lu"), ("5", NOUVEAU),
                                                                    ("6", NOUVEAU)]
    assert [line["acceptee"] for line in lines] == ["—", "oui", "", "oui", "oui"]
    assert lines[1]["regle"] == "même identifiant externe" and "Numéro de téléphone" in lines[1]["details"]
    assert "3 valeurs pour 38 colonnes" in lines[2]["details"]
    assert all(line["resultat"] == "" for line in lines)
    assert "Essai à blanc : rien n&#x27;a été écrit dans la base." in html_text and "<h1>Essai</h1>" in html_text
    decisions[2].target_id = "id-maubeuge"
    _csv, applied_html = report(decisions, {"id-maubeuge": "« Maubeuge » : création enregistrée sur le serveur."},
                                accepted=accepted - {decisions[3].index}, source=source)
    applied = list(csv.DictReader(io.StringIO(_csv)))
    assert applied[3]["resultat"] == "« Maubeuge » : création enregistrée sur le serveur."
    assert applied[4]["resultat"] == "refusé par l'agent : rien n'a été écrit"
    assert "Import appliqué" in applied_html


# --------------------------------------------------------------------------- geocoding

def match(lon, lat, score=0.95, kind="housenumber", citycode="80021", postcode="80000"):
    return SimpleNamespace(lon=lon, lat=lat, score=score, kind=kind, citycode=citycode, postcode=postcode)


def test_geocode_missing_places_rows_of_their_commune_only():
    rows = [dict(nom="A", adresse="10 rue de la République", commune="Amiens", code_insee="80021", code_postal="80000"),
            dict(nom="B", adresse="1 place", commune="Péronne", code_insee="80620"),
            dict(nom="C", adresse="2 rue", commune="Ham", latitude="49.7", longitude="3.07"),
            dict(nom="D", adresse="", commune="Ham"),
            dict(nom="E", adresse="5 rue du Moulin", commune="Albert", code_insee=""),
            dict(nom="F", adresse="Lieu-dit", commune="Nesle")]
    asked = []

    def search(text):
        asked.append(text)
        if text.startswith("10 rue"):
            return [match(2.29653, 49.89021)]
        if text.startswith("1 place"):
            return [match(2.93, 49.93, citycode="80212", postcode="80800")]
        if text.startswith("5 rue"):
            return [match(2.65, 50.0, citycode="80016", postcode="80300")]
        return [match(2.9, 49.7, kind="municipality")]

    result = geocode_missing(rows, search, row_numbers=[2, 3, 4, 5, 6, 7])
    assert asked == ["10 rue de la République Amiens", "1 place Péronne", "5 rue du Moulin Albert", "Lieu-dit Nesle"]
    assert result.geocoded == [0, 4] and result.skipped == 2
    assert (rows[0]["longitude"], rows[0]["latitude"]) == ("2.296530", "49.890210")
    assert rows[4]["code_insee"] == "80016" and rows[4]["code_postal"] == "80300"
    assert result.failed == {1: "ligne 3 « B » : non géocodé, aucune adresse trouvée dans la commune du lieu.",
                             5: "ligne 7 « F » : non géocodé, seule la commune a été trouvée (position trop imprécise)."}


def test_geocoding_errors_are_reported_and_stop_after_repeated_failures():
    class Down(Exception):
        message = "Le service d'adresses 127.0.0.1 est injoignable"

    rows = [dict(nom=f"L{i}", adresse=f"{i} rue", commune="Amiens") for i in range(5)]
    calls = []

    def search(text):
        calls.append(text)
        raise Down()

    result = geocode_missing(rows, search, max_failures=3)
    assert len(calls) == 3 and result.geocoded == [] and sorted(result.failed) == [0, 1, 2, 3, 4]
    assert "injoignable" in result.failed[0] and "service d'adresses indisponible" in result.failed[4]


def test_geocoded_rows_are_then_compared_with_the_base(base):
    source = read_partner_file(IMPORTS / "sans-coordonnees.csv")
    places = {"10 Rue de la République Amiens": match(2.29653, 49.89021),
              "1 Place de l'Hôtel de Ville Saint-Quentin": match(3.28731, 49.84719, citycode="02691", postcode="02100")}
    result = geocode_missing(source.rows, lambda text: [places[text]] if text in places else [], row_numbers=source.row_numbers)
    assert result.geocoded == [0, 1] and sorted(result.failed) == [2, 3]
    decisions = classify(source, base, today=TODAY)
    assert counts(decisions) == expected(nouveau=3, doublon=1)
    assert decisions[0].point == pytest.approx((649408.9, 6977057.97), abs=0.05)


# --------------------------------------------------------------------------- bad inputs

def test_empty_binary_spreadsheet_and_not_lieux_files(tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    assert read_partner_file(empty).file_errors[0].rule == "fichier_vide"
    xlsx = tmp_path / "lieux.csv"
    xlsx.write_bytes(b"PK\x03\x04" + bytes(200))
    assert "enregistrez la feuille au format CSV UTF-8" in read_partner_file(xlsx).file_errors[0].message
    binary = tmp_path / "image.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    assert read_partner_file(binary).file_errors[0].message == "Ce fichier est binaire (ni CSV, ni JSON) : ce n'est pas un fichier de lieux."
    missing = read_partner_file(tmp_path / "absent.csv")
    assert missing.file_errors[0].message.startswith("Fichier illisible")
    other = read_partner_file(IMPORTS / "pas-des-lieux.csv")
    assert other.rows == [] and "n'est pas un fichier de lieux" in other.file_errors[0].message
    assert "code_commune, libelle, population" in other.file_errors[0].message
    json_other = tmp_path / "autre.json"
    json_other.write_text(json.dumps({"type": "Topology", "objects": {}}), "utf-8")
    assert "aucune liste de lieux" in read_partner_file(json_other).file_errors[0].message


def test_truncated_csv_and_truncated_or_broken_json(tmp_path):
    source = read_partner_file(IMPORTS / "tronque.csv")
    assert source.rejected[4].startswith("Ligne 4 : enregistrement illisible (le fichier s'arrête au milieu d'une valeur entre guillemets)")
    assert [i.rule for i in source.file_errors] == ["fichier_tronque"]
    text = (IMPORTS / "data-inclusion-structures.json").read_text("utf-8")
    cut = tmp_path / "structures.json"
    cut.write_text(text[: text.index('"soliguide--88321"') + 5], "utf-8")
    truncated = read_partner_file(cut, services_path=IMPORTS / "data-inclusion-services.json")
    assert [r["nom"] for r in truncated.rows] == ["Mairie de Belleu – point numérique", "Espace de vie sociale Les Tilleuls"]
    assert "tronqué" in truncated.file_errors[0].message and "l'objet 3" in truncated.file_errors[0].message
    broken = tmp_path / "casse.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"nom": "A"}, "geometry": null}, '
                      '{"type": "Feature", "properties": {nom: "B"}}]}', "utf-8")
    result = read_partner_file(broken)
    assert len(result.rows) == 1 and "JSON illisible après l'objet 1" in result.file_errors[0].message
    latin = tmp_path / "latin.json"
    latin.write_bytes('[{"nom": "Médiathèque"}]'.encode("latin-1"))
    assert "n'est pas en UTF-8" in read_partner_file(latin).file_errors[0].message


@pytest.mark.parametrize("chunk", [1, 3, 17, 4096])
def test_json_is_streamed_whatever_the_chunk_size(chunk):
    text = (IMPORTS / "partenaire.geojson").read_text("utf-8")
    scalars = {}
    elements = list(imports._JsonStream(io.StringIO(text), chunk=chunk).top_level(scalars))
    assert [key for key, _e in elements] == ["features"] * 5 and scalars == {"type": "FeatureCollection", "name": "lieux-partenaire"}
    assert elements == [("features", f) for f in json.loads(text)["features"]]
    numbers = list(imports._JsonStream(io.StringIO("[1, 22, 333.5, {\"a\": [1, 2]}]"), chunk=chunk).top_level({}))
    assert [e for _k, e in numbers] == [1, 22, 333.5, {"a": [1, 2]}]


def test_encodings_utf16_and_mixed(base):
    utf16 = read_partner_file(IMPORTS / "encodage-utf16.csv")
    assert (utf16.encoding, utf16.delimiter) == ("utf-16", "\t") and utf16.rows[1]["nom"] == "Espace numérique de Guise"
    mixed = read_partner_file(IMPORTS / "encodage-melange.csv")
    assert [r["nom"] for r in mixed.rows] == ["Médiathèque de Hirson", "Espace numérique de Vervins"]
    assert mixed.encoding == "utf-8+windows-1252" and "Encodages mélangés : 1 ligne(s) en Latin-1" in mixed.issues[0].message


# --------------------------------------------------------------------------- a 50 MB file

@pytest.fixture(scope="module")
def big_files(tmp_path_factory, base):
    """A 50 MB file of lieux (demo lieux with new ids), and a 50 MB CSV that is not a lieux file."""
    folder = tmp_path_factory.mktemp("gros")
    lieux = folder / "lieux-50mo.csv"
    with open(lieux, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(STD)
        n = 0
        while handle.tell() < 50 * 1024 * 1024:
            row, _point = base[n % len(base)]
            writer.writerow([dict(row, id=str(uuid.UUID(int=n + 1)), nom=f"{row['nom']} {n}").get(c, "") for c in STD])
            n += 1
    other = folder / "mesures-50mo.csv"
    with open(other, "w", encoding="utf-8") as handle:
        handle.write("horodatage,capteur,valeur\n")
        line = "2026-01-01T00:00:00,capteur-0001,12.5\n" * 10000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    return lieux, other, n


def _peak(function):
    tracemalloc.start()
    try:
        started = time.perf_counter()
        result = function()
        return result, tracemalloc.get_traced_memory()[1], time.perf_counter() - started
    finally:
        tracemalloc.stop()


def test_50mb_not_lieux_file_is_refused_from_its_header(big_files):
    _lieux, other, _n = big_files
    result, peak, seconds = _peak(lambda: read_partner_file(other))
    assert result.rows == [] and "n'est pas un fichier de lieux" in result.file_errors[0].message
    assert peak < 2_000_000 and seconds < 2


def test_50mb_file_over_the_limit_stops_early_with_bounded_memory(big_files):
    lieux, _other, n = big_files
    result, peak, _seconds = _peak(lambda: read_partner_file(lieux, max_records=2000))
    assert result.rows == [] and result.record_count == 2001
    assert result.file_errors[0].message == ("Fichier trop grand : plus de 2 000 lieux. Découpez-le (par département, par exemple) ; "
                                             "rien n'a été importé.")
    assert peak < 15_000_000  # streamed: a few thousand rows, never the 50 MB


def test_50mb_lieux_file_is_read_whole_line_by_line(big_files):
    lieux, _other, n = big_files
    started = time.perf_counter()
    result = read_partner_file(lieux)
    assert len(result.rows) == n > 30000 and not result.issues
    assert time.perf_counter() - started < 30
