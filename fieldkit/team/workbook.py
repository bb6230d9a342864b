"""Spreadsheets for team work: the agreement report, and one coder's codings for blind review.

The "Agreement" sheet lists the overall figures, then each code over all documents, then each
code × document, worst first within each part. Each figure is labelled as the program that
defines it does: NVivo's kappa (per code × document, averaged weighted by document length,
with the cells nobody coded, κ = 1 each, counted beside it and an average without them) and
the pooled kappa of the summed counts, which NVivo does not report. The "Segments" sheet holds
MAXQDA's segment-level figures, an agreeing pair counted once (cell a of its kappa table).
``write_blind_codings`` writes only one coder's codings, so a colleague
can review them without seeing the others'.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from fieldkit.core.agreement import AgreementReport
from fieldkit.core.errors import BadInput
from fieldkit.exporters.cells import keep_text, xlsx_value
from fieldkit.exporters.tables import mask_workbook
from fieldkit.team.comparison import report_dict

if TYPE_CHECKING:
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.project import Project

AGREEMENT_HEADERS = ["level", "code", "document", "coder A", "coder B", "a (both)", "b (A only)",
                     "c (B only)", "d (neither)",
                     "NVivo kappa (code × document kappas, weighted by document length)",
                     "cells nobody coded (each kappa 1 in NVivo kappa)",
                     "NVivo kappa over coded cells only",
                     "pooled agreement % (summed counts)",
                     "pooled kappa (summed counts; not an NVivo figure)",
                     "unweighted mean kappa", "Krippendorff's alpha"]
SEGMENT_HEADERS = ["code", "coder A", "coder B", "agreeing pairs (a)", "A only (b)",
                   "B only (c)", "agreement % a / (a + b + c)", "A's segments matched",
                   "B's segments matched"]
BLIND_HEADERS = ["document", "code", "start", "end", "quote", "memo", "created"]


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _agreement_row(level: str, row: dict[str, Any]) -> list[Any]:
    return [level, row["code_path"] or "", row.get("document_title") or "", *row["coders"],
            row["a"], row["b"], row["c"], row["d"], _rounded(row["kappa_weighted"], 4),
            row["uncoded_cells"], _rounded(row["kappa_weighted_coded"], 4),
            _rounded(row["percent"], 2), _rounded(row["kappa"], 4),
            _rounded(row["kappa_mean"], 4), _rounded(row["alpha"], 4)]


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append([xlsx_value(v) for v in values])


def _header(sheet: Any, headers: list[str]) -> None:
    _append(sheet, headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _save(book: Workbook, out: str | Path) -> Path:
    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise BadInput(f"'{target}' should end in .xlsx.")
    if not target.parent.is_dir():
        raise BadInput(f"There is no folder {target.parent} to write {target.name} into.")
    keep_text(book)
    tmp = target.with_name(target.name + ".part")
    book.save(tmp)
    tmp.replace(target)
    return target


def write_agreement(project: Project, report: AgreementReport, out: str | Path,
                    masker: Pseudonymiser | None = None) -> Path:
    """Write the report as an xlsx with an "Agreement" and a "Segments" sheet (``masker``
    replaces names in every cell)."""
    data = report_dict(project, report)
    book = Workbook()
    sheet = book.active
    sheet.title = "Agreement"
    _append(sheet, [f"Coders: {', '.join(report.coders)}; segment overlap threshold "
                    f"{report.threshold:.0%}. NVivo kappa counts each code × document cell "
                    "nobody coded as kappa 1, which raises it (see the cells column and the "
                    "average without them); pooled figures come from the summed counts."])
    _header(sheet, AGREEMENT_HEADERS)
    for level, key in (("overall", "overall"), ("code", "codes"),
                       ("code × document", "documents")):
        for row in data[key]:
            _append(sheet, _agreement_row(level, row))
    segments = book.create_sheet("Segments")
    _header(segments, SEGMENT_HEADERS)
    for result in data["segments"]:
        for row in result["rows"]:
            _append(segments, [row["code_path"] or "", *row["coders"], row["agreements"],
                               row["only_a"], row["only_b"], _rounded(row["percent"], 2),
                               row["matched_a"], row["matched_b"]])
        _append(segments, ["all codes", *result["coders"], result["agreements"],
                           result["only_a"], result["only_b"], _rounded(result["percent"], 2),
                           result["matched"] - sum(r["matched_b"] for r in result["rows"]),
                           sum(r["matched_b"] for r in result["rows"])])
        _append(segments, [f"Brennan–Prediger kappa (k = {result['k']})",
                         _rounded(result["kappa"], 4) if result["kappa"] is not None
                         else result["kappa_note"]])
    if masker is not None:
        mask_workbook(book, masker)
    return _save(book, out)


def write_blind_codings(project: Project, coder: str, out: str | Path,
                        masker: Pseudonymiser | None = None) -> Path:
    """Write only ``coder``'s codings (document, code, span, quote, memo) to an xlsx
    (``masker`` replaces names in every cell)."""
    codings = project.codings(coder=coder)
    book = Workbook()
    sheet = book.active
    sheet.title = "Codings"
    _append(sheet, [f"Codings by {coder} only"])
    _header(sheet, BLIND_HEADERS)
    codebook = project.codebook()
    titles = {doc.id: doc.title for doc in project.documents()}
    for c in codings:
        _append(sheet, [titles.get(c.document_id, ""), codebook.path(c.code_id), c.start, c.end,
                      c.quote, c.memo, c.created])
    if masker is not None:
        mask_workbook(book, masker)
    return _save(book, out)
