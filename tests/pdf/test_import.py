"""Importing PDFs: the text per page in reading order, page ranges and sizes, each character's
box checked against where the PDF's writer put it, the original kept, the metadata read."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
import pytest

from fieldkit import Project
from fieldkit.importers.pdf import PAGE_SEPARATOR, pdf_date
from tests.pdf.makers import A4, LEADING, LEFT, SIZE, TOP, Written, picture_pdf, rotated


def _placed(boxes: np.ndarray) -> np.ndarray:
    return boxes[~np.isnan(boxes[:, 0])]


def test_text_pages_and_metadata(project: Project, werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    assert doc.kind == "pdf" and doc.title == "werkinstructie"
    assert doc.text == werkinstructie.text  # reading order, one LF a line, pages an empty line
    pages = project.pdfs.pages(doc.id)
    assert [p.number for p in pages] == [1, 2, 3]
    for page, lines in zip(pages, werkinstructie.pages, strict=True):
        assert doc.text[page.start:page.end] == "\n".join(lines)
        assert (page.width, page.height) == pytest.approx(A4, abs=0.01)
    for before, after in zip(pages, pages[1:], strict=False):
        assert doc.text[before.end:after.start] == PAGE_SEPARATOR
    info = project.pdfs.info(doc.id)
    assert (info.pages, info.title, info.created, info.text_layer) == (
        3, "Werkinstructie kantbank", "2025-03-04T10:30:00Z", True)
    assert doc.created == "2025-03-04T10:30:00Z"


def test_the_original_is_kept_by_its_hash(project: Project, werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    stored = project.pdfs.file(doc.id)
    data = werkinstructie.path.read_bytes()
    assert stored.read_bytes() == data
    assert stored.name == hashlib.sha256(data).hexdigest() + ".pdf"
    assert project.media_info(project.pdfs.info(doc.id).media_id).mime == "application/pdf"
    assert project.documents()[0].kind == "pdf"


def test_each_character_box_is_where_the_writer_put_it(project: Project,
                                                       werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    for page, lines, widths in zip(project.pdfs.pages(doc.id), werkinstructie.pages,
                                   werkinstructie.widths, strict=True):
        boxes = project.pdfs.char_boxes(doc.id, page.number)
        assert boxes.dtype == np.float32 and boxes.shape == (page.end - page.start, 4)
        at = 0
        for i, (line, width) in enumerate(zip(lines, widths, strict=True)):
            line_boxes = boxes[at:at + len(line)]
            assert not np.isnan(line_boxes).any()
            baseline = TOP + i * LEADING
            # a line starts where it was written and is as wide as the writer measured it
            assert line_boxes[0, 0] == pytest.approx(LEFT, abs=0.05)
            assert line_boxes[-1, 2] == pytest.approx(LEFT + width, abs=0.05)
            # every box holds its baseline and is about a font size high
            assert (line_boxes[:, 1] < baseline).all() and (line_boxes[:, 3] > baseline).all()
            assert ((line_boxes[:, 3] - line_boxes[:, 1]) == pytest.approx(SIZE, rel=0.3))
            # left to right, each starting where the one before ends
            assert np.allclose(line_boxes[1:, 0], line_boxes[:-1, 2], atol=0.5)
            at += len(line)
            if at < len(boxes):  # the line break has no place on the page
                assert np.isnan(boxes[at]).all()
                at += 1


def test_symbols_outside_latin1_are_one_code_point_each(project: Project,
                                                        unicode_pdf: Written) -> None:
    [doc] = project.imports.files([unicode_pdf.path])
    assert doc.text == unicode_pdf.text
    first = project.pdfs.pages(doc.id)[0]
    boxes = project.pdfs.char_boxes(doc.id, 1)
    assert len(boxes) == first.end - first.start
    tick = doc.text.index("✓")
    assert boxes[tick, 2] > boxes[tick, 0] and boxes[tick + 1, 0] >= boxes[tick, 0]


def test_a_rotated_page_gets_boxes_in_its_shown_frame(project: Project,
                                                      werkinstructie: Written) -> None:
    rotated(werkinstructie.path, 90)
    [doc] = project.imports.files([werkinstructie.path])
    page = project.pdfs.pages(doc.id)[0]
    assert (page.width, page.height) == pytest.approx((A4[1], A4[0]), abs=0.01)
    page_text = doc.text[page.start:page.end]
    assert sorted(page_text.split("\n")) == sorted(werkinstructie.pages[0])
    all_boxes = project.pdfs.char_boxes(doc.id, 1)
    boxes = _placed(all_boxes)
    assert (boxes[:, 0] >= 0).all() and (boxes[:, 2] <= page.width).all()
    assert (boxes[:, 1] >= 0).all() and (boxes[:, 3] <= page.height).all()
    # turned a quarter clockwise, the first line written runs down the right of the page
    line = werkinstructie.pages[0][0]
    at = page_text.index(line)
    first_line = all_boxes[at:at + len(line)]
    assert (np.diff(first_line[:, 1]) > 0).all()
    assert np.ptp(first_line[:, 0]) < 0.01
    assert first_line[0, 1] == pytest.approx(LEFT, abs=0.05)
    assert first_line[-1, 3] == pytest.approx(LEFT + werkinstructie.widths[0][0], abs=0.05)
    assert first_line[:, 0].min() > page.width - TOP - SIZE
    image = project.pdfs.render_page(doc.id, 1, 1.0)
    assert image.size == (math.ceil(page.width), math.ceil(page.height))


def test_a_scan_has_no_text_but_its_pages(project: Project, tmp_path: Path) -> None:
    path = picture_pdf(tmp_path / "scan.pdf", pages=2)
    [doc] = project.imports.files([path])
    assert doc.text == ""
    assert any("no text layer" in w for w in project.imports.warnings)
    pages = project.pdfs.pages(doc.id)
    assert [(p.start, p.end) for p in pages] == [(0, 0), (0, 0)]
    assert not project.pdfs.info(doc.id).text_layer
    assert project.pdfs.char_boxes(doc.id, 2).shape == (0, 4)
    assert project.pdfs.point_to_offset(doc.id, 1, 100, 100) is None
    assert project.search("matrijs").hits == []
    image = project.pdfs.render_page(doc.id, 1, 1.0)
    assert image.getpixel((150, 150)) == (0, 0, 0)  # the picture's dark block, as printed


def test_undo_and_redo_of_an_import_rebuild_the_boxes(project: Project,
                                                      werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    before = [project.pdfs.char_boxes(doc.id, n).copy() for n in (1, 2, 3)]
    project.undo()
    assert project.documents() == []
    assert project._store.value("SELECT count(*) FROM pdf_boxes") == 0
    assert project._store.value("SELECT count(*) FROM pdf_pages") == 0
    project.redo()
    assert project._store.value("SELECT count(*) FROM pdf_boxes") == 0  # derived: not logged
    after = [project.pdfs.char_boxes(doc.id, n) for n in (1, 2, 3)]
    for a, b in zip(before, after, strict=True):
        np.testing.assert_array_equal(a, b)
    assert project._store.value("SELECT count(*) FROM pdf_boxes") == 3  # kept once rebuilt


def test_deleting_the_document_takes_its_pages(project: Project, werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    project.delete_document(doc.id)
    for table in ("pdfs", "pdf_pages", "pdf_boxes"):
        assert project._store.value(f"SELECT count(*) FROM {table}") == 0


def test_the_same_pdf_twice_is_a_duplicate(project: Project, werkinstructie: Written) -> None:
    project.imports.files([werkinstructie.path])
    assert project.imports.files([werkinstructie.path], duplicates="skip") == []
    assert len(project.imports.skipped) == 1


@pytest.mark.parametrize("value, expected", [
    ("D:20250304103000Z", "2025-03-04T10:30:00Z"),
    ("D:20250304113000+01'00'", "2025-03-04T10:30:00Z"),
    ("D:20250304083000-02'00", "2025-03-04T10:30:00Z"),
    ("D:2025", "2025-01-01T00:00:00Z"),
    ("", None), ("gisteren", None), ("D:20251399", None),
])
def test_pdf_dates(value: str, expected: str | None) -> None:
    assert pdf_date(value) == expected


def test_page_sizes_are_whole_numbers_of_points_on_render(project: Project,
                                                          werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    page = project.pdfs.page(doc.id, 2)
    image = project.pdfs.render_page(doc.id, 2, 2.0)
    assert image.mode == "RGB"
    assert image.size == (math.ceil(page.width * 2), math.ceil(page.height * 2))
    # a character's box, scaled, covers ink on the rendered page; the margin is blank
    box = project.pdfs.char_boxes(doc.id, 2)[0] * 2
    crop = np.asarray(image.crop(tuple(int(v) for v in box)).convert("L"))
    assert crop.min() < 100
    assert np.asarray(image.crop((0, 0, 100, 100)).convert("L")).min() == 255
