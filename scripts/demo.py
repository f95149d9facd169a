"""``make demo``: the main job on the embedded demo base, headless and offline.

Starts the project's local WFS-T server (QGIS Server on 127.0.0.1, Basic authentication) on a
copy of the demo base, loads the lieux through it as an agent does (« Charger les lieux »:
every page, the styled group with communes, EPCI and départements), saves one edit through the
safe WFS-T editing and checks it on the server, validates every lieu with ``mednum:valider``,
writes the national standard CSV with ``mednum:exporter_standard`` into ``out/``, checks it
with the official validator when ``frictionless`` is installed, and prints a summary.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("MEDNUM_OUT", REPO / "out"))


def _import_plugin_package() -> None:
    """Make the checkout importable as ``mednum`` whatever its folder is called."""
    root = Path(tempfile.mkdtemp(prefix="mednum-pkg-"))
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(root))


def _start_qgis(work: Path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QGIS_AUTH_DB_DIR_PATH"] = str(work / "auth")  # a throw-away auth database
    (work / "auth").mkdir(exist_ok=True)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def official_check(csv_path: Path) -> str:
    """Run ``frictionless validate --schema`` (official schema) on the export, if available."""
    exe = shutil.which("frictionless", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if not exe:
        return "frictionless absent : contrôle officiel non lancé"
    schema = REPO / "resources" / "schema" / "standard-v1.0.2.json"
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(schema, Path(work) / "schema.json")
        shutil.copy(csv_path, Path(work) / "lieux.csv")
        done = subprocess.run([exe, "validate", "--schema", "schema.json", "lieux.csv"], cwd=work,
                              capture_output=True, text=True)
    return "VALIDE (frictionless validate --schema)" if done.returncode == 0 else "INVALIDE :\n" + done.stdout[-2000:]


def start_server(work: Path, password: str):
    """The local WFS-T server on a copy of the demo base, with one demo account (animateur)."""
    sys.path.insert(0, str(REPO / "scripts"))
    from wfst_server import start_wfst_server

    return start_wfst_server(work / "serveur", users={"demo": {"password": password, "role": "animateur"}})


def load_through_server(server, password: str, work: Path):
    """« Charger les lieux » from the local server, then one safe edit checked on the server."""
    import sqlite3

    from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProject

    from mednum.core.connection import LoadLieuxTask, add_to_project, build_session
    from mednum.core.journal import Journal
    from mednum.core.settings import ConnectionSettings

    manager = QgsApplication.authManager()
    manager.setMasterPassword(secrets.token_urlsafe(16), True)
    config = QgsAuthMethodConfig()
    config.setMethod("Basic")
    config.setName("Démonstration locale")
    config.setConfig("username", "demo")
    config.setConfig("password", password)
    result = manager.storeAuthenticationConfig(config)
    stored = result[1] if isinstance(result, tuple) else config
    connection = ConnectionSettings.demo(server.port)
    connection.authcfg = stored.id()
    loaded = {}
    task = LoadLieuxTask(connection, lambda base, error: loaded.update(base=base, error=error))
    task.finished(task.run())
    if loaded["base"] is None:
        raise SystemExit(f"Chargement impossible : {loaded['error']}")
    journal = Journal(work / "journal.sqlite")
    session = build_session(loaded["base"], connection, journal, "demo")
    group, references = add_to_project(session, connection, loaded["base"].version, QgsProject.instance())
    layer = session.layer
    feature = next(layer.getFeatures())
    layer.startEditing()
    layer.changeAttributeValue(feature.id(), layer.fields().indexFromName("date_maj"), time.strftime("%Y-%m-%d"))
    outcome = session.save().report.outcomes[0]
    con = sqlite3.connect(server.gpkg)
    stored_date = con.execute("SELECT date_maj FROM lieux WHERE id = ?", (feature["id"],)).fetchone()[0]
    con.close()
    counts = {layer.name(): sum(1 for _ in layer.getFeatures()) for layer in references}
    session.loaded_count = session.layer.featureCount()
    session.import_summary = import_partner_file(session)
    return session, counts, outcome, stored_date == time.strftime("%Y-%m-%d")


def import_partner_file(session) -> str:
    """Import a sample partner file: merge preview, the new and modified lieux applied safely, report in out/."""
    from mednum.core import imports

    OUT.mkdir(parents=True, exist_ok=True)
    path = REPO / "resources" / "demo" / "partenaire-exemple.csv"
    source, _geocoded, decisions = imports.preview(path, imports.base_from_layer(session.layer))
    found = imports.counts(decisions)
    outcomes = imports.push_changes(session, imports.to_changes(decisions, imports.default_accepted(decisions)))
    imports.write_report(decisions, OUT / "import-rapport.csv", OUT / "import-rapport.html", outcomes=outcomes)
    applied = sum(1 for outcome in outcomes if outcome.applied)
    classes = ", ".join(f"{name} : {count}" for name, count in found.items())
    return (f"  Import d'un fichier partenaire ({path.name}, {len(source.rows)} lignes) : {classes} ; "
            f"{applied}/{len(outcomes)} appliqués sur le serveur -> out/import-rapport.html")


def temps_acces(lieux, processing) -> str:
    """The region's temps d'accès (car, to the nearest lieu, synthetic demo road network) and 3 isochrones."""
    from qgis.core import QgsVectorLayer

    from mednum.core.demo import DEMO_GPKG

    started = time.monotonic()
    communes = QgsVectorLayer(f"{DEMO_GPKG}|layername=communes", "communes", "ogr")
    result = processing.run("mednum:temps_acces", {
        "LIEUX": lieux, "TERRITOIRE": communes, "POPULATION": "population", "NOM": "nom", "DEPARTEMENT": "code_departement",
        "EPCI": "nom_epci", "MODE": 0, "SEUILS": "5,10,15,20,30", "OUTPUT": str(OUT / "temps-acces-communes.gpkg"),
        "ZONES_BLANCHES": str(OUT / "zones-blanches.gpkg"), "RESUME": "TEMPORARY_OUTPUT",
        "RESUME_CSV": str(OUT / "temps-acces-resume.csv")})
    rows = {(f["niveau"], f["territoire"]): f for f in result["RESUME"].getFeatures()}
    region = rows[("ensemble", "Ensemble")]
    blanks = QgsVectorLayer(str(OUT / "zones-blanches.gpkg"), "zb", "ogr").featureCount()
    first = QgsVectorLayer(f"{DEMO_GPKG}|layername=lieux|subset=\"fid\" <= 3", "trois", "ogr")
    iso = processing.run("mednum:isochrones", {"INPUT": first, "MODE": "'voiture'", "SEUILS": "'5,10,15,20,30'",
                                                "OUTPUT": str(OUT / "isochrones.gpkg")})
    lines = ["  Temps d'accès en voiture au lieu le plus proche (réseau routier SYNTHÉTIQUE de démonstration) :",
             "    région : " + ", ".join(f"{region[f'part_{m}min']:.1f} % à moins de {m} min" for m in (5, 10, 15, 30))
             + f" ; {blanks} communes au-delà de 30 min (zones blanches)"]
    for code in ("02", "59", "60", "62", "80"):
        row = rows.get(("departement", code))
        if row is not None:
            lines.append(f"    {code} : {row['part_15min']:.1f} % à moins de 15 min, {row['part_30min']:.1f} % à moins de 30 min")
    lines.append(f"    -> out/temps-acces-communes.gpkg, out/zones-blanches.gpkg, out/temps-acces-resume.csv ; "
                 f"{iso['NB_LIEUX']:.0f} isochrones -> out/isochrones.gpkg ({time.monotonic() - started:.1f} s)")
    return "\n".join(lines)


def atlas_et_annuaire(lieux, processing) -> str:
    """The EPCI atlas of the Somme, the regional annuaire and the standard exports, in out/."""
    started = time.monotonic()
    from qgis.core import QgsVectorLayer

    from mednum.core.demo import DEMO_GPKG

    epci = QgsVectorLayer(f"{DEMO_GPKG}|layername=epci", "EPCI", "ogr")
    access = QgsVectorLayer(str(OUT / "temps-acces-communes.gpkg"), "Temps d'accès en voiture", "ogr")
    atlas = processing.run("mednum:atlas", {"LIEUX": lieux, "NIVEAU": 2, "TERRITOIRES": epci, "SELECTION": "\"code_departement\" = '80'",
                                            "FORMAT": 0, "COUCHE_SUP": access if access.isValid() else None,
                                            "PUBLIES_SEULEMENT": True, "OUTPUT": str(OUT / "atlas-epci-somme.pdf")})
    annuaire = processing.run("mednum:annuaire", {"LIEUX": lieux, "TERRITOIRE": "Hauts-de-France", "PUBLIES_SEULEMENT": True,
                                                  "OUTPUT_PDF": str(OUT / "annuaire-hauts-de-france.pdf"),
                                                  "OUTPUT_HTML": str(OUT / "annuaire-hauts-de-france.html")})
    exports = processing.run("mednum:exporter", {"INPUT": lieux, "FORMATS": [0, 1, 2, 3], "ID_PRODUCTEUR": "00000000000000",
                                                 "TERRITOIRE": "Hauts-de-France", "PUBLIES_SEULEMENT": True, "DOSSIER": str(OUT)})
    return (f"  Atlas des EPCI de la Somme : {atlas['NB_PAGES']:.0f} pages -> out/atlas-epci-somme.pdf\n"
            f"  Annuaire régional : {annuaire['NB_LIEUX']:.0f} lieux, {annuaire['NB_COMMUNES']:.0f} communes, "
            f"{annuaire['NB_PAGES']:.0f} pages -> out/annuaire-hauts-de-france.pdf et .html\n"
            f"  Exports : {exports['NB_EXPORTES']:.0f} lieux en CSV standard, ODS (une feuille par département), GeoJSON, "
            f"data·inclusion -> out/ ({time.monotonic() - started:.1f} s)")


def main() -> int:
    started = time.monotonic()
    _import_plugin_package()
    work = Path(tempfile.mkdtemp(prefix="mednum-demo-"))
    app = _start_qgis(work)
    import processing
    from qgis.core import QgsApplication, QgsProject

    from mednum.processing.provider import MednumProvider

    provider = MednumProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    password = secrets.token_urlsafe(12)
    server = start_server(work, password)
    try:
        session, references, outcome, edit_on_server = load_through_server(server, password, work)
        port = server.port
    finally:
        server.stop()
    lieux = session.layer
    OUT.mkdir(parents=True, exist_ok=True)
    report_path = OUT / "rapport-validation.csv"
    validation = processing.run("mednum:valider", {"INPUT": lieux, "OUTPUT": str(report_path)})
    export = processing.run("mednum:exporter_standard", {
        "INPUT": lieux, "ID_PRODUCTEUR": "00000000000000", "TERRITOIRE": "Hauts-de-France",
        "PUBLIES_SEULEMENT": True, "EXTENSION": False, "DOSSIER": str(OUT)})
    statuses = Counter(f["hdf_statut"] for f in lieux.getFeatures())
    departements = Counter(str(f["code_insee"])[:2] for f in lieux.getFeatures())
    check = official_check(Path(export["OUTPUT"]))
    access = temps_acces(lieux, processing)
    valorisation = atlas_et_annuaire(lieux, processing)
    print("Médiation numérique — Géo2France : démonstration (données FICTIVES)")
    print(f"  Serveur WFS-T local (QGIS Server, 127.0.0.1:{port}) : {session.loaded_count} lieux chargés par pages, "
          f"couches de référence : " + ", ".join(f"{name} : {count}" for name, count in references.items()))
    print(f"  Enregistrement sûr d'une modification : {outcome.status} — vérifiée sur le serveur : "
          f"{'oui' if edit_on_server else 'NON'}")
    print(session.import_summary)
    print("  Lieux par département : " + ", ".join(f"{k} : {v}" for k, v in sorted(departements.items())))
    print("  Statuts : " + ", ".join(f"{k} : {v}" for k, v in sorted(statuses.items())))
    print(f"  Validation : {validation['NB_CONFORMES']:.0f}/{validation['NB_LIEUX']:.0f} lieux conformes, "
          f"{validation['NB_ERREURS']:.0f} erreurs, {validation['NB_AVERTISSEMENTS']:.0f} avertissements "
          f"-> {report_path.relative_to(REPO) if report_path.is_relative_to(REPO) else report_path}")
    print(f"  Export standard : {export['NB_EXPORTES']:.0f} lieux publiés écrits, {export['NB_ECARTES']:.0f} écartés, "
          f"{export['NB_NON_PUBLIES']:.0f} non publiés -> {export['OUTPUT']}")
    print(f"  Contrôle officiel : {check}")
    print(access)
    print(valorisation)
    print(f"  Durée : {time.monotonic() - started:.1f} s")
    QgsApplication.processingRegistry().removeProvider(provider)
    QgsProject.instance().clear()
    app.exitQgis()
    shutil.rmtree(work, ignore_errors=True)
    return 0 if check.startswith(("VALIDE", "frictionless absent")) and edit_on_server else 1


if __name__ == "__main__":
    sys.exit(main())
