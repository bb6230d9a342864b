"""Editing a fieldnote: codings move with their words, or are flagged orphaned — never drift."""

from __future__ import annotations

from fieldkit import Project
from fieldkit.core.anchoring import Anchor, EditMap, place

NOTE = ("09:14 Jan laat Piet zien hoe de kantbank werkt.\n"
        "09:20 Coördinatie met de planner 👍 loopt via WhatsApp.\n"
        "09:31 Piet probeert het zelf; één fout, daarna goed.")


def _code(project: Project, words: str, code: str) -> int:
    text = project.document(1).text
    start = text.index(words)
    return project.code_text(1, start, start + len(words), code).id


def test_insert_before_moves_codings_with_their_text(noted: Project) -> None:
    cid = _code(noted, "Coördinatie met de planner 👍", "Leren/Informeel/Collega helpt")
    report = noted.edit_text(1, "08:55 Aankomst, koffie ☕ met de ploegleider.\n" + NOTE)
    coding = noted.coding(cid)
    text = noted.document(1).text
    assert text[coding.start:coding.end] == "Coördinatie met de planner 👍"
    assert (report.moved, report.orphaned) == (1, 0)
    assert noted.check() == []


def test_deleted_words_orphan_the_coding_and_keep_it(noted: Project) -> None:
    cid = _code(noted, "één fout, daarna goed", "Leren/Informeel/Uitproberen")
    kept = _code(noted, "Jan laat Piet zien", "Leren/Informeel/Collega helpt")
    report = noted.edit_text(1, NOTE.split("09:31")[0].rstrip("\n"))
    orphan = noted.coding(cid)
    assert orphan.orphaned and orphan.quote == "één fout, daarna goed"
    assert report.orphaned == 1 and report.kept == 1
    assert not noted.coding(kept).orphaned
    problems = noted.check()
    assert [p.severity for p in problems] == ["warning"]
    noted.undo()  # the edit is one undo step: text and codings come back together
    back = noted.coding(cid)
    assert not back.orphaned and noted.document(1).text == NOTE


def test_repeated_words_pick_the_occurrence_with_matching_context() -> None:
    old = "Piet helpt. Daarna koffie. Piet helpt. Einde."
    anchor = Anchor(27, 37, "Piet helpt", before="koffie. ", after=". Einde.")
    new = "Piet helpt. Daarna thee. Piet helpt. Einde."
    placed = place(anchor, new, EditMap(old, new))
    assert (placed.start, placed.end, placed.orphaned) == (25, 35, False)


def test_small_edit_inside_the_quote_keeps_the_span() -> None:
    old = "De operator stelt de machine zelf af."
    anchor = Anchor(3, 36, old[3:36])
    new = "De operator stelt de machine nu zelf af."
    placed = place(anchor, new, EditMap(old, new))
    assert not placed.orphaned
    assert new[placed.start:placed.end] == "operator stelt de machine nu zelf af"


def test_imported_documents_are_not_edited(noted: Project) -> None:
    import pytest

    from fieldkit.core.errors import BadInput
    from fieldkit.core.model import ImportedDocument

    doc = noted.add_imported(ImportedDocument("transcript", "Interview", "A: hoi"))
    with pytest.raises(BadInput, match="only fieldnotes, memos and photo captions"):
        noted.edit_text(doc.id, "anders")
