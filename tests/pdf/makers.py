"""PDFs the tests write themselves with fpdf2: text pages (with their lines' places known, the
truth the boxes are checked against), picture-only pages (a scan), rotated and encrypted ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw

UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LEFT = 72.0  # points
TOP = 100.0  # the first line's baseline, points from the top
LEADING = 20.0
SIZE = 12.0
A4 = (595.28, 841.89)


@dataclass
class Written:
    """A PDF written, with where each line of each page starts and how wide it is."""

    path: Path
    pages: list[list[str]]
    widths: list[list[float]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(lines) for lines in self.pages)


def text_pdf(path: Path, pages: list[list[str]], *, title: str = "",
             unicode: bool = False, password: str | None = None,
             created: datetime | None = None) -> Written:
    """Each page's lines at LEFT, baselines TOP + i × LEADING, in Helvetica (Latin-1: accents)
    or, with ``unicode``, DejaVu Sans (emoji outside it are not drawn: keep to its glyphs)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=A4)
    if unicode:
        pdf.add_font("DejaVu", "", str(UNICODE_FONT))
        pdf.set_font("DejaVu", size=SIZE)
    else:
        pdf.set_font("helvetica", size=SIZE)
    if title:
        pdf.set_title(title)
    pdf.set_creation_date(created or datetime(2025, 3, 4, 10, 30, tzinfo=UTC))
    if password:
        pdf.set_encryption(owner_password="eigenaar", user_password=password)
    written = Written(path, pages)
    for lines in pages:
        pdf.add_page()
        widths = []
        for i, line in enumerate(lines):
            pdf.text(LEFT, TOP + i * LEADING, line)
            widths.append(pdf.get_string_width(line))
        written.widths.append(widths)
    pdf.output(str(path))
    return written


def picture_pdf(path: Path, pages: int = 2) -> Path:
    """A scan: each page one picture (a dark block on white), no text at all."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=A4)
    for n in range(pages):
        image = Image.new("RGB", (400, 300), "white")
        ImageDraw.Draw(image).rectangle((50 + n * 10, 50, 200, 150), fill="black")
        pdf.add_page()
        pdf.image(image, x=50, y=50, w=400, h=300)
    pdf.output(str(path))
    return path


def rotated(path: Path, degrees: int) -> Path:
    """The PDF at ``path`` with its first page's /Rotate set (written in place)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    pdf[0].set_rotation(degrees)
    out = path.with_suffix(".rot.pdf")
    pdf.save(str(out))
    pdf.close()
    out.replace(path)
    return path


def many_pages(path: Path, count: int) -> Path:
    """A long PDF: ``count`` pages of a few lines each."""
    return text_pdf(path, [[f"Pagina {n + 1} van de werkinstructie.", "Controleer de matrijs."]
                           for n in range(count)]).path
