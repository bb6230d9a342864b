"""A team server set up by the fieldkit before issue 21 (format 1: members wrote its tables
directly, so any member could rewrite others' work) is not used: sync, join and status say so in
one line and change nothing; the lead leaves it and publishes their copy to a new database."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest

from fieldkit.cli import main
from fieldkit.core.errors import FieldkitError
from fieldkit.project import Project
from fieldkit.team.replica import join

_more = itertools.count(1)


def _set_format(team, value: str) -> None:
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        conn.execute("UPDATE fieldkit.team SET value = %s WHERE key = 'format'", (value,))


def _content(path: Path) -> list[tuple]:
    with Project.open(path, readonly=True) as p:
        return sorted((c.uuid, c.start, c.end, c.code_id) for c in p.codings())


def test_a_format_1_server_is_refused_in_one_line_and_changes_nothing(replicas, capsys) -> None:
    team, lead, anna, _bram = replicas
    anna.code_text(anna.documents()[0].id, 0, 3, "Leren/Voordoen")
    path = anna.path
    waiting = anna.team.status().to_send
    assert waiting >= 1
    anna.close()
    before = _content(path)
    _set_format(team, "1")
    assert main(["-p", str(path), "sync"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "earlier fieldkit" in err and "Traceback" not in err
    assert _content(path) == before
    with Project.open(path, readonly=True) as again:
        assert again.team.status().to_send == waiting  # the unsent coding still waits
    with pytest.raises(FieldkitError, match="earlier fieldkit"):
        join(team.member_url(f"bram{team.db}"), path.parent / "late.fieldkit", coder="Bram")
    assert not (path.parent / "late.fieldkit").exists()


def test_a_newer_server_is_refused_too(published, capsys) -> None:
    team, lead = published
    _set_format(team, "3")
    with pytest.raises(FieldkitError, match="newer fieldkit"):
        lead.team.sync()


def test_the_lead_leaves_an_old_server_and_publishes_anew(replicas, capsys) -> None:
    team, lead, anna, _bram = replicas
    lead.code_text(lead.documents()[0].id, 0, 3, "Leren/Voordoen")
    lead.team.sync()
    _set_format(team, "1")
    path = lead.path
    lead.close()
    before = _content(path)
    assert main(["-p", str(path), "team", "leave"]) == 0
    assert "no longer syncs" in capsys.readouterr().out
    assert main(["-p", str(path), "team", "status"]) == 2  # not part of a team any more
    assert _content(path) == before
    fresh_db = f"fresh{next(_more)}{team.db}"
    team.pg.sql(f"CREATE DATABASE {fresh_db} OWNER {team.lead}")  # the same lead, a new home
    team.pg.sql(f"REVOKE ALL ON DATABASE {fresh_db} FROM PUBLIC")
    team.pg.sql(f"GRANT CONNECT ON DATABASE {fresh_db} TO {team.lead} WITH GRANT OPTION")
    url = team.pg.url(team.lead, "lead-pw", fresh_db)
    assert main(["-p", str(path), "team", "publish", url]) == 0
    with Project.open(path) as again:
        assert again.team.status().url.endswith(fresh_db)
        assert again.team.sync().refused == []
    # and the new team works: a member joins and receives the lead's coding
    with Project.open(path) as again:
        again.team.add_member(f"anna{fresh_db}", role="coder", password="a-pw")
    team.pg.remember(f"anna{fresh_db}", "a-pw")
    with join(team.pg.url(f"anna{fresh_db}", "", fresh_db), path.parent / "anna2.fieldkit",
              coder="Anna") as newcomer:
        assert sorted((c.uuid, c.start, c.end) for c in newcomer.codings()) == \
            sorted((u, s, e) for u, s, e, _ in before)
