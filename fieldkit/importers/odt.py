"""OpenDocument text (.odt): paragraphs, headings, lists and tables of ``content.xml``.

Parsed with defusedxml (no entity expansion, no external entities). Inside a paragraph,
``text:s`` (runs of spaces), ``text:tab`` and ``text:line-break`` are honoured; annotations
(comments), footnote/endnote bodies, tracked deletions and drawings are skipped. Table rows
become one line of tab-joined cells.
"""

from __future__ import annotations

from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from fieldkit.core.model import ImportedDocument

from .common import bad, one_line, open_zip, read_zip_member
from .textfile import text_document

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SKIP = {f"{_OFFICE}annotation", f"{_OFFICE}annotation-end", f"{_TEXT}note",
         f"{_TEXT}tracked-changes", f"{_TEXT}sequence-decls", f"{_TEXT}variable-decls",
         f"{_TEXT}user-field-decls", f"{_TEXT}table-of-content"}


def _inline(el: Any, parts: list[str]) -> None:
    """Text of a paragraph's content, children and their tails in order."""
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif tag not in _SKIP and not tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:"
                                                      "drawing"):
            _inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def _paragraph(el: Any) -> str:
    parts: list[str] = []
    _inline(el, parts)
    return "".join(parts)


def _cell(el: Any) -> str:
    return " ".join(_paragraph(p) for p in el.iter() if p.tag in (f"{_TEXT}p", f"{_TEXT}h"))


def _blocks(el: Any, lines: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in (f"{_TEXT}p", f"{_TEXT}h"):
            lines.append(_paragraph(child))
        elif tag == f"{_TABLE}table":
            for row in child.iter(f"{_TABLE}table-row"):
                cells = [_cell(c) for c in row if c.tag == f"{_TABLE}table-cell"]
                if any(c.strip() for c in cells):
                    lines.append("\t".join(cells))
        elif tag not in _SKIP:
            _blocks(child, lines)  # lists, list items, sections, frames of the body


def odt_text(data: bytes, name: str) -> str:
    """The body text of an .odt file, one paragraph per line."""
    archive = open_zip(data, name, "OpenDocument (.odt)")
    content = read_zip_member(archive, "content.xml", name, "OpenDocument (.odt)")
    try:
        root = ElementTree.fromstring(content)
    except DefusedXmlException:
        raise bad(name, "refused: content.xml uses XML entities (unsafe)") from None
    except Exception as exc:  # ParseError and friends from the XML parser
        raise bad(name, f"not a valid OpenDocument (.odt) file ({one_line(exc)})") from None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise bad(name, "not an OpenDocument text file (no text body)")
    lines: list[str] = []
    _blocks(body, lines)
    return "\n".join(lines)


def read_odt(data: bytes, name: str, kind: str = "auto") -> ImportedDocument:
    """An .odt file as text (or as a transcript when it reads like turns)."""
    doc = text_document(odt_text(data, name), name, kind)
    doc.original = data
    return doc
