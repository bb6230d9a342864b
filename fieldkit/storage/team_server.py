"""The team's shared history on a PostgreSQL server: every statement fieldkit sends it.

The database holds, in schema ``fieldkit``: the team's facts, its members (one PostgreSQL role
each) and their roles, which member each coder belongs to, the append-only table of change sets
numbered by ``seq``, the project snapshots change sets start from, media files by sha256, edit
locks with an expiry, and blind document sets. Members write nothing directly: every write is a
call of a ``SECURITY DEFINER`` function (``team_server_sql``) that knows the member by
``session_user``, checks every row against a strict schema and the server's own record, and
numbers change sets itself. Row-level security hides others' codings of an unreleased blind set.
NOTIFY tells open apps that the history grew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.core.errors import BadInput, DamagedMedia, FieldkitError, MediaUnfit
from fieldkit.storage import memo_authors, schema, team_server_rules, team_server_sql
from fieldkit.storage.mediastore import CHANGED, open_media

FORMAT = "2"  # 1: members wrote tables directly (issue 21); 2: every write through the API
CHANNEL = "fieldkit_changes"
CHUNK = team_server_sql.CHUNK_LIMIT  # bytes of a media file or snapshot per row
_EXPIRES = """to_char(expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
LOCK_MINUTES_MAX = 24 * 60


def team_roles(dbname: str) -> tuple[str, str]:
    """The two roles of a team database that nobody logs in as: the owner of every table and
    function, and the group every member belongs to (what members may do is granted to it)."""
    stem = "fieldkit_" + dbname[:40]
    return f"{stem}_owner", f"{stem}_members"


class ServerUnreachable(FieldkitError):
    """The team server cannot be reached; local work is untouched."""


class ServerRefused(FieldkitError):
    """The team server refused what was sent (a rule of the team, a missing right)."""


@dataclass(slots=True)
class Incoming:
    """A change set from the team's history, at the place it applies (``pos``)."""

    seq: int
    pos: int
    uuid: str
    member: str
    at: str
    coder: str
    label: str
    kind: str
    body: list[dict[str, Any]]


@dataclass(slots=True)
class Member:
    name: str
    role: str
    coders: int
    change_sets: int
    last_change: str


@dataclass(slots=True)
class BlindSet:
    uuid: str
    name: str
    documents: list[str]
    released_seq: int | None


@dataclass(slots=True)
class LockState:
    document: str
    member: str
    coder: str
    expires: str
    mine: bool


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - a dependency of fieldkit
        raise FieldkitError("Team work needs the psycopg package (pip install psycopg).") \
            from exc
    return psycopg


def _params(url: str) -> dict[str, Any]:
    psycopg = _psycopg()
    try:
        return dict(psycopg.conninfo.conninfo_to_dict(url))
    except psycopg.ProgrammingError as exc:
        raise BadInput(f"Not a PostgreSQL URL: {url} ({_first_line(exc)}).") from None


def public_url(url: str) -> str:
    """The URL without a password, as shown and stored (passwords are never kept)."""
    params = _params(url)
    if "password" not in params and url.startswith(("postgresql://", "postgres://")):
        return url
    params.pop("password", None)
    return _as_url(params)


def url_with(url: str, **changes: str) -> str:
    """The URL with some of its parts changed (``user=`` for ``team join --member``)."""
    params = {**_params(url), **changes}
    params.pop("password", None)
    return _as_url(params)


def _as_url(params: dict[str, Any]) -> str:
    from urllib.parse import quote

    host, port, user, db = (params.pop(k, None) for k in ("host", "port", "user", "dbname"))
    if host and "/" in str(host):  # a Unix socket folder
        params["host"] = host
        host = None
    out = "postgresql://" + (f"{quote(str(user), safe='')}@" if user else "") + (host or "") \
        + (f":{port}" if port else "") + (f"/{quote(str(db), safe='')}" if db else "")
    if params:
        out += "?" + "&".join(f"{k}={quote(str(v), safe='/')}" for k, v in sorted(params.items()))
    return out


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def unreachable(url: str, detail: str) -> ServerUnreachable:
    """The one message for a server that cannot be reached, or stopped answering."""
    detail = detail.removeprefix("connection failed: ").rstrip(".")
    return ServerUnreachable(f"The team server {public_url(url)} cannot be reached ({detail}); "
                             "work done here stays here and is sent at the next sync.")


def connect(url: str, *, password: str | None = None, timeout: int = 5) -> Any:
    """An autocommit connection, or one line saying why not (unreachable, login, bad URL)."""
    psycopg = _psycopg()
    kwargs: dict[str, Any] = {"connect_timeout": timeout, "autocommit": True,
                              "application_name": "fieldkit"}
    if password:
        kwargs["password"] = password
    try:
        return psycopg.connect(url, **kwargs)
    except psycopg.OperationalError as exc:
        text = _first_line(exc)
        if "password" in text or "authentication" in text:
            raise ServerRefused(
                f"The team server {public_url(url)} did not accept the login: "
                f"{text.split(': ')[-1]} (fieldkit never stores passwords: put it in your "
                "pgpass file or the system keyring)."
            ) from None
        raise unreachable(url, text) from None
    except psycopg.ProgrammingError as exc:
        raise BadInput(f"Not a PostgreSQL URL: {public_url(url)} "
                       f"({_first_line(exc)}).") from None


class Server:
    """One connection to the team database (psycopg 3; libpq reads pgpass and TLS settings)."""

    def __init__(self, url: str, *, password: str | None = None, timeout: int = 5) -> None:
        self.url = url
        self.conn: Any = connect(url, password=password, timeout=timeout)
        # fieldkit's queries are short; a plan whose estimate crosses jit_above_cost (a pull
        # with a long blind round behind it) spent 300 ms compiling what runs in 1 ms
        self.conn.execute("SET jit = off")
        try:
            self._check_format()
        except BaseException:
            self.close()
            raise

    def _check_format(self) -> None:
        """Refuse a team whose server schema is not this fieldkit's: a format-1 server lets any
        member rewrite others' work (its rules were the client's), a newer one has rules this
        copy does not know."""
        if not self.has_team():
            return
        row = self.conn.execute("SELECT value FROM fieldkit.team WHERE key = 'format'"
                                ).fetchone()
        found = str(row[0]) if row else "?"
        if found == FORMAT:
            return
        where = public_url(self.url)
        if found.isdigit() and int(found) > int(FORMAT):
            raise ServerRefused(f"The team at {where} was set up by a newer fieldkit; update "
                                "fieldkit to work with it (nothing was changed).")
        raise ServerRefused(
            f"The team at {where} was set up by an earlier fieldkit whose server let any member "
            "rewrite others' work; it is not used any more (nothing was changed). The lead "
            "publishes their copy to a new database (fieldkit team publish URL) and every "
            "member joins that one.")

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # a connection the server already dropped
            pass

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def user(self) -> str:
        return str(self.conn.info.user)

    # -- errors --------------------------------------------------------------------------

    def _call(self, fn: Any, *args: Any) -> Any:
        psycopg = _psycopg()
        try:
            return fn(*args)
        except psycopg.errors.RaiseException as exc:
            message = _first_line(exc).removeprefix("fieldkit: ")
            raise ServerRefused(message[:1].upper() + message[1:] + ".") from None
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ServerRefused(f"The team server refused this: {_first_line(exc)}.") from None
        except (psycopg.errors.DataError, psycopg.errors.IntegrityError,
                psycopg.errors.QueryCanceled) as exc:
            raise ServerRefused(f"The team server refused this: {_first_line(exc)}.") from None
        except psycopg.OperationalError as exc:
            raise unreachable(self.url, _first_line(exc)) from None

    # -- the team ------------------------------------------------------------------------

    def has_team(self) -> bool:
        return bool(self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'fieldkit')"
        ).fetchone()[0])  # type: ignore[index]

    def team(self) -> dict[str, str]:
        if not self.has_team():
            raise BadInput(f"{public_url(self.url)} holds no fieldkit team (publish a project "
                           "there first: fieldkit -p PROJECT team publish URL).")
        return {k: v for k, v in self.conn.execute("SELECT key, value FROM fieldkit.team")}

    def create_team(self, facts: dict[str, str]) -> None:
        """Make the schema, owned by a role nobody logs in as, with the connecting user as the
        team's lead (who needs CREATEROLE, or the two roles made beforehand by an admin)."""
        from psycopg import sql

        if self.has_team():
            raise BadInput(f"{public_url(self.url)} already holds a fieldkit team; join it "
                           "instead (fieldkit team join URL PATH).")
        owner, group = team_roles(str(self.conn.info.dbname))
        me = sql.Identifier(self.user)

        def run() -> None:
            with self.conn.transaction():
                for role in (owner, group):
                    if not self._role_exists(role):
                        self.conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(
                            sql.Identifier(role)))
                    if not self._member_of(role):  # an admin may have granted it already
                        self.conn.execute(sql.SQL("GRANT {} TO {}").format(
                            sql.Identifier(role), me))
                self.conn.execute(sql.SQL("CREATE SCHEMA fieldkit AUTHORIZATION {}").format(
                    sql.Identifier(owner)))
                self.conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(owner)))
                self.conn.execute(team_server_sql.schema_sql(CHANNEL))  # type: ignore[arg-type]
                tables, columns = team_server_sql.row_spec()
                with self.conn.cursor() as cur:
                    cur.executemany("INSERT INTO fieldkit.tables VALUES (%s, %s, %s)", tables)
                    cur.executemany("INSERT INTO fieldkit.columns VALUES (%s, %s, %s, %s)",
                                    columns)
                    cur.executemany(
                        "INSERT INTO fieldkit.team (key, value) VALUES (%s, %s)",
                        [("format", FORMAT), ("members_role", group),
                         ("row_spec", str(schema.latest_version())),
                         ("change_set_limit", str(team_server_sql.DEFAULT_LIMIT)),
                         ("rules_version", str(team_server_rules.current(CHANNEL)[0])),
                         ("rules_hash", team_server_rules.current(CHANNEL)[1]),
                         *facts.items()])
                self.conn.execute("INSERT INTO fieldkit.members (name, role) "
                                  "VALUES (session_user, 'lead')")
                for line in team_server_sql.GRANTS.strip().split(";"):
                    self.conn.execute(sql.SQL(line.replace("{group}", "{}")).format(
                        sql.Identifier(group)))
                self.conn.execute("RESET ROLE")
                if self.conn.execute("SELECT has_database_privilege(%s, current_database(), "
                                     "'CONNECT')", (group,)).fetchone()[0] is not True:
                    self.conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                        sql.Identifier(self.conn.info.dbname), sql.Identifier(group)))
                # the lead works through the same functions as everyone (and does not read
                # others' blind codings as the tables' owner could); where an admin granted
                # the owner role, only the admin can take it back
                try:
                    with self.conn.transaction():
                        self.conn.execute(sql.SQL("REVOKE {} FROM {}").format(
                            sql.Identifier(owner), me))
                except _psycopg().errors.InsufficientPrivilege:
                    pass
        self._call(run)

    def rules(self) -> team_server_rules.RulesState:
        """The server's rules against this fieldkit's ('same', 'older', 'newer')."""
        return team_server_rules.compare(self.team(), CHANNEL)

    def upgrade_rules(self) -> team_server_rules.RulesState:
        """Replace the server's functions, policy and grants by this fieldkit's, in one
        transaction, keeping every row (the lead's): the state before. Refused for anyone but
        the lead, for a server whose rules are newer, and, in one line, where the lead cannot
        take the owner role (PostgreSQL 12-15 without CREATEROLE: the administrator grants it)."""
        before = self.rules()
        if self.role() != "lead":
            raise ServerRefused("Only the team lead brings the team server's rules up to date.")
        if before.state == "newer":
            raise ServerRefused("The team server's rules are newer than this fieldkit's; "
                                "update fieldkit (nothing was changed).")
        found = self.conn.execute("SELECT pg_get_userbyid(nspowner) FROM pg_namespace "
                                  "WHERE nspname = 'fieldkit'").fetchone()
        owner = str(found[0]) if found else team_roles(str(self.conn.info.dbname))[0]
        group = self._members_group()

        def run() -> None:
            with self.conn.transaction():
                try:
                    team_server_rules.replace(self.conn, owner, group, CHANNEL)
                except PermissionError:
                    raise ServerRefused(
                        f"To bring the team server's rules up to date, {self.user} needs the "
                        f"role {owner} for a moment: the administrator runs GRANT {owner} TO "
                        f"{self.user}; (and REVOKE it after the upgrade); nothing was changed."
                    ) from None
        self._call(run)
        return before

    def _members_group(self) -> str:
        """The group role every member of this team belongs to."""
        return self.team().get("members_role") or team_roles(str(self.conn.info.dbname))[1]

    def _member_of(self, role: str) -> bool:
        return bool(self.conn.execute("SELECT pg_has_role(session_user, %s, 'MEMBER')",
                                      (role,)).fetchone()[0])  # type: ignore[index]

    def _role_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                 (name,)).fetchone() is not None

    def members(self) -> list[Member]:
        rows = self.conn.execute("""
            SELECT m.name, m.role,
                   (SELECT count(*) FROM fieldkit.coders c WHERE c.member = m.name),
                   (SELECT count(*) FROM fieldkit.change_sets s WHERE s.member = m.name),
                   (SELECT coalesce(max(s.at)::text, '') FROM fieldkit.change_sets s
                    WHERE s.member = m.name)
            FROM fieldkit.members m ORDER BY m.role DESC, m.name""").fetchall()
        return [Member(*r) for r in rows]

    def role(self) -> str | None:
        found = self.conn.execute("SELECT role FROM fieldkit.members WHERE name = session_user"
                                  ).fetchone()
        return None if found is None else str(found[0])

    def add_member(self, name: str, role: str, password: str | None) -> None:
        """Register a member, or change a member's role (the lead's work): their PostgreSQL
        role (made if missing, with the password hashed here: the server never sees it), its
        place in the team's members group, its row."""
        psycopg = _psycopg()
        from psycopg import sql

        if role not in ("lead", "coder"):
            raise BadInput(f"A member's role is 'lead' or 'coder', not '{role}'.")
        if not name.strip() or len(name) > 63:
            raise BadInput("A member's name is their PostgreSQL role: 1 to 63 characters.")
        ident = sql.Identifier(name)
        group = self._members_group()

        def run() -> None:
            with self.conn.transaction():
                if self.role() != "lead":
                    raise ServerRefused("Only the team lead adds members or changes roles.")
                secret = None if not password else sql.Literal(self._scram(name, password))
                if not self._role_exists(name):
                    if secret is None:
                        raise BadInput(f"{name} has no login on the server yet: give a password "
                                       "(typed when asked, or FIELDKIT_MEMBER_PASSWORD).")
                    self.conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        ident, secret))
                elif secret is not None:
                    self.conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, secret))
                self.conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), ident))
                self.conn.execute("SELECT fieldkit.add_member(%s, %s)", (name, role))
        try:
            self._call(run)
        except psycopg.errors.InsufficientPrivilege as exc:  # pragma: no cover
            raise ServerRefused(f"Adding a member needs a server user allowed to create roles "
                                f"(CREATEROLE): {_first_line(exc)}.") from None

    def _scram(self, user: str, password: str) -> str:
        """The SCRAM-SHA-256 verifier of a password, made by libpq here: what the server keeps,
        and all it (or its log) ever sees."""
        verifier = self.conn.pgconn.encrypt_password(password.encode(), user.encode(),
                                                     b"scram-sha-256")
        return bytes(verifier).decode()

    def remove_member(self, name: str) -> None:
        """Take a member off the team: their row, their locks, their place in the group (their
        login role stays, in case it is used elsewhere; their history stays)."""
        from psycopg import sql

        group = self._members_group()

        def run() -> None:
            with self.conn.transaction():
                self.conn.execute("SELECT fieldkit.remove_member(%s)", (name,))
                if self._role_exists(name):
                    self.conn.execute(sql.SQL("REVOKE {} FROM {}").format(
                        sql.Identifier(group), sql.Identifier(name)))
        self._call(run)

    def set_limit(self, size: int) -> None:
        """The largest change set (bytes of JSON) the server accepts (the lead's setting)."""
        self._call(lambda: self.conn.execute("SELECT fieldkit.set_fact('change_set_limit', %s)",
                                             (str(size),)))

    # -- history -------------------------------------------------------------------------

    def knows_memo_authors(self) -> bool:
        """Whether the server's row schema has the memo writers of schema step 12: a team
        server set up by an earlier fieldkit refuses rows that name them (its members send
        their rows without them; see ``without_memo_authors``)."""
        found = self.conn.execute(
            "SELECT value FROM fieldkit.team WHERE key = 'row_spec'").fetchone()
        return found is not None and str(found[0]).isdigit() and int(found[0]) >= 12

    def knows_case_tables(self) -> bool:
        """Whether the server's row schema has the attribute definitions and case parts of
        schema step 14: a server set up by an earlier fieldkit refuses rows of tables it does
        not know (its members send their change sets without them; ``without_tables``)."""
        found = self.conn.execute(
            "SELECT value FROM fieldkit.team WHERE key = 'row_spec'").fetchone()
        return found is not None and str(found[0]).isdigit() and int(found[0]) >= 14

    def row_spec(self) -> int:
        """The schema step whose rows the server was set up to take (0 when it does not say)."""
        found = self.conn.execute(
            "SELECT value FROM fieldkit.team WHERE key = 'row_spec'").fetchone()
        return int(found[0]) if found is not None and str(found[0]).isdigit() else 0

    def knows_network_tables(self) -> bool:
        """Whether the server's row schema has the relation types, networks and links of
        schema step 16 (a server set up earlier refuses their rows: ``without_tables``)."""
        return self.row_spec() >= 16

    def knows_pdf_tables(self) -> bool:
        """Whether the server's row schema has the PDF pages and an area's page of schema step
        15 (a server set up before it gets change sets without them: ``without_tables`` and
        ``without_fields``)."""
        return self.row_spec() >= 15

    def last_seq(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM fieldkit.change_sets"
                                     ).fetchone()[0])  # type: ignore[index]

    def push(self, sets: Iterable[dict[str, Any]]) -> dict[str, int]:
        """Append change sets in order; one already there (same uuid) is not added again.

        Returns uuid -> seq for every set given. One transaction: all or nothing; a change set
        the server refuses is ``ServerRefused`` with the server's one-line reason.
        """
        body = json.dumps(list(sets), ensure_ascii=False)

        def run() -> dict[str, int]:
            with self.conn.transaction():
                rows = self.conn.execute("SELECT uuid, seq FROM fieldkit.push(%s::jsonb)",
                                         (body,)).fetchall()
            return {str(u): int(n) for u, n in rows}
        return self._call(run)  # type: ignore[no-any-return]

    def pull(self, after: int) -> tuple[int, list[Incoming]]:
        """Everything this member may see that applies after position ``after``, in order.

        Another member's codings of a blind set come at the set's release; one's own at once.
        Returns (the history's last number, the change sets).
        """
        def run() -> tuple[int, list[Incoming]]:
            with self.conn.transaction():
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                top = self.last_seq()
                # two parts, so a pull reads only blind rounds released after ``after``
                # (one OR made every pull read every blind coding ever released)
                rows = self.conn.execute("""
                    SELECT c.seq, c.seq AS pos, c.uuid, c.member, c.at::text, c.coder,
                           c.label, c.kind, c.body
                    FROM fieldkit.change_sets c
                    WHERE c.seq > %(after)s AND (c.blind_set IS NULL OR c.member = session_user)
                    UNION ALL
                    SELECT c.seq, b.released_seq, c.uuid, c.member, c.at::text, c.coder,
                           c.label, c.kind, c.body
                    FROM fieldkit.blind_sets b
                    JOIN fieldkit.change_sets c
                         ON c.blind_set = b.set_uuid AND c.blind_set IS NOT NULL
                    WHERE b.released_seq > %(after)s AND c.member <> session_user
                    ORDER BY 2, 1""", {"after": after}).fetchall()
            return top, [Incoming(*r) for r in rows]
        return self._call(run)  # type: ignore[no-any-return]

    # -- snapshots and media -------------------------------------------------------------

    def put_snapshot(self, path: Path, sha256: str, seq: int) -> None:
        """Store a project file as the state new members start from at ``seq`` (the lead's).

        The server hashes what arrived and records the file's rows as the lead's (so a
        coder present at publish belongs to the lead); a file that arrived other than sent is
        refused."""
        known = json.dumps(team_server_sql.snapshot_rows(str(path)), ensure_ascii=False)

        def run() -> None:
            with self.conn.transaction():
                for n, data in enumerate(_chunks(path, sha256, "the project snapshot")):
                    self.conn.execute("SELECT fieldkit.stage_chunk('snapshot', '', %s, %s)",
                                      (n, data))
                got = self.conn.execute("SELECT fieldkit.store_snapshot(%s, %s::jsonb)",
                                        (seq, known)).fetchone()[0]  # type: ignore[index]
                if got != sha256:
                    raise ServerRefused("The project file arrived on the team server other "
                                        "than it was sent; try again.")
        self._call(run)

    def get_snapshot(self, target: Path) -> tuple[int, str]:
        """Write the latest snapshot to ``target``; returns (its seq, its sha256)."""
        def run() -> tuple[int, str]:
            found = self.conn.execute("SELECT id, seq, sha256 FROM fieldkit.snapshots "
                                      "ORDER BY id DESC LIMIT 1").fetchone()
            if found is None:
                raise BadInput("The team server holds no project yet.")
            snap, seq, sha = found
            with open(target, "wb") as out:
                n = 0
                while True:
                    row = self.conn.execute("SELECT data FROM fieldkit.snapshot_chunks "
                                            "WHERE snapshot = %s AND n = %s", (snap, n)).fetchone()
                    if row is None:
                        break
                    out.write(row[0])
                    n += 1
            return int(seq), str(sha)
        return self._call(run)  # type: ignore[no-any-return]

    def media_present(self, shas: Iterable[str]) -> set[str]:
        wanted = list(shas)
        if not wanted:
            return set()
        return {r[0] for r in self.conn.execute(
            "SELECT sha256 FROM fieldkit.media WHERE sha256 = ANY(%s)", (wanted,))}

    def put_media(self, sha256: str, filename: str, path: Path,
                  key: bytes | None = None) -> None:
        """One file, in one transaction: the server keeps it only whole and only when its
        bytes hash to its name (the plaintext: ``key`` is an encrypted project's media key)."""
        def run() -> None:
            with self.conn.transaction():
                if self.media_present([sha256]):
                    return
                for n, data in enumerate(_chunks(path, sha256, filename, key)):
                    self.conn.execute("SELECT fieldkit.stage_chunk('media', %s, %s, %s)",
                                      (sha256, n, data))
                self.conn.execute("SELECT fieldkit.store_media(%s, %s)", (sha256, filename))
        self._call(run)

    def get_media(self, sha256: str) -> Iterator[bytes]:
        n = 0
        while True:
            row = self._call(lambda k=n: self.conn.execute(
                "SELECT data FROM fieldkit.media_chunks WHERE sha256 = %s AND n = %s",
                (sha256, k)).fetchone())
            if row is None:
                return
            yield bytes(row[0])
            n += 1

    # -- locks and blind sets ------------------------------------------------------------

    def lock(self, document: str, coder: str, minutes: int) -> LockState:
        """Take or renew the edit lock of a document; returns who holds it now."""
        if not 1 <= minutes <= LOCK_MINUTES_MAX:
            raise BadInput(f"An edit lock lasts from 1 to {LOCK_MINUTES_MAX} minutes "
                           "(24 hours).")

        def run() -> LockState:
            with self.conn.transaction():
                self.conn.execute("SELECT fieldkit.take_lock(%s, %s, %s)",
                                  (document, coder, minutes))
                return self._lock_state(document)
        return self._call(run)  # type: ignore[no-any-return]

    def _lock_state(self, document: str) -> LockState:
        row = self.conn.execute(
            f"SELECT document, member, coder, {_EXPIRES}, member = session_user "
            "AND expires > now() FROM fieldkit.locks WHERE document = %s", (document,)).fetchone()
        assert row is not None
        return LockState(*row)

    def unlock(self, document: str) -> None:
        self._call(lambda: self.conn.execute("SELECT fieldkit.release_lock(%s)", (document,)))

    def break_lock(self, document: str) -> str | None:
        """End whoever's edit lock of a document (the lead's); returns who held it."""
        found = self._call(lambda: self.conn.execute("SELECT fieldkit.break_lock(%s)",
                                                     (document,)).fetchone())
        return None if found is None or found[0] is None else str(found[0])

    def blind_sets(self) -> list[BlindSet]:
        return [BlindSet(*r) for r in self.conn.execute(
            "SELECT set_uuid, name, documents, released_seq FROM fieldkit.blind_sets "
            "ORDER BY name")]

    def make_blind(self, set_uuid: str, name: str, documents: list[str]) -> None:
        self._call(lambda: self.conn.execute("SELECT fieldkit.make_blind(%s, %s, %s)",
                                             (set_uuid, name, documents)))

    def release(self, set_uuid: str, change: dict[str, Any]) -> int:
        """Release a blind set: a 'release' change set, whose number is where codings apply."""
        def run() -> int:
            with self.conn.transaction():
                found = self.conn.execute(
                    "SELECT fieldkit.release(%s, %s::jsonb)",
                    (set_uuid, json.dumps({**change, "kind": "release"}, ensure_ascii=False))
                ).fetchone()
                return int(found[0])  # type: ignore[index]
        return self._call(run)  # type: ignore[no-any-return]


def _chunks(path: Path, sha256: str, filename: str,
            key: bytes | None = None) -> Iterator[bytes]:
    """A stored media file in pieces (its plaintext: decrypted with the media ``key`` of an
    encrypted project), never read through a symbolic link; ``DamagedMedia`` when it is not as
    imported (the sending transaction then leaves nothing on the server)."""
    digest = hashlib.sha256()
    try:
        fh = open_media(path, key)
    except MediaUnfit as exc:
        raise DamagedMedia("Sending media to the team", [(filename, str(exc))]) from None
    with fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
            yield block
    if digest.hexdigest() != sha256:
        raise DamagedMedia("Sending media to the team", [(filename, CHANGED)])


class Listener:
    """LISTEN on the team's channel: ``wait`` returns True when new change sets exist.

    Any role may NOTIFY any channel (PostgreSQL has no right for it), so a notification is
    only a hint: ``wait`` answers True only when the history this member can read grew, and
    looks at most twice a second however many notifications arrive (a flood costs nothing)."""

    CHECK_EVERY_S = 0.5

    def __init__(self, url: str, *, password: str | None = None) -> None:
        self.conn = connect(url, password=password)
        self.conn.execute(f"LISTEN {CHANNEL}")
        self.top = self._top()
        self._checked = 0.0

    def _top(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM fieldkit.change_sets"
                                     ).fetchone()[0])  # type: ignore[index]

    def wait(self, timeout: float) -> bool:
        import time

        psycopg = _psycopg()
        deadline = time.monotonic() + timeout
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                if not any(True for _ in self.conn.notifies(timeout=left, stop_after=1)):
                    return False
                pause = self._checked + self.CHECK_EVERY_S - time.monotonic()
                if pause > 0:
                    time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                for _ in self.conn.notifies(timeout=0):  # what came meanwhile: one look
                    pass
                self._checked = time.monotonic()
                top = self._top()
                if top > self.top:
                    self.top = top
                    return True
        except psycopg.OperationalError as exc:
            raise ServerUnreachable(f"Lost the team server: {_first_line(exc)}.") from None

    def close(self) -> None:
        self.conn.close()


def without_memo_authors(sets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Change sets for a team server set up before schema step 12: every row without the
    memo writer fields (``memo_authors.ADDED``), which that server does not know."""
    out = []
    for change in sets:
        body = []
        for row in change["body"]:
            added = memo_authors.ADDED.get(row["t"], ())
            row = dict(row)
            for part in ("set", "was"):
                if isinstance(row.get(part), dict):
                    row[part] = {k: v for k, v in row[part].items() if k not in added}
            if row["op"] != "update" or row.get("set"):
                body.append(row)
        out.append({**change, "body": body})
    return out


def without_tables(sets: list[dict[str, Any]], tables: Iterable[str]) -> list[dict[str, Any]]:
    """Change sets without the rows of ``tables`` (those a team server set up by an earlier
    fieldkit does not know): the rest of each change set still travels."""
    left_out = frozenset(tables)
    return [{**change, "body": [r for r in change["body"] if r.get("t") not in left_out]}
            for change in sets]


def without_fields(sets: list[dict[str, Any]],
                   added: Mapping[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """Change sets without the fields ``added`` names per table (columns a team server set up
    by an earlier fieldkit does not know); an update left with nothing to set is dropped."""
    out = []
    for change in sets:
        body = []
        for row in change["body"]:
            gone = added.get(row["t"], ())
            if gone:
                row = dict(row)
                for part in ("set", "was"):
                    if isinstance(row.get(part), dict):
                        row[part] = {k: v for k, v in row[part].items() if k not in gone}
            if row["op"] != "update" or row.get("set"):
                body.append(row)
        out.append({**change, "body": body})
    return out
