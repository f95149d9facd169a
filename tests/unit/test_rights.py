"""Roles and territories: what each agent may do, and how the plugin says it."""

from __future__ import annotations

from mednum.core.rights import ANIMATEUR, CONTRIBUTEUR, LECTEUR, Rights, Territory, departement_of, parse_territories

EPCI_OF = {"80021": "248000531", "80001": "200070993", "59350": "200093201"}
LABELS = {"epci:248000531": "CA Amiens Métropole", "epci:200070993": "CC du Vimeu"}


def test_parse_territories_keeps_known_kinds():
    assert parse_territories("dep:80| epci:248000531 ;com:59350|pays:FR|dep:") == [
        Territory("dep", "80"), Territory("epci", "248000531"), Territory("com", "59350")]
    assert departement_of("97411") == "974" and departement_of("80021") == "80"


def test_scope_by_departement_epci_and_commune():
    by_dep = Rights("bob", CONTRIBUTEUR, parse_territories("dep:80"))
    by_epci = Rights("eve", CONTRIBUTEUR, parse_territories("epci:248000531", LABELS))
    by_commune = Rights("dan", CONTRIBUTEUR, parse_territories("com:59350"))
    assert by_dep.in_scope("80001", EPCI_OF) and not by_dep.in_scope("59350", EPCI_OF)
    assert by_epci.in_scope("80021", EPCI_OF) and not by_epci.in_scope("80001", EPCI_OF)
    assert by_commune.in_scope("59350") and not by_commune.in_scope("59351")
    assert Rights("alice", ANIMATEUR).in_scope("13001") and not Rights("carol", LECTEUR).in_scope("80021")


def test_describe_and_labels():
    eve = Rights("eve", CONTRIBUTEUR, parse_territories("epci:248000531|epci:200070993", LABELS))
    assert eve.describe() == "Contributeur — CA Amiens Métropole, CC du Vimeu"
    assert Rights("bob", CONTRIBUTEUR, parse_territories("dep:80")).describe() == "Contributeur — département 80"
    assert Rights("alice", ANIMATEUR).describe() == "Animateur — toute la région"
    assert Rights("carol", LECTEUR).describe() == "Lecteur — consultation seulement"


def test_refusals_are_french_and_name_the_lieu():
    bob = Rights("bob", CONTRIBUTEUR, parse_territories("dep:80"))
    inside = {"nom": "Médiathèque", "code_insee": "80021", "commune": "Amiens", "hdf_statut": "a_valider"}
    outside = {"nom": "Espace Lille", "code_insee": "59350", "commune": "Lille"}
    assert bob.refusal(inside, EPCI_OF, new=True) is None
    assert bob.refusal(outside, EPCI_OF, new=True) == (
        "« Espace Lille » : vous ne pouvez pas créer un lieu à Lille, hors de votre territoire (département 80).")
    moved = dict(inside, code_insee="59350", commune="Lille")
    assert "placer un lieu à Lille" in bob.refusal(moved, EPCI_OF, base=inside)
    assert "hors de votre territoire" in bob.refusal(inside, EPCI_OF, base=outside)
    assert bob.refusal(dict(inside, hdf_statut="publie"), EPCI_OF, base=dict(inside)) == (
        "« Médiathèque » : seul un animateur peut passer un lieu au statut « publie ».")
    assert bob.refusal(dict(inside, hdf_statut="publie"), EPCI_OF, base=dict(inside, hdf_statut="publie")) is None
    assert "lecteur" in Rights("carol", LECTEUR).refusal(inside)
    assert Rights("alice", ANIMATEUR).refusal(dict(outside, hdf_statut="ferme")) is None
    assert bob.initial_status() == "a_valider" and Rights("alice", ANIMATEUR).initial_status() == "brouillon"


def test_from_row_defaults_to_reader():
    assert Rights.from_row({"login": "x", "role": "superuser"}).role == LECTEUR
    assert Rights.from_row({"login": "y", "role": " Contributeur ", "territoires": "dep:62"}).territories == [Territory("dep", "62")]


def test_geofence_rules_follow_the_droits_table():
    from mednum.core.rights import geofence_rules, scope_cql

    communes = {"248000531": ["80021", "80001"]}
    bob = Rights("bob", CONTRIBUTEUR, parse_territories("dep:80|com:59350"))
    eve = Rights("eve", CONTRIBUTEUR, parse_territories("epci:248000531"))
    assert scope_cql(bob, communes) == "code_insee LIKE '80%' OR code_insee IN ('59350')"
    assert scope_cql(eve, communes) == "code_insee IN ('80001', '80021')"
    assert scope_cql(Rights("carol", LECTEUR), communes) == "EXCLUDE"
    assert scope_cql(Rights("alice", ANIMATEUR), communes) == "INCLUDE"
    xml = geofence_rules([eve, Rights("alice", ANIMATEUR), Rights("carol", LECTEUR), bob], communes)
    assert xml.count("<Rule>") == 4
    assert xml.index("<userName>carol") < xml.index("<userName>bob") < xml.index("<userName>eve") < xml.index("<userName>alice")
    assert "<cqlFilterRead>hdf_statut = 'publie'</cqlFilterRead>" in xml
    assert "<cqlFilterWrite>code_insee IN ('80001', '80021')</cqlFilterWrite>" in xml
