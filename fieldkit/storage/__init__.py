"""The project database: the only package that speaks SQL."""

from fieldkit.storage.store import Store

__all__ = ["Store"]
