"""Weekly grid editor of the ``horaires`` field (OSM ``opening_hours``).

Seven rows (Lundi..Dimanche), each with a "Fermé" box and up to three ranges of two
``QTimeEdit``; public holidays; "Sur rendez-vous"; a live preview of the OSM string and of its
French reading. A value the grid cannot hold (months, weeks, school holidays…) or an invalid one
opens in a raw-text line, kept verbatim, with the reason. The reading and writing of the string
are :mod:`mednum.core.opening_hours`'s; this widget only maps it to widgets.

An end time of 00:00 means midnight at the end of the day (``24:00``).
"""

from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import Qt, QTime, pyqtSignal
from qgis.PyQt.QtGui import QFontDatabase
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core import opening_hours as oh
from ..core.i18n import tr

TIME_FORMAT = "HH:mm"
#: times shown in a range that is not in use
DEFAULT_RANGES: tuple[oh.Range, ...] = (("09:00", "12:00"), ("14:00", "17:00"), ("18:00", "20:00"))
#: public-holiday choices, in the combo's order
HOLIDAY_CHOICES = ("open", "closed", "unspecified", "ranges")


def day_labels() -> list[str]:
    """The days' names, Monday first."""
    return [tr("Lundi"), tr("Mardi"), tr("Mercredi"), tr("Jeudi"), tr("Vendredi"), tr("Samedi"), tr("Dimanche")]


def _qtime(hhmm: str) -> QTime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return QTime(hours % 24, minutes)


class RangeEditor(QWidget):
    """One time range: start and end ``QTimeEdit``, with a box to use it when it is optional."""

    changed = pyqtSignal()

    def __init__(self, default: oh.Range, optional: bool, name: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.default = default
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled: Optional[QCheckBox] = None
        if optional:
            self.enabled = QCheckBox(self)
            self.enabled.setToolTip(tr("Utiliser cette plage"))
            self.enabled.setAccessibleName(tr("{plage} : utilisée").format(plage=name))
            self.enabled.toggled.connect(self._update)
            self.enabled.toggled.connect(self.changed)
            layout.addWidget(self.enabled)
        self.start = QTimeEdit(self)
        self.end = QTimeEdit(self)
        for edit, text in ((self.start, tr("{plage} : début").format(plage=name)), (self.end, tr("{plage} : fin").format(plage=name))):
            edit.setDisplayFormat(TIME_FORMAT)
            edit.setAccessibleName(text)
            edit.timeChanged.connect(self.changed)
        self.end.setToolTip(tr("00:00 : jusqu'à minuit ; une fin avant le début passe minuit."))
        layout.addWidget(self.start)
        layout.addWidget(QLabel("\u2013", self))
        layout.addWidget(self.end)
        self.set_range(None)

    def in_use(self) -> bool:
        """True when this range counts (always, for a range that is not optional)."""
        return self.enabled is None or self.enabled.isChecked()

    def set_range(self, value: Optional[oh.Range]) -> None:
        """Show a range (None: not in use, default times)."""
        start, end = value if value is not None else self.default
        self.start.setTime(_qtime(start))
        self.end.setTime(_qtime(end))
        if self.enabled is not None:
            self.enabled.setChecked(value is not None)
        self._update()

    def range(self) -> Optional[oh.Range]:
        """``("HH:MM", "HH:MM")``, end 00:00 read as ``24:00``; None when not in use."""
        if not self.in_use():
            return None
        end = self.end.time().toString(TIME_FORMAT)
        return self.start.time().toString(TIME_FORMAT), "24:00" if end == "00:00" else end

    def set_active(self, active: bool) -> None:
        """Grey the range out (closed day)."""
        if self.enabled is not None:
            self.enabled.setEnabled(active)
        self._active = active
        self._update()

    def _update(self, *args) -> None:
        usable = getattr(self, "_active", True) and self.in_use()
        self.start.setEnabled(usable)
        self.end.setEnabled(usable)


class DayRow:
    """The widgets of one day: "Fermé" and three ranges (the first always used when open)."""

    def __init__(self, name: str, parent: QWidget):
        self.label = QLabel(name, parent)
        self.closed = QCheckBox(tr("fermé"), parent)
        self.closed.setAccessibleName(tr("{jour} : fermé").format(jour=name))
        self.ranges = [RangeEditor(DEFAULT_RANGES[k], optional=k > 0, name=tr("{jour}, plage {numero}").format(jour=name, numero=k + 1),
                                   parent=parent) for k in range(oh.MAX_RANGES)]
        self.closed.toggled.connect(self._update)

    def set_ranges(self, ranges: list[oh.Range]) -> None:
        """Show a day's ranges (empty: closed)."""
        self.closed.setChecked(not ranges)
        for k, editor in enumerate(self.ranges):
            editor.set_range(ranges[k] if k < len(ranges) else (None if k else editor.default))
        self._update()

    def value(self) -> list[oh.Range]:
        """The day's ranges (empty when closed)."""
        if self.closed.isChecked():
            return []
        return [r for r in (editor.range() for editor in self.ranges) if r is not None]

    def _update(self, *args) -> None:
        for editor in self.ranges:
            editor.set_active(not self.closed.isChecked())


class OpeningHoursWidget(QWidget):
    """Edits an ``opening_hours`` value on a weekly grid, or as raw text when the grid cannot hold it."""

    valueChanged = pyqtSignal(str)  # noqa: N815 - Qt naming

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._loading = True  # no refresh while the widgets are being built
        self._last: Optional[str] = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._grid_page())
        self.stack.addWidget(self._raw_page())
        layout.addWidget(self.stack)

        preview = QGridLayout()
        self.preview_osm = QLabel(self)
        self.preview_osm.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview_text = QLabel(self)
        for row, (title, label) in enumerate(((tr("Valeur OSM :"), self.preview_osm), (tr("Lecture :"), self.preview_text))):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            preview.addWidget(QLabel(title, self), row, 0, Qt.AlignmentFlag.AlignTop)
            preview.addWidget(label, row, 1)
        preview.setColumnStretch(1, 1)
        layout.addLayout(preview)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b00020;")
        layout.addWidget(self.warnings)
        self._loading = False
        self.setValue("")

    # --- pages ----------------------------------------------------------------------------

    def _grid_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        for column, title in enumerate(("", "", tr("Plage 1"), tr("Plage 2"), tr("Plage 3"))):
            grid.addWidget(QLabel(title, page), 0, column)
        self.day_rows: list[DayRow] = []
        for index, name in enumerate(day_labels()):
            row = DayRow(name, page)
            grid.addWidget(row.label, index + 1, 0)
            grid.addWidget(row.closed, index + 1, 1)
            for k, editor in enumerate(row.ranges):
                grid.addWidget(editor, index + 1, 2 + k)
                editor.changed.connect(self._changed)
            row.closed.toggled.connect(self._changed)
            self.day_rows.append(row)

        holidays_row = len(self.day_rows) + 1
        grid.addWidget(QLabel(tr("Jours fériés"), page), holidays_row, 0)
        self.holidays_combo = QComboBox(page)
        labels = {"open": tr("ouvert comme les autres jours"), "closed": tr("fermé"), "unspecified": tr("non précisé"),
                  "ranges": tr("horaires particuliers")}
        for key in HOLIDAY_CHOICES:
            self.holidays_combo.addItem(labels[key], key)
        self.holidays_combo.setToolTip(tr("« ouvert comme les autres jours » : pas de règle PH ; « non précisé » : PH unknown."))
        self.holidays_combo.currentIndexChanged.connect(self._holidays_choice)
        grid.addWidget(self.holidays_combo, holidays_row + 1, 0, 1, 2)
        self.holiday_ranges = [RangeEditor(DEFAULT_RANGES[k], optional=k > 0, name=tr("Jours fériés, plage {numero}").format(numero=k + 1),
                                           parent=page) for k in range(oh.MAX_RANGES)]
        for k, editor in enumerate(self.holiday_ranges):
            grid.addWidget(editor, holidays_row + 1, 2 + k)
            editor.changed.connect(self._changed)
        layout.addLayout(grid)

        self.appointment = QCheckBox(tr("Sur rendez-vous"), page)
        self.appointment.setToolTip(tr("Accueil sur rendez-vous aux horaires indiqués (commentaire OSM « sur rendez-vous »)."))
        self.appointment.toggled.connect(self._changed)
        layout.addWidget(self.appointment)

        buttons = QHBoxLayout()
        self.copy_monday = QPushButton(tr("Copier lundi sur la semaine"), page)
        self.copy_monday.setToolTip(tr("Recopie les horaires du lundi du mardi au vendredi."))
        self.copy_monday.clicked.connect(self.copyMondayToWeek)
        self.raw_button = QPushButton(tr("Saisie libre…"), page)
        self.raw_button.setToolTip(tr("Saisir la valeur OSM directement (mois, vacances scolaires…)."))
        self.raw_button.clicked.connect(self._to_raw)
        buttons.addWidget(self.copy_monday)
        buttons.addStretch(1)
        buttons.addWidget(self.raw_button)
        layout.addLayout(buttons)

        self.grid_note = QLabel(page)
        self.grid_note.setWordWrap(True)
        layout.addWidget(self.grid_note)
        return page

    def _raw_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.raw_message = QLabel(page)
        self.raw_message.setWordWrap(True)
        self.raw_edit = QLineEdit(page)
        self.raw_edit.setAccessibleName(tr("Horaires (valeur OSM)"))
        self.raw_edit.setPlaceholderText("Mo-Fr 09:00-12:00,14:00-17:00; PH off")
        self.raw_edit.textChanged.connect(self._changed)
        self.grid_button = QPushButton(tr("Utiliser la grille"), page)
        self.grid_button.clicked.connect(self._to_grid)
        layout.addWidget(self.raw_message)
        layout.addWidget(self.raw_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.grid_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # --- value ------------------------------------------------------------------------------

    def isRawMode(self) -> bool:  # noqa: N802 - Qt naming
        """True when the value is edited as raw text."""
        return self.stack.currentIndex() == 1

    def setValue(self, text: Optional[str]) -> None:  # noqa: N802 - Qt naming
        """Show a value: on the grid when it can hold it, else verbatim as raw text."""
        text = text or ""
        result = oh.parse(text)
        self._loading = True
        try:
            if result.schedule is None:
                self.raw_edit.setText(text)
                self.stack.setCurrentIndex(1)
            else:
                self._load(result.schedule)
                self.grid_note.setText(result.message)
                self.stack.setCurrentIndex(0)
        finally:
            self._loading = False
        self._refresh()

    def value(self) -> str:
        """The ``opening_hours`` string: canonical from the grid, verbatim in raw mode."""
        if self.isRawMode():
            return self.raw_edit.text()
        return oh.format(self.schedule())

    def schedule(self) -> oh.WeekSchedule:
        """The grid's schedule (in raw mode, the raw text's when the grid can hold it, else empty)."""
        if self.isRawMode():
            return oh.parse(self.raw_edit.text()).schedule or oh.WeekSchedule()
        choice = self.holidays_combo.currentData()
        if choice == "ranges":
            ranges = [r for r in (editor.range() for editor in self.holiday_ranges) if r is not None]
            holidays: oh.Holidays = ranges or oh.PH_CLOSED
        else:
            holidays = {"open": oh.PH_OPEN, "closed": oh.PH_CLOSED, "unspecified": oh.PH_UNSPECIFIED}[choice]
        return oh.WeekSchedule(days=[row.value() for row in self.day_rows], public_holidays=holidays,
                               by_appointment=self.appointment.isChecked())

    def copyMondayToWeek(self) -> None:  # noqa: N802 - Qt naming
        """Copy Monday's ranges (or "Fermé") to Tuesday..Friday."""
        monday = self.day_rows[0]
        self._loading = True
        try:
            for row in self.day_rows[1:5]:
                row.closed.setChecked(monday.closed.isChecked())
                for source, target in zip(monday.ranges, row.ranges):
                    target.set_range((source.start.time().toString(TIME_FORMAT), source.end.time().toString(TIME_FORMAT)))
                    if target.enabled is not None and source.enabled is not None:
                        target.enabled.setChecked(source.enabled.isChecked())
                row._update()
        finally:
            self._loading = False
        self._refresh()

    # --- internals ------------------------------------------------------------------------

    def _load(self, schedule: oh.WeekSchedule) -> None:
        for row, ranges in zip(self.day_rows, schedule.days):
            row.set_ranges(list(ranges))
        holidays = schedule.public_holidays
        key = "ranges" if isinstance(holidays, (list, tuple)) else {oh.PH_CLOSED: "closed", oh.PH_UNSPECIFIED: "unspecified"}.get(holidays, "open")
        self.holidays_combo.setCurrentIndex(HOLIDAY_CHOICES.index(key))
        ranges = list(holidays) if key == "ranges" else []
        for k, editor in enumerate(self.holiday_ranges):
            editor.set_range(ranges[k] if k < len(ranges) else (None if k else editor.default))
        self._holidays_choice()
        self.appointment.setChecked(schedule.by_appointment)

    def _holidays_choice(self, *args) -> None:
        specific = self.holidays_combo.currentData() == "ranges"
        for editor in self.holiday_ranges:
            editor.setVisible(specific)
        self._changed()

    def _to_raw(self) -> None:
        text = self.value()
        self._loading = True
        try:
            self.raw_edit.setText(text)
            self.stack.setCurrentIndex(1)
        finally:
            self._loading = False
        self._refresh()

    def _to_grid(self) -> None:
        result = oh.parse(self.raw_edit.text())
        if result.schedule is None:
            return
        self._loading = True
        try:
            self._load(result.schedule)
            self.grid_note.setText(result.message)
            self.stack.setCurrentIndex(0)
        finally:
            self._loading = False
        self._refresh()

    def _changed(self, *args) -> None:
        if not self._loading:
            if not self.isRawMode():
                self.grid_note.clear()
            self._refresh()

    def _refresh(self) -> None:
        value = self.value()
        self.preview_osm.setText(value if value else tr("(vide)"))
        self.preview_text.setText(oh.describe_fr(value))
        if self.isRawMode():
            result = oh.parse(value)
            self.raw_message.setText(result.message if result.schedule is None
                                     else tr("Ces horaires tiennent dans la grille : « Utiliser la grille » pour les modifier."))
            self.grid_button.setEnabled(result.schedule is not None)
            self.warnings.clear()
        else:
            self.warnings.setText("\n".join(oh.validate(value)))
        if value != self._last:
            self._last = value
            self.valueChanged.emit(value)
