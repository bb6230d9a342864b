"""Every memo says who wrote it and when (issue 25, defect 6): a memo Anouk writes on Bram's
coding is Anouk's, in the memo list, after undo and redo, in every export and through REFI-QDA;
memo documents have a type and an author; a project of schema step 11 gets its memos' writers
from what it knows."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from fieldkit.project import Project
from fieldkit.storage import database, replica_tables, schema

TEXT = "Bram legt uit 🙂 hoe de kantbank werkt.\r\nAnouk kijkt mee; café-pauze."
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Project]:
    """Bram codes; Anouk writes a memo on Bram's coding, a document memo and a memo."""
    p = Project.create(tmp_path / "Memo.fieldkit", language="nl")
    p.set_coder("Bram", remember=False)
    note = p.add_note(site="Metaal", title="Bezoek", text=TEXT)
    p.add_code("Leren/Voordoen")
    start = TEXT.index("🙂")
    coding = p.code_text(note.id, start, start + 20, "Leren/Voordoen")
    p.code_text(note.id, 0, 4, "Leren/Voordoen", memo="Bram's eigen memo")
    p.set_coder("Anouk", remember=False)
    p.memos.set_coding_memo(coding.id, "Anouk: dit is voordoen, geen uitleg 🙂")
    p.memos.set_document_memo(note.id, "Anouk over het bezoek")
    p.update_code("Leren/Voordoen", memo="Anouk: voordoen is laten zien")
    p.memos.add("Anouk denkt", "Over leren door kijken.", type="reflexive")
    p.add_note(site="Metaal", title="Losse memo", text="Geschreven als notitie.", kind="memo")
    yield p
    p.close()


def test_a_memo_on_anothers_coding_is_its_writers(study: Project) -> None:
    memos = {(m.source, m.text): m for m in study.memos.all()}
    anouks = memos[("coding memo", "Anouk: dit is voordoen, geen uitleg 🙂")]
    assert (anouks.author, anouks.created_by) == ("Anouk", "Anouk")
    assert anouks.modified and anouks.date == anouks.modified[:10]
    bram = memos[("coding memo", "Bram's eigen memo")]
    assert (bram.author, bram.created_by) == ("Bram", "Bram")
    assert memos[("document memo", "Anouk over het bezoek")].author == "Anouk"
    assert memos[("code memo", "Anouk: voordoen is laten zien")].author == "Anouk"
    assert memos[("memo", "Over leren door kijken.")].author == "Anouk"
    loose = memos[("memo", "Geschreven als notitie.")]
    assert (loose.type, loose.author, loose.created_by) == ("theoretical", "Anouk", "Anouk")
    # the coding is still Bram's
    coding = study.coding(anouks.id)
    assert study.coder_name(coding.coder_id) == "Bram"


def test_a_later_writer_is_the_author_and_the_first_stays(study: Project) -> None:
    coding = next(c for c in study.codings() if c.memo == "Bram's eigen memo")
    memo = next(m for m in study.memos.all() if m.title.startswith("Anouk denkt"))
    study.set_coder("Bram", remember=False)
    study.memos.set_coding_memo(coding.id, "Bram herschrijft")
    study.set_coder("Anouk", remember=False)
    study.memos.set_coding_memo(coding.id, "Anouk vult aan")
    study.set_coder("Bram", remember=False)
    study.memos.update(memo.id, text="Bram schrijft verder")
    by_text = {m.text: m for m in study.memos.all()}
    assert (by_text["Anouk vult aan"].author, by_text["Anouk vult aan"].created_by) == \
        ("Anouk", "Bram")
    assert (by_text["Bram schrijft verder"].author,
            by_text["Bram schrijft verder"].created_by) == ("Bram", "Anouk")
    # undo puts back the text with its writer, redo the other way round
    study.undo()
    assert (study.memos.get(memo.id).text, study.memos.get(memo.id).author) == \
        ("Over leren door kijken.", "Anouk")
    study.undo()
    back = study.coding(coding.id)
    assert (back.memo, study.coder_name(back.memo_modified_by)) == ("Bram herschrijft", "Bram")
    study.redo()
    again = study.coding(coding.id)
    assert (again.memo, study.coder_name(again.memo_modified_by)) == ("Anouk vult aan", "Anouk")
    assert study.coder_name(again.memo_by) == "Bram"
    study.redo()
    assert study.memos.get(memo.id).author == "Bram"
    # an emptied memo has no writer; undo brings both back
    study.memos.set_coding_memo(coding.id, "")
    assert study.coding(coding.id).memo_modified_by is None
    study.undo()
    assert study.coder_name(study.coding(coding.id).memo_modified_by) == "Anouk"


def test_undoing_the_first_memo_on_bram_s_coding(study: Project) -> None:
    anouks = next(c for c in study.codings() if c.memo.startswith("Anouk:"))
    label = study.undo_label()
    while label and "memo" not in label.lower() and "coding" not in label.lower():
        study.undo()
        label = study.undo_label()
    while study.coding(anouks.id).memo:
        study.undo()
    assert study.coding(anouks.id).memo_modified_by is None
    assert all(m.text != anouks.memo for m in study.memos.all())
    while study.redo() is not None:
        pass
    assert study.coder_name(study.coding(anouks.id).memo_modified_by) == "Anouk"


def test_exports_name_the_memos_writer(study: Project, tmp_path: Path) -> None:
    files = study.exports.csv(tmp_path / "csv")
    segments = next(Path(f) for f in files if Path(f).name.startswith("segments"))
    with open(segments, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_memo = {r["Memo"]: (r["Coder"], r["Memo by"]) for r in rows if r["Memo"]}
    assert by_memo == {"Anouk: dit is voordoen, geen uitleg 🙂": ("Bram", "Anouk"),
                       "Bram's eigen memo": ("Bram", "Bram")}
    codebook = next(Path(f) for f in files if Path(f).name.startswith("codebook"))
    with open(codebook, encoding="utf-8-sig", newline="") as fh:
        code = next(r for r in csv.DictReader(fh) if r["Memo"])
    assert code["Memo by"] == "Anouk"
    # the Word report names the memo's writer beside Bram's quote
    report = study.exports.docx(tmp_path / "report.docx")
    with zipfile.ZipFile(report) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Memo (Anouk): " in body and "Memo: " in body  # Bram's own memo: no name


def test_the_memo_trail_names_writer_and_first_author(study: Project, tmp_path: Path) -> None:
    from fieldkit.exporters.memo_trail import write_memo_trail

    memo = next(m for m in study.memos.all() if m.title == "Anouk denkt")
    study.set_coder("Bram", remember=False)
    study.memos.update(memo.id, text="Bram schrijft verder")
    out = write_memo_trail(study, tmp_path / "trail.docx")
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Bram (first written by Anouk)" in body
    assert "coding memo · " in body and "· Anouk<" in body


def test_refi_qda_carries_every_memos_writers_both_ways(study: Project, tmp_path: Path) -> None:
    memo = next(m for m in study.memos.all() if m.title == "Anouk denkt")
    study.set_coder("Bram", remember=False)
    study.memos.update(memo.id, text="Bram schrijft verder")
    out = study.exports.qdpx(tmp_path / "memo.qdpx")
    users = {c.name: c.uuid for c in study.coders()}
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("project.qde"))
    notes = {n.findtext("q:PlainTextContent", namespaces=NS) or "": n
             for n in root.iterfind("q:Notes/q:Note", NS)}
    on_coding = notes["Anouk: dit is voordoen, geen uitleg 🙂"]
    assert on_coding.get("creatingUser") == users["Anouk"]
    assert on_coding.get("modifyingUser") is None  # nobody else changed it
    assert notes["Anouk over het bezoek"].get("creatingUser") == users["Anouk"]
    assert notes["Anouk: voordoen is laten zien"].get("creatingUser") == users["Anouk"]
    rewritten = next(n for n in root.iterfind("q:Notes/q:Note", NS)
                     if n.get("name") == "Anouk denkt")
    assert (rewritten.get("creatingUser"), rewritten.get("modifyingUser")) == \
        (users["Anouk"], users["Bram"])
    assert rewritten.get("modifiedDateTime") >= rewritten.get("creationDateTime")
    back = Project.import_qdpx(out, tmp_path / "back.fieldkit")
    try:
        def seen(p: Project) -> set[tuple[str, str, str, str]]:
            return {(m.source, m.text, m.author, m.created_by) for m in p.memos.all()}
        assert seen(back) == seen(study)
        anouks = next(c for c in back.codings() if c.memo.startswith("Anouk:"))
        original = next(c for c in study.codings() if c.memo.startswith("Anouk:"))
        assert back.coder_name(anouks.coder_id) == "Bram"
        assert (anouks.memo_created, anouks.memo_modified) == \
            (original.memo_created, original.memo_modified)
        # the imported project exports the same project.qde again
        again = back.exports.qdpx(tmp_path / "again.qdpx")
        with zipfile.ZipFile(out) as a, zipfile.ZipFile(again) as b:
            assert a.read("project.qde") == b.read("project.qde")
    finally:
        back.close()


# -- the migration ---------------------------------------------------------------------


def build_step_11(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """A project as fieldkit of schema step 11 wrote it: Bram's codings, Anouk's memo on one
    of them (in the change log), one coding memo written without a log entry, a document memo
    by Anouk, a memo document with details and one without."""
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:11])
        with Project.create(path) as p:
            p.set_coder("Bram", remember=False)
            note = p.add_note(site="Metaal", title="Bezoek", text=TEXT)
            p.add_code("Leren/Voordoen", memo="Bram over de code")
            first = p.code_text(note.id, 0, 4, "Leren/Voordoen", memo="Bram eerst")
            second = p.code_text(note.id, 5, 9, "Leren/Voordoen")
            third = p.code_text(note.id, 10, 14, "Leren/Voordoen")
            p.set_coder("Anouk", remember=False)
            p.memos.set_coding_memo(second.id, "Anouk op Bram's codering")
            p.memos.set_coding_memo(first.id, "Anouk herschrijft")
            p.memos.set_document_memo(note.id, "Anouk over het bezoek")
            with p._store.change("no log", log=False):
                p._store.update_coding(third.id, {"memo": "zonder logboek"})
            memo = p.add_note(site="Metaal", title="Losse memo", text="tekst", kind="memo")
            with p._store.change("details"):
                p._store.insert("memo_info", {"document_id": memo.id, "type": "reflexive",
                                              "author": "Bram", "date": "2026-03-01"})
            bare = p.add_note(site="Metaal", title="Kale memo", text="tekst", kind="memo")
            conn = p._store.conn
            version, found = replica_tables.schema_of(conn)
            assert version == 11
            assert found - replica_tables.SQLITE_OWN == replica_tables.expected_schema(11), \
                found ^ replica_tables.expected_schema(11)
            return {"first": first.id, "second": second.id, "third": third.id,
                    "note": note.id, "memo": memo.id, "bare": bare.id}


def test_a_project_of_step_11_gets_its_memos_writers(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Oud.fieldkit"
    ids = build_step_11(path, monkeypatch)
    with Project.open(path, readonly=True) as old:  # read as it is: the coding's coder
        assert {m.text: m.author for m in old.memos.all() if m.source == "coding memo"} == {
            "Anouk herschrijft": "Bram", "Anouk op Bram's codering": "Bram",
            "zonder logboek": "Bram"}
    with Project.open(path) as p:
        latest = schema.latest_version()
        assert p._store.value("PRAGMA user_version") == latest >= 12  # step 12: the writers
        found = replica_tables.schema_of(p._store.conn)[1] - replica_tables.SQLITE_OWN
        assert found == replica_tables.expected_schema(latest)
        memos = {m.text: m for m in p.memos.all()}
        # the change log says Anouk wrote these, and who wrote first
        assert (memos["Anouk herschrijft"].author, memos["Anouk herschrijft"].created_by) == \
            ("Anouk", "Bram")
        assert (memos["Anouk op Bram's codering"].author,
                memos["Anouk op Bram's codering"].created_by) == ("Anouk", "Anouk")
        assert memos["Anouk over het bezoek"].author == "Anouk"
        assert memos["Bram over de code"].author == "Bram"
        # no record: the coding's coder, from when the coding was made
        unlogged = p.coding(ids["third"])
        assert memos["zonder logboek"].author == "Bram"
        assert unlogged.memo_created == unlogged.created
        # memo documents: details kept, and made where there were none
        bare = p.memos.get(ids["bare"])
        assert (bare.type, bare.author) == ("theoretical", "")
        assert p.memos.get(ids["memo"]).type == "reflexive"
        assert p.memos.get(ids["memo"]).author == "Bram"
        assert [x for x in p.check() if x.severity == "error"] == []
        # and new memos are stamped as usual
        p.set_coder("Anouk", remember=False)
        p.memos.set_coding_memo(ids["third"], "nu wel")
        assert p.coder_name(p.coding(ids["third"]).memo_modified_by) == "Anouk"
    backups = list((path / database.BACKUPS).glob("*before-migration-v11*.sqlite"))
    assert len(backups) == 1
    old_db = sqlite3.connect(backups[0])
    assert old_db.execute("PRAGMA user_version").fetchone()[0] == 11
    old_db.close()


def test_the_command_line_lists_each_memos_writer(study: Project,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from fieldkit.cli import main

    path = study.path
    study.close()
    assert main(["-p", str(path), "memo", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    by_text = {m["text"]: m for m in listed}
    anouks = by_text["Anouk: dit is voordoen, geen uitleg 🙂"]
    assert (anouks["source"], anouks["author"], anouks["created_by"]) == \
        ("coding memo", "Anouk", "Anouk")
    loose = by_text["Geschreven als notitie."]
    assert (loose["type"], loose["author"]) == ("theoretical", "Anouk")
    assert main(["-p", str(path), "memo", "list"]) == 0
    table = capsys.readouterr().out
    line = next(x for x in table.splitlines() if "coding memo" in x and "Bezoek" in x
                and "Bram's" not in x)
    assert "Anouk" in line and "Bram" not in line
    # a memo said to be written by a colleague is theirs (a blank name: the current coder)
    assert main(["-p", str(path), "memo", "add", "--title", "Van Bram", "--author", "bram",
                 "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert (made["author"], made["created_by"]) == ("Bram", "Bram")


def test_a_merge_keeps_who_wrote_each_memo(study: Project, tmp_path: Path) -> None:
    """A colleague's project merged in brings its memos with their writers (not the
    merger's), memo documents with their type."""
    with Project.create(tmp_path / "Ons.fieldkit") as ours:
        ours.set_coder("Lotte", remember=False)
        ours.merge.project(study.path)
        seen = {(m.source, m.text, m.type, m.author, m.created_by) for m in ours.memos.all()}
    assert seen == {(m.source, m.text, m.type, m.author, m.created_by)
                    for m in study.memos.all()}
    assert all("Lotte" not in (row[3], row[4]) for row in seen)
