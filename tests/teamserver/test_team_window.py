"""The team in the app: File → Team… publishes and joins, Sync now and auto-sync keep the open
window in step, the status-bar indicator says synced / n to send / offline, and a refused edit
of a shared note is a dialog — on a real PostgreSQL server, with the real window offscreen."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from fieldkit.project import Project  # noqa: E402
from fieldkit.team import credentials  # noqa: E402

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDKIT_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture(autouse=True)
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes, recorded instead of blocking the test."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def record(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> Any:
        seen.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    return seen


def _window(qtbot: Any, project: Project | None, language: str = "en") -> Any:
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow

    application()
    i18n.install(language)
    w = MainWindow(project)
    w.remember_session = False
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    return w


@pytest.fixture
def open_window(qtbot: Any) -> Iterator[Any]:
    made: list[Any] = []

    def make(project: Project | None, language: str = "en") -> Any:
        w = _window(qtbot, project, language)
        made.append(w)
        return w

    yield make
    from fieldkit.gui import i18n

    for w in made:
        w.runner.wait()
        w.close()
    i18n.install("en")


def _doc(p: Project, title: str) -> Any:
    return p.document(next(d.id for d in p.documents() if d.title == title))


def _coder(p: Project, coding: Any) -> str:
    return next(c.name for c in p.coders() if c.id == coding.coder_id)


def _indicator(window: Any) -> str:
    return str(window.team_indicator.text()).replace("⟳ ", "")


def test_publish_from_the_dialog(team, tmp_path: Path, open_window, qtbot) -> None:
    project = Project.create(tmp_path / "Study.fieldkit", language="nl")
    project.add_note(site="Metaal Oost", title="Bezoek 1", text="Jan laat Piet zien hoe het werkt.")
    window = open_window(project)
    assert window.team_indicator.isHidden()
    dialog = window.team_dialog()
    assert dialog.publish_box.isEnabled() and not hasattr(dialog, "fact_labels")
    dialog.publish_url.setText(team.lead_url)  # written with its password: kept for the session
    dialog.publish_button.click()
    window.runner.wait()
    qtbot.waitUntil(lambda: project.team.joined)
    assert project.team.role == "lead" and project.team.member == team.lead
    assert "lead-pw" not in project.team.url
    qtbot.waitUntil(lambda: hasattr(dialog, "fact_labels"))  # the dialog shows the replica now
    assert dialog.fact_labels["member"].text() == team.lead
    qtbot.waitUntil(lambda: dialog.members.rowCount() == 1, timeout=10000)
    assert dialog.members.rows[0][0] == team.lead
    assert window.team_indicator.isVisible()
    qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=10000)
    assert team.lead_url.split("@")[1] in window.team_indicator.toolTip()
    dialog.close()


def test_publish_failing_leaves_the_project_as_it_was(tmp_path: Path, open_window, qtbot,
                                                      warnings) -> None:
    project = Project.create(tmp_path / "Study.fieldkit", language="nl")
    window = open_window(project)
    dialog = window.team_dialog()
    dialog.publish_url.setText("postgresql://lead@127.0.0.1:1/nothing")
    dialog.publish_button.click()
    window.runner.wait()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "cannot be reached" in warnings[0] and "\n" not in warnings[0]
    assert not project.team.joined
    assert not (project.path / ".team-snapshot.sqlite").exists()
    dialog.close()


def test_join_from_the_dialog_with_a_password_kept_only_in_memory(published, tmp_path: Path,
                                                                  open_window, qtbot) -> None:
    team, lead = published
    name = f"carla{team.db}"
    lead.team.add_member(name, password="carla-secret")  # not in the pgpass file
    window = open_window(None)
    dialog = window.team_dialog()
    assert not dialog.publish_box.isEnabled()  # no project open: only joining
    folder = tmp_path / "carla.fieldkit"
    dialog.join_url.setText(team.member_url(name))
    dialog.join_coder.setText("Carla")
    dialog.join_folder.setText(str(folder))
    dialog.join_password.edit.setText("carla-secret")
    dialog.join_button.click()
    window.runner.wait()
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    replica = window.project
    assert replica.path == folder and replica.coder == "Carla"
    assert replica.team.member == name and replica.team.role == "coder"
    assert replica.team.canonical() == lead.team.canonical()
    assert window.team_indicator.isVisible()
    qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=10000)
    # the password is nowhere in the project folder
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"carla-secret" not in path.read_bytes(), path
    credentials.keep_for_session(team.member_url(name), "")


def test_join_failing_makes_no_folder(published, tmp_path: Path, open_window, qtbot,
                                      warnings) -> None:
    team, _lead = published
    window = open_window(None)
    dialog = window.team_dialog()
    folder = tmp_path / "nobody.fieldkit"
    dialog.join_url.setText(team.member_url("nobody_here"))
    dialog.join_folder.setText(str(folder))
    dialog.join_button.click()
    window.runner.wait()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert window.project is None and not folder.exists()
    dialog.close()


def test_sync_now_brings_a_team_mates_coding_and_the_indicator_follows(
        published, open_window, qtbot, monkeypatch) -> None:
    from fieldkit.gui import team_sync

    monkeypatch.setattr(team_sync, "PERIOD_MS", 600_000)
    team, _lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    bram = team.join(f"bram{team.db}", "Bram")
    try:
        window = open_window(anna)
        qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=10000)
        tab = window.open_document(_doc(anna, "Bezoek 1").id)
        # a local coding: one to send, then pushed by itself
        anna.code_text(tab.doc_id, 0, 3, "Leren/Voordoen")
        qtbot.waitUntil(lambda: _indicator(window).endswith(" to send"))
        assert int(_indicator(window).split()[0]) == anna.team.status().to_send
        qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=15000)
        assert anna.team.status().to_send == 0
        # a team mate's coding comes in with Sync now
        bram.code_text(_doc(bram, "Bezoek 1").id, 4, 8, "Leren/Uitproberen")
        bram.team.sync()
        window.sync_now()
        window.runner.wait()
        qtbot.waitUntil(lambda: len(tab.codings) == 2, timeout=10000)
        assert {_coder(anna, c) for c in anna.codings(doc=tab.doc_id)} == {"Anna", "Bram"}
        qtbot.waitUntil(lambda: f"bram{team.db}" in window.statusBar().currentMessage())
        assert "Apply code" in window.statusBar().currentMessage()
        assert _indicator(window) == "Synced"
    finally:
        bram.close()


def test_a_team_mates_push_reaches_the_open_window_by_itself(published, open_window, qtbot,
                                                             monkeypatch) -> None:
    from fieldkit.gui import team_sync

    monkeypatch.setattr(team_sync, "PERIOD_MS", 600_000)  # only the notification can do it
    team, _lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    bram = team.join(f"bram{team.db}", "Bram")
    try:
        window = open_window(anna)
        tab = window.open_document(_doc(anna, "Bezoek 2").id)
        qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=10000)
        pulls: list[Any] = []
        window.team_sync.synced.connect(pulls.append)
        bram.code_text(_doc(bram, "Bezoek 2").id, 0, 4, "Leren/Voordoen")
        bram.team.sync()
        qtbot.waitUntil(lambda: len(tab.codings) == 1 and any(r.received for r in pulls),
                        timeout=10000)
        assert _coder(anna, tab.codings[0]) == "Bram"
    finally:
        bram.close()


def test_server_stopped_offline_then_sync_resumes(published, open_window, qtbot, warnings,
                                                  monkeypatch) -> None:
    from fieldkit.gui import team_sync

    monkeypatch.setattr(team_sync, "BACKOFF_MS", (300, 600, 1000))
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    window = open_window(anna)
    tab = window.open_document(_doc(anna, "Bezoek 1").id)
    qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=10000)
    team.pg.stop()
    try:
        window.sync_now()
        window.runner.wait()
        qtbot.waitUntil(lambda: _indicator(window) == "Offline", timeout=10000)
        assert warnings and "cannot be reached" in warnings[-1]
        assert "cannot be reached" in window.team_indicator.toolTip()
        # coding goes on offline
        anna.code_text(tab.doc_id, 0, 3, "Leren/Voordoen")
        qtbot.waitUntil(lambda: len(tab.codings) == 1)
        assert anna.team.status().to_send >= 1
        assert _indicator(window) == "Offline"
    finally:
        team.pg.start()
    # the server is back: the coding goes out without anyone asking
    qtbot.waitUntil(lambda: _indicator(window) == "Synced", timeout=30000)
    lead.team.sync()
    assert [_coder(lead, c) for c in lead.codings()] == ["Anna"]


def test_editing_a_shared_note_someone_else_holds_is_a_dialog(published, open_window, qtbot,
                                                              monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    window = open_window(anna)
    doc = _doc(anna, "Bezoek 2")
    lead.team.lock(_doc(lead, "Bezoek 2").id)
    note = window.quick_note(doc.id)
    note.body.moveCursor(note.body.textCursor().MoveOperation.End)
    note.body.insertPlainText(" Extra.")
    box = note.findChild(QMessageBox, "editRefused")
    assert box is not None and box.isVisible()
    assert "is being edited by" in box.text() and team.lead in box.text()
    assert note.body.toPlainText() == doc.text  # as it was
    box.close()
    note.close()
    assert anna.document(doc.id).text == doc.text
    # the lock released, the same edit goes through
    lead.team.unlock(_doc(lead, "Bezoek 2").id)
    note = window.quick_note(doc.id)
    note.body.moveCursor(note.body.textCursor().MoveOperation.End)
    note.body.insertPlainText(" Extra.")
    assert note.findChild(QMessageBox, "editRefused") is None
    note.save()
    assert anna.document(doc.id).text == doc.text + " Extra."
    note.close()


def test_editing_a_shared_note_offline_is_a_dialog_in_dutch(published, open_window, qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    team, _lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    window = open_window(anna, "nl")
    doc = _doc(anna, "Bezoek 1")
    team.pg.stop()
    try:
        note = window.quick_note(doc.id)
        note.body.insertPlainText("Nieuw: ")
        box = note.findChild(QMessageBox, "editRefused")
        assert box is not None
        assert "niet bereikbaar" in box.text() and "server" in box.text()
        assert box.windowTitle() == "Deze notitie kan nu niet bewerkt worden"
        assert note.body.toPlainText() == doc.text
        box.close()
        note.close()
    finally:
        team.pg.start()
    assert anna.document(doc.id).text == doc.text


def test_the_lead_makes_a_set_blind_and_releases_it_from_the_dialog(published, open_window,
                                                                    qtbot, warnings) -> None:
    team, lead = published
    lead.sets.add("Ronde 1", "documents", [_doc(lead, "Bezoek 1").id])
    window = open_window(lead)
    dialog = window.team_dialog()
    qtbot.waitUntil(lambda: dialog.members.rowCount() == 3, timeout=10000)
    assert dialog.make_blind_button.isEnabled()
    dialog.make_blind("Ronde 1")
    window.runner.wait()
    qtbot.waitUntil(lambda: dialog.blind.rowCount() == 1, timeout=10000)
    assert dialog.blind.rows[0][:3] == ["Ronde 1", "1", "not yet"]
    dialog.blind_view.selectRow(0)
    dialog.release()
    window.runner.wait()
    qtbot.waitUntil(lambda: dialog.blind.rows and dialog.blind.rows[0][2] == "yes",
                    timeout=10000)
    dialog.add_member(f"dirk{team.db}", "coder", "dirk-pw")
    window.runner.wait()
    qtbot.waitUntil(lambda: dialog.members.rowCount() == 4, timeout=10000)
    assert warnings == []
    dialog.close()


def test_a_coder_sees_the_leads_buttons_disabled(published, open_window, qtbot) -> None:
    team, _lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    window = open_window(anna)
    dialog = window.team_dialog()
    assert dialog.fact_labels["role"].text() == "coder"
    for button in (dialog.add_member_button, dialog.release_button, dialog.make_blind_button):
        assert not button.isEnabled() and button.toolTip()
    dialog.close()


def test_a_member_the_lead_promotes_gets_the_leads_buttons_after_a_sync(published, open_window,
                                                                       qtbot) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    lead.team.add_member(f"anna{team.db}", role="lead")
    anna.team.sync()
    window = open_window(anna)
    dialog = window.team_dialog()
    assert dialog.fact_labels["role"].text() == "team lead"
    for button in (dialog.add_member_button, dialog.release_button, dialog.make_blind_button):
        assert button.isEnabled()
    dialog.close()


def test_the_team_dialog_and_indicator_in_dutch_show_no_english(published, tmp_path: Path,
                                                                open_window, qtbot) -> None:
    from tests.gui.test_dutch_screens import still_english, visible_strings, walk

    team, _lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    window = open_window(anna, "nl")
    qtbot.waitUntil(lambda: _indicator(window) == "Gesynchroniseerd", timeout=10000)
    dialog = window.team_dialog()
    qtbot.waitUntil(lambda: dialog.members.rowCount() == 3, timeout=10000)
    strings = walk(dialog) + [("indicator", window.team_indicator.text()),
                              ("indicator tip", window.team_indicator.toolTip())]
    for action in window.menuBar().actions():
        strings += visible_strings(action.menu())
    add = dialog.add_member()
    strings += walk(add)
    add.close()
    dialog.close()
    alone = Project.create(tmp_path / "Alleen.fieldkit", language="nl")
    window.set_project(alone)
    outside = window.team_dialog()
    strings += walk(outside)
    bad = still_english(strings)
    assert bad == [], "\n".join(bad)
    assert len(strings) > 40
    texts = " ".join(t for _w, t in strings)
    assert "Aansluiten bij een team" in texts and "Leden" in texts
    outside.close()


def test_the_server_away_is_said_in_dutch_with_the_servers_own_words(qtbot) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.team_sync import explain
    from fieldkit.storage.team_server import Server, ServerUnreachable

    application()
    i18n.install("nl")
    try:
        with pytest.raises(ServerUnreachable) as caught:
            Server("postgresql://anna@127.0.0.1:1/team", timeout=2)
        text = explain(caught.value)
        assert text.startswith("De teamserver postgresql://anna@127.0.0.1:1/team is niet "
                               "bereikbaar (")
        assert "volgende synchronisatie" in text and "work done" not in text
    finally:
        i18n.install("en")


def test_join_from_the_welcome_screen(published, tmp_path: Path, qtbot) -> None:
    """A new member starts the app with no project: "Join a team…" is a way in, and Enter in
    the form joins (it used to close the dialog and lose what was typed)."""
    from PySide6.QtCore import Qt

    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.welcome import WelcomeWindow

    team, lead = published
    application()
    i18n.install("nl")
    welcome = WelcomeWindow(demo_path=tmp_path / "Demo.fieldkit")
    qtbot.addWidget(welcome)
    welcome.show()
    assert welcome.join_button.text() == "Aansluiten bij een &team…"
    dialog = welcome.join_team()
    assert not dialog.publish_box.isEnabled() and dialog.join_box.isEnabled()
    folder = tmp_path / "anna.fieldkit"
    dialog.join_url.setText(team.member_url(f"anna{team.db}"))
    dialog.join_coder.setText("Anna")
    dialog.join_folder.setText(str(folder))
    with qtbot.waitSignal(welcome.chosen, timeout=20000) as joined:  # Enter joins
        qtbot.keyClick(dialog.join_folder, Qt.Key.Key_Return)
    replica = joined.args[0]
    try:
        assert replica.path == folder and replica.coder == "Anna"
        assert replica.team.canonical() == lead.team.canonical()
    finally:
        replica.close()
