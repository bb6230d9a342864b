"""Importing a survey: 5,000 respondents × 40 columns, as csv and as xlsx (target ≤ 10 s).

The survey is generated: a respondent column, 10 open questions (Dutch and English answers of
one to four sentences, some blank, accents and emoji) and 29 closed ones (departments, shifts,
years, Likert scores, dates, yes/no). Each figure is the real CLI (a fresh process, a new
project each run: ``fieldkit import FILE --kind survey``), the p50 of a few runs, against
pandas reading the same file (``read_csv`` / ``read_excel`` with calamine where installed, as
fieldkit reads it: the floor, reading alone). The CPU
seconds of the import are printed beside (a busy machine stretches the wall clock). The
parity line compares what the project holds with the truth the generator knows: the cases
(one per respondent), the documents (one per respondent with an open answer) and the number
of attribute values (every closed cell that is not blank). Then the import is undone in a
copy of the project (in this process: CPU seconds are this process's), rows put back many a
statement, against the baseline that puts them back one by one (as fieldkit did before), and
what the copy holds after is checked to be nothing.

Run: .venv/bin/python benchmarks/survey.py [--quick] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESPONDENTS = 5_000
OPEN = 10
RUNS = 3
TARGET_SECONDS = 10.0
PIECES = (
    "Ik leer het meest van de oudere collega's op de afdeling.",
    "Ahmed liet me zien hoe je de kantbank instelt voor dun plaat.",
    "Door fouten te maken en die daarna in het werkoverleg te bespreken.",
    "De nieuwe lasrobot is lastig, maar de handleiding helpt niet echt.",
    "I mostly learn by watching the night shift lead when a machine stops.",
    "Meer tijd om nieuwe mensen in te werken zou veel schelen.",
    "De planning is vaak te krap, dan is er geen ruimte om iets te vragen.",
    "Café-gesprekken in de pauze leveren verrassend veel tips op 😀.",
    "Sometimes the instructions are only in German, which makes it hard.",
    "Eén keer te veel vragen is beter dan één keer te weinig.",
    "De coördinator legt alles rustig uit, ook als het druk is.",
    "We hebben een app gekregen voor storingen, maar niemand gebruikt die.",
)
DEPARTMENTS = ("Lasserij", "Montage", "Plaatwerk", "Expeditie", "Kwaliteit", "Onderhoud")
SHIFTS = ("vroeg", "laat", "nacht")
CONTRACTS = ("vast", "tijdelijk", "uitzend")
SCHOOLING = ("vmbo", "mbo", "hbo", "wo")


@dataclass(slots=True)
class Truth:
    respondents: int
    documents: int  # respondents with at least one open answer
    values: int  # closed cells that are not blank


def _header() -> list[str]:
    open_questions = [f"open_{i + 1}" for i in range(OPEN)]
    closed = ["afdeling", "ploeg", "contract", "opleiding", "jaren_in_dienst", "leeftijd",
              "uren_per_week", "mentor", "leerling", "startdatum"]
    closed += [f"stelling_{i + 1}" for i in range(29 - len(closed))]
    return ["respondent", *open_questions, *closed]


def _row(rng: random.Random, n: int) -> list[str]:
    answers = ["" if rng.random() < 0.15 else
               " ".join(rng.sample(PIECES, rng.randint(1, 4))) for _ in range(OPEN)]
    if n % 97 == 0:
        answers = [""] * OPEN  # now and then a respondent who wrote nothing
    start = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    closed = [rng.choice(DEPARTMENTS), rng.choice(SHIFTS), rng.choice(CONTRACTS),
              rng.choice(SCHOOLING), str(rng.randint(0, 40)), str(rng.randint(18, 66)),
              rng.choice(("40", "36", "32,5", "24")), rng.choice(("ja", "nee")),
              rng.choice(("ja", "nee")), start]
    closed += ["" if rng.random() < 0.05 else str(rng.randint(1, 5)) for _ in range(19)]
    return [f"R{n:05d}", *answers, *closed]


def generate(folder: Path, respondents: int) -> tuple[Path, Path, Truth]:
    """The survey as ``survey.csv`` (UTF-8, ``;``) and ``survey.xlsx``, and its truth."""
    from openpyxl import Workbook

    rng = random.Random(28)
    rows = [_row(rng, n + 1) for n in range(respondents)]
    header = _header()
    csv_path = folder / "survey.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Antwoorden")
    sheet.append(header)
    for row in rows:
        sheet.append([int(c) if c.isdigit() and not c.startswith("R") else c for c in row])
    xlsx_path = folder / "survey.xlsx"
    book.save(xlsx_path)
    documents = sum(1 for r in rows if any(r[1:1 + OPEN]))
    values = sum(1 for r in rows for c in r[1 + OPEN:] if c)
    return csv_path, xlsx_path, Truth(respondents, documents, values)


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _cli(*args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``fieldkit`` command (CPU: what a busy machine's
    other work does not stretch)."""
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "fieldkit", *args], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise SystemExit(f"fieldkit {' '.join(args)} failed: {done.stderr.strip()}")
    return time.perf_counter() - started, _children_cpu() - cpu


def _stored(project: Path) -> Truth:
    from fieldkit.project import Project

    with Project.open(project, readonly=True) as p:
        cases = p.cases()
        return Truth(len(cases), len(p.documents()),
                     sum(len(c.attributes) for c in cases))


def _pandas(path: Path) -> float:
    import pandas as pd

    started = time.perf_counter()
    if path.suffix == ".csv":
        pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    else:  # the fastest reader pandas has: calamine where it is installed (fieldkit's too)
        pd.read_excel(path, dtype=str, engine=_excel_engine())
    return time.perf_counter() - started


def _excel_engine() -> str:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return "openpyxl"
    return "calamine"


def _undo(project: Path, smallest_run: int) -> tuple[float, float, Truth]:
    """Wall-clock and CPU seconds of undoing the import in a copy of ``project``, with runs of
    at least ``smallest_run`` rows put back many a statement (a huge number: row by row, as
    before; the baseline), and what the copy holds after."""
    from fieldkit.project import Project
    from fieldkit.storage import writer

    copy = project.with_name(f"{project.stem}-undo{smallest_run}.fieldkit")
    shutil.copytree(project, copy)
    saved = writer.BATCH_MIN
    writer.BATCH_MIN = smallest_run
    try:
        with Project.open(copy) as p:
            started, cpu = time.perf_counter(), time.process_time()
            p.undo()
            wall, used = time.perf_counter() - started, time.process_time() - cpu
        return wall, used, _stored(copy)
    finally:
        writer.BATCH_MIN = saved
        shutil.rmtree(copy)


def figure(folder: Path, source: Path, truth: Truth, runs: int) -> dict[str, object]:
    from fieldkit.storage import writer

    seconds: list[float] = []
    cpu: list[float] = []
    undo: dict[str, list[float]] = {"wall": [], "cpu": [], "base_wall": [], "base_cpu": []}
    stored = None
    undone = True
    for run in range(runs):
        project = folder / f"{source.suffix[1:]}{run}.fieldkit"
        _cli("new", str(project))
        wall, used = _cli("-p", str(project), "import", str(source), "--kind", "survey")
        seconds.append(wall)
        cpu.append(used)
        stored = _stored(project)
        for prefix, smallest in (("", writer.BATCH_MIN), ("base_", 10**12)):
            wall, used, after = _undo(project, smallest)
            undo[f"{prefix}wall"].append(wall)
            undo[f"{prefix}cpu"].append(used)
            undone = undone and after == Truth(0, 0, 0)
        shutil.rmtree(project)
    floor = [_pandas(source) for _ in range(runs)]
    p50, base = statistics.median(seconds), statistics.median(floor)
    return {"file": source.name, "seconds": round(p50, 2),
            "cpu_seconds": round(statistics.median(cpu), 2), "pandas_seconds": round(base, 3),
            "ratio": round(p50 / base, 1), "within_target": p50 <= TARGET_SECONDS,
            "stored": [stored.respondents, stored.documents, stored.values] if stored else None,
            "truth": [truth.respondents, truth.documents, truth.values],
            "parity": stored == truth,
            "undo": {k: round(statistics.median(v), 2) for k, v in undo.items()},
            "undo_parity": undone}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 respondents, one run")
    parser.add_argument("--json", action="store_true", help="the figures as JSON at the end")
    args = parser.parse_args()
    respondents = RESPONDENTS // 10 if args.quick else RESPONDENTS
    runs = 1 if args.quick else RUNS
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-bench-survey-"))
    figures: dict[str, object] = {"respondents": respondents, "columns": len(_header()),
                                  "runs": runs}
    try:
        csv_path, xlsx_path, truth = generate(folder, respondents)
        print(f"A survey of {respondents:,} respondents × {len(_header())} columns "
              f"({OPEN} open), p50 of {runs} run(s), target ≤ {TARGET_SECONDS:.0f} s")
        for n, source in enumerate((csv_path, xlsx_path), 1):
            found = figure(folder, source, truth, runs)
            figures[source.suffix[1:]] = found
            print(f"{n}. {source.name}: fieldkit import {found['seconds']} s (CPU "
                  f"{found['cpu_seconds']} s) against pandas reading it "
                  f"{found['pandas_seconds']} s: ratio {found['ratio']}; "
                  f"parity (cases, documents, attribute values) {found['stored']} against "
                  f"the truth {found['truth']}: "
                  f"{'same' if found['parity'] else 'DIFFER'}")
            times = found["undo"]
            assert isinstance(times, dict)
            print(f"   undo of the import: {times['wall']} s (CPU {times['cpu']} s) against "
                  f"row by row {times['base_wall']} s (CPU {times['base_cpu']} s); "
                  f"nothing left after undo: {'yes' if found['undo_parity'] else 'NO'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
