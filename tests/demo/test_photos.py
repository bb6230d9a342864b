"""Generated photos are real JPEGs with EXIF time and orientation that match the document."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image, ImageOps

from fieldkit.demo import DemoStudy

DATETIME_ORIGINAL, ORIENTATION, EXIF_IFD = 0x9003, 0x0112, 0x8769


def test_photos_decode_with_exif(small: DemoStudy) -> None:
    photos = [d for d in small.documents if d.kind == "photo"]
    assert len(photos) == 8
    hashes = set()
    orientations = set()
    for d in photos:
        assert d.photo is not None and d.photo.startswith(b"\xff\xd8")
        assert d.photo_name and d.photo_name.endswith(".jpg") and d.visit_date
        hashes.add(d.photo)
        with Image.open(io.BytesIO(d.photo)) as img:
            img.load()
            assert img.format == "JPEG"
            exif = img.getexif()
            taken = exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL]
            assert datetime.strptime(taken, "%Y:%m:%d %H:%M:%S").isoformat() == \
                d.attributes["taken"]
            assert taken.startswith(d.visit_date.replace("-", ":"))
            orientation = exif[ORIENTATION]
            assert orientation == d.attributes["orientation"]
            orientations.add(orientation)
            upright = ImageOps.exif_transpose(img)
            assert upright.size == (640, 480)
        assert d.text  # the caption
    assert len(hashes) == len(photos)  # content-addressed storage sees distinct files
    assert len(orientations) > 1


def test_other_documents_have_no_photo(small: DemoStudy) -> None:
    for d in small.documents:
        if d.kind != "photo":
            assert d.photo is None and d.photo_name is None
