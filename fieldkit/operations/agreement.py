"""``project.agreement``: intercoder agreement, disagreements side by side and blind review.

The comparison lives in ``fieldkit.team.comparison`` (imported lazily, so opening a project
stays quick); the agreement maths in ``fieldkit.core.agreement``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.core.agreement import AgreementReport
    from fieldkit.project import Project
    from fieldkit.storage.store import Store
    from fieldkit.team.comparison import SideBySide


class Agreement:
    """How far coders agree, where they differ, and one coder's work for blind review."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    def report(self, coders: Sequence[str], *, codes: Sequence[int | str] | None = None,
               threshold: float = 0.9, document_set: str | int | None = None,
               time: bool = False) -> AgreementReport:
        """Intercoder agreement of two or more coders over all documents of the project, or
        over the documents of ``document_set`` (a set's name, short id or UUID).

        Character level: NVivo's kappa (per code × document, averaged weighted by document
        length, with the cells nobody coded counted beside it) and the pooled kappa and
        percentage of the summed counts; Krippendorff's alpha for all coders; segment level
        with Brennan–Prediger kappa as MAXQDA counts it (an agreeing pair once) at the overlap
        ``threshold``. Codes and documents in the report are short ids (see ``as_dict``).
        With ``time``: the same figures over the milliseconds of recordings (time codings).
        """
        from fieldkit.team.comparison import project_agreement

        if not 0.0 < threshold <= 1.0:
            raise BadInput(f"The overlap threshold must be above 0 and at most 1, not "
                           f"{threshold}.")
        documents = (None if document_set is None
                     else self._project.sets.members(document_set, "documents"))
        return project_agreement(self._project, coders, codes=codes, threshold=threshold,
                                 documents=documents, time=time)

    def as_dict(self, report: AgreementReport) -> dict[str, Any]:
        """The report as JSON-ready data, with code paths and document titles added."""
        from fieldkit.team.comparison import report_dict

        return report_dict(self._project, report)

    def disagreements(self, code: int | str, document: int | str | None,
                      coders: Sequence[str], threshold: float = 0.9) -> list[SideBySide]:
        """Each coder's segments of ``code`` side by side, one entry per document (all
        documents where one of them used the code when ``document`` is None)."""
        from fieldkit.team.comparison import side_by_side

        return side_by_side(self._project, code, document, coders, threshold)

    def export_xlsx(self, report: AgreementReport, out: str | Path, *,
                    pseudonymise: bool = False, terms: Mapping[str, str] | None = None,
                    warnings: list[str] | None = None) -> Path:
        """Write the agreement report to an xlsx ("Agreement" and "Segments" sheets); names
        replaced as in ``project.exports.xlsx``."""
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.team.workbook import write_agreement

        masker = masker_for(self._project, pseudonymise, terms)
        written = write_agreement(self._project, report, out, masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        return written

    def export_blind_xlsx(self, coder: str, out: str | Path, *, pseudonymise: bool = False,
                          terms: Mapping[str, str] | None = None,
                          warnings: list[str] | None = None) -> Path:
        """Write only one coder's codings to an xlsx, for blind review (names replaced as in
        ``project.exports.xlsx``)."""
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.team.workbook import write_blind_codings

        masker = masker_for(self._project, pseudonymise, terms)
        written = write_blind_codings(self._project, coder, out, masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        return written
