"""A writer killed with SIGKILL in the middle of an import loses nothing committed before."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from fieldkit import Project

IMPORTER = r"""
import sys, time
from pathlib import Path
from fieldkit import Project
from fieldkit.core.progress import Progress

folder, marker = Path(sys.argv[1]), Path(sys.argv[2])
files = sorted(Path(sys.argv[3]).glob("*.txt"))

def report(done, total, message):
    if message.startswith("Stored") and done > total * 3 // 4:
        marker.write_text("storing")   # half the documents are inside the open transaction
        time.sleep(60)

with Project.open(folder) as p:
    p.imports.files(files, site="Bakkerij", progress=Progress(report))
"""


def test_kill_during_import_leaves_no_half_imported_documents(tmp_path: Path) -> None:
    folder = tmp_path / "S.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="Bakkerij", title="Voor de import", text="Dit blijft bewaard.")
    texts = tmp_path / "in"
    texts.mkdir()
    for i in range(20):
        (texts / f"{i:02}.txt").write_text(f"Interviewer: vraag {i}\nSanne: antwoord {i} ✓\n")
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(folder), str(marker),
                              str(texts)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the importer ended before it was killed"
            assert time.monotonic() < deadline, "the importer never reached the storing phase"
            time.sleep(0.05)
        child.kill()  # SIGKILL (TerminateProcess on Windows)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
    with Project.open(folder) as p:  # the lock died with the process
        assert [d.title for d in p.documents()] == ["Voor de import"]
        # the killed import's originals: listed as unused, removed on request
        assert {q.severity for q in p.check()} <= {"warning"}
        p.remove_unused_media()
        assert p.check() == []
