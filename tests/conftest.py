"""Shared fixtures: real projects in temporary folders, and the real-world fixture files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project

SHARED_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


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
