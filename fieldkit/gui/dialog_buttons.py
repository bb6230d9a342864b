"""The row of buttons at the foot of every dialog, built and wired one way.

The buttons are Qt's standard ones (OK, Cancel, Close), so the platform orders them and Qt's own
translations (``qtbase_nl``, loaded with ours by ``i18n.install``) label them in Dutch; a button
named in OK's place ("Export") is one of our translated strings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

_Button = QDialogButtonBox.StandardButton
_Role = QDialogButtonBox.ButtonRole


def dialog_buttons(dialog: QDialog, *, close: bool = False, accept_text: str | None = None,
                   on_accept: Callable[[], object] | None = None) -> QDialogButtonBox:
    """OK and Cancel (or, with ``close``, one Close button) wired to ``dialog``.

    Cancel, Close and Escape reject the dialog; OK accepts it, or calls ``on_accept`` instead
    (to check what was typed first). ``accept_text`` puts a button of that (translated) text in
    OK's place. Add further buttons to the box returned; ``accept_button`` finds the one that
    accepts.
    """
    if close:
        buttons = QDialogButtonBox(_Button.Close)
    elif accept_text is not None:
        buttons = QDialogButtonBox(_Button.Cancel)
        buttons.addButton(accept_text, _Role.AcceptRole)
    else:
        buttons = QDialogButtonBox(_Button.Ok | _Button.Cancel)
    if not close:
        buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def accept_button(buttons: QDialogButtonBox) -> QPushButton:
    """The button that accepts the dialog: OK, or the one named in its place."""
    found = buttons.button(_Button.Ok)
    if found is not None:
        return found
    return next(b for b in buttons.buttons()
                if isinstance(b, QPushButton) and buttons.buttonRole(b) == _Role.AcceptRole)
