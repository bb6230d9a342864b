"""Re-anchoring under random edits (hypothesis): a coding covers its words or is orphaned.

A note is a list of lines made of a few repeated words (names, "kantbank", timestamps, emoji
with skin tones and joiners, a combining accent), joined by LF or CRLF. An edit is a list of
line operations whose effect on every old line is known: typed lines, deleted lines, a word
changed in a line, a line duplicated elsewhere, two lines swapped. The invariants:

- a coding that is not orphaned covers exactly its quote, unless its own words were changed
  (then most of the quote is still in its span); an orphaned coding is an empty span;
- a coding on an *untouched* line is never orphaned and covers its own words, at the same
  occurrence. A line is untouched when it survives unchanged, its text occurs once in the old
  and once in the new note, and no line found in both notes moved across it (no line text
  occurs before it in one note and after it in the other): then no diff could tell a
  neighbour's copy of its words apart from its own;
- a coding never lands on an untouched line it was not on;
- a coding on a line moved by a swap (its text once in each note) follows the line.

The same run through ``Project.edit_text`` on a real project checks what is stored.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit import Project
from fieldkit.core.anchoring import KEEP_SIMILARITY, Anchor, EditMap, Placement, place
from fieldkit.core.text import context

WORDS = ["Jan", "Piet", "Kees", "de", "kantbank", "werkt", "aan", "één", "fout", "goed",
         "coördinatie", "cafe\u0301", "👍", "👍🏽", "👨\u200d🔧", "09:14", "09:20", ".", ",",
         "werkt."]
PROPERTY = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Line:
    text: str
    origin: int | None  # the old line it is, None when typed or changed by the edit
    moved: bool = False  # swapped with another line


@dataclass(frozen=True)
class Edit:
    old_lines: list[str]
    new: list[Line]
    sep: str

    @property
    def old(self) -> str:
        return self.sep.join(self.old_lines)

    @property
    def new_text(self) -> str:
        return self.sep.join(line.text for line in self.new)


line_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)
operation = st.tuples(st.sampled_from(["type", "delete", "change", "duplicate", "swap"]),
                      st.integers(0, 99), st.integers(0, 99), line_text)


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    old = draw(st.lists(line_text, min_size=1, max_size=10))
    sep = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    lines = [Line(text, i) for i, text in enumerate(old)]
    for op, k, j, text in draw(st.lists(operation, min_size=1, max_size=4)):
        at = k % len(lines)
        if op == "type":
            lines.insert(k % (len(lines) + 1), Line(text, None))
        elif op == "delete" and len(lines) > 1:
            del lines[at]
        elif op == "change":
            words = lines[at].text.split(" ")
            word = text.split(" ")[0]
            words[j % len(words)] = word if word != words[j % len(words)] else word + "!"
            lines[at] = Line(" ".join(words), None)
        elif op == "duplicate":
            lines.insert(j % (len(lines) + 1), Line(lines[at].text, None))
        elif op == "swap" and j % len(lines) != at:
            other = j % len(lines)
            lines[at], lines[other] = (replace(lines[other], moved=True),
                                       replace(lines[at], moved=True))
    return Edit(old, lines, sep)


def offsets(lines: list[str], sep: str) -> list[int]:
    out, at = [], 0
    for text in lines:
        out.append(at)
        at += len(text) + len(sep)
    return out


def untouched(edit: Edit) -> dict[int, int]:
    """Old line → new line, for the lines no diff could mistake (see the module docstring)."""
    new_texts = [line.text for line in edit.new]
    out = {}
    for n, line in enumerate(edit.new):
        i = line.origin
        if i is None or line.moved or edit.old_lines.count(line.text) != 1 \
                or new_texts.count(line.text) != 1:
            continue
        crossed = any(
            (text in edit.old_lines[:i] and text in new_texts[n + 1:])
            or (text in edit.old_lines[i + 1:] and text in new_texts[:n])
            for text in set(edit.old_lines) & set(new_texts) if text != line.text)
        if not crossed:
            out[i] = n
    return out


def moved_lines(edit: Edit) -> dict[int, int]:
    """Old line → new line for lines a swap moved (their text once in each note)."""
    new_texts = [line.text for line in edit.new]
    return {line.origin: n for n, line in enumerate(edit.new)
            if line.moved and line.origin is not None and edit.old_lines.count(line.text) == 1
            and new_texts.count(line.text) == 1}


def lcs(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for ch in a:
        prev = 0
        for k, other in enumerate(b):
            prev, row[k + 1] = row[k + 1], prev + 1 if ch == other else max(row[k + 1], row[k])
    return row[-1]


@st.composite
def coded(draw: st.DrawFn, edit: Edit) -> list[tuple[int, int]]:
    """Spans an analyst could code: whole lines, words inside a line, across lines."""
    starts = offsets(edit.old_lines, edit.sep)
    spans = {(s, s + len(text)) for s, text in zip(starts, edit.old_lines, strict=True)}
    old = edit.old
    for n, a, b in draw(st.lists(st.tuples(st.integers(0, 99), st.integers(0, 999),
                                           st.integers(1, 40)), min_size=1, max_size=20)):
        line = n % len(edit.old_lines)
        if a % 4 == 0:  # anywhere, across line breaks too
            s = a % len(old)
            spans.add((s, min(len(old), s + b)))
            continue
        text = edit.old_lines[line]
        s = a % len(text)
        spans.add((starts[line] + s, starts[line] + min(len(text), s + b)))
    return sorted(spans)


def line_of(starts: list[int], lines: list[str], s: int, e: int) -> int | None:
    """The line whose text holds [s, e), if one does."""
    for n, (at, text) in enumerate(zip(starts, lines, strict=True)):
        if at <= s and e <= at + len(text):
            return n
    return None


def check_placements(edit: Edit, spans: list[tuple[int, int]],
                     placed: list[Placement], new: str) -> None:
    old = edit.old
    old_starts = offsets(edit.old_lines, edit.sep)
    new_lines = [line.text for line in edit.new]
    new_starts = offsets(new_lines, edit.sep)
    same, moved = untouched(edit), moved_lines(edit)
    held = {n: i for i, n in same.items()}  # new line → the untouched old line it is
    for (s, e), p in zip(spans, placed, strict=True):
        quote, where = old[s:e], f"{old[s:e]!r} at {s}"
        assert 0 <= p.start <= p.end <= len(new), where
        line = line_of(old_starts, edit.old_lines, s, e)
        if line in same or line in moved:  # never orphaned, on its own words
            n = same.get(line, moved.get(line))
            want = new_starts[n] + s - old_starts[line]
            assert (p.orphaned, p.start, p.end) == (False, want, want + e - s), where
        if p.orphaned:
            assert p.start == p.end, where
            continue
        if new[p.start:p.end] != quote:  # its words were changed: most of them are still there
            got = new[p.start:p.end]
            assert 2 * lcs(quote, got) / (len(quote) + len(got)) >= KEEP_SIMILARITY, where
        if line is not None:  # never on an untouched line it was not on
            for n, i in held.items():
                if i != line and p.start < new_starts[n] + len(new_lines[n]) \
                        and new_starts[n] < p.end:
                    raise AssertionError(f"{where} moved onto untouched line {new_lines[n]!r}")


@PROPERTY
@given(st.data())
def test_codings_cover_their_words_or_are_orphaned(data: st.DataObject) -> None:
    edit = data.draw(edits())
    spans = data.draw(coded(edit))
    old, new = edit.old, edit.new_text
    mapping = EditMap(old, new)
    placed = [place(Anchor(s, e, old[s:e], *context(old, s, e, 40)), new, mapping)
              for s, e in spans]
    check_placements(edit, spans, placed, new)


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_edit_text_keeps_codings_on_their_words(data: st.DataObject) -> None:
    edit = data.draw(edits().filter(lambda e: e.sep == "\n"))
    spans = [(s, e) for s, e in data.draw(coded(edit)) if e > s]
    typed = edit.new_text.replace("\n", "\r\n") if data.draw(st.booleans()) else edit.new_text
    with tempfile.TemporaryDirectory() as tmp, \
            Project.create(Path(tmp) / "Eigenschap.fieldkit", language="nl") as project:
        project.set_coder("Anouk")
        doc = project.add_note(site="Metaal", title="Notitie", text=edit.old).id
        project.add_code("Techniek")
        ids = [project.code_text(doc, s, e, "Techniek").id for s, e in spans]
        report = project.edit_text(doc, typed)
        text = project.document(doc).text
        assert text == edit.new_text
        codings = [project.coding(i) for i in ids]
        placed = [Placement(c.start, c.end, c.orphaned, False) for c in codings]  # type: ignore[arg-type]
        check_placements(edit, spans, placed, text)
        for (s, e), c in zip(spans, codings, strict=True):
            if c.orphaned:
                assert c.quote == edit.old[s:e]  # an orphan keeps the words it had
            else:
                assert text[c.start:c.end] == c.quote  # what is stored is what it covers
                assert (c.before, c.after) == context(text, c.start, c.end, 40)
        assert report.kept + report.moved + report.orphaned == len(spans)
        assert report.orphaned == sum(c.orphaned for c in codings)
        assert all(p.severity == "warning" for p in project.check())
