"""Guards for REFI-QDA files from elsewhere: hostile zip archives and hostile XML.

A ``.qdpx`` is a zip written by another program, so every entry name is checked (no ``../``, no
absolute or drive paths), the whole archive may not expand beyond ``MAX_TOTAL_BYTES`` and no
entry may be compressed more than ``MAX_RATIO``:1 (zip bombs). XML is parsed with defusedxml and
refused when it holds a DTD, entity declarations or external references. Every refusal is a
one-line ``BadInput`` naming the file; nothing is written before these checks pass.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from fieldkit.core.errors import BadInput

MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 100
# Entries smaller than this may compress very well (XML of repeated tags) and can do no harm.
RATIO_FLOOR = 64 * 1024


def _refuse(name: str, problem: str) -> BadInput:
    return BadInput(" ".join(f"{name}: {problem}".split()))


def safe_entry_name(entry: str) -> bool:
    """False for entry names that would escape the folder they are unpacked into."""
    normal = entry.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return False
    return ".." not in PurePosixPath(normal).parts


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """Open a REFI-QDA zip after checking every entry; BadInput names the first problem."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse(name, "not a REFI-QDA project (.qdpx is a zip archive; this one is "
                            "damaged or not a zip)") from None
    total = 0
    for info in infos:
        if not safe_entry_name(info.filename):
            raise _refuse(name, f"refused: the archive entry {info.filename!r} points outside "
                                "the archive (unsafe path)")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(name, "refused: the archive would expand to more than "
                                f"{MAX_TOTAL_BYTES // 1024 ** 3} GB (possible zip bomb)")
        if info.file_size > RATIO_FLOOR and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO
        ):
            raise _refuse(name, f"refused: the entry {info.filename!r} is compressed more than "
                                f"{MAX_RATIO}:1 (possible zip bomb)")
    return archive


def read_entry(archive: zipfile.ZipFile, entry: str, name: str) -> bytes:
    try:
        return archive.read(entry)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _refuse(name, f"the archive entry {entry!r} cannot be read ({exc})") from None


def parse_xml(data: bytes, name: str) -> Any:
    """Parse XML refusing DTDs, entities and external references (billion laughs, XXE)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in data.upper():
        raise _refuse(name, "refused: the XML declares a DTD or entities, which REFI-QDA files "
                            "never need (possible entity-expansion or external-entity attack)")
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise _refuse(name, "refused: the XML uses DTDs or entities (possible attack)") from None
    except Exception as exc:  # ParseError and friends: a damaged file
        raise _refuse(name, f"the XML cannot be read ({' '.join(str(exc).split())})") from None
