"""Reading the three experience-sampling layouts into beeps (one questionnaire answered once).

* m-Path ``basic`` export (+ its ``meta`` file for the question wording and types);
* ESMira (one row per questionnaire, one column per item);
* a generic table: long (participant, timestamp, question, answer) or wide (participant,
  timestamp, one column per item).

Whether an answer is free text (codable) or closed (a number, a choice, a slider ...): m-Path
says so (question type ``open``); elsewhere a column/question is free text when its name ends in
``_open``/``_text``/``_comment`` or its answers look like prose (long or wordy, many different
values). Free-text answers that are plain numbers are always treated as closed.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from .common import bad

MPATH_META_COLUMNS = {
    "connectionId", "legacyCode", "code", "alias", "initials", "accountCode", "scheduledBeepId",
    "sentBeepId", "reminderForOriginalSentBeepId", "questionListName", "questionListLabel",
    "fromProtocolName", "timeStampScheduled", "timeStampSent", "timeStampStart",
    "timeStampStop", "originalTimeStampSent", "timeZoneOffset", "deltaUTC",
}
ESMIRA_META_COLUMNS = {
    "entryId", "userId", "uploaded", "appType", "appVersion", "studyId", "accessKey",
    "studyVersion", "studySubVersion", "studyLang", "questionnaireName", "questionnaireInternalId",
    "eventType", "timezone", "timezoneOffset", "responseTime", "responseTime_formatted",
    "localDateTime", "formDuration", "pageDurations", "lastInvitation",
    "lastInvitation_formatted", "group", "model", "osVersion", "manufacturer",
}
# Accepted header names for the generic layout, compared lower-case without _ - or spaces.
VARIANTS = {
    "participant": ["participant", "participantid", "participantcode", "pid", "ppid", "ppn",
                    "subject", "subjectid", "respondent", "respondentid", "user", "userid",
                    "username", "code", "deelnemer", "deelnemerid", "id"],
    "timestamp": ["timestamp", "time", "datetime", "responsetime", "beeptime", "answertime",
                  "submitted", "completed", "starttime", "date", "tijd", "tijdstip", "datum"],
    "question": ["question", "item", "variable", "questiontext", "prompt", "vraag"],
    "answer": ["answer", "response", "value", "antwoord", "reply"],
    "beep": ["beep", "beepid", "beepnr", "entryid", "surveyid", "promptid", "signal", "occasion"],
}
MAPPING_KEYS = {"participant", "timestamp", "question", "answer", "beep", "timezone", "per",
                "free_text"}
_FREE_SUFFIXES = ("_open", "_text", "_txt", "_comment", "_opmerking")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_NUMBER_LIST = re.compile(r"^-?\d+(?:\.\d+)?(?:,-?\d+(?:\.\d+)?)+$")
_BOOLEAN = {"yes", "no", "true", "false", "ja", "nee", "y", "n", "j"}
_DAY_FIRST = ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
              "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")


@dataclass(slots=True)
class Beep:
    """One answered questionnaire: who, when, free-text and closed answers."""

    participant: str
    utc: datetime
    local: datetime
    beep_id: str = ""
    free: dict[str, str] = field(default_factory=dict)
    closed: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Survey:
    """All beeps of one export plus question wording per answer key."""

    format: str
    beeps: list[Beep]
    wording: dict[str, str]
    warnings: list[str] = field(default_factory=list)


def strip_html(text: str) -> str:
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())


def typed(value: str, comma_decimal: bool = True) -> Any:
    """A closed answer as int, float, a list of numbers, or the string itself.

    ``comma_decimal``: "2,5" is the Dutch 2.5 (generic tables); m-Path uses commas only
    between list items, so there "2,3" is [2, 3].
    """
    v = value.strip()
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    if re.fullmatch(r"-?\d+\.\d+", v) or (comma_decimal and _NUMBER.match(v)):
        return float(v.replace(",", "."))
    if _NUMBER_LIST.match(v):
        return [int(x) if re.fullmatch(r"-?\d+", x) else float(x) for x in v.split(",")]
    return v


# In a cell that is not valid JSON, only escapes that cannot be a typed backslash are decoded:
# \uXXXX (a surrogate pair, or any other but a lone surrogate), \/ and \".
_JSON_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                          r"|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4}|\\[\"/]")


def _json_strings(cell: str) -> list[str]:
    """The strings of an m-Path string cell, which holds JSON strings separated by commas.

    m-Path writes string answers JSON-encoded (``"I hadn\\u2019t"``, ``"line\\n"``, ``"a\\/b"``;
    mpathr reads them with ``fromJSON``), so a worker's own backslash arrives as ``\\\\`` and
    decodes to one backslash. A cell that is not valid JSON (a backslash the export did not
    escape) is split as CSV and only ``\\uXXXX``, ``\\/`` and ``\\"`` are decoded in it: there
    ``\\n`` or ``\\t`` may be what the worker typed, so they stay as written.
    """
    try:
        items = json.loads(f"[{cell}]")
    except ValueError:
        items = None
    if isinstance(items, list) and all(isinstance(i, str) for i in items):
        return items
    return [_JSON_ESCAPE.sub(lambda m: json.loads(f'"{m.group()}"'), item)
            for item in next(csv.reader([cell], delimiter=",", quotechar='"'), [])]


def mpath_value(raw: str) -> Any:
    """An m-Path cell: ``""b"",""c""`` (quoted strings, listed) → ['b', 'c']; numbers typed."""
    v = raw.strip()
    if v.startswith('"') and v.endswith('"') and len(v) >= 2:
        items = [i for i in _json_strings(v) if i.strip()]
        if not items:
            return None
        return items[0] if len(items) == 1 else items
    return typed(v, comma_decimal=False) if v else None


def parse_when(value: str, zone: tzinfo) -> tuple[datetime, datetime] | None:
    """(UTC time, local wall-clock time) of a timestamp cell; naive times are in ``zone``.

    Unix seconds or milliseconds, ISO-8601 (with or without offset) and day-first Dutch dates.
    """
    v = value.strip().strip('"')
    if not v:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", v):
        seconds = float(v) / (1000 if float(v) > 1e11 else 1)
        utc = datetime.fromtimestamp(seconds, UTC)
        return utc, utc.astimezone(zone).replace(tzinfo=None)
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(v)
    except ValueError:
        for fmt in _DAY_FIRST:
            try:
                parsed = datetime.strptime(v, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC), parsed.replace(tzinfo=None)
    return parsed.replace(tzinfo=zone).astimezone(UTC), parsed


def _looks_free(key: str, values: list[str], forced: set[str]) -> bool:
    if key in forced:
        return True
    values = [v.strip() for v in values if v.strip()]
    if not values or all(_NUMBER.match(v) or _NUMBER_LIST.match(v) for v in values):
        return False
    if all(v.lower() in _BOOLEAN for v in values):
        return False
    if key.lower().endswith(_FREE_SUFFIXES):
        return True
    average = sum(map(len, values)) / len(values)
    most_words = max(len(v.split()) for v in values)
    distinct = len(set(values))
    return average >= 25 or most_words >= 6 or (distinct > 10 and distinct * 2 > len(values))


def _answer(beep: Beep, key: str, raw: Any, free: bool, comma_decimal: bool = True) -> None:
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        return
    if free and isinstance(raw, str) and not _NUMBER.match(raw.strip()):
        beep.free[key] = raw.strip()
    else:
        beep.closed[key] = typed(raw, comma_decimal) if isinstance(raw, str) else raw


# --- m-Path ------------------------------------------------------------------------------


def read_mpath_meta(
    header: list[str], rows: list[list[str]], name: str
) -> dict[str, tuple[str, str]]:
    """columnName → (wording without HTML, question type) from an m-Path meta table."""
    try:
        col, wording, qtype = (header.index(h) for h in ("columnName", "fullQuestion",
                                                           "typeQuestion"))
    except ValueError:
        raise bad(name, "not an m-Path meta file (needs columnName, fullQuestion, typeQuestion;"
                        f" found {', '.join(header)})") from None
    return {r[col].strip(): (strip_html(r[wording].strip('"')), r[qtype].strip()) for r in rows}


def read_mpath(header: list[str], rows: list[list[str]], meta: dict[str, tuple[str, str]],
               zone: tzinfo) -> Survey:
    idx = {h: i for i, h in enumerate(header)}
    items = [h for h in header if h not in MPATH_META_COLUMNS]
    wording = {h: (meta.get(h, ("", ""))[0] or h) for h in items}
    survey = Survey("m-path", [], wording)
    skipped = 0
    for row in rows:
        who = next((row[idx[c]].strip() for c in ("code", "alias", "legacyCode", "connectionId")
                    if c in idx and row[idx[c]].strip()), "")
        stamp = next((row[idx[c]] for c in ("timeStampStart", "timeStampSent")
                      if c in idx and row[idx[c]].strip() not in ("", "0")), "")
        if not who or not stamp.strip().isdigit():
            skipped += 1
            continue
        utc = datetime.fromtimestamp(int(stamp), UTC)
        offset = row[idx["timeZoneOffset"]].strip() if "timeZoneOffset" in idx else ""
        if re.fullmatch(r"-?\d+", offset):
            local = (utc + timedelta(seconds=int(offset))).replace(tzinfo=None)
        else:
            local = utc.astimezone(zone).replace(tzinfo=None)
        beep = Beep(who, utc, local, row[idx["sentBeepId"]] if "sentBeepId" in idx else "")
        for item in items:
            qtype = meta.get(item, ("", ""))[1]
            free = qtype == "open" if qtype else item.endswith("_open")
            _answer(beep, item, mpath_value(row[idx[item]]), free, comma_decimal=False)
        survey.beeps.append(beep)
    if skipped:
        survey.warnings.append(f"{skipped} row(s) without participant or time were skipped")
    return survey


# --- ESMira and the generic layouts --------------------------------------------------------


def find_column(header: list[str], role: str, mapping: dict[str, str], name: str) -> int | None:
    """The column index for a role, from the mapping (must exist) or by header variants."""
    if role in mapping:
        if mapping[role] not in header:
            raise bad(name, f"column {mapping[role]!r} (given for {role}) not found; columns "
                            f"found: {', '.join(header)}")
        return header.index(mapping[role])
    simple = [re.sub(r"[\s_\-.]", "", h.lower()) for h in header]
    for variant in VARIANTS[role]:
        if variant in simple:
            return simple.index(variant)
    return None


def read_wide(header: list[str], rows: list[list[str]], who: int, when: int,
              ignore: set[str], zone: tzinfo, forced: set[str], fmt: str,
              beep_col: int | None = None, zone_col: int | None = None) -> Survey:
    items = [i for i, h in enumerate(header)
             if i not in (who, when, beep_col, zone_col) and h not in ignore]
    free = {i for i in items if _looks_free(header[i], [r[i] for r in rows], forced)}
    survey = Survey(fmt, [], {header[i]: header[i] for i in items})
    skipped = 0
    for row in rows:
        row_zone = _zone_of(row[zone_col]) if zone_col is not None else None
        moment = parse_when(row[when], row_zone or zone)
        if not row[who].strip() or moment is None:
            skipped += 1
            continue
        beep = Beep(row[who].strip(), *moment, row[beep_col] if beep_col is not None else "")
        for i in items:
            _answer(beep, header[i], row[i], i in free)
        survey.beeps.append(beep)
    if skipped:
        survey.warnings.append(f"{skipped} row(s) without participant or readable time skipped")
    return survey


def read_long(header: list[str], rows: list[list[str]], cols: dict[str, int | None],
              zone: tzinfo, forced: set[str]) -> Survey:
    who, when, question, answer = (cols[k] for k in ("participant", "timestamp", "question",
                                                     "answer"))
    assert who is not None and when is not None and question is not None and answer is not None
    beep_col = cols.get("beep")
    per_question: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        per_question[row[question].strip()].append(row[answer])
    free = {q for q, values in per_question.items() if _looks_free(q, values, forced)}
    beeps: dict[tuple[str, str, str], Beep] = {}
    skipped = 0
    for row in rows:
        moment = parse_when(row[when], zone)
        if not row[who].strip() or moment is None or not row[question].strip():
            skipped += 1
            continue
        beep_id = row[beep_col].strip() if beep_col is not None else ""
        key = (row[who].strip(), beep_id or row[when].strip(), beep_id)
        beep = beeps.setdefault(key, Beep(key[0], *moment, beep_id))
        q = row[question].strip()
        _answer(beep, q, row[answer], q in free)
    survey = Survey("long", list(beeps.values()), {q: q for q in per_question})
    if skipped:
        survey.warnings.append(f"{skipped} row(s) without participant, time or question skipped")
    return survey


def _zone_of(value: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(value.strip()) if value.strip() else None
    except (ValueError, KeyError, OSError):
        return None


def read_esmira(header: list[str], rows: list[list[str]], zone: tzinfo,
                forced: set[str]) -> Survey:
    who, when = header.index("userId"), header.index("responseTime")
    beep_col = header.index("entryId") if "entryId" in header else None
    zone_col = header.index("timezone") if "timezone" in header else None
    ignore = ESMIRA_META_COLUMNS | {h for h in header if h.endswith("_formatted")}
    return read_wide(header, rows, who, when, ignore, zone, forced, "esmira", beep_col, zone_col)
