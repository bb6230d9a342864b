"""Writing output files safely and reproducibly: temp file then rename, fixed zip timestamps."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldkit.core.errors import BadInput

#: The timestamp every entry of a produced zip file carries (the earliest zip can store).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def check_target(out: str | Path, suffix: str) -> Path:
    """The output path, refused with one line when its folder is missing or it is a folder."""
    path = Path(out)
    if path.suffix.lower() != suffix:
        raise BadInput(f"{path.name}: the output file must end in {suffix}.")
    if path.is_dir():
        raise BadInput(f"{path} is a folder; give a file name ending in {suffix}.")
    if not path.parent.exists():
        raise BadInput(f"The folder {path.parent} does not exist.")
    return path


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it only if the block succeeds."""
    fd, name = tempfile.mkstemp(prefix=".fieldkit-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_zip(target: Path, entries: Iterable[tuple[str, bytes | Callable[[], bytes]]]) -> None:
    """Write a zip whose entries (in the given order) all carry the same fixed timestamp."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data() if callable(data) else data)


def normalise_zip(path: Path,
                  rewrite: dict[str, Callable[[bytes], bytes]] | None = None) -> None:
    """Rewrite a zip made by a library (openpyxl, python-docx) with fixed entry timestamps.

    ``rewrite`` maps entry names to functions that fix their content (e.g. a library's
    "modified now" stamp) so that the same project always gives the same bytes.
    """
    rewrite = rewrite or {}
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    write_zip(path, [(name, rewrite[name](data) if name in rewrite else data)
                     for name, data in entries])
