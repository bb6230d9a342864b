"""REFI-QDA as real clients read it: QualCoder's importer, MAXQDA codebooks, ATLAS.ti sets."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from fieldkit.exporters.refi_writer import CODEBOOK_NS, PROJECT_NS
from fieldkit.importers.refi import read_qdpx
from fieldkit.project import Project

NS = {"q": PROJECT_NS}

# Made like a MAXQDA 24 codebook export (.qdc): nested codes with colours, and descriptions as
# MAXQDA users type them, three of them ending in newlines or spaces (3 of 307 in a real one).
MAXQDA_QDC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24">
<Codes>
<Code guid="0B5E9C8A-2F8D-4C0A-9A8B-1C2D3E4F5A60" name="Lernen" isCodable="true" color="#3CB44B">
<Description>Wie Mitarbeiter bei der Arbeit lernen.
</Description>
<Code guid="0B5E9C8A-2F8D-4C0A-9A8B-1C2D3E4F5A61" name="Kollegen" isCodable="true"
      color="#FFE119"><Description>Ein Kollege zeigt es.   </Description></Code>
<Code guid="0B5E9C8A-2F8D-4C0A-9A8B-1C2D3E4F5A62" name="Ausprobieren" isCodable="true"
      color="#4363D8"><Description>  Selbst probieren.

Example: Jan probeert de pers.
</Description></Code>
</Code>
</Codes>
</CodeBook>
"""
EXPECTED = {
    "Lernen": ("Wie Mitarbeiter bei der Arbeit lernen.\n", ""),
    "Lernen/Kollegen": ("Ein Kollege zeigt es.   ", ""),
    "Lernen/Ausprobieren": ("  Selbst probieren.", "Jan probeert de pers.\n"),
}


def _descriptions(project: Project) -> dict[str, tuple[str, str]]:
    book = project.codebook()
    return {book.path(c.id): (c.definition, c.example) for c in book.codes.values()}


def _qdc_descriptions(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [d.text or "" for d in root.iter(f"{{{CODEBOOK_NS}}}Description")]


def test_code_descriptions_keep_exact_text_through_qdc_and_qdpx(tmp_path: Path) -> None:
    source = tmp_path / "maxqda.qdc"
    source.write_text(MAXQDA_QDC, encoding="utf-8")
    with Project.create(tmp_path / "a.fieldkit") as project:
        project.imports.codebook(source)
        assert _descriptions(project) == EXPECTED
        written = project.exports.codebook(tmp_path / "again.qdc").read_bytes()
        assert _qdc_descriptions(written) == _qdc_descriptions(source.read_bytes())
        qdpx = project.exports.qdpx(tmp_path / "a.qdpx")
    with Project.import_qdpx(qdpx, tmp_path / "b.fieldkit") as again:
        assert _descriptions(again) == EXPECTED


def test_sets_of_another_client_arrive_as_document_and_code_sets(tmp_path: Path) -> None:
    # Made like an ATLAS.ti 23 export, which writes document groups and code groups as <Sets>
    # after <Notes>: here our own export of two sources with two sets (3 members) added.
    with Project.create(tmp_path / "a.fieldkit") as project:
        first = project.add_note(site="Metaal Oost", title="Eerste", text="De pers stond stil.")
        second = project.add_note(site="Metaal Oost", title="Tweede", text="Jan hielp mee.")
        code = project.add_code("Peer help")
        qdpx = project.exports.qdpx(tmp_path / "a.qdpx")
    with zipfile.ZipFile(qdpx) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    sets = (f'<Sets><Set guid="7f1c2d3e-0000-4000-8000-000000000001" name="Metaal Oost">'
            f'<MemberSource targetGUID="{first.uuid}"/><MemberSource targetGUID="{second.uuid}"/>'
            f'</Set><Set guid="7f1c2d3e-0000-4000-8000-000000000002" name="Leren">'
            f'<MemberCode targetGUID="{code.uuid}"/></Set></Sets></Project>')
    entries["project.qde"] = entries["project.qde"].replace(b"</Project>", sets.encode())
    with zipfile.ZipFile(tmp_path / "atlas-like.qdpx", "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    assert not [w for w in read_qdpx(tmp_path / "atlas-like.qdpx").warnings if "et" in w[:8]]
    with Project.import_qdpx(tmp_path / "atlas-like.qdpx", tmp_path / "b.fieldkit") as again:
        assert [(s.name, s.kind, s.labels) for s in again.sets.all()] == [
            ("Leren", "codes", ["Peer help"]), ("Metaal Oost", "documents", ["Eerste", "Tweede"])]


def test_export_gives_qualcoder_what_its_importer_reads(project: Project, tmp_path: Path) -> None:
    # QualCoder's REFI-QDA importer (src/qualcoder/refi.py, run headless on our demo export)
    # stopped in parse_notes on a <Note> without creationDateTime, reads a coding memo only from
    # PlainTextSelection/Description, turns Notes into journals (no codings) and ignores
    # PictureSource/TextDescription. The fixture project has all four cases.
    out = project.exports.qdpx(tmp_path / "study.qdpx")
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        files = set(archive.namelist())
    for tag in ("Note", "TextSource", "PictureSource", "PlainTextSelection", "PictureSelection",
                "TextDescription"):
        for element in root.iterfind(f".//q:{tag}", NS):
            assert element.get("creationDateTime") and element.get("modifiedDateTime"), tag
            assert element.get("creatingUser"), tag
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))
    memo = "Demonstration at the press brake."
    [selection] = [s for s in root.iterfind(".//q:PlainTextSelection", NS)
                   if s.findtext("q:Description", namespaces=NS) == memo]
    assert selection.find("q:Coding/q:NoteRef", NS) is not None  # fieldkit still reads the note
    sources = {s.get("name"): s for s in root.iterfind("q:Sources/q:TextSource", NS)}
    twin = sources["Analytic memo (memo)"]  # the memo document carries one coding
    assert twin.get("plainTextPath")[len("internal://"):] in {f[len("sources/"):] for f in files}
    assert [(s.get("startPosition"), s.get("endPosition"))
            for s in twin.iterfind("q:PlainTextSelection", NS)] == [("0", "9")]
    picture = root.find(".//q:PictureSource", NS)
    assert picture.findtext("q:Description", namespaces=NS) == \
        "Het rek met matrijzen naast de kantbank"
    assert "Matrijzenrek (caption)" not in sources  # its caption carries no text coding
    with Project.import_qdpx(out, tmp_path / "again.fieldkit") as again:  # twins read once
        assert len(again.documents()) == len(project.documents())
        assert len(again.codings()) == len(project.codings())


def test_caption_codings_get_a_text_source_twin(project: Project, tmp_path: Path) -> None:
    photo = project.documents(kind="photo")[0]
    code = project.code("Technology adoption")
    project.code_text(photo.id, 8, 17, code.id, memo="the rack")
    out = project.exports.qdpx(tmp_path / "study.qdpx")
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    twin = next(s for s in root.iterfind("q:Sources/q:TextSource", NS)
                if s.get("name") == "Matrijzenrek (caption)")
    [selection] = twin.iterfind("q:PlainTextSelection", NS)
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("8", "17")
    assert selection.findtext("q:Description", namespaces=NS) == "the rack"
    with Project.import_qdpx(out, tmp_path / "again.fieldkit") as again:
        assert len(again.documents()) == len(project.documents())
        [coding] = [c for c in again.codings(doc=again.documents(kind="photo")[0].id)
                    if c.start is not None]
        assert (coding.start, coding.end, coding.memo) == (8, 17, "the rack")
