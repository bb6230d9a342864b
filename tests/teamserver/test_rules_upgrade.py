"""A team server keeps the rules (functions, policy, grants) of the fieldkit that published it;
the lead's sync, or ``team upgrade``, brings older rules up to this fieldkit's in one
transaction and keeps every row. A member can neither upgrade nor touch the rules with psql."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from fieldkit.project import Project
from fieldkit.storage import team_server, team_server_rules, team_server_sql
from fieldkit.storage.team_server import CHANNEL, Server, ServerRefused, team_roles

from .test_attacks import as_member, push, refused_push
from .test_attacks_cases import ATTRIBUTE_RULE, _gone, _update, defined  # noqa: F401 - a fixture

#: the attribute rule of 364089b, which a server published before it does not have
ATTRIBUTE_CHECK = """                ELSIF tn = 'attributes' AND NOT lead AND o.member <> who
                        AND (opn = 'delete' OR r->'set' ?| ARRAY['name', 'type', 'choices'])
                THEN  -- the structure of case data, like the codebook's: the lead's
                    RAISE EXCEPTION 'fieldkit: only the team lead renames, retypes or deletes'
                        ' an attribute that another member defined';
"""


@contextmanager
def superuser(team) -> Iterator[psycopg.Connection]:
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        yield conn


def make_old(team) -> None:
    """The server as an earlier fieldkit left it: the attribute rule missing from its push
    check, and no rules version recorded (set up before versioned rules)."""
    old = team_server_rules.rules_sql(CHANNEL)
    assert ATTRIBUTE_CHECK in old
    old = old.replace(ATTRIBUTE_CHECK, "")
    with superuser(team) as conn, conn.transaction():
        conn.execute(f"SET LOCAL ROLE {team_roles(team.db)[0]}")
        conn.execute(old)
        conn.execute("DELETE FROM fieldkit.team WHERE key IN ('rules_version', 'rules_hash')")


def history(team) -> list[tuple[Any, ...]]:
    """Every change set the server holds, whole."""
    with superuser(team) as conn:
        return [tuple(r) for r in conn.execute(
            "SELECT seq, uuid, member, at, made, coder, label, kind, body, blind_set "
            "FROM fieldkit.change_sets ORDER BY seq")]


def server_tables(team) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the server's record, beside the history."""
    with superuser(team) as conn:
        return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM fieldkit.{t} ORDER BY 1, 2")]
                for t in ("known", "refs", "members", "coders", "blind_sets", "locks")}


def facts(team) -> dict[str, str]:
    with superuser(team) as conn:
        return dict(conn.execute("SELECT key, value FROM fieldkit.team").fetchall())


def test_the_rules_version_follows_the_sql() -> None:
    """A change of the server's SQL changes its hash; the released hashes end with it (append
    the new hash to ``team_server_rules.HISTORY`` when this fails)."""
    version, digest = team_server_rules.current(CHANNEL)
    assert team_server_rules.HISTORY[-1] == digest
    assert version == len(team_server_rules.HISTORY)
    assert team_server_rules.compare({"rules_hash": digest, "rules_version": str(version)},
                                     CHANNEL).state == "same"
    assert team_server_rules.compare({}, CHANNEL).state == "older"
    assert team_server_rules.compare({"rules_version": str(version + 1), "rules_hash": "x"},
                                     CHANNEL).state == "newer"


def test_a_new_team_records_its_rules(published) -> None:
    team, lead = published
    version, digest = team_server_rules.current(CHANNEL)
    assert facts(team)["rules_version"] == str(version)
    assert facts(team)["rules_hash"] == digest
    assert lead.team.sync().notices == []


def test_the_leads_sync_brings_old_rules_up_to_date(defined) -> None:  # noqa: F811
    team, lead, anna, bram = defined
    make_old(team)
    afdeling = lead.attributes.get("afdeling")
    # the old rules take a member's rename of the lead's attribute
    with as_member(team, f"bram{team.db}") as conn:
        push(conn, [_update("attributes", afdeling.uuid, {"name": "Dept"},
                            {"name": "afdeling"})])
    # a member's sync says so, in one line, and still syncs
    report = anna.team.sync()
    assert len(report.notices) == 1 and "ask the team lead to sync" in report.notices[0]
    assert [a.name for a in anna.attributes.all() if a.defined] == ["Dept", "jaren"]
    before, record = history(team), server_tables(team)
    # the lead's sync replaces the rules, in one line; every row stays
    report = lead.team.sync()
    assert len(report.notices) == 1, report.notices
    assert report.notices[0].startswith("Brought the team server's rules up to this")
    assert history(team) == before
    assert server_tables(team) == record
    version, digest = team_server_rules.current(CHANNEL)
    assert (facts(team)["rules_version"], facts(team)["rules_hash"]) == (str(version), digest)
    # the same attack is refused now, and stores nothing
    with as_member(team, f"bram{team.db}") as conn:
        refused_push(conn, [_update("attributes", afdeling.uuid, {"name": "Afd"},
                                    {"name": "Dept"})], ATTRIBUTE_RULE)
    assert history(team) == before
    # everyone goes on: no notice any more, the lead's own rename is taken
    assert anna.team.sync().notices == []
    lead.attributes.change("Dept", rename="afdeling")
    for p in (lead, anna, bram, lead):
        p.team.sync()
    for p in (lead, anna, bram):
        assert [a.name for a in p.attributes.all() if a.defined] == ["afdeling", "jaren"]


def test_a_member_cannot_upgrade_or_touch_the_rules(defined) -> None:  # noqa: F811
    team, lead, anna, bram = defined
    make_old(team)
    before, rules = history(team), facts(team)
    owner, group = team_roles(team.db)
    with pytest.raises(BadInput, match="Only the team lead"):
        bram.team.upgrade()
    # the server refuses it too: through the client's own call, and by hand with psql
    with Server(team.member_url(f"bram{team.db}")) as server:
        with pytest.raises(ServerRefused, match="Only the team lead"):
            server.upgrade_rules()
    with as_member(team, f"bram{team.db}") as conn:
        with pytest.raises(PermissionError), conn.transaction():
            team_server_rules.replace(conn, owner, group, CHANNEL)
        for statement in (
                team_server_rules.rules_sql(CHANNEL),
                "CREATE OR REPLACE FUNCTION fieldkit.json_is(v text, kind text) RETURNS "
                "boolean LANGUAGE sql AS $$ SELECT true $$",
                "CREATE FUNCTION fieldkit.mine() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
                "DROP FUNCTION fieldkit.push(jsonb)",
                "ALTER FUNCTION fieldkit.push_sets(jsonb, text) SECURITY INVOKER",
                "DROP POLICY read_history ON fieldkit.change_sets",
                "ALTER TABLE fieldkit.change_sets DISABLE ROW LEVEL SECURITY",
                "CREATE TRIGGER t BEFORE INSERT ON fieldkit.change_sets FOR EACH ROW "
                "EXECUTE FUNCTION fieldkit.is_lead()",
                f"GRANT {owner} TO bram{team.db}",
                f"SET ROLE {owner}",
                "UPDATE fieldkit.team SET value = '999' WHERE key = 'change_set_limit'",
                "INSERT INTO fieldkit.team VALUES ('rules_version', '999')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)  # type: ignore[arg-type]
    assert facts(team) == rules
    assert history(team) == before
    # the old rules are still in place (nobody upgraded): the lead's sync does it
    report = bram.team.sync()
    assert "ask the team lead" in report.notices[0]
    assert lead.team.upgrade().startswith("Brought the team server's rules up to this")
    assert "already" in lead.team.upgrade()
    assert history(team) == before


def test_a_fieldkit_older_than_the_servers_rules_sends_nothing(defined) -> None:  # noqa: F811
    team, lead, anna, bram = defined
    version = team_server_rules.current(CHANNEL)[0]
    with superuser(team) as conn:
        conn.execute("UPDATE fieldkit.team SET value = %s WHERE key = 'rules_version'",
                     (str(version + 1),))
        conn.execute("UPDATE fieldkit.team SET value = 'f00d' WHERE key = 'rules_hash'")
    before = history(team)
    anna.attributes.set("case:Jan", "ploeg", "dag")
    report = anna.team.sync()
    assert len(report.notices) == 1 and "update fieldkit" in report.notices[0]
    assert report.sent == 0 and anna.team.status().to_send == 1
    assert history(team) == before
    with pytest.raises(ServerRefused, match="update fieldkit"):
        lead.team.upgrade()
    assert lead.team.sync().notices[0].startswith("The team server's rules (version")
    assert history(team) == before


def test_team_upgrade_on_the_command_line(team, tmp_path, capsys) -> None:
    study = tmp_path / "Studie.fieldkit"
    Project.create(study, language="nl").close()
    lead = ["-p", str(study)]
    assert main([*lead, "team", "publish", team.lead_url]) == 0
    member = f"anna{team.db}"
    with Project.open(study) as p:
        p.team.add_member(member, password="anna-pw")
    team.pg.remember(member, "anna-pw")
    make_old(team)
    capsys.readouterr()
    assert main([*lead, "team", "upgrade"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Brought the team server's rules"), out
    assert main([*lead, "team", "upgrade"]) == 0
    assert "already" in capsys.readouterr().out
    replica = tmp_path / "Anna.fieldkit"
    assert main(["team", "join", team.lead_url, str(replica), "--member", member,
                 "--coder", "Anna"]) == 0
    capsys.readouterr()
    assert main(["-p", str(replica), "team", "upgrade"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Only the team lead" in err[0]
    assert team_server.FORMAT == "2"


def test_a_lead_without_the_owner_role_is_told_what_the_administrator_runs(published) -> None:
    """PostgreSQL 12-15 as docs/team.md sets it up: the lead has no CREATEROLE, so cannot take
    the owner role; the sync names the GRANT and goes on, nothing of the rules changes; after
    the administrator's GRANT the upgrade goes through."""
    team, lead = published
    make_old(team)
    owner = team_roles(team.db)[0]
    with superuser(team) as conn:
        conn.execute(f"ALTER ROLE {team.lead} NOCREATEROLE")
    before, rules = history(team), facts(team)
    with pytest.raises(ServerRefused, match=f"GRANT {owner} TO {team.lead}"):
        lead.team.upgrade()
    report = lead.team.sync()
    assert len(report.notices) == 1 and f"GRANT {owner} TO {team.lead}" in report.notices[0]
    assert facts(team) == rules and history(team) == before
    with superuser(team) as conn:
        conn.execute(f"GRANT {owner} TO {team.lead}")
    assert lead.team.upgrade().startswith("Brought the team server's rules")
    assert facts(team)["rules_hash"] == team_server_rules.current(CHANNEL)[1]


#: where rules version 2's check begins: a memo link, saved search or saved coding query is
#: changed or deleted only by its maker or the lead (version 1 let anyone); it runs up to the
#: delete check that follows it
WORKBENCH_CHECK = " " * 16 + "ELSIF tn IN ('links', 'saved_searches', 'saved_queries')"
_DELETE_CHECK = " " * 16 + "ELSIF opn = 'delete' AND NOT lead AND o.member <> who\n"
_VERSION_1_EXCEPTION = " " * 24 + "AND tn NOT IN ('links', 'saved_searches', 'saved_queries')\n"


def version_1_rules() -> str:
    """Rules version 1 exactly as released (its hash is the first of HISTORY)."""
    now = team_server_rules.rules_sql(CHANNEL)
    assert now.count(WORKBENCH_CHECK) == 1
    start = now.index(WORKBENCH_CHECK)
    end = now.index(_DELETE_CHECK, start) + len(_DELETE_CHECK)
    old = now[:start] + _DELETE_CHECK + _VERSION_1_EXCEPTION + now[end:]
    digest = hashlib.sha256((old + team_server_sql.GRANTS).encode("utf-8")).hexdigest()[:16]
    assert digest == team_server_rules.HISTORY[0]
    return old


def test_a_version_1_server_takes_the_workbench_attack_until_the_lead_syncs(replicas) -> None:
    team, lead, anna, bram = replicas
    with superuser(team) as conn, conn.transaction():
        conn.execute(f"SET LOCAL ROLE {team_roles(team.db)[0]}")
        conn.execute(version_1_rules())  # type: ignore[arg-type]
        conn.execute("UPDATE fieldkit.team SET value = '1' WHERE key = 'rules_version'")
        conn.execute("UPDATE fieldkit.team SET value = %s WHERE key = 'rules_hash'",
                     (team_server_rules.HISTORY[0],))
    anna.index.save_search("Kantbank", "kantbank")
    anna.index.save_search("Lasrobot", "lasrobot")
    report = anna.team.sync()
    assert len(report.notices) == 1 and "ask the team lead to sync" in report.notices[0]
    kantbank, lasrobot = (str(anna._store.value(
        "SELECT uuid FROM saved_searches WHERE name = ?", (name,)))
        for name in ("Kantbank", "Lasrobot"))
    # version 1 takes bram's rewrite of anna's search
    with as_member(team, f"bram{team.db}") as conn:
        push(conn, [_update("saved_searches", kantbank, {"query": "niets"},
                            {"query": "kantbank"})])
    before = history(team)
    report = lead.team.sync()
    assert len(report.notices) == 1 and report.notices[0].startswith(
        "Brought the team server's rules up to this"), report.notices
    assert history(team) == before
    assert (facts(team)["rules_version"], facts(team)["rules_hash"]) == (
        "2", team_server_rules.HISTORY[1])
    # version 2 refuses the same, and his delete of her other search
    with as_member(team, f"bram{team.db}") as conn:
        refused_push(conn, [_update("saved_searches", kantbank, {"query": "weer niets"},
                                    {"query": "niets"})],
                     f"changes a saved search that member anna{team.db} added")
        refused_push(conn, [_gone("saved_searches", lasrobot)],
                     f"deletes a saved search that member anna{team.db} added")
    assert history(team) == before
    for p in (anna, bram, lead):
        assert p.team.sync().notices == []
    for p in (lead, anna, bram):
        assert [(s.name, s.query) for s in p.index.saved_searches()] == [
            ("Kantbank", "niets"), ("Lasrobot", "lasrobot")]
