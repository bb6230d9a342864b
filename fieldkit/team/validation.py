"""What a change set from the team server must look like before this copy applies any of it.

The server is not trusted: a member under old grants, a server bug or a hand-made row may put
anything in the history. Every incoming change set is checked here against this schema (a
known table and operation, the shape of the key, the type and size of every value, a text
span that makes sense) before the applier sees it. A malformed row is skipped (a body that is
not a list of rows: the whole change set); the decision depends only on the change set itself,
so every copy skips the same ones. A well-formed column this version does not know (a newer
fieldkit's) is left out and the rest of its row applied, as a table of a newer version is not.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from fieldkit.core.attributes import TYPES
from fieldkit.storage.case_tables import HOLDERS
from fieldkit.storage.replica_tables import IDENTITY, REFS, SHARED, Column
from fieldkit.storage.team_server_sql import SHA_RE, UUID_RE

UUID = re.compile(UUID_RE)  # the server checks the same patterns
SHA256 = re.compile(SHA_RE)
OPS = frozenset({"insert", "update", "delete"})
ROW_KEYS = frozenset({"t", "k", "op", "set", "was", "coder", "doc"})
KINDS = frozenset({"change", "release"})
#: what a column a newer fieldkit adds looks like (its value is kept out, the row applied)
FUTURE_COLUMN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
#: the longest text one value may carry (a very long transcript is a few MB)
TEXT_MAX = 16_000_000
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1
#: rows in one change set (a merge of large projects stays far below)
ROWS_MAX = 2_000_000


class Invalid(Exception):
    """Why a change set is not a valid change (one line)."""


def is_media_key(value: Any) -> bool:
    """A media file's name on every copy: its sha256, 64 lowercase hex digits."""
    return isinstance(value, str) and SHA256.match(value) is not None


def _identity_ok(table: str, value: Any) -> bool:
    if table == "media":
        return is_media_key(value)
    return isinstance(value, str) and UUID.match(value) is not None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


class Validator:
    """Checks incoming change sets against this copy's schema of shared tables."""

    def __init__(self, catalog: dict[str, dict[str, Column]]) -> None:
        self.catalog = catalog

    def check(self, kind: Any, body: Any) -> tuple[list[dict[str, Any]], list[str]]:
        """The valid rows of a change set, and what is wrong with each other row ("row 3:
        …"); ``Invalid`` when the change set as a whole is not one (not a list of rows)."""
        if kind not in KINDS:
            raise Invalid(f"unknown kind {_short(kind)}")
        if not isinstance(body, list):
            raise Invalid(f"its body is {type(body).__name__}, not a list of rows")
        if len(body) > ROWS_MAX:
            raise Invalid(f"{len(body)} rows, more than {ROWS_MAX}")
        rows: list[dict[str, Any]] = []
        problems: list[str] = []
        for n, row in enumerate(body, 1):
            try:
                rows.append(self._row(row))
            except Invalid as exc:
                problems.append(f"row {n}: {exc}")
        return rows, problems

    def _row(self, row: Any) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise Invalid(f"{_short(row)} is not a row")
        extra = set(row) - ROW_KEYS
        if extra:
            raise Invalid(f"unknown field {_short(sorted(extra)[0])}")
        table, op = row.get("t"), row.get("op")
        if not isinstance(table, str) or table not in SHARED or table not in self.catalog:
            raise Invalid(f"unknown table {_short(table)}")
        if op not in OPS:
            raise Invalid(f"unknown operation {_short(op)} on {table}")
        if "k" not in row:
            raise Invalid(f"a {table} row without a key")
        key = self._key(table, row["k"])
        for name in ("coder", "doc"):
            if name in row and row[name] is not None and not _identity_ok("codings", row[name]):
                raise Invalid(f"{name} {_short(row[name])} is not a UUID")
        if "was" in row and not isinstance(row["was"], dict):
            raise Invalid("'was' is not a set of fields")
        if op == "delete":
            return row
        values = row.get("set")
        if not isinstance(values, dict):
            raise Invalid(f"an {op} of {table} without a set of fields")
        columns = self.catalog[table]
        for name, value in values.items():
            column = columns.get(name)
            if column is not None:
                self._value(table, column, value)
            elif name == "id" or not FUTURE_COLUMN.match(name) \
                    or not isinstance(value, (str, int, float, type(None))):
                raise Invalid(f"unknown column {_short(name)} of {table}")
        if any(name not in columns for name in values):
            # a column a newer fieldkit added: this copy keeps the rest of the row
            row = {**row, "set": {k: v for k, v in values.items() if k in columns}}
            values = row["set"]
        self._identity_fields(table, op, key, values)
        if table == "codings":
            self._span(values, "start", "end")
            self._span(values, "start_ms", "end_ms")
            if values.get("orphaned", 0) not in (0, 1):
                raise Invalid("orphaned is neither 0 nor 1")
        if table in ("turns", "case_parts"):
            self._span(values, "start", "end")
        if table == "attributes":
            self._definition(values)
        elif table in HOLDERS and isinstance(values.get("attributes"), str):
            self._values(table, values["attributes"])
        return row

    @staticmethod
    def _definition(values: dict[str, Any]) -> None:
        """An attribute definition as this copy reads it back: a known type, its choices a
        list of texts (stored as JSON), a name: every listing of attributes reads them."""
        if "type" in values and values["type"] not in TYPES:
            raise Invalid(f"attribute type {_short(values['type'])} is not one of "
                          f"{', '.join(TYPES)}")
        if "choices" in values:
            try:
                choices = json.loads(values["choices"])
            except (TypeError, ValueError):
                choices = None
            if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
                raise Invalid(f"attribute choices {_short(values['choices'])} are not a list "
                              "of texts")
        if "name" in values and not values["name"].strip():
            raise Invalid("an attribute without a name")

    @staticmethod
    def _values(table: str, raw: str) -> None:
        """The attribute values of a case, document or participant: a JSON object."""
        try:
            found = json.loads(raw) if raw else {}
        except ValueError:
            found = None
        if not isinstance(found, dict):
            raise Invalid(f"{table}.attributes {_short(raw)} is not a set of values")

    def _key(self, table: str, key: Any) -> list[Any]:
        columns = IDENTITY[table]
        parts = key if len(columns) > 1 else [key]
        if not isinstance(parts, list) or len(parts) != len(columns):
            raise Invalid(f"key {_short(key)} of {table} has the wrong shape")
        for column, part in zip(columns, parts, strict=True):
            target = REFS[table].get(column)
            if column in ("uuid", "sha256"):
                ok = _identity_ok(table, part)
            elif target is not None:
                ok = part is None or _identity_ok(target, part)
            else:
                ok = type(part) is int and 0 <= part <= INT_MAX
            if not ok:
                raise Invalid(f"key {_short(key)} of {table} is not a valid identity")
        return parts

    def _value(self, table: str, column: Column, value: Any) -> None:
        name = f"{table}.{column.name}"
        if value is None:
            if column.notnull:
                raise Invalid(f"{name} is empty")
            return
        if column.ref is not None:
            if not _identity_ok(column.ref, value):
                raise Invalid(f"{name} {_short(value)} does not name a {column.ref} row")
            return
        if column.kind == "integer":
            if type(value) is not int:
                raise Invalid(f"{name} is {type(value).__name__}, not a whole number")
            if not INT_MIN <= value <= INT_MAX:
                raise Invalid(f"{name} {_short(value)} is out of range")
        elif column.kind == "real":
            if type(value) not in (int, float) or not math.isfinite(value) \
                    or abs(value) > 1e300:
                raise Invalid(f"{name} {_short(value)} is not a number")
        elif column.kind == "text":
            if not isinstance(value, str):
                raise Invalid(f"{name} is {type(value).__name__}, not text")
            if len(value) > TEXT_MAX:
                raise Invalid(f"{name} holds {len(value)} characters, more than {TEXT_MAX}")
            if "\x00" in value:
                raise Invalid(f"{name} holds a NUL character")
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise Invalid(f"{name} is {type(value).__name__}")

    def _identity_fields(self, table: str, op: str, key: list[Any],
                         values: dict[str, Any]) -> None:
        """A row says once which row it is: the key and its own identity fields agree."""
        for column, part in zip(IDENTITY[table], key, strict=True):
            if column not in ("uuid", "sha256"):
                continue  # a link row's key names what it links, as it is after the change
            if column in values and values[column] != part:
                raise Invalid(f"its {column} {_short(values[column])} differs from its key")
            if op == "insert" and column not in values:
                raise Invalid(f"an insert of {table} without its {column}")

    @staticmethod
    def _span(values: dict[str, Any], start_name: str, end_name: str) -> None:
        start, end = values.get(start_name), values.get(end_name)
        if start is None and end is None:
            return
        if start_name in values and end_name in values and (start is None) != (end is None):
            raise Invalid(f"{start_name} and {end_name} must both be given or both be empty")
        for value in (start, end):
            if value is not None and (type(value) is not int or value < 0):
                raise Invalid(f"{start_name}–{end_name} {_short(value)} is not a position")
        if start is not None and end is not None and start > end:
            raise Invalid(f"{start_name} {start} lies after {end_name} {end}")
