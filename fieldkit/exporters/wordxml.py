"""Building Word paragraphs, runs and comments directly as XML, in linear time.

python-docx's ``add_paragraph`` searches the body for the section properties on every call and
``add_comment`` scans all comments for the next free id, which makes both quadratic for reports
with thousands of segments. ``Body`` appends finished elements and puts the section properties
back at the end once; ``Comments`` keeps its own id counter and appends ``w:comment`` elements to
the comments part. Styles are Word's own (``Heading1`` … ``Heading9``, ``Title``, ``Quote``) so
the navigation pane and a table of contents work.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    element = etree.SubElement(parent, w(tag))
    for key, value in attrs.items():
        element.set(w(key), value)
    return element


def clean(text: str) -> str:
    """Text without the control characters XML cannot hold."""
    return _BAD_CHARS.sub("\ufffd", text)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on a background colour ``#rrggbb``."""
    try:
        r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "000000"
    return "000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 140 else "FFFFFF"


def run(text: str = "", *, bold: bool = False, italic: bool = False, size: int | None = None,
        colour: str | None = None, shade: str | None = None) -> Any:
    """A ``w:r`` element; newlines become line breaks, tabs become tabs."""
    r = etree.Element(w("r"))
    if bold or italic or size or colour or shade:
        props = sub(r, "rPr")
        if bold:
            sub(props, "b")
        if italic:
            sub(props, "i")
        if shade:
            colour = colour or text_colour_on(shade)
        if colour:
            sub(props, "color", val=colour.lstrip("#").upper())
        if size:
            sub(props, "sz", val=str(size * 2))
        if shade:
            sub(props, "shd", val="clear", color="auto", fill=shade.lstrip("#").upper())
    lines = clean(text).split("\n")
    for i, line in enumerate(lines):
        if i:
            sub(r, "br")
        pieces = line.split("\t")
        for j, piece in enumerate(pieces):
            if j:
                sub(r, "tab")
            if piece:
                t = sub(r, "t")
                t.text = piece
                t.set(XML_SPACE, "preserve")
    return r


def paragraph(*runs: Any, style: str | None = None, keep_next: bool = False,
              bar: str | None = None) -> Any:
    """A paragraph of ``runs``; ``bar``: a colour for a thick bar down its left side."""
    p = etree.Element(w("p"))
    if style or keep_next or bar:
        props = sub(p, "pPr")
        if style:
            sub(props, "pStyle", val=style)
        if keep_next:
            sub(props, "keepNext")
        if bar:  # order in pPr: pStyle, keepNext, pBdr
            borders = sub(props, "pBdr")
            sub(borders, "left", val="single", sz="36", space="8",
                color=bar.lstrip("#").upper())
    for r in runs:
        p.append(r)
    return p


def page_break() -> Any:
    r = etree.Element(w("r"))
    sub(r, "br", type="page")
    return paragraph(r)


def bookmark(p: Any, key: int, name: str) -> Any:
    """Mark the whole of paragraph ``p`` with a bookmark (a table of contents links to it)."""
    start = etree.Element(w("bookmarkStart"))
    start.set(w("id"), str(key))
    start.set(w("name"), name)
    props = p.find(w("pPr"))
    if props is not None:
        props.addnext(start)
    else:
        p.insert(0, start)
    sub(p, "bookmarkEnd", id=str(key))
    return p


def toc(entries: list[tuple[int, str, str]], levels: int = 3) -> list[Any]:
    """A table-of-contents field already filled with ``entries`` (depth, text, bookmark).

    Word and LibreOffice show a field's last result as it is stored, so the entries are written
    here (each a link to its heading's bookmark); ``updateFields`` in the settings lets Word
    add the page numbers when it opens the file.
    """
    instruction = f' TOC \\o "1-{levels}" \\h \\z \\u '
    shown = [(d, t, b) for d, t, b in entries if d < levels] or [(0, "", "")]
    out = []
    for i, (depth, text, anchor) in enumerate(shown):
        p = paragraph(style=f"TOC{depth + 1}")
        props = p.find(w("pPr"))
        sub(props, "ind", left=str(360 * depth))
        if i == 0:
            sub(sub(p, "r"), "fldChar", fldCharType="begin")
            instr = sub(sub(p, "r"), "instrText")
            instr.text = instruction
            instr.set(XML_SPACE, "preserve")
            sub(sub(p, "r"), "fldChar", fldCharType="separate")
        if text:
            link = sub(p, "hyperlink", anchor=anchor, history="1")
            link.append(run(text))
        out.append(p)
    sub(sub(out[-1], "r"), "fldChar", fldCharType="end")
    return out


class Body:
    """Appends elements to a document body in O(1) each; section properties stay last."""

    def __init__(self, document: Any) -> None:
        self.body = document.element.body
        self.sect = self.body.find(w("sectPr"))
        if self.sect is not None:
            self.body.remove(self.sect)
        for leftover in list(self.body):  # the template's empty paragraph, if any
            if leftover.tag == w("p") and not len(leftover):
                self.body.remove(leftover)

    def add(self, element: Any) -> Any:
        self.body.append(element)
        return element

    def finish(self) -> None:
        if self.sect is not None:
            self.body.append(self.sect)
            self.sect = None


def update_fields_on_open(document: Any) -> None:
    settings = document.settings.element
    if settings.find(w("updateFields")) is None:
        sub(settings, "updateFields", val="true")


class Comments:
    """Word comments added in constant time each (python-docx's scan for free ids is O(n))."""

    def __init__(self, document: Any) -> None:
        part = document.part._comments_part  # creates the part and its relationship once
        assert document.part.part_related_by(RT.COMMENTS) is part
        self.root = part.element
        ids = [int(c.get(w("id"))) for c in self.root.findall(w("comment"))]
        self.next_id = max(ids, default=-1) + 1

    def add(self, text: str, *, author: str, when: str | None = None,
            initials: str = "") -> int:
        """A comment with ``text`` (newlines start paragraphs); returns its id for anchors."""
        key = self.next_id
        self.next_id += 1
        comment = sub(self.root, "comment", id=str(key), author=clean(author) or "fieldkit",
                      initials=clean(initials))
        if when:
            try:
                datetime.fromisoformat(when.replace("Z", "+00:00"))
                comment.set(w("date"), when if when.endswith("Z") else when)
            except ValueError:
                pass
        for i, line in enumerate(text.split("\n") or [""]):
            p = sub(comment, "p")
            if i == 0:
                sub(sub(p, "pPr"), "pStyle", val="CommentText")
                ref = sub(p, "r")
                sub(sub(ref, "rPr"), "rStyle", val="CommentReference")
                sub(ref, "annotationRef")
            p.append(run(line))
        return key


def range_start(key: int) -> Any:
    element = etree.Element(w("commentRangeStart"))
    element.set(w("id"), str(key))
    return element


def range_end(key: int) -> list[Any]:
    """The end marker and the reference run Word shows the comment balloon at."""
    end = etree.Element(w("commentRangeEnd"))
    end.set(w("id"), str(key))
    ref = etree.Element(w("r"))
    sub(sub(ref, "rPr"), "rStyle", val="CommentReference")
    sub(ref, "commentReference", id=str(key))
    return [end, ref]
