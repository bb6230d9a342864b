"""Shared fixtures: real projects in temporary folders, and the real-world fixture files.

Where PySide6 is not installed (fieldkit without its gui extra, as the headless job of
``make test`` installs it), the tests that need Qt are left out: ``tests/gui``, the team window
tests, and every test marked ``qt``. ``FIELDKIT_HEADLESS=1`` (the headless job) also makes
sure that PySide6 really is absent and that no test reached ``fieldkit.gui``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project

SHARED_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"

HAS_QT = importlib.util.find_spec("PySide6") is not None
HEADLESS = os.environ.get("FIELDKIT_HEADLESS") == "1"
QT_TESTS = ["gui", "teamserver/test_team_window.py", "teamserver/test_hostile_history_window.py"]
collect_ignore = [] if HAS_QT else QT_TESTS
# FIELDKIT_TEST_ENCRYPTED=1 (`make test-encrypted`): every project a test makes in this process
# (Project.create, .build: the demo, a qdpx import) is an encrypted one, and the CLI the tests
# run finds its passphrase in FIELDKIT_PASSPHRASE: the suite once more on SQLCipher and sealed
# media (issue 31).
ENCRYPTED = os.environ.get("FIELDKIT_TEST_ENCRYPTED") == "1"
TEST_PASSPHRASE = "test passphrase ü"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # pytest-qt's log capture installs a Python message handler for Qt. Qt's media backend logs
    # from its own threads while the main thread, holding the interpreter, waits on them (in
    # QMediaPlayer.stop, for one): the handler then waits for the interpreter for ever, and the
    # suite hangs (seen under load, with py-spy). Qt's own handler needs no interpreter.
    if hasattr(config.option, "qt_log"):
        config.option.qt_log = False
    if HEADLESS and HAS_QT:
        raise pytest.UsageError("FIELDKIT_HEADLESS=1, yet PySide6 is installed in this "
                                f"environment ({sys.executable}): the headless job needs one "
                                "without it (pip install -e '.[test]', not '.[dev]')")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not HAS_QT:
        skip = pytest.mark.skip(reason="needs PySide6 (fieldkit[gui])")
        for item in items:
            if item.get_closest_marker("qt"):
                item.add_marker(skip)


def pytest_sessionfinish(session: pytest.Session) -> None:
    reached = sorted(m for m in sys.modules
                     if m.split(".")[0] in ("PySide6", "shiboken6")
                     or m == "fieldkit.gui" or m.startswith("fieldkit.gui."))
    if HEADLESS and reached:
        print(f"\nheadless job: a Qt-free test imported {', '.join(reached)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=ENCRYPTED)
def every_project_encrypted(monkeypatch: pytest.MonkeyPatch) -> None:
    """With FIELDKIT_TEST_ENCRYPTED=1: the projects tests make are encrypted (see above)."""
    if not ENCRYPTED:
        return
    build = Project.build.__func__  # type: ignore[attr-defined]

    def encrypted(cls: type[Project], path: Path, **options: object) -> Project:
        options["passphrase"] = options.get("passphrase") or TEST_PASSPHRASE
        return build(cls, path, **options)  # type: ignore[no-any-return]

    monkeypatch.setattr(Project, "build", classmethod(encrypted))
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", TEST_PASSPHRASE)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "Studie.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        yield p


@pytest.fixture
def noted(project: Project) -> Project:
    """A project with one fieldnote holding accents, emoji and a coded sentence."""
    project.add_note(
        site="Metaalbewerking Oost", visit="2026-03-02", title="Eerste bezoek",
        text="09:14 Jan laat Piet zien hoe de kantbank werkt.\n"
             "09:20 Coördinatie met de planner 👍 loopt via WhatsApp.\n"
             "09:31 Piet probeert het zelf; één fout, daarna goed.",
    )
    project.add_code("Leren/Informeel/Collega helpt", colour="#3cb44b",
                     definition="Een collega legt uit of doet voor.")
    project.add_code("Leren/Informeel/Uitproberen")
    return project
