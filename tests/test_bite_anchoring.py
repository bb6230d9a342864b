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


def anchor_of(text: str, quote: str = QUOTE, *, last: bool = False) -> Anchor:
    start = text.rindex(quote) if last else text.index(quote)
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


# ---------------------------------------------------------------------------------------------
# more rules, from the mutation run's survivors


def test_a_copy_pasted_at_the_very_start_of_the_text_takes_the_coding() -> None:
    old = "Intro.\nPiet probeert het zelf; één fout, daarna goed.\nSlot."
    new = "Piet probeert het zelf; één fout, daarna goed!\nIntro.\nSlot."
    assert (lambda r: (r.start, r.end, r.orphaned))(placed(old, new)) == (0, len(QUOTE), False)


def test_of_two_equally_fitting_copies_the_nearer_takes_the_coding() -> None:
    line = "Dus Piet probeert het zelf; één fout, daarna goed"
    old = "\n".join(["Regel A.", line + ".", "Regel B.", "Regel C.", "Regel D.", "Regel E."])
    new = "\n".join(["Regel A.", "Regel B.", line + "!", "Regel C.", "Regel D.", "Regel E.",
                     line + "?"])
    result = placed(old, new)
    assert (result.start, result.end, result.orphaned) == at(new)  # the first, nearer copy
    # and the other way round: the nearer copy is the last one
    old2 = "\n".join(["Regel A.", "Regel B.", "Regel C.", "Regel D.", line + ".", "Regel E."])
    new2 = "\n".join([line + "!", "Regel A.", "Regel B.", "Regel C.", "Regel D.", "Regel E.",
                      line + "?"])
    result = placed(old2, new2)
    far_first = new2.rindex(QUOTE)
    assert (result.start, result.end, result.orphaned) == (far_first, far_first + len(QUOTE),
                                                           False)


def test_a_text_with_the_quote_pasted_everywhere_weighs_the_first_200_copies() -> None:
    # more than 200 pasted copies: the search stops there, and the best of those weighed (all
    # fit equally well: the nearest, the first) takes the coding
    old = "Intro.\nToen Piet probeert het zelf; één fout.\nSlot."
    new = "Intro.\nSlot.\n" + "\n".join(f"Toen Piet probeert het zelf; één fout. {i}"
                                         for i in range(260))
    result = placed(old, new)
    assert result is not None
    assert (result.start, result.end, result.orphaned) == at(new)
    # with no copy fitting its context among them, it is orphaned
    elsewhere = "Intro.\nSlot.\n" + "\n".join(f"{i} Piet probeert iets" for i in range(260))
    assert placed(old, elsewhere).orphaned


def test_a_copy_further_on_is_found_past_a_copy_that_was_already_there() -> None:
    # the first "Piet probeert" of the new text was there before (not put in); the pasted copy
    # lies early in a long inserted line and must still be found
    old = "Piet probeert alles.\nIntro.\nToen Piet probeert het zelf; één fout.\nSlot."
    tail = " en nog een heel lang verhaal over de kantbank, de planner en de ploegleider."
    new = "Nieuw.\nPiet probeert alles.\nIntro.\nSlot.\nToen Piet probeert het zelf; één fout" \
          + tail
    result = place(anchor_of(old, last=True), new, EditMap(old, new))
    pasted = new.rindex(QUOTE)
    assert (result.start, result.end, result.orphaned) == (pasted, pasted + len(QUOTE), False)


def test_an_orphan_stays_where_its_words_were() -> None:
    old = "Eerste regel.\nTweede regel.\nDerde: Piet probeert het zelf.\nVierde regel."
    new = "Eerste regel.\nTweede regel, langer.\nDerde: iets anders.\nVierde regel."
    result = placed(old, new)
    assert result.orphaned
    assert result.start == result.end == new.index("iets anders")


def test_characters_typed_onto_the_last_character_are_taken_along_and_others_not() -> None:
    # a skin tone typed onto a coded emoji joins it; a joiner and a second emoji too
    old = "Goed gedaan 👍 zei Jan."
    quote = "Goed gedaan 👍"
    toned = "Goed gedaan 👍🏽 zei Jan."
    r = place(anchor_of(old, quote), toned, EditMap(old, toned))
    assert (r.start, r.end, r.orphaned) == (0, len(quote) + 1, False)
    old = "Monteur 👨 helpt."
    quote = "Monteur 👨"
    joined = "Monteur 👨\u200d🔧 helpt."
    r = place(anchor_of(old, quote), joined, EditMap(old, joined))
    assert (r.start, r.end) == (0, len(quote) + 2)
    # plain letters typed after a quote at the end of the text are not part of it
    old = "Aan het eind: Piet probeert"
    for longer in ("Aan het eind: Piet probeert nog iets", "Aan het eind: Piet probeerts"):
        r = place(anchor_of(old), longer, EditMap(old, longer))
        assert (r.start, r.end, r.orphaned) == at(longer)


def test_an_orphan_whose_first_words_survive_stays_where_it_began() -> None:
    # only "Piet " of the quote survives (too little to keep the span): orphaned, at the place
    # its first character went, not at the end of the words that survived before it
    quote = "Piet probeert het zelf maar"
    old = "Eerste regel.\nDerde: Piet probeert het zelf maar faalt.\nVierde regel."
    new = "Eerste regel, nu.\nDerde: Piet kijkt toe en zegt niets; faalt.\nVierde regel."
    r = place(anchor_of(old, quote), new, EditMap(old, new))
    assert r.orphaned
    assert r.start == r.end == new.index("Piet")


def test_half_of_a_quote_surviving_beside_identical_characters_keeps_the_whole_quote() -> None:
    # "..." loses one dot: which one the diff says was deleted is arbitrary, and half the quote
    # ".." is enough when the whole quote starts where the survivors do: it keeps its words
    for old, new in (("Hij zweeg...", "Hij zweeg.."), ("Stilte.\n\n...", "Stilte.\n\n..")):
        start = len(old) - 2
        r = place(Anchor(start, len(old), "..", old[max(0, start - CONTEXT):start], ""), new,
                  EditMap(old, new))
        assert (new[r.start:r.end], r.orphaned) == ("..", False)
