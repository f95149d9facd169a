"""Validation of lieux against the national standard, with messages in French.

Two levels:

* ``erreur``: the row breaks a rule of the official Table Schema. The verdict matches
  the official validator (``frictionless validate --schema``), with one documented
  deviation: ``Étapes numériques (La Poste)`` is accepted (the official pattern has a typo).
* ``avertissement``: quality advice beyond the schema (unknown typologie code, e-mail or
  URL shape, coordinates out of range, a lieu without services…), never blocking.

:func:`normalize_row` proposes the corrected values (``’``→``'``, NFC, spaces around
``|``, telephone to ``+33…``, French dates, letter case of enumerations); each error
carries that proposal in ``suggestion`` when one exists. Pure Python.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Iterable, Optional

from .i18n import tr
from .schema import FieldSpec, Model, join_multi, load_model, split_multi

ERROR = "erreur"
WARNING = "avertissement"

_EMAIL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9.!#$%&'*+/=?^_`{}~-]*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_PHONE_PREFIXES = ("33", "590", "594", "262", "596", "269", "687", "689", "508", "681")


@dataclass
class Issue:
    """One finding on one field of one lieu."""

    row: Optional[int]
    field: str
    value: str
    rule: str
    severity: str
    message: str
    lieu: str = ""
    suggestion: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class ValidationReport:
    """All issues of a set of lieux; row numbers follow the file (header = line 1)."""

    issues: list[Issue] = field(default_factory=list)
    row_count: int = 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    def invalid_rows(self) -> set[int]:
        return {i.row for i in self.errors if i.row is not None}

    @property
    def valid_count(self) -> int:
        return self.row_count - len(self.invalid_rows())

    def summary(self) -> str:
        return tr("{lieux} lieux, {valides} conformes au standard, {erreurs} erreurs, {avertissements} avertissements").format(
            lieux=self.row_count, valides=self.valid_count, erreurs=len(self.errors), avertissements=len(self.warnings))


def lieu_label(row: dict[str, str]) -> str:
    """How a message names a lieu: its name, else its id."""
    return (row.get("nom") or "").strip() or (row.get("id") or "").strip()


def _where(row_number: Optional[int], row: dict[str, str]) -> str:
    label = lieu_label(row)
    if row_number is None:
        return tr("Lieu « {lieu} »").format(lieu=label)
    if label:
        return tr("Ligne {ligne} (« {lieu} »)").format(ligne=row_number, lieu=label)
    return tr("Ligne {ligne}").format(ligne=row_number)


def _accepting_regex(spec: FieldSpec) -> Optional[re.Pattern]:
    return _compile_accepting(spec.pattern, tuple(spec.value_aliases.values())) if spec.pattern else None


@cache
def _compile_accepting(pattern: str, alias_targets: tuple[str, ...]) -> re.Pattern:
    """The official pattern, plus the canonical form of known misspelt values."""
    extra = [re.escape(target) for target in alias_targets]
    if extra and pattern.endswith("))+$"):
        pattern = pattern[: -len("))+$")] + "|" + "|".join(extra) + "))+$"
    return re.compile(pattern)


def parse_number(text: str) -> Optional[Decimal]:
    """A number as Frictionless reads it (``Decimal`` syntax), or None."""
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def parse_date(text: str) -> Optional[dt.date]:
    """A ``date`` cell as Frictionless' default format reads it, or None."""
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        return None


def normalize_text(text: str) -> str:
    """NFC, typographic apostrophe to straight, trimmed."""
    return unicodedata.normalize("NFC", text or "").replace("\u2019", "'").replace("\u00a0", " ").strip()


def normalize_phone(text: str) -> str:
    """A French phone number in the standard's ``+33…`` form ('' when it cannot be)."""
    digits = re.sub(r"[\s.\-/]", "", text or "").replace("(0)", "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return "+33" + digits[1:]
    for prefix in _PHONE_PREFIXES:
        if digits.startswith("+" + prefix) and re.fullmatch(r"\+\d{8,12}", digits):
            rest = digits[len(prefix) + 1:]
            if rest.startswith("0"):
                rest = rest[1:]
            return "+" + prefix + rest
    return ""


def normalize_date(text: str) -> str:
    """An ISO ``YYYY-MM-DD`` date from ISO, ISO datetime or French ``JJ/MM/AAAA`` ('' when impossible)."""
    text = (text or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text) or None
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if not match:
            return ""
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _canonical_enum_value(spec: FieldSpec, value: str) -> str:
    value = normalize_text(value)
    if value in spec.value_aliases:
        return spec.value_aliases[value]
    folded = value.casefold()
    for allowed in spec.enum:
        if allowed.casefold() == folded:
            return allowed
    return value


def normalize_value(spec: FieldSpec, value: str, separator: str = "|") -> str:
    """The value a field should hold (same value when nothing to correct)."""
    if value is None:
        return ""
    if spec.multiple:
        parts = split_multi(normalize_text(value), separator)
        if spec.enum:
            parts = [_canonical_enum_value(spec, part) for part in parts]
        return join_multi(parts, separator)
    text = normalize_text(value)
    if spec.enum:
        return _canonical_enum_value(spec, text)
    if spec.format == "telephone" and text:
        return normalize_phone(text) or text
    if spec.type == "date" and text:
        return normalize_date(text) or text
    if spec.type == "number" and text:
        candidate = text.replace(",", ".")
        return candidate if parse_number(candidate) is not None else text
    return text


def normalize_row(row: dict[str, str], model: Optional[Model] = None) -> tuple[dict[str, str], list[str]]:
    """A corrected copy of a row and the list of fields that changed."""
    model = model or load_model()
    fixed, changed = dict(row), []
    for spec in model.fields:
        if spec.name not in row:
            continue
        original = row[spec.name] if row[spec.name] is not None else ""
        value = normalize_value(spec, original, model.separator)
        if value != original:
            fixed[spec.name] = value
            changed.append(spec.name)
    return fixed, changed


def _siret_checksum_ok(siret: str) -> bool:
    if siret.startswith("356000000"):  # La Poste: sum of digits divisible by 5
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for index, char in enumerate(reversed(siret)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


class Validator:
    """Checks rows against the model; one instance per table (it tracks unique ids)."""

    def __init__(self, model: Optional[Model] = None, today: Optional[dt.date] = None):
        self.model = model or load_model()
        self.today = today or dt.date.today()
        self._seen_ids: dict[str, Optional[int]] = {}

    def _issue(self, issues, row_number, row, spec_name, value, rule, severity, message, suggestion=""):
        text = tr("{lieu}, champ « {champ} » : {message}").format(
            lieu=_where(row_number, row), champ=spec_name, message=message)
        issues.append(Issue(row_number, spec_name, value, rule, severity, text, lieu_label(row), suggestion))

    def validate_row(self, row: dict[str, str], row_number: Optional[int] = None) -> list[Issue]:
        """Issues of one lieu (``row_number`` as in the file: first data row = 2)."""
        issues: list[Issue] = []
        for spec in self.model.fields:
            value = row.get(spec.name)
            value = "" if value is None else str(value)
            self._check_field(issues, spec, value, row, row_number)
        self._check_row(issues, row, row_number)
        return issues

    def _check_field(self, issues, spec: FieldSpec, value: str, row, row_number) -> None:
        def add(rule, severity, message, suggestion=""):
            self._issue(issues, row_number, row, spec.name, value, rule, severity, message, suggestion)

        suggestion = normalize_value(spec, value, self.model.separator)
        suggestion = suggestion if suggestion != value else ""
        if value == "":
            if spec.required:
                add("obligatoire", ERROR, tr("champ obligatoire non renseigné."))
            return
        if not value.strip():
            if spec.required:
                add("obligatoire", WARNING, tr("ne contient que des espaces."))
            return
        if spec.type == "number":
            number = parse_number(value)
            if number is None:
                add("type", ERROR, tr("« {valeur} » n'est pas un nombre (séparateur décimal : le point).").format(valeur=value), suggestion)
                return
            if not number.is_finite() or (spec.minimum is not None and number < Decimal(str(spec.minimum))) or (
                    spec.maximum is not None and number > Decimal(str(spec.maximum))):
                add("plage", WARNING, tr("{valeur} est hors de l'intervalle [{min} ; {max}] (coordonnées WGS84).").format(
                    valeur=value, min=spec.minimum, max=spec.maximum))
            return
        if spec.type == "date":
            parsed = parse_date(value)
            if parsed is None:
                add("date", ERROR, tr("« {valeur} » n'est pas une date au format AAAA-MM-JJ.").format(valeur=value), suggestion)
                return
            if suggestion:
                add("date", WARNING, tr("date à écrire sur 10 caractères : « {correction} ».").format(correction=suggestion), suggestion)
            if parsed > self.today:
                add("date_future", WARNING, tr("la date {valeur} est dans le futur.").format(valeur=value))
            return
        if spec.type == "boolean":
            if value.strip().lower() not in ("true", "false", "1", "0", "oui", "non", "vrai", "faux"):
                add("type", ERROR, tr("« {valeur} » n'est pas une valeur oui/non.").format(valeur=value))
            return
        if spec.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                add("type", ERROR, tr("« {valeur} » n'est pas un nombre entier.").format(valeur=value))
            return
        if spec.type == "datetime":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", value.strip()):
                add("type", ERROR, tr("« {valeur} » n'est pas un horodatage ISO 8601.").format(valeur=value))
            return
        if spec.max_length is not None and len(value) > spec.max_length:
            add("longueur", ERROR, tr("{longueur} caractères, au-delà du maximum de {max}.").format(
                longueur=len(value), max=spec.max_length))
        regex = _accepting_regex(spec)
        if regex is not None and not regex.match(value):
            if spec.enum:
                parts = split_multi(value, self.model.separator)
                unknown = [v for v in parts if _canonical_enum_value(spec, v) not in spec.enum]
                inexact = [v for v in parts if v not in spec.enum and v not in unknown]
                if unknown:
                    detail = tr("valeur(s) hors de la liste du standard : {valeurs}.").format(
                        valeurs=", ".join(f"« {v} »" for v in unknown))
                elif inexact:
                    detail = tr("valeur(s) mal écrite(s) (majuscules, accents, apostrophe ou espaces) : {valeurs}.").format(
                        valeurs=", ".join(f"« {v} »" for v in inexact))
                else:
                    detail = tr("« {valeur} » : valeurs à séparer par « | », sans espaces ni « | » en trop.").format(valeur=value)
                add("enumeration", ERROR, detail, suggestion)
            else:
                add("format", ERROR, tr("« {valeur} » ne respecte pas le format attendu : {format}.").format(
                    valeur=value, format=spec.format_hint or spec.pattern), suggestion)
            return
        self._check_quality(add, spec, value, suggestion)

    def _check_quality(self, add, spec: FieldSpec, value: str, suggestion: str) -> None:
        """Advice beyond the official schema (never blocking)."""
        sep = self.model.separator
        if spec.enum:
            parts = split_multi(value, sep)
            if not spec.enum_strict:
                unknown = [v for v in parts if v not in spec.enum]
                if unknown:
                    add("enumeration", WARNING, tr("code(s) inconnu(s) de la liste nationale : {valeurs} (refusés par la cartographie nationale).").format(  # noqa: E501
                        valeurs=", ".join(f"« {v} »" for v in unknown)))
            elif suggestion:
                add("normalisation", WARNING, tr("valeur à écrire « {correction} ».").format(correction=suggestion), suggestion)
            elif any(v not in spec.enum for v in parts):
                add("enumeration", WARNING, tr("valeur approchante mais pas exacte : {valeurs}.").format(
                    valeurs=", ".join(f"« {v} »" for v in parts if v not in spec.enum)))
            return
        parts = split_multi(value, sep) if spec.multiple else [value]
        if spec.format == "email":
            bad = [v for v in parts if not _EMAIL.match(v)]
            if bad:
                add("courriel", WARNING, tr("adresse(s) de courriel mal formée(s) : {valeurs}.").format(valeurs=", ".join(bad)))
        elif spec.format == "url":
            bad = [v for v in parts if not _URL.match(v)]
            if bad:
                add("url", WARNING, tr("adresse(s) web mal formée(s) (http:// ou https:// attendu) : {valeurs}.").format(valeurs=", ".join(bad)))
        elif spec.name == "pivot" and value not in spec.sentinels and re.fullmatch(r"\d{14}", value):
            if not _siret_checksum_ok(value):
                add("siret", WARNING, tr("le SIRET {valeur} a une clé de contrôle invalide.").format(valeur=value))
        elif suggestion and spec.type == "string" and not spec.multiple:
            add("normalisation", WARNING, tr("valeur à écrire « {correction} ».").format(correction=suggestion), suggestion)

    def _check_row(self, issues, row: dict[str, str], row_number) -> None:
        """Rules across fields: unique id, services and access, coordinates as a pair."""
        lieu_id = row.get("id") or ""
        if lieu_id:
            if lieu_id in self._seen_ids:
                first = self._seen_ids[lieu_id]
                self._issue(issues, row_number, row, "id", lieu_id, "unicite", ERROR,
                            tr("l'identifiant « {id} » est déjà celui de la ligne {ligne}.").format(id=lieu_id, ligne=first))
            else:
                self._seen_ids[lieu_id] = row_number
        no_public = self.model.no_public
        if "services" in row and not (row.get("services") or "").strip():
            access = split_multi(row.get("modalites_acces"), self.model.separator)
            dropped = [name for name in no_public["ignored_fields"] if (row.get(name) or "").strip()]
            if access != [no_public["modalites_acces"]] or dropped:
                if dropped:
                    message = tr("aucun service : la cartographie nationale affichera « {acces} » et ignorera : {champs}.").format(
                        acces=no_public["modalites_acces"], champs=", ".join(dropped))
                else:
                    message = tr("aucun service : la cartographie nationale affichera « {acces} ».").format(
                        acces=no_public["modalites_acces"])
                self._issue(issues, row_number, row, "services", "", "sans_service", WARNING, message)
        has_lat, has_lon = bool((row.get("latitude") or "").strip()), bool((row.get("longitude") or "").strip())
        if has_lat != has_lon:
            self._issue(issues, row_number, row, "latitude" if not has_lat else "longitude", "", "coordonnees", WARNING,
                        tr("latitude et longitude vont ensemble : l'une manque."))


def validate_rows(rows: Iterable[dict[str, str]], first_row_number: int = 2,
                  model: Optional[Model] = None, today: Optional[dt.date] = None) -> ValidationReport:
    """Validate a table of lieux; row numbers start at ``first_row_number`` (2 = after a header)."""
    validator = Validator(model, today)
    report = ValidationReport()
    for offset, row in enumerate(rows):
        report.issues.extend(validator.validate_row(row, first_row_number + offset))
        report.row_count += 1
    return report


def validate_header(columns: list[str], model: Optional[Model] = None) -> list[Issue]:
    """File-level issues: missing, unknown or misplaced standard columns."""
    model = model or load_model()
    expected = model.standard_names
    issues: list[Issue] = []
    missing = [c for c in expected if c not in columns]
    known = set(model.column_names(include_extension=True))
    for name in missing:
        issues.append(Issue(1, name, "", "colonne_manquante", ERROR,
                            tr("En-tête : la colonne obligatoire « {colonne} » du standard est absente.").format(colonne=name)))
    for name in columns:
        if name not in known:
            issues.append(Issue(1, name, "", "colonne_inconnue", WARNING,
                                tr("En-tête : la colonne « {colonne} » ne fait pas partie du standard ; elle est ignorée.").format(colonne=name)))
    present = [c for c in columns if c in expected]
    if not missing and present != expected:
        issues.append(Issue(1, "", "", "ordre_colonnes", ERROR,
                            tr("En-tête : les colonnes du standard ne sont pas dans l'ordre officiel.")))
    return issues
