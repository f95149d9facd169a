"""Rebuild the « sous les radars » fixtures from the demo base (run once; the files are committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/radars/make_fixtures.py

An export « cartographie nationale » of 17 places, in the standard CSV and in GeoJSON: some lieux
of the demo base copied as they are, some renamed / moved a little, some that the base does
not have. README.md lists what « Lieux sous les radars » must find absent.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
_ROOT = Path(tempfile.mkdtemp())
(_ROOT / "mednum").symlink_to(REPO, target_is_directory=True)
sys.path.insert(0, str(_ROOT))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from mednum.core.demo import DEMO_GPKG  # noqa: E402
from mednum.core.editing import feature_point, feature_row  # noqa: E402
from mednum.core.io_standard import write_csv, write_geojson  # noqa: E402
from mednum.core.radars import PIVOT_UNKNOWN  # noqa: E402

SOURCE = "Cartographie nationale des lieux d'inclusion numérique (extrait fictif)"

#: Base lieu (id prefix) → changes: (new id, name, address, dx, dy, keep pivot, keep id).
PRESENT = [
    # identical (new national id; found by the national rule)
    ("002eef1a", "cn-0001", None, None, 0, 0, False, False),
    ("05aa983a", "cn-0002", None, None, 0, 0, False, False),
    ("07f592b2", "cn-0003", None, None, 0, 0, False, False),
    ("0ee01ee7", "cn-0004", None, None, 0, 0, False, False),
    # same id as the base (renamed, readdressed, moved 300 m)
    ("018d471c", None, "Réseau des médiathèques du Beauvaisis – Les Embruns", "2 Rue de la Madeleine", 300, 0, False, True),
    # same SIRET in the same commune, same address written otherwise, placed 200 m away (the national rule alone misses it)
    ("0ae938bc", "cn-0006", "Association Bits de Cœur (Amiens)", "162 rue Anatole France", 0, 200, True, False),
    # renamed / moved a little: the national rule finds them
    ("092d9e48", "cn-0007", "Bibliotheque des Quatre-Vents", "40 pl. de l'Abbé Bonpain", 20, 15, False, False),
    ("0e3d2982", "cn-0008", "Espace Public Numérique - Dunkerque Centre", "60 av. de la Liberté", 0, 30, False, False),
    ("06454b50", "cn-0009", "Espace numérique du CCAS de Leers", "35 rue de Lys", 15, 0, False, False),
    ("0f047fa3", "cn-0010", "Le Fil Numérique (association)", "11, rue Louis Pasteur", -25, 25, False, False),
]
#: Places the base does not have: (id, name, address, code_insee, commune, code_postal, typologie, near base lieu (dx, dy) or WGS84
#: point, keep that lieu's SIRET).
ABSENT = [
    ("cn-0011", "Espace numérique d'Aire-sur-la-Lys", "12 Grand'Place", "62014", "Aire-sur-la-Lys", "62120", "EPN", None,
     (2.3960, 50.6390), False),
    ("cn-0012", "Médiathèque Jules-Verne", "14 Rue de la Hotoie", "80021", "Amiens", "80000", "BIB", None, (2.2830, 49.8960), False),
    ("", "Café associatif Le Clic", "5 Rue Gambetta", "80016", "Albert", "80300", "ASSO", None, (2.6510, 50.0020), False),
    ("cn-0014", "Cyber-espace de la Gare", "2 Rue de la Gare", None, None, None, "EPN", ("0dad9af7", 30, 0), None, False),
    ("cn-0015", "Médiathèque L'Escale", "10 Place du Général-de-Gaulle", "59449", "Orchies", "59310", "BIB", None, (3.2420, 50.4750),
     False),
    ("cn-0016", None, None, None, None, None, None, ("0403faea", 60, 0), None, False),  # same name and address, moved 60 m
    # another site of the same organisation (same SIRET, same commune): other name, other address, 500 m away
    ("cn-0017", "Bits de Cœur – antenne Gambetta", "3 Place Gambetta", None, None, None, "ASSO", ("0ae938bc", 0, 500), None, True),
]


def main() -> None:
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorLayer(f"{DEMO_GPKG}|layername=lieux", "lieux", "ogr")
    assert layer.isValid()
    base = {}
    for feature in layer.getFeatures():
        base[feature["id"][:8]] = (feature_row(feature), feature_point(feature))
    to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                      QgsProject.instance())

    def lonlat(point, dx=0.0, dy=0.0) -> tuple[str, str]:
        moved = to_wgs84.transform(QgsPointXY(point[0] + dx, point[1] + dy))
        return f"{moved.x():.6f}", f"{moved.y():.6f}"

    def exported(row: dict[str, str]) -> dict[str, str]:
        row = {k: v for k, v in row.items() if not k.startswith("hdf_")}
        row["source"] = SOURCE
        return row

    rows = []
    for prefix, new_id, nom, adresse, dx, dy, keep_pivot, keep_id in PRESENT:
        row, point = base[prefix]
        row = exported(row)
        row["id"] = row["id"] if keep_id else new_id
        row["nom"] = nom or row["nom"]
        row["adresse"] = adresse or row["adresse"]
        row["pivot"] = row["pivot"] if keep_pivot else PIVOT_UNKNOWN
        row["longitude"], row["latitude"] = lonlat(point, dx, dy)
        rows.append(row)
    template = exported(base["00455f12"][0])
    for ident, nom, adresse, insee, commune, postcode, typologie, near, wgs84, keep_pivot in ABSENT:
        if near is not None:
            other, point = base[near[0]]
            row = exported(other) if nom is None else dict(template, code_insee=other["code_insee"], commune=other["commune"],
                                                           code_postal=other["code_postal"])
            row["longitude"], row["latitude"] = lonlat(point, near[1], near[2])
        else:
            row = dict(template, code_insee=insee, commune=commune, code_postal=postcode)
            row["longitude"], row["latitude"] = f"{wgs84[0]:.6f}", f"{wgs84[1]:.6f}"
        row.update({k: v for k, v in (("nom", nom), ("adresse", adresse), ("typologie", typologie)) if v is not None})
        row["id"], row["pivot"], row["complement_adresse"] = ident, base[near[0]][0]["pivot"] if keep_pivot else PIVOT_UNKNOWN, ""
        rows.append(row)
    write_csv(rows, HERE / "cartographie-nationale.csv")
    write_geojson(rows, HERE / "cartographie-nationale.geojson")
    for row in rows:
        print(row["id"] or "(sans id)", "|", row["nom"], "|", row["commune"])


if __name__ == "__main__":
    main()
