"""Schema step 15: a project of step 14 opens with the PDF tables, the ``pdf`` kind and
``codings.page``, its rows untouched; a read-only project of step 14 reads without them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from fieldkit.core.model import Region
from fieldkit.project import Project
from fieldkit.storage import identity, pdf_tables, replica_tables, schema
from tests.pdf.makers import Written


def build_step_14(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photo = tmp_path / "pers.jpg"
    Image.new("RGB", (200, 100), "grey").save(photo)
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:14])
        with Project.create(path) as p:
            p.set_coder("Bram", remember=False)
            [doc] = p.imports.files([photo])
            p.code_region(doc.id, Region(1, 2, 30, 40), p.add_code("Machine").id)
            p.add_note(site="Metaal", title="Bezoek", text="Café 😀 kantbank")
            assert p._store.value("PRAGMA user_version") == 14
    identity.known_tables.cache_clear()


def test_step_15_adds_the_pdf_tables_and_keeps_every_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, werkinstructie: Written) -> None:
    path = tmp_path / "Oud.fieldkit"
    build_step_14(path, tmp_path, monkeypatch)
    with Project.open(path, readonly=True) as old:  # not upgraded: no pages, regions read
        [coding] = old.codings()
        assert coding.region == Region(1, 2, 30, 40, None)
        assert not pdf_tables.present(old._store)
        assert pdf_tables.pages(old._store, 1) == []
    with Project.open(path) as p:
        store = p._store
        assert store.value("PRAGMA user_version") == schema.latest_version() >= 15
        found = replica_tables.schema_of(store.conn)[1] - replica_tables.SQLITE_OWN
        assert found == replica_tables.expected_schema(schema.latest_version())
        [coding] = p.codings()
        assert coding.region == Region(1, 2, 30, 40, None)
        assert p.document(2).text == "Café 😀 kantbank"
        [doc] = p.imports.files([werkinstructie.path])
        assert doc.kind == "pdf" and len(p.pdfs.pages(doc.id)) == 3
        assert [x for x in p.check() if x.severity == "error"] == []
    conn = sqlite3.connect(path / "project.sqlite")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    conn.close()
    assert "CHECK (kind IN ('fieldnote','transcript','photo','memo','esm','text','recording'," \
           "'pdf'))" in sql


def test_the_step_runs_again_on_a_project_set_back_by_hand(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    for step in schema.MIGRATIONS:
        step(conn)
    schema.MIGRATIONS[14](conn)  # once more: nothing breaks, nothing doubles
    columns = [r[1] for r in conn.execute("PRAGMA table_info(codings)")]
    assert columns.count("page") == 1
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    assert sql.count("'pdf'") == 1


def test_check_finds_pages_and_areas_that_do_not_fit(project: Project,
                                                     werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    area = project.code_region(doc.id, Region(60, 80, 100, 20, page=2),
                               project.add_code("Veiligheid").id)
    assert [p for p in project.check() if p.severity == "error"] == []
    store = project._store
    with store.change("damage", log=False):  # as another tool or damage could leave them
        page_3 = store.value("SELECT id FROM pdf_pages WHERE document_id = ? AND page = 3",
                             (doc.id,))
        store.update("pdf_pages", page_3, {"end": len(project.document(doc.id).text) + 5})
        store.update("codings", area.id, {"page": 7})
    found = [p.message for p in project.check() if p.severity == "error"]
    assert any(m.startswith(f"Page 3 of document {doc.id}") for m in found)
    assert any(m.startswith(f"Coding {area.id} is an area of page 7") for m in found)
