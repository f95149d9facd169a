"""« Charger les lieux »: the plugin's side of loading the base and saving edits (messages, dialogs)."""

from __future__ import annotations

from typing import Callable, Optional

from qgis.core import QgsApplication, QgsMessageLog
from qgis.PyQt.QtWidgets import QDialog, QMessageBox

from ..core.compat import MSG_CRITICAL, MSG_INFO, MSG_SUCCESS, MSG_WARNING
from ..core.connection import SOURCE_PROPERTY, LoadedBase, LoadLieuxTask, add_to_project, build_session, task_runner
from ..core.editing import ApplyResult, LieuxSession, source_key
from ..core.i18n import tr
from ..core.journal import Journal, JournalEntry, default_journal_path
from ..core.settings import ConnectionSettings, authcfg_user, load_settings
from ..core.sync import APPLIED, CONFLICT

LOG_TAG = "Médiation numérique"
RESTORE, DISCARD, LATER = "restaurer", "abandonner", "plus_tard"


def ask_recovery(parent, entries: list[JournalEntry]) -> str:
    """Ask what to do with changes left by a crash or a closed project."""
    names = "\n".join(f"• {e.change.nom}" for e in entries[:12]) + ("\n…" if len(entries) > 12 else "")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Modifications non enregistrées"))
    box.setText(tr("{n} modification(s) de lieux n'ont pas été confirmées par le serveur lors de la dernière session :").format(
        n=len(entries)) + "\n" + names)
    box.setInformativeText(tr("Restaurer : les modifications déjà enregistrées sont vérifiées et envoyées sans doublon, "
                              "les autres reviennent dans la couche en édition."))
    restore = box.addButton(tr("Restaurer"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("Abandonner"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("Plus tard"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return RESTORE if clicked is restore else DISCARD if clicked is discard else LATER


class LieuxController:
    """Loads the lieux from the configured server and keeps their editing session."""

    def __init__(self, iface, journal: Optional[Journal] = None,
                 ask: Callable[[object, list[JournalEntry]], str] = ask_recovery,
                 resolve: Optional[Callable[[LieuxSession, object], None]] = None,
                 on_session: Optional[Callable[[LieuxSession], None]] = None):
        self.iface = iface
        self.journal = journal
        self.ask = ask
        self.resolve = resolve or self.open_conflict_dialog
        self.on_session = on_session
        self.holder: dict = {}
        self.task: Optional[LoadLieuxTask] = None
        self.connection: Optional[ConnectionSettings] = None
        self.replace = None
        self.rights = None

    @property
    def session(self) -> Optional[LieuxSession]:
        return self.holder.get("session")

    def _bar(self, text: str, level, duration: int = 8) -> None:
        self.iface.messageBar().pushMessage(tr("Médiation numérique"), text, level=level, duration=duration)

    def load(self, connection: Optional[ConnectionSettings] = None, wait: bool = False, replace=None) -> Optional[LoadLieuxTask]:
        """Start loading (in a QgsTask; ``wait`` runs it here, for scripts and tests).

        ``replace``: a lieux layer of a reopened project, emptied by QGIS (its content lives on the
        server); the fresh layer takes its place in the layer tree.
        """
        self.replace = replace
        connection = connection or load_settings()
        problems = connection.problems()
        if problems:
            self._bar(tr("Paramètres de connexion à corriger : {problemes}").format(problemes=" ".join(problems)), MSG_CRITICAL, 0)
            return None
        self.connection = connection
        if self.journal is None:
            self.journal = Journal(default_journal_path())
            self.journal.purge()
        self.task = LoadLieuxTask(connection, self._loaded)
        if wait:
            self.task.finished(self.task.run())
        else:
            QgsApplication.taskManager().addTask(self.task)
            self._bar(tr("Chargement des lieux depuis {url}…").format(url=connection.url), MSG_INFO, 3)
        return self.task

    def _loaded(self, loaded: Optional[LoadedBase], error: Optional[str]) -> None:
        connection = self.connection
        if loaded is None:
            # never an empty layer that would look like an empty base
            self._bar(tr("Les lieux n'ont pas été chargés : {erreur}").format(erreur=error or tr("erreur inconnue")), MSG_CRITICAL, 0)
            QgsMessageLog.logMessage(error or "", LOG_TAG, MSG_CRITICAL)
            return
        editor = connection.editor or authcfg_user(connection.authcfg) or QgsApplication.userLoginName() or ""
        session = build_session(loaded, connection, self.journal, editor, runner=task_runner(self.holder), notify=self.show_result)
        self.holder["session"] = session
        self.rights = self._apply_rights(loaded, connection, session, editor)
        from .fiche_dialog import install_fiche_action

        install_fiche_action(session.layer)
        from .freshness_actions import install_freshness_actions
        from .history_dialog import install_history_action

        install_history_action(session.layer, session)
        install_freshness_actions(self.iface, session.layer)
        if self.on_session is not None:
            self.on_session(session)
        if self.replace is not None:
            self._take_place_of(self.replace, session.layer)
            self.replace = None
        else:
            add_to_project(session, connection, loaded.version)
        canvas = self.iface.mapCanvas()
        if canvas is not None and session.layer.featureCount():
            canvas.setExtent(session.layer.extent())
            canvas.refresh()
        mode = tr("modifiables") if loaded.editable else tr("en lecture seule")
        self._bar(tr("{n} lieux chargés (WFS {version}), {mode}.").format(n=len(loaded.features), version=loaded.version, mode=mode),
                  MSG_SUCCESS, 5)
        entries = session.unfinished()
        if entries:
            choice = self.ask(self.iface.mainWindow(), entries)
            if choice == RESTORE:
                session.recover()
                if session.conflicts:
                    self._resolve_conflicts(session)
            elif choice == DISCARD:
                session.discard_unfinished()

    def _apply_rights(self, loaded: LoadedBase, connection: ConnectionSettings, session: LieuxSession, login: str):
        """Read the agent's rights from the server's ``droits`` layer, show them, and apply them to the layer."""
        from ..core.rights import apply_rights, read_rights, read_territories
        from ..core.wfs import WfsError

        try:
            territories = read_territories(loaded.client, connection.typename("communes"), connection.typename("departements"))
            rights = read_rights(loaded.client, connection.typename("droits"), login, territories)
        except WfsError as error:
            QgsMessageLog.logMessage(tr("Droits non lus : {erreur}").format(erreur=error.message), LOG_TAG, MSG_WARNING)
            return None
        if rights is None:
            return None
        apply_rights(session, rights, territories)
        self._bar(tr("Vous êtes : {droits}.").format(droits=rights.describe()), MSG_INFO, 8)
        return rights

    @staticmethod
    def _take_place_of(old, new) -> None:
        from qgis.core import QgsProject

        project = QgsProject.instance()
        node = project.layerTreeRoot().findLayer(old.id())
        parent = node.parent() if node is not None else project.layerTreeRoot()
        index = parent.children().index(node) if node is not None else 0
        new.setName(old.name())
        project.addMapLayer(new, False)
        parent.insertLayer(index, new)
        project.removeMapLayer(old.id())

    def reload_saved_layers(self, project=None) -> int:
        """After a project is opened: reload its lieux layers from the server (QGIS keeps no copy of them)."""
        from qgis.core import QgsProject

        project = project or QgsProject.instance()
        connection = load_settings()
        expected = source_key(connection.url, connection.typename("lieux"))
        reloaded = 0
        for layer in list(project.mapLayers().values()):
            source = layer.customProperty(SOURCE_PROPERTY)
            if not source:
                continue
            if source != expected:
                self._bar(tr("La couche « {couche} » vient de {source} ; réglez la connexion sur ce service puis rechargez-la.").format(
                    couche=layer.name(), source=source), MSG_WARNING, 0)
                continue
            self.load(connection, wait=False, replace=layer)
            reloaded += 1
        return reloaded

    def show_result(self, result: ApplyResult) -> None:
        """One message per lieu in the log; a summary in the message bar; conflicts to resolve."""
        report = result.report
        for outcome in report.outcomes:
            QgsMessageLog.logMessage(outcome.message, LOG_TAG, MSG_INFO if outcome.status == APPLIED else MSG_WARNING)
        if not report.outcomes:
            return
        problems = [o.message for o in report.outcomes if o.status != APPLIED]
        text = report.summary() + ("\n" + "\n".join(problems[:5]) if problems else "")
        self._bar(text, MSG_SUCCESS if not problems else MSG_WARNING, 6 if not problems else 0)
        session = self.session
        if session is not None and any(o.status == CONFLICT for o in report.outcomes):
            self._resolve_conflicts(session)

    def _resolve_conflicts(self, session: LieuxSession) -> None:
        for outcome in list(session.conflicts.values()):
            self.resolve(session, outcome)

    def open_conflict_dialog(self, session: LieuxSession, outcome) -> None:
        from .conflict_dialog import ConflictDialog

        dialog = ConflictDialog(outcome, self.iface.mainWindow())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            session.resolve_conflict(outcome.change.lieu_id, dialog.choice())
            self._bar(tr("« {nom} » : votre choix est dans la couche ; enregistrez pour l'envoyer.").format(nom=outcome.change.nom),
                      MSG_INFO, 6)
