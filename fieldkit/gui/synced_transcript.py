"""The transcript beside a playing recording, and the editor of transcription mode.

``SyncedTranscript`` shows the timed turns of the recording's transcripts, one per line with
its timestamp; ``follow(ms)`` highlights the turn being spoken and keeps it in view; clicking a
timestamp, or Ctrl+clicking anywhere in a turn, asks the player to play from there (``seek``).

``TranscriptionEditor`` is where a researcher types a transcript while listening: F4 plays or
pauses (rewinding a few seconds on pause, the f4transkript habit), F8 types the current time,
Ctrl+1…9 type a speaker's name; what is typed saves itself shortly after (``changed``).
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from fieldkit.core.patterns import PATTERNS, pattern_of
from fieldkit.core.text import Utf16Map
from fieldkit.core.timecode import format_ms
from fieldkit.core.transcription import after_stamp, stamp
from fieldkit.gui import contrast, style
from fieldkit.operations.recordings import TimedSegment

PLAY_KEY = Qt.Key.Key_F4
STAMP_KEY = Qt.Key.Key_F8
REWIND_ON_PAUSE_MS = 2000


class SyncedTranscript(QPlainTextEdit):
    seek = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncedTranscript")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.segments: list[TimedSegment] = []
        self._starts: list[int] = []
        self._stamp_lengths: list[int] = []
        self.current = -1
        self._turn_selection: list[QTextEdit.ExtraSelection] = []
        self._coded: list[QTextEdit.ExtraSelection] = []
        self._coded_names: list[str] = []

    def set_segments(self, segments: list[TimedSegment]) -> None:
        """One line per timed turn: ``[00:01:10.5] Speaker: words``."""
        self.segments = segments
        self._starts = [s.start_ms for s in segments]
        lines, self._stamp_lengths = [], []
        for segment in segments:
            head = f"[{format_ms(segment.start_ms)}]"
            self._stamp_lengths.append(len(head))
            # a turn typed before its text started after its stamp still holds the stamp
            lines.append(f"{head} {' '.join(after_stamp(segment.text).split())}")
        self.setPlainText("\n".join(lines))
        self.current = -1
        self._turn_selection, self._coded, self._coded_names = [], [], []

    def turn_at(self, ms: int) -> int:
        """The index of the turn being spoken at ``ms`` (-1 before the first)."""
        return bisect.bisect_right(self._starts, ms) - 1

    def follow(self, ms: int) -> None:
        """Highlight the turn at ``ms`` and scroll it into view (only when it changes)."""
        index = self.turn_at(ms)
        if index == self.current:
            return
        self.current = index
        if index < 0:
            self._turn_selection = []
            self.setExtraSelections(self._coded)
            return
        block = self.document().findBlockByNumber(index)
        selection = QTextEdit.ExtraSelection()
        selection.format = QTextCharFormat()
        if contrast.active():  # black on yellow, not white on a pale yellow
            selection.format.setBackground(QColor(contrast.YELLOW))
            selection.format.setForeground(QColor(contrast.BACK))
        else:
            selection.format.setBackground(QColor("#fff3b0"))
        selection.format.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
        cursor = QTextCursor(block)
        selection.cursor = cursor
        self._turn_selection = [selection]
        self.setExtraSelections(self._turn_selection + self._coded)
        keep = self.textCursor()
        if not keep.hasSelection():
            self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if keep.hasSelection():
            self.setTextCursor(keep)

    def set_codings(self, coded: list[tuple[int, int, int, str, int, str]]) -> None:
        """Highlight text codings as the text view does: ``coded`` holds (transcript id,
        start, end, code colour, code id, code name) in code points of the transcript; the
        words are washed in the code's colour (in high contrast white on a dark tint) and
        underlined in a line style that follows the code's pattern, so codes differ without
        colour too; hovering names the codes."""
        self._coded, self._coded_names = [], []
        for transcript_id, start, end, colour, code_id, name in coded:
            for index, segment in enumerate(self.segments):
                if segment.transcript_id != transcript_id or segment.end <= start \
                        or segment.start >= end:
                    continue
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._shown(index, max(start, segment.start)))
                cursor.setPosition(self._shown(index, min(end, segment.end)),
                                   QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = _coded_format(colour, code_id)
                self._coded.append(selection)
                self._coded_names.append(name)
        self.setExtraSelections(self._turn_selection + self._coded)

    def codes_at(self, pos16: int) -> list[str]:
        """The names of the codes on the shown position ``pos16`` (UTF-16)."""
        return [name for selection, name in zip(self._coded, self._coded_names, strict=True)
                if selection.cursor.selectionStart() <= pos16 < selection.cursor.selectionEnd()]

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            names = self.codes_at(self.cursorForPosition(event.pos()).position())
            if names:
                QToolTip.showText(event.globalPos(), "\n".join(dict.fromkeys(names)), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _shown(self, index: int, position: int) -> int:
        """The shown position (UTF-16, in the document) of ``position`` (code points of the
        transcript) inside turn ``index``: the inverse of ``_source``."""
        segment = self.segments[index]
        rest = after_stamp(segment.text)
        base = segment.start + len(segment.text) - len(rest)
        column = shown = 0
        for word in re.finditer(r"\S+", rest):
            if base + word.start() > position:
                break
            column = shown + min(position - base - word.start(), len(word[0]))
            shown += len(word[0]) + 1
        block = self.document().findBlockByNumber(index)
        line = block.text()[:self._stamp_lengths[index] + 1]
        words = " ".join(rest.split())[:column]
        return block.position() + Utf16Map(line + words).to_utf16(len(line) + len(words))

    def selected_range(self) -> tuple[int, int, int] | None:
        """(transcript id, start ms, end ms) from the first to the last turn the selection
        touches (the transcript of the first)."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.segments:
            return None
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        return (self.segments[first].transcript_id, *self._range(first, last))

    def selected_words(self) -> tuple[int, int, int] | None:
        """(transcript id, start, end): the selected words in code points of their transcript
        (the stamps shown before the turns are left out), for coding them as text; None
        without words selected, or with words of two transcripts."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.segments:
            return None
        first = self._source(cursor.selectionStart(), opening=True)
        last = self._source(cursor.selectionEnd(), opening=False)
        if first[0] != last[0] or last[1] <= first[1]:
            return None
        return first[0], first[1], last[1]

    def _source(self, at: int, opening: bool) -> tuple[int, int]:
        """(transcript id, position) of the shown position ``at`` (UTF-16): each shown
        character maps back to its place in the transcript's text (spaces were collapsed; a
        selection's edge on a space moves to the word beside it)."""
        block = self.document().findBlock(at)
        index = block.blockNumber()
        segment = self.segments[index]
        shown = Utf16Map(block.text()).from_utf16(at - block.position())
        rest = after_stamp(segment.text)
        base = segment.start + len(segment.text) - len(rest)
        places: list[int | None] = []  # each shown character's position (None: a space)
        for word in re.finditer(r"\S+", rest):
            places.extend([None] if places else [])
            places.extend(range(base + word.start(), base + word.end()))
        words = [place for place in places if place is not None]
        if not words:
            return segment.transcript_id, base
        column = min(max(shown - self._stamp_lengths[index] - 1, 0), len(places))
        if opening:
            while column < len(places) and places[column] is None:
                column += 1
            return segment.transcript_id, \
                words[-1] + 1 if column == len(places) else places[column] or 0
        while column > 0 and places[column - 1] is None:
            column -= 1
        return segment.transcript_id, (places[column - 1] or 0) + 1 if column else words[0]

    def _range(self, first: int, last: int) -> tuple[int, int]:
        start = self.segments[first].start_ms
        end = self.segments[last].end_ms
        if end is None:
            end = (self.segments[last + 1].start_ms if last + 1 < len(self.segments)
                   else start + 1000)
        return start, max(end, start + 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        cursor = self.cursorForPosition(event.position().toPoint())
        index = cursor.blockNumber()
        if not 0 <= index < len(self.segments):
            return
        on_stamp = cursor.positionInBlock() <= self._stamp_lengths[index]
        if on_stamp or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.seek.emit(self.segments[index].start_ms)


_LINES = (QTextCharFormat.UnderlineStyle.SingleUnderline,
          QTextCharFormat.UnderlineStyle.DashUnderline,
          QTextCharFormat.UnderlineStyle.DotLine,
          QTextCharFormat.UnderlineStyle.DashDotLine,
          QTextCharFormat.UnderlineStyle.DashDotDotLine,
          QTextCharFormat.UnderlineStyle.WaveUnderline)


def _coded_format(colour: str, code_id: int) -> QTextCharFormat:
    """A coding's words: the text view's wash of the code's colour (white on a dark tint in
    high contrast), underlined in the colour with a line that follows the code's pattern."""
    fmt = QTextCharFormat()
    fmt.setBackground(style.highlight(colour))
    if style.high_contrast():
        fmt.setForeground(contrast.CODING_TEXT)
    fmt.setUnderlineStyle(_LINES[PATTERNS.index(pattern_of(code_id)) % len(_LINES)])
    fmt.setUnderlineColor(QColor(colour))
    return fmt


class TranscriptionEditor(QPlainTextEdit):
    toggle_play = Signal()
    wants_time = Signal()  # the player answers with insert_time(ms)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptionEditor")
        self.speakers: list[str] = []

    def insert_time(self, ms: int) -> None:
        cursor = self.textCursor()
        if cursor.positionInBlock() > 0:
            cursor.insertText("\n")
        cursor.insertText(stamp(ms))
        self.setTextCursor(cursor)

    def insert_speaker(self, number: int) -> None:
        if 1 <= number <= len(self.speakers):
            self.insertPlainText(f"{self.speakers[number - 1]}: ")

    def event(self, event: QEvent) -> bool:
        # Transcription mode owns its keys while it is on (the editor shows only then): the
        # window's Ctrl+1…9 "Code with …" shortcuts would otherwise take the speaker keys.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._owns(event):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _owns(event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (PLAY_KEY, STAMP_KEY):
            return mods == Qt.KeyboardModifier.NoModifier
        return mods == Qt.KeyboardModifier.ControlModifier and Qt.Key.Key_1 <= key <= Qt.Key.Key_9

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == PLAY_KEY:
            self.toggle_play.emit()
        elif key == STAMP_KEY:
            self.wants_time.emit()
        elif (event.modifiers() & Qt.KeyboardModifier.ControlModifier
              and Qt.Key.Key_1 <= key <= Qt.Key.Key_9):
            self.insert_speaker(key - Qt.Key.Key_0)
        else:
            super().keyPressEvent(event)
