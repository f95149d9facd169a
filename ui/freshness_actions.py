"""Layer actions to keep the base alive (confirm a fiche, move it along the workflow), the freshness map style,
and the « Écarter » actions of the « Lieux sous les radars » result layer."""

from __future__ import annotations

from datetime import date
from typing import Optional

from qgis.core import (
    QgsAction,
    QgsFeatureRenderer,
    QgsProject,
    QgsReadWriteContext,
    QgsRuleBasedRenderer,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from ..core.compat import MSG_CRITICAL, MSG_INFO, MSG_SUCCESS, MSG_WARNING, python_action_type
from ..core.freshness import (
    A_JOUR,
    A_VALIDER,
    A_VERIFIER,
    BROUILLON,
    CLASS_COLOURS,
    DEFAULT_STALE_MONTHS,
    FERME,
    PUBLIE,
    SANS_DATE,
    EditResult,
    confirm_unchanged,
    months_before,
    set_status,
    status_labels,
)
from ..core.i18n import tr

CONFIRM = "confirmer"
#: Action key → target status.
STATUS_ACTIONS = {"a_valider": A_VALIDER, "publier": PUBLIE, "fermer": FERME, "brouillon": BROUILLON}
#: Where the layer's own renderer waits while the freshness style is shown.
PROP_SAVED_RENDERER = "mednum/fraicheur_rendu_precedent"
PROP_STYLED = "mednum/fraicheur_style"

#: Refusals spelled out in the message bar (the others are counted).
MAX_REASONS = 5

_IFACE = None


def action_names() -> dict[str, str]:
    """Action key → French name shown in the layer's action menu."""
    return {CONFIRM: tr("Confirmer sans changement aujourd'hui"), "a_valider": tr("Passer à : À valider"),
            "publier": tr("Passer à : Publié"), "fermer": tr("Passer à : Fermé"), "brouillon": tr("Renvoyer en brouillon")}


def _python_code(module_function: str, key: str) -> str:
    return f"from mednum.ui.freshness_actions import {module_function}\n{module_function}('[% @layer_id %]', [% $id %], {key!r})"


def install_freshness_actions(iface, layer: QgsVectorLayer) -> None:
    """Add the freshness and workflow actions to a lieux layer (feature and map scopes; once)."""
    global _IFACE
    _IFACE = iface
    manager = layer.actions()
    existing = {action.name() for action in manager.actions()}
    for key, name in action_names().items():
        if name in existing:
            continue
        if key != CONFIRM and layer.fields().indexFromName("hdf_statut") < 0:
            continue
        manager.addAction(QgsAction(python_action_type(), name, _python_code("run_action", key), "", False, "", {"Feature", "Canvas"}))


def current_editor() -> str:
    """Who the agent is: the editor name of the plugin's settings, else the authentication user, else the session login."""
    from qgis.core import QgsApplication

    from ..core.settings import authcfg_user, load_settings

    try:
        connection = load_settings()
        return connection.editor or authcfg_user(connection.authcfg) or QgsApplication.userLoginName() or ""
    except Exception:  # an unreadable setting must not block the action
        return QgsApplication.userLoginName() or ""


def target_fids(layer: QgsVectorLayer, fid: Optional[int]) -> list[int]:
    """The lieux an action applies to: the whole selection when the clicked lieu is in it (or none was clicked), else that lieu."""
    selected = sorted(layer.selectedFeatureIds())
    if fid is None or int(fid) < 0:
        return selected
    return selected if int(fid) in selected else [int(fid)]


def apply_action(layer: QgsVectorLayer, fids: list[int], key: str, editor: Optional[str] = None,
                 today: Optional[date] = None) -> EditResult:
    """Run one action on lieux of the layer (edit buffer only)."""
    editor = current_editor() if editor is None else editor
    if key == CONFIRM:
        return confirm_unchanged(layer, fids, today, editor)
    if key not in STATUS_ACTIONS:
        raise ValueError(key)
    return set_status(layer, fids, STATUS_ACTIONS[key], editor)


def result_message(key: str, result: EditResult, today: Optional[date] = None):
    """The French message bar text and level of an action's result."""
    parts = []
    if result.changed:
        if key == CONFIRM:
            parts.append(tr("{n} lieu(x) confirmé(s) à jour au {date}.").format(n=len(result.changed),
                                                                                date=(today or date.today()).strftime("%d/%m/%Y")))
        else:
            parts.append(tr("{n} lieu(x) passé(s) à « {statut} ».").format(n=len(result.changed),
                                                                           statut=status_labels()[STATUS_ACTIONS[key]]))
        parts.append(tr("Enregistrez la couche pour envoyer les modifications."))
    if result.unchanged:
        parts.append(tr("{n} lieu(x) déjà dans ce statut.").format(n=len(result.unchanged)))
    if result.refused:
        shown = " ".join(result.refused[:MAX_REASONS])
        if len(result.refused) > MAX_REASONS:
            shown += " " + tr("… et {n} autre(s) refus.").format(n=len(result.refused) - MAX_REASONS)
        parts.append(tr("Refusé : {raisons}").format(raisons=shown))
    if not parts:
        return tr("Aucun lieu sélectionné."), MSG_INFO
    level = MSG_SUCCESS if result.changed and not result.refused else MSG_WARNING if result.changed else \
        MSG_CRITICAL if result.refused else MSG_INFO
    return " ".join(parts), level


def _push(text: str, level) -> None:
    iface = _IFACE
    if iface is None:
        from qgis.utils import iface as qgis_iface

        iface = qgis_iface
    if iface is not None:
        iface.messageBar().pushMessage(tr("Médiation numérique"), text, level=level, duration=0 if level == MSG_CRITICAL else 6)


def run_action(layer_id: str, fid: Optional[int], key: str) -> Optional[EditResult]:
    """Target of the layer actions: act on the clicked lieu (or the selection holding it) and tell the agent."""
    layer = QgsProject.instance().mapLayer(layer_id)
    if not isinstance(layer, QgsVectorLayer):
        return None
    fids = target_fids(layer, fid)
    try:
        result = apply_action(layer, fids, key)
    except ValueError as error:
        _push(str(error), MSG_CRITICAL)
        return None
    text, level = result_message(key, result)
    _push(text, level)
    layer.triggerRepaint()
    return result


# ---------------------------------------------------------------------------- the map style
def _renderer_xml(renderer) -> str:
    doc = QDomDocument()
    doc.appendChild(renderer.save(doc, QgsReadWriteContext()))
    return doc.toString()


def freshness_renderer(layer: QgsVectorLayer, months: int = DEFAULT_STALE_MONTHS, today: Optional[date] = None) -> QgsRuleBasedRenderer:
    """Rules on the age of ``date_maj``: green « à jour », orange « à vérifier » (older than ``months``), grey « sans date »."""
    cutoff = months_before(today or date.today(), months)
    day = 'try(to_date("date_maj"))'
    rules = ((f"{day} IS NULL", SANS_DATE, tr("Sans date")),
             (f"{day} < to_date('{cutoff.isoformat()}')", A_VERIFIER,
              tr("À vérifier (mise à jour avant le {date})").format(date=cutoff.strftime("%d/%m/%Y"))),
             ("ELSE", A_JOUR, tr("À jour")))
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, key, label in rules:
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(CLASS_COLOURS[key]))
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label, key))
    return QgsRuleBasedRenderer(root)


def style_by_freshness(layer: QgsVectorLayer, months: int = DEFAULT_STALE_MONTHS, today: Optional[date] = None) -> None:
    """Show the layer by freshness; its own style is kept (custom property) for :func:`restore_style`."""
    if not layer.customProperty(PROP_SAVED_RENDERER, "") and layer.renderer() is not None:
        layer.setCustomProperty(PROP_SAVED_RENDERER, _renderer_xml(layer.renderer()))
    layer.setRenderer(freshness_renderer(layer, months, today))
    layer.setCustomProperty(PROP_STYLED, True)
    layer.triggerRepaint()


def is_styled_by_freshness(layer: QgsVectorLayer) -> bool:
    return str(layer.customProperty(PROP_STYLED, "false")).lower() == "true"


def restore_style(layer: QgsVectorLayer) -> bool:
    """Give the layer back the style it had before :func:`style_by_freshness`; True if one was restored."""
    xml = layer.customProperty(PROP_SAVED_RENDERER, "")
    layer.removeCustomProperty(PROP_SAVED_RENDERER)
    layer.removeCustomProperty(PROP_STYLED)
    if not xml:
        return False
    doc = QDomDocument()
    doc.setContent(xml)
    renderer = QgsFeatureRenderer.load(doc.documentElement(), QgsReadWriteContext())
    if renderer is None:
        return False
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return True


def toggle_freshness_style(layer: QgsVectorLayer, months: int = DEFAULT_STALE_MONTHS) -> bool:
    """Freshness style on or off; True when it is now shown."""
    if is_styled_by_freshness(layer):
        restore_style(layer)
        return False
    style_by_freshness(layer, months)
    return True


# ---------------------------------------------------------------------------- « sous les radars »
def radar_action_names() -> dict[str, str]:
    return {"ecarter": tr("Écarter ce lieu (ne plus le signaler)…"), "retablir": tr("Ne plus écarter ce lieu")}


def install_radar_actions(layer: QgsVectorLayer) -> None:
    """« Écarter » / « Ne plus écarter » on the result layer of « Lieux sous les radars » (once)."""
    manager = layer.actions()
    existing = {action.name() for action in manager.actions()}
    for key, name in radar_action_names().items():
        if name not in existing:
            manager.addAction(QgsAction(python_action_type(), name, _python_code("run_radar_action", key), "", False, "",
                                        {"Feature", "Canvas"}))


def dismiss_features(layer: QgsVectorLayer, fids: list[int], reason: str = "", who: str = "", undo: bool = False,
                     path: Optional[str] = None) -> int:
    """Dismiss (or restore) absent places of a result layer for their source; how many changed."""
    from ..core.radars import PROP_DISMISSALS, Dismissals

    path = path or layer.customProperty(PROP_DISMISSALS, "") or None
    changed = 0
    with Dismissals(path) as dismissals:
        for feature in layer.getFeatures(fids):
            source, key = str(feature["source_radar"] or ""), str(feature["cle_externe"] or "")
            if not source or not key:
                continue
            if undo:
                changed += int(dismissals.undo(source, key))
            else:
                dismissals.dismiss(source, key, reason, who)
                changed += 1
    return changed


def run_radar_action(layer_id: str, fid: Optional[int], key: str) -> int:
    """Target of the « Écarter » actions (asks the reason)."""
    from qgis.PyQt.QtWidgets import QInputDialog

    layer = QgsProject.instance().mapLayer(layer_id)
    if not isinstance(layer, QgsVectorLayer):
        return 0
    fids = target_fids(layer, fid)
    if key == "retablir":
        count = dismiss_features(layer, fids, undo=True)
        _push(tr("{n} lieu(x) de nouveau signalé(s) aux prochains calculs.").format(n=count), MSG_INFO)
        return count
    reason, ok = QInputDialog.getText(None, tr("Écarter"), tr("Pourquoi écarter {n} lieu(x) ? (ex. pas un lieu de médiation, fermé)").format(
        n=len(fids)))
    if not ok:
        return 0
    count = dismiss_features(layer, fids, reason, current_editor())
    _push(tr("{n} lieu(x) écarté(s) : ils ne seront plus signalés pour cette source.").format(n=count), MSG_SUCCESS)
    return count
