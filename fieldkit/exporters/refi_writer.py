"""REFI-QDA exchange files: a whole project as ``.qdpx``, the codebook as ``.qdc``.

The ``.qdpx`` is a zip holding ``project.qde`` (urn:QDA-XML:project:1.0, valid against
Project-mrt2019.xsd) and ``sources/`` with each text source as UTF-8 plain text named by its GUID
and each photo as its original file. GUIDs are fieldkit's row UUIDs, so an export imported again
(``fieldkit import-qdpx``) gives the same codes, documents, codings and coders.

Mapping: coders → Users; codes → CodeBook (colour; definition, inclusion, exclusion and example
in ``Description`` as labelled paragraphs); fieldnotes, transcripts, ESM and texts → TextSource
with one PlainTextSelection per text coding (code-point offsets); photos → PictureSource with
PictureSelection per region coding; memo documents → Notes (codable) and code, document and
coding memos → Notes linked by NoteRef; site, visit date, participant, kind and simple document
attributes → Variables with a VariableValue per source; typed attribute definitions → Variables
and cases → Cases with SourceRefs and SelectionRefs to their parts (see ``refi_cases``); document
and code sets → Sets (memo documents are members as MemberNote); links between codes → Links
and networks → Graphs (see ``refi_networks``).

What real clients need beyond the schema (QualCoder's importer was run on our export):
every source, selection and note carries creatingUser, creationDateTime and modifiedDateTime
(QualCoder fails on a Note without a date; documents and code memos, for which fieldkit keeps no
author, are attributed to the project's first coder and code memos dated at the project's
creation); a coding memo is also the selection's ``Description``; a photo's caption is also the
PictureSource's ``Description``. QualCoder turns Notes into journals, which hold no codings, and
ignores ``TextDescription``; so a memo document or photo caption that carries text codings is
written once more as a TextSource "Title (memo)" / "Title (caption)" with those codings, under a
GUID derived from the document's, which fieldkit's own importer recognises and skips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from fieldkit import __version__
from fieldkit.core.errors import DamagedMedia
from fieldkit.core.filenames import safe_file_name
from fieldkit.core.model import Code, Coding, Document, derived_uuid
from fieldkit.core.progress import Progress
from fieldkit.exporters.files import StoredMedia, write_zip
from fieldkit.exporters.refi_cases import CasePlan

if TYPE_CHECKING:
    from fieldkit.core.codebook import Codebook
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.project import DocumentSummary, Project

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"fieldkit {__version__}"
# Roles of the extra TextSources written for clients that read only TextSources (see above).
MEMO_TWIN, CAPTION_TWIN = "memo as text source", "caption as text source"

# Variables that carry fieldkit's document facts; import-qdpx reads them back.
VAR_KIND, VAR_SITE, VAR_VISIT, VAR_PARTICIPANT = "Kind", "Site", "Visit date", "Participant"
FACT_VARIABLES = (VAR_KIND, VAR_SITE, VAR_VISIT, VAR_PARTICIPANT)
_LABELS = ("Inclusion", "Exclusion", "Example")


derived_guid = derived_uuid


def describe_code(code: Code) -> str:
    """A code's definition and criteria as one Description text other tools can show.

    Texts are written exactly as stored, trailing spaces and newlines included, so a codebook
    read from MAXQDA and written again keeps every description byte for byte.
    """
    parts = [code.definition] if code.definition else []
    for label, value in zip(_LABELS, (code.inclusion, code.exclusion, code.example),
                            strict=True):
        if value:
            parts.append(f"{label}: {value}")
    return "\n\n".join(parts)


def read_description(text: str) -> dict[str, str]:
    """The inverse of ``describe_code``: definition, inclusion, exclusion, example (exact)."""
    fields = {"definition": "", "inclusion": "", "exclusion": "", "example": ""}
    pieces = re.split(r"(?:^|\n\n)(Inclusion|Exclusion|Example): ", text)
    fields["definition"] = pieces[0]
    for label, value in zip(pieces[1::2], pieces[2::2], strict=False):
        fields[label.lower()] = value
    return fields


def _datetime(value: str | None) -> str | None:
    """An xsd:dateTime (UTC, ``Z``) or None when the stored value is not one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(microsecond=0).isoformat()
    return parsed.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _sub(parent: Any, tag: str, ns: str = PROJECT_NS, /, **attrs: str | None) -> Any:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        if value is not None:
            element.set(key, value)
    return element


def _text(parent: Any, tag: str, text: str, ns: str = PROJECT_NS) -> Any:
    element = _sub(parent, tag, ns)
    element.text = _xml_safe(text)
    return element


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("\ufffd", text)


def _colour(value: str) -> str | None:
    return value.upper() if re.fullmatch(r"#[0-9a-fA-F]{6}", value or "") else None


# -- the codebook ------------------------------------------------------------------------------


def _code_elements(parent: Any, codes: list[Code], children: dict[int | None, list[Code]],
                   ns: str, export: _Export | None) -> None:
    for code in codes:
        element = _sub(parent, "Code", ns, guid=code.uuid, name=code.name, isCodable="true",
                       color=_colour(code.colour))
        description = describe_code(code)
        if description:
            _text(element, "Description", description, ns)
        if export is not None and code.memo.strip():
            guid = export.memo(code.uuid, code.memo, *export.written(code, None, None))
            _sub(element, "NoteRef", ns, targetGUID=guid)
        _code_elements(element, children.get(code.id, []), children, ns, export)


def _children(project: Project) -> dict[int | None, list[Code]]:
    book = project.codebook()
    return {key: book.children(key) for key in [None, *book.codes]}


def codebook_xml(project: Project, masker: Pseudonymiser | None = None) -> bytes:
    """The codebook as a ``.qdc`` document (urn:QDA-XML:codebook:1.0); ``masker`` replaces
    names in every code's name and description."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    codes = _sub(root, "Codes", CODEBOOK_NS)
    children = _children(project)
    _code_elements(codes, children.get(None, []), children, CODEBOOK_NS, None)
    if masker:
        from fieldkit.exporters.refi_pseudonyms import pseudonymise_archive

        pseudonymise_archive(root, [], masker)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def write_codebook(project: Project, target: Path,
                   masker: Pseudonymiser | None = None) -> None:
    if not project.codebook().codes:
        from fieldkit.core.errors import BadInput

        raise BadInput("The codebook is empty; there is nothing to export.")
    target.write_bytes(codebook_xml(project, masker))


# -- the project -------------------------------------------------------------------------------


@dataclass
class _Export:
    """What is gathered while the XML is built: files for ``sources/``, memo notes, stamps.

    ``owner`` (the project's first coder) and ``created`` (the project's creation) stand in as
    creating user and time where fieldkit records none: documents, and code and document memos
    written before fieldkit recorded memo authors. A memo's Note carries its first author and
    time (creatingUser, creationDateTime), and its last writer (modifyingUser, written only
    when another coder changed it) and time (modifiedDateTime).
    """

    owner: str | None = None
    created: str | None = None
    files: list[tuple[str, StoredMedia | bytes]] = field(default_factory=list)
    damaged: list[tuple[str, str]] = field(default_factory=list)  # media not as imported
    strip_photos: bool = False  # a pseudonymised export: photos without their metadata
    notes: dict[str, str] = field(default_factory=dict)
    # note GUID → (when, who, modified, modifier)
    stamps: dict[str, _Written] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)  # name → type (facts, undefined)
    plan: CasePlan = field(default_factory=CasePlan)  # defined attributes, case parts
    codes: dict[int, str] = field(default_factory=dict)  # code id → GUID
    users: dict[int, str] = field(default_factory=dict)  # coder id → GUID

    def memo(self, owner_guid: str, text: str, when: str | None, who: str | None,
             modified: str | None = None, modifier: str | None = None) -> str:
        guid = derived_guid(owner_guid, "memo")
        self.notes[guid] = text
        self.stamps[guid] = (when, who, modified, modifier)
        return guid

    def written(self, row: Code | Coding | Document, when: str | None, who: str | None
                ) -> _Written:
        """(created, creating user GUID, modified, modifying user GUID) of a row's memo: what
        fieldkit recorded, else ``when`` and ``who``."""
        creator = self.users.get(row.memo_by) if row.memo_by is not None else None
        modifier = self.users.get(row.memo_modified_by) \
            if row.memo_modified_by is not None else None
        return row.memo_created or when, creator or who, row.memo_modified or None, modifier

    def stamp(self, when: str | None, who: str | None = None, modified: str | None = None,
              modifier: str | None = None) -> dict[str, str | None]:
        """creatingUser, creationDateTime, modifyingUser (when another user changed it) and
        modifiedDateTime (fallbacks: owner, project, creation)."""
        moment = _datetime(when) or self.created
        creator = who or self.owner
        out = {"creatingUser": creator, "creationDateTime": moment}
        if modifier and modifier != creator:
            out["modifyingUser"] = modifier
        out["modifiedDateTime"] = _datetime(modified) or moment
        return out


#: a memo's (created, creating user, modified, modifying user)
_Written = tuple[str | None, str | None, str | None, str | None]


def _variable_values(element: Any, values: dict[str, Any], export: _Export) -> None:
    from fieldkit.exporters.refi_cases import typed_text

    for name, value in values.items():
        if value is None or value == "":
            continue
        planned = export.plan.variables.get(name)
        if planned is not None:  # a defined attribute: typed as planned
            tag, text = typed_text(planned.kind, value)
            holder = _sub(element, "VariableValue")
            _sub(holder, "VariableRef", targetGUID=planned.guid)
            _text(holder, tag, text)
            continue
        if isinstance(value, bool):
            kind, tag, text = "Boolean", "BooleanValue", "true" if value else "false"
        elif isinstance(value, int):
            kind, tag, text = "Integer", "IntegerValue", str(value)
        elif isinstance(value, float):
            kind, tag, text = "Float", "FloatValue", repr(value)
        elif name == VAR_VISIT:
            kind, tag, text = "Date", "DateValue", str(value)
        else:
            kind, tag, text = "Text", "TextValue", str(value)
        if export.variables.setdefault(name, kind) != kind:
            kind, tag, text = "Text", "TextValue", str(value)
            export.variables[name] = "Text"
        holder = _sub(element, "VariableValue")
        _sub(holder, "VariableRef", targetGUID=derived_guid("variable", name))
        _text(holder, tag, text)


def _simple_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attributes.items():
        if isinstance(value, (str, int, float, bool)) and key not in FACT_VARIABLES:
            out[key] = value
    return out


def _coding_element(parent: Any, coding: Coding, export: _Export, twin: str = "") -> None:
    guid = derived_guid(coding.uuid, twin) if twin else coding.uuid
    element = _sub(parent, "Coding", guid=guid, creatingUser=export.users[coding.coder_id],
                   creationDateTime=_datetime(coding.created))
    _sub(element, "CodeRef", targetGUID=export.codes[coding.code_id])
    if coding.memo.strip():
        who = export.users[coding.coder_id]
        _sub(element, "NoteRef", targetGUID=export.memo(
            coding.uuid, coding.memo, *export.written(coding, coding.created, who)))


def _selection(parent: Any, tag: str, coding: Coding, export: _Export, twin: str = "",
               **where: str | None) -> None:
    """A selection holding one coding; the coding's memo is also its Description, which is
    where QualCoder and MAXQDA look for a coding memo. In a twin source (``twin`` is its
    GUID) selection and coding get GUIDs of their own, so no GUID occurs twice."""
    role = "span" if tag == "PlainTextSelection" else "region"
    element = _sub(parent, tag, guid=derived_guid(coding.uuid, role, *([twin] if twin else [])),
                   **where, **export.stamp(coding.created, export.users[coding.coder_id]))
    if coding.memo.strip():
        _text(element, "Description", coding.memo)
    _coding_element(element, coding, export, twin)


def _text_source(parent: Any, tag: str, doc: Document, codings: list[Coding], export: _Export,
                 facts: dict[str, Any], *, guid: str | None = None, name: str | None = None,
                 inline: bool = False, description: str = "",
                 writers: tuple[str | None, str | None] = (None, None)) -> Any:
    """A text source (or a memo document's Note, ``writers`` the GUIDs of its first author
    and last writer)."""
    guid = guid or doc.uuid
    stamp = export.stamp(doc.created, writers[0], doc.modified, writers[1])
    if inline:  # a photo's caption: the text sits in the XML
        element = _sub(parent, tag, guid=guid, name=name or doc.title, **stamp)
        _text(element, "PlainTextContent", doc.text)
    else:
        element = _sub(parent, tag, guid=guid, name=name or doc.title,
                       plainTextPath=f"internal://{guid}.txt", **stamp)
        if description:
            _text(element, "Description", description)
        export.files.append((f"sources/{guid}.txt", doc.text.encode("utf-8")))
    for coding in codings:
        if coding.start is None or coding.end is None:
            continue
        _selection(element, "PlainTextSelection", coding, export,
                   guid if guid != doc.uuid and not inline else "", name=coding.quote[:60],
                   startPosition=str(coding.start), endPosition=str(coding.end))
    if inline or guid == doc.uuid:  # not in a twin: its GUIDs would be there twice
        from fieldkit.exporters.refi_cases import part_selections

        part_selections(element, doc.id, export)
    if inline or guid != doc.uuid:
        return element
    if doc.memo.strip():
        _sub(element, "NoteRef", targetGUID=export.memo(
            doc.uuid, doc.memo, *export.written(doc, doc.modified, None)))
    _variable_values(element, facts, export)
    return element


def _twin(sources: Any, doc: Document, codings: list[Coding], export: _Export, role: str,
          what: str) -> None:
    """The same text once more as a plain TextSource, for clients that read codings only there
    (QualCoder keeps memos as journals and ignores picture captions); fieldkit's importer
    recognises the twin by its GUID and reads the text once."""
    _text_source(sources, "TextSource", doc, codings, export, {},
                 guid=derived_guid(doc.uuid, role), name=f"{doc.title} ({what})",
                 description=f"The {what} of '{doc.title}' with its codings, as a text source "
                             "for programs that cannot code it where it is.")


def _picture_source(parent: Any, doc: Document, codings: list[Coding], project: Project,
                    export: _Export, facts: dict[str, Any]) -> None:
    from fieldkit.exporters import refi_recordings

    assert doc.media_id is not None
    media = project.media_info(doc.media_id)
    suffix = safe_file_name(Path(media.filename).suffix.lower(), "") or ".jpg"
    name = f"{doc.uuid}{suffix}"
    stamp = export.stamp(doc.created)
    stamp["modifiedDateTime"] = _datetime(doc.modified) or stamp["modifiedDateTime"]
    element = _sub(parent, "PictureSource", guid=doc.uuid,
                   name=refi_recordings.source_name(doc.title, name), path=f"internal://{name}",
                   **stamp)
    export.files.append((f"sources/{name}", StoredMedia(
        project.media, media.sha256, media.filename,
        export.damaged, strip=export.strip_photos)))
    if doc.text:
        _text(element, "Description", doc.text)  # the caption, for clients that show no other
    if doc.text or any(c.start is not None for c in codings):
        # The caption, with its own text codings, as the picture's text description.
        _text_source(element, "TextDescription", doc, codings, export, {},
                     guid=derived_guid(doc.uuid, "caption"), inline=True)
    for coding in codings:
        if coding.region is None:
            continue
        r = coding.region
        _selection(element, "PictureSelection", coding, export,  # QualCoder's coding memo
                   name=coding.memo.strip(),
                   firstX=str(r.x), firstY=str(r.y), secondX=str(r.x + r.width),
                   secondY=str(r.y + r.height))
    if doc.memo.strip():
        _sub(element, "NoteRef", targetGUID=export.memo(
            doc.uuid, doc.memo, *export.written(doc, doc.modified, None)))
    _variable_values(element, facts, export)


def _sets(root: Any, project: Project, documents: dict[int, tuple[str, str]],
          codes: dict[int, str]) -> None:
    """Document and code sets as ``<Sets>``: memo documents are members as notes."""
    found = project.sets.all()
    if not found:
        return
    holder = _sub(root, "Sets")
    for item in found:
        element = _sub(holder, "Set", guid=item.uuid, name=item.name)
        if item.description.strip():
            _text(element, "Description", item.description)
        if item.kind == "codes":
            for key in item.members:
                _sub(element, "MemberCode", targetGUID=codes[key])
            continue
        members = [documents[key] for key in item.members]
        for uuid, _ in sorted(m for m in members if m[1] != "memo"):
            _sub(element, "MemberSource", targetGUID=uuid)
        for uuid, _ in sorted(m for m in members if m[1] == "memo"):
            _sub(element, "MemberNote", targetGUID=uuid)


def project_archive(project: Project, target: Path, progress: Progress,
                    masker: Pseudonymiser | None = None) -> None:
    """Write the whole project as a ``.qdpx`` archive to ``target``; ``masker`` replaces names
    everywhere in it (see ``refi_pseudonyms``)."""
    from fieldkit.exporters import refi_cases

    documents = project.documents()
    progress.start(len(documents) + 2, "Exporting the project")
    coders = sorted(project.coders(), key=lambda c: c.id)
    book = project.codebook()
    export = _Export(owner=coders[0].uuid if coders else None,
                     created=_datetime(project.created),
                     codes={c.id: c.uuid for c in book.codes.values()},
                     users={c.id: c.uuid for c in coders},
                     strip_photos=masker is not None and masker.pseudonymised)
    export.plan = refi_cases.plan(project)
    names = _FactNames.of(project)
    by_doc, on_recording = _codings_by_document(project, documents)
    root = _project_element(project, coders, book, export)
    variables_at = len(root)  # Variables and Cases come before Sources; filled in afterwards
    memo_docs = _write_sources(root, project, documents, names, by_doc, on_recording, export,
                               progress)
    writers = {m.id: (export.users.get(m.created_by_id) if m.created_by_id else None,
                      export.users.get(m.author_id) if m.author_id else None)
               for m in project.memos.all(include_older=False)}
    _write_notes(root, memo_docs, by_doc, export, writers)
    from fieldkit.exporters.refi_networks import graphs_element, links_element

    links = links_element(project, export.codes)
    if links is not None:
        root.append(links)
    _sets(root, project, {d.id: (d.uuid, d.kind) for d in documents}, export.codes)
    graphs = graphs_element(project, export.codes)
    if graphs is not None:
        root.append(graphs)
    _insert_cases_and_variables(root, variables_at, project, documents, export)
    _write_archive(target, root, export, masker, progress)


@dataclass
class _FactNames:
    """What documents' facts name by id: sites, visit dates, participants' pseudonyms."""

    sites: dict[int, str]
    visits: dict[int, str]
    people: dict[int, str]

    @classmethod
    def of(cls, project: Project) -> _FactNames:
        return cls({s.id: s.name for s in project.sites()},
                   {v.id: v.date for v in project.visits()},
                   {p.id: p.pseudonym for p in project.participants()})


def _codings_by_document(project: Project, documents: list[DocumentSummary]
                         ) -> tuple[dict[int, list[Coding]], dict[int, list[tuple[str, Coding]]]]:
    """Every coding by its document id; a transcript's time codings are taken out and returned
    by the document id of its recording, with the transcript's GUID (they are written on the
    recording, see ``refi_recordings``)."""
    by_doc: dict[int, list[Coding]] = {}
    for coding in project.codings():
        by_doc.setdefault(coding.document_id, []).append(coding)
    on_recording: dict[int, list[tuple[str, Coding]]] = {}
    for summary in documents:
        if summary.kind == "transcript" and project.recordings.has_recording(summary.id):
            owner = project.recordings.recording(summary.id).document_id
            timed = [c for c in by_doc.get(summary.id, []) if c.start_ms is not None]
            on_recording.setdefault(owner, []).extend((summary.uuid, c) for c in timed)
            by_doc[summary.id] = [c for c in by_doc.get(summary.id, []) if c.start_ms is None]
    return by_doc, on_recording


def _project_element(project: Project, coders: list[Any], book: Codebook,
                     export: _Export) -> Any:
    """The ``<Project>`` root with its Users and CodeBook."""
    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    root.set("name", project.name)
    root.set("origin", ORIGIN)
    if export.owner:
        root.set("creatingUserGUID", export.owner)
    if export.created:
        root.set("creationDateTime", export.created)
    if coders:
        users = _sub(root, "Users")
        for coder in coders:
            _sub(users, "User", guid=coder.uuid, name=coder.name)
    if book.codes:
        codes = _sub(_sub(root, "CodeBook"), "Codes")
        children = _children(project)
        _code_elements(codes, children.get(None, []), children, PROJECT_NS, export)
    return root


class _Sources:
    """The ``<Sources>`` element, made when the first source is written (a project of memo
    documents alone has none)."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.element: Any = None

    def __call__(self) -> Any:
        if self.element is None:
            self.element = _sub(self.root, "Sources")
        return self.element


def _write_sources(root: Any, project: Project, documents: list[DocumentSummary],
                   names: _FactNames, by_doc: dict[int, list[Coding]],
                   on_recording: dict[int, list[tuple[str, Coding]]], export: _Export,
                   progress: Progress) -> list[tuple[Document, dict[str, Any]]]:
    """Every document but the memo documents as a source, then the twins (see the module's
    docstring); returns the memo documents with their facts, which become Notes."""
    from fieldkit.exporters import refi_recordings

    sources = _Sources(root)
    memo_docs: list[tuple[Document, dict[str, Any]]] = []
    twins: list[tuple[Document, list[Coding], str, str]] = []
    for summary in documents:
        doc = project.document(summary.id)
        facts = _document_facts(project, doc, names)
        codings = by_doc.get(doc.id, [])
        text_codings = [c for c in codings if c.start is not None]
        if doc.kind == "memo":
            memo_docs.append((doc, facts))
            if text_codings:
                twins.append((doc, text_codings, MEMO_TWIN, "memo"))
        elif doc.kind == "recording" and project.recordings.has_recording(doc.id):
            refi_recordings.recording_source(
                sources(), doc, codings, on_recording.get(doc.id, []), project, export, facts,
                by_doc, lambda d: _document_facts(project, d, names))
        elif refi_recordings.written_in_recording(project, doc):
            pass  # a linked transcript is its recording's <Transcript>, written there
        elif doc.kind == "photo" and doc.media_id is not None:
            _picture_source(sources(), doc, codings, project, export, facts)
            if text_codings:
                twins.append((doc, text_codings, CAPTION_TWIN, "caption"))
        else:
            _text_source(sources(), "TextSource", doc, codings, export, facts)
        progress.step(doc.title)
    for doc, codings, role, what in twins:
        _twin(sources(), doc, codings, export, role, what)
    return memo_docs


def _document_facts(project: Project, doc: Document, names: _FactNames) -> dict[str, Any]:
    """A document's variable values: kind, site, visit date, participant, its simple
    attributes and a transcript's recording facts."""
    from fieldkit.exporters import refi_recordings

    facts: dict[str, Any] = {VAR_KIND: doc.kind}
    if doc.site_id is not None:
        facts[VAR_SITE] = names.sites.get(doc.site_id)
    if doc.visit_id is not None:
        facts[VAR_VISIT] = names.visits.get(doc.visit_id)
    if doc.participant_id is not None:
        facts[VAR_PARTICIPANT] = names.people.get(doc.participant_id)
    facts.update(_simple_attributes(doc.attributes))
    facts.update(refi_recordings.transcript_facts(project, doc))
    return facts


def _write_notes(root: Any, memo_docs: list[tuple[Document, dict[str, Any]]],
                 by_doc: dict[int, list[Coding]], export: _Export,
                 writers: dict[int, tuple[str | None, str | None]]) -> None:
    """Memo documents as codable Notes (by their first author, changed last by their last
    writer), then every memo gathered so far (code, document and coding memos) as a Note of
    its own."""
    if not (memo_docs or export.notes):
        return
    notes = _sub(root, "Notes")
    for doc, facts in memo_docs:
        _text_source(notes, "Note", doc, by_doc.get(doc.id, []), export, facts,
                     writers=writers.get(doc.id, (None, None)))
    for guid, text in export.notes.items():
        note = _sub(notes, "Note", guid=guid, name=text.strip().splitlines()[0][:60],
                    **export.stamp(*export.stamps.get(guid, (None, None, None, None))))
        _text(note, "PlainTextContent", text)


def _insert_cases_and_variables(root: Any, at: int, project: Project,
                                documents: list[DocumentSummary], export: _Export) -> None:
    """Variables (every defined attribute, and every other one a source or case used) and
    Cases, put at ``at``: before the Sources, where the schema wants them."""
    from fieldkit.exporters.refi_cases import cases_element, variables_element

    cases = cases_element(project, documents, export)  # first: it adds the cases' values
    variables = variables_element(export)
    for offset, element in enumerate(e for e in (variables, cases) if e is not None):
        root.insert(at + offset, element)


def _write_archive(target: Path, root: Any, export: _Export, masker: Pseudonymiser | None,
                   progress: Progress) -> None:
    """Names replaced (with ``masker``), then ``project.qde`` and ``sources/`` zipped to
    ``target``; refused naming them when media were not as imported."""
    if masker:
        from fieldkit.exporters.refi_pseudonyms import pseudonymise_archive

        pseudonymise_archive(root, export.files, masker)
    qde = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    progress.step("Writing the archive")

    def entries() -> Iterable[tuple[str, Any]]:
        yield "project.qde", qde
        yield from sorted(export.files, key=lambda f: f[0])

    write_zip(target, entries())  # media are hashed while they are copied
    if export.damaged:
        raise DamagedMedia("The REFI-QDA export", export.damaged)
    progress.step("Done")
