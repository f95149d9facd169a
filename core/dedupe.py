"""Does a lieu look like one already in the base? The national deduplication rule, in pure Python.

As the ANCT pipeline does (``mednum-cli``, ``dedupliquer/steps/find-duplicates``): candidate
pairs share the ``code_insee``, have different ``id`` and compatible ``typologie`` (one in
common, or one empty, or RFS ↔ PIMMS); each gets a distance score (100 below 0.0004° — about
40 m —, else ``100 / (d_km * 1000 + 1)``), a fuzzy ratio on ``nom`` and one on ``adresse``; the
pair is a probable duplicate when their mean reaches the cut-off. A lieu placed within a few
metres of another is reported whatever its commune (a second copy being typed in).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterable, Optional

from .i18n import tr
from .schema import split_multi

CUTOFF = 70.0
NEAR_M = 15.0
COMPATIBLE_TYPOLOGIES = ({"RFS", "PIMMS"},)
STOP_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en"}
ABBREVIATIONS = {"av": "avenue", "bd": "boulevard", "pl": "place", "r": "rue", "st": "saint", "ste": "sainte", "chem": "chemin",
                 "imp": "impasse", "rte": "route", "fg": "faubourg", "sq": "square", "all": "allee"}

Point = tuple[float, float]


def normalize(text: Optional[str]) -> str:
    """Lower case, no accents, no punctuation, common abbreviations expanded, stop words dropped."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(ABBREVIATIONS.get(w, w) for w in words if w not in STOP_WORDS)


def ratio(a: Optional[str], b: Optional[str]) -> float:
    """Fuzzy similarity 0–100 of two texts (order of words ignored)."""
    left, right = normalize(a), normalize(b)
    if not left or not right:
        return 0.0
    direct = SequenceMatcher(None, left, right).ratio()
    sorted_words = SequenceMatcher(None, " ".join(sorted(left.split())), " ".join(sorted(right.split()))).ratio()
    return round(100 * max(direct, sorted_words), 1)


def distance_m(a: Optional[Point], b: Optional[Point]) -> Optional[float]:
    """Distance in metres between two points in a projected CRS (Lambert-93)."""
    if a is None or b is None:
        return None
    return math.hypot(a[0] - b[0], a[1] - b[1])


def distance_score(metres: Optional[float]) -> float:
    """The national distance score (0.0004° ≈ 40 m ⇒ 100), from a distance in metres."""
    if metres is None:
        return 0.0
    if metres < 40:
        return 100.0
    return round(100 / (metres + 1), 1)


def typologies_compatible(a: str, b: str) -> bool:
    left, right = set(split_multi(a)), set(split_multi(b))
    if not left or not right or left & right:
        return True
    return any(left & pair and right & pair for pair in COMPATIBLE_TYPOLOGIES)


@dataclass
class Candidate:
    """A lieu of the base that may be the same as the one being checked."""

    key: object
    lieu_id: str
    nom: str
    score: float
    name_score: float
    address_score: float
    distance: Optional[float]
    reasons: list[str] = field(default_factory=list)

    def message(self) -> str:
        return tr("Ressemble à « {nom} » ({score} %) : {raisons}.").format(nom=self.nom, score=f"{self.score:.0f}",
                                                                             raisons=", ".join(self.reasons))


def compare(row: dict[str, str], point: Optional[Point], other: dict[str, str], other_point: Optional[Point],
            key: object = None, cutoff: float = CUTOFF) -> Optional[Candidate]:
    """A candidate when ``other`` probably is the same lieu as ``row`` (None otherwise)."""
    if row.get("id") and row.get("id") == other.get("id"):
        return None
    metres = distance_m(point, other_point)
    same_commune = bool(row.get("code_insee")) and row.get("code_insee") == other.get("code_insee")
    near = metres is not None and metres <= NEAR_M
    if not same_commune and not near:
        return None
    if same_commune and not near and not typologies_compatible(row.get("typologie", ""), other.get("typologie", "")):
        return None
    name_score = ratio(row.get("nom"), other.get("nom"))
    address_score = ratio(row.get("adresse"), other.get("adresse"))
    score = round((distance_score(metres) + name_score + address_score) / 3, 1)
    if score < cutoff and not near:
        return None
    reasons = []
    if same_commune:
        reasons.append(tr("même commune ({code})").format(code=row.get("code_insee")))
    if metres is not None:
        reasons.append(tr("à {m} m").format(m=f"{metres:.0f}"))
    if name_score >= 80:
        reasons.append(tr("nom proche ({score} %)").format(score=f"{name_score:.0f}"))
    if address_score >= 80:
        reasons.append(tr("adresse proche ({score} %)").format(score=f"{address_score:.0f}"))
    return Candidate(key, other.get("id", ""), other.get("nom", ""), score, name_score, address_score, metres, reasons)


def find_duplicates(row: dict[str, str], point: Optional[Point],
                    others: Iterable[tuple[object, dict[str, str], Optional[Point]]], cutoff: float = CUTOFF) -> list[Candidate]:
    """Probable duplicates of a lieu among ``others`` (key, row, point), best first."""
    found = [c for key, other, other_point in others
             for c in [compare(row, point, other, other_point, key, cutoff)] if c is not None]
    return sorted(found, key=lambda c: -c.score)
