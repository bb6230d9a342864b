"""Keeping the search index: rebuilding it from the data, re-indexing a document, checking it.

The triggers (``fieldkit.storage.search_tables``) keep both index tables in step with every
write; what is here is for when that is not enough: ``fieldkit reindex`` after damage or an
analyser change, and ``fieldkit check``, which compares every row with what the data says.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fieldkit.core.progress import Progress
from fieldkit.index.words import analyser
from fieldkit.storage import search_tables as tables
from fieldkit.storage import sqlengine
from fieldkit.storage.store import Store


class IndexUpkeep:
    """Rebuild, re-index and check the two FTS5 tables of one project's store."""

    store: Store

    def rebuild(self, progress: Progress | None = None) -> int:
        """Build the index afresh from the project's texts; returns how many texts it holds
        (coded segments and turns are rows of their own on top of these).

        One transaction: cancelling (``Cancelled`` from the progress) leaves the old index.
        """
        progress = progress or Progress.silent()
        an = analyser(self.store.meta("language", "nl"))
        with self.store.change("Rebuild the search index", log=False):
            conn = self.store.conn
            total = conn.execute(f"SELECT count(*) FROM ({tables.EXPECTED_ROWS})").fetchone()[0]
            regions = conn.execute("SELECT (SELECT count(*) FROM codings) + "
                                   "(SELECT count(*) FROM turns)").fetchone()[0]
            progress.start(total + regions, "Indexing texts")
            for table, create in (("search_index", tables.TABLE),
                                  ("search_regions", tables.REGIONS_TABLE)):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute(create)
            conn.execute(tables.PEOPLE_TABLE)
            conn.execute(tables.FILL_PEOPLE)
            source = conn.execute(f"SELECT rid, body, field, document_id, meta FROM "
                                  f"({tables.EXPECTED_ROWS})")
            done = 0
            while batch := source.fetchmany(500):
                values = [(rid, field, doc, meta, *an.analyse(body or ""))
                          for rid, body, field, doc, meta in batch]
                conn.executemany(tables.INSERT, values)
                done += len(batch)
                progress.step(f"{done} of {total} texts", amount=len(batch))
            last = conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
            for first in range(0, last + 1, tables.FILL_BATCH):
                written = tables.fill_regions(conn, (first, first + tables.FILL_BATCH - 1))
                progress.step("Coded segments and turns", amount=written)
            for table in ("search_index", "search_regions"):
                conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        return total

    def optimize(self) -> None:
        """Merge the index's segments (worth doing after loading many documents)."""
        with self.store.change("Tidy the search index", log=False):
            for table in ("search_index", "search_regions"):
                self.store.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")

    def _resync(self, where: str, params: Iterable[Any]) -> None:
        """Rewrite the index rows of the texts selected by ``where`` over the expected rows."""
        conn = self.store.conn
        wanted = list(conn.execute(
            f"SELECT rid, body, field, document_id, meta FROM ({tables.EXPECTED_ROWS}) "
            f"WHERE {where}", list(params)))
        conn.execute(f"DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM "
                     f"search_index WHERE {where.replace('rid', 'rowid')})", list(params))
        an = analyser(self.store.meta("language", "nl"))
        conn.executemany(
            tables.INSERT,
            [(rid, field, doc, meta, *an.analyse(body or ""))
             for rid, body, field, doc, meta in wanted])

    def add(self, document_id: int) -> None:
        """Index one document's text and memos (the triggers already do this on every write)."""
        self.update(document_id)

    def update(self, document_id: int) -> None:
        """Re-index one document: its text, memo, coded segments and turns."""
        with self.store.change("Update the search index", log=False):
            self._resync("rid / 8 = ? AND rid % 8 IN (0, 1)", [int(document_id)])
            tables.reindex_document(self.store.conn, int(document_id))

    def remove(self, document_id: int) -> None:
        with self.store.change("Update the search index", log=False):
            doc = int(document_id)
            self.store.conn.execute("DELETE FROM search_index WHERE rowid IN (?, ?)",
                                    (doc * 8, doc * 8 + 1))
            self.store.conn.execute(
                "DELETE FROM search_regions WHERE rowid >= ? AND rowid < ?",
                (doc * tables.DOC_SHIFT, (doc + 1) * tables.DOC_SHIFT))

    # -- checking ------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Plain sentences about anything wrong with the index (an empty list: all is well)."""
        out: list[str] = []
        conn = self.store.conn
        lang = tables.LANGUAGE
        with self.store.lock:
            if not self.store.readonly:
                try:
                    for table in ("search_index", "search_regions"):
                        conn.execute(f"INSERT INTO {table} ({table}, rank) "
                                     "VALUES ('integrity-check', 1)")
                except sqlengine.DatabaseError as exc:
                    out.append(f"The search index is damaged ({exc}); run `fieldkit reindex`.")
                    return out
            missing = extra = 0
            # Documents with many regions one at a time, their text handed over once (a
            # transcript of thousands of turns made the one query below quadratic).
            big = tables.many_region_documents(conn)
            others = f"WHERE document_id NOT IN ({', '.join(map(str, big))})" if big else ""
            for table, expected, columns, where in (
                    ("search_index", tables.EXPECTED_ROWS,
                     f"fk_stems(body, {lang}), fk_words(body, {lang}), fk_offsets(body, {lang})",
                     ""),
                    ("search_regions", tables.EXPECTED_REGIONS, tables.REGION_COLUMNS, others)):
                missing += conn.execute(
                    f"SELECT count(*) FROM (SELECT rid, {columns}, field, document_id, meta "
                    f"FROM ({expected}) {where} EXCEPT SELECT rowid, stems, words, offsets, "
                    f"field, document_id, meta FROM {table} {where})").fetchone()[0]
                extra += conn.execute(
                    f"SELECT count(*) FROM (SELECT rowid FROM {table} EXCEPT "
                    f"SELECT rid FROM ({expected}))").fetchone()[0]
            missing += sum(tables.missing_document_regions(conn, doc) for doc in big)
            missing += conn.execute(  # people whose words speaker: would not find
                f"SELECT count(*) FROM ({tables.EXPECTED_PEOPLE} "
                "AND w NOT IN (SELECT word FROM search_people))").fetchone()[0]
        if missing:
            out.append(f"The search index is out of step with {missing} text(s); "
                       "run `fieldkit reindex`.")
        if extra:
            out.append(f"The search index holds {extra} text(s) that are no longer in the "
                       "project; run `fieldkit reindex`.")
        return out
