"""Where Tab goes: a walk over a window's focus chain with real Tab key presses.

``walk(top)`` presses Tab from the first control until focus comes back where it started and
reports what a keyboard user meets on the way:

- a control that can take focus (visible, enabled, Tab focus) that Tab never reaches;
- Tab that does not move (a control eats the key: a keyboard trap) or leaves the window;
- a step that goes back against the reading order inside one group (a pane, a group box, a
  tab page, a dialog): within a group, controls follow top to bottom, then left to right,
  with a small tolerance; a control beside a taller one (a list with its buttons at its
  side) may follow it;
- a group left and entered again later (its controls are not kept together), and groups
  (the panes of the main window) visited against their reading order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QGroupBox,
    QMainWindow,
    QStackedWidget,
    QTabBar,
    QWidget,
)

from fieldkit.gui.focus_order import showing

TOLERANCE = 8  # pixels: controls on one row may sit a few pixels apart
SECTIONS = 3  # Tab presses a control may keep (the sections of a date and time field)


@dataclass
class Walk:
    """What one walk over ``top``'s Tab chain found."""

    chain: list[QWidget] = field(default_factory=list)
    unreached: list[str] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)
    escaped: list[str] = field(default_factory=list)
    backwards: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    places: dict[int, QRect] = field(default_factory=dict)

    def problems(self) -> list[str]:
        return ([f"not reached by Tab: {w}" for w in self.unreached]
                + [f"Tab stuck in {w}" for w in self.stuck]
                + [f"Tab left the window from {w}" for w in self.escaped]
                + [f"Tab went to a control not on screen: {w}" for w in self.hidden]
                + [f"against the reading order: {w}" for w in self.backwards]
                + [f"group visited in pieces: {w}" for w in self.split])


def label(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName()
    parent = widget.parentWidget()
    trail = []
    while parent is not None and len(trail) < 2:
        trail.append(type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__} '{name}' in {' < '.join(trail)}"


def focusable(top: QWidget) -> list[QWidget]:
    """The controls of ``top``'s window a keyboard user should reach with Tab."""
    window = top.window()
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.window() is not window or not showing(widget) or not widget.isEnabled():
            continue
        if widget.focusProxy() is not None:  # its proxy is the one that takes focus
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.objectName() == "qt_scrollarea_viewport":
            continue
        if isinstance(widget.parentWidget(), QTabBar):
            continue  # a tab bar's scroll arrows and close buttons: its arrow keys do that
        found.append(widget)
    return found


def group_of(widget: QWidget, top: QWidget) -> QWidget:
    """The pane, group box or tab page ``widget`` belongs to (``top`` when none). A main
    window's panes (its docks and the middle) are groups whatever they hold."""
    parent = widget.parentWidget()
    nearest: QWidget | None = None
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(parent, QDockWidget) or (
                isinstance(top, QMainWindow) and parent is top.centralWidget()):
            return parent
        if nearest is None and (isinstance(parent, QGroupBox)
                                or isinstance(grand, QStackedWidget)):  # a tab page
            nearest = parent
        parent = grand
    return nearest or top


def place(widget: QWidget) -> QRect:
    """Where ``widget`` is laid out in its window (inside a scroll area: in the content)."""
    x = y = 0
    here: QWidget | None = widget
    while here is not None and not here.isWindow():
        parent = here.parentWidget()
        if parent is None or parent.objectName() != "qt_scrollarea_viewport":
            x, y = x + here.x(), y + here.y()
        here = parent
    return QRect(x, y, widget.width(), widget.height())


def forward(before: QRect, after: QRect) -> bool:
    """Whether going from ``before`` to ``after`` follows the reading order."""
    if after.top() > before.top() + TOLERANCE:
        return True  # a row further down
    same_row = abs(after.top() - before.top()) <= TOLERANCE
    if same_row and after.left() >= before.left() - TOLERANCE:
        return True
    beside = after.top() < before.bottom() and after.bottom() > before.top()
    # a column to the right of a taller control (a list and the buttons at its side)
    return beside and after.left() >= before.right() - TOLERANCE


def focused(top: QWidget) -> QWidget | None:
    return top.window().focusWidget()


def walk(top: QWidget, limit: int = 400) -> Walk:
    """Press Tab around ``top``'s window (a dialog, a window, or a pane of one) and judge."""
    found = Walk()
    QTest.qWait(250)  # the window settles first (panes get their widths after a resize)
    controls = focusable(top)
    if not controls:
        return found
    window = top.window()
    start = controls[0]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    current = focused(top) or start
    chain = [current]
    found.places[id(current)] = place(current)
    stayed = 0
    for _ in range(limit):
        QTest.keyClick(current, Qt.Key.Key_Tab)
        QApplication.processEvents()
        now = focused(top)
        if now is None or now.window() is not window:
            found.escaped.append(label(current))
            break
        if now is current:
            # a date field's Tab goes through its day, month and year first: a few presses
            # inside one control are fine, a table's every cell or a text eating Tab is not
            stayed += 1
            if stayed > SECTIONS:
                found.stuck.append(label(current))
                break
            continue
        stayed = 0
        if now is chain[0]:
            break
        if now in chain:  # a cycle that does not come back to the start
            found.stuck.append(f"a loop at {label(now)}")
            break
        if not showing(now):
            found.hidden.append(label(now))
        chain.append(now)
        found.places[id(now)] = place(now)  # where it is once focused (scrolled into view)
        current = now
    found.chain = chain
    reached = set(chain)
    # a control inside a focus proxy's widget (a combo's line edit) counts as its own
    found.unreached = [label(w) for w in controls if w not in reached
                       and not any(w.isAncestorOf(c) or c.isAncestorOf(w) for c in reached)]
    inside = [w for w in chain if top is w or top.isAncestorOf(w)]
    judge(found, reading_start(inside, top), top)
    return found


def outermost(widget: QWidget, top: QWidget) -> QWidget:
    """The group right inside ``top`` that holds ``widget`` (``top`` when none does)."""
    group = group_of(widget, top)
    while group is not top and group_of(group, top) is not top:
        group = group_of(group, top)
    return group


def reading_start(chain: list[QWidget], top: QWidget) -> list[QWidget]:
    """The Tab cycle ``chain`` turned to begin where a reader begins: at the first, in
    reading order, of the panes and groups right inside ``top`` and of its loose controls."""
    if not chain:
        return chain
    units = [outermost(w, top) for w in chain]
    units = [w if u is top else u for w, u in zip(chain, units, strict=True)]
    rects = {id(u): place(u) for u in units}
    highest = min(r.top() for r in rects.values())
    first = min((u for u in units if rects[id(u)].top() <= highest + TOLERANCE),
                key=lambda u: rects[id(u)].left())
    at = next((i for i, u in enumerate(units) if u is first and units[i - 1] is not first), 0)
    return chain[at:] + chain[:at]


def judge(found: Walk, chain: list[QWidget], top: QWidget) -> None:
    """Fill in ``backwards`` and ``split`` for ``chain`` (the controls in Tab order)."""

    def outer(group: QWidget) -> list[QWidget]:  # the group and the groups around it
        found = [group]
        while found[-1] is not top:
            found.append(group_of(found[-1], top))
        return found

    last: dict[int, QWidget] = {}
    closed: set[int] = set()
    entered: list[QWidget] = []  # the groups right inside ``top``, in the order first met
    group: QWidget | None = None
    for widget in chain:
        if isinstance(widget, QTabBar) and isinstance(widget.parentWidget(), QMainWindow):
            continue  # the tabs of tabbed panes belong to no pane
        now = group_of(widget, top)
        if group is not None and now is not group:
            around = {id(g) for g in outer(now)}
            closed |= {id(g) for g in outer(group) if id(g) not in around}
            if id(now) in closed or any(id(g) in closed for g in outer(now)):
                found.split.append(f"{label(now)} again at {label(widget)}")
        group = now
        ring = outer(now)
        if len(ring) > 1 and ring[-2] not in entered:
            entered.append(ring[-2])
        before = last.get(id(now))
        if before is not None and not forward(found.places.get(id(before), place(before)),
                                              found.places.get(id(widget), place(widget))):
            found.backwards.append(f"{label(before)} → {label(widget)}")
        last[id(now)] = widget
    tops = [place(g) for g in entered]
    for before, after in itertools.pairwise(tops):
        if not forward(before, after):
            found.backwards.append(f"pane at {before.topLeft().toTuple()} → pane at "
                                   f"{after.topLeft().toTuple()}")
