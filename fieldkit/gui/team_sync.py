"""Auto-sync of a team replica in the open window, and the status-bar indicator.

Three things start a sync: a NOTIFY from the team server (a team mate sent changes; a listener
thread waits for it and the sync starts at once), a local change (pushed two seconds after the
last one), and a timer every thirty seconds. A sync runs off the GUI thread, one at a time; the
project's store lock keeps it and the researcher's own changes apart, and the changes it brings
reach the views through the project's change sets like any other. With the server unreachable
the indicator says "Offline" and the next try waits longer each time (up to a minute); the
listener keeps trying too, and when the server answers again a sync follows by itself.

Widgets are touched only on the GUI thread: the worker and the listener thread report through
queued Qt signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from fieldkit.core.errors import FieldkitError
from fieldkit.core.progress import Progress
from fieldkit.gui.change_labels import shown
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.runner import JobRunner, _Signals, _Task, show_status
from fieldkit.project import Project

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

PERIOD_MS = 30_000
PUSH_AFTER_MS = 2_000
BACKOFF_MS = (2_000, 4_000, 8_000, 15_000, 30_000, 60_000)
LISTEN_SECONDS = 1.0


class Quietly(QObject):
    """Runs short network work off the GUI thread without a progress dialog."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._pending: list[_Signals] = []

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[BaseException], None]) -> None:
        signals = _Signals()
        self._pending.append(signals)

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            if signals in self._pending:
                self._pending.remove(signals)
            handler(value)

        signals.finished.connect(lambda r: finish(done, r), Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(lambda e: finish(failed, e), Qt.ConnectionType.QueuedConnection)
        self.pool.start(_Task(lambda _progress: work(), Progress.silent(), signals))

    def wait(self, ms: int = 30_000) -> None:
        self.pool.waitForDone(ms)


def arrivals_text(arrivals: list[Any]) -> str:
    """Who changed what: "anna: Apply code (3), Edit Bezoek 1; bram: Add code X"."""
    by_member: dict[str, list[list[Any]]] = {}
    for a in arrivals:
        labels = by_member.setdefault(a.member, [])
        if labels and labels[-1][0] == a.label:
            labels[-1][1] += 1
        else:
            labels.append([a.label, 1])
    parts = []
    for member, labels in by_member.items():
        what = ", ".join(shown(label) + (f" ({n})" if n > 1 else "") for label, n in labels)
        parts.append(tr("{0}: {1}").format(member, what))
    return "; ".join(parts)


class TeamIndicator(QLabel):
    """"Synced", "3 to send" or "Offline" in the status bar; the server and last sync as tip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamIndicator")
        self.state = ""

    def show_status(self, status: Any, syncing: bool = False) -> None:
        self.state = status.state
        if status.state == "offline":
            text = tr("Offline")
        elif status.state == "to send":
            text = ntr("%Ln to send", status.to_send)
        else:
            text = tr("Synced")
        self.setText(("⟳ " if syncing else "") + text)
        tip = [tr("Team server: {0}").format(status.url),
               tr("Last sync: {0}").format(_when(status.last_sync) or tr("never"))]
        if status.last_error:
            tip.append(explain(status.last_error))
        if getattr(status, "last_problem", ""):
            tip.append(tr("Last problem ({0}): {1}").format(_when(status.last_problem_at),
                                                             explain(status.last_problem)))
        self.setToolTip("\n".join(tip))


def _when(stamp: str) -> str:
    """An ISO time in local time, to the second ("2026-11-30 14:02:11")."""
    from datetime import datetime

    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class TeamSync(QObject):
    """Keeps one open replica in step with its team while the window shows it.

    ``synced(report)`` after each sync, ``failed(exc)`` after one that could not reach the
    server, ``arrived(text)`` when team mates' changes came in, ``status_changed`` whenever the
    indicator should be redrawn. Call ``stop()`` before the project closes.
    """

    synced = Signal(object)
    failed = Signal(object)
    arrived = Signal(str)
    status_changed = Signal()
    _notified = Signal()

    def __init__(self, project: Project, parent: QObject | None = None, *,
                 listen: bool = True) -> None:
        super().__init__(parent)
        self.project = project
        self.quietly = Quietly(self)
        self.syncing = False
        self.stopped = False
        self.failures = 0
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync)
        self._notified.connect(self._on_notified, Qt.ConnectionType.QueuedConnection)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if listen:
            self._thread = threading.Thread(target=self._listen, daemon=True,
                                            name="fieldkit-team-listener")
            self._thread.start()
        self.schedule(0)

    # -- when to sync ------------------------------------------------------------------------

    def schedule(self, ms: int) -> None:
        """Sync in ``ms`` (or sooner, if a sync is already due sooner)."""
        if self.stopped:
            return
        if self._timer.isActive() and self._timer.remainingTime() <= ms:
            return
        self._timer.start(ms)

    def local_change(self) -> None:
        """After a change set: own work to send is pushed soon (not while the server is known
        to be away; a sync bringing team mates' work leaves nothing to send)."""
        if not self.failures and not self.syncing and self.status().to_send:
            self.schedule(PUSH_AFTER_MS)
        self.status_changed.emit()

    def _on_notified(self) -> None:
        if not self.stopped:
            self.schedule(0)

    # -- syncing -----------------------------------------------------------------------------

    def sync(self) -> None:
        """Sync now in the background, quietly (after the one running, if one is)."""
        if self.stopped:
            return
        self._timer.stop()
        if self.syncing:
            self._again = True
            return
        self.syncing = True
        self.status_changed.emit()
        team = self.project.team
        self.quietly.run(lambda: team.sync(), self._done, self._failed)

    def sync_now(self, runner: JobRunner) -> bool:
        """File → Sync now: on the job runner, with progress and a one-line error dialog.

        False when a sync is already under way (another follows it at once).
        """
        if self.stopped:
            return False
        if self.syncing:
            self._again = True
            return False
        self._timer.stop()
        self.syncing = True
        self.status_changed.emit()
        team = self.project.team
        title = tr("Syncing with the team")

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            if self.stopped:
                return
            message = explain(exc) if isinstance(exc, FieldkitError) \
                else tr("Something went wrong: {0}").format(exc)
            QMessageBox.warning(_widget(runner), title, message)

        def done(report: Any) -> None:
            self._done(report)
            if not self.stopped and report.refused:
                QMessageBox.warning(_widget(runner), title, explain(report.problem()))

        runner.run(title, lambda progress: team.sync(progress), done, failed=failed)
        return True

    def _done(self, report: Any) -> None:
        self.failures = 0
        # work done while this sync ran goes out soon, not at the next round
        self._finish(PUSH_AFTER_MS if not self.stopped and self.status().to_send else None)
        if self.stopped:
            return
        said = [arrivals_text(report.received)] if report.received else []
        # refused work, rows of the history this copy left out, values a later change
        # replaced, the server's rules
        said += [explain(part) for part in report.parts()]
        if said:
            self.arrived.emit(" — ".join(said))
        self.synced.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.failures += 1
        self._finish(BACKOFF_MS[min(self.failures, len(BACKOFF_MS)) - 1])
        if not self.stopped:
            self.failed.emit(exc)

    def _finish(self, next_ms: int | None = None) -> None:
        self.syncing = False
        if self.stopped:
            return
        if self._again:
            self._again = False
            next_ms = 0
        self._timer.start(PERIOD_MS if next_ms is None else next_ms)
        self.status_changed.emit()

    def status(self) -> Any:
        return self.project.team.status()

    # -- the listener thread ---------------------------------------------------------------

    def _listen(self) -> None:
        """LISTEN for team mates' changes; reconnect (more slowly each time) when lost."""
        listener: Any = None
        delay = 1.0
        while not self._stop.is_set():
            if listener is None:
                try:
                    listener = self.project.team.listener()
                except Exception:  # noqa: BLE001 - offline, or the project just closed
                    self._stop.wait(delay)
                    delay = min(delay * 2, 30.0)
                    continue
                if delay > 1.0:  # back after being away: what was missed comes now
                    self._notified.emit()
                delay = 1.0
            try:
                if listener.wait(LISTEN_SECONDS) and not self._stop.is_set():
                    self._notified.emit()
            except Exception:  # noqa: BLE001 - the connection was lost
                _close(listener)
                listener = None
                delay = 2.0
        if listener is not None:
            _close(listener)

    def stop(self, wait_ms: int = 30_000) -> None:
        """Stop the timers, the listener and wait for a running sync (before closing)."""
        self.stopped = True
        self._timer.stop()
        self._stop.set()
        if self._thread is not None:
            # a wait ends within a second; a connect attempt to a far server may take 5 s, and
            # the window does not wait for it: the thread is a daemon and stops by itself
            self._thread.join(LISTEN_SECONDS + 0.5)
            self._thread = None
        self.quietly.wait(wait_ms)


_MESSAGES = (
    (r"^'(.+)' is being edited by (.+) \((.+)\) until (.+)\.$",
     "'{0}' is being edited by {1} ({2}) until {3}. You can edit it after that, or when they "
     "close it."),
    (r"^This document is being coded blind; .*$",
     "This document is being coded blind; its text can be edited after the lead releases "
     "the set."),
    (r"^Editing a shared document's text needs its edit lock.*$",
     "Editing a shared note's text needs its edit lock from the team server, and the server "
     "cannot be reached now. Codings can go on offline."),
    (r"^The team server (\S+) cannot be reached \((.*)\); work done here .*$",
     "The team server {0} cannot be reached ({1}). Work done here stays here and is sent at "
     "the next sync."),
    (r"^Lost the team server: (.*?)\.?$",
     "Lost the connection to the team server ({0}). Work done here stays here and is sent at "
     "the next sync."),
    (r"^Refused by the server: (.*)$", "Refused by the server: {0}"),
    (r"^Not applied: (.*)$", "Not applied: {0}"),
    (r"^Replaced by a later change: (.*)$", "Replaced by a later change: {0}"),
    (r"^Brought the team server's rules up to this fieldkit's \(version (\d+) to (\d+)\).*$",
     "Brought the team server's rules up to this fieldkit's (version {0} to {1}); every change "
     "set stays."),
    (r"^The team server still runs older rules \(version (\d+), this fieldkit's are (\d+)\).*$",
     "The team server still runs older rules (version {0}, this fieldkit's are {1}): ask the "
     "team lead to sync."),
    (r"^The team server's rules \(version (\d+)\) are newer than this fieldkit's \((\d+)\).*$",
     "The team server's rules (version {0}) are newer than this fieldkit's ({1}): update "
     "fieldkit; your changes were not sent (they stay here)."),
    (r"^The team's project already has a coder named '(.+)', with their codings; .*$",
     "The team's project already has a coder named '{0}', with their codings. Choose another "
     "name as coder, or tick 'I am this coder' if that is you."),
    (r"^The project received from the team server does not match the fingerprint .*$",
     "The project received from the team server does not match the fingerprint the server "
     "recorded for it (changed or incomplete); nothing was made. Try again, or ask the team "
     "lead to store a new one."),
    (r"^The project received from the team server is not fieldkit's own \((.+)\); .*$",
     "The project received from the team server is not fieldkit's own ({0}); nothing was made "
     "and it was not opened."),
    (r"^The team server (\S+) did not accept the login: (.*?) \(fieldkit never stores.*$",
     "The team server {0} did not accept the login ({1}). fieldkit never stores passwords: "
     "type it in File → Team…, or put it in your pgpass file or the system keyring."),
)


def explain(exc: BaseException | str) -> str:
    """A message from the team code (an edit refused, a server away) in the interface
    language; the server's own words stay as they are. Others pass through."""
    import re

    message = str(exc)
    for pattern, template in _MESSAGES:
        found = re.match(pattern, message, re.DOTALL)
        if found:
            return tr(template).format(*found.groups())
    return message


refusal = explain


# -- the open window's replica ----------------------------------------------------------------

def start(window: MainWindow) -> None:
    """Keep a team replica in step while it is open (nothing for a project of one's own)."""
    stop(window)
    if window.project is None or not window.project.team.joined:
        return
    sync = TeamSync(window.project, window)
    sync.status_changed.connect(window.show_team_status)
    sync.arrived.connect(lambda text: window.statusBar().showMessage(text, 10000))
    window.team_sync = sync
    window.team_indicator.show()
    window.show_team_status()


def stop(window: MainWindow) -> None:
    if window.team_sync is not None:
        window.team_sync.stop()
        window.team_sync.deleteLater()
        window.team_sync = None
    window.team_indicator.hide()


def sync_now(window: MainWindow) -> None:
    """File → Sync now (F5)."""
    if window.team_sync is None:
        show_status(window, tr("This project is not part of a team (File → Team…)."))
    elif not window.team_sync.sync_now(window.runner):
        show_status(window, tr("A sync is under way; another follows it."))


def show_team_status(window: MainWindow) -> None:
    """The replica's status in the status bar, and in the Team dialog when it is open."""
    if window.team_sync is None or window.project is None:
        return
    window.team_indicator.show_status(window.team_sync.status(), window.team_sync.syncing)
    dialog = next((d for d in window.findChildren(QDialog) if hasattr(d, "show_status")
                   and d.isVisible()), None)
    if dialog is not None:
        dialog.show_status()  # type: ignore[attr-defined]


def _widget(obj: QObject) -> QWidget | None:
    parent = obj.parent()
    return parent if isinstance(parent, QWidget) else None


def _close(listener: Any) -> None:
    try:
        listener.close()
    except Exception:  # noqa: BLE001 - closing a dead connection
        pass
