"""Editing a long coded fieldnote: re-anchor 1,000 codings on a 200 KB note.

Target (issue 23): the whole ``edit_text`` call on a 200 KB fieldnote with 1,000 codings
(diff, re-anchoring, storing the codings, the search index and segment rows kept in step, the
undo record) ≤ 100 ms. Five kinds of edit, each applied to the original note: type a sentence
in the middle, delete a paragraph, make 20 scattered changes, move a paragraph up (cut and
paste), append a line.

Figures: the headline is the facade's whole ``edit_text`` (p50 and p95 of a few runs, each
undone again, untimed), per kind of edit; the re-anchoring alone is printed beside it, and the
work the search index did: how many coded segments' rows were written again (counted with
SQLite's trace callback; since schema step 11 only those whose words changed, before it every
coding's). Parity: the codings as ``edit_text`` stored them are checked against the truth
(below). Baseline: the re-anchoring fieldkit used before issue 12 (a diff of the changed middle,
then for a coding whose span no longer held its quote a search for the quote anywhere with a
difflib ratio per occurrence); it takes minutes on the full note, so it runs on a 20 KB note
with 100 codings beside the new one on that same note. Parity: every coding is checked against
where the edit put its words, known from the edit itself — the same span, the same words at an
equally valid place (identical text next to an edit), or wrong (moved onto other words, or
orphaned although its words are still there).

Run: .venv/bin/python benchmarks/edit.py [--json] [--quick] [--repeat N]
(``--quick``: a 20 KB note with 100 codings and a 5 KB baseline note, seconds;
``tests/test_benchmarks_quick.py`` runs it so this script keeps working.)
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import load, percentiles  # noqa: E402

from fieldkit import Project  # noqa: E402
from fieldkit.core import anchoring  # noqa: E402
from fieldkit.core.text import context  # noqa: E402
from fieldkit.demo.generator import generate  # noqa: E402

SEED = 12


# -- the note, its codings and the edits (with where every old character went) -----------------


def long_note(size: int) -> str:
    """Fieldnote lines from the demo study, repeated with a running day number until ``size``."""
    lines = [line for d in generate("small").documents if d.kind in ("fieldnote", "memo")
             for line in d.text.split("\n") if line.strip()]
    out: list[str] = []
    total, day = 0, 0
    while total < size:
        day += 1
        for line in lines:
            line = f"[dag {day}] {line}"
            out.append(line)
            total += len(line) + 1
            if total >= size:
                break
    return "\n".join(out)


def spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Coded spans as an analyst makes them: a sentence or two, or a few words."""
    stops = [i + 1 for i, ch in enumerate(text) if ch in ".!?\n"]
    out: set[tuple[int, int]] = set()
    while len(out) < count:
        k = rng.randrange(len(stops) - 3)
        start = stops[k]
        while start < len(text) and text[start] in " \n":
            start += 1
        if rng.random() < 0.6:
            end = stops[k + rng.randint(1, 2)] - 1
        else:
            end = min(len(text), start + rng.randint(8, 40))
        if end > start:
            out.add((start, end))
    return sorted(out)


@dataclass
class Edit:
    name: str
    new: str
    where: list[int]  # new position of each old character, -1 when deleted
    moved: set[int]  # old characters that went elsewhere with a moved paragraph


def apply(text: str, name: str, changes: list[tuple[int, int, str]]) -> Edit:
    """Replace ``text[pos:pos + n]`` by ``words`` for each (pos, n, words), left to right."""
    parts, where, at, shift = [], [-1] * len(text), 0, 0
    for pos, n, words in sorted(changes):
        parts.append(text[at:pos])
        for i in range(at, pos):
            where[i] = i + shift
        parts.append(words)
        shift += len(words) - n
        at = pos + n
    parts.append(text[at:])
    for i in range(at, len(text)):
        where[i] = i + shift
    return Edit(name, "".join(parts), where, set())


def edits(text: str, rng: random.Random) -> list[Edit]:
    lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    mid = lines[len(lines) // 2]
    out = [apply(text, "type a sentence", [(mid + 30, 0, " Hij lacht en gaat verder.")])]
    para = lines[len(lines) // 3]
    para_end = lines[len(lines) // 3 + 1]
    out.append(apply(text, "delete a paragraph", [(para, para_end - para, "")]))
    changes: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for _ in range(20):
        pos = rng.randrange(len(text) - 20)
        while text[pos].isalnum():  # start at a word
            pos -= 1
        n = 1
        while pos + n < len(text) and text[pos + n].isalnum():
            n += 1
        if not taken & set(range(pos - 2, pos + n + 2)):
            taken.update(range(pos, pos + n))
            changes.append((pos, n, rng.choice([" snel", " niet", " de nieuwe", ""])))
    out.append(apply(text, "20 scattered changes", changes))
    # Move a paragraph 30 lines up: its characters go with it.
    src, src_end = lines[2 * len(lines) // 3], lines[2 * len(lines) // 3 + 1]
    dst = lines[2 * len(lines) // 3 - 30]
    moved = apply(text, "move a paragraph up", [(dst, 0, text[src:src_end]),
                                                  (src, src_end - src, "")])
    for i in range(src, src_end):
        moved.where[i] = dst + (i - src)
    moved.moved = set(range(src, src_end))
    out.append(moved)
    out.append(apply(text, "append a line", [(len(text), 0, "\n[later] Kort gesprek met Jan.")]))
    return out


def truth(edit: Edit, old: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the coded words went (None: they are gone), by the same rule for changed words."""
    if all(i in edit.moved for i in range(start, end)):
        return edit.where[start], edit.where[end - 1] + 1
    kept = [edit.where[i] for i in range(start, end)
            if edit.where[i] >= 0 and i not in edit.moved]
    if not kept:
        return None
    span = (kept[0], kept[-1] + 1)
    if edit.new[span[0]:span[1]] == old[start:end]:
        return span
    ratio = 2 * len(kept) / ((end - start) + (span[1] - span[0]))
    return span if ratio >= anchoring.KEEP_SIMILARITY else None


def parity(edit: Edit, old: str, anchors: list[anchoring.Anchor],
           placed: list[anchoring.Placement]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for a, p in zip(anchors, placed, strict=True):
        want = truth(edit, old, a.start, a.end)
        if want is None:
            counts["same (orphaned)" if p.orphaned else "wrong"] += 1
        elif p.orphaned:
            counts["wrong"] += 1
        elif (p.start, p.end) == want:
            counts["same span"] += 1
        elif edit.new[p.start:p.end] == edit.new[want[0]:want[1]]:
            counts["same words"] += 1
        else:
            counts["wrong"] += 1
    return counts


# -- the baseline: re-anchoring as fieldkit did it before issue 12 ------------------------------


class OldEditMap:
    def __init__(self, old: str, new: str) -> None:
        prefix, limit = 0, min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        self.prefix, self.suffix, self.old_len, self.new_len = prefix, suffix, len(old), len(new)
        matcher = difflib.SequenceMatcher(None, old[prefix:len(old) - suffix],
                                          new[prefix:len(new) - suffix], autojunk=False)
        self.blocks = [(a + prefix, b + prefix, n) for a, b, n in matcher.get_matching_blocks()
                       if n]

    def map(self, pos: int, is_end: bool = False) -> int | None:
        if pos <= self.prefix:
            return pos
        if pos >= self.old_len - self.suffix:
            return pos + (self.new_len - self.old_len)
        for a, b, n in self.blocks:
            if a <= pos < a + n or (is_end and pos == a + n):
                return b + (pos - a)
        return None


def _ratio(a: str, b: str) -> float:
    return 1.0 if not a and not b else difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def old_place(anchor: anchoring.Anchor, new: str, edit: OldEditMap) -> anchoring.Placement:
    start, end = edit.map(anchor.start), edit.map(anchor.end, is_end=True)
    if start is not None and end is not None and new[start:end] == anchor.quote:
        return anchoring.Placement(start, end, False, (start, end) != (anchor.start, anchor.end))
    hint = start if start is not None else (end - len(anchor.quote) if end is not None else 0)
    best: tuple[float, int] | None = None
    pos = new.find(anchor.quote) if anchor.quote else -1
    while pos != -1:
        q_end = pos + len(anchor.quote)
        score = (_ratio(new[max(0, pos - len(anchor.before)):pos], anchor.before)
                 + _ratio(new[q_end:q_end + len(anchor.after)], anchor.after)
                 - abs(pos - hint) / max(1, len(new)) * 0.5)
        if best is None or score > best[0]:
            best = (score, pos)
        pos = new.find(anchor.quote, pos + 1)
    if best is not None:
        return anchoring.Placement(best[1], best[1] + len(anchor.quote), False, True)
    if start is not None and end is not None and end > start \
            and _ratio(new[start:end], anchor.quote) >= 0.6:
        return anchoring.Placement(start, end, False, True)
    clamp = min(max(hint, 0), len(new))
    return anchoring.Placement(clamp, clamp, True, True)


# -- running -----------------------------------------------------------------------------------


def anchors_of(text: str, coded: list[tuple[int, int]]) -> list[anchoring.Anchor]:
    return [anchoring.Anchor(s, e, text[s:e], *context(text, s, e, 40)) for s, e in coded]


def reanchor_new(old: str, edit: Edit, anchors: list[anchoring.Anchor]) -> list[Placement]:
    mapping = anchoring.EditMap(old, edit.new)
    return [anchoring.place(a, edit.new, mapping) for a in anchors]


def reanchor_old(old: str, edit: Edit, anchors: list[anchoring.Anchor]) -> list[Placement]:
    mapping = OldEditMap(old, edit.new)
    return [old_place(a, edit.new, mapping) for a in anchors]


Placement = anchoring.Placement


def median_ms(fn: object, repeat: int, after: object = None) -> tuple[float, object]:
    """Median milliseconds of ``fn()``; ``after()`` (untimed) runs after each call."""
    samples, result = sampled(fn, repeat, after)
    return round(statistics.median(samples) * 1000, 1), result


def sampled(fn: object, repeat: int, after: object = None) -> tuple[list[float], object]:
    """Seconds of each of ``repeat`` calls of ``fn()``; ``after()`` (untimed) after each."""
    samples, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - t0)
        if after is not None:
            after()  # type: ignore[operator]
    return samples, result


def stored(project: Project, doc: int) -> list[anchoring.Placement]:
    """The document's codings as ``edit_text`` left them, in the order they were made."""
    return [anchoring.Placement(c.start or 0, c.end or 0, c.orphaned, False)
            for c in sorted(project.codings(doc=doc), key=lambda c: c.id)]


def rows_written(project: Project, fn: object) -> int:
    """How many rows ``fn()`` wrote into the search index's coded segments and turns."""
    seen: list[str] = []
    project._store.conn.set_trace_callback(seen.append)
    try:
        fn()  # type: ignore[operator]
    finally:
        project._store.conn.set_trace_callback(None)
    return sum("INSERT INTO 'main'.'search_regions_content'" in s for s in seen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=200_000, help="characters of the long note")
    parser.add_argument("--codings", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="small notes, two runs each")
    args = parser.parse_args()
    baseline_size, baseline_codings = 20_000, 100
    if args.quick:
        args.size, args.codings, args.repeat = 20_000, 100, 2
        baseline_size, baseline_codings = 5_000, 30
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    rng = random.Random(SEED)
    figures: dict[str, object] = {}

    text = long_note(args.size)
    coded = spans(text, args.codings, rng)
    anchors = anchors_of(text, coded)
    changes = edits(text, rng)
    figures["load_at_start"] = load()
    say(f"long note: {len(text):,} characters, {len(coded)} codings; target: the whole "
        f"edit_text ≤ 100 ms (p95 of {args.repeat}); {figures['load_at_start']}")
    with tempfile.TemporaryDirectory() as tmp, \
            Project.create(Path(tmp) / "Edit.fieldkit", language="nl") as project:
        project.set_coder("Benchmark")
        doc = project.add_note(site="Machinebouw Noord", title="Lange notitie", text=text).id
        project.add_code("Leren/Informeel")
        with project._store.change("Codings for the benchmark"):
            for s, e in coded:
                project.code_text(doc, s, e, "Leren/Informeel")
        rows = []
        every: list[float] = []
        for edit in changes:
            # the edit alone is timed; its undo (which restores the note) is not
            samples, report = sampled(lambda edit=edit: project.edit_text(doc, edit.new),
                                      args.repeat - 1, after=project.undo)
            t0 = time.perf_counter()
            report = project.edit_text(doc, edit.new)
            samples.append(time.perf_counter() - t0)
            placed_by_facade = stored(project, doc)
            project.undo()
            written = rows_written(project, lambda edit=edit: project.edit_text(doc, edit.new))
            project.undo()
            every += samples
            whole = percentiles(samples)
            alone_ms, placed = median_ms(lambda edit=edit: reanchor_new(text, edit, anchors),
                                         args.repeat)
            counts = parity(edit, text, anchors, placed_by_facade)
            alone_counts = parity(edit, text, anchors, placed)  # type: ignore[arg-type]
            rows.append({"edit": edit.name, "edit_text_p50_ms": whole["p50_ms"],
                         "edit_text_p95_ms": whole["p95_ms"], "reanchor_ms": alone_ms,
                         "report": str(report), "segment_rows_written": written,
                         "parity": dict(counts),
                         "parity_ok": counts["wrong"] == 0 and counts == alone_counts})
            say(f"  {edit.name:22} edit_text p50 {whole['p50_ms']:7.1f} ms, p95 "
                f"{whole['p95_ms']:7.1f} ms   (re-anchoring alone {alone_ms:6.1f} ms, "
                f"{written} segment rows written)   parity {dict(counts)}")
        overall = percentiles(every)
        figures["long_note"] = {"chars": len(text), "codings": len(coded), "edits": rows,
                                "edit_text": overall}
        say(f"  the whole edit_text over all kinds: p50 {overall['p50_ms']} ms, p95 "
            f"{overall['p95_ms']} ms (target ≤ 100 ms)")

    small_text = long_note(baseline_size)
    small_coded = spans(small_text, baseline_codings, random.Random(SEED))
    small_anchors = anchors_of(small_text, small_coded)
    small_edits = edits(small_text, random.Random(SEED))
    say(f"baseline note: {len(small_text):,} characters, {len(small_coded)} codings "
        "(re-anchoring alone, one run each)")
    rows = []
    for edit in small_edits:
        new_ms, new_placed = median_ms(
            lambda edit=edit: reanchor_new(small_text, edit, small_anchors), 1)
        old_ms, old_placed = median_ms(
            lambda edit=edit: reanchor_old(small_text, edit, small_anchors), 1)
        new_counts = parity(edit, small_text, small_anchors, new_placed)  # type: ignore[arg-type]
        old_counts = parity(edit, small_text, small_anchors, old_placed)  # type: ignore[arg-type]
        rows.append({"edit": edit.name, "new_ms": new_ms, "baseline_ms": old_ms,
                     "new_parity": dict(new_counts), "baseline_parity": dict(old_counts)})
        say(f"  {edit.name:22} new {new_ms:7.1f} ms   baseline {old_ms:9.1f} ms   "
            f"new {dict(new_counts)}   baseline {dict(old_counts)}")
    figures["baseline_note"] = {"chars": len(small_text), "codings": len(small_coded),
                                "edits": rows}
    figures["parity"] = all(r["parity_ok"] for r in figures["long_note"]["edits"])  # type: ignore[index]
    figures["load_at_end"] = load()
    say(figures["load_at_end"])
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0 if figures["parity"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
