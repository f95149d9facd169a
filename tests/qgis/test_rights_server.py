"""Rights on the project's WFS-T server, read from its ``droits`` table: raw WFS-T requests, server state read with sqlite3.

Who may write what is decided by the server (``scripts/wfst_server.py``'s guard), from the ``droits`` table
at every Transaction: an animateur changing a row changes the rights at once. ``pytest -s`` prints, per role,
how many edits were tried, refused and applied.
"""

from __future__ import annotations

import sqlite3
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import DEMO_GPKG, WfsServer, basic_authcfg  # noqa: E402
from wfst_server import Agent, parse_territories, territory_tokens  # noqa: E402

from mednum.core.rights import Rights  # noqa: E402
from mednum.core.wfs import TransactionBuilder, TransactionResult, WfsClient, WfsError  # noqa: E402

LIEUX, DROITS = "lieux", "droits"
PUBLISH_REFUSAL = "seul un animateur peut publier ou fermer un lieu"
RIGHTS_REFUSAL = "seul un animateur peut modifier les droits"


def demo_query(sql: str, args: tuple = ()) -> list[tuple]:
    """Rows of the shipped demo base, opened read-only (tests never modify it)."""
    con = sqlite3.connect(f"file:{DEMO_GPKG}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


#: SIREN of CA Amiens Métropole, from the communes of the demo base
AMIENS_METROPOLE = demo_query("SELECT DISTINCT siren_epci FROM communes WHERE nom_epci = 'CA Amiens Métropole'")[0][0]
#: the commune of that EPCI holding the most lieux (Amiens)
DAN_COMMUNE = demo_query("SELECT l.code_insee FROM lieux l JOIN communes c USING (code_insee) WHERE c.siren_epci = ? "
                         "GROUP BY l.code_insee ORDER BY count(*) DESC, l.code_insee LIMIT 1", (AMIENS_METROPOLE,))[0][0]
#: a commune of the Nord (59), where a lieu of the Somme gets moved
COMMUNE_59 = demo_query("SELECT code_insee FROM communes WHERE code_insee LIKE '59%' ORDER BY code_insee LIMIT 1")[0][0]

USERS = {
    "alice": {"password": "alice-Droits-1", "role": "animateur"},
    "bob": {"password": "bob-Droits-2", "role": "contributeur", "territoires": ["80"]},
    "eve": {"password": "eve-Droits-3", "role": "contributeur", "territoires": f"epci:{AMIENS_METROPOLE}"},
    "dan": {"password": "dan-Droits-4", "role": "contributeur", "territoires": f"com:{DAN_COMMUNE}"},
    "carol": {"password": "carol-Droits-5", "role": "lecteur"},
}
ROLES = ("lecteur", "contributeur", "animateur")


# --------------------------------------------------------------------------- counting

@dataclass
class Tally:
    """Edits tried / refused / applied, per role."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {role: [0, 0, 0] for role in ROLES})

    def record(self, role: str, applied: bool) -> None:
        self.counts[role][0] += 1
        self.counts[role][2 if applied else 1] += 1

    def add(self, other: Tally) -> None:
        for role, numbers in other.counts.items():
            self.counts[role] = [a + b for a, b in zip(self.counts[role], numbers)]

    def rows(self) -> dict[str, tuple[int, int, int]]:
        return {role: tuple(numbers) for role, numbers in self.counts.items()}

    def table(self, title: str) -> str:
        lines = [title, f"{'rôle':<14}{'tentées':>9}{'refusées':>10}{'appliquées':>12}"]
        totals = [0, 0, 0]
        for role in ROLES:
            tried, refused, applied = self.counts[role]
            totals = [totals[0] + tried, totals[1] + refused, totals[2] + applied]
            lines.append(f"{role:<14}{tried:>9}{refused:>10}{applied:>12}")
        lines.append(f"{'total':<14}{totals[0]:>9}{totals[1]:>10}{totals[2]:>12}")
        return "\n".join(lines)


@pytest.fixture(scope="module")
def all_edits():
    """Every edit of the module; its table is printed at the end (pytest -s)."""
    total = Tally()
    yield total
    print("\n" + total.table("Modifications envoyées au serveur WFS-T (tout le module test_rights_server)"))


# --------------------------------------------------------------------------- helpers

def query(server: WfsServer, sql: str, args: tuple = ()) -> list[dict]:
    """The server's state, read from its GeoPackage directly."""
    con = sqlite3.connect(server.gpkg)
    con.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in con.execute(sql, args)]
    finally:
        con.close()


def droits(server: WfsServer) -> dict[str, dict]:
    return {row["login"]: row for row in query(server, f"SELECT * FROM {DROITS}")}


def lieu(server: WfsServer, where: str, args: tuple = ()) -> dict:
    """The first lieu (by fid) matching ``where``."""
    return query(server, f"SELECT * FROM {LIEUX} WHERE {where} ORDER BY fid LIMIT 1", args)[0]


def client_of(server: WfsServer, login: str) -> WfsClient:
    return WfsClient(server.url, authcfg=basic_authcfg(login, USERS[login]["password"], name=f"mednum-droits-{login}"))


def update(client: WfsClient, typename: str, values: dict, conditions: list[tuple[str, object]]) -> bytes:
    builder = TransactionBuilder(client.schema(typename), client.version)
    builder.update(values, None, conditions)
    return builder.tobytes()


def insert_lieu(client: WfsClient, nom: str, code_insee: str, hdf_statut: str | None = None) -> tuple[str, bytes]:
    """(id, Transaction inserting a lieu in Amiens' area) — without ``hdf_statut`` when None."""
    lieu_id = str(uuid.uuid4())
    builder = TransactionBuilder(client.schema(LIEUX), client.version)
    builder.insert({"id": lieu_id, "nom": nom, "commune": "Amiens", "code_postal": "80000", "code_insee": code_insee,
                    "adresse": "1 rue des Droits", "source": "tests", "hdf_statut": hdf_statut}, (648000.0, 6977000.0))
    return lieu_id, builder.tobytes()


def delete_lieu(client: WfsClient, fid: int) -> bytes:
    builder = TransactionBuilder(client.schema(LIEUX), client.version)
    builder.delete(f"{LIEUX}.{fid}")
    return builder.tobytes()


def attempt(tally: Tally, login: str, client: WfsClient, body: bytes, applied: bool, *reasons: str,
            silent: bool = False) -> TransactionResult:
    """Send one edit; check the answer (applied: 1 feature touched; refused: 403 and its reasons, or a silent 0)."""
    result = client.transaction(body)
    touched = result.inserted + result.updated + result.deleted
    if applied:
        assert result.ok and touched == 1, f"{login}: {result}"
    elif silent:
        assert result.ok and result.status == 200 and touched == 0, f"{login}: {result}"
    else:
        assert result.status == 403 and result.error and touched == 0, f"{login}: {result}"
        for reason in reasons:
            assert reason in result.error, f"{login}: « {reason} » absent de « {result.error} »"
    tally.record(USERS[login]["role"], applied)
    return result


# --------------------------------------------------------------------------- tests

def test_droits_table_is_seeded_without_passwords(wfs_server):
    server = wfs_server(users=USERS)
    columns = [row["name"] for row in query(server, f"PRAGMA table_info({DROITS})")]
    assert columns == ["fid", "login", "role", "territoires", "libelle"]
    assert query(server, "SELECT data_type FROM gpkg_contents WHERE table_name = ?", (DROITS,)) == [{"data_type": "attributes"}]
    unique = [index for index in query(server, f"PRAGMA index_list({DROITS})") if index["unique"]]
    assert [query(server, f"PRAGMA index_info({index['name']})")[0]["name"] for index in unique] == ["login"]
    rows = droits(server)
    assert {login: (row["role"], row["territoires"]) for login, row in rows.items()} == {
        "alice": ("animateur", ""), "bob": ("contributeur", "dep:80"), "eve": ("contributeur", f"epci:{AMIENS_METROPOLE}"),
        "dan": ("contributeur", f"com:{DAN_COMMUNE}"), "carol": ("lecteur", "")}
    assert rows["bob"]["libelle"] == "Somme (80)"
    assert rows["eve"]["libelle"] == "CA Amiens Métropole"
    assert rows["dan"]["libelle"].startswith("Amiens (")
    # no password anywhere: neither a column nor a value, nor a byte of the GeoPackage
    assert not [c for c in columns if "pass" in c.lower() or "mot_de_passe" in c.lower()]
    cells = [str(value) for row in rows.values() for value in row.values()]
    content = server.gpkg.read_bytes()
    for user in USERS.values():
        assert not [cell for cell in cells if user["password"] in cell]
        assert user["password"].encode() not in content


def test_rights_come_from_the_droits_table_and_changes_apply_at_once(wfs_server, all_edits):
    server = wfs_server(users=USERS)
    tally = Tally()
    alice, bob, eve, dan, carol = (client_of(server, login) for login in ("alice", "bob", "eve", "dan", "carol"))
    not_amiens_metropole = "code_insee NOT IN (SELECT code_insee FROM communes WHERE siren_epci = ?)"
    somme = lieu(server, f"code_insee LIKE '80%' AND {not_amiens_metropole}", (AMIENS_METROPOLE,))
    draft = lieu(server, "code_insee LIKE '80%' AND hdf_statut IN ('brouillon', 'a_valider') AND fid != ?", (somme["fid"],))
    nord = lieu(server, "code_insee LIKE '59%'")
    in_dans_commune = lieu(server, "code_insee = ?", (DAN_COMMUNE,))
    elsewhere_in_epci = lieu(server, "code_insee IN (SELECT code_insee FROM communes WHERE siren_epci = ?) AND code_insee != ?",
                             (AMIENS_METROPOLE, DAN_COMMUNE))
    def on(row: dict) -> list[tuple[str, object]]:
        """The filter the plugin uses: the lieu's ``id``."""
        return [("id", row["id"])]

    def stored(row: dict) -> dict:
        return lieu(server, "id = ?", (row["id"],))

    # carol (lecteur) writes nothing: neither a lieu nor the rights
    attempt(tally, "carol", carol, update(carol, LIEUX, {"telephone": "+33300000001"}, on(somme)), False, "carol", "lecteur")
    attempt(tally, "carol", carol, update(carol, DROITS, {"role": "animateur"}, [("login", "carol")]), False, "lecteur", "droits")
    assert stored(somme)["telephone"] == somme["telephone"] and droits(server)["carol"]["role"] == "lecteur"

    # bob (dep:80): the Somme yes; the Nord no, neither stored nor as the new commune; never a publication
    attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33322000001"}, on(somme)), True)
    assert stored(somme)["telephone"] == "+33322000001"
    result = attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33320000001"}, on(nord)), False,
                     f"lieu id {nord['id']}", nord["nom"], "departement 59", "outside the territories of bob", "dep:80")
    print(f"\nrefus montré à bob : {result.error}")
    attempt(tally, "bob", bob, delete_lieu(bob, nord["fid"]), False, f"lieu fid {nord['fid']}", "departement 59")
    assert stored(nord)["telephone"] == nord["telephone"]
    attempt(tally, "bob", bob, update(bob, LIEUX, {"code_insee": COMMUNE_59}, on(somme)), False,
            "moving", f"code_insee {COMMUNE_59}", "departement 59")
    assert stored(somme)["code_insee"] == somme["code_insee"]
    attempt(tally, "bob", bob, update(bob, LIEUX, {"hdf_statut": "publie"}, on(draft)), False, PUBLISH_REFUSAL, draft["nom"])
    assert stored(draft)["hdf_statut"] == draft["hdf_statut"]
    created, body = insert_lieu(bob, "Créé par bob sans statut", DAN_COMMUNE)
    attempt(tally, "bob", bob, body, True)
    assert len(query(server, f"SELECT 1 FROM {LIEUX} WHERE id = ?", (created,))) == 1
    refused_id, body = insert_lieu(bob, "Publié par bob", DAN_COMMUNE, "publie")
    attempt(tally, "bob", bob, body, False, PUBLISH_REFUSAL, "Publié par bob")
    assert query(server, f"SELECT 1 FROM {LIEUX} WHERE id = ?", (refused_id,)) == []
    attempt(tally, "bob", bob, update(bob, DROITS, {"territoires": "dep:80|dep:59"}, [("login", "bob")]), False, RIGHTS_REFUSAL)
    assert droits(server)["bob"]["territoires"] == "dep:80"

    # eve (epci:CA Amiens Métropole): inside the EPCI yes, a commune of the Somme outside it no
    attempt(tally, "eve", eve, update(eve, LIEUX, {"telephone": "+33322000002"}, on(elsewhere_in_epci)), True)
    assert stored(elsewhere_in_epci)["telephone"] == "+33322000002"
    attempt(tally, "eve", eve, update(eve, LIEUX, {"telephone": "+33322000003"}, on(somme)), False,
            f"code_insee {somme['code_insee']}", f"epci:{AMIENS_METROPOLE}", "CA Amiens Métropole")
    assert stored(somme)["telephone"] == "+33322000001"

    # dan (com:Amiens): his commune only, not the rest of the EPCI
    attempt(tally, "dan", dan, update(dan, LIEUX, {"telephone": "+33322000004"}, on(in_dans_commune)), True)
    assert stored(in_dans_commune)["telephone"] == "+33322000004"
    attempt(tally, "dan", dan, update(dan, LIEUX, {"telephone": "+33322000005"}, on(elsewhere_in_epci)), False,
            f"code_insee {elsewhere_in_epci['code_insee']}", f"com:{DAN_COMMUNE}")
    assert stored(elsewhere_in_epci)["telephone"] == "+33322000002"

    # alice (animateur) publishes, and moves bob to the Nord through WFS-T on droits
    attempt(tally, "alice", alice, update(alice, LIEUX, {"hdf_statut": "publie"}, on(draft)), True)
    assert stored(draft)["hdf_statut"] == "publie"
    pid = server.proc.pid
    attempt(tally, "alice", alice, update(alice, DROITS, {"territoires": "dep:59", "libelle": "Nord (59)"}, [("login", "bob")]), True)
    assert (droits(server)["bob"]["territoires"], droits(server)["bob"]["libelle"]) == ("dep:59", "Nord (59)")

    # the next Transaction of bob follows the new row: no restart
    attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33320000002"}, on(nord)), True)
    assert stored(nord)["telephone"] == "+33320000002"
    attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33322000006"}, on(somme)), False, "departement 80", "dep:59")
    assert stored(somme)["telephone"] == "+33322000001"
    assert server.proc.poll() is None and server.proc.pid == pid

    print("\n" + tally.table("Serveur WFS-T, refus en HTTP 403"))
    assert tally.rows() == {"lecteur": (2, 2, 0), "contributeur": (14, 9, 5), "animateur": (2, 0, 2)}
    all_edits.add(tally)


def test_reading_droits_needs_credentials(wfs_server):
    server = wfs_server(users=USERS)
    anonymous = WfsClient(server.url)
    assert anonymous.capabilities().find(DROITS) is not None
    assert {"Insert", "Update", "Delete"} <= anonymous.feature_type(DROITS).operations
    assert anonymous.hits(LIEUX) == 508  # the lieux stay readable without credentials
    with pytest.raises(WfsError) as refused:
        anonymous.get_page(DROITS, 0, 10)
    assert refused.value.status == 401
    wrong = WfsClient(server.url, authcfg=basic_authcfg("carol", "pas-le-bon", name="mednum-droits-carol-faux"))
    with pytest.raises(WfsError) as refused:
        wrong.get_page(DROITS, 0, 10)
    assert refused.value.status == 401

    rows = client_of(server, "carol").fetch_all(DROITS)
    assert sorted(row.text("login") for row in rows) == sorted(USERS)
    assert {row.text("login"): row.text("territoires") for row in rows}["eve"] == f"epci:{AMIENS_METROPOLE}"
    assert not {name for row in rows for name in row.properties if "pass" in name.lower()}
    for user in USERS.values():
        assert not [row for row in rows if user["password"] in str(row.properties)]


def test_silent_deny_drops_refused_edits_and_touches_nothing(wfs_server, all_edits):
    server = wfs_server("--silent-deny", users=USERS)
    tally = Tally()
    bob = client_of(server, "bob")
    somme, nord = lieu(server, "code_insee LIKE '80%'"), lieu(server, "code_insee LIKE '59%'")
    lieux_before, droits_before = query(server, f"SELECT * FROM {LIEUX}"), droits(server)

    attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33320000009"}, [("id", nord["id"])]), False, silent=True)
    attempt(tally, "bob", bob, update(bob, DROITS, {"territoires": "dep:59"}, [("login", "bob")]), False, silent=True)
    assert query(server, f"SELECT * FROM {LIEUX}") == lieux_before and droits(server) == droits_before

    # one Transaction, two edits: the out-of-scope one is dropped, the other applied
    builder = TransactionBuilder(bob.schema(LIEUX), bob.version)
    builder.update({"telephone": "+33322000009"}, None, [("id", somme["id"])])
    builder.update({"telephone": "+33320000009"}, None, [("id", nord["id"])])
    result = bob.transaction(builder.tobytes())
    assert result.ok and result.updated == 1, result
    tally.record("contributeur", True)
    tally.record("contributeur", False)
    assert lieu(server, "id = ?", (somme["id"],))["telephone"] == "+33322000009"
    assert lieu(server, "id = ?", (nord["id"],)) == next(row for row in lieux_before if row["id"] == nord["id"])

    print("\n" + tally.table("Serveur WFS-T, refus silencieux (--silent-deny)"))
    assert tally.rows() == {"lecteur": (0, 0, 0), "contributeur": (4, 3, 1), "animateur": (0, 0, 0)}
    all_edits.add(tally)


def test_without_the_table_users_json_decides(wfs_server):
    """``--no-droits``: a server that predates the table; the roles and territories of users.json apply."""
    server = wfs_server("--no-droits", users=USERS)
    assert query(server, "SELECT 1 FROM gpkg_contents WHERE table_name = ?", (DROITS,)) == []
    bob = client_of(server, "bob")
    assert bob.capabilities().find(DROITS) is None
    tally = Tally()
    somme, nord = lieu(server, "code_insee LIKE '80%'"), lieu(server, "code_insee LIKE '59%'")
    attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33322000010"}, [("id", somme["id"])]), True)
    attempt(tally, "bob", bob, update(bob, LIEUX, {"telephone": "+33320000010"}, [("id", nord["id"])]), False, "departement 59", "dep:80")
    assert lieu(server, "id = ?", (nord["id"],))["telephone"] == nord["telephone"]


def test_server_scope_is_the_plugins_scope():
    """The guard's territory rule gives the same answer as core/rights.py for every commune of the demo base."""
    epci_of = {code: siren or "" for code, siren in demo_query("SELECT code_insee, siren_epci FROM communes")}
    assert territory_tokens(["80", "59"]) == "dep:80|dep:59"
    assert territory_tokens(f"epci:{AMIENS_METROPOLE}| com:59350 ;02") == f"epci:{AMIENS_METROPOLE}|com:59350|dep:02"
    assert territory_tokens(None) == "" and territory_tokens([]) == ""
    tokens = ["dep:80", f"epci:{AMIENS_METROPOLE}", f"com:{DAN_COMMUNE}", f"dep:02|com:{COMMUNE_59}|epci:{AMIENS_METROPOLE}",
              "dep:971|bogus:1", ""]
    for role in ROLES:
        for text in tokens:
            plugin = Rights.from_row({"login": "x", "role": role, "territoires": text})
            server = Agent("x", role, parse_territories(text))
            for code in [*epci_of, "97105", "", None]:
                assert server.in_scope(code, epci_of.get(code or "", "")) == plugin.in_scope(code, epci_of), (role, text, code)
