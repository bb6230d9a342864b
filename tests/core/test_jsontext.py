"""The undo history's JSON (``fieldkit.core.jsontext``): orjson writes it, and what orjson
refuses the standard library writes; either way ``json.loads`` reads back the same values."""

from __future__ import annotations

import json

import pytest

from fieldkit.core import jsontext

VALUES = [
    {"text": "Henk legt uit 😀\r\nÉén keer, café", "start": 0, "end": 12, "orphaned": 0},
    [["codings", 7, None, {"quote": "naïef", "x": None, "score": 0.1 + 0.2}]],
    {"big": 2**70, "small": -(2**63)},  # past 64 bits: orjson refuses, json writes it
    {"lone": "half \ud83d of an emoji"},  # a lone surrogate: orjson refuses it
    {1: "a key that is a number"},  # orjson refuses keys that are not strings
    {"floats": [1e-05, 1.5e300, -0.0, 123456789.123456789]},
    "",
]


@pytest.mark.parametrize("value", VALUES)
def test_what_is_written_reads_back_as_the_standard_library_writes_it(value: object) -> None:
    written = jsontext.dumps(value)
    assert isinstance(written, str)
    assert json.loads(written) == json.loads(json.dumps(value, ensure_ascii=False))


def test_text_is_written_as_itself_not_escaped() -> None:
    """Accents and emoji stay themselves (as ``ensure_ascii=False`` writes them): the history
    of a Dutch note is not twice its size in escapes."""
    written = jsontext.dumps({"text": "Één 😀"})
    assert "Één 😀" in written
