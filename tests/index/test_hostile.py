"""No input breaks a search: it is read as a query or searched as plain words, with a note."""

from __future__ import annotations

import pytest

from fieldkit import Project

NASTY = [
    '"', '""', '"kantbank', 'kantbank"', "(", ")", "((kantbank", "kantbank))", "()", "*", "**",
    "-", "--", "- kantbank", "OR", "OR kantbank", "kantbank OR", "kantbank OR OR piet", "AND",
    "NOT", "NEAR", "NEAR(", "NEAR()", "NEAR(kantbank)", "NEAR(kantbank piet, x)",
    "NEAR(kantbank piet, 99999999999999999999)", "kantbank'; DROP TABLE documents; --",
    "' OR 1=1 --", "Robert'); DROP TABLE search_index;--", "site:", "site:\"", "kind:",
    ":", "::::", "a:b:c", "^kantbank", "kantbank^2", "{words}: kantbank", "stems : kantbank",
    "col:kantbank", "\x00", "\x01\x02", "👍", "👍*", "\u0301", "-(kantbank)", "-site:metaal",
    "(((((((((((((((((((((((((((((kantbank", "(" * 2000 + "kantbank" + ")" * 2000,
    "kantbank " * 500, "%_%", "\\", "\\\"", "NEAR(\"a b\" c, 3", "\n\t\r", "   ", "",
    "kantbank -kantbank", "*kantbank", "kant*bank", "after:2026-13-45", "before:",
]


@pytest.mark.parametrize("query", NASTY)
def test_hostile_queries_never_raise(study: Project, query: str) -> None:
    result = study.search(query)
    assert result.query == query
    assert result.total >= len(result.hits) >= 0
    for hit in result.hits:
        assert study.document(hit.document_id).text[hit.start:hit.end] == hit.match


def test_broken_query_falls_back_to_plain_words(study: Project) -> None:
    result = study.search('"nieuwe kantbank')
    assert result.total == 1 and "plain words" in (result.note or "")
    result = study.search("kantbank'; DROP TABLE documents; --")
    assert result.total == 0 or result.hits
    assert len(study.documents()) == 3
    assert study.search("(kantbank").note and study.search("(kantbank").total == 2
