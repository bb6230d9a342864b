"""The kill -9 trials of ``tools/stress.py`` for encrypted projects (issue 31): ``encrypt``,
``decrypt`` and ``passphrase`` killed at random moments. After each kill the project must open
with the old passphrase or the new one (or plain, as before or after), hold exactly the same
content as before, pass ``check``, and no backup may be lost (counted, as backups are converted
with the project and their bytes change)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from pathlib import Path

from stress_common import PY, content, copy_project, tally

OLD, NEW = "oud wachtwoord ü", "new passphrase 🙂"


def _run(argv: list[str], env: dict[str, str], delay: float | None = None) -> int | None:
    """Run ``fieldkit argv``; with ``delay``, kill -9 it then (None when it was killed)."""
    child = subprocess.Popen([PY, "-m", "fieldkit", *argv], env={**os.environ, **env},
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    try:
        child.wait(timeout=delay if delay is not None else 300)
        if child.returncode != 0:
            raise SystemExit(f"fieldkit {' '.join(argv[:3])} failed: "
                             f"{child.stderr.read().strip() if child.stderr else ''}")
        return child.returncode
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return None
    finally:
        if child.stderr:
            child.stderr.close()


def _state(folder: Path) -> tuple[str, str]:
    """Which key opens the project now ("plain", "old", "new" or "none") and its content."""
    from fieldkit.core.errors import WrongPassphrase
    from fieldkit.operations import encryption
    from fieldkit.storage import conversion, keys

    keys._unlocked.clear()
    conversion.finish_interrupted_if_free(folder)
    if not keys.is_encrypted(folder):
        return "plain", content(folder)
    for name, secret in (("old", OLD), ("new", NEW)):
        try:
            encryption.unlock(folder, secret)
        except WrongPassphrase:
            continue
        return name, content(folder)
    return "none", ""


def _checks(folder: Path, env: dict[str, str]) -> bool:
    done = subprocess.run([PY, "-m", "fieldkit", "-p", str(folder), "check"],
                          env={**os.environ, **env}, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    return done.returncode == 0 and not done.stderr.strip()


def sweep_conversions(work: Path, base: Path, trials: int, seed: int = 31) -> None:
    """``trials`` kills of each conversion, at moments spread over its measured length."""
    rng = random.Random(seed)
    outcomes: dict[str, dict[str, int]] = {}
    truth = content(base)
    backups = len(list((base / "backups").glob("*.sqlite")))
    plain = copy_project(base, work / "crypt-timing.fieldkit")
    started = time.monotonic()
    _run(["encrypt", str(plain)], {"FIELDKIT_PASSPHRASE": OLD})
    encrypt_time = time.monotonic() - started
    shutil.rmtree(plain, ignore_errors=True)
    cases = {  # name: (start encrypted?, argv, env, the states it may leave)
        "encrypt": (False, ["encrypt"], {"FIELDKIT_PASSPHRASE": OLD}, {"plain", "old"}),
        "decrypt": (True, ["decrypt"], {"FIELDKIT_PASSPHRASE": OLD}, {"old", "plain"}),
        "passphrase": (True, ["passphrase"], {"FIELDKIT_PASSPHRASE": OLD,
                                              "FIELDKIT_NEW_PASSPHRASE": NEW}, {"old", "new"}),
    }
    encrypted = copy_project(base, work / "crypt-encrypted.fieldkit")
    _run(["encrypt", str(encrypted)], {"FIELDKIT_PASSPHRASE": OLD})
    for name, (start_encrypted, argv, env, allowed) in cases.items():
        t = tally(f"kill -9 {name}")
        span = encrypt_time * 1.2 if name != "passphrase" else 1.2
        for i in range(trials):
            folder = copy_project(encrypted if start_encrypted else base,
                                  work / f"crypt-{name}-{i}.fieldkit")
            delay = rng.uniform(0.02, span)
            finished = _run([*argv, str(folder)], env, delay) is not None
            t.runs += 1
            state, found = _state(folder)
            left = len(list((folder / "backups").glob("*.sqlite")))
            key_env = {"FIELDKIT_PASSPHRASE": NEW if state == "new" else OLD}
            if state not in allowed or found != truth:
                t.changed += 1
                t.notes.append(f"{delay:.2f}s: opens as {state}, content "
                               f"{'same' if found == truth else 'DIFFERENT'}")
            elif left < backups:
                t.lost_backups += 1
                t.notes.append(f"{delay:.2f}s: {backups - left} backups gone")
            elif not _checks(folder, key_env):
                t.changed += 1
                t.notes.append(f"{delay:.2f}s: check fails after the kill ({state})")
            else:
                t.ok += 1
            seen = outcomes.setdefault(name, {})
            said = f"{'finished' if finished else 'killed'}, opens {state}"
            seen[said] = seen.get(said, 0) + 1
            shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(encrypted, ignore_errors=True)
    for name, seen in outcomes.items():
        print(f"kill -9 {name}: " + "; ".join(f"{n}× {said}" for said, n in sorted(seen.items())))
