"""Valorisation: the « Annuaire » of the lieux of a territory (PDF A4 and self-contained HTML)."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.compat import FLAG_NO_THREADING, SOURCE_VECTOR_POINT
from ..core.i18n import tr
from .base import MednumAlgorithm


def service_choices() -> list[str]:
    """The 9 services of the standard, in the model's order."""
    from ..core.schema import load_model

    return list(load_model().field("services").enum)


class Annuaire(MednumAlgorithm):
    """The printable directory of the lieux, grouped by commune. Paints: main thread only."""

    _name = "annuaire"
    _display = "Annuaire des lieux"
    _help = ("L'annuaire imprimable des lieux d'un territoire : une couverture, un sommaire par commune avec les numéros "
             "de page, puis les lieux regroupés par commune (ordre alphabétique), chacun avec son adresse, ses horaires "
             "en clair, ses contacts, ses services (Apprentissage, Démarches, Matériel), ses publics, ses modalités et ses "
             "labels. En PDF (A4) et/ou en page HTML autonome (à ouvrir ou à publier telle quelle). Filtres possibles : "
             "services, labels et dispositifs (dont APTIC et pass numérique), communes ou codes INSEE (« 80 » : la Somme), "
             "expression ; par défaut, seuls les lieux publiés. Le PDF se dessine dans le fil principal de QGIS : "
             "l'interface attend la fin du calcul (quelques secondes pour 2 000 lieux).")

    def group(self) -> str:
        return tr("Valorisation")

    def groupId(self) -> str:  # noqa: N802
        return "valorisation"

    def flags(self):
        # QPainter on a QPdfWriter, QTextDocument layout: main thread
        return super().flags() | FLAG_NO_THREADING

    def initAlgorithm(self, config=None):  # noqa: N802
        from ..core.annuaire import label_choices

        self.addParameter(QgsProcessingParameterFeatureSource("LIEUX", tr("Lieux de médiation numérique"), [SOURCE_VECTOR_POINT]))
        self.addParameter(QgsProcessingParameterString("TERRITOIRE", tr("Territoire (titre de la couverture)"),
                                                       defaultValue="Hauts-de-France"))
        self.addParameter(QgsProcessingParameterString(
            "COMMUNES", tr("Communes : codes INSEE ou leur début (80 : la Somme), ou noms, séparés par des virgules"), optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            "FILTRE", tr("Ne garder que les lieux où… (expression)"), optional=True, parentLayerParameterName="LIEUX"))
        self.addParameter(QgsProcessingParameterEnum("SERVICES", tr("Services (au moins un de)"), options=service_choices(),
                                                     allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterEnum("LABELS", tr("Labels et dispositifs (au moins un de)"),
                                                     options=label_choices(), allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterBoolean("PUBLIES_SEULEMENT", tr("Lieux publiés uniquement"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_PDF", tr("Annuaire (PDF)"), tr("PDF (*.pdf)"),
                                                                optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_HTML", tr("Annuaire (page HTML)"), tr("HTML (*.html *.htm)"),
                                                                optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("NB_LIEUX", tr("Nombre de lieux")))
        self.addOutput(QgsProcessingOutputNumber("NB_COMMUNES", tr("Nombre de communes")))
        self.addOutput(QgsProcessingOutputNumber("NB_PAGES", tr("Nombre de pages du PDF")))

    def _enums(self, parameters, name: str, context) -> list[int]:
        """The chosen options of a multiple enum; none when left empty (QGIS 3.22 would answer the first)."""
        value = parameters.get(name)
        if value is None or value == [] or value == "":
            return []
        return list(self.parameterAsEnums(parameters, name, context))

    def _rows(self, parameters, context, feedback) -> tuple[list[dict[str, str]], bool]:
        """The lieux passing the expression, as rows; whether the layer has ``hdf_statut``."""
        from ..core.layer import FeatureConverter

        source = self.parameterAsSource(parameters, "LIEUX", context)
        if source is None:
            raise QgsProcessingException(tr("Couche de lieux introuvable."))
        request = QgsFeatureRequest()
        filter_text = self.parameterAsExpression(parameters, "FILTRE", context)
        if filter_text:
            expression = QgsExpression(filter_text)
            if expression.hasParserError():
                raise QgsProcessingException(tr("Filtre des lieux illisible : {erreur}").format(erreur=expression.parserErrorString()))
            request.setFilterExpression(filter_text)
            request.setExpressionContext(self.createExpressionContext(parameters, context, source))
        converter = FeatureConverter(source.fields())
        rows, total = [], max(source.featureCount(), 1)
        for index, feature in enumerate(source.getFeatures(request)):
            if feedback.isCanceled():
                break
            rows.append(converter.row(feature))
            feedback.setProgress(100.0 * index / total)
        return rows, "hdf_statut" in source.fields().names()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.annuaire import Options, collect, describe_options, label_choices, lieu_count, parse_territory, render_html, render_pdf

        pdf_path = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context)
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if not pdf_path and not html_path:
            raise QgsProcessingException(tr("Indiquez au moins un fichier de sortie : PDF ou HTML."))
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        rows, has_status = self._rows(parameters, context, steps)
        if feedback.isCanceled():
            return {}
        published_only = self.parameterAsBoolean(parameters, "PUBLIES_SEULEMENT", context)
        if published_only and not has_status:
            feedback.pushWarning(tr("La couche n'a pas de champ « hdf_statut » : tous les lieux sont repris, publiés ou non."))
            published_only = False
        services, labels = service_choices(), label_choices()
        prefixes, communes = parse_territory(self.parameterAsString(parameters, "COMMUNES", context))
        options = Options(services=tuple(services[i] for i in self._enums(parameters, "SERVICES", context)),
                          labels=tuple(labels[i] for i in self._enums(parameters, "LABELS", context)),
                          published_only=published_only, insee_prefixes=prefixes, communes=communes)
        groups = collect(rows, options)
        count = lieu_count(groups)
        if not count:
            raise QgsProcessingException(tr("Aucun lieu ne correspond aux critères : l'annuaire serait vide."))
        feedback.pushInfo(tr("{lieux} lieu(x) dans {communes} commune(s).").format(lieux=count, communes=len(groups)))
        title = tr("Annuaire des lieux de médiation numérique")
        territory = self.parameterAsString(parameters, "TERRITOIRE", context).strip()
        today = dt.date.today()
        notes = describe_options(options)
        steps.setCurrentStep(1)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(render_html(groups, title, territory, today, notes))
            feedback.pushInfo(tr("Page HTML écrite : {fichier}").format(fichier=html_path))
        steps.setCurrentStep(2)
        pages = 0
        if pdf_path:
            try:
                pages = render_pdf(groups, pdf_path, title, territory, today, steps, notes)
            except (OSError, RuntimeError) as error:
                raise QgsProcessingException(str(error)) from error
            if feedback.isCanceled():
                return {}
            feedback.pushInfo(tr("PDF écrit : {fichier} ({pages} pages).").format(fichier=pdf_path, pages=pages))
        return {"OUTPUT_PDF": pdf_path or None, "OUTPUT_HTML": html_path or None, "NB_LIEUX": count,
                "NB_COMMUNES": len(groups), "NB_PAGES": pages}
