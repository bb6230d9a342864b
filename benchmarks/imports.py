"""Imports and merges that must stay linear: speaker turns, subtitle cues, codes in a .qdpx.

1. A transcript of 16,000 speaker turns, against the same text imported without speakers
   (``--kind text``: no turns, the same words to index). Target: linear in the turns.
2. A WebVTT file of 100,000 cues, against the same text without speakers. Target: ≤ 30 s.
3. Merging a .qdpx of 1k / 10k / 100k codes (made with fieldkit's own exporter from a generated
   project), against ``import-qdpx`` of the same file. Target: within 2× of the import.

Every figure is the real CLI (a fresh process), as a researcher runs it; the parity line says the
two imports stored the same text. ``--quick`` uses a tenth of the sizes (and 1k/2k codes).

Run: .venv/bin/python benchmarks/imports.py [--quick] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("de het een machine kantbank werkt Jan Piet leerde café één heeft gezien hoe zij "
         "coördinator ploeg nacht 😀 storing laser plooien").split()


def _cli(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "fieldkit", *args], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise SystemExit(f"fieldkit {' '.join(args)} failed: {done.stderr.strip()}")
    return time.perf_counter() - started


def _import(folder: Path, name: str, source: Path, *extra: str) -> tuple[float, str]:
    project = folder / f"{name}.fieldkit"
    _cli("new", str(project))
    seconds = _cli("-p", str(project), "import", str(source), *extra)
    from fieldkit.project import Project

    with Project.open(project, readonly=True) as p:
        [doc] = p.documents()
        text = p.document(doc.id).text
    return seconds, text


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def turns_figure(folder: Path, turns: int) -> dict[str, object]:
    rng = random.Random(1)
    lines = [f"Spreker {i % 3}: {_sentence(rng, 12)}" for i in range(turns)]
    transcript = folder / "turns.txt"
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with_speakers, text = _import(folder, "turns", transcript, "--kind", "transcript")
    plain = folder / "turns-plain.txt"
    plain.write_text(text, encoding="utf-8")  # the very text the transcript became
    without, plain_text = _import(folder, "turns-plain", plain, "--kind", "text")
    return {"turns": turns, "seconds": round(with_speakers, 2),
            "baseline_seconds": round(without, 2),
            "ratio": round(with_speakers / without, 2), "parity": text == plain_text}


def _stamp(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def cues_figure(folder: Path, cues: int) -> dict[str, object]:
    rng = random.Random(2)
    vtt = folder / "cues.vtt"
    with vtt.open("w", encoding="utf-8") as out:
        out.write("WEBVTT\n\n")
        for i in range(cues):
            out.write(f"{i + 1}\n{_stamp(i * 2000)} --> {_stamp(i * 2000 + 1800)}\n"
                      f"<v Spreker {i % 2}>{_sentence(rng, 8)}\n\n")
    with_speakers, text = _import(folder, "cues", vtt)
    plain = folder / "cues-plain.txt"
    plain.write_text(text, encoding="utf-8")
    without, plain_text = _import(folder, "cues-plain", plain, "--kind", "text")
    return {"cues": cues, "seconds": round(with_speakers, 2),
            "baseline_seconds": round(without, 2),
            "ratio": round(with_speakers / without, 2), "parity": text == plain_text}


def _codes_qdpx(folder: Path, n: int) -> Path:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

    def fill(project: Project, store: Store) -> None:
        with store.change("Codes", log=False):
            tops = [store.add_code({"name": f"Thema {i}", "parent_id": None})
                    for i in range(max(1, n // 50))]
            for i in range(n - len(tops)):
                store.add_code({"name": f"Code {i}", "parent_id": tops[i % len(tops)],
                                "definition": f"Wanneer iemand {_sentence(rng, 6)}"})

    rng = random.Random(3)
    with Project.build(folder / f"codes{n}.fieldkit", fill=fill) as project:
        project.add_note(site="Metaal BV", title="Notitie", text="Jan werkt hier.")
        return project.exports.qdpx(folder / f"codes{n}.qdpx")


def merge_figure(folder: Path, n: int) -> dict[str, object]:
    from fieldkit.project import Project

    qdpx = _codes_qdpx(folder, n)
    imported = folder / f"imported{n}.fieldkit"
    import_s = _cli("import-qdpx", str(qdpx), str(imported))
    target = folder / f"target{n}.fieldkit"
    _cli("new", str(target))
    merge_s = _cli("-p", str(target), "merge", str(qdpx))

    def paths(path: Path) -> list[str]:
        with Project.open(path, readonly=True) as p:
            book = p.codebook()
            return sorted(book.path(c) for c in book.codes)

    return {"codes": n, "merge_seconds": round(merge_s, 2),
            "import_qdpx_seconds": round(import_s, 2), "ratio": round(merge_s / import_s, 2),
            "parity": paths(imported) == paths(target)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--json", action="store_true", help="the figures as JSON at the end")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    figures: dict[str, object] = {}
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-bench-imports-"))
    try:
        print(f"1. A transcript of {16_000 // scale:,} speaker turns against the same text "
              "without speakers")
        figures["turns"] = found = turns_figure(folder, 16_000 // scale)
        print(f"   {found['seconds']} s against {found['baseline_seconds']} s: "
              f"ratio {found['ratio']}, parity {'same text' if found['parity'] else 'DIFFER'}")
        print(f"2. A WebVTT file of {100_000 // scale:,} cues against the same text without "
              "speakers (target ≤ 30 s)")
        figures["cues"] = found = cues_figure(folder, 100_000 // scale)
        print(f"   {found['seconds']} s against {found['baseline_seconds']} s: "
              f"ratio {found['ratio']}, parity {'same text' if found['parity'] else 'DIFFER'}")
        print("3. merge of a .qdpx against import-qdpx of the same file (target ≤ 2×)")
        merges = []
        for n in ((1_000, 2_000) if args.quick else (1_000, 10_000, 100_000)):
            merges.append(found := merge_figure(folder, n))
            print(f"   {n:>7,} codes: merge {found['merge_seconds']} s, import-qdpx "
                  f"{found['import_qdpx_seconds']} s: ratio {found['ratio']}, parity "
                  f"{'same codebook' if found['parity'] else 'DIFFER'}")
        figures["merge"] = merges
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
