"""ui/opening_hours_widget.py: the weekly grid, driven through its widgets (pytest-qgis, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mednum.core import opening_hours as oh

CORPUS = Path(__file__).resolve().parents[1] / "data" / "opening_hours_corpus.txt"


def corpus_values() -> list[str]:
    """The corpus's values, verbatim (see the file's header)."""
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line for line in lines if not line.startswith("#")]


VALUES = corpus_values()
REPRESENTABLE = [v for v in VALUES if oh.parse(v).schedule is not None]
RAW = [v for v in VALUES if oh.parse(v).schedule is None]


@pytest.fixture
def widget(qgis_app):
    from mednum.ui.opening_hours_widget import OpeningHoursWidget

    w = OpeningHoursWidget()
    emitted: list[str] = []
    w.valueChanged.connect(emitted.append)
    w.emitted = emitted
    yield w
    w.deleteLater()


def t(hhmm: str):
    from qgis.PyQt.QtCore import QTime

    hours, minutes = map(int, hhmm.split(":"))
    return QTime(hours, minutes)


def open_day(widget, day: int, *ranges: tuple[str, str]) -> None:
    """Type a day's ranges as an agent does: untick "fermé", tick the extra ranges, set the times."""
    row = widget.day_rows[day]
    row.closed.setChecked(False)
    for k, (start, end) in enumerate(ranges):
        editor = row.ranges[k]
        if editor.enabled is not None:
            editor.enabled.setChecked(True)
        editor.start.setTime(t(start))
        editor.end.setTime(t(end))


def choose_holidays(widget, key: str) -> None:
    widget.holidays_combo.setCurrentIndex(widget.holidays_combo.findData(key))


def test_a_new_widget_is_empty(widget):
    assert widget.value() == ""
    assert not widget.isRawMode()
    assert all(row.closed.isChecked() for row in widget.day_rows)
    assert widget.holidays_combo.currentText() == "ouvert comme les autres jours"
    assert [widget.holidays_combo.itemText(i) for i in range(widget.holidays_combo.count())] == [
        "ouvert comme les autres jours", "fermé", "non précisé", "horaires particuliers"]
    assert [row.label.text() for row in widget.day_rows] == ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    assert widget.preview_osm.text() == "(vide)"


def test_a_town_hall_typed_in_the_grid(widget):
    open_day(widget, 0, ("09:00", "12:00"), ("14:00", "17:30"))
    assert widget.value() == "Mo 09:00-12:00,14:00-17:30"
    widget.copy_monday.click()
    open_day(widget, 5, ("09:00", "12:00"))
    choose_holidays(widget, "closed")
    assert widget.value() == "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"
    assert widget.preview_osm.text() == "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"
    assert widget.preview_text.text() == "Lundi–vendredi 9 h–12 h, 14 h–17 h 30 ; samedi 9 h–12 h ; fermé les jours fériés"
    assert (widget.emitted or [""])[-1] == widget.value()
    assert len(widget.emitted) == len(set(widget.emitted))  # one signal per change of value

    widget.appointment.setChecked(True)
    assert widget.value() == ('Mo-Fr 09:00-12:00,14:00-17:30 "sur rendez-vous"; Sa 09:00-12:00 "sur rendez-vous"; PH off')
    widget.day_rows[3].closed.setChecked(True)  # Thursday
    widget.appointment.setChecked(False)
    assert widget.value() == "Mo-We,Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"
    assert widget.warnings.text() == ""


def test_a_range_is_used_only_when_ticked(widget):
    open_day(widget, 1, ("14:00", "18:00"))
    row = widget.day_rows[1]
    row.ranges[2].start.setTime(t("19:00"))  # not ticked: ignored
    assert widget.value() == "Tu 14:00-18:00"
    assert not row.ranges[2].start.isEnabled()
    row.ranges[2].enabled.setChecked(True)
    row.ranges[2].end.setTime(t("20:00"))
    assert widget.value() == "Tu 14:00-18:00,19:00-20:00"
    row.closed.setChecked(True)
    assert widget.value() == ""  # every day closed, holidays as the other days: nothing filled in
    assert not row.ranges[0].start.isEnabled()
    choose_holidays(widget, "closed")
    assert widget.value() == "off"


def test_midnight_and_overnight(widget):
    open_day(widget, 1, ("18:00", "00:00"))
    open_day(widget, 4, ("22:00", "02:00"))
    assert widget.value() == "Tu 18:00-24:00; Fr 22:00-02:00"
    widget.setValue("24/7")
    assert all(row.ranges[0].start.time() == t("00:00") and row.ranges[0].end.time() == t("00:00") for row in widget.day_rows)
    assert widget.value() == "24/7"


@pytest.mark.parametrize(("key", "suffix"), [("open", ""), ("closed", "; PH off"), ("unspecified", "; PH unknown"),
                                             ("ranges", "; PH 10:00-12:00")])
def test_public_holidays(widget, key, suffix):
    open_day(widget, 2, ("09:00", "12:00"))
    choose_holidays(widget, key)
    if key == "ranges":
        assert widget.holiday_ranges[0].isVisibleTo(widget)
        widget.holiday_ranges[0].start.setTime(t("10:00"))
        widget.holiday_ranges[0].end.setTime(t("12:00"))
    else:
        assert not widget.holiday_ranges[0].isVisibleTo(widget)
    assert widget.value() == "We 09:00-12:00" + suffix


def test_appointment_only(widget):
    widget.appointment.setChecked(True)
    assert widget.value() == '"sur rendez-vous"'
    assert widget.preview_text.text() == "Sur rendez-vous"


def test_an_impossible_range_is_shown_in_red(widget):
    open_day(widget, 0, ("14:00", "12:00"))
    assert widget.value() == "Mo 14:00-12:00"
    assert widget.warnings.text() == "La plage 14:00-12:00 se termine avant de commencer."
    widget.day_rows[0].ranges[0].end.setTime(t("18:00"))
    assert widget.warnings.text() == ""


def test_copy_monday_copies_closed_days_too(widget):
    widget.setValue("Mo-Fr 09:00-12:00")
    widget.day_rows[0].closed.setChecked(True)
    widget.copy_monday.click()
    assert widget.value() == ""
    assert all(row.closed.isChecked() for row in widget.day_rows[:5])
    widget.setValue("Mo 08:00-12:00,13:00-15:00,16:00-18:00; Sa 09:00-12:00")
    widget.copy_monday.click()
    assert widget.value() == "Mo-Fr 08:00-12:00,13:00-15:00,16:00-18:00; Sa 09:00-12:00"


@pytest.mark.parametrize("text", REPRESENTABLE, ids=[repr(v)[:60] for v in REPRESENTABLE])
def test_every_representable_corpus_value_comes_back_canonical(widget, text):
    result = oh.parse(text)
    widget.setValue(text)
    assert not widget.isRawMode()
    assert widget.schedule() == result.schedule
    assert widget.value() == oh.format(result.schedule)
    assert widget.preview_text.text() == oh.describe_fr(text)
    assert widget.grid_note.text() == result.message
    assert widget.warnings.text() == ""
    assert (widget.emitted or [""])[-1] == widget.value()


@pytest.mark.parametrize("text", RAW, ids=[repr(v)[:60] for v in RAW])
def test_an_unrepresentable_value_is_kept_verbatim_in_raw_mode(widget, text):
    widget.setValue("Mo-Fr 09:00-12:00")
    widget.setValue(text)
    assert widget.isRawMode()
    assert widget.raw_edit.text() == text
    assert widget.value() == text
    assert widget.raw_message.text() == oh.parse(text).message
    assert widget.raw_message.text().lower().endswith("conservés tels quels.")
    assert not widget.grid_button.isEnabled()
    assert widget.emitted[-1] == text


def test_raw_mode_back_to_the_grid_and_free_typing(widget):
    widget.setValue("Jan-Jun Mo-Fr 09:00-17:00")
    assert widget.isRawMode() and not widget.grid_button.isEnabled()
    widget.raw_edit.setText("Mo-Fr 9:00-17:00")
    assert widget.value() == "Mo-Fr 9:00-17:00"  # verbatim while in raw mode
    assert widget.grid_button.isEnabled()
    widget.grid_button.click()
    assert not widget.isRawMode()
    assert widget.value() == "Mo-Fr 09:00-17:00"
    assert widget.grid_note.text().startswith("Écriture corrigée")
    widget.raw_button.click()
    assert widget.isRawMode()
    assert widget.raw_edit.text() == "Mo-Fr 09:00-17:00"
    assert widget.emitted[-2:] == ["Mo-Fr 9:00-17:00", "Mo-Fr 09:00-17:00"]  # switching modes alone changes nothing


def test_the_wrapper_contract(widget):
    """What ui/form_widgets.HoursWrapper relies on: blockSignals around setValue, "" for nothing."""
    widget.blockSignals(True)
    widget.setValue("Tu,Th 14:00-18:00")
    widget.blockSignals(False)
    assert widget.emitted == []
    widget.setValue(None)
    assert widget.value() == "" and widget.emitted == [""]
