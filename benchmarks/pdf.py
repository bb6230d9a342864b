"""PDF import against PDFium's own text extraction, and the data layer's page figures.

1. Import a generated 300-page text PDF (``project.imports.files``: read every page's text and
   character boxes, store the original, the pages, the boxes and the text, index it for search)
   against the floor: PDFium extracting the same text alone (pypdfium2, one ``get_text_range``
   a page, nothing stored), in the same run. Target: import ≤ 10 s. A second baseline shows
   what PDFium needs for the text with a box per character (the work the import cannot skip).
   Parity: the imported text is PDFium's text (line breaks as LF, pages joined by an empty
   line) and every page holds one box per character.
2. The data layer under the viewer: opening the project and rendering page 1 with its boxes
   (target for the app: ≤ 300 ms to the first page), and turning to a page (render + boxes;
   target ≤ 50 ms), at the scale the app shows a page at 100 % (96 dpi: 4/3 pixels a point).

The PDF is written with fpdf2 (``pip install 'fieldkit[test]'``). ``--quick`` uses 30 pages.

Run: .venv/bin/python benchmarks/pdf.py [--quick] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("de het een machine kantbank werkt operator leerde café één heeft gezien hoe zij "
         "coördinator ploeg nacht storing laser plooien matrijs veiligheid controle "
         "handschoenen instructie zetten").split()
LINES, PER_LINE = 42, 13  # words: about 3,600 characters a page, a dense A4 of text
SCALE = 96 / 72


def write_pdf(path: Path, pages: int) -> None:
    try:
        from fpdf import FPDF
    except ImportError:
        raise SystemExit("benchmarks/pdf.py writes its PDF with fpdf2: "
                         "pip install 'fieldkit[test]'") from None
    rng = random.Random(7)
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        for i in range(LINES):
            words = " ".join(rng.choice(WORDS) for _ in range(PER_LINE))
            pdf.text(56, 60 + i * 17, f"{n + 1}.{i + 1} {words}")
    pdf.output(str(path))


def floor_text(path: Path) -> tuple[float, str]:
    """PDFium alone: the text of every page, one call a page."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    texts = []
    for page in pdf:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    seconds = time.perf_counter() - started
    return seconds, "\n\n".join(t.replace("\r\n", "\n") for t in texts)


def floor_boxes(path: Path) -> tuple[float, int]:
    """PDFium alone: the text and a box per character (a plain loop over pypdfium2)."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    boxes = 0
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        for i in range(textpage.count_chars()):
            textpage.get_charbox(i, loose=True)
            boxes += 1
        textpage.close()
        page.close()
    pdf.close()
    return time.perf_counter() - started, boxes


def import_figure(folder: Path, path: Path) -> dict[str, object]:
    from fieldkit import Project

    with Project.create(folder / "Bench.fieldkit") as project:
        started = time.perf_counter()
        [doc] = project.imports.files([path])
        seconds = time.perf_counter() - started
        text = project.document(doc.id).text
        pages = project.pdfs.pages(doc.id)
        boxes_ok = all(len(project.pdfs.char_boxes(doc.id, p.number)) == p.end - p.start
                       for p in pages)
        hits = project.search("kantbank").total
    return {"seconds": seconds, "text": text, "pages": len(pages), "boxes_ok": boxes_ok,
            "hits": hits, "doc": doc.id}


def page_figures(folder: Path, doc: int, pages: int, repeat: int) -> dict[str, object]:
    from fieldkit import Project

    opens, turns = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with Project.open(folder / "Bench.fieldkit", readonly=True) as project:
            project.pdfs.pages(doc)
            project.pdfs.render_page(doc, 1, SCALE)
            project.pdfs.char_boxes(doc, 1)
            opens.append(time.perf_counter() - started)
            rng = random.Random(3)
            for _ in range(10):
                n = rng.randint(2, pages)
                started = time.perf_counter()
                project.pdfs.render_page(doc, n, SCALE)
                project.pdfs.char_boxes(doc, n)
                turns.append(time.perf_counter() - started)
    return {"open_to_first_page_ms": round(statistics.median(opens) * 1000, 1),
            "page_turn_ms_median": round(statistics.median(turns) * 1000, 1),
            "page_turn_ms_max": round(max(turns) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pages = 30 if args.quick else 300
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "handboek.pdf"
        write_pdf(path, pages)
        floor_s, floor_text_ = floor_text(path)
        boxes_s, boxes = floor_boxes(path)
        imported = import_figure(folder, path)
        viewer = page_figures(folder, int(imported["doc"]), pages, 3 if args.quick else 5)
        text = str(imported["text"])
        figures = {
            "pages": pages, "chars": len(text), "mb": round(path.stat().st_size / 1e6, 2),
            "import_s": round(float(imported["seconds"]), 2),
            "floor_text_s": round(floor_s, 2), "floor_text_and_boxes_s": round(boxes_s, 2),
            "import_over_floor": round(float(imported["seconds"]) / floor_s, 1),
            "import_over_boxes_floor": round(float(imported["seconds"]) / boxes_s, 1),
            **viewer,
            "parity": {"same_text": text == floor_text_, "pages": imported["pages"] == pages,
                       "boxes_per_character": imported["boxes_ok"],
                       "boxes_counted": boxes, "search_hits": imported["hits"]},
        }
        figures["parity_ok"] = all(v for k, v in figures["parity"].items()  # type: ignore[union-attr]
                                   if k in ("same_text", "pages", "boxes_per_character"))
    if args.json:
        print(json.dumps(figures))
        return
    print(f"PDF of {pages} pages, {figures['chars']:,} characters, {figures['mb']} MB")
    print(f"  import (read, store, index)   {figures['import_s']:6.2f} s   target ≤ 10 s")
    print(f"  floor: PDFium text alone      {figures['floor_text_s']:6.2f} s   "
          f"(import is {figures['import_over_floor']}×)")
    print(f"  PDFium text + char boxes      {figures['floor_text_and_boxes_s']:6.2f} s   "
          f"(import is {figures['import_over_boxes_floor']}×)")
    print(f"  open + page 1 (data layer)    {figures['open_to_first_page_ms']:6.1f} ms  "
          "app target ≤ 300 ms")
    print(f"  turn a page (render + boxes)  {figures['page_turn_ms_median']:6.1f} ms  median, "
          f"{figures['page_turn_ms_max']} ms max; app target ≤ 50 ms")
    print(f"  parity: {figures['parity']}")


if __name__ == "__main__":
    main()
