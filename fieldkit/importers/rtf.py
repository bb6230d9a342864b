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
    codepage = "cp1252"
    out: list[str] = []
    pending = bytearray()  # \'hh bytes, decoded together (multi-byte code pages)
    stack: list[tuple[bool, int]] = []
    skipping, uc, fallback = False, 1, 0
    high_surrogate: int | None = None

    def flush() -> None:
        if pending:
            out.append(pending.decode(codepage, "replace"))
            pending.clear()

    pos, size = 0, len(data)
    while pos < size:
        m = _TOKEN.match(data, pos)
        if m is None:  # a lone backslash at the very end
            break
        pos = m.end()
        word, param, hexbyte, symbol, brace, newline, chars = m.groups()
        if brace == b"{":
            stack.append((skipping, uc))
            fallback = 0
            continue
        if brace == b"}":
            flush()
            skipping, uc = stack.pop() if stack else (skipping, uc)
            fallback = 0
            continue
        if newline is not None:
            continue  # raw line breaks in RTF source are not text
        if hexbyte is not None:
            if fallback:
                fallback -= 1
            elif not skipping:
                pending.append(int(hexbyte, 16))
            continue
        flush()
        if chars is not None:
            text = chars.decode("latin-1")
            if fallback:
                dropped = min(fallback, len(text))
                text, fallback = text[dropped:], fallback - dropped
            if not skipping:
                out.append(text)
            continue
        if symbol is not None:
            if symbol == b"*":
                skipping = True
            elif not skipping:
                out.append(_SYMBOLS.get(symbol, ""))
            continue
        # a control word
        fallback = 0
        if word == b"bin" and param:
            pos += max(0, int(param))
            continue
        if word in _SKIP_DESTINATIONS:
            skipping = True
        elif word == b"ansicpg" and param:
            candidate = f"cp{int(param)}"
            try:
                codecs.lookup(candidate)
                codepage = candidate
            except LookupError:
                pass
        elif word == b"uc" and param is not None:
            uc = max(0, int(param))
        elif word == b"u" and param is not None:
            code = int(param) % 0x10000
            fallback = uc
            if skipping:
                continue
            if 0xD800 <= code <= 0xDBFF:
                high_surrogate = code
                continue
            if 0xDC00 <= code <= 0xDFFF and high_surrogate is not None:
                code = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code - 0xDC00)
            high_surrogate = None
            out.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd")
        elif not skipping and word in _CHARACTERS:
            out.append(_CHARACTERS[word])
    flush()
    return "".join(out)


def read_rtf(data: bytes, name: str, kind: str = "auto") -> ImportedDocument:
    """An .rtf file as text (or as a transcript when it reads like turns)."""
    text = "\n".join(line.rstrip() for line in rtf_to_text(data, name).split("\n")).strip("\n")
    doc = text_document(text, name, kind)
    doc.original = data
    return doc
