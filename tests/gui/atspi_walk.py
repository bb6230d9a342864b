"""Walk an application's AT-SPI tree (run with the system Python, which has pyatspi).

    /usr/bin/python3 tests/gui/atspi_walk.py PID

Prints JSON: one entry per showing interactive control of the application with that process
id — its role, name, description and the window it is in — and, under ``described``, every
showing element with a description (what a screen reader says beside the name), of any role.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text",
    "entry", "password text", "spin button", "slider", "list", "list box", "tree",
    "tree table", "table", "page tab list", "page tab", "menu button", "link",
}


def find_app(pid: int, wait: float = 30.0):  # noqa: ANN201
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid and app.childCount:
                    return app
            except Exception:  # an application going away while we look
                continue
        time.sleep(0.5)
    return None


def walk(node, window: str, out: list, described: list, depth: int = 0) -> None:  # noqa: ANN001
    if depth > 60 or node is None:
        return
    try:
        role = node.getRoleName()
        states = node.getState()
        showing = states.contains(pyatspi.STATE_SHOWING)
    except Exception:
        return
    if role in ("frame", "dialog", "window"):
        window = node.name or role
    entry = {"role": role, "name": node.name or "", "description": node.description or "",
             "window": window}
    if role in INTERACTIVE and showing:
        out.append(entry)
    if entry["description"] and showing:
        described.append(entry)
    if role in ("table", "tree table", "tree", "list", "list box"):
        return  # the cells are data, not controls
    for i in range(min(node.childCount, 400)):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        walk(child, window, out, described, depth + 1)


def main() -> int:
    app = find_app(int(sys.argv[1]))
    if app is None:
        print(json.dumps({"error": "the application never appeared on the AT-SPI bus"}))
        return 1
    out: list = []
    described: list = []
    windows = []
    for i in range(app.childCount):
        top = app.getChildAtIndex(i)
        windows.append(top.name if top is not None else "")
        walk(top, "", out, described)
    print(json.dumps({"windows": windows, "controls": out, "described": described},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
