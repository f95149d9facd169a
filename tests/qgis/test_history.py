"""History of the lieux on the project's real WFS-T server: recorded once per change, read back, restored, append-only.

The server's state is read from its GeoPackage directly (sqlite3), never through QGIS.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import USERS, basic_authcfg  # noqa: E402
from test_safe_editing import edit, fid_of, lieu_in, new_lieu  # noqa: E402

from mednum.core.editing import open_session  # noqa: E402
from mednum.core.history import HistoryWriter, history_rows, read, restore_change  # noqa: E402
from mednum.core.sync import APPLIED  # noqa: E402
from mednum.core.wfs import TransactionBuilder, WfsClient  # noqa: E402

TYPENAME, HISTORY = "lieux", "historique"
NOTE = "historique non enregistré"


@pytest.fixture
def alice(qgis_app):
    return basic_authcfg("alice", USERS["alice"]["password"])


@pytest.fixture
def bob(qgis_app):
    return basic_authcfg("bob", USERS["bob"]["password"])


@pytest.fixture
def carol(qgis_app):
    return basic_authcfg("carol", USERS["carol"]["password"])


def saved(session):
    result = session.save()
    assert [o.status for o in result.report.outcomes] == [APPLIED] * len(result.report.outcomes), result.messages
    assert not any(NOTE in m for m in result.messages), result.messages
    return result


def summary(rows: list[dict]) -> list[tuple]:
    """The rows, less ``date_maj`` (the form sets it to today on every edit: a row when the lieu's was older)."""
    return [(r["action"], r["champ"], r["ancienne_valeur"], r["nouvelle_valeur"], r["auteur"], r["version"]) for r in rows
            if r["champ"] != "date_maj"]


def test_create_update_close_delete_are_recorded_once_each(wfs_server, journal, alice):
    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    feature = new_lieu(session, "Lieu historisé")
    lieu_id = feature["id"]
    saved(session)
    edit(session, lieu_id, nom="Lieu historisé <renommé> & Cie", telephone="+33322000001")
    saved(session)
    edit(session, lieu_id, hdf_statut="ferme")
    saved(session)
    session.layer.startEditing()
    session.layer.deleteFeature(fid_of(session, lieu_id))
    saved(session)
    assert server.by_id(lieu_id) == []

    rows = server.history("lieu_id = ?", (lieu_id,))
    assert len(rows) == 5 and len({r["id"] for r in rows}) == 5
    creation, *changes, deletion = rows
    assert summary([creation])[0][:2] == ("creation", None) and creation["version"] == 1 and creation["auteur"] == "alice"
    created = json.loads(creation["nouvelle_valeur"])
    assert created["nom"] == "Lieu historisé" and created["id"] == lieu_id and created["geometry"].startswith("POINT (")
    assert sorted(summary(changes), key=lambda r: (r[5], r[1])) == [
        ("modification", "nom", "Lieu historisé", "Lieu historisé <renommé> & Cie", "alice", 2),
        ("modification", "telephone", None, "+33322000001", "alice", 2),
        ("fermeture", "hdf_statut", "brouillon", "ferme", "alice", 3)]
    assert (deletion["action"], deletion["champ"], deletion["nouvelle_valeur"], deletion["version"]) == ("suppression", None, None, 4)
    assert json.loads(deletion["ancienne_valeur"])["hdf_statut"] == "ferme"
    assert all(r["date"] and r["date"].startswith("20") for r in rows)
    assert len({r["lot"] for r in rows}) == 4  # one batch per push
    # read back through WFS, oldest first, as the history dialog shows it
    assert [(r["action"], r["champ"], r["version"]) for r in read(session.sync.client, HISTORY, lieu_id)] == [
        ("creation", "", 1), ("modification", "nom", 2), ("modification", "telephone", 2), ("fermeture", "hdf_statut", 3),
        ("suppression", "", 4)]


def test_a_resent_history_write_never_duplicates(wfs_server, journal, alice):
    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    lieu = lieu_in(server, "80")
    edit(session, lieu["id"], nom="Nom une fois", courriels="contact@example.org")
    outcome = saved(session).report.outcomes[0]
    stored = server.history("lieu_id = ?", (lieu["id"],))
    assert {"nom", "courriels"} <= {r["champ"] for r in stored}
    writer = HistoryWriter(session.sync.client, HISTORY)
    again = history_rows(outcome, "alice", "autre-lot", "2026-12-01T00:00:00Z")  # same change, rebuilt later
    assert sorted(r["id"] for r in again) == sorted(r["id"] for r in stored)
    assert writer.write(again) == (0, "")
    assert writer.write(again + again) == (0, "")
    assert server.history("lieu_id = ?", (lieu["id"],)) == stored
    fresh = [dict(row, id=f"00000000-0000-4000-8000-00000000000{i}", lieu_id="essai") for i, row in enumerate(again)]
    assert writer.write(fresh) == (len(fresh), "")
    assert writer.write(fresh) == (0, "")
    assert writer.write(fresh[:1] + fresh) == (0, "")
    assert len(server.history("lieu_id = 'essai'")) == len(fresh)


def test_restoring_an_earlier_version_is_an_update_recorded_as_such(wfs_server, journal, alice, qgis_app):
    from mednum.ui.history_dialog import HistoryDialog

    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    lieu = lieu_in(server, "80")
    start = lieu["hdf_version"]
    edit(session, lieu["id"], nom="Deuxième nom", telephone="+33322000002")
    saved(session)
    edit(session, lieu["id"], nom="Troisième nom")
    saved(session)
    history = read(session.sync.client, HISTORY, lieu["id"])
    assert [(r["champ"], r["version"]) for r in history if r["champ"] != "date_maj"] == [
        ("nom", start + 1), ("telephone", start + 1), ("nom", start + 2)]

    asked = []
    dialog = HistoryDialog(session, lieu["id"], ask=lambda title, text: asked.append(text) or True)
    assert dialog.table.rowCount() == len(history)
    assert dialog.restore(start + 1)  # back to the state after the first edit
    assert "Troisième nom" in asked[0] and "Deuxième nom" in asked[0]
    row = server.by_id(lieu["id"])[0]
    assert (row["nom"], row["telephone"], row["hdf_version"]) == ("Deuxième nom", "+33322000002", start + 3)
    restored = server.history("lieu_id = ? AND action = 'restauration'", (lieu["id"],))
    assert summary(restored) == [("restauration", "nom", "Troisième nom", "Deuxième nom", "alice", start + 3)]
    assert dialog.table.rowCount() == len(history) + len(restored)

    # the original values (before any edit, a version the history only knows as "ancienne valeur")
    change = restore_change(session, read(session.sync.client, HISTORY, lieu["id"]), start)
    assert change.origin == "restauration"
    assert {k: v for k, v in change.values.items() if k != "date_maj"} == {"nom": lieu["nom"], "telephone": lieu["telephone"] or ""}
    assert session.push([change]).report.all_applied
    row = server.by_id(lieu["id"])[0]
    assert (row["nom"], row["telephone"], row["date_maj"]) == (lieu["nom"], lieu["telephone"], lieu["date_maj"])
    assert len(summary(server.history("lieu_id = ? AND action = 'restauration'", (lieu["id"],)))) == 3


def test_a_restoration_follows_the_concurrency_rules(wfs_server, journal, tmp_path, alice):
    from mednum.core.journal import Journal
    from mednum.core.sync import CONFLICT

    server = wfs_server(users=USERS)
    mine = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    lieu = lieu_in(server, "62")
    edit(mine, lieu["id"], nom="Nom de A")
    saved(mine)
    other = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, Journal(tmp_path / "b.sqlite"), editor="autre")
    edit(other, lieu["id"], telephone="+33321000000")
    saved(other)
    # A restores the original version from a base the server has moved past: a conflict, nothing overwritten
    change = restore_change(mine, read(mine.sync.client, HISTORY, lieu["id"]), lieu["hdf_version"])
    assert change.values.get("nom") == lieu["nom"] and "telephone" not in change.values
    assert change.base_version == lieu["hdf_version"] + 1
    result = mine.push([change])
    assert result.report.outcomes[0].status == CONFLICT
    row = server.by_id(lieu["id"])[0]
    assert (row["nom"], row["telephone"], row["hdf_version"]) == ("Nom de A", "+33321000000", lieu["hdf_version"] + 2)
    assert server.history("action = 'restauration'") == []


def test_contributor_writes_history_of_their_territory(wfs_server, journal, bob):
    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=bob), TYPENAME, journal, editor="bob")
    lieu = lieu_in(server, "80")
    edit(session, lieu["id"], telephone="+33322000003")
    saved(session)
    assert summary(server.history("lieu_id = ?", (lieu["id"],))) == [
        ("modification", "telephone", lieu["telephone"], "+33322000003", "bob", lieu["hdf_version"] + 1)]


def test_without_a_history_layer_edits_are_applied_with_one_note(wfs_server, journal, alice):
    server = wfs_server("--no-history", users=USERS)
    session = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    assert session.sync.client.capabilities().find(HISTORY) is None
    first, second = lieu_in(server, "80"), lieu_in(server, "02")
    edit(session, first["id"], nom="Sans historique 1")
    edit(session, second["id"], nom="Sans historique 2")
    result = session.save()
    assert result.report.all_applied
    assert sum(m.count(NOTE) for m in result.messages) == 1, result.messages
    assert NOTE in result.report.summary() and "historique" in result.report.notes[0]
    assert server.by_id(first["id"])[0]["nom"] == "Sans historique 1"
    assert session.current_changes() == [] and session.unfinished() == []
    # said once: the next saves are silent
    edit(session, first["id"], nom="Sans historique 3")
    result = session.save()
    assert result.report.all_applied and not any(NOTE in m for m in result.messages) and result.report.notes == []
    assert server.history() == []


def test_a_failed_history_write_keeps_the_edit_and_is_sent_again(wfs_server, journal, alice):
    from mednum.scripts.fault_proxy import FaultProxy

    server = wfs_server(users=USERS)
    proxy = FaultProxy().start("127.0.0.1", server.port)
    try:
        session = open_session(WfsClient(proxy.url(), authcfg=alice), TYPENAME, journal, editor="alice")
        lieu = lieu_in(server, "59")
        proxy.set_rules([{"match": {"method": "POST", "body": ":historique>"}, "action": "drop_before", "times": -1}])
        edit(session, lieu["id"], nom="Historique en retard")
        result = session.save()
        assert result.report.all_applied and sum(m.count(NOTE) for m in result.messages) == 1, result.messages
        assert server.by_id(lieu["id"])[0]["nom"] == "Historique en retard"
        assert server.history() == [] and "nom" in [r["champ"] for r in session.sync.history_backlog]
        # the network is back: the next push sends the late rows with its own, once
        proxy.reset()
        edit(session, lieu["id"], telephone="+33320000000")
        saved(session)
        assert sorted((r[5], r[1]) for r in summary(server.history("lieu_id = ?", (lieu["id"],)))) == [
            (lieu["hdf_version"] + 1, "nom"), (lieu["hdf_version"] + 2, "telephone")]
        assert session.sync.history_backlog == []
    finally:
        proxy.stop()


def history_update(client, lieu_id: str) -> bytes:
    builder = TransactionBuilder(client.schema(HISTORY), client.version)
    builder.update({"auteur": "falsifié"}, None, [("lieu_id", lieu_id)])
    return builder.tobytes()


def history_delete(client, fid: str) -> bytes:
    builder = TransactionBuilder(client.schema(HISTORY), client.version)
    builder.delete(fid)
    return builder.tobytes()


@pytest.mark.parametrize("guarded", [True, False], ids=["authentifie", "sans-authentification"])
def test_history_is_append_only(wfs_server, journal, alice, carol, guarded):
    server = wfs_server(users=USERS if guarded else None)
    editor = WfsClient(server.url, authcfg=alice if guarded else "")
    session = open_session(editor, TYPENAME, journal, editor="alice")
    lieu = lieu_in(server, "80")
    edit(session, lieu["id"], nom="Historique intouchable")
    saved(session)
    before = server.history()
    assert "nom" in [r["champ"] for r in before]
    assert editor.feature_type(HISTORY).operations >= {"Insert"}
    assert not {"Update", "Delete"} & editor.feature_type(HISTORY).operations

    for body in (history_update(editor, lieu["id"]), history_delete(editor, f"{HISTORY}.{before[0]['fid']}")):
        result = editor.transaction(body)
        assert result.error or (result.updated, result.deleted) == (0, 0), result
        if guarded:  # refused by the guard (Basic auth roles), whatever the role
            assert result.status == 403 and "append-only" in result.error
        else:  # refused by QGIS Server itself: the layer is published with WFS-T Insert only
            assert "No permissions" in " ".join(result.messages), result
    assert server.history() == before

    if guarded:  # a reader may not add history rows either
        reader = WfsClient(server.url, authcfg=carol)
        rows = [dict(before[0], id="00000000-0000-4000-8000-0000000000ff", version=99, champ="nom")]
        written, error = HistoryWriter(reader, HISTORY).write([{k: v for k, v in r.items() if k != "fid"} for r in rows])
        assert written == 0 and "HTTP 403" in error and "lecteur" in error
        assert server.history() == before


def test_history_action_opens_the_lieus_history(wfs_server, journal, alice):
    from qgis.core import QgsProject

    from mednum.ui.history_dialog import install_history_action, open_history

    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    lieu = lieu_in(server, "02")
    edit(session, lieu["id"], nom="Vu dans l'historique")
    saved(session)
    install_history_action(session.layer, session)
    install_history_action(session.layer, session)
    names = [action.name() for action in session.layer.actions().actions()]
    assert names.count("Historique du lieu") == 1
    QgsProject.instance().addMapLayer(session.layer)
    try:
        dialog = open_history(session.layer.id(), fid_of(session, lieu["id"]))
        assert dialog is not None and dialog.lieu_id == lieu["id"]
        assert "nom" in [dialog.history[i]["champ"] for i in range(dialog.table.rowCount())]
        row = next(i for i in range(dialog.table.rowCount()) if dialog.history[i]["champ"] == "nom")
        dialog.table.selectRow(row)
        assert not dialog.restore_button.isEnabled()  # that change made the current version
        assert dialog.before_button.isEnabled()  # the version before it can be restored
        dialog.ask = lambda title, text: "Vu dans l'historique" in text
        dialog.before_button.click()
        assert server.by_id(lieu["id"])[0]["nom"] == lieu["nom"]
        assert dialog.table.rowCount() > len([r for r in dialog.history if r["action"] != "restauration"])
        dialog.close()
    finally:
        QgsProject.instance().removeMapLayer(session.layer.id())
