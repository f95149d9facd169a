"""Search panel, filters and locator on the demo base; expected sets computed independently."""

from __future__ import annotations

import time
import unicodedata
from datetime import date, datetime

import pytest
from qgis.core import (
    QgsApplication,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeedback,
    QgsLocatorContext,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsProject,
    QgsRenderContext,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt

from mednum.core import filters as F
from mednum.core.compat import is_null
from mednum.core.demo import demo_layer
from mednum.core.schema import load_model, read_typologies
from mednum.core.style import style_lieux

WHEN = datetime(2026, 3, 11, 10, 30)  # a Wednesday, not a public holiday
TODAY = WHEN.date()
DANGER = "O'Brien\") or 1=1 --"
TEXT_FIELDS = ("nom", "commune", "adresse", "code_postal", "typologie", "services", "dispositif_programmes_nationaux",
               "formations_labels")


# ---------------------------------------------------------------------------- independent reference
def plain(text: str) -> str:
    text = str(text).replace("’", "'").replace("œ", "oe").replace("Œ", "oe").replace("–", "-")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def val(feature: QgsFeature, name: str):
    value = feature[name]
    return None if is_null(value) else value


def txt(feature: QgsFeature, name: str) -> str:
    value = val(feature, name)
    return "" if value is None else str(value)


def multi(feature: QgsFeature, name: str) -> set[str]:
    return {part.strip() for part in txt(feature, name).split("|") if part.strip()}


def haystack(feature: QgsFeature) -> str:
    labels = read_typologies()
    parts = [txt(feature, n) for n in TEXT_FIELDS] + [labels.get(c, "") for c in multi(feature, "typologie")]
    return plain(" ".join(parts))


def expected(layer: QgsVectorLayer, keep) -> set[int]:
    return {f.id() for f in layer.getFeatures() if keep(f)}


def insee_to_epci() -> dict[str, str]:
    communes = demo_layer("communes")
    return {str(f["code_insee"]): str(f["siren_epci"]) for f in communes.getFeatures() if not is_null(f["siren_epci"])}


def maj(feature: QgsFeature):
    value = val(feature, "date_maj")
    return value.toPyDate() if value is not None else None


def group_services(group_id: str) -> set[str]:
    return next(set(services) for gid, _label, services in load_model().service_groups if gid == group_id)


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture
def memory_copy(demo_lieux):
    """The demo lieux in a memory layer (the plugin's lieux layer is a memory layer), styled by status."""
    layer = demo_lieux.materialize(QgsFeatureRequest())
    style_lieux(layer)
    return layer


@pytest.fixture
def in_project(qgis_iface):
    """Add layers to the project (removed afterwards)."""
    added = []

    def add(*layers):
        for layer in layers:
            QgsProject.instance().addMapLayer(layer)
            added.append(layer.id())
        return layers[0]

    yield add
    for layer_id in added:
        if QgsProject.instance().mapLayer(layer_id) is not None:
            QgsProject.instance().removeMapLayer(layer_id)


@pytest.fixture
def dock(qgis_iface, demo_lieux, in_project):
    from mednum.ui.find_dock import FindDock

    in_project(demo_lieux)
    qgis_iface.setActiveLayer(demo_lieux)
    widget = FindDock(qgis_iface, clock=lambda: WHEN)
    widget.refresh(sync=True)
    yield widget
    widget.cleanup()
    widget.deleteLater()


def wait_until(condition, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.005)
    return condition()


def visible_ids(layer: QgsVectorLayer) -> set[int]:
    """Features the layer's renderer draws (what the map shows)."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(200, 200))
    context = QgsRenderContext.fromMapSettings(settings)
    context.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer = layer.renderer().clone()
    renderer.startRender(context, layer.fields())
    ids = {f.id() for f in layer.getFeatures() if renderer.willRenderFeature(f, context)}
    renderer.stopRender(context)
    return ids


def needs_opening_hours():
    if not F.opening_hours_available():
        pytest.skip("core/opening_hours.py absent (écrit par un autre chantier) : critères d'ouverture non testables")
    from mednum.core import opening_hours

    return opening_hours


# ---------------------------------------------------------------------------- pure helpers
def test_fold_and_dates():
    assert F.fold("Médiathèque L’Œil ÉCOLE – Façade") == "mediatheque l'oeil ecole - facade"
    assert F.tokens("  MEDIATHÈQUE  la   Canopée ") == ["mediatheque", "la", "canopee"]
    assert F.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert F.months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)
    assert F.is_public_holiday(date(2026, 4, 6))  # lundi de Pâques 2026
    assert F.is_public_holiday(date(2026, 5, 14))  # Ascension 2026
    assert F.is_public_holiday(date(2026, 7, 14)) and not F.is_public_holiday(WHEN.date())
    assert F.departement_of("97411") == "974" and F.departement_of("", "80000") == "80" and F.departement_of("2A004") == "2A"


# ---------------------------------------------------------------------------- filters on the demo base
def _cases(layer: QgsVectorLayer) -> list[tuple[str, F.LieuFilter, callable]]:
    epci_of = insee_to_epci()
    lieux_epci = {epci_of.get(txt(f, "code_insee")) for f in layer.getFeatures()} - {None}
    one_epci = sorted(lieux_epci)[0]
    one_commune = sorted(txt(f, "code_insee") for f in layer.getFeatures() if txt(f, "code_insee"))[0]
    cutoff = date(2025, 3, 11)
    services = group_services("materiel")

    def words(query):
        return lambda f: all(w in haystack(f) for w in plain(query).split())

    return [
        ("texte accentué", F.LieuFilter(text="Médiathèque"), words("Médiathèque")),
        ("texte sans accents", F.LieuFilter(text="MEDIATHEQUE canopee"), words("mediatheque canopee")),
        ("texte typologie", F.LieuFilter(text="ccas"), words("ccas")),
        ("un service", F.LieuFilter(services={"Aide aux démarches administratives"}),
         lambda f: "Aide aux démarches administratives" in multi(f, "services")),
        ("groupe Matériel", F.LieuFilter(service_groups={"materiel"}), lambda f: bool(multi(f, "services") & services)),
        ("public Seniors", F.LieuFilter(publics={"Seniors"}), lambda f: "Seniors" in multi(f, "publics_specifiquement_adresses")),
        ("prise en charge", F.LieuFilter(prise_en_charge={"Surdité"}), lambda f: "Surdité" in multi(f, "prise_en_charge_specifique")),
        ("frais", F.LieuFilter(frais={"Payant"}), lambda f: "Payant" in multi(f, "frais_a_charge")),
        ("APTIC", F.LieuFilter(dispositifs={F.LABEL_APTIC}), lambda f: val(f, "hdf_aptic") is True),
        ("CAF ou pass", F.LieuFilter(dispositifs={"Point d'accès numérique CAF", F.LABEL_PASS_NUMERIQUE}),
         lambda f: "Point d'accès numérique CAF" in multi(f, "dispositif_programmes_nationaux") or val(f, "hdf_pass_numerique") is True),
        ("France Services", F.LieuFilter(dispositifs={"France Services"}),
         lambda f: "France Services" in multi(f, "dispositif_programmes_nationaux")),
        ("département 80", F.LieuFilter(departements={"80"}), lambda f: txt(f, "code_insee").startswith("80")),
        ("un EPCI", F.LieuFilter(epci={one_epci}, epci_communes=epci_of), lambda f: epci_of.get(txt(f, "code_insee")) == one_epci),
        ("une commune", F.LieuFilter(communes={one_commune}), lambda f: txt(f, "code_insee") == one_commune),
        ("fraîcheur 12 mois", F.LieuFilter(fraicheur_mois=12), lambda f: maj(f) is None or maj(f) < cutoff),
        ("statut", F.LieuFilter(statuts={"a_valider", "ferme"}), lambda f: txt(f, "hdf_statut") in ("a_valider", "ferme")),
        ("combinaison", F.LieuFilter(text="bibliothèque", departements={"59"}, frais={"Gratuit"}, service_groups={"apprentissage"},
                                     statuts={"publie"}),
         lambda f: (words("bibliothèque")(f) and txt(f, "code_insee").startswith("59") and "Gratuit" in multi(f, "frais_a_charge")
                    and bool(multi(f, "services") & group_services("apprentissage")) and txt(f, "hdf_statut") == "publie")),
        ("combinaison territoire", F.LieuFilter(departements={"02"}, epci={one_epci}, epci_communes=epci_of, fraicheur_mois=6),
         lambda f: (txt(f, "code_insee").startswith("02") and epci_of.get(txt(f, "code_insee")) == one_epci
                    and (maj(f) is None or maj(f) < date(2025, 9, 11)))),
    ]


def test_each_criterion_returns_exactly_the_right_lieux(demo_lieux):
    index = F.LieuIndex.from_layer(demo_lieux)
    for name, flt, keep in _cases(demo_lieux):
        want = expected(demo_lieux, keep)
        got = index.match(flt, WHEN)
        assert len(got) == len(set(got))
        assert set(got) == want, name
        assert want or name == "combinaison territoire", f"{name}: the demo base should have some"
    assert set(F.matching_ids(demo_lieux, F.LieuFilter())) == expected(demo_lieux, lambda f: True)


@pytest.mark.parametrize("provider", ["ogr", "memory"])
def test_expression_selects_the_same_lieux(demo_lieux, memory_copy, provider):
    layer = demo_lieux if provider == "ogr" else memory_copy
    index = F.LieuIndex.from_layer(layer)
    for name, flt, _keep in _cases(layer):
        expression = QgsExpression(F.to_expression(flt, TODAY, layer.fields().names()))
        assert not expression.hasParserError(), (name, expression.parserErrorString())
        got = {f.id() for f in layer.getFeatures(QgsFeatureRequest(expression))}
        assert got == set(index.match(flt, WHEN)), name


def test_expression_on_a_layer_without_the_regional_fields(memory_copy):
    """A criterion on a missing field matches nothing, in Python as in the expression."""
    names = [n for n in memory_copy.fields().names() if not n.startswith("hdf_")]
    layer = memory_copy.materialize(QgsFeatureRequest().setSubsetOfAttributes(names, memory_copy.fields()))
    for name in [n for n in layer.fields().names() if n.startswith("hdf_")]:
        layer.dataProvider().deleteAttributes([layer.fields().indexFromName(name)])
    layer.updateFields()
    assert "hdf_statut" not in layer.fields().names()
    for flt in (F.LieuFilter(statuts={"publie"}), F.LieuFilter(dispositifs={F.LABEL_APTIC})):
        expression = F.to_expression(flt, TODAY, layer.fields().names())
        assert not list(layer.getFeatures(QgsFeatureRequest(QgsExpression(expression))))
        assert F.matching_ids(layer, flt, WHEN) == []


@pytest.mark.parametrize("flt", [F.LieuFilter(text=DANGER), F.LieuFilter(communes={DANGER}), F.LieuFilter(epci={DANGER}),
                                 F.LieuFilter(departements={DANGER}), F.LieuFilter(statuts={DANGER}),
                                 F.LieuFilter(services={DANGER}), F.LieuFilter(text=DANGER, communes={DANGER})],
                         ids=["texte", "commune", "epci", "departement", "statut", "service", "texte+commune"])
def test_dangerous_values_find_nothing_and_break_nothing(demo_lieux, memory_copy, flt):
    for layer in (demo_lieux, memory_copy):
        assert F.matching_ids(layer, flt, WHEN) == []
        text = F.to_expression(flt, TODAY, layer.fields().names())
        expression = QgsExpression(text)
        assert not expression.hasParserError(), expression.parserErrorString()
        assert list(layer.getFeatures(QgsFeatureRequest(expression))) == []
    # the memory provider takes the expression as subset string: valid, and it hides everything
    assert memory_copy.setSubsetString(F.to_expression(flt, TODAY))
    assert memory_copy.featureCount() == 0
    assert memory_copy.setSubsetString("") and memory_copy.featureCount() == demo_lieux.featureCount()


def test_open_now_at_a_fixed_time(demo_lieux):
    hours = needs_opening_hours()
    keep = expected(demo_lieux, lambda f: bool(txt(f, "horaires").strip())
                    and hours.is_open(txt(f, "horaires").strip(), WHEN, public_holiday=False) is True)
    got = set(F.matching_ids(demo_lieux, F.LieuFilter(ouvert_maintenant=True), WHEN))
    assert got == keep and 0 < len(got) < demo_lieux.featureCount()
    weekdays = [f.id() for f in demo_lieux.getFeatures() if txt(f, "horaires").strip() == "Mo-Fr 09:00-12:00,14:00-17:00"]
    assert weekdays and set(weekdays) <= got  # Wednesday 10:30
    sunday_night = set(F.matching_ids(demo_lieux, F.LieuFilter(ouvert_maintenant=True), datetime(2026, 3, 15, 23, 30)))
    assert not set(weekdays) & sunday_night
    combined = set(F.matching_ids(demo_lieux, F.LieuFilter(ouvert_maintenant=True, departements={"80"}), WHEN))
    assert combined == got & expected(demo_lieux, lambda f: txt(f, "code_insee").startswith("80"))


def test_open_on_weekend(demo_lieux):
    hours = needs_opening_hours()
    keep = expected(demo_lieux, lambda f: bool(txt(f, "horaires").strip()) and hours.open_on_weekend(txt(f, "horaires").strip()) is True)
    got = set(F.matching_ids(demo_lieux, F.LieuFilter(ouvert_weekend=True), WHEN))
    assert got == keep and 0 < len(got) < demo_lieux.featureCount()
    combined = set(F.matching_ids(demo_lieux, F.LieuFilter(ouvert_weekend=True, service_groups={"demarches"}), WHEN))
    assert combined == keep & expected(demo_lieux, lambda f: bool(multi(f, "services") & group_services("demarches")))


def test_counts_per_group_and_departement(demo_lieux):
    ids = F.matching_ids(demo_lieux, F.LieuFilter(departements={"80", "02"}), WHEN)
    result = F.counts(demo_lieux, ids)
    assert result.total == len(ids)
    assert set(result.departements) == {"02", "80"}
    assert sum(result.departements.values()) == len(ids)
    features = [demo_lieux.getFeature(i) for i in ids]
    for group_id, _label, services in load_model().service_groups:
        assert result.groups[group_id] == sum(1 for f in features if multi(f, "services") & set(services))


# ---------------------------------------------------------------------------- on the map
@pytest.mark.parametrize("provider", ["ogr", "memory"])
def test_map_filter_shows_only_the_results_and_clearing_restores(demo_lieux, memory_copy, provider):
    layer = demo_lieux if provider == "ogr" else memory_copy
    settings = QgsPalLayerSettings()
    settings.fieldName = "nom"
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    renderer_type = layer.renderer().type()
    everything = {f.id() for f in layer.getFeatures()}
    assert visible_ids(layer) == everything

    ids = F.matching_ids(layer, F.LieuFilter(departements={"80"}), WHEN)
    assert F.apply_map_filter(layer, ids)
    assert F.map_filter_active(layer)
    assert visible_ids(layer) == set(ids)
    assert layer.labeling().type() == "rule-based"
    assert layer.subsetString() == "" and layer.featureCount() == len(everything)  # the data is untouched

    other = F.matching_ids(layer, F.LieuFilter(statuts={"ferme"}), WHEN)
    assert F.apply_map_filter(layer, other)  # a new search replaces the filter
    assert visible_ids(layer) == set(other)

    assert F.clear_map_filter(layer)
    assert not F.map_filter_active(layer)
    assert layer.renderer().type() == renderer_type
    assert layer.labeling().type() == "simple" and layer.labeling().settings().fieldName == "nom"
    assert visible_ids(layer) == everything
    assert not F.clear_map_filter(layer)


def test_map_filter_in_edit_mode_and_after_saving_the_project(memory_copy):
    assert memory_copy.startEditing()
    ids = F.matching_ids(memory_copy, F.LieuFilter(text="canopée"), WHEN)
    assert not memory_copy.setSubsetString("\"hdf_statut\" = 'publie'")  # QGIS refuses a subset string in edit mode
    assert F.apply_map_filter(memory_copy, ids)
    assert visible_ids(memory_copy) == set(ids)
    assert memory_copy.rollBack()
    project = QgsProject()
    project.addMapLayer(memory_copy, False)
    assert F.restore_map_filters(project) == 1  # the plugin cleans a project saved with a filter on
    assert memory_copy.renderer().type() == "categorizedSymbol"
    project.takeMapLayer(memory_copy)


def test_user_style_change_wins_over_the_restore(memory_copy):
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    F.apply_map_filter(memory_copy, [1, 2, 3])
    memory_copy.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"color": "red"})))
    assert not F.clear_map_filter(memory_copy)
    assert memory_copy.renderer().type() == "singleSymbol"
    assert not memory_copy.customProperty(F.PROP_RENDERER, "")


# ---------------------------------------------------------------------------- the dock
def _shown(dock) -> set[int]:
    return {dock.results_model.fid(row) for row in range(dock.results_model.rowCount())}


def _check(widget, value) -> None:
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == value:
            widget.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(value)


def test_dock_widgets_drive_the_results(dock, demo_lieux):
    everything = expected(demo_lieux, lambda f: True)
    assert dock.windowTitle() == "Lieux de médiation numérique"
    assert dock.layer is demo_lieux
    assert _shown(dock) == everything and dock.count_label.text() == f"{len(everything)} lieux"

    dock.search_edit.setText("médiathèque")  # debounced: nothing yet, then the search
    assert dock._timer.isActive() and _shown(dock) == everything
    assert wait_until(lambda: not dock._timer.isActive())
    want = expected(demo_lieux, lambda f: "mediatheque" in haystack(f))
    assert _shown(dock) == want and dock.count_label.text() == f"{len(want)} lieux"
    names = [dock.results_model.records[r].nom for r in range(dock.results_model.rowCount())]
    assert [F.fold(n) for n in names] == sorted(F.fold(n) for n in names)

    dock.search_edit.clear()
    group = dock.group_items["materiel"]
    group.setCheckState(0, Qt.CheckState.Checked)
    dock.refresh()
    assert dock.current_filter().service_groups == {"materiel"}
    assert _shown(dock) == expected(demo_lieux, lambda f: bool(multi(f, "services") & group_services("materiel")))
    group.setCheckState(0, Qt.CheckState.Unchecked)
    dock.group_items["demarches"].child(0).setCheckState(0, Qt.CheckState.Checked)
    service = dock.group_items["demarches"].child(0).data(0, Qt.ItemDataRole.UserRole)
    dock.refresh()
    assert dock.current_filter().services == {service} and dock.current_filter().service_groups == set()
    assert _shown(dock) == expected(demo_lieux, lambda f: service in multi(f, "services"))

    _check(dock.publics_list, "Seniors")
    _check(dock.dispositifs_list, F.LABEL_APTIC)
    dock.refresh()
    assert _shown(dock) == expected(demo_lieux, lambda f: service in multi(f, "services") and "Seniors" in multi(
        f, "publics_specifiquement_adresses") and val(f, "hdf_aptic") is True)

    dock.reset()
    dock.refresh()
    assert _shown(dock) == everything and dock.current_filter().is_empty()

    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("80"))
    dock.refresh()
    somme = expected(demo_lieux, lambda f: txt(f, "code_insee").startswith("80"))
    assert _shown(dock) == somme and dock.count_label.text() == f"{len(somme)} lieux"
    assert "80 : " in dock.summary_label.text() and "Apprentissage : " in dock.summary_label.text()
    assert all(dock.territories.communes[dock.commune_combo.itemData(i)][1] == "80" for i in range(1, dock.commune_combo.count()))
    epci_of = insee_to_epci()
    siren = epci_of[txt(demo_lieux.getFeature(next(iter(somme))), "code_insee")]
    dock.epci_combo.setCurrentIndex(dock.epci_combo.findData(siren))
    dock.refresh()
    assert _shown(dock) == {i for i in somme if epci_of.get(txt(demo_lieux.getFeature(i), "code_insee")) == siren}
    insee = txt(demo_lieux.getFeature(next(iter(_shown(dock)))), "code_insee")
    dock.commune_combo.setCurrentIndex(dock.commune_combo.findData(insee))
    dock.refresh()
    assert _shown(dock) == expected(demo_lieux, lambda f: txt(f, "code_insee") == insee)

    dock.reset()
    dock.freshness_spin.setValue(12)
    _check(dock.status_list, "publie")
    dock.refresh()
    assert _shown(dock) == expected(demo_lieux, lambda f: (maj(f) is None or maj(f) < date(2025, 3, 11))
                                    and txt(f, "hdf_statut") == "publie")


def test_dock_dangerous_text_and_unknown_commune(dock, demo_lieux):
    dock.search_edit.setText(DANGER)
    dock.refresh()
    assert _shown(dock) == set() and dock.count_label.text() == "0 lieu" and dock.last_error == ""
    dock.search_edit.clear()
    dock.commune_combo.setEditText(DANGER)
    dock.refresh()
    assert dock.current_filter().communes == {DANGER}
    assert _shown(dock) == set()
    dock.commune_combo.setEditText("amiens")  # a typed name is resolved (accents and case ignored)
    dock.refresh()
    assert dock.current_filter().communes == {"80021"}
    assert _shown(dock) == expected(demo_lieux, lambda f: txt(f, "code_insee") == "80021")


def test_dock_open_criteria(dock, demo_lieux):
    hours = needs_opening_hours()
    assert dock.open_now_check.isEnabled()
    dock.open_now_check.setChecked(True)
    dock.refresh()
    assert _shown(dock) == expected(demo_lieux, lambda f: bool(txt(f, "horaires").strip())
                                    and hours.is_open(txt(f, "horaires").strip(), WHEN, public_holiday=False) is True)
    dock.open_now_check.setChecked(False)
    dock.weekend_check.setChecked(True)
    dock.refresh()
    assert _shown(dock) == expected(demo_lieux, lambda f: bool(txt(f, "horaires").strip())
                                    and hours.open_on_weekend(txt(f, "horaires").strip()) is True)


@pytest.mark.parametrize("provider", ["ogr", "memory"])
def test_dock_apply_to_map(qgis_iface, dock, demo_lieux, memory_copy, in_project, provider):
    layer = demo_lieux
    if provider == "memory":
        in_project(memory_copy)
        dock.set_layer(memory_copy)
        layer = memory_copy
    dock.refresh()
    everything = {f.id() for f in layer.getFeatures()}
    dock.apply_check.setChecked(True)
    assert visible_ids(layer) == everything and not F.map_filter_active(layer)  # no criterion: everything shown
    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("62"))
    dock.refresh()
    assert F.map_filter_active(layer) and visible_ids(layer) == _shown(dock) == set(dock.result_ids)
    assert 0 < len(_shown(dock)) < len(everything)
    dock.apply_check.setChecked(False)
    assert not F.map_filter_active(layer) and visible_ids(layer) == everything
    dock.apply_check.setChecked(True)
    assert visible_ids(layer) == _shown(dock)
    dock.reset()
    dock.refresh()
    assert visible_ids(layer) == everything
    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("62"))
    dock.refresh()
    dock.cleanup()  # plugin unload: the layer gets its own style back
    assert not F.map_filter_active(layer) and visible_ids(layer) == everything


def test_dock_click_zooms_and_double_click_opens_the_form(qgis_iface, dock, demo_lieux):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(demo_lieux.crs())
    canvas.setExtent(demo_lieux.extent())
    dock.search_edit.setText("canopée")
    dock.refresh()
    assert dock.results_model.rowCount() > 0
    fid = dock.results_model.fid(0)
    point = demo_lieux.getFeature(fid).geometry().asPoint()
    assert dock.zoom_to_row(0)
    assert canvas.center().distance(point) < 1.0
    assert canvas.scale() <= 5000.0 * 1.01
    qgis_iface.openFeatureForm.reset_mock()
    assert dock.open_row(0)
    (layer, feature), _kwargs = qgis_iface.openFeatureForm.call_args
    assert layer is demo_lieux and feature.id() == fid


def test_dock_offers_only_lieux_layers(qgis_iface, dock, demo_lieux, in_project):
    in_project(demo_layer("communes"), QgsVectorLayer("Point?crs=EPSG:2154&field=nom:string", "points sans services", "memory"))
    layers = [dock.layer_combo.itemData(i) for i in range(dock.layer_combo.count())]
    assert layers == [demo_lieux.id()]


def test_dock_big_layer_is_read_in_the_background(qgis_iface, dock, demo_lieux, in_project):
    big = QgsVectorLayer("Point?crs=EPSG:2154", "10k lieux", "memory")
    big.dataProvider().addAttributes(demo_lieux.fields().toList())
    big.updateFields()
    source = list(demo_lieux.getFeatures())
    features = []
    while len(features) < 10_000:
        for feature in source[: 10_000 - len(features)]:
            copy = QgsFeature(big.fields())
            copy.setAttributes(feature.attributes())
            copy.setGeometry(feature.geometry())
            features.append(copy)
    assert big.dataProvider().addFeatures(features)[0]
    in_project(big)
    started = time.perf_counter()
    dock.set_layer(big)
    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("80"))
    dock.refresh()
    assert dock.busy and dock.count_label.text() == "Lecture des lieux…"
    longest, last = 0.0, time.perf_counter()

    def ready():
        nonlocal longest, last
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        return not dock.busy

    assert wait_until(ready, 60)
    elapsed = time.perf_counter() - started
    assert dock.results_model.rowCount() == len(F.LieuIndex.from_layer(big).match(F.LieuFilter(departements={"80"}), WHEN)) > 0
    assert longest < 0.5, f"interface blocked {longest:.2f} s"
    search = time.perf_counter()
    dock.search_edit.setText("bibliotheque")
    dock.refresh()
    print(f"\n10k lieux: background read + first search {elapsed:.2f} s (longest UI pause {longest * 1000:.0f} ms), "
          f"next search {1000 * (time.perf_counter() - search):.0f} ms")
    if F.opening_hours_available():  # opening hours on a big layer: searched in the background too
        dock.open_now_check.setChecked(True)
        dock.refresh()
        assert dock.busy and dock.count_label.text() == "Recherche en cours…"
        assert wait_until(lambda: not dock.busy, 60)
        want = F.LieuIndex.from_layer(big).match(F.LieuFilter(text="bibliotheque", departements={"80"}, ouvert_maintenant=True), WHEN)
        assert _shown(dock) == set(want) and dock.last_error == ""
        dock.open_now_check.setChecked(False)
    assert big.startEditing()
    big.changeAttributeValue(next(iter(big.allFeatureIds())), big.fields().indexFromName("nom"), "Zzyzx tout nouveau")
    dock.departement_combo.setCurrentIndex(0)
    dock.search_edit.setText("zzyzx")
    assert wait_until(lambda: not dock._timer.isActive() and not dock.busy and dock.results_model.rowCount() == 1, 60)
    big.rollBack()
    QgsApplication.taskManager().cancelAll()


# ---------------------------------------------------------------------------- locator
def _fetch(locator_filter, text: str) -> list:
    results = []
    locator_filter.resultFetched.connect(results.append)
    context = QgsLocatorContext()
    locator_filter.prepare(text, context)
    locator_filter.fetchResults(text, context, QgsFeedback())
    return results


def test_locator_finds_a_lieu_by_name_without_accents(qgis_iface, demo_lieux, in_project):
    from mednum.ui.locator import LieuLocatorFilter, register, unregister

    in_project(demo_lieux, demo_layer("communes"))
    locator_filter = LieuLocatorFilter(qgis_iface)
    assert locator_filter.prefix() == "lieu" and locator_filter.displayName() == "Lieux de médiation numérique"
    clone = locator_filter.clone()
    assert isinstance(clone, LieuLocatorFilter) and clone is not locator_filter and clone.names is locator_filter.names

    results = _fetch(clone, "mediatheque la canopee")
    want = expected(demo_lieux, lambda f: plain(txt(f, "nom")) == "mediatheque la canopee")
    assert want and len(results) == len(want)
    assert {r.displayString for r in results} == {"Médiathèque La Canopée"}
    assert {int(str(r.userData).split("\n")[1]) for r in results} == want
    assert all(r.group == demo_lieux.name() and r.description for r in results)
    assert _fetch(locator_filter.clone(), DANGER) == []
    commune = txt(demo_lieux.getFeature(min(want)), "commune")
    narrowed = _fetch(locator_filter.clone(), f"canopee {plain(commune)}")
    assert min(want) in {int(str(r.userData).split("\n")[1]) for r in narrowed}

    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(demo_lieux.crs())
    qgis_iface.openFeatureForm.reset_mock()
    locator_filter.triggerResult(results[0])
    fid = int(str(results[0].userData).split("\n")[1])
    assert canvas.center().distance(demo_lieux.getFeature(fid).geometry().asPoint()) < 1.0
    (layer, feature), _kwargs = qgis_iface.openFeatureForm.call_args
    assert layer is demo_lieux and feature.id() == fid

    # an edit is seen by the next search (the cache is refreshed)
    assert demo_lieux.startEditing()
    demo_lieux.changeAttributeValue(fid, demo_lieux.fields().indexFromName("nom"), "Médiathèque Zéphyr")
    assert [r.displayString for r in _fetch(locator_filter.clone(), "zephyr")] == ["Médiathèque Zéphyr"]
    demo_lieux.rollBack()

    qgis_iface.registerLocatorFilter.reset_mock()
    registered = register(qgis_iface)
    qgis_iface.registerLocatorFilter.assert_called_once_with(registered)
    unregister(qgis_iface, registered)
    qgis_iface.deregisterLocatorFilter.assert_called_once_with(registered)
