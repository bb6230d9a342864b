"""The document list is read once and kept until the data changes (the window's panes each
list every document when a project opens); any change, here or by another process, is seen."""

from __future__ import annotations

from pathlib import Path

from fieldkit import Project


def fresh(project: Project) -> list[tuple[int, str, int]]:
    """The truth, read past the kept list."""
    return [(d.id, d.title, d.codings) for d in project._store._read_summaries(None, None, None)]


def listed(project: Project) -> list[tuple[int, str, int]]:
    return [(d.id, d.title, d.codings) for d in project.documents()]


def test_every_change_is_seen_in_the_list(tmp_path: Path) -> None:
    with Project.create(tmp_path / "P.fieldkit") as p:
        doc = p.add_note(site="Hendriks", title="Ochtend", text="Henk legt de kantbank uit. 😀")
        code = p.add_code("Leren/Kijken")
        assert listed(p) == fresh(p) == [(doc.id, "Ochtend", 0)]
        p.code_text(doc.id, 0, 4, code.id)
        assert listed(p) == fresh(p) == [(doc.id, "Ochtend", 1)]
        p.undo()
        assert listed(p)[0][2] == 0
        p.redo()
        assert listed(p)[0][2] == 1
        second = p.add_note(site="Hendriks", title="Middag", text="Kees probeert het zelf.")
        assert [d[0] for d in listed(p)] == [doc.id, second.id]
        p.delete_document(second.id)
        assert listed(p) == fresh(p)
        kept = p.documents()
        kept.clear()  # a caller's own copy: the kept list is not touched
        assert listed(p) == fresh(p)


def test_a_commit_by_another_process_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "P.fieldkit"
    with Project.create(folder) as writer:
        writer.add_note(site="Hendriks", title="Ochtend", text="Henk legt uit.")
    with Project.open(folder, readonly=True) as reader:
        assert len(listed(reader)) == 1
        with Project.open(folder) as writer:
            writer.add_note(site="Hendriks", title="Middag", text="Kees probeert.")
        assert [d[1] for d in listed(reader)] == ["Ochtend", "Middag"]


def test_the_list_is_read_from_its_index_not_the_texts(tmp_path: Path) -> None:
    """Listing documents reads the ``documents_listed`` index (schema step 17): a document's
    row holds its text before the listed columns, so a scan of the table reads every text.
    What the list shows equals the table's own columns, read directly."""
    with Project.create(tmp_path / "P.fieldkit") as p:
        note = p.add_note(site="Hendriks", visit="2026-03-02", title="Ochtend",
                          text="Henk legt de kantbank uit. 😀\r\nÉén keer.")
        p.add_note(site="Smit", title="Geheugen", text="Kees " * 5000, kind="memo")
        p.code_text(note.id, 0, 4, p.add_code("Leren/Kijken").id)
        store = p._store
        for where in ([], ["d.kind = ?"]):
            plan = " ".join(str(r[3]) for r in store.conn.execute(
                "EXPLAIN QUERY PLAN " + store.summaries_sql(where), ["memo"] if where else []))
            assert "SCAN d USING COVERING INDEX documents_listed" in plan, plan
        truth = [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in store.conn.execute(
            "SELECT id, uuid, kind, title, chars, created FROM documents ORDER BY id")]
        shown = [(d.id, d.uuid, d.kind, d.title, d.chars, d.created) for d in p.documents()]
        assert shown == truth
        assert [d.title for d in p.documents(kind="memo")] == ["Geheugen"]
        assert [(d.site, d.visit, d.codings) for d in p.documents()] == [
            ("Hendriks", "2026-03-02", 1), ("Smit", None, 0)]
