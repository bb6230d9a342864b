"""The progress/cancel protocol shared by every long piece of work.

Long work (import, export, reindex, merge, demo generation) takes a ``Progress``. The CLI renders
it as a bar, the GUI as a progress dialog, tests pass ``Progress.silent()``. Cancelling raises
``Cancelled`` at the next ``step`` so the caller's transaction rolls back and nothing is half
written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from fieldkit.core.errors import Cancelled

Report = Callable[[int, int, str], None]


class CancelToken:
    """A flag one thread sets and the worker checks; thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def _ignore(done: int, total: int, message: str) -> None:
    return None


@dataclass
class Progress:
    """Reports ``done`` of ``total`` with a message and checks for cancellation."""

    report: Report = _ignore
    token: CancelToken = field(default_factory=CancelToken)
    total: int = 0
    done: int = 0

    @classmethod
    def silent(cls) -> Progress:
        return cls()

    def start(self, total: int, message: str = "") -> None:
        self.total, self.done = total, 0
        self.check()
        self.report(0, total, message)

    def step(self, message: str = "", amount: int = 1) -> None:
        """Advance by ``amount``; raises ``Cancelled`` if the user cancelled."""
        self.check()
        self.done += amount
        self.report(self.done, self.total, message)

    def check(self) -> None:
        if self.token.cancelled:
            raise Cancelled("Cancelled; nothing was changed.")
