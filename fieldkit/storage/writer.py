"""Writing rows so that every write is recorded as a ``RowChange``: the base of undo and audit."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fieldkit.core import jsontext
from fieldkit.core.changes import ChangeSet, Row, RowChange
from fieldkit.core.errors import ReadOnly
from fieldkit.core.model import utc_now
from fieldkit.core.value_merge import VALUES_COLUMN, merge_values
from fieldkit.storage import search_tables, sqlengine

Listener = Callable[[ChangeSet], None]
#: Called inside the transaction, before COMMIT, with each change set this replica made itself
#: (an action, an undo, a redo); raising rolls the whole action back (the team outbox).
CommitHook = Callable[[ChangeSet], None]

#: Where a change comes from: this researcher (undoable, sent to the team), or a team sync.
LOCAL, REMOTE = "local", "remote"

#: The largest id SQLite gives a row (beyond it new rows get random ids).
_LAST_ID = 2**63 - 1
#: Rows and values one ``insert_many`` statement takes (SQLite allows 32,766 values since 3.32;
#: 999 before).
_MANY_ROWS, _VARIABLES = 1000, 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
_SAFE_NAME = set("abcdefghijklmnopqrstuvwxyz_0123456789")
#: Undo and redo put back a run of at least this many deletes (or inserts with the same
#: columns) of one table many rows a statement; a shorter run goes row by row.
BATCH_MIN = 8
#: Row ids one ``IN (...)`` list of a batched delete names.
_IN_CHUNK = 500


def _check_name(name: str) -> str:
    if not name or set(name) - _SAFE_NAME:
        raise ValueError(f"not a table or column name: {name!r}")
    return name


class Writer:
    """Owns the connection; serialises access; records changes; runs undo and redo."""

    def __init__(self, conn: sqlite3.Connection, *, readonly: bool = False) -> None:
        self.conn = conn
        self.readonly = readonly
        self.lock = threading.RLock()
        self._current: ChangeSet | None = None
        self._log = True
        self.listeners: list[Listener] = []
        self.coder_name = ""
        self.commit_hook: CommitHook | None = None
        self.committed = False  # whether a change of this connection was committed

    # -- reading -------------------------------------------------------------------------

    def rows(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def row(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        with self.lock:
            return self.conn.execute(sql, params).fetchone()

    def value(self, sql: str, params: Any = ()) -> Any:
        found = self.row(sql, params)
        return None if found is None else found[0]

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def change(self, label: str, *, log: bool = True,
               origin: str = LOCAL) -> Iterator[ChangeSet]:
        """One user action: one transaction, one change set, one undo step.

        Nested calls join the outer change. With ``log=False`` (bulk demo builds) nothing is
        kept for undo. ``origin=REMOTE`` is work a team sync brings in from the server: recorded
        for listeners, but no undo step of this researcher's and nothing to send back.
        """
        if self.readonly:
            raise ReadOnly("This project is open read-only; nothing was changed.")
        with self.lock:
            if self._current is not None:
                yield self._current
                return
            changeset = ChangeSet(label)
            own = log and origin == LOCAL

            def write_log() -> None:
                if own and changeset:
                    self._write_log(changeset)

            with self._transaction(changeset, log=log, own=own, before_commit=write_log):
                yield changeset
        if changeset:
            self._notify(changeset)

    @contextmanager
    def _transaction(self, changeset: ChangeSet, *, log: bool, own: bool,
                     before_commit: Callable[[], None]) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT around one change set: the tail an action, an undo and a
        redo share (the caller holds ``lock`` and tells the listeners once it is released).

        While it is open, every write is recorded into ``changeset`` (with undo data when
        ``log``). When the body succeeds, this replica's own work (``own``, not empty) goes to
        the commit hook (the team outbox), then ``before_commit`` (the change log) runs in the
        same transaction; any failure rolls all of it back. Either way the change set is closed,
        also when the transaction cannot even begin.
        """
        self.conn.execute("BEGIN IMMEDIATE")
        self._current, self._log = changeset, log
        try:
            yield
            if own and changeset and self.commit_hook is not None:
                self.commit_hook(changeset)
            before_commit()
            self.conn.execute("COMMIT")
            self.committed = True
        except BaseException:
            self._rollback()
            raise
        finally:
            self._current = None

    def _rollback(self) -> None:
        """Undo the open transaction without hiding why it failed.

        SQLite ends a transaction itself on some failures (a full disk); a second ROLLBACK
        would then raise "cannot rollback" in place of the real error.
        """
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlengine.Error:
                pass

    def _write_log(self, changeset: ChangeSet, state: int = 0) -> None:
        # A new action makes earlier undone steps unreachable for redo.
        self.conn.execute("UPDATE change_log SET state = 2 WHERE state = 1")
        cur = self.conn.execute(
            "INSERT INTO change_log (at, coder, label, changes, state) VALUES (?, ?, ?, ?, ?)",
            (
                utc_now(),
                self.coder_name,
                changeset.label,
                jsontext.dumps([c.to_json() for c in changeset.changes]),
                state,
            ),
        )
        changeset.id = cur.lastrowid

    def _notify(self, changeset: ChangeSet) -> None:
        for listener in list(self.listeners):
            listener(changeset)

    def _record(self, change: RowChange) -> None:
        if self._current is None:
            raise RuntimeError("write outside Writer.change()")
        if self._log:
            self._current.changes.append(change)
        elif change.table not in self._current.tables:
            # Bulk work keeps no undo data, only which tables it touched, for listeners.
            self._current.changes.append(RowChange(change.table, change.key, None, None))

    # -- row writes ----------------------------------------------------------------------

    def insert(self, table: str, values: Row) -> int:
        _check_name(table)
        cols = [_check_name(c) for c in values]
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            list(values.values()),
        )
        key = int(cur.lastrowid or values.get("id") or 0)
        if self._log:
            after = self._fetch(table, key)
            self._record(RowChange(table, key, None, after))
        else:
            self._record(RowChange(table, key, None, None))
        return key

    def insert_many(self, table: str, rows: list[Row]) -> list[int]:
        """``insert`` of many new rows of one table (a survey's documents, a transcript's
        turns), each with the same columns and no id of its own: hundreds of rows a statement,
        and the rows as stored read back at once for the change set. Returns their ids, in
        order.

        Few statements matter beyond their own cost: FTS5 writes out the rows it gathered at
        the savepoint each statement whose triggers write to it opens, so a document a
        statement made the search index a segment per document to write and merge (measured
        on a 5,000-respondent survey: the documents took twice as long)."""
        if not rows:
            return []
        _check_name(table)
        cols = [_check_name(c) for c in rows[0]]
        if "id" in cols or any(r.keys() != rows[0].keys() for r in rows):
            return [self.insert(table, r) for r in rows]
        last = self.conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
        if last > _LAST_ID - len(rows):  # SQLite would pick ids at random: one at a time
            return [self.insert(table, r) for r in rows]
        per = max(1, min(_MANY_ROWS, _VARIABLES // len(cols)))
        one = f"({', '.join('?' * len(cols))})"
        for at in range(0, len(rows), per):
            chunk = rows[at:at + per]
            self.conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                              + ", ".join([one] * len(chunk)),
                              [r[c] for r in chunk for c in cols])
        # a table without AUTOINCREMENT numbers new rows from its largest id up, in order
        stored = [dict(r) for r in self.conn.execute(
            f"SELECT * FROM {table} WHERE id > ? ORDER BY id", (last,))]
        if len(stored) != len(rows):
            raise RuntimeError(f"{table}: {len(rows)} rows inserted, {len(stored)} found")
        for after in stored:
            self._record(RowChange(table, int(after["id"]), None,
                                   after if self._log else None))
        return [int(after["id"]) for after in stored]

    def update(self, table: str, key: int, values: Row) -> None:
        _check_name(table)
        before = self._fetch(table, key)
        if before is None:
            return
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return
        sets = ", ".join(f"{_check_name(c)} = ?" for c in changed)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*changed.values(), key])
        self._record(RowChange(table, key, before, {**before, **changed}))

    def update_many(self, table: str, updates: list[tuple[int, Row]]) -> None:
        """``update`` of many rows of one table (an edit moving a thousand codings): their rows
        before are read 500 at a time and the changed ones written with one prepared statement
        per set of changed columns."""
        _check_name(table)
        befores: dict[int, Row] = {}
        keys = [key for key, _ in updates]
        for at in range(0, len(keys), 500):
            chunk = keys[at:at + 500]
            for found in self.conn.execute(
                    f"SELECT * FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
                befores[found["id"]] = dict(found)
        writes: dict[tuple[str, ...], list[list[Any]]] = {}
        for key, values in updates:
            before = befores.get(key)
            changed = {k: v for k, v in values.items() if before is not None and before.get(k) != v}
            if before is None or not changed:
                continue
            writes.setdefault(tuple(changed), []).append([*changed.values(), key])
            self._record(RowChange(table, key, before, {**before, **changed}))
        for columns, rows in writes.items():
            sets = ", ".join(f"{_check_name(c)} = ?" for c in columns)
            self.conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", rows)

    def delete(self, table: str, key: int) -> None:
        _check_name(table)
        before = self._fetch(table, key)
        if before is None:
            return
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (key,))
        self._record(RowChange(table, key, before, None))

    def delete_many(self, table: str, keys: list[int]) -> None:
        """``delete`` of many rows of one table, ``_IN_CHUNK`` a statement: the rows before
        are read at once and recorded in the order of ``keys``, exactly as ``delete`` one by
        one would (a key named twice, or gone already, is recorded once, or not at all)."""
        _check_name(table)
        for at in range(0, len(keys), _IN_CHUNK):
            chunk = keys[at:at + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            befores = {int(r["id"]): dict(r) for r in self.conn.execute(
                f"SELECT * FROM {table} WHERE id IN ({marks})", chunk)}
            if not befores:
                continue
            self.conn.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)
            for key in chunk:
                before = befores.pop(key, None)
                if before is not None:
                    self._record(RowChange(table, key, before, None))

    def insert_rows(self, table: str, rows: list[Row]) -> None:
        """``insert`` of many rows of one table that carry their ids and the same columns
        (undo putting back what an action deleted), many a statement; recorded as stored, in
        order, exactly as ``insert`` one by one would."""
        _check_name(table)
        cols = [_check_name(c) for c in rows[0]]
        if "id" not in cols or any(r.keys() != rows[0].keys() for r in rows):
            for r in rows:
                self.insert(table, r)
            return
        per = max(1, min(_MANY_ROWS, _VARIABLES // len(cols), _IN_CHUNK))
        one = f"({', '.join('?' * len(cols))})"
        for at in range(0, len(rows), per):
            chunk = rows[at:at + per]
            self.conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                              + ", ".join([one] * len(chunk)),
                              [r[c] for r in chunk for c in cols])
            keys = [int(r["id"]) for r in chunk]
            stored = {int(r["id"]): dict(r) for r in self.conn.execute(
                f"SELECT * FROM {table} WHERE id IN ({', '.join('?' * len(keys))})", keys)}
            for key in keys:
                self._record(RowChange(table, key, None, stored[key] if self._log else None))

    def _fetch(self, table: str, key: int) -> Row | None:
        found = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (key,)).fetchone()
        return dict(found) if found is not None else None

    def apply(self, change: RowChange) -> None:
        """Make the row look like ``change.after`` (used by undo and redo).

        An update sets only the fields the change changed: undoing a rename does not also put
        back a definition someone else (a team mate, through sync) changed since.
        """
        if change.after is None:
            self.delete(change.table, change.key)
        elif change.before is None:
            self.insert(change.table, change.after)
        else:
            before = change.before
            values = {k: v for k, v in change.after.items() if before.get(k) != v}
            if VALUES_COLUMN in values:
                # attribute values per attribute: undoing your value of one attribute keeps
                # the values a team mate set on the same case meanwhile
                here = self._fetch(change.table, change.key) or {}
                values[VALUES_COLUMN] = merge_values(here.get(VALUES_COLUMN),
                                                     before.get(VALUES_COLUMN),
                                                     values[VALUES_COLUMN])[0]
            self.update(change.table, change.key, values)

    def apply_all(self, changes: list[RowChange]) -> None:
        """``apply`` of every change, in order. A run of deletes of one table, or of inserts
        of one table with the same columns (undoing or redoing a survey's import: tens of
        thousands), goes many rows a statement; the rows changed and the ``RowChange`` records
        are those ``apply`` one by one gives. (Statements matter beyond their own cost: the
        search index's tables write out what each statement's triggers gathered.)"""
        at = 0
        while at < len(changes):
            first, end = changes[at], at + 1
            kind = _kind(first)
            if kind != "update":
                while end < len(changes) and changes[end].table == first.table \
                        and _kind(changes[end]) == kind and (kind == "delete" or list(
                            changes[end].after or ()) == list(first.after or ())):
                    end += 1
            run = changes[at:end]
            if kind == "update" or len(run) < BATCH_MIN:
                for change in run:
                    self.apply(change)
            elif kind == "delete":
                self.delete_many(first.table, [int(c.key) for c in run])
            else:
                self.insert_rows(first.table, [c.after for c in run if c.after is not None])
            at = end

    # -- undo / redo ---------------------------------------------------------------------

    def undo_label(self) -> str | None:
        return self.value("SELECT label FROM change_log WHERE state = 0 ORDER BY id DESC LIMIT 1")

    def redo_label(self) -> str | None:
        return self.value("SELECT label FROM change_log WHERE state = 1 ORDER BY id ASC LIMIT 1")

    def undo(self) -> ChangeSet | None:
        """Revert the latest change that is not undone; returns what was reverted."""
        return self._step(
            "SELECT id, label, changes FROM change_log WHERE state = 0 ORDER BY id DESC LIMIT 1",
            new_state=1,
            invert=True,
        )

    def redo(self) -> ChangeSet | None:
        return self._step(
            "SELECT id, label, changes FROM change_log WHERE state = 1 ORDER BY id ASC LIMIT 1",
            new_state=0,
            invert=False,
        )

    def _step(self, sql: str, *, new_state: int, invert: bool) -> ChangeSet | None:
        if self.readonly:
            raise ReadOnly("This project is open read-only; nothing was changed.")
        with self.lock:
            found = self.conn.execute(sql).fetchone()
            if found is None:
                return None
            original = ChangeSet(
                found["label"], [RowChange.from_json(c) for c in json.loads(found["changes"])]
            )
            todo = original.inverse() if invert else original
            applied = ChangeSet(todo.label)
            # Turns put back in bulk (undoing a transcript's removal, redoing its import) and
            # texts edited with their codings get their search rows once at the end.
            bulk = search_tables.deferred_documents(todo.changes)

            def mark_step() -> None:
                self.conn.execute("UPDATE change_log SET state = ? WHERE id = ?",
                                  (new_state, found["id"]))

            with self._transaction(applied, log=True, own=True, before_commit=mark_step):
                for doc in bulk:
                    search_tables.defer_regions(self.conn, doc)
                self.apply_all(todo.changes)
                # documents this step put back with their turns (redoing a survey's import:
                # thousands) have no region rows yet: written together, not compared one by one
                new = search_tables.without_regions(self.conn, bulk & {
                    int(c.key) for c in todo.changes
                    if c.table == "documents" and c.before is None and c.after})
                search_tables.write_deferred_many(self.conn, sorted(new))
                for doc in sorted(bulk - new):
                    search_tables.write_deferred(self.conn, doc)
        self._notify(applied)
        return applied


def _kind(change: RowChange) -> str:
    """What ``apply`` does with a change: delete, insert or update."""
    if change.after is None:
        return "delete"
    return "insert" if change.before is None else "update"
