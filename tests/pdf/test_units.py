"""PDFium's UTF-16 characters to code points, on whole arrays, against a plain loop over them
(the rules written out one unit at a time) on random runs of the awkward units."""

from __future__ import annotations

import random

import numpy as np
import pytest

from fieldkit.importers.pdf import _code_points


def by_loop(units: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    keep: list[int] = []
    i = 0
    while i < len(units):
        u = units[i]
        if 0xD800 <= u < 0xDC00 and i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000:
            out.append(chr(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00)))
            keep.append(i)
            i += 2
            continue
        if u == 0x0D and i + 1 < len(units) and units[i + 1] == 0x0A:
            i += 1
            continue
        if u == 0:
            i += 1
            continue
        u = {0x0D: 0x0A, 0x02: 0x2D, 0xFFFE: 0x2D}.get(u, u)
        out.append("\ufffd" if 0xD800 <= u < 0xE000 else chr(u))
        keep.append(i)
        i += 1
    return "".join(out), keep


AWKWARD = [0x0D, 0x0A, 0, 0x02, 0xFFFE, 0xD83D, 0xDE00, 0xDC00, 0xD800, ord("é"), ord("a"),
           ord(" "), 0x2713]


@pytest.mark.parametrize("seed", range(200))
def test_code_points_match_the_loop(seed: int) -> None:
    rng = random.Random(seed)
    units = [rng.choice(AWKWARD) for _ in range(rng.randint(0, 40))]
    text, keep = _code_points(np.array(units, dtype=np.uint16))
    assert (text, keep.tolist()) == by_loop(units)


def test_an_emoji_is_one_code_point_with_its_first_unit() -> None:
    units = [ord("a"), 0xD83D, 0xDE00, 0x0D, 0x0A, ord("é")]
    text, keep = _code_points(np.array(units, dtype=np.uint16))
    assert text == "a😀\né" and keep.tolist() == [0, 1, 4, 5]
