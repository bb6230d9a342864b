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

    def groups(self, by: str) -> list[tuple[str, list[int]]]:
        """The documents of each group, in the groups' order: ``by="case"`` one group per case
        (the documents in it and those holding a part of it), ``by="attribute:NAME"`` one per
        value (the documents with a context giving it: their own value, a case's, their
        participant's — see ``fieldkit.analysis.attribute_facts``; a document of two cases with
        different values is in both groups)."""
        from fieldkit.analysis.attribute_facts import AttributeFacts
        from fieldkit.core.attributes import display

        facts = AttributeFacts.load(self._store)
        found: dict[str, set[int]] = {}
        if by == "case":
            names = facts.case_names
            for case, doc in (facts.links[:, :2].tolist()
                              + facts.parts[:, [0, 1]].tolist()):
                found.setdefault(names[case], set()).add(doc)
            order = sorted(found, key=str.casefold)
        elif by.startswith("attribute:") and by.split(":", 1)[1].strip():
            name = by.split(":", 1)[1].strip()
            for doc, case in facts.document_contexts():
                value = facts.value(doc, case, name)
                if value is not None:
                    found.setdefault(display(value), set()).add(doc)
            order = sorted(found, key=_natural)
        else:
            raise BadInput(f"Group agreement by case or attribute:NAME, not '{by}'.")
        return [(label, sorted(found[label])) for label in order]

    def report_by(self, coders: Sequence[str], by: str, *,
                  codes: Sequence[int | str] | None = None, threshold: float = 0.9,
                  document_set: str | int | None = None
                  ) -> list[tuple[str, list[int], AgreementReport]]:
        """``report`` for each group of ``groups(by)`` alone (kept to ``document_set``'s
        documents when one is named): (group, its documents, the report over them)."""
        from fieldkit.team.comparison import project_agreement

        if not 0.0 < threshold <= 1.0:
            raise BadInput(f"The overlap threshold must be above 0 and at most 1, not "
                           f"{threshold}.")
        allowed = (None if document_set is None
                   else set(self._project.sets.members(document_set, "documents")))
        found = []
        for label, docs in self.groups(by):
            kept = [d for d in docs if allowed is None or d in allowed]
            if kept:
                found.append((label, kept, project_agreement(
                    self._project, coders, codes=codes, threshold=threshold, documents=kept)))
        if not found:
            raise BadInput(f"No document has a {by.replace('attribute:', '')} to group by"
                           + (" in that set." if allowed is not None else "."))
        return found

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


def _natural(text: str) -> tuple[int, float, str]:
    try:
        return 0, float(text), ""
    except ValueError:
        return 1, 0.0, text.casefold()
