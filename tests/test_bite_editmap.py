"""The diff under re-anchoring (``anchoring.EditMap``) checked against what must hold of any
correct diff, and against the truth where it is known without computing a diff.

Every block and every moved line pairs equal text; blocks run forward in both texts and never
overlap; and where the edit only put text in (or only took text out) the longest common
subsequence is the whole shorter text, so every one of its characters must be matched (edits of
whole words: inside a run of blanks and punctuation the diff, which aligns sentences and words
before characters, may leave a blank of an arbitrary cut unmatched, which costs no coding). These
kill the mutation run's survivors in the diff's internals (``_trim``, ``_align``, ``_common``),
which the placement tests could not see (tools/mutation/REPORT.md).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.core.anchoring import EditMap

WORDS = ["de", "machine", "leerde", "Kees", "café", "😀", "opnieuw", "\n", "\n\n", ". ", ", ",
         "x", "é", "a", " "]
texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)


def _check_blocks(edit: EditMap) -> int:
    """Every block pairs equal text, in order on both sides; returns the characters matched."""
    last_a = last_b = 0
    for a, b, n in edit.blocks:
        assert n > 0
        assert a >= last_a and b >= last_b, edit.blocks
        assert edit.old[a:a + n] == edit.new[b:b + n]
        last_a, last_b = a + n, b + n
    assert last_a <= len(edit.old) and last_b <= len(edit.new)
    for a, b, n in edit.moved_lines:
        assert edit.old[a:a + n] == edit.new[b:b + n]
    return sum(n for _, _, n in edit.blocks)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_any_edit_pairs_only_equal_text_in_order(old: str, new: str) -> None:
    _check_blocks(EditMap(old, new))


words = st.lists(st.sampled_from(WORDS), max_size=60)


@settings(max_examples=300, deadline=None)
@given(words, words, st.data())
def test_words_put_in_keep_every_old_character(old_words: list[str], put: list[str],
                                               data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(old_words)))
    old, new = " ".join(old_words), " ".join(old_words[:at] + put + old_words[at:])
    assert _check_blocks(EditMap(old, new)) == len(old)


@settings(max_examples=300, deadline=None)
@given(words, st.data())
def test_words_taken_out_keep_every_character_left(old_words: list[str],
                                                   data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(old_words)))
    end = data.draw(st.integers(start, len(old_words)))
    old, new = " ".join(old_words), " ".join(old_words[:start] + old_words[end:])
    assert _check_blocks(EditMap(old, new)) == len(new)


def test_unchanged_lines_are_matched_whole_and_a_moved_line_is_found() -> None:
    lines = [f"Regel {i}: Kees leerde het van Piet 😀 café." for i in range(12)]
    old = "\r\n".join(lines)
    moved = lines[:3] + lines[4:9] + [lines[3]] + lines[9:]
    edit = EditMap(old, "\r\n".join(moved))
    assert _check_blocks(edit) >= len(old) - len(lines[3]) - 2
    start = old.index(lines[3])
    assert edit.moved_to(start, start + len(lines[3])) == "\r\n".join(moved).index(lines[3])
