"""Completeness of a lieu: the share of the recommended fields that are filled.

The national map shows « Cette fiche est remplie à N % » on a lieu's sheet; its formula is not
published, so the plugin counts the fields that sheet displays besides the required ones.
"""

from __future__ import annotations

#: fields the national map shows on a lieu's sheet: the completeness score counts them
RECOMMENDED_FIELDS = (
    "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume", "presentation_detail",
    "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "modalites_acces", "modalites_accompagnement", "prise_rdv", "dispositif_programmes_nationaux",
)


def completeness(row: dict[str, str]) -> int:
    """% of the recommended fields filled in a row."""
    filled = sum(1 for name in RECOMMENDED_FIELDS if (row.get(name) or "").strip())
    return round(100 * filled / len(RECOMMENDED_FIELDS))
