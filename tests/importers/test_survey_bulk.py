"""A survey stored in bulk (``Store.add_documents``: rows hundreds a statement, regions sliced
from the documents' own words): undo and redo restore every row exactly, and the search index
is whole and finds what a scan over the answers finds, after the import, its undo and redo."""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from pathlib import Path

from fieldkit.project import Project

PIECES = (
    "Ik leer het meest van de oudere collega's op de afdeling.",
    "Ahmed liet me zien hoe je de kantbank instelt voor dun plaat.",
    "Café-gesprekken in de pauze leveren verrassend veel tips op 😀.",
    "De coördinator legt alles rustig uit,\r\nook als het druk is.",
    "De coo\u0308rdinatie van de ploegen loopt via de kantbank-planning.",
    "Eén keer te veel vragen is beter dan één keer te weinig 👍🏽.",
)
OPEN = ("leren", "hulp", "techniek")
WORDS = ("kantbank", "cafe", "coordinator", "coordinatie", "een", "tips", "planning")


def _survey(folder: Path, respondents: int = 90) -> tuple[Path, dict[str, dict[str, str]]]:
    """A survey CSV (accents, combining marks, emoji, CRLF inside answers, blanks) and its
    answers per respondent and open question."""
    rng = random.Random(7)
    answers: dict[str, dict[str, str]] = {}
    rows = [["respondent", *OPEN, "afdeling", "jaren"]]
    for n in range(respondents):
        who = f"R{n:03d}"
        given = {q: "" if rng.random() < 0.2 else " ".join(rng.sample(PIECES, rng.randint(1, 3)))
                 for q in OPEN}
        if n % 17 == 0:
            given = dict.fromkeys(OPEN, "")
        answers[who] = given
        rows.append([who, *given.values(), rng.choice(("Lasserij", "Montage")),
                     str(rng.randint(0, 30))])
    path = folder / "bulk.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path, answers


def _rows(project: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the change log and the search index's own."""
    conn = project._store.conn
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%' "
        "AND name NOT LIKE 'sqlite%' AND name NOT IN ('change_log', 'outbox')")]
    return {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in tables}


def _fold(text: str) -> set[str]:
    words = re.findall(r"[^\W_]+(?:[\u0300-\u036f]+[^\W_]*)*", text.replace("\r\n", "\n"))
    return {"".join(c for c in unicodedata.normalize("NFKD", w.casefold())
                    if c.isalnum() and not unicodedata.combining(c)) for w in words}


def _same_hits_as_a_scan(project: Project, answers: dict[str, dict[str, str]]) -> None:
    titles = {d.title.rsplit(" — ", 1)[1]: d.id for d in project.documents()
              if d.title.startswith("bulk — ")}
    for question in OPEN:
        for word in WORDS:
            found = {h.document_id for h in project.search(
                f'speaker:{question} "{word}"', limit=10_000).hits}
            scan = {titles[who] for who, given in answers.items()
                    if word in _fold(given[question])}
            assert found == scan, (question, word)


def test_undo_and_redo_restore_every_row_and_the_index(tmp_path: Path) -> None:
    path, answers = _survey(tmp_path)
    with Project.create(tmp_path / "B.fieldkit", name="Bulk") as project:
        project.add_note(site="Metaal BV", title="Eerder", text="Jan helpt Piet bij de kantbank.")
        before = _rows(project)
        done = project.imports.survey(path)
        assert done is not None and len(done.documents) == sum(
            any(given.values()) for given in answers.values())
        after = _rows(project)
        assert project.index.problems() == []
        _same_hits_as_a_scan(project, answers)
        assert project.undo_label() == "Import survey bulk"
        project.undo()
        assert _rows(project) == before
        assert project.index.problems() == []
        assert project.search('"cafe"').hits == []
        project.redo()
        assert _rows(project) == after
        assert project.index.problems() == []
        _same_hits_as_a_scan(project, answers)


def test_the_change_log_holds_every_row_as_stored(tmp_path: Path) -> None:
    """What the change log (undo, the team's outbox) records of the bulk rows is each row as
    the table holds it, one change per row, in id order."""
    path, _ = _survey(tmp_path, 40)
    with Project.create(tmp_path / "C.fieldkit", name="Bulk") as project:
        project.imports.survey(path)
        conn = project._store.conn
        logged = json.loads(conn.execute(
            "SELECT changes FROM change_log ORDER BY id DESC LIMIT 1").fetchone()[0])
        for table in ("documents", "turns", "cases", "case_documents"):
            inserted = [c for c in logged if c[0] == table]
            stored = [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
            assert stored and [c[1] for c in inserted] == [r["id"] for r in stored]
            assert [c[3] for c in inserted] == stored
            assert all(c[2] is None for c in inserted)
