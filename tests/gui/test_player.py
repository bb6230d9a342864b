"""The recording player: play, seek from a timestamp, highlight following the position,
transcription-mode keys, coding a stretch of time and undoing it, Dutch labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtMultimedia import QMediaPlayer

from fieldkit.demo.sound import write_recording
from fieldkit.project import Project

VTT = """WEBVTT

00:00:00.000 --> 00:00:01.200
<v Interviewer>Hoe leer je hier nieuwe dingen?

00:00:01.200 --> 00:00:02.800
<v Jan>Meestal van collega's aan de machine.
"""


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("player-media")
    write_recording(folder / "gesprek.m4a", 3.0)
    write_recording(folder / "beeld.mp4", 3.0, video=True)
    return folder


@pytest.fixture
def recorded(project: Project, media: Path, tmp_path: Path) -> int:
    audio = tmp_path / "gesprek.m4a"
    audio.write_bytes((media / "gesprek.m4a").read_bytes())
    audio.with_suffix(".vtt").write_text(VTT, encoding="utf-8")
    rec, _ = project.imports.files([audio], site="Hendriks")
    return rec.id


@pytest.fixture
def player(qtbot, project: Project, recorded: int):
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.player import RecordingPlayer

    application()
    i18n.install("en")
    widget = RecordingPlayer(project, recorded)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    loaded = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
    qtbot.waitUntil(lambda: widget.player.mediaStatus() in loaded, timeout=20000)
    yield widget
    widget.player.stop()


def test_play_pressed_while_the_file_opens_plays_once_open(qtbot, project, recorded) -> None:
    from fieldkit.gui.app import application
    from fieldkit.gui.player import RecordingPlayer

    application()
    widget = RecordingPlayer(project, recorded)
    qtbot.addWidget(widget)
    widget.play()  # at once: the file may still be opening
    assert widget.playing() and widget.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: widget.player.playbackState()
                    == QMediaPlayer.PlaybackState.PlayingState, timeout=20000)
    widget.player.stop()


def test_play_and_pause(qtbot, player) -> None:
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    assert player.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
    assert player.play_button.text() == "Pause"
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    assert player.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState


def test_highlight_follows_the_position(player) -> None:
    transcript = player.transcript
    player.follow(300)
    assert transcript.current == 0
    player.follow(1500)
    assert transcript.current == 1
    [selection] = transcript.extraSelections()
    assert selection.cursor.block().text().startswith("[00:00:01.2] Jan: Meestal")
    assert transcript.textCursor().blockNumber() == 1  # kept in view


def test_clicking_a_timestamp_plays_from_there(qtbot, player) -> None:
    transcript = player.transcript
    block = transcript.document().findBlockByNumber(1)
    rect = transcript.blockBoundingGeometry(block).translated(transcript.contentOffset())
    qtbot.mouseClick(transcript.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(int(rect.left()) + 8, int(rect.center().y())))
    assert player.player.position() == 1200
    assert player.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
    player.player.pause()
    # a plain click in the words does not seek; Ctrl+click does
    first = transcript.blockBoundingGeometry(transcript.document().findBlockByNumber(0))
    words = QPoint(int(first.left()) + 200, int(first.translated(
        transcript.contentOffset()).center().y()))
    qtbot.mouseClick(transcript.viewport(), Qt.MouseButton.LeftButton, pos=words)
    assert player.player.position() == 1200
    qtbot.mouseClick(transcript.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=words)
    assert player.player.position() == 0


def test_back_five_seconds_and_waveform_click(qtbot, player) -> None:
    player.seek(2500)
    qtbot.mouseClick(player.back_button, Qt.MouseButton.LeftButton)
    assert player.player.position() == 0
    bar = player.waveform
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, 20))
    assert abs(player.player.position() - 1500) <= 3000 // bar.width() + 1
    assert bar.position_ms == player.player.position()


def test_waveform_is_drawn_from_the_background_and_cached(qtbot, player, project,
                                                          recorded) -> None:
    qtbot.waitUntil(lambda: bool(player.waveform.peaks), timeout=20000)
    assert project.recordings.cached_waveform(recorded) is not None


def test_transcription_mode_keys_and_autosave(qtbot, player, project, recorded) -> None:
    player.mode_button.setChecked(True)
    editor = player.editor
    assert player.pages.currentWidget() is editor
    continued = editor.toPlainText()  # the imported transcript, continued (issue 26)
    player.seek(1200)
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Wat doe je?")
    assert editor.toPlainText() == continued + "\n[00:00:01.2] Interviewer: Wat doe je?"
    qtbot.keyClick(editor, Qt.Key.Key_F4)  # play
    assert player.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
    player.player.setPosition(2500)
    qtbot.keyClick(editor, Qt.Key.Key_F4)  # pause, and back a little
    assert player.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState
    assert player.player.position() == 500
    qtbot.waitUntil(lambda: player.transcription_id is not None, timeout=5000)
    doc = project.document(player.transcription_id)
    assert doc.text.endswith("\nInterviewer: Wat doe je?")  # the stamp is the turn's time
    assert "[" not in doc.text
    assert [(t.speaker, t.t_start) for t in project.turns(doc.id)][-1] == ("Interviewer", 1.2)
    assert project.recordings.recording(recorded).transcripts == [doc.id]


def test_coding_a_stretch_from_the_waveform_and_undo(qtbot, player, project,
                                                     recorded) -> None:
    bar = player.waveform
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 6, 20))
    qtbot.mouseMove(bar, QPoint(bar.width() // 2, 20))
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, 20))
    assert player.selection is not None
    player.code.setCurrentIndex(player.code.findData(
        project.code("Technology/New machine").id))
    qtbot.mouseClick(player.code_button, Qt.MouseButton.LeftButton)
    [coding] = project.recordings.time_codings(recorded)
    assert abs(coding.start_ms - 500) < 20 and abs(coding.end_ms - 1500) < 20
    assert len(bar.marks) == 1 and bar.marks[0][2] == "#fa903e"
    project.undo()
    assert project.recordings.time_codings(recorded) == []
    assert bar.marks == []


def test_coding_the_words_selected_in_the_synced_transcript(qtbot, player, project,
                                                            recorded) -> None:
    """The button codes the selected words on their transcript, as the code keys do (it
    coded the turns' whole time span before)."""
    cursor = player.transcript.textCursor()
    block = player.transcript.document().findBlockByNumber(1)
    start = block.position() + block.text().index("Meestal")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Meestal van"), cursor.MoveMode.KeepAnchor)
    player.transcript.setTextCursor(cursor)
    qtbot.mouseClick(player.code_button, Qt.MouseButton.LeftButton)
    assert project.recordings.time_codings(recorded) == []
    [transcript] = project.recordings.recording(recorded).transcripts
    [coding] = project.codings(doc=transcript)
    assert coding.quote == "Meestal van"


def test_video_sits_in_a_resizable_pane(qtbot, project, media, tmp_path) -> None:
    from fieldkit.gui.app import application
    from fieldkit.gui.player import RecordingPlayer

    application()
    clip = tmp_path / "beeld.mp4"
    clip.write_bytes((media / "beeld.mp4").read_bytes())
    [doc] = project.imports.files([clip])
    widget = RecordingPlayer(project, doc.id)
    qtbot.addWidget(widget)
    assert widget.video is not None and widget.splitter.indexOf(widget.video) == 0
    widget.player.stop()


def test_dutch_labels(qtbot, project, recorded) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.player import RecordingPlayer

    application()
    i18n.install("nl")
    try:
        widget = RecordingPlayer(project, recorded)
        qtbot.addWidget(widget)
        shown = [widget.play_button.text(), widget.back_button.text(),
                 widget.code_button.text(), widget.mode_button.text(),
                 widget.offset_label.text(), widget.speakers_label.text(),
                 widget.speakers.text()]
        assert shown == ["Afspelen", "5 s terug", "Codeer selectie", "Transcriptiemodus",
                         "Verschuiving transcript", "Sprekers", "Interviewer, Jan"]
        widget.player.stop()
    finally:
        i18n.install("en")


def test_no_python_handler_catches_the_media_backends_messages(request) -> None:
    """The media backend logs from its own threads while the main thread waits on them: a
    Python message handler (pytest-qt's log capture) deadlocks there, so the suite runs without
    it (tests/conftest.py)."""
    assert request.config.pluginmanager.get_plugin("_qt_logging") is None


def test_the_backends_threads_stop_a_playing_recording_without_the_interpreter(
        qtbot, player) -> None:
    """The audio renderer the backend makes for each play lives on the backend's thread and is
    deleted there at stop, disconnecting from the player's ``QAudioOutput``. That must not
    wait for the interpreter: the main thread holds it while it runs Qt code, and the two then
    deadlock over Qt's connection lock (CI hung here). The main thread keeps the interpreter
    (no switching, a sleep that does not let go of it) while the renderer goes."""
    import ctypes
    import sys

    from PySide6.QtCore import SIGNAL

    def renderers() -> int:
        return int(player.audio.receivers(SIGNAL("volumeChanged(float)")))

    player.player.play()
    qtbot.waitUntil(lambda: renderers() > 0, timeout=20000)
    keep_interpreter = ctypes.PyDLL(None)  # a PyDLL call does not release the interpreter
    switching = sys.getswitchinterval()
    sys.setswitchinterval(120)
    try:
        player.player.stop()
        left = [renderers()]
        for _ in range(2000):  # up to 20 s for a loaded machine; done in the first few
            if left[-1] == 0:
                break
            keep_interpreter.usleep(10_000)
            left.append(renderers())
    finally:
        sys.setswitchinterval(switching)
    assert left[-1] == 0, "the backend's thread waited for the interpreter to delete its renderer"
