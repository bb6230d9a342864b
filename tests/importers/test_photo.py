from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from fieldkit.importers import detect_kind, read_file

from .conftest import assert_bad


def jpeg(size=(400, 200), taken: str | None = "2024:05:14 09:41:07", orientation: int | None = 6,
         ) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    if orientation is not None:
        exif[274] = orientation
    if taken is not None:
        exif.get_ifd(0x8769)[36867] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_jpeg_with_exif_and_orientation(write) -> None:
    data = jpeg()
    path = write("IMG_2041.JPG", data)
    assert detect_kind(path) == "photo"
    [doc] = read_file(path)
    assert doc.kind == "photo"
    assert doc.title == "IMG_2041" and doc.text == ""
    media = doc.media
    assert media is not None
    assert media.data == data  # original bytes untouched
    assert media.mime == "image/jpeg"
    assert media.taken == "2024-05-14T09:41:07"
    assert media.orientation == 6
    assert (media.width, media.height) == (200, 400)  # rotated by the orientation
    assert media.thumbnail is not None
    with Image.open(io.BytesIO(media.thumbnail)) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (128, 256)


def test_jpeg_without_exif(write) -> None:
    [doc] = read_file(write("plain.jpeg", jpeg(taken=None, orientation=None)))
    assert doc.media is not None
    assert doc.media.taken is None and doc.media.orientation is None
    assert (doc.media.width, doc.media.height) == (400, 200)


def test_png_with_transparency(tmp_path: Path) -> None:
    path = tmp_path / "schets.png"
    Image.new("RGBA", (600, 300), (0, 0, 0, 0)).save(path)
    [doc] = read_file(path)
    assert doc.media is not None
    assert doc.media.mime == "image/png" and (doc.media.width, doc.media.height) == (600, 300)
    assert doc.media.thumbnail is not None and doc.media.thumbnail[:2] == b"\xff\xd8"


def test_truncated_jpeg(write) -> None:
    data = jpeg(size=(800, 600))
    assert_bad(lambda: read_file(write("kapot.jpg", data[: len(data) * 2 // 3])), "kapot.jpg")


def test_not_an_image(write) -> None:
    assert_bad(lambda: read_file(write("foto.jpg", b"GIF? no, just text")), "foto.jpg",
               "not a readable image")


def test_empty_image(write) -> None:
    assert_bad(lambda: read_file(write("leeg.png", b"")), "leeg.png", "empty")


def test_decompression_bomb(write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("bom.png", jpeg(size=(300, 300), taken=None, orientation=None))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 300 * 300 // 4)
    assert_bad(lambda: read_file(path), "bom.png", "decompression bomb")


def test_heic_without_plugin_names_the_package(write) -> None:
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        assert_bad(lambda: read_file(write("iphone.heic", b"\0\0\0\x18ftypheic")), "iphone.heic",
                   "pillow-heif")
    else:
        assert_bad(lambda: read_file(write("iphone.heic", b"\0\0\0\x18ftypheic")), "iphone.heic")


def test_photo_cannot_be_text(write) -> None:
    assert_bad(lambda: read_file(write("a.jpg", jpeg()), kind="text"), "a.jpg")
