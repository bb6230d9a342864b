"""The network canvas from the keyboard, and what a screen reader hears about it.

With the canvas focused (Tab reaches it and leaves it, as it leaves every list, tree and
table in the app: the arrow keys work inside):

- the arrow keys go to the nearest node in that direction; Page Down / Page Up go to the next
  and the previous node in reading order (rows top to bottom, each row left to right: where
  the eye goes, and the order Tab follows through the app's own controls), Home and End to the
  first and the last. The node gone to is selected (the scene's own selection look) and
  scrolled into sight;
- with Shift, those keys choose more nodes, as in a list: Shift + an arrow, Page Down or Page Up
  goes on to that node and adds it to the chosen ones, Shift + Home / End adds every node from
  the current one to the first / the last in reading order; Ctrl+Space adds the current node or
  takes it out again, Ctrl+A chooses every node, Escape none. So a keyboard alone can choose
  several nodes for Ctrl + arrows to move together;
- Ctrl + arrows move the chosen nodes by a small step (with Shift a bigger one), kept as a
  drag with the mouse keeps it: one undo step per key press;
- L (or "Link to…" in the node's context menu, which Shift+F10 and the Menu key open) asks
  for another node and a relation, and links them as a drag from the handle does;
- Enter opens what the node stands for, as a double click does.

The canvas's accessible description says the chosen node: its kind, name and links ("Code
Learning/Informal, 3 links: is part of Onboarding; …"), or how many are chosen and which
of them the keys are at ("3 items chosen; now at Code Learning/Informal"), in the interface
language; it is said again after every key that changes the choice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.accessibility import tell
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.network_scene import LinkItem, NodeItem, relation_label

if TYPE_CHECKING:
    from fieldkit.gui.network_view import NetworkCanvas
    from fieldkit.operations.network_nodes import Node, RelationType

#: scene units a node moves per Ctrl+arrow (with Shift: the bigger step, the drop grid's)
STEP, BIG_STEP = 10, 50
#: nodes whose centres lie this close in height read as one row
ROW = 20.0
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
          Qt.Key.Key_Down: (0, 1)}
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def reading_order(places: dict[int, tuple[float, float]]) -> list[int]:
    """Node ids in reading order: rows top to bottom (centres within ``ROW`` make a row), each
    row left to right; equal places by id, so the order is the same every time."""
    rest = sorted(places, key=lambda k: (places[k][1], places[k][0], k))
    ordered: list[int] = []
    while rest:
        top = places[rest[0]][1]
        row = [k for k in rest if places[k][1] <= top + ROW]
        ordered += sorted(row, key=lambda k: (places[k][0], places[k][1], k))
        taken = set(row)
        rest = [k for k in rest if k not in taken]
    return ordered


def nearest(places: dict[int, tuple[float, float]], start: int,
            direction: tuple[int, int]) -> int | None:
    """The node nearest to ``start`` in ``direction`` (dx, dy: one of them 0): the closest
    within 45 degrees either side of it, else the closest anywhere on that side; None at the
    edge. Equal distances go to the earlier one in reading order."""
    x0, y0 = places[start]
    dx, dy = direction
    order = {k: i for i, k in enumerate(reading_order(places))}
    cone: list[tuple[float, int, int]] = []
    side: list[tuple[float, int, int]] = []
    for key, (x, y) in places.items():
        ahead = (x - x0) * dx + (y - y0) * dy  # along the direction
        across = abs((x - x0) * dy) + abs((y - y0) * dx)
        if key == start or ahead <= 0:
            continue
        found = (math.hypot(x - x0, y - y0), order[key], key)
        (cone if across <= ahead else side).append(found)
    best = min(cone) if cone else min(side) if side else None
    return best[2] if best is not None else None


def kind_name(kind: str) -> str:
    """A node's kind in the interface language."""
    names = {"code": tr("Code"), "memo": tr("Memo"), "document": tr("Document"),
             "coding": tr("Coded segment"), "note": tr("Note")}
    return names.get(kind, kind)


def node_name(node: Node) -> str:
    """What a node is called aloud: a code by its whole path, a note by its whole text (on
    one line), anything else by its label."""
    if node.kind == "code" and node.ref.startswith("code:"):
        return node.ref[len("code:"):]
    return " ".join((node.text if node.kind == "note" and node.text else node.label).split())


def link_said(line: LinkItem, node_id: int, names: dict[int, str]) -> str:
    """One link of a node in words, seen from that node ("is part of Onboarding"; from its
    far end, when the relation has a direction: "Onboarding is cause of this one")."""
    link = line.link
    relation = line.label.text() or link.relation
    if link.source == node_id:
        return tr("{0} {1}").format(relation, names.get(link.target, ""))
    if link.symmetric or link.direction != "OneWay":
        return tr("{0} {1}").format(relation, names.get(link.source, ""))
    return tr("{0} {1} this one").format(names.get(link.source, ""), relation)


def described(items: Iterable[NodeItem | LinkItem], nodes: dict[int, NodeItem],
              current: int | None = None) -> str:
    """What the canvas says about the chosen items: one node with its links, one link, how
    many are chosen (and which of them the keys are at, ``current``), or how to choose one."""
    chosen = list(items)
    names = {k: node_name(item.node) for k, item in nodes.items()}
    boxes = [i for i in chosen if isinstance(i, NodeItem)]
    if not chosen:
        return tr("No node chosen: the arrow keys choose one.") if nodes else ""
    if len(chosen) == 1 and isinstance(chosen[0], LinkItem):
        line = chosen[0]
        return tr("Link: {0} {1} {2}").format(names.get(line.link.source, ""),
                                              line.label.text() or line.link.relation,
                                              names.get(line.link.target, ""))
    if len(chosen) > 1 or not boxes:
        said = ntr("%Ln item(s) chosen", len(chosen))
        here = nodes.get(current) if current is not None else None
        if here is not None and here in chosen:
            said += "; " + tr("now at {0} {1}").format(kind_name(here.node.kind),
                                                      names[here.node.id])
        return said
    box = boxes[0]
    node = box.node
    said = tr("{0} {1}").format(kind_name(node.kind), names[node.id]) + ", " \
        + ntr("%Ln link(s)", len(box.links))
    if box.links:
        said += ": " + "; ".join(link_said(line, node.id, names) for line in box.links)
    return said


def shortcut_rows() -> list[tuple[str, str]]:
    """The canvas's keys for the Keyboard shortcuts dialog: (what, keys)."""
    return [(tr("Network: go to the nearest node that way"), tr("Arrow keys")),
            (tr("Network: the next node in reading order (Page Up: the one before)"),
             "Page Down, Page Up, Home, End"),
            (tr("Network: go on and choose that node too"),
             tr("Shift+arrow keys") + ", Shift+Page Down, Shift+Page Up"),
            (tr("Network: choose every node from this one to the first (End: to the last)"),
             "Shift+Home, Shift+End"),
            (tr("Network: choose the current node too, or leave it out"), tr("Ctrl+Space")),
            (tr("Network: choose every node"), "Ctrl+A"),
            (tr("Network: move the chosen nodes (with Shift: further)"), tr("Ctrl+arrow keys")),
            (tr("Network: link the chosen node to another"), "L"),
            (tr("Network: open what the chosen node stands for"), "Enter")]


class CanvasKeys:
    """The keys of one network canvas (``NetworkCanvas``): going to nodes, moving them,
    linking and opening them; and the canvas's description for screen readers."""

    def __init__(self, canvas: NetworkCanvas) -> None:
        self.canvas = canvas
        self.scene = canvas.network_scene
        self.current_id: int | None = None  # the node gone to last (of several chosen)
        # Ctrl+Space has just taken the current node out of the choice: the keys still go on
        # from it (as in a list), until the choice changes some other way
        self.left_out = False
        self.batch = False  # choosing several nodes at once: one announcement at the end
        self.dialog: LinkDialog | None = None
        self.scene.selectionChanged.connect(self.choice_changed)

    # -- which node ---------------------------------------------------------------------------

    def places(self) -> dict[int, tuple[float, float]]:
        return {k: (item.pos().x(), item.pos().y()) for k, item in self.scene.nodes.items()}

    def current(self) -> NodeItem | None:
        """The node the keys act on: the one gone to last while it is chosen, else the first
        chosen in reading order."""
        chosen = {item.node.id: item for item in self.scene.selected_nodes()}
        if self.current_id in chosen:
            return chosen[self.current_id]
        places = {k: p for k, p in self.places().items() if k in chosen}
        order = reading_order(places)
        return chosen[order[0]] if order else None

    def here(self) -> int | None:
        """The node the keys go on from: the current one, also just after Ctrl+Space took it
        out of the choice; None when nothing is chosen."""
        if self.left_out and self.current_id in self.scene.nodes:
            return self.current_id
        now = self.current()
        return now.node.id if now is not None else None

    def go_to(self, node_id: int, add: bool = False) -> None:
        """Choose this node alone (with ``add``: as well as those chosen) and scroll it into
        sight."""
        item = self.scene.nodes.get(node_id)
        if item is None:
            return
        self.current_id = node_id
        if not add:
            self.scene.clearSelection()
        item.setSelected(True)
        self.canvas.ensureVisible(item, 40, 40)
        self.announce()

    def step(self, by: int, add: bool = False) -> None:
        """The next (``by`` 1) or previous (-1) node in reading order; from none chosen, the
        first or the last."""
        order = reading_order(self.places())
        if not order:
            return
        here = self.here()
        if here is None:
            self.go_to(order[0] if by > 0 else order[-1], add)
        else:
            at = order.index(here)
            self.go_to(order[max(0, min(len(order) - 1, at + by))], add)

    def go(self, direction: tuple[int, int], add: bool = False) -> None:
        """The nearest node in ``direction``; from none chosen, the first in reading order."""
        places = self.places()
        if not places:
            return
        here = self.here()
        if here is None:
            self.go_to(reading_order(places)[0], add)
            return
        found = nearest(places, here, direction)
        if found is not None:
            self.go_to(found, add)
        else:
            self.canvas.ensureVisible(self.scene.nodes[here], 40, 40)

    def choose_to_end(self, last: bool) -> None:
        """Add every node from the current one to the first (or the ``last``) in reading
        order to the chosen ones, and go to that end; from none chosen, the end alone."""
        order = reading_order(self.places())
        here = self.here()
        if here is None:
            self.go_to(order[-1] if last else order[0], add=True)
            return
        at = order.index(here)
        span = order[at:] if last else order[:at + 1]
        self.current_id = span[-1] if last else span[0]
        self.choose_many(span)  # said once, at the end it went to
        self.canvas.ensureVisible(self.scene.nodes[self.current_id], 40, 40)

    def choose_many(self, node_ids: Iterable[int]) -> None:
        """Add these nodes to the chosen ones, heard as one change."""
        self.batch = True
        try:
            for node_id in node_ids:
                self.scene.nodes[node_id].setSelected(True)
        finally:
            self.batch = False
        self.announce()

    def toggle(self) -> None:
        """Ctrl+Space: choose the current node, or no longer (the others stay chosen); from
        none chosen, choose the first in reading order."""
        here = self.here()
        if here is None:
            self.go_to(reading_order(self.places())[0], add=True)
            return
        item = self.scene.nodes[here]
        self.current_id = here
        item.setSelected(not item.isSelected())
        self.left_out = not item.isSelected()  # after the change, which resets it
        self.canvas.ensureVisible(item, 40, 40)

    def choice_changed(self) -> None:
        """The scene's choice changed (by a key, a click or a rubber band)."""
        self.left_out = False
        if not self.batch:
            self.announce()

    # -- moving, linking, opening --------------------------------------------------------------

    def move(self, dx: float, dy: float) -> None:
        """Move the chosen nodes by (dx, dy), kept as a drag with the mouse keeps it (the
        scene notes the moved nodes, the editor stores them: one undo step)."""
        chosen = self.scene.selected_nodes()
        if not chosen:
            return
        for item in chosen:
            item.setPos(item.pos() + QPointF(dx, dy))
        self.canvas.editor.save_moves()
        now = self.current()
        if now is not None:
            self.canvas.ensureVisible(now, 40, 40)

    def link_dialog(self, source: int | None = None) -> LinkDialog | None:
        """Ask which node to link the chosen one (or ``source``) to, and with what relation."""
        editor = self.canvas.editor
        if source is None:
            now = self.current()
            source = now.node.id if now is not None else None
        if source is None or editor.project is None or source not in self.scene.nodes:
            editor.window_.say(tr("Choose a node first."))
            return None
        others = [item.node for k, item in self.scene.nodes.items() if k != source]
        if not others:
            editor.window_.say(tr("The network has no other node to link to."))
            return None
        self.dialog = LinkDialog(self.scene.nodes[source].node, others,
                                 editor.project.networks.relations(), self.canvas)
        self.dialog.accepted.connect(
            lambda d=self.dialog, s=source: editor.link(s, d.relation(), d.target()))
        self.dialog.open()
        return self.dialog

    def open_current(self) -> None:
        now = self.current()
        if now is not None:
            self.canvas.editor.open_node(now.node)

    def menu_place(self) -> tuple[NodeItem, QPointF, QPoint] | None:
        """For a context menu from the keyboard: the chosen node, its place in the scene and
        on the screen."""
        now = self.current()
        if now is None:
            return None
        point = now.pos()
        where = self.canvas.viewport().mapToGlobal(self.canvas.mapFromScene(point))
        return now, point, where

    # -- the keys ----------------------------------------------------------------------------

    def handle(self, event: QKeyEvent) -> bool:
        """Do what ``event``'s key asks; False for a key left to the canvas."""
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if not self.scene.nodes:
            return False
        if key in ARROWS and mods in (ctrl, ctrl | shift):
            size = BIG_STEP if mods & shift else STEP
            dx, dy = ARROWS[key]
            self.move(dx * size, dy * size)
        elif key in ARROWS and mods in (Qt.KeyboardModifier.NoModifier, shift):
            self.go(ARROWS[key], add=mods == shift)
        elif mods == shift and key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.step(1 if key == Qt.Key.Key_PageDown else -1, add=True)
        elif mods == shift and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.choose_to_end(last=key == Qt.Key.Key_End)
        elif mods == ctrl and key == Qt.Key.Key_Space:
            self.toggle()
        elif mods == ctrl and key == Qt.Key.Key_A:
            self.choose_many(self.scene.nodes)
        elif mods != Qt.KeyboardModifier.NoModifier:
            return False
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.step(1 if key == Qt.Key.Key_PageDown else -1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            order = reading_order(self.places())
            self.go_to(order[0] if key == Qt.Key.Key_Home else order[-1])
        elif key == Qt.Key.Key_L:
            self.link_dialog()
        elif key in ENTER and self.current() is not None:
            self.open_current()
        elif key == Qt.Key.Key_Escape and self.scene.selectedItems():
            self.scene.clearSelection()
        else:
            return False
        return True

    def announce(self) -> None:
        """Tell a screen reader what is chosen: the canvas's description changes."""
        try:
            chosen = self.scene.selectedItems()
        except RuntimeError:  # the scene is gone with its window
            return
        items = [i for i in chosen if isinstance(i, (NodeItem, LinkItem))]
        tell(self.canvas, described(items, self.scene.nodes, self.current_id))


class LinkDialog(QDialog):
    """Link one node to another: which node, and the relation (as the menu after a drag
    offers them, each with its colour and line)."""

    def __init__(self, source: Node, others: list[Node], relations: list[RelationType],
                 parent: QWidget) -> None:
        from fieldkit.gui.network_panel import relation_icon

        super().__init__(parent)
        self.setWindowTitle(tr("Link {0}").format(node_name(source)))
        self.nodes = QComboBox()
        for node in sorted(others, key=lambda n: (node_name(n).casefold(), n.id)):
            self.nodes.addItem(f"{node_name(node)} ({kind_name(node.kind)})", node.id)
        self.relations = QComboBox()
        for relation in relations:
            self.relations.addItem(relation_icon(relation),
                                   relation_label(relation.name, relation.default), relation.id)
        form = QFormLayout()
        said = QLabel(tr("{0} {1}").format(kind_name(source.kind), node_name(source)))
        said.setWordWrap(True)
        form.addRow(tr("From:"), said)
        form.addRow(tr("Relation:"), self.relations)
        form.addRow(tr("To:"), self.nodes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.relations.setFocus()

    def target(self) -> int:
        """The node id chosen to link to."""
        return int(self.nodes.currentData())

    def relation(self) -> int:
        """The relation type's id chosen."""
        return int(self.relations.currentData())

    def choose(self, node_id: int, relation: int) -> None:
        """Choose a node and a relation (what a researcher does with the two lists)."""
        self.nodes.setCurrentIndex(self.nodes.findData(node_id))
        self.relations.setCurrentIndex(self.relations.findData(relation))
