"""The real lieu form (QgsAttributeForm) on a copy of the demo base: widgets in, standard strings out."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer
from qgis.gui import QgsAttributeEditorContext, QgsAttributeForm, QgsEditorWidgetWrapper, QgsGui
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QLineEdit, QTabWidget

from mednum.core.demo import DEMO_GPKG
from mednum.core.editing import configure_fields, feature_row
from mednum.core.schema import load_model
from mednum.core.validation import ERROR, Validator

SERVICES_CHOSEN = ["Maîtrise des outils numériques du quotidien", "Aide aux démarches administratives"]


@pytest.fixture
def lieux(tmp_path, qgis_app):
    QgsGui.editorWidgetRegistry().initEditors()
    from mednum.ui.form_widgets import register_widgets

    register_widgets()
    copy = tmp_path / "base.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    layer = QgsVectorLayer(f"{copy}|layername=lieux", "lieux", "ogr")
    assert layer.isValid()
    configure_fields(layer)
    yield layer, copy
    from qgis.PyQt import sip

    for form in FORMS:  # forms (and the plugin's Python widgets) go before the layer and QGIS
        if not sip.isdeleted(form):
            sip.delete(form)
    FORMS.clear()
    if layer.isEditable():
        layer.rollBack()
    sip.delete(layer)  # not left to the garbage collector after QGIS has exited


FORMS: list = []


def open_form(layer, fid):
    layer.startEditing()
    form = QgsAttributeForm(layer, layer.getFeature(fid), QgsAttributeEditorContext())
    form.setMode(QgsAttributeEditorContext.Mode.SingleEditMode if hasattr(QgsAttributeEditorContext, "Mode")
                 else QgsAttributeEditorContext.SingleEditMode)
    wrappers = {w.field().name(): w for w in form.findChildren(QgsEditorWidgetWrapper) if w.fieldIdx() >= 0}
    FORMS.append(form)
    return form, wrappers


def stored(path: Path, lieu_id: str) -> dict:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM lieux WHERE id = ?", (lieu_id,)).fetchone())
    finally:
        con.close()


def test_form_has_the_tabs_of_the_model_in_order(lieux):
    layer, _ = lieux
    form, _ = open_form(layer, 1)
    tabs = form.findChildren(QTabWidget)[0]
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == [label for _id, label in load_model().groups]
    assert layer.fields().field("nom").alias() == load_model().field("nom").title


def test_widgets_write_exactly_the_standard_strings(lieux):
    layer, path = lieux
    feature = layer.getFeature(1)
    form, wrappers = open_form(layer, 1)
    assert type(wrappers["services"]).__name__ == "MultiCheckWrapper"
    assert type(wrappers["horaires"]).__name__ == "HoursWrapper"
    for automatic in ("id", "date_maj", "hdf_version"):
        widget = wrappers[automatic].widget()
        assert layer.editFormConfig().readOnly(layer.fields().indexFromName(automatic))
        assert not widget.isEnabled() or widget.isReadOnly(), automatic

    services = wrappers["services"].list
    for i in range(services.count()):
        item = services.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in SERVICES_CHOSEN else Qt.CheckState.Unchecked)
    statut = wrappers["hdf_statut"].widget()
    assert isinstance(statut, QComboBox)
    statut.setCurrentIndex(statut.findText("À valider"))
    name = wrappers["nom"].widget()
    assert isinstance(name, QLineEdit)
    name.setText("Médiathèque « L'Îlot » — espace numérique")
    aptic = wrappers["hdf_aptic"].widget().findChild(QCheckBox) or wrappers["hdf_aptic"].widget()
    aptic.setChecked(True)
    wrappers["telephone"].widget().setText("+33322334455")
    hours = wrappers["horaires"].widget()
    hours.setValue("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off")

    assert form.save()
    assert layer.commitChanges(), layer.commitErrors()
    row = stored(path, feature["id"])
    # the standard's order, |-joined, verbatim — whatever order the boxes were ticked in
    order = load_model().field("services").enum
    assert row["services"] == "|".join(sorted(SERVICES_CHOSEN, key=order.index))
    assert row["services"] == "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien"
    assert row["hdf_statut"] == "a_valider"
    assert row["nom"] == "Médiathèque « L'Îlot » — espace numérique"
    assert row["hdf_aptic"] == 1
    assert row["horaires"] == "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"
    assert row["telephone"] == "+33322334455"
    from datetime import date

    assert row["date_maj"] == date.today().isoformat()  # set automatically on save
    saved = feature_row(next(layer.getFeatures(f"\"id\" = '{feature['id']}'")))
    issues = [i for i in Validator().validate_row(saved, 2) if i.severity == ERROR]
    assert issues == []


def test_unknown_values_are_kept_and_an_untouched_form_changes_nothing(lieux):
    layer, path = lieux
    feature = layer.getFeature(2)
    layer.startEditing()
    odd = "Aide aux démarches administratives|Valeur d'un ancien fichier"
    layer.changeAttributeValue(2, layer.fields().indexFromName("services"), odd)
    assert layer.commitChanges()
    form, wrappers = open_form(layer, 2)
    services = wrappers["services"].list
    texts = [services.item(i).data(Qt.ItemDataRole.UserRole) for i in range(services.count())]
    assert "Valeur d'un ancien fichier" in texts
    assert wrappers["services"].value() == odd
    assert form.save()
    assert layer.commitChanges()
    assert stored(path, feature["id"])["services"] == odd


def test_hard_constraint_blocks_an_invalid_pivot_soft_one_only_warns(lieux):
    layer, _ = lieux
    form, wrappers = open_form(layer, 3)
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    ok = form.findChildren(QDialogButtonBox)[0].button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    wrappers["pivot"].widget().setText("123")
    wrappers["pivot"].emitValueChanged()
    assert not ok.isEnabled()  # the SIRET/RNA pattern is a hard constraint: the agent cannot validate the form
    wrappers["pivot"].widget().setText("00000000000000")
    wrappers["pivot"].emitValueChanged()
    assert ok.isEnabled()
    services = wrappers["services"].list
    for i in range(services.count()):
        services.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert form.save()  # « services » empty: a soft constraint
    feature = layer.getFeature(3)
    assert feature["pivot"] == "00000000000000" and not feature["services"]


def test_long_checklists_can_be_filtered(lieux):
    layer, _ = lieux
    _form, wrappers = open_form(layer, 1)
    typologie = wrappers["typologie"]
    assert typologie.list.count() == 92 and not typologie.filter.isHidden()
    assert wrappers["itinerance"].filter.isHidden()
    typologie.filter.setText("mediatheque")
    visible = [typologie.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(typologie.list.count())
               if not typologie.list.item(i).isHidden()]
    assert "BIB" in visible and len(visible) <= 1 + len(str(layer.getFeature(1)["typologie"]).split("|"))


def test_completeness_virtual_field(lieux):
    layer, _ = lieux
    from mednum.core.completeness import completeness

    for feature in list(layer.getFeatures())[:20]:
        assert feature["completude"] == completeness(feature_row(feature))
