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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.changes import Row, RowChange
from fieldkit.core.value_merge import VALUES_COLUMN, Overwritten, merge_values
from fieldkit.storage import memo_authors, sqlengine

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
    "saved_queries": {}, "attributes": {},
    "visits": {"site_id": "sites"},
    "participants": {"site_id": "sites"},
    "documents": {"site_id": "sites", "visit_id": "visits", "participant_id": "participants",
                  "media_id": "media", "memo_by": "coders", "memo_modified_by": "coders"},
    "case_documents": {"case_id": "cases", "document_id": "documents"},
    "case_participants": {"case_id": "cases", "participant_id": "participants"},
    "case_parts": {"case_id": "cases", "document_id": "documents"},
    "turns": {"document_id": "documents"},
    "codes": {"parent_id": "codes", "memo_by": "coders", "memo_modified_by": "coders"},
    "codings": {"document_id": "documents", "code_id": "codes", "coder_id": "coders",
                "memo_by": "coders", "memo_modified_by": "coders"},
    "set_members": {"set_id": "sets", "document_id": "documents", "code_id": "codes"},
    "memo_info": {"document_id": "documents", "created_by": "coders",
                  "modified_by": "coders"},
    "links": {"from_document_id": "documents", "document_id": "documents",
              "coding_id": "codings", "code_id": "codes"},
    "recordings": {"document_id": "documents", "media_id": "media"},
    "transcript_links": {"document_id": "documents", "recording_id": "documents"},
    "relation_types": {}, "networks": {},
    "network_nodes": {"network_id": "networks", "code_id": "codes", "document_id": "documents",
                      "coding_id": "codings"},
    "code_links": {"from_code_id": "codes", "to_code_id": "codes",
                   "relation_id": "relation_types"},
    "network_links": {"network_id": "networks", "from_node_id": "network_nodes",
                      "to_node_id": "network_nodes", "relation_id": "relation_types"},
    "pdfs": {"document_id": "documents", "media_id": "media"},
    "pdf_pages": {"document_id": "documents"},
}

#: table -> the columns that say which row it is, on every replica
IDENTITY: dict[str, tuple[str, ...]] = {
    **{t: ("uuid",) for t in ("coders", "sites", "visits", "participants", "cases", "documents",
                              "codes", "codings", "saved_searches", "sets", "links",
                              "saved_queries", "attributes", "case_parts",
                              "relation_types", "networks", "network_nodes", "code_links",
                              "network_links")},
    "media": ("sha256",),
    "case_documents": ("case_id", "document_id"),
    "case_participants": ("case_id", "participant_id"),
    "turns": ("document_id", "start"),
    "set_members": ("set_id", "document_id", "code_id"),
    "memo_info": ("document_id",),
    "recordings": ("document_id",),
    "transcript_links": ("document_id",),
    "pdfs": ("document_id",),
    "pdf_pages": ("document_id", "page"),
}
SHARED = frozenset(REFS)

#: the columns that name who wrote a memo (a coder): a reference that says who, not what a
#: row belongs to, so nothing is deleted or moved along it, and the team server lets a member
#: name only their own coders there (``memo_authors``)
AUTHORS: dict[str, tuple[str, ...]] = memo_authors.AUTHOR_COLUMNS

#: who points at a table, as (table, column): what goes when a row of it goes
DEPENDANTS: dict[str, list[tuple[str, str]]] = {}
for _table, _refs in REFS.items():
    for _column, _target in _refs.items():
        if _column not in AUTHORS.get(_table, ()):
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
            if c.table == "case_parts" and c.before is not None \
                    and c.before["document_id"] in text_edited:
                continue  # moved (or gone) on every replica when the text edit arrives
            out.append(self._row(c, known))
            if c.table == "documents" and c.before and c.after:
                out.extend(self._memo_writer(c, out[-1], changes))
        return out

    def _memo_writer(self, c: RowChange, row: dict[str, Any],
                     changes: list[RowChange]) -> list[dict[str, Any]]:
        """A memo document's new text or title goes with the row that says who wrote it (its
        details' ``modified_by``), even where that writer did not change: the team server
        takes no text of a memo without it, so nobody rewrites a colleague's memo under their
        name. Nothing when the change set changes the details itself."""
        if not {"text", "title"} & set(row.get("set", {})) or any(
                x.table == "memo_info" and (x.after or {}).get("document_id") == c.key
                for x in changes):
            return []
        found = self.conn.execute(
            "SELECT k.uuid FROM memo_info i JOIN coders k ON k.id = i.modified_by "
            "WHERE i.document_id = ?", (c.key,)).fetchone() if _has_details(self.conn) else None
        if found is None:
            return []
        return [{"t": "memo_info", "k": row["k"], "op": "update",
                 "set": {"modified_by": found[0]}, "was": {"modified_by": found[0]}}]

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
            if "memo" in changed and c.table in memo_authors.MEMO_TABLES:
                # a memo's text always goes with who wrote it, even the same writer again
                changed |= {"memo_modified_by", "memo_modified"} & set(c.after)
            after, before = self._fields(c.table, c.after, known), \
                self._fields(c.table, c.before, known)
            out["op"] = "update"
            out["set"] = {k: after[k] for k in changed}
            out["was"] = {k: before[k] for k in changed}
        if c.table == "codings":  # whose coding, of which document: checked by the server
            out["coder"], out["doc"] = named["coder_id"], named["document_id"]
        return out


# -- portable rows applied to this replica ------------------------------------------------

#: a row of a shared table as a researcher says it ("the code was deleted")
NOUNS = {"coders": "coder", "sites": "site", "cases": "case", "media": "media file",
         "saved_searches": "saved search", "sets": "set", "saved_queries": "saved query",
         "visits": "visit", "participants": "participant", "documents": "document",
         "case_documents": "case's document", "case_participants": "case's participant",
         "turns": "speaker turn", "codes": "code", "codings": "coding",
         "set_members": "set member", "memo_info": "memo", "links": "link",
         "recordings": "recording", "transcript_links": "transcript link",
         "attributes": "attribute", "case_parts": "case part", "pdfs": "PDF",
         "pdf_pages": "PDF page",
         "relation_types": "relation type", "networks": "network",
         "network_nodes": "network node", "code_links": "link between codes",
         "network_links": "network link"}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a shared table as this schema declares it (what an incoming row may set)."""

    name: str
    kind: str  # 'integer', 'real', 'text' or 'any' (SQLite's type affinity)
    notnull: bool
    ref: str | None  # the shared table it points at (sent as that row's identity)


def catalog(conn: sqlite3.Connection) -> dict[str, dict[str, Column]]:
    """Every shared table's columns (``id`` aside), from this replica's own schema."""
    out: dict[str, dict[str, Column]] = {}
    for table in sorted(SHARED):
        columns: dict[str, Column] = {}
        for _cid, name, declared, notnull, _default, _pk in conn.execute(
                f"PRAGMA table_info({table})"):
            if name == "id":
                continue
            upper = str(declared or "").upper()
            kind = ("integer" if "INT" in upper else
                    "text" if any(t in upper for t in ("CHAR", "CLOB", "TEXT")) else
                    "real" if any(t in upper for t in ("REAL", "FLOA", "DOUB")) else "any")
            columns[name] = Column(name, kind, bool(notnull), REFS[table].get(name))
        if columns:
            out[table] = columns
    return out


@dataclass(slots=True)
class Skip:
    """A row this copy did not apply, and why (in a researcher's words)."""

    row: dict[str, Any]
    reason: str


@dataclass(slots=True)
class Applied:
    """What applying one change set left out."""

    skipped: list[Skip] = field(default_factory=list)
    #: attribute values it replaced that an earlier change set had changed: (the row as a
    #: message names it, what was replaced)
    overwritten: list[tuple[str, Overwritten]] = field(default_factory=list)


class _Skipped(Exception):
    """A row that cannot be applied to this copy as it is now (the same on every copy)."""


#: called with (document id, old text, new text) before a text edit is written, so that its
#: codings re-anchor first, exactly as on the copy that made the edit
TextEditHook = Callable[[int, str, str], object]
#: called with a coding's id after it arrives or moves, to fit it to the text it quotes
PlaceHook = Callable[[int], None]


class Applier:
    """Applies portable rows through the writer (so search, listeners and undo data follow).

    Each row is applied whole or not at all (a savepoint): a row this copy cannot apply (what
    it points at was deleted, its key is gone, a value the schema refuses, anything else) is
    skipped and named in ``Applied.skipped``; the decision depends only on the row and on the
    shared state every copy reaches by applying the same history in the same order.
    """

    def __init__(self, writer: Writer, *, reserved: dict[str, int] | None = None,
                 on_text_edit: TextEditHook | None = None,
                 on_placed: PlaceHook | None = None) -> None:
        self.w = writer
        self.reserved = reserved or {}  # table -> highest id kept free for own rows
        self.on_text_edit = on_text_edit
        self.on_placed = on_placed
        self._ids: dict[tuple[str, Any], int | None] = {}
        self._columns: dict[str, set[str]] = {}
        self.gone: dict[str, str] = {}  # uuid -> name of codes, documents, coders deleted here

    def _known(self, table: str, values: Row) -> Row:
        """Only the columns this version has (the validation refused any other before)."""
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

    def _local_values(self, table: str, values: Row) -> Row:
        """The row with foreign keys as local ids; ``_Skipped`` when what it points at is gone."""
        refs = REFS[table]
        out = {}
        for k, v in values.items():
            if k in refs and v is not None:
                v = self.local_id(refs[k], v)
                if v is None:
                    raise _Skipped(f"the {NOUNS[refs[k]]} was deleted")
            out[k] = v
        return out

    def apply(self, rows: list[dict[str, Any]], *, keep_ids: dict[tuple[str, Any], int]
              | None = None) -> Applied:
        """Apply one (validated) change set's rows in order. ``keep_ids`` gives own inserts
        their old ids. A row that cannot be applied is skipped whole and named."""
        done = Applied()
        conn = self.w.conn
        current = self.w._current
        for r in rows:
            mark = len(current.changes) if current is not None else 0
            conn.execute("SAVEPOINT fieldkit_row")
            try:
                self._apply_row(r, keep_ids, done)
            except Exception as exc:  # noqa: BLE001 - whatever it was, this row only
                conn.execute("ROLLBACK TO fieldkit_row")
                if current is not None:
                    del current.changes[mark:]
                self._ids.clear()
                done.skipped.append(Skip(r, _reason(exc)))
            conn.execute("RELEASE fieldkit_row")
        return done

    def _apply_row(self, r: dict[str, Any], keep_ids: dict[tuple[str, Any], int] | None,
                   done: Applied) -> None:
        table, op = r["t"], r["op"]
        key = self.local_id(table, r["k"])
        if op == "delete":
            if key is not None:
                self._delete(table, key)
            return
        values = self._local_values(table, self._known(table, r["set"]))
        if op == "update":
            if key is None:
                raise _Skipped(f"the {NOUNS[table]} was deleted before it arrived")
            if VALUES_COLUMN in values:
                self._merge_values(table, key, values, r.get("was"), done)
            self._update(table, key, values)
            return
        if key is not None:
            if table == "media" or self._same(table, key, values):
                return  # here already (a snapshot taken after it; one photo imported twice)
            raise _Skipped(f"a {NOUNS[table]} with its identity exists already")
        wanted = (keep_ids or {}).get((table, json.dumps(r["k"])))
        if wanted is not None:
            values["id"] = wanted
        elif table in self.reserved:
            top = self.w.conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
            values["id"] = max(top, self.reserved[table]) + 1
        if table == "codings":
            self._check_span(values)
        new: int | None
        try:
            new = self.w.insert(table, values)
        except sqlengine.IntegrityError:
            new = self._alias(table, r["k"], values)
            if new is None:
                raise
        self._ids[_cached(table, r["k"])] = new
        if table == "codings" and self.on_placed is not None:
            self.on_placed(new)

    def _merge_values(self, table: str, key: int, values: Row, was: Any,
                      done: Applied) -> None:
        """Attribute values per attribute: only those the change set changed (between what
        it replaced and what it wrote) are written onto the row's values as they are here, so
        a team mate's value of another attribute, set meanwhile, stays."""
        old = was.get(VALUES_COLUMN) if isinstance(was, dict) else None
        if old is None:
            return  # a change set that does not say what it replaced: written whole
        here = self.w._fetch(table, key) or {}
        values[VALUES_COLUMN], lost = merge_values(here.get(VALUES_COLUMN), old,
                                                   values[VALUES_COLUMN])
        if lost:
            called = here.get(VALUE_HOLDER_NAME.get(table, ""))
            row = f"The {NOUNS[table]} {_quoted(called)}" if called else f"A {NOUNS[table]}"
            done.overwritten += [(row, o) for o in lost]

    def _update(self, table: str, key: int, values: Row) -> None:
        # only a text edit and a coding need the row as it was (the writer reads it again)
        needed = table == "codings" or (table == "documents" and "text" in values)
        old = self.w._fetch(table, key) if needed else None
        if table == "documents" and "text" in values and old is not None \
                and old["text"] != values["text"] and self.on_text_edit is not None:
            # codings first, then the text: as the copy that made the edit did it, so the
            # text's search trigger writes every coded segment where it ends up
            self.on_text_edit(key, str(old["text"]), str(values["text"]))
        if table == "codings" and old is not None:
            self._check_span({**old, **values})
        self.w.update(table, key, values)
        if table == "codings" and ANCHOR_FIELDS & set(values) and self.on_placed is not None:
            self.on_placed(key)

    def _check_span(self, coding: Row) -> None:
        """A text coding lies within its document's text (a span a newer text left behind is
        fitted to its quote by ``on_placed``; one beyond every text is not a coding)."""
        start, end = coding.get("start"), coding.get("end")
        if start is None or end is None:
            return
        found = self.w.conn.execute("SELECT text FROM documents WHERE id = ?",
                                    (coding.get("document_id"),)).fetchone()
        if found is None:
            raise _Skipped("the document was deleted")
        quote = coding.get("quote") or ""
        if not 0 <= start <= end or (end > len(found[0]) and not (quote and quote in found[0])):
            raise _Skipped(f"its place ({start}–{end}) lies outside the text")

    def _same(self, table: str, key: int, values: Row) -> bool:
        here = self.w._fetch(table, key) or {}
        return all(here.get(k) == v for k, v in values.items() if k != "id")

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
        if table in NAME_FIELD:
            found = self.w.conn.execute(f"SELECT uuid, {NAME_FIELD[table]} FROM {table} "
                                        "WHERE id = ?", (key,)).fetchone()
            if found is not None:
                self.gone[str(found[0])] = str(found[1])
        self.w.delete(table, key)
        self._forget(table)


#: the column that names a row of these tables in a message
NAME_FIELD = {"codes": "name", "documents": "title", "coders": "name"}
#: the column that names a row holding attribute values
VALUE_HOLDER_NAME = {"cases": "name", "documents": "title", "participants": "pseudonym"}


def _quoted(text: Any) -> str:
    line = str(text).replace("\r", " ").replace("\n", " ")
    return f"'{line if len(line) <= 60 else line[:57] + '…'}'"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, _Skipped):
        return str(exc)
    if isinstance(exc, sqlengine.IntegrityError):
        return f"this copy's database refuses it ({exc})"
    return f"it could not be applied ({type(exc).__name__}: {exc})"


def name_of(conn: sqlite3.Connection, table: str, uuid: Any) -> str | None:
    """The name (a code's, a coder's) or title (a document's) of a row known by its UUID."""
    if table not in NAME_FIELD or not isinstance(uuid, str):
        return None
    found = conn.execute(f"SELECT {NAME_FIELD[table]} FROM {table} WHERE uuid = ?",
                         (uuid,)).fetchone()
    if found is None:
        found = conn.execute(
            f"SELECT t.{NAME_FIELD[table]} FROM team_aliases a JOIN {table} t ON t.id = a.local_id "
            "WHERE a.tbl = ? AND a.uuid = ?", (table, uuid)).fetchone()
    return None if found is None else str(found[0])


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


def media_files(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, filename) of every media row: the files a snapshot needs beside it."""
    return [(r[0], r[1]) for r in conn.execute("SELECT sha256, filename FROM media")]


def snapshot(conn: sqlite3.Connection, target: str) -> None:
    """A consistent copy of the whole database in ``target`` (SQLite's VACUUM INTO), a plain
    database always: the team server and new members read it (an encrypted project's is
    made with SQLCipher's ``sqlcipher_export`` into a plain file; docs/encryption.md)."""
    if not sqlengine.is_cipher(conn):
        conn.execute("VACUUM INTO ?", (target,))
        return
    from pathlib import Path

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("BEGIN")  # one consistent state of the database is exported
    try:
        conn.execute(sqlengine.attach_sql(Path(target), None, "snapshot"))
        conn.execute("SELECT sqlcipher_export('snapshot')")
        conn.execute(f"PRAGMA snapshot.user_version = {int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE snapshot")


def start_replica(conn: sqlite3.Connection, facts: dict[str, str]) -> None:
    """Make a received snapshot this member's copy: others' history gone, the team facts in."""
    with conn:
        clear_for_replica(conn)
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         list(facts.items()))


def clear_for_replica(conn: sqlite3.Connection) -> None:
    """A fresh replica keeps no one else's undo history, outbox or locks."""
    conn.execute("DELETE FROM change_log")
    leave_team(conn)
    conn.execute("DELETE FROM meta WHERE key = 'current_coder'")


def leave_team(conn: sqlite3.Connection) -> None:
    """This copy stops being a replica: its outbox, aliases, held locks and team facts go; what
    the project holds (its material, codings and undo history) stays."""
    for table in ("team_outbox", "team_aliases", "team_locks"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM meta WHERE key LIKE 'team_%'")


def canonical(conn: sqlite3.Connection) -> dict[str, list[Any]]:
    """Every shared row named by identity, sorted: two equal replicas give equal dumps."""
    port = Portable(conn)
    out: dict[str, list[Any]] = {}
    for table in sorted(SHARED):
        try:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        except sqlengine.OperationalError:
            continue
        known: dict[tuple[str, int], Any] = {}
        dumped = [json.dumps(port._fields(table, dict(r), known), sort_keys=True,
                             ensure_ascii=False) for r in rows]
        out[table] = sorted(dumped)
    return out


# -- received snapshots -------------------------------------------------------------------

#: tables SQLite makes by itself (ANALYZE, PRAGMA optimize, AUTOINCREMENT), with their fixed SQL
SQLITE_OWN = {("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
              ("table", "sqlite_stat4", "sqlite_stat4",
               "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
              ("table", "sqlite_sequence", "sqlite_sequence",
               "CREATE TABLE sqlite_sequence(name,seq)")}

SchemaRow = tuple[str, str, str, str | None]


def schema_of(conn: sqlite3.Connection) -> tuple[int, set[SchemaRow]]:
    """A database's schema version and every object in it (type, name, table, SQL)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    rows = {(str(t), str(n), str(tb), None if s is None else str(s)) for t, n, tb, s in
            conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")}
    return version, rows


_EXPECTED: dict[int, set[SchemaRow]] = {}


def expected_schema(version: int) -> set[SchemaRow]:
    """Every object a fieldkit database of schema ``version`` holds: made by the migrations
    themselves in an empty in-memory database (so it is exactly what fieldkit makes)."""
    from fieldkit.storage import schema

    if version not in _EXPECTED:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for step in schema.MIGRATIONS[:version]:
                conn.execute("BEGIN")
                step(conn)
                conn.execute("COMMIT")
            _EXPECTED[version] = schema_of(conn)[1]
        finally:
            conn.close()
    return _EXPECTED[version]


def quick_check(conn: sqlite3.Connection) -> str:
    """SQLite's own check of the file's structure: 'ok', or the first thing wrong."""
    return str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])


def coder_named(conn: sqlite3.Connection, name: str) -> str | None:
    """The name of the coder called ``name`` (case as stored), if there is one."""
    found = conn.execute("SELECT name FROM coders WHERE name = ? COLLATE NOCASE",
                         (name,)).fetchone()
    return None if found is None else str(found[0])


def open_for_writing(path: str) -> sqlite3.Connection:
    """A plain connection to a snapshot file being prepared (rollback journal, our SQL
    functions registered for the search triggers)."""
    from fieldkit.storage import database

    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    database.require_functions()
    database.install_functions(conn)
    return conn


def coder_uuid(conn: sqlite3.Connection, name: str) -> str | None:
    """The UUID of the coder called ``name`` here, if there is one."""
    found = conn.execute("SELECT uuid FROM coders WHERE name = ?", (name,)).fetchone()
    return None if found is None else str(found[0])


def coding_names(conn: sqlite3.Connection, uuid: Any) -> tuple[str, str, str] | None:
    """(coder uuid, code uuid, document uuid) of a coding known here by its UUID."""
    if not isinstance(uuid, str):
        return None
    found = conn.execute(
        "SELECT r.uuid, k.uuid, d.uuid FROM codings c JOIN coders r ON r.id = c.coder_id "
        "JOIN codes k ON k.id = c.code_id JOIN documents d ON d.id = c.document_id "
        "WHERE c.uuid = ?", (uuid,)).fetchone()
    return None if found is None else (str(found[0]), str(found[1]), str(found[2]))


def _has_details(conn: sqlite3.Connection) -> bool:
    """Whether memo details name their writers (schema step 12)."""
    return any(r[1] == "modified_by" for r in conn.execute("PRAGMA table_info(memo_info)"))
