"""Fraîcheur des fiches: age of each lieu's ``date_maj``, its class, and a summary per département and EPCI."""

from __future__ import annotations

from datetime import date

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QDate, QDateTime
from qgis.PyQt.QtGui import QColor

from ..core.compat import DATETIME_DATE, FAST_INSERT, NUMBER_INTEGER, SOURCE_VECTOR_ANY, SOURCE_VECTOR_ANY_GEOMETRY, WKB_NO_GEOMETRY, make_field
from ..core.freshness import (
    CLASS_COLOURS,
    CLASSES,
    DEFAULT_STALE_MONTHS,
    SANS_DATE,
    TerritorySummary,
    age_months,
    as_day,
    class_labels,
    classify,
    summary,
)
from ..core.i18n import tr
from .alg_routage import _POST_PROCESSORS, _StyleByClass
from .base import MednumAlgorithm

AGE_FIELD = "age_mois"
CLASS_FIELD = "fraicheur"
SUMMARY_FIELDS = (("niveau", "string"), ("code", "string"), ("territoire", "string"), ("lieux", "integer"), ("a_jour", "integer"),
                  ("a_verifier", "integer"), ("sans_date", "integer"), ("part_a_verifier", "number"))


def reference_date(value) -> date:
    """The DATE_REFERENCE parameter as a date (today when empty)."""
    if isinstance(value, QDateTime):
        value = value.date()
    if isinstance(value, QDate) and not value.isValid():
        value = None
    day = as_day(value) if value not in (None, "") else None
    if value not in (None, "") and day is None:
        raise QgsProcessingException(tr("Date de référence « {date} » illisible (AAAA-MM-JJ attendu).").format(date=value))
    return day or date.today()


class _StyleByFreshness(_StyleByClass):
    """The routing classes' post-processor, recoloured: green « à jour », orange « à vérifier », grey « sans date »."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        super().postProcessLayer(layer, context, feedback)
        renderer = layer.renderer()
        for index, category in enumerate(renderer.categories()):
            symbol = category.symbol().clone()
            symbol.setColor(QColor(CLASS_COLOURS.get(category.value(), CLASS_COLOURS[SANS_DATE])))
            symbol.setOpacity(1.0)
            renderer.updateCategorySymbol(index, symbol)
        layer.triggerRepaint()


def style_freshness_on_completion(context, destination: str) -> None:
    """Style the output layer by class once QGIS loads it."""
    if destination and context.willLoadLayerOnCompletion(destination):
        labels = class_labels()
        processor = _StyleByFreshness(CLASS_FIELD, list(CLASSES), [labels[c] for c in CLASSES])
        _POST_PROCESSORS.append(processor)
        context.layerToLoadOnCompletionDetails(destination).setPostProcessor(processor)


class Fraicheur(MednumAlgorithm):
    _name = "fraicheur"
    _display = "Fraîcheur des fiches"
    _help = ("Pour chaque lieu : l'âge de sa date de mise à jour (date_maj) en mois et sa classe — « à jour », « à vérifier » "
             "(mise à jour il y a plus de N mois, 12 par défaut) ou « sans date ». Un tableau résume, par département et par EPCI "
             "(avec la couche des communes : code_insee, code_departement, siren_epci, nom_epci), le nombre de lieux, "
             "de fiches à vérifier et leur part. La date de référence (aujourd'hui par défaut) permet de refaire un calcul passé.")

    def group(self) -> str:
        return tr("Mise à jour")

    def groupId(self) -> str:  # noqa: N802
        return "mise_a_jour"

    def initAlgorithm(self, config=None):  # noqa: N802
        any_vector = [SOURCE_VECTOR_ANY_GEOMETRY]
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", tr("Lieux de médiation numérique"), any_vector))
        self.addParameter(QgsProcessingParameterNumber("MOIS", tr("À vérifier au-delà de (mois)"), NUMBER_INTEGER,
                                                       defaultValue=DEFAULT_STALE_MONTHS, minValue=1, maxValue=120))
        self.addParameter(QgsProcessingParameterDateTime("DATE_REFERENCE", tr("Date de référence (vide : aujourd'hui)"), DATETIME_DATE,
                                                         optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "TERRITOIRES", tr("Communes (code_insee, code_departement, siren_epci, nom_epci) pour le résumé par EPCI"),
            any_vector, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Lieux et fraîcheur")))
        self.addParameter(QgsProcessingParameterFeatureSink("RESUME", tr("Fraîcheur par territoire"), SOURCE_VECTOR_ANY))

    def _territories(self, parameters, context) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """code INSEE → département, and code INSEE → (SIREN, nom) of its EPCI, from the communes layer."""
        if not parameters.get("TERRITOIRES"):
            return {}, {}
        communes = self.parameterAsSource(parameters, "TERRITOIRES", context)
        if communes is None:
            return {}, {}
        names = communes.fields().names()
        if "code_insee" not in names or "siren_epci" not in names:
            raise QgsProcessingException(tr("La couche des communes doit avoir les champs « code_insee » et « siren_epci »."))
        departements: dict[str, str] = {}
        epci: dict[str, tuple[str, str]] = {}
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for feature in communes.getFeatures(request):
            insee = _text(feature["code_insee"])
            if not insee:
                continue
            if "code_departement" in names and _text(feature["code_departement"]):
                departements[insee] = _text(feature["code_departement"])
            siren = _text(feature["siren_epci"])
            if siren:
                epci[insee] = (siren, _text(feature["nom_epci"]) if "nom_epci" in names else siren)
        return departements, epci

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            raise QgsProcessingException(tr("Couche de lieux introuvable."))
        months = self.parameterAsInt(parameters, "MOIS", context)
        raw = parameters.get("DATE_REFERENCE")
        if raw not in (None, "") and not isinstance(raw, (str, date, QDate, QDateTime)):  # a property, an expression…
            raw = self.parameterAsDateTime(parameters, "DATE_REFERENCE", context)
        today = reference_date(raw)
        departements, epci = self._territories(parameters, context)
        names = source.fields().names()
        if "date_maj" not in names:
            feedback.pushWarning(tr("La couche n'a pas de champ « date_maj » : tous les lieux sont « sans date »."))
        fields = QgsFields()
        kept = [index for index, f in enumerate(source.fields()) if f.name() not in (AGE_FIELD, CLASS_FIELD)]
        for index in kept:
            fields.append(source.fields().at(index))
        fields.append(make_field(AGE_FIELD, "integer", tr("Mois depuis la dernière mise à jour")))
        fields.append(make_field(CLASS_FIELD, "string", tr("à jour, à vérifier ou sans date")))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(), source.sourceCrs())
        rows = []
        total = max(source.featureCount(), 1)
        for number, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            value = feature["date_maj"] if "date_maj" in names else None
            age, freshness = age_months(value, today), classify(value, today, months)
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            attributes = feature.attributes()
            out.setAttributes([attributes[i] for i in kept] + [age, freshness])
            sink.addFeature(out, FAST_INSERT)
            insee = _text(feature["code_insee"]) if "code_insee" in names else ""
            rows.append({"date_maj": as_day(value), "code_insee": insee, "code_departement": departements.get(insee, ""),
                         "code_postal": _text(feature["code_postal"]) if "code_postal" in names else ""})
            feedback.setProgress(80.0 * number / total)
        groups: list[TerritorySummary] = summary(rows, today, "ensemble", months) + summary(rows, today, "departement", months)
        if epci:
            groups += summary(rows, today, "epci", months, epci_of=epci)
        else:
            feedback.pushInfo(tr("Sans la couche des communes, le résumé ne donne que les départements."))
        summary_fields = QgsFields()
        for name, kind in SUMMARY_FIELDS:
            summary_fields.append(make_field(name, kind))
        summary_sink, summary_dest = self.parameterAsSink(parameters, "RESUME", context, summary_fields, WKB_NO_GEOMETRY,
                                                          QgsCoordinateReferenceSystem())
        for group in groups:
            out = QgsFeature(summary_fields)
            out.setAttributes([group.level, group.code, group.name, group.lieux, group.a_jour, group.a_verifier, group.sans_date,
                               round(group.part_a_verifier, 2)])
            summary_sink.addFeature(out, FAST_INSERT)
        overall = groups[0] if groups else TerritorySummary("ensemble", "")
        feedback.pushInfo(tr("{n} lieu(x) au {date} : {a_verifier} à vérifier (plus de {mois} mois, {part} %), {sans_date} sans date.").format(
            n=overall.lieux, date=today.isoformat(), a_verifier=overall.a_verifier, mois=months, part=f"{overall.part_a_verifier:.1f}",
            sans_date=overall.sans_date))
        style_freshness_on_completion(context, dest)
        return {"OUTPUT": dest, "RESUME": summary_dest, "NB_LIEUX": overall.lieux, "NB_A_VERIFIER": overall.a_verifier,
                "NB_SANS_DATE": overall.sans_date, "DATE_REFERENCE": today.isoformat()}


def _text(value) -> str:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value).strip()

