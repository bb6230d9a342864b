"""Text on the page: rectangles of a span per line and page, the character and caret at a
point (checked against every character's own box), area codings and their quotes."""

from __future__ import annotations

import numpy as np
import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput
from fieldkit.core.model import Region
from fieldkit.operations.pdf_layout import caret_at, line_rects, nearest_char
from tests.pdf.makers import LEADING, LEFT, TOP, Written


@pytest.fixture
def pdf(project: Project, werkinstructie: Written) -> int:
    [doc] = project.imports.files([werkinstructie.path])
    return doc.id


def test_a_span_within_one_line_is_one_rectangle(project: Project, pdf: int) -> None:
    text = project.document(pdf).text
    start = text.index("café")
    [found] = project.pdfs.text_range_to_rects(pdf, start, start + 4)
    boxes = project.pdfs.char_boxes(pdf, 1)[start:start + 4]
    assert found.page == 1
    assert found.rects == [pytest.approx((boxes[0, 0], boxes[:, 1].min(), boxes[3, 2],
                                          boxes[:, 3].max()))]


def test_a_span_over_lines_and_pages_is_a_rectangle_per_line(project: Project,
                                                             pdf: int) -> None:
    pages = project.pdfs.pages(pdf)
    start = project.document(pdf).text.index("matrijs")
    end = pages[1].start + len("Pagina twee")
    found = project.pdfs.text_range_to_rects(pdf, start, end)
    assert [f.page for f in found] == [1, 2]
    first, second = found
    assert len(first.rects) == 2 and len(second.rects) == 1
    # the first line's piece ends at the end of the line, the second line's spans all of it
    boxes = project.pdfs.char_boxes(pdf, 1)
    line_end = project.document(pdf).text.index("\n")
    assert first.rects[0][2] == pytest.approx(float(boxes[line_end - 1, 2]))
    assert first.rects[1][0] == pytest.approx(LEFT, abs=0.05)
    assert first.rects[1][1] > first.rects[0][3] - 1  # below the first
    assert second.rects[0][0] == pytest.approx(LEFT, abs=0.05)
    # the whole document: a rectangle per written line
    whole = project.pdfs.text_range_to_rects(pdf, 0, len(project.document(pdf).text))
    assert [len(f.rects) for f in whole] == [2, 2, 1]
    assert project.pdfs.text_range_to_rects(pdf, pages[0].end, pages[1].start) == []


def test_every_character_is_found_at_its_own_box(project: Project, pdf: int) -> None:
    for page in project.pdfs.pages(pdf):
        boxes = project.pdfs.char_boxes(pdf, page.number)
        for i, box in enumerate(boxes):
            if np.isnan(box[0]):
                continue
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            assert project.pdfs.char_at(pdf, page.number, x, y) == page.start + i
            # the caret goes before a character clicked on its left half, after on its right
            left, right = box[0] + (box[2] - box[0]) * 0.25, box[0] + (box[2] - box[0]) * 0.75
            assert project.pdfs.point_to_offset(pdf, page.number, left, y) == page.start + i
            assert project.pdfs.point_to_offset(pdf, page.number, right, y) == page.start + i + 1


def test_a_point_off_the_text_goes_to_the_nearest_line_and_character(project: Project,
                                                                     pdf: int) -> None:
    text = project.document(pdf).text
    line_end = text.index("\n")
    # far right of the first line: after its last character; left of it: its start
    assert project.pdfs.point_to_offset(pdf, 1, 580, TOP - 4) == line_end
    assert project.pdfs.point_to_offset(pdf, 1, 5, TOP - 4) == 0
    # just under the second line (nearer to it than to the first): the second line
    assert project.pdfs.char_at(pdf, 1, LEFT + 1, TOP + LEADING + 6) == line_end + 1
    # far below the text: the last line
    assert project.pdfs.char_at(pdf, 1, LEFT + 1, 800) == line_end + 1
    with pytest.raises(BadInput, match="no page 4"):
        project.pdfs.point_to_offset(pdf, 4, 10, 10)


def test_brute_force_nearest_matches(project: Project, pdf: int) -> None:
    """nearest_char against a direct search over every box, on a grid over the page."""
    boxes = project.pdfs.char_boxes(pdf, 1).astype(np.float64)
    placed = [i for i in range(len(boxes)) if not np.isnan(boxes[i, 0])]
    for x in range(0, 600, 37):
        for y in range(0, 200, 7):
            def key(i: int, x: float = x, y: float = y) -> tuple[float, float]:
                b = boxes[i]
                return (max(0.0, b[1] - y, y - b[3]), max(0.0, b[0] - x, x - b[2]))

            best = min(key(i) for i in placed)
            found = nearest_char(boxes, x, y)
            assert found is not None and key(found) == pytest.approx(best)


def test_geometry_on_empty_pages() -> None:
    empty = np.zeros((0, 4), dtype=np.float32)
    nan = np.full((2, 4), np.nan, dtype=np.float32)
    assert line_rects(empty) == [] and line_rects(nan) == []
    assert nearest_char(empty, 1, 1) is None and caret_at(nan, 1, 1) is None


def test_area_coding_on_a_page_quotes_its_text(project: Project, pdf: int) -> None:
    code = project.add_code("Veiligheid")
    coding = project.code_region(pdf, Region(60, int(TOP - 15), 300, 40, page=2), code.id)
    assert coding.region == Region(60, int(TOP - 15), 300, 40, 2)
    assert coding.start is None
    assert coding.quote == "Pagina twee: veiligheid eerst.\nDraag handschoenen bij het zetten."
    assert project.coding(coding.id).region.page == 2
    half = project.code_region(pdf, Region(60, int(TOP - 15), 60, 15, page=1), code.id)
    boxes = project.pdfs.char_boxes(pdf, 1)
    mx, my = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
    inside = "".join(ch for ch, x, y in zip(project.document(pdf).text, mx, my, strict=False)
                     if 60 <= x <= 120 and TOP - 15 <= y <= TOP)
    assert inside.startswith("Werkin") and half.quote == inside  # middles inside the area
    assert project.pdfs.text_in_area(pdf, Region(0, 0, 10, 10, page=1)) == ""
    project.undo()
    assert len(project.codings(doc=pdf)) == 1


@pytest.mark.parametrize("region, words", [
    (Region(0, 0, 10, 10), "which page"),
    (Region(0, 0, 10, 10, page=7), "no page 7"),
    (Region(590, 0, 10, 10, page=1), "not on page 1"),
    (Region(0, 0, 0, 10, page=1), "not on page 1"),
    (Region(-1, 0, 10, 10, page=1), "not on page 1"),
])
def test_areas_off_the_page_are_refused(project: Project, pdf: int, region: Region,
                                        words: str) -> None:
    code = project.add_code("Veiligheid")
    with pytest.raises(BadInput, match=words):
        project.code_region(pdf, region, code.id)
    assert project.codings() == []


def test_a_text_coding_on_a_pdf_is_as_everywhere(project: Project, pdf: int) -> None:
    text = project.document(pdf).text
    start = text.index("veiligheid")
    coding = project.code_text(pdf, start, start + len("veiligheid"), project.add_code("V").id)
    assert coding.quote == "veiligheid"
    assert project.pdfs.page_at(pdf, coding.start) == 2
    pages = project.pdfs.pages(pdf)
    assert project.pdfs.page_at(pdf, pages[0].end + 1) == 1  # the empty line between
    assert project.pdfs.page_at(pdf, len(text)) == 3


def test_a_non_pdf_document_is_refused_by_the_pdf_part(noted: Project) -> None:
    doc = noted.documents()[0].id
    with pytest.raises(BadInput, match="not a PDF"):
        noted.pdfs.pages(doc)
    assert noted.pdfs.page_at(doc, 0) is None
    assert not noted.pdfs.is_pdf(doc)
