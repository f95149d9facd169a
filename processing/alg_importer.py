"""Algorithm ``mednum:importer``: a partner's file → match and merge preview against the lieux layer, report, optional apply.

The logic is :mod:`..core.imports`; this file only reads the parameters, finds the base and writes the outputs.

Applying (``ESSAI_A_BLANC`` off):

* when ``BASE`` is the layer of the plugin's editing session (« Charger les lieux »), the accepted changes go
  through the safe WFS-T editing (``LieuxSession.push``, in batches): each lieu's outcome — saved, refused with
  the server's reason, conflict — is in the report;
* any other layer (GeoPackage, shapefile, memory…) receives the changes in its **edit buffer**: nothing is saved,
  the agent checks the layer and saves it (a session layer whose session is not found is handled the same way:
  saving it then goes through the safe editing).

The algorithm runs on QGIS's main thread (it may edit a layer of the project).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterVectorLayer,
)

from ..core import imports
from ..core.compat import FLAG_NO_THREADING, SOURCE_VECTOR_POINT
from ..core.i18n import tr
from ..core.validation import ERROR
from .base import MednumAlgorithm

#: the classes an agent may apply, in the order of the CLASSES_A_APPLIQUER options
APPLICABLE = (imports.NOUVEAU, imports.MODIFIE, imports.DOUBLON)
COUNT_OUTPUTS = (("NB_NOUVEAUX", imports.NOUVEAU), ("NB_MODIFIES", imports.MODIFIE), ("NB_INCHANGES", imports.INCHANGE),
                 ("NB_DOUBLONS", imports.DOUBLON), ("NB_INVALIDES", imports.INVALIDE))


def find_session(layer):
    """The plugin's editing session holding this layer, or None (looked up in the loaded plugins)."""
    try:
        from qgis.utils import plugins
    except ImportError:  # pragma: no cover - qgis.utils always exists inside QGIS
        return None
    for plugin in list(plugins.values()):
        session = getattr(getattr(plugin, "controller", None), "session", None)
        session_layer = getattr(session, "layer", None)
        if session_layer is not None and layer is not None and session_layer.id() == layer.id():
            return session
    return None


class Importer(MednumAlgorithm):
    """Compares a partner's file with the base, writes the report, and applies the accepted classes on request."""

    _name = "importer"
    _display = "Importer un fichier partenaire (rapprochement)"
    _help = ("Rapproche un fichier de lieux d'un partenaire de la base : standard national CSV (v1.0 ou ancien v0.1), export "
             "SIILAB / DREETS (CSV « ; »), export de la cartographie nationale, structures data·inclusion (JSON, avec le fichier des "
             "services placé à côté) ou GeoJSON. Chaque lieu du fichier est classé : nouveau, modifié (même identifiant, même "
             "identifiant externe, même SIRET dans la même commune, ou ressemblance très forte), inchangé, doublon probable (règle "
             "nationale de dédoublonnage) ou invalide (erreurs au standard, formule de tableur). Un champ vide du fichier n'efface "
             "jamais une valeur de la base. Le rapport (CSV et HTML) liste chaque lieu, le détail des champs modifiés et les lignes "
             "illisibles. Par défaut c'est un essai à blanc : rien n'est écrit. Sinon les classes choisies sont appliquées : par "
             "l'édition sûre (WFS-T) si la couche est celle des lieux chargés par l'extension, sinon dans la couche en édition, "
             "que vous enregistrez vous-même.")

    def group(self) -> str:
        return tr("Mise à jour")

    def groupId(self) -> str:  # noqa: N802
        return "mise_a_jour"

    def flags(self):
        return super().flags() | FLAG_NO_THREADING

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "FICHIER", tr("Fichier du partenaire"), fileFilter=tr("Lieux (*.csv *.txt *.json *.geojson)")))
        self.addParameter(QgsProcessingParameterVectorLayer("BASE", tr("Couche des lieux de la base"), [SOURCE_VECTOR_POINT]))
        self.addParameter(QgsProcessingParameterEnum(
            "CLASSES_A_APPLIQUER", tr("Classes à appliquer"), options=[imports.class_label(k) for k in APPLICABLE],
            allowMultiple=True, defaultValue=[0, 1]))
        self.addParameter(QgsProcessingParameterBoolean(
            "ESSAI_A_BLANC", tr("Essai à blanc (rapport seulement, rien n'est écrit)"), defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "GEOCODER", tr("Placer les lieux sans coordonnées par leur adresse (service de géocodage des options)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFileDestination("RAPPORT", tr("Rapport d'import (CSV)"), fileFilter=tr("CSV (*.csv)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "RAPPORT_HTML", tr("Rapport d'import (HTML)"), fileFilter=tr("HTML (*.html)"), optional=True, createByDefault=True))
        for name, kind in COUNT_OUTPUTS:
            self.addOutput(QgsProcessingOutputNumber(name, imports.class_label(kind)))
        self.addOutput(QgsProcessingOutputNumber("NB_NON_LUS", tr("Enregistrements illisibles")))
        self.addOutput(QgsProcessingOutputNumber("NB_APPLIQUES", tr("Changements appliqués")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, "FICHIER", context)
        layer = self.parameterAsVectorLayer(parameters, "BASE", context)
        if layer is None:
            raise QgsProcessingException(tr("Indiquez la couche des lieux de la base."))
        dry_run = self.parameterAsBool(parameters, "ESSAI_A_BLANC", context)
        wanted = {APPLICABLE[i] for i in self.parameterAsEnums(parameters, "CLASSES_A_APPLIQUER", context) if 0 <= i < len(APPLICABLE)}
        source = imports.read_partner_file(path)
        feedback.pushInfo(source.summary())
        for issue in source.issues:
            (feedback.reportError if issue.severity == ERROR else feedback.pushInfo)(issue.message)
        if self.parameterAsBool(parameters, "GEOCODER", context) and source.rows:
            from ..core.geocoder import search
            from ..core.settings import load_settings

            base_url = load_settings().geocoder_url
            geocoded = imports.geocode_missing(source.rows, lambda text: search(text, base_url=base_url, feedback=feedback),
                                               row_numbers=source.row_numbers)
            if geocoded.geocoded:
                source.present_fields.update(("latitude", "longitude"))
            feedback.pushInfo(geocoded.summary())
            for message in geocoded.failed.values():
                feedback.pushWarning(message)
        feedback.setProgress(20)
        base = imports.base_from_layer(layer)
        feedback.setProgress(40)
        decisions = imports.classify(source, base)
        found = imports.counts(decisions)
        feedback.pushInfo(", ".join(f"{imports.class_label(k)} : {found[k]}" for k in imports.CLASSES))
        feedback.setProgress(60)
        accepted = imports.default_accepted(decisions, wanted)
        outcomes, applied = None, 0
        if not dry_run and accepted:
            changes = imports.to_changes(decisions, accepted)
            session = find_session(layer)
            if session is not None:
                feedback.pushInfo(tr("Envoi de {n} changement(s) par l'édition sûre (WFS-T)…").format(n=len(changes)))
                outcomes = imports.push_changes(session, changes, progress=lambda done, total: feedback.setProgress(60 + 35 * done / total),
                                                cancelled=feedback.isCanceled)
                applied = sum(1 for o in outcomes if o.applied)
                for outcome in outcomes:
                    (feedback.pushInfo if outcome.applied else feedback.reportError)(outcome.message)
            else:
                outcomes = imports.apply_to_layer(layer, changes)
                applied = len(changes)
                feedback.pushWarning(tr("{n} changement(s) mis dans la couche « {couche} », en cours d'édition : vérifiez-les puis "
                                        "enregistrez la couche.").format(n=len(changes), couche=layer.name()))
        elif not dry_run:
            feedback.pushInfo(tr("Aucun lieu à appliquer dans les classes choisies."))
        csv_path = self.parameterAsFileOutput(parameters, "RAPPORT", context)
        html_path = self.parameterAsFileOutput(parameters, "RAPPORT_HTML", context)
        imports.write_report(decisions, csv_path, html_path, outcomes, accepted=accepted, source=source,
                             title=tr("Import de {fichier}").format(fichier=Path(path).name))
        feedback.setProgress(100)
        results = {name: found[kind] for name, kind in COUNT_OUTPUTS}
        results.update({"NB_NON_LUS": len(source.rejected), "NB_APPLIQUES": applied, "RAPPORT": csv_path})
        if html_path:
            results["RAPPORT_HTML"] = html_path
        return results
