"""Import of a partner file, for real: the safe WFS-T editing against the project's WFS-T server, the geocoder
replay, the preview dialog driven through its widgets, and the Processing algorithm ``importer``.

The server's state is always read from its GeoPackage with sqlite3, never through QGIS.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from qgis.core import QgsApplication, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, Qt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geocoder_replay import start_geocoder_replay  # noqa: E402

from mednum.core import geocoder, imports  # noqa: E402
from mednum.core.demo import DEMO_GPKG  # noqa: E402
from mednum.core.editing import open_session  # noqa: E402
from mednum.core.imports import DOUBLON, INCHANGE, INVALIDE, MODIFIE, NOUVEAU  # noqa: E402
from mednum.core.sync import APPLIED  # noqa: E402
from mednum.core.wfs import WfsClient  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
PARTNER = DATA / "partenaire-standard.csv"
TYPENAME = "lieux"
STANDARD_COUNTS = {NOUVEAU: 4, MODIFIE: 4, INCHANGE: 2, DOUBLON: 2, INVALIDE: 3}


def demo_rows() -> dict[str, dict]:
    con = sqlite3.connect(f"file:{DEMO_GPKG}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return {row["id"]: dict(row) for row in con.execute("SELECT * FROM lieux")}
    finally:
        con.close()


def by_line(decisions) -> dict[int, imports.Decision]:
    return {d.row_number: d for d in decisions}


def server_point(row: dict):
    return imports._gpkg_point(row["geom"])


def wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "délai dépassé"
        QCoreApplication.processEvents()
        time.sleep(0.01)


@pytest.fixture
def session_on_server(wfs_server, journal):
    """A fresh WFS-T server on a copy of the demo base and the plugin's editing session on it."""
    server = wfs_server()
    session = open_session(WfsClient(server.url), TYPENAME, journal, editor="agent-import")
    yield server, session
    from qgis.PyQt import sip

    if session.layer.isEditable():
        session.layer.rollBack()
    sip.delete(session.layer)


@pytest.fixture
def lieux_copy(tmp_path, qgis_app):
    """The lieux of a copy of the demo GeoPackage (deleted after the test)."""
    copy = tmp_path / "base.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    lieux = QgsVectorLayer(f"{copy}|layername=lieux", "lieux", "ogr")
    assert lieux.isValid()
    yield lieux
    from qgis.PyQt import sip

    if lieux.isEditable():
        lieux.rollBack()
    sip.delete(lieux)


@pytest.fixture
def replay(tmp_path, fresh_network):
    geocoder._THROTTLE.reset()
    server = start_geocoder_replay(tmp_path / "geocodage")
    yield server
    server.stop()


# --------------------------------------------------------------------------- apply through the safe editing

def test_merge_new_and_modified_through_safe_editing(session_on_server):
    server, session = session_on_server
    before = demo_rows()
    source = imports.read_partner_file(PARTNER)
    decisions = imports.classify(source, imports.base_from_layer(session.layer))
    assert imports.counts(decisions) == STANDARD_COUNTS  # the same against the server's layer as against the GeoPackage
    accepted = imports.default_accepted(decisions)
    changes = imports.to_changes(decisions, accepted)
    outcomes = imports.push_changes(session, changes, batch_size=3)

    assert [o.status for o in outcomes] == [APPLIED] * 8, [o.message for o in outcomes]
    lines = by_line(decisions)
    assert server.count() == 508 + 4
    # new lieux: present once each, as the file says
    for number in (8, 9, 10, 11):
        decision = lines[number]
        stored = server.by_id(decision.target_id)
        assert len(stored) == 1 and stored[0]["nom"] == decision.row["nom"] and stored[0]["hdf_version"] == 1
        assert stored[0]["hdf_dernier_editeur"] == "agent-import" and stored[0]["hdf_statut"] == "brouillon"
        assert server_point(stored[0]) == pytest.approx(decision.point, abs=0.5)
    assert lines[8].target_id == lines[8].row["id"]
    soleil = server.by_id(lines[9].target_id)[0]
    assert soleil["hdf_id_externes"] == "federation-des-centres-sociaux-de-la-somme:cs-abbeville-3"
    # modified lieux: the changed fields, nothing else
    cyber = server.by_id(lines[4].base_row["id"])[0]
    original = before[cyber["id"]]
    assert (cyber["telephone"], cyber["horaires"], cyber["date_maj"]) == ("+33322000001", "Mo-Fr 09:00-18:00", "2026-11-20")
    assert cyber["hdf_version"] == original["hdf_version"] + 1 and cyber["nom"] == original["nom"]
    epn = server.by_id(lines[5].base_row["id"])[0]
    assert "Aide aux démarches administratives" in epn["services"].split("|")
    assert server_point(epn) == pytest.approx(lines[5].point, abs=0.5)
    assert server_point(epn)[0] - server_point(before[epn["id"]])[0] == pytest.approx(150, abs=1)
    embruns = server.by_id(lines[6].base_row["id"])[0]
    assert (embruns["nom"], embruns["site_web"]) == ("Médiathèque les Embruns", "https://embruns.beauvais.example.org/")
    assert embruns["source"] == before[embruns["id"]]["source"]  # who collected the base's data is kept
    chat = server.by_id(lines[7].base_row["id"])[0]
    assert chat["courriels"] == "numerique@chat-perche.example.org" and chat["pivot"] == before[chat["id"]]["pivot"]
    # everything else (unchanged, duplicates' look-alikes, the refused invalid change, the other 500 lieux) is untouched
    modified = {lines[n].base_row["id"] for n in (4, 5, 6, 7)}
    new_ids = {lines[n].target_id for n in (8, 9, 10, 11)}
    after = {row["id"]: row for row in server.rows()}
    assert set(after) == set(before) | new_ids
    for lieu_id, row in before.items():
        if lieu_id not in modified:
            assert after[lieu_id] == row, lieu_id
    assert after[lines[16].base_row["id"]]["telephone"] == before[lines[16].base_row["id"]]["telephone"]
    # the layer holds the server's state, nothing left to send
    assert session.current_changes() == [] and session.unfinished() == []


# --------------------------------------------------------------------------- the dialog

def test_dialog_class_and_field_choices_then_apply(session_on_server, qgis_iface, tmp_path):
    from qgis.PyQt import sip

    from mednum.ui.import_dialog import ImportDialog

    server, session = session_on_server
    before = demo_rows()
    dialog = ImportDialog(qgis_iface, session, str(PARTNER), wait=True, confirm=lambda count: count == 9)
    try:
        assert imports.counts(dialog.decisions) == STANDARD_COUNTS
        assert dialog.count_labels[MODIFIE].text() == "Modifiés : 4 (4 accepté(s))"
        assert dialog.count_labels[DOUBLON].text() == "Doublons probables : 2 (0 accepté(s))"
        assert dialog.model.rowCount() == 15 and dialog.apply_button.isEnabled()
        lines = by_line(dialog.decisions)
        # « Tout refuser » then « Tout accepter » for a class; accept the duplicates, then untick one in the table
        dialog.reject_buttons[MODIFIE].click()
        assert not {d.index for d in dialog.decisions if d.kind == MODIFIE} & dialog.accepted
        dialog.accept_buttons[MODIFIE].click()
        dialog.accept_buttons[DOUBLON].click()
        quai = lines[13].index
        box = dialog.model.index(quai, 0)
        assert dialog.model.data(box, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert dialog.model.setData(box, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
        assert quai not in dialog.accepted and dialog.count_labels[DOUBLON].text() == "Doublons probables : 2 (1 accepté(s))"
        invalid = dialog.model.index(lines[14].index, 0)
        assert not dialog.model.flags(invalid) & Qt.ItemFlag.ItemIsUserCheckable
        # field by field: keep the base's telephone for « Cyber-espace de Amiens »
        cyber = lines[4]
        dialog.select(cyber.index)
        assert list(dialog.combos) == ["telephone", "horaires", "date_maj"]
        assert dialog.fields.item(0, 1).text() == "+33399506261" and dialog.fields.item(0, 2).text() == "+33322000001"
        combo = dialog.combos["telephone"]
        combo.setCurrentIndex(combo.findData(imports.BASE))
        assert dialog.choices[cyber.index] == {"telephone": imports.BASE}
        changes = dialog.changes()
        assert [c.op for c in changes].count("insert") == 5 and [c.op for c in changes].count("update") == 4
        assert next(c for c in changes if c.lieu_id == cyber.base_row["id"]).values == {"horaires": "Mo-Fr 09:00-18:00",
                                                                                        "date_maj": "2026-11-20"}
        report_csv = tmp_path / "rapport.csv"
        dialog.apply(str(report_csv))
        assert dialog.report_view.isVisibleTo(dialog) and not dialog.dry_run_button.isEnabled()
    finally:
        sip.delete(dialog)

    assert server.count() == 508 + 5
    stored = server.by_id(cyber.base_row["id"])[0]
    assert stored["telephone"] == before[stored["id"]]["telephone"] and stored["horaires"] == "Mo-Fr 09:00-18:00"
    ilot = server.by_id(lines[12].target_id)
    assert len(ilot) == 1 and ilot[0]["nom"] == "Mediatheque L'Ilot"  # accepted duplicate: a new lieu
    assert not server.rows("nom = ?", ("Le Quai numérique",))
    with open(report_csv, encoding="utf-8-sig", newline="") as handle:
        report = {int(r["ligne"]): r for r in csv.DictReader(handle)}
    assert report[13]["acceptee"] == "non" and report[13]["resultat"] == "refusé par l'agent : rien n'a été écrit"
    assert report[12]["resultat"].endswith("création enregistrée sur le serveur.")
    assert report[4]["resultat"].endswith("modification enregistrée sur le serveur.")
    assert report[14]["classe"] == INVALIDE and report[14]["acceptee"] == "—"
    assert (tmp_path / "rapport.html").exists()


def test_dialog_dry_run_changes_nothing_on_the_server(session_on_server, qgis_iface, tmp_path):
    from qgis.PyQt import sip

    from mednum.ui.import_dialog import ImportDialog

    server, session = session_on_server
    before = server.rows()
    dialog = ImportDialog(qgis_iface, session, str(PARTNER), wait=True)
    try:
        dialog.accept_buttons[DOUBLON].click()
        csv_text, html_text = dialog.dry_run(str(tmp_path / "essai.csv"))
    finally:
        sip.delete(dialog)
    assert server.rows() == before and not session.layer.isEditable() and session.unfinished() == []
    lines = list(csv.DictReader((tmp_path / "essai.csv").read_text("utf-8-sig").splitlines()))
    assert len(lines) == 15 and all(line["resultat"] == "" for line in lines)
    assert "Essai à blanc" in html_text and (tmp_path / "essai.html").read_text("utf-8") == html_text


def test_dialog_reads_in_a_task_and_applies_to_a_local_layer(lieux_copy, qgis_iface):
    from qgis.PyQt import sip

    from mednum.ui.import_dialog import ImportDialog

    dialog = ImportDialog(qgis_iface, lieux_copy, str(DATA / "siilab-hdf.csv"), confirm=lambda count: True)
    try:
        assert dialog.info.text() == "Analyse du fichier…" and not dialog.apply_button.isEnabled()
        wait_for(lambda: bool(dialog.decisions))
        assert imports.counts(dialog.decisions) == {NOUVEAU: 2, MODIFIE: 1, INCHANGE: 1, DOUBLON: 0, INVALIDE: 0}
        assert "1 enregistrement(s) illisible(s)" in dialog.info.text()
        dialog.apply()
    finally:
        sip.delete(dialog)
    buffer = lieux_copy.editBuffer()
    assert lieux_copy.isEditable() and len(buffer.addedFeatures()) == 2
    added = sorted(f["nom"] for f in buffer.addedFeatures().values())
    assert added == ["Agence France Travail de Maubeuge – espace numérique", "Centre social de la Briqueterie"]
    changed = buffer.changedAttributeValues()
    assert len(changed) == 1
    fid, values = next(iter(changed.items()))
    assert lieux_copy.getFeature(fid)["nom"] == "MJC de Lille"
    assert values[lieux_copy.fields().indexFromName("telephone")] == "+33320550227"


# --------------------------------------------------------------------------- geocoding

def test_rows_without_coordinates_are_placed_by_the_geocoder_replay(replay):
    source = imports.read_partner_file(DATA / "sans-coordonnees.csv")
    result = imports.geocode_missing(source.rows, lambda text: geocoder.search(text, base_url=replay.base_url),
                                     row_numbers=source.row_numbers)
    assert result.geocoded == [0, 1] and sorted(result.failed) == [2, 3]
    assert "adresse introuvable" in result.failed[2]
    queries = [r.param("q") for r in replay.requests()]
    assert queries == ["10 Rue de la République Amiens", "1 Place de l'Hôtel de Ville Saint-Quentin", "3 Rue Inconnue Péronne",
                       "32 Place de l'Hôtel-de-Ville Saint-Quentin"]
    assert imports.row_point(source.rows[0]) == pytest.approx((649408.9, 6977057.97), abs=0.5)
    assert imports.row_point(source.rows[1]) == pytest.approx((720679.98, 6972081.48), abs=0.5)
    decisions = imports.classify(source, imports.read_geopackage_lieux(DEMO_GPKG))
    assert [d.kind for d in decisions] == [NOUVEAU, NOUVEAU, NOUVEAU, DOUBLON]
    assert decisions[3].candidates[0].nom == "France Services de Saint-Quentin"


# --------------------------------------------------------------------------- Processing

def _run_importer(parameters: dict) -> dict:
    import processing

    from mednum.processing.alg_importer import Importer

    algorithm = Importer()
    algorithm.initAlgorithm()
    return processing.run(algorithm, parameters)


def test_processing_dry_run_then_apply_into_the_edit_buffer(processing_ready, lieux_copy, tmp_path):
    from mednum.processing.alg_importer import Importer

    algorithm = Importer()
    assert (algorithm.name(), algorithm.groupId(), algorithm.group()) == ("importer", "mise_a_jour", "Mise à jour")
    parameters = {"FICHIER": str(PARTNER), "BASE": lieux_copy, "RAPPORT": str(tmp_path / "r.csv"), "RAPPORT_HTML": str(tmp_path / "r.html")}
    dry = _run_importer(parameters)
    assert (dry["NB_NOUVEAUX"], dry["NB_MODIFIES"], dry["NB_INCHANGES"], dry["NB_DOUBLONS"], dry["NB_INVALIDES"]) == (4, 4, 2, 2, 3)
    assert dry["NB_APPLIQUES"] == 0 and dry["NB_NON_LUS"] == 0 and not lieux_copy.isEditable()
    assert len(list(csv.DictReader((tmp_path / "r.csv").read_text("utf-8-sig").splitlines()))) == 15
    assert "<table>" in (tmp_path / "r.html").read_text("utf-8")
    applied = _run_importer(dict(parameters, ESSAI_A_BLANC=False, CLASSES_A_APPLIQUER=[0], RAPPORT=str(tmp_path / "a.csv")))
    assert applied["NB_APPLIQUES"] == 4 and lieux_copy.isEditable()
    assert len(lieux_copy.editBuffer().addedFeatures()) == 4 and not lieux_copy.editBuffer().changedAttributeValues()
    report = {r["ligne"]: r for r in csv.DictReader((tmp_path / "a.csv").read_text("utf-8-sig").splitlines())}
    assert report["8"]["resultat"] == "« Espace numérique du quartier Nord » : ajouté à la couche, à enregistrer."


def test_processing_applies_through_the_plugin_session(processing_ready, session_on_server, tmp_path, monkeypatch):
    import qgis.utils

    server, session = session_on_server
    monkeypatch.setitem(qgis.utils.plugins, "mednum-test", SimpleNamespace(controller=SimpleNamespace(session=session)))
    results = _run_importer({"FICHIER": str(DATA / "siilab-hdf.csv"), "BASE": session.layer, "ESSAI_A_BLANC": False,
                             "RAPPORT": str(tmp_path / "s.csv")})
    assert (results["NB_NOUVEAUX"], results["NB_MODIFIES"], results["NB_NON_LUS"], results["NB_APPLIQUES"]) == (2, 1, 1, 3)
    assert server.count() == 510 and not session.layer.isEditable()
    assert server.rows("nom = ?", ("MJC de Lille",))[0]["telephone"] == "+33320550227"
    assert server.rows("nom = ?", ("Centre social de la Briqueterie",))[0]["hdf_id_externes"] == "siilab:50002"
    report = list(csv.DictReader((tmp_path / "s.csv").read_text("utf-8-sig").splitlines()))
    assert [r["resultat"].split(" : ")[-1] for r in report if r["acceptee"] == "oui"] == [
        "modification enregistrée sur le serveur.", "création enregistrée sur le serveur.", "création enregistrée sur le serveur."]
    assert QgsApplication.taskManager().countActiveTasks() == 0
