"""`fieldkit gui --screenshot` leaves the researcher's remembered layout alone.

The screenshot window closed like any other and saved its layout (taken on the offscreen
screen), so the next start — the next `make run` too — came back with side panes squeezed to
180 pixels and names cut to "Hendr…".
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.gui import settings, window_layout
from fieldkit.gui.app import application, take_screenshot
from fieldkit.gui.main_window import MainWindow
from fieldkit.project import Project


def test_a_screenshot_does_not_replace_the_remembered_layout(qtbot, project,
                                                              tmp_path: Path) -> None:
    application()
    before = (settings.get(window_layout.GEOMETRY), settings.get(window_layout.STATE))
    path, uuid = project.path, project.uuid
    for n in range(2):  # the second picture starts from what the first left behind
        w = MainWindow(project if n == 0 else Project.open(path))  # closing closes it
        qtbot.addWidget(w)
        assert take_screenshot(w, tmp_path / f"s{n}.png") == 0
        for dock in (w.nav_dock, w.code_dock):
            assert dock.width() >= window_layout.target_width(dock, w.width()) - 24
    assert (settings.get(window_layout.GEOMETRY), settings.get(window_layout.STATE)) == before
    assert not settings.get(f"open/{uuid}")
