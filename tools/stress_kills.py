"""The kill -9 sweeps of ``tools/stress.py``: each command is killed at several moments and
then checked for what it claims (the project opens, ``check`` finds no error, and the work is
all there or not at all; no backup is lost; the lock died with the writer)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import stress_common as common
from stress_common import (
    backups,
    content,
    copy_project,
    count,
    fieldkit,
    judge,
    kill_after,
    must,
    tally,
)


def sweep_kills(work: Path, base: Path, inputs: dict[str, Path], points: int) -> None:
    texts = sorted(inputs["txt"].parent.glob("interview*.txt"))
    edited = work / "edited.txt"
    edited.write_text("Kees werkt aan de kantbank. " * 250 + "Nieuw einde.")
    other = copy_project(base, work / "other.fieldkit")
    must("-p", str(other), "coder", "Bram")
    must("-p", str(other), "note", "--site", "Extra", "--title", "Van Bram", "--text",
         "Bram schrijft mee. " * 200)
    hits = _code_hits_reference(work, base)
    for i, delay in enumerate(0.15 + 1.6 * k / max(1, points - 1) for k in range(points)):
        cases = {"import": ["import", *map(str, texts), "--site", "Bakkerij"],
                 "edit": ["edit", common.NOTE, "--file", str(edited)],
                 "merge": ["merge", str(other)],
                 "recording import": ["import", str(inputs["wav"]), "--transcript",
                                      str(inputs["wav"].with_suffix(".vtt")), "--site", "Hal"],
                 "code-hits": ["code-hits", "kantbank", "Stress/Kantbank", "--coder", "Hits"],
                 "check --fix": ["check", "--fix"]}
        for name, argv in cases.items():
            folder = copy_project(base, work / f"kill-{name}-{i}.fieldkit")
            allowed = [content(folder)]  # untouched, or (see _complete) wholly done
            if name == "check --fix":
                stray = _stray_media(folder)
            before_backups = backups(folder)
            finished = kill_after(["-p", str(folder), *argv], delay)
            _after_kill(f"kill -9 {name}", folder, allowed, before_backups, finished, hits)
            if name == "check --fix":
                _fix_finished(folder, stray, delay)
            shutil.rmtree(folder, ignore_errors=True)
        _kill_restore(work, base, delay)
        _kill_exports(work, base, delay)
        for name, argv in (("demo", ["demo"]), ("import-qdpx", ["import-qdpx",
                                                                str(work / "demo.qdpx")])):
            target = work / f"kill-{name}-{i}.fieldkit"
            kill_after([*argv, str(target)], delay)
            t = tally(f"kill -9 {name}")
            t.runs += 1
            if target.exists():
                done = fieldkit("-p", str(target), "check")
                if done.returncode != 0 or "Traceback" in done.stderr:
                    t.changed += 1
                    t.notes.append(f"delay {delay:.2f}: a project that does not check out")
                else:
                    t.ok += 1
            else:
                retry = fieldkit(*argv, str(target))  # a killed build must not block this
                judge(f"kill -9 {name}", retry, note=f"retry after kill at {delay:.2f}s")
                t.runs -= 1
                if retry.returncode != 0:
                    t.notes.append(f"retry failed: {retry.stderr.strip()[:80]}")
            shutil.rmtree(target, ignore_errors=True)


def _after_kill(name: str, folder: Path, allowed: list[str], before_backups: dict[str, str],
                finished: int | None, hits: int = 0) -> None:
    t = tally(name)
    t.runs += 1
    done = fieldkit("-p", str(folder), "check", "--json")
    if "Traceback" in done.stderr:
        t.tracebacks += 1
        t.notes.append(f"check after kill: {done.stderr.strip().splitlines()[-1]}")
        return
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        t.changed += 1
        t.notes.append(f"check after kill: {done.stderr.strip()[:80]}")
        return
    problems = [p["message"] for p in report["problems"] if p["severity"] == "error"]
    if problems:
        t.changed += 1
        t.notes.append(f"damaged after kill: {problems[:1]}")
        return
    after = content(folder)
    if after not in allowed and not _complete(name, folder, hits):
        t.changed += 1
        t.notes.append("a half-done change after kill -9")
        return
    lost = set(before_backups) - set(backups(folder))
    if lost:
        t.lost_backups += len(lost)
    probe = fieldkit("-p", str(folder), "coder", "Stress")  # the lock died with the writer
    if probe.returncode != 0:
        t.changed += 1
        t.notes.append(f"writer after kill: {probe.stderr.strip()[:80]}")
        return
    t.ok += 1


def _complete(name: str, folder: Path, hits: int = 0) -> bool:
    """The killed command finished its transaction before the kill: all of it is there."""
    conn = sqlite3.connect(f"{(folder / 'project.sqlite').resolve().as_uri()}?mode=ro",
                           uri=True)
    try:
        if "recording" in name:  # the recording, its transcript with every turn, linked
            return conn.execute(
                "SELECT (SELECT count(*) FROM documents WHERE kind = 'recording' AND "
                "source_name = 'gesprek.wav') = 1 AND (SELECT count(*) FROM turns t JOIN "
                "documents d ON d.id = t.document_id WHERE d.source_name = 'gesprek.vtt') = 20 "
                "AND (SELECT count(*) FROM transcript_links) >= 1").fetchone()[0] == 1
        if "code-hits" in name:  # every hit coded by the coder of this run, or none
            return conn.execute("SELECT count(*) FROM codings c JOIN coders r ON "
                                "r.id = c.coder_id WHERE r.name = 'Hits'").fetchone()[0] == hits
        if "import" in name:
            return conn.execute("SELECT count(*) FROM documents WHERE source_name LIKE "
                                "'interview__.txt'").fetchone()[0] == 24
        if "edit" in name:
            return conn.execute("SELECT text LIKE 'Kees%' FROM documents WHERE id = ?",
                                (int(common.NOTE),)).fetchone()[0] == 1
        if "merge" in name:
            return conn.execute("SELECT count(*) FROM documents WHERE title = 'Van Bram'"
                                ).fetchone()[0] == 1
        return False
    finally:
        conn.close()


def _code_hits_reference(work: Path, base: Path) -> int:
    """How many codings ``code-hits kantbank`` makes when it runs to the end."""
    folder = copy_project(base, work / "hits-reference.fieldkit")
    must("-p", str(folder), "code-hits", "kantbank", "Stress/Kantbank", "--coder", "Hits")
    made = count(folder, "SELECT count(*) FROM codings c JOIN coders r ON r.id = c.coder_id "
                         "WHERE r.name = 'Hits'")
    shutil.rmtree(folder)
    if made == 0:
        raise SystemExit("setup failed: code-hits kantbank coded nothing")
    return made


def _stray_media(folder: Path) -> Path:
    """A file in media/ that no document uses (what an interrupted import leaves)."""
    data = b"left behind by an import that was stopped"
    stray = folder / "media" / (hashlib.sha256(data).hexdigest() + ".txt")
    stray.write_bytes(data)
    return stray


def _fix_finished(folder: Path, stray: Path, delay: float) -> None:
    """After the kill a second check --fix finishes the work and check is then clean."""
    t = tally("kill -9 check --fix")
    again = fieldkit("-p", str(folder), "check", "--fix")
    done = fieldkit("-p", str(folder), "check")
    if again.returncode != 0 or done.returncode != 0 or stray.exists():
        t.changed += 1
        t.notes.append(f"delay {delay:.2f}: check --fix could not finish after the kill: "
                       f"{(again.stderr or done.stderr or done.stdout).strip()[:80]}")


def _kill_restore(work: Path, base: Path, delay: float) -> None:
    """kill -9 during `backup restore`: the project is untouched; the new folder is absent (and
    a retry is not blocked) or a whole project holding exactly the backup's content."""
    t = tally("kill -9 restore")
    t.runs += 1
    source = copy_project(base, work / "restore-source.fieldkit")
    listed = json.loads(must("-p", str(source), "backup", "list", "--json").stdout)
    backup_id, backup_file = listed[0]["id"], Path(listed[0]["path"])
    wanted, before = content(source, backup_file), content(source)
    target = work / "restored.fieldkit"
    kill_after(["-p", str(source), "backup", "restore", backup_id, str(target)], delay)
    if content(source) != before:
        t.changed += 1
        t.notes.append(f"delay {delay:.2f}: restore changed the project it restored from")
    elif not target.exists():
        retry = fieldkit("-p", str(source), "backup", "restore", backup_id, str(target))
        if retry.returncode != 0 or content(target) != wanted:
            t.changed += 1
            t.notes.append(f"delay {delay:.2f}: retry after the kill: "
                           f"{retry.stderr.strip()[:80]}")
        else:
            t.ok += 1
    else:
        check = fieldkit("-p", str(target), "check")
        if check.returncode != 0 or content(target) != wanted:
            t.changed += 1
            t.notes.append(f"delay {delay:.2f}: a restored folder that is not the whole "
                           f"backup: {(check.stderr or check.stdout).strip()[:80]}")
        else:
            t.ok += 1
    shutil.rmtree(source, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)


EXPORTS = {"docx": ["export", "docx"], "xlsx": ["export", "xlsx"], "qdpx": ["export", "qdpx"],
           "csv": ["export", "csv"]}


def _whole_export(kind: str, out: Path, reference: list[str]) -> bool:
    """An export that is all there: a zip that reads through, or every file of the CSV set."""
    if kind == "csv":  # every table, or none (hidden staging files are noted separately)
        shown = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        return shown in (reference, [])
    try:
        with zipfile.ZipFile(out) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def _hidden(out: Path) -> list[str]:
    """Hidden files beside (or, for a CSV folder, inside) an export's output."""
    hidden = [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
    if out.is_dir():
        hidden += [f"{out.name}/{p.name}" for p in out.iterdir() if p.name.startswith(".")]
    return hidden


def _kill_exports(work: Path, base: Path, delay: float) -> None:
    """kill -9 during each export: the project is untouched and checks clean; the output is
    absent or whole, and what the killed export left beside it is gone after the next export."""
    folder = copy_project(base, work / "export.fieldkit")
    before = content(folder)
    reference = work / "csv-reference"
    if not reference.exists():
        must("-p", str(folder), "export", "csv", str(reference))
    names = sorted(p.name for p in reference.iterdir())
    for kind, argv in EXPORTS.items():
        t = tally(f"kill -9 export {kind}")
        t.runs += 1
        out = work / "exports" / (f"out.{kind}" if kind != "csv" else "out-csv")
        out.parent.mkdir(exist_ok=True)
        kill_after(["-p", str(folder), *argv, str(out)], delay)
        check = fieldkit("-p", str(folder), "check")
        if content(folder) != before or check.returncode != 0:
            t.changed += 1
            t.notes.append(f"delay {delay:.2f}: the project changed or does not check out")
        elif out.exists() and not _whole_export(kind, out, names):
            t.changed += 1
            t.notes.append(f"delay {delay:.2f}: a half-written {kind} at the output path")
        else:
            t.ok += 1
        if _hidden(out):
            # what a killed export left is cleared by the next export into the same place
            if out.is_dir():
                shutil.rmtree(out)
            else:
                out.unlink(missing_ok=True)
            again = fieldkit("-p", str(folder), *argv, str(out))
            left = _hidden(out)
            if again.returncode != 0 or left:
                t.changed += 1
                t.notes.append(f"delay {delay:.2f}: the next export left {left[:2]} "
                               f"({again.stderr.strip()[:60]})")
        shutil.rmtree(out.parent, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
