"""The ``mednum`` Processing provider."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr
from .alg_annuaire import Annuaire
from .alg_atlas import Atlas
from .alg_exporter import Exporter
from .alg_exporter_standard import ExporterStandard
from .alg_fraicheur import Fraicheur
from .alg_importer import Importer
from .alg_routage import CompilerReseau, Isochrones, TempsAcces
from .alg_sous_les_radars import SousLesRadars
from .alg_valider import Valider

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "mednum.svg"


class MednumProvider(QgsProcessingProvider):
    """Algorithms of the plugin « Médiation numérique — Géo2France »."""

    def id(self) -> str:
        return "mednum"

    def name(self) -> str:
        return tr("Médiation numérique")

    def longName(self) -> str:  # noqa: N802
        return tr("Médiation numérique — Géo2France")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for algorithm in (Valider(), ExporterStandard(), Exporter(), Isochrones(), TempsAcces(), CompilerReseau(),
                          Fraicheur(), SousLesRadars(), Annuaire(), Atlas(), Importer()):
            self.addAlgorithm(algorithm)
