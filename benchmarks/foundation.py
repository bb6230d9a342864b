"""Foundation figures on the large demo: build, import rate, open, code one span, read a long
transcript with its codings. Targets (DESIGN.md): open ≤ 1 s, coding ≤ 50 ms, 50,000-word
transcript with 1,000 codings ≤ 300 ms (the view adds its own part; see benchmarks/gui.py),
1,000 documents imported ≤ 30 s.

No baseline: these are absolute figures against the targets. Run:
.venv/bin/python benchmarks/foundation.py [--rebuild] [--json] [--quick]
(``--quick``: the small demo and 100 imported documents, seconds; ``tests/test_benchmarks_quick.py``
runs it so this script keeps working.)
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo, load, percentiles, timed  # noqa: E402

from fieldkit import Project  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="the small demo, 100 documents")
    args = parser.parse_args()
    figures: dict[str, object] = {"load_at_start": load(), "quick": args.quick}
    imports = 100 if args.quick else 1000
    repeat = 5 if args.quick else 20

    path, build_s = demo(args.quick, args.rebuild)
    if build_s is not None:
        figures["build_large_demo_s"] = round(build_s, 1)

    opens = timed(lambda: Project.open(path, readonly=False).close(), 5)
    figures["open_project"] = percentiles(opens)

    with Project.open(path) as p:
        docs = p._store.document_summaries()
        figures["documents"] = len(docs)
        figures["codings"] = p._store.value("SELECT count(*) FROM codings")
        figures["chars"] = p._store.value("SELECT sum(chars) FROM documents")
        longest = max(docs, key=lambda d: d.chars)
        figures["long_transcript"] = {"title": longest.title, "chars": longest.chars,
                                      "codings": longest.codings}

        def read_long() -> None:
            p.document(longest.id)
            p.turns(longest.id)
            p.codings(doc=longest.id)

        figures["read_long_transcript"] = percentiles(timed(read_long, repeat))

        rng = random.Random(1)
        code_ids = list(p.codebook().codes)
        sample = [d for d in docs if d.chars > 200][:500]
        made: list[int] = []

        def code_one() -> None:
            d = rng.choice(sample)
            start = rng.randrange(0, d.chars - 100)
            made.append(p.code_text(d.id, start, start + 50, rng.choice(code_ids),
                                    coder="Benchmark").id)

        figures["apply_one_coding"] = percentiles(timed(code_one, 5 * repeat))
        figures["remove_one_coding"] = percentiles(
            timed(lambda: p.uncode(made.pop()), 5 * repeat))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        words = ("operator kantbank lasrobot collega uitleg storing instructie planner "
                 "ploegleider coördinatie één leren proberen fout machine").split()
        for i in range(imports):
            lines = [f"[00:{i % 60:02}:{j % 60:02}] {'Interviewer' if j % 2 else 'Sanne'}: "
                     + " ".join(rng.choice(words) for _ in range(40)) for j in range(12)]
            (folder / f"interview-{i:04}.txt").write_text("\n".join(lines), encoding="utf-8")
        with Project.create(Path(tmp) / "Import.fieldkit") as p:
            started = time.perf_counter()
            p.imports.files(sorted(folder.glob("*.txt")), site="Bakkerij")
            elapsed = time.perf_counter() - started
        figures[f"import_{imports}_documents_s"] = round(elapsed, 2)
        figures["import_rate_docs_per_s"] = round(imports / elapsed, 1)
        shutil.rmtree(folder)
    figures["load_at_end"] = load()

    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        for key, value in figures.items():
            print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
