"""Importing a transcript is linear in its turns (issue 22, item 7).

No clock: the work is counted. The search index's triggers call Python functions registered on
the connection; what SQLite hands those functions (characters of text and bytes of offsets) is
what made a 16,000-turn import take 39 s, as every turn handed the whole document over three
times. Here the same transcript shape is imported with n and 2n turns and the characters handed
over must grow about twice, not four times. The index that results must still be exactly what
``check`` computes from the data.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import fieldkit.index  # noqa: F401  (registers the SQL functions counted here)
from fieldkit.project import Project
from fieldkit.storage import database, search_tables

ROOT = Path(__file__).resolve().parents[2]
LINES = ("Jan legt uit hoe de kantbank werkt 😀 en waarom het café dichtging.",
         "Piet: dat klopt, e\u0301én keer per week komt de coördinator langs.",
         "Ze werken in ploegen; de nachtploeg leert het meest van elkaar.")


def transcript(turns: int) -> str:
    return "".join(f"[00:{i // 60 % 60:02d}:{i % 60:02d}] Spreker {i % 3}: {LINES[i % 3]}\r\n"
                   for i in range(turns))


@pytest.fixture
def handed_over(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the characters and bytes SQLite hands to every fieldkit SQL function."""
    total = [0]

    def counting(func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            total[0] += sum(len(a) for a in args if isinstance(a, str | bytes))
            return func(*args)
        return wrapper

    for name, (nargs, func) in list(database.FUNCTIONS.items()):
        monkeypatch.setitem(database.FUNCTIONS, name, (nargs, counting(func)))  # type: ignore
    yield total


def _import(tmp_path: Path, name: str, text: str, counter: list[int]) -> tuple[int, Project]:
    project = Project.create(tmp_path / f"{name}.fieldkit")
    source = tmp_path / f"{name}.txt"
    source.write_bytes(text.encode("utf-8"))
    counter[0] = 0
    project.imports.files([source], kind="transcript")
    return counter[0], project  # read before anything else calls the functions


def test_the_work_of_importing_turns_grows_linearly(tmp_path: Path,
                                                    handed_over: list[int]) -> None:
    n = 600
    small, p1 = _import(tmp_path, "small", transcript(n), handed_over)
    large, p2 = _import(tmp_path, "large", transcript(2 * n), handed_over)
    # Before the fix: 3 × turns × the whole text (1.7 M characters for n, 6.9 M for 2n).
    assert large <= 2.3 * small, (small, large)
    for project, turns in ((p1, n), (p2, 2 * n)):
        assert len(project.turns(1)) == turns
        assert project.index.problems() == []  # every turn's row is what the data says
        assert project._store.value("SELECT count(*) FROM search_regions") == turns
        assert project._store.value("SELECT count(*) FROM search_pending") == 0
        project.close()


def test_undo_and_redo_of_an_import_grow_linearly(tmp_path: Path,
                                                  handed_over: list[int]) -> None:
    work = []
    for n in (300, 600):
        _, project = _import(tmp_path, f"u{n}", transcript(n), handed_over)
        handed_over[0] = 0
        project.undo()
        assert project.documents() == []
        project.redo()
        work.append(handed_over[0])
        assert len(project.turns(project.documents()[0].id)) == n
        assert project.index.problems() == []
        project.close()
    assert work[1] <= 2.3 * work[0], work


def test_checking_a_long_transcript_grows_linearly_and_still_finds_damage(
        tmp_path: Path, handed_over: list[int]) -> None:
    work = []
    for n in (300, 600):
        _, project = _import(tmp_path, f"c{n}", transcript(n), handed_over)
        handed_over[0] = 0
        assert project.index.problems() == []
        work.append(handed_over[0])
        conn = project._store.conn
        first, last = conn.execute("SELECT min(rowid), max(rowid) FROM search_regions").fetchone()
        conn.execute("DELETE FROM search_regions WHERE rowid = ?", (last,))
        assert "out of step with 1 text" in project.index.problems()[0].message
        conn.execute("UPDATE search_regions SET words = 'iets anders' WHERE rowid = ?", (first,))
        assert "out of step with 2 text" in project.index.problems()[0].message
        project.close()
    assert work[1] <= 2.3 * work[0], work


def test_turn_rows_are_the_words_inside_each_turn(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.fieldkit")
    source = tmp_path / "t.txt"
    source.write_text(transcript(9), encoding="utf-8")
    [doc] = project.imports.files([source], kind="transcript")
    text = doc.text
    hits = project.search('speaker:"Spreker 1" coördinator').hits
    assert hits, "the word said by Spreker 1 is found in Spreker 1's turns"
    for hit in hits:
        turn = next(t for t in project.turns(doc.id) if t.start <= hit.start < t.end)
        assert turn.speaker == "Spreker 1"
        assert text[hit.start:hit.end].lower() == "coördinator"
    assert not project.search('speaker:"Spreker 0" coördinator').hits
    project.close()


def test_rewriting_a_texts_coded_segments_hands_the_text_over_once(tmp_path: Path,
                                                             handed_over: list[int]) -> None:
    def edited(codings: int) -> int:
        project = Project.create(tmp_path / f"e{codings}.fieldkit")
        doc = project.add_note(site="Metaal BV", title="Notitie",
                               text="Jan werkt hier. " * codings)
        project.add_code("Leren")
        for i in range(codings):
            project.code_text(doc.id, i * 16, i * 16 + 3, "Leren")
        handed_over[0] = 0
        project.edit_text(doc.id, doc.text + "Einde.")  # no coding moves: one trigger
        work = handed_over[0]
        assert project.index.problems() == []
        project.close()
        return work

    small, large = edited(150), edited(300)
    assert large <= 2.3 * small, (small, large)


def test_an_old_project_gets_the_new_triggers(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "old.fieldkit")
    conn = project._store.conn
    # Put back the triggers of schema 9 (the whole text handed over three times per turn).
    for name, body in (("search_turn_added",
                        f"{search_tables._regions_insert(search_tables.TURN, 'c.id = new.id')} "
                        f"{search_tables._PEOPLE.format(name='new.speaker')}"),
                       ("search_document_text",
                        "DELETE FROM search_index WHERE rowid = old.id * 8; "
                        f"{search_tables._DOC_TEXT} {search_tables._DOC_REGIONS}")):
        event = "INSERT ON turns" if name == "search_turn_added" else \
            "UPDATE OF text, kind ON documents"
        conn.execute(f"DROP TRIGGER {name}")
        conn.execute(f"CREATE TRIGGER {name} AFTER {event} BEGIN {body} END")
    conn.execute("DROP TRIGGER search_document_regions")  # schema step 11's
    conn.execute("DROP TABLE search_pending")
    conn.execute("PRAGMA user_version = 9")
    project.close()
    project = Project.open(tmp_path / "old.fieldkit")
    sql = dict(project._store.rows("SELECT name, sql FROM sqlite_master WHERE name IN "
                                  "('search_turn_added', 'search_document_regions')"))
    assert "fk_region_prime" in sql["search_turn_added"]
    assert "fk_region_load" in sql["search_document_regions"]
    source = tmp_path / "t.txt"
    source.write_text(transcript(40), encoding="utf-8")
    project.imports.files([source], kind="transcript")
    assert project.index.problems() == []
    project.close()


def test_a_text_too_long_for_one_document_is_refused(tmp_path: Path) -> None:
    from fieldkit.importers import MAX_PLAIN_BYTES, MAX_TEXT_CHARS

    project = tmp_path / "p.fieldkit"
    Project.create(project).close()
    long_text = tmp_path / "diary.txt"
    long_text.write_bytes(b"woord " * (MAX_TEXT_CHARS // 6 + 1))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:  # sparse: refused by its size, never read
        out.truncate(MAX_PLAIN_BYTES + 1)
    for path, words in ((long_text, "too long"), (huge, "too large")):
        done = subprocess.run([sys.executable, "-m", "fieldkit", "-p", str(project), "import",
                               str(path)], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and path.name in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    with Project.open(project) as p:
        assert p.documents() == []
