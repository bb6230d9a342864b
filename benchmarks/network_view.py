"""Network editor speed: a network of 500 nodes and 2,000 links panned on the canvas of the
Analysis window's Networks tab (target: a frame ≤ 16 ms, 60 fps), beside the textbook
QGraphicsView a competent engineer writes first (Qt's "elastic nodes" example: items that paint
themselves in Python, no caching), drawing the same boxes, lines, arrows and labels at the same
places in the same view size.

    .venv/bin/python benchmarks/network_view.py [--nodes N] [--links M] [--steps S] [--json]
                                                [--quick]

The network is a real project's (codes in clusters, links of three relation types: plain,
arrowed and dashed, laid out by ``project.networks.layout``), shown by the real editor. A frame
is one scroll step of the canvas (12 pixels) and the paint it causes; its time is measured
around the canvas's own ``paintEvent`` (what Qt spends drawing) and around the whole step
(scroll bar moved, events processed); the paint's processor time is printed too (a machine
shared with other work inflates wall time, not that). Three views: the whole network in view
(zoomed out, every item on screen), at 100 % (a researcher's working zoom), and a repaint of
the whole viewport at the whole-network zoom (a zoom step's frame, the worst case). Also: the
time to build the scene from ``project.networks.show`` and to bring it in step after a change
of one node. Runs offscreen (``QT_QPA_PLATFORM=offscreen``), software painting as on a laptop
without a GPU driver. The exit code is 1 when the canvas shows other than the project holds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FIELDKIT_SETTINGS",
                      os.path.join(tempfile.gettempdir(), "fieldkit-bench.ini"))
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from network import graph  # noqa: E402

RELATIONS = ("is associated with", "is cause of", "contradicts")
VIEW = (1200, 760)


def build(folder: Path, nodes: int, links: int) -> Any:
    """A project with one network of ``nodes`` codes and ``links`` links, laid out."""
    from fieldkit.project import Project

    p = Project.create(folder / "Bench.fieldkit")
    with p.action("Codes"):
        codes = [p.add_code(f"Thema {i // 25}/Code {i}").id for i in range(nodes)]
    name = p.networks.add("Alles").name
    p.networks.add_nodes(name, [f"code:{c}" for c in codes])
    with p.action("Links"):
        for i, (a, b) in enumerate(graph(nodes, links)):
            p.networks.link(name, f"code:{codes[a]}", RELATIONS[i % 3], f"code:{codes[b]}")
    p.networks.layout(name)
    return p


class Frames:
    """Times of the canvas's paint events (wrapped around the class's own ``paintEvent``)."""

    def __init__(self, cls: type) -> None:
        self.samples: list[float] = []
        self.cpu: list[float] = []
        original = cls.paintEvent

        def timed(view: Any, event: Any) -> None:
            started, cpu = time.perf_counter(), time.process_time()
            original(view, event)
            self.samples.append(time.perf_counter() - started)
            self.cpu.append(time.process_time() - cpu)

        cls.paintEvent = timed  # type: ignore[method-assign]


def pan(app: Any, view: Any, frames: Frames, steps: int) -> dict[str, float]:
    """``steps`` scroll steps of 12 pixels from the network's middle (right, back, down, back):
    paint and step times in ms."""
    view.centerOn(view.scene().itemsBoundingRect().center())
    app.processEvents()
    frames.samples.clear()
    frames.cpu.clear()
    whole: list[float] = []
    quarter = max(1, steps // 4)
    for i in range(steps):  # right, left, down, up: the network stays in view
        bar = view.horizontalScrollBar() if i < 2 * quarter else view.verticalScrollBar()
        step = 12 if (i // quarter) % 2 == 0 else -12
        started = time.perf_counter()
        bar.setValue(bar.value() + step)
        app.processEvents()
        whole.append(time.perf_counter() - started)
    return figures(frames, whole, steps)


def repaint(app: Any, view: Any, frames: Frames, steps: int) -> dict[str, float]:
    """``steps`` repaints of the whole viewport (a zoom step's frame)."""
    app.processEvents()
    frames.samples.clear()
    frames.cpu.clear()
    whole: list[float] = []
    for _ in range(steps):
        started = time.perf_counter()
        view.viewport().repaint()
        whole.append(time.perf_counter() - started)
    return figures(frames, whole, steps)


def figures(frames: Frames, whole: list[float], steps: int) -> dict[str, float]:
    ms = [s * 1000 for s in frames.samples] or [0.0]
    cpu = [s * 1000 for s in frames.cpu] or [0.0]
    return {"frames": steps, "paints": len(frames.samples),
            "paint_ms_mean": round(statistics.fmean(ms), 2),
            "paint_ms_max": round(max(ms), 2),
            "paint_cpu_ms_mean": round(statistics.fmean(cpu), 2),
            "step_ms_mean": round(statistics.fmean(whole) * 1000, 2)}


def three_views(app: Any, view: Any, frames: Frames, fit: Callable[[], None],
                life_size: Callable[[], None], steps: int) -> dict[str, Any]:
    out: dict[str, Any] = {"zoom_fit": 0.0}
    fit()
    out["zoom_fit"] = round(view.transform().m11(), 3)
    out["whole_network_pan"] = pan(app, view, frames, steps)
    out["whole_network_repaint"] = repaint(app, view, frames, steps)
    fit()
    life_size()
    out["zoom_100_pan"] = pan(app, view, frames, steps)
    return out


def ours(app: Any, project: Any, steps: int) -> dict[str, Any]:
    from fieldkit.gui.analysis_window import AnalysisWindow
    from fieldkit.gui.network_view import NetworkCanvas

    frames = Frames(NetworkCanvas)
    window = AnalysisWindow(project)
    window.resize(*VIEW)
    window.show()
    window.tabs.setCurrentWidget(window.networks)
    panel = window.networks
    started = time.perf_counter()
    panel.scene.sync(None, {})
    panel.show_current()
    built = time.perf_counter() - started
    view = project.networks.show(panel.current())
    shown = (len(panel.scene.nodes), len(panel.scene.links)) == (len(view.nodes),
                                                               len(view.links))
    first = view.nodes[0]
    project.networks.move_node(panel.current(), first.id, first.x + 40, first.y)
    started = time.perf_counter()
    panel.show_current()
    one = time.perf_counter() - started
    out = {"build_scene_ms": round(built * 1000, 1), "sync_after_one_move_ms": round(one * 1000, 1),
           "canvas_matches_project": shown}
    out.update(three_views(app, panel.canvas, frames, panel.canvas.fit,
                           lambda: panel.canvas.set_zoom(1.0), steps))
    window.close()
    return out


def baseline(app: Any, project: Any, steps: int) -> dict[str, Any]:
    """Qt's "elastic nodes" way: items that paint themselves in Python, no caching."""
    import math

    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView

    from fieldkit.gui.network_scene import node_text

    font, small = QFont(), QFont()
    font.setBold(True)
    small.setPointSizeF(8.0)
    small.setItalic(True)
    metrics = QFontMetricsF(font)

    class Box(QGraphicsItem):
        def __init__(self, node: Any) -> None:
            super().__init__()
            self.node, self.label = node, node_text(node)
            w, h = metrics.horizontalAdvance(self.label) + 22, metrics.height() + 10
            self.rect = QRectF(-w / 2, -h / 2, w, h)
            self.setPos(node.x, node.y)
            self.setZValue(1)

        def boundingRect(self) -> QRectF:  # noqa: N802
            return self.rect.adjusted(-1, -1, 1, 1)

        def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
            painter.setPen(QPen(QColor("#606060")))
            painter.setBrush(QColor("#ffffff"))
            painter.drawRect(self.rect)
            painter.fillRect(QRectF(self.rect.left(), self.rect.top(), 6, self.rect.height()),
                             QColor(self.node.colour))
            painter.setFont(font)
            painter.setPen(QColor("#202020"))
            painter.drawText(self.rect.adjusted(14, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                             self.label)

    class Line(QGraphicsItem):
        def __init__(self, link: Any, a: Box, b: Box) -> None:
            super().__init__()
            self.link, self.a, self.b = link, a, b
            self.p1, self.p2 = a.pos(), b.pos()
            self.bounds = QRectF(self.p1, self.p2).normalized().adjusted(-60, -20, 60, 20)

        def boundingRect(self) -> QRectF:  # noqa: N802
            return self.bounds

        def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
            style = Qt.PenStyle.DashLine if self.link.line_style == "dashed" \
                else Qt.PenStyle.SolidLine
            painter.setPen(QPen(QColor(self.link.colour), 1.6, style))
            painter.drawLine(self.p1, self.p2)
            if self.link.direction != "Associative":
                angle = math.atan2(self.p2.y() - self.p1.y(), self.p2.x() - self.p1.x())
                tip = self.p2
                painter.setBrush(QColor(self.link.colour))
                painter.drawPolygon(QPolygonF([tip] + [QPointF(
                    tip.x() - 10 * math.cos(angle + s), tip.y() - 10 * math.sin(angle + s))
                    for s in (0.4, -0.4)]))
            painter.setFont(small)
            painter.setPen(QColor("#404040"))
            middle = (self.p1 + self.p2) / 2
            painter.drawText(middle, self.link.relation)

    class Plain(QGraphicsView):
        pass

    frames = Frames(Plain)
    shown = project.networks.show("Alles")
    scene = QGraphicsScene()
    boxes = {n.id: Box(n) for n in shown.nodes}
    for box in boxes.values():
        scene.addItem(box)
    for link in shown.links:
        scene.addItem(Line(link, boxes[link.source], boxes[link.target]))
    view = Plain(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.resize(VIEW[0] - 240, VIEW[1] - 150)  # the canvas's size in the Networks tab
    view.show()

    def fit() -> None:
        rect = scene.itemsBoundingRect()
        view.setSceneRect(rect.adjusted(-2000, -2000, 2000, 2000))
        view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    out = three_views(app, view, frames, fit, view.resetTransform, steps)
    view.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="100 nodes, 300 links, 20 steps")
    args = parser.parse_args()
    if args.quick:
        args.nodes, args.links, args.steps = 100, 300, 20
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application

    app = application()
    i18n.install("en")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        project = build(Path(folder), args.nodes, args.links)
        result: dict[str, Any] = {"nodes": args.nodes, "links": args.links,
                                  "setup_s": round(time.perf_counter() - started, 1)}
        result["fieldkit"] = ours(app, project, args.steps)
        result["baseline_python_paint"] = baseline(app, project, args.steps)
        project.close()
    ok = bool(result["fieldkit"]["canvas_matches_project"])
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
