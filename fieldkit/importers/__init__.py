"""Importers: pure functions that turn files into ``ImportedDocument`` objects.

Nothing here touches a project or a database. Every problem a user can cause — a damaged,
empty, truncated, oversized, undecodable or unsupported file, a table without the needed
columns — raises ``fieldkit.core.errors.BadInput`` with a one-line message that starts with the
file name; no library exception escapes.

Kinds: ``auto`` (by extension and content), ``fieldnote``, ``transcript``, ``photo``, ``esm``,
``text``, ``survey`` (``fieldkit.importers.survey``: read with ``read_survey``, not
``read_file``, because a survey brings cases and attributes besides its documents; an .xlsx
workbook or a table in a known survey layout is one, see ``is_survey``). Extensions:
.txt/.text/.md, .docx, .odt, .rtf, .vtt, .srt, .sbv, .jpg/.jpeg/.png/.heic/.heif, .csv/.tsv
(and .xlsx for surveys), .pdf (``importers.pdf``), and other tools' transcripts: ELAN .eaf,
oTranscribe .otr, Whisper-style .json (segments or chunks) and noScribe .html/.htm.
``ImportedDocument.original`` holds the file's bytes for single-document text formats; photos
and PDFs keep theirs in ``media.data``; ESM documents (many per file) keep none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldkit.core.errors import FieldkitError
from fieldkit.core.model import ImportedDocument
from fieldkit.core.progress import Progress

from .common import bad, one_line, read_bytes, user_file
from .textfile import decode_text, detect_encoding
from .transcript import looks_like_transcript, parse_transcript

__all__ = [
    "KINDS",
    "SUPPORTED_EXTENSIONS",
    "decode_text",
    "detect_encoding",
    "detect_kind",
    "looks_like_transcript",
    "parse_transcript",
    "read_file",
]

KINDS = ("auto", "fieldnote", "transcript", "photo", "esm", "text", "survey", "pdf")
_TEXTUAL = {".txt": "txt", ".text": "txt", ".md": "txt", ".docx": "docx", ".odt": "odt",
            ".rtf": "rtf"}
_SUBTITLES = {".vtt", ".srt", ".sbv"}
# Transcripts written by other tools, read by their own modules (each a transcript with turns).
_TRANSCRIPTS = {".eaf": "elan", ".otr": "otr", ".json": "machine", ".html": "machine",
                ".htm": "machine"}
_PHOTOS = {".jpg", ".jpeg", ".png", ".heic", ".heif"}
_TABLES = {".csv", ".tsv"}
_PDF = ".pdf"
SUPPORTED_EXTENSIONS = tuple(sorted({*_TEXTUAL, *_SUBTITLES, *_PHOTOS, *_TABLES,
                                     *_TRANSCRIPTS, _PDF}))
#: The longest text one document may hold: 10 million characters, about 1.5 million words or
#: 3,000 printed pages (a 90-minute interview is about 100,000). Indexing holds about 40 times
#: the text in memory for a moment (20 MB of text: 0.8 GB, 11 s); a 150 MB file would need
#: 6 GB, so it is refused with a message saying to split it rather than left to exhaust memory.
MAX_TEXT_CHARS = 10_000_000
#: A plain-text file larger than this cannot decode to MAX_TEXT_CHARS in any encoding we read
#: (at most 4 bytes a character), so it is refused before it is read.
MAX_PLAIN_BYTES = 4 * MAX_TEXT_CHARS + 4
_PLAIN = {".txt", ".text", ".md", *_SUBTITLES}


def check_text_size(doc: ImportedDocument, name: str) -> ImportedDocument:
    """``doc`` itself, or ``BadInput`` when its text is longer than ``MAX_TEXT_CHARS``."""
    if len(doc.text) > MAX_TEXT_CHARS:
        raise bad(name, f"the text is too long ({len(doc.text):,} characters; a document holds "
                        f"at most {MAX_TEXT_CHARS:,}, about 1.5 million words): split it into "
                        "parts")
    return doc
SURVEY_EXTENSIONS = (".csv", ".tsv", ".xlsx")
_HINTS = {".doc": "save it as .docx",
          ".xlsx": "import a survey sheet with --kind survey",
          ".xls": "save the sheet as .xlsx or .csv",
          ".pages": "export it as .docx"}


def _extension(path: Path) -> str:
    if path.is_dir():
        raise bad(path.name, "a folder; import the files in it")
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_EXTENSIONS:
        return suffix
    from .recording import EXTENSIONS as RECORDINGS  # imported by their own path; named here

    known = " ".join(sorted({*SUPPORTED_EXTENSIONS, *RECORDINGS}))
    hint = _HINTS.get(suffix, "supported: " + known)
    what = f"{suffix} files are" if suffix else "files without an extension are"
    raise bad(path.name, f"{what} not supported ({hint})")


def _textual(path: Path, data: bytes, kind: str) -> ImportedDocument:
    from .docx import read_docx
    from .odt import read_odt
    from .rtf import read_rtf
    from .textfile import read_text

    readers: dict[str, Callable[[bytes, str, str], ImportedDocument]] = {
        "txt": read_text, "docx": read_docx, "odt": read_odt, "rtf": read_rtf}
    return readers[_TEXTUAL[path.suffix.lower()]](data, path.name, kind)


def _read(path: Path, kind: str, mapping: dict[str, str] | None,
          per: str | None, password: str | None = None,
          progress: Progress | None = None) -> list[ImportedDocument]:
    suffix = _extension(path)
    data = read_bytes(path, MAX_PLAIN_BYTES) if suffix in _PLAIN else read_bytes(path)
    if suffix == _PDF:
        if kind not in ("auto", "pdf"):
            raise bad(path.name, f"a PDF cannot be imported as {kind}")
        from .pdf import read_pdf

        return [read_pdf(data, path.name, password=password, progress=progress)]
    if kind == "pdf":
        raise bad(path.name, "not a PDF (use a .pdf file)")
    if suffix in _PHOTOS:
        if kind not in ("auto", "photo"):
            raise bad(path.name, f"a photo cannot be imported as {kind}")
        from .photo import read_photo

        return [read_photo(data, path.name)]
    if kind == "photo":
        raise bad(path.name, "not a photo (use .jpg, .jpeg, .png or .heic)")
    if kind == "survey":
        raise bad(path.name, "a survey brings cases and attributes: import it through the "
                             "project (fieldkit import FILE --kind survey)")
    if suffix in _TABLES:
        if kind not in ("auto", "esm"):
            raise bad(path.name, f"a table can only be imported as esm, not as {kind}")
        from .esm import read_esm_file

        return read_esm_file(path, data, mapping=mapping, per=per)
    if kind == "esm":
        raise bad(path.name, "ESM responses must be a .csv or .tsv export")
    if suffix in _SUBTITLES:
        if kind not in ("auto", "transcript"):
            raise bad(path.name, f"subtitles are a transcript, not {kind}")
        from .subtitles import read_subtitles

        return [read_subtitles(data, path.name)]
    if suffix in _TRANSCRIPTS:
        if kind not in ("auto", "transcript"):
            raise bad(path.name, f"a {suffix} file is a transcript, not {kind}")
        return [_transcript(path, data)]
    return [_textual(path, data, kind)]


def _transcript(path: Path, data: bytes) -> ImportedDocument:
    """A transcript written by another tool: ELAN, oTranscribe, a speech recogniser."""
    from .elan import read_elan
    from .machine import read_machine_bytes
    from .otr import read_otr

    readers: dict[str, Callable[[bytes, str], ImportedDocument]] = {
        "elan": read_elan, "otr": read_otr, "machine": read_machine_bytes}
    return readers[_TRANSCRIPTS[path.suffix.lower()]](data, path.name)


def read_file(path: Path, kind: str = "auto", *, mapping: dict[str, str] | None = None,
              per: str | None = None, password: str | None = None,
              progress: Progress | None = None) -> list[ImportedDocument]:
    """Read one file into documents (several only for ESM exports).

    ``kind`` "auto" decides by extension and content; another kind forces it where that makes
    sense (a .txt as "transcript" parses turns even in few lines; as "text" or "fieldnote" it
    keeps the text unparsed) and is refused where it does not (a .jpg as "esm"). ``mapping``
    and ``per`` are for ESM tables (see ``fieldkit.importers.esm``); ``password`` opens an
    encrypted PDF and ``progress`` counts a PDF's pages (Cancel raises ``Cancelled``). Raises
    ``BadInput``.
    """
    path = Path(path)
    if kind not in KINDS:
        raise bad(path.name, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if not path.is_dir():  # a folder gets its own advice below
        user_file(path)  # a loop, a pipe or a device is said as such, before any format talk
    try:
        docs = _read(path, kind, mapping, per, password, progress)
    except FieldkitError:
        raise
    except RecursionError:
        raise bad(path.name, "the file is nested too deeply to read") from None
    except MemoryError:
        raise bad(path.name, "the file is too large to read into memory") from None
    except Exception as exc:  # a library failure on odd input is still the user's file
        raise bad(path.name, f"cannot read the file ({type(exc).__name__}: {one_line(exc)})") \
            from None
    for doc in docs:
        check_text_size(doc, path.name)
        doc.source_name = path.name
    return docs


def is_survey(path: Path, kind: str = "auto") -> bool:
    """Whether ``path`` is imported as a survey: ``kind`` "survey" says so (refused, one line,
    when the file is no .csv, .tsv or .xlsx); under "auto" an .xlsx workbook is one, and a
    .csv/.tsv whose header is a known survey layout (Qualtrics, LimeSurvey, Forms, Castor)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if kind == "survey":
        if suffix not in SURVEY_EXTENSIONS:
            raise bad(path.name, "a survey must be a .csv, .tsv or .xlsx export")
        return True
    if kind != "auto" or suffix not in SURVEY_EXTENSIONS or path.is_dir():
        return False
    if suffix == ".xlsx":
        return True
    from .survey import looks_like_survey

    user_file(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False  # the reader says what is wrong with it
    return looks_like_survey(head, path.name)


def detect_kind(path: Path) -> str:
    """The document kind ``read_file(path)`` would produce: transcript, text, photo, pdf or
    esm (or "survey" for what ``is_survey`` takes as one).

    .txt/.docx/.odt/.rtf files are read to tell a transcript from text. Raises ``BadInput`` for
    unsupported or unreadable files.
    """
    path = Path(path)
    if is_survey(path):
        return "survey"
    suffix = _extension(path)
    if suffix in _PHOTOS:
        return "photo"
    if suffix == _PDF:
        return "pdf"
    if suffix in _TABLES:
        return "esm"
    if suffix in _SUBTITLES or suffix in _TRANSCRIPTS:
        return "transcript"
    if suffix in (".txt", ".text", ".md"):
        text = decode_text(read_bytes(path), path.name)
        return "transcript" if looks_like_transcript(text) else "text"
    return read_file(path)[0].kind
