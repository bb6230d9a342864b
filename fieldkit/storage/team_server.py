"""The team's shared history on a PostgreSQL server: every statement fieldkit sends it.

The database holds, in schema ``fieldkit``: the team's facts, its members (one PostgreSQL role
each) and their roles, which member each coder belongs to, the append-only table of change sets
numbered by ``seq``, the project snapshot change sets start from, media files by sha256, edit
locks with an expiry, and blind document sets. Row-level security lets a member insert change
sets only as themselves and hides others' codings of an unreleased blind set; a trigger checks
each change set (codebook restructuring is the lead's; a coder's codings are their member's).
Pushes take one advisory lock so numbers become visible in order; NOTIFY tells open apps.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.core.errors import BadInput, FieldkitError
from fieldkit.storage.mediastore import CHANGED, DamagedMedia, MediaUnfit, open_stored

FORMAT = "1"
CHANNEL = "fieldkit_changes"
CHUNK = 8 << 20  # bytes of a media file or snapshot per row
_EXPIRES = """to_char(expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
_PUSH_LOCK = 7_160_417  # advisory lock key: one push at a time, so seq order is commit order

SCHEMA = r"""
CREATE SCHEMA fieldkit;
CREATE TABLE fieldkit.team (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE fieldkit.members (
    name text PRIMARY KEY, role text NOT NULL CHECK (role IN ('lead', 'coder')),
    added timestamptz NOT NULL DEFAULT now());
CREATE TABLE fieldkit.coders (uuid text PRIMARY KEY, member text NOT NULL);
CREATE TABLE fieldkit.blind_sets (
    set_uuid text PRIMARY KEY, name text NOT NULL, documents text[] NOT NULL,
    made_by text NOT NULL DEFAULT current_user, released_seq bigint);
CREATE SEQUENCE fieldkit.change_seq;
CREATE TABLE fieldkit.change_sets (
    seq bigint PRIMARY KEY, uuid text NOT NULL UNIQUE,
    member text NOT NULL DEFAULT current_user, at timestamptz NOT NULL DEFAULT clock_timestamp(),
    made text NOT NULL, coder text NOT NULL DEFAULT '', label text NOT NULL DEFAULT '',
    kind text NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'release')),
    body jsonb NOT NULL, blind_set text);
CREATE INDEX change_sets_blind ON fieldkit.change_sets (blind_set) WHERE blind_set IS NOT NULL;
CREATE INDEX change_sets_member ON fieldkit.change_sets (member, seq);
CREATE TABLE fieldkit.locks (
    document text PRIMARY KEY, member text NOT NULL DEFAULT current_user,
    coder text NOT NULL DEFAULT '', expires timestamptz NOT NULL);
CREATE TABLE fieldkit.snapshots (
    id bigserial PRIMARY KEY, seq bigint NOT NULL, sha256 text NOT NULL, size bigint NOT NULL,
    made_by text NOT NULL DEFAULT current_user, made timestamptz NOT NULL DEFAULT now());
CREATE TABLE fieldkit.snapshot_chunks (
    snapshot bigint NOT NULL REFERENCES fieldkit.snapshots(id), n int NOT NULL,
    data bytea NOT NULL, PRIMARY KEY (snapshot, n));
CREATE TABLE fieldkit.media (sha256 text PRIMARY KEY, filename text NOT NULL, size bigint NOT NULL);
CREATE TABLE fieldkit.media_chunks (
    sha256 text NOT NULL, n int NOT NULL, data bytea NOT NULL, PRIMARY KEY (sha256, n));

CREATE FUNCTION fieldkit.is_lead() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = fieldkit, pg_temp AS
$$ SELECT EXISTS (SELECT 1 FROM members WHERE name = current_user AND role = 'lead') $$;

CREATE FUNCTION fieldkit.check_change_set() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = fieldkit, pg_temp AS
$$
DECLARE
    r jsonb; lead boolean; owner text; coder_uuid text; blind text; found text;
    others boolean := false;
BEGIN
    SELECT role = 'lead' INTO lead FROM members WHERE name = NEW.member;
    IF lead IS NULL THEN
        RAISE EXCEPTION 'fieldkit: % is not a member of this team', NEW.member;
    END IF;
    IF NEW.kind = 'release' AND NOT lead THEN
        RAISE EXCEPTION 'fieldkit: only the team lead releases a blind set';
    END IF;
    FOR r IN SELECT * FROM jsonb_array_elements(NEW.body) LOOP
        IF r->>'t' = 'codes' AND NOT lead AND (r->>'op' = 'delete' OR (r->>'op' = 'update'
                AND ((r->'set') ? 'name' OR (r->'set') ? 'parent_id'))) THEN
            RAISE EXCEPTION 'fieldkit: only the team lead renames, moves, merges or deletes codes';
        END IF;
        IF r->>'t' = 'documents' AND r->>'op' = 'update' AND (r->'set') ? 'text' THEN
            SELECT member INTO owner FROM locks WHERE document = r->>'k';
            IF owner IS NOT NULL AND owner <> NEW.member THEN
                RAISE EXCEPTION 'fieldkit: % holds the edit lock of that text now', owner;
            END IF;
        END IF;
        IF r->>'t' = 'coders' AND r->>'op' = 'insert' THEN
            INSERT INTO coders VALUES (r->>'k', NEW.member) ON CONFLICT DO NOTHING;
        END IF;
        IF r->>'t' = 'codings' THEN
            coder_uuid := r->>'coder';
            INSERT INTO coders VALUES (coder_uuid, NEW.member) ON CONFLICT DO NOTHING;
            SELECT member INTO owner FROM coders WHERE uuid = coder_uuid;
            IF owner <> NEW.member THEN
                RAISE EXCEPTION 'fieldkit: codings of that coder belong to member %', owner;
            END IF;
            SELECT set_uuid INTO found FROM blind_sets
                WHERE released_seq IS NULL AND documents @> ARRAY[r->>'doc'] LIMIT 1;
            IF found IS NOT NULL THEN
                blind := found;
            ELSE
                others := true;
            END IF;
        ELSE
            others := true;
        END IF;
    END LOOP;
    IF blind IS NOT NULL AND others THEN
        RAISE EXCEPTION 'fieldkit: blind codings must travel on their own (send again)';
    END IF;
    NEW.blind_set := blind;
    RETURN NEW;
END
$$;
CREATE TRIGGER change_sets_check BEFORE INSERT ON fieldkit.change_sets
    FOR EACH ROW EXECUTE FUNCTION fieldkit.check_change_set();

CREATE FUNCTION fieldkit.notify_change() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_notify('fieldkit_changes', ''); RETURN NULL; END $$;
CREATE TRIGGER change_sets_notify AFTER INSERT ON fieldkit.change_sets
    FOR EACH STATEMENT EXECUTE FUNCTION fieldkit.notify_change();

ALTER TABLE fieldkit.change_sets ENABLE ROW LEVEL SECURITY;
ALTER TABLE fieldkit.change_sets FORCE ROW LEVEL SECURITY;
CREATE POLICY read_history ON fieldkit.change_sets FOR SELECT USING (
    blind_set IS NULL OR member = current_user OR EXISTS (
        SELECT 1 FROM fieldkit.blind_sets b
        WHERE b.set_uuid = blind_set AND b.released_seq IS NOT NULL));
CREATE POLICY write_as_self ON fieldkit.change_sets FOR INSERT WITH CHECK (member = current_user);

ALTER TABLE fieldkit.locks ENABLE ROW LEVEL SECURITY;
ALTER TABLE fieldkit.locks FORCE ROW LEVEL SECURITY;
CREATE POLICY see_locks ON fieldkit.locks FOR SELECT USING (true);
CREATE POLICY take_lock ON fieldkit.locks FOR INSERT WITH CHECK (member = current_user);
CREATE POLICY hold_lock ON fieldkit.locks FOR UPDATE
    USING (member = current_user OR expires < now()) WITH CHECK (member = current_user);
CREATE POLICY drop_lock ON fieldkit.locks FOR DELETE USING (member = current_user);

ALTER TABLE fieldkit.blind_sets ENABLE ROW LEVEL SECURITY;
CREATE POLICY see_blind ON fieldkit.blind_sets FOR SELECT USING (true);
CREATE POLICY lead_blinds ON fieldkit.blind_sets FOR INSERT WITH CHECK (fieldkit.is_lead());
CREATE POLICY lead_releases ON fieldkit.blind_sets FOR UPDATE USING (fieldkit.is_lead());

ALTER TABLE fieldkit.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY see_members ON fieldkit.members FOR SELECT USING (true);
CREATE POLICY lead_adds ON fieldkit.members FOR ALL USING (fieldkit.is_lead())
    WITH CHECK (fieldkit.is_lead());

ALTER TABLE fieldkit.snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY see_snapshots ON fieldkit.snapshots FOR SELECT USING (true);
CREATE POLICY lead_snapshots ON fieldkit.snapshots FOR INSERT WITH CHECK (fieldkit.is_lead());
"""

# What a member may do; granted to each member's role by ``add_member``.
GRANTS = """
GRANT USAGE ON SCHEMA fieldkit TO {role};
GRANT SELECT ON ALL TABLES IN SCHEMA fieldkit TO {role};
GRANT INSERT ON fieldkit.change_sets, fieldkit.media, fieldkit.media_chunks TO {role};
GRANT INSERT, UPDATE, DELETE ON fieldkit.locks TO {role};
GRANT INSERT, UPDATE ON fieldkit.blind_sets, fieldkit.members TO {role};
GRANT INSERT ON fieldkit.snapshots, fieldkit.snapshot_chunks TO {role};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA fieldkit TO {role}
"""


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


def url_user(url: str) -> str:
    return str(_params(url).get("user") or "")


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
        """Make the schema, with the connecting user as the team's lead."""
        if self.has_team():
            raise BadInput(f"{public_url(self.url)} already holds a fieldkit team; join it "
                           "instead (fieldkit team join URL PATH).")

        def run() -> None:
            with self.conn.transaction():
                self.conn.execute(SCHEMA)  # type: ignore[arg-type]
                self.conn.execute(
                    "INSERT INTO fieldkit.team (key, value) VALUES (%s, %s)",  # type: ignore
                    ("format", FORMAT))
                for key, value in facts.items():
                    self.conn.execute("INSERT INTO fieldkit.team (key, value) VALUES (%s, %s)",
                                      (key, value))
                self.conn.execute("INSERT INTO fieldkit.members (name, role) "
                                  "VALUES (current_user, 'lead')")
        self._call(run)

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
        found = self.conn.execute("SELECT role FROM fieldkit.members WHERE name = current_user"
                                  ).fetchone()
        return None if found is None else str(found[0])

    def add_member(self, name: str, role: str, password: str | None) -> None:
        """Register a member (the lead's work): their PostgreSQL role, its rights, its row."""
        psycopg = _psycopg()
        from psycopg import sql

        if role not in ("lead", "coder"):
            raise BadInput(f"A member's role is 'lead' or 'coder', not '{role}'.")
        ident = sql.Identifier(name)

        def run() -> None:
            with self.conn.transaction():
                exists = self.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                           (name,)).fetchone()
                if not exists:
                    statement = sql.SQL("CREATE ROLE {} LOGIN").format(ident)
                    if password:
                        statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                            ident, sql.Literal(password))
                    self.conn.execute(statement)
                for line in GRANTS.strip().split(";"):
                    self.conn.execute(sql.SQL(line.replace("{role}", "{}")).format(ident))
                self.conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                    sql.Identifier(self.conn.info.dbname), ident))
                self.conn.execute(
                    "INSERT INTO fieldkit.members (name, role) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role", (name, role))
        try:
            self._call(run)
        except psycopg.errors.InsufficientPrivilege as exc:  # pragma: no cover
            raise ServerRefused(f"Adding a member needs a server user allowed to create roles "
                                f"(CREATEROLE): {_first_line(exc)}.") from None

    # -- history -------------------------------------------------------------------------

    def last_seq(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM fieldkit.change_sets"
                                     ).fetchone()[0])  # type: ignore[index]

    def push(self, sets: Iterable[dict[str, Any]]) -> dict[str, int]:
        """Append change sets in order; one already there (same uuid) is not added again.

        Returns uuid -> seq for every set given. One transaction: all or nothing.
        """
        todo = list(sets)

        def run() -> dict[str, int]:
            numbers: dict[str, int] = {}
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PUSH_LOCK,))
                uuids = [s["uuid"] for s in todo]
                for uuid, seq in self.conn.execute(
                        "SELECT uuid, seq FROM fieldkit.change_sets WHERE uuid = ANY(%s)",
                        (uuids,)):
                    numbers[uuid] = seq
                fresh = [s for s in todo if s["uuid"] not in numbers]
                # numbers from a sequence (max(seq) would not see rows hidden from this
                # member), drawn under the lock so they become visible in order
                seqs = [r[0] for r in self.conn.execute(
                    "SELECT nextval('fieldkit.change_seq') FROM generate_series(1, %s)",
                    (len(fresh),))] if fresh else []
                rows = []
                for s, seq in zip(fresh, seqs, strict=True):
                    numbers[s["uuid"]] = seq
                    rows.append((seq, s["uuid"], s["at"], s["coder"], s["label"],
                                 s.get("kind", "change"),
                                 json.dumps(s["body"], ensure_ascii=False)))
                if rows:
                    with self.conn.cursor() as cur:
                        cur.executemany(
                            "INSERT INTO fieldkit.change_sets "
                            "(seq, uuid, made, coder, label, kind, body) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb)", rows)
            return numbers
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
                    WHERE c.seq > %(after)s AND (c.blind_set IS NULL OR c.member = current_user)
                    UNION ALL
                    SELECT c.seq, b.released_seq, c.uuid, c.member, c.at::text, c.coder,
                           c.label, c.kind, c.body
                    FROM fieldkit.blind_sets b
                    JOIN fieldkit.change_sets c
                         ON c.blind_set = b.set_uuid AND c.blind_set IS NOT NULL
                    WHERE b.released_seq > %(after)s AND c.member <> current_user
                    ORDER BY 2, 1""", {"after": after}).fetchall()
            return top, [Incoming(*r) for r in rows]
        return self._call(run)  # type: ignore[no-any-return]

    def count_after(self, after: int) -> int:
        return int(self.conn.execute(
            "SELECT count(*) FROM fieldkit.change_sets WHERE seq > %s AND member <> current_user",
            (after,)).fetchone()[0])  # type: ignore[index]

    # -- snapshots and media -------------------------------------------------------------

    def put_snapshot(self, path: Path, sha256: str, seq: int) -> None:
        def run() -> None:
            with self.conn.transaction():
                snap = self.conn.execute(
                    "INSERT INTO fieldkit.snapshots (seq, sha256, size) VALUES (%s, %s, %s) "
                    "RETURNING id", (seq, sha256, path.stat().st_size)).fetchone()[0]  # type: ignore[index]
                for n, data in enumerate(_chunks(path, sha256, "the project snapshot")):
                    self.conn.execute("INSERT INTO fieldkit.snapshot_chunks VALUES (%s, %s, %s)",
                                      (snap, n, data))
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

    def put_media(self, sha256: str, filename: str, path: Path) -> None:
        """One file, in one transaction (a half-sent file is not there at all)."""
        def run() -> None:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (sha256,))
                if self.media_present([sha256]):
                    return
                for n, data in enumerate(_chunks(path, sha256, filename)):
                    self.conn.execute("INSERT INTO fieldkit.media_chunks VALUES (%s, %s, %s)",
                                      (sha256, n, data))
                self.conn.execute("INSERT INTO fieldkit.media VALUES (%s, %s, %s)",
                                  (sha256, filename, path.stat().st_size))
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
        def run() -> LockState:
            with self.conn.transaction():
                self.conn.execute("""
                    INSERT INTO fieldkit.locks (document, coder, expires)
                    VALUES (%s, %s, now() + make_interval(mins => %s))
                    ON CONFLICT (document) DO UPDATE
                        SET member = current_user, coder = EXCLUDED.coder,
                            expires = EXCLUDED.expires
                        WHERE fieldkit.locks.member = current_user
                           OR fieldkit.locks.expires < now()""", (document, coder, minutes))
                return self._lock_state(document)
        return self._call(run)  # type: ignore[no-any-return]

    def _lock_state(self, document: str) -> LockState:
        row = self.conn.execute(
            f"SELECT document, member, coder, {_EXPIRES}, member = current_user "
            "AND expires > now() FROM fieldkit.locks WHERE document = %s", (document,)).fetchone()
        assert row is not None
        return LockState(*row)

    def unlock(self, document: str) -> None:
        self._call(lambda: self.conn.execute(
            "DELETE FROM fieldkit.locks WHERE document = %s AND member = current_user",
            (document,)))

    def locks(self) -> list[LockState]:
        rows = self.conn.execute(
            f"SELECT document, member, coder, {_EXPIRES}, member = current_user "
            "FROM fieldkit.locks WHERE expires > now() ORDER BY document").fetchall()
        return [LockState(*r) for r in rows]

    def blind_sets(self) -> list[BlindSet]:
        return [BlindSet(*r) for r in self.conn.execute(
            "SELECT set_uuid, name, documents, released_seq FROM fieldkit.blind_sets "
            "ORDER BY name")]

    def make_blind(self, set_uuid: str, name: str, documents: list[str]) -> None:
        self._call(lambda: self.conn.execute(
            "INSERT INTO fieldkit.blind_sets (set_uuid, name, documents) VALUES (%s, %s, %s) "
            "ON CONFLICT (set_uuid) DO UPDATE SET documents = EXCLUDED.documents, "
            "released_seq = NULL", (set_uuid, name, documents)))

    def release(self, set_uuid: str, change: dict[str, Any]) -> int:
        """Release a blind set: a 'release' change set, whose number is where codings apply."""
        def run() -> int:
            with self.conn.transaction():
                numbers = self.push([{**change, "kind": "release"}])
                seq = numbers[change["uuid"]]
                self.conn.execute("UPDATE fieldkit.blind_sets SET released_seq = %s "
                                  "WHERE set_uuid = %s AND released_seq IS NULL", (seq, set_uuid))
                return seq
        return self._call(run)  # type: ignore[no-any-return]


def _chunks(path: Path, sha256: str, filename: str) -> Iterator[bytes]:
    """A stored media file in pieces, never read through a symbolic link; ``DamagedMedia`` when
    it is not as imported (the sending transaction then leaves nothing on the server)."""
    digest = hashlib.sha256()
    try:
        fh = open_stored(path)
    except MediaUnfit as exc:
        raise DamagedMedia("Sending media to the team", [(filename, str(exc))]) from None
    with fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
            yield block
    if digest.hexdigest() != sha256:
        raise DamagedMedia("Sending media to the team", [(filename, CHANGED)])


class Listener:
    """LISTEN on the team's channel: ``wait`` returns True when new change sets exist."""

    def __init__(self, url: str, *, password: str | None = None) -> None:
        self.conn = connect(url, password=password)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        psycopg = _psycopg()
        try:
            gen = self.conn.notifies(timeout=timeout, stop_after=1)
            return any(True for _ in gen)
        except psycopg.OperationalError as exc:
            raise ServerUnreachable(f"Lost the team server: {_first_line(exc)}.") from None

    def close(self) -> None:
        self.conn.close()
