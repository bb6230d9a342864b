"""``fieldkit check``: integrity, foreign keys, codings inside their text, media files intact.

Checking is what one does with a project that may be damaged, so the check reports every
failure as a problem and never stops with an error of its own: a project that does not open
(someone else's database, one whose making was interrupted, a newer or a damaged one) is one
problem; a check that fails on a damaged database is another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import FieldkitError
from fieldkit.core.progress import Progress
from fieldkit.storage import failures, integrity, pdf_tables, sqlengine
from fieldkit.storage.mediastore import MISSING, MediaStore

if TYPE_CHECKING:
    from fieldkit.project import Problem, Project
    from fieldkit.storage.store import Store

def check_folder(path: str | Path, progress: Progress) -> list[Problem]:
    """Check the project at ``path``: a project that does not open is reported, not raised."""
    from fieldkit.project import Problem, Project

    try:
        project = Project.open(path, readonly=True)
    except FieldkitError as exc:
        return [Problem("error", str(exc))]
    except sqlengine.Error + (OSError,) as exc:
        return [Problem("error", str(failures.explain(exc)))]
    with project:
        return project.check(progress)


def _guarded(problems: list[Problem], what: str, step: Callable[[], Any]) -> None:
    """Run one part of the check; a database too damaged for it is itself the finding."""
    from fieldkit.project import Problem

    try:
        step()
    except sqlengine.Error + (UnicodeDecodeError,) as exc:
        problems.append(Problem("error", f"Database damage found while checking {what}: "
                                         f"{exc}."))


def check_project(project: Project, store: Store, progress: Progress) -> list[Problem]:
    """Every finding about the open ``project`` (whose rows ``store`` reads; ``Project.check``
    passes its own): damage, broken links, codings that no longer fit their text, media files
    missing or changed, and what interrupted work left behind."""
    problems: list[Problem] = []
    progress.start(9, "Checking")
    parts: list[tuple[str, Callable[[], Any]]] = [
        ("the database's integrity", lambda: _integrity(store, problems)),
        ("the links between rows", lambda: _links(store, problems)),
        ("the texts", lambda: _texts(store, problems)),
        ("the codings", lambda: _codings(store, problems)),
        ("the cases' parts", lambda: _case_parts(store, problems)),
        ("the pages of PDFs", lambda: _pdf_pages(store, problems)),
        ("the media files", lambda: _media(project, store, problems)),
        ("what interrupted work left", lambda: _leftovers(project, problems)),
    ]
    for what, part in parts:
        _guarded(problems, what, part)
        progress.step(what)
    _guarded(problems, "the search index", lambda: problems.extend(project.index.problems()))
    progress.step()
    return problems


def _integrity(store: Store, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    for message in integrity.integrity_messages(store):
        if message != "ok":
            problems.append(Problem("error", f"Database damage: {message}"))


def _links(store: Store, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    for table, key, target in integrity.broken_links(store):
        problems.append(Problem("error", f"Row {key} of {table} points at a missing {target} "
                                         "row."))


def _texts(store: Store, problems: list[Problem]) -> None:
    """Texts SQLite holds as bytes that are not UTF-8 (written by another tool, or damage)."""
    from fieldkit.project import Problem

    for key in integrity.texts_not_utf8(store):
        problems.append(Problem("error", f"Document {key} holds text that is not valid "
                                         "UTF-8 (damaged)."))


def _codings(store: Store, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    texts: dict[int, str] = {}
    for c in integrity.stored_spans(store):
        if c.start_ms is not None:
            # a time coding: its times must make a stretch; its text (if any) must fit
            if c.end_ms is None or not (0 <= c.start_ms < c.end_ms):
                problems.append(Problem(
                    "error", f"Coding {c.id} ({c.start_ms}–{c.end_ms} ms) is not a "
                             "stretch of time."))
            if c.start == c.end and 0 <= c.start <= c.chars:
                continue
        if c.orphaned:
            problems.append(Problem(
                "warning", f"Coding {c.id} lost its text in an edit (orphaned): "
                           f"\u201c{c.quote[:60]}\u201d."))
            continue
        if not (0 <= c.start < c.end <= c.chars):
            problems.append(Problem(
                "error", f"Coding {c.id} ({c.start}–{c.end}) lies outside the text "
                         f"of document {c.document_id}."))
            continue
        if c.document_id not in texts:  # the text of one document kept at a time
            texts = {c.document_id: integrity.document_text(store, c.document_id)}
        if texts[c.document_id][c.start:c.end] != c.quote:
            problems.append(Problem(
                "error", f"Coding {c.id} no longer matches its quoted words in document "
                         f"{c.document_id}."))


def _case_parts(store: Store, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    for case, doc, start, end, chars in integrity.case_parts_outside(store):
        problems.append(Problem("error", f"A part of case {case} ({start}–{end}) lies outside "
                                         f"the text of document {doc} ({chars} characters)."))


def _pdf_pages(store: Store, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    for doc, page, start, end, chars in pdf_tables.pages_outside(store):
        problems.append(Problem("error", f"Page {page} of document {doc} ({start}–{end}) lies "
                                         f"outside its text ({chars} characters) or before "
                                         "the page before it."))
    for coding, doc, page in pdf_tables.areas_off_pages(store):
        problems.append(Problem("error", f"Coding {coding} is an area of page {page} of "
                                         f"document {doc}, which has no such page."))


def _media(project: Project, store: Store, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    media = MediaStore(project.path)
    for m in store.all_media():
        path = media.path(m.sha256, m.filename)
        why = media.problem(m.sha256, m.filename)
        if why == MISSING:
            problems.append(Problem("error", f"Media file {m.filename} is missing ({path.name})."))
        elif why is not None:
            problems.append(Problem("error", f"Media file {m.filename} ({path.name}) is {why}; "
                                             "importing the original file again repairs it."))
    for path in project.unused_media():
        problems.append(Problem("warning", f"Media file {path.name} is used by no document "
                                           "(left by an interrupted import); `fieldkit check "
                                           "--fix` removes it."))


def leftovers(project: Project) -> list[Path]:
    """Files and folders killed work left that are provably fieldkit's and stale: half-written
    backups, build folders of this project whose builder is gone, and export temporaries no
    live fieldkit holds, in the project folder and the folder around it (unused media files
    are listed by ``project.unused_media``)."""
    from fieldkit.exporters.files import stale_temporaries
    from fieldkit.storage import backups, newfolder

    found = backups.leftovers(project.path) + newfolder.stale_builds(project.path)
    for folder in (project.path, project.path.parent):
        found += stale_temporaries(folder)
    return found


def fix(project: Project) -> list[Path]:
    """``check --fix``: remove unused media files and ``leftovers``; the project must be open
    for writing (its writer lock is what says no other fieldkit is writing a backup now)."""
    import shutil

    gone = project.remove_unused_media()
    for path in leftovers(project):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        gone.append(path)
    return gone


def _leftovers(project: Project, problems: list[Problem]) -> None:
    from fieldkit.project import Problem

    for path in leftovers(project):
        what = ("a half-written backup" if path.parent.name == "backups" else
                "a project build a killed command left" if path.is_dir() else
                "a temporary file a killed export left")
        problems.append(Problem("warning", f"{path.name} is {what}; `fieldkit check --fix` "
                                           "removes it."))
