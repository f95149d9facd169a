"""Safe WFS-T editing against the project's real WFS-T server (QGIS Server on 127.0.0.1).

The server's state is always read from its GeoPackage directly, never through QGIS.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import USERS, basic_authcfg  # noqa: E402

from mednum.core.editing import open_session  # noqa: E402
from mednum.core.sync import APPLIED, CONFLICT, REFUSED  # noqa: E402
from mednum.core.wfs import WfsClient  # noqa: E402

TYPENAME = "lieux"


def lieu_in(server, departement: str) -> dict:
    return server.rows("code_insee LIKE ? ORDER BY fid LIMIT 1", (departement + "%",))[0]


def fid_of(session, lieu_id: str) -> int:
    return next(f.id() for f in session.layer.getFeatures() if f["id"] == lieu_id)


def edit(session, lieu_id: str, **values) -> None:
    layer = session.layer
    if not layer.isEditable():
        assert layer.startEditing()
    fid = fid_of(session, lieu_id)
    for name, value in values.items():
        assert layer.changeAttributeValue(fid, layer.fields().indexFromName(name), value)


def new_lieu(session, nom: str, code_insee: str = "80021", x: float = 648000.0, y: float = 6977000.0) -> QgsFeature:
    layer = session.layer
    if not layer.isEditable():
        assert layer.startEditing()
    feature = QgsFeature(layer.fields())
    for field in layer.fields():
        index = layer.fields().indexFromName(field.name())
        feature.setAttribute(index, layer.defaultValue(index))
    values = {"nom": nom, "commune": "Amiens", "code_postal": "80000", "code_insee": code_insee, "adresse": "1 rue Test",
              "source": "tests", "date_maj": "2026-11-29", "services": "Maîtrise des outils numériques du quotidien"}
    for name, value in values.items():
        feature.setAttribute(layer.fields().indexFromName(name), value)
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
    assert layer.addFeature(feature)
    return feature


@pytest.fixture
def alice(qgis_app):
    return basic_authcfg("alice", USERS["alice"]["password"])


@pytest.fixture
def bob(qgis_app):
    return basic_authcfg("bob", USERS["bob"]["password"])


def test_load_gets_every_lieu_with_its_position(wfs_server, journal):
    server = wfs_server()
    client = WfsClient(server.url)
    session = open_session(client, TYPENAME, journal, page_size=150)
    layer = session.layer
    assert layer.featureCount() == server.count() == client.hits(TYPENAME) == 508
    assert not layer.readOnly()
    stored = server.rows("fid = 1")[0]
    feature = next(f for f in layer.getFeatures() if f["id"] == stored["id"])
    assert feature["nom"] == stored["nom"]
    assert feature["hdf_version"] == stored["hdf_version"]
    # GeoJSON comes in WGS84 with 6 decimals: back in Lambert-93 within a metre of the stored point
    assert layer.crs().authid() == "EPSG:2154"
    assert feature.geometry().asPoint().distance(layer.getFeature(feature.id()).geometry().asPoint()) == 0


def test_update_insert_delete_are_applied_once_and_stamped(wfs_server, journal, alice):
    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="alice")
    target = lieu_in(server, "80")
    doomed = lieu_in(server, "59")
    edit(session, target["id"], nom="Médiathèque O'Brien\") OR 1=1 -- <b>")
    created = new_lieu(session, "Nouveau lieu de test")
    session.layer.deleteFeature(fid_of(session, doomed["id"]))

    result = session.save()

    assert [o.status for o in result.report.outcomes] == [APPLIED, APPLIED, APPLIED], result.messages
    assert not session.layer.isEditable()
    row = server.by_id(target["id"])[0]
    assert row["nom"] == "Médiathèque O'Brien\") OR 1=1 -- <b>"
    assert row["hdf_version"] == target["hdf_version"] + 1
    assert row["hdf_dernier_editeur"] == "alice"
    inserted = server.by_id(created["id"])
    assert len(inserted) == 1 and inserted[0]["nom"] == "Nouveau lieu de test" and inserted[0]["hdf_version"] == 1
    assert server.by_id(doomed["id"]) == []
    assert server.count() == 508
    # the layer now holds the server's state (versions included); nothing left to send
    layer_feature = session.layer.getFeature(fid_of(session, target["id"]))
    assert layer_feature["hdf_version"] == target["hdf_version"] + 1
    assert session.current_changes() == []
    assert session.unfinished() == []


@pytest.mark.parametrize("options", [(), ("--deny-status", "200"), ("--silent-deny",)], ids=["http403", "http200", "silencieux"])
def test_refusal_keeps_the_edit_and_gives_the_reason(wfs_server, journal, bob, options):
    server = wfs_server(*options, users=USERS)
    session = open_session(WfsClient(server.url, authcfg=bob), TYPENAME, journal, editor="bob")
    outside = lieu_in(server, "59")
    inside = lieu_in(server, "80")
    edit(session, outside["id"], telephone="+33300000000")
    edit(session, inside["id"], telephone="+33322000000")

    result = session.save()

    status = {o.change.lieu_id: o for o in result.report.outcomes}
    assert status[inside["id"]].status == APPLIED
    refused = status[outside["id"]]
    assert refused.status == REFUSED
    assert outside["nom"] in refused.message
    if options == ("--silent-deny",):
        assert "aucun lieu (droits insuffisants ?)" in refused.message
    else:
        assert "departement 59" in refused.message, refused.message
    assert server.by_id(outside["id"])[0]["telephone"] == outside["telephone"]
    assert server.by_id(inside["id"])[0]["telephone"] == "+33322000000"
    # the refused edit is still in the edit buffer, and in the journal as a draft
    assert session.layer.isEditable()
    assert session.layer.getFeature(fid_of(session, outside["id"]))["telephone"] == "+33300000000"
    assert [c.lieu_id for c in session.current_changes()] == [outside["id"]]
    assert [e.change.lieu_id for e in session.unfinished()] == [outside["id"]]


def test_second_agent_is_told_of_the_conflict_and_chooses(wfs_server, journal, tmp_path, alice):
    from mednum.core.journal import Journal

    server = wfs_server(users=USERS)
    agent_a = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal, editor="agent-a")
    agent_b = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, Journal(tmp_path / "b.sqlite"), editor="agent-b")
    lieu = lieu_in(server, "80")
    edit(agent_a, lieu["id"], nom="Nom choisi par A")
    edit(agent_b, lieu["id"], telephone="+33399999999", nom="Nom choisi par B")
    assert agent_a.save().report.all_applied

    result = agent_b.save()

    outcome = result.report.outcomes[0]
    assert outcome.status == CONFLICT
    assert "agent-a" in outcome.message
    assert outcome.server.text("nom") == "Nom choisi par A"
    assert server.by_id(lieu["id"])[0]["nom"] == "Nom choisi par A"  # nothing overwritten
    assert lieu["id"] in agent_b.conflicts
    # B saves again without choosing: still a conflict, still not overwritten
    assert agent_b.save().report.outcomes[0].status == CONFLICT
    assert server.by_id(lieu["id"])[0]["nom"] == "Nom choisi par A"

    agent_b.resolve_conflict(lieu["id"], {"nom": "theirs", "telephone": "mine"})
    assert agent_b.save().report.all_applied
    row = server.by_id(lieu["id"])[0]
    assert (row["nom"], row["telephone"]) == ("Nom choisi par A", "+33399999999")
    assert row["hdf_dernier_editeur"] == "agent-b"


def test_reads_after_a_commit_are_never_stale(wfs_server, journal, alice):
    """The server sends no Cache-Control (like GeoServer): a new load still sees the commit."""
    server = wfs_server(users=USERS)
    client = WfsClient(server.url, authcfg=alice)
    session = open_session(client, TYPENAME, journal)
    lieu = lieu_in(server, "62")
    edit(session, lieu["id"], nom="Valeur après commit")
    assert session.save().report.all_applied
    again = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, journal)
    feature = next(f for f in again.layer.getFeatures() if f["id"] == lieu["id"])
    assert feature["nom"] == "Valeur après commit"


def test_unsaved_and_unconfirmed_edits_survive_a_crash(wfs_server, tmp_path, alice):
    from mednum.core.journal import Journal

    server = wfs_server(users=USERS)
    path = tmp_path / "crash.sqlite"
    first = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, Journal(path),
                         runner=lambda changes, done: None)  # QGIS dies right after the local save
    saved = lieu_in(server, "02")
    unsaved = lieu_in(server, "60")
    edit(first, saved["id"], nom="Enregistré avant la panne")
    first.layer.commitChanges()
    edit(first, unsaved["id"], nom="Pas encore enregistré")
    first.save_drafts()
    new = new_lieu(first, "Créé juste avant la panne")
    first.save_drafts()
    del first  # crash: no commit, no push

    second = open_session(WfsClient(server.url, authcfg=alice), TYPENAME, Journal(path))
    states = sorted(e.state for e in second.unfinished())
    assert states == ["brouillon", "brouillon", "en_attente"]
    second.recover()
    assert server.by_id(saved["id"])[0]["nom"] == "Enregistré avant la panne"
    assert second.layer.isEditable()
    assert sorted(c.lieu_id for c in second.current_changes()) == sorted([unsaved["id"], new["id"]])
    assert second.save().report.all_applied
    assert server.by_id(unsaved["id"])[0]["nom"] == "Pas encore enregistré"
    assert len(server.by_id(new["id"])) == 1
    assert second.unfinished() == []
    # replaying again changes nothing and duplicates nothing
    second.recover()
    assert len(server.by_id(new["id"])) == 1


def test_invalid_values_are_not_sent_and_stay_in_the_buffer(wfs_server, journal):
    server = wfs_server()
    session = open_session(WfsClient(server.url), TYPENAME, journal)
    bad = lieu_in(server, "80")
    good = lieu_in(server, "02")
    edit(session, bad["id"], pivot="123", code_postal="8000")
    edit(session, good["id"], telephone="+33323000000")
    result = session.save()
    status = {o.change.lieu_id: o for o in result.report.outcomes}
    assert status[good["id"]].status == APPLIED
    refused = status[bad["id"]]
    assert refused.status == REFUSED and "non envoyé" in refused.message
    assert "pivot" in refused.message and "code_postal" in refused.message, refused.message
    assert server.by_id(bad["id"])[0]["pivot"] == bad["pivot"]
    assert [c.lieu_id for c in session.current_changes()] == [bad["id"]]
