"""whoosh (``pip install .[bench]``) as a search baseline doing the same work as fieldkit.

whoosh indexes the very rows fieldkit's two FTS5 tables hold (texts, memos, codes; coded
segments and turns), with the same folded and stemmed words (split on spaces: no stoplist, no
analyser of its own) and the same filter words, so it can return the same hits: a fieldkit
query's MATCH expressions are translated into whoosh's query language, a document's rows count
as one hit as in fieldkit, and the top ``limit`` get a snippet from ``hit.highlights()`` (one
fragment, 60 characters of context each side). A query whoosh cannot run counts as a failure,
not as a fast answer.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from fieldkit.storage import search_tables as tables

_COLUMN = re.compile(r"(\w+) : ")
_PREFIX = re.compile(r'"([^"\s]+)" \*')


def unit_of(rid: int) -> int:
    if rid >= tables.DOC_SHIFT:
        return rid // tables.DOC_SHIFT
    return rid // tables.PARTS if rid % tables.PARTS == tables.DOC_TEXT else -rid


def translate(expr: str) -> str:
    """An FTS5 expression as fieldkit writes it, in whoosh's query language."""
    return _COLUMN.sub(r"\1:", _PREFIX.sub(r"\1*", expr))


class Whoosh:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ix: dict[str, Any] = {}

    def build(self, db: Path) -> float:
        from whoosh import index
        from whoosh.analysis import SpaceSeparatedTokenizer
        from whoosh.fields import KEYWORD, STORED, TEXT, Schema

        if self.folder.exists():
            shutil.rmtree(self.folder)
        started = time.perf_counter()
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        for table in ("search_index", "search_regions"):
            where = self.folder / table
            where.mkdir(parents=True)
            schema = Schema(rid=STORED, unit=STORED, meta=KEYWORD,
                            stems=TEXT(analyzer=SpaceSeparatedTokenizer()),
                            words=TEXT(analyzer=SpaceSeparatedTokenizer(), stored=True))
            ix = index.create_in(str(where), schema)
            writer = ix.writer(limitmb=256)
            for rid, meta, stems, words in conn.execute(
                    f"SELECT rowid, meta, stems, words FROM {table}"):
                writer.add_document(rid=rid, unit=unit_of(rid), meta=meta, stems=stems,
                                    words=words)
            writer.commit()
            self.ix[table] = ix
        conn.close()
        return time.perf_counter() - started

    def open(self) -> None:
        from whoosh import index

        for table in ("search_index", "search_regions"):
            self.ix[table] = index.open_dir(str(self.folder / table))

    def search(self, expressions: dict[str, str | None], limit: int, regional: bool
               ) -> tuple[int, int]:
        """(total, snippets made) for the MATCH expressions fieldkit runs on each table."""
        from whoosh.highlight import ContextFragmenter
        from whoosh.qparser import QueryParser

        units: set[int] = set()
        made = 0
        for table, expr in expressions.items():
            if expr is None:
                continue
            ix = self.ix[table]
            with ix.searcher() as searcher:
                q = QueryParser("stems", ix.schema).parse(translate(expr))
                if not regional:
                    hits = searcher.search(q, limit=limit)
                    hits.fragmenter = ContextFragmenter(maxchars=200, surround=60)
                    made = len([h.highlights("words", top=1) for h in hits])
                    return len(hits), made
                hits = searcher.search(q, limit=None)  # every row: a document's rows are one hit
                hits.fragmenter = ContextFragmenter(maxchars=200, surround=60)
                best: dict[int, Any] = {}
                for h in hits:
                    best.setdefault(h["unit"], h)  # best first
                units.update(best)
                made += len([h.highlights("words", top=1) for h in list(best.values())[:limit]])
        return len(units), made
