#!/usr/bin/env python3
"""Screenshots of the lieu form and of the search panel, taken headless under Xvfb, for ``docs/``.

Usage (``make screenshots``)::

    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb python3 scripts/screenshots.py [DOSSIER]

Works on a copy of the demo base (fictitious lieux); writes ``formulaire-*.png`` and
``panneau-recherche.png``. Every image is checked not to be blank before it is kept.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def not_blank(image) -> bool:
    """More than 2 % of the pixels differ from the most common colour."""
    counts: dict[int, int] = {}
    step = 5
    total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
            total += 1
    return total > 0 and 1 - max(counts.values()) / total > 0.02


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mednum-captures-"))
    os.environ.setdefault("QGIS_AUTH_DB_DIR_PATH", str(work))
    root = work / "pkg"
    root.mkdir()
    (root / "mednum").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(root))

    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
    from qgis.gui import QgsAttributeEditorContext, QgsAttributeForm, QgsGui, QgsMapCanvas, QgsMessageBar
    from qgis.PyQt.QtCore import QLocale, Qt
    from qgis.PyQt.QtWidgets import QMainWindow, QTabWidget

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    app = QgsApplication([], True)
    app.initQgis()
    QgsGui.editorWidgetRegistry().initEditors()
    from mednum.core.demo import DEMO_GPKG
    from mednum.core.editing import configure_fields
    from mednum.ui.form_widgets import register_widgets

    register_widgets()
    copy = work / "demo.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    layer = QgsVectorLayer(f"{copy}|layername=lieux", "Lieux de médiation numérique (démo)", "ogr")
    configure_fields(layer)
    QgsProject.instance().addMapLayer(layer)
    written = []

    feature = max((f for f in layer.getFeatures() if f["services"] and f["publics_specifiquement_adresses"] and f["horaires"]),
                  key=lambda f: (str(f["horaires"]).count(",") + str(f["horaires"]).count(";"), str(f["nom"])))
    layer.startEditing()
    form = QgsAttributeForm(layer, feature, QgsAttributeEditorContext())
    form.setWindowTitle(f"{layer.name()} — {feature['nom']}")
    form.resize(900, 820)
    form.show()
    tabs = form.findChildren(QTabWidget)[0]
    for index, name in ((0, "formulaire-identite"), (3, "formulaire-horaires"), (4, "formulaire-offre")):
        tabs.setCurrentIndex(index)
        for _ in range(5):
            app.processEvents()
        image = form.grab().toImage()
        if not not_blank(image):
            raise SystemExit(f"capture vide : {name}")
        path = out / f"{name}.png"
        image.save(str(path))
        written.append(path)
    form.close()
    layer.rollBack()

    window = QMainWindow()
    canvas = QgsMapCanvas(window)
    window.setCentralWidget(canvas)
    canvas.setLayers([layer])
    canvas.setExtent(layer.extent())

    class Iface:  # the four calls the panel makes to QGIS's interface
        def activeLayer(self):  # noqa: N802
            return layer

        def mapCanvas(self):  # noqa: N802
            return canvas

        def messageBar(self):  # noqa: N802
            return QgsMessageBar(window)

        def openFeatureForm(self, *args):  # noqa: N802
            return True

    iface = Iface()
    from mednum.ui.find_dock import FindDock

    dock = FindDock(iface)
    dock.resize(460, 960)
    dock.show()
    dock.refresh(sync=True)
    demarches = dock.group_items["demarches"]
    demarches.setExpanded(True)
    demarches.child(0).setCheckState(0, Qt.CheckState.Checked)
    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("80"))
    dock.refresh(sync=True)
    for _ in range(10):
        app.processEvents()
    image = dock.grab().toImage()
    if not not_blank(image):
        raise SystemExit("capture vide : panneau-recherche")
    path = out / "panneau-recherche.png"
    image.save(str(path))
    written.append(path)
    dock.cleanup()
    print("\n".join(str(p) for p in written))
    shutil.rmtree(work, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)  # a tooling script: skip Qt/QGIS destructors, whose order differs from QGIS desktop


if __name__ == "__main__":
    sys.exit(main())
