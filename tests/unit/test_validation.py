"""Unit tests of mednum.core.validation: verdicts, French messages, suggestions, header."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from tricky_rows import DEVIATIONS, EXAMPLE, EXAMPLE_ID, EXPECTED_INVALID, NORMALISABLE, TRICKY_ROWS

from mednum.core.schema import load_model
from mednum.core.validation import (
    ERROR,
    WARNING,
    Validator,
    normalize_date,
    normalize_phone,
    normalize_row,
    normalize_value,
    validate_header,
    validate_rows,
)

TODAY = dt.date(2025, 1, 1)
ROWS = dict(TRICKY_ROWS)
NOM = EXAMPLE["nom"]  # "Anonymal"


def errors_of(row, row_number=2):
    return validate_rows([row], first_row_number=row_number, today=TODAY).errors


def warnings_of(row, row_number=2):
    return validate_rows([row], first_row_number=row_number, today=TODAY).warnings


def variant(**changes):
    row = dict(EXAMPLE)
    row.update(changes)
    return row


# --- verdicts ---------------------------------------------------------------------------

def test_official_example_has_no_error_and_no_warning():
    report = validate_rows([EXAMPLE], today=TODAY)
    assert report.issues == []
    assert report.row_count == 1 and report.valid_count == 1
    assert "1 lieux, 1 conformes au standard, 0 erreurs, 0 avertissements" == report.summary()


@pytest.mark.parametrize("name", [name for name, _ in TRICKY_ROWS if name != "piege-id-doublon"])
def test_verdict_of_each_tricky_row_alone(name):
    expected_invalid = name in EXPECTED_INVALID and name not in DEVIATIONS
    assert bool(errors_of(ROWS[name])) == expected_invalid, [e.message for e in errors_of(ROWS[name])]


# --- messages ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, field, shown", [
    ("piege-telephone-espaces", "telephone", "03 22 33 44 55"),
    ("piege-latitude-virgule", "latitude", "43,52609"),
    ("piege-date-maj-francaise", "date_maj", "02/04/2024"),
    ("piege-pivot-siret-espaces", "pivot", "434 933 123 00029"),
    ("piege-code-postal-4-chiffres", "code_postal", "5910"),
    ("piege-code-insee-20004", "code_insee", "20004"),
    ("piege-itinerance-minuscule", "itinerance", "itinérant"),
    ("piege-services-valeur-v0-1", "services", "Réaliser des démarches administratives avec un accompagnement"),
    ("piege-acces-apostrophe-typographique", "modalites_acces", "Ce lieu n\u2019accueille pas de public"),
    ("piege-frais-espaces-autour-pipe", "frais_a_charge", "Gratuit | Payant"),
    ("piege-accompagnement-pipe-final", "modalites_accompagnement", "En autonomie|"),
])
def test_error_message_names_row_field_value_and_lieu(name, field, shown):
    (error,) = errors_of(ROWS[name], row_number=17)
    assert error.severity == ERROR and error.is_error
    assert (error.row, error.field, error.value, error.lieu) == (17, field, ROWS[name][field], NOM)
    assert "Ligne 17" in error.message
    assert f"« {field} »" in error.message
    assert shown in error.message
    assert f"« {NOM} »" in error.message


def test_required_message_names_the_lieu_by_id_when_it_has_no_name():
    (error,) = errors_of(variant(id="lieu-sans-nom", nom=""), row_number=9)
    assert error.rule == "obligatoire" and error.field == "nom"
    assert error.message == "Ligne 9 (« lieu-sans-nom »), champ « nom » : champ obligatoire non renseigné."


def test_too_long_summary_message_gives_lengths():
    (error,) = errors_of(ROWS["piege-resume-281-caracteres"], row_number=4)
    assert error.rule == "longueur"
    assert "Ligne 4" in error.message and "presentation_resume" in error.message
    assert "281 caractères" in error.message and "280" in error.message


def test_message_without_row_number_names_the_lieu():
    (error,) = Validator(today=TODAY).validate_row(variant(telephone="0322334455"))
    assert error.row is None
    assert error.message.startswith(f"Lieu « {NOM} », champ « telephone »")


def test_only_spaces_in_a_required_field_is_a_warning():
    (warning,) = warnings_of(variant(commune="   "))
    assert warning.severity == WARNING and warning.field == "commune"
    assert errors_of(variant(commune="   ")) == []


def test_coordinates_out_of_range_are_warnings_not_errors():
    for value in ("143.5", "1e2", "NaN", "Infinity", "-90.0001"):
        row = variant(latitude=value)
        assert errors_of(row) == []
        assert [w.rule for w in warnings_of(row)] == ["plage"], value
    assert warnings_of(variant(latitude="-90")) == []


def test_unknown_typologie_is_a_warning():
    (warning,) = warnings_of(ROWS["piege-typologie-code-inconnu"])
    assert warning.field == "typologie" and "BUS_NUMERIQUE" in warning.message
    assert errors_of(ROWS["piege-typologie-code-inconnu"]) == []


def test_malformed_emails_and_urls_are_warnings():
    assert [w.rule for w in warnings_of(ROWS["piege-courriels-malformes"])] == ["courriel"]
    assert [w.rule for w in warnings_of(ROWS["piege-site-web-sans-schema"])] == ["url"]


def test_future_date_is_a_warning():
    (warning,) = warnings_of(variant(date_maj="2099-12-31"))
    assert warning.rule == "date_future"


def test_siret_checksum_is_a_warning_and_sentinel_is_silent():
    assert [w.rule for w in warnings_of(variant(pivot="43493312300028"))] == ["siret"]
    assert warnings_of(variant(pivot="00000000000000")) == []
    assert warnings_of(variant(pivot="W595012345")) == []


def test_etapes_numeriques_both_spellings():
    assert errors_of(variant(formations_labels="Étapes numériques (La Poste)")) == []
    assert warnings_of(variant(formations_labels="Étapes numériques (La Poste)")) == []
    (warning,) = warnings_of(variant(formations_labels="Étapes numériques(La Poste)"))
    assert warning.suggestion == "Étapes numériques (La Poste)"


# --- suggestions ------------------------------------------------------------------------

@pytest.mark.parametrize("field, value, suggestion", [
    ("telephone", "03 22 33 44 55", "+33322334455"),
    ("telephone", "0322334455", "+33322334455"),
    ("telephone", "+33 (0)3 22 33 44 55", "+33322334455"),
    ("telephone", "0033 3 22 33 44 55", "+33322334455"),
    ("telephone", "+330322334455", "+33322334455"),
    ("modalites_acces", "Ce lieu n\u2019accueille pas de public", "Ce lieu n'accueille pas de public"),
    ("dispositif_programmes_nationaux", "Point d\u2019accès numérique CAF", "Point d'accès numérique CAF"),
    ("services", unicodedata.normalize("NFD", "Accès internet et matériel informatique"),
     "Accès internet et matériel informatique"),
    ("itinerance", "itinérant", "Itinérant"),
    ("frais_a_charge", "GRATUIT|payant", "Gratuit|Payant"),
    ("frais_a_charge", "Gratuit | Payant", "Gratuit|Payant"),
    ("publics_specifiquement_adresses", "Jeunes||Femmes|", "Jeunes|Femmes"),
    ("date_maj", "02/04/2024", "2024-04-02"),
    ("date_maj", "2024-04-02T10:00:00", "2024-04-02"),
    ("latitude", "43,52609", "43.52609"),
])
def test_error_carries_the_suggestion(field, value, suggestion):
    errors = errors_of(variant(**{field: value}))
    assert [(e.field, e.suggestion) for e in errors] == [(field, suggestion)]
    assert normalize_value(load_model().field(field), value) == suggestion


def test_no_suggestion_when_nothing_can_be_guessed():
    (error,) = errors_of(variant(telephone="12"))
    assert error.suggestion == ""
    (error,) = errors_of(variant(date_maj="2024-02-30"))
    assert error.suggestion == ""
    assert normalize_phone("12") == "" and normalize_date("30/02/2024") == ""


@pytest.mark.parametrize("name", sorted(NORMALISABLE))
def test_normalize_row_makes_normalisable_rows_valid(name):
    fixed, changed = normalize_row(ROWS[name])
    assert changed, name
    assert errors_of(fixed) == [], [e.message for e in errors_of(fixed)]


@pytest.mark.parametrize("name", sorted(EXPECTED_INVALID - NORMALISABLE - set(DEVIATIONS) - {"piege-id-doublon"}))
def test_normalize_row_does_not_hide_real_errors(name):
    fixed, _ = normalize_row(ROWS[name])
    assert errors_of(fixed), name


def test_normalize_row_leaves_the_official_example_alone():
    fixed, changed = normalize_row(EXAMPLE)
    assert changed == [] and fixed == EXAMPLE


# --- rules across fields ----------------------------------------------------------------

def test_no_services_warning_names_what_the_national_map_ignores():
    (warning,) = warnings_of(ROWS["piege-services-vide"], row_number=5)
    assert (warning.rule, warning.field, warning.severity, warning.row) == ("sans_service", "services", WARNING, 5)
    assert "Ce lieu n'accueille pas de public" in warning.message
    for name in ("publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
                 "itinerance", "modalites_accompagnement"):
        assert name in warning.message


def test_no_services_and_no_public_declared_is_silent():
    row = variant(services="", modalites_acces="Ce lieu n'accueille pas de public", publics_specifiquement_adresses="",
                  prise_en_charge_specifique="", frais_a_charge="", itinerance="", modalites_accompagnement="")
    assert validate_rows([row], today=TODAY).issues == []


def test_no_services_and_no_public_but_ignored_fields_filled():
    row = variant(services="", modalites_acces="Ce lieu n'accueille pas de public")
    (warning,) = warnings_of(row)
    assert "ignorera" in warning.message and "itinerance" in warning.message


def test_duplicate_id_is_an_error_on_the_later_row_only():
    other = variant(id="structure-2")
    report = validate_rows([EXAMPLE, other, variant(nom="Copie")], today=TODAY)
    (error,) = report.errors
    assert (error.row, error.field, error.rule, error.value) == (4, "id", "unicite", EXAMPLE_ID)
    assert "ligne 2" in error.message and f"« {EXAMPLE_ID} »" in error.message and "« Copie »" in error.message
    assert report.invalid_rows() == {4} and report.valid_count == 2


def test_ids_are_case_sensitive_and_empty_ids_are_not_duplicates():
    report = validate_rows([EXAMPLE, variant(id=EXAMPLE_ID.upper())], today=TODAY)
    assert report.errors == []
    report = validate_rows([variant(id=""), variant(id="")], today=TODAY)
    assert {e.rule for e in report.errors} == {"obligatoire"}


def test_latitude_without_longitude_is_a_warning():
    (warning,) = warnings_of(variant(latitude=""))
    assert warning.rule == "coordonnees" and warning.field == "latitude"


# --- header -----------------------------------------------------------------------------

def test_official_header_has_no_issue():
    model = load_model()
    assert validate_header(model.standard_names) == []
    assert validate_header(model.column_names(include_extension=True)) == []


def test_header_missing_column():
    columns = [c for c in load_model().standard_names if c != "date_maj"]
    (issue,) = validate_header(columns)
    assert (issue.row, issue.field, issue.rule, issue.severity) == (1, "date_maj", "colonne_manquante", ERROR)
    assert "date_maj" in issue.message and "absente" in issue.message


def test_header_unknown_column():
    columns = load_model().standard_names + ["cle_ban_perso"]
    (issue,) = validate_header(columns)
    assert (issue.field, issue.rule, issue.severity) == ("cle_ban_perso", "colonne_inconnue", WARNING)
    assert "« cle_ban_perso »" in issue.message


def test_header_wrong_order():
    columns = load_model().standard_names
    columns[0], columns[1] = columns[1], columns[0]
    (issue,) = validate_header(columns)
    assert (issue.rule, issue.severity) == ("ordre_colonnes", ERROR)
    assert "ordre" in issue.message
