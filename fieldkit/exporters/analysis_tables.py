"""Analysis results as spreadsheets: a matrix laid out as on screen, or a list of segments."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from fieldkit.exporters.files import atomic_path, check_target
from fieldkit.exporters.tables import Replaced, mask_tables, write_xlsx

if TYPE_CHECKING:
    from fieldkit.analysis.words import Keyness, WordList
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.operations.analysis import Matrix, Relations, Segment
    from fieldkit.project import Project


def relations_frames(found: Relations) -> dict[str, pd.DataFrame]:
    paths = [c.path for c in found.codes]
    counts = pd.DataFrame(found.counts, columns=paths)
    counts.insert(0, "Code", paths)
    coefficients = pd.DataFrame(found.coefficients, columns=paths)
    coefficients.insert(0, "Code", paths)
    mode = found.mode if found.distance is None else f"{found.mode} {found.distance}"
    return {f"Relations ({mode})": counts, found.coefficient: coefficients}


def matrix_frames(found: Matrix) -> dict[str, pd.DataFrame]:
    frame = pd.DataFrame(found.values, columns=found.columns)
    frame.insert(0, "Code", [c.path for c in found.codes])
    title = f"{found.measure} by {found.variable.replace(':', ' ')}"
    return {title + (" (%)" if found.percent else ""): frame}


def segment_frames(found: list[Segment], project: Project | None = None,
                   masker: Pseudonymiser | None = None) -> dict[str, pd.DataFrame]:
    """The segments as a sheet; with ``masker`` (and ``project``) each text is cut from its
    document's replaced text, so a segment that starts or ends inside a name shows the
    pseudonym, not half the name (``write`` replaces the rest)."""
    texts: dict[int, str] = {}

    def text(s: Segment) -> str:
        if not masker or project is None:
            return s.text
        if s.document_id not in texts:  # each document read once
            texts[s.document_id] = project.document(s.document_id).text
        whole = texts[s.document_id]
        if whole[s.start:s.end] != s.text:
            return s.text
        with masker.at("table 'Segments'"):
            return Replaced(masker.excerpt(whole, s.start, s.end))

    rows: list[dict[str, Any]] = [{
        "Document id": s.document_id, "Document": s.document, "Start": s.start, "End": s.end,
        "Code": s.code or "", "Coder": s.coder or "", "Text": text(s)} for s in found]
    return {"Segments": pd.DataFrame(rows, columns=["Document id", "Document", "Start", "End",
                                                    "Code", "Coder", "Text"])}


def write(frames: dict[str, pd.DataFrame], out: str | Path, created: str,
          masker: Pseudonymiser | None = None) -> Path:
    """Write the sheets to ``out`` (.xlsx) all or nothing; ``masker`` replaces names in every
    cell, column and sheet name."""
    target = check_target(out, ".xlsx")
    if masker is not None:
        frames = mask_tables(frames, masker)
    with atomic_path(target) as tmp:
        write_xlsx(frames, tmp, created)
    return target


def word_frames(found: WordList | Keyness,
                masker: Pseudonymiser | None = None) -> dict[str, pd.DataFrame]:
    """A word list or a comparison as a sheet; a word that is a participant's name is replaced
    as the name would be (``masked_word``), whole and in the variants."""
    from fieldkit.analysis.words import WordList
    from fieldkit.exporters.pseudonyms import masked_word

    def word(w: str) -> Replaced:
        return Replaced(masked_word(w, masker))

    def variants(forms: list[tuple[str, int]]) -> Replaced:
        return Replaced(", ".join(f"{masked_word(f, masker)} ({n})" for f, n in forms))

    if isinstance(found, WordList):
        rows = [{"Word": word(r.word), "Count": r.count, "Documents": r.documents,
                 "Share of documents": round(r.share, 4), "Variants": variants(r.variants)}
                for r in found.rows]
        return {"Words": pd.DataFrame(rows, columns=["Word", "Count", "Documents",
                                                      "Share of documents", "Variants"])}
    columns = ["Word", f"Count in {found.label_a}", f"Count in {found.label_b}",
               "Log-likelihood", "More in", "Variants"]
    rows = [dict(zip(columns, [word(r.word), r.count_a, r.count_b,
                               round(r.log_likelihood, 4),
                               found.label_a if r.more_in == "A" else found.label_b,
                               variants(r.variants)], strict=True)) for r in found.rows]
    return {"Keyness": pd.DataFrame(rows, columns=columns)}
