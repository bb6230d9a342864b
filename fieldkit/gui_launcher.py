"""``fieldkit gui``: checks that a desktop can be shown, then starts the Qt app.

This module imports no Qt, so a missing display or missing system libraries give one clear line
(and exit code 2) instead of Qt aborting the process.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

from fieldkit.core.errors import FieldkitError

XCB_LIBS = {  # library → Debian package
    "xcb-cursor": "libxcb-cursor0", "xkbcommon-x11": "libxkbcommon-x11-0", "EGL": "libegl1",
    "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0", "fontconfig": "libfontconfig1", "dbus-1": "libdbus-1-3",
}
OFFSCREEN_LIBS = {"fontconfig": "libfontconfig1", "EGL": "libegl1"}


def missing_libraries(libs: dict[str, str]) -> list[str]:
    """Debian packages of the shared libraries Qt needs that are not installed."""
    return [package for lib, package in libs.items() if ctypes.util.find_library(lib) is None]


def display_problem(screenshot: bool) -> str | None:
    """One line saying why no window can be shown here, or None."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if screenshot or platform in ("offscreen", "minimal"):
        missing = missing_libraries(OFFSCREEN_LIBS)
    else:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                     or os.environ.get("WAYLAND_DISPLAY")):
            return ("No display: run fieldkit gui under a desktop session, or use "
                    "`xvfb-run fieldkit gui` (or --screenshot OUT.png to render offscreen).")
        missing = missing_libraries(XCB_LIBS) if sys.platform.startswith("linux") else []
    if missing:
        return ("The desktop app needs system libraries that are missing; install them with: "
                f"sudo apt-get install {' '.join(missing)}")
    try:
        import PySide6  # noqa: F401
    except ImportError:
        return "The desktop app needs PySide6: pip install 'fieldkit[gui]'."
    return None


def demo_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "fieldkit" / "Demo.fieldkit"


def launch(path: str | None, screenshot: str | None = None, language: str | None = None) -> int:
    """Open the desktop app on ``path`` (the last project or the demo if None)."""
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = display_problem(bool(screenshot))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from fieldkit.project import Project

    try:
        if path is None:
            path = _last_project()
        if path is None:
            demo = demo_path()
            if (demo / "project.sqlite").exists():
                project = Project.open(demo)
            else:
                from fieldkit.demobuild import build_demo

                demo.parent.mkdir(parents=True, exist_ok=True)
                print(f"Building the demo project in {demo} …", file=sys.stderr)
                project = build_demo(demo, "small")
        else:
            project = Project.open(path)
    except FieldkitError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    from fieldkit.gui.app import run

    return run(project, screenshot=screenshot, language=language)


def _last_project() -> str | None:
    from fieldkit.gui import settings  # Qt is known to be usable by now

    return settings.last_project()
