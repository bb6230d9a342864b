"""File → Restore from backup…: list the backups, restore one into a new folder, open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldkit.gui.backup_dialog import BACKUP_ROLE, BackupTableModel, RestoreBackupDialog
from fieldkit.project import Project


def test_the_model_passes_the_model_tester(project: Project, qtmodeltester) -> None:
    project.backups.make("manual")
    project.backups.make("before-merge")
    model = BackupTableModel(project.backups.list())
    assert model.rowCount() == 2
    assert model.data(model.index(0, 1)) == "before a merge"
    assert model.data(model.index(1, 1)) == "made by hand"
    assert model.data(model.index(0, 2)).endswith("KB")
    qtmodeltester.check(model)


def test_restore_from_the_file_menu_makes_a_new_project_and_opens_it(
        window, project: Project, tmp_path: Path, qtbot, monkeypatch) -> None:
    made = project.backups.make("manual")
    project.add_note(site="Hendriks", title="Na de back-up", text="Later geschreven.")
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Restore from &backup…" in titles
    dialog = window.restore_backup_dialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
    assert dialog.selected().id == made.id
    assert dialog.model.data(dialog.model.index(0, 0), BACKUP_ROLE) == made
    monkeypatch.setattr(dialog, "offer_to_open", lambda restored: True)
    target = tmp_path / "Hersteld.fieldkit"
    monkeypatch.setattr(dialog, "choose_target", lambda backup: str(target))
    dialog.restore()
    window.runner.wait()
    qtbot.waitUntil(lambda: window.project is not None and window.project.path == target)
    titles = [d.title for d in window.project.documents()]
    assert "Veldnotitie ochtend" in titles and "Na de back-up" not in titles
    with Project.open(project.path, readonly=True) as original:  # untouched
        assert "Na de back-up" in [d.title for d in original.documents()]


def test_a_project_without_backups_says_so_in_dutch(project: Project, qtbot) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application

    application()
    i18n.install("nl")
    try:
        dialog = RestoreBackupDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Herstellen uit back-up"
        assert dialog.empty.isVisibleTo(dialog) and not dialog.restore_button.isEnabled()
        assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Reden"
        assert dialog.restore_button.text() == "&Herstellen…"
    finally:
        i18n.install("en")
