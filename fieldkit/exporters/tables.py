"""Tables for Excel and CSV: segments, codebook, counts, co-occurrence and ESM answers.

``build_tables`` makes pandas DataFrames with readable column names; ``write_xlsx`` puts each on
its own sheet (frozen header row, widths fitted to the content, fixed document dates and zip
timestamps so the same project gives the same bytes) and ``write_csv`` writes one UTF-8 CSV
(with BOM, so Excel reads the accents) per table. Text is never a formula (``cells``).

- Segments: one row per coding with every citation field (paragraph, speaker, timestamp, ESM
  beep time, and the character offsets for other programs), its cases and its value of every
  attribute (own, case or participant), and the document's and participant's own attributes.
- Codebook: path, colour, definition, criteria, memo, segment counts, UUID.
- Codes × documents: codings per document (rows) and code (columns).
- Codes × attributes: codings per code (rows) and participant role/attribute, site or case
  attribute value (columns).
- Co-occurrence: how often codings of two codes overlap in the same document.
- ESM answers: one row per beep with the closed answers, one column per question.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from fieldkit.core.progress import Progress
from fieldkit.core.timecode import format_ms
from fieldkit.exporters.cells import csv_value, frame_cells, keep_text, xlsx_value
from fieldkit.exporters.files import normalise_zip
from fieldkit.exporters.segments import Segment, clock, gather, memo_writer

if TYPE_CHECKING:
    from fieldkit.core.codebook import Codebook
    from fieldkit.core.model import Participant
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.project import Project

SHEETS = {"segments": "Segments", "codebook": "Codebook", "code_by_document": "Codes x documents",
          "code_by_attribute": "Codes x attributes", "cooccurrence": "Co-occurrence",
          "esm_answers": "ESM answers"}
MAX_WIDTH = 60


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


class Replaced(str):
    """A cell whose names are already replaced (``mask_tables`` leaves it as it is)."""


def build_tables(project: Project, progress: Progress,
                 coding_ids: Sequence[int] | None = None,
                 masker: Pseudonymiser | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the export, keyed by file name (without extension); with ``coding_ids``
    the segments, counts and co-occurrences cover only those codings. With ``masker`` each
    quote is cut from its document's replaced text (a coding that starts or ends inside a
    name shows the pseudonym, not half the name); ``mask_tables`` replaces the rest."""
    progress.start(7, "Building tables")
    codings = project.codings()
    if coding_ids is not None:
        wanted = set(coding_ids)
        codings = [c for c in codings if c.id in wanted]
    segments = gather(project, codings)
    book = project.codebook()
    walk = list(book.walk())
    paths = [book.path(c.id) for _, c in walk]
    people = {p.pseudonym: p for p in project.participants()}
    doc_attrs: dict[int, dict[str, Any]] = {}
    for d in project.documents():
        doc_attrs[d.id] = project.document(d.id).attributes
    progress.step("Gathered codings")

    names = {c.id: c.name for c in project.coders()}
    tables = {"segments": _segments(segments, people, doc_attrs, _Quotes(project, masker))}
    _add_case_columns(tables["segments"], project, segments)
    progress.step("Segments")
    tables["codebook"] = _codebook(codings, book, walk, paths, names)
    progress.step("Codebook")
    tables["code_by_document"] = _by_document(project, codings, walk, paths)
    progress.step("Codes x documents")
    tables["code_by_attribute"] = _by_attribute(project, segments, walk, paths)
    progress.step("Codes x attributes")
    tables["cooccurrence"] = _cooccurrence(codings, walk, paths)
    progress.step("Co-occurrence")
    tables["esm_answers"] = _esm(project, doc_attrs)
    progress.step("ESM answers")
    return tables


class _Quotes:
    """A coding's quote for the segments table: with a masker, cut from its document's
    replaced text when it is still there (each document read once)."""

    def __init__(self, project: Project, masker: Pseudonymiser | None) -> None:
        self.project = project
        self.masker = masker
        self.texts: dict[int, str] = {}

    def __call__(self, c: Any) -> str:
        masker = self.masker
        if c.region is not None:
            return ""
        if not masker or c.orphaned or c.start is None or c.end is None:
            return str(c.quote)
        if c.document_id not in self.texts:
            self.texts[c.document_id] = self.project.document(c.document_id).text
        text = self.texts[c.document_id]
        if text[c.start:c.end] != c.quote:
            return str(c.quote)
        with masker.at(f"table '{SHEETS['segments']}'"):
            return Replaced(masker.excerpt(text, c.start, c.end))


_SEGMENT_COLUMNS = [
    "Coding", "Code", "Document", "Document id", "Kind", "Site", "Visit date", "Participant",
    "Role", "Citation", "Paragraph", "Page", "Speaker", "Timestamp", "Beep", "Start", "End",
    "From (time)", "To (time)", "From (ms)", "To (ms)", "Region", "Quote", "Memo", "Coder",
    "Coded at", "Orphaned", "Coding UUID"]


def _segments(segments: list[Segment], people: dict[str, Participant],
              doc_attrs: dict[int, dict[str, Any]], quote: _Quotes) -> pd.DataFrame:
    """One row per coding with its citation, its document's simple attributes and its
    participant's attributes (a column each). Where a memo was written by someone else than
    the coding's coder, a "Memo by" column names each memo's writer."""
    # ESM answers have their own sheet; the rest are simple facts per document.
    doc_keys = sorted({k for a in doc_attrs.values() for k, v in a.items()
                       if not isinstance(v, dict) and k != "beeps"})
    person_keys = sorted({k for p in people.values() for k in p.attributes})
    rows = []
    for s in segments:
        d = s.document
        person = people.get(d.participant or "")
        row = _segment_row(s, person, quote)
        attrs = doc_attrs.get(d.id, {})
        for key in doc_keys:
            row[f"Document: {key}"] = _scalar(attrs.get(key, ""))
        for key in person_keys:
            row[f"Participant: {key}"] = _scalar(person.attributes.get(key, "")) if person else ""
        rows.append(row)
    columns = [*_SEGMENT_COLUMNS, *(f"Document: {k}" for k in doc_keys),
               *(f"Participant: {k}" for k in person_keys)]
    writers = [s.memo_by if s.coding.memo else "" for s in segments]
    if any(w != s.coder for w, s in zip(writers, segments, strict=True) if s.coding.memo):
        for row, writer in zip(rows, writers, strict=True):
            row["Memo by"] = writer
        columns.insert(columns.index("Memo") + 1, "Memo by")
    return pd.DataFrame(rows, columns=columns)


def _add_case_columns(frame: pd.DataFrame, project: Project, segments: list[Segment]) -> None:
    """A "Cases" column (the cases each coding belongs to) and an "Attribute: NAME" column per
    attribute with the coding's value (its document's own, else its case's, else its
    participant's: ``project.analysis.coding_values``), placed after the citation fields."""
    names, found = project.analysis.coding_values([s.coding for s in segments])
    at = int(frame.columns.get_loc("Coding UUID")) + 1
    frame.insert(at, "Cases", [", ".join(found[s.coding.id].cases) for s in segments])
    for n, name in enumerate(names, start=1):
        frame.insert(at + n, f"Attribute: {name}",
                     [found[s.coding.id].values.get(name, "") for s in segments])


def _segment_row(s: Segment, person: Participant | None, quote: _Quotes) -> dict[str, Any]:
    """The citation fields of one segment (``_SEGMENT_COLUMNS``)."""
    c, d = s.coding, s.document
    return {
        "Coding": c.id, "Code": s.code_path, "Document": d.title, "Document id": d.id,
        "Kind": d.kind, "Site": d.site or "", "Visit date": d.visit or "",
        "Participant": d.participant or "", "Role": person.role if person else "",
        "Citation": s.position, "Paragraph": s.citation.paragraph, "Page": s.page,
        "Speaker": s.speaker, "Timestamp": clock(s.timestamp), "Beep": s.citation.beep,
        "Start": c.start, "End": c.end,
        "From (time)": format_ms(c.start_ms), "To (time)": format_ms(c.end_ms),
        "From (ms)": c.start_ms, "To (ms)": c.end_ms,
        "Region": (f"{c.region.x},{c.region.y},{c.region.width},{c.region.height}"
                   if c.region else ""),
        "Quote": quote(c), "Memo": c.memo, "Coder": s.coder,
        "Coded at": c.created, "Orphaned": "yes" if c.orphaned else "",
        "Coding UUID": c.uuid,
    }


def _codebook(codings: list[Any], book: Codebook, walk: list[Any],
              paths: list[str], names: dict[int, str]) -> pd.DataFrame:
    """One row per code in codebook order, with its texts and counts of segments (and who
    wrote each memo, where fieldkit knows it of any)."""
    counts = Counter(c.code_id for c in codings)
    frame = pd.DataFrame([{
        "Code": path, "Name": code.name, "Level": depth + 1, "Colour": code.colour,
        "Definition": code.definition, "Inclusion": code.inclusion,
        "Exclusion": code.exclusion, "Example": code.example, "Memo": code.memo,
        "Segments": counts.get(code.id, 0),
        "Segments with sub-codes": sum(counts.get(k, 0)
                                       for k in [code.id, *book.descendants(code.id)]),
        "UUID": code.uuid} for (depth, code), path in zip(walk, paths, strict=True)],
        columns=["Code", "Name", "Level", "Colour", "Definition", "Inclusion", "Exclusion",
                 "Example", "Memo", "Segments", "Segments with sub-codes", "UUID"])
    writers = [memo_writer(code, names) if code.memo else "" for _, code in walk]
    if any(writers):
        frame.insert(int(frame.columns.get_loc("Memo")) + 1, "Memo by", writers)
    return frame


def _by_document(project: Project, codings: list[Any], walk: list[Any],
                 paths: list[str]) -> pd.DataFrame:
    """Codings per document (rows) and code (columns)."""
    per_doc = Counter((c.document_id, c.code_id) for c in codings)
    doc_rows = []
    for d in project.documents():
        row = {"Document id": d.id, "Document": d.title, "Kind": d.kind, "Site": d.site or "",
               "Participant": d.participant or ""}
        for (_, code), path in zip(walk, paths, strict=True):
            row[path] = per_doc.get((d.id, code.id), 0)
        doc_rows.append(row)
    return pd.DataFrame(
        doc_rows, columns=["Document id", "Document", "Kind", "Site", "Participant", *paths])


def _by_attribute(project: Project, segments: list[Any], walk: list[Any],
                  paths: list[str]) -> pd.DataFrame:
    people = {p.pseudonym: p for p in project.participants()}
    case_of: dict[int, list[Any]] = {}
    for case in project.cases():
        for doc_id in project.case_documents(case.id):
            case_of.setdefault(doc_id, []).append(case)
    counts: Counter[tuple[int, str]] = Counter()
    for s in segments:
        labels = []
        if s.document.site:
            labels.append(f"Site: {s.document.site}")
        person = people.get(s.document.participant or "")
        if person is not None:
            if person.role:
                labels.append(f"Role: {person.role}")
            labels += [f"Participant {k}: {_scalar(v)}" for k, v in person.attributes.items()]
        for case in case_of.get(s.coding.document_id, []):
            labels.append(f"Case: {case.name}")
            labels += [f"Case {k}: {_scalar(v)}" for k, v in case.attributes.items()]
        for label in labels:
            counts[(s.coding.code_id, label)] += 1
    labels = sorted({label for _, label in counts})
    rows = [{"Code": path, **{label: counts.get((code.id, label), 0) for label in labels}}
            for (_, code), path in zip(walk, paths, strict=True)]
    return pd.DataFrame(rows, columns=["Code", *labels])


def _cooccurrence(codings: list[Any], walk: list[Any], paths: list[str]) -> pd.DataFrame:
    """Pairs of text codings of different codes whose spans overlap, per pair of codes."""
    pairs: Counter[tuple[int, int]] = Counter()
    by_doc: dict[int, list[Any]] = {}
    for c in codings:
        if c.start is not None and c.end is not None:
            by_doc.setdefault(c.document_id, []).append(c)
    for items in by_doc.values():
        items.sort(key=lambda c: c.start)
        active: list[Any] = []
        for c in items:
            active = [a for a in active if a.end > c.start]
            for a in active:
                if a.code_id != c.code_id:
                    pairs[(a.code_id, c.code_id)] += 1
                    pairs[(c.code_id, a.code_id)] += 1
            active.append(c)
    ids = [code.id for _, code in walk]
    rows = [{"Code": path, **{p: pairs.get((a, b), 0) for b, p in zip(ids, paths, strict=True)}}
            for a, path in zip(ids, paths, strict=True)]
    return pd.DataFrame(rows, columns=["Code", *paths])


def _esm(project: Project, doc_attrs: dict[int, dict[str, Any]]) -> pd.DataFrame:
    rows = []
    questions: dict[str, str] = {}
    for d in project.documents(kind="esm"):
        attrs = doc_attrs.get(d.id, {})
        questions.update(attrs.get("questions") or {})
        beeps = attrs.get("beeps")
        for beep in beeps if isinstance(beeps, list) else []:
            if not isinstance(beep, dict):
                continue
            row = {"Document id": d.id, "Document": d.title,
                   "Participant": attrs.get("participant") or d.participant or "",
                   "Beep": beep.get("beep", ""), "Time": beep.get("time", ""),
                   "UTC": beep.get("utc", "")}
            for key, value in (beep.get("answers") or {}).items():
                row[f"q:{key}"] = _scalar(value)
            rows.append(row)
    keys = sorted({k for r in rows for k in r if k.startswith("q:")})
    names = {k: _question_name(k[2:], questions.get(k[2:], "")) for k in keys}
    frame = pd.DataFrame(rows, columns=["Document id", "Document", "Participant", "Beep",
                                        "Time", "UTC", *keys])
    return frame.rename(columns=names)


def _question_name(key: str, wording: str) -> str:
    wording = " ".join(wording.split())
    if not wording or wording == key:
        return key
    return f"{key}: {wording[:50]}"


def mask_tables(tables: dict[str, pd.DataFrame],
                masker: Pseudonymiser) -> dict[str, pd.DataFrame]:
    """The tables with names replaced in every text cell, column name and sheet name (each
    table named in the warnings as the sheet or file it becomes)."""
    if not masker:
        return tables
    out = {}
    for key, frame in tables.items():
        with masker.at(f"table '{SHEETS.get(key, key)}'"):
            name = key if key in SHEETS else masker(key)
            out[name] = frame_cells(frame, lambda v: v if isinstance(v, Replaced)
                                    else masker(v) if isinstance(v, str) else v)
    return out


def mask_workbook(book: Any, masker: Pseudonymiser) -> None:
    """Replace names in every text cell and sheet title of an openpyxl workbook (in place)."""
    if not masker:
        return
    for sheet in book.worksheets:
        with masker.at(f"sheet '{sheet.title}'"):
            sheet.title = masker(sheet.title)[:31]
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.value = masker(cell.value)


def write_xlsx(tables: dict[str, pd.DataFrame], target: Path, created: str) -> None:
    from datetime import datetime

    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for key, frame in tables.items():
            frame = frame_cells(frame, xlsx_value)
            name = SHEETS.get(key, key)[:31]
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "B2" if key != "segments" else "A2"
            for i, column in enumerate(frame.columns, start=1):
                values = frame[column].astype(str).str.len()
                longest = max([len(str(column)), *values.head(500).tolist()])
                letter = sheet.cell(row=1, column=i).column_letter
                sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(8, longest + 2))
        try:
            when = datetime.fromisoformat(created.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            when = datetime(2000, 1, 1)
        writer.book.properties.created = when
        writer.book.properties.modified = when
        writer.book.properties.creator = "fieldkit"
        keep_text(writer.book)
    # openpyxl stamps "modified" with the time of saving; make it the project's date again.
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    normalise_zip(target, {"docProps/core.xml": lambda xml: re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>",
        xml)})


def write_csv(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    written = []
    for key, frame in tables.items():
        path = folder / f"{key}.csv"
        frame_cells(frame, csv_value).to_csv(path, index=False, encoding="utf-8-sig",
                                             lineterminator="\n")
        written.append(path)
    return written
