"""The Project facade: create/open, notes, codebook, coding, undo/redo, errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput, NotAProject, NotFound, ProjectLocked, ReadOnly
from fieldkit.core.model import Region
from fieldkit.storage import database, schema


def test_create_makes_folder_with_wal_and_schema(tmp_path: Path) -> None:
    with Project.create(tmp_path / "A.fieldkit", name="Studie A", language="en") as p:
        assert p.name == "Studie A" and p.language == "en"
        mode = p._store.value("PRAGMA journal_mode")
        assert mode == "wal"
        assert p._store.value("PRAGMA foreign_keys") == 1
        assert p._store.value("PRAGMA user_version") == schema.latest_version()
    assert (tmp_path / "A.fieldkit" / "project.sqlite").is_file()
    assert (tmp_path / "A.fieldkit" / "media").is_dir()
    assert (tmp_path / "A.fieldkit" / "backups").is_dir()


def test_create_refuses_existing_project_and_bad_language(tmp_path: Path) -> None:
    Project.create(tmp_path / "A.fieldkit").close()
    with pytest.raises(BadInput):
        Project.create(tmp_path / "A.fieldkit")
    with pytest.raises(BadInput):
        Project.create(tmp_path / "B.fieldkit", language="fr")


def test_open_refuses_what_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(NotAProject):
        Project.open(tmp_path / "missing")
    fake = tmp_path / "fake.fieldkit"
    fake.mkdir()
    (fake / "project.sqlite").write_text("not a database")
    with pytest.raises(NotAProject):
        Project.open(fake)


def test_second_writer_is_refused_but_reader_works(tmp_path: Path) -> None:
    path = tmp_path / "A.fieldkit"
    with Project.create(path) as first:
        first.add_note(site="S", title="T", text="hallo")
        with pytest.raises(ProjectLocked, match="another fieldkit"):
            Project.open(path)
        with Project.open(path, readonly=True) as reader:
            assert [d.title for d in reader.documents()] == ["T"]
            with pytest.raises(ReadOnly):
                reader.add_note(site="S", title="U", text="x")
    with Project.open(path) as again:  # the lock went with the first writer
        assert len(again.documents()) == 1


def test_note_with_visit_creates_site_and_visit_once(project: Project) -> None:
    project.add_note(site="Bakkerij Zuid", visit="2026-04-01", title="A", text="a\r\nb")
    doc = project.add_note(site="bakkerij zuid", visit="2026-04-01", title="B", text="c")
    assert len(project.sites()) == 1
    assert len(project.visits()) == 1
    assert doc.visit_id == project.visits()[0].id
    assert project.documents()[0].chars == 3  # CRLF became LF before counting
    with pytest.raises(BadInput, match="not a date"):
        project.add_note(site="S", visit="1 april", title="C", text="x")


def test_code_text_stores_quote_context_and_coder(noted: Project) -> None:
    doc = noted.documents()[0]
    text = noted.document(doc.id).text
    start = text.index("Coördinatie")
    end = text.index(" loopt")
    coding = noted.code_text(doc.id, start, end, "Leren/Informeel/Collega helpt")
    assert coding.quote == "Coördinatie met de planner 👍"
    assert coding.before.endswith("09:20 ")
    assert coding.after.startswith(" loopt")
    assert noted.coder_name(coding.coder_id) == "Anouk"
    # by id, UUID and path
    code = noted.code("Leren/Informeel/Collega helpt")
    assert noted.code(str(code.id)).id == code.id
    assert noted.code(code.uuid).id == code.id
    assert [c.id for c in noted.codings(code=code.uuid)] == [coding.id]
    # coding the same span twice by the same coder changes nothing
    again = noted.code_text(doc.id, start, end, code.id)
    assert again.id == coding.id and len(noted.codings()) == 1


@pytest.mark.parametrize("start,end", [(-1, 4), (5, 5), (6, 2), (0, 10_000)])
def test_code_text_refuses_spans_outside_the_text(noted: Project, start: int, end: int) -> None:
    with pytest.raises(BadInput, match="not inside"):
        noted.code_text(1, start, end, "Leren/Informeel/Uitproberen")
    assert noted.codings() == []


def test_unknown_code_document_and_coding_are_not_found(noted: Project) -> None:
    with pytest.raises(NotFound, match="no code 'Nergens/Niets'"):
        noted.code_text(1, 0, 4, "Nergens/Niets")
    with pytest.raises(NotFound, match="no document '99'"):
        noted.code_text(99, 0, 4, "Leren")
    with pytest.raises(NotFound):
        noted.uncode(12345)
    with pytest.raises(NotFound):
        noted.document("00000000-0000-0000-0000-000000000000")
    assert noted.codings() == []


def test_undo_and_redo_a_coding(noted: Project) -> None:
    coding = noted.code_text(1, 6, 46, "Leren/Informeel/Collega helpt")
    assert noted.undo_label() == "Apply code"
    noted.undo()
    assert noted.codings() == []
    assert noted.redo_label() == "Apply code"
    noted.redo()
    restored = noted.codings()
    assert [(c.id, c.uuid, c.start, c.end) for c in restored] == [
        (coding.id, coding.uuid, 6, 46)]


def test_new_change_after_undo_clears_redo(noted: Project) -> None:
    noted.code_text(1, 6, 46, "Leren/Informeel/Collega helpt")
    noted.undo()
    noted.code_text(1, 0, 5, "Leren/Informeel/Uitproberen")
    assert noted.redo() is None
    assert [c.quote for c in noted.codings()] == ["09:14"]


def test_deleting_a_code_takes_subcodes_and_codings_and_undo_brings_all_back(
    noted: Project,
) -> None:
    noted.code_text(1, 6, 46, "Leren/Informeel/Collega helpt")
    noted.code_text(1, 0, 5, "Leren/Informeel/Uitproberen")
    gone = noted.delete_code("Leren")
    assert gone == 2
    assert noted.codings() == [] and noted._store.codes() == []
    noted.undo()
    assert len(noted.codings()) == 2
    assert [p for _, _, p, _ in noted.codes_with_counts()] == [
        "Leren", "Leren/Informeel", "Leren/Informeel/Collega helpt",
        "Leren/Informeel/Uitproberen"]


def test_undo_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "A.fieldkit"
    with Project.create(path) as p:
        p.add_note(site="S", title="T", text="hallo wereld")
        p.add_code("X")
        p.code_text(1, 0, 5, "X")
    with Project.open(path) as p:
        assert p.undo() is not None
        assert p.codings() == []


def test_code_paths_moves_and_renames(project: Project) -> None:
    project.add_code("A/B")
    project.add_code("C")
    with pytest.raises(BadInput, match="under itself"):
        project.move_code("A", "A/B")
    project.move_code("A/B", "C")
    assert project.code("C/B").name == "B"
    project.add_code("C/D")
    with pytest.raises(BadInput, match="already a code"):
        project.update_code("C/D", name="b")  # "B" lives there, names ignore case
    project.update_code("C/B", name="Bee", colour="#00ff00", definition="def")
    code = project.code("C/Bee")
    assert (code.colour, code.definition) == ("#00ff00", "def")
    with pytest.raises(BadInput, match="colour"):
        project.update_code("C", colour="red")
    with pytest.raises(BadInput):
        project.add_code("//")


def test_region_coding_needs_a_photo_and_a_rectangle_inside(noted: Project) -> None:
    with pytest.raises(BadInput, match="no picture"):
        noted.code_region(1, Region(0, 0, 5, 5), "Leren")


def test_delete_document_is_undoable_with_its_codings(noted: Project) -> None:
    noted.code_text(1, 6, 46, "Leren/Informeel/Collega helpt")
    noted.delete_document(1)
    assert noted.documents() == []
    noted.undo()
    assert len(noted.documents()) == 1 and len(noted.codings()) == 1


def test_migration_takes_a_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "A.fieldkit"
    Project.create(path).close()

    def v_next(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v_next])
    with Project.open(path) as p:
        assert p._store.value("PRAGMA user_version") == len(schema.MIGRATIONS)
    backups = list((path / database.BACKUPS).glob("*before-migration*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS) - 1
    old.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "A.fieldkit"
    Project.create(path).close()
    conn = sqlite3.connect(path / "project.sqlite")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(Exception, match="newer fieldkit"):
        Project.open(path)


def test_change_listeners_hear_which_tables_changed(noted: Project) -> None:
    heard = []
    noted.subscribe(heard.append)
    noted.code_text(1, 6, 46, "Leren/Informeel/Collega helpt")
    assert heard and "codings" in heard[-1].tables
    noted.undo()
    assert "codings" in heard[-1].tables


def test_a_bare_code_name_works_when_unique(project: Project) -> None:
    project.add_code("Leren/Collega helpt")
    project.add_code("Leren/Fout")
    project.add_code("Barrières/Fout")
    assert project.code("collega helpt").name == "Collega helpt"
    with pytest.raises(BadInput, match="more than one code"):
        project.code("Fout")
