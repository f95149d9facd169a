"""History of the lieux: who changed what and when, kept in a layer of the same WFS-T server.

Every change the server applied gives history rows (:func:`history_rows`): one per changed field
for an update (old value from the version the agent started from, new value as the server holds
it), one for a creation (the created lieu as JSON) and one for a deletion (the deleted lieu as
JSON). Row ids are derived from the lieu, its version after the change, the field and the kind
of change, so writing the same rows again never duplicates them (:class:`HistoryWriter` also
reads the server before inserting, like inserts of lieux).

The history is append-only: an earlier version is restored by undoing the later changes field by
field (:func:`state_at`) and sending an ordinary update (:func:`restore_change`), which goes
through the safe path (optimistic concurrency, reconciliation) and is itself recorded.

The pure functions here need no QGIS; the WFS parts import it when called.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, Optional

from .i18n import tr

#: default name of the history layer on the server (``ConnectionSettings.historique``)
HISTORY_LAYER = "historique"
HISTORY_FIELDS = ("id", "lieu_id", "action", "champ", "ancienne_valeur", "nouvelle_valeur", "version", "auteur", "date", "lot")

CREATION, MODIFICATION, SUPPRESSION = "creation", "modification", "suppression"
FERMETURE, IMPORT, RESTAURATION = "fermeture", "import", "restauration"
ACTIONS = (CREATION, MODIFICATION, SUPPRESSION, FERMETURE, IMPORT, RESTAURATION)
#: ``Change.origin`` values that name the action of their history rows
ORIGIN_IMPORT, ORIGIN_RESTORE = IMPORT, RESTAURATION

# same values as in .sync (kept here so that this module imports without QGIS)
INSERT, UPDATE, DELETE = "insert", "update", "delete"
VERSION_FIELD = "hdf_version"
EDITOR_FIELD = "hdf_dernier_editeur"
MODIFIED_FIELD = "hdf_date_modification"
STAMP_FIELDS = (VERSION_FIELD, EDITOR_FIELD, MODIFIED_FIELD)
STATUS_FIELD, CLOSED = "hdf_statut", "ferme"
#: the ``champ`` of a history row recording a move of the lieu
GEOMETRY = "geometry"

#: namespace of the deterministic history row ids
ROW_NAMESPACE = uuid.UUID("6f1d3c2e-5a0b-4f7e-9d51-2b8a4c6e7f10")

Row = dict[str, Any]
Point = tuple[float, float]


def history_typename(lieux_typename: str, name: str = HISTORY_LAYER) -> str:
    """The history layer next to a lieux layer (same workspace prefix): ``mednum:lieux`` → ``mednum:historique``."""
    if ":" in name or ":" not in lieux_typename:
        return name
    return f"{lieux_typename.split(':', 1)[0]}:{name}"


def row_id(lieu_id: str, version: int, champ: str, op: str) -> str:
    """The id of a history row: the same change of the same lieu always gets the same id."""
    return str(uuid.uuid5(ROW_NAMESPACE, f"{lieu_id}|{version}|{champ}|{op}"))


def _int(value: Any) -> Optional[int]:
    try:
        return int(float(str(value).strip()))
    except (TypeError, ValueError):
        return None


def point_text(point: Optional[Point]) -> str:
    """A position as history text (WKT, centimetres; empty when there is none)."""
    return f"POINT ({point[0]:.2f} {point[1]:.2f})" if point else ""


def parse_point(text: str) -> Optional[Point]:
    match = re.search(r"POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", text or "", re.IGNORECASE)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _server_row(server: Any) -> Row:
    """A server feature's non-empty values as text (with its position under ``geometry``)."""
    row = {name: server.text(name) for name in server.properties if name != "fid" and server.text(name) != ""}
    if server.point:
        row[GEOMETRY] = point_text(server.point)
    return row


def row_json(row: Optional[dict], point: Optional[Point] = None) -> str:
    """A whole lieu as the JSON text of a creation or deletion row."""
    data = {k: _text(v) for k, v in (row or {}).items() if _text(v) != ""}
    if point:
        data[GEOMETRY] = point_text(point)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def action_of(change: Any) -> str:
    """The history action of a change (import and restoration come from ``change.origin``)."""
    origin = getattr(change, "origin", "") or ""
    if origin in (ORIGIN_IMPORT, ORIGIN_RESTORE):
        return origin
    if change.op == INSERT:
        return CREATION
    if change.op == DELETE:
        return SUPPRESSION
    base_status = ((change.base or {}).get(STATUS_FIELD) or "").strip()
    if (change.values.get(STATUS_FIELD) or "").strip() == CLOSED and base_status != CLOSED:
        return FERMETURE
    return MODIFICATION


def history_rows(outcome: Any, editor: str, batch: str, when: str) -> list[Row]:
    """The history rows of one applied outcome (empty for any other).

    ``outcome`` is a :class:`.sync.Outcome`: its change and the server's state after it.
    """
    if not getattr(outcome, "applied", False):
        return []
    change, server = outcome.change, outcome.server
    base = change.base or {}
    action = action_of(change)
    base_version = _int(base.get(VERSION_FIELD)) or 0
    server_version = _int(server.text(VERSION_FIELD)) if server is not None else None

    def row(version: int, champ: str, old: str, new: str) -> Row:
        return {"id": row_id(change.lieu_id, version, champ, change.op), "lieu_id": change.lieu_id, "action": action,
                "champ": champ, "ancienne_valeur": old, "nouvelle_valeur": new, "version": version,
                "auteur": editor or "", "date": when, "lot": batch}

    if change.op == INSERT:
        created = (json.dumps(_server_row(server), ensure_ascii=False, sort_keys=True) if server is not None
                   else row_json(dict(change.values, id=change.lieu_id), change.point))
        return [row(1, "", "", created)]  # a creation is version 1 (the server's lieu may have moved on since)
    if change.op == DELETE:
        return [row(base_version + 1, "", row_json(base, change.base_point), "")]
    version = server_version or base_version + 1
    rows = []
    for name, value in change.values.items():
        if name in STAMP_FIELDS or name == "id":
            continue
        old = _text(base.get(name)).strip()
        new = (server.text(name) if server is not None and name in server.properties else _text(value)).strip()
        if old != new:
            rows.append(row(version, name, old, new))
    if change.point is not None:
        old = point_text(change.base_point)
        new = point_text(server.point if server is not None and server.point else change.point)
        if old != new:
            rows.append(row(version, GEOMETRY, old, new))
    return rows


def kind_of(row: Row) -> str:
    """Which kind of change a history row records: INSERT, UPDATE or DELETE."""
    if row.get("champ"):
        return UPDATE
    if (row.get("action") or "") == SUPPRESSION or (row.get("ancienne_valeur") and not row.get("nouvelle_valeur")):
        return DELETE
    return INSERT


def sort_history(rows: list[Row]) -> list[Row]:
    """Oldest first: by version, then date, then field."""
    return sorted(rows, key=lambda r: (_int(r.get("version")) or 0, _text(r.get("date")), _text(r.get("champ"))))


def versions(history: list[Row]) -> list[int]:
    """The versions the history knows of, oldest first."""
    return sorted({v for v in (_int(r.get("version")) for r in history) if v is not None})


def state_at(current_row: Optional[Row], history: list[Row], version: int) -> Row:
    """The lieu as it was at ``version``: the later changes undone field by field, newest first.

    ``current_row`` is the lieu now (None: deleted; its deletion row gives its last state).
    Fields the history does not cover keep their current value. Raises ValueError for a
    version before the lieu's creation or after its current version.
    """
    ordered = sort_history(history)
    if current_row is None:
        deletions = [r for r in ordered if kind_of(r) == DELETE]
        if not deletions:
            raise ValueError(tr("Ce lieu n'existe plus et son historique ne garde pas sa suppression."))
        state: Row = json.loads(deletions[-1].get("ancienne_valeur") or "{}")
    else:
        state = dict(current_row)
    current_version = _int(state.get(VERSION_FIELD))
    if current_version is not None and version > current_version:
        raise ValueError(tr("La version {version} est postérieure à la version actuelle ({actuelle}).").format(
            version=version, actuelle=current_version))
    created = [_int(r.get("version")) or 0 for r in ordered if kind_of(r) == INSERT]
    if created and version < min(created):
        raise ValueError(tr("La version {version} est antérieure à la création du lieu.").format(version=version))
    for item in reversed(ordered):
        if (_int(item.get("version")) or 0) <= version:
            break
        if kind_of(item) == UPDATE:
            state[item["champ"]] = _text(item.get("ancienne_valeur"))
    state[VERSION_FIELD] = str(version)
    return state


def restore_change(source: Any, history: list[Row], version: int, lieu_id: str = "") -> Any:
    """An UPDATE bringing a lieu back to its values of ``version`` (a :class:`.sync.Change`, origin « restauration »).

    ``source`` is a :class:`.editing.LieuxSession` (the lieu's base in it is the version the
    update starts from) or the lieu's current row. The update goes through the normal safe path:
    if the server's lieu changed since, it is a conflict, never an overwrite.
    Raises ValueError when there is nothing to restore.
    """
    from .sync import UPDATE as SYNC_UPDATE
    from .sync import Change, same_point

    point: Optional[Point] = None
    if hasattr(source, "base") and isinstance(source.base, dict):
        lieu_id = lieu_id or next((r.get("lieu_id") for r in history if r.get("lieu_id")), "")
        if lieu_id not in source.base:
            raise ValueError(tr("Ce lieu n'est pas (ou plus) dans la couche : rechargez les lieux."))
        row, point = source.base[lieu_id]
        row = dict(row)
    else:
        row = dict(source)
        lieu_id = lieu_id or row.get("id", "")
    target = state_at(row, history, version)
    values = {name: _text(value) for name, value in target.items()
              if name not in STAMP_FIELDS and name not in ("id", GEOMETRY) and _text(value).strip() != _text(row.get(name)).strip()}
    moved = None
    if GEOMETRY in target:
        wanted = parse_point(target[GEOMETRY])
        if wanted is not None and not (point is not None and same_point(wanted, point)):
            moved = wanted
    if not values and moved is None:
        raise ValueError(tr("La version {version} a les mêmes valeurs que la version actuelle : rien à restaurer.").format(version=version))
    return Change(SYNC_UPDATE, lieu_id, values, moved, row, point, origin=ORIGIN_RESTORE)


def describe_restore(change: Any, labels: Optional[dict[str, str]] = None) -> list[str]:
    """What a restoring update will change, one French line per field."""
    labels = labels or {}
    lines = []
    for name, value in change.values.items():
        old = _text((change.base or {}).get(name)) or tr("(vide)")
        lines.append(tr("{champ} : « {ancienne} » → « {nouvelle} »").format(champ=labels.get(name, name), ancienne=old,
                                                                          nouvelle=value or tr("(vide)")))
    if change.point is not None:
        lines.append(tr("position : {ancienne} → {nouvelle}").format(ancienne=point_text(change.base_point) or tr("(aucune)"),
                                                                     nouvelle=point_text(change.point)))
    return lines


# --------------------------------------------------------------------------- server

def _feature_row(feature: Any) -> Row:
    row: Row = {name: feature.text(name) for name in HISTORY_FIELDS}
    row["version"] = _int(row["version"])
    return row


def read(client: Any, typename: str, lieu_id: str) -> list[Row]:
    """The history of one lieu as the server holds it, oldest first (raises WfsError when it cannot be read)."""
    from .wfs import id_filter

    features = client.fetch_all(typename, id_filter("lieu_id", [lieu_id], client.version))
    return sort_history([_feature_row(f) for f in features if f.text("lieu_id") == lieu_id])


read_history = read


class HistoryWriter:
    """Appends history rows to the server's history layer (one WFS-T Insert transaction, idempotent)."""

    def __init__(self, client: Any, typename: str):
        self.client, self.typename = client, typename

    def unavailable(self) -> str:
        """Why this server takes no history (French), or "" when it publishes the layer with Insert (WfsError: capabilities unreadable)."""
        feature_type = self.client.capabilities().find(self.typename)
        if feature_type is None:
            return tr("le serveur ne publie pas la couche « {couche} »").format(couche=self.typename)
        if "Insert" not in feature_type.operations:
            return tr("la couche « {couche} » n'accepte pas d'ajout (WFS-T Insert)").format(couche=self.typename)
        return ""

    def _present(self, ids: list[str]) -> set[str]:
        return {f.text("id") for f in self.client.fetch_by_values(self.typename, "id", ids)}

    def write(self, rows: list[Row]) -> tuple[int, str]:
        """(rows newly stored, French reason of a failure or ""); rows already on the server are not sent again. Never raises."""
        try:
            return self._write(rows)
        except Exception as error:  # the edit path must never see history errors
            return 0, getattr(error, "message", "") or str(error) or error.__class__.__name__

    def _write(self, rows: list[Row]) -> tuple[int, str]:
        from .wfs import TransactionBuilder, WfsError

        unique = list({row["id"]: row for row in rows}.values())
        if not unique:
            return 0, ""
        present = self._present([row["id"] for row in unique])
        todo = [row for row in unique if row["id"] not in present]
        if not todo:
            return 0, ""
        builder = TransactionBuilder(self.client.schema(self.typename), self.client.version)
        for row in todo:
            builder.insert({name: row.get(name) for name in HISTORY_FIELDS}, None)
        error = ""
        try:
            result = self.client.transaction(builder.tobytes())
            if result.error:
                error = result.error if result.status == 200 else tr("{motif} (HTTP {statut})").format(motif=result.error, statut=result.status)
            elif result.inserted != len(todo):
                error = "; ".join(result.messages) or tr("le serveur n'a pas ajouté toutes les lignes")
        except WfsError as failure:
            error = failure.message
        if not error:
            return len(todo), ""
        try:  # a lost answer may hide a success: ask the server what it holds
            present = self._present([row["id"] for row in todo])
        except WfsError:
            return 0, error
        written = sum(1 for row in todo if row["id"] in present)
        return written, ("" if written == len(todo) else error)
