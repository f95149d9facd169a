"""The lieux layer loaded from a WFS server, and the editing session that keeps it safe.

The layer the agent edits is a local (memory) copy of the server's lieux, so QGIS's own
"save edits" never talks to the server directly. When the agent saves:

1. the changes of the edit buffer are captured (one :class:`.sync.Change` per lieu) and written
   to the journal *before* anything is sent;
2. :class:`.sync.Synchronizer` sends them and reads the server back;
3. what the server applied is written into the layer as the server holds it; what it did not
   apply goes back into the edit buffer (the agent sees it as unsaved), with one French message
   per lieu; conflicts keep both versions for the agent to choose.

The edit buffer itself is mirrored to the journal while the agent edits, so a crash or a closed
project loses nothing: :meth:`LieuxSession.recover` restores it on the next load.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QObject, QTimer

from .i18n import tr
from .journal import APPLIED as J_APPLIED
from .journal import DISCARDED as J_DISCARDED
from .journal import DRAFT as J_DRAFT
from .journal import PENDING as J_PENDING
from .journal import Journal, JournalEntry
from .layer import LAMBERT93, layer_field_specs, qgs_fields, to_attribute, to_text
from .sync import (
    CONFLICT,
    DELETE,
    INSERT,
    UPDATE,
    VERSION_FIELD,
    Change,
    Outcome,
    Point,
    Synchronizer,
    SyncReport,
    same_point,
    same_value,
)
from .wfs import ServerFeature

READ_ONLY_FIELDS = ("id", "hdf_version", "hdf_date_modification", "hdf_dernier_editeur")
Row = dict[str, str]


def is_lieux_layer(layer) -> bool:
    """Whether a map layer holds lieux (a point layer with the standard's key fields)."""
    fields = getattr(layer, "fields", None)
    if fields is None:
        return False
    names = set(layer.fields().names())
    return {"id", "nom", "services", "adresse"} <= names


def server_row(feature: ServerFeature) -> Row:
    """A server feature as a row (model fields, text values)."""
    return {spec.name: feature.text(spec.name) for spec in layer_field_specs()}


def feature_row(feature: QgsFeature) -> Row:
    """A layer feature as a row."""
    specs = {spec.name: spec for spec in layer_field_specs()}
    fields = feature.fields()
    return {name: to_text(spec, feature.attribute(name)) if fields.indexFromName(name) >= 0 else ""
            for name, spec in specs.items()}


def feature_point(feature: QgsFeature) -> Optional[Point]:
    geometry = feature.geometry()
    if geometry is None or geometry.isEmpty():
        return None
    point = geometry.asPoint()
    return point.x(), point.y()


def set_row(feature: QgsFeature, row: Row, point: Optional[Point]) -> None:
    specs = {spec.name: spec for spec in layer_field_specs()}
    feature.setAttributes([to_attribute(specs[f.name()], row.get(f.name(), "")) if f.name() in specs else None
                           for f in feature.fields()])
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*point)) if point else QgsGeometry())


def create_lieux_layer(features: list[ServerFeature], name: str) -> QgsVectorLayer:
    """A memory layer (EPSG:2154) holding the server's lieux, with the plugin's field set-up."""
    layer = QgsVectorLayer(f"Point?crs={LAMBERT93}", name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(qgs_fields().toList())
    layer.updateFields()
    qgs_features = []
    for server_feature in features:
        feature = QgsFeature(layer.fields())
        set_row(feature, server_row(server_feature), server_feature.point)
        qgs_features.append(feature)
    ok, _ = provider.addFeatures(qgs_features)
    if not ok:
        raise ValueError(tr("Impossible de créer la couche des lieux en mémoire."))
    layer.updateExtents()
    configure_fields(layer)
    return layer


def configure_fields(layer: QgsVectorLayer) -> None:
    """The lieu form (tabs, widgets, constraints, automatic values) and the completeness score."""
    from qgis.core import QgsField

    from .compat import field_type
    from .forms import completeness_expression, configure_form

    configure_form(layer)
    if layer.fields().indexFromName("completude") < 0:
        layer.addExpressionField(completeness_expression(), QgsField("completude", field_type("integer"), "integer"))
        index = layer.fields().indexFromName("completude")
        layer.setFieldAlias(index, tr("Complétude (%)"))


@dataclass
class ApplyResult:
    report: SyncReport
    rebuffered: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [o.message for o in self.report.outcomes]


class LieuxSession(QObject):
    """Keeps one lieux layer, the server and the journal in step."""

    def __init__(self, layer: QgsVectorLayer, synchronizer: Synchronizer, journal: Journal, source: str,
                 runner: Optional[Callable[[list[Change], Callable[[SyncReport], None]], None]] = None,
                 notify: Optional[Callable[[ApplyResult], None]] = None):
        super().__init__()
        self.layer, self.sync, self.journal, self.source = layer, synchronizer, journal, source
        self.runner = runner or (lambda changes, done: done(self.sync.push(changes)))
        self.notify = notify or (lambda result: None)
        self.base: dict[str, tuple[Row, Optional[Point]]] = {}
        self.conflicts: dict[str, Outcome] = {}
        self.last_result: Optional[ApplyResult] = None
        self._captured: list[Change] = []
        self._captured_seqs: list[int] = []
        self._applying = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(300)
        self._draft_timer.timeout.connect(self.save_drafts)
        self.reset_base()
        layer.beforeCommitChanges.connect(self._before_commit)
        layer.afterCommitChanges.connect(self._after_commit)
        for signal in (layer.featureAdded, layer.featureDeleted, layer.attributeValueChanged, layer.geometryChanged):
            signal.connect(self._schedule_drafts)
        layer.afterRollBack.connect(self._schedule_drafts)

    # ------------------------------------------------------------------ state
    APPLYING_PROPERTY = "mednum/applying"

    def _set_applying(self, value: bool) -> None:
        """While the server's answer is applied, helpers watching the layer stay quiet."""
        self._applying = value
        self.layer.setCustomProperty(self.APPLYING_PROPERTY, value)

    def reset_base(self) -> None:
        """The layer's provider content is the server's state: take it as the base of new edits."""
        self.base = {}
        for feature in self.layer.dataProvider().getFeatures():
            row = feature_row(feature)
            self.base[row["id"]] = (row, feature_point(feature))

    def _provider_fids(self) -> dict[str, int]:
        request = QgsFeatureRequest().setNoAttributes().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        index = self.layer.fields().indexFromName("id")
        request.setSubsetOfAttributes([index])
        return {str(f.attribute(index)): f.id() for f in self.layer.dataProvider().getFeatures(request)}

    def _provider_feature(self, fid: int) -> Optional[QgsFeature]:
        feature = QgsFeature()
        if self.layer.dataProvider().getFeatures(QgsFeatureRequest(fid)).nextFeature(feature):
            return feature
        return None

    # ------------------------------------------------------------------ capture
    def current_changes(self) -> list[Change]:
        """The edit buffer as one change per lieu (new lieux get their UUID here if they lack one)."""
        buffer = self.layer.editBuffer()
        if buffer is None:
            return []
        changes: list[Change] = []
        id_index = self.layer.fields().indexFromName("id")
        added = buffer.addedFeatures()
        for fid, feature in added.items():
            row = feature_row(self.layer.getFeature(fid) if fid in added else feature)
            if not row.get("id"):
                row["id"] = str(uuid.uuid4())
                self.layer.changeAttributeValue(fid, id_index, row["id"])
            changes.append(Change(INSERT, row["id"], {k: v for k, v in row.items() if v}, feature_point(self.layer.getFeature(fid))))
        deleted = set(buffer.deletedFeatureIds())
        touched = (set(buffer.changedAttributeValues().keys()) | set(buffer.changedGeometries().keys())) - set(added) - deleted
        specs = {spec.name: spec for spec in layer_field_specs()}
        for fid in sorted(touched):
            original = self._provider_feature(fid)
            if original is None:
                continue
            lieu_id = to_text(specs["id"], original.attribute("id"))
            base_row, base_point = self.base.get(lieu_id) or (feature_row(original), feature_point(original))
            current = self.layer.getFeature(fid)
            row, point = feature_row(current), feature_point(current)
            diff = {name: value for name, value in row.items()
                    if name not in READ_ONLY_FIELDS and not same_value(specs.get(name), value, base_row.get(name, ""))}
            moved = point if not same_point(point, base_point) else None
            if diff or moved:
                changes.append(Change(UPDATE, lieu_id, diff, moved, base_row, base_point))
        for fid in sorted(deleted):
            original = self._provider_feature(fid)
            if original is None:
                continue
            lieu_id = to_text(specs["id"], original.attribute("id"))
            base_row, base_point = self.base.get(lieu_id) or (feature_row(original), feature_point(original))
            changes.append(Change(DELETE, lieu_id, {}, None, base_row, base_point))
        return changes

    def _schedule_drafts(self, *args) -> None:
        if not self._applying:
            self._draft_timer.start()

    def save_drafts(self) -> None:
        """Mirror the edit buffer into the journal (called shortly after each edit)."""
        self._draft_timer.stop()
        self.journal.replace_drafts(self.source, self.current_changes())

    def _before_commit(self, *args) -> None:
        if self._applying:
            return
        self._captured = self.current_changes()
        self._captured_seqs = self.journal.add_pending(self.source, self._captured)

    def _after_commit(self) -> None:
        if self._applying or not self._captured:
            return
        changes, seqs = self._captured, self._captured_seqs
        self._captured, self._captured_seqs = [], []
        self.runner(changes, lambda report: self.apply(report, seqs))

    # ------------------------------------------------------------------ save
    def save(self) -> ApplyResult:
        """Commit the layer's edits and send them (synchronously); what happened, per lieu."""
        self.last_result = None
        if self.layer.isEditable() and not self.layer.commitChanges():
            raise RuntimeError("; ".join(self.layer.commitErrors()))
        return self.last_result or ApplyResult(SyncReport())

    def push(self, changes: list[Change], seqs: Optional[list[int]] = None) -> ApplyResult:
        """Send changes that are not in the edit buffer (replay, import) and apply the outcome."""
        if seqs is None:
            seqs = self.journal.add_pending(self.source, changes) if changes else []
        report = self.sync.push(changes)
        return self.apply(report, seqs)

    # ------------------------------------------------------------------ apply the server's answer
    def apply(self, report: SyncReport, seqs: list[int]) -> ApplyResult:
        """Write the server's state of applied lieux into the layer; put the others back into the edit buffer."""
        result = ApplyResult(report)
        by_change = {id(o.change): o for o in report.outcomes}
        seq_of = {id(o.change): seq for o, seq in zip(report.outcomes, seqs)} if len(seqs) == len(report.outcomes) else {}
        self._set_applying(True)
        try:
            fids = self._provider_fids()
            provider = self.layer.dataProvider()
            back: list[Change] = []
            for outcome in report.outcomes:
                change = outcome.change
                if outcome.applied:
                    self._write_server_state(change.lieu_id, outcome.server, fids)
                    self.conflicts.pop(change.lieu_id, None)
                else:
                    self._restore_base(change, fids)
                    back.append(change)
                    if outcome.status == CONFLICT:
                        self.conflicts[change.lieu_id] = outcome
            if back:
                if not self.layer.isEditable():
                    self.layer.startEditing()
                fids = self._provider_fids()
                for change in back:
                    self._rebuffer(change, fids)
                result.rebuffered = [c.lieu_id for c in back]
            provider.updateExtents()
            self.layer.updateExtents()
            self.layer.triggerRepaint()
        finally:
            self._set_applying(False)
        applied = [seq_of[id(o.change)] for o in report.outcomes if o.applied and id(o.change) in seq_of]
        others = [seq_of[id(o.change)] for o in report.outcomes if not o.applied and id(o.change) in seq_of]
        self.journal.resolve(applied, J_APPLIED)
        self.journal.resolve(others, J_DISCARDED, tr("remise dans la couche, non enregistrée"))
        self.save_drafts()
        del by_change
        self.last_result = result
        self.notify(result)
        return result

    def _write_server_state(self, lieu_id: str, server: Optional[ServerFeature], fids: dict[str, int]) -> None:
        provider = self.layer.dataProvider()
        fid = fids.get(lieu_id)
        if server is None:
            if fid is not None:
                provider.deleteFeatures([fid])
            self.base.pop(lieu_id, None)
            return
        row = server_row(server)
        feature = QgsFeature(provider.fields())
        set_row(feature, row, server.point)
        if fid is None:
            provider.addFeatures([feature])
        else:
            provider.changeAttributeValues({fid: dict(enumerate(feature.attributes()))})
            provider.changeGeometryValues({fid: feature.geometry()})
        self.base[lieu_id] = (row, server.point)

    def _restore_base(self, change: Change, fids: dict[str, int]) -> None:
        """The provider goes back to the state the change was made from."""
        provider = self.layer.dataProvider()
        fid = fids.get(change.lieu_id)
        if change.op == INSERT:
            if fid is not None:
                provider.deleteFeatures([fid])
            return
        if change.base is None:
            return
        feature = QgsFeature(provider.fields())
        set_row(feature, change.base, change.base_point)
        if fid is None:
            provider.addFeatures([feature])
        else:
            provider.changeAttributeValues({fid: dict(enumerate(feature.attributes()))})
            provider.changeGeometryValues({fid: feature.geometry()})
        self.base[change.lieu_id] = (dict(change.base), change.base_point)

    def _rebuffer(self, change: Change, fids: dict[str, int]) -> None:
        """Put a change back into the edit buffer (the agent sees it as unsaved)."""
        fields = self.layer.fields()
        if change.op == INSERT:
            feature = QgsFeature(fields)
            set_row(feature, dict(change.values, id=change.lieu_id), change.point)
            self.layer.addFeature(feature)
            return
        fid = fids.get(change.lieu_id)
        if fid is None:
            return
        if change.op == DELETE:
            self.layer.deleteFeature(fid)
            return
        specs = {spec.name: spec for spec in layer_field_specs()}
        for name, value in change.values.items():
            index = fields.indexFromName(name)
            if index >= 0 and name in specs:
                self.layer.changeAttributeValue(fid, index, to_attribute(specs[name], value))
        if change.point is not None:
            self.layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(*change.point)))

    # ------------------------------------------------------------------ conflicts
    def resolve_conflict(self, lieu_id: str, keep: dict[str, str] | str) -> None:
        """Settle a conflict: ``"theirs"``, ``"mine"`` or per field ``{field: "mine"|"theirs"}``
        (``"geometry"`` for the position).

        The server's version becomes the base; the fields the agent keeps are put in the edit
        buffer on top of it, to be saved as a normal edit (the other agent's changes are kept).
        """
        outcome = self.conflicts.pop(lieu_id)
        change = outcome.change
        if isinstance(keep, str):
            keep = dict({name: keep for name in change.values}, geometry=keep, delete=keep)
        kept = {name: value for name, value in change.values.items() if keep.get(name) == "mine"}
        kept_point = change.point if keep.get("geometry") == "mine" else None
        resolved: Optional[Change] = None
        if outcome.server is None:
            if change.op == UPDATE and (kept or kept_point) and change.base:
                resolved = Change(INSERT, lieu_id, dict(change.base, **kept), kept_point or change.base_point)
        elif change.op == DELETE:
            if keep.get("delete") == "mine":
                resolved = Change(DELETE, lieu_id)
        elif kept or kept_point:
            resolved = Change(UPDATE, lieu_id, kept, kept_point)
        self._set_applying(True)
        try:
            others = [c for c in self.current_changes() if c.lieu_id != lieu_id]
            if self.layer.isEditable():
                self.layer.rollBack()
            self._write_server_state(lieu_id, outcome.server, self._provider_fids())
            todo = others + ([resolved] if resolved else [])
            if todo:
                self.layer.startEditing()
                for other in todo:
                    self._rebuffer(other, self._provider_fids())
        finally:
            self._set_applying(False)
        self.save_drafts()

    # ------------------------------------------------------------------ recovery
    def unfinished(self) -> list[JournalEntry]:
        return self.journal.entries(self.source)

    def recover(self) -> Optional[ApplyResult]:
        """After a crash or a closed project: send the saved-but-unconfirmed changes (idempotent) and
        put the unsaved ones back into the edit buffer (or among the conflicts if the server moved on)."""
        entries = self.unfinished()
        pending = [e for e in entries if e.state == J_PENDING]
        drafts = [e for e in entries if e.state == J_DRAFT]
        result = self.push([e.change for e in pending], [e.seq for e in pending]) if pending else None
        if drafts:
            states = self.sync.read([e.change.lieu_id for e in drafts])
            outcomes = []
            for entry in drafts:
                settled = self.sync._before(entry.change, states.get(entry.change.lieu_id, []))
                outcomes.append(Outcome(entry.change, CONFLICT, settled.message, settled.server)
                                if settled is not None and settled.status == CONFLICT else None)
            self._set_applying(True)
            try:
                if not self.layer.isEditable():
                    self.layer.startEditing()
                fids = self._provider_fids()
                for entry, outcome in zip(drafts, outcomes):
                    if outcome is not None:
                        self._restore_base(entry.change, fids)
                        self.conflicts[entry.change.lieu_id] = outcome
                    self._rebuffer(entry.change, self._provider_fids())
            finally:
                self._set_applying(False)
            self.save_drafts()
        return result

    def discard_unfinished(self) -> int:
        return self.journal.discard(self.source)

    @staticmethod
    def version_of(row: Row) -> str:
        return row.get(VERSION_FIELD, "")


def source_key(url: str, typename: str) -> str:
    """How the journal names a server layer (no credentials, ever)."""
    from .network import safe_url

    return f"{safe_url(url)}#{typename}"


def open_session(client, typename: str, journal: Journal, editor: str = "", name: Optional[str] = None,
                 page_size: int = 1000, **session_options) -> LieuxSession:
    """Load the server's lieux into a layer (all pages, or WfsError) and start a session on it."""
    features = client.fetch_all(typename, page_size=page_size)
    layer = create_lieux_layer(features, name or tr("Lieux de médiation numérique"))
    feature_type = client.feature_type(typename)
    if not feature_type.editable:
        layer.setReadOnly(True)
    synchronizer = Synchronizer(client, typename, editor)
    return LieuxSession(layer, synchronizer, journal, source_key(client.url, typename), **session_options)
