"""The Coded segments view's preview: the whole segment in its context, its code, coder, memo.

Table cells cut long quotes short; this pane beside the table shows the current row in full,
with the sentences around it, so a researcher reads a segment without opening its document.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import tr
from fieldkit.project import Project

CONTEXT = 240  # code points shown before and after the segment


class SegmentPreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentPreview")
        self.setOpenLinks(False)
        self.setMinimumWidth(180)
        speak_as(self, "The segment in its context")
        self.clear_preview()

    def clear_preview(self) -> None:
        hint = tr("Choose a segment to read it whole, in its context.")
        self.setHtml(f"<p style='color:#6b7780'>{escape(hint)}</p>")

    def show_coding(self, project: Project | None, coding_id: int | None) -> None:
        """Show coding ``coding_id`` whole, with its surroundings."""
        if project is None or coding_id is None:
            self.clear_preview()
            return
        try:
            coding = project.coding(coding_id)
            doc = project.document(coding.document_id)
            path = project.code_path(coding.code_id)
        except FieldkitError:
            self.clear_preview()
            return
        head = (f"<p><b>{escape(path)}</b> · {escape(project.coder_name(coding.coder_id))}<br>"
                f"<span style='color:#5b6770'>{escape(doc.title)}</span></p>")
        if coding.start is None or coding.end is None:
            body = f"<p>{escape(coding.quote)}</p>"
        else:
            text = doc.text
            before = text[max(0, coding.start - CONTEXT):coding.start]
            after = text[coding.end:coding.end + CONTEXT]
            body = ("<p>" + ("…" if coding.start > CONTEXT else "") + _lines(before)
                    + "<b style='background:#fff3b0'>" + _lines(text[coding.start:coding.end])
                    + "</b>" + _lines(after)
                    + ("…" if coding.end + CONTEXT < len(text) else "") + "</p>")
        writer = coding.memo_modified_by if coding.memo_modified_by is not None \
            else coding.memo_by
        by = f" ({escape(project.coder_name(writer))})" \
            if writer is not None and writer != coding.coder_id else ""
        memo = (f"<p><i>{escape(tr('Memo'))}{by}:</i> {escape(coding.memo)}</p>"
                if coding.memo.strip() else "")
        self.setHtml(head + body + memo)


def _lines(text: str) -> str:
    return escape(text.replace("\r\n", "\n")).replace("\n", "<br>")
