from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from fieldkit.importers import decode_text, detect_kind, read_file
from fieldkit.importers.common import MAX_FILE_BYTES

from .conftest import assert_bad

SAMPLE = "Café Zoë – één “quote” 😀 e\u0301\nline two\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no BOM: found by the NUL pattern
        SAMPLE.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"),
    ],
)
def test_decode_encodings(data: bytes) -> None:
    assert decode_text(data, "x.txt") == SAMPLE


def test_decode_cp1252_fallback() -> None:
    text = "Café – “goed” €5\n"
    assert decode_text(text.encode("cp1252"), "x.txt") == text


def test_decode_normalises_newlines_before_offsets() -> None:
    assert decode_text(b"a\r\nb\rc\n", "x.txt") == "a\nb\nc\n"
    assert decode_text("één\r\ntwee".encode("utf-16"), "x.txt") == "één\ntwee"


def test_decode_refuses_undecodable_and_binary() -> None:
    assert_bad(lambda: decode_text(b"ab\x81\x8d\x8f\x90 cd", "bad.txt"), "bad.txt", "decode")
    assert_bad(lambda: decode_text(b"\x00\x01\x02\x03\xff\x00\x00\x10abc", "bin.txt"), "bin.txt")


def test_plain_text_file_keeps_text_and_original(write) -> None:
    raw = "Observatie hal 2.\r\nDe operator – Karin – wijst op de storing 😀.\r\n"
    path = write("notitie.txt", raw.encode("cp1252", errors="ignore"))
    [doc] = read_file(path)
    assert doc.kind == "text"
    assert doc.title == "notitie"
    assert doc.source_name == "notitie.txt"
    assert doc.text == "Observatie hal 2.\nDe operator – Karin – wijst op de storing .\n"
    assert doc.original == path.read_bytes()
    assert doc.turns == []
    assert detect_kind(path) == "text"


def test_fieldnote_kind_is_kept(write) -> None:
    [doc] = read_file(write("n.txt", "Jan: hoi\nPiet: hallo\n"), kind="fieldnote")
    assert doc.kind == "fieldnote" and doc.turns == []


def test_empty_file(write) -> None:
    assert_bad(lambda: read_file(write("leeg.txt", b"")), "leeg.txt", "empty")


def test_whitespace_only_file(write) -> None:
    assert_bad(lambda: read_file(write("spaties.txt", "  \n\n \t\n")), "spaties.txt", "no text")


def test_undecodable_file(write) -> None:
    assert_bad(lambda: read_file(write("kapot.txt", b"ok \x81\x8d\x90 \xff\xfe!")), "kapot.txt")


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "enorm.txt"
    with path.open("wb") as f:  # sparse: costs no disk space
        f.truncate(MAX_FILE_BYTES + 1)
    assert_bad(lambda: read_file(path), "enorm.txt", "too large")


@pytest.mark.parametrize("name", ["oud.doc", "geluid.mp3", "README", "x.xyz"])
def test_unsupported_extension(write, name: str) -> None:
    path = write(name, b"something")
    assert_bad(lambda: read_file(path), name, "not supported")
    assert_bad(lambda: detect_kind(path), name, "not supported")


def test_missing_file(tmp_path: Path) -> None:
    assert_bad(lambda: read_file(tmp_path / "weg.txt"), "weg.txt", "not found")


def test_unknown_kind(write) -> None:
    assert_bad(lambda: read_file(write("a.txt", "x"), kind="video"), "a.txt", "unknown kind")


def test_kind_mismatch(write) -> None:
    assert_bad(lambda: read_file(write("a.txt", "x"), kind="photo"), "a.txt", "not a photo")
    assert_bad(lambda: read_file(write("b.txt", "x"), kind="esm"), "b.txt", "csv")
