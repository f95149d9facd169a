"""Same verdict as the official validator (Frictionless + standard-v1.0.2.json), row by row.

The tricky rows of :mod:`tricky_rows` are written with the plugin's CSV writer, then
validated by Frictionless (Python API and CLI) and by :mod:`mednum.core.validation`.
A row is *invalid* when it has at least one error. Verdicts must be identical, except
for the documented deviations of ``DEVIATIONS``, where they must differ.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tricky_rows import DEVIATIONS, EXAMPLE_NAME, EXPECTED_INVALID, TRICKY_ROWS, write_tricky_csv

from mednum.core.io_standard import read_csv
from mednum.core.schema import load_model
from mednum.core.validation import validate_rows

SCHEMA_NAME = "standard-v1.0.2.json"
TODAY = dt.date(2025, 1, 1)


def _row_number(name: str) -> int:
    """File row number of a variant (header = 1, first data row = 2, as Frictionless counts)."""
    return [n for n, _ in TRICKY_ROWS].index(name) + 2


@pytest.fixture(scope="module")
def tricky_csv(tmp_path_factory) -> Path:
    return write_tricky_csv(tmp_path_factory.mktemp("parite") / "lieux-pieges.csv")


@pytest.fixture(scope="module")
def frictionless_invalid(tricky_csv) -> set[int]:
    """Row numbers that Frictionless reports invalid (Python API, official schema file)."""
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads(load_model().schema_path.read_text(encoding="utf-8"))
    schema = frictionless.Schema.from_descriptor(descriptor)
    # Frictionless refuses absolute paths as "not safe": give the folder as basepath.
    resource = frictionless.Resource(path=tricky_csv.name, basepath=str(tricky_csv.parent), schema=schema)
    report = resource.validate()
    rows = set()
    for row_number, error_type, note in report.flatten(["rowNumber", "type", "note"]):
        assert row_number is not None, f"erreur Frictionless hors ligne : {error_type} {note}"
        rows.add(row_number)
    assert report.task.stats["rows"] == len(TRICKY_ROWS)
    return rows


@pytest.fixture(scope="module")
def core_invalid(tricky_csv) -> set[int]:
    """Row numbers that the plugin reports invalid, on the rows read back from the file."""
    result = read_csv(tricky_csv)
    assert not [i for i in result.issues if i.is_error], [i.message for i in result.issues]
    assert len(result.rows) == len(TRICKY_ROWS)
    assert result.row_numbers == list(range(2, len(TRICKY_ROWS) + 2))
    return validate_rows(result.rows, first_row_number=2, today=TODAY).invalid_rows()


def _table(frictionless_rows: set[int], core_rows: set[int]) -> str:
    width = max(len(name) for name, _ in TRICKY_ROWS)
    lines = [f"{'ligne':>5}  {'variante':<{width}}  {'frictionless':<12}  {'mednum':<8}"]
    for name, _ in TRICKY_ROWS:
        number = _row_number(name)
        f_verdict = "invalide" if number in frictionless_rows else "valide"
        c_verdict = "invalide" if number in core_rows else "valide"
        mark = "  (écart documenté)" if name in DEVIATIONS else ("  <-- DIFFÉRENT" if f_verdict != c_verdict else "")
        lines.append(f"{number:>5}  {name:<{width}}  {f_verdict:<12}  {c_verdict:<8}{mark}")
    return "\n".join(lines)


def test_the_set_is_not_vacuous():
    names = [name for name, _ in TRICKY_ROWS]
    assert len(TRICKY_ROWS) >= 45
    assert names[0] == EXAMPLE_NAME
    assert len(EXPECTED_INVALID) >= 10 and len(TRICKY_ROWS) - len(EXPECTED_INVALID) >= 10
    assert set(DEVIATIONS) == {"piege-formations-etapes-avec-espace"}


def test_same_verdict_as_frictionless_on_every_row(frictionless_invalid, core_invalid, capsys):
    with capsys.disabled():
        print("\n" + _table(frictionless_invalid, core_invalid))
    all_rows = set(range(2, len(TRICKY_ROWS) + 2))
    assert frictionless_invalid <= all_rows and core_invalid <= all_rows
    # Not vacuous: both verdicts occur often.
    assert len(frictionless_invalid) >= 10 and len(all_rows - frictionless_invalid) >= 10
    mismatches = []
    for name, _ in TRICKY_ROWS:
        number = _row_number(name)
        same = (number in frictionless_invalid) == (number in core_invalid)
        if name in DEVIATIONS:
            if same:
                mismatches.append(f"{name} (ligne {number}) : écart documenté mais verdicts identiques")
        elif not same:
            mismatches.append(f"{name} (ligne {number}) : frictionless "
                              f"{'invalide' if number in frictionless_invalid else 'valide'}, mednum "
                              f"{'invalide' if number in core_invalid else 'valide'}")
    assert not mismatches, "\n".join(mismatches)


def test_deviations_go_the_documented_way(frictionless_invalid, core_invalid):
    for name, reason in DEVIATIONS.items():
        number = _row_number(name)
        assert number in frictionless_invalid, name  # the official pattern has the typo…
        assert number not in core_invalid, name  # …the plugin accepts the spaced form
        assert "La Poste" in reason and "motif officiel" in reason


def test_expected_verdicts_as_written(frictionless_invalid):
    """The expectations noted in tricky_rows.py are what Frictionless 5 actually says."""
    expected = {_row_number(name) for name in EXPECTED_INVALID}
    assert frictionless_invalid == expected


def test_official_example_valid_in_both(frictionless_invalid, core_invalid):
    number = _row_number(EXAMPLE_NAME)
    assert number not in frictionless_invalid
    assert number not in core_invalid
    # and on its own, from the untouched official file
    from tricky_rows import EXAMPLE_FILE

    result = read_csv(EXAMPLE_FILE)
    assert not result.issues
    assert validate_rows(result.rows, today=TODAY).errors == []


def _frictionless_cli() -> str | None:
    beside = Path(sys.executable).parent / "frictionless"
    if beside.exists() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("frictionless")


def test_frictionless_cli_reports_the_same_rows(tricky_csv, tmp_path, core_invalid):
    cli = _frictionless_cli()
    if cli is None:
        pytest.skip("commande frictionless introuvable")
    shutil.copy(load_model().schema_path, tmp_path / SCHEMA_NAME)
    shutil.copy(tricky_csv, tmp_path / "lieux.csv")
    completed = subprocess.run([cli, "validate", "--schema", SCHEMA_NAME, "lieux.csv", "--json"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=120)
    report = json.loads(completed.stdout)
    assert report["valid"] is False
    (task,) = report["tasks"]
    assert task["stats"]["rows"] == len(TRICKY_ROWS)
    cli_invalid = {error["rowNumber"] for error in task["errors"]}
    assert None not in cli_invalid, [e for e in task["errors"] if e.get("rowNumber") is None]
    deviations = {_row_number(name) for name in DEVIATIONS}
    assert cli_invalid ^ core_invalid == deviations
