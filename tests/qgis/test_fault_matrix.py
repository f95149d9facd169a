"""Fault matrix: network faults on load, insert, update and delete, between QGIS and the real WFS-T server.

A fault proxy of the project's own (``scripts/fault_proxy.py``) sits on loopback between the
plugin and QGIS Server. For every fault and operation the server's state is read from its
GeoPackage directly and the test demands: 0 lost edits, 0 duplicates, 0 phantom errors (a
change reported applied is on the server, a change on the server is never reported failed for
good) and a French message naming the lieu. A load that fails says so and builds no layer.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import start_wfst_server  # noqa: E402

from mednum.core.editing import open_session  # noqa: E402
from mednum.core.sync import APPLIED, NOT_APPLIED, UNKNOWN  # noqa: E402
from mednum.core.wfs import WfsClient, WfsError  # noqa: E402
from mednum.scripts.fault_proxy import FaultProxy  # noqa: E402

TIMEOUT_MS = 2000
LATE_S = 3.0  # "delay beyond timeout": the request reaches the server after the client gave up
FAULTS = ("drop_before", "drop_after", "cut", "delay", "reset", "blackhole")
WRITE_OPS = ("insert", "update", "delete")
RESULTS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def stack(tmp_path_factory, qgis_app):
    """One server and one proxy for the whole matrix (each case works on its own lieux)."""
    server = start_wfst_server(tmp_path_factory.mktemp("matrix"))
    proxy = FaultProxy().start("127.0.0.1", server.port)
    yield server, proxy
    proxy.stop()
    server.stop()


@pytest.fixture
def faulty(stack, fresh_network):
    from qgis.core import QgsNetworkAccessManager

    QgsNetworkAccessManager.setTimeout(TIMEOUT_MS)
    server, proxy = stack
    proxy.reset()
    yield server, proxy
    proxy.reset()


def rule(fault: str, match: dict) -> dict:
    spec = {"match": match, "action": fault, "times": -1}
    if fault == "delay":
        spec["seconds"] = LATE_S
    if fault == "blackhole":
        spec["seconds"] = 10
    return spec


@pytest.mark.parametrize("target", ["GetFeature", "STARTINDEX=200"], ids=["comptage", "page2"])
@pytest.mark.parametrize("fault", FAULTS)
def test_load_fault_is_reported_never_an_empty_layer(faulty, journal, fault, target):
    """Faults on every GetFeature (the count first), or only on the second page of the load."""
    server, proxy = faulty
    client = WfsClient(proxy.url())
    client.capabilities()
    proxy.set_rules([rule(fault, {"method": "GET", "path": target})])
    with pytest.raises(WfsError) as raised:
        open_session(client, "lieux", journal, page_size=200)
    message = raised.value.message
    assert "lieux" in message or "127.0.0.1" in message, message
    if fault in ("delay", "blackhole"):
        assert "délai" in message
    assert any(event["match"] == 0 for event in proxy.log())
    if target == "GetFeature":
        RESULTS[(fault, "load")] = "erreur claire, pas de couche : " + message.split(" : ", 1)[-1][:60]
    # once the network is back, the same load gets every lieu
    proxy.reset()
    session = open_session(client, "lieux", journal)
    assert session.layer.featureCount() == server.count()


def prepare(server, proxy, journal, op: str, case: str):
    """A session with one pending change of kind ``op`` on a lieu of its own."""
    from test_safe_editing import edit, fid_of, new_lieu

    session = open_session(WfsClient(proxy.url()), "lieux", journal)
    used = getattr(prepare, "used", set())
    lieu = next(r for r in server.rows("code_insee LIKE '80%' ORDER BY fid") if r["id"] not in used)
    used.add(lieu["id"])
    prepare.used = used
    if op == "insert":
        feature = new_lieu(session, f"Nouveau {case}")
        return session, feature["id"], None
    if op == "update":
        edit(session, lieu["id"], nom=f"Modifié {case}")
        return session, lieu["id"], lieu
    session.layer.startEditing()
    session.layer.deleteFeature(fid_of(session, lieu["id"]))
    return session, lieu["id"], lieu


def on_server(server, op: str, lieu_id: str, case: str) -> bool:
    rows = server.by_id(lieu_id)
    assert len(rows) <= 1, f"doublon sur le serveur : {len(rows)} copies"
    if op == "insert":
        return len(rows) == 1
    if op == "update":
        return len(rows) == 1 and rows[0]["nom"] == f"Modifié {case}"
    return not rows


@pytest.mark.parametrize("op", WRITE_OPS)
@pytest.mark.parametrize("fault", FAULTS)
def test_write_fault_loses_nothing_duplicates_nothing(faulty, journal, fault, op):
    server, proxy = faulty
    case = f"{fault}-{op}"
    session, lieu_id, lieu = prepare(server, proxy, journal, op, case)
    marker = {"insert": "Insert", "update": "Update", "delete": "Delete"}[op]
    proxy.set_rules([rule(fault, {"method": "POST", "body": f"wfs:{marker}"})])

    outcome = session.save().report.outcomes[0]

    assert outcome.change.lieu_id == lieu_id
    assert outcome.change.nom and outcome.change.nom in outcome.message
    applied_now = on_server(server, op, lieu_id, case)
    # no phantom: "applied" exactly when the server has it (a late request is "unknown", never "failed")
    assert (outcome.status == APPLIED) == applied_now, (outcome.status, outcome.message)
    if outcome.status != APPLIED:
        assert outcome.status in (NOT_APPLIED, UNKNOWN)
        # nothing lost: the change is back in the edit buffer and in the journal
        assert lieu_id in [c.lieu_id for c in session.current_changes()]
        assert lieu_id in [e.change.lieu_id for e in session.unfinished()]
    else:
        assert session.current_changes() == []
    first = outcome.status
    # the network comes back (and a late request lands): saving again converges, once
    proxy.reset()
    if fault == "delay":
        time.sleep(LATE_S - TIMEOUT_MS / 1000 + 0.5)
    if session.layer.isEditable():
        again = session.save().report.outcomes
        assert [o.status for o in again] == [APPLIED], [o.message for o in again]
    assert on_server(server, op, lieu_id, case)
    assert session.current_changes() == [] and session.unfinished() == []
    duplicates = outcome.duplicates_removed
    RESULTS[(fault, op)] = f"{first}" + (f", {duplicates} doublon(s) supprimé(s)" if duplicates else "") + \
        ("" if first == APPLIED else ", appliquée au 2e envoi")


def test_print_matrix():
    """Prints the matrix (pytest -s) for the closing note; asserts every case ran."""
    if not RESULTS:
        pytest.skip("matrix not run in this session")
    lines = ["| défaut | " + " | ".join(("load",) + WRITE_OPS) + " |", "|---" * (len(WRITE_OPS) + 2) + "|"]
    for fault in FAULTS:
        lines.append(f"| {fault} | " + " | ".join(RESULTS.get((fault, op), "–") for op in ("load",) + WRITE_OPS) + " |")
    print("\n".join(lines))
    assert len(RESULTS) == len(FAULTS) * 4
