"""« Lieux de médiation numérique »: the search panel (criteria, results, map filter).

The lieux of the chosen layer are read once into a :class:`~..core.filters.LieuIndex` (in a
``QgsTask`` for big layers, again after each edit); every change of a criterion then searches
that index in a few milliseconds (typing is debounced). See ``core/filters.py`` for how the
result is shown on the map.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
    QgsWkbTypes,
)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsFilterLineEdit
from qgis.PyQt.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.compat import MSG_WARNING
from ..core.filters import (
    LABEL_APTIC,
    LABEL_PASS_NUMERIQUE,
    LieuFilter,
    LieuIndex,
    LieuRecord,
    OpeningHoursUnavailableError,
    ResultCounts,
    Territories,
    apply_map_filter,
    clear_map_filter,
    counts,
    fold,
    load_territories,
    opening_hours_available,
    restore_map_filters,
)
from ..core.i18n import tr
from ..core.schema import load_model
from ..core.style import status_labels

#: Layers up to this size are indexed at once; bigger ones in a QgsTask.
SYNC_LIMIT = 2000
#: Delay after the last key stroke / click before searching (ms).
DEBOUNCE_MS = 300
#: Scale a click on a result zooms in to (at least).
ZOOM_SCALE = 5000.0
FID_ROLE = Qt.ItemDataRole.UserRole + 1


def is_lieux_layer(layer) -> bool:
    """A point vector layer with the lieux fields (``nom`` and ``services``)."""
    return (isinstance(layer, QgsVectorLayer) and layer.isValid() and layer.isSpatial()
            and "Point" in QgsWkbTypes.displayString(layer.wkbType())
            and all(layer.fields().indexFromName(n) >= 0 for n in ("nom", "services")))


def zoom_and_flash(canvas, layer: QgsVectorLayer, fid: int, scale: float = ZOOM_SCALE) -> bool:
    """Centre the map on a feature (zooming in to ``scale`` if farther) and flash it."""
    feature = layer.getFeature(fid)
    if canvas is None or not feature.isValid() or not feature.hasGeometry():
        return False
    point = canvas.mapSettings().layerToMapCoordinates(layer, feature.geometry().centroid().asPoint())
    canvas.setCenter(point)
    if canvas.scale() <= 0 or canvas.scale() > scale:
        canvas.zoomScale(scale)
    canvas.refresh()
    canvas.flashFeatureIds(layer, [fid])
    return True


def open_form(iface, layer: QgsVectorLayer, fid: int) -> bool:
    """Open the attribute form of a feature."""
    feature: QgsFeature = layer.getFeature(fid)
    if not feature.isValid():
        return False
    iface.openFeatureForm(layer, feature)
    return True


def count_text(n: int) -> str:
    """« 0 lieu », « 1 lieu », « 12 lieux »."""
    return (tr("{n} lieu") if n <= 1 else tr("{n} lieux")).format(n=n)


def counts_text(result: ResultCounts) -> str:
    """One line per kind: lieux per service group, then per département."""
    groups = " · ".join(tr("{groupe} : {n}").format(groupe=label, n=result.groups.get(group_id, 0))
                        for group_id, label, _s in load_model().service_groups)
    departements = " · ".join(tr("{groupe} : {n}").format(groupe=code, n=n) for code, n in result.departements.items())
    return groups + ("\n" + departements if departements else "")


class IndexTask(QgsTask):
    """Reads a lieux layer into a LieuIndex in the background."""

    def __init__(self, layer: QgsVectorLayer, done: Callable[[IndexTask, bool], None]):
        super().__init__(tr("Lecture des lieux pour la recherche"))
        self.layer_id = layer.id()
        self.source = QgsVectorLayerFeatureSource(layer)
        self.fields = layer.fields()
        self.total = layer.featureCount()
        self.done = done
        self.index: Optional[LieuIndex] = None

    def run(self) -> bool:
        self.index = LieuIndex.from_source(self.source, self.fields, self, self.total)
        return self.index is not None

    def finished(self, result: bool) -> None:
        self.done(self, result)


class SearchTask(QgsTask):
    """Searches a big index when opening hours must be read (the other criteria take milliseconds)."""

    def __init__(self, index: LieuIndex, flt: LieuFilter, when: datetime, done: Callable[[SearchTask], None]):
        super().__init__(tr("Recherche de lieux"))
        self.index, self.flt, self.when, self.done = index, flt, when, done
        self.ids: Optional[list[int]] = None
        self.error = ""

    def run(self) -> bool:
        try:
            self.ids = self.index.match(self.flt, self.when, self)
        except OpeningHoursUnavailableError as error:
            self.error = str(error)
        return self.ids is not None

    def finished(self, result: bool) -> None:
        self.done(self)


class ResultsModel(QAbstractListModel):
    """The lieux found, sorted by name: « nom — commune »."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list[LieuRecord] = []

    def set_records(self, records: list[LieuRecord]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.records)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.records):
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{record.nom} — {record.commune}" if record.commune else record.nom
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([record.nom, record.commune, *sorted(record.services)])
        if role == FID_ROLE:
            return record.fid
        return None

    def fid(self, row: int) -> int:
        return self.records[row].fid


def _check_list(values: list[tuple[str, str]]) -> QListWidget:
    widget = QListWidget()
    for value, label in values:
        item = QListWidgetItem(label)
        item.setToolTip(label)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = min(len(values), 8)
    widget.setFixedHeight(max(1, rows) * (widget.sizeHintForRow(0) if values else 18) + 2 * widget.frameWidth() + 2)
    return widget


def _checked(widget: QListWidget) -> set[str]:
    return {widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked}


def _searchable(combo: QComboBox) -> None:
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


class FindDock(QgsDockWidget):
    """The search panel of the lieux de médiation numérique."""

    def __init__(self, iface, parent=None, territories: Optional[Territories] = None,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(tr("Lieux de médiation numérique"), parent)
        self.setObjectName("MednumFindDock")
        self.iface = iface
        self.clock = clock
        self.model_spec = load_model()
        self.territories = territories if territories is not None else load_territories()
        self.layer: Optional[QgsVectorLayer] = None
        self.index: Optional[LieuIndex] = None
        self.task: Optional[IndexTask] = None
        self.search_task: Optional[SearchTask] = None
        self.result_ids: list[int] = []
        self.last_error = ""
        self._stale = True
        self._quiet = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self._minute = QTimer(self)
        self._minute.setInterval(60_000)
        self._minute.timeout.connect(self.schedule)
        self._build()
        project = QgsProject.instance()
        project.layersAdded.connect(self._layers_changed)
        project.layersRemoved.connect(self._layers_changed)
        project.readProject.connect(self._project_read)
        self._layers_changed()

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(tr("Couche de lieux dans laquelle chercher"))
        self.layer_combo.currentIndexChanged.connect(self._layer_chosen)
        layout.addWidget(self.layer_combo)
        self.search_edit = QgsFilterLineEdit()
        self.search_edit.setPlaceholderText(tr("Nom, commune, adresse, service…"))
        self.search_edit.textChanged.connect(lambda _text: self.schedule(DEBOUNCE_MS))
        layout.addWidget(self.search_edit)

        criteria = QWidget()
        criteria_layout = QVBoxLayout(criteria)
        criteria_layout.setContentsMargins(0, 0, 0, 0)
        criteria_layout.addWidget(self._services_box())
        criteria_layout.addWidget(self._public_box())
        criteria_layout.addWidget(self._dispositifs_box())
        criteria_layout.addWidget(self._territory_box())
        criteria_layout.addWidget(self._opening_box())
        criteria_layout.addWidget(self._follow_up_box())
        criteria_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(criteria)

        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        self.count_label = QLabel()
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.results_model = ResultsModel(self)
        self.results_view = QListView()
        self.results_view.setModel(self.results_model)
        self.results_view.setUniformItemSizes(True)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setToolTip(tr("Clic : centrer la carte sur le lieu ; double-clic : ouvrir sa fiche"))
        self.results_view.clicked.connect(lambda index: self.zoom_to_row(index.row()))
        self.results_view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        buttons = QHBoxLayout()
        self.apply_check = QCheckBox(tr("Appliquer à la carte"))
        self.apply_check.setToolTip(tr("N'afficher sur la carte que les lieux trouvés"))
        self.apply_check.toggled.connect(self._apply_toggled)
        self.reset_button = QPushButton(tr("Réinitialiser"))
        self.reset_button.clicked.connect(self.reset)
        buttons.addWidget(self.apply_check)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        results_layout.addWidget(self.count_label)
        results_layout.addWidget(self.summary_label)
        results_layout.addWidget(self.results_view, 1)
        results_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(results)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.setWidget(body)

    def _group(self, title: str, collapsed: bool = True) -> tuple[QgsCollapsibleGroupBox, QVBoxLayout]:
        box = QgsCollapsibleGroupBox(title)
        box.setCollapsed(collapsed)
        return box, QVBoxLayout(box)

    def _services_box(self) -> QWidget:
        box, layout = self._group(tr("Services"), collapsed=False)
        self.services_tree = QTreeWidget()
        self.services_tree.setHeaderHidden(True)
        self.group_items: dict[str, QTreeWidgetItem] = {}
        for group_id, label, services in self.model_spec.service_groups:
            top = QTreeWidgetItem([label])
            top.setData(0, Qt.ItemDataRole.UserRole, group_id)
            top.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsAutoTristate)
            top.setCheckState(0, Qt.CheckState.Unchecked)
            for service in services:
                child = QTreeWidgetItem([service])
                child.setToolTip(0, service)
                child.setData(0, Qt.ItemDataRole.UserRole, service)
                child.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                top.addChild(child)
            self.services_tree.addTopLevelItem(top)
            self.group_items[group_id] = top
        self.services_tree.expandAll()
        rows = sum(1 + len(s) for _g, _l, s in self.model_spec.service_groups)
        row_height = max(self.services_tree.sizeHintForRow(0), self.services_tree.fontMetrics().height() + 4)
        self.services_tree.setFixedHeight(rows * row_height + 2 * self.services_tree.frameWidth() + 4)
        self.services_tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.services_tree.itemChanged.connect(lambda *_args: self.schedule())
        layout.addWidget(self.services_tree)
        return box

    def _enum_list(self, name: str) -> QListWidget:
        spec = self.model_spec.field(name)
        widget = _check_list([(value, spec.label(value)) for value in spec.enum])
        widget.itemChanged.connect(lambda *_args: self.schedule())
        return widget

    def _public_box(self) -> QWidget:
        box, layout = self._group(tr("Publics et accompagnement"))
        form = QFormLayout()
        self.publics_list = self._enum_list("publics_specifiquement_adresses")
        self.prise_list = self._enum_list("prise_en_charge_specifique")
        self.frais_list = self._enum_list("frais_a_charge")
        form.addRow(tr("Publics"), self.publics_list)
        form.addRow(tr("Prise en charge"), self.prise_list)
        form.addRow(tr("Frais"), self.frais_list)
        layout.addLayout(form)
        return box

    def _dispositifs_box(self) -> QWidget:
        box, layout = self._group(tr("Dispositifs et labels"))
        values = [(v, v) for v in self.model_spec.field("dispositif_programmes_nationaux").enum]
        values += [(LABEL_APTIC, tr("Qualifié APTIC")), (LABEL_PASS_NUMERIQUE, tr("Accepte le pass numérique"))]
        values += [(v, v) for v in self.model_spec.field("formations_labels").enum]
        self.dispositifs_list = _check_list(values)
        self.dispositifs_list.itemChanged.connect(lambda *_args: self.schedule())
        layout.addWidget(self.dispositifs_list)
        return box

    def _territory_box(self) -> QWidget:
        box, layout = self._group(tr("Territoire"))
        form = QFormLayout()
        self.departement_combo = QComboBox()
        self.epci_combo = QComboBox()
        self.commune_combo = QComboBox()
        _searchable(self.epci_combo)
        _searchable(self.commune_combo)
        self.departement_combo.addItem(tr("Tous les départements"), None)
        for code, nom in sorted(self.territories.departements.items()):
            self.departement_combo.addItem(f"{code} – {nom}", code)
        self._fill_epci()
        self._fill_communes()
        self.departement_combo.currentIndexChanged.connect(self._departement_chosen)
        self.epci_combo.currentIndexChanged.connect(self._epci_chosen)
        self.commune_combo.currentIndexChanged.connect(lambda _i: self.schedule())
        for combo in (self.epci_combo, self.commune_combo):
            combo.lineEdit().editingFinished.connect(self.schedule)
        form.addRow(tr("Département"), self.departement_combo)
        form.addRow(tr("EPCI"), self.epci_combo)
        form.addRow(tr("Commune"), self.commune_combo)
        layout.addLayout(form)
        return box

    def _opening_box(self) -> QWidget:
        box, layout = self._group(tr("Ouverture"))
        self.open_now_check = QCheckBox(tr("Ouvert maintenant"))
        self.weekend_check = QCheckBox(tr("Ouvert le week-end"))
        available = opening_hours_available()
        for check in (self.open_now_check, self.weekend_check):
            check.setEnabled(available)
            if not available:
                check.setToolTip(tr("Les critères d'ouverture ne sont pas disponibles (module des horaires absent)."))
            check.toggled.connect(lambda _on: self.schedule())
            layout.addWidget(check)
        self.open_now_check.toggled.connect(lambda on: self._minute.start() if on else self._minute.stop())
        return box

    def _follow_up_box(self) -> QWidget:
        box, layout = self._group(tr("Suivi"))
        form = QFormLayout()
        self.freshness_spin = QSpinBox()
        self.freshness_spin.setRange(0, 120)
        self.freshness_spin.setPrefix(tr("il y a plus de "))
        self.freshness_spin.setSuffix(tr(" mois"))
        self.freshness_spin.setSpecialValueText(tr("indifférente"))
        self.freshness_spin.setToolTip(tr("Lieux à vérifier : mis à jour il y a plus de ce nombre de mois (ou jamais)"))
        self.freshness_spin.valueChanged.connect(lambda _v: self.schedule(DEBOUNCE_MS))
        labels = status_labels()
        self.status_list = _check_list([(value, labels.get(value, value)) for value in self.model_spec.field("hdf_statut").enum])
        self.status_list.itemChanged.connect(lambda *_args: self.schedule())
        form.addRow(tr("Mise à jour"), self.freshness_spin)
        form.addRow(tr("Statut"), self.status_list)
        layout.addLayout(form)
        return box

    # ------------------------------------------------------------------ territory combos
    def _fill_epci(self, departement: Optional[str] = None) -> None:
        self.epci_combo.blockSignals(True)
        self.epci_combo.clear()
        self.epci_combo.addItem(tr("Tous les EPCI"), None)
        sirens = (self.territories.epci_of_departement(departement) if departement
                  else sorted(self.territories.epci, key=lambda s: fold(self.territories.epci[s])))
        for siren in sirens:
            self.epci_combo.addItem(self.territories.epci.get(siren, siren), siren)
        self.epci_combo.setCurrentIndex(0)
        self.epci_combo.blockSignals(False)

    def _fill_communes(self, departement: Optional[str] = None, epci: Optional[str] = None) -> None:
        self.commune_combo.blockSignals(True)
        self.commune_combo.clear()
        self.commune_combo.addItem(tr("Toutes les communes"), None)
        chosen = [(nom, insee) for insee, (nom, dep, siren) in self.territories.communes.items()
                  if (not departement or dep == departement) and (not epci or siren == epci)]
        for nom, insee in sorted(chosen, key=lambda c: (fold(c[0]), c[1])):
            self.commune_combo.addItem(f"{nom} ({insee})", insee)
        self.commune_combo.setCurrentIndex(0)
        self.commune_combo.blockSignals(False)

    def _departement_chosen(self, _index: int) -> None:
        code = self.departement_combo.currentData()
        self._fill_epci(code)
        self._fill_communes(code)
        self.schedule()

    def _epci_chosen(self, _index: int) -> None:
        siren = self._combo_values(self.epci_combo, self.territories.epci)
        self._fill_communes(self.departement_combo.currentData(), next(iter(siren)) if len(siren) == 1 else None)
        self.schedule()

    @staticmethod
    def _combo_values(combo: QComboBox, names: dict) -> set[str]:
        """The chosen code; a typed text: the codes it names, else the text itself (which matches nothing)."""
        text = combo.currentText().strip()
        index = combo.currentIndex()
        if index >= 0 and text == combo.itemText(index):
            data = combo.itemData(index)
            return {data} if data else set()
        if not text:
            return set()
        for i in range(combo.count()):
            if combo.itemText(i) == text:
                data = combo.itemData(i)
                return {data} if data else set()
        wanted = fold(text)
        found = {code for code, name in names.items() if fold(name[0] if isinstance(name, tuple) else name) == wanted or code == text}
        return found or {text}

    # ------------------------------------------------------------------ layers
    def _layers_changed(self, *_args) -> None:
        current = self.layer.id() if self.layer is not None else None
        active = self.iface.activeLayer() if self.iface is not None else None
        layers = sorted((layer for layer in QgsProject.instance().mapLayers().values() if is_lieux_layer(layer)),
                        key=lambda layer: fold(layer.name()))
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for layer in layers:
            self.layer_combo.addItem(layer.name(), layer.id())
        wanted = current if current in [la.id() for la in layers] else (active.id() if is_lieux_layer(active) else None)
        position = self.layer_combo.findData(wanted) if wanted else (0 if layers else -1)
        self.layer_combo.setCurrentIndex(position if position >= 0 else (0 if layers else -1))
        self.layer_combo.blockSignals(False)
        self._layer_chosen()

    def _layer_chosen(self, *_args) -> None:
        layer_id = self.layer_combo.currentData()
        layer = QgsProject.instance().mapLayer(layer_id) if layer_id else None
        if layer is not self.layer:
            self.set_layer(layer)

    def set_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        """Search in another layer (the map filter of the previous one is removed)."""
        if self.layer is not None:
            self._disconnect_layer(self.layer)
            clear_map_filter(self.layer)
        self.layer = layer
        self.index = None
        self._stale = True
        for task in (self.task, self.search_task):
            if task is not None:
                task.cancel()
        self.task = self.search_task = None
        if layer is not None:
            position = self.layer_combo.findData(layer.id())
            if position >= 0 and position != self.layer_combo.currentIndex():
                self.layer_combo.blockSignals(True)
                self.layer_combo.setCurrentIndex(position)
                self.layer_combo.blockSignals(False)
            layer.layerModified.connect(self._layer_edited)
            layer.dataChanged.connect(self._layer_edited)
            layer.willBeDeleted.connect(self._layer_deleted)
        self.schedule(0)

    def _disconnect_layer(self, layer: QgsVectorLayer) -> None:
        for signal, slot in ((layer.layerModified, self._layer_edited), (layer.dataChanged, self._layer_edited),
                             (layer.willBeDeleted, self._layer_deleted)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass

    def _layer_edited(self, *_args) -> None:
        self._stale = True
        self.schedule(2 * DEBOUNCE_MS)

    def _layer_deleted(self) -> None:
        self.layer = None
        self.index = None
        self.task = self.search_task = None
        self.schedule(0)

    def _project_read(self, *_args) -> None:
        restore_map_filters()
        self.territories = load_territories()
        self._fill_epci(self.departement_combo.currentData())
        self._fill_communes(self.departement_combo.currentData())

    # ------------------------------------------------------------------ the filter
    def current_filter(self) -> LieuFilter:
        """The criteria the widgets show."""
        flt = LieuFilter(text=self.search_edit.text())
        for i in range(self.services_tree.topLevelItemCount()):
            top = self.services_tree.topLevelItem(i)
            if top.checkState(0) == Qt.CheckState.Checked:
                flt.service_groups.add(top.data(0, Qt.ItemDataRole.UserRole))
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child.checkState(0) == Qt.CheckState.Checked:
                    flt.services.add(child.data(0, Qt.ItemDataRole.UserRole))
        flt.publics = _checked(self.publics_list)
        flt.prise_en_charge = _checked(self.prise_list)
        flt.frais = _checked(self.frais_list)
        flt.dispositifs = _checked(self.dispositifs_list)
        departement = self.departement_combo.currentData()
        flt.departements = {departement} if departement else set()
        flt.epci = self._combo_values(self.epci_combo, self.territories.epci)
        flt.communes = self._combo_values(self.commune_combo, self.territories.communes)
        flt.epci_communes = self.territories.epci_communes
        flt.ouvert_maintenant = self.open_now_check.isChecked()
        flt.ouvert_weekend = self.weekend_check.isChecked()
        flt.fraicheur_mois = self.freshness_spin.value() or None
        flt.statuts = _checked(self.status_list)
        return flt

    def reset(self) -> None:
        """Every criterion back to « all »."""
        self._quiet = True
        try:
            self.search_edit.clear()
            for i in range(self.services_tree.topLevelItemCount()):
                self.services_tree.topLevelItem(i).setCheckState(0, Qt.CheckState.Unchecked)
            for widget in (self.publics_list, self.prise_list, self.frais_list, self.dispositifs_list, self.status_list):
                for i in range(widget.count()):
                    widget.item(i).setCheckState(Qt.CheckState.Unchecked)
            self.departement_combo.setCurrentIndex(0)
            self._fill_epci()
            self._fill_communes()
            self.open_now_check.setChecked(False)
            self.weekend_check.setChecked(False)
            self.freshness_spin.setValue(0)
        finally:
            self._quiet = False
        self.schedule(0)

    # ------------------------------------------------------------------ searching
    def schedule(self, delay: int = 50) -> None:
        """Search again after ``delay`` ms (restarted by every new change)."""
        if not self._quiet:
            self._timer.start(delay)

    @property
    def busy(self) -> bool:
        """True while the layer is read or searched in the background."""
        return self.task is not None or self.search_task is not None

    def refresh(self, sync: bool = False) -> None:
        """Search now (reading the layer first if needed: in a QgsTask for big layers unless ``sync``)."""
        self._timer.stop()
        layer = self.layer
        if layer is None:
            self._show([])
            return
        if self.index is None or self._stale:
            if sync or layer.featureCount() <= SYNC_LIMIT:
                if self.task is not None:
                    self.task.cancel()
                    self.task = None
                self.index = LieuIndex.from_layer(layer)
                self._stale = False
            else:
                if self.task is None:
                    self.count_label.setText(tr("Lecture des lieux…"))
                    self._stale = False
                    self.task = IndexTask(layer, self._indexed)
                    QgsApplication.taskManager().addTask(self.task)
                return
        self._search()

    def _indexed(self, task: IndexTask, ok: bool) -> None:
        if task is not self.task:
            return
        self.task = None
        if ok and self.layer is not None and task.layer_id == self.layer.id():
            self.index = task.index
            self._search()
        if self._stale:
            self.schedule(0)

    def _search(self) -> None:
        flt = self.current_filter()
        when = self.clock()
        if self.search_task is not None:
            self.search_task.cancel()
            self.search_task = None
        if flt.needs_python() and len(self.index) > SYNC_LIMIT:
            self.count_label.setText(tr("Recherche en cours…"))
            self.search_task = SearchTask(self.index, flt, when, self._searched)
            QgsApplication.taskManager().addTask(self.search_task)
            return
        try:
            ids = self.index.match(flt, when)
        except OpeningHoursUnavailableError as error:
            self._finish([], flt, str(error))
            return
        self._finish(ids, flt)

    def _searched(self, task: SearchTask) -> None:
        if task is not self.search_task:
            return
        self.search_task = None
        if task.ids is not None or task.error:
            self._finish(task.ids or [], task.flt, task.error)

    def _finish(self, ids: list[int], flt: LieuFilter, error: str = "") -> None:
        self.last_error = error
        if error:
            self.iface.messageBar().pushMessage(tr("Médiation numérique"), error, level=MSG_WARNING, duration=6)
        self.result_ids = ids
        self._show(ids, flt.is_empty())

    def _show(self, ids: list[int], everything: bool = True) -> None:
        index = self.index
        records = [index.by_id[i] for i in ids] if index is not None else []
        records.sort(key=lambda r: (fold(r.nom), fold(r.commune)))
        self.results_model.set_records(records)
        self.count_label.setText(count_text(len(records)))
        self.summary_label.setText(counts_text(counts(index, ids)) if index is not None and records else "")
        if self.apply_check.isChecked() and self.layer is not None:
            self._apply_to_map(everything)

    # ------------------------------------------------------------------ map
    def _apply_to_map(self, everything: bool) -> None:
        if everything:
            clear_map_filter(self.layer)
            return
        if not apply_map_filter(self.layer, self.result_ids, count_text(len(self.result_ids))):
            self.iface.messageBar().pushMessage(
                tr("Médiation numérique"), tr("La symbologie de cette couche ne permet pas de filtrer la carte."),
                level=MSG_WARNING, duration=6)

    def _apply_toggled(self, on: bool) -> None:
        if self.layer is None:
            return
        if on:
            self.refresh()
        else:
            clear_map_filter(self.layer)

    def zoom_to_row(self, row: int) -> bool:
        """Centre the map on a result and flash it."""
        if self.layer is None or not 0 <= row < len(self.results_model.records):
            return False
        return zoom_and_flash(self.iface.mapCanvas(), self.layer, self.results_model.fid(row))

    def open_row(self, row: int) -> bool:
        """Open the form of a result."""
        if self.layer is None or not 0 <= row < len(self.results_model.records):
            return False
        return open_form(self.iface, self.layer, self.results_model.fid(row))

    # ------------------------------------------------------------------ lifetime
    def cleanup(self) -> None:
        """Before the plugin unloads: give the layer its style back and let go of QGIS signals."""
        self._timer.stop()
        self._minute.stop()
        for task in (self.task, self.search_task):
            if task is not None:
                task.cancel()
        self.task = self.search_task = None
        if self.layer is not None:
            self._disconnect_layer(self.layer)
            clear_map_filter(self.layer)
            self.layer = None
        project = QgsProject.instance()
        for signal, slot in ((project.layersAdded, self._layers_changed), (project.layersRemoved, self._layers_changed),
                             (project.readProject, self._project_read)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Closing the panel shows every lieu again."""
        self.apply_check.setChecked(False)
        super().closeEvent(event)
