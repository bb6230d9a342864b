"""PDFs in REFI-QDA: ``PDFSource`` with its text ``Representation`` and ``PDFSelection`` areas,
valid against the project schema, and back: an export imported again is the same project; a
PDF source written by another tool (its own text, 0-based pages) arrives with its codings."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fieldkit.core.model import Region, derived_uuid
from fieldkit.importers.refi import read_qdpx
from fieldkit.project import Project
from tests.exporters.conftest import require_fixtures
from tests.pdf.makers import TOP, Written, picture_pdf

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def coded(project: Project, werkinstructie: Written, tmp_path: Path) -> Project:
    [doc] = project.imports.files([werkinstructie.path], site="Metaal Oost")
    project.rename_document(doc.id, "Werkinstructie kantbank")
    code = project.add_code("Veiligheid/Handschoenen").id
    text = doc.text
    start = text.index("handschoenen")
    project.code_text(doc.id, start, start + 12, code, memo="PBM 😀")
    project.code_text(doc.id, text.index("café"), text.index("café") + 4, code, coder="Bram")
    project.code_region(doc.id, Region(60, int(TOP - 15), 250, 20, page=3), code,
                        memo="résumé-regel")
    project.imports.files([picture_pdf(tmp_path / "scan.pdf")])
    scan = project.documents(kind="pdf")[1].id
    project.code_region(scan, Region(50, 50, 150, 100, page=2), code)
    return project


def _signature(project: Project) -> tuple:
    docs = sorted((d.uuid, d.kind, d.title, d.site, d.chars,
                   tuple(project.pdfs.pages(d.id)) if d.kind == "pdf" else ())
                  for d in project.documents())
    codings = sorted((c.uuid, project._store.uuid_of("documents", c.document_id), c.start,
                      c.end, c.quote, c.memo, project.coder_name(c.coder_id), c.region)
                     for c in project.codings())
    return docs, codings


def test_export_is_valid_and_carries_the_pdf(coded: Project, tmp_path: Path) -> None:
    out = coded.exports.qdpx(tmp_path / "studie.qdpx")
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        files = {n: archive.read(n) for n in archive.namelist()}
    schema = etree.XMLSchema(etree.parse(str(require_fixtures() / "Project-mrt2019.xsd")))
    assert schema.validate(root), schema.error_log
    doc = coded.documents(kind="pdf")[0]
    source = root.find(f".//q:PDFSource[@guid='{doc.uuid}']", NS)
    assert source.get("name") == "Werkinstructie kantbank.pdf"
    assert files[source.get("path").replace("internal://", "sources/")] == \
        coded.pdfs.file(doc.id).read_bytes()
    representation = source.find("q:Representation", NS)
    text_file = representation.get("plainTextPath").replace("internal://", "sources/")
    assert files[text_file].decode("utf-8") == coded.document(doc.id).text
    spans = sorted((int(s.get("startPosition")), int(s.get("endPosition")))
                   for s in representation.iterfind("q:PlainTextSelection", NS))
    assert spans == sorted((c.start, c.end) for c in coded.codings(doc=doc.id) if c.start
                           is not None)
    [area] = source.iterfind("q:PDFSelection", NS)
    assert [area.get(k) for k in ("page", "firstX", "firstY", "secondX", "secondY")] == \
        ["2", "60", str(int(TOP - 15)), "310", str(int(TOP + 5))]  # pages from 0
    assert area.findtext("q:Description", namespaces=NS) == "résumé-regel"
    for element in (source, area, representation):
        assert element.get("creatingUser") and element.get("creationDateTime")
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))


def test_round_trip_is_the_same_project(coded: Project, tmp_path: Path) -> None:
    out = coded.exports.qdpx(tmp_path / "studie.qdpx")
    with Project.import_qdpx(out, tmp_path / "Terug.fieldkit") as again:
        assert again.imports.warnings == []
        assert _signature(again) == _signature(coded)
        doc = again.documents(kind="pdf")[0]
        assert again.pdfs.info(doc.id).title == "Werkinstructie kantbank"
        for page in again.pdfs.pages(doc.id):
            a = again.pdfs.char_boxes(doc.id, page.number)
            b = coded.pdfs.char_boxes(coded.documents(kind="pdf")[0].id, page.number)
            assert a.tobytes() == b.tobytes()
        assert [h.page for h in again.search("handschoenen").hits if h.field == "text"] == [2]


def _foreign(tmp_path: Path, pdf: bytes, text: str, selections: str) -> Path:
    """A .qdpx as another tool writes one: upper-case GUIDs, CRLF text of its own extraction,
    the PDF under a name, a PDFSelection on the first page (0); positions count in that
    CRLF text."""
    crlf = text.replace("\n", "\r\n")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Andere tool" origin="ATLAS.ti 23">
<Users><User guid="AAAAAAAA-0000-4000-8000-000000000001" name="Eva"/></Users>
<CodeBook><Codes><Code guid="BBBBBBBB-0000-4000-8000-000000000001" name="Veiligheid"
 isCodable="true"/></Codes></CodeBook>
<Sources><PDFSource guid="CCCCCCCC-0000-4000-8000-000000000001" name="Instructie.pdf"
 path="internal://CCCCCCCC-0000-4000-8000-000000000001.pdf">
{selections}
<Representation guid="DDDDDDDD-0000-4000-8000-000000000001" name="Instructie"
 plainTextPath="internal://DDDDDDDD-0000-4000-8000-000000000001.txt">
<PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000001"
 startPosition="{crlf.index('veiligheid')}" endPosition="{crlf.index('veiligheid') + 10}"
 creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
<Coding guid="FFFFFFFF-0000-4000-8000-000000000001"><CodeRef
 targetGUID="BBBBBBBB-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
</Representation></PDFSource></Sources></Project>"""
    out = tmp_path / "andere.qdpx"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/CCCCCCCC-0000-4000-8000-000000000001.pdf", pdf)
        archive.writestr("sources/DDDDDDDD-0000-4000-8000-000000000001.txt",
                         crlf.encode("utf-8"))
    return out


AREA = """<PDFSelection guid="99999999-0000-4000-8000-000000000001" page="0" firstX="300"
 firstY="80" secondX="60" secondY="120" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
<Coding guid="99999999-0000-4000-8000-000000000002"><CodeRef
 targetGUID="BBBBBBBB-0000-4000-8000-000000000001"/></Coding></PDFSelection>"""


def test_a_pdf_source_of_another_tool_arrives_with_its_codings(werkinstructie: Written,
                                                                tmp_path: Path) -> None:
    # the other tool's text: its own line breaks and page breaks, not PDFium's
    other = "\n".join(" ".join(lines) for lines in werkinstructie.pages) + "\n"
    out = _foreign(tmp_path, werkinstructie.path.read_bytes(), other, AREA)
    assert read_qdpx(out).warnings == []
    with Project.import_qdpx(out, tmp_path / "Ander.fieldkit") as project:
        [doc] = project.documents()
        assert (doc.kind, doc.title) == ("pdf", "Instructie")
        assert project.document(doc.id).text == other  # the text the codings count in
        text_coding, area = sorted(project.codings(), key=lambda c: c.start is None)
        assert text_coding.quote == "veiligheid" and project.coder_name(
            text_coding.coder_id) == "Eva"
        assert area.region == Region(60, 80, 240, 40, 1)
        assert area.quote.startswith("Werkinstructie kantbank")
        # pages found in the other text by their words; boxes matched onto it
        pages = project.pdfs.pages(doc.id)
        assert [other[p.start:p.end] for p in pages] == [
            " ".join(lines) for lines in werkinstructie.pages]
        assert project.pdfs.page_at(doc.id, text_coding.start) == 2
        start = other.index("veiligheid")
        [rects] = project.pdfs.text_range_to_rects(doc.id, start, start + 10)
        assert rects.page == 2 and len(rects.rects) == 1
        boxes = project.pdfs.char_boxes(doc.id, 2)
        assert boxes.shape == (pages[1].end - pages[1].start, 4)
        # the space that joins two lines in the other text has no box in the PDF
        joint = other.index("eerst. Draag") + len("eerst.") - pages[1].start
        assert np_isnan_row(boxes, joint)


def np_isnan_row(boxes: object, row: int) -> bool:
    import numpy as np

    return bool(np.isnan(np.asarray(boxes)[row]).all())


def test_an_unreadable_pdf_source_is_kept_as_text(tmp_path: Path) -> None:
    text = "Pagina twee: veiligheid eerst."
    out = _foreign(tmp_path, b"%PDF-1.4 kapot", text, "")
    with Project.import_qdpx(out, tmp_path / "Kapot.fieldkit") as project:
        assert any("cannot be read" in w for w in project.imports.warnings)
        [doc] = project.documents()
        assert doc.kind == "text" and project.document(doc.id).text == text
        assert [c.quote for c in project.codings()] == ["veiligheid"]


def test_the_representation_guid_is_derived(coded: Project, tmp_path: Path) -> None:
    out = coded.exports.qdpx(tmp_path / "s.qdpx")
    doc = coded.documents(kind="pdf")[0]
    with zipfile.ZipFile(out) as archive:
        root = etree.parse(io.BytesIO(archive.read("project.qde")))
    assert root.find(f".//q:Representation[@guid='{derived_uuid(doc.uuid, 'text of a PDF')}']",
                     NS) is not None


def test_merging_a_colleagues_project_brings_the_pdf_and_its_areas(
        coded: Project, tmp_path: Path, werkinstructie: Written) -> None:
    # the same rectangle on another page is another coding, not a duplicate of the first
    pdf = coded.documents(kind="pdf")[0].id
    coded.code_region(pdf, Region(60, int(TOP - 15), 250, 20, page=2), "Veiligheid/Handschoenen")
    with Project.create(tmp_path / "Mijn.fieldkit") as mine:
        mine.set_coder("Anouk")
        mine.merge.project(coded.path)
        assert _signature(mine) == _signature(coded)
        doc = mine.documents(kind="pdf")[0]
        theirs = coded.documents(kind="pdf")[0].id
        facts = [(i.pages, i.title, i.created, i.text_layer)
                 for i in (mine.pdfs.info(doc.id), coded.pdfs.info(theirs))]
        assert facts[0] == facts[1]
        assert mine.pdfs.char_boxes(doc.id, 2).tobytes() == \
            coded.pdfs.char_boxes(theirs, 2).tobytes()
        assert len([c for c in mine.codings(doc=doc.id) if c.region is not None]) == 2


def test_a_pseudonymised_export_carries_the_text_only(project: Project, tmp_path: Path) -> None:
    from tests.pdf.makers import text_pdf

    written = text_pdf(tmp_path / "audit.pdf", [["Auditor Jan Bakker keurt de kantbank."],
                                                 ["Jan Bakker tekent af."]])
    [doc] = project.imports.files([written.path])
    code = project.add_code("Audit").id
    start = written.text.index("keurt")
    project.code_text(doc.id, start, start + 5, code)
    project.code_region(doc.id, Region(60, 85, 200, 20, page=2), code)
    warnings: list[str] = []
    out = project.exports.qdpx(tmp_path / "anoniem.qdpx", pseudonymise=True,
                               terms={"Jan Bakker": "P1"}, warnings=warnings)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        root = etree.fromstring(archive.read("project.qde"))
        texts = [archive.read(n).decode("utf-8") for n in names if n.endswith(".txt")]
    assert not any(n.endswith(".pdf") for n in names)  # its pages would show the name
    assert root.find(".//q:PDFSource", NS) is None
    assert texts == ["Auditor P1 keurt de kantbank.\n\nP1 tekent af."]
    [selection] = root.iterfind(".//q:TextSource/q:PlainTextSelection", NS)
    assert texts[0][int(selection.get("startPosition")):int(selection.get("endPosition"))] \
        == "keurt"
    assert any("audit': exported as its text only" in w and "1 area coding left out" in w
               for w in warnings), warnings
    # and without pseudonyms the PDF travels whole
    plain = project.exports.qdpx(tmp_path / "gewoon.qdpx")
    with zipfile.ZipFile(plain) as archive:
        assert any(n.endswith(".pdf") for n in archive.namelist())
