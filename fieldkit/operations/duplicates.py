"""Which files of an import are already in the project: duplicates are found by content.

A file is a duplicate when every document it reads is already there: a photo or recording by
the sha256 of its bytes (the name of its media file), a text by its text after newlines are
normalised (compared whole, found by its length). So the same bytes under another name are a
duplicate, and a changed file under the same name is not. A file earlier in the same import
counts as "there" too. A file that reads no text and no media (nothing to compare) is never one.
A recording is a duplicate only when its transcript (if it has one) is one as well, so a
corrected transcript beside the same recording is imported.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.model import Duplicate, ImportedDocument
from fieldkit.core.names import document_title

if TYPE_CHECKING:
    from fieldkit.operations.recordings import PreparedRecording
    from fieldkit.storage.store import Store

Key = tuple[str, str]  # ("media", sha256) or ("text", the text)


class DuplicateFinder:
    """Answers "is this file already here?" for the files of one import, in the order given."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._earlier: dict[Key, str] = {}  # content of files earlier in this import → title
        # media files of duplicates that are already stored: (sha256, the bytes or the file,
        # a thumbnail), so skipping one still repairs a damaged stored copy
        self.media: list[tuple[str, bytes | Path, bytes | None]] = []

    def of_file(self, path: Path | str, docs: list[ImportedDocument]) -> Duplicate | None:
        """The duplicate ``path`` is (naming the first document it repeats), or None."""
        keys = [_key(doc) for doc in docs]
        same = self._judge(path, [(k, document_title(d.title)) for k, d in
                                  zip(keys, docs, strict=True)])
        if same is not None and same.document_id is not None:
            self.media += [(key[1], doc.media.data, doc.media.thumbnail)
                           for key, doc in zip(keys, docs, strict=True)
                           if key is not None and doc.media is not None]
        return same

    def of_recording(self, item: PreparedRecording) -> Duplicate | None:
        """The duplicate a prepared recording (and its transcript) is, or None."""
        with open(item.path, "rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
        parts: list[tuple[Key | None, str]] = [(("media", sha), document_title(item.path.stem))]
        if item.transcript is not None:
            parts.append((_key(item.transcript), document_title(item.transcript.title)))
        same = self._judge(item.path, parts)
        if same is not None and same.document_id is not None:
            self.media.append((sha, item.path, None))
        return same

    def _judge(self, path: Path | str, parts: list[tuple[Key | None, str]]) -> Duplicate | None:
        matches = [self._match(key) if key is not None else None for key, _ in parts]
        for key, title in parts:
            if key is not None:
                self._earlier.setdefault(key, title)
        first = matches[0] if matches else None
        if first is None or any(m is None for m in matches):
            return None
        return Duplicate(str(path), first[1], first[0])

    def _match(self, key: Key) -> tuple[int | None, str] | None:
        kind, value = key
        found = (self._store.documents_of_media(value) if kind == "media"
                 else self._store.documents_with_text(value))
        if found:
            return found[0]
        if key in self._earlier:
            return None, self._earlier[key]
        return None


def _key(doc: ImportedDocument) -> Key | None:
    """What a document is compared by: its media file's bytes, else its text (if any)."""
    from fieldkit.core.text import normalise_newlines

    if doc.media is not None:
        return "media", hashlib.sha256(doc.media.data).hexdigest()
    text = normalise_newlines(doc.text)
    return ("text", text) if text.strip() else None
