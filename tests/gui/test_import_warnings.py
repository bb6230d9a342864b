"""What an import kept but flags reaches the researcher in the window (it reached the command
line only): an ESM table's skipped rows, a subtitle cue's times put right, in English and Dutch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from fieldkit.gui import i18n
from fieldkit.gui.capture import MAX_WARNINGS_SHOWN, show_import_warnings

ESM = ("participant,timestamp,question,answer\n"
       "P01,2024-07-31 13:57,Wat gebeurde er?,De machine viel stil 😀\n"
       ",2024-07-31 14:00,Wat gebeurde er?,x\n")
VTT = ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v Jan>Hallo daar.\n\n"
       "00:00:06.000 --> 00:00:07.000\n<v Piet>Ja.\n")


def warnings_box(window, qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "import-warnings") is not None,
                    timeout=10000)
    box = window.findChild(QMessageBox, "import-warnings")
    assert box.isVisible()
    return box


def test_an_imports_warnings_are_shown_in_the_window(window, qtbot, tmp_path: Path) -> None:
    esm, vtt = tmp_path / "esm.csv", tmp_path / "terug.vtt"
    esm.write_text(ESM, encoding="utf-8")
    vtt.write_text(VTT, encoding="utf-8")
    before = len(window.project.documents())
    window.import_files([str(esm), str(vtt)])
    box = warnings_box(window, qtbot)
    assert box.windowTitle() == "Imported, with warnings"
    assert box.text() == "2 points to note about this import:"
    assert box.informativeText().splitlines() == [
        "esm.csv: 1 row(s) without participant, time or question skipped",
        'terug.vtt: cue 1 ("Hallo daar.") ends before it starts; it ends where it starts']
    assert len(window.project.documents()) == before + 2  # imported all the same
    box.accept()


def test_many_warnings_show_the_first_and_all_under_details(window, qtbot) -> None:
    i18n.install("nl")
    try:
        lines = [f"lang.srt: cue {n} has no timing line" for n in range(1, 31)]
        box = show_import_warnings(window, lines)
        assert box.windowTitle() == "Geïmporteerd, met waarschuwingen"
        assert box.text() == "30 aandachtspunten bij deze import:"
        shown = box.informativeText().splitlines()
        assert shown[:-1] == lines[:MAX_WARNINGS_SHOWN]
        assert shown[-1] == f"… en nog {30 - MAX_WARNINGS_SHOWN}"
        assert box.detailedText().splitlines() == lines
        box.accept()
    finally:
        i18n.install("en")
