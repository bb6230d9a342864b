"""The text of a PDF document behind its pages: not shown, it holds the selection made on the
pages in code points, so the window codes a PDF's selection as it codes any text view's
(``selection_span``, the context menu's entries, drops). It keeps no ``QTextDocument`` of the
text: a 300-page PDF's text laid out in a hidden editor cost 60 ms of every opening."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from fieldkit.core.model import Turn
from fieldkit.gui.text_view import Mark, TextView


class PageText(TextView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._span: tuple[int, int] | None = None
        self.speakers: list[tuple[int, int]] = []
        self.turn_spans: list[tuple[int, int, str]] = []

    def set_text(self, text: str, turns: list[Turn]) -> None:
        self.text = text
        if self._span is not None and self._span[1] > len(text):
            self._span = None

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = []  # the pages draw the codings

    def restyle(self) -> None:
        return

    def selected(self) -> tuple[int, int] | None:
        """The selection as made (spaces kept), in code points; None when nothing is."""
        return self._span

    def has_selection(self) -> bool:
        return self._span is not None

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text in code points, trimmed of surrounding spaces; None if empty."""
        if self._span is None:
            return None
        start, end = self._span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def select_span(self, start: int, end: int) -> None:
        start, end = max(0, min(start, end)), min(len(self.text), max(start, end))
        self._span = (start, end) if end > start else None
        self.selectionChanged.emit()

    def copy(self) -> None:
        if self._span is not None:
            QGuiApplication.clipboard().setText(self.text[self._span[0]:self._span[1]])
