"""Photos in a pseudonymised export, without what their files say about people and places.

A camera or phone writes more than pixels into a photo: the photographer (EXIF ``Artist``,
``XPAuthor``), descriptions and comments (``ImageDescription``, ``UserComment``,
``XPComment``, JPEG comments), the GPS position of the plant, maker notes, XMP and IPTC blocks,
PNG text chunks, trailers after the image. A pseudonymised export passes on none of it:

- JPEG: the segment list is rewritten without re-encoding (the compressed image data is copied
  byte for byte): every APP segment goes except JFIF (APP0), the ICC colour profile (APP2) and
  Adobe's colour transform (APP14), which the decoder needs; comments go, and so does whatever
  follows the end of the image (a second MPO picture, a vendor trailer).
- PNG: text (``tEXt``, ``zTXt``, ``iTXt``, which also carry XMP), ``eXIf``, ``tIME`` and every
  chunk not known to describe pixels or colour are left out; the image data is copied as it is.
- Any other format (HEIC): decoded and written again by Pillow with the orientation applied and
  nothing but the pixels and the colour profile, losslessly where the format allows.

Regions are coded on the photo as people see it (orientation applied), so the orientation
stays: JPEG and PNG keep it as the one EXIF tag left, ``Orientation``. The stored file is
verified by its hash before it is stripped (``files.StoredMedia``); a not-pseudonymised export
packs the imported bytes unchanged.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from typing import Any

from PIL import Image, ImageOps

from fieldkit.core.errors import FieldkitError

_ORIENTATION = 0x0112
_JPEG_SOI = b"\xff\xd8"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# APP segments a decoder needs (their identifier at the start of the payload)
_JPEG_KEEP = {0xE0: (b"JFIF\x00",), 0xE2: (b"ICC_PROFILE\x00",), 0xEE: (b"Adobe",)}
# Ancillary PNG chunks that describe pixels, colour or animation: kept. Every other ancillary
# chunk (text, eXIf, tIME, content credentials, vendors' own) is left out.
_PNG_KEEP = frozenset({b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD",
                       b"hIST", b"sPLT", b"cICP", b"mDCv", b"cLLi", b"acTL", b"fcTL", b"fdAT"})
# Lossless writing where Pillow can (the pixels stay as they were decoded).
_LOSSLESS: dict[str, dict[str, Any]] = {
    "WEBP": {"lossless": True, "quality": 100}, "HEIF": {"quality": -1},
    "TIFF": {"compression": "tiff_deflate"}}


class MetadataNotRemovable(FieldkitError):
    """A photo whose metadata cannot be removed: the pseudonymised export is refused."""

    exit_code = 1


def strip_metadata(data: bytes, name: str) -> bytes:
    """The photo ``data`` without identifying metadata (see the module text); ``name`` (the
    file's name) is only for the message of ``MetadataNotRemovable``."""
    orientation = _orientation(data)
    try:
        if data.startswith(_JPEG_SOI):
            return _jpeg(data, orientation)
        if data.startswith(_PNG_SIGNATURE):
            return _png(data, orientation)
        return _reencoded(data)
    except (ValueError, OSError, struct.error, IndexError, KeyError, SyntaxError) as exc:
        raise MetadataNotRemovable(
            f"{name}: its metadata (names, GPS position) could not be removed ({exc}); the "
            "pseudonymised export was refused.") from None


def without_metadata(image: Image.Image) -> Image.Image:
    """A copy of ``image`` holding its pixels and colour profile only (nothing Pillow would
    write back as EXIF, XMP, comments or text)."""
    clean = image.copy()
    icc = image.info.get("icc_profile")
    clean.info = {"icc_profile": icc} if icc else {}
    return clean


def orientation_exif(orientation: int) -> bytes:
    """A TIFF structure (big-endian) with one tag, ``Orientation``: the EXIF left in a photo."""
    entry = struct.pack(">HHIH2x", _ORIENTATION, 3, 1, orientation)
    return b"MM\x00\x2a" + struct.pack(">IH", 8, 1) + entry + struct.pack(">I", 0)


def _orientation(data: bytes) -> int | None:
    """The orientation Pillow (and so the importer, which sized the photo) reads: 2–8, or None
    when the photo is upright or says nothing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                value = image.getexif().get(_ORIENTATION)
    except Exception:  # noqa: BLE001 - an unreadable EXIF block means no orientation
        return None
    return value if isinstance(value, int) and 2 <= value <= 8 else None


def _jpeg(data: bytes, orientation: int | None) -> bytes:
    kept: list[bytes] = [_JPEG_SOI]
    exif = b""
    if orientation is not None:
        payload = b"Exif\x00\x00" + orientation_exif(orientation)
        exif = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    pos = 2
    while True:
        if data[pos] != 0xFF:
            raise ValueError(f"no JPEG marker at byte {pos}")
        while data[pos + 1] == 0xFF:  # fill bytes before a marker
            pos += 1
        marker = data[pos + 1]
        if marker == 0xD9:  # end of image: whatever follows is not passed on
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            kept.append(data[pos:pos + 2])
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise ValueError(f"a JPEG segment at byte {pos} runs past the end")
        payload = data[pos + 4:end]
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:  # APPn, comment
            if any(payload.startswith(ident) for ident in _JPEG_KEEP.get(marker, ())):
                kept.append(data[pos:end])
            pos = end
            continue
        if exif:  # after SOI and JFIF, before the frame (as EXIF files have it)
            kept.append(exif)
            exif = b""
        kept.append(data[pos:end])
        pos = end
        if marker == 0xDA:  # start of scan: compressed data up to the next real marker
            scan = pos
            while True:
                pos = data.index(b"\xff", pos)
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    pos += 2  # a stuffed 0xFF or a restart marker: still the scan
                    continue
                if following == 0xFF:
                    pos += 1
                    continue
                break
            kept.append(data[scan:pos])
    kept.append(b"\xff\xd9")
    return b"".join(kept)


def _png(data: bytes, orientation: int | None) -> bytes:
    kept: list[bytes] = [_PNG_SIGNATURE]
    pos = len(_PNG_SIGNATURE)
    while True:
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if len(kind) != 4 or end > len(data):
            raise ValueError(f"a PNG chunk at byte {pos} runs past the end")
        critical = kind[:1].isupper()
        if critical or kind in _PNG_KEEP:
            kept.append(data[pos:end])
        if kind == b"IHDR" and orientation is not None:
            kept.append(_png_chunk(b"eXIf", orientation_exif(orientation)))
        pos = end
        if kind == b"IEND":  # whatever follows the end is not passed on
            break
    return b"".join(kept)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _reencoded(data: bytes) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format or "PNG"
            image.load()
            upright = ImageOps.exif_transpose(image)  # no orientation tag left to need
            clean = without_metadata(upright)
    out = io.BytesIO()
    clean.save(out, fmt, **_LOSSLESS.get(fmt, {}))
    return out.getvalue()
