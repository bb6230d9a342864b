"""The analysis engine reads every coding's span from an index that holds it (schema step 11):
the first relations after opening a project no longer walk each coding's quote, context and memo
(issue 23). No clock: the query plan says which b-tree is read, and the arrays read are compared
with the codings as the facade lists them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fieldkit import Project
from fieldkit.analysis.table import CodingTable
from fieldkit.storage import analysis_rows


def plan(project: Project, sql: str) -> str:
    return " ".join(str(r[3]) for r in project._store.rows(f"EXPLAIN QUERY PLAN {sql}"))


def coded(folder: Path) -> Project:
    project = Project.create(folder / "Spans.fieldkit")
    project.set_coder("Anouk")
    project.add_code("Leren")
    project.add_code("Techniek")
    for n in range(3):
        doc = project.add_note(site="Metaal BV", title=f"Notitie {n}",
                               text="Jan laat Piet zien hoe de kantbank werkt. " * 20).id
        for k in range(10):
            project.code_text(doc, 40 * k + n, 40 * k + n + 12 + k, "Leren" if k % 2 else
                              "Techniek", memo="lang memo " * 50 if k == 3 else "")
    gone = project.codings()[0]
    project._store.update_coding(gone.id, {"orphaned": 1})
    return project


def truth(project: Project) -> list[tuple[int, int, int, int, int, int]]:
    return sorted((c.document_id, c.start or 0, c.id, c.code_id, c.coder_id, c.end or 0)
                  for c in project.codings() if not c.orphaned)


def read(project: Project) -> list[tuple[int, int, int, int, int, int]]:
    table = CodingTable.load(project._store)
    assert np.array_equal(table.document, np.sort(table.document))  # document order
    return sorted(zip(table.document.tolist(), table.start.tolist(), table.id.tolist(),
                      table.code.tolist(), table.coder.tolist(), table.end.tolist(),
                      strict=True))


def test_every_span_is_read_from_the_index_alone(tmp_path: Path) -> None:
    with coded(tmp_path) as project:
        for sql in (analysis_rows.CODING_COLUMNS, analysis_rows.SEGMENT_COLUMNS):
            assert "COVERING INDEX codings_document" in plan(project, sql), plan(project, sql)
        assert read(project) == truth(project)
        assert len(analysis_rows.segment_columns(project._store)) == 4 * len(project.codings())


def test_a_project_made_at_step_10_gets_the_index(tmp_path: Path) -> None:
    with coded(tmp_path) as project:
        expected = truth(project)
        conn = project._store.conn
        conn.execute("DROP INDEX codings_document")
        conn.execute("CREATE INDEX codings_document ON codings(document_id, start)")  # step 1's
        conn.execute("PRAGMA user_version = 10")
        assert "COVERING" not in plan(project, analysis_rows.CODING_COLUMNS)
    with Project.open(tmp_path / "Spans.fieldkit") as project:
        assert "COVERING INDEX codings_document" in plan(project, analysis_rows.CODING_COLUMNS)
        assert read(project) == expected
        assert project.check() == [] or all("orphaned" in p.message for p in project.check())
