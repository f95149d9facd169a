"""Lieux as QGIS features: fields from the model, row <-> feature round trip."""

from __future__ import annotations

import csv

from helpers import DATA
from qgis.core import QgsVectorLayer

from mednum.core.compat import field_type
from mednum.core.layer import FeatureConverter, layer_field_specs, layer_rows, memory_layer, qgs_fields
from mednum.core.schema import load_model
from mednum.core.validation import validate_rows


def _example_rows():
    with open(DATA / "exemple-valide.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_qgs_fields_follow_the_model(qgis_app):
    model = load_model()
    fields = qgs_fields()
    expected = [f.name for f in model.fields if f.name not in ("latitude", "longitude")]
    assert fields.names() == expected
    assert fields.field("date_maj").isDateOrTime()
    for spec in layer_field_specs():
        assert int(fields.field(spec.name).type()) == int(field_type(spec.type)), spec.name
    assert all(fields.field(s.name).comment() == s.title for s in layer_field_specs())


def test_row_feature_row_round_trip_keeps_every_value(qgis_app):
    model = load_model()
    rows = []
    for row in _example_rows():
        full = {spec.name: row.get(spec.name, "") for spec in model.fields}
        full.update(hdf_statut="publie", hdf_aptic="true", hdf_pass_numerique="false", hdf_version="3",
                    hdf_date_modification="2026-11-02T10:15:00", hdf_id_externes="siilab:12|ban:51454_0001_00012")
        rows.append(full)
    layer = memory_layer(rows)
    assert layer.isValid() and layer.featureCount() == 1
    back = [row for _feature, row in layer_rows(layer)]
    assert back == rows
    assert validate_rows(back).errors == []


def test_layer_without_geometry_keeps_its_coordinates(qgis_app, tmp_path):
    layer = QgsVectorLayer("None", "table", "memory")
    layer.dataProvider().addAttributes(qgs_fields().toList())
    layer.updateFields()
    converter = FeatureConverter(layer.fields(), None)
    row = dict(_example_rows()[0])
    feature = converter.feature(row)
    assert not feature.hasGeometry()
    assert converter.row(feature)["nom"] == "Anonymal"


def test_memory_layer_refuses_to_drop_a_lieu_silently(qgis_app):
    import pytest

    row = {spec.name: "" for spec in load_model().fields}
    row.update(id="x", nom="Lieu à date impossible", date_maj="2024-13-40")
    with pytest.raises(ValueError, match="n'ont pas pu être chargés"):
        memory_layer([row])
