"""Isochrone polygons from the times of the road nodes, on a grid (no shapely: NumPy, GDAL/OGR, QgsGeometry).

Method (chosen from the routing measurements, §3.4 "Isochrone polygons": buffers of the reached roads and
concave hulls are too slow or wrong; a grid is fast and keeps the holes):

1. **Bin.** Only the nodes reached within the largest threshold count. A raster of ``cell_m`` cells covers
   their bounding box plus a ``max_walk_m`` margin; its origin is a multiple of the cell size, so grids of
   different isochrones line up and every vertex has round Lambert-93 coordinates. A cell takes the smallest
   time of the nodes that fall in it (a "scatter-min", done by repeated fancy assignment: faster than
   ``np.minimum.at`` on NumPy < 1.25 and exact whatever the write order).
2. **Walk.** One may leave the road and walk up to ``max_walk_m`` at ``walk_speed_mps``: each cell takes
   ``min(own time, time of a cell at distance d + d / walk speed)`` over the cells within ``max_walk_m``
   (exact Euclidean distances between cell centres, a disc of offsets, one hop from the binned times so the
   walk is never longer than ``max_walk_m``). This is a grey-scale erosion with a cone-shaped structuring
   element, done with shifted ``np.minimum`` on slices (as fast as ``scipy.ndimage.grey_erosion``, no SciPy
   needed).
3. **Polygonize.** For each threshold T the mask "cell time ≤ T" is cropped to its extent and polygonized by
   GDAL (MEM raster → OGR memory layer, 4-connected). Enclosed unreached pockets smaller than ``min_hole_m2``
   (single empty cells at the time front, where walking from the next node takes too long) are filled first,
   with ``scipy.ndimage.label`` when SciPy is there; larger holes (lakes, forests, anything farther than
   ``max_walk_m`` from a reached road) are kept. Masks of increasing T are nested cell sets (filling keeps
   that), so the raw polygons nest exactly and every node reached within T lies in a cell of polygon(T).
4. **Simplify.** The staircase outlines are simplified with GEOS's topology-preserving simplifier (holes and
   separate parts are kept, no spikes, tolerance half a cell by default), then nesting is restored from the
   inside out: polygon(T_i) = simplified(T_i) ∪ polygon(T_{i-1}). Invalid results (rare) go through
   ``makeValid``. Without that union, shores shared by several bands (a lake reached early) are simplified
   differently per band and about a third of the band pairs stop nesting (measured). Every result is a
   MultiPolygon in EPSG:2154; an empty MultiPolygon when nothing is reachable within T.

Cost for 4 bands (5/10/15/30 min), after the Dijkstra, in Debian 12's QGIS Python: 1 M random nodes with
times = distance / speed (0.2 to 1 M reached): 18–69 ms with 200 m cells, 60–235 ms with 100 m cells; 30-min car
isochrones on the 1 M-node synthetic Hauts-de-France network (50–130 k reached): 37–71 ms at 200 m, 112–263 ms
at 100 m (GEOS simplify and union take most of it). A cell counts as soon as one of its nodes is reached, so the
outline runs up to about one cell outside the true front (areas +2–4 % at 200 m for 4–8 km radii).

:func:`band_rings` turns the nested polygons into non-overlapping bands (T_{i-1}, T_i] by difference.
:func:`time_grid` exposes steps 1–2 (the walked cell times) for other uses.
"""

from __future__ import annotations

import math
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
from qgis.core import QgsGeometry

#: largest raster allowed; a finer grid would need more memory than an isochrone deserves (cells, float32)
MAX_CELLS = 25_000_000
#: unreached pockets smaller than this (m², 25 ha) are discretisation noise at the time front, not unreachable areas
MIN_HOLE_M2 = 250_000.0


@dataclass
class TimeGrid:
    """Walked cell times (seconds, float32, inf = unreached) on a north-up grid; row 0 is the northern edge."""

    times: np.ndarray
    x0: float          # western edge (m, EPSG:2154)
    y1: float          # northern edge (m, EPSG:2154)
    cell_m: float

    def geotransform(self, row0: int = 0, col0: int = 0) -> tuple[float, float, float, float, float, float]:
        """GDAL geotransform of the grid, or of the sub-grid starting at (row0, col0)."""
        return (self.x0 + col0 * self.cell_m, self.cell_m, 0.0, self.y1 - row0 * self.cell_m, 0.0, -self.cell_m)


def _walk_offsets(cell_m: float, walk_speed_mps: float, max_walk_m: float) -> list[tuple[int, int, float]]:
    """Half of the disc of cell offsets within ``max_walk_m`` (the other half by symmetry), with their walking times."""
    radius = int(math.floor(max_walk_m / cell_m + 1e-9)) if walk_speed_mps > 0 else 0
    offsets = []
    for dy in range(0, radius + 1):
        for dx in range(-radius, radius + 1):
            if (dy, dx) <= (0, 0):
                continue
            distance = math.hypot(dx, dy) * cell_m
            if distance <= max_walk_m + 1e-9:
                offsets.append((dy, dx, distance / walk_speed_mps))
    return offsets


def _scatter_min(size: int, index: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``out[i] = min(values[index == i])`` (inf where no value): repeated assignment until no value is below its cell."""
    out = np.full(size, np.inf, dtype=np.float32)
    while index.size:
        out[index] = values
        lower = values < out[index]
        index, values = index[lower], values[lower]
    return out


def _walk(grid: np.ndarray, offsets: list[tuple[int, int, float]]) -> np.ndarray:
    """One-hop walking: ``out[c] = min(grid[c], min over offsets of grid[c + o] + walk time(o))``."""
    out = grid.copy()
    rows, cols = grid.shape
    scratch = np.empty_like(grid)
    for dy, dx, seconds in offsets:
        if dy >= rows or abs(dx) >= cols:
            continue
        # the pair of slices a = cells, b = cells shifted by (dy, dx)
        ra, rb = slice(0, rows - dy), slice(dy, rows)
        ca, cb = (slice(0, cols - dx), slice(dx, cols)) if dx >= 0 else (slice(-dx, cols), slice(0, cols + dx))
        tmp = scratch[ra, ca]
        np.add(grid[rb, cb], np.float32(seconds), out=tmp)
        np.minimum(out[ra, ca], tmp, out=out[ra, ca])
        np.add(grid[ra, ca], np.float32(seconds), out=tmp)
        np.minimum(out[rb, cb], tmp, out=out[rb, cb])
    return out


def time_grid(xy: np.ndarray, times: np.ndarray, max_time_s: float, cell_m: float = 200.0, walk_speed_mps: float = 1.25,
              max_walk_m: float = 500.0, max_cells: int = MAX_CELLS) -> Optional[TimeGrid]:
    """Cell times of the nodes reached within ``max_time_s``, plus walking; None when no node is reached.

    When the bounding box would need more than ``max_cells`` cells, the cell size is multiplied by the
    smallest integer that fits.
    """
    xy = np.asarray(xy)
    times = np.asarray(times)
    if xy.ndim != 2 or xy.shape[1] != 2 or times.shape != (xy.shape[0],):
        raise ValueError(f"xy must be (n, 2) and times (n,): got {xy.shape} and {times.shape}")
    if cell_m <= 0:
        raise ValueError(f"cell_m must be > 0, got {cell_m}")
    reached = np.flatnonzero(times <= max_time_s)          # NaN and inf are never reached
    if not reached.size:
        return None
    # 1-D takes: much faster than boolean indexing of the (n, 2) array and reductions along axis 0
    xs = xy[:, 0].take(reached).astype(np.float64, copy=False)
    ys = xy[:, 1].take(reached).astype(np.float64, copy=False)
    node_times = times.take(reached).astype(np.float32)   # rounding is monotone: t <= T stays float32(t) <= float32(T)
    max_walk_m = max(float(max_walk_m), 0.0) if walk_speed_mps > 0 else 0.0
    xmin, xmax, ymin, ymax = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    base = cell_m
    while True:
        margin = max_walk_m + cell_m
        x0 = math.floor((xmin - margin) / cell_m) * cell_m
        y1 = math.ceil((ymax + margin) / cell_m) * cell_m
        cols = int(math.ceil((xmax + margin - x0) / cell_m))
        rows = int(math.ceil((y1 - (ymin - margin)) / cell_m))
        if rows * cols <= max_cells:
            break
        cell_m = base * math.ceil(cell_m / base * math.sqrt(rows * cols / max_cells) + 1e-9)
    col = ((xs - x0) / cell_m).astype(np.intp)
    row = ((y1 - ys) / cell_m).astype(np.intp)
    np.clip(col, 0, cols - 1, out=col)
    np.clip(row, 0, rows - 1, out=row)
    grid = _scatter_min(rows * cols, row * cols + col, node_times).reshape(rows, cols)
    offsets = _walk_offsets(cell_m, walk_speed_mps, max_walk_m)
    if offsets:
        grid = _walk(grid, offsets)
    return TimeGrid(grid, float(x0), float(y1), float(cell_m))


def _fill_small_holes(mask: np.ndarray, max_cells: int) -> np.ndarray:
    """The mask with its enclosed unreached pockets of at most ``max_cells`` cells filled (4-connected; needs SciPy)."""
    if max_cells <= 0:
        return mask
    try:
        from scipy import ndimage
    except ImportError:   # SciPy is optional: keep every hole
        return mask
    labels, count = ndimage.label(~mask)
    if count == 0:
        return mask
    fill = np.bincount(labels.ravel(), minlength=count + 1) <= max_cells
    fill[0] = False
    fill[labels[0]] = fill[labels[-1]] = fill[labels[:, 0]] = fill[labels[:, -1]] = False   # open to the outside
    return mask | fill[labels]


def _empty() -> QgsGeometry:
    return QgsGeometry.fromWkt("MultiPolygon EMPTY")


def _polygonize(mask: np.ndarray, geotransform: Sequence[float]) -> QgsGeometry:
    """MultiPolygon of the non-zero cells of a uint8 mask (GDAL Polygonize, 4-connected, in memory)."""
    from osgeo import gdal, ogr

    # GDAL >= 3.7: raise on errors here without touching the process-wide setting (and without its FutureWarning)
    with gdal.ExceptionMgr() if hasattr(gdal, "ExceptionMgr") else nullcontext(), \
            ogr.ExceptionMgr() if hasattr(ogr, "ExceptionMgr") else nullcontext():
        return _polygonize_gdal(mask, geotransform, gdal, ogr)


def _polygonize_gdal(mask: np.ndarray, geotransform: Sequence[float], gdal: Any, ogr: Any) -> QgsGeometry:
    rows, cols = mask.shape
    raster = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal.GDT_Byte)
    raster.SetGeoTransform(tuple(geotransform))
    band = raster.GetRasterBand(1)
    band.WriteArray(mask)
    driver = ogr.GetDriverByName("MEM") or ogr.GetDriverByName("Memory")   # vector "MEM" from GDAL 3.11, "Memory" before
    source = driver.CreateDataSource("isochrone")
    layer = source.CreateLayer("cells", geom_type=ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("band", ogr.OFTInteger))
    if gdal.Polygonize(band, band, layer, 0, [], callback=None) != 0:
        raise RuntimeError("GDAL Polygonize failed")
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    layer.ResetReading()
    for feature in layer:
        multi.AddGeometry(feature.GetGeometryRef())
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(multi.ExportToIsoWkb()))
    return geometry


def _clean(geometry: QgsGeometry) -> QgsGeometry:
    """Valid MultiPolygon (makeValid only when GEOS says it is needed)."""
    if geometry.isNull() or geometry.isEmpty():
        return _empty()
    if not geometry.isGeosValid():
        repaired = geometry.makeValid()   # may be a collection with lines or points: keep its polygons
        parts = [QgsGeometry(part.clone()) for part in repaired.constParts() if part.dimension() == 2]
        if not parts:
            return _empty()
        geometry = parts[0] if len(parts) == 1 else QgsGeometry.unaryUnion(parts)
    geometry.convertToMultiType()
    return geometry


def isochrone_polygons(xy: np.ndarray, times: np.ndarray, thresholds_s: Sequence[float], cell_m: float = 200.0,
                       walk_speed_mps: float = 1.25, max_walk_m: float = 500.0, simplify_m: Optional[float] = None,
                       min_hole_m2: float = MIN_HOLE_M2, max_cells: int = MAX_CELLS) -> list[tuple[float, QgsGeometry]]:
    """One MultiPolygon (EPSG:2154) per threshold, sorted by threshold: the area reachable within T, walking included.

    ``xy`` are the node coordinates (n, 2) in EPSG:2154 metres and ``times`` their times in seconds (inf or NaN:
    unreached). The polygons are cumulative and nested (polygon(T_i) ⊆ polygon(T_{i+1})), keep their holes, and
    are empty when nothing is reachable within T. ``simplify_m`` defaults to half a cell (0 keeps the cell outline);
    unreached pockets smaller than ``min_hole_m2`` are filled (0 keeps every hole).
    """
    levels = sorted({float(t) for t in thresholds_s})
    if not levels:
        return []
    grid = time_grid(xy, times, levels[-1], cell_m, walk_speed_mps, max_walk_m, max_cells)
    if grid is None:
        return [(t, _empty()) for t in levels]
    tolerance = 0.5 * grid.cell_m if simplify_m is None else float(simplify_m)
    hole_cells = int(max(min_hole_m2, 0.0) // (grid.cell_m * grid.cell_m))
    result: list[tuple[float, QgsGeometry]] = []
    previous: Optional[QgsGeometry] = None
    for level in levels:
        mask = grid.times <= np.float32(level)
        rows_any, cols_any = mask.any(axis=1), mask.any(axis=0)
        if not rows_any.any():
            result.append((level, _empty()))
            continue
        r0, r1 = int(rows_any.argmax()), int(len(rows_any) - rows_any[::-1].argmax())
        c0, c1 = int(cols_any.argmax()), int(len(cols_any) - cols_any[::-1].argmax())
        cropped = _fill_small_holes(mask[r0:r1, c0:c1], hole_cells)
        polygon = _polygonize(np.ascontiguousarray(cropped, dtype=np.uint8), grid.geotransform(r0, c0))
        polygon = _clean(polygon.simplify(tolerance) if tolerance > 0 else polygon)
        if previous is not None and not previous.isEmpty():
            merged = polygon.combine(previous)
            if merged.isNull() or merged.isEmpty():   # GEOS failed: better an error than a band that does not nest
                raise RuntimeError(f"isochrone {level:g} s: union with the previous band failed ({merged.lastError()})")
            merged.convertToMultiType()   # GEOS's overlay gives a valid polygonal union of valid polygons: no check
            polygon = merged
        result.append((level, polygon))
        previous = polygon
    return result


def band_rings(nested: Sequence[tuple[float, QgsGeometry]]) -> list[tuple[float, float, QgsGeometry]]:
    """Non-overlapping bands (T_{i-1}, T_i] from the nested polygons of :func:`isochrone_polygons` (first band from 0)."""
    rings: list[tuple[float, float, QgsGeometry]] = []
    lower, inner = 0.0, None
    for level, polygon in sorted(nested, key=lambda item: item[0]):
        ring = polygon if inner is None or inner.isEmpty() or polygon.isEmpty() else _clean(polygon.difference(inner))
        rings.append((lower, level, QgsGeometry(ring)))
        lower, inner = level, polygon
    return rings
