"""Sets and memos on the facade: made, used as filters, undone; links survive edits and undo."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fieldkit.core.errors import BadInput, NotFound
from tests.analysis.conftest import Hand


def test_sets_by_hand_from_a_query_and_from_attributes(hand: Hand) -> None:
    p = hand.project
    made = p.sets.add("Notes", "documents", [hand.note], description="hand")
    assert (made.kind, made.members, made.labels) == ("documents", [hand.note], ["Notitie"])
    assert p.sets.add_from_query("Met E", "E").members == [hand.note]
    codes = p.sets.add("Kern", "codes", ["A", "B"])
    assert codes.labels == ["A", "B"]
    assert [s.name for s in p.sets.all()] == ["Kern", "Met E", "Notes"]
    found = p.analysis.relations(mode="document", code_set="Kern")
    assert [c.path for c in found.codes] == ["A", "B"]
    p._store.update_document(hand.talk, {"attributes": {"shift": "nacht"}})
    assert p.sets.add_from_attribute("Nacht", "shift", "NACHT").members == [hand.talk]


@pytest.mark.parametrize("call", [
    lambda p: p.sets.add("Leeg", "documents", []),
    lambda p: p.sets.add_from_query("Leeg", "A AND E"),
    lambda p: p.sets.add_from_attribute("Leeg", "shift", "nacht"),
    lambda p: p.sets.add("", "documents", [1]),
    lambda p: p.sets.add("X", "people", [1]),
])
def test_empty_or_bad_sets_are_refused_and_nothing_changes(hand: Hand, call) -> None:  # type: ignore[no-untyped-def]
    before = hand.project.undo_label()
    with pytest.raises(BadInput) as raised:
        call(hand.project)
    assert "\n" not in str(raised.value)
    assert hand.project.sets.all() == [] and hand.project.undo_label() == before


def test_a_set_of_the_wrong_kind_or_unknown_is_refused(hand: Hand) -> None:
    hand.project.sets.add("Kern", "codes", ["A"])
    with pytest.raises(BadInput):
        hand.project.analysis.relations(document_set="Kern")
    with pytest.raises(NotFound):
        hand.project.analysis.relations(document_set="Nope")
    with pytest.raises(BadInput):
        hand.project.sets.add("kern", "codes", ["B"])  # names are unique, in any case


def test_deleting_a_member_or_the_set_is_undoable(hand: Hand) -> None:
    p = hand.project
    p.sets.add("Beide", "documents", [hand.note, hand.talk])
    p.delete_document(hand.talk)
    assert p.sets.get("Beide").members == [hand.note]
    p.undo()
    assert p.sets.get("Beide").members == [hand.note, hand.talk]
    p.sets.delete("Beide")
    assert p.sets.all() == []
    p.undo()
    assert p.sets.get("Beide").members == [hand.note, hand.talk]


def test_memos_have_type_author_date_and_links(hand: Hand) -> None:
    p = hand.project
    memo = p.memos.add("Over A", "A en B horen bij elkaar.", type="theoretical",
                       date="2026-03-03")
    assert (memo.type, memo.author, memo.date) == ("theoretical", "Anouk", "2026-03-03")
    other = p.memos.add("Dagboek", "Lange dag.", type="veldnotitie-dagboek")
    coding = p.codings(code="A", doc=hand.note)[0]
    for target, ref in (("coding", coding.id), ("code", "B"), ("document", hand.talk),
                        ("memo", other.id)):
        p.memos.link(memo.id, target, ref)
    links = p.memos.get(memo.id).links
    assert [(x.target, x.label) for x in links] == [
        ("coding", "Notitie: \u201caa bb cc\u201d"), ("code", "B"), ("document", "Gesprek"),
        ("memo", "Dagboek")]
    assert "veldnotitie-dagboek" in p.memos.types()
    assert [m.title for m in p.memos.linked_to("code", "B")] == ["Over A"]
    assert [m.title for m in p.memos.all(type="theoretical")] == ["Over A"]
    assert [m.title for m in p.memos.all(text="lange")] == ["Dagboek"]


def test_memo_links_survive_text_edits_and_undo(hand: Hand) -> None:
    p = hand.project
    memo = p.memos.add("Over A", "")
    coding = p.codings(code="A", doc=hand.note)[0]
    link = p.memos.link(memo.id, "coding", coding.id)
    p.edit_text(hand.note, "Nieuw begin. " + p.document(hand.note).text)
    moved = p.memos.get(memo.id).links
    assert [x.id for x in moved] == [link.id] and moved[0].label.endswith("\u201caa bb cc\u201d")
    assert p.coding(coding.id).start == 13
    p.uncode(coding.id)
    assert p.memos.get(memo.id).links == []
    p.undo()
    assert [x.id for x in p.memos.get(memo.id).links] == [link.id]
    p.undo()  # the edit
    p.undo()  # the link
    assert p.memos.get(memo.id).links == []
    p.redo()
    assert [x.id for x in p.memos.get(memo.id).links] == [link.id]


def test_older_memos_are_listed_beside_memo_documents(hand: Hand) -> None:
    p = hand.project
    p.update_code("A", memo="A is breed.")
    p.memos.set_coding_memo(p.codings(code="E")[0].id, "Waarom hier?")
    p.memos.set_document_memo(hand.talk, "Goed gesprek.")
    sources = {m.source: m.text for m in p.memos.all()}
    assert sources == {"code memo": "A is breed.", "coding memo": "Waarom hier?",
                       "document memo": "Goed gesprek."}


def test_a_jotting_expands_into_a_fieldnote_that_links_back(hand: Hand) -> None:
    full = hand.project.memos.expand(hand.note)
    assert full.kind == "fieldnote" and full.text == hand.project.document(hand.note).text
    assert hand.project.memos.expanded_from(full.id) == hand.note
    with pytest.raises(BadInput):
        hand.project.memos.expand(hand.talk)


@pytest.mark.parametrize("call,error", [
    (lambda p: p.memos.add(""), BadInput),
    (lambda p: p.memos.add("T", type=" "), BadInput),
    (lambda p: p.memos.add("T", date="gisteren"), BadInput),
    (lambda p: p.memos.link(1, "coding", 1), NotFound),  # document 1 is not a memo
])
def test_bad_memo_input(hand: Hand, call, error) -> None:  # type: ignore[no-untyped-def]
    before = hand.project.undo_label()
    with pytest.raises(error):
        call(hand.project)
    assert hand.project.undo_label() == before


def test_memo_trail_in_word(hand: Hand, tmp_path: Path) -> None:
    from fieldkit.exporters.memo_trail import write_memo_trail

    p = hand.project
    memo = p.memos.add("Over A", "Eerste gedachte.", date="2026-03-01")
    p.memos.link(memo.id, "coding", p.codings(code="A", doc=hand.note)[0].id)
    p.memos.add("Later", "Tweede gedachte.", date="2026-03-09", type="reflexive")
    out = write_memo_trail(p, tmp_path / "trail.docx")
    text = [para.text for para in docx.Document(str(out)).paragraphs]
    assert text.index("Over A") < text.index("Later")
    assert "aa bb cc" in text and "Eerste gedachte." in text
    again = write_memo_trail(p, tmp_path / "again.docx")
    assert out.read_bytes() == again.read_bytes()


def test_an_older_project_opened_read_only_has_no_sets_memos_or_queries_yet(
        hand: Hand) -> None:
    from fieldkit import Project

    p = hand.project
    memo = p.memos.add("Oud", "tekst")
    with p._store.change("back to v5", log=False):
        for table in ("links", "memo_info", "set_members", "sets", "saved_queries"):
            p._store.conn.execute(f"DROP TABLE {table}")
        p._store.conn.execute("PRAGMA user_version = 5")
    path = p.path
    p.close()
    with Project.open(path, readonly=True) as old:
        assert old.sets.all() == [] and old.analysis.saved_queries() == []
        assert [(m.title, m.links) for m in old.memos.all()] == [("Oud", [])]
        assert old.analysis.relations(["A", "B"]).counts[0][1] == 2
        with pytest.raises(NotFound):
            old.sets.get("x")
    with Project.open(path) as upgraded:
        assert upgraded.memos.get(memo.id).title == "Oud" and upgraded.sets.all() == []
