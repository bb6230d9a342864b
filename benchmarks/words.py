"""Word frequencies benchmark: ``project.analysis.words`` over the large demo beside a
brute-force count with the same tokenizer; each result compared with the brute force's and the
comparison printed as its parity (computed, never assumed).

    .venv/bin/python benchmarks/words.py [--project PATH] [--repeat N] [--json] [--quick]

``--quick`` measures the small demo with a few repeats (``tests/test_benchmarks_quick.py`` runs
it so this script keeps working); the exit code is 1 when a parity fails.

The brute force is what a competent engineer writes without the index: read every document's
text, split it with the index's own word pattern (``fieldkit.index.words.WORD``), fold each word
with the index's cached analyser (one dictionary look-up per word seen before), count with
``Counter``, group by the Snowball stem and count each group's documents. fieldkit asks the
search index: for every document whole, its vocabulary's counts (an fts5vocab table, less the
memos' and codes' rows) and one MATCH per listed row for its documents; for parts of documents
the folded words the index holds, cut to the spans by their stored offsets and counted in C.
Both leave out the project's stop words, numbers, words under three letters and the speaker
labels that open turns (``Kees:``; the brute force reads them off the text at each turn's
start). Measured:
the whole project (target ≤ 1 s; printed as wall time and as this process's processor time,
which a machine shared with other work does not inflate), and one code's segments and one
speaker's turns (checked for parity against the brute force over the same spans, character by
character).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo, load, percentiles, timed  # noqa: E402

from fieldkit.index.words import WORD, analyser  # noqa: E402
from fieldkit.project import Project  # noqa: E402
from fieldkit.storage import word_rows  # noqa: E402

Row = tuple[str, str, int, int, list[tuple[str, int]]]


def label_at(text: str, start: int, speaker: str) -> tuple[int, int] | None:
    """The speaker label opening a turn (``Kees:``, the name as the turn names its speaker,
    then a colon), which is not counted; None when the turn opens without one."""
    name = text[start:start + len(speaker)]
    if not speaker or name.casefold() != speaker.casefold():
        return None
    at = start + len(speaker)
    while at < len(text) and text[at] in " \t":
        at += 1
    return (start, at + 1) if at < len(text) and text[at] == ":" else None


def brute(project: Project, cover: dict[int, list[tuple[int, int]]] | None = None,
          min_length: int = 3) -> tuple[list[Row], int]:
    """Every stem group (word, stem, count, documents, variants) in the engine's order, and
    the number of documents holding a word; with ``cover`` only the words wholly inside those
    spans (document → spans)."""
    ana = analyser(project.language)
    stop = project.analysis.words.stop_set()
    totals: Counter[str] = Counter()
    in_docs: dict[str, set[int]] = {}
    documents = 0
    ids = None if cover is None else sorted(cover)
    speakers: dict[int, list[tuple[int, str]]] = {}
    for doc, start, speaker in project._store.rows(
            "SELECT document_id, start, speaker FROM turns"):
        speakers.setdefault(doc, []).append((start, speaker))
    for doc, text in word_rows.texts(project._store, ids):
        labels = [label for start, speaker in speakers.get(doc, [])
                  if (label := label_at(text, start, speaker))]
        words = [m for m in WORD.finditer(text)
                 if not any(s <= m.start() < e for s, e in labels)]
        if cover is None:
            folded = [ana.word(m.group())[0] for m in words]
        else:
            spans = cover[doc]
            folded = [ana.word(m.group())[0] for m in words
                      if any(s <= m.start() and m.end() <= e for s, e in spans)]
        folded = [f for f in folded if f]
        if folded:
            documents += 1
        found = Counter(folded)
        totals.update(found)
        for w in found:
            in_docs.setdefault(w, set()).add(doc)
    groups: dict[str, dict[str, int]] = {}
    for w, n in totals.items():
        if len(w) >= min_length and w not in stop and not w.isdigit():
            groups.setdefault(ana.stem(w), {})[w] = n
    rows: list[Row] = []
    for s, forms in groups.items():
        variants = sorted(forms.items(), key=lambda f: (-f[1], f[0]))
        docs = set().union(*(in_docs[v] for v in forms))
        rows.append((variants[0][0], s, sum(forms.values()), len(docs), variants))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows, documents


def engine_rows(found: Any) -> list[Row]:
    return [(r.word, r.stem, r.count, r.documents, r.variants) for r in found.rows]


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def measure(project: Project, name: str, selection: dict[str, Any],
            cover: dict[int, list[tuple[int, int]]] | None, repeat: int) -> dict[str, Any]:
    words = project.analysis.words
    first = time.perf_counter()
    full = words.frequencies(top=None, **selection)
    first_s = time.perf_counter() - first
    samples = timed(lambda: words.frequencies(top=50, **selection), repeat)
    cpu = []  # processor time of this process: what the work costs when the machine is shared
    for _ in range(repeat):
        started_cpu = time.process_time()
        words.frequencies(top=50, **selection)
        cpu.append(time.process_time() - started_cpu)
    started = time.perf_counter()
    rows, documents = brute(project, cover)
    brute_s = time.perf_counter() - started
    top = words.frequencies(top=50, **selection)
    parity = engine_rows(full) == rows and engine_rows(top) == rows[:50] \
        and full.documents == documents
    return {"what": name, "fieldkit_top50_ms": percentiles(samples),
            "fieldkit_top50_cpu_ms": percentiles(cpu),
            "fieldkit_all_rows_first_ms": round(first_s * 1000, 1),
            "brute_force_ms": round(brute_s * 1000, 1),
            "brute_over_fieldkit": round(brute_s / max(1e-9, sorted(samples)[len(samples) // 2]),
                                         1),
            "words": full.words, "groups": full.distinct, "documents": full.documents,
            "parity": parity}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    path = args.project or demo(args.quick)[0]
    repeat = 2 if args.quick else args.repeat
    with Project.open(path, readonly=True) as project:
        store = project._store
        busiest = max(project.coding_counts().items(), key=lambda kv: (kv[1], -kv[0]))[0]
        code_cover = {d: merged_spans(s)
                      for d, s in word_rows.code_spans(store, busiest).items()}
        speaker = word_rows.speakers(store)[0]
        names = project.analysis.words.speakers_named(speaker)
        turn_cover = {d: merged_spans(s)
                      for d, s in word_rows.speaker_spans(store, names).items()}
        results = [measure(project, "every document", {}, None, repeat),
                   measure(project, f"code {project.code_path(busiest)}", {"code": busiest},
                           code_cover, repeat),
                   measure(project, f"speaker {speaker}", {"speaker": speaker}, turn_cover,
                           repeat)]
    figures = {"project": str(path), "load": load(), "target_ms": 1000,
               "results": results, "parity": all(r["parity"] for r in results)}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"project: {path}  ({figures['load']})")
        for r in results:
            p = r["fieldkit_top50_ms"]
            print(f"{r['what']}: {r['words']:,} words, {r['groups']:,} groups, "
                  f"{r['documents']:,} documents")
            c = r["fieldkit_top50_cpu_ms"]
            print(f"  fieldkit top 50: p50 {p['p50_ms']} ms, p95 {p['p95_ms']} ms wall; "
                  f"p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms processor time "
                  f"(all rows, first call: {r['fieldkit_all_rows_first_ms']} ms)")
            print(f"  brute force:     {r['brute_force_ms']} ms "
                  f"({r['brute_over_fieldkit']}× fieldkit)")
            print(f"  parity (every row, count, documents and variants): {r['parity']}")
    return 0 if figures["parity"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
