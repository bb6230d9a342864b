"""A replica killed (SIGKILL) mid-push or mid-pull, and a server that stops mid-sync: nothing is
lost, nothing is applied twice, and the next sync completes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.project import Project
from fieldkit.storage.team_server import Server, ServerUnreachable

CHILD = r"""
import os, signal, sys
import psycopg
from fieldkit.project import Project
from fieldkit.storage import team_server
from fieldkit.storage.replica_tables import Applier

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

where = sys.argv[2]
if where == "after-push-commit":       # the server has it, this replica has not noted it
    original = team_server.Server.push
    def push(self, sets):
        original(self, sets)
        die()
    team_server.Server.push = push
elif where == "before-push-commit":    # rows inserted on the server, transaction not committed
    original_execute = psycopg.Connection.execute
    def execute(self, query, *args, **kwargs):
        done = original_execute(self, query, *args, **kwargs)
        if "fieldkit.push(" in str(query):
            done.fetchall()
            die()
        return done
    psycopg.Connection.execute = execute
elif where == "mid-pull":              # half the history applied in the local transaction
    original_apply = Applier.apply
    count = [0]
    def apply(self, rows, **kwargs):
        count[0] += 1
        if count[0] == 3:
            die()
        return original_apply(self, rows, **kwargs)
    Applier.apply = apply
project = Project.open(sys.argv[1])
project.team.sync()
"""


def _killed_sync(folder: Path, where: str) -> None:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), where],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr  # it really died by SIGKILL


def _server_count(team, member: str) -> int:
    with Server(team.lead_url) as s:
        return int(s.conn.execute("SELECT count(*) FROM fieldkit.change_sets WHERE member = %s",
                                  (member,)).fetchone()[0])


def _code_some(p: Project, n: int) -> None:
    doc = next(d for d in p.documents() if d.title == "Bezoek 1")
    for i in range(n):
        p.code_text(doc.id, i * 3, i * 3 + 2, "Leren/Voordoen")


@pytest.mark.parametrize("where", ["after-push-commit", "before-push-commit"])
def test_killed_mid_push_loses_and_duplicates_nothing(published, where: str) -> None:
    team, lead = published
    member = f"anna{team.db}"
    anna = team.join(member, "Anna")
    _code_some(anna, 5)
    unsent = anna.team.status().to_send
    folder = anna.path
    anna.close()
    _killed_sync(folder, where)
    expected = unsent if where == "after-push-commit" else 0
    assert _server_count(team, member) == expected
    with Project.open(folder) as anna:
        assert len(anna.codings()) == 5
        assert anna.team.status().to_send == unsent  # not noted as sent: sent again, once
        anna.team.sync()
        assert anna.team.status().to_send == 0
        assert _server_count(team, member) == unsent
        lead.team.sync()
        assert len(lead.codings()) == 5
        assert lead.team.canonical() == anna.team.canonical()


def test_killed_mid_pull_applies_all_or_nothing(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    for i in range(5):  # the lead's history anna has not seen
        lead.add_code(f"Thema/Lead {i}")
    lead.team.sync()
    _code_some(anna, 2)  # anna's own unsent work is taken off and put back during the pull
    before = anna.team.canonical()
    position = anna.team.position
    folder = anna.path
    anna.close()
    _killed_sync(folder, "mid-pull")
    with Project.open(folder) as anna:
        assert anna.team.canonical() == before
        assert anna.team.position == position
        assert len(anna.codings()) == 2
        anna.team.sync()
        lead.team.sync()
        assert anna.team.canonical() == lead.team.canonical()
        assert len([c for _, c, _, _ in anna.codes_with_counts()
                    if c.name.startswith("Lead ")]) == 5
        assert len(lead.codings()) == 2


def test_server_down_local_work_goes_on_and_sync_resumes(published, monkeypatch) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        _code_some(anna, 2)
        team.pg.stop()
        try:
            with pytest.raises(ServerUnreachable):
                anna.team.sync()
            assert anna.team.status().state == "offline"
            _code_some(anna, 3)  # offline work is normal
            assert len(anna.codings()) == 3
        finally:
            team.pg.start()
        anna.team.sync()
        assert anna.team.status().state == "synced"
        lead.team.sync()
        assert lead.team.canonical() == anna.team.canonical()
    finally:
        anna.close()


def test_server_stops_between_pull_and_push(published, monkeypatch) -> None:
    from fieldkit.team import replica

    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        lead.add_code("Thema/Nieuw van de lead")
        lead.team.sync()
        _code_some(anna, 4)
        original = replica.TeamWork._push

        def push_after_stop(self, server, report):
            team.pg.kill()  # as a crash of the server would
            return original(self, server, report)

        monkeypatch.setattr(replica.TeamWork, "_push", push_after_stop)
        try:
            with pytest.raises(ServerUnreachable):
                anna.team.sync()
        finally:
            monkeypatch.setattr(replica.TeamWork, "_push", original)
            team.pg.start()
        assert anna.code("Thema/Nieuw van de lead")  # the pull had completed
        assert anna.team.status().to_send > 0
        anna.team.sync()
        lead.team.sync()
        assert len(lead.codings()) == 4
        assert lead.team.canonical() == anna.team.canonical()
    finally:
        anna.close()
