"""The project database: the only package that speaks SQL (the search engine's own query SQL
lives in ``fieldkit.index``, declared). It sits below the engines and the facade and imports
neither (the import contracts in ``pyproject.toml`` check it; docs/architecture.md)."""

from fieldkit.storage.store import Store

__all__ = ["Store"]
