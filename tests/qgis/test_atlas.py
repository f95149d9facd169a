"""« Atlas territorial »: one PDF page per territory, checked on the PDF itself (pdfinfo, pdftotext, pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsFeedback, QgsProject, QgsVectorLayer

from mednum.core import atlas
from mednum.core.demo import DEMO_GPKG
from mednum.core.schema import load_model, split_multi

LAYERS = ("lieux", "communes", "epci", "departements")
SOMME = "\"code_departement\" = '80'"
PUBLISHED = "\"hdf_statut\" = 'publie'"
#: Pixel colours of the lieux markers (core.atlas.LIEU_CLASSES).
MARKER_COLOURS = [tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for _key, _label, colour, _shape in atlas.LIEU_CLASSES]


# ------------------------------------------------------------------------------------------------ helpers


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    """No whitespace and no hyphen (names wrapped in a cell, pdftotext joining « Combles -\\nPéronne », still match)."""
    return re.sub(r"[\s\-]+", "", text)


def render_page(pdf: Path, page: int, folder: Path, dpi: int = 50):
    from qgis.PyQt.QtGui import QImage

    prefix = folder / f"page{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
                   check=True)
    image = QImage(str(prefix) + ".png")
    assert not image.isNull()
    return image


def pixels(image, rect=None):
    """RGB tuples of the image (or of the rectangle x0, y0, x1, y1 in pixels)."""
    x0, y0, x1, y1 = rect or (0, 0, image.width(), image.height())
    for y in range(max(0, y0), min(image.height(), y1)):
        for x in range(max(0, x0), min(image.width(), x1)):
            value = image.pixel(x, y)
            yield (value >> 16) & 255, (value >> 8) & 255, value & 255


def service_group_counts(rows: list[dict]) -> dict[str, int]:
    groups = load_model().service_groups
    counts = {group_id: 0 for group_id, _label, _services in groups}
    for row in rows:
        services = set(split_multi(row["services"]))
        for group_id, _label, members in groups:
            counts[group_id] += bool(services & set(members))
    return counts


# ------------------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def demo_layers(qgis_app, tmp_path_factory):
    """The four layers of a COPY of the demo base (the shipped file is never opened for writing)."""
    from qgis.PyQt import sip

    copy = tmp_path_factory.mktemp("atlas-demo") / "demo.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    layers = {name: QgsVectorLayer(f"{copy}|layername={name}", name, "ogr") for name in LAYERS}
    assert all(layer.isValid() for layer in layers.values())
    yield layers
    for layer in layers.values():
        sip.delete(layer)


@pytest.fixture(scope="module")
def expected(demo_layers):
    """What the pages must show, computed from the attributes (communes' siren_epci + lieux' code_insee)."""
    communes = {f["code_insee"]: {"siren": f["siren_epci"], "dep": f["code_departement"], "pop": f["population"] or 0}
                for f in demo_layers["communes"].getFeatures()}
    population_by_dep: dict[str, dict[str, float]] = {}
    for commune in communes.values():
        per_dep = population_by_dep.setdefault(commune["siren"], {})
        per_dep[commune["dep"]] = per_dep.get(commune["dep"], 0) + commune["pop"]
    main_dep = {siren: max(per_dep, key=per_dep.get) for siren, per_dep in population_by_dep.items()}
    epci = {f["siren"]: {"nom": f["nom"], "population": f["population"], "dep": main_dep[f["siren"]]}
            for f in demo_layers["epci"].getFeatures()}
    lieux_by_epci: dict[str, list[dict]] = {siren: [] for siren in epci}
    names = demo_layers["lieux"].fields().names()
    for feature in demo_layers["lieux"].getFeatures():
        if feature["hdf_statut"] != "publie":
            continue
        row = {name: feature[name] for name in names}
        lieux_by_epci[communes[feature["code_insee"]]["siren"]].append(row)
    somme = sorted((siren for siren, e in epci.items() if e["dep"] == "80"), key=lambda s: atlas._plain(epci[s]["nom"]))
    return {"epci": epci, "lieux": lieux_by_epci, "somme": somme}


@pytest.fixture(scope="module")
def background(demo_layers):
    return {key: demo_layers[key] for key in ("communes", "epci", "departements")}


@pytest.fixture
def atlas_project(qgis_app):
    """A project of its own for each atlas; layouts made in it must be deleted before it is cleared."""
    project = QgsProject()
    yield project
    project.clear()


@pytest.fixture(scope="module")
def somme_atlas(demo_layers, background, expected, tmp_path_factory):
    """The EPCI atlas of the Somme, A4 portrait, exported once for several checks."""
    from qgis.PyQt import sip

    project = QgsProject()
    out = tmp_path_factory.mktemp("atlas-somme")
    layout = atlas.build_atlas(project, demo_layers["epci"], demo_layers["lieux"], "EPCI", SOMME, ("A4", "portrait"),
                               None, background, lieux_filter=PUBLISHED)
    pdf = out / "somme.pdf"
    pages = atlas.export_atlas(layout, pdf)
    carte = layout.itemById("carte")
    position, size = carte.positionWithUnits(), carte.sizeWithUnits()
    coverage = layout.atlas().coverageLayer()
    order = [f["atlas_code"] for f in sorted(coverage.getFeatures(), key=lambda f: f["atlas_ordre"])
             if f["atlas_code"] in expected["somme"]]
    info = {"pdf": pdf, "pages": pages, "order": order, "out": out, "list_max": layout.itemById("liste")
            .multiFrame().maximumNumberOfFeatures(), "map_mm": (position.x(), position.y(), size.width(), size.height())}
    sip.delete(layout)
    project.clear()
    yield info


@pytest.fixture
def atlas_alg(processing_ready):
    """``mednum:atlas``, added to the (current) provider if the provider does not list it yet."""
    from qgis.core import QgsApplication

    from mednum.processing.alg_atlas import Atlas

    if QgsApplication.processingRegistry().algorithmById("mednum:atlas") is None:
        processing_ready.addAlgorithm(Atlas())
    return "mednum:atlas"


@pytest.fixture
def project_admin_layers(demo_layers):
    """Background layers found by name in the current project, as an agent's project would have them."""
    project = QgsProject.instance()
    copies = [demo_layers[name].clone() for name in ("communes", "epci", "departements")]
    for copy, name in zip(copies, ("Communes", "EPCI", "Départements")):
        copy.setName(name)
    project.addMapLayers(copies)
    yield
    project.removeMapLayers([copy.id() for copy in copies])


# ------------------------------------------------------------------------------------------------ pure helpers


def test_lieu_classes_and_phone_numbers():
    assert atlas.lieu_class("Aidants Connect|Conseillers numériques|France Services") == "france_services"
    assert atlas.lieu_class("Certification PIX|Conseillers numériques") == "conseillers"
    assert atlas.lieu_class(None) == atlas.lieu_class("Promeneurs du net") == "autre"
    assert atlas.format_phone("+33399529567") == "03 99 52 95 67"
    assert atlas.format_phone("0322000000") == "03 22 00 00 00"
    assert atlas.format_phone(None) == ""
    assert atlas.normalise_level("Département") == "departement" and atlas.normalise_level("EPCI") == "epci"
    with pytest.raises(ValueError, match="inconnu"):
        atlas.normalise_level("canton")
    assert atlas.template_path("a3", "landscape").name == "atlas_a3_paysage.qpt"
    with pytest.raises(ValueError, match="Format"):
        atlas.template_path("A5", "portrait")


@pytest.mark.parametrize("page_format", atlas.FORMATS)
@pytest.mark.parametrize("orientation", atlas.ORIENTATIONS)
def test_shipped_templates_have_every_item(atlas_project, page_format, orientation):
    from qgis.PyQt import sip

    layout = atlas.load_template(atlas_project, (page_format, orientation))
    ids = {item.id() for item in layout.items() if hasattr(item, "id")}
    assert set(atlas.ITEM_IDS) <= ids
    page = layout.pageCollection().page(0).pageSize()
    assert (page.width() > page.height()) == (orientation == "paysage")
    assert round(min(page.width(), page.height())) == (210 if page_format == "A4" else 297)
    sip.delete(layout)


# ------------------------------------------------------------------------------------------------ the Somme EPCI atlas


def test_somme_epci_atlas_has_one_page_per_epci(somme_atlas, expected):
    assert len(expected["somme"]) == 16  # 17 EPCI have communes in the Somme; the CC du Ternois lives mostly in the 62
    assert pdf_pages(somme_atlas["pdf"]) == somme_atlas["pages"] == len(expected["somme"])
    assert sorted(somme_atlas["order"]) == sorted(expected["somme"])


def test_each_page_names_its_epci_and_lists_its_lieux(somme_atlas, expected):
    total = len(somme_atlas["order"])
    for page, siren in enumerate(somme_atlas["order"], start=1):
        text = pdf_text(somme_atlas["pdf"], page)
        epci = expected["epci"][siren]
        assert squash(f"{epci['nom']} (80)") in squash(text), (page, epci["nom"])
        assert "Lieux de médiation numérique" in text
        assert f"page {page} / {total}" in text
        lieux = expected["lieux"][siren]
        assert len(lieux) <= somme_atlas["list_max"]  # the demo Somme fits: no truncation
        flat = squash(text)
        missing = [row["nom"] for row in lieux if squash(row["nom"]) not in flat]
        assert not missing, (epci["nom"], missing)
        if not lieux:
            assert "Aucun lieu recensé sur ce territoire." in text
        assert "Sources : Géo2France, base des lieux de médiation numérique ; IGN ADMIN EXPRESS ; INSEE" in text


def test_key_figures_match_the_counts(somme_atlas, expected):
    for page, siren in enumerate(somme_atlas["order"], start=1):
        flat = squash(pdf_text(somme_atlas["pdf"], page))
        lieux = expected["lieux"][siren]
        groups = service_group_counts(lieux)
        dispositifs = [atlas._plain(row["dispositif_programmes_nationaux"] or "") for row in lieux]
        figures = {
            f"{len(lieux)}lieu(x)demédiationnumérique": True,
            f"Apprentissage:{groups['apprentissage']}": True,
            f"Démarches:{groups['demarches']}": True,
            f"Matériel:{groups['materiel']}": True,
            f"FranceServices:{sum('france services' in d for d in dispositifs)}": True,
            f"Conseillersnumériques:{sum('conseiller' in d for d in dispositifs)}": True,
            f"APTIC:{sum(bool(row['hdf_aptic']) for row in lieux)}": True,
            f"Population:{expected['epci'][siren]['population']}hab.": True,
        }
        for figure in figures:
            assert squash(figure) in flat, (expected["epci"][siren]["nom"], figure)


def test_first_page_is_drawn_and_its_map_shows_the_lieux(somme_atlas, expected):
    image = render_page(somme_atlas["pdf"], 1, somme_atlas["out"])
    all_pixels = list(pixels(image))
    not_white = sum(1 for r, g, b in all_pixels if r + g + b < 740)
    assert not_white > 0.15 * len(all_pixels)
    x, y, width, height = (round(v / 25.4 * 50) for v in somme_atlas["map_mm"])
    in_map = list(pixels(image, (x + 2, y + 2, x + width - 2, y + height - 2)))
    blank = sum(1 for r, g, b in in_map if min(r, g, b) >= 248)  # paper white (or veiled white outside the territory)
    assert blank < 0.75 * len(in_map), (blank, len(in_map))  # the territory's communes are filled
    outline = sum(1 for r, g, b in in_map if r < 90 and g < 100 and b < 120)  # the territory's dark outline
    assert outline > 200, outline

    def near(pixel, colour, tolerance=45):
        return sum(abs(a - b) for a, b in zip(pixel, colour)) < tolerance

    markers = sum(1 for pixel in in_map if any(near(pixel, colour) for colour in MARKER_COLOURS))
    lieux = len(expected["lieux"][somme_atlas["order"][0]])
    assert lieux > 0
    assert markers >= 4 * lieux, (markers, lieux)


# ------------------------------------------------------------------------------------------------ other formats, levels, figures


def test_a3_landscape_template(atlas_project, demo_layers, background, tmp_path):
    from qgis.PyQt import sip

    layout = atlas.build_atlas(atlas_project, demo_layers["departements"], demo_layers["lieux"], "departement", "\"code\" = '80'",
                               ("A3", "paysage"), None, background, lieux_filter=PUBLISHED)
    pdf = tmp_path / "a3.pdf"
    assert atlas.export_atlas(layout, pdf) == 1
    sip.delete(layout)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape in points
    text = pdf_text(pdf, 1)
    assert "Somme (80)" in text and "page 1 / 1" in text


def test_departement_atlas_without_selection_has_five_pages(atlas_project, demo_layers, background, tmp_path):
    from qgis.PyQt import sip

    layout = atlas.build_atlas(atlas_project, demo_layers["departements"], demo_layers["lieux"], "département", None,
                               None, None, background)
    pdf = tmp_path / "departements.pdf"
    assert atlas.export_atlas(layout, pdf) == 5
    sip.delete(layout)
    assert pdf_pages(pdf) == 5
    titles = [pdf_text(pdf, page) for page in range(1, 6)]
    for name, code in (("Aisne", "02"), ("Nord", "59"), ("Oise", "60"), ("Pas-de-Calais", "62"), ("Somme", "80")):
        assert sum(f"{name} ({code})" in text for text in titles) == 1, name


def test_region_atlas_is_the_union_of_the_departements(atlas_project, demo_layers, background, tmp_path):
    from qgis.PyQt import sip

    layout = atlas.build_atlas(atlas_project, None, demo_layers["lieux"], "région", None, ("A4", "paysage"), None, background,
                               lieux_filter=PUBLISHED)
    pdf = tmp_path / "region.pdf"
    assert atlas.export_atlas(layout, pdf) == 1
    sip.delete(layout)
    flat = squash(pdf_text(pdf, 1))
    assert squash("Hauts-de-France") in flat
    published = sum(1 for f in demo_layers["lieux"].getFeatures() if f["hdf_statut"] == "publie")
    assert squash(f"{published} lieu(x) de médiation numérique") in flat


def test_long_lists_are_cut_with_the_number_of_other_lieux(atlas_project, demo_layers, background, expected, tmp_path):
    from qgis.PyQt import sip

    siren = next(s for s, e in expected["epci"].items() if e["nom"] == "Métropole Européenne de Lille")
    layout = atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", f"\"siren\" = '{siren}'",
                               ("A4", "paysage"), None, background, lieux_filter=PUBLISHED)
    limit = layout.itemById("liste").multiFrame().maximumNumberOfFeatures()
    pdf = tmp_path / "mel.pdf"
    assert atlas.export_atlas(layout, pdf) == 1  # one page per territory, even for 66 lieux
    sip.delete(layout)
    total = len(expected["lieux"][siren])
    assert total > limit
    text = pdf_text(pdf, 1)
    assert f"… et {total - limit} autres lieux" in text
    flat = squash(text)
    shown = sum(squash(row["nom"]) in flat for row in expected["lieux"][siren])
    assert limit <= shown < total  # (a few generic names occur twice)


def test_temps_acces_layer_gives_population_shares(atlas_project, demo_layers, background, expected, tmp_path):
    """A temps d'accès layer (communes with temps_min, population) adds the shares within 10/20/30 min."""
    from qgis.PyQt import sip

    from mednum.core.compat import make_field

    communes = demo_layers["communes"]
    access = QgsVectorLayer("MultiPolygon?crs=EPSG:2154", "Temps d'accès", "memory")
    access.dataProvider().addAttributes([make_field("code_insee", "string"), make_field("siren_epci", "string"),
                                         make_field("population", "number"), make_field("temps_min", "number")])
    access.updateFields()
    features = []
    for commune in communes.getFeatures("\"code_departement\" = '80'"):
        feature = QgsFeature(access.fields())
        feature.setGeometry(commune.geometry())
        minutes = int(commune["code_insee"][2:]) % 41  # 0…40 min, deterministic
        feature.setAttributes([commune["code_insee"], commune["siren_epci"], float(commune["population"] or 0), float(minutes)])
        features.append(feature)
    access.dataProvider().addFeatures(features)
    amiens = next(s for s, e in expected["epci"].items() if e["nom"] == "CA Amiens Métropole")
    layout = atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", f"\"siren\" = '{amiens}'",
                               None, access, background, lieux_filter=PUBLISHED)
    legend_layers = [node.layer().name() for node in layout.itemById("legende").model().rootGroup().findLayers()]
    pdf = tmp_path / "acces.pdf"
    assert atlas.export_atlas(layout, pdf) == 1
    sip.delete(layout)
    sip.delete(access)
    assert legend_layers == ["Lieux de médiation numérique", "Temps d'accès"]
    rows = [f for f in features if f["siren_epci"] == amiens]
    total = sum(f["population"] for f in rows)
    flat = squash(pdf_text(pdf, 1))
    assert squash("Part de la population à moins de") in flat
    for minutes in (10, 20, 30):
        share = 100.0 * sum(f["population"] for f in rows if f["temps_min"] <= minutes) / total
        assert squash(f"{minutes} min : {round(share)} %") in flat, (minutes, share)


def test_invalid_selection_and_missing_map_are_reported_in_french(atlas_project, demo_layers, background, tmp_path):
    with pytest.raises(ValueError, match="Aucun territoire"):
        atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", "\"nom\" = 'Atlantide'", None, None,
                          background)
    with pytest.raises(ValueError, match="champ\\(s\\) inconnu\\(s\\) code_region"):
        atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", "\"code_region\" = '32'", None, None,
                          background)
    with pytest.raises(ValueError, match="illisible"):
        atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", "\"nom\" = = 'x'", None, None,
                          background)
    broken = tmp_path / "sans-carte.qpt"
    broken.write_text(atlas.template_path().read_text(encoding="utf-8").replace('id="carte"', 'id="autre"'), encoding="utf-8")
    with pytest.raises(ValueError, match="carte"):
        atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", None, broken, None, background)


# ------------------------------------------------------------------------------------------------ cancel, restyled template, Processing


def test_cancel_stops_the_export_early(atlas_project, demo_layers, background, tmp_path):
    from qgis.PyQt import sip

    layout = atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", SOMME, None, None, background)
    feedback = QgsFeedback()
    seen = []

    def on_progress(value):
        seen.append(value)
        if value >= 10:
            feedback.cancel()

    feedback.progressChanged.connect(on_progress)
    pdf = tmp_path / "annule.pdf"
    with pytest.raises(atlas.AtlasCanceledError):
        atlas.export_atlas(layout, pdf, feedback)
    sip.delete(layout)
    assert not pdf.exists()
    assert len(seen) < 5  # stopped after 2 of 16 pages


def _set_title_font(label, family: str, size: float) -> None:
    from qgis.PyQt.QtGui import QFont

    font = QFont(family)
    font.setPointSizeF(size)
    if hasattr(label, "setTextFormat"):  # QGIS ≥ 3.24
        text_format = label.textFormat()
        text_format.setFont(font)
        text_format.setSize(size)
        label.setTextFormat(text_format)
    else:
        label.setFont(font)


def test_restyled_template_still_works(atlas_alg, atlas_project, demo_layers, expected, project_admin_layers, tmp_path):
    """An agent opens the template, changes the title font and moves the logo, saves it: the atlas still builds."""
    import processing
    from qgis.core import QgsLayoutPoint, QgsReadWriteContext
    from qgis.PyQt import sip

    layout = atlas.load_template(atlas_project, ("A4", "portrait"))
    _set_title_font(layout.itemById("titre"), "DejaVu Serif", 16)
    layout.itemById("logo").attemptMove(QgsLayoutPoint(5, 5))
    restyled = tmp_path / "mon-modele.qpt"
    assert layout.saveAsTemplate(str(restyled), QgsReadWriteContext())
    sip.delete(layout)
    assert "DejaVu Serif" in restyled.read_text(encoding="utf-8")
    pdf = tmp_path / "restyle.pdf"
    result = processing.run(atlas_alg, {"LIEUX": demo_layers["lieux"], "NIVEAU": 2, "SELECTION": SOMME, "MODELE": str(restyled),
                                        "FORMAT": 3, "OUTPUT": str(pdf)})
    assert result["NB_PAGES"] == len(expected["somme"]) == pdf_pages(pdf)
    assert result["OUTPUT"] == str(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSerif" in fonts.replace(" ", "")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595 x 842" in info  # the template's A4 portrait, not FORMAT's A3 landscape
    first = squash(pdf_text(pdf, 1))
    assert any(squash(f"{expected['epci'][siren]['nom']} (80)") in first for siren in expected["somme"])


def test_processing_algorithm(atlas_alg, demo_layers, project_admin_layers, tmp_path):
    import processing
    from qgis.core import QgsApplication

    from mednum.core.compat import FLAG_NO_THREADING

    algorithm = QgsApplication.processingRegistry().algorithmById(atlas_alg)
    assert algorithm.groupId() == "valorisation" and algorithm.group() == "Valorisation"
    assert algorithm.flags() & FLAG_NO_THREADING
    names = [parameter.name() for parameter in algorithm.parameterDefinitions()]
    assert names == ["LIEUX", "NIVEAU", "TERRITOIRES", "SELECTION", "FORMAT", "MODELE", "COUCHE_SUP", "PUBLIES_SEULEMENT", "OUTPUT"]
    assert [output.name() for output in algorithm.outputDefinitions()] == ["OUTPUT", "NB_PAGES"]
    pdf = tmp_path / "departements.pdf"
    result = processing.run(atlas_alg, {"LIEUX": demo_layers["lieux"], "NIVEAU": 1, "OUTPUT": str(pdf)})
    assert result["NB_PAGES"] == 5 == pdf_pages(pdf)
    published = sum(1 for f in demo_layers["lieux"].getFeatures("\"hdf_statut\" = 'publie' AND \"code_insee\" LIKE '80%'"))
    everything = sum(1 for f in demo_layers["lieux"].getFeatures("\"code_insee\" LIKE '80%'"))
    somme_page = next(p for p in range(1, 6) if "Somme (80)" in pdf_text(pdf, p))
    assert squash(f"{published} lieu(x)") in squash(pdf_text(pdf, somme_page))
    pdf_all = tmp_path / "tous.pdf"
    result = processing.run(atlas_alg, {"LIEUX": demo_layers["lieux"], "NIVEAU": 1, "SELECTION": "\"code\" = '80'",
                                        "PUBLIES_SEULEMENT": False, "FORMAT": 1, "OUTPUT": str(pdf_all)})
    assert result["NB_PAGES"] == 1
    assert squash(f"{everything} lieu(x)") in squash(pdf_text(pdf_all, 1))


def test_repeat_until_finished_template_adds_pages_and_counts_them(atlas_project, demo_layers, background, tmp_path):
    """Documented alternative: a full list spilling onto extra pages; the page count then exceeds the territories."""
    from qgis.core import QgsLayoutMultiFrame, QgsReadWriteContext
    from qgis.PyQt import sip

    layout = atlas.load_template(atlas_project, ("A4", "portrait"))
    table = layout.itemById("liste").multiFrame()
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished)
    table.setMaximumNumberOfFeatures(1000)
    template = tmp_path / "liste-complete.qpt"
    assert layout.saveAsTemplate(str(template), QgsReadWriteContext())
    sip.delete(layout)
    selection = "\"nom\" IN ('Métropole Européenne de Lille', 'CA Amiens Métropole')"
    layout = atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", selection, template, None, background,
                               lieux_filter=PUBLISHED)
    pdf = tmp_path / "complet.pdf"
    pages = atlas.export_atlas(layout, pdf)
    sip.delete(layout)
    assert pages == pdf_pages(pdf) > 2
    assert "… et" not in pdf_text(pdf, 1)


def test_refuses_to_run_off_the_main_thread(atlas_project, demo_layers, background):
    import threading

    errors: list[str] = []

    def build() -> None:
        try:
            atlas.build_atlas(atlas_project, demo_layers["epci"], demo_layers["lieux"], "epci", SOMME, None, None, background)
        except RuntimeError as error:
            errors.append(str(error))

    worker = threading.Thread(target=build)
    worker.start()
    worker.join()
    assert errors and "fil principal" in errors[0]
