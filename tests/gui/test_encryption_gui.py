"""Encrypted projects in the app: the passphrase asked on opening (a wrong one asked again,
nothing changed), remembered in the keyring when asked, a new encrypted project with its
recovery key shown once, File → Encrypt… and Change passphrase…, the lock in the status bar,
the export dialog's note, photos decrypted in memory, and the Dutch of it all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from fieldkit.operations import encryption
from fieldkit.project import Project
from fieldkit.storage import keys

PASS = "geheime zin 🙂"


class MemoryRing(KeyringBackend):
    """A keyring that lives in this test (the machine has none)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def ring(monkeypatch) -> Iterator[MemoryRing]:
    memory = MemoryRing()
    before = keyring.get_keyring()
    keyring.set_keyring(memory)
    monkeypatch.delenv("FIELDKIT_PASSPHRASE", raising=False)
    keys._unlocked.clear()
    try:
        yield memory
    finally:
        keyring.set_keyring(before)
        keys._unlocked.clear()


@pytest.fixture
def app(qtbot):
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application

    application()
    i18n.install("en")
    yield
    i18n.install("en")


PENDING: list[list[Callable[[QDialog], None]]] = []


@pytest.fixture(autouse=True)
def no_answers_left() -> Iterator[None]:
    """Steps a test left unused (no dialog came) never answer the next test's dialogs."""
    yield
    for steps in PENDING:
        steps.clear()
    PENDING.clear()


def _answer(qtbot, steps: list[Callable[[QDialog], None]]) -> list[str]:
    """Answer the modal dialogs that open next, one step each; returns their titles."""
    seen: list[str] = []
    PENDING.append(steps)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and steps:
            seen.append(dialog.windowTitle())
            steps.pop(0)(dialog)
        if steps:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    return seen


def _type(passphrase: str, remember: bool = False) -> Callable[[QDialog], None]:
    def step(dialog: QDialog) -> None:
        dialog.passphrase.setText(passphrase)  # type: ignore[attr-defined]
        dialog.remember.setChecked(remember)  # type: ignore[attr-defined]
        dialog.accept()
    return step


def _new(passphrase: str, encrypt: bool = True) -> Callable[[QDialog], None]:
    def step(dialog: QDialog) -> None:
        dialog.encrypt.setChecked(encrypt)  # type: ignore[attr-defined]
        dialog.first.setText(passphrase)  # type: ignore[attr-defined]
        dialog.second.setText(passphrase)  # type: ignore[attr-defined]
        dialog.accept()
    return step


def _close(dialog: QDialog) -> None:
    dialog.accept()


def _encrypted(tmp_path: Path) -> Path:
    folder = tmp_path / "Geheim.fieldkit"
    with Project.create(folder, passphrase=PASS) as project:
        picture = tmp_path / "kantbank.png"
        Image.new("RGB", (64, 48), (200, 30, 30)).save(picture)
        project.imports.files([picture], site="Hal")
        project.add_note(site="Hal", title="Notitie", text="Kantbank 👍")
    keys._unlocked.clear()
    return folder


def test_opening_asks_the_passphrase_again_when_wrong_and_remembers_it(app, qtbot, ring,
                                                                       tmp_path) -> None:
    from fieldkit.gui.project_choice import open_project
    from fieldkit.gui.welcome import WelcomeWindow  # noqa: F401  (a real parent widget)

    folder = _encrypted(tmp_path)
    before = sorted((p.name, p.stat().st_size) for p in folder.rglob("*") if p.is_file())
    seen = _answer(qtbot, [_type("verkeerd"), lambda d: d.reject()])
    assert open_project(None, str(folder)) is None  # cancelled after a wrong one
    assert seen == ["Encrypted project", "Encrypted project"]
    assert sorted((p.name, p.stat().st_size) for p in folder.rglob("*") if p.is_file()) \
        == before
    _answer(qtbot, [_type(PASS, remember=True)])
    project = open_project(None, str(folder))
    assert project is not None
    project.close()
    assert list(ring.kept.values()) == [PASS]
    keys._unlocked.clear()  # a new session: the keyring opens it without asking
    seen = _answer(qtbot, [_close])
    project = open_project(None, str(folder))
    assert project is not None and seen == []
    project.close()


def test_a_new_encrypted_project_shows_its_recovery_key_once(app, qtbot, ring, tmp_path,
                                                             monkeypatch) -> None:
    from fieldkit.gui.project_choice import ask_new_project

    target = tmp_path / "Nieuw.fieldkit"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[str] = []

    def read_key(dialog: QDialog) -> None:
        from PySide6.QtWidgets import QPlainTextEdit

        shown.append(dialog.findChild(QPlainTextEdit).toPlainText())
        dialog.accept()

    seen = _answer(qtbot, [_new(PASS), read_key])
    project = ask_new_project(None)
    assert project is not None
    assert seen == ["New project", "Recovery key"]
    assert keys.is_encrypted(project.path)
    project.close()
    keys._unlocked.clear()
    encryption.unlock(target, shown[0])  # the key shown opens the project
    keys._unlocked.clear()
    target2 = tmp_path / "Gewoon.fieldkit"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target2), ""))
    _answer(qtbot, [_new("", encrypt=False)])
    plain = ask_new_project(None)
    assert plain is not None and not keys.is_encrypted(plain.path)
    plain.close()


def test_file_encrypt_then_change_passphrase_with_the_lock_shown(app, qtbot, ring,
                                                                 tmp_path) -> None:
    from fieldkit.gui.main_window import MainWindow

    folder = tmp_path / "Open.fieldkit"
    project = Project.create(folder)
    project.add_note(site="Hal", title="Notitie", text="Kantbank 👍 café")
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    assert window.lock_status.text() == ""
    assert window.actions_["encrypt"].isEnabled()
    assert not window.actions_["change_passphrase"].isEnabled()
    seen = _answer(qtbot, [_new(PASS), _close])
    window.actions_["encrypt"].trigger()
    assert seen == ["Encrypt the project", "Recovery key"]
    assert keys.is_encrypted(folder) and window.project is not None
    assert window.project.path == folder and window.project.search("kantbank").total == 1
    assert "Encrypted" in window.lock_status.text()
    assert window.actions_["change_passphrase"].isEnabled()
    _answer(qtbot, [_new("nieuwe zin")])
    window.actions_["change_passphrase"].trigger()
    assert window.project is not None
    keys._unlocked.clear()
    encryption.unlock(folder, "nieuwe zin")
    dialog = window.export_dialog("docx")
    assert "exported file will not be" in dialog.encrypted_note.text()
    assert dialog.encrypted_note.isVisibleTo(dialog)
    dialog.reject()
    window.runner.wait()
    window.close()


def test_an_encrypted_photo_is_shown_from_memory(app, qtbot, ring, tmp_path) -> None:
    from fieldkit.gui.main_window import MainWindow

    folder = _encrypted(tmp_path)
    project = Project.open(folder, passphrase=PASS)
    photo = next(d for d in project.documents() if d.kind == "photo")
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.open_document(photo.id)
    tab = window.tabs.currentWidget()
    view = getattr(tab, "photo_view", None)
    assert view is not None and view.pixmap_item is not None
    assert view.pixmap_item.pixmap().width() == 64
    window.runner.wait()
    window.close()


def test_the_passphrase_dialog_speaks_dutch(app, qtbot, tmp_path) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.encryption_dialogs import NewPassphraseDialog, PassphraseDialog

    i18n.install("nl")
    asked = PassphraseDialog("Geheim.fieldkit", None, wrong=True)
    qtbot.addWidget(asked)
    assert asked.windowTitle() == "Versleuteld project"
    assert asked.remember.text() == "Onthouden op deze computer"
    assert asked.wrong.text().startswith("Met die wachtwoordzin")
    new = NewPassphraseDialog("Nieuw project", None, optional=True)
    qtbot.addWidget(new)
    assert new.encrypt.text() == "Dit project versleutelen"
    from fieldkit.gui.menu_bar import ACTIONS

    assert i18n.tr(ACTIONS["encrypt"][0]) == "&Versleutelen…"
    assert i18n.tr(ACTIONS["change_passphrase"][0]) == "&Wachtwoordzin wijzigen…"


def test_fieldkit_gui_on_an_encrypted_project_asks_in_the_app(app, qtbot, ring, tmp_path,
                                                              monkeypatch) -> None:
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.gui_launcher import launch

    folder = _encrypted(tmp_path)
    shown: list[MainWindow] = []

    def running(_app: object) -> int:  # the app's event loop, until the project is shown
        def opened() -> bool:
            shown[:] = [w for w in QApplication.topLevelWidgets()
                        if isinstance(w, MainWindow) and w.isVisible()]
            return bool(shown)

        qtbot.waitUntil(opened, timeout=20000)
        return 0

    monkeypatch.setattr(QApplication, "exec", running)
    monkeypatch.setattr("fieldkit.gui_launcher.display_problem", lambda _shot: None)
    seen = _answer(qtbot, [_type(PASS)])
    assert launch(str(folder)) == 0
    assert seen == ["Encrypted project"]
    assert shown[0].project is not None and shown[0].project.path == folder
    assert "Encrypted" in shown[0].lock_status.text()
    for window in shown:
        window.runner.wait()
        window.close()
