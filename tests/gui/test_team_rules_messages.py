"""What a sync says about the team server's rules and about a value a later change replaced
reaches the app in the interface language: each line is matched whole and has its Dutch."""

from __future__ import annotations

import re

import pytest

from fieldkit.core.value_merge import Overwritten
from fieldkit.gui.i18n import read_language
from fieldkit.gui.team_sync import _MESSAGES, explain
from fieldkit.team.report import SyncReport, overwritten_line, rules_notice

pytestmark = pytest.mark.qt


def test_the_rules_and_replaced_values_lines_have_their_dutch() -> None:
    report = SyncReport(
        notices=[rules_notice(kind, 0, 1) for kind in ("upgraded", "older", "newer")],
        overwritten=[overwritten_line("The case 'Jan'", Overwritten("afdeling", "Lasserij",
                                                                     "Montage"), "#7 from bram")])
    dutch = read_language("nl")
    parts = report.parts()
    assert len(parts) == 4 and parts[0].startswith("Replaced by a later change: ")
    for line in parts:
        template = next((t for pattern, t in _MESSAGES
                         if re.match(pattern, line, re.DOTALL)),
                        None)
        assert template is not None, line
        assert dutch.get(template), template
        assert explain(line) == line  # English: the template gives the line back exactly
