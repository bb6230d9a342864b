"""``Writer.insert_many``: many rows a statement, recorded exactly as ``insert`` records them
(one change per row, the row as stored), undone and redone like them; near SQLite's largest id
(where new ids are picked at random) the rows go one at a time."""

from __future__ import annotations

from pathlib import Path

from fieldkit.core.model import new_uuid
from fieldkit.project import Project
from fieldkit.storage.writer import _LAST_ID


def _turns(project: Project, doc: int) -> list[tuple[object, ...]]:
    return [tuple(r) for r in project._store.rows(
        "SELECT * FROM turns WHERE document_id = ? ORDER BY id", (doc,))]


def test_rows_and_change_set_as_insert_makes_them(tmp_path: Path) -> None:
    with Project.create(tmp_path / "M.fieldkit") as project:
        store = project._store
        doc = project.add_note(site="Metaal BV", title="Notitie", text="Jan 😀 helpt Piet.").id
        rows = [{"document_id": doc, "start": k, "end": k + 1, "speaker": f"Spreker {k} é",
                 "t_start": None, "t_end": k * 1.5} for k in range(2500)]
        with store.change("Veel beurten") as changes:
            keys = store.insert_many("turns", rows)
        stored = [dict(r) for r in store.rows(
            "SELECT * FROM turns WHERE document_id = ? ORDER BY id", (doc,))]
        assert keys == [r["id"] for r in stored] and len(keys) == 2500
        assert [{k: v for k, v in r.items() if k != "id"} for r in stored] == rows
        assert [(c.table, c.key, c.before, c.after) for c in changes.changes] == \
            [("turns", r["id"], None, r) for r in stored]
        after = _turns(project, doc)
        project.undo()
        assert _turns(project, doc) == []
        project.redo()
        assert _turns(project, doc) == after


def test_near_the_largest_id_rows_go_one_at_a_time(tmp_path: Path) -> None:
    with Project.create(tmp_path / "N.fieldkit") as project:
        store = project._store
        with store.change("Laatste id"):
            store.insert("sites", {"id": _LAST_ID - 1, "uuid": new_uuid(), "name": "Laatste"})
        rows = [{"uuid": new_uuid(), "name": f"Site {k}"} for k in range(5)]
        with store.change("Meer"):
            keys = store.insert_many("sites", rows)
        assert len(set(keys)) == 5
        assert sorted(str(r[0]) for r in store.rows(
            f"SELECT name FROM sites WHERE id IN ({', '.join(map(str, keys))})")) == \
            [f"Site {k}" for k in range(5)]
