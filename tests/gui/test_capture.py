"""Field capture, import, item models, translations and the launcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.conftest import interface_strings, literal_calls, make_photo


def test_quick_note_saves_within_a_second_and_keeps_site_and_visit(window, qtbot) -> None:
    project = window.project
    note = window.quick_note()
    note.site.setCurrentText("Van Dijk")
    qtbot.keyClicks(note.body, "Operator legt de nieuwe pers uit. ")
    qtbot.waitUntil(lambda: note.doc_id is not None, timeout=3000)
    doc = project.document(note.doc_id)
    assert doc.kind == "fieldnote" and doc.text.startswith("Operator legt")
    assert project.site(doc.site_id).name == "Van Dijk"
    qtbot.keyClick(note.body, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(note.body, "pauze")
    qtbot.waitUntil(lambda: project.document(note.doc_id).text.endswith("pauze"), timeout=3000)
    assert "] pauze" in project.document(note.doc_id).text
    note.close()
    # the next note starts at the same site and visit
    second = window.quick_note()
    assert second.site.currentText() == "Van Dijk"
    assert second.visit.date() == note.visit.date()
    second.close()


def test_closing_the_note_writes_the_last_keystrokes(window, qtbot) -> None:
    note = window.quick_note()
    note.body.setPlainText("Eerste regel")
    note.close()
    docs = [d for d in window.project.documents(kind="fieldnote") if d.title.startswith("Field")]
    assert [window.project.document(d.id).text for d in docs] == ["Eerste regel"]


def test_note_with_a_photo_and_caption(window, qtbot, tmp_path: Path) -> None:
    project = window.project
    photo = make_photo(tmp_path / "kantbank.png")
    note = window.quick_note()
    note.site.setCurrentText("Hendriks")
    note.body.setPlainText("Bij de kantbank.")
    note.attach_photos([str(photo)])
    qtbot.waitUntil(lambda: note.photos.count() == 1, timeout=5000)
    photo_id = note.photos.item(0).data(Qt.ItemDataRole.UserRole)
    doc = project.document(photo_id)
    assert doc.kind == "photo" and project.site(doc.site_id).name == "Hendriks"
    assert "[photo: kantbank]" in project.document(note.doc_id).text
    note.photos.item(0).setText("Henk aan de kantbank")
    assert project.document(photo_id).text == "Henk aan de kantbank"
    note.close()
    tab = window.open_document(photo_id)
    # the caption is the photo's text: shown in the coded text view under the picture
    assert tab.is_photo and tab.text_view.toPlainText() == "Henk aan de kantbank"
    project.code_text(photo_id, 0, 4, project.codes_with_counts()[0][1].id)
    assert project.codings(doc=photo_id)[0].quote == "Henk"


def test_drawing_a_region_on_a_photo_codes_it(window, qtbot, tmp_path: Path) -> None:
    from fieldkit.core.model import Region

    project = window.project
    [doc] = project.imports.files([make_photo(tmp_path / "pers.png")], site="Hendriks")
    tab = window.open_document(doc.id)
    tab.photo_view.region_drawn.emit(Region(10, 20, 100, 80))
    box = window.coding.box
    qtbot.keyClicks(box.edit, "New machine")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    [coding] = project.codings(doc=doc.id)
    assert coding.region == Region(10, 20, 100, 80)
    assert len(tab.photo_view._regions) == 1


def test_import_runs_in_the_background_with_progress(window, qtbot, tmp_path: Path) -> None:
    source = tmp_path / "interview2.txt"
    source.write_text("Interviewer: Wat leer je?\nAnna: Veel van mijn collega's.\n",
                      encoding="utf-8")
    dialog = window.import_dialog([str(source), str(tmp_path / "missing.txt")])
    assert dialog.paths() == [str(source)]
    dialog.site.setCurrentText("Hendriks")
    dialog.accept()
    qtbot.waitUntil(lambda: any(d.title == "interview2" for d in window.project.documents()),
                    timeout=5000)
    window.runner.wait()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=3000)
    window.refresh_panels()
    labels = [window.navigator.tree_model.node(i).label for i in _all(window.navigator.tree_model)]
    assert "interview2" in labels


def test_a_bad_import_changes_nothing_and_says_why(window, qtbot, tmp_path: Path,
                                                   monkeypatch) -> None:
    from fieldkit.gui import runner

    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4")
    shown: list[str] = []
    monkeypatch.setattr(runner.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    before = len(window.project.documents())
    window.import_files([str(bad)])
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "notes.pdf" in shown[0] and "\n" not in shown[0]
    assert len(window.project.documents()) == before


def test_cancel_stops_a_job_and_nothing_is_written(window, qtbot) -> None:
    import threading

    from fieldkit.core.errors import Cancelled

    started = threading.Event()
    outcome: list[object] = []

    def job(progress):
        progress.start(1000, "working")
        started.set()
        for _ in range(1000):
            threading.Event().wait(0.005)
            progress.step()
        return "finished"

    token = window.runner.run("Long job", job, outcome.append, failed=outcome.append,
                              delay_ms=0)
    assert started.wait(5)
    token.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert isinstance(outcome[0], Cancelled)


def _all(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        idx = model.index(row, 0, parent)
        yield idx
        yield from _all(model, idx)


def test_item_models_pass_the_model_tester(window, qtmodeltester) -> None:
    window.search.run("machine")
    qtmodeltester.check(window.navigator.tree_model)
    qtmodeltester.check(window.navigator.list_model)
    qtmodeltester.check(window.codebook.model)
    qtmodeltester.check(window.search.model)


def test_every_interface_string_has_a_dutch_translation() -> None:
    from fieldkit.gui.i18n import read_language, read_language_plurals

    strings = interface_strings()
    counted = literal_calls("ntr")  # ntr("%Ln coding(s)", n): plural forms in both languages
    assert "%Ln coding(s)" in counted
    for language in ("nl", "en"):
        plurals = read_language_plurals(language)
        assert sorted(counted - set(plurals)) == [], language
        for source in counted:
            assert len(plurals[source]) == 2, source  # one, other
            assert "%Ln" in plurals[source][1], source
            for n in range(3):
                assert all((f"{{{n}}}" in source) == (f"{{{n}}}" in form)
                           for form in plurals[source]), source
    dutch = read_language("nl")
    assert sorted(strings - set(dutch)) == []
    # placeholders survive translation
    for source, text in dutch.items():
        for n in range(3):
            assert (f"{{{n}}}" in source) == (f"{{{n}}}" in text), source


def test_launcher_without_a_display_says_what_to_do(monkeypatch, capsys) -> None:
    from fieldkit import gui_launcher

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(gui_launcher.sys, "platform", "linux")
    assert gui_launcher.launch("/nowhere") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "xvfb-run" in err


def test_launcher_names_missing_libraries(monkeypatch, capsys) -> None:
    from fieldkit import gui_launcher

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(gui_launcher.sys, "platform", "linux")
    monkeypatch.setattr(gui_launcher.ctypes.util, "find_library",
                        lambda name: None if name == "xcb-cursor" else "lib.so")
    assert gui_launcher.launch("/nowhere") == 2
    assert "apt-get install libxcb-cursor0" in capsys.readouterr().err


def test_launcher_on_a_folder_that_is_no_project(tmp_path: Path, capsys) -> None:
    from fieldkit import gui_launcher

    assert gui_launcher.launch(str(tmp_path), screenshot=str(tmp_path / "x.png")) == 2
    assert not (tmp_path / "x.png").exists()
    assert capsys.readouterr().err.strip()


def test_screenshot_writes_a_png_of_the_window(project, tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QImage

    from fieldkit.gui.app import run

    out = tmp_path / "shot.png"
    assert run(project, screenshot=str(out), language="en") == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)


def test_export_runs_through_the_runner(window, qtbot, tmp_path: Path) -> None:
    from fieldkit.gui.export_dialog import ExportDialog

    out = tmp_path / "tables.xlsx"
    window.actions_["export_xlsx"].trigger()  # the export dialog, on Excel
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.kind() == "xlsx"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert out.exists() and out.stat().st_size > 0
