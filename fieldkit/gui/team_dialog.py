"""File → Team…: publish this project to a team server or join a team; for a replica, its
status, the members and the blind sets.

Passwords never go into the project: a password typed here is put in the system keyring when
the researcher asks for that (and a keyring is there), otherwise it is kept in this program's
memory until it ends (``credentials.keep_for_session``); libpq's pgpass file works as always.
Publishing, joining and the lead's actions run on the window's job runner (progress, and a
one-line message when they fail; the project is left as it was then).
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.core.progress import Progress
from fieldkit.gui.dialog_buttons import dialog_buttons
from fieldkit.gui.i18n import number, tr
from fieldkit.gui.team_sync import Quietly, _when, explain
from fieldkit.project import Project
from fieldkit.team import credentials

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.gui.welcome import WelcomeWindow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class RowsModel(QAbstractTableModel):
    """A read-only table of strings (members, blind sets)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setMinimumHeight(110)
    return view


def _form_below(box: QGroupBox, hint: str) -> QFormLayout:
    """A group with a wrapped hint above its form (a hint inside a form row gets too little
    height)."""
    outer = QVBoxLayout(box)
    outer.addWidget(_hint(hint))
    form = QFormLayout()
    outer.addLayout(form)
    return form


def _right(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class PasswordRow(QWidget):
    """A password field, with "remember in the system keyring" when there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(tr("Only if the server asks for one"))
        self.remember = QCheckBox(tr("Remember in the system keyring"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if credentials.available():
            layout.addWidget(self.remember)
        else:
            self.remember.hide()

    def keep(self, url: str, member: str = "") -> str:
        """Put the typed password where fieldkit finds it for ``url``; the URL to use (with
        ``member`` as its user, when given)."""
        from fieldkit.storage.team_server import url_with

        url, in_url = _split_password(url)
        if member:
            url = url_with(url, user=member)
        secret = self.edit.text() or in_url
        if secret:
            if not (self.remember.isChecked() and credentials.remember(url, secret)):
                credentials.keep_for_session(url, secret)
        return url


def _split_password(url: str) -> tuple[str, str]:
    """A URL written with its password: the URL without it, and the password."""
    from urllib.parse import unquote, urlsplit

    try:
        parts = urlsplit(url)
        secret = unquote(parts.password or "")
    except ValueError:
        return url, ""
    if not secret:
        return url, ""
    from fieldkit.storage.team_server import public_url

    return public_url(url), secret


class TeamDialog(QDialog):
    """Publish or join (a project not in a team), or the replica's team (one that is)."""

    def __init__(self, window: MainWindow | WelcomeWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.project: Project | None = window.project
        self.setWindowTitle(tr("Team"))
        self.setMinimumWidth(680)
        self.quietly = Quietly(self)
        self.layout_ = QVBoxLayout(self)
        self.body = QWidget()
        self.layout_.addWidget(self.body, 1)
        buttons = dialog_buttons(self, close=True)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.layout_.addWidget(buttons)
        self.rebuild()

    @property
    def main(self) -> MainWindow:
        """The main window: publishing and a replica's view have one (the welcome screen,
        with no project, only joins)."""
        from fieldkit.gui.main_window import MainWindow

        assert isinstance(self.window_, MainWindow)
        return self.window_

    def rebuild(self) -> None:
        self.layout_.removeWidget(self.body)
        self.body.deleteLater()
        self.body = QWidget()
        self.layout_.insertWidget(0, self.body, 1)
        if self.project is not None and self.project.team.joined:
            self._replica(self.body, self.project)
        else:
            self._outside(self.body)
        self._fit()

    def _fit(self) -> None:
        """As tall as the wrapped hints need at this width (Qt's size hint alone gives the
        form rows too little), but no taller than the screen."""
        self.adjustSize()
        width = max(self.width(), self.minimumWidth())
        need = self.layout_.totalHeightForWidth(width) if self.layout_.hasHeightForWidth() \
            else self.sizeHint().height()
        screen = self.screen().availableGeometry().height() if self.screen() else need
        height = min(max(need, self.sizeHint().height()), screen - 40)
        self.setMinimumHeight(height)
        self.resize(width, height)

    # -- a project not in a team ---------------------------------------------------------

    def _outside(self, body: QWidget) -> None:
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_hint(tr(
            "A team works on one study from several computers: each member keeps a normal "
            "project on their own computer, works offline as usual, and syncs with the team's "
            "PostgreSQL server.")))
        self.publish_box = QGroupBox(tr("Publish this project"))
        form = _form_below(self.publish_box, tr(
            "This project becomes the team's first state on the server. The user in the URL "
            "becomes the team lead, who adds the other members."))
        self.publish_url = QLineEdit()
        self.publish_url.setPlaceholderText("postgresql://lead@server:5432/study")
        self.publish_password = PasswordRow()
        self.publish_button = QPushButton(tr("Publish"))
        self.publish_button.clicked.connect(self.publish)
        form.addRow(tr("Server URL"), self.publish_url)
        form.addRow(tr("Password"), self.publish_password)
        form.addRow("", _right(self.publish_button))
        if self.project is None:
            self.publish_box.setEnabled(False)
        layout.addWidget(self.publish_box)

        self.join_box = QGroupBox(tr("Join a team"))
        form = _form_below(self.join_box, tr(
            "Makes a copy of the team's study in a new folder and opens it. The lead must have "
            "added you as a member."))
        self.join_url = QLineEdit()
        self.join_url.setPlaceholderText("postgresql://anna@server:5432/study")
        self.join_member = QLineEdit()
        self.join_member.setPlaceholderText(tr("The user in the URL"))
        self.join_coder = QLineEdit(self.project.coder if self.project is not None
                                    else getpass.getuser())
        self.join_folder = QLineEdit()
        self.join_folder.setPlaceholderText(tr("A new folder for your copy of the study"))
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.join_folder, 1)
        folder_row.addWidget(choose)
        self.join_password = PasswordRow()
        # joining under a coder name the study has already takes over that coder's codings:
        # only when asked for (a member on a new computer), never silently
        self.join_existing = QCheckBox(tr("I am this coder (the study has my codings "
                                          "already)"))
        self.join_button = QPushButton(tr("Join"))
        self.join_button.clicked.connect(self.join)
        form.addRow(tr("Server URL"), self.join_url)
        form.addRow(tr("Member (optional)"), self.join_member)
        form.addRow(tr("Your name as coder"), self.join_coder)
        form.addRow("", self.join_existing)
        form.addRow(tr("New folder"), folder_row)
        form.addRow(tr("Password"), self.join_password)
        form.addRow("", _right(self.join_button))
        layout.addWidget(self.join_box)
        # Enter in a form does that form's work; it used to reach the dialog's Close button
        # and throw the typed URL and password away
        for button in body.findChildren(QPushButton):
            button.setAutoDefault(False)
        for edit, work in ((self.publish_url, self.publish),
                           (self.publish_password.edit, self.publish),
                           (self.join_url, self.join), (self.join_member, self.join),
                           (self.join_coder, self.join), (self.join_folder, self.join),
                           (self.join_password.edit, self.join)):
            edit.returnPressed.connect(work)
        if not credentials.available():
            layout.addWidget(_hint(tr(
                "There is no system keyring here: fieldkit uses your pgpass file, and a password "
                "typed here is kept only until fieldkit closes. It is never stored in the "
                "project.")))
        layout.addStretch(1)

    def _choose_folder(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("New folder"),
                                              str(Path.home() / "Team study.fieldkit"))
        if path:
            self.join_folder.setText(path if path.endswith(".fieldkit") else path + ".fieldkit")

    def publish(self) -> None:
        project = self.project
        url = self.publish_url.text().strip()
        if project is None or not url:
            self._say(tr("Publish"), tr("Type the server's URL first."))
            return
        try:
            url = self.publish_password.keep(url)
        except FieldkitError as exc:
            self._say(tr("Publish"), str(exc))
            return

        def job(progress: Progress) -> None:
            project.team.publish(url, progress=progress)

        def done(_: None) -> None:
            self.main.start_team()
            self.rebuild()

        title = tr("Publishing to the team server")
        self.window_.runner.run(title, job, done, failed=self._failed(title))

    def join(self) -> None:
        from fieldkit.team.replica import join

        url, folder = self.join_url.text().strip(), self.join_folder.text().strip()
        member, coder = self.join_member.text().strip(), self.join_coder.text().strip()
        if not url or not folder or not coder:
            self._say(tr("Join"), tr("Type the server's URL, your name as coder and a new "
                                     "folder first."))
            return
        try:
            url = self.join_password.keep(url, member)
        except FieldkitError as exc:
            self._say(tr("Join"), str(exc))
            return

        existing = self.join_existing.isChecked()

        def job(progress: Progress) -> Project:
            return join(url, folder, coder=coder, progress=progress,
                        as_existing_coder=existing)

        def done(project: Project) -> None:
            self.accept()
            self.window_.set_project(project)

        title = tr("Joining the team")
        self.window_.runner.run(title, job, done, failed=self._failed(title))

    def _failed(self, title: str) -> Any:
        """A one-line message in the interface language when the work fails."""
        def failed(exc: BaseException) -> None:
            message = explain(exc) if isinstance(exc, FieldkitError) \
                else tr("Something went wrong: {0}").format(exc)
            QMessageBox.warning(self.window_, title, message)

        return failed

    def _say(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # -- a replica ---------------------------------------------------------------------------

    def _replica(self, body: QWidget, project: Project) -> None:
        lead = project.team.role == "lead"
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(tr("This copy of the study"))
        self.facts = QFormLayout(box)
        self.fact_labels: dict[str, QLabel] = {}
        for key, label in (("url", tr("Server")), ("member", tr("Member")),
                           ("role", tr("Role")), ("position", tr("Position")),
                           ("to_send", tr("To send")), ("last_sync", tr("Last sync")),
                           ("last_error", tr("Last error")),
                           ("last_problem", tr("Last problem"))):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(key in ("last_error", "last_problem"))
            self.fact_labels[key] = value
            self.facts.addRow(label, value)
        self.sync_button = QPushButton(tr("Sync now"))
        self.sync_button.clicked.connect(self.main.sync_now)
        self.facts.addRow("", _right(self.sync_button))
        layout.addWidget(box)

        self.server_note = _hint(tr("Asking the team server…"))
        layout.addWidget(self.server_note)
        box = QGroupBox(tr("Members"))
        inner = QVBoxLayout(box)
        self.members = RowsModel([tr("Name"), tr("Role"), tr("Coders"), tr("Change sets"),
                                  tr("Last change")], self)
        self.members_view = _table(self.members)
        inner.addWidget(self.members_view)
        self.add_member_button = QPushButton(tr("Add member…"))
        self.add_member_button.clicked.connect(lambda: self.add_member())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_member_button)
        inner.addLayout(row)
        layout.addWidget(box)

        box = QGroupBox(tr("Blind sets"))
        inner = QVBoxLayout(box)
        inner.addWidget(_hint(tr("While a set of documents is blind, coders see only their own "
                                 "codings of it, until the lead releases it.")))
        self.blind = RowsModel([tr("Set"), tr("Documents"), tr("Released")], self)
        self.blind_view = _table(self.blind)
        inner.addWidget(self.blind_view)
        self.release_button = QPushButton(tr("Release"))
        self.release_button.clicked.connect(lambda: self.release())
        self.make_blind_button = QPushButton(tr("Make a document set blind…"))
        self.make_blind_button.clicked.connect(lambda: self.make_blind())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.make_blind_button)
        row.addWidget(self.release_button)
        inner.addLayout(row)
        layout.addWidget(box)
        for button in (self.add_member_button, self.release_button, self.make_blind_button):
            button.setEnabled(lead)
            if not lead:
                button.setToolTip(tr("Only the team lead can do this."))
        self.show_status()
        self.load_from_server()

    def show_status(self) -> None:
        """The replica's own facts (no network)."""
        if self.project is None or not self.project.team.joined \
                or not hasattr(self, "fact_labels"):
            return
        status = self.project.team.status()
        role = {"lead": tr("team lead"), "coder": tr("coder")}.get(status.role, status.role)
        values = {"url": status.url, "member": status.member, "role": role,
                  "position": number(status.position), "to_send": number(status.to_send),
                  "last_sync": _when(status.last_sync) or tr("never"),
                  "last_error": status.last_error or "–",
                  "last_problem": (tr("{0}: {1}").format(_when(status.last_problem_at),
                                                         explain(status.last_problem))
                                   if status.last_problem else "–")}
        for key, value in values.items():
            self.fact_labels[key].setText(value)

    def load_from_server(self) -> None:
        """Members and blind sets come from the server, off the GUI thread."""
        project = self.project
        if project is None:
            return
        team = project.team

        def work() -> tuple[list[Any], list[Any]]:
            return team.members(), team.blind_sets()

        def done(found: tuple[list[Any], list[Any]]) -> None:
            members, blind = found
            self.server_note.hide()
            self.members.set_rows([
                [m.name, {"lead": tr("team lead"), "coder": tr("coder")}.get(m.role, m.role),
                 number(m.coders), number(m.change_sets), _when(m.last_change) or "–"]
                for m in members])
            self.blind.set_rows([
                [b.name, number(len(b.documents)),
                 tr("yes") if b.released_seq is not None else tr("not yet")] for b in blind])

        def failed(exc: BaseException) -> None:
            self.server_note.setText(tr("The members and blind sets come from the server: {0}")
                                     .format(explain(exc)))
            self.server_note.show()

        self.quietly.run(work, done, failed)

    # -- the lead's actions ------------------------------------------------------------------

    def _lead_job(self, title: str, work: Any, message: str = "") -> None:
        def done(_: Any) -> None:
            if message:
                self.main.statusBar().showMessage(message, 8000)
            self.load_from_server()
            self.show_status()

        self.window_.runner.run(title, lambda _progress: work(), done,
                                failed=self._failed(title))

    def add_member(self, name: str | None = None, role: str = "coder",
                   password: str = "") -> AddMemberDialog | None:
        """Add a member (asked for in a small dialog when ``name`` is None)."""
        project = self.project
        if project is None:
            return None
        if name is None:
            dialog = AddMemberDialog(self)
            dialog.accepted.connect(lambda: self.add_member(*dialog.values()))
            dialog.open()
            return dialog
        self._lead_job(tr("Adding a member"),
                       lambda: project.team.add_member(name, role=role,
                                                       password=password or None),
                       tr("{0} is now a member of the team.").format(name))
        return None

    def release(self, name: str | None = None) -> None:
        project = self.project
        if project is None:
            return
        if name is None:
            rows = self.blind_view.selectionModel().selectedRows()
            if not rows:
                self._say(tr("Release"), tr("Choose a blind set in the list first."))
                return
            name = self.blind.rows[rows[0].row()][0]
        chosen = name
        self._lead_job(tr("Releasing a blind set"), lambda: project.team.release(chosen),
                       tr("{0} is released: everyone receives its codings at the next sync.")
                       .format(chosen))

    def make_blind(self, name: str | None = None) -> None:
        project = self.project
        if project is None:
            return
        if name is None:
            names = [s.name for s in project.sets.all() if s.kind == "documents"]
            if not names:
                self._say(tr("Make a document set blind"), tr(
                    "There is no document set yet. Make one in the Material list: select "
                    "documents and choose 'Add to document set…'."))
                return
            name, ok = QInputDialog.getItem(self, tr("Make a document set blind"),
                                            tr("Document set:"), names, 0, False)
            if not ok:
                return
        chosen = name
        self._lead_job(tr("Making a set blind"), lambda: project.team.make_blind(chosen),
                       tr("{0} is blind now.").format(chosen))


class AddMemberDialog(QDialog):
    """The new member's server user name, role and (optional) password."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Add member"))
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(tr("coder"), "coder")
        self.role.addItem(tr("team lead"), "lead")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("Tell it to the member yourself"))
        form = QFormLayout(self)
        form.addRow(_hint(tr("Each member logs in to the team server as their own user.")))
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Role"), self.role)
        form.addRow(tr("Password"), self.password)
        form.addRow(dialog_buttons(self, on_accept=self._accept))

    def _accept(self) -> None:
        if self.name.text().strip():
            self.accept()

    def values(self) -> tuple[str, str, str]:
        return self.name.text().strip(), str(self.role.currentData()), self.password.text()
