"""The printable sheet of a lieu: content as a person reads it, user text escaped, completeness."""

from __future__ import annotations

import html.parser

import pytest

from mednum.core.completeness import RECOMMENDED_FIELDS, completeness

ROW = {
    "id": "1", "nom": "Espace <script>alert(1)</script> numérique", "typologie": "BIB|MUNI",
    "adresse": "1 place de l'Hôtel de Ville", "code_postal": "80000", "commune": "Amiens",
    "telephone": "+33322000000", "courriels": "contact@example.org|mediation@example.org",
    "site_web": "https://example.org|javascript:alert(1)", "horaires": "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
    "services": "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
    "frais_a_charge": "Gratuit", "hdf_aptic": "true", "source": "Géo2France", "date_maj": "2026-11-02",
}


def test_completeness_counts_the_recommended_fields():
    assert completeness({}) == 0
    assert completeness({name: "x" for name in RECOMMENDED_FIELDS}) == 100
    assert completeness(ROW) == round(100 * 7 / len(RECOMMENDED_FIELDS))


def test_fiche_reads_like_a_sheet_and_escapes_user_text():
    pytest.importorskip("mednum.core.opening_hours")
    from mednum.core.fiche import render_fiche

    page = render_fiche(ROW)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page  # only http(s) links are clickable
    assert "Cette fiche est remplie à 47 %" in page
    assert "1 place de l&#x27;Hôtel de Ville, 80000 Amiens" in page
    assert '<a href="mailto:mediation@example.org">' in page
    assert "<b>Démarches</b> : Aide aux démarches administratives" in page
    assert "<b>Apprentissage</b> : Maîtrise des outils numériques du quotidien" in page
    assert "Chèques APTIC acceptés" in page
    assert "Source : Géo2France — mise à jour le 2026-11-02" in page
    assert "Lundi" in page  # opening hours in plain French
    parser = html.parser.HTMLParser()
    parser.feed(page)  # well-formed enough to parse


def test_fiche_without_services_says_so():
    pytest.importorskip("mednum.core.opening_hours")
    from mednum.core.fiche import render_fiche

    assert "Ce lieu n’accueille pas de public." in render_fiche({"nom": "Mairie"})
