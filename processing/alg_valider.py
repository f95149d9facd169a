"""Algorithm ``mednum:valider``: a layer or a file of lieux → a validation report."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
)

from ..core.compat import FAST_INSERT, SOURCE_VECTOR_ANY, WKB_NO_GEOMETRY, make_field
from ..core.i18n import tr
from ..core.validation import ERROR, ValidationReport, Validator
from .base import MednumAlgorithm, read_input_rows

REPORT_FIELDS = (
    ("ligne", "integer"), ("id", "string"), ("nom", "string"), ("champ", "string"), ("valeur", "string"),
    ("gravite", "string"), ("regle", "string"), ("message", "string"), ("suggestion", "string"),
)


def report_fields() -> QgsFields:
    """Fields of the validation report table."""
    fields = QgsFields()
    for name, kind in REPORT_FIELDS:
        fields.append(make_field(name, kind))
    return fields


class Valider(MednumAlgorithm):
    """Checks every lieu against the national standard and the regional extension."""

    _name = "valider"
    _display = "Valider des lieux"
    _help = ("Contrôle chaque lieu au regard du standard national des lieux de médiation numérique (v1.0.2) "
             "et de l'extension régionale. Le rapport liste, pour chaque problème : la ligne, le lieu, le champ, "
             "la valeur, la gravité (erreur = non conforme au standard ; avertissement = conseil), la règle, "
             "un message en français et la correction proposée quand elle existe. "
             "Entrée : une couche de lieux, ou un fichier CSV (v1.0 ou v0.1, séparateur , ou ;) ou GeoJSON.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", tr("Couche de lieux"), [SOURCE_VECTOR_ANY], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "FICHIER", tr("ou fichier de lieux (CSV, GeoJSON)"), optional=True,
            fileFilter=tr("Lieux (*.csv *.geojson *.json)")))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Rapport de validation")))
        for name, label in (("NB_LIEUX", "Nombre de lieux"), ("NB_CONFORMES", "Lieux conformes"),
                            ("NB_ERREURS", "Erreurs"), ("NB_AVERTISSEMENTS", "Avertissements")):
            self.addOutput(QgsProcessingOutputNumber(name, tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        rows, numbers, read_issues = read_input_rows(self, parameters, context, feedback)
        fields = report_fields()
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, WKB_NO_GEOMETRY)
        validator = Validator()
        report = ValidationReport(row_count=len(rows))
        for index, (row, number) in enumerate(zip(rows, numbers)):
            if feedback.isCanceled():
                break
            report.issues.extend(validator.validate_row(row, number))
            feedback.setProgress(50 + 50.0 * index / max(len(rows), 1))
        by_row = dict(zip(numbers, rows))
        for issue in read_issues + report.issues:
            row = by_row.get(issue.row, {})
            feature = QgsFeature(fields)
            feature.setAttributes([issue.row, row.get("id", ""), row.get("nom", ""), issue.field, issue.value,
                                   issue.severity, issue.rule, issue.message, issue.suggestion])
            sink.addFeature(feature, FAST_INSERT)
            if issue.severity == ERROR:
                feedback.reportError(issue.message)
        feedback.pushInfo(report.summary())
        return {"OUTPUT": dest_id, "NB_LIEUX": report.row_count, "NB_CONFORMES": report.valid_count,
                "NB_ERREURS": len(report.errors) + sum(1 for i in read_issues if i.severity == ERROR),
                "NB_AVERTISSEMENTS": len(report.warnings) + sum(1 for i in read_issues if i.severity != ERROR)}
