"""JSON text of stored data (the undo history's change sets), written quickly.

An edit that moves a thousand codings of a long note writes each coding's row before and after
into the history: the standard library took 9 ms of the edit's 100 ms to write that text, orjson
takes 1. Whatever orjson refuses (an integer past 64 bits, a string with a lone surrogate, a
key that is not a string) is written by the standard library as before. Either text is read
back by ``json.loads`` to the same values (``tests/core/test_jsontext.py``).
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(value: Any) -> str:
    """``value`` as JSON text, as ``json.dumps(value, ensure_ascii=False)`` gives it to
    ``json.loads`` (the spacing may differ)."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(value, ensure_ascii=False)
