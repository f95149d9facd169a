"""History rows of applied changes, their deterministic ids, and the state of a lieu at an earlier version (no QGIS)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional

import pytest

from mednum.core.history import (
    CREATION,
    FERMETURE,
    GEOMETRY,
    IMPORT,
    MODIFICATION,
    RESTAURATION,
    SUPPRESSION,
    history_rows,
    history_typename,
    kind_of,
    parse_point,
    point_text,
    row_id,
    sort_history,
    state_at,
)

LIEU = "5b0c1c4e-8f1a-4d8e-9a57-0d6a3c1f2e01"
WHEN = "2026-11-29T10:00:00Z"


@dataclass
class FakeChange:
    """What history_rows reads of a :class:`mednum.core.sync.Change`."""

    op: str
    lieu_id: str
    values: dict = field(default_factory=dict)
    point: Optional[tuple] = None
    base: Optional[dict] = None
    base_point: Optional[tuple] = None
    origin: str = ""


@dataclass
class FakeServer:
    properties: dict
    point: Optional[tuple] = None

    def text(self, name: str) -> str:
        value = self.properties.get(name)
        return "" if value is None else str(value)


@dataclass
class FakeOutcome:
    change: FakeChange
    server: Optional[FakeServer]
    applied: bool = True


BASE = {"id": LIEU, "nom": "Médiathèque", "telephone": "", "hdf_statut": "publie", "hdf_version": "3", "commune": "Amiens"}


def update(values: dict, base: dict, server_version: int, point=None, base_point=None, origin: str = "") -> FakeOutcome:
    server = FakeServer({**base, **values, "hdf_version": server_version, "hdf_dernier_editeur": "alice"}, point or base_point)
    return FakeOutcome(FakeChange("update", LIEU, dict(values), point, dict(base), base_point, origin), server)


def test_update_gives_one_row_per_changed_field_with_old_and_new_values():
    outcome = update({"nom": "Médiathèque Aragon", "telephone": "+33322000000", "commune": "Amiens"}, BASE, 4)
    rows = history_rows(outcome, "alice", "lot-1", WHEN)
    assert [(r["action"], r["champ"], r["ancienne_valeur"], r["nouvelle_valeur"], r["version"]) for r in rows] == [
        (MODIFICATION, "nom", "Médiathèque", "Médiathèque Aragon", 4),
        (MODIFICATION, "telephone", "", "+33322000000", 4)]  # unchanged commune: no row
    assert {r["auteur"] for r in rows} == {"alice"} and {r["lot"] for r in rows} == {"lot-1"} and {r["date"] for r in rows} == {WHEN}
    assert {r["lieu_id"] for r in rows} == {LIEU}


def test_new_value_is_the_servers_and_stamps_are_not_history():
    outcome = update({"nom": "Nom", "hdf_version": "9", "hdf_dernier_editeur": "x", "hdf_date_modification": WHEN}, BASE, 4)
    outcome.server.properties["nom"] = "Nom (normalisé par le serveur)"
    rows = history_rows(outcome, "alice", "lot", WHEN)
    assert [(r["champ"], r["nouvelle_valeur"]) for r in rows] == [("nom", "Nom (normalisé par le serveur)")]


def test_creation_deletion_closing_import_restoration_and_moves():
    created = FakeOutcome(FakeChange("insert", LIEU, {"id": LIEU, "nom": "Nouveau"}, (650000.0, 6980000.0)),
                          FakeServer({"id": LIEU, "nom": "Nouveau", "hdf_version": 1, "fid": 12, "telephone": None}, (650000.0, 6980000.0)))
    (row,) = history_rows(created, "bob", "lot", WHEN)
    assert (row["action"], row["champ"], row["ancienne_valeur"], row["version"]) == (CREATION, "", "", 1)
    assert json.loads(row["nouvelle_valeur"]) == {"id": LIEU, "nom": "Nouveau", "hdf_version": "1", GEOMETRY: "POINT (650000.00 6980000.00)"}

    deleted = FakeOutcome(FakeChange("delete", LIEU, {}, None, dict(BASE), (1.0, 2.0)), None)
    (row,) = history_rows(deleted, "bob", "lot", WHEN)
    assert (row["action"], row["nouvelle_valeur"], row["version"]) == (SUPPRESSION, "", 4)
    assert json.loads(row["ancienne_valeur"])["nom"] == "Médiathèque"

    closed = history_rows(update({"hdf_statut": "ferme", "nom": "X"}, BASE, 4), "bob", "lot", WHEN)
    assert {r["action"] for r in closed} == {FERMETURE}
    already_closed = dict(BASE, hdf_statut="ferme")
    assert {r["action"] for r in history_rows(update({"nom": "Y", "hdf_statut": "ferme"}, already_closed, 4), "bob", "l", WHEN)} == {MODIFICATION}
    assert {r["action"] for r in history_rows(update({"nom": "Z"}, BASE, 4, origin="import"), "bob", "l", WHEN)} == {IMPORT}
    assert {r["action"] for r in history_rows(update({"nom": "Z"}, BASE, 4, origin="restauration"), "bob", "l", WHEN)} == {RESTAURATION}

    moved = history_rows(update({}, BASE, 4, point=(10.0, 20.0), base_point=(1.0, 2.0)), "bob", "lot", WHEN)
    assert [(r["champ"], r["ancienne_valeur"], r["nouvelle_valeur"]) for r in moved] == [
        (GEOMETRY, "POINT (1.00 2.00)", "POINT (10.00 20.00)")]
    assert parse_point(moved[0]["nouvelle_valeur"]) == (10.0, 20.0) and point_text(None) == ""


def test_outcomes_not_applied_give_no_history():
    outcome = update({"nom": "X"}, BASE, 3)
    outcome.applied = False
    assert history_rows(outcome, "alice", "lot", WHEN) == []


def test_ids_are_deterministic_and_distinct():
    first = history_rows(update({"nom": "A", "telephone": "1"}, BASE, 4), "alice", "lot-1", WHEN)
    again = history_rows(update({"nom": "A", "telephone": "1"}, BASE, 4), "someone", "lot-2", "2027-01-01T00:00:00Z")
    assert [r["id"] for r in first] == [r["id"] for r in again]  # a re-sent write carries the same ids
    assert len({r["id"] for r in first}) == 2
    assert row_id(LIEU, 4, "nom", "update") != row_id(LIEU, 5, "nom", "update")
    assert row_id(LIEU, 1, "", "insert") != row_id(LIEU, 1, "", "delete")
    assert row_id(LIEU, 4, "nom", "update") != row_id("autre", 4, "nom", "update")


def test_history_typename_follows_the_workspace():
    assert history_typename("mednum:lieux") == "mednum:historique"
    assert history_typename("lieux") == "historique"
    assert history_typename("ws:lieux", "autre:journal") == "autre:journal"


def sequence() -> tuple[dict, list[dict]]:
    """A lieu created (v1), renamed and given a phone (v2), moved (v3), renamed again (v4), closed (v5)."""
    rows = []
    created = FakeOutcome(FakeChange("insert", LIEU, {"nom": "A"}), FakeServer({"id": LIEU, "nom": "A", "hdf_statut": "publie",
                                                                                "hdf_version": 1}, (1.0, 1.0)))
    rows += history_rows(created, "alice", "l1", "2026-01-01T00:00:00Z")
    v1 = {"id": LIEU, "nom": "A", "telephone": "", "hdf_statut": "publie", "hdf_version": "1"}
    rows += history_rows(update({"nom": "B", "telephone": "+33300000000"}, v1, 2), "bob", "l2", "2026-01-02T00:00:00Z")
    v2 = dict(v1, nom="B", telephone="+33300000000", hdf_version="2")
    rows += history_rows(update({}, v2, 3, point=(5.0, 5.0), base_point=(1.0, 1.0)), "bob", "l3", "2026-01-03T00:00:00Z")
    v3 = dict(v2, hdf_version="3")
    rows += history_rows(update({"nom": "C"}, v3, 4), "alice", "l4", "2026-01-04T00:00:00Z")
    v4 = dict(v3, nom="C", hdf_version="4")
    rows += history_rows(update({"hdf_statut": "ferme"}, v4, 5), "alice", "l5", "2026-01-05T00:00:00Z")
    current = dict(v4, hdf_statut="ferme", hdf_version="5", geometry="POINT (5.00 5.00)")
    return current, rows


def test_state_at_undoes_the_later_changes_field_by_field():
    current, rows = sequence()
    shuffled = list(reversed(rows))  # order of reading does not matter
    assert state_at(current, shuffled, 5) == dict(current, hdf_version="5")
    at4 = state_at(current, shuffled, 4)
    assert (at4["nom"], at4["hdf_statut"], at4["hdf_version"]) == ("C", "publie", "4")
    at2 = state_at(current, shuffled, 2)
    assert (at2["nom"], at2["telephone"], at2["hdf_statut"], at2[GEOMETRY]) == ("B", "+33300000000", "publie", "POINT (1.00 1.00)")
    at1 = state_at(current, shuffled, 1)
    assert (at1["nom"], at1["telephone"], at1["hdf_statut"]) == ("A", "", "publie")
    assert state_at(dict(current, commune="Amiens"), rows, 1)["commune"] == "Amiens"  # fields the history does not cover keep their value
    with pytest.raises(ValueError):
        state_at(current, rows, 6)
    with pytest.raises(ValueError):
        state_at(current, rows, 0)


def test_state_of_a_deleted_lieu_comes_from_its_deletion_row():
    current, rows = sequence()
    deleted = FakeOutcome(FakeChange("delete", LIEU, {}, None, dict(current), None), None)
    rows += history_rows(deleted, "alice", "l6", "2026-01-06T00:00:00Z")
    assert [kind_of(r) for r in sort_history(rows)][-1] == "delete"
    at3 = state_at(None, rows, 3)
    assert (at3["nom"], at3["hdf_statut"]) == ("B", "publie")


def test_constants_match_the_synchronizer():
    sync = pytest.importorskip("mednum.core.sync")
    from mednum.core import history

    assert (history.INSERT, history.UPDATE, history.DELETE) == (sync.INSERT, sync.UPDATE, sync.DELETE)
    assert (history.VERSION_FIELD, history.EDITOR_FIELD, history.MODIFIED_FIELD) == (sync.VERSION_FIELD, sync.EDITOR_FIELD,
                                                                                     sync.MODIFIED_FIELD)
    assert history.GEOMETRY == sync.GEOMETRY
