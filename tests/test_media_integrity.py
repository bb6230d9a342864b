"""Media leave the project only as imported (issue 22, item 5).

A stored photo or recording that was changed on disk (a flipped byte, zeroed, cut off), removed,
or replaced by a symbolic link is found by ``check``, refused by every export that would pack it
(naming the file, exit 1, no output and no temporary file left), left out of a restored backup
(named), never read through the link, and repaired by importing the same bytes again.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.model import Region
from fieldkit.demo.sound import write_recording

SECRET = b"root:x:0:0:geheim-wachtwoord-van-de-beheerder\n" * 20


def _photos(folder: Path, count: int) -> list[Path]:
    from PIL import Image

    made = []
    for i in range(count):
        path = folder / f"foto{i:02}.jpg"
        Image.new("RGB", (64, 48), (20 * i % 256, 90, 160)).save(path, quality=90)
        made.append(path)
    return made


@pytest.fixture
def studied(tmp_path: Path) -> tuple[Path, list[Path], Path]:
    """A closed project with 12 photos, each with a region coding, and one video recording;
    returns (project folder, the original photos, the original video)."""
    originals = tmp_path / "originals"
    originals.mkdir()
    photos = _photos(originals, 12)
    video = originals / "clip.mp4"
    write_recording(video, 2.0, video=True)
    folder = tmp_path / "Studie.fieldkit"
    with Project.create(folder) as p:
        p.set_coder("Anouk")
        p.add_code("Werkplek")
        for doc in p.imports.files(photos, site="Metaal"):
            p.code_region(doc.id, Region(2, 2, 30, 20), "Werkplek")
        p.imports.files([video], site="Metaal")
    return folder, photos, video


def _stored(folder: Path, original: Path) -> Path:
    with Project.open(folder, readonly=True) as p:
        sha = p.media.hash_file(original)
        return p.media.path(sha, original.name)


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _zero(path: Path) -> None:
    path.write_bytes(bytes(path.stat().st_size))


def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _link_to_secret(path: Path) -> None:
    secret = path.parents[2] / "geheim.txt"
    secret.write_bytes(SECRET)
    path.unlink()
    path.symlink_to(secret)


def _remove(path: Path) -> None:
    path.unlink()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "flipped byte": (_flip, "changed on disk"),
    "zeroed": (_zero, "changed on disk"),
    "cut off": (_cut, "changed on disk"),
    "link to a secret": (_link_to_secret, "symbolic link"),
    "removed": (_remove, "missing"),
}


def _no_secret_in(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.name != "geheim.txt":
            data = path.read_bytes()
            assert b"geheim-wachtwoord" not in data, path
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    for name in archive.namelist():
                        assert b"geheim-wachtwoord" not in archive.read(name), (path, name)


def _one_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("which", ["photo", "video"])
def test_check_finds_and_every_export_refuses_damaged_media(
        studied: tuple[Path, list[Path], Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], damage: str, which: str) -> None:
    folder, photos, video = studied
    original = photos[5] if which == "photo" else video
    harm, said = DAMAGE[damage]
    harm(_stored(folder, original))
    out = tmp_path / "uit"
    out.mkdir()

    assert main(["-p", str(folder), "check"]) == 1
    report = capsys.readouterr().out
    assert original.name in report and said in report

    exports = [["qdpx", str(out / "p.qdpx")]]
    if which == "photo":  # the Word report carries the photos' coded regions
        exports.append(["docx", str(out / "r.docx")])
    for argv in exports:
        assert main(["-p", str(folder), "export", *argv]) == 1, argv
        err = _one_error(capsys)
        assert original.name in err and said in err and "refused" in err
    assert sorted(p.name for p in out.iterdir()) == []  # no output, no temporary file
    _no_secret_in(tmp_path)


def test_two_damaged_files_are_both_named(studied: tuple[Path, list[Path], Path],
                                          tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder, photos, _ = studied
    _flip(_stored(folder, photos[1]))
    _link_to_secret(_stored(folder, photos[7]))
    assert main(["-p", str(folder), "export", "qdpx", str(tmp_path / "p.qdpx")]) == 1
    err = _one_error(capsys)
    assert "2 media files" in err and photos[1].name in err and photos[7].name in err


def test_the_word_report_keeps_every_photo_or_is_refused(
        studied: tuple[Path, list[Path], Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, photos, _ = studied
    whole = tmp_path / "heel.docx"
    assert main(["-p", str(folder), "export", "docx", str(whole)]) == 0
    with zipfile.ZipFile(whole) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(pictures) == len(photos) == 12
    _remove(_stored(folder, photos[3]))
    assert main(["-p", str(folder), "export", "docx", str(tmp_path / "kort.docx")]) == 1
    assert photos[3].name in _one_error(capsys)
    assert not (tmp_path / "kort.docx").exists()


def test_an_intact_export_packs_exactly_the_imported_bytes(
        studied: tuple[Path, list[Path], Path], tmp_path: Path) -> None:
    folder, photos, video = studied
    out = tmp_path / "p.qdpx"
    with Project.open(folder, readonly=True) as p:
        p.exports.qdpx(out)
    with zipfile.ZipFile(out) as archive:
        packed = sorted(archive.read(n) for n in archive.namelist() if n.startswith("sources/")
                        and not n.endswith(".txt"))
    assert packed == sorted(path.read_bytes() for path in [*photos, video])


@pytest.mark.parametrize("damage", ["flipped byte", "zeroed", "link to a secret", "removed"])
def test_importing_the_same_bytes_again_repairs_the_stored_copy(
        studied: tuple[Path, list[Path], Path], tmp_path: Path, damage: str) -> None:
    folder, photos, video = studied
    for original in (photos[2], video):
        DAMAGE[damage][0](_stored(folder, original))
    with Project.open(folder) as p:
        assert len(p.check()) >= 2
        p.imports.files([photos[2], video], site="Metaal", duplicates="skip")
        assert [Path(s.path) for s in p.imports.skipped] == [video, photos[2]]
        assert [m.message for m in p.check()] == []
        stored = _stored(folder, photos[2])
        assert not stored.is_symlink() and stored.read_bytes() == photos[2].read_bytes()
        p.exports.qdpx(tmp_path / "weer.qdpx")
    _no_secret_in(tmp_path)


def test_a_restore_leaves_damaged_media_out_and_names_them(
        studied: tuple[Path, list[Path], Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, photos, video = studied
    with Project.open(folder) as p:
        made = p.backups.make("manual")
    _flip(_stored(folder, photos[0]))
    _link_to_secret(_stored(folder, video))
    restored = tmp_path / "Terug.fieldkit"
    assert main(["-p", str(folder), "backup", "restore", made.id, str(restored)]) == 0
    err = capsys.readouterr().err
    assert photos[0].name in err and video.name in err
    kept = {path.name for path in (restored / "media").iterdir() if path.is_file()}
    assert _stored(restored, photos[0]).name not in kept
    assert _stored(restored, video).name not in kept
    assert _stored(restored, photos[1]).name in kept
    assert not any(path.is_symlink() for path in (restored / "media").rglob("*"))
    _no_secret_in(tmp_path)
    with Project.open(restored, readonly=True) as p:
        missing = [m.message for m in p.check()]
    assert len(missing) == 2 and all("missing" in m for m in missing)


def test_a_stored_file_is_never_opened_through_a_link_even_without_o_nofollow(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldkit.core.errors import MediaUnfit
    from fieldkit.storage.mediastore import open_stored

    real = tmp_path / "echt.jpg"
    real.write_bytes(b"beeld")
    link = tmp_path / "link.jpg"
    link.symlink_to(real)
    with open_stored(real) as fh:
        assert fh.read() == b"beeld"
    with pytest.raises(MediaUnfit, match="symbolic link"):
        open_stored(link)
    # Windows has no O_NOFOLLOW: the look before opening (lstat) still refuses the link
    monkeypatch.delattr(os, "O_NOFOLLOW", raising=False)
    with pytest.raises(MediaUnfit, match="symbolic link"):
        open_stored(link)
    fifo = tmp_path / "pijp.jpg"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        with pytest.raises(MediaUnfit, match="not a regular file"):
            open_stored(fifo)


def test_a_file_swapped_between_look_and_open_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldkit.core.errors import MediaUnfit
    from fieldkit.storage import mediastore
    from fieldkit.storage.mediastore import open_stored

    real = tmp_path / "echt.jpg"
    real.write_bytes(b"beeld")
    other = tmp_path / "ander.jpg"
    other.write_bytes(b"iets anders")
    opened = os.open

    def swap_then_open(path: object, flags: int, *args: object) -> int:
        os.replace(other, real)  # another process swaps the file after the lstat
        return opened(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(mediastore.os, "open", swap_then_open)
    with pytest.raises(MediaUnfit, match="swapped"):
        open_stored(real)


def test_merge_never_copies_a_file_through_a_link_in_the_other_project(
        studied: tuple[Path, list[Path], Path], tmp_path: Path) -> None:
    folder, photos, _ = studied
    _link_to_secret(_stored(folder, photos[4]))
    _flip(_stored(folder, photos[6]))
    ours = tmp_path / "Ons.fieldkit"
    with Project.create(ours) as p:
        summary = p.merge.project(folder)
        notes = " ".join(summary.not_placed)
        assert photos[4].name in notes and "symbolic link" in notes
        assert photos[6].name in notes and "changed on disk" in notes
        assert all(m.filename not in (photos[4].name, photos[6].name)
                   for m in p._store.all_media())
        assert p.check() == []
    _no_secret_in(ours)
