"""The new-code dialog: a name (or a path), where it goes, and whether it codes the selection.

One rule for every way of making a code, shown in the dialog: what is typed is a path from the
place chosen under "Place under" — the top of the codebook unless a parent is chosen — so
``Work organisation/Canteen talk`` typed at the top makes exactly that. The quick-code box has no
parent to choose and so always starts at the top.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.i18n import tr

TOP = ""


def new_code_path(parent: str, typed: str) -> str:
    """The full path a typed name makes under ``parent`` ("" is the top of the codebook)."""
    typed = "/".join(part.strip() for part in typed.strip().strip("/").split("/") if part.strip())
    if not typed:
        return ""
    return f"{parent}/{typed}" if parent else typed


class NewCodeDialog(QDialog):
    """Asks for the new code; ``path()`` is the code to make, ``code_selection()`` the tick."""

    def __init__(self, paths: list[str], parent_path: str = TOP, selection: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New code"))
        self.paths = {p.casefold(): p for p in paths}
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Name, or a path such as Learning/Peer help"))
        self.under = QComboBox()
        self.under.addItem(tr("(top of the codebook)"), TOP)
        for path in paths:
            self.under.addItem(path, path)
        self.under.setCurrentIndex(max(0, self.under.findData(parent_path)))
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        self.code_it = QCheckBox()
        if selection:
            quote = " ".join(selection.split())
            quote = quote if len(quote) <= 50 else quote[:49] + "…"
            self.code_it.setText(tr("Code the selected text with it: “{0}”").format(quote))
            self.code_it.setChecked(True)
        else:
            self.code_it.hide()
        buttons = dialog_buttons(self)
        self.ok = accept_button(buttons)
        form = QFormLayout(self)
        form.addRow(tr("Name:"), self.name)
        form.addRow(tr("Place under:"), self.under)
        form.addRow(self.preview)
        form.addRow(self.code_it)
        form.addRow(buttons)
        self.name.textChanged.connect(self._show_path)
        self.under.currentIndexChanged.connect(self._show_path)
        self.code_it.toggled.connect(self._show_path)
        self._show_path()
        self.resize(460, self.sizeHint().height())

    def path(self) -> str:
        return new_code_path(str(self.under.currentData() or TOP), self.name.text())

    def existing(self) -> str | None:
        """The code already in the codebook under the path typed (any case), if there is one."""
        return self.paths.get(self.path().casefold())

    def code_selection(self) -> bool:
        return not self.code_it.isHidden() and self.code_it.isChecked()

    def _show_path(self, *_: object) -> None:
        path = self.path()
        existing = self.existing()
        # an existing name is not made twice: it codes the selection, or there is nothing to do
        self.ok.setEnabled(bool(path) and (existing is None or self.code_selection()))
        if existing is not None:
            self.preview.setText(
                tr("“{0}” exists — codes the selection with it.").format(existing)
                if self.code_selection() else tr("“{0}” exists already.").format(existing))
            return
        leaf = path.rsplit("/", 1)[-1].casefold()
        namesake = next((p for p in self.paths.values()
                         if path and p.rsplit("/", 1)[-1].casefold() == leaf), None)
        if namesake is not None:  # most likely meant: the code of that name elsewhere
            self.preview.setText(tr("Makes the code: {0} (a new one: a code of that name is "
                                    "already at {1}).").format(path, namesake))
            return
        self.preview.setText(tr("Makes the code: {0}").format(path) if path else tr(
            "A slash makes levels: Work organisation/Canteen talk makes Canteen talk under "
            "Work organisation."))
