"""The change log: several undos and redos in order, audit rows, rollback on error."""

from __future__ import annotations

import sqlite3

import pytest

from fieldkit import Project


def test_undo_twice_then_redo_twice_restores_in_order(noted: Project) -> None:
    first = noted.code_text(1, 0, 5, "Leren/Informeel/Uitproberen")
    noted.update_code("Leren/Informeel/Uitproberen", definition="Zelf proberen")
    assert noted.undo().label == "Edit code"
    assert noted.undo().label == "Apply code"
    assert noted.codings() == []
    assert noted.redo().label == "Apply code"
    assert noted.code("Leren/Informeel/Uitproberen").definition == ""
    assert noted.redo().label == "Edit code"
    assert noted.code("Leren/Informeel/Uitproberen").definition == "Zelf proberen"
    assert [c.uuid for c in noted.codings()] == [first.uuid]


def test_every_change_is_in_the_audit_log_with_its_coder(noted: Project) -> None:
    noted.set_coder("Bram")
    noted.code_text(1, 0, 5, "Leren/Informeel/Uitproberen")
    noted.undo()
    rows = noted._store.rows("SELECT coder, label, state FROM change_log ORDER BY id")
    assert (rows[-1]["coder"], rows[-1]["label"], rows[-1]["state"]) == ("Bram", "Apply code", 1)


def test_a_failing_change_rolls_back_whole(noted: Project) -> None:
    before = len(noted.codings())
    with pytest.raises(sqlite3.IntegrityError):
        with noted._store.change("Broken"):
            noted._store.add_coding({"document_id": 1, "code_id": 1, "coder_id": 1,
                                    "start": 0, "end": 3, "quote": "09:"})
            noted._store.add_coding({"document_id": 999, "code_id": 1, "coder_id": 1,
                                    "start": 0, "end": 3})  # no such document
    assert len(noted.codings()) == before
    assert noted.undo_label() != "Broken"


def test_foreign_keys_are_enforced(noted: Project) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        with noted._store.change("Orphan"):
            noted._store.add_coding({"document_id": 1, "code_id": 999, "coder_id": 1,
                                    "start": 0, "end": 3})


def test_the_history_is_found_by_its_state_not_read_whole(noted: Project) -> None:
    """Undo, redo and every new action find their rows of the history by the state index
    (schema step 18): a row holds its changes before its state, so a scan would read every
    change ever made (a 200 KB note's edit holds its text twice)."""
    conn = noted._store.conn
    for sql in ("UPDATE change_log SET state = 2 WHERE state = 1",
                "SELECT label FROM change_log WHERE state = 0 ORDER BY id DESC LIMIT 1",
                "SELECT id, label, changes FROM change_log WHERE state = 1 ORDER BY id ASC "
                "LIMIT 1"):
        plan = " ".join(str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "INDEX change_log_state" in plan, (sql, plan)
    doc = noted.documents()[0]
    long = "Henk legt de kantbank uit. 😀\r\n" * 2000
    noted.edit_text(doc.id, long)
    noted.edit_text(doc.id, long + "Één keer.")
    stored = long.replace("\r\n", "\n")  # an edit stores line ends as \n
    noted.undo()
    assert noted._store.document(doc.id).text == stored
    noted.redo()
    assert noted._store.document(doc.id).text == stored + "Één keer."
    noted.undo()
    noted.undo()
    assert noted._store.document(doc.id).text != stored
