"""A survey brought in from the window: the preview, then the import on the job runner.

Each survey file of an import gets its preview in turn (``preview_surveys``); Import stores it
off the GUI thread with progress and Cancel (nothing stored when cancelled: the facade stores a
survey in one transaction), then the reader's warnings are shown and the Cases pane shows the
new cases. A file that cannot be imported says why in a dialog and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from fieldkit.core.errors import DuplicateImport, FieldkitError
from fieldkit.core.progress import Progress
from fieldkit.gui.duplicate_question import ask_about_duplicates
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.runner import report_failure, show_status
from fieldkit.gui.survey_preview import SurveyPreview, open_preview

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow
    from fieldkit.operations.surveys import SurveyImport


def is_survey(path: str, kind: str | None) -> bool:
    """Whether the import dialog's ``path`` goes through the survey preview: the kind says
    Survey, or under Recognise automatically the file is one (``importers.is_survey``)."""
    from fieldkit.importers import is_survey as recognised

    if kind == "survey":
        return True  # a file that is no table is refused by its preview, in one line
    if kind not in (None, "auto"):
        return False
    try:
        return recognised(Path(path), "auto")
    except FieldkitError:
        return False  # the ordinary import says what is wrong with it


def preview_surveys(window: MainWindow, paths: list[str], site: str | None,
                    visit: str | None) -> SurveyPreview | None:
    """The preview of the first of ``paths``; when it closes, the next one's. A file that
    cannot be read is refused in a dialog and the next one follows."""
    project = window.project
    if project is None or not paths:
        return None
    path, rest = paths[0], paths[1:]

    def next_one() -> None:
        if rest and window.project is project:
            preview_surveys(window, rest, site, visit)

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        dialog = open_preview(project, path, window)
    except FieldkitError as exc:
        QGuiApplication.restoreOverrideCursor()
        report_failure(window, tr("Import survey"), exc)
        next_one()
        return None
    QGuiApplication.restoreOverrideCursor()

    def chosen() -> None:
        choice = dialog.choice()
        import_survey(window, path, choice["case"], dialog.per, site, visit)

    dialog.accepted.connect(chosen)
    dialog.finished.connect(lambda _r: next_one())
    dialog.open()
    return dialog


def import_survey(window: MainWindow, path: str, case: str | None, per: str,
                  site: str | None, visit: str | None, duplicates: str = "refuse",
                  then: Callable[[SurveyImport | None], None] | None = None) -> None:
    """Store the survey at ``path`` off the GUI thread (one undo step); then its warnings in
    the warnings box and its cases in the Cases pane. A survey already imported asks what to
    do, as any file does."""
    from fieldkit.gui.capture import show_import_warnings

    project = window.project
    if project is None:
        return

    def job(progress: Progress) -> tuple[SurveyImport | None, list[str]]:
        done = project.imports.survey(path, case=case, per=per, site=site, visit=visit,
                                      progress=progress, duplicates=duplicates)
        return done, list(project.imports.warnings)

    def done(result: tuple[SurveyImport | None, list[str]]) -> None:
        stored, warnings = result
        if stored is None:
            show_status(window, ntr("Skipped %Ln file(s) already in the project.", 1))
        else:
            show_status(window, tr("Survey {0} imported: {1}; {2}.").format(
                stored.name, ntr("%Ln respondent(s) as cases", len(stored.cases)),
                ntr("%Ln document(s) to code", len(stored.documents))))
            if window.project is project:  # the new cases, the first one chosen
                panel = window.show_cases()
                if panel is not None and stored.cases:
                    panel.refresh()
                    panel.choose(project.cases.get(stored.cases[0]).name)
        if warnings:
            show_import_warnings(window, warnings)
        if then is not None:
            then(stored)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, DuplicateImport) or window.project is not project:
            report_failure(window, tr("Import survey"), exc)
            return

        def answer(choice: str) -> None:
            if not choice:
                show_status(window, tr("Cancelled; nothing was changed."))
            elif window.project is project:
                import_survey(window, path, case, per, site, visit, choice, then)

        ask_about_duplicates(window, exc, answer)

    window.runner.run(tr("Importing a survey"), job, done, failed=failed)
