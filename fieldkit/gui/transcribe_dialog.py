"""Material → Transcribe… on a recording: choose a speech model and a language, then transcribe.

The dialog lists the models found on this computer (fieldkit's models folder, installed
packages, the Hugging Face cache; a folder the researcher chooses), says how to get a
Dutch-capable model once and where to put it, and downloads nothing. The transcription runs on
the job runner, off the GUI thread and without blocking the window (its progress dialog is not
modal; the window stays usable); the transcript is stored on the GUI thread when it is done, in
one undo step, and opens. Cancel stores nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import BadInput
from fieldkit.core.model import ImportedDocument
from fieldkit.core.progress import CancelToken, Progress
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.i18n import tr
from fieldkit.gui.runner import report_failure, show_status
from fieldkit.importers import speech, speech_models
from fieldkit.importers.speech_models import SpeechModel

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

def model_label(model: SpeechModel) -> str:
    """"faster-whisper-small — multilingual, 484 MB (Hugging Face cache)"."""
    languages = tr("multilingual") if model.multilingual else tr("English only")
    return tr("{0} — {1}, {2} MB ({3})").format(
        model.name, languages, round(model.size_bytes / 1e6), source_label(model.source))


def source_label(source: str) -> str:
    if source == "package":
        return tr("installed package")
    if source == "cache":
        return tr("Hugging Face cache")
    return tr("folder")


class TranscribeDialog(QDialog):
    """The model and language for transcribing one recording."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Transcribe {0}").format(title))
        self.models = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.models)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(tr("Speech models"))
        self.language = QComboBox()
        for code, label in (("auto", tr("Recognise it")), ("nl", tr("Dutch (nl)")),
                            ("en", tr("English (en)"))):
            self.language.addItem(label, code)
        self.language.setAccessibleName(tr("Language spoken"))
        self.choose = QPushButton(tr("Choose a model folder…"))
        self.choose.clicked.connect(self.choose_folder)
        self.help = QLabel(tr(
            "Nothing is downloaded and no sound leaves this computer. For Dutch you need a "
            "multilingual model, once: download a CTranslate2 Whisper model folder (e.g. "
            "faster-whisper-small, about 480 MB, from huggingface.co/Systran) and put it in "
            "{0}, or choose its folder here.").format(speech_models.models_folder()))
        self.help.setWordWrap(True)
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Language spoken"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Speech models found on this computer:")))
        layout.addWidget(self.list)
        layout.addWidget(self.choose)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.problem)
        self.buttons = dialog_buttons(self, accept_text=tr("Transcribe"))
        layout.addWidget(self.buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self.update_state())
        self.language.currentIndexChanged.connect(lambda *_: self.update_state())
        self.fill(speech_models.find_models())

    def fill(self, models: list[SpeechModel]) -> None:
        self.models.clear()
        for model in models:
            self.add_model(model)
        if models:
            self.list.setCurrentIndex(self.models.index(0, 0))
        self.update_state()

    def add_model(self, model: SpeechModel) -> None:
        item = QStandardItem(model_label(model))
        item.setData(model, Qt.ItemDataRole.UserRole)
        item.setToolTip(str(model.path))
        self.models.appendRow(item)
        self.fit_to_names()

    def fit_to_names(self) -> None:
        """The list is as wide as its longest model name (up to 900 px), so none is cut off."""
        widest = max(self.list.sizeHintForIndex(self.models.index(row, 0)).width()
                     for row in range(self.models.rowCount()))
        scroll = self.list.verticalScrollBar().sizeHint().width()
        self.list.setMinimumWidth(min(widest + 2 * self.list.frameWidth() + scroll + 8, 900))

    def choose_folder(self, folder: str | None = None) -> None:
        """A model folder of the researcher's choice, checked, added and chosen."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, tr("Choose a model folder"))
        if not folder:
            return
        try:
            model = speech_models.check_model(Path(folder))
        except BadInput as exc:
            self.problem.setText(str(exc))
            return
        self.add_model(model)
        self.list.setCurrentIndex(self.models.index(self.models.rowCount() - 1, 0))
        self.update_state()

    def chosen(self) -> SpeechModel | None:
        index = self.list.currentIndex()
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def update_state(self) -> None:
        """Transcribe is possible with faster-whisper installed, a model and a language it
        knows; otherwise one line says why."""
        model, problem = self.chosen(), ""
        if not speech.available():
            problem = tr("Speech recognition is not installed: pip install "
                         "'fieldkit[transcribe]' (about 250 MB).")
        elif model is None:
            problem = tr("No speech model found yet (see below).")
        elif self.language.currentData() == "nl" and not model.multilingual:
            problem = tr("This model knows English only; for Dutch choose a multilingual one.")
        self.problem.setText(problem)
        accept_button(self.buttons).setEnabled(not problem)


def transcribe_dialog(window: MainWindow, recording_id: int) -> TranscribeDialog | None:
    """Material → Transcribe… on a recording: the dialog, then the transcription."""
    project = window.project
    if project is None:
        return None
    dialog = TranscribeDialog(project.document(recording_id).title, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accepted() -> None:
        model = dialog.chosen()
        if model is not None:
            transcribe(window, recording_id, model, str(dialog.language.currentData()))

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def transcribe(window: MainWindow, recording_id: int, model: SpeechModel,
               language: str) -> CancelToken | None:
    """Transcribe off the GUI thread (the window stays usable), store the transcript on it;
    returns what Cancel sets (None when the recording was refused)."""
    project = window.project
    if project is None:
        return None
    title = tr("Transcribing")
    try:
        rec, path = project.recordings.transcription_source(recording_id)
    except BadInput as exc:
        report_failure(window, title, exc)
        return None
    name = project.document(recording_id).title

    def job(progress: Progress) -> ImportedDocument:
        return speech.transcribe(path, model, language, rec.duration_ms, progress,
                                 title=name)

    def done(imported: ImportedDocument) -> None:
        if window.project is not project:
            return  # the project was closed meanwhile: nothing is stored
        try:
            doc = project.recordings.store_transcribed(recording_id, imported)
        except BadInput as exc:
            report_failure(window, title, exc)
            return
        window.refresh_panels()
        show_status(window, tr("Transcribed {0}.").format(name))
        window.open_document(doc.id)

    return window.runner.run(title, job, done, modal=False,
                      failed=lambda exc: report_failure(window, title, exc))
