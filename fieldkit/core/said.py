"""Messages that an interface can say in its own language.

The core writes its messages in English. Where a message reaches the window (a search's note:
"No speaker matches 'operator', so nothing was found."), it is a ``Said``: a ``str`` with the
English text, which also keeps the template it was made from and the values put into it. The
window translates the template and puts the values (translated in turn when they are ``Said``
themselves) into the translation (``fieldkit.gui.said.say``); the command line and the JSON
output use the English text as they always did.

Templates use ``str.format`` fields by name: ``Said("No {name} matches {shown}.", name=...)``.
A list of any length is built from one template (``either``: "'a' or 'b' or 'c'"), so one
translation serves every length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Said(str):
    """English text that remembers its ``template`` and ``values``."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Said:
        made = super().__new__(cls, template.format(**values) if values else template)
        made.template = template
        made.values = values
        return made


def quoted(value: str) -> Said:
    return Said("'{value}'", value=value)


def either(values: Sequence[str]) -> str:
    """'a' or 'b' or 'c' (each value quoted)."""
    return _listed([quoted(v) for v in values], "{first} or {rest}")


def each(values: Sequence[str]) -> str:
    """'a' and 'b' and 'c' (each value quoted)."""
    return _listed([quoted(v) for v in values], "{first} and {rest}")


def _listed(items: list[Said], template: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return Said(template, first=items[0], rest=_listed(items[1:], template))


def joined(parts: Sequence[str]) -> str | None:
    """Sentences one after another (None for none), each still translatable."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return Said("{first} {rest}", first=parts[0], rest=joined(parts[1:]))


__all__ = ["Said", "each", "either", "joined", "quoted"]
