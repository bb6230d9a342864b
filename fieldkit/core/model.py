"""Domain types: the nouns researchers use. Plain dataclasses, no storage knowledge.

Text positions are Unicode code points over a document's plain text, half-open ``[start, end)``,
the REFI-QDA convention. Times are UTC ISO-8601 strings.
"""

from __future__ import annotations

import uuid as _uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DOCUMENT_KINDS = ("fieldnote", "transcript", "photo", "memo", "esm", "text", "recording", "pdf")


def new_uuid() -> str:
    return str(_uuid.uuid4())


# Derived UUIDs (REFI-QDA selections, notes, variables, twins) come from this namespace, so the
# same project always gets the same ones and an importer can recognise them.
DERIVED_NAMESPACE = _uuid.UUID("6f1d3c2a-8b0e-4b8e-9a57-3f1c2d7e9b40")


def derived_uuid(*parts: str) -> str:
    """A stable UUID for something that has none of its own (e.g. a coding's selection)."""
    return str(_uuid.uuid5(DERIVED_NAMESPACE, "/".join(parts)))


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class Site:
    id: int
    uuid: str
    name: str
    description: str = ""


@dataclass(slots=True)
class Visit:
    id: int
    uuid: str
    site_id: int
    date: str
    observers: str = ""


@dataclass(slots=True)
class Participant:
    id: int
    uuid: str
    pseudonym: str
    name: str = ""
    role: str = ""
    site_id: int | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Case:
    id: int
    uuid: str
    name: str
    description: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Turn:
    """One speaker turn of a transcript: a span of the text with a speaker and optional times."""

    start: int
    end: int
    speaker: str
    t_start: float | None = None
    t_end: float | None = None


@dataclass(slots=True)
class Document:
    id: int
    uuid: str
    kind: str
    title: str
    text: str
    site_id: int | None = None
    visit_id: int | None = None
    participant_id: int | None = None
    media_id: int | None = None
    created: str = ""
    modified: str = ""
    source_name: str = ""
    memo: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    # the memo's first author and last writer (coder ids) and when (see MemoStamp)
    memo_by: int | None = None
    memo_created: str = ""
    memo_modified_by: int | None = None
    memo_modified: str = ""


@dataclass(slots=True)
class Media:
    id: int
    sha256: str
    filename: str
    mime: str
    size: int
    width: int | None = None
    height: int | None = None
    taken: str | None = None
    orientation: int | None = None


@dataclass(slots=True)
class Recording:
    """The audio or video of a recording document, and the transcripts linked to it."""

    document_id: int
    media_id: int
    duration_ms: int
    format: str
    video: bool = False
    width: int | None = None
    height: int | None = None
    recorded: str | None = None
    transcripts: list[int] = field(default_factory=list)  # linked transcript document ids


@dataclass(slots=True)
class Code:
    id: int
    uuid: str
    name: str
    parent_id: int | None = None
    colour: str = "#808080"
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    memo: str = ""
    position: int = 0
    memo_by: int | None = None  # the memo's first author (a coder id), when, last writer, when
    memo_created: str = ""
    memo_modified_by: int | None = None
    memo_modified: str = ""


@dataclass(slots=True)
class Coder:
    id: int
    uuid: str
    name: str


@dataclass(slots=True)
class Region:
    """A rectangle on a photo in image pixels (after orientation is applied), or on a page of
    a PDF in points (1/72 inch) from the page's top-left corner as shown (its rotation
    applied); ``page`` numbers a PDF's page from 1 and is None on a photo."""

    x: int
    y: int
    width: int
    height: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class PdfPage:
    """One page of a PDF document: its number (from 1), its characters ``[start, end)`` of
    the document's text (code points; empty on a page without a text layer) and its size in
    points as shown (rotation applied)."""

    number: int
    start: int
    end: int
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """What fieldkit knows of a PDF document besides its text: its page count, the title and
    creation date its metadata give ('' / None when it has none), whether it has any text
    layer (a scanned PDF has none) and the media row of the original file."""

    document_id: int
    media_id: int
    pages: int
    title: str
    created: str | None
    text_layer: bool


@dataclass(slots=True)
class Coding:
    """A code applied to a text span, a photo region or a time range of a recording.

    A time coding of a recording document has ``start == end == 0`` (a recording has no text);
    one made on a transcript span linked to a recording keeps both its text span and its times.
    """

    id: int
    uuid: str
    document_id: int
    code_id: int
    coder_id: int
    start: int | None
    end: int | None
    quote: str = ""
    before: str = ""
    after: str = ""
    region: Region | None = None
    memo: str = ""
    created: str = ""
    orphaned: bool = False
    start_ms: int | None = None  # a stretch of a recording, in milliseconds, half-open
    end_ms: int | None = None
    memo_by: int | None = None  # the memo's first author (a coder id), when, last writer, when
    memo_created: str = ""
    memo_modified_by: int | None = None
    memo_modified: str = ""


# What importers produce: a document not yet in any project.


@dataclass(slots=True)
class ImportedMedia:
    data: bytes
    filename: str
    mime: str
    width: int | None = None
    height: int | None = None
    taken: str | None = None
    orientation: int | None = None
    thumbnail: bytes | None = None


@dataclass(slots=True)
class ImportedDocument:
    """A document read from a file, ready to be stored: text is LF-normalised plain text."""

    kind: str
    title: str
    text: str
    turns: list[Turn] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    media: ImportedMedia | None = None
    participant: str | None = None
    created: str | None = None
    source_name: str = ""
    original: bytes | None = None
    warnings: list[str] = field(default_factory=list)
    pdf: ImportedPdf | None = None


@dataclass(slots=True)
class ImportedPdf:
    """The pages of a PDF read by ``importers.pdf``: each page's text range and size, and its
    characters' boxes (``boxes[i]``: float32 x0, y0, x1, y1 per code point of page ``i + 1``'s
    text, in points from the top-left as shown; NaN where a character has no box, such as a
    line break PDFium made), the metadata title and creation date."""

    pages: list[PdfPage]
    boxes: list[bytes]
    title: str = ""
    created: str | None = None

    @property
    def text_layer(self) -> bool:
        return any(p.end > p.start for p in self.pages)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A file whose content is already in the project: the same text (after newlines are
    normalised) as a document there, or the same bytes as a photo or recording there.

    ``title`` is that document's name; ``document_id`` is None when the first copy is a file
    earlier in the same import (``title`` is then the name it is imported under)."""

    path: str
    title: str
    document_id: int | None = None

    def describe(self) -> str:
        """One line for a person: which file, and which document it repeats."""
        name = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        if self.document_id is None:
            return f"{name} is the same as '{self.title}', earlier in this import"
        return f"{name} is already in the project as '{self.title}' (document {self.document_id})"
