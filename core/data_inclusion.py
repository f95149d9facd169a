"""Lieux of the national standard as data·inclusion **v1** structures and services.

One lieu becomes one *structure* and one *service* « Service d'accompagnement au numérique »,
as the national pipeline of data·inclusion does for the lieux of the Cartographie nationale:
``gip-inclusion/data-inclusion:pipeline/dbt/models/intermediate/v1/001_mappings/mediation_numerique/``
(``int_mediation_numerique__structures_v1.sql``, ``int_mediation_numerique__services_v1.sql`` and the
``_map_mediation_numerique__*.sql`` tables, commit d4969e3 of 2026-06-30). Each table below names
the file it comes from; the few additions and deviations are marked « ajout » / « écart ».

Identifiers are stable: ``<source>--<id du lieu>`` for the structure **and** its service (the
national pipeline uses the same id for both; ids only need to be unique per resource).

Field names and enumerations are those of the Python package ``data-inclusion-schema`` (v1,
pydantic models ``data_inclusion.schema.v1.Structure`` / ``Service``); :func:`validate` uses
those models when the package is installed. Pure Python otherwise (no QGIS).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Iterable, Optional, Union

from .i18n import tr
from .schema import split_multi

#: Default ``source`` of the records: the producer of the data (data·inclusion wants a slug).
DEFAULT_SOURCE = "geo2france"
#: Name of the one service of a lieu (``int_mediation_numerique__services_v1.sql``).
SERVICE_NOM = "Service d'accompagnement au numérique"
#: Pivot written when neither SIRET nor RNA is known: never sent as a SIRET.
PIVOT_INCONNU = "00000000000000"

_MAPPINGS = "gip-inclusion/data-inclusion:pipeline/dbt/models/intermediate/v1/001_mappings"

#: services (standard) → thematiques (v1). Source: ``mediation_numerique/_map_mediation_numerique__thematiques.sql``.
THEMATIQUES: dict[str, tuple[str, ...]] = {
    "Accès internet et matériel informatique": (
        "numerique--acceder-a-une-connexion-internet", "numerique--acquerir-un-equipement"),
    "Acquisition de matériel informatique à prix solidaire": ("numerique--acquerir-un-equipement",),
    "Aide aux démarches administratives": (
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        "numerique--acceder-a-des-services-en-ligne"),
    "Compréhension du monde numérique": ("numerique--maitriser-les-fondamentaux-du-numerique",),
    "Insertion professionnelle via le numérique": (
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
        "numerique--maitriser-les-fondamentaux-du-numerique"),
    "Loisirs et créations numériques": (
        "remobilisation--activites-sportives-et-culturelles", "numerique--maitriser-les-fondamentaux-du-numerique"),
    "Maîtrise des outils numériques du quotidien": (
        "numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-des-services-en-ligne"),
    "Parentalité et éducation avec le numérique": (
        "famille--soutien-a-la-parentalite-et-a-leducation", "numerique--maitriser-les-fondamentaux-du-numerique"),
    "Utilisation sécurisée du numérique": ("numerique--maitriser-les-fondamentaux-du-numerique",),
}

#: modalites_accompagnement → type (v1). Source: ``_map_mediation_numerique__types.sql`` (« À distance » : aucun type).
TYPES: dict[str, str] = {
    "Accompagnement individuel": "accompagnement",
    "Dans un atelier collectif": "atelier",
    "En autonomie": "aide-materielle",
}
#: One type per service: the first of this order found (``CASE`` of ``int_mediation_numerique__services_v1.sql``).
TYPE_PRIORITY = ("aide-materielle", "atelier", "accompagnement")

#: frais_a_charge → frais (v1 has only gratuit | payant). Source: CTE ``frais`` of ``int_mediation_numerique__services_v1.sql``:
#: « Gratuit » wins, « Gratuit sous condition » counts as gratuit. Écart : the condition is kept in
#: ``frais_precisions`` (the pipeline writes NULL there and picks among the others in no set order).
FRAIS: dict[str, str] = {"Gratuit": "gratuit", "Gratuit sous condition": "gratuit", "Payant": "payant"}

#: publics_specifiquement_adresses → publics. Source: ``_map_mediation_numerique__publics.sql``.
PUBLICS: dict[str, str] = {
    "Étudiants": "etudiants",
    "Familles et/ou enfants": "familles",
    "Femmes": "femmes",
    "Jeunes": "jeunes",
    "Seniors": "seniors",
}
#: prise_en_charge_specifique → publics. Source: ``_map_mediation_numerique__publics__prise_en_charge.sql``
#: (« Illettrisme » : aucun public ; it stays in ``publics_precisions``).
PUBLICS_PRISE_EN_CHARGE: dict[str, str] = {
    "Déficience visuelle": "personnes-en-situation-de-handicap",
    "Handicaps mentaux": "personnes-en-situation-de-handicap",
    "Handicaps moteurs": "personnes-en-situation-de-handicap",
    "Surdité": "personnes-en-situation-de-handicap",
    "Langues étrangères (anglais)": "personnes-exilees",
    "Langues étrangères (autres)": "personnes-exilees",
}
#: A service without a specific public (``COALESCE(publics, ARRAY['tous-publics'])``).
TOUS_PUBLICS = "tous-publics"

#: modalites_acces → modes_mobilisation. Source: ``_map_mediation_numerique__modes_mobilisation.sql``.
MODES_MOBILISATION: dict[str, str] = {
    "Contacter par mail": "envoyer-un-courriel",
    "Envoyer un mail avec une fiche de prescription": "envoyer-un-courriel",
    "Prendre un RDV en ligne": "utiliser-lien-mobilisation",
    "Se présenter": "se-presenter",
    "Téléphoner": "telephoner",
}
#: Same source: who may mobilise the service, and how it is received.
MOBILISABLE_PAR = ("professionnels", "usagers")
A_DISTANCE = "À distance"

#: dispositif_programmes_nationaux → reseaux_porteurs. Source: ``_map_mediation_numerique__reseaux_porteurs.sql``
#: (Bibliothèques numérique de référence, Certification PIX, Point d'accès numérique CAF, Promeneurs du net: none).
RESEAUX_DISPOSITIFS: dict[str, str] = {
    "Aidants Connect": "aidants-connect",
    "Conseillers numériques": "conseillers-numeriques",
    "France Services": "france-service",
    "Grande école du numérique": "grandes-ecoles-du-numerique",
    "La Croix Rouge": "croix-rouge",
}
#: formations_labels → reseaux_porteurs. Ajout: ANCT's converter to data·inclusion v0
#: (``anct-cartographie-nationale/lieux-de-mediation-numerique:src/transfer/schema-data-inclusion/
#: to-schema-data-inclusion/to-schema-data-inclusion-fields.ts``, LABELS_NATIONAUX_MAP) sends this label to
#: ``fabrique-de-territoire``, a value that v1 ``reseaux_porteurs`` kept.
RESEAUX_LABELS: dict[str, str] = {"Fabriques de Territoire": "fabrique-de-territoire"}
#: typologie (data·inclusion v0 codes, reused by the standard) → reseaux_porteurs. Ajout: the national
#: pipeline does not read the typologie of lieux, but data·inclusion maps the very same codes for DORA in
#: ``dora/_map_dora__reseaux_porteurs__typologie.sql`` (commit 965e0b2, 2026-04-27); codes without a
#: network (ASSO, BIB, TIERS_LIEUX, FABLAB, Autre…) give none. Écart : ``CC`` (Communautés de communes)
#: goes to ``communes`` like ``EPCI`` (DORA's table says ``ccas-cias``); ``ESAT`` (ANCT-only code) → ``esat``.
RESEAUX_TYPOLOGIES: dict[str, str] = {
    "ACI": "aci", "ACIPHC": "aci", "AFPA": "afpa", "ASE": "ase", "AVIP": "creches-avip", "CAARUD": "caarud",
    "CADA": "cada", "CAF": "caf", "CAP_EMPLOI": "cap-emploi-reseau-cheops", "CAVA": "cava", "CC": "communes",
    "CCAS": "ccas-cias", "CCONS": "chambres-consulaires", "CD": "departements", "CDAS": "departements",
    "CHRS": "chrs", "CHU": "chu", "CIAS": "ccas-cias", "CIDFF": "cidff", "CMP": "cmp", "CMS": "cms", "CPAM": "cpam",
    "CPH": "cph", "CS": "fcsf", "CSAPA": "csapa", "CSC": "fcsf", "DEETS": "regions", "DEPT": "departements",
    "E2C": "ecoles-de-la-deuxieme-chance", "EA": "unea", "EATT": "unea", "EI": "ei", "EITI": "eiti",
    "ENM": "espaces-publics-numeriques", "EPCI": "communes", "EPI": "espaces-publics-numeriques", "EPIDE": "epide",
    "EPN": "espaces-publics-numeriques", "ESAT": "esat", "ETTI": "etti", "EVS": "caf",
    "FAIS": "federation-des-acteurs-de-la-solidarite", "FT": "france-travail", "GEIQ": "geiq", "HUDA": "huda",
    "LA_POSTE": "la-poste", "MDE": "maisons-de-l-emploi", "MDEF": "maisons-de-l-emploi", "MDPH": "mdph",
    "MDS": "maisons-des-solidarites", "MJC": "mjc", "ML": "mission-locale", "MQ": "communes",
    "MSA": "mutualite-sociale-agricole", "MSAP": "msap", "MUNI": "communes", "PIJ_BIJ": "reseau-information-jeunesse",
    "PIMMS": "pimms-mediation", "PJJ": "pjj", "PLIE": "plie", "PREF": "regions", "REG": "regions",
    "RFS": "france-service", "RS_FJT": "residences-fjt", "SPIP": "spip", "UDAF": "departements",
}

#: Field order of the v1 models (``data_inclusion.schema.v1.Structure`` / ``Service``, package 1.0.10).
STRUCTURE_FIELDS = (
    "source", "id", "nom", "date_maj", "description", "lien_source", "siret", "commune", "code_postal", "code_insee",
    "adresse", "complement_adresse", "longitude", "latitude", "telephone", "courriel", "site_web", "horaires_accueil",
    "accessibilite_lieu", "reseaux_porteurs",
)
SERVICE_FIELDS = (
    "source", "structure_id", "id", "nom", "description", "lien_source", "date_maj", "type", "thematiques", "frais",
    "frais_precisions", "publics", "publics_precisions", "conditions_acces", "commune", "code_postal", "code_insee",
    "adresse", "complement_adresse", "longitude", "latitude", "telephone", "courriel", "modes_accueil",
    "zone_eligibilite", "contact_nom_prenom", "lien_mobilisation", "modes_mobilisation", "mobilisable_par",
    "mobilisation_precisions", "volume_horaire_hebdomadaire", "nombre_semaines", "horaires_accueil",
)


def departement_code(code_insee: Optional[str]) -> str:
    """Département of a commune code: 3 characters overseas (``97x``, ``98x``), else 2 (``2A`` kept); '' if none."""
    code = (code_insee or "").strip().upper()
    if len(code) < 2:
        return ""
    return code[:3] if code.startswith(("97", "98")) and len(code) >= 3 else code[:2]


def record_id(row: dict[str, str], source: str = DEFAULT_SOURCE) -> str:
    """Stable data·inclusion id of a lieu: ``<source>--<id du lieu>``."""
    return f"{source}--{(row.get('id') or '').strip()}"


def _text(row: dict[str, str], name: str) -> Optional[str]:
    value = (row.get(name) or "").strip()
    return value or None


def _first(row: dict[str, str], name: str) -> Optional[str]:
    values = split_multi(row.get(name))
    return values[0] if values else None


def _coordinate(row: dict[str, str], name: str, limit: float) -> Optional[float]:
    """A WGS84 coordinate, or None (absent, not a number, NaN/infinite or out of range: not sent)."""
    try:
        value = float((row.get(name) or "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


def _mapped(values: Iterable[str], mapping: dict) -> list[str]:
    found: set[str] = set()
    for value in values:
        target = mapping.get(value)
        if isinstance(target, tuple):
            found.update(target)
        elif target:
            found.add(target)
    return sorted(found)


def _siret(row: dict[str, str]) -> Optional[str]:
    pivot = re.sub(r"\s", "", row.get("pivot") or "")
    return pivot if re.fullmatch(r"\d{14}", pivot) and pivot != PIVOT_INCONNU else None


def _address(row: dict[str, str]) -> dict:
    return {
        "commune": _text(row, "commune"),
        "code_postal": _text(row, "code_postal"),
        "code_insee": _text(row, "code_insee"),
        "adresse": _text(row, "adresse"),
        "complement_adresse": _text(row, "complement_adresse"),
        "longitude": _coordinate(row, "longitude", 180.0),
        "latitude": _coordinate(row, "latitude", 90.0),
    }


def to_structure(row: dict[str, str], source: str = DEFAULT_SOURCE) -> dict:
    """The data·inclusion v1 structure of one lieu (JSON-ready; absent values are ``None``)."""
    reseaux = set(_mapped(split_multi(row.get("dispositif_programmes_nationaux")), RESEAUX_DISPOSITIFS))
    reseaux.update(_mapped(split_multi(row.get("formations_labels")), RESEAUX_LABELS))
    reseaux.update(_mapped(split_multi(row.get("typologie")), RESEAUX_TYPOLOGIES))
    record = {
        "source": source,
        "id": record_id(row, source),
        "nom": _text(row, "nom"),
        "date_maj": _text(row, "date_maj"),
        "description": _text(row, "presentation_detail") or _text(row, "presentation_resume"),
        "lien_source": None,
        "siret": _siret(row),
        **_address(row),
        "telephone": _text(row, "telephone"),
        "courriel": _first(row, "courriels"),
        "site_web": _first(row, "site_web"),
        "horaires_accueil": _text(row, "horaires"),
        # Ajout: the standard's acceslibre page (v0 « accessibilite », renamed « accessibilite_lieu » in v1).
        "accessibilite_lieu": _text(row, "fiche_acces_libre"),
        "reseaux_porteurs": sorted(reseaux) or None,
    }
    return {name: record[name] for name in STRUCTURE_FIELDS}


def _frais(values: list[str]) -> tuple[Optional[str], Optional[str]]:
    known = [v for v in values if v in FRAIS]
    if not known:
        return None, None
    order = ("Gratuit", "Gratuit sous condition", "Payant")
    frais = FRAIS[min(known, key=order.index)]
    precisions = ", ".join(values) if (len(values) > 1 or "Gratuit sous condition" in values) else None
    return frais, precisions


def _modes_mobilisation(row: dict[str, str]) -> Optional[list[str]]:
    modes = _mapped(split_multi(row.get("modalites_acces")), MODES_MOBILISATION)
    if not modes:  # no usable modalité: how the lieu can be reached (same fallback as the pipeline)
        if _text(row, "telephone"):
            modes.append("telephoner")
        if _first(row, "courriels"):
            modes.append("envoyer-un-courriel")
        if _text(row, "prise_rdv"):
            modes.append("utiliser-lien-mobilisation")
    return sorted(modes) or None


def to_service(row: dict[str, str], source: str = DEFAULT_SOURCE) -> dict:
    """The data·inclusion v1 service « accompagnement au numérique » of one lieu."""
    services = split_multi(row.get("services"))
    accompagnement = split_multi(row.get("modalites_accompagnement"))
    types = set(_mapped(accompagnement, TYPES))
    publics_source = split_multi(row.get("publics_specifiquement_adresses")) + split_multi(row.get("prise_en_charge_specifique"))
    publics = sorted(set(_mapped(split_multi(row.get("publics_specifiquement_adresses")), PUBLICS))
                     | set(_mapped(split_multi(row.get("prise_en_charge_specifique")), PUBLICS_PRISE_EN_CHARGE)))
    frais, frais_precisions = _frais(split_multi(row.get("frais_a_charge")))
    departement = departement_code(row.get("code_insee"))
    record = {
        "source": source,
        "structure_id": record_id(row, source),
        "id": record_id(row, source),
        "nom": SERVICE_NOM,
        "description": (_text(row, "presentation_detail") or _text(row, "presentation_resume")
                        or ", ".join(sorted(services)) or SERVICE_NOM),
        "lien_source": None,
        "date_maj": _text(row, "date_maj"),
        "type": next((t for t in TYPE_PRIORITY if t in types), None),
        "thematiques": _mapped(services, THEMATIQUES) or None,
        "frais": frais,
        "frais_precisions": frais_precisions,
        "publics": publics or [TOUS_PUBLICS],
        "publics_precisions": ", ".join(sorted(publics_source)) or None,
        "conditions_acces": None,
        **_address(row),
        "telephone": _text(row, "telephone"),
        "courriel": _first(row, "courriels"),
        "modes_accueil": ["a-distance", "en-presentiel"] if A_DISTANCE in accompagnement else ["en-presentiel"],
        "zone_eligibilite": [departement] if departement else None,
        "contact_nom_prenom": None,
        "lien_mobilisation": _text(row, "prise_rdv"),
        "modes_mobilisation": _modes_mobilisation(row),
        "mobilisable_par": list(MOBILISABLE_PAR),
        "mobilisation_precisions": None,
        "volume_horaire_hebdomadaire": None,
        "nombre_semaines": None,
        "horaires_accueil": _text(row, "horaires"),
    }
    return {name: record[name] for name in SERVICE_FIELDS}


def to_structures(rows: Iterable[dict[str, str]], source: str = DEFAULT_SOURCE) -> list[dict]:
    """data·inclusion v1 structures of lieux (one per lieu, in order)."""
    return [to_structure(row, source) for row in rows]


def to_services(rows: Iterable[dict[str, str]], source: str = DEFAULT_SOURCE) -> list[dict]:
    """data·inclusion v1 services of lieux (one per lieu, in order)."""
    return [to_service(row, source) for row in rows]


def write_json(records: list[dict], path: Union[str, Path]) -> int:
    """Write records as a JSON array (UTF-8); returns their count."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(records, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    return len(records)


# --- validation ----------------------------------------------------------------------------------


def _models() -> Optional[tuple[type, type]]:
    """The pydantic models ``(Structure, Service)``, or None when the package is not installed."""
    try:
        from data_inclusion.schema.v1 import Service, Structure
    except ImportError:
        return None
    return Structure, Service


def validator_available() -> bool:
    """True when the ``data-inclusion-schema`` package (pydantic models) can be imported."""
    return _models() is not None


def validator_missing_message() -> str:
    """The result of :func:`validate` when the models cannot be imported."""
    return tr("Validateur data·inclusion non installé (paquet Python « data-inclusion-schema ») : "
              "structures et services écrits sans vérification.")


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:79] + "…"


def _error_message(error: dict) -> str:
    """A French sentence for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = _short(error.get("input"))
    field_name = str(error["loc"][0]) if error.get("loc") else ""
    if kind == "missing":
        return tr("valeur obligatoire manquante.")
    if kind == "string_too_short":
        return tr("« {valeur} » : au moins {n} caractères attendus.").format(valeur=value, n=ctx.get("min_length"))
    if kind == "string_too_long":
        return tr("{longueur} caractères, au-delà du maximum de {n}.").format(longueur=len(str(error.get("input"))), n=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return tr("« {valeur} » ne respecte pas le format attendu ({motif}).").format(valeur=value, motif=ctx.get("pattern"))
    if kind.startswith("url_"):
        return tr("« {valeur} » n'est pas une adresse web valide.").format(valeur=value)
    if kind == "enum":
        return tr("« {valeur} » n'est pas une valeur autorisée par data·inclusion.").format(valeur=value)
    if kind.startswith("date_"):
        return tr("« {valeur} » n'est pas une date AAAA-MM-JJ.").format(valeur=value)
    if kind.startswith("float_") or kind.startswith("int_"):
        return tr("« {valeur} » n'est pas un nombre.").format(valeur=value)
    if kind == "too_short":
        return tr("liste vide : au moins une valeur attendue.")
    if kind == "value_error" and field_name == "courriel":
        return tr("« {valeur} » n'est pas une adresse de courriel valide.").format(valeur=value)
    return str(error.get("msg", "")).removeprefix("Value error, ")


def validate(structures: list[dict], services: list[dict]) -> list[str]:
    """French messages for every structure or service the data·inclusion v1 models refuse.

    Also checks that ids are unique and that each service points to a structure. When the
    package ``data-inclusion-schema`` is not installed, the only message is
    :func:`validator_missing_message` (see :func:`validator_available`).
    """
    models = _models()
    if models is None:
        return [validator_missing_message()]
    import pydantic

    structure_model, service_model = models
    messages: list[str] = []
    names = {s.get("id"): s.get("nom") or s.get("id") for s in structures}
    for kind, records, model in (("structure", structures, structure_model), ("service", services, service_model)):
        seen: set = set()
        for record in records:
            lieu = names.get(record.get("structure_id", record.get("id"))) or record.get("id")
            if kind == "structure":
                where = tr("Structure « {lieu} » ({id})").format(lieu=lieu, id=record.get("id"))
            else:
                where = tr("Service du lieu « {lieu} » ({id})").format(lieu=lieu, id=record.get("id"))
            if record.get("id") in seen:
                messages.append(tr("{ou} : identifiant en double.").format(ou=where))
            seen.add(record.get("id"))
            if kind == "service" and record.get("structure_id") not in names:
                messages.append(tr("{ou} : la structure « {structure} » n'existe pas.").format(ou=where, structure=record.get("structure_id")))
            try:
                model.model_validate(record, context={"ignore_warnings": True})
            except pydantic.ValidationError as error:
                for detail in error.errors():
                    champ = ".".join(str(part) for part in detail.get("loc", ())) or "?"
                    messages.append(tr("{ou}, champ « {champ} » : {message}").format(ou=where, champ=champ, message=_error_message(detail)))
    return messages
