"""The wheel is the product: built, installed with its gui extra in a fresh virtualenv, and used
from a folder with no source tree (tools/smoke.py: version, demo, search, Dutch and English
windows, a Word import).

Slow (a wheel build and a virtualenv of ~300 MB): the dependencies' wheels are kept in a
wheelhouse inside the test virtualenv, so only the first run downloads them from PyPI.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"

# qt: it installs the gui extra in its own virtualenv and opens the app's windows, so the headless
# job (no gui extra) would only run it a second time
pytestmark = [pytest.mark.slow, pytest.mark.qt, pytest.mark.timeout(1800)]


def _tools_bundle() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "tools" / "bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wheel_alone_does_what_a_researcher_does_first(tmp_path: Path) -> None:
    tools = _tools_bundle()
    wheel = tools.build_wheel(tmp_path)
    python = tools.install(tmp_path / "venv", wheel, WHEELHOUSE, fresh=True)
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
    assert "9 passed, 0 failed" in smoke.stdout  # the ninth: an encrypted project
