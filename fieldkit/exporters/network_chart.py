"""A network drawn as SVG or PNG, with the charts' own means (no Qt, no graph library).

Nodes are boxes at their places on the network: a code's box has its colour as a bar on the
left and its groundedness (number of codings) in braces, as ATLAS.ti writes it; a memo's box
has a dashed border, a coded segment's quote is in quotation marks, a free note is on a pale
yellow box. Links are lines from box edge to box edge in their relation's colour and line
style, with an arrowhead where the relation has a direction, and the relation's name written
at the middle, so a network printed in greyscale says the same. SVG text and Pillow pixels are
drawn from one list of shapes, so both show the same picture, byte-identical run after run.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from fieldkit.core.errors import BadInput
from fieldkit.exporters.charts import FONT_SIZE, _font, text_width
from fieldkit.exporters.files import atomic_path

if TYPE_CHECKING:
    from fieldkit.operations.network_nodes import Link, NetworkView, Node

MARGIN, PAD, BOX_H, BAR = 30, 8, 26, 6
ARROW = 9.0
DASHES = {"solid": (), "dashed": (8.0, 5.0), "dotted": (2.0, 4.0)}
NODE_FILL = {"code": "#ffffff", "memo": "#f3f0ff", "document": "#eef3f8", "coding": "#ffffff",
             "note": "#fff8c4"}


@dataclass(slots=True)
class Box:
    x: float  # left
    y: float  # top
    w: float
    h: float
    label: str
    fill: str
    bar: str = ""  # a code's colour
    dashed: bool = False

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def edge_towards(self, px: float, py: float) -> tuple[float, float]:
        """Where the line from the box's centre to (px, py) leaves the box."""
        cx, cy = self.centre
        dx, dy = px - cx, py - cy
        if dx == 0 and dy == 0:
            return cx, cy
        scale = min(self.w / 2 / abs(dx) if dx else math.inf,
                    self.h / 2 / abs(dy) if dy else math.inf)
        return cx + dx * scale, cy + dy * scale


@dataclass(slots=True)
class Line:
    points: tuple[float, float, float, float]
    colour: str
    style: str
    arrow_end: bool
    arrow_start: bool
    label: str


@dataclass(slots=True)
class Drawing:
    width: int
    height: int
    title: str
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def node_label(node: Node) -> str:
    """What a node's box says (a code: its name and groundedness in braces)."""
    if node.kind == "code":
        return f"{node.label} {{{node.groundedness}}}"
    return node.label


def drawing(view: NetworkView) -> Drawing:
    """The shapes of a network: boxes at the nodes' places, shifted so all fit the page."""
    sizes = {n.id: (text_width(node_label(n)) + 2 * PAD + (BAR if n.kind == "code" else 0),
                    float(BOX_H)) for n in view.nodes}
    if view.nodes:
        left = min(n.x - sizes[n.id][0] / 2 for n in view.nodes)
        top = min(n.y - sizes[n.id][1] / 2 for n in view.nodes)
        right = max(n.x + sizes[n.id][0] / 2 for n in view.nodes)
        bottom = max(n.y + sizes[n.id][1] / 2 for n in view.nodes)
    else:
        left = top = 0.0
        right, bottom = 200.0, 40.0
    head = FONT_SIZE * 2
    out = Drawing(int(math.ceil(right - left)) + 2 * MARGIN,
                  int(math.ceil(bottom - top)) + 2 * MARGIN + head, view.network.name)
    boxes: dict[int, Box] = {}
    for n in view.nodes:
        w, h = sizes[n.id]
        box = Box(round(n.x - w / 2 - left + MARGIN, 1),
                  round(n.y - h / 2 - top + MARGIN + head, 1), round(w, 1), h,
                  node_label(n), NODE_FILL.get(n.kind, "#ffffff"),
                  bar=n.colour if n.kind == "code" else "", dashed=n.kind == "memo")
        boxes[n.id] = box
        out.boxes.append(box)
    for link in view.links:
        if link.source in boxes and link.target in boxes:
            out.lines.append(_line(link, boxes[link.source], boxes[link.target]))
    return out


def _line(link: Link, a: Box, b: Box) -> Line:
    (ax, ay), (bx, by) = a.centre, b.centre
    x1, y1 = a.edge_towards(bx, by)
    x2, y2 = b.edge_towards(ax, ay)
    return Line((round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)), link.colour,
                link.line_style, link.direction in ("OneWay", "Bidirectional"),
                link.direction == "Bidirectional", link.relation)


def _arrow(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, float]]:
    """The arrowhead's three corners at (x2, y2), pointing from (x1, y1)."""
    angle = math.atan2(y2 - y1, x2 - x1)
    return [(round(x2, 1), round(y2, 1))] + [
        (round(x2 - ARROW * math.cos(angle + s), 1), round(y2 - ARROW * math.sin(angle + s), 1))
        for s in (0.4, -0.4)]


def svg(d: Drawing) -> str:
    """The drawing as SVG text."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{d.width}" height="{d.height}" '
           f'viewBox="0 0 {d.width} {d.height}" font-family="DejaVu Sans, Arial, sans-serif" '
           f'font-size="{FONT_SIZE}">',
           f'<rect x="0" y="0" width="{d.width}" height="{d.height}" fill="#ffffff"/>',
           f'<text x="{MARGIN}" y="{MARGIN * 0.5 + FONT_SIZE:g}" font-weight="bold" '
           f'fill="#202020">{escape(d.title)}</text>']
    for line in d.lines:
        x1, y1, x2, y2 = line.points
        dash = DASHES.get(line.style, ())
        extra = f' stroke-dasharray="{" ".join(f"{v:g}" for v in dash)}"' if dash else ""
        out.append(f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" '
                   f'stroke="{line.colour}" stroke-width="1.5"{extra}/>')
        for tip in _tips(line):
            points = " ".join(f"{x:g},{y:g}" for x, y in tip)
            out.append(f'<polygon points="{points}" fill="{line.colour}"/>')
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        out.append(f'<text x="{mx:g}" y="{my - 3:g}" text-anchor="middle" fill="#404040" '
                   f'font-style="italic">{escape(line.label)}</text>')
    for box in d.boxes:
        border = ' stroke-dasharray="4 3"' if box.dashed else ""
        out.append(f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}" '
                   f'fill="{box.fill}" stroke="#606060"{border}/>')
        left = box.x + PAD
        if box.bar:
            out.append(f'<rect x="{box.x:g}" y="{box.y:g}" width="{BAR}" height="{box.h:g}" '
                       f'fill="{box.bar}"/>')
            left += BAR
        out.append(f'<text x="{left:g}" y="{box.y + box.h / 2 + FONT_SIZE * 0.35:g}" '
                   f'fill="#202020">{escape(box.label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _tips(line: Line) -> list[list[tuple[float, float]]]:
    x1, y1, x2, y2 = line.points
    tips = []
    if line.arrow_end:
        tips.append(_arrow(x1, y1, x2, y2))
    if line.arrow_start:
        tips.append(_arrow(x2, y2, x1, y1))
    return tips


def png(d: Drawing) -> bytes:
    """The drawing painted with Pillow."""
    image = Image.new("RGB", (d.width, d.height), "#ffffff")
    draw = ImageDraw.Draw(image)
    font = _font()
    draw.text((MARGIN, MARGIN * 0.5), d.title, fill="#202020", font=font)
    for line in d.lines:
        _dashed(draw, line.points, line.colour, DASHES.get(line.style, ()))
        for tip in _tips(line):
            draw.polygon(tip, fill=line.colour)
        x1, y1, x2, y2 = line.points
        width = font.getlength(line.label)
        draw.text(((x1 + x2) / 2 - width / 2, (y1 + y2) / 2 - FONT_SIZE - 3), line.label,
                  fill="#404040", font=font)
    for box in d.boxes:
        corners = [box.x, box.y, box.x + box.w, box.y + box.h]
        draw.rectangle(corners, fill=box.fill)
        for side in _sides(box):
            _dashed(draw, side, "#606060", (4.0, 3.0) if box.dashed else (), width=1)
        left = box.x + PAD
        if box.bar:
            draw.rectangle([box.x, box.y, box.x + BAR - 1, box.y + box.h], fill=box.bar)
            left += BAR
        draw.text((left, box.y + box.h / 2 - FONT_SIZE * 0.6), box.label, fill="#202020",
                  font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _sides(box: Box) -> list[tuple[float, float, float, float]]:
    x1, y1, x2, y2 = box.x, box.y, box.x + box.w, box.y + box.h
    return [(x1, y1, x2, y1), (x2, y1, x2, y2), (x2, y2, x1, y2), (x1, y2, x1, y1)]


def _dashed(draw: ImageDraw.ImageDraw, points: tuple[float, float, float, float], colour: str,
            dash: tuple[float, ...], width: int = 2) -> None:
    x1, y1, x2, y2 = points
    if not dash:
        draw.line([(x1, y1), (x2, y2)], fill=colour, width=width)
        return
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    at, on, i = 0.0, True, 0
    while at < length:
        step = min(dash[i % len(dash)], length - at)
        if on:
            end = at + step
            draw.line([(x1 + ux * at, y1 + uy * at), (x1 + ux * end, y1 + uy * end)],
                      fill=colour, width=width)
        at += step
        on = not on
        i += 1


def masked(view: NetworkView, masker: Callable[[str], str]) -> NetworkView:
    """The view with every name and text passed through ``masker`` (pseudonyms), before
    anything is drawn."""
    nodes = [replace(n, label=masker(n.label), text=masker(n.text)) for n in view.nodes]
    return replace(view, network=replace(view.network, name=masker(view.network.name)),
                   nodes=nodes, links=[replace(x, relation=masker(x.relation))
                                       for x in view.links])


def link_lines(view: NetworkView) -> list[str]:
    """Each link in words ("Peer help — is cause of → Time pressure"), for a reader who does
    not see the picture."""
    labels = {n.id: node_label(n) for n in view.nodes}
    arrows = {"OneWay": "→", "Bidirectional": "↔", "Associative": "—"}
    return [f"{labels[x.source]} — {x.relation} {arrows.get(x.direction, '→')} "
            f"{labels[x.target]}" for x in view.links]


def report_section(view: NetworkView, masker: Callable[[str], str]) -> tuple[str, bytes,
                                                                             list[str]]:
    """(title, PNG, the links in words) of a network for the Word report, names replaced."""
    shown = masked(view, masker)
    return shown.network.name, png(drawing(shown)), link_lines(shown)


def write_network(view: NetworkView, target: Path) -> Path:
    """Write the network as ``.svg`` or ``.png`` (by the suffix), all or nothing."""
    suffix = target.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise BadInput(f"{target.name}: a network is exported as .svg or .png.")
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name ending in {suffix}.")
    if not target.parent.exists():
        raise BadInput(f"The folder {target.parent} does not exist.")
    d = drawing(view)
    with atomic_path(target) as tmp:
        if suffix == ".png":
            tmp.write_bytes(png(d))
        else:
            tmp.write_text(svg(d), encoding="utf-8")
    return target
