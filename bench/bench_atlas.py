#!/usr/bin/env python3
"""Benchmark of the « Atlas territorial »: the 92-page EPCI atlas of the demo base.

* plugin: ``build_atlas`` (template, figures of every territory, layers) + ``export_atlas``
  (one PDF, progress and cancel page by page through a QgsFeedback, page count read back);
* named baseline: a bare ``QgsLayoutExporter.exportToPdf(atlas, path, settings)`` of the SAME
  layout object with the same PDF settings, measured in the same run.

Prints the times (best of ``--repeat``), the ratio (goal ≤ 1.2×), the longest gap between two
progress reports (how long QGIS's main thread is held at most without a chance to cancel), and
the PDF size. Usage: ``python3 bench/bench_atlas.py [--repeat 3] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="A4", choices=("A4", "A3"))
    parser.add_argument("--orientation", default="portrait", choices=("portrait", "paysage"))
    parser.add_argument("--keep", type=Path, default=None, help="copy the plugin's PDF into this folder")
    args = parser.parse_args()

    from qgis.core import QgsApplication

    work = Path(tempfile.mkdtemp(prefix="mednum-bench-atlas-"))
    root = work / "pkg"
    root.mkdir()
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(root))
    app = QgsApplication([], False)
    app.initQgis()
    run(args, work)  # every QGIS object of the run is gone before exitQgis (else QGIS 3.40 crashes at exit)
    app.exitQgis()
    shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> None:
    """Build and export the atlas ``--repeat`` times, with the baseline on the same layout each time."""
    from qgis.core import QgsFeedback, QgsLayoutExporter, QgsProject, QgsVectorLayer

    from mednum.core import atlas

    gpkg = work / "demo.gpkg"
    shutil.copyfile(REPO / "resources" / "demo" / "demo.gpkg", gpkg)
    layers = {name: QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr") for name in ("lieux", "communes", "epci", "departements")}
    background = {key: layers[key] for key in ("communes", "epci", "departements")}
    project = QgsProject()

    plugin_times, build_times, baseline_times, gaps = [], [], [], []
    pages = 0
    layout = None
    for run in range(args.repeat):
        if layout is not None:
            atlas.release_atlas(layout, project)
            del layout
        started = time.perf_counter()
        layout = atlas.build_atlas(project, layers["epci"], layers["lieux"], "epci", None, (args.format, args.orientation),
                                   None, background, lieux_filter="\"hdf_statut\" = 'publie'")
        built = time.perf_counter()
        feedback = QgsFeedback()
        stamps: list[float] = []
        feedback.progressChanged.connect(lambda _value, stamps=stamps: stamps.append(time.perf_counter()))
        pages = atlas.export_atlas(layout, work / "plugin.pdf", feedback)
        done = time.perf_counter()
        plugin_times.append(done - started)
        build_times.append(built - started)
        marks = [built] + stamps
        gaps.append(max(b - a for a, b in zip(marks, marks[1:])) if len(marks) > 1 else done - built)

        started = time.perf_counter()
        result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(work / "baseline.pdf"), atlas.pdf_settings())
        baseline_times.append(time.perf_counter() - started)
        assert result == QgsLayoutExporter.ExportResult.Success, error
        print(f"  essai {run + 1} : extension {plugin_times[-1]:.2f} s (dont construction {build_times[-1]:.2f} s), "
              f"référence {baseline_times[-1]:.2f} s")

    ours, base = min(plugin_times), min(baseline_times)
    size_mb = (work / "plugin.pdf").stat().st_size / 1e6
    print(f"Atlas EPCI de la base de démonstration, {args.format} {args.orientation} : {pages} pages, PDF {size_mb:.1f} Mo")
    print(f"  extension (build_atlas + export_atlas)          : {ours:.2f} s  ({ours / pages * 1000:.0f} ms/page ; "
          f"construction {min(build_times):.2f} s)")
    print(f"  référence exportToPdf(atlas) nu, même mise en page : {base:.2f} s  ({base / pages * 1000:.0f} ms/page)")
    print(f"  ratio {ours / base:.2f} (objectif ≤ 1,2) ; plus long intervalle sans compte rendu de progression : "
          f"{max(gaps) * 1000:.0f} ms")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / "plugin.pdf", args.keep / "atlas-epci.pdf")
    atlas.release_atlas(layout, project)
    del layout
    project.clear()
    del project
    layers.clear()


if __name__ == "__main__":
    main()
