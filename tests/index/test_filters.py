"""Every filter: site, kind, speaker, code, coder, after, before; unknown values say so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldkit import Project


def found(project: Project, query: str) -> list[tuple[str, str]]:
    return sorted((h.title, h.match) for h in project.search(query).hits)


def test_site_kind_and_dates(study: Project) -> None:
    assert found(study, "collega site:bakkerij") == [
        ("Interview Sanne", "collega"), ("Tweede bezoek", "collega")]
    assert found(study, 'kantbank site:"van dijk"') == [("Eerste bezoek", "kantbank")]
    assert found(study, "collega kind:transcript") == [("Interview Sanne", "collega")]
    assert found(study, "collega kind:fieldnote") == [("Tweede bezoek", "collega")]
    assert found(study, "collega kind:transcript kind:fieldnote") == [
        ("Interview Sanne", "collega"), ("Tweede bezoek", "collega")]
    assert found(study, "collega after:2026-04-11") == [("Tweede bezoek", "collega")]
    assert found(study, "collega before:2026-04-11") == [("Interview Sanne", "collega")]
    assert found(study, "kantbank after:2026-03-02 before:2026-03-03") == [
        ("Eerste bezoek", "kantbank")]


def test_speaker_filter_keeps_hits_inside_that_speakers_turns(study: Project) -> None:
    hits = study.search("kantbank speaker:sanne").hits
    assert hits == []
    hits = study.search("training speaker:Sanne").hits
    assert [(h.speaker, h.match) for h in hits] == [("Sanne", "training")]
    text = study.document(hits[0].document_id).text
    assert text[hits[0].start:hits[0].end] == "training"
    assert text.rfind("Sanne:", 0, hits[0].start) > text.rfind("Interviewer:", 0, hits[0].start)
    assert study.search("training").hits[0].speaker in ("Sanne", "Interviewer")


def test_code_and_coder_filters(study: Project, ids: dict[str, int]) -> None:
    text = study.document(ids["Interview Sanne"]).text
    start = text.index("De training was kort")
    code = study.add_code("Leren/Formeel")
    study.code_text(ids["Interview Sanne"], start, start + 20, code.id, coder="Bram")
    hits = study.search("training code:formeel").hits
    assert [(h.start, h.match) for h in hits] == [(start + 3, "training")]
    assert study.search("training code:Leren").total == 1  # sub-codes count
    assert study.search("training code:Leren/Formeel coder:bram").total == 1
    assert study.search("training coder:anouk").total == 0
    assert study.search("kantbank code:formeel").total == 0


def test_unknown_filter_values_say_so(study: Project) -> None:
    for query, word in (("kantbank site:Nergens", "site"), ("kantbank speaker:Nobody", "speaker"),
                        ("kantbank code:Geen", "code"), ("kantbank coder:Niemand", "coder")):
        result = study.search(query)
        assert result.total == 0 and result.note and f"No {word} matches" in result.note
    result = study.search("kantbank kind:boek")
    assert result.total == 2 and "not a kind" in (result.note or "")
    result = study.search("kantbank after:gisteren")
    assert result.total == 2 and "not a date" in (result.note or "")
    result = study.search("kantbank plaats:Oost")
    assert result.note and "plain words" in result.note and "plaats" in result.note


def test_operators(study: Project) -> None:
    assert study.search("kantbank -nachtploeg").total == 1
    assert study.search("kantbank NOT nachtploeg").total == 1
    assert study.search("kantbank OR bakkerij").total == 3
    assert study.search("(planner OR bakkerij) machines").total == 1
    assert study.search("NEAR(jan kantbank, 5)").total == 1
    assert study.search("NEAR(jan kantbank, 2)").total == 0
    assert study.search('"nieuwe kantbank"').total == 1
    assert study.search("kantbank").hits[0].score > 0


def test_a_plain_code_filter_does_not_load_the_coding_query_reader(tmp_path: Path) -> None:
    """``code:`` with a code's name needs no coding query, so neither its reader nor numpy is
    imported (a researcher's first such search took 100 ms more); one with an operator does."""
    script = (
        "import sys\n"
        "from fieldkit import Project\n"
        f"p = Project.create({str(tmp_path / 'C.fieldkit')!r}, language='nl')\n"
        "p.add_note(site='A', visit='2026-03-02', title='N', text='De training was kort.')\n"
        "code = p.add_code('Leren/Formeel')\n"
        "p.code_text(1, 0, 11, code.id)\n"
        "assert p.search('training code:Formeel').total == 1\n"
        "print('fieldkit.analysis.query' in sys.modules, 'numpy' in sys.modules)\n"
        "assert p.search('training code:\"Formeel AND Formeel\"').total == 1\n"
        "print('fieldkit.analysis.query' in sys.modules)\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=root, env={"PYTHONPATH": str(root), "PATH": ""}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True"]
