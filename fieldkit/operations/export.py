"""Facade operations for export; mixed into ``Project``."""

from __future__ import annotations


class ExportOperations:
    """Operations for export (see the issue that owns this capability)."""
