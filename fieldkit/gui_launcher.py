"""``fieldkit gui``: checks that a desktop can be shown, then starts the Qt app.

This module imports no Qt, so a missing display or missing system libraries give one clear line
(and exit code 2) instead of Qt aborting the process.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

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


def launch(path: str | None, screenshot: str | None = None, language: str | None = None,
           texts: str | None = None) -> int:
    """Open the desktop app on ``path``, or the welcome window when no project is named."""
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = display_problem(bool(screenshot))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from fieldkit.core.errors import PassphraseNeeded
    from fieldkit.project import Project

    project, ask = None, None
    if path is not None:
        try:
            project = Project.open(path)
        except PassphraseNeeded:
            ask = path  # an encrypted project: the app asks for its passphrase
        except FieldkitError as exc:
            print(str(exc), file=sys.stderr)
            return exc.exit_code
    from fieldkit.gui.app import run

    return run(project, screenshot=screenshot, language=language, texts=texts, ask=ask)
