"""The quick note's photo dialogs start on a camera card on every platform (QStorageInfo)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStorageInfo

from fieldkit.gui.note_window import _camera_card


class Volume:
    def __init__(self, root: Path, *, ready: bool = True, is_root: bool = False) -> None:
        self.root, self.ready, self.is_root = root, ready, is_root

    def isValid(self) -> bool:  # noqa: N802
        return True

    def isReady(self) -> bool:  # noqa: N802
        return self.ready

    def isRoot(self) -> bool:  # noqa: N802
        return self.is_root

    def rootPath(self) -> str:  # noqa: N802
        return str(self.root)


def test_the_first_ready_volume_with_a_dcim_folder(tmp_path: Path, monkeypatch) -> None:
    system, stick, unready, card = (tmp_path / n for n in ("c", "stick", "d", "E"))
    for volume in (system, unready, card):
        (volume / "DCIM").mkdir(parents=True)
    stick.mkdir()
    volumes = [Volume(system, is_root=True), Volume(stick), Volume(unready, ready=False),
               Volume(card)]
    monkeypatch.setattr(QStorageInfo, "mountedVolumes", staticmethod(lambda: volumes))
    assert _camera_card() == str(card / "DCIM")
    monkeypatch.setattr(QStorageInfo, "mountedVolumes", staticmethod(lambda: volumes[:3]))
    assert _camera_card() is None
