"""A write the disk refuses reports the disk, not a failed clean-up, and changes nothing."""

from __future__ import annotations

import sqlite3

import pytest

from fieldkit import Project
from fieldkit.storage import failures


def _full(project: Project) -> None:
    """The database may not grow any more: SQLite's own "disk is full"."""
    pages = project._store.value("PRAGMA page_count")
    project._store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_write_that_fills_the_disk_says_so_not_cannot_rollback(project: Project) -> None:
    project.add_note(site="S", title="Eerste", text="kort")
    _full(project)
    with pytest.raises(sqlite3.OperationalError) as caught:
        project.add_note(site="S", title="Groot", text="woorden en nog meer woorden " * 20000)
    assert "full" in str(caught.value) and "rollback" not in str(caught.value)
    assert str(failures.explain(caught.value)).startswith("The disk is full")
    assert [d.title for d in project.documents()] == ["Eerste"]


def test_undo_after_a_failed_write_reports_the_real_error(project: Project) -> None:
    project.add_note(site="S", title="Groot", text="woorden en nog meer woorden " * 20000)
    project.delete_document(1)
    _full(project)
    with pytest.raises(sqlite3.OperationalError) as caught:
        project.undo()  # brings the big text back: more pages than allowed
    assert "full" in str(caught.value) and "rollback" not in str(caught.value)
    assert project.documents() == [] and project.undo_label() is not None


def test_a_write_that_cannot_begin_leaves_no_action_half_open(project: Project) -> None:
    """Another connection holds the database's write lock, so BEGIN IMMEDIATE is refused: the
    next action is still a whole transaction and undo step of its own (it used to join the
    action that never began, outside any transaction and out of the change log)."""
    project.add_note(site="S", title="Eerste", text="kort")
    project._store.conn.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(project.path / "project.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        project.add_note(site="S", title="Tweede", text="kort")
    other.execute("ROLLBACK")
    other.close()
    project.add_note(site="S", title="Derde", text="kort")
    assert [d.title for d in project.documents()] == ["Eerste", "Derde"]
    project.undo()
    assert [d.title for d in project.documents()] == ["Eerste"]
