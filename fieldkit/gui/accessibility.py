"""What a screen reader says: accessible names and descriptions in the interface language.

Every interactive control gets a name. Most take it from what a sighted user reads beside it —
the label of its form row, its placeholder ("Find a code…"), its tooltip — and that is done for
every control as it is shown (by the app's event filter in ``keyboard_menus``). Controls with
nothing beside them (tables, trees, lists, sliders, date fields, the document text) are named
where they are made, with
``speak_as(widget, "English source")``; the source is kept on the widget so a change of language
renames everything at once (``rename_all``).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from fieldkit.gui.i18n import tr

NAME_SOURCE = "fkNameSource"  # the English source of an explicit name
DESCRIPTION_SOURCE = "fkDescriptionSource"
AUTO = "fkAutoName"  # the name came from the widget's surroundings: renew it when they change


def speak_as(widget: QWidget, source: str) -> QWidget:
    """Name ``widget`` for screen readers with ``source`` (English) in the interface language."""
    widget.setProperty(NAME_SOURCE, source)
    widget.setProperty(AUTO, False)
    widget.setAccessibleName(tr(source))
    return widget


def describe_as(widget: QWidget, source: str) -> QWidget:
    """Describe ``widget`` (what it is for, read after its name) in the interface language."""
    widget.setProperty(DESCRIPTION_SOURCE, source)
    widget.setAccessibleDescription(tr(source))
    return widget


def pages_of(tabs: QTabWidget) -> QWidget:
    """The pane holding a tab widget's pages (Orca names it as focus enters a page)."""
    pages = tabs.findChild(QStackedWidget)
    return pages if pages is not None else tabs


def tell(widget: QWidget, said: str) -> None:
    """Say ``said`` (already translated) about ``widget`` to a listening screen reader: it
    becomes the widget's description, which Orca reads when it changes on the focused control
    and with the control when focus arrives. Nothing happens without a screen reader."""
    if widget.accessibleDescription() == said:
        return
    widget.setAccessibleDescription(said)
    if QAccessible.isActive() and widget.isVisible():
        QAccessible.updateAccessibility(
            QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged))


def _plain(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split()) \
        .rstrip(":").strip()


def _forms(layout: QLayout | None) -> list[QFormLayout]:
    """The form layouts in ``layout`` and its nested layouts (layouts only, so it is quick:
    a nested layout is a child object of its parent layout, a widget is not)."""
    if layout is None:
        return []
    found = [layout] if isinstance(layout, QFormLayout) else []
    return found + layout.findChildren(QFormLayout)


def form_label(parent: QWidget, widget: QWidget) -> str:
    """The label of the form row ``widget`` sits in (alone or in a row of several)."""
    for form in _forms(parent.layout()):
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if field is None or label is None or not isinstance(label.widget(), QLabel):
                continue
            row_layout = field.layout()
            inside = field.widget() is widget or (
                row_layout is not None and row_layout.indexOf(widget) >= 0)
            text = _plain(label.widget().text())  # type: ignore[union-attr]
            if inside and text:
                return text
    return ""


def context_name(widget: QWidget) -> str:
    """The name a sighted user reads beside ``widget``: its form label, placeholder, tooltip."""
    parent = widget.parentWidget()
    if parent is not None:
        found = form_label(parent, widget)
        if found:
            return found
        if isinstance(parent, QComboBox) and isinstance(widget, QLineEdit):  # editable combo
            return parent.accessibleName() or context_name(parent)
        if isinstance(parent, QLineEdit) and isinstance(widget, QAbstractButton):
            return tr("Clear")  # a line edit's clear button
        if isinstance(parent, QTableView) and isinstance(widget, QAbstractButton):
            return tr("Select all")  # a table's corner button
        if isinstance(parent, QTabBar) and isinstance(widget, QAbstractButton):
            for i in range(parent.count()):
                if widget in (parent.tabButton(i, QTabBar.ButtonPosition.RightSide),
                              parent.tabButton(i, QTabBar.ButtonPosition.LeftSide)):
                    return tr("Close {0}").format(parent.tabText(i).replace("&&", "&"))
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and widget.placeholderText():
        return _plain(widget.placeholderText())
    return _plain(widget.toolTip()) if "<" not in widget.toolTip() else ""


NAMED_KINDS = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox,
               QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QTabBar)


def name_widget(widget: QWidget) -> None:
    """Give ``widget`` its name (and description) in the current language."""
    source = widget.property(NAME_SOURCE)
    if source:  # named where it was made (a pane, too: Orca says it when focus enters)
        widget.setAccessibleName(tr(str(source)))
    elif not isinstance(widget, NAMED_KINDS):  # labels, frames, panes: nothing to say
        return
    elif not widget.accessibleName() or widget.property(AUTO):
        found = context_name(widget)
        if found:
            widget.setAccessibleName(found)
            widget.setProperty(AUTO, True)
    described = widget.property(DESCRIPTION_SOURCE)
    if described:
        widget.setAccessibleDescription(tr(str(described)))


def rename_all(top: QWidget) -> None:
    """After a change of language: the names and descriptions of ``top`` and everything in
    it (its panes and dialogs) in the new one. Only a live window's own widgets are walked:
    the application's list also holds widgets of closed windows being deleted."""
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.property(NAME_SOURCE) or widget.property(AUTO) \
                or widget.property(DESCRIPTION_SOURCE):
            name_widget(widget)


def install() -> None:
    """Name controls as they are shown: done by the app's one event filter
    (``keyboard_menus``), installed here when it is not yet."""
    from fieldkit.gui import keyboard_menus

    keyboard_menus.install()
