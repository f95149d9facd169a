"""Opening hours (OSM ``opening_hours``, field ``horaires``) ↔ a weekly grid. Pure Python.

The grid (:class:`WeekSchedule`) holds, for each day Mo..Su, up to 3 time ranges, what happens
on public holidays and whether the place receives *by appointment*. :func:`parse` reads the
subset of the syntax the grid can hold and says, in French, why it cannot hold the rest (months,
weeks, school holidays, sunrise…): such values are kept as they are, never rewritten.

Specification: https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification

Representation choices (all within the specification's grammar):

* **Rules override** earlier rules for the same day (``<normal_rule_separator>`` ``"; "``);
  ``", "`` before a weekday (``<additional_rule_separator>``) adds ranges instead.
* **Public holidays** (``public_holidays``):

  - ``"open"`` — *same as the other days*: no ``PH`` rule at all. The specification applies
    every weekday rule to a holiday falling on that weekday, so this is what a value without
    ``PH`` means (and what ``24/7`` or ``09:00-18:00`` without weekdays mean);
  - ``"closed"`` — ``PH off``;
  - ``"unspecified"`` — ``PH unknown`` (the specification's *unknown* state);
  - ranges — ``PH 10:00-12:00``.

  The ``PH`` rule is always written last: a weekday rule after it would apply to the holidays
  falling on that weekday again, which the grid cannot hold.
* **By appointment**: the comment ``"sur rendez-vous"`` as the ``<rule_modifier>`` of every
  rule that opens (``Mo-Fr 08:30-12:00 "sur rendez-vous"``; ``<rule_modifier> ::= <comment>``),
  or alone (``"sur rendez-vous"``: a rule with empty selectors, which applies to all days) when
  no range is given. A comment without a state keyword gives the *unknown* state: the place may
  receive people during these ranges, depending on an appointment, which is the meaning
  wanted; so :func:`is_open` answers ``None`` within them and ``False`` outside.
* ``24:00`` ends a day; ``22:00-02:00`` (or ``22:00-26:00``) runs past midnight, up to 12 h
  (a longer "night" range is read as a typing mistake: *ends before it starts*).
* Canonical form (:func:`format`): days with the same ranges in one rule (``Mo-We,Fr``), rules
  in the order of their first day, ranges sorted, ``24/7`` for a week of full days, ``off``
  for a place closed every day, ``""`` for the empty grid (nothing filled in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import List, Optional, Tuple, Union

from .i18n import tr

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MAX_RANGES = 3
PH_OPEN = "open"
PH_CLOSED = "closed"
PH_UNSPECIFIED = "unspecified"
APPOINTMENT = "sur rendez-vous"
#: the longest range running past midnight (minutes)
OVERNIGHT_MAX = 12 * 60
FULL_DAY = ("00:00", "24:00")

Range = Tuple[str, str]
Holidays = Union[str, List[Range]]


def _empty_days() -> list[list[Range]]:
    return [[] for _ in DAYS]


@dataclass
class WeekSchedule:
    """A weekly grid: ranges per day (Mo..Su), public holidays, by appointment."""

    #: 7 lists (Mo..Su) of up to 3 ``("HH:MM", "HH:MM")`` ranges, sorted; end ``24:00`` ends the
    #: day, an end before the start runs past midnight
    days: list[list[Range]] = field(default_factory=_empty_days)
    #: ``"open"`` (same as other days), ``"closed"``, ``"unspecified"`` or a list of ranges
    public_holidays: Holidays = PH_OPEN
    by_appointment: bool = False

    def is_empty(self) -> bool:
        """True when nothing is filled in (formats as ``""``)."""
        return not any(self.days) and self.public_holidays == PH_OPEN and not self.by_appointment


@dataclass(frozen=True)
class ParseResult:
    """What :func:`parse` made of a value: a schedule, or None and the French reason.

    With a schedule, ``message`` is empty, or says what the canonical form corrects.
    """

    schedule: Optional[WeekSchedule]
    message: str


# --- tokens -----------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<comment>"[^"]*")
  | (?P<quote>".*)
  | (?P<always>24/7)
  | (?P<time>\d{1,2}:\d{2})(?!\d)
  | (?P<htime>\d{1,2}\s*[hH](?:\s*\d{2})?)(?![\w])
  | (?P<number>\d+)
  | (?P<word>[^\W\d_]+)
  | (?P<fallback>\|\|)
  | (?P<dash>[-\u2013\u2014])
  | (?P<punct>[;,:\[\]/+()])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STATES = ("open", "closed", "off", "unknown")
_EVENTS = ("sunrise", "sunset", "dawn", "dusk")
_VOCABULARY = {w.lower(): w for w in DAYS + _MONTHS + _STATES + _EVENTS + ("PH", "SH", "week", "easter", "day", "days")}
#: words a French agent may type for a day
_FRENCH_DAYS = {"lu", "ma", "me", "je", "ve", "di", "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi",
                "jeudi", "vendredi", "samedi", "dimanche", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "l", "m", "j", "v", "d"}


@dataclass
class _Token:
    kind: str
    text: str
    value: int = 0  # minutes, for times

    @property
    def word(self) -> str:
        """The canonical spelling of a known word ('' for anything else)."""
        return _VOCABULARY.get(self.text.lower(), "") if self.kind == "word" else ""

    def is_day(self) -> bool:
        return self.word in DAYS

    def is_ph(self) -> bool:
        return self.word == "PH"


@dataclass
class _Report:
    """What reading a value found: fatal errors, corrections, reasons it is not representable."""

    errors: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def reason(self, text: str) -> None:
        if text not in self.reasons:
            self.reasons.append(text)


def _tokenize(text: str, report: _Report) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind, raw = match.lastgroup or "other", match.group()
        if kind == "space":
            continue
        if kind == "quote":
            report.errors.append(tr("Guillemet non fermé."))
            continue
        if kind == "other":
            report.errors.append(tr("Caractère inattendu « {caractere} ».").format(caractere=raw))
            continue
        if kind == "dash" and raw != "-":
            report.fixes.append(tr("Utiliser le tiret « - » au lieu de « {caractere} ».").format(caractere=raw))
        token = _Token("dash" if kind == "dash" else kind, raw)
        if kind in ("time", "htime"):
            token = _time_token(raw, kind, report)
        elif kind == "word" and token.word and token.word != raw:
            report.fixes.append(tr("« {mot} » : écrire {correct}.").format(mot=raw, correct=token.word))
        elif kind == "word" and not token.word:
            if raw.lower() in _FRENCH_DAYS:
                report.errors.append(tr("« {mot} » n'est pas un jour reconnu : les jours s'écrivent Mo, Tu, We, Th, Fr, Sa, Su.").format(mot=raw))
            else:
                report.errors.append(tr("« {mot} » n'est pas un mot reconnu des horaires OSM.").format(mot=raw))
        tokens.append(token)
    return tokens


def _time_token(raw: str, kind: str, report: _Report) -> _Token:
    digits = re.findall(r"\d+", raw)
    hours, minutes = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    canonical = f"{hours:02d}:{minutes:02d}"
    if minutes > 59:
        report.errors.append(tr("« {heure} » : les minutes vont de 00 à 59.").format(heure=raw))
    elif hours > 48:
        report.errors.append(tr("« {heure} » : heure invalide.").format(heure=raw))
    elif kind == "htime" or len(digits[0]) != 2:
        report.fixes.append(tr("« {heure} » : écrire l'heure au format HH:MM ({correct}).").format(heure=raw, correct=canonical))
    return _Token("time", canonical, hours * 60 + minutes)


# --- rules ------------------------------------------------------------------------------

@dataclass
class _Rule:
    days: Optional[list[int]] = None  # None: no weekday selector
    ph: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # minutes; end 1..1440, or < start past midnight
    has_times: bool = False
    state: str = "open"
    keyword: bool = False  # the state is written (open, closed, off, unknown)
    comment: Optional[str] = None
    additional: bool = False
    always: bool = False  # 24/7


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _span(start: _Token, end: _Token, report: _Report) -> Optional[tuple[int, int]]:
    """A time range in minutes, or None (error reported)."""
    label = f"{start.text}-{end.text}"
    s, e = start.value, end.value
    if s >= 24 * 60:
        report.errors.append(tr("« {heure} » : heure de début invalide.").format(heure=start.text))
        return None
    if e == s:
        report.errors.append(tr("La plage {plage} est vide (début et fin identiques).").format(plage=label))
        return None
    if e > 24 * 60:
        if e - s > OVERNIGHT_MAX:
            report.errors.append(tr("La plage {plage} passe minuit et dure plus de 12 h.").format(plage=label))
            return None
        return s, e - 24 * 60
    if e == 0:
        return s, 24 * 60
    if e < s and e + 24 * 60 - s > OVERNIGHT_MAX:
        report.errors.append(tr("La plage {plage} se termine avant de commencer.").format(plage=label))
        return None
    return s, e


def _overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True when two ranges of the same day share some time."""
    (s1, e1), (s2, e2) = sorted([first, second])
    return (e1 if e1 > s1 else e1 + 24 * 60) > s2


def _check_times(tokens: list[_Token], report: _Report) -> None:
    """Check every ``time-time`` pair, whatever the rule around it."""
    for first, dash, second in zip(tokens, tokens[1:], tokens[2:]):
        if first.kind == "time" and dash.kind == "dash" and second.kind == "time":
            _span(first, second, report)


_ADVANCED_WORDS = {
    **{m: "months" for m in _MONTHS},
    "week": "weeks",
    "SH": "school",
    "easter": "easter",
    **{e: "sun" for e in _EVENTS},
    "day": "offset",
    "days": "offset",
}
_ADVANCED_PUNCT = {"[": "nth", "/": "period", "+": "open_end", "(": "variable"}


def _reason_text(key: str) -> str:
    """The French words for a construct beyond the grid."""
    return {
        "months": tr("mois ou dates"),
        "weeks": tr("semaines"),
        "school": tr("vacances scolaires (SH)"),
        "easter": tr("dates variables (Pâques)"),
        "sun": tr("lever ou coucher du soleil"),
        "offset": tr("décalage de jours"),
        "nth": tr("n-ième jour du mois (ex. Mo[1])"),
        "period": tr("périodicité"),
        "open_end": tr("heure de fin non précisée (+)"),
        "variable": tr("heures variables"),
        "years": tr("années"),
        "comment_selector": tr("commentaire utilisé comme sélecteur"),
    }[key]


def _advanced_reason(tokens: list[_Token]) -> Optional[str]:
    """Why a rule uses syntax beyond the grid, in French (None when it does not)."""
    for previous, token in zip([None, *tokens], tokens):
        key = None
        if token.word in _ADVANCED_WORDS:
            key = _ADVANCED_WORDS[token.word]
        elif token.kind == "punct" and token.text in _ADVANCED_PUNCT:
            key = _ADVANCED_PUNCT[token.text]
        elif token.kind == "number" and len(token.text) == 4:
            key = "years"
        elif token.kind == "punct" and token.text == ":" and previous is not None and previous.kind == "comment":
            key = "comment_selector"
        if key is not None:
            return _reason_text(key)
    return None


def _split_rules(tokens: list[_Token], report: _Report) -> list[list[_Token]]:
    rules: list[list[_Token]] = [[]]
    for token in tokens:
        if token.kind == "fallback":
            report.reason(tr("règle de repli (||)"))
            rules.append([])
        elif token.kind == "punct" and token.text == ";":
            rules.append([])
        else:
            rules[-1].append(token)
    while rules and not rules[-1]:  # trailing ";" tolerated
        rules.pop()
    if any(not rule for rule in rules):
        report.fixes.append(tr("Règle vide (point-virgule en trop)."))
    return [rule for rule in rules if rule]


def _read_rule(tokens: list[_Token], report: _Report, additional: bool = False) -> list[_Rule]:
    """The rule(s) of one ``;``-separated part (an additional ``, Sa …`` rule makes two)."""
    reason = _advanced_reason(tokens)
    if reason is not None:
        report.reason(reason)
        _check_times(tokens, report)
        return []
    if any(t.kind == "word" and not t.word for t in tokens):
        return []  # unknown word: already reported
    numbers = [t for t in tokens if t.kind == "number"]
    if numbers:
        report.errors.append(tr("« {nombre} » : écrire l'heure au format HH:MM.").format(nombre=numbers[0].text))
        return []
    rule = _Rule(additional=additional)
    n, i = len(tokens), 0

    def at(index: int, kind: str, text: Optional[str] = None) -> bool:
        return index < n and tokens[index].kind == kind and (text is None or tokens[index].text == text)

    if at(0, "always"):
        rule.always, i = True, 1
    else:
        days: list[int] = []
        while i < n and (tokens[i].is_day() or tokens[i].is_ph()):
            if tokens[i].is_ph():
                rule.ph = True
                i += 1
                if i < n and tokens[i].is_day():
                    report.reason(tr("jours fériés tombant certains jours (PH Mo-Fr)"))
                    return []
            else:
                first = DAYS.index(tokens[i].word)
                if at(i + 1, "dash") and i + 2 < n and tokens[i + 2].is_day():
                    last = DAYS.index(tokens[i + 2].word)
                    days += [(first + k) % 7 for k in range((last - first) % 7 + 1)]
                    i += 3
                else:
                    days.append(first)
                    i += 1
            if at(i, "punct", ",") and i + 1 < n and (tokens[i + 1].is_day() or tokens[i + 1].is_ph()):
                i += 1
                continue
            break
        if days:
            rule.days = sorted(set(days))
        if at(i, "punct", ":") and i > 0:
            report.fixes.append(tr("« : » inutile après les jours."))
            i += 1
    while at(i, "time") and not rule.always:
        if at(i + 1, "dash") and not at(i + 2, "time"):
            report.errors.append(tr("Plage incomplète « {plage} ».").format(plage=tokens[i].text + "-"))
            return []
        if not at(i + 1, "dash"):
            report.reason(tr("heure ponctuelle"))
            return []
        span = _span(tokens[i], tokens[i + 2], report)
        if span is None:
            return []
        for other in rule.spans:
            if _overlap(other, span):
                report.errors.append(tr("Les plages {premiere} et {seconde} se chevauchent.").format(
                    premiere=f"{_hhmm(other[0])}-{_hhmm(other[1])}", seconde=f"{tokens[i].text}-{tokens[i + 2].text}"))
                return []
        rule.spans.append(span)
        rule.has_times = True
        i += 3
        if at(i, "punct", ",") and at(i + 1, "time"):
            i += 1
        elif at(i, "time"):
            report.fixes.append(tr("Virgule manquante entre les plages horaires."))
    if i < n and tokens[i].word in _STATES:
        rule.state = "closed" if tokens[i].word in ("closed", "off") else tokens[i].word
        rule.keyword = True
        i += 1
    if at(i, "comment"):
        rule.comment = tokens[i].text[1:-1]
        i += 1
    rules = [rule]
    if at(i, "punct", ",") and i + 1 < n and (tokens[i + 1].is_day() or tokens[i + 1].is_ph()) and i > 0:
        return rules + _read_rule(tokens[i + 1:], report, additional=True)
    if i < n:
        report.errors.append(tr("Élément inattendu « {element} ».").format(element=tokens[i].text))
        return []
    return rules


# --- rules → grid -----------------------------------------------------------------------

@dataclass
class _Grid:
    days: list[list[tuple[int, int]]] = field(default_factory=lambda: [[] for _ in DAYS])
    appointment: list[bool] = field(default_factory=lambda: [False] * 7)
    ph: Union[str, list[tuple[int, int]]] = PH_OPEN
    ph_appointment: bool = False
    anytime_appointment: bool = False
    ph_rule_seen: bool = False


def _apply(rule: _Rule, grid: _Grid, report: _Report) -> bool:
    """Apply one rule to the grid; False when the grid cannot hold the result."""
    if rule.state == "unknown":
        if rule.ph and rule.days is None and not rule.has_times and not rule.additional and rule.comment is None:
            grid.ph, grid.ph_rule_seen = PH_UNSPECIFIED, True
            return True
        report.reason(tr("état inconnu (unknown)"))
        return False
    appointment = False
    if rule.comment is not None:
        if rule.comment.strip().lower() != APPOINTMENT or rule.keyword:
            report.reason(tr("commentaire"))
            return False
        if rule.comment != APPOINTMENT:
            report.fixes.append(tr("« {commentaire} » : écrire « sur rendez-vous ».").format(commentaire=rule.comment))
        appointment = True
    if rule.state == "closed" and rule.has_times:
        report.reason(tr("fermeture d'une partie de la journée"))
        return False
    if rule.additional and rule.state == "closed":
        report.reason(tr("fermeture ajoutée par « , »"))
        return False
    spans = [] if rule.state == "closed" else (sorted(rule.spans) if rule.has_times else [(0, 24 * 60)])
    is_global = rule.days is None and not rule.ph
    if grid.anytime_appointment and not is_global and rule.days is not None:
        report.reason(tr("rendez-vous à toute heure combiné à d'autres horaires"))
        return False
    if rule.days is not None and grid.ph_rule_seen:
        report.reason(tr("règle des jours fériés placée avant d'autres jours"))
        return False
    if is_global and appointment and not rule.has_times and not rule.always:
        grid.days = [[] for _ in DAYS]
        grid.appointment = [False] * 7
        grid.anytime_appointment, grid.ph, grid.ph_rule_seen = True, PH_OPEN, False
        return True
    days = list(range(7)) if is_global else (rule.days or [])
    for day in days:
        if rule.additional:
            grid.days[day] = sorted(grid.days[day] + spans)
            grid.appointment[day] = grid.appointment[day] or appointment
        else:
            grid.days[day] = list(spans)
            grid.appointment[day] = appointment
    if is_global:
        grid.ph, grid.ph_rule_seen, grid.anytime_appointment = PH_OPEN, False, False
    elif rule.ph:
        if rule.additional and isinstance(grid.ph, list):
            grid.ph = sorted(grid.ph + spans)
            grid.ph_appointment = grid.ph_appointment or appointment
        else:
            grid.ph = list(spans) if spans else PH_CLOSED
            grid.ph_appointment = appointment
        grid.ph_rule_seen = True
    return True


def _day_problem(spans: list[tuple[int, int]]) -> Optional[str]:
    if len(spans) > MAX_RANGES:
        return tr("plus de 3 plages par jour")
    if any(_overlap(first, second) for first, second in zip(spans, spans[1:])):
        return tr("plages qui se chevauchent")
    return None


def _schedule(grid: _Grid, report: _Report) -> Optional[WeekSchedule]:
    for spans in grid.days + ([grid.ph] if isinstance(grid.ph, list) else []):
        problem = _day_problem(spans)
        if problem:
            report.reason(problem)
            return None
    flags = {grid.appointment[d] for d in range(7) if grid.days[d]}
    if isinstance(grid.ph, list):
        flags.add(grid.ph_appointment)
    if grid.anytime_appointment:
        flags.add(True)
    if len(flags) > 1:
        report.reason(tr("« sur rendez-vous » pour une partie des horaires seulement"))
        return None
    appointment = flags == {True}
    days = [[(_hhmm(s), _hhmm(e)) for s, e in spans] for spans in grid.days]
    ph: Holidays = [(_hhmm(s), _hhmm(e)) for s, e in grid.ph] if isinstance(grid.ph, list) else grid.ph
    if not any(days) and ph == PH_OPEN and not appointment:
        ph = PH_CLOSED  # "Mo off", "closed": closed every day, holidays included
    return WeekSchedule(days=days, public_holidays=ph, by_appointment=appointment)


def _read(text: str) -> tuple[Optional[WeekSchedule], _Report]:
    report = _Report()
    tokens = _tokenize(text, report)
    rules: list[_Rule] = []
    for part in _split_rules(tokens, report):
        rules += _read_rule(part, report)
    if report.errors or report.reasons:
        return None, report
    if not rules:
        return WeekSchedule(), report
    grid = _Grid()
    for rule in rules:
        if not _apply(rule, grid, report):
            return None, report
    return _schedule(grid, report), report


# --- public API ---------------------------------------------------------------------------

def _lower_first(sentence: str) -> str:
    """A sentence to follow a colon: "La plage…" → "la plage…" (not "PH…")."""
    if len(sentence) > 1 and sentence[0].isupper() and sentence[1].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


def parse(text: Optional[str]) -> ParseResult:
    """The grid of an ``opening_hours`` value, or None and why (French); never raises."""
    text = "" if text is None else str(text)
    try:
        schedule, report = _read(text.strip())
    except Exception:  # a form must open whatever the value
        return ParseResult(None, tr("Horaires illisibles : conservés tels quels."))
    if report.errors:
        return ParseResult(None, tr("Horaires invalides : {detail} Conservés tels quels.").format(detail=_lower_first(report.errors[0])))
    if schedule is None:
        reasons = ", ".join(report.reasons) or tr("syntaxe avancée")
        return ParseResult(None, tr("Horaires non représentables dans la grille ({raisons}) : conservés tels quels.").format(raisons=reasons))
    if report.fixes:
        return ParseResult(schedule, tr("Écriture corrigée : {details}").format(details=_lower_first(" ".join(report.fixes))))
    return ParseResult(schedule, "")


def validate(text: Optional[str]) -> list[str]:
    """French messages for what is wrong in a value (empty list when it is correct).

    Values beyond the grid (months, weeks…) are not errors; only what the specification rejects
    or a French agent commonly mistypes is reported (``09h00``, ``Lu-Ve``, ``14:00-12:00``…).
    """
    text = "" if text is None else str(text)
    try:
        _unused, report = _read(text.strip())
    except Exception:
        return [tr("Horaires illisibles.")]
    return report.errors + report.fixes


def _ranges_text(ranges: list[Range]) -> str:
    return ",".join(f"{start}-{end}" for start, end in ranges)


def _runs(days: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs (first, last) of sorted day indexes."""
    runs: list[tuple[int, int]] = []
    for day in days:
        if runs and day == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _days_text(days: list[int]) -> str:
    return ",".join(DAYS[a] if a == b else f"{DAYS[a]}-{DAYS[b]}" for a, b in _runs(days))


def _sorted_ranges(ranges: list[Range]) -> list[Range]:
    return sorted(((start, end) for start, end in ranges), key=lambda r: _minutes(r[0]))


def _groups(schedule: WeekSchedule) -> list[tuple[list[Range], list[int]]]:
    """(ranges, days) of the days that open, days with the same ranges together."""
    groups: dict[tuple, list[int]] = {}
    for index, ranges in enumerate(schedule.days):
        if ranges:
            groups.setdefault(tuple(_sorted_ranges(ranges)), []).append(index)
    return [(list(key), days) for key, days in groups.items()]


def _is_always(schedule: WeekSchedule) -> bool:
    return all(list(map(tuple, ranges)) == [FULL_DAY] for ranges in schedule.days)


def format(schedule: WeekSchedule) -> str:  # the module's pair: parse/format (shadows the builtin here only)
    """The canonical ``opening_hours`` string of a grid (``""`` for the empty grid)."""
    comment = f' "{APPOINTMENT}"' if schedule.by_appointment else ""
    rules: list[str] = []
    if _is_always(schedule):
        rules.append("24/7" + comment)
    else:
        rules += [f"{_days_text(days)} {_ranges_text(ranges)}{comment}" for ranges, days in _groups(schedule)]
        if not rules and schedule.by_appointment:
            rules.append(f'"{APPOINTMENT}"')
    holidays = schedule.public_holidays
    if isinstance(holidays, str) and holidays == PH_UNSPECIFIED:
        rules.append("PH unknown")
    elif isinstance(holidays, (list, tuple)) and holidays:
        rules.append(f"PH {_ranges_text(_sorted_ranges(list(holidays)))}{comment}")
    elif holidays != PH_OPEN:  # "closed" (or no ranges)
        rules.append("PH off" if rules else "off")
    return "; ".join(rules)


def _as_schedule(value: Union[str, WeekSchedule, None]) -> Optional[WeekSchedule]:
    if isinstance(value, WeekSchedule):
        return value
    return parse(value).schedule


def _open_at(ranges: list[Range], minute: int, yesterday: list[Range]) -> bool:
    for start, end in ranges:
        s, e = _minutes(start), _minutes(end)
        if (s <= minute < e) if e > s else minute >= s:
            return True
    return any(_minutes(end) < _minutes(start) and minute < _minutes(end) for start, end in yesterday)


def is_open(value: Union[str, WeekSchedule, None], when: datetime, public_holiday: bool = False) -> Optional[bool]:
    """Whether the place is open at ``when`` (None: unknown, unreadable, or by appointment)."""
    schedule = _as_schedule(value)
    if schedule is None or schedule.is_empty():
        return None
    day, minute = when.weekday(), when.hour * 60 + when.minute
    yesterday = schedule.days[(day - 1) % 7]
    ranges = schedule.days[day]
    if public_holiday:
        holidays = schedule.public_holidays
        if holidays == PH_CLOSED:
            return False
        if holidays == PH_UNSPECIFIED:
            return None
        if isinstance(holidays, (list, tuple)):
            ranges = list(holidays)
    if not any(schedule.days) and schedule.by_appointment and not (public_holiday and isinstance(schedule.public_holidays, list)):
        return None
    if _open_at(ranges, minute, yesterday):
        return None if schedule.by_appointment else True
    return False


def open_on_weekend(value: Union[str, WeekSchedule, None]) -> Optional[bool]:
    """Whether the place has hours on Saturday or Sunday (by appointment included).

    None when the value is unreadable, empty, or "by appointment" without hours.
    """
    schedule = _as_schedule(value)
    if schedule is None or schedule.is_empty():
        return None
    friday_night = any(_minutes(end) < _minutes(start) for start, end in schedule.days[4])
    if schedule.days[5] or schedule.days[6] or friday_night:
        return True
    if not any(schedule.days) and schedule.by_appointment:
        return None
    return False


def _time_fr(hhmm: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} h" if minutes == "00" else f"{int(hours)} h {minutes}"


def _ranges_fr(ranges: list[Range]) -> str:
    if [tuple(r) for r in ranges] == [FULL_DAY]:
        return "24 h/24"
    return ", ".join(f"{_time_fr(start)}\u2013{_time_fr(end)}" for start, end in ranges)


def _days_fr(days: list[int]) -> str:
    items: list[str] = []
    for first, last in _runs(days):
        if last - first >= 2:
            items.append(f"{DAY_NAMES_FR[first]}\u2013{DAY_NAMES_FR[last]}")
        else:
            items += [DAY_NAMES_FR[d] for d in range(first, last + 1)]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def describe_fr(value: Union[str, WeekSchedule, None]) -> str:
    """Plain French (``Lundi–vendredi 9 h–12 h ; fermé les jours fériés``); the raw text when unreadable.

    Meant for printed directories, hence always French (not translated).
    """
    schedule = _as_schedule(value)
    if schedule is None:
        return "" if value is None else str(value)
    holidays = schedule.public_holidays
    if not any(schedule.days) and not schedule.by_appointment and holidays in (PH_CLOSED, PH_OPEN):
        return "" if holidays == PH_OPEN else "Fermé"
    parts: list[str] = []
    if _is_always(schedule):
        parts.append("ouvert 24 h/24, 7 j/7")
    else:
        parts += [f"{_days_fr(days)} {_ranges_fr(ranges)}" for ranges, days in _groups(schedule)]
    if schedule.by_appointment:
        parts.append(APPOINTMENT)
    if holidays == PH_CLOSED:
        parts.append("fermé les jours fériés")
    elif holidays == PH_UNSPECIFIED:
        parts.append("jours fériés : horaires non précisés")
    elif isinstance(holidays, (list, tuple)) and holidays:
        parts.append(f"jours fériés {_ranges_fr(_sorted_ranges(list(holidays)))}")
    text = " ; ".join(parts)
    return text[:1].upper() + text[1:]
