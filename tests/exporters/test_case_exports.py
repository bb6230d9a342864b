"""The Word report grouped by case and the Excel segments with a case column and a column per
attribute (issue 28), against brute force over the random projects of
``tests/analysis/test_attribute_scope``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest

from fieldkit.cli import main
from fieldkit.core.attributes import display
from tests.analysis.test_attribute_scope import TYPES, Study, build, coding_cases, passes, value


@pytest.fixture(params=range(3))
def study(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Study]:
    found = build(tmp_path / "Verslag.fieldkit", request.param)
    with found.project:
        yield found


def cases_of(study: Study, c: object) -> set[int]:
    return coding_cases(study, c.document_id, c.start, c.end)  # type: ignore[attr-defined]


def test_the_segments_sheet_has_the_cases_and_the_value_of_every_attribute(
        study: Study, tmp_path: Path) -> None:
    p = study.project
    out = p.exports.xlsx(tmp_path / "segmenten.xlsx")
    sheet = openpyxl.load_workbook(out)["Segments"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert {f"Attribute: {n}" for n in TYPES} <= set(header) and "Cases" in header
    seen = 0
    for row in rows[1:]:
        cell = dict(zip(header, row, strict=True))
        c = p.coding(cell["Coding"])
        cases = cases_of(study, c)
        assert (cell["Cases"] or "") == ", ".join(sorted(study.case_names[k] for k in cases))
        for name in TYPES:
            shown = sorted({display(v) for k in cases or {None}  # type: ignore[arg-type]
                            if (v := value(study, c.document_id, k, name)) is not None})
            assert str(cell[f"Attribute: {name}"] or "") == "; ".join(shown), name
        seen += 1
    assert seen == len(p.codings())


def _parts(path: Path) -> dict[str, str]:
    """Each part's heading (Heading 1 "Case: …" / "Not in a case") → its count line."""
    paragraphs = docx.Document(str(path)).paragraphs
    found = {}
    for n, para in enumerate(paragraphs):
        if para.style.name == "Heading 1" and (para.text.startswith("Case: ")
                                               or para.text == "Not in a case"):
            found[para.text] = paragraphs[n + 1].text
    return found


def test_the_word_report_by_case_has_a_part_per_case_with_its_segments(
        study: Study, tmp_path: Path) -> None:
    p = study.project
    counts: Counter[str] = Counter()
    for c in p.codings():
        cases = cases_of(study, c)
        for k in cases:
            counts[f"Case: {study.case_names[k]}"] += 1
        if not cases:
            counts["Not in a case"] += 1
    out = p.exports.docx(tmp_path / "per geval.docx", by_case=True)
    parts = _parts(out)
    assert list(parts) == sorted((k for k in counts if k.startswith("Case: ")),
                                 key=str.casefold) + (["Not in a case"]
                                                      if counts["Not in a case"] else [])
    for heading, line in parts.items():
        assert line == f"{counts[heading]} coded segment{'s' if counts[heading] != 1 else ''}"
    plain = _parts(p.exports.docx(tmp_path / "gewoon.docx"))
    assert plain == {}


def test_the_cli_writes_the_report_by_case_and_filters_by_a_condition(
        study: Study, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    p = study.project
    kept = [c for c in p.codings()
            if passes(study, "jaren < 5", c.document_id, c.start or 0, c.end or 0)]
    placed = sum(max(1, len(cases_of(study, c))) for c in kept)
    path = p.path
    p.close()
    out = tmp_path / "cli.docx"
    assert main(["export", "docx", str(out), "--by-case", "--where", "jaren < 5",
                 "-p", str(path)]) == 0
    assert sum(int(line.split()[0]) for heading, line in _parts(out).items()
               if heading == "Not in a case" or heading.startswith("Case: ")) == placed > 0
    table = tmp_path / "cli.xlsx"
    assert main(["export", "xlsx", str(table), "--where", "jaren < 5", "-p", str(path)]) == 0
    sheet = openpyxl.load_workbook(table)["Segments"]
    ids = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert ids == sorted(c.id for c in kept)
    code = main(["export", "xlsx", str(tmp_path / "x.xlsx"), "--where", "jaren <",
                 "-p", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()
