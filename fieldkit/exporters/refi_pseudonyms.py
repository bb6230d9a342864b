"""Pseudonyms in a REFI-QDA project: every name, text and text file of the archive, replaced.

The project's XML is built first, then passed through the pseudonymiser as a whole: every
attribute that holds words (names of sources, codes, users, cases, sets, variables, selections)
and every text (descriptions, notes, variable values, inline texts), and each source's text file
in ``sources/``. A replacement changes the length of a text, so the positions that count in it
move with it: a selection's ``startPosition``/``endPosition`` in its source's text, and a
transcript's sync points. A selection named after its quote gets the replaced quote, not a
replaced first 60 characters (which could cut a name in half and leave its start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldkit.exporters.pseudonyms import Moves as _Moves
from fieldkit.exporters.pseudonyms import Pseudonymiser

if TYPE_CHECKING:
    from fieldkit.exporters.files import StoredMedia

# Attributes that hold identifiers, times, positions or colours: never words.
_KEEP = frozenset({"guid", "targetGUID", "creatingUser", "creatingUserGUID", "creationDateTime",
                   "modifiedDateTime", "path", "plainTextPath", "startPosition", "endPosition",
                   "firstX", "firstY", "secondX", "secondY", "begin", "end", "timeStamp",
                   "position", "fromSyncPoint", "toSyncPoint", "isCodable", "color",
                   "typeOfVariable", "origin", "currentPath", "basePath", "page",
                   # a network's vertices and edges: what they point at and how they are drawn
                   "representedGUID", "sourceVertex", "targetVertex", "originGUID",
                   "direction", "lineStyle", "shape"})
_TEXT_FILE = "internal://"


def pseudonymise_archive(root: Any, files: list[tuple[str, StoredMedia | bytes]],
                         masker: Pseudonymiser) -> None:
    """Replace names in the project XML ``root`` and the text files among ``files`` (in
    place), moving every position that counts in a replaced text."""
    titles = {"sources/" + e.get("plainTextPath")[len(_TEXT_FILE):]: e.get("name") or ""
              for e in root.iter() if (e.get("plainTextPath") or "").startswith(_TEXT_FILE)}
    texts: dict[str, tuple[str, str, _Moves]] = {}  # file name → (text, replaced, moves)
    for index, (name, data) in enumerate(files):
        if isinstance(data, bytes) and name.startswith("sources/") and name.endswith(".txt"):
            text = data.decode("utf-8")
            with masker.at(f"the text of '{titles.get(name, name)}'"):
                replaced, spans = masker.replace(text)
            texts[name] = (text, replaced, _Moves(spans))
            files[index] = (name, replaced.encode("utf-8"))
    inline: dict[Any, tuple[str, str, _Moves]] = {}
    for content in root.iter("{*}PlainTextContent"):
        holder = content.getparent()
        with masker.at(f"{_local(holder.tag)} '{holder.get('name') or ''}'"):
            text = content.text or ""
            replaced, spans = masker.replace(text)
        content.text = replaced
        inline[holder] = (text, replaced, _Moves(spans))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        own = _own_text(element, texts, inline)
        name = element.get("name")
        with masker.at(f"{tag} '{name}'" if name else tag):
            for key, value in element.attrib.items():
                if key not in _KEEP:
                    element.set(key, masker(value))
            if tag != "PlainTextContent" and element.text and element.text.strip():
                element.text = masker(element.text)
        if own is not None:
            _move_positions(element, tag, own, name)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _own_text(element: Any, texts: dict[str, tuple[str, str, _Moves]],
              inline: dict[Any, tuple[str, str, _Moves]]) -> tuple[str, str, _Moves] | None:
    """The text a selection or sync point counts in: its parent's text file or inline text."""
    tag = _local(element.tag)
    if tag not in ("PlainTextSelection", "SyncPoint"):
        return None
    parent = element.getparent()
    if parent in inline:
        return inline[parent]
    path = parent.get("plainTextPath") or ""
    if path.startswith(_TEXT_FILE):
        return texts.get("sources/" + path[len(_TEXT_FILE):])
    return None


def _move_positions(element: Any, tag: str, own: tuple[str, str, _Moves],
                    name: str | None) -> None:
    text, replaced, moves = own
    if tag == "SyncPoint":
        position = element.get("position")
        if position is not None and position.isdigit():
            element.set("position", str(moves(int(position))))
        return
    start, end = element.get("startPosition"), element.get("endPosition")
    if start is None or end is None or not start.isdigit() or not end.isdigit():
        return
    old_start, old_end = int(start), int(end)
    new_start, new_end = moves(old_start), moves(old_end, end=True)
    element.set("startPosition", str(new_start))
    element.set("endPosition", str(new_end))
    # the name was the quote's first 60 characters: the replaced quote's, not a cut name
    quote = replaced[new_start:new_end][:60]
    if quote and name is not None and text[old_start:old_end][:60] == name:
        element.set("name", quote)
