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


@dataclass
class Territories:
    """What the plugin knows of the communes: their EPCI, and readable names of the territories."""

    epci_of: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def communes_in_scope(self, rights: Rights) -> Optional[list[str]]:
        """INSEE codes the agent may edit (None: everywhere)."""
        if rights.role == ANIMATEUR:
            return None
        return sorted(code for code in self.epci_of if rights.in_scope(code, self.epci_of))


def read_territories(client, communes_typename: str, departements_typename: str = "") -> Territories:
    """Communes' EPCI and names of the territories from the server (attributes only)."""
    found = Territories()
    if departements_typename and client.capabilities().find(departements_typename) is not None:
        for feature in client.fetch_all(departements_typename, properties=["code", "nom"]):
            if feature.text("code"):
                found.labels[f"dep:{feature.text('code')}"] = f"{feature.text('nom')} ({feature.text('code')})"
    for feature in client.fetch_all(communes_typename, properties=["code_insee", "nom", "siren_epci", "nom_epci",
                                                                     "code_departement"]):
        code = feature.text("code_insee")
        if not code:
            continue
        found.epci_of[code] = feature.text("siren_epci")
        found.labels[f"com:{code}"] = feature.text("nom")
        if feature.text("siren_epci") and feature.text("nom_epci"):
            found.labels[f"epci:{feature.text('siren_epci')}"] = feature.text("nom_epci")
    return found


def read_rights(client, droits_typename: str, login: str, territories: Optional[Territories] = None) -> Optional[Rights]:
    """The agent's rights from the server's ``droits`` layer (None when the server publishes none)."""
    if not login or client.capabilities().find(droits_typename) is None:
        return None
    rows = client.fetch_by_values(droits_typename, "login", [login])
    labels = territories.labels if territories else {}
    if not rows:
        return Rights(login, LECTEUR)
    return Rights.from_row({name: rows[0].text(name) for name in ("login", "role", "territoires")}, labels)


def scope_expression() -> str:
    """A QGIS expression true when the lieu (its ``code_insee``) may be edited by the agent (layer variables)."""
    return ("coalesce(@mednum_modifie_partout, 0) = 1 OR "
            "array_contains(string_to_array(coalesce(@mednum_communes_modifiables, ''), ','), \"code_insee\")")


def apply_rights(session, rights: Rights, territories: Territories) -> None:
    """Show and enforce the agent's rights on a session's layer (the server stays the authority).

    Out-of-scope lieux cannot be validated in the form (hard constraint on ``code_insee`` with the
    reason), a lieu cannot be created or moved out of the scope, a reader's layer is read-only, and
    the synchronizer refuses such changes before sending them.
    """
    from qgis.core import QgsDefaultValue, QgsExpression, QgsExpressionContextUtils, QgsField, QgsFieldConstraints

    from .compat import field_type

    layer = session.layer
    session.sync.rights = rights
    session.sync.epci_of = dict(territories.epci_of)
    communes = territories.communes_in_scope(rights)
    QgsExpressionContextUtils.setLayerVariable(layer, "mednum_modifie_partout", 1 if communes is None else 0)
    QgsExpressionContextUtils.setLayerVariable(layer, "mednum_communes_modifiables", ",".join(communes or []))
    QgsExpressionContextUtils.setLayerVariable(layer, "mednum_droits", rights.describe())
    fields = layer.fields()
    index = fields.indexFromName("code_insee")
    if index >= 0 and rights.role != ANIMATEUR:
        layer.setConstraintExpression(index, scope_expression(), tr("Hors de votre territoire ({territoire}) : ce lieu ne peut être "
                                                                    "ni modifié ni créé ici avec vos droits.").format(
            territoire=rights.scope_label()))
        layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintExpression,
                                 QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    index = fields.indexFromName("hdf_statut")
    if index >= 0:
        layer.setDefaultValueDefinition(index, QgsDefaultValue(f"'{rights.initial_status()}'"))
    if layer.fields().indexFromName("droits") < 0:
        expression = (f"if({scope_expression()}, {QgsExpression.quotedString(tr('Modifiable'))}, "
                      f"{QgsExpression.quotedString(tr('Lecture seule : hors de votre territoire'))})")
        layer.addExpressionField(expression, QgsField("droits", field_type("string"), "string"))
        layer.setFieldAlias(layer.fields().indexFromName("droits"), tr("Vos droits sur ce lieu"))
    editable_per_lieu(layer, rights.role != ANIMATEUR)
    if rights.role == LECTEUR:
        layer.setReadOnly(True)


def editable_per_lieu(layer, restricted: bool) -> bool:
    """Where QGIS allows it (≥ 3.30: data-defined « editable » per field), out-of-scope lieux open read-only in the
    form. Earlier versions rely on the hard constraint on ``code_insee``. Whether it could be set."""
    from qgis.core import QgsProperty, QgsPropertyCollection

    from .compat import FIELD_EDITABLE_PROPERTY

    if FIELD_EDITABLE_PROPERTY is None:
        return False
    config = layer.editFormConfig()
    for name in layer.fields().names():
        collection = QgsPropertyCollection()
        if restricted:
            collection.setProperty(FIELD_EDITABLE_PROPERTY, QgsProperty.fromExpression(scope_expression()))
        config.setDataDefinedFieldProperties(name, collection)
    layer.setEditFormConfig(config)
    return True

