"""REFI-QDA files from ATLAS.ti, NVivo, MAXQDA, QualCoder and others → plain data.

``read_qdpx(path)`` reads a ``.qdpx`` project and ``read_qdc(path)`` a ``.qdc`` codebook into
``RefiProject`` / ``RefiCode`` objects; nothing touches a project here (``Project.import_qdpx``
and ``Project.import_codebook`` store them). Tolerated, as real exports need: a ``.qde`` with or
without BOM, ``sources/`` in any letter case, source paths as ``internal://NAME``, relative or
absolute (then found by file name), upper-case or braced GUIDs (stored lower-case), a docx
source whose plain-text twin is empty (text taken from the docx), CRLF text (offsets moved to
the LF text fieldkit stores). Audio and video sources come with their time selections (ms).
Unknown elements and sources fieldkit cannot hold (PDF, links, graphs, transcripts embedded in
an audio source) are skipped with a warning. Hostile archives and XML are refused
(``refi_safety``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from fieldkit.core.codebook import check_depth
from fieldkit.core.errors import BadInput
from fieldkit.core.names import CODE_NAME_MAX, CODER_NAME_MAX, document_title, tidy_name

from .common import read_bytes
from .refi_cases import (
    RefiCasePart,
    RefiVariable,
    group_values,
    raw_values,
    read_cases,
    read_variables,
    settle_variables,
)
from .refi_networks import RefiGraph, RefiLink, read_graphs, read_links
from .refi_safety import open_archive, parse_xml, read_entry
from .refi_transcripts import adopt_transcripts, read_transcript

MAX_QDPX_BYTES = 2 * 1024 * 1024 * 1024
_KNOWN_TOP = {"Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Description",
              "NoteRef", "Sets", "Links", "Graphs"}
_OTHER_SOURCES = {"PDFSource": "PDF"}
_RECORDINGS = {"AudioSource": "audio", "VideoSource": "video"}


@dataclass
class RefiCode:
    guid: str
    name: str
    colour: str | None = None
    description: str = ""
    note_refs: list[str] = field(default_factory=list)
    children: list[RefiCode] = field(default_factory=list)


@dataclass
class RefiCoding:
    guid: str
    code_guid: str
    user_guid: str | None
    created: str | None
    start: int | None = None  # text codings
    end: int | None = None
    region: tuple[int, int, int, int] | None = None  # photo codings: x, y, width, height
    start_ms: int | None = None  # audio and video codings: milliseconds
    end_ms: int | None = None
    selection_guid: str = ""
    note_refs: list[str] = field(default_factory=list)
    memo: str = ""  # the selection's Description (where QualCoder and MAXQDA keep coding memos)


@dataclass
class RefiSource:
    guid: str
    name: str
    kind: str  # "text", "picture", "note", "audio" or "video"
    text: str = ""
    media: bytes | None = None
    media_name: str = ""
    created: str | None = None
    modified: str | None = None
    creating_user: str | None = None  # user GUIDs (a Note's: who wrote the memo, changed it)
    modifying_user: str | None = None
    codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    # every selection's GUID → its text span, or None for a picture or time selection
    selections: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    # audio/video: embedded transcripts, GUID → timed turns (speaker, ms from, ms to or None,
    # position from, position to)
    transcripts: dict[str, list[tuple[str, int, int | None, int, int]]] = field(
        default_factory=dict)
    embedded: list[RefiSource] = field(default_factory=list)  # its <Transcript>s as text


@dataclass
class RefiCase:
    guid: str
    name: str
    description: str = ""
    source_guids: list[str] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    parts: list[RefiCasePart] = field(default_factory=list)


@dataclass
class RefiSet:
    """A REFI-QDA ``<Set>``: a named group of codes, sources and notes."""

    guid: str
    name: str
    description: str = ""
    code_guids: list[str] = field(default_factory=list)
    source_guids: list[str] = field(default_factory=list)  # sources and notes


@dataclass
class RefiProject:
    name: str
    origin: str = ""
    created: str | None = None
    users: dict[str, str] = field(default_factory=dict)  # guid → name
    codes: list[RefiCode] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    notes: dict[str, RefiSource] = field(default_factory=dict)  # guid → note
    cases: list[RefiCase] = field(default_factory=list)
    sets: list[RefiSet] = field(default_factory=list)
    variables: dict[str, RefiVariable] = field(default_factory=dict)  # name → definition
    # selection GUID → (source GUID, start, end); start and end None when it is not text
    selections: dict[str, tuple[str, int | None, int | None]] = field(default_factory=dict)
    links: list[RefiLink] = field(default_factory=list)  # <Links> (relations, ATLAS.ti)
    graphs: list[RefiGraph] = field(default_factory=list)  # <Graphs>: networks
    warnings: list[str] = field(default_factory=list)

    def referenced_notes(self) -> set[str]:
        refs: set[str] = set()

        def codes(items: list[RefiCode]) -> None:
            for code in items:
                refs.update(code.note_refs)
                codes(code.children)

        codes(self.codes)
        for source in [*self.sources, *self.notes.values()]:
            refs.update(source.note_refs)
            for coding in source.codings:
                refs.update(coding.note_refs)
        return refs


def guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == name]


def _first_text(element: Any, name: str) -> str:
    found = _kids(element, name)
    return (found[0].text or "") if found else ""


def _int(element: Any, attribute: str, what: str) -> int:
    try:
        return int(element.get(attribute, ""))
    except ValueError:
        raise BadInput(f"{what}: the attribute {attribute} is not a whole number.") from None


# -- codebook ----------------------------------------------------------------------------------


def _codes(element: Any, seen: set[str], warnings: list[str], depth: int = 0) -> list[RefiCode]:
    kids = _kids(element, "Code")
    if kids:  # codes at level depth + 1: the limit fieldkit also keeps when a code is added
        check_depth(depth, "This REFI-QDA file")
    out: list[RefiCode] = []
    for item in kids:
        key = guid(item.get("guid"))
        name = tidy_name((item.get("name") or "").replace("/", "∕"), CODE_NAME_MAX) \
            or "(unnamed code)"
        if not key or key in seen:
            warnings.append(f"Skipped code '{name}': its GUID is missing or used twice.")
            continue
        seen.add(key)
        colour = item.get("color")
        if colour and len(colour) == 4 and colour.startswith("#"):
            colour = "#" + "".join(c * 2 for c in colour[1:])
        out.append(RefiCode(
            key, name, colour.lower() if colour else None, _first_text(item, "Description"),
            [guid(r.get("targetGUID")) for r in _kids(item, "NoteRef")],
            _codes(item, seen, warnings, depth + 1)))
    return out


def read_qdc(path: str | Path) -> list[RefiCode]:
    """The codes of a REFI-QDA codebook file (``.qdc``), as a tree."""
    file = Path(path)
    root = parse_xml(read_bytes(file), file.name)
    if _local(root.tag) != "CodeBook":
        raise BadInput(f"{file.name}: not a REFI-QDA codebook (the root element is "
                       f"<{_local(root.tag)}>, not <CodeBook>).")
    codes = _kids(root, "Codes")
    return _codes(codes[0], set(), []) if codes else []


# -- sources -----------------------------------------------------------------------------------


class _Archive:
    """Entries of a checked archive, found by path case-insensitively."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.zip = open_archive(data, name)
        self.entries = {info.filename.replace("\\", "/").lower(): info.filename
                        for info in self.zip.infolist() if not info.is_dir()}
        self.by_basename: dict[str, str] = {}
        for lower, real in self.entries.items():
            self.by_basename.setdefault(PurePosixPath(lower).name, real)

    def find(self, reference: str | None) -> str | None:
        """The entry for a source path: ``internal://x``, ``relative/x`` or an absolute path."""
        if not reference:
            return None
        ref = reference.strip().replace("\\", "/")
        if ref.lower().startswith("internal://"):
            ref = "sources/" + ref[len("internal://"):]
        elif ref.lower().startswith("file://"):
            ref = ref[len("file://"):]
        ref = ref.lstrip("./").lower() if not ref.startswith("/") else ref.lower()
        for candidate in (ref, f"sources/{ref}"):
            if candidate in self.entries:
                return self.entries[candidate]
        return self.by_basename.get(PurePosixPath(ref).name)

    def read(self, entry: str) -> bytes:
        return read_entry(self.zip, entry, self.name)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a broken byte is one U+FFFD
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Newlines:
    """Moves positions counted in CRLF text to the LF-only text fieldkit stores."""

    def __init__(self, text: str) -> None:
        self.removed = [i for i in range(len(text) - 1) if text[i] == "\r" and text[i + 1] == "\n"]
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")

    def move(self, position: int) -> int:
        return position - bisect.bisect_left(self.removed, position)


def selection_codings(selection: Any, start: int, end: int, name: str,
                      warnings: list[str]) -> list[RefiCoding]:
    """The codings of a text selection (plain text or transcript) at ``start``–``end``, with
    the selection's notes and description; a coding of an empty or reversed span is skipped
    with a warning."""
    found: list[RefiCoding] = []
    for coding_el in _kids(selection, "Coding"):
        coding = _coding(coding_el, guid(selection.get("creatingUser")) or None,
                         selection.get("creationDateTime"))
        if coding is None:
            continue
        if start >= end:
            warnings.append(f"'{name}': skipped a coding at {start}–{end}, outside the text.")
            continue
        coding.start, coding.end = start, end
        coding.selection_guid = guid(selection.get("guid"))
        coding.note_refs += [guid(r.get("targetGUID")) for r in _kids(selection, "NoteRef")]
        coding.memo = _first_text(selection, "Description")
        found.append(coding)
    return found


def _coding(element: Any, user: str | None, created: str | None) -> RefiCoding | None:
    refs = _kids(element, "CodeRef")
    if not refs:
        return None
    return RefiCoding(guid(element.get("guid")), guid(refs[0].get("targetGUID")),
                      guid(element.get("creatingUser")) or user,
                      element.get("creationDateTime") or created,
                      note_refs=[guid(r.get("targetGUID")) for r in _kids(element, "NoteRef")])


def _text_source(element: Any, archive: _Archive, kind: str, variables: dict[str, RefiVariable],
                 warnings: list[str]) -> RefiSource:
    name = document_title(element.get("name") or element.get("guid") or "")
    source = RefiSource(guid(element.get("guid")), name, kind,
                        created=element.get("creationDateTime"),
                        modified=element.get("modifiedDateTime"),
                        creating_user=guid(element.get("creatingUser")) or None,
                        modifying_user=guid(element.get("modifyingUser")) or None)
    raw = _first_text(element, "PlainTextContent")
    plain_entry = archive.find(element.get("plainTextPath"))
    if not raw and plain_entry:
        raw = _decode(archive.read(plain_entry))
    elif not raw and element.get("plainTextPath"):
        warnings.append(f"'{name}': its text file {element.get('plainTextPath')} is not in the "
                        "archive.")
    rich_entry = archive.find(element.get("richTextPath"))
    if not raw.strip() and rich_entry and rich_entry.lower().endswith(".docx"):
        from .docx import docx_text

        try:
            raw = docx_text(archive.read(rich_entry), PurePosixPath(rich_entry).name)
        except BadInput as exc:
            warnings.append(f"'{name}': the Word twin could not be read ({exc}).")
    if raw.strip() == "":
        raw = ""
    lines = _Newlines(raw)
    source.text = lines.text
    length = len(source.text)
    for selection in _kids(element, "PlainTextSelection"):
        start = lines.move(_int(selection, "startPosition", name))
        end = lines.move(_int(selection, "endPosition", name))
        start, end = max(0, min(start, length)), max(0, min(end, length))
        source.selections[guid(selection.get("guid"))] = (start, end)
        source.codings += selection_codings(selection, start, end, name, warnings)
    for coding_el in _kids(element, "Coding"):  # a coding of the whole source
        coding = _coding(coding_el, None, None)
        if coding is not None and length:
            coding.start, coding.end = 0, length
            source.codings.append(coding)
    source.note_refs = [guid(r.get("targetGUID")) for r in _kids(element, "NoteRef")]
    source.variables = raw_values(element, variables)
    return source


def _media_source(element: Any, archive: _Archive, kind: str,
                  warnings: list[str]) -> RefiSource | None:
    """A source with its file from the archive (a picture, audio, video); None if missing."""
    name = document_title(element.get("name") or element.get("guid") or "")
    entry = archive.find(element.get("path")) or archive.find(element.get("currentPath"))
    if entry is None:
        warnings.append(f"Skipped {kind} '{name}': its file is not in the archive.")
        return None
    suffix = PurePosixPath(entry).suffix.lower()
    if suffix and name.lower().endswith(suffix) and len(name) > len(suffix):
        name = name[:-len(suffix)]  # "talk.m4a": the file's name; the document is "talk"
    return RefiSource(guid(element.get("guid")), name, kind, media=archive.read(entry),
                      media_name=PurePosixPath(entry).name,
                      created=element.get("creationDateTime"),
                      modified=element.get("modifiedDateTime"))


def _picture_source(element: Any, archive: _Archive, variables: dict[str, RefiVariable],
                    warnings: list[str]) -> RefiSource | None:
    source = _media_source(element, archive, "picture", warnings)
    if source is None:
        return None
    name = source.name
    source.text = _first_text(element, "Description")
    for caption in _kids(element, "TextDescription"):  # the caption and its text codings
        described = _text_source(caption, archive, "text", variables, warnings)
        source.text = described.text
        source.codings.extend(described.codings)
        source.selections.update(described.selections)
    for selection in _kids(element, "PictureSelection"):
        x1, y1 = _int(selection, "firstX", name), _int(selection, "firstY", name)
        x2, y2 = _int(selection, "secondX", name), _int(selection, "secondY", name)
        region = (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
        source.selections[guid(selection.get("guid"))] = None
        for coding_el in _kids(selection, "Coding"):
            coding = _coding(coding_el, guid(selection.get("creatingUser")) or None,
                             selection.get("creationDateTime"))
            if coding is not None and region[2] > 0 and region[3] > 0:
                coding.region = region
                coding.selection_guid = guid(selection.get("guid"))
                coding.note_refs += [guid(r.get("targetGUID"))
                                     for r in _kids(selection, "NoteRef")]
                coding.memo = _first_text(selection, "Description")
                source.codings.append(coding)
    source.note_refs = [guid(r.get("targetGUID")) for r in _kids(element, "NoteRef")]
    source.variables = raw_values(element, variables)
    return source


def _recording_source(element: Any, archive: _Archive, kind: str,
                      variables: dict[str, RefiVariable],
                      warnings: list[str]) -> RefiSource | None:
    """An AudioSource or VideoSource with its time selections (milliseconds)."""
    source = _media_source(element, archive, kind, warnings)
    if source is None:
        return None
    name = source.name
    source.variables = raw_values(element, variables)  # its transcripts share some
    source.embedded = [read_transcript(transcript, source, archive, warnings)
                       for transcript in _kids(element, "Transcript")]
    selection_tag = "AudioSelection" if kind == "audio" else "VideoSelection"
    for selection in _kids(element, selection_tag):
        begin, end = _int(selection, "begin", name), _int(selection, "end", name)
        source.selections[guid(selection.get("guid"))] = None
        for coding_el in _kids(selection, "Coding"):
            coding = _coding(coding_el, guid(selection.get("creatingUser")) or None,
                             selection.get("creationDateTime"))
            if coding is None:
                continue
            if not 0 <= begin < end:
                warnings.append(f"'{name}': skipped a coding at {begin}–{end} ms.")
                continue
            coding.start_ms, coding.end_ms = begin, end
            coding.selection_guid = guid(selection.get("guid"))
            coding.note_refs += [guid(r.get("targetGUID")) for r in _kids(selection, "NoteRef")]
            coding.memo = _first_text(selection, "Description")
            source.codings.append(coding)
    source.note_refs = [guid(r.get("targetGUID")) for r in _kids(element, "NoteRef")]
    source.variables = raw_values(element, variables)
    return source


def _drop_twins(project: RefiProject) -> None:
    """Leave out the TextSources fieldkit writes as twins of memos and photo captions."""
    from fieldkit.core.model import derived_uuid
    from fieldkit.exporters.refi_writer import CAPTION_TWIN, MEMO_TWIN

    twins = {derived_uuid(note, MEMO_TWIN) for note in project.notes}
    twins |= {derived_uuid(s.guid, CAPTION_TWIN) for s in project.sources if s.kind == "picture"}
    project.sources = [s for s in project.sources if s.guid not in twins]


def read_qdpx(path: str | Path) -> RefiProject:
    """Read a REFI-QDA project archive; BadInput (one line) for anything unusable or hostile."""
    file = Path(path)
    if file.suffix.lower() not in (".qdpx", ".zip"):
        raise BadInput(f"{file.name}: a REFI-QDA project ends in .qdpx.")
    archive = _Archive(read_bytes(file, MAX_QDPX_BYTES), file.name)
    qde = [real for lower, real in archive.entries.items()
           if lower.endswith(".qde") and "/" not in lower.strip("/")]
    if not qde:
        raise BadInput(f"{file.name}: not a REFI-QDA project (no project.qde inside).")
    root = parse_xml(archive.read(qde[0]), file.name)
    if _local(root.tag) != "Project":
        raise BadInput(f"{file.name}: not a REFI-QDA project (the root element is "
                       f"<{_local(root.tag)}>).")
    project = RefiProject(root.get("name") or file.stem, root.get("origin") or "",
                          root.get("creationDateTime"))
    warnings = project.warnings
    for child in root:
        tag = _local(child.tag)
        if tag not in _KNOWN_TOP and tag:
            warnings.append(f"Ignored unknown element <{tag}>.")
    for users in _kids(root, "Users"):
        for user in _kids(users, "User"):
            project.users[guid(user.get("guid"))] = tidy_name(
                user.get("name") or user.get("id") or "", CODER_NAME_MAX) or "unknown coder"
    for book in _kids(root, "CodeBook"):
        for codes in _kids(book, "Codes"):
            project.codes.extend(_codes(codes, set(), warnings))
    variables = read_variables(root, warnings)
    for holder in _kids(root, "Sources"):
        for element in holder:
            tag = _local(element.tag)
            if tag == "TextSource":
                project.sources.append(_text_source(element, archive, "text", variables,
                                                    warnings))
            elif tag == "PictureSource":
                picture = _picture_source(element, archive, variables, warnings)
                if picture is not None:
                    project.sources.append(picture)
            elif tag in _RECORDINGS:
                recording = _recording_source(element, archive, _RECORDINGS[tag], variables,
                                              warnings)
                if recording is not None:
                    project.sources.append(recording)
            elif tag in _OTHER_SOURCES:
                warnings.append(f"Skipped {_OTHER_SOURCES[tag]} source "
                                f"'{element.get('name', '')}': fieldkit cannot hold it.")
            elif tag:
                warnings.append(f"Ignored unknown source element <{tag}>.")
    for holder in _kids(root, "Notes"):
        for element in _kids(holder, "Note"):
            note = _text_source(element, archive, "note", variables, warnings)
            project.notes[note.guid] = note
    _drop_twins(project)
    adopt_transcripts(project, {s.guid: s.embedded for s in project.sources if s.embedded})
    for source in [*project.sources, *project.notes.values()]:
        for key, span in source.selections.items():
            project.selections.setdefault(key, (source.guid, *(span or (None, None))))
    for holder in _kids(root, "Sets"):
        for element in _kids(holder, "Set"):
            project.sets.append(RefiSet(
                guid(element.get("guid")), (element.get("name") or "").strip() or "Set",
                _first_text(element, "Description"),
                [guid(r.get("targetGUID")) for r in _kids(element, "MemberCode")],
                [guid(r.get("targetGUID")) for r in [*_kids(element, "MemberSource"),
                                                     *_kids(element, "MemberNote")]]))
    project.links = read_links(root, warnings)
    project.graphs = read_graphs(root, warnings)
    read_cases(root, project, variables)
    group_values(project, variables)
    settle_variables(project, variables)
    return project
