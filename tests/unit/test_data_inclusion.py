"""Lieux of the standard as data·inclusion v1 structures and services (no QGIS)."""

from __future__ import annotations

import json

import pytest
from helpers import DATA
from tricky_rows import TRICKY_ROWS

from mednum.core import data_inclusion as di
from mednum.core.exports import select_rows
from mednum.core.io_standard import read_csv
from mednum.core.schema import load_model
from mednum.core.validation import normalize_row


def _v1():
    """The official pydantic models, or a skip saying why they are missing."""
    try:
        from data_inclusion.schema import v1
    except ImportError as error:  # pragma: no cover - depends on the environment
        pytest.skip(f"paquet data-inclusion-schema non installé (requirements-test.txt) : {error}")
    return v1


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    rows = read_csv(DATA / "exemple-valide.csv").rows
    assert len(rows) == 1
    return rows[0]


def _lieu(example: dict[str, str], **changes: str) -> dict[str, str]:
    row = dict(example)
    row.update(changes)
    return normalize_row(row)[0]


# --- the official example -----------------------------------------------------------------------


def test_structure_of_the_official_example(example):
    structure = di.to_structure(example)
    assert list(structure) == list(di.STRUCTURE_FIELDS)
    assert structure["source"] == "geo2france"
    assert structure["id"] == "geo2france--structure-1"
    assert structure["nom"] == "Anonymal"
    assert structure["date_maj"] == "2024-04-02"
    assert structure["siret"] == "43493312300029"
    assert structure["description"] == example["presentation_detail"]  # detail first, as the national pipeline
    assert (structure["commune"], structure["code_postal"], structure["code_insee"]) == ("Reims", "51100", "51454")
    assert structure["adresse"] == "12 BIS RUE DE LECLERCQ"
    assert structure["complement_adresse"] == "Le patio du bois de l'Aulne"
    assert (structure["latitude"], structure["longitude"]) == (43.52609, 5.41423)
    assert structure["telephone"] == "+33180059880"
    assert structure["courriel"] == "contact@laquincaillerie.tl"  # only the first of « courriels »
    assert structure["site_web"] == "https://www.laquincaillerie.tl/"
    assert structure["horaires_accueil"] == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"
    assert structure["accessibilite_lieu"] == example["fiche_acces_libre"]
    # Aidants Connect|Conseillers numériques|La Croix Rouge; typologie TIERS_LIEUX|ASSO carries no network
    assert structure["reseaux_porteurs"] == ["aidants-connect", "conseillers-numeriques", "croix-rouge"]
    assert structure["lien_source"] is None


def test_service_of_the_official_example(example):
    service = di.to_service(example)
    assert list(service) == list(di.SERVICE_FIELDS)
    assert service["id"] == service["structure_id"] == "geo2france--structure-1"
    assert service["nom"] == "Service d'accompagnement au numérique"
    assert service["description"] == example["presentation_detail"]
    assert service["date_maj"] == "2024-04-02"
    # Maîtrise des outils…|Insertion professionnelle…|Loisirs et créations numériques
    assert service["thematiques"] == [
        "numerique--acceder-a-des-services-en-ligne",
        "numerique--maitriser-les-fondamentaux-du-numerique",
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
        "remobilisation--activites-sportives-et-culturelles",
    ]
    # Dans un atelier collectif|À distance|En autonomie|Accompagnement individuel: aide-materielle wins
    assert service["type"] == "aide-materielle"
    assert service["modes_accueil"] == ["a-distance", "en-presentiel"]
    # Gratuit sous condition|Payant
    assert service["frais"] == "gratuit"
    assert service["frais_precisions"] == "Gratuit sous condition, Payant"
    # Jeunes|Femmes + Surdité|Illettrisme|Langues étrangères (anglais)
    assert service["publics"] == ["femmes", "jeunes", "personnes-en-situation-de-handicap", "personnes-exilees"]
    assert service["publics_precisions"] == "Femmes, Illettrisme, Jeunes, Langues étrangères (anglais), Surdité"
    # Se présenter|Téléphoner
    assert service["modes_mobilisation"] == ["se-presenter", "telephoner"]
    assert service["lien_mobilisation"] == "https://www.rdv-solidarites.fr/"
    assert service["mobilisable_par"] == ["professionnels", "usagers"]
    assert service["zone_eligibilite"] == ["51"]
    assert service["courriel"] == "contact@laquincaillerie.tl"
    assert service["telephone"] == "+33180059880"
    assert service["horaires_accueil"] == example["horaires"]


def test_records_are_plain_json(example):
    text = json.dumps([di.to_structure(example), di.to_service(example)], allow_nan=False)
    assert json.loads(text)[0]["id"] == "geo2france--structure-1"


# --- tricky lieux -------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "expected"), [
    ({"pivot": "00000000000000"}, None),
    ({"pivot": "W595012345"}, None),  # an RNA: v1 structures have no RNA field
    ({"pivot": "43493312300029"}, "43493312300029"),
])
def test_siret_only_when_it_is_one(example, changes, expected):
    assert di.to_structure(_lieu(example, **changes))["siret"] == expected


@pytest.mark.parametrize(("code_insee", "code_postal", "zone"), [
    ("97411", "97400", ["974"]), ("2A004", "20000", ["2A"]), ("80021", "80000", ["80"]), ("", "80000", None),
])
def test_zone_eligibilite_is_the_departement(example, code_insee, code_postal, zone):
    service = di.to_service(_lieu(example, code_insee=code_insee, code_postal=code_postal))
    assert service["zone_eligibilite"] == zone


@pytest.mark.parametrize(("frais", "expected"), [
    ("Gratuit", ("gratuit", None)),
    ("Payant", ("payant", None)),
    ("Gratuit sous condition", ("gratuit", "Gratuit sous condition")),
    ("Payant|Gratuit", ("gratuit", "Payant, Gratuit")),
    ("", (None, None)),
])
def test_frais(example, frais, expected):
    service = di.to_service(_lieu(example, frais_a_charge=frais))
    assert (service["frais"], service["frais_precisions"]) == expected


def test_no_specific_public_means_tous_publics(example):
    service = di.to_service(_lieu(example, publics_specifiquement_adresses="", prise_en_charge_specifique="Illettrisme"))
    assert service["publics"] == ["tous-publics"]
    assert service["publics_precisions"] == "Illettrisme"
    service = di.to_service(_lieu(example, publics_specifiquement_adresses="", prise_en_charge_specifique=""))
    assert (service["publics"], service["publics_precisions"]) == (["tous-publics"], None)


def test_type_and_modes_accueil(example):
    service = di.to_service(_lieu(example, modalites_accompagnement="À distance"))
    assert (service["type"], service["modes_accueil"]) == (None, ["a-distance", "en-presentiel"])
    service = di.to_service(_lieu(example, modalites_accompagnement="Accompagnement individuel|Dans un atelier collectif"))
    assert (service["type"], service["modes_accueil"]) == ("atelier", ["en-presentiel"])
    assert di.to_service(_lieu(example, modalites_accompagnement=""))["type"] is None


def test_modes_mobilisation_fall_back_on_the_contacts(example):
    service = di.to_service(_lieu(example, modalites_acces="Prendre un RDV en ligne|Contacter par mail"))
    assert service["modes_mobilisation"] == ["envoyer-un-courriel", "utiliser-lien-mobilisation"]
    # « Ce lieu n'accueille pas de public » is no way to mobilise: the contacts are used instead
    service = di.to_service(_lieu(example, modalites_acces="Ce lieu n'accueille pas de public", prise_rdv=""))
    assert service["modes_mobilisation"] == ["envoyer-un-courriel", "telephoner"]
    service = di.to_service(_lieu(example, modalites_acces="", telephone="", courriels="", prise_rdv=""))
    assert service["modes_mobilisation"] is None


def test_lieu_without_services_nor_presentation(example):
    row = _lieu(example, services="", presentation_detail="", presentation_resume="")
    service = di.to_service(row)
    assert service["thematiques"] is None
    assert service["description"] == di.SERVICE_NOM  # description is required by the v1 service model
    assert di.to_structure(row)["description"] is None
    row = _lieu(example, presentation_detail="", presentation_resume="",
                services="Aide aux démarches administratives|Accès internet et matériel informatique")
    assert di.to_service(row)["description"] == "Accès internet et matériel informatique, Aide aux démarches administratives"


def test_reseaux_porteurs_from_dispositifs_labels_and_typologie(example):
    row = _lieu(example, dispositif_programmes_nationaux="France Services|Point d'accès numérique CAF",
                formations_labels="Fabriques de Territoire", typologie="EPN|MUNI|BIB|CC")
    assert di.to_structure(row)["reseaux_porteurs"] == ["communes", "espaces-publics-numeriques", "fabrique-de-territoire", "france-service"]
    row = _lieu(example, dispositif_programmes_nationaux="", formations_labels="", typologie="TIERS_LIEUX")
    assert di.to_structure(row)["reseaux_porteurs"] is None


def test_coordinates_outside_wgs84_are_not_sent(example):
    for latitude in ("NaN", "Infinity", "143.5", ""):
        record = di.to_structure(_lieu(example, latitude=latitude))
        assert record["latitude"] is None and record["longitude"] == 5.41423
    assert di.to_service(_lieu(example, latitude="-21.1"))["latitude"] == -21.1


def test_ids_are_stable(example):
    first = di.to_structures([example, _lieu(example, id="lieu-2")])
    again = di.to_structures([_lieu(example, id="lieu-2", nom="Autre nom", date_maj="2025-01-01"), example])
    assert [s["id"] for s in first] == ["geo2france--structure-1", "geo2france--lieu-2"]
    assert [s["id"] for s in again] == ["geo2france--lieu-2", "geo2france--structure-1"]  # order, name, date: no effect
    assert di.to_structures([example]) == di.to_structures([example])
    assert di.to_services([example], source="cd80")[0]["id"] == "cd80--structure-1"
    assert di.to_services([example], source="cd80")[0]["structure_id"] == "cd80--structure-1"


# --- the mapping tables against both schemas -----------------------------------------------------


def test_mapping_keys_are_values_of_the_standard():
    model = load_model()
    for field_name, table in (("services", di.THEMATIQUES), ("modalites_accompagnement", di.TYPES),
                              ("frais_a_charge", di.FRAIS), ("publics_specifiquement_adresses", di.PUBLICS),
                              ("prise_en_charge_specifique", di.PUBLICS_PRISE_EN_CHARGE),
                              ("modalites_acces", di.MODES_MOBILISATION),
                              ("dispositif_programmes_nationaux", di.RESEAUX_DISPOSITIFS),
                              ("formations_labels", di.RESEAUX_LABELS), ("typologie", di.RESEAUX_TYPOLOGIES)):
        allowed = set(model.field(field_name).enum)
        assert set(table) <= allowed, (field_name, set(table) - allowed)
    assert set(di.THEMATIQUES) == set(model.field("services").enum)  # every service has its thematiques
    assert di.A_DISTANCE in model.field("modalites_accompagnement").enum


def test_mapping_values_are_values_of_data_inclusion_v1():
    v1 = _v1()
    thematiques = {t.value for t in v1.Thematique}
    assert {t for values in di.THEMATIQUES.values() for t in values} <= thematiques
    assert set(di.TYPES.values()) | set(di.TYPE_PRIORITY) <= {t.value for t in v1.TypeService}
    assert set(di.FRAIS.values()) <= {f.value for f in v1.Frais}
    assert set(di.PUBLICS.values()) | set(di.PUBLICS_PRISE_EN_CHARGE.values()) | {di.TOUS_PUBLICS} <= {p.value for p in v1.Public}
    assert set(di.MODES_MOBILISATION.values()) <= {m.value for m in v1.ModeMobilisation}
    assert set(di.MOBILISABLE_PAR) <= {p.value for p in v1.PersonneMobilisatrice}
    reseaux = {r.value for r in v1.ReseauPorteur}
    for table in (di.RESEAUX_DISPOSITIFS, di.RESEAUX_LABELS, di.RESEAUX_TYPOLOGIES):
        assert set(table.values()) <= reseaux, set(table.values()) - reseaux
    assert set(di.STRUCTURE_FIELDS) == set(v1.Structure.model_fields)
    assert set(di.SERVICE_FIELDS) == set(v1.Service.model_fields)


# --- validation with the official models --------------------------------------------------------


def test_official_example_validates(example):
    v1 = _v1()
    structures, services = di.to_structures([example]), di.to_services([example])
    assert di.validate(structures, services) == []
    v1.Structure.model_validate(structures[0])
    v1.Service.model_validate(services[0])


def test_every_standard_valid_tricky_row_maps_to_valid_records_but_four():
    """Lieux the standard accepts (after normalisation) are valid data·inclusion records, except where
    data·inclusion is stricter: a future date (a warning for the standard) and a malformed first e-mail
    or web address (free text in the standard, RFC 5322 / URL in data·inclusion)."""
    v1 = _v1()
    selection = select_rows([row for _name, row in TRICKY_ROWS], only_published=False)
    assert len(selection.kept) > 50
    structures, services = di.to_structures(selection.kept), di.to_services(selection.kept)
    stricter = {"piege-date-maj-future", "piege-courriels-malformes", "piege-courriels-point-virgule", "piege-site-web-sans-schema"}
    for structure, service in zip(structures, services):
        name = structure["id"].split("--", 1)[1]
        if name in stricter:
            continue
        v1.Structure.model_validate(structure)
        v1.Service.model_validate(service)
    messages = di.validate(structures, services)
    refused = {m.split("(geo2france--", 1)[1].split(")", 1)[0] for m in messages}
    assert refused == stricter
    assert "Structure « Anonymal » (geo2france--piege-courriels-malformes), champ « courriel » : " \
           "« contact(at)exemple.fr » n'est pas une adresse de courriel valide." in messages
    assert any("piege-date-maj-future), champ « date_maj » : La date de dernière modification ne peut pas être dans le futur." in m
               for m in messages)
    assert any(m.startswith("Service du lieu « Anonymal » (geo2france--piege-date-maj-future)") for m in messages)
    assert any("champ « site_web » : « www.exemple.fr » n'est pas une adresse web valide." in m for m in messages)


def test_validate_names_the_lieu_and_the_field(example):
    _v1()
    structure = dict(di.to_structure(example), nom="AB", code_postal="5100")
    service = dict(di.to_service(example), structure_id="geo2france--inconnu", publics=["tous-publics", "femmes"], thematiques=["numerique--x"])
    messages = di.validate([structure, structure], [service])
    assert "Structure « AB » (geo2france--structure-1), champ « nom » : « AB » : au moins 3 caractères attendus." in messages
    assert "Structure « AB » (geo2france--structure-1) : identifiant en double." in messages
    assert any("champ « code_postal »" in m and "« 5100 »" in m for m in messages)
    assert any("la structure « geo2france--inconnu » n'existe pas" in m for m in messages)
    assert any("champ « publics » : `tous-publics` ne peut pas être utilisé avec d’autres valeurs." in m for m in messages)
    assert any("champ « thematiques.0 » : « numerique--x » n'est pas une valeur autorisée par data·inclusion." in m for m in messages)


def test_validate_without_the_package(monkeypatch, example):
    monkeypatch.setattr(di, "_models", lambda: None)
    assert not di.validator_available()
    messages = di.validate(di.to_structures([example]), di.to_services([example]))
    assert messages == [di.validator_missing_message()]
    assert "data·inclusion non installé" in messages[0]
