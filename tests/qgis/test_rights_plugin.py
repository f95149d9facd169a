"""Rights seen from the plugin: read from the server's droits layer, shown, applied before sending; no secret leaks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject, QgsSettings, QgsVectorLayerUtils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import basic_authcfg  # noqa: E402
from test_safe_editing import edit, lieu_in, new_lieu  # noqa: E402

from mednum.core.settings import ConnectionSettings  # noqa: E402
from mednum.core.sync import APPLIED, REFUSED  # noqa: E402
from mednum.ui.lieux_controller import LieuxController  # noqa: E402

USERS = {
    "alice": {"password": "alice-Droits-1", "role": "animateur"},
    "bob": {"password": "bob-Droits-2", "role": "contributeur", "territoires": ["80"]},
    "carol": {"password": "carol-Droits-3", "role": "lecteur"},
}


def load_as(qgis_iface, journal, server, login):
    settings = ConnectionSettings.demo(server.port)
    settings.authcfg = basic_authcfg(login, USERS[login]["password"], name=f"droits-{login}")
    controller = LieuxController(qgis_iface, journal)
    controller.load(settings, wait=True)
    session = controller.session
    session.runner = lambda changes, done: done(session.sync.push(changes))
    return controller, session


def test_contributor_sees_their_scope_and_is_refused_outside_before_sending(wfs_server, journal, qgis_iface, qgis_new_project):
    server = wfs_server(users=USERS)
    qgis_iface.messageBar().clear_messages()
    controller, session = load_as(qgis_iface, journal, server, "bob")
    assert controller.rights.describe() == "Contributeur — Somme (80)"
    assert any("Vous êtes : Contributeur — Somme (80)" in m for m in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Info))
    layer = session.layer
    inside, outside = lieu_in(server, "80"), lieu_in(server, "59")
    feature_out = next(f for f in layer.getFeatures() if f["id"] == outside["id"])
    feature_in = next(f for f in layer.getFeatures() if f["id"] == inside["id"])
    index = layer.fields().indexFromName("code_insee")
    ok_out, errors = QgsVectorLayerUtils.validateAttribute(layer, feature_out, index)
    assert not ok_out and "Hors de votre territoire (Somme (80))" in errors[0]  # the form cannot be validated
    assert QgsVectorLayerUtils.validateAttribute(layer, feature_in, index)[0]
    assert feature_out["droits"] == "Lecture seule : hors de votre territoire" and feature_in["droits"] == "Modifiable"
    from qgis.core import QgsEditFormConfig

    if hasattr(getattr(QgsEditFormConfig, "DataDefinedProperty", None), "Editable"):  # QGIS ≥ 3.30: the form itself is read-only
        from qgis.core import QgsExpressionContext, QgsExpressionContextUtils

        prop = layer.editFormConfig().dataDefinedFieldProperties("nom").property(QgsEditFormConfig.DataDefinedProperty.Editable)
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        context.setFeature(feature_out)
        assert prop.valueAsBool(context, True)[0] is False
        context.setFeature(feature_in)
        assert prop.valueAsBool(context, False)[0] is True

    log_before = server.log.read_text()
    edit(session, outside["id"], nom="Tentative hors territoire")
    edit(session, inside["id"], telephone="+33322111111")
    created_out = new_lieu(session, "Nouveau lieu à Lille", code_insee="59350")
    created_in = new_lieu(session, "Nouveau lieu à Amiens", code_insee="80021")
    result = session.save()
    status = {o.change.lieu_id: o for o in result.report.outcomes}
    assert status[inside["id"]].status == APPLIED and status[created_in["id"]].status == APPLIED
    for lieu_id in (outside["id"], created_out["id"]):
        assert status[lieu_id].status == REFUSED and "hors de votre territoire" in status[lieu_id].message
    assert server.by_id(outside["id"])[0]["nom"] == outside["nom"] and server.by_id(created_out["id"]) == []
    assert server.by_id(created_in["id"])[0]["hdf_statut"] == "a_valider"  # a contributor's new lieu awaits validation
    sent = server.log.read_text()[len(log_before):]
    assert sent.count("POST") >= 1 and "refused" not in sent  # nothing out of scope ever reached the server
    assert sorted(c.lieu_id for c in session.current_changes()) == sorted([outside["id"], created_out["id"]])


def test_reader_layer_is_read_only(wfs_server, journal, qgis_iface, qgis_new_project):
    server = wfs_server(users=USERS)
    controller, session = load_as(qgis_iface, journal, server, "carol")
    assert controller.rights.describe() == "Lecteur — consultation seulement"
    assert session.layer.readOnly() and not session.layer.startEditing()


def test_animator_changes_rights_and_they_take_effect(wfs_server, journal, qgis_iface, qgis_new_project, tmp_path):
    from mednum.core.journal import Journal
    from mednum.ui.rights_dialog import RightsDialog

    server = wfs_server(users=USERS)
    controller, session = load_as(qgis_iface, journal, server, "alice")
    assert controller.rights.describe() == "Animateur — toute la région"
    dialog = RightsDialog(session.sync.client, "droits")
    rows = dialog.rows()
    bob = next(i for i, row in enumerate(rows) if row["login"] == "bob")
    dialog.table.item(bob, 2).setText("dep:59")
    assert dialog.save(), dialog.status.text()
    assert "1 agent(s) modifié(s)" in dialog.status.text() or "Aucun" not in dialog.status.text()
    QgsProject.instance().clear()
    controller_bob, session_bob = load_as(qgis_iface, Journal(tmp_path / "bob.sqlite"), server, "bob")
    assert controller_bob.rights.territories[0].code == "59"
    lille = lieu_in(server, "59")
    edit(session_bob, lille["id"], telephone="+33320000000")
    assert session_bob.save().report.all_applied
    assert server.by_id(lille["id"])[0]["telephone"] == "+33320000000"


def test_no_password_anywhere_after_a_full_session(wfs_server, journal, qgis_iface, qgis_new_project, tmp_path, processing_ready):
    """Settings, project, journal, message log and exported files: the password is only in the auth database."""
    import processing

    server = wfs_server(users=USERS)
    logged: list[str] = []

    def keep(message, tag, level):
        logged.append(f"{tag} {message}")

    QgsApplication.messageLog().messageReceived.connect(keep)
    try:
        _controller, session = load_as(qgis_iface, journal, server, "bob")
        edit(session, lieu_in(server, "80")["id"], nom="Nom modifié par bob")
        session.save()
        out = tmp_path / "exports"
        out.mkdir()
        processing.run("mednum:exporter", {"INPUT": session.layer, "FORMATS": [0, 1, 2, 3], "ID_PRODUCTEUR": "00000000000000",
                                           "TERRITOIRE": "Somme", "PUBLIES_SEULEMENT": False, "DOSSIER": str(out)})
        project_file = tmp_path / "projet.qgz"
        assert QgsProject.instance().write(str(project_file))
        QgsSettings().sync()
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(keep)
    password = USERS["bob"]["password"].encode()
    files = [project_file, Path(journal.path), Path(QgsSettings().fileName())] + sorted(out.iterdir())
    assert len(files) >= 8
    for path in files:
        assert password not in path.read_bytes(), path.name
    assert password.decode() not in "\n".join(logged)
    assert not any("bob-Droits" in url for url in (server.log.read_text(),))


@pytest.fixture(autouse=True)
def _clean_project():
    yield
    QgsProject.instance().clear()
