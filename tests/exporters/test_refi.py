"""REFI-QDA: export valid against the XSDs, exact round trips, real files of other tools,
hostile archives refused with nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fieldkit.core.errors import BadInput
from fieldkit.project import Project

from .conftest import require_fixtures


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(require_fixtures() / name)))


def _signature(project: Project) -> tuple:
    book = project.codebook()
    codes = sorted((c.uuid, book.path(c.id), c.colour, c.definition, c.inclusion, c.exclusion,
                    c.example, c.memo) for c in book.codes.values())
    docs = sorted((d.uuid, d.kind, d.title, d.site, d.visit, d.participant, d.chars)
                  for d in project.documents())
    codings = sorted(
        (c.uuid, project._store.uuid_of("documents", c.document_id),
         project._store.uuid_of("codes", c.code_id), c.start, c.end, c.quote, c.memo,
         project.coder_name(c.coder_id),
         (c.region.x, c.region.y, c.region.width, c.region.height) if c.region else None)
        for c in project.codings())
    return codes, docs, codings


def test_export_is_valid_against_the_project_schema(project: Project, tmp_path: Path) -> None:
    out = project.exports.qdpx(tmp_path / "study.qdpx")
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        qde = archive.read("project.qde")
        doc = project.documents(kind="fieldnote")[0]
        assert archive.read(f"sources/{doc.uuid}.txt").decode("utf-8") == \
            project.document(doc.id).text
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    assert names[0] == "project.qde"
    schema = _schema("Project-mrt2019.xsd")
    root = etree.fromstring(qde)
    assert schema.validate(root), schema.error_log
    ns = {"q": "urn:QDA-XML:project:1.0"}
    # 7 text codings, and the memo document's coding again in its text-source twin
    assert len(root.findall(".//q:PlainTextSelection", ns)) == 8
    picture = root.find(".//q:PictureSource", ns)
    selection = picture.find("q:PictureSelection", ns)
    assert (selection.get("firstX"), selection.get("secondX"), selection.get("secondY")) == \
        ("0", "30", "40")
    assert root.find(".//q:Case", ns).get("name") == "Zetterij"
    assert {u.get("name") for u in root.findall(".//q:User", ns)} == {"Anna", "Bram"}


def test_round_trip_keeps_guids_offsets_and_quotes(project: Project, tmp_path: Path) -> None:
    out = project.exports.qdpx(tmp_path / "a.qdpx")
    again = Project.import_qdpx(out, tmp_path / "copy.fieldkit")
    try:
        assert _signature(again) == _signature(project)
        assert again.imports.warnings == []
        note = again.documents(kind="fieldnote")[0]
        assert again.document(note.id).memo == "Written on the train back."
        emoji = [c for c in again.codings(doc=note.id) if c.quote == "🙂"]
        assert len(emoji) == 1 and (emoji[0].start, emoji[0].end) == (66, 67)
        case = again._store.cases()[0]
        assert case.attributes == {"size": 12, "sector": "metal"}
        assert len(again._store.case_members(case.id)[0]) == 2
        # exporting the imported project gives the same project.qde
        second = again.exports.qdpx(tmp_path / "b.qdpx")
        with zipfile.ZipFile(out) as a, zipfile.ZipFile(second) as b:
            assert a.read("project.qde") == b.read("project.qde")
    finally:
        again.close()


def test_same_project_gives_identical_bytes(project: Project, tmp_path: Path) -> None:
    a = project.exports.qdpx(tmp_path / "a.qdpx").read_bytes()
    b = project.exports.qdpx(tmp_path / "b.qdpx").read_bytes()
    assert a == b


def test_demo_project_round_trip(tmp_path: Path) -> None:
    from fieldkit.demobuild import build_demo

    demo = build_demo(tmp_path / "demo.fieldkit", "small")
    try:
        out = demo.exports.qdpx(tmp_path / "demo.qdpx")
        if (require_fixtures() / "Project-mrt2019.xsd").exists():
            schema = _schema("Project-mrt2019.xsd")
            with zipfile.ZipFile(out) as archive:
                root = etree.fromstring(archive.read("project.qde"))
            assert schema.validate(root), schema.error_log
        again = Project.import_qdpx(out, tmp_path / "again.fieldkit")
        try:
            assert _signature(again) == _signature(demo)
        finally:
            again.close()
    finally:
        demo.close()


def test_codebook_export_is_valid_and_imports(project: Project, tmp_path: Path) -> None:
    out = project.exports.codebook(tmp_path / "book.qdc")
    schema = _schema("Codebook-mrt2019.xsd")
    assert schema.validate(etree.parse(str(out))), schema.error_log
    other = Project.create(tmp_path / "other.fieldkit")
    try:
        other.add_code("Technology adoption", definition="older wording")
        summary = other.imports.codebook(out)
        assert "3 new codes" in summary and "1 updated" in summary
        peer = other.code("Learning/Peer help")
        assert peer.uuid == project.code("Learning/Peer help").uuid
        assert (peer.inclusion, peer.exclusion, peer.example, peer.colour) == \
            ("Demonstrations by co-workers.", "Formal training.", "Jan keek mee.", "#ffe119")
        # fields the .qdc leaves empty do not wipe what the project has
        assert other.code("Technology adoption").definition == "older wording"
        again = other.imports.codebook(out)
        assert "0 new codes, 0 updated, 4 unchanged" in again
    finally:
        other.close()


def test_codebook_import_refuses_a_project_file(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "x.qdc"
    bad.write_text('<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
    before = len(project.codebook().codes)
    with pytest.raises(BadInput, match="not a REFI-QDA codebook"):
        project.imports.codebook(bad)
    assert len(project.codebook().codes) == before


def test_codebook_names_from_other_tools_lose_line_breaks_and_controls(
        project: Project, tmp_path: Path) -> None:
    book = tmp_path / "tabs.qdc"
    long_name = "Heel " + "lang " * 60
    book.write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="11111111-1111-4111-8111-111111111111" name="Kant&#10;bank&#9;werk&#8238;"'
        ' isCodable="true"/>'
        f'<Code guid="22222222-2222-4222-8222-222222222222" name="{long_name}"'
        ' isCodable="true"/></Codes></CodeBook>', encoding="utf-8")
    project.imports.codebook(book)
    names = {c.name for c in project.codebook().codes.values()}
    assert "Kant bank werk" in names
    assert any(n.startswith("Heel lang") and len(n) <= 200 for n in names)
    project.update_code("Kant bank werk", definition="still a valid name")  # passes the check


# -- real files of other tools ------------------------------------------------------------------


def test_nvivo_export_imports_codes_and_docx_sources(tmp_path: Path) -> None:
    fixtures = require_fixtures()
    project = Project.import_qdpx(fixtures / "nvivo-export.qdpx", tmp_path / "n.fieldkit")
    try:
        book = project.codebook()
        assert len(book.codes) == 262
        assert book.find_path("rq1_definition/competencies/programming") is not None
        assert book.find_path("rq2_curriculum_and_instruction/pedagogy/tools/"
                              "programming_languages/python") is not None
        assert len(project.documents()) == 2
        assert {c.name for c in project.coders()} == {"chrisp", "cp"}
        code = book.find_path("rq1_definition")
        assert code is not None and code.uuid == "34653336-3766-3235-6466-363134396437"
    finally:
        project.close()


def test_qc_tool_export_imports_all_codings_with_their_quotes(tmp_path: Path) -> None:
    fixtures = require_fixtures()
    project = Project.import_qdpx(fixtures / "qc-tool-export.qdpx", tmp_path / "q.fieldkit")
    try:
        assert len(project.codebook().codes) == 262
        codings = project.codings()
        assert len(codings) == 205
        with zipfile.ZipFile(fixtures / "qc-tool-export.qdpx") as archive:
            board = archive.read("sources/board_2017.txt").decode("utf-8")
        first = project.coding(
            project._store.resolve("codings", "66323339-6466-3364-3266-616537386633"))
        assert (first.start, first.end) == (320, 400)
        assert first.quote == board.replace("\r\n", "\n")[320:400]
        assert project.code_path(first.code_id).endswith("/fun")
        for coding in codings:
            doc = project.document(coding.document_id)
            assert doc.text[coding.start:coding.end] == coding.quote
    finally:
        project.close()


def test_atlas_ti_projects_import(tmp_path: Path) -> None:
    fixtures = require_fixtures()
    blank = Project.import_qdpx(fixtures / "atlasti23-blank.qdpx", tmp_path / "b.fieldkit")
    try:
        assert blank.codebook().codes == {} and blank.documents() == []
        assert {c.name for c in blank.coders()} == {"Enric Llagostera", "ATLAS.ti"}
    finally:
        blank.close()
    target = Project.import_qdpx(fixtures / "atlasti23-target.qdpx", tmp_path / "t.fieldkit")
    try:
        code = target.code("Commits/2022-05-10T02:05:59Z 19e4dce")
        assert code.uuid == "2d2466f0-d77f-4f8c-bdf9-628966b6b74d"  # upper-case GUID kept
        assert target.name == "target-atlas-project"
    finally:
        target.close()


# -- tolerance: BOM, case, CRLF, unknown elements, docx twins ------------------------------------


def _qdpx(path: Path, qde: str | bytes, files: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde if isinstance(qde, bytes) else qde.encode("utf-8"))
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


G = "11111111-2222-3333-4444-5555555555{:02d}"
QDE = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="tolerant">
<Users><User guid="{G.format(1)}" name="Eva"/></Users>
<CodeBook><Codes><Code guid="{G.format(2)}" name="Tools" isCodable="true" color="#f00"/></Codes>
</CodeBook>
<Sources>
<TextSource guid="{G.format(3).upper()}" name="crlf" plainTextPath="internal://{G.format(3).upper()}.TXT">
<PlainTextSelection guid="{G.format(4)}" startPosition="8" endPosition="13">
<Coding guid="{G.format(5)}" creatingUser="{G.format(1)}"><CodeRef targetGUID="{G.format(2)}"/>
</Coding></PlainTextSelection><Futuristic/></TextSource>
<TextSource guid="{G.format(6)}" name="twin" plainTextPath="internal://{G.format(6)}.txt"
 richTextPath="internal://{G.format(6)}.docx"/>
<AudioSource guid="{G.format(7)}" name="tape"/>
</Sources>
<Graphs><Graph guid="{G.format(8)}"/></Graphs>
</Project>"""


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_tolerates_bom_case_crlf_docx_twin_and_unknown_elements(tmp_path: Path) -> None:
    path = _qdpx(tmp_path / "t.qdpx", b"\xef\xbb\xbf" + QDE.encode("utf-8"), {
        f"Sources/{G.format(3).upper()}.txt": b"line 1\r\nHamer en tang\r\n",
        f"sources/{G.format(6)}.txt": b"\n",
        f"sources/{G.format(6)}.docx": _docx_bytes("Tekst uit Word"),
    })
    project = Project.import_qdpx(path, tmp_path / "t.fieldkit")
    try:
        crlf = project.document(G.format(3))
        assert crlf.text == "line 1\nHamer en tang\n"
        coding = project.codings(doc=crlf.id)[0]
        # [8, 13) in the CRLF text is "Hamer"; one CR fewer before it in the stored text
        assert (coding.start, coding.end, coding.quote) == (7, 12, "Hamer")
        assert project.coder_name(coding.coder_id) == "Eva"
        assert project.code("Tools").colour == "#ff0000"
        assert project.document(G.format(6)).text == "Tekst uit Word"
        warnings = " ".join(project.imports.warnings)
        assert "audio" in warnings and "Futuristic" not in warnings
        # the empty graph is an empty network now (fieldkit has networks)
        assert [(n.uuid, n.name, n.nodes) for n in project.networks.all()] == \
            [(G.format(8), "Network 1", 0)]
    finally:
        project.close()


# -- hostile archives ----------------------------------------------------------------------------


def _refused(qdpx: Path, target: Path, match: str) -> None:
    with pytest.raises(BadInput, match=match) as info:
        Project.import_qdpx(qdpx, target)
    assert "\n" not in str(info.value)
    assert not target.exists(), "nothing may be written"


def test_refuses_path_traversal_and_absolute_entries(tmp_path: Path) -> None:
    for entry in ("../evil.txt", "sources/../../evil.txt", "/etc/evil", "C:/evil.txt"):
        path = _qdpx(tmp_path / "evil.qdpx", QDE, {entry: b"x"})
        _refused(path, tmp_path / "p.fieldkit", "unsafe path")


def test_refuses_zip_bombs(tmp_path: Path) -> None:
    path = _qdpx(tmp_path / "bomb.qdpx", QDE, {"sources/zeros.txt": b"\0" * (20 * 1024 * 1024)})
    _refused(path, tmp_path / "p.fieldkit", "zip bomb")


def test_refuses_entity_expansion_and_external_entities(tmp_path: Path) -> None:
    laughs = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "lol">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              '<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>')
    _refused(_qdpx(tmp_path / "l.qdpx", laughs), tmp_path / "p.fieldkit", "DTD or entities")
    xxe = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>')
    _refused(_qdpx(tmp_path / "x.qdpx", xxe), tmp_path / "p.fieldkit", "DTD or entities")


def test_refuses_damaged_and_foreign_files(tmp_path: Path) -> None:
    notzip = tmp_path / "n.qdpx"
    notzip.write_bytes(b"this is not a zip")
    _refused(notzip, tmp_path / "p.fieldkit", "damaged or not a zip")
    empty_zip = tmp_path / "e.qdpx"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("readme.txt", "hi")
    _refused(empty_zip, tmp_path / "p.fieldkit", "no project.qde")
    broken = _qdpx(tmp_path / "b.qdpx", "<Project name='x'><Users>")
    _refused(broken, tmp_path / "p.fieldkit", "XML cannot be read")
    _refused(tmp_path / "missing.qdpx", tmp_path / "p.fieldkit", "not found")


def test_refuses_an_existing_project_folder(project: Project, tmp_path: Path) -> None:
    out = project.exports.qdpx(tmp_path / "a.qdpx")
    with pytest.raises(BadInput, match="already exists"):
        Project.import_qdpx(out, project.path)
    assert len(project.documents()) == 5


def test_failure_while_storing_leaves_no_folder(project: Project, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = project.exports.qdpx(tmp_path / "a.qdpx")
    from fieldkit.operations import refi_import as ops

    def broken(*args: object) -> None:
        raise BadInput("disk full")

    monkeypatch.setattr(ops, "store_refi", broken)
    with pytest.raises(BadInput, match="disk full"):
        Project.import_qdpx(out, tmp_path / "half.fieldkit")
    assert not (tmp_path / "half.fieldkit").exists()
