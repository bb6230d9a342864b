"""Charts: heat maps, bars and document portraits as SVG and PNG, the same every run; in the Word
report on request; from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from fieldkit.exporters import charts
from tests.analysis.conftest import Hand


def test_heat_map_cells_carry_the_numbers_and_shade_by_size() -> None:
    chart = charts.heat_map("Codes by site", ["A", "B"], ["Oost", "West"], [[0, 4], [2, 1]])
    root = etree.fromstring(chart.svg().encode())
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[:3] == ["Codes by site", "Oost", "West"] and {"0", "4", "2", "1"} <= set(texts)
    fills = [r.get("fill") for r in root.iter("{http://www.w3.org/2000/svg}rect")][1:]
    assert fills[0] == "#ffffff" and fills[1] == "#1a73e8"  # nothing → white, largest → blue
    png = chart.png()
    assert png == chart.png() and Image.open(io.BytesIO(png)).size == (chart.width, chart.height)


def test_portrait_colours_follow_the_codings() -> None:
    red = charts.ChartCode("Red", "#ff0000", "diagonal")
    chart = charts.document_portrait("Doc", 100, [(0, 50, red)], cells=10, per_row=10)
    cells = [(s.fill, s.pattern) for s in chart.shapes if s.kind == "rect"]
    # ten cells, then the legend's swatch
    assert cells == [("#ff0000", "diagonal")] * 5 + [("#f1f3f4", "solid")] * 5 + [
        ("#ff0000", "diagonal")]


def test_facade_charts_and_bad_input(hand: Hand, tmp_path: Path) -> None:
    a = hand.project.analysis
    assert a.chart("relations").save(tmp_path / "r.svg").read_text().startswith("<svg")
    assert a.chart("bars", columns="coder").save(tmp_path / "b.png").stat().st_size > 0
    portrait = a.chart("portrait", document=hand.note)
    assert "#" in portrait.svg()
    with pytest.raises(BadInput):
        a.chart("pie")
    with pytest.raises(BadInput):
        a.chart("matrix").save(tmp_path / "m.jpg")
    assert not (tmp_path / "m.jpg").exists()


def test_charts_in_the_word_report(hand: Hand, tmp_path: Path) -> None:
    out = hand.project.exports.docx(tmp_path / "r.docx", charts=["sites", "relations"])
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "Charts" in texts and "Codes by site" in texts
    assert len(document.inline_shapes) == 2
    with pytest.raises(BadInput):
        hand.project.exports.docx(tmp_path / "x.docx", charts=["pie"])
    assert not (tmp_path / "x.docx").exists()


def test_cli_charts(hand: Hand, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(hand.project.path)
    hand.project.close()
    assert main(["matrix", "--columns", "site", "--chart", str(tmp_path / "m.svg"), "--json",
                 "-p", path]) == 0
    assert json.loads(capsys.readouterr().out)["columns"] == ["Oost", "West"]
    assert (tmp_path / "m.svg").read_text().startswith("<svg")
    assert main(["relations", "--chart", str(tmp_path / "r.png"), "-p", path]) == 0
    assert main(["portrait", "1", str(tmp_path / "p.png"), "-p", path]) == 0
    assert Image.open(tmp_path / "p.png").format == "PNG"
    capsys.readouterr()
    assert main(["portrait", "1", str(tmp_path / "p.gif"), "-p", path]) == 2
    assert main(["matrix", "--columns", "site", "--chart", str(tmp_path / "m.bmp"),
                 "-p", path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and not (tmp_path / "p.gif").exists()
