"""``make demo``: the main job on the embedded demo base, headless and offline.

Loads the demo base through the plugin's code, validates every lieu with ``mednum:valider``,
writes the national standard CSV with ``mednum:exporter_standard`` into ``out/``, checks it
with the official validator when ``frictionless`` is installed, and prints a summary.
"""

from __future__ import annotations

import os
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


def _start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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


def main() -> int:
    started = time.monotonic()
    _import_plugin_package()
    app = _start_qgis()
    from mednum.core.demo import load_demo
    from mednum.processing.provider import MednumProvider
    from qgis.core import QgsApplication, QgsProject

    import processing

    provider = MednumProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    layers = load_demo(QgsProject.instance())
    lieux = layers["lieux"]
    OUT.mkdir(parents=True, exist_ok=True)
    report_path = OUT / "rapport-validation.csv"
    validation = processing.run("mednum:valider", {"INPUT": lieux, "OUTPUT": str(report_path)})
    export = processing.run("mednum:exporter_standard", {
        "INPUT": lieux, "ID_PRODUCTEUR": "00000000000000", "TERRITOIRE": "Hauts-de-France",
        "PUBLIES_SEULEMENT": True, "EXTENSION": False, "DOSSIER": str(OUT)})
    statuses = Counter(f["hdf_statut"] for f in lieux.getFeatures())
    departements = Counter(str(f["code_insee"])[:2] for f in lieux.getFeatures())
    check = official_check(Path(export["OUTPUT"]))
    print("Médiation numérique — Géo2France : démonstration (données FICTIVES)")
    print(f"  Base de démonstration : {lieux.featureCount()} lieux, {layers['communes'].featureCount()} communes, "
          f"{layers['epci'].featureCount()} EPCI, {layers['departements'].featureCount()} départements")
    print("  Lieux par département : " + ", ".join(f"{k} : {v}" for k, v in sorted(departements.items())))
    print("  Statuts : " + ", ".join(f"{k} : {v}" for k, v in sorted(statuses.items())))
    print(f"  Validation : {validation['NB_CONFORMES']:.0f}/{validation['NB_LIEUX']:.0f} lieux conformes, "
          f"{validation['NB_ERREURS']:.0f} erreurs, {validation['NB_AVERTISSEMENTS']:.0f} avertissements "
          f"-> {report_path.relative_to(REPO) if report_path.is_relative_to(REPO) else report_path}")
    print(f"  Export standard : {export['NB_EXPORTES']:.0f} lieux publiés écrits, {export['NB_ECARTES']:.0f} écartés, "
          f"{export['NB_NON_PUBLIES']:.0f} non publiés -> {export['OUTPUT']}")
    print(f"  Contrôle officiel : {check}")
    print(f"  Durée : {time.monotonic() - started:.1f} s")
    QgsApplication.processingRegistry().removeProvider(provider)
    QgsProject.instance().clear()
    app.exitQgis()
    return 0 if check.startswith(("VALIDE", "frictionless absent")) else 1


if __name__ == "__main__":
    sys.exit(main())
