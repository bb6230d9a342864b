"""The Networks tab of the Analysis window: the list of networks beside the canvas.

Everything goes through ``project.networks`` (docs/networks.md); each change is one undo step
in the project's history, so Ctrl+Z and Ctrl+Shift+Z here undo and redo it as in the main
window. The canvas (``network_view``) and its items (``network_scene``) only show the network
and hand what the mouse did to this panel.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import BadInput, FieldkitError
from fieldkit.gui import focus_order, folders
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.network_scene import DASHES, NetworkScene, NodeItem, relation_label
from fieldkit.gui.network_view import NetworkCanvas
from fieldkit.operations.network_nodes import Node, RelationType

if TYPE_CHECKING:
    from fieldkit.gui.analysis_window import AnalysisWindow
    from fieldkit.gui.network_scene import LinkItem
    from fieldkit.project import Project

LAYOUTS = (("force", "Force-directed"), ("layered", "Layered"))
#: where several nodes added at once go: rows of four from the drop point (or the middle of the
#: view), wide enough apart for a long code name
DROP_STEP, DROP_COLUMN, DROP_ROW = 50, 300, 4


def relation_icon(relation: RelationType) -> QIcon:
    """A little picture of a relation's line: its colour, style and arrowheads."""
    picture = QPixmap(36, 14)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(relation.colour)
    painter.setPen(QPen(colour, 2, DASHES.get(relation.line_style, Qt.PenStyle.SolidLine)))
    painter.drawLine(3, 7, 33, 7)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if relation.direction in ("OneWay", "Bidirectional"):
        painter.drawPolygon([QPointF(34, 7), QPointF(27, 3), QPointF(27, 11)])
    if relation.direction == "Bidirectional":
        painter.drawPolygon([QPointF(2, 7), QPointF(9, 3), QPointF(9, 11)])
    painter.end()
    return QIcon(picture)


class NetworkPanel(QWidget):
    """A list of networks (new, rename, delete) and the editor of the chosen one."""

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__()
        self.window_ = window
        self.scene = NetworkScene(self)
        self.canvas = NetworkCanvas(self, self.scene)
        speak_as(self.canvas, "Network")
        self.list = QListWidget()
        speak_as(self.list, "Networks")
        self.list.currentItemChanged.connect(lambda *_: self.show_current(fit=True))
        self.buttons = {name: QPushButton() for name in (
            "new", "rename", "delete", "layout", "neighbours", "note", "remove", "fit",
            "export")}
        for name, slot in (("new", self.new_network), ("rename", self.rename_network),
                           ("delete", self.delete_network), ("layout", self.lay_out),
                           ("neighbours", self.add_neighbours), ("note", self.add_note),
                           ("remove", self.remove_selected), ("fit", self.canvas.fit),
                           ("export", self._export_clicked)):
            self.buttons[name].clicked.connect(lambda _c=False, s=slot: s())
        self.method = QComboBox()
        speak_as(self.method, "Layout method")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.count = QLabel()
        self.relation_menu: QMenu | None = None
        self.menu: QMenu | None = None
        self._build()
        # the project's undo, as in the main window (whose keys do not reach this window);
        # the same keys twice would make both ambiguous, so the sequences are written out
        for keys, slot in ((QKeySequence("Ctrl+Z"), self.undo),
                           (QKeySequence("Ctrl+Shift+Z"), self.redo),
                           (QKeySequence("Ctrl+Y"), self.redo)):
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Tab in reading order: the list, the tools beside it, the canvas, then the list's
        # buttons below (the panel is in the window's tabs only now, where it can be set)
        super().showEvent(event)
        focus_order.chain([self.list, self.method]
                          + [self.buttons[n] for n in ("layout", "neighbours", "note",
                                                       "remove", "fit", "export")]
                          + [self.canvas, self.buttons["new"], self.buttons["rename"],
                             self.buttons["delete"]])

    def _export_clicked(self) -> None:
        button = self.buttons["export"]
        self.export_menu().popup(button.mapToGlobal(button.rect().bottomLeft()))

    def _build(self) -> None:
        side = QWidget()
        left = QVBoxLayout(side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list)
        # the list's buttons one under another: the list stays narrow in Dutch too, and the
        # Analysis window fits a 1,024-pixel screen
        for name in ("new", "rename", "delete"):
            left.addWidget(self.buttons[name])
        main = QWidget()
        right = QVBoxLayout(main)
        right.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.method)
        for name in ("layout", "neighbours", "note", "remove", "fit", "export"):
            tools.addWidget(self.buttons[name])
        tools.addStretch(1)
        right.addLayout(tools)
        right.addWidget(self.canvas, 1)
        # the count under the canvas beside the hint, not after the tools: there it made the
        # Analysis window wider than a 1,024-pixel screen in Dutch
        below = QHBoxLayout()
        below.addWidget(self.hint, 1)
        below.addWidget(self.count, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(below)
        split = QSplitter()
        split.addWidget(side)
        split.addWidget(main)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 1100])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def retranslate(self) -> None:
        for name, label in (("new", tr("New network…")), ("rename", tr("Rename…")),
                            ("delete", tr("Delete")), ("layout", tr("Lay out")),
                            ("neighbours", tr("Add neighbours")), ("note", tr("New note…")),
                            ("remove", tr("Remove")), ("fit", tr("Fit")),
                            ("export", tr("Export…"))):
            self.buttons[name].setText(label)
        self.buttons["layout"].setToolTip(tr("Place every node automatically"))
        self.buttons["neighbours"].setToolTip(
            tr("Codes that co-occur, segments and memos linked to the chosen node"))
        kept = self.method.currentIndex()
        self.method.clear()
        for key, label in LAYOUTS:
            self.method.addItem(tr(label), key)
        self.method.setCurrentIndex(max(0, kept))
        self.hint.setText(tr("Drag codes from the codebook, segments from the Coded segments "
                             "view and memos from the Memos tab onto the canvas. Drag from a "
                             "node's dot (or Shift+drag) to another node to link them. "
                             "Ctrl+wheel zooms.") + " "
                          + tr("With the keyboard: the arrow keys choose a node (with Shift: "
                               "one more), Ctrl+arrows move the chosen ones, L links a node, "
                               "Enter opens it."))
        if self.project is not None:
            self.refresh()

    @property
    def project(self) -> Project | None:
        return self.window_.project

    # -- the list of networks ---------------------------------------------------------------

    def current(self) -> int | None:
        """The id of the network being edited."""
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def refresh(self) -> None:
        """The list and the canvas in step with the project (after any change)."""
        project = self.project
        kept = self.current()
        networks = project.networks.all() if project is not None else []
        self.list.blockSignals(True)
        self.list.clear()
        for summary in networks:
            item = QListWidgetItem(summary.name)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(ntr("%Ln node(s)", summary.nodes))
            self.list.addItem(item)
        ids = [n.id for n in networks]
        if networks:
            self.list.setCurrentRow(ids.index(kept) if kept in ids else 0)
        self.list.blockSignals(False)
        self.show_current(fit=self.current() != kept)

    def select(self, network: int | str) -> None:
        """Edit the network with this id or name."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if network in (item.data(Qt.ItemDataRole.UserRole), item.text()):
                self.list.setCurrentRow(row)
                return

    def show_current(self, fit: bool = False) -> None:
        project, key = self.project, self.current()
        view = project.networks.show(key) if project is not None and key is not None else None
        labels = {r.id: relation_label(r.name, r.default)
                  for r in (project.networks.relations() if project is not None else [])}
        self.scene.sync(view, labels)
        self.count.setText(ntr("%Ln node(s)", len(view.nodes)) + " · "
                           + ntr("%Ln link(s)", len(view.links)) if view is not None else "")
        for name in ("rename", "delete", "layout", "neighbours", "note", "remove", "fit",
                     "export"):
            self.buttons[name].setEnabled(view is not None)
        if fit:
            self.canvas.fit()
        self.canvas.keys.announce()  # the chosen node's links may have changed

    def new_network(self, name: str | None = None) -> int | None:
        if self.project is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, tr("New network"), tr("Name:"))
            if not ok:
                return None
        made = self._do(lambda p: p.networks.add(name))
        if made is None:
            return None
        self.refresh()
        self.select(made.id)
        return int(made.id)

    def rename_network(self, name: str | None = None) -> None:
        key = self.current()
        if self.project is None or key is None:
            return
        if name is None:
            item = self.list.currentItem()
            name, ok = QInputDialog.getText(self, tr("Rename network"), tr("Name:"),
                                            text=item.text() if item else "")
            if not ok:
                return
        if self._do(lambda p: p.networks.rename(key, name)) is not None:
            self.refresh()

    def delete_network(self, ask: bool = True) -> None:
        key = self.current()
        item = self.list.currentItem()
        if self.project is None or key is None or item is None:
            return
        if ask and QMessageBox.question(
                self, tr("Delete network"),
                tr("Delete the network {0}? (Undo brings it back.)").format(item.text())) \
                != QMessageBox.StandardButton.Yes:
            return
        self._do(lambda p: p.networks.delete(key))
        self.refresh()

    # -- nodes and links --------------------------------------------------------------------

    def _do(self, work: Any) -> Any:
        """Run ``work(project)``; a researcher's mistake is said in the status line."""
        if self.project is None:
            return None
        try:
            done = work(self.project)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return None
        self.window_.say("")
        return True if done is None else done

    def add_at(self, nodes: list[str], point: QPointF | None = None) -> list[Node]:
        """Put codes, segments or memos (as the API writes them) on the network at ``point``
        (the middle of the view when None; several in rows of four), one undo step."""
        key = self.current()
        if self.project is None or key is None or not nodes:
            return []
        name = self.project.networks.get(key).name

        at = point if point is not None else \
            self.canvas.mapToScene(self.canvas.viewport().rect().center())
        across = min(len(nodes), DROP_ROW) - 1
        left, top = at.x() - across * DROP_COLUMN / 2, at.y()

        def add(project: Project) -> list[Node]:
            with project.action(f"Add to network {name}"):
                return [project.networks.add_node(
                    key, node, x=left + (i % DROP_ROW) * DROP_COLUMN,
                    y=top + (i // DROP_ROW) * DROP_STEP) for i, node in enumerate(nodes)]

        empty = not self.scene.nodes
        added = self._do(add)
        self.show_current(fit=empty)  # the first nodes of a network: all of them in view
        return added or []

    def add_note(self, text: str | None = None, point: QPointF | None = None) -> Node | None:
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, tr("New note"), tr("Text:"))
            if not ok or not text.strip():
                return None
        if point is None:
            point = self.canvas.mapToScene(self.canvas.viewport().rect().center())
        added = self.add_at([f"note:{text}"], point)
        return added[0] if added else None

    def edit_note(self, node: Node, text: str | None = None) -> None:
        key = self.current()
        if key is None:
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, tr("Change note"), tr("Text:"),
                                                     node.text)
            if not ok:
                return
        self._do(lambda p: p.networks.set_note(key, node.id, text))
        self.show_current()

    def save_moves(self) -> None:
        """Keep the places of the nodes the mouse moved, one undo step."""
        key = self.current()
        moved = {k: (item.pos().x(), item.pos().y()) for k in self.scene.moving
                 if (item := self.scene.nodes.get(k)) is not None}
        self.scene.moving.clear()
        if key is None or not moved:
            return
        self._do(lambda p: p.networks.move_nodes(key, moved))
        self.show_current()

    def ask_relation(self, source: int, target: int, where: QPoint | None = None) -> QMenu:
        """The menu of relation types for a link from ``source`` to ``target`` (node ids)."""
        menu = QMenu(self)
        menu.setTitle(tr("Link with"))
        for relation in self.project.networks.relations() if self.project else []:
            action = menu.addAction(relation_icon(relation),
                                    relation_label(relation.name, relation.default))
            action.setData(relation.id)
            action.triggered.connect(
                lambda _c=False, r=relation.id: self.link(source, r, target))
        self.relation_menu = menu
        menu.popup(where if where is not None else self.canvas.mapToGlobal(QPoint(0, 0)))
        return menu

    def link(self, source: int | str, relation: int | str, target: int | str) -> None:
        key = self.current()
        if key is None:
            return
        self._do(lambda p: p.networks.link(key, source, relation, target))
        self.show_current()

    def remove_selected(self) -> None:
        """Take the chosen nodes and links off the network, one undo step (a link between
        codes is unlinked from the codes)."""
        key = self.current()
        nodes, links = self.scene.selected_nodes(), self.scene.selected_links()
        if self.project is None or key is None or not (nodes or links):
            return
        gone = {n.node.id for n in nodes}
        # a link whose node goes goes with it (unless it is between codes: then unlink it too)
        links = [x for x in links if x.link.kind == "code"
                 or not {x.link.source, x.link.target} & gone]

        def remove(project: Project) -> None:
            with project.action("Remove from network"):
                for link in links:
                    project.networks.unlink(key, link.link.uuid)
                for node in nodes:
                    project.networks.remove_node(key, node.node.id)

        self._do(remove)
        self.show_current()

    def lay_out(self, method: str | None = None) -> None:
        """Place every node automatically (``project.networks.layout``), spread sideways as far
        as the boxes are wide (the layout keeps centres a fixed distance apart, which long code
        names would overlap), one undo step."""
        from fieldkit.analysis.network_layout import SPACING

        key = self.current()
        if key is None:
            return
        method = method or str(self.method.currentData() or "force")
        widths = sorted(item.rect().width() for item in self.scene.nodes.values())
        # boxes are wide and low: only the width needs the room
        spread = max(1.0, (widths[len(widths) * 3 // 4] + 100) / SPACING) if widths else 1.0

        def work(project: Project) -> None:
            with project.action("Lay out network"):
                view = project.networks.layout(key, method=method)
                if spread > 1.0 and view.nodes:
                    cx = sum(n.x for n in view.nodes) / len(view.nodes)
                    project.networks.move_nodes(key, {
                        n.id: (cx + (n.x - cx) * spread, n.y) for n in view.nodes},
                        label="Lay out network")

        self._do(work)
        self.show_current(fit=True)

    def add_neighbours(self, nodes: list[int] | None = None) -> list[Node]:
        """Add the neighbours of the chosen nodes (co-occurring codes, segments, memos)."""
        key = self.current()
        if self.project is None or key is None:
            return []
        chosen = nodes if nodes is not None else [n.node.id for n in self.scene.selected_nodes()]
        if not chosen:
            self.window_.say(tr("Choose a node first."))
            return []

        def add(project: Project) -> list[Node]:
            with project.action(f"Add to network {project.networks.get(key).name}"):
                return [n for k in chosen for n in project.networks.neighbours(key, k)]

        added = self._do(add) or []
        self.show_current()
        if not added:
            self.window_.say(tr("No neighbours to add."))
        return list(added)

    def open_node(self, node: Node) -> None:
        """Open what a node shows, as elsewhere in the app: a segment in its document, a memo
        or document as a tab, a code's segments in the Coded segments view."""
        main = self.window_.parentWidget()
        if node.kind == "coding" and node.target is not None:
            opener = getattr(main, "open_coding", None)
            if opener is not None:
                opener(node.target)
        elif node.kind in ("memo", "document") and node.target is not None:
            self.window_.open_at(node.target, 0, 0)
        elif node.kind == "code" and node.target is not None:
            codebook = getattr(main, "codebook", None)
            if codebook is not None:
                codebook.select_code(node.target)
            show = getattr(main, "show_segments", None)
            if show is not None:
                show([node.target])
        elif node.kind == "note":
            self.edit_note(node)

    def context_menu(self, node: NodeItem | None, link: LinkItem | None, point: QPointF,
                     where: QPoint) -> QMenu | None:
        if self.current() is None:
            return None
        menu = QMenu(self)
        if node is not None:
            if not node.isSelected():
                self.scene.clearSelection()
                node.setSelected(True)
            shown = node.node
            menu.addAction(tr("Open"), lambda: self.open_node(shown))
            if shown.kind == "note":
                menu.addAction(tr("Change note…"), lambda: self.edit_note(shown))
            menu.addAction(tr("Link to…"), lambda: self.canvas.keys.link_dialog(shown.id))
            menu.addAction(tr("Add neighbours"), lambda: self.add_neighbours([shown.id]))
            menu.addAction(tr("Remove from network"), self.remove_selected)
        elif link is not None:
            self.scene.clearSelection()
            link.setSelected(True)
            menu.addAction(tr("Remove link"), self.remove_selected)
        else:
            menu.addAction(tr("New note…"), lambda: self.add_note(None, point))
            menu.addAction(tr("Lay out"), self.lay_out)
        self.menu = menu
        menu.popup(where)
        return menu

    # -- undo, export -----------------------------------------------------------------------

    def undo(self) -> None:
        self._step(redo=False)

    def redo(self) -> None:
        self._step(redo=True)

    def _step(self, redo: bool) -> None:
        main = self.window_.parentWidget()
        step = getattr(main, "redo" if redo else "undo", None)
        if step is not None:
            step()  # the main window says what was undone and updates its menu
        elif self.project is not None:
            self.project.redo() if redo else self.project.undo()
        self.show_current()

    def export_menu(self) -> QMenu:
        """What the Export button offers: a picture, or the Word report with this network."""
        menu = QMenu(self)
        menu.addAction(tr("PNG or SVG…"), lambda: self.export())
        menu.addAction(tr("Word report with this network…"), lambda: self.word_report())
        self.menu = menu
        return menu

    def word_report(self) -> Any:
        """The export dialog for the Word report, with this network chosen (the report's
        other options and pseudonyms as ever)."""
        from fieldkit.gui.export_dialog import ExportDialog

        main = self.window_.parentWidget()
        runner = getattr(main, "runner", None)
        key = self.current()
        if self.project is None or key is None or runner is None:
            return None
        dialog = ExportDialog(self.project, runner, main, kind="docx", networks=[key])
        dialog.show()
        return dialog

    def export(self, out: str | None = None) -> Path | None:
        """The network as PNG or SVG (by the name's ending), drawn as the canvas shows it."""
        key = self.current()
        if self.project is None or key is None:
            return None
        if out is None:
            name = self.project.networks.get(key).name
            out, _ = QFileDialog.getSaveFileName(
                self, tr("Export network"), folders.start_at("chart", f"{name}.png"),
                "PNG (*.png);;SVG (*.svg)")
            if not out:
                return None
            folders.remember("chart", out)
        try:
            return render(self.scene, Path(out), self.project.networks.get(key).name)
        except (FieldkitError, OSError) as exc:
            self.window_.say(str(exc))
            return None


def render(scene: NetworkScene, target: Path, title: str) -> Path:
    """Write what ``scene`` shows to ``target`` (.png or .svg), whole or not at all."""
    from fieldkit.exporters.files import atomic_path

    suffix = target.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise BadInput(f"{target.name}: a network is exported as .png or .svg.")
    if not target.parent.is_dir():
        raise BadInput(f"The folder {target.parent} does not exist.")
    chosen = scene.selectedItems()
    scene.clearSelection()  # no selection frames and link handles in the picture
    labels = scene.labels_shown
    scene.show_labels(True)  # a zoomed-out canvas leaves out the relations' names
    handles = [n.handle for n in scene.nodes.values() if n.handle.isVisible()]
    for handle in handles:
        handle.setVisible(False)
    # cached items would be drawn as their screen pixmaps: an SVG of pictures, a blurred PNG
    cached = [i for i in scene.items() if i.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    modes = [i.cacheMode() for i in cached]
    for item in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        source = scene.drawing_rect()
        with atomic_path(target) as tmp:
            if suffix == ".png":
                _png(scene, source, tmp)
            else:
                _svg(scene, source, tmp, title)
    finally:
        for item in chosen:
            item.setSelected(True)
        for handle in handles:
            handle.setVisible(True)
        for item, mode in zip(cached, modes, strict=True):
            item.setCacheMode(mode)
        scene.show_labels(labels)
    return target


def _paint(scene: NetworkScene, painter: QPainter, size: QSize, source: QRectF) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("#ffffff"))
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()


def _png(scene: NetworkScene, source: QRectF, tmp: Path) -> None:
    scale = 2.0 if source.width() * source.height() < 4_000_000 else 1.0  # sharp in a report
    size = QSize(math.ceil(source.width() * scale), math.ceil(source.height() * scale))
    image = QImage(size, QImage.Format.Format_RGB32)
    _paint(scene, QPainter(image), size, source)
    if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # the stub says bytes
        raise OSError(f"Could not write {tmp.name}.")


def _svg(scene: NetworkScene, source: QRectF, tmp: Path, title: str) -> None:
    from PySide6.QtSvg import QSvgGenerator

    size = QSize(math.ceil(source.width()), math.ceil(source.height()))
    generator = QSvgGenerator()
    generator.setFileName(str(tmp))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    _paint(scene, QPainter(generator), size, source)
