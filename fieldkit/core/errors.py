"""Errors a researcher can cause, with messages a researcher understands.

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``; the GUI shows the
same text in a dialog. Anything that is not a ``FieldkitError`` is a bug and may show a traceback.
"""

from __future__ import annotations

from typing import Any


class FieldkitError(Exception):
    """Base class: a problem with what the user asked for or gave us (exit code 2)."""

    exit_code = 2


class BadInput(FieldkitError):
    """A file, argument or value that fieldkit cannot use."""


class PasswordNeeded(BadInput):
    """An encrypted file (a PDF) opened without its password (``wrong`` False) or with a wrong
    one (``wrong`` True): the app asks for the password and tries again."""

    def __init__(self, message: str, *, wrong: bool) -> None:
        super().__init__(message)
        self.wrong = wrong


class NotFound(FieldkitError):
    """An id, UUID, code path or name that does not exist in the project."""


class NotAProject(FieldkitError):
    """A path that is not a fieldkit project folder."""


class ProjectLocked(FieldkitError):
    """Another process is writing to this project."""


class ReadOnly(FieldkitError):
    """A change was asked of a project opened read-only."""


class Cancelled(FieldkitError):
    """Long work stopped because the user pressed Cancel; nothing was written."""

    exit_code = 1


class IntegrityProblem(FieldkitError):
    """The project on disk is damaged in a way fieldkit cannot repair by itself."""

    exit_code = 1


class NewerProject(FieldkitError):
    """A project written by a newer fieldkit than this one (exit code 2: update fieldkit)."""


class DamagedProject(IntegrityProblem):
    """The project database is damaged: cut off, overwritten or failing SQLite's checks."""


class StorageFailure(FieldkitError):
    """The disk refused: full, read-only or not ours to write; nothing half-written stays."""

    exit_code = 1


class MediaUnfit(Exception):
    """A stored media file that cannot be passed on; ``str`` says why, for a message."""


class DamagedMedia(IntegrityProblem):
    """Work refused because media files it needs are damaged, missing or not files."""

    def __init__(self, what: str, problems: list[tuple[str, str]]) -> None:
        named = "; ".join(f"{name} ({why})" for name, why in problems)
        super().__init__(
            f"{what} was refused: {len(problems)} media file"
            f"{' is' if len(problems) == 1 else 's are'} not as imported: {named}. Import the "
            f"original{' again to repair it' if len(problems) == 1 else 's again to repair them'}"
            "; `fieldkit check` lists every problem.")
        self.problems = problems


class DuplicateImport(BadInput):
    """Files asked to be imported whose content is already in the project (or earlier in the
    same import); nothing was imported. ``duplicates`` holds a ``core.model.Duplicate`` each;
    ``files`` is how many files were asked for. The caller asks the researcher (skip them or
    import them again) and imports once more saying which."""

    def __init__(self, duplicates: list[Any], files: int) -> None:
        shown = "; ".join(d.describe() for d in duplicates[:5])
        more = f"; and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
        super().__init__(f"{len(duplicates)} of {files} file{'s' if files != 1 else ''} "
                         f"already in the project, nothing was imported: {shown}{more}.")
        self.duplicates = duplicates
        self.files = files


class WrongPassphrase(BadInput):
    """The passphrase (or recovery key) does not open this encrypted project; nothing changed."""


class PassphraseNeeded(BadInput):
    """An encrypted project was opened without its passphrase (none given, none remembered)."""
