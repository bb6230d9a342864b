"""The player of a recording document: sound (and picture), waveform, synced transcript,
transcription mode, and coding a stretch of time.

QtMultimedia (PySide6-Addons) plays every format fieldkit imports through its FFmpeg backend,
changes speed keeping the pitch, and shows video in a ``QVideoWidget``. The waveform is read
from the project's cache or computed on a background thread (``project.recordings.waveform``)
and drawn when it arrives; the window never waits for it.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.changes import ChangeSet
from fieldkit.core.errors import FieldkitError
from fieldkit.core.timecode import format_ms
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import tr
from fieldkit.gui.media_device import MediaDevice
from fieldkit.gui.synced_transcript import (
    REWIND_ON_PAUSE_MS,
    SyncedTranscript,
    TranscriptionEditor,
)
from fieldkit.gui.waveform_bar import TimeMark, WaveformBar
from fieldkit.project import Project
from fieldkit.storage import sqlengine

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
BACK_MS = 5000
SAVE_WITHIN_MS = 1000


class _Delivery(QObject):
    """Carries the waveform from the worker thread to the GUI thread."""

    ready = Signal(object)


def _nothing(*_args: object) -> None:
    pass


def answer_backend_threads_without_python(*objects: QObject) -> None:
    """Let the media backend's threads connect to and disconnect from these objects without
    waiting for the Python interpreter.

    Qt's FFmpeg backend makes an audio renderer on its own thread for each play, connected to
    the ``QAudioOutput``, and deletes it there at stop. Deleting it calls the output's
    ``disconnectNotify``; for an object made from Python that is a PySide wrapper, which asks
    the interpreter whether Python overrides the method, holding Qt's connection lock as it
    waits. The main thread holds the interpreter while it runs Qt code (closing a window) and
    may want that same lock: the app froze (CI hung in the player's tests; ``py-spy dump
    --native`` showed both threads). PySide remembers per object that there is no override
    once it has asked, and asks on the first call: a connect and disconnect here, on the main
    thread, is that first call, so the backend's threads never need the interpreter for them.
    """
    for obj in objects:
        obj.objectNameChanged.connect(_nothing)
        obj.objectNameChanged.disconnect(_nothing)


class RecordingPlayer(QWidget):
    """Plays one recording document with its linked transcripts."""

    def __init__(self, project: Project, doc_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingPlayer")
        self.project = project
        self.doc_id = doc_id
        self.recording = project.recordings.recording(doc_id)
        self.transcription_id: int | None = None  # the transcript typed in fieldkit
        self.editing_id: int | None = None  # the transcript transcription mode writes to
        self._opened = ""  # its text as transcription mode opened it
        self._proposed = ""  # the speakers proposed (replaced while the researcher keeps them)
        self._generic = False  # the proposal began with the two generic roles
        self.selection: tuple[int, int] | None = None
        self._play_when_loaded = False
        self._build_media()
        self._build_controls()
        self._build_transcript()
        self._lay_out()
        self._follow_player_and_project()
        self._set_source(project, doc_id)
        self.retranslate()
        self.reload()
        self._load_waveform()

    def _set_source(self, project: Project, doc_id: int) -> None:
        """The recording's file; in an encrypted project a device that decrypts what the
        player reads (its name tells the player the format), never a decrypted copy."""
        path = project.recordings.media_file(doc_id)
        self._device: MediaDevice | None = None
        if project.media.key is None:
            self.player.setSource(QUrl.fromLocalFile(str(path)))
            return
        self._device = MediaDevice(project.open_media(self.recording.media_id), self)
        self.player.setSourceDevice(self._device, QUrl.fromLocalFile(str(path)))

    def _build_media(self) -> None:
        """The player, its sound and (for a video) its picture."""
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        answer_backend_threads_without_python(self.player, self.audio)
        self.player.setAudioOutput(self.audio)
        if hasattr(self.player, "setPitchCompensation"):
            self.player.setPitchCompensation(True)  # speed changes keep the voice's pitch
        self.video: Any = None
        if self.recording.video:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self.video = QVideoWidget(self)
            self.video.setMinimumHeight(120)
            self.player.setVideoOutput(self.video)

    def _build_controls(self) -> None:
        """Play, back, speed, volume, the clock and the waveform; coding the selected time;
        the transcript's offset, transcription mode and speakers."""
        self.play_button = QPushButton(self)
        self.play_button.clicked.connect(self.toggle)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back)
        self.speed = QComboBox(self)
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda _: self.player.setPlaybackRate(float(self.speed.currentData())))
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        speak_as(self.volume, "Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMinimumWidth(80)  # a handle one can grab, not a 10-pixel stub
        self.volume.setMaximumWidth(120)
        self.volume.valueChanged.connect(lambda v: self.audio.setVolume(v / 100))
        self.audio.setVolume(0.8)
        # a speaker before the slider: without it, it read as a second position slider
        self.volume_label = QLabel(self)
        self.volume_label.setObjectName("volumeIcon")
        self.volume_label.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaVolume).pixmap(16, 16))
        self.volume_label.setBuddy(self.volume)
        self.clock = QLabel(self)
        self.clock.setObjectName("playerClock")
        self.waveform = WaveformBar(self)
        self.waveform.set_duration(self.recording.duration_ms)
        self.waveform.seek.connect(self.seek)
        self.waveform.selected.connect(self._waveform_selected)

        self.code = QComboBox(self)
        self.code_button = QPushButton(self)
        self.code_button.clicked.connect(self.code_selection)
        self.offset_label = QLabel(self)
        self.offset = QSpinBox(self)
        speak_as(self.offset, "Transcript offset")
        self.offset.setRange(-3_600_000, 3_600_000)
        self.offset.setSingleStep(100)
        self.offset.setSuffix(" ms")
        self.offset.editingFinished.connect(self._shift)
        self.mode_button = QPushButton(self)
        self.mode_button.setCheckable(True)
        self.mode_button.toggled.connect(self.set_transcription_mode)
        self.speakers_label = QLabel(self)
        self.speakers = QLineEdit(self)
        self.speakers.textChanged.connect(self._speakers_changed)

    def _build_transcript(self) -> None:
        """The linked transcript that follows the sound, and the editor that writes one."""
        self.transcript = SyncedTranscript(self)
        self.transcript.seek.connect(self.play_from)
        self.transcript.selectionChanged.connect(self._transcript_selected)
        self.editor = TranscriptionEditor(self)
        self.editor.toggle_play.connect(self.toggle_with_rewind)
        self.editor.wants_time.connect(self._stamp)
        self.editor.textChanged.connect(self._typed)
        self.mode_help = QLabel(self)
        self.mode_help.setObjectName("modeHelp")
        self.mode_help.setWordWrap(True)
        self.mode_help.hide()
        self.status = QLabel(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.transcript)
        self.pages.addWidget(self.editor)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_WITHIN_MS)
        self._save_timer.timeout.connect(self.save_transcription)

    def _lay_out(self) -> None:
        """Compact controls and the waveform above; the transcript takes the rest (the
        transcription view of f4 and MAXQDA)."""
        controls = QHBoxLayout()
        for widget in (self.play_button, self.back_button, self.speed, self.volume_label,
                       self.volume, self.clock):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.mode_button)
        options = QHBoxLayout()
        options.addWidget(self.code)
        options.addWidget(self.code_button)
        options.addStretch(1)
        for option in (self.offset_label, self.offset, self.speakers_label, self.speakers):
            options.addWidget(option)
        self.speakers.setMinimumWidth(160)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(4)
        lower_layout.addLayout(controls)
        lower_layout.addWidget(self.waveform)
        lower_layout.addLayout(options)
        lower_layout.addWidget(self.mode_help)
        lower_layout.addWidget(self.pages, 1)
        lower_layout.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        if self.video is not None:
            self.splitter = QSplitter(Qt.Orientation.Vertical, self)  # the video pane resizes
            self.splitter.setChildrenCollapsible(False)
            self.splitter.addWidget(self.video)
            self.splitter.addWidget(lower)
            self.splitter.setSizes([300, 400])
            layout.addWidget(self.splitter, 1)
        else:
            layout.addWidget(lower, 1)

    def _follow_player_and_project(self) -> None:
        """The views follow the player's state and the project's changes."""
        project = self.project
        self.player.mediaStatusChanged.connect(self._media_status)
        self.player.playbackStateChanged.connect(lambda _: self._label_play())
        self.player.positionChanged.connect(self.follow)
        self._delivery = _Delivery(self)
        self._delivery.ready.connect(self._waveform_ready)
        # held weakly: the project must not keep a closed window alive
        method = weakref.WeakMethod(self._changed)

        def listener(changes: ChangeSet) -> None:
            found = method()
            if found is None:
                project.unsubscribe(listener)
            else:
                found(changes)

        project.subscribe(listener)

    # -- text and data -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self._label_play()
        self.back_button.setText(tr("Back 5 s"))
        self.back_button.setToolTip(tr("Play from 5 seconds earlier"))
        self.speed.setToolTip(tr("Speed (the pitch stays the same)"))
        self.volume.setToolTip(tr("Volume"))
        self.volume_label.setToolTip(tr("Volume"))
        self.code_button.setText(tr("Code selection"))
        self.code_button.setToolTip(tr("Code the stretch selected on the waveform or in the "
                                       "transcript with the chosen code"))
        self.offset_label.setText(tr("Transcript offset"))
        self.offset.setToolTip(tr("Shift the transcript's times when it started later or "
                                  "earlier than the recording"))
        self.mode_button.setText(tr("Transcription mode"))
        self.mode_button.setToolTip(tr("F4: play or pause (rewinds a little), F8: insert the "
                                       "time, Ctrl+1…9: insert a speaker"))
        self.mode_help.setText(tr("Transcription mode: F4 plays or pauses (rewinds a little), "
                                  "F8 inserts the time, Ctrl+1…9 insert the speakers listed "
                                  "under Speakers (while this mode is on they do not code)."))
        self.speakers_label.setText(tr("Speakers"))
        self.speakers.setToolTip(tr("The names Ctrl+1…9 insert in transcription mode, "
                                    "separated by commas"))
        self._propose_speakers()
        self._show_clock(self.player.position())

    def _label_play(self) -> None:
        self.play_button.setText(tr("Pause") if self.playing() else tr("Play"))

    def reload(self) -> None:
        """Read transcripts, codes and coded ranges again (after a change in the project)."""
        rec = self.project.recordings
        self.recording = rec.recording(self.doc_id)
        self.transcript.set_segments(rec.segments(self.doc_id))
        self.transcript.follow(self.player.position())
        typed = [t for t in self.recording.transcripts
                 if self.project.document(t).attributes.get("transcription")]
        self.transcription_id = typed[0] if typed else None
        self._propose_speakers()
        linked = self.recording.transcripts  # a typed one too: it may be a continued import
        self.offset.setEnabled(bool(linked))
        if linked:
            self.offset.setValue(rec.offset_ms(linked[0]))
        current = self.code.currentData()
        self.code.clear()
        for depth, code, path, _count in self.project.codes_with_counts():
            self.code.addItem("  " * depth + code.name, code.id)
            self.code.setItemData(self.code.count() - 1, path, Qt.ItemDataRole.ToolTipRole)
        if current is not None and self.code.findData(current) >= 0:
            self.code.setCurrentIndex(self.code.findData(current))
        book = self.project.codebook()
        self.transcript.set_codings([
            (c.document_id, c.start, c.end, book.codes[c.code_id].colour, c.code_id,
             book.codes[c.code_id].name)
            for t in linked for c in self.project.codings(doc=t)
            if c.code_id in book.codes and c.start is not None and c.end is not None
            and c.end > c.start and not c.orphaned])
        self.waveform.set_marks([TimeMark(c.start_ms or 0, c.end_ms or 0,
                                          book.codes[c.code_id].colour,
                                          book.codes[c.code_id].name, c.code_id)
                                 for c in rec.time_codings(self.doc_id)
                                 if c.code_id in book.codes])

    def _propose_speakers(self) -> None:
        """The speakers of the recording's transcripts (or two generic roles), unless the
        researcher has typed their own."""
        if self.speakers.text() not in ("", self._proposed):
            return
        found = self.project.recordings.speakers(self.doc_id)
        generic = [name.strip() for name in tr("Interviewer, Respondent").split(",")]
        if not self._proposed:
            self._generic = not found
        # names already proposed stay on their keys (typing the first speaker must not
        # take the second one's key away); new names from the transcript are added after them
        kept = generic if self._generic else [n for n in self._proposed.split(", ") if n]
        self._proposed = ", ".join(kept + [name for name in found if name not in kept])
        if self.speakers.text() != self._proposed:
            self.speakers.setText(self._proposed)
            self.speakers.setCursorPosition(0)  # show the first names, not the last ones

    def _changed(self, changes: ChangeSet) -> None:
        if changes.tables & {"codings", "codes", "transcript_links", "documents", "turns"}:
            self.reload()

    def _load_waveform(self) -> None:
        cached = self.project.recordings.cached_waveform(self.doc_id)
        if cached is not None:
            self.waveform.set_peaks(*cached)
            return
        delivery, recordings, doc_id = self._delivery, self.project.recordings, self.doc_id

        def compute() -> None:
            try:
                delivery.ready.emit(recordings.waveform(doc_id))
            except sqlengine.Error + (FieldkitError, OSError, RuntimeError):
                delivery.ready.emit(None)  # the player works without a drawn waveform

        self._worker = threading.Thread(target=compute, name="waveform", daemon=True)
        self._worker.start()

    def _waveform_ready(self, result: tuple[int, bytes] | None) -> None:
        if result is not None:
            self.waveform.set_peaks(*result)

    # -- playing -----------------------------------------------------------------------------

    def play(self) -> None:
        """Play; a press while the file is still being opened plays as soon as it is open."""
        if self.player.mediaStatus() in (QMediaPlayer.MediaStatus.NoMedia,
                                         QMediaPlayer.MediaStatus.LoadingMedia):
            self._play_when_loaded = True
        else:
            self.player.play()
        self._label_play()

    def _media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._play_when_loaded and status in (QMediaPlayer.MediaStatus.LoadedMedia,
                                                 QMediaPlayer.MediaStatus.BufferedMedia):
            self._play_when_loaded = False
            self.player.play()
            self._label_play()

    def playing(self) -> bool:
        return (self._play_when_loaded or self.player.playbackState()
                == QMediaPlayer.PlaybackState.PlayingState)

    def pause(self) -> None:
        self._play_when_loaded = False
        self.player.pause()
        self._label_play()

    def toggle(self) -> None:
        if self.playing():
            self.pause()
        else:
            self.play()

    def toggle_with_rewind(self) -> None:
        """Play or pause; pausing goes back a little so the next play repeats the last words."""
        if self.playing():
            self.pause()
            self.seek(self.player.position() - REWIND_ON_PAUSE_MS)
        else:
            self.play()

    def back(self) -> None:
        self.seek(self.player.position() - BACK_MS)

    def seek(self, ms: int) -> None:
        ms = max(0, min(int(ms), self.recording.duration_ms))
        self.player.setPosition(ms)
        self.follow(ms)

    def play_from(self, ms: int) -> None:
        self.seek(ms)
        self.play()

    def follow(self, ms: int) -> None:
        """Move the play head, clock and highlighted turn to ``ms``."""
        self.waveform.set_position(ms)
        self.transcript.follow(ms)
        self._show_clock(ms)

    def _show_clock(self, ms: int) -> None:
        self.clock.setText(f"{format_ms(ms).split('.')[0]} / "
                           f"{format_ms(self.recording.duration_ms).split('.')[0]}")

    # -- coding and transcribing -------------------------------------------------------------

    def _waveform_selected(self, start: int, end: int) -> None:
        self.selection = (start, end)
        cursor = self.transcript.textCursor()  # the latest selection is the one coded
        if cursor.hasSelection():
            cursor.clearSelection()
            self.transcript.setTextCursor(cursor)

    def _transcript_selected(self) -> None:
        if self.transcript.textCursor().hasSelection() and self.selection is not None:
            self.selection = None
            self.waveform.clear_selection()

    def code_selection(self) -> None:
        """Code the waveform selection (a stretch of time), or else the words selected in the
        synced transcript (on their transcript, exactly as the code keys do), or else the
        turns the selection touches."""
        code_id = self.code.currentData()
        words = None if self.selection else self.transcript.selected_words()
        if words is not None and code_id is not None:
            self._code_words(words, code_id)
            return
        stretch = (self.doc_id, *self.selection) if self.selection else \
            self.transcript.selected_range()
        if stretch is None or code_id is None:
            self.status.setText(tr("Select a stretch on the waveform or in the transcript, "
                                   "and a code."))
            return
        try:
            coding = self.project.recordings.code_time(stretch[0], stretch[1], stretch[2],
                                                       code_id)
        except FieldkitError as exc:
            self.status.setText(str(exc))
            return
        self.selection = None
        self.waveform.clear_selection()
        self.status.setText(tr("Coded {0}–{1}.").format(format_ms(coding.start_ms),
                                                         format_ms(coding.end_ms)))

    def _code_words(self, words: tuple[int, int, int], code_id: int) -> None:
        transcript, start, end = words
        try:
            with self.project.action(f"Code with {self.project.code_path(code_id)}"):
                coding = self.project.code_text(transcript, start, end, code_id)
        except FieldkitError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(tr("Coded: {0}").format(coding.quote))

    def _shift(self) -> None:
        for transcript in self.recording.transcripts:
            if self.project.recordings.offset_ms(transcript) != self.offset.value():
                self.project.recordings.shift(transcript, self.offset.value())

    def set_transcription_mode(self, on: bool) -> None:
        """Type the transcript while listening: the typed one, else the recording's imported
        or machine transcript is continued (its turns each on a line with its time), else a
        new one is made on the first save."""
        self.pages.setCurrentWidget(self.editor if on else self.transcript)
        self.mode_help.setVisible(on)
        if on:
            linked = self.recording.transcripts
            self.editing_id = self.transcription_id if self.transcription_id is not None \
                else (linked[0] if linked else None)
            self._opened = "" if self.editing_id is None else \
                self.project.recordings.transcription_text(self.editing_id)
            self.editor.blockSignals(True)
            self.editor.setPlainText(self._opened)
            self.editor.blockSignals(False)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
            self.editor.setFocus()
        else:
            self.save_transcription()

    def _stamp(self) -> None:
        """The time key: the player's position on the clock of the transcript typed into."""
        offset = 0 if self.editing_id is None else \
            self.project.recordings.offset_ms(self.editing_id)
        self.editor.insert_time(max(0, self.player.position() - offset))

    def _speakers_changed(self, text: str) -> None:
        self.editor.speakers = [name.strip() for name in text.split(",") if name.strip()]

    def _typed(self) -> None:
        self.status.setText(tr("Editing…"))
        if not self._save_timer.isActive():
            self._save_timer.start()  # not restarted: saved within a second of the first key

    def save_transcription(self) -> None:
        """Write what was typed (making the transcript on the first save)."""
        self._save_timer.stop()
        text = self.editor.toPlainText()
        if text == self._opened:
            return
        try:
            doc = self.project.recordings.save_transcription(self.doc_id, text,
                                                             self.editing_id)
        except FieldkitError as exc:
            self.status.setText(str(exc))
            return
        self.transcription_id = self.editing_id = doc.id
        self._opened = text
        self.status.setText(tr("Saved."))

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.save_transcription()
        if self.player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            # Only a playing (or paused) player is stopped: stopping a stopped one still waits
            # on the media backend's threads, which under load has been seen to deadlock with
            # a backend thread that needs the interpreter at the same moment.
            self.player.stop()
        super().closeEvent(event)
