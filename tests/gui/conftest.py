"""GUI tests drive the real window offscreen on a small real project."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("FIELDKIT_CODER", "Anouk")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from fieldkit.project import Project  # noqa: E402

TRANSCRIPT = """[00:00:05] Interviewer: Hoe leerde je de nieuwe machine kennen?
[00:00:12] Kees: Vooral door mee te kijken met Henk, de ervaren operator.
[00:00:20] Interviewer: En als er iets misging?
[00:00:26] Kees: Dan probeerde ik het gewoon opnieuw, trial and error, tot de machine liep. 🙂 \
Daarna schreef ik het op.
"""


def make_photo(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (320, 240), (180, 120, 60)).save(path)
    return path


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDKIT_SETTINGS", str(tmp_path / "settings.ini"))
    # every GUI test starts in English whatever an earlier test (here or in another folder)
    # left installed: a Dutch locale left behind writes 0,318 where a test reads 0.318
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        from fieldkit.gui import i18n

        i18n.install("en")


@pytest.fixture(autouse=True)
def _no_key_left_held():
    """Every GUI test starts with no modifier held: a test's Ctrl+plus or Shift+F10 can leave
    Qt believing Ctrl or Shift is down, and a later test's Shift+F10 then arrives as
    Ctrl+Shift+F10 (no menu) or its selectRow as a range."""
    yield
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance()
    if app is None or QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    target = QWidget()  # the test's own widgets are gone by now
    target.show()
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
        QTest.keyRelease(target, key)
    target.close()
    target.deleteLater()


@pytest.fixture
def project(tmp_path: Path):
    p = Project.create(tmp_path / "Study.fieldkit", language="nl")
    source = tmp_path / "kees.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    p.imports.files([source], site="Hendriks", visit="2026-03-13", kind="transcript")
    p.add_note(site="Hendriks", visit="2026-03-13", title="Veldnotitie ochtend",
               text="Bij de kantbank legt Henk aan Kees uit hoe de nieuwe machine werkt.")
    p.add_code("Learning/Informal/Observation", colour="#34a853",
               definition="Learning by watching a colleague.")
    p.add_code("Learning/Informal/Trial and error", colour="#5bb974")
    p.add_code("Technology/New machine", colour="#fa903e")
    doc = next(d for d in p.documents() if d.kind == "transcript")
    text = p.document(doc.id).text
    start = text.index("mee te kijken")
    p.code_text(doc.id, start, start + len("mee te kijken met Henk"),
                "Learning/Informal/Observation")
    start = text.index("trial and error")
    p.code_text(doc.id, start, start + len("trial and error"), "Learning/Informal/Trial and error",
                coder="Bram", memo="Kees tries again.")
    yield p
    try:
        p.close()
    except Exception:
        pass


def open_window(qtbot, project: Project):
    """The real main window on ``project``, in English; closed after the test."""
    from fieldkit.gui import i18n
    from fieldkit.gui.app import application
    from fieldkit.gui.main_window import MainWindow

    application()
    i18n.install("en")
    w = MainWindow(project)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    yield w
    w.runner.wait()
    w.close()


@pytest.fixture
def window(qtbot, project: Project):
    yield from open_window(qtbot, project)


@pytest.fixture
def demo(tmp_path: Path):
    """The small demo study (sites, transcripts, photos, two coders)."""
    from fieldkit.demobuild import build_demo

    project = build_demo(tmp_path / "Demo.fieldkit", "small")
    yield project
    project.close()


def literal_calls(name: str) -> set[str]:
    """The string literals passed to ``name(...)`` (``tr`` or ``ntr``) anywhere in the GUI."""
    import ast

    from fieldkit.gui import i18n

    found: set[str] = set()
    for path in Path(i18n.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == name
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def interface_strings() -> set[str]:
    """Every singular interface string in its English source form: ``tr`` literals and the
    tables of labels translated where they are shown."""
    from fieldkit.gui import (
        agreement_dialog,
        cases_panel,
        change_labels,
        codebook_panel,
        coding,
        import_dialog,
        main_window,
        navigator,
        network_panel,
        network_scene,
        search_panel,
        sheet_model,
        suggestions_panel,
        survey_preview,
    )

    strings = literal_calls("tr") | literal_calls("speak_as") | literal_calls("describe_as")
    strings |= {label for label, _keys in main_window.ACTIONS.values()}
    strings |= set(navigator.KIND_NAMES.values()) | set(navigator.DocumentListModel.COLUMNS)
    strings |= set(codebook_panel.FIELD_LABELS.values()) | set(search_panel.HitsModel.HEADERS)
    strings |= {label for _k, label in search_panel.SCOPES}
    strings |= {label for _k, label in import_dialog.KINDS} | {coding.IN_VIVO_PARENT}
    strings |= {label for _k, label in agreement_dialog.COLUMNS}
    strings |= set(suggestions_panel.SuggestionsModel.HEADERS)
    strings |= set(change_labels.TEMPLATES) | set(change_labels.PROGRESS)
    strings |= set(sheet_model.TYPE_NAMES.values()) | set(cases_panel.CasesModel.COLUMNS)
    strings |= {"Recognise automatically", "Cases", "Documents"}  # rows of an imported table
    strings |= set(survey_preview.LAYOUT_NAMES.values()) | set(survey_preview.ColumnsModel.HEADERS)
    strings |= {label for _k, label in survey_preview.PER_CHOICES}
    strings |= set(survey_preview.BECOMES.values())
    strings |= {label for _k, label in network_panel.LAYOUTS}
    strings |= set(network_scene.DEFAULT_RELATIONS)
    return strings
