"""Build the desktop app people can double-click: a PyInstaller one-folder bundle of the wheel.

    python tools/bundle.py            # → dist/fieldkit/fieldkit (fieldkit.exe on Windows)

The bundle is made from the same wheel a pip user gets: the wheel is built from a copy of the
sources, installed with its gui extra and PyInstaller into build/bundle/venv (kept between runs;
the dependencies' wheels are kept in build/bundle/wheelhouse), and PyInstaller collects it from
there, so what the bundle reads at run time is exactly what the wheel ships. Runs the same on
Linux, macOS and Windows (the CI workflow builds it on each).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "bundle"
DIST = ROOT / "dist"
# what the wheel is built from: everything else in the checkout stays out of reach
SOURCES = ("fieldkit", "resources", "setup.py", "pyproject.toml", "README.md", "LICENSE")
PYINSTALLER = "pyinstaller>=6.10"
# large modules fieldkit never uses that the analysis would otherwise follow into
EXCLUDE = ("tkinter", "matplotlib", "IPython", "pytest", "torch", "PySide6.QtWebEngineCore",
           "PySide6.Qt3DCore", "PySide6.QtQuick", "PySide6.QtQml")


def pip(python: Path | str, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
                   check=True, timeout=1800)


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build_wheel(work: Path) -> Path:
    """The fieldkit wheel, built from a copy of just its sources into ``work/dist``."""
    source = work / "source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    out = work / "dist"
    shutil.rmtree(out, ignore_errors=True)
    pip(sys.executable, "wheel", "--no-deps", "-w", str(out), str(source))
    (wheel,) = out.glob("fieldkit-*.whl")
    return wheel


def install(folder: Path, wheel: Path, wheelhouse: Path, *extra: str, fresh: bool) -> Path:
    """A virtualenv at ``folder`` holding ``wheel`` with its gui extra (and ``extra``)."""
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    python = venv_python(folder)
    if not python.exists():
        venv.create(folder, with_pip=True)
    wheelhouse.mkdir(parents=True, exist_ok=True)
    pip(sys.executable, "download", "-d", str(wheelhouse), f"{wheel}[gui]", *extra)
    for own in wheelhouse.glob("fieldkit-*"):  # only the dependencies are kept
        own.unlink()
    pip(python, "install", "--find-links", str(wheelhouse), f"{wheel}[gui]", *extra)
    pip(python, "install", "--no-deps", "--force-reinstall", str(wheel))
    return python


def bundle() -> Path:
    wheel = build_wheel(BUILD)
    python = install(BUILD / "venv", wheel, BUILD / "wheelhouse", PYINSTALLER, fresh=False)
    entry = BUILD / "fieldkit_app.py"
    entry.write_text("from fieldkit.cli import main\n\nraise SystemExit(main())\n",
                     encoding="utf-8")
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--onedir", "--console",
               "--name", "fieldkit", "--distpath", str(DIST), "--workpath", str(BUILD / "work"),
               "--specpath", str(BUILD), "--collect-data", "fieldkit",
               "--collect-submodules", "fieldkit", "--log-level", "WARN",
               # psycopg finds its libpq build (psycopg_binary) at run time, by name
               "--collect-all", "psycopg_binary", "--collect-submodules", "psycopg",
               # pypdfium2 loads libpdfium and reads its version.json files from its packages
               "--collect-all", "pypdfium2_raw", "--collect-data", "pypdfium2"]
    if sys.platform == "win32":  # double-clicked: no console window behind the app
        command += ["--hide-console", "hide-early"]
    for module in EXCLUDE:
        command += ["--exclude-module", module]
    # run from the build folder: from the checkout, `python -m` would find the source tree's
    # fieldkit (without its resources) before the installed wheel
    subprocess.run([*command, str(entry)], check=True, timeout=3600, cwd=BUILD)
    exe = DIST / "fieldkit" / ("fieldkit.exe" if os.name == "nt" else "fieldkit")
    print(f"Built {exe}")
    return exe


if __name__ == "__main__":
    bundle()
