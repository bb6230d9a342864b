"""Experience-sampling (ESM) exports → one ``esm`` document per participant and day, or per beep.

Supported: m-Path ``basic`` exports (the companion ``meta`` file, same name with ``meta`` for
``basic``, is found automatically and supplies the question wording), ESMira exports, and
generic long or wide tables. ``mapping`` may name columns (``participant``, ``timestamp``,
``question``, ``answer``, ``beep``) and set ``timezone`` (IANA name for times without an offset;
default Europe/Amsterdam), ``per`` (``day``/``beep``) and ``free_text`` (comma-separated
questions/columns to treat as free text).

Document text — only free-text answers, which is what researchers code::

    2024-07-31 13:57
    Wat gebeurde er net?: De machine viel stil en Ahmed liet me zien hoe ...

one heading per beep that has free text (local time as the phone recorded it), beeps separated by
an empty line. Closed answers go to ``attributes`` in a layout an exporter can tabulate (one row
per beep, one column per answer key)::

    {"esm_format": "m-path" | "esmira" | "long" | "wide",
     "participant": "P07", "date": "2024-07-31",          # local date of the first beep
     "questions": {key: wording},                          # every key used below
     "beeps": [{"beep": "20372171",                       # id from the export, may be ""
                "time": "2024-07-31T13:57:28",             # local wall-clock time
                "utc": "2024-07-31T11:57:28Z",
                "answers": {key: 3 | 2.5 | "b" | [2, 3] | ["b", "c"]},   # closed answers
                "text": {key: [start, end]}}]}             # where each free answer sits

``participant`` is the participant code, ``created`` the first beep in UTC (``...Z``), ``title``
``ESM <participant> <date>`` (per beep: plus ``HH:MM``). Import warnings (skipped rows) are on
the first document.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from fieldkit.core.model import ImportedDocument

from .common import bad, read_bytes
from .esm_formats import (
    MAPPING_KEYS,
    Beep,
    Survey,
    find_column,
    read_esmira,
    read_long,
    read_mpath,
    read_mpath_meta,
    read_wide,
)
from .table import read_table

DEFAULT_TIMEZONE = "Europe/Amsterdam"


def find_meta_file(path: Path) -> Path | None:
    """The m-Path meta file next to a basic file (``x_basic.csv`` → ``x_meta.csv``)."""
    stem = path.name
    at = stem.lower().rfind("basic")
    if at < 0:
        return None
    for word in ("meta", "Meta", "META"):
        candidate = path.with_name(stem[:at] + word + stem[at + 5:])
        if candidate.is_file():
            return candidate
    return None


def _zone(mapping: dict[str, str], name: str) -> tzinfo:
    zone_name = mapping.get("timezone", DEFAULT_TIMEZONE)
    try:
        return ZoneInfo(zone_name)
    except (ValueError, KeyError, OSError):
        raise bad(name, f"unknown time zone {zone_name!r} (use a name like Europe/Amsterdam)") \
            from None


def _survey(data: bytes, name: str, mapping: dict[str, str], meta: bytes | None,
            meta_name: str) -> Survey:
    header, rows = read_table(data, name)
    zone = _zone(mapping, name)
    forced = {q.strip() for q in mapping.get("free_text", "").split(",") if q.strip()}
    columns = set(header)
    if {"columnName", "fullQuestion"} <= columns:
        raise bad(name, "this is an m-Path meta file; import the basic file next to it instead")
    explicit = mapping.keys() & {"participant", "timestamp", "question", "answer"}
    if not explicit and {"timeStampStart", "timeStampSent"} & columns \
            and {"code", "alias"} & columns:
        questions = read_mpath_meta(*read_table(meta, meta_name), meta_name) if meta else {}
        return read_mpath(header, rows, questions, zone)
    if not explicit and {"userId", "responseTime"} <= columns:
        return read_esmira(header, rows, zone, forced)
    cols = {role: find_column(header, role, mapping, name)
            for role in ("participant", "timestamp", "question", "answer", "beep")}
    if cols["participant"] is None or cols["timestamp"] is None:
        missing = [r for r in ("participant", "timestamp") if cols[r] is None]
        raise bad(name, f"cannot find the {' and '.join(missing)} column(s); columns found: "
                        f"{', '.join(header)} (name them with a column mapping, or import "
                        "a survey without times with --kind survey)")
    if cols["question"] is not None and cols["answer"] is not None:
        return read_long(header, rows, cols, zone, forced)
    if (cols["question"] is None) != (cols["answer"] is None) and \
            ("question" in mapping or "answer" in mapping):
        raise bad(name, f"a long table needs both question and answer columns; columns found: "
                        f"{', '.join(header)}")
    return read_wide(header, rows, cols["participant"], cols["timestamp"], set(), zone, forced,
                     "wide", cols["beep"])


def _iso_utc(beep: Beep) -> str:
    return beep.utc.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _labels(survey: Survey) -> dict[str, str]:
    """Wording per key; a wording shared by several keys gets the key added to tell them apart."""
    uses: dict[str, int] = {}
    for wording in survey.wording.values():
        uses[wording] = uses.get(wording, 0) + 1
    return {k: (w if uses[w] == 1 or w == k else f"{w} [{k}]") for k, w in survey.wording.items()}


def _document(survey: Survey, beeps: list[Beep], per: str, labels: dict[str, str],
              name: str) -> ImportedDocument:
    pieces: list[str] = []
    pos = 0
    rows: list[dict[str, object]] = []
    used: set[str] = set()
    for beep in beeps:
        spans: dict[str, list[int]] = {}
        if beep.free:
            if pieces:
                pieces.append("\n\n")
                pos += 2
            heading = beep.local.strftime("%Y-%m-%d %H:%M")
            pieces.append(heading)
            pos += len(heading)
            for key, answer in beep.free.items():
                prefix = f"\n{labels.get(key, key)}: "
                pieces.append(prefix + answer)
                spans[key] = [pos + len(prefix), pos + len(prefix) + len(answer)]
                pos += len(prefix) + len(answer)
        used.update(beep.free, beep.closed)
        rows.append({"beep": beep.beep_id,
                     "time": beep.local.replace(microsecond=0).isoformat(),
                     "utc": _iso_utc(beep), "answers": dict(beep.closed), "text": spans})
    first = beeps[0]
    date = first.local.date().isoformat()
    title = f"ESM {first.participant} {date}"
    if per == "beep":
        title += first.local.strftime(" %H:%M")
    return ImportedDocument(
        kind="esm", title=title, text="".join(pieces), participant=first.participant,
        created=_iso_utc(first), source_name=name,
        attributes={"esm_format": survey.format, "participant": first.participant,
                    "date": date, "questions": {k: survey.wording.get(k, k) for k in
                                                sorted(used)}, "beeps": rows},
    )


def read_esm(data: bytes, name: str, *, mapping: dict[str, str] | None = None,
             per: str | None = None, meta: bytes | None = None,
             meta_name: str = "meta.csv") -> list[ImportedDocument]:
    """ESM documents from the bytes of an export (and optionally its m-Path meta file)."""
    mapping = dict(mapping or {})
    unknown = set(mapping) - MAPPING_KEYS
    if unknown:
        raise bad(name, f"unknown mapping key(s) {', '.join(sorted(unknown))}; use "
                        f"{', '.join(sorted(MAPPING_KEYS))}")
    per = per or mapping.get("per", "day")
    if per not in ("day", "beep"):
        raise bad(name, f"per must be 'day' or 'beep', not {per!r}")
    survey = _survey(data, name, mapping, meta, meta_name)
    if not survey.beeps:
        raise bad(name, "no answered questionnaires found")
    groups: dict[tuple[str, str], list[Beep]] = {}
    for n, beep in enumerate(sorted(survey.beeps, key=lambda b: (b.participant, b.utc))):
        key = beep.local.date().isoformat() if per == "day" else str(n)
        groups.setdefault((beep.participant, key), []).append(beep)
    labels = _labels(survey)
    docs = [_document(survey, beeps, per, labels, name) for beeps in groups.values()]
    docs[0].warnings.extend(survey.warnings)
    return docs


def read_esm_file(path: Path, data: bytes, *, mapping: dict[str, str] | None = None,
                  per: str | None = None) -> list[ImportedDocument]:
    """Like ``read_esm`` but finds an m-Path meta file next to ``path`` by itself."""
    meta_path = find_meta_file(path)
    meta = read_bytes(meta_path) if meta_path else None
    return read_esm(data, path.name, mapping=mapping, per=per, meta=meta,
                    meta_name=meta_path.name if meta_path else "meta.csv")
