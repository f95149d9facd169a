"""Freshness classes, the validation workflow and « sous les radars » matching, in pure Python."""

from __future__ import annotations

import hashlib
import sys
from datetime import date

import pytest

from mednum.core.freshness import (
    A_JOUR,
    A_VALIDER,
    A_VERIFIER,
    BROUILLON,
    FERME,
    PUBLIE,
    SANS_DATE,
    STATUS_FLOW,
    TRANSITIONS,
    age_months,
    as_day,
    classify,
    freshness_class,
    is_allowed,
    months_before,
    summary,
    transition_error,
)
from mednum.core.radars import (
    BY_EXTERNAL_ID,
    BY_ID,
    BY_RULE,
    BY_SIRET,
    Dismissals,
    compare,
    default_source_id,
    external_key,
    mark_dismissed,
    match_external,
)

TODAY = date(2026, 11, 29)


# ---------------------------------------------------------------------------- ages and classes
def test_age_in_whole_months():
    assert age_months("2026-11-29", TODAY) == 0
    assert age_months("2026-10-29", TODAY) == 1
    assert age_months("2026-10-30", TODAY) == 0
    assert age_months("2025-11-29", TODAY) == 12
    assert age_months("2025-11-30", TODAY) == 11
    assert age_months(date(2020, 1, 1), TODAY) == 82
    assert age_months("2027-01-01", TODAY) == 0  # a date in the future counts as fresh
    assert age_months("", TODAY) is None and age_months(None, TODAY) is None and age_months("pas une date", TODAY) is None


def test_age_at_month_ends():
    # the month before 28 February starts on 28 January (months_before): 31 January is not a month old yet
    assert age_months("2026-01-28", date(2026, 2, 28)) == 1
    assert age_months("2026-01-31", date(2026, 2, 28)) == 0
    assert age_months("2026-01-31", date(2026, 3, 1)) == 1
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)


def test_classes_at_the_boundary():
    # à vérifier = updated strictly before the same day N months ago (as the search panel's criterion)
    assert classify("2025-11-29", TODAY, 12) == A_JOUR
    assert classify("2025-11-28", TODAY, 12) == A_VERIFIER
    assert classify("2026-05-29", TODAY, 6) == A_JOUR
    assert classify("2026-05-28", TODAY, 6) == A_VERIFIER
    assert classify("", TODAY) == SANS_DATE and classify(None, TODAY) == SANS_DATE
    assert freshness_class({"date_maj": "2026-11-01"}, TODAY) == A_JOUR
    assert freshness_class({"nom": "sans champ date"}, TODAY) == SANS_DATE
    assert as_day("2026-02-30") is None


def test_summary_per_departement_and_epci():
    rows = [{"code_insee": "59350", "date_maj": "2026-10-01"}, {"code_insee": "59350", "date_maj": "2024-01-01"},
            {"code_insee": "62041", "date_maj": ""}, {"code_insee": "97411", "date_maj": "2020-01-01"},
            {"code_insee": "", "code_postal": "80000", "date_maj": "2026-01-01"}]
    by_dep = {s.code: s for s in summary(rows, TODAY)}
    assert set(by_dep) == {"59", "62", "80", "974"}
    assert (by_dep["59"].lieux, by_dep["59"].a_jour, by_dep["59"].a_verifier, by_dep["59"].part_a_verifier) == (2, 1, 1, 50.0)
    assert by_dep["62"].sans_date == 1 and by_dep["62"].part_a_verifier == 0.0
    epci = {"59350": ("200093201", "Métropole Européenne de Lille")}
    by_epci = {s.code: s for s in summary(rows, TODAY, "epci", epci_of=epci)}
    assert by_epci["200093201"].name == "Métropole Européenne de Lille" and by_epci["200093201"].lieux == 2
    assert by_epci[""].lieux == 3  # communes without a known EPCI
    overall = summary(rows, TODAY, "ensemble")
    assert len(overall) == 1 and overall[0].lieux == 5 and overall[0].a_verifier == 2
    with pytest.raises(ValueError):
        summary(rows, TODAY, "epci")


# ---------------------------------------------------------------------------- workflow
@pytest.mark.parametrize(("current", "new"), [(BROUILLON, A_VALIDER), (A_VALIDER, PUBLIE), (A_VALIDER, BROUILLON), (PUBLIE, FERME),
                                              (FERME, PUBLIE), (PUBLIE, A_VALIDER), ("", A_VALIDER), (PUBLIE, PUBLIE)])
def test_allowed_transitions(current, new):
    assert is_allowed(current, new)
    assert transition_error(current, new, "Médiathèque") is None


@pytest.mark.parametrize(("current", "new"), [(BROUILLON, PUBLIE), (BROUILLON, FERME), (A_VALIDER, FERME), (FERME, A_VALIDER),
                                              (FERME, BROUILLON), (PUBLIE, BROUILLON)])
def test_refused_transitions_name_the_lieu(current, new):
    message = transition_error(current, new, "Médiathèque L'Escale")
    assert message is not None and not is_allowed(current, new)
    assert message.startswith("« Médiathèque L'Escale » ne peut pas passer de ")
    assert "seulement vers" in message


def test_transition_messages_are_french_and_exact():
    assert transition_error(BROUILLON, PUBLIE, "Espace Lille") == (
        "« Espace Lille » ne peut pas passer de « Brouillon » à « Publié » : depuis « Brouillon », seulement vers « À valider ».")
    assert transition_error(FERME, BROUILLON, "X") == (
        "« X » ne peut pas passer de « Fermé » à « Brouillon » : depuis « Fermé », seulement vers « Publié ».")
    assert transition_error(PUBLIE, "archive", "X") == "Statut « archive » inconnu : brouillon, a_valider, publie ou ferme."
    assert "statut inconnu (« supprime »)" in transition_error("supprime", PUBLIE, "X")


def test_every_status_has_a_way_out_and_the_flow_is_reachable():
    assert set(TRANSITIONS) == set(STATUS_FLOW)
    reached, todo = {BROUILLON}, [BROUILLON]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    assert reached == set(STATUS_FLOW)


# ---------------------------------------------------------------------------- sous les radars
BASE = [
    ({"id": "b1", "nom": "Médiathèque Jean-Moulin", "adresse": "12 rue de la République", "code_insee": "80021", "typologie": "BIB",
      "pivot": "21800021600011", "hdf_id_externes": "carto:ext-9|siilab:12|ban:80021_0001"}, (650000.0, 6980000.0)),
    ({"id": "b2", "nom": "France Services d'Albert", "adresse": "1 place Emile Leturcq", "code_insee": "80016", "typologie": "RFS",
      "pivot": "00000000000000"}, (670000.0, 6990000.0)),
]


def test_external_keys_are_stable():
    assert external_key({"id": " cn-42 ", "nom": "X"}) == "cn-42"
    row = {"nom": "Café Le Clic", "code_insee": "80016", "adresse": "5 rue Gambetta", "commune": "Albert"}
    key = external_key(row)
    # a SHA-1 of « normalised name | code INSEE | normalised address »: the same on every run and machine
    assert key == "h:25fc5148d85c1ca7" == "h:" + hashlib.sha1(b"cafe clic|80016|5 rue gambetta").hexdigest()[:16]
    # case, accents, punctuation and abbreviations do not change it; the commune does
    assert external_key({"nom": "CAFE LE CLIC", "code_insee": "80016", "adresse": "5, r. Gambetta"}) == key
    assert external_key(dict(row, code_insee="80021")) != key
    # no id: the first identifying external id (data·inclusion rows), never an address key
    assert external_key(dict(row, hdf_id_externes="ban:80016_1234_00005|data-inclusion:carto--cn-1")) == "data-inclusion:carto--cn-1"
    assert external_key(dict(row, hdf_id_externes="ban:80016_1234_00005")) == key
    # without INSEE code, the commune's name is used
    assert external_key({"nom": "A", "commune": "Saint-Omer"}) == external_key({"nom": "a", "commune": "St Omer"})


def test_external_key_hash_does_not_depend_on_the_interpreter_hash_seed():
    import subprocess

    code = ("from mednum.core.radars import external_key; "
            "print(external_key({'nom': 'Café Le Clic', 'code_insee': '80016', 'adresse': '5 rue Gambetta'}))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": seed,
                              "PYTHONPATH": ":".join(sys.path)}).stdout.strip() for seed in ("1", "2")}
    assert len(outputs) == 1 and next(iter(outputs)).startswith("h:")


def test_radar_matches_by_id_external_id_siret_and_rule():
    external = [
        ({"id": "b2", "nom": "Tout autre nom", "code_insee": "59350"}, None),  # same id
        ({"id": "ext-9", "nom": "Autre", "code_insee": "80021"}, None),  # listed as carto:ext-9 in b1
        ({"id": "12", "nom": "Autre", "source": "SIILAB", "code_insee": "80021"}, None),  # siilab:12, from the row's own source
        ({"id": "x1", "nom": "Médiathèque Jean-Moulin (annexe)", "pivot": "218 000 216 00011", "code_insee": "80021"},
         (651000.0, 6980000.0)),  # same SIRET, close name
        ({"id": "x2", "nom": "Mediatheque Jean Moulin", "adresse": "12 r. de la Republique", "code_insee": "80021", "typologie": "BIB"},
         (650010.0, 6980010.0)),  # the national rule
        ({"id": "x3", "nom": "Ludothèque", "adresse": "3 rue Neuve", "code_insee": "80021", "typologie": "BIB"},
         (652000.0, 6981000.0)),  # absent, a candidate in the commune
        ({"id": "x4", "nom": "Médiathèque Jean-Moulin", "adresse": "12 rue de la République", "code_insee": "62041",
          "pivot": "21800021600011"}, (700000.0, 7000000.0)),  # same SIRET, other commune, far: absent
        ({"id": "x5", "nom": "Piscine municipale", "adresse": "8 boulevard Faidherbe", "code_insee": "80021",
          "pivot": "21800021600011"}, (653000.0, 6982000.0)),  # same SIRET (the town's), nothing else alike: absent
    ]
    matches = match_external(BASE, external, "carto")
    assert [m.how for m in matches] == [BY_ID, BY_EXTERNAL_ID, BY_EXTERNAL_ID, BY_SIRET, BY_RULE, None, None, None]
    assert matches[4].lieu["id"] == "b1" and matches[4].best.score >= 70
    absent = compare(BASE, external, "carto")
    assert [a.key for a in absent] == ["x3", "x4", "x5"]
    assert absent[0].best is not None and absent[0].best.lieu_id == "b1" and absent[0].score < 70
    assert "Médiathèque Jean-Moulin" in absent[0].motif() and "sous le seuil de 70 %" in absent[0].motif()
    assert absent[1].best is None and absent[1].motif() == "Aucun lieu de la base dans la même commune ni à proximité."
    # another source does not use carto: identifiers; a source name is matched as its slug
    assert [m.how for m in match_external(BASE, external[1:2], "autre")] == [None]
    assert [m.how for m in match_external(BASE, external[1:2], "Carto")] == [BY_EXTERNAL_ID]
    shared = ({"nom": "Autre", "hdf_id_externes": "siilab:12|ban:80021_0001"}, None)
    assert [m.how for m in match_external(BASE, [shared], "autre")] == [BY_EXTERNAL_ID]
    assert [m.how for m in match_external(BASE, [({"nom": "Autre", "hdf_id_externes": "ban:80021_0001"}, None)], "x")] == [None]
    assert compare(BASE, [({"nom": "Nulle part"}, None)], "carto")[0].motif() == (
        "Ni commune (code INSEE) ni position : comparaison impossible avec la base.")


def test_dismissals_are_remembered_across_instances(tmp_path):
    path = tmp_path / "mednum" / "radars.sqlite"
    first = Dismissals(path)
    first.dismiss("carto", "x3", "pas un lieu de médiation", "agent.amiens")
    assert first.is_dismissed("carto", "x3") and not first.is_dismissed("autre", "x3")
    first.close()
    with Dismissals(path) as again:
        assert [(d.source, d.external_key, d.reason, d.who) for d in again.list()] == [
            ("carto", "x3", "pas un lieu de médiation", "agent.amiens")]
        absent = mark_dismissed(compare(BASE, [({"id": "x3", "nom": "Ludothèque", "code_insee": "80021"}, None)], "carto"), again, "carto")
        assert absent[0].dismissed
        assert again.undo("carto", "x3") and not again.undo("carto", "x3")
        assert again.list("carto") == []


def test_default_source_ignores_the_export_date():
    assert default_source_id("/tmp/2026-11-01_cartographie-nationale.csv") == "cartographie-nationale"
    assert default_source_id("partenaire.geojson") == "partenaire"


def test_freshness_and_radars_run_without_qgis(tmp_path):
    """Both modules import on a bare interpreter (no site-packages, hence no QGIS)."""
    import subprocess
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    (tmp_path / "mednum").symlink_to(repo, target_is_directory=True)
    code = (f"import sys; sys.path.insert(0, {str(tmp_path)!r}); "
            "from mednum.core.freshness import classify; from mednum.core.radars import Dismissals, compare; "
            "assert not [m for m in sys.modules if m.startswith(('qgis', 'PyQt'))], 'QGIS importé'; "
            f"d = Dismissals({str(tmp_path / 'r.sqlite')!r}); d.dismiss('s', 'k'); print(classify('2020-01-01'), d.is_dismissed('s', 'k'))")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "à vérifier True"
