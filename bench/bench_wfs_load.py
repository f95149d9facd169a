#!/usr/bin/env python3
"""Benchmark: load 10,000 lieux over WFS into the plugin's styled, editable layer.

Baseline, named: **QGIS's own WFS provider** (``QgsVectorLayer(uri, …, "WFS")``, paging on,
EPSG:2154) loading the same URL from the same local QGIS Server in the same run, every
feature read once. The plugin's load is ``open_session`` (every page, GeoJSON, Lambert-93,
safe-editing session) plus its style, then every feature read once. Goal: ratio ≤ 1.2.

Usage: ``python3 bench/bench_wfs_load.py [--lieux 10000] [--runs 3]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GOAL = 1.2


def build_base(target: Path, count: int) -> Path:
    """A copy of the demo base whose lieux are replicated (new UUIDs, shifted points) up to ``count``."""
    from osgeo import ogr

    shutil.copyfile(REPO / "resources" / "demo" / "demo.gpkg", target)
    source = ogr.Open(str(target), 1)
    layer = source.GetLayerByName("lieux")
    originals = [feature.Clone() for feature in layer]
    layer.StartTransaction()
    copy_number = 0
    total = len(originals)
    while total < count:
        copy_number += 1
        for original in originals:
            if total >= count:
                break
            feature = original.Clone()
            feature.SetFID(-1)
            feature.SetField("id", str(uuid.uuid4()))
            geometry = feature.GetGeometryRef().Clone()
            geometry.SetPoint_2D(0, geometry.GetX() + 37.0 * copy_number, geometry.GetY() + 23.0 * copy_number)
            feature.SetGeometry(geometry)
            layer.CreateFeature(feature)
            total += 1
    layer.CommitTransaction()
    source = None
    return target


def read_all(layer) -> int:
    count = 0
    for feature in layer.getFeatures():
        feature.geometry()
        feature.attributes()
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lieux", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsVectorLayer

    workdir = Path(tempfile.mkdtemp(prefix="mednum-bench-"))
    os.environ.setdefault("XDG_CACHE_HOME", str(workdir / "cache"))
    app = QgsApplication([], False)
    app.initQgis()
    from wfst_server import start_wfst_server

    pkg_root = workdir / "pkg"
    pkg_root.mkdir()
    (pkg_root / "mednum").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(pkg_root))
    from mednum.core.editing import open_session
    from mednum.core.journal import Journal
    from mednum.core.style import style_lieux
    from mednum.core.wfs import WfsClient

    started = time.perf_counter()
    base = build_base(workdir / "bench.gpkg", args.lieux)
    print(f"base de {args.lieux} lieux construite en {time.perf_counter() - started:.1f} s")
    server = start_wfst_server(workdir / "srv", gpkg=base)
    journal = Journal(workdir / "journal.sqlite")
    QgsNetworkAccessManager.setTimeout(120000)
    uri = (f"url='{server.url}' typename='lieux' version='1.1.0' srsname='EPSG:2154' "
           "pagingEnabled='true' pageSize='1000' restrictToRequestBBOX='0'")
    baseline, plugin = [], []
    try:
        for run in range(args.runs):
            QgsNetworkAccessManager.instance().cache().clear()
            start = time.perf_counter()
            layer = QgsVectorLayer(uri, f"wfs-{run}", "WFS")
            n_baseline = read_all(layer)
            baseline.append(time.perf_counter() - start)

            QgsNetworkAccessManager.instance().cache().clear()
            start = time.perf_counter()
            session = open_session(WfsClient(server.url), "lieux", journal, page_size=1000)
            style_lieux(session.layer)
            n_plugin = read_all(session.layer)
            plugin.append(time.perf_counter() - start)
            assert n_baseline == n_plugin == args.lieux, (n_baseline, n_plugin)
            print(f"passe {run + 1}: fournisseur WFS de QGIS {baseline[-1]:.2f} s, extension {plugin[-1]:.2f} s")
    finally:
        server.stop()
        journal.close()
    ratio = statistics.median(plugin) / statistics.median(baseline)
    print(f"médianes: fournisseur WFS de QGIS {statistics.median(baseline):.2f} s, extension {statistics.median(plugin):.2f} s")
    print(f"ratio extension / fournisseur WFS de QGIS = {ratio:.2f} (objectif ≤ {GOAL})")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
