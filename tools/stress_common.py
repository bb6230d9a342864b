"""What every section of ``tools/stress.py`` shares: running fieldkit, judging its answers,
digests of a project's content, and the tally of outcomes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

NOTE = "1"  # the fieldnote the edit cases rewrite (set by stress.base_project)
PY = sys.executable
CONTENT = ("meta", "sites", "visits", "participants", "documents", "turns", "codes", "codings",
           "media", "coders")


@dataclass
class Tally:
    runs: int = 0
    ok: int = 0
    refused: int = 0  # one-line errors
    tracebacks: int = 0
    multiline: int = 0
    changed: int = 0  # project content changed by a failing command
    lost_backups: int = 0
    notes: list[str] = field(default_factory=list)

    def bad(self) -> int:
        return self.tracebacks + self.multiline + self.changed + self.lost_backups


TALLIES: dict[str, Tally] = {}


def tally(name: str) -> Tally:
    return TALLIES.setdefault(name, Tally())


def fieldkit(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([PY, "-m", "fieldkit", *argv], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(argv, -9, "", f"Traceback: no answer after "
                                                         f"{timeout:.0f} s ({argv[:3]})")


def must(*argv: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """A setup command, which must succeed: a case built on a failed setup tests nothing."""
    done = fieldkit(*argv, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"setup failed: fieldkit {' '.join(argv[:4])}: {done.stderr.strip()}")
    return done


def count(folder: Path, sql: str, params: tuple[object, ...] = ()) -> int:
    conn = sqlite3.connect(f"{(folder / 'project.sqlite').resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


def content(folder: Path, db: Path | None = None) -> str:
    """A digest of what the project holds (rows of the content tables), not of file bytes."""
    db = db or folder / "project.sqlite"
    if not db.is_file():
        return "absent"
    from fieldkit.storage.identity import read_only  # reads on a full disk too

    try:
        conn = read_only(db)
        conn.text_factory = bytes
        digest = hashlib.sha256()
        for table in CONTENT:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        conn.close()
        return digest.hexdigest()
    except sqlite3.Error as exc:
        return f"unreadable: {exc}"


def raw(folder: Path) -> str:
    db = folder / "project.sqlite"
    return hashlib.sha256(db.read_bytes()).hexdigest() if db.is_file() else "absent"


def backups(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((folder / "backups").glob("*.sqlite"))}


def judge(name: str, done: subprocess.CompletedProcess[str], *, before: str | None = None,
          after: str | None = None, note: str = "") -> None:
    """Count one command's outcome against the rules."""
    t = tally(name)
    t.runs += 1
    lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
    if "Traceback" in done.stderr:
        t.tracebacks += 1
        t.notes.append(f"{note}: traceback: {lines[-1] if lines else ''}")
    elif len(lines) > 1 and done.returncode != 0:  # warnings beside a success are fine
        t.multiline += 1
        t.notes.append(f"{note}: {len(lines)} lines: {lines[0][:80]}")
    if done.returncode == 0:
        t.ok += 1
    else:
        t.refused += 1
        if before is not None and after is not None and before != after:
            t.changed += 1
            t.notes.append(f"{note}: failed (exit {done.returncode}) but changed the project")


def copy_project(base: Path, target: Path) -> Path:
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("project.lock"))
    return target


def kill_after(argv: list[str], delay: float) -> int | None:
    child = subprocess.Popen([PY, "-m", "fieldkit", *argv], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        child.wait(timeout=delay)
        return child.returncode  # finished before the kill
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        return None
    finally:
        if child.stderr:
            child.stderr.close()
