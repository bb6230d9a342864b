"""REFI-QDA cases and variables as NVivo, MAXQDA, ATLAS.ti and QualCoder write them.

The archives are made here, shaped like those tools' exports (no tool's file is copied): NVivo
writes a case node into the codebook under the case's GUID and codes the case's text with it,
MAXQDA and Quirkos write a document's variables as a nameless case holding one SourceRef,
QualCoder writes named cases with SourceRefs and Text/Float variables, and the standard's own
shape names parts of sources by SelectionRef.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from fieldkit.importers.refi import read_qdpx

from .conftest import photo_bytes

TEXT_A = ("Interviewer: Hoe lang werk je hier?\r\n"
          "Anna: Zes jaar, in de lasserij. 🙂 Daarvóór bij Jan.")
TEXT_B = "Piet: Ik ben net begonnen, de ploegleider hielp me."
GUIDS = {name: f"{n:08x}-0000-4000-8000-{n:012x}" for n, name in enumerate(
    ["user", "doc_a", "doc_b", "code_help", "case_anna", "case_piet", "var_age", "var_dept",
     "var_start", "var_trainee", "var_since", "sel_1", "sel_2", "cod_1", "cod_2", "cod_3",
     "anon_1", "var_score", "sel_pic", "pic", "var_shift"], start=1)}


def g(name: str) -> str:
    return GUIDS[name]


def qdpx(path: Path, body: str, origin: str = "NVivo 14", texts: dict[str, str] | None = None,
         files: dict[str, bytes] | None = None) -> Path:
    """A ``.qdpx`` with ``body`` inside ``<Project>`` and the two sources' text files."""
    qde = (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
           f'name="Shaped" origin="{origin}">\n<Users><User guid="{g("user")}" name="Ria"/>'
           f'</Users>\n{body}\n</Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        for guid, text in (texts or {g("doc_a"): TEXT_A, g("doc_b"): TEXT_B}).items():
            archive.writestr(f"sources/{guid}.txt", text.encode("utf-8"))
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


def span(text: str, words: str) -> tuple[int, int]:
    """Code points of ``words`` in ``text`` as written (CRLF counted as two)."""
    start = text.index(words)
    return start, start + len(words)


def source(key: str, name: str, inner: str = "") -> str:
    return (f'<TextSource guid="{g(key)}" name="{name}" plainTextPath="internal://{g(key)}.txt">'
            f'{inner}</TextSource>')


def value(var: str, tag: str, text: str) -> str:
    return (f'<VariableValue><VariableRef targetGUID="{g(var)}"/><{tag}>{text}</{tag}>'
            f'</VariableValue>')


def nvivo_body() -> str:
    """NVivo: the case "Anna" is a code of the same GUID in the codebook; its text is coded
    with it (one part of A, the whole of B), and its classification's attributes are
    variables; "Piet" holds B by SourceRef."""
    a1, a2 = span(TEXT_A, "Anna: Zes jaar, in de lasserij. 🙂 Daarvóór bij Jan.")
    help_start, help_end = span(TEXT_A, "Daarvóór bij Jan")
    return f"""<CodeBook><Codes>
      <Code guid="{g('code_help')}" name="Peer help" isCodable="true"/>
      <Code guid="{g('case_anna')}" name="Anna" isCodable="true"/>
    </Codes></CodeBook>
    <Variables>
      <Variable guid="{g('var_age')}" name="Person:Age" typeOfVariable="Integer"/>
      <Variable guid="{g('var_dept')}" name="Person:Department" typeOfVariable="Text"/>
      <Variable guid="{g('var_start')}" name="Person:Started" typeOfVariable="DateTime"/>
      <Variable guid="{g('var_trainee')}" name="Person:Trainee" typeOfVariable="Boolean"/>
    </Variables>
    <Cases>
      <Case guid="{g('case_anna')}" name="Anna"><Description>Lasser, dagdienst</Description>
        {value('var_age', 'IntegerValue', '34')}
        {value('var_dept', 'TextValue', 'Lasserij')}
        {value('var_start', 'DateTimeValue', '2018-09-01T00:00:00Z')}
        {value('var_trainee', 'BooleanValue', 'false')}
      </Case>
      <Case guid="{g('case_piet')}" name="Piet">
        {value('var_age', 'IntegerValue', '19')}
        {value('var_dept', 'TextValue', 'Lasserij')}
        {value('var_trainee', 'BooleanValue', '1')}
        <SourceRef targetGUID="{g('doc_b')}"/>
      </Case>
    </Cases>
    <Sources>
      {source('doc_a', 'Interview Anna', f'''
        <PlainTextSelection guid="{g('sel_1')}" startPosition="{a1}" endPosition="{a2}">
          <Coding guid="{g('cod_1')}"><CodeRef targetGUID="{g('case_anna')}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g('sel_2')}" startPosition="{help_start}"
            endPosition="{help_end}">
          <Coding guid="{g('cod_2')}"><CodeRef targetGUID="{g('code_help')}"/></Coding>
        </PlainTextSelection>''')}
      {source('doc_b', 'Interview Piet', f'''
        <PlainTextSelection guid="{g('anon_1')}" startPosition="0" endPosition="{len(TEXT_B)}">
          <Coding guid="{g('cod_3')}"><CodeRef targetGUID="{g('case_anna')}"/></Coding>
        </PlainTextSelection>''')}
    </Sources>"""


def test_nvivo_case_nodes_become_cases_with_parts_and_typed_attributes(tmp_path: Path) -> None:
    data = read_qdpx(qdpx(tmp_path / "nvivo.qdpx", nvivo_body()))
    assert [c.name for c in data.codes] == ["Peer help"]  # the case node left the codebook
    [doc_a, doc_b] = data.sources
    assert [(c.code_guid, doc_a.text[c.start:c.end]) for c in doc_a.codings] == \
        [(g("code_help"), "Daarvóór bij Jan")]  # CRLF moved, emoji and accent counted once
    assert doc_b.codings == []
    anna, piet = data.cases
    assert (anna.name, anna.description) == ("Anna", "Lasser, dagdienst")
    assert anna.source_guids == [g("doc_b")]  # coded whole: the document is a member
    assert [doc_a.text[p.start:p.end] for p in anna.parts] == \
        ["Anna: Zes jaar, in de lasserij. 🙂 Daarvóór bij Jan."]
    assert anna.variables == {"Person:Age": 34, "Person:Department": "Lasserij",
                              "Person:Started": "2018-09-01", "Person:Trainee": False}
    assert piet.variables == {"Person:Age": 19, "Person:Department": "Lasserij",
                              "Person:Trainee": True}
    assert piet.source_guids == [g("doc_b")] and piet.parts == []
    types = {v.name: (v.type, v.choices) for v in data.variables.values()}
    assert types == {"Person:Age": ("number", []), "Person:Department": ("choice", ["Lasserij"]),
                     "Person:Started": ("date", []), "Person:Trainee": ("boolean", [])}
    assert any("stands for case 'Anna'" in w for w in data.warnings)


def maxqda_body() -> str:
    """MAXQDA and Quirkos: each document's variables sit in a nameless <Case> with one
    SourceRef."""
    return f"""<Variables>
      <Variable guid="{g('var_score')}" name="Score" typeOfVariable="Float"/>
      <Variable guid="{g('var_since')}" name="Interviewed" typeOfVariable="Date"/>
      <Variable guid="{g('var_shift')}" name="Shift" typeOfVariable="Text"/>
    </Variables>
    <Cases>
      <Case guid="{g('case_anna')}">{value('var_score', 'FloatValue', '7.5')}
        {value('var_since', 'DateValue', '2024-03-05')}{value('var_shift', 'TextValue', 'vroeg')}
        <SourceRef targetGUID="{g('doc_a')}"/></Case>
      <Case guid="{g('case_piet')}">{value('var_score', 'FloatValue', '8')}
        {value('var_shift', 'TextValue', 'laat')}
        <SourceRef targetGUID="{g('doc_b')}"/></Case>
    </Cases>
    <Sources>{source('doc_a', 'Anna')}{source('doc_b', 'Piet')}</Sources>"""


def test_maxqda_document_variables_arrive_on_their_sources(tmp_path: Path) -> None:
    # MAXQDA and Quirkos: each document's variables sit in a nameless <Case> with one SourceRef;
    # Float values written whole stay whole numbers, a Date keeps its day.
    data = read_qdpx(qdpx(tmp_path / "maxqda.qdpx", maxqda_body(), origin="MAXQDA 24"))
    assert data.cases == []
    assert [s.variables for s in data.sources] == [
        {"Score": 7.5, "Interviewed": "2024-03-05", "Shift": "vroeg"},
        {"Score": 8, "Shift": "laat"}]
    assert isinstance(data.sources[1].variables["Score"], int)
    assert {v.name: v.type for v in data.variables.values()} == \
        {"Score": "number", "Interviewed": "date", "Shift": "text"}  # two distinct: no list


def test_selection_refs_give_parts_and_values_that_do_not_fit_give_text(tmp_path: Path) -> None:
    # The standard's shape (and fieldkit's): a case names an uncoded PlainTextSelection by
    # SelectionRef; a picture selection makes the whole picture a member; an Integer variable
    # with a value "onbekend" becomes text with every value as written; a DateTime at 14:30
    # stays text rather than lose its time.
    start, end = span(TEXT_A, "Zes jaar, in de lasserij. 🙂")
    body = f"""<Variables>
      <Variable guid="{g('var_age')}" name="Age" typeOfVariable="Integer"/>
      <Variable guid="{g('var_start')}" name="Started" typeOfVariable="DateTime"/>
    </Variables>
    <Cases>
      <Case guid="{g('case_anna')}" name="Anna">{value('var_age', 'IntegerValue', 'onbekend')}
        {value('var_start', 'DateTimeValue', '2018-09-01T14:30:00Z')}
        <SelectionRef targetGUID="{g('sel_1')}"/><SelectionRef targetGUID="{g('sel_pic')}"/>
        <SelectionRef targetGUID="{g('sel_2')}"/></Case>
      <Case guid="{g('case_piet')}" name="Piet">{value('var_age', 'IntegerValue', '19')}</Case>
    </Cases>
    <Sources>
      {source('doc_a', 'Anna', f'''<PlainTextSelection guid="{g('sel_1')}"
          startPosition="{start}" endPosition="{end}"/>''')}
      <PictureSource guid="{g('pic')}" name="Rek" path="internal://{g('pic')}.jpg">
        <PictureSelection guid="{g('sel_pic')}" firstX="0" firstY="0" secondX="5" secondY="5"/>
      </PictureSource>
    </Sources>"""
    data = read_qdpx(qdpx(tmp_path / "standard.qdpx", body, origin="REFI",
                          texts={g("doc_a"): TEXT_A},
                          files={f"sources/{g('pic')}.jpg": photo_bytes()}))
    anna, piet = data.cases
    [part] = anna.parts
    assert (part.guid, data.sources[0].text[part.start:part.end]) == \
        (g("sel_1"), "Zes jaar, in de lasserij. 🙂")
    assert anna.source_guids == [g("pic")]
    assert anna.variables == {"Age": "onbekend", "Started": "2018-09-01T14:30:00Z"}
    assert piet.variables == {"Age": "19"}
    assert {v.name: v.type for v in data.variables.values()} == {"Age": "text",
                                                                  "Started": "text"}
    assert any("selection that is not text" in w for w in data.warnings)
    assert any(g("sel_2") in w for w in data.warnings)  # a selection that is not there


def test_qualcoder_cases_and_text_variables(tmp_path: Path) -> None:
    # QualCoder: named cases with SourceRefs and an empty <Description/>; its variables are
    # Text or Float only; text variables of another tool get the type their values show.
    body = f"""<Variables>
      <Variable guid="{g('var_age')}" name="Age group" typeOfVariable="Text"><Description/>
      </Variable>
      <Variable guid="{g('var_score')}" name="Years" typeOfVariable="Text"><Description/>
      </Variable>
    </Variables>
    <Cases>
      <Case guid="{g('case_anna')}" name="Anna"><Description/>
        {value('var_age', 'TextValue', '30-39')}{value('var_score', 'TextValue', '6')}
        <SourceRef targetGUID="{g('doc_a')}"/></Case>
      <Case guid="{g('case_piet')}" name="Piet"><Description/>
        {value('var_age', 'TextValue', '30-39')}{value('var_score', 'TextValue', '0,5')}
        <SourceRef targetGUID="{g('doc_b')}"/></Case>
    </Cases>
    <Sources>{source('doc_a', 'Anna')}{source('doc_b', 'Piet')}</Sources>"""
    data = read_qdpx(qdpx(tmp_path / "qualcoder.qdpx", body, origin="QualCoder 3.6"))
    assert [(c.name, c.source_guids, c.variables) for c in data.cases] == [
        ("Anna", [g("doc_a")], {"Age group": "30-39", "Years": 6}),
        ("Piet", [g("doc_b")], {"Age group": "30-39", "Years": 0.5})]
    assert {v.name: (v.type, v.choices) for v in data.variables.values()} == {
        "Age group": ("choice", ["30-39"]), "Years": ("number", [])}


def test_other_tools_cases_are_stored_with_parts_definitions_and_values(tmp_path: Path) -> None:
    from fieldkit.project import Project

    with Project.import_qdpx(qdpx(tmp_path / "nvivo.qdpx", nvivo_body()),
                             tmp_path / "nvivo.fieldkit") as project:
        [doc_a, doc_b] = project.documents()
        text_a = project.document(doc_a.id).text
        cases = {c.name: c for c in project.cases.all()}
        assert sorted(cases) == ["Anna", "Piet"]
        anna = cases["Anna"]
        assert anna.documents == [doc_b.id] and anna.description == "Lasser, dagdienst"
        assert [text_a[s:e] for d, s, e in anna.parts if d == doc_a.id] == \
            ["Anna: Zes jaar, in de lasserij. 🙂 Daarvóór bij Jan."]
        assert anna.attributes == {"Person:Age": 34, "Person:Department": "Lasserij",
                                   "Person:Started": "2018-09-01", "Person:Trainee": False}
        assert [(a.name, a.type, a.choices, a.uuid) for a in project.attributes.all()] == [
            ("Person:Age", "number", [], g("var_age")),
            ("Person:Department", "choice", ["Lasserij"], g("var_dept")),
            ("Person:Started", "date", [], g("var_start")),
            ("Person:Trainee", "boolean", [], g("var_trainee"))]
        assert [c.name for c in project.codebook().codes.values()] == ["Peer help"]
        # the case's membership counts in analysis: the Peer help coding lies in Anna's part
        [coding] = project.codings()
        assert project.cases.coding_cases() == {coding.id: [anna.id]}
    with Project.import_qdpx(qdpx(tmp_path / "maxqda.qdpx", maxqda_body(), "MAXQDA 24"),
                             tmp_path / "maxqda.fieldkit") as project:
        assert project.cases.all() == []
        by_title = {d.title: d.id for d in project.documents()}
        values = project.attributes.values("documents")
        assert values[by_title["Anna"]] == {"Score": 7.5, "Interviewed": "2024-03-05",
                                            "Shift": "vroeg"}
        assert values[by_title["Piet"]] == {"Score": 8, "Shift": "laat"}
        assert project.attributes.types() == {"Score": "number", "Interviewed": "date",
                                              "Shift": "text"}


def test_atlas_ti_document_groups_named_name_value_become_attributes(tmp_path: Path) -> None:
    # ATLAS.ti keeps attributes as document groups named "NAME::VALUE", written as <Sets>;
    # each group's documents get the value, and the groups stay document sets.
    from fieldkit.project import Project

    def group(n: int, name: str, *docs: str) -> str:
        members = "".join(f'<MemberSource targetGUID="{g(d)}"/>' for d in docs)
        return f'<Set guid="7f1c2d3e-0000-4000-8000-00000000000{n}" name="{name}">{members}</Set>'

    body = f"""<Sources>{source('doc_a', 'Anna')}{source('doc_b', 'Piet')}</Sources>
    <Sets>{group(1, 'Geslacht::vrouw', 'doc_a')}{group(2, 'Geslacht::man', 'doc_b')}
      {group(3, 'Afdeling :: Lasserij', 'doc_a', 'doc_b')}{group(4, 'Interviews', 'doc_a')}
      {group(5, 'Geslacht::man', 'doc_a')}</Sets>"""
    path = qdpx(tmp_path / "atlas.qdpx", body, origin="ATLAS.ti 23.2.1")
    data = read_qdpx(path)
    assert [s.variables for s in data.sources] == [
        {"Geslacht": "vrouw", "Afdeling": "Lasserij"}, {"Geslacht": "man", "Afdeling": "Lasserij"}]
    assert any("keeps Geslacht = vrouw" in w for w in data.warnings)
    with Project.import_qdpx(path, tmp_path / "atlas.fieldkit") as project:
        assert project.attributes.types() == {"Geslacht": "text", "Afdeling": "choice"}
        by_title = {d.title: d.id for d in project.documents()}
        assert project.attributes.values("documents")[by_title["Piet"]] == \
            {"Geslacht": "man", "Afdeling": "Lasserij"}
        assert len(project.sets.all()) == 5
