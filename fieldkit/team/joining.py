"""Joining a team: a new replica made from the server's snapshot, trusted only once checked.

The snapshot is a SQLite file. Before it is opened as a project it must have the sha256 the
server recorded for it and exactly the schema fieldkit itself makes for its schema version
(every table, index, trigger and view, with its SQL): a file with an extra trigger or a changed
table is refused before any statement could run one. Media files are stored only under their
verified hash, inside ``media/``. Anything refused leaves nothing behind.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput, FieldkitError
from fieldkit.core.progress import Progress
from fieldkit.storage import database, newfolder, replica_tables, schema, sqlengine
from fieldkit.storage.mediastore import MediaStore
from fieldkit.storage.team_server import Server, ServerUnreachable, public_url, url_with
from fieldkit.team import credentials
from fieldkit.team.validation import is_media_key

if TYPE_CHECKING:
    from fieldkit.project import Project


class SnapshotRefused(FieldkitError):
    """The project the server sent is not one fieldkit opens (changed, or not fieldkit's)."""

    exit_code = 1


class ExistingCoder(BadInput):
    """The chosen coder name is already a coder of the team's project (their codings)."""


def check_snapshot(path: Path, sha256: str) -> None:
    """Refuse (``SnapshotRefused``, one line) a received project file whose content is not
    the one the server recorded, or whose schema is not exactly fieldkit's."""
    if MediaStore.hash_file(path) != sha256:
        raise SnapshotRefused("The project received from the team server does not match the "
                              "fingerprint the server recorded for it (changed or incomplete); "
                              "nothing was made. Try again, or ask the team lead to store a "
                              "new one with 'team snapshot'.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version, found = replica_tables.schema_of(conn)
            structure = replica_tables.quick_check(conn)
        finally:
            conn.close()
    except sqlengine.DatabaseError as exc:
        raise SnapshotRefused(f"The project received from the team server is not a database "
                              f"fieldkit can open ({exc}); nothing was made.") from None
    if not 1 <= version <= schema.latest_version():
        raise SnapshotRefused(f"The project received from the team server has schema version "
                              f"{version}, which this fieldkit does not know; nothing was made.")
    expected = replica_tables.expected_schema(version)
    odd = sorted((found - expected) - replica_tables.SQLITE_OWN, key=str) \
        + sorted(expected - found, key=str)
    if odd:
        kind, name = odd[0][0], odd[0][1]
        what = "an extra" if odd[0] in found else "a missing"
        if odd[0] in found and any(e[:2] == (kind, name) for e in expected):
            what = "a changed"
        raise SnapshotRefused(f"The project received from the team server is not fieldkit's "
                              f"own ({what} {kind} '{name}'); nothing was made, and it was "
                              "not opened.")
    if structure != "ok":
        raise SnapshotRefused(f"The project received from the team server is damaged "
                              f"({structure}); nothing was made.")


def join(url: str, path: str | Path, *, member: str | None = None,
         coder: str | None = None, as_existing_coder: bool = False,
         progress: Progress | None = None) -> Project:
    """Make a replica of the team at ``url`` in the new folder ``path`` and bring it up to date.

    The URL's user is the member unless ``member`` says otherwise. A coder name the team's
    project already has is refused unless ``as_existing_coder`` (you are that coder, on a new
    computer): you would code as them and their codings would be yours to change.
    """
    from fieldkit.project import Project, _login_name

    progress = progress or Progress()
    if member:
        url = url_with(url, user=member)
    folder = Path(path)
    newfolder.check_new_folder(folder)
    name = os.environ.get("FIELDKIT_CODER") or coder or _login_name()
    with Server(url, password=credentials.password(url), timeout=10) as server:
        facts = server.team()
        role = server.role()
        if role is None:
            raise BadInput(f"{server.user} is not a member of this team; the lead adds members "
                           f"with: fieldkit -p PROJECT team members --add {server.user}")
        with newfolder.building(folder) as build:
            progress.start(3, "Receiving the project")
            db_path = build / database.DB_NAME
            seq, sha = server.get_snapshot(db_path)
            check_snapshot(db_path, sha)
            conn = sqlite3.connect(db_path)
            try:
                if not as_existing_coder:
                    _refuse_existing_coder(conn, name)
                media = replica_tables.media_files(conn)
                store = MediaStore(build)
                progress.step("Receiving media files")
                present = server.media_present([s for s, _ in media if is_media_key(s)])
                for sha256, filename in media:
                    progress.check()
                    if sha256 in present:
                        store.put_chunks(server.get_media(sha256), sha256, filename)
                replica_tables.start_replica(conn, {
                    "team_url": public_url(url), "team_member": server.user,
                    "team_role": role, "team_seq": str(seq), "team_uuid": facts.get("uuid", ""),
                    "team_last_sync": "", "team_last_error": "",
                    **({"current_coder": coder} if coder else {})})
            finally:
                conn.close()
            # the history after the snapshot is received here too, before the folder is the
            # project: a coder it brings in is checked like one the snapshot holds
            progress.step("Receiving changes")
            project = Project.open(build)
            try:
                project.team.sync()
            except ServerUnreachable:
                pass  # the copy is whole; the next sync brings the rest
            finally:
                project.close()
            if not as_existing_coder:
                conn = sqlite3.connect(db_path)
                try:
                    _refuse_existing_coder(conn, name)
                finally:
                    conn.close()
    return Project.open(folder)


def _refuse_existing_coder(conn: sqlite3.Connection, name: str) -> None:
    existing = replica_tables.coder_named(conn, name)
    if existing is not None:
        raise ExistingCoder(
            f"The team's project already has a coder named '{existing}', with their codings; "
            "choose another coder name, or, if you are that coder, join with "
            "--as-existing-coder.")
