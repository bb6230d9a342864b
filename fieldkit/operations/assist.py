"""Facade operations for assist; mixed into ``Project``."""

from __future__ import annotations


class AssistOperations:
    """Operations for assist (see the issue that owns this capability)."""
