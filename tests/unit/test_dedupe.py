"""The national deduplication rule (mednum-cli find-duplicates), as the plugin applies it."""

from __future__ import annotations

from mednum.core.dedupe import compare, distance_score, find_duplicates, normalize, ratio, typologies_compatible

BASE = {"id": "a", "nom": "Médiathèque Jean-Moulin", "adresse": "12 rue de la République", "code_insee": "80021",
        "typologie": "BIB"}


def test_normalize_drops_accents_stop_words_and_expands_abbreviations():
    assert normalize("Médiathèque de l'Hôtel-de-Ville, 3 av. du Général") == "mediatheque hotel ville 3 avenue general"


def test_ratio_ignores_word_order_and_case():
    assert ratio("Espace numérique CCAS", "ccas espace NUMERIQUE") == 100.0
    assert ratio("Mairie", "") == 0.0
    assert 40 < ratio("Médiathèque Jean-Moulin", "Médiathèque Jean Jaurès") < 90


def test_distance_score_follows_the_national_formula():
    assert distance_score(5) == 100.0
    assert distance_score(39.9) == 100.0
    assert distance_score(99) == 1.0  # 100 / (99 + 1)
    assert distance_score(None) == 0.0


def test_typologies_compatible_as_nationally():
    assert typologies_compatible("BIB", "BIB|MUNI")
    assert typologies_compatible("", "CCAS")
    assert typologies_compatible("RFS", "PIMMS")
    assert not typologies_compatible("BIB", "CCAS")


def test_same_lieu_typed_again_is_found():
    again = dict(BASE, id="b", nom="Mediatheque Jean Moulin", adresse="12 r. de la Republique")
    candidate = compare(again, (650000, 6980000), BASE, (650010, 6980005), key=7)
    assert candidate is not None and candidate.key == 7 and candidate.score >= 90
    assert "même commune (80021)" in candidate.message() and "Médiathèque Jean-Moulin" in candidate.message()


def test_different_lieux_of_a_commune_are_not_duplicates():
    other = dict(BASE, id="b", nom="Centre social Étouvie", adresse="4 place de l'Europe", typologie="CS")
    assert compare(other, (650000, 6980000), BASE, (652000, 6981000)) is None
    incompatible = dict(BASE, id="c", typologie="CCAS")
    assert compare(incompatible, (650000, 6980000), BASE, (652000, 6981000)) is None


def test_a_point_a_few_metres_away_is_reported_whatever_its_commune():
    elsewhere = dict(BASE, id="b", nom="Point numérique", code_insee="80001", typologie="CCAS")
    candidate = compare(elsewhere, (650000, 6980000), BASE, (650003, 6980004))
    assert candidate is not None and candidate.distance == 5.0 and "à 5 m" in candidate.message()


def test_same_id_is_never_its_own_duplicate_and_results_are_sorted():
    assert compare(BASE, (0, 0), BASE, (0, 0)) is None
    others = [(1, dict(BASE, id="x", nom="Médiathèque"), (650020, 6980000)),
              (2, dict(BASE, id="y"), (650000, 6980000)),
              (3, dict(BASE, id="z", nom="Autre chose", adresse="ailleurs", code_insee="59350"), (700000, 7000000))]
    found = find_duplicates(dict(BASE, id="new"), (650000, 6980000), others)
    assert [c.key for c in found] == [2, 1]
