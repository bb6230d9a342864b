"""Networks through the team server: relation types, networks, nodes and links reach every
copy, deletions cascade alike, the lead's rule for relation types holds against a member who
sends the rows by hand, and a server set up before schema step 16 gets the rest."""

from __future__ import annotations

import psycopg
import pytest

from fieldkit.core.model import new_uuid, utc_now
from fieldkit.storage import network_tables
from fieldkit.storage.team_server import Server, ServerRefused


def shape(p) -> list:
    """Every network as its nodes and links, named by what they show."""
    out = []
    for n in p.networks.all():
        view = p.networks.show(n.id)
        refs = {x.id: (x.kind, x.label) for x in view.nodes}
        out.append((n.uuid, n.name, sorted((x.uuid, x.kind, x.label, x.x, x.y)
                                           for x in view.nodes),
                    sorted((x.uuid, refs[x.source], x.relation, refs[x.target])
                           for x in view.links)))
    return out


def relations_of(p) -> list:
    return [(r.uuid, r.name, r.direction, r.symmetric, r.colour, r.line_style)
            for r in p.networks.relations()]


def sync_all(*copies) -> None:
    for _ in range(2):
        for p in copies:
            report = p.team.sync()
            assert not report.skipped and not report.refused, (report.skipped, report.refused)


def test_networks_reach_every_copy_and_deletions_cascade_alike(replicas) -> None:
    _team, lead, anna, bram = replicas
    lead.networks.add("Leren")
    lead.networks.link("Leren", "code:Leren/Voordoen", "is cause of", "code:Leren/Uitproberen")
    sync_all(lead, anna, bram)
    anna.networks.add_relation("maakt mogelijk", colour="#00aa00", line_style="dashed")
    memo = anna.memos.add("Voordoen werkt", "Na voordoen durft Piet het zelf.")
    anna.networks.link("Leren", f"memo:{memo.id}", "maakt mogelijk", "code:Leren/Uitproberen")
    anna.networks.add_node("Leren", "note:Vraag: ook bij lassen? 🤔", x=40, y=-80)
    node = anna.networks.show("Leren").nodes[0]
    anna.networks.move_node("Leren", node.id, 123, 456)
    bram.networks.add("Bram's kaart")
    bram.networks.add_nodes("Bram's kaart", ["code:Leren/Voordoen", "code:Leren/Uitproberen"])
    sync_all(anna, bram, lead)
    assert shape(lead) == shape(anna) == shape(bram)
    assert relations_of(lead) == relations_of(anna) == relations_of(bram)
    kaart = bram.networks.show("Bram's kaart")
    assert [x.relation for x in kaart.links] == ["is cause of"]  # the codes' link shows
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()
    # the lead deletes a code: its nodes and links go on every copy
    lead.delete_code("Leren/Uitproberen")
    sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        view = p.networks.show("Leren")
        assert sorted(x.kind for x in view.nodes) == ["code", "memo", "note"]
        assert view.links == [] and p.networks.code_links() == []
    assert shape(lead) == shape(anna) == shape(bram)
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_only_the_lead_renames_redirects_or_deletes_a_relation_type(replicas) -> None:
    team, lead, anna, bram = replicas
    cause = network_tables.default_uuid("is cause of")
    attacks = [
        ("update", {"name": "veroorzaakt"}, {"name": "is cause of"}),
        ("update", {"direction": "Associative"}, {"direction": "OneWay"}),
        ("update", {"symmetric": 1}, {"symmetric": 0}),
        ("delete", None, None),
    ]
    with Server(team.member_url(f"anna{team.db}")) as server:
        before = server.last_seq()
        for op, changed, was in attacks:
            row = {"t": "relation_types", "k": cause, "op": op}
            if op == "update":
                row.update({"set": changed, "was": was})
            else:
                row["was"] = {"name": "is cause of", "direction": "OneWay", "symmetric": 0,
                              "colour": "#c0392b", "line_style": "solid", "position": 1,
                              "uuid": cause}
            with pytest.raises(ServerRefused, match="lead"):
                server.push([{"uuid": new_uuid(), "at": utc_now(), "coder": "Anna",
                              "label": "Relation", "body": [row]}])
        assert server.last_seq() == before  # nothing of it was stored
    # through the app: anna's rename is refused and taken back, her colour goes through
    anna.networks.change_relation("is cause of", name="veroorzaakt")
    report = anna.team.sync()
    assert report.refused and "lead" in report.refused[0]
    assert anna.networks.relation("is cause of").name == "is cause of"
    anna.networks.change_relation("is cause of", colour="#123456")
    anna.networks.add_relation("hindert")  # adding one is anyone's
    sync_all(anna, lead)
    assert lead.networks.relation("is cause of").colour == "#123456"
    assert relations_of(lead) == relations_of(anna)
    # the lead may
    lead.networks.change_relation("hindert", name="belemmert", symmetric=True)
    lead.networks.delete_relation("belemmert")
    sync_all(lead, anna, bram)
    assert relations_of(lead) == relations_of(anna) == relations_of(bram)
    assert "belemmert" not in [r.name for r in anna.networks.relations()]


def test_a_member_cannot_take_away_anothers_network_work(replicas) -> None:
    _team, lead, anna, bram = replicas
    anna.networks.add("Anna's kaart")
    anna.networks.add_node("Anna's kaart", "note:Van Anna")
    sync_all(anna, bram)
    bram.networks.delete("Anna's kaart")
    report = bram.team.sync()
    assert report.refused
    assert [n.name for n in bram.networks.all()] == ["Anna's kaart"]  # taken back here
    sync_all(anna, bram, lead)
    assert shape(anna) == shape(bram) == shape(lead)


def test_a_server_from_before_step_16_gets_the_rest(replicas) -> None:
    team, lead, anna, _bram = replicas
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        conn.execute("UPDATE fieldkit.team SET value = '14' WHERE key = 'row_spec'")
        for table in ("columns", "tables"):
            conn.execute(f"DELETE FROM fieldkit.{table} WHERE t = ANY(%s)",
                         (list(network_tables.TEAM_TABLES),))
    with Server(team.member_url(f"anna{team.db}")) as server:
        assert not server.knows_network_tables()
    anna.networks.add("Alleen hier")
    anna.networks.add_node("Alleen hier", "code:Leren/Voordoen")
    memo = anna.memos.add("Memo", "tekst")
    with anna.action("Memo and network"):
        anna.networks.add_node("Alleen hier", f"memo:{memo.id}")
        anna.add_code("Nieuw")
    report = anna.team.sync()
    assert not report.refused, report.refused
    assert anna.team.status().to_send == 0
    lead.team.sync()
    assert lead.networks.all() == [] and lead.code("Nieuw")  # the rest of the set came
