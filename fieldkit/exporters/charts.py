"""Charts people put in papers: a heat map (code × site/month/…, or code relations), grouped bars
(code frequencies per column) and a document portrait (the codes' colours through a text).

Drawn without Qt and without matplotlib: a chart is a list of rectangles and labels, written as
SVG text or painted into a PNG with Pillow (already a dependency). So the command line, the Word
report and the app show the same picture, headless, byte-identical run after run, at no extra
install size (matplotlib would add ~40 MB to the wheel's environment for three chart types).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from fieldkit.exporters.files import atomic_path

HEAT = (26, 115, 232)
PALETTE = ("#1a73e8", "#e8710a", "#188038", "#d93025", "#9334e6", "#12b5cb", "#f9ab00",
           "#5f6368")
FONT_SIZE = 12


@dataclass(slots=True)
class Shape:
    kind: str  # "rect" or "text"
    x: float
    y: float
    w: float = 0
    h: float = 0
    fill: str = "#000000"
    text: str = ""
    anchor: str = "start"  # start, middle or end (of the text at x)
    bold: bool = False


@dataclass(slots=True)
class Canvas:
    """A chart as shapes on a white page of ``width`` × ``height`` pixels."""

    width: int
    height: int
    shapes: list[Shape] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.shapes.append(Shape("rect", x, y, w, h, fill))

    def text(self, x: float, y: float, text: str, *, anchor: str = "start",
             fill: str = "#202020", bold: bool = False) -> None:
        self.shapes.append(Shape("text", x, y, fill=fill, text=text, anchor=anchor, bold=bold))

    def svg(self) -> str:
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
               f'height="{self.height}" viewBox="0 0 {self.width} {self.height}" '
               f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT_SIZE}">',
               f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="#ffffff"/>']
        for s in self.shapes:
            if s.kind == "rect":
                out.append(f'<rect x="{s.x:g}" y="{s.y:g}" width="{s.w:g}" height="{s.h:g}" '
                           f'fill="{s.fill}"/>')
            else:
                weight = ' font-weight="bold"' if s.bold else ""
                out.append(f'<text x="{s.x:g}" y="{s.y + FONT_SIZE * 0.85:g}" fill="{s.fill}" '
                           f'text-anchor="{s.anchor}"{weight}>{escape(s.text)}</text>')
        out.append("</svg>")
        return "\n".join(out) + "\n"

    def png(self) -> bytes:
        image = Image.new("RGB", (self.width, self.height), "#ffffff")
        draw = ImageDraw.Draw(image)
        font = _font()
        for s in self.shapes:
            if s.kind == "rect":
                draw.rectangle([s.x, s.y, s.x + s.w - 1, s.y + s.h - 1], fill=s.fill)
            else:
                width = font.getlength(s.text)
                x = s.x - (width if s.anchor == "end" else width / 2 if s.anchor == "middle"
                           else 0)
                draw.text((x, s.y), s.text, fill=s.fill, font=font)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()

    def save(self, out: str | Path) -> Path:
        """Write the chart as ``.png`` or ``.svg`` (by the file's suffix), all or nothing."""
        from fieldkit.core.errors import BadInput

        target = Path(out)
        suffix = target.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise BadInput(f"{target.name}: a chart is saved as .png or .svg.")
        if not target.parent.exists():
            raise BadInput(f"The folder {target.parent} does not exist.")
        with atomic_path(target) as tmp:
            if suffix == ".png":
                tmp.write_bytes(self.png())
            else:
                tmp.write_text(self.svg(), encoding="utf-8")
        return target


def heat_map(title: str, rows: list[str], columns: list[str], values: list[list[float]], *,
             skip_diagonal: bool = False, decimals: int = 0) -> Canvas:
    """Rows × columns of numbers, each cell shaded by its share of the largest value."""
    cell_w, cell_h = max(44, min(90, _width(columns) + 10)), 22
    left, top = _width(rows) + 16, 56
    canvas = Canvas(int(left + cell_w * len(columns) + 16), int(top + cell_h * len(rows) + 16))
    canvas.text(8, 8, title, bold=True)
    cells = [v for i, row in enumerate(values) for j, v in enumerate(row)
             if not (skip_diagonal and i == j)]
    largest = max(cells, default=0) or 1
    for j, name in enumerate(columns):
        canvas.text(left + cell_w * (j + 0.5), top - 20, _short(name, cell_w), anchor="middle")
    for i, name in enumerate(rows):
        y = top + cell_h * i
        canvas.text(left - 8, y + 4, name, anchor="end")
        for j, value in enumerate(values[i]):
            x = left + cell_w * j
            diagonal = skip_diagonal and i == j
            share = 0.0 if diagonal else value / largest
            canvas.rect(x + 1, y + 1, cell_w - 2, cell_h - 2,
                        "#e8e8e8" if diagonal else _shade(share))
            label = f"{value:.{decimals}f}" if decimals else str(int(round(value)))
            canvas.text(x + cell_w / 2, y + 4, label, anchor="middle",
                        fill="#ffffff" if share > 0.55 else "#202020")
    return canvas


def bar_chart(title: str, rows: list[str], columns: list[str],
              values: list[list[float]]) -> Canvas:
    """For each row (a code) one bar per column (a site, a month…), with a legend."""
    bar_h, gap, length = 10, 8, 420
    left = _width(rows) + 16
    legend = 24 + 18 * ((len(columns) + 3) // 4)
    group = bar_h * max(1, len(columns)) + gap
    canvas = Canvas(int(left + length + 80), int(legend + 20 + group * len(rows) + 10))
    canvas.text(8, 8, title, bold=True)
    for j, name in enumerate(columns):
        x, y = 8 + 160 * (j % 4), 28 + 18 * (j // 4)
        canvas.rect(x, y + 2, 10, 10, PALETTE[j % len(PALETTE)])
        canvas.text(x + 14, y, _short(name, 140))
    largest = max((v for row in values for v in row), default=0) or 1
    top = legend + 14
    for i, name in enumerate(rows):
        y = top + group * i
        canvas.text(left - 8, y + (group - gap) / 2 - FONT_SIZE / 2, name, anchor="end")
        for j, value in enumerate(values[i]):
            width = length * value / largest
            if width > 0:
                canvas.rect(left, y + bar_h * j, max(1.0, width), bar_h - 1,
                            PALETTE[j % len(PALETTE)])
            if value:
                canvas.text(left + width + 4, y + bar_h * j - 2, f"{value:g}")
    return canvas


def document_portrait(title: str, length: int, spans: list[tuple[int, int, str]], *,
                      cells: int = 600, per_row: int = 40) -> Canvas:
    """The text cut into ``cells`` equal pieces in reading order, each coloured by the code
    that covers most of it (white where nothing is coded) — MAXQDA's document portrait."""
    size = 12
    cells = max(1, min(cells, length))
    rows = (cells + per_row - 1) // per_row
    canvas = Canvas(per_row * size + 16, 36 + rows * size + 8)
    canvas.text(8, 8, title, bold=True)
    cover: list[dict[str, int]] = [{} for _ in range(cells)]
    step = length / cells
    for start, end, colour in spans:
        first, last = int(start // step), min(cells - 1, int((max(end, start + 1) - 1) // step))
        for k in range(first, last + 1):
            lo, hi = max(start, k * step), min(end, (k + 1) * step)
            if hi > lo:
                cover[k][colour] = cover[k].get(colour, 0) + int(hi - lo) + 1
    for k, found in enumerate(cover):
        colour = max(sorted(found), key=lambda c: found[c]) if found else "#ffffff"
        x, y = 8 + size * (k % per_row), 36 + size * (k // per_row)
        canvas.rect(x, y, size - 1, size - 1, colour if found else "#f1f3f4")
    return canvas


def _shade(share: float) -> str:
    f = max(0.0, min(1.0, share))
    r, g, b = (round(255 - (255 - c) * f) for c in HEAT)
    return f"#{r:02x}{g:02x}{b:02x}"


def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=FONT_SIZE)


def _width(labels: list[str]) -> int:
    font = _font()
    return int(max((font.getlength(t) for t in labels), default=0))


def _short(text: str, width: float) -> str:
    font = _font()
    if font.getlength(text) <= width:
        return text
    text = text.rsplit("/", 1)[-1]
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"
