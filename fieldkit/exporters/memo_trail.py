"""A memo trail in Word: memos in date order, each with its type, author and linked material
(the quotes of linked segments, the titles of linked documents, the paths of linked codes).
Every text goes through the export's pseudonymiser, the document's properties too."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx

from fieldkit.exporters import wordxml as wx
from fieldkit.exporters.docx import _project_date
from fieldkit.exporters.files import atomic_path, check_target, normalise_zip
from fieldkit.exporters.pseudonyms import Pseudonymiser

if TYPE_CHECKING:
    from fieldkit.project import Project


def write_memo_trail(project: Project, out: Path, *, type: str | None = None,
                     masker: Pseudonymiser | None = None) -> Path:
    """Write the project's memos (of one type, or all) to ``out`` (.docx), all or nothing;
    ``masker`` replaces names in every text."""
    target = check_target(out, ".docx")
    mask = masker or Pseudonymiser.none()
    memos = project.memos.all(type=type)
    document, body = word_report(project, "Memo trail",
                                 "Memo trail" + (f": {type}" if type else ""), mask)
    for memo in memos:
        with mask.at(f"memo '{memo.title}'"):
            body.add(wx.paragraph(wx.run(mask(memo.title)), style="Heading 1", keep_next=True))
            author = memo.author
            if memo.created_by and memo.created_by != memo.author:  # rewritten by another
                author = f"{memo.author} (first written by {memo.created_by})"
            facts = " · ".join(x for x in (memo.type, memo.date, author) if x)
            body.add(wx.paragraph(wx.run(mask(facts), italic=True, size=9, colour="595959")))
            for line in memo.text.split("\n"):
                body.add(wx.paragraph(wx.run(mask(line))))
            for link in memo.links:
                if link.target == "coding":
                    coding = project.coding(link.target_id)
                    code = project.code(coding.code_id)
                    body.add(wx.paragraph(wx.run(mask(coding.quote), shade=code.colour),
                                          style="Quote"))
                    where = project.document(coding.document_id).title
                    body.add(wx.paragraph(wx.run(mask(f"{where} · {project.code_path(code)}"),
                                                 italic=True, size=9, colour="595959")))
                else:
                    label = {"code": "Code", "memo": "Memo", "document": "Document"}[link.target]
                    if link.relation == "expands":
                        label = "Expanded from"
                    body.add(wx.paragraph(wx.run(f"{label}: ", bold=True),
                                          wx.run(mask(link.label))))
    return save_report(document, body, target)


def word_report(project: Project, subject: str, subtitle: str,
                masker: Pseudonymiser | None = None) -> tuple[Any, wx.Body]:
    """A new Word document with the project's name as title and ``subtitle`` under it, dated
    by the project (so the same project writes the same file); ``masker`` replaces names in
    both and in the document's properties."""
    mask = masker or Pseudonymiser.none()
    document = docx.Document()
    props = document.core_properties
    with mask.at("the title"):
        title, subtitle = mask(project.name), mask(subtitle)
    props.title, props.subject, props.author = title, subject, "fieldkit"
    props.created = props.modified = _project_date(project)
    props.revision = 1
    body = wx.Body(document)
    body.add(wx.paragraph(wx.run(title), style="Title"))
    body.add(wx.paragraph(wx.run(subtitle), style="Subtitle"))
    return document, body


def save_report(document: Any, body: wx.Body, target: Path) -> Path:
    """Finish ``body`` and write the document to ``target``, all or nothing."""
    body.finish()
    with atomic_path(target) as tmp:
        document.save(str(tmp))
        normalise_zip(tmp)
    return target
