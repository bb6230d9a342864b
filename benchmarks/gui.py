"""Desktop app speed: open a big transcript, apply a coding, start the app, memory.

Run on purpose: ``.venv/bin/python benchmarks/gui.py [--json] [--quick]``. Targets (issues 5
and 23): opening a 50,000-word transcript with 1,100 codings ≤ 150 ms to a painted view;
applying a coding ≤ 50 ms to repaint; app start to a usable window ≤ 600 ms; the first code
relations after opening the large demo (cold: nothing read yet) ≤ 150 ms; RSS with the large
demo open ≤ 400 MB. Each figure is measured in a fresh subprocess so imports and caches do not
flatter it. No baseline: absolute figures against the targets. ``--quick``: a 5,000-word
transcript with 110 codings and the small demo (``tests/test_benchmarks_quick.py`` runs it).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FIELDKIT_SETTINGS",
                      os.path.join(tempfile.gettempdir(), "fieldkit-bench.ini"))

WORDS = ("de machine loopt weer en ik kijk mee met Henk die het al jaren doet want de "
         "nieuwe pers is anders dan de oude afkeur leren collega uitleg ploeg").split()


def build_big(path: Path, words_wanted: int = 50_000, codings: int = 1100) -> None:
    """A project with one 50,000-word transcript and 1,100 codings."""
    from fieldkit.project import Project

    rng = random.Random(5)
    lines, words = [], 0
    while words < words_wanted:
        n = rng.randint(15, 60)
        speaker = "Interviewer" if len(lines) % 2 == 0 else "Kees"
        secs = len(lines) * 9
        lines.append(f"[{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}] {speaker}: "
                     + " ".join(rng.choice(WORDS) for _ in range(n)))
        words += n + 1
    source = path.parent / "big.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    with Project.create(path) as p:
        [doc] = p.imports.files([source], site="Hendriks", kind="transcript")
        codes = [p.add_code(f"Theme {i // 6}/Code {i}").id for i in range(30)]
        text = p.document(doc.id).text
        with p._store.change("bench codings"):
            for _ in range(codings):
                start = rng.randrange(0, len(text) - 400)
                p.code_text(doc.id, start, start + rng.randint(20, 380), rng.choice(codes))


def painted(widget) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.repaint()


def measure_open_and_apply(path: str) -> dict[str, float]:
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.project import Project

    app = application()
    i18n.install("en")
    window = MainWindow(Project.open(path))
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    doc_id = window.project.documents(kind="transcript")[0].id
    started = time.perf_counter()
    tab = window.open_document(doc_id)
    painted(window)
    open_ms = (time.perf_counter() - started) * 1000
    view = tab.text_view
    samples = []
    code = window.project.code("Theme 0/Code 1").id
    for i in range(10):
        start = 100 + i * 700
        view.select_span(start, start + 40)
        app.processEvents()
        t0 = time.perf_counter()
        window.coding.apply(code)
        painted(view.viewport())
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    window.close()
    return {"open_big_transcript_ms": round(open_ms, 1),
            "apply_coding_repaint_ms_median": round(samples[len(samples) // 2], 1),
            "apply_coding_repaint_ms_max": round(samples[-1], 1)}


def measure_start(path: str) -> dict[str, float]:
    started = time.perf_counter()
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.project import Project

    application()
    i18n.install("nl")
    window = MainWindow(Project.open(path))
    window.resize(1440, 900)
    window.show()
    painted(window)
    ms = (time.perf_counter() - started) * 1000
    window.close()
    return {"start_to_usable_window_ms": round(ms, 1), "note": "after interpreter start"}


def measure_rss(path: str) -> dict[str, float]:
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.project import Project

    app = application()
    window = MainWindow(Project.open(path))
    window.resize(1440, 900)
    window.show()
    docs = sorted(window.project.documents(), key=lambda d: -d.chars)[:5]
    for d in docs:
        window.open_document(d.id)
    painted(window)
    window.search.run("machine")
    app.processEvents()
    rss_kb = next(int(line.split()[1]) for line in open("/proc/self/status")
                  if line.startswith("VmRSS"))
    window.close()
    return {"rss_large_demo_mb": round(rss_kb / 1024, 1), "open_documents": len(docs)}


def measure_relations(path: str) -> dict[str, float]:
    """The first code relations (every code × every code, overlap) after opening, cold."""
    from fieldkit.project import Project

    started = time.perf_counter()
    project = Project.open(path, readonly=True)
    opened = time.perf_counter()
    analysis = project.analysis
    codes = analysis.code_list(None, analysis.scope())
    found = analysis.relations(codes)
    done = time.perf_counter()
    project.close()
    return {"first_relations_cold_ms": round((done - opened) * 1000, 1),
            "open_then_relations_ms": round((done - started) * 1000, 1),
            "relations_codes": len(found.codes)}


def _child(kind: str, path: str) -> dict[str, float]:
    # fresh settings per child: the memory run leaves five documents "open", and a start that
    # reopened them (or another run's window layout) would not measure a start
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "FIELDKIT_SETTINGS": os.path.join(tmp, "settings.ini")}
        # an installed app has its modules compiled (pip compiles on install): a machine that
        # forbids writing bytecode would time the compiler, not the start
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        out = subprocess.run([sys.executable, __file__, "--child", kind, path], check=True,
                             capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        fn = {"open": measure_open_and_apply, "start": measure_start, "rss": measure_rss,
              "relations": measure_relations}
        print(json.dumps(fn[sys.argv[2]](sys.argv[3])))
        return
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="a small transcript, small demo")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per figure")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from common import demo, load

    repeat = 1 if args.quick else args.repeat
    results: dict[str, object] = {"load_at_start": load(), "quick": args.quick}

    def best_of(kind: str, path: str) -> dict[str, float]:
        """Each figure's median over ``repeat`` fresh processes."""
        runs = [_child(kind, path) for _ in range(repeat)]
        return {k: sorted(r[k] for r in runs)[len(runs) // 2] if isinstance(runs[0][k], float)
                else runs[0][k] for k in runs[0]}

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "Big.fieldkit"
        build_big(big, *((5_000, 110) if args.quick else (50_000, 1100)))
        results.update(best_of("open", str(big)))
    large, _ = demo(args.quick)
    results.update(best_of("start", str(large)))
    results.update(best_of("relations", str(large)))
    results.update(best_of("rss", str(large)))
    results["load_at_end"] = load()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for key, value in results.items():
        print(f"{key:34} {value}")


if __name__ == "__main__":
    main()
