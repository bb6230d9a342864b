"""Issue 26, section 3: the transcript-first player.

The transcript is the main area of an open recording; transcription mode continues the
recording's transcript, owns its keys (Ctrl+1…9 insert speakers, not codes) and never repeats a
timestamp; overlapping time codings get a lane each; the speaker keys propose the transcript's
own speakers. Real windows, real projects in temporary folders, recordings generated as the
other player tests make them; every player is stopped before its test ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCursor
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QToolTip

from fieldkit.demo.sound import write_recording
from fieldkit.project import Project
from tests.gui.conftest import open_window

VTT = """WEBVTT

00:00:00.000 --> 00:00:01.200
<v Marieke>Hoe leer je hier nieuwe dingen? 🙂

00:00:01.200 --> 00:00:02.800
<v Jan>Meestal van collega's aan de machine.
"""

LOADED = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("transcript-player") / "gesprek.m4a"
    write_recording(path, 3.0)
    return path


def import_recording(project: Project, sound: Path, folder: Path,
                     transcript: str | None = VTT) -> int:
    audio = folder / "gesprek.m4a"
    audio.write_bytes(sound.read_bytes())
    if transcript is not None:
        audio.with_suffix(".vtt").write_text(transcript, encoding="utf-8")
    return project.imports.files([audio], site="Hendriks")[0].id


@pytest.fixture
def recorded(project: Project, sound: Path, tmp_path: Path) -> int:
    return import_recording(project, sound, tmp_path)


def make_player(qtbot, project: Project, doc_id: int):  # type: ignore[no-untyped-def]
    from fieldkit.gui.app import application
    from fieldkit.gui.player import RecordingPlayer

    application()
    widget = RecordingPlayer(project, doc_id)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.player.mediaStatus() in LOADED, timeout=20000)
    return widget


@pytest.fixture
def player(qtbot, project: Project, recorded: int) -> Iterator:  # type: ignore[type-arg]
    widget = make_player(qtbot, project, recorded)
    yield widget
    widget.player.stop()


def lines(view) -> list[str]:  # type: ignore[no-untyped-def]
    return view.toPlainText().split("\n")


# -- timestamps are written once -------------------------------------------------------------

def test_typed_turns_start_after_their_timestamp() -> None:
    from fieldkit.core.transcription import transcription_turns

    text = "[00:00:04.869] Anna: ja 😀 é\n[00:00:06] Jan: nee\nverder"
    turns = transcription_turns(text)
    assert [text[t.start:t.end] for t in turns] == ["Anna: ja 😀 é", "Jan: nee\nverder"]
    assert [(t.speaker, t.t_start, t.t_end) for t in turns] == [("Anna", 4.869, 6.0),
                                                                ("Jan", 6.0, None)]


def test_typing_in_transcription_mode_shows_each_timestamp_once(
        qtbot, project: Project, sound: Path, tmp_path: Path) -> None:
    """The typed turn held its own stamp and the synced transcript put the time before it
    again: "[00:00:01.2] [00:00:01.2] Anna: …", after a restart too."""
    doc_id = import_recording(project, sound, tmp_path, transcript=None)
    widget = make_player(qtbot, project, doc_id)
    widget.speakers.setText("Anna, Jan")
    widget.mode_button.setChecked(True)
    widget.seek(1200)
    qtbot.keyClick(widget.editor, Qt.Key.Key_F8)
    qtbot.keyClick(widget.editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget.editor, "Wat doe je? ")
    widget.editor.insertPlainText("😀")  # QTest types no character beyond the BMP
    widget.mode_button.setChecked(False)  # saves
    assert lines(widget.transcript) == ["[00:00:01.2] Anna: Wat doe je? 😀"]
    typed = project.document(widget.transcription_id)
    assert typed.text == "[00:00:01.2] Anna: Wat doe je? 😀"
    [turn] = project.turns(typed.id)
    assert typed.text[turn.start:turn.end] == "Anna: Wat doe je? 😀"
    widget.player.stop()
    widget.close()
    again = make_player(qtbot, project, doc_id)  # the app opened again
    assert lines(again.transcript) == ["[00:00:01.2] Anna: Wat doe je? 😀"]
    again.mode_button.setChecked(True)
    assert again.editor.toPlainText() == "[00:00:01.2] Anna: Wat doe je? 😀"
    again.player.stop()


def test_a_turn_saved_with_its_stamp_inside_shows_the_stamp_once(qtbot) -> None:
    """Transcripts typed before the fix keep turns that start at the stamp."""
    from fieldkit.gui.app import application
    from fieldkit.gui.synced_transcript import SyncedTranscript
    from fieldkit.operations.recordings import TimedSegment

    application()
    view = SyncedTranscript()
    qtbot.addWidget(view)
    view.set_segments([TimedSegment(1, 0, 30, "Anna", 4869, None,
                                    "[00:00:04.869] Anna: ja, dat klopt")])
    assert lines(view) == ["[00:00:04.869] Anna: ja, dat klopt"]


# -- transcription mode continues the linked transcript --------------------------------------

def test_transcription_mode_continues_the_imported_transcript(
        qtbot, player, project: Project, recorded: int) -> None:
    """Switching the mode on showed an empty pane and the first key made a separate
    "gesprek (transcription)" document beside the imported one."""
    [imported] = project.recordings.recording(recorded).transcripts
    documents = len(project.documents())
    label = project.undo_label()
    player.mode_button.setChecked(True)
    assert lines(player.editor) == ["[00:00:00] Marieke: Hoe leer je hier nieuwe dingen? 🙂",
                                    "", "[00:00:01.2] Jan: Meestal van collega's aan de machine."]
    player.mode_button.setChecked(False)  # nothing typed: nothing changes
    assert project.undo_label() == label
    assert not project.document(imported).attributes.get("transcription")
    player.mode_button.setChecked(True)
    player.seek(2400)
    qtbot.keyClick(player.editor, Qt.Key.Key_F8)
    qtbot.keyClick(player.editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(player.editor, "En dan?")
    qtbot.waitUntil(lambda: player.transcription_id == imported, timeout=5000)
    assert len(project.documents()) == documents  # no "(transcription)" document
    assert project.recordings.recording(recorded).transcripts == [imported]
    turns = project.turns(imported)
    assert [(t.speaker, t.t_start) for t in turns] == [
        ("Marieke", 0.0), ("Jan", 1.2), ("Marieke", 2.4)]
    player.mode_button.setChecked(False)
    assert lines(player.transcript) == [
        "[00:00:00] Marieke: Hoe leer je hier nieuwe dingen? 🙂",
        "[00:00:01.2] Jan: Meestal van collega's aan de machine.",
        "[00:00:02.4] Marieke: En dan?"]
    project.undo()
    assert [t.t_start for t in project.turns(imported)] == [0.0, 1.2]
    assert "En dan?" not in project.document(imported).text


def test_a_continued_transcript_stores_no_stamps_and_keeps_its_end_times(
        qtbot, player, project: Project, recorded: int) -> None:
    """The real-window round: continuing the imported transcript stored "[00:00:01.2]" in
    its text (words, search hits for "00") and each turn ended where the next one starts."""
    [imported] = project.recordings.recording(recorded).transcripts
    original = project.document(imported).text
    coding = project.code_text(imported, original.index("collega's"),
                               original.index(" aan de"), "Technology/New machine")
    player.mode_button.setChecked(True)
    player.seek(2900)
    qtbot.keyClick(player.editor, Qt.Key.Key_F8)
    qtbot.keyClick(player.editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(player.editor, "En dan? ")
    player.editor.insertPlainText("🙂")  # QTest cannot type a character beyond the BMP
    player.mode_button.setChecked(False)
    text = project.document(imported).text
    assert text == original + "\nMarieke: En dan? 🙂"
    assert [(text[t.start:t.end], t.t_start, t.t_end) for t in project.turns(imported)] == [
        ("Marieke: Hoe leer je hier nieuwe dingen? 🙂", 0.0, 1.2),
        ("Jan: Meestal van collega's aan de machine.", 1.2, 2.8),
        ("Marieke: En dan? 🙂", 2.9, None)]
    assert project.coding(coding.id).quote == "collega's"
    assert not [h for h in project.search("00").hits if h.document_id == imported]
    player.mode_button.setChecked(True)  # opened again: the same lines, stamps shown once
    assert lines(player.editor) == [
        "[00:00:00] Marieke: Hoe leer je hier nieuwe dingen? 🙂", "",
        "[00:00:01.2] Jan: Meestal van collega's aan de machine.",
        "[00:00:02.9] Marieke: En dan? 🙂"]
    player.mode_button.setChecked(False)
    project.undo()
    assert project.document(imported).text == original
    assert [(t.t_start, t.t_end) for t in project.turns(imported)] == [(0.0, 1.2), (1.2, 2.8)]


def test_a_coding_on_the_imported_transcript_stays_on_its_words(
        qtbot, player, project: Project, recorded: int) -> None:
    [imported] = project.recordings.recording(recorded).transcripts
    coding = project.recordings.code_time(imported, 1200, 2800, "Technology/New machine")
    player.mode_button.setChecked(True)
    qtbot.keyClicks(player.editor, " Zo gaat dat.")
    player.mode_button.setChecked(False)
    moved = project.coding(coding.id)
    assert not moved.orphaned and "Meestal van collega's" in moved.quote
    assert (moved.start_ms, moved.end_ms) == (1200, 2800)


def test_a_recording_without_a_transcript_gets_a_new_one(
        qtbot, project: Project, sound: Path, tmp_path: Path) -> None:
    doc_id = import_recording(project, sound, tmp_path, transcript=None)
    widget = make_player(qtbot, project, doc_id)
    widget.mode_button.setChecked(True)
    assert widget.editor.toPlainText() == ""
    qtbot.keyClicks(widget.editor, "Eerste woorden")
    widget.mode_button.setChecked(False)
    doc = project.document(widget.transcription_id)
    assert doc.title == "gesprek (transcription)" and doc.text == "Eerste woorden"
    widget.player.stop()


# -- the speaker keys belong to transcription mode ---------------------------------------------

@pytest.fixture
def window_with_recording(qtbot, project: Project, recorded: int) -> Iterator:  # type: ignore[type-arg]
    opened = open_window(qtbot, project)
    window = next(opened)
    window.resize(1366, 768)
    tab = window.open_document(recorded)
    qtbot.waitUntil(lambda: tab.player.player.mediaStatus() in LOADED, timeout=20000)
    yield window, tab.player
    try:
        tab.player.player.stop()
    except RuntimeError:  # the test closed the tab: its player stopped and went
        pass
    next(opened, None)


def test_speaker_keys_insert_speakers_in_the_window_not_codes(
        qtbot, window_with_recording, project: Project) -> None:
    """The window's Ctrl+1…9 "Code with …" shortcuts took the keys: "Select some text first"
    and no speaker."""
    window, player = window_with_recording
    codings = len(project.codings())
    player.mode_button.setChecked(True)
    editor = player.editor
    assert editor.hasFocus() or QApplication.focusWidget() is editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "ja.")
    assert lines(editor)[-1] == "Jan: ja."
    assert "Select some text first" not in window.statusBar().currentMessage()
    assert len(project.codings()) == codings
    assert player.mode_help.isVisible() and "Ctrl+1…9" in player.mode_help.text()
    # outside transcription mode the keys code again
    player.mode_button.setChecked(False)
    assert not player.mode_help.isVisible()


def select_shown(view, first: str, last: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Select from ``first`` to the end of ``last`` (or of ``first``) as shown in the synced
    transcript (Qt counts UTF-16 units)."""
    from fieldkit.core.text import Utf16Map

    shown = view.toPlainText()
    start = shown.index(first)
    end = shown.index(last or first, start) + len(last or first)
    units = Utf16Map(shown)
    cursor = view.textCursor()
    cursor.setPosition(units.to_utf16(start))
    cursor.setPosition(units.to_utf16(end), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_code_keys_code_the_words_selected_in_the_recordings_transcript(
        qtbot, window_with_recording, project: Project, recorded: int) -> None:
    """Found in the real window: a sentence selected in the recording's transcript pane and
    Ctrl+3 said "Select some text first." The words are coded on their transcript (emoji
    before them counted as one code point, the stamp shown before the turn left out)."""
    window, player = window_with_recording
    [transcript] = project.recordings.recording(recorded).transcripts
    text = project.document(transcript).text
    code = project.add_code("Leren/Van collega's")
    player.reload()
    for words in ("Hoe leer je hier nieuwe dingen? 🙂", " collega's aan de machine"):
        select_shown(player.transcript, words)  # a space at the edge is left out
        assert window.coding.apply(code.id)
        assert "Select some text first" not in window.statusBar().currentMessage()
    quotes = sorted(text[c.start:c.end] for c in project.codings(doc=transcript))
    assert quotes == sorted(["Hoe leer je hier nieuwe dingen? 🙂", "collega's aan de machine"])
    # a selection reaching from one turn into the next keeps the words of both, not the stamp
    select_shown(player.transcript, "🙂", "Meestal")
    assert player.transcript.selected_words() == (
        transcript, text.index("🙂"), text.index("Meestal") + len("Meestal"))


def test_what_was_typed_just_before_the_tab_closes_is_saved(
        qtbot, window_with_recording, project: Project, recorded: int) -> None:
    """The tab was deleted without its player's close event: the last second of typing (the
    save waits a second) was lost, and so was typing just before the window closed."""
    window, player = window_with_recording
    [imported] = project.recordings.recording(recorded).transcripts
    player.mode_button.setChecked(True)
    qtbot.keyClicks(player.editor, " Tot slot.")
    assert player._save_timer.isActive()  # not saved yet
    window.close_tab(window.tabs.currentIndex())
    assert project.document(imported).text.endswith("machine. Tot slot.")
    assert player.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState


# -- time codings: a lane per code, named, with a tooltip, clicked to select -----------------

def test_overlapping_time_codings_get_a_lane_each(qtbot, player, project: Project,
                                                   recorded: int) -> None:
    """Both were drawn in one band at the bottom: the second hid the first, and only the
    first was named."""
    first = project.recordings.code_time(recorded, 200, 2000, "Technology/New machine")
    project.recordings.code_time(recorded, 800, 2600, "Learning/Informal/Observation")
    bar = player.waveform
    bar.resize(800, bar.sizeHint().height())
    picture = bar.grab()  # paints: names where they stand
    assert picture.height() == bar.height()
    rects = {m.name: bar.mark_rect(m) for m in bar.marks}
    assert not rects["New machine"].intersects(rects["Observation"])
    assert sorted(name for _box, name in bar.named) == ["New machine", "Observation"]
    assert all(rect.bottom() <= bar.height() for rect in rects.values())
    # the tooltip on a lane names that lane's stretch
    at = rects["New machine"].center().toPoint()
    QApplication.sendEvent(bar, QHelpEvent(QEvent.Type.ToolTip, at, bar.mapToGlobal(at)))
    assert "New machine" in QToolTip.text() and "Observation" not in QToolTip.text()
    # a click on a stretch selects it: coding it again codes that stretch
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=at)
    assert player.selection == (first.start_ms, first.end_ms)
    assert bar.selection == (200, 2000)
    player.code.setCurrentIndex(player.code.findData(
        project.code("Learning/Informal/Trial and error").id))
    qtbot.mouseClick(player.code_button, Qt.MouseButton.LeftButton)
    assert sorted((c.start_ms, c.end_ms) for c in project.recordings.time_codings(recorded)) \
        == [(200, 2000), (200, 2000), (800, 2600)]
    assert len(bar.lanes) == 3


# -- speakers proposed from the transcript ----------------------------------------------------

def test_speakers_are_proposed_from_the_transcript(qtbot, player, project: Project,
                                                    recorded: int) -> None:
    assert player.speakers.text() == "Marieke, Jan"
    assert player.editor.speakers == ["Marieke", "Jan"]
    player.speakers.setText("M, J, Tolk")  # the researcher's own list is kept
    player.reload()
    assert player.speakers.text() == "M, J, Tolk"


def test_without_a_transcript_two_roles_are_proposed(qtbot, project: Project, sound: Path,
                                                     tmp_path: Path) -> None:
    doc_id = import_recording(project, sound, tmp_path, transcript=None)
    widget = make_player(qtbot, project, doc_id)
    assert widget.speakers.text() == "Interviewer, Respondent"
    # found in the real window: the field showed ":erviewer, Respondent" (its end)
    assert widget.speakers.cursorPosition() == 0
    widget.player.stop()


def test_the_second_role_stays_after_the_first_speaker_is_typed(
        qtbot, project: Project, sound: Path, tmp_path: Path) -> None:
    """Found in the real window: Ctrl+1 typed "Interviewer: " into a machine transcript without
    speakers; once saved, the proposal became "Interviewer" alone and Ctrl+2 inserted nothing."""
    doc_id = import_recording(project, sound, tmp_path, transcript=None)
    widget = make_player(qtbot, project, doc_id)
    widget.mode_button.setChecked(True)
    qtbot.keyClick(widget.editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget.editor, "Goedemorgen.")
    widget.save_transcription()
    assert project.recordings.speakers(doc_id) == ["Interviewer"]
    assert widget.speakers.text() == "Interviewer, Respondent"
    qtbot.keyClick(widget.editor, Qt.Key.Key_Return)
    qtbot.keyClick(widget.editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert widget.editor.toPlainText().rstrip().endswith("Respondent:")
    widget.player.stop()


# -- the transcript is the main area -----------------------------------------------------------

@pytest.mark.parametrize("size", [(1366, 768), (1440, 900)])
def test_the_transcript_is_the_main_area(qtbot, project: Project, recorded: int,
                                         size: tuple[int, int]) -> None:
    from PySide6.QtCore import Qt as _Qt

    opened = open_window(qtbot, project)
    window = next(opened)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=5000)
    # a Search pane as tall as in the report: half the window
    window.resizeDocks([window.search_dock], [size[1] // 2], _Qt.Orientation.Vertical)
    QApplication.processEvents()
    tall = window.search_dock.height()
    text_doc = next(d for d in project.documents() if d.kind == "transcript"
                    and not project.recordings.has_recording(d.id))
    window.open_document(text_doc.id)
    tab = window.open_document(recorded)
    player = tab.player
    qtbot.waitUntil(lambda: player.player.mediaStatus() in LOADED, timeout=20000)
    QApplication.processEvents()
    try:
        assert window.search_dock.height() < tall
        assert player.pages.height() > tab.height() / 2  # the transcript is the main area
        assert player.pages.height() > 2 * (player.waveform.height() + player.play_button
                                            .height())
        assert player.volume.width() >= 80  # a slider one can use
        assert player.waveform.width() > player.width() * 0.8  # the position bar
        shrunk = window.search_dock.height()
        window.open_document(text_doc.id)  # a text in front: the pane gets its height back
        QApplication.processEvents()
        # (Qt's dock layout gives back the height to within a tab bar's height)
        assert abs(window.search_dock.height() - tall) <= 30 < tall - shrunk
    finally:
        player.player.stop()
        next(opened, None)


def test_dutch_help_line_and_speakers(qtbot, project: Project, sound: Path,
                                     tmp_path: Path) -> None:
    from fieldkit.gui import i18n

    doc_id = import_recording(project, sound, tmp_path, transcript=None)
    i18n.install("nl")
    try:
        widget = make_player(qtbot, project, doc_id)
        assert widget.mode_help.text().startswith("Transcriptiemodus: F4")
        assert "Ctrl+1…9" in widget.mode_help.text()
        assert widget.speakers.toolTip().startswith("De namen")
        assert widget.speakers.text() == "Interviewer, Respondent"
        widget.player.stop()
    finally:
        i18n.install("en")


def test_a_click_on_the_waveform_outside_the_lanes_still_seeks(qtbot, player,
                                                               project: Project,
                                                               recorded: int) -> None:
    project.recordings.code_time(recorded, 0, 1000, "Technology/New machine")
    bar = player.waveform
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, 10))
    assert abs(player.player.position() - 1500) <= 3000 // bar.width() + 1
    assert player.selection is None


@pytest.mark.parametrize("high_contrast", [False, True])
def test_transcription_mode_looks_switched_on(qtbot, player, high_contrast: bool) -> None:
    """The checkable button looked the same on and off: only the help line told."""
    from fieldkit.gui import contrast, style, zoom

    app = QApplication.instance()
    contrast.choose(high_contrast)
    style.apply_contrast(app)
    zoom.apply()
    try:
        button = player.mode_button
        off = button.grab().toImage().pixelColor(4, button.height() // 2)
        button.setChecked(True)
        on = button.grab().toImage().pixelColor(4, button.height() // 2)
        assert on != off
        if high_contrast:
            assert on.name() == contrast.YELLOW
    finally:
        contrast.choose(None)
        style.apply_contrast(app)
        zoom.apply()


def test_text_codings_are_highlighted_in_the_transcript_pane(
        qtbot, player, project: Project, recorded: int) -> None:
    """A sentence coded in the player's transcript got no highlight there (the text view
    shows it in the code's colour); two codes differ without colour too (the underline follows
    the code's pattern) and hovering names the code."""
    [imported] = project.recordings.recording(recorded).transcripts
    text = project.document(imported).text
    start = text.index("nieuwe dingen? 🙂")
    project.code_text(imported, start, start + len("nieuwe dingen? 🙂"),
                      "Technology/New machine")
    other = project.add_code("Leren van collega's", colour="#3e7bfa")
    second = text.index("collega's")
    project.code_text(imported, second, second + len("collega's"), other.id)
    colour = project.code("Technology/New machine").colour
    qtbot.waitUntil(lambda: len(coded(player.transcript)) == 2, timeout=5000)
    assert [(words, background.rgb()) for words, background in coded(player.transcript)] == [
        ("nieuwe dingen? 🙂", QColor(colour).rgb()), ("collega's", QColor("#3e7bfa").rgb())]
    first, last = [s for s in player.transcript.extraSelections() if s.cursor.hasSelection()]
    assert first.format.underlineStyle() != last.format.underlineStyle()
    assert player.transcript.codes_at(last.cursor.selectionStart() + 1) == [
        "Leren van collega's"]
    assert player.transcript.codes_at(last.cursor.selectionEnd()) == []
    view = player.transcript
    place = QTextCursor(view.document())
    place.setPosition(last.cursor.selectionStart() + 2)
    at = view.cursorRect(place).center()
    QApplication.sendEvent(view.viewport(),
                           QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at)))
    assert QToolTip.text() == "Leren van collega's"


def coded(view) -> list[tuple[str, QColor]]:  # type: ignore[no-untyped-def]
    """The words each coding highlights in the synced transcript, and its background."""
    return [(s.cursor.selectedText(), s.format.background().color())
            for s in view.extraSelections() if s.cursor.hasSelection()]


def test_code_selection_codes_the_selected_words_and_the_waveform_its_stretch(
        qtbot, player, project: Project, recorded: int) -> None:
    """The "Code selection" button coded the whole turns' time span of words selected in the
    transcript pane while Ctrl+digit coded the words: now both code the words; a selection on
    the waveform (the latest one made) still codes its stretch of time."""
    [transcript] = project.recordings.recording(recorded).transcripts
    code = project.code("Technology/New machine")
    player.code.setCurrentIndex(player.code.findData(code.id))
    select_shown(player.transcript, "nieuwe dingen? 🙂")
    qtbot.mouseClick(player.code_button, Qt.MouseButton.LeftButton)
    [coding] = project.codings(doc=transcript)
    assert coding.quote == "nieuwe dingen? 🙂"
    assert project.undo_label() == "Code with Technology/New machine"
    assert project.recordings.time_codings(recorded) == []
    bar = player.waveform
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 6, 20))
    qtbot.mouseMove(bar, QPoint(bar.width() // 2, 20))
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, 20))
    select_shown(player.transcript, "collega's")  # the latest selection: the words
    qtbot.mouseClick(player.code_button, Qt.MouseButton.LeftButton)
    assert sorted(c.quote for c in project.codings(doc=transcript)) == [
        "collega's", "nieuwe dingen? 🙂"]
    assert project.recordings.time_codings(recorded) == []
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 6, 20))
    qtbot.mouseMove(bar, QPoint(bar.width() // 2, 20))
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, 20))
    assert not player.transcript.textCursor().hasSelection()
    qtbot.mouseClick(player.code_button, Qt.MouseButton.LeftButton)
    [stretch] = project.recordings.time_codings(recorded)
    assert abs(stretch.start_ms - 500) < 20 and abs(stretch.end_ms - 1500) < 20


def test_the_volume_slider_has_a_speaker_before_it_and_a_name(qtbot, player) -> None:
    """The unlabelled volume slider beside the clock looked like a position slider."""
    from PySide6.QtWidgets import QLabel

    from fieldkit.gui import i18n

    [icon] = [label for label in player.findChildren(QLabel) if label.buddy() is player.volume]
    assert icon.isVisible() and not icon.pixmap().isNull()
    assert icon.geometry().right() <= player.volume.geometry().left()
    assert icon.toolTip() == "Volume" and player.volume.accessibleName() == "Volume"
    i18n.install("nl")
    try:
        player.retranslate()
        assert icon.toolTip() == i18n.tr("Volume") == "Volume"  # Dutch says "volume" too
    finally:
        i18n.install("en")
