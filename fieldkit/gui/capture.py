"""Bringing material in from the window: quick notes, the import dialog, files dropped on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDropEvent

from fieldkit.core.progress import Progress
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.import_dialog import ImportDialog, local_files
from fieldkit.gui.note_window import NoteWindow
from fieldkit.gui.runner import show_status

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow


def quick_note(window: MainWindow, doc_id: int | None = None) -> NoteWindow | None:
    """A note window in front, ready for typing (a new note, or fieldnote ``doc_id``)."""
    if window.project is None:
        return None
    note = NoteWindow(window.project, window.runner, doc_id)
    notes = window.note_windows
    note.destroyed.connect(lambda *_: notes.remove(note) if note in notes else None)
    notes.append(note)
    note.show()
    note.raise_()
    note.body.setFocus()
    return note


def import_dialog(window: MainWindow, files: list[str] | None = None) -> ImportDialog | None:
    """File → Import files…: the chosen files are imported when the dialog is accepted."""
    if window.project is None:
        return None
    dialog = ImportDialog(window.project, files, window)
    dialog.accepted.connect(lambda: window.import_files(dialog.paths(), **dialog.options()))
    dialog.open()
    return dialog


def import_files(window: MainWindow, paths: list[str], kind: str | None = "auto",
                 site: str | None = None, visit: str | None = None) -> None:
    """Import ``paths`` off the GUI thread; the first new document opens when done."""
    project = window.project
    if project is None or not paths:
        return

    def job(progress: Progress) -> list[int]:
        return [d.id for d in project.imports.files(paths, site=site, visit=visit,
                                                   kind=kind or "auto", progress=progress)]

    def done(doc_ids: list[int]) -> None:
        show_status(window, ntr("Imported %Ln document(s).", len(doc_ids)))
        if doc_ids and window.project is project:
            window.open_document(doc_ids[0])  # the researcher sees what came in

    window.runner.run(tr("Importing"), job, done)


def drop(window: MainWindow, event: QDropEvent) -> None:
    """Files dropped on the window: the import dialog, with them chosen."""
    files = local_files(event)
    event.acceptProposedAction()
    if files:
        QTimer.singleShot(0, window, lambda: window.import_dialog(files))
