"""Shared fixtures: real projects in temporary folders, and the real-world fixture files.

Where PySide6 is not installed (fieldkit without its gui extra, as the headless job of
``make test`` installs it), the tests that need Qt are left out: ``tests/gui``, the team window
tests, and every test marked ``qt``. ``FIELDKIT_HEADLESS=1`` (the headless job) also makes
sure that PySide6 really is absent and that no test reached ``fieldkit.gui``.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project

SHARED_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"

HAS_QT = importlib.util.find_spec("PySide6") is not None
# pytest-timeout (its limit is in pyproject.toml) fires first when it can; the watchdog after
HAS_TIMEOUT = importlib.util.find_spec("pytest_timeout") is not None
DEFAULT_TIMEOUT, HANG_MARGIN = 300.0, 120.0
HEADLESS = os.environ.get("FIELDKIT_HEADLESS") == "1"
QT_TESTS = ["gui", "teamserver/test_team_window.py", "teamserver/test_hostile_history_window.py"]
collect_ignore = [] if HAS_QT else QT_TESTS
# FIELDKIT_TEST_ENCRYPTED=1 (`make test-encrypted`): every project a test makes in this process
# (Project.create, .build: the demo, a qdpx import) is an encrypted one, and the CLI the tests
# run finds its passphrase in FIELDKIT_PASSPHRASE: the suite once more on SQLCipher and sealed
# media (issue 31).
ENCRYPTED = os.environ.get("FIELDKIT_TEST_ENCRYPTED") == "1"
TEST_PASSPHRASE = "test passphrase ü"
# Tests that read or damage a project's files behind fieldkit's back with plain sqlite3, expect
# sqlite3's own error classes, or compare a stored media file's bytes with the original: with
# the project encrypted they cannot (the database is SQLCipher's, the file is sealed), so the
# encrypted run leaves them out. Everything else runs (`make test-encrypted`).
PLAIN_ONLY = {
    "tests/analysis/test_memo_authors.py::test_a_project_of_step_11_gets_its_memos_writers",
    "tests/index/test_edit_regions.py::test_a_project_made_at_step_10_gets_relative_region_rows",
    "tests/recordings/test_import.py::test_each_format_becomes_a_recording_document",
    "tests/recordings/test_import.py::test_old_projects_migrate_and_accept_recordings",
    "tests/storage/test_backups.py::test_a_backup_that_does_not_open_at_this_version_is_refused"
    "_before_it_is_in_place",
    "tests/storage/test_backups.py::test_automatic_backup_on_open_when_the_last_is_older_than_"
    "the_interval",
    "tests/storage/test_backups.py::test_damage_only_the_whole_integrity_check_finds_leaves_"
    "nothing_behind",
    "tests/storage/test_backups.py::test_rotation_keeps_the_last_n_and_one_per_day_for_a_week",
    "tests/storage/test_backups.py::test_rotation_never_deletes_the_last_good_backup",
    "tests/storage/test_case_tables.py::test_a_case_part_is_a_span_of_at_least_one_code_point",
    "tests/storage/test_case_tables.py::test_step_14_defines_every_name_in_use_and_types_its_"
    "values",
    "tests/storage/test_failed_writes.py::test_a_write_that_cannot_begin_leaves_no_action_half_"
    "open",
    "tests/storage/test_failed_writes.py::test_a_write_that_fills_the_disk_says_so_not_cannot_"
    "rollback",
    "tests/storage/test_failed_writes.py::test_undo_after_a_failed_write_reports_the_real_error",
    "tests/storage/test_interrupted.py::test_originals_of_older_projects_are_registered_not_"
    "removed",
    "tests/storage/test_interrupted.py::test_readers_recover_a_hot_journal_a_killed_writer_left",
    "tests/storage/test_refusals.py::test_a_damaged_database_gets_one_line_from_every_command_"
    "and_check_reports",
    "tests/storage/test_refusals.py::test_a_newer_project_is_refused_with_exit_2_for_readers_too",
    "tests/storage/test_refusals.py::test_a_project_with_a_table_fieldkit_does_not_know_is_"
    "refused",
    "tests/storage/test_refusals.py::test_a_project_without_identity_is_refused_and_check_flags"
    "_it",
    "tests/storage/test_refusals.py::test_reindex_repairs_a_dropped_search_index",
    "tests/storage/test_undo_log.py::test_a_failing_change_rolls_back_whole",
    "tests/storage/test_undo_log.py::test_foreign_keys_are_enforced",
    "tests/test_checks.py::test_every_kind_of_damage_is_one_problem_in_plain_words",
    "tests/test_checks.py::test_the_command_line_check_lists_them_and_fails",
    "tests/test_media_integrity.py::test_check_finds_and_every_export_refuses_damaged_media",
    "tests/test_media_integrity.py::test_importing_the_same_bytes_again_repairs_the_stored_copy",
    "tests/test_project.py::test_migration_takes_a_backup_first",
    "tests/test_project.py::test_newer_schema_is_refused",
}


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


# The slowest test files (seconds of tests in one run of the main suite, 2026-12-07), started
# first: the test processes take files from one queue, and a long file taken last (building and
# installing the wheel, 97 s) kept one process busy while the other had finished. The rest go
# by their number of tests, most first, as pytest-xdist orders them by default. A file missing
# here costs only balance, never a test.
# test_second_look.py goes first, into a fresh test process: after test_classification_sheet.py
# in the same process its Shift+F10 test opens no menu (every time, with output captured; not
# with -s), a leak between tests found but not yet explained (see the closing note).
SLOW_FILES = ("tests/gui/test_second_look.py",  # not slow: see above
              "tests/test_wheel.py", "tests/test_benchmarks_quick.py",
              "tests/analysis/test_attribute_scope.py", "tests/gui/test_where_gui.py",
              "tests/teamserver/test_attacks.py", "tests/gui/test_atspi.py",
              "tests/gui/test_screen_reader.py", "tests/storage/test_encryption.py",
              "tests/test_cli.py", "tests/teamserver/test_hostile_history.py",
              "tests/teamserver/test_team_window.py", "tests/gui/test_focus_order.py",
              "tests/gui/test_classification_sheet.py", "tests/teamserver/test_benchmark_quick.py")


def slowest_first(items: list[pytest.Item]) -> None:
    """Order the files (their tests kept together and in order): ``SLOW_FILES`` first, then
    the others by their number of tests (the Makefile runs pytest-xdist with
    ``--no-loadscope-reorder``, so this order is the order the processes take them in)."""
    def file_of(item: pytest.Item) -> str:
        return item.nodeid.split("::")[0]

    count = Counter(map(file_of, items))
    rank = {name: i for i, name in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: (rank.get(file_of(item), len(rank)), -count[file_of(item)],
                                 file_of(item)))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slowest_first(items)
    if ENCRYPTED:
        plain = pytest.mark.skip(reason="reads the project's files as plain ones (PLAIN_ONLY)")
        for item in items:
            if item.nodeid.split("[")[0] in PLAIN_ONLY:
                item.add_marker(plain)
    if not HAS_QT:
        skip = pytest.mark.skip(reason="needs PySide6 (fieldkit[gui])")
        for item in items:
            if item.get_closest_marker("qt"):
                item.add_marker(skip)


def _qt_reached() -> list[str]:
    """The Qt and ``fieldkit.gui`` modules this process has imported."""
    return sorted(m for m in sys.modules
                  if m.split(".")[0] in ("PySide6", "shiboken6")
                  or m == "fieldkit.gui" or m.startswith("fieldkit.gui."))


def pytest_sessionfinish(session: pytest.Session) -> None:
    reached = _qt_reached()
    if HEADLESS and reached:
        print(f"\nheadless job: a Qt-free test imported {', '.join(reached)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=HEADLESS)
def no_qt_in_the_headless_job() -> Iterator[None]:
    """In the headless job, the test after which Qt or ``fieldkit.gui`` is imported fails (a
    test process of pytest-xdist cannot fail the run from ``pytest_sessionfinish``)."""
    yield
    if HEADLESS and ("fieldkit.gui" in sys.modules or "PySide6" in sys.modules):
        pytest.fail(f"headless job: a Qt-free test imported {', '.join(_qt_reached())}",
                    pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """A test that hangs with the interpreter held (a deadlock in native code) ends the run
    with every thread's stack soon after its timeout. pytest-timeout's thread needs the
    interpreter to fire and cannot; faulthandler's watchdog is a C thread that does not."""
    marker = item.get_closest_marker("timeout")
    if marker and marker.args:
        limit = float(marker.args[0])
    else:
        limit = float(item.config.getini("timeout") or 0) if HAS_TIMEOUT else 0.0
    faulthandler.dump_traceback_later((limit or DEFAULT_TIMEOUT) + HANG_MARGIN, exit=True)
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=HAS_QT)
def no_python_message_handler_left() -> Iterator[None]:
    """No test leaves a Python message handler installed for Qt (see pytest_configure): a
    screenshot taken in-process once left the app's own, and the recording player's tests
    that ran later hung CI. The test that leaves one fails, and the default is put back."""
    yield
    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import qInstallMessageHandler

    left = qInstallMessageHandler(None)
    if left is not None:
        pytest.fail(f"this test left a Python message handler for Qt installed: {left!r}",
                    pytrace=False)


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
