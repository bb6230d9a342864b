"""Survey exports → respondents with open answers (codable text) and closed answers (attributes).

Layouts recognised by their columns (``detect_layout``):

* **Qualtrics** (csv or xlsx): row 1 the column ids (``Q1``, ``Q2_TEXT``), row 2 the question
  texts, row 3 ``{"ImportId":"QID1"}`` (date columns carry ``"timeZone"``); ``ResponseId`` is
  the respondent. Responses whose ``Status`` says preview, test or spam are skipped (a warning
  each); the moment ``RecordedDate`` (else ``EndDate``, ``StartDate``) in its time zone dates
  the document.
* **LimeSurvey** (``id``, ``submitdate``, ``lastpage``, ``startlanguage``, ``seed``,
  ``startdate``, ``datestamp``, then question codes or ``CODE. question text`` headers, or the
  same with full headings: ``Response ID``, ``Date submitted`` …); ``id`` is the respondent.
* **Microsoft Forms** (xlsx: ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name``,
  ``Last modified time``, then the questions; Dutch headings too); ``ID`` is the respondent.
* **Castor** (``Participant Id``, ``Participant Status``, ``Site Abbreviation`` …) and a sheet
  typed by hand: a respondent column (``--map case=COLUMN``, or one named like id, respondent,
  participant, deelnemer, nummer), then one column per question. A hand-made xlsx may group
  columns under a merged header cell: "Afdeling" merged over two columns with "Naam" and
  "Ploeg" below names them "Afdeling / Naam" and "Afdeling / Ploeg".

Personal and technical columns of the known layouts (IP address, recipient names and e-mail,
location, referrer, seed, status) are left out, and a warning says which.

Whether a question is **open-ended** (its answers become codable text) or **closed** (its answers
become attributes of the respondent's case) is decided by the column as a whole, never answer by
answer, so one respondent's "31" in an "age_open" column full of "about 30" stays text beside
the others (``is_open``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fieldkit.core.attributes import Value, infer_type, parse_value
from fieldkit.core.errors import BadInput
from fieldkit.core.names import check_name

from .common import bad, read_bytes
from .survey_sheets import Sheet, read_sheet

CASE_NAME_MAX = 200  # the longest case name (``operations.cases``)
LABEL_MAX = 120  # the longest question label: an attribute's name, an answer's speaker
LAYOUTS = ("qualtrics", "limesurvey", "forms", "castor", "table")
MAPPING_KEYS = ("case", "per")
#: Header names of a respondent column in a table of no known layout (compared lower-case,
#: without spaces, ``_``, ``-`` and ``.``).
CASE_NAMES = ("id", "respondent", "respondentid", "respondentnummer", "respondentnr",
              "participant", "participantid", "participantcode", "deelnemer", "deelnemerid",
              "deelnemernummer", "nummer", "nr", "recordid", "responseid", "code")
#: Column names (any layout) whose answers are free text whatever they look like.
OPEN_SUFFIXES = ("_text", "_open", "_txt", "_comment", "_comments", "_opmerking",
                 "_opmerkingen", "_toelichting")
#: Qualtrics response statuses that are not a respondent: preview, test, spam (text or code).
_NOT_RESPONDENTS = {"1": "a survey preview", "2": "a survey test", "8": "spam",
                    "9": "a survey preview marked as spam", "12": "imported spam",
                    "17": "an offline survey preview"}


@dataclass(frozen=True, slots=True)
class _Layout:
    """What a layout's columns mean: the respondent column, columns left out (personal or
    technical), columns that are the export's own data (never open-ended)."""

    name: str
    case: tuple[str, ...]
    left_out: frozenset[str]
    metadata: frozenset[str]


def _simple(header: str) -> str:
    """A header compared loosely: lower-case, without spaces, ``_``, ``-`` and ``.``."""
    return re.sub(r"[\s_\-.]", "", header.casefold())


def _names(*names: str) -> frozenset[str]:
    return frozenset(_simple(n) for n in names)


_KNOWN = (
    _Layout("qualtrics", ("ResponseId", "ResponseID", "Response ID"),
            _names("Status", "IPAddress", "RecipientLastName", "RecipientFirstName",
                   "RecipientEmail", "ExternalReference", "ExternalDataReference",
                   "LocationLatitude", "LocationLongitude", "Response Type", "IP Address",
                   "Recipient Last Name", "Recipient First Name", "Recipient Email",
                   "External Data Reference", "Location Latitude", "Location Longitude"),
            _names("StartDate", "EndDate", "Progress", "Duration (in seconds)", "Finished",
                   "RecordedDate", "DistributionChannel", "UserLanguage", "Start Date",
                   "End Date", "Recorded Date", "Distribution Channel", "User Language")),
    _Layout("limesurvey", ("id", "Response ID"),
            _names("ipaddr", "refurl", "seed", "token", "firstname", "lastname", "email",
                   "IP address", "Referrer URL", "Seed", "Access code", "First name",
                   "Last name", "Email address"),
            _names("submitdate", "lastpage", "startlanguage", "startdate", "datestamp",
                   "Date submitted", "Last page", "Start language", "Date started",
                   "Date last action")),
    _Layout("forms", ("ID", "Id"),
            _names("Email", "Name", "E-mail", "Naam"),
            _names("Start time", "Completion time", "Last modified time", "Begintijd",
                   "Tijd van voltooien", "Voltooiingstijd", "Tijdstip van laatste wijziging",
                   "Laatst gewijzigd")),
    _Layout("castor", ("Participant Id", "Record Id"), _names(),
            _names("Participant Status", "Site Abbreviation", "Participant Creation Date")),
)


@dataclass(slots=True)
class Question:
    """One column of the survey (the respondent column aside).

    ``label`` is short and unique (case-insensitively) within the survey: the speaker of its
    answers and the attribute name of a closed question (Qualtrics' column id ``Q3``, a
    LimeSurvey code, else the header); ``text`` is its wording, the heading of its answers."""

    column: int
    label: str
    text: str
    open: bool = False
    text_entry: bool = False  # the export says it is a text box (Qualtrics ``…_TEXT``)
    type: str = "text"
    choices: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Respondent:
    """One respondent: the id (their case's name), the row as a spreadsheet numbers it, the
    open answers (question label → text) and closed answers (label → typed value), and the
    UTC moment the response was recorded when the export says so exactly."""

    id: str
    row: int
    answers: dict[str, str] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    created: str | None = None


@dataclass(slots=True)
class SurveyData:
    """A survey read and checked: what the import stores (nothing here touches a project)."""

    name: str
    layout: str
    case_column: str
    questions: list[Question]
    respondents: list[Respondent]
    warnings: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.open]

    @property
    def closed_questions(self) -> list[Question]:
        return [q for q in self.questions if not q.open]


def read_survey(path: Path, mapping: dict[str, str] | None = None, *,
                known: Mapping[str, tuple[str, list[str]]] | None = None) -> SurveyData:
    """The survey in the csv or xlsx file at ``path`` (see ``parse_survey``); ``mapping`` may
    name the respondent column (``case``) and say ``per`` (checked here, used by
    ``survey_text``)."""
    path = Path(path)
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(MAPPING_KEYS))
    if unknown:
        raise bad(path.name, f"a survey takes no mapping for {', '.join(unknown)} (it takes "
                             "case=COLUMN)")
    if mapping.get("per", "respondent") not in ("respondent", "question"):
        raise bad(path.name, f"per must be 'respondent' or 'question', not {mapping['per']!r}")
    return parse_survey(read_bytes(path), path.name, case=mapping.get("case"), known=known)


def survey_columns(path: Path) -> tuple[list[str], str | None]:
    """The columns of the survey at ``path`` as ``parse_survey`` names them (below a title
    row, merged headings joined), and the respondent column it finds by itself (None when it
    finds none, so the researcher names one). Raises ``BadInput`` when the file is no table."""
    path = Path(path)
    sheet = read_sheet(read_bytes(path), path.name)
    top = _top(sheet.rows, [])
    layout = detect_layout(sheet.rows[top])
    header = _header(sheet, top, layout)[0]
    try:
        return header, header[_case_column(header, header, layout, None, path.name)]
    except BadInput:
        return header, None


def parse_survey(data: bytes, name: str, *, case: str | None = None,
                 known: Mapping[str, tuple[str, list[str]]] | None = None) -> SurveyData:
    """Read a survey export: its layout, questions (open or closed, with attribute types) and
    respondents.

    ``case`` names the respondent column (its id or its question text); without it the
    layout's id column or a column named like a respondent id is used. ``known``: the
    attributes a project already has (name → type and choices): a closed question of that name
    (matched without regard to case, and then spelled as there) keeps that type. Raises
    ``BadInput``, one line naming the file, when there is no respondent column, a respondent id
    repeats, no question is open-ended (nothing to code), or an answer is not of its known
    type (naming its row and column). Rows skipped (blank, without respondent id, a Qualtrics
    preview or spam response) each get a line in ``warnings``.
    """
    sheet = read_sheet(data, name)
    warnings = list(sheet.notes)
    top = _top(sheet.rows, warnings)
    layout = detect_layout(sheet.rows[top])
    header, texts, imports, body_start = _header(sheet, top, layout)
    key = _case_column(header, texts, layout, case, name)
    questions, left_out = _questions(header, texts, imports, layout, key)
    if left_out:
        warnings.append("left out personal or technical columns (not imported as attributes): "
                        + ", ".join(left_out))
    respondents = _respondents(sheet.rows, body_start, key, header, layout, warnings, name)
    _classify(questions, respondents, sheet.rows, layout, warnings)
    if not any(q.open for q in questions):
        raise bad(name, f"no open-ended question (free-text answers) among {len(questions)} "
                        "columns, so there is nothing to code; import a table of closed "
                        "answers with 'fieldkit attributes import' instead")
    _known_types(questions, known or {})
    _answers(respondents, questions, sheet.rows, header, name)
    zone = _zone(imports)
    created = _created_column(header, layout)
    if created is not None and zone is not None:
        for who in respondents:
            who.created = _utc(sheet.rows[who.row - 1][created], zone)
    _unfinished(respondents, sheet.rows, header, layout, warnings)
    return SurveyData(_survey_name(name), layout.name, header[key], questions, respondents,
                      warnings, left_out)


def _known_types(questions: list[Question],
                 known: Mapping[str, tuple[str, list[str]]]) -> None:
    """Closed questions named like an attribute the project has take its name and type."""
    folded = {name.casefold(): name for name in known}
    for question in questions:
        name = folded.get(question.label.casefold())
        if name is not None and not question.open:
            question.label = name
            question.type, question.choices = known[name][0], list(known[name][1])


def _answers(respondents: list[Respondent], questions: list[Question], rows: list[list[str]],
             header: list[str], name: str) -> None:
    """Each respondent's open answers as text and closed answers as typed values (each
    distinct answer of a column parsed once: a Likert column has five)."""
    parsed: dict[tuple[int, str], Value | None] = {}
    for who in respondents:
        row = rows[who.row - 1]
        for q in questions:
            raw = row[q.column].strip()
            if not raw:
                continue
            if q.open:
                who.answers[q.label] = raw
                continue
            if (q.column, raw) not in parsed:
                try:
                    parsed[q.column, raw] = parse_value(q.label, q.type, raw, q.choices)
                except BadInput as exc:
                    raise bad(name, f"row {who.row}, column {header[q.column]}: {exc}") \
                        from None
            value = parsed[q.column, raw]
            if value is not None:
                who.values[q.label] = value


def detect_layout(header: list[str]) -> _Layout:
    """The layout whose signature columns the header row holds (``table`` when none)."""
    names = {_simple(h) for h in header}
    if {"responseid", "startdate", "status"} <= names:
        return _KNOWN[0]
    if ("submitdate" in names and "lastpage" in names) or \
            {"responseid", "datesubmitted", "lastpage"} <= names:
        return _KNOWN[1]
    if "id" in names and (("starttime" in names and "completiontime" in names)
                          or ("begintijd" in names and "tijdvanvoltooien" in names)):
        return _KNOWN[2]
    if "participantid" in names and {"participantstatus", "siteabbreviation"} & names:
        return _KNOWN[3]
    return _Layout("table", (), frozenset(), frozenset())


def looks_like_survey(data: bytes, name: str) -> bool:
    """True when the file is an xlsx workbook or a table in a known survey layout (what
    ``--kind auto`` imports as a survey); False for other tables (ESM exports)."""
    if data[:2] == b"PK":
        return True
    try:
        rows = read_sheet(data[:65536], name).rows
    except Exception:  # a cut-off sample may break quoting: not a recognisable survey then
        return False
    top = next((r for r in rows if any(r)), [])
    return detect_layout(top).name != "table"


def _header(sheet: Sheet, top: int, layout: _Layout
            ) -> tuple[list[str], list[str], list[dict[str, str]], int]:
    """Column names, question texts, Qualtrics ImportId metadata, and the first body row."""
    rows = sheet.rows
    header = list(rows[top])
    texts = list(header)
    imports: list[dict[str, str]] = [{} for _ in header]
    start = top + 1
    if layout.name == "qualtrics":
        if start < len(rows) and _is_texts_row(header, rows[start]):
            texts = [t or h for h, t in zip(header, rows[start], strict=True)]
            start += 1
        if start < len(rows) and any(c.startswith('{"ImportId"') for c in rows[start]):
            imports = [_import_id(c) for c in rows[start]]
            start += 1
    else:
        depth = _merged_depth(sheet, top)
        if depth > 1:
            block = rows[top:top + depth]
            header = [_joined([r[c] for r in block]) for c in range(len(header))]
            texts = list(header)
            start = top + depth
    if layout.name == "limesurvey":
        texts = list(header)
        for i, h in enumerate(header):
            if found := re.fullmatch(r"([A-Za-z][\w\[\]#]*)\.\s+(.+)", h, re.S):
                header[i], texts[i] = found.group(1), found.group(2)
    header = [h or f"column {i + 1}" for i, h in enumerate(header)]
    texts = [t or h for h, t in zip(header, texts, strict=True)]
    return header, texts, imports, start


def _top(rows: list[list[str]], warnings: list[str]) -> int:
    """The header row: the first row with cells, unless that row is a title above the table
    (one text, perhaps merged across it, and a row of several headings below)."""
    filled = [i for i, r in enumerate(rows) if any(r)]
    top = filled[0]
    if len(filled) > 2 and len({c for c in rows[top] if c}) == 1 and len(rows[top]) > 2 \
            and sum(1 for c in rows[filled[1]] if c) >= 2:
        warnings.append(f"row {top + 1} is taken as the sheet's title "
                        f"({next(c for c in rows[top] if c)[:40]}); the headings are row "
                        f"{filled[1] + 1}")
        return filled[1]
    return top


def _is_note(row: list[str], key: int) -> bool:
    """A remark typed below a hand-made table: words in the first column only."""
    return key == 0 and len(row) > 2 and len(row[0].split()) >= 3 \
        and not any(c.strip() for c in row[1:])


def _is_texts_row(header: list[str], row: list[str]) -> bool:
    """Qualtrics' second header row: under ResponseId it says "Response ID"."""
    at = next((i for i, h in enumerate(header) if _simple(h) == "responseid"), None)
    return at is not None and _simple(row[at]) == "responseid"


def _import_id(cell: str) -> dict[str, str]:
    try:
        found = json.loads(cell)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _merged_depth(sheet: Sheet, top: int) -> int:
    """How many rows the header takes: 1, or more when merged cells start in the top row (a
    group heading over columns has its sub-headings in the row below; a heading merged down
    over several rows takes them all)."""
    depth = 1
    for first, left, last, right in sheet.merged:
        if first == top:
            depth = max(depth, last - top + 1, 2 if right > left and last == top else 1)
    return min(depth, len(sheet.rows) - top - 1) if len(sheet.rows) - top > 1 else 1


def _joined(parts: list[str]) -> str:
    seen: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in seen:
            seen.append(part)
    return " / ".join(seen)


def _case_column(header: list[str], texts: list[str], layout: _Layout, given: str | None,
                 name: str) -> int:
    if given is not None:
        for candidates in (header, texts):
            if given in candidates:
                return candidates.index(given)
        for candidates in (header, texts):
            folded = [c.casefold() for c in candidates]
            if given.strip().casefold() in folded:
                return folded.index(given.strip().casefold())
        raise bad(name, f"no column {given!r} (given for case); columns found: "
                        f"{', '.join(header)}")
    simple = [_simple(h) for h in header]
    for wanted in (*(_simple(c) for c in layout.case), *CASE_NAMES):
        if wanted in simple:
            return simple.index(wanted)
    raise bad(name, "cannot find the respondent id column (a column named id, respondent, "
                    "participant, deelnemer or nummer); name it with --map case=COLUMN; "
                    f"columns found: {', '.join(header)}")


def _questions(header: list[str], texts: list[str], imports: list[dict[str, str]],
               layout: _Layout, key: int) -> tuple[list[Question], list[str]]:
    questions: list[Question] = []
    left_out: list[str] = []
    used: set[str] = set()
    for i, (column, text) in enumerate(zip(header, texts, strict=True)):
        if i == key:
            continue
        if _simple(column) in layout.left_out:
            left_out.append(column)
            continue
        short = _label(column)
        label, n = short, 2
        while label.casefold() in used:
            label, n = f"{short} ({n})", n + 1
        used.add(label.casefold())
        text_entry = imports[i].get("ImportId", "").upper().endswith("_TEXT")
        questions.append(Question(i, label, text, text_entry=text_entry))
    return questions, left_out


def _label(header: str) -> str:
    """A header as a label: one line, at most ``LABEL_MAX`` characters (a Forms question's
    whole wording is its header; the wording itself stays the question's ``text``)."""
    label = "".join(ch if ch.isprintable() else " " for ch in header)
    label = " ".join(label.split())
    return label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1].rstrip() + "…"


def _respondents(rows: list[list[str]], start: int, key: int, header: list[str],
                 layout: _Layout, warnings: list[str], name: str) -> list[Respondent]:
    status = next((i for i, h in enumerate(header) if _simple(h) == "status"), None) \
        if layout.name == "qualtrics" else None
    found: list[Respondent] = []
    first_row: dict[str, int] = {}
    for index in range(start, len(rows)):
        row, number = rows[index], index + 1
        who = row[key].strip()
        if not any(cell.strip() for cell in row):
            warnings.append(f"row {number} is empty; skipped")
            continue
        if not who:
            warnings.append(f"row {number} has no respondent id ({header[key]}); skipped")
            continue
        if _is_note(row, key):
            warnings.append(f"row {number} looks like a note below the table, not a "
                            f"respondent ({who[:40]}); skipped")
            continue
        if status is not None and (why := _not_a_respondent(row[status])):
            warnings.append(f"row {number} ({who}) is {why} (Status: {row[status].strip()}), "
                            "not a respondent; skipped")
            continue
        try:
            who = check_name(who, "case", CASE_NAME_MAX)
        except BadInput as exc:
            raise bad(name, f"row {number}, respondent id: {exc}") from None
        if who.casefold() in first_row:
            raise bad(name, f"respondent id {who!r} appears twice (rows "
                            f"{first_row[who.casefold()]} and {number}); each respondent "
                            "needs an id of their own")
        first_row[who.casefold()] = number
        found.append(Respondent(who, number))
    if not found:
        raise bad(name, f"no respondents: no row below the header has a respondent id "
                        f"({header[key]})")
    return found


def _not_a_respondent(status: str) -> str | None:
    text = status.strip()
    if text in _NOT_RESPONDENTS:
        return _NOT_RESPONDENTS[text]
    folded = text.casefold()
    for word, why in (("spam", "spam"), ("preview", "a survey preview"),
                      ("test", "a survey test")):
        if word in folded:
            return why
    return None


def _classify(questions: list[Question], respondents: list[Respondent],
              rows: list[list[str]], layout: _Layout, warnings: list[str]) -> None:
    """Set each question open or closed (with its type); drop columns nobody answered."""
    empty: list[str] = []
    for question in list(questions):
        values = [v for who in respondents if (v := rows[who.row - 1][question.column].strip())]
        if not values:
            questions.remove(question)
            if _simple(question.label) not in layout.metadata:
                empty.append(question.label)
            continue
        type_, choices = infer_type(values)
        metadata = _simple(question.label) in layout.metadata
        question.open = not metadata and is_open(question.label, values, type_,
                                                 text_entry=question.text_entry)
        question.type, question.choices = ("text", []) if question.open else (type_, choices)
    if empty:
        warnings.append("left out columns nobody answered: " + ", ".join(empty))


def is_open(label: str, values: list[str], type_: str, *, text_entry: bool = False) -> bool:
    """Whether a column of answers (blanks left out) is open-ended: free text to code.

    Decided by the column as a whole, in this order:

    1. A column named as a text entry (``Q3_TEXT``, ``age_open``, ``…_comment``,
       ``…_toelichting``, or a Qualtrics ImportId ``QID3_TEXT``: ``text_entry``) is open,
       unless every answer is a number (a number typed in a text box is closed). So "about
       30", "31", "ongeveer 45" stay text, "31" included.
    2. A column whose answers are all numbers, dates or yes/no, or a closed list (at most
       twelve short values that repeat: ``type_`` from ``infer_type``), is closed.
    3. At most twelve distinct answers of which hardly any (a tenth of the answers or fewer)
       is given only once is closed: long choice labels such as "Minder dan 1 jaar in dienst
       bij dit bedrijf" repeat, prose does not (a few essays among many "nee" stay open).
    4. It is open when at least a fifth of the answers have four words or more (prose, even
       among many "nee"), or when most answers differ and they average two words or more
       (typed freely); else it is a closed text (job titles, place names).
    """
    if text_entry or label.casefold().endswith(OPEN_SUFFIXES):
        return type_ != "number"
    if type_ != "text":
        return False
    counts = Counter(v.casefold() for v in values)
    once = sum(1 for n in counts.values() if n == 1)
    if len(counts) <= 12 and once * 10 <= len(values):
        return False
    words = [len(v.split()) for v in values]
    if sum(w >= 4 for w in words) * 5 >= len(values):
        return True
    return len(counts) * 2 > len(values) and sum(words) >= 2 * len(values)


def _zone(imports: list[dict[str, str]]) -> ZoneInfo | None:
    """The time zone Qualtrics' ImportId metadata gives its dates (None when it gives none)."""
    for meta in imports:
        if meta.get("timeZone"):
            try:
                return ZoneInfo(meta["timeZone"])
            except (ValueError, KeyError, OSError):
                return None
    return None


def _created_column(header: list[str], layout: _Layout) -> int | None:
    if layout.name != "qualtrics":
        return None
    simple = [_simple(h) for h in header]
    return next((simple.index(c) for c in ("recordeddate", "enddate", "startdate")
                 if c in simple), None)


def _utc(value: str, zone: ZoneInfo) -> str | None:
    """A local wall-clock time of the survey's zone as a UTC ISO time, or None."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _unfinished(respondents: list[Respondent], rows: list[list[str]], header: list[str],
                layout: _Layout, warnings: list[str]) -> None:
    """One line counting responses the export marks as not completed (they are imported)."""
    simple = [_simple(h) for h in header]
    if layout.name == "qualtrics" and "finished" in simple:
        at = simple.index("finished")
        late = [w for w in respondents
                if rows[w.row - 1][at].strip().casefold() in ("false", "0", "no")]
        what = "Finished = False"
    elif layout.name == "limesurvey" and {"submitdate", "datesubmitted"} & set(simple):
        at = next(simple.index(c) for c in ("submitdate", "datesubmitted") if c in simple)
        late = [w for w in respondents if not rows[w.row - 1][at].strip()]
        what = "no submit date"
    else:
        return
    if late:
        warnings.append(f"{len(late)} response(s) not completed ({what}: "
                        f"{', '.join(w.id for w in late[:5])}{' …' if len(late) > 5 else ''});"
                        " their answers so far are imported")


def _survey_name(filename: str) -> str:
    """The survey's name from its file name, without the export's additions: Qualtrics'
    "+" for spaces and "_March 1, 2024_10.15", Forms' "(1-3)"."""
    stem = Path(filename).stem.replace("+", " ")
    stem = re.sub(r"_[A-Z][a-z]+ \d{1,2}, \d{4}_\d{1,2}\.\d{2}$", "", stem)
    stem = re.sub(r"\s*\(\d+-\d+\)$", "", stem)
    return " ".join(stem.split()) or "Survey"
