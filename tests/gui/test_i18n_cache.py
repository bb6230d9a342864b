"""The compiled translations in the user's cache are never rewritten in place.

A QTranslator maps its .qm file into memory; when a second fieldkit (or a test run in another
checkout) rewrote that file in place, the first process died with SIGBUS. The cache is now keyed
by the sources' contents and written under a temporary name, then renamed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldkit.gui import i18n


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ts_dir = tmp_path / "i18n"
    ts_dir.mkdir()
    for ts in i18n.ts_files("nl"):
        shutil.copy(ts, ts_dir / ts.name)
    monkeypatch.setattr(i18n, "TS_DIR", ts_dir)
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")
    return ts_dir


def test_same_sources_reuse_the_same_file_untouched(sources: Path) -> None:
    first = i18n.compiled("nl")
    if first is None:
        pytest.fail("no lrelease found: PySide6 ships one")
    inode, mtime = first.stat().st_ino, first.stat().st_mtime_ns
    (sources / "fieldkit_nl.ts").touch()  # a newer mtime alone does not recompile
    again = i18n.compiled("nl")
    assert again == first
    assert (again.stat().st_ino, again.stat().st_mtime_ns) == (inode, mtime)


def test_changed_sources_compile_beside_not_over(sources: Path) -> None:
    first = i18n.compiled("nl")
    assert first is not None
    before = first.read_bytes()
    main = sources / "fieldkit_nl.ts"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "</TS>", "<context><name>fieldkit</name><message><source>Zzz test</source>"
        "<translation>Zzz toets</translation></message></context></TS>"), encoding="utf-8")
    second = i18n.compiled("nl")
    assert second is not None and second != first
    assert first.read_bytes() == before  # the file another process may have mapped is intact
    assert not list(second.parent.glob("*.part"))
