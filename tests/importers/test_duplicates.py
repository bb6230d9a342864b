"""Importing a file already in the project is noticed (issue 25 #7): by content, not by name.

The facade refuses (naming the document there), skips or imports again; the command line skips
with one line each, imports anyway with --again, and exits 2 when nothing was imported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core.errors import DuplicateImport
from fieldkit.core.model import Duplicate, ImportedDocument, ImportedMedia
from fieldkit.project import Project

TEXT = "Interviewer: Hoe leer je hier?\nAnouk: Van Sjoerd, één keer kijken 👀 en dan zélf.\n"


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "Dubbel.fieldkit") as p:
        yield p


def write(path: Path, text: str = TEXT, newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def titles(project: Project) -> list[str]:
    return sorted(d.title for d in project.documents())


def test_the_same_file_twice_is_refused_naming_the_document_there(
        project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "interview anouk.txt")
    [first] = project.imports.files([source])
    with pytest.raises(DuplicateImport) as refused:
        project.imports.files([source])
    assert refused.value.duplicates == [Duplicate(str(source), "interview anouk", first.id)]
    assert refused.value.files == 1
    assert "'interview anouk' (document 1)" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert titles(project) == ["interview anouk"]  # nothing stored
    assert [d.title for d in project.imports.files([source], duplicates="skip")] == []
    assert project.imports.skipped == [Duplicate(str(source), "interview anouk", first.id)]
    assert titles(project) == ["interview anouk"]
    [again] = project.imports.files([source], duplicates="again")
    assert again.id != first.id and again.text == first.text
    assert titles(project) == ["interview anouk", "interview anouk"]
    assert project.imports.skipped == []


def test_the_same_content_under_another_name_and_with_crlf_is_a_duplicate(
        project: Project, tmp_path: Path) -> None:
    [first] = project.imports.files([write(tmp_path / "a.txt")])
    copy = write(tmp_path / "kopie van a.txt")
    windows = write(tmp_path / "a-windows.txt", newline="\r\n")
    project.imports.files([copy, windows], duplicates="skip")
    assert [(Path(s.path).name, s.title, s.document_id) for s in project.imports.skipped] == [
        ("kopie van a.txt", "a", first.id), ("a-windows.txt", "a", first.id)]
    assert titles(project) == ["a"]


def test_a_changed_file_under_the_same_name_is_not_a_duplicate(
        project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "notes.txt")
    project.imports.files([source])
    write(source, TEXT + "Anouk: en daarna nog een keer.\n")
    [changed] = project.imports.files([source])
    assert "nog een keer." in changed.text
    write(source, TEXT.replace("één", "een"))  # one accent less is another text
    project.imports.files([source])
    assert titles(project) == ["notes", "notes", "notes"]
    assert project.imports.skipped == []


def test_a_duplicate_inside_one_batch_counts(project: Project, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt")
    b = write(tmp_path / "b.txt")
    other = write(tmp_path / "c.txt", "Iets heel anders.\n")
    with pytest.raises(DuplicateImport) as refused:
        project.imports.files([a, other, b])
    assert refused.value.duplicates == [Duplicate(str(b), "a", None)]
    assert "b.txt is the same as 'a', earlier in this import" in str(refused.value)
    assert project.documents() == []
    kept = project.imports.files([a, other, b], duplicates="skip")
    assert [d.title for d in kept] == ["a", "c"]
    assert titles(project) == ["a", "c"]


def test_a_batch_of_duplicates_and_new_files_imports_only_the_new_and_undo_takes_it_back(
        project: Project, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt")
    project.imports.files([a])
    new = write(tmp_path / "new.txt", "Nieuw 😀 materiaal\n")
    [doc] = project.imports.files([a, new], duplicates="skip")
    assert doc.title == "new" and titles(project) == ["a", "new"]
    assert project.undo() is not None
    assert titles(project) == ["a"]
    assert project.redo() is not None
    assert titles(project) == ["a", "new"]


def test_undo_of_an_import_makes_the_file_new_again(project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt")
    [first] = project.imports.files([source])
    project.undo()
    assert project.documents() == []
    [doc] = project.imports.files([source])  # the document it repeated is gone
    assert doc.text == first.text and "👀" in doc.text
    project.undo()
    project.redo()
    with pytest.raises(DuplicateImport):
        project.imports.files([source])


def test_photos_are_compared_by_their_bytes(project: Project, tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "kantbank.png"
    Image.new("RGB", (320, 240), (180, 120, 60)).save(photo)
    [first] = project.imports.files([photo], kind="photo")
    renamed = tmp_path / "IMG_0001.png"
    renamed.write_bytes(photo.read_bytes())
    with pytest.raises(DuplicateImport) as refused:
        project.imports.files([renamed])
    assert refused.value.duplicates == [Duplicate(str(renamed), "kantbank", first.id)]
    Image.new("RGB", (320, 240), (10, 20, 30)).save(renamed)  # another picture, same name
    [second] = project.imports.files([renamed])
    assert second.media_id != first.media_id


def test_a_file_with_no_text_is_never_a_duplicate(project: Project, tmp_path: Path) -> None:
    empty = ImportedDocument("text", "leeg", "  \n")
    one = project.imports.document(empty)
    two = project.imports.document(empty)
    assert one.id != two.id


def test_one_document_refuses_skips_or_is_stored_again(project: Project) -> None:
    doc = ImportedDocument("transcript", "Anouk", TEXT, source_name="anouk.txt")
    first = project.imports.document(doc)
    with pytest.raises(DuplicateImport) as refused:
        project.imports.document(doc)
    assert refused.value.duplicates == [Duplicate("anouk.txt", "Anouk", first.id)]
    assert project.imports.document(doc, duplicates="skip").id == first.id
    assert project.imports.document(doc, duplicates="again").id != first.id
    picture = ImportedDocument("photo", "Zaag", "", media=ImportedMedia(
        data=b"\x89PNG not really", filename="zaag.png", mime="image/png"))
    shown = project.imports.document(picture)
    assert project.imports.document(picture, duplicates="skip").id == shown.id
    assert len(project.documents()) == 3


def test_an_unknown_choice_is_bad_input(project: Project, tmp_path: Path) -> None:
    from fieldkit.core.errors import BadInput

    with pytest.raises(BadInput, match="duplicates"):
        project.imports.files([write(tmp_path / "a.txt")], duplicates="maybe")
    assert project.documents() == []


def test_a_project_of_step_12_gets_the_length_index(tmp_path: Path) -> None:
    folder = tmp_path / "Oud.fieldkit"
    with Project.create(folder) as p:
        p.imports.files([write(tmp_path / "a.txt")])
    conn = sqlite3.connect(folder / "project.sqlite")
    conn.execute("DROP INDEX documents_chars")
    conn.execute("PRAGMA user_version = 12")  # step 13 made the index
    conn.commit()
    conn.close()
    with Project.open(folder) as p:
        plan = " ".join(str(r[-1]) for r in p._store.rows(
            "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE chars = ? AND text = ?",
            (3, "abc")))
        assert "documents_chars" in plan
        with pytest.raises(DuplicateImport):
            p.imports.files([tmp_path / "a.txt"])
        assert p.check() == []


# -- the command line ---------------------------------------------------------------------


def test_cli_skips_duplicates_one_line_each_and_exits_2_when_nothing_came_in(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "Cli.fieldkit"
    assert main(["new", str(folder)]) == 0
    a = write(tmp_path / "a.txt")
    copy = write(tmp_path / "copy.txt", newline="\r\n")
    other = write(tmp_path / "other.txt", "Ander verhaal\n")
    assert main(["-p", str(folder), "import", str(a)]) == 0
    capsys.readouterr()
    assert main(["-p", str(folder), "import", str(copy), str(other)]) == 0
    out, err = capsys.readouterr()
    assert "Imported 1 document." in out and "other" in out
    assert err.splitlines() == ["skipped: copy.txt is already in the project as 'a' "
                                "(document 1)"]
    assert main(["-p", str(folder), "import", str(a), str(copy)]) == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[:2] == ["skipped: a.txt is already in the project as 'a' (document 1)",
                         "skipped: copy.txt is already in the project as 'a' (document 1)"]
    assert lines[2].startswith("fieldkit: Nothing was imported") and "--again" in lines[2]
    assert len(lines) == 3 and "Traceback" not in err and out == ""
    assert main(["-p", str(folder), "import", "--again", str(a), str(copy)]) == 0
    out, err = capsys.readouterr()
    assert "Imported 2 documents." in out and err == ""
    with Project.open(folder, readonly=True) as p:
        assert sorted(d.title for d in p.documents()) == ["a", "a", "copy", "other"]


def test_cli_a_batch_with_a_copy_inside_imports_the_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "Cli.fieldkit"
    assert main(["new", str(folder)]) == 0
    capsys.readouterr()
    a = write(tmp_path / "a.txt")
    b = write(tmp_path / "b.txt")
    assert main(["-p", str(folder), "import", "--json", str(a), str(b)]) == 0
    out, err = capsys.readouterr()
    assert '"title": "a"' in out and '"title": "b"' not in out
    assert err.strip() == "skipped: b.txt is the same as 'a', earlier in this import"
