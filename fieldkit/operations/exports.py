"""``project.exports``: reports and exchange files written from a project.

Word reports of coded segments and annotated documents, Excel/CSV tables, REFI-QDA projects
(``.qdpx``) and codebooks (``.qdc``). Every export is written to a temporary file and renamed at
the end, so a failure leaves no half-written file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput
from fieldkit.core.progress import Progress

if TYPE_CHECKING:
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.operations.network_nodes import NetworkView
    from fieldkit.project import Project
    from fieldkit.storage.store import Store


class Exports:
    """Reports (Word, Excel, CSV) and exchange with other QDA tools (REFI-QDA)."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    # -- Word ------------------------------------------------------------------------------

    def docx(self, out: str | Path, *, codes: Sequence[str | int] | None = None,
                    coder: str | None = None, site: str | None = None,
                    pseudonymise: bool = False, terms: Mapping[str, str] | None = None,
                    annotated_document: str | int | None = None,
                    codings: Sequence[int] | None = None,
                    progress: Progress | None = None,
                    warnings: list[str] | None = None, charts: Sequence[str] = (),
                    by_case: bool = False, networks: Sequence[str | int] = ()) -> Path:
        """Coded segments per code as a Word report, or one annotated document.

        ``codes`` limits the report to those codes and their sub-codes, ``coder`` to one coder's
        codings, ``site`` to documents of one site. ``pseudonymise`` replaces participants' names
        (and the ``terms`` given, name → pseudonym) everywhere in the exported text.
        ``annotated_document`` instead writes that document's full text with each coding as a
        Word comment anchored on the coded words. ``codings`` (ids) reports exactly those
        codings, e.g. the segments shown in the coded-segments view. Names left in the text
        after replacing (a given name in lower case, a short name part) are added to
        ``warnings``. ``by_case`` groups the report by case: a part per case (by name) holding
        the sections of the codes with segments in it, then the segments in no case; a coding
        in two cases is in both (``project.analysis.coding_values``). ``networks`` (names or
        ids) are drawn in a section of their own, each with its links in words.
        """
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for

        target = check_target(out, ".docx")
        progress = progress or Progress.silent()
        masker = masker_for(self._project, pseudonymise, terms)
        views = [self._project.networks.show(ref) for ref in dict.fromkeys(networks)]
        with atomic_path(target) as tmp:
            if annotated_document is not None:
                from fieldkit.exporters.annotated import write_annotated

                write_annotated(self._project, self._project.document(annotated_document),
                                tmp, masker=masker,
                                coder=coder, progress=progress)
            else:
                from fieldkit.exporters.docx import Selection, write_report

                selection = Selection.build(self._project, codes=codes, coder=coder, site=site,
                                            codings=codings, by_case=by_case)
                write_report(self._project, selection, tmp, masker=masker, progress=progress,
                             charts=_report_charts(self._project, charts, coder, masker),
                             networks=_report_networks(views, masker))
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    # -- tables ----------------------------------------------------------------------------

    def xlsx(self, out: str | Path, progress: Progress | None = None,
                    *, codings: Sequence[int] | None = None, pseudonymise: bool = False,
                    terms: Mapping[str, str] | None = None,
                    warnings: list[str] | None = None) -> Path:
        """An Excel workbook: segments, codebook, counts, co-occurrence, ESM answers
        (``codings``: only those codings' segments and counts). ``pseudonymise`` and
        ``terms`` replace names in every cell, as in ``docx``; names left go to
        ``warnings``."""
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.tables import build_tables, mask_tables, write_xlsx

        target = check_target(out, ".xlsx")
        masker = masker_for(self._project, pseudonymise, terms)
        tables = build_tables(self._project, progress or Progress.silent(), codings, masker)
        tables = mask_tables(tables, masker)
        with atomic_path(target) as tmp:
            write_xlsx(tables, tmp, self._store.meta("created"))
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    def csv(self, outdir: str | Path,
                   progress: Progress | None = None, *, pseudonymise: bool = False,
                   terms: Mapping[str, str] | None = None,
                   warnings: list[str] | None = None) -> list[Path]:
        """The same tables as ``xlsx``, one UTF-8 CSV file each, in ``outdir`` (names
        replaced as there)."""
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.tables import build_tables, mask_tables, write_csv

        folder = Path(outdir)
        if folder.exists() and not folder.is_dir():
            raise BadInput(f"{folder} is a file; give a folder for the CSV files.")
        if not folder.parent.exists():
            raise BadInput(f"The folder {folder.parent} does not exist.")
        masker = masker_for(self._project, pseudonymise, terms)
        tables = build_tables(self._project, progress or Progress.silent(), None, masker)
        tables = mask_tables(tables, masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        existed = folder.exists()
        folder.mkdir(exist_ok=True)
        # All files are written in a hidden folder first and moved in together, so a full
        # disk leaves no partial CSV files.
        staging = Path(tempfile.mkdtemp(prefix=".fieldkit-csv-", dir=folder))
        try:
            written = write_csv(tables, staging)
            moved = [folder / path.name for path in written]
            for path, target in zip(written, moved, strict=True):
                os.replace(path, target)
            return moved
        except BaseException:
            if not existed:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    # -- REFI-QDA out ----------------------------------------------------------------------

    def qdpx(self, out: str | Path, progress: Progress | None = None,
                    *, pseudonymise: bool = False, terms: Mapping[str, str] | None = None,
                    warnings: list[str] | None = None) -> Path:
        """The whole project as a REFI-QDA ``.qdpx`` for ATLAS.ti, NVivo, MAXQDA, QualCoder.

        ``pseudonymise`` and ``terms`` replace names in every name, text and text file of the
        archive (positions of codings move with the text); names left go to ``warnings``."""
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.refi_writer import project_archive

        target = check_target(out, ".qdpx")
        masker = masker_for(self._project, pseudonymise, terms)
        with atomic_path(target) as tmp:
            project_archive(self._project, tmp, progress or Progress.silent(), masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    def codebook(self, path: str | Path, *, pseudonymise: bool = False,
                        terms: Mapping[str, str] | None = None,
                        warnings: list[str] | None = None) -> Path:
        """The codebook as a REFI-QDA ``.qdc`` file (names replaced as in ``qdpx``)."""
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.refi_writer import write_codebook

        target = check_target(path, ".qdc")
        masker = masker_for(self._project, pseudonymise, terms)
        with atomic_path(target) as tmp:
            write_codebook(self._project, tmp, masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

REPORT_CHARTS = {"sites": ("matrix", "site", "Codes by site"),
                 "months": ("matrix", "month", "Codes by month"),
                 "bars": ("bars", "site", "Code frequencies by site"),
                 "relations": ("relations", "site", "Code relations (overlapping segments)"),
                 "words": ("words", "site", "Most frequent words")}


def _report_networks(views: Sequence[NetworkView], masker: Pseudonymiser
                     ) -> list[tuple[str, bytes, list[str]]]:
    """(title, PNG, links in words) of each network, names replaced before drawing."""
    from fieldkit.exporters.network_chart import report_section

    found = []
    for view in views:
        with masker.at(f"the network '{view.network.name}'"):
            found.append(report_section(view, masker))
    return found


def _report_charts(project: Project, names: Sequence[str], coder: str | None,
                   masker: Pseudonymiser) -> list[tuple[str, bytes]]:
    """(title, PNG) of each chart named, every label replaced by ``masker`` before drawing."""
    unknown = [n for n in names if n not in REPORT_CHARTS]
    if unknown:
        raise BadInput(f"Unknown chart '{unknown[0]}'; use {', '.join(REPORT_CHARTS)}.")
    found = []
    for name in dict.fromkeys(names):
        kind, columns, title = REPORT_CHARTS[name]
        with masker.at(f"the chart '{title}'"):
            chart = project.analysis.chart(kind, columns=columns, coder=coder, mask=masker)
        found.append((title, chart.png()))
    return found


