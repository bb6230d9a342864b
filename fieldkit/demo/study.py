"""The demo study as plain data: what the generator produces and the project loader stores.

Nothing here knows about the database. Offsets are Unicode code points into ``DemoDocument.text``,
half-open, like everywhere else in fieldkit. ``doc_index`` points into ``DemoStudy.documents``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldkit.core.model import Turn


@dataclass(slots=True)
class DemoSite:
    name: str
    description: str


@dataclass(slots=True)
class DemoVisit:
    site: str
    date: str  # YYYY-MM-DD
    observers: str  # comma-separated, like core.model.Visit.observers


@dataclass(slots=True)
class DemoParticipant:
    pseudonym: str
    name: str  # the fake "real" name, for pseudonymisation tests
    role: str
    site: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class DemoCode:
    path: str  # "Learning/Informal/Peer help"
    colour: str
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


@dataclass(slots=True)
class DemoDocument:
    kind: str  # fieldnote | transcript | photo | esm | memo
    title: str
    text: str
    site: str | None
    visit_date: str | None  # set only when (site, visit_date) is one of DemoStudy.visits
    participant: str | None  # pseudonym
    turns: list[Turn] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    photo: bytes | None = None  # JPEG with EXIF
    photo_name: str | None = None
    created: str = ""  # UTC ISO-8601 with Z


@dataclass(slots=True)
class DemoCoding:
    doc_index: int
    start: int
    end: int
    code_path: str
    coder: str
    memo: str = ""
    # the generated sentence this coding was derived from; Anouk's codings cover it exactly,
    # Bram's may be shifted by a word or stretched over a neighbouring sentence
    source: tuple[int, int] = (0, 0)
    # a photo region (x, y, width, height) in pixels of the upright picture, i.e. after the
    # EXIF orientation is applied; then start, end and source are 0 and mean nothing
    region: tuple[int, int, int, int] | None = None


@dataclass(slots=True)
class DemoStudy:
    name: str
    language: str
    sites: list[DemoSite]
    visits: list[DemoVisit]
    participants: list[DemoParticipant]
    coders: list[str]
    codes: list[DemoCode]
    documents: list[DemoDocument]
    codings: list[DemoCoding]
