"""Run QualCoder's own REFI-QDA project importer, headless, on a ``.qdpx`` and print what it
stored (its sources, text codings, time codings, picture codings, areas of PDF pages, the
files it filed, and the lines of its log that warn): how fieldkit's exports look to a
QualCoder user.

    python tools/qualcoder_import.py QUALCODER_SRC STUDY.qdpx NEW_FOLDER

QUALCODER_SRC is the ``src`` folder of a QualCoder checkout (github.com/ccbogel/QualCoder);
run it with a Python that has PyQt6 (QualCoder's GUI library; not a fieldkit dependency, so
use a virtualenv of its own) and ``QT_QPA_PLATFORM=offscreen``. The optional libraries
QualCoder imports at the top of its modules (pymupdf, vlc, …) are stubbed: the importer does
not call them. The project database is made with the statements of QualCoder's own "new
project" code, read from its ``__main__.py``; the file dialog is answered with STUDY.qdpx and
the closing message box is not shown.
"""

from __future__ import annotations

import builtins
import importlib
import json
import re
import sqlite3
import sys
import types
from pathlib import Path
from typing import Any
from unittest import mock


def _load(src: Path) -> Any:
    """``qualcoder.refi``, with a stub for each missing third-party module it imports."""
    builtins._ = lambda text: text  # type: ignore[attr-defined]  # QualCoder's gettext
    sys.path.insert(0, str(src))
    for _ in range(40):
        try:
            return importlib.import_module("qualcoder.refi")
        except ModuleNotFoundError as exc:
            if not exc.name or exc.name.startswith("qualcoder"):
                raise
            stub = types.ModuleType(exc.name)
            stub.__getattr__ = lambda attr: mock.MagicMock(name=attr)  # type: ignore[method-assign]
            stub.__path__ = []
            sys.modules[exc.name] = stub
            for key in [k for k in sys.modules if k.startswith("qualcoder")]:
                del sys.modules[key]
    raise RuntimeError("QualCoder's modules import too many missing libraries")


def _database(src: Path, folder: Path) -> sqlite3.Connection:
    """A new QualCoder project database, made by the CREATE statements of its __main__.py."""
    for sub in ("documents", "images", "audio", "video"):
        (folder / sub).mkdir(parents=True)
    conn = sqlite3.connect(folder / "data.qda")
    lines = (src / "qualcoder" / "__main__.py").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "CREATE TABLE project (" in line) - 1
    end = next(i for i, line in enumerate(lines)
               if i > start and "self.app.update_coder_names()" in line)
    indent = len(lines[start]) - len(lines[start].lstrip())
    exec("\n".join(line[indent:] for line in lines[start:end]), {"cur": conn.cursor()})
    conn.commit()
    return conn


def main(src: Path, qdpx: Path, folder: Path) -> dict[str, Any]:
    from PyQt6 import QtWidgets

    application = QtWidgets.QApplication([])  # noqa: F841 - QualCoder's dialogs need one
    refi = _load(src)
    conn = _database(src, folder)
    app = types.SimpleNamespace(
        conn=conn, project_path=str(folder), ai_models=[],
        settings={"directory": str(qdpx.parent), "codername": "default", "ai_enable": "False"},
        write_config_ini=lambda *args: None)
    log: list[str] = []
    textedit = types.SimpleNamespace(append=lambda text: log.append(str(text)))
    with mock.patch.object(QtWidgets.QFileDialog, "getOpenFileName",
                           return_value=(str(qdpx), True)), mock.patch.object(refi, "Message"):
        refi.RefiImport(app, textedit, "qdpx")
    cur = conn.cursor()
    return {
        "sources": cur.execute("SELECT id, name, mediapath, length(fulltext) FROM source "
                               "ORDER BY id").fetchall(),
        "code_text": cur.execute("SELECT c.name, t.fid, t.seltext, t.pos0, t.pos1, t.avid, "
                                 "t.memo FROM code_text t JOIN code_name c USING (cid) "
                                 "ORDER BY t.fid, t.pos0").fetchall(),
        "code_av": cur.execute("SELECT c.name, a.id, a.pos0, a.pos1 FROM code_av a "
                               "JOIN code_name c USING (cid) ORDER BY a.id, a.pos0").fetchall(),
        "code_image": cur.execute("SELECT c.name, i.id, i.x1, i.y1, i.width, i.height, i.memo "
                                  "FROM code_image i JOIN code_name c USING (cid)").fetchall(),
        # areas of PDF pages (QualCoder numbers pages from 0), where its schema has them
        "code_pdf": cur.execute("SELECT c.name, i.id, i.pdf_page, i.x1, i.y1, i.width, i.height "
                                "FROM code_image i JOIN code_name c USING (cid) "
                                "WHERE i.pdf_page IS NOT NULL").fetchall()
        if "pdf_page" in {r[1] for r in cur.execute("PRAGMA table_info(code_image)")} else [],
        "files": sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()),
        "warnings": [line for line in log
                     if re.search(r"(?i)error|cannot|duplicat|warn", line)],
    }


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    found = main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print("QUALCODER " + json.dumps(found, ensure_ascii=False))
