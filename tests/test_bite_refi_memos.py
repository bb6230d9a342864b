"""Coding memos in REFI-QDA: written as a Note linked from the Coding (the standard's place,
where ATLAS.ti and NVivo look) as well as the selection's ``Description`` (QualCoder, MAXQDA),
and read back from either.

A round trip through fieldkit alone cannot tell: an exporter that wrote only the Description and
an importer that read only the Description would still agree with each other. So the export is
read as XML, and the import is given files that carry the memo in one place only.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fieldkit.cli import main
from fieldkit.project import Project

NS = "urn:QDA-XML:project:1.0"
Q = f"{{{NS}}}"

MEMOS = {
    "laat Piet zien": "Voordoen aan de kantbank; één collega 👍",
    "probeert het zelf": "Eerste poging\r\nmet fouten",
    "de planner": "",  # no memo: no Note, no Description
}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A project whose codings carry the memos above, exported with ``fieldkit export qdpx``;
    returns the file and each coding's UUID → memo."""
    folder = tmp_path / "Memo.fieldkit"
    by_uuid: dict[str, str] = {}
    with Project.create(folder, language="nl") as p:
        p.set_coder("Anouk")
        doc = p.add_note(site="Metaal Oost", title="Bezoek",
                         text="Jan laat Piet zien hoe het werkt.\r\nPiet probeert het zelf; "
                              "daarna kijkt de planner mee.")
        p.add_code("Leren/Voordoen")
        text = p.document(doc.id).text
        for words, memo in MEMOS.items():
            start = text.index(words)
            c = p.code_text(doc.id, start, start + len(words), "Leren/Voordoen", memo=memo)
            by_uuid[c.uuid] = memo
    out = tmp_path / "memo.qdpx"
    assert main(["-p", str(folder), "export", "qdpx", str(out)]) == 0
    return out, by_uuid


def read_qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def rewrite(source: Path, target: Path, root: etree._Element) -> None:
    """A copy of ``source`` with ``project.qde`` replaced by ``root``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "project.qde":
                data = etree.tostring(root, xml_declaration=True, encoding="utf-8")
            new.writestr(item, data)


def note_texts(root: etree._Element) -> dict[str, str]:
    return {note.get("guid"): "".join(note.findtext(f"{Q}PlainTextContent") or "")
            for note in root.iter(f"{Q}Note")}


def as_note(memos: dict[str, str]) -> dict[str, str]:
    """A Note is read as text, whose line breaks fieldkit normalises (as in every document)."""
    return {uuid: memo.replace("\r\n", "\n") for uuid, memo in memos.items()}


def imported_memos(path: Path, tmp_path: Path, name: str) -> dict[str, str]:
    folder = tmp_path / f"{name}.fieldkit"
    assert main(["import-qdpx", str(path), str(folder)]) == 0
    with Project.open(folder) as p:
        return {c.uuid: c.memo for c in p.codings()}


def test_the_export_links_each_coding_memo_as_a_note_and_a_description(
        exported: tuple[Path, dict[str, str]]) -> None:
    path, by_uuid = exported
    root = read_qde(path)
    notes = note_texts(root)
    codings = {c.get("guid"): c for c in root.iter(f"{Q}Coding")}
    assert set(codings) == set(by_uuid)
    for uuid, memo in by_uuid.items():
        coding = codings[uuid]
        selection = coding.getparent()
        assert selection.tag == f"{Q}PlainTextSelection"
        refs = [r.get("targetGUID") for r in coding.findall(f"{Q}NoteRef")]
        if memo:
            assert len(refs) == 1 and notes[refs[0]] == memo
            assert selection.findtext(f"{Q}Description") == memo
        else:
            assert refs == [] and selection.find(f"{Q}Description") is None


def test_a_memo_held_only_in_a_note_is_imported(exported: tuple[Path, dict[str, str]],
                                                 tmp_path: Path) -> None:
    path, by_uuid = exported
    root = read_qde(path)
    for selection in root.iter(f"{Q}PlainTextSelection"):
        for description in selection.findall(f"{Q}Description"):
            selection.remove(description)
    only_notes = tmp_path / "notes-only.qdpx"
    rewrite(path, only_notes, root)
    assert imported_memos(only_notes, tmp_path, "notes") == as_note(by_uuid)


def test_the_note_wins_over_a_different_description(exported: tuple[Path, dict[str, str]],
                                                     tmp_path: Path) -> None:
    path, by_uuid = exported
    root = read_qde(path)
    for description in root.iter(f"{Q}Description"):
        if description.getparent().tag == f"{Q}PlainTextSelection":
            description.text = "stale copy"
    stale = tmp_path / "stale.qdpx"
    rewrite(path, stale, root)
    assert imported_memos(stale, tmp_path, "stale") == as_note(by_uuid)


def test_a_memo_held_only_in_the_description_is_imported(
        exported: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, by_uuid = exported
    root = read_qde(path)
    coding_notes = set()
    for coding in root.iter(f"{Q}Coding"):
        for ref in coding.findall(f"{Q}NoteRef"):
            coding_notes.add(ref.get("targetGUID"))
            coding.remove(ref)
    for note in list(root.iter(f"{Q}Note")):
        if note.get("guid") in coding_notes:
            note.getparent().remove(note)
    only_descriptions = tmp_path / "descriptions-only.qdpx"
    rewrite(path, only_descriptions, root)
    assert imported_memos(only_descriptions, tmp_path, "descriptions") == by_uuid
