"""« Charger les lieux » end to end: real server, authcfg, styled group, messages, recovery, no secret leaks."""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsProject, QgsSettings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import USERS, basic_authcfg  # noqa: E402
from test_safe_editing import edit, lieu_in  # noqa: E402

from mednum.core.settings import ConnectionSettings  # noqa: E402
from mednum.core.sync import CONFLICT  # noqa: E402
from mednum.ui.lieux_controller import RESTORE, LieuxController  # noqa: E402


def connection_for(server, authcfg: str = "") -> ConnectionSettings:
    settings = ConnectionSettings.demo(server.port)
    settings.authcfg = authcfg
    return settings


def messages(iface, level) -> list[str]:
    return iface.messageBar().get_messages(level)


def test_load_builds_the_styled_group_with_reference_layers(wfs_server, journal, qgis_iface, qgis_new_project):
    server = wfs_server(users=USERS)
    authcfg = basic_authcfg("alice", USERS["alice"]["password"])
    qgis_iface.messageBar().clear_messages()
    controller = LieuxController(qgis_iface, journal)
    controller.load(connection_for(server, authcfg), wait=True)

    project = QgsProject.instance()
    group = project.layerTreeRoot().children()[0]
    assert group.name() == "Médiation numérique — Géo2France"
    names = [child.layer().name() for child in group.findLayers()]
    assert names == ["Lieux de médiation numérique", "Communes", "EPCI", "Départements"]
    lieux = group.findLayers()[0].layer()
    assert lieux.featureCount() == 508 and not lieux.readOnly()
    assert lieux.renderer().type() == "categorizedSymbol"
    communes = group.findLayers()[1].layer()
    assert communes.isValid() and communes.crs().authid() == "EPSG:2154"
    assert f"authcfg={authcfg}" in communes.source() and USERS["alice"]["password"] not in communes.source()
    assert any("508 lieux chargés (WFS 1.1.0), modifiables" in m for m in messages(qgis_iface, Qgis.MessageLevel.Success))


def test_unreachable_server_adds_no_layer_and_says_why(qgis_iface, qgis_new_project, journal, fresh_network):
    qgis_iface.messageBar().clear_messages()
    controller = LieuxController(qgis_iface, journal)
    controller.load(ConnectionSettings.demo(9), wait=True)
    assert QgsProject.instance().mapLayers() == {}
    critical = messages(qgis_iface, Qgis.MessageLevel.Critical)
    assert critical and "Les lieux n'ont pas été chargés" in critical[0] and "127.0.0.1:9" in critical[0]


def test_credentials_never_in_settings_project_journal_or_log(wfs_server, journal, qgis_iface, qgis_new_project, tmp_path):
    """A full session with a password: it is only in the QGIS auth database."""
    server = wfs_server(users=USERS)
    password = USERS["bob"]["password"]
    authcfg = basic_authcfg("bob", password)
    logged: list[str] = []

    def keep(message, tag, level):
        logged.append(f"{tag} {message}")

    QgsApplication.messageLog().messageReceived.connect(keep)
    try:
        controller = LieuxController(qgis_iface, journal)
        connection = connection_for(server, authcfg)
        from mednum.core.settings import save_settings

        save_settings(connection)
        controller.load(connection, wait=True)
        session = controller.session
        assert session.sync.editor == "bob"
        edit(session, lieu_in(server, "80")["id"], nom="Édité par bob")
        edit(session, lieu_in(server, "59")["id"], nom="Refusé pour bob")
        session.layer.commitChanges()
        QgsApplication.taskManager().waitForFinished(10000) if hasattr(QgsApplication.taskManager(), "waitForFinished") else None
        for _ in range(200):
            QgsApplication.processEvents()
            if session.last_result is not None:
                break
            import time

            time.sleep(0.05)
        assert session.last_result is not None
        project_file = tmp_path / "projet.qgs"
        assert QgsProject.instance().write(str(project_file))
        QgsSettings().sync()
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(keep)
    assert any("Refusé pour bob" in line for line in logged)  # the refusal reached the log, per lieu
    places = {"projet": project_file.read_bytes(), "journal": Path(journal.path).read_bytes(),
              "log": "\n".join(logged).encode(), "réglages": Path(QgsSettings().fileName()).read_bytes()}
    for where, content in places.items():
        assert password.encode() not in content, where
    assert authcfg.encode() in places["projet"]


def test_left_over_changes_are_offered_and_restored(wfs_server, journal, qgis_iface, qgis_new_project):
    server = wfs_server()
    from mednum.core.editing import open_session
    from mednum.core.wfs import WfsClient

    before = open_session(WfsClient(server.url), "lieux", journal, runner=lambda changes, done: None)
    lieu = lieu_in(server, "62")
    edit(before, lieu["id"], nom="Sauvé après la panne")
    before.layer.commitChanges()  # saved locally, QGIS closed before the server answered
    asked = []
    controller = LieuxController(qgis_iface, journal, ask=lambda parent, entries: asked.append(entries) or RESTORE)
    controller.load(connection_for(server), wait=True)
    assert [e.change.lieu_id for e in asked[0]] == [lieu["id"]]
    assert server.by_id(lieu["id"])[0]["nom"] == "Sauvé après la panne"
    assert controller.session.unfinished() == []


def test_conflict_opens_the_choice_and_the_choice_is_kept(wfs_server, journal, qgis_iface, qgis_new_project, tmp_path):
    from mednum.core.editing import open_session
    from mednum.core.journal import Journal
    from mednum.core.wfs import WfsClient
    from mednum.ui.conflict_dialog import ConflictDialog

    server = wfs_server()
    seen = []

    def choose(session, outcome):
        dialog = ConflictDialog(outcome)
        row = dialog.rows.index("nom")  # date_maj is set by the form too
        assert dialog.table.item(row, 2).text() == "Mon nom" and dialog.table.item(row, 3).text() == "Nom de l'autre agent"
        assert set(dialog.choice().values()) == {"theirs"}  # default: keep the other agent's work
        dialog.keep_mine.click()
        seen.append(outcome)
        session.resolve_conflict(outcome.change.lieu_id, dialog.choice())

    controller = LieuxController(qgis_iface, journal, resolve=choose)
    controller.load(connection_for(server), wait=True)
    other = open_session(WfsClient(server.url), "lieux", Journal(tmp_path / "other.sqlite"), editor="autre")
    lieu = lieu_in(server, "02")
    edit(other, lieu["id"], nom="Nom de l'autre agent")
    assert other.save().report.all_applied
    session = controller.session
    session.runner = lambda changes, done: done(session.sync.push(changes))
    edit(session, lieu["id"], nom="Mon nom")
    result = session.save()
    assert result.report.outcomes[0].status == CONFLICT and len(seen) == 1
    assert session.save().report.all_applied
    assert server.by_id(lieu["id"])[0]["nom"] == "Mon nom"


def test_reopened_project_gets_its_lieux_back_from_the_server(wfs_server, journal, qgis_iface, qgis_new_project, tmp_path):
    """QGIS keeps no copy of the lieux in the project: on opening it, they are reloaded from the server."""
    from mednum.core.settings import save_settings

    server = wfs_server()
    connection = connection_for(server)
    save_settings(connection)
    controller = LieuxController(qgis_iface, journal)
    controller.load(connection, wait=True)
    project = QgsProject.instance()
    path = tmp_path / "reouvert.qgs"
    assert project.write(str(path))
    project.clear()
    assert project.read(str(path))
    stale = project.mapLayersByName("Lieux de médiation numérique")[0]
    assert stale.featureCount() == 0  # what QGIS restores by itself
    assert LieuxController(qgis_iface, journal).reload_saved_layers() == 1
    for _ in range(100):
        QgsApplication.processEvents()
        layers = project.mapLayersByName("Lieux de médiation numérique")
        if layers and layers[0].featureCount() == 508:
            break
        import time

        time.sleep(0.05)
    layers = project.mapLayersByName("Lieux de médiation numérique")
    assert len(layers) == 1 and layers[0].featureCount() == 508
    group = project.layerTreeRoot().children()[0]
    assert group.findLayers()[0].layer() is layers[0]
