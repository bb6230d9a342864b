"""Delimited text tables (CSV/TSV as spreadsheets and survey tools write them)."""

from __future__ import annotations

import csv
import io
import re

from .common import bad, one_line
from .textfile import decode_text

DELIMITERS = ",;\t"


def detect_delimiter(header_line: str) -> str | None:
    """The delimiter used most often in the header line (outside quotes), or None."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def csv_rows(data: bytes, name: str) -> list[list[str]]:
    """The rows of a delimited file as written (encoding and delimiter detected); BadInput when
    the first line has no delimiter or the quoting is broken."""
    text = decode_text(data, name)
    first = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = detect_delimiter(first)
    if delimiter is None:
        raise bad(name, "not a table: the first line has no comma, semicolon or tab")
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        raise bad(name, f"the table cannot be read ({one_line(exc)})") from None


def read_table(data: bytes, name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a delimited file; encoding and delimiter are detected.

    Short rows are padded and blank rows dropped. Raises BadInput when there is no header with
    at least two columns, or the CSV quoting is broken.
    """
    rows = [row for row in csv_rows(data, name) if any(cell.strip() for cell in row)]
    header = [h.strip().lstrip("\ufeff") or f"column {i + 1}" for i, h in enumerate(rows[0])]
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    return header, body
