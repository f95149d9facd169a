"""The Processing algorithms ``mednum:valider`` and ``mednum:exporter_standard``, run for real."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA, REPO

from mednum.core.io_standard import read_csv
from mednum.core.layer import layer_rows, memory_layer
from mednum.core.schema import load_model
from mednum.core.validation import normalize_row


def _run(algorithm: str, parameters: dict):
    import processing

    return processing.run(algorithm, parameters)


def _example_row() -> dict[str, str]:
    with open(DATA / "exemple-valide.csv", encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    model = load_model()
    full = {spec.name: row.get(spec.name, "") for spec in model.fields}
    full["hdf_statut"] = "publie"
    return full


def test_valider_demo_base_is_fully_conformant(processing_ready, demo_lieux, tmp_path):
    report = tmp_path / "rapport.csv"
    result = _run("mednum:valider", {"INPUT": demo_lieux, "OUTPUT": str(report)})
    assert result["NB_LIEUX"] == demo_lieux.featureCount()
    assert result["NB_CONFORMES"] == result["NB_LIEUX"]
    assert result["NB_ERREURS"] == 0


def test_valider_reports_each_problem_in_french(processing_ready, tmp_path):
    good = _example_row()
    bad = dict(good, id="lieu-fautif", nom="Espace d’Amiens", telephone="03 22 33 44 55",
               services="Aide aux démarches", date_maj="")
    layer = memory_layer([good, bad])
    report_path = tmp_path / "rapport.csv"
    result = _run("mednum:valider", {"INPUT": layer, "OUTPUT": str(report_path)})
    assert result["NB_LIEUX"] == 2 and result["NB_CONFORMES"] == 1
    assert result["NB_ERREURS"] == 3
    with open(report_path, encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    errors = {line["champ"]: line for line in lines if line["gravite"] == "erreur"}
    assert set(errors) == {"telephone", "services", "date_maj"}
    assert errors["telephone"]["suggestion"] == "+33322334455"
    assert "Espace d’Amiens" in errors["telephone"]["message"]
    assert "« telephone »" in errors["telephone"]["message"]
    assert "« Aide aux démarches »" in errors["services"]["message"]
    assert "obligatoire" in errors["date_maj"]["message"]
    assert all(line["id"] == "lieu-fautif" for line in errors.values())
    warnings = [line for line in lines if line["gravite"] == "avertissement"]
    assert any(line["champ"] == "nom" and line["suggestion"] == "Espace d'Amiens" for line in warnings)


def test_valider_reads_a_legacy_file(processing_ready, tmp_path):
    legacy = tmp_path / "ancien.csv"
    header = ("id;pivot;nom;commune;code_postal;code_insee;adresse;complement_adresse;latitude;longitude;cle_ban;"
              "typologie;telephone;courriel;site_web;horaires;presentation_resume;presentation_detail;source;"
              "structure_parente;date_maj;services;publics_accueillis;conditions_acces;labels_nationaux;labels_autres;"
              "modalites_accompagnement;accessibilite;prise_rdv")
    line = ("l1;00000000000000;Cyber-base de Laon;Laon;02000;02408;Rue Sérurier;;49.564;3.62;;EPN;+33323000000;;;;;;"
            "Démo;;2023-05-02;Prendre en main un ordinateur;;;CNFS;;;;")
    legacy.write_text(header + "\n" + line + "\n", encoding="utf-8")
    report = tmp_path / "rapport.csv"
    result = _run("mednum:valider", {"FICHIER": str(legacy), "OUTPUT": str(report)})
    assert result["NB_LIEUX"] == 1 and result["NB_CONFORMES"] == 1 and result["NB_ERREURS"] == 0


def test_exporter_standard_writes_the_official_file(processing_ready, demo_lieux, tmp_path):
    result = _run("mednum:exporter_standard", {
        "INPUT": demo_lieux, "ID_PRODUCTEUR": "23 590 001 700 015", "TERRITOIRE": "Hauts-de-France",
        "PUBLIES_SEULEMENT": True, "EXTENSION": False, "DOSSIER": str(tmp_path)})
    path = Path(result["OUTPUT"])
    assert path.name == f"{dt.date.today().isoformat()}_23590001700015_lieux-de-mediation-numerique_HautsDeFrance.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == load_model().standard_names
    published = [row for _f, row in layer_rows(demo_lieux) if row["hdf_statut"] == "publie"]
    assert result["NB_EXPORTES"] == len(published) > 0
    assert result["NB_NON_PUBLIES"] == demo_lieux.featureCount() - len(published)
    back = read_csv(path)
    assert back.issues == []
    names = load_model().standard_names
    expected = [{k: normalize_row(r)[0][k] for k in names} for r in published]
    assert [{k: r[k] for k in names} for r in back.rows] == expected


def test_exporter_standard_reports_what_it_cannot_write(processing_ready, tmp_path):
    good = _example_row()
    broken = dict(good, id="sans-code-postal", nom="Lieu sans code postal", code_postal="")
    layer = memory_layer([good, broken])
    result = _run("mednum:exporter_standard", {"INPUT": layer, "DOSSIER": str(tmp_path), "TERRITOIRE": "Somme"})
    assert result["NB_EXPORTES"] == 1 and result["NB_ECARTES"] == 1
    assert [r["id"] for r in read_csv(result["OUTPUT"]).rows] == ["structure-1"]


def test_export_is_accepted_by_the_official_validator(processing_ready, demo_lieux, tmp_path):
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless")
    if frictionless is None:
        pytest.skip("frictionless non installé")
    result = _run("mednum:exporter_standard", {"INPUT": demo_lieux, "DOSSIER": str(tmp_path / "out")})
    shutil.copy(REPO / "resources" / "schema" / "standard-v1.0.2.json", tmp_path / "schema.json")
    shutil.copy(result["OUTPUT"], tmp_path / "lieux.csv")
    done = subprocess.run([frictionless, "validate", "--json", "--schema", "schema.json", "lieux.csv"],
                          cwd=tmp_path, capture_output=True, text=True)
    verdict = json.loads(done.stdout)
    assert verdict["valid"] is True, done.stdout[-1500:]
    assert verdict["tasks"][0]["stats"]["rows"] == result["NB_EXPORTES"]


def test_algorithms_run_in_qgis_process(processing_ready, tmp_path):
    """The same algorithms run from the command line (``qgis_process``) once the plugin is installed."""
    # Debian's /usr/bin/qgis_process wrapper adds desktop options from /etc/default/qgis: call the binary.
    exe = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    if exe is None:
        pytest.skip("qgis_process absent")
    plugins = tmp_path / "profile" / "python" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "mednum").symlink_to(REPO, target_is_directory=True)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "QGIS_PLUGINPATH": str(plugins), "XDG_RUNTIME_DIR": str(tmp_path)}
    subprocess.run([exe, "plugins", "enable", "mednum"], env=env, capture_output=True, text=True, timeout=120)
    done = subprocess.run([exe, "--json", "run", "mednum:valider", "--",
                           f"FICHIER={DATA / 'exemple-valide.csv'}", f"OUTPUT={tmp_path / 'r.csv'}"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:] + done.stdout[-2000:]
    start = done.stdout.index("{")
    results = json.loads(done.stdout[start:])["results"]
    assert results["NB_LIEUX"] == 1 and results["NB_CONFORMES"] == 1
    demo = tmp_path / "demo.gpkg"
    shutil.copyfile(REPO / "resources" / "demo" / "demo.gpkg", demo)
    done = subprocess.run([exe, "--json", "run", "mednum:isochrones", "--", f"INPUT={demo}|layername=lieux|subset=\"fid\" <= 2",
                           "MODE='pied'", "SEUILS='5,10'", f"OUTPUT={tmp_path / 'iso.gpkg'}"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:] + done.stdout[-2000:]
    results = json.loads(done.stdout[done.stdout.index("{"):])["results"]
    assert results["NB_LIEUX"] == 2 and results["NB_ERREURS"] == 0
    from qgis.core import QgsVectorLayer

    assert QgsVectorLayer(str(tmp_path / "iso.gpkg"), "iso", "ogr").featureCount() == 4
