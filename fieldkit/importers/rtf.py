"""Rich Text Format (.rtf) to plain text: correct enough for notes and transcripts.

Handles groups, control words and symbols, ``\\'hh`` bytes (in the document's ``\\ansicpg``
code page, Windows-1252 by default), ``\\uN`` Unicode with its ``\\ucN`` fallback skipping and
surrogate pairs, ``\\bin``, and skips destinations that are not body text (font, colour and
style tables, info, pictures, objects, headers/footers, footnotes, field instructions and every
``\\*`` destination).
"""

from __future__ import annotations

import codecs
import re

from fieldkit.core.model import ImportedDocument

from .common import bad
from .textfile import text_document

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([\r\n]+)|([^\\{}\r\n]+)",
    re.DOTALL,
)
_SKIP_DESTINATIONS = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"headerl",
    b"headerr", b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"footnote",
    b"fldinst", b"themedata", b"colorschememapping", b"datastore", b"latentstyles",
    b"listtable", b"listoverridetable", b"rsidtbl", b"generator", b"xmlnstbl", b"filetbl",
    b"revtbl", b"pgdsctbl", b"private", b"annotation", b"atnid", b"atnauthor", b"comment",
    b"xe", b"tc", b"txe", b"bkmkstart", b"bkmkend", b"mmathPr", b"shppict", b"nonshppict",
    b"blipuid", b"objdata",
}
_CHARACTERS = {
    b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n", b"tab": "\t",
    b"cell": "\t", b"emdash": "\u2014", b"endash": "\u2013", b"lquote": "\u2018",
    b"rquote": "\u2019", b"ldblquote": "\u201c", b"rdblquote": "\u201d", b"bullet": "\u2022",
    b"emspace": "\u2003", b"enspace": "\u2002", b"qmspace": "\u2005",
}
_SYMBOLS = {b"~": "\u00a0", b"-": "", b"_": "\u2011", b"\\": "\\", b"{": "{", b"}": "}",
            b"\n": "\n", b"\r": "\n", b"|": "", b":": ""}


def rtf_to_text(data: bytes, name: str) -> str:
    """The plain text of an RTF document; raises BadInput when it is not RTF."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise bad(name, "not an RTF file (it does not start with {\\rtf)")
    reader = _RtfReader()
    pos, size = 0, len(data)
    while pos < size:
        m = _TOKEN.match(data, pos)
        if m is None:  # a lone backslash at the very end
            break
        pos = m.end()
        word, param, hexbyte, symbol, brace, newline, chars = m.groups()
        if brace == b"{":
            reader.open_group()
        elif brace == b"}":
            reader.close_group()
        elif newline is not None:
            continue  # raw line breaks in RTF source are not text
        elif hexbyte is not None:
            reader.hex_byte(hexbyte)
        else:
            reader.flush()
            if chars is not None:
                reader.text(chars)
            elif symbol is not None:
                reader.symbol(symbol)
            else:
                pos += reader.control_word(word, param)
    reader.flush()
    return "".join(reader.out)


class _RtfReader:
    """What one pass over an RTF document knows: the text so far, the groups it is in, whether
    it is inside a destination that holds no text, the code page, how many ``\\uc`` fallback
    characters after a ``\\u`` are still to be dropped, and a pending UTF-16 high surrogate."""

    def __init__(self) -> None:
        self.codepage = "cp1252"
        self.out: list[str] = []
        self.pending = bytearray()  # \'hh bytes, decoded together (multi-byte code pages)
        self.stack: list[tuple[bool, int]] = []
        self.skipping, self.uc, self.fallback = False, 1, 0
        self.high_surrogate: int | None = None

    def flush(self) -> None:
        if self.pending:
            self.out.append(self.pending.decode(self.codepage, "replace"))
            self.pending.clear()

    def open_group(self) -> None:
        self.stack.append((self.skipping, self.uc))
        self.fallback = 0

    def close_group(self) -> None:
        self.flush()
        self.skipping, self.uc = self.stack.pop() if self.stack else (self.skipping, self.uc)
        self.fallback = 0

    def hex_byte(self, hexbyte: bytes) -> None:
        if self.fallback:
            self.fallback -= 1
        elif not self.skipping:
            self.pending.append(int(hexbyte, 16))

    def text(self, chars: bytes) -> None:
        text = chars.decode("latin-1")
        if self.fallback:
            dropped = min(self.fallback, len(text))
            text, self.fallback = text[dropped:], self.fallback - dropped
        if not self.skipping:
            self.out.append(text)

    def symbol(self, symbol: bytes) -> None:
        if symbol == b"*":
            self.skipping = True
        elif not self.skipping:
            self.out.append(_SYMBOLS.get(symbol, ""))

    def control_word(self, word: bytes, param: bytes | None) -> int:
        """Act on a control word; returns how many bytes of binary data follow it unread."""
        self.fallback = 0
        if word == b"bin" and param:
            return max(0, int(param))
        if word in _SKIP_DESTINATIONS:
            self.skipping = True
        elif word == b"ansicpg" and param:
            candidate = f"cp{int(param)}"
            try:
                codecs.lookup(candidate)
                self.codepage = candidate
            except LookupError:
                pass
        elif word == b"uc" and param is not None:
            self.uc = max(0, int(param))
        elif word == b"u" and param is not None:
            self.unicode(int(param))
        elif not self.skipping and word in _CHARACTERS:
            self.out.append(_CHARACTERS[word])
        return 0

    def unicode(self, number: int) -> None:
        """``\\u``: one UTF-16 unit (signed, as RTF writes it), its fallback characters next."""
        code = number % 0x10000
        self.fallback = self.uc
        if self.skipping:
            return
        if 0xD800 <= code <= 0xDBFF:
            self.high_surrogate = code
            return
        if 0xDC00 <= code <= 0xDFFF and self.high_surrogate is not None:
            code = 0x10000 + ((self.high_surrogate - 0xD800) << 10) + (code - 0xDC00)
        self.high_surrogate = None
        self.out.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd")


def read_rtf(data: bytes, name: str, kind: str = "auto") -> ImportedDocument:
    """An .rtf file as text (or as a transcript when it reads like turns)."""
    text = "\n".join(line.rstrip() for line in rtf_to_text(data, name).split("\n")).strip("\n")
    doc = text_document(text, name, kind)
    doc.original = data
    return doc
