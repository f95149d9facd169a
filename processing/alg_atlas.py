"""Valorisation: the « Atlas territorial », one printable PDF page per territory."""

from __future__ import annotations

import time
import unicodedata
from typing import Optional

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.compat import FLAG_NO_THREADING, SOURCE_VECTOR_POINT
from ..core.i18n import tr
from .base import MednumAlgorithm

#: NIVEAU options, in the order of core.atlas.LEVELS.
LEVEL_KEYS = ("region", "departement", "epci", "commune")
#: FORMAT options: (paper, orientation).
FORMAT_KEYS = (("A4", "portrait"), ("A4", "paysage"), ("A3", "portrait"), ("A3", "paysage"))
#: Names a project layer may have to be taken as a background / territories layer.
LAYER_NAMES = {
    "region": ("regions", "region", "région", "régions"),
    "departements": ("departements", "departement", "départements", "département"),
    "epci": ("epci", "intercommunalites", "intercommunalités"),
    "communes": ("communes", "commune"),
}
LEVEL_LAYER = {"departement": "departements", "epci": "epci", "commune": "communes"}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def project_layer(project: QgsProject, key: str) -> Optional[QgsVectorLayer]:
    """A polygon layer of the project named like ``key`` (« Communes », « EPCI », « Départements »…)."""
    wanted = {_plain(name) for name in LAYER_NAMES[key]}
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.isValid() and _plain(layer.name()) in wanted \
                and "Polygon" in QgsWkbTypes.displayString(layer.wkbType()):
            return layer
    return None


def default_layer(project: QgsProject, key: str) -> Optional[QgsVectorLayer]:
    """The project's layer named like ``key``, else the one of the embedded demo base (read only)."""
    layer = project_layer(project, key)
    if layer is not None or key == "region":
        return layer
    from ..core.demo import demo_layer

    try:
        return demo_layer(key)
    except FileNotFoundError:
        return None


class Atlas(MednumAlgorithm):
    _name = "atlas"
    _display = "Atlas territorial (PDF)"
    _help = ("Un PDF prêt à imprimer, une page par territoire (région, département, EPCI ou commune) : carte des lieux "
             "(France Services, conseillers numériques, autres lieux) sur fond communes / EPCI / départements, chiffres "
             "clés (lieux par type de services, dispositifs, APTIC, population, part de la population à moins de 10, 20 "
             "et 30 minutes si une couche de temps d'accès est fournie) et liste des lieux. Territoires par défaut : les "
             "couches du projet nommées communes, EPCI, départements, sinon celles de la base de démonstration. "
             "Sélection : une expression, ex. \"code_departement\" = '80'. Modèles A4/A3, portrait/paysage, ou votre "
             "propre modèle .qpt (mêmes identifiants d'éléments). S'exécute sur le fil principal de QGIS.")

    def group(self) -> str:
        return tr("Valorisation")

    def groupId(self) -> str:  # noqa: N802
        return "valorisation"

    def flags(self):
        return super().flags() | FLAG_NO_THREADING

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource("LIEUX", tr("Lieux de médiation numérique"), [SOURCE_VECTOR_POINT]))
        self.addParameter(QgsProcessingParameterEnum("NIVEAU", tr("Niveau de territoire (une page par territoire)"), options=[
            tr("Région"), tr("Département"), tr("EPCI"), tr("Commune")], defaultValue=2))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "TERRITOIRES", tr("Couche des territoires (vide : couche du projet ou de la base de démonstration)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            "SELECTION", tr("Sélection des territoires (expression, ex. \"code_departement\" = '80' ; vide : tous)"),
            optional=True, parentLayerParameterName="TERRITOIRES"))
        self.addParameter(QgsProcessingParameterEnum("FORMAT", tr("Format"), options=[
            tr("A4 portrait"), tr("A4 paysage"), tr("A3 portrait"), tr("A3 paysage")], defaultValue=0))
        self.addParameter(QgsProcessingParameterFile("MODELE", tr("Modèle de mise en page .qpt (remplace le format)"),
                                                     extension="qpt", optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "COUCHE_SUP", tr("Couche supplémentaire sous les lieux (temps d'accès ou isochrones)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterBoolean("PUBLIES_SEULEMENT", tr("Lieux publiés seulement"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Atlas (PDF)"), tr("PDF (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber("NB_PAGES", tr("Nombre de pages")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.atlas import AtlasCanceledError, build_atlas, export_atlas, level_label

        lieux = self.parameterAsSource(parameters, "LIEUX", context)
        if lieux is None:
            raise QgsProcessingException(tr("Couche de lieux introuvable."))
        level = LEVEL_KEYS[self.parameterAsEnum(parameters, "NIVEAU", context)]
        user_project = context.project() or QgsProject.instance()
        background = {key: default_layer(user_project, key) for key in ("communes", "epci", "departements")}
        territories = self.parameterAsVectorLayer(parameters, "TERRITOIRES", context) if parameters.get("TERRITOIRES") else None
        if territories is None:
            territories = project_layer(user_project, "region") if level == "region" else background.get(LEVEL_LAYER[level])
        if territories is None and level != "region":
            raise QgsProcessingException(tr("Aucune couche de territoires pour le niveau {niveau} : indiquez-la.").format(
                niveau=level_label(level)))
        selection = self.parameterAsExpression(parameters, "SELECTION", context) if parameters.get("SELECTION") else ""
        template_file = self.parameterAsFile(parameters, "MODELE", context) if parameters.get("MODELE") else ""
        template = template_file or FORMAT_KEYS[self.parameterAsEnum(parameters, "FORMAT", context)]
        extra = self.parameterAsVectorLayer(parameters, "COUCHE_SUP", context) if parameters.get("COUCHE_SUP") else None
        lieux_filter = None
        if self.parameterAsBoolean(parameters, "PUBLIES_SEULEMENT", context):
            if "hdf_statut" in lieux.fields().names():
                lieux_filter = "\"hdf_statut\" = 'publie'"
            else:
                feedback.pushWarning(tr("Pas de champ hdf_statut : tous les lieux sont retenus."))
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)

        steps = QgsProcessingMultiStepFeedback(2, feedback)
        # The atlas lives in a project of its own: the user's project gets no extra layers.
        project = QgsProject()
        project.setTransformContext(context.transformContext())
        layout = None
        try:
            started = time.perf_counter()
            try:
                layout = build_atlas(project, territories, lieux, level, selection, template, extra, background,
                                     lieux_filter=lieux_filter, feedback=steps)
            except ValueError as error:
                raise QgsProcessingException(str(error)) from error
            count = layout.atlas().count()
            feedback.pushInfo(tr("{n} territoire(s) : export du PDF…").format(n=count))
            steps.setCurrentStep(1)
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Export de l'atlas annulé."))
            try:
                pages = export_atlas(layout, output, steps)
            except AtlasCanceledError as error:
                raise QgsProcessingException(str(error)) from error
            except (RuntimeError, OSError) as error:
                raise QgsProcessingException(str(error)) from error
            feedback.pushInfo(tr("Atlas de {pages} page(s) écrit en {secondes} s : {fichier}").format(
                pages=pages, secondes=f"{time.perf_counter() - started:.1f}", fichier=output))
        finally:
            del layout
            project.clear()
        return {"OUTPUT": output, "NB_PAGES": pages}
