"""A screen reader's real view (issue 25): the app under Xvfb with an AT-SPI bus, its
accessibility tree walked over D-Bus as Orca walks it (pyatspi, in the system Python), in
English and Dutch: every interactive control of the main window, its panes and its dialogs
has a name, and a Dutch screen's names are Dutch. A second test proves the walk can fail.

Needs xvfb, dbus-x11, at-spi2-core and python3-pyatspi (``make test`` installs them)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.test_dutch_screens import still_english

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
NEEDS = ("Xvfb", "dbus-launch", "/usr/libexec/at-spi-bus-launcher", SYSTEM_PYTHON)


def _missing() -> list[str]:
    out = [n for n in NEEDS if not (shutil.which(n) or Path(n).exists())]
    if not out and subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"],
                                  capture_output=True).returncode != 0:
        out.append("python3-pyatspi")
    return out


def _display() -> str:
    # each test process of pytest-xdist (gw0, gw1, …) looks from a number of its own
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")[2:]
    num = 91 + 10 * (int(worker) if worker.isdigit() else 0)
    while Path(f"/tmp/.X11-unix/X{num}").exists() or Path(f"/tmp/.X{num}-lock").exists():
        num += 1
    return f":{num}"


@pytest.fixture(scope="module")
def desktop(tmp_path_factory) -> Iterator[dict[str, str]]:  # noqa: ANN001
    """An X server, a session bus and the AT-SPI bus: the environment an app and Orca share."""
    missing = _missing()
    if missing:  # make test installs these; a machine without them must say so, not pass
        pytest.fail(f"the AT-SPI test needs {', '.join(missing)} (make system-deps)",
                    pytrace=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "AT_SPI"))}
    env["DISPLAY"] = _display()
    started: list[subprocess.Popen] = []
    xvfb = subprocess.Popen(["Xvfb", env["DISPLAY"], "-screen", "0", "1440x900x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    started.append(xvfb)
    bus = subprocess.run(["dbus-launch", "--sh-syntax"], capture_output=True, text=True,
                         env=env, check=True).stdout
    bus_pid = None
    for line in bus.splitlines():
        if line.startswith("DBUS_SESSION_BUS_ADDRESS="):
            env["DBUS_SESSION_BUS_ADDRESS"] = line.split("=", 1)[1].strip("';")
        if line.startswith("DBUS_SESSION_BUS_PID="):
            bus_pid = int(line.split("=", 1)[1].strip("';"))
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started.append(launcher)
    time.sleep(1.5)
    env["FIELDKIT_SETTINGS"] = str(tmp_path_factory.mktemp("atspi") / "settings.ini")
    env["QT_QPA_PLATFORM"] = "xcb"
    env["QT_ACCESSIBILITY"] = "1"
    env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    try:
        yield env
    finally:
        for proc in reversed(started):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
        if bus_pid:
            try:
                os.kill(bus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:  # noqa: ANN001
    from fieldkit.demobuild import build_demo

    path = tmp_path_factory.mktemp("atspi-demo") / "Demo.fieldkit"
    build_demo(path, "small").close()
    return path


def walk_app(env: dict[str, str], project: Path, language: str, *extra: str) -> dict:
    """Start the app with every pane and dialog open; walk its AT-SPI tree; stop it."""
    app = subprocess.Popen([sys.executable, str(HERE / "atspi_app.py"), str(project), language,
                            *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        line = app.stdout.readline() if app.stdout else ""
        assert line.startswith("ready"), (line, app.stderr.read() if app.stderr else "")
        time.sleep(2)  # the bridge announces the windows
        done = subprocess.run([SYSTEM_PYTHON, str(HERE / "atspi_walk.py"), str(app.pid)],
                              env=env, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout)
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()


def nameless(tree: dict) -> list[str]:
    return [f"{c['role']} in {c['window']!r}" for c in tree["controls"] if not c["name"].strip()]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_control_on_the_atspi_bus_has_a_name(desktop, demo_path, language) -> None:
    tree = walk_app(desktop, demo_path, language)
    assert len(tree["windows"]) >= 8, tree["windows"]  # the window and the dialogs
    assert len(tree["controls"]) > 100  # the walk really saw the screens
    assert nameless(tree) == [], "\n".join(nameless(tree))
    if language == "nl":
        said = [(f"{c['role']} in {c['window']}", c["name"]) for c in tree["controls"]]
        said += [(f"{c['role']} description", c["description"]) for c in tree["controls"]]
        said += [("window", w) for w in tree["windows"]]
        bad = still_english(said)
        assert bad == [], "\n".join(bad)


def test_the_atspi_walk_finds_a_nameless_control(desktop, demo_path) -> None:
    tree = walk_app(desktop, demo_path, "nl", "--nameless")
    assert any(c["role"] in ("text", "entry") for c in tree["controls"]
               if not c["name"].strip())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_screen_reader_hears_the_nodes_chosen_on_a_network_canvas(
        desktop, demo_path, language, tmp_path) -> None:  # noqa: ANN001
    """Two nodes chosen with the keys (Home, Shift+Right): the canvas's description on the bus
    says how many are chosen and which node the keys are at, in the interface language."""
    from fieldkit import Project

    project = tmp_path / "Netwerk.fieldkit"
    shutil.copytree(demo_path, project)  # the network stays out of the other tests' demo
    with Project.open(project) as p:
        book = p.codebook()
        second = sorted(book.path(c) for c in book.codes)[1]
    tree = walk_app(desktop, project, language, "--network")
    said = [c["description"] for c in tree["described"]]
    want = {"en": f"2 items chosen; now at Code {second}",
            "nl": f"2 onderdelen gekozen; nu bij Code {second}"}[language]
    assert want in said, said
