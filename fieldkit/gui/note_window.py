"""The quick note window: field jottings saved continuously, with photos and captions.

The note becomes a fieldnote document on the first keystroke and is written to the project at
most one second after any change (and when the window closes), each write one SQLite commit:
quitting, a crash or pulling the power loses at most the last second of typing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import DuplicateImport, FieldkitError
from fieldkit.core.progress import Progress
from fieldkit.gui import folders, settings, style
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.duplicate_question import ask_about_duplicates
from fieldkit.gui.i18n import tr
from fieldkit.gui.runner import JobRunner, report_failure
from fieldkit.project import Project

SAVE_WITHIN_MS = 1000
PHOTO_FILTER = "Photos (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC)"
PHOTO_EXTS = {".jpg", ".jpeg", ".png", ".heic", ".heif"}


class NoteWindow(QWidget):
    """A separate window; ``saved(doc_id)`` after each write."""

    saved = Signal(int)

    def __init__(self, project: Project, runner: JobRunner, doc_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowIcon(style.app_icon())
        self.project = project
        self.runner = runner
        self.doc_id = doc_id
        self.resize(620, 640)
        self.site = QComboBox()
        self.site.setEditable(True)
        self.site.addItems([s.name for s in project.sites()])
        self.visit = QDateEdit()
        speak_as(self.visit, "Visit date")
        self.visit.setCalendarPopup(True)
        self.visit.setDisplayFormat("yyyy-MM-dd")
        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)  # Tab goes on to the buttons, not into the note
        self.body.setObjectName("noteText")  # a point larger than the panes: ``zoom``
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.time_button = QPushButton()
        self.time_button.clicked.connect(self.insert_time)
        self.photo_button = QPushButton()
        self.photo_button.clicked.connect(self.attach_photos_dialog)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.attach_folder_dialog)
        self.photos = QListWidget()
        speak_as(self.photos, "Attached photos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(96, 96))
        self.photos.setFixedHeight(140)
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.setEditTriggers(QListWidget.EditTrigger.DoubleClicked
                                    | QListWidget.EditTrigger.EditKeyPressed)
        self.photos.itemChanged.connect(self._caption_changed)

        form = QFormLayout()
        self.site_label, self.visit_label, self.title_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.site_label, self.site)
        form.addRow(self.visit_label, self.visit)
        form.addRow(self.title_label, self.title)
        buttons = QHBoxLayout()
        buttons.addWidget(self.time_button)
        buttons.addStretch(1)
        buttons.addWidget(self.photo_button)
        buttons.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.photos)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_WITHIN_MS)
        self._timer.timeout.connect(self.save)
        self._loading = False
        self._saved_text = ""
        self._saved_title = ""
        self._may_edit = False  # the team's edit lock was asked for (a shared note)
        self.body.textChanged.connect(self._text_edited)
        self.title.textChanged.connect(self._edited)
        QShortcut(QKeySequence("Ctrl+T"), self, self.insert_time)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence("Escape"), self, self.close)
        self.retranslate()
        self._load()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Quick note") + f" — {self.project.name}")
        self.site_label.setText(tr("Site"))
        self.visit_label.setText(tr("Visit"))
        self.title_label.setText(tr("Title"))
        self.body.setPlaceholderText(tr("Jot down what you see. Ctrl+T inserts the time."))
        self.time_button.setText(tr("Insert time (Ctrl+T)"))
        self.photo_button.setText(tr("Attach photos…"))
        self.folder_button.setText(tr("Photos from a folder or camera card…"))

    def _load(self) -> None:
        self._loading = True
        if self.doc_id is not None:
            doc = self.project.document(self.doc_id)
            self.title.setText(doc.title)
            self.body.setPlainText(doc.text)
            if doc.site_id is not None:
                self.site.setCurrentText(self.project.site(doc.site_id).name)
            if doc.visit_id is not None:
                self.visit.setDate(QDate.fromString(self.project.visit(doc.visit_id).date,
                                                    "yyyy-MM-dd"))
            self._saved_text, self._saved_title = doc.text, doc.title
            self.status.setText(tr("Saved."))
        else:
            last_site = settings.get("note/site", "")
            self.site.setCurrentText(str(last_site) if last_site else
                                     (self.site.itemText(0) if self.site.count() else ""))
            last_visit = QDate.fromString(str(settings.get("note/visit", "")), "yyyy-MM-dd")
            today = QDate.currentDate()
            # a visit continues on the same day; another day is a new visit
            self.visit.setDate(last_visit if last_visit.isValid() and last_visit == today
                               else today)
            now = datetime.now().strftime("%Y-%m-%d %H:%M")
            self.title.setText(tr("Fieldnote {0}").format(now))
            self._saved_title = self.title.text()
        self._loading = False

    def insert_time(self) -> None:
        self.body.insertPlainText(f"[{datetime.now().strftime('%H:%M')}] ")
        self.body.setFocus()

    def _text_edited(self) -> None:
        """The first change to a team's shared note takes its edit lock; refused, the text
        goes back to what it was and a dialog says why."""
        if self._loading:
            return
        if self.doc_id is not None and not self._may_edit and self.project.team.joined \
                and self.body.toPlainText() != self._saved_text:
            from PySide6.QtGui import QGuiApplication

            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.project.team.before_text_edit(self.project.document(self.doc_id))
            except FieldkitError as exc:
                QGuiApplication.restoreOverrideCursor()
                self._refused(exc)
                return
            QGuiApplication.restoreOverrideCursor()
            self._may_edit = True
        self._edited()

    def _refused(self, exc: FieldkitError) -> None:
        from fieldkit.gui.team_sync import refusal

        self._loading = True
        cursor = self.body.textCursor().position()
        self.body.setPlainText(self._saved_text)
        moved = self.body.textCursor()
        moved.setPosition(min(cursor, len(self._saved_text)))
        self.body.setTextCursor(moved)
        self._loading = False
        self.status.setText(tr("Not changed."))
        box = QMessageBox(QMessageBox.Icon.Warning, tr("This note cannot be edited now"),
                          refusal(exc), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("editRefused")
        box.open()

    def _edited(self) -> None:
        if self._loading:
            return
        self.status.setText(tr("Editing…"))
        if not self._timer.isActive():
            self._timer.start()  # not restarted: a save within a second of the first change

    @property
    def dirty(self) -> bool:
        return (self.body.toPlainText() != self._saved_text
                or self.title.text().strip() != self._saved_title.strip())

    def save(self) -> None:
        """Write the note now (creating it on the first save)."""
        self._timer.stop()
        if not self.dirty and self.doc_id is not None:
            return
        text = self.body.toPlainText()
        title = self.title.text().strip() or tr("Fieldnote")
        try:
            if self.doc_id is None:
                if not text.strip():
                    return
                site = self.site.currentText().strip() or tr("Unsorted")
                visit = self.visit.date().toString("yyyy-MM-dd")
                doc = self.project.add_note(site=site, title=title, text=text, visit=visit)
                self.doc_id = doc.id
                settings.put("note/site", site)
                settings.put("note/visit", visit)
            else:
                with self.project.action(f"Edit {title}"):
                    if text != self._saved_text:
                        self.project.edit_text(self.doc_id, text)
                    if title != self._saved_title:
                        self.project.rename_document(self.doc_id, title)
        except FieldkitError as exc:
            if self.doc_id is not None and self.project.team.joined:
                self._may_edit = False  # the lock ran out and could not be renewed
                self._refused(exc)
            else:
                self.status.setText(str(exc))
            return
        self._saved_text, self._saved_title = text, title
        self.status.setText(tr("Saved at {0}.").format(datetime.now().strftime("%H:%M:%S")))
        self.saved.emit(self.doc_id)

    def reload_if_changed(self) -> None:
        """The note changed elsewhere (undo): show it, unless the user is mid-edit."""
        if self.doc_id is None or self.dirty:
            return
        try:
            doc = self.project.document(self.doc_id)
        except FieldkitError:
            self.doc_id = None
            return
        if doc.text != self._saved_text or doc.title != self._saved_title:
            self._loading = True
            self.body.setPlainText(doc.text)
            self.title.setText(doc.title)
            self._saved_text, self._saved_title = doc.text, doc.title
            self._loading = False

    # -- photos ------------------------------------------------------------------------------

    def attach_photos_dialog(self) -> None:
        start = _camera_card() or folders.start_at("photos")
        files, _ = QFileDialog.getOpenFileNames(self, tr("Attach photos"), start, PHOTO_FILTER)
        folders.remember("photos", files)
        if files:
            self.attach_photos(files)

    def attach_folder_dialog(self) -> None:
        start = _camera_card() or folders.start_at("photos")
        folder = QFileDialog.getExistingDirectory(self, tr("Folder with photos"), start)
        if folder:
            folders.remember("photos", folder)
            files = sorted(str(p) for p in Path(folder).rglob("*")
                           if p.suffix.lower() in PHOTO_EXTS)
            if files:
                self.attach_photos(files)
            else:
                QMessageBox.information(self, tr("Attach photos"),
                                        tr("There are no photos in that folder."))

    def attach_photos(self, files: list[str], duplicates: str = "refuse") -> None:
        """Import photos for this note's site and visit, in the background; photos already in
        the project are asked about once (skip them, import them again, or cancel)."""
        self.save()
        site = self.site.currentText().strip() or tr("Unsorted")
        visit = self.visit.date().toString("yyyy-MM-dd")

        def job(progress: Progress) -> list[int]:
            docs = self.project.imports.files(files, site=site, visit=visit, kind="photo",
                                             progress=progress, duplicates=duplicates)
            return [d.id for d in docs]

        def again(choice: str) -> None:
            if choice:
                self.attach_photos(files, choice)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DuplicateImport):
                ask_about_duplicates(self, exc, again)
            else:
                report_failure(self, tr("Attaching photos"), exc)

        self.runner.run(tr("Attaching photos"), job, self._photos_added, failed=failed)

    def _photos_added(self, doc_ids: list[int]) -> None:
        lines = []
        for doc_id in doc_ids:
            doc = self.project.document(doc_id)
            self.add_photo_item(doc_id)
            lines.append(f"[{tr('photo')}: {doc.title}]")
        if lines:
            cursor = self.body.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            prefix = "" if not self.body.toPlainText() or self.body.toPlainText().endswith("\n") \
                else "\n"
            cursor.insertText(prefix + "\n".join(lines) + "\n")
            self.save()

    def add_photo_item(self, doc_id: int) -> None:
        doc = self.project.document(doc_id)
        icon = QIcon()
        if doc.media_id is not None:
            thumb = self.project.thumbnail_file(doc.media_id)
            path = thumb if thumb.exists() else self.project.media_file(doc.media_id)
            pix = QPixmap(str(path))
            if self.project.media.key is not None:  # encrypted: decrypted in memory only
                sha = self.project.media_info(doc.media_id).sha256
                data = self.project.media.thumbnail(sha)
                if data is None:
                    with self.project.open_media(doc.media_id) as fh:
                        data = fh.read()
                pix = QPixmap()
                pix.loadFromData(data)
            if not pix.isNull():
                icon = QIcon(pix.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation))
        self.photos.blockSignals(True)
        item = QListWidgetItem(icon, doc.text or tr("(caption)"))
        item.setData(Qt.ItemDataRole.UserRole, doc_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(doc.title)
        self.photos.addItem(item)
        self.photos.blockSignals(False)

    def set_caption(self, doc_id: int, caption: str) -> None:
        # The caption is the photo's text, so it can be searched and coded like any text.
        self.project.edit_text(doc_id, caption.strip())

    def _caption_changed(self, item: QListWidgetItem) -> None:
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        if doc_id is not None and item.text() != tr("(caption)"):
            try:
                self.set_caption(int(doc_id), item.text())
            except FieldkitError as exc:  # a team's shared caption, refused: as it was
                from fieldkit.gui.team_sync import refusal

                self.photos.blockSignals(True)
                item.setText(self.project.document(int(doc_id)).text or tr("(caption)"))
                self.photos.blockSignals(False)
                QMessageBox.warning(self, tr("This caption cannot be edited now"), refusal(exc))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save()
        super().closeEvent(event)


def _camera_card() -> str | None:
    """The DCIM folder of the first mounted removable volume (a camera's SD card), if any:
    ``/media/<user>/…`` on Linux, ``/Volumes/…`` on macOS, a drive letter on Windows."""
    from PySide6.QtCore import QStorageInfo

    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isRoot():
            continue
        dcim = Path(volume.rootPath()) / "DCIM"
        try:
            if dcim.is_dir():
                return str(dcim)
        except OSError:  # a volume that went away while we looked
            continue
    return None
