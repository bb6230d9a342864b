"""A project as one replica of a team's shared history on PostgreSQL (``project.team``).

Every change this researcher makes is also written, in the same transaction, to the outbox as a
portable change set with a UUID. ``sync`` pulls the server's history after this replica's
position, takes this replica's not-yet-placed change sets off, applies the history in the
server's order, puts them back on top, then pushes what is unsent. Every replica applies the same
change sets in the same order, so all of them end equal; the rules that make that safe are in
``docs/team.md``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.changes import ChangeSet, RowChange
from fieldkit.core.errors import BadInput
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.core.progress import Progress
from fieldkit.storage import case_tables, network_tables, pdf_tables, replica_tables, team_history
from fieldkit.storage.mediastore import MediaStore
from fieldkit.storage.replica_tables import Applier, Portable
from fieldkit.storage.team_server import (
    BlindSet,
    Incoming,
    Listener,
    LockState,
    Member,
    Server,
    ServerRefused,
    ServerUnreachable,
    public_url,
    unreachable,
    without_fields,
    without_memo_authors,
    without_tables,
)
from fieldkit.storage.writer import REMOTE, Writer
from fieldkit.team import credentials
from fieldkit.team.joining import ExistingCoder, join
from fieldkit.team.report import (
    Arrival,
    Names,
    SyncReport,
    overwritten_line,
    quoted,
    rules_notice,
    shown,
)
from fieldkit.team.validation import Invalid, Validator, is_media_key

if TYPE_CHECKING:
    from fieldkit.core.model import Document
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

LOCK_MINUTES = 15
_BLIND_NAMESPACE = uuidlib.UUID("5b0c4a3e-3f7e-4f53-9d7c-2a4f0f1e7d10")


@dataclass(slots=True)
class TeamStatus:
    """What the status indicator and ``team status`` show (from this replica, no network)."""

    url: str
    member: str
    role: str
    position: int
    to_send: int
    last_sync: str
    last_error: str
    #: what the last sync that had one left out or was refused, and when (kept until the next)
    last_problem: str = ""
    last_problem_at: str = ""

    @property
    def state(self) -> str:
        """'synced', 'to send' or 'offline' (the last sync failed)."""
        if self.last_error:
            return "offline"
        return "to send" if self.to_send else "synced"


class TeamWork:
    """The team side of one open project."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self._validator: Validator | None = None
        self.names = Names(store)

    # -- facts ---------------------------------------------------------------------------

    @property
    def joined(self) -> bool:
        return bool(self._store.meta("team_url"))

    @property
    def url(self) -> str:
        return str(self._store.meta("team_url", ""))

    @property
    def member(self) -> str:
        return str(self._store.meta("team_member", ""))

    @property
    def role(self) -> str:
        return str(self._store.meta("team_role", ""))

    @property
    def position(self) -> int:
        return int(self._store.meta("team_seq", "0") or 0)

    def status(self) -> TeamStatus:
        self._require_joined()
        with self._store.lock:
            to_send = replica_tables.unsent_count(self._store.conn)
        return TeamStatus(self.url, self.member, self.role, self.position, to_send,
                          self._store.meta("team_last_sync", ""),
                          self._store.meta("team_last_error", ""),
                          self._store.meta("team_problem", ""),
                          self._store.meta("team_problem_at", ""))

    def _require_joined(self) -> None:
        if not self.joined:
            raise BadInput("This project is not part of a team (publish it with "
                           "'team publish URL', or join one with 'team join URL PATH').")

    def _local(self) -> AbstractContextManager[ChangeSet]:
        """One transaction for this copy's own team facts (no undo step, nothing to send)."""
        return self._store.change("Team facts", log=False)

    def _set_meta(self, values: dict[str, str]) -> None:
        with self._local():
            for key, value in values.items():
                self._store.set_meta(key, value)

    # -- the outbox ----------------------------------------------------------------------

    def attach(self) -> None:
        """From now on every own change set also goes to the outbox (same transaction)."""
        self._store.commit_hook = self._record

    def _record(self, changeset: ChangeSet) -> None:
        conn = self._store.conn
        rows = Portable(conn).rows(changeset.changes)
        if not rows:
            return
        self._check_rules(rows)
        self.names.remember_deleted(rows)
        replica_tables.add_outgoing(conn, new_uuid(), utc_now(), self._store.coder_name,
                                    changeset.label, rows, changeset.changes)

    def _check_rules(self, rows: list[dict[str, Any]]) -> None:
        """The team's rules, before anything is written (the server checks them again)."""
        if self.role != "lead":
            for r in rows:
                if r["t"] == "codes" and (r["op"] == "delete" or (
                        r["op"] == "update"
                        and replica_tables.RESTRUCTURE_FIELDS & set(r["set"]))):
                    raise BadInput("Only the team lead renames, moves, merges or deletes "
                                   "codes; you can add codes and describe them.")
        self._check_memo_writers(rows)
        new_here = {r["k"] for r in rows if r["t"] == "documents" and r["op"] == "insert"}
        for r in rows:
            if r["t"] == "documents" and r["op"] == "update" and "text" in r["set"] \
                    and r["k"] not in new_here and not self._local_only(r["k"]):
                if r["k"] in self._blind_documents():
                    raise BadInput("This document is being coded blind; its text can be "
                                   "edited after the lead releases the set.")
                if not self._lock_held(r["k"]):
                    raise BadInput("Editing a shared document's text needs its edit lock; "
                                   "the team server gives it when it can be reached.")

    def _check_memo_writers(self, rows: list[dict[str, Any]]) -> None:
        """A changed memo is signed by the coder working here: undoing an edit of a
        colleague's memo would sign their text with their name again, which the team server
        refuses from anyone but them (they can undo it; you can write it back)."""
        mine = replica_tables.coder_uuid(self._store.conn, self._store.coder_name)
        for r in rows:
            if r["op"] != "update":
                continue
            for column in ("memo_modified_by", "modified_by"):
                writer = r["set"].get(column) if column in replica_tables.AUTHORS.get(
                    r["t"], ()) else None
                if writer is not None and writer != mine:
                    name = replica_tables.name_of(self._store.conn, "coders", writer) \
                        or "another coder"
                    raise BadInput(f"In a team this would sign a memo with {name}'s name "
                                   f"again (undoing your change to {name}'s memo); only "
                                   f"{name} can do that. Edit the memo back instead.")

    def _local_only(self, document_uuid: str) -> bool:
        with self._store.lock:
            return replica_tables.local_only(self._store.conn, document_uuid)

    def _lock_held(self, document_uuid: str) -> bool:
        expires = replica_tables.held_lock(self._store.conn, document_uuid)
        return expires is not None and expires > utc_now()

    def _blind_documents(self) -> set[str]:
        return set(json.loads(self._store.meta("team_blind", "[]") or "[]"))

    # -- connections ---------------------------------------------------------------------

    @contextmanager
    def server(self, timeout: int = 5) -> Iterator[Server]:
        """A connection to the team's server; a connection lost on the way is
        ``ServerUnreachable`` (one line), whatever call it broke."""
        import psycopg

        self._require_joined()
        with Server(self.url, password=credentials.password(self.url), timeout=timeout) as s:
            try:
                if s.team().get("uuid") != self._store.meta("team_uuid"):
                    raise BadInput(f"{self.url} holds another team than the one this project "
                                   "belongs to.")
                yield s
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                raise unreachable(self.url, str(exc).strip().splitlines()[0]) from None

    def listener(self) -> Listener:
        """A LISTEN connection: ``wait(timeout)`` is True when team mates sent changes."""
        self._require_joined()
        return Listener(self.url, password=credentials.password(self.url))

    # -- publishing and joining ----------------------------------------------------------

    def publish(self, url: str, *, progress: Progress | None = None) -> None:
        """Make this project the first state of a new team on ``url``; you become its lead."""
        if self.joined:
            raise BadInput(f"This project is already part of the team at {self.url}.")
        progress = progress or Progress()
        team_uuid = new_uuid()
        with Server(url, password=credentials.password(url), timeout=10) as server:
            with self._snapshot_file() as (snapshot, sha):
                media = self._media_rows()
                progress.start(len(media) + 1, "Sending media files")
                with server.conn.transaction():
                    server.create_team({"uuid": team_uuid, "name": self._project.name,
                                        "published": utc_now()})
                    for sha256, filename in media:
                        progress.step("Sending media files")
                        path = self._project.media.path(sha256, filename)
                        if path.is_file():
                            server.put_media(sha256, filename, path, self._project.media.key)
                    server.put_snapshot(snapshot, sha, 0)
                    progress.step("Sent the project")
            member = server.user
        self._set_meta({"team_url": public_url(url), "team_member": member,
                        "team_role": "lead", "team_seq": "0", "team_uuid": team_uuid,
                        "team_last_sync": utc_now(), "team_last_error": ""})
        self.attach()

    def leave(self) -> int:
        """This copy stops syncing with its team and is an ordinary project again (e.g. to
        publish it to a new server); returns how many of its own change sets were never sent
        (their work stays in this project, it is only not on the team's server)."""
        self._require_joined()
        with self._local():
            unsent = replica_tables.unsent_count(self._store.conn)
            replica_tables.leave_team(self._store.conn)
        self._store.commit_hook = None
        return unsent

    def snapshot(self, progress: Progress | None = None) -> int:
        """Store this (synced) copy on the server as the state new members start from, at
        its position: a join then receives only the history after it (the lead's work).

        Codings of a blind round not released yet are left out (they reach everyone, joiners
        too, from the history when the lead releases the round).
        """
        if self.role != "lead":
            raise BadInput("Only the team lead stores a new starting state of the project.")
        self.sync(progress)
        self.sync()  # the position now covers the change sets the first sync numbered
        if self.status().to_send:
            raise BadInput("Some of your changes were not sent; sync again first.")
        with self.server() as server, self._snapshot_file(server) as (snapshot, sha):
            rows = self._media_rows()
            present = server.media_present(sha256 for sha256, _ in rows)
            for sha256, filename in rows:
                path = self._project.media.path(sha256, filename)
                if path.is_file() and sha256 not in present:
                    server.put_media(sha256, filename, path, self._project.media.key)
            server.put_snapshot(snapshot, sha, self.position)
        return self.position

    @contextmanager
    def _snapshot_file(self, server: Server | None = None) -> Iterator[tuple[Path, str]]:
        """A copy of the project without this copy's own undo history, outbox and team facts,
        and (given the server) without codings of blind rounds not released yet."""
        snapshot = self._project.path / ".team-snapshot.sqlite"
        snapshot.unlink(missing_ok=True)
        try:
            with self._store.lock:
                replica_tables.snapshot(self._store.conn, str(snapshot))
            _clean_snapshot(snapshot)
            if server is not None:
                self._withdraw_blind(server, snapshot)
            yield snapshot, MediaStore.hash_file(snapshot)
        finally:
            snapshot.unlink(missing_ok=True)

    def _withdraw_blind(self, server: Server, snapshot: Path) -> None:
        """Undo, in the snapshot, every unreleased blind change set (newest first)."""
        bodies = team_history.unreleased_blind(server, self.position)
        if not bodies:
            return
        validator = self._catalog()
        inverse: list[dict[str, Any]] = []
        for body in reversed(bodies):
            try:
                rows = validator.check("change", body)[0]
            except Invalid:
                continue  # it was never applied anywhere
            inverse += [u for u in map(_inverse, reversed(rows)) if u is not None]
        inverse = validator.check("change", inverse)[0]  # what they put back is checked too
        conn = replica_tables.open_for_writing(str(snapshot))
        try:
            writer = Writer(conn)
            with writer.change("Leave out blind codings", log=False):
                Applier(writer).apply(inverse)
        finally:
            conn.close()

    def _media_rows(self) -> list[tuple[str, str]]:
        with self._store.lock:
            return replica_tables.media_files(self._store.conn)

    # -- members, blind sets, locks ------------------------------------------------------

    def members(self) -> list[Member]:
        with self.server() as server:
            return server.members()

    def add_member(self, name: str, *, role: str = "coder", password: str | None = None) -> None:
        with self.server() as server:
            if server.role() != "lead":
                raise BadInput("Only the team lead adds members.")
            server.add_member(name, role, password)

    def blind_sets(self) -> list[BlindSet]:
        with self.server() as server:
            return server.blind_sets()

    def make_blind(self, set_name: str) -> int:
        """Code a document set blind: until released, coders see only their own codings of it."""
        found = self._project.sets.get(set_name)
        if found.kind != "documents":
            raise BadInput(f"'{found.name}' is a set of codes; blind coding is for a set of "
                           "documents.")
        uuids = [self._project.document(d).uuid for d in found.members]
        with self.server() as server:
            if server.role() != "lead":
                raise BadInput("Only the team lead makes a set blind.")
            server.make_blind(found.uuid, found.name, uuids)
            self._remember_blind(server)
        return len(uuids)

    def release(self, set_name: str) -> int:
        """Release a blind set: everyone receives everyone's codings of it at the next sync."""
        with self.server() as server:
            blind = {b.name.casefold(): b for b in server.blind_sets()}
            found = blind.get(set_name.strip().casefold())
            if found is None:
                names = ", ".join(sorted(b.name for b in blind.values())) or "none"
                raise BadInput(f"No blind set named '{set_name}' (blind sets: {names}).")
            if found.released_seq is not None:
                raise BadInput(f"'{found.name}' was released already.")
            if server.role() != "lead":
                raise BadInput("Only the team lead releases a blind set.")
            seq = server.release(found.uuid, {
                "uuid": new_uuid(), "at": utc_now(), "coder": self._store.coder_name,
                "label": f"Release {found.name}", "body": []})
            self._remember_blind(server)
            return seq

    def _remember_blind(self, server: Server) -> None:
        unreleased = sorted({d for b in server.blind_sets() if b.released_seq is None
                             for d in b.documents})
        self._set_meta({"team_blind": json.dumps(unreleased)})

    def _remember_role(self, server: Server) -> None:
        """This member's role as the server has it now (the lead may have changed it): what
        this copy's lead-only actions follow. A member taken off the team keeps the last
        role here; the server refuses their work."""
        role = server.role()
        if role is not None and role != self.role:
            self._set_meta({"team_role": role})

    def lock(self, ref: int | str, minutes: int = LOCK_MINUTES) -> LockState:
        """Take (or renew) the edit lock of a document's text on the server."""
        doc = self._project.document(ref)
        with self.server() as server:
            state = server.lock(doc.uuid, self._store.coder_name, minutes)
        if not state.mine:
            raise BadInput(f"'{doc.title}' is being edited by {state.member} "
                           f"({state.coder}) until {_clock(state.expires)}.")
        with self._local():
            replica_tables.hold_lock(self._store.conn, doc.uuid, state.expires)
        return state

    def unlock(self, ref: int | str) -> None:
        doc = self._project.document(ref)
        with self._local():
            replica_tables.hold_lock(self._store.conn, doc.uuid, None)
        try:
            with self.server() as server:
                server.unlock(doc.uuid)
        except ServerUnreachable:
            pass  # it expires on the server by itself

    def before_text_edit(self, doc: Document) -> None:
        """Take the edit lock now if this replica does not hold it (and the text is shared);
        a lock held for less than ten more minutes is renewed when the server answers."""
        if self._local_only(doc.uuid):
            return
        if self._lock_held(doc.uuid):
            expires = replica_tables.held_lock(self._store.conn, doc.uuid) or ""
            soon = (datetime.now(UTC) + timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
            if expires < soon:
                try:
                    self.lock(doc.id)
                except (ServerUnreachable, BadInput):
                    pass  # still held until it expires; the server checks again on sending
            return
        if doc.uuid in self._blind_documents():
            raise BadInput("This document is being coded blind; its text can be edited after "
                           "the lead releases the set.")
        try:
            self.lock(doc.id)
        except ServerUnreachable as exc:
            raise BadInput(f"Editing a shared document's text needs its edit lock, and the "
                           f"team server cannot be reached now ({exc}). Codings can go on "
                           "offline.") from None

    # -- sync ----------------------------------------------------------------------------

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """Pull the team's history after this replica's position, then push what is unsent.

        With the server unreachable this raises ``ServerUnreachable`` and changes nothing here.
        Nothing the server sends stops a sync: what cannot be applied is skipped (the same on
        every copy) and named in the report, and the position moves past it.
        """
        progress = progress or Progress()
        try:
            with self.server() as server:
                progress.start(2, "Receiving changes")
                self._remember_blind(server)
                self._remember_role(server)
                notices, may_send = self._server_rules(server)
                report = self._pull(server)
                report.notices += notices
                progress.step("Sending changes")
                if may_send:
                    self._push(server, report)
                progress.step("Synced")
        except ServerUnreachable as exc:
            self._set_meta({"team_last_error": str(exc)})
            raise
        except ServerRefused as exc:
            self._set_meta({"team_problem": f"Refused by the server: {exc}",
                            "team_problem_at": utc_now()})
            raise
        facts = {"team_last_sync": utc_now(), "team_last_error": ""}
        if report.problem():
            facts.update(team_problem=report.problem(), team_problem_at=utc_now())
        self._set_meta(facts)
        report.position = self.position
        return report

    def upgrade(self) -> str:
        """Bring the team server's rules (its functions, policy and grants) up to this
        fieldkit's, keeping every row (the lead's): one line saying what was done."""
        with self.server() as server:
            if server.role() != "lead":
                raise BadInput("Only the team lead brings the team server's rules up to date.")
            state = server.rules()
            if state.state == "same":
                return f"The team server's rules are this fieldkit's already (version " \
                    f"{state.mine}); nothing was changed."
            server.upgrade_rules()
        return rules_notice("upgraded", state.server_version, state.mine)

    def _server_rules(self, server: Server) -> tuple[list[str], bool]:
        """The server's rules against this fieldkit's: the lead's sync brings older ones up to
        date; a member is told to ask the lead; a fieldkit older than the server's rules sends
        nothing (its checks would be weaker than the team's). (notices, may send)"""
        state = server.rules()
        if state.state == "same":
            return [], True
        if state.state == "newer":
            return [rules_notice("newer", state.server_version, state.mine)], False
        if server.role() != "lead":
            return [rules_notice("older", state.server_version, state.mine)], True
        try:
            server.upgrade_rules()
        except ServerRefused as exc:
            return [str(exc)], True
        return [rules_notice("upgraded", state.server_version, state.mine)], True

    def _catalog(self) -> Validator:
        if self._validator is None:
            with self._store.lock:
                self._validator = Validator(replica_tables.catalog(self._store.conn))
        return self._validator

    def _checked(self, incoming: list[Incoming], report: SyncReport) -> None:
        """Every change set checked before anything is applied: a malformed row is left out
        (a body that is not a list of rows: the whole change set), and named."""
        validator = self._catalog()
        for item in incoming:
            where = f"Change set {quoted(item.label)} from {shown(item.member)} #{item.seq}"
            try:
                item.body, problems = validator.check(item.kind, item.body)
            except Invalid as exc:
                problems, item.body = [str(exc)], []
            report.skipped += [f"{where}: not a valid change ({p})" for p in problems]

    def _pull(self, server: Server) -> SyncReport:
        report = SyncReport()
        start = self.position
        top, incoming = server.pull(start)
        self._checked(incoming, report)
        self._fetch_media(server, incoming, report)
        conn = self._store.conn
        with self._store.change("Sync with the team", origin=REMOTE) as changeset:
            # read inside the transaction: work done while the server answered is included
            mine = replica_tables.outgoing(conn, after_seq=start)
            by_uuid = {o.uuid: o for o in mine}
            blind_parts = {_blind_uuid(o.uuid): o for o in mine}
            sent_meanwhile = {i.uuid: i.seq for i in incoming
                              if i.uuid in by_uuid and by_uuid[i.uuid].seq is None}
            foreign = [i for i in incoming
                       if i.uuid not in by_uuid and i.uuid not in blind_parts]
            replica_tables.mark_sent(conn, sent_meanwhile)
            for o in mine:
                if o.uuid in sent_meanwhile:
                    o.seq = sent_meanwhile[o.uuid]
            if foreign:
                first = foreign[0].pos
                to_move = [o for o in mine if o.seq is None or o.seq >= first]
                reserved = _reserved(to_move)
                for o in reversed(to_move):  # take own work off, newest first
                    for c in reversed(o.local):
                        self._store.apply(c.inverse())
                applier = Applier(self._store, reserved=reserved,
                                  on_text_edit=self._project.reanchor,
                                  on_placed=self._project.fit_coding)
                redone: dict[int, list[RowChange]] = {}
                for item in incoming:
                    if item.pos < first:
                        continue  # own work already in its place
                    own = by_uuid.get(item.uuid) or blind_parts.get(item.uuid)
                    keep = replica_tables.own_inserts(own.local) if own else None
                    mark = len(changeset.changes)
                    self._apply(applier, item.body, report, keep,
                                f"#{item.seq} from {shown(item.member)}")
                    if own is not None:
                        redone.setdefault(own.id, []).extend(changeset.changes[mark:])
                    else:
                        report.received.append(Arrival(item.member, item.coder, item.label,
                                                       item.at))
                for o in to_move:
                    if o.seq is not None:
                        continue  # came back from the server above, in its place
                    mark = len(changeset.changes)
                    self._apply(applier, o.body, report, replica_tables.own_inserts(o.local),
                                "your own, not sent yet")
                    redone.setdefault(o.id, []).extend(changeset.changes[mark:])
                for outbox_id, local in redone.items():
                    replica_tables.set_local(conn, outbox_id, local)
                self.names.remember(applier.gone)
            self._store.set_meta("team_seq", str(top))
            replica_tables.forget_applied(conn, top)
        return report

    def _apply(self, applier: Applier, body: list[dict[str, Any]], report: SyncReport,
               keep: dict[tuple[str, str], int] | None, where: str = "from the team") -> None:
        done = applier.apply(body, keep_ids=keep)
        for skip in done.skipped:
            report.skipped.append(f"{self.names.describe(skip.row, applier.gone)}: "
                                  f"{skip.reason} ({where})")
        report.overwritten += [overwritten_line(row, o, where) for row, o in done.overwritten]

    def _fetch_media(self, server: Server, incoming: list[Incoming],
                     report: SyncReport) -> None:
        """Files the incoming change sets add (and any this copy still misses), fetched and
        checked against their hash before anything is applied."""
        wanted = {r["k"]: r["set"].get("filename", "") for item in incoming for r in item.body
                  if r["t"] == "media" and r["op"] == "insert"}
        wanted.update(self._media_rows())
        missing = {sha: name for sha, name in wanted.items()
                   if is_media_key(sha) and isinstance(name, str)
                   and not self._project.media.path(sha, name).exists()}
        present = server.media_present(missing) if missing else set()
        for sha, name in missing.items():
            if sha not in present:
                continue  # not uploaded (yet): the next sync asks again
            if not self._project.media.put_chunks(server.get_media(sha), sha, name):
                report.skipped.append(f"The media file {quoted(name)} ({sha[:12]}…): what "
                                      "the server holds does not match its hash; not kept")

    def _push(self, server: Server, report: SyncReport) -> None:
        conn = self._store.conn
        with self._store.lock:
            unsent = replica_tables.outgoing(conn, unsent_only=True)
        if not unsent:
            return
        blind = self._blind_documents()
        payload: list[dict[str, Any]] = []
        owner: dict[str, str] = {}
        for o in unsent:
            self._send_media(server, o.body)
            hidden = [r for r in o.body if r["t"] == "codings" and r.get("doc") in blind]
            shown = [r for r in o.body if not (r["t"] == "codings" and r.get("doc") in blind)]
            base = {"at": o.at, "coder": o.coder, "label": o.label}
            if shown:
                payload.append({**base, "uuid": o.uuid, "body": shown})
                owner[o.uuid] = o.uuid
            if hidden:
                part = _blind_uuid(o.uuid) if shown else o.uuid
                payload.append({**base, "uuid": part, "body": hidden})
                owner[part] = o.uuid
        if not server.knows_memo_authors():
            payload = without_memo_authors(payload)
        if not server.knows_case_tables():
            payload = without_tables(payload, case_tables.TEAM_TABLES)
        if not server.knows_network_tables():
            payload = without_tables(payload, network_tables.TEAM_TABLES)
        if not server.knows_pdf_tables():
            payload = without_fields(without_tables(payload, pdf_tables.TEAM_TABLES),
                                     pdf_tables.TEAM_FIELDS)
        before = server.last_seq()
        try:
            numbers = server.push(payload)
        except ServerRefused:
            numbers = self._push_one_by_one(server, payload, report)
        sent: dict[str, int] = {}
        for part, seq in numbers.items():
            sent[owner[part]] = max(seq, sent.get(owner[part], 0))
        with self._local():
            replica_tables.mark_sent(conn, sent)
            placed = sorted(numbers.values())
            if placed and placed[0] == before + 1 and self.position == before \
                    and placed == list(range(before + 1, before + 1 + len(placed))):
                # nobody sent anything between our pull and this push: we are at the top
                self._store.set_meta("team_seq", str(placed[-1]))
                replica_tables.forget_applied(conn, placed[-1])
        report.sent = len(sent)

    def _push_one_by_one(self, server: Server, payload: list[dict[str, Any]],
                         report: SyncReport) -> dict[str, int]:
        """Find what the server refuses; it is taken back here, the rest is sent."""
        numbers: dict[str, int] = {}
        for item in payload:
            try:
                numbers.update(server.push([item]))
            except ServerRefused as exc:
                report.refused.append(f"{item['label']}: {exc}")
                self._take_back(item["uuid"])
        return numbers

    def _take_back(self, outbox_uuid: str) -> None:
        with self._store.lock:
            found = [o for o in replica_tables.outgoing(self._store.conn, unsent_only=True)
                     if o.uuid == outbox_uuid]
        if not found:
            return
        with self._store.change(f"Refused by the team server: {found[0].label}", origin=REMOTE):
            for c in reversed(found[0].local):
                self._store.apply(c.inverse())
            replica_tables.drop_outgoing(self._store.conn, outbox_uuid)

    def _send_media(self, server: Server, body: list[dict[str, Any]]) -> None:
        files = [(r["k"], r["set"].get("filename", "")) for r in body
                 if r["t"] == "media" and r["op"] == "insert"]
        present = server.media_present(sha for sha, _ in files)
        for sha, name in files:
            path = self._project.media.path(sha, name)
            if sha not in present and path.is_file():
                server.put_media(sha, name, path, self._project.media.key)

    # -- a canonical picture, for tests and `team status --check` ------------------------

    def canonical(self) -> dict[str, list[Any]]:
        with self._store.lock:
            return replica_tables.canonical(self._store.conn)


def _blind_uuid(outbox_uuid: str) -> str:
    return str(uuidlib.uuid5(_BLIND_NAMESPACE, outbox_uuid))


def _reserved(moving: list[replica_tables.Outgoing]) -> dict[str, int]:
    """Highest local id each table's own inserts use: incoming rows are numbered above it."""
    out: dict[str, int] = {}
    for o in moving:
        for c in o.local:
            if c.before is None and c.after is not None:
                out[c.table] = max(out.get(c.table, 0), c.key)
    return out


def _clock(expires: str) -> str:
    try:
        when = datetime.fromisoformat(expires.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return expires
    return when.strftime("%H:%M")


def _inverse(row: dict[str, Any]) -> dict[str, Any] | None:
    """The row that undoes ``row`` (an insert deleted, an update or delete put back)."""
    was = row.get("was")
    if row["op"] == "insert":
        return {"t": row["t"], "k": row["k"], "op": "delete"}
    if not isinstance(was, dict):
        return None
    return {"t": row["t"], "k": row["k"], "op": "insert" if row["op"] == "delete" else "update",
            "set": was}


def _clean_snapshot(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            replica_tables.clear_for_replica(conn)
    finally:
        conn.close()


__all__ = ["TeamWork", "TeamStatus", "SyncReport", "Arrival", "join", "ExistingCoder",
           "ServerUnreachable", "ServerRefused"]
