"""What every operations mixin may rely on from the facade."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldkit.core.model import Coder
    from fieldkit.storage.store import Store


class FacadeBase:
    """Attributes set by ``Project``; declared here so mixins type-check."""

    path: Path
    store: Store

    if TYPE_CHECKING:

        def find_coder(self, name: str) -> Coder: ...
