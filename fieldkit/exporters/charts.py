"""Charts people put in papers: a heat map (code × site/month/…, or code relations), grouped bars
(code frequencies per column) and a document portrait (the codes' colours through a text).

Colour is never the only carrier of meaning: every bar series and every code in a portrait is
also filled with a pattern (``fieldkit.core.patterns``) and named in a legend beside a swatch of
both, so a chart printed in greyscale or read by someone who cannot tell the colours apart says
the same; heat maps print their numbers in every cell, and the relations chart numbers its rows
as it numbers its columns.

Drawn without Qt and without matplotlib: a chart is a list of rectangles and labels, written as
SVG text or painted into a PNG with Pillow (already a dependency). So the command line, the Word
report and the app show the same picture, headless, byte-identical run after run, at no extra
install size (matplotlib would add ~40 MB to the wheel's environment for three chart types).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from fieldkit.core import patterns
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
    pattern: str = "solid"  # of a rect: drawn over its fill (``fieldkit.core.patterns``)
    size: int = FONT_SIZE  # of a text, in pixels (a word cloud's words differ)


@dataclass(slots=True, frozen=True, order=True)
class ChartCode:
    """How a chart shows one code: its label (already pseudonymised), colour and pattern."""

    label: str
    colour: str
    pattern: str = "solid"


@dataclass(slots=True)
class Canvas:
    """A chart as shapes on a white page of ``width`` × ``height`` pixels."""

    width: int
    height: int
    shapes: list[Shape] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str,
             pattern: str = "solid") -> None:
        self.shapes.append(Shape("rect", x, y, w, h, fill, pattern=pattern))

    def text(self, x: float, y: float, text: str, *, anchor: str = "start",
             fill: str = "#202020", bold: bool = False, size: int = FONT_SIZE) -> None:
        self.shapes.append(Shape("text", x, y, fill=fill, text=text, anchor=anchor, bold=bold,
                                 size=size))

    def svg(self) -> str:
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
               f'height="{self.height}" viewBox="0 0 {self.width} {self.height}" '
               f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT_SIZE}">',
               *self._svg_patterns(),
               f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="#ffffff"/>']
        for s in self.shapes:
            if s.kind == "rect":
                out.append(f'<rect x="{s.x:g}" y="{s.y:g}" width="{s.w:g}" height="{s.h:g}" '
                           f'fill="{s.fill}"/>')
                if s.pattern != "solid":
                    ink = _pattern_id(s.pattern, patterns.ink_on(s.fill))
                    out.append(f'<rect x="{s.x:g}" y="{s.y:g}" width="{s.w:g}" '
                               f'height="{s.h:g}" fill="url(#{ink})"/>')
            else:
                weight = ' font-weight="bold"' if s.bold else ""
                if s.size != FONT_SIZE:
                    weight += f' font-size="{s.size}"'
                out.append(f'<text x="{s.x:g}" y="{s.y + s.size * 0.85:g}" fill="{s.fill}" '
                           f'text-anchor="{s.anchor}"{weight}>{escape(s.text)}</text>')
        out.append("</svg>")
        return "\n".join(out) + "\n"

    def _svg_patterns(self) -> list[str]:
        """One ``<pattern>`` per (pattern, ink) drawn, the same pixels as in the PNG."""
        used = sorted({(s.pattern, patterns.ink_on(s.fill)) for s in self.shapes
                       if s.kind == "rect" and s.pattern != "solid"})
        if not used:
            return []
        period = patterns.PERIOD
        out = ["<defs>"]
        for pattern, ink in used:
            pixels = "".join(f'<rect x="{x}" y="{y}" width="1" height="1"/>'
                             for x, y in patterns.tile(pattern))
            out.append(f'<pattern id="{_pattern_id(pattern, ink)}" '
                       f'patternUnits="userSpaceOnUse" width="{period}" height="{period}">'
                       f'<g fill="{ink}">{pixels}</g></pattern>')
        out.append("</defs>")
        return out

    def png(self) -> bytes:
        image = Image.new("RGB", (self.width, self.height), "#ffffff")
        draw = ImageDraw.Draw(image)
        font = _font()
        masks: dict[str, Image.Image] = {}
        for s in self.shapes:
            if s.kind == "rect":
                draw.rectangle([s.x, s.y, s.x + s.w - 1, s.y + s.h - 1], fill=s.fill)
                if s.pattern != "solid" and s.w >= 1 and s.h >= 1:
                    if s.pattern not in masks:
                        masks[s.pattern] = _pattern_mask(s.pattern, self.width, self.height)
                    box = (int(s.x), int(s.y), int(s.x + s.w), int(s.y + s.h))
                    image.paste(patterns.ink_on(s.fill), box, masks[s.pattern].crop(box))
            else:
                face = font if s.size == FONT_SIZE else _font(s.size)
                width = face.getlength(s.text)
                x = s.x - (width if s.anchor == "end" else width / 2 if s.anchor == "middle"
                           else 0)
                draw.text((x, s.y), s.text, fill=s.fill, font=face)
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
             skip_diagonal: bool = False, decimals: int = 0,
             numbered: bool = False) -> Canvas:
    """Rows × columns of numbers, each cell shaded by its share of the largest value.

    ``numbered``: the columns are the rows again (code relations), so each row carries the
    number its column is headed with, in a column of its own right of the row's name.
    """
    cell_w, cell_h = max(44, min(90, _width(columns) + 10)), 22
    number_w = _width([str(len(rows))]) + 12 if numbered else 0
    left, top = _width(rows) + 16 + number_w, 56
    canvas = Canvas(int(left + cell_w * len(columns) + 16), int(top + cell_h * len(rows) + 16))
    canvas.text(8, 8, title, bold=True)
    cells = [v for i, row in enumerate(values) for j, v in enumerate(row)
             if not (skip_diagonal and i == j)]
    largest = max(cells, default=0) or 1
    for j, name in enumerate(columns):
        canvas.text(left + cell_w * (j + 0.5), top - 20, _short(name, cell_w), anchor="middle")
    for i, name in enumerate(rows):
        y = top + cell_h * i
        canvas.text(left - 8 - number_w, y + 4, name, anchor="end")
        if numbered:
            canvas.text(left - 8, y + 4, str(i + 1), anchor="end", bold=True)
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
    """For each row (a code) one bar per column (a site, a month…), with a legend; each
    column's bars have their own colour and pattern, so the legend reads in greyscale."""
    bar_h, gap, length = 10, 8, 420
    left = _width(rows) + 16
    legend = 24 + 18 * ((len(columns) + 3) // 4)
    group = bar_h * max(1, len(columns)) + gap
    canvas = Canvas(int(left + length + 80), int(legend + 20 + group * len(rows) + 10))
    canvas.text(8, 8, title, bold=True)
    for j, name in enumerate(columns):
        x, y = 8 + 160 * (j % 4), 28 + 18 * (j // 4)
        canvas.rect(x, y, 14, 14, PALETTE[j % len(PALETTE)], patterns.series_pattern(j))
        canvas.text(x + 18, y, _short(name, 136))
    largest = max((v for row in values for v in row), default=0) or 1
    top = legend + 14
    for i, name in enumerate(rows):
        y = top + group * i
        canvas.text(left - 8, y + (group - gap) / 2 - FONT_SIZE / 2, name, anchor="end")
        for j, value in enumerate(values[i]):
            width = length * value / largest
            if width > 0:
                canvas.rect(left, y + bar_h * j, max(1.0, width), bar_h - 1,
                            PALETTE[j % len(PALETTE)], patterns.series_pattern(j))
            if value:
                canvas.text(left + width + 4, y + bar_h * j - 2, f"{value:g}")
    return canvas


def document_portrait(title: str, length: int, spans: list[tuple[int, int, ChartCode]], *,
                      cells: int = 600, per_row: int = 40) -> Canvas:
    """The text cut into ``cells`` equal pieces in reading order, each filled with the colour
    and pattern of the code that covers most of it (grey where nothing is coded) — MAXQDA's
    document portrait — and a legend naming each code shown beside its swatch."""
    size = 12
    cells = max(1, min(cells, length))
    rows = (cells + per_row - 1) // per_row
    cover: list[dict[ChartCode, int]] = [{} for _ in range(cells)]
    step = length / cells
    for start, end, code in spans:
        first, last = int(start // step), min(cells - 1, int((max(end, start + 1) - 1) // step))
        for k in range(first, last + 1):
            lo, hi = max(start, k * step), min(end, (k + 1) * step)
            if hi > lo:
                cover[k][code] = cover[k].get(code, 0) + int(hi - lo) + 1
    shown = [max(sorted(found), key=lambda c: found[c]) if found else None for found in cover]
    width = per_row * size + 16
    grid_bottom = 36 + rows * size
    legend = _legend_rows(sorted({c for c in shown if c is not None}), width - 16)
    canvas = Canvas(width, grid_bottom + 8 + (10 + 18 * len(legend) if legend else 0))
    canvas.text(8, 8, title, bold=True)
    for k, most in enumerate(shown):
        x, y = 8 + size * (k % per_row), 36 + size * (k // per_row)
        if most is None:
            canvas.rect(x, y, size - 1, size - 1, "#f1f3f4")
        else:
            canvas.rect(x, y, size - 1, size - 1, most.colour, most.pattern)
    for line, entries in enumerate(legend):
        top = grid_bottom + 14 + 18 * line
        for left, code, label in entries:
            canvas.rect(left, top, 14, 14, code.colour, code.pattern)
            canvas.text(left + 18, top, label)
    return canvas


def _legend_rows(codes: list[ChartCode],
                 width: float) -> list[list[tuple[float, ChartCode, str]]]:
    """The legend's entries (x, code, label as shown) flowed into lines ``width`` wide."""
    font = _font()
    lines: list[list[tuple[float, ChartCode, str]]] = []
    x = 8.0
    for code in codes:
        label = _short(code.label, width - 40)
        need = 18 + font.getlength(label) + 14
        if not lines or (lines[-1] and x + need > width + 8):
            lines.append([])
            x = 8.0
        lines[-1].append((x, code, label))
        x += need
    return lines


def _pattern_id(pattern: str, ink: str) -> str:
    return f"fk-{pattern}-{ink.lstrip('#')}"


def _pattern_mask(pattern: str, width: int, height: int) -> Image.Image:
    """``pattern`` tiled over the whole canvas, as a mask (255 where the ink goes)."""
    period = patterns.PERIOD
    tile = Image.new("L", (period, period), 0)
    for x, y in patterns.tile(pattern):
        tile.putpixel((x, y), 255)
    strip = Image.new("L", (width + period, period), 0)
    for x in range(0, width + period, period):
        strip.paste(tile, (x, 0))
    mask = Image.new("L", (width + period, height + period), 0)
    for y in range(0, height + period, period):
        mask.paste(strip, (0, y))
    return mask


def _shade(share: float) -> str:
    f = max(0.0, min(1.0, share))
    r, g, b = (round(255 - (255 - c) * f) for c in HEAT)
    return f"#{r:02x}{g:02x}{b:02x}"


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """How wide ``text`` is drawn at a font size of ``size`` pixels (in the PNG)."""
    return _font(size).getlength(text)


@lru_cache(maxsize=64)
def _font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


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
