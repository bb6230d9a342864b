"""File → Restore from backup…: list the backups, restore one into a new folder, open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

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


def _malformed(path: Path) -> None:
    """Damage the pages after the first few (a disk error in the middle of the file)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):
        data[n * page + 10:n * page + 200] = b"\xa5" * 190
    path.write_bytes(bytes(data))


class _Said:
    """QMessageBox's static dialogs, recorded instead of shown: (kind, title, text)."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.No) -> None:
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("warning", "question", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._record(kind, answer))

    def _record(self, kind: str, answer):
        def show(_parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return answer
        return staticmethod(show)


def _damaged_and_sound(project: Project) -> tuple[str, str, str]:
    """A sound backup and a damaged one; (sound id, damaged id, why SQLite says it is)."""
    sound = project.backups.make("manual")
    bad = project.backups.make("before-merge")
    _malformed(Path(bad.path))
    listed = {b.id: b for b in project.backups.list()}
    assert not listed[sound.id].damaged and listed[bad.id].damaged
    return sound.id, bad.id, listed[bad.id].damaged


def _row(dialog: RestoreBackupDialog, backup_id: str) -> int:
    return next(r for r in range(dialog.model.rowCount())
                if dialog.model.data(dialog.model.index(r, 0), BACKUP_ROLE).id == backup_id)


def test_a_damaged_backup_is_marked_and_refused_with_its_reason(
        project: Project, tmp_path: Path, qtbot, monkeypatch, qtmodeltester) -> None:
    sound, bad, why = _damaged_and_sound(project)
    dialog = RestoreBackupDialog(project)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "State"
    damaged_row, sound_row = _row(dialog, bad), _row(dialog, sound)
    assert model.data(model.index(damaged_row, 3)) == "damaged"
    assert model.data(model.index(sound_row, 3)) == "intact"
    tip = model.data(model.index(damaged_row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{bad}\nThis backup is damaged and cannot be restored: {why}"
    assert model.data(model.index(sound_row, 0), Qt.ItemDataRole.ToolTipRole) == sound
    icon = model.data(model.index(damaged_row, 3), Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    assert model.data(model.index(sound_row, 3), Qt.ItemDataRole.DecorationRole) is None

    said = _Said(monkeypatch)
    asked: list[object] = []
    monkeypatch.setattr(dialog, "choose_target", lambda backup: asked.append(backup) or "")
    dialog.table.selectRow(damaged_row)
    dialog.restore(str(tmp_path / "Terug.fieldkit"))
    [(kind, title, text)] = said.shown
    assert (kind, title) == ("warning", "Restore from backup")
    assert len(text.splitlines()) == 1 and why in text and "nothing was restored" in text
    assert not (tmp_path / "Terug.fieldkit").exists() and asked == []
    # the sound one restores as before
    dialog.table.selectRow(sound_row)
    dialog.restore(str(tmp_path / "Terug.fieldkit"))
    assert said.shown[-1][0] == "question" and (tmp_path / "Terug.fieldkit").is_dir()


def _photo_project(project: Project, tmp_path: Path) -> tuple[list[Path], Path, Path]:
    """Three photos imported and a backup made; then one stored photo is changed on disk and
    one removed. Returns (originals, the changed one's stored file, the removed one's)."""
    from tests.gui.conftest import make_photo

    photos = [make_photo(tmp_path / name) for name in ("pers.png", "kantbank.png", "hal.png")]
    for i, photo in enumerate(photos):  # three different photos
        data = bytearray(photo.read_bytes())
        photo.write_bytes(bytes(data) + bytes([i]))
    project.imports.files(photos, site="Hendriks")
    stored = [project.media.path(project.media.hash_file(p), p.name) for p in photos]
    project.backups.make("manual")
    data = bytearray(stored[0].read_bytes())
    data[len(data) // 2] ^= 0x01
    stored[0].write_bytes(bytes(data))
    stored[1].unlink()
    return photos, stored[0], stored[1]


def test_a_restore_names_the_media_it_left_out(project: Project, tmp_path: Path, qtbot,
                                               monkeypatch) -> None:
    photos, _, _ = _photo_project(project, tmp_path)
    dialog = RestoreBackupDialog(project)
    qtbot.addWidget(dialog)
    said = _Said(monkeypatch)
    target = tmp_path / "Terug.fieldkit"
    dialog.restore(str(target))
    [(kind, _, text)] = said.shown
    assert kind == "question" and target.is_dir()
    assert f"These media files were missing: {photos[1].name}" in text
    assert ("These media files were left out because they are not as imported: "
            f"{photos[0].name} (changed on disk since it was imported)") in text
    assert photos[2].name not in text
    assert "Import the original files into the new project again" in text


def test_damage_and_left_out_media_are_said_in_dutch(project: Project, tmp_path: Path, qtbot,
                                                     monkeypatch) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application

    photos, _, _ = _photo_project(project, tmp_path)
    _, bad, why = _damaged_and_sound(project)
    application()
    i18n.install("nl")
    try:
        dialog = RestoreBackupDialog(project)
        qtbot.addWidget(dialog)
        model = dialog.model
        assert model.headerData(3, Qt.Orientation.Horizontal) == "Staat"
        row = _row(dialog, bad)
        assert model.data(model.index(row, 3)) == "beschadigd"
        assert {model.data(model.index(r, 3)) for r in range(model.rowCount())} == \
            {"beschadigd", "intact"}
        assert model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole).endswith(
            f"Deze back-up is beschadigd en kan niet worden hersteld: {why}")
        said = _Said(monkeypatch)
        dialog.table.selectRow(row)
        dialog.restore(str(tmp_path / "Kapot.fieldkit"))
        [(_, title, text)] = said.shown
        assert title == "Herstellen uit back-up"
        assert text.startswith("De back-up van ") and \
            f"is beschadigd ({why}); er is niets hersteld. Kies een andere back-up." in text
        dialog.table.selectRow(next(r for r in range(model.rowCount()) if r != row))
        dialog.restore(str(tmp_path / "Terug.fieldkit"))
        text = said.shown[-1][2]
        assert f"Deze mediabestanden ontbraken: {photos[1].name}" in text
        assert ("Deze mediabestanden zijn weggelaten omdat ze niet meer zijn zoals ze "
                f"geïmporteerd werden: {photos[0].name} (op schijf veranderd sinds het "
                "importeren)") in text
        assert "Importeer de oorspronkelijke bestanden opnieuw" in text
    finally:
        i18n.install("en")
