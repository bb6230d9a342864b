"""``project.attributes``: typed attributes (variables) on cases and documents.

A definition gives an attribute name its type (text, number, date, boolean, choice) and, for a
choice, its closed list; the values live on cases, documents (and participants, which ESM and
interview imports bring), stored typed (``core.attributes``). A name in use without a
definition (an import's) is defined on first use with the type its values show.

Every change is one undo step; a value that does not fit its type is refused in one line and
nothing is changed. Tables in and out: ``import_table`` and ``export_table``
(``operations.attribute_tables``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import (
    Attribute,
    Value,
    check_type,
    display,
    parse_condition,
    parse_value,
)
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.names import check_name
from fieldkit.operations.cases import CaseInfo
from fieldkit.storage import analysis_rows, case_tables

if TYPE_CHECKING:
    from fieldkit.operations.attribute_tables import ImportReport
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

ATTRIBUTE_NAME_MAX = 200
KINDS = ("cases", "documents")
#: what a row of each table is called in a message
_NOUN = {"cases": "case", "documents": "document", "participants": "participant"}

Update = tuple[str, int, dict[str, Any]]  # (table, row id, its new values)


@dataclass(slots=True)
class AttributeInfo:
    """A definition and where it is used: how many cases, documents and participants carry a
    value. ``defined`` is False for a name in use that has no definition yet (its type is
    what its values show; ``id`` 0)."""

    id: int
    uuid: str
    name: str
    type: str
    choices: list[str]
    position: int
    cases: int = 0
    documents: int = 0
    participants: int = 0
    defined: bool = True


@dataclass(slots=True)
class Matches:
    """The cases and documents whose values satisfy a condition (short ids, sorted)."""

    cases: list[int]
    documents: list[int]


class Attributes:
    """The project's attributes; reached as ``project.attributes``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    # -- reading ---------------------------------------------------------------------------

    def all(self) -> list[AttributeInfo]:
        """Every definition in order, then names in use without one, with their counts."""
        stored = self._stored()
        counts: dict[str, dict[str, int]] = {}
        for table, rows in stored.items():
            for values in rows.values():
                for name in values:
                    seen = counts.setdefault(name.casefold(), {})
                    seen[table] = seen.get(table, 0) + 1
        out = []
        for a in case_tables.definitions(self._store):
            seen = counts.pop(a.name.casefold(), {})
            out.append(AttributeInfo(a.id, a.uuid, a.name, a.type, a.choices, a.position,
                                     seen.get("cases", 0), seen.get("documents", 0),
                                     seen.get("participants", 0)))
        for folded, seen in sorted(counts.items()):
            if not _values(stored, folded):
                continue  # only lists and objects: an import's own facts, not an attribute
            name = _spelling(stored, folded)
            kind, choices = case_tables.infer(_raws(stored, folded))
            out.append(AttributeInfo(0, "", name, kind, choices, len(out),
                                     seen.get("cases", 0), seen.get("documents", 0),
                                     seen.get("participants", 0), defined=False))
        return out

    def get(self, name: str) -> Attribute:
        """The definition of ``name``; for a name in use without one, the type its values show
        (``id`` 0: not stored). NotFound names the attributes there are."""
        found = case_tables.definition(self._store, name)
        if found is not None:
            return found
        for info in self.all():
            if info.name.casefold() == name.strip().casefold():
                return Attribute(0, "", info.name, info.type, info.choices, info.position)
        raise NotFound(f"There is no attribute '{name}' in this project "
                       f"(attributes: {self._names()}).")

    def values(self, kind: str) -> dict[int, dict[str, Value]]:
        """id → the attribute values of every case or document (an empty dict when none)."""
        if kind not in KINDS:
            raise BadInput(f"Attributes are on cases or documents, not '{kind}'.")
        return case_tables.values_of(self._store, kind)

    def types(self) -> dict[str, str]:
        """name → type of every attribute, defined or in use."""
        return {a.name: a.type for a in self.all()}

    # -- definitions -----------------------------------------------------------------------

    def define(self, name: str, type: str, choices: Sequence[str] = ()) -> Attribute:
        """A new attribute. A name in use without a definition keeps its values, converted to
        ``type`` (a value that does not fit is refused, nothing changed); a choice without
        ``choices`` takes the values in use as its list."""
        name = check_name(name, "attribute", ATTRIBUTE_NAME_MAX)
        check_type(type)
        existing = case_tables.definition(self._store, name)
        if existing is not None:
            raise BadInput(f"There is already an attribute '{existing.name}'.")
        stored = self._stored()
        folded = name.casefold()
        listed = _choices(choices)
        if type == "choice" and not listed:
            listed = sorted({display(v) for v in _values(stored, folded)}, key=str.casefold)
            if not listed:
                raise BadInput(f"A choice attribute needs its choices (e.g. --choices "
                               f"a,b), and {name} has no values yet to take them from.")
        updates = self._retyped(stored, folded, name, type, listed)
        with self._store.change(f"Define attribute {name}"):
            case_tables.add_definition(self._store, name, type, listed)
            self._write(updates)
        return self._ensure(name)

    def change(self, name: str, *, type: str | None = None,
               choices: Sequence[str] | None = None, rename: str | None = None) -> Attribute:
        """Change an attribute's type, choices or name; its values are converted (a value that
        does not fit the new type is refused, nothing changed)."""
        self.get(name)  # NotFound for a name neither defined nor in use
        with self._store.change(f"Change attribute {name.strip()}"):
            return self._change(self._ensure(name), type, choices, rename)

    def _change(self, current: Attribute, type: str | None, choices: Sequence[str] | None,
                rename: str | None) -> Attribute:
        new_type = check_type(type) if type is not None else current.type
        new_choices = _choices(choices) if choices is not None else list(current.choices)
        new_name = check_name(rename, "attribute", ATTRIBUTE_NAME_MAX) \
            if rename is not None else current.name
        other = case_tables.definition(self._store, new_name)
        if other is not None and other.id != current.id:
            raise BadInput(f"There is already an attribute '{other.name}'.")
        if new_type == "choice" and not new_choices:
            raise BadInput(f"A choice attribute needs its choices ({current.name}).")
        stored = self._stored()
        updates = self._retyped(stored, current.name.casefold(), new_name, new_type,
                                new_choices)
        case_tables.update_definition(self._store, current.id, {
            "name": new_name, "type": new_type, "choices": new_choices})
        self._write(updates)
        return self._ensure(new_name)

    def delete(self, name: str) -> None:
        """Delete an attribute: its definition and its values on every case, document and
        participant (one undo step)."""
        found = case_tables.definition(self._store, name)
        stored = self._stored()
        folded = name.strip().casefold()
        updates = [(table, key, {n: v for n, v in values.items() if n.casefold() != folded})
                   for table, rows in stored.items() for key, values in rows.items()
                   if any(n.casefold() == folded for n in values)]
        if found is None and not updates:
            raise NotFound(f"There is no attribute '{name}' in this project "
                           f"(attributes: {self._names()}).")
        with self._store.change(f"Delete attribute {found.name if found else name}"):
            if found is not None:
                case_tables.delete_definition(self._store, found.id)
            self._write(updates)

    # -- values ----------------------------------------------------------------------------

    def set(self, target: CaseInfo | int | str, name: str, value: object) -> Value | None:
        """Set (or, with "" / None, clear) one value of a case or document; returns the stored
        value. ``target``: a CaseInfo, a document id, or text "case:NAME", "doc:ID", a case
        name or a document title (both, or two documents of that title: refused)."""
        table, key, label = self._target(target)
        with self._store.change(f"Set {name.strip()} of {label}"):
            definition = self._ensure(name, extra=[value])
            typed = parse_value(definition.name, definition.type, value, definition.choices)
            values = {n: v for n, v in case_tables.values_of_one(self._store, table, key).items()
                      if n.casefold() != definition.name.casefold()}
            if typed is not None:
                values[definition.name] = typed
            case_tables.set_values(self._store, table, key, values)
        return typed

    def set_many(self, kind: str, values: Mapping[int, Mapping[str, object]]) -> int:
        """Set many values at once (a paste into the classification sheet, an import): ``kind``
        "cases" or "documents", ``values`` id → name → raw value ("" / None clears). Names
        without a definition are defined with the type their values show. All of it is one
        undo step, or nothing: a value that does not fit is refused (BadInput naming the case
        or document) and nothing is changed. Returns how many cases or documents changed."""
        if kind not in KINDS:
            raise BadInput(f"Attributes are on cases or documents, not '{kind}'.")
        missing = [key for key in values
                   if key not in case_tables.values_of(self._store, kind)]
        if missing:
            raise NotFound(f"There is no {_NOUN[kind]} {missing[0]} in this project.")
        spelled: dict[str, str] = {}
        raws: dict[str, list[object]] = {}
        for row in values.values():
            for name, raw in row.items():
                folded = _fold(name)
                spelled.setdefault(folded, name.strip())
                raws.setdefault(folded, []).append(raw)
        changed = 0
        with self._store.change(f"Set attributes of {len(values)} {kind}"):
            # a name without a definition gets one here (undone with the rest)
            definitions = {f: self._ensure(spelled[f], extra=raws[f]) for f in spelled}
            known = case_tables.values_of(self._store, kind)  # as the definitions left them
            for key, row in values.items():
                new = dict(known[key])
                for name, raw in row.items():
                    found = definitions[_fold(name)]
                    try:
                        typed = parse_value(found.name, found.type, raw, found.choices)
                    except BadInput as exc:
                        raise BadInput(f"{self._label(kind, key)}: {exc} Nothing was "
                                       "changed.") from None
                    new = {n: v for n, v in new.items() if n.casefold() != found.name.casefold()}
                    if typed is not None:
                        new[found.name] = typed
                if new != known[key]:
                    case_tables.set_values(self._store, kind, key, new)
                    changed += 1
        return changed

    def matching(self, condition: str) -> Matches:
        """The cases and documents whose values satisfy ``condition`` (e.g. "afdeling =
        Lasserij and jaren < 5"). A document's values are its own, else its cases' (documents
        in a case, or of a participant linked to one), else its participant's."""
        infos = self.all()
        types = {a.name: a.type for a in infos}
        parsed = parse_condition(condition)
        parsed.check(types)
        cases = self._typed_view(case_tables.values_of(self._store, "cases"), infos)
        matched_cases = sorted(k for k, v in cases.items() if parsed.matches(v, types))
        docs = self._document_values(cases, infos)
        matched_docs = sorted(k for k, v in docs.items() if parsed.matches(v, types))
        return Matches(matched_cases, matched_docs)

    def _typed_view(self, rows: dict[int, dict[str, Any]],
                    infos: list[AttributeInfo]) -> dict[int, dict[str, Any]]:
        """``rows`` with the values of names in use without a definition (still text, as an
        import wrote them) read as the type their values show, so that "jaren < 5" compares
        numbers; nothing is written."""
        undefined = {a.name.casefold(): a for a in infos if not a.defined}
        if not undefined:
            return rows
        out = {}
        for key, values in rows.items():
            view = dict(values)
            for name, value in values.items():
                info = undefined.get(name.casefold())
                if info is not None:
                    try:
                        view[name] = parse_value(name, info.type, _plain(value), info.choices)
                    except BadInput:
                        pass
            out[key] = view
        return out

    def _document_values(self, cases: Mapping[int, dict[str, Any]],
                         infos: list[AttributeInfo]) -> dict[int, dict[str, Any]]:
        people = self._typed_view(case_tables.values_of(self._store, "participants"), infos)
        of_doc: dict[int, list[int]] = {}
        for case, doc in analysis_rows.case_documents(self._store):
            of_doc.setdefault(int(doc), []).append(int(case))
        owners = case_tables.document_participants(self._store)
        out = {}
        docs = self._typed_view(case_tables.values_of(self._store, "documents"), infos)
        for doc, own in docs.items():
            merged: dict[str, Any] = {}
            for values in [people.get(owners.get(doc, -1), {}),
                           *(cases.get(c, {}) for c in sorted(of_doc.get(doc, ()))), own]:
                for n, v in values.items():
                    merged = {k: x for k, x in merged.items() if k.casefold() != n.casefold()}
                    merged[n] = v
            out[doc] = merged
        return out

    # -- tables ----------------------------------------------------------------------------

    def import_table(self, path: str | Path, key: str, *,
                     target: str | None = None) -> ImportReport:
        """Values from a CSV (any common encoding, "," ";" or tab) or xlsx table, one row per
        case or document (matched by case name or document title in column ``key``); see
        ``operations.attribute_tables``. All or nothing; one undo step."""
        from fieldkit.operations.attribute_tables import import_table

        return import_table(self, self._store, Path(path), key, target)

    def export_table(self, path: str | Path) -> Path:
        """An xlsx with a sheet of cases × attributes and one of documents × attributes."""
        from fieldkit.operations.attribute_tables import export_table

        return export_table(self, self._store, Path(path))

    # -- helpers shared with the tables ----------------------------------------------------

    def _stored(self) -> dict[str, dict[int, dict[str, Any]]]:
        return {t: case_tables.values_of(self._store, t) for t in case_tables.HOLDERS}

    def _names(self) -> str:
        names = [a.name for a in self.all()]
        return ", ".join(names[:20]) + (" …" if len(names) > 20 else "") or "none yet"

    def _ensure(self, name: str, extra: Iterable[object] = ()) -> Attribute:
        """The definition of ``name``; a name without one is defined (inside the caller's
        change) with the type its values in use and ``extra`` show."""
        name = check_name(name, "attribute", ATTRIBUTE_NAME_MAX)
        found = case_tables.definition(self._store, name)
        if found is not None:
            return found
        stored = self._stored()
        folded = name.casefold()
        raws = _raws(stored, folded) + [t for t in (_text(v) for v in extra) if t.strip()]
        kind, choices = case_tables.infer(raws)
        spelling = _spelling(stored, folded) or name
        updates = self._retyped(stored, folded, spelling, kind, choices)
        with self._store.change(f"Define attribute {spelling}"):
            case_tables.add_definition(self._store, spelling, kind, choices)
            self._write(updates)
        found = case_tables.definition(self._store, spelling)
        assert found is not None
        return found

    def _retyped(self, stored: dict[str, dict[int, dict[str, Any]]], folded: str, name: str,
                 kind: str, choices: list[str]) -> list[Update]:
        """The rows whose values of the attribute ``folded`` change when it is called ``name``
        and has ``kind``; BadInput (naming the first row) when a value does not fit."""
        updates: list[Update] = []
        for table, rows in stored.items():
            for key, values in rows.items():
                spelled = [n for n in values if n.casefold() == folded]
                if not spelled or isinstance(values[spelled[0]], (dict, list)):
                    continue  # a list or object is an import's own fact: left as it is
                try:
                    typed = parse_value(name, kind, _plain(values[spelled[0]]), choices)
                except BadInput as exc:
                    raise BadInput(f"{self._label(table, key)}: {exc} Nothing was "
                                   "changed.") from None
                new = {n: v for n, v in values.items() if n.casefold() != folded}
                if typed is not None:
                    new[name] = typed
                if new != values or list(new) != list(values):
                    updates.append((table, key, new))
        return updates

    def _write(self, updates: list[Update]) -> None:
        for table, key, values in updates:
            case_tables.set_values(self._store, table, key, values)

    def _label(self, table: str, key: int) -> str:
        return f"{_NOUN[table]} {case_tables.label(self._store, table, key)}"

    def _target(self, target: CaseInfo | int | str) -> tuple[str, int, str]:
        """(table, id, label) of the case or document ``target`` names."""
        if isinstance(target, CaseInfo):
            return "cases", target.id, f"case {target.name}"
        if isinstance(target, int) and not isinstance(target, bool):
            key = self._store.resolve("documents", target)
            return "documents", key, f"document {key}"
        text = str(target).strip()
        head, _, rest = text.partition(":")
        if head.casefold() == "case" and rest.strip():
            case = self._project.cases.get(rest.strip())
            return "cases", case.id, f"case {case.name}"
        if head.casefold() in ("doc", "document") and rest.strip():
            key = self._store.resolve("documents", rest.strip())
            return "documents", key, f"document {key}"
        case_row = case_tables.case_row(self._store, text)
        is_case = case_row is not None and case_row["name"].casefold() == text.casefold()
        titled = case_tables.documents_titled(self._store, text)
        if is_case and titled or len(titled) > 1:
            raise BadInput(f"'{text}' names {'a case and ' if is_case else ''}"
                           f"{len(titled)} document(s); write case:NAME or doc:ID.")
        if is_case and case_row is not None:
            return "cases", int(case_row["id"]), f"case {case_row['name']}"
        if titled:
            return "documents", titled[0], f"document {titled[0]}"
        if text.isdecimal():
            key = self._store.resolve("documents", text)
            return "documents", key, f"document {key}"
        raise NotFound(f"There is no case or document '{text}' in this project.")


def _fold(name: str) -> str:
    """An attribute name as names are compared: tidied as ``check_name`` does, casefolded."""
    return check_name(name, "attribute", ATTRIBUTE_NAME_MAX).casefold()


def _choices(choices: Sequence[str] | str) -> list[str]:
    if isinstance(choices, str):
        choices = choices.split(",")
    seen: dict[str, str] = {}
    for choice in choices:
        text = " ".join(str(choice).split())
        if text:
            seen.setdefault(text.casefold(), text)
    return list(seen.values())


def _plain(value: object) -> object:
    """A stored value as ``parse_value`` takes it (a JSON list or object as its text)."""
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value


def _text(value: object) -> str:
    """What a person typed or a table held, as text (for inferring a type)."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return display(value)
    return str(_plain(value))


def _values(stored: Mapping[str, Mapping[int, Mapping[str, Any]]], folded: str) -> list[Any]:
    """The values of one name in use (lists and objects, an import's own facts, left out)."""
    return [v for rows in stored.values() for values in rows.values()
            for n, v in values.items()
            if n.casefold() == folded and v is not None and not isinstance(v, (dict, list))]


def _raws(stored: Mapping[str, Mapping[int, Mapping[str, Any]]], folded: str) -> list[str]:
    """The values of one name in use, as text (what ``infer_type`` reads)."""
    out = []
    for v in _values(stored, folded):
        if isinstance(v, bool):
            out.append("true" if v else "false")
        else:
            out.append(display(_plain(v)))  # type: ignore[arg-type]
    return out


def _spelling(stored: Mapping[str, Mapping[int, Mapping[str, Any]]], folded: str) -> str:
    """The spelling of a name in use that is used most."""
    rows = [values for table in stored.values() for values in table.values()]
    return case_tables.spellings(rows).get(folded, "")
