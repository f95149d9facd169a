"""« Gérer les droits… »: the animateur edits the ``droits`` table on the server (WFS-T)."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.i18n import tr
from ..core.rights import ROLES, parse_territories
from ..core.wfs import TransactionBuilder, WfsError

COLUMNS = ("login", "role", "territoires", "libelle")


def save_rights(client, typename: str, rows: list[dict], original: dict[str, dict]) -> str:
    """Send the changed and new rows in one transaction; a French summary (raises WfsError on refusal)."""
    builder = TransactionBuilder(client.schema(typename), client.version)
    changed = added = 0
    for row in rows:
        login = row["login"].strip()
        if not login:
            continue
        before = original.get(login)
        values = {name: row[name].strip() for name in COLUMNS if name != "login"}
        if before is None:
            builder.insert(dict(values, login=login), None)
            added += 1
        elif any(before.get(name, "") != value for name, value in values.items()):
            builder.update(values, None, [("login", login)])
            changed += 1
    if not len(builder):
        return tr("Aucun changement.")
    result = client.transaction(builder.tobytes())
    if result.error:
        raise WfsError(tr("Le serveur a refusé la modification des droits : {motif}").format(motif=result.error))
    return tr("{n} agent(s) modifié(s), {m} ajouté(s).").format(n=changed, m=added)


class RightsDialog(QDialog):
    def __init__(self, client, typename: str, parent=None):
        super().__init__(parent)
        self.client, self.typename = client, typename
        self.setWindowTitle(tr("Droits des agents"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Territoires : dep:80, epci:248000531, com:80021 (séparés par |). Les mots de passe restent "
                                   "dans l'annuaire de la plateforme.")))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("Identifiant"), tr("Rôle"), tr("Territoires"), tr("Libellé")])
        layout.addWidget(self.table)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = QPushButton(tr("Ajouter un agent"))
        self.save_button = QPushButton(tr("Enregistrer sur le serveur"))
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(lambda: self._add_row({}))
        self.save_button.clicked.connect(self.save)
        layout.addWidget(buttons)
        self.original: dict[str, dict] = {}
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        self.original = {}
        for feature in self.client.fetch_all(self.typename):
            row = {name: feature.text(name) for name in COLUMNS}
            self.original[row["login"]] = row
            self._add_row(row)

    def _add_row(self, row: dict) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        for column, name in enumerate(COLUMNS):
            if name == "role":
                combo = QComboBox()
                combo.addItems(list(ROLES))
                combo.setCurrentText(row.get("role") or "lecteur")
                self.table.setCellWidget(index, column, combo)
            else:
                self.table.setItem(index, column, QTableWidgetItem(row.get(name, "")))

    def rows(self) -> list[dict]:
        found = []
        for index in range(self.table.rowCount()):
            row = {}
            for column, name in enumerate(COLUMNS):
                if name == "role":
                    row[name] = self.table.cellWidget(index, column).currentText()
                else:
                    item = self.table.item(index, column)
                    row[name] = item.text() if item else ""
            found.append(row)
        return found

    def save(self) -> bool:
        rows = self.rows()
        bad = [r["login"] for r in rows if r["role"] == "contributeur" and not parse_territories(r["territoires"])]
        if bad:
            self.status.setText(tr("Territoire manquant ou illisible pour : {agents}.").format(agents=", ".join(bad)))
            return False
        try:
            self.status.setText(save_rights(self.client, self.typename, rows, self.original))
        except WfsError as error:
            self.status.setText(error.message)
            return False
        self.reload()
        return True
