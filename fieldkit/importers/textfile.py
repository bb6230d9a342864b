"""Plain-text files: byte decoding shared by every text-based importer, and .txt import.

Decoding order: a byte-order mark wins (UTF-8, UTF-32, UTF-16); without one, a regular pattern
of NUL bytes means BOM-less UTF-16; otherwise strict UTF-8; otherwise Windows-1252 (what Word and
Notepad on Dutch Windows machines write). Newlines are normalised to LF *before* anything counts
offsets, so every code-point position produced by an importer refers to the LF text.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from fieldkit.core.model import ImportedDocument
from fieldkit.core.text import normalise_newlines

from .common import bad
from .transcript import looks_like_transcript, parse_transcript

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # must precede UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit regularly at odd/even positions (ASCII-ish text)."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 1:
        return None
    even_nul = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd_nul = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    if odd_nul >= 0.4 * pairs and even_nul <= 0.05 * pairs:
        return "utf-16-le"
    if even_nul >= 0.4 * pairs and odd_nul <= 0.05 * pairs:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> tuple[str, int]:
    """The codec name and the number of BOM bytes to skip; may raise nothing, only guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16, 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", 0
    return "utf-8", 0


def decode_text(data: bytes, name: str) -> str:
    """Decode the bytes of a text file and normalise newlines to LF.

    ``name`` is the file name used in error messages. Raises ``BadInput`` for empty input,
    binary data (NUL bytes that are not UTF-16) and bytes no supported encoding accepts.
    """
    if not data:
        raise bad(name, "the file is empty")
    codec, skip = detect_encoding(data)
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError:
        raise bad(name, f"cannot decode the text (not valid {codec}); save it as UTF-8") \
            from None
    if "\x00" in text:
        raise bad(name, "looks like a binary file, not text")
    return normalise_newlines(text)


def text_document(text: str, name: str, kind: str = "auto") -> ImportedDocument:
    """An ImportedDocument from already-decoded text: a transcript if it reads like one.

    ``kind`` "auto" picks transcript or text by content; "transcript" forces turn parsing and
    refuses a text without any speaker turn (rather than return it with its blank lines
    dropped and no turns); "text" and "fieldnote" keep the text as it is, without turns.
    """
    title = Path(name).stem
    if not text.strip():
        raise bad(name, "the file contains no text")
    if kind == "transcript" or (kind == "auto" and looks_like_transcript(text)):
        body, turns = parse_transcript(text)
        if not turns:
            raise bad(name, "no speaker turns found (lines such as 'Name: text' or "
                            "'[Name] text'); import it as text instead")
        return ImportedDocument(kind="transcript", title=title, text=body, turns=turns,
                                source_name=name)
    return ImportedDocument(kind="text" if kind == "auto" else kind, title=title, text=text,
                            source_name=name)


def read_text(data: bytes, name: str, kind: str = "auto") -> ImportedDocument:
    """A .txt file as a transcript (when most lines are speaker turns) or as plain text."""
    doc = text_document(decode_text(data, name), name, kind)
    doc.original = data
    return doc
