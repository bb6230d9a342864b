"""``fk_region_split_load`` then ``fk_region_of``: a region's columns sliced from its document's
own index row (a bulk write of many documents' regions, ``search_tables.fill_regions``) are
exactly what ``fk_region`` gives by splitting and stemming the region's words again: for every
span, also spans that cut a word, with emoji, accents, combining marks and CRLF; a row whose
columns do not line up with its words is split again; another document's regions are empty."""

from __future__ import annotations

import pytest

from fieldkit.index.regions import fk_region, fk_region_of, fk_region_split_load
from fieldkit.index.words import analyser

TEXTS = (
    "Café-gesprekken in de pauze 😀 leveren tips op.\r\nDe coo\u0308rdinator legt het uit.",
    "Eén keer te veel vragen 👍🏽 is beter dan één keer te weinig; Straße, naïef, 2024-03-01.",
    "",
    "😀😀 ",
)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("text", TEXTS)
def test_every_span_is_what_fk_region_gives(text: str, language: str) -> None:
    stems, words, offsets = analyser(language).analyse(text)
    fk_region_split_load(7, text, offsets, stems, words, language)
    spans = [(s, e) for s in range(len(text) + 1) for e in range(s, len(text) + 2)]
    spans += [(None, None), (0, None), (None, 5)]
    for start, end in spans:
        for column in range(3):
            assert fk_region_of(7, start, end, column) \
                == fk_region(text, offsets, start, end, language, column), (start, end, column)


def test_columns_that_do_not_line_up_are_split_again() -> None:
    text = "Jan helpt Piet."
    _stems, _words, offsets = analyser("nl").analyse(text)
    fk_region_split_load(3, text, offsets, "kapot", "", "nl")
    assert fk_region_of(3, 4, 14, 1) == "helpt piet"
    assert fk_region_of(3, 4, 14, 0) == fk_region(text, offsets, 4, 14, "nl", 0)


def test_another_document_gets_nothing() -> None:
    text = "Jan helpt Piet."
    stems, words, offsets = analyser("nl").analyse(text)
    fk_region_split_load(3, text, offsets, stems, words, "nl")
    assert fk_region_of(4, 0, 9, 1) == ""
    assert fk_region_of(3, 0, 9, 1) == "jan helpt"
