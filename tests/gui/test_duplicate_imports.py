"""Importing files already in the project asks once per batch (issue 25 #7), in the real window:
Skip them, Import again or Cancel each do what they say; Material tells a recording and its
transcript of one name apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from fieldkit.gui import i18n
from fieldkit.project import Project
from tests.gui.conftest import TRANSCRIPT, make_photo


def question(window, qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "duplicates") is not None,
                    timeout=10000)
    box = window.findChild(QMessageBox, "duplicates")
    assert box.isVisible()
    return box


def press(box: QMessageBox, label: str, qtbot) -> None:
    [button] = [b for b in box.buttons() if b.text() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settle(window, qtbot) -> None:
    window.runner.wait()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)


def transcripts(project: Project) -> list[str]:
    return sorted(d.title for d in project.documents() if d.kind != "fieldnote")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """kees.txt as the project has it, a copy under another name, and a new file."""
    copy = tmp_path / "kopie" / "interview kees.txt"
    copy.parent.mkdir()
    copy.write_text(TRANSCRIPT, encoding="utf-8")
    new = tmp_path / "anouk.txt"
    new.write_text("Interviewer: En jij?\nAnouk: Ik kijk mee met Sjoerd 👀.\n", encoding="utf-8")
    return tmp_path / "kees.txt", copy, new


def test_the_same_file_again_asks_and_skip_imports_only_the_new(window, qtbot, files) -> None:
    kees, copy, new = files
    project = window.project
    window.import_files([str(kees), str(copy), str(new)], kind="transcript")
    box = question(window, qtbot)
    assert box.text() == "2 files are already in the project:"
    assert box.informativeText().splitlines() == [
        "kees.txt: already there as “kees”", "interview kees.txt: already there as “kees”"]
    assert transcripts(project) == ["kees"]  # nothing stored while asking
    press(box, "Skip them", qtbot)
    qtbot.waitUntil(lambda: transcripts(project) == ["anouk", "kees"], timeout=10000)
    settle(window, qtbot)
    assert window.findChild(QMessageBox, "duplicates") is None
    qtbot.waitUntil(lambda: "Skipped 2 files already in the project."
                    in window.statusBar().currentMessage(), timeout=5000)
    assert window.statusBar().currentMessage().startswith("Imported 1 document.")


def test_import_again_imports_them_as_new_documents(window, qtbot, files) -> None:
    kees, copy, _ = files
    project = window.project
    window.import_files([str(kees), str(copy)], kind="transcript")
    press(question(window, qtbot), "Import again", qtbot)
    qtbot.waitUntil(lambda: transcripts(project) == ["interview kees", "kees", "kees"],
                    timeout=10000)
    settle(window, qtbot)
    assert window.findChild(QMessageBox, "duplicates") is None


def test_cancel_imports_nothing(window, qtbot, files) -> None:
    kees, _, new = files
    project = window.project
    window.import_files([str(kees), str(new)], kind="transcript")
    press(question(window, qtbot), "Cancel", qtbot)
    qtbot.waitUntil(lambda: "nothing was changed" in window.statusBar().currentMessage(),
                    timeout=5000)
    settle(window, qtbot)
    assert transcripts(project) == ["kees"]


def test_a_copy_inside_one_batch_is_asked_about_too(window, qtbot, tmp_path: Path) -> None:
    one = make_photo(tmp_path / "kantbank.png")
    two = tmp_path / "IMG_0001.png"
    two.write_bytes(one.read_bytes())
    window.import_files([str(one), str(two)])
    box = question(window, qtbot)
    assert box.text() == "1 file is already in the project:"
    assert box.informativeText() == "IMG_0001.png: the same as “kantbank”, earlier in this import"
    press(box, "Skip them", qtbot)
    qtbot.waitUntil(lambda: "kantbank" in transcripts(window.project), timeout=10000)
    settle(window, qtbot)
    assert transcripts(window.project) == ["kantbank", "kees"]


def test_the_dialog_path_and_the_dutch_question(window, qtbot, files) -> None:
    kees, _, _ = files
    i18n.install("nl")
    try:
        dialog = window.import_dialog([str(kees)])
        dialog.accept()
        box = question(window, qtbot)
        assert box.windowTitle() == "Al in het project"
        assert box.text() == "1 bestand staat al in het project:"
        assert box.informativeText() == "kees.txt: staat er al als “kees”"
        assert sorted(b.text() for b in box.buttons()) == [
            "Annuleren", "Opnieuw importeren", "Overslaan"]
        press(box, "Overslaan", qtbot)
        settle(window, qtbot)
        assert transcripts(window.project) == ["kees"]
    finally:
        i18n.install("en")


def test_undo_after_an_import_from_the_window(window, qtbot, files) -> None:
    _, _, new = files
    project = window.project
    window.import_files([str(new)])
    qtbot.waitUntil(lambda: "anouk" in transcripts(project), timeout=10000)
    settle(window, qtbot)
    project.undo()
    assert transcripts(project) == ["kees"]
    window.import_files([str(new)])  # gone again, so not a duplicate: no question
    qtbot.waitUntil(lambda: "anouk" in transcripts(project), timeout=10000)
    settle(window, qtbot)
    assert window.findChild(QMessageBox, "duplicates") is None


def test_attaching_a_photo_twice_to_a_note_asks(window, qtbot, tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "bank.png")
    note = window.quick_note()
    note.attach_photos([str(photo)])
    qtbot.waitUntil(lambda: "bank" in transcripts(window.project), timeout=10000)
    settle(window, qtbot)
    note.attach_photos([str(photo)])
    qtbot.waitUntil(lambda: note.findChild(QMessageBox, "duplicates") is not None,
                    timeout=10000)
    box = note.findChild(QMessageBox, "duplicates")
    press(box, "Import again", qtbot)
    qtbot.waitUntil(lambda: transcripts(window.project).count("bank") == 2, timeout=10000)
    settle(window, qtbot)
    note.close()


# -- a recording and its transcript of one name, in Material -----------------------------


def labels(model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        idx = model.index(row, 0, parent)
        out.append(idx.data())
        out += labels(model, idx)
    return out


def test_a_recording_and_its_transcript_say_their_kind(window, qtbot, tmp_path: Path) -> None:
    from fieldkit.demo.sound import write_recording

    talk = tmp_path / "talk.wav"
    write_recording(talk, 2.0)
    talk.with_suffix(".vtt").write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Jan>Van collega's 👀.\n", encoding="utf-8")
    window.project.imports.files([talk], site="Hendriks", visit="2026-03-13")
    window.refresh_panels()
    shown = labels(window.navigator.tree_model)
    assert "talk (recording)" in shown and "talk (transcript)" in shown
    assert "talk" not in shown
    assert "kees" in shown  # a name used once stays as it is
    window.set_language("nl")
    try:
        shown = labels(window.navigator.tree_model)
        assert "talk (opname)" in shown and "talk (transcript)" in shown
    finally:
        window.set_language("en")
