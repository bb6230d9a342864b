"""Messages of the core (``fieldkit.core.said``) in the interface's language.

A ``Said`` is translated by its template, and each value put into it is said in turn: a
``Said`` value by its own template, a condition that could not be read as the condition field
says it (``condition_message``); any other value (a name, a word the researcher typed) stays as
it is. A plain ``str`` is data, or a message without a template, and is shown as it is.
"""

from __future__ import annotations

from typing import Any

from fieldkit.core.errors import FieldkitError
from fieldkit.core.said import Said
from fieldkit.gui.i18n import tr


def say(message: Any) -> str:
    if isinstance(message, Said):
        if not message.values:
            return tr(message.template)
        values = {name: say(value) for name, value in message.values.items()}
        return tr(message.template).format(**values)
    if isinstance(message, FieldkitError):
        from fieldkit.gui.condition_field import condition_message

        return condition_message(message)
    return str(message)
