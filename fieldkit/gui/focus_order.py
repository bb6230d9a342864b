"""Where Tab goes: in the reading order of the window, and only to what can be seen.

Qt's Tab chain follows the order in which widgets were made. In the main window that is not
the order on screen: panes made at start come before a document opened later, a pane docked
behind another pane's tab is still "visible" to Qt (parked outside the window) and Tab walks
into it, and a table's Tab goes from cell to cell instead of leaving the table. Here:

- ``tidy`` (run for every widget as it is shown, by the app's event filter): Tab leaves lists,
  trees and tables (the arrow keys move inside them);
- ``chain``: a window or pane whose controls were made in another order than laid out;
- ``step`` (the main window's ``focusNextPrevChild``): Tab goes through the panes in reading
  order (Material, the document, the codebook, then the panes below and the tabs of tabbed
  panes), inside each pane in reading order, skipping panes behind another pane's tab.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMainWindow,
    QTabBar,
    QWidget,
)

ROW = 8  # pixels: controls whose tops are this close sit in one row


def tidy(widget: QWidget) -> None:
    """A shown widget's Tab behaviour: Tab leaves an item view (arrows move inside it)."""
    if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
        widget.setTabKeyNavigation(False)


def chain(widgets: list[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (each with what it holds): for a form
    whose controls were made in another order than they are laid out."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)


def showing(widget: QWidget) -> bool:
    """Shown on screen: visible, and not in a pane parked behind another pane's tab."""
    if not widget.isVisible():
        return False
    parent: QWidget | None = widget
    while parent is not None:
        # a pane, or the tabs of tabbed panes (a spare set is kept parked outside the window)
        if isinstance(parent, QDockWidget) or (
                isinstance(parent, QTabBar) and isinstance(parent.parentWidget(), QMainWindow)):
            return not parent.visibleRegion().isEmpty()
        parent = parent.parentWidget()
    return True


def takes_tab(widget: QWidget) -> bool:
    """A control Tab should stop at."""
    if not widget.isEnabled() or widget.focusProxy() is not None:
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    parent = widget.parentWidget()
    if widget.objectName() == "qt_scrollarea_viewport" or isinstance(parent, QTabBar):
        return False  # a tab bar's arrows and close buttons: the arrow keys do their work
    return showing(widget)


def where(widget: QWidget, window: QWidget) -> QRect:
    """``widget``'s place in ``window`` as laid out: a control inside a scroll area counts
    where it sits in the scrolled content, not where the scrolling has put it now."""
    x = y = 0
    here: QWidget | None = widget
    while here is not None and here is not window:
        parent = here.parentWidget()
        if parent is None or parent.objectName() != "qt_scrollarea_viewport":
            x, y = x + here.x(), y + here.y()
        here = parent
    return QRect(x, y, widget.width(), widget.height())


def reading_order(widgets: list[QWidget], window: QWidget) -> list[QWidget]:
    """``widgets`` in reading order: rows top to bottom (tops within ``ROW`` pixels make a
    row), each row left to right."""
    rects = {id(w): where(w, window) for w in widgets}
    rest = sorted(widgets, key=lambda w: (rects[id(w)].top(), rects[id(w)].left()))
    ordered: list[QWidget] = []
    while rest:
        top = rects[id(rest[0])].top()
        row = [w for w in rest if rects[id(w)].top() <= top + ROW]
        ordered += sorted(row, key=lambda w: rects[id(w)].left())
        rest = [w for w in rest if not any(w is r for r in row)]
    return ordered


def panes(window: QMainWindow) -> list[QWidget]:
    """The window's panes on screen in reading order: the docks, the middle, and the tabs
    of tabbed panes."""
    found: list[QWidget] = [d for d in window.findChildren(QDockWidget)
                            if not d.isFloating() and showing(d)]
    central = window.centralWidget()
    if central is not None and central.isVisible():
        found.append(central)
    found += [bar for bar in window.findChildren(QTabBar)
              if bar.parentWidget() is window and takes_tab(bar)]
    return reading_order(found, window)


def controls(window: QMainWindow) -> list[QWidget]:
    """Every control Tab stops at in ``window``: pane by pane, each in reading order.

    Found with ``findChildren``, never by following Qt's chain from Python: asking PySide
    for each next widget (``nextInFocusChain``) ties the wrappers into a ring of references
    that crashes the interpreter when the garbage collector breaks it.
    """
    candidates = [w for w in window.findChildren(QWidget)
                  if w.window() is window and takes_tab(w)]
    ordered: list[QWidget] = []
    for pane in panes(window):
        inside = [w for w in candidates if w is pane or pane.isAncestorOf(w)]
        ordered += reading_order(inside, window)
    return ordered


def step(window: QMainWindow, forward: bool) -> bool:
    """Move focus to the next (or previous) control of ``window``; False if there is none."""
    order = controls(window)
    if not order:
        return False
    focus = window.focusWidget()
    here = -1
    for i, widget in enumerate(order):
        if focus is not None and (widget is focus or widget.isAncestorOf(focus)):
            here = i
            break
    if here < 0:
        target = order[0] if forward else order[-1]
    else:
        target = order[(here + (1 if forward else -1)) % len(order)]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward
                    else Qt.FocusReason.BacktabFocusReason)
    return True
