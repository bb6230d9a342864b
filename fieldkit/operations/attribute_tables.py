"""Attribute values from a table, and the classification table out (``project.attributes``).

``import_table`` reads a CSV or xlsx table whose rows are cases or documents, matched by case
name or document title in the key column (without regard to case), and sets every other
column as an attribute: an attribute already defined keeps its type and every cell must fit
it; a new column is defined with the type its cells show (``infer_type``). A blank cell clears
the value. Everything is checked before anything is written: an unknown key, a duplicate key
or a cell of the wrong type is refused in one line naming it, and nothing changes. The whole
import is one undo step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import Attribute, display, parse_value
from fieldkit.core.errors import BadInput
from fieldkit.exporters.attribute_table import Sheet, write_attribute_table
from fieldkit.importers.attribute_table import read_attribute_table
from fieldkit.storage import case_tables

if TYPE_CHECKING:
    from fieldkit.operations.attributes import Attributes
    from fieldkit.storage.store import Store

TARGETS = ("cases", "documents")
SHOWN = 10  # unknown keys named in a message


@dataclass(slots=True)
class ImportReport:
    """What an import did: which rows it matched, the attributes it defined (name → type)
    and how many cases or documents got other values."""

    target: str
    rows: int
    defined: dict[str, str] = field(default_factory=dict)
    changed: int = 0
    columns: list[str] = field(default_factory=list)


def import_table(part: Attributes, store: Store, path: Path, key: str,
                 target: str | None) -> ImportReport:
    """See the module docstring."""
    if target is not None and target not in TARGETS:
        raise BadInput(f"Attributes are imported to cases or documents, not '{target}'.")
    header, rows = read_attribute_table(path, target)
    key_at = _key_column(header, key, path.name)
    keyed = _keyed_rows(header, rows, key_at, path.name)
    target, ids = _match(store, [str(r[key_at]) for _, r in keyed], target, header[key_at],
                         path.name)
    columns = [(i, h) for i, h in enumerate(header) if i != key_at and h.strip()]
    _no_twins(columns, path.name)
    stored = part._stored()
    definitions: list[tuple[Attribute, bool]] = []
    for i, name in columns:
        definitions.append(_definition(store, stored, name, [r[i] for _, r in keyed]))
    # every cell parsed before anything is written
    new_values: dict[int, dict[str, Any]] = {}
    for (line, row), key_id in zip(keyed, ids, strict=True):
        typed: dict[str, Any] = {}
        for (i, name), (attribute, _) in zip(columns, definitions, strict=True):
            try:
                typed[attribute.name] = parse_value(attribute.name, attribute.type, row[i],
                                                    attribute.choices)
            except BadInput as exc:
                raise BadInput(f"{path.name}, row {line}, column {name}: {exc} Nothing was "
                               "imported.") from None
        new_values[key_id] = typed
    report = ImportReport(target, len(keyed), columns=[a.name for a, _ in definitions])
    with store.change(f"Import attributes from {path.name}"):
        for attribute, new in definitions:
            if new:
                part._ensure(attribute.name, extra=_raws(keyed, columns, attribute.name))
                report.defined[attribute.name] = attribute.type
        current = case_tables.values_of(store, target)
        for key_id, typed in new_values.items():
            values = dict(current[key_id])
            for name, value in typed.items():
                values = {n: v for n, v in values.items() if n.casefold() != name.casefold()}
                if value is not None:
                    values[name] = value
            if values != current[key_id]:
                case_tables.set_values(store, target, key_id, values)
                report.changed += 1
    return report


def _key_column(header: list[str], key: str, name: str) -> int:
    wanted = key.strip().casefold()
    for i, h in enumerate(header):
        if h.strip().casefold() == wanted:
            return i
    raise BadInput(f"{name} has no column '{key}' (columns: {', '.join(header)}).")


def _keyed_rows(header: list[str], rows: list[list[Any]], key_at: int,
                name: str) -> list[tuple[int, list[Any]]]:
    """(line number, row) of every row, its key as text; duplicate or missing keys refused."""
    seen: dict[str, int] = {}
    out = []
    for n, row in enumerate(rows, start=2):
        key = display(_cell_text(row[key_at])).strip()
        if not key:
            raise BadInput(f"{name}, row {n}: no {header[key_at]}; every row needs one. "
                           "Nothing was imported.")
        if key.casefold() in seen:
            raise BadInput(f"{name}: '{key}' is in rows {seen[key.casefold()]} and {n}; each "
                           f"{header[key_at]} once. Nothing was imported.")
        seen[key.casefold()] = n
        out.append((n, [*row[:key_at], key, *row[key_at + 1:]]))
    if not out:
        raise BadInput(f"{name} has no rows under its header; nothing was imported.")
    return out


def _match(store: Store, keys: list[str], target: str | None,
           key_name: str, name: str) -> tuple[str, list[int]]:
    """The target and the id of each row's case or document; unknown keys refused."""
    cases = {str(r["name"]).casefold(): int(r["id"]) for r in case_tables.case_rows(store)}
    titles: dict[str, list[int]] = {}
    for doc, title in sorted(case_tables.titles(store).items()):
        titles.setdefault(title.casefold(), []).append(doc)
    if target is None:
        in_cases = sum(k.casefold() in cases for k in keys)
        in_docs = sum(k.casefold() in titles for k in keys)
        if not in_cases and not in_docs:
            raise BadInput(f"{name}: no {key_name} names a case or a document title here "
                           f"({_shown(keys)}); nothing was imported.")
        target = "cases" if in_cases >= in_docs else "documents"
    unknown = [k for k in keys if k.casefold() not in (cases if target == "cases" else titles)]
    if unknown:
        noun = "case" if target == "cases" else "document title"
        raise BadInput(f"{name}: {len(unknown)} {key_name} value(s) match no {noun}: "
                       f"{_shown(unknown)}. Nothing was imported.")
    if target == "cases":
        return target, [cases[k.casefold()] for k in keys]
    twice = [k for k in keys if len(titles[k.casefold()]) > 1]
    if twice:
        raise BadInput(f"{name}: several documents are called {_shown(twice)}; rename them "
                       "first. Nothing was imported.")
    return target, [titles[k.casefold()][0] for k in keys]


def _shown(keys: list[str]) -> str:
    return ", ".join(keys[:SHOWN]) + (f" and {len(keys) - SHOWN} more"
                                      if len(keys) > SHOWN else "")


def _no_twins(columns: list[tuple[int, str]], name: str) -> None:
    seen: set[str] = set()
    for _, header in columns:
        if header.casefold() in seen:
            raise BadInput(f"{name} has two columns '{header}'; nothing was imported.")
        seen.add(header.casefold())


def _definition(store: Store, stored: dict[str, dict[int, dict[str, Any]]], name: str,
                cells: list[Any]) -> tuple[Attribute, bool]:
    """The definition a column is read with, and whether it is new (to be stored): an
    existing one, else the type the column's cells and the values in use show."""
    found = case_tables.definition(store, name)
    if found is not None:
        return found, False
    folded = name.casefold()
    in_use = [display(v) if not isinstance(v, bool) else str(v).lower()
              for rows in stored.values() for values in rows.values()
              for n, v in values.items() if n.casefold() == folded and v is not None]
    kind, choices = case_tables.infer([_cell_text(c) for c in cells] + in_use)
    return Attribute(0, "", name.strip(), kind, choices), True


def _cell_text(cell: Any) -> str:
    """A cell as the text a person would have typed (for inferring a column's type)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, (dt.datetime, dt.date)):
        return (cell.date() if isinstance(cell, dt.datetime) else cell).isoformat()
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    return str(cell)


def _raws(keyed: list[tuple[int, list[Any]]], columns: list[tuple[int, str]],
          name: str) -> list[str]:
    at = next(i for i, h in columns if h.strip().casefold() == name.casefold())
    return [t for t in (_cell_text(r[at]) for _, r in keyed) if t.strip()]


def export_table(part: Attributes, store: Store, path: Path) -> Path:
    """The classification table (see ``exporters.attribute_table``)."""
    infos = part.all()
    columns = [(a.name, a.type) for a in infos]
    case_rows = [(str(r["name"]), case_tables.values_of_row(r["attributes"]))
                 for r in case_tables.case_rows(store)]
    titles = case_tables.titles(store)
    docs = case_tables.values_of(store, "documents")
    doc_rows = [(titles[d], docs[d]) for d in sorted(docs)]
    case_columns = [c for c, a in zip(columns, infos, strict=True) if a.cases] or columns
    doc_columns = [c for c, a in zip(columns, infos, strict=True) if a.documents] or columns
    return write_attribute_table(path, [Sheet("Cases", "case", case_columns, case_rows),
                                        Sheet("Documents", "document", doc_columns, doc_rows)])
