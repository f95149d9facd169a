"""core/opening_hours.py: OSM opening_hours ↔ weekly grid, on a corpus of real-world-style values.

Pure Python: ``python -P -m pytest tests/unit/test_opening_hours.py -p no:qgis -q``.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mednum.core import opening_hours as oh
from mednum.core.opening_hours import WeekSchedule

CORPUS = Path(__file__).resolve().parents[1] / "data" / "opening_hours_corpus.txt"
#: the corpus's sections (a "# --- <title>" line opens one) and what each line of it must do
SECTIONS = {"canonical": "same", "representable": "rewritten", "valid OSM": "beyond", "invalid": "invalid"}


def load_corpus() -> list[tuple[str, str]]:
    """(section kind, value) of every value line, verbatim (blank lines are empty values)."""
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline
    kind, values = "", []
    for line in lines:
        if line.startswith("# ---"):
            kind = next(k for title, k in SECTIONS.items() if line[5:].strip().startswith(title))
        elif not line.startswith("#"):
            assert kind, f"value before the first section: {line!r}"
            values.append((kind, line))
    return values


CORPUS_VALUES = load_corpus()


def _id(value: str) -> str:
    return repr(value)[:60]


def test_corpus_is_large_and_varied():
    kinds = [kind for kind, _ in CORPUS_VALUES]
    assert len(CORPUS_VALUES) >= 60
    assert kinds.count("same") >= 20 and kinds.count("rewritten") >= 20
    assert kinds.count("beyond") >= 20 and kinds.count("invalid") >= 10
    values = [v for _, v in CORPUS_VALUES]
    assert "" in values and "   " in values and any(v != v.strip() and v.strip() for v in values)  # empty-ish, spaces kept
    assert len(set(values)) == len(values)


@pytest.mark.parametrize(("kind", "text"), CORPUS_VALUES, ids=[_id(v) for _, v in CORPUS_VALUES])
def test_every_corpus_value_round_trips_or_is_kept_with_a_french_reason(kind, text):
    result = oh.parse(text)
    if kind in ("beyond", "invalid"):
        assert result.schedule is None
        prefix = "Horaires non représentables dans la grille (" if kind == "beyond" else "Horaires invalides : "
        assert result.message.startswith(prefix) and result.message.lower().endswith("conservés tels quels.")
        assert oh.describe_fr(text) == text
        assert oh.is_open(text, datetime(2025, 3, 3, 10, 0)) is None
        assert oh.open_on_weekend(text) is None
        assert (oh.validate(text) != []) == (kind == "invalid")
        return
    assert result.schedule is not None, result.message
    canonical = oh.format(result.schedule)
    again = oh.parse(canonical)
    assert again.schedule == result.schedule
    assert again.message == ""
    assert oh.format(again.schedule) == canonical
    assert oh.validate(canonical) == []
    assert all(len(day) <= oh.MAX_RANGES for day in result.schedule.days)
    if kind == "same":
        assert canonical == text
        assert result.message == ""
    else:
        assert canonical != text


@pytest.mark.parametrize(("text", "canonical"), [
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"),
    ("24/7", "24/7"),
    ("Mo-Su 08:00-20:00", "Mo-Su 08:00-20:00"),
    ("Tu,Th 14:00-18:00", "Tu,Th 14:00-18:00"),
    ('Mo-Fr 08:30-12:00 "sur rendez-vous"', 'Mo-Fr 08:30-12:00 "sur rendez-vous"'),
    ("Mo 09:00-12:00,13:00-15:00,16:00-18:00", "Mo 09:00-12:00,13:00-15:00,16:00-18:00"),
    ("Mo-Fr 22:00-02:00", "Mo-Fr 22:00-02:00"),
    ("Mo-Fr 09:00-12:00; Th off", "Mo-We,Fr 09:00-12:00"),
    ("Fr-Mo 10:00-18:00", "Mo,Fr-Su 10:00-18:00"),
    ("Su-Tu 10:00-12:00", "Mo-Tu,Su 10:00-12:00"),
    ("Mo-Fr 9:00-12:00", "Mo-Fr 09:00-12:00"),
    ("Mo-Fr 09h00-12h00", "Mo-Fr 09:00-12:00"),
    ("mo-fr 09:00-12:00; ph off;", "Mo-Fr 09:00-12:00; PH off"),
    ("Mo-Fr 09:00-18:00; We 09:00-12:00", "Mo-Tu,Th-Fr 09:00-18:00; We 09:00-12:00"),
    ("Mo-Fr 09:00-12:00, Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"),
    ("Mo-Fr,PH 09:00-12:00", "Mo-Fr 09:00-12:00; PH 09:00-12:00"),
    ("Mo-Su 00:00-24:00", "24/7"),
    ("Mo-Fr 22:00-26:00", "Mo-Fr 22:00-02:00"),
    ("Mo-Fr 18:00-00:00", "Mo-Fr 18:00-24:00"),
    ("PH off", "off"),
    ("closed", "off"),
    ('"sur rendez-vous"', '"sur rendez-vous"'),
    ("Mo-Sa 09:00-19:00; PH unknown", "Mo-Sa 09:00-19:00; PH unknown"),
    ("  ;  ", ""),
    ("", ""),
])
def test_canonical_form(text, canonical):
    assert oh.format(oh.parse(text).schedule) == canonical


def test_the_grid_of_a_typical_town_hall():
    schedule = oh.parse("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off").schedule
    week = [("09:00", "12:00"), ("14:00", "17:30")]
    assert schedule == WeekSchedule(days=[week] * 5 + [[("09:00", "12:00")], []], public_holidays=oh.PH_CLOSED, by_appointment=False)


@pytest.mark.parametrize(("text", "holidays", "appointment"), [
    ("Mo-Fr 09:00-12:00", oh.PH_OPEN, False),  # no PH rule: holidays are ordinary days (the specification's default)
    ("Mo-Fr 09:00-12:00; PH off", oh.PH_CLOSED, False),
    ("Mo-Fr 09:00-12:00; PH unknown", oh.PH_UNSPECIFIED, False),
    ("Mo-Fr 09:00-12:00; PH 10:00-11:00", [("10:00", "11:00")], False),
    ('Mo-Fr 09:00-12:00 "sur rendez-vous"; PH 10:00-11:00 "sur rendez-vous"', [("10:00", "11:00")], True),
    ("24/7", oh.PH_OPEN, False),
    ("off", oh.PH_CLOSED, False),
    ('"sur rendez-vous"', oh.PH_OPEN, True),
])
def test_public_holidays_and_appointment(text, holidays, appointment):
    schedule = oh.parse(text).schedule
    assert (schedule.public_holidays, schedule.by_appointment) == (holidays, appointment)
    assert oh.format(schedule) == text


def test_later_rules_override_earlier_ones_for_the_same_day():
    schedule = oh.parse("Mo 08:00-12:00; Tu-Fr 08:00-12:00,13:30-17:00; Mo 13:30-17:00").schedule
    assert schedule.days[0] == [("13:30", "17:00")]
    additional = oh.parse("Mo-Fr 08:00-12:00, Mo 13:30-17:00").schedule  # ", " adds instead
    assert additional.days[0] == [("08:00", "12:00"), ("13:30", "17:00")]


def test_corrections_are_announced_and_plain_values_are_not():
    assert oh.parse("Mo-Fr 09h00-12h00").message.startswith("Écriture corrigée : « 09h00 » : écrire l'heure au format HH:MM (09:00).")
    assert oh.parse("Mo-Fr 09:00-12:00").message == ""


@pytest.mark.parametrize(("text", "message"), [
    ("Jan-Jun Mo-Fr 09:00-17:00", "Horaires non représentables dans la grille (mois ou dates) : conservés tels quels."),
    ("week 1-53/2 Fr 09:00-12:00", "Horaires non représentables dans la grille (semaines) : conservés tels quels."),
    ("SH off", "Horaires non représentables dans la grille (vacances scolaires (SH)) : conservés tels quels."),
    ("sunrise-sunset", "Horaires non représentables dans la grille (lever ou coucher du soleil) : conservés tels quels."),
    ('Mo-Fr 08:00-12:00 "accueil téléphonique"', "Horaires non représentables dans la grille (commentaire) : conservés tels quels."),
    ("Mo-Fr 14:00-12:00", "Horaires invalides : la plage 14:00-12:00 se termine avant de commencer. Conservés tels quels."),
])
def test_unrepresentable_messages(text, message):
    assert oh.parse(text) == oh.ParseResult(None, message)


# --- is_open / open_on_weekend ---------------------------------------------------------------

MONDAY = datetime(2025, 3, 3)  # a Monday


def at(day: int, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return MONDAY + timedelta(days=day, hours=hours, minutes=minutes)


@pytest.mark.parametrize(("text", "when", "holiday", "expected"), [
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", at(0, "10:00"), False, True),
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", at(0, "12:00"), False, False),  # the end is excluded
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", at(4, "17:29"), False, True),
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", at(5, "11:59"), False, True),
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", at(6, "10:00"), False, False),
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", at(0, "10:00"), True, False),
    ("Mo-Fr 09:00-12:00", at(0, "10:00"), True, True),  # no PH rule: a Monday holiday is a Monday
    ("Mo-Sa 09:00-19:00; PH unknown", at(0, "10:00"), True, None),
    ("Mo-Sa 09:00-19:00; PH unknown", at(0, "10:00"), False, True),
    ("Mo-Sa 08:00-19:00; Su 09:00-12:00; PH 09:00-12:00", at(0, "15:00"), True, False),
    ("Mo-Sa 08:00-19:00; Su 09:00-12:00; PH 09:00-12:00", at(0, "10:00"), True, True),
    ("Mo-Fr 22:00-02:00", at(1, "01:00"), False, True),  # Monday night
    ("Mo-Fr 22:00-02:00", at(0, "01:00"), False, False),  # nothing on Sunday night
    ("Mo-Fr 22:00-02:00", at(5, "01:59"), False, True),  # Friday night, on Saturday
    ("Mo-Fr 22:00-02:00", at(5, "02:00"), False, False),
    ("Mo-Fr 22:00-02:00", at(4, "23:00"), False, True),
    ('Mo-Fr 08:30-12:00 "sur rendez-vous"', at(0, "09:00"), False, None),  # unknown: depends on an appointment
    ('Mo-Fr 08:30-12:00 "sur rendez-vous"', at(0, "13:00"), False, False),
    ('"sur rendez-vous"', at(2, "15:00"), False, None),
    ("24/7", at(6, "03:00"), True, True),
    ("24/7; PH off", at(6, "03:00"), True, False),
    ("Mo-Fr 18:00-24:00", at(0, "23:59"), False, True),
    ("off", at(0, "10:00"), False, False),
    ("", at(0, "10:00"), False, None),
    ("Jan-Jun Mo-Fr 09:00-17:00", at(0, "10:00"), False, None),
])
def test_is_open(text, when, holiday, expected):
    assert oh.is_open(text, when, public_holiday=holiday) is expected


def test_is_open_takes_a_schedule_too():
    schedule = oh.parse("Tu,Th 14:00-18:00").schedule
    assert oh.is_open(schedule, at(1, "15:00")) is True
    assert oh.is_open(schedule, at(2, "15:00")) is False


@pytest.mark.parametrize(("text", "expected"), [
    ("Mo-Fr 09:00-12:00; PH off", False),
    ("Tu-Sa 10:00-12:30,13:30-18:00; PH off", True),
    ("Mo-Fr 10:00-18:00; Sa-Su 10:00-19:00", True),
    ("Mo-Fr 22:00-02:00", True),  # Friday night runs into Saturday
    ('Mo-Fr 08:30-12:00 "sur rendez-vous"', False),
    ('Sa 09:00-12:00 "sur rendez-vous"', True),
    ('"sur rendez-vous"', None),
    ("off", False),
    ("", None),
    ("sunrise-sunset", None),
])
def test_open_on_weekend(text, expected):
    assert oh.open_on_weekend(text) is expected


# --- describe_fr / validate -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
     "Lundi–vendredi 9 h–12 h, 14 h–17 h ; samedi 9 h–12 h ; fermé les jours fériés"),
    ("Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00", "Lundi–jeudi 8 h 30–12 h, 13 h 30–17 h ; vendredi 8 h 30–12 h"),
    ("Tu,Th 14:00-18:00", "Mardi et jeudi 14 h–18 h"),
    ("Mo-Tu,Th-Fr 09:00-12:00", "Lundi, mardi, jeudi et vendredi 9 h–12 h"),
    ("Mo-We,Fr 08:15-11:45", "Lundi–mercredi et vendredi 8 h 15–11 h 45"),
    ("Fr-Mo 10:00-18:00", "Lundi et vendredi–dimanche 10 h–18 h"),
    ("24/7", "Ouvert 24 h/24, 7 j/7"),
    ('Mo-Fr 08:30-12:00 "sur rendez-vous"; PH off', "Lundi–vendredi 8 h 30–12 h ; sur rendez-vous ; fermé les jours fériés"),
    ('"sur rendez-vous"', "Sur rendez-vous"),
    ("Mo-Sa 09:00-19:00; PH unknown", "Lundi–samedi 9 h–19 h ; jours fériés : horaires non précisés"),
    ("Mo-Sa 08:00-19:00; Su 09:00-12:00; PH 09:00-12:00", "Lundi–samedi 8 h–19 h ; dimanche 9 h–12 h ; jours fériés 9 h–12 h"),
    ("Mo-Fr 22:00-02:00", "Lundi–vendredi 22 h–2 h"),
    ("Mo-Fr 00:00-24:00", "Lundi–vendredi 24 h/24"),
    ("off", "Fermé"),
    ("", ""),
    ("SH off", "SH off"),
    ("Lu-Ve 9h-12h", "Lu-Ve 9h-12h"),
])
def test_describe_fr(text, expected):
    assert oh.describe_fr(text) == expected


@pytest.mark.parametrize(("text", "messages"), [
    ("Mo-Fr 09:00-12:00,14:00-17:00; PH off", []),
    ("Mo-Fr 22:00-02:00", []),
    ("Jan-Jun Mo-Fr 09:00-17:00", []),  # beyond the grid, but valid
    ("Mo-Fr 14:00-12:00", ["La plage 14:00-12:00 se termine avant de commencer."]),
    ("Jan-Jun Mo-Fr 14:00-12:00", ["La plage 14:00-12:00 se termine avant de commencer."]),
    ("Mo 09:60-12:00", ["« 09:60 » : les minutes vont de 00 à 59."]),
    ("Mo-Fr 09:00-09:00", ["La plage 09:00-09:00 est vide (début et fin identiques)."]),
    ("Mo-Fr 09:00-12:00,11:00-13:00", ["Les plages 09:00-12:00 et 11:00-13:00 se chevauchent."]),
    ("Lu-Ve 09:00-12:00", ["« Lu » n'est pas un jour reconnu : les jours s'écrivent Mo, Tu, We, Th, Fr, Sa, Su.",
                           "« Ve » n'est pas un jour reconnu : les jours s'écrivent Mo, Tu, We, Th, Fr, Sa, Su."]),
    ("Mo-Fr 09:00-12:00 et 14:00-17:00", ["« et » n'est pas un mot reconnu des horaires OSM."]),
    ("Mo-Fr 09h00-12h00", ["« 09h00 » : écrire l'heure au format HH:MM (09:00).", "« 12h00 » : écrire l'heure au format HH:MM (12:00)."]),
    ('Mo-Fr 08:00-12:00 "sur rendez-vous', ["Guillemet non fermé."]),
])
def test_validate(text, messages):
    assert oh.validate(text) == messages


def test_never_raises_on_garbage():
    rng = random.Random(20250303)
    pieces = ["Mo", "Fr", "PH", "SH", "24/7", "09:00", "9h", "-", ",", ";", " ", ":", '"', '"sur rendez-vous"', "off", "open",
              "unknown", "[", "]", "1", "2024", "Jan", "+", "/", "||", "(", ")", "é", "\t", "26:00", "99:99", "lundi", "week"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        result = oh.parse(text)
        assert result.schedule is not None or result.message, text
        oh.validate(text)
        oh.describe_fr(text)
        oh.is_open(text, MONDAY, public_holiday=rng.random() < 0.5)
        oh.open_on_weekend(text)
        if result.schedule is not None:
            assert oh.parse(oh.format(result.schedule)).schedule == result.schedule, text
    assert oh.parse(None) == oh.ParseResult(WeekSchedule(), "")


# --- property: any grid round-trips ------------------------------------------------------------

def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def random_ranges(rng: random.Random) -> list[oh.Range]:
    """1..3 sorted, disjoint ranges; sometimes the last one runs past midnight (≤ 12 h)."""
    count = rng.randint(1, oh.MAX_RANGES)
    points = sorted(rng.sample(range(0, 24 * 60 + 1, rng.choice((1, 5, 15, 30))), 2 * count))
    spans = [(points[2 * k], points[2 * k + 1]) for k in range(count)]
    start = spans[-1][0]
    if rng.random() < 0.2 and start > 24 * 60 - oh.OVERNIGHT_MAX:
        spans[-1] = (start, rng.randint(1, start - (24 * 60 - oh.OVERNIGHT_MAX)))  # ends the next day, ≤ 12 h in all
    return [(_hhmm(s), _hhmm(e)) for s, e in spans]


def random_schedule(rng: random.Random) -> WeekSchedule:
    days = []
    for _ in range(7):
        draw = rng.random()
        days.append([] if draw < 0.3 else [oh.FULL_DAY] if draw < 0.35 else random_ranges(rng))
    if rng.random() < 0.05:
        days = [[oh.FULL_DAY] for _ in range(7)]
    elif rng.random() < 0.05:
        days = [[] for _ in range(7)]
    holidays = rng.choice([oh.PH_OPEN, oh.PH_CLOSED, oh.PH_UNSPECIFIED, "ranges"])
    if holidays == "ranges":
        holidays = random_ranges(rng)
    schedule = WeekSchedule(days=days, public_holidays=holidays, by_appointment=rng.random() < 0.25)
    if not any(days) and holidays == oh.PH_OPEN and not schedule.by_appointment:
        return WeekSchedule()  # the empty grid
    return schedule


def test_random_schedules_round_trip():
    rng = random.Random(1789)
    seen_texts = set()
    for _ in range(2000):
        schedule = random_schedule(rng)
        text = oh.format(schedule)
        result = oh.parse(text)
        assert result == oh.ParseResult(schedule, ""), text
        assert oh.validate(text) == [], text
        assert bool(oh.describe_fr(text)) == (not schedule.is_empty()), text
        when = MONDAY + timedelta(minutes=rng.randrange(7 * 24 * 60))
        holiday = rng.random() < 0.3
        assert oh.is_open(text, when, holiday) == oh.is_open(schedule, when, holiday)
        seen_texts.add(text)
    assert len(seen_texts) > 1500
    assert any("24/7" in t for t in seen_texts) and any(t.startswith('"sur rendez-vous"') for t in seen_texts)
    assert "" in seen_texts and "off" in seen_texts
