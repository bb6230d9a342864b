"""``fieldkit check`` names every kind of damage it looks for, each as one problem.

The database is damaged the way another tool or a crash would leave it: rows written straight
into ``project.sqlite`` of a closed project, past fieldkit's own checks.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.checks import check_folder
from fieldkit.cli import main
from fieldkit.core.progress import Progress
from fieldkit.storage import database

TEXT = "Jan helpt Piet 👍 bij de kantbank.\r\nDaarna café: koffie."


def _damaged(folder: Path) -> dict[str, int]:
    """A project whose codings, links and texts are damaged in every way the check knows;
    returns the ids it damaged."""
    with Project.create(folder) as project:
        note = project.add_note(site="Metaal BV", title="Bezoek", text=TEXT)
        other = project.add_note(site="Metaal BV", title="Later", text="Een tweede notitie.")
        broken = project.add_note(site="Metaal BV", title="Kapot", text="Jan")
        project.add_code("Leren")
        fine = project.code_text(note.id, 0, 3, "Leren").id  # "Jan"
        changed = project.code_text(note.id, 4, 9, "Leren").id  # "helpt"
        outside = project.code_text(note.id, 10, 14, "Leren").id  # "Piet"
        lost = project.code_text(note.id, 15, 16, "Leren").id  # the emoji
        timed = project.code_text(other.id, 0, 3, "Leren").id
        loose = project.code_text(other.id, 4, 10, "Leren").id
    conn = database.connect(folder / database.DB_NAME)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE codings SET quote = 'helpte' WHERE id = ?", (changed,))
        conn.execute("UPDATE codings SET start = 40, end = 400 WHERE id = ?", (outside,))
        conn.execute("UPDATE codings SET orphaned = 1 WHERE id = ?", (lost,))
        # a time coding whose end was lost: a start in ms and no end
        conn.execute("UPDATE codings SET start_ms = 500, end_ms = NULL, start = 0, end = 0 "
                     "WHERE id = ?", (timed,))
        conn.execute("UPDATE codings SET coder_id = 999 WHERE id = ?", (loose,))
    finally:
        conn.close()
    # Bytes that are not UTF-8, as another tool could write them: the search index's
    # triggers (whose functions read the text) stand aside for this one write.
    conn = sqlite3.connect(folder / database.DB_NAME, isolation_level=None)
    try:
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = 'documents'").fetchall()
        conn.execute("BEGIN")
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE documents SET text = CAST(x'4a616eff' AS TEXT) WHERE id = ?",
                     (broken.id,))
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return {"fine": fine, "changed": changed, "outside": outside, "lost": lost,
            "timed": timed, "loose": loose, "note": note.id, "broken": broken.id}


def test_every_kind_of_damage_is_one_problem_in_plain_words(tmp_path: Path) -> None:
    ids = _damaged(tmp_path / "K.fieldkit")
    found = check_folder(tmp_path / "K.fieldkit", Progress.silent())
    # the search index cannot read the broken text either; that finding is the index's own
    found = [p for p in found if "checking the search index" not in p.message]
    assert sorted((p.severity, p.message) for p in found) == sorted([
        ("error", f"Coding {ids['changed']} no longer matches its quoted words in document "
                  f"{ids['note']}."),
        ("error", f"Coding {ids['outside']} (40–400) lies outside the text of document "
                  f"{ids['note']}."),
        ("warning", f"Coding {ids['lost']} lost its text in an edit (orphaned): “👍”."),
        ("error", f"Coding {ids['timed']} (500–None ms) is not a stretch of time."),
        ("error", f"Row {ids['loose']} of codings points at a missing coders row."),
        ("error", f"Document {ids['broken']} holds text that is not valid UTF-8 (damaged)."),
    ])


def test_the_command_line_check_lists_them_and_fails(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    ids = _damaged(tmp_path / "K.fieldkit")
    code = main(["-p", str(tmp_path / "K.fieldkit"), "check", "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == 1 and not report["ok"] and "Traceback" not in err
    messages = [p["message"] for p in report["problems"]
                if "checking the search index" not in p["message"]]
    assert f"Coding {ids['timed']} (500–None ms) is not a stretch of time." in messages
    assert len(messages) == 6, messages


def test_an_undamaged_project_has_no_problems(tmp_path: Path) -> None:
    with Project.create(tmp_path / "G.fieldkit") as project:
        note = project.add_note(site="Metaal BV", title="Bezoek", text=TEXT)
        project.add_code("Leren")
        project.code_text(note.id, 15, 16, "Leren")
        end = len(note.text)  # the CRLF is stored as one newline
        project.code_text(note.id, end - 7, end, "Leren")  # "koffie." after it
        assert project.check() == []
    assert check_folder(tmp_path / "G.fieldkit", Progress.silent()) == []
