"""One runner for long work: off the GUI thread, with a progress dialog and Cancel.

A job is a function ``job(progress) -> result`` that calls the facade. It runs in a
``QThreadPool`` worker; ``Progress.report`` is marshalled to the dialog with a queued signal and
Cancel sets the ``CancelToken`` the job checks at every step. The result (or a one-line error)
comes back on the GUI thread. Jobs run one at a time: the project has one writer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from fieldkit.core.errors import Cancelled, FieldkitError
from fieldkit.core.progress import CancelToken, Progress
from fieldkit.gui.change_labels import shown
from fieldkit.gui.i18n import tr
from fieldkit.storage import failures

Job = Callable[[Progress], Any]


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, job: Job, progress: Progress, signals: _Signals) -> None:
        super().__init__()
        self.job, self.progress, self.signals = job, progress, signals

    def run(self) -> None:
        try:
            result = self.job(self.progress)
        except BaseException as exc:  # reported on the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class JobRunner(QObject):
    """Runs jobs in the background; the window stays responsive."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        # jobs that touch no project (a transcription reads a file; its done() stores) run
        # beside the project's one writer, so an import started meanwhile does not wait
        self.side_pool = QThreadPool(self)
        self.side_pool.setMaxThreadCount(1)
        self._active: list[tuple[_Signals, QProgressDialog, CancelToken]] = []

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def run(self, title: str, job: Job, done: Callable[[Any], None] | None = None, *,
            failed: Callable[[BaseException], None] | None = None,
            delay_ms: int = 300, modal: bool = True) -> CancelToken:
        """Start ``job``; ``done(result)`` runs on the GUI thread when it succeeds.

        A ``modal`` job's progress dialog blocks the window; a job that touches no project
        (a transcription reads a file and stores in ``done``) runs with ``modal=False``: the
        window stays usable and the project's own jobs do not queue behind it."""
        token = CancelToken()
        signals = _Signals()
        dialog = QProgressDialog(title, tr("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(title)
        # room for the title beside the title bar's icon and buttons: a 200-pixel dialog
        # showed the Dutch "Bezig met transcriberen" as "Bezig …iberen"
        dialog.setMinimumWidth(max(360, dialog.fontMetrics().horizontalAdvance(title) + 200))
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal
                                 else Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(delay_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(token.cancel)
        entry = (signals, dialog, token)
        self._active.append(entry)
        self.busy_changed.emit(True)

        def report(done_: int, total: int, message: str) -> None:
            signals.progressed.emit(done_, total, message)

        def on_progress(done_: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done_, total) if total else 0)
            if message:
                dialog.setLabelText(f"{title}\n{shown(message)}")

        def finish() -> None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            if entry in self._active:
                self._active.remove(entry)
            self.busy_changed.emit(bool(self._active))

        def on_finished(result: Any) -> None:
            finish()
            if done is not None:
                done(result)

        def on_failed(exc: BaseException) -> None:
            finish()
            if failed is not None:
                failed(exc)
            else:
                report_failure(self._parent, title, exc)

        signals.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        signals.finished.connect(on_finished, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)
        pool = self.pool if modal else self.side_pool
        pool.start(_Task(job, Progress(report=report, token=token), signals))
        return token

    def wait(self, ms: int = 30000) -> None:
        """Block until queued jobs finish (tests, quitting)."""
        self.pool.waitForDone(ms)
        self.side_pool.waitForDone(ms)


def report_failure(parent: QWidget, title: str, exc: BaseException) -> None:
    """What a job that failed tells the researcher: Cancel in the status bar, a reason they
    can act on in a warning, anything else as the bug it is."""
    if isinstance(exc, Cancelled):
        show_status(parent, tr("Cancelled; nothing was changed."))
    elif isinstance(exc, FieldkitError) or failures.explain(exc) is not None:
        # a full disk, a read-only place, a damaged file: the one-line reason
        QMessageBox.warning(parent, title, str(failures.explain(exc)))
    else:
        QMessageBox.critical(parent, title, tr("Something went wrong: {0}").format(exc))


def show_status(widget: QWidget, message: str, ms: int = 5000) -> None:
    window = widget.window()
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        QTimer.singleShot(0, window, lambda: bar().showMessage(message, ms))
