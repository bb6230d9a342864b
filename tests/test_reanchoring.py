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

    doc = noted.imports.document(ImportedDocument("transcript", "Interview", "A: hoi"))
    with pytest.raises(BadInput, match="only fieldnotes, memos and photo captions"):
        noted.edit_text(doc.id, "anders")


# -- issue 12: an edit never moves a coding onto other words; long notes stay fast ----------

KANTBANK = ("Jan werkt aan de kantbank. Piet repareert de kantbank vandaag. "
            "Kees bedient de kantbank.")
KANTBANK_EDIT = "Jan werkt aan de kantbank. Kees bedient de kantbank."


def _placed(old: str, new: str, start: int, end: int) -> tuple[int, int, bool]:
    before, after = old[max(0, start - 40):start], old[end:end + 40]
    p = place(Anchor(start, end, old[start:end], before, after), new, EditMap(old, new))
    return p.start, p.end, p.orphaned


def test_deleting_coded_words_orphans_instead_of_moving_onto_another_occurrence(
        project: Project) -> None:
    project.add_note(site="Metaal", title="Kantbank", text=KANTBANK)
    project.add_code("Techniek")
    coding = project.code_text(1, 45, 53, "Techniek")
    assert coding.quote == "kantbank" and KANTBANK[27:31] == "Piet"
    report = project.edit_text(1, KANTBANK_EDIT)
    assert (report.kept, report.moved, report.orphaned) == (0, 0, 1)
    after = project.coding(coding.id)
    assert after.orphaned and after.quote == "kantbank" and after.start == after.end
    assert [p.severity for p in project.check()] == ["warning"]
    # Putting the sentence back (paste, or typing it again) brings the coding home.
    report = project.edit_text(1, KANTBANK)
    back = project.coding(coding.id)
    assert (back.start, back.end, back.orphaned) == (45, 53, False)
    assert report.orphaned == 0 and project.check() == []


def test_kantbank_edit_on_the_command_line(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from fieldkit.cli import main

    path = str(tmp_path / "K.fieldkit")

    def run(*argv: str) -> tuple[int, str]:
        code = main(["-p", path, *argv])
        return code, capsys.readouterr().out

    assert main(["new", path]) == 0
    assert run("note", "--site", "Metaal", "--title", "Kantbank", "--text", KANTBANK)[0] == 0
    assert run("codebook", "add", "Techniek")[0] == 0
    assert run("code", "1", "45", "53", "Techniek")[0] == 0
    code, out = run("edit", "1", "--text", KANTBANK_EDIT)
    assert code == 0 and "0 moved with their text, 1 orphaned" in out
    shown = json.loads(run("codings", "--json")[1])
    assert shown[0]["quote"] == "kantbank" and shown[0]["orphaned"] is True
    assert shown[0]["start"] == shown[0]["end"]
    code, out = run("check", "--json")  # check reports the orphan, it does not say all is well
    assert code == 0 and [p["severity"] for p in json.loads(out)["problems"]] == ["warning"]


def test_short_quote_typed_elsewhere_does_not_take_the_coding() -> None:
    old = "Piet repareert de kantbank vandaag. Kees bedient de pers."
    new = "Kees bedient de pers. Morgen komt er een nieuwe kantbank."
    assert _placed(old, new, 18, 26)[2]


def test_insertions_before_inside_and_after_a_span() -> None:
    old = "De operator stelt de machine zelf af en controleert de maat."
    s, e = old.index("stelt"), old.index(" en")
    assert _placed(old, "Vandaag " + old, s, e) == (s + 8, e + 8, False)
    assert _placed(old, old + " Daarna koffie.", s, e) == (s, e, False)
    inside = old.replace("machine zelf", "machine 👍 zelf")
    assert _placed(old, inside, s, e) == (s, e + 2, False)
    # typed right at either edge: the new words stay outside the coding
    assert _placed(old, old[:s] + "nu " + old[s:], s, e) == (s + 3, e + 3, False)
    assert _placed(old, old[:e] + " snel" + old[e:], s, e) == (s, e, False)


def test_deletions_shrink_or_orphan() -> None:
    old = "Jan laat Piet zien hoe de kantbank werkt. Daarna koffie."
    s, e = 0, old.index(".")
    assert _placed(old, old.replace(" hoe de kantbank werkt", ""), s, e) == (0, 18, False)
    assert _placed(old, old.replace("laat Piet zien hoe de kantbank", ""), s, e)[2]
    shrunk = old.replace("Jan ", "")
    assert _placed(old, shrunk, s, e) == (0, e - 4, False)  # most words survive
    gone = old.replace("Jan laat Piet zien hoe de kantbank werkt.", "")
    start, end, orphaned = _placed(old, gone, s, e)
    assert orphaned and start == end == 0


def test_identical_characters_beside_a_deleted_line_do_not_clip_the_quote() -> None:
    # deleting "b.\n" or ".\nb" is the same edit; the coded sentence keeps its full stop
    old = "Noor scant de QR-code.\n[dag 2] Sjoerd lacht.\n[dag 2] Einde."
    s, e = 0, old.index("\n")
    new = old.replace("[dag 2] Sjoerd lacht.\n", "")
    assert _placed(old, new, s, e) == (s, e, False)


def test_a_moved_paragraph_takes_its_codings_along() -> None:
    lines = [f"{9 + i}:00 Regel {i}: {w} bij de lasrobot." for i, w in
             enumerate(["Jan legt uit", "Piet probeert", "Kees kijkt mee", "Noor noteert",
                        "Emre vraagt", "Sanne helpt"])]
    old = "\n".join(lines)
    moved = [lines[4], *lines[:4], lines[5]]
    new = "\n".join(moved)
    s = old.index("Emre vraagt")
    assert _placed(old, new, s, s + len("Emre vraagt")) == (new.index("Emre vraagt"),
                                                            new.index("Emre vraagt") + 11, False)
    whole = old.index(lines[4])  # a coding on the whole moved line
    start, end, orphaned = _placed(old, new, whole, whole + len(lines[4]))
    assert not orphaned and new[start:end] == lines[4]


def test_accents_emoji_and_crlf(noted: Project) -> None:
    text = noted.document(1).text
    words = "Coördinatie met de planner 👍"
    cid = _code(noted, words, "Leren/Informeel/Collega helpt")
    crlf = ("08:00 Één 🙂 regel erbij.\r\n" + text.replace("\n", "\r\n")).replace(
        "planner 👍", "planner 👍🏽")
    report = noted.edit_text(1, crlf)
    coding = noted.coding(cid)
    now = noted.document(1).text
    assert "\r" not in now
    assert not coding.orphaned and now[coding.start:coding.end] == "Coördinatie met de planner 👍🏽"
    assert report.orphaned == 0 and noted.check() == []


def test_many_codings_follow_many_edits() -> None:
    import random

    rng = random.Random(5)
    words = "de het kantbank operator één coördinatie 👍 lasrobot planner fout goed".split()
    old = "\n".join(f"{i:03} " + " ".join(rng.choice(words) for _ in range(12)) + "."
                    for i in range(400))
    spans = sorted({(p, p + rng.randint(3, 40)) for p in
                    (rng.randrange(len(old) - 50) for _ in range(600))})
    # 30 insertions at known places; where every old character goes is known
    at = sorted(rng.sample(range(1, len(old)), 30))
    pieces, shift, where, last = [], 0, [0] * (len(old) + 1), 0
    for pos in at:
        pieces += [old[last:pos], "XY"]
        for i in range(last, pos):
            where[i] = i + shift
        shift, last = shift + 2, pos
    pieces.append(old[last:])
    for i in range(last, len(old) + 1):
        where[i] = i + shift
    new = "".join(pieces)
    edit = EditMap(old, new)
    for s, e in spans:
        p = place(Anchor(s, e, old[s:e], old[max(0, s - 40):s], old[e:e + 40]), new, edit)
        assert not p.orphaned
        assert (p.start, p.end) == (where[s], where[e - 1] + 1)


# -- issue 22: a line typed at the top and a line deleted in one save ------------------------

TIMED = ("09:14 Jan laat Piet zien hoe de kantbank werkt.\n"
         "09:20 Piet werkt aan de kantbank.\n"
         "09:31 Piet probeert het zelf; één fout, daarna goed.")


def test_typed_line_and_deleted_line_keep_codings_off_the_neighbours_words(
        project: Project) -> None:
    # The typed "09:10" shares "09:1" with "09:14": a common start taken by characters cut
    # Jan's line after "09:1" and matched Piet's words to Jan's.
    project.add_note(site="Metaal", title="Kantbank", text=TIMED)
    project.add_code("Techniek")

    def coded(words: str, nth: int = 0) -> int:
        start = -1
        for _ in range(nth + 1):
            start = TIMED.index(words, start + 1)
        return project.code_text(1, start, start + len(words), "Techniek").id

    jan = coded("Jan laat Piet zien hoe de kantbank werkt.")
    jan_line = coded("09:14 Jan laat Piet zien hoe de kantbank werkt.")
    piet = coded("Piet werkt aan de kantbank.")
    piet_word = coded("kantbank", 1)
    late = coded("één fout")
    new = "09:10 Aankomst, koffie.\n" + TIMED.replace("09:20 Piet werkt aan de kantbank.\n", "")
    report = project.edit_text(1, new)
    text = project.document(1).text
    for cid, words in ((jan, "Jan laat Piet zien hoe de kantbank werkt."),
                       (jan_line, "09:14 Jan laat Piet zien hoe de kantbank werkt."),
                       (late, "één fout")):
        coding = project.coding(cid)
        assert not coding.orphaned and coding.quote == words
        assert (coding.start, coding.end) == (new.index(words), new.index(words) + len(words))
        assert text[coding.start:coding.end] == words
    for cid in (piet, piet_word):  # Piet's line is gone: orphaned, never on Jan's words
        coding = project.coding(cid)
        assert coding.orphaned and coding.start == coding.end
    assert project.coding(piet_word).quote == "kantbank"
    assert (report.kept, report.moved, report.orphaned) == (0, 3, 2)


# -- the rules for words the edit put in: context matching and cut and paste -----------------
# Hand-built contexts at the edges of each rule (NEXT_TO = 6 characters next to the quote, a
# score of 0.8 over at least 16 characters, one side at 0.95 over at least 12 characters).


def _context(had_before: str, quote: str, had_after: str, now_before: str,
             now_after: str) -> float | None:
    """The context rule for ``quote`` stored between two contexts (after a line of its own on
    each side) and found between two others in a new text (with other lines around)."""
    from fieldkit.core.anchoring import _context_matches

    anchor = Anchor(0, len(quote), quote, "Regel één ervoor.\n" + had_before,
                    had_after + "\nRegel erna.")
    text = "Een heel andere regel hier.\n" + now_before + quote + now_after + "\nNog een."
    return _context_matches(anchor, text, text.index(quote))


def test_context_counts_up_to_the_line_break_only() -> None:
    # the lines around are different in the new text: the words on its own line decide
    assert _context("Jan zegt: ", "de kantbank", " werkt goed.",
                    "Jan zegt: ", " werkt goed.") == 1.0


def test_context_right_next_to_the_quote_on_one_side_is_enough() -> None:
    # the 6 characters before the quote agree (the 7th does not), the first after does not
    score = _context("Toen vroeg hij naar ", "de kantbank", " en lachte daarna.",
                     "Toen vroeg hiX naar ", "!en lachte daarna.")
    assert score is not None and abs(score - (0.95 + 34 / 36) / 2) < 1e-9


def test_context_that_differs_next_to_the_quote_on_both_sides_is_not_clear() -> None:
    # the 6th character before and the 6th after differ: nothing touches the quote the same,
    # although both sides are 95 % alike
    assert _context("Toen vroeg hij naar ", "de kantbank", " en lachte daarna.",
                    "Toen vroeg hij_naar ", " en lXchte daarna.") is None
    assert _context("Toen vroeg hij naar ", "de kantbank", " en lachte daarna.",
                    "Toen vroeg hij naar ", " en lXchte daarna.") is not None


def test_context_score_of_at_least_0_8_is_a_match() -> None:
    # before the same (1.0); after " draai" of " draait nu" (2*6/20 = 0.6): (1 + 0.6) / 2
    assert _context("Hij zegt: ", "kantbank", " draait nu", "Hij zegt: ", " draaiXXXX") == 0.8
    # " draa" only (0.5): 0.75, and neither side 12 characters long
    assert _context("Hij zegt: ", "kantbank", " draait nu", "Hij zegt: ", " draaXXXXX") is None


def test_context_needs_16_characters_with_the_quote() -> None:
    assert _context("en nu ", "Piet", " helpt", "en nu ", " helpt") == 1.0  # 6 + 4 + 6
    assert _context("en nu ", "Piet", " help", "en nu ", " help") is None  # 6 + 4 + 5


def test_context_one_side_the_same_to_the_letter_over_12_characters() -> None:
    # before the same over 12 characters, after nothing alike: (1 + 0) / 2
    assert _context("Daarna zegt ", "Piet", "abcde", "Daarna zegt ", "uvwxy") == 0.5
    assert _context("aarna zegt ", "Piet", "abcde", "aarna zegt ", "uvwxy") is None  # 11


def test_context_one_side_at_0_95_over_12_characters() -> None:
    # 19 of 20 characters before agree (0.95); after nothing agrees
    assert _context("Toen vroeg hij naar ", "Piet", "abcdef", "Xoen vroeg hij naar ",
                    "uvwxyz") == 0.475
    assert _context("Toen vroeg hij naar ", "Piet", "abcdef", "XXen vroeg hij naar ",
                    "uvwxyz") is None  # 0.9
    # the same on the side after the quote
    assert _context("abcdef", "Piet", " en toen zei hij", "uvwxyz",
                    " en toen zei hij") == 0.5


LONG = "storing aan de lasrobots"  # 24 characters: a cut and pasted passage


def test_a_long_quote_cut_and_pasted_once_takes_the_coding_along() -> None:
    old = f"09:00 Jan meldt een {LONG} vandaag.\n09:10 Koffie."
    new = f"09:10 Koffie.\n09:15 Later: {LONG}!"
    s = old.index(LONG)
    assert _placed(old, new, s, s + len(LONG)) == (new.index(LONG), new.index(LONG) + 24,
                                                   False)


def test_a_shorter_quote_pasted_without_its_context_is_orphaned() -> None:
    short = LONG[:-1]  # 23 characters
    old = f"09:00 Jan meldt een {short} vandaag.\n09:10 Koffie."
    new = f"09:10 Koffie.\n09:15 Later: {short}!"
    s = old.index(short)
    assert _placed(old, new, s, s + len(short))[2]


def test_a_long_quote_pasted_twice_without_its_context_is_orphaned() -> None:
    old = f"09:00 Jan meldt een {LONG} vandaag.\n09:10 Koffie."
    new = f"09:10 Koffie.\n09:12 Eerst: {LONG}?\n09:15 Later: {LONG}!"
    s = old.index(LONG)
    assert _placed(old, new, s, s + len(LONG))[2]


def test_of_two_pasted_copies_with_the_same_context_the_nearer_takes_the_coding() -> None:
    line = "Jan helpt Piet met de kantbank."
    old = "\n".join(["Regel A.", line, "Regel B.", "Regel C.", "Regel D.", "Regel E."])
    new = "\n".join(["Regel A.", "Regel B.", line, "Regel C.", "Regel D.", "Regel E.", line])
    s = old.index("Piet")
    near = new.index("Piet")
    assert _placed(old, new, s, s + 4) == (near, near + 4, False)


def test_of_two_pasted_copies_the_better_context_beats_the_nearer() -> None:
    # the context reaches 40 characters after "Piet"; the near copy differs inside them, the
    # far copy only beyond them (neither is the old line itself, which would move directly)
    line = "Jan helpt Piet met de kantbank en daarna gaat hij koffie drinken."
    old = "\n".join(["Regel A.", line, "Regel B.", "Regel C.", "Regel D.", "Regel E."])
    near_line = line.replace("daarna", "straks")
    far_line = line.replace("drinken", "halen")
    new = "\n".join(["Regel A.", "Regel B.", near_line, "Regel C.", "Regel D.", "Regel E.",
                     far_line])
    s = old.index("Piet")
    far = new.rindex("Piet")
    assert _placed(old, new, s, s + 4) == (far, far + 4, False)


def test_context_reaches_exactly_as_far_as_it_was_stored() -> None:
    from fieldkit.core.anchoring import _context_matches

    line = "Vandaag legde de ploegleider aan iedereen uit hoe Piet de kantbank instelt."
    s = line.index("Piet")
    anchor = Anchor(s, s + 4, "Piet", line[s - 40:s], line[s + 4:s + 44])
    text = "Iets anders.\n" + line
    assert _context_matches(anchor, text, text.index("Piet")) == 1.0


def test_a_short_line_moved_elsewhere_takes_its_codings_along() -> None:
    # too short for its context to tell (a line of its own): it moved, so it is its words
    old = "Kees.\nJan.\nPiet."
    new = "Kees.\nPiet.\nJan."
    assert _placed(old, new, 6, 9) == (12, 15, False)
    assert _placed(old, new, 11, 15) == (6, 10, False)


def test_words_made_half_of_typed_text_are_not_put_in() -> None:
    # "abcd" over old "ab" and typed "cd": half typed is not mostly typed
    assert list(EditMap("xx ab", "xx abcd").inserted_occurrences("abcd")) == []
    # "d ab" over old "d" and typed " ab": three of four characters typed
    assert list(EditMap("abcd", "abcd abcd").inserted_occurrences("d ab")) == [3]


def test_a_coding_ended_inside_an_emoji_keeps_its_end() -> None:
    # it ends after the joiner of 👨‍🔧; the 🔧 was always there, nothing was typed onto it
    old = "Monteur 👨\u200d🔧 helpt.\nEinde."
    end = old.index("\u200d") + 1
    new = "Begin.\n" + old
    assert _placed(old, new, 0, end) == (7, 7 + end, False)
    # an accent typed onto its last letter is taken along
    assert _placed("Een cafe is open.", "Een cafe\u0301 is open.", 4, 8) == (4, 9, False)
