"""Issue 22 (item 4): the export dialog offers pseudonyms for every format, starts with them on
for a project that keeps real names, and warns while an export would go out without them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from fieldkit.gui.export_dialog import FORMATS


def _name_a_participant(project) -> None:  # type: ignore[no-untyped-def]
    project._store.add_participant("P1", name="Jan Bakker")
    note = project.add_note(site="Hendriks", title="Bezoek Jan Bakker",
                            text="Jan Bakker legt de kantbank uit.")
    project.code_text(note.id, 0, len(note.text), "Learning/Informal/Observation")


def _all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return " ".join([*archive.namelist(),
                         *(archive.read(n).decode("utf-8", "replace")
                           for n in archive.namelist())])


def test_a_project_with_real_names_exports_pseudonymised_unless_told(window, qtbot,
                                                                     tmp_path: Path) -> None:
    _name_a_participant(window.project)
    window.project._store.set_meta("name", "Werkplaats Jan Bakker")
    dialog = window.export_dialog("docx")
    assert dialog.pseudonymise.isChecked() and dialog.privacy.isHidden()
    assert Path(dialog.path.text()).name == "Werkplaats P1.docx"  # the suggested file name
    for kind, _ in FORMATS:  # every format takes the pseudonym options
        dialog.format.setCurrentIndex(dialog.format.findData(kind))
        assert dialog.pseudonymise.isEnabled() and dialog.terms.isEnabled(), kind
        assert dialog.options().get("pseudonymise") is True, kind
    dialog.pseudonymise.setChecked(False)
    assert not dialog.privacy.isHidden()
    assert "real names" in dialog.privacy.text()
    dialog.terms.setText("Henk=H.")  # replacing some names: no warning
    assert dialog.privacy.isHidden()
    dialog.terms.setText("")
    assert not dialog.privacy.isHidden()
    dialog.pseudonymise.setChecked(True)
    assert dialog.privacy.isHidden()

    for kind, name in (("xlsx", "t.xlsx"), ("qdpx", "p.qdpx")):
        dialog = window.export_dialog(kind)
        dialog.path.setText(str(tmp_path / name))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
        text = _all_text(tmp_path / name)
        assert "P1 legt de kantbank uit" in text and "Bakker" not in text, kind


def test_the_dialog_offers_the_names_of_the_last_export_again(window, qtbot,
                                                             tmp_path: Path) -> None:
    from fieldkit.gui.i18n import read_language

    dialog = window.export_dialog("xlsx")
    assert not dialog.pseudonymise.isChecked() and dialog.privacy.isHidden()  # no real names
    dialog.terms.setText("Henk=H.; Kees=K.")
    dialog.path.setText(str(tmp_path / "first.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert "Henk" not in _all_text(tmp_path / "first.xlsx")

    window.set_language("nl")
    try:
        dialog = window.export_dialog("csv")
        assert dialog.terms.text() == "Henk=H.; Kees=K." and dialog.pseudonymise.isChecked()
        dialog.terms.setText("")
        dialog.pseudonymise.setChecked(False)
        assert not dialog.privacy.isHidden()
        dutch = read_language("nl")
        assert dialog.privacy.text() == dutch[
            "The last export replaced other names ({0}); this one replaces none."
        ].format("Henk, Kees")
    finally:
        window.set_language("en")


def test_names_left_are_shown_with_where_they_are(window, qtbot, tmp_path: Path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fieldkit.gui import pseudonym_choice

    _name_a_participant(window.project)
    note = window.project.add_note(site="Hendriks", title="Later",
                                   text="Bakkertje kwam ook langs.")
    window.project.code_text(note.id, 0, len(note.text), "Learning/Informal/Observation")
    shown: list[str] = []
    monkeypatch.setattr(pseudonym_choice.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    dialog = window.export_dialog("xlsx")
    dialog.path.setText(str(tmp_path / "t.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert ": Bakkertje." in shown[0]
    assert "Where: Bakkertje: table 'Segments'" in shown[0]


def test_the_quick_export_buttons_follow_the_pseudonym_options(window, qtbot,
                                                               tmp_path: Path) -> None:
    """Coded segments, coding query, memo trail and a saved chart: the names of a project that
    keeps real names are replaced, as the export dialog would; unticked there, they are not."""
    import docx

    project = window.project
    project._store.add_participant("P9", name="Henk de Boer")
    doc = next(d for d in project.documents() if d.kind == "transcript")
    text = project.document(doc.id).text
    start = text.index("mee te kijken met Henk")
    project.add_code("Henk de Boer", colour="#123456")
    project.code_text(doc.id, start, start + len("mee te kijken met Henk"), "Henk de Boer")
    project.memos.add("Over Henk de Boer", "Henk de Boer leert door te kijken.")

    def words(path: Path) -> str:
        if path.suffix == ".docx":
            document = docx.Document(str(path))
            return " ".join([document.core_properties.title or "",
                             *(p.text for p in document.paragraphs)])
        return path.read_text(encoding="utf-8") if path.suffix == ".svg" else _all_text(path)

    def export_everything(folder: Path) -> dict[str, str]:
        folder.mkdir()
        panel = window.segments
        out: dict[str, Path] = {}
        analysis = window.show_analysis()
        qtbot.waitExposed(analysis)
        view = analysis.query
        view.expression.setText('"Henk de Boer" OR "Observation"')
        view.run()
        out["query.docx"] = view.export_docx(str(folder / "query.docx"))
        out["query.xlsx"] = view.export_xlsx(str(folder / "query.xlsx"))
        chart = analysis.relations.show_chart()
        assert "Henk de Boer" in chart.chart.svg()  # on screen: the project as it is
        out["chart.svg"] = chart.save(str(folder / "chart.svg"))
        out["memos.docx"] = analysis.memos.export_trail(str(folder / "memos.docx"))
        panel.show_codes([project.code("Learning/Informal/Observation").id])
        panel.export("docx", str(folder / "segments.docx"))
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
        out["segments.docx"] = folder / "segments.docx"
        assert [n for n, p in out.items() if not (isinstance(p, Path) and p.exists())] == []
        return {name: words(path) for name, path in out.items()}

    replaced = export_everything(tmp_path / "replaced")
    assert {n for n, t in replaced.items() if "Henk" in t} == set(), replaced
    assert "P9" in replaced["query.docx"] and "P9" in replaced["memos.docx"]

    dialog = window.export_dialog("docx")  # the researcher unticks the names, and exports
    dialog.pseudonymise.setChecked(False)
    dialog.path.setText(str(tmp_path / "plain.docx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    plain = export_everything(tmp_path / "plain")
    assert {n for n, t in plain.items() if "Henk" not in t} == set(), plain


def test_photos_leave_the_app_s_pseudonymised_exports_without_metadata(
        window, qtbot, tmp_path: Path) -> None:
    import io

    from PIL import Image

    from fieldkit.core.model import Region
    from tests.exporters.test_photo_metadata import leaks, named_jpeg

    original = named_jpeg(tmp_path / "kantbank.jpg")
    [photo] = window.project.imports.files([original], site="Hendriks")
    window.project.code_region(photo.id, Region(4, 6, 20, 30), "Learning/Informal/Observation")
    for kind, name in (("qdpx", "p.qdpx"), ("docx", "r.docx")):
        dialog = window.export_dialog(kind)
        dialog.terms.setText("Jan Bakker=P1")
        dialog.path.setText(str(tmp_path / name))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
        with zipfile.ZipFile(tmp_path / name) as archive:
            pictures = [archive.read(n) for n in archive.namelist()
                        if n.endswith(".jpg") or n.startswith("word/media/")]
        assert pictures and all(leaks(data) == [] for data in pictures), kind
    with Image.open(io.BytesIO(pictures[0])) as crop:
        assert crop.size == (20, 30)
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        [packed] = [archive.read(n) for n in archive.namelist() if n.endswith(".jpg")]
    with Image.open(io.BytesIO(packed)) as after, Image.open(original) as before:
        assert after.tobytes() == before.tobytes() and after.getexif() == {0x0112: 6}


def test_the_word_report_can_be_grouped_by_case(window, qtbot, tmp_path: Path) -> None:
    """Export → Word → Group by case writes a part per case (issue 28), as the facade's
    ``by_case`` does; without cases there is nothing to group and the box is off."""
    import docx

    project = window.project
    dialog = window.export_dialog("docx")
    assert not dialog.by_case.isEnabled()  # no cases yet
    doc = next(d for d in project.documents() if d.kind == "transcript")
    project.cases.add("Ploeg vroeg", documents=[doc.id])
    dialog = window.export_dialog("docx")
    assert dialog.by_case.isEnabled() and not dialog.by_case.isChecked()
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert not dialog.by_case.isEnabled()  # Excel has no parts
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.by_case.setChecked(True)
    dialog.pseudonymise.setChecked(False)
    assert dialog.options().get("by_case") is True
    dialog.path.setText(str(tmp_path / "per casus.docx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    headings = [p.text for p in docx.Document(str(tmp_path / "per casus.docx")).paragraphs
                if p.style.name.startswith("Heading")]
    assert "Ploeg vroeg" in " ".join(headings)
