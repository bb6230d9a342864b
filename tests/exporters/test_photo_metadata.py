"""Photos leave a pseudonymised export without their metadata (issue 22 follow-up).

A photo whose EXIF (Artist, ImageDescription, XPAuthor, XPComment, UserComment, maker note,
GPS position), XMP, IPTC, JPEG comment, PNG text chunks and a trailer after the image name a
participant and the plant: every export that ships photo bytes (the REFI-QDA project, the Word
report's crops) holds none of it when pseudonymised — the raw bytes are searched, in UTF-8 and
UTF-16 — while the pixels and the orientation (so the coded regions) stay; a plain export packs
the imported bytes unchanged, and a damaged stored photo is refused before anything is stripped.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from PIL.PngImagePlugin import PngInfo

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.model import Region
from fieldkit.exporters.photo_metadata import MetadataNotRemovable, strip_metadata

NAME = "Jan Bakker"
PLACE = "Fabriekstraat 12, Almelo"
# what must not be in a pseudonymised photo, in any letter case
SECRETS = ("jan bakker", "bakker", "fabriekstraat", "almelo")
XMP = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       f'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
       f'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"><dc:creator>{NAME}'
       f'</dc:creator><Iptc4xmpCore:Location>{PLACE}</Iptc4xmpCore:Location>'
       f'</rdf:Description></rdf:RDF></x:xmpmeta>').encode()
REGION = Region(4, 6, 20, 30)  # on the photo as seen (turned upright): 48 wide, 64 high


def picture(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> Image.Image:
    """Pixels that differ everywhere, so a changed or turned image shows."""
    image = Image.new("RGB", size)
    image.putdata([((x * 7) % 256, (y * 11) % 256, (x * y) % 256)
                   for y in range(size[1]) for x in range(size[0])])
    return image.convert(mode)


def named_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x010E] = f"{NAME} bij de kantbank, {PLACE}"  # ImageDescription
    exif[0x0112] = orientation
    exif[0x9C9D] = NAME.encode("utf-16-le") + b"\0\0"  # XPAuthor
    exif[0x9C9C] = f"Gemaakt door {NAME}".encode("utf-16-le") + b"\0\0"  # XPComment
    inner = exif.get_ifd(0x8769)
    inner[0x9286] = b"UNICODE\0" + NAME.encode("utf-16-le")  # UserComment
    inner[0x927C] = b"MAKERNOTE owner=" + NAME.encode()  # maker note
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 21.0, 7.5), "E", (6.0, 39.0, 1.0)
    return exif


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def named_jpeg(path: Path, **save: object) -> Path:
    out = io.BytesIO()
    picture().save(out, "JPEG", exif=named_exif(), xmp=XMP, comment=f"Foto: {NAME}",
                   quality=92, **save)
    data = out.getvalue()
    iptc = _segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0e"
                          b"\x1c\x02\x50\x00\x0a" + NAME.encode())
    # an IPTC block after SOI, a vendor's trailer after the end of the image
    path.write_bytes(data[:2] + iptc + data[2:] + b"TRAILER " + NAME.upper().encode())
    return path


def named_png(path: Path) -> Path:
    info = PngInfo()
    info.add_text("Author", NAME)
    info.add_text("Comment", f"Genomen bij {PLACE}", zip=True)  # zTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    picture().save(path, "PNG", pnginfo=info, exif=named_exif())
    return path


def leaks(data: bytes) -> list[str]:
    """Each secret found in the raw bytes (UTF-8, UTF-16 little and big endian)."""
    lower = data.lower()
    return [f"{secret} ({encoding})" for secret in SECRETS
            for encoding in ("utf-8", "utf-16-le", "utf-16-be")
            if secret.encode(encoding) in lower]


def assert_clean_and_same(stripped: bytes, original: bytes) -> None:
    assert leaks(original)  # the search finds what is there
    assert leaks(stripped) == []
    with Image.open(io.BytesIO(stripped)) as after, Image.open(io.BytesIO(original)) as before:
        exif = after.getexif()
        assert 0x8825 not in exif and not exif.get_ifd(0x8825)  # no GPS position
        assert 0x8769 not in exif and not exif.get_ifd(0x8769)  # no maker note, no comment
        assert set(exif) <= {0x0112}
        assert not {"xmp", "XML:com.adobe.xmp", "comment", "Author", "Comment"} & set(after.info)
        assert after.size == before.size and after.mode == before.mode
        assert after.tobytes() == before.tobytes()  # the pixels as they were
        upright, seen = ImageOps.exif_transpose(after), ImageOps.exif_transpose(before)
        assert upright.size == seen.size == (48, 64)  # still turned as people saw it
        assert upright.tobytes() == seen.tobytes()


@pytest.fixture
def photographed(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A closed project with a JPEG and a PNG naming Jan Bakker (both turned by EXIF), each
    with a region coded; returns (project folder, the original files)."""
    originals = tmp_path / "originals"
    originals.mkdir()
    photos = [named_jpeg(originals / "kantbank.jpg"), named_png(originals / "pers.png")]
    folder = tmp_path / "Studie.fieldkit"
    with Project.create(folder) as p:
        p.set_coder("Anouk")
        p.add_code("Werkplek")
        for doc in p.imports.files(photos, site="Metaal"):
            p.code_region(doc.id, REGION, "Werkplek")
    return folder, photos


def _packed(qdpx: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(qdpx) as archive:
        return sorted((n, archive.read(n)) for n in archive.namelist()
                      if n.startswith("sources/") and not n.endswith(".txt"))


def _by_suffix(files: list[tuple[str, bytes]]) -> dict[str, bytes]:
    return {Path(name).suffix: data for name, data in files}


@pytest.mark.parametrize("options", [["--term", f"{NAME}=P1"], ["--pseudonymise"]])
def test_a_pseudonymised_qdpx_ships_photos_without_metadata(
        photographed: tuple[Path, list[Path]], tmp_path: Path, options: list[str]) -> None:
    folder, (jpeg, png) = photographed
    out = tmp_path / "p.qdpx"
    assert main(["-p", str(folder), "export", "qdpx", str(out), *options]) == 0
    packed = _by_suffix(_packed(out))
    assert sorted(packed) == [".jpg", ".png"]
    for suffix, original in ((".jpg", jpeg), (".png", png)):
        assert_clean_and_same(packed[suffix], original.read_bytes())
    # the JPEG's compressed image data is copied, not encoded again
    scan = jpeg.read_bytes().index(b"\xff\xda")
    assert jpeg.read_bytes()[scan:].split(b"\xff\xd9")[0] in packed[".jpg"]
    # the regions coded on the photos still fit them (re-imported, cropped the same)
    with Project.import_qdpx(out, tmp_path / "back.fieldkit") as back:
        regions = [c.region for c in back.codings() if c.region is not None]
        assert regions == [REGION, REGION]
        sizes = sorted((m.width, m.height) for d in back.documents()
                       if (m := back._store.media(back._store.document(d.id).media_id)))
        assert sizes == [(48, 64), (48, 64)]


def test_the_word_report_of_a_pseudonymised_export_crops_without_metadata(
        photographed: tuple[Path, list[Path]], tmp_path: Path) -> None:
    folder, photos = photographed
    out = tmp_path / "r.docx"
    assert main(["-p", str(folder), "export", "docx", str(out), "--term", f"{NAME}=P1"]) == 0
    with zipfile.ZipFile(out) as archive:
        pictures = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    box = (REGION.x, REGION.y, REGION.x + REGION.width, REGION.y + REGION.height)
    expected = []
    for photo in photos:
        with Image.open(photo) as image:
            expected.append(ImageOps.exif_transpose(image).crop(box).convert("RGB").tobytes())
    found = []
    for data in pictures:
        assert leaks(data) == []
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif() and "xmp" not in image.info
            found.append(image.convert("RGB").tobytes())
    assert sorted(found) == sorted(expected)  # the coded regions, as people saw them


def test_a_plain_export_packs_the_photos_as_imported(
        photographed: tuple[Path, list[Path]], tmp_path: Path) -> None:
    folder, photos = photographed
    out = tmp_path / "p.qdpx"
    assert main(["-p", str(folder), "export", "qdpx", str(out)]) == 0
    assert sorted(data for _, data in _packed(out)) == sorted(p.read_bytes() for p in photos)


def test_a_damaged_photo_is_refused_before_it_is_stripped(
        photographed: tuple[Path, list[Path]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, (jpeg, _) = photographed
    with Project.open(folder, readonly=True) as p:
        stored = p.media.path(p.media.hash_file(jpeg), jpeg.name)
    data = bytearray(stored.read_bytes())
    data[data.index(NAME.encode())] ^= 0x01  # inside the metadata that stripping would drop
    stored.write_bytes(bytes(data))
    out = tmp_path / "uit"
    out.mkdir()
    assert main(["-p", str(folder), "export", "qdpx", str(out / "p.qdpx"),
                 "--term", f"{NAME}=P1"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and jpeg.name in err and "refused" in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("save", [{}, {"progressive": True}, {"restart_marker_blocks": 1},
                                  {"icc_profile": b"\0" * 128, "subsampling": 0}])
def test_a_jpeg_keeps_its_compressed_pixels(tmp_path: Path, save: dict[str, object]) -> None:
    original = named_jpeg(tmp_path / "f.jpg", **save).read_bytes()
    stripped = strip_metadata(original, "f.jpg")
    assert_clean_and_same(stripped, original)
    assert stripped.endswith(b"\xff\xd9") and len(stripped) < len(original)
    if "icc_profile" in save:  # the colour profile stays: it is how the pixels look
        with Image.open(io.BytesIO(stripped)) as image:
            assert image.info.get("icc_profile") == save["icc_profile"]


def test_a_cmyk_jpeg_keeps_its_colour_transform(tmp_path: Path) -> None:
    out = io.BytesIO()
    picture(mode="CMYK").save(out, "JPEG", exif=named_exif(), comment=NAME)
    stripped = strip_metadata(out.getvalue(), "cmyk.jpg")
    assert_clean_and_same(stripped, out.getvalue())


def test_an_upright_photo_keeps_no_exif_at_all(tmp_path: Path) -> None:
    out = io.BytesIO()
    picture().save(out, "JPEG", exif=named_exif(orientation=1))
    stripped = strip_metadata(out.getvalue(), "f.jpg")
    assert b"Exif\0\0" not in stripped and leaks(stripped) == []
    with Image.open(io.BytesIO(stripped)) as image:
        assert not image.getexif()


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF"])
def test_other_formats_are_written_again_upright_without_metadata(fmt: str) -> None:
    """Formats without a lossless rewrite (HEIC among them) are decoded and written again."""
    out = io.BytesIO()
    options: dict[str, object] = {"lossless": True} if fmt == "WEBP" else {}
    picture().save(out, fmt, exif=named_exif(), xmp=XMP, **options)
    original = out.getvalue()
    assert leaks(original)
    stripped = strip_metadata(original, f"f.{fmt.lower()}")
    assert leaks(stripped) == []
    with Image.open(io.BytesIO(stripped)) as after, Image.open(io.BytesIO(original)) as before:
        assert after.format == fmt and not after.getexif().get_ifd(0x8825)
        assert after.size == (48, 64)  # the orientation applied: nothing left to turn it
        assert after.convert("RGB").tobytes() == \
            ImageOps.exif_transpose(before).convert("RGB").tobytes()


def test_a_photo_that_cannot_be_stripped_is_refused_in_one_line() -> None:
    original = io.BytesIO()
    picture().save(original, "JPEG", exif=named_exif())
    cut = original.getvalue()[:300]  # ends inside its metadata
    with pytest.raises(MetadataNotRemovable) as refused:
        strip_metadata(cut, "kapot.jpg")
    assert "kapot.jpg" in str(refused.value) and "\n" not in str(refused.value)
