"""Keeping the base alive: how fresh each fiche is, and the regional validation workflow.

A fiche is « à jour » when its ``date_maj`` is at most ``N`` months old (12 by default),
« à vérifier » when older, « sans date » without one — the same cut-off as the search
panel's freshness criterion (:func:`.filters.months_before`). The workflow of ``hdf_statut`` is
``brouillon → a_valider → publie → ferme`` with a few ways back (:data:`TRANSITIONS`).

The classification, summaries and transition rules are pure Python. :func:`confirm_unchanged`
and :func:`set_status` write into a layer's edit buffer (QGIS imported when called): for the
layer of a :class:`.editing.LieuxSession` the agent's save then sends the change safely.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Iterable, Mapping, Optional

from .i18n import tr

A_JOUR = "à jour"
A_VERIFIER = "à vérifier"
SANS_DATE = "sans date"
#: The values of the ``fraicheur`` field, freshest first.
CLASSES = (A_JOUR, A_VERIFIER, SANS_DATE)
DEFAULT_STALE_MONTHS = 12
#: Map colours of the classes: green, orange, grey.
CLASS_COLOURS = {A_JOUR: "#1a9850", A_VERIFIER: "#f28c28", SANS_DATE: "#9e9e9e"}

BROUILLON, A_VALIDER, PUBLIE, FERME = "brouillon", "a_valider", "publie", "ferme"
#: The workflow of a fiche, in its usual order.
STATUS_FLOW = (BROUILLON, A_VALIDER, PUBLIE, FERME)
#: Allowed changes of ``hdf_statut``: from → to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    BROUILLON: (A_VALIDER,),  # soumise à validation
    A_VALIDER: (PUBLIE, BROUILLON),  # validée, ou renvoyée à son auteur
    PUBLIE: (FERME, A_VALIDER),  # le lieu ferme, ou la fiche repasse en validation
    FERME: (PUBLIE,),  # réouverture
}

STATUS_FIELD = "hdf_statut"
DATE_FIELD = "date_maj"
EDITOR_FIELD = "hdf_dernier_editeur"
MODIFIED_FIELD = "hdf_date_modification"


def class_labels() -> dict[str, str]:
    """French labels of the freshness classes (translated)."""
    return {A_JOUR: tr("À jour"), A_VERIFIER: tr("À vérifier"), SANS_DATE: tr("Sans date")}


def status_labels() -> dict[str, str]:
    """French labels of the workflow statuses (translated)."""
    return {BROUILLON: tr("Brouillon"), A_VALIDER: tr("À valider"), PUBLIE: tr("Publié"), FERME: tr("Fermé")}


# ---------------------------------------------------------------------------- dates
def _is_null(value) -> bool:
    """None, QVariant NULL, a null QDate / QDateTime."""
    return value is None or (hasattr(value, "isNull") and value.isNull())


def as_day(value) -> Optional[date]:
    """A date value (date, datetime, ISO text, QDate/QDateTime, NULL) as a date; None when empty or invalid."""
    if _is_null(value):
        return None
    if hasattr(value, "isValid") and not value.isValid():  # invalid QDate / QDateTime
        return None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime().date()
    if hasattr(value, "toPyDate"):
        return value.toPyDate()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (last day of the month when it does not exist).

    The rule of :func:`.filters.months_before`, here without QGIS.
    """
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_months(date_maj, today: Optional[date] = None) -> Optional[int]:
    """Whole months elapsed since ``date_maj`` (0 for a date in the future); None without a date."""
    day = as_day(date_maj)
    if day is None:
        return None
    today = today or date.today()
    if day >= today:
        return 0
    months = (today.year - day.year) * 12 + today.month - day.month
    while months > 0 and months_before(today, months) < day:
        months -= 1
    return months


def classify(date_maj, today: Optional[date] = None, stale_months: int = DEFAULT_STALE_MONTHS) -> str:
    """The freshness class of a ``date_maj`` value: older than ``stale_months`` months is « à vérifier »."""
    day = as_day(date_maj)
    if day is None:
        return SANS_DATE
    return A_VERIFIER if day < months_before(today or date.today(), stale_months) else A_JOUR


def freshness_class(row: Mapping[str, object], today: Optional[date] = None, stale_months: int = DEFAULT_STALE_MONTHS) -> str:
    """The freshness class of a lieu (a row or any mapping holding ``date_maj``)."""
    return classify(row.get(DATE_FIELD), today, stale_months)


# ---------------------------------------------------------------------------- summaries
def departement_of(code_insee: str, code_postal: str = "") -> str:
    """Département of a lieu from its INSEE code (``97x`` overseas), else its postcode (as :func:`.filters.departement_of`)."""
    key = (code_insee or "").strip() or (code_postal or "").strip()
    return key[:3] if key.startswith("97") else key[:2]


@dataclass
class TerritorySummary:
    """Freshness counts of the lieux of one territory."""

    level: str
    code: str
    name: str = ""
    lieux: int = 0
    a_jour: int = 0
    a_verifier: int = 0
    sans_date: int = 0

    @property
    def part_a_verifier(self) -> float:
        """Share of the lieux « à vérifier », in %."""
        return 100.0 * self.a_verifier / self.lieux if self.lieux else 0.0

    @property
    def part_sans_date(self) -> float:
        """Share of the lieux « sans date », in %."""
        return 100.0 * self.sans_date / self.lieux if self.lieux else 0.0

    def add(self, freshness: str) -> None:
        self.lieux += 1
        if freshness == A_JOUR:
            self.a_jour += 1
        elif freshness == A_VERIFIER:
            self.a_verifier += 1
        else:
            self.sans_date += 1


LEVEL_ALIASES = {"code_departement": "departement", "departement": "departement", "département": "departement",
                 "epci": "epci", "siren_epci": "epci", "ensemble": "ensemble"}


def summary(rows: Iterable[Mapping[str, object]], today: Optional[date] = None, group_by: str = "departement",
            stale_months: int = DEFAULT_STALE_MONTHS, epci_of: Optional[Mapping[str, tuple[str, str]]] = None,
            names: Optional[Mapping[str, str]] = None) -> list[TerritorySummary]:
    """Freshness counts per territory, sorted by code.

    ``group_by``: ``departement`` (the row's ``code_departement`` if it has one, else from its
    INSEE code), ``epci`` (through ``epci_of``: code INSEE → (SIREN, nom) of its EPCI; lieux of
    an unknown commune are grouped under code ``""``) or ``ensemble``. ``names``: code → name.
    """
    level = LEVEL_ALIASES.get(group_by)
    if level is None:
        raise ValueError(tr("Regroupement « {niveau} » inconnu (departement, epci ou ensemble).").format(niveau=group_by))
    if level == "epci" and epci_of is None:
        raise ValueError(tr("Le regroupement par EPCI demande la correspondance commune → EPCI (couche des communes)."))
    today = today or date.today()
    groups: dict[str, TerritorySummary] = {}
    for row in rows:
        insee = str(row.get("code_insee") or "").strip()
        if level == "ensemble":
            code, name = "", tr("ensemble")
        elif level == "departement":
            code = str(row.get("code_departement") or "").strip() or departement_of(insee, str(row.get("code_postal") or ""))
            name = (names or {}).get(code, code)
        else:
            code, name = (epci_of or {}).get(insee, ("", tr("EPCI inconnu")))
            name = (names or {}).get(code, name)
        group = groups.get(code)
        if group is None:
            group = groups[code] = TerritorySummary(level, code, name)
        group.add(freshness_class(row, today, stale_months))
    return [groups[code] for code in sorted(groups)]


# ---------------------------------------------------------------------------- workflow
def normalize_status(value) -> str:
    """A status value as stored (empty or NULL → ``brouillon``, the default of new fiches)."""
    if _is_null(value):
        return BROUILLON
    text = str(value).strip().lower()
    aliases = {"fermé": FERME, "publié": PUBLIE, "à valider": A_VALIDER, "a valider": A_VALIDER}
    return aliases.get(text, text) or BROUILLON


def transition_error(current, new: str, nom: str = "") -> Optional[str]:
    """Why a lieu may not go from status ``current`` to ``new`` (French message), or None when allowed."""
    labels = status_labels()
    nom = nom or tr("(sans nom)")
    target = normalize_status(new)
    if target not in TRANSITIONS:
        return tr("Statut « {statut} » inconnu : brouillon, a_valider, publie ou ferme.").format(statut=new)
    source = normalize_status(current)
    if source not in TRANSITIONS:
        return tr("« {nom} » a un statut inconnu (« {statut} ») : corrigez-le d'abord dans sa fiche.").format(nom=nom, statut=current)
    if source == target or target in TRANSITIONS[source]:
        return None
    possible = tr(" ou ").join(f"« {labels[s]} »" for s in TRANSITIONS[source])
    return tr("« {nom} » ne peut pas passer de « {de} » à « {vers} » : depuis « {de} », seulement vers {possibles}.").format(
        nom=nom, de=labels[source], vers=labels[target], possibles=possible)


def is_allowed(current, new: str) -> bool:
    """Whether the workflow allows ``current`` → ``new`` (staying put is allowed)."""
    return transition_error(current, new) is None


# ---------------------------------------------------------------------------- in a layer
@dataclass
class EditResult:
    """What an action did to the lieux of a layer (feature ids) and what it refused, in French."""

    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def _now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _attribute(qgs_field, value):
    """A date / datetime as the value a field of this type holds (text for text fields)."""
    from qgis.PyQt.QtCore import QDate, QDateTime, Qt

    from .compat import field_type

    if isinstance(value, datetime):
        if qgs_field.type() == field_type("datetime"):
            return QDateTime.fromString(value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), Qt.DateFormat.ISODate)
        if qgs_field.type() == field_type("date"):
            return QDate(value.year, value.month, value.day)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        if qgs_field.type() == field_type("date"):
            return QDate(value.year, value.month, value.day)
        if qgs_field.type() == field_type("datetime"):
            return QDateTime.fromString(f"{value.isoformat()}T00:00:00", Qt.DateFormat.ISODate)
        return value.isoformat()
    return value


def _begin_edit(layer) -> Optional[str]:
    """Put the layer in edit mode; a French reason when it cannot be."""
    if layer.isEditable():
        return None
    if layer.readOnly() or not layer.startEditing():
        return tr("La couche « {couche} » ne peut pas être modifiée (lecture seule ou droits insuffisants).").format(couche=layer.name())
    return None


def _stamp(layer, values: dict, editor: str, when: datetime) -> None:
    """Who and when, in the fields the layer has."""
    fields = layer.fields()
    editor_index, modified_index = fields.indexFromName(EDITOR_FIELD), fields.indexFromName(MODIFIED_FIELD)
    if editor_index >= 0 and editor:
        values[editor_index] = editor
    if modified_index >= 0:
        values[modified_index] = _attribute(fields.at(modified_index), when)


def _feature_name(feature, fields) -> str:
    index = fields.indexFromName("nom")
    value = feature.attribute(index) if index >= 0 else None
    if _is_null(value) or not str(value).strip():
        return tr("lieu n° {fid}").format(fid=feature.id())
    return str(value)


def confirm_unchanged(layer, fids: Iterable[int], today: Optional[date] = None, editor: str = "",
                      when: Optional[datetime] = None) -> EditResult:
    """« Confirmé sans changement » : ``date_maj`` = today for these lieux, in the layer's edit buffer.

    Only ``date_maj`` changes (plus ``hdf_dernier_editeur`` / ``hdf_date_modification`` when the
    layer has them); the layer's automatic values are not applied. Not saved: the agent saves.
    """
    fids = list(dict.fromkeys(int(f) for f in fids))
    result = EditResult()
    if not fids:
        return result
    fields = layer.fields()
    date_index = fields.indexFromName(DATE_FIELD)
    if date_index < 0:
        raise ValueError(tr("La couche « {couche} » n'a pas de champ « date_maj ».").format(couche=layer.name()))
    reason = _begin_edit(layer)
    if reason:
        result.refused.append(reason)
        return result
    today, when = today or date.today(), when or _now_utc()
    layer.beginEditCommand(tr("Confirmer sans changement"))
    try:
        for fid in fids:
            values = {date_index: _attribute(fields.at(date_index), today)}
            _stamp(layer, values, editor, when)
            if layer.changeAttributeValues(fid, values, {}, skipDefaultValues=True):
                result.changed.append(fid)
            else:
                result.refused.append(tr("Lieu n° {fid} introuvable ou non modifiable.").format(fid=fid))
    finally:
        layer.endEditCommand()
    return result


def set_status(layer, fids: Iterable[int], new_status: str, editor: str = "", when: Optional[datetime] = None) -> EditResult:
    """Move lieux to ``new_status`` in the layer's edit buffer; illegal transitions are refused, one French message per lieu.

    Who and when go to ``hdf_dernier_editeur`` / ``hdf_date_modification`` (when the layer has
    them); ``date_maj`` is left as it is. Lieux already in that status are left untouched.
    """
    from qgis.core import QgsFeatureRequest

    fids = list(dict.fromkeys(int(f) for f in fids))
    result = EditResult()
    target = normalize_status(new_status)
    if target not in TRANSITIONS:
        result.refused.append(transition_error(BROUILLON, new_status) or "")
        return result
    fields = layer.fields()
    status_index = fields.indexFromName(STATUS_FIELD)
    if status_index < 0:
        raise ValueError(tr("La couche « {couche} » n'a pas de champ « hdf_statut ».").format(couche=layer.name()))
    features = {feature.id(): feature for feature in layer.getFeatures(QgsFeatureRequest().setFilterFids(fids))}
    todo = []
    for fid in fids:  # in the order asked
        feature = features.get(fid)
        if feature is None:
            result.refused.append(tr("Lieu n° {fid} introuvable.").format(fid=fid))
            continue
        current = feature.attribute(status_index)
        error = transition_error(current, target, _feature_name(feature, fields))
        if error:
            result.refused.append(error)
        elif not _is_null(current) and str(current).strip() == target:
            result.unchanged.append(fid)
        else:
            todo.append(fid)
    if not todo:
        return result
    reason = _begin_edit(layer)
    if reason:
        result.refused.append(reason)
        return result
    when = when or _now_utc()
    layer.beginEditCommand(tr("Changer le statut"))
    try:
        for fid in todo:
            values = {status_index: target}
            _stamp(layer, values, editor, when)
            if layer.changeAttributeValues(fid, values, {}, skipDefaultValues=True):
                result.changed.append(fid)
            else:
                result.refused.append(tr("Lieu n° {fid} non modifiable.").format(fid=fid))
    finally:
        layer.endEditCommand()
    return result
