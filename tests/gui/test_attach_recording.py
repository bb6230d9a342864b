"""Material → Attach recording… on a transcript that came without its recording (issue 26)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog

from fieldkit.demo.sound import write_recording
from fieldkit.gui import i18n


def select(nav, title: str) -> None:
    nav.tabs.setCurrentIndex(1)  # the flat list
    rows = {nav.proxy.index(r, 0).data(): r for r in range(nav.proxy.rowCount())}
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | \
        QItemSelectionModel.SelectionFlag.Rows
    nav.table.selectionModel().select(nav.proxy.index(rows[title], 0), flags)


def test_attach_a_recording_to_a_transcript_from_material(
        window, qtbot, tmp_path: Path, monkeypatch) -> None:
    project = window.project
    transcript = next(d for d in project.documents() if d.kind == "transcript")
    nav = window.navigator
    select(nav, transcript.title)
    attach = nav.context_menu().actions()[-1]
    assert (attach.text(), attach.isEnabled()) == ("Attach recording…", True)
    recording = write_recording(tmp_path / "kees.m4a", 2.0)
    asked: list[str] = []

    def choose(parent, title, folder, patterns):  # type: ignore[no-untyped-def]
        asked.append(patterns)
        return str(recording), patterns

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    attach.trigger()
    qtbot.waitUntil(lambda: project.recordings.has_recording(transcript.id), timeout=10000)
    assert asked and "*.m4a" in asked[0] and "*.mp4" in asked[0]
    qtbot.waitUntil(lambda: "Attached kees.m4a." in window.statusBar().currentMessage(),
                    timeout=5000)
    window.refresh_panels()
    select(nav, transcript.title)
    assert not nav.context_menu().actions()[-1].isEnabled()  # it has its recording now
    project.undo()
    assert not project.recordings.has_recording(transcript.id)


def test_the_entry_is_dutch_and_only_for_a_lone_transcript(window) -> None:
    nav = window.navigator
    note = next(d for d in window.project.documents() if d.kind != "transcript")
    select(nav, note.title)
    assert not nav.context_menu().actions()[-1].isEnabled()
    i18n.install("nl")
    try:
        assert nav.context_menu().actions()[-1].text() == "Opname koppelen…"
    finally:
        i18n.install("en")
