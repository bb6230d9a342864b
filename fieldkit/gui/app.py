"""Starting the app: the QApplication, the language, the window; and screenshot mode."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from fieldkit.gui import i18n, settings, style
from fieldkit.gui.main_window import MainWindow
from fieldkit.project import Project

SCREENSHOT_SIZE = (1440, 900)
# what the offscreen platform says on every window shown; harmless, and only noise to a user
OFFSCREEN_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def application() -> QApplication:
    existing = QApplication.instance()
    if existing is None:
        QCoreApplication.setOrganizationName("fieldkit")
        QCoreApplication.setApplicationName("fieldkit")
        app = QApplication(sys.argv[:1])
    else:
        assert isinstance(existing, QApplication), "the desktop app needs a QApplication"
        app = existing
    if not isinstance(app.style(), style.CalmStyle):  # also when a test harness made the app
        style.apply(app)
    return app


def run(project: Project, *, screenshot: str | None = None, language: str | None = None) -> int:
    """Show the main window on ``project``; with ``screenshot`` write a PNG and return."""
    if screenshot:
        quiet_offscreen_noise()
    app = application()
    i18n.install(language or (settings.get("language") or None))
    window = MainWindow(project)
    if screenshot:
        return take_screenshot(window, Path(screenshot))
    window.show()
    return app.exec()


def take_screenshot(window: MainWindow, out: Path) -> int:
    """1440×900, with the most-coded transcript open and a search showing."""
    app = application()
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    project = window.project
    if project is not None:
        docs = project.documents()
        transcripts = sorted((d for d in docs if d.kind == "transcript"),
                             key=lambda d: -d.codings)
        showcase = transcripts or sorted(docs, key=lambda d: -d.codings)
        if showcase and window.current_tab() is None:
            window.open_document(showcase[0].id)
        if hasattr(project, "search") and not window.search.last_query:
            word = _frequent_word(window)
            if word:
                try:
                    window.search.run(word)
                except Exception:  # a screenshot must not fail on search trouble
                    pass
        tab = window.current_tab()
        if tab is not None and tab.text_view is not None and tab.codings:
            first = min((c.start for c in tab.codings if c.start is not None), default=0)
            tab.text_view.select_span(first, first)
    for _ in range(5):
        app.processEvents()
    QTimer.singleShot(0, lambda: None)
    app.processEvents()
    image = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out))
    window.close()
    return 0 if ok else 1


def _drop_noise(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in OFFSCREEN_NOISE:
        return
    category = context.category
    prefix = f"{category}: " if category and category != "default" else ""
    print(prefix + message, file=sys.stderr)


def quiet_offscreen_noise() -> None:
    """Screenshot mode: drop the offscreen platform's known harmless warnings, keep the rest."""
    qInstallMessageHandler(_drop_noise)


def _frequent_word(window: MainWindow) -> str:
    tab = window.current_tab()
    if tab is None or not tab.codings:
        return ""
    counts: dict[str, int] = {}
    for c in tab.codings:
        for w in c.quote.split():
            w = w.strip(".,;:!?\"'()").lower()
            if len(w) > 5:
                counts[w] = counts.get(w, 0) + 1
    return max(counts, key=lambda w: counts[w]) if counts else ""
