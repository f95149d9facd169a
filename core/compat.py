"""Every QGIS/Qt version difference the plugin relies on, in one place (QGIS 3.22 → 4.x).

Qt is reached only through ``qgis.PyQt``; enums are always scoped. When QGIS 3.22 support
ends, the fallbacks below go and nothing else changes.
"""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsEditFormConfig,
    QgsFeatureSink,
    QgsField,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT if hasattr(Qgis, "QGIS_VERSION_INT") else Qgis.versionInt()

#: QgsField takes QMetaType.Type from QGIS 3.38 (and only that in QGIS 4); QVariant.Type before.
_USE_METATYPE = QGIS_VERSION_INT >= 33800

_TYPES = {
    "string": ("QString", "String"),
    "number": ("Double", "Double"),
    "integer": ("LongLong", "LongLong"),
    "boolean": ("Bool", "Bool"),
    "date": ("QDate", "Date"),
    "datetime": ("QDateTime", "DateTime"),
}


def field_type(kind: str):
    """The Qt type of a model type name, as QgsField wants it on this QGIS."""
    metatype_name, variant_name = _TYPES[kind]
    if _USE_METATYPE:
        return getattr(QMetaType.Type, metatype_name)
    return getattr(QVariant, variant_name)


def make_field(name: str, kind: str, comment: str = "") -> QgsField:
    """A QgsField of the given model type."""
    qfield = QgsField(name, field_type(kind))
    if comment:
        qfield.setComment(comment)
    return qfield


def _scoped(new_path: tuple[object, str, str], old_owner: object, old_name: str):
    owner, enum_name, member = new_path
    enum = getattr(owner, enum_name, None)
    if enum is not None and hasattr(enum, member):
        return getattr(enum, member)
    return getattr(old_owner, old_name)


#: Processing source type "any vector layer, with or without geometry".
SOURCE_VECTOR_ANY = _scoped((Qgis, "ProcessingSourceType", "Vector"), QgsProcessing, "TypeVector")
#: Processing source type "point layer".
SOURCE_VECTOR_POINT = _scoped((Qgis, "ProcessingSourceType", "VectorPoint"), QgsProcessing, "TypeVectorPoint")
#: Processing source types by geometry.
SOURCE_VECTOR_LINE = _scoped((Qgis, "ProcessingSourceType", "VectorLine"), QgsProcessing, "TypeVectorLine")
SOURCE_VECTOR_POLYGON = _scoped((Qgis, "ProcessingSourceType", "VectorPolygon"), QgsProcessing, "TypeVectorPolygon")
SOURCE_VECTOR_ANY_GEOMETRY = _scoped((Qgis, "ProcessingSourceType", "VectorAnyGeometry"), QgsProcessing, "TypeVectorAnyGeometry")
#: Processing parameter types and flags.
NUMBER_DOUBLE = _scoped((Qgis, "ProcessingNumberParameterType", "Double"), QgsProcessingParameterNumber, "Double")
NUMBER_INTEGER = _scoped((Qgis, "ProcessingNumberParameterType", "Integer"), QgsProcessingParameterNumber, "Integer")
DATETIME_DATE = _scoped((Qgis, "ProcessingDateTimeParameterDataType", "Date"), QgsProcessingParameterDateTime, "Date")
PARAMETER_ADVANCED = _scoped((Qgis, "ProcessingParameterFlag", "Advanced"), QgsProcessingParameterDefinition, "FlagAdvanced")
#: Algorithm flag: run on the main thread (layouts).
FLAG_NO_THREADING = _scoped((Qgis, "ProcessingAlgorithmFlag", "NoThreading"), QgsProcessingAlgorithm, "FlagNoThreading")
#: Geometry type of a table without geometry.
WKB_NO_GEOMETRY = _scoped((Qgis, "WkbType", "NoGeometry"), QgsWkbTypes, "NoGeometry")
#: Drag-and-drop (tabbed) form layout.
FORM_TABS_LAYOUT = _scoped((Qgis, "AttributeFormLayout", "DragAndDrop"), getattr(QgsEditFormConfig, "EditorLayout", QgsEditFormConfig),
                           "TabLayout")
#: Data-defined « editable » property of a form field (QGIS ≥ 3.30; None before).
FIELD_EDITABLE_PROPERTY = getattr(getattr(QgsEditFormConfig, "DataDefinedProperty", None), "Editable", None) \
    if hasattr(QgsEditFormConfig, "setDataDefinedFieldProperties") else None
WKB_POINT = _scoped((Qgis, "WkbType", "Point"), QgsWkbTypes, "Point")
WKB_MULTIPOLYGON = _scoped((Qgis, "WkbType", "MultiPolygon"), QgsWkbTypes, "MultiPolygon")
#: Sink flag for bulk inserts.
FAST_INSERT = _scoped((QgsFeatureSink, "Flag", "FastInsert"), QgsFeatureSink, "FastInsert")
#: Message levels.
MSG_INFO = Qgis.MessageLevel.Info if hasattr(Qgis, "MessageLevel") else Qgis.Info
MSG_WARNING = Qgis.MessageLevel.Warning if hasattr(Qgis, "MessageLevel") else Qgis.Warning
MSG_CRITICAL = Qgis.MessageLevel.Critical if hasattr(Qgis, "MessageLevel") else Qgis.Critical
MSG_SUCCESS = Qgis.MessageLevel.Success if hasattr(Qgis, "MessageLevel") else Qgis.Success


def is_null(value) -> bool:
    """True for None, QVariant NULL (QGIS 3) and invalid QVariants."""
    if value is None:
        return True
    if isinstance(value, QVariant):
        return value.isNull()
    return False


def python_action_type():
    """The « generic Python » attribute action type (moved to Qgis.AttributeActionType in 3.30)."""
    if hasattr(Qgis, "AttributeActionType"):
        return Qgis.AttributeActionType.GenericPython
    from qgis.core import QgsAction

    return QgsAction.ActionType.GenericPython


def make_tab(container) -> None:
    """A form container shown as a tab (``setType`` since QGIS 3.32, ``setIsGroupBox(False)`` before)."""
    if hasattr(container, "setType") and hasattr(Qgis, "AttributeEditorContainerType"):
        container.setType(Qgis.AttributeEditorContainerType.Tab)
    else:
        container.setIsGroupBox(False)
