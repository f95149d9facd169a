"""Algorithm ``mednum:exporter``: lieux → CSV standard, ODS per département, GeoJSON, data·inclusion v1."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core import data_inclusion
from ..core.compat import SOURCE_VECTOR_ANY
from ..core.exports import (
    FORMAT_CSV,
    FORMAT_DATA_INCLUSION,
    FORMAT_GEOJSON,
    FORMAT_ODS,
    SERVICES,
    STRUCTURES,
    ExportError,
    export,
    formula_risks,
    group_rows,
    select_rows,
)
from ..core.i18n import tr
from ..core.schema import load_model
from ..core.validation import ERROR
from .base import MednumAlgorithm, read_input_rows

#: Order of the FORMATS options.
FORMAT_KEYS = (FORMAT_CSV, FORMAT_ODS, FORMAT_GEOJSON, FORMAT_DATA_INCLUSION)
#: Output of each file.
OUTPUTS = {FORMAT_CSV: "CSV", FORMAT_ODS: "ODS", FORMAT_GEOJSON: "GEOJSON",
           STRUCTURES: "DATA_INCLUSION_STRUCTURES", SERVICES: "DATA_INCLUSION_SERVICES"}


class Exporter(MednumAlgorithm):
    """Writes the lieux in several formats at once: the same lieux, the same checks, one folder."""

    _name = "exporter"
    _display = "Exporter les lieux (CSV, ODS, GeoJSON, data·inclusion)"
    _help = ("Écrit les mêmes lieux dans un ou plusieurs formats : le CSV du standard national v1.0.2 "
             "(32 colonnes dans l'ordre officiel, nom de fichier officiel), un classeur ODS avec une feuille par "
             "département (« 02 - Aisne »…), un GeoJSON (points WGS84) et les fichiers structures + services du "
             "schéma data·inclusion v1 (correspondances reprises du traitement national de data·inclusion). "
             "Par défaut seuls les lieux publiés sont exportés. Les valeurs sont normalisées ; un lieu encore non "
             "conforme n'est écrit dans aucun format et il est signalé dans le journal avec la raison. Dans le "
             "classeur ODS, une valeur qu'un tableur prendrait pour une formule (=, +, -, @…) est précédée d'une "
             "apostrophe ; le CSV et le GeoJSON gardent les valeurs telles quelles.")

    def group(self) -> str:
        return tr("Valorisation")

    def groupId(self) -> str:  # noqa: N802
        return "valorisation"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", tr("Couche de lieux"), [SOURCE_VECTOR_ANY], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "FICHIER", tr("ou fichier de lieux (CSV, GeoJSON)"), optional=True,
            fileFilter=tr("Lieux (*.csv *.geojson *.json)")))
        options = [tr("CSV du standard national v1.0.2"), tr("ODS (une feuille par département)"), tr("GeoJSON"),
                   tr("data·inclusion v1 (structures + services)")]
        self.addParameter(QgsProcessingParameterEnum(
            "FORMATS", tr("Formats"), options=options, allowMultiple=True, defaultValue=list(range(len(options)))))
        self.addParameter(QgsProcessingParameterString(
            "ID_PRODUCTEUR", tr("Identifiant du producteur (SIRET ou RNA)"), defaultValue="00000000000000"))
        self.addParameter(QgsProcessingParameterString(
            "TERRITOIRE", tr("Territoire (pour le nom des fichiers)"), defaultValue="Hauts-de-France"))
        self.addParameter(QgsProcessingParameterString(
            "SOURCE_DATA_INCLUSION", tr("Source data·inclusion (identifiant du producteur, en minuscules)"),
            defaultValue=data_inclusion.DEFAULT_SOURCE))
        self.addParameter(QgsProcessingParameterBoolean(
            "EXTENSION", tr("Ajouter les colonnes de l'extension régionale (hdf_) au CSV, à l'ODS et au GeoJSON"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            "PUBLIES_SEULEMENT", tr("Seulement les lieux publiés (statut régional « Publié »)"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFolderDestination("DOSSIER", tr("Dossier de sortie")))
        self.addOutput(QgsProcessingOutputFile("CSV", tr("Fichier CSV au standard")))
        self.addOutput(QgsProcessingOutputFile("ODS", tr("Classeur ODS")))
        self.addOutput(QgsProcessingOutputFile("GEOJSON", tr("Fichier GeoJSON")))
        self.addOutput(QgsProcessingOutputFile("DATA_INCLUSION_STRUCTURES", tr("Structures data·inclusion (JSON)")))
        self.addOutput(QgsProcessingOutputFile("DATA_INCLUSION_SERVICES", tr("Services data·inclusion (JSON)")))
        self.addOutput(QgsProcessingOutputNumber("NB_EXPORTES", tr("Lieux exportés")))
        self.addOutput(QgsProcessingOutputNumber("NB_ECARTES", tr("Lieux écartés (non conformes)")))
        self.addOutput(QgsProcessingOutputNumber("NB_NON_PUBLIES", tr("Lieux non publiés ignorés")))
        self.addOutput(QgsProcessingOutputNumber("NB_ERREURS_DATA_INCLUSION", tr("Erreurs de validation data·inclusion")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        indexes = self.parameterAsEnums(parameters, "FORMATS", context)
        formats = [FORMAT_KEYS[i] for i in sorted(set(indexes)) if 0 <= i < len(FORMAT_KEYS)]
        if not formats:
            raise QgsProcessingException(tr("Choisissez au moins un format d'export."))
        folder = self.parameterAsString(parameters, "DOSSIER", context)
        if not folder:
            raise QgsProcessingException(tr("Indiquez un dossier de sortie."))
        os.makedirs(folder, exist_ok=True)
        include_extension = self.parameterAsBool(parameters, "EXTENSION", context)
        source = self.parameterAsString(parameters, "SOURCE_DATA_INCLUSION", context).strip() or data_inclusion.DEFAULT_SOURCE

        rows, numbers, read_issues = read_input_rows(self, parameters, context, feedback)
        for issue in read_issues:
            if issue.severity == ERROR:
                feedback.reportError(issue.message)
        selection = select_rows(rows, numbers, self.parameterAsBool(parameters, "PUBLIES_SEULEMENT", context),
                                is_canceled=feedback.isCanceled)
        for _row, errors in selection.rejected:
            for issue in errors:
                feedback.reportError(tr("Non exporté — {message}").format(message=issue.message))
        if feedback.isCanceled():
            return {}
        feedback.setProgress(60)

        if FORMAT_CSV in formats:
            columns = load_model().column_names(include_extension)
            for row, name, value in formula_risks(selection.kept, columns):
                feedback.pushWarning(tr("Lieu « {lieu} », champ « {champ} » : « {valeur} » commence comme une formule de tableur ; "
                                        "le CSV la garde telle quelle (ouvrez-le par l'import de données, pas par un double-clic).").format(
                                            lieu=row.get("nom") or row.get("id"), champ=name, valeur=value))
        try:
            paths = export(selection.kept, formats, folder,
                           self.parameterAsString(parameters, "ID_PRODUCTEUR", context),
                           self.parameterAsString(parameters, "TERRITOIRE", context),
                           include_extension=include_extension, source=source)
        except (ExportError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.setProgress(90)

        count = len(selection.kept)
        results = {"NB_EXPORTES": count, "NB_ECARTES": selection.rejected_count,
                   "NB_NON_PUBLIES": selection.unpublished, "NB_ERREURS_DATA_INCLUSION": 0}
        for key, path in paths.items():
            results[OUTPUTS[key]] = str(path)
            feedback.pushInfo(tr("Fichier écrit : {fichier}").format(fichier=path))
        if FORMAT_ODS in formats:
            for sheet, sheet_rows in group_rows(selection.kept).items():
                feedback.pushInfo(tr("Feuille « {feuille} » : {n} lieux.").format(feuille=sheet, n=len(sheet_rows)))
        if FORMAT_DATA_INCLUSION in formats:
            results["NB_ERREURS_DATA_INCLUSION"] = self._check_data_inclusion(selection.kept, source, feedback)
        feedback.pushInfo(tr("{n} lieux exportés ; {ecartes} écartés (non conformes), {non_publies} non publiés ignorés.").format(
            n=count, ecartes=selection.rejected_count, non_publies=selection.unpublished))
        return results

    @staticmethod
    def _check_data_inclusion(rows: list[dict[str, str]], source: str, feedback) -> int:
        """Validate the data·inclusion records with the official models; returns the error count."""
        if not data_inclusion.validator_available():
            feedback.pushWarning(data_inclusion.validator_missing_message())
            return 0
        messages = data_inclusion.validate(data_inclusion.to_structures(rows, source), data_inclusion.to_services(rows, source))
        for message in messages:
            feedback.reportError(tr("data·inclusion — {message}").format(message=message))
        if not messages:
            feedback.pushInfo(tr("Structures et services conformes au schéma data·inclusion v1."))
        return len(messages)
