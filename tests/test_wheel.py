"""The wheel is the product: built, installed with its gui extra in a fresh virtualenv, and used
from a folder with no source tree (tools/smoke.py: version, demo, search, Dutch and English
windows, a Word import).

Slow (a wheel build and a virtualenv of ~300 MB): the dependencies' wheels are kept in a
wheelhouse inside the test virtualenv, so only the first run downloads them from PyPI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"
# what the wheel is built from: everything else in the checkout stays out of reach
SOURCES = ("fieldkit", "resources", "setup.py", "pyproject.toml", "README.md", "LICENSE")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def pip(*args: str, python: str | Path = sys.executable) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
                   check=True, timeout=1200)


def build_wheel(tmp: Path) -> Path:
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    pip("wheel", "--no-deps", "-w", str(tmp / "dist"), str(source))
    (wheel,) = (tmp / "dist").glob("fieldkit-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    WHEELHOUSE.mkdir(exist_ok=True)
    pip("download", "-d", str(WHEELHOUSE), f"{wheel}[gui]")
    for own in WHEELHOUSE.glob("fieldkit-*"):  # only the dependencies are kept
        own.unlink()
    pip("install", "--find-links", str(WHEELHOUSE), f"{wheel}[gui]", python=python)
    return python


def test_the_wheel_alone_does_what_a_researcher_does_first(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    python = fresh_venv(tmp_path, wheel)
    exe = python.parent / ("fieldkit.exe" if os.name == "nt" else "fieldkit")
    work = tmp_path / "elsewhere"
    work.mkdir()
    # the installed package, its resources and translations come from the venv, not from here
    where = subprocess.run(
        [str(python), "-c", "import fieldkit, fieldkit.resources as r; "
         "print(fieldkit.__file__); print(r.resource('demo', 'codebook.json')); "
         "print(sorted(p.name for p in r.folder('i18n').iterdir()))"],
        cwd=work, capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
    package, codebook, ts_names = where.stdout.splitlines()
    venv = str(tmp_path / "venv")
    assert package.startswith(venv) and codebook.startswith(venv), where.stdout
    source_ts = sorted(p.name for p in (ROOT / "resources" / "i18n").glob("*.ts"))
    assert ts_names == repr(source_ts)  # every area's translations shipped
    smoke = subprocess.run([sys.executable, str(ROOT / "tools" / "smoke.py"), "--exe", str(exe),
                            "--workdir", str(work)], capture_output=True, text=True, timeout=1200)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "7 passed, 0 failed" in smoke.stdout
