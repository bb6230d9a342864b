"""The project's backups as a named part of the facade: ``project.backups``.

Backups are made before migrations, merges and bulk imports, by hand, and automatically when a
writer opens the project and the last backup is older than the project's interval (24 hours
unless set otherwise). Restoring never touches the project: a backup becomes a new project
folder, with the media files it uses. Listing and restoring work on a project that no longer
opens (``list_backups``, ``restore_backup``), which is when they are needed most.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.errors import (
    BadInput,
    DamagedProject,
    FieldkitError,
    IntegrityProblem,
    NotAProject,
)
from fieldkit.storage import backups, failures, identity, keys, newfolder, sqlengine
from fieldkit.storage.backups import Backup
from fieldkit.storage.mediastore import (
    MISSING,
    MediaStore,
    MediaUnfit,
)

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

INTERVAL_KEY = "backup_interval_hours"
KEEP_KEY = "backup_keep"


@dataclass(slots=True)
class Restored:
    """A backup restored into a new project folder; ``missing`` names media files not found,
    ``damaged`` those left out because they are not as imported."""

    path: Path
    backup: Backup
    media: int = 0
    missing: list[str] = field(default_factory=list)
    damaged: list[tuple[str, str]] = field(default_factory=list)  # (file name, what is wrong)


class Backups:
    """List, make and restore backups of one open project; its backup settings."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    def list(self) -> list[Backup]:
        """Complete backups, newest first."""
        return backups.list_backups(self._project.path)

    def make(self, reason: str = "manual") -> Backup:
        """A checked copy of the database in ``backups/``; old ones rotate out."""
        store = self._store
        with store.lock:
            return backups.write(store.conn, self._project.path, reason, keep_last=self.keep)

    def restore(self, ref: str, new_path: str | Path) -> Restored:
        """Backup ``ref`` as a new project at ``new_path`` (never over this project)."""
        return restore_backup(self._project.path, ref, new_path)

    @property
    def interval_hours(self) -> float:
        """Hours between automatic backups when the project is opened for writing; 0: off."""
        return _number(self._store.meta(INTERVAL_KEY), backups.DEFAULT_INTERVAL_HOURS)

    @property
    def keep(self) -> int:
        """How many of the latest backups are kept (besides one per day for a week)."""
        return int(_number(self._store.meta(KEEP_KEY), backups.KEEP_LAST))

    def configure(self, *, interval_hours: float | None = None, keep: int | None = None) -> None:
        """Store the backup settings in the project (they travel with it)."""
        if interval_hours is not None:
            if not 0 <= interval_hours <= 24 * 365:
                raise BadInput("The backup interval is a number of hours from 0 (off) to 8760.")
            self._store.set_meta(INTERVAL_KEY, f"{interval_hours:g}")
        if keep is not None:
            if not 1 <= keep <= 1000:
                raise BadInput("Keep between 1 and 1000 backups.")
            self._store.set_meta(KEEP_KEY, str(keep))

    def take_if_due(self) -> Backup | None:
        """The automatic backup on opening, when the last one is older than the interval.

        A failing automatic backup (a full disk) does not stop the work: why it failed is kept
        in ``project.backup_warning`` for the CLI and the app to show.
        """
        project = self._project
        project.backup_warning = ""
        if not backups.is_due(project.path, self.interval_hours, self._store.meta("created")):
            return None
        try:
            return self.make("automatic")
        except sqlengine.Error + (OSError,) as exc:
            explained = failures.explain(exc)
            project.backup_warning = str(explained or exc)
            return None


def _number(text: str, default: float) -> float:
    try:
        return float(text) if text else default
    except ValueError:
        return default


def list_backups(project_folder: str | Path) -> list[Backup]:
    """The complete backups of the project at ``project_folder`` (it need not open)."""
    folder = _project_folder(project_folder)
    return backups.list_backups(folder)


def _project_folder(path: str | Path) -> Path:
    """The project folder, also when its database is damaged (then backups matter most);
    someone else's database or a newer project is refused as when opening."""
    folder = Path(path)
    db_path = folder / "project.sqlite"
    if not db_path.exists() and not backups.folder_of(folder).is_dir():
        raise NotAProject(f"{folder} is not a fieldkit project (no project.sqlite inside).")
    if db_path.is_file():
        try:
            identity.probe(folder, db_path)
        except sqlengine.Error + (DamagedProject, OSError):
            pass
    return folder


def restore_backup(project_folder: str | Path, ref: str, new_path: str | Path) -> Restored:
    """Make a new project at ``new_path`` from backup ``ref`` of ``project_folder``.

    The project itself is only read. The new project is built in a hidden folder beside
    ``new_path`` and renamed into place only when its database passed SQLite's whole
    integrity check and opens at this version's schema; a damaged backup leaves nothing behind
    (``DamagedProject``). Media files the backup uses are copied from the project's ``media/``,
    each checked against its hash on the way: any that are gone are named in
    ``Restored.missing``, any not as imported (or a link) in ``Restored.damaged``; neither is
    copied.
    """
    folder = _project_folder(project_folder)
    chosen = backups.find(folder, ref)
    target = Path(new_path)
    if target.resolve() == folder.resolve() or folder.resolve() in target.resolve().parents:
        raise BadInput("Restore a backup into a new folder, not into the project itself.")
    refused = (f"Backup {chosen.id} is damaged ({{}}); nothing was restored. Choose another "
               "backup (`fieldkit backup list` marks damaged ones).")
    if chosen.damaged:
        raise DamagedProject(refused.format(chosen.damaged))
    restored = Restored(target, chosen)
    with newfolder.building(target) as build:
        if keys.is_encrypted(folder):  # the copy is encrypted with the same key
            keys.write_header(build, keys.read_header(folder))
        database = build / "project.sqlite"
        try:
            backups.copy_database(Path(chosen.path), database)
            backups.verify_copy(database)
            rows = backups.media_rows(database)
        except sqlengine.Error as exc:
            raise DamagedProject(refused.format(" ".join(str(exc).split()))) from None
        _copy_media(MediaStore(folder), MediaStore(build), rows, restored)
        (build / backups.BACKUPS).mkdir(exist_ok=True)
        _bring_up_to_date(build, target, refused)
    return restored


def _copy_media(source: MediaStore, media: MediaStore, rows: list[tuple[str, str]],
                restored: Restored) -> None:
    """Copy each media file, hashed while it is copied; never through a link."""
    media.root.mkdir(exist_ok=True)
    for sha, filename in rows:
        try:
            media.copy_from(source, sha, filename)
        except MediaUnfit as exc:
            if str(exc) == MISSING:
                restored.missing.append(filename)
            else:
                restored.damaged.append((filename, str(exc)))
            continue
        picture = source.thumbnail(sha)  # as ever, a restore without a thumbnail is whole
        if picture is not None:
            media.put_thumbnail(sha, picture)
        restored.media += 1


def _bring_up_to_date(build: Path, target: Path, refused: str) -> None:
    """Open the restored project once inside the build folder: an older backup is brought up
    to this version's schema, and one that does not open is refused before it is in place."""
    from fieldkit.project import Project

    try:
        Project.open(build).close()
    except sqlengine.Error + (FieldkitError,) as exc:
        said = " ".join(str(exc).replace(build.name, target.name).split())
        if isinstance(exc, FieldkitError) and not isinstance(exc, IntegrityProblem):
            raise type(exc)(said) from None  # e.g. a newer project: said as such
        raise DamagedProject(refused.format(said)) from None


