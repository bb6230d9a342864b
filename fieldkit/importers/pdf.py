"""PDF files as ``pdf`` documents: the text of every page in reading order, each character's
box on its page, the page sizes and the metadata, read with PDFium (pypdfium2).

PDFium (Apache-2.0/BSD) extracts text with a box per character and renders pages, and ships
as wheels for Windows, macOS and Linux; PyMuPDF is AGPL (it cannot ship in an MIT app) and
pdfminer.six is pure Python and several times slower (``benchmarks/pdf.py`` measures our import
against PDFium's own extraction).

The text: each page's characters as PDFium orders them (its reading order), a line break
PDFium reports as CR LF kept as one LF, a UTF-16 surrogate pair (an emoji) one code point with
one box; pages joined by an empty line (``PAGE_SEPARATOR``), which belongs to no page. A PDF
without any text on its pages (a scan) has the text "" and every page the range (0, 0).

A character's box is in points from the top-left corner of its page as shown: the crop box's
origin taken off and the page's rotation applied, the same frame ``render_page`` draws in, so
a box times the render scale is its place on the rendered image. PDFium's "loose" boxes are
used (the font's full height), so the boxes of one line line up, as a reader's selection does.

PDFium is not thread-safe: every call into it holds ``PDFIUM_LOCK``.
"""

from __future__ import annotations

import ctypes
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from fieldkit.core.errors import PasswordNeeded
from fieldkit.core.model import ImportedDocument, ImportedMedia, ImportedPdf, PdfPage
from fieldkit.core.progress import Progress

from .common import bad, one_line

if TYPE_CHECKING:
    from PIL import Image

PDFIUM_LOCK = threading.RLock()
PAGE_SEPARATOR = "\n\n"
MIME = "application/pdf"
_PDF_DATE = re.compile(
    r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz+\-])?\s*(\d{2})?'?(\d{2})?")
_NO_BOX = (float("nan"),) * 4


def open_pdf(source: bytes | Path, name: str, password: str | None = None) -> Any:
    """A ``pypdfium2.PdfDocument`` of ``source`` (the caller holds ``PDFIUM_LOCK`` while it
    uses it). Raises ``PasswordNeeded`` for an encrypted PDF without its password or with a
    wrong one, ``BadInput`` for anything that is no readable PDF."""
    import pypdfium2 as pdfium

    head = source[:1024] if isinstance(source, bytes) else _head(source)
    if b"%PDF-" not in head:
        raise bad(name, "not a PDF file (it does not start as one; another kind of file named "
                        ".pdf?)")
    with PDFIUM_LOCK:
        try:
            return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source),
                                      password=password or None)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
                if password:
                    raise PasswordNeeded(f"{name}: the password is wrong; nothing was "
                                         "imported", wrong=True) from None
                raise PasswordNeeded(f"{name}: the PDF is encrypted; give its password "
                                     "(--password)", wrong=False) from None
            raise bad(name, f"a damaged PDF that cannot be read ({one_line(exc)})") from None


def _decrypted(pdf: Any) -> bytes:
    """A copy of an open PDF without its encryption (PDFium's FPDF_REMOVE_SECURITY)."""
    import io

    import pypdfium2.raw as raw

    out = io.BytesIO()
    pdf.save(out, flags=raw.FPDF_REMOVE_SECURITY)
    return out.getvalue()


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(1024)


def read_pdf(data: bytes, name: str, *, password: str | None = None,
             progress: Progress | None = None) -> ImportedDocument:
    """Read a whole PDF into a ``pdf`` document (its text, pages and boxes, the original in
    ``media``), a page a step of ``progress`` (Cancel raises ``Cancelled`` between pages).

    A PDF without a text layer is read all the same (its pages can be coded as areas), with a
    warning saying so. Raises ``BadInput`` (``PasswordNeeded`` for a password) naming the
    file."""
    progress = progress or Progress.silent()
    pdf = open_pdf(data, name, password)
    try:
        with PDFIUM_LOCK:
            count = len(pdf)
            meta = pdf.get_metadata_dict(skip_empty=True)
            if password:  # kept decrypted: its pages are shown without asking again
                data = _decrypted(pdf)
        if count == 0:
            raise bad(name, "the PDF has no pages")
        progress.start(count, f"Reading {name}")
        texts: list[str] = []
        pages: list[PdfPage] = []
        boxes: list[bytes] = []
        at = 0
        for index in range(count):
            progress.check()
            with PDFIUM_LOCK:
                text, box, (width, height) = page_text(pdf, index)
            if index:
                at += len(PAGE_SEPARATOR)
            pages.append(PdfPage(index + 1, at, at + len(text), width, height))
            texts.append(text)
            boxes.append(box.astype(np.float32).tobytes())
            at += len(text)
            progress.step(f"Read page {index + 1} of {count}")
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    imported = ImportedPdf(pages, boxes, title=one_line(meta.get("Title", ""))[:500],
                           created=pdf_date(meta.get("CreationDate", "")))
    text = PAGE_SEPARATOR.join(texts)
    warnings = []
    if not imported.text_layer:
        text = ""
        imported.pages[:] = [PdfPage(p.number, 0, 0, p.width, p.height) for p in pages]
        warnings.append(f"{name}: the PDF has no text layer (a scan?): its pages can be coded "
                        "as areas, and search finds no words in it")
    return ImportedDocument(
        kind="pdf", title=Path(name).stem, text=text, source_name=name,
        media=ImportedMedia(data=data, filename=name, mime=MIME), created=imported.created,
        warnings=warnings, pdf=imported)


def page_text(pdf: Any, index: int) -> tuple[str, np.ndarray, tuple[float, float]]:
    """The text of page ``index`` (from 0), its boxes (an (n, 4) float32 array, one row per
    code point) and the page's size as shown. The caller holds ``PDFIUM_LOCK``."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        left, bottom, right, top = page.get_bbox()
        rotation = page.get_rotation() % 360
        textpage = page.get_textpage()
        try:
            n = textpage.count_chars()
            units = np.zeros(0, dtype=np.uint16)
            raw_boxes = np.zeros((0, 4), dtype=np.float64)
            if n > 0:
                buf = (ctypes.c_ushort * (n + 1))()
                raw.FPDFText_GetText(textpage, 0, n, buf)
                units = np.frombuffer(buf, dtype=np.uint16, count=n)
                raw_boxes = _loose_boxes(textpage.raw, n)
        finally:
            textpage.close()
    finally:
        page.close()
    shown = _shown(raw_boxes, left, top, right - left, top - bottom, rotation)
    text, keep = _code_points(units)
    boxes = shown[keep] if len(keep) else np.zeros((0, 4), dtype=np.float32)
    empty = boxes[:, 2] - boxes[:, 0] <= 0
    empty &= boxes[:, 3] - boxes[:, 1] <= 0
    boxes[empty] = np.nan  # a line break or space PDFium made has no place on the page
    return text, boxes, (float(width), float(height))


def _loose_boxes(handle: Any, n: int) -> np.ndarray:
    """PDFium's loose box of each of a text page's ``n`` characters (left, top, right,
    bottom in PDF space; NaN where it has none), written by PDFium straight into one array.

    One call a character cannot be avoided (PDFium has no call for many boxes), so the call
    is made as cheap as ctypes allows: the same function, with its library's calling
    convention, declared to take plain addresses (pypdfium2's declaration converts each
    argument, about four times the cost; measured in benchmarks/pdf.py)."""
    import pypdfium2.raw as raw

    declared = raw.FPDFText_GetLooseCharBox
    address = ctypes.cast(declared, ctypes.c_void_p).value
    plain = type(declared)(address)  # the library's own function pointer type
    plain.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    plain.restype = ctypes.c_int
    page = ctypes.cast(handle, ctypes.c_void_p).value
    out = (ctypes.c_float * (4 * n))()
    base = ctypes.addressof(out)
    found = np.array([plain(page, i, base + 16 * i) for i in range(n)], dtype=bool)
    boxes = np.frombuffer(memoryview(out).cast("B"), dtype=np.float32).reshape(n, 4) \
        .astype(np.float64)
    boxes[~found] = np.nan
    return boxes


def _shown(boxes: np.ndarray, left: float, top: float, width: float, height: float,
           rotation: int) -> np.ndarray:
    """PDF user-space boxes (left, top, right, bottom; y up) as boxes on the page as shown
    (x0, y0, x1, y1; from the top-left, y down, the page's clockwise rotation applied)."""
    u0, u1 = boxes[:, 0] - left, boxes[:, 2] - left
    v0, v1 = top - boxes[:, 1], top - boxes[:, 3]
    if rotation == 90:
        x0, x1, y0, y1 = height - v1, height - v0, u0, u1
    elif rotation == 180:
        x0, x1, y0, y1 = width - u1, width - u0, height - v1, height - v0
    elif rotation == 270:
        x0, x1, y0, y1 = v0, v1, width - u1, width - u0
    else:
        x0, x1, y0, y1 = u0, u1, v0, v1
    out = np.stack([np.minimum(x0, x1), np.minimum(y0, y1), np.maximum(x0, x1),
                    np.maximum(y0, y1)], axis=1)
    return out.astype(np.float32)


def _code_points(units: np.ndarray) -> tuple[str, np.ndarray]:
    """PDFium's characters (UTF-16 units) as text of code points, and for each code point the
    index of the unit whose box it takes: a surrogate pair is one code point, CR LF one LF, a
    lone CR an LF, NUL dropped, a lone surrogate U+FFFD, PDFium's mark of a hyphen ending a
    line (U+0002, U+FFFE) a hyphen. Done on whole arrays: a page's units are never looped
    over in Python."""
    u = units.astype(np.uint32)
    n = len(u)
    if not n:
        return "", np.zeros(0, dtype=np.int64)
    nxt = np.empty(n, dtype=np.uint32)
    nxt[:-1], nxt[-1] = u[1:], 0
    prev = np.empty(n, dtype=np.uint32)
    prev[1:], prev[0] = u[:-1], 0
    high = (u >= 0xD800) & (u < 0xDC00)
    low = (u >= 0xDC00) & (u < 0xE000)
    paired_high = high & (nxt >= 0xDC00) & (nxt < 0xE000)
    paired_low = low & (prev >= 0xD800) & (prev < 0xDC00)
    paired_low[0] = False
    # a low surrogate only belongs to a pair when the unit before it is an unpaired high one
    paired_low[1:] &= paired_high[:-1]
    keep = (u != 0) & ~((u == 0x0D) & (nxt == 0x0A)) & ~paired_low
    out = u.copy()
    out[u == 0x0D] = 0x0A
    out[(u == 0x02) | (u == 0xFFFE)] = 0x2D
    lone = (high & ~paired_high) | (low & ~paired_low)
    out[lone] = 0xFFFD
    code = out.copy()
    where = np.flatnonzero(paired_high)
    code[where] = 0x10000 + ((out[where] - 0xD800) << 10) + (out[where + 1] - 0xDC00)
    kept = np.flatnonzero(keep)
    text = code[kept].astype("<u4").tobytes().decode("utf-32-le")
    return text, kept.astype(np.int64)


def pdf_date(value: str) -> str | None:
    """A PDF date (``D:20230105143000+01'00'``) as UTC ISO-8601 (``2023-01-05T13:30:00Z``);
    None when it is missing or unreadable."""
    from datetime import UTC, datetime, timedelta, timezone

    found = _PDF_DATE.match(value.strip()) if value else None
    if not found:
        return None
    year, month, day, hour, minute, second, sign, off_h, off_m = found.groups()
    try:
        zone = UTC
        if sign in ("+", "-") and off_h:
            delta = timedelta(hours=int(off_h), minutes=int(off_m or 0))
            zone = timezone(delta if sign == "+" else -delta)
        moment = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                          int(minute or 0), int(second or 0), tzinfo=zone)
    except ValueError:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def render_page(source: bytes | Path, name: str, page: int, scale: float = 1.0,
                password: str | None = None) -> Image.Image:
    """Page ``page`` (from 1) of a PDF as a ``PIL.Image`` (RGB) at ``scale`` pixels a point,
    its rotation applied (the frame of the stored boxes)."""
    pdf = open_pdf(source, name, password)
    try:
        return render_open(pdf, page, scale)
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def render_open(pdf: Any, page: int, scale: float) -> Image.Image:
    """``render_page`` on a ``PdfDocument`` already open."""
    with PDFIUM_LOCK:
        if not 1 <= page <= len(pdf):
            raise bad("PDF", f"there is no page {page} (pages 1–{len(pdf)})")
        handle = pdf[page - 1]
        try:
            bitmap = handle.render(scale=scale, may_draw_forms=True)
            return bitmap.to_pil().convert("RGB")
        finally:
            handle.close()
