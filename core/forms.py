"""The lieu form, generated from the data model (nothing retyped): tabs, widgets, constraints.

* one tab per group of ``resources/schema/mednum.json`` (Identité, Adresse et localisation,
  Contact, Horaires, Offre de services, Dispositifs et labels, Présentation, Suivi);
* French labels (field titles) as aliases;
* multi-valued enumerations: the plugin's checklist widget (``MednumMulti``) storing the
  standard's values ``|``-joined, verbatim; single enumerations: a value map with labels;
  ``horaires``: the plugin's weekly grid (``MednumHoraires``); booleans: check boxes; dates:
  calendar; long texts: multi-line. Without the plugin loaded (QGIS Server, qgis_process) the
  two plugin widgets fall back to plain text — the stored values are the same;
* constraints: hard for required fields and for the official patterns, soft for advice;
  ``id``, ``date_maj`` and the server-managed fields are read-only, set automatically.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFieldConstraints,
    QgsVectorLayer,
)

from .compat import FORM_TABS_LAYOUT, make_tab
from .completeness import RECOMMENDED_FIELDS
from .i18n import tr
from .schema import FieldSpec, Model, load_model

MULTI_WIDGET = "MednumMulti"
HOURS_WIDGET = "MednumHoraires"
LONG_TEXT_FIELDS = ("presentation_detail", "presentation_resume", "hdf_commentaire_interne")
AUTOMATIC_FIELDS = ("id", "date_maj", "hdf_dernier_editeur", "hdf_date_modification", "hdf_version")


def enum_options(spec: FieldSpec) -> list[list[str]]:
    """``[value, label]`` pairs of an enumeration, in the standard's order."""
    return [[value, spec.label(value) if spec.labels else value] for value in spec.enum]


def widget_setup(spec: FieldSpec) -> Optional[QgsEditorWidgetSetup]:
    """The editor widget of one field (None: QGIS's default text edit)."""
    if spec.enum and spec.multiple:
        return QgsEditorWidgetSetup(MULTI_WIDGET, {"values": enum_options(spec), "separator": "|"})
    if spec.enum:
        entries = [] if spec.required else [{tr("(non renseigné)"): "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"}]
        entries += [{label: value} for value, label in enum_options(spec)]
        return QgsEditorWidgetSetup("ValueMap", {"map": entries})
    if spec.format == "opening_hours":
        return QgsEditorWidgetSetup(HOURS_WIDGET, {})
    if spec.type == "boolean":
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 1})
    if spec.type == "date":
        return QgsEditorWidgetSetup("DateTime", {"field_format": "yyyy-MM-dd", "display_format": "dd/MM/yyyy",
                                                 "calendar_popup": True, "allow_null": True})
    if spec.type == "datetime":
        return QgsEditorWidgetSetup("DateTime", {"field_format": "yyyy-MM-ddTHH:mm:ss", "display_format": "dd/MM/yyyy HH:mm",
                                                 "calendar_popup": True, "allow_null": True})
    if spec.name in LONG_TEXT_FIELDS:
        return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})
    return None


def pattern_expression(spec: FieldSpec) -> Optional[str]:
    """A QGIS expression true when the field is empty or matches the official pattern."""
    if not spec.pattern or (spec.enum and spec.multiple):
        return None  # the checklist only writes valid values; the validator still checks them
    column = QgsExpression.quotedColumnRef(spec.name)
    return f"{column} IS NULL OR {column} = '' OR regexp_match({column}, {QgsExpression.quotedString('^(?:' + spec.pattern + ')$')})"


def configure_form(layer: QgsVectorLayer, model: Optional[Model] = None) -> None:
    """Tabs, aliases, widgets, constraints and automatic values of a lieux layer."""
    model = model or load_model()
    fields = layer.fields()
    config = layer.editFormConfig()
    config.setLayout(FORM_TABS_LAYOUT)
    root = config.invisibleRootContainer()
    root.clear()
    placed = set()
    for group_id, label in model.groups:
        tab = QgsAttributeEditorContainer(label, root)
        make_tab(tab)
        for spec in model.fields_of_group(group_id):
            index = fields.indexFromName(spec.name)
            if index < 0:
                continue
            tab.addChildElement(QgsAttributeEditorField(spec.name, index, tab))
            placed.add(spec.name)
        if tab.children():
            root.addChildElement(tab)
    for name in AUTOMATIC_FIELDS:
        index = fields.indexFromName(name)
        if index >= 0:
            config.setReadOnly(index, True)
    layer.setEditFormConfig(config)

    for spec in model.fields:
        index = fields.indexFromName(spec.name)
        if index < 0:
            continue
        layer.setFieldAlias(index, spec.title or spec.name)
        setup = widget_setup(spec)
        if setup is not None:
            layer.setEditorWidgetSetup(index, setup)
        if spec.required and spec.name not in AUTOMATIC_FIELDS:
            layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintNotNull,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        expression = pattern_expression(spec)
        if expression:
            hint = spec.format_hint or tr("valeur attendue par le standard national")
            _expression_constraint(layer, index, expression, tr("Format : {indication}").format(indication=hint), hard=True)
    _advice(layer)
    _automatic_values(layer)


def _expression_constraint(layer: QgsVectorLayer, index: int, expression: str, description: str, hard: bool) -> None:
    layer.setConstraintExpression(index, expression, description)
    strength = QgsFieldConstraints.ConstraintStrength
    layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintExpression,
                             strength.ConstraintStrengthHard if hard else strength.ConstraintStrengthSoft)


def _advice(layer: QgsVectorLayer) -> None:
    """Soft constraints: the form warns but lets the agent save."""
    fields = layer.fields()
    index = fields.indexFromName("services")
    if index >= 0:
        _expression_constraint(layer, index, "\"services\" IS NOT NULL AND \"services\" <> ''",
                               tr("Sans service, la cartographie nationale affichera « Ce lieu n'accueille pas de public »."), hard=False)
    index = fields.indexFromName("horaires")
    if index >= 0:
        _expression_constraint(layer, index, "\"horaires\" IS NOT NULL AND \"horaires\" <> ''",
                               tr("Horaires conseillés : ils permettent « Ouvert maintenant » sur la carte."), hard=False)


def _automatic_values(layer: QgsVectorLayer) -> None:
    fields = layer.fields()
    defaults = {
        "id": (QgsDefaultValue("uuid('WithoutBraces')"), False),
        "date_maj": (QgsDefaultValue("to_date(format_date(now(), 'yyyy-MM-dd'))", True), False),
        "hdf_statut": (QgsDefaultValue("'brouillon'"), False),
        "source": (QgsDefaultValue("'Géo2France'"), False),
        "pivot": (QgsDefaultValue("'00000000000000'"), False),  # the standard's value for « unknown »
        "hdf_dernier_editeur": (QgsDefaultValue("@user_account_name", True), True),
        "hdf_date_modification": (QgsDefaultValue("now()", True), True),
    }
    for name, (value, _) in defaults.items():
        index = fields.indexFromName(name)
        if index >= 0:
            layer.setDefaultValueDefinition(index, value)


def completeness_expression() -> str:
    """A QGIS expression: % of the recommended fields filled (what the national sheet shows)."""
    parts = [f"if(coalesce(to_string({QgsExpression.quotedColumnRef(name)}), '') <> '', 1, 0)" for name in RECOMMENDED_FIELDS]
    return f"round(100.0 * ({' + '.join(parts)}) / {len(RECOMMENDED_FIELDS)})"
