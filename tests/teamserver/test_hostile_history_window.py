"""The app's side of a distrustful replica (issue 21): what a sync left out or the server
refused is in the status bar, the indicator's tooltip and the team dialog; joining under a coder
name the study has is refused unless 'I am this coder' is ticked — real window, offscreen."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from .test_hostile_history import _doc, _insert  # noqa: E402
from .test_team_window import _settings, open_window, warnings  # noqa: E402, F401

pytest.importorskip("pytestqt")


def test_a_skipped_change_set_is_shown_after_sync_now(published, open_window, qtbot,  # noqa: F811
                                                      monkeypatch) -> None:
    from fieldkit.gui import team_sync

    monkeypatch.setattr(team_sync, "PERIOD_MS", 600_000)
    team, _lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    window = open_window(anna, "nl")
    qtbot.waitUntil(lambda: not window.team_sync.syncing, timeout=10000)
    seq = _insert(team, [1], label="Kapot")
    window.sync_now()
    window.runner.wait()
    qtbot.waitUntil(lambda: "Niet toegepast" in window.statusBar().currentMessage(),
                    timeout=10000)
    assert f"#{seq}" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "Laatste probleem" in window.team_indicator.toolTip())
    assert "'Kapot'" in window.team_indicator.toolTip()
    dialog = window.team_dialog()
    assert "Niet toegepast" in dialog.fact_labels["last_problem"].text()
    dialog.close()


def test_a_refusal_in_sync_now_is_a_dialog(replicas, open_window, qtbot,  # noqa: F811
                                           warnings, monkeypatch) -> None:  # noqa: F811
    from fieldkit.gui import team_sync

    monkeypatch.setattr(team_sync, "PERIOD_MS", 600_000)
    team, lead, anna, bram = replicas
    anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    anna.team.sync()
    bram.team.sync()
    window = open_window(bram)
    qtbot.waitUntil(lambda: not window.team_sync.syncing, timeout=10000)
    bram.set_coder("Anna")
    bram.uncode(bram.codings()[0].id)
    window.team_sync._timer.stop()  # no quiet push first: Sync now sends it
    window.sync_now()
    window.runner.wait()
    qtbot.waitUntil(lambda: any("Refused by the server" in w for w in warnings), timeout=10000)
    assert len(bram.codings()) == 1  # taken back


def test_joining_as_an_existing_coder_needs_the_tick(published, tmp_path: Path,
                                                    open_window, qtbot,  # noqa: F811
                                                    warnings) -> None:  # noqa: F811
    team, lead = published
    lead.code_text(_doc(lead, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    lead.team.sync()
    window = open_window(None)
    dialog = window.team_dialog()
    folder = tmp_path / "anna.fieldkit"
    dialog.join_url.setText(team.member_url(f"anna{team.db}"))
    dialog.join_coder.setText("Lotte")
    dialog.join_folder.setText(str(folder))
    dialog.join_button.click()
    window.runner.wait()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "already has a coder named 'Lotte'" in warnings[-1]
    assert "I am this coder" in warnings[-1]
    assert window.project is None and not folder.exists()
    dialog.join_existing.setChecked(True)
    dialog.join_button.click()
    window.runner.wait()
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    replica: Any = window.project
    assert replica.coder == "Lotte" and replica.path == folder
