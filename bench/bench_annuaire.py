#!/usr/bin/env python3
"""Benchmark of the « Annuaire »: 2,000 lieux (the demo lieux replicated under new names and communes).

Prints, for the HTML page and the A4 PDF, the time taken (median of ``--repeat`` runs), the size
and, for the PDF, the pages and pages per second; then the whole Processing algorithm
(``mednum:annuaire``: reading the memory layer, filters, HTML and PDF) once.

Usage: ``python3 bench/bench_annuaire.py [--lieux 2000] [--communes 400] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
KINDS = ("Médiathèque", "Espace numérique", "France Services", "Tiers-lieu", "Centre social", "Point numérique", "Cyber-base",
         "Mairie – point numérique", "Association", "Maison de quartier")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def replicate(demo_rows: list[dict[str, str]], communes: list[tuple[str, str, str]], count: int, seed: int = 2026) -> list[dict[str, str]]:
    """``count`` published lieux: demo contents, new names, spread over the given communes."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        row = dict(demo_rows[index % len(demo_rows)])
        code, name, postcode = communes[rng.randrange(len(communes))]
        row.update(id=f"bench-{index:05d}", nom=f"{rng.choice(KINDS)} {name} n°{index + 1}", commune=name, code_insee=code,
                   code_postal=postcode, hdf_statut="publie")
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lieux", type=int, default=2000)
    parser.add_argument("--communes", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from qgis.core import QgsApplication, QgsVectorLayer

    work = Path(tempfile.mkdtemp(prefix="mednum-bench-annuaire-"))
    root = work / "pkg"
    root.mkdir()
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(root))
    app = QgsApplication([], False)
    app.initQgis()

    from mednum.core.annuaire import Options, collect, lieu_count, render_html, render_pdf
    from mednum.core.demo import DEMO_GPKG
    from mednum.core.layer import FeatureConverter, memory_layer

    gpkg = work / "demo.gpkg"
    shutil.copyfile(DEMO_GPKG, gpkg)
    lieux = QgsVectorLayer(f"{gpkg}|layername=lieux", "lieux", "ogr")
    converter = FeatureConverter(lieux.fields(), lieux.crs())
    demo_rows = [converter.row(f) for f in lieux.getFeatures()]
    communes_layer = QgsVectorLayer(f"{gpkg}|layername=communes", "communes", "ogr")
    all_communes = sorted((str(f["code_insee"]), str(f["nom"]), str(f["codes_postaux"] or "").split("|")[0].split(",")[0])
                          for f in communes_layer.getFeatures())
    chosen = random.Random(7).sample(all_communes, min(args.communes, len(all_communes)))
    rows = replicate(demo_rows, chosen, args.lieux)
    layer = memory_layer(rows, "lieux-bench")
    print(f"Annuaire : {layer.featureCount()} lieux (démo ×{args.lieux / len(demo_rows):.1f}), {len(chosen)} communes tirées au sort "
          f"parmi {len(all_communes)}; Qt {__import__('qgis.PyQt.QtCore', fromlist=['QT_VERSION_STR']).QT_VERSION_STR}")

    start = time.perf_counter()
    layer_converter = FeatureConverter(layer.fields())
    read = [layer_converter.row(f) for f in layer.getFeatures()]
    groups = collect(read, Options())
    collect_s = time.perf_counter() - start
    print(f"  lecture de la couche + tri/regroupement : {collect_s:.2f} s ({lieu_count(groups)} lieux, {len(groups)} communes)")

    title, territory = "Annuaire des lieux de médiation numérique", "Hauts-de-France (banc d'essai)"
    html_times, pdf_times, pages = [], [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        page = render_html(groups, title, territory)
        (work / "annuaire.html").write_text(page, encoding="utf-8")
        html_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        pages = render_pdf(groups, str(work / "annuaire.pdf"), title, territory)
        pdf_times.append(time.perf_counter() - start)
    html_s, pdf_s = statistics.median(html_times), statistics.median(pdf_times)
    print(f"  HTML : {html_s:.2f} s (médiane de {args.repeat}), {(work / 'annuaire.html').stat().st_size / 1e6:.1f} Mo")
    print(f"  PDF  : {pdf_s:.2f} s (médiane de {args.repeat}), {pages} pages, {pages / pdf_s:.0f} pages/s, "
          f"{(work / 'annuaire.pdf').stat().st_size / 1e6:.1f} Mo")

    if "/usr/share/qgis/python/plugins" not in sys.path:
        sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    from mednum.processing.alg_annuaire import Annuaire
    from mednum.processing.provider import MednumProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("mednum")
    if provider is None:
        provider = MednumProvider()
        registry.addProvider(provider)
    if registry.algorithmById("mednum:annuaire") is None:
        provider.addAlgorithm(Annuaire())
    start = time.perf_counter()
    result = processing.run("mednum:annuaire", {"LIEUX": layer, "TERRITOIRE": territory, "OUTPUT_PDF": str(work / "alg.pdf"),
                                                "OUTPUT_HTML": str(work / "alg.html")})
    alg_s = time.perf_counter() - start
    print(f"  algorithme mednum:annuaire (lecture + HTML + PDF) : {alg_s:.2f} s, {result['NB_LIEUX']} lieux, "
          f"{result['NB_COMMUNES']} communes, {result['NB_PAGES']} pages")
    print(f"  mémoire max : {peak_mb():.0f} Mo ; fichiers : {work}")
    app.exitQgis()


if __name__ == "__main__":
    main()
