"""Subcommands for search."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this capability's subcommands (none yet)."""
