"""Photos (.jpg, .jpeg, .png, .heic/.heif) as photo documents with their media.

The image is decoded completely (a truncated file is refused, never half-imported), guarded by
Pillow's decompression-bomb limit. EXIF ``DateTimeOriginal`` (else ``DateTime``) becomes
``media.taken`` as ``YYYY-MM-DDTHH:MM:SS`` — camera local time as recorded, no time zone — and
the EXIF orientation is kept. ``width``/``height`` and the 256-px JPEG thumbnail have the
orientation applied, so regions coded on the photo match what people see. ``media.data`` holds
the original bytes, untouched. The document text is empty (the caption, written later) and the
title is the file stem.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from PIL import ExifTags, Image, ImageFile, ImageOps, UnidentifiedImageError

from fieldkit.core.model import ImportedDocument, ImportedMedia

from .common import bad, one_line

THUMBNAIL_PX = 256
_MIME = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "HEIF": "image/heic"}
_EXIF_TIME = re.compile(r"^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_TAG_DATETIME = 306
_TAG_DATETIME_ORIGINAL = 36867
_TAG_ORIENTATION = 274


def _enable_heif(name: str) -> None:
    try:
        import pillow_heif  # type: ignore[import-not-found]
    except ImportError:
        raise bad(name, "HEIC photos need the 'pillow-heif' package "
                        "(pip install pillow-heif), or convert the photo to JPEG") from None
    pillow_heif.register_heif_opener()


def _taken(exif: Image.Exif) -> str | None:
    raw = exif.get_ifd(ExifTags.IFD.Exif).get(_TAG_DATETIME_ORIGINAL) or exif.get(_TAG_DATETIME)
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    m = _EXIF_TIME.match(str(raw or "").strip())
    if not m or m.group(1) == "0000":
        return None
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}"


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    if thumb.mode in ("RGBA", "LA") or (thumb.mode == "P" and "transparency" in thumb.info):
        rgba = thumb.convert("RGBA")
        thumb = Image.new("RGB", rgba.size, "white")
        thumb.paste(rgba, mask=rgba.getchannel("A"))
    elif thumb.mode != "RGB":
        thumb = thumb.convert("RGB")
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=85)
    return out.getvalue()


def read_photo(data: bytes, name: str) -> ImportedDocument:
    """A photo document; refuses truncated, corrupt, oversized and unsupported images."""
    if Path(name).suffix.lower() in (".heic", ".heif"):
        _enable_heif(name)
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            # Pillow's notes on odd EXIF would print lines around our one-line message.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                fmt = image.format or ""
                exif = image.getexif()
                orientation = exif.get(_TAG_ORIENTATION)
                taken = _taken(exif)
                upright = ImageOps.exif_transpose(image)
                width, height = upright.size
                thumbnail = _thumbnail(upright)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bad(name, "refused: the image has too many pixels (possible decompression bomb)") \
            from None
    except UnidentifiedImageError:
        raise bad(name, "not a readable image (unknown or damaged format)") from None
    except (OSError, SyntaxError, ValueError, EOFError, KeyError, TypeError) as exc:
        raise bad(name, f"the image is damaged or truncated ({one_line(exc)})") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous
    if fmt not in _MIME:
        raise bad(name, f"unsupported image format {fmt or 'unknown'}; use JPEG, PNG or HEIC")
    media = ImportedMedia(
        data=data,
        filename=name,
        mime=_MIME[fmt],
        width=width,
        height=height,
        taken=taken,
        orientation=orientation if isinstance(orientation, int) else None,
        thumbnail=thumbnail,
    )
    return ImportedDocument(kind="photo", title=Path(name).stem, text="", media=media,
                            source_name=name)
