"""Bringing material in from the window: quick notes, the import dialog, files dropped on it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from fieldkit.core.errors import DuplicateImport, PasswordNeeded
from fieldkit.core.progress import Progress
from fieldkit.gui.duplicate_question import ask_about_duplicates
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.import_dialog import ImportDialog, local_files
from fieldkit.gui.note_window import NoteWindow
from fieldkit.gui.runner import report_failure, show_status

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

    def chosen() -> None:
        options = dialog.options()
        kind, site, visit = options["kind"], options["site"], options["visit"]
        from fieldkit.gui import survey_import  # pandas and the sheet readers: when importing

        surveys = [p for p in dialog.paths() if survey_import.is_survey(p, kind)]
        others = [p for p in dialog.paths() if p not in surveys]
        if others:
            window.import_files(others, kind, site, visit)
        if surveys:  # each survey is previewed before it is imported
            survey_import.preview_surveys(window, surveys, site, visit)

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def import_files(window: MainWindow, paths: list[str], kind: str | None = "auto",
                 site: str | None = None, visit: str | None = None,
                 duplicates: str = "refuse", password: str | None = None) -> None:
    """Import ``paths`` off the GUI thread; the first new document opens when done.

    Files already in the project stop the import before anything is stored, and the researcher
    is asked once for the whole batch: skip them, import them again, or cancel. An encrypted
    PDF stops it too: its password is asked (again, saying so, when the one typed was wrong)."""
    project = window.project
    if project is None or not paths:
        return

    def job(progress: Progress) -> tuple[list[int], int, list[str]]:
        docs = project.imports.files(paths, site=site, visit=visit, kind=kind or "auto",
                                     progress=progress, duplicates=duplicates,
                                     password=password)
        return [d.id for d in docs], len(project.imports.skipped), list(project.imports.warnings)

    def done(result: tuple[list[int], int, list[str]]) -> None:
        doc_ids, skipped, warnings = result
        message = ntr("Imported %Ln document(s).", len(doc_ids))
        if skipped:
            message += " " + ntr("Skipped %Ln file(s) already in the project.", skipped)
        show_status(window, message)
        if doc_ids and window.project is project:
            window.open_document(doc_ids[0])  # the researcher sees what came in
        if warnings:
            show_import_warnings(window, warnings)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, PasswordNeeded) and window.project is project:
            typed = ask_password(window, paths, exc.wrong)
            if typed is None:
                show_status(window, tr("Cancelled; nothing was changed."))
            else:
                import_files(window, paths, kind, site, visit, duplicates, typed)
            return
        if not isinstance(exc, DuplicateImport) or window.project is not project:
            report_failure(window, tr("Importing"), exc)
            return

        def answer(choice: str) -> None:
            if not choice:
                show_status(window, tr("Cancelled; nothing was changed."))
            elif window.project is project:
                import_files(window, paths, kind, site, visit, choice)

        ask_about_duplicates(window, exc, answer)

    window.runner.run(tr("Importing"), job, done, failed=failed)


def ask_password(window: MainWindow, paths: list[str], wrong: bool) -> str | None:
    """The password of the encrypted PDF being imported (None when cancelled)."""
    pdfs = [Path(p).name for p in paths if p.lower().endswith(".pdf")]
    label = tr("{0} is protected by a password. Type it to import the PDF:").format(
        pdfs[0] if len(pdfs) == 1 else tr("This PDF"))
    if wrong:
        label = tr("That password is wrong.") + "\n" + label
    typed, ok = QInputDialog.getText(window, tr("Password"), label, QLineEdit.EchoMode.Password)
    return typed if ok and typed else None


def attach_recording_dialog(window: MainWindow, transcript_id: int) -> None:
    """Material → Attach recording… on a transcript: choose the recording's file."""
    from fieldkit.importers.recording import EXTENSIONS

    patterns = " ".join(f"*{e}" for e in EXTENSIONS)
    path, _ = QFileDialog.getOpenFileName(window, tr("Attach recording"), "",
                                          f"{tr('Recordings')} ({patterns})")
    if path:
        attach_recording(window, transcript_id, path)


def attach_recording(window: MainWindow, transcript_id: int, path: str) -> None:
    """Give a transcript its recording off the GUI thread (one undo step); the transcript
    opens again with its player."""
    project = window.project
    if project is None:
        return

    def job(progress: Progress) -> list[str]:
        project.recordings.attach(path, transcript_id)
        return list(project.imports.warnings)

    def done(warnings: list[str]) -> None:
        show_status(window, tr("Attached {0}.").format(Path(path).name))
        if window.project is project:
            window.open_document(transcript_id)
        if warnings:
            show_import_warnings(window, warnings)

    window.runner.run(tr("Attaching a recording"), job, done,
                      failed=lambda exc: report_failure(window, tr("Attaching a recording"),
                                                        exc))


MAX_WARNINGS_SHOWN = 12  # in the box itself; every one is under "Show Details…"


def show_import_warnings(window: MainWindow, warnings: list[str]) -> QMessageBox:
    """What an import kept but flags (rows skipped, times put right, a transcript left out), in
    a box that does not hold up the window: the first lines, and all under Details."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Imported, with warnings"),
                      ntr("%Ln point(s) to note about this import:", len(warnings)),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("import-warnings")
    shown = warnings[:MAX_WARNINGS_SHOWN]
    more = len(warnings) - len(shown)
    box.setInformativeText("\n".join(shown) + (
        "\n" + tr("… and {0} more").format(more) if more else ""))
    if more:
        box.setDetailedText("\n".join(warnings))
    box.open()
    return box


def drop(window: MainWindow, event: QDropEvent) -> None:
    """Files dropped on the window: the import dialog, with them chosen."""
    files = local_files(event)
    event.acceptProposedAction()
    if files:
        QTimer.singleShot(0, window, lambda: window.import_dialog(files))
