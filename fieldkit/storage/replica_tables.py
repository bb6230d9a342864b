"""A team replica's own tables, and row changes in a form every replica understands.

Local row ids differ between replicas; UUIDs (a media file's sha256, or for a link row the UUIDs
of what it links) do not. ``portable`` turns the ``RowChange`` list of one change set into rows
that name everything by identity, and ``Applier`` applies such rows to this replica: foreign
keys found by identity, a deleted row's dependants deleted with it, a row whose parent is gone
skipped (the same on every replica, so replicas stay equal).

``team_outbox`` holds every change set this replica made, with its portable body (what is sent)
and its local row changes (so a sync can take unsent work off, apply the server's history under
it, and put it back on top). ``seq`` is the server's number once sent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.changes import Row, RowChange

if TYPE_CHECKING:
    from fieldkit.storage.writer import Writer

TABLES = """
CREATE TABLE IF NOT EXISTS team_outbox (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, at TEXT NOT NULL, coder TEXT NOT NULL,
    label TEXT NOT NULL, body TEXT NOT NULL, local TEXT NOT NULL, seq INTEGER);
CREATE TABLE IF NOT EXISTS team_aliases (
    tbl TEXT NOT NULL, uuid TEXT NOT NULL, local_id INTEGER NOT NULL, PRIMARY KEY (tbl, uuid));
CREATE TABLE IF NOT EXISTS team_locks (document_uuid TEXT PRIMARY KEY, expires TEXT NOT NULL)
"""


def create(conn: sqlite3.Connection) -> None:
    """The migration step: the outbox, name aliases and held locks (empty until a team joins)."""
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


# -- what is shared, and how each row is known on every replica ---------------------------

#: table -> {column: table it points at}
REFS: dict[str, dict[str, str]] = {
    "coders": {}, "sites": {}, "cases": {}, "media": {}, "saved_searches": {}, "sets": {},
    "saved_queries": {},
    "visits": {"site_id": "sites"},
    "participants": {"site_id": "sites"},
    "documents": {"site_id": "sites", "visit_id": "visits", "participant_id": "participants",
                  "media_id": "media"},
    "case_documents": {"case_id": "cases", "document_id": "documents"},
    "case_participants": {"case_id": "cases", "participant_id": "participants"},
    "turns": {"document_id": "documents"},
    "codes": {"parent_id": "codes"},
    "codings": {"document_id": "documents", "code_id": "codes", "coder_id": "coders"},
    "set_members": {"set_id": "sets", "document_id": "documents", "code_id": "codes"},
    "memo_info": {"document_id": "documents"},
    "links": {"from_document_id": "documents", "document_id": "documents",
              "coding_id": "codings", "code_id": "codes"},
    "recordings": {"document_id": "documents", "media_id": "media"},
    "transcript_links": {"document_id": "documents", "recording_id": "documents"},
}

#: table -> the columns that say which row it is, on every replica
IDENTITY: dict[str, tuple[str, ...]] = {
    **{t: ("uuid",) for t in ("coders", "sites", "visits", "participants", "cases", "documents",
                              "codes", "codings", "saved_searches", "sets", "links",
                              "saved_queries")},
    "media": ("sha256",),
    "case_documents": ("case_id", "document_id"),
    "case_participants": ("case_id", "participant_id"),
    "turns": ("document_id", "start"),
    "set_members": ("set_id", "document_id", "code_id"),
    "memo_info": ("document_id",),
    "recordings": ("document_id",),
    "transcript_links": ("document_id",),
}
SHARED = frozenset(REFS)

#: who points at a table, as (table, column): what goes when a row of it goes
DEPENDANTS: dict[str, list[tuple[str, str]]] = {}
for _table, _refs in REFS.items():
    for _column, _target in _refs.items():
        DEPENDANTS.setdefault(_target, []).append((_table, _column))

#: a coding's position, which every replica works out itself after a text edit
ANCHOR_FIELDS = frozenset({"start", "end", "quote", "before", "after", "orphaned"})
#: changes to a code that restructure the codebook (the lead's)
RESTRUCTURE_FIELDS = frozenset({"name", "parent_id"})


def _cached(table: str, ident: Any) -> tuple[str, Any]:
    """A row's identity as a dictionary key (a composite identity is a list)."""
    return table, json.dumps(ident) if isinstance(ident, list) else ident


def _simple(table: str) -> bool:
    return len(IDENTITY[table]) == 1 and IDENTITY[table][0] in ("uuid", "sha256")


# -- local rows to portable rows ----------------------------------------------------------


class Portable:
    """Turns this replica's ``RowChange`` lists into portable rows (reads only)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, changes: Iterable[RowChange]) -> list[dict[str, Any]]:
        changes = [c for c in changes if c.table in SHARED and (c.before or c.after)]
        known: dict[tuple[str, int], Any] = {}  # rows this change set deleted are still named
        for c in changes:
            row = c.before or c.after
            if row is not None and _simple(c.table):
                known.setdefault((c.table, c.key), row[IDENTITY[c.table][0]])
        text_edited = {c.key for c in changes if c.table == "documents" and c.before
                       and c.after and c.before.get("text") != c.after.get("text")}
        out = []
        for c in changes:
            if c.table == "codings" and c.before and c.after \
                    and c.before["document_id"] in text_edited:
                moved = {k for k in c.after if c.after[k] != c.before.get(k)}
                if moved <= ANCHOR_FIELDS:
                    continue  # re-anchored on every replica when the text edit arrives
            out.append(self._row(c, known))
        return out

    def _ref(self, target: str, key: Any, known: dict[tuple[str, int], Any]) -> Any:
        if key is None:
            return None
        if (target, key) in known:
            return known[(target, key)]
        column = IDENTITY[target][0]
        found = self.conn.execute(f"SELECT {column} FROM {target} WHERE id = ?",
                                  (key,)).fetchone()
        value = None if found is None else found[0]
        known[(target, key)] = value
        return value

    def _fields(self, table: str, row: Row, known: dict[tuple[str, int], Any]) -> Row:
        refs = REFS[table]
        return {k: (self._ref(refs[k], v, known) if k in refs else v)
                for k, v in row.items() if k != "id"}

    def _row(self, c: RowChange, known: dict[tuple[str, int], Any]) -> dict[str, Any]:
        whole = c.after or c.before
        assert whole is not None
        named = self._fields(c.table, whole, known)
        ident = [named[col] for col in IDENTITY[c.table]]
        out: dict[str, Any] = {"t": c.table, "k": ident[0] if len(ident) == 1 else ident}
        if c.before is None:
            out["op"], out["set"] = "insert", {k: v for k, v in named.items()}
        elif c.after is None:
            out["op"], out["was"] = "delete", named
        else:
            changed = {k for k in c.after if k != "id" and c.after[k] != c.before.get(k)}
            after, before = self._fields(c.table, c.after, known), \
                self._fields(c.table, c.before, known)
            out["op"] = "update"
            out["set"] = {k: after[k] for k in changed}
            out["was"] = {k: before[k] for k in changed}
        if c.table == "codings":  # whose coding, of which document: checked by the server
            out["coder"], out["doc"] = named["coder_id"], named["document_id"]
        return out


# -- portable rows applied to this replica ------------------------------------------------


@dataclass(slots=True)
class TextEdit:
    """A document whose text a change set replaced: its codings re-anchor afterwards."""

    document_id: int
    old_text: str
    new_text: str


@dataclass(slots=True)
class Applied:
    """What applying one change set did beyond its rows."""

    skipped: list[str] = field(default_factory=list)
    text_edits: list[TextEdit] = field(default_factory=list)
    placed: list[int] = field(default_factory=list)  # codings to fit to the text they quote


class Applier:
    """Applies portable rows through the writer (so search, listeners and undo data follow)."""

    def __init__(self, writer: Writer, *, reserved: dict[str, int] | None = None) -> None:
        self.w = writer
        self.reserved = reserved or {}  # table -> highest id kept free for own rows
        self._ids: dict[tuple[str, Any], int | None] = {}
        self._columns: dict[str, set[str]] = {}

    def _known(self, table: str, values: Row) -> Row:
        """Only the columns this version has (a newer fieldkit may send more)."""
        if table not in self._columns:
            self._columns[table] = {r[1] for r in self.w.conn.execute(
                f"PRAGMA table_info({table})")}
        return {k: v for k, v in values.items() if k in self._columns[table]}

    def local_id(self, table: str, ident: Any) -> int | None:
        if ident is None:
            return None
        key = _cached(table, ident)
        if key in self._ids:
            return self._ids[key]
        found: int | None
        if _simple(table):
            column = IDENTITY[table][0]
            row = self.w.conn.execute(f"SELECT id FROM {table} WHERE {column} = ?",
                                      (ident,)).fetchone()
            if row is None:
                row = self.w.conn.execute(
                    "SELECT local_id FROM team_aliases WHERE tbl = ? AND uuid = ?",
                    (table, ident)).fetchone()
            found = None if row is None else int(row[0])
        else:
            values = ident if isinstance(ident, list) else [ident]
            local = []
            for column, value in zip(IDENTITY[table], values, strict=True):
                target = REFS[table].get(column)
                if target is not None and value is not None:
                    value = self.local_id(target, value)
                    if value is None:
                        return None
                local.append(value)
            where = " AND ".join(f"{c} IS ?" for c in IDENTITY[table])
            row = self.w.conn.execute(f"SELECT id FROM {table} WHERE {where}",
                                      local).fetchone()
            found = None if row is None else row[0]
        if found is not None:
            self._ids[key] = found
        return found

    def _forget(self, table: str) -> None:
        self._ids = {k: v for k, v in self._ids.items() if k[0] != table}

    def _local_values(self, table: str, values: Row) -> Row | None:
        """The row with foreign keys as local ids; None when something it points at is gone."""
        refs = REFS[table]
        out = {}
        for k, v in values.items():
            if k in refs and v is not None:
                v = self.local_id(refs[k], v)
                if v is None:
                    return None
            out[k] = v
        return out

    def apply(self, rows: list[dict[str, Any]], *, keep_ids: dict[tuple[str, Any], int]
              | None = None) -> Applied:
        """Apply one change set's rows in order. ``keep_ids`` gives own inserts their old ids.

        A row this copy cannot store (a value its schema refuses) is skipped and named; every
        copy skips it alike, so copies stay equal.
        """
        done = Applied()
        for r in rows:
            if r.get("t") not in SHARED:
                continue  # a table of a newer fieldkit, or not shared
            try:
                self._apply_row(r, done, keep_ids)
            except (sqlite3.IntegrityError, sqlite3.InterfaceError, KeyError, TypeError,
                    ValueError) as exc:
                done.skipped.append(f"{r.get('op')} {r.get('t')} {r.get('k')}: {exc}")
        return done

    def _apply_row(self, r: dict[str, Any], done: Applied,
                   keep_ids: dict[tuple[str, Any], int] | None) -> None:
        table, op = r["t"], r["op"]
        key = self.local_id(table, r["k"])
        if op == "delete":
            if key is not None:
                self._delete(table, key)
            return
        values = self._local_values(table, self._known(table, r["set"]))
        if values is None:
            done.skipped.append(f"{op} {table} {r['k']}: what it belongs to was deleted")
            return
        if op == "update" or key is not None:
            if key is None:
                done.skipped.append(f"update {table} {r['k']}: deleted meanwhile")
                return
            # only a text edit needs the row as it was (its codings re-anchor from it)
            edits_text = table == "documents" and "text" in values
            old = self.w._fetch(table, key) if edits_text else None
            self.w.update(table, key, values)
            if old is not None and old["text"] != values["text"]:
                done.text_edits.append(TextEdit(key, old["text"], values["text"]))
            if table == "codings" and ANCHOR_FIELDS & set(values):
                done.placed.append(key)
            return
        wanted = (keep_ids or {}).get((table, json.dumps(r["k"])))
        if wanted is not None:
            values["id"] = wanted
        elif table in self.reserved:
            top = self.w.conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
            values["id"] = max(top, self.reserved[table]) + 1
        new: int | None
        try:
            new = self.w.insert(table, values)
        except sqlite3.IntegrityError:
            new = self._alias(table, r["k"], values)
            if new is None:
                done.skipped.append(f"insert {table} {r['k']}: clashes with a row here")
                return
        self._ids[_cached(table, r["k"])] = new
        if table == "codings":
            done.placed.append(new)

    def _alias(self, table: str, ident: Any, values: Row) -> int | None:
        """A row named like one already here (two replicas added coder "Anna"): the same row."""
        for column in ("name", "pseudonym"):
            if column in values and _simple(table):
                found = self.w.conn.execute(f"SELECT id FROM {table} WHERE {column} = ?",
                                            (values[column],)).fetchone()
                if found is not None:
                    self.w.conn.execute(
                        "INSERT OR REPLACE INTO team_aliases (tbl, uuid, local_id) "
                        "VALUES (?, ?, ?)", (table, ident, found[0]))
                    return int(found[0])
        return None

    def _delete(self, table: str, key: int) -> None:
        """Delete a row after everything that points at it, here (someone may have coded it)."""
        for other, column in DEPENDANTS.get(table, ()):
            for (dependant,) in self.w.conn.execute(
                    f"SELECT id FROM {other} WHERE {column} = ?", (key,)).fetchall():
                if other == table and dependant == key:
                    continue
                self._delete(other, dependant)
        self.w.delete(table, key)
        self._forget(table)


def own_inserts(local: list[RowChange]) -> dict[tuple[str, str], int]:
    """(table, identity) -> local id of the rows an own change set inserted."""
    out = {}
    for c in local:
        if c.before is None and c.after is not None and c.table in SHARED and _simple(c.table):
            out[(c.table, json.dumps(c.after[IDENTITY[c.table][0]]))] = c.key
    return out


# -- the outbox ---------------------------------------------------------------------------


@dataclass(slots=True)
class Outgoing:
    id: int
    uuid: str
    at: str
    coder: str
    label: str
    body: list[dict[str, Any]]
    local: list[RowChange]
    seq: int | None


def add_outgoing(conn: sqlite3.Connection, uuid: str, at: str, coder: str, label: str,
                 body: list[dict[str, Any]], local: list[RowChange]) -> None:
    conn.execute(
        "INSERT INTO team_outbox (uuid, at, coder, label, body, local) VALUES (?, ?, ?, ?, ?, ?)",
        (uuid, at, coder, label, json.dumps(body, ensure_ascii=False),
         json.dumps([c.to_json() for c in local], ensure_ascii=False)))


def outgoing(conn: sqlite3.Connection, *, after_seq: int | None = None,
             unsent_only: bool = False) -> list[Outgoing]:
    """Own change sets not yet sent (and, with ``after_seq``, sent ones numbered after it)."""
    if unsent_only:
        sql, params = "SELECT * FROM team_outbox WHERE seq IS NULL ORDER BY id", ()
    else:
        sql = "SELECT * FROM team_outbox WHERE seq IS NULL OR seq > ? ORDER BY id"
        params = (after_seq or 0,)  # type: ignore[assignment]
    return [Outgoing(r["id"], r["uuid"], r["at"], r["coder"], r["label"], json.loads(r["body"]),
                     [RowChange.from_json(c) for c in json.loads(r["local"])], r["seq"])
            for r in conn.execute(sql, params).fetchall()]


def unsent_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM team_outbox WHERE seq IS NULL").fetchone()[0])


def set_local(conn: sqlite3.Connection, outbox_id: int, local: list[RowChange]) -> None:
    conn.execute("UPDATE team_outbox SET local = ? WHERE id = ?",
                 (json.dumps([c.to_json() for c in local], ensure_ascii=False), outbox_id))


def mark_sent(conn: sqlite3.Connection, numbers: dict[str, int]) -> None:
    conn.executemany("UPDATE team_outbox SET seq = ? WHERE uuid = ?",
                     [(seq, uuid) for uuid, seq in numbers.items()])


def forget_applied(conn: sqlite3.Connection, upto: int) -> None:
    """Sent change sets the server's history now holds below ``upto`` need not be kept."""
    conn.execute("DELETE FROM team_outbox WHERE seq IS NOT NULL AND seq <= ?", (upto,))


def own_uuids(conn: sqlite3.Connection) -> set[str]:
    return {u for (u,) in conn.execute("SELECT uuid FROM team_outbox")}


def hold_lock(conn: sqlite3.Connection, document_uuid: str, expires: str | None) -> None:
    if expires is None:
        conn.execute("DELETE FROM team_locks WHERE document_uuid = ?", (document_uuid,))
    else:
        conn.execute("INSERT OR REPLACE INTO team_locks (document_uuid, expires) VALUES (?, ?)",
                     (document_uuid, expires))


def held_lock(conn: sqlite3.Connection, document_uuid: str) -> str | None:
    found = conn.execute("SELECT expires FROM team_locks WHERE document_uuid = ?",
                         (document_uuid,)).fetchone()
    return None if found is None else str(found[0])


def local_only(conn: sqlite3.Connection, document_uuid: str) -> bool:
    """A document this copy made and has not sent yet (nobody else can be editing it)."""
    pattern = f'%"t": "documents", "k": "{document_uuid}", "op": "insert"%'
    return conn.execute("SELECT 1 FROM team_outbox WHERE seq IS NULL AND body LIKE ?",
                        (pattern,)).fetchone() is not None


def drop_outgoing(conn: sqlite3.Connection, uuid: str) -> None:
    conn.execute("DELETE FROM team_outbox WHERE uuid = ?", (uuid,))


def exists(conn: sqlite3.Connection, table: str, key: int) -> bool:
    if table not in SHARED:
        raise ValueError(f"not a shared table: {table!r}")
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is not None


def media_files(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, filename) of every media row: the files a snapshot needs beside it."""
    return [(r[0], r[1]) for r in conn.execute("SELECT sha256, filename FROM media")]


def snapshot(conn: sqlite3.Connection, target: str) -> None:
    """A consistent copy of the whole database in ``target`` (SQLite's VACUUM INTO)."""
    conn.execute("VACUUM INTO ?", (target,))


def start_replica(conn: sqlite3.Connection, facts: dict[str, str]) -> None:
    """Make a received snapshot this member's copy: others' history gone, the team facts in."""
    with conn:
        clear_for_replica(conn)
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         list(facts.items()))


def clear_for_replica(conn: sqlite3.Connection) -> None:
    """A fresh replica keeps no one else's undo history, outbox or locks."""
    for table in ("change_log", "team_outbox", "team_aliases", "team_locks"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM meta WHERE key IN ('current_coder') OR key LIKE 'team_%'")


def canonical(conn: sqlite3.Connection) -> dict[str, list[Any]]:
    """Every shared row named by identity, sorted: two equal replicas give equal dumps."""
    port = Portable(conn)
    out: dict[str, list[Any]] = {}
    for table in sorted(SHARED):
        try:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        except sqlite3.OperationalError:
            continue
        known: dict[tuple[str, int], Any] = {}
        dumped = [json.dumps(port._fields(table, dict(r), known), sort_keys=True,
                             ensure_ascii=False) for r in rows]
        out[table] = sorted(dumped)
    return out
