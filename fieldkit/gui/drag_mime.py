"""What is dragged between the app's views: coded segments (from the Coded segments view) and
memos (from the Memos list), as lists of ids under fieldkit's own mime types. Codes travel under
the codebook's type (``codebook_model.CODE_MIME``). The network editor takes all three.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData

SEGMENT_MIME = "application/x-fieldkit-codings"
MEMO_MIME = "application/x-fieldkit-memos"


def ids_mime(mime_type: str, ids: list[int], text: str = "") -> QMimeData:
    """A drag of ``ids`` under ``mime_type`` (``text`` for other programs)."""
    data = QMimeData()
    data.setData(mime_type, QByteArray(",".join(map(str, ids)).encode()))
    if text:
        data.setText(text)
    return data


def ids_from_mime(data: QMimeData, mime_type: str) -> list[int]:
    """The ids a drag carries under ``mime_type`` (none: an empty list)."""
    if not data.hasFormat(mime_type):
        return []
    raw = bytes(data.data(mime_type).data()).decode()
    return [int(x) for x in raw.split(",") if x.strip().isdecimal()]
