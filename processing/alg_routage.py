"""Temps d'accès: isochrones of lieux, accessibility of a territory, road network compilation."""

from __future__ import annotations

from datetime import date

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core.compat import (
    FAST_INSERT,
    NUMBER_DOUBLE,
    SOURCE_VECTOR_ANY,
    SOURCE_VECTOR_ANY_GEOMETRY,
    SOURCE_VECTOR_LINE,
    SOURCE_VECTOR_POINT,
    SOURCE_VECTOR_POLYGON,
    WKB_MULTIPOLYGON,
    WKB_NO_GEOMETRY,
    make_field,
)
from ..core.i18n import tr
from .base import MednumAlgorithm

LAMBERT93 = QgsCoordinateReferenceSystem("EPSG:2154")
MODES = ("voiture", "pied", "velo")
MODE_ALIASES = {"car": "voiture", "auto": "voiture", "driving": "voiture", "walk": "pied", "marche": "pied", "pedestrian": "pied",
                "a pied": "pied", "à pied": "pied", "bike": "velo", "vélo": "velo", "bicycle": "velo", "cycling": "velo"}
PROVIDERS = ("embarque", "geoplateforme", "valhalla", "openrouteservice", "osrm")


def mode_labels() -> list[str]:
    return [tr("Voiture"), tr("À pied"), tr("Vélo")]


def parse_mode(value) -> str:
    text = str(value or "").strip().lower()
    text = MODE_ALIASES.get(text, text)
    if text not in MODES:
        raise ValueError(tr("Mode de déplacement « {mode} » inconnu (voiture, pied ou velo).").format(mode=value))
    return text


def parse_thresholds(value) -> list[float]:
    """Minutes from « 5,10,15 » (also ; or spaces); sorted, positive."""
    text = str(value or "").replace(";", ",").replace(" ", ",")
    minutes = []
    for part in text.split(","):
        if not part.strip():
            continue
        try:
            number = float(part.replace("min", ""))
        except ValueError as error:
            raise ValueError(tr("Seuil « {seuil} » illisible : des minutes sont attendues (ex. 5,10,15,30).").format(seuil=part)) from error
        if number <= 0 or number > 600:
            raise ValueError(tr("Seuil « {seuil} » hors limites (entre 1 et 600 minutes).").format(seuil=part))
        minutes.append(number)
    if not minutes:
        raise ValueError(tr("Aucun seuil : indiquez des minutes, ex. 5,10,15,30."))
    return sorted(set(minutes))


def make_provider(name: str):
    """A remote provider configured in the plugin's settings."""
    from ..core.routing import providers
    from ..core.settings import load_settings

    settings = load_settings()
    if name == "geoplateforme":
        return providers.GeoplateformeProvider(settings.geoplateforme_url)
    if name == "valhalla":
        if not settings.valhalla_url:
            raise ValueError(tr("Aucune adresse de serveur Valhalla dans les options de l'extension."))
        return providers.ValhallaProvider(settings.valhalla_url)
    if name == "osrm":
        if not settings.osrm_url:
            raise ValueError(tr("Aucune adresse de serveur OSRM dans les options de l'extension."))
        return providers.OsrmProvider(settings.osrm_url)
    if name == "openrouteservice":
        return providers.OpenRouteServiceProvider(settings.ors_url, settings.ors_authcfg)
    raise ValueError(name)


class _RoutingAlgorithm(MednumAlgorithm):
    def group(self) -> str:
        return tr("Temps d'accès")

    def groupId(self) -> str:  # noqa: N802
        return "temps_acces"

    def _network_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFile(
            "RESEAU", tr("Réseau routier (.npz compilé ou .osm.pbf ; vide : réseau SYNTHÉTIQUE de démonstration)"),
            optional=True, fileFilter=tr("Réseaux (*.npz *.pbf *.osm.pbf)")))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "RESEAU_COUCHE", tr("… ou couche de tronçons routiers (BD TOPO troncon_de_route, lignes OSM)"),
            [SOURCE_VECTOR_LINE],
            optional=True))

    def _network(self, parameters, context, feedback):
        from ..core.routing.sources import open_network

        layer = self.parameterAsVectorLayer(parameters, "RESEAU_COUCHE", context) if parameters.get("RESEAU_COUCHE") else None
        path = self.parameterAsFile(parameters, "RESEAU", context) if parameters.get("RESEAU") else None
        try:
            network = open_network(path, layer, feedback)
        except (OSError, ValueError) as error:
            raise QgsProcessingException(str(error)) from error
        if network.synthetic:
            feedback.pushWarning(tr("Réseau routier SYNTHÉTIQUE (démonstration) : les temps ne sont pas ceux des vraies routes."))
        feedback.pushInfo(tr("Réseau : {noeuds} nœuds, {troncons} tronçons ({source}).").format(
            noeuds=network.node_count, troncons=network.segment_count, source=network.source))
        return network


class Isochrones(_RoutingAlgorithm):
    _name = "isochrones"
    _display = "Isochrones des lieux"
    _help = ("Pour chaque lieu (ou point), les zones atteignables en 5, 10, 15… minutes, à pied, à vélo ou en voiture, "
             "emboîtées. Par défaut : « vers le lieu », le temps qu'il faut pour s'y rendre. Le mode et les seuils peuvent "
             "venir des attributs (expressions). Moteur embarqué hors ligne par défaut ; IGN Géoplateforme, Valhalla ou "
             "openrouteservice selon les options de l'extension. Un lieu en échec est signalé sans arrêter les autres.")

    def initAlgorithm(self, config=None):  # noqa: N802
        point = [SOURCE_VECTOR_POINT]
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", tr("Lieux (ou points de départ)"), point))
        self.addParameter(QgsProcessingParameterExpression("MODE", tr("Mode (expression : 'voiture', 'pied' ou 'velo')"),
                                                           defaultValue="'voiture'", parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterExpression("SEUILS", tr("Seuils en minutes (expression, ex. '5,10,15,20,30')"),
                                                           defaultValue="'5,10,15,20,30'", parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterEnum("DIRECTION", tr("Sens"), options=[
            tr("Vers le lieu (temps pour s'y rendre)"), tr("Depuis le lieu")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("FOURNISSEUR", tr("Calcul"), options=[
            tr("Moteur embarqué (hors ligne)"), tr("IGN Géoplateforme"), tr("Valhalla"), tr("openrouteservice")], defaultValue=0))
        self._network_parameters()
        self.addParameter(QgsProcessingParameterNumber("CELLULE", tr("Taille des mailles du contour (m)"),
                                                       NUMBER_DOUBLE,
                                                       defaultValue=200, minValue=25, maxValue=2000))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Isochrones"), SOURCE_VECTOR_POLYGON))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.routing.engine import times_from
        from ..core.routing.polygons import isochrone_polygons

        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            raise QgsProcessingException(tr("Couche de lieux introuvable."))
        direction = "to" if self.parameterAsEnum(parameters, "DIRECTION", context) == 0 else "from"
        provider_name = ("embarque", "geoplateforme", "valhalla", "openrouteservice")[self.parameterAsEnum(parameters, "FOURNISSEUR", context)]
        cell = self.parameterAsDouble(parameters, "CELLULE", context)
        network = self._network(parameters, context, feedback) if provider_name == "embarque" else None
        provider = None
        if network is None:
            try:
                provider = make_provider(provider_name)
            except ValueError as error:
                raise QgsProcessingException(str(error)) from error
        fields = QgsFields()
        for name, kind in (("lieu_id", "string"), ("nom", "string"), ("commune", "string"), ("fournisseur", "string"),
                           ("mode", "string"), ("sens", "string"), ("seuil_min", "number"), ("aire_km2", "number"), ("date", "date")):
            fields.append(make_field(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, WKB_MULTIPOLYGON, LAMBERT93)
        to_l93 = QgsCoordinateTransform(source.sourceCrs(), LAMBERT93, context.transformContext())
        expression_context = self._expression_context(context, source)
        mode_expr = QgsExpression(self.parameterAsExpression(parameters, "MODE", context))
        seuils_expr = QgsExpression(self.parameterAsExpression(parameters, "SEUILS", context))
        for expression in (mode_expr, seuils_expr):
            expression.prepare(expression_context)
        names = source.fields().names()
        total = max(source.featureCount(), 1)
        done = errors = polygons = 0
        today = date.today().isoformat()
        seen_thresholds: set[float] = set()
        for feature in source.getFeatures():
            if feedback.isCanceled():
                break
            label = str(feature["nom"]) if "nom" in names and feature["nom"] else tr("objet {fid}").format(fid=feature.id())
            try:
                expression_context.setFeature(feature)
                mode = parse_mode(mode_expr.evaluate(expression_context))
                minutes = parse_thresholds(seuils_expr.evaluate(expression_context))
                geometry = QgsGeometry(feature.geometry())
                if geometry.isEmpty():
                    raise ValueError(tr("pas de position"))
                geometry.transform(to_l93)
                point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
                if network is not None:
                    nodes, _ = network.snap([[point.x(), point.y()]], mode, 5000)
                    if nodes[0] < 0:
                        raise ValueError(tr("trop loin du réseau routier (plus de 5 km)"))
                    times = times_from(network, mode, [int(nodes[0])], limit_s=max(minutes) * 60, to=direction == "to")
                    rings = isochrone_polygons(network.xy, times, [m * 60 for m in minutes], cell_m=cell)
                else:
                    rings = provider.isochrones((point.x(), point.y()), mode, [m * 60 for m in minutes], direction)
            except Exception as error:  # one failing lieu never stops the batch
                errors += 1
                feedback.reportError(tr("« {lieu} » : isochrone impossible — {erreur}").format(lieu=label, erreur=getattr(error, "message", error)),
                                     False)
                continue
            seen_thresholds.update(float(t) / 60.0 for t, _ in rings)
            for threshold_s, polygon in sorted(rings, key=lambda item: -item[0]):
                out = QgsFeature(fields)
                out.setGeometry(polygon)
                out.setAttributes([str(feature["id"]) if "id" in names else str(feature.id()), label,
                                   str(feature["commune"]) if "commune" in names and feature["commune"] else "",
                                   provider_name, mode, "vers le lieu" if direction == "to" else "depuis le lieu",
                                   float(threshold_s) / 60.0, polygon.area() / 1e6, today])
                sink.addFeature(out, FAST_INSERT)
                polygons += 1
            done += 1
            feedback.setProgress(100.0 * (done + errors) / total)
        feedback.pushInfo(tr("{n} lieu(x) traité(s), {p} polygone(s), {e} en échec.").format(n=done, p=polygons, e=errors))
        values = sorted(seen_thresholds)
        style_on_completion(context, dest, "seuil_min", values, [f"{v:g} min" for v in values])
        return {"OUTPUT": dest, "NB_LIEUX": done, "NB_ERREURS": errors}

    @staticmethod
    def _expression_context(context, source) -> QgsExpressionContext:
        """The run's expression context plus the fields of the lieux (for the MODE and SEUILS expressions)."""
        expression_context = QgsExpressionContext(context.expressionContext())
        scope = QgsExpressionContextScope()
        scope.setFields(source.fields())
        expression_context.appendScope(scope)
        return expression_context


class TempsAcces(_RoutingAlgorithm):
    _name = "temps_acces"
    _display = "Temps d'accès d'un territoire"
    _help = ("Pour chaque commune (ou maille d'une grille de population) : le temps pour rejoindre le lieu le plus proche, "
             "ce lieu, la classe de temps ; les « zones blanches » au-delà du dernier seuil ; et un tableau de la population "
             "à moins de 5, 10, 15… minutes par département et par EPCI. Les lieux peuvent être filtrés par une expression "
             "(ex. services, APTIC, France Services). Un seul calcul de plus court chemin pour tous les lieux.")

    def initAlgorithm(self, config=None):  # noqa: N802
        point = [SOURCE_VECTOR_POINT]
        anything = [SOURCE_VECTOR_ANY_GEOMETRY]
        self.addParameter(QgsProcessingParameterFeatureSource("LIEUX", tr("Lieux de médiation numérique"), point))
        self.addParameter(QgsProcessingParameterExpression(
            "FILTRE", tr("Ne garder que les lieux où… (expression, ex. \"services\" LIKE '%Aide aux démarches administratives%')"),
            optional=True, parentLayerParameterName="LIEUX"))
        self.addParameter(QgsProcessingParameterFeatureSource("TERRITOIRE", tr("Communes ou mailles de population"), anything))
        self.addParameter(QgsProcessingParameterField("POPULATION", tr("Champ population"), "population", "TERRITOIRE",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField("NOM", tr("Champ nom"), "nom", "TERRITOIRE", optional=True))
        self.addParameter(QgsProcessingParameterField("DEPARTEMENT", tr("Champ département (résumé)"), "code_departement",
                                                      "TERRITOIRE", optional=True))
        self.addParameter(QgsProcessingParameterField("EPCI", tr("Champ EPCI (résumé)"), "nom_epci", "TERRITOIRE", optional=True))
        self.addParameter(QgsProcessingParameterEnum("MODE", tr("Mode"), options=mode_labels(), defaultValue=0))
        self.addParameter(QgsProcessingParameterString("SEUILS", tr("Seuils en minutes"), defaultValue="5,10,15,20,30"))
        self._network_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Temps d'accès")))
        self.addParameter(QgsProcessingParameterFeatureSink("ZONES_BLANCHES", tr("Zones blanches")))
        self.addParameter(QgsProcessingParameterFeatureSink("RESUME", tr("Résumé par territoire"), SOURCE_VECTOR_ANY))
        self.addParameter(QgsProcessingParameterFileDestination("RESUME_CSV", tr("Résumé (CSV)"), tr("CSV (*.csv)"), optional=True,
                                                                createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.routing.access import Lieu, Place, territory_access

        lieux_source = self.parameterAsSource(parameters, "LIEUX", context)
        territory = self.parameterAsSource(parameters, "TERRITOIRE", context)
        if lieux_source is None or territory is None:
            raise QgsProcessingException(tr("Indiquez les lieux et le territoire."))
        mode = MODES[self.parameterAsEnum(parameters, "MODE", context)]
        try:
            minutes = parse_thresholds(self.parameterAsString(parameters, "SEUILS", context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        network = self._network(parameters, context, feedback)
        to_l93 = QgsCoordinateTransform(lieux_source.sourceCrs(), LAMBERT93, context.transformContext())
        request = QgsFeatureRequest()
        filter_text = self.parameterAsExpression(parameters, "FILTRE", context)
        if filter_text:
            expression = QgsExpression(filter_text)
            if expression.hasParserError():
                raise QgsProcessingException(tr("Filtre des lieux illisible : {erreur}").format(erreur=expression.parserErrorString()))
            request.setFilterExpression(filter_text)
        lieux, skipped = [], 0
        names = lieux_source.fields().names()
        for feature in lieux_source.getFeatures(request):
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty():
                skipped += 1
                feedback.reportError(tr("Lieu {lieu} sans position : ignoré.").format(lieu=feature["nom"] if "nom" in names else feature.id()), False)
                continue
            geometry.transform(to_l93)
            point = geometry.centroid().asPoint()
            lieux.append(Lieu(str(feature["id"]) if "id" in names else str(feature.id()),
                              str(feature["nom"]) if "nom" in names else "", point.x(), point.y()))
        feedback.pushInfo(tr("{n} lieu(x) retenu(s) par le filtre.").format(n=len(lieux)))
        if not lieux:
            raise QgsProcessingException(tr("Aucun lieu ne correspond au filtre : rien à calculer."))
        population_field = self.parameterAsString(parameters, "POPULATION", context)
        name_field = self.parameterAsString(parameters, "NOM", context)
        group_fields = {"departement": self.parameterAsString(parameters, "DEPARTEMENT", context),
                        "epci": self.parameterAsString(parameters, "EPCI", context)}
        places_to_l93 = QgsCoordinateTransform(territory.sourceCrs(), LAMBERT93, context.transformContext())
        places, features = [], []
        territory_names = territory.fields().names()
        for feature in territory.getFeatures():
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty():
                continue
            geometry.transform(places_to_l93)
            point = geometry.pointOnSurface().asPoint() if geometry.type() == 2 else geometry.centroid().asPoint()
            population = feature[population_field] if population_field in territory_names else 0
            try:
                population = float(population or 0)
            except (TypeError, ValueError):
                population = 0.0
            groups = {key: str(feature[field] or "") for key, field in group_fields.items() if field and field in territory_names}
            places.append(Place(str(feature.id()), str(feature[name_field]) if name_field in territory_names else "",
                                point.x(), point.y(), population, groups))
            features.append(feature)
        feedback.setProgress(30)
        result = territory_access(network, mode, lieux, places, [m * 60 for m in minutes])
        for lieu in result.unplaced_lieux:
            feedback.reportError(tr("Lieu « {lieu} » trop loin du réseau routier : ignoré.").format(lieu=lieu.name), False)
        feedback.setProgress(70)
        fields = QgsFields(territory.fields())
        for name, kind in (("temps_min", "number"), ("classe", "string"), ("lieu_id", "string"), ("lieu_nom", "string"),
                           ("distance_reseau_m", "number"), ("mode", "string")):
            fields.append(make_field(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, territory.wkbType(), territory.sourceCrs())
        blank_sink, blank_dest = self.parameterAsSink(parameters, "ZONES_BLANCHES", context, fields, territory.wkbType(), territory.sourceCrs())
        classes = result.time_class()
        last = result.thresholds_s[-1]
        flag = FAST_INSERT
        for index, feature in enumerate(features):
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            time_s = float(result.times_s[index])  # numpy floats do not convert to QVariant
            lieu = result.lieux[int(result.nearest[index])] if result.nearest[index] >= 0 else None
            out.setAttributes(list(feature.attributes()) + [
                round(time_s / 60.0, 2) if time_s != float("inf") else None, classes[index],
                lieu.key if lieu else None, lieu.name if lieu else None, round(float(result.snap_m[index]), 1), mode])
            sink.addFeature(out, flag)
            if time_s > last:
                blank_sink.addFeature(out, flag)
        summary_fields = QgsFields()
        summary_fields.append(make_field("niveau", "string"))
        summary_fields.append(make_field("territoire", "string"))
        summary_fields.append(make_field("population", "number"))
        for m in minutes:
            summary_fields.append(make_field(f"pop_{m:g}min", "number"))
            summary_fields.append(make_field(f"part_{m:g}min", "number"))
        summary_fields.append(make_field("pop_au_dela", "number"))
        summary_fields.append(make_field("part_au_dela", "number"))
        summary_sink, summary_dest = self.parameterAsSink(parameters, "RESUME", context, summary_fields, WKB_NO_GEOMETRY,
                                                          QgsCoordinateReferenceSystem())
        rows: list[tuple[str, dict]] = [(tr("ensemble"), row) for row in result.summary()]
        for level in ("departement", "epci"):
            if group_fields.get(level):
                rows += [(level, row) for row in result.summary(level)]
        for level, row in rows:
            out = QgsFeature(summary_fields)
            values = [level, row["territoire"], float(row["population"])]
            for m in minutes:
                values += [float(row[f"pop_{m:g}min"]), round(float(row[f"part_{m:g}min"]), 2)]
            values += [float(row["pop_au_dela"]), round(float(row["part_au_dela"]), 2)]
            out.setAttributes(values)
            summary_sink.addFeature(out, flag)
        style_on_completion(context, dest, "classe", class_labels(minutes), class_labels(minutes))
        csv_path = self.parameterAsFileOutput(parameters, "RESUME_CSV", context)
        if csv_path:
            write_summary_csv(csv_path, rows, minutes)
        overall = result.summary()[0]
        feedback.pushInfo(tr("Population à moins de {m} min : {part} % ; au-delà : {au_dela} %.").format(
            m=f"{minutes[-1]:g}", part=f"{overall[f'part_{minutes[-1]:g}min']:.1f}", au_dela=f"{overall['part_au_dela']:.1f}"))
        return {"OUTPUT": dest, "ZONES_BLANCHES": blank_dest, "RESUME": summary_dest, "RESUME_CSV": csv_path or None,
                "POPULATION": overall["population"], "PART_DERNIER_SEUIL": overall[f"part_{minutes[-1]:g}min"]}


class _StyleByClass(QgsProcessingLayerPostProcessorInterface):
    """Colours the temps d'accès layer by time class (green → red), once loaded in QGIS."""

    def __init__(self, field: str, values: list, labels: list[str]):
        super().__init__()
        self.field, self.values, self.labels = field, values, labels

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsSymbol

        colours = ["#1a9850", "#66bd63", "#a6d96a", "#fee08b", "#fdae61", "#f46d43", "#d73027", "#a50026"]
        categories = []
        for index, (value, label) in enumerate(zip(self.values, self.labels)):
            symbol = QgsSymbol.defaultSymbol(layer.geometryType())
            symbol.setColor(QColor(colours[min(index * (len(colours) - 1) // max(len(self.values) - 1, 1), len(colours) - 1)]))
            symbol.setOpacity(0.75)
            categories.append(QgsRendererCategory(value, symbol, label))
        layer.setRenderer(QgsCategorizedSymbolRenderer(self.field, categories))
        layer.triggerRepaint()


_POST_PROCESSORS: list = []  # QGIS does not keep Python post-processors alive


def style_on_completion(context, destination: str, field: str, values: list, labels: list[str]) -> None:
    if destination and context.willLoadLayerOnCompletion(destination):
        processor = _StyleByClass(field, values, labels)
        _POST_PROCESSORS.append(processor)
        context.layerToLoadOnCompletionDetails(destination).setPostProcessor(processor)


def class_labels(minutes: list[float]) -> list[str]:
    labels, previous = [], 0.0
    for edge in minutes:
        labels.append(f"≤ {edge:g} min" if previous == 0 else f"{previous:g}–{edge:g} min")
        previous = edge
    return labels + [f"> {minutes[-1]:g} min"]


def write_summary_csv(path: str, rows: list[tuple[str, dict]], minutes: list[float]) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        header = ["niveau", "territoire", "population"]
        for m in minutes:
            header += [f"pop_{m:g}min", f"part_{m:g}min"]
        writer.writerow(header + ["pop_au_dela", "part_au_dela"])
        for level, row in rows:
            values = [level, row["territoire"], f"{row['population']:.0f}"]
            for m in minutes:
                values += [f"{row[f'pop_{m:g}min']:.0f}", f"{row[f'part_{m:g}min']:.2f}"]
            writer.writerow(values + [f"{row['pop_au_dela']:.0f}", f"{row['part_au_dela']:.2f}"])


class CompilerReseau(_RoutingAlgorithm):
    _name = "compiler_reseau"
    _display = "Compiler un réseau routier"
    _help = ("Compile une fois un réseau routier (OpenStreetMap .osm.pbf, ou couche BD TOPO troncon_de_route) en un fichier "
             ".npz réutilisable par « Isochrones des lieux » et « Temps d'accès d'un territoire ».")

    def initAlgorithm(self, config=None):  # noqa: N802
        self._network_parameters()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Réseau compilé"), tr("Réseau (*.npz)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        network = self._network(parameters, context, feedback)
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        network.save(path)
        return {"OUTPUT": path, "NB_NOEUDS": network.node_count, "NB_TRONCONS": network.segment_count}
