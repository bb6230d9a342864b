"""The project's data access: every read and write of project rows goes through ``Store``.

Writes happen inside ``Store.change(label)`` so that each user action is one transaction and one
undo step (see ``storage.writer``). Reads return domain objects from ``core.model``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from fieldkit.core.errors import NotFound
from fieldkit.core.model import (
    Case,
    Code,
    Coder,
    Coding,
    Document,
    Media,
    Participant,
    Site,
    Turn,
    Visit,
    new_uuid,
    utc_now,
)
from fieldkit.storage import (
    case_tables,
    memo_authors,
    network_tables,
    pdf_tables,
    recording_tables,
    rows,
    search_tables,
)
from fieldkit.storage.workbench_tables import REFERENCES
from fieldkit.storage.writer import Writer

_SHA = re.compile(r"[0-9a-f]{64}")
#: The largest id SQLite can store (a signed 64-bit integer).
MAX_ROW_ID = 2**63 - 1

_NOUNS = {
    "documents": "document", "codes": "code", "codings": "coding", "sites": "site",
    "visits": "visit", "participants": "participant", "coders": "coder", "cases": "case",
    "saved_searches": "saved search", "sets": "set", "links": "link",
    "saved_queries": "saved query", "attributes": "attribute", "case_parts": "case part",
    "relation_types": "relation type", "networks": "network", "network_nodes": "network node",
    "code_links": "link between codes", "network_links": "network link",
}


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One line of the document list: what ``fieldkit docs`` prints."""

    id: int
    uuid: str
    kind: str
    title: str
    site: str | None
    visit: str | None
    participant: str | None
    chars: int
    codings: int
    created: str
    duration_ms: int | None = None  # recordings only


@dataclass(slots=True)
class CodingFilter:
    code_ids: Sequence[int] | None = None
    document_id: int | None = None
    coder_id: int | None = None


class Store(Writer):
    """Repositories for every table, on one connection."""

    def __init__(self, conn: sqlite3.Connection, *, readonly: bool = False) -> None:
        super().__init__(conn, readonly=readonly)
        self._stamps: bool | None = None  # whether the schema has memo stamps (step 12)
        self._cases: bool | None = None  # whether it has case parts (step 14)
        self._networks: bool | None = None  # whether it has networks (step 16)
        self._bulk: list[int] | None = None  # documents added inside documents_in_bulk
        # every document's summary, kept until the data changes (the window's panes each
        # list them when a project opens: 10,000 documents in the large demo)
        self._summaries: tuple[tuple[int, int], list[DocumentSummary]] | None = None

    def close(self) -> None:
        """Let SQLite tidy its statistics (after a committed change) and close the connection.

        Only then: ``PRAGMA optimize`` may rewrite the statistics of a table whose index a read
        used, and a session that only read, or whose one action was refused, leaves the file
        exactly as it found it."""
        with self.lock:
            if not self.readonly and self.committed:
                try:
                    self.conn.execute("PRAGMA optimize")
                except Exception:  # closed already, or busy: the statistics can wait
                    pass
            self.conn.close()

    def delete(self, table: str, key: int) -> None:
        """Delete a row after the rows of other tables that point at it (sets, memo links)."""
        cases = case_tables.REFERENCES.get(table, ()) if self._has_cases() else ()
        nets = network_tables.REFERENCES.get(table, ()) if self._has_networks() else ()
        for other, column in (*REFERENCES.get(table, ()), *cases, *nets):
            for r in self.rows(f"SELECT id FROM {other} WHERE {column} = ?", (key,)):
                self.delete(other, r[0])
        super().delete(table, key)

    def delete_many(self, table: str, keys: list[int]) -> None:
        """``delete`` of many rows: many a statement where nothing points at them (undoing
        an import, children go before their parents); a chunk of rows that other rows point at
        goes one by one, each after those rows, as ``delete`` does."""
        cases = case_tables.REFERENCES.get(table, ()) if self._has_cases() else ()
        refs = (*REFERENCES.get(table, ()), *cases)
        for at in range(0, len(keys), 500):
            chunk = keys[at:at + 500]
            marks = ", ".join("?" * len(chunk))
            if any(self.conn.execute(f"SELECT 1 FROM {other} WHERE {column} IN ({marks}) "
                                     "LIMIT 1", chunk).fetchone() for other, column in refs):
                for key in chunk:
                    self.delete(table, key)
            else:
                super().delete_many(table, chunk)

    def _has_cases(self) -> bool:
        """Whether the schema has the case parts of step 14 (see ``_has_stamps``)."""
        if self._cases is None:
            self._cases = case_tables.present(self)
        return self._cases

    def _has_networks(self) -> bool:
        """Whether the schema has the networks of step 16 (see ``_has_stamps``)."""
        if self._networks is None:
            self._networks = network_tables.present(self)
        return self._networks

    def _has_stamps(self) -> bool:
        """Whether the schema has the memo writers of step 12 (a writable project always
        has; a database of an older step being built, in a test, has not)."""
        if self._stamps is None:
            self._stamps = memo_authors.present(self.conn)
        return self._stamps

    def _memo_details(self, key: int, row: dict[str, Any]) -> None:
        """A new memo document's details: type ``theoretical``, written by the coder its
        ``author`` attribute names (the demo's, an import's), else by the current coder."""
        attributes = row.get("attributes")
        named = json.loads(attributes).get("author") if isinstance(attributes, str) else None
        author = (named if isinstance(named, str) and named.strip() else self.coder_name).strip()
        coder_id = self.coder_id(author) if author else None
        memo_authors.add_details(self, key, author, str(row["created"])[:10], coder_id)

    def _memo_stamped(self, table: str, key: int | None, values: dict[str, Any],
                      coder_id: int | None = None) -> dict[str, Any]:
        """``values`` with the memo's author and time added when they change the memo of row
        ``key`` (None: a new row) of ``table``: ``coder_id``, or the current coder
        (``memo_authors.stamped``). Called inside the change that writes them."""
        if "memo" not in values or "memo_modified_by" in values \
                or (key is None and not values["memo"]):
            return values
        if not self._has_stamps():
            return values
        before = self._fetch(table, key) if key is not None else None
        if (before or {}).get("memo", "") == values["memo"]:
            return values
        if coder_id is None and self.coder_name:
            coder_id = self.coder_id(self.coder_name)
        # the memo's time is the row's own when the row says when it changes
        now = values.get("modified") or values.get("created") or utc_now()
        return memo_authors.stamped(table, before, values, coder_id, str(now))

    # -- ids -----------------------------------------------------------------------------

    def resolve(self, table: str, ref: int | str) -> int:
        """The integer id of a row given its short id or UUID; NotFound names what was asked."""
        noun = _NOUNS.get(table, table)
        text = str(ref).strip()
        if text.isdecimal():  # ids beyond SQLite's 64 bits name no row (and cannot be bound)
            number = int(text)
            key = self.value(f"SELECT id FROM {table} WHERE id = ?", (number,)) \
                if number <= MAX_ROW_ID else None
        else:
            key = self.value(f"SELECT id FROM {table} WHERE uuid = ?", (text.lower(),))
            if key is None:
                key = self.value(f"SELECT id FROM {table} WHERE uuid = ?", (text,))
        if key is None:
            raise NotFound(f"There is no {noun} '{ref}' in this project.")
        return int(key)

    def uuid_of(self, table: str, key: int) -> str | None:
        return self.value(f"SELECT uuid FROM {table} WHERE id = ?", (key,))

    def id_by_uuid(self, table: str, uuid: str) -> int | None:
        return self.value(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,))

    # -- meta ----------------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        found = self.value("SELECT value FROM meta WHERE key = ?", (key,))
        return default if found is None else str(found)

    def set_meta(self, key: str, value: str) -> None:
        with self.lock:
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- coders, sites, visits, participants, cases ---------------------------------------

    def coder_id(self, name: str) -> int:
        """The id of the coder with this name, adding the coder on first use."""
        found = self.value("SELECT id FROM coders WHERE name = ?", (name,))
        if found is not None:
            return int(found)
        with self.change(f"Add coder {name}"):
            return self.insert("coders", {"uuid": new_uuid(), "name": name, "created": utc_now()})

    def coders(self) -> list[Coder]:
        return [rows.coder(r) for r in self.rows("SELECT * FROM coders ORDER BY name")]

    def name_of_coder(self, coder_id: int) -> str:
        """The name of the coder with this id."""
        return str(self.value("SELECT name FROM coders WHERE id = ?", (coder_id,)))

    def coder_by_name(self, name: str) -> Coder | None:
        r = self.row("SELECT * FROM coders WHERE name = ?", (name,))
        return rows.coder(r) if r else None

    def site_by_name(self, name: str) -> Site | None:
        r = self.row("SELECT * FROM sites WHERE name = ?", (name.strip(),))
        return rows.site(r) if r else None

    def sites(self) -> list[Site]:
        return [rows.site(r) for r in self.rows("SELECT * FROM sites ORDER BY name")]

    def site(self, key: int) -> Site:
        r = self.row("SELECT * FROM sites WHERE id = ?", (key,))
        if r is None:
            raise NotFound(f"There is no site '{key}' in this project.")
        return rows.site(r)

    def add_site(self, name: str, description: str = "", uuid: str | None = None) -> int:
        with self.change(f"Add site {name}"):
            return self.insert(
                "sites", {"uuid": uuid or new_uuid(), "name": name.strip(),
                          "description": description},
            )

    def visits(self, site_id: int | None = None) -> list[Visit]:
        if site_id is None:
            found = self.rows("SELECT * FROM visits ORDER BY date, id")
        else:
            found = self.rows("SELECT * FROM visits WHERE site_id = ? ORDER BY date", (site_id,))
        return [rows.visit(r) for r in found]

    def visit_on(self, site_id: int, date: str) -> Visit | None:
        r = self.row("SELECT * FROM visits WHERE site_id = ? AND date = ?", (site_id, date))
        return rows.visit(r) if r else None

    def visit(self, key: int) -> Visit:
        r = self.row("SELECT * FROM visits WHERE id = ?", (key,))
        if r is None:
            raise NotFound(f"There is no visit '{key}' in this project.")
        return rows.visit(r)

    def add_visit(self, site_id: int, date: str, observers: str = "",
                  uuid: str | None = None) -> int:
        with self.change(f"Add visit {date}"):
            return self.insert(
                "visits",
                {"uuid": uuid or new_uuid(), "site_id": site_id, "date": date,
                 "observers": observers},
            )

    def participants(self) -> list[Participant]:
        found = self.rows("SELECT * FROM participants ORDER BY pseudonym")
        return [rows.participant(r) for r in found]

    def participant_by_pseudonym(self, pseudonym: str) -> Participant | None:
        r = self.row("SELECT * FROM participants WHERE pseudonym = ?", (pseudonym.strip(),))
        return rows.participant(r) if r else None

    def add_participant(self, pseudonym: str, *, name: str = "", role: str = "",
                        site_id: int | None = None, attributes: dict[str, Any] | None = None,
                        uuid: str | None = None) -> int:
        with self.change(f"Add participant {pseudonym}"):
            return self.insert(
                "participants",
                {"uuid": uuid or new_uuid(), "pseudonym": pseudonym.strip(), "name": name,
                 "role": role, "site_id": site_id,
                 "attributes": json.dumps(attributes or {}, ensure_ascii=False)},
            )

    def cases(self) -> list[Case]:
        return [rows.case(r) for r in self.rows("SELECT * FROM cases ORDER BY name")]

    def add_case(self, name: str, description: str = "",
                 attributes: dict[str, Any] | None = None, uuid: str | None = None) -> int:
        with self.change(f"Add case {name}"):
            return self.insert(
                "cases", {"uuid": uuid or new_uuid(), "name": name, "description": description,
                          "attributes": json.dumps(attributes or {}, ensure_ascii=False)},
            )

    def add_cases(self, cases: Sequence[tuple[str, dict[str, Any]]]) -> list[int]:
        """``add_case`` for many cases (name and attributes each) in one change, hundreds a
        statement; returns their ids, in order."""
        with self.change(f"Add {len(cases)} cases"):
            return self.insert_many("cases", [
                {"uuid": new_uuid(), "name": name, "description": "",
                 "attributes": json.dumps(attributes or {}, ensure_ascii=False)}
                for name, attributes in cases])

    def add_case_documents(self, members: Sequence[tuple[int, int]]) -> None:
        """``add_to_case`` for many (case id, document id) pairs in one change."""
        with self.change("Add to cases"):
            self.insert_many("case_documents", [{"case_id": case_id, "document_id": doc}
                                                for case_id, doc in members])

    def add_to_case(self, case_id: int, *, document_id: int | None = None,
                    participant_id: int | None = None) -> None:
        with self.change("Add to case"):
            if document_id is not None:
                self.insert("case_documents", {"case_id": case_id, "document_id": document_id})
            if participant_id is not None:
                self.insert("case_participants",
                            {"case_id": case_id, "participant_id": participant_id})

    def case_members(self, case_id: int) -> tuple[list[int], list[int]]:
        docs = [r[0] for r in self.rows(
            "SELECT document_id FROM case_documents WHERE case_id = ?", (case_id,))]
        people = [r[0] for r in self.rows(
            "SELECT participant_id FROM case_participants WHERE case_id = ?", (case_id,))]
        return docs, people

    # -- media ---------------------------------------------------------------------------

    def media_by_sha(self, sha256: str) -> Media | None:
        r = self.row("SELECT * FROM media WHERE sha256 = ?", (sha256,))
        return rows.media(r) if r else None

    def documents_with_text(self, text: str) -> list[tuple[int, str]]:
        """(id, title) of every document whose text is exactly ``text``, oldest first: found by
        its length (indexed), then compared whole, so a long project costs no full scan."""
        return [(int(r[0]), str(r[1])) for r in self.rows(
            "SELECT id, title FROM documents WHERE chars = ? AND text = ? ORDER BY id",
            (len(text), text))]

    def documents_of_media(self, sha256: str) -> list[tuple[int, str]]:
        """(id, title) of every document shown from the media file of ``sha256`` (a photo, a
        recording), oldest first."""
        return [(int(r[0]), str(r[1])) for r in self.rows(
            "SELECT d.id, d.title FROM documents d JOIN media m ON m.id = d.media_id "
            "WHERE m.sha256 = ? ORDER BY d.id", (sha256,))]

    def media(self, key: int) -> Media:
        r = self.row("SELECT * FROM media WHERE id = ?", (key,))
        if r is None:
            raise NotFound(f"There is no media file '{key}' in this project.")
        return rows.media(r)

    def all_media(self) -> list[Media]:
        return [rows.media(r) for r in self.rows("SELECT * FROM media ORDER BY id")]

    def media_in_use(self) -> set[str]:
        """The sha256 of every media row, and of media rows an undo or redo could bring back."""
        shas = {sha for (sha,) in self.rows("SELECT sha256 FROM media")}
        for (changes,) in self.rows(
                "SELECT changes FROM change_log WHERE changes LIKE '%\"media\"%'"):
            shas.update(_SHA.findall(changes))
        return shas

    def add_media(self, values: dict[str, Any]) -> int:
        with self.change("Add media"):
            return self.insert("media", values)

    def media_for(self, values: dict[str, Any]) -> int:
        """The id of the media row of ``values["sha256"]``: the one there, or one added."""
        existing = self.media_by_sha(values["sha256"])
        return existing.id if existing else self.add_media(values)

    # -- documents -----------------------------------------------------------------------

    def add_document(self, values: dict[str, Any], turns: Iterable[Turn] = (), *,
                     details: dict[str, Any] | None = None) -> int:
        """Insert a document row (``text``, ``kind``, ``title`` …) and its speaker turns.

        A memo document gets its details at once (``memo_info``): ``details`` where given
        (an import's), else type ``theoretical`` written by the coder its ``author``
        attribute names, or by the current coder."""
        now = utc_now()
        text = values.get("text", "")
        row = {"uuid": new_uuid(), "created": now, "modified": now, **values,
               "chars": len(text)}
        if isinstance(row.get("attributes"), dict):
            row["attributes"] = json.dumps(row["attributes"], ensure_ascii=False)
        with self.change(f"Add {row['kind']} {row['title']}"):
            key = self.insert("documents", self._memo_stamped("documents", None, row))
            if row["kind"] == "memo" and details is not None:
                self.insert("memo_info", {"document_id": key, **details})
            elif row["kind"] == "memo" and self._has_stamps():
                self._memo_details(key, row)
            if self._bulk is not None:  # its regions are written with the others, at the end
                search_tables.defer_regions(self.conn, key)
                self._bulk.append(key)
            turn_rows = [{"document_id": key, "start": t.start, "end": t.end,
                          "speaker": t.speaker, "t_start": t.t_start, "t_end": t.t_end}
                         for t in turns]
            if turn_rows:
                with self.turns_in_bulk(key) if self._bulk is None else nullcontext():
                    self.insert_many("turns", turn_rows)
            return key

    def add_documents(self, documents: Sequence[tuple[dict[str, Any], Sequence[Turn]]]
                      ) -> list[int]:
        """``add_document`` for many documents (values and turns each) in one change: their
        rows written hundreds a statement (``insert_many``), their regions at the end
        (``documents_in_bulk``). Returns their ids, in order. Memos and documents with a memo
        (whose details and stamps are written one by one) and documents of different columns
        go one at a time."""
        now = utc_now()
        rows = []
        for values, _ in documents:
            row = {"uuid": new_uuid(), "created": now, "modified": now, **values,
                   "chars": len(values.get("text", ""))}
            if isinstance(row.get("attributes"), dict):
                row["attributes"] = json.dumps(row["attributes"], ensure_ascii=False)
            rows.append(row)
        with self.change(f"Add {len(rows)} documents"), self.documents_in_bulk():
            if any(r["kind"] == "memo" or r.get("memo") for r in rows) \
                    or any(r.keys() != rows[0].keys() for r in rows):
                return [self.add_document(v, t) for v, t in documents]
            keys = self.insert_many("documents", rows)
            search_tables.defer_many(self.conn, keys)
            assert self._bulk is not None
            self._bulk.extend(keys)
            self.insert_many("turns", [
                {"document_id": key, "start": t.start, "end": t.end, "speaker": t.speaker,
                 "t_start": t.t_start, "t_end": t.t_end}
                for key, (_, turns) in zip(keys, documents, strict=True) for t in turns])
            return keys

    @contextmanager
    def documents_in_bulk(self) -> Iterator[None]:
        """Within a change: many documents added (``add_document``) get the search rows of
        their turns (and of any span coded meanwhile) in one pass at the end, a few hundred
        documents a statement, instead of one document at a time (a survey's thousands of
        short answer documents: half the time of storing them). An error leaves the marks to
        the change's rollback. Nested use joins the outer one."""
        if self._bulk is not None:
            yield
            return
        self._bulk = []
        try:
            with search_tables.pending_in_bulk(self.conn):
                yield
                search_tables.write_deferred_many(self.conn, self._bulk)
        finally:
            self._bulk = None

    def regions_later(self, document_id: int) -> AbstractContextManager[None]:
        """Within a change: the document's coded segments and turns get their search rows once
        at the end, compared with the rows they have (a text edit moves its codings and text;
        many turns inserted are written with the document's text read once, linear in the
        turns)."""
        return search_tables.regions_later(self.conn, document_id)

    turns_in_bulk = regions_later  # inserting many turns of one document

    def document(self, key: int) -> Document:
        r = self.row("SELECT * FROM documents WHERE id = ?", (key,))
        if r is None:
            raise NotFound(f"There is no document '{key}' in this project.")
        return rows.document(r)

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.rows("SELECT id FROM documents ORDER BY id")]

    def turns(self, document_id: int) -> list[Turn]:
        return [rows.turn(r) for r in self.rows(
            "SELECT * FROM turns WHERE document_id = ? ORDER BY start", (document_id,))]

    def data_key(self) -> tuple[int, int]:
        """What changes whenever the data may have: this connection's writes (``total_changes``:
        edits, undo, imports, merges, team sync) and another's commits (``PRAGMA
        data_version``). Whatever is read once and kept is kept under it."""
        with self.lock:
            return (self.conn.total_changes,
                    int(self.conn.execute("PRAGMA data_version").fetchone()[0]))

    def document_summaries(self, *, kind: str | None = None, site_id: int | None = None,
                           visit_id: int | None = None) -> list[DocumentSummary]:
        """Documents with their site, visit, participant, length and number of codings, in id
        order; all of them (no filter) are read once until a change of this connection
        (``total_changes``) or a commit by another (``PRAGMA data_version``)."""
        if kind is None and site_id is None and visit_id is None:
            key = self.data_key()
            if self._summaries is None or self._summaries[0] != key:
                self._summaries = (key, self._read_summaries(None, None, None))
            return list(self._summaries[1])
        return self._read_summaries(kind, site_id, visit_id)

    def _read_summaries(self, kind: str | None, site_id: int | None,
                        visit_id: int | None) -> list[DocumentSummary]:
        where, params = [], []
        for column, value in (("d.kind", kind), ("d.site_id", site_id),
                              ("d.visit_id", visit_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return [
            DocumentSummary(r["id"], r["uuid"], r["kind"], r["title"], r["site"], r["visit"],
                            r["participant"], r["chars"], r["codings"], r["created"],
                            r["duration_ms"])
            for r in self.rows(self.summaries_sql(where), params)
        ]

    def summaries_sql(self, where: list[str]) -> str:
        """The document list's query (``where``: conditions on ``d``, the documents). It reads
        the documents from the index that holds what the list shows (``documents_listed``,
        schema step 17), never their texts."""
        sql = (
            "SELECT d.id, d.uuid, d.kind, d.title, s.name AS site, v.date AS visit, "
            "p.pseudonym AS participant, d.chars, d.created, "
            "(SELECT count(*) FROM codings c WHERE c.document_id = d.id) AS codings, "
            + ("r.duration_ms FROM documents d LEFT JOIN recordings r ON r.document_id = d.id "
               if recording_tables.present(self) else "NULL AS duration_ms FROM documents d ")
            + "LEFT JOIN sites s ON s.id = d.site_id "
            "LEFT JOIN visits v ON v.id = d.visit_id "
            "LEFT JOIN participants p ON p.id = d.participant_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql + " ORDER BY d.id"

    def update_document(self, key: int, values: dict[str, Any]) -> None:
        values = dict(values)
        if "text" in values:
            values["chars"] = len(values["text"])
        if isinstance(values.get("attributes"), dict):
            values["attributes"] = json.dumps(values["attributes"], ensure_ascii=False)
        values["modified"] = utc_now()
        with self.change("Edit document"):
            self.update("documents", key, self._memo_stamped("documents", key, values))
            if ("text" in values or "title" in values) and self.coder_name \
                    and self._has_stamps() \
                    and self.value("SELECT kind FROM documents WHERE id = ?", (key,)) == "memo":
                memo_authors.touch_details(self, key, self.coder_id(self.coder_name))

    def delete_document(self, key: int) -> None:
        """Remove a document with its codings, turns and case memberships (undoable)."""
        doc = self.document(key)
        with self.change(f"Delete {doc.title}"):
            for table in ("codings", "turns", "case_documents"):
                for r in self.rows(f"SELECT id FROM {table} WHERE document_id = ?", (key,)):
                    self.delete(table, r[0])
            recording_tables.unlink_all(self, key)
            pdf_tables.unlink_all(self, key)
            self.delete("documents", key)

    # -- codes ---------------------------------------------------------------------------

    def codes(self) -> list[Code]:
        return [rows.code(r) for r in self.rows("SELECT * FROM codes ORDER BY position, id")]

    def code(self, key: int) -> Code:
        r = self.row("SELECT * FROM codes WHERE id = ?", (key,))
        if r is None:
            raise NotFound(f"There is no code '{key}' in this project.")
        return rows.code(r)

    def add_code(self, values: dict[str, Any]) -> int:
        values = {"uuid": new_uuid(), **values}
        if "position" not in values:
            values["position"] = int(self.value(
                "SELECT coalesce(max(position), -1) + 1 FROM codes WHERE parent_id IS ?",
                (values.get("parent_id"),)))
        with self.change(f"Add code {values['name']}"):
            return self.insert("codes", self._memo_stamped("codes", None, values))

    def update_code(self, key: int, values: dict[str, Any]) -> None:
        with self.change("Edit code"):
            self.update("codes", key, self._memo_stamped("codes", key, values))

    def delete_code(self, key: int) -> None:
        """Delete a code, the codes below it and all their codings, as one undoable step."""
        with self.change("Delete code"):
            stack, order = [key], []
            while stack:
                current = stack.pop()
                order.append(current)
                stack.extend(r[0] for r in self.rows(
                    "SELECT id FROM codes WHERE parent_id = ?", (current,)))
            for code_id in reversed(order):
                for r in self.rows("SELECT id FROM codings WHERE code_id = ?", (code_id,)):
                    self.delete("codings", r[0])
                self.delete("codes", code_id)

    def coding_counts(self) -> dict[int, int]:
        return {r[0]: r[1] for r in self.rows(
            "SELECT code_id, count(*) FROM codings GROUP BY code_id")}

    # -- codings -------------------------------------------------------------------------

    def add_coding(self, values: dict[str, Any]) -> int:
        values = {"uuid": new_uuid(), "created": utc_now(), **values}
        with self.change("Apply code"):
            # a memo written with the coding is its coder's
            return self.insert("codings", self._memo_stamped("codings", None, values,
                                                             values.get("coder_id")))

    def update_coding(self, key: int, values: dict[str, Any]) -> None:
        with self.change("Edit coding"):
            self.update("codings", key, self._memo_stamped("codings", key, values))

    def update_codings(self, updates: list[tuple[int, dict[str, Any]]]) -> None:
        """``update_coding`` for many codings at once (re-anchoring after a text edit)."""
        with self.change("Edit codings"):
            self.update_many("codings", updates)

    def delete_coding(self, key: int) -> None:
        with self.change("Remove coding"):
            self.delete("codings", key)

    def coding(self, key: int) -> Coding:
        r = self.row("SELECT * FROM codings WHERE id = ?", (key,))
        if r is None:
            raise NotFound(f"There is no coding '{key}' in this project.")
        return rows.coding(r)

    def codings(self, flt: CodingFilter | None = None) -> list[Coding]:
        flt = flt or CodingFilter()
        where: list[str] = []
        params: list[Any] = []
        if flt.code_ids is not None:
            where.append(f"code_id IN ({', '.join('?' * len(flt.code_ids))})")
            params.extend(flt.code_ids)
        if flt.document_id is not None:
            where.append("document_id = ?")
            params.append(flt.document_id)
        if flt.coder_id is not None:
            where.append("coder_id = ?")
            params.append(flt.coder_id)
        sql = "SELECT * FROM codings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY document_id, start, id"
        return [rows.coding(r) for r in self.rows(sql, params)]

    def text_anchors(self, document_id: int) -> list[tuple[int, int, int, str, str, str, bool]]:
        """(id, start, end, quote, before, after, orphaned) of a document's text codings, in
        text order: what re-anchoring reads (an edit of a long note reads a thousand; making
        whole ``Coding`` objects of them took a tenth of the edit)."""
        return [(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in self.conn.execute(
            "SELECT id, start, end, quote, before, after, orphaned FROM codings "
            "WHERE document_id = ? AND start IS NOT NULL AND end IS NOT NULL "
            "ORDER BY document_id, start, id", (document_id,))]

    def find_coding(self, document_id: int, code_id: int, coder_id: int,
                    start: int | None, end: int | None) -> int | None:
        return self.value(
            "SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? "
            "AND start IS ? AND end IS ?", (document_id, code_id, coder_id, start, end))

    # -- saved searches ------------------------------------------------------------------

    def saved_searches(self) -> list[tuple[int, str, str]]:
        return [(r["id"], r["name"], r["query"]) for r in self.rows(
            "SELECT * FROM saved_searches ORDER BY name")]

    def save_search(self, name: str, query: str) -> int:
        with self.change(f"Save search {name}"):
            existing = self.value("SELECT id FROM saved_searches WHERE name = ?", (name,))
            if existing is not None:
                self.update("saved_searches", int(existing), {"query": query})
                return int(existing)
            return self.insert("saved_searches", {"uuid": new_uuid(), "name": name,
                                                  "query": query, "created": utc_now()})

    def delete_saved_search(self, key: int) -> None:
        with self.change("Delete saved search"):
            self.delete("saved_searches", key)
