"""The keyboard in a PDF's text: a caret on the pages, moved and extended as in a text editor,
and what a screen reader hears about where it is.

The caret is a text position (code points, between characters) of the document's text, as the
tab's ``PageText`` holds it; it is drawn at the character boxes the view maps offsets to: before
the character after it, or after the one before it at a line's end. Left/Right move a
character, Ctrl+Left/Right a word, Up/Down to the character nearest the caret's x on the line
above or below (lines are the text's lines; empty ones, such as the gap between two pages, are
passed), Home/End to the line's ends, Ctrl+Home/End to the text's ends (and the first or last
page), Page Up/Down to the next page's first character. With Shift each of them extends the
selection from where it began; Ctrl+A selects the whole text. The selection goes into
``PageText``, so every coding command codes it exactly as a mouse selection.

What the caret is at is told to a screen reader as the view's accessible description
(``accessibility.tell``, as the text view tells the codings at its cursor): the page, the line
at the caret or the text selected (shortened), and the codings there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter

from fieldkit.core.model import PdfPage
from fieldkit.gui import pdf_paint
from fieldkit.gui.accessibility import tell
from fieldkit.gui.i18n import tr
from fieldkit.gui.text_view import Mark, in_word
from fieldkit.operations.pdf_layout import caret_at

if TYPE_CHECKING:
    from fieldkit.gui.pdf_view import PdfView

SAID = 120  # characters of a line or a selection a screen reader hears before "…"
MARGIN = 24  # pixels kept between the caret and the edge of the view as it scrolls
Place = tuple[int, float, float, float]  # page number, x, top, bottom (points)

_MOVES = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
          Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def shorten(text: str, most: int = SAID) -> str:
    """``text`` on one line, its middle left out ("…") when it is longer than ``most``."""
    head = most * 2 // 3
    if len(text) > 8 * most:  # a long selection (Ctrl+A): only its ends are read
        first = " ".join(text[:4 * most].split())
        last = " ".join(text[-4 * most:].split())
        return f"{first[:head].rstrip()} … {last[len(last) - (most - head):].lstrip()}"
    flat = " ".join(text.split())
    if len(flat) <= most:
        return flat
    return f"{flat[:head].rstrip()} … {flat[len(flat) - (most - head):].lstrip()}"


class PdfCaret:
    """The caret of one ``PdfView`` and the keys that move it (the view forwards its keys)."""

    def __init__(self, view: PdfView) -> None:
        self.view = view
        self.position: int | None = None  # None until a click or a key places it
        self.anchor: int | None = None  # where a selection being extended began
        self.moving = False  # the selection changes because the caret moved (no jump to it)
        self._goal_x: float | None = None  # Up/Down keep the x they started from

    @property
    def text(self) -> str:
        return self.view.text

    # -- where an offset is ----------------------------------------------------------------

    def page_of(self, offset: int) -> PdfPage:
        """The page an offset belongs to (the gap between two pages: the next one)."""
        for page in self.view.pages:
            if offset <= page.end:
                return page
        return self.view.pages[-1]

    def place(self, offset: int) -> Place | None:
        """Where the caret at ``offset`` is drawn: before the character after it, else after
        the one before it, else at the nearest character of its page that has a box."""
        page = self.page_of(offset)
        boxes = self.view.boxes(page.number)
        if not len(boxes):
            return None
        import numpy as np

        placed = ~np.isnan(boxes[:, 0])
        local = min(max(0, offset - page.start), len(boxes))
        if local < len(boxes) and placed[local]:
            x0, y0, _x1, y1 = (float(v) for v in boxes[local])
            return page.number, x0, y0, y1
        after = np.flatnonzero(placed[local:])
        if local > 0 and placed[local - 1] and (self.text[offset - 1:offset] != "\n"):
            _x0, y0, x1, y1 = (float(v) for v in boxes[local - 1])
            return page.number, x1, y0, y1
        if len(after):
            x0, y0, _x1, y1 = (float(v) for v in boxes[local + int(after[0])])
            return page.number, x0, y0, y1
        before = np.flatnonzero(placed[:local])
        if len(before):
            _x0, y0, x1, y1 = (float(v) for v in boxes[int(before[-1])])
            return page.number, x1, y0, y1
        return None

    def line_of(self, offset: int) -> tuple[int, int]:
        """The text line ``[start, end)`` holding ``offset`` (its line break left out)."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    # -- moves -----------------------------------------------------------------------------

    def _word_right(self, at: int) -> int:
        text = self.text
        while at < len(text) and in_word(text[at]):
            at += 1
        while at < len(text) and not in_word(text[at]):
            at += 1
        return at

    def _word_left(self, at: int) -> int:
        text = self.text
        while at > 0 and not in_word(text[at - 1]):
            at -= 1
        while at > 0 and in_word(text[at - 1]):
            at -= 1
        return at

    def _step(self, at: int, by: int) -> int:
        """One character on, over the line breaks between two pages (they have no place on a
        page: the caret would stand still for a key)."""
        at = max(0, min(len(self.text), at + by))
        while 0 < at < len(self.text) and self._between_pages(at):
            at += by
        return at

    def _between_pages(self, offset: int) -> bool:
        pages = self.view.pages
        return any(a.end < offset < b.start for a, b in zip(pages, pages[1:], strict=False))

    def _vertical(self, at: int, down: bool) -> int:
        """The caret nearest the goal x on the next line below (or above) that has text."""
        if self._goal_x is None:
            here = self.place(at)
            self._goal_x = here[1] if here is not None else 0.0
        start, end = self.line_of(at)
        while True:
            if down:
                if end >= len(self.text):
                    return len(self.text)
                start, end = self.line_of(end + 1)
            else:
                if start == 0:
                    return 0
                start, end = self.line_of(start - 1)
            found = self._nearest_on_line(start, end, self._goal_x)
            if found is not None:
                return found

    def _nearest_on_line(self, start: int, end: int, x: float) -> int | None:
        if start >= end:
            return None
        import numpy as np

        page = self.page_of(start)
        boxes = self.view.boxes(page.number)[start - page.start:end - page.start]
        if not len(boxes) or np.isnan(boxes[:, 0]).all():
            return None
        first = boxes[int(np.flatnonzero(~np.isnan(boxes[:, 0]))[0])]
        local = caret_at(boxes, x, (float(first[1]) + float(first[3])) / 2)
        return None if local is None else start + local

    def _page_key(self, step: int) -> int:
        view = self.view
        view.go_to_page(view.current_page + step)
        return view.pages[view.current_page - 1].start

    def _target(self, key: int, ctrl: bool, at: int) -> int:
        """Where a movement key takes the caret from ``at``."""
        n = len(self.text)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return self._vertical(at, key == Qt.Key.Key_Down)
        self._goal_x = None
        if key == Qt.Key.Key_Left:
            return self._word_left(at) if ctrl else self._step(at, -1)
        if key == Qt.Key.Key_Right:
            return self._word_right(at) if ctrl else self._step(at, 1)
        if key == Qt.Key.Key_Home:
            if ctrl:
                self.view.go_to_page(1)
                return 0
            return self.line_of(at)[0]
        if key == Qt.Key.Key_End:
            if ctrl:
                self.view.go_to_page(len(self.view.pages))
                return n
            return self.line_of(at)[1]
        return self._page_key(1 if key == Qt.Key.Key_PageDown else -1)

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key of the view; False for keys that are not the caret's."""
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
            return True
        if event.matches(QKeySequence.StandardKey.Copy):
            self.view.text_view.copy()
            return True
        key = Qt.Key(event.key())
        if key not in _MOVES:
            return False
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
            return False  # not the caret's: Alt+arrows scroll, as before
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        extend = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if not self.text:  # a scan: the page keys only
            if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._page_key(1 if key == Qt.Key.Key_PageDown else -1)
            elif ctrl and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self.view.go_to_page(1 if key == Qt.Key.Key_Home else len(self.view.pages))
            return True
        at = self._start()
        selection = self.view.selection
        if selection is not None and not extend and not ctrl and key in (Qt.Key.Key_Left,
                                                                      Qt.Key.Key_Right):
            self._goal_x = None  # a selection collapses to its side, as in an editor
            self.move_to(selection[0] if key == Qt.Key.Key_Left else selection[1], False)
            return True
        self.move_to(self._target(key, ctrl, at), extend)
        return True

    def _start(self) -> int:
        if self.position is None:
            selection = self.view.selection
            self.position = (selection[1] if selection is not None
                             else self.view.pages[self.view.current_page - 1].start)
        self.position = min(self.position, len(self.text))
        return self.position

    def move_to(self, offset: int, extend: bool) -> None:
        """Put the caret at ``offset``; with ``extend`` the selection runs from its anchor."""
        offset = max(0, min(len(self.text), offset))
        if extend:
            if self.anchor is None:
                selection = self.view.selection
                before = self.position if self.position is not None else offset
                self.anchor = (before if selection is None or before not in selection
                               else selection[0] if before == selection[1] else selection[1])
        else:
            self.anchor = None
        self.position = offset
        self._select(self.anchor if self.anchor is not None else offset, offset)
        self.show()

    def select_all(self) -> None:
        """Ctrl+A: the whole text selected (as in a text document), the caret at its end."""
        self._goal_x = None
        self.anchor, self.position = 0, len(self.text)
        self._select(0, len(self.text))
        self.show()

    def _select(self, start: int, end: int) -> None:
        self.moving = True
        try:
            self.view.select(start, end)
        finally:
            self.moving = False

    # -- the mouse and the others place it too ---------------------------------------------

    def focused(self) -> None:
        """The pages got the focus: the caret (at the page in sight's start when it has no
        place yet) is drawn and said."""
        if self.position is None and self.text:
            self._start()
        self.view.viewport().update()
        self.announce()

    def clicked(self, offset: int) -> None:
        """A mouse press put the caret here (a drag may follow)."""
        self._goal_x = None
        self.position, self.anchor = offset, offset

    def dragged(self, offset: int) -> None:
        self.position = offset

    def released(self) -> None:
        """A drag ended (and may have snapped to words): the caret at its moving end."""
        selection = self.view.selection
        if selection is not None and self.anchor is not None and self.position is not None:
            forward = self.position >= self.anchor
            self.anchor, self.position = selection if forward else selection[::-1]
        self.view.viewport().update()
        self.announce()

    def followed(self, selection: tuple[int, int] | None) -> None:
        """The selection was set elsewhere (a search hit, a segment, a drop): the caret at
        its end, Shift extends it."""
        if selection is not None:
            self._goal_x = None
            self.anchor, self.position = selection
        self.announce()

    # -- shown and said --------------------------------------------------------------------

    def show(self) -> None:
        """Scroll so that the caret is in sight, then repaint and tell where it is."""
        view = self.view
        found = self.place(self.position) if self.position is not None else None
        if found is not None:
            number, x, top, bottom = found
            rect = view.to_view(number, (x, top, x, bottom))
            port = view.viewport()
            bar = view.verticalScrollBar()
            if rect.top() < MARGIN:
                bar.setValue(bar.value() + int(rect.top() - MARGIN))
            elif rect.bottom() > port.height() - MARGIN:
                bar.setValue(bar.value() + int(rect.bottom() - port.height() + MARGIN) + 1)
            side = view.horizontalScrollBar()
            if rect.left() < MARGIN:
                side.setValue(side.value() + int(rect.left() - MARGIN))
            elif rect.right() > port.width() - MARGIN:
                side.setValue(side.value() + int(rect.right() - port.width() + MARGIN) + 1)
            view.show_page(number)  # the page box names the caret's page
        view.viewport().update()
        self.announce()

    def rect(self) -> tuple[int, QRectF] | None:
        """The caret's page and its line in viewport pixels; None until it is placed."""
        if self.position is None or not self.text:
            return None
        found = self.place(min(self.position, len(self.text)))
        if found is None:
            return None
        number, x, top, bottom = found
        return number, self.view.to_view(number, (x, top, x, bottom))

    def paint(self, painter: QPainter, number: int) -> None:
        found = self.rect()
        if found is not None and found[0] == number:
            pdf_paint.caret(painter, found[1], self.view.palette().highlight().color())

    def marks_here(self) -> list[Mark]:
        """The codings a screen reader names: those the selection touches, else those at the
        caret (text holding it, areas of its page around its place)."""
        if self.position is None:
            return []
        selection = self.view.selection
        at = self.position
        place = self.place(at) if self.text else None
        out = []
        for m in self.view.marks:
            coding, region = m.coding, m.coding.region
            if region is not None:
                if place is not None and region.page == place[0] \
                        and region.x <= place[1] <= region.x + region.width \
                        and region.y <= (place[2] + place[3]) / 2 <= region.y + region.height:
                    out.append(m)
            elif coding.start is not None and coding.end is not None:
                if selection is not None:
                    if coding.start < selection[1] and selection[0] < coding.end:
                        out.append(m)
                elif coding.start <= at < coding.end:
                    out.append(m)
        return out

    def said(self) -> str:
        """Where the caret is, in words: page, line (or selection) and the codings there."""
        if self.position is None or not self.text:
            return ""
        at = min(self.position, len(self.text))
        parts = [tr("Page {0}.").format(self.page_of(at).number)]
        selection = self.view.selection
        if selection is not None:
            parts.append(tr("Selected: {0}").format(
                shorten(self.text[selection[0]:selection[1]])))
        else:
            line = self.text[slice(*self.line_of(at))]
            parts.append(tr("Line: {0}").format(shorten(line)) if line.strip()
                         else tr("Empty line."))
        marks = self.marks_here()
        parts.append(tr("Coded: {0}").format(", ".join(
            tr("{0} by {1}").format(m.path, m.coder) for m in marks)) if marks
            else tr("Not coded here."))
        return " ".join(parts)

    def announce(self) -> None:
        """Tell a screen reader where the caret is (the view's description changes)."""
        said = self.said()
        if said:
            tell(self.view, said)
