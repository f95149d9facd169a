"""The algorithm ``mednum:annuaire`` run for real on a copy of the demo base: PDF read back with poppler, HTML parsed."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import shutil
import sqlite3
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest

from mednum.core.demo import DEMO_GPKG

TITLE = "Annuaire des lieux de médiation numérique"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
SCRIPT = "<script>alert(1)</script>"
QUOTES = "Le \"Café\" d'Amiens & co"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils absent")


def fr_key(text: str) -> str:
    """The test's own French order: accents and case ignored, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def page_text(path: Path, page: int, layout: bool = False) -> str:
    command = ["pdftotext", "-f", str(page), "-l", str(page)] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def expected_somme(gpkg: Path) -> list[tuple[str, str]]:
    """(commune, nom) of the published lieux of the Somme, in the annuaire's order."""
    with sqlite3.connect(gpkg) as db:
        rows = db.execute("SELECT commune, nom FROM lieux WHERE code_insee LIKE '80%' AND hdf_statut = 'publie'").fetchall()
    return sorted(rows, key=lambda r: (fr_key(r[0]), fr_key(r[1])))


class _Html(html.parser.HTMLParser):
    """Headings, anchors and links of the annuaire page."""

    def __init__(self):
        super().__init__()
        self.tags, self.stack = [], []
        self.h2, self.h3, self.ids, self.toc, self.hrefs, self.srcs = [], [], [], [], [], []
        self._text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
            if "nav" in self.stack:
                self.toc.append(attrs["href"])
        if "src" in attrs:
            self.srcs.append(attrs["src"])
        if tag in ("h2", "h3"):
            self._text = (tag, "main" in self.stack, [])
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._text:
            kind, in_main, parts = self._text
            if in_main:
                (self.h2 if kind == "h2" else self.h3).append("".join(parts))
            self._text = None
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data):
        if self._text:
            self._text[2].append(data)


def parse_html(text: str) -> _Html:
    parser = _Html()
    parser.feed(text)
    return parser


@pytest.fixture(scope="module")
def annuaire_alg(qgis_app):
    """``mednum:annuaire`` in the registry; the registry is left as found (the session's
    ``processing_ready`` is not used: created before test_plugin.py, it would be unregistered by it)."""
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    from mednum.processing.alg_annuaire import Annuaire
    from mednum.processing.provider import MednumProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    provider, own = registry.providerById("mednum"), False
    if provider is None:
        provider, own = MednumProvider(), True
        registry.addProvider(provider)
    added = registry.algorithmById("mednum:annuaire") is None
    if added:
        provider.addAlgorithm(Annuaire())
    yield "mednum:annuaire"
    if own:
        registry.removeProvider(provider)
    elif added:
        provider.refreshAlgorithms()


@pytest.fixture(scope="module")
def demo_copy(qgis_app, tmp_path_factory):
    """The lieux layer of a copy of the demo base (the shipped file is never written)."""
    from qgis.PyQt import sip

    from mednum.core.demo import demo_layer

    copy = tmp_path_factory.mktemp("annuaire") / "demo.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    lieux = demo_layer("lieux", copy)
    yield copy, lieux
    sip.delete(lieux)


@pytest.fixture(scope="module")
def somme(annuaire_alg, demo_copy, tmp_path_factory):
    """The annuaire of the published lieux of the Somme, PDF and HTML."""
    import processing

    gpkg, lieux = demo_copy
    out = tmp_path_factory.mktemp("somme")
    result = processing.run(annuaire_alg, {"LIEUX": lieux, "TERRITOIRE": "Somme", "COMMUNES": "80",
                                           "OUTPUT_PDF": str(out / "somme.pdf"), "OUTPUT_HTML": str(out / "somme.html")})
    pdf = Path(result["OUTPUT_PDF"])
    pages = pdf_pages(pdf)
    texts = {p: page_text(pdf, p) for p in range(1, pages + 1)}
    layouts = {p: page_text(pdf, p, layout=True) for p in range(1, pages + 1)}
    toc_pages = [p for p in range(2, pages + 1) if re.search(r"^\s*Sommaire\s*$", texts[p], re.MULTILINE)]
    return {"result": result, "pdf": pdf, "html": Path(result["OUTPUT_HTML"]).read_text(encoding="utf-8"),
            "pages": pages, "texts": texts, "layouts": layouts, "toc_pages": toc_pages, "expected": expected_somme(gpkg)}


def _content_lines(somme) -> list[str]:
    first = max(somme["toc_pages"]) + 1
    lines = []
    for page in range(first, somme["pages"] + 1):
        lines += [unicodedata.normalize("NFKC", line).strip() for line in somme["layouts"][page].splitlines()]
    return lines


def _toc(somme) -> dict[str, int]:
    """Commune → page number, read column by column (left column first), page by page."""
    entries = {}
    for page in somme["toc_pages"]:
        lines = somme["layouts"][page].splitlines()
        half = max(len(line) for line in lines) / 2
        columns: tuple[list, list] = ([], [])
        for line in lines:
            for match in re.finditer(r"(\S(?:.*?\S)??)\s{2,}(\d+)(?=\s{2,}|\s*$)", line):
                columns[match.start() >= half].append((unicodedata.normalize("NFKC", match.group(1)), int(match.group(2))))
        entries.update(columns[0] + columns[1])
    return entries


def _positions(lines: list[str], expected: list[tuple[str, str]]) -> tuple[list[int], list[int]]:
    """Line numbers of the commune headings and of the lieux, each searched after the previous one."""
    headings, lieux, position, current = [], [], -1, None
    for commune, nom in expected:
        if commune != current:
            position = lines.index(commune, position + 1)
            headings.append(position)
            current = commune
        position = lines.index(nom, position + 1)
        lieux.append(position)
    return headings, lieux


def test_algorithm_runs_on_the_main_thread_in_group_valorisation(annuaire_alg):
    from qgis.core import QgsApplication

    from mednum.core.compat import FLAG_NO_THREADING

    algorithm = QgsApplication.processingRegistry().algorithmById(annuaire_alg)
    assert algorithm.groupId() == "valorisation" and algorithm.group() == "Valorisation"
    assert algorithm.flags() & FLAG_NO_THREADING
    assert {"LIEUX", "TERRITOIRE", "FILTRE", "SERVICES", "LABELS", "PUBLIES_SEULEMENT", "OUTPUT_PDF", "OUTPUT_HTML"} <= {
        p.name() for p in algorithm.parameterDefinitions()}
    assert len(algorithm.parameterDefinition("SERVICES").options()) == 9
    labels = algorithm.parameterDefinition("LABELS").options()
    assert {"APTIC", "Pass numérique", "France Services", "Conseillers numériques"} <= set(labels)


def test_counts_and_cover(somme):
    expected = somme["expected"]
    result = somme["result"]
    assert result["NB_LIEUX"] == len(expected) == 48
    assert result["NB_COMMUNES"] == len({c for c, _ in expected})
    assert somme["pages"] == result["NB_PAGES"] >= 3
    cover = " ".join(somme["texts"][1].split())
    today = dt.date.today()
    date_fr = f"{'1er' if today.day == 1 else today.day} {MONTHS[today.month - 1]} {today.year}"
    assert TITLE in cover and "Somme" in cover and f"Édition du {date_fr}" in cover
    assert f"{len(expected)} lieux de médiation numérique dans {result['NB_COMMUNES']} communes" in cover
    assert "Lieux publiés uniquement" in cover


def test_communes_and_lieux_in_alphabetical_order(somme):
    lines = _content_lines(somme)
    expected = somme["expected"]
    communes = list(dict.fromkeys(c for c, _ in expected))
    assert communes.index("Dargnies") < communes.index("Éclusier-Vaux") < communes.index("Feuquières-en-Vimeu")
    assert communes.index("Laboissière-en-Santerre") < communes.index("Le Meillard") < communes.index("Longueau")
    headings, lieux = _positions(lines, expected)  # a heading, a lieu's name: a line of its own
    for commune, heading in zip(communes, headings):
        assert lines.index(commune) == heading, commune  # no earlier line is the commune's name
    for (commune, nom), position in zip(expected, lieux):
        index = communes.index(commune)
        following = headings[index + 1] if index + 1 < len(headings) else len(lines)
        assert headings[index] < position < following, (commune, nom)


def test_table_of_contents_gives_the_right_pages(somme):
    toc = _toc(somme)
    communes = list(dict.fromkeys(c for c, _ in somme["expected"]))
    assert set(toc) == set(communes)
    assert list(toc) == communes  # read column by column, page by page
    for commune in (communes[0], communes[len(communes) // 2], communes[-1]):
        page = toc[commune]
        assert commune in [line.strip() for line in page_text(somme["pdf"], page).splitlines()], commune
        assert commune not in [line.strip() for line in somme["texts"][page - 1].splitlines()] or page - 1 in somme["toc_pages"]
    numbers = [toc[c] for c in communes]
    assert numbers == sorted(numbers) and numbers[0] == max(somme["toc_pages"]) + 1 and numbers[-1] <= somme["pages"]


def test_every_page_is_numbered(somme):
    total = somme["pages"]
    for page, text in somme["texts"].items():
        assert f"Page {page} / {total}" in text


def test_a_content_page_is_not_blank(somme, tmp_path):
    from qgis.PyQt.QtGui import QImage

    page = max(somme["toc_pages"]) + 1
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(page), "-l", str(page), str(somme["pdf"]), str(tmp_path / "p")], check=True)
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    assert image.width() > 300 and image.height() > 450
    dark = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if image.pixelColor(x, y).lightness() < 200)
    assert dark > 0.01 * (image.width() * image.height() / 4)


def test_html_lists_the_same_lieux_in_the_same_order(somme):
    page = parse_html(somme["html"])
    expected = somme["expected"]
    assert page.h3 == [nom for _, nom in expected]
    assert page.h2 == list(dict.fromkeys(c for c, _ in expected))
    _positions(_content_lines(somme), expected)  # PDF order = HTML order (each found after the previous)
    assert page.toc == ["#" + i for i in page.ids if i.startswith("commune-")]
    assert len(page.ids) == len(set(page.ids))


def test_html_is_self_contained(somme):
    text = somme["html"]
    page = parse_html(text)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.srcs == [] and "@import" not in text and "url(" not in text
    assert all(h.startswith(("#", "mailto:", "tel:", "http://", "https://")) for h in page.hrefs)
    assert not [h for h in page.hrefs if re.search(r"\.(css|js)(\?|$)", h)]
    assert "<style>" in text and '<meta charset="utf-8">' in text


def test_filters_of_the_algorithm(annuaire_alg, demo_copy, tmp_path):
    import processing

    gpkg, lieux = demo_copy
    with sqlite3.connect(gpkg) as db:
        aptic = db.execute("SELECT count(*) FROM lieux WHERE hdf_statut = 'publie' AND hdf_aptic").fetchone()[0]
        everything = db.execute("SELECT count(*) FROM lieux WHERE code_insee LIKE '80%'").fetchone()[0]
        demarches = db.execute("SELECT count(*) FROM lieux WHERE hdf_statut = 'publie' AND code_insee LIKE '80%' "
                               "AND services LIKE '%Aide aux démarches administratives%'").fetchone()[0]
    from mednum.processing.alg_annuaire import service_choices

    result = processing.run(annuaire_alg, {"LIEUX": lieux, "LABELS": [0], "OUTPUT_HTML": str(tmp_path / "aptic.html"),
                                           "OUTPUT_PDF": None})
    assert result["NB_LIEUX"] == aptic > 0 and result["NB_PAGES"] == 0
    result = processing.run(annuaire_alg, {"LIEUX": lieux, "FILTRE": "\"code_insee\" LIKE '80%'", "PUBLIES_SEULEMENT": False,
                                           "OUTPUT_HTML": str(tmp_path / "tous.html"), "OUTPUT_PDF": None})
    assert result["NB_LIEUX"] == everything
    service = service_choices().index("Aide aux démarches administratives")
    result = processing.run(annuaire_alg, {"LIEUX": lieux, "COMMUNES": "80", "SERVICES": [service],
                                           "OUTPUT_HTML": str(tmp_path / "demarches.html"), "OUTPUT_PDF": None})
    assert result["NB_LIEUX"] == demarches > 0
    assert "Services : Aide aux démarches administratives" in (tmp_path / "demarches.html").read_text(encoding="utf-8")


def test_a_script_in_a_name_is_printed_as_text(annuaire_alg, demo_copy, tmp_path):
    import processing
    from qgis.core import QgsFeatureRequest
    from qgis.PyQt import sip

    _gpkg, lieux = demo_copy
    memory = lieux.materialize(QgsFeatureRequest().setFilterExpression("\"code_insee\" = '80021' AND \"hdf_statut\" = 'publie'"))
    try:
        ids = [f.id() for f in memory.getFeatures()]
        nom = memory.fields().indexFromName("nom")
        adresse = memory.fields().indexFromName("adresse")
        assert memory.startEditing()
        memory.changeAttributeValue(ids[0], nom, SCRIPT)
        memory.changeAttributeValue(ids[1], nom, QUOTES)
        memory.changeAttributeValue(ids[1], adresse, "<b>1</b> rue \"des Quais\"")
        assert memory.commitChanges()
        result = processing.run(annuaire_alg, {"LIEUX": memory, "TERRITOIRE": "Amiens <i>", "OUTPUT_PDF": str(tmp_path / "a.pdf"),
                                               "OUTPUT_HTML": str(tmp_path / "a.html")})
    finally:
        sip.delete(memory)
    text = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Le &quot;Café&quot; d&#x27;Amiens &amp; co" in text and "&lt;b&gt;1&lt;/b&gt; rue &quot;des Quais&quot;" in text
    assert "<i>" not in text and "Amiens &lt;i&gt;" in text
    pdf_text = subprocess.run(["pdftotext", "-layout", str(result["OUTPUT_PDF"]), "-"], capture_output=True, text=True,
                              check=True).stdout
    lines = [line.strip() for line in pdf_text.splitlines()]
    assert SCRIPT in lines and QUOTES in lines and "Amiens <i>" in pdf_text


def test_pdf_refuses_to_paint_off_the_main_thread(tmp_path):
    from mednum.core.annuaire import render_pdf

    errors = []

    def paint():
        try:
            render_pdf([], str(tmp_path / "x.pdf"), TITLE, "Somme")
        except RuntimeError as error:
            errors.append(str(error))

    worker = threading.Thread(target=paint)
    worker.start()
    worker.join()
    assert errors and "fil principal" in errors[0]
    assert not (tmp_path / "x.pdf").exists()


def test_cancelling_the_pdf_leaves_no_file(demo_copy, tmp_path):
    from qgis.core import QgsFeedback

    from mednum.core.annuaire import Options, collect, render_pdf
    from mednum.core.layer import FeatureConverter

    _gpkg, lieux = demo_copy
    converter = FeatureConverter(lieux.fields())
    groups = collect([converter.row(f) for f in lieux.getFeatures()], Options())
    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda progress: feedback.cancel() if progress >= 60 else None)
    assert render_pdf(groups, str(tmp_path / "annule.pdf"), TITLE, "Hauts-de-France", feedback=feedback) == 0
    assert feedback.isCanceled() and not (tmp_path / "annule.pdf").exists()
    pages = render_pdf(groups, str(tmp_path / "complet.pdf"), TITLE, "Hauts-de-France", feedback=QgsFeedback())
    assert pages == pdf_pages(tmp_path / "complet.pdf") > 50
