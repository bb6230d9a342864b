"""Facade operations for team work, mixed into ``Project``: coders, merging a colleague's copy,
combining codes, intercoder agreement and blind review.

The work itself lives in ``fieldkit.team`` (imported lazily, so opening a project stays quick);
the agreement maths in ``fieldkit.core.agreement``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.core.progress import Progress
from fieldkit.operations.base import FacadeBase

if TYPE_CHECKING:
    from fieldkit.core.agreement import AgreementReport
    from fieldkit.core.model import Coder
    from fieldkit.team.comparison import SideBySide
    from fieldkit.team.merge import MergeSummary


@dataclass(slots=True)
class CoderSummary:
    """A coder with how many codings they made; ``current`` marks who is coding now."""

    name: str
    uuid: str
    codings: int
    current: bool


class TeamOperations(FacadeBase):
    """Coders, merging, code merging, agreement and blind review (see ``fieldkit.team``)."""

    def coder_summaries(self) -> list[CoderSummary]:
        """Every coder of the project with their number of codings."""
        from fieldkit.storage.store import CodingFilter

        coders: list[Coder] = self.store.coders()
        current = self.coder.casefold()  # type: ignore[attr-defined]
        return [CoderSummary(c.name, c.uuid,
                             len(self.store.codings(CodingFilter(coder_id=c.id))),
                             c.name.casefold() == current) for c in coders]

    def merge(self, other_path: str | Path, progress: Progress | None = None) -> MergeSummary:
        """Bring in a colleague's copy of the project (a folder, or a REFI-QDA ``.qdpx``).

        Rows are matched by UUID; nothing is duplicated and merging twice changes nothing. A
        backup is taken first and the merge is one undo step. Conflicts are in the summary.
        """
        from fieldkit.team.merge import merge_project

        other = Path(other_path)
        if other.suffix.lower() == ".qdpx" and other.is_file():
            return self._merge_qdpx(other, progress)
        if not other.exists():
            raise BadInput(f"There is no project at {other}.")
        return merge_project(self, other, progress)  # type: ignore[arg-type]

    def _merge_qdpx(self, qdpx: Path, progress: Progress | None) -> MergeSummary:
        """Read the ``.qdpx`` into a temporary project (UUIDs kept) and merge that."""
        from fieldkit.project import Project
        from fieldkit.team.merge import merge_project

        import_qdpx = getattr(Project, "import_qdpx", None)
        if import_qdpx is None:
            raise BadInput("This fieldkit cannot read .qdpx files yet.")
        with tempfile.TemporaryDirectory(prefix="fieldkit-merge-") as tmp:
            folder = Path(tmp) / "incoming.fieldkit"
            import_qdpx(qdpx, folder).close()
            return merge_project(self, folder, progress,  # type: ignore[arg-type]
                                 source_name=qdpx.name)

    def merge_codes(self, source: int | str, target: int | str) -> int:
        """Merge code ``source`` into ``target``; returns how many codings moved to it.

        Codings by the same coder on the same span as one the target already has collapse into
        that one (they are not counted). One undo step.
        """
        from fieldkit.team.codes import merge_codes

        return merge_codes(self, self.store, source, target).moved  # type: ignore[arg-type]

    def agreement(self, coders: Sequence[str], *, codes: Sequence[int | str] | None = None,
                  threshold: float = 0.9, document_set: str | int | None = None,
                  time: bool = False) -> AgreementReport:
        """Intercoder agreement of two or more coders over all documents of the project, or
        over the documents of ``document_set`` (a set's name, short id or UUID).

        Character level: NVivo's kappa (per code × document, averaged weighted by document
        length, with the cells nobody coded counted beside it) and the pooled kappa and
        percentage of the summed counts; Krippendorff's alpha for all coders; segment level
        with Brennan–Prediger kappa as MAXQDA counts it (an agreeing pair once) at the overlap
        ``threshold``. Codes and documents in the report are short ids (see ``agreement_dict``).
        With ``time``: the same figures over the milliseconds of recordings (time codings).
        """
        from fieldkit.team.comparison import project_agreement

        if not 0.0 < threshold <= 1.0:
            raise BadInput(f"The overlap threshold must be above 0 and at most 1, not "
                           f"{threshold}.")
        documents = (None if document_set is None
                     else self.sets.members(document_set, "documents"))  # type: ignore[attr-defined]
        return project_agreement(self, coders, codes=codes,  # type: ignore[arg-type]
                                 threshold=threshold, documents=documents, time=time)

    def agreement_dict(self, report: AgreementReport) -> dict[str, Any]:
        """The report as JSON-ready data, with code paths and document titles added."""
        from fieldkit.team.comparison import report_dict

        return report_dict(self, report)  # type: ignore[arg-type]

    def disagreements(self, code: int | str, document: int | str | None,
                      coders: Sequence[str], threshold: float = 0.9) -> list[SideBySide]:
        """Each coder's segments of ``code`` side by side, one entry per document (all
        documents where one of them used the code when ``document`` is None)."""
        from fieldkit.team.comparison import side_by_side

        return side_by_side(self, code, document, coders, threshold)  # type: ignore[arg-type]

    def export_agreement_xlsx(self, report: AgreementReport, out: str | Path, *,
                              pseudonymise: bool = False,
                              terms: Mapping[str, str] | None = None,
                              warnings: list[str] | None = None) -> Path:
        """Write the agreement report to an xlsx ("Agreement" and "Segments" sheets); names
        replaced as in ``export_xlsx``."""
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.team.workbook import write_agreement

        masker = masker_for(self, pseudonymise, terms)  # type: ignore[arg-type]
        written = write_agreement(self, report, out, masker)  # type: ignore[arg-type]
        if warnings is not None:
            warnings.extend(masker.warnings())
        return written

    def export_blind_xlsx(self, coder: str, out: str | Path, *, pseudonymise: bool = False,
                          terms: Mapping[str, str] | None = None,
                          warnings: list[str] | None = None) -> Path:
        """Write only one coder's codings to an xlsx, for blind review (names replaced as in
        ``export_xlsx``)."""
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.team.workbook import write_blind_codings

        masker = masker_for(self, pseudonymise, terms)  # type: ignore[arg-type]
        written = write_blind_codings(self, coder, out, masker)  # type: ignore[arg-type]
        if warnings is not None:
            warnings.extend(masker.warnings())
        return written
