"""Tricky variants of the official example row, for parity tests with Frictionless.

Each variant changes one or two fields of ``tests/data/exemple-valide.csv`` (the official
example of the standard v1.0.2) to something that real files contain or that the official
schema handles in a surprising way. ``TRICKY_ROWS`` keeps them in file order: the first
one is the official example itself; each variant's ``id`` is its name (except the
duplicate-id case, which reuses the example's ``id``).

``DEVIATIONS`` lists the variants on which the plugin's verdict knowingly differs from
``frictionless validate --schema standard-v1.0.2.json``, with the reason in French.

``EXPECTED_INVALID`` is the verdict this file was written for (what both validators say,
Frictionless' verdict for deviations); the parity test does not need it, other tests may.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from typing import Union

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLE_FILE = DATA / "exemple-valide.csv"
EXAMPLE_NAME = "exemple-officiel"


def read_example() -> dict[str, str]:
    """The official example row, read with the csv module (independent of the plugin)."""
    with open(EXAMPLE_FILE, encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))


EXAMPLE = read_example()
EXAMPLE_ID = EXAMPLE["id"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# A 280-character summary with accents (NFC): valid; one more character: invalid.
_RESUME_BASE = ("Médiathèque intercommunale d'Hénin-Beaumont : ateliers numériques, aide aux démarches "
                "en ligne, accès libre à des ordinateurs, accompagnement des séniors et des étudiants. ")
RESUME_280 = (_RESUME_BASE * 3)[:279].rstrip() + "é"
RESUME_280 = RESUME_280 + "é" * (280 - len(RESUME_280))
RESUME_281 = RESUME_280 + "é"
assert len(RESUME_280) == 280 and len(RESUME_281) == 281
assert len(nfd(RESUME_280)) > 280

NO_PUBLIC = "Ce lieu n'accueille pas de public"

# (name, changes); a name is also the variant's id unless ``id`` is among the changes.
_VARIANTS: list[tuple[str, dict[str, str]]] = [
    (EXAMPLE_NAME, {}),
    # --- enumerations: typographic apostrophe, NFD accents, case, spaces, pipes --------
    ("piege-acces-apostrophe-typographique", {"modalites_acces": "Se présenter|Ce lieu n\u2019accueille pas de public"}),
    ("piege-dispositif-apostrophe-typographique", {"dispositif_programmes_nationaux": "Point d\u2019accès numérique CAF"}),
    ("piege-services-nfd", {"services": nfd("Maîtrise des outils numériques du quotidien")}),
    ("piege-publics-nfd", {"publics_specifiquement_adresses": nfd("Étudiants|Seniors")}),
    ("piege-itinerance-nfd", {"itinerance": nfd("Itinérant")}),
    ("piege-prise-en-charge-nfd", {"prise_en_charge_specifique": nfd("Surdité")}),
    ("piege-itinerance-minuscule", {"itinerance": "itinérant"}),
    ("piege-frais-majuscules", {"frais_a_charge": "GRATUIT"}),
    ("piege-accompagnement-minuscule", {"modalites_accompagnement": "en autonomie|À distance"}),
    ("piege-dispositif-casse", {"dispositif_programmes_nationaux": "France services"}),
    ("piege-frais-espaces-autour-pipe", {"frais_a_charge": "Gratuit | Payant"}),
    ("piege-services-espace-final", {"services": "Aide aux démarches administratives "}),
    ("piege-services-espace-initial", {"services": " Aide aux démarches administratives"}),
    ("piege-services-pipe-initial", {"services": "|Aide aux démarches administratives"}),
    ("piege-accompagnement-pipe-final", {"modalites_accompagnement": "En autonomie|"}),
    ("piege-publics-double-pipe", {"publics_specifiquement_adresses": "Jeunes||Femmes"}),
    ("piege-prise-en-charge-nbsp", {"prise_en_charge_specifique": "Langues étrangères\u00a0(anglais)"}),
    ("piege-formations-etapes-avec-espace", {"formations_labels": "Étapes numériques (La Poste)"}),
    ("piege-formations-etapes-sans-espace", {"formations_labels": "Étapes numériques(La Poste)"}),
    ("piege-formations-ordi-3x0", {"formations_labels": "ORDI 3x0"}),
    ("piege-formations-guillemets-droits", {"formations_labels": 'Formé à "Mon Espace Santé"'}),
    ("piege-services-valeur-v0-1", {"services": "Réaliser des démarches administratives avec un accompagnement"}),
    ("piege-frais-prefixe", {"frais_a_charge": "Gratuit sous"}),
    ("piege-services-vide", {"services": ""}),
    ("piege-services-vide-sans-public", {"services": "", "modalites_acces": NO_PUBLIC}),
    ("piege-itinerance-deux-valeurs", {"itinerance": "Itinérant|Fixe"}),
    ("piege-itinerance-doublon", {"itinerance": "Fixe|Fixe"}),
    ("piege-acces-sans-public-et-services", {"modalites_acces": "Ce lieu n'accueille pas de public|Téléphoner"}),
    # --- typologie (no pattern in the schema) ----------------------------------------
    ("piege-typologie-code-inconnu", {"typologie": "TIERS_LIEUX|BUS_NUMERIQUE"}),
    ("piege-typologie-minuscules", {"typologie": "epn"}),
    # --- pivot -----------------------------------------------------------------------
    ("piege-pivot-sentinelle", {"pivot": "00000000000000"}),
    ("piege-pivot-rna", {"pivot": "W595012345"}),
    ("piege-pivot-siret-espaces", {"pivot": "434 933 123 00029"}),
    ("piege-pivot-15-caracteres", {"pivot": "434933123000290"}),
    ("piege-pivot-8-caracteres", {"pivot": "43493312"}),
    ("piege-pivot-vide", {"pivot": ""}),
    # --- code postal, code INSEE -----------------------------------------------------
    ("piege-code-postal-4-chiffres", {"code_postal": "5910"}),
    ("piege-code-postal-espace-final", {"code_postal": "59100 "}),
    ("piege-code-insee-2a004", {"code_insee": "2A004"}),
    ("piege-code-insee-20004", {"code_insee": "20004"}),
    ("piege-code-insee-97411", {"code_insee": "97411"}),
    ("piege-code-insee-4-chiffres", {"code_insee": "8021"}),
    ("piege-code-insee-vide", {"code_insee": ""}),
    # --- telephone -------------------------------------------------------------------
    ("piege-telephone-national", {"telephone": "0322334455"}),
    ("piege-telephone-espaces", {"telephone": "03 22 33 44 55"}),
    ("piege-telephone-international-espaces", {"telephone": "+33 3 22 33 44 55"}),
    ("piege-telephone-reunion", {"telephone": "+262262123456"}),
    ("piege-telephone-zero-apres-indicatif", {"telephone": "+330322334455"}),
    ("piege-telephone-deux-numeros", {"telephone": "+33322334455|+33322334456"}),
    # --- coordinates -----------------------------------------------------------------
    ("piege-latitude-virgule", {"latitude": "43,52609"}),
    ("piege-latitude-nan", {"latitude": "NaN"}),
    ("piege-latitude-1e2", {"latitude": "1e2"}),
    ("piege-latitude-hors-plage", {"latitude": "143.5"}),
    ("piege-latitude-texte", {"latitude": "N43.5"}),
    ("piege-latitude-point-initial", {"latitude": ".5"}),
    ("piege-longitude-espace-initial", {"longitude": " 5.41423"}),
    ("piege-longitude-signe-plus", {"longitude": "+5.41423"}),
    ("piege-longitude-seule", {"latitude": ""}),
    ("piege-latitude-infini", {"latitude": "Infinity"}),
    ("piege-latitude-espace-milliers", {"latitude": "43 526"}),
    ("piege-latitude-moins-typographique", {"latitude": "\u221243.5"}),
    ("piege-latitude-chiffres-pleine-chasse", {"latitude": "\uff14\uff13.5"}),
    # --- date_maj --------------------------------------------------------------------
    ("piege-date-maj-francaise", {"date_maj": "02/04/2024"}),
    ("piege-date-maj-sans-zeros", {"date_maj": "2024-4-2"}),
    ("piege-date-maj-espace-final", {"date_maj": "2024-04-02 "}),
    ("piege-date-maj-30-fevrier", {"date_maj": "2024-02-30"}),
    ("piege-date-maj-horodatage", {"date_maj": "2024-04-02T10:00:00"}),
    ("piege-date-maj-vide", {"date_maj": ""}),
    ("piege-date-maj-future", {"date_maj": "2099-12-31"}),
    # --- presentation ----------------------------------------------------------------
    ("piege-resume-280-caracteres", {"presentation_resume": RESUME_280}),
    ("piege-resume-281-caracteres", {"presentation_resume": RESUME_281}),
    ("piege-resume-280-caracteres-nfd", {"presentation_resume": nfd(RESUME_280)}),
    ("piege-detail-guillemets-virgules-retours", {"presentation_detail": 'Il a dit "bonjour", puis\r\nil est parti ;\nfin, "vraiment".'}),
    # --- contact (no pattern in the schema) ------------------------------------------
    ("piege-courriels-malformes", {"courriels": "contact(at)exemple.fr|@exemple"}),
    ("piege-courriels-point-virgule", {"courriels": "a@exemple.fr;b@exemple.fr"}),
    ("piege-site-web-sans-schema", {"site_web": "www.exemple.fr"}),
    ("piege-horaires-texte-libre", {"horaires": "du lundi au vendredi, 9h-12h"}),
    # --- required fields -------------------------------------------------------------
    ("piege-nom-vide", {"nom": ""}),
    ("piege-adresse-vide", {"adresse": ""}),
    ("piege-commune-espaces", {"commune": "   "}),
    ("piege-code-postal-vide", {"code_postal": ""}),
    ("piege-id-doublon", {"id": EXAMPLE_ID}),
    ("piege-nom-unicode-emoji", {"nom": "Espace numérique « L’Échappée » \U0001F4BB"}),
]


def _build() -> list[tuple[str, dict[str, str]]]:
    rows = []
    for name, changes in _VARIANTS:
        row = dict(EXAMPLE)
        if name != EXAMPLE_NAME:
            row["id"] = name
        row.update(changes)
        rows.append((name, row))
    return rows


TRICKY_ROWS: list[tuple[str, dict[str, str]]] = _build()

DEVIATIONS: dict[str, str] = {
    "piege-formations-etapes-avec-espace": (
        "Le motif officiel v1.0.2 contient « Étapes numériques\\(La Poste\\) » sans espace (coquille) ; "
        "la description du standard et la bibliothèque de l'ANCT écrivent « Étapes numériques (La Poste) », "
        "forme que le plugin accepte et écrit."),
}

#: Names of the variants that break the official schema (Frictionless' verdict).
EXPECTED_INVALID: frozenset[str] = frozenset({
    "piege-acces-apostrophe-typographique", "piege-dispositif-apostrophe-typographique",
    "piege-services-nfd", "piege-publics-nfd", "piege-itinerance-nfd", "piege-prise-en-charge-nfd",
    "piege-itinerance-minuscule", "piege-frais-majuscules", "piege-accompagnement-minuscule",
    "piege-dispositif-casse", "piege-frais-espaces-autour-pipe", "piege-services-espace-final",
    "piege-services-espace-initial", "piege-accompagnement-pipe-final", "piege-publics-double-pipe",
    "piege-prise-en-charge-nbsp", "piege-formations-etapes-avec-espace", "piege-formations-guillemets-droits",
    "piege-services-valeur-v0-1", "piege-frais-prefixe",
    "piege-pivot-siret-espaces", "piege-pivot-15-caracteres", "piege-pivot-8-caracteres", "piege-pivot-vide",
    "piege-code-postal-4-chiffres", "piege-code-postal-espace-final", "piege-code-insee-20004",
    "piege-code-insee-4-chiffres",
    "piege-telephone-national", "piege-telephone-espaces", "piege-telephone-international-espaces",
    "piege-telephone-zero-apres-indicatif", "piege-telephone-deux-numeros",
    "piege-latitude-virgule", "piege-latitude-texte", "piege-latitude-espace-milliers",
    "piege-latitude-moins-typographique",
    "piege-date-maj-francaise", "piege-date-maj-espace-final", "piege-date-maj-30-fevrier",
    "piege-date-maj-horodatage", "piege-date-maj-vide",
    "piege-resume-281-caracteres", "piege-resume-280-caracteres-nfd",
    "piege-nom-vide", "piege-adresse-vide", "piege-code-postal-vide", "piege-id-doublon",
})

#: Invalid variants that :func:`mednum.core.validation.normalize_row` must turn valid.
NORMALISABLE: frozenset[str] = frozenset({
    "piege-acces-apostrophe-typographique", "piege-dispositif-apostrophe-typographique",
    "piege-services-nfd", "piege-publics-nfd", "piege-itinerance-nfd", "piege-prise-en-charge-nfd",
    "piege-itinerance-minuscule", "piege-frais-majuscules", "piege-accompagnement-minuscule",
    "piege-dispositif-casse", "piege-frais-espaces-autour-pipe", "piege-services-espace-final",
    "piege-services-espace-initial", "piege-accompagnement-pipe-final", "piege-publics-double-pipe",
    "piege-prise-en-charge-nbsp",
    "piege-code-postal-espace-final",
    "piege-telephone-national", "piege-telephone-espaces", "piege-telephone-international-espaces",
    "piege-telephone-zero-apres-indicatif",
    "piege-latitude-virgule",
    "piege-date-maj-francaise", "piege-date-maj-espace-final", "piege-date-maj-horodatage",
    "piege-resume-280-caracteres-nfd",
})


def row_names() -> list[str]:
    return [name for name, _ in TRICKY_ROWS]


def write_tricky_csv(path: Union[str, Path]) -> Path:
    """Header + every variant, official column order, written by the plugin's writer."""
    from mednum.core.io_standard import write_csv

    write_csv([row for _, row in TRICKY_ROWS], path)
    return Path(path)


assert len(set(row_names())) == len(TRICKY_ROWS)
assert len({row["id"] for _, row in TRICKY_ROWS}) == len(TRICKY_ROWS) - 1  # the duplicate-id case
assert set(DEVIATIONS) <= set(row_names()) and EXPECTED_INVALID <= set(row_names())
assert NORMALISABLE <= EXPECTED_INVALID
