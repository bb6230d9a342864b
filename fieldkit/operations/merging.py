"""``project.merge``: a colleague's copy of the project brought in, and two codes made one.

The work lives in ``fieldkit.team.merge`` and ``fieldkit.team.codes`` (imported lazily, so
opening a project stays quick). Team work on a server is ``project.team``, not this.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput
from fieldkit.core.progress import Progress

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store
    from fieldkit.team.merge import MergeSummary


class Merging:
    """Merging projects (by UUID, repeatable) and merging codes."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    def project(self, other_path: str | Path,
                progress: Progress | None = None) -> MergeSummary:
        """Bring in a colleague's copy of the project (a folder, or a REFI-QDA ``.qdpx``).

        Rows are matched by UUID; nothing is duplicated and merging twice changes nothing. A
        backup is taken first and the merge is one undo step. Conflicts are in the summary.
        """
        from fieldkit.team.merge import merge_project

        other = Path(other_path)
        if other.suffix.lower() == ".qdpx" and other.is_file():
            return self._qdpx(other, progress)
        if not other.exists():
            raise BadInput(f"There is no project at {other}.")
        return merge_project(self._project, self._store, other, progress)

    def _qdpx(self, qdpx: Path, progress: Progress | None) -> MergeSummary:
        """Read the ``.qdpx`` into a temporary project (UUIDs kept) and merge that."""
        from fieldkit.operations.imports import project_from_qdpx
        from fieldkit.team.merge import merge_project

        with tempfile.TemporaryDirectory(prefix="fieldkit-merge-") as tmp:
            folder = Path(tmp) / "incoming.fieldkit"
            project_from_qdpx(qdpx, folder).close()
            return merge_project(self._project, self._store, folder, progress,
                                 source_name=qdpx.name)

    def codes(self, source: int | str, target: int | str) -> int:
        """Merge code ``source`` into ``target``; returns how many codings moved to it.

        Codings by the same coder on the same span as one the target already has collapse into
        that one (they are not counted). One undo step.
        """
        from fieldkit.team.codes import merge_codes

        return merge_codes(self._project, self._store, source, target).moved
