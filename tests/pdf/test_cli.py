"""The command line on PDFs: import (with --password), show --json with pages, code on the
text, code-region on a PDF page and on a photo; every bad input one line, exit 2, nothing
changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from fieldkit.cli import main
from fieldkit.core.errors import Cancelled
from fieldkit.core.progress import Progress
from tests.pdf.makers import TOP, Written, many_pages, text_pdf


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def proj(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "S.fieldkit")
    assert run(capsys, "new", path)[0] == 0
    return path


def state(project: str) -> tuple[object, ...]:
    """What a refused command must leave as it was: rows of every PDF table, documents,
    the change log, the files in media/."""
    conn = sqlite3.connect(Path(project) / "project.sqlite")
    try:
        counts = tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("documents", "codings", "change_log", "media", "pdfs",
                                 "pdf_pages", "pdf_boxes"))
    finally:
        conn.close()
    return counts, sorted(p.name for p in (Path(project) / "media").rglob("*"))


def test_import_show_code_and_code_region(proj: str, werkinstructie: Written,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-p", proj, "import", str(werkinstructie.path), "--json")
    assert code == 0, err
    [doc] = json.loads(out)
    assert doc["kind"] == "pdf"
    assert run(capsys, "-p", proj, "codebook", "add", "Veiligheid")[0] == 0
    text = werkinstructie.text
    start = text.index("veiligheid")
    code, out, err = run(capsys, "-p", proj, "code", str(doc["id"]), str(start),
                         str(start + 10), "Veiligheid", "--json")
    assert code == 0 and json.loads(out)["quote"] == "veiligheid"
    code, out, err = run(capsys, "-p", proj, "code-region", str(doc["id"]), "60",
                         str(int(TOP - 15)), "300", "40", "Veiligheid", "--page", "2", "--json")
    assert code == 0, err
    area = json.loads(out)
    assert (area["page"], area["x"], area["width"]) == (2, 60, 300)
    assert area["quote"].startswith("Pagina twee")
    code, out, _ = run(capsys, "-p", proj, "show", str(doc["id"]), "--json")
    shown = json.loads(out)
    assert shown["text"] == text
    assert [(p["number"], text[p["start"]:p["end"]]) for p in shown["pages"]] == [
        (n + 1, "\n".join(lines)) for n, lines in enumerate(werkinstructie.pages)]
    assert shown["pdf"]["pages"] == 3 and shown["pdf"]["title"] == "Werkinstructie kantbank"
    regions = [c["region"] for c in shown["codings"] if c["region"]]
    assert regions == [{"x": 60, "y": int(TOP - 15), "width": 300, "height": 40, "page": 2}]
    code, out, _ = run(capsys, "-p", proj, "code-region", str(doc["id"]), "60", "60", "30",
                       "30", "Veiligheid", "--page", "1")
    assert code == 0 and "on page 1" in out


def test_code_region_on_a_photo(proj: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "kantbank.jpg"
    Image.new("RGB", (320, 240), "grey").save(photo)
    assert run(capsys, "-p", proj, "import", str(photo))[0] == 0
    assert run(capsys, "-p", proj, "codebook", "add", "Machine")[0] == 0
    code, out, err = run(capsys, "-p", proj, "code-region", "1", "10", "20", "100", "50",
                         "Machine", "--json")
    assert code == 0, err
    made = json.loads(out)
    assert (made["x"], made["y"], made["width"], made["height"], made["page"]) == (
        10, 20, 100, 50, None)
    before = state(proj)
    for argv, words in (
            (("10", "20", "400", "50", "Machine"), "not inside the photo"),
            (("10", "20", "100", "50", "Machine", "--page", "1"), "has no pages"),
            (("10", "20", "100", "50", "Onbekend"), "no code"),
    ):
        code, out, err = run(capsys, "-p", proj, "code-region", "1", *argv)
        assert code == 2 and words in err and err.count("\n") == 1, err
    assert state(proj) == before


def test_code_region_refusals_on_a_pdf(proj: str, werkinstructie: Written,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "-p", proj, "import", str(werkinstructie.path))[0] == 0
    assert run(capsys, "-p", proj, "codebook", "add", "Veiligheid")[0] == 0
    before = state(proj)
    for argv, words in (
            (("10", "20", "100", "50", "Veiligheid"), "which page"),
            (("10", "20", "100", "50", "Veiligheid", "--page", "9"), "no page 9"),
            (("10", "20", "1000", "50", "Veiligheid", "--page", "1"), "not on page 1"),
    ):
        code, out, err = run(capsys, "-p", proj, "code-region", "1", *argv)
        assert code == 2 and words in err and err.count("\n") == 1, err
    assert state(proj) == before


def test_encrypted_pdf_needs_its_password(proj: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    written = text_pdf(tmp_path / "geheim.pdf", [["Vertrouwelijk: één audit."]],
                       password="kantbank")
    before = state(proj)
    code, _, err = run(capsys, "-p", proj, "import", str(written.path))
    assert code == 2 and "encrypted" in err and "--password" in err and err.count("\n") == 1
    code, _, err = run(capsys, "-p", proj, "import", str(written.path), "--password", "fout")
    assert code == 2 and "password is wrong" in err and err.count("\n") == 1
    assert state(proj) == before
    code, out, err = run(capsys, "-p", proj, "import", str(written.path), "--password",
                         "kantbank", "--json")
    assert code == 0, err
    [doc] = json.loads(out)
    code, out, _ = run(capsys, "-p", proj, "show", str(doc["id"]), "--json")
    assert json.loads(out)["text"] == "Vertrouwelijk: één audit."
    # kept decrypted: its pages open without the password
    from fieldkit import Project

    with Project.open(proj, readonly=True) as project:
        assert project.pdfs.render_page(doc["id"], 1).size[0] > 500
        stored = project.pdfs.file(doc["id"]).read_bytes()
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(stored)) == 1  # no password asked
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(written.path.read_bytes())  # as the original would


@pytest.mark.parametrize("content, words", [
    (b"Dit is gewoon tekst, geen PDF.\n", "not a PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "damaged PDF"),
    (b"", "empty"),
])
def test_files_that_are_no_readable_pdf(proj: str, tmp_path: Path, content: bytes, words: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(content)
    before = state(proj)
    code, out, err = run(capsys, "-p", proj, "import", str(path))
    assert code == 2 and "rapport.pdf" in err and words in err and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert state(proj) == before


def test_a_truncated_pdf_is_refused(proj: str, werkinstructie: Written, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = werkinstructie.path.read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[:len(data) // 3])
    before = state(proj)
    code, out, err = run(capsys, "-p", proj, "import", str(path))
    # PDFium reads what it can of a cut file; either it is refused in one line or what it
    # read is whole pages
    if code == 0:
        from fieldkit import Project

        with Project.open(proj, readonly=True) as project:
            [doc] = project.documents()
            for page in project.pdfs.pages(doc.id):
                assert len(project.pdfs.char_boxes(doc.id, page.number)) == page.end - page.start
    else:
        assert code == 2 and "half.pdf" in err and err.count("\n") == 1
        assert state(proj) == before


def test_cancelling_a_2000_page_pdf_stores_nothing(tmp_path: Path) -> None:
    from fieldkit import Project

    path = many_pages(tmp_path / "handboek.pdf", 2000)
    with Project.create(tmp_path / "P.fieldkit") as project:
        seen: list[str] = []
        progress = Progress()

        def report(done: int, total: int, message: str) -> None:
            seen.append(message)
            if message == "Read page 1500 of 2000":
                progress.token.cancel()

        progress.report = report
        with pytest.raises(Cancelled):
            project.imports.files([path], progress=progress)
        assert "Read page 1 of 2000" in seen and "Read page 1501 of 2000" not in seen
        assert project.documents() == [] and project.undo_label() is None
    assert state(str(tmp_path / "P.fieldkit"))[0][:5] == (0, 0, 0, 0, 0)
    assert state(str(tmp_path / "P.fieldkit"))[1] == []
    # and without Cancel the same file imports whole
    with Project.open(tmp_path / "P.fieldkit") as project:
        [doc] = project.imports.files([path])
        assert len(project.pdfs.pages(doc.id)) == 2000
        assert project.document(doc.id).text.count("Controleer de matrijs.") == 2000
