"""Code colours are never the only carrier of meaning (issue 25): two codes of the very same
colour still differ in the document's coding stripes, on a photo and on the waveform, and each
stripe's name label starts with a swatch of the stripe's pattern, so the margin reads in
greyscale and for a reader who cannot tell the colours apart.

Each widget is painted into an image as on screen, converted to greyscale, and compared by
texture: where, within the patterns' period, a shape's grey differs from its main grey.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from fieldkit.core.model import Region
from fieldkit.core.patterns import PERIOD, pattern_of
from fieldkit.gui.photo_view import outline_style
from fieldkit.gui.text_view import SWATCH
from fieldkit.gui.waveform_bar import TimeMark, WaveformBar
from tests.gui.conftest import make_photo, open_window

SAME = "#3366cc"  # both codes of these tests have this colour


def grey(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def texture(image: QImage, rect: QRectF, inset: int = 2) -> frozenset[tuple[int, int]]:
    """The light pixels of a shape (positions within the patterns' period) when it has two
    tones, nothing when it is flat; the inset keeps out rounded corners and antialiased edges."""
    r = rect.toAlignedRect().adjusted(inset, inset, -inset, -inset)
    pixels = {(x, y): image.pixelColor(x, y).red()
              for x in range(r.left(), r.right() + 1) for y in range(r.top(), r.bottom() + 1)}
    assert pixels, rect
    low, high = min(pixels.values()), max(pixels.values())
    if high - low < 40:
        return frozenset()
    return frozenset((x % PERIOD, y % PERIOD) for (x, y), v in pixels.items()
                     if v > (low + high) / 2)


@pytest.fixture
def same_colour(project):
    """Two codes of one colour on overlapping words of the field note (two lanes)."""
    one = project.add_code("Same/Eén", colour=SAME)
    two = project.add_code("Same/Twee", colour=SAME)
    assert pattern_of(one.id) != pattern_of(two.id)
    note = next(d for d in project.documents() if d.kind == "fieldnote")
    text = project.document(note.id).text
    project.code_text(note.id, 0, text.index("Kees") + 4, one.id)
    project.code_text(note.id, text.index("Henk"), len(text), two.id)
    return project, note.id, one, two


def test_stripes_of_one_colour_differ_in_greyscale_and_their_labels_match(
        qtbot, same_colour, window) -> None:
    project, note, one, two = same_colour
    window.nav_dock.hide()  # room for the code names beside the stripes (an 800 px screen)
    window.code_dock.hide()
    tab = window.open_document(note)
    tab.text_view.setMinimumHeight(300)
    QApplication.processEvents()
    stripes = tab.text_view.stripes
    picture = grey(stripes.grab().toImage())
    drawn = {m.coding.code_id: rect for rect, m in stripes._drawn}
    labels = {m.coding.code_id: box for box, m in stripes._labels}
    assert set(drawn) == set(labels) == {one.id, two.id}
    stripe = {c: texture(picture, r, inset=1) for c, r in drawn.items()}
    assert stripe[one.id] != stripe[two.id]
    # each label starts with a swatch showing its stripe's pattern (aligned: both are drawn
    # from the widget's origin), so a stripe and its name match without colour
    swatch_of = {c: QRectF(b.left() + 3, b.top() + 3, SWATCH, b.height() - 6)
                 for c, b in labels.items()}
    swatches = {c: texture(picture, r, inset=1) for c, r in swatch_of.items()}
    assert swatches[one.id] != swatches[two.id]
    for code, rect in drawn.items():
        # compared where both are read (texture() reads inside a one-pixel inset)
        inner = rect.toAlignedRect().adjusted(1, 1, -1, -1)
        small = swatch_of[code].toAlignedRect().adjusted(1, 1, -1, -1)
        both = {(x % PERIOD, y % PERIOD) for x in range(inner.left(), inner.right() + 1)
                for y in range(small.top(), small.bottom() + 1)}
        assert swatches[code] & both == stripe[code] & both and stripe[code] & both
    # and the tooltip over a stripe names its code
    for code_id, rect in drawn.items():
        m = stripes._mark_at(rect.center().toPoint())
        assert m is not None and m.coding.code_id == code_id
        assert m.path in tab.text_view.mark_tooltip([m])


def test_photo_regions_of_one_colour_have_their_own_outline_and_a_named_swatch(
        qtbot, project, tmp_path: Path) -> None:
    from fieldkit.gui import i18n

    one = project.add_code("Same/Eén", colour=SAME)
    two = project.add_code("Same/Twee", colour=SAME)
    [photo] = project.imports.files([make_photo(tmp_path / "pers.png")], site="Hendriks",
                                    kind="photo")
    project.code_region(photo.id, Region(10, 10, 100, 80), one.id)
    project.code_region(photo.id, Region(150, 100, 120, 100), two.id)
    opened = open_window(qtbot, project)
    window = next(opened)
    view = window.open_document(photo.id).photo_view
    styles = {item.data(0): item.pen().style() for item in view._regions}
    by_code = {c.code_id: styles[c.id] for c in project.codings(doc=photo.id)}
    assert by_code == {one.id: outline_style(one.id), two.id: outline_style(two.id)}
    assert by_code[one.id] != by_code[two.id]
    # each name tab holds the code's name and a swatch of its colour and pattern
    for tab in view._tabs:
        kids = tab.childItems()
        assert any(getattr(k, "text", lambda: "")() in ("Eén", "Twee") for k in kids)
        assert any(type(k).__name__ == "_Swatch" for k in kids)
    next(opened, None)  # closes the window
    i18n.install("en")


def test_waveform_stretches_of_one_colour_differ_and_are_named(qtbot) -> None:
    bar = WaveformBar()
    qtbot.addWidget(bar)
    bar.resize(600, 64)
    bar.set_duration(10_000)
    bar.set_marks([TimeMark(0, 4000, SAME, "Peer help", 1),
                   TimeMark(5000, 9000, SAME, "Trial and error", 2)])
    picture = grey(bar.grab().toImage())
    # each code in its own lane; the right half of each stretch, past its name
    bands = [r.adjusted(r.width() / 2, 0, 0, 0) for r in map(bar.mark_rect, bar.marks)]
    assert texture(picture, bands[0], inset=1) != texture(picture, bands[1], inset=1)
    assert [name for _box, name in bar.named] == ["Peer help", "Trial and error"]
    for box, _name in bar.named:  # the names are painted, dark on light
        r = box.toAlignedRect()
        assert min(picture.pixelColor(x, y).red() for x in range(r.left(), r.right())
                   for y in range(r.top(), r.bottom())) < 100
    at = QPoint(int(bar.x_of(6000)), 30)
    QApplication.sendEvent(bar, QHelpEvent(QEvent.Type.ToolTip, at, bar.mapToGlobal(at)))
    assert "Trial and error" in QToolTip.text() and "Peer help" not in QToolTip.text()
