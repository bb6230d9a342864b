"""Charts read without colour (issue 25): printed in greyscale, or seen by someone who cannot
tell the codes' colours apart, every series and every code still differs (a pattern of its own)
and is named (a legend with swatches; the relations chart numbers its rows as its columns).

The pictures are inspected as a greyscale printer would see them: Pillow's "L" conversion of
the PNG actually written (the Word report's own embedded picture, not a copy drawn again).
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

from PIL import Image

from fieldkit.core.patterns import PATTERNS, PERIOD, inked, pattern_of
from fieldkit.exporters import charts
from fieldkit.exporters.charts import Canvas, Shape
from tests.analysis.conftest import Hand


def grey(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("L")


def texture(picture: Image.Image, rect: Shape) -> frozenset[tuple[int, int]]:
    """Where, within the pattern's period, a rectangle's grey differs from its main grey: the
    texture a greyscale print keeps however alike two colours' greys are (empty: flat)."""
    x0, y0, x1, y1 = int(rect.x), int(rect.y), int(rect.x + rect.w) - 1, int(rect.y + rect.h) - 1
    pixels = {(x, y): picture.getpixel((x, y)) for x in range(x0, x1) for y in range(y0, y1)}
    ground = Counter(pixels.values()).most_common(1)[0][0]
    return frozenset((x % PERIOD, y % PERIOD) for (x, y), v in pixels.items() if v != ground)


def series_rects(chart: Canvas, fills: list[str]) -> dict[str, list[Shape]]:
    """The bars of each colour, the legend's swatches excepted (those are 14 × 14)."""
    return {f: [s for s in chart.shapes if s.kind == "rect" and s.fill == f and s.w > 20]
            for f in fills}


def test_patterns_are_distinct_and_stable() -> None:
    tiles = {p: frozenset((x, y) for x in range(PERIOD) for y in range(PERIOD) if inked(p, x, y))
             for p in PATTERNS}
    assert len(set(tiles.values())) == len(PATTERNS)  # no two patterns alike
    assert [pattern_of(i) for i in range(1, len(PATTERNS) + 2)] == [*PATTERNS, PATTERNS[0]]


def test_bar_series_differ_in_greyscale() -> None:
    # blue and red: nearly the same grey (101 and 97 of 255), told apart only by pattern
    columns = ["Oost", "West", "Noord", "Zuid"]
    chart = charts.bar_chart("Bars", ["A", "B"], columns, [[4, 4, 4, 4], [3, 3, 3, 3]])
    picture = grey(chart.png())
    fills = [charts.PALETTE[j] for j in range(len(columns))]
    textures = {f: {texture(picture, r) for r in rects}
                for f, rects in series_rects(chart, fills).items()}
    assert all(len(t) == 1 for t in textures.values())  # a series looks the same in every row
    assert len({next(iter(t)) for t in textures.values()}) == len(columns)


def test_portrait_codes_of_one_colour_differ_and_are_named() -> None:
    same = "#3366cc"
    a, b = (charts.ChartCode(name, same, pattern_of(i)) for i, name in ((1, "Leren"), (2, "Hulp")))
    chart = charts.document_portrait("Doc", 100, [(0, 50, a), (50, 100, b)], cells=10,
                                     per_row=10)
    picture = grey(chart.png())
    cells = [s for s in chart.shapes if s.kind == "rect"][:10]
    assert texture(picture, cells[0]) != texture(picture, cells[9])
    assert {t.text for t in chart.shapes if t.kind == "text"} >= {"Leren", "Hulp"}
    svg = chart.svg()
    assert 'fill="url(#fk-' in svg and "<pattern " in svg


def test_relations_chart_numbers_rows_like_columns(hand: Hand) -> None:
    chart = hand.project.analysis.chart("relations")
    texts = [s for s in chart.shapes if s.kind == "text"]
    codes = [c.path for c in hand.project.analysis.relations().codes]
    headers = [t.text for t in texts[1:1 + len(codes)]]
    assert headers == [str(i + 1) for i in range(len(codes))]
    for i, path in enumerate(codes):
        name = next(t for t in texts if t.text == path)
        # the row's number stands on the row's line, between its name and its cells
        assert any(t.text == str(i + 1) and t.y == name.y and t.x > name.x for t in texts), path


def test_word_report_bars_read_in_greyscale(hand: Hand, tmp_path: Path) -> None:
    out = hand.project.exports.docx(tmp_path / "r.docx", charts=["bars"])
    with zipfile.ZipFile(out) as z:
        [png] = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    chart = hand.project.analysis.chart("bars", columns="site")
    picture = grey(png)
    assert picture.size == (chart.width, chart.height)
    fills = [charts.PALETTE[0], charts.PALETTE[1]]  # the sites Oost and West
    textures = {f: {texture(picture, r) for r in rects}
                for f, rects in series_rects(chart, fills).items()}
    assert all(textures.values()) and textures[fills[0]].isdisjoint(textures[fills[1]])


def test_portrait_of_a_document_names_the_codes_it_shows(hand: Hand) -> None:
    chart = hand.project.analysis.chart("portrait", document=hand.note)
    texts = [s.text for s in chart.shapes if s.kind == "text"]
    rects = [s for s in chart.shapes if s.kind == "rect"]
    legend = rects[-len(texts) + 1:]  # one swatch per name after the title
    cells = {(s.fill, s.pattern) for s in rects[:-len(legend)]}
    book = hand.project.codebook()
    shown = {c.name for c in book.codes.values() if (c.colour, pattern_of(c.id)) in cells}
    assert set(texts[1:]) == shown and {"A", "B", "E"} <= shown  # C and D never lead a cell
    assert [(s.fill, s.pattern) for s in legend] == [
        (hand.project.code(n).colour, pattern_of(hand.project.code(n).id)) for n in texts[1:]]
