"""``fieldkit check``: integrity, foreign keys, codings inside their text, media files intact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldkit.core.progress import Progress
from fieldkit.storage.mediastore import MediaStore

if TYPE_CHECKING:
    from fieldkit.project import Problem, Project

# Other packages (the search index) add their own checks here.
EXTRA_CHECKS: list = []


def check_project(project: Project, progress: Progress) -> list[Problem]:
    from fieldkit.project import Problem

    store = project.store
    problems: list[Problem] = []
    progress.start(4 + len(EXTRA_CHECKS), "Checking")
    for (message,) in store.rows("PRAGMA integrity_check"):
        if message != "ok":
            problems.append(Problem("error", f"Database damage: {message}"))
    progress.step("Database integrity")
    for r in store.rows("PRAGMA foreign_key_check"):
        problems.append(Problem("error", f"Row {r[1]} of {r[0]} points at a missing {r[2]} row."))
    progress.step("Links between rows")
    texts: dict[int, str] = {}
    for c in store.rows(
        "SELECT c.id, c.document_id, c.start, c.end, c.quote, c.orphaned, d.chars "
        "FROM codings c JOIN documents d ON d.id = c.document_id WHERE c.start IS NOT NULL"
    ):
        if c["orphaned"]:
            problems.append(Problem(
                "warning", f"Coding {c['id']} lost its text in an edit (orphaned): "
                           f"\u201c{c['quote'][:60]}\u201d."))
            continue
        if not (0 <= c["start"] < c["end"] <= c["chars"]):
            problems.append(Problem(
                "error", f"Coding {c['id']} ({c['start']}–{c['end']}) lies outside the text "
                         f"of document {c['document_id']}."))
            continue
        doc_id = c["document_id"]
        if doc_id not in texts:
            texts = {doc_id: store.value("SELECT text FROM documents WHERE id = ?", (doc_id,))}
        if texts[doc_id][c["start"]:c["end"]] != c["quote"]:
            problems.append(Problem(
                "error", f"Coding {c['id']} no longer matches its quoted words in document "
                         f"{doc_id}."))
    progress.step("Codings inside their text")
    media = MediaStore(project.path)
    for m in store.all_media():
        path = media.path(m.sha256, m.filename)
        if not path.is_file():
            problems.append(Problem("error", f"Media file {m.filename} is missing ({path.name})."))
        elif MediaStore.hash_file(path) != m.sha256:
            problems.append(Problem("error", f"Media file {m.filename} was changed on disk."))
    progress.step("Media files")
    for extra in EXTRA_CHECKS:
        problems.extend(extra(project))
        progress.step()
    return problems
