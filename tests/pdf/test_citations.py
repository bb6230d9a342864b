"""Citations by page: "Werkinstructie kantbank, p. 3" in the Coded segments' citations, the
Word report (text quoted, areas as a crop of the page as printed), Excel, ``codings --json``
and the disagreements of two coders."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import numpy as np
import openpyxl
import pytest
from PIL import Image

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.citation import Citer
from fieldkit.core.model import Region
from tests.pdf.makers import TOP, Written


@pytest.fixture
def coded(project: Project, werkinstructie: Written) -> Project:
    """The three-page PDF renamed as people know it, a span on page 2 coded by Anouk, one
    over pages 1–2 by Bram, an area of page 3 by Anouk."""
    [doc] = project.imports.files([werkinstructie.path])
    project.rename_document(doc.id, "Werkinstructie kantbank")
    text = doc.text
    code = project.add_code("Veiligheid").id
    start = text.index("handschoenen")
    project.code_text(doc.id, start, start + len("handschoenen"), code)
    over = text.index("crème")
    project.code_text(doc.id, over, text.index("eerst"), code, coder="Bram")
    project.code_region(doc.id, Region(60, int(TOP - 15), 250, 20, page=3), code,
                        memo="de résumé-regel")
    return project


def test_citer_pages() -> None:
    text = "één\ntwee\n\ndrie 😀\n\nvier"
    citer = Citer(text, pages=[0, text.index("drie"), text.index("vier")])
    assert citer.cite(0, 3).place() == "p. 1"
    assert citer.cite(text.index("twee"), text.index("vier") + 2).place() == "pp. 1–3"
    assert citer.cite(text.index("😀"), text.index("😀") + 1).place() == "p. 2"
    assert citer.page(text.index("drie") - 1) == 1  # the empty line after page 1
    assert Citer(text).page(3) is None and Citer(text).cite(0, 3).place() == "¶ 1"


def test_segments_are_cited_by_page(coded: Project) -> None:
    cite = coded.retrieval.citations()
    places = sorted(cite.of(c).place() for c in coded.codings())
    assert places == ["p. 2", "p. 3", "pp. 1–2"]
    area = next(c for c in coded.codings() if c.region is not None)
    assert coded.retrieval.cite(area).page == 3


def test_word_report_quotes_text_and_shows_areas_as_printed(coded: Project,
                                                            tmp_path: Path) -> None:
    out = coded.exports.docx(tmp_path / "rapport.docx")
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    quotes = [t for s, t in paragraphs if s == "Quote"]
    assert "handschoenen" in quotes
    lines = [t for _, t in paragraphs]
    assert any(t.startswith("Werkinstructie kantbank, p. 2 · coded by Anouk") for t in lines)
    assert any(t.startswith("Werkinstructie kantbank, pp. 1–2 · coded by Bram") for t in lines)
    assert any(t.startswith("Werkinstructie kantbank, p. 3 · area 60,85 250×20 pt · coded by")
               for t in lines)
    with zipfile.ZipFile(out) as archive:
        [image] = [n for n in archive.namelist() if n.startswith("word/media/")]
        crop = Image.open(io.BytesIO(archive.read(image))).convert("L")
    assert crop.size == (500, 40)  # 250 × 20 points at 2 pixels a point
    # the crop is the page as printed: the same pixels as the page rendered whole
    page = coded.pdfs.render_page(coded.documents()[0].id, 3, 2.0).convert("L")
    expected = page.crop((120, 170, 620, 210))
    assert np.array_equal(np.asarray(crop), np.asarray(expected))
    assert np.asarray(crop).min() < 100  # it holds the line's ink


def test_excel_has_the_page(coded: Project, tmp_path: Path) -> None:
    out = coded.exports.xlsx(tmp_path / "tabellen.xlsx")
    sheet = openpyxl.load_workbook(out)["Segments"]
    values = list(sheet.iter_rows(values_only=True))
    rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    assert sorted((r["Page"], r["Citation"]) for r in rows) == [
        (1, "pp. 1–2"), (2, "p. 2"), (3, "p. 3 · area 60,85 250×20 pt")]


def test_codings_json_gives_the_page(coded: Project, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = str(coded.path)
    coded.close()
    assert main(["-p", path, "codings", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert sorted((c["page"], c["citation"]) for c in found) == [
        (1, "pp. 1–2"), (2, "p. 2"), (3, "p. 3")]


def test_disagreements_name_pages(coded: Project) -> None:
    [view] = coded.agreement.disagreements("Veiligheid", None, ["Anouk", "Bram"])
    assert {seg.page for segs in view.segments.values() for seg in segs} == {1, 2}
    assert view.differences and all(
        d.page == coded.pdfs.page_at(view.document, d.start) for d in view.differences)
    assert {d.page for d in view.differences} == {1, 2}


def test_a_pseudonymised_report_quotes_an_area_instead_of_showing_it(
        project: Project, tmp_path: Path) -> None:
    from tests.pdf.makers import text_pdf

    written = text_pdf(tmp_path / "audit.pdf", [["Auditor Jan Bakker keurt de kantbank."]])
    [doc] = project.imports.files([written.path])
    project.code_region(doc.id, Region(60, 85, 400, 20, page=1), project.add_code("Audit").id)
    out = project.exports.docx(tmp_path / "anoniem.docx", pseudonymise=True,
                               terms={"Jan Bakker": "P1"})
    with zipfile.ZipFile(out) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"Bakker" not in everything
    quotes = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Quote"]
    assert quotes == ["Auditor P1 keurt de kantbank."]
    plain = project.exports.docx(tmp_path / "gewoon.docx")
    with zipfile.ZipFile(plain) as archive:  # without pseudonyms: the page as printed
        assert [n for n in archive.namelist() if n.startswith("word/media/")]
