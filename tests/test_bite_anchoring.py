"""Re-anchoring rules on their edges, each case built so that exactly one rule decides.

Every case cuts a line holding a coded quote and puts the quote back elsewhere (so none of its
characters survive in place and only the rules for text the edit put in can place it), with the
stored context (40 characters each side, as the project stores it) matching on one side, both,
or not clearly. The expected place is worked out by hand from the rules in
``fieldkit.core.anchoring``'s docstring.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.anchoring import Anchor, EditMap, Placement, place

CONTEXT = 40  # what the project stores each side (fieldkit.project.CONTEXT_CHARS)
QUOTE = "Piet probeert"


def anchor_of(text: str, quote: str = QUOTE) -> Anchor:
    start = text.index(quote)
    end = start + len(quote)
    return Anchor(start, end, quote, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def placed(old: str, new: str, quote: str = QUOTE) -> Placement:
    return place(anchor_of(old, quote), new, EditMap(old, new))


def at(new: str, quote: str = QUOTE) -> tuple[int, int, bool]:
    start = new.index(quote)
    return start, start + len(quote), False


def test_a_pasted_line_start_with_a_different_ending_is_not_clearly_the_quote() -> None:
    # before: nothing on either side (both start a line): the same, 1.0 — not more; after: a
    # different sentence. (1.0 + low) / 2 < 0.8, the quote is short: orphaned.
    old = "Intro regel hier.\nPiet probeert het zelf; één fout, daarna goed.\nSlot."
    new = "Intro regel hier.\nSlot.\nPiet probeert iets heel anders vandaag 👍."
    result = placed(old, new)
    assert result.orphaned
    assert (result.start, result.end) == (len("Intro regel hier.\n"),) * 2


def test_a_line_start_pasted_mid_line_has_no_matching_before_context() -> None:
    # stored before: nothing (a line start); now: "Slot. Toen " — similarity 0, not 1. The
    # after side starts the same but is only mostly alike (< 0.95): not clear, orphaned.
    old = "Intro regel hier.\nPiet probeert het zelf; één fout, daarna goed.\nMidden regel.\nSlot."
    new = "Intro regel hier.\nMidden regel.\nSlot. Toen Piet probeert het zelf; twee fouten, " \
          "daarna goed."
    assert placed(old, new).orphaned


def test_a_mid_line_quote_pasted_at_a_line_start_has_no_matching_before_context() -> None:
    # the mirror image: stored before "Toen ", now nothing
    old = "Intro regel hier.\nToen Piet probeert het zelf; één fout, daarna goed.\n" \
          "Midden regel.\nSlot."
    new = "Intro regel hier.\nMidden regel.\nSlot.\nPiet probeert het zelf; twee fouten, " \
          "daarna goed."
    assert placed(old, new).orphaned


def test_the_before_context_counts_from_the_last_line_break_only() -> None:
    # The stored before holds two line breaks ("Eén.\nTwee.\nDrie "); only "Drie " (after the
    # last one) is compared, and it matches to the letter next to the quote, while the after
    # side differs right next to it: the pasted copy takes the coding.
    old = "Eén.\nTwee.\nDrie Piet probeert het zelf; één fout, daarna goed.\nMidden regel.\nSlot."
    new = "Eén.\nTwee.\nMidden regel.\nSlot.\nDrie Piet probeert! het zelf; één fout, daarna goed."
    result = placed(old, new)
    assert (result.start, result.end, result.orphaned) == at(new)
    assert result.moved


def test_a_copy_pasted_at_the_very_start_compares_its_before_context_from_there() -> None:
    # the copy starts the text: its before context is the 5 characters "Drie ", all of them
    old = "Eén.\nTwee.\nDrie Piet probeert het zelf; één fout, daarna goed.\nMidden regel.\nSlot."
    new = "Drie Piet probeert! het zelf; één fout, daarna goed.\nEén.\nTwee.\nMidden regel.\n" \
          "Slot."
    result = placed(old, new)
    assert (result.start, result.end, result.orphaned) == at(new)


def test_the_after_context_counts_up_to_the_first_line_break_only() -> None:
    # mirror: the stored after holds two line breaks; only " het zelf, lacht" up to the first
    # counts, the same to the letter over 12 characters or more: the copy takes the coding
    old = "Intro regel hier.\nDus Piet probeert het zelf, lacht\nEén.\nTwee.\nSlot."
    new = "Intro regel hier.\nEén.\nTwee.\nSlot.\nNou, Piet probeert het zelf, lacht\n"
    result = placed(old, new)
    assert (result.start, result.end, result.orphaned) == at(new)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "Anker.fieldkit", language="nl")
    p.set_coder("Anouk")
    p.add_code("Leren/Uitproberen")
    return p


def test_through_the_facade_a_cut_line_pasted_with_its_context_keeps_its_coding(
        project: Project) -> None:
    old = "Eén.\nTwee.\nDrie Piet probeert het zelf; één fout 👍, daarna goed.\r\nMidden " \
          "regel.\nSlot."
    doc = project.add_note(site="Metaal Oost", title="Bezoek", text=old)
    text = project.document(doc.id).text
    start = text.index(QUOTE)
    coding = project.code_text(doc.id, start, start + len(QUOTE), "Leren/Uitproberen")
    new = "Eén.\nTwee.\nMidden regel.\nSlot.\nDrie Piet probeert! het zelf; één fout 👍, " \
          "daarna goed."
    project.edit_text(doc.id, new)
    after = project.coding(coding.uuid)
    assert not after.orphaned
    assert (after.start, after.end) == at(project.document(doc.id).text)[:2]
    project.undo()
    back = project.coding(coding.uuid)
    assert (back.start, back.end, back.orphaned) == (start, start + len(QUOTE), False)
    project.close()
