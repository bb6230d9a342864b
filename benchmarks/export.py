"""Export benchmark: 10,000 coded segments to Word (target ≤ 15 s), comments, tables, REFI-QDA.

Run on purpose, not in the test suite::

    .venv/bin/python benchmarks/export.py            # synthetic project, 10,000 segments
    .venv/bin/python benchmarks/export.py --demo     # the large demo project (slow to build)
    .venv/bin/python benchmarks/export.py --quick    # 500 segments, seconds (the quick test)

Prints figures (``--json``: as one JSON document on stdout); asserts nothing about time. Also
compares python-docx's own ``add_comment`` (which scans all comments for a free id) with
fieldkit's linear comments for 1,000 and 3,000 comments (100 and 300 with ``--quick``). Parity:
the project imported back from the ``.qdpx`` holds as many codings as the one exported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from fieldkit.core.progress import Progress
from fieldkit.project import Project

WORDS = ("de machine het stappenplan collega laat zien hoe je de matrijs wisselt en daarna "
         "probeer ik het zelf met de handleiding op de tablet naast de lijn").split()


def synthetic(path: Path, segments: int, seed: int = 7) -> Project:
    """A project with ``segments`` text codings spread over documents and 40 nested codes."""
    rng = random.Random(seed)
    project = Project.create(path, name="Benchmark")
    store = project._store
    with store.change("Benchmark data", log=False):
        codes = []
        for top in range(8):
            parent = store.add_code({"name": f"Theme {top}", "colour": "#3cb44b",
                                     "definition": "A theme of the study."})
            codes.append(parent)
            for sub in range(4):
                codes.append(store.add_code({"name": f"Code {top}.{sub}", "parent_id": parent,
                                             "colour": "#ffe119",
                                             "definition": "What workers do."}))
        coders = [store.coder_id("Anna"), store.coder_id("Bram")]
        site = store.add_site("Metaal Oost")
        per_doc = 20
        for d in range(segments // per_doc):
            text = " ".join(rng.choice(WORDS) for _ in range(400))
            doc = store.add_document({"kind": "fieldnote", "title": f"Fieldnote {d}",
                                      "text": text, "site_id": site})
            for _ in range(per_doc):
                start = rng.randrange(0, len(text) - 200)
                end = start + rng.randrange(40, 200)
                store.add_coding({"document_id": doc, "code_id": rng.choice(codes),
                                  "coder_id": rng.choice(coders), "start": start, "end": end,
                                  "quote": text[start:end], "memo": rng.choice(["", "memo"])})
    return project


FIGURES: dict[str, object] = {}
OUT = sys.stdout


def timed(label: str, action: object) -> float:
    start = time.perf_counter()
    result = action()  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    FIGURES[label] = round(elapsed, 3)
    print(f"{label:<52} {elapsed:7.2f} s", file=OUT, flush=True)
    return result if result is not None else elapsed  # type: ignore[return-value]


def python_docx_comments(n: int, out: Path) -> None:
    import docx

    document = docx.Document()
    for i in range(n):
        run = document.add_paragraph().add_run(f"segment {i}")
        document.add_comment(run, text=f"Code {i}", author="Anna")
    document.save(str(out))


def main() -> int:
    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", action="store_true", help="use the large demo project")
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="500 segments, fewer comments")
    args = parser.parse_args()
    if args.json:
        OUT = sys.stderr
    comments = (100, 300) if args.quick else (1000, 3000)
    if args.quick:
        args.segments, args.demo = 500, False
    if hasattr(os, "getloadavg"):
        FIGURES["load_at_start"] = [round(x, 2) for x in os.getloadavg()]
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-export-bench-"))
    if args.demo:
        from fieldkit.demobuild import build_demo

        project = timed("build the large demo", lambda: build_demo(folder / "p", "large"))
    else:
        project = timed(f"build a synthetic project ({args.segments} codings)",
                        lambda: synthetic(folder / "p", args.segments))
    codings = project.codings()
    print(f"project: {len(project.documents())} documents, {len(codings)} codings", file=OUT)
    ticks: list[int] = []
    progress = Progress(lambda done, total, message: ticks.append(done))
    if len(codings) > args.segments:
        # the demo has more; pick codes until about the asked number of segments is covered
        counts = project._store.coding_counts()
        chosen, total = [], 0
        for _, code, _, n in project.codes_with_counts():
            if n and total + n <= args.segments * 1.05:
                chosen.append(code.id)
                total += n
        print(f"selected {len(chosen)} codes with {total} segments", file=OUT)
        del counts
        timed(f"Word report of {total} segments", lambda: project.exports.docx(
            folder / "r.docx", codes=chosen, progress=progress))
    else:
        timed(f"Word report of {len(codings)} segments",
              lambda: project.exports.docx(folder / "r.docx", progress=progress))
    print(f"   progress reports: {len(ticks)}; file {(folder / 'r.docx').stat().st_size:,} bytes",
          file=OUT)
    timed("Word report, pseudonymised", lambda: project.exports.docx(
        folder / "p.docx", pseudonymise=True, terms={"collega": "X"}))

    # one document with many comments: fieldkit's linear comments vs python-docx add_comment
    text = " ".join(random.Random(1).choice(WORDS) for _ in range(6000))
    note = project.add_note(site="Metaal Oost", title="Long", text=text)
    with project._store.change("Many codings", log=False):
        for i in range(comments[1]):
            project._store.add_coding({"document_id": note.id, "code_id": codings[0].code_id,
                                      "coder_id": codings[0].coder_id, "start": i * 10,
                                      "end": i * 10 + 8, "quote": text[i * 10:i * 10 + 8]})
    timed(f"annotated document, {comments[1]:,} comments (fieldkit)",
          lambda: project.exports.docx(folder / "a.docx", annotated_document=note.id))
    for n in comments:
        timed(f"python-docx add_comment x {n:,} (for comparison)",
              lambda n=n: python_docx_comments(n, folder / f"c{n}.docx"))
    timed("Excel workbook", lambda: project.exports.xlsx(folder / "t.xlsx"))
    timed("CSV files", lambda: project.exports.csv(folder / "csv"))
    timed("REFI-QDA .qdpx", lambda: project.exports.qdpx(folder / "p.qdpx"))
    exported = len(project.codings())
    project.close()
    copy = timed("import-qdpx into a new project",
                 lambda: Project.import_qdpx(folder / "p.qdpx", folder / "copy"))
    imported = len(copy.codings())
    print(f"imported: {imported} codings of {exported}", file=OUT)
    copy.close()
    FIGURES["parity"] = imported == exported
    if hasattr(os, "getloadavg"):
        FIGURES["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.quick:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"files in {folder}", file=OUT)
    if args.json:
        print(json.dumps(FIGURES, indent=2, ensure_ascii=False))
    return 0 if FIGURES["parity"] else 1


if __name__ == "__main__":
    sys.exit(main())
