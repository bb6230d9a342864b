"""First run: the welcome window `fieldkit gui` shows when no project is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from fieldkit.gui import i18n, settings
from fieldkit.gui.app import application, run
from fieldkit.gui.welcome import WelcomeWindow
from fieldkit.project import Project


def welcome(qtbot, language: str, demo: Path) -> WelcomeWindow:
    application()
    i18n.install(language)
    window = WelcomeWindow(demo_path=demo)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("language, words", [
    ("en", ["Welcome to fieldkit", "Build and open the &demo study", "&New project…",
            "&Open a project…", "Join a &team…", "Recent projects", "No recent projects yet."]),
    ("nl", ["Welkom bij fieldkit", "&Demostudie maken en openen", "&Nieuw project…",
            "Een project &openen…", "Aansluiten bij een &team…", "Recente projecten",
            "Nog geen recente projecten."]),
])
def test_welcome_speaks_the_language(qtbot, tmp_path: Path, language: str,
                                     words: list[str]) -> None:
    w = welcome(qtbot, language, tmp_path / "Demo.fieldkit")
    shown = [w.windowTitle(), w.demo_button.text(), w.new_button.text(), w.open_button.text(),
             w.join_button.text(),
             w.recent_label.text(), w.no_recent.text()]
    assert shown == words
    assert w.no_recent.isVisible() and not w.recent.isVisible()


def test_recent_projects_are_listed_and_open(qtbot, project: Project, tmp_path: Path) -> None:
    path = str(project.path)
    project.close()
    settings.remember_project(path)
    settings.remember_project(str(tmp_path / "Gone.fieldkit"))  # removed since: not listed
    w = welcome(qtbot, "en", tmp_path / "Demo.fieldkit")
    assert w.recent.isVisible() and not w.no_recent.isVisible()
    assert [w.recent.item(i).toolTip() for i in range(w.recent.count())] == [path]
    with qtbot.waitSignal(w.chosen) as opened:
        w.recent.itemActivated.emit(w.recent.item(0))
    chosen = opened.args[0]
    try:
        assert isinstance(chosen, Project) and str(chosen.path) == path
        assert not chosen.readonly
    finally:
        chosen.close()


def test_a_recent_project_that_cannot_open_says_why(qtbot, project: Project, tmp_path: Path,
                                                    monkeypatch) -> None:
    from fieldkit.gui import project_choice

    settings.remember_project(str(project.path))  # still open here: locked for writing
    w = welcome(qtbot, "en", tmp_path / "Demo.fieldkit")
    warnings: list[str] = []
    monkeypatch.setattr(project_choice.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    chosen: list[object] = []
    w.chosen.connect(chosen.append)
    w.recent.itemActivated.emit(w.recent.item(0))
    assert chosen == [] and "open for writing in another fieldkit" in warnings[0]


def test_demo_study_is_built_once_then_opened(qtbot, tmp_path: Path) -> None:
    demo = tmp_path / "data" / "Demo.fieldkit"
    w = welcome(qtbot, "en", demo)
    with qtbot.waitSignal(w.chosen, timeout=240_000) as built:
        w.demo_button.click()
    project = built.args[0]
    try:
        assert project.path == demo and len(project.documents()) > 20
    finally:
        project.close()
    again = WelcomeWindow(demo_path=demo)
    qtbot.addWidget(again)
    assert again.demo_button.text() == "Open the &demo study"
    with qtbot.waitSignal(again.chosen) as opened:
        again.demo_button.click()
    opened.args[0].close()


def test_new_project_from_the_welcome_window(qtbot, tmp_path: Path, monkeypatch) -> None:
    from fieldkit.gui import project_choice

    monkeypatch.setattr(project_choice.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "Mine"), ""))
    w = welcome(qtbot, "nl", tmp_path / "Demo.fieldkit")
    asked: list[str] = []

    def answer() -> None:  # "Encrypt this project" left off: a plain project
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, answer)
            return
        asked.append(dialog.encrypt.text())
        dialog.accept()

    QTimer.singleShot(50, answer)
    with qtbot.waitSignal(w.chosen) as made:
        w.new_button.click()
    project = made.args[0]
    try:
        assert asked == ["Dit project versleutelen"]
        assert project.path == tmp_path / "Mine.fieldkit" and project.documents() == []
        assert not (project.path / "encryption.json").exists()
    finally:
        project.close()


def test_gui_without_a_project_screenshots_the_welcome_window(qapp, tmp_path: Path) -> None:
    shot, texts = tmp_path / "w.png", tmp_path / "w.json"
    assert run(None, screenshot=str(shot), language="nl", texts=str(texts)) == 0
    assert shot.stat().st_size > 0
    words = json.loads(texts.read_text(encoding="utf-8"))
    assert words[0] == "Welkom bij fieldkit" and "Welcome to fieldkit" not in words


def test_choosing_a_project_opens_the_main_window(qtbot, project: Project, monkeypatch) -> None:
    from fieldkit.gui import app as app_module
    from fieldkit.gui.main_window import MainWindow

    seen: list[object] = []
    monkeypatch.setattr(app_module.QApplication, "exec", lambda self=None: _choose(seen, project))
    assert run(None, language="en") == 0
    main = next(w for w in seen if isinstance(w, MainWindow))
    assert main.project is project and main.isVisible()
    assert not any(isinstance(w, WelcomeWindow) and w.isVisible() for w in seen)
    main.close()


def _choose(seen: list[object], project: Project) -> int:
    """Stands in for the event loop: pick ``project`` in the welcome window that is showing."""
    from PySide6.QtWidgets import QApplication

    before = set(QApplication.topLevelWidgets())  # windows of earlier tests may linger closed
    window = next(w for w in before if isinstance(w, WelcomeWindow) and w.isVisible())
    window.chosen.emit(project)
    seen.append(window)
    seen.extend(w for w in QApplication.topLevelWidgets() if w not in before)
    return 0
