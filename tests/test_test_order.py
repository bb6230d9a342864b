"""The order the test processes take the test files in (``tests/conftest.py``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from tests.conftest import SLOW_FILES, slowest_first

ROOT = Path(__file__).resolve().parents[1]


def test_every_slow_file_named_exists() -> None:
    """A renamed or removed file would silently lose its place at the front."""
    assert [f for f in SLOW_FILES if not (ROOT / f).is_file()] == []
    assert len(set(SLOW_FILES)) == len(SLOW_FILES)


def test_slow_files_go_first_then_by_number_of_tests_each_file_whole_and_in_order() -> None:
    ids = ["tests/a.py::one", "tests/b.py::one", "tests/b.py::two", SLOW_FILES[1] + "::x",
           "tests/c.py::one", "tests/c.py::two", "tests/c.py::three", SLOW_FILES[0] + "::y",
           SLOW_FILES[1] + "::z"]
    items = [SimpleNamespace(nodeid=i) for i in ids]
    slowest_first(items)  # type: ignore[arg-type]
    assert [i.nodeid for i in items] == [
        SLOW_FILES[0] + "::y", SLOW_FILES[1] + "::x", SLOW_FILES[1] + "::z",
        "tests/c.py::one", "tests/c.py::two", "tests/c.py::three",
        "tests/b.py::one", "tests/b.py::two", "tests/a.py::one"]
