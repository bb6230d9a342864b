"""Stress run: fieldkit driven from real subprocesses into the faults of issue 12.

    .venv/bin/python tools/stress.py [--long] [--keep]      # about 4 minutes on 2 cores

Sections: kill -9 sweeps over encrypt, decrypt and passphrase (``--only-crypt`` alone), import,
edit, merge, demo, import-qdpx, backup restore, a
recording's import, exports (docx, xlsx, qdpx, csv), check --fix and code-hits, each checked
for what it claims (after the kill the project opens, `check` finds no error, and the work is
all there or not at all); damaged, foreign and newer databases; a full disk on a small tmpfs
and a read-only place (where this process may mount, i.e. root on Linux; skipped otherwise);
fuzzed importer files. Every setup command must succeed (its exit code is checked) and every
case's precondition holds before it runs (the note the edits rewrite has codings; each fuzzing
seed imports cleanly). Every command must answer with at most one line on stderr and never a
traceback; after a failing command the project's
content is unchanged; no complete backup is ever lost. Prints a table of outcomes and exits 1
when any of those rules broke.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import wave
import zipfile
from collections.abc import Callable
from pathlib import Path

import stress_common as common
from stress_common import (
    PY,
    TALLIES,
    backups,
    content,
    copy_project,
    count,
    fieldkit,
    judge,
    must,
    tally,
)
from stress_crypt import sweep_conversions
from stress_kills import sweep_kills

# -- material --------------------------------------------------------------------------------


def make_inputs(work: Path) -> dict[str, Path]:
    """Seed files for imports and fuzzing, made here (no fixture is copied)."""
    from docx import Document as Docx
    from PIL import Image

    src = work / "inputs"
    src.mkdir()
    files: dict[str, Path] = {}
    for i in range(24):
        p = src / f"interview{i:02}.txt"
        p.write_text(f"Interviewer: Hoe leer je de kantbank {i}?\nSanne: Van Piet, ✓ "
                     f"{'en door het zelf te proberen ' * 20}\n", encoding="utf-8")
    files["txt"] = src / "interview00.txt"
    files["vtt"] = src / "rec.vtt"
    files["vtt"].write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jan>Goedemorgen.\n\n"
                            "00:00:05.000 --> 00:00:09.000\n<v Piet>De matrijs klemt.\n")
    files["srt"] = src / "rec.srt"
    files["srt"].write_text("1\n00:00:01,000 --> 00:00:04,000\nJan: Hallo\n\n2\n"
                            "00:00:05,000 --> 00:00:07,500\nPiet: Ja\n")
    doc = Docx()
    doc.add_paragraph("Interviewer: Wat doe je als de machine stilstaat?")
    doc.add_paragraph("Kees: Dan bel ik de monteur, of ik kijk eerst zelf.")
    files["docx"] = src / "kees.docx"
    doc.save(files["docx"])
    files["csv"] = src / "esm.csv"
    files["csv"].write_text("participant,timestamp,wat_geleerd_text\n"  # a generic wide table
                            "P1,2026-03-02 09:00,Druk vandaag\n"
                            "P2,2026-03-02 10:00,\"Rustig, veel geleerd\"\n")
    files["jpg"] = src / "foto.jpg"
    Image.new("RGB", (64, 48), "orange").save(files["jpg"])
    files["wav"] = src / "gesprek.wav"
    with wave.open(str(files["wav"]), "wb") as out:  # 20 s of a quiet tone
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"".join(int(3000 * math.sin(i / 8)).to_bytes(2, "little", signed=True)
                                 for i in range(16000 * 20)))
    cues = (f"00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n<v {('Jan', 'Piet')[i % 2]}>Zin {i} "
            "over de kantbank.\n\n" for i in range(20))  # 20 cues, 20 turns (two speakers)
    (src / "gesprek.vtt").write_text("WEBVTT\n\n" + "".join(cues), encoding="utf-8")
    return files




def base_project(work: Path) -> Path:
    """The demo study with one long fieldnote: the project most cases start from."""
    folder = work / "base.fieldkit"
    must("demo", str(folder))
    done = must("-p", str(folder), "note", "--site", "Stress", "--title", "Lange notitie",
                "--text", "Jan werkt aan de kantbank. " * 300, "--json")
    common.NOTE = str(json.loads(done.stdout)["id"])
    must("-p", str(folder), "codebook", "add", "Stress/Kantbank")
    for start in range(0, 8000, 800):
        must("-p", str(folder), "code", common.NOTE, str(start), str(start + 9),
             "Stress/Kantbank")
    codings = count(folder, "SELECT count(*) FROM codings WHERE document_id = ?",
                    (int(common.NOTE),))
    if codings != 10:  # the edit cases re-anchor these: without them they test nothing
        raise SystemExit(f"setup failed: the note to edit has {codings} codings, not 10")
    must("-p", str(folder), "export", "qdpx", str(work / "demo.qdpx"))
    must("-p", str(folder), "codebook", "export", str(work / "demo.qdc"))
    must("-p", str(folder), "backup")
    return folder


# -- damaged databases -----------------------------------------------------------------------


def _truncate(fraction: float) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        db = folder / "project.sqlite"
        data = db.read_bytes()
        db.write_bytes(data[:max(1, int(len(data) * fraction))])
    return damage


def _poke(offset: int, data: bytes, every: int = 0) -> Callable[[Path], None]:
    """Overwrite bytes at ``offset`` (of every ``every``-th page from the third, if given)."""
    def damage(folder: Path) -> None:
        db = folder / "project.sqlite"
        raw_bytes = bytearray(db.read_bytes())
        page = int.from_bytes(raw_bytes[16:18], "big") or 4096
        starts = range(2 * page, len(raw_bytes), every * page) if every else [0]
        for start in starts:
            raw_bytes[start + offset:start + offset + len(data)] = data
        db.write_bytes(bytes(raw_bytes))
    return damage


def _sql(*statements: str, bypass_triggers: bool = False) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        conn = sqlite3.connect(folder / "project.sqlite")
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall() if bypass_triggers else []
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)
        for _, sql in triggers:
            conn.execute(sql)
        conn.commit()
        conn.close()
    return damage


def _foreign(folder: Path) -> None:
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    conn = sqlite3.connect(folder / "project.sqlite")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()


def _lock_folder(folder: Path) -> None:
    (folder / "project.lock").unlink(missing_ok=True)
    (folder / "project.lock").mkdir()


def _hot_journal(folder: Path) -> None:
    script = ("import os, signal, sys, pathlib\nimport fieldkit.index\n"
              "from fieldkit.storage import database\n"
              "c = database.connect(pathlib.Path(sys.argv[1]))\n"
              "c.execute('PRAGMA journal_mode = DELETE'); c.execute('PRAGMA cache_size = 1')\n"
              "c.execute('BEGIN IMMEDIATE')\n"
              "c.execute(\"UPDATE documents SET title = 'half', text = 'half'\")\n"
              "c.execute('DELETE FROM change_log')\nos.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([PY, "-c", script, str(folder / "project.sqlite")])


DAMAGE: dict[str, Callable[[Path], None]] = {
    **{f"truncated {f:g}%": _truncate(f / 100) for f in (0.1, 1, 10, 50, 90)},
    "flipped header": _poke(16, b"\xff\xff\xff\xff\xff\xff\xff\xff"),
    "malformed pages": _poke(0, b"\xa5" * 48, every=5),
    "dropped search_index": _sql("DROP TABLE search_index"),
    "undecodable text": _sql("UPDATE documents SET text = CAST(X'4a616efffe20' AS TEXT) "
                             "WHERE id = 1", bypass_triggers=True),
    "foreign database": _foreign,
    "no identity": _sql("DELETE FROM meta"),
    "newer version": _sql("PRAGMA user_version = 999"),
    "lock is a folder": _lock_folder,
    "hot journal": _hot_journal,
}


def damaged_databases(work: Path, base: Path) -> None:
    for name, damage in DAMAGE.items():
        folder = copy_project(base, work / "damaged.fieldkit")
        damage(folder)
        good = backups(folder)
        commands = [["check", "--json"], ["docs"], ["show", "1"], ["search", "kantbank"],
                    ["backup", "list"], ["export", "csv", str(work / "damaged-csv")],
                    ["note", "--site", "S", "--title", "N", "--text", "nieuw"],
                    ["undo"], ["backup"], ["reindex"]]
        for argv in commands:
            before = content(folder) if name != "hot journal" else None
            done = fieldkit("-p", str(folder), *argv)
            judge("damaged: " + name, done, before=before,
                  after=content(folder) if before is not None else None, note=" ".join(argv))
        if set(good) - set(backups(folder)):
            tally("damaged: " + name).lost_backups += len(set(good) - set(backups(folder)))
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work / "damaged-csv", ignore_errors=True)


# -- a full disk and a read-only place --------------------------------------------------------


def mount(point: Path, options: str) -> bool:
    if sys.platform != "linux":
        return False
    point.mkdir(exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                          capture_output=True).returncode == 0


def unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fill(disk: Path) -> None:
    with open(disk / "filler", "wb", buffering=0) as fh:
        for size in (65536, 4096, 512, 1):
            try:
                while fh.write(b"\0" * size):
                    pass
            except OSError:
                continue


def full_disk(work: Path, base: Path, inputs: dict[str, Path]) -> bool:
    disk = work / "disk"
    if not mount(disk, "size=12m"):
        return False
    try:
        for room in (0, 64 * 1024):  # nothing left, a little
            folder = copy_project(base, disk / "full.fieldkit")
            fieldkit("-p", str(folder), "backup")
            fill(disk)
            if room:
                with open(disk / "filler", "r+b") as fh:
                    fh.truncate(max(0, os.path.getsize(disk / "filler") - room))
            good = backups(folder)
            texts = sorted(inputs["txt"].parent.glob("interview*.txt"))
            commands = [["import", *map(str, texts)], ["import", str(inputs["jpg"])],
                        ["backup"], ["export", "xlsx", str(disk / "o.xlsx")],
                        ["export", "csv", str(disk / "csv")],
                        ["export", "qdpx", str(disk / "o.qdpx")],
                        ["export", "docx", str(disk / "o.docx")],
                        ["note", "--site", "S", "--title", "Lang", "--text", "woord " * 20000],
                        ["edit", common.NOTE, "--text", "Kees werkt. " * 300], ["undo"],
                        ["reindex"],
                        ["merge", str(base)]]
            for argv in commands:
                before = content(folder)
                done = fieldkit("-p", str(folder), *argv)
                judge(f"full disk ({room // 1024} KB free)", done, before=before,
                      after=content(folder), note=argv[0])
                if done.returncode == 0 and argv[0] == "export":
                    Path(argv[-1]).unlink(missing_ok=True) if Path(argv[-1]).is_file() else \
                        shutil.rmtree(argv[-1], ignore_errors=True)
            t = tally(f"full disk ({room // 1024} KB free)")
            t.lost_backups += len(set(good) - set(backups(folder)))
            partial = [p.name for p in disk.iterdir()
                       if p.name.startswith(".fieldkit") or p.name in ("o.xlsx", "o.qdpx")
                       and os.path.getsize(p) == 0]
            partial += [p.name for p in (disk / "csv").iterdir()] if (disk / "csv").is_dir() \
                and any(p.name.startswith(".") for p in (disk / "csv").iterdir()) else []
            if partial:
                t.changed += 1
                t.notes.append(f"partial files left: {partial}")
            (disk / "filler").unlink()
            check = fieldkit("-p", str(folder), "check", "--json")
            if check.returncode != 0:
                t.changed += 1
                t.notes.append(f"check after the full disk: {check.stdout[:120]}")
            shutil.rmtree(folder, ignore_errors=True)
            for leftover in disk.iterdir():
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    finally:
        unmount(disk)
    return True


def read_only_place(work: Path, base: Path) -> bool:
    point = work / "ro"
    if not mount(point, "size=12m"):
        return False
    try:
        folder = copy_project(base, point / "ro.fieldkit")
        subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
        before = content(folder)
        for argv in (["docs"], ["show", "1"], ["search", "kantbank"], ["codings"], ["check"],
                     ["backup", "list"], ["export", "csv", str(work / "ro-csv")]):
            done = fieldkit("-p", str(folder), *argv)
            judge("read-only place: readers", done, note=argv[0])
            if done.returncode != 0:
                tally("read-only place: readers").notes.append(f"{argv[0]} refused: "
                                                                f"{done.stderr.strip()[:80]}")
        for argv in (["note", "--site", "S", "--title", "T", "--text", "t"], ["coder", "X"],
                     ["undo"], ["backup"], ["import", str(base / ".." / "inputs" /
                                                          "interview00.txt")]):
            done = fieldkit("-p", str(folder), *argv)
            judge("read-only place: writers", done, before=before, after=content(folder),
                  note=argv[0])
        judge("read-only place: writers", fieldkit("new", str(point / "n.fieldkit")),
              note="new")
    finally:
        unmount(point)
    return True


# -- fuzzed importers ------------------------------------------------------------------------


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if not data:
            break
        at = rng.randrange(len(data))
        if kind < 0.35:
            data[at] = rng.randrange(256)
        elif kind < 0.55:
            del data[at:at + rng.randint(1, 64)]
        elif kind < 0.75:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
        elif kind < 0.85:
            data = data[:at]
        else:
            data[at:at] = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00" * 8, b"-->",
                                      b"\r\n\r\n", "é👍".encode(), b"<Code>" * 20])
    return bytes(data)


def mutate_zip(path: Path, rng: random.Random) -> bytes:
    """Mutate one entry of a zip (docx, qdpx) and keep the zip readable, or the zip itself."""
    if rng.random() < 0.3:
        return mutate(path.read_bytes(), rng)
    with zipfile.ZipFile(path) as archive:
        entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    victim = rng.randrange(len(entries))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n, (name, data) in enumerate(entries):
            archive.writestr(name, mutate(data, rng) if n == victim else data)
    return out.getvalue()


def _seed_imports(work: Path, base: Path, kind: str, seed: Path) -> None:
    """A seed fieldkit itself refuses makes every fuzzed copy of it a test of that refusal."""
    scratch = copy_project(base, work / "seed.fieldkit")
    try:
        if kind == "qdpx":
            must("import-qdpx", str(seed), str(work / "seed-qdpx.fieldkit"))
        elif kind == "qdc":
            must("-p", str(scratch), "codebook", "import", str(seed))
        else:
            must("-p", str(scratch), "import", str(seed))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(work / "seed-qdpx.fieldkit", ignore_errors=True)


def fuzz_importers(work: Path, base: Path, inputs: dict[str, Path], per_kind: int) -> None:
    rng = random.Random(12)
    folder = copy_project(base, work / "fuzz.fieldkit")
    seeds = {**{k: v for k, v in inputs.items() if k != "wav"}, "qdpx": work / "demo.qdpx",
             "qdc": work / "demo.qdc"}
    for kind, seed in seeds.items():
        _seed_imports(work, base, kind, seed)
    fuzz = work / "fuzz"
    fuzz.mkdir()
    for kind, seed in seeds.items():
        for n in range(per_kind):
            data = mutate_zip(seed, rng) if kind in ("docx", "qdpx") else \
                mutate(seed.read_bytes(), rng)
            path = fuzz / f"f{n}.{kind}"
            path.write_bytes(data)
            before = content(folder)
            if kind == "qdpx":
                target = fuzz / f"q{n}.fieldkit"
                done = fieldkit("import-qdpx", str(path), str(target))
                if done.returncode != 0 and target.exists():
                    tally("fuzzed .qdpx").notes.append("a failed import-qdpx left a folder")
                    tally("fuzzed .qdpx").changed += 1
                shutil.rmtree(target, ignore_errors=True)
            elif kind == "qdc":
                done = fieldkit("-p", str(folder), "codebook", "import", str(path))
            else:
                done = fieldkit("-p", str(folder), "import", str(path))
            judge(f"fuzzed .{kind}", done, before=before, after=content(folder),
                  note=path.name)
    shutil.rmtree(fuzz, ignore_errors=True)


# -- the table -------------------------------------------------------------------------------


def report(skipped: list[str], seconds: float) -> int:
    head = ["case", "runs", "ok", "one-line error", "traceback", "multi-line", "changed",
            "lost backups"]
    rows = [[name, t.runs, t.ok, t.refused, t.tracebacks, t.multiline, t.changed,
             t.lost_backups] for name, t in TALLIES.items()]
    totals = ["total", *(sum(r[i] for r in rows) for i in range(1, len(head)))]
    widths = [max(len(str(r[i])) for r in [head, *rows, totals]) for i in range(len(head))]

    def line(r: list[object]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print("  ".join("-" * w for w in widths))
    print(line(totals))
    for name in skipped:
        print(f"skipped: {name} (cannot mount a tmpfs here; run as root on Linux)")
    problems = [(name, n) for name, t in TALLIES.items() for n in t.notes if n]
    for name, note in problems[:40]:
        print(f"  {name}: {note}")
    bad = sum(t.bad() for t in TALLIES.values())
    print(f"\n{sum(t.runs for t in TALLIES.values())} runs in {seconds:.0f} s: "
          f"{sum(t.tracebacks for t in TALLIES.values())} tracebacks, "
          f"{sum(t.changed for t in TALLIES.values())} changed projects after a failing "
          f"command, {sum(t.lost_backups for t in TALLIES.values())} lost backups"
          f"{' — FAILED' if bad else ''}")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="more kill points and fuzz files")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--crypt-trials", type=int, default=0, metavar="N",
                        help="kills of each of encrypt, decrypt, passphrase (default 4; 12 "
                             "with --long)")
    parser.add_argument("--only-crypt", action="store_true",
                        help="only the kill -9 trials of encrypted projects")
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="fieldkit-stress-"))
    skipped: list[str] = []
    try:
        inputs = make_inputs(work)
        base = base_project(work)
        sweep_conversions(work, base, args.crypt_trials or (12 if args.long else 4))
        if args.only_crypt:
            return report(skipped, time.monotonic() - started)
        sweep_kills(work, base, inputs, points=8 if args.long else 3)
        damaged_databases(work, base)
        if not full_disk(work, base, inputs):
            skipped.append("full disk")
        if not read_only_place(work, base):
            skipped.append("read-only place")
        fuzz_importers(work, base, inputs, per_kind=20 if args.long else 5)
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return report(skipped, time.monotonic() - started)


if __name__ == "__main__":
    sys.exit(main())
