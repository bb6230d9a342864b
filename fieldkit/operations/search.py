"""Facade operations for search; mixed into ``Project``."""

from __future__ import annotations


class SearchOperations:
    """Operations for search (see the issue that owns this capability)."""
