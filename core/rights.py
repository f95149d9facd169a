"""Who may edit which territory: the roles of the project, read from the ``droits`` table.

The server is the authority (GeoServer/GeoFence on Géo2France, the project's test server here);
the plugin only *shows* the scope and refuses early what the server would refuse anyway.

Roles:

* ``lecteur``: reads what is published, edits nothing;
* ``contributeur``: creates and edits lieux inside their territories; their new lieux start as
  « à valider »; they may not publish or close a lieu;
* ``animateur``: edits everywhere, validates and publishes, closes lieux, manages the ``droits`` table.

A territory is written ``dep:80``, ``epci:248000531`` or ``com:80021``; several are ``|``-joined.
A lieu is in scope when its ``code_insee`` is one of the communes, or in one of the EPCI (through
the communes table) or départements of the agent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from .i18n import tr

LECTEUR, CONTRIBUTEUR, ANIMATEUR = "lecteur", "contributeur", "animateur"
ROLES = (LECTEUR, CONTRIBUTEUR, ANIMATEUR)
KINDS = ("dep", "epci", "com")
#: statuses a contributeur may write (publishing and closing are the animateur's)
CONTRIBUTOR_STATUSES = ("brouillon", "a_valider")


def departement_of(code_insee: Optional[str]) -> str:
    code = (code_insee or "").strip()
    return code[:3] if code.startswith("97") else code[:2]


@dataclass(frozen=True)
class Territory:
    kind: str
    code: str
    label: str = ""

    def token(self) -> str:
        return f"{self.kind}:{self.code}"


def parse_territories(text: str, labels: Optional[Mapping[str, str]] = None) -> list[Territory]:
    """``dep:80|epci:248000531`` → territories (unknown kinds are ignored with the rest kept)."""
    found = []
    for token in (text or "").replace(";", "|").split("|"):
        kind, _, code = token.strip().partition(":")
        kind, code = kind.strip().lower(), code.strip()
        if kind in KINDS and code:
            found.append(Territory(kind, code, (labels or {}).get(f"{kind}:{code}", "")))
    return found


@dataclass
class Rights:
    """The rights of one agent."""

    login: str
    role: str = LECTEUR
    territories: list[Territory] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: Mapping[str, object], labels: Optional[Mapping[str, str]] = None) -> Rights:
        role = str(row.get("role") or LECTEUR).strip().lower()
        return cls(str(row.get("login") or ""), role if role in ROLES else LECTEUR,
                   parse_territories(str(row.get("territoires") or ""), labels))

    @property
    def can_edit_anything(self) -> bool:
        return self.role == ANIMATEUR

    def in_scope(self, code_insee: Optional[str], epci_of: Optional[Mapping[str, str]] = None) -> bool:
        """Whether a lieu of this commune may be edited by this agent."""
        if self.role == ANIMATEUR:
            return True
        if self.role != CONTRIBUTEUR or not code_insee:
            return False
        epci = (epci_of or {}).get(code_insee, "")
        for territory in self.territories:
            if territory.kind == "com" and territory.code == code_insee:
                return True
            if territory.kind == "dep" and territory.code == departement_of(code_insee):
                return True
            if territory.kind == "epci" and epci and territory.code == epci:
                return True
        return False

    def refusal(self, row: Mapping[str, str], epci_of: Optional[Mapping[str, str]] = None, new: bool = False,
                base: Optional[Mapping[str, str]] = None) -> Optional[str]:
        """Why this agent may not write this lieu (None when allowed), in French."""
        nom = row.get("nom") or (base or {}).get("nom") or tr("ce lieu")
        if self.role == LECTEUR:
            return tr("« {nom} » : votre rôle (lecteur) ne permet pas de modifier les lieux.").format(nom=nom)
        if self.role == ANIMATEUR:
            return None
        if base is not None and not self.in_scope(base.get("code_insee"), epci_of):
            return tr("« {nom} » : ce lieu ({commune}) est hors de votre territoire ({territoire}).").format(
                nom=nom, commune=base.get("commune") or base.get("code_insee") or "?", territoire=self.scope_label())
        if not self.in_scope(row.get("code_insee"), epci_of):
            verb = tr("créer") if new else tr("placer")
            return tr("« {nom} » : vous ne pouvez pas {verbe} un lieu à {commune}, hors de votre territoire ({territoire}).").format(
                nom=nom, verbe=verb, commune=row.get("commune") or row.get("code_insee") or "?", territoire=self.scope_label())
        status = (row.get("hdf_statut") or "").strip()
        if status and status not in CONTRIBUTOR_STATUSES and (base is None or status != base.get("hdf_statut")):
            return tr("« {nom} » : seul un animateur peut passer un lieu au statut « {statut} ».").format(nom=nom, statut=status)
        return None

    def scope_label(self) -> str:
        if self.role == ANIMATEUR:
            return tr("toute la région")
        if not self.territories:
            return tr("aucun territoire")
        names = []
        for territory in self.territories:
            if territory.label:
                names.append(territory.label)
            else:
                names.append({"dep": tr("département {code}"), "epci": tr("EPCI {code}"), "com": tr("commune {code}")}[
                    territory.kind].format(code=territory.code))
        return ", ".join(names)

    def describe(self) -> str:
        """« Contributeur — EPCI Amiens Métropole, CC du Vimeu »."""
        role = {LECTEUR: tr("Lecteur"), CONTRIBUTEUR: tr("Contributeur"), ANIMATEUR: tr("Animateur")}[self.role]
        if self.role == LECTEUR:
            return tr("{role} — consultation seulement").format(role=role)
        return f"{role} — {self.scope_label()}"

    def initial_status(self) -> str:
        """The status of a lieu this agent creates."""
        return "brouillon" if self.role == ANIMATEUR else "a_valider"


def scope_cql(rights: Rights, communes_of_epci: Mapping[str, list[str]]) -> str:
    """The CQL filter a GeoFence rule puts on the agent's writes (``cqlFilterWrite``)."""
    if rights.role == ANIMATEUR:
        return "INCLUDE"
    if rights.role != CONTRIBUTEUR or not rights.territories:
        return "EXCLUDE"
    parts, communes = [], []
    for territory in rights.territories:
        if territory.kind == "dep":
            parts.append(f"code_insee LIKE '{territory.code.replace(chr(39), '')}%'")
        elif territory.kind == "com":
            communes.append(territory.code)
        else:
            communes += communes_of_epci.get(territory.code, [])
    if communes:
        quoted = ", ".join("'" + code.replace("'", "") + "'" for code in sorted(set(communes)))
        parts.append(f"code_insee IN ({quoted})")
    return " OR ".join(parts) if parts else "EXCLUDE"


def geofence_rules(all_rights: list[Rights], communes_of_epci: Mapping[str, list[str]], workspace: str = "mednum",
                   layer: str = "lieux", first_priority: int = 10) -> str:
    """The GeoFence rules (REST XML, one ``<Rule>`` per agent) that reproduce the ``droits`` table on GeoServer."""
    from xml.sax.saxutils import escape

    rules = []
    priority = first_priority
    for rights in sorted(all_rights, key=lambda r: (ROLES.index(r.role), r.login)):
        read = "hdf_statut = 'publie'" if rights.role == LECTEUR else "INCLUDE"
        write = scope_cql(rights, communes_of_epci)
        rules.append(
            "<Rule>\n"
            f"  <priority>{priority}</priority>\n"
            f"  <userName>{escape(rights.login)}</userName>\n"
            f"  <workspace>{escape(workspace)}</workspace>\n"
            f"  <layer>{escape(layer)}</layer>\n"
            "  <access>ALLOW</access>\n"
            "  <layerDetails>\n"
            "    <layerType>VECTOR</layerType>\n"
            f"    <cqlFilterRead>{escape(read)}</cqlFilterRead>\n"
            f"    <cqlFilterWrite>{escape(write)}</cqlFilterWrite>\n"
            "    <catalogMode>HIDE</catalogMode>\n"
            "  </layerDetails>\n"
            "</Rule>")
        priority += 1
    return "\n".join(rules) + "\n"
