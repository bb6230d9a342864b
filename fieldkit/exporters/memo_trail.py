"""A memo trail in Word: memos in date order, each with its type, author and linked material
(the quotes of linked segments, the titles of linked documents, the paths of linked codes)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx

from fieldkit.exporters import wordxml as wx
from fieldkit.exporters.docx import _project_date
from fieldkit.exporters.files import atomic_path, check_target, normalise_zip

if TYPE_CHECKING:
    from fieldkit.project import Project


def write_memo_trail(project: Project, out: Path, *, type: str | None = None) -> Path:
    """Write the project's memos (of one type, or all) to ``out`` (.docx), all or nothing."""
    target = check_target(out, ".docx")
    memos = project.memos.all(type=type)
    document, body = word_report(project, "Memo trail",
                                 "Memo trail" + (f": {type}" if type else ""))
    for memo in memos:
        body.add(wx.paragraph(wx.run(memo.title), style="Heading 1", keep_next=True))
        facts = " · ".join(x for x in (memo.type, memo.date, memo.author) if x)
        body.add(wx.paragraph(wx.run(facts, italic=True, size=9, colour="595959")))
        for line in memo.text.split("\n"):
            body.add(wx.paragraph(wx.run(line)))
        for link in memo.links:
            if link.target == "coding":
                coding = project.coding(link.target_id)
                code = project.code(coding.code_id)
                body.add(wx.paragraph(wx.run(coding.quote, shade=code.colour), style="Quote"))
                where = project.document(coding.document_id).title
                body.add(wx.paragraph(wx.run(f"{where} · {project.code_path(code)}",
                                             italic=True, size=9, colour="595959")))
            else:
                label = {"code": "Code", "memo": "Memo", "document": "Document"}[link.target]
                if link.relation == "expands":
                    label = "Expanded from"
                body.add(wx.paragraph(wx.run(f"{label}: ", bold=True), wx.run(link.label)))
    return save_report(document, body, target)


def word_report(project: Project, subject: str, subtitle: str) -> tuple[Any, wx.Body]:
    """A new Word document with the project's name as title and ``subtitle`` under it, dated
    by the project (so the same project writes the same file)."""
    document = docx.Document()
    props = document.core_properties
    props.title, props.subject, props.author = project.name, subject, "fieldkit"
    props.created = props.modified = _project_date(project)
    props.revision = 1
    body = wx.Body(document)
    body.add(wx.paragraph(wx.run(project.name), style="Title"))
    body.add(wx.paragraph(wx.run(subtitle), style="Subtitle"))
    return document, body


def save_report(document: Any, body: wx.Body, target: Path) -> Path:
    """Finish ``body`` and write the document to ``target``, all or nothing."""
    body.finish()
    with atomic_path(target) as tmp:
        document.save(str(tmp))
        normalise_zip(tmp)
    return target
