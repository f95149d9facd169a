"""Safe WFS-T editing: idempotent inserts, optimistic concurrency, reconciliation after every send.

The rules, whatever the network does:

* every lieu has a client-generated ``id`` (UUID); before sending, the server is read by ``id``
  so an insert that already reached it is never sent again, and after sending it is read again
  so a copy created by a re-sent request is removed;
* an update or a delete carries the version the agent started from (``hdf_version``); if the
  server's lieu changed since, nothing is sent and the agent gets both versions (conflict);
* after any send, the server is re-read (bypassing every cache) and each change is classified
  from what the server really holds: applied, refused (with the server's reason), not applied
  (network) or unknown (the server could not be read back). Nothing is ever reported applied
  that is not on the server, and nothing applied is reported as failed;
* what the server applied is then recorded in its history layer (:mod:`.history`), in one more
  transaction; a history that cannot be written never undoes nor blocks an edit (a note says so).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Optional

from .history import HistoryWriter, history_rows, history_typename
from .i18n import tr
from .schema import FieldSpec, load_model
from .wfs import ServerFeature, TransactionBuilder, WfsClient, WfsError

INSERT, UPDATE, DELETE = "insert", "update", "delete"
GEOMETRY = "geometry"
VERSION_FIELD = "hdf_version"
EDITOR_FIELD = "hdf_dernier_editeur"
MODIFIED_FIELD = "hdf_date_modification"
POSITION_TOLERANCE_M = 0.5

APPLIED = "appliquee"
REFUSED = "refusee"
CONFLICT = "conflit"
NOT_APPLIED = "non_appliquee"
UNKNOWN = "incertaine"
#: why a Transaction failed
REFUSAL, NETWORK, TIMEOUT_KIND = "refus", "reseau", "delai"

Point = tuple[float, float]


@dataclass
class Change:
    """One lieu's change, as the agent made it."""

    op: str
    lieu_id: str
    values: dict[str, str] = field(default_factory=dict)  # insert: the whole row; update: the changed fields
    point: Optional[Point] = None  # insert: position; update: new position when moved
    base: Optional[dict[str, str]] = None  # update/delete: the lieu as the agent loaded it
    base_point: Optional[Point] = None
    origin: str = ""  # "" (an edit), "import" or "restauration": the action its history rows get

    @property
    def nom(self) -> str:
        return (self.values.get("nom") or (self.base or {}).get("nom") or self.lieu_id).strip()

    @property
    def base_version(self) -> Optional[int]:
        return _int((self.base or {}).get(VERSION_FIELD))

    def to_dict(self) -> dict:
        data = {"op": self.op, "lieu_id": self.lieu_id, "values": self.values, "point": list(self.point) if self.point else None,
                "base": self.base, "base_point": list(self.base_point) if self.base_point else None}
        if self.origin:
            data["origin"] = self.origin
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Change:
        return cls(data["op"], data["lieu_id"], dict(data.get("values") or {}),
                   tuple(data["point"]) if data.get("point") else None, data.get("base"),
                   tuple(data["base_point"]) if data.get("base_point") else None, str(data.get("origin") or ""))


@dataclass
class Outcome:
    """What became of one change on the server."""

    change: Change
    status: str
    message: str
    server: Optional[ServerFeature] = None  # the lieu as the server holds it now (None: absent)
    duplicates_removed: int = 0

    @property
    def applied(self) -> bool:
        return self.status == APPLIED


@dataclass
class SyncReport:
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the push as a whole (history not recorded)

    def by_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def all_applied(self) -> bool:
        return all(o.applied for o in self.outcomes)

    def summary(self) -> str:
        applied = len(self.by_status(APPLIED))
        total = len(self.outcomes)
        if applied == total:
            text = tr("{n} lieu(x) enregistré(s) sur le serveur.").format(n=applied)
        else:
            text = tr("{n} lieu(x) enregistré(s) sur {total} ; les autres restent en attente dans la couche.").format(n=applied, total=total)
        return " ".join([text, *self.notes])


def _int(text) -> Optional[int]:
    try:
        return int(float(str(text).strip()))
    except (TypeError, ValueError):
        return None


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def same_value(spec: Optional[FieldSpec], mine: str, theirs: str) -> bool:
    """Whether two texts of a field mean the same value (server formats differ: 1/true, dates, times)."""
    a, b = (mine or "").strip(), (theirs or "").strip()
    if a == b:
        return True
    kind = spec.type if spec else "string"
    if kind == "boolean":
        truthy = ("true", "1", "oui", "vrai", "yes")
        return (a.lower() in truthy) == (b.lower() in truthy) and bool(a) == bool(b)
    if kind == "date":
        return a[:10] == b[:10]
    if kind == "datetime":
        def norm(t: str) -> str:
            return t.replace("Z", "").replace("+00:00", "").replace(" ", "T")[:19]
        return norm(a) == norm(b)
    if kind in ("integer", "number"):
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return False


def same_point(a: Optional[Point], b: Optional[Point]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.hypot(a[0] - b[0], a[1] - b[1]) <= POSITION_TOLERANCE_M


def typed(spec: Optional[FieldSpec], text: str) -> object:
    """The literal to send for a field (None: empty)."""
    text = (text or "").strip()
    if not text:
        return None
    if spec and spec.type == "boolean":
        return text.lower() in ("true", "1", "oui", "vrai", "yes")
    return text


class Synchronizer:
    """Sends changes of lieux to a WFS-T server and reports what the server really holds afterwards."""

    #: history rows kept for the next push when the history could not be written (same ids: never stored twice)
    HISTORY_BACKLOG = 5000

    def __init__(self, client: WfsClient, typename: str, editor: str = "", batch_size: int = 25,
                 log: Optional[Callable[[str], None]] = None, history: Optional[str] = None):
        self.rights = None  # core.rights.Rights of the agent, when the server publishes them
        self.epci_of: dict[str, str] = {}
        self.client, self.typename, self.editor, self.batch_size = client, typename, editor, max(1, batch_size)
        self.specs = {spec.name: spec for spec in load_model().fields}
        self.log = log or (lambda message: None)
        #: the server's history layer (default: « historique » next to the lieux; "": no history)
        self.history_typename = history_typename(typename) if history is None else history
        self.history_available: Optional[bool] = None  # None: not checked yet; False: the server has none (opt-out, said once)
        self.history_backlog: list[dict] = []

    # ------------------------------------------------------------------ reading
    def read(self, ids: list[str]) -> dict[str, list[ServerFeature]]:
        """The server's copies of these lieux, by id (raises WfsError when the server cannot be read)."""
        found: dict[str, list[ServerFeature]] = {lieu_id: [] for lieu_id in ids}
        for feature in self.client.fetch_by_values(self.typename, "id", ids):
            found.setdefault(feature.text("id"), []).append(feature)
        for copies in found.values():
            copies.sort(key=lambda f: (_int(f.fid.rsplit(".", 1)[-1]) or 0, f.fid))
        return found

    def matches_mine(self, change: Change, server: ServerFeature) -> bool:
        """Whether the server holds the values this change sets."""
        for name, value in change.values.items():
            if name in (MODIFIED_FIELD, EDITOR_FIELD, VERSION_FIELD) or name not in self._server_fields():
                continue
            if not same_value(self.specs.get(name), value, server.text(name)):
                return False
        if change.point is not None and not same_point(change.point, server.point):
            return False
        return True

    def _server_fields(self) -> set[str]:
        return set(self.client.schema(self.typename).fields)

    # ------------------------------------------------------------------ messages
    def _message(self, status: str, change: Change, reason: str = "", server: Optional[ServerFeature] = None) -> str:
        nom = change.nom
        if status == APPLIED:
            done = {INSERT: tr("« {nom} » : création enregistrée sur le serveur."),
                    UPDATE: tr("« {nom} » : modification enregistrée sur le serveur."),
                    DELETE: tr("« {nom} » : suppression enregistrée sur le serveur.")}[change.op].format(nom=nom)
            if reason:
                done += " " + tr("(Vérifié sur le serveur après : {raison}.)").format(raison=reason)
            return done
        if status == CONFLICT:
            if server is None:
                return tr("« {nom} » : ce lieu a été supprimé du serveur par quelqu'un d'autre depuis son chargement ; "
                          "votre modification n'a pas été envoyée. Choisissez : la recréer ou l'abandonner.").format(nom=nom)
            return tr("« {nom} » : ce lieu a été modifié sur le serveur depuis son chargement (version {base} → {serveur}, "
                      "par {editeur}) ; votre modification n'a pas été envoyée. Comparez les deux versions et choisissez.").format(
                nom=nom, base=change.base_version if change.base_version is not None else "?",
                serveur=server.text(VERSION_FIELD) or "?", editeur=server.text(EDITOR_FIELD) or tr("inconnu"))
        if status == REFUSED:
            return tr("« {nom} » : le serveur a refusé la modification : {raison}. Elle reste en attente dans la couche.").format(
                nom=nom, raison=reason)
        if status == UNKNOWN:
            return tr("« {nom} » : impossible de vérifier l'état du serveur ({raison}). La modification reste en attente "
                      "et sera vérifiée au prochain envoi, sans doublon.").format(nom=nom, raison=reason)
        return tr("« {nom} » : modification non enregistrée ({raison}). Elle reste en attente dans la couche ; "
                  "réessayez l'enregistrement.").format(nom=nom, raison=reason)

    # ------------------------------------------------------------------ classification
    def _before(self, change: Change, copies: list[ServerFeature]) -> Optional[Outcome]:
        """An outcome when the server's current state settles the change without sending it."""
        current = copies[0] if copies else None
        if change.op == INSERT:
            if current is not None:
                return Outcome(change, APPLIED, self._message(APPLIED, change, tr("envoi précédent déjà reçu")), current)
            return None
        if change.op == DELETE:
            if current is None:
                return Outcome(change, APPLIED, self._message(APPLIED, change, tr("lieu déjà absent du serveur")), None)
            if _int(current.text(VERSION_FIELD)) != change.base_version:
                return Outcome(change, CONFLICT, self._message(CONFLICT, change, server=current), current)
            return None
        if current is None:
            return Outcome(change, CONFLICT, self._message(CONFLICT, change), None)
        if _int(current.text(VERSION_FIELD)) != change.base_version:
            if self.matches_mine(change, current):
                return Outcome(change, APPLIED, self._message(APPLIED, change, tr("envoi précédent déjà reçu")), current)
            return Outcome(change, CONFLICT, self._message(CONFLICT, change, server=current), current)
        return None

    def _after(self, change: Change, copies: list[ServerFeature], reason: str, kind: str) -> Outcome:
        current = copies[0] if copies else None
        if change.op == INSERT:
            applied = current is not None
        elif change.op == DELETE:
            applied = current is None
        else:
            if current is None:
                return Outcome(change, CONFLICT, self._message(CONFLICT, change), None)
            applied = _int(current.text(VERSION_FIELD)) != change.base_version and self.matches_mine(change, current)
            if not applied and _int(current.text(VERSION_FIELD)) != change.base_version:
                return Outcome(change, CONFLICT, self._message(CONFLICT, change, server=current), current)
        if applied:
            return Outcome(change, APPLIED, self._message(APPLIED, change, reason), current)
        if kind == TIMEOUT_KIND:
            # the request may still reach the server: say so, keep the change, check again on the next send
            return Outcome(change, UNKNOWN, self._message(UNKNOWN, change, reason), current)
        if kind == REFUSAL:
            return Outcome(change, REFUSED, self._message(REFUSED, change, reason or tr("le serveur n'a modifié aucun lieu (droits insuffisants ?)")),
                           current)
        return Outcome(change, NOT_APPLIED, self._message(NOT_APPLIED, change, reason or tr("sans réponse du serveur")), current)

    # ------------------------------------------------------------------ sending
    def _add(self, builder: TransactionBuilder, change: Change, current: Optional[ServerFeature]) -> None:
        stamp = {VERSION_FIELD: str((change.base_version or 0) + 1) if change.op == UPDATE else "1",
                 MODIFIED_FIELD: now_iso(), EDITOR_FIELD: self.editor}
        if change.op == INSERT:
            values = dict(change.values, **{k: v for k, v in stamp.items() if v})
            builder.insert({k: typed(self.specs.get(k), v) for k, v in values.items()}, change.point)
        elif change.op == UPDATE:
            values = dict(change.values, **{k: v for k, v in stamp.items() if v})
            conditions = [("id", change.lieu_id), (VERSION_FIELD, change.base_version)]
            builder.update({k: typed(self.specs.get(k), v) for k, v in values.items()}, change.point, conditions)
        elif current is not None:
            builder.delete(current.fid)

    def _send(self, changes: list[Change], state: dict[str, list[ServerFeature]]) -> tuple[str, str]:
        """Send one Transaction; (reason to report, kind of failure: "" | REFUSAL | NETWORK | TIMEOUT_KIND)."""
        schema = self.client.schema(self.typename)
        builder = TransactionBuilder(schema, self.client.version)
        for change in changes:
            self._add(builder, change, (state.get(change.lieu_id) or [None])[0])
        if not len(builder):
            return "", ""
        try:
            result = self.client.transaction(builder.tobytes())
        except WfsError as error:
            self.log(error.message)
            if error.is_timeout:
                return tr("le serveur n'a pas répondu dans le délai"), TIMEOUT_KIND
            return (error.network.message if error.network else error.message), NETWORK
        if result.error:
            reason = result.error if result.status == 200 else tr("{motif} (HTTP {statut})").format(motif=result.error, statut=result.status)
            return reason, REFUSAL
        expected_inserts = sum(1 for c in changes if c.op == INSERT)
        expected_updates = sum(1 for c in changes if c.op == UPDATE)
        expected_deletes = sum(1 for c in changes if c.op == DELETE)
        if (result.inserted, result.updated, result.deleted) != (expected_inserts, expected_updates, expected_deletes):
            detail = "; ".join(result.messages)
            if not (result.inserted or result.updated or result.deleted):
                return (tr("le serveur n'a modifié aucun lieu (droits insuffisants ?)") + (f" ({detail})" if detail else "")), REFUSAL
            return (tr("le serveur n'a appliqué qu'une partie de la transaction") + (f" ({detail})" if detail else "")), REFUSAL
        return "", ""

    def _remove_duplicates(self, outcome: Outcome, copies: list[ServerFeature]) -> None:
        if outcome.change.op != INSERT or len(copies) < 2:
            return
        builder = TransactionBuilder(self.client.schema(self.typename), self.client.version)
        for extra in copies[1:]:
            builder.delete(extra.fid)
        try:
            self.client.transaction(builder.tobytes())
            left = self.read([outcome.change.lieu_id]).get(outcome.change.lieu_id, [])
        except WfsError as error:
            outcome.message += " " + tr("Attention : {n} copie(s) en double sur le serveur n'ont pas pu être supprimées ({raison}).").format(
                n=len(copies) - 1, raison=error.message)
            return
        outcome.duplicates_removed = len(copies) - len(left)
        if outcome.duplicates_removed:
            outcome.message += " " + tr("{n} copie(s) en double créée(s) par une nouvelle tentative du réseau ont été supprimées.").format(
                n=outcome.duplicates_removed)
        if len(left) > 1:
            outcome.message += " " + tr("Attention : {n} copies de ce lieu restent sur le serveur.").format(n=len(left))

    def push(self, changes: list[Change], progress: Optional[Callable[[int, int], None]] = None) -> SyncReport:
        """Send the changes; every change gets exactly one outcome."""
        report = SyncReport()
        checked = []
        for change in changes:
            refusal = self.out_of_rights(change)
            if refusal:
                report.outcomes.append(Outcome(change, REFUSED, tr("{refus} Modification non envoyée ; elle reste en attente dans "
                                                                  "la couche.").format(refus=refusal)))
                continue
            problems = self.invalid(change)
            if problems:
                report.outcomes.append(Outcome(change, REFUSED, tr("« {nom} » : non envoyé, à corriger : {erreurs} Il reste en attente "
                                                                  "dans la couche.").format(nom=change.nom, erreurs=" ".join(problems))))
            else:
                checked.append(change)
        changes, all_changes = checked, changes
        if not changes:
            return report
        ids = [c.lieu_id for c in changes]
        try:
            state = self.read(ids)
        except WfsError as error:
            reason = error.message
            report.outcomes += [Outcome(c, NOT_APPLIED, self._message(NOT_APPLIED, c, reason)) for c in changes]
            return report
        to_send: list[Change] = []
        for change in changes:
            settled = self._before(change, state.get(change.lieu_id, []))
            if settled is not None:
                report.outcomes.append(settled)
                self._remove_duplicates(settled, state.get(change.lieu_id, []))
            else:
                to_send.append(change)
        done = len(report.outcomes)
        network_down = ""
        for start in range(0, len(to_send), self.batch_size):
            batch = to_send[start:start + self.batch_size]
            if network_down:
                report.outcomes += [Outcome(c, NOT_APPLIED, self._message(NOT_APPLIED, c, network_down)) for c in batch]
                continue
            reason, kind = self._send(batch, state)
            outcomes = self._reconcile(batch, reason, kind)
            unresolved = [o for o in outcomes if o.status in (REFUSED, NOT_APPLIED)]
            if kind == REFUSAL and len(batch) > 1 and unresolved:
                # one refusal can fail a whole batch (atomic servers): retry the rest one by one
                kept = [o for o in outcomes if o not in unresolved]
                for outcome in unresolved:
                    single_reason, single_kind = self._send([outcome.change], state)
                    kept += self._reconcile([outcome.change], single_reason, single_kind)
                outcomes = kept
            if kind in (NETWORK, TIMEOUT_KIND) and any(o.status in (NOT_APPLIED, UNKNOWN) for o in outcomes):
                network_down = reason
            report.outcomes += outcomes
            done += len(batch)
            if progress:
                progress(done, len(changes))
        order = {id(c): i for i, c in enumerate(all_changes)}
        report.outcomes.sort(key=lambda o: order.get(id(o.change), 0))
        self.record_history(report)
        return report

    # ------------------------------------------------------------------ history
    def record_history(self, report: SyncReport) -> None:
        """Append what the server applied to its history layer (one transaction); never raises, never undoes an edit.

        When it fails, one French note goes to the report and the first applied outcome, and the
        rows are sent again with the next push. A server without a history layer is said once,
        then left alone.
        """
        applied = [o for o in report.outcomes if o.applied]
        if not applied or not self.history_typename or self.history_available is False:
            return
        try:
            writer = HistoryWriter(self.client, self.history_typename)
            missing = writer.unavailable()
            if missing:
                self.history_available = False
                self._history_note(report, applied, missing)
                return
            self.history_available = True
            batch, when = str(uuid.uuid4()), now_iso()
            rows = self.history_backlog + [row for o in applied for row in history_rows(o, self.editor, batch, when)]
            _, error = writer.write(rows)
        except Exception as failure:  # the edits are applied whatever happens to their history
            rows, error = self.history_backlog, getattr(failure, "message", "") or str(failure) or failure.__class__.__name__
        self.history_backlog = rows[-self.HISTORY_BACKLOG:] if error else []
        if error:
            self.log(error)
            self._history_note(report, applied, error)

    @staticmethod
    def _history_note(report: SyncReport, applied: list[Outcome], reason: str) -> None:
        note = tr("(historique non enregistré : {raison}.)").format(raison=reason.rstrip(". "))
        report.notes.append(note)
        applied[0].message += " " + note

    def out_of_rights(self, change: Change) -> Optional[str]:
        """Why the agent's rights forbid this change (checked before anything is sent; the server decides anyway)."""
        rights, epci_of = self.rights, self.epci_of
        if rights is None:
            return None
        if change.op == DELETE:
            return rights.refusal(dict(change.base or {}), epci_of, base=change.base) if rights.role != "animateur" else None
        row = dict(change.values) if change.op == INSERT else dict(change.base or {}, **change.values)
        return rights.refusal(row, epci_of, new=change.op == INSERT, base=change.base if change.op == UPDATE else None)

    def invalid(self, change: Change) -> list[str]:
        """French messages of the errors a change would write (only the fields it sets, for an update)."""
        if change.op == DELETE:
            return []
        from .validation import Validator

        row = dict(change.values) if change.op == INSERT else dict(change.base or {}, **change.values)
        row.setdefault("id", change.lieu_id)
        issues = [i for i in Validator().validate_row(row) if i.is_error]  # a fresh one: no cross-row uniqueness here
        if change.op == UPDATE:
            issues = [i for i in issues if i.field in change.values]
        return [i.message for i in issues]

    def _reconcile(self, batch: list[Change], reason: str, kind: str) -> list[Outcome]:
        try:
            after = self.read([c.lieu_id for c in batch])
        except WfsError as error:
            why = reason or error.message
            return [Outcome(c, UNKNOWN, self._message(UNKNOWN, c, why)) for c in batch]
        outcomes = []
        for change in batch:
            copies = after.get(change.lieu_id, [])
            outcome = self._after(change, copies, reason, kind)
            if outcome.applied:
                self._remove_duplicates(outcome, copies)
            outcomes.append(outcome)
        return outcomes
