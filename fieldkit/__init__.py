"""fieldkit: qualitative field research on the shop floor — capture, code, search, agree, export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from fieldkit.project import Project

__all__ = ["Project", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily so `fieldkit --version` stays instant.
    if name == "Project":
        from fieldkit.project import Project

        return Project
    raise AttributeError(name)
