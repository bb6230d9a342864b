"""Shared helpers for importer tests: real files written into tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write bytes (or UTF-8 text) to tmp_path/name and return the path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def esm_fixtures() -> Path:
    folder = FIXTURES / "esm"
    if not (folder / "mpath_basic.csv").is_file():  # CI must fail, not skip, without them
        pytest.fail(f"ESM fixtures not found at {folder}: put shared/fixtures beside the "
                    "repository", pytrace=False)
    return folder


def assert_bad(call: Callable[[], object], filename: str, *words: str) -> BadInput:
    """The call raises BadInput with a one-line message naming the file (and the given words)."""
    with pytest.raises(BadInput) as caught:
        call()
    message = str(caught.value)
    assert filename in message
    assert "\n" not in message
    for word in words:
        assert word.lower() in message.lower(), message
    return caught.value
