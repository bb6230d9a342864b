"""Encrypted projects in the app: the passphrase asked on opening (with "remember on this
computer"), "Encrypt this project" for a new one, File → Encrypt… and Change passphrase…, the
recovery key shown once, and the lock in the status bar (docs/encryption.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError, PassphraseNeeded, WrongPassphrase
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.i18n import tr
from fieldkit.operations import encryption

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

LOCK = "\N{LOCK}"


class PassphraseDialog(QDialog):
    """Asks the passphrase of an encrypted project, and whether to remember it here."""

    def __init__(self, name: str, parent: QWidget | None = None, wrong: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Encrypted project"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Passphrase"))
        self.remember = QCheckBox(tr("Remember on this computer"))
        self.remember.setEnabled(encryption_keyring())
        said = QLabel(tr("{0} is encrypted. Type its passphrase (or its recovery key) to "
                         "open it.").format(name))
        said.setWordWrap(True)
        self.wrong = QLabel(tr("That passphrase does not open it; try again."))
        self.wrong.setObjectName("warning")
        self.wrong.setVisible(wrong)
        form = QFormLayout()
        form.addRow(tr("Passphrase"), self.passphrase)
        buttons = dialog_buttons(self, accept_text=tr("Open"))
        layout = QVBoxLayout(self)
        for widget in (said, self.wrong):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        self.passphrase.setFocus()


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice; ``optional`` adds "Encrypt this project" (New project)."""

    def __init__(self, title: str, parent: QWidget | None = None, *,
                 optional: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.encrypt = QCheckBox(tr("Encrypt this project"))
        self.encrypt.setVisible(optional)
        self.encrypt.setChecked(not optional)
        self.first, self.second = QLineEdit(), QLineEdit()
        for field, name in ((self.first, tr("Passphrase")), (self.second, tr("Again"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.textChanged.connect(self._check)
        self.remember = QCheckBox(tr("Remember on this computer"))
        self.remember.setEnabled(encryption_keyring())
        self.note = QLabel(tr("Without the passphrase or the recovery key nobody can open the "
                              "project, fieldkit included."))
        self.note.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(tr("Passphrase"), self.first)
        self.form.addRow(tr("Again"), self.second)
        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.encrypt)
        layout.addLayout(self.form)
        layout.addWidget(self.remember)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.encrypt.toggled.connect(self._check)
        self._check()

    def _check(self) -> None:
        on = self.encrypt.isChecked()
        for widget in (self.first, self.second, self.remember, self.note):
            widget.setEnabled(on and (widget is not self.remember or encryption_keyring()))
        same = bool(self.first.text()) and self.first.text() == self.second.text()
        accept_button(self.buttons).setEnabled(not on or same)

    def chosen(self) -> str | None:
        """The new passphrase, or None when the project is not to be encrypted."""
        return self.first.text() if self.encrypt.isChecked() else None


def encryption_keyring() -> bool:
    from fieldkit.team import credentials

    return credentials.available()


def unlock(parent: QWidget | None, path: str | Path) -> bool:
    """Unlock the project at ``path`` (asking for its passphrase when neither the environment
    nor the keyring has it); False when the person cancelled."""
    wrong = False
    while True:
        try:
            if not wrong:
                encryption.unlock(path)
                return True
        except PassphraseNeeded:
            pass
        dialog = PassphraseDialog(Path(path).name, parent, wrong)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            encryption.unlock(path, dialog.passphrase.text())
        except WrongPassphrase:
            wrong = True
            continue
        if dialog.remember.isChecked():
            encryption.remember(path, dialog.passphrase.text())
        return True


def show_recovery_key(parent: QWidget | None, recovery: str | None) -> None:
    """The recovery key, shown this once, selectable to copy."""
    if not recovery:
        return
    box = QDialog(parent)
    box.setWindowTitle(tr("Recovery key"))
    said = QLabel(tr("Write this recovery key down and keep it somewhere safe, away from this "
                     "computer. It opens the project if the passphrase is forgotten. It is "
                     "shown only now."))
    said.setWordWrap(True)
    key = QPlainTextEdit(recovery)
    key.setReadOnly(True)
    key.setAccessibleName(tr("Recovery key"))
    key.setMaximumHeight(64)
    layout = QVBoxLayout(box)
    layout.addWidget(said)
    layout.addWidget(key)
    buttons = dialog_buttons(box, close=True)
    buttons.rejected.connect(box.accept)
    layout.addWidget(buttons)
    box.exec()


def ask_new_passphrase(parent: QWidget | None, *, optional: bool) -> tuple[str, bool] | None:
    """(passphrase, remember) for a project to encrypt, or None (cancelled or not wanted)."""
    dialog = NewPassphraseDialog(tr("New project") if optional else tr("Encrypt the project"),
                                 parent, optional=optional)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
        return None
    return str(dialog.chosen()), dialog.remember.isChecked()


def encrypt_project(window: MainWindow) -> None:
    """File → Encrypt…: closes the project, encrypts it in place, shows the recovery key once
    and opens it again."""
    project = window.project
    if project is None or project.readonly or encryption.is_encrypted(project.path):
        return
    chosen = ask_new_passphrase(window, optional=False)
    if chosen is None:
        return
    path = project.path
    window.set_project(None)
    recovery = _converting(window, lambda: encryption.encrypt(path, chosen[0]))
    if recovery is not False:
        if chosen[1]:
            encryption.remember(path, chosen[0])
        show_recovery_key(window, recovery if isinstance(recovery, str) else None)
    window.open_path(str(path))


def change_passphrase(window: MainWindow) -> None:
    """File → Change passphrase…: one small file rewritten; the project stays open."""
    project = window.project
    if project is None or not encryption.is_encrypted(project.path):
        return
    chosen = ask_new_passphrase(window, optional=False)
    if chosen is None:
        return
    path = project.path
    window.set_project(None)  # the writer lock is what the change takes
    if _converting(window, lambda: encryption.change_passphrase(path, chosen[0])) is not False \
            and chosen[1]:
        encryption.remember(path, chosen[0])
    window.open_path(str(path))


def _converting(window: QWidget, work: object) -> object:
    """Run ``work`` with a busy cursor; a refusal is its one-line message (and False)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()  # type: ignore[operator]
    except FieldkitError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(window, tr("Encrypt the project"), str(exc))
        return False
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()


def lock_text(path: Path | None) -> str:
    """What the status bar shows for the open project: a lock when it is encrypted."""
    if path is None or not encryption.is_encrypted(path):
        return ""
    return f"{LOCK} {tr('Encrypted')}"


def export_note(path: Path) -> str:
    """The export dialog's note for an encrypted project, or ""."""
    if not encryption.is_encrypted(path):
        return ""
    return tr("This project is encrypted, but the exported file will not be: keep it where "
              "your data-management plan says.")
