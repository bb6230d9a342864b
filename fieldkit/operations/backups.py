"""The project's backups as a named part of the facade: ``project.backups``.

Backups are made before migrations, merges and bulk imports, by hand, and automatically when a
writer opens the project and the last backup is older than the project's interval (24 hours
unless set otherwise). Restoring never touches the project: a backup becomes a new project
folder, with the media files it uses. Listing and restoring work on a project that no longer
opens (``list_backups``, ``restore_backup``), which is when they are needed most.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput, DamagedProject, NotAProject
from fieldkit.storage import backups, failures, identity, newfolder
from fieldkit.storage.backups import Backup
from fieldkit.storage.mediastore import MediaStore

if TYPE_CHECKING:
    from fieldkit.project import Project

INTERVAL_KEY = "backup_interval_hours"
KEEP_KEY = "backup_keep"


@dataclass(slots=True)
class Restored:
    """A backup restored into a new project folder; ``missing`` names media files not found."""

    path: Path
    backup: Backup
    media: int = 0
    missing: list[str] = field(default_factory=list)


class Backups:
    """List, make and restore backups of one open project; its backup settings."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def list(self) -> list[Backup]:
        """Complete backups, newest first."""
        return backups.list_backups(self.project.path)

    def make(self, reason: str = "manual") -> Backup:
        """A checked copy of the database in ``backups/``; old ones rotate out."""
        store = self.project.store
        with store.lock:
            return backups.write(store.conn, self.project.path, reason, keep_last=self.keep)

    def restore(self, ref: str, new_path: str | Path) -> Restored:
        """Backup ``ref`` as a new project at ``new_path`` (never over this project)."""
        return restore_backup(self.project.path, ref, new_path)

    @property
    def interval_hours(self) -> float:
        """Hours between automatic backups when the project is opened for writing; 0: off."""
        return _number(self.project.store.meta(INTERVAL_KEY), backups.DEFAULT_INTERVAL_HOURS)

    @property
    def keep(self) -> int:
        """How many of the latest backups are kept (besides one per day for a week)."""
        return int(_number(self.project.store.meta(KEEP_KEY), backups.KEEP_LAST))

    def configure(self, *, interval_hours: float | None = None, keep: int | None = None) -> None:
        """Store the backup settings in the project (they travel with it)."""
        if interval_hours is not None:
            if not 0 <= interval_hours <= 24 * 365:
                raise BadInput("The backup interval is a number of hours from 0 (off) to 8760.")
            self.project.store.set_meta(INTERVAL_KEY, f"{interval_hours:g}")
        if keep is not None:
            if not 1 <= keep <= 1000:
                raise BadInput("Keep between 1 and 1000 backups.")
            self.project.store.set_meta(KEEP_KEY, str(keep))

    def take_if_due(self) -> Backup | None:
        """The automatic backup on opening, when the last one is older than the interval.

        A failing automatic backup (a full disk) does not stop the work: why it failed is kept
        in ``project.backup_warning`` for the CLI and the app to show.
        """
        project = self.project
        project.backup_warning = ""
        if not backups.is_due(project.path, self.interval_hours, project.store.meta("created")):
            return None
        try:
            return self.make("automatic")
        except (OSError, sqlite3.Error) as exc:
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
        except (DamagedProject, sqlite3.Error, OSError):
            pass
    return folder


def restore_backup(project_folder: str | Path, ref: str, new_path: str | Path) -> Restored:
    """Make a new project at ``new_path`` from backup ``ref`` of ``project_folder``.

    The project itself is only read. Media files the backup uses are copied from the
    project's ``media/``; any that are gone are named in ``Restored.missing``.
    """
    from fieldkit.project import Project

    folder = _project_folder(project_folder)
    chosen = backups.find(folder, ref)
    target = Path(new_path)
    if target.resolve() == folder.resolve() or folder.resolve() in target.resolve().parents:
        raise BadInput("Restore a backup into a new folder, not into the project itself.")
    restored = Restored(target, chosen)
    source_media = MediaStore(folder)
    with newfolder.building(target) as build:
        backups.copy_database(Path(chosen.path), build / "project.sqlite")
        media = MediaStore(build)
        for sha, filename in _media_rows(build / "project.sqlite"):
            original = source_media.path(sha, filename)
            if not original.is_file():
                restored.missing.append(filename)
                continue
            media.root.mkdir(exist_ok=True)
            shutil.copy2(original, media.path(sha, filename))
            thumb = source_media.thumbnail_path(sha)
            if thumb.is_file():
                media.thumbs.mkdir(exist_ok=True)
                shutil.copy2(thumb, media.thumbnail_path(sha))
            restored.media += 1
        (build / backups.BACKUPS).mkdir(exist_ok=True)
        media.root.mkdir(exist_ok=True)
    Project.open(target).close()  # brings an older backup up to this version's schema
    return restored


def _media_rows(db_path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT sha256, filename FROM media")]
    finally:
        conn.close()
