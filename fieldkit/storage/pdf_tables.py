"""Tables of PDF documents: a PDF's facts, its pages, and its characters' boxes.

``pdfs`` has one row per ``pdf`` document (its original in ``media``, page count, metadata
title and creation date, whether it has a text layer); ``pdf_pages`` one row per page (its
characters ``[start, end)`` of the document's text and its size in points as shown). Both are
ordinary rows: written through the ``Writer`` (undo, audit) and shared with a team.

``pdf_boxes`` holds each page's character boxes: a packed float32 array, four numbers (x0, y0,
x1, y1 in points from the page's top-left) per code point of the page's text, 16 bytes a
character. They are derived data, like the search index: rebuilt from the original PDF in
``media/`` when missing, so they are kept out of the change log and out of what a team sends
(a 300-page PDF has some 14 MB of boxes; the text, which travels, is a 16th of that). A
trigger drops a page's boxes with its ``pdf_pages`` row, so an id used again never finds the
boxes of another document. Codings gain ``page``: the page an area coding is on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from fieldkit.core.model import PdfInfo, PdfPage
from fieldkit.storage import document_kinds
from fieldkit.storage.writer import Writer

_TABLES = """
CREATE TABLE IF NOT EXISTS pdfs (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    media_id INTEGER NOT NULL REFERENCES media(id), pages INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '', created TEXT, text_layer INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS pdf_pages (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
    page INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    width REAL NOT NULL, height REAL NOT NULL, UNIQUE (document_id, page));
CREATE TABLE IF NOT EXISTS pdf_boxes (
    document_id INTEGER NOT NULL, page INTEGER NOT NULL, chars INTEGER NOT NULL,
    boxes BLOB NOT NULL, PRIMARY KEY (document_id, page));
CREATE TRIGGER IF NOT EXISTS pdf_pages_boxes_gone AFTER DELETE ON pdf_pages BEGIN
    DELETE FROM pdf_boxes WHERE document_id = old.document_id AND page = old.page; END;
CREATE TRIGGER IF NOT EXISTS pdf_pages_boxes_moved AFTER UPDATE ON pdf_pages BEGIN
    DELETE FROM pdf_boxes WHERE document_id = old.document_id AND page = old.page; END
"""
#: what a team server set up before this step does not know (members send without it)
TEAM_TABLES = ("pdfs", "pdf_pages")
TEAM_FIELDS = {"codings": ("page",)}
_OLD_KINDS = "'text','recording')"
_NEW_KINDS = "'text','recording','pdf')"


def create(conn: sqlite3.Connection) -> None:
    """The migration step: the tables, ``codings.page`` and ``pdf`` allowed as a kind.

    The kind's CHECK constraint is widened the way ``recording_tables.create`` does it (the
    stored schema text edited, ``schema_version`` bumped; no row on disk changes).
    """
    columns = {r[1] for r in conn.execute("PRAGMA table_info(codings)")}
    if "page" not in columns:
        conn.execute("ALTER TABLE codings ADD COLUMN page INTEGER")
    for statement in _TABLES.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    document_kinds.widen(conn, _OLD_KINDS, _NEW_KINDS)


def present(store: Writer) -> bool:
    """Whether the tables exist (a project of an older schema opened read-only has none)."""
    return store.value("SELECT 1 FROM sqlite_master WHERE name = 'pdf_pages'") is not None


def add(store: Writer, document_id: int, media_id: int, pages: list[PdfPage],
        boxes: list[bytes], title: str, created: str | None) -> None:
    """Within a change: a PDF document's facts, its pages and their boxes (none given: they
    are read from the original when first asked for)."""
    store.insert("pdfs", {"document_id": document_id, "media_id": media_id,
                          "pages": len(pages), "title": title, "created": created,
                          "text_layer": int(any(p.end > p.start for p in pages))})
    store.insert_many("pdf_pages", [
        {"document_id": document_id, "page": p.number, "start": p.start, "end": p.end,
         "width": p.width, "height": p.height} for p in pages])
    if boxes:
        save_boxes(store, document_id, [(p.number, p.end - p.start, b)
                                        for p, b in zip(pages, boxes, strict=True)])


def info(store: Writer, document_id: int) -> PdfInfo | None:
    """The facts of a PDF document; None for any other document."""
    if not present(store):
        return None
    r = store.row("SELECT * FROM pdfs WHERE document_id = ?", (document_id,))
    if r is None:
        return None
    return PdfInfo(document_id=r["document_id"], media_id=r["media_id"], pages=r["pages"],
                   title=r["title"], created=r["created"], text_layer=bool(r["text_layer"]))


def pages(store: Writer, document_id: int) -> list[PdfPage]:
    """The pages of a PDF document in order (none for any other document)."""
    if not present(store):
        return []
    return [PdfPage(r[0], r[1], r[2], r[3], r[4]) for r in store.rows(
        "SELECT page, start, end, width, height FROM pdf_pages WHERE document_id = ? "
        "ORDER BY page", (document_id,))]


def page(store: Writer, document_id: int, number: int) -> PdfPage | None:
    """One page of a PDF document (by its number, from 1); None when it has no such page."""
    if not present(store):
        return None
    r = store.row("SELECT page, start, end, width, height FROM pdf_pages WHERE document_id = ? "
                  "AND page = ?", (document_id, number))
    return PdfPage(r[0], r[1], r[2], r[3], r[4]) if r else None


def page_count(store: Writer, document_id: int) -> int:
    """How many pages a PDF document has (0 for any other document)."""
    if not present(store):
        return 0
    return int(store.value("SELECT count(*) FROM pdf_pages WHERE document_id = ?",
                           (document_id,)))


def pages_of(store: Writer, document_ids: Iterable[int] | None = None
             ) -> dict[int, list[PdfPage]]:
    """The pages of many PDF documents (of every one when ``document_ids`` is None), by
    document id; a document that is no PDF is left out."""
    if not present(store):
        return {}
    out: dict[int, list[PdfPage]] = {}
    sql = "SELECT document_id, page, start, end, width, height FROM pdf_pages"
    if document_ids is None:
        found = store.rows(sql + " ORDER BY document_id, page")
    else:
        ids = sorted(set(document_ids))
        found = []
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            found += store.rows(sql + f" WHERE document_id IN ({', '.join('?' * len(chunk))})"
                                " ORDER BY document_id, page", chunk)
    for r in found:
        out.setdefault(int(r[0]), []).append(PdfPage(r[1], r[2], r[3], r[4], r[5]))
    return out


def boxes(store: Writer, document_id: int, page: int) -> tuple[int, bytes] | None:
    """(characters, packed float32 boxes) of one page, or None when they are not kept."""
    if not present(store):
        return None
    r = store.row("SELECT chars, boxes FROM pdf_boxes WHERE document_id = ? AND page = ?",
                  (document_id, page))
    return (int(r[0]), bytes(r[1])) if r else None


def save_boxes(store: Writer, document_id: int, found: list[tuple[int, int, bytes]]) -> None:
    """Keep pages' boxes, (page, characters, packed boxes) each: derived data, so no undo
    step and nothing in the change log; inside a change they commit (or roll back) with it.
    A project open read-only keeps nothing."""
    if store.readonly or not found:
        return
    with store.lock:
        store.conn.executemany(
            "INSERT OR REPLACE INTO pdf_boxes (document_id, page, chars, boxes) "
            "VALUES (?, ?, ?, ?)", [(document_id, page, chars, data)
                                    for page, chars, data in found])


def unlink_all(store: Writer, document_id: int) -> None:
    """Within a change: drop a document's PDF facts and pages (their boxes go with them)."""
    if not present(store):
        return
    for table in ("pdf_pages", "pdfs"):
        for r in store.rows(f"SELECT id FROM {table} WHERE document_id = ?", (document_id,)):
            store.delete(table, r[0])


def coding_pages(store: Writer) -> dict[int, int]:
    """The page of every area coding on a PDF page, by coding id."""
    columns = {r[1] for r in store.rows("PRAGMA table_info(codings)")}
    if "page" not in columns:
        return {}
    return {int(r[0]): int(r[1]) for r in store.rows(
        "SELECT id, page FROM codings WHERE page IS NOT NULL")}



def pages_outside(store: Writer) -> list[tuple[int, int, int, int, int]]:
    """(document id, page, start, end, the text's length) of every PDF page whose range is not
    inside its document's text or starts before the page before it ends."""
    if not present(store):
        return []
    found = []
    last: tuple[int, int] = (0, 0)  # document, end of its page before
    for doc, page, start, end, chars in store.rows(
            "SELECT p.document_id, p.page, p.start, p.end, d.chars FROM pdf_pages p "
            "JOIN documents d ON d.id = p.document_id ORDER BY p.document_id, p.page"):
        before = last[1] if last[0] == doc else 0
        if not (0 <= start <= end <= chars) or start < before:
            found.append((int(doc), int(page), int(start), int(end), int(chars)))
        last = (doc, end)
    return found


def areas_off_pages(store: Writer) -> list[tuple[int, int, int]]:
    """(coding id, document id, page) of every area coding on a page its PDF does not have."""
    if not present(store):
        return []
    return [(int(r[0]), int(r[1]), int(r[2])) for r in store.rows(
        "SELECT c.id, c.document_id, c.page FROM codings c WHERE c.page IS NOT NULL AND "
        "NOT EXISTS (SELECT 1 FROM pdf_pages p WHERE p.document_id = c.document_id "
        "AND p.page = c.page) ORDER BY c.id")]
