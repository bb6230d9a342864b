"""A main window closed right after it is shown: its delayed layout work must not run on a
deleted window (a RuntimeError inside a Qt timer, seen when a test or the user closed it fast)."""

from __future__ import annotations

from fieldkit.gui.app import application
from fieldkit.gui.main_window import MainWindow


def test_closing_at_once_cancels_the_layout_timers(qtbot, project) -> None:
    application()
    w = MainWindow(project)
    w.show()
    w.runner.wait()
    w.close()
    w.deleteLater()
    qtbot.wait(300)  # past the 200 ms fit-to-screen timer; pytest-qt fails on a slot exception
    assert w.project is None  # closed with its window, and nothing raised in the timers
