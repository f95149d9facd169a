"""Local journal of edits: what an agent changed survives a crash, a closed project or a lost network.

One SQLite file in the QGIS profile. Each entry is one lieu's change (see :class:`.sync.Change`)
for one source (service URL + layer, never credentials) in one state:

* ``brouillon``: in the layer's edit buffer, not saved yet (rewritten on every edit);
* ``en_attente``: saved by the agent, being sent or not confirmed by the server yet;
* ``appliquee`` / ``abandonnee``: done (kept a while for the record).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Optional

from .sync import Change

DRAFT = "brouillon"
PENDING = "en_attente"
APPLIED = "appliquee"
DISCARDED = "abandonnee"
UNFINISHED = (DRAFT, PENDING)

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    lieu_id TEXT NOT NULL,
    op TEXT NOT NULL,
    state TEXT NOT NULL,
    change TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_source_state ON entries(source, state);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class JournalEntry:
    seq: int
    source: str
    state: str
    change: Change
    message: str
    updated: str


def default_journal_path() -> Path:
    """``mednum/journal.sqlite`` in the active QGIS profile."""
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "mednum" / "journal.sqlite"


class Journal:
    """The journal file; every write is committed (and synced) before returning."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=FULL")
        self._con.executescript(SCHEMA)

    def close(self) -> None:
        self._con.close()

    def _insert(self, source: str, changes: Iterable[Change], state: str) -> list[int]:
        now = _now()
        seqs = []
        for change in changes:
            cursor = self._con.execute(
                "INSERT INTO entries(source, lieu_id, op, state, change, created, updated) VALUES (?,?,?,?,?,?,?)",
                (source, change.lieu_id, change.op, state, json.dumps(change.to_dict(), ensure_ascii=False), now, now))
            seqs.append(cursor.lastrowid)
        return seqs

    def replace_drafts(self, source: str, changes: Iterable[Change]) -> None:
        """The edit buffer of ``source`` is now exactly ``changes``."""
        self._con.execute("BEGIN IMMEDIATE")
        try:
            self._con.execute("DELETE FROM entries WHERE source=? AND state=?", (source, DRAFT))
            self._insert(source, changes, DRAFT)
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise

    def add_pending(self, source: str, changes: Iterable[Change]) -> list[int]:
        """Saved changes about to be sent; the drafts of ``source`` are cleared in the same transaction."""
        self._con.execute("BEGIN IMMEDIATE")
        try:
            self._con.execute("DELETE FROM entries WHERE source=? AND state=?", (source, DRAFT))
            seqs = self._insert(source, changes, PENDING)
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        return seqs

    def resolve(self, seqs: Iterable[int], state: str, message: str = "") -> None:
        now = _now()
        self._con.executemany("UPDATE entries SET state=?, message=?, updated=? WHERE seq=?",
                              [(state, message, now, seq) for seq in seqs])

    def entries(self, source: Optional[str] = None, states: Iterable[str] = UNFINISHED) -> list[JournalEntry]:
        states = tuple(states)
        sql = f"SELECT seq, source, state, change, message, updated FROM entries WHERE state IN ({','.join('?' * len(states))})"
        args: list = list(states)
        if source is not None:
            sql += " AND source=?"
            args.append(source)
        rows = self._con.execute(sql + " ORDER BY seq", args).fetchall()
        return [JournalEntry(seq, src, state, Change.from_dict(json.loads(text)), message, updated)
                for seq, src, state, text, message, updated in rows]

    def unfinished_sources(self) -> list[str]:
        return [row[0] for row in self._con.execute(
            "SELECT DISTINCT source FROM entries WHERE state IN (?, ?) ORDER BY source", UNFINISHED)]

    def discard(self, source: str) -> int:
        """Give up the unfinished changes of ``source`` (kept as ``abandonnee``); how many."""
        cursor = self._con.execute("UPDATE entries SET state=?, updated=? WHERE source=? AND state IN (?, ?)",
                                   (DISCARDED, _now(), source, *UNFINISHED))
        return cursor.rowcount

    def purge(self, days: int = 90) -> None:
        """Forget finished entries older than ``days``."""
        limit = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        self._con.execute("DELETE FROM entries WHERE state IN (?, ?) AND updated < ?", (APPLIED, DISCARDED, limit))
