"""The command line needs no Qt: a researcher's first round trip (help, new, note, code, search,
export, check) loads neither PySide6 nor ``fieldkit.gui``. It runs in both jobs of
``make test``; in the headless one (no gui extra) ``fieldkit gui`` also says in one line how to
get the app."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

HAS_QT = importlib.util.find_spec("PySide6") is not None

# Runs the command line in this interpreter, then reports what it imported of Qt and the GUI.
CLI = """
import json, sys
from fieldkit.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:  # argparse's --help
    code = exit.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")
                or m == "fieldkit.gui" or m.startswith("fieldkit.gui."))
print(json.dumps(loaded), file=sys.stderr)
raise SystemExit(code)
"""


def fieldkit(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", CLI, *args],
                          capture_output=True, text=True, timeout=300)
    *errors, loaded = done.stderr.splitlines()
    assert done.returncode == 0, done.stderr
    assert json.loads(loaded) == [], f"fieldkit {args[0]} loaded {loaded}"
    return done.stdout


def test_a_command_line_round_trip_loads_no_qt(tmp_path: Path) -> None:
    assert "search" in fieldkit("--help")
    study = str(tmp_path / "Studie.fieldkit")
    fieldkit("new", study, "--language", "nl")
    text = "09:14 Jan laat Piet zien hoe de kantbank werkt. Coördinatie 👍 via WhatsApp."
    fieldkit("-p", study, "note", "--site", "Metaalbewerking Oost", "--visit", "2026-03-02",
             "--title", "Eerste bezoek", "--text", text)
    fieldkit("-p", study, "codebook", "add", "Leren/Collega helpt")
    start = text.index("Jan")
    end = text.index(".", start)
    fieldkit("-p", study, "code", "1", str(start), str(end), "Leren/Collega helpt")
    [coding] = json.loads(fieldkit("-p", study, "codings", "--json"))
    assert (coding["start"], coding["end"]) == (start, end)
    hits = json.loads(fieldkit("-p", study, "search", "coordinatie", "--json"))["hits"]
    assert [(h["start"], h["end"]) for h in hits] == [(text.index("Coördinatie"),
                                                       text.index(" 👍"))]
    fieldkit("-p", study, "export", "qdpx", str(tmp_path / "studie.qdpx"))
    fieldkit("-p", study, "export", "docx", str(tmp_path / "segmenten.docx"))
    assert (tmp_path / "studie.qdpx").stat().st_size > 0
    assert (tmp_path / "segmenten.docx").stat().st_size > 0
    fieldkit("-p", study, "check")


@pytest.mark.skipif(HAS_QT, reason="PySide6 is installed here (the headless job has none)")
def test_without_the_gui_extra_the_app_says_how_to_get_it(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "fieldkit", "gui", "--screenshot",
                           str(tmp_path / "w.png")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "The desktop app needs PySide6: pip install 'fieldkit[gui]'.\n"
    assert not (tmp_path / "w.png").exists()
