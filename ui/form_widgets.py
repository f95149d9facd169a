"""The plugin's editor widgets for the lieu form, registered in QGIS's editor widget registry.

* ``MednumMulti``: a checklist for a multi-valued enumeration of the standard; the value is the
  checked values ``|``-joined in the standard's order. A stored value the list does not know is
  kept (shown checked, in italics) so nothing is lost.
* ``MednumHoraires``: the weekly opening-hours grid (:mod:`.opening_hours_widget`).
"""

from __future__ import annotations

from typing import Optional

from qgis.core import NULL
from qgis.gui import QgsEditorConfigWidget, QgsEditorWidgetFactory, QgsEditorWidgetWrapper, QgsGui
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..core.compat import is_null
from ..core.forms import HOURS_WIDGET, MULTI_WIDGET
from ..core.i18n import tr
from ..core.schema import join_multi, split_multi

VALUE_ROLE = Qt.ItemDataRole.UserRole
LONG_LIST = 15


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()


class MultiCheckWrapper(QgsEditorWidgetWrapper):
    """Checklist editor of a multi-valued enumeration."""

    def createWidget(self, parent):  # noqa: N802 - QGIS API
        container = QWidget(parent)
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        search = QLineEdit(container)
        search.setObjectName("mednumMultiFilter")
        search.setPlaceholderText(tr("Filtrer la liste…"))
        search.setClearButtonEnabled(True)
        widget = QListWidget(container)
        widget.setObjectName("mednumMultiList")
        widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(search)
        layout.addWidget(widget)
        self._created = container
        return container

    def initWidget(self, editor) -> None:  # noqa: N802 - QGIS API
        self.list = editor.findChild(QListWidget, "mednumMultiList")
        self.filter = editor.findChild(QLineEdit, "mednumMultiFilter")
        self.list.clear()
        for value, label in self.config().get("values", []):
            self._add(value, label, known=True)
        long_list = self.list.count() > LONG_LIST
        self.filter.setVisible(long_list)
        rows = min(max(self.list.count(), 2), 12)
        height = self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
        self.list.setMinimumHeight(height)
        if not long_list:
            self.list.setMaximumHeight(height)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._changed)

    def _filter(self, text: str) -> None:
        """Show the items whose label contains the text (accents and case ignored); checked ones stay visible."""
        wanted = _fold(text)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(wanted) and wanted not in _fold(item.text()) and item.checkState() != Qt.CheckState.Checked)

    def _add(self, value: str, label: str, known: bool) -> QListWidgetItem:
        item = QListWidgetItem(label if label == value else f"{label}")
        item.setData(VALUE_ROLE, value)
        item.setToolTip(value if known else tr("Valeur hors de la liste du standard, conservée telle quelle : {valeur}").format(valeur=value))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        if not known:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
        self.list.addItem(item)
        return item

    def _changed(self, *args) -> None:
        self.emitValueChanged()

    def valid(self) -> bool:
        return getattr(self, "list", None) is not None

    def checked(self) -> list[str]:
        return [self.list.item(i).data(VALUE_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def value(self):
        values = self.checked()
        return join_multi(values, self.config().get("separator", "|")) if values else NULL

    def setValue(self, value) -> None:  # noqa: N802 - QGIS API (called by updateValues on every version)
        wanted = [] if is_null(value) else split_multi(str(value), self.config().get("separator", "|"))
        self.list.blockSignals(True)
        try:
            known = {self.list.item(i).data(VALUE_ROLE) for i in range(self.list.count())}
            for extra in wanted:
                if extra not in known:
                    self._add(extra, extra, known=False)
            first_checked = None
            for i in range(self.list.count()):
                item = self.list.item(i)
                checked = item.data(VALUE_ROLE) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                if checked and first_checked is None:
                    first_checked = item
            if first_checked is not None:
                self.list.scrollToItem(first_checked, QAbstractItemView.ScrollHint.PositionAtTop)
        finally:
            self.list.blockSignals(False)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - QGIS API
        if getattr(self, "list", None) is not None:
            self.list.setEnabled(enabled)


class HoursWrapper(QgsEditorWidgetWrapper):
    """Opening hours (OSM ``opening_hours``) edited on a weekly grid."""

    def createWidget(self, parent):  # noqa: N802 - QGIS API
        try:
            from .opening_hours_widget import OpeningHoursWidget

            widget = OpeningHoursWidget(parent)
        except Exception:  # never let a form fail to open: plain text is still a valid editor
            widget = _PlainHours(parent)
        self._created = widget  # QGIS 3.40 hands initWidget a plain QWidget wrapper: keep the Python object
        return widget

    def initWidget(self, editor) -> None:  # noqa: N802 - QGIS API
        self.hours = getattr(self, "_created", None) or editor
        self.hours.valueChanged.connect(self._changed)

    def _changed(self, *args) -> None:
        self.emitValueChanged()

    def valid(self) -> bool:
        return getattr(self, "hours", None) is not None

    def value(self):
        text = self.hours.value()
        return text if text else NULL

    def setValue(self, value) -> None:  # noqa: N802 - QGIS API
        self.hours.blockSignals(True)
        try:
            self.hours.setValue("" if is_null(value) else str(value))
        finally:
            self.hours.blockSignals(False)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - QGIS API
        if getattr(self, "hours", None) is not None:
            self.hours.setEnabled(enabled)


class _PlainHours(QLineEdit):
    """Fallback opening-hours editor: the OSM string as text."""

    valueChanged = pyqtSignal(str)  # noqa: N815 - Qt signal name

    def __init__(self, parent=None):
        super().__init__(parent)
        self.textEdited.connect(self.valueChanged.emit)

    def setValue(self, text: str) -> None:  # noqa: N802 - same API as OpeningHoursWidget
        self.setText(text)

    def value(self) -> str:
        return self.text().strip()


class _NoConfig(QgsEditorConfigWidget):
    """The widgets are configured by the plugin from the data model."""

    def __init__(self, layer, index, parent):
        super().__init__(layer, index, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Réglé automatiquement par l'extension à partir du standard.")))
        self._config: dict = {}

    def config(self) -> dict:
        return self._config

    def setConfig(self, config: dict) -> None:  # noqa: N802 - QGIS API
        self._config = dict(config or {})


class _Factory(QgsEditorWidgetFactory):
    def __init__(self, name: str, wrapper):
        super().__init__(name)
        self.wrapper = wrapper

    def create(self, layer, index, editor, parent):
        return self.wrapper(layer, index, editor, parent)

    def configWidget(self, layer, index, parent):  # noqa: N802 - QGIS API
        return _NoConfig(layer, index, parent)


_FACTORIES: dict[str, _Factory] = {}


def register_widgets() -> None:
    """Register the plugin's widgets once per QGIS session (the registry keeps them)."""
    registry = QgsGui.editorWidgetRegistry()
    for name, label, wrapper in ((MULTI_WIDGET, tr("Liste à cocher (standard des lieux)"), MultiCheckWrapper),
                                 (HOURS_WIDGET, tr("Horaires d'ouverture (grille)"), HoursWrapper)):
        if name in registry.factories():
            continue
        factory = _Factory(label, wrapper)
        if registry.registerWidget(name, factory):
            _FACTORIES[name] = factory


def registered(name: str) -> Optional[QgsEditorWidgetFactory]:
    return QgsGui.editorWidgetRegistry().factory(name) if name in QgsGui.editorWidgetRegistry().factories() else None
