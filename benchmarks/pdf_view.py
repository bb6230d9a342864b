"""The app's PDF view: open a 300-page PDF to its first painted page, turn pages, repaint after
a coding; and the two ways of rendering a page it was chosen between.

Run on purpose: ``.venv/bin/python benchmarks/pdf_view.py [--json] [--quick]``. Targets (issue
27): open ≤ 300 ms to the first page (a second after the window showed; and, the worst case,
at once), page turn ≤ 50 ms, coding repaint ≤ 50 ms. Beside them,
in the same run: PDFium rendering one page through ``project.pdfs.render_page`` (what the view
uses) and QtPdf (``QPdfDocument.render``, PySide6-Addons) rendering the same page at the same
size, the floor a page turn cannot go under. Each window figure is measured in a fresh
subprocess. ``--quick``: a 30-page PDF (``tests/test_benchmarks_quick.py`` runs it).
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
                      os.path.join(tempfile.gettempdir(), "fieldkit-bench-pdf.ini"))

LINE = ("Regel {0} van pagina {1}: de operator controleert de matrijs en zet de kantbank "
        "pas aan als de afscherming dicht is.")


def build(folder: Path, pages: int, codings: int) -> tuple[Path, float]:
    """A project with one text PDF of ``pages`` pages (36 lines each) and ``codings`` codings
    spread over it; returns the project's path and the import's seconds."""
    from fpdf import FPDF

    from fieldkit.project import Project

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        for i in range(36):
            pdf.text(56, 70 + i * 20, LINE.format(i + 1, n + 1))
    source = folder / "handboek.pdf"
    pdf.output(str(source))
    path = folder / "Pdf.fieldkit"
    rng = random.Random(27)
    with Project.create(path) as p:
        started = time.perf_counter()
        [doc] = p.imports.files([source])
        seconds = time.perf_counter() - started
        codes = [p.add_code(f"Thema {i // 5}/Code {i}").id for i in range(20)]
        text = p.document(doc.id).text
        with p.action("bench codings"):
            for _ in range(codings):
                start = rng.randrange(0, len(text) - 300)
                p.code_text(doc.id, start, start + rng.randint(20, 280), rng.choice(codes))
    return path, seconds


def painted(widget) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.repaint()


def measure_view(path: str, idle: float = 1.0) -> dict[str, float]:
    """``idle``: seconds between the window showing and the PDF opening (a researcher picks
    the document; the app loads PDFium meanwhile). 0 is the worst case, opened at once."""
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.project import Project

    app = application()
    i18n.install("en")
    window = MainWindow(Project.open(path))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    until = time.perf_counter() + idle
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)
    project = window.project
    doc_id = project.documents(kind="pdf")[0].id
    started = time.perf_counter()
    tab = window.open_document(doc_id)
    painted(window)
    open_ms = (time.perf_counter() - started) * 1000
    view = tab.pdf_view
    pages = len(view.pages)
    turns = []
    for number in random.Random(5).sample(range(2, pages + 1), min(20, pages - 1)):
        t0 = time.perf_counter()
        view.go_to_page(number)
        painted(view.viewport())
        turns.append((time.perf_counter() - t0) * 1000)
    code = project.code("Thema 0/Code 1").id
    repaints = []
    for i in range(10):
        page = view.pages[view.current_page - 1]
        start = page.start + 40 + i * 90
        view.select(start, start + 50)
        app.processEvents()
        t0 = time.perf_counter()
        window.coding.apply(code)
        painted(view.viewport())
        repaints.append((time.perf_counter() - t0) * 1000)
    turns.sort()
    repaints.sort()
    window.close()
    return {"open_to_first_page_ms": round(open_ms, 1),
            "page_turn_ms_median": round(turns[len(turns) // 2], 1),
            "page_turn_ms_max": round(turns[-1], 1),
            "coding_repaint_ms_median": round(repaints[len(repaints) // 2], 1),
            "coding_repaint_ms_max": round(repaints[-1], 1), "pages": pages}


def measure_renderers(path: str) -> dict[str, float]:
    """One page at the view's usual size (1.5 pixels a point) by PDFium through the data
    layer, and by QtPdf: the choice of renderer, measured."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from fieldkit.project import Project

    QApplication.instance() or QApplication([])
    out: dict[str, float] = {}
    with Project.open(path, readonly=True) as project:
        doc_id = project.documents(kind="pdf")[0].id
        pages = len(project.pdfs.pages(doc_id))
        numbers = list(range(2, min(pages, 22) + 1))
        t0 = time.perf_counter()
        for n in numbers:
            picture = project.pdfs.render_page(doc_id, n, 1.5)
            QImage(picture.tobytes(), picture.width, picture.height, picture.width * 3,
                   QImage.Format.Format_RGB888).copy()
        out["pdfium_page_to_qimage_ms"] = round((time.perf_counter() - t0) * 1000
                                                / len(numbers), 1)
        size = QSize(picture.width, picture.height)
        qt = QPdfDocument()
        qt.load(str(project.pdfs.file(doc_id)))
        t0 = time.perf_counter()
        for n in numbers:
            qt.render(n - 1, size)
        out["qtpdf_page_ms"] = round((time.perf_counter() - t0) * 1000 / len(numbers), 1)
        qt.close()
    return out


def _child(kind: str, path: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "FIELDKIT_SETTINGS": os.path.join(tmp, "settings.ini")}
        out = subprocess.run([sys.executable, __file__, "--child", kind, path], check=True,
                             capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        fn = {"view": measure_view, "renderers": measure_renderers,
              "view_at_once": lambda p: {"open_at_once_after_start_ms": measure_view(p, 0.0)[
                  "open_to_first_page_ms"]}}
        print(json.dumps(fn[sys.argv[2]](sys.argv[3])))
        return
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="a 30-page PDF")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per figure")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from common import load

    repeat = 1 if args.quick else args.repeat
    results: dict[str, object] = {"load_at_start": load(), "quick": args.quick}
    with tempfile.TemporaryDirectory() as tmp:
        path, seconds = build(Path(tmp), *((30, 30) if args.quick else (300, 300)))
        results["import_s"] = round(seconds, 2)
        for kind in ("view", "view_at_once", "renderers"):
            runs = [_child(kind, str(path)) for _ in range(repeat)]
            results.update({k: sorted(r[k] for r in runs)[len(runs) // 2] for k in runs[0]})
    results["targets"] = {"open_to_first_page_ms": 300, "page_turn_ms_median": 50,
                          "coding_repaint_ms_median": 50}
    results["load_at_end"] = load()
    if args.json:
        print(json.dumps(results))
        return
    for key, value in results.items():
        print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
