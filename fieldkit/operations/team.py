"""Facade operations for team; mixed into ``Project``."""

from __future__ import annotations


class TeamOperations:
    """Operations for team (see the issue that owns this capability)."""
