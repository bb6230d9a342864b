"""Comparing coders inside a project: the agreement report and the disagreeing segments.

``project_agreement`` feeds the project's text codings to ``core.agreement.agreement_report``
with every document of the project as the scope (a document nobody coded with a code counts as
agreement on "not coded", as in NVivo). Codes and documents are keyed by their short ids;
``report_dict`` adds code paths and document titles for JSON and spreadsheets. Photo-region
codings and orphaned codings have no characters and are left out.

``side_by_side`` gathers what a team looks at to talk a disagreement through: each coder's
segments of one code in one document, whether each found a partner, and the stretches of text
that some of the coders coded and others did not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.agreement import (
    AgreementReport,
    Segment,
    agreement_report,
    merge_spans,
    overlap_ratio,
)
from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.project import Project


def coder_ids(project: Project, coders: Sequence[str]) -> dict[str, int]:
    """Each named coder's id; NotFound names the first unknown one."""
    return {name: project.find_coder(name).id for name in coders}


def _check_coders(coders: Sequence[str]) -> list[str]:
    names = [c.strip() for c in coders]
    if len(names) < 2 or len({n.casefold() for n in names}) != len(names):
        raise BadInput("Agreement needs at least two different coders (e.g. --coders Anna Bram).")
    return names


def project_agreement(project: Project, coders: Sequence[str], *,
                      codes: Sequence[int | str] | None = None,
                      threshold: float = 0.9,
                      documents: Sequence[int] | None = None,
                      time: bool = False) -> AgreementReport:
    """Agreement of ``coders`` over every document of the project, or over ``documents`` (ids)
    only (see the module docstring).

    With ``time`` the units are the milliseconds of the project's recordings and only time
    codings count (a coding of a transcript counts on its recording's clock); without it,
    time codings are left out, as their text span only follows from their times.
    """
    names = _check_coders(coders)
    ids = coder_ids(project, names)
    code_ids = None if codes is None else list(dict.fromkeys(project.code(c).id for c in codes))
    wanted = None if documents is None else set(documents)
    lengths: dict[int | str, int]
    if time:
        lengths = {key: ms for key, ms in project.recordings.durations().items()
                   if wanted is None or key in wanted}
        owner = {t: r for r in lengths
                 for t in project.recordings.recording(r).transcripts}
    else:
        lengths = {doc.id: doc.chars for doc in project.documents()
                   if wanted is None or doc.id in wanted}
    segments: list[Segment] = []
    for name, coder_id in ids.items():
        for c in project.codings_of(code_ids=code_ids, coder_id=coder_id):
            if c.start is None or c.end is None or c.orphaned:
                continue
            if time and c.start_ms is not None and c.end_ms is not None:
                document = owner.get(c.document_id, c.document_id)
                if document in lengths:
                    end = min(c.end_ms, lengths[document])
                    segments.append(Segment(document, c.code_id, name, min(c.start_ms, end),
                                            end))
            elif not time and c.start_ms is None and c.document_id in lengths:
                segments.append(Segment(c.document_id, c.code_id, name, c.start, c.end))
    return agreement_report(segments, lengths, names, threshold, codes=code_ids)


def report_dict(project: Project, report: AgreementReport) -> dict[str, Any]:
    """``report.to_dict()`` with ``code_path`` and ``document_title`` beside each id."""
    book = project.codebook()
    titles = {doc.id: doc.title for doc in project.documents()}
    data = report.to_dict()
    rows = [*data["documents"], *data["codes"], *data["overall"]]
    for result in data["segments"]:
        rows.extend(result["rows"])
    for row in rows:
        code = row.get("code")
        row["code_path"] = book.path(code) if code in book.codes else None
        if "document" in row:
            row["document_title"] = titles.get(row["document"])
    return data


@dataclass(slots=True)
class CodedSegment:
    """One coder's segment, and how well the best same-code segment of the others fits it."""

    start: int
    end: int
    quote: str
    best_overlap: float  # overlap / union with the closest segment of another coder (0–1)
    matched: bool  # every other coder has a segment fitting it at the threshold
    page: int | None = None  # the page of a PDF it starts on (None in other documents)


@dataclass(slots=True)
class TextDifference:
    """A stretch of text some of the coders coded with the code and the others did not."""

    start: int
    end: int
    text: str
    coded_by: list[str]
    page: int | None = None  # the page of a PDF it starts on (None in other documents)


@dataclass(slots=True)
class SideBySide:
    """The disagreements of several coders on one code in one document."""

    code: int
    code_path: str
    document: int
    document_title: str
    coders: list[str]
    segments: dict[str, list[CodedSegment]] = field(default_factory=dict)
    differences: list[TextDifference] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        return not self.differences and all(
            s.matched for segs in self.segments.values() for s in segs)


def side_by_side(project: Project, code: int | str, document: int | str | None,
                 coders: Sequence[str], threshold: float = 0.9) -> list[SideBySide]:
    """Each coder's segments of ``code`` per document, one entry per document.

    With ``document`` None, every document where at least one of the coders used the code.
    """
    names = _check_coders(coders)
    ids = coder_ids(project, names)
    code_row = project.code(code)
    path = project.code_path(code_row)
    doc_id = None if document is None else project.document(document).id
    spans: dict[int, dict[str, list[tuple[int, int, str]]]] = {}
    for name, coder_id in ids.items():
        for c in project.codings_of(code_ids=[code_row.id], document_id=doc_id,
                                    coder_id=coder_id):
            if c.start is None or c.end is None or c.orphaned or c.end <= c.start:
                continue
            spans.setdefault(c.document_id, {}).setdefault(name, []).append(
                (c.start, c.end, c.quote))
    if doc_id is not None:
        spans.setdefault(doc_id, {})
    out = []
    for key in sorted(spans):
        doc = project.document(key)
        by_coder = {name: sorted(spans[key].get(name, [])) for name in names}
        view = SideBySide(code_row.id, path, key, doc.title, names)
        for name, own in by_coder.items():
            others = [[(s, e) for s, e, _ in by_coder[o]] for o in names if o != name]
            view.segments[name] = [_segment(s, e, q, others, threshold) for s, e, q in own]
        view.differences = _differences(doc.text, by_coder)
        if doc.kind == "pdf":  # cited by page, as printed
            citer = project.retrieval.citations().citer(key)
            for seg in [s for segs in view.segments.values() for s in segs]:
                seg.page = citer.page(seg.start)
            for diff in view.differences:
                diff.page = citer.page(diff.start)
        out.append(view)
    return out


def _segment(start: int, end: int, quote: str, others: list[list[tuple[int, int]]],
             threshold: float) -> CodedSegment:
    bests = [max((overlap_ratio((start, end), o) for o in other), default=0.0)
             for other in others]
    return CodedSegment(start, end, quote, max(bests, default=0.0),
                        all(b >= threshold for b in bests))


def _differences(text: str, by_coder: dict[str, list[tuple[int, int, str]]]) -> \
        list[TextDifference]:
    merged = {name: merge_spans((s, e) for s, e, _ in own) for name, own in by_coder.items()}
    cuts = sorted({p for spans in merged.values() for span in spans for p in span})
    out: list[TextDifference] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        who = [n for n, spans in merged.items() if any(s <= start and end <= e for s, e in spans)]
        if not who or len(who) == len(merged):
            continue
        if out and out[-1].end == start and out[-1].coded_by == who:
            out[-1].end = end
            out[-1].text = text[out[-1].start:end]
        else:
            out.append(TextDifference(start, end, text[start:end], who))
    return out
