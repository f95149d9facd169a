"""Sous les radars: places of an external list that the base does not have yet."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.compat import FAST_INSERT, PARAMETER_ADVANCED, SOURCE_VECTOR_POINT, WKB_POINT, make_field
from ..core.dedupe import CUTOFF
from ..core.i18n import tr
from ..core.io_standard import read_lieux
from ..core.layer import FeatureConverter
from ..core.radars import PROP_DISMISSALS, PROP_SOURCE, Absent, Dismissals, compare, default_source_id, mark_dismissed
from .alg_routage import _POST_PROCESSORS
from .base import MednumAlgorithm

LAMBERT93 = QgsCoordinateReferenceSystem("EPSG:2154")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
#: The external place's fields copied to the output (text, as in the file).
ROW_FIELDS = ("id", "nom", "adresse", "complement_adresse", "code_postal", "code_insee", "commune", "typologie", "pivot",
              "telephone", "courriels", "site_web", "services", "source", "structure_parente", "date_maj")
EXTRA_FIELDS = (("score_max", "number"), ("lieu_proche", "string"), ("lieu_proche_id", "string"), ("motif", "string"),
                ("cle_externe", "string"), ("source_radar", "string"), ("ecarte", "boolean"))


def _advanced(parameter):
    """Flag a parameter as advanced (QGIS 3.22 → 3.40+)."""
    parameter.setFlags(parameter.flags() | PARAMETER_ADVANCED)
    return parameter


def read_external(path: str, feedback=None) -> list[dict[str, str]]:
    """Rows of an external file: standard CSV (v1 or v0.1), GeoJSON; other partner formats when the import module reads them."""
    result = read_lieux(path)
    rows, issues = result.rows, result.issues
    if not rows and result.record_count == 0:
        try:  # partner formats (data·inclusion…), when available
            from ..core.imports import read_partner_file
        except ImportError:
            read_partner_file = None
        if read_partner_file is not None:
            partner = read_partner_file(path)
            rows, issues = list(getattr(partner, "rows", partner) or []), list(getattr(partner, "issues", []) or [])
    if feedback is not None:
        for issue in issues:
            if getattr(issue, "is_error", False):
                feedback.reportError(getattr(issue, "message", str(issue)), False)
    return rows


class _RadarLayerSetUp(QgsProcessingLayerPostProcessorInterface):
    """Once loaded in QGIS, the absent places get the « Écarter » actions."""

    def __init__(self, source_id: str, dismissals_path: str):
        super().__init__()
        self.source_id, self.dismissals_path = source_id, dismissals_path

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        layer.setCustomProperty(PROP_SOURCE, self.source_id)
        layer.setCustomProperty(PROP_DISMISSALS, self.dismissals_path)
        try:
            from ..ui.freshness_actions import install_radar_actions

            install_radar_actions(layer)
        except ImportError:  # pragma: no cover - without the GUI (qgis_process)
            pass


class SousLesRadars(MednumAlgorithm):
    _name = "sous_les_radars"
    _display = "Lieux sous les radars"
    _help = ("Compare une liste externe (export de la cartographie nationale, fichier d'un partenaire : CSV du standard, ancien "
             "format v0.1 ou GeoJSON) à la base, et donne les lieux qui n'y sont pas encore. Un lieu est considéré comme présent "
             "s'il a le même identifiant (ou figure dans les identifiants externes d'un lieu sous la forme source:identifiant), "
             "le même SIRET dans la même commune, ou si la règle nationale de dédoublonnage le rapproche d'un lieu de la base "
             "(score ≥ 70). Chaque lieu absent est donné avec le lieu le plus ressemblant de la base et son score. Les lieux "
             "écartés par un agent (action « Écarter » sur la couche résultat) ne sont plus signalés pour cette source.")

    def group(self) -> str:
        return tr("Mise à jour")

    def groupId(self) -> str:  # noqa: N802
        return "mise_a_jour"

    def initAlgorithm(self, config=None):  # noqa: N802
        point = [SOURCE_VECTOR_POINT]
        self.addParameter(QgsProcessingParameterFeatureSource("BASE", tr("Lieux de la base"), point))
        self.addParameter(QgsProcessingParameterFile("EXTERNE", tr("Liste externe (CSV du standard, GeoJSON)"),
                                                     fileFilter=tr("Lieux (*.csv *.geojson *.json);;Tous les fichiers (*)")))
        self.addParameter(QgsProcessingParameterString("SOURCE", tr("Identifiant de la source (vide : nom du fichier sans date)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean("INCLURE_ECARTES", tr("Montrer aussi les lieux écartés"), defaultValue=False))
        self.addParameter(_advanced(QgsProcessingParameterFile(
            "ECARTES", tr("Fichier des lieux écartés (vide : celui du profil QGIS)"), optional=True,
            fileFilter=tr("SQLite (*.sqlite)"))))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Lieux sous les radars"), point[0]))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        base = self.parameterAsSource(parameters, "BASE", context)
        if base is None:
            raise QgsProcessingException(tr("Couche des lieux de la base introuvable."))
        path = self.parameterAsFile(parameters, "EXTERNE", context)
        if not path or not Path(path).is_file():
            raise QgsProcessingException(tr("Fichier externe introuvable : {fichier}").format(fichier=path))
        source_id = (self.parameterAsString(parameters, "SOURCE", context) or "").strip() or default_source_id(path)
        include_dismissed = self.parameterAsBoolean(parameters, "INCLURE_ECARTES", context)
        dismissals_path = self.parameterAsFile(parameters, "ECARTES", context) if parameters.get("ECARTES") else ""

        to_l93 = QgsCoordinateTransform(base.sourceCrs(), LAMBERT93, context.transformContext())
        converter = FeatureConverter(base.fields(), None)
        base_items = []
        for feature in base.getFeatures():
            if feedback.isCanceled():
                return {}
            base_items.append((converter.row(feature), _l93_point(feature.geometry(), to_l93)))
        external_rows = read_external(path, feedback)
        if not external_rows:
            raise QgsProcessingException(tr("Aucun lieu lu dans {fichier} : vérifiez son format (CSV du standard ou GeoJSON).").format(
                fichier=Path(path).name))
        wgs84_to_l93 = QgsCoordinateTransform(WGS84, LAMBERT93, context.transformContext())
        external = [(row, _wgs84_point(row, wgs84_to_l93)) for row in external_rows]
        feedback.pushInfo(tr("{n} lieu(x) externes (source « {source} »), {base} lieu(x) dans la base.").format(
            n=len(external), source=source_id, base=len(base_items)))
        feedback.setProgress(20)
        absent = compare(base_items, external, source_id)
        with Dismissals(dismissals_path or None) as dismissals:
            mark_dismissed(absent, dismissals, source_id)
            dismissals_file = str(dismissals.path)
        feedback.setProgress(80)

        fields = QgsFields()
        for name in ROW_FIELDS:
            fields.append(make_field(name, "string"))
        for name, kind in EXTRA_FIELDS:
            fields.append(make_field(name, kind))
        wkb = WKB_POINT
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, wkb, LAMBERT93)
        reported = 0
        for item in absent:
            if item.dismissed and not include_dismissed:
                continue
            sink.addFeature(_output_feature(fields, item, source_id), FAST_INSERT)
            reported += 1
        dismissed = sum(1 for item in absent if item.dismissed)
        feedback.pushInfo(tr("{n} lieu(x) absent(s) de la base ; {ecartes} écarté(s) par un agent{montres}.").format(
            n=len(absent) - dismissed, ecartes=dismissed, montres=tr(" (montrés)") if include_dismissed and dismissed else ""))
        if dest and context.willLoadLayerOnCompletion(dest):
            processor = _RadarLayerSetUp(source_id, dismissals_file)
            _POST_PROCESSORS.append(processor)
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(processor)
        return {"OUTPUT": dest, "NB_ABSENTS": len(absent) - dismissed, "NB_ECARTES": dismissed, "NB_SIGNALES": reported,
                "NB_EXTERNES": len(external), "NB_PRESENTS": len(external) - len(absent), "SOURCE": source_id}


def _l93_point(geometry, transform):
    if geometry is None or geometry.isEmpty():
        return None
    copy = QgsGeometry(geometry)
    copy.transform(transform)
    point = copy.centroid().asPoint()
    return point.x(), point.y()


def _wgs84_point(row: dict[str, str], transform):
    try:
        lon, lat = float(row.get("longitude") or ""), float(row.get("latitude") or "")
    except ValueError:
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    point = transform.transform(QgsPointXY(lon, lat))
    return point.x(), point.y()


def _output_feature(fields: QgsFields, item: Absent, source_id: str) -> QgsFeature:
    feature = QgsFeature(fields)
    best = item.best
    values = [item.row.get(name) or None for name in ROW_FIELDS]
    values += [best.score if best else None, best.nom if best else None, best.lieu_id if best else None, item.motif(CUTOFF),
               item.key, source_id, item.dismissed]
    feature.setAttributes(values)
    if item.point is not None:
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*item.point)))
    return feature
