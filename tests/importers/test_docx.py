from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from fieldkit.importers import detect_kind, read_file

from .conftest import assert_bad


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def test_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Bezoek aan Metaal BV")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["Machine", "Status", "Opmerking"], ["CNC 1", "draait", "ok"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Daarna naar hal 2 😀 — e\u0301n koffie.")
    path = save(d, tmp_path / "notities.docx")
    [doc] = read_file(path)
    assert doc.kind == "text"
    assert doc.text == ("Bezoek aan Metaal BV\nMachine\tStatus\tOpmerking\nCNC 1\tdraait\tok\n"
                        "Daarna naar hal 2 😀 — e\u0301n koffie.")
    assert doc.original == path.read_bytes()
    assert doc.title == "notities"


def test_speaker_paragraphs_become_turns_and_comments_are_ignored(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Interview 4")
    p = d.add_paragraph("[00:00:05] Interviewer: Wat doe je als de pers stilvalt?")
    d.add_comment(p.runs, text="GEHEIM COMMENTAAR", author="Coder A")
    run_par = d.add_paragraph("[00:00:12] Operator: Eerst kijk ik ")
    run_par.add_run("naar het scherm.")
    d.add_paragraph("Operator: Daarna vraag ik Ahmed.")
    d.add_paragraph("Interviewer: Dank je.")
    path = save(d, tmp_path / "interview.docx")
    assert detect_kind(path) == "transcript"
    [doc] = read_file(path)
    assert "GEHEIM" not in doc.text
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Interviewer: Wat doe je als de pers stilvalt?",
        "Operator: Eerst kijk ik naar het scherm.",
        "Operator: Daarna vraag ik Ahmed.",
        "Interviewer: Dank je.",
    ]
    assert [t.t_start for t in doc.turns] == [5.0, 12.0, None, None]


def test_speaker_table_layout_is_a_transcript(tmp_path: Path) -> None:
    d = docx.Document()
    rows = [["Tijd", "Spreker", "Tekst"],
            ["00:00:01", "Interviewer", "Hoe ging de overstap naar de nieuwe robot?"],
            ["00:00:09", "Respondent", "Eerst lastig. 😀 Nu gaat het."],
            ["", "", "Ik leerde veel van collega's."],
            ["00:00:20", "Interviewer", "Van wie vooral?"]]
    table = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    [doc] = read_file(save(d, tmp_path / "tabel.docx"))
    assert doc.kind == "transcript"
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Interviewer: Hoe ging de overstap naar de nieuwe robot?",
        "Respondent: Eerst lastig. 😀 Nu gaat het.\nIk leerde veel van collega's.",
        "Interviewer: Van wie vooral?",
    ]
    assert [t.t_start for t in doc.turns] == [1.0, 9.0, 20.0]


def test_tabs_and_breaks_in_runs(tmp_path: Path) -> None:
    d = docx.Document()
    run = d.add_paragraph().add_run("a")
    run.add_tab()
    run.add_text("b")
    run.add_break()
    run.add_text("c")
    [doc] = read_file(save(d, tmp_path / "runs.docx"))
    assert doc.text == "a\tb\nc"


def test_not_a_zip(write) -> None:
    assert_bad(lambda: read_file(write("nep.docx", b"this is not a word file")), "nep.docx",
               "not a valid word")


def test_corrupt_docx(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("hallo")
    good = save(d, tmp_path / "goed.docx").read_bytes()
    cut = tmp_path / "half.docx"
    cut.write_bytes(good[: len(good) // 2])
    assert_bad(lambda: read_file(cut), "half.docx")


def test_zip_without_word_parts(tmp_path: Path) -> None:
    path = tmp_path / "leeg.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert_bad(lambda: read_file(path), "leeg.docx", "not a valid word")


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    assert_bad(lambda: read_file(path), "bom.docx", "zip bomb")


def test_oversized_zip_entry_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/media/big.bin", b"\1" * (51 * 1024 * 1024))
    path = tmp_path / "groot.docx"
    path.write_bytes(buffer.getvalue())
    assert_bad(lambda: read_file(path), "groot.docx", "zip bomb")
