"""Lieux as QGIS features: fields derived from the model, and row <-> feature conversion.

A *row* is the plugin's neutral form of a lieu: ``dict[str, str]`` keyed by model field
names, values as the standard writes them (``""`` when empty). In a layer the position is
the point geometry; ``latitude``/``longitude`` are derived from it (WGS84).
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt

from .compat import is_null, make_field
from .i18n import tr
from .schema import FieldSpec, Model, load_model

WGS84 = "EPSG:4326"
LAMBERT93 = "EPSG:2154"
COORD_DECIMALS = 6


def layer_field_specs(model: Optional[Model] = None, include_extension: bool = True) -> list[FieldSpec]:
    """Model fields stored as attributes (the position lives in the geometry)."""
    model = model or load_model()
    return [f for f in model.fields if not f.geometry and (include_extension or f.standard)]


def qgs_fields(model: Optional[Model] = None, include_extension: bool = True) -> QgsFields:
    """QgsFields of a lieux layer, in model order."""
    fields = QgsFields()
    for spec in layer_field_specs(model, include_extension):
        fields.append(make_field(spec.name, spec.type, spec.title))
    return fields


def to_attribute(spec: FieldSpec, text: str):
    """A row value (text) as the attribute value of a typed field (None when empty/invalid)."""
    text = (text or "").strip()
    if not text:
        return None
    if spec.type == "date":
        value = QDate.fromString(text, Qt.DateFormat.ISODate)
        return value if value.isValid() else text
    if spec.type == "datetime":
        value = QDateTime.fromString(text, Qt.DateFormat.ISODate)
        return value if value.isValid() else None
    if spec.type == "boolean":
        return text.lower() in ("true", "1", "oui", "vrai", "yes")
    if spec.type == "integer":
        try:
            return int(text)
        except ValueError:
            return None
    return text


def to_text(spec: FieldSpec, value) -> str:
    """An attribute value as the text a row holds."""
    if is_null(value):
        return ""
    if isinstance(value, QDate):
        return value.toString(Qt.DateFormat.ISODate) if value.isValid() else ""
    if isinstance(value, QDateTime):
        return value.toString(Qt.DateFormat.ISODate) if value.isValid() else ""
    if spec.type == "boolean" or isinstance(value, bool):
        if isinstance(value, str):
            return "true" if value.strip().lower() in ("true", "1", "oui", "vrai", "yes") else "false"
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and spec.type in ("integer", "string"):
        return str(int(value))
    return str(value)


def _format_coord(value: float) -> str:
    return f"{value:.{COORD_DECIMALS}f}".rstrip("0").rstrip(".")


class FeatureConverter:
    """Converts features of one layer (any CRS, any subset of model fields) to rows and back."""

    def __init__(self, layer_fields: QgsFields, crs: Optional[QgsCoordinateReferenceSystem] = None,
                 model: Optional[Model] = None):
        self.model = model or load_model()
        self.fields = layer_fields
        self.names = [f.name() for f in layer_fields]
        self.crs = crs if crs is not None and crs.isValid() else None
        wgs84 = QgsCoordinateReferenceSystem(WGS84)
        context = QgsProject.instance().transformContext()
        self._to_wgs84 = QgsCoordinateTransform(self.crs, wgs84, context) if self.crs else None
        self._from_wgs84 = QgsCoordinateTransform(wgs84, self.crs, context) if self.crs else None

    def row(self, feature: QgsFeature) -> dict[str, str]:
        """The lieu of a feature as a row (every model field present)."""
        row = {spec.name: "" for spec in self.model.fields}
        attributes = feature.attributes()
        for index, name in enumerate(self.names):
            if self.model.has_field(name):
                row[name] = to_text(self.model.field(name), attributes[index])
        geometry = feature.geometry()
        if self._to_wgs84 is not None and geometry is not None and not geometry.isEmpty():
            point = QgsGeometry(geometry)
            point.transform(self._to_wgs84)
            xy = point.centroid().asPoint()
            row["longitude"], row["latitude"] = _format_coord(xy.x()), _format_coord(xy.y())
        return row

    def feature(self, row: dict[str, str]) -> QgsFeature:
        """A feature of this layer from a row (geometry from latitude/longitude when present)."""
        feature = QgsFeature(self.fields)
        for index, name in enumerate(self.names):
            if self.model.has_field(name):
                feature.setAttribute(index, to_attribute(self.model.field(name), row.get(name, "")))
        try:
            lon, lat = float(row.get("longitude") or ""), float(row.get("latitude") or "")
        except ValueError:
            return feature
        if self._from_wgs84 is not None:
            geometry = QgsGeometry.fromPointXY(QgsPointXY(lon, lat))
            geometry.transform(self._from_wgs84)
            feature.setGeometry(geometry)
        return feature


def layer_rows(layer: QgsVectorLayer, feedback=None) -> Iterator[tuple[QgsFeature, dict[str, str]]]:
    """Each feature of a layer with its row; a layer without geometry keeps its lat/lon fields."""
    converter = FeatureConverter(layer.fields(), layer.crs() if layer.isSpatial() else None)
    for feature in layer.getFeatures():
        if feedback is not None and feedback.isCanceled():
            return
        yield feature, converter.row(feature)


def memory_layer(rows: Iterable[dict[str, str]], name: str = "lieux", crs: str = LAMBERT93) -> QgsVectorLayer:
    """An in-memory point layer of lieux with the model's fields."""
    layer = QgsVectorLayer(f"Point?crs={crs}", name, "memory")
    layer.dataProvider().addAttributes(qgs_fields().toList())
    layer.updateFields()
    converter = FeatureConverter(layer.fields(), layer.crs())
    features = [converter.feature(row) for row in rows]
    added, _ = layer.dataProvider().addFeatures(features)
    if not added or layer.featureCount() != len(features):
        raise ValueError(tr("{n} lieu(x) n'ont pas pu être chargés dans la couche (valeur incompatible avec le type d'un champ) : {erreurs}").format(
            n=len(features) - layer.featureCount(), erreurs="; ".join(layer.dataProvider().errors())))
    layer.updateExtents()
    return layer
