from __future__ import annotations

import zipfile
from pathlib import Path

from fieldkit.importers import read_file

from .conftest import assert_bad

ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<office:document-content"
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
    " <office:body><office:text>\n"
    '  <text:h text:outline-level="1">Bezoek <text:span>hal 3</text:span></text:h>\n'
    '  <text:p>Twee<text:s text:c="3"/>spaties<text:tab/>tab<text:line-break/>'
    "regel 😀 e\u0301<office:annotation><dc:creator>A</dc:creator>"
    "<text:p>COMMENTAAR</text:p></office:annotation> eind</text:p>\n"
    "  <text:list><text:list-item><text:p>punt één</text:p></text:list-item></text:list>\n"
    "  <table:table><table:table-row>"
    "<table:table-cell><text:p>a</text:p></table:table-cell>"
    "<table:table-cell><text:p>b</text:p></table:table-cell>"
    "</table:table-row></table:table>\n"
    "  <text:p>Voetnoot<text:note><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>NOOT</text:p></text:note-body></text:note> hier</text:p>\n"
    " </office:text></office:body>\n"
    "</office:document-content>"
)


def make_odt(path: Path, content: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content.encode("utf-8"))
    return path


def test_odt_text(tmp_path: Path) -> None:
    path = make_odt(tmp_path / "verslag.odt", ODT_CONTENT)
    [doc] = read_file(path)
    assert doc.kind == "text"
    assert doc.text == ("Bezoek hal 3\nTwee   spaties\ttab\nregel 😀 e\u0301 eind\npunt één\n"
                        "a\tb\nVoetnoot hier")
    assert doc.original == path.read_bytes()


def test_odt_transcript(tmp_path: Path) -> None:
    body = "".join(f"<text:p>{line}</text:p>" for line in
                   ["Jan: Goedemorgen.", "Piet: Hoi Jan.", "Jan: Hoe gaat het?"])
    content = ODT_CONTENT.split("<office:body>")[0] + (
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>")
    [doc] = read_file(make_odt(tmp_path / "t.odt", content))
    assert doc.kind == "transcript"
    assert [doc.text[t.start:t.end] for t in doc.turns][1] == "Piet: Hoi Jan."


def test_odt_entity_expansion_refused(tmp_path: Path) -> None:
    evil = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0">&a;</office:document-content>')
    assert_bad(lambda: read_file(make_odt(tmp_path / "evil.odt", evil)), "evil.odt")


def test_odt_corrupt(write, tmp_path: Path) -> None:
    assert_bad(lambda: read_file(write("nep.odt", b"PK\3\4 broken")), "nep.odt")
    assert_bad(lambda: read_file(make_odt(tmp_path / "x.odt", "<not xml")), "x.odt")
    path = tmp_path / "geen.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "x")
    assert_bad(lambda: read_file(path), "geen.odt", "content.xml")


RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}"
    r"{\colortbl;\red255\green0\blue0;}{\*\generator Word;}{\info{\title GEHEIM}}"
    "\n"
    r"\pard Caf\'e9 \'93goed\'94\par"
    "\n"
    r"Emoji \u-10179?\u-8704? en \u233?cht\tab tab\line regel {\b vet}\par"
    r"{\*\bkmkstart x}Accolade \{ en \\ slash{\pict\pngblip 89504e47}\par"
    r'{\field{\*\fldinst HYPERLINK "x"}{\fldrslt link}}}'
)


def test_rtf_text(write) -> None:
    path = write("memo.rtf", RTF.encode("ascii"))
    [doc] = read_file(path)
    assert doc.kind == "text"
    assert doc.text == ("Café “goed”\nEmoji 😀 en écht\ttab\nregel vet\n"
                        "Accolade { en \\ slash\nlink")
    assert doc.original == path.read_bytes()


def test_rtf_transcript(write) -> None:
    [doc] = read_file(write("t.rtf", r"{\rtf1 A: ja\par B: nee\par A: misschien}"))
    assert doc.kind == "transcript"
    assert [doc.text[t.start:t.end] for t in doc.turns] == ["A: ja", "B: nee", "A: misschien"]


def test_not_rtf(write) -> None:
    assert_bad(lambda: read_file(write("nep.rtf", "gewone tekst")), "nep.rtf", "not an rtf")
    assert_bad(lambda: read_file(write("leeg.rtf", r"{\rtf1 {\fonttbl x}}")), "leeg.rtf")
