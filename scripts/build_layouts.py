#!/usr/bin/env python3
"""Génère les modèles de mise en page de l'« Atlas territorial » (``resources/layouts/*.qpt``).

Outil de mainteneur : les quatre modèles (A4/A3, portrait/paysage) sortent du même code
(:func:`build_layout`), à l'échelle de la page. Les éléments ont des identifiants stables
(``carte``, ``titre``, ``territoire``, ``chiffres``, ``liste``, ``liste_suite``, ``legende``,
``echelle``, ``nord``, ``sources``, ``logo``, ``page``) que ``core/atlas.py`` relie aux couches ; un
agent peut ouvrir un modèle dans le concepteur de mise en page, le restyler et l'enregistrer.
Le nombre maximal de lignes de la liste est calibré pour que la liste tienne dans son cadre.

Usage ::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/build_layouts.py [resources/layouts]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
try:
    import mednum  # noqa: F401
except ImportError:
    # The repository root is the ``mednum`` package: import it through a symlink.
    _PK = Path(tempfile.gettempdir()) / "mednum_build_layouts_pkg"
    _PK.mkdir(exist_ok=True)
    if not (_PK / "mednum").exists():
        (_PK / "mednum").symlink_to(REPO)
    sys.path.insert(0, str(_PK))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsLegendStyle,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

from mednum.core.atlas import FORMATS, ORIENTATIONS, template_path  # noqa: E402
from mednum.core.schema import load_model  # noqa: E402

FONT = "DejaVu Sans"
BLUE = "#1f4e9c"
INK = "#1b2a41"
GREY = "#555555"
PAGE_SIZES = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
#: Lambert-93 extent of the Hauts-de-France (before the atlas drives the map).
HDF_EXTENT = (560000.0, 6880000.0, 790000.0, 7130000.0)
#: Columns of the list: (heading, field of the lieux layer made by core/atlas.py, share of the width).
COLUMNS = {
    "portrait": (("Nom", "nom", 0.40), ("Adresse", "adresse", 0.28), ("Commune", "commune", 0.19), ("Téléphone", "telephone", 0.13)),
    "paysage": (("Nom", "nom", 0.52), ("Commune", "commune", 0.28), ("Téléphone", "telephone", 0.20)),
}
SOURCES = ("Sources : Géo2France, base des lieux de médiation numérique ; IGN ADMIN EXPRESS ; INSEE — "
           "[% coalesce(@mednum_date, format_date(now(), 'dd/MM/yyyy')) %]")


def _number(field_name: str, places: int = 0) -> str:
    """Expression of a number in French (« 184 392 », « 0,5 »), whatever the QGIS locale."""
    return f"format_number(\"{field_name}\", {places}, 'fr')"


def key_figures_text() -> str:
    """Text of the « chiffres » label: figures computed by core/atlas.py in the coverage layer."""
    groups = "\n".join(f"   {label} : [% \"nb_{group_id}\" %]" for group_id, label, _services in load_model().service_groups)
    access = ("[% CASE WHEN \"acces_10min\" IS NOT NULL THEN 'Part de la population à moins de :'"
              + "".join(f" || '\\n   {minutes} min : ' || {_number(f'acces_{minutes}min')} || ' %'" for minutes in (10, 20, 30))
              + " ELSE '' END %]")
    return ("CHIFFRES CLÉS\n"
            f"[% {_number('nb_lieux')} %] lieu(x) de médiation numérique\n"
            f"[% CASE WHEN \"lieux_10000hab\" IS NOT NULL THEN 'soit ' || {_number('lieux_10000hab', 1)} || "
            "' pour 10 000 habitants' ELSE '' END %]\n"
            "\nServices proposés (nombre de lieux)\n" + groups + "\n"
            "\nDispositifs\n"
            "   France Services : [% \"nb_france_services\" %]\n"
            "   Conseillers numériques : [% \"nb_conseillers\" %]\n"
            "   APTIC : [% \"nb_aptic\" %]\n"
            f"\nPopulation : [% CASE WHEN \"population\" IS NOT NULL THEN {_number('population')} || ' hab.' ELSE '—' END %]\n"
            + access)


def _font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _text_format(font: QFont, colour: str) -> QgsTextFormat:
    text_format = QgsTextFormat.fromQFont(font)
    text_format.setSize(font.pointSizeF())
    text_format.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    text_format.setColor(QColor(colour))
    return text_format


def set_label_font(label: QgsLayoutItemLabel, font: QFont, colour: str = INK) -> None:
    """Font of a label (text format from QGIS 3.24, QFont before)."""
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(_text_format(font, colour))
    else:
        label.setFont(font)
        label.setFontColor(QColor(colour))


def _place(item, x: float, y: float, width: float, height: float) -> None:
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(width, height))


def _label(layout: QgsPrintLayout, item_id: str, text: str, font: QFont, rect, colour: str = INK, align=None) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    set_label_font(label, font, colour)
    label.setMarginX(0)
    label.setMarginY(0)
    label.setHAlign(align if align is not None else Qt.AlignmentFlag.AlignLeft)  # the default is « justify »
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    layout.addLayoutItem(label)
    _place(label, *rect)
    return label


def _svg(name: str) -> str:
    for folder in QgsApplication.svgPaths():
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return name


def _fit_extent(extent: tuple, width: float, height: float) -> QgsRectangle:
    """The extent grown to the item's aspect ratio (setExtent would otherwise resize the item)."""
    xmin, ymin, xmax, ymax = extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    scale = max((xmax - xmin) / width, (ymax - ymin) / height)
    return QgsRectangle(cx - width * scale / 2, cy - height * scale / 2, cx + width * scale / 2, cy + height * scale / 2)


def build_layout(project: QgsProject, page_format: str, orientation: str, max_rows: int = 30) -> QgsPrintLayout:
    """The atlas layout of one paper format and orientation (no data: core/atlas.py wires the layers)."""
    short, long_ = PAGE_SIZES[page_format]
    width, height = (short, long_) if orientation == "portrait" else (long_, short)
    s = short / 210.0  # geometry scale
    f = 1.0 + (s - 1.0) * 0.5  # font scale: A3 gets bigger type and more rows
    m = 10.0 * s
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(f"Atlas territorial {page_format} {orientation}")
    page = layout.pageCollection().page(0)
    page.setPageSize(page_format, QgsLayoutItemPage.Orientation.Portrait if orientation == "portrait"
                     else QgsLayoutItemPage.Orientation.Landscape)

    logo_w, logo_h = 18.0 * s, 14.0 * s
    _label(layout, "titre", "Lieux de médiation numérique", _font(12 * f, bold=True), (m, m, width - 2 * m - logo_w - 4 * s, 6.5 * s), BLUE)
    # room for two lines: « CA de la Région de Compiègne et de la Basse Automne (60) » does not fit on one
    _label(layout, "territoire", '[% "atlas_titre" %]', _font(16 * f, bold=True), (m, m + 6.5 * s, width - 2 * m - logo_w - 4 * s, 14 * s))
    logo = QgsLayoutItemPicture(layout)
    logo.setId("logo")
    logo.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    logo.setPicturePath("")  # filled with resources/icons/mednum.svg by core/atlas.py: replace it here
    layout.addLayoutItem(logo)
    _place(logo, width - m - logo_w, m, logo_w, logo_h)

    top = m + 21.5 * s
    bottom = height - m - 7.0 * s  # sources and page number below
    if orientation == "portrait":
        map_rect = (m, top, (width - 2 * m) * 0.64, height * 0.45)
        side_x = m + map_rect[2] + 4 * s
        side_w = width - m - side_x
        figures_rect = (side_x, top, side_w, 70 * s)
        legend_rect = (side_x, top + 74 * s, side_w, map_rect[3] - 74 * s)
        list_rect = (m, top + map_rect[3] + 5 * s, width - 2 * m, 0.0)
    else:
        map_rect = (m, top, (width - 2 * m) * 0.5, bottom - top - 3 * s)
        side_x = m + map_rect[2] + 5 * s
        side_w = width - m - side_x
        figures_rect = (side_x, top, side_w * 0.5 - 2 * s, 72 * s)
        legend_rect = (side_x + side_w * 0.5 + 2 * s, top, side_w * 0.5 - 2 * s, 72 * s)
        list_rect = (side_x, top + 76 * s, side_w, 0.0)
    list_rect = (*list_rect[:3], bottom - 6 * s - list_rect[1])

    carte = QgsLayoutItemMap(layout)
    carte.setId("carte")
    carte.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    carte.setFrameEnabled(True)
    carte.setFrameStrokeColor(QColor("#9a9a9a"))
    carte.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
    carte.setBackgroundColor(QColor("#ffffff"))
    layout.addLayoutItem(carte)
    _place(carte, *map_rect)
    carte.setExtent(_fit_extent(HDF_EXTENT, map_rect[2], map_rect[3]))  # a new map has no extent: zoomToExtent fails
    carte.setAtlasDriven(True)
    carte.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
    carte.setAtlasMargin(0.08)

    nord = QgsLayoutItemPicture(layout)
    nord.setId("nord")
    nord.setPicturePath(_svg("arrows/NorthArrow_02.svg"))
    nord.setLinkedMap(carte)
    nord.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    nord.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    layout.addLayoutItem(nord)
    _place(nord, map_rect[0] + map_rect[2] - 10 * s, map_rect[1] + 2 * s, 8 * s, 11 * s)

    echelle = QgsLayoutItemScaleBar(layout)
    echelle.setId("echelle")
    echelle.setStyle("Single Box")
    echelle.setLinkedMap(carte)
    echelle.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    echelle.setUnitLabel("km")
    echelle.setUnitsPerSegment(5)
    echelle.setNumberOfSegments(2)
    echelle.setNumberOfSegmentsLeft(0)
    echelle.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    echelle.setMinimumBarWidth(18 * s)
    echelle.setMaximumBarWidth(35 * s)
    echelle.setHeight(1.5 * s)
    echelle.setTextFormat(_text_format(_font(6.5 * f), INK))
    echelle.setBackgroundEnabled(True)
    echelle.setBackgroundColor(QColor(255, 255, 255, 210))
    layout.addLayoutItem(echelle)
    echelle.attemptMove(QgsLayoutPoint(map_rect[0] + 2 * s, map_rect[1] + map_rect[3] - 10 * s))

    chiffres = _label(layout, "chiffres", key_figures_text(), _font(8.2 * f), figures_rect)
    chiffres.setMarginX(2.5 * s)
    chiffres.setMarginY(2.5 * s)
    chiffres.setBackgroundEnabled(True)
    chiffres.setBackgroundColor(QColor("#eef2f8"))
    chiffres.setFrameEnabled(True)
    chiffres.setFrameStrokeColor(QColor("#c5d0e0"))
    chiffres.setFrameStrokeWidth(QgsLayoutMeasurement(0.2))

    legende = QgsLayoutItemLegend(layout)
    legende.setId("legende")
    legende.setTitle("")  # the layer names head their entries: room for the lieux and a 4-class extra layer
    legende.setLinkedMap(carte)
    legende.setAutoUpdateModel(False)
    legende.model().rootGroup().removeAllChildren()
    legende.setResizeToContents(False)
    for style_id, font, colour in ((QgsLegendStyle.Style.Title, _font(9 * f, bold=True), INK),
                                   (QgsLegendStyle.Style.Group, _font(8 * f, bold=True), INK),
                                   (QgsLegendStyle.Style.Subgroup, _font(7.8 * f, bold=True), INK),
                                   (QgsLegendStyle.Style.SymbolLabel, _font(7.5 * f), INK)):
        style = legende.style(style_id)
        if hasattr(style, "setTextFormat"):
            style.setTextFormat(_text_format(font, colour))
        else:
            style.setFont(font)
        legende.setStyle(style_id, style)
    legende.setSymbolHeight(3.5 * s)
    layout.addLayoutItem(legende)
    _place(legende, *legend_rect)

    table = QgsLayoutItemAttributeTable.create(layout)
    layout.addMultiFrame(table)
    columns = []
    for heading, field_name, share in COLUMNS[orientation]:
        column = QgsLayoutTableColumn(heading)
        column.setAttribute(field_name)
        column.setWidth(list_rect[2] * share - 2 * 0.8 * s - 0.2)
        columns.append(column)
    table.setColumns(columns)
    sort_columns = []
    for field_name in ("commune", "nom"):
        column = QgsLayoutTableColumn()
        column.setAttribute(f'"{field_name}"')
        column.setSortOrder(Qt.SortOrder.AscendingOrder)
        sort_columns.append(column)
    table.setSortColumns(sort_columns)
    table.setHeaderTextFormat(_text_format(_font(7 * f, bold=True), "#ffffff"))
    table.setContentTextFormat(_text_format(_font(7 * f), INK))
    table.setCellMargin(0.8 * s)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(QColor("#d0d0d0"))
    table.setVerticalGrid(False)
    table.setHorizontalGrid(True)
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    table.setEmptyTableMessage("Aucun lieu recensé sur ce territoire.")
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
    table.setMaximumNumberOfFeatures(max_rows)
    for group, colour in ((QgsLayoutTable.CellStyleGroup.HeaderRow, BLUE), (QgsLayoutTable.CellStyleGroup.EvenRows, "#f3f5f8")):
        style = QgsLayoutTableStyle()
        style.enabled = True
        style.cellBackgroundColor = QColor(colour)
        table.setCellStyle(group, style)
    frame = QgsLayoutFrame(layout, table)
    frame.setId("liste")
    _place(frame, *list_rect)
    table.addFrame(frame)

    _label(layout, "liste_suite", "[% CASE WHEN \"nb_lieux\" > @mednum_liste_max THEN '… et ' || (\"nb_lieux\" - @mednum_liste_max) || "
           "' autres lieux (liste complète dans la base des lieux de médiation numérique)' ELSE '' END %]",
           _font(7 * f, italic=True), (list_rect[0], list_rect[1] + list_rect[3] + 1 * s, list_rect[2], 4.5 * s))
    _label(layout, "sources", SOURCES, _font(6.3 * f), (m, height - m - 4 * s, width - 2 * m - 32 * s, 4 * s), GREY)
    _label(layout, "page", "page [% @atlas_featurenumber %] / [% @atlas_totalfeatures %]", _font(7.5 * f),
           (width - m - 30 * s, height - m - 4 * s, 30 * s, 4 * s), INK, Qt.AlignmentFlag.AlignRight)
    return layout


def calibrate_rows(project: QgsProject, page_format: str, orientation: str) -> int:
    """Rows of single-line lieux that fit in the list frame, less a margin for names that wrap."""
    layout = build_layout(project, page_format, orientation)
    table = next(m for m in layout.multiFrames() if isinstance(m, QgsLayoutItemAttributeTable))
    frame_height = table.frame(0).rect().height()
    probe = QgsVectorLayer("Point?crs=EPSG:2154&field=nom:string&field=adresse:string&field=commune:string&field=telephone:string",
                           "probe", "memory")
    features = []
    for index in range(200):
        feature = QgsFeature(probe.fields())
        feature.setAttributes([f"Médiathèque municipale {index}", "12 rue de la Gare", "Saint-Quentin", "03 22 00 00 00"])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0, 0)))
        features.append(feature)
    probe.dataProvider().addFeatures(features)
    columns, sort_columns = table.columns(), table.sortColumns()
    table.setVectorLayer(probe)
    table.setColumns(columns)
    table.setSortColumns(sort_columns)
    fitting = 0
    for rows in range(1, 200):
        table.setMaximumNumberOfFeatures(rows)
        table.refreshAttributes()
        if table.totalSize().height() > frame_height:
            break
        fitting = rows
    del layout
    return max(1, fitting - max(1, round(fitting * 0.1)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=None, help="dossier des modèles (défaut : resources/layouts)")
    args = parser.parse_args(argv)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    for page_format in FORMATS:
        for orientation in ORIENTATIONS:
            path = template_path(page_format, orientation)
            if args.output:
                path = Path(args.output) / path.name
            rows = calibrate_rows(project, page_format, orientation)
            layout = build_layout(project, page_format, orientation, max_rows=rows)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not layout.saveAsTemplate(str(path), QgsReadWriteContext()):
                print(f"échec : {path}", file=sys.stderr)
                return 1
            print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path} : liste limitée à {rows} lignes")
            del layout
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
