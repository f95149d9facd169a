"""The model comes from the official Table Schema file, not from a retyped list."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import pytest
from tricky_rows import EXAMPLE

from mednum.core.io_standard import read_csv, write_csv
from mednum.core.schema import SCHEMA_DIR, enum_from_pattern, load_model, split_multi
from mednum.core.validation import normalize_value, validate_rows

OFFICIAL = SCHEMA_DIR / "standard-v1.0.2.json"
TYPOLOGIES = SCHEMA_DIR / "typologies.csv"
TODAY = dt.date(2025, 1, 1)


def official_fields() -> list[dict]:
    with open(OFFICIAL, encoding="utf-8") as handle:
        return json.load(handle)["fields"]


def official_enum_values(pattern: str) -> list[str]:
    """Values of an official enumeration pattern, parsed here independently of core.schema."""
    match = re.fullmatch(r"\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$", pattern)
    assert match, pattern
    values = re.split(r"(?<!\\)\|", match.group(1))
    return [re.sub(r"\\(.)", r"\1", v) for v in values]


ENUM_FIELDS = {f["name"]: official_enum_values(f["constraints"]["pattern"]) for f in official_fields()
               if f.get("constraints", {}).get("pattern", "").startswith("(?:(?:^|")}


def typologie_codes() -> list[str]:
    with open(TYPOLOGIES, encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def test_model_reads_the_official_file():
    model = load_model()
    assert model.schema_path.resolve() == OFFICIAL.resolve()
    assert model.version == "1.0.2" and model.separator == "|"


def test_standard_fields_match_the_official_schema():
    model = load_model()
    official = official_fields()
    assert len(official) == 32 and len(model.standard_fields) == 32
    assert model.standard_names == [f["name"] for f in official]
    for raw, spec in zip(official, model.standard_fields):
        constraints = raw.get("constraints", {})
        assert spec.standard
        assert spec.type == raw["type"], spec.name
        assert spec.title == raw["title"], spec.name
        assert spec.required == bool(constraints.get("required", False)), spec.name
        assert spec.unique == bool(constraints.get("unique", False)), spec.name
        assert spec.pattern == constraints.get("pattern"), spec.name
        assert spec.max_length == constraints.get("maxLength"), spec.name
    required = [s.name for s in model.standard_fields if s.required]
    assert required == ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"]


def test_enumerations_are_read_from_the_official_patterns():
    model = load_model()
    assert set(ENUM_FIELDS) == {
        "itinerance", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
        "dispositif_programmes_nationaux", "formations_labels", "modalites_acces", "modalites_accompagnement"}
    sizes = {name: len(values) for name, values in ENUM_FIELDS.items()}
    assert sizes == {"itinerance": 2, "services": 9, "publics_specifiquement_adresses": 5,
                     "prise_en_charge_specifique": 7, "frais_a_charge": 3, "dispositif_programmes_nationaux": 11,
                     "formations_labels": 10, "modalites_acces": 6, "modalites_accompagnement": 4}
    for name, values in ENUM_FIELDS.items():
        spec = model.field(name)
        assert spec.multiple, name
        assert list(enum_from_pattern(spec.pattern)[0]) == values
        # the enum of the model = the official values, misspelt ones replaced by their alias target
        assert list(spec.enum) == [spec.value_aliases.get(v, v) for v in values], name
    # fields without an enumeration pattern have no enum (except typologie, from its own file)
    for spec in model.standard_fields:
        if spec.name not in ENUM_FIELDS and spec.name != "typologie":
            assert spec.enum == (), spec.name


def test_typologie_codes_come_from_the_data_file():
    codes = typologie_codes()
    assert len(codes) == 92 and len(set(codes)) == 92
    assert "Autre" in codes and "AUTRE" not in codes and "TIERS_LIEUX" in codes
    spec = load_model().field("typologie")
    assert list(spec.enum) == codes and not spec.enum_strict and spec.multiple
    assert spec.label("EPN").startswith("Espace Public Numérique")


def _rows_with_every_value() -> list[dict[str, str]]:
    rows = []
    model = load_model()
    for name, values in ENUM_FIELDS.items():
        accepted = list(dict.fromkeys(values + list(model.field(name).enum)))  # typo form and alias target
        for index, value in enumerate(accepted):
            rows.append({**EXAMPLE, "id": f"{name}-{index}", name: value})
        rows.append({**EXAMPLE, "id": f"{name}-toutes", name: "|".join(model.field(name).enum)})
    for code in typologie_codes():
        rows.append({**EXAMPLE, "id": f"typologie-{code}", "typologie": code})
    rows.append({**EXAMPLE, "id": "typologie-toutes", "typologie": "|".join(typologie_codes())})
    return rows


def test_every_enumeration_value_round_trips_and_validates(tmp_path):
    rows = _rows_with_every_value()
    assert len(rows) > 92 + sum(len(v) for v in ENUM_FIELDS.values())
    path = tmp_path / "toutes-valeurs.csv"
    assert write_csv(rows, path) == len(rows)
    result = read_csv(path)
    assert result.issues == []
    assert [{k: r[k] for k in EXAMPLE} for r in result.rows] == rows
    report = validate_rows(result.rows, today=TODAY)
    assert report.errors == [], [e.message for e in report.errors[:5]]
    assert report.row_count == len(rows)
    # All typologie codes are known codes: no warning on them.
    assert [w for w in report.warnings if w.field == "typologie"] == []


def test_value_aliases():
    spec = load_model().field("formations_labels")
    assert spec.value_aliases == {"Étapes numériques(La Poste)": "Étapes numériques (La Poste)"}
    assert "Étapes numériques (La Poste)" in spec.enum
    assert "Étapes numériques(La Poste)" not in spec.enum
    assert normalize_value(spec, "Étapes numériques(La Poste)") == "Étapes numériques (La Poste)"
    assert normalize_value(spec, "ORDI 3.0|Étapes numériques(La Poste)") == "ORDI 3.0|Étapes numériques (La Poste)"
    # The official pattern itself is unchanged (the typo is still there).
    assert "Étapes numériques\\(La Poste\\)" in spec.pattern


def test_extension_fields_are_prefixed_hdf():
    model = load_model()
    extension = model.extension_fields
    assert extension, "extension régionale vide"
    assert all(f.name.startswith("hdf_") and not f.standard for f in extension)
    assert not any(name.startswith("hdf_") for name in model.standard_names)
    assert model.column_names(include_extension=True) == model.standard_names + [f.name for f in extension]
    assert model.column_names() == model.standard_names
    assert model.fields[:32] == model.standard_fields


def test_every_field_belongs_to_a_known_group():
    model = load_model()
    groups = {group_id for group_id, _ in model.groups}
    assert all(f.group in groups for f in model.fields)


def test_service_groups_cover_the_nine_services_once():
    model = load_model()
    grouped = [s for _, _, services in model.service_groups for s in services]
    assert sorted(grouped) == sorted(ENUM_FIELDS["services"])


@pytest.mark.parametrize("value, expected", [
    ("a|b", ["a", "b"]), ("|a||b|", ["a", "b"]), (" a | b ", ["a", "b"]), ("", []), (None, []),
])
def test_split_multi(value, expected):
    assert split_multi(value) == expected
