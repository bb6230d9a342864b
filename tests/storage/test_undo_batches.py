"""Undo and redo put back long runs of deletes and inserts many rows a statement
(``Writer.apply_all``): the rows they leave, the search index's own rows included, and the row
changes they record (what the team's outbox sends) are exactly those of ``apply`` row by row,
and undo gives back the project as it was before the action (every table compared)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from fieldkit.project import Project
from fieldkit.storage import writer
from tests.importers.test_survey_bulk import _survey


def _everything(p: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, the full-text tables' rows included (not the FTS5 engine's
    own storage, whose pages depend on how rows were written), but not the change log."""
    conn = p._store.conn
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    virtual = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")]
    kept = [n for n in names if n != "change_log" and not n.startswith("sqlite")
            and not any(n.startswith(f"{v}_") for v in virtual)]
    rows = {}
    for name in kept:
        found = conn.execute(f"SELECT rowid, * FROM {name}").fetchall() if name in virtual \
            else conn.execute(f"SELECT * FROM {name}").fetchall()
        rows[name] = sorted((tuple(r) for r in found), key=repr)
    return rows


def _recorded(changeset: Any) -> list[Any]:
    return [c.to_json() for c in changeset.changes]


def test_undo_and_redo_of_a_survey_import_match_row_by_row_and_the_truth(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _answers = _survey(tmp_path, 150)
    with Project.create(tmp_path / "S.fieldkit", name="Bulk") as project:
        project.add_note(site="Metaal BV", title="Eerder",
                         text="Jan helpt Piet 👍 bij de kantbank.\r\nDaarna café.")
        project.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
        before = _everything(project)
        project.imports.survey(path)
        after = _everything(project)
    assert len(after["turns"]) > 300 and len(after["cases"]) == 150
    for name in ("rows", "batched"):
        shutil.copytree(tmp_path / "S.fieldkit", tmp_path / f"{name}.fieldkit")
    results = {}
    for name, smallest in (("rows", 10**9), ("batched", writer.BATCH_MIN)):
        monkeypatch.setattr(writer, "BATCH_MIN", smallest)
        with Project.open(tmp_path / f"{name}.fieldkit") as p:
            undone = p.undo()
            state_undone = _everything(p)
            problems = p.index.problems()
            redone = p.redo()
            results[name] = (_recorded(undone), state_undone, problems, _recorded(redone),
                             _everything(p), p.index.problems())
    rows, batched = results["rows"], results["batched"]
    assert len(rows[0]) > 500
    assert batched[0] == rows[0]  # the same row changes, in order
    assert batched[3] == rows[3]
    assert batched[1] == rows[1]
    # the truth: as before the import (the search's list of people words keeps words once
    # seen, on purpose: they match nothing)
    assert {**rows[1], "search_people": []} == {**before, "search_people": []}
    assert set(before["search_people"]) <= set(rows[1]["search_people"])
    assert batched[4] == rows[4] == after
    assert batched[2] == batched[5] == []


def test_deleting_many_rows_that_others_point_at_deletes_those_first(tmp_path: Path) -> None:
    """``Store.delete_many`` of documents some of which sit in a set: the set's members go
    first, as ``delete`` row by row takes them, recorded the same."""
    recorded = {}
    states = {}
    with Project.create(tmp_path / "D.fieldkit") as project:
        for n in range(30):
            project.add_note(site="Metaal BV", title=f"Notitie {n}", text=f"Tekst {n} ✓")
        ids = [d.id for d in project.documents()]
        project.sets.add("Ronde", "documents", ids[3:5])
    for name in ("rows", "batched"):
        shutil.copytree(tmp_path / "D.fieldkit", tmp_path / f"{name}.fieldkit")
        with Project.open(tmp_path / f"{name}.fieldkit") as p:
            store = p._store
            with store.change("Weg") as changes:
                if name == "rows":
                    for key in [*ids[10:], *ids[:10]]:
                        store.delete("documents", key)
                else:
                    store.delete_many("documents", ids[10:])  # nothing points at them
                    store.delete_many("documents", ids[:10])  # two sit in the set
            recorded[name] = _recorded(changes)
            states[name] = _everything(p)
            assert p.documents() == [] and p.index.problems() == []
    assert recorded["batched"] == recorded["rows"]
    assert [c[0] for c in recorded["rows"]].count("set_members") == 2
    assert states["batched"] == states["rows"]
