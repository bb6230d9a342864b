"""The GUI tests' harness lets go of every modifier after each test (tests/gui/conftest.py):
the first test leaves Ctrl down on purpose; the second, run after it, starts with none held."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit


def test_a_test_that_leaves_ctrl_down(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyPress(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # never let go
    assert QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier


def test_the_next_test_starts_with_nothing_held() -> None:
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
