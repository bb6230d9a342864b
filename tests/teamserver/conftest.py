"""A real PostgreSQL server for the team tests: started once in a temporary folder on a free
port, one new database (and lead role) per test, stopped at the end."""

from __future__ import annotations

import importlib.util
import itertools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldkit.project import Project

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("pgserver", ROOT / "tools" / "pgserver.py")
assert _spec and _spec.loader
pgserver = importlib.util.module_from_spec(_spec)
sys.modules["pgserver"] = pgserver
_spec.loader.exec_module(pgserver)

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg() -> Iterator[pgserver.PgServer]:
    if not pgserver.available():
        pytest.fail("PostgreSQL is not installed; 'make test' installs it (Debian: postgresql)")
    server = pgserver.PgServer()
    server.start()
    saved = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(server.pgpass)  # passwords as a member keeps them
    try:
        yield server
    finally:
        server.destroy()
        if saved is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = saved


@dataclass
class Team:
    """One team database: the lead's URL, and members added on demand."""

    pg: pgserver.PgServer
    db: str
    lead: str
    lead_url: str
    base: Path

    def member_url(self, name: str) -> str:
        return self.pg.url(name, "", self.db)

    def add(self, lead_project: Project, name: str, role: str = "coder") -> str:
        lead_project.team.add_member(name, role=role, password=f"{name}-pw")
        self.pg.remember(name, f"{name}-pw")
        return self.member_url(name)

    def join(self, name: str, coder: str) -> Project:
        from fieldkit.team.replica import join

        return join(self.member_url(name), self.base / f"{name}.fieldkit", coder=coder)


@pytest.fixture
def team(pg: pgserver.PgServer, tmp_path: Path) -> Team:
    n = next(_numbers)
    lead = f"lead{n}"
    url = pg.new_team_database(f"team{n}", lead, "lead-pw")
    return Team(pg, f"team{n}", lead, url, tmp_path)


@pytest.fixture
def published(team: Team, tmp_path: Path) -> Iterator[tuple[Team, Project]]:
    """A small study published by its lead (coder Lotte) with members anna and bram."""
    lead = Project.create(tmp_path / "lead.fieldkit", language="nl")
    lead.set_coder("Lotte")
    lead.add_note(site="Metaal Oost", visit="2026-03-02", title="Bezoek 1",
                  text="Jan laat Piet zien hoe de kantbank werkt.\nPiet probeert het zelf; "
                       "één fout 👍, daarna goed.\r\nDe planner kijkt mee.")
    lead.add_note(site="Metaal Oost", visit="2026-03-09", title="Bezoek 2",
                  text="Ilse legt de nieuwe lasrobot uit aan Ahmed.")
    lead.add_code("Leren/Voordoen")
    lead.add_code("Leren/Uitproberen")
    lead.team.publish(team.lead_url)
    team.add(lead, f"anna{team.db}")
    team.add(lead, f"bram{team.db}")
    try:
        yield team, lead
    finally:
        lead.close()


@pytest.fixture
def replicas(published) -> Iterator[tuple[Team, Project, Project, Project]]:
    """The published study with two members joined: (team, lead, anna, bram)."""
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    bram = team.join(f"bram{team.db}", "Bram")
    try:
        yield team, lead, anna, bram
    finally:
        anna.close()
        bram.close()


@pytest.fixture(autouse=True)
def _coders_named_at_join(monkeypatch: pytest.MonkeyPatch) -> None:
    """Team tests name each replica's coder when it joins; tests/gui's conftest sets
    FIELDKIT_CODER (which wins over a project's coder) for the whole session under make test."""
    monkeypatch.delenv("FIELDKIT_CODER", raising=False)
