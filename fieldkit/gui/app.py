"""Starting the app: the QApplication, the language, the window; and screenshot mode."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

from fieldkit.gui import i18n, settings, style
from fieldkit.gui.main_window import MainWindow
from fieldkit.gui.welcome import WelcomeWindow
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


def run(project: Project | None, *, screenshot: str | None = None,
        language: str | None = None, texts: str | None = None, ask: str | None = None) -> int:
    """Show the main window on ``project``, or the welcome window when there is none (which
    opens the encrypted project at ``ask`` at once, asking for its passphrase).

    With ``screenshot``, write a PNG of that window (and with ``texts`` a JSON list of the
    words it shows) and return instead of running the app.
    """
    if screenshot:
        previous = quiet_offscreen_noise()
        try:
            application()
            i18n.install(language or (settings.get("language") or None))
            shown = WelcomeWindow() if project is None else MainWindow(project)
            return take_screenshot(shown, Path(screenshot), texts)
        finally:
            qInstallMessageHandler(previous)  # a caller in this process gets its own back
    app = application()
    i18n.install(language or (settings.get("language") or None))
    if project is None:
        welcome = WelcomeWindow()
        windows: list[MainWindow] = []

        def open_main(chosen: Project) -> None:
            window = MainWindow(chosen)
            windows.append(window)  # kept alive for the life of the app
            window.show()
            welcome.close()

        welcome.chosen.connect(open_main)
        welcome.show()
        if ask is not None:
            QTimer.singleShot(0, lambda: welcome.open_path(ask))
        return app.exec()
    window = MainWindow(project)
    window.show()
    return app.exec()


def take_screenshot(window: QWidget, out: Path, texts: str | None = None) -> int:
    """The main window at 1440×900 with the most-coded transcript open and a search showing
    (or the welcome window at its own size); ``texts``: also write what it says as JSON."""
    app = application()
    if isinstance(window, MainWindow):
        window.remember_session = False
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    project = window.project if isinstance(window, MainWindow) else None
    if isinstance(window, MainWindow) and project is not None:
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
    if isinstance(window, MainWindow):  # a late window manager must not shrink the picture
        from fieldkit.gui.window_layout import wait_for_size

        wait_for_size(window, *SCREENSHOT_SIZE)
    image = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out))
    if texts:
        Path(texts).write_text(json.dumps(visible_texts(window), ensure_ascii=False, indent=1),
                               encoding="utf-8")
    window.close()
    return 0 if ok else 1


def visible_texts(window: QWidget) -> list[str]:
    """The interface words a window shows: its title, menus and their entries, buttons,
    labels, dock and tab titles, placeholders (data such as document text is left out)."""
    found = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QMenuBar):
            found += _menu_texts(widget.actions())
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        elif isinstance(widget, QDockWidget):
            found.append(widget.windowTitle())
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QTabBar):
            found += [widget.tabText(i) for i in range(widget.count())]
    return [t for t in dict.fromkeys(found) if t and t.strip()]


def _menu_texts(actions: list[QAction]) -> list[str]:
    out = []
    for action in actions:
        out.append(action.text())
        menu = action.menu()
        if isinstance(menu, QMenu):
            out += _menu_texts(menu.actions())
    return out


def _drop_noise(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in OFFSCREEN_NOISE:
        return
    category = context.category
    prefix = f"{category}: " if category and category != "default" else ""
    print(prefix + message, file=sys.stderr)


def quiet_offscreen_noise() -> Callable[..., None] | None:
    """Screenshot mode: drop the offscreen platform's known harmless warnings, keep the rest.

    Only here, and only until the screenshot is taken (the handler it replaced is returned, to
    be put back): a Python handler must wait for the interpreter, and Qt's media backend logs
    from its own threads while the main thread holds the interpreter waiting on them (a
    recording's player stopping), which deadlocks. Screenshots show text documents, never a
    player; a test suite that took one in-process then played a recording hung CI.
    """
    return qInstallMessageHandler(_drop_noise)


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
