"""Issue 22 (items 2 and 4): every export path, with pseudonyms, holds no real name anywhere —
not in a text, a file name, a document property, a chart or a caption.

A small project carries real names everywhere a name can go: the project's name, a site, code
names and definitions, document titles, texts (joined, possessive, accent-free and surname-first
forms), a transcript's speakers, a photo's caption and file name, attributes of documents,
participants and cases, memos, a set, and the coders' names. Every exporting command runs with
the pseudonym options; every file it writes is read whole (each member of a docx/xlsx/qdpx zip,
its name too, each XML with and without its tags, each CSV) and searched for the real names.
Pictures cannot be searched, so each one is compared with the picture the same command draws
from a project whose labels already hold the pseudonyms: the bytes must be equal.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.model import ImportedDocument, ImportedMedia, Region, Turn

TERMS = ["--pseudonymise", "--term", "Anouk Visser=Coder A", "--term", "Zoë Çelik=P3"]
TERMS_FILE = "# people named in the notes\nSanne Mulder=Buurvrouw\n"
# every real name, as a pattern over accent-free lower-case text
REAL = re.compile(r"bakker|marieke|groot|anouk|visser|sanne|mulder|zoe|celik"
                  r"|(?<![a-z])jan(?![a-z])")

NOTE = ("Jan Bakker stelt de pers af. Daarna JanBakker en jan.bakker@pers.nl.\n"
        "Jan Bakkers fiets staat buiten; Jan Bakker's collega Marieke helpt. Sanne Mulder kijkt.\n"
        "In het rooster: Bakker, Jan 🙂. Zoe Celik schrijft: “JAN BAKKER is ziek.”")
TRANSCRIPT = ("Interviewer: Hoe gaat het?\n"
              "Jan Bakker: Goed, Marieke de Groot helpt mij altijd.")

# The labels a chart can show, as written in the project and as pseudonymised.
LABELS = {"site": ("Jan Bakker BV", "P1 BV"), "code": ("Jan Bakker", "P1"),
          "title": ("Gesprek met Jan_Bakker", "Gesprek met P1"),
          "interview": ("Interview Jan Bakker", "Interview P1"),
          "photo": ("Foto jan_bakker_pers", "Foto P1_pers"),
          "memo": ("Memo over Jan Bakker", "Memo over P1")}


def photo_bytes() -> bytes:
    image = Image.new("RGB", (60, 40), (255, 0, 0))
    image.paste((0, 0, 255), (30, 0, 60, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def build(path: Path, label: Callable[[str], str]) -> Project:
    """The named project; ``label`` gives each chart label (real, or already pseudonymised)."""
    project = Project.create(path, name="Werkplaats Jan Bakker")
    project.set_coder("Anouk Visser", remember=False)
    site = label("site")
    named = project.add_code(label("code"), colour="#3cb44b",
                             definition="Wat Jan Bakker zelf vertelt.")
    quotes = project.add_code(f"{label('code')}/Citaten", colour="#ffe119",
                              example="Jan Bakkers aanpak")
    learning = project.add_code("Leren", colour="#000075",
                                definition="Zoals Marieke de Groot het uitlegt.",
                                memo="Anouk Visser: Sanne Mulder noemt dit ook.")
    note = project.add_note(site=site, visit="2024-03-05", title=label("title"), text=NOTE)
    transcript = project.imports.document(ImportedDocument(
        kind="transcript", title=label("interview"), text=TRANSCRIPT, participant="P1",
        attributes={"contact": "Jan Bakker", "ploeg": "Marieke de Groot"},
        turns=[Turn(0, 26, "Interviewer", 0.0, 3.0), Turn(27, 80, "Jan Bakker", 3.0, 9.0)]),
        site=site, visit="2024-03-12")
    picture = project.imports.document(ImportedDocument(
        kind="photo", title=label("photo"), text="Jan Bakker bij de pers",
        media=ImportedMedia(photo_bytes(), "jan_bakker_pers.jpg", "image/jpeg", 60, 40)),
        site=site, visit="2024-03-12")
    memo_doc = project.add_note(site=site, title=label("memo"), kind="memo",
                                text="Sanne Mulder zegt dat Jan Bakker het weet.")
    with project._store.change("Names"):
        for pseudonym, name, attributes in (
                ("P1", "Jan Bakker", '{"buddy": "Marieke de Groot"}'),
                ("Kees Verhoeven", "Marieke de Groot", "{}"),
                ("Zoë Çelik", "", "{}")):
            person = project._store.participant_by_pseudonym(pseudonym)
            if person is None:
                project._store.add_participant(pseudonym, name=name)
                person = project._store.participant_by_pseudonym(pseudonym)
            assert person is not None
            project._store.update("participants", person.id,
                                 {"name": name, "attributes": attributes})

    def span(text: str, words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    project.code_text(note.id, 0, len(NOTE), learning.id)
    project.code_text(note.id, *span(NOTE, "Jan Bakker stelt"), named.id,
                      memo="Jan Bakker deed het voor.")
    project.code_text(note.id, *span(NOTE, "Jan Bakkers fiets"), quotes.id, coder="Bram")
    project.code_text(note.id, *span(NOTE, "JanBakker en jan.bakker"), quotes.id)
    project.code_text(transcript.id, *span(TRANSCRIPT, "Marieke de Groot helpt"), learning.id,
                      coder="Bram")
    project.code_text(transcript.id, *span(TRANSCRIPT, "Jan Bakker: Goed"), named.id)
    project.code_text(picture.id, *span("Jan Bakker bij de pers", "Jan Bakker"), named.id)
    project.code_region(picture.id, Region(0, 0, 30, 40), quotes.id, memo="Marieke op de foto")
    project.code_text(memo_doc.id, 0, 12, learning.id)
    case = project._store.add_case("Team Jan Bakker", "De ploeg van Marieke de Groot",
                                  {"leider": "Jan Bakker"})
    project._store.add_to_case(case, document_id=note.id)
    project.memos.set_document_memo(note.id, "Jan Bakker las mee.")
    memo = project.memos.add("Reflectie op Jan Bakker", "Marieke de Groot twijfelt.",
                             author="Anouk Visser")
    coding = next(c for c in project.codings(doc=note.id) if c.code_id == named.id)
    project.memos.link(memo.id, "coding", coding.id)
    project.memos.link(memo.id, "code", named.id)
    project.sets.add("Set van Jan Bakker", "documents", [note.id, transcript.id],
                     description="Gekozen door Anouk Visser")
    return project


def real(which: str) -> str:
    return LABELS[which][0]


def fake(which: str) -> str:
    return LABELS[which][1]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c)).lower()


def texts_of(path: Path) -> dict[str, str]:
    """Every readable text of an output: each zip member (its name too), tags stripped as
    well so a name split over Word runs is found; pictures are returned by ``pictures_of``."""
    found: dict[str, str] = {f"{path.name} (file name)": path.name}
    if path.suffix in (".docx", ".xlsx", ".qdpx"):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                found[f"{path.name}: member name {info.filename}"] = info.filename
                data = archive.read(info)
                if info.filename.lower().endswith((".png", ".jpg", ".jpeg")):
                    continue
                text = data.decode("utf-8")
                found[f"{path.name}: {info.filename}"] = text
                found[f"{path.name}: {info.filename} (text only)"] = re.sub(r"<[^>]+>", "",
                                                                          text)
    elif path.suffix in (".csv", ".qdc", ".svg"):
        found[path.name] = path.read_text(encoding="utf-8-sig")
    else:
        assert path.suffix == ".png", path
    return found


def pictures_of(path: Path) -> list[bytes]:
    if path.suffix == ".png":
        return [path.read_bytes()]
    if path.suffix != ".docx":
        return []
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n) for n in sorted(archive.namelist())
                if n.startswith("word/media/")]


def leaks(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        for where, text in texts_of(path).items():
            for hit in REAL.finditer(fold(text)):
                out.append(f"{where}: …{text[max(0, hit.start() - 30):hit.end() + 30]}…")
    return out


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.err


def every_export(project_path: Path, out: Path, options: list[str],
                 capsys: pytest.CaptureFixture[str],
                 label: Callable[[str], str] = real) -> tuple[list[Path], str]:
    """Run every exporting command with ``options``; the files written and the warnings."""
    out.mkdir()
    p = ["-p", str(project_path)]
    code = f"{label('code')}/Citaten"
    commands: list[tuple[list[str], list[str]]] = [
        (["export", "docx", "report.docx", "--chart", "sites", "--chart", "months",
          "--chart", "bars", "--chart", "relations"], ["report.docx"]),
        (["export", "docx", "annotated.docx", "--annotated", "1"], ["annotated.docx"]),
        (["export", "xlsx", "tables.xlsx"], ["tables.xlsx"]),
        (["export", "csv", "CSVDIR"], []),
        (["export", "qdpx", "project.qdpx"], ["project.qdpx"]),
        (["codebook", "export", "codebook.qdc"], ["codebook.qdc"]),
        (["segments", f'"{code}" OR Leren', "--docx", "query.docx", "--xlsx", "query.xlsx"],
         ["query.docx", "query.xlsx"]),
        (["relations", "--xlsx", "relations.xlsx", "--chart", "relations.png"],
         ["relations.xlsx", "relations.png"]),
        (["relations", "--chart", "relations.svg"], ["relations.svg"]),
        (["relations", "--pairs", code, "Leren", "--xlsx", "pairs.xlsx"], ["pairs.xlsx"]),
        (["matrix", "--columns", "site", "--xlsx", "matrix.xlsx", "--chart", "matrix.png"],
         ["matrix.xlsx", "matrix.png"]),
        (["matrix", "--columns", "document", "--chart", "bars.png", "--bars"], ["bars.png"]),
        (["matrix", "--columns", "attribute:contact", "--chart", "contact.svg"],
         ["contact.svg"]),
        (["matrix", "--columns", "site", "--cell", code, label("site"), "--xlsx",
          "cell.xlsx"], ["cell.xlsx"]),
        (["portrait", "1", "portrait.png"], ["portrait.png"]),
        (["memo", "export", "memos.docx"], ["memos.docx"]),
        (["agreement", "--coders", "Anouk Visser", "Bram", "--xlsx", "agreement.xlsx"],
         ["agreement.xlsx"]),
        (["blind", "Anouk Visser", "blind.xlsx"], ["blind.xlsx"]),
    ]
    written: list[Path] = []
    warnings = []
    for command, files in commands:
        argv = [*p, *command, *options]
        argv = [str(out / a) if a in files else str(out / "csv") if a == "CSVDIR" else a
                for a in argv]
        warnings.append(run(argv, capsys))
        written += [out / f for f in files]
    written += sorted((out / "csv").iterdir())
    return written, "".join(warnings)


@pytest.fixture
def named(tmp_path: Path) -> Path:
    with build(tmp_path / "named.fieldkit", real) as project:
        return project.path


def test_every_export_path_holds_no_real_name(named: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    terms_file = tmp_path / "terms.txt"
    terms_file.write_text(TERMS_FILE, encoding="utf-8")
    # without pseudonyms the names are there (so the search below can find them)
    plain, _ = every_export(named, tmp_path / "plain", [], capsys)
    assert sorted(f.name for f in plain if not leaks([f])) == [
        "bars.png", "esm_answers.csv", "matrix.png", "portrait.png", "relations.png"]
    written, warnings = every_export(named, tmp_path / "out",
                                     [*TERMS, "--terms", str(terms_file)], capsys)
    assert leaks(written) == []
    assert warnings == ""
    # what was there is still there, replaced: the pseudonyms stand where the names stood
    report = texts_of(tmp_path / "out" / "report.docx")["report.docx: word/document.xml"]
    assert "P1 stelt de pers af. Daarna P1 en P1@pers.nl." in report
    assert "P1's fiets staat buiten; P1's collega Kees helpt. Buurvrouw kijkt." in report
    assert "In het rooster: P1 🙂. P3 schrijft: “P1 is ziek.”" in report
    core = texts_of(tmp_path / "out" / "memos.docx")["memos.docx: docProps/core.xml"]
    assert "<dc:title>Werkplaats P1</dc:title>" in core


def test_every_picture_equals_the_picture_of_already_replaced_labels(
        named: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with build(tmp_path / "truth.fieldkit", fake) as project:
        truth_path = project.path
    written, _ = every_export(named, tmp_path / "out", TERMS, capsys)
    truth, _ = every_export(truth_path, tmp_path / "truth", [], capsys, fake)
    plain, _ = every_export(named, tmp_path / "plain", [], capsys)
    pictures = {f.name: Counter(pictures_of(f)) for f in written if pictures_of(f)}
    expected = {f.name: Counter(pictures_of(f)) for f in truth if pictures_of(f)}
    unmasked = {f.name: Counter(pictures_of(f)) for f in plain if pictures_of(f)}
    assert set(pictures) == {"report.docx", "relations.png", "matrix.png", "bars.png",
                             "portrait.png"}
    assert sum(len(c) for c in pictures.values()) >= 9  # 4 charts and a photo crop, 4 charts
    assert pictures == expected
    # the comparison can fail: drawn from the real labels, the pictures differ
    for name in ("report.docx", "matrix.png", "bars.png", "portrait.png"):
        assert unmasked[name] != expected[name], name


def test_a_pseudonymised_qdpx_moves_codings_with_the_replaced_text(
        named: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldkit.exporters.pseudonyms import Pseudonymiser

    out = tmp_path / "p.qdpx"
    run(["-p", str(named), "export", "qdpx", str(out), *TERMS], capsys)
    run(["import-qdpx", str(out), str(tmp_path / "back.fieldkit")], capsys)
    with Project.open(named) as original, Project.open(tmp_path / "back.fieldkit") as back:
        mask = Pseudonymiser.for_project(original, {"Anouk Visser": "Coder A",
                                                    "Zoë Çelik": "P3"})
        titles = {mask(d.title): d for d in original.documents()}
        assert sorted(titles) == sorted(d.title for d in back.documents())
        for doc in back.documents():
            before = original.document(titles[doc.title].id)
            assert back.document(doc.id).text == mask(before.text)
        quotes = sorted((mask(original.document(c.document_id).title), mask(c.quote))
                        for c in original.codings() if c.region is None)
        got = sorted((back.document(c.document_id).title,
                      back.document(c.document_id).text[c.start:c.end])
                     for c in back.codings() if c.region is None)
        assert got == quotes
        assert sorted(c.name for c in back.coders()) == ["Bram", "Coder A"]


def test_a_pseudonymised_qdpx_moves_a_transcripts_sync_points(tmp_path: Path) -> None:
    """A recording's transcript: its turns (sync points) point at the same words after the
    names in it are replaced, and its time codings stay on the recording."""
    from fieldkit.demo.sound import write_recording
    from fieldkit.exporters.pseudonyms import Pseudonymiser

    write_recording(tmp_path / "talk.m4a", 3.0, video=False)
    (tmp_path / "talk.vtt").write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n<v Interviewer>Hoe leerde Jan Bakker dit?\n\n"
        "00:00:01.200 --> 00:00:02.800\n<v Jan Bakker>Jan Bakkers vader liet het zien. 🙂\n",
        encoding="utf-8")
    with Project.create(tmp_path / "rec.fieldkit") as project:
        project.set_coder("Anouk Visser", remember=False)
        project.imports.files([tmp_path / "talk.m4a"], site="Jan Bakker BV")
        transcript = next(d for d in project.documents() if d.kind == "transcript")
        text = project.document(transcript.id).text
        start = text.index("Jan Bakkers vader")
        project.add_code("Leren")
        project.code_text(transcript.id, start, start + len("Jan Bakkers vader"), "Leren")
        turns = [text[t.start:t.end] for t in project.turns(transcript.id)]
        out = project.exports.qdpx(tmp_path / "p.qdpx", terms={"Jan Bakker": "P1"})
        mask = Pseudonymiser.for_project(project, {"Jan Bakker": "P1"})
    with zipfile.ZipFile(out) as archive:
        everything = " ".join(archive.read(n).decode("utf-8", "replace")
                              for n in archive.namelist() if not n.endswith(".m4a"))
    assert "Bakker" not in everything and "Jan" not in everything
    with Project.import_qdpx(out, tmp_path / "back.fieldkit") as back:
        again = next(d for d in back.documents() if d.kind == "transcript")
        text = back.document(again.id).text
        assert [text[t.start:t.end] for t in back.turns(again.id)] == [mask(t) for t in turns]
        assert [t.speaker for t in back.turns(again.id)] == ["Interviewer", "P1"]
        quotes = [text[c.start:c.end] for c in back.codings(doc=again.id)]
        assert quotes == ["P1's vader"]
