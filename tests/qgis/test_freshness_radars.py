"""Keeping the base alive in a real QGIS: fraîcheur, confirm / status actions, « sous les radars » with dismissals."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from helpers import DATA
from qgis.core import QgsFeature, QgsFeatureRequest, QgsProcessingContext, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from mednum.core.demo import DEMO_GPKG
from mednum.core.editing import configure_fields
from mednum.core.filters import LieuFilter, matching_ids, months_before
from mednum.core.freshness import (
    A_JOUR,
    A_VALIDER,
    A_VERIFIER,
    CLASS_COLOURS,
    CLASSES,
    FERME,
    PUBLIE,
    SANS_DATE,
    class_labels,
    confirm_unchanged,
    set_status,
)
from mednum.core.radars import Dismissals
from mednum.processing.alg_fraicheur import Fraicheur, _StyleByFreshness
from mednum.processing.alg_sous_les_radars import SousLesRadars

RADARS = DATA / "radars"
REFERENCE = date(2026, 6, 30)
#: tests/data/radars/README.md
EXPECTED_ABSENT = ["cn-0011", "cn-0012", "h:4d871fcded496702", "cn-0014", "cn-0015", "cn-0016", "cn-0017"]


def _run(algorithm_class, parameters: dict, context=None):
    """Run one of the plugin's algorithms (by id when the provider lists it, else as an instance)."""
    import processing
    from qgis.core import QgsApplication

    name = f"mednum:{algorithm_class._name}"
    algorithm = name if QgsApplication.processingRegistry().algorithmById(name) is not None else algorithm_class().create()
    return processing.run(algorithm, parameters, context=context)


@pytest.fixture
def demo_copy(qgis_app, tmp_path):
    """Layers of a copy of the demo base (never the shipped file); deleted at teardown."""
    copy = tmp_path / "demo.gpkg"
    shutil.copyfile(DEMO_GPKG, copy)
    opened: list[QgsVectorLayer] = []

    def open_layer(name: str) -> QgsVectorLayer:
        layer = QgsVectorLayer(f"{copy}|layername={name}", name, "ogr")
        assert layer.isValid()
        opened.append(layer)
        return layer

    yield open_layer
    from qgis.PyQt import sip

    for layer in opened:
        if layer.isEditable():
            layer.rollBack()
        sip.delete(layer)


@pytest.fixture
def memory_layers(qgis_app):
    """Memory copies made by a test; deleted at teardown."""
    made: list[QgsVectorLayer] = []
    yield made
    from qgis.PyQt import sip

    for layer in made:
        if not sip.isdeleted(layer):
            sip.delete(layer)


def _memory_copy(source: QgsVectorLayer, made: list) -> QgsVectorLayer:
    copy = source.materialize(QgsFeatureRequest())
    made.append(copy)
    return copy


def _is_null(value) -> bool:
    from mednum.core.compat import is_null

    return is_null(value)


def _day(value):
    return value.toPyDate() if isinstance(value, QDate) and value.isValid() else None


# ---------------------------------------------------------------------------- fraîcheur
def test_fraicheur_counts_per_departement_and_epci_match_an_independent_count(processing_ready, demo_copy):
    lieux, communes = demo_copy("lieux"), demo_copy("communes")
    result = _run(Fraicheur, {"INPUT": lieux, "MOIS": 12, "DATE_REFERENCE": REFERENCE.isoformat(), "TERRITOIRES": communes,
                              "OUTPUT": "TEMPORARY_OUTPUT", "RESUME": "TEMPORARY_OUTPUT"})
    cutoff = months_before(REFERENCE, 12)  # the search panel's rule, computed on its own
    departement = {f["code_insee"]: f["code_departement"] for f in communes.getFeatures()}
    epci = {f["code_insee"]: f["siren_epci"] for f in communes.getFeatures()}
    expected_dep: dict[str, Counter] = {}
    expected_epci: dict[str, Counter] = {}
    for feature in lieux.getFeatures():
        day = _day(feature["date_maj"])
        state = SANS_DATE if day is None else A_VERIFIER if day < cutoff else A_JOUR
        expected_dep.setdefault(departement[feature["code_insee"]], Counter())[state] += 1
        expected_epci.setdefault(epci[feature["code_insee"]], Counter())[state] += 1
    summary = {(f["niveau"], f["code"]): f for f in result["RESUME"].getFeatures()}
    deps = {code: f for (level, code), f in summary.items() if level == "departement"}
    assert sorted(deps) == ["02", "59", "60", "62", "80"]
    for code, counts in expected_dep.items():
        row = deps[code]
        assert (row["lieux"], row["a_jour"], row["a_verifier"], row["sans_date"]) == (
            sum(counts.values()), counts[A_JOUR], counts[A_VERIFIER], counts[SANS_DATE]), code
        assert row["part_a_verifier"] == pytest.approx(round(100 * counts[A_VERIFIER] / sum(counts.values()), 2))
    epcis = {code: f for (level, code), f in summary.items() if level == "epci"}
    assert set(epcis) == set(expected_epci)
    assert all(epcis[code]["a_verifier"] == counts[A_VERIFIER] for code, counts in expected_epci.items())
    assert all(epcis[code]["territoire"] for code in epcis)  # the EPCI's name from the communes layer
    overall = summary[("ensemble", "")]
    assert overall["lieux"] == result["NB_LIEUX"] == 508
    assert overall["a_verifier"] == result["NB_A_VERIFIER"] == sum(c[A_VERIFIER] for c in expected_dep.values()) > 0
    # the same lieux as the search panel's « à vérifier depuis 12 mois » criterion
    flagged = {f["id"] for f in result["OUTPUT"].getFeatures() if f["fraicheur"] != A_JOUR}
    wanted = matching_ids(lieux, LieuFilter(fraicheur_mois=12), datetime.combine(REFERENCE, time(12)))
    assert flagged == {lieux.getFeature(fid)["id"] for fid in wanted}


def test_fraicheur_output_has_age_and_class_and_empty_dates(processing_ready, demo_copy, memory_layers):
    lieux = demo_copy("lieux")
    copy = _memory_copy(lieux, memory_layers)
    emptied = sorted(f.id() for f in copy.getFeatures())[:3]
    index = copy.fields().indexFromName("date_maj")
    copy.dataProvider().changeAttributeValues({fid: {index: None} for fid in emptied})
    result = _run(Fraicheur, {"INPUT": copy, "MOIS": 6, "DATE_REFERENCE": "2026-11-29", "OUTPUT": "TEMPORARY_OUTPUT",
                              "RESUME": "TEMPORARY_OUTPUT"})
    out = result["OUTPUT"]
    assert out.featureCount() == 508 and out.fields().indexFromName("age_mois") >= 0
    by_id = {f["id"]: f for f in out.getFeatures()}
    for fid in emptied:
        feature = by_id[copy.getFeature(fid)["id"]]
        assert feature["fraicheur"] == SANS_DATE and _is_null(feature["age_mois"])
    sample = next(f for f in out.getFeatures() if f["fraicheur"] == A_VERIFIER)
    assert sample["age_mois"] >= 6
    assert result["NB_SANS_DATE"] == 3
    levels = {f["niveau"] for f in result["RESUME"].getFeatures()}
    assert levels == {"ensemble", "departement"}  # no communes layer: no EPCI rows


def test_fraicheur_style_is_green_orange_grey(qgis_app, memory_layers):
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=fraicheur:string", "f", "memory")
    memory_layers.append(layer)
    labels = class_labels()
    _StyleByFreshness("fraicheur", list(CLASSES), [labels[c] for c in CLASSES]).postProcessLayer(layer, None, None)
    categories = layer.renderer().categories()
    assert [c.value() for c in categories] == [A_JOUR, A_VERIFIER, SANS_DATE]
    assert [c.label() for c in categories] == ["À jour", "À vérifier", "Sans date"]
    assert [c.symbol().color().name() for c in categories] == [CLASS_COLOURS[c] for c in CLASSES]


def test_layer_style_by_freshness_and_back(qgis_app, demo_copy):
    from mednum.core.style import style_lieux
    from mednum.ui.freshness_actions import is_styled_by_freshness, restore_style, style_by_freshness

    lieux = demo_copy("lieux")
    style_lieux(lieux)
    style_by_freshness(lieux, 12, REFERENCE)
    assert is_styled_by_freshness(lieux)
    # read the rules as plain values: no Python reference may outlive the renderer QGIS replaces below
    rules = [(r.description(), r.filterExpression(), r.isElse(), r.label()) for r in lieux.renderer().rootRule().children()]
    assert [r[0] for r in rules] == [SANS_DATE, A_VERIFIER, A_JOUR]
    assert "2025-06-30" in rules[1][1] and rules[2][2]
    assert rules[1][3] == "À vérifier (mise à jour avant le 30/06/2025)"
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(lieux))
    no_date, stale_expr = QgsExpression(rules[0][1]), QgsExpression(rules[1][1])
    counted = Counter()
    for feature in lieux.getFeatures():
        context.setFeature(feature)
        key = SANS_DATE if no_date.evaluate(context) else A_VERIFIER if stale_expr.evaluate(context) else A_JOUR
        counted[key] += 1
    cutoff = months_before(REFERENCE, 12)
    stale = sum(1 for f in lieux.getFeatures() if _day(f["date_maj"]) < cutoff)
    assert counted[A_VERIFIER] == stale and counted[A_JOUR] == 508 - stale
    style_by_freshness(lieux, 6, REFERENCE)  # again: the layer's own style stays the one kept
    assert restore_style(lieux)
    assert lieux.renderer().type() == "categorizedSymbol" and lieux.renderer().classAttribute() == "hdf_statut"
    assert not is_styled_by_freshness(lieux) and not restore_style(lieux)


# ---------------------------------------------------------------------------- confirm and workflow
def _changes(layer) -> dict[int, dict[str, object]]:
    names = layer.fields().names()
    return {fid: {names[i]: v for i, v in values.items()} for fid, values in layer.editBuffer().changedAttributeValues().items()}


def test_confirm_unchanged_changes_only_date_maj_and_who(demo_copy):
    lieux = demo_copy("lieux")
    configure_fields(lieux)  # the plugin's automatic values (date_maj, editor…) must not kick in
    fids = sorted(f.id() for f in lieux.getFeatures())[10:13]
    before = {fid: lieux.getFeature(fid).attributes() for fid in fids}
    when = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)
    result = confirm_unchanged(lieux, fids, date(2026, 11, 29), "agent.lille", when)
    assert result.changed == fids and result.ok and lieux.isEditable()
    changes = _changes(lieux)
    assert set(changes) == set(fids)
    for fid in fids:
        assert set(changes[fid]) == {"date_maj", "hdf_dernier_editeur", "hdf_date_modification"}
        assert changes[fid]["date_maj"] == QDate(2026, 11, 29)
        assert changes[fid]["hdf_dernier_editeur"] == "agent.lille"
        assert changes[fid]["hdf_date_modification"].toUTC().toString("yyyy-MM-ddTHH:mm:ss") == "2026-11-29T09:30:00"
        after = lieux.getFeature(fid).attributes()
        names = lieux.fields().names()
        assert [n for n, a, b in zip(names, before[fid], after) if a != b and n not in changes[fid]] == []
    assert lieux.editBuffer().changedGeometries() == {} and lieux.editBuffer().addedFeatures() == {}
    # one undo step takes the three back
    lieux.undoStack().undo()
    assert all(lieux.getFeature(fid).attributes() == before[fid] for fid in fids)


def test_confirm_unchanged_on_a_layer_without_editor_fields(qgis_app, memory_layers):
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=nom:string&field=date_maj:date", "l", "memory")
    memory_layers.append(layer)
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["Espace", QDate(2020, 1, 1)])
    layer.dataProvider().addFeatures([feature])
    result = confirm_unchanged(layer, [1], date(2026, 11, 29), "agent")
    assert result.changed == [1]
    assert _changes(layer) == {1: {"date_maj": QDate(2026, 11, 29)}}
    layer.rollBack()


def test_status_transitions_on_a_memory_copy(demo_copy, memory_layers):
    lieux = demo_copy("lieux")
    copy = _memory_copy(lieux, memory_layers)
    by_status: dict[str, list[QgsFeature]] = {}
    for feature in copy.getFeatures():
        by_status.setdefault(feature["hdf_statut"], []).append(feature)
    to_publish = [f.id() for f in by_status["a_valider"][:2]]
    draft = by_status["brouillon"][0]
    when = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)

    result = set_status(copy, to_publish + [draft.id()], PUBLIE, "agent.amiens", when)

    assert result.changed == to_publish
    assert result.refused == [f"« {draft['nom']} » ne peut pas passer de « Brouillon » à « Publié » : "
                              "depuis « Brouillon », seulement vers « À valider »."]
    changes = _changes(copy)
    assert set(changes) == set(to_publish)
    assert all(set(c) == {"hdf_statut", "hdf_dernier_editeur", "hdf_date_modification"} and c["hdf_statut"] == "publie"
               for c in changes.values())
    assert copy.getFeature(draft.id())["hdf_statut"] == "brouillon"
    # publié → fermé → publié (réouverture); fermé → à valider is refused
    closing = set_status(copy, to_publish[:1], FERME, "agent.amiens", when)
    assert closing.changed == to_publish[:1]
    refused = set_status(copy, to_publish[:1], A_VALIDER, "agent.amiens", when)
    assert refused.changed == [] and "« Fermé » à « À valider »" in refused.refused[0]
    assert copy.getFeature(to_publish[0])["nom"] in refused.refused[0]
    assert set_status(copy, to_publish[:1], PUBLIE, "agent.amiens", when).changed == to_publish[:1]
    assert set_status(copy, to_publish[:1], PUBLIE, "agent.amiens", when).unchanged == to_publish[:1]
    copy.rollBack()


def test_layer_actions_use_the_selection(demo_copy, memory_layers):
    from mednum.ui.freshness_actions import action_names, apply_action, install_freshness_actions, result_message, target_fids

    lieux = demo_copy("lieux")
    copy = _memory_copy(lieux, memory_layers)
    install_freshness_actions(None, copy)
    install_freshness_actions(None, copy)
    names = [a.name() for a in copy.actions().actions()]
    assert sorted(names) == sorted(action_names().values())
    validating = [f.id() for f in copy.getFeatures() if f["hdf_statut"] == "a_valider"][:3]
    copy.selectByIds(validating)
    assert target_fids(copy, validating[1]) == sorted(validating)
    outside = next(f.id() for f in copy.getFeatures() if f.id() not in validating)
    assert target_fids(copy, outside) == [outside]
    result = apply_action(copy, target_fids(copy, validating[0]), "publier", editor="agent")
    assert result.changed == sorted(validating)
    text, _level = result_message("publier", result)
    assert text.startswith("3 lieu(x) passé(s) à « Publié ».")
    copy.rollBack()


def test_confirm_then_save_sends_only_date_maj_through_the_session(wfs_server, journal):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from servers import USERS, basic_authcfg

    from mednum.core.editing import open_session
    from mednum.core.sync import APPLIED
    from mednum.core.wfs import WfsClient

    server = wfs_server(users=USERS)
    session = open_session(WfsClient(server.url, authcfg=basic_authcfg("alice", USERS["alice"]["password"])), "lieux", journal,
                           editor="alice")
    stale = server.rows("date_maj < ? ORDER BY fid LIMIT 1", ("2025-01-01",))[0]
    fid = next(f.id() for f in session.layer.getFeatures() if f["id"] == stale["id"])
    today = date.today()
    confirm_unchanged(session.layer, [fid], today, "alice")
    result = session.save()
    assert [o.status for o in result.report.outcomes] == [APPLIED], result.messages
    assert [sorted(o.change.values) for o in result.report.outcomes] == [["date_maj"]]
    row = server.by_id(stale["id"])[0]
    assert row["date_maj"] == today.isoformat() and row["hdf_dernier_editeur"] == "alice"
    assert {k: v for k, v in row.items() if k not in ("date_maj", "hdf_dernier_editeur", "hdf_date_modification", "hdf_version")} == {
        k: v for k, v in stale.items() if k not in ("date_maj", "hdf_dernier_editeur", "hdf_date_modification", "hdf_version")}


# ---------------------------------------------------------------------------- sous les radars
@pytest.mark.parametrize("file_name", ["cartographie-nationale.csv", "cartographie-nationale.geojson"])
def test_sous_les_radars_finds_exactly_the_absent_places(processing_ready, demo_copy, tmp_path, file_name):
    lieux = demo_copy("lieux")
    result = _run(SousLesRadars, {"BASE": lieux, "EXTERNE": str(RADARS / file_name), "ECARTES": str(tmp_path / "radars.sqlite"),
                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    out = result["OUTPUT"]
    assert result["SOURCE"] == "cartographie-nationale"
    assert [f["cle_externe"] for f in out.getFeatures()] == EXPECTED_ABSENT
    assert (result["NB_ABSENTS"], result["NB_PRESENTS"], result["NB_EXTERNES"], result["NB_ECARTES"]) == (7, 10, 17, 0)
    by_key = {f["cle_externe"]: f for f in out.getFeatures()}
    assert by_key["cn-0012"]["lieu_proche"] == "Médiathèque L'Îlot" and 40 < by_key["cn-0012"]["score_max"] < 70
    assert by_key["cn-0016"]["lieu_proche"] == "Accueil numérique de Trosly-Breuil" and by_key["cn-0016"]["score_max"] == pytest.approx(67.2)
    assert "sous le seuil de 70 %" in by_key["cn-0016"]["motif"]
    assert _is_null(by_key["cn-0011"]["score_max"]) and _is_null(by_key["cn-0011"]["lieu_proche"])
    assert by_key["cn-0011"]["motif"] == "Aucun lieu de la base dans la même commune ni à proximité."
    assert by_key["h:4d871fcded496702"]["nom"] == "Café associatif Le Clic"
    assert by_key["cn-0017"]["lieu_proche"] == "Association Bits de Cœur" and by_key["cn-0017"]["pivot"] != "00000000000000"
    assert out.crs().authid() == "EPSG:2154" and all(not f.geometry().isEmpty() for f in out.getFeatures())
    lieu = next(f for f in lieux.getFeatures() if f["id"].startswith("0403faea"))
    moved = by_key["cn-0016"].geometry().asPoint()
    assert 59 < moved.distance(lieu.geometry().asPoint()) < 61


def test_dismissed_places_stay_out_of_later_runs_until_undone(processing_ready, demo_copy, tmp_path):
    lieux = demo_copy("lieux")
    store = tmp_path / "profil" / "mednum" / "radars.sqlite"
    parameters = {"BASE": lieux, "EXTERNE": str(RADARS / "cartographie-nationale.csv"), "ECARTES": str(store), "OUTPUT": "TEMPORARY_OUTPUT"}
    first = _run(SousLesRadars, parameters)
    assert first["NB_ABSENTS"] == 7
    with Dismissals(store) as dismissals:
        dismissals.dismiss(first["SOURCE"], "cn-0016", "déjà dans la base (déplacé de 60 m)", "agent.oise")

    with Dismissals(store) as reopened:  # a new instance on the same file: remembered
        assert reopened.is_dismissed("cartographie-nationale", "cn-0016")
    second = _run(SousLesRadars, parameters)
    assert [f["cle_externe"] for f in second["OUTPUT"].getFeatures()] == [k for k in EXPECTED_ABSENT if k != "cn-0016"]
    assert (second["NB_ABSENTS"], second["NB_ECARTES"]) == (6, 1)
    shown = _run(SousLesRadars, dict(parameters, INCLURE_ECARTES=True))
    flags = {f["cle_externe"]: f["ecarte"] for f in shown["OUTPUT"].getFeatures()}
    assert list(flags) == EXPECTED_ABSENT and flags["cn-0016"] is True and flags["cn-0011"] is False
    # the same file under another source name: not dismissed there
    other = _run(SousLesRadars, dict(parameters, SOURCE="partenaire"))
    assert other["NB_ABSENTS"] == 7

    with Dismissals(store) as again:
        assert again.undo("cartographie-nationale", "cn-0016")
    third = _run(SousLesRadars, parameters)
    assert [f["cle_externe"] for f in third["OUTPUT"].getFeatures()] == EXPECTED_ABSENT


def test_dismiss_from_the_result_layer(processing_ready, demo_copy, tmp_path):
    from mednum.core.radars import PROP_DISMISSALS
    from mednum.ui.freshness_actions import dismiss_features, install_radar_actions

    lieux = demo_copy("lieux")
    store = tmp_path / "radars.sqlite"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = _run(SousLesRadars, {"BASE": lieux, "EXTERNE": str(RADARS / "cartographie-nationale.geojson"), "ECARTES": str(store),
                               "OUTPUT": "TEMPORARY_OUTPUT"}, context)["OUTPUT"]
    out.setCustomProperty(PROP_DISMISSALS, str(store))
    install_radar_actions(out)
    assert len(out.actions().actions()) == 2
    fid = next(f.id() for f in out.getFeatures() if f["cle_externe"] == "cn-0015")
    assert dismiss_features(out, [fid], "homonyme d'un lieu de Bohain", "agent") == 1
    with Dismissals(store) as dismissals:
        assert [(d.external_key, d.reason) for d in dismissals.list("cartographie-nationale")] == [("cn-0015", "homonyme d'un lieu de Bohain")]
    assert dismiss_features(out, [fid], undo=True) == 1


def test_sous_les_radars_reads_a_data_inclusion_file(processing_ready, demo_copy, tmp_path):
    """A data·inclusion v1 structures JSON is read through the partner import (when it is there)."""
    pytest.importorskip("mednum.core.imports")
    data_inclusion = pytest.importorskip("mednum.core.data_inclusion")
    from mednum.core.io_standard import read_lieux

    rows = read_lieux(RADARS / "cartographie-nationale.csv").rows
    path = tmp_path / "structures.json"
    data_inclusion.write_json(data_inclusion.to_structures(rows, "carto"), path)
    lieux = demo_copy("lieux")
    result = _run(SousLesRadars, {"BASE": lieux, "EXTERNE": str(path), "ECARTES": str(tmp_path / "r.sqlite"), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert result["NB_EXTERNES"] == 17 and result["SOURCE"] == "structures"
    absent = {f["nom"]: f["cle_externe"] for f in result["OUTPUT"].getFeatures()}
    by_id = {row["id"] or "h:4d871fcded496702": row["nom"] for row in rows}
    assert {by_id[key] for key in EXPECTED_ABSENT} <= set(absent)
    found_by_rule = ("cn-0001", "cn-0002", "cn-0003", "cn-0004", "cn-0007", "cn-0008", "cn-0009", "cn-0010")
    assert not {by_id[key] for key in found_by_rule} & set(absent)
    assert absent["Médiathèque Jules-Verne"] == "data-inclusion:carto--cn-0012"  # the structure's id: a stable key


def test_reference_date_from_the_dialog_or_the_command_line(qgis_app):
    from qgis.core import QgsProcessingException
    from qgis.PyQt.QtCore import QDateTime, QTime

    from mednum.processing.alg_fraicheur import reference_date

    assert reference_date("2026-06-30") == reference_date(QDate(2026, 6, 30)) == REFERENCE
    assert reference_date(QDateTime(QDate(2026, 6, 30), QTime(23, 0))) == REFERENCE
    assert reference_date(None) == reference_date("") == reference_date(QDate()) == date.today()
    with pytest.raises(QgsProcessingException, match="Date de référence « 30/06/2026 » illisible"):
        reference_date("30/06/2026")
