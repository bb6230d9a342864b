"""A coding query's results in Word: the query, then per document each region it found as a
quote with its citation (paragraph, speaker, timestamp, beep) and the code when it is one coding.

A query finds text regions, not codings (``A NOT B`` is the part of A outside B), so this is
its own report beside the report of coded segments (``fieldkit.exporters.docx``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.exporters import wordxml as wx
from fieldkit.exporters.files import check_target
from fieldkit.exporters.memo_trail import save_report, word_report
from fieldkit.exporters.pseudonyms import Pseudonymiser

if TYPE_CHECKING:
    from fieldkit.operations.analysis import Segment
    from fieldkit.project import Project


def write_query_report(project: Project, expression: str, found: Sequence[Segment],
                       out: str | Path, *, text: str | None = None,
                       masker: Pseudonymiser | None = None) -> Path:
    """Write the regions ``found`` by the coding query ``expression`` (narrowed by the search
    ``text``) to ``out`` (.docx), all or nothing; ``masker`` replaces names in every text."""
    target = check_target(Path(out), ".docx")
    mask = masker or Pseudonymiser.none()
    document, body = word_report(project, "Coding query", f"Coding query: {expression}", mask)
    facts = f"{len(found)} segment{'s' if len(found) != 1 else ''}"
    if text and text.strip():
        facts += f" holding “{text.strip()}”"
    body.add(wx.paragraph(wx.run(mask(facts), italic=True, size=9, colour="595959")))
    cite = project.retrieval.citations()
    texts: dict[int, str] = {}  # document texts, so a quote is cut from the replaced text
    for (_, title), regions in groupby(found, key=lambda s: (s.document_id, s.document)):
        with mask.at(f"document '{title}'"):
            body.add(wx.paragraph(wx.run(mask(title)), style="Heading 1", keep_next=True))
            for s in regions:
                quote = s.text
                if mask:
                    if s.document_id not in texts:  # each document read once
                        texts[s.document_id] = project.document(s.document_id).text
                    text = texts[s.document_id]
                    quote = mask.excerpt(text, s.start, s.end) \
                        if text[s.start:s.end] == s.text else mask(s.text)
                body.add(wx.paragraph(wx.run(quote), style="Quote"))
                place = cite.citer(s.document_id).cite(s.start, s.end)
                where = [place.speaker, place.place(), s.code or "", s.coder or ""]
                body.add(wx.paragraph(wx.run(mask(" · ".join(w for w in where if w)),
                                             italic=True, size=9, colour="595959")))
    return save_report(document, body, target)
