"""Generated shop-floor photos: simple drawn scenes as JPEG with EXIF time and orientation.

Drawing and encoding dominate the cost, so each (scene, site, orientation) is drawn once per
process; every photo then gets its own EXIF block spliced into the cached JPEG, which makes the
bytes (and so the content hash) unique per photo.

The scenes also say where they drew their objects (``scene_objects``), in pixels of the upright
picture — what a viewer shows after applying the EXIF orientation — so the demo coders can code
regions around the machine's tablet or the two operators.
"""

from __future__ import annotations

import io
import random
from datetime import datetime
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 640, 480
Box = tuple[int, int, int, int]  # x, y, width, height in pixels of the upright picture
ORIENTATION = 0x0112
MAKE, MODEL, SOFTWARE = 0x010F, 0x0110, 0x0131
EXIF_IFD = 0x8769
DATETIME_ORIGINAL, OFFSET_TIME_ORIGINAL = 0x9003, 0x9011
CAMERAS = (("Fairphone", "FP4"), ("samsung", "SM-A546B"), ("Apple", "iPhone 13"))


def photo_jpeg(scene: str, site_no: int, site_label: str, orientation: int, taken: datetime,
               offset: str, camera: int) -> bytes:
    """JPEG bytes of one photo; ``taken`` is local wall-clock time, as cameras record it."""
    base = _base_jpeg(scene, site_no, site_label, orientation)
    exif = Image.Exif()
    make, model = CAMERAS[camera % len(CAMERAS)]
    exif[MAKE] = make
    exif[MODEL] = model
    exif[SOFTWARE] = "fieldkit demo"
    exif[ORIENTATION] = orientation
    ifd = exif.get_ifd(EXIF_IFD)
    ifd[DATETIME_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    ifd[OFFSET_TIME_ORIGINAL] = offset
    return _splice_exif(base, exif.tobytes())


def _splice_exif(jpeg: bytes, exif: bytes) -> bytes:
    segment = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    at = 2  # after SOI, or after the JFIF APP0 segment if there is one
    if jpeg[2:4] == b"\xff\xe0":
        at = 4 + int.from_bytes(jpeg[4:6], "big")
    return jpeg[:at] + segment + jpeg[at:]


@lru_cache(maxsize=128)
def scene_objects(scene: str, site_no: int) -> dict[str, Box]:
    """Where the photo of ``scene`` at site ``site_no`` shows its objects (upright pixels)."""
    _image, objects = _drawn(scene, site_no, "")
    return objects


def _drawn(scene: str, site_no: int, site_label: str) -> tuple[Image.Image, dict[str, Box]]:
    # the label is only text on the sign: it takes nothing from the random stream
    return draw_scene(scene, site_label, random.Random(f"{scene}/{site_no}"))


@lru_cache(maxsize=128)
def _base_jpeg(scene: str, site_no: int, site_label: str, orientation: int) -> bytes:
    image, _objects = _drawn(scene, site_no, site_label)
    if orientation == 6:  # the phone was held upright: pixels are stored turned a quarter left
        image = image.transpose(Image.Transpose.ROTATE_90)
    elif orientation == 3:
        image = image.transpose(Image.Transpose.ROTATE_180)
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=78)
    return buf.getvalue()


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def draw_scene(scene: str, label: str,
               rng: random.Random) -> tuple[Image.Image, dict[str, Box]]:
    """A factory-hall sketch: wall, floor, and the scene's objects, with a sign naming them.

    Returns the picture and where each named object was drawn, cut to the picture.
    """
    img = Image.new("RGB", (WIDTH, HEIGHT), (205, 210, 214))
    d = ImageDraw.Draw(img)
    horizon = rng.randint(250, 300)
    d.rectangle((0, horizon, WIDTH, HEIGHT), fill=(128, 132, 120))
    for x in range(0, WIDTH, 80):  # roof lights
        d.rectangle((x + 20, 8, x + 60, 18), fill=(250, 250, 235))
    d.line((0, horizon + 60, WIDTH, horizon + 60), fill=(230, 200, 40), width=6)  # walkway
    drawn = _DRAW[scene](d, rng, horizon)
    d.rectangle((0, HEIGHT - 34, WIDTH, HEIGHT), fill=(30, 30, 30))
    d.text((10, HEIGHT - 28), label, fill=(255, 255, 255), font=_font(18))
    return img, {name: _box(*corners) for name, corners in drawn.items()}


def _box(x0: int, y0: int, x1: int, y1: int) -> Box:
    """PIL corners (inclusive) to x, y, width, height, kept inside the picture above the sign."""
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(WIDTH - 1, x1), min(HEIGHT - 35, y1)
    return x0, y0, x1 - x0 + 1, y1 - y0 + 1


Corners = tuple[int, int, int, int]


def _machine(d: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> dict[str, Corners]:
    x = rng.randint(60, 170)  # so the tablet on its stand stays in the picture
    body = (x, horizon - 170, x + 300, horizon + 40)
    d.rectangle(body, fill=(70, 110, 150), outline=(20, 20, 20))
    d.rectangle((x + 20, horizon - 140, x + 180, horizon - 40), fill=(40, 40, 40))
    d.rectangle((x + 220, horizon - 130, x + 280, horizon - 60), fill=(20, 160, 90))  # HMI
    d.line((x + 420, horizon + 40, x + 420, horizon - 60), fill=(40, 40, 40), width=5)
    d.rectangle((x + 380, horizon - 120, x + 460, horizon - 60), fill=(15, 15, 15))  # tablet
    d.rectangle((x + 386, horizon - 114, x + 454, horizon - 66), fill=(200, 230, 255))
    d.text((x + 30, horizon - 165), "MACHINE", fill=(255, 255, 255), font=_font(16))
    return {"machine": body, "screen": (x + 216, horizon - 134, x + 284, horizon - 56),
            "tablet": (x + 374, horizon - 126, x + 466, horizon + 40)}


def _robot(d: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> dict[str, Corners]:
    base_x = rng.randint(220, 400)
    joints = [(base_x, horizon + 20), (base_x + 10, horizon - 90), (base_x - 80, horizon - 150),
              (base_x - 140, horizon - 90)]
    d.rectangle((base_x - 40, horizon, base_x + 40, horizon + 40), fill=(240, 130, 20))
    d.line(joints, fill=(240, 130, 20), width=22, joint="curve")
    for jx, jy in joints:
        d.ellipse((jx - 14, jy - 14, jx + 14, jy + 14), fill=(60, 60, 60))
    for x in range(0, WIDTH, 24):  # fence
        d.line((x, horizon + 70, x, horizon + 140), fill=(90, 90, 90), width=3)
    d.line((0, horizon + 70, WIDTH, horizon + 70), fill=(250, 210, 0), width=8)
    return {"robot": (base_x - 160, horizon - 170, base_x + 44, horizon + 44),
            "fence": (0, horizon + 64, WIDTH - 1, horizon + 140)}


def _board(d: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> dict[str, Corners]:
    d.rectangle((90, 50, 550, horizon - 10), fill=(250, 250, 250), outline=(60, 60, 60), width=4)
    d.text((110, 60), "DAGSTART", fill=(20, 20, 120), font=_font(22))
    colours = ((255, 235, 90), (120, 200, 255), (255, 150, 150), (150, 230, 150))
    cards = []
    for _ in range(rng.randint(6, 11)):
        x, y = rng.randint(110, 480), rng.randint(100, horizon - 70)
        d.rectangle((x, y, x + 50, y + 40), fill=rng.choice(colours))
        d.line((x + 6, y + 14, x + 44, y + 14), fill=(60, 60, 60), width=2)
        cards.append((x, y))
    return {"board": (88, 48, 552, horizon - 8), "cards": _around(cards, 50, 40)}


def _around(corners: list[tuple[int, int]], w: int, h: int) -> Corners:
    """The smallest rectangle around equal-sized things drawn at ``corners``, with a margin."""
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs) - 6, min(ys) - 6, max(xs) + w + 6, max(ys) + h + 6


def _notes(d: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> dict[str, Corners]:
    d.rectangle((40, 40, 600, horizon + 40), fill=(150, 155, 160), outline=(40, 40, 40))
    notes = []
    for _ in range(rng.randint(4, 8)):
        x, y = rng.randint(60, 520), rng.randint(60, horizon - 60)
        d.rectangle((x, y, x + 60, y + 60), fill=(255, 240, 110))
        for k in range(3):
            d.line((x + 6, y + 14 + 14 * k, x + 50, y + 14 + 14 * k), fill=(40, 40, 200), width=2)
        notes.append((x, y))
    d.rectangle((380, horizon - 30, 520, horizon + 30), fill=(30, 60, 140))  # notebook
    return {"sticky notes": _around(notes, 60, 60),
            "notebook": (374, horizon - 36, 526, horizon + 36)}


def _pair(d: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> dict[str, Corners]:
    d.rectangle((60, horizon - 150, 330, horizon + 40), fill=(70, 110, 150), outline=(20, 20, 20))
    second = 480 + rng.randint(0, 60)
    for x, hat in ((400, (240, 240, 240)), (second, (250, 200, 0))):
        d.ellipse((x - 18, horizon - 120, x + 18, horizon - 84), fill=(225, 185, 150))
        d.pieslice((x - 20, horizon - 126, x + 20, horizon - 96), 180, 360, fill=hat)
        d.rectangle((x - 22, horizon - 82, x + 22, horizon), fill=(30, 50, 110))
        d.line((x - 12, horizon, x - 14, horizon + 70), fill=(30, 50, 110), width=10)
        d.line((x + 12, horizon, x + 14, horizon + 70), fill=(30, 50, 110), width=10)
    d.line((400, horizon - 60, 340, horizon - 90), fill=(30, 50, 110), width=8)  # pointing
    return {"operators": (330, horizon - 132, second + 30, horizon + 76),
            "machine": (60, horizon - 150, 330, horizon + 40)}


def _rejects(d: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> dict[str, Corners]:
    d.rectangle((40, horizon - 160, 280, horizon + 40), fill=(70, 110, 150))
    d.polygon([(320, horizon - 40), (560, horizon - 40), (540, horizon + 90), (340, horizon + 90)],
              fill=(200, 40, 40))
    d.text((380, horizon + 20), "AFKEUR", fill=(255, 255, 255), font=_font(20))
    for _ in range(rng.randint(12, 20)):
        x, y = rng.randint(340, 530), rng.randint(horizon - 70, horizon - 30)
        d.rectangle((x, y, x + 24, y + 14), fill=(180, 180, 185), outline=(90, 90, 90))
    return {"reject bin": (314, horizon - 76, 566, horizon + 96),
            "machine": (40, horizon - 160, 280, horizon + 40)}


_DRAW = {"machine": _machine, "robot": _robot, "board": _board, "notes": _notes,
         "pair": _pair, "rejects": _rejects}
