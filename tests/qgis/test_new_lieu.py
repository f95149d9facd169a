"""« Nouveau lieu »: the address comes from the geocoder (local replay), a look-alike is flagged; the fiche."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geocoder_replay import start_geocoder_replay  # noqa: E402

from mednum.core.demo import DEMO_GPKG  # noqa: E402
from mednum.core.editing import configure_fields  # noqa: E402
from mednum.core.geocoder import search  # noqa: E402
from mednum.ui.new_lieu_dialog import NewLieuDialog  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "geocodage"


@pytest.fixture
def lieux_copy(tmp_path, qgis_app):
    copy = tmp_path / "base.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    lieux = QgsVectorLayer(f"{copy}|layername=lieux", "lieux", "ogr")
    configure_fields(lieux)
    yield lieux
    from qgis.PyQt import sip

    if lieux.isEditable():
        lieux.rollBack()
    sip.delete(lieux)


@pytest.fixture
def replay(tmp_path, fresh_network):
    server = start_geocoder_replay(tmp_path / "geocodage")
    yield server
    server.stop()


def first_match() -> dict:
    return json.loads((FIXTURES / "search-plusieurs.json").read_text("utf-8"))["features"][0]["properties"]


def test_address_fills_the_new_lieu_and_a_look_alike_is_flagged(lieux_copy, replay):
    layer = lieux_copy
    expected = first_match()
    twin = QgsFeature(layer.fields())
    twin.setAttributes([None] * layer.fields().count())
    for name, value in {"id": "twin", "nom": "Espace numérique République", "code_insee": "80021",
                        "adresse": "10 rue de la République", "commune": "Amiens"}.items():
        twin[name] = value
    twin.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(expected["x"] + 4, expected["y"] + 3)))
    assert layer.dataProvider().addFeatures([twin])[0]

    dialog = NewLieuDialog(layer, lambda text: search(text, base_url=replay.base_url))
    dialog.address.setText("10 rue de la république amiens")
    dialog.run_search()
    assert dialog.results.count() == 5
    assert dialog.match.label == expected["label"]
    assert dialog.create_button.isEnabled()
    assert "Espace numérique République" in dialog.duplicates.text() and "à 5 m" in dialog.duplicates.text()

    feature = dialog.new_feature()
    assert feature["adresse"] == "10 Rue de la République"
    assert (feature["commune"], feature["code_postal"], feature["code_insee"]) == ("Amiens", "80000", "80021")
    point = feature.geometry().asPoint()
    assert abs(point.x() - expected["x"]) < 0.01 and abs(point.y() - expected["y"]) < 0.01
    assert len(feature["id"]) == 36 and feature["hdf_statut"] == "brouillon" and feature["pivot"] == "00000000000000"
    assert replay.requests()[0].param("q") == "10 rue de la république amiens"


def test_no_match_and_server_error_are_said_in_french(lieux_copy, replay, tmp_path):
    layer = lieux_copy
    dialog = NewLieuDialog(layer, lambda text: search(text, base_url=replay.base_url))
    dialog.address.setText("adresse qui n'existe pas")
    dialog.run_search()
    assert dialog.results.count() == 0 and not dialog.create_button.isEnabled()
    assert "Aucune adresse trouvée pour « adresse qui n'existe pas »" in dialog.status.text()

    broken = start_geocoder_replay(tmp_path / "en-panne", mode="error500")
    try:
        dialog.search = lambda text: search(text, base_url=broken.base_url)
        dialog.address.setText("10 rue de la république amiens")
        dialog.run_search()
        assert "127.0.0.1" in dialog.status.text() and "HTTP 500" in dialog.status.text()
        assert not dialog.create_button.isEnabled()
    finally:
        broken.stop()


def test_fiche_dialog_shows_and_saves_the_lieu(lieux_copy, tmp_path):
    layer = lieux_copy
    from mednum.core.editing import feature_row
    from mednum.ui.fiche_dialog import FicheDialog, install_fiche_action

    feature = next(layer.getFeatures())
    dialog = FicheDialog(feature_row(feature))
    assert feature["nom"] in dialog.browser.toPlainText()
    assert "Cette fiche est remplie à" in dialog.browser.toPlainText()
    path = dialog.save_html(str(tmp_path / "fiche.html"))
    assert Path(path).read_text("utf-8") == dialog.html
    install_fiche_action(layer)
    install_fiche_action(layer)
    assert [a.name() for a in layer.actions().actions()].count("Fiche du lieu") == 1


def test_moving_a_lieu_offers_its_new_address(lieux_copy, replay, qgis_iface):
    from mednum.core.geocoder import reverse
    from mednum.ui.lieu_watcher import LieuWatcher

    layer = lieux_copy
    watcher = LieuWatcher(qgis_iface, layer, lambda x, y: reverse(x, y, base_url=replay.base_url))
    feature = next(layer.getFeatures("\"code_insee\" LIKE '62%'"))
    layer.startEditing()
    assert layer.changeGeometry(feature.id(), QgsGeometry.fromPointXY(QgsPointXY(684130, 7021420)))
    assert watcher.proposals[feature.id()].label == "7 Place des Héros 62000 Arras"
    assert watcher.apply_address(feature.id())
    moved = layer.getFeature(feature.id())
    assert (moved["adresse"], moved["commune"], moved["code_postal"], moved["code_insee"]) == (
        "7 Place des Héros", "Arras", "62000", "62041")
    assert any(r.path.endswith("/reverse") for r in replay.requests())


def test_a_digitised_look_alike_is_flagged(lieux_copy, qgis_iface):
    from mednum.core.compat import MSG_WARNING
    from mednum.ui.lieu_watcher import LieuWatcher

    layer = lieux_copy
    watcher = LieuWatcher(qgis_iface, layer, lambda x, y: [])
    existing = next(layer.getFeatures())
    layer.startEditing()
    copy = QgsFeature(existing)
    copy["id"] = "copie"
    copy["nom"] = existing["nom"].upper()
    point = existing.geometry().asPoint()
    copy.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(point.x() + 3, point.y())))
    qgis_iface.messageBar().clear_messages()
    assert layer.addFeature(copy)
    assert [c.lieu_id for c in watcher.last_candidates][:1] == [existing["id"]]
    assert any(existing["nom"] in m for m in qgis_iface.messageBar().get_messages(MSG_WARNING))


def test_relocating_moves_the_point_and_fills_the_address(lieux_copy, replay):
    from mednum.ui.new_lieu_dialog import apply_match

    layer = lieux_copy
    match = search("1 place de l'hôtel de ville saint-quentin", base_url=replay.base_url)[0]
    fid = next(layer.getFeatures()).id()
    assert apply_match(layer, fid, match)
    moved = layer.getFeature(fid)
    assert moved["commune"] == match.city and moved["code_insee"] == match.citycode
    assert moved.geometry().asPoint().distance(QgsPointXY(match.x, match.y)) < 0.01
