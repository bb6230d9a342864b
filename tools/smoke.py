"""Smoke test of an installed fieldkit: what a researcher does first, run from an empty folder.

    python tools/smoke.py --exe PATH/TO/fieldkit [--workdir DIR]

PATH/TO/fieldkit is the program under test: the ``fieldkit`` of a fresh virtualenv holding only
the built wheel (tests/test_wheel.py) or the PyInstaller bundle's executable (``make
bundle-check``). Each step runs it in a folder with no source tree, with its own home, settings
and caches, and checks the result: the version, the first-steps text, the demo study, a search,
Dutch and English screenshots of the welcome and the main window (the Dutch window must show the
Dutch of every English interface word the English one shows, per resources/i18n), a Word
file imported into a new project, and an encrypted project. Prints one line per step and a
closing count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "i18n"
TIMEOUT = 600


def dutch_table() -> dict[str, str]:
    """English source → Dutch, from every Dutch .ts file (plural entries left out)."""
    table: dict[str, str] = {}
    for ts in sorted(TS_DIR.glob("fieldkit*_nl.ts")):
        for message in ElementTree.parse(ts).getroot().iter("message"):
            source, node = message.findtext("source"), message.find("translation")
            if source and node is not None and node.text and message.get("numerus") != "yes":
                table[source] = node.text
    return table


class Smoke:
    def __init__(self, exe: Path, work: Path) -> None:
        self.exe, self.work = exe, work
        home = work / "home"
        home.mkdir(parents=True, exist_ok=True)
        skip = ("PYTHON", "VIRTUAL_ENV", "FIELDKIT", "XDG_", "QT_")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
        self.env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "roaming"),
                        LOCALAPPDATA=str(home / "local"), XDG_CONFIG_HOME=str(home / "config"),
                        XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
        self.passed: list[str] = []
        self.failed: list[str] = []

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(self.exe), *args], cwd=self.work, env=self.env, text=True,
                              capture_output=True, timeout=TIMEOUT, encoding="utf-8")
        if done.returncode != 0:
            raise AssertionError(f"fieldkit {' '.join(args)} exited {done.returncode}:\n"
                                 f"{done.stderr.strip()[-3000:]}")
        return done

    def step(self, name: str, check: Callable[[], None]) -> None:
        try:
            check()
        except Exception as exc:  # report every step, then fail at the end
            self.failed.append(name)
            print(f"FAIL  {name}: {exc}", flush=True)
        else:
            self.passed.append(name)
            print(f"ok    {name}", flush=True)

    # -- the steps ---------------------------------------------------------------------------

    def version(self) -> None:
        out = self.run("--version").stdout.strip()
        assert out.startswith("fieldkit ") and out[9:10].isdigit(), out

    def first_steps(self) -> None:
        out = self.run().stdout
        assert "Start here" in out and "fieldkit gui" in out, out

    def help(self) -> None:  # the bundle opens the app when started alone: it has --help
        out = self.run("--help").stdout
        assert "gui" in out and "demo" in out, out

    def demo(self) -> None:
        out = self.run("demo", "Demo.fieldkit").stdout
        assert "Built the demo study" in out, out

    def search(self) -> None:
        hits = json.loads(self.run("-p", "Demo.fieldkit", "search", "kantbank", "--json").stdout)
        rows = hits["hits"] if isinstance(hits, dict) else hits
        assert rows, "no hits for 'kantbank' in the demo study"

    def windows(self, project: str | None, name: str, minimum: int) -> None:
        words = {}
        for language in ("en", "nl"):
            shot = self.work / f"{name}-{language}.png"
            texts = self.work / f"{name}-{language}.json"
            self.run("gui", *([project] if project else []), "--language", language,
                     "--screenshot", str(shot), "--texts", str(texts))
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{shot} is no PNG"
            words[language] = json.loads(texts.read_text(encoding="utf-8"))
        dutch = dutch_table()
        english = [w for w in words["en"] if dutch.get(w, w) != w]
        assert len(english) >= minimum, f"only {len(english)} translatable words: {english}"
        still_english = [w for w in english if w in words["nl"]]
        missing = [dutch[w] for w in english if dutch[w] not in words["nl"]]
        assert not still_english, f"English in the Dutch window: {still_english}"
        assert not missing, f"Dutch words not shown: {missing}"

    def import_docx(self) -> None:
        self.run("-p", "Demo.fieldkit", "export", "docx", "segments.docx")
        self.run("new", "Mine.fieldkit", "--language", "nl")
        self.run("-p", "Mine.fieldkit", "import", "segments.docx", "--site", "Kantoor")
        docs = json.loads(self.run("-p", "Mine.fieldkit", "docs", "--json").stdout)
        assert len(docs) == 1 and docs[0]["chars"] > 1000, docs


    def encrypted(self) -> None:
        """SQLCipher, cryptography and Argon2 are in the program: a project made encrypted,
        written and searched with the passphrase, refused (one line, exit 2) without it."""
        with_pass = {**self.env, "FIELDKIT_PASSPHRASE": "smoke passphrase"}
        for argv in (["new", "Secret.fieldkit", "--encrypt", "--no-recovery"],
                     ["-p", "Secret.fieldkit", "note", "--site", "Hal", "--title", "Geheim",
                      "--text", "De kantbank van Zwaluwstaart"],
                     ["-p", "Secret.fieldkit", "search", "Zwaluwstaart", "--json"]):
            done = subprocess.run([str(self.exe), *argv], cwd=self.work, env=with_pass,
                                  text=True, capture_output=True, timeout=TIMEOUT,
                                  encoding="utf-8", stdin=subprocess.DEVNULL)
            assert done.returncode == 0, done.stderr[-2000:]
        assert len(json.loads(done.stdout)["hits"]) == 1, done.stdout
        db = (self.work / "Secret.fieldkit" / "project.sqlite").read_bytes()
        assert b"Zwaluwstaart" not in db and not db.startswith(b"SQLite format 3")
        done = subprocess.run([str(self.exe), "-p", "Secret.fieldkit", "docs"], cwd=self.work,
                              env=self.env, text=True, capture_output=True, timeout=TIMEOUT,
                              encoding="utf-8", stdin=subprocess.DEVNULL)
        assert done.returncode == 2 and "encrypted" in done.stderr, done.stderr[-2000:]

    def team_client(self) -> None:
        """The team-server client (psycopg with its libpq) is in the program: an unreachable
        server is the one-line answer, not a missing library."""
        done = subprocess.run([str(self.exe), "team", "join", "postgresql://nobody@127.0.0.1:1/x",
                               "Team.fieldkit"], cwd=self.work, env=self.env, text=True,
                              capture_output=True, timeout=TIMEOUT, encoding="utf-8")
        assert done.returncode == 2, done.stderr[-2000:]
        assert "cannot be reached" in done.stderr, done.stderr[-2000:]
        assert not (self.work / "Team.fieldkit").exists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", required=True, type=Path, help="the fieldkit program to test")
    parser.add_argument("--workdir", type=Path, help="an empty folder to work in (default: temp)")
    parser.add_argument("--bundle", action="store_true",
                        help="the program is the desktop bundle (alone, it opens the app)")
    args = parser.parse_args(argv)
    exe = args.exe.resolve()
    if not exe.is_file():
        print(f"no program at {exe}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="fieldkit-smoke-") as tmp:
        work = (args.workdir or Path(tmp)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        smoke = Smoke(exe, work)
        print(f"Smoke test of {exe} in {work}", flush=True)
        smoke.step("--version", smoke.version)
        if args.bundle:
            smoke.step("--help", smoke.help)
        else:
            smoke.step("first steps", smoke.first_steps)
        smoke.step("demo study", smoke.demo)
        smoke.step("search", smoke.search)
        smoke.step("welcome window in Dutch and English",
                   lambda: smoke.windows(None, "welcome", 5))
        smoke.step("main window in Dutch and English",
                   lambda: smoke.windows("Demo.fieldkit", "main", 20))
        smoke.step("import a Word file", smoke.import_docx)
        smoke.step("team-server client", smoke.team_client)
        smoke.step("an encrypted project", smoke.encrypted)
        print(f"smoke: {len(smoke.passed)} passed, {len(smoke.failed)} failed", flush=True)
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
