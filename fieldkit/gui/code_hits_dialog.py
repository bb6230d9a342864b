"""Before "code all hits" codes anything: what it will code, per document, memos optional.

The list shows each document with the number of passages that will be coded there (one per
occurrence, or per turn or paragraph with those scopes), so the count on the button is the
number of codings the action makes (less any that already carry the chosen code).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui import style
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.i18n import ntr, number, tr
from fieldkit.gui.navigator import kind_name


class CodeHitsDialog(QDialog):
    """Shows ``plan`` (a list of ``HitTargets``); ``include_memos()`` is the user's choice."""

    def __init__(self, query: str, plan: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(tr("Code all hits"))
        self.intro = QLabel(tr("Every occurrence of “{0}” listed here will be coded with the "
                               "code you choose next.").format(query))
        self.intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([tr("Document"), tr("Kind"), tr("Passages")])
        for target in plan:
            item = QTreeWidgetItem([target.title, kind_name(target.kind),
                                    number(len(target.spans))])
            item.setIcon(0, style.kind_icon(target.kind))
            item.setToolTip(0, "\n".join(
                " ".join(target.text[s:e].split())[:80] for s, e in target.spans[:12]))
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(1)
        self.list.setColumnWidth(0, 320)
        self.memos = QCheckBox(tr("Also code hits in memos"))
        self.memos.setChecked(False)
        self.memos.setVisible(any(t.kind == "memo" for t in plan))
        self.memos.toggled.connect(self._count)
        self.total = QLabel()
        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.memos)
        layout.addWidget(self.total)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self._count()

    def include_memos(self) -> bool:
        return self.memos.isChecked()

    def chosen(self) -> list[Any]:
        return [t for t in self.plan if t.kind != "memo" or self.include_memos()]

    def passages(self) -> int:
        return sum(len(t.spans) for t in self.chosen())

    def _count(self, *_: object) -> None:
        chosen = {id(t) for t in self.chosen()}
        for i, target in enumerate(self.plan):
            item = self.list.topLevelItem(i)
            if item is not None:
                item.setHidden(id(target) not in chosen)
        n, docs = self.passages(), len(chosen)
        text = ntr("Code %Ln passage(s)", n) + " " + ntr("in %Ln document(s)…", docs)
        self.total.setText(text)
        ok = accept_button(self.buttons)
        ok.setText(ntr("Code %Ln passage(s)…", n))
        ok.setEnabled(n > 0)

