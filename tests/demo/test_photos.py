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


def _upright(photo: bytes) -> Image.Image:
    with Image.open(io.BytesIO(photo)) as img:
        return ImageOps.exif_transpose(img).convert("RGB")


def test_most_photos_have_coded_regions_inside_the_upright_picture(small: DemoStudy,
                                                                    mini_large: DemoStudy) -> None:
    for study in (small, mini_large):
        photos = {i for i, d in enumerate(study.documents) if d.kind == "photo"}
        regions = [c for c in study.codings if c.region is not None]
        assert regions and {c.doc_index for c in regions} <= photos
        for c in regions:
            assert c.region is not None
            x, y, w, h = c.region
            upright = _upright(study.documents[c.doc_index].photo or b"")
            assert w > 0 and h > 0 and x >= 0 and y >= 0
            assert x + w <= upright.width and y + h <= upright.height
    coded = {c.doc_index for c in small.codings if c.region is not None}
    photos = [i for i, d in enumerate(small.documents) if d.kind == "photo"]
    assert len(coded) > len(photos) / 2
    # rotated files too: the regions are in upright pixels, not in the stored ones
    assert {small.documents[i].attributes["orientation"] for i in coded} - {1}


def test_regions_frame_the_drawn_object_in_upright_pixels(small: DemoStudy) -> None:
    """The tablet's light-blue screen and the orange robot lie inside their regions."""
    colours = {"Technology/Digital work instructions": (200, 230, 255),
               "Technology/Cobot & lasrobot": (240, 130, 20)}
    checked = set()
    for c in small.codings:
        if c.region is None or c.coder != "Anouk" or c.code_path not in colours:
            continue
        doc = small.documents[c.doc_index]
        upright = _upright(doc.photo or b"")
        x, y, w, h = c.region
        inside = upright.crop((x, y, x + w, y + h))
        target = colours[c.code_path]

        def share(img: Image.Image, rgb: tuple[int, int, int] = target) -> float:
            near = sum(n for n, px in (img.getcolors(img.width * img.height) or [])
                       if all(abs(a - b) < 40 for a, b in zip(px, rgb, strict=True)))
            return near / (img.width * img.height)

        assert share(inside) > 0.08, (doc.title, c.region)
        assert share(inside) > 3 * share(upright), (doc.title, c.region)
        checked.add((c.code_path, doc.attributes["orientation"]))
    assert {p for p, _o in checked} == set(colours)
    assert any(o != 1 for _p, o in checked)  # a photo stored turned was checked too


def test_codes_on_regions_fit_what_is_drawn(small: DemoStudy, mini_large: DemoStudy) -> None:
    fitting = {"machine": {"Technology/Digital work instructions", "Technology/MES & tablets"},
               "robot": {"Technology/Cobot & lasrobot"},
               "pair": {"Learning/Informal/Peer help"}}
    coders: set[str] = set()
    bram_differs = False
    for study in (small, mini_large):
        anouk = {(c.doc_index, c.code_path): c.region for c in study.codings
                 if c.region is not None and c.coder == "Anouk"}
        for c in study.codings:
            if c.region is None:
                continue
            coders.add(c.coder)
            scene = study.documents[c.doc_index].attributes["scene"]
            assert c.code_path in fitting.get(scene, {c.code_path}), (scene, c.code_path)
            if c.coder == "Bram":
                hers = anouk[(c.doc_index, c.code_path)]
                assert hers is not None
                bram_differs |= hers != c.region
                assert all(abs(a - b) <= 20 for a, b in zip(hers, c.region, strict=True))
    assert coders == {"Anouk", "Bram"} and bram_differs
