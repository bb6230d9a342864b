"""Undo/redo labels and progress messages in the interface language.

The change log keeps each step's label in English, the source language, with its details
(a code's path, a document's title) written in; the facade reports progress in English too.
Shown, a label is matched against the English templates below and translated then, so
switching language relabels Undo, Redo and "Last change" at once, for steps made before the
switch and in earlier sessions too, and a progress dialog speaks the interface language.
"""

from __future__ import annotations

import re
from functools import cache

from fieldkit.gui.i18n import tr

# more specific templates before the general ones they would also match
TEMPLATES = (
    # cases and attributes (the Cases pane, the classification sheet)
    "Set {0} of {1}", "Set {0} values", "Paste {0} values", "Clear {0} values",
    "Define attribute {0}", "Change attribute {0}", "Delete attribute {0}",
    "Rename case {0}", "Delete case {0}", "Make cases from participants",
    "Import attributes from {0}",
    # networks (the Networks tab of the Analysis window)
    "New network {0}", "Delete network {0}", "Change network", "Add to network {0}",
    "Add to network", "Move in network", "Lay out network", "Link in network {0}",
    "Link in network", "Link codes",
    "Unlink codes", "Unlink in network", "Remove from network", "Change network note",
    "New relation {0}", "Change relation", "Delete relation {0}",
    "Code with {0} codes", "Code with {0}", "In vivo code {0}", "Code photo region with {0}",
    "Code area of page {0} with {1}",
    "Code the hits of \u201c{0}\u201d as {1}", "Merge code {0} into {1}", "Merge {0} into {1}",
    "Accept suggestion {0}", "Accept {0} suggestions", "Import {0} documents",
    "Import codebook {0}", "Import survey {0}", "Import {0}", "Add code {0}", "Add coder {0}",
    "Add site {0}",
    "Add visit {0}", "Add participant {0}", "Add case {0}", "Add fieldnote {0}",
    "Add transcript {0}", "Add photo {0}", "Add pdf {0}", "Add memo {0}", "Add esm {0}",
    "Add text {0}",
    "New note {0}", "New set {0}", "Delete set {0}", "Save search {0}", "Edit {0}",
    "Delete {0}", "Merge {0}", "Release {0}", "Add to set",
    "Move code", "Remove coding", "Edit document", "Edit coding", "Edit code",
    "Delete saved search", "Delete code", "Apply code", "Add to case", "Add media",
    "Transcribe {0}",
)
PROGRESS = (
    "Reading files", "Read {0}", "Storing documents", "Stored {0}", "Stored the codebook",
    "Indexing texts", "{0} of {1} texts", "Reading codings", "Read the codings",
    "Read the uncoded sentences", "Turned the text into features", "Learned {0}",
    "Calibrated the confidences", "Suggesting codes for every document", "Suggesting codes for {0}",
    "Suggesting codes", "Coding hits", "Done", "Saved", "Merging {0}", "Building tables",
    "Writing the archive", "Document {0}", "Gathered codings",
    "Receiving changes", "Sending changes", "Synced", "Sending media files", "Sent the project",
    "Receiving the project", "Receiving media files", "Loading the speech model",
    "Transcribing", "{0} of {1}, about {2} left",
)


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for template in (*TEMPLATES, *PROGRESS):
        parts = re.split(r"(\{\d\})", template)
        regex = "".join("(.+)" if re.fullmatch(r"\{\d\}", p) else re.escape(p) for p in parts)
        out.append((re.compile(f"^{regex}$", re.DOTALL), template))
    return out


def shown(label: str) -> str:
    """``label`` (as kept in the change log) in the interface language."""
    for pattern, template in _patterns():
        found = pattern.match(label)
        if found:
            return tr(template).format(*found.groups())
    return label
