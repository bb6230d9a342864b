"""Re-anchoring: when a fieldnote is edited, codings move with their text.

Each text coding stores its quote and a little context. After an edit we first map the old span
through the edit (a diff of the two texts); if the mapped span still holds the quote we are done.
Otherwise we look for the quote elsewhere and choose the occurrence whose surrounding text best
matches the stored context, nearest to where the edit mapping put it. A coding whose words were
deleted is flagged as orphaned and keeps its record — it is never dropped nor moved onto other
words.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(slots=True)
class Anchor:
    """What we know of a coding's place: span, quoted words and context."""

    start: int
    end: int
    quote: str
    before: str = ""
    after: str = ""


@dataclass(slots=True)
class Placement:
    start: int
    end: int
    orphaned: bool
    moved: bool


class EditMap:
    """Maps positions of the old text to the new text through a character diff."""

    def __init__(self, old: str, new: str) -> None:
        # Edits are local: diff only the middle that differs, it keeps long texts fast.
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while (
            suffix < limit - prefix
            and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
        ):
            suffix += 1
        self.prefix, self.suffix = prefix, suffix
        self.old_len, self.new_len = len(old), len(new)
        middle_old = old[prefix : len(old) - suffix]
        middle_new = new[prefix : len(new) - suffix]
        matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
        self.blocks = [
            (a + prefix, b + prefix, size) for a, b, size in matcher.get_matching_blocks() if size
        ]

    def map(self, pos: int, *, is_end: bool = False) -> int | None:
        """New position of old ``pos``, or None if the character there was deleted."""
        if pos <= self.prefix:
            return pos
        if pos >= self.old_len - self.suffix:
            return pos + (self.new_len - self.old_len)
        for a, b, size in self.blocks:
            if a <= pos < a + size or (is_end and pos == a + size):
                return b + (pos - a)
        return None


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def place(anchor: Anchor, new_text: str, edit: EditMap) -> Placement:
    """Where a coding belongs in the edited text."""
    start = edit.map(anchor.start)
    end = edit.map(anchor.end, is_end=True)
    if start is not None and end is not None and new_text[start:end] == anchor.quote:
        return Placement(start, end, False, (start, end) != (anchor.start, anchor.end))

    hint = start if start is not None else (end - len(anchor.quote) if end is not None else 0)
    best: tuple[float, int] | None = None
    if anchor.quote:
        pos = new_text.find(anchor.quote)
        while pos != -1:
            before = new_text[max(0, pos - len(anchor.before)) : pos]
            after = new_text[pos + len(anchor.quote) : pos + len(anchor.quote) + len(anchor.after)]
            score = _similarity(before, anchor.before) + _similarity(after, anchor.after)
            score -= abs(pos - hint) / max(1, len(new_text)) * 0.5
            if best is None or score > best[0]:
                best = (score, pos)
            pos = new_text.find(anchor.quote, pos + 1)
    if best is not None:
        return Placement(best[1], best[1] + len(anchor.quote), False, True)

    # The quote itself was edited: keep the span the edit mapping gives if most words survive.
    if start is not None and end is not None and end > start:
        if _similarity(new_text[start:end], anchor.quote) >= 0.6:
            return Placement(start, end, False, True)
    clamp = min(hint if hint >= 0 else 0, len(new_text))
    return Placement(clamp, clamp, True, True)
