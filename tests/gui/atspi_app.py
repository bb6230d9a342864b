"""The app as the AT-SPI test sees it: the real main window on a project with every pane and
dialog open, run until killed (started by ``test_atspi.py`` under Xvfb with an AT-SPI bus).

    python tests/gui/atspi_app.py PROJECT LANGUAGE [--nameless]

``--nameless`` adds one unnamed text field: the test that proves the walk can fail.
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
    print("ready", os.getpid(), flush=True)
    QTimer.singleShot(120_000, app.quit)  # never outlive a stuck test
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
