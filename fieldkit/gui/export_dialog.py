"""The export dialog: the command line's export options, then a file, then progress and Cancel.

Formats: the Word report of coded segments (codes, coder, site, document set, code set,
networks drawn in a section of their own),
one document with its codings as Word comments (the annotated document; coder), the Excel
workbook (document set, code set), CSV files in a folder, and the whole project as REFI-QDA.
Options a format does not use are greyed out. Every format takes the pseudonym options, as on
the command line: replace participants' real names, and other names typed as Name=Pseudonym.

A project that keeps participants' real names starts with the replacing ticked, and the dialog
warns while an export would go out without it; so does a dialog after an export (this session)
that replaced other names, whose names it offers again. The export runs on the window's runner:
a progress dialog with Cancel, and nothing is written when it is cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import BadInput
from fieldkit.core.filenames import safe_file_name
from fieldkit.exporters.pseudonyms import has_real_names
from fieldkit.gui import folders, pseudonym_choice
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.encryption_dialogs import export_note
from fieldkit.gui.i18n import tr
from fieldkit.gui.runner import show_status
from fieldkit.gui.segments_panel import CodePicker
from fieldkit.project import Project

FORMATS = (("docx", "Word report of coded segments (.docx)"),
           ("annotated", "One document with its codings as Word comments (.docx)"),
           ("xlsx", "Excel workbook (.xlsx)"),
           ("csv", "CSV files in a folder"),
           ("qdpx", "REFI-QDA project for ATLAS.ti, NVivo, MAXQDA (.qdpx)"))
SUFFIX = {"docx": ".docx", "annotated": ".docx", "xlsx": ".xlsx", "csv": "", "qdpx": ".qdpx"}
# which options each format uses
USES = {"docx": {"codes", "coder", "site", "docset", "codeset", "by_case", "networks",
                 "pseudonyms"},
        "annotated": {"document", "coder", "pseudonyms"},
        "xlsx": {"docset", "codeset", "pseudonyms"}, "csv": {"pseudonyms"},
        "qdpx": {"pseudonyms"}}


class NetworkPicker(QToolButton):
    """A button with a checkable menu of the project's networks (drawn into the Word report)."""

    def __init__(self, project: Project, chosen: list[int]) -> None:
        super().__init__()
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        for network in project.networks.all():
            action = menu.addAction(network.name)
            action.setCheckable(True)
            action.setChecked(network.id in chosen)
            action.setData(network.id)
            action.toggled.connect(lambda _on: self._label())
        self.setMenu(menu)
        self._label()

    def checked(self) -> list[int]:
        return [int(a.data()) for a in self.menu().actions() if a.isChecked()]

    def _label(self) -> None:
        names = [a.text() for a in self.menu().actions() if a.isChecked()]
        self.setText(tr("Networks: {0}").format(", ".join(names)) if names
                     else tr("No networks"))


class ExportDialog(QDialog):
    def __init__(self, project: Project, runner: Any, parent: QWidget | None = None, *,
                 kind: str = "docx", document: int | None = None,
                 networks: list[int] | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.runner = runner
        self.setWindowTitle(tr("Export"))
        self.networks = NetworkPicker(project, networks or [])
        self._build_choices(project, document)
        self._build_privacy(project)
        self.path = QLineEdit()
        self.browse = QPushButton(tr("Choose…"))
        self.browse.clicked.connect(self.choose_path)
        self._lay_out()
        self.format.currentIndexChanged.connect(self._format_changed)
        self.pseudonymise.toggled.connect(self._format_changed)
        self.terms.textChanged.connect(self._check_privacy)
        self.path.textChanged.connect(self._check)
        self.format.setCurrentIndex(max(0, self.format.findData(kind)))
        self._format_changed()
        self.setMinimumWidth(min(640, max(480, self.sizeHint().width())))

    def _build_choices(self, project: Project, document: int | None) -> None:
        """The format, and what to export: codes, coder, site, sets, one document."""
        self.format = QComboBox()
        for key, label in FORMATS:
            self.format.addItem(tr(label), key)
        self.codes = CodePicker()
        book = project.codebook()
        self.codes.set_codes([(d, c.id, c.name, book.path(c.id)) for d, c in book.walk()])
        self.coder = QComboBox()
        self.coder.addItem(tr("All coders"), None)
        for coder in project.coders():
            self.coder.addItem(coder.name, coder.name)
        self.site = QComboBox()
        self.site.addItem(tr("All sites"), None)
        for site in project.sites():
            self.site.addItem(site.name, site.name)
        self.docset = QComboBox()
        self.docset.addItem(tr("All documents"), None)
        self.codeset = QComboBox()
        self.codeset.addItem(tr("All codes"), None)
        for found in project.sets.all():
            box = self.docset if found.kind == "documents" else self.codeset
            box.addItem(found.name, found.name)
        self.by_case = QCheckBox(tr("A part per case, then the segments in no case"))
        self.has_cases = bool(project.cases())
        self.document = QComboBox()
        self.document.setMinimumContentsLength(24)
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for doc in project.documents():
            if doc.kind != "photo":
                self.document.addItem(doc.title, doc.id)
        if document is not None and self.document.findData(document) >= 0:
            self.document.setCurrentIndex(self.document.findData(document))

    def _build_privacy(self, project: Project) -> None:
        """Pseudonyms (on when the project holds real names or other names were replaced
        last time) and the warning shown when real names would leave the project."""
        self.pseudonymise = QCheckBox(tr("Replace participants' names by their pseudonyms"))
        self.terms = QLineEdit()
        self.terms.setPlaceholderText(tr("Other names to replace: Name=Pseudonym; …"))
        self.real_names = has_real_names(project)
        self.last_terms = pseudonym_choice.last_terms(project)
        self.terms.setText(self.last_terms)
        self.pseudonymise.setChecked(self.real_names or bool(self.last_terms))
        self.privacy = QLabel()
        self.privacy.setObjectName("warning")
        self.privacy.setWordWrap(True)
        self.privacy.setStyleSheet("color: #b3261e;")
        self.privacy.setVisible(False)
        self.encrypted_note = QLabel(export_note(project.path))
        self.encrypted_note.setObjectName("hint")
        self.encrypted_note.setWordWrap(True)
        self.encrypted_note.setVisible(bool(self.encrypted_note.text()))

    def _lay_out(self) -> None:
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for name, label, widget in (("format", tr("Format"), self.format),
                                    ("codes", tr("Codes"), self.codes),
                                    ("coder", tr("Coder"), self.coder),
                                    ("site", tr("Site"), self.site),
                                    ("docset", tr("Document set"), self.docset),
                                    ("codeset", tr("Code set"), self.codeset),
                                    ("by_case", tr("Group by case"), self.by_case),
                                    ("networks", tr("Networks"), self.networks),
                                    ("document", tr("Document"), self.document),
                                    ("pseudonyms", tr("Pseudonyms"), self.pseudonymise)):
            caption = QLabel(label)
            form.addRow(caption, widget)
            self.rows[name] = (caption, widget)
        form.addRow("", self.terms)
        self.path_label = QLabel(tr("Save as"))
        form.addRow(self.path_label, where)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.buttons = dialog_buttons(self, accept_text=tr("Export"))
        self.export_button = accept_button(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.privacy)
        layout.addWidget(self.encrypted_note)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def kind(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        kind = self.kind()
        uses = USES[kind]
        for name, (caption, widget) in self.rows.items():
            on = name == "format" or name in uses
            on = on and (name != "by_case" or self.has_cases)  # no cases: nothing to group
            caption.setEnabled(on)
            widget.setEnabled(on)
        self.terms.setEnabled("pseudonyms" in uses)
        path = self.path.text().strip()
        suffix = SUFFIX[kind]
        if not path:
            path = folders.start_at("export", safe_file_name(self._masked_name()))
            path += suffix if suffix else f" – {tr('tables')}"
        else:
            stem = Path(path)
            if stem.suffix.lower() in (".docx", ".xlsx", ".qdpx"):
                stem = stem.with_suffix("")
            path = str(stem) + suffix
        self.path.setText(path)
        self.hint.setText({
            "docx": tr("One section per code with every coded segment, its citation "
                       "(paragraph, timestamp) and memo. No codes chosen: all codes."),
            "annotated": tr("The document's full text with each coding as a comment."),
            "xlsx": tr("Segments, codebook, counts, co-occurrence and ESM answers, one sheet "
                       "each."),
            "csv": tr("The same tables as the Excel workbook, one CSV file each, in a folder."),
            "qdpx": tr("The whole project, to open in another QDA program."),
        }[kind])
        self._check()
        self._check_privacy()

    def _masked_name(self) -> str:
        """The project's name as the export will write it (the suggested file name too)."""
        from fieldkit.exporters.pseudonyms import masker_for

        try:
            terms = parse_terms(self.terms.text())
        except BadInput:
            terms = {}
        mask = masker_for(self.project, self.pseudonymise.isChecked(), terms)
        return mask(self.project.name)

    def _check_privacy(self) -> None:
        """Warn while names this project asks to replace would be exported as they are."""
        message = ""
        if "pseudonyms" in USES[self.kind()] and not self.pseudonymise.isChecked() \
                and not self.terms.text().strip():
            if self.real_names:
                message = tr("This project keeps participants' real names: without "
                             "pseudonyms they go into the export as they are.")
            elif self.last_terms:
                message = tr("The last export replaced other names ({0}); this one replaces "
                             "none.").format(", ".join(parse_terms(self.last_terms)))
        self.privacy.setText(message)
        self.privacy.setVisible(bool(message))

    def _check(self) -> None:
        self.export_button.setEnabled(bool(self.path.text().strip()))

    def choose_path(self) -> None:
        kind = self.kind()
        if kind == "csv":
            chosen = QFileDialog.getExistingDirectory(self, tr("Folder for the CSV files"),
                                                      str(Path(self.path.text()).parent))
        else:
            suffix = SUFFIX[kind]
            chosen, _ = QFileDialog.getSaveFileName(self, tr("Export"), self.path.text(),
                                                    f"*{suffix}")
        if chosen:
            self.path.setText(self.fitting_path(chosen))

    def fitting_path(self, path: str) -> str:
        """``path`` with the chosen format's extension: the extension follows the format."""
        suffix = SUFFIX[self.kind()]
        stem = Path(path.strip())
        if not suffix or stem.suffix.lower() == suffix:
            return str(stem)
        if stem.suffix.lower() in (".docx", ".xlsx", ".qdpx"):
            stem = stem.with_suffix("")
        return str(stem) + suffix

    def options(self) -> dict[str, Any]:
        """The chosen options, as keyword arguments of the project's export method."""
        kind = self.kind()
        uses = USES[kind]
        out: dict[str, Any] = {}
        if "codes" in uses and self.codes.checked():
            out["codes"] = self.codes.checked()
        if "coder" in uses and self.coder.currentData():
            out["coder"] = self.coder.currentData()
        if "site" in uses and self.site.currentData():
            out["site"] = self.site.currentData()
        docset = self.docset.currentData() if "docset" in uses else None
        codeset = self.codeset.currentData() if "codeset" in uses else None
        if docset or codeset:
            out["codings"] = self.project.sets.coding_ids(docset, codeset)
        if "by_case" in uses and self.by_case.isChecked():
            out["by_case"] = True
        if "networks" in uses and self.networks.checked():
            out["networks"] = self.networks.checked()
        if "document" in uses:
            out["annotated_document"] = self.document.currentData()
        if "pseudonyms" in uses:
            terms = parse_terms(self.terms.text())
            if self.pseudonymise.isChecked() or terms:
                out["pseudonymise"] = True
            if terms:
                out["terms"] = terms
        return out

    def accept(self) -> None:
        try:
            options = self.options()
        except BadInput as exc:
            self.hint.setText(str(exc))
            return
        if self.kind() == "annotated" and options.get("annotated_document") is None:
            self.hint.setText(tr("Choose the document to export."))
            return
        if "pseudonyms" in USES[self.kind()]:
            pseudonym_choice.remember(self.project, self.pseudonymise.isChecked(),
                                      self.terms.text().strip())
        # problems a researcher can fix here are said here, with the dialog still open
        out = self.fitting_path(self.path.text())
        self.path.setText(out)
        folder = Path(out).parent
        if not folder.is_dir():
            self.hint.setText(tr("The folder {0} does not exist.").format(folder))
            self.path.setFocus()
            return
        folders.remember("export", out)
        self.start(out, options)
        super().accept()

    def start(self, out: str, options: dict[str, Any]) -> None:
        """Run the export on the runner (progress and Cancel)."""
        project, kind = self.project, self.kind()
        methods: dict[str, Callable[..., Any]] = {
            "docx": project.exports.docx, "annotated": project.exports.docx,
            "xlsx": project.exports.xlsx, "csv": project.exports.csv,
            "qdpx": project.exports.qdpx}
        method = methods[kind]
        window = self.parentWidget() or self
        left: list[str] = []  # names the pseudonymiser found still in the text
        if options.get("pseudonymise"):
            options = {**options, "warnings": left}

        def job(progress: Any) -> Any:
            return method(out, progress=progress, **options)

        def done(_result: Any) -> None:
            show_status(window, tr("Exported to {0}.").format(out))
            pseudonym_choice.warn_left(window, out, left)

        self.runner.run(tr("Exporting"), job, done)


def parse_terms(text: str) -> dict[str, str]:
    """``Name=Pseudonym; Name=Pseudonym`` (or one per line) into a mapping."""
    terms: dict[str, str] = {}
    for item in (part.strip() for part in text.replace("\n", ";").split(";")):
        if not item:
            continue
        name, sep, pseudonym = item.partition("=")
        if not sep or not name.strip() or not pseudonym.strip():
            raise BadInput(tr("'{0}' is not a name to replace; write Name=Pseudonym.")
                           .format(item))
        terms[name.strip()] = pseudonym.strip()
    return terms
