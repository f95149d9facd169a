"""The plugin's connection settings (QgsSettings, ``mednum/connexion/…``).

Only addresses, names and the *id* of a QGIS authentication configuration are stored here;
user names and passwords live in QGIS's authentication database and nowhere else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Optional
from urllib.parse import urlsplit

from .i18n import tr
from .network import has_credentials

GEO2FRANCE_WFS = "https://www.geo2france.fr/geoserver/ows"
GEO2FRANCE_CSW = "https://www.geo2france.fr/geonetwork/srv/fre/csw"
GEOCODER = "https://data.geopf.fr/geocodage"
GEOPLATEFORME_NAVIGATION = "https://data.geopf.fr/navigation"
OPENROUTESERVICE = "https://api.openrouteservice.org"
DEMO_PORT = 8765
DEMO_WFS = f"http://127.0.0.1:{DEMO_PORT}/ows"
VERSIONS = ("auto", "2.0.0", "1.1.0")
PREFIX = "mednum/connexion/"
#: layers the plugin loads, and their default names on the server
LAYERS = ("lieux", "communes", "epci", "departements")


@dataclass
class ConnectionSettings:
    url: str = GEO2FRANCE_WFS
    workspace: str = "mednum"
    version: str = "auto"
    authcfg: str = ""
    lieux: str = "lieux"
    communes: str = "communes"
    epci: str = "epci"
    departements: str = "departements"
    historique: str = "historique"
    droits: str = "droits"
    page_size: int = 1000
    csw_url: str = GEO2FRANCE_CSW
    geocoder_url: str = GEOCODER
    geoplateforme_url: str = GEOPLATEFORME_NAVIGATION
    valhalla_url: str = ""
    osrm_url: str = ""
    ors_url: str = OPENROUTESERVICE
    ors_authcfg: str = ""
    editor: str = ""

    def typename(self, layer: str) -> str:
        """The server's name of one of :data:`LAYERS` (prefixed by the workspace when there is one)."""
        name = getattr(self, layer)
        return f"{self.workspace}:{name}" if self.workspace and ":" not in name else name

    def problems(self) -> list[str]:
        """What is wrong with these settings, in French (empty when usable)."""
        found = []
        for label, url in ((tr("Adresse du service WFS"), self.url), (tr("Adresse du catalogue CSW"), self.csw_url),
                           (tr("Service de géocodage"), self.geocoder_url)):
            parts = urlsplit(url or "")
            if parts.scheme not in ("http", "https") or not parts.netloc:
                found.append(tr("{champ} : adresse http(s) attendue, reçu « {valeur} ».").format(champ=label, valeur=url))
            elif has_credentials(url):
                found.append(tr("{champ} : l'adresse contient un identifiant ou un mot de passe ; utilisez une configuration "
                                "d'authentification QGIS.").format(champ=label))
        for label, url in ((tr("Géoplateforme (navigation)"), self.geoplateforme_url), (tr("Serveur Valhalla"), self.valhalla_url),
                           (tr("Serveur OSRM"), self.osrm_url), (tr("openrouteservice"), self.ors_url)):
            if not url:
                continue
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                found.append(tr("{champ} : adresse http(s) attendue, reçu « {valeur} ».").format(champ=label, valeur=url))
            elif has_credentials(url):
                found.append(tr("{champ} : l'adresse contient un identifiant, un mot de passe ou une clé ; utilisez une configuration "
                                "d'authentification QGIS.").format(champ=label))
        if self.version not in VERSIONS:
            found.append(tr("Version WFS « {valeur} » inconnue (auto, 2.0.0 ou 1.1.0).").format(valeur=self.version))
        if not 10 <= int(self.page_size) <= 100000:
            found.append(tr("Taille de page : entre 10 et 100 000 objets."))
        if not self.lieux.strip():
            found.append(tr("Le nom de la couche des lieux est vide."))
        return found

    @classmethod
    def demo(cls, port: int = DEMO_PORT) -> ConnectionSettings:
        """The project's local WFS-T server (``make demo`` / ``scripts/wfst_server.py``)."""
        return cls(url=f"http://127.0.0.1:{port}/ows", workspace="", version="auto")


def load_settings(settings=None) -> ConnectionSettings:
    from qgis.core import QgsSettings

    settings = settings or QgsSettings()
    defaults = ConnectionSettings()
    values = {}
    for item in fields(ConnectionSettings):
        default = getattr(defaults, item.name)
        value = settings.value(PREFIX + item.name, default)
        values[item.name] = int(value) if isinstance(default, int) else str(value if value is not None else "")
    return ConnectionSettings(**values)


def save_settings(connection: ConnectionSettings, settings=None) -> None:
    """Store the settings (refuses URLs carrying credentials)."""
    from qgis.core import QgsSettings

    problems = connection.problems()
    if problems:
        raise ValueError(" ".join(problems))
    settings = settings or QgsSettings()
    for name, value in asdict(connection).items():
        settings.setValue(PREFIX + name, value)


def authcfg_user(authcfg: str) -> Optional[str]:
    """The user name of a Basic authentication configuration (shown as the editor), if any."""
    if not authcfg:
        return None
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    config = QgsAuthMethodConfig()
    if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
        return None
    return config.config("username") or None
