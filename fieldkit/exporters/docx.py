"""A Word report of coded segments: one section per code, with citations and photo crops.

Layout: a title page (project, selection, date), a table of contents, an overview of segment
counts per code, then one section per code in codebook order (nested codes as nested headings,
Word's Heading 1–9 styles) with its colour, definition and criteria followed by every coded
segment — the quote shaded in the code's colour, a citation line (document · site · visit date ·
speaker and timestamp · coder · position) and the coding memo; photo codings show the cropped
region of the photo. A codebook appendix closes the report.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from docx.shared import Emu, Inches
from PIL import Image, ImageOps

from fieldkit.core.errors import DamagedMedia, MediaUnfit
from fieldkit.core.model import Code, Coding
from fieldkit.core.progress import Progress
from fieldkit.exporters import wordxml as wx
from fieldkit.exporters.files import normalise_zip
from fieldkit.exporters.photo_metadata import without_metadata
from fieldkit.exporters.segments import Segment, gather

if TYPE_CHECKING:
    from fieldkit.core.codebook import Codebook
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.project import Project

MAX_PICTURE_WIDTH = Inches(4.5)
MAX_PICTURE_PIXELS = 1200
Mask = Callable[[str], str]


@dataclass
class Selection:
    """Which codes, coder and site a report covers."""

    codes: list[tuple[int, Code]]  # (heading depth from 0, code) in codebook order
    coder_id: int | None = None
    coder: str | None = None
    site_id: int | None = None
    site: str | None = None
    chosen: list[str] | None = None
    coding_ids: list[int] | None = None  # exactly these codings (the coded-segments view's)
    by_case: bool = False  # a part per case, the codes' sections inside it

    @classmethod
    def build(cls, project: Project, *, codes: Sequence[str | int] | None = None,
              coder: str | None = None, site: str | None = None,
              codings: Sequence[int] | None = None, by_case: bool = False) -> Selection:
        book = project.codebook()
        walk = list(book.walk())
        chosen_paths: list[str] | None = None
        if codes:
            wanted: set[int] = set()
            chosen_paths = []
            for ref in codes:
                code = project.code(ref)
                chosen_paths.append(book.path(code.id))
                wanted.add(code.id)
                wanted.update(book.descendants(code.id))
            depth_of = {c.id: d for d, c in walk}
            picked = [(d, c) for d, c in walk if c.id in wanted]
            # A chosen sub-code heads its own tree: depths count from the shallowest chosen.
            top = {c.id: depth_of[c.id] for c in (project.code(r) for r in codes)}
            base = min(top.values())
            walk = [(d - base, c) for d, c in picked]
        coder_id = project.find_coder(coder).id if coder is not None else None
        site_id = project.site(site).id if site is not None else None
        picked_codings = list(codings) if codings is not None else None
        if picked_codings is not None and not codes:
            # only the codes (and their ancestors, for the headings) the chosen codings use
            used = {c.code_id for c in project.retrieval.by_id(picked_codings)}
            keep = set(used)
            for key in used:
                parent = book.codes[key].parent_id if key in book.codes else None
                while parent is not None:
                    keep.add(parent)
                    parent = book.codes[parent].parent_id
            walk = [(d, c) for d, c in walk if c.id in keep]
        return cls(walk, coder_id, coder, site_id, site, chosen_paths, picked_codings, by_case)

    def describe(self) -> list[str]:
        grouped = ["Grouped by case"] if self.by_case else []
        if self.coding_ids is not None:
            return [f"Segments chosen in the coded-segments view ({len(self.coding_ids)})",
                    *grouped]
        lines = ["Codes: " + (", ".join(self.chosen) if self.chosen else "all codes")]
        lines.append("Coder: " + (self.coder or "all coders"))
        lines.append("Site: " + (self.site or "all sites"))
        return lines + grouped


def _codings(project: Project, selection: Selection) -> list[Coding]:
    ids = [c.id for _, c in selection.codes]
    codings = project.codings_of(code_ids=ids, coder_id=selection.coder_id)
    if selection.coding_ids is not None:
        wanted = set(selection.coding_ids)
        codings = [c for c in codings if c.id in wanted]
    if selection.site_id is not None:
        in_site = {d.id for d in project.documents(site=selection.site_id)}
        codings = [c for c in codings if c.document_id in in_site]
    return codings


def citation(segment: Segment, mask: Mask, coders: Sequence[str] = ()) -> str:
    """Document · site · visit · speaker or participant · ¶ · time · coded by (every coder)."""
    doc = segment.document
    parts = [mask(doc.title)]
    parts += [mask(v) for v in (doc.site, doc.visit) if v]
    if segment.speaker:
        parts.append(mask(segment.speaker))
    elif doc.participant:
        parts.append(mask(doc.participant))
    parts.append(segment.position)
    names = [mask(c) for c in (coders or [segment.coder])]
    parts.append("coded by " + (" and ".join(names) if len(names) < 3
                                else ", ".join(names[:-1]) + " and " + names[-1]))
    return " · ".join(p for p in parts if p)


def same_span(segments: list[Segment]) -> list[list[Segment]]:
    """Segments of one code grouped where several coders coded exactly the same span or region
    of the same document (in first-seen order), so the report prints that quote once."""
    groups: dict[tuple[Any, ...], list[Segment]] = {}
    for s in segments:
        c = s.coding
        key = (c.document_id, c.start, c.end,
               (c.region.x, c.region.y, c.region.width, c.region.height) if c.region else None)
        groups.setdefault(key, []).append(s)
    return list(groups.values())


def _photo(project: Project, media_id: int, damaged: list[tuple[str, str]]) -> bytes | None:
    """A photo's stored bytes, verified by their hash; one not as imported is noted in
    ``damaged`` (the report is then refused naming it) and gives None."""
    media = project.media_info(media_id)
    try:
        return project.media.read(media.sha256, media.filename)
    except MediaUnfit as exc:
        if (media.filename, str(exc)) not in damaged:
            damaged.append((media.filename, str(exc)))
        return None


def _crop(photo: bytes, coding: Coding) -> bytes | None:
    """The coded region of a photo as PNG bytes (orientation applied), or None if unreadable."""
    region = coding.region
    if region is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's notes on odd EXIF are not for the user
            with Image.open(io.BytesIO(photo)) as image:
                upright = ImageOps.exif_transpose(image)
                box = (region.x, region.y, region.x + region.width, region.y + region.height)
                # pixels and colour only: no photographer, place or comment goes with a crop
                crop = without_metadata(upright.crop(box).convert("RGB"))
    except (OSError, ValueError):
        return None
    crop.thumbnail((MAX_PICTURE_PIXELS, MAX_PICTURE_PIXELS))
    out = io.BytesIO()
    crop.save(out, "PNG", optimize=False)
    return out.getvalue()


class _Pictures:
    """Puts PNG bytes into the document as inline pictures; each distinct image stored once."""

    def __init__(self, document: Any) -> None:
        self.part = document.part

    def run(self, data: bytes) -> Any:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        emu_width = min(MAX_PICTURE_WIDTH, Emu(int(width * 9525)))
        emu_height = Emu(int(emu_width * height / max(1, width)))
        inline = self.part.new_pic_inline(io.BytesIO(data), emu_width, emu_height)
        r = wx.run()
        drawing = wx.sub(r, "drawing")
        drawing.append(inline)
        return r


class _Headings:
    """Headings with bookmarks, remembered for the table of contents."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, str, str]] = []

    def __call__(self, text: str, depth: int) -> Any:
        anchor = f"_Toc{len(self.entries) + 1:06d}"
        self.entries.append((depth, text, anchor))
        p = wx.paragraph(wx.run(text), style=f"Heading{min(depth + 1, 9)}")
        return wx.bookmark(p, len(self.entries), anchor)


def _labelled(label: str, value: str) -> Any:
    return wx.paragraph(wx.run(f"{label}: ", bold=True), wx.run(value))


def _code_facts(body: wx.Body, code: Code, mask: Mask) -> None:
    body.add(wx.paragraph(wx.run("Colour ", italic=True),
                          wx.run(f" {code.colour} ", shade=code.colour)))
    for label, value in (("Definition", code.definition), ("Inclusion", code.inclusion),
                         ("Exclusion", code.exclusion), ("Example", code.example)):
        if value.strip():
            body.add(_labelled(label, mask(value)))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _project_date(project: Project) -> datetime:
    created = project.created
    try:
        return datetime.fromisoformat(created.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return datetime(2000, 1, 1)


def _quote(project: Project, coding: Coding, masker: Pseudonymiser,
           texts: dict[int, str]) -> str:
    """A coding's quote with names replaced; cut from the replaced text of its document when it
    is still there, so a name the coding starts or ends inside is not left in halves."""
    if not masker or coding.orphaned or coding.start is None or coding.end is None:
        return masker(coding.quote)
    if coding.document_id not in texts:
        texts[coding.document_id] = project.document(coding.document_id).text
    text = texts[coding.document_id]
    if text[coding.start:coding.end] != coding.quote:
        return masker(coding.quote)
    return masker.excerpt(text, coding.start, coding.end)


def write_report(project: Project, selection: Selection, target: Path, *,
                 masker: Pseudonymiser, progress: Progress,
                 charts: Sequence[tuple[str, bytes]] = (),
                 networks: Sequence[tuple[str, bytes, list[str]]] = ()) -> None:
    """Write the coded-segments report for ``selection`` to ``target``; ``charts`` (title,
    PNG, drawn from labels already passed through ``masker``) go in a section of their own
    before the appendix, ``networks`` (title, PNG, the links in words, names replaced alike)
    in one after them. Every text, the document's properties too, goes through ``masker``,
    which is told the part of the report it is in (for its warnings)."""
    codings = _codings(project, selection)
    groups = _case_groups(project, codings) if selection.by_case else []
    steps = sum(len(g) + len(selection.codes) for _, g in groups) if selection.by_case \
        else len(codings) + len(selection.codes)
    progress.start(steps + 2, "Writing the Word report")
    segments = gather(project, codings)
    report = _Report.start(project, selection, segments, masker, progress)
    contents_at = report.title_page(len(segments))
    report.overview()
    if selection.by_case:
        for name, members in groups:
            report.case_part(name, [s for s in segments if s.coding.id in members])
    else:
        for depth, code in selection.codes:
            report.code_section(depth, code)
    if charts:
        report.charts(charts)
    if networks:
        report.networks(networks)
    report.appendix()
    if report.damaged:  # never a report that quietly lacks a photo
        raise DamagedMedia("The Word export", report.damaged)
    for entry in wx.toc(report.heading.entries):
        contents_at.addprevious(entry)
    report.body.finish()
    report.document.save(str(target))
    normalise_zip(target)
    masker.place = ""
    progress.step("Saved")


NO_CASE = "Not in a case"


def _case_groups(project: Project, codings: list[Coding]) -> list[tuple[str | None, set[int]]]:
    """(case name, its coding ids) by case name, then (None, the codings in no case): a coding
    in two cases is in both (``project.analysis.coding_values``)."""
    _, found = project.analysis.coding_values(codings)
    groups: dict[str, set[int]] = {}
    alone: set[int] = set()
    for key, values in found.items():
        for name in values.cases:
            groups.setdefault(name, set()).add(key)
        if not values.cases:
            alone.add(key)
    ordered: list[tuple[str | None, set[int]]] = [
        (name, groups[name]) for name in sorted(groups, key=str.casefold)]
    return ordered + ([(None, alone)] if alone else [])


@dataclass
class _Report:
    """One report being written: the Word document and what its sections share (the segments
    by code, the masker, the photo last read, the replaced texts of documents)."""

    project: Project
    selection: Selection
    masker: Pseudonymiser
    progress: Progress
    book: Codebook
    by_code: dict[int, list[Segment]]
    totals: dict[int, int]  # code id → its segments and its sub-codes'
    document: Any
    body: wx.Body
    pictures: _Pictures
    heading: _Headings = field(default_factory=_Headings)
    media_of: dict[int, int | None] = field(default_factory=dict)  # document id → media id
    photo_of: dict[int, bytes | None] = field(default_factory=dict)  # the photo last read
    damaged: list[tuple[str, str]] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)

    @classmethod
    def start(cls, project: Project, selection: Selection, segments: list[Segment],
              masker: Pseudonymiser, progress: Progress) -> _Report:
        """The segments sorted by code, and an empty document with fixed properties (the
        same project gives the same bytes)."""
        by_code: dict[int, list[Segment]] = {}
        for segment in segments:
            by_code.setdefault(segment.coding.code_id, []).append(segment)
        book = project.codebook()
        totals = {code.id: sum(len(by_code.get(k, []))
                               for k in [code.id, *book.descendants(code.id)])
                  for _, code in selection.codes}

        document = docx.Document()
        props = document.core_properties
        masker.place = "the title page"
        props.title = masker(project.name)
        props.subject = "Coded segments"
        props.author = "fieldkit"
        props.created = props.modified = _project_date(project)
        props.revision = 1
        wx.update_fields_on_open(document)
        return cls(project, selection, masker, progress, book, by_code, totals, document,
                   wx.Body(document), _Pictures(document))

    def title_page(self, segment_count: int) -> Any:
        """Title, selection, date and counts, then the contents' heading; returns the page
        break the table of contents goes before."""
        body, masker, selection = self.body, self.masker, self.selection
        body.add(wx.paragraph(wx.run(masker(self.project.name)), style="Title"))
        body.add(wx.paragraph(wx.run("Coded segments"), style="Subtitle"))
        for line in selection.describe():
            body.add(wx.paragraph(wx.run(masker(line))))
        body.add(wx.paragraph(wx.run(f"Exported {date.today().isoformat()} · "
                                     f"{_plural(segment_count, 'segment')} · "
                                     f"{_plural(len(selection.codes), 'code')}")))
        if getattr(masker, "terms", None):  # a Pseudonymiser with names to replace
            body.add(wx.paragraph(wx.run("Names of participants are replaced by pseudonyms.",
                                         italic=True)))
        body.add(wx.page_break())
        body.add(wx.paragraph(wx.run("Contents"), style="TOCHeading"))
        return body.add(wx.page_break())

    def overview(self) -> None:
        """Segments per code (and with its sub-codes), indented like the codebook."""
        self.body.add(self.heading("Overview", 0))
        self.masker.place = "the overview"
        for depth, code in self.selection.codes:
            own = len(self.by_code.get(code.id, []))
            text = f"{'    ' * depth}{self.masker(code.name)}: {own}"
            if self.totals[code.id] != own:
                text += f" ({self.totals[code.id]} with sub-codes)"
            self.body.add(wx.paragraph(wx.run(text)))
        self.progress.step("Overview")

    def case_part(self, name: str | None, segments: list[Segment]) -> None:
        """A case's heading and the sections of the codes with segments in it, one level
        down; ``name`` None: the segments in no case."""
        self.masker.place = f"the part of case '{name}'" if name else "the part of no case"
        self.body.add(self.heading(f"Case: {self.masker(name)}" if name else NO_CASE, 0))
        self.body.add(wx.paragraph(wx.run(_plural(len(segments), "coded segment"),
                                          italic=True)))
        whole, totals = self.by_code, self.totals
        self.by_code = {}
        for segment in segments:
            self.by_code.setdefault(segment.coding.code_id, []).append(segment)
        self.totals = {code.id: sum(len(self.by_code.get(k, []))
                                    for k in [code.id, *self.book.descendants(code.id)])
                       for _, code in self.selection.codes}
        for depth, code in self.selection.codes:
            if self.totals[code.id]:
                self.code_section(depth + 1, code)
            else:
                self.progress.step(code.name)
        self.by_code, self.totals = whole, totals

    def code_section(self, depth: int, code: Code) -> None:
        """A code's heading, facts and coded segments (a quote or photo crop once for a span
        several coders coded, with its citation and every coder's memo)."""
        body, masker = self.body, self.masker
        masker.place = f"the section of code '{self.book.path(code.id)}'"
        body.add(self.heading(masker(code.name), depth))
        found = self.by_code.get(code.id, [])
        if not found and self.book.children(code.id):  # a parent that only groups sub-codes
            body.add(wx.paragraph(wx.run(
                f"No segments of its own; {_plural(self.totals[code.id], 'segment')} "
                "under its sub-codes.", italic=True)))
            self.progress.step(code.name)
            return
        _code_facts(body, code, masker)
        body.add(wx.paragraph(wx.run(_plural(len(found), "coded segment"), italic=True)))
        for group in same_span(found):
            self._segment(code, group)
        self.progress.step(code.name)

    def _segment(self, code: Code, group: list[Segment]) -> None:
        body, masker = self.body, self.masker
        segment = group[0]
        coding = segment.coding
        if coding.region is not None:
            crop = self._crop(coding)
            if crop is not None:
                body.add(wx.paragraph(self.pictures.run(crop)))
            else:
                body.add(wx.paragraph(wx.run("(the photo could not be read)", italic=True)))
        else:
            # black text beside a bar in the code's colour: readable in print for
            # every colour, light or dark
            body.add(wx.paragraph(wx.run(_quote(self.project, coding, masker, self.texts),
                                         colour="000000"), style="Quote", bar=code.colour))
        coders = list(dict.fromkeys(s.coder for s in group))
        body.add(wx.paragraph(wx.run(citation(segment, masker, coders), italic=True,
                                     size=9, colour="595959")))
        for s in group:
            if s.coding.memo.strip():
                # the memo's writer, named where several coded or another wrote it
                label = f"Memo ({masker(s.memo_by)}): " \
                    if len(coders) > 1 or s.memo_by != s.coder else "Memo: "
                body.add(wx.paragraph(wx.run(label, bold=True),
                                      wx.run(masker(s.coding.memo))))
        self.progress.step(amount=len(group))

    def _crop(self, coding: Coding) -> bytes | None:
        """The coded region of a photo coding as PNG, or None when the photo is unreadable."""
        doc_id = coding.document_id
        if doc_id not in self.media_of:
            self.media_of[doc_id] = self.project.document(doc_id).media_id
        media_id = self.media_of[doc_id]
        if media_id is not None and media_id not in self.photo_of:
            self.photo_of.clear()  # one kept (photos can be large), not hashed per region
            self.photo_of[media_id] = _photo(self.project, media_id, self.damaged)
        photo = self.photo_of[media_id] if media_id is not None else None
        return _crop(photo, coding) if photo is not None else None

    def charts(self, charts: Sequence[tuple[str, bytes]]) -> None:
        """A section with each chart under its title."""
        self.body.add(wx.page_break())
        self.body.add(self.heading("Charts", 0))
        for title, png in charts:
            self.masker.place = f"the chart '{title}'"
            self.body.add(wx.paragraph(wx.run(self.masker(title), bold=True), keep_next=True))
            self.body.add(wx.paragraph(self.pictures.run(png)))

    def networks(self, networks: Sequence[tuple[str, bytes, list[str]]]) -> None:
        """A section with each network: its name, its picture, then its links in words."""
        self.body.add(wx.page_break())
        self.body.add(self.heading("Networks", 0))
        for title, png, lines in networks:
            self.body.add(wx.paragraph(wx.run(title, bold=True), keep_next=True))
            self.body.add(wx.paragraph(self.pictures.run(png)))
            for line in lines:
                self.body.add(wx.paragraph(wx.run(line)))

    def appendix(self) -> None:
        """The selected codes' paths, colours, facts and memos."""
        body, masker = self.body, self.masker
        body.add(wx.page_break())
        body.add(self.heading("Appendix: codebook", 0))
        masker.place = "the codebook appendix"
        for _, code in self.selection.codes:
            path = masker(self.book.path(code.id))
            body.add(wx.paragraph(wx.run(path, bold=True), wx.run(f"  {code.colour}"),
                                  keep_next=True))
            _code_facts(body, code, masker)
            if code.memo.strip():
                body.add(_labelled("Memo", masker(code.memo)))
