"""Cases, case parts and typed attributes travel through the team server: every copy ends
equal, a deleted document takes its case parts on every copy, and a server set up before
schema step 14 gets the rest of each change set without the rows it does not know."""

from __future__ import annotations

import json

import psycopg

from fieldkit.storage import case_tables
from fieldkit.storage.team_server import Server, without_tables


def doc_id(p, title: str) -> int:
    return next(d.id for d in p.documents() if d.title == title)


def cases_of(p) -> list:
    return sorted((c.uuid, c.name, c.attributes, [p.document(d).uuid for d in c.documents],
                   [(p.document(d).uuid, s, e) for d, s, e in c.parts]) for c in p.cases.all())


def definitions_of(p) -> list:
    return [(a.uuid, a.name, a.type, a.choices) for a in case_tables.definitions(p._store)]


def sync_all(*copies) -> None:
    for _ in range(2):
        for p in copies:
            report = p.team.sync()
            assert not report.skipped and not report.refused, (report.skipped, report.refused)


def test_cases_and_attributes_reach_every_copy(replicas) -> None:
    _team, lead, anna, bram = replicas
    lead.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    lead.cases.add("Jan", documents=[doc_id(lead, "Bezoek 2")])
    lead.cases.add_part("Jan", doc_id(lead, "Bezoek 1"), 0, 3)
    lead.attributes.set("case:Jan", "afdeling", "montage")
    sync_all(lead, anna, bram)
    anna.attributes.set("case:Jan", "jaren", "4")  # anna defines jaren (a number)
    anna.cases.add_part("Jan", doc_id(anna, "Bezoek 1"), 4, 9)
    sync_all(anna, lead, bram)
    assert cases_of(lead) == cases_of(anna) == cases_of(bram)
    assert definitions_of(lead) == definitions_of(anna) == definitions_of(bram)
    jan = lead.cases.get("Jan")
    assert jan.attributes == {"afdeling": "Montage", "jaren": 4}
    assert [(s, e) for _d, s, e in jan.parts] == [(0, 3), (4, 9)]
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()
    # the lead deletes the document: its parts go on every copy
    lead.delete_document(doc_id(lead, "Bezoek 1"))
    sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert p.cases.get("Jan").parts == []
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_a_server_from_before_step_14_gets_the_rest(replicas) -> None:
    team, lead, anna, _bram = replicas
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        conn.execute("UPDATE fieldkit.team SET value = '13' WHERE key = 'row_spec'")
        conn.execute("DELETE FROM fieldkit.columns WHERE t = ANY(%s)",
                     (list(case_tables.TEAM_TABLES),))
        conn.execute("DELETE FROM fieldkit.tables WHERE t = ANY(%s)",
                     (list(case_tables.TEAM_TABLES),))
    with Server(team.member_url(f"anna{team.db}")) as server:
        assert not server.knows_case_tables()
    anna.cases.add("Jan", documents=[doc_id(anna, "Bezoek 2")])
    anna.cases.add_part("Jan", doc_id(anna, "Bezoek 1"), 0, 3)
    anna.attributes.set("case:Jan", "jaren", "4")
    report = anna.team.sync()
    assert not report.refused, report.refused
    assert anna.team.status().to_send == 0
    lead.team.sync()
    jan = lead.cases.get("Jan")  # the case, its document and its value came; the part not
    assert (jan.attributes, jan.parts) == ({"jaren": 4}, [])
    assert [lead.document(d).title for d in jan.documents] == ["Bezoek 2"]
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        bodies = [json.dumps(b) for (b,) in conn.execute(
            "SELECT body FROM fieldkit.change_sets")]
    assert not any('"t": "case_parts"' in b or '"t": "attributes"' in b for b in bodies)
    sample = [{"uuid": "u", "body": [{"t": "case_parts", "k": "x", "op": "delete"},
                                     {"t": "cases", "k": "y", "op": "delete"}]}]
    assert without_tables(sample, case_tables.TEAM_TABLES)[0]["body"] == [
        {"t": "cases", "k": "y", "op": "delete"}]


def test_a_text_edit_moves_the_parts_on_every_copy(replicas) -> None:
    _team, lead, anna, bram = replicas
    note = doc_id(lead, "Bezoek 2")
    text = lead.document(note).text
    assert text == "Ilse legt de nieuwe lasrobot uit aan Ahmed."
    lead.cases.add("Ahmed")
    lead.cases.add_part("Ahmed", note, text.index("Ahmed."), len(text))
    lead.cases.add_part("Ahmed", note, 0, 4)
    sync_all(lead, anna, bram)
    anna.edit_text(doc_id(anna, "Bezoek 2"), "Ahmed: de nieuwe lasrobot uit aan Ahmed.")
    sync_all(anna, lead, bram)
    for p in (lead, anna, bram):
        text = p.document(doc_id(p, "Bezoek 2")).text
        assert [text[s:e] for _d, s, e in p.cases.get("Ahmed").parts] == ["Ahmed."]
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_a_survey_stored_in_bulk_reaches_every_copy_and_its_undo_too(replicas, tmp_path) -> None:
    """A survey's documents, turns and cases, written hundreds a statement, travel as the rows
    they are: every copy holds the same rows and a whole search index, and so does the lead's
    undo of the import."""
    from tests.importers.test_survey_bulk import _survey

    _team, lead, anna, bram = replicas
    path, _answers = _survey(tmp_path, 30)
    lead.imports.survey(path)
    sync_all(lead, anna, bram)
    assert cases_of(lead) == cases_of(anna) == cases_of(bram)
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()
    for p in (lead, anna, bram):
        assert p.index.problems() == []
        assert len(p.search('speaker:hulp "kantbank"', limit=1000).hits) == \
            len(lead.search('speaker:hulp "kantbank"', limit=1000).hits) > 0
    lead.undo()
    sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert p.cases.all() == [] and p.index.problems() == []
        assert not [d for d in p.documents() if d.title.startswith("bulk — ")]
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()
