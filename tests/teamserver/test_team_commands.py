"""The command line of team work: publish, join, sync, status, members, blind, release."""

from __future__ import annotations

import json

import pytest

from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from fieldkit.project import Project


@pytest.fixture
def study(tmp_path):
    with Project.create(tmp_path / "Lead.fieldkit") as p:
        p.set_coder("Lotte")
        p.add_note(site="Metaal Oost", title="Bezoek 1", text="Jan laat Piet zien hoe het werkt.")
        p.add_code("Leren/Voordoen")
    return tmp_path / "Lead.fieldkit"


def test_publish_join_sync_status_members_release(team, study, tmp_path, capsys,
                                                  monkeypatch) -> None:
    lead = ["-p", str(study)]
    assert main([*lead, "team", "publish", team.lead_url]) == 0
    out = capsys.readouterr().out
    assert "lead" in out and "lead-pw" not in out  # the password is not shown
    with Project.open(study, readonly=True) as p:
        assert "lead-pw" not in json.dumps(dict(p._store.rows("SELECT key, value FROM meta")))
    member = f"anna{team.db}"
    monkeypatch.setenv("FIELDKIT_MEMBER_PASSWORD", f"{member}-pw")
    assert main([*lead, "team", "members", "--add", member]) == 0
    team.pg.remember(member, f"{member}-pw")
    capsys.readouterr()
    replica = tmp_path / "Anna.fieldkit"
    assert main(["team", "join", team.lead_url, str(replica), "--member", member,
                 "--coder", "Anna"]) == 0
    assert "Joined as " + member in capsys.readouterr().out
    assert main(["-p", str(replica), "code", "1", "0", "3", "Leren/Voordoen"]) == 0
    capsys.readouterr()
    assert main(["-p", str(replica), "team", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["member"] == member and status["role"] == "coder"
    assert main(["-p", str(replica), "sync"]) == 0
    assert main([*lead, "sync", "--json"]) == 0
    capsys.readouterr()
    assert main([*lead, "team", "members", "--json"]) == 0
    members = {m["name"]: m for m in json.loads(capsys.readouterr().out)}
    assert members[member]["role"] == "coder" and members[team.lead]["role"] == "lead"
    assert members[member]["change_sets"] >= 1
    with Project.open(study) as p:
        assert len(p.codings()) == 1
        p.sets.add("Ronde 1", "documents", [1])
    assert main([*lead, "team", "blind", "Ronde 1"]) == 0
    assert main(["-p", str(replica), "team", "release", "Ronde 1"]) == 2  # the lead's work
    assert "lead" in capsys.readouterr().err
    assert main([*lead, "team", "release", "Ronde 1"]) == 0


def test_sync_with_the_server_unreachable_is_one_line_and_keeps_work(team, study, capsys
                                                                     ) -> None:
    assert main(["-p", str(study), "team", "publish", team.lead_url]) == 0
    with Project.open(study) as p:
        p.add_code("Leren/Offline bedacht")
    team.pg.stop()
    try:
        capsys.readouterr()
        assert main(["-p", str(study), "sync"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot be reached" in err
        assert main(["-p", str(study), "team", "status"]) == 0
        assert "offline" in capsys.readouterr().out
    finally:
        team.pg.start()
    assert main(["-p", str(study), "sync"]) == 0
    with Project.open(study, readonly=True) as p:
        assert p.team.status().to_send == 0


def test_bad_input_is_one_line(team, study, tmp_path, capsys) -> None:
    assert main(["-p", str(study), "team", "status"]) == 2  # not in a team
    assert "not part of a team" in capsys.readouterr().err
    assert main(["team", "join", "postgresql://nobody@127.0.0.1:1/none",
                 str(tmp_path / "X.fieldkit")]) == 2
    assert not (tmp_path / "X.fieldkit").exists()
    assert main(["team", "join", "not a url at all", str(tmp_path / "Y.fieldkit")]) == 2
    assert main(["team", "join", team.lead_url, str(tmp_path / "Z.fieldkit")]) == 2
    assert "holds no fieldkit team" in capsys.readouterr().err
    assert main(["-p", str(study), "team", "publish", team.lead_url]) == 0
    assert main(["-p", str(study), "team", "publish", team.lead_url]) == 2
    assert main(["-p", str(study), "team", "release", "Nergens"]) == 2
    assert "No blind set" in capsys.readouterr().err


def test_a_role_change_reaches_the_members_copy_at_its_next_sync(team, study, tmp_path,
                                                                  capsys, monkeypatch) -> None:
    lead = ["-p", str(study)]
    assert main([*lead, "team", "publish", team.lead_url]) == 0
    member = f"anna{team.db}"
    monkeypatch.setenv("FIELDKIT_MEMBER_PASSWORD", f"{member}-pw")
    assert main([*lead, "team", "members", "--add", member]) == 0
    team.pg.remember(member, f"{member}-pw")
    replica = tmp_path / "Anna.fieldkit"
    assert main(["team", "join", team.lead_url, str(replica), "--member", member,
                 "--coder", "Anna"]) == 0
    anna = ["-p", str(replica)]

    def role() -> str:
        capsys.readouterr()
        assert main([*anna, "team", "status", "--json"]) == 0
        return str(json.loads(capsys.readouterr().out)["role"])

    def rename(name: str) -> None:  # a lead-only action of the app (the codebook's shape)
        with Project.open(replica) as p:
            p.update_code("Leren/Voordoen", name=name)

    assert role() == "coder"
    with pytest.raises(BadInput, match="Only the team lead"):
        rename("Voordoen 2")
    # promoted: the copy knows it after its next sync, and the app lets it restructure codes
    assert main([*lead, "team", "members", "--add", member, "--role", "lead"]) == 0
    assert role() == "coder"  # nothing reaches a copy without a sync
    assert main([*anna, "sync"]) == 0
    assert role() == "lead"
    rename("Voordoen 2")
    assert main([*anna, "sync"]) == 0
    assert main([*lead, "sync"]) == 0
    with Project.open(study, readonly=True) as p:
        assert p.code("Leren/Voordoen 2").name == "Voordoen 2"
    # demoted again: the copy follows, and the app refuses the lead's work again
    assert main([*lead, "team", "members", "--add", member, "--role", "coder"]) == 0
    assert main([*anna, "sync"]) == 0
    assert role() == "coder"
    with pytest.raises(BadInput, match="Only the team lead"):
        with Project.open(replica) as p:
            p.update_code("Leren/Voordoen 2", name="Voordoen 3")
    capsys.readouterr()
    assert main([*anna, "team", "snapshot"]) == 2
    assert "Only the team lead" in capsys.readouterr().err
