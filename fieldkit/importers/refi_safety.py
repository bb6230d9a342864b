"""Guards for REFI-QDA files from elsewhere: hostile zip archives and hostile XML.

A ``.qdpx`` is a zip written by another program, so every entry name is checked (no ``../``, no
absolute or drive paths), the whole archive may not expand beyond ``MAX_TOTAL_BYTES`` and no
entry may be compressed more than ``MAX_ZIP_RATIO``:1 (zip bombs; the importers' one zip guard,
``common.checked_zip``). XML is parsed with defusedxml and refused when it holds a DTD, entity
declarations or external references. Every refusal is a one-line ``BadInput`` naming the file;
nothing is written before these checks pass.
"""

from __future__ import annotations

import zipfile
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from fieldkit.importers.common import bad, checked_zip

MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
# Entries smaller than this may compress very well (XML of repeated tags) and can do no harm.
RATIO_FLOOR = 64 * 1024


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """Open a REFI-QDA zip after checking every entry; BadInput names the first problem."""
    return checked_zip(data, name, damaged="not a REFI-QDA project (.qdpx is a zip archive; "
                                           "this one is damaged or not a zip)",
                       entry="the entry", total_limit=MAX_TOTAL_BYTES, ratio_floor=RATIO_FLOOR,
                       safe_names=True)


def read_entry(archive: zipfile.ZipFile, entry: str, name: str) -> bytes:
    try:
        return archive.read(entry)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise bad(name, f"the archive entry {entry!r} cannot be read ({exc})") from None


def parse_xml(data: bytes, name: str, what: str = "REFI-QDA files") -> Any:
    """Parse XML refusing DTDs, entities and external references (billion laughs, XXE);
    ``what`` names the files that never need them, in the message."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in data.upper():
        raise bad(name, f"refused: the XML declares a DTD or entities, which {what} "
                        "never need (possible entity-expansion or external-entity attack)")
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise bad(name, "refused: the XML uses DTDs or entities (possible attack)") from None
    except Exception as exc:  # ParseError and friends: a damaged file
        raise bad(name, f"the XML cannot be read ({' '.join(str(exc).split())})") from None
