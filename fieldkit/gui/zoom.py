"""Text size for low-vision researchers: Ctrl+plus and Ctrl+minus scale every pane and the
document together (Ctrl+0 goes back), from the system's own font size, and it is remembered.

No widget sets a font size of its own: the few that read larger (the document, a note, the
headings) get theirs here, from the application's font, so they follow the system's size."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from fieldkit.gui import settings, style

KEY = "view/zoom"
LOWEST, HIGHEST = -3, 8
FACTOR = 1.15  # one step: about one point more at a 10-point font

_base: list[float] = []  # the font size before any zoom (the system's, at least 10 points)


def step() -> int:
    """The remembered zoom step (0: the system's size)."""
    try:
        return max(LOWEST, min(HIGHEST, int(str(settings.get(KEY) or 0))))
    except ValueError:
        return 0


def point_size(at: int) -> float:
    return round(_base_size() * FACTOR ** at, 1)


def sheet_for(at: int) -> str:
    """The style-sheet font sizes of zoom step ``at``: every pane at the step's size (at the
    system's size, step 0, they keep the application's font), the document, a note and the
    headings a little larger than the panes."""
    size = point_size(at)
    every = "" if at == 0 else f"\n* {{ font-size: {size}pt; }}"
    return (f"{every}\n"
            f"QPlainTextEdit#documentText {{ font-size: {round(size + 1.5, 1)}pt; }}\n"
            f"QPlainTextEdit#noteText {{ font-size: {round(size + 1, 1)}pt; }}\n"
            f"QLabel#docTitle {{ font-size: {round(size * 1.5, 1)}pt; }}\n"
            f"QLabel#welcomeHeading {{ font-size: {round(size * 1.6, 1)}pt; "
            f"font-weight: bold; }}\n")


def _base_size() -> float:
    if not _base:
        _base.append(QApplication.font().pointSizeF())
    return _base[0]


def follow_app_font() -> None:
    """The application's font changed (the system's size, or a test): size from it now."""
    _base.clear()
    apply()


def apply(at: int | None = None) -> int:
    """Scale the interface to step ``at`` (the remembered one when None); returns the step."""
    chosen = step() if at is None else max(LOWEST, min(HIGHEST, at))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # a style sheet's fonts win over the application's font: the size goes in the sheet
    # (restyling relays out every widget, so only on a change)
    sheet = style.sheet() + sheet_for(chosen)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if str(settings.get(KEY) or "0") != str(chosen):
        settings.put(KEY, str(chosen))
    return chosen


def zoom_in() -> int:
    return apply(step() + 1)


def zoom_out() -> int:
    return apply(step() - 1)


def reset() -> int:
    return apply(0)
