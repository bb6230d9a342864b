"""Full-text search: a local index that finds anything in the project in milliseconds.

The engine is SQLite FTS5 inside ``project.sqlite`` (``fieldkit.index.fts``), kept in step by
triggers (``fieldkit.storage.search_tables``) that call the SQL functions registered here, on
every connection fieldkit opens. Importing this package registers them with
``fieldkit.storage.database``; storage sits below the index and never imports it, so the facade
(``fieldkit.project``) imports the index before it opens a project. Words are folded (case,
diacritics) and stemmed per project language (``fieldkit.index.words``); the query language is
read by ``fieldkit.index.query`` and described in ``QUERY_HELP`` (the same text as
``docs/search.md``).
"""

from __future__ import annotations

from fieldkit.index.help import QUERY_HELP
from fieldkit.index.incremental import columns as _columns
from fieldkit.index.meta import filter_words, row_words
from fieldkit.index.protocol import SearchEngine
from fieldkit.index.regions import (
    fk_region,
    fk_region_differs,
    fk_region_load,
    fk_region_of,
    fk_region_prime,
    fk_region_split_load,
    person_word,
)
from fieldkit.index.results import Hit, SavedSearch, SearchResult
from fieldkit.storage import database


def fk_stems(text: str | None, language: str | None) -> str:
    """SQL ``fk_stems(text, lang)``: the stemmed, folded words of a text, space separated."""
    return _columns(text, language)[0]


def fk_words(text: str | None, language: str | None) -> str:
    """SQL ``fk_words(text, lang)``: the folded words of a text, space separated."""
    return _columns(text, language)[1]


def fk_offsets(text: str | None, language: str | None) -> bytes:
    """SQL ``fk_offsets(text, lang)``: where each word of a text starts (``words.pack``)."""
    return _columns(text, language)[2]


database.register_function("fk_stems", 2, fk_stems)
database.register_function("fk_words", 2, fk_words)
database.register_function("fk_offsets", 2, fk_offsets)
database.register_function("fk_meta", 4, row_words)
database.register_function("fk_filters", 5, filter_words)
database.register_function("fk_person", 1, person_word)
database.register_function("fk_region", 6, fk_region)
database.register_function("fk_region_prime", 4, fk_region_prime)
database.register_function("fk_region_of", 4, fk_region_of)
database.register_function("fk_region_load", 3, fk_region_load)
database.register_function("fk_region_differs", 6, fk_region_differs)
database.register_function("fk_region_split_load", 6, fk_region_split_load)


__all__ = ["QUERY_HELP", "Hit", "SavedSearch", "SearchEngine", "SearchResult",
           "fk_offsets", "fk_stems", "fk_words"]
