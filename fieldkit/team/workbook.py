"""Spreadsheets for team work: the agreement report, and one coder's codings for blind review.

The "Agreement" sheet lists the overall figures, then each code pooled over all documents, then
each code × document, worst first within each part; a "Segments" sheet holds MAXQDA's
segment-level figures. ``write_blind_codings`` writes only one coder's codings, so a colleague
can review them without seeing the others'.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from fieldkit.core.agreement import AgreementReport
from fieldkit.core.errors import BadInput
from fieldkit.team.comparison import report_dict

if TYPE_CHECKING:
    from fieldkit.project import Project

AGREEMENT_HEADERS = ["level", "code", "document", "coder A", "coder B", "a (both)", "b (A only)",
                     "c (B only)", "d (neither)", "agreement %", "Cohen's kappa",
                     "mean kappa", "length-weighted kappa", "Krippendorff's alpha"]
SEGMENT_HEADERS = ["code", "coder A", "coder B", "matched A", "unmatched A", "matched B",
                   "unmatched B", "agreement %"]
BLIND_HEADERS = ["document", "code", "start", "end", "quote", "memo", "created"]


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _agreement_row(level: str, row: dict[str, Any]) -> list[Any]:
    return [level, row["code_path"] or "", row.get("document_title") or "", *row["coders"],
            row["a"], row["b"], row["c"], row["d"], _rounded(row["percent"], 2),
            _rounded(row["kappa"], 4), _rounded(row["kappa_mean"], 4),
            _rounded(row["kappa_weighted"], 4), _rounded(row["alpha"], 4)]


def _header(sheet: Any, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _save(book: Workbook, out: str | Path) -> Path:
    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise BadInput(f"'{target}' should end in .xlsx.")
    if not target.parent.is_dir():
        raise BadInput(f"There is no folder {target.parent} to write {target.name} into.")
    tmp = target.with_name(target.name + ".part")
    book.save(tmp)
    tmp.replace(target)
    return target


def write_agreement(project: Project, report: AgreementReport, out: str | Path) -> Path:
    """Write the report as an xlsx with an "Agreement" and a "Segments" sheet."""
    data = report_dict(project, report)
    book = Workbook()
    sheet = book.active
    sheet.title = "Agreement"
    sheet.append([f"Coders: {', '.join(report.coders)}; segment overlap threshold "
                  f"{report.threshold:.0%}"])
    _header(sheet, AGREEMENT_HEADERS)
    for level, key in (("overall", "overall"), ("code", "codes"),
                       ("code × document", "documents")):
        for row in data[key]:
            sheet.append(_agreement_row(level, row))
    segments = book.create_sheet("Segments")
    _header(segments, SEGMENT_HEADERS)
    for result in data["segments"]:
        for row in result["rows"]:
            segments.append([row["code_path"] or "", *row["coders"], row["matched_a"],
                             row["unmatched_a"], row["matched_b"], row["unmatched_b"],
                             _rounded(row["percent"], 2)])
        segments.append(["all codes", *result["coders"], "", "", "", "",
                         _rounded(result["percent"], 2)])
        segments.append([f"Brennan–Prediger kappa (k = {result['k']})",
                         _rounded(result["kappa"], 4) if result["kappa"] is not None
                         else result["kappa_note"]])
    return _save(book, out)


def write_blind_codings(project: Project, coder: str, out: str | Path) -> Path:
    """Write only ``coder``'s codings (document, code, span, quote, memo) to an xlsx."""
    codings = project.codings(coder=coder)
    book = Workbook()
    sheet = book.active
    sheet.title = "Codings"
    sheet.append([f"Codings by {coder} only"])
    _header(sheet, BLIND_HEADERS)
    codebook = project.codebook()
    titles = {doc.id: doc.title for doc in project.documents()}
    for c in codings:
        sheet.append([titles.get(c.document_id, ""), codebook.path(c.code_id), c.start, c.end,
                      c.quote, c.memo, c.created])
    return _save(book, out)
