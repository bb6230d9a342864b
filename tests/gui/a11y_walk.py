"""What a screen reader finds: a walk over Qt's accessibility interfaces (QAccessible).

Every interactive control must have a name (what Orca says first); on a Dutch screen the names
and descriptions must not be English. The same walk backs the AT-SPI test's expectations.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QScrollBar, QWidget

R = QAccessible.Role
INTERACTIVE = {R.PushButton, R.CheckBox, R.RadioButton, R.ComboBox, R.EditableText,
               R.SpinBox, R.Slider, R.Dial, R.List, R.Tree, R.Table, R.PageTabList,
               R.ButtonMenu, R.ButtonDropDown, R.Link, R.ProgressBar}


def where(widget: QWidget) -> str:
    name = widget.objectName()
    parent = widget.parentWidget()
    trail = []
    while parent is not None and len(trail) < 3:
        trail.append(type(parent).__name__ + (f"#{parent.objectName()}"
                                              if parent.objectName() else ""))
        parent = parent.parentWidget()
    return f"{type(widget).__name__}{'#' + name if name else ''} in {' < '.join(trail)}"


def controls(top: QWidget) -> list[tuple[QWidget, str, str, str]]:
    """(widget, role name, accessible name, description) of every shown interactive control."""
    out = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or isinstance(widget, (QScrollBar, QHeaderView)):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        if iface is None or not iface.isValid():
            continue
        role = iface.role()
        if role not in INTERACTIVE:
            continue
        out.append((widget, role.name, iface.text(QAccessible.Text.Name).strip(),
                    iface.text(QAccessible.Text.Description).strip()))
    return out


def unnamed(top: QWidget) -> list[str]:
    """Interactive controls a screen reader would announce without a name."""
    return [f"{role} {where(w)}" for w, role, name, _d in controls(top) if not name]


def headerless(top: QWidget) -> list[str]:
    """Tables and trees with a column whose header says nothing."""
    out = []
    for view in [top, *top.findChildren(QAbstractItemView)]:
        if not isinstance(view, QAbstractItemView) or not view.isVisible():
            continue
        model = view.model()
        if model is None or type(view).__name__ in ("QListView", "QListWidget",
                                                    "QComboBoxListView"):
            continue
        from PySide6.QtCore import Qt

        for column in range(model.columnCount()):
            if view.isColumnHidden(column) if hasattr(view, "isColumnHidden") else False:
                continue
            if not str(model.headerData(column, Qt.Orientation.Horizontal) or "").strip():
                out.append(f"column {column} of {where(view)}")
    return out
