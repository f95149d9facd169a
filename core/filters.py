"""Finding lieux: the criteria of the « Lieux de médiation numérique » panel (no GUI here).

How a search runs
-----------------
* :class:`LieuIndex` reads the layer once (no geometry, only the fields the criteria use) into
  plain Python records: folded text, sets of values. It can be built from a
  ``QgsVectorLayerFeatureSource`` in a ``QgsTask``; searching it is then pure Python and takes a
  few milliseconds for 10,000 lieux, whatever the provider (memory, GeoPackage, WFS…).
* :meth:`LieuIndex.match` evaluates *every* criterion, opening hours included (an OSM
  ``opening_hours`` value cannot be evaluated by a QGIS expression). :func:`matching_ids` is the
  one-call form.
* :func:`to_expression` writes the same criteria, except the two opening-hours ones, as a QGIS
  expression (user values through ``QgsExpression.quotedValue``, fields through
  ``quotedColumnRef``; multi-valued ``|`` fields compared on whole values with
  ``array_intersect(string_to_array(…))``), usable as a ``QgsFeatureRequest`` filter or as the
  subset string of a *memory* layer. It is not an OGR subset string (that one is SQL).

Showing the result on the map
-----------------------------
:func:`apply_map_filter` does **not** use ``setSubsetString``, because a subset string:

* is written in the provider's own language (QGIS expression for memory layers, SQL for OGR,
  another SQL for PostGIS, OGC filters for WFS);
* cannot be changed while the layer is in edit mode (QGIS refuses), which is how agents work;
* hides features from the data provider itself, and the editing session (``core/editing.py``)
  diffs the edit buffer against the provider: a lieu deleted then filtered out would never
  reach the server;
* with ``$id IN (…)`` on a memory layer, costs O(results) per feature (2 s for 10,000 lieux).

Instead the layer's renderer (and its labels) is wrapped in a rule-based renderer whose single
top rule keeps the features whose ``$id`` is in the result, looked up in a static map
(``map_exist(json_to_map('{"12":1,…}'), to_string($id))``, computed once per drawing). This
works the same for every provider, in edit mode too, leaves the data, the attribute table and
the editing session untouched, and costs about as much as the original style. The original
style is kept as XML in layer custom properties, so :func:`clear_map_filter` restores it exactly
(also after the project was saved with a filter on: :func:`restore_map_filters`). If the user
replaces the style while a filter is on, the new style is kept.
"""

from __future__ import annotations

import calendar
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Optional, Union

from qgis.core import (
    QgsAbstractVectorLayerLabeling,
    QgsExpression,
    QgsFeatureRenderer,
    QgsFeatureRequest,
    QgsPalLayerSettings,
    QgsProject,
    QgsReadWriteContext,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QDate, QDateTime
from qgis.PyQt.QtXml import QDomDocument

from .compat import is_null
from .i18n import tr
from .schema import load_model, split_multi

#: Pseudo-values of the « dispositifs et labels » criterion backed by the regional booleans.
LABEL_APTIC = "APTIC"
LABEL_PASS_NUMERIQUE = "Pass numérique"
BOOLEAN_LABELS = {LABEL_APTIC: "hdf_aptic", LABEL_PASS_NUMERIQUE: "hdf_pass_numerique"}
TRUE_TEXTS = ("true", "1", "oui", "vrai", "yes")

#: Fields searched by the free text (typologie codes are also searched through their labels).
TEXT_FIELDS = ("nom", "commune", "adresse", "code_postal", "typologie", "services",
               "dispositif_programmes_nationaux", "formations_labels")
#: criterion attribute of LieuFilter -> multi-valued field(s) it reads
MULTI_CRITERIA = (("publics", "publics_specifiquement_adresses"), ("prise_en_charge", "prise_en_charge_specifique"),
                  ("frais", "frais_a_charge"))
LABEL_FIELDS = ("dispositif_programmes_nationaux", "formations_labels")
INDEX_FIELDS = tuple(dict.fromkeys(TEXT_FIELDS + ("code_insee", "services", "publics_specifiquement_adresses",
                                                  "prise_en_charge_specifique", "frais_a_charge") + LABEL_FIELDS
                                   + ("hdf_aptic", "hdf_pass_numerique", "hdf_statut", "date_maj", "horaires")))
SEPARATOR = "|"

#: Custom properties of a layer whose map is filtered (the original style, as XML).
PROP_RENDERER = "mednum/filtre_carte/renderer"
PROP_LABELING = "mednum/filtre_carte/labeling"
PROP_LABELS_ENABLED = "mednum/filtre_carte/labels_enabled"
#: Description of the top rule that marks the plugin's wrapper.
FILTER_RULE_MARK = "mednum:filtre_carte"


# ---------------------------------------------------------------------------- text folding
def _fold_table() -> dict[str, str]:
    """Lower-case accented letters (Latin-1 Supplement, Latin Extended-A) and typographic signs -> ASCII."""
    table = {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "}
    for code in range(0xC0, 0x180):
        char = chr(code)
        if char != char.lower() or char in table:
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base != char and base.isascii() and base:
            table[char] = base
    return table


FOLD_TABLE = _fold_table()
_TRANSLATION = str.maketrans(FOLD_TABLE)


def fold(text: str) -> str:
    """Lower case without accents: ``« Médiathèque L’Œil »`` -> ``« mediatheque l'oeil »``.

    Exactly what :func:`fold_expression` computes in a QGIS expression.
    """
    return (text or "").lower().translate(_TRANSLATION)


@lru_cache(maxsize=1)
def _fold_arrays() -> tuple[str, str]:
    keys = ",".join(QgsExpression.quotedValue(k) for k in FOLD_TABLE)
    values = ",".join(QgsExpression.quotedValue(v) for v in FOLD_TABLE.values())
    return f"array({keys})", f"array({values})"


def fold_expression(expression: str) -> str:
    """A QGIS expression folding another one like :func:`fold`."""
    keys, values = _fold_arrays()
    return f"replace(lower({expression}), {keys}, {values})"


def tokens(text: str) -> list[str]:
    """The folded words of a query (every word must be found)."""
    return fold(text).split()


# ---------------------------------------------------------------------------- dates
def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (last day of the month when it does not exist)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lx) // 433
    month = (h + lx - 7 * m + 90) // 25
    return date(year, month, (h + lx - 7 * m + 33 * month + 19) % 32)


def is_public_holiday(day: date) -> bool:
    """A French public holiday (metropolitan list, without the Alsace-Moselle extra days)."""
    if (day.month, day.day) in ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)):
        return True
    easter = _easter(day.year)
    return day in (easter + timedelta(days=1), easter + timedelta(days=39), easter + timedelta(days=50))


def as_date(value) -> Optional[date]:
    """A date attribute (QDate, QDateTime, date, ISO text) as a date, None when empty or invalid."""
    if is_null(value) or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, QDateTime):
        return value.date().toPyDate() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def is_true(value) -> bool:
    """A boolean attribute (bool, number or text such as ``true``/``oui``)."""
    if is_null(value):
        return False
    if isinstance(value, (bool, int, float)):
        return bool(value)
    return str(value).strip().lower() in TRUE_TEXTS


def text_of(value) -> str:
    """An attribute as text (``""`` when NULL)."""
    return "" if is_null(value) else str(value)


def departement_of(code_insee: str, code_postal: str = "") -> str:
    """Département of a lieu: from its INSEE code (``97x`` overseas), else from its postcode."""
    key = (code_insee or "").strip() or (code_postal or "").strip()
    return key[:3] if key.startswith("97") else key[:2]


# ---------------------------------------------------------------------------- the filter
@dataclass
class LieuFilter:
    """The criteria of a search: OR between the values of one criterion, AND between criteria.

    ``services`` and ``service_groups`` form one criterion: a lieu matches if it offers one of the
    services or any service of one of the groups. ``dispositifs`` holds values of
    ``dispositif_programmes_nationaux`` and ``formations_labels`` plus :data:`LABEL_APTIC` and
    :data:`LABEL_PASS_NUMERIQUE`. ``epci`` holds SIREN numbers, resolved through
    ``epci_communes`` (code INSEE -> SIREN of its EPCI). ``fraicheur_mois``: keep only the lieux
    « à vérifier », updated more than that many months ago (or never).
    """

    text: str = ""
    services: set[str] = field(default_factory=set)
    service_groups: set[str] = field(default_factory=set)
    publics: set[str] = field(default_factory=set)
    prise_en_charge: set[str] = field(default_factory=set)
    frais: set[str] = field(default_factory=set)
    dispositifs: set[str] = field(default_factory=set)
    departements: set[str] = field(default_factory=set)
    epci: set[str] = field(default_factory=set)
    communes: set[str] = field(default_factory=set)
    ouvert_maintenant: bool = False
    ouvert_weekend: bool = False
    fraicheur_mois: Optional[int] = None
    statuts: set[str] = field(default_factory=set)
    epci_communes: dict[str, str] = field(default_factory=dict)

    def wanted_services(self) -> set[str]:
        """Selected services, those of the selected groups included."""
        wanted = set(self.services)
        for group_id, _label, services in load_model().service_groups:
            if group_id in self.service_groups:
                wanted.update(services)
        return wanted

    def epci_insee(self) -> set[str]:
        """INSEE codes of the communes of the selected EPCI."""
        return {insee for insee, siren in self.epci_communes.items() if siren in self.epci}

    def needs_python(self) -> bool:
        """True when a criterion cannot be written as a QGIS expression (opening hours)."""
        return self.ouvert_maintenant or self.ouvert_weekend

    def is_empty(self) -> bool:
        """No criterion at all: every lieu matches."""
        return not (tokens(self.text) or self.wanted_services() or self.publics or self.prise_en_charge or self.frais
                    or self.dispositifs or self.departements or self.epci or self.communes or self.ouvert_maintenant
                    or self.ouvert_weekend or self.fraicheur_mois or self.statuts)


# ---------------------------------------------------------------------------- as an expression
def _col(name: str) -> str:
    return QgsExpression.quotedColumnRef(name)


def _values(values: Iterable[str]) -> str:
    return ",".join(QgsExpression.quotedValue(v) for v in sorted(values))


def _multi(name: str, values: Iterable[str]) -> str:
    return f"array_intersect(string_to_array(coalesce(to_string({_col(name)}), ''), '|'), array({_values(values)}))"


def _truthy(name: str) -> str:
    return f"lower(coalesce(to_string({_col(name)}), '')) IN ({_values(TRUE_TEXTS)})"


def to_expression(flt: LieuFilter, today: Optional[date] = None, fields: Optional[Iterable[str]] = None) -> str:
    """The criteria as a QGIS expression, opening hours excepted (``""`` when nothing to filter).

    ``today`` dates the freshness criterion; ``fields``: the layer's field names (a criterion on
    a missing field matches nothing, as in :meth:`LieuIndex.match`).
    """
    present = set(fields) if fields is not None else set(INDEX_FIELDS)
    parts: list[str] = []

    words = tokens(flt.text)
    if words:
        hay = " || ' ' || ".join(f"coalesce(to_string({_col(n)}), '')" for n in TEXT_FIELDS if n in present) or "''"
        labels = load_model().field("typologie").labels
        checks = []
        for word in words:
            check = f"strpos(@mednum_texte, {QgsExpression.quotedValue(word)}) > 0"
            codes = [code for code, label in labels.items() if word in fold(label)]
            if codes and "typologie" in present:
                check = f"({check} OR {_multi('typologie', codes)})"
            checks.append(check)
        parts.append(f"with_variable('mednum_texte', {fold_expression(hay)}, {' AND '.join(checks)})")

    wanted = flt.wanted_services()
    if wanted:
        parts.append(_multi("services", wanted) if "services" in present else "FALSE")
    for attribute, name in MULTI_CRITERIA:
        values = getattr(flt, attribute)
        if values:
            parts.append(_multi(name, values) if name in present else "FALSE")
    if flt.dispositifs:
        alternatives = []
        listed = set(flt.dispositifs) - set(BOOLEAN_LABELS)
        label_fields = [n for n in LABEL_FIELDS if n in present]
        if listed and label_fields:
            joined = " || '|' || ".join(f"coalesce(to_string({_col(n)}), '')" for n in label_fields)
            alternatives.append(f"array_intersect(string_to_array({joined}, '|'), array({_values(listed)}))")
        for label, name in BOOLEAN_LABELS.items():
            if label in flt.dispositifs and name in present:
                alternatives.append(_truthy(name))
        parts.append(" OR ".join(alternatives) or "FALSE")

    if flt.departements:
        key = ("CASE WHEN coalesce(to_string(\"code_insee\"), '') <> '' THEN to_string(\"code_insee\") "
               "ELSE coalesce(to_string(\"code_postal\"), '') END")
        if "code_insee" not in present:
            key = "coalesce(to_string(\"code_postal\"), '')" if "code_postal" in present else "''"
        elif "code_postal" not in present:
            key = "coalesce(to_string(\"code_insee\"), '')"
        by_length: dict[int, set[str]] = {}
        for code in flt.departements:
            by_length.setdefault(len(code), set()).add(code)
        parts.append(" OR ".join(f"left({key}, {length}) IN ({_values(codes)})" for length, codes in sorted(by_length.items())))
    for codes in ((flt.epci_insee() if flt.epci else None), (flt.communes or None)):
        if codes is None:
            continue
        parts.append(f"coalesce(to_string({_col('code_insee')}), '') IN ({_values(codes)})"
                     if codes and "code_insee" in present else "FALSE")

    if flt.fraicheur_mois:
        cutoff = months_before(today or date.today(), flt.fraicheur_mois)
        if "date_maj" in present:
            parts.append(f"coalesce(try(to_date({_col('date_maj')})), to_date('1900-01-01')) < "
                         f"to_date({QgsExpression.quotedValue(cutoff.isoformat())})")
    if flt.statuts:
        parts.append(f"coalesce(to_string({_col('hdf_statut')}), '') IN ({_values(flt.statuts)})" if "hdf_statut" in present else "FALSE")
    return " AND ".join(f"({part})" for part in parts)


# ---------------------------------------------------------------------------- the index
class LieuRecord(NamedTuple):
    """What the search needs of one lieu."""

    fid: int
    nom: str
    commune: str
    code_insee: str
    territoire: str
    departement: str
    text: str
    services: frozenset
    multi: dict
    labels: frozenset
    statut: str
    date_maj: Optional[date]
    horaires: str


class OpeningHoursUnavailableError(RuntimeError):
    """The opening-hours module is not installed: the « ouvert » criteria cannot be evaluated."""


def _opening_hours():
    try:
        from . import opening_hours
    except ImportError as error:
        raise OpeningHoursUnavailableError(tr("Les critères d'ouverture ne sont pas disponibles (module des horaires absent).")) from error
    return opening_hours


def opening_hours_available() -> bool:
    """True when the « ouvert maintenant / le week-end » criteria can be evaluated."""
    try:
        _opening_hours()
    except OpeningHoursUnavailableError:
        return False
    return True


def index_request(fields) -> QgsFeatureRequest:
    """The request reading what the index needs (no geometry)."""
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([n for n in INDEX_FIELDS if fields.indexFromName(n) >= 0], fields)
    return request


class LieuIndex:
    """The lieux of a layer as plain Python records, searched without touching the layer."""

    def __init__(self, records: list[LieuRecord]):
        self.records = records
        self.by_id = {r.fid: r for r in records}
        #: opening-hours answers per ``horaires`` text: week-end ones for good, « open now » ones for one minute
        self.weekend_cache: dict[str, Optional[bool]] = {}
        self.open_cache: dict[str, Optional[bool]] = {}
        self.open_cache_key: Optional[tuple] = None

    @classmethod
    def from_layer(cls, layer: QgsVectorLayer, feedback=None) -> LieuIndex:
        """Read a layer (main thread)."""
        return cls.from_source(layer, layer.fields(), feedback, layer.featureCount())

    @classmethod
    def from_source(cls, source, fields, feedback=None, total: int = 0) -> Optional[LieuIndex]:
        """Read a layer or a ``QgsVectorLayerFeatureSource`` (any thread); None if cancelled."""
        positions = [(n, fields.indexFromName(n)) for n in INDEX_FIELDS if fields.indexFromName(n) >= 0]
        builder = _RecordBuilder({n for n, _i in positions})
        records = []
        total = max(1, total)
        for count, feature in enumerate(source.getFeatures(index_request(fields))):
            if feedback is not None and count % 500 == 0:
                if feedback.isCanceled():
                    return None
                feedback.setProgress(min(100.0, 100.0 * count / total))
            records.append(builder.record(feature.id(), {n: feature[i] for n, i in positions}))
        return cls(records)

    def __len__(self) -> int:
        return len(self.records)

    def match(self, flt: LieuFilter, when: Optional[datetime] = None, feedback=None) -> Optional[list[int]]:
        """Ids of the lieux matching every criterion (``when``: « now » and « today »), in index order.

        Opening hours are tested last, once per distinct ``horaires`` text. None if ``feedback`` cancels.
        """
        tests = _predicates(flt, when or datetime.now(), self)
        if not tests:
            return [r.fid for r in self.records]
        if feedback is None:
            return [r.fid for r in self.records if all(test(r) for test in tests)]
        found = []
        for start in range(0, len(self.records), 1000):
            if feedback.isCanceled():
                return None
            found += [r.fid for r in self.records[start:start + 1000] if all(test(r) for test in tests)]
        return found


class _RecordBuilder:
    """Turns attribute values into records, remembering the (very repetitive) multi-valued cells."""

    def __init__(self, present: set[str]):
        self.text_fields = [n for n in TEXT_FIELDS if n in present]
        self.typologies = {code: fold(label) for code, label in load_model().field("typologie").labels.items()}
        self._sets: dict[str, frozenset] = {}
        self._typologies: dict[str, str] = {}

    def values(self, raw: str) -> frozenset:
        found = self._sets.get(raw)
        if found is None:
            found = self._sets[raw] = frozenset(split_multi(raw))
        return found

    def typology_labels(self, raw: str) -> str:
        found = self._typologies.get(raw)
        if found is None:
            found = self._typologies[raw] = " ".join(self.typologies[c] for c in split_multi(raw) if c in self.typologies)
        return found

    def record(self, fid: int, values: dict) -> LieuRecord:
        text = {n: text_of(values.get(n)) for n in INDEX_FIELDS}
        hay = fold(" ".join(text[n] for n in self.text_fields))
        labels_text = self.typology_labels(text["typologie"])
        if labels_text:
            hay += " " + labels_text
        labels = self.values(text["dispositif_programmes_nationaux"]) | self.values(text["formations_labels"])
        extra = {label for label, name in BOOLEAN_LABELS.items() if is_true(values.get(name))}
        return LieuRecord(
            fid=fid, nom=text["nom"], commune=text["commune"], code_insee=text["code_insee"],
            territoire=text["code_insee"] or text["code_postal"],
            departement=departement_of(text["code_insee"], text["code_postal"]), text=hay,
            services=self.values(text["services"]), multi={n: self.values(text[n]) for _a, n in MULTI_CRITERIA},
            labels=labels | extra if extra else labels, statut=text["hdf_statut"],
            date_maj=as_date(values.get("date_maj")), horaires=text["horaires"].strip())


def _predicates(flt: LieuFilter, when: datetime, index: LieuIndex) -> list[Callable[[LieuRecord], bool]]:
    tests: list[Callable[[LieuRecord], bool]] = []
    words = tokens(flt.text)
    if words:
        tests.append(lambda r: all(w in r.text for w in words))
    wanted = flt.wanted_services()
    if wanted:
        tests.append(lambda r: not r.services.isdisjoint(wanted))
    for attribute, name in MULTI_CRITERIA:
        values = frozenset(getattr(flt, attribute))
        if values:
            tests.append(lambda r, n=name, v=values: not r.multi[n].isdisjoint(v))
    if flt.dispositifs:
        dispositifs = frozenset(flt.dispositifs)
        tests.append(lambda r: not r.labels.isdisjoint(dispositifs))
    if flt.departements:
        departements = tuple(flt.departements)
        tests.append(lambda r: any(r.territoire[:len(c)] == c for c in departements))
    if flt.epci:
        insee = flt.epci_insee()
        tests.append(lambda r: r.code_insee in insee)
    if flt.communes:
        communes = frozenset(flt.communes)
        tests.append(lambda r: r.code_insee in communes)
    if flt.fraicheur_mois:
        cutoff = months_before(when.date(), flt.fraicheur_mois)
        tests.append(lambda r: r.date_maj is None or r.date_maj < cutoff)
    if flt.statuts:
        statuts = frozenset(flt.statuts)
        tests.append(lambda r: r.statut in statuts)
    if flt.ouvert_maintenant:
        is_open = _opening_hours().is_open
        holiday = is_public_holiday(when.date())
        key = (when.replace(second=0, microsecond=0), holiday)
        if index.open_cache_key != key:
            index.open_cache, index.open_cache_key = {}, key
        cache = index.open_cache

        def open_now(record: LieuRecord) -> bool:
            if record.horaires not in cache:
                cache[record.horaires] = is_open(record.horaires, when, public_holiday=holiday) if record.horaires else None
            return cache[record.horaires] is True

        tests.append(open_now)
    if flt.ouvert_weekend:
        on_weekend = _opening_hours().open_on_weekend
        weekend_cache = index.weekend_cache

        def open_weekend(record: LieuRecord) -> bool:
            if record.horaires not in weekend_cache:
                weekend_cache[record.horaires] = on_weekend(record.horaires) if record.horaires else None
            return weekend_cache[record.horaires] is True

        tests.append(open_weekend)
    return tests


def matching_ids(layer: Union[QgsVectorLayer, LieuIndex], flt: LieuFilter, when: Optional[datetime] = None) -> list[int]:
    """Feature ids of the lieux of a layer (or of an index) matching every criterion."""
    index = layer if isinstance(layer, LieuIndex) else LieuIndex.from_layer(layer)
    return index.match(flt, when)


@dataclass
class ResultCounts:
    """Counts for the header of a result: lieux per service group and per département."""

    total: int = 0
    groups: dict[str, int] = field(default_factory=dict)
    departements: dict[str, int] = field(default_factory=dict)


def counts(layer: Union[QgsVectorLayer, LieuIndex], ids: Iterable[int]) -> ResultCounts:
    """Lieux per service group (a lieu counts in each group it offers) and per département."""
    index = layer if isinstance(layer, LieuIndex) else LieuIndex.from_layer(layer)
    groups = [(group_id, frozenset(services)) for group_id, _label, services in load_model().service_groups]
    result = ResultCounts(groups={group_id: 0 for group_id, _s in groups})
    for fid in ids:
        record = index.by_id.get(fid)
        if record is None:
            continue
        result.total += 1
        for group_id, services in groups:
            if not record.services.isdisjoint(services):
                result.groups[group_id] += 1
        key = record.departement or "?"
        result.departements[key] = result.departements.get(key, 0) + 1
    result.departements = dict(sorted(result.departements.items()))
    return result


# ---------------------------------------------------------------------------- territories
@dataclass
class Territories:
    """Départements, EPCI and communes offered by the territory criteria."""

    departements: dict[str, str] = field(default_factory=dict)  # code -> nom
    epci: dict[str, str] = field(default_factory=dict)  # SIREN -> nom
    communes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # INSEE -> (nom, département, SIREN EPCI)

    @property
    def epci_communes(self) -> dict[str, str]:
        """code INSEE -> SIREN of its EPCI (what :class:`LieuFilter` needs)."""
        return {insee: siren for insee, (_n, _d, siren) in self.communes.items() if siren}

    def epci_of_departement(self, code: str) -> list[str]:
        """SIREN of the EPCI having at least one commune in a département."""
        return sorted({siren for _n, dep, siren in self.communes.values() if siren and dep == code},
                      key=lambda s: fold(self.epci.get(s, s)))


def _layer_rows(layer: QgsVectorLayer, names: tuple[str, ...]) -> Iterable[tuple]:
    fields = layer.fields()
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes(list(names), fields)
    for feature in layer.getFeatures(request):
        yield tuple(text_of(feature[n]).strip() for n in names)


def _has(layer, *names: str) -> bool:
    return isinstance(layer, QgsVectorLayer) and layer.isValid() and all(layer.fields().indexFromName(n) >= 0 for n in names)


def load_territories(project: Optional[QgsProject] = None, fallback: Optional[Path] = None) -> Territories:
    """Territories from the project's communes / EPCI / départements layers, else from the demo GeoPackage."""
    project = project or QgsProject.instance()
    found: dict[str, QgsVectorLayer] = {}
    for layer in project.mapLayers().values():
        if _has(layer, "code_insee", "nom", "code_departement", "siren_epci") and "services" not in layer.fields().names():
            found.setdefault("communes", layer)
        elif _has(layer, "siren", "nom") and not _has(layer, "code_insee"):
            found.setdefault("epci", layer)
        elif _has(layer, "code", "nom") and not _has(layer, "code_insee"):
            found.setdefault("departements", layer)
    if len(found) < 3:
        from .demo import DEMO_GPKG

        path = fallback or DEMO_GPKG
        for name in ("communes", "epci", "departements"):
            if name not in found and Path(path).exists():
                layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
                if layer.isValid():
                    found[name] = layer
    territories = Territories()
    if "departements" in found:
        territories.departements = dict(_layer_rows(found["departements"], ("code", "nom")))
    if "epci" in found:
        territories.epci = dict(_layer_rows(found["epci"], ("siren", "nom")))
    if "communes" in found:
        for insee, nom, dep, siren in _layer_rows(found["communes"], ("code_insee", "nom", "code_departement", "siren_epci")):
            territories.communes[insee] = (nom, dep or departement_of(insee), siren)
            if siren and siren not in territories.epci:
                territories.epci[siren] = siren
    return territories


# ---------------------------------------------------------------------------- on the map
def ids_expression(ids: Iterable[int]) -> str:
    """A QGIS expression true for the features whose id is in ``ids`` (constant cost per feature)."""
    keys = json.dumps({str(int(i)): 1 for i in ids}, separators=(",", ":"))
    return f"map_exist(json_to_map({QgsExpression.quotedValue(keys)}), to_string($id))"


def _to_xml(save: Callable[[QDomDocument], object]) -> str:
    doc = QDomDocument()
    doc.appendChild(save(doc))
    return doc.toString()


def _from_xml(text: str):
    doc = QDomDocument()
    doc.setContent(text)
    return doc.documentElement()


def _marked_rule(root):
    children = root.children() if root is not None else []
    if len(children) == 1 and children[0].description() == FILTER_RULE_MARK:
        return children[0]
    return None


def _wrapper_rule(renderer_or_labeling):
    if isinstance(renderer_or_labeling, (QgsRuleBasedRenderer, QgsRuleBasedLabeling)):
        return _marked_rule(renderer_or_labeling.rootRule())
    return None


def map_filter_active(layer: QgsVectorLayer) -> bool:
    """True when the layer's map shows only the result of a search."""
    return bool(layer.customProperty(PROP_RENDERER, "")) and _wrapper_rule(layer.renderer()) is not None


def apply_map_filter(layer: QgsVectorLayer, ids: Iterable[int], label: str = "") -> bool:
    """Draw (and label) only the features ``ids`` of a layer; False if its style cannot be wrapped."""
    expression = ids_expression(ids)
    label = label or tr("Résultat de la recherche")
    current = _wrapper_rule(layer.renderer()) if layer.customProperty(PROP_RENDERER, "") else None
    if current is not None:
        current.setFilterExpression(expression)
        current.setLabel(label)
        label_rule = _wrapper_rule(layer.labeling())
        if label_rule is not None:
            label_rule.setFilterExpression(expression)
        layer.triggerRepaint()
        return True
    original = layer.renderer()
    if original is None:
        return False
    converted = QgsRuleBasedRenderer.convertFromRenderer(original)
    if converted is None:
        return False
    context = QgsReadWriteContext()
    layer.setCustomProperty(PROP_RENDERER, _to_xml(lambda doc: original.save(doc, context)))
    labeling = layer.labeling()
    layer.setCustomProperty(PROP_LABELING, _to_xml(lambda doc: labeling.save(doc, context)) if labeling is not None else "")
    layer.setCustomProperty(PROP_LABELS_ENABLED, bool(layer.labelsEnabled()))

    root = QgsRuleBasedRenderer.Rule(None)
    top = QgsRuleBasedRenderer.Rule(None, 0, 0, expression, label, FILTER_RULE_MARK)
    top.appendChild(converted.rootRule().clone())
    root.appendChild(top)
    wrapper = QgsRuleBasedRenderer(root)
    if original.orderByEnabled():
        wrapper.setOrderBy(original.orderBy())
        wrapper.setOrderByEnabled(True)
    layer.setRenderer(wrapper)

    if labeling is not None:
        label_root = QgsRuleBasedLabeling.Rule(None)
        label_top = QgsRuleBasedLabeling.Rule(None, 0, 0, expression, FILTER_RULE_MARK)
        if isinstance(labeling, QgsVectorLayerSimpleLabeling):
            label_top.appendChild(QgsRuleBasedLabeling.Rule(QgsPalLayerSettings(labeling.settings())))
        elif isinstance(labeling, QgsRuleBasedLabeling):
            label_top.appendChild(labeling.rootRule().clone())
        else:
            label_top = None
        if label_top is not None:
            label_root.appendChild(label_top)
            layer.setLabeling(QgsRuleBasedLabeling(label_root))
    layer.triggerRepaint()
    return True


def clear_map_filter(layer: QgsVectorLayer) -> bool:
    """Give the layer back its own style (unless the user replaced it meanwhile); True if one was restored."""
    renderer_xml = layer.customProperty(PROP_RENDERER, "")
    if not renderer_xml:
        return False
    labeling_xml = layer.customProperty(PROP_LABELING, "")
    labels_enabled = str(layer.customProperty(PROP_LABELS_ENABLED, "false")).lower() in TRUE_TEXTS
    for name in (PROP_RENDERER, PROP_LABELING, PROP_LABELS_ENABLED):
        layer.removeCustomProperty(name)
    restored = False
    context = QgsReadWriteContext()
    if _wrapper_rule(layer.renderer()) is not None:
        renderer = QgsFeatureRenderer.load(_from_xml(renderer_xml), context)
        if renderer is not None:
            layer.setRenderer(renderer)
            restored = True
    if _wrapper_rule(layer.labeling()) is not None:
        labeling = QgsAbstractVectorLayerLabeling.create(_from_xml(labeling_xml), context) if labeling_xml else None
        layer.setLabeling(labeling)
        layer.setLabelsEnabled(labels_enabled)
    layer.triggerRepaint()
    return restored


def restore_map_filters(project: Optional[QgsProject] = None) -> int:
    """Clear the map filters left in a project (saved while a search was shown); how many."""
    project = project or QgsProject.instance()
    return sum(1 for layer in project.mapLayers().values()
               if isinstance(layer, QgsVectorLayer) and layer.customProperty(PROP_RENDERER, "") and clear_map_filter(layer))
