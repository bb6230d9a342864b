"""The welcome window: what ``fieldkit gui`` shows when no project is named.

Five ways in, in the order a newcomer needs them: the demo study (built on first use in the
platform's data folder), a new project, an existing project folder, joining a team's shared
project (File → Team…'s join form), and the recent projects.
Choosing one emits ``chosen`` with the open project; the app then shows the main window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit import places
from fieldkit.core.progress import Progress
from fieldkit.gui import settings, style
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import tr
from fieldkit.gui.project_choice import ask_new_project, ask_open_project, open_project
from fieldkit.gui.runner import JobRunner
from fieldkit.project import Project

PATH_ROLE = Qt.ItemDataRole.UserRole


class WelcomeWindow(QWidget):
    """First screen of the app when no project was given."""

    chosen = Signal(object)  # the opened Project
    project: Project | None = None  # none yet: the team dialog offers only joining

    def __init__(self, demo_path: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("welcome")
        self.setWindowIcon(style.app_icon())
        self.demo_path = demo_path or places.demo_project()
        self.runner = JobRunner(self)

        self.heading = QLabel()
        self.heading.setObjectName("welcomeHeading")  # its size: ``zoom.sheet_for``
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.demo_button = QPushButton()
        self.demo_button.setDefault(True)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.join_button = QPushButton()
        self.join_button.clicked.connect(self.join_team)
        self.demo_button.clicked.connect(self.open_demo)
        self.new_button.clicked.connect(self.new_project)
        self.open_button.clicked.connect(self.open_folder)
        self.recent_label = QLabel()
        self.recent = QListWidget()
        speak_as(self.recent, "Recent projects")
        self.recent.itemActivated.connect(self._open_recent)
        self.no_recent = QLabel()
        # where the demo lives (a data folder a researcher would not find by themselves)
        self.demo_where = QLabel()
        self.demo_where.setObjectName("hint")
        self.demo_where.setWordWrap(True)
        self.demo_where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_demo_folder = QPushButton()
        self.show_demo_folder.clicked.connect(self.show_demo_in_folder)

        buttons = QHBoxLayout()
        for button in (self.demo_button, self.new_button, self.open_button, self.join_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        where = QHBoxLayout()
        where.addWidget(self.demo_where, 1)
        where.addWidget(self.show_demo_folder)
        layout.addLayout(where)
        layout.addSpacing(8)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        layout.addWidget(self.no_recent)
        layout.addStretch()  # takes the room of the list while there is none
        self.fill_recent()
        self.retranslate()
        self.resize(640, 460)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Welcome to fieldkit"))
        self.heading.setText(tr("Welcome to fieldkit"))
        self.intro.setText(tr(
            "Code fieldnotes, interviews, photos and experience-sampling answers against one "
            "codebook, search them and report in Word, all on this computer. Look around in "
            "the demo study first, or start a project of your own."))
        demo_ready = (self.demo_path / "project.sqlite").exists()
        self.demo_button.setText(tr("Open the &demo study") if demo_ready
                                 else tr("Build and open the &demo study"))
        self.new_button.setText(tr("&New project…"))
        self.open_button.setText(tr("&Open a project…"))
        self.join_button.setText(tr("Join a &team…"))
        self.recent_label.setText(tr("Recent projects"))
        self.demo_where.setText(tr("The demo study is kept in {0}").format(self.demo_path))
        self.show_demo_folder.setText(tr("Show in folder"))
        self.show_demo_folder.setEnabled(self.demo_path.parent.is_dir())
        self.no_recent.setText(tr("No recent projects yet."))

    def fill_recent(self) -> None:
        self.recent.clear()
        for path in settings.recent_projects():
            item = QListWidgetItem(f"{Path(path).name}    {Path(path).parent}")
            item.setData(PATH_ROLE, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        if has_recent:
            self.recent.setCurrentRow(0)

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.open_path(str(item.data(PATH_ROLE)))

    def open_path(self, path: str) -> None:
        project = open_project(self, path)
        if project is not None:
            self.chosen.emit(project)

    def new_project(self) -> None:
        project = ask_new_project(self)
        if project is not None:
            self.chosen.emit(project)

    def join_team(self) -> Any:
        """The team dialog's join form; the joined copy opens like any chosen project."""
        from fieldkit.gui.team_dialog import TeamDialog

        dialog = TeamDialog(self)
        dialog.open()
        return dialog

    def set_project(self, project: Project) -> None:
        """Where the team dialog puts the project it joined."""
        self.chosen.emit(project)

    def open_folder(self) -> None:
        project = ask_open_project(self)
        if project is not None:
            self.chosen.emit(project)

    def show_demo_in_folder(self) -> bool:
        """Open the file manager on the folder that holds the demo study."""
        folder = self.demo_path.parent
        return folder.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def open_demo(self) -> None:
        """Open the demo study, building it first (in the background, with progress) if needed."""
        if (self.demo_path / "project.sqlite").exists():
            self.open_path(str(self.demo_path))
            return
        target = self.demo_path

        def build(progress: Progress) -> Project:
            from fieldkit.demobuild import build_demo

            target.parent.mkdir(parents=True, exist_ok=True)
            return build_demo(target, "small", progress=progress)

        self.runner.run(tr("Building the demo study"), build, self.chosen.emit)
