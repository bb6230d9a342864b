"""The window's commands: each action's label and keys, what it does, and the menus holding it.

Labels are English source strings, translated (``tr``) each time the menus are labelled, so a
change of language relabels every action and rebuilds the menus in place.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QMessageBox, QWidget

from fieldkit.gui import (
    autocode_dialog,
    code_keys,
    contrast,
    encryption_dialogs,
    settings,
    tab_keys,
    zoom,
)
from fieldkit.gui.i18n import tr
from fieldkit.gui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from fieldkit.gui.text_view import snap_words_on

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

# action name → (label, shortcuts)
ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "new_project": ("&New project…", ("Ctrl+Shift+N",)),
    "open_project": ("&Open project…", ("Ctrl+O",)),
    "import": ("&Import files…", ("Ctrl+I",)),
    "import_attributes": ("Import attrib&utes…", ()),
    "quick_note": ("Quic&k note", ("Ctrl+Alt+N", "F9")),
    "close_tab": ("&Close document", ("Ctrl+W",)),
    "quit": ("&Quit", ("Ctrl+Q",)),
    "undo": ("&Undo", ("Ctrl+Z",)),
    "redo": ("&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    "quick_code": ("&Quick code…", ("Ctrl+K", "Ctrl+Space")),
    "repeat_code": ("&Repeat last code", ("Ctrl+R",)),
    "in_vivo": ("Code &in vivo", ("Ctrl+Shift+V",)),
    "new_code": ("&New code…", ("Ctrl+Shift+K",)),
    "find_code": ("&Find a code", ("Ctrl+Shift+F",)),
    "search": ("&Search", ("Ctrl+F",)),
    "next_tab": ("Next document", ("Ctrl+Tab",)),
    "prev_tab": ("Previous document", ("Ctrl+Shift+Tab",)),
    "show_all_codes": ("Show &all codes", ()),
    "set_coder": ("Set &coder name…", ()),
    "shortcuts": ("&Keyboard shortcuts", ("F1",)),
    "query_help": ("How to write a &query", ()),
    "about": ("&About fieldkit", ()),
    "agreement": ("C&oder agreement…", ()),
    "suggestions": ("Su&ggested codings…", ()),
    "autocode": ("A&uto-code…", ()),
    "segments": ("Coded &segments", ("Ctrl+Shift+S",)),
    "analysis": ("&Analysis: relations, matrices, queries, memos…", ("Ctrl+Shift+A",)),
    "export": ("&Export…", ("Ctrl+E",)),
    "export_docx": ("Coded segments as &Word (.docx)…", ()),
    "export_xlsx": ("Tables as &Excel (.xlsx)…", ()),
    "export_qdpx": ("Project as &REFI-QDA (.qdpx)…", ()),
    "check": ("C&heck the project", ()),
    "team": ("&Team…", ()),
    "sync_now": ("S&ync now", ("F5",)),
    "restore_backup": ("Restore from &backup…", ()),
    "encrypt": ("Encry&pt…", ()),  # shown instead of Change &passphrase…: one p between them
    "change_passphrase": ("Change &passphrase…", ()),
    "reset_layout": ("&Reset layout", ()),
    "zoom_in": ("Zoom &in", ("Ctrl++", "Ctrl+=")),
    "zoom_out": ("Zoom &out", ("Ctrl+-",)),
    "zoom_reset": ("Actual si&ze", ("Ctrl+0",)),
    "high_contrast": ("&High contrast", ("Ctrl+Shift+H",)),
    "snap_words": ("Snap selections to whole &words", ()),
    "focus_material": ("Go to &Material", ("Alt+1",)),
    "focus_codebook": ("Go to the &codebook", ("Alt+2",)),
    "focus_search": ("Go to the search bo&x", ("Alt+3",)),
    "focus_document": ("Go to the &document", ("Alt+4",)),
    "focus_cases": ("Go to the cas&es", ("Alt+5",)),
    "sheet": ("Classifica&tion sheet…", ()),
}


EVERYWHERE = ("quick_note", "shortcuts")  # actions whose keys work in every window of the app


def create_actions(window: MainWindow) -> dict[str, QAction]:
    """One action per entry of ``ACTIONS``, with its keys, added to the window (unlabelled:
    ``label_actions`` names them in the current language)."""
    actions: dict[str, QAction] = {}
    for name, (_label, keys) in ACTIONS.items():
        action = QAction(window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # a quick note is two keystrokes away from anywhere in the app, and the list of keys
        # one (F1 in the Analysis window or a note window too), not only from this window
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut
                                  if name in EVERYWHERE else Qt.ShortcutContext.WindowShortcut)
        actions[name] = action
        window.addAction(action)
    return actions


def create_code_key_actions(window: MainWindow) -> list[QAction]:
    """Ctrl+1 … Ctrl+9: each codes the selection with the code that has that key."""
    found = []
    for key in code_keys.CODE_KEYS:
        action = QAction(window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, k=key: window.apply_key(k))
        window.addAction(action)
        found.append(action)
    return found


def connect_actions(window: MainWindow) -> None:
    """What each action does."""
    a, w = window.actions_, window
    a["new_project"].triggered.connect(w.new_project_dialog)
    a["open_project"].triggered.connect(w.open_project_dialog)
    a["import"].triggered.connect(lambda: w.import_dialog())
    a["import_attributes"].triggered.connect(lambda: w.import_attributes())
    a["quick_note"].triggered.connect(lambda: w.quick_note())
    a["close_tab"].triggered.connect(lambda: w.close_tab(w.tabs.currentIndex()))
    a["quit"].triggered.connect(w.close)
    a["undo"].triggered.connect(w.undo)
    a["redo"].triggered.connect(w.redo)
    a["quick_code"].triggered.connect(w.coding.quick_code)
    a["repeat_code"].triggered.connect(w.coding.repeat_last)
    a["in_vivo"].triggered.connect(w.coding.in_vivo)
    a["new_code"].triggered.connect(lambda: w.coding.new_code(None))
    a["find_code"].triggered.connect(w.find_code)
    a["search"].triggered.connect(w.focus_search)
    a["next_tab"].triggered.connect(lambda: w.step_tab(1))
    a["prev_tab"].triggered.connect(lambda: w.step_tab(-1))
    a["show_all_codes"].triggered.connect(w.codebook.show_all)
    a["set_coder"].triggered.connect(w.set_coder_dialog)
    a["shortcuts"].triggered.connect(w.show_shortcuts)
    a["query_help"].triggered.connect(w.search.show_help)
    a["about"].triggered.connect(lambda: about(w))
    a["agreement"].triggered.connect(w.show_agreement)
    a["suggestions"].triggered.connect(w.show_suggestions)
    a["autocode"].triggered.connect(lambda: autocode_dialog.open_dialog(w))
    a["segments"].triggered.connect(lambda: w.show_segments())
    a["analysis"].triggered.connect(lambda: w.show_analysis())
    a["export"].triggered.connect(lambda: w.export_dialog())
    a["export_docx"].triggered.connect(lambda: w.export_dialog("docx"))
    a["export_xlsx"].triggered.connect(lambda: w.export_dialog("xlsx"))
    a["export_qdpx"].triggered.connect(lambda: w.export_dialog("qdpx"))
    a["check"].triggered.connect(w.check_project)
    a["team"].triggered.connect(w.team_dialog)
    a["sync_now"].triggered.connect(w.sync_now)
    a["restore_backup"].triggered.connect(w.restore_backup_dialog)
    a["encrypt"].triggered.connect(lambda: encryption_dialogs.encrypt_project(w))
    a["change_passphrase"].triggered.connect(lambda: encryption_dialogs.change_passphrase(w))
    a["reset_layout"].triggered.connect(w.reset_layout)
    a["zoom_in"].triggered.connect(zoom.zoom_in)
    a["zoom_out"].triggered.connect(zoom.zoom_out)
    a["zoom_reset"].triggered.connect(zoom.reset)
    a["high_contrast"].setCheckable(True)
    a["high_contrast"].setChecked(contrast.active())
    a["high_contrast"].toggled.connect(w.set_high_contrast)
    a["snap_words"].setCheckable(True)
    a["snap_words"].setChecked(snap_words_on())
    a["snap_words"].toggled.connect(
        lambda on: settings.put("coding/snap_words", "true" if on else "false"))
    a["focus_material"].triggered.connect(lambda: w.focus_pane(w.nav_dock))
    a["focus_codebook"].triggered.connect(lambda: w.focus_pane(w.code_dock))
    a["focus_search"].triggered.connect(w.focus_search)
    a["focus_document"].triggered.connect(w.focus_document)
    a["focus_cases"].triggered.connect(lambda: w.show_cases())
    a["sheet"].triggered.connect(lambda: w.show_sheet())


def label_actions(window: MainWindow) -> None:
    """Every action's label in the current language."""
    for name, (label, _keys) in ACTIONS.items():
        window.actions_[name].setText(tr(label))


def build_menus(window: MainWindow) -> None:
    """The menu bar, built afresh: in the current language, with the recent projects, the
    project's coders and the panes there are now."""
    bar = window.menuBar()
    # the old menus belong to the bar: without this each rebuild (language, coders) leaves
    # a hidden set of menus behind in the old language
    for old in bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
        old.setParent(None)  # type: ignore[call-overload]
        old.deleteLater()
    bar.clear()
    _file_menu(window, bar)
    _edit_menu(window, bar)
    _coding_menu(window, bar)
    _view_menu(window, bar)
    _help_menu(window, bar)


def _add(menu: QMenu, actions: dict[str, QAction], *names: str) -> None:
    """The named actions in this order ("-": a separator)."""
    for name in names:
        if name == "-":
            menu.addSeparator()
        else:
            menu.addAction(actions[name])


def _file_menu(window: MainWindow, bar: QMenuBar) -> None:
    a = window.actions_
    m = bar.addMenu(tr("&File"))
    _add(m, a, "new_project", "open_project")
    recent = m.addMenu(tr("Open &recent"))
    for path in settings.recent_projects():
        recent.addAction(Path(path).name, partial(window.open_path, path)).setToolTip(path)
    recent.setEnabled(bool(recent.actions()))
    _add(m, a, "-", "quick_note", "import", "import_attributes", "export")
    _add(m.addMenu(tr("Export &as")), a, "export_docx", "export_xlsx", "export_qdpx")
    project = window.project
    encrypted = project is not None and encryption_dialogs.encryption.is_encrypted(project.path)
    a["encrypt"].setEnabled(project is not None and not project.readonly and not encrypted)
    a["change_passphrase"].setEnabled(encrypted)
    _add(m, a, "-", "team", "sync_now", "-", "check", "restore_backup",
         "encrypt" if not encrypted else "change_passphrase", "close_tab", "quit")


def _edit_menu(window: MainWindow, bar: QMenuBar) -> None:
    _add(bar.addMenu(tr("&Edit")), window.actions_, "undo", "redo", "-", "set_coder")


def _coding_menu(window: MainWindow, bar: QMenuBar) -> None:
    _add(bar.addMenu(tr("&Coding")), window.actions_,
         "quick_code", "repeat_code", "in_vivo", "new_code", "find_code", "snap_words", "-",
         "segments", "agreement", "suggestions", "autocode", "analysis")


def _view_menu(window: MainWindow, bar: QMenuBar) -> None:
    a = window.actions_
    m = bar.addMenu(tr("&View"))
    _add(m, a, "search", "show_all_codes", "sheet")
    _coders_menu(window, m.addMenu(tr("Show codings &by")))
    m.addSeparator()
    panes = m.addMenu(tr("&Panes"))
    for dock in window.all_docks():
        panes.addAction(dock.toggleViewAction())
    if window.suggestions_dock is None and window.project is not None:
        panes.addAction(tr("Suggested codings"), window.show_suggestions)
    if window.cases_dock is None and window.project is not None:
        panes.addAction(tr("Cases"), window.show_cases)
    _add(m, a, "reset_layout", "zoom_in", "zoom_out", "zoom_reset", "high_contrast", "-",
         "focus_material", "focus_codebook", "focus_search", "focus_document", "focus_cases",
         "next_tab", "prev_tab")
    _language_menu(window, m.addMenu(tr("&Language")))


def _coders_menu(window: MainWindow, coders: QMenu) -> None:
    """View → Show codings by: everyone's, or one coder's only."""
    group = QActionGroup(coders)
    everyone = coders.addAction(tr("Every coder"), lambda: window.set_coder_filter(None))
    everyone.setCheckable(True)
    everyone.setChecked(window.coder_filter is None)
    group.addAction(everyone)
    if window.project is not None:
        for coder in window.project.coders():
            act = coders.addAction(coder.name, partial(window.set_coder_filter, coder.name))
            act.setCheckable(True)
            act.setChecked(window.coder_filter == coder.name)
            group.addAction(act)


def _language_menu(window: MainWindow, lang: QMenu) -> None:
    chosen = settings.get("language") or ""
    for code, label in (("", tr("Follow the system")), ("en", "English"),
                        ("nl", "Nederlands")):
        act = lang.addAction(label, partial(window.set_language, code or None))
        act.setCheckable(True)
        act.setChecked(chosen == code)


def _help_menu(window: MainWindow, bar: QMenuBar) -> None:
    _add(bar.addMenu(tr("&Help")), window.actions_, "shortcuts", "query_help", "about")


def show_shortcuts(window: MainWindow) -> ShortcutsDialog:
    """Help → Keyboard shortcuts: every action with a key, then the codes' own keys."""
    rows = shortcut_rows([(tr(ACTIONS[name][0]), action)
                          for name, action in window.actions_.items()])
    rows += code_keys.shortcut_rows(window)
    rows.append((tr("Insert the time (quick note)"), "Ctrl+T"))
    # keys no action carries: moving through the window without a mouse
    rows.append((tr("Next control (Shift+Tab: the one before)"), "Tab"))
    rows.append((tr("Move inside a list, tree or table"), tr("Arrow keys")))
    rows.append((tr("Context menu"), "Shift+F10, Menu"))
    from fieldkit.gui import network_keys  # the canvas's module only when the list is shown

    rows += tab_keys.shortcut_rows()
    rows += network_keys.shortcut_rows()  # the network canvas of the Analysis window
    # over the window F1 was pressed in (the Analysis window, a note window), else this one
    here = QApplication.activeWindow()
    owner = here if here is not None and _ours(here, window) else window
    dialog = ShortcutsDialog(rows, owner)
    dialog.open()
    return dialog


def _ours(widget: QWidget | None, window: MainWindow) -> bool:
    """Whether ``widget`` is ``window``, a window it owns (the Analysis window) or one of its
    note windows (which have no owner, so closing the main window leaves them open)."""
    while widget is not None:
        if widget is window or widget in window.note_windows:
            return True
        widget = widget.parentWidget()
    return False


def about(window: MainWindow) -> None:
    from fieldkit import __version__

    QMessageBox.about(window, tr("About fieldkit"),
                      f"<b>fieldkit {__version__}</b><br>"
                      + tr("Qualitative field research on the shop floor."))
