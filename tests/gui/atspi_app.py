"""The app as the AT-SPI test sees it: the real main window on a project with every pane and
dialog open, run until killed (started by ``test_atspi.py`` under Xvfb with an AT-SPI bus).

    python tests/gui/atspi_app.py PROJECT LANGUAGE [--nameless] [--network]

``--nameless`` adds one unnamed text field: the test that proves the walk can fail.
``--network`` ends on a network of three codes in the Analysis window, two of its nodes chosen
with the keys (Home, then Shift+Right), as a keyboard user chooses them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLineEdit

    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.project import Project

    path, language = sys.argv[1], sys.argv[2]
    app = application()  # on the X server: before the tests' helpers pick offscreen
    from tests.gui.test_screen_reader import screens

    i18n.install(language)
    window = MainWindow(Project.open(path))
    window.remember_session = False
    window.resize(1400, 860)
    window.show()
    tops = screens(window, None)
    for top in tops:
        if top.isWindow():
            top.show()
    if "--nameless" in sys.argv:
        odd = QLineEdit(window.codebook)
        odd.show()
    if "--network" in sys.argv:
        choose_two_nodes(window)
    print("ready", os.getpid(), flush=True)
    QTimer.singleShot(120_000, app.quit)  # never outlive a stuck test
    return app.exec()


def choose_two_nodes(window) -> None:  # noqa: ANN001
    """A network "Toegankelijk" of three codes in a row, the canvas focused, the first node
    gone to with Home and the next one to the right added with Shift+Right."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    analysis = window.show_analysis()
    analysis.tabs.setCurrentWidget(analysis.networks)
    panel = analysis.networks
    panel.new_network("Toegankelijk")
    book = window.project.codebook()
    paths = sorted(book.path(c) for c in book.codes)[:3]
    for i, path in enumerate(paths):
        window.project.networks.add_node(panel.current(), "code:" + path, x=300 * i, y=0)
    panel.show_current(fit=True)
    analysis.activateWindow()
    panel.canvas.setFocus()
    QTest.keyClick(panel.canvas, Qt.Key.Key_Home)
    QTest.keyClick(panel.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


if __name__ == "__main__":
    sys.exit(main())
