"""The text of a document with coloured codings, coding stripes and transcript times.

Positions: the store counts code points, ``QTextDocument`` counts UTF-16 units; every position
crosses ``Utf16Map`` here and nowhere else. Highlights are extra selections with translucent code
colours, so overlapping codings blend; the stripe margin on the right draws one bar per coding
in a stable lane with the code's name, as in the margins of paper transcripts. A stripe carries
its code's pattern as well as its colour, and its name's label starts with a swatch of both, so
the margin reads without colour (greyscale, colour-blind readers).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from fieldkit.core.model import Coding, Turn
from fieldkit.core.text import Utf16Map
from fieldkit.gui import contrast, settings, style
from fieldkit.gui.accessibility import speak_as, tell
from fieldkit.gui.codebook_model import code_ids_from_mime, take_codes
from fieldkit.gui.i18n import tr

LANE = 9  # width of one stripe lane: room for the code's pattern to show
MAX_LANES = 8
LABELS = 150  # the column of code names right of the stripes
SWATCH = 10  # the stripe's colour and pattern in front of each name
GUTTER = 58
MIN_TEXT = 220  # px of text a narrow view keeps: the code names, then the times, give way
MIN_LABELS = 48  # narrower than this, the code names are left out (the stripes stay)
WINDOW = 20_000  # UTF-16 units either side of the screen whose codings Qt is given


@dataclass(slots=True)
class Mark:
    """A coding as drawn: UTF-16 span, lane, and what to show about it."""

    coding: Coding
    s16: int
    e16: int
    colour: str
    name: str
    path: str
    coder: str
    lane: int = 0
    memo_by: str = ""  # who last wrote the coding's memo, when another than its coder


RECENT_IN_MENU = 5


def assign_lanes(marks: list[Mark]) -> int:
    """Give overlapping codings different lanes (greedy interval colouring); returns lanes."""
    ends: list[int] = []
    for m in sorted(marks, key=lambda m: (m.s16, -m.e16)):
        for lane, end in enumerate(ends):
            if end <= m.s16:
                m.lane, ends[lane] = lane, m.e16
                break
        else:
            m.lane = len(ends)
            ends.append(m.e16)
    return len(ends)


def mark_tooltip(marks: list[Mark]) -> str:
    """What hovering codings shows: code (in its colour), coder and memo of each."""
    lines = []
    for m in marks:
        line = (f"<span style='color:{m.colour}'>■</span> <b>{escape(m.path)}</b> "
                f"<span style='color:#666'>· {escape(m.coder)}</span>")
        if m.coding.memo:
            by = f"{escape(m.memo_by)}: " if m.memo_by else ""
            line += f"<br>&nbsp;&nbsp;<i>{by}{escape(m.coding.memo)}</i>"
        lines.append(line)
    return "<br>".join(lines)


def coding_entries(marks: list[Mark], remove: Signal | SignalInstance,
                   memo: Signal | SignalInstance) -> list[tuple[str, Callable[[], object]]]:
    """Context-menu entries for codings under the mouse, each naming its code and coder.

    Two coders' codings of one span would otherwise give two identical "Remove" entries.
    """
    out: list[tuple[str, Callable[[], object]]] = []
    for m in marks:
        # partial, not ``lambda cid=...``: triggered(checked) would overwrite the default
        out.append((tr("Remove coding: {0} by {1}").format(m.path, m.coder),
                    partial(remove.emit, m.coding.id)))  # type: ignore[union-attr]
        out.append((tr("Memo for coding: {0} by {1}…").format(m.path, m.coder),
                    partial(memo.emit, m.coding.id)))  # type: ignore[union-attr]
    return out


def in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_-'’"


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it neither starts nor ends inside a word."""
    while 0 < start < len(text) and in_word(text[start - 1]) and in_word(text[start]):
        start -= 1
    while 0 < end < len(text) and in_word(text[end - 1]) and in_word(text[end]):
        end += 1
    return start, end


def snap_words_on() -> bool:
    """Whether mouse selections snap to whole words (the default; a setting turns it off)."""
    return settings.get("coding/snap_words", "true") not in (False, "false", "0", 0)


def fmt_time(seconds: float) -> str:
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60:02d}:{s % 60:02d}"


class TextView(QPlainTextEdit):
    """Read-only, selectable document text; codes can be dropped onto the selection."""

    code_dropped = Signal(list)  # code ids
    remove_coding = Signal(int)
    memo_coding = Signal(int)
    quick_code = Signal()
    in_vivo = Signal()
    code_with = Signal(str)  # a code's path, from the recent codes in the context menu
    code_speaker = Signal(str)  # "Code all turns of this speaker…": the speaker's name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentText")
        # the codes used last, most recent first (the window keeps the list)
        self.recent_codes: Callable[[], list[str]] = list
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(14)  # its font size: ``zoom.sheet_for``
        self.text = ""
        self.map = Utf16Map("")
        self.marks: list[Mark] = []
        self._selections: dict[tuple[int, int, int, str], QTextEdit.ExtraSelection] = {}
        self._starts: list[int] = []
        self._window = (0, -1)  # the UTF-16 range whose codings Qt has now
        self._high = False
        self.lanes = 0
        self.times: dict[int, str] = {}  # block number → time label
        self.gutter = _Gutter(self)
        self.stripes = _Stripes(self)
        self.gutter_on = False
        self._exact = False  # Alt held when the selection began: keep exact characters
        self.cursorPositionChanged.connect(self.stripes.update)
        speak_as(self, "Document text")
        self.cursorPositionChanged.connect(self.announce_codings)
        self.updateRequest.connect(self._scrolled)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._paint_window())

    # -- content ---------------------------------------------------------------------------

    def set_text(self, text: str, turns: list[Turn]) -> None:
        self.text = text
        self.map = Utf16Map(text)
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        self._selections = {}
        self.setPlainText(text)
        self.times = {}
        self.speakers: list[tuple[int, int]] = []  # the speakers' names (UTF-16), in bold
        self.turn_spans = [(self.map.to_utf16(t.start), self.map.to_utf16(t.end), t.speaker)
                           for t in turns]
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setForeground(style.paint("speaker"))
        cursor = QTextCursor(doc)
        # inside an edit block a cursor does not lay out its block on every move (Qt's
        # QTextCursorPrivate::setX), which made opening a long transcript slow
        cursor.beginEditBlock()
        for t in turns:
            start16 = self.map.to_utf16(t.start)
            label = len(t.speaker) + 1
            if self.text[t.start:t.start + label] == t.speaker + ":":
                self.speakers.append((start16, self.map.to_utf16(t.start + label)))
                cursor.setPosition(start16)
                cursor.setPosition(self.speakers[-1][1], QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(bold)
            block = doc.findBlock(start16)
            # times already written in the text ("[00:01:23] Speaker:") are not repeated
            if t.t_start is not None and not block.text()[: start16 - block.position()].strip():
                self.times[block.blockNumber()] = fmt_time(t.t_start)
        cursor.endEditBlock()
        self.gutter_on = bool(self.times)
        self._margins()

    def restyle(self) -> None:
        """Colours again after a change of contrast: speakers' names and codings."""
        colour = QTextCharFormat()
        colour.setForeground(style.paint("speaker"))
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for start, end in self.speakers:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(colour)
        cursor.endEditBlock()
        self.set_marks(self.marks)
        self.gutter.update()

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: m.s16)
        self._starts = [m.s16 for m in self.marks]
        self.lanes = assign_lanes(self.marks)
        self._high = style.high_contrast()
        self._paint_window(force=True)
        self._margins()
        self.stripes.update()
        self.announce_codings()  # a coding made or removed at the cursor is said at once

    def _on_screen(self) -> tuple[int, int]:
        """The UTF-16 range of the text on screen now."""
        first = self.firstVisibleBlock().position()
        last = self.cursorForPosition(QPoint(0, self.viewport().height())).position()
        return first, max(first, last)

    def _paint_window(self, force: bool = False) -> None:
        """Give Qt the highlights of the codings on screen and ``WINDOW`` units either side.

        Qt lays out the text under every extra selection it is given, so a long transcript's
        thousand codings cost more than the text itself; the window moves with the scroll bar.
        """
        lo, hi = self._on_screen()
        if not force and self._window[0] <= lo and hi <= self._window[1]:
            return
        lo, hi = max(0, lo - WINDOW), hi + WINDOW
        near = [m for m in self.marks[:bisect.bisect_left(self._starts, hi)] if m.e16 > lo]
        cache: dict[tuple[int, int, int, str], QTextEdit.ExtraSelection] = {}
        batch = QTextCursor(self.document())
        batch.beginEditBlock()  # new cursors are placed without laying out their blocks
        try:
            selections = self._selections_for(near, cache)
        finally:
            batch.endEditBlock()
        self._selections = cache
        self._window = (lo, hi)
        self.setExtraSelections(selections)

    def _selections_for(self, marks: list[Mark],
                        cache: dict[tuple[int, int, int, str], QTextEdit.ExtraSelection],
                        ) -> list[QTextEdit.ExtraSelection]:
        """One extra selection per mark, reused from the last call where nothing changed."""
        high = self._high
        washes: dict[str, QColor] = {}
        selections = []
        for m in marks:
            key = (m.coding.id, m.s16, m.e16, m.colour + ("!" if high else ""))
            sel = self._selections.get(key)
            if sel is not None:
                cache[key] = sel
                selections.append(sel)
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(m.s16)
            cursor.setPosition(m.e16, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[misc]
            fmt = QTextCharFormat()
            if m.colour not in washes:
                washes[m.colour] = style.highlight(m.colour, high=high)
            fmt.setBackground(washes[m.colour])
            if high:  # white on a dark tint of the code's colour, underlined in the colour
                fmt.setForeground(contrast.CODING_TEXT)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(m.colour))
            fmt.setProperty(QTextFormat.Property.UserProperty, m.coding.id)
            sel.format = fmt  # type: ignore[misc]
            cache[key] = sel
            selections.append(sel)
        return selections

    def _margins(self) -> None:
        """The times' gutter left, the stripes and code names right; in a narrow view (a small
        window with the side panels open) the names narrow, then go, then the gutter, so
        the text itself always keeps ``MIN_TEXT`` pixels."""
        lanes = min(max(self.lanes, 1), MAX_LANES) * LANE + 10
        spare = self.contentsRect().width() - self.verticalScrollBar().sizeHint().width() \
            - MIN_TEXT - lanes
        gutter = GUTTER if self.gutter_on and spare >= GUTTER else 0
        labels = min(LABELS if self.marks else 0, spare - gutter)
        right = lanes + (labels if labels >= MIN_LABELS else 0)
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) != (gutter, right):
            self.setViewportMargins(gutter, 0, right, 0)
        self._place_margins()

    def _place_margins(self) -> None:
        cr = self.contentsRect()
        margins = self.viewportMargins()
        self.gutter.setVisible(margins.left() > 0)
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), GUTTER, cr.height()))
        width = margins.right()
        self.stripes.setGeometry(QRect(cr.right() - width + 1, cr.top(), width, cr.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._margins()
        self._paint_window()

    def _scrolled(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
            self.stripes.update()
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())
            self.stripes.update()

    # -- positions -------------------------------------------------------------------------

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text in code points, trimmed of surrounding spaces; None if empty."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        start = self.map.from_utf16(c.selectionStart())
        end = self.map.from_utf16(c.selectionEnd())
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def snap_to_words(self) -> None:
        """Widen the selection to whole words ("afd|elingen" → "afdelingen")."""
        c = self.textCursor()
        if not c.hasSelection():
            return
        start = self.map.from_utf16(c.selectionStart())
        end = self.map.from_utf16(c.selectionEnd())
        start, end = word_bounds(self.text, start, end)
        forward = c.position() >= c.anchor()
        a, b = (start, end) if forward else (end, start)
        snapped = QTextCursor(self.document())
        snapped.setPosition(self.map.to_utf16(a))
        snapped.setPosition(self.map.to_utf16(b), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(snapped)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        exact = self._exact or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if event.button() == Qt.MouseButton.LeftButton and not exact and snap_words_on():
            self.snap_to_words()

    def has_selection(self) -> bool:
        return self.textCursor().hasSelection()

    def select_span(self, start: int, end: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(self.map.to_utf16(start))
        c.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)
        self.centerCursor()

    def marks_at(self, pos16: int) -> list[Mark]:
        right = bisect.bisect_right(self._starts, pos16)
        return [m for m in self.marks[:right] if m.s16 <= pos16 < m.e16]

    def mark_tooltip(self, marks: list[Mark]) -> str:
        return mark_tooltip(marks)

    def marks_said(self) -> list[Mark]:
        """The codings a screen reader names: those the selection touches, or, with nothing
        selected, those at the cursor (a selection's end lies just past a coding made of it)."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if start == end:
            return self.marks_at(start)
        right = bisect.bisect_left(self._starts, end)
        return [m for m in self.marks[:right] if m.s16 < end and start < m.e16]

    def codings_said(self) -> str:
        """The codings at the text cursor in words ("Coded: Peer help by Anouk, …")."""
        marks = self.marks_said()
        if not marks:
            return tr("Not coded here.")
        return tr("Coded: {0}").format(", ".join(
            tr("{0} by {1}").format(m.path, m.coder) for m in marks))

    def announce_codings(self) -> None:
        """Tell a screen reader the codings at the cursor: the view's description changes."""
        tell(self, self.codings_said())  # said only when it changed

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pos16 = self.cursorForPosition(event.pos()).position()
            marks = self.marks_at(pos16)
            if marks:
                QToolTip.showText(event.globalPos(), self.mark_tooltip(marks), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- menus and drops -------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        pos16 = self.cursorForPosition(event.pos()).position()
        self.fill_menu(menu, self.marks_at(pos16), self.speaker_at(pos16))
        menu.exec(event.globalPos())

    def speaker_at(self, pos16: int) -> str | None:
        """Who speaks at a position (UTF-16) of the text, if it lies in a turn."""
        return next((name for start, end, name in getattr(self, "turn_spans", [])
                     if start <= pos16 < end and name), None)

    def fill_menu(self, menu: QMenu, marks: list[Mark], speaker: str | None = None) -> None:
        first = menu.actions()[0] if menu.actions() else None
        coding_actions: list[tuple[str, Callable[[], object]]] = []
        if self.has_selection():
            # where ATLAS.ti, MAXQDA and NVivo users look first: "Code with…" and recent codes
            coding_actions.append((tr("Code with…"), self.quick_code.emit))
            for path in self.recent_codes()[:RECENT_IN_MENU]:
                coding_actions.append((tr("Code with {0}").format(path),
                                       partial(self.code_with.emit, path)))
            coding_actions.append((tr("Code in vivo"), self.in_vivo.emit))
        coding_actions += coding_entries(marks, self.remove_coding, self.memo_coding)
        if speaker:
            coding_actions.append((tr("Code all turns of {0}…").format(speaker),
                                   partial(self.code_speaker.emit, speaker)))
        for label, slot in coding_actions:
            action = menu.addAction(label)
            action.triggered.connect(slot)
            if first is not None:
                menu.removeAction(action)
                menu.insertAction(first, action)
        if coding_actions and first is not None:
            menu.insertSeparator(first)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        take_codes(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        take_codes(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = code_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        if not self.textCursor().hasSelection():
            # no selection: code the paragraph under the drop point
            cursor = self.cursorForPosition(event.position().toPoint())
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            self.setTextCursor(cursor)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.code_dropped.emit(ids)


class _Gutter(QWidget):
    """Transcript times beside the turn they start."""

    def __init__(self, view: TextView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(GUTTER, 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(event.rect(), style.paint("gutter"))
        p.setPen(style.paint("gutter_line"))
        p.drawLine(self.width() - 1, event.rect().top(), self.width() - 1, event.rect().bottom())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        p.setFont(font)
        p.setPen(style.paint("gutter_text"))
        view = self.view
        block = view.firstVisibleBlock()
        offset = view.contentOffset()
        while block.isValid():
            geo = view.blockBoundingGeometry(block).translated(offset)
            if geo.top() > event.rect().bottom():
                break
            label = view.times.get(block.blockNumber())
            if label and block.isVisible():
                first = block.layout().lineAt(0).rect() if block.layout().lineCount() else None
                h = int(first.height()) if first is not None else view.fontMetrics().height()
                p.drawText(QRect(0, int(geo.top()), GUTTER - 8, h),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            block = block.next()
        p.end()


class _Stripes(QWidget):
    """Coding stripes: one bar per coding beside the lines it covers, named by its code."""

    def __init__(self, view: TextView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)
        self._drawn: list[tuple[QRectF, Mark]] = []
        self._labels: list[tuple[QRectF, Mark]] = []

    def _visible(self) -> list[tuple[QRectF, Mark]]:
        view = self.view
        if not view.marks:
            return []
        first16 = view.firstVisibleBlock().position()
        bottom = view.cursorForPosition(QPoint(view.viewport().width(),
                                               view.viewport().height()))
        last16 = bottom.position() + 1
        height = float(self.height())
        out = []
        right = bisect.bisect_right(view._starts, last16)
        for m in view.marks[:right]:
            if m.e16 < first16:
                continue
            top = self._y(m.s16, first16, top=True)
            bot = self._y(m.e16, last16, top=False) if m.e16 <= last16 else height + 2
            x = 5 + min(m.lane, MAX_LANES - 1) * LANE
            out.append((QRectF(x, top + 1, LANE - 2, max(6.0, bot - top - 2)), m))
        return out

    def _y(self, pos16: int, limit: int, *, top: bool) -> float:
        if top and pos16 < limit:
            return -2.0
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(pos16, self.view.document().characterCount() - 1))
        rect = self.view.cursorRect(cursor)
        return float(rect.top() if top else rect.bottom())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), style.paint("stripes"))
        p.setPen(style.paint("gutter_line"))
        p.drawLine(0, 0, 0, self.height())
        self._drawn = self._visible()
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        p.setFont(font)
        metrics = p.fontMetrics()
        label_h = metrics.height() + 2
        label_x = 5 + min(max(self.view.lanes, 1), MAX_LANES) * LANE + 6
        label_w = self.width() - label_x - 4
        next_free = -1e9
        self._labels = []
        for rect, m in self._drawn:  # colour and pattern: two codes differ in greyscale too
            style.fill_coded(p, rect, m.colour, m.coding.code_id, 2.5)
        if label_w < MIN_LABELS - 10:  # a narrow view: the stripes without their names
            p.end()
            return
        # labels: one per coding, at its first line, pushed down so they never overlap
        ordered = sorted(self._drawn, key=lambda rm: (max(rm[0].top(), 0), rm[1].lane))
        for i, (rect, m) in enumerate(ordered):
            if any(o.code_id == m.coding.code_id and abs(r.top() - rect.top()) < label_h
                   for r, o in ((r, mm.coding) for r, mm in ordered[:i])):
                continue  # the same code on the same lines (another coder): one label
            y = max(rect.top(), 0.0, next_free)
            if y > self.height():
                break
            next_free = y + label_h
            colour = QColor(m.colour)
            p.setPen(colour)
            p.drawLine(int(rect.right()), int(max(rect.top(), 0) + 4), label_x,
                       int(y + label_h / 2))
            back = QColor(colour)
            back.setAlpha(45)
            if style.high_contrast():  # the name in white on a dark tint of its colour
                back = contrast.tint(m.colour)
            box = QRectF(label_x, y, label_w, label_h - 1)
            p.setBrush(back)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(box, 3, 3)
            # the stripe's colour and pattern again beside the name: the key without colour
            style.fill_coded(p, QRectF(label_x + 3, y + 3, SWATCH, label_h - 7), m.colour,
                             m.coding.code_id, 1.5)
            p.setPen(style.paint("label_text"))
            name = metrics.elidedText(m.name, Qt.TextElideMode.ElideRight,
                                      int(label_w) - 10 - SWATCH)
            p.drawText(box.adjusted(SWATCH + 7, 0, -2, 0),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            self._labels.append((box, m))
        p.end()

    def _mark_at(self, pos: QPoint) -> Mark | None:
        for rect, m in [*reversed(self._labels), *reversed(self._drawn)]:
            if rect.adjusted(-1, 0, 1, 0).contains(pos.toPointF()):
                return m
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            m = self._mark_at(event.pos())
            if m is not None:
                QToolTip.showText(event.globalPos(), self.view.mark_tooltip([m]), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        m = self._mark_at(event.position().toPoint())
        if m is None:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            c = QTextCursor(self.view.document())
            c.setPosition(m.s16)
            c.setPosition(m.e16, QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(c)
        elif event.button() == Qt.MouseButton.RightButton:
            menu = QMenu(self)
            self.view.fill_menu(menu, [m])
            menu.exec(event.globalPosition().toPoint())
