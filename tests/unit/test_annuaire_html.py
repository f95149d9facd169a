"""The annuaire's pure parts: filters, French order, entries, HTML (escaped, anchors), pagination.

No QGIS: ``python -P -m pytest tests/unit/test_annuaire_html.py -p no:qgis -q``.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re

import pytest

from mednum.core import annuaire as an
from mednum.core.annuaire import Options, Slice, collect, paginate, render_html, sort_key, toc_layout

TITLE = "Annuaire des lieux de médiation numérique"
DAY = dt.date(2026, 3, 1)


def lieu(nom: str, commune: str = "Amiens", code_insee: str = "80021", **fields: str) -> dict[str, str]:
    """A published lieu (row of texts) with a few defaults."""
    row = {"id": nom.lower(), "nom": nom, "commune": commune, "code_insee": code_insee, "code_postal": "80000",
           "adresse": "1 rue de la Gare", "services": "Aide aux démarches administratives", "hdf_statut": "publie"}
    row.update(fields)
    return row


def names(groups) -> list[str]:
    return [g.name for g in groups]


class _Anchors(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.toc, self.sections, self.headings, self.tags, self._in_nav, self._h2 = [], [], [], [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "nav":
            self._in_nav = True
        if tag == "a" and self._in_nav:
            self.toc.append(attrs["href"])
        if tag == "section":
            self.sections.append(attrs["id"])
        if tag == "h2" and not self._in_nav:
            self._h2 = []

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        if tag == "h2" and self._h2 is not None:
            self.headings.append("".join(self._h2))
            self._h2 = None

    def handle_data(self, data):
        if self._h2 is not None:
            self._h2.append(data)


# --- French order --------------------------------------------------------------------------------

def test_communes_in_french_alphabetical_order():
    communes = ["Fressenneville", "Saint-Quentin", "Lille", "Écuires", "Sainte-Marie", "Le Crotoy", "Dury", "Lens",
                "Saint-Omer", "Laon", "St-Pol-sur-Ternoise", "Œuilly", "Noyon", "Ognes"]
    rows = [lieu(f"Lieu de {c}", c, f"{80100 + i}") for i, c in enumerate(communes)]
    assert names(collect(rows)) == ["Dury", "Écuires", "Fressenneville", "Laon", "Le Crotoy", "Lens", "Lille", "Noyon", "Œuilly",
                                    "Ognes", "Saint-Omer", "St-Pol-sur-Ternoise", "Saint-Quentin", "Sainte-Marie"]


def test_sort_key_ignores_accents_case_and_punctuation_then_breaks_ties():
    assert sort_key("Dury") < sort_key("Écuires") < sort_key("Fressenneville")
    assert sort_key("Saint-Omer") < sort_key("Saint-Quentin") < sort_key("Saint Quentin de la Mer") < sort_key("Sainte-Anne")
    assert sort_key("Espace 2") < sort_key("Espace 10")
    assert sort_key("Cote")[0] == sort_key("Côte")[0] and sort_key("Cote") < sort_key("Côte")
    assert sorted(["L'Isle-Adam", "Laon", "Lille"], key=sort_key) == ["L'Isle-Adam", "Laon", "Lille"]


def test_lieux_alphabetical_within_a_commune_and_one_group_per_code():
    rows = [lieu("Zèbre numérique"), lieu("atelier du coin", commune="AMIENS"), lieu("Échange", code_insee=""), lieu("Espace 10"),
            lieu("Espace 2"), lieu("Point relais", commune="Abbeville", code_insee="80001"), lieu("Sans commune", "", "")]
    groups = collect(rows)
    assert names(groups) == ["Abbeville", "Amiens", "Commune non précisée"]
    assert [e.name for e in groups[1].entries] == ["atelier du coin", "Échange", "Espace 2", "Espace 10", "Zèbre numérique"]
    assert [g.anchor for g in groups] == ["commune-80001", "commune-80021", "commune-n3"]


# --- filters -------------------------------------------------------------------------------------

ROWS = [
    lieu("Publié démarches"),
    lieu("Brouillon", hdf_statut="brouillon"),
    lieu("Fermé", hdf_statut="ferme"),
    lieu("Matériel", services="Accès internet et matériel informatique"),
    lieu("France Services", dispositif_programmes_nationaux="France Services|Aidants Connect"),
    lieu("Aptic", hdf_aptic="true"),
    lieu("Pass", hdf_pass_numerique="1"),
    lieu("Saint-Quentin", commune="Saint-Quentin", code_insee="02691"),
    lieu("Lille", commune="Lille", code_insee="59350", hdf_aptic="true"),
]


def kept(options: Options) -> list[str]:
    return sorted(e.name for g in collect(ROWS, options) for e in g.entries)


def test_only_published_lieux_by_default():
    assert "Brouillon" not in kept(Options()) and "Fermé" not in kept(Options())
    assert len(kept(Options())) == 7 and len(kept(Options(published_only=False))) == 9


def test_filter_by_service_any_of():
    assert kept(Options(services=("Accès internet et matériel informatique",))) == ["Matériel"]
    both = Options(services=("Accès internet et matériel informatique", "Aide aux démarches administratives"))
    assert len(kept(both)) == 7


def test_filter_by_label_aptic_and_pass():
    assert kept(Options(labels=("France Services",))) == ["France Services"]
    assert kept(Options(labels=(an.LABEL_APTIC,))) == ["Aptic", "Lille"]
    assert kept(Options(labels=(an.LABEL_PASS, "France Services"))) == ["France Services", "Pass"]
    assert kept(Options(labels=("Conseillers numériques",))) == []


def test_filter_by_territory():
    assert kept(Options(insee_prefixes=("02",))) == ["Saint-Quentin"]
    assert kept(Options(insee_prefixes=("02", "59"))) == ["Lille", "Saint-Quentin"]
    assert kept(Options(communes=("saint quentin",))) == ["Saint-Quentin"]
    assert kept(Options(insee_prefixes=("59",), labels=(an.LABEL_APTIC,))) == ["Lille"]  # filters combine with AND
    assert an.parse_territory("80, 02408 ; Saint-Quentin, 2A") == (("80", "02408", "2A"), ("Saint-Quentin",))


def test_label_choices_start_with_aptic_and_pass_then_the_standard():
    choices = an.label_choices()
    assert choices[:2] == ["APTIC", "Pass numérique"]
    assert {"France Services", "Conseillers numériques", "Aidants Connect", "Étapes numériques (La Poste)"} <= set(choices)
    assert len(choices) == len(set(choices))


# --- entries and HTML ------------------------------------------------------------------------------

HOURS = [
    ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
     "Lundi–vendredi 9 h–12 h, 14 h–17 h ; samedi 9 h–12 h ; fermé les jours fériés"),
    ("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off",
     "Lundi–vendredi 9 h–12 h, 14 h–17 h 30 ; samedi 9 h–12 h ; fermé les jours fériés"),
    ("24/7", "Ouvert 24 h/24, 7 j/7"),
    ("Tu,Th 14:00-18:00", "Mardi et jeudi 14 h–18 h"),
    ("Mo-Fr 08:30-12:00 \"sur rendez-vous\"", "Lundi–vendredi 8 h 30–12 h ; sur rendez-vous"),
    ("Mo,We,Fr 14:00-17:30", "Lundi, mercredi et vendredi 14 h–17 h 30"),
    ("Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00", "Lundi–jeudi 8 h 30–12 h, 13 h 30–17 h ; vendredi 8 h 30–12 h"),
    ("Mo-Tu,Th-Fr 09:00-12:00,14:00-17:00; We 09:00-12:00",
     "Lundi, mardi, jeudi et vendredi 9 h–12 h, 14 h–17 h ; mercredi 9 h–12 h"),
    ("Mo-Sa 08:00-19:00; Su 09:00-12:00; PH 09:00-12:00", "Lundi–samedi 8 h–19 h ; dimanche 9 h–12 h ; jours fériés 9 h–12 h"),
    ("Mo-Sa 09:00-19:00; PH unknown", "Lundi–samedi 9 h–19 h ; jours fériés : horaires non précisés"),
    ("off", "Fermé"),
    ("\"sur rendez-vous\"", "Sur rendez-vous"),
    ("Mo-Fr 10:00-18:00; Sa-Su 10:00-19:00", "Lundi–vendredi 10 h–18 h ; samedi et dimanche 10 h–19 h"),
    ("Fr-Sa 20:00-02:00", "Vendredi et samedi 20 h–2 h"),
    ("Mo-Fr 9h-12h,14h-17h30", "Lundi–vendredi 9 h–12 h, 14 h–17 h 30"),
    ("Mo-Fr 00:00-24:00", "Lundi–vendredi 24 h/24"),
    ("Mo-Fr 9-12", "Mo-Fr 9-12"),  # unreadable: shown as typed
    ("week 1-53/2 Fr 09:00-12:00", "week 1-53/2 Fr 09:00-12:00"),
]


@pytest.mark.parametrize(("value", "french"), HOURS)
def test_opening_hours_in_plain_french(value, french):
    entry = an.build_entry(lieu("Horaires", horaires=value))
    assert entry.hours == french
    page = render_html(collect([lieu("Horaires", horaires=value)]), TITLE, "Somme", DAY)
    assert f"<dt>Horaires</dt><dd>{an._e(french)}</dd>" in page


def test_no_hours_line_without_hours():
    assert an.build_entry(lieu("Sans horaires")).hours == ""
    assert "<dt>Horaires</dt>" not in render_html(collect([lieu("Sans horaires")]), TITLE, "Somme", DAY)


FULL = lieu("Espace numérique", adresse="3 place du Marché", complement_adresse="2e étage", code_postal="80100",
            commune="Abbeville", code_insee="80001", telephone="+33322334455",
            courriels="contact@example.org|mediation@example.org", site_web="https://www.example.org/|javascript:alert(1)",
            prise_rdv="https://rdv.example.org/espace",
            services="Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|"
                     "Accès internet et matériel informatique",
            publics_specifiquement_adresses="Seniors|Jeunes", prise_en_charge_specifique="Surdité",
            modalites_accompagnement="Accompagnement individuel|Dans un atelier collectif", frais_a_charge="Gratuit",
            modalites_acces="Se présenter", dispositif_programmes_nationaux="France Services",
            autres_formations_labels="APTIC", hdf_aptic="true", hdf_pass_numerique="true")


def test_entry_reads_like_a_directory_entry():
    page = render_html(collect([FULL]), TITLE, "Somme", DAY)
    assert "<h3>Espace numérique</h3>" in page
    assert '<p class="adresse">3 place du Marché, 2e étage — 80100 Abbeville</p>' in page
    assert '<dt>Téléphone</dt><dd><a href="tel:+33322334455">03 22 33 44 55</a></dd>' in page
    assert '<dt>Courriel</dt><dd><a href="mailto:contact@example.org">contact@example.org</a></dd>' in page
    assert '<a href="mailto:mediation@example.org">mediation@example.org</a>' in page
    assert '<dt>Site</dt><dd><a href="https://www.example.org/">example.org</a></dd>' in page
    assert '<dd>javascript:alert(1)</dd>' in page and 'href="javascript' not in page
    assert '<a href="https://rdv.example.org/espace">rdv.example.org/espace</a>' in page
    assert "<dt>Apprentissage</dt><dd>Maîtrise des outils numériques du quotidien</dd>" in page
    assert "<dt>Démarches</dt><dd>Aide aux démarches administratives</dd>" in page
    assert "<dt>Matériel</dt><dd>Accès internet et matériel informatique</dd>" in page
    assert page.index("<dt>Apprentissage</dt>") < page.index("<dt>Démarches</dt>") < page.index("<dt>Matériel</dt>")
    assert "<dt>Publics spécifiquement adressés</dt><dd>Seniors, Jeunes</dd>" in page
    assert "<dt>Prise en charge spécifique</dt><dd>Surdité</dd>" in page
    assert "<dt>Modalités d&#x27;accompagnement</dt><dd>Accompagnement individuel, Dans un atelier collectif</dd>" in page
    assert "<dt>Frais à charge</dt><dd>Gratuit</dd>" in page
    assert "<dt>Dispositifs et labels</dt><dd>France Services, Chèques APTIC acceptés, Pass numérique</dd>" in page


def test_no_public_and_phone_formats():
    entry = an.build_entry(lieu("Siège", services=""))
    assert [(r.title, r.text) for r in entry.rubrics] == [("Services", "Ce lieu n’accueille pas de public.")]
    assert an.format_phone("+33322334455") == an.format_phone("03 22 33 44 55") == "03 22 33 44 55"
    assert an.format_phone("+262262123456") == "+262262123456"


def test_user_text_is_escaped_everywhere():
    script = "<script>alert(1)</script>"
    rows = [lieu(script, commune="Amiens \"centre\" & 'gare'", adresse="<b>1</b> rue \"des Quais\"",
                 courriels="x\"@example.org", horaires="<img src=x onerror=alert(1)>", telephone="<i>03</i>")]
    page = render_html(collect(rows), "Titre <u>", "Somme <em>\"'", DAY, notes=["<s>note</s>"])
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "<u>" not in page and "<em>" not in page and "<s>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Amiens &quot;centre&quot; &amp; &#x27;gare&#x27;" in page
    assert "&lt;b&gt;1&lt;/b&gt; rue &quot;des Quais&quot;" in page
    assert "Somme &lt;em&gt;&quot;&#x27;" in page and "&lt;s&gt;note&lt;/s&gt;" in page
    assert 'href="mailto:x' not in page  # an e-mail with a quote is not a link


def test_toc_anchors_match_the_headings():
    rows = [lieu("A", "Dury", "80261"), lieu("B", "Écuires", "62290"), lieu("C", "Amiens", "80021"), lieu("D", "", ""),
            lieu("E", "Inconnue", "xx")]
    groups = collect(rows)
    parser = _Anchors()
    parser.feed(render_html(groups, TITLE, "Hauts-de-France", DAY))
    assert parser.toc == ["#" + anchor for anchor in parser.sections]
    assert parser.headings == names(groups) == ["Amiens", "Dury", "Écuires", "Inconnue", "Commune non précisée"]
    assert len(set(parser.sections)) == len(parser.sections)
    assert all(re.fullmatch(r"commune-[\w-]+", anchor) for anchor in parser.sections)
    assert "script" not in parser.tags and "link" not in parser.tags


def test_cover_and_self_contained_page():
    rows = [lieu("A", "Dury", "80261", services="Accès internet et matériel informatique"), lieu("B"), lieu("C")]
    page = render_html(collect(rows), TITLE, "Somme", DAY, notes=an.describe_options(Options(services=("Aide aux démarches administratives",))))
    assert f"<h1>{TITLE}</h1>" in page and '<p class="territoire">Somme</p>' in page
    assert "Édition du 1er mars 2026" in page
    assert "3 lieux de médiation numérique dans 2 communes" in page
    assert "<li>Démarches : 2 lieux · Matériel : 1 lieu</li>" in page and "Apprentissage :" not in page
    assert "Lieux publiés uniquement" in page and "Services : Aide aux démarches administratives" in page
    assert "<style>" in page and not re.search(r"<(script|link|img)\b|\bsrc=|@import|url\(", page)


def test_french_dates():
    assert an.format_date_fr(dt.date(2026, 3, 1)) == "1er mars 2026"
    assert an.format_date_fr(dt.date(2026, 8, 15)) == "15 août 2026"


# --- pagination (pure) -----------------------------------------------------------------------------

def test_paginate_keeps_units_whole_and_repeats_the_commune():
    slices = [Slice(0, 40, 50, 0, True), Slice(50, 90, 50, 0, False), Slice(100, 140, 50, 1, True), Slice(150, 190, 50, 1, False),
              Slice(200, 240, 50, 1, False)]
    pages = paginate(slices, body_height=100, continued_height=10)
    assert [(p.first, p.last, p.offset, p.continued) for p in pages] == [(0, 1, 0, -1), (2, 3, 0, -1), (4, 4, 10, 1)]
    pages = paginate(slices, body_height=60, continued_height=15)
    assert [(p.first, p.offset, p.continued) for p in pages] == [(0, 0, -1), (1, 15, 0), (2, 0, -1), (3, 15, 1), (4, 15, 1)]
    assert [(p.first, p.last) for p in paginate(slices, body_height=1000, continued_height=10)] == [(0, 4)]


def test_toc_layout_does_not_depend_on_the_numbers():
    assert [list(r) for r in toc_layout(5, 3, 4)] == [[0, 1, 2], [3, 4]]
    assert [list(r) for r in toc_layout(0, 3, 4)] == [[]]
    assert len(toc_layout(100, 60, 80)) == 2
