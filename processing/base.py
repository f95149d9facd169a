"""Shared base of the plugin's Processing algorithms (names, help, translation)."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm

from ..core.i18n import tr


class MednumAlgorithm(QgsProcessingAlgorithm):
    """Algorithm of the ``mednum`` provider: French display names, group, help."""

    _name = ""
    _display = ""
    _help = ""

    def tr(self, text: str) -> str:  # noqa: D102 - Qt convention
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def name(self) -> str:
        return self._name

    def displayName(self) -> str:  # noqa: N802
        return tr(self._display)

    def group(self) -> str:
        return tr("Base des lieux")

    def groupId(self) -> str:  # noqa: N802
        return "base"

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(self._help)


def read_input_rows(algorithm: QgsProcessingAlgorithm, parameters, context, feedback,
                    layer_param: str = "INPUT", file_param: str = "FICHIER"):
    """Rows to work on: from the layer parameter, else from the file parameter.

    Returns ``(rows, row_numbers, issues)``: feature ids for a layer, file line numbers
    for a file, and the problems met while reading (nothing is dropped silently).
    """
    from qgis.core import QgsProcessingException

    from ..core.io_standard import read_lieux
    from ..core.layer import FeatureConverter

    source = algorithm.parameterAsSource(parameters, layer_param, context) if parameters.get(layer_param) else None
    if source is not None:
        converter = FeatureConverter(source.fields(), source.sourceCrs() if source.sourceCrs().isValid() else None)
        rows, numbers = [], []
        total = max(source.featureCount(), 1)
        for index, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            rows.append(converter.row(feature))
            numbers.append(feature.id())
            feedback.setProgress(50.0 * index / total)
        return rows, numbers, []
    path = algorithm.parameterAsFile(parameters, file_param, context) if parameters.get(file_param) else ""
    if not path:
        raise QgsProcessingException(tr("Indiquez une couche de lieux ou un fichier (CSV ou GeoJSON)."))
    result = read_lieux(path)
    feedback.pushInfo(tr("Fichier lu : format v{version}, encodage {encodage}, {lignes} lignes, {importees} importées.").format(
        version=result.version, encodage=result.encoding, lignes=result.record_count, importees=len(result.rows)))
    return result.rows, result.row_numbers, result.issues
