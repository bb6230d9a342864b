"""What a search gives back: hits with their place in the text and a keyword-in-context line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Hit:
    """One place where the query matched, ready to show and to jump to.

    ``field`` says which text matched: ``"text"`` (a document's text), ``"caption"`` (a photo's
    caption, which is that document's text), ``"memo"`` (a document memo), ``"coding memo"`` or
    ``"code"`` (a code's name, definition, inclusion, exclusion, example or memo).

    ``start``/``end`` are code points, half-open, of the matched words: in the document's text
    for ``text`` and ``caption``; in the memo for ``memo``; for a ``coding memo`` they are the
    coded segment's span in the document text (so jumping selects the coded words) while
    ``before``/``match``/``after`` quote the memo. Hits on codes have ``document_id`` 0,
    ``document_uuid`` "", ``kind`` "code", the code's path as ``title``, ``code_id`` set and
    offsets into the code's description (name, definition, inclusion, exclusion, example and
    memo joined by newlines). ``score`` is bm25 with the sign flipped: higher is better.
    """

    document_id: int
    document_uuid: str
    title: str
    kind: str
    site: str | None
    visit: str | None
    speaker: str | None
    start: int
    end: int
    before: str
    match: str
    after: str
    snippet: str
    score: float
    field: str
    coding_id: int | None = None
    code_id: int | None = None
    page: int | None = None


@dataclass(slots=True)
class SearchResult:
    """The hits of one search, best first; ``total`` counts all hits, not just those returned.

    ``note`` is a plain sentence when the input could not be read as a query and was searched
    as plain words, or when a filter was unknown or matched nothing; otherwise ``None``.
    """

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    note: str | None = None


@dataclass(slots=True)
class SavedSearch:
    """A named query kept in the project."""

    id: int
    name: str
    query: str
