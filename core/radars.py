"""« Sous les radars » : places of an external list (national cartography, partner file…) missing from the base.

An external place is *present* when a lieu of the base is the same

1. by identifier: same ``id``; the place's id listed in the lieu's ``hdf_id_externes`` as
   ``<source>:<id>`` (the source as given, or slugged: ``siilab``, ``cartographie-nationale``, or
   the slug of the row's own ``source``, as the partner import writes it); or one external id
   in common (``data-inclusion:…``; ``ban:`` address keys do not identify a lieu);
2. by SIRET: same ``pivot`` (never the « unknown » one) in the same commune, with a close name
   (≥ 60 %), address (≥ 80 %) or position (≤ 100 m) — a SIRET is shared by the lieux of one
   organisation;
3. by the national deduplication rule (:mod:`.dedupe`, score ≥ the national cut-off of 70).

The others are reported *absent*, each with the best base lieu the rule compared it with (same
commune or nearby, compatible typology), for context.

An agent may dismiss an absent place (not a lieu de médiation numérique, already closed…): the
dismissal is kept in ``mednum/radars.sqlite`` in the QGIS profile, per source and external key,
so later runs leave it out. Pure Python (QGIS only for the profile path).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional, Union

from .dedupe import CUTOFF, Candidate, Point, distance_m, find_duplicates, normalize, ratio
from .i18n import tr
from .schema import split_multi

#: The standard's pivot for « unknown SIRET / RNA »: never matched.
PIVOT_UNKNOWN = "00000000000000"
#: Prefixes of ``hdf_id_externes`` that name an address, not a lieu.
ADDRESS_ID_PREFIXES = ("ban",)
#: Size of the cells of the spatial index (metres): candidates near a place, whatever their commune.
GRID_M = 100.0
#: Same SIRET, same commune: the same lieu when the names (%), the addresses (%) or the positions (m) are this close
#: (as the partner import does: a SIRET is shared by the several lieux of one organisation).
SIRET_NAME_MIN, SIRET_ADDRESS_MIN, SIRET_DISTANCE_M = 60.0, 80.0, 100.0
#: Custom properties of a result layer: its source and dismissals file (for the « Écarter » actions).
PROP_SOURCE = "mednum/radars_source"
PROP_DISMISSALS = "mednum/radars_fichier"

#: How an external place was found in the base.
BY_ID, BY_EXTERNAL_ID, BY_SIRET, BY_RULE = "identifiant", "identifiant_externe", "siret", "regle_nationale"

RowPoint = tuple[dict[str, str], Optional[Point]]


def row_external_ids(row: dict[str, str]) -> list[str]:
    """The identifying ids of a row's ``hdf_id_externes`` (``source:id``, prefix lower-cased; ``ban:`` address keys left out)."""
    found = []
    for item in split_multi(row.get("hdf_id_externes", "")):
        prefix, _, value = item.partition(":")
        if value.strip() and prefix.strip().lower() not in ADDRESS_ID_PREFIXES:
            found.append(f"{prefix.strip().lower()}:{value.strip()}")
    return found


def external_key(row: dict[str, str]) -> str:
    """A stable key of an external place: its ``id``, else its first external id (data·inclusion…),
    else a hash of its normalised name, commune (INSEE code, else name) and address."""
    ident = (row.get("id") or "").strip()
    if ident:
        return ident
    others = row_external_ids(row)
    if others:
        return others[0]
    commune = (row.get("code_insee") or "").strip() or normalize(row.get("commune"))
    text = "|".join((normalize(row.get("nom")), commune, normalize(row.get("adresse"))))
    return "h:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def slug(text: Optional[str]) -> str:
    """Lower-case ASCII identifier of a source name (``SIILAB HdF`` → ``siilab-hdf``), as external ids are prefixed."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def _pivot(row: dict[str, str]) -> str:
    value = "".join((row.get("pivot") or "").split())
    return "" if not value or value == PIVOT_UNKNOWN else value


@dataclass
class Absent:
    """An external place that no lieu of the base matches."""

    row: dict[str, str]
    point: Optional[Point]
    key: str
    best: Optional[Candidate] = None
    dismissed: bool = False

    @property
    def score(self) -> Optional[float]:
        return self.best.score if self.best is not None else None

    def motif(self, cutoff: float = CUTOFF) -> str:
        """Why it is reported, in French."""
        if self.best is None:
            if not (self.row.get("code_insee") or "").strip() and self.point is None:
                return tr("Ni commune (code INSEE) ni position : comparaison impossible avec la base.")
            return tr("Aucun lieu de la base dans la même commune ni à proximité.")
        return tr("Lieu le plus proche dans la base : « {nom} » ({score} %, sous le seuil de {seuil} %).").format(
            nom=self.best.nom, score=f"{self.best.score:.0f}", seuil=f"{cutoff:.0f}")


class _BaseIndex:
    """The base lieux by id, external ids, SIRET, commune and grid cell."""

    def __init__(self, base: Iterable[RowPoint]):
        self.items: list[RowPoint] = []
        self.by_id: dict[str, int] = {}
        self.by_external: dict[str, int] = {}
        self.by_pivot: dict[str, list[int]] = {}
        self.by_commune: dict[str, list[int]] = {}
        self.by_cell: dict[tuple[int, int], list[int]] = {}
        for index, (row, point) in enumerate(base):
            self.items.append((row, point))
            if row.get("id"):
                self.by_id.setdefault(row["id"].strip(), index)
            for ident in row_external_ids(row):
                self.by_external.setdefault(ident, index)
            if _pivot(row):
                self.by_pivot.setdefault(_pivot(row), []).append(index)
            if row.get("code_insee"):
                self.by_commune.setdefault(row["code_insee"].strip(), []).append(index)
            if point is not None:
                self.by_cell.setdefault(self._cell(point), []).append(index)

    @staticmethod
    def _cell(point: Point) -> tuple[int, int]:
        return int(point[0] // GRID_M), int(point[1] // GRID_M)

    def identified(self, row: dict[str, str], point: Optional[Point], source_id: str) -> tuple[Optional[int], Optional[str]]:
        """The base lieu this place is by identifier or SIRET, and how; (None, None) otherwise."""
        ident = (row.get("id") or "").strip()
        if ident and ident in self.by_id:
            return self.by_id[ident], BY_ID
        if ident:
            prefixes = {source_id.strip().lower(), slug(source_id), slug(row.get("source"))} - {""}
            for prefix in sorted(prefixes):
                if f"{prefix}:{ident}" in self.by_external:
                    return self.by_external[f"{prefix}:{ident}"], BY_EXTERNAL_ID
        for other_id in row_external_ids(row):
            if other_id in self.by_external:
                return self.by_external[other_id], BY_EXTERNAL_ID
        pivot, insee = _pivot(row), (row.get("code_insee") or "").strip()
        for index in self.by_pivot.get(pivot, []) if pivot else []:
            other, other_point = self.items[index]
            if (other.get("code_insee") or "").strip() != insee:
                continue
            # a SIRET is shared by the lieux of one organisation: the same one only if close by name, address or position
            metres = distance_m(point, other_point)
            if ratio(row.get("nom"), other.get("nom")) >= SIRET_NAME_MIN or ratio(row.get("adresse"), other.get("adresse")) >= \
                    SIRET_ADDRESS_MIN or (metres is not None and metres <= SIRET_DISTANCE_M):
                return index, BY_SIRET
        return None, None

    def candidates(self, row: dict[str, str], point: Optional[Point]) -> list[tuple[object, dict[str, str], Optional[Point]]]:
        """Base lieux the dedupe rule may compare with: same commune, or within a grid cell around the place."""
        indexes = set(self.by_commune.get((row.get("code_insee") or "").strip(), []))
        if point is not None:
            cx, cy = self._cell(point)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    indexes.update(self.by_cell.get((cx + dx, cy + dy), []))
        return [(i, self.items[i][0], self.items[i][1]) for i in sorted(indexes)]


@dataclass
class Match:
    """How one external place compares with the base: ``how`` it is present (None when absent)."""

    row: dict[str, str]
    point: Optional[Point]
    key: str
    how: Optional[str] = None
    lieu: Optional[dict[str, str]] = None
    best: Optional[Candidate] = None


def match_external(base: Iterable[RowPoint], external: Iterable[RowPoint], source_id: str, cutoff: float = CUTOFF) -> list[Match]:
    """Each external place with the base lieu it is (by identifier, SIRET or the national rule), in the list's order.

    ``base`` and ``external``: (row, point) pairs, points in Lambert-93 metres (or None).
    """
    index = _BaseIndex(base)
    matches: list[Match] = []
    for row, point in external:
        match = Match(row, point, external_key(row))
        found_at, how = index.identified(row, point, source_id)
        if found_at is not None:
            match.how, match.lieu = how, index.items[found_at][0]
        else:
            probe = dict(row, id="")  # an external id never equals a base id here: let the rule compare every candidate
            found = find_duplicates(probe, point, index.candidates(row, point), cutoff=0.0)
            match.best = found[0] if found else None
            if match.best is not None and match.best.score >= cutoff:
                match.how, match.lieu = BY_RULE, index.items[int(match.best.key)][0]
        matches.append(match)
    return matches


def compare(base: Iterable[RowPoint], external: Iterable[RowPoint], source_id: str, cutoff: float = CUTOFF) -> list[Absent]:
    """External places absent from the base (no match by identifier, SIRET or the national rule), in the list's order."""
    return [Absent(m.row, m.point, m.key, m.best) for m in match_external(base, external, source_id, cutoff) if m.how is None]


# ---------------------------------------------------------------------------- dismissals
SCHEMA = """
CREATE TABLE IF NOT EXISTS dismissals (
    source TEXT NOT NULL,
    external_key TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    PRIMARY KEY (source, external_key)
);
"""


@dataclass
class Dismissal:
    """An external place an agent chose not to see again for one source."""

    source: str
    external_key: str
    reason: str
    who: str
    at: str


def default_dismissals_path() -> Path:
    """``mednum/radars.sqlite`` in the active QGIS profile."""
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "mednum" / "radars.sqlite"


class Dismissals:
    """The dismissed external places, remembered across sessions and runs (one SQLite file)."""

    def __init__(self, path: Optional[Union[str, Path]] = None):
        self.path = Path(path) if path else default_dismissals_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
        self._con.executescript(SCHEMA)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Dismissals:
        return self

    def __exit__(self, *args) -> None:
        self.close()

    def dismiss(self, source_id: str, external_key: str, reason: str = "", who: str = "") -> None:
        """Do not report this place of this source any more (replaces an earlier dismissal)."""
        at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        self._con.execute("INSERT OR REPLACE INTO dismissals (source, external_key, reason, who, at) VALUES (?, ?, ?, ?, ?)",
                          (source_id, external_key, reason or "", who or "", at))

    def is_dismissed(self, source_id: str, external_key: str) -> bool:
        return self._con.execute("SELECT 1 FROM dismissals WHERE source = ? AND external_key = ?",
                                 (source_id, external_key)).fetchone() is not None

    def list(self, source_id: Optional[str] = None) -> list[Dismissal]:
        """The dismissals (of one source, or all), oldest first."""
        query = "SELECT source, external_key, reason, who, at FROM dismissals"
        args: tuple = ()
        if source_id is not None:
            query, args = query + " WHERE source = ?", (source_id,)
        return [Dismissal(*values) for values in self._con.execute(query + " ORDER BY at, rowid", args)]

    def keys(self, source_id: str) -> set[str]:
        return {d.external_key for d in self.list(source_id)}

    def undo(self, source_id: str, external_key: str) -> bool:
        """Report this place again; False when it was not dismissed."""
        cursor = self._con.execute("DELETE FROM dismissals WHERE source = ? AND external_key = ?", (source_id, external_key))
        return cursor.rowcount > 0


def mark_dismissed(absent: list[Absent], dismissals: Dismissals, source_id: str) -> list[Absent]:
    """Flag the dismissed places of a comparison (``dismissed``), in place; returns them."""
    keys = dismissals.keys(source_id)
    for item in absent:
        item.dismissed = item.key in keys
    return absent


def default_source_id(path: Union[str, Path]) -> str:
    """The source of a file by default: its name without extension nor leading date (a monthly export keeps one source)."""
    stem = Path(path).name
    for suffix in (".geojson", ".json", ".csv"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[_\- ]*", "", stem)
    return stem.strip() or Path(path).name
