"""What the menus open on the whole project: export, check, restore from a backup, the team,
coder agreement, suggested codings and the analysis window.

Each dialog's module is imported when it is first asked for, so the window starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldkit.gui.i18n import tr

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow


def export_dialog(window: MainWindow, kind: str = "docx") -> Any:
    """The export dialog with the command line's options, on ``kind`` to start with."""
    from fieldkit.gui.export_dialog import ExportDialog

    if window.project is None:
        return None
    tab = window.current_tab()
    dialog = ExportDialog(window.project, window.runner, window, kind=kind,
                          document=tab.doc_id if tab is not None else None)
    dialog.open()
    return dialog


def check_project(window: MainWindow) -> None:
    """File → Check the project, off the GUI thread; the problems found (or "All is well")."""
    project = window.project
    if project is None:
        return

    def done(problems: list[Any]) -> None:
        if not problems:
            QMessageBox.information(window, tr("Check"), tr("All is well."))
        else:
            QMessageBox.warning(window, tr("Check"),
                                "\n".join(f"{p.severity}: {p.message}" for p in problems))

    window.runner.run(tr("Checking the project"), project.check, done)


def restore_backup_dialog(window: MainWindow) -> Any:
    """File → Restore from backup…: a backup becomes a new project, offered to open."""
    from fieldkit.gui.backup_dialog import RestoreBackupDialog

    if window.project is None:
        return None
    dialog = RestoreBackupDialog(window.project, window)
    dialog.open_project.connect(window.open_path)
    dialog.open()
    return dialog


def team_dialog(window: MainWindow) -> Any:
    """File → Team…: publish or join; for a replica its status, members and blind sets."""
    from fieldkit.gui.team_dialog import TeamDialog

    dialog = TeamDialog(window)
    dialog.open()
    return dialog


def show_agreement(window: MainWindow) -> None:
    from fieldkit.gui.agreement_dialog import AgreementDialog

    if window.project is not None:
        AgreementDialog(window.project, window).open()


def show_analysis(window: MainWindow) -> Any:
    """The analysis window: code relations, matrices, coding queries, sets and memos."""
    from fieldkit.gui.analysis_window import AnalysisWindow

    if window.project is None:
        return None
    if window.analysis_window is None:
        window.analysis_window = AnalysisWindow(window.project, window)
    window.analysis_window.show()
    window.analysis_window.raise_()
    window.analysis_window.refresh()
    return window.analysis_window


def show_suggestions(window: MainWindow) -> None:
    """The assisted-coding dock (suggested codings to accept or reject)."""
    from fieldkit.gui.suggestions_panel import SuggestionsPanel

    if window.project is None:
        return
    if window.suggestions_dock is None:
        panel = SuggestionsPanel(window.project, window)
        panel.suggestionSelected.connect(lambda d, s, e: _show_suggestion(window, d, s, e))
        window.suggestions_dock = window.dock("suggestions", panel,
                                              Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(window.code_dock, window.suggestions_dock)
        window.suggestions_dock.setWindowTitle(tr("Suggested codings"))
        window.build_menus()  # its entry in View → Panes
    window.suggestions_dock.show()
    window.suggestions_dock.raise_()


def _show_suggestion(window: MainWindow, doc_id: int, start: int, end: int) -> None:
    tab = window.open_document(doc_id)
    if tab is not None and tab.text_view is not None:
        tab.text_view.select_span(start, end)


CASE_TABLES = {"cases", "case_documents", "case_participants", "case_parts", "attributes",
               "documents", "participants"}


def show_cases(window: MainWindow) -> Any:
    """The Cases pane (made when first asked for), beside Material, with the keyboard in it."""
    from fieldkit.gui.cases_panel import CasesPanel

    if window.project is None:
        return None
    if window.cases_dock is None:
        panel = CasesPanel(window)
        panel.chosen_documents = window.navigator.selected_documents
        panel.open_at.connect(window.open_at)
        window.cases_dock = window.dock("cases", panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.tabifyDockWidget(window.nav_dock, window.cases_dock)
        window.cases_dock.setWindowTitle(tr("Cases"))
        window.cases_dock.visibilityChanged.connect(
            lambda seen: panel.refresh_when_seen() if seen and panel.stale else None)
        panel.set_project(window.project)
        window.build_menus()  # its entry in View → Panes
    window.cases_dock.show()
    window.cases_dock.raise_()
    shown = window.cases_dock.widget()
    assert isinstance(shown, CasesPanel)
    panel = shown
    panel.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if not panel.table.currentIndex().isValid() and panel.model.rowCount():
        panel.table.setCurrentIndex(panel.model.index(0, 0))
    return panel


def new_case(window: MainWindow) -> Any:
    """Material's "New case of these documents…": the Cases pane asks for the name."""
    panel = show_cases(window)
    return panel.add_case() if panel is not None else None


def show_sheet(window: MainWindow) -> Any:
    """View → Classification sheet…: cases (or documents) × attributes, editable."""
    from fieldkit.gui.classification_sheet import ClassificationSheet

    if window.project is None:
        return None
    if window.sheet is None:
        window.sheet = ClassificationSheet(window.project, window, undo=window.undo,
                                           redo=window.redo)
    else:
        window.sheet.reload()
    window.sheet.show()
    window.sheet.raise_()
    window.sheet.activateWindow()
    return window.sheet


def import_attributes(window: MainWindow, path: str | None = None) -> Any:
    """File → Import attributes…: a csv or xlsx table onto cases or documents."""
    from fieldkit.gui.attribute_dialog import ask_import, open_import

    if window.project is None:
        return None
    if path is not None:
        return open_import(window.project, path, window)
    return ask_import(window.project, window)


def cases_changed(window: MainWindow, tables: set[str]) -> None:
    """A change set touched cases, attributes or what cases hold: the pane and sheet follow."""
    if not tables & CASE_TABLES:
        return
    if window.cases_dock is not None:
        window.cases_dock.widget().refresh_when_seen()  # type: ignore[attr-defined]
    if window.sheet is not None:
        window.sheet.on_change(tables)


def drop_cases(window: MainWindow) -> None:
    """Another project (or none): the pane follows it, the sheet of the old one closes."""
    if window.sheet is not None:
        window.sheet.close()
        window.sheet.deleteLater()
        window.sheet = None
    if window.cases_dock is not None:
        window.cases_dock.widget().set_project(window.project)  # type: ignore[attr-defined]
