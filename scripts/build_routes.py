#!/usr/bin/env python3
"""Construit ``resources/demo/routes-synthetiques.npz`` : réseau routier SYNTHÉTIQUE de démonstration.

Outil de mainteneur (sans QGIS : NumPy, SciPy et ``osgeo.ogr``). Il lit les communes de
``resources/demo/demo.gpkg`` (point sur surface, population) et génère le réseau avec une graine
fixe (voir ``core/routing/synthetic.py``). Ce n'est **pas** un réseau de vraies routes.

Usage ::

    python3 scripts/build_routes.py                       # artefact de démo (200 000 points, ≤ 4 Mo)
    python3 scripts/build_routes.py --points 1000000 --out /tmp/routes-1M.npz   # banc d'essai, non versionné
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
try:
    import mednum  # noqa: F401
except ImportError:
    # The repository root is the ``mednum`` package: import it through a symlink.
    _PK = Path(tempfile.gettempdir()) / "mednum_build_routes_pkg"
    _PK.mkdir(exist_ok=True)
    if not (_PK / "mednum").exists():
        (_PK / "mednum").symlink_to(REPO)
    sys.path.insert(0, str(_PK))

import numpy as np

from mednum.core.routing.synthetic import communes_from_gpkg, synthetic_network

DEMO_GPKG = REPO / "resources" / "demo" / "demo.gpkg"
DEMO_OUT = REPO / "resources" / "demo" / "routes-synthetiques.npz"
DEMO_POINTS = 200_000
SEED = 2026
MAX_DEMO_BYTES = 4 * 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    """Generate, describe and write the network; refuse a demo artifact above 4 MB."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gpkg", type=Path, default=DEMO_GPKG, help="GeoPackage with a 'communes' layer (EPSG:2154)")
    ap.add_argument("--points", type=int, default=DEMO_POINTS, help=f"number of points, communes included (default {DEMO_POINTS})")
    ap.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    ap.add_argument("--out", type=Path, default=DEMO_OUT, help="output .npz")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    communes = communes_from_gpkg(args.gpkg)
    t1 = time.perf_counter()
    print(f"{len(communes)} communes, population {sum(c[3] for c in communes):,} ({t1 - t0:.2f} s)")
    net = synthetic_network(communes, args.points, seed=args.seed)
    t2 = time.perf_counter()
    meta = net.meta
    print(f"réseau SYNTHÉTIQUE, graine {args.seed}, {args.points:,} points demandés: "
          f"{net.node_count:,} nœuds, {net.segment_count:,} tronçons, degré moyen {meta['mean_degree']} ({t2 - t1:.2f} s)")
    counts = meta["counts"]
    print("tronçons par classe: " + ", ".join(f"{k} {counts[k]:,}" for k in ("dense", "moyen", "rural", "departementale", "autoroute")))
    print("points: " + ", ".join(f"{k} {counts[k]:,}" for k in ("communes", "urban_points", "rural_points", "duplicates_dropped")))
    deg = meta["degree_counts"]
    print("degrés: " + ", ".join(f"{k}: {v / net.node_count:.3f}" for k, v in deg.items()))
    speeds, n_speed = np.unique(net.car_speed, return_counts=True)
    print("vitesses (km/h): " + ", ".join(f"{s:g}: {c / net.segment_count:.3f}" for s, c in zip(speeds, n_speed)))
    print(f"longueur médiane {meta['median_length_m']} m, totale {float(net.length.sum(dtype=np.float64)) / 1000:,.0f} km")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    net.save(args.out)
    t3 = time.perf_counter()
    size = args.out.stat().st_size
    print(f"écrit {args.out} : {size / 1e6:.2f} Mo ({t3 - t2:.2f} s) ; total {t3 - t0:.2f} s")
    if args.out.resolve() == DEMO_OUT.resolve() and size > MAX_DEMO_BYTES:
        print(f"ERREUR : l'artefact de démo dépasse {MAX_DEMO_BYTES / 1e6:.1f} Mo, réduire --points", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
