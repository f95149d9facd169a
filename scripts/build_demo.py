#!/usr/bin/env python3
"""Construit ``resources/demo/demo.gpkg`` : découpage administratif HdF + lieux FICTIFS.

Outil de mainteneur (``make demo`` ne le lance jamais) : il lit ``hdf_admin.gpkg``
(communes, EPCI, départements, mairies, EPSG:2154), copie les trois couches
administratives et génère ~500 lieux de médiation numérique fictifs, déterministes
(graine fixe), conformes au modèle du plugin, dans la couche ``lieux``.

Usage ::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/build_demo.py \
        [../shared/data/hdf_admin.gpkg] [resources/demo/demo.gpkg]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
try:
    import mednum  # noqa: F401
except ImportError:
    # The repository root is the ``mednum`` package: import it through a symlink.
    _PK = Path(tempfile.gettempdir()) / "mednum_build_demo_pkg"
    _PK.mkdir(exist_ok=True)
    if not (_PK / "mednum").exists():
        (_PK / "mednum").symlink_to(REPO)
    sys.path.insert(0, str(_PK))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from mednum.core.layer import layer_field_specs, memory_layer, qgs_fields  # noqa: E402
from mednum.core.schema import FieldSpec, Model, join_multi, load_model, split_multi  # noqa: E402

SEED = 20260317
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/mednum/demo")
SOURCE = "Données fictives de démonstration (plugin mednum)"
LIEUX_DESCRIPTION = "Lieux FICTIFS de démonstration — ne pas utiliser comme données réelles"
ADMIN_DESCRIPTIONS = {
    "communes": "Communes des Hauts-de-France (IGN ADMIN EXPRESS COG simplifié, INSEE COG 2026, Licence Ouverte)",
    "epci": "EPCI à fiscalité propre des Hauts-de-France (DGCL via @etalab/decoupage-administratif, Licence Ouverte)",
    "departements": "Départements des Hauts-de-France (dissolution des communes, Licence Ouverte)",
}
DATE_MIN = dt.date(2023, 1, 1)
DATE_MAX = dt.date(2026, 11, 1)
NO_PUBLIC_COUNT = 10

DAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
_DAYSEL = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
_RULE = rf"{_DAYSEL}(?:,{_DAYSEL})* {_TIME}-{_TIME}(?:,{_TIME}-{_TIME})*"
OPENING_HOURS = re.compile(rf"^{_RULE}(?:; {_RULE})*(?:; PH off)?$")

HORAIRES_TYPES = (
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Tu-Sa 10:00-12:30,13:30-18:00; PH off",
    "Mo,We,Fr 14:00-17:30",
    "Tu,Th 09:00-12:00; We 14:00-18:00",
    "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00",
    "We 10:00-12:00,14:00-18:00; Sa 10:00-17:00",
    "Tu-Fr 13:30-18:00; Sa 09:00-12:30; PH off",
    "Mo-Fr 08:30-12:00,13:30-17:30; PH off",
)
HORAIRES_BUS = ("Tu,Th 09:30-12:00,13:30-16:30", "Mo,We 09:00-12:00; Fr 14:00-17:00", "Tu-Fr 09:00-16:00; PH off")

RUES = (
    "Rue de la République", "Rue Victor-Hugo", "Avenue Jean-Jaurès", "Rue Jules-Ferry", "Rue Pasteur",
    "Boulevard Gambetta", "Rue du Général-de-Gaulle", "Rue Léon-Blum", "Place du Marché", "Rue des Écoles",
    "Rue de la Gare", "Rue Émile-Zola", "Avenue de la Liberté", "Rue du Moulin", "Rue Jean-Moulin",
    "Rue Roger-Salengro", "Rue Anatole-France", "Rue de Paris", "Rue Louise-Michel", "Allée des Tilleuls",
)
COMPLEMENTS = (
    "Rez-de-chaussée", "1er étage", "Bâtiment B", "Entrée par la cour", "Salle informatique",
    "Dans les locaux de la mairie", "Porte 2", "À côté de l'école",
)
NOMS_MEDIATHEQUE = (
    "Les Tilleuls", "L'Escale", "La Passerelle", "Le Chat Perché", "Les Quatre Vents", "L'Envol", "La Source",
    "Le Colibri", "Les Marronniers", "La Boussole", "L'Îlot", "Le Phare", "La Canopée", "Les Embruns",
)
NOMS_CENTRE_SOCIAL = (
    "du Faubourg", "Les Oyats", "Les Hirondelles", "La Ruche", "L'Arc-en-ciel", "Le Trait d'union",
    "Les Coquelicots", "du Vieux Moulin", "La Courte Échelle", "Les Glycines", "du Beffroi", "La Marelle",
)
NOMS_TIERS_LIEU = (
    "Le Hangar", "La Fabrique", "L'Atelier", "La Filature", "Le Quai", "La Briqueterie", "La Coop'",
    "Le Dock", "La Verrière", "Le Préau", "La Sucrerie", "Le Terril",
)
NOMS_ASSO = (
    "Connexions Solidaires", "Clic & Lien", "Les Amis du Clavier", "Octets Solidaires", "Entraide Numérique",
    "Numérique pour Tous", "Souris Vertes", "Pixels et Compagnie", "Le Fil Numérique", "Bits de Cœur",
)
NOMS_MJC = ("Les Trois Rivières", "La Marelle", "Le Kiosque", "Jacques-Prévert", "L'Horizon", "Le Belvédère")

#: typologie code(s) -> name templates ({commune}, {x} = fictitious proper name).
GENRES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # key: (typologie codes, name templates, name pool)
    "EPN": (("EPN",), ("Espace numérique de {commune}", "Espace public numérique de {commune}",
                       "Cyber-espace de {commune}"), ()),
    "EPN_MUNI": (("EPN", "MUNI"), ("Point numérique de la mairie de {commune}",), ()),
    "MUNI": (("MUNI",), ("Mairie de {commune} – point numérique", "Accueil numérique de {commune}"), ()),
    "BIB": (("BIB",), ("Médiathèque {x}", "Bibliothèque {x}"), NOMS_MEDIATHEQUE),
    "RFS": (("RFS",), ("France Services de {commune}",), ()),
    "CS": (("CS",), ("Centre social {x}",), NOMS_CENTRE_SOCIAL),
    "CSC": (("CSC",), ("Centre socioculturel {x}",), NOMS_CENTRE_SOCIAL),
    "TIERS_LIEUX": (("TIERS_LIEUX",), ("Tiers-lieu {x}",), NOMS_TIERS_LIEU),
    "FABLAB": (("FABLAB", "TIERS_LIEUX"), ("Fablab {x}", "Fablab de {commune}"), NOMS_TIERS_LIEU),
    "CCAS": (("CCAS",), ("CCAS de {commune} – espace numérique",), ()),
    "ASSO": (("ASSO",), ("Association {x}", "{x} – antenne de {commune}"), NOMS_ASSO),
    "PIMMS": (("PIMMS",), ("Point information médiation de {commune}",), ()),
    "LA_POSTE": (("LA_POSTE",), ("Bureau de poste de {commune} – îlot numérique",), ()),
    "MJC": (("MJC",), ("MJC {x}", "MJC de {commune}"), NOMS_MJC),
}
#: Weights of each genre by place in the commune: first lieu of a town, extra lieu of a city, village.
WEIGHTS_FIRST = {"EPN": 5, "EPN_MUNI": 2, "RFS": 4, "BIB": 3, "CCAS": 2, "CS": 1, "MUNI": 1}
WEIGHTS_EXTRA = {"EPN": 2, "BIB": 3, "CS": 3, "CSC": 2, "TIERS_LIEUX": 2, "FABLAB": 1, "ASSO": 3,
                 "PIMMS": 1, "MJC": 2, "CCAS": 1, "LA_POSTE": 1, "RFS": 1}
WEIGHTS_VILLAGE = {"MUNI": 4, "EPN_MUNI": 2, "BIB": 2, "RFS": 2, "ASSO": 1, "LA_POSTE": 1}
#: Services a genre offers first (the others are drawn at random).
SERVICES_PREFERES = {
    "RFS": ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"),
    "MUNI": ("Aide aux démarches administratives", "Accès internet et matériel informatique"),
    "EPN_MUNI": ("Accès internet et matériel informatique", "Aide aux démarches administratives"),
    "EPN": ("Maîtrise des outils numériques du quotidien", "Accès internet et matériel informatique"),
    "BIB": ("Accès internet et matériel informatique", "Loisirs et créations numériques"),
    "CS": ("Aide aux démarches administratives", "Parentalité et éducation avec le numérique"),
    "CSC": ("Parentalité et éducation avec le numérique", "Maîtrise des outils numériques du quotidien"),
    "TIERS_LIEUX": ("Loisirs et créations numériques", "Insertion professionnelle via le numérique"),
    "FABLAB": ("Loisirs et créations numériques", "Compréhension du monde numérique"),
    "CCAS": ("Aide aux démarches administratives", "Utilisation sécurisée du numérique"),
    "ASSO": ("Acquisition de matériel informatique à prix solidaire", "Maîtrise des outils numériques du quotidien"),
    "PIMMS": ("Aide aux démarches administratives", "Utilisation sécurisée du numérique"),
    "LA_POSTE": ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"),
    "MJC": ("Parentalité et éducation avec le numérique", "Loisirs et créations numériques"),
    "BUS": ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"),
}
RESUMES = {
    "RFS": "Guichet France Services (fictif) : accompagnement aux démarches administratives en ligne et "
           "accès à un poste informatique.",
    "MUNI": "La mairie met à disposition un poste informatique et un agent pour aider aux démarches en ligne.",
    "EPN_MUNI": "Point numérique communal : ordinateurs en libre accès et aide ponctuelle aux démarches.",
    "EPN": "Espace public numérique : ateliers d'initiation à l'ordinateur, au smartphone et à internet, "
           "accès libre aux postes.",
    "BIB": "La médiathèque propose des postes en accès libre, une connexion wifi et des ateliers numériques "
           "pour tous les âges.",
    "CS": "Le centre social accompagne les habitants dans leurs usages numériques et leurs démarches en ligne.",
    "CSC": "Ateliers numériques pour les familles, permanences d'aide aux démarches et accès libre aux "
           "ordinateurs.",
    "TIERS_LIEUX": "Tiers-lieu associatif : espace de travail partagé, ateliers de création numérique et "
                   "accompagnement à l'insertion.",
    "FABLAB": "Atelier de fabrication numérique : impression 3D, découpe laser, initiation à la programmation.",
    "CCAS": "Le CCAS accueille les personnes qui ont besoin d'aide pour leurs démarches administratives en ligne.",
    "ASSO": "Association de médiation numérique : ateliers collectifs, accompagnement individuel et "
            "ordinateurs reconditionnés à prix solidaire.",
    "PIMMS": "Point d'information et de médiation : aide aux démarches en ligne (énergie, transport, santé, "
             "emploi).",
    "LA_POSTE": "Îlot numérique en bureau de poste : tablette en libre accès et aide aux démarches courantes.",
    "MJC": "La MJC propose des ateliers numériques pour les jeunes et les familles, et un accès libre aux "
           "ordinateurs.",
    "BUS": "Bus numérique itinérant : il passe dans les communes du territoire pour accompagner les habitants "
           "dans leurs démarches en ligne.",
    "SIEGE": "Siège administratif de l'association : pas d'accueil du public à cette adresse.",
}
DETAILS = (
    "Les ateliers se déroulent en petits groupes de six personnes au maximum. Inscription conseillée.",
    ("Un médiateur numérique vous reçoit sur rendez-vous pour une aide personnalisée (messagerie, "
     "espace personnel, sécurité en ligne). Pensez à apporter vos identifiants."),
    ("Le lieu est accessible aux personnes à mobilité réduite. Des ordinateurs portables peuvent être "
     "prêtés pour les ateliers."),
    "Permanences supplémentaires pendant les vacances scolaires ; programme affiché à l'accueil.",
)
COMMENTAIRES = (
    "Horaires à confirmer avec la structure (données fictives).",
    "Relancer la structure pour la mise à jour annuelle.",
    "Doublon possible avec une autre fiche de la commune, à vérifier.",
)


@dataclass
class Commune:
    """One commune of the admin layer, with its town hall when it has one."""

    code_insee: str
    nom: str
    departement: str
    siren_epci: str
    nom_epci: str
    population: int
    code_postal: str
    geometry: QgsGeometry
    mairie: Optional[QgsPointXY] = None
    mairie_inside: bool = False
    mairie_rue: str = ""
    mairie_horaires: str = ""


@dataclass
class Plan:
    """One lieu to generate: where, what kind, and how it is placed."""

    commune: Commune
    genre: str
    at_mairie: bool
    extras: dict = field(default_factory=dict)


def slugify(text: str, max_length: int = 50) -> str:
    """ASCII lowercase slug, usable as a DNS label."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].strip("-") or "lieu"


def luhn_ok(digits: str) -> bool:
    """True when a digit string passes the Luhn check (SIREN/SIRET)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def fake_siret(rng: random.Random) -> str:
    """A fictitious 14-digit SIRET whose Luhn key is valid."""
    body = "".join(str(rng.randint(0, 9)) for _ in range(13))
    for check in "0123456789":
        if luhn_ok(body + check):
            return body + check
    raise AssertionError("unreachable")


def mairie_opening_hours(raw: Optional[str]) -> str:
    """The town hall hours (service-public.fr JSON) as an OSM opening_hours string, or ``""``."""
    if not raw:
        return ""
    try:
        items = json.loads(raw)
    except ValueError:
        return ""
    by_day: dict[int, list[tuple[str, str]]] = {}
    for first, last, ranges in items:
        if first not in DAYS or last not in DAYS or DAYS[last] < DAYS[first]:
            return ""
        for day in range(DAYS[first], DAYS[last] + 1):
            for opening, closing in ranges:
                by_day.setdefault(day, []).append((opening[:5], closing[:5]))
    groups: dict[tuple, list[int]] = {}
    for day in sorted(by_day):
        ranges = sorted(set(by_day[day]))
        for (_o1, c1), (o2, _c2) in zip(ranges, ranges[1:]):
            if o2 < c1:
                return ""
        if any(not o < c for o, c in ranges):
            return ""
        groups.setdefault(tuple(ranges), []).append(day)
    rules = []
    for ranges, days in sorted(groups.items(), key=lambda item: item[1][0]):
        spans, start = [], days[0]
        for previous, day in zip(days, days[1:] + [-1]):
            if day != previous + 1:
                spans.append(OSM_DAYS[start] if start == previous else f"{OSM_DAYS[start]}-{OSM_DAYS[previous]}")
                start = day
        rules.append(f"{','.join(spans)} {','.join(f'{o}-{c}' for o, c in ranges)}")
    text = "; ".join(rules)
    return text if text and OPENING_HOURS.match(text) else ""


def street_of(line: str) -> tuple[str, str]:
    """(number, street) of an address line; the street is capitalised."""
    match = re.match(r"^\s*(\d+\s*(?:bis|ter|Bis|Ter)?)[ ,]+(.+)$", line or "")
    number, street = (match.group(1), match.group(2)) if match else ("", (line or "").strip())
    street = street[:1].upper() + street[1:]
    return number, street


def open_layer(path: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise SystemExit(f"Couche « {name} » introuvable dans {path}")
    return layer


def read_communes(path: str) -> list[Commune]:
    """Communes with their town hall, sorted by INSEE code."""
    communes = {}
    for feature in open_layer(path, "communes").getFeatures():
        codes = split_multi(feature["codes_postaux"])
        communes[feature["code_insee"]] = Commune(
            code_insee=feature["code_insee"], nom=feature["nom"], departement=feature["code_departement"],
            siren_epci=feature["siren_epci"], nom_epci=feature["nom_epci"], population=int(feature["population"]),
            code_postal=codes[0] if codes else "", geometry=QgsGeometry(feature.geometry()),
        )
    for feature in open_layer(path, "mairies").getFeatures():
        commune = communes.get(feature["code_insee"])
        if commune is None or feature.geometry().isEmpty():
            continue
        commune.mairie = feature.geometry().asPoint()
        commune.mairie_inside = feature["distance_commune_m"] == 0
        commune.mairie_rue = str(feature["mairie_adresse"] or "").split("\n")[0].strip()
        horaires = feature["mairie_horaires"]
        commune.mairie_horaires = horaires if isinstance(horaires, str) else ""
    return [communes[code] for code in sorted(communes)]


def lieux_count(commune: Commune, rng: random.Random) -> int:
    """How many lieux a commune gets: grows with population, a sample of the small ones."""
    pop = commune.population
    if pop >= 100_000:
        return round(pop / 20_000)
    if pop >= 50_000:
        return 4 if pop >= 80_000 else 3
    if pop >= 20_000:
        return 2
    if pop >= 10_000:
        return 1
    for threshold, probability in ((5_000, 0.8), (2_000, 0.32), (1_000, 0.08), (0, 0.035)):
        if pop >= threshold:
            return 1 if rng.random() < probability else 0
    return 0


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def plan_lieux(communes: list[Commune], rng: random.Random) -> list[Plan]:
    """Which lieux go where: by population, then one per uncovered EPCI, buses and a few non-public seats."""
    plans: list[Plan] = []
    for commune in communes:
        count = lieux_count(commune, rng)
        for index in range(count):
            if commune.population < 5_000:
                genre = pick(rng, WEIGHTS_VILLAGE)
            else:
                genre = pick(rng, WEIGHTS_FIRST if index == 0 else WEIGHTS_EXTRA)
            plans.append(Plan(commune, genre, at_mairie=index == 0))
    by_epci: dict[str, list[Commune]] = {}
    for commune in communes:
        by_epci.setdefault(commune.siren_epci, []).append(commune)
    covered = {plan.commune.siren_epci for plan in plans}
    seats = {siren: max(members, key=lambda c: c.population) for siren, members in by_epci.items()}
    for siren in sorted(by_epci):
        if siren not in covered and rng.random() < 0.85:
            plans.append(Plan(seats[siren], pick(rng, WEIGHTS_FIRST), at_mairie=True))
    rural = sorted(siren for siren, members in by_epci.items() if sum(c.population for c in members) < 60_000)
    for siren in rng.sample(rural, 8):
        plans.append(Plan(seats[siren], "BUS", at_mairie=True))
    towns = [c for c in communes if 5_000 <= c.population < 50_000]
    for commune in rng.sample(towns, NO_PUBLIC_COUNT):
        plans.append(Plan(commune, "SIEGE", at_mairie=False))
    return plans


class Placer:
    """Puts points near town halls or inside commune polygons (EPSG:2154)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        context = QgsProject.instance().transformContext()
        self.to_wgs84 = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"), context)

    def inside(self, commune: Commune) -> QgsPointXY:
        box = commune.geometry.boundingBox()
        for _ in range(200):
            point = QgsPointXY(self.rng.uniform(box.xMinimum(), box.xMaximum()),
                               self.rng.uniform(box.yMinimum(), box.yMaximum()))
            if commune.geometry.contains(point):
                return point
        return commune.geometry.pointOnSurface().asPoint()

    def near_mairie(self, commune: Commune) -> QgsPointXY:
        if commune.mairie is None or not commune.mairie_inside:
            return self.inside(commune) if commune.mairie is None else commune.geometry.pointOnSurface().asPoint()
        for attempt in range(20):
            distance = self.rng.uniform(20, 400 / (1 + attempt // 5))
            angle = self.rng.uniform(0, 2 * math.pi)
            point = QgsPointXY(commune.mairie.x() + distance * math.cos(angle),
                               commune.mairie.y() + distance * math.sin(angle))
            if commune.geometry.contains(point):
                return point
        return QgsPointXY(commune.mairie)

    def lat_lon(self, point: QgsPointXY) -> tuple[str, str]:
        wgs = self.to_wgs84.transform(point)
        return f"{wgs.y():.6f}", f"{wgs.x():.6f}"


def some(rng: random.Random, values, low: int, high: int, first=()) -> list[str]:
    """``first`` then random other values, between low and high values in total."""
    count = rng.randint(low, high)
    chosen = [v for v in first if v in values][:count]
    rest = [v for v in values if v not in chosen]
    rng.shuffle(rest)
    return chosen + rest[: max(0, count - len(chosen))]


def make_row(index: int, plan: Plan, model: Model, rng: random.Random, placer: Placer,
             used_names: set[tuple[str, str]]) -> dict[str, str]:
    """One fictitious lieu as a row of the model (string values as the standard writes them)."""
    commune, genre = plan.commune, plan.genre
    enum = {spec.name: spec.enum for spec in model.fields}
    row = {spec.name: "" for spec in model.fields}

    # Identité
    if genre == "BUS":
        typologies = ("EPCI",)
        nom = f"Bus numérique – {commune.nom_epci}"
    elif genre == "SIEGE":
        typologies = ("ASSO",)
        nom = f"Siège de l'association {rng.choice(NOMS_ASSO)} ({commune.nom})"
    else:
        typologies, templates, pool = GENRES[genre]
        for _ in range(30):
            nom = rng.choice(templates).format(commune=commune.nom, x=rng.choice(pool) if pool else "")
            if (nom, commune.code_insee) not in used_names:
                break
        else:
            nom = f"{nom} ({index})"
    used_names.add((nom, commune.code_insee))
    row["id"] = str(uuid.uuid5(NAMESPACE, f"lieu-{index}"))
    row["pivot"] = "00000000000000" if rng.random() < 0.10 else fake_siret(rng)
    row["nom"] = nom
    row["typologie"] = join_multi(typologies)
    row["itinerance"] = "Itinérant" if genre == "BUS" else ("" if genre == "SIEGE" else "Fixe")
    if genre == "BUS" or (genre in ("EPN", "EPN_MUNI", "MUNI", "RFS") and rng.random() < 0.35):
        row["structure_parente"] = commune.nom_epci
    elif genre in ("BIB", "CCAS") and rng.random() < 0.3:
        row["structure_parente"] = f"Commune de {commune.nom}"

    # Adresse et position
    if plan.at_mairie and commune.mairie is not None:
        point = placer.near_mairie(commune)
        number, street = street_of(commune.mairie_rue)
        if not street:
            row["adresse"] = "Place de la Mairie"
        elif genre == "MUNI":
            row["adresse"] = f"{number} {street}".strip()
        else:
            row["adresse"] = f"{rng.randint(1, 60)} {street}"
    else:
        point = placer.inside(commune)
        row["adresse"] = f"{rng.randint(1, 180)} {rng.choice(RUES)}"
    row["latitude"], row["longitude"] = placer.lat_lon(point)
    row["commune"] = commune.nom
    row["code_postal"] = commune.code_postal
    row["code_insee"] = commune.code_insee
    if rng.random() < 0.2:
        row["complement_adresse"] = rng.choice(COMPLEMENTS)

    # Contact
    slug = slugify(f"{nom}-{commune.nom}" if commune.nom.lower() not in nom.lower() else nom)
    if rng.random() < 0.9:
        row["telephone"] = "+33399" + "".join(str(rng.randint(0, 9)) for _ in range(6))
    courriels = [f"contact@{slug}.example.org"]
    if rng.random() < 0.15:
        courriels.append(f"mediation@{slug}.example.org")
    row["courriels"] = join_multi(courriels)
    if rng.random() < 0.6:
        row["site_web"] = f"https://{slug}.example.org/"

    # Horaires
    if genre == "BUS":
        row["horaires"] = rng.choice(HORAIRES_BUS)
    elif genre != "SIEGE" and rng.random() < 0.95:
        from_mairie = mairie_opening_hours(commune.mairie_horaires) if genre in ("MUNI", "EPN_MUNI", "RFS") else ""
        row["horaires"] = from_mairie if from_mairie and rng.random() < 0.7 else rng.choice(HORAIRES_TYPES)

    # Offre de services
    if genre == "SIEGE":
        row["modalites_acces"] = model.no_public["modalites_acces"]
    else:
        row["services"] = join_multi(some(rng, enum["services"], 1, 5, SERVICES_PREFERES[genre]))
        if rng.random() < 0.3:
            row["publics_specifiquement_adresses"] = join_multi(some(rng, enum["publics_specifiquement_adresses"], 1, 2))
        if rng.random() < 0.2:
            row["prise_en_charge_specifique"] = join_multi(some(rng, enum["prise_en_charge_specifique"], 1, 2))
        frais = enum["frais_a_charge"]
        if genre in ("FABLAB", "TIERS_LIEUX", "ASSO", "MJC") and rng.random() < 0.5:
            row["frais_a_charge"] = join_multi([frais[0], frais[2]] if rng.random() < 0.5 else [frais[2]])
        else:
            row["frais_a_charge"] = frais[0] if rng.random() < 0.85 else frais[1]
        accompagnement = enum["modalites_accompagnement"]
        row["modalites_accompagnement"] = join_multi(some(rng, accompagnement, 1, 3, (accompagnement[1],)))
        if rng.random() < 0.2:
            row["prise_rdv"] = f"https://rdv.example.org/{slug}"
        rdv = "Prendre un RDV en ligne"
        acces = [a for a in enum["modalites_acces"]
                 if a != model.no_public["modalites_acces"] and (a != rdv or row["prise_rdv"])]
        wanted = ["Se présenter" if genre != "BUS" else "Téléphoner"] + ([rdv] if row["prise_rdv"] else [])
        row["modalites_acces"] = join_multi(some(rng, acces, 1, 3, wanted))

    # Dispositifs et labels
    aptic = genre != "SIEGE" and rng.random() < 0.25
    dispositifs = []
    if genre == "RFS":
        dispositifs.append("France Services")
    if genre != "SIEGE":
        if rng.random() < 0.4:
            dispositifs.append("Conseillers numériques")
        if rng.random() < 0.2:
            dispositifs.append("Aidants Connect")
        if genre == "BIB" and rng.random() < 0.1:
            dispositifs.append("Bibliothèques numérique de référence")
        if genre in ("MJC", "CS", "CSC") and rng.random() < 0.3:
            dispositifs.append("Promeneurs du net")
        if rng.random() < 0.04:
            dispositifs.append("Point d'accès numérique CAF")
        if rng.random() < 0.03:
            dispositifs.append("Certification PIX")
    row["dispositif_programmes_nationaux"] = join_multi(d for d in enum["dispositif_programmes_nationaux"]
                                                        if d in dispositifs)
    # « Étapes numériques (La Poste) » is left out: the official pattern spells it without the space.
    labels = []
    if genre == "TIERS_LIEUX" and rng.random() < 0.3:
        labels.append("Fabriques de Territoire")
    elif genre != "SIEGE" and rng.random() < 0.04:
        labels.append("Formé à « Mon Espace Santé »")
    row["formations_labels"] = join_multi(labels)
    autres = (["APTIC"] if aptic else []) + (["Point relais CAF"] if genre != "SIEGE" and rng.random() < 0.05 else [])
    row["autres_formations_labels"] = join_multi(autres)
    if genre != "SIEGE" and rng.random() < 0.08:
        row["fiche_acces_libre"] = (f"https://acceslibre.beta.gouv.fr/app/{commune.departement}-"
                                    f"{slugify(commune.nom)}/a/espace-public-numerique/erp/{slug}-demo/")

    # Présentation
    resume = f"{RESUMES[genre]} Lieu fictif (démonstration)."
    row["presentation_resume"] = resume[:280]
    if genre != "SIEGE" and rng.random() < 0.3:
        row["presentation_detail"] = rng.choice(DETAILS)

    # Suivi
    row["source"] = SOURCE
    # Mostly recent updates, about a third older than a year (stale records to review).
    age = min(round(rng.expovariate(1 / 300)), (DATE_MAX - DATE_MIN).days)
    date_maj = DATE_MAX - dt.timedelta(days=age)
    row["date_maj"] = date_maj.isoformat()
    statut = rng.random()
    row["hdf_statut"] = ("publie" if statut < 0.80 else "a_valider" if statut < 0.89
                         else "brouillon" if statut < 0.96 else "ferme")
    row["hdf_aptic"] = "true" if aptic else "false"
    row["hdf_pass_numerique"] = "true" if aptic and rng.random() < 0.85 else "false"
    if rng.random() < 0.25:
        ids = [f"siilab:{rng.randint(100, 9999)}"]
        if rng.random() < 0.3:
            ids.append(f"ban:{commune.code_insee}_{rng.randint(0, 0xFFFF):04x}_{rng.randint(1, 200):05d}")
        row["hdf_id_externes"] = join_multi(ids)
    row["hdf_dernier_editeur"] = "demo"
    modified = dt.datetime.combine(date_maj, dt.time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)))
    modified += dt.timedelta(days=rng.randint(0, 20))
    row["hdf_date_modification"] = modified.strftime("%Y-%m-%dT%H:%M:%S")
    row["hdf_version"] = "1"
    if rng.random() < 0.05:
        row["hdf_commentaire_interne"] = rng.choice(COMMENTAIRES)
    return row


def check_rows(rows: list[dict[str, str]], model: Model) -> list[str]:
    """Own checks (required, enums, patterns, formats); the project validator runs too when present."""
    errors = []
    for number, row in enumerate(rows, 1):
        for spec in model.fields:
            errors += [f"lieu {number}, {spec.name} : {msg}" for msg in check_value(spec, row.get(spec.name, ""))]
        no_public = row["modalites_acces"] == model.no_public["modalites_acces"]
        if not row["services"] and not no_public:
            errors.append(f"lieu {number} : sans services mais accueille du public")
        if no_public and any(row[name] for name in model.no_public["ignored_fields"]):
            errors.append(f"lieu {number} : champs renseignés pour un lieu sans public")
        if row["hdf_date_modification"][:10] < row["date_maj"]:
            errors.append(f"lieu {number} : hdf_date_modification antérieure à date_maj")
    ids = [row["id"] for row in rows]
    if len(set(ids)) != len(ids):
        errors.append("identifiants en double")
    return errors


def check_value(spec: FieldSpec, value: str) -> list[str]:
    if not value:
        return ["obligatoire"] if spec.required else []
    errors = []
    values = split_multi(value) if spec.multiple else [value]
    if spec.enum and spec.enum_strict or spec.name == "typologie":
        errors += [f"valeur hors liste « {v} »" for v in values if v not in spec.enum]
    if spec.pattern and not re.search(spec.pattern, value):
        errors.append(f"motif non respecté « {value} »")
    if spec.max_length and len(value) > spec.max_length:
        errors.append("trop long")
    if spec.format == "opening_hours" and not OPENING_HOURS.match(value):
        errors.append(f"horaires invalides « {value} »")
    if spec.format == "url" and not all(re.match(r"^https://[a-z0-9.-]+\.[a-z]+/\S*$", v) for v in values):
        errors.append(f"URL invalide « {value} »")
    if spec.format == "email" and not all(re.match(r"^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$", v) for v in values):
        errors.append(f"courriel invalide « {value} »")
    if spec.type == "date":
        dt.date.fromisoformat(value)
    if spec.type == "datetime":
        dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S")
    if spec.type == "number" and not (spec.minimum or -1e9) <= float(value) <= (spec.maximum or 1e9):
        errors.append("hors bornes")
    if spec.name == "pivot" and value not in spec.sentinels and not luhn_ok(value):
        errors.append("clé de Luhn invalide")
    return errors


def project_validation(rows: list[dict[str, str]]) -> Optional[list[str]]:
    """Errors of ``mednum.core.validation.validate_rows``, or None when that module does not exist yet."""
    try:
        from mednum.core.validation import validate_rows  # type: ignore[import-not-found]
    except ImportError:
        return None
    report = validate_rows(rows)
    warnings = [i for i in report.issues if i.severity != "erreur"]
    print(f"Validateur du projet : {len(report.issues) - len(warnings)} erreur(s), {len(warnings)} avertissement(s)")
    for issue in warnings[:10]:
        print(f"  {issue.message}")
    return [f"ligne {i.row}, {i.field} : {i.message}" for i in report.issues if i.severity == "erreur"]


def write_layer(layer: QgsVectorLayer, output: Path, name: str, description: str, first: bool) -> None:
    """Write a layer into the GeoPackage (the first call recreates the file)."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.fileEncoding = "UTF-8"
    options.layerName = name
    options.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteFile if first
                                    else QgsVectorFileWriter.CreateOrOverwriteLayer)
    options.layerOptions = [f"DESCRIPTION={description}", f"IDENTIFIER={name}", "SPATIAL_INDEX=YES"]
    context = QgsProject.instance().transformContext()
    if hasattr(QgsVectorFileWriter, "writeAsVectorFormatV3"):
        result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(output), context, options)
    else:
        result = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(output), context, options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise SystemExit(f"Écriture de « {name} » impossible : {result[1]}")


def build(source: Path, output: Path) -> list[dict[str, str]]:
    """Generate the lieux, check them and write the GeoPackage."""
    model = load_model()
    rng = random.Random(SEED)
    communes = read_communes(str(source))
    plans = plan_lieux(communes, rng)
    placer = Placer(rng)
    used: set[tuple[str, str]] = set()
    rows = [make_row(index, plan, model, rng, placer, used) for index, plan in enumerate(plans, 1)]

    errors = check_rows(rows, model)
    project_errors = project_validation(rows)
    if project_errors is None:
        print("mednum.core.validation absent : seuls les contrôles du script ont été faits.")
    else:
        errors += project_errors
    if errors:
        raise SystemExit("Lieux invalides :\n" + "\n".join(errors[:50]))
    if not 400 <= len(rows) <= 600:
        raise SystemExit(f"{len(rows)} lieux générés, hors de la fourchette 400–600")

    lieux = memory_layer(rows)
    expected = [spec.name for spec in layer_field_specs(model)]
    if lieux.fields().names() != qgs_fields().names() or lieux.fields().names() != expected:
        raise SystemExit("Les champs de la couche lieux ne suivent pas le modèle")
    output.parent.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(("communes", "epci", "departements")):
        write_layer(open_layer(str(source), name), output, name, ADMIN_DESCRIPTIONS[name], first=index == 0)
    write_layer(lieux, output, "lieux", LIEUX_DESCRIPTION, first=False)
    return rows


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le GeoPackage de démonstration (lieux fictifs).")
    parser.add_argument("source", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "hdf_admin.gpkg",
                        help="hdf_admin.gpkg (défaut : ../shared/data/hdf_admin.gpkg)")
    parser.add_argument("output", nargs="?", type=Path, default=REPO / "resources" / "demo" / "demo.gpkg",
                        help="GeoPackage produit (défaut : resources/demo/demo.gpkg)")
    args = parser.parse_args(argv)
    if not args.source.exists():
        parser.error(f"fichier introuvable : {args.source}")

    app = QgsApplication([], False)
    app.initQgis()
    try:
        rows = build(args.source, args.output)
    finally:
        app.exitQgis()
    by_dept: dict[str, int] = {}
    for row in rows:
        by_dept[row["code_insee"][:2]] = by_dept.get(row["code_insee"][:2], 0) + 1
    size = args.output.stat().st_size
    print(f"{args.output} : {len(rows)} lieux fictifs, {size / 1e6:.2f} Mo")
    print("Par département : " + ", ".join(f"{code} = {n}" for code, n in sorted(by_dept.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
