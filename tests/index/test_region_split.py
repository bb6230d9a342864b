"""``fk_region_split``: a region's columns sliced from its document's own words (a bulk write of
many documents' regions, ``search_tables.fill_regions``) are exactly what ``fk_region`` gives by
splitting and stemming the region's words again: for every span, also spans that cut a word, with
emoji, accents, combining marks and CRLF; and a row whose words do not line up is split again."""

from __future__ import annotations

import pytest

from fieldkit.index.regions import fk_region, fk_region_split
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
    spans = [(s, e) for s in range(len(text) + 1) for e in range(s, len(text) + 2)]
    spans += [(None, None), (0, None), (None, 5)]
    for start, end in spans:
        for column in range(3):
            assert fk_region_split(text, offsets, stems, words, start, end, language, column) \
                == fk_region(text, offsets, start, end, language, column), (start, end, column)


def test_two_documents_with_the_same_word_starts_are_not_confused() -> None:
    one, two = "Jan helpt Piet.", "Ada leert Kees."
    a, b = analyser("nl").analyse(one), analyser("nl").analyse(two)
    assert a[2] == b[2]  # the same word starts
    assert fk_region_split(one, a[2], a[0], a[1], 0, 9, "nl", 1) == "jan helpt"
    assert fk_region_split(two, b[2], b[0], b[1], 0, 9, "nl", 1) == "ada leert"


def test_columns_that_do_not_line_up_are_split_again() -> None:
    text = "Jan helpt Piet."
    stems, words, offsets = analyser("nl").analyse(text)
    assert fk_region_split(text, offsets, "kapot", "", 4, 14, "nl", 1) == "helpt piet"
    assert fk_region_split(text, offsets, stems, words, 4, 14, "nl", 1) == "helpt piet"
