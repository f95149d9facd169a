"""Algorithm ``mednum:exporter_standard``: lieux → the national standard CSV (v1.0.2)."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.compat import SOURCE_VECTOR_ANY
from ..core.i18n import tr
from ..core.io_standard import standard_file_name, write_csv
from ..core.validation import ERROR, Validator, normalize_row
from .base import MednumAlgorithm, read_input_rows

PUBLISHED = "publie"


class ExporterStandard(MednumAlgorithm):
    """Writes the lieux as a CSV file of the national standard, named by the official convention."""

    _name = "exporter_standard"
    _display = "Exporter au standard national (CSV)"
    _help = ("Écrit les lieux au format du standard national des lieux de médiation numérique v1.0.2 : "
             "les 32 colonnes dans l'ordre officiel, UTF-8, séparateur virgule, valeurs multiples séparées par « | », "
             "fichier nommé AAAA-MM-JJ_<idProducteur>_lieux-de-mediation-numerique_<territoire>.csv. "
             "Les valeurs sont normalisées (apostrophes, téléphone, dates). Un lieu encore non conforme après "
             "normalisation n'est pas écrit : il est signalé dans le journal avec la raison, rien n'est perdu en silence.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", tr("Couche de lieux"), [SOURCE_VECTOR_ANY], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "FICHIER", tr("ou fichier de lieux (CSV, GeoJSON)"), optional=True,
            fileFilter=tr("Lieux (*.csv *.geojson *.json)")))
        self.addParameter(QgsProcessingParameterString(
            "ID_PRODUCTEUR", tr("Identifiant du producteur (SIRET ou RNA)"), defaultValue="00000000000000"))
        self.addParameter(QgsProcessingParameterString(
            "TERRITOIRE", tr("Territoire (pour le nom du fichier)"), defaultValue="Hauts-de-France"))
        self.addParameter(QgsProcessingParameterBoolean(
            "PUBLIES_SEULEMENT", tr("Seulement les lieux publiés (statut régional « Publié »)"), defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "EXTENSION", tr("Ajouter les colonnes de l'extension régionale (hdf_)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFolderDestination("DOSSIER", tr("Dossier de sortie")))
        self.addOutput(QgsProcessingOutputFile("OUTPUT", tr("Fichier CSV au standard")))
        self.addOutput(QgsProcessingOutputNumber("NB_EXPORTES", tr("Lieux exportés")))
        self.addOutput(QgsProcessingOutputNumber("NB_ECARTES", tr("Lieux écartés (non conformes)")))
        self.addOutput(QgsProcessingOutputNumber("NB_NON_PUBLIES", tr("Lieux non publiés ignorés")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        rows, numbers, read_issues = read_input_rows(self, parameters, context, feedback)
        for issue in read_issues:
            if issue.severity == ERROR:
                feedback.reportError(issue.message)
        only_published = self.parameterAsBool(parameters, "PUBLIES_SEULEMENT", context)
        folder = self.parameterAsString(parameters, "DOSSIER", context)
        if not folder:
            raise QgsProcessingException(tr("Indiquez un dossier de sortie."))
        os.makedirs(folder, exist_ok=True)
        validator = Validator()
        kept, rejected, unpublished = [], 0, 0
        for row, number in zip(rows, numbers):
            if feedback.isCanceled():
                break
            if only_published and row.get("hdf_statut", "") not in ("", PUBLISHED):
                unpublished += 1
                continue
            fixed, _changed = normalize_row(row)
            errors = [i for i in validator.validate_row(fixed, number) if i.severity == ERROR]
            if errors:
                rejected += 1
                for issue in errors:
                    feedback.reportError(tr("Non exporté — {message}").format(message=issue.message))
                continue
            kept.append(fixed)
        name = standard_file_name(self.parameterAsString(parameters, "ID_PRODUCTEUR", context),
                                  self.parameterAsString(parameters, "TERRITOIRE", context))
        path = os.path.join(folder, name)
        from ..core.exports import neutralize_formula

        safe = [{k: neutralize_formula(v) if isinstance(v, str) else v for k, v in row.items()} for row in kept]
        count = write_csv(safe, path, include_extension=self.parameterAsBool(parameters, "EXTENSION", context))
        feedback.pushInfo(tr("{n} lieux écrits dans {fichier} ; {ecartes} écartés (non conformes), {non_publies} non publiés ignorés.").format(
            n=count, fichier=path, ecartes=rejected, non_publies=unpublished))
        return {"OUTPUT": path, "NB_EXPORTES": count, "NB_ECARTES": rejected, "NB_NON_PUBLIES": unpublished}
