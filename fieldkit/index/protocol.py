"""The small interface a search engine offers, so that another engine could be plugged in.

``FtsIndex`` (SQLite FTS5 inside the project database) is the one the app uses; the benchmark
compares it with a plain scan and with whoosh, which do not live in the app.
"""

from __future__ import annotations

from typing import Protocol

from fieldkit.core.progress import Progress
from fieldkit.index.results import SearchResult


class SearchEngine(Protocol):
    """Keeps an index of a project's texts and answers queries from it."""

    def add(self, document_id: int) -> None:
        """Index a new document's text and memo."""

    def update(self, document_id: int) -> None:
        """Re-index a document whose text or memo changed."""

    def remove(self, document_id: int) -> None:
        """Forget a deleted document."""

    def search(self, text: str, *, limit: int = 100) -> SearchResult:
        """Ranked hits for a query in fieldkit's query language; never raises for any text."""

    def rebuild(self, progress: Progress | None = None) -> int:
        """Index everything afresh; returns how many texts were indexed."""
