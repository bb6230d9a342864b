"""The pseudonym options of the app's quick export buttons: one choice per project.

The export dialog (File → Export…) is where the options are set, as on the command line. The
quick exports elsewhere — the coded-segments panel's Word and Excel buttons, the coding query's,
the memo trail, a chart saved from the analysis window — follow the choice made there last (in
this session); before any, they replace participants' names whenever the project keeps real
names, as the dialog would start. The choice lives in memory only: other names typed are real
names and are never written to the settings file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from fieldkit.exporters.pseudonyms import (
    Pseudonymiser,
    has_real_names,
    leftover_places,
    masker_for,
)
from fieldkit.gui.i18n import tr

# project folder → (replace participants' names, other names as typed "Name=Pseudonym; …")
LAST_CHOICE: dict[str, tuple[bool, str]] = {}


def remember(project: Any, pseudonymise: bool, terms: str) -> None:
    LAST_CHOICE[str(project.path)] = (pseudonymise, terms)


def last_terms(project: Any) -> str:
    return LAST_CHOICE.get(str(project.path), (False, ""))[1]


def choice(project: Any) -> dict[str, Any]:
    """The export methods' keyword arguments: ``pseudonymise`` and ``terms``."""
    from fieldkit.gui.export_dialog import parse_terms

    if str(project.path) in LAST_CHOICE:
        pseudonymise, typed = LAST_CHOICE[str(project.path)]
        terms = parse_terms(typed)
        return {"pseudonymise": pseudonymise or bool(terms), "terms": terms}
    return {"pseudonymise": has_real_names(project), "terms": {}}


def masker(project: Any) -> Pseudonymiser:
    """The pseudonymiser of the current choice (one that replaces nothing without one)."""
    return masker_for(project, **choice(project))


def warn_left(parent: QWidget, out: Any, warnings: list[str]) -> None:
    """Say which names are still in the file ``out`` (nothing when none are)."""
    if not warnings:
        return
    found = leftover_places(warnings)
    names = ", ".join(word for word, _ in found)
    places = "; ".join(f"{word}: {', '.join(where)}" for word, where in found if where)
    text = tr("These names are still in {0}: {1}. They were not replaced (written in lower "
              "case, too short, or not known as a name); check the document before sharing "
              "it.").format(out, names)
    if places:
        text += "\n\n" + tr("Where: {0}.").format(places)
    QMessageBox.warning(parent, tr("Names left in the export"), text)
